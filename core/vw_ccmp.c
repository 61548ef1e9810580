// SPDX-License-Identifier: GPL-2.0
/*
 * CCMP framing (IEEE 802.11-2016 12.5.3): the CCMP header, the CCM nonce
 * and the additional authenticated data built from the MAC header. The AES
 * itself is the caller's (kernel crypto API, or OpenSSL in the tests).
 */
#include "vw_core.h"

#define CCMP_EXT_IV		0x20	/* always set: CCMP has a 48-bit PN */
#define CCMP_KEYID_SHIFT	6
#define CCMP_KEYID_MASK		0x3
#define CCMP_NONCE_MGMT		0x10	/* nonce flags: management frame */
#define CCMP_AAD_BASE_LEN	22	/* FC, A1, A2, A3, SC */
#define CCMP_FC_STYPE_MASK	0x0070	/* subtype bits b4-b6; b7 is QoS */
#define CCMP_SC_FRAG_MASK	0x000f

void vw_ccmp_hdr_put(u8 *hdr, u64 pn, u8 key_idx)
{
	hdr[0] = (u8)pn;
	hdr[1] = (u8)(pn >> 8);
	hdr[2] = 0;	/* reserved */
	hdr[3] = CCMP_EXT_IV |
		 (u8)((key_idx & CCMP_KEYID_MASK) << CCMP_KEYID_SHIFT);
	hdr[4] = (u8)(pn >> 16);
	hdr[5] = (u8)(pn >> 24);
	hdr[6] = (u8)(pn >> 32);
	hdr[7] = (u8)(pn >> 40);
}

int vw_ccmp_hdr_get(const u8 *hdr, size_t len, u64 *pn, u8 *key_idx)
{
	if (len < VW_CCMP_HDR_LEN)
		return -VW_ETRUNC;
	/* without ExtIV this is a WEP IV, not a CCMP header */
	if (!(hdr[3] & CCMP_EXT_IV))
		return -VW_EINVAL;

	*pn = (u64)hdr[0] | ((u64)hdr[1] << 8) | ((u64)hdr[4] << 16) |
	      ((u64)hdr[5] << 24) | ((u64)hdr[6] << 32) | ((u64)hdr[7] << 40);
	*key_idx = (hdr[3] >> CCMP_KEYID_SHIFT) & CCMP_KEYID_MASK;
	return 0;
}

/* Nonce = flags (priority, management) || A2 || PN5..PN0. */
void vw_ccmp_nonce(const struct vw_frame *f, u64 pn, u8 *nonce)
{
	int i;

	nonce[0] = f->is_qos ? (f->tid & VW_QOS_TID_MASK) : 0;
	if (f->type == VW_FTYPE_MGMT)
		nonce[0] |= CCMP_NONCE_MGMT;
	for (i = 0; i < VW_ETH_ALEN; i++)
		nonce[1 + i] = f->addr2[i];
	for (i = 0; i < 6; i++)
		nonce[7 + i] = (u8)(pn >> (8 * (5 - i)));
}

/*
 * The frame control field as the AAD carries it: the bits a retransmission
 * or power save may flip in flight are zeroed so the MIC survives them,
 * and Protected is always set.
 */
static u16 ccmp_aad_fc(const struct vw_frame *f)
{
	u16 fc = f->fc;

	fc &= ~(VW_FC_RETRY | VW_FC_PWRMGT | VW_FC_MOREDATA);
	fc |= VW_FC_PROTECTED;
	if (f->type == VW_FTYPE_DATA)
		fc &= ~CCMP_FC_STYPE_MASK;
	/* with a QoS control field, Order means +HTC and is masked */
	if (f->is_qos)
		fc &= ~VW_FC_ORDER;
	return fc;
}

static void ccmp_put_addr(u8 *dst, const u8 *addr)
{
	int i;

	for (i = 0; i < VW_ETH_ALEN; i++)
		dst[i] = addr[i];
}

/* AAD = FC || A1 || A2 || A3 || SC || [A4] || [QC], each masked. */
int vw_ccmp_aad(const struct vw_frame *f, u8 *aad, size_t cap)
{
	size_t len = CCMP_AAD_BASE_LEN;
	size_t pos;

	if (f->addr4)
		len += VW_ETH_ALEN;
	if (f->is_qos)
		len += VW_QOS_LEN;
	if (cap < len)
		return -VW_ENOSPC;

	vw_put_le16(aad, ccmp_aad_fc(f));
	ccmp_put_addr(aad + 2, f->addr1);
	ccmp_put_addr(aad + 8, f->addr2);
	ccmp_put_addr(aad + 14, f->addr3);
	/* sequence number masked, fragment number kept */
	vw_put_le16(aad + 20, f->seq_ctrl & CCMP_SC_FRAG_MASK);
	pos = CCMP_AAD_BASE_LEN;
	if (f->addr4) {
		ccmp_put_addr(aad + pos, f->addr4);
		pos += VW_ETH_ALEN;
	}
	if (f->is_qos) {
		/* only the TID; the other QoS bits may change in flight */
		aad[pos] = f->tid & VW_QOS_TID_MASK;
		aad[pos + 1] = 0;
		pos += VW_QOS_LEN;
	}
	return (int)pos;
}
