// SPDX-License-Identifier: GPL-2.0
/*
 * The cipher suites of RSN as one table, and the framing of the modern
 * ones around the AES the caller brings (kernel crypto API, or OpenSSL in
 * the tests): GCMP's nonce (IEEE 802.11-2016 12.5.5), BIP's AAD, nonce
 * and Management MIC element (12.5.4, 9.4.2.55), and which management
 * frames must be protected at all. CCMP's own framing is in vw_ccmp.c.
 */
#include "vw_core.h"

#define MMIE_KEY_ID_OFF		2
#define MMIE_IPN_OFF		4
#define MMIE_MIC_OFF		10
#define MMIE_IPN_LEN		6
#define BIP_CMAC_128_MIC_LEN	8

/* the kernel's ARRAY_SIZE, which user space does not have */
#define N_ELEMS(a)		(sizeof(a) / sizeof((a)[0]))

/* No MPDU is longer, and an offset into one fits the int we return. */
#define MGMT_BODY_MAX		0xffff

/* Action frame categories (Table 9-76) that are not robust. */
#define CATEGORY_PUBLIC			4
#define CATEGORY_HT			7
#define CATEGORY_UNPROTECTED_WNM	11
#define CATEGORY_SELF_PROTECTED		15
#define CATEGORY_UNPROTECTED_DMG	20
#define CATEGORY_VHT			21
#define CATEGORY_S1G			22
#define CATEGORY_VENDOR_SPECIFIC	127

/*
 * One row per suite; the BIP kinds have no header before the body, as
 * the frame they protect stays in the clear.
 */
static const struct vw_cipher ciphers[] = {
	/* suite, name, kind, key_len, hdr_len, mic_len, nonce_len */
	{ VW_CIPHER_SUITE_CCMP_128, "CCMP-128", VW_CIPHER_CCM,
	  16, VW_CIPHER_HDR_LEN, 8, VW_CCMP_NONCE_LEN },
	{ VW_CIPHER_SUITE_GCMP_128, "GCMP-128", VW_CIPHER_GCM,
	  16, VW_CIPHER_HDR_LEN, 16, VW_GCMP_NONCE_LEN },
	{ VW_CIPHER_SUITE_GCMP_256, "GCMP-256", VW_CIPHER_GCM,
	  32, VW_CIPHER_HDR_LEN, 16, VW_GCMP_NONCE_LEN },
	{ VW_CIPHER_SUITE_CCMP_256, "CCMP-256", VW_CIPHER_CCM,
	  32, VW_CIPHER_HDR_LEN, 16, VW_CCMP_NONCE_LEN },
	{ VW_CIPHER_SUITE_BIP_CMAC_128, "BIP-CMAC-128", VW_CIPHER_BIP_CMAC,
	  16, 0, BIP_CMAC_128_MIC_LEN, 0 },
	{ VW_CIPHER_SUITE_BIP_GMAC_128, "BIP-GMAC-128", VW_CIPHER_BIP_GMAC,
	  16, 0, 16, VW_GCMP_NONCE_LEN },
	{ VW_CIPHER_SUITE_BIP_GMAC_256, "BIP-GMAC-256", VW_CIPHER_BIP_GMAC,
	  32, 0, 16, VW_GCMP_NONCE_LEN },
	{ VW_CIPHER_SUITE_BIP_CMAC_256, "BIP-CMAC-256", VW_CIPHER_BIP_CMAC,
	  32, 0, 16, 0 },
};

const struct vw_cipher *vw_cipher_find(u32 suite)
{
	size_t i;

	for (i = 0; i < N_ELEMS(ciphers); i++) {
		if (ciphers[i].suite == suite)
			return &ciphers[i];
	}
	return NULL;
}

const struct vw_cipher *vw_cipher_nth(size_t n)
{
	return n < N_ELEMS(ciphers) ? &ciphers[n] : NULL;
}

/* NULL-safe, so that vw_cipher_find()'s answer can be asked directly */
bool vw_cipher_is_group_mgmt(const struct vw_cipher *c)
{
	return c && (c->kind == VW_CIPHER_BIP_CMAC ||
		     c->kind == VW_CIPHER_BIP_GMAC);
}

/*
 * The lengths written are the kind's, not c->nonce_len, so that a
 * caller's own struct vw_cipher cannot make us write past cap.
 */
int vw_cipher_nonce(const struct vw_cipher *c, const struct vw_frame *f,
		    u64 pn, u8 *nonce, size_t cap)
{
	int i;

	if (pn > VW_PN_MAX)
		return -VW_EINVAL;
	switch (c->kind) {
	case VW_CIPHER_CCM:
		if (cap < VW_CCMP_NONCE_LEN)
			return -VW_ENOSPC;
		vw_ccmp_nonce(f, pn, nonce);
		return VW_CCMP_NONCE_LEN;
	case VW_CIPHER_GCM:
	case VW_CIPHER_BIP_GMAC:
		/* no flags octet: GCM's 96-bit IV is A2 and the PN alone */
		if (cap < VW_GCMP_NONCE_LEN)
			return -VW_ENOSPC;
		for (i = 0; i < VW_ETH_ALEN; i++)
			nonce[i] = f->addr2[i];
		for (i = 0; i < 6; i++)
			nonce[VW_ETH_ALEN + i] = (u8)(pn >> (8 * (5 - i)));
		return VW_GCMP_NONCE_LEN;
	case VW_CIPHER_BIP_CMAC:
		return 0;
	}
	return -VW_EINVAL;
}

int vw_bip_aad(const struct vw_frame *f, u8 *aad, size_t cap)
{
	int i;

	if (f->type != VW_FTYPE_MGMT)
		return -VW_EINVAL;
	if (cap < VW_BIP_AAD_LEN)
		return -VW_ENOSPC;
	/* the bits a retransmission or power save may flip in flight */
	vw_put_le16(aad, f->fc & ~(VW_FC_RETRY | VW_FC_PWRMGT |
				   VW_FC_MOREDATA));
	for (i = 0; i < VW_ETH_ALEN; i++) {
		aad[2 + i] = f->addr1[i];
		aad[8 + i] = f->addr2[i];
		aad[14 + i] = f->addr3[i];
	}
	return VW_BIP_AAD_LEN;
}

static bool mmie_mic_len_valid(u8 mic_len)
{
	return mic_len == BIP_CMAC_128_MIC_LEN || mic_len == VW_CIPHER_MIC_MAX;
}

static bool mmie_key_id_valid(u16 key_id)
{
	return key_id >= VW_MMIE_KEY_ID_MIN && key_id <= VW_MMIE_KEY_ID_MAX;
}

int vw_mmie_put(u8 *buf, size_t cap, u16 key_id, u64 ipn, u8 mic_len)
{
	size_t len = MMIE_MIC_OFF + (size_t)mic_len;
	size_t i;

	if (!mmie_key_id_valid(key_id) || ipn > VW_PN_MAX ||
	    !mmie_mic_len_valid(mic_len))
		return -VW_EINVAL;
	if (cap < len)
		return -VW_ENOSPC;

	buf[0] = VW_EID_MMIE;
	buf[1] = (u8)(len - 2);
	vw_put_le16(buf + MMIE_KEY_ID_OFF, key_id);
	for (i = 0; i < MMIE_IPN_LEN; i++)
		buf[MMIE_IPN_OFF + i] = (u8)(ipn >> (8 * i));
	for (i = MMIE_MIC_OFF; i < len; i++)
		buf[i] = 0;
	return (int)len;
}

/*
 * The MMIE is found from the end, not by walking elements: the body may
 * start with fixed fields (a reason code, an action's fields) that are
 * not elements, and BIP requires the MMIE to be last anyway.
 */
int vw_mmie_get(const u8 *body, size_t len, u8 mic_len, struct vw_mmie *m)
{
	size_t elen = MMIE_MIC_OFF + (size_t)mic_len;
	const u8 *e;
	u16 key_id;
	u64 ipn = 0;
	size_t i;

	if (!mmie_mic_len_valid(mic_len) || len > MGMT_BODY_MAX)
		return -VW_EINVAL;
	if (len < elen)
		return -VW_ETRUNC;
	e = body + len - elen;
	if (e[0] != VW_EID_MMIE || e[1] != elen - 2)
		return -VW_EINVAL;
	key_id = vw_get_le16(e + MMIE_KEY_ID_OFF);
	if (!mmie_key_id_valid(key_id))
		return -VW_EINVAL;

	for (i = 0; i < MMIE_IPN_LEN; i++)
		ipn |= (u64)e[MMIE_IPN_OFF + i] << (8 * i);
	if (m) {
		m->key_id = key_id;
		m->ipn = ipn;
		m->mic = e + MMIE_MIC_OFF;
		m->mic_len = mic_len;
	}
	return (int)(len - elen);
}

static bool category_is_robust(u8 category)
{
	switch (category) {
	case CATEGORY_PUBLIC:
	case CATEGORY_HT:
	case CATEGORY_UNPROTECTED_WNM:
	case CATEGORY_SELF_PROTECTED:
	case CATEGORY_UNPROTECTED_DMG:
	case CATEGORY_VHT:
	case CATEGORY_S1G:
	case CATEGORY_VENDOR_SPECIFIC:
		return false;
	default:
		return true;
	}
}

bool vw_mgmt_is_robust(const struct vw_frame *f)
{
	if (f->type != VW_FTYPE_MGMT)
		return false;
	switch (f->stype) {
	case VW_STYPE_DEAUTH:
	case VW_STYPE_DISASSOC:
		return true;
	case VW_STYPE_ACTION:
		/* only a robust action frame can have been protected */
		if (f->is_protected)
			return true;
		return f->body_len >= 1 && category_is_robust(f->body[0]);
	default:
		return false;
	}
}
