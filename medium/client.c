// SPDX-License-Identifier: GPL-2.0
/*
 * Clients: one per air connection, i.e. per guest NIC. Reading takes one
 * socket read per wake-up and hands the frames in it to the relay;
 * writing drains a bounded queue without ever blocking, so a guest that
 * stops reading only loses its own frames.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "medium.h"

static void client_unlink(struct vw_client **head, struct vw_client *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else
		*head = c->next;
	if (c->next)
		c->next->prev = c->prev;
	c->prev = NULL;
	c->next = NULL;
}

static void client_push(struct vw_client **head, struct vw_client *c)
{
	c->prev = NULL;
	c->next = *head;
	if (*head)
		(*head)->prev = c;
	*head = c;
}

struct frame_ctx {
	struct vw_medium *m;
	struct vw_client *c;
};

static void client_frame(void *arg, const u8 *frame, size_t len)
{
	struct frame_ctx *ctx = arg;

	vw_relay(ctx->m, ctx->c, frame, len);
}

/* The end of the stream, or a read error (err): why the client goes. */
static void client_gone(struct vw_medium *m, struct vw_client *c, int err)
{
	const char *sep = err ? ": " : "", *why = err ? strerror(err) : "";

	if (!vw_stream_mid_frame(&c->in))
		vw_client_kill(m, c, "disconnected%s%s", sep, why);
	else if (c->in.len_have < sizeof(c->in.lenbuf))
		vw_client_kill(m, c, "disconnected mid-frame (in its length)%s%s",
			       sep, why);
	else
		vw_client_kill(m, c, "disconnected mid-frame (%zu of %u bytes)%s%s",
			       vw_buf_len(&c->in.part), c->in.need, sep, why);
}

static void client_read(struct vw_medium *m, struct vw_client *c)
{
	struct frame_ctx ctx = { m, c };
	ssize_t n;
	int ret;

	n = read(c->io.fd, m->scratch, m->scratch_len);
	if (n < 0) {
		if (errno != EAGAIN && errno != EINTR)
			client_gone(m, c, errno);
		return;
	}
	if (n == 0) {
		client_gone(m, c, 0);
		return;
	}

	ret = vw_stream_feed(&c->in, m->scratch, (size_t)n, client_frame, &ctx);
	if (ret == -EMSGSIZE) {
		m->st.cutoffs++;
		vw_client_kill(m, c, "cut off: frame length %u over %u",
			       c->in.need, c->in.max_frame);
	} else if (ret < 0) {
		vw_client_kill(m, c, "cut off: %s", strerror(-ret));
	}
}

/* Writes what the socket takes; arms EPOLLOUT for the rest. */
static void client_flush(struct vw_medium *m, struct vw_client *c)
{
	ssize_t n;

	while (vw_buf_len(&c->out)) {
		n = send(c->io.fd, vw_buf_head(&c->out), vw_buf_len(&c->out),
			 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				break;
			/*
			 * The guest went away (EPIPE, ECONNRESET), but frames
			 * it sent before may still wait in the socket: read
			 * on to the end of the stream, which ends the client.
			 */
			vw_dbg("node %u: write: %s", c->id, strerror(errno));
			c->wr_closed = true;
			vw_buf_consume(&c->out, vw_buf_len(&c->out));
			break;
		}
		vw_buf_consume(&c->out, (size_t)n);
	}
	vw_loop_mod(m, &c->io,
		    EPOLLIN | (vw_buf_len(&c->out) ? EPOLLOUT : 0u));
}

static void client_io(struct vw_medium *m, struct vw_io *io, u32 events)
{
	struct vw_client *c = (struct vw_client *)io;

	if (c->dead)
		return;
	if (events & (EPOLLIN | EPOLLHUP | EPOLLERR))
		client_read(m, c);
	if (!c->dead && (events & EPOLLOUT))
		client_flush(m, c);
}

struct vw_client *vw_client_new(struct vw_medium *m, int fd,
				const char *peer)
{
	struct vw_client *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->io.fd = fd;
	c->io.fn = client_io;
	c->id = m->next_id++;
	snprintf(c->peer, sizeof(c->peer), "%s", peer);
	c->since_ms = vw_now_ms();
	vw_stream_init(&c->in, VW_FRAME_MAX);
	if (fd >= 0 && vw_loop_add(m, &c->io, EPOLLIN) < 0) {
		free(c);
		return NULL;
	}
	client_push(&m->clients, c);
	m->n_clients++;
	m->st.clients_total++;
	vw_info("node %u connected: %s", c->id, c->peer);
	return c;
}

void vw_client_kill(struct vw_medium *m, struct vw_client *c,
		    const char *fmt, ...)
{
	char why[160];
	va_list ap;

	if (c->dead)
		return;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	vw_info("node %u %s", c->id, why);

	c->dead = true;
	if (c->io.fd >= 0) {
		vw_loop_del(m, &c->io);
		close(c->io.fd);
		c->io.fd = -1;
	}
	while (c->radios)
		vw_radio_bind(m, c->radios, NULL);
	client_unlink(&m->clients, c);
	client_push(&m->dead, c);
	m->n_clients--;
	if (c->conn)
		vw_connect_lost(m, c->conn);
	c->conn = NULL;
}

static void client_free(struct vw_client *c)
{
	vw_stream_uninit(&c->in);
	vw_buf_free(&c->out);
	free(c);
}

void vw_client_reap(struct vw_medium *m)
{
	struct vw_client *c;

	while ((c = m->dead)) {
		client_unlink(&m->dead, c);
		client_free(c);
	}
}

void vw_clients_uninit(struct vw_medium *m)
{
	m->dirty = NULL;
	while (m->clients)
		vw_client_kill(m, m->clients, "closed: shutting down");
	vw_client_reap(m);
}

u8 *vw_client_reserve(struct vw_medium *m, struct vw_client *c, size_t len)
{
	u8 *p = vw_buf_reserve(&c->out, 4 + len, m->cfg.queue_limit);

	return p ? p + 4 : NULL;
}

void vw_client_commit(struct vw_medium *m, struct vw_client *c, size_t len)
{
	u8 *p = c->out.data + c->out.tail;

	vw_put_be32(p, (u32)len);
	vw_buf_commit(&c->out, 4 + len);
	if (!c->dirty) {
		c->dirty = true;
		c->next_dirty = m->dirty;
		m->dirty = c;
	}
}

void vw_client_flush_all(struct vw_medium *m)
{
	struct vw_client *c;

	while ((c = m->dirty)) {
		m->dirty = c->next_dirty;
		c->next_dirty = NULL;
		c->dirty = false;
		if (!c->dead && c->io.fd >= 0)
			client_flush(m, c);
	}
}
