// SPDX-License-Identifier: GPL-2.0
/*
 * --connect: the medium dials out to QEMU guests started with
 * "-netdev stream,server=on,...". QEMU 7.2 as a stream client never
 * reconnects once its server is gone, but as a server it accepts a new
 * connection whenever the old one closes; so with --connect a restarted
 * medium finds its guests again. Each target is retried every second
 * while it has no connection.
 */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <unistd.h>

#include "medium.h"
#include "sock.h"

#define RETRY_SEC 1

struct vw_conn {
	struct vw_io io;		/* the socket while connecting */
	struct vw_conn *next;
	const char *spec;
	struct sockaddr_storage sa;
	socklen_t salen;
	struct vw_client *client;
	bool failing;			/* last attempt failed, logged once */
};

static int conn_parse(struct vw_conn *t, char *err, size_t errlen)
{
	const char *s = t->spec;
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_NUMERICSERV };
	struct addrinfo *res;
	char host[256];
	const char *colon;
	size_t n;
	int ret;

	if (!strncmp(s, "unix:", 5)) {
		struct sockaddr_un *sun = (struct sockaddr_un *)&t->sa;

		if (strlen(s + 5) == 0 || strlen(s + 5) >= sizeof(sun->sun_path))
			goto bad;
		sun->sun_family = AF_UNIX;
		memcpy(sun->sun_path, s + 5, strlen(s + 5) + 1);
		t->salen = sizeof(*sun);
		return 0;
	}
	if (strncmp(s, "tcp:", 4))
		goto bad;
	s += 4;
	colon = strrchr(s, ':');
	if (!colon)
		goto bad;
	n = (size_t)(colon - s);
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	if (n == 0 || n >= sizeof(host))
		goto bad;
	memcpy(host, s, n);
	host[n] = 0;
	ret = getaddrinfo(host, colon + 1, &hints, &res);
	if (ret) {
		snprintf(err, errlen, "%s: %s", t->spec, gai_strerror(ret));
		return -EINVAL;
	}
	memcpy(&t->sa, res->ai_addr, res->ai_addrlen);
	t->salen = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
bad:
	snprintf(err, errlen, "%s: not unix:PATH or tcp:HOST:PORT", t->spec);
	return -EINVAL;
}

static void conn_failed(struct vw_conn *t, int error)
{
	if (!t->failing)
		vw_info("connect %s: %s (retrying every %d s)", t->spec,
			strerror(error), RETRY_SEC);
	t->failing = true;
}

static void conn_established(struct vw_medium *m, struct vw_conn *t, int fd)
{
	struct vw_client *c;

	if (vw_air_client_fd(m, fd, &c) < 0)
		return;
	vw_info("node %u is --connect %s", c->id, t->spec);
	c->conn = t;
	t->client = c;
	t->failing = false;
}

static void conn_io(struct vw_medium *m, struct vw_io *io, u32 events)
{
	struct vw_conn *t = (struct vw_conn *)io;
	socklen_t len = sizeof(int);
	int error = 0, fd = io->fd;

	(void)events;
	vw_loop_del(m, io);
	io->fd = -1;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) < 0)
		error = errno;
	if (error) {
		close(fd);
		conn_failed(t, error);
		return;
	}
	conn_established(m, t, fd);
}

static void conn_try(struct vw_medium *m, struct vw_conn *t)
{
	int fd;

	if (t->client || t->io.fd >= 0)
		return;
	fd = socket(t->sa.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	if (fd < 0) {
		conn_failed(t, errno);
		return;
	}
	if (connect(fd, (struct sockaddr *)&t->sa, t->salen) == 0) {
		conn_established(m, t, fd);
		return;
	}
	if (errno == EINPROGRESS || errno == EAGAIN) {
		t->io.fd = fd;
		if (vw_loop_add(m, &t->io, EPOLLOUT) == 0)
			return;
		t->io.fd = -1;
	}
	conn_failed(t, errno);
	close(fd);
}

static void retry_tick(struct vw_medium *m, struct vw_io *io, u32 events)
{
	struct vw_conn *t;
	u64 ticks;

	(void)events;
	if (read(io->fd, &ticks, sizeof(ticks)) < 0)
		return;
	for (t = m->conns; t; t = t->next)
		conn_try(m, t);
}

void vw_connect_lost(struct vw_medium *m, struct vw_conn *t)
{
	(void)m;
	t->client = NULL;
}

int vw_connect_init(struct vw_medium *m)
{
	struct itimerspec its = {
		.it_interval = { .tv_sec = RETRY_SEC },
		.it_value = { .tv_sec = RETRY_SEC },
	};
	struct vw_conn *t, **tail = &m->conns;
	char err[300];
	unsigned int i;
	int ret;

	if (!m->cfg.n_connect)
		return 0;
	for (i = 0; i < m->cfg.n_connect; i++) {
		t = calloc(1, sizeof(*t));
		if (!t)
			return -ENOMEM;
		t->io.fd = -1;
		t->io.fn = conn_io;
		t->spec = m->cfg.connect[i];
		*tail = t;
		tail = &t->next;
		ret = conn_parse(t, err, sizeof(err));
		if (ret < 0) {
			fprintf(stderr, "vwifi-medium: --connect %s\n", err);
			return ret;
		}
	}

	m->retry_timer.fd = timerfd_create(CLOCK_MONOTONIC,
					   TFD_NONBLOCK | TFD_CLOEXEC);
	if (m->retry_timer.fd < 0 ||
	    timerfd_settime(m->retry_timer.fd, 0, &its, NULL) < 0) {
		fprintf(stderr, "vwifi-medium: timerfd: %s\n", strerror(errno));
		return -errno;
	}
	m->retry_timer.fn = retry_tick;
	return vw_loop_add(m, &m->retry_timer, EPOLLIN);
}

void vw_connect_start(struct vw_medium *m)
{
	struct vw_conn *t;

	for (t = m->conns; t; t = t->next)
		conn_try(m, t);
}

void vw_connect_uninit(struct vw_medium *m)
{
	struct vw_conn *t;

	while ((t = m->conns)) {
		m->conns = t->next;
		if (t->client)
			t->client->conn = NULL;
		if (t->io.fd >= 0) {
			vw_loop_del(m, &t->io);
			close(t->io.fd);
		}
		free(t);
	}
	if (m->retry_timer.fd >= 0) {
		vw_loop_del(m, &m->retry_timer);
		close(m->retry_timer.fd);
		m->retry_timer.fd = -1;
	}
}
