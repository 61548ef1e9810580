// SPDX-License-Identifier: GPL-2.0
/*
 * How fast vwifi-medium relays on loopback; a benchmark, not a test.
 *
 *   fan-out: one guest sends N probe requests as fast as the medium takes
 *            them, K-1 guests read; frames/s in and copies/s out.
 *   latency: two guests ping-pong one frame; the round trip through the
 *            medium against the same exchange over a bare socketpair.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"
#include "fake.h"
#include "vw_medium_client.h"

#define MAXK 200

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int on_stats(uint16_t type, const union vw_ctl_msg *r, void *arg)
{
	if (type == VW_CTL_R_STATS)
		*(struct vw_ctl_stats *)arg = r->stats;
	return 0;
}

static bool wait_nodes(const struct med *md, unsigned int n)
{
	long long deadline = med_now_ms() + 5000;
	struct vw_ctl_stats s;

	while (med_now_ms() < deadline) {
		int fd = vw_mc_open(md->ctl);

		if (fd >= 0) {
			memset(&s, 0, sizeof(s));
			vw_mc_call(fd, VW_CTL_STATS, NULL, on_stats, &s, NULL, 0);
			vw_mc_close(fd);
			if (s.clients == n)
				return true;
		}
		med_sleep_ms(5);
	}
	return false;
}

/* One sender, k - 1 readers, n frames. */
static void fanout(unsigned int k, unsigned int n)
{
	const char *extra[] = { "--max-clients", "300", NULL };
	static struct pollfd pfd[MAXK];
	static u8 buf[1 << 16];
	struct med md = { 0 };
	u8 frame[512], wire[516], tx[6];
	unsigned long long want, got = 0;
	size_t len, off = 0;
	unsigned int sent = 0, i;
	long long t0, t1;

	fake_addr(tx, 1);
	len = fake_air_frame(frame, sizeof(frame), tx, 20, 0);
	vw_put_be32(wire, (u32)len);
	memcpy(wire + 4, frame, len);
	if (!med_start(&md, extra))
		goto out;
	for (i = 0; i < k; i++) {
		pfd[i].fd = fake_unix(md.air);
		pfd[i].events = i ? POLLIN : POLLOUT;
	}
	if (!wait_nodes(&md, k))
		goto out;
	want = (unsigned long long)(k - 1) * n * (4 + len);

	t0 = now_us();
	while (got < want) {
		if (poll(pfd, k, 2000) <= 0)
			break;
		if ((pfd[0].revents & POLLOUT) && sent < n) {
			ssize_t w = send(pfd[0].fd, wire + off, 4 + len - off,
					 MSG_DONTWAIT);

			if (w > 0) {
				off += (size_t)w;
				if (off == 4 + len) {
					off = 0;
					sent++;
				}
			}
			if (sent == n)
				pfd[0].events = 0;
		}
		for (i = 1; i < k; i++) {
			ssize_t r;

			if (!(pfd[i].revents & POLLIN))
				continue;
			r = recv(pfd[i].fd, buf, sizeof(buf), MSG_DONTWAIT);
			if (r > 0)
				got += (unsigned long long)r;
		}
	}
	t1 = now_us();
	printf("fan-out  %3u guests: %7u frames in, %9llu copies out in %6.3f s: "
	       "%8.0f frames/s in, %9.0f copies/s out%s\n", k, sent,
	       got / (4 + len), (t1 - t0) / 1e6, sent / ((t1 - t0) / 1e6),
	       (got / (4 + len)) / ((t1 - t0) / 1e6),
	       got < want ? " (copies dropped: slow readers)" : "");
	for (i = 0; i < k; i++)
		close(pfd[i].fd);
out:
	med_cleanup(&md);
}

static void report(const char *what, long long *rtt, unsigned int n)
{
	long long sum = 0;
	unsigned int i;

	qsort(rtt, n, sizeof(*rtt), cmp_ll);
	for (i = 0; i < n; i++)
		sum += rtt[i];
	printf("latency  %-12s round trip: mean %5.1f us, median %4lld us, "
	       "p99 %4lld us\n", what, (double)sum / n, rtt[n / 2],
	       rtt[n * 99 / 100]);
}

/* a and b exchange one frame n times; rtt in microseconds. */
static void pingpong(int a1, int a2, int b1, int b2, long long *rtt,
		     unsigned int n)
{
	static u8 buf[FAKE_MAX];
	u8 ta[6], tb[6];
	unsigned int i;
	long long t;

	fake_addr(ta, 1);
	fake_addr(tb, 2);
	for (i = 0; i < n; i++) {
		t = now_us();
		fake_send_air(a1, ta, 20, i);
		if (fake_recv(b2, buf, 2000) < 0)
			break;
		fake_send_air(b1, tb, 20, i);
		if (fake_recv(a2, buf, 2000) < 0)
			break;
		rtt[i] = now_us() - t;
	}
}

static void latency(unsigned int n)
{
	struct med md = { 0 };
	long long *rtt = calloc(n, sizeof(*rtt));
	int a, b, sa[2], sb[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sa) < 0 ||
	    socketpair(AF_UNIX, SOCK_STREAM, 0, sb) < 0)
		return;
	/* direct: a writes to sa[0], "b" reads sa[1]; back over sb */
	pingpong(sa[0], sb[1], sb[0], sa[1], rtt, n);
	report("socketpair", rtt, n);

	if (!med_start(&md, NULL))
		goto out;
	a = fake_unix(md.air);
	b = fake_unix(md.air);
	if (!wait_nodes(&md, 2))
		goto out;
	pingpong(a, a, b, b, rtt, n);
	report("via medium", rtt, n);
	close(a);
	close(b);
out:
	med_cleanup(&md);
	free(rtt);
}

int main(void)
{
	static const unsigned int ks[] = { 2, 3, 10, 50, 200 };
	unsigned int i;

	for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++)
		fanout(ks[i], ks[i] >= 50 ? 20000 : 200000);
	latency(20000);
	return 0;
}
