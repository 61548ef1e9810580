// SPDX-License-Identifier: GPL-2.0
/*
 * The relay and the model, without sockets: clients with no fd, frames
 * handed to vw_relay() as the stream decoder would, and the copies read
 * back from each client's output queue.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fake.h"
#include "medium.h"

#define GOT_MAX 1100

struct got {
	unsigned int n;
	struct fake_rx rx[GOT_MAX];
	u8 *frame[GOT_MAX];
};

static struct vw_medium m;
static struct got got;
static const u8 bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static void setup(void)
{
	vw_medium_defaults(&m);
	m.rng = 12345;
}

static void got_reset(void)
{
	unsigned int i;

	for (i = 0; i < got.n; i++)
		free(got.frame[i]);
	got.n = 0;
}

static void teardown(void)
{
	vw_clients_uninit(&m);
	vw_radios_uninit(&m);
	vw_pairs_uninit(&m);
	got_reset();
}

static void on_copy(void *arg, const u8 *frame, size_t len)
{
	(void)arg;
	if (got.n >= GOT_MAX)
		return;
	got.frame[got.n] = check_dup(frame, len);
	fake_parse(got.frame[got.n], len, &got.rx[got.n]);
	got.n++;
}

/* Everything queued to c so far, decoded into got (emptied first). */
static unsigned int collect(struct vw_client *c)
{
	struct vw_stream st;

	got_reset();
	vw_stream_init(&st, VW_FRAME_MAX);
	CHECK_EQ(vw_stream_feed(&st, vw_buf_head(&c->out), vw_buf_len(&c->out),
				on_copy, NULL), 0);
	CHECK(!vw_stream_mid_frame(&st));	/* never a partial frame */
	vw_stream_uninit(&st);
	vw_buf_consume(&c->out, vw_buf_len(&c->out));
	return got.n;
}

static void send_from(struct vw_client *c, unsigned int radio, int txp,
		      u32 seq)
{
	u8 frame[512], tx[6];
	size_t len;

	fake_addr(tx, radio);
	len = fake_air_frame(frame, sizeof(frame), tx, txp, seq);
	vw_relay(&m, c, frame, len);
}

static struct vw_radio *radio(unsigned int n)
{
	u8 a[6];

	fake_addr(a, n);
	return vw_radio_get(&m, a);
}

static struct vw_pair *pair(unsigned int tx, unsigned int rx)
{
	u8 a[6], b[6];

	fake_addr(a, tx);
	fake_addr(b, rx);
	return vw_pair_get(&m, a, b);
}

static void test_no_echo_broadcast(void)
{
	struct vw_client *a, *b;
	u8 frame[512], tx[6];
	size_t len;

	setup();
	a = vw_client_new(&m, -1, "a");
	b = vw_client_new(&m, -1, "b");
	fake_addr(tx, 1);
	len = fake_air_frame(frame, sizeof(frame), tx, 20, 7);
	vw_relay(&m, a, frame, len);

	CHECK_EQ(collect(a), 0);
	CHECK_EQ(collect(b), 1);
	CHECK_MEM(got.rx[0].dst, bcast, 6);
	CHECK(got.rx[0].hdr_len >= 0);
	CHECK(got.rx[0].info.flags & VW_AIR_F_SIGNAL_VALID);
	CHECK_EQ(got.rx[0].info.signal, -20);	/* 20 dBm, 1 m: 40 dB */
	CHECK_EQ(got.rx[0].info.seq, 7);
	CHECK_MEM(got.rx[0].info.tx_addr, tx, 6);
	/* beyond the destination and the signal, the frame is untouched */
	CHECK_MEM(got.frame[0] + 6, frame + 6, 14);	/* to air flags */
	CHECK_MEM(got.frame[0] + 22, frame + 22, 5);	/* freq .. tx power */
	CHECK_MEM(got.frame[0] + 28, frame + 28, len - 28);	/* tx_addr on */
	CHECK_EQ(a->n_radios, 1);
	CHECK_EQ(m.st.air_frames, 1);
	CHECK_EQ(b->st.tx_frames, 1);
	CHECK_EQ(a->st.rx_frames, 1);
	teardown();
}

static void test_copy_per_radio(void)
{
	struct vw_client *a, *b, *c, *d;
	u8 b1[6], b2[6], c1[6];

	setup();
	a = vw_client_new(&m, -1, "a");
	b = vw_client_new(&m, -1, "b");
	c = vw_client_new(&m, -1, "c");
	d = vw_client_new(&m, -1, "d");
	send_from(b, 21, 20, 0);
	send_from(b, 22, 20, 0);
	send_from(c, 31, 20, 0);
	collect(a);
	collect(b);
	collect(c);
	collect(d);

	send_from(a, 11, 20, 1);
	fake_addr(b1, 21);
	fake_addr(b2, 22);
	fake_addr(c1, 31);
	CHECK_EQ(collect(b), 2);
	CHECK_MEM(got.rx[0].dst, b1, 6);
	CHECK_MEM(got.rx[1].dst, b2, 6);
	CHECK_EQ(collect(c), 1);
	CHECK_MEM(got.rx[0].dst, c1, 6);
	CHECK_EQ(collect(d), 1);
	CHECK_MEM(got.rx[0].dst, bcast, 6);
	CHECK_EQ(collect(a), 0);
	CHECK_EQ(b->n_radios, 2);
	CHECK_EQ(radio(21)->st.rx_frames, 2);	/* c's frame, then a's */
	teardown();
}

/*
 * Three clients a, b, c; b's radio 2 and c's radio 3 known to the medium
 * (they have sent), every queue empty.
 */
static void three_clients(struct vw_client **a, struct vw_client **b,
			  struct vw_client **c)
{
	setup();
	*a = vw_client_new(&m, -1, "a");
	*b = vw_client_new(&m, -1, "b");
	*c = vw_client_new(&m, -1, "c");
	send_from(*b, 2, 20, 0);
	send_from(*c, 3, 20, 0);
	collect(*a);
	collect(*b);
	collect(*c);
}

static void test_deny(void)
{
	struct vw_client *a, *b, *c;

	three_clients(&a, &b, &c);
	pair(1, 2)->denied = true;	/* radio 2 denies radio 1 */

	send_from(a, 1, 20, 0);
	CHECK_EQ(collect(b), 0);
	CHECK_EQ(collect(c), 1);
	CHECK_EQ(radio(2)->st.rx_denied, 1);
	CHECK_EQ(m.st.drop_denied, 1);
	/* the other direction is not denied */
	send_from(b, 2, 20, 0);
	CHECK_EQ(collect(a), 1);
	teardown();
}

/*
 * An air frame from radio tx carrying data an AP relays (FromDS: A1 the
 * broadcast, A2 the AP's BSSID = tx, A3 the original source src), on freq
 * at rate.
 */
static void send_data(struct vw_client *c, unsigned int tx, unsigned int src,
		      u16 freq, const struct vw_rate *rate)
{
	struct vw_air_info info = {
		.freq = freq,
		.rate = *rate,
		.tx_power = 20,
	};
	u8 frame[256], a2[6], a3[6];
	int n, h;

	fake_addr(a2, tx);
	fake_addr(a3, src);
	memcpy(info.tx_addr, a2, 6);
	memset(frame, 0xff, 6);
	memset(frame + 6, 0x52, 6);
	vw_put_be16(frame + 12, VW_AIR_ETHERTYPE);
	n = vw_air_encode(&info, frame + VW_ETH_HLEN,
			  sizeof(frame) - VW_ETH_HLEN);
	CHECK_EQ(n, VW_AIR_HDR_LEN);
	h = vw_build_data_hdr(frame + VW_ETH_HLEN + n,
			      sizeof(frame) - VW_ETH_HLEN - (size_t)n,
			      VW_FC_FROMDS, bcast, a2, a3, 1, 0);
	CHECK_EQ(h, VW_HDR3_LEN + VW_QOS_LEN);
	vw_llc_snap_put(frame + VW_ETH_HLEN + n + h, 0x0800);
	vw_relay(&m, c, frame, VW_ETH_HLEN + (size_t)(n + h) + VW_LLC_SNAP_LEN);
}

static const struct vw_rate rate_1m = { .mode = VW_MODE_LEGACY, .legacy = 10 };

/*
 * The denylist holds on every hop: radio 2 denies radio 4, and the AP
 * (radio 1) relays radio 4's data; radio 2 must not hear it, radio 3
 * must, and radio 2 still hears what the AP relays for anyone else.
 */
static void test_deny_relayed_source(void)
{
	struct vw_client *a, *b, *c;

	three_clients(&a, &b, &c);
	pair(4, 2)->denied = true;	/* radio 2 denies radio 4 */

	send_data(a, 1, 4, 2412, &rate_1m);
	CHECK_EQ(collect(b), 0);
	CHECK_EQ(collect(c), 1);
	CHECK_EQ(radio(2)->st.rx_denied, 1);
	CHECK_EQ(m.st.drop_denied, 1);

	send_data(a, 1, 3, 2412, &rate_1m);
	CHECK_EQ(collect(b), 1);
	CHECK_EQ(collect(c), 1);
	CHECK_EQ(m.st.drop_denied, 1);
	teardown();
}

/*
 * The same place, two bands: 5180 MHz loses about 7 dB more than 2412
 * (free-space loss at 1 m, 47 against 40 dB), so at the edge of range a
 * 2.4 GHz frame is heard and a 5 GHz one is weak.
 */
static void test_band_loss(void)
{
	struct vw_client *a, *b;
	struct vw_radio *r2;
	int s24, s5;

	setup();
	a = vw_client_new(&m, -1, "a");
	b = vw_client_new(&m, -1, "b");
	send_from(b, 2, 20, 0);
	collect(a);
	r2 = radio(2);
	r2->pos[0] = 10000;			/* 10 m */

	send_data(a, 1, 1, 2412, &rate_1m);
	CHECK_EQ(collect(b), 1);
	s24 = got.rx[0].info.signal;
	CHECK_EQ(s24, -40);
	send_data(a, 1, 1, 5180, &rate_1m);
	CHECK_EQ(collect(b), 1);
	s5 = got.rx[0].info.signal;
	CHECK_EQ(s5, -47);
	CHECK_EQ(got.rx[0].info.freq, 5180);

	/* sensitivity between the two: only 2.4 GHz gets through */
	m.model.sensitivity_dbm = -44;
	send_data(a, 1, 1, 2412, &rate_1m);
	CHECK_EQ(collect(b), 1);
	send_data(a, 1, 1, 5180, &rate_1m);
	CHECK_EQ(collect(b), 0);
	CHECK_EQ(r2->st.rx_weak, 1);
	teardown();
}

/* A fast rate needs more signal than 1 Mb/s: weak where 1 Mb/s is heard. */
static void test_rate_sensitivity(void)
{
	const struct vw_rate vht9 = { .mode = VW_MODE_VHT, .mcs = 9, .nss = 2,
				      .width = VW_WIDTH_80, .sgi = true };
	struct vw_client *a, *b;

	setup();
	a = vw_client_new(&m, -1, "a");
	b = vw_client_new(&m, -1, "b");
	send_from(b, 2, 20, 0);
	collect(a);
	radio(2)->pos[0] = 10000;		/* -47 dBm at 5180 */
	m.model.sensitivity_dbm = -70;		/* 23 dB of margin */

	send_data(a, 1, 1, 5180, &rate_1m);
	CHECK_EQ(collect(b), 1);
	send_data(a, 1, 1, 5180, &vht9);	/* needs 25 + 6 dB */
	CHECK_EQ(collect(b), 0);
	CHECK_EQ(radio(2)->st.rx_weak, 1);
	m.model.sensitivity_dbm = -78;		/* 31 dB: exactly enough */
	send_data(a, 1, 1, 5180, &vht9);
	CHECK_EQ(collect(b), 1);
	CHECK_EQ(got.rx[0].info.rate.mode, VW_MODE_VHT);
	CHECK_EQ(got.rx[0].info.rate.mcs, 9);
	teardown();
}

static unsigned int send_many(struct vw_client *from, struct vw_client *to,
			      unsigned int n)
{
	unsigned int i, heard = 0;

	for (i = 0; i < n; i++) {
		send_from(from, 1, 20, i);
		heard += collect(to);
	}
	return heard;
}

static void test_loss(void)
{
	struct vw_client *a, *b;
	struct vw_pair *p;
	unsigned int heard;

	setup();
	a = vw_client_new(&m, -1, "a");
	b = vw_client_new(&m, -1, "b");
	send_from(b, 2, 20, 0);
	collect(a);

	p = pair(1, 2);
	p->loss = 100;
	CHECK_EQ(send_many(a, b, 200), 0);
	CHECK_EQ(radio(2)->st.rx_lost, 200);

	p->loss = 0;
	vw_pair_settle(&m, p);
	CHECK_EQ(m.n_pairs, 0);
	CHECK_EQ(send_many(a, b, 200), 200);

	pair(1, 2)->loss = 50;
	heard = send_many(a, b, 1000);
	CHECK(heard >= 400 && heard <= 600);
	CHECK_EQ(radio(2)->st.rx_lost, 200 + 1000 - heard);
	/* directional: 2 -> 1 has no loss */
	send_from(b, 2, 20, 0);
	CHECK_EQ(collect(a), 1);
	teardown();
}

static void test_signal_and_sensitivity(void)
{
	struct vw_client *a, *b;
	struct vw_radio *r1, *r2;

	setup();
	a = vw_client_new(&m, -1, "a");
	b = vw_client_new(&m, -1, "b");
	send_from(b, 2, 20, 0);
	collect(a);
	r1 = radio(1);
	r2 = radio(2);

	r2->pos[0] = 10000;			/* 10 m */
	send_from(a, 1, 20, 0);
	CHECK_EQ(collect(b), 1);
	CHECK_EQ(got.rx[0].info.signal, -40);

	r1->pos[1] = 10000;			/* now 10 * sqrt(2) m */
	send_from(a, 1, 20, 0);
	CHECK_EQ(collect(b), 1);
	CHECK_EQ(got.rx[0].info.signal, -43);
	r1->pos[1] = 0;

	m.model.exponent_x10 = 30;
	send_from(a, 1, 20, 0);
	CHECK_EQ(collect(b), 1);
	CHECK_EQ(got.rx[0].info.signal, -50);

	r1->txp_set = true;
	r1->txp_override = 10;
	send_from(a, 1, 20, 0);
	CHECK_EQ(collect(b), 1);
	CHECK_EQ(got.rx[0].info.signal, -60);
	r1->txp_set = false;

	m.model.exponent_x10 = 20;
	r2->pos[0] = 10000000;			/* 10 km: -100 dBm */
	send_from(a, 1, 20, 0);
	CHECK_EQ(collect(b), 0);
	CHECK_EQ(r2->st.rx_weak, 1);
	m.model.sensitivity_dbm = -100;
	send_from(a, 1, 20, 0);
	CHECK_EQ(collect(b), 1);
	CHECK_EQ(got.rx[0].info.signal, -100);
	teardown();
}

static void test_not_air(void)
{
	struct vw_client *a, *b;
	u8 frame[512], tx[6];
	size_t len;

	setup();
	a = vw_client_new(&m, -1, "a");
	b = vw_client_new(&m, -1, "b");
	fake_addr(tx, 1);
	len = fake_air_frame(frame, sizeof(frame), tx, 20, 0);

	vw_put_be16(frame + 12, 0x0800);	/* IPv4 */
	vw_relay(&m, a, frame, len);
	CHECK_EQ(a->st.drop_not_air, 1);
	vw_put_be16(frame + 12, VW_AIR_ETHERTYPE);

	frame[14] ^= 0xff;			/* air magic */
	vw_relay(&m, a, frame, len);
	frame[14] ^= 0xff;
	vw_relay(&m, a, frame, 10);		/* shorter than Ethernet */
	vw_relay(&m, a, frame, 0);
	vw_relay(&m, a, frame, 14 + 20);	/* half an air header */
	vw_relay(&m, a, frame, 14 + VW_AIR_HDR_LEN + 9); /* MPDU too short */
	CHECK_EQ(a->st.drop_malformed, 5);
	CHECK_EQ(m.st.drop_malformed, 5);
	CHECK_EQ(m.st.drop_not_air, 1);
	CHECK_EQ(collect(b), 0);
	CHECK_EQ(a->n_radios, 0);

	vw_relay(&m, a, frame, 14 + VW_AIR_HDR_LEN + 10); /* the shortest */
	CHECK_EQ(collect(b), 1);
	CHECK_EQ(a->st.rx_frames, 7);
	teardown();
}

static void test_queue_full(void)
{
	struct vw_client *a, *b;
	unsigned int i, n;

	setup();
	m.cfg.queue_limit = 4096;
	a = vw_client_new(&m, -1, "a");
	b = vw_client_new(&m, -1, "b");
	for (i = 0; i < 100; i++)
		send_from(a, 1, 20, i);
	n = collect(b);
	CHECK(n > 0 && n < 100);
	CHECK_EQ(b->st.drop_queue_full, 100 - n);
	CHECK_EQ(m.st.drop_queue_full, 100 - n);
	/* the frames that did go are the first ones, whole and in order */
	for (i = 0; i < n; i++)
		CHECK_EQ(got.rx[i].info.seq, i);
	/* drained, it takes frames again */
	send_from(a, 1, 20, 100);
	CHECK_EQ(collect(b), 1);
	teardown();
}

static void test_radio_move_and_limit(void)
{
	struct vw_client *a, *b;
	unsigned int i;

	setup();
	a = vw_client_new(&m, -1, "a");
	b = vw_client_new(&m, -1, "b");
	send_from(a, 1, 20, 0);
	radio(1)->pos[0] = 5000;
	CHECK(radio(1)->client == a);
	send_from(b, 1, 20, 0);
	CHECK(radio(1)->client == b);
	CHECK_EQ(a->n_radios, 0);
	CHECK_EQ(b->n_radios, 1);
	CHECK_EQ(m.st.radio_moves, 1);

	/* a client that goes keeps its radios' configuration */
	vw_client_kill(&m, b, "test");
	vw_client_reap(&m);
	CHECK(radio(1)->client == NULL);
	CHECK_EQ(radio(1)->pos[0], 5000);

	for (i = 0; i < VW_RADIOS_PER_CLIENT; i++)
		send_from(a, 100 + i, 20, 0);
	CHECK_EQ(a->n_radios, VW_RADIOS_PER_CLIENT);
	send_from(a, 1000, 20, 0);
	CHECK_EQ(a->st.drop_radio_limit, 1);
	CHECK_EQ(a->n_radios, VW_RADIOS_PER_CLIENT);
	teardown();
}

static void test_pairs(void)
{
	struct vw_pair *p;

	setup();
	pair(1, 2)->loss = 10;
	pair(2, 1)->denied = true;
	pair(1, 3)->denied = true;
	pair(1, 3)->loss = 30;
	CHECK_EQ(m.n_pairs, 3);
	vw_pairs_clear_loss(&m);
	CHECK_EQ(m.n_pairs, 2);		/* 1->2 had only a loss */
	p = pair(1, 3);
	CHECK(p->denied && !p->loss);
	vw_pairs_clear_deny(&m);
	CHECK_EQ(m.n_pairs, 0);
	CHECK(m.pairs == NULL);
	teardown();
}

static void test_distance(void)
{
	s32 o[3] = { 0, 0, 0 }, a[3] = { 3000, 4000, 0 };
	s32 far1[3] = { INT32_MIN, INT32_MIN, INT32_MIN };
	s32 far2[3] = { INT32_MAX, INT32_MAX, INT32_MAX };

	CHECK_EQ(vw_model_distance_cm(o, a), 500);
	CHECK_EQ(vw_model_distance_cm(a, a), 0);
	CHECK(vw_model_distance_cm(far1, far2) > 700000000u);	/* no overflow */
}

int main(void)
{
	RUN(test_no_echo_broadcast);
	RUN(test_copy_per_radio);
	RUN(test_deny);
	RUN(test_deny_relayed_source);
	RUN(test_band_loss);
	RUN(test_rate_sensitivity);
	RUN(test_loss);
	RUN(test_signal_and_sensitivity);
	RUN(test_not_air);
	RUN(test_queue_full);
	RUN(test_radio_move_and_limit);
	RUN(test_pairs);
	RUN(test_distance);
	return check_summary("test_relay");
}
