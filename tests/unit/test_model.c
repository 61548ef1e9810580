// SPDX-License-Identifier: GPL-2.0
/*
 * Propagation model: the integer log-distance path loss agrees with the
 * floating point formula at 2.4 and 5 GHz, is monotonic, and clamps; the
 * verdict denies, weakens and loses frames as documented.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "vw_core.h"

#define M(x) ((u32)((x) * 100))	/* metres to the model's centimetres */

#define F24 2412	/* MHz, channel 1 */
#define F5 5180		/* MHz, channel 36 */

static double reference_loss(u32 distance_cm, int exponent_x10, u16 freq)
{
	double d = distance_cm < 100 ? 1.0 : distance_cm / 100.0;

	return 20 * log10(freq) - 27.55 + exponent_x10 * log10(d);
}

static void test_reference_points(void)
{
	int tx;

	for (tx = -10; tx <= 30; tx += 5) {
		CHECK_EQ(vw_model_signal_dbm(tx, M(1), 20, F24), tx - 40);
		CHECK(abs(vw_model_signal_dbm(tx, M(10), 20, F24) -
			  (tx - 60)) <= 1);
		CHECK(abs(vw_model_signal_dbm(tx, M(100), 20, F24) -
			  (tx - 80)) <= 1);
	}
	/* exact in fact, the log of a power of ten has no rounding to hide */
	CHECK_EQ(vw_model_signal_dbm(20, M(10), 20, F24), -40);
	CHECK_EQ(vw_model_signal_dbm(20, M(100), 20, F24), -60);
	CHECK_EQ(vw_model_signal_dbm(0, M(10), 30, F24), -70);
	CHECK_EQ(vw_model_signal_dbm(0, M(1000), 20, F24), -100);
}

static void test_under_one_metre(void)
{
	static const u32 cms[] = { 0, 1, 50, 99, 100 };
	size_t i;

	for (i = 0; i < sizeof(cms) / sizeof(cms[0]); i++)
		CHECK_EQ(vw_model_signal_dbm(15, cms[i], 35, F24), 15 - 40);
}

/* Within 0.5 dB of the exact formula, plus the final rounding. */
static void test_accuracy(void)
{
	static const int exps[] = { 10, 20, 27, 35, 40, 60 };
	static const u16 freqs[] = { F24, 2484, F5, 5825, 5955, 900, 60000 };
	size_t i, j;
	double d;

	for (j = 0; j < sizeof(freqs) / sizeof(freqs[0]); j++) {
		u16 f = freqs[j];

		for (i = 0; i < sizeof(exps) / sizeof(exps[0]); i++) {
			for (d = 100; d < 4.2e9; d = d * 1.07 + 1) {
				double want = -reference_loss((u32)d, exps[i],
							      f);
				int got = vw_model_signal_dbm(0, (u32)d,
							      exps[i], f);

				if (want < -127)
					break;
				if (fabs(got - want) > 0.5 + 1e-3) {
					printf("FAIL %s: %u MHz %u cm n=%d: "
					       "got %d, want %.3f\n",
					       check_case, f, (u32)d, exps[i],
					       got, want);
					check_case_failed = 1;
				}
			}
		}
	}
}

/*
 * The free-space loss at 1 m is the frequency's: 40 dB at 2412 MHz (as
 * before frequencies counted), 47 dB at 5180, so at one distance 5 GHz
 * arrives about 7 dB weaker. Frequency 0 (unknown) counts as 2412.
 */
static void test_frequency(void)
{
	int d;

	CHECK_EQ(vw_model_signal_dbm(0, M(1), 20, F24), -40);
	CHECK_EQ(vw_model_signal_dbm(0, M(1), 20, F5), -47);
	CHECK_EQ(vw_model_signal_dbm(0, M(1), 20, 0), -40);
	CHECK_EQ(vw_model_signal_dbm(0, M(1), 20, 2484), -40);
	CHECK_EQ(vw_model_signal_dbm(0, M(1), 20, 5825), -48);
	for (d = 1; d <= 300; d = d * 3 + 1) {
		int s24 = vw_model_signal_dbm(20, M(d), 30, F24);
		int s5 = vw_model_signal_dbm(20, M(d), 30, F5);
		int diff = s24 - s5;

		CHECK(diff >= 6 && diff <= 8);
		/* 2.4 GHz as before: 40 dB at 1 m, within 1 dB */
		CHECK(abs(s24 - (int)lround(20 - 40 - 30 * log10(d))) <= 1);
	}
	/* absurdly low: the 1 m loss stops at 0 dB, it is never a gain */
	CHECK_EQ(vw_model_signal_dbm(0, M(1), 20, 1), 0);
	CHECK(vw_model_signal_dbm(0, M(1), 20, 0xffff) < -40);
}

static void test_monotonic(void)
{
	static const int exps[] = { 0, 15, 20, 33, 50 };
	size_t i;
	u64 d;

	for (i = 0; i < sizeof(exps) / sizeof(exps[0]); i++) {
		int prev = vw_model_signal_dbm(20, 0, exps[i], F24);

		for (d = 1; d <= 0xffffffffull; d = d * 9 / 8 + 1) {
			int s = vw_model_signal_dbm(20, (u32)d, exps[i], F24);

			if (s > prev) {
				printf("FAIL %s: rises at %llu cm n=%d\n",
				       check_case, (unsigned long long)d,
				       exps[i]);
				check_case_failed = 1;
			}
			prev = s;
		}
		CHECK(vw_model_signal_dbm(20, 0xffffffffu, exps[i], F24) <=
		      prev);
	}
}

static void test_clamp(void)
{
	CHECK_EQ(vw_model_signal_dbm(127, M(1), 20, F24), 87);
	CHECK_EQ(vw_model_signal_dbm(300, M(1), 20, F24), 127);
	CHECK_EQ(vw_model_signal_dbm(-100, M(10000), 20, F24), -127);
	CHECK_EQ(vw_model_signal_dbm(-2147483647 - 1, 0xffffffffu, 1000, F24),
		 -127);
	CHECK_EQ(vw_model_signal_dbm(2147483647, 0, 20, F24), 127);
	CHECK_EQ(vw_model_signal_dbm(0, 0xffffffffu, 2147483647, F24), -127);
}

/* A zero or negative exponent means no loss beyond the reference. */
static void test_flat_exponent(void)
{
	CHECK_EQ(vw_model_signal_dbm(10, M(500), 0, F24), -30);
	CHECK_EQ(vw_model_signal_dbm(10, M(500), -20, F24), -30);
}

/* Positions in millimetres, distance in centimetres, exact for squares. */
static void test_distance(void)
{
	const int32_t o[3] = { 0, 0, 0 };
	const int32_t a[3] = { 3000, 4000, 0 };		/* 5 m */
	const int32_t b[3] = { 6000, 8000, 12000 };	/* 13 m from a */
	const int32_t far[3] = { INT32_MAX, INT32_MAX, INT32_MAX };
	const int32_t near[3] = { INT32_MIN, INT32_MIN, INT32_MIN };
	double want = sqrt(3.0) * ((double)INT32_MAX - INT32_MIN) / 10.0;

	CHECK_EQ(vw_model_distance_cm(o, o), 0);
	CHECK_EQ(vw_model_distance_cm(o, a), 500);
	CHECK_EQ(vw_model_distance_cm(a, o), 500);
	CHECK_EQ(vw_model_distance_cm(a, b), 1300);
	/* the largest distance neither overflows nor wraps */
	CHECK(fabs(vw_model_distance_cm(far, near) - want) < 2.0);
}

/* ---- the verdict ---- */

static const u8 ap_addr[6] = { 0x02, 0, 0, 0, 0x0a, 0 };
static const u8 sta_addr[6] = { 0x02, 0, 0, 0, 0x0b, 0 };
static const u8 far_addr[6] = { 0x02, 0, 0, 0, 0x0c, 0 };

/* the receiver's denylist: addresses, ended by NULL */
static bool denies_list(const void *ctx, const u8 *addr)
{
	const u8 *const *l;

	for (l = ctx; *l; l++)
		if (!memcmp(*l, addr, 6))
			return true;
	return false;
}

/* data the AP relays from far_addr (FromDS: A1 DA, A2 BSSID, A3 SA) */
static void relayed_frame(u8 *buf)
{
	memset(buf, 0, VW_HDR3_LEN);
	vw_put_le16(buf, VW_FC(VW_FTYPE_DATA, VW_STYPE_DATA) | VW_FC_FROMDS);
	memcpy(buf + 4, sta_addr, 6);
	memcpy(buf + 10, ap_addr, 6);
	memcpy(buf + 16, far_addr, 6);
}

static const struct vw_model_params params = {
	.exponent_x10 = 20,
	.sensitivity_dbm = -90,
};

static struct vw_hearing hearing(const u8 *frame, size_t len)
{
	return (struct vw_hearing){
		.frame = frame,
		.len = len,
		.tx_addr = ap_addr,
		.distance_cm = M(10),
		.freq = F24,
		.tx_power_dbm = 20,
	};
}

static void test_frame_source(void)
{
	u8 f[VW_HDR3_LEN];

	relayed_frame(f);
	CHECK(vw_frame_source(f, sizeof(f)) == f + 16);
	CHECK(vw_frame_source(f, sizeof(f) - 1) == NULL);
	CHECK(vw_frame_source(NULL, 0) == NULL);
	/* ToDS too (a 4-address frame): A2 */
	vw_put_le16(f, VW_FC(VW_FTYPE_DATA, 0) | VW_FC_FROMDS | VW_FC_TODS);
	CHECK(vw_frame_source(f, sizeof(f)) == f + 10);
	/* to the AP: A2 is the source */
	vw_put_le16(f, VW_FC(VW_FTYPE_DATA, VW_STYPE_QOS_DATA) | VW_FC_TODS);
	CHECK(vw_frame_source(f, sizeof(f)) == f + 10);
	/* FromDS QoS data relayed: A3 */
	vw_put_le16(f, VW_FC(VW_FTYPE_DATA, VW_STYPE_QOS_DATA) | VW_FC_FROMDS);
	CHECK(vw_frame_source(f, sizeof(f)) == f + 16);
	/* management frames have no FromDS meaning: A2 */
	vw_put_le16(f, VW_FC(VW_FTYPE_MGMT, VW_STYPE_BEACON) | VW_FC_FROMDS);
	CHECK(vw_frame_source(f, sizeof(f)) == f + 10);
}

static void test_verdict_heard(void)
{
	const u8 *others[] = { sta_addr, NULL };
	u8 f[VW_HDR3_LEN];
	struct vw_hearing h;
	int signal = 1;

	relayed_frame(f);
	h = hearing(f, sizeof(f));
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_HEARD);
	CHECK_EQ(signal, vw_model_signal_dbm(20, M(10), 20, F24));
	CHECK_EQ(signal, -40);
	/* nobody denied: the list exists but names others */
	h.denies = denies_list;
	h.ctx = others;
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_HEARD);
	/* 5 GHz, same place: 7 dB less */
	h.freq = F5;
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_HEARD);
	CHECK_EQ(signal, -47);
}

static void test_verdict_denied(void)
{
	const u8 *by_tx[] = { ap_addr, NULL };
	const u8 *by_source[] = { far_addr, NULL };
	u8 f[VW_HDR3_LEN];
	struct vw_hearing h;
	int signal = 12345;

	relayed_frame(f);
	h = hearing(f, sizeof(f));
	h.denies = denies_list;
	h.ctx = by_tx;
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_DENIED);
	CHECK_EQ(signal, 12345);	/* left alone when denied */
	/* the AP is fine, but the station it relays for is denied */
	h.ctx = by_source;
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_DENIED);
	/* ... which only a FromDS data frame names in A3 */
	vw_put_le16(f, VW_FC(VW_FTYPE_DATA, VW_STYPE_DATA) | VW_FC_TODS);
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_HEARD);
	/* a frame too short for A3 is judged by its transmitter alone */
	relayed_frame(f);
	h.len = VW_HDR3_LEN - 1;
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_HEARD);
	/* and the denial comes before the signal: even out of range */
	h.len = sizeof(f);
	h.distance_cm = 0xffffffffu;
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_DENIED);
}

/* One signal, two rates: too weak for 54 Mb/s, enough for MCS 0. */
static void test_verdict_weak_by_rate(void)
{
	const struct vw_rate fast = { .mode = VW_MODE_LEGACY, .legacy = 540 };
	const struct vw_rate mcs0 = { .mode = VW_MODE_HT, .mcs = 0 };
	const struct vw_rate mcs7_40 = { .mode = VW_MODE_HT, .mcs = 7,
					 .width = VW_WIDTH_40 };
	u8 f[VW_HDR3_LEN];
	struct vw_hearing h;
	int signal = 0;

	relayed_frame(f);
	h = hearing(f, sizeof(f));
	h.signal_given = true;
	h.signal_dbm = -85;	/* 5 dB above the -90 of the robust rates */
	h.rate = &fast;		/* needs 17 dB */
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_WEAK);
	CHECK_EQ(signal, -85);	/* set when weak too */
	h.rate = &mcs0;
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_HEARD);
	h.rate = NULL;		/* the most robust */
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_HEARD);
	/* exactly the sensitivity plus the offset is heard, 1 dB less not */
	h.rate = &mcs7_40;	/* 18 + 3 dB */
	h.signal_dbm = -69;
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_HEARD);
	h.signal_dbm = -70;
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_WEAK);
	h.rate = NULL;
	h.signal_dbm = -91;
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_WEAK);
}

/* The given signal wins over distance and power. */
static void test_verdict_signal_given(void)
{
	u8 f[VW_HDR3_LEN];
	struct vw_hearing h;
	int signal = 0;

	relayed_frame(f);
	h = hearing(f, sizeof(f));
	h.distance_cm = 0xffffffffu;	/* far out of range by the model */
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_WEAK);
	CHECK_EQ(signal, -127);
	h.signal_given = true;
	h.signal_dbm = -33;
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_HEARD);
	CHECK_EQ(signal, -33);
}

/*
 * Loss 50 %: draws below 2^31 fall in the lost half, above it are heard;
 * 0 % loses nothing, 100 % everything.
 */
static void test_verdict_lost(void)
{
	static const struct {
		u32 draw;
		u32 loss;
		int want;
	} cases[] = {
		{ 0, 50, VW_LOST },
		{ 0x7fffffffu, 50, VW_LOST },
		{ 0x80000000u, 50, VW_HEARD },
		{ 0xffffffffu, 50, VW_HEARD },
		{ 0, 0, VW_HEARD },
		{ 0xffffffffu, 100, VW_LOST },
		{ 0, 1, VW_LOST },
		{ 0x028f5c28u, 1, VW_LOST },	/* just under 2^32 / 100 */
		{ 0x028f5c29u, 1, VW_HEARD },
	};
	u8 f[VW_HDR3_LEN];
	struct vw_hearing h;
	int signal = 0;
	size_t i;
	u32 lost = 0, n;

	relayed_frame(f);
	h = hearing(f, sizeof(f));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		h.draw = cases[i].draw;
		h.loss_percent = cases[i].loss;
		CHECK_EQ(vw_model_verdict(&params, &h, &signal), cases[i].want);
		CHECK_EQ(signal, -40);
	}
	/* evenly spread draws (steps just over 2^32 / 1000): half lost */
	h.loss_percent = 50;
	for (n = 0; n < 1000; n++) {
		h.draw = n * 4294968u;
		lost += vw_model_verdict(&params, &h, &signal) == VW_LOST;
	}
	CHECK_EQ(lost, 500);
	/* a weak frame is weak, whatever the draw */
	h.draw = 0;
	h.distance_cm = 0xffffffffu;
	CHECK_EQ(vw_model_verdict(&params, &h, &signal), VW_WEAK);
}

int main(void)
{
	RUN(test_distance);
	RUN(test_reference_points);
	RUN(test_under_one_metre);
	RUN(test_accuracy);
	RUN(test_frequency);
	RUN(test_monotonic);
	RUN(test_clamp);
	RUN(test_flat_exponent);
	RUN(test_frame_source);
	RUN(test_verdict_heard);
	RUN(test_verdict_denied);
	RUN(test_verdict_weak_by_rate);
	RUN(test_verdict_signal_given);
	RUN(test_verdict_lost);
	return check_summary("test_model");
}
