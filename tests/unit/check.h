/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny test harness for the unit tests of the shared core. A test case is
 * a void function; CHECK* print one line per failed check and mark the case
 * failed; check_summary() prints "<prog>: P passed, F failed", which run.sh
 * adds up.
 */
#ifndef VW_CHECK_H
#define VW_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *check_case;
static int check_case_failed;
static unsigned int check_passed, check_failed;

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			printf("FAIL %s:%d %s: %s\n", __FILE__, __LINE__, \
			       check_case, #cond);			\
			check_case_failed = 1;				\
		}							\
	} while (0)

#define CHECK_EQ(got, want)						\
	do {								\
		long long g_ = (long long)(got);			\
		long long w_ = (long long)(want);			\
		if (g_ != w_) {						\
			printf("FAIL %s:%d %s: %s == %s (got %lld, want %lld)\n", \
			       __FILE__, __LINE__, check_case, #got, #want, \
			       g_, w_);					\
			check_case_failed = 1;				\
		}							\
	} while (0)

#define CHECK_MEM(got, want, n)						\
	check_mem(__FILE__, __LINE__, #got, (got), (want), (n))

static inline void check_mem(const char *file, int line, const char *what,
			     const void *got, const void *want, size_t n)
{
	const unsigned char *g = got, *w = want;
	size_t i;

	for (i = 0; i < n; i++) {
		if (g[i] != w[i]) {
			printf("FAIL %s:%d %s: %s differs at byte %zu "
			       "(got %02x, want %02x)\n", file, line,
			       check_case, what, i, g[i], w[i]);
			check_case_failed = 1;
			return;
		}
	}
}

#define RUN(fn) check_run(#fn, fn)

static inline void check_run(const char *name, void (*fn)(void))
{
	check_case = name;
	check_case_failed = 0;
	fn();
	if (check_case_failed)
		check_failed++;
	else
		check_passed++;
}

static inline int check_summary(const char *prog)
{
	printf("%s: %u passed, %u failed\n", prog, check_passed, check_failed);
	return check_failed ? 1 : 0;
}

/*
 * A heap copy of exactly len bytes, so that AddressSanitizer catches any
 * read past the end; the caller frees it.
 */
static inline unsigned char *check_dup(const void *src, size_t len)
{
	unsigned char *p = malloc(len);

	if (!p && len) {
		perror("malloc");
		exit(2);
	}
	if (len)
		memcpy(p, src, len);
	return p;
}

#endif
