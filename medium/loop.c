// SPDX-License-Identifier: GPL-2.0
/*
 * The one event loop. Level-triggered epoll: a handler does one bounded
 * piece of work per wake-up (one read of a client), so a busy client
 * cannot starve the others; what is left wakes it again next round.
 * After each batch the queued output is flushed and killed clients freed.
 */
#include <errno.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "medium.h"

#define LOOP_BATCH 256

int vw_loop_init(struct vw_medium *m)
{
	m->epfd = epoll_create1(EPOLL_CLOEXEC);
	return m->epfd < 0 ? -errno : 0;
}

void vw_loop_uninit(struct vw_medium *m)
{
	if (m->epfd >= 0)
		close(m->epfd);
	m->epfd = -1;
}

int vw_loop_add(struct vw_medium *m, struct vw_io *io, u32 events)
{
	struct epoll_event ev = { .events = events, .data.ptr = io };

	if (epoll_ctl(m->epfd, EPOLL_CTL_ADD, io->fd, &ev) < 0)
		return -errno;
	io->events = events;
	return 0;
}

int vw_loop_mod(struct vw_medium *m, struct vw_io *io, u32 events)
{
	struct epoll_event ev = { .events = events, .data.ptr = io };

	if (io->events == events)
		return 0;
	if (epoll_ctl(m->epfd, EPOLL_CTL_MOD, io->fd, &ev) < 0)
		return -errno;
	io->events = events;
	return 0;
}

void vw_loop_del(struct vw_medium *m, struct vw_io *io)
{
	if (io->fd >= 0 && m->epfd >= 0)
		epoll_ctl(m->epfd, EPOLL_CTL_DEL, io->fd, NULL);
	io->events = 0;
}

int vw_loop_run(struct vw_medium *m)
{
	struct epoll_event evs[LOOP_BATCH];
	int n, i;

	while (!m->quit) {
		n = epoll_wait(m->epfd, evs, LOOP_BATCH, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (i = 0; i < n; i++) {
			struct vw_io *io = evs[i].data.ptr;

			io->fn(m, io, evs[i].events);
		}
		vw_client_flush_all(m);
		vw_client_reap(m);
	}
	return 0;
}
