// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the 802.11 frame parser and what the driver does
 * next with a parsed frame: CCMP header, nonce and AAD, the nonce of every
 * cipher, BIP's AAD and MMIE, whether the frame is robust, element lookup,
 * LLC/SNAP. Beyond not crashing, every pointer the parser hands out must
 * stay inside the input.
 */
#include "vw_core.h"

static void inside(const u8 *p, size_t len, const u8 *buf, size_t size)
{
	if (p < buf || len > size || p > buf + size - len)
		__builtin_trap();
}

static void check_ies(const struct vw_frame *f, const u8 *buf, size_t size)
{
	const u8 *e;

	if (!f->ies)
		return;
	inside(f->ies, f->ies_len, f->body, f->body_len);
	if (!vw_ie_chain_valid(f->ies, f->ies_len))
		__builtin_trap();
	/* look up an element id taken from the input itself */
	e = vw_ie_find(f->ies, f->ies_len, size ? buf[size - 1] : 0);
	if (e) {
		inside(e, 2, f->ies, f->ies_len);
		inside(e, 2 + (size_t)e[1], f->ies, f->ies_len);
	}
	/* an RSN element's capabilities: read within the element or not */
	e = vw_ie_find(f->ies, f->ies_len, VW_EID_RSN);
	if (e) {
		u16 caps;
		int ret = vw_rsn_caps(e, &caps);

		if (ret != 0 && ret != -VW_ETRUNC)
			__builtin_trap();
	}
}

static void check_ccmp(const struct vw_frame *f)
{
	u8 nonce[VW_CCMP_NONCE_LEN], aad[VW_CCMP_AAD_MAX];
	int aad_len;
	u64 pn = 0x123456789abcull;
	u8 key;

	if (f->is_protected && vw_ccmp_hdr_get(f->body, f->body_len, &pn,
					       &key) == 0 &&
	    (pn > VW_PN_MAX || key > 3))
		__builtin_trap();
	vw_ccmp_nonce(f, pn, nonce);
	aad_len = vw_ccmp_aad(f, aad, sizeof(aad));
	if (aad_len < 22 || aad_len > VW_CCMP_AAD_MAX)
		__builtin_trap();
	if (!(aad[1] & (VW_FC_PROTECTED >> 8)))
		__builtin_trap();
}

/* Every suite of the table gives a nonce of its length; BIP's AAD too. */
static void check_ciphers(const struct vw_frame *f)
{
	static const u32 suites[] = {
		VW_CIPHER_SUITE_CCMP_128, VW_CIPHER_SUITE_GCMP_128,
		VW_CIPHER_SUITE_GCMP_256, VW_CIPHER_SUITE_CCMP_256,
		VW_CIPHER_SUITE_BIP_CMAC_128, VW_CIPHER_SUITE_BIP_GMAC_128,
		VW_CIPHER_SUITE_BIP_GMAC_256, VW_CIPHER_SUITE_BIP_CMAC_256,
	};
	u8 nonce[VW_CIPHER_NONCE_MAX], aad[VW_BIP_AAD_LEN];
	const struct vw_cipher *c;
	size_t i;
	int want;

	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
		c = vw_cipher_find(suites[i]);
		if (!c || vw_cipher_nonce(c, f, VW_PN_MAX, nonce,
					  sizeof(nonce)) != c->nonce_len)
			__builtin_trap();
	}
	want = f->type == VW_FTYPE_MGMT ? VW_BIP_AAD_LEN : -VW_EINVAL;
	if (vw_bip_aad(f, aad, sizeof(aad)) != want)
		__builtin_trap();
}

/*
 * An MMIE read from the end of the body, for either MIC length, lies
 * inside it, carries what the element can, and writes back the same.
 */
static void check_mmie(const struct vw_frame *f)
{
	static const u8 mic_lens[] = { 8, VW_CIPHER_MIC_MAX };
	u8 again[VW_MMIE_LEN_MAX];
	struct vw_mmie m;
	size_t i, j, len;
	int off;

	for (i = 0; i < sizeof(mic_lens); i++) {
		off = vw_mmie_get(f->body, f->body_len, mic_lens[i], &m);
		if (off == -VW_ETRUNC || off == -VW_EINVAL)
			continue;
		len = 10 + (size_t)mic_lens[i];
		if (off < 0 || (size_t)off + len != f->body_len ||
		    m.mic_len != mic_lens[i] || m.ipn > VW_PN_MAX ||
		    m.key_id < VW_MMIE_KEY_ID_MIN ||
		    m.key_id > VW_MMIE_KEY_ID_MAX)
			__builtin_trap();
		inside(m.mic, m.mic_len, f->body, f->body_len);
		/* all but the MIC, which vw_mmie_put() leaves zeroed */
		if (vw_mmie_put(again, sizeof(again), m.key_id, m.ipn,
				m.mic_len) != (int)len)
			__builtin_trap();
		for (j = 0; j < len - m.mic_len; j++) {
			if (again[j] != f->body[off + j])
				__builtin_trap();
		}
	}
}

/* Table 9-76's categories that are not robust, written out again */
static bool category_robust(u8 category)
{
	static const u8 open[] = { 4, 7, 11, 15, 20, 21, 22, 127 };
	size_t i;

	for (i = 0; i < sizeof(open); i++) {
		if (open[i] == category)
			return false;
	}
	return true;
}

/*
 * Deauthentication, disassociation and action frames of a robust
 * category (any protected one: its category is ciphertext) are robust;
 * the parser leaves an action frame at least its category.
 */
static void check_robust(const struct vw_frame *f)
{
	bool mgmt = f->type == VW_FTYPE_MGMT;
	bool action = mgmt && f->stype == VW_STYPE_ACTION;
	bool want = (mgmt && (f->stype == VW_STYPE_DEAUTH ||
			      f->stype == VW_STYPE_DISASSOC)) ||
		    (action && (f->is_protected || category_robust(f->body[0])));

	if (action && f->body_len < VW_ACTION_FIXED)
		__builtin_trap();
	if (vw_mgmt_is_robust(f) != want)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct vw_frame f;
	int ret;

	ret = vw_frame_parse(data, size, &f);
	if (ret != 0) {
		if (ret != -VW_ETRUNC && ret != -VW_EINVAL)
			__builtin_trap();
		return 0;
	}
	if (f.hdr_len + f.body_len != size || f.body != data + f.hdr_len)
		__builtin_trap();
	inside(f.addr1, VW_ETH_ALEN, data, f.hdr_len);
	inside(f.addr3, VW_ETH_ALEN, data, f.hdr_len);
	if (f.addr4)
		inside(f.addr4, VW_ETH_ALEN, data, f.hdr_len);
	check_ies(&f, data, size);
	check_ccmp(&f);
	check_ciphers(&f);
	check_mmie(&f);
	check_robust(&f);
	if (f.type == VW_FTYPE_DATA && !f.is_protected)
		vw_llc_snap_get(f.body, f.body_len);
	return 0;
}
