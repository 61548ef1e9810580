// SPDX-License-Identifier: GPL-2.0
/*
 * 802.11 frames: every builder's output parses back to what was built;
 * every truncation of it is refused or parses shorter; the header variants
 * (4 addresses, QoS, HT Control) have the right lengths; malformed frames
 * are refused. And the LLC/SNAP header.
 */
#include "check.h"
#include "vw_core.h"

static const u8 ap[VW_ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };
static const u8 sta[VW_ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x02, 0x00 };
static const u8 old_ap[VW_ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x03, 0x00 };
static const u8 peer[VW_ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x04, 0x00 };
static const u8 bcast[VW_ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* SSID "vwifi", DS Parameter Set channel 6, RSN (CCMP, PSK) */
static const u8 some_ies[] = {
	0x00, 0x05, 'v', 'w', 'i', 'f', 'i',
	0x03, 0x01, 0x06,
	0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00,
	0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02,
	0x00, 0x00,
};

/*
 * A parsed frame lives in a heap copy of exactly its length (so ASan sees
 * any read beyond it); free with parsed_free().
 */
struct parsed {
	u8 *buf;
	int ret;
	struct vw_frame f;
};

static struct parsed parse_copy(const u8 *frame, size_t len)
{
	struct parsed p;

	memset(&p, 0, sizeof(p));
	p.buf = check_dup(frame, len);
	p.ret = vw_frame_parse(p.buf, len, &p.f);
	return p;
}

static void parsed_free(struct parsed *p)
{
	free(p->buf);
}

/* Every prefix of a frame is refused or parses to a consistent, shorter frame. */
static void check_truncations(const u8 *frame, size_t len)
{
	size_t cut;

	for (cut = 0; cut < len; cut++) {
		struct parsed p = parse_copy(frame, cut);
		const struct vw_frame *f = &p.f;

		CHECK(p.ret == 0 || p.ret == -VW_ETRUNC || p.ret == -VW_EINVAL);
		if (p.ret == 0) {
			CHECK_EQ(f->hdr_len + f->body_len, cut);
			CHECK(f->body == p.buf + f->hdr_len);
			if (f->ies)
				CHECK(f->ies >= f->body &&
				      f->ies + f->ies_len <= p.buf + cut);
			CHECK(vw_ie_chain_valid(f->ies, f->ies_len));
		}
		parsed_free(&p);
	}
}

static void check_hdr3(const struct vw_frame *f, u8 type, u8 stype,
		       const u8 *a1, const u8 *a2, const u8 *a3, u16 seq)
{
	CHECK_EQ(f->type, type);
	CHECK_EQ(f->stype, stype);
	CHECK_EQ(f->fc & ~(VW_FC_TODS | VW_FC_FROMDS | VW_FC_PROTECTED),
		 VW_FC(type, stype));
	CHECK_EQ(f->duration, 0);
	CHECK_EQ(f->seq_ctrl, seq << 4);
	CHECK_MEM(f->addr1, a1, VW_ETH_ALEN);
	CHECK_MEM(f->addr2, a2, VW_ETH_ALEN);
	CHECK_MEM(f->addr3, a3, VW_ETH_ALEN);
	CHECK(f->addr4 == NULL);
	CHECK_EQ(f->hdr_len, VW_HDR3_LEN);
	CHECK(!f->is_qos);
}

static void test_auth_round_trip(void)
{
	u8 buf[64];
	int n = vw_build_auth(buf, sizeof(buf), ap, sta, ap, 0x123,
			      VW_AUTH_ALG_OPEN, 2, 17);
	struct parsed p;

	CHECK_EQ(n, VW_HDR3_LEN + VW_AUTH_FIXED);
	/* frame control and sequence control are little endian */
	CHECK_MEM(buf, "\xb0\x00\x00\x00", 4);
	CHECK_MEM(buf + 22, "\x30\x12", 2);
	p = parse_copy(buf, (size_t)n);
	CHECK_EQ(p.ret, 0);
	check_hdr3(&p.f, VW_FTYPE_MGMT, VW_STYPE_AUTH, ap, sta, ap, 0x123);
	CHECK_EQ(p.f.body_len, VW_AUTH_FIXED);
	CHECK_EQ(vw_get_le16(p.f.body), VW_AUTH_ALG_OPEN);
	CHECK_EQ(vw_get_le16(p.f.body + 2), 2);
	CHECK_EQ(vw_get_le16(p.f.body + 4), 17);
	CHECK_EQ(p.f.ies_len, 0);
	CHECK(!p.f.is_protected);
	parsed_free(&p);
	check_truncations(buf, (size_t)n);
}

static void test_deauth_round_trip(void)
{
	static const u8 stypes[] = { VW_STYPE_DEAUTH, VW_STYPE_DISASSOC };
	u8 buf[64];
	size_t i;

	for (i = 0; i < sizeof(stypes); i++) {
		int n = vw_build_deauth(buf, sizeof(buf), stypes[i], sta, ap,
					ap, 7, 3);
		struct parsed p;

		CHECK_EQ(n, VW_HDR3_LEN + VW_REASON_FIXED);
		p = parse_copy(buf, (size_t)n);
		CHECK_EQ(p.ret, 0);
		check_hdr3(&p.f, VW_FTYPE_MGMT, stypes[i], sta, ap, ap, 7);
		CHECK_EQ(vw_get_le16(p.f.body), 3);
		parsed_free(&p);
		check_truncations(buf, (size_t)n);
	}
	CHECK_EQ(vw_build_deauth(buf, sizeof(buf), VW_STYPE_AUTH, sta, ap, ap,
				 7, 3), -VW_EINVAL);
}

static void test_probe_req_round_trip(void)
{
	u8 rates[32], buf[128];
	int nr = vw_ie_put_legacy_rates(rates, sizeof(rates), true);
	int n = vw_build_probe_req(buf, sizeof(buf), sta, 1,
				   (const u8 *)"vwifi", 5, rates, (size_t)nr);
	struct parsed p;
	const u8 *ssid;

	CHECK_EQ(n, VW_HDR3_LEN + 2 + 5 + nr);
	p = parse_copy(buf, (size_t)n);
	CHECK_EQ(p.ret, 0);
	check_hdr3(&p.f, VW_FTYPE_MGMT, VW_STYPE_PROBE_REQ, bcast, sta, bcast, 1);
	CHECK_EQ(p.f.ies_len, 2 + 5 + nr);
	ssid = vw_ie_find(p.f.ies, p.f.ies_len, VW_EID_SSID);
	CHECK(ssid == p.f.ies);
	if (ssid)
		CHECK_MEM(ssid, "\x00\x05vwifi", 7);
	CHECK(vw_ie_find(p.f.ies, p.f.ies_len, VW_EID_EXT_RATES) != NULL);
	parsed_free(&p);
	check_truncations(buf, (size_t)n);
}

static void test_probe_req_wildcard(void)
{
	u8 buf[64];
	int n = vw_build_probe_req(buf, sizeof(buf), sta, 1, NULL, 0, NULL, 0);
	struct parsed p;

	CHECK_EQ(n, VW_HDR3_LEN + 2);
	p = parse_copy(buf, (size_t)n);
	CHECK_EQ(p.ret, 0);
	CHECK_EQ(p.f.ies_len, 2);
	CHECK_MEM(p.f.ies, "\x00\x00", 2);
	parsed_free(&p);
	CHECK_EQ(vw_build_probe_req(buf, sizeof(buf), sta, 1,
				    (const u8 *)"0123456789abcdef0123456789abcdefX",
				    33, NULL, 0), -VW_EINVAL);
	CHECK_EQ(vw_build_probe_req(buf, sizeof(buf), sta, 1, NULL, 4, NULL, 0),
		 -VW_EINVAL);
	CHECK_EQ(vw_build_probe_req(buf, sizeof(buf), sta, 1, NULL, 0, NULL, 4),
		 -VW_EINVAL);
}

static void test_assoc_req_round_trip(void)
{
	u8 buf[128];
	int n = vw_build_assoc_req(buf, sizeof(buf), false, ap, sta, 9,
				   VW_CAP_ESS | VW_CAP_SHORT_SLOT, 10, NULL,
				   some_ies, sizeof(some_ies));
	struct parsed p;

	CHECK_EQ(n, VW_HDR3_LEN + VW_ASSOC_REQ_FIXED + sizeof(some_ies));
	p = parse_copy(buf, (size_t)n);
	CHECK_EQ(p.ret, 0);
	check_hdr3(&p.f, VW_FTYPE_MGMT, VW_STYPE_ASSOC_REQ, ap, sta, ap, 9);
	CHECK_EQ(vw_get_le16(p.f.body), VW_CAP_ESS | VW_CAP_SHORT_SLOT);
	CHECK_EQ(vw_get_le16(p.f.body + 2), 10);
	CHECK(p.f.ies == p.f.body + VW_ASSOC_REQ_FIXED);
	CHECK_EQ(p.f.ies_len, sizeof(some_ies));
	CHECK_MEM(p.f.ies, some_ies, sizeof(some_ies));
	parsed_free(&p);
	check_truncations(buf, (size_t)n);
}

static void test_reassoc_req_round_trip(void)
{
	u8 buf[128];
	int n = vw_build_assoc_req(buf, sizeof(buf), true, ap, sta, 9,
				   VW_CAP_ESS, 3, old_ap,
				   some_ies, sizeof(some_ies));
	struct parsed p;

	CHECK_EQ(n, VW_HDR3_LEN + VW_REASSOC_REQ_FIXED + sizeof(some_ies));
	p = parse_copy(buf, (size_t)n);
	CHECK_EQ(p.ret, 0);
	check_hdr3(&p.f, VW_FTYPE_MGMT, VW_STYPE_REASSOC_REQ, ap, sta, ap, 9);
	CHECK_MEM(p.f.body + 4, old_ap, VW_ETH_ALEN);
	CHECK(p.f.ies == p.f.body + VW_REASSOC_REQ_FIXED);
	CHECK_EQ(p.f.ies_len, sizeof(some_ies));
	parsed_free(&p);
	check_truncations(buf, (size_t)n);
	CHECK_EQ(vw_build_assoc_req(buf, sizeof(buf), true, ap, sta, 9,
				    VW_CAP_ESS, 3, NULL, NULL, 0), -VW_EINVAL);
}

static void test_assoc_resp_round_trip(void)
{
	u8 buf[128];
	int reassoc;

	for (reassoc = 0; reassoc <= 1; reassoc++) {
		int n = vw_build_assoc_resp(buf, sizeof(buf), reassoc, sta, ap,
					    4095, VW_CAP_ESS, 0, 1, some_ies,
					    sizeof(some_ies));
		struct parsed p;

		CHECK_EQ(n, VW_HDR3_LEN + VW_ASSOC_RESP_FIXED + sizeof(some_ies));
		p = parse_copy(buf, (size_t)n);
		CHECK_EQ(p.ret, 0);
		check_hdr3(&p.f, VW_FTYPE_MGMT,
			   reassoc ? VW_STYPE_REASSOC_RESP : VW_STYPE_ASSOC_RESP,
			   sta, ap, ap, 4095);
		CHECK_EQ(vw_get_le16(p.f.body + 2), 0);
		/* AID 1 with the two top bits the standard requires */
		CHECK_EQ(vw_get_le16(p.f.body + 4), 0xc001);
		CHECK_EQ(p.f.ies_len, sizeof(some_ies));
		parsed_free(&p);
		check_truncations(buf, (size_t)n);
	}
}

/* There is no beacon builder: the driver gets beacons from hostapd. */
static size_t make_beacon(u8 *buf, size_t cap, u8 stype)
{
	int n = vw_build_mgmt_hdr(buf, cap, stype, bcast, ap, ap, 42);

	CHECK_EQ(n, VW_HDR3_LEN);
	memset(buf + VW_HDR3_LEN, 0, 8);		/* timestamp */
	vw_put_le16(buf + VW_HDR3_LEN + 8, 100);	/* beacon interval */
	vw_put_le16(buf + VW_HDR3_LEN + 10, VW_CAP_ESS | VW_CAP_PRIVACY);
	memcpy(buf + VW_HDR3_LEN + VW_BEACON_FIXED, some_ies, sizeof(some_ies));
	return VW_HDR3_LEN + VW_BEACON_FIXED + sizeof(some_ies);
}

static void test_beacon_and_probe_resp(void)
{
	static const u8 stypes[] = { VW_STYPE_BEACON, VW_STYPE_PROBE_RESP };
	u8 buf[128];
	size_t i;

	for (i = 0; i < sizeof(stypes); i++) {
		size_t n = make_beacon(buf, sizeof(buf), stypes[i]);
		struct parsed p = parse_copy(buf, n);

		CHECK_EQ(p.ret, 0);
		check_hdr3(&p.f, VW_FTYPE_MGMT, stypes[i], bcast, ap, ap, 42);
		CHECK(p.f.ies == p.buf + VW_HDR3_LEN + VW_BEACON_FIXED);
		CHECK_EQ(p.f.ies_len, sizeof(some_ies));
		CHECK(vw_ie_find(p.f.ies, p.f.ies_len, VW_EID_RSN) != NULL);
		parsed_free(&p);
		check_truncations(buf, n);
	}
	CHECK_EQ(vw_build_mgmt_hdr(buf, sizeof(buf), 16, bcast, ap, ap, 0),
		 -VW_EINVAL);
}

static void test_data_hdr_round_trip(void)
{
	u8 buf[64];
	int n = vw_build_data_hdr(buf, sizeof(buf),
				  VW_FC_FROMDS | VW_FC_PROTECTED, sta, ap,
				  peer, 0xfff, -1);
	struct parsed p;

	CHECK_EQ(n, VW_HDR3_LEN);
	CHECK_MEM(buf, "\x08\x42", 2);
	memcpy(buf + n, "payload", 7);
	p = parse_copy(buf, (size_t)n + 7);
	CHECK_EQ(p.ret, 0);
	check_hdr3(&p.f, VW_FTYPE_DATA, VW_STYPE_DATA, sta, ap, peer, 0xfff);
	CHECK(p.f.is_protected);
	CHECK_EQ(p.f.fc & (VW_FC_TODS | VW_FC_FROMDS), VW_FC_FROMDS);
	CHECK_EQ(p.f.body_len, 7);
	CHECK(p.f.ies == NULL);
	parsed_free(&p);
	check_truncations(buf, (size_t)n + 7);

	/* the data type in the low byte is tolerated, a subtype is not */
	CHECK_EQ(vw_build_data_hdr(buf, sizeof(buf),
				   VW_FC(VW_FTYPE_DATA, 0) | VW_FC_TODS,
				   ap, sta, peer, 1, -1), VW_HDR3_LEN);
	CHECK_MEM(buf, "\x08\x01", 2);
	CHECK_EQ(vw_build_data_hdr(buf, sizeof(buf),
				   VW_FC(VW_FTYPE_DATA, VW_STYPE_QOS_DATA),
				   ap, sta, peer, 1, -1), -VW_EINVAL);
	CHECK_EQ(vw_build_data_hdr(buf, sizeof(buf),
				   VW_FC(VW_FTYPE_DATA, VW_STYPE_QOS_DATA),
				   ap, sta, peer, 1, 5), -VW_EINVAL);
	CHECK_EQ(vw_build_data_hdr(buf, sizeof(buf),
				   VW_FC_TODS | VW_FC_FROMDS, ap, sta, peer, 1,
				   -1), -VW_EINVAL);
}

/* With a TID: QoS data, subtype 8, QoS control = TID, the rest 0. */
static void test_qos_data_hdr(void)
{
	u8 want[VW_HDR3_LEN + VW_QOS_LEN] = {
		0x88, 0x41, 0, 0,
	};
	u8 buf[64];
	struct parsed p;
	int tid, n;

	memcpy(want + 4, ap, VW_ETH_ALEN);
	memcpy(want + 10, sta, VW_ETH_ALEN);
	memcpy(want + 16, peer, VW_ETH_ALEN);
	want[22] = 0x50;	/* sequence 0x345, fragment 0 */
	want[23] = 0x34;
	want[24] = 6;		/* TID 6, bits 4-15 clear */
	want[25] = 0;
	memset(buf, 0x5a, sizeof(buf));
	n = vw_build_data_hdr(buf, sizeof(buf), VW_FC_TODS | VW_FC_PROTECTED,
			      ap, sta, peer, 0x345, 6);
	CHECK_EQ(n, VW_HDR3_LEN + VW_QOS_LEN);
	CHECK_MEM(buf, want, sizeof(want));
	CHECK_EQ(buf[sizeof(want)], 0x5a);

	for (tid = 0; tid <= 7; tid++) {
		n = vw_build_data_hdr(buf, sizeof(buf), VW_FC_FROMDS, sta, ap,
				      peer, 1, tid);
		CHECK_EQ(n, VW_HDR3_LEN + VW_QOS_LEN);
		memcpy(buf + n, "body", 4);
		p = parse_copy(buf, (size_t)n + 4);
		CHECK_EQ(p.ret, 0);
		CHECK_EQ(p.f.fc, VW_FC(VW_FTYPE_DATA, VW_STYPE_QOS_DATA) |
			 VW_FC_FROMDS);
		CHECK_EQ(p.f.seq_ctrl, 1 << 4);
		CHECK_MEM(p.f.addr1, sta, VW_ETH_ALEN);
		CHECK_MEM(p.f.addr2, ap, VW_ETH_ALEN);
		CHECK_MEM(p.f.addr3, peer, VW_ETH_ALEN);
		CHECK(p.f.addr4 == NULL);
		CHECK(p.f.is_qos);
		CHECK_EQ(p.f.tid, tid);
		CHECK_EQ(p.f.hdr_len, VW_HDR3_LEN + VW_QOS_LEN);
		CHECK_EQ(p.f.body_len, 4);
		parsed_free(&p);
	}
	/* the plain data type in fc_flags is still tolerated */
	CHECK_EQ(vw_build_data_hdr(buf, sizeof(buf), VW_FC(VW_FTYPE_DATA, 0),
				   ap, sta, peer, 1, 0),
		 VW_HDR3_LEN + VW_QOS_LEN);
	CHECK_EQ(buf[0], 0x88);
	CHECK_EQ(vw_build_data_hdr(buf, sizeof(buf), 0, ap, sta, peer, 1, 8),
		 -VW_EINVAL);
	CHECK_EQ(vw_build_data_hdr(buf, sizeof(buf), 0, ap, sta, peer, 1, 15),
		 -VW_EINVAL);
	memset(buf, 0x5a, sizeof(buf));
	CHECK_EQ(vw_build_data_hdr(buf, VW_HDR3_LEN + 1, 0, ap, sta, peer, 1,
				   0), -VW_ENOSPC);
	CHECK_EQ(buf[0], 0x5a);
	CHECK_EQ(vw_build_data_hdr(buf, VW_HDR3_LEN, 0, ap, sta, peer, 1, -1),
		 VW_HDR3_LEN);
}

static void test_seq_masked(void)
{
	u8 buf[32];

	CHECK_EQ(vw_build_mgmt_hdr(buf, sizeof(buf), VW_STYPE_BEACON, bcast,
				   ap, ap, 0xabc), VW_HDR3_LEN);
	CHECK_MEM(buf + 22, "\xc0\xab", 2);
	/* a 13th bit must not leak into the fragment number */
	CHECK_EQ(vw_build_mgmt_hdr(buf, sizeof(buf), VW_STYPE_BEACON, bcast,
				   ap, ap, 0x1fff), VW_HDR3_LEN);
	CHECK_MEM(buf + 22, "\xf0\xff", 2);
}

/* Nothing is written when the frame does not fit. */
static void test_builders_no_space(void)
{
	u8 buf[128];
	size_t need_probe = VW_HDR3_LEN + 2 + 5 + sizeof(some_ies);
	size_t need_assoc = VW_HDR3_LEN + VW_ASSOC_REQ_FIXED + sizeof(some_ies);
	size_t need_resp = VW_HDR3_LEN + VW_ASSOC_RESP_FIXED + sizeof(some_ies);

	memset(buf, 0x5a, sizeof(buf));
	CHECK_EQ(vw_build_mgmt_hdr(buf, VW_HDR3_LEN - 1, VW_STYPE_BEACON,
				   bcast, ap, ap, 0), -VW_ENOSPC);
	CHECK_EQ(vw_build_auth(buf, VW_HDR3_LEN + VW_AUTH_FIXED - 1, ap, sta,
			       ap, 0, 0, 1, 0), -VW_ENOSPC);
	CHECK_EQ(vw_build_deauth(buf, VW_HDR3_LEN + 1, VW_STYPE_DEAUTH, ap,
				 sta, ap, 0, 1), -VW_ENOSPC);
	CHECK_EQ(vw_build_probe_req(buf, need_probe - 1, sta, 0,
				    (const u8 *)"vwifi", 5, some_ies,
				    sizeof(some_ies)), -VW_ENOSPC);
	CHECK_EQ(vw_build_assoc_req(buf, need_assoc - 1, false, ap, sta, 0, 0,
				    0, NULL, some_ies, sizeof(some_ies)),
		 -VW_ENOSPC);
	CHECK_EQ(vw_build_assoc_resp(buf, need_resp - 1, false, sta, ap, 0, 0,
				     0, 1, some_ies, sizeof(some_ies)),
		 -VW_ENOSPC);
	CHECK_EQ(vw_build_data_hdr(buf, VW_HDR3_LEN - 1, 0, ap, sta, peer, 0,
				   -1),
		 -VW_ENOSPC);
	CHECK_EQ(buf[0], 0x5a);
	/* an IE length that would overflow the frame length */
	CHECK_EQ(vw_build_assoc_resp(buf, sizeof(buf), false, sta, ap, 0, 0,
				     0, 1, some_ies, (size_t)-1), -VW_EINVAL);
	CHECK_EQ(buf[0], 0x5a);
}

/* A data frame with header fc, addresses and an optional QoS control. */
static size_t make_data(u8 *buf, u16 fc, u16 qos, size_t extra)
{
	size_t pos = VW_HDR3_LEN;

	memset(buf, 0, 64);
	vw_put_le16(buf, fc);
	memcpy(buf + 4, ap, VW_ETH_ALEN);
	memcpy(buf + 10, sta, VW_ETH_ALEN);
	memcpy(buf + 16, peer, VW_ETH_ALEN);
	if ((fc & (VW_FC_TODS | VW_FC_FROMDS)) ==
	    (VW_FC_TODS | VW_FC_FROMDS)) {
		memcpy(buf + pos, old_ap, VW_ETH_ALEN);
		pos += VW_ETH_ALEN;
	}
	if (fc & 0x0080) {
		vw_put_le16(buf + pos, qos);
		pos += VW_QOS_LEN;
	}
	memset(buf + pos, 0xab, extra);
	return pos + extra;
}

static void test_data_4addr(void)
{
	u8 buf[64];
	size_t n = make_data(buf, VW_FC(VW_FTYPE_DATA, VW_STYPE_DATA) |
			     VW_FC_TODS | VW_FC_FROMDS, 0, 10);
	struct parsed p = parse_copy(buf, n);

	CHECK_EQ(p.ret, 0);
	CHECK_EQ(p.f.hdr_len, VW_HDR4_LEN);
	CHECK(p.f.addr4 == p.buf + 24);
	CHECK_MEM(p.f.addr4, old_ap, VW_ETH_ALEN);
	CHECK_EQ(p.f.body_len, 10);
	CHECK(!p.f.is_qos);
	parsed_free(&p);
	check_truncations(buf, n);
}

static void test_qos_data(void)
{
	u8 buf[64];
	size_t n = make_data(buf, VW_FC(VW_FTYPE_DATA, VW_STYPE_QOS_DATA) |
			     VW_FC_TODS, 0x00a6, 5);
	struct parsed p = parse_copy(buf, n);

	CHECK_EQ(p.ret, 0);
	CHECK_EQ(p.f.hdr_len, VW_HDR3_LEN + VW_QOS_LEN);
	CHECK(p.f.is_qos);
	CHECK_EQ(p.f.tid, 6);
	CHECK(p.f.addr4 == NULL);
	CHECK_EQ(p.f.body_len, 5);
	parsed_free(&p);
	check_truncations(buf, n);
}

static void test_qos_data_4addr(void)
{
	u8 buf[64];
	size_t n = make_data(buf, VW_FC(VW_FTYPE_DATA, VW_STYPE_QOS_DATA) |
			     VW_FC_TODS | VW_FC_FROMDS, 0x0003, 5);
	struct parsed p = parse_copy(buf, n);

	CHECK_EQ(p.ret, 0);
	CHECK_EQ(p.f.hdr_len, VW_HDR4_LEN + VW_QOS_LEN);
	CHECK(p.f.is_qos);
	CHECK_EQ(p.f.tid, 3);
	CHECK(p.f.addr4 != NULL);
	CHECK(p.f.body == p.buf + 32);
	parsed_free(&p);
	check_truncations(buf, n);
}

static void test_null_frames(void)
{
	u8 buf[64];
	size_t n = make_data(buf, VW_FC(VW_FTYPE_DATA, VW_STYPE_NULLFUNC) |
			     VW_FC_TODS | VW_FC_PWRMGT, 0, 0);
	struct parsed p = parse_copy(buf, n);

	CHECK_EQ(p.ret, 0);
	CHECK_EQ(p.f.stype, VW_STYPE_NULLFUNC);
	CHECK_EQ(p.f.hdr_len, VW_HDR3_LEN);
	CHECK_EQ(p.f.body_len, 0);
	parsed_free(&p);

	n = make_data(buf, VW_FC(VW_FTYPE_DATA, VW_STYPE_QOS_NULL) |
		      VW_FC_TODS, 0x0007, 0);
	p = parse_copy(buf, n);
	CHECK_EQ(p.ret, 0);
	CHECK_EQ(p.f.stype, VW_STYPE_QOS_NULL);
	CHECK(p.f.is_qos);
	CHECK_EQ(p.f.tid, 7);
	CHECK_EQ(p.f.hdr_len, VW_HDR3_LEN + VW_QOS_LEN);
	parsed_free(&p);
	check_truncations(buf, n);
}

/* Order means an HT Control field in QoS data and management frames only. */
static void test_order_bit(void)
{
	u8 buf[128];
	size_t n = make_data(buf, VW_FC(VW_FTYPE_DATA, VW_STYPE_QOS_DATA) |
			     VW_FC_ORDER, 0x0001, 8);
	struct parsed p = parse_copy(buf, n);

	CHECK_EQ(p.ret, 0);
	CHECK_EQ(p.f.hdr_len, VW_HDR3_LEN + VW_QOS_LEN + VW_HTC_LEN);
	CHECK_EQ(p.f.body_len, 4);
	CHECK_EQ(p.f.tid, 1);
	parsed_free(&p);

	n = make_data(buf, VW_FC(VW_FTYPE_DATA, VW_STYPE_DATA) | VW_FC_ORDER,
		      0, 8);
	p = parse_copy(buf, n);
	CHECK_EQ(p.ret, 0);
	CHECK_EQ(p.f.hdr_len, VW_HDR3_LEN);
	parsed_free(&p);

	n = make_beacon(buf, sizeof(buf), VW_STYPE_BEACON);
	memmove(buf + VW_HDR3_LEN + VW_HTC_LEN, buf + VW_HDR3_LEN,
		n - VW_HDR3_LEN);
	vw_put_le16(buf, vw_get_le16(buf) | VW_FC_ORDER);
	p = parse_copy(buf, n + VW_HTC_LEN);
	CHECK_EQ(p.ret, 0);
	CHECK_EQ(p.f.hdr_len, VW_HDR3_LEN + VW_HTC_LEN);
	CHECK_EQ(p.f.ies_len, sizeof(some_ies));
	parsed_free(&p);
}

static int parse_fc(u16 fc, size_t len)
{
	u8 buf[64];
	struct parsed p;
	int ret;

	memset(buf, 0, sizeof(buf));
	vw_put_le16(buf, fc);
	p = parse_copy(buf, len);
	ret = p.ret;
	parsed_free(&p);
	return ret;
}

static void test_rejects(void)
{
	u16 v;

	CHECK_EQ(parse_fc(0, 0), -VW_ETRUNC);
	CHECK_EQ(parse_fc(0, 1), -VW_ETRUNC);
	/* control frames: ACK, RTS, block ack */
	CHECK_EQ(parse_fc(0x00d4, 10), -VW_EINVAL);
	CHECK_EQ(parse_fc(0x00b4, 64), -VW_EINVAL);
	CHECK_EQ(parse_fc(0x0094, 64), -VW_EINVAL);
	/* extension type */
	CHECK_EQ(parse_fc(0x000c, 64), -VW_EINVAL);
	/* management subtypes we do not model: ATIM, timing adv., NoAck */
	CHECK_EQ(parse_fc(VW_FC(VW_FTYPE_MGMT, 9), 64), -VW_EINVAL);
	CHECK_EQ(parse_fc(VW_FC(VW_FTYPE_MGMT, 6), 64), -VW_EINVAL);
	CHECK_EQ(parse_fc(VW_FC(VW_FTYPE_MGMT, 14), 64), -VW_EINVAL);
	/* data subtypes with CF-Ack/CF-Poll */
	CHECK_EQ(parse_fc(VW_FC(VW_FTYPE_DATA, 1), 64), -VW_EINVAL);
	CHECK_EQ(parse_fc(VW_FC(VW_FTYPE_DATA, 10), 64), -VW_EINVAL);
	/* protocol versions 1..3 */
	for (v = 1; v <= 3; v++)
		CHECK_EQ(parse_fc(VW_FC(VW_FTYPE_DATA, 0) | v, 64), -VW_EINVAL);
	/* short headers */
	CHECK_EQ(parse_fc(VW_FC(VW_FTYPE_MGMT, VW_STYPE_PROBE_REQ), 23),
		 -VW_ETRUNC);
	CHECK_EQ(parse_fc(VW_FC(VW_FTYPE_DATA, 0) | VW_FC_TODS | VW_FC_FROMDS,
			  29), -VW_ETRUNC);
	CHECK_EQ(parse_fc(VW_FC(VW_FTYPE_DATA, VW_STYPE_QOS_DATA), 25),
		 -VW_ETRUNC);
	/* a probe request with an empty body is a valid frame */
	CHECK_EQ(parse_fc(VW_FC(VW_FTYPE_MGMT, VW_STYPE_PROBE_REQ), 24), 0);
}

static void test_bad_ie_chain(void)
{
	static const u8 bad_ies[] = { 0x00, 0x02, 'a', 'b', 0x01, 0x08, 0x82 };
	u8 buf[128];
	int n = vw_build_assoc_req(buf, sizeof(buf), false, ap, sta, 0, 0, 0,
				   NULL, bad_ies, sizeof(bad_ies));
	struct parsed p = parse_copy(buf, (size_t)n);

	CHECK_EQ(p.ret, -VW_EINVAL);
	parsed_free(&p);

	/* a lone trailing byte after a deauth reason */
	n = vw_build_deauth(buf, sizeof(buf), VW_STYPE_DEAUTH, sta, ap, ap,
			    0, 1);
	buf[n] = 0xdd;
	p = parse_copy(buf, (size_t)n + 1);
	CHECK_EQ(p.ret, -VW_EINVAL);
	parsed_free(&p);

	n = vw_build_probe_req(buf, sizeof(buf), sta, 0, NULL, 0, bad_ies, 3);
	p = parse_copy(buf, (size_t)n);
	CHECK_EQ(p.ret, -VW_EINVAL);
	parsed_free(&p);
}

static void test_short_fixed_fields(void)
{
	u8 buf[128];
	size_t n = make_beacon(buf, sizeof(buf), VW_STYPE_BEACON);
	struct parsed p = parse_copy(buf, VW_HDR3_LEN + VW_BEACON_FIXED - 1);

	CHECK_EQ(p.ret, -VW_ETRUNC);
	parsed_free(&p);
	n = (size_t)vw_build_auth(buf, sizeof(buf), ap, sta, ap, 0, 0, 1, 0);
	p = parse_copy(buf, n - 1);
	CHECK_EQ(p.ret, -VW_ETRUNC);
	parsed_free(&p);
}

/* A protected management body is ciphertext: not an element chain. */
static void test_protected_mgmt(void)
{
	u8 buf[64];
	int n = vw_build_deauth(buf, sizeof(buf), VW_STYPE_DEAUTH, sta, ap, ap,
				5, 0);
	struct parsed p;

	vw_put_le16(buf, vw_get_le16(buf) | VW_FC_PROTECTED);
	/* CCMP header, encrypted reason, MIC: 18 bytes after the header */
	memset(buf + VW_HDR3_LEN, 0x01, 18);
	n = VW_HDR3_LEN + 18;
	p = parse_copy(buf, (size_t)n);
	CHECK_EQ(p.ret, 0);
	CHECK(p.f.is_protected);
	CHECK(p.f.ies == NULL);
	CHECK_EQ(p.f.ies_len, 0);
	CHECK_EQ(p.f.body_len, 18);
	parsed_free(&p);
	check_truncations(buf, (size_t)n);
}

/*
 * An action frame: a category, then the action's own fields, which are
 * no element chain (an SA Query's transaction id here); protected, a
 * CCMP header and MIC around all of it.
 */
static void test_action(void)
{
	u8 buf[64];
	struct parsed p;
	size_t n = VW_HDR3_LEN + 4;

	vw_build_mgmt_hdr(buf, sizeof(buf), VW_STYPE_ACTION, ap, sta, ap, 3);
	memcpy(buf + VW_HDR3_LEN, "\x08\x00\xff\xff", 4);	/* SA Query req. */
	p = parse_copy(buf, n);
	CHECK_EQ(p.ret, 0);
	CHECK_EQ(p.f.stype, VW_STYPE_ACTION);
	CHECK(p.f.ies == NULL);
	CHECK_EQ(p.f.body_len, 4);
	CHECK_EQ(p.f.body[0], 8);
	CHECK(vw_mgmt_is_robust(&p.f));
	parsed_free(&p);
	/* the header alone, whatever the body holds */
	CHECK_EQ(vw_frame_parse_hdr(buf, VW_HDR3_LEN, &p.f), 0);
	CHECK_EQ(p.f.body_len, 0);
	CHECK(p.f.ies == NULL);
	CHECK_EQ(vw_frame_parse_hdr(buf, VW_HDR3_LEN - 1, &p.f), -VW_ETRUNC);
	/* without its category it is truncated */
	p = parse_copy(buf, VW_HDR3_LEN);
	CHECK_EQ(p.ret, -VW_ETRUNC);
	parsed_free(&p);
	check_truncations(buf, n);

	vw_put_le16(buf, vw_get_le16(buf) | VW_FC_PROTECTED);
	memset(buf + VW_HDR3_LEN, 0x5a, VW_PROTECTED_MIN + 4);
	p = parse_copy(buf, VW_HDR3_LEN + VW_PROTECTED_MIN + 4);
	CHECK_EQ(p.ret, 0);
	CHECK(p.f.is_protected);
	CHECK(vw_mgmt_is_robust(&p.f));
	parsed_free(&p);
	p = parse_copy(buf, VW_HDR3_LEN + VW_PROTECTED_MIN - 1);
	CHECK_EQ(p.ret, -VW_ETRUNC);
	parsed_free(&p);
}

/*
 * A protected body shorter than a CCMP header and MIC is truncated, and
 * beacons, probes and association frames are never protected: a station
 * must not pass such a "beacon" on as one it could read.
 */
static void test_protected_mgmt_short(void)
{
	static const u8 stypes[] = {
		VW_STYPE_BEACON, VW_STYPE_PROBE_RESP, VW_STYPE_PROBE_REQ,
		VW_STYPE_ASSOC_REQ, VW_STYPE_ASSOC_RESP, VW_STYPE_REASSOC_REQ,
		VW_STYPE_REASSOC_RESP,
	};
	u8 buf[VW_HDR3_LEN + 64];
	struct parsed p;
	size_t i;

	memset(buf, 0x01, sizeof(buf));
	vw_build_mgmt_hdr(buf, sizeof(buf), VW_STYPE_DEAUTH, sta, ap, ap, 1);
	vw_put_le16(buf, vw_get_le16(buf) | VW_FC_PROTECTED);
	p = parse_copy(buf, VW_HDR3_LEN + VW_PROTECTED_MIN - 1);
	CHECK_EQ(p.ret, -VW_ETRUNC);
	parsed_free(&p);
	p = parse_copy(buf, VW_HDR3_LEN + VW_PROTECTED_MIN);
	CHECK_EQ(p.ret, 0);
	parsed_free(&p);

	for (i = 0; i < sizeof(stypes); i++) {
		vw_build_mgmt_hdr(buf, sizeof(buf), stypes[i], sta, ap, ap, 1);
		vw_put_le16(buf, vw_get_le16(buf) | VW_FC_PROTECTED);
		/* with only its header, and with a body long enough */
		p = parse_copy(buf, VW_HDR3_LEN);
		CHECK_EQ(p.ret, -VW_EINVAL);
		parsed_free(&p);
		p = parse_copy(buf, sizeof(buf));
		CHECK_EQ(p.ret, -VW_EINVAL);
		parsed_free(&p);
	}
}

/* SAE commit/confirm bodies are not elements; open system ones are. */
static void test_sae_auth(void)
{
	u8 buf[64];
	int n = vw_build_auth(buf, sizeof(buf), ap, sta, ap, 0,
			      VW_AUTH_ALG_SAE, 1, 0);
	struct parsed p;

	memcpy(buf + n, "\x13\x00\x77\x88\x99", 5);	/* group 19, scalar.. */
	p = parse_copy(buf, (size_t)n + 5);
	CHECK_EQ(p.ret, 0);
	CHECK(p.f.ies == NULL);
	CHECK_EQ(p.f.body_len, VW_AUTH_FIXED + 5);
	parsed_free(&p);

	vw_put_le16(buf + VW_HDR3_LEN, VW_AUTH_ALG_OPEN);
	p = parse_copy(buf, (size_t)n + 5);
	CHECK_EQ(p.ret, -VW_EINVAL);
	parsed_free(&p);
}

static void test_llc_snap_put(void)
{
	u8 buf[VW_LLC_SNAP_LEN];

	vw_llc_snap_put(buf, 0x0800);
	CHECK_MEM(buf, "\xaa\xaa\x03\x00\x00\x00\x08\x00", 8);
	vw_llc_snap_put(buf, 0x888e);
	CHECK_MEM(buf, "\xaa\xaa\x03\x00\x00\x00\x88\x8e", 8);
	vw_llc_snap_put(buf, 0x8137);
	CHECK_MEM(buf, "\xaa\xaa\x03\x00\x00\xf8\x81\x37", 8);
	vw_llc_snap_put(buf, 0x80f3);
	CHECK_MEM(buf, "\xaa\xaa\x03\x00\x00\xf8\x80\xf3", 8);
}

static void test_llc_snap_get(void)
{
	static const u16 types[] = { 0x0800, 0x86dd, 0x0806, 0x888e, 0x8137,
				     0x80f3, 0xffff };
	u8 buf[VW_LLC_SNAP_LEN + 4];
	size_t i, len;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		vw_llc_snap_put(buf, types[i]);
		CHECK_EQ(vw_llc_snap_get(buf, sizeof(buf)), types[i]);
	}
	/* either OUI is accepted, whatever the ethertype */
	CHECK_EQ(vw_llc_snap_get((const u8 *)"\xaa\xaa\x03\x00\x00\xf8\x08\x00",
				 8), 0x0800);
	CHECK_EQ(vw_llc_snap_get((const u8 *)"\xaa\xaa\x03\x00\x00\x00\x81\x37",
				 8), 0x8137);
	vw_llc_snap_put(buf, 0x0800);
	for (len = 0; len < VW_LLC_SNAP_LEN; len++) {
		u8 *p = check_dup(buf, len);

		CHECK_EQ(vw_llc_snap_get(p, len), -VW_ETRUNC);
		free(p);
	}
	for (i = 0; i < 6; i++) {
		vw_llc_snap_put(buf, 0x0800);
		buf[i] ^= 0x01;
		CHECK_EQ(vw_llc_snap_get(buf, sizeof(buf)), -VW_EINVAL);
	}
}

int main(void)
{
	RUN(test_auth_round_trip);
	RUN(test_deauth_round_trip);
	RUN(test_probe_req_round_trip);
	RUN(test_probe_req_wildcard);
	RUN(test_assoc_req_round_trip);
	RUN(test_reassoc_req_round_trip);
	RUN(test_assoc_resp_round_trip);
	RUN(test_beacon_and_probe_resp);
	RUN(test_data_hdr_round_trip);
	RUN(test_qos_data_hdr);
	RUN(test_seq_masked);
	RUN(test_builders_no_space);
	RUN(test_data_4addr);
	RUN(test_qos_data);
	RUN(test_qos_data_4addr);
	RUN(test_null_frames);
	RUN(test_order_bit);
	RUN(test_rejects);
	RUN(test_bad_ie_chain);
	RUN(test_short_fixed_fields);
	RUN(test_protected_mgmt);
	RUN(test_action);
	RUN(test_protected_mgmt_short);
	RUN(test_sae_auth);
	RUN(test_llc_snap_put);
	RUN(test_llc_snap_get);
	return check_summary("test_frame");
}
