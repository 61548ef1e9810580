/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Starting and stopping vwifi-medium for the tests and the benchmark:
 * each instance lives in its own temporary directory with its sockets,
 * log and capture.
 */
#ifndef VW_DAEMON_H
#define VW_DAEMON_H

#include <stdbool.h>
#include <sys/types.h>

struct med {
	pid_t pid;
	bool valgrind;		/* run it under valgrind, errors make it exit 99 */
	char dir[32];
	char air[100];
	char ctl[100];
	char log[100];
	char pcap[100];
	char vglog[100];
};

/* The daemon: $VWM_BIN, else ../vwifi-medium. */
const char *med_bin(void);
/* Makes the directory and names the files in it. */
void med_paths(struct med *md);
/*
 * Starts the daemon with -s, -c, -l, -v, --seed 1 and the NULL-terminated
 * extra options, and waits until its control socket answers.
 */
bool med_start(struct med *md, const char *const *extra);
/* SIGTERM; its exit status, or -1 when it had to be killed. */
int med_stop(struct med *md);
/* Stops it if running and removes the directory (kept with $VWM_KEEP). */
void med_cleanup(struct med *md);
long long med_now_ms(void);
void med_sleep_ms(int ms);

#endif
