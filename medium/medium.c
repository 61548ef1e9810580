// SPDX-License-Identifier: GPL-2.0
/* The medium's defaults and the small helpers every file uses. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "medium.h"

#define DEFAULT_SOCK "/run/vwifi-medium.sock"
#define DEFAULT_CTL "/run/vwifi-medium.ctl"
#define DEFAULT_QUEUE (1u << 20)
#define DEFAULT_MAX_CLIENTS 1000
#define DEFAULT_EXPONENT_X10 20
#define DEFAULT_SENSITIVITY (-90)

void vw_medium_defaults(struct vw_medium *m)
{
	memset(m, 0, sizeof(*m));
	m->cfg.sock_path = DEFAULT_SOCK;
	m->cfg.ctl_path = DEFAULT_CTL;
	m->cfg.queue_limit = DEFAULT_QUEUE;
	m->cfg.max_clients = DEFAULT_MAX_CLIENTS;
	m->epfd = -1;
	m->air_unix.io.fd = -1;
	m->air_tcp.io.fd = -1;
	m->retry_timer.fd = -1;
	m->ctl_listen.fd = -1;
	m->sig.fd = -1;
	m->next_id = 1;
	m->model.exponent_x10 = DEFAULT_EXPONENT_X10;
	m->model.sensitivity_dbm = DEFAULT_SENSITIVITY;
	m->rng = 0x9e3779b97f4a7c15ull;
	m->start_ms = vw_now_ms();
}

const char *vw_addr_str(const u8 *a, char *buf)
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x",
		 a[0], a[1], a[2], a[3], a[4], a[5]);
	return buf;
}

u64 vw_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000 + (u64)ts.tv_nsec / 1000000;
}
