// SPDX-License-Identifier: GPL-2.0
/* Air header: encode/decode, what a receiver must refuse, growth. */
#include "check.h"
#include "vw_core.h"

static const struct vw_air_info sample = {
	.flags = VW_AIR_F_SIGNAL_VALID | 0x8000,
	.freq = 2437,
	.rate = { .mode = VW_MODE_LEGACY, .legacy = 540 },
	.tx_power = -3,
	.signal = -71,
	.tx_addr = { 0x02, 0x00, 0x00, 0xaa, 0xbb, 0x01 },
	.seq = 0xdeadbeef,
};

static void check_info_equal(const struct vw_air_info *a,
			     const struct vw_air_info *b)
{
	CHECK_EQ(a->flags, b->flags);
	CHECK_EQ(a->freq, b->freq);
	CHECK_EQ(a->rate.mode, b->rate.mode);
	CHECK_EQ(a->rate.mcs, b->rate.mcs);
	CHECK_EQ(a->rate.nss, b->rate.nss);
	CHECK_EQ(a->rate.width, b->rate.width);
	CHECK_EQ(a->rate.sgi, b->rate.sgi);
	CHECK_EQ(a->rate.legacy, b->rate.legacy);
	CHECK_EQ(a->tx_power, b->tx_power);
	CHECK_EQ(a->signal, b->signal);
	CHECK_MEM(a->tx_addr, b->tx_addr, VW_ETH_ALEN);
	CHECK_EQ(a->seq, b->seq);
}

static void test_round_trip(void)
{
	struct vw_air_info out = { 0 };
	u8 buf[64];

	CHECK_EQ(vw_air_encode(&sample, buf, sizeof(buf)), VW_AIR_HDR_LEN);
	CHECK_EQ(vw_air_decode(buf, sizeof(buf), &out), VW_AIR_HDR_LEN);
	check_info_equal(&out, &sample);
}

/* The wire layout is a contract with other machines: pin it down. */
static void test_wire_layout(void)
{
	static const u8 want[VW_AIR_HDR_LEN] = {
		'V', 'W', 'I', 'F', 1, 28, 0x80, 0x01,
		0x09, 0x85, 0x02, 0x1c, 0xfd, 0xb9,
		0x02, 0x00, 0x00, 0xaa, 0xbb, 0x01,
		0xde, 0xad, 0xbe, 0xef,
		0, 0, 0, 0,
	};
	u8 buf[VW_AIR_HDR_LEN];

	CHECK_EQ(vw_air_encode(&sample, buf, sizeof(buf)), VW_AIR_HDR_LEN);
	CHECK_MEM(buf, want, sizeof(want));
}

/*
 * The rate fields: VHT MCS 9, 80 MHz, 2 streams, short GI; the rate field
 * is its bitrate, 866.7 Mb/s (0x21db), for readers that know no more.
 */
static void test_wire_layout_vht(void)
{
	static const u8 want[VW_AIR_HDR_LEN - 8] = {
		0x14, 0x3c, 0x21, 0xdb,
		0x0e, 0xc4,
		0x02, 0x00, 0x00, 0xaa, 0xbb, 0x01,
		0xde, 0xad, 0xbe, 0xef,
		2, 9, 2, 0x12,
	};
	struct vw_air_info in = sample;
	u8 buf[VW_AIR_HDR_LEN];

	in.freq = 5180;
	in.tx_power = 14;
	in.signal = -60;
	in.rate = (struct vw_rate){ .mode = VW_MODE_VHT, .mcs = 9, .nss = 2,
				    .width = VW_WIDTH_80, .sgi = true };
	CHECK_EQ(vw_air_encode(&in, buf, sizeof(buf)), VW_AIR_HDR_LEN);
	CHECK_MEM(buf + 8, want, sizeof(want));
}

/* Every mode round-trips, and fields outside legacy leave legacy 0. */
static void test_round_trip_rates(void)
{
	static const struct vw_rate rates[] = {
		{ .mode = VW_MODE_LEGACY, .legacy = 10 },
		{ .mode = VW_MODE_LEGACY, .legacy = 60 },
		{ .mode = VW_MODE_HT, .mcs = 7, .width = VW_WIDTH_40,
		  .sgi = true },
		{ .mode = VW_MODE_HT, .mcs = 31 },
		{ .mode = VW_MODE_VHT, .mcs = 9, .nss = 3,
		  .width = VW_WIDTH_20 },
		{ .mode = VW_MODE_VHT, .mcs = 0, .nss = 1,
		  .width = VW_WIDTH_160, .sgi = true },
	};
	struct vw_air_info in = sample, out;
	u8 buf[VW_AIR_HDR_LEN];
	size_t i;

	for (i = 0; i < sizeof(rates) / sizeof(rates[0]); i++) {
		in.rate = rates[i];
		memset(&out, 0x5a, sizeof(out));
		CHECK_EQ(vw_air_encode(&in, buf, sizeof(buf)), VW_AIR_HDR_LEN);
		CHECK_EQ(vw_get_be16(buf + 10), vw_rate_100kbps(&rates[i]));
		CHECK_EQ(vw_air_decode(buf, sizeof(buf), &out), VW_AIR_HDR_LEN);
		check_info_equal(&out, &in);
	}
}

/*
 * A sender from before the rate fields: 24 bytes whose rate field is a
 * legacy rate, the MPDU right after.
 */
static void test_decode_v1_header(void)
{
	static const u8 v1[VW_AIR_HDR_V1_LEN + 4] = {
		'V', 'W', 'I', 'F', 1, 24, 0x00, 0x01,
		0x09, 0x6c, 0x00, 0x6e, 0x14, 0xc4,
		0x02, 0x00, 0x00, 0xaa, 0xbb, 0x02,
		0x00, 0x00, 0x00, 0x07,
		'M', 'P', 'D', 'U',
	};
	struct vw_air_info out;
	u8 *p = check_dup(v1, sizeof(v1));

	memset(&out, 0x5a, sizeof(out));
	CHECK_EQ(vw_air_decode(p, sizeof(v1), &out), VW_AIR_HDR_V1_LEN);
	CHECK_EQ(out.flags, VW_AIR_F_SIGNAL_VALID);
	CHECK_EQ(out.freq, 2412);
	CHECK_EQ(out.rate.mode, VW_MODE_LEGACY);
	CHECK_EQ(out.rate.legacy, 110);
	CHECK_EQ(out.rate.mcs, 0);
	CHECK_EQ(out.rate.nss, 0);
	CHECK_EQ(out.rate.width, VW_WIDTH_20);
	CHECK(!out.rate.sgi);
	CHECK_EQ(out.tx_power, 20);
	CHECK_EQ(out.signal, -60);
	CHECK_EQ(out.seq, 7);
	/* and exactly 24 bytes, nothing after: still whole */
	CHECK_EQ(vw_air_decode(p, VW_AIR_HDR_V1_LEN, NULL), VW_AIR_HDR_V1_LEN);
	CHECK_EQ(vw_air_set_signal(p, sizeof(v1), -70), 0);
	CHECK_EQ(p[13], 0xba);
	CHECK_MEM(p + VW_AIR_HDR_V1_LEN, "MPDU", 4);
	free(p);
}

static void test_encode_no_space(void)
{
	u8 buf[VW_AIR_HDR_LEN];
	size_t i;

	memset(buf, 0x5a, sizeof(buf));
	CHECK_EQ(vw_air_encode(&sample, buf, VW_AIR_HDR_LEN - 1), -VW_ENOSPC);
	CHECK_EQ(vw_air_encode(&sample, buf, 0), -VW_ENOSPC);
	for (i = 0; i < sizeof(buf); i++)
		CHECK_EQ(buf[i], 0x5a);
}

static void test_decode_truncated(void)
{
	struct vw_air_info out;
	u8 buf[VW_AIR_HDR_LEN];
	size_t len;

	vw_air_encode(&sample, buf, sizeof(buf));
	for (len = 0; len < VW_AIR_HDR_LEN; len++) {
		u8 *p = check_dup(buf, len);

		CHECK_EQ(vw_air_decode(p, len, &out), -VW_ETRUNC);
		free(p);
	}
}

static void test_decode_bad_magic(void)
{
	u8 buf[VW_AIR_HDR_LEN];
	int i;

	for (i = 0; i < 4; i++) {
		vw_air_encode(&sample, buf, sizeof(buf));
		buf[i] ^= 0x20;
		CHECK_EQ(vw_air_decode(buf, sizeof(buf), NULL), -VW_EVERSION);
	}
}

static void test_decode_bad_version(void)
{
	u8 buf[VW_AIR_HDR_LEN];

	vw_air_encode(&sample, buf, sizeof(buf));
	buf[4] = 0;
	CHECK_EQ(vw_air_decode(buf, sizeof(buf), NULL), -VW_EVERSION);
	buf[4] = 2;
	CHECK_EQ(vw_air_decode(buf, sizeof(buf), NULL), -VW_EVERSION);
	buf[4] = 0xff;
	CHECK_EQ(vw_air_decode(buf, sizeof(buf), NULL), -VW_EVERSION);
}

static void test_decode_bad_hdr_len(void)
{
	u8 buf[VW_AIR_HDR_LEN + 8];

	vw_air_encode(&sample, buf, sizeof(buf));
	buf[5] = VW_AIR_HDR_V1_LEN - 1;
	CHECK_EQ(vw_air_decode(buf, sizeof(buf), NULL), -VW_EINVAL);
	/* between the two versions: the old fields, no rate fields */
	buf[5] = VW_AIR_HDR_LEN - 1;
	CHECK_EQ(vw_air_decode(buf, sizeof(buf), NULL), VW_AIR_HDR_LEN - 1);
	buf[5] = 0;
	CHECK_EQ(vw_air_decode(buf, sizeof(buf), NULL), -VW_EINVAL);
	/* claims more header than the buffer holds */
	buf[5] = VW_AIR_HDR_LEN + 9;
	CHECK_EQ(vw_air_decode(buf, sizeof(buf), NULL), -VW_ETRUNC);
	buf[5] = 0xff;
	CHECK_EQ(vw_air_decode(buf, sizeof(buf), NULL), -VW_ETRUNC);
	/* exactly the buffer: a header with an empty MPDU is still whole */
	buf[5] = VW_AIR_HDR_LEN + 8;
	CHECK_EQ(vw_air_decode(buf, sizeof(buf), NULL), VW_AIR_HDR_LEN + 8);
}

/* A newer sender appends fields; we decode ours and skip the rest. */
static void test_decode_longer_header(void)
{
	struct vw_air_info out = { 0 };
	u8 buf[VW_AIR_HDR_LEN + 8 + 4];
	int ret;

	vw_air_encode(&sample, buf, sizeof(buf));
	buf[5] = VW_AIR_HDR_LEN + 8;
	memset(buf + VW_AIR_HDR_LEN, 0xee, 8);		/* future fields */
	memcpy(buf + VW_AIR_HDR_LEN + 8, "MPDU", 4);
	ret = vw_air_decode(buf, sizeof(buf), &out);
	CHECK_EQ(ret, VW_AIR_HDR_LEN + 8);
	check_info_equal(&out, &sample);
	if (ret > 0)
		CHECK_MEM(buf + ret, "MPDU", 4);
}

static void test_set_signal(void)
{
	struct vw_air_info in = sample, out = { 0 };
	u8 buf[VW_AIR_HDR_LEN + 10];

	in.flags = 0;
	in.signal = 0;
	vw_air_encode(&in, buf, sizeof(buf));
	CHECK_EQ(vw_air_set_signal(buf, sizeof(buf), -88), 0);
	CHECK_EQ(vw_air_decode(buf, sizeof(buf), &out), VW_AIR_HDR_LEN);
	CHECK_EQ(out.signal, -88);
	CHECK_EQ(out.flags, VW_AIR_F_SIGNAL_VALID);
	in.signal = -88;
	in.flags = VW_AIR_F_SIGNAL_VALID;
	check_info_equal(&out, &in);
}

static void test_set_signal_rejects_bad_header(void)
{
	u8 buf[VW_AIR_HDR_LEN], copy[VW_AIR_HDR_LEN];

	vw_air_encode(&sample, buf, sizeof(buf));
	buf[4] = 9;
	memcpy(copy, buf, sizeof(buf));
	CHECK_EQ(vw_air_set_signal(buf, sizeof(buf), -50), -VW_EVERSION);
	CHECK_MEM(buf, copy, sizeof(buf));
	CHECK_EQ(vw_air_set_signal(buf, VW_AIR_HDR_V1_LEN - 1, -50),
		 -VW_ETRUNC);
}

int main(void)
{
	RUN(test_round_trip);
	RUN(test_wire_layout);
	RUN(test_wire_layout_vht);
	RUN(test_round_trip_rates);
	RUN(test_decode_v1_header);
	RUN(test_encode_no_space);
	RUN(test_decode_truncated);
	RUN(test_decode_bad_magic);
	RUN(test_decode_bad_version);
	RUN(test_decode_bad_hdr_len);
	RUN(test_decode_longer_header);
	RUN(test_set_signal);
	RUN(test_set_signal_rejects_bad_header);
	return check_summary("test_air");
}
