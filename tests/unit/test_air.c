// SPDX-License-Identifier: GPL-2.0
/* Air header: encode/decode, what a receiver must refuse, growth. */
#include "check.h"
#include "vw_core.h"

static const struct vw_air_info sample = {
	.flags = VW_AIR_F_SIGNAL_VALID | 0x8000,
	.freq = 2437,
	.rate = 540,
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
	CHECK_EQ(a->rate, b->rate);
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
		'V', 'W', 'I', 'F', 1, 24, 0x80, 0x01,
		0x09, 0x85, 0x02, 0x1c, 0xfd, 0xb9,
		0x02, 0x00, 0x00, 0xaa, 0xbb, 0x01,
		0xde, 0xad, 0xbe, 0xef,
	};
	u8 buf[VW_AIR_HDR_LEN];

	CHECK_EQ(vw_air_encode(&sample, buf, sizeof(buf)), VW_AIR_HDR_LEN);
	CHECK_MEM(buf, want, sizeof(want));
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
	buf[5] = VW_AIR_HDR_LEN - 1;
	CHECK_EQ(vw_air_decode(buf, sizeof(buf), NULL), -VW_EINVAL);
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
	CHECK_EQ(vw_air_set_signal(buf, VW_AIR_HDR_LEN - 1, -50), -VW_ETRUNC);
}

int main(void)
{
	RUN(test_round_trip);
	RUN(test_wire_layout);
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
