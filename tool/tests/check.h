/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checks for the tool's unit tests. A test is a void function run with
 * TEST(); each failed check prints one line, and test_summary() ends the
 * program with "<name>: P passed, F failed", which run.sh adds up.
 */
#ifndef VW_TOOL_CHECK_H
#define VW_TOOL_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *test_name;
static int test_bad;
static unsigned int tests_passed, tests_failed;

#define EXPECT(cond)							\
	do {								\
		if (!(cond)) {						\
			printf("FAIL %s:%d %s: %s\n", __FILE__, __LINE__, \
			       test_name, #cond);			\
			test_bad = 1;					\
		}							\
	} while (0)

#define EXPECT_INT(got, want)						\
	do {								\
		long long g_ = (long long)(got), w_ = (long long)(want); \
		if (g_ != w_) {						\
			printf("FAIL %s:%d %s: %s is %lld, want %lld\n", \
			       __FILE__, __LINE__, test_name, #got, g_, w_); \
			test_bad = 1;					\
		}							\
	} while (0)

#define EXPECT_STR(got, want)						\
	do {								\
		const char *g_ = (got), *w_ = (want);			\
		if (!g_ || strcmp(g_, w_)) {				\
			printf("FAIL %s:%d %s: %s is\n---\n%s\n---\nwant\n---\n%s\n---\n", \
			       __FILE__, __LINE__, test_name, #got,	\
			       g_ ? g_ : "(null)", w_);			\
			test_bad = 1;					\
		}							\
	} while (0)

#define TEST(fn) test_run(#fn, fn)

static inline void test_run(const char *name, void (*fn)(void))
{
	test_name = name;
	test_bad = 0;
	fn();
	if (test_bad)
		tests_failed++;
	else
		tests_passed++;
}

static inline int test_summary(const char *prog)
{
	printf("%s: %u passed, %u failed\n", prog, tests_passed, tests_failed);
	return tests_failed ? 1 : 0;
}

/* Capture what a printer writes to a FILE. */
struct capture {
	FILE *f;
	char *buf;
	size_t len;
};

static inline FILE *capture_start(struct capture *c)
{
	free(c->buf);
	c->buf = NULL;
	c->f = open_memstream(&c->buf, &c->len);
	return c->f;
}

/* The text written since capture_start(); valid until the next start. */
static inline const char *capture_end(struct capture *c)
{
	fclose(c->f);
	c->f = NULL;
	return c->buf;
}

#endif
