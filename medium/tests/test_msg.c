// SPDX-License-Identifier: GPL-2.0
/*
 * The control protocol codec: every message through encode and decode,
 * the wire offsets vw_medium_ctl.h documents, and the compatibility rules
 * (short payloads read as zeros or refused, long ones accepted).
 */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "vw_core.h"
#include "vw_medium_client.h"
#include "vw_medium_ctl.h"

static u8 buf[VW_CTL_HDR_LEN + VW_CTL_PAYLOAD_MAX];

static void test_header(void)
{
	struct vw_ctl_hdr h;

	vw_ctl_hdr_put(buf, VW_CTL_R_RADIO, 0x01020304);
	CHECK_EQ(buf[0], VW_CTL_VERSION);
	CHECK_EQ(buf[1], 0);
	CHECK_EQ(vw_get_be16(buf + 2), VW_CTL_R_RADIO);
	CHECK_EQ(vw_get_be32(buf + 4), 0x01020304);
	vw_ctl_hdr_get(buf, &h);
	CHECK_EQ(h.version, VW_CTL_VERSION);
	CHECK_EQ(h.type, VW_CTL_R_RADIO);
	CHECK_EQ(h.len, 0x01020304);
}

static void test_empty_requests(void)
{
	static const u16 types[] = {
		VW_CTL_NODE_LIST, VW_CTL_RADIO_LIST, VW_CTL_LINK_LIST,
		VW_CTL_LINK_CLEAR, VW_CTL_DENY_LIST, VW_CTL_DENY_CLEAR,
		VW_CTL_MODEL_GET, VW_CTL_STATS,
	};
	unsigned int i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		CHECK_EQ(vw_ctl_encode(types[i], NULL, buf, sizeof(buf)),
			 VW_CTL_HDR_LEN);
		CHECK_EQ(vw_get_be32(buf + 4), 0);
		CHECK_EQ(vw_ctl_decode(types[i], buf, 0, NULL), 0);
		CHECK(vw_ctl_type_name(types[i]) != NULL);
	}
}

static void test_pos(void)
{
	struct vw_ctl_pos p = { { 0, 0x76, 0x77, 0x30, 0, 0 }, -1000, 2, 0x7fffffff };
	struct vw_ctl_pos q;
	const u8 *pl = buf + VW_CTL_HDR_LEN;

	CHECK_EQ(vw_ctl_encode(VW_CTL_POS_SET, &p, buf, sizeof(buf)),
		 VW_CTL_HDR_LEN + 20);
	CHECK_MEM(pl, p.addr, 6);
	CHECK_EQ(vw_get_be16(pl + 6), 0);
	CHECK_EQ(vw_get_be32(pl + 8), 0xfffffc18);	/* -1000 */
	CHECK_EQ(vw_get_be32(pl + 12), 2);
	CHECK_EQ(vw_get_be32(pl + 16), 0x7fffffff);
	CHECK_EQ(vw_ctl_decode(VW_CTL_POS_SET, pl, 20, &q), 0);
	CHECK_MEM(q.addr, p.addr, 6);
	CHECK_EQ(q.x, -1000);
	CHECK_EQ(q.y, 2);
	CHECK_EQ(q.z, 0x7fffffff);
	/* required: all of it */
	CHECK_EQ(vw_ctl_decode(VW_CTL_POS_SET, pl, 19, &q), -EINVAL);
	/* a newer, longer request is read as far as we know it */
	memset(buf + VW_CTL_HDR_LEN + 20, 0xee, 16);
	CHECK_EQ(vw_ctl_decode(VW_CTL_POS_SET, pl, 36, &q), 0);
	CHECK_EQ(q.z, 0x7fffffff);
}

static void test_small_requests(void)
{
	struct vw_ctl_txpower t = { { 1, 2, 3, 4, 5, 6 }, 1, -7 }, t2;
	struct vw_ctl_link l = { { 1, 1, 1, 1, 1, 1 }, { 2, 2, 2, 2, 2, 2 }, 50 }, l2;
	struct vw_ctl_deny d = { { 3, 3, 3, 3, 3, 3 }, { 4, 4, 4, 4, 4, 4 } }, d2;
	const u8 *pl = buf + VW_CTL_HDR_LEN;

	CHECK_EQ(vw_ctl_encode(VW_CTL_TXPOWER_SET, &t, buf, sizeof(buf)), 16);
	CHECK_EQ(pl[6], 1);
	CHECK_EQ(pl[7], 0xf9);
	CHECK_EQ(vw_ctl_decode(VW_CTL_TXPOWER_SET, pl, 8, &t2), 0);
	CHECK(!memcmp(&t, &t2, sizeof(t)));

	CHECK_EQ(vw_ctl_encode(VW_CTL_LINK_SET, &l, buf, sizeof(buf)), 21);
	CHECK_EQ(pl[12], 50);
	CHECK_EQ(vw_ctl_decode(VW_CTL_LINK_SET, pl, 13, &l2), 0);
	CHECK(!memcmp(&l, &l2, sizeof(l)));
	CHECK_EQ(vw_ctl_decode(VW_CTL_LINK_SET, pl, 12, &l2), -EINVAL);

	CHECK_EQ(vw_ctl_encode(VW_CTL_DENY_ADD, &d, buf, sizeof(buf)), 20);
	CHECK_MEM(pl, d.rx, 6);		/* receiver first */
	CHECK_EQ(vw_ctl_decode(VW_CTL_DENY_DEL, pl, 12, &d2), 0);
	CHECK(!memcmp(&d, &d2, sizeof(d)));
}

static void test_model(void)
{
	struct vw_ctl_model o = { VW_CTL_MODEL_EXPONENT, 35, -80 }, q;
	const u8 *pl = buf + VW_CTL_HDR_LEN;

	CHECK_EQ(vw_ctl_encode(VW_CTL_MODEL_SET, &o, buf, sizeof(buf)), 20);
	CHECK_EQ(vw_get_be32(pl + 8), (u32)-80);
	/* only "which" is required; what is missing reads as 0 */
	CHECK_EQ(vw_ctl_decode(VW_CTL_MODEL_SET, pl, 8, &q), 0);
	CHECK_EQ(q.which, VW_CTL_MODEL_EXPONENT);
	CHECK_EQ(q.exponent_x10, 35);
	CHECK_EQ(q.sensitivity, 0);
	CHECK_EQ(vw_ctl_decode(VW_CTL_MODEL_SET, pl, 3, &q), -EINVAL);
}

static void test_status(void)
{
	struct vw_ctl_status s = { .error = ENOENT }, q;
	const u8 *pl = buf + VW_CTL_HDR_LEN;

	strcpy(s.text, "no such pair");
	CHECK_EQ(vw_ctl_encode(VW_CTL_R_STATUS, &s, buf, sizeof(buf)),
		 VW_CTL_HDR_LEN + 4 + 12);
	CHECK_EQ(vw_get_be32(pl), ENOENT);
	CHECK_MEM(pl + 4, "no such pair", 12);
	CHECK_EQ(vw_ctl_decode(VW_CTL_R_STATUS, pl, 16, &q), 0);
	CHECK_EQ(q.error, ENOENT);
	CHECK(!strcmp(q.text, "no such pair"));
	/* text cut short, and none at all */
	CHECK_EQ(vw_ctl_decode(VW_CTL_R_STATUS, pl, 6, &q), 0);
	CHECK(!strcmp(q.text, "no"));
	CHECK_EQ(vw_ctl_decode(VW_CTL_R_STATUS, pl, 4, &q), 0);
	CHECK_EQ(q.text[0], 0);
	/* an overlong text is cut at VW_CTL_TEXT_MAX and stays terminated */
	memset(buf + VW_CTL_HDR_LEN + 4, 'x', 1000);
	CHECK_EQ(vw_ctl_decode(VW_CTL_R_STATUS, pl, 1004, &q), 0);
	CHECK_EQ(strlen(q.text), VW_CTL_TEXT_MAX);
}

static void test_records(void)
{
	/* static: memcmp() below sees their padding, zero only here */
	static struct vw_ctl_node n = { .id = 7, .n_radios = 2, .rx_frames = 1ull << 40,
				 .drop_queue_full = 3, .connected_ms = 99 }, n2;
	static struct vw_ctl_radio r = { .addr = { 0, 0x76, 0x77, 0x31, 0, 0 },
				  .flags = 3, .txpower_override = -5, .node = 7,
				  .x = -1, .y = 2, .z = -3, .tx_power = 20,
				  .freq = 2437, .rx_lost = 42,
				  .rx_queue_full = 9 }, r2;
	static struct vw_ctl_stats s = { .clients = 200, .radios = 3,
				  .radio_moves = 5, .pcap_frames = 6 }, s2;
	const u8 *pl = buf + VW_CTL_HDR_LEN;

	strcpy(n.peer, "unix pid 1 uid 0");
	CHECK_EQ(vw_ctl_encode(VW_CTL_R_NODE, &n, buf, sizeof(buf)), 8 + 144);
	CHECK_EQ(vw_get_be32(pl), 7);
	CHECK_EQ(vw_get_be32(pl + 8), 1u << 8);	/* high half of rx_frames */
	CHECK_MEM(pl + 80, "unix pid 1 uid 0", 17);
	CHECK_EQ(vw_ctl_decode(VW_CTL_R_NODE, pl, 144, &n2), 0);
	CHECK(!memcmp(&n, &n2, sizeof(n)));
	/* an older daemon's shorter record: what is missing reads as 0 */
	CHECK_EQ(vw_ctl_decode(VW_CTL_R_NODE, pl, 72, &n2), 0);
	CHECK_EQ(n2.drop_queue_full, 3);
	CHECK_EQ(n2.connected_ms, 0);
	CHECK_EQ(n2.peer[0], 0);

	CHECK_EQ(vw_ctl_encode(VW_CTL_R_RADIO, &r, buf, sizeof(buf)), 8 + 88);
	CHECK_EQ(pl[7], 0xfb);
	CHECK_EQ(vw_get_be16(pl + 26), 2437);
	CHECK_EQ(vw_get_be32(pl + 76), 42);	/* rx_lost, low half */
	CHECK_EQ(vw_ctl_decode(VW_CTL_R_RADIO, pl, 88, &r2), 0);
	CHECK(!memcmp(&r, &r2, sizeof(r)));

	CHECK_EQ(vw_ctl_encode(VW_CTL_R_STATS, &s, buf, sizeof(buf)), 8 + 144);
	CHECK_EQ(vw_get_be32(pl + 140), 5);
	CHECK_EQ(vw_ctl_decode(VW_CTL_R_STATS, pl, 144, &s2), 0);
	CHECK(!memcmp(&s, &s2, sizeof(s)));
}

static void test_errors(void)
{
	struct vw_ctl_pos p = { 0 };
	u8 small[10];

	CHECK_EQ(vw_ctl_encode(999, NULL, buf, sizeof(buf)), -EOPNOTSUPP);
	CHECK_EQ(vw_ctl_decode(999, buf, 0, NULL), -EOPNOTSUPP);
	CHECK_EQ(vw_ctl_encode(VW_CTL_POS_SET, &p, small, sizeof(small)),
		 -ENOSPC);
	CHECK(vw_ctl_type_name(999) == NULL);
	CHECK_EQ(vw_ctl_payload_len(VW_CTL_R_RADIO), 88);
}

static void test_parse_addr(void)
{
	u8 a[6];
	static const u8 want[6] = { 0, 0x76, 0x77, 0x30, 0xab, 0xff };

	CHECK_EQ(vw_mc_parse_addr("00:76:77:30:ab:ff", a), 0);
	CHECK_MEM(a, want, 6);
	CHECK_EQ(vw_mc_parse_addr("00-76-77-30-AB-FF", a), 0);
	CHECK_MEM(a, want, 6);
	CHECK_EQ(vw_mc_parse_addr("00:76:77:30:ab", a), -EINVAL);
	CHECK_EQ(vw_mc_parse_addr("00:76:77:30:ab:ff:00", a), -EINVAL);
	CHECK_EQ(vw_mc_parse_addr("0:76:77:30:ab:ff", a), -EINVAL);
	CHECK_EQ(vw_mc_parse_addr("vw0", a), -EINVAL);
}

int main(void)
{
	RUN(test_header);
	RUN(test_empty_requests);
	RUN(test_pos);
	RUN(test_small_requests);
	RUN(test_model);
	RUN(test_status);
	RUN(test_records);
	RUN(test_errors);
	RUN(test_parse_addr);
	return check_summary("test_msg");
}
