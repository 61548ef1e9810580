// SPDX-License-Identifier: GPL-2.0
/*
 * vwifi-medium end to end, on loopback only: each case starts the daemon
 * in a temporary directory, connects fake guests that speak QEMU's stream
 * framing and send air frames built with the shared core, and drives the
 * control socket with the client library.
 *
 *      guest A --\                          /-- guest B
 *      guest C ---+-- air.sock  [medium]  --+-- guest D ...
 *      (tcp) E --/   ctl.sock <- this test   \-- misbehaving guests
 *
 * Waits poll the control socket with a deadline instead of sleeping.
 * VWM_BIN overrides the daemon under test (default ../vwifi-medium).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "daemon.h"
#include "fake.h"
#include "vw_medium_client.h"

static const char *bin;
static u8 rxbuf[FAKE_MAX];

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* Stops the medium and checks it went cleanly, taking its sockets along. */
static void med_stop_clean(struct med *md)
{
	CHECK_EQ(med_stop(md), 0);
	CHECK(!exists(md->air));
	CHECK(!exists(md->ctl));
}

static bool log_has(const struct med *md, const char *what)
{
	char line[512];
	bool found = false;
	FILE *f = fopen(md->log, "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, what) != NULL;
	fclose(f);
	return found;
}

/* ---- the control socket ---- */

static int ctl_call(const struct med *md, u16 type, const void *req,
		    vw_mc_record_fn fn, void *arg, char *err, size_t errlen)
{
	int fd = vw_mc_open(md->ctl), ret;

	if (fd < 0)
		return fd;
	ret = vw_mc_call(fd, type, req, fn, arg, err, errlen);
	vw_mc_close(fd);
	return ret;
}

#define CTL(md, type, req) ctl_call(md, type, req, NULL, NULL, NULL, 0)

struct nodes {
	unsigned int n;
	struct vw_ctl_node node[256];
};

static int on_node(u16 type, const union vw_ctl_msg *r, void *arg)
{
	struct nodes *ns = arg;

	if (type == VW_CTL_R_NODE && ns->n < 256)
		ns->node[ns->n++] = r->node;
	return 0;
}

static unsigned int node_list(const struct med *md, struct nodes *ns)
{
	ns->n = 0;
	if (ctl_call(md, VW_CTL_NODE_LIST, NULL, on_node, ns, NULL, 0) < 0)
		return 0;
	return ns->n;
}

static struct nodes nodes;

static bool wait_nodes(const struct med *md, unsigned int n)
{
	long long deadline = med_now_ms() + 5000;

	while (med_now_ms() < deadline) {
		if (node_list(md, &nodes) == n)
			return true;
		med_sleep_ms(5);
	}
	printf("waited for %u nodes, have %u\n", n, nodes.n);
	return false;
}

struct radio_q {
	u8 addr[6];
	bool found;
	struct vw_ctl_radio r;
	unsigned int connected;
};

static int on_radio(u16 type, const union vw_ctl_msg *r, void *arg)
{
	struct radio_q *q = arg;

	if (type != VW_CTL_R_RADIO)
		return 0;
	if (r->radio.flags & VW_CTL_RADIO_CONNECTED)
		q->connected++;
	if (!memcmp(r->radio.addr, q->addr, 6)) {
		q->found = true;
		q->r = r->radio;
	}
	return 0;
}

static bool radio_get(const struct med *md, unsigned int n,
		      struct vw_ctl_radio *out)
{
	struct radio_q q = { .found = false };

	fake_addr(q.addr, n);
	if (ctl_call(md, VW_CTL_RADIO_LIST, NULL, on_radio, &q, NULL, 0) < 0)
		return false;
	if (out)
		*out = q.r;
	return q.found;
}

/* Until n radios are connected (learned on a live node). */
static bool wait_radios(const struct med *md, unsigned int n)
{
	long long deadline = med_now_ms() + 5000;
	struct radio_q q;

	while (med_now_ms() < deadline) {
		memset(&q, 0, sizeof(q));
		ctl_call(md, VW_CTL_RADIO_LIST, NULL, on_radio, &q, NULL, 0);
		if (q.connected == n)
			return true;
		med_sleep_ms(5);
	}
	printf("waited for %u radios, have %u\n", n, q.connected);
	return false;
}

static int set_pos(const struct med *md, unsigned int radio, int32_t x)
{
	struct vw_ctl_pos p = { .x = x };

	fake_addr(p.addr, radio);
	return CTL(md, VW_CTL_POS_SET, &p);
}

static int on_stats(u16 type, const union vw_ctl_msg *r, void *arg)
{
	if (type == VW_CTL_R_STATS)
		*(struct vw_ctl_stats *)arg = r->stats;
	return 0;
}

static struct vw_ctl_stats stats_get(const struct med *md)
{
	struct vw_ctl_stats s = { 0 };

	ctl_call(md, VW_CTL_STATS, NULL, on_stats, &s, NULL, 0);
	return s;
}

/* ---- guests ---- */

/* One frame within timeout_ms, parsed; false if none. */
static bool recv_one(int fd, struct fake_rx *rx, int timeout_ms)
{
	int n = fake_recv(fd, rxbuf, timeout_ms);

	return n >= 0 && fake_parse(rxbuf, (size_t)n, rx);
}

static bool quiet(int fd, int ms)
{
	return fake_recv(fd, rxbuf, ms) == -2;
}

/* Connects n guests on the air socket and waits until the medium has them. */
static bool guests(const struct med *md, int *fd, unsigned int n,
		   unsigned int already)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		fd[i] = fake_unix(md->air);
		if (fd[i] < 0)
			return false;
	}
	return wait_nodes(md, already + n);
}

static void close_all(int *fd, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (fd[i] >= 0)
			close(fd[i]);
}

/* ---- cases ---- */

/*
 * A sends before anyone's radio is known: one broadcast copy each. Then B
 * (two radios) and C (one) transmit; A's next frame reaches B twice,
 * addressed to each radio, C once, and D (still no radio) by broadcast.
 */
static void test_delivery(void)
{
	static const u8 bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct med md = { 0 };
	struct fake_rx rx;
	int g[4];
	u8 a[6], b1[6], b2[6], c1[6];
	unsigned int i;

	fake_addr(a, 1);
	fake_addr(b1, 21);
	fake_addr(b2, 22);
	fake_addr(c1, 31);
	if (!med_start(&md, NULL) || !guests(&md, g, 4, 0)) {
		CHECK(0);
		goto out;
	}
	fake_send_air(g[0], a, 20, 100);
	for (i = 1; i < 4; i++) {
		CHECK(recv_one(g[i], &rx, 2000));
		CHECK_MEM(rx.dst, bcast, 6);
		CHECK_MEM(rx.info.tx_addr, a, 6);
		CHECK_EQ(rx.info.seq, 100);
		CHECK(rx.info.flags & VW_AIR_F_SIGNAL_VALID);
		CHECK_EQ(rx.info.signal, -20);
		CHECK_EQ(rx.ethertype, VW_AIR_ETHERTYPE);
	}
	CHECK(quiet(g[0], 100));		/* never back to the sender */

	fake_send_air(g[1], b1, 20, 1);
	fake_send_air(g[1], b2, 20, 2);
	fake_send_air(g[2], c1, 20, 3);
	CHECK(wait_radios(&md, 4));
	for (i = 0; i < 4; i++)
		fake_drain(g[i], 100);

	fake_send_air(g[0], a, 20, 101);
	CHECK(recv_one(g[1], &rx, 2000));
	CHECK_MEM(rx.dst, b1, 6);
	CHECK(recv_one(g[1], &rx, 2000));
	CHECK_MEM(rx.dst, b2, 6);
	CHECK(recv_one(g[2], &rx, 2000));
	CHECK_MEM(rx.dst, c1, 6);
	CHECK(recv_one(g[3], &rx, 2000));
	CHECK_MEM(rx.dst, bcast, 6);
	CHECK(quiet(g[1], 100));
	CHECK(quiet(g[0], 50));

	CHECK_EQ(node_list(&md, &nodes), 4);
	CHECK_EQ(nodes.node[0].n_radios, 1);
	CHECK_EQ(nodes.node[1].n_radios, 2);
	CHECK_EQ(nodes.node[2].n_radios, 1);
	CHECK_EQ(nodes.node[3].n_radios, 0);
	CHECK_EQ(nodes.node[0].rx_frames, 2);
	CHECK(!strncmp(nodes.node[0].peer, "unix pid ", 9));
	CHECK(log_has(&md, "radio 02:00:00:00:00:15 learned on node 2"));
	close_all(g, 4);
	med_stop_clean(&md);
out:
	med_cleanup(&md);
}

/* Positions, exponent, tx power override and sensitivity, as heard. */
static void test_signal(void)
{
	struct med md = { 0 };
	struct vw_ctl_model model = { VW_CTL_MODEL_EXPONENT, 30, 0 };
	struct vw_ctl_txpower txp = { .set = 1, .dbm = 10 };
	struct vw_ctl_radio r;
	struct fake_rx rx;
	int g[4];
	u8 a[6], b[6], c[6], d[6];

	fake_addr(a, 1);
	fake_addr(b, 2);
	fake_addr(c, 3);
	fake_addr(d, 4);
	if (!med_start(&md, NULL) || !guests(&md, g, 4, 0)) {
		CHECK(0);
		goto out;
	}
	/* positions before the radios ever transmit: they wait for them */
	CHECK_EQ(set_pos(&md, 2, 10000), 0);		/* 10 m */
	CHECK_EQ(set_pos(&md, 3, 100000), 0);		/* 100 m */
	CHECK_EQ(set_pos(&md, 4, 10000000), 0);		/* 10 km */
	fake_send_air(g[1], b, 20, 0);
	fake_send_air(g[2], c, 20, 0);
	fake_send_air(g[3], d, 20, 0);
	CHECK(wait_radios(&md, 3));
	fake_drain(g[0], 50);
	fake_drain(g[1], 50);
	fake_drain(g[2], 50);
	fake_drain(g[3], 50);

	fake_send_air(g[0], a, 20, 1);
	CHECK(recv_one(g[1], &rx, 2000));
	CHECK_EQ(rx.info.signal, -40);
	CHECK(recv_one(g[2], &rx, 2000));
	CHECK_EQ(rx.info.signal, -60);
	CHECK(quiet(g[3], 200));			/* -100 dBm: not heard */
	CHECK(radio_get(&md, 4, &r));
	CHECK_EQ(r.rx_weak, 1);
	CHECK_EQ(r.x, 10000000);

	CHECK_EQ(CTL(&md, VW_CTL_MODEL_SET, &model), 0);
	fake_addr(txp.addr, 1);
	CHECK_EQ(CTL(&md, VW_CTL_TXPOWER_SET, &txp), 0);
	fake_send_air(g[0], a, 20, 2);
	CHECK(recv_one(g[1], &rx, 2000));
	CHECK_EQ(rx.info.signal, -60);			/* 10 - 40 - 30 */
	CHECK(recv_one(g[2], &rx, 2000));
	CHECK_EQ(rx.info.signal, -90);			/* 10 - 40 - 60 */
	CHECK(radio_get(&md, 1, &r));
	CHECK(r.flags & VW_CTL_RADIO_TXPOWER_SET);
	CHECK_EQ(r.txpower_override, 10);
	CHECK_EQ(r.tx_power, 20);			/* as its header says */
	CHECK_EQ(r.freq, FAKE_FREQ);

	/* refused values say why */
	{
		char err[VW_CTL_TEXT_MAX + 64];

		model.exponent_x10 = 99;
		CHECK_EQ(ctl_call(&md, VW_CTL_MODEL_SET, &model, NULL, NULL,
				  err, sizeof(err)), -ERANGE);
		CHECK(strstr(err, "exponent") != NULL);
	}
	close_all(g, 4);
	med_stop_clean(&md);
out:
	med_cleanup(&md);
}

/* 50 % loss on a1 -> b1 over 1000 frames; C, on the same air, hears all. */
static void test_loss(void)
{
	struct med md = { 0 };
	struct vw_ctl_link link = { .loss = 50 };
	struct vw_ctl_radio r;
	long long deadline;
	unsigned int i, heard = 0;
	u64 base;
	int g[3];
	u8 a[6], b[6], c[6];

	fake_addr(a, 1);
	fake_addr(b, 2);
	fake_addr(c, 3);
	if (!med_start(&md, NULL) || !guests(&md, g, 3, 0)) {
		CHECK(0);
		goto out;
	}
	fake_send_air(g[1], b, 20, 0);
	fake_send_air(g[2], c, 20, 0);
	CHECK(wait_radios(&md, 2));
	fake_drain(g[0], 50);
	fake_drain(g[1], 50);
	fake_drain(g[2], 50);
	memcpy(link.tx, a, 6);
	memcpy(link.rx, b, 6);
	CHECK_EQ(CTL(&md, VW_CTL_LINK_SET, &link), 0);
	CHECK(radio_get(&md, 2, &r));
	base = r.rx_frames;		/* c's first frame, if b was known */

	for (i = 0; i < 1000; i++)
		fake_send_air(g[0], a, 20, i);
	/* every frame decided: delivered or lost */
	deadline = med_now_ms() + 5000;
	for (;;) {
		CHECK(radio_get(&md, 2, &r));
		if (r.rx_frames + r.rx_lost >= base + 1000 ||
		    med_now_ms() > deadline)
			break;
		med_sleep_ms(5);
	}
	CHECK_EQ(r.rx_frames + r.rx_lost, base + 1000);
	for (i = base; i < r.rx_frames; i++)
		heard += fake_recv(g[1], rxbuf, 2000) >= 0;
	CHECK_EQ(heard, r.rx_frames - base);
	CHECK(quiet(g[1], 100));
	printf("loss 50 %%: %u of 1000 heard\n", heard);
	CHECK(heard >= 400 && heard <= 600);
	CHECK_EQ(fake_drain(g[2], 200), 1000);

	CHECK(radio_get(&md, 3, &r));
	CHECK_EQ(r.rx_lost, 0);
	close_all(g, 3);
	med_stop_clean(&md);
out:
	med_cleanup(&md);
}

struct count {
	unsigned int n;
	struct vw_ctl_deny last;
};

static int on_deny(u16 type, const union vw_ctl_msg *r, void *arg)
{
	struct count *c = arg;

	if (type == VW_CTL_R_DENY) {
		c->n++;
		c->last = r->deny;
	}
	return 0;
}

/* b denies a: B hears nothing of a, C all; deleting the deny restores it. */
static void test_deny(void)
{
	struct med md = { 0 };
	struct vw_ctl_deny d;
	struct count cnt = { 0 };
	char err[VW_CTL_TEXT_MAX + 64];
	unsigned int i;
	int g[3];
	u8 a[6], b[6], c[6];

	fake_addr(a, 1);
	fake_addr(b, 2);
	fake_addr(c, 3);
	if (!med_start(&md, NULL) || !guests(&md, g, 3, 0)) {
		CHECK(0);
		goto out;
	}
	fake_send_air(g[1], b, 20, 0);
	fake_send_air(g[2], c, 20, 0);
	CHECK(wait_radios(&md, 2));
	for (i = 0; i < 3; i++)
		fake_drain(g[i], 50);

	memcpy(d.rx, b, 6);
	memcpy(d.tx, a, 6);
	CHECK_EQ(CTL(&md, VW_CTL_DENY_ADD, &d), 0);
	CHECK_EQ(ctl_call(&md, VW_CTL_DENY_LIST, NULL, on_deny, &cnt, NULL, 0), 0);
	CHECK_EQ(cnt.n, 1);
	CHECK_MEM(cnt.last.rx, b, 6);
	CHECK_MEM(cnt.last.tx, a, 6);

	for (i = 0; i < 10; i++)
		fake_send_air(g[0], a, 20, i);
	CHECK_EQ(fake_drain(g[2], 300), 10);
	CHECK_EQ(fake_drain(g[1], 50), 0);
	/* b still transmits to a */
	fake_send_air(g[1], b, 20, 0);
	CHECK_EQ(fake_drain(g[0], 300), 1);

	CHECK_EQ(CTL(&md, VW_CTL_DENY_DEL, &d), 0);
	fake_send_air(g[0], a, 20, 10);
	CHECK_EQ(fake_drain(g[1], 300), 1);
	CHECK_EQ(ctl_call(&md, VW_CTL_DENY_DEL, &d, NULL, NULL, err,
			  sizeof(err)), -ENOENT);
	CHECK(strstr(err, "does not deny") != NULL);

	CHECK_EQ(CTL(&md, VW_CTL_DENY_ADD, &d), 0);
	CHECK_EQ(CTL(&md, VW_CTL_DENY_CLEAR, NULL), 0);
	cnt.n = 0;
	ctl_call(&md, VW_CTL_DENY_LIST, NULL, on_deny, &cnt, NULL, 0);
	CHECK_EQ(cnt.n, 0);
	close_all(g, 3);
	med_stop_clean(&md);
out:
	med_cleanup(&md);
}

/* The capture, read by tshark while the medium still runs. */
static void test_pcap(void)
{
	const char *extra[] = { "--pcap", NULL, NULL };
	struct med md = { 0 };
	char cmd[512], line[256];
	unsigned int i, probes = 0, lines = 0;
	int g[2];
	u8 a[6];
	FILE *p;

	if (system("command -v tshark >/dev/null 2>&1") != 0) {
		printf("SKIP test_pcap: tshark is not installed\n");
		return;
	}
	med_paths(&md);
	extra[1] = md.pcap;
	fake_addr(a, 1);
	if (!med_start(&md, extra) || !guests(&md, g, 2, 0)) {
		CHECK(0);
		goto out;
	}
	for (i = 0; i < 5; i++)
		fake_send_air(g[0], a, 17, i);
	CHECK_EQ(fake_drain(g[1], 300), 5);

	snprintf(cmd, sizeof(cmd),
		 "tshark -r %s -T fields -E separator=, -e wlan.fc.type_subtype "
		 "-e wlan.sa -e radiotap.dbm_antsignal -e radiotap.channel.freq "
		 "-e wlan.ssid 2>/dev/null", md.pcap);
	p = popen(cmd, "r");
	CHECK(p != NULL);
	while (p && fgets(line, sizeof(line), p)) {
		lines++;
		if (strstr(line, ",02:00:00:00:00:01,17,2437,") &&
		    (!strncmp(line, "4,", 2) || !strncmp(line, "0x0004,", 7)))
			probes++;
		else
			printf("tshark: %s", line);
	}
	if (p)
		CHECK_EQ(pclose(p), 0);
	CHECK_EQ(lines, 5);
	CHECK_EQ(probes, 5);
	CHECK_EQ(stats_get(&md).pcap_frames, 5);
	close_all(g, 2);
	med_stop_clean(&md);
out:
	med_cleanup(&md);
}

/*
 * Garbage, a 4 GiB length, half a frame then silence, a flood, a
 * disconnect mid-frame, non-air frames: the two good guests keep talking.
 */
static void test_misbehaving(void)
{
	const char *extra[] = { "--queue", "65536", NULL };
	struct med md = { 0 };
	u8 a[6], b[6], f[6], frame[512], junk[4096];
	struct fake_rx rx;
	struct vw_ctl_stats s;
	unsigned int i, seen;
	int good[2], bad[6];
	size_t len;

	fake_addr(a, 1);
	fake_addr(b, 2);
	fake_addr(f, 99);
	if (!med_start(&md, extra) || !guests(&md, good, 2, 0) ||
	    !guests(&md, bad, 6, 2)) {
		CHECK(0);
		goto out;
	}

	/* garbage: whatever length it starts with, the others carry on */
	srand(7);
	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (u8)rand();
	fake_write(bad[0], junk, sizeof(junk));
	/* a length of 4 GiB - 1: cut off at once */
	fake_write(bad[1], "\xff\xff\xff\xff", 4);
	/* half a frame, then silence, connection kept */
	len = fake_air_frame(frame, sizeof(frame), f, 20, 0);
	vw_put_be32(junk, (u32)len);
	memcpy(junk + 4, frame, len / 2);
	fake_write(bad[2], junk, 4 + len / 2);
	/* non-air frames: IPv4 EtherType */
	vw_put_be16(frame + 12, 0x0800);
	for (i = 0; i < 5; i++)
		fake_send(bad[3], frame, len);
	vw_put_be16(frame + 12, VW_AIR_ETHERTYPE);
	/* disconnect mid-frame */
	fake_write(bad[4], junk, 4 + len / 2);
	close(bad[4]);
	bad[4] = -1;
	/* a flood nobody is reading yet, 20000 frames, far over 64 KiB */
	for (i = 0; i < 20000; i++)
		fake_send_air(bad[5], f, 20, i);

	/* the good guests drain the flood they got, then talk */
	fake_drain(good[0], 300);
	fake_drain(good[1], 300);
	for (i = 0; i < 100; i++) {
		fake_send_air(good[0], a, 20, i);
		fake_send_air(good[1], b, 20, 1000 + i);
	}
	seen = 0;
	while (seen < 100 && recv_one(good[1], &rx, 2000))
		seen += !memcmp(rx.info.tx_addr, a, 6);
	CHECK_EQ(seen, 100);
	seen = 0;
	while (seen < 100 && recv_one(good[0], &rx, 2000))
		seen += !memcmp(rx.info.tx_addr, b, 6);
	CHECK_EQ(seen, 100);

	CHECK(log_has(&md, "cut off: frame length 4294967295 over 65536"));
	CHECK(log_has(&md, "disconnected mid-frame"));
	s = stats_get(&md);
	CHECK(s.cutoffs >= 1);
	CHECK(s.drop_queue_full > 0);		/* the silent guests' queues */
	CHECK_EQ(s.drop_not_air, 5);
	node_list(&md, &nodes);
	for (i = 0; i < nodes.n; i++) {
		if (nodes.node[i].id == 5) {	/* half a frame: still here */
			CHECK(nodes.node[i].drop_queue_full > 0);
			CHECK_EQ(nodes.node[i].rx_frames, 0);
		}
		if (nodes.node[i].id == 6)
			CHECK_EQ(nodes.node[i].drop_not_air, 5);
		CHECK(nodes.node[i].id != 4);	/* 4 GiB: gone */
		CHECK(nodes.node[i].id != 7);	/* mid-frame: gone */
	}
	close_all(good, 2);
	close_all(bad, 6);
	med_stop_clean(&md);
out:
	med_cleanup(&md);
}

#define MANY 200

/* 200 guests, each sends one frame, each hears the other 199. */
static void test_many(void)
{
	const char *extra[] = { "--max-clients", "300", NULL };
	struct med md = { 0 };
	int g[MANY];
	unsigned int i, short_of = 0;
	long long t0;
	u8 a[6];

	if (!med_start(&md, extra) || !guests(&md, g, MANY, 0)) {
		CHECK(0);
		goto out;
	}
	t0 = med_now_ms();
	for (i = 0; i < MANY; i++) {
		fake_addr(a, 1000 + i);
		fake_send_air(g[i], a, 20, i);
	}
	for (i = 0; i < MANY; i++) {
		unsigned int n = 0;

		while (n < MANY - 1 && fake_recv(g[i], rxbuf, 3000) >= 0)
			n++;
		if (n != MANY - 1)
			short_of++;
	}
	printf("%d guests: %d frames delivered in %lld ms\n", MANY,
	       MANY * (MANY - 1), med_now_ms() - t0);
	CHECK_EQ(short_of, 0);
	CHECK_EQ(stats_get(&md).tx_frames, MANY * (MANY - 1));
	CHECK_EQ(stats_get(&md).clients, MANY);
	close_all(g, MANY);
	CHECK(wait_nodes(&md, 0));
	med_stop_clean(&md);
out:
	med_cleanup(&md);
}

/* A guest over TCP on 127.0.0.1 and one over the unix socket. */
static void test_tcp(void)
{
	const char *extra[] = { "-t", "127.0.0.1:0", NULL };
	struct med md = { 0 };
	struct fake_rx rx;
	char line[256], *p;
	int port = 0, g[2] = { -1, -1 };
	u8 a[6], b[6];
	FILE *f;

	fake_addr(a, 1);
	fake_addr(b, 2);
	if (!med_start(&md, extra)) {
		CHECK(0);
		goto out;
	}
	f = fopen(md.log, "r");
	while (f && fgets(line, sizeof(line), f))
		if ((p = strstr(line, "listening on tcp 127.0.0.1:")))
			port = atoi(p + strlen("listening on tcp 127.0.0.1:"));
	if (f)
		fclose(f);
	CHECK(port > 0);
	g[0] = fake_tcp("127.0.0.1", port);
	g[1] = fake_unix(md.air);
	CHECK(g[0] >= 0 && wait_nodes(&md, 2));
	fake_send_air(g[0], a, 20, 5);
	CHECK(recv_one(g[1], &rx, 2000));
	CHECK_MEM(rx.info.tx_addr, a, 6);
	fake_send_air(g[1], b, 20, 6);
	CHECK(recv_one(g[0], &rx, 2000));
	CHECK_MEM(rx.info.tx_addr, b, 6);
	node_list(&md, &nodes);
	CHECK(!strncmp(nodes.node[0].peer, "tcp 127.0.0.1:", 14));
	close_all(g, 2);
	med_stop_clean(&md);
out:
	med_cleanup(&md);
}

static pid_t read_pid(const char *path)
{
	FILE *f = fopen(path, "r");
	int pid = 0;

	if (f) {
		if (fscanf(f, "%d", &pid) != 1)
			pid = 0;
		fclose(f);
	}
	return pid;
}

static bool gone(pid_t pid)
{
	char path[64], state = 0;
	FILE *f;

	if (kill(pid, 0) < 0)
		return true;
	/* a zombie no init reaped counts as gone */
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return true;
	if (fscanf(f, "%*d %*s %c", &state) != 1)
		state = 0;
	fclose(f);
	return state == 'Z';
}

/* -d and -p; SIGHUP reopens the log; SIGTERM removes sockets, pid file. */
static void test_daemon(void)
{
	struct med md = { 0 };
	char cmd[768], pidfile[160], rotated[160];
	long long deadline;
	pid_t pid;

	med_paths(&md);
	snprintf(pidfile, sizeof(pidfile), "%s/medium.pid", md.dir);
	snprintf(rotated, sizeof(rotated), "%s.1", md.log);
	snprintf(cmd, sizeof(cmd), "%s -d -p %s -s %s -c %s -l %s", bin,
		 pidfile, md.air, md.ctl, md.log);
	CHECK_EQ(system(cmd), 0);
	/* ready as soon as -d returns */
	CHECK(exists(md.air));
	CHECK(exists(md.ctl));
	pid = read_pid(pidfile);
	CHECK(pid > 0);
	if (pid <= 0)
		goto out;
	CHECK_EQ(CTL(&md, VW_CTL_STATS, NULL), 0);

	CHECK_EQ(rename(md.log, rotated), 0);
	kill(pid, SIGHUP);
	deadline = med_now_ms() + 3000;
	while (!log_has(&md, "log reopened") && med_now_ms() < deadline)
		med_sleep_ms(10);
	CHECK(log_has(&md, "log reopened"));

	kill(pid, SIGTERM);
	deadline = med_now_ms() + 3000;
	while (!gone(pid) && med_now_ms() < deadline)
		med_sleep_ms(10);
	CHECK(gone(pid));
	CHECK(!exists(md.air));
	CHECK(!exists(md.ctl));
	CHECK(!exists(pidfile));
	CHECK(log_has(&md, "signal 15: shutting down"));
out:
	med_cleanup(&md);
}

/* A second medium on a live socket fails; a stale socket file is reused. */
static void test_sockets(void)
{
	struct med md = { 0 }, md2 = { 0 };
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char cmd[512], out[512] = "";
	struct stat st;
	FILE *p;
	int fd;

	if (!med_start(&md, NULL)) {
		CHECK(0);
		goto out;
	}
	CHECK(stat(md.ctl, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK(stat(md.air, &st) == 0 && (st.st_mode & 0777) == 0660);
	med_paths(&md2);
	snprintf(cmd, sizeof(cmd), "%s -s %s -c %s 2>&1; echo status $?",
		 bin, md.air, md2.ctl);
	p = popen(cmd, "r");
	if (p) {
		if (!fgets(out, sizeof(out), p))
			out[0] = 0;
		CHECK(strstr(out, "in use by a running server") != NULL);
		CHECK(fgets(out, sizeof(out), p) != NULL);
		CHECK(!strcmp(out, "status 1\n"));	/* and one line only */
		pclose(p);
	}
	CHECK(exists(md.air));			/* the first one's, untouched */
	med_stop_clean(&md);

	/* a socket file nobody listens on */
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", md.air);
	CHECK(bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
	close(fd);
	CHECK(exists(md.air));
	CHECK(med_start(&md, NULL));
	med_stop_clean(&md);

	/* usage errors exit 2 */
	snprintf(cmd, sizeof(cmd), "%s --bogus 2>/dev/null", bin);
	CHECK_EQ(WEXITSTATUS(system(cmd)), 2);
out:
	med_cleanup(&md);
	med_cleanup(&md2);
}

static int raw_ctl(const struct med *md)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct timeval tv = { 2, 0 };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", md->ctl);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

/* Sends header + payload; returns the status error of the reply, or -1. */
static int raw_request(int fd, u8 version, u16 type, const u8 *pl, u32 len)
{
	u8 msg[256], hdr[8], body[512];
	struct vw_ctl_hdr h;

	vw_ctl_hdr_put(msg, type, len);
	msg[0] = version;
	if (len)
		memcpy(msg + 8, pl, len);
	if (fake_write(fd, msg, 8 + len) < 0)
		return -1;
	for (;;) {
		if (recv(fd, hdr, 8, MSG_WAITALL) != 8)
			return -1;
		vw_ctl_hdr_get(hdr, &h);
		if (h.len > sizeof(body) ||
		    (h.len && recv(fd, body, h.len, MSG_WAITALL) != (ssize_t)h.len))
			return -1;
		if (h.type == VW_CTL_R_STATUS)
			return (int)vw_get_be32(body);
	}
}

/* The wire rules of vw_medium_ctl.h, byte by byte; and vwm-ctl. */
static void test_ctl_protocol(void)
{
	struct med md = { 0 };
	struct vw_ctl_radio r;
	u8 pl[64] = { 0 }, hdr[8];
	char cmd[512], line[256] = "";
	FILE *p;
	int fd;

	if (!med_start(&md, NULL) || (fd = raw_ctl(&md)) < 0) {
		CHECK(0);
		goto out;
	}
	CHECK_EQ(raw_request(fd, 2, VW_CTL_STATS, NULL, 0), EPROTONOSUPPORT);
	CHECK_EQ(raw_request(fd, 1, 77, NULL, 0), EOPNOTSUPP);
	CHECK_EQ(raw_request(fd, 1, VW_CTL_R_STATS, NULL, 0), EOPNOTSUPP);
	fake_addr(pl, 5);
	CHECK_EQ(raw_request(fd, 1, VW_CTL_POS_SET, pl, 19), EINVAL);
	/* longer than we know: the tail is ignored */
	vw_put_be32(pl + 8, 1234);
	memset(pl + 20, 0xee, 12);
	CHECK_EQ(raw_request(fd, 1, VW_CTL_POS_SET, pl, 32), 0);
	CHECK(radio_get(&md, 5, &r));
	CHECK_EQ(r.x, 1234);
	CHECK_EQ(r.node, 0);
	/* pipelined: two requests in one write, two statuses in order */
	{
		u8 two[16];

		vw_ctl_hdr_put(two, VW_CTL_DENY_CLEAR, 0);
		vw_ctl_hdr_put(two + 8, VW_CTL_LINK_CLEAR, 0);
		CHECK_EQ(fake_write(fd, two, 16), 0);
		CHECK_EQ(recv(fd, pl, 12, MSG_WAITALL), 12);
		CHECK_EQ(recv(fd, pl, 12, MSG_WAITALL), 12);
	}
	/* a header announcing too much closes the connection */
	vw_ctl_hdr_put(hdr, VW_CTL_STATS, VW_CTL_PAYLOAD_MAX + 1);
	CHECK_EQ(fake_write(fd, hdr, 8), 0);
	CHECK_EQ(recv(fd, pl, 8, 0), 0);
	close(fd);

	snprintf(cmd, sizeof(cmd), "./vwm-ctl -c %s radios", md.ctl);
	p = popen(cmd, "r");
	if (p) {
		if (!fgets(line, sizeof(line), p))
			line[0] = 0;
		pclose(p);
	}
	CHECK(!strncmp(line, "radio\t02:00:00:00:00:05\tnode 0\tpos 1234,0,0\t",
		       44));
	med_stop_clean(&md);
out:
	med_cleanup(&md);
}

static int listen_unix(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(fd, 4) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int accept_within(int lfd, int ms)
{
	struct pollfd p = { .fd = lfd, .events = POLLIN };

	if (poll(&p, 1, ms) != 1)
		return -1;
	return accept(lfd, NULL, NULL);
}

/*
 * --connect, as to a QEMU guest started with server=on: the medium dials
 * out, retries until the guest listens, and finds it again after a
 * restart of its own.
 */
static void test_connect(void)
{
	const char *extra[] = { "-C", NULL, NULL };
	struct med md = { 0 };
	char target[120], guest[100];
	struct fake_rx rx;
	int lfd = -1, conn = -1, g = -1;
	u8 a[6], b[6];

	med_paths(&md);
	snprintf(guest, sizeof(guest), "%s/guest.sock", md.dir);
	snprintf(target, sizeof(target), "unix:%s", guest);
	extra[1] = target;
	fake_addr(a, 1);
	fake_addr(b, 2);

	/* the guest is not there yet: the medium keeps trying */
	if (!med_start(&md, extra)) {
		CHECK(0);
		goto out;
	}
	lfd = listen_unix(guest);
	conn = accept_within(lfd, 3000);
	CHECK(conn >= 0);
	g = fake_unix(md.air);
	CHECK(wait_nodes(&md, 2));
	fake_send_air(g, a, 20, 1);
	CHECK(fake_recv(conn, rxbuf, 2000) > 0);
	fake_send_air(conn, b, 20, 2);
	CHECK(recv_one(g, &rx, 2000));
	CHECK_MEM(rx.info.tx_addr, b, 6);
	close(g);
	g = -1;

	/* the medium restarts; the guest keeps listening, as QEMU does */
	med_stop_clean(&md);
	CHECK_EQ(fake_recv(conn, rxbuf, 1000), -1);
	close(conn);
	CHECK(med_start(&md, extra));
	conn = accept_within(lfd, 3000);
	CHECK(conn >= 0);
	CHECK(log_has(&md, "is --connect unix:"));
	med_stop_clean(&md);
out:
	if (conn >= 0)
		close(conn);
	if (lfd >= 0)
		close(lfd);
	if (g >= 0)
		close(g);
	med_cleanup(&md);
}

static int udp_bound(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons((u16)port),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct timeval tv = { 10, 0 };	/* a loaded machine is slow */
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

static int udp_port(int fd)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);

	getsockname(fd, (struct sockaddr *)&sa, &len);
	return ntohs(sa.sin_port);
}

/*
 * Real QEMU on the other end: its -netdev stream joined by a hub to a
 * -netdev dgram we hold the other end of, so frames cross QEMU's own
 * stream framing both ways without booting a guest.
 *
 *   udp (this test) <-> [dgram - hub - stream] qemu <-> medium <-> guest G
 */
static void test_qemu_stream(void)
{
	struct med md = { 0 };
	char netdev[300], dgram[300];
	u8 frame[512], a[6], q[6];
	struct fake_rx rx;
	int g = -1, udp = -1, probe, qport, status;
	pid_t qemu = -1;
	ssize_t n;
	size_t len;

	if (system("command -v qemu-system-x86_64 >/dev/null 2>&1") != 0) {
		printf("SKIP test_qemu_stream: qemu-system-x86_64 is not installed\n");
		return;
	}
	fake_addr(a, 1);
	fake_addr(q, 2);
	udp = udp_bound(0);
	probe = udp_bound(0);		/* a free port for QEMU's end */
	qport = udp_port(probe);
	close(probe);
	if (udp < 0 || !med_start(&md, NULL)) {
		CHECK(0);
		goto out;
	}
	snprintf(netdev, sizeof(netdev),
		 "stream,id=air,server=off,addr.type=unix,addr.path=%s", md.air);
	snprintf(dgram, sizeof(dgram),
		 "dgram,id=udp,local.type=inet,local.host=127.0.0.1,"
		 "local.port=%d,remote.type=inet,remote.host=127.0.0.1,"
		 "remote.port=%d", qport, udp_port(udp));
	qemu = fork();
	if (qemu == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, STDERR_FILENO);
		execlp("qemu-system-x86_64", "qemu-system-x86_64", "-display",
		       "none", "-machine", "none", "-nodefaults", "-monitor",
		       "none", "-netdev", netdev, "-netdev",
		       "hubport,id=hp0,hubid=0,netdev=air", "-netdev", dgram,
		       "-netdev", "hubport,id=hp1,hubid=0,netdev=udp", NULL);
		_exit(127);
	}
	g = fake_unix(md.air);
	CHECK(wait_nodes(&md, 2));

	/* what the guest's NIC would send comes out at G */
	len = fake_air_frame(frame, sizeof(frame), q, 20, 77);
	{
		struct sockaddr_in to = { .sin_family = AF_INET,
					  .sin_port = htons((u16)qport),
					  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
		bool got = false;
		int try;

		/* QEMU may still be setting up its netdevs on a busy machine:
		 * a datagram sent before it listens is lost, so send again */
		for (try = 0; try < 15 && !got; try++) {
			CHECK(sendto(udp, frame, len, 0, (struct sockaddr *)&to,
				     sizeof(to)) == (ssize_t)len);
			got = recv_one(g, &rx, 2000);
		}
		CHECK(got);
	}
	CHECK_MEM(rx.info.tx_addr, q, 6);
	CHECK_EQ(rx.info.seq, 77);

	/* and what G sends reaches the NIC, addressed to its radio */
	fake_send_air(g, a, 20, 78);
	n = recv(udp, rxbuf, sizeof(rxbuf), 0);
	CHECK(n > 0 && fake_parse(rxbuf, (size_t)n, &rx));
	CHECK_MEM(rx.dst, q, 6);
	CHECK_MEM(rx.info.tx_addr, a, 6);
	CHECK_EQ(rx.info.signal, -20);
	med_stop_clean(&md);
out:
	if (qemu > 0) {
		kill(qemu, SIGTERM);
		waitpid(qemu, &status, 0);
	}
	if (g >= 0)
		close(g);
	if (udp >= 0)
		close(udp);
	med_cleanup(&md);
}

/*
 * The daemon under valgrind through a bit of everything: guests, bad
 * guests, every control request, the capture, SIGHUP, SIGTERM. No error,
 * no leak.
 */
static void test_valgrind(void)
{
	const char *extra[] = { "--pcap", NULL, "-t", "127.0.0.1:0", NULL };
	static const u16 simple[] = {
		VW_CTL_NODE_LIST, VW_CTL_RADIO_LIST, VW_CTL_LINK_LIST,
		VW_CTL_DENY_LIST, VW_CTL_MODEL_GET, VW_CTL_STATS,
		VW_CTL_LINK_CLEAR, VW_CTL_DENY_CLEAR,
	};
	struct med md = { .valgrind = true };
	struct vw_ctl_link link = { .loss = 30 };
	struct vw_ctl_deny deny;
	struct vw_ctl_txpower txp = { .set = 1, .dbm = 5 };
	struct vw_ctl_model model = { 3, 25, -85 };
	struct stat st;
	unsigned int i;
	int g[5];
	u8 a[6], b[6];

	if (system("command -v valgrind >/dev/null 2>&1") != 0) {
		printf("FAIL test_valgrind: valgrind is not installed\n");
		CHECK(0);
		return;
	}
	med_paths(&md);
	extra[1] = md.pcap;
	fake_addr(a, 1);
	fake_addr(b, 2);
	if (!med_start(&md, extra) || !guests(&md, g, 5, 0)) {
		CHECK(0);
		goto out;
	}
	memcpy(link.tx, a, 6);
	memcpy(link.rx, b, 6);
	memcpy(deny.rx, a, 6);
	memcpy(deny.tx, b, 6);
	memcpy(txp.addr, a, 6);
	CHECK_EQ(CTL(&md, VW_CTL_LINK_SET, &link), 0);
	CHECK_EQ(CTL(&md, VW_CTL_DENY_ADD, &deny), 0);
	CHECK_EQ(CTL(&md, VW_CTL_TXPOWER_SET, &txp), 0);
	CHECK_EQ(CTL(&md, VW_CTL_MODEL_SET, &model), 0);
	CHECK_EQ(set_pos(&md, 2, 3000), 0);
	for (i = 0; i < 50; i++) {
		fake_send_air(g[0], a, 20, i);
		fake_send_air(g[1], b, 20, i);
	}
	fake_write(g[2], "\x00\x00\x10\x00garbage", 11);
	close(g[2]);				/* mid-frame */
	fake_write(g[3], "\xff\xff\xff\xff", 4);	/* cut off */
	fake_drain(g[0], 500);
	fake_drain(g[1], 500);
	for (i = 0; i < sizeof(simple) / sizeof(simple[0]); i++)
		CHECK_EQ(CTL(&md, simple[i], NULL), 0);
	CHECK_EQ(CTL(&md, VW_CTL_DENY_DEL, &deny), -ENOENT);
	kill(md.pid, SIGHUP);
	/* g[4] stays connected, with a queue, into the shutdown */
	fake_send_air(g[0], a, 20, 99);
	med_sleep_ms(200);
	CHECK_EQ(med_stop(&md), 0);
	CHECK(stat(md.vglog, &st) == 0 && st.st_size == 0);
	if (stat(md.vglog, &st) == 0 && st.st_size) {
		char cmd[200];

		snprintf(cmd, sizeof(cmd), "head -n 40 %s", md.vglog);
		if (system(cmd) != 0)
			printf("cannot show %s\n", md.vglog);
	}
	close(g[0]);
	close(g[1]);
	close(g[3]);
	close(g[4]);
out:
	med_cleanup(&md);
}

/* VWM_ONLY=test_x runs that case alone; VWM_KEEP=1 keeps its directory. */
#define LIVE(fn)						\
	do {							\
		if (!getenv("VWM_ONLY") ||			\
		    !strcmp(getenv("VWM_ONLY"), #fn))		\
			RUN(fn);				\
	} while (0)

int main(void)
{
	long long t0 = med_now_ms();

	bin = med_bin();
	if (access(bin, X_OK) < 0) {
		printf("%s: not built\n", bin);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	LIVE(test_delivery);
	LIVE(test_signal);
	LIVE(test_loss);
	LIVE(test_deny);
	LIVE(test_pcap);
	LIVE(test_misbehaving);
	LIVE(test_many);
	LIVE(test_tcp);
	LIVE(test_daemon);
	LIVE(test_sockets);
	LIVE(test_ctl_protocol);
	LIVE(test_connect);
	LIVE(test_qemu_stream);
	LIVE(test_valgrind);
	printf("test_live: %lld ms\n", med_now_ms() - t0);
	return check_summary("test_live");
}
