// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the 802.11 frame parser and what the driver does
 * next with a parsed frame: CCMP header, nonce and AAD, element lookup,
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
	if (f.type == VW_FTYPE_DATA && !f.is_protected)
		vw_llc_snap_get(f.body, f.body_len);
	return 0;
}
