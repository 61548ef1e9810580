// SPDX-License-Identifier: GPL-2.0
/*
 * Rates against the standard's tables (802.11-2016 Tables 19-27 to 19-30
 * for HT, 21-30 ff for VHT, in the tables' 0.1 Mb/s), the sensitivity
 * offsets against Tables 17-18, 19-23 and 21-25, and the pick.
 */
#include "check.h"
#include "vw_core.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static u32 ht(u8 mcs, u8 width, bool sgi)
{
	struct vw_rate r = { .mode = VW_MODE_HT, .mcs = mcs, .width = width,
			     .sgi = sgi };

	return vw_rate_100kbps(&r);
}

static u32 vht(u8 mcs, u8 nss, u8 width, bool sgi)
{
	struct vw_rate r = { .mode = VW_MODE_VHT, .mcs = mcs, .nss = nss,
			     .width = width, .sgi = sgi };

	return vw_rate_100kbps(&r);
}

static u32 legacy(u16 rate)
{
	struct vw_rate r = { .mode = VW_MODE_LEGACY, .legacy = rate };

	return vw_rate_100kbps(&r);
}

/* One stream, MCS 0-7, as the HT tables print them. */
static void test_ht_tables(void)
{
	static const u32 lgi20[] = { 65, 130, 195, 260, 390, 520, 585, 650 };
	static const u32 sgi20[] = { 72, 144, 217, 289, 433, 578, 650, 722 };
	static const u32 lgi40[] = {
		135, 270, 405, 540, 810, 1080, 1215, 1350
	};
	static const u32 sgi40[] = {
		150, 300, 450, 600, 900, 1200, 1350, 1500
	};
	u8 k, s;

	for (k = 0; k < 8; k++) {
		CHECK_EQ(ht(k, VW_WIDTH_20, false), lgi20[k]);
		CHECK_EQ(ht(k, VW_WIDTH_20, true), sgi20[k]);
		CHECK_EQ(ht(k, VW_WIDTH_40, false), lgi40[k]);
		CHECK_EQ(ht(k, VW_WIDTH_40, true), sgi40[k]);
	}
	/* MCS 8 s + k is k on s + 1 streams: exactly s + 1 times the rate */
	for (s = 1; s < 4; s++)
		for (k = 0; k < 8; k++) {
			CHECK_EQ(ht(8 * s + k, VW_WIDTH_20, false),
				 lgi20[k] * (s + 1));
			CHECK_EQ(ht(8 * s + k, VW_WIDTH_40, true),
				 sgi40[k] * (s + 1));
		}
	CHECK_EQ(ht(7, VW_WIDTH_20, false), 650);
	CHECK_EQ(ht(15, VW_WIDTH_20, false), 1300);
	CHECK_EQ(ht(7, VW_WIDTH_40, true), 1500);
	CHECK_EQ(ht(31, VW_WIDTH_40, true), 6000);
}

static void test_vht_tables(void)
{
	static const u32 lgi80[] = {
		293, 585, 878, 1170, 1755, 2340, 2633, 2925, 3510, 3900
	};
	static const u32 sgi80[] = {
		325, 650, 975, 1300, 1950, 2600, 2925, 3250, 3900, 4333
	};
	static const u32 sgi160[] = {
		650, 1300, 1950, 2600, 3900, 5200, 5850, 6500, 7800, 8667
	};
	static const u32 lgi20[] = {
		65, 130, 195, 260, 390, 520, 585, 650, 780, 0
	};
	u8 k;

	for (k = 0; k < 10; k++) {
		CHECK_EQ(vht(k, 1, VW_WIDTH_80, false), lgi80[k]);
		CHECK_EQ(vht(k, 1, VW_WIDTH_80, true), sgi80[k]);
		CHECK_EQ(vht(k, 1, VW_WIDTH_160, true), sgi160[k]);
		CHECK_EQ(vht(k, 1, VW_WIDTH_20, false), lgi20[k]);
	}
	/* 866.7 Mb/s: the tables round 866.66 up, and so do we */
	CHECK_EQ(vht(9, 2, VW_WIDTH_80, true), 8667);
	CHECK_EQ(vht(9, 1, VW_WIDTH_80, true), 4333);
	CHECK_EQ(vht(8, 1, VW_WIDTH_20, true), 867);
	CHECK_EQ(vht(9, 3, VW_WIDTH_20, false), 2600);
	CHECK_EQ(vht(9, 3, VW_WIDTH_20, true), 2889);
	CHECK_EQ(vht(9, 6, VW_WIDTH_20, false), 5200);
	CHECK_EQ(vht(7, 4, VW_WIDTH_40, false), 5400);
	CHECK_EQ(vht(9, 8, VW_WIDTH_160, true), 69333);
	CHECK_EQ(vht(0, 8, VW_WIDTH_160, false), 4680);
}

/* Combinations the standard has no rate for, and fields out of range. */
static void test_invalid(void)
{
	static const u8 no_mcs9_at_20[] = { 1, 2, 4, 5, 7, 8 };
	struct vw_rate r = { .mode = 3 };
	size_t i;

	for (i = 0; i < N(no_mcs9_at_20); i++) {
		CHECK_EQ(vht(9, no_mcs9_at_20[i], VW_WIDTH_20, false), 0);
		CHECK_EQ(vht(9, no_mcs9_at_20[i], VW_WIDTH_20, true), 0);
		CHECK(vht(9, no_mcs9_at_20[i], VW_WIDTH_40, false) != 0);
	}
	CHECK_EQ(vht(6, 3, VW_WIDTH_80, false), 0);
	CHECK_EQ(vht(6, 7, VW_WIDTH_80, false), 0);
	CHECK_EQ(vht(9, 6, VW_WIDTH_80, false), 0);
	CHECK_EQ(vht(9, 3, VW_WIDTH_160, false), 0);
	CHECK_EQ(vht(10, 1, VW_WIDTH_20, false), 0);
	CHECK_EQ(vht(0, 0, VW_WIDTH_20, false), 0);
	CHECK_EQ(vht(0, 9, VW_WIDTH_20, false), 0);
	CHECK_EQ(vht(0, 1, 4, false), 0);
	CHECK_EQ(ht(32, VW_WIDTH_40, false), 0);
	CHECK_EQ(ht(0, VW_WIDTH_80, false), 0);
	CHECK_EQ(ht(0, VW_WIDTH_160, false), 0);
	CHECK_EQ(legacy(0), 0);
	CHECK_EQ(legacy(15), 0);
	CHECK_EQ(legacy(541), 0);
	CHECK_EQ(vw_rate_100kbps(&r), 0);
	CHECK_EQ(vw_rate_sensitivity_offset_db(&r), 0);
	CHECK(!vw_rate_is_cck(&r));
}

static void test_legacy(void)
{
	static const u16 cck[] = { 10, 20, 55, 110 };
	static const u16 ofdm[] = { 60, 90, 120, 180, 240, 360, 480, 540 };
	static const int cck_off[] = { 0, 3, 5, 8 };
	/* -82, -81, -79, -77, -74, -70, -66, -65 dBm above -82 */
	static const int ofdm_off[] = { 0, 1, 3, 5, 8, 12, 16, 17 };
	struct vw_rate r = { .mode = VW_MODE_LEGACY };
	size_t i;

	for (i = 0; i < N(cck); i++) {
		r.legacy = cck[i];
		CHECK_EQ(vw_rate_100kbps(&r), cck[i]);
		CHECK(vw_rate_is_cck(&r));
		CHECK_EQ(vw_rate_sensitivity_offset_db(&r), cck_off[i]);
	}
	for (i = 0; i < N(ofdm); i++) {
		r.legacy = ofdm[i];
		CHECK_EQ(vw_rate_100kbps(&r), ofdm[i]);
		CHECK(!vw_rate_is_cck(&r));
		CHECK_EQ(vw_rate_sensitivity_offset_db(&r), ofdm_off[i]);
	}
	/* an HT rate of 11 Mb/s' index is no CCK rate */
	r = (struct vw_rate){ .mode = VW_MODE_HT, .legacy = 110 };
	CHECK(!vw_rate_is_cck(&r));
}

static void test_mcs_offsets(void)
{
	/* -82, -79, -77, -74, -70, -66, -65, -64, -59, -57 dBm above -82 */
	static const int off20[] = { 0, 3, 5, 8, 12, 16, 17, 18, 23, 25 };
	struct vw_rate r;
	u8 k, w, nss;

	for (k = 0; k < 8; k++) {
		for (w = VW_WIDTH_20; w <= VW_WIDTH_40; w++) {
			r = (struct vw_rate){ .mode = VW_MODE_HT, .mcs = k,
					      .width = w };
			CHECK_EQ(vw_rate_sensitivity_offset_db(&r),
				 off20[k] + 3 * w);
			/* more streams do not change it */
			r.mcs = k + 24;
			r.sgi = true;
			CHECK_EQ(vw_rate_sensitivity_offset_db(&r),
				 off20[k] + 3 * w);
		}
	}
	for (k = 0; k < 10; k++)
		for (w = VW_WIDTH_20; w <= VW_WIDTH_160; w++)
			for (nss = 1; nss <= 8; nss++) {
				r = (struct vw_rate){ .mode = VW_MODE_VHT,
						      .mcs = k, .nss = nss,
						      .width = w };
				if (!vw_rate_100kbps(&r))
					continue;
				CHECK_EQ(vw_rate_sensitivity_offset_db(&r),
					 off20[k] + 3 * w);
			}
	r = (struct vw_rate){ .mode = VW_MODE_VHT, .mcs = 9, .nss = 2,
			      .width = VW_WIDTH_80 };
	CHECK_EQ(vw_rate_sensitivity_offset_db(&r), 31);
	r.width = VW_WIDTH_160;
	CHECK_EQ(vw_rate_sensitivity_offset_db(&r), 34);
}

#define SENS (-90)

static struct vw_rate pick(u8 mode, u8 width, u8 nss, bool sgi, bool cck,
			   int signal)
{
	struct vw_rate_caps caps = { .mode = mode, .width = width,
				     .nss = nss, .sgi = sgi, .cck = cck };
	struct vw_rate out;

	memset(&out, 0x5a, sizeof(out));
	vw_rate_pick(&caps, signal, SENS, &out);
	return out;
}

static void test_pick_legacy(void)
{
	struct vw_rate r;

	r = pick(VW_MODE_LEGACY, 0, 0, false, true, -120);
	CHECK_EQ(r.mode, VW_MODE_LEGACY);
	CHECK_EQ(r.legacy, 10);		/* below everything: 1 Mb/s */
	CHECK_EQ(r.width, VW_WIDTH_20);
	CHECK_EQ(r.mcs, 0);
	CHECK_EQ(r.nss, 0);
	CHECK(!r.sgi);
	CHECK_EQ(pick(VW_MODE_LEGACY, 0, 0, false, false, -120).legacy, 60);
	/* at the sensitivity, 6 Mb/s needs no more than 1 Mb/s */
	CHECK_EQ(pick(VW_MODE_LEGACY, 0, 0, false, true, SENS).legacy, 60);
	CHECK_EQ(pick(VW_MODE_LEGACY, 0, 0, false, true, SENS + 1).legacy,
		 90);
	CHECK_EQ(pick(VW_MODE_LEGACY, 0, 0, false, false, SENS + 16).legacy,
		 480);
	CHECK_EQ(pick(VW_MODE_LEGACY, 0, 0, false, false, SENS + 17).legacy,
		 540);
	CHECK_EQ(pick(VW_MODE_LEGACY, 0, 0, false, true, 0).legacy, 540);
}

static void test_pick_mcs(void)
{
	struct vw_rate r;

	/* HT, 2 streams, 40 MHz: MCS 0-15, and MCS 8 beats MCS 0 */
	r = pick(VW_MODE_HT, VW_WIDTH_40, 2, true, false, -120);
	CHECK_EQ(r.mode, VW_MODE_HT);
	CHECK_EQ(r.mcs, 0);
	CHECK_EQ(r.width, VW_WIDTH_20);
	CHECK(r.sgi);
	r = pick(VW_MODE_HT, VW_WIDTH_40, 2, true, false, SENS + 3);
	CHECK_EQ(r.mcs, 8);
	r = pick(VW_MODE_HT, VW_WIDTH_40, 2, true, false, SENS + 21);
	CHECK_EQ(r.mcs, 15);
	CHECK_EQ(vw_rate_100kbps(&r), 3000);
	r = pick(VW_MODE_HT, VW_WIDTH_40, 1, false, false, SENS + 20);
	CHECK_EQ(r.mcs, 6);
	/* HT has no 80 MHz: the widest is 40 */
	r = pick(VW_MODE_HT, VW_WIDTH_80, 1, false, false, 0);
	CHECK_EQ(r.width, VW_WIDTH_40);
	CHECK_EQ(r.mcs, 7);

	/* VHT, 80 MHz, 2 streams, short GI, strong: MCS 9, 866.7 Mb/s */
	r = pick(VW_MODE_VHT, VW_WIDTH_80, 2, true, false, 0);
	CHECK_EQ(r.mode, VW_MODE_VHT);
	CHECK_EQ(r.mcs, 9);
	CHECK_EQ(r.nss, 2);
	CHECK_EQ(vw_rate_100kbps(&r), 8667);
	/* below everything: one stream at MCS 0 on 20 MHz */
	r = pick(VW_MODE_VHT, VW_WIDTH_80, 2, true, false, -120);
	CHECK_EQ(r.mcs, 0);
	CHECK_EQ(r.nss, 1);
	CHECK_EQ(r.width, VW_WIDTH_20);
	CHECK(vw_rate_100kbps(&r) != 0);
	/*
	 * too weak for 80 MHz: the narrower part of the channel, MCS 0 at
	 * 40 MHz (30 Mb/s) rather than MCS 1 at 20 (28.9)
	 */
	r = pick(VW_MODE_VHT, VW_WIDTH_80, 2, true, false, SENS + 3);
	CHECK_EQ(r.width, VW_WIDTH_40);
	CHECK_EQ(r.mcs, 0);
	CHECK_EQ(r.nss, 2);
	r = pick(VW_MODE_VHT, VW_WIDTH_80, 2, true, false, SENS + 1);
	CHECK_EQ(r.width, VW_WIDTH_20);
	CHECK_EQ(r.mcs, 0);
	CHECK_EQ(r.nss, 2);
	r = pick(VW_MODE_VHT, VW_WIDTH_80, 2, true, false, SENS + 6);
	CHECK_EQ(r.width, VW_WIDTH_80);
	CHECK_EQ(r.mcs, 0);
	/* 20 MHz, 2 streams has no MCS 9: MCS 8 at any signal */
	r = pick(VW_MODE_VHT, VW_WIDTH_20, 2, false, false, 0);
	CHECK_EQ(r.mcs, 8);
	CHECK_EQ(r.nss, 2);
	/* with 3 streams it has */
	r = pick(VW_MODE_VHT, VW_WIDTH_20, 3, false, false, 0);
	CHECK_EQ(r.mcs, 9);
	/* exactly the offset: MCS 4 needs 12 dB at 20 MHz, 18 at 80 */
	CHECK_EQ(pick(VW_MODE_VHT, VW_WIDTH_20, 1, false, false,
		      SENS + 12).mcs, 4);
	CHECK_EQ(pick(VW_MODE_VHT, VW_WIDTH_80, 1, false, false,
		      SENS + 17).mcs, 3);
	CHECK_EQ(pick(VW_MODE_VHT, VW_WIDTH_80, 1, false, false,
		      SENS + 18).mcs, 4);
}

/*
 * Every pick is a real rate, and one the receiver decodes at that signal
 * unless it is the most robust of its mode (what is left when none is).
 */
static void check_pick_ok(const struct vw_rate *r, int signal, bool cck)
{
	bool robust = r->mode == VW_MODE_LEGACY ?
		      r->legacy == (cck ? 10 : 60) :
		      r->mcs == 0 && (r->mode == VW_MODE_HT || r->nss == 1);

	CHECK(vw_rate_100kbps(r) != 0);
	CHECK(robust || SENS + vw_rate_sensitivity_offset_db(r) <= signal);
}

/* The modulation and coding of an MCS: HT repeats them per stream. */
static u8 mcs_index(const struct vw_rate *r)
{
	return r->mode == VW_MODE_HT ? r->mcs % 8 : r->mcs;
}

/*
 * Monotonic: more signal never gives a slower rate; a narrower channel at
 * the same signal never gives a lower MCS (it needs 3 dB less per halving)
 * unless the narrower one has no such rate (VHT MCS 9 at 20 MHz).
 */
static void test_pick_monotonic(void)
{
	static const struct {
		u8 mode;
		u8 max_width;
	} modes[] = {
		{ VW_MODE_LEGACY, VW_WIDTH_20 },
		{ VW_MODE_HT, VW_WIDTH_40 },
		{ VW_MODE_VHT, VW_WIDTH_160 },
	};
	size_t m;
	u8 w, nss;
	int sig, sgi;

	for (m = 0; m < N(modes); m++)
		for (w = VW_WIDTH_20; w <= modes[m].max_width; w++)
			for (nss = 1; nss <= 4; nss++)
				for (sgi = 0; sgi <= 1; sgi++) {
					u32 prev = 0;

					for (sig = -130; sig <= 0; sig++) {
						struct vw_rate r, narrow;
						u32 rate;

						r = pick(modes[m].mode, w, nss,
							 sgi, sgi, sig);
						rate = vw_rate_100kbps(&r);
						check_pick_ok(&r, sig, sgi);
						CHECK(rate >= prev);
						prev = rate;
						if (w == VW_WIDTH_20)
							continue;
						narrow = pick(modes[m].mode,
							      w - 1, nss, sgi,
							      sgi, sig);
						/* unless it lacks that MCS */
						r.width = w - 1;
						if (!vw_rate_100kbps(&r))
							continue;
						CHECK(mcs_index(&narrow) >=
						      mcs_index(&r));
					}
				}
}

int main(void)
{
	RUN(test_ht_tables);
	RUN(test_vht_tables);
	RUN(test_invalid);
	RUN(test_legacy);
	RUN(test_mcs_offsets);
	RUN(test_pick_legacy);
	RUN(test_pick_mcs);
	RUN(test_pick_monotonic);
	return check_summary("test_rate");
}
