// SPDX-License-Identifier: GPL-2.0
/*
 * The stream framing decoder: frames split at every possible point, one
 * byte at a time, empty and maximal frames, and lengths it must refuse.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "medium.h"

#define MAX_SEEN 16

struct seen {
	unsigned int n;
	size_t len[MAX_SEEN];
	u8 first[MAX_SEEN];
	u8 last[MAX_SEEN];
	bool ok[MAX_SEEN];	/* every byte as written */
};

static void on_frame(void *arg, const u8 *frame, size_t len)
{
	struct seen *s = arg;
	size_t i;

	if (s->n >= MAX_SEEN)
		return;
	s->len[s->n] = len;
	s->ok[s->n] = true;
	for (i = 0; i < len; i++)
		if (frame[i] != (u8)(len + i))
			s->ok[s->n] = false;
	s->first[s->n] = len ? frame[0] : 0;
	s->last[s->n] = len ? frame[len - 1] : 0;
	s->n++;
}

/* frames of these lengths, each byte (len + i), back to back */
static size_t build(u8 *buf, const size_t *lens, unsigned int n)
{
	size_t off = 0, i;
	unsigned int f;

	for (f = 0; f < n; f++) {
		vw_put_be32(buf + off, (u32)lens[f]);
		off += 4;
		for (i = 0; i < lens[f]; i++)
			buf[off + i] = (u8)(lens[f] + i);
		off += lens[f];
	}
	return off;
}

static const size_t lens[] = { 60, 0, 1, 1514, 7 };
#define NLENS (sizeof(lens) / sizeof(lens[0]))

static void check_seen(const struct seen *s)
{
	unsigned int i;

	CHECK_EQ(s->n, NLENS);
	for (i = 0; i < NLENS && i < s->n; i++) {
		CHECK_EQ(s->len[i], lens[i]);
		CHECK(s->ok[i]);
	}
}

static void test_whole(void)
{
	static u8 buf[4096];
	struct vw_stream st;
	struct seen s = { 0 };
	size_t len = build(buf, lens, NLENS);

	vw_stream_init(&st, VW_FRAME_MAX);
	CHECK_EQ(vw_stream_feed(&st, buf, len, on_frame, &s), 0);
	check_seen(&s);
	CHECK(!vw_stream_mid_frame(&st));
	vw_stream_uninit(&st);
}

/* Two reads, split at every offset, each read a heap copy for ASan. */
static void test_every_split(void)
{
	static u8 buf[4096];
	size_t len = build(buf, lens, NLENS), cut;

	for (cut = 0; cut <= len; cut++) {
		struct vw_stream st;
		struct seen s = { 0 };
		u8 *a = check_dup(buf, cut), *b = check_dup(buf + cut, len - cut);

		vw_stream_init(&st, VW_FRAME_MAX);
		CHECK_EQ(vw_stream_feed(&st, a, cut, on_frame, &s), 0);
		CHECK_EQ(vw_stream_feed(&st, b, len - cut, on_frame, &s), 0);
		check_seen(&s);
		CHECK(!vw_stream_mid_frame(&st));
		vw_stream_uninit(&st);
		free(a);
		free(b);
	}
}

static void test_byte_at_a_time(void)
{
	static u8 buf[4096];
	size_t len = build(buf, lens, NLENS), i;
	struct vw_stream st;
	struct seen s = { 0 };

	vw_stream_init(&st, VW_FRAME_MAX);
	for (i = 0; i < len; i++) {
		u8 *one = check_dup(buf + i, 1);

		CHECK_EQ(vw_stream_feed(&st, one, 1, on_frame, &s), 0);
		free(one);
	}
	check_seen(&s);
	vw_stream_uninit(&st);
}

/* Three reads with pseudo-random cuts, many times. */
static void test_random_splits(void)
{
	static u8 buf[4096];
	size_t len = build(buf, lens, NLENS);
	unsigned int seed = 1, round;

	for (round = 0; round < 2000; round++) {
		struct vw_stream st;
		struct seen s = { 0 };
		size_t c1 = (size_t)rand_r(&seed) % (len + 1);
		size_t c2 = c1 + (size_t)rand_r(&seed) % (len - c1 + 1);

		vw_stream_init(&st, VW_FRAME_MAX);
		vw_stream_feed(&st, buf, c1, on_frame, &s);
		vw_stream_feed(&st, buf + c1, c2 - c1, on_frame, &s);
		vw_stream_feed(&st, buf + c2, len - c2, on_frame, &s);
		check_seen(&s);
		vw_stream_uninit(&st);
	}
}

static void test_mid_frame(void)
{
	u8 buf[64];
	struct vw_stream st;
	struct seen s = { 0 };
	size_t one = 20;
	size_t len = build(buf, &one, 1);

	vw_stream_init(&st, VW_FRAME_MAX);
	CHECK(!vw_stream_mid_frame(&st));
	vw_stream_feed(&st, buf, 2, on_frame, &s);
	CHECK(vw_stream_mid_frame(&st));	/* half a length */
	vw_stream_feed(&st, buf + 2, 10, on_frame, &s);
	CHECK(vw_stream_mid_frame(&st));	/* half a frame */
	CHECK_EQ(s.n, 0);
	vw_stream_feed(&st, buf + 12, len - 12, on_frame, &s);
	CHECK(!vw_stream_mid_frame(&st));
	CHECK_EQ(s.n, 1);
	vw_stream_uninit(&st);
}

static void test_largest(void)
{
	size_t max = VW_FRAME_MAX;
	u8 *buf = malloc(max + 4);
	struct vw_stream st;
	struct seen s = { 0 };

	build(buf, &max, 1);
	vw_stream_init(&st, VW_FRAME_MAX);
	/* split inside, so the partial buffer must hold all of it */
	CHECK_EQ(vw_stream_feed(&st, buf, 1000, on_frame, &s), 0);
	CHECK_EQ(vw_stream_feed(&st, buf + 1000, max + 4 - 1000, on_frame, &s),
		 0);
	CHECK_EQ(s.n, 1);
	CHECK_EQ(s.len[0], VW_FRAME_MAX);
	CHECK(s.ok[0]);
	vw_stream_uninit(&st);
	free(buf);
}

static void test_oversize(void)
{
	static const u8 huge[] = { 0xff, 0xff, 0xff, 0xff, 1, 2, 3 };
	u8 buf[128];
	size_t first = 10, len;
	struct vw_stream st;
	struct seen s = { 0 };

	/* one byte over the limit */
	vw_stream_init(&st, VW_FRAME_MAX);
	vw_put_be32(buf, VW_FRAME_MAX + 1);
	CHECK_EQ(vw_stream_feed(&st, buf, 4, on_frame, &s), -EMSGSIZE);
	CHECK_EQ(s.n, 0);
	vw_stream_uninit(&st);

	/* 4 GiB, after a good frame that must still come out */
	len = build(buf, &first, 1);
	memcpy(buf + len, huge, sizeof(huge));
	vw_stream_init(&st, VW_FRAME_MAX);
	CHECK_EQ(vw_stream_feed(&st, buf, len + sizeof(huge), on_frame, &s),
		 -EMSGSIZE);
	CHECK_EQ(s.n, 1);
	CHECK_EQ(st.need, 0xffffffffu);
	vw_stream_uninit(&st);
}

int main(void)
{
	RUN(test_whole);
	RUN(test_every_split);
	RUN(test_byte_at_a_time);
	RUN(test_random_splits);
	RUN(test_mid_frame);
	RUN(test_largest);
	RUN(test_oversize);
	return check_summary("test_stream");
}
