// SPDX-License-Identifier: GPL-2.0
/* Starting and stopping vwifi-medium; see daemon.h. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"
#include "vw_medium_client.h"

#define MAX_ARGS 40

long long med_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

void med_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

const char *med_bin(void)
{
	const char *bin = getenv("VWM_BIN");

	return bin && *bin ? bin : "../vwifi-medium";
}

void med_paths(struct med *md)
{
	strcpy(md->dir, "/tmp/vwm-test.XXXXXX");
	if (!mkdtemp(md->dir)) {
		perror("mkdtemp");
		exit(2);
	}
	snprintf(md->air, sizeof(md->air), "%s/air.sock", md->dir);
	snprintf(md->ctl, sizeof(md->ctl), "%s/ctl.sock", md->dir);
	snprintf(md->log, sizeof(md->log), "%s/medium.log", md->dir);
	snprintf(md->pcap, sizeof(md->pcap), "%s/air.pcap", md->dir);
	snprintf(md->vglog, sizeof(md->vglog), "%s/valgrind.log", md->dir);
}

bool med_start(struct med *md, const char *const *extra)
{
	const char *argv[MAX_ARGS];
	char vglog[160];
	long long deadline;
	int n = 0, fd, status;

	if (!md->dir[0])
		med_paths(md);
	if (md->valgrind) {
		snprintf(vglog, sizeof(vglog), "--log-file=%s", md->vglog);
		argv[n++] = "valgrind";
		argv[n++] = "-q";
		argv[n++] = "--leak-check=full";
		argv[n++] = "--show-leak-kinds=definite,indirect,possible";
		argv[n++] = "--errors-for-leak-kinds=definite,indirect,possible";
		argv[n++] = "--error-exitcode=99";
		argv[n++] = vglog;
	}
	argv[n++] = med_bin();
	argv[n++] = "-s";
	argv[n++] = md->air;
	argv[n++] = "-c";
	argv[n++] = md->ctl;
	argv[n++] = "-l";
	argv[n++] = md->log;
	argv[n++] = "-v";
	argv[n++] = "--seed";
	argv[n++] = "1";
	while (extra && *extra && n < MAX_ARGS - 1)
		argv[n++] = *extra++;
	argv[n] = NULL;

	md->pid = fork();
	if (md->pid == 0) {
		execvp(argv[0], (char **)argv);
		perror(argv[0]);
		_exit(127);
	}
	deadline = med_now_ms() + (md->valgrind ? 30000 : 5000);
	while (med_now_ms() < deadline) {
		if (waitpid(md->pid, &status, WNOHANG) == md->pid) {
			printf("medium exited at start, status %d\n", status);
			md->pid = 0;
			return false;
		}
		fd = vw_mc_open(md->ctl);
		if (fd >= 0) {
			vw_mc_close(fd);
			return true;
		}
		med_sleep_ms(10);
	}
	printf("medium did not come up\n");
	return false;
}

int med_stop(struct med *md)
{
	long long deadline = med_now_ms() + (md->valgrind ? 30000 : 5000);
	int status;

	if (md->pid <= 0)
		return -1;
	kill(md->pid, SIGTERM);
	while (med_now_ms() < deadline) {
		if (waitpid(md->pid, &status, WNOHANG) == md->pid) {
			md->pid = 0;
			return WIFEXITED(status) ? WEXITSTATUS(status) :
			       128 + WTERMSIG(status);
		}
		med_sleep_ms(10);
	}
	kill(md->pid, SIGKILL);
	waitpid(md->pid, &status, 0);
	md->pid = 0;
	return -1;
}

void med_cleanup(struct med *md)
{
	char cmd[64];

	if (md->pid > 0)
		med_stop(md);
	if (md->dir[0] && getenv("VWM_KEEP")) {
		printf("kept %s\n", md->dir);
	} else if (md->dir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf %s", md->dir);
		if (system(cmd) != 0)
			printf("cannot remove %s\n", md->dir);
	}
	md->dir[0] = 0;
}
