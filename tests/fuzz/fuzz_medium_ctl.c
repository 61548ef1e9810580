// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for vwifi-medium's control protocol, both ends.
 *
 * The daemon's end: the input is what a hostile client writes to the
 * control socket. It goes over a real unix socket into the daemon's own
 * handlers (ctl.c: accept, read, decode, validate, the request handlers,
 * the reply writer), driven by the epoll set as vw_loop_run() drives it,
 * against a fresh medium each run. Beyond not crashing: every complete
 * request gets exactly one R_STATUS, unless an oversized header made the
 * daemon hang up; every reply is a well-formed message of a reply type;
 * the radio and pair tables stay consistent and settled.
 *
 * The client's end: the same bytes are a hostile daemon's answer to a
 * request (the first byte picks which, the second the size of the error
 * buffer), read by vw_mc_call() as vwifi-tool reads it. It returns 0 or a
 * -errno, its records' strings stay terminated, its error text stays in
 * the buffer it was given.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "medium.h"
#include "vw_medium_client.h"
#include "vw_medium_ctl.h"

#define IDLE_ROUNDS 2		/* unix sockets deliver at once: 2 is plenty */
#define MAX_ROUNDS 100000	/* more means the daemon spins */

static struct vw_medium med;
static struct vw_model model0;		/* the defaults, restored each run */
static char dir[] = "/tmp/vw-fuzz-ctl.XXXXXX";
static char path[64];

static void teardown(void)
{
	vw_ctl_uninit(&med);
	vw_loop_uninit(&med);
	vw_radios_uninit(&med);
	vw_pairs_uninit(&med);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof(path), "%s/ctl", dir);
	vw_medium_defaults(&med);
	med.cfg.ctl_path = path;
	model0 = med.model;
	if (vw_loop_init(&med) || vw_ctl_init(&med))
		abort();
	atexit(teardown);
	return 0;
}

/* One round of vw_loop_run() without blocking; the events it handled. */
static int pump(void)
{
	struct epoll_event evs[16];
	int n, i;

	n = epoll_wait(med.epfd, evs, 16, 0);
	if (n < 0)
		return errno == EINTR ? 0 : -1;
	for (i = 0; i < n; i++) {
		struct vw_io *io = evs[i].data.ptr;

		io->fn(&med, io, evs[i].events);
	}
	vw_client_flush_all(&med);
	vw_client_reap(&med);
	return n;
}

struct replies {
	uint8_t *p;
	size_t len, cap;
	bool eof;
};

/* Reads what the daemon has sent; the bytes read, or 0. */
static size_t drain(int fd, struct replies *r)
{
	size_t got = 0;
	ssize_t n;

	while (!r->eof) {
		if (r->cap - r->len < 65536) {
			r->cap = r->cap ? r->cap * 2 : 262144;
			r->p = realloc(r->p, r->cap);
			if (!r->p)
				abort();
		}
		n = read(fd, r->p + r->len, r->cap - r->len);
		if (n < 0)
			break;
		if (n == 0)
			r->eof = true;
		r->len += (size_t)n;
		got += (size_t)n;
	}
	return got;
}

/* Complete requests in the input, and whether a header ends the talk. */
static size_t requests(const uint8_t *data, size_t size, bool *cut)
{
	struct vw_ctl_hdr h;
	size_t off = 0, n = 0;

	*cut = false;
	while (size - off >= VW_CTL_HDR_LEN) {
		vw_ctl_hdr_get(data + off, &h);
		if (h.len > VW_CTL_PAYLOAD_MAX) {
			*cut = true;
			break;
		}
		if (size - off - VW_CTL_HDR_LEN < h.len)
			break;
		n++;
		off += VW_CTL_HDR_LEN + h.len;
	}
	return n;
}

/* Every reply well-formed; returns the number of R_STATUS. */
static size_t check_replies(const struct replies *r)
{
	union vw_ctl_msg msg;
	struct vw_ctl_hdr h;
	size_t off = 0, statuses = 0;

	while (off < r->len) {
		if (r->len - off < VW_CTL_HDR_LEN)
			abort();	/* a torn message */
		vw_ctl_hdr_get(r->p + off, &h);
		if (h.version != VW_CTL_VERSION || h.flags ||
		    !(h.type & VW_CTL_R_STATUS) || h.len > VW_CTL_PAYLOAD_MAX ||
		    r->len - off - VW_CTL_HDR_LEN < h.len)
			abort();
		if (vw_ctl_decode(h.type, r->p + off + VW_CTL_HDR_LEN, h.len,
				  &msg))
			abort();
		if (h.type == VW_CTL_R_STATUS) {
			if (msg.status.error < 0 ||
			    strnlen(msg.status.text, sizeof(msg.status.text)) >
			    VW_CTL_TEXT_MAX)
				abort();
			statuses++;
		}
		off += VW_CTL_HDR_LEN + h.len;
	}
	return statuses;
}

/* The tables ctl.c changes: counts match the lists, no pair idle. */
static void check_state(void)
{
	const struct vw_radio *r;
	const struct vw_pair *p;
	unsigned int n = 0;

	for (r = med.radios; r; r = r->all_next)
		n++;
	if (n != med.n_radios || n > VW_RADIOS_MAX)
		abort();
	n = 0;
	for (p = med.pairs; p; p = p->next) {
		if ((!p->loss && !p->denied) || p->loss > 100 ||
		    !memcmp(p->tx, p->rx, VW_ETH_ALEN))
			abort();
		n++;
	}
	if (n != med.n_pairs)
		abort();
	if (med.model.exponent_x10 < VW_EXP_MIN ||
	    med.model.exponent_x10 > VW_EXP_MAX ||
	    med.model.sensitivity_dbm < VW_SENS_MIN ||
	    med.model.sensitivity_dbm > VW_SENS_MAX)
		abort();
}

static void daemon_end(const uint8_t *data, size_t size)
{
	/* Kept from run to run: a fresh 256 KiB buffer each time costs more
	 * than the run itself. */
	static struct replies r;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t sent = 0, want, have;
	int fd, rounds = 0, idle = 0;
	bool cut;
	ssize_t n;

	r.len = 0;
	r.eof = false;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		abort();
	want = requests(data, size, &cut);

	/* Write it all, reading replies as they come so neither side stalls. */
	while (rounds++ < MAX_ROUNDS) {
		if (sent < size) {
			n = send(fd, data + sent, size - sent, MSG_NOSIGNAL);
			if (n > 0)
				sent += (size_t)n;
			else if (errno != EAGAIN)
				break;	/* the daemon hung up */
		}
		if (pump() < 0)
			abort();
		if (drain(fd, &r) || sent < size) {
			idle = 0;
			continue;
		}
		if (r.eof || ++idle >= IDLE_ROUNDS)
			break;
	}
	if (rounds > MAX_ROUNDS)
		abort();
	have = check_replies(&r);
	if (cut ? have > want : have != want)
		abort();

	close(fd);
	for (rounds = 0; med.n_ctl && rounds < MAX_ROUNDS; rounds++)
		if (pump() < 0)
			abort();
	if (med.n_ctl)
		abort();	/* the daemon kept a closed connection */
	check_state();

	vw_radios_uninit(&med);
	vw_pairs_uninit(&med);
	med.model = model0;
}

static const uint16_t req_types[] = {
	VW_CTL_NODE_LIST, VW_CTL_RADIO_LIST, VW_CTL_POS_SET,
	VW_CTL_TXPOWER_SET, VW_CTL_LINK_SET, VW_CTL_LINK_LIST,
	VW_CTL_LINK_CLEAR, VW_CTL_DENY_ADD, VW_CTL_DENY_DEL,
	VW_CTL_DENY_LIST, VW_CTL_DENY_CLEAR, VW_CTL_MODEL_GET,
	VW_CTL_MODEL_SET, VW_CTL_STATS,
};

static int on_record(uint16_t type, const union vw_ctl_msg *rec, void *arg)
{
	unsigned int *count = arg;

	if (type == VW_CTL_R_STATUS)
		abort();	/* the status ends the reply, never a record */
	if (type == VW_CTL_R_NODE &&
	    strnlen(rec->node.peer, sizeof(rec->node.peer)) > VW_CTL_PEER_LEN)
		abort();
	/* Stop taking records after a while, as a full table would. */
	return ++*count > 64;
}

static void client_end(const uint8_t *data, size_t size)
{
	union vw_ctl_msg req = { 0 };
	unsigned int count = 0;
	size_t errlen, off = 0;
	int sv[2], ret;
	char *err;
	ssize_t n;

	if (size < 2)
		return;
	errlen = data[1] % 240;		/* 0 too: no room for a word */
	err = errlen ? malloc(errlen) : NULL;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		abort();
	/* The daemon's bytes wait in the socket; then it hangs up. */
	while (off < size - 2) {
		n = write(sv[1], data + 2 + off, size - 2 - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	shutdown(sv[1], SHUT_WR);
	ret = vw_mc_call(sv[0], req_types[data[0] % 14], &req, on_record,
			 &count, err, errlen);
	if (ret > 0)
		abort();
	if (err && strnlen(err, errlen) >= errlen)
		abort();
	free(err);
	close(sv[0]);
	close(sv[1]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	daemon_end(data, size);
	client_end(data, size);
	return 0;
}
