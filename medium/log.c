// SPDX-License-Identifier: GPL-2.0
/*
 * The event log: one line per event, local time to the millisecond in
 * front. To a file (-l, reopened on SIGHUP for log rotation) or stderr.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "medium.h"

static FILE *log_file;
static const char *log_path;
static int log_verbose;

static FILE *log_open(const char *path)
{
	FILE *f = fopen(path, "ae");

	if (f)
		setvbuf(f, NULL, _IOLBF, 0);
	return f;
}

int vw_log_init(const char *path, int verbose)
{
	log_verbose = verbose;
	log_path = path;
	if (!path) {
		log_file = stderr;
		return 0;
	}
	log_file = log_open(path);
	return log_file ? 0 : -errno;
}

int vw_log_reopen(void)
{
	FILE *f;

	if (!log_path)
		return 0;
	f = log_open(log_path);
	if (!f)
		return -errno;	/* keep writing to the old one */
	fclose(log_file);
	log_file = f;
	return 0;
}

void vw_log_uninit(void)
{
	if (log_file && log_file != stderr)
		fclose(log_file);
	log_file = NULL;
}

void vw_log(enum vw_log_level level, const char *fmt, ...)
{
	struct timeval tv;
	struct tm tm;
	char stamp[32];
	va_list ap;

	if (!log_file || (int)level > VW_LOG_INFO + log_verbose)
		return;
	gettimeofday(&tv, NULL);
	localtime_r(&tv.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(log_file, "%s.%03ld %s", stamp, (long)(tv.tv_usec / 1000),
		level == VW_LOG_ERR ? "error: " : "");
	va_start(ap, fmt);
	vfprintf(log_file, fmt, ap);
	va_end(ap);
	fputc('\n', log_file);
}
