// SPDX-License-Identifier: GPL-2.0
/*
 * 802.11 MPDUs: parsing what arrives from the air, building what we send,
 * and the LLC/SNAP header that data frames carry instead of Ethernet II.
 */
#include "vw_core.h"

#define FC_VERSION_MASK	0x0003
#define FC_TYPE(fc)	((u8)(((fc) >> 2) & 0x3))
#define FC_STYPE(fc)	((u8)(((fc) >> 4) & 0xf))
#define FC_DS_MASK	(VW_FC_TODS | VW_FC_FROMDS)
#define STYPE_QOS_BIT	0x8	/* data subtypes 8..15 carry QoS control */

#define OFF_DURATION	2
#define OFF_ADDR1	4
#define OFF_ADDR2	10
#define OFF_ADDR3	16
#define OFF_SEQ_CTRL	22
#define OFF_ADDR4	24

/* Builders refuse frames an int length (and any PHY) could not carry. */
#define FRAME_MAX	0xffff

static const u8 bcast_addr[VW_ETH_ALEN] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff
};

static void copy_bytes(u8 *dst, const u8 *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dst[i] = src[i];
}

/* ---- parsing ---- */

/* Fixed-field length of a management subtype we model, or -1. */
static int mgmt_fixed_len(u8 stype)
{
	switch (stype) {
	case VW_STYPE_ASSOC_REQ:
		return VW_ASSOC_REQ_FIXED;
	case VW_STYPE_REASSOC_REQ:
		return VW_REASSOC_REQ_FIXED;
	case VW_STYPE_ASSOC_RESP:
	case VW_STYPE_REASSOC_RESP:
		return VW_ASSOC_RESP_FIXED;
	case VW_STYPE_PROBE_REQ:
		return 0;
	case VW_STYPE_PROBE_RESP:
	case VW_STYPE_BEACON:
		return VW_BEACON_FIXED;
	case VW_STYPE_DISASSOC:
	case VW_STYPE_DEAUTH:
		return VW_REASON_FIXED;
	case VW_STYPE_AUTH:
		return VW_AUTH_FIXED;
	case VW_STYPE_ACTION:
		return VW_ACTION_FIXED;
	default:
		return -1;
	}
}

static bool data_stype_known(u8 stype)
{
	return stype == VW_STYPE_DATA || stype == VW_STYPE_NULLFUNC ||
	       stype == VW_STYPE_QOS_DATA || stype == VW_STYPE_QOS_NULL;
}

/*
 * MAC header length implied by the frame control field, or 0 for frames
 * we do not model. The Order bit means an HT Control field only in QoS
 * data and management frames; in other data frames it is StrictlyOrdered.
 */
static size_t mac_hdr_len(u16 fc)
{
	u8 stype = FC_STYPE(fc);
	size_t len = VW_HDR3_LEN;

	switch (FC_TYPE(fc)) {
	case VW_FTYPE_MGMT:
		if (mgmt_fixed_len(stype) < 0)
			return 0;
		if (fc & VW_FC_ORDER)
			len += VW_HTC_LEN;
		return len;
	case VW_FTYPE_DATA:
		if (!data_stype_known(stype))
			return 0;
		if ((fc & FC_DS_MASK) == FC_DS_MASK)
			len = VW_HDR4_LEN;
		if (stype & STYPE_QOS_BIT) {
			len += VW_QOS_LEN;
			if (fc & VW_FC_ORDER)
				len += VW_HTC_LEN;
		}
		return len;
	default:
		return 0;
	}
}

/*
 * Only robust management frames (and shared-key authentication) may be
 * protected; beacons, probes and (re)association frames never are, so a
 * receiver must not take one of those for a frame it can read.
 */
static bool mgmt_protectable(u8 stype)
{
	return stype == VW_STYPE_AUTH || stype == VW_STYPE_DEAUTH ||
	       stype == VW_STYPE_DISASSOC || stype == VW_STYPE_ACTION;
}

/*
 * Finds the element chain after the fixed fields of a management body.
 * Protected bodies are ciphertext, SAE and action bodies not elements, so
 * those keep ies NULL rather than being mistaken for a broken chain; a
 * protected body must still hold the protection's header and MIC.
 */
static int parse_mgmt_body(struct vw_frame *f)
{
	size_t fixed = (size_t)mgmt_fixed_len(f->stype);

	if (f->is_protected) {
		if (!mgmt_protectable(f->stype))
			return -VW_EINVAL;
		if (f->body_len < VW_PROTECTED_MIN)
			return -VW_ETRUNC;
		return 0;
	}
	if (f->body_len < fixed)
		return -VW_ETRUNC;
	/* SAE's fields and an action's are not elements */
	if ((f->stype == VW_STYPE_AUTH &&
	     vw_get_le16(f->body) == VW_AUTH_ALG_SAE) ||
	    f->stype == VW_STYPE_ACTION)
		return 0;
	if (!vw_ie_chain_valid(f->body + fixed, f->body_len - fixed))
		return -VW_EINVAL;

	f->ies = f->body + fixed;
	f->ies_len = f->body_len - fixed;
	return 0;
}

/* Fills the header fields; the caller has checked len >= hdr_len. */
static void parse_mac_hdr(const u8 *buf, size_t hdr_len, struct vw_frame *f)
{
	u16 fc = vw_get_le16(buf);
	bool is_data = FC_TYPE(fc) == VW_FTYPE_DATA;
	bool has_a4 = is_data && (fc & FC_DS_MASK) == FC_DS_MASK;

	f->fc = fc;
	f->type = FC_TYPE(fc);
	f->stype = FC_STYPE(fc);
	f->duration = vw_get_le16(buf + OFF_DURATION);
	f->addr1 = buf + OFF_ADDR1;
	f->addr2 = buf + OFF_ADDR2;
	f->addr3 = buf + OFF_ADDR3;
	f->seq_ctrl = vw_get_le16(buf + OFF_SEQ_CTRL);
	f->addr4 = has_a4 ? buf + OFF_ADDR4 : NULL;
	f->hdr_len = hdr_len;
	f->is_qos = is_data && (f->stype & STYPE_QOS_BIT);
	f->is_protected = !!(fc & VW_FC_PROTECTED);
	/* QoS control directly follows the last address */
	f->tid = 0;
	if (f->is_qos)
		f->tid = buf[has_a4 ? VW_HDR4_LEN : VW_HDR3_LEN] &
			 VW_QOS_TID_MASK;
}

int vw_frame_parse_hdr(const u8 *buf, size_t len, struct vw_frame *f)
{
	size_t hdr_len;
	u16 fc;

	if (len < 2)
		return -VW_ETRUNC;
	fc = vw_get_le16(buf);
	if (fc & FC_VERSION_MASK)
		return -VW_EINVAL;
	hdr_len = mac_hdr_len(fc);
	if (!hdr_len)
		return -VW_EINVAL;
	if (len < hdr_len)
		return -VW_ETRUNC;

	parse_mac_hdr(buf, hdr_len, f);
	f->body = buf + hdr_len;
	f->body_len = len - hdr_len;
	f->ies = NULL;
	f->ies_len = 0;
	return 0;
}

int vw_frame_parse(const u8 *buf, size_t len, struct vw_frame *f)
{
	int ret = vw_frame_parse_hdr(buf, len, f);

	if (ret == 0 && f->type == VW_FTYPE_MGMT)
		return parse_mgmt_body(f);
	return ret;
}

/* ---- building ---- */

/* 0 when a frame of fixed + var bytes fits in cap and in FRAME_MAX. */
static int check_room(size_t cap, size_t fixed, size_t var)
{
	if (var > FRAME_MAX - fixed)
		return -VW_EINVAL;
	if (fixed + var > cap)
		return -VW_ENOSPC;
	return 0;
}

/* 3-address header with duration 0; a1/a2/a3 in their usual roles. */
static void put_hdr3(u8 *buf, u16 fc, const u8 *a1, const u8 *a2,
		     const u8 *a3, u16 seq)
{
	vw_put_le16(buf, fc);
	vw_put_le16(buf + OFF_DURATION, 0);
	copy_bytes(buf + OFF_ADDR1, a1, VW_ETH_ALEN);
	copy_bytes(buf + OFF_ADDR2, a2, VW_ETH_ALEN);
	copy_bytes(buf + OFF_ADDR3, a3, VW_ETH_ALEN);
	vw_put_le16(buf + OFF_SEQ_CTRL, (u16)((seq & 0x0fff) << 4));
}

int vw_build_mgmt_hdr(u8 *buf, size_t cap, u8 stype, const u8 *da,
		      const u8 *sa, const u8 *bssid, u16 seq)
{
	if (stype > 0xf)
		return -VW_EINVAL;
	if (cap < VW_HDR3_LEN)
		return -VW_ENOSPC;

	put_hdr3(buf, VW_FC(VW_FTYPE_MGMT, stype), da, sa, bssid, seq);
	return VW_HDR3_LEN;
}

int vw_build_auth(u8 *buf, size_t cap, const u8 *da, const u8 *sa,
		  const u8 *bssid, u16 seq, u16 alg, u16 transaction,
		  u16 status)
{
	u8 *body = buf + VW_HDR3_LEN;

	if (cap < VW_HDR3_LEN + VW_AUTH_FIXED)
		return -VW_ENOSPC;

	put_hdr3(buf, VW_FC(VW_FTYPE_MGMT, VW_STYPE_AUTH), da, sa, bssid, seq);
	vw_put_le16(body, alg);
	vw_put_le16(body + 2, transaction);
	vw_put_le16(body + 4, status);
	return VW_HDR3_LEN + VW_AUTH_FIXED;
}

int vw_build_deauth(u8 *buf, size_t cap, u8 stype, const u8 *da,
		    const u8 *sa, const u8 *bssid, u16 seq, u16 reason)
{
	if (stype != VW_STYPE_DEAUTH && stype != VW_STYPE_DISASSOC)
		return -VW_EINVAL;
	if (cap < VW_HDR3_LEN + VW_REASON_FIXED)
		return -VW_ENOSPC;

	put_hdr3(buf, VW_FC(VW_FTYPE_MGMT, stype), da, sa, bssid, seq);
	vw_put_le16(buf + VW_HDR3_LEN, reason);
	return VW_HDR3_LEN + VW_REASON_FIXED;
}

int vw_build_probe_req(u8 *buf, size_t cap, const u8 *sa, u16 seq,
		       const u8 *ssid, size_t ssid_len,
		       const u8 *ies, size_t ies_len)
{
	size_t fixed = VW_HDR3_LEN + 2 + ssid_len;
	int ret;

	if (ssid_len > VW_SSID_MAX || (!ssid && ssid_len) ||
	    (!ies && ies_len))
		return -VW_EINVAL;
	ret = check_room(cap, fixed, ies_len);
	if (ret)
		return ret;

	/* broadcast DA and wildcard BSSID: any AP with the SSID may answer */
	put_hdr3(buf, VW_FC(VW_FTYPE_MGMT, VW_STYPE_PROBE_REQ), bcast_addr,
		 sa, bcast_addr, seq);
	vw_ie_put(buf + VW_HDR3_LEN, cap - VW_HDR3_LEN, VW_EID_SSID, ssid,
		  ssid_len);
	copy_bytes(buf + fixed, ies, ies_len);
	return (int)(fixed + ies_len);
}

int vw_build_assoc_req(u8 *buf, size_t cap, bool reassoc, const u8 *bssid,
		       const u8 *sa, u16 seq, u16 capab, u16 listen_interval,
		       const u8 *cur_ap, const u8 *ies, size_t ies_len)
{
	size_t fixed = VW_HDR3_LEN +
		       (reassoc ? VW_REASSOC_REQ_FIXED : VW_ASSOC_REQ_FIXED);
	u8 stype = reassoc ? VW_STYPE_REASSOC_REQ : VW_STYPE_ASSOC_REQ;
	u8 *body = buf + VW_HDR3_LEN;
	int ret;

	if ((reassoc && !cur_ap) || (!ies && ies_len))
		return -VW_EINVAL;
	ret = check_room(cap, fixed, ies_len);
	if (ret)
		return ret;

	put_hdr3(buf, VW_FC(VW_FTYPE_MGMT, stype), bssid, sa, bssid, seq);
	vw_put_le16(body, capab);
	vw_put_le16(body + 2, listen_interval);
	if (reassoc)
		copy_bytes(body + 4, cur_ap, VW_ETH_ALEN);
	copy_bytes(buf + fixed, ies, ies_len);
	return (int)(fixed + ies_len);
}

int vw_build_assoc_resp(u8 *buf, size_t cap, bool reassoc, const u8 *da,
			const u8 *bssid, u16 seq, u16 capab, u16 status,
			u16 aid, const u8 *ies, size_t ies_len)
{
	size_t fixed = VW_HDR3_LEN + VW_ASSOC_RESP_FIXED;
	u8 stype = reassoc ? VW_STYPE_REASSOC_RESP : VW_STYPE_ASSOC_RESP;
	u8 *body = buf + VW_HDR3_LEN;
	int ret;

	if (!ies && ies_len)
		return -VW_EINVAL;
	ret = check_room(cap, fixed, ies_len);
	if (ret)
		return ret;

	put_hdr3(buf, VW_FC(VW_FTYPE_MGMT, stype), da, bssid, bssid, seq);
	vw_put_le16(body, capab);
	vw_put_le16(body + 2, status);
	vw_put_le16(body + 4, aid | VW_AID_FLAGS);
	copy_bytes(buf + fixed, ies, ies_len);
	return (int)(fixed + ies_len);
}

int vw_build_data_hdr(u8 *buf, size_t cap, u16 fc_flags, const u8 *a1,
		      const u8 *a2, const u8 *a3, u16 seq, int tid)
{
	u16 fc = VW_FC(VW_FTYPE_DATA, VW_STYPE_DATA);
	size_t len = VW_HDR3_LEN;

	/*
	 * Only flags belong here: a type or subtype in the low byte would
	 * promise fields that tid decides.
	 */
	if ((fc_flags & 0x00ff) && (fc_flags & 0x00ff) != fc)
		return -VW_EINVAL;
	if ((fc_flags & FC_DS_MASK) == FC_DS_MASK)
		return -VW_EINVAL;
	if (tid > 7)
		return -VW_EINVAL;
	if (tid >= 0) {
		fc = VW_FC(VW_FTYPE_DATA, VW_STYPE_QOS_DATA);
		len += VW_QOS_LEN;
	}
	if (cap < len)
		return -VW_ENOSPC;

	put_hdr3(buf, fc | (fc_flags & 0xff00), a1, a2, a3, seq);
	if (tid >= 0) {
		/* TID in bits 0-3; EOSP 0, normal ack, no A-MSDU, TXOP 0 */
		vw_put_le16(buf + VW_HDR3_LEN, (u16)tid);
	}
	return (int)len;
}

/* ---- LLC/SNAP ---- */

/* prefixed: the kernel's if_ether.h has its own ETH_P_* */
#define SNAP_ETH_P_AARP	0x80f3
#define SNAP_ETH_P_IPX	0x8137
#define SNAP_TYPE_OFF	6

static const u8 rfc1042_hdr[SNAP_TYPE_OFF] = {
	0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00
};

/* 802.1H: tells the receiver to keep the SNAP header when bridging */
static const u8 bridge_tunnel_hdr[SNAP_TYPE_OFF] = {
	0xaa, 0xaa, 0x03, 0x00, 0x00, 0xf8
};

static bool bytes_equal(const u8 *a, const u8 *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

void vw_llc_snap_put(u8 *buf, u16 ethertype)
{
	bool tunnel = ethertype == SNAP_ETH_P_IPX ||
		      ethertype == SNAP_ETH_P_AARP;

	copy_bytes(buf, tunnel ? bridge_tunnel_hdr : rfc1042_hdr,
		   SNAP_TYPE_OFF);
	vw_put_be16(buf + SNAP_TYPE_OFF, ethertype);
}

int vw_llc_snap_get(const u8 *buf, size_t len)
{
	if (len < VW_LLC_SNAP_LEN)
		return -VW_ETRUNC;
	if (!bytes_equal(buf, rfc1042_hdr, SNAP_TYPE_OFF) &&
	    !bytes_equal(buf, bridge_tunnel_hdr, SNAP_TYPE_OFF))
		return -VW_EINVAL;
	return vw_get_be16(buf + SNAP_TYPE_OFF);
}
