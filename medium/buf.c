// SPDX-License-Identifier: GPL-2.0
/*
 * A byte queue: filled at the tail, consumed at the head, compacted before
 * it grows. Client output queues and control replies use it, and the
 * stream decoder keeps the pieces of a split frame in one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "medium.h"

#define BUF_MIN 4096
/* An emptied queue bigger than this gives its memory back. */
#define BUF_KEEP 65536

u8 *vw_buf_reserve(struct vw_buf *b, size_t n, size_t limit)
{
	size_t len = vw_buf_len(b);
	size_t cap;
	u8 *p;

	if (limit && (n > limit || len > limit - n))
		return NULL;
	if (b->cap - b->tail >= n)
		return b->data + b->tail;
	if (b->head && b->cap - len >= n) {
		memmove(b->data, b->data + b->head, len);
		b->head = 0;
		b->tail = len;
		return b->data + b->tail;
	}

	cap = b->cap ? b->cap : BUF_MIN;
	while (cap - len < n) {
		if (cap > SIZE_MAX / 2)
			return NULL;
		cap *= 2;
	}
	if (limit && cap > limit)
		cap = limit;
	if (b->head) {
		memmove(b->data, b->data + b->head, len);
		b->head = 0;
		b->tail = len;
	}
	p = realloc(b->data, cap);
	if (!p)
		return NULL;
	b->data = p;
	b->cap = cap;
	return b->data + b->tail;
}

void vw_buf_commit(struct vw_buf *b, size_t n)
{
	b->tail += n;
}

int vw_buf_append(struct vw_buf *b, const void *p, size_t n, size_t limit)
{
	u8 *dst = vw_buf_reserve(b, n, limit);

	if (!dst)
		return -ENOBUFS;
	if (n)
		memcpy(dst, p, n);
	vw_buf_commit(b, n);
	return 0;
}

void vw_buf_consume(struct vw_buf *b, size_t n)
{
	b->head += n;
	if (b->head < b->tail)
		return;
	b->head = 0;
	b->tail = 0;
	if (b->cap > BUF_KEEP)
		vw_buf_free(b);
}

void vw_buf_free(struct vw_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}
