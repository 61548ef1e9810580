// SPDX-License-Identifier: GPL-2.0
/*
 * Radiotap headers byte for byte, against the field definitions of
 * radiotap.org: present bits in order, each field at its alignment.
 */
#include "check.h"
#include "vw_core.h"

static const struct vw_air_info legacy_1m = {
	.freq = 2412,
	.rate = { .mode = VW_MODE_LEGACY, .legacy = 10 },
	.tx_power = 20,
};

static const struct vw_air_info ht_mcs7 = {
	.freq = 5180,
	.rate = { .mode = VW_MODE_HT, .mcs = 7, .width = VW_WIDTH_40,
		  .sgi = true },
};

static const struct vw_air_info vht_mcs9 = {
	.freq = 5180,
	.rate = { .mode = VW_MODE_VHT, .mcs = 9, .nss = 2,
		  .width = VW_WIDTH_80, .sgi = true },
};

/* Encodes into a buffer of exactly want_len bytes, so ASan sees overruns. */
static void check_put(const struct vw_air_info *info, int signal,
		      const u8 *want, size_t want_len)
{
	u8 *buf = check_dup(want, want_len);
	size_t cap;

	memset(buf, 0x5a, want_len);
	CHECK_EQ(vw_radiotap_put(buf, want_len, info, signal), want_len);
	CHECK_MEM(buf, want, want_len);
	CHECK(want_len <= VW_RADIOTAP_MAX);
	for (cap = 0; cap < want_len; cap++) {
		memset(buf, 0x5a, want_len);
		CHECK_EQ(vw_radiotap_put(buf, cap, info, signal), -VW_ENOSPC);
		CHECK_EQ(buf[0], 0x5a);
	}
	free(buf);
}

static void test_legacy_cck(void)
{
	static const u8 want[] = {
		0, 0, 16, 0,		/* version, pad, length */
		0x2e, 0x08, 0, 0,	/* Flags Rate Channel signal Antenna */
		0x00,			/* Flags: no FCS */
		0x02,			/* Rate: 2 x 500 kb/s */
		0x6c, 0x09,		/* 2412 MHz */
		0xa0, 0x00,		/* 2 GHz, CCK */
		0xd8,			/* -40 dBm */
		0x00,			/* antenna 0 */
	};

	check_put(&legacy_1m, -40, want, sizeof(want));
}

/* 54 Mb/s at 5 GHz: OFDM, and the rate in 500 kb/s units */
static void test_legacy_ofdm_5ghz(void)
{
	static const u8 want[] = {
		0, 0, 16, 0, 0x2e, 0x08, 0, 0,
		0x00, 108, 0x3c, 0x14, 0x40, 0x01, 0xb5, 0x00,
	};
	struct vw_air_info info = legacy_1m;

	info.freq = 5180;
	info.rate.legacy = 540;
	check_put(&info, -75, want, sizeof(want));
}

static void test_ht(void)
{
	static const u8 want[] = {
		0, 0, 19, 0,
		0x2a, 0x08, 0x08, 0,	/* Flags Channel signal Antenna MCS */
		0x00,			/* Flags */
		0x00,			/* padding: Channel is 2-aligned */
		0x3c, 0x14,		/* 5180 MHz */
		0x40, 0x01,		/* 5 GHz, OFDM */
		0xc9,			/* -55 dBm */
		0x00,
		0x07,			/* known: bandwidth, MCS, GI */
		0x05,			/* 40 MHz, short GI */
		7,			/* MCS 7 */
	};

	check_put(&ht_mcs7, -55, want, sizeof(want));
}

static void test_vht(void)
{
	static const u8 want[] = {
		0, 0, 28, 0,
		0x2a, 0x08, 0x20, 0,	/* Flags Channel signal Antenna VHT */
		0x00, 0x00,
		0x3c, 0x14, 0x40, 0x01,
		0xc4,			/* -60 dBm */
		0x00,
		0x44, 0x00,		/* known: GI, bandwidth */
		0x04,			/* short GI */
		4,			/* 80 MHz */
		0x92, 0, 0, 0,		/* user 0: MCS 9, 2 streams */
		0,			/* coding */
		0,			/* group id */
		0, 0,			/* partial AID */
	};

	check_put(&vht_mcs9, -60, want, sizeof(want));
}

/* The VHT bandwidth codes per width, and HT without its flags. */
static void test_vht_widths(void)
{
	static const u8 bw[] = { 0, 1, 4, 11 };
	struct vw_air_info info = vht_mcs9;
	u8 buf[VW_RADIOTAP_MAX];
	int w;

	for (w = VW_WIDTH_20; w <= VW_WIDTH_160; w++) {
		info.rate.width = (u8)w;
		info.rate.sgi = false;
		CHECK_EQ(vw_radiotap_put(buf, sizeof(buf), &info, 0), 28);
		CHECK_EQ(buf[18], 0);
		CHECK_EQ(buf[19], bw[w]);
	}
	/* HT at 20 MHz, long GI: bandwidth and GI still known, flags 0 */
	info = ht_mcs7;
	info.rate.width = VW_WIDTH_20;
	info.rate.sgi = false;
	info.rate.mcs = 15;
	CHECK_EQ(vw_radiotap_put(buf, sizeof(buf), &info, 0), 19);
	CHECK_MEM(buf + 16, "\x07\x00\x0f", 3);
}

/* Signal clamped to what an s8 holds; unknown frequency has no band. */
static void test_edges(void)
{
	struct vw_air_info info = legacy_1m;
	u8 buf[VW_RADIOTAP_MAX];

	CHECK_EQ(vw_radiotap_put(buf, sizeof(buf), &info, -300), 16);
	CHECK_EQ(buf[14], 0x80);
	CHECK_EQ(vw_radiotap_put(buf, sizeof(buf), &info, 300), 16);
	CHECK_EQ(buf[14], 0x7f);
	info.freq = 0;
	info.rate.legacy = 0;	/* no rate known: no Rate field */
	CHECK_EQ(vw_radiotap_put(buf, sizeof(buf), &info, -1), 16);
	CHECK_MEM(buf, "\x00\x00\x10\x00\x2a\x08\x00\x00", 8);
	CHECK_MEM(buf + 8, "\x00\x00\x00\x00\x00\x00\xff\x00", 8);
}

int main(void)
{
	RUN(test_legacy_cck);
	RUN(test_legacy_ofdm_5ghz);
	RUN(test_ht);
	RUN(test_vht);
	RUN(test_vht_widths);
	RUN(test_edges);
	return check_summary("test_radiotap");
}
