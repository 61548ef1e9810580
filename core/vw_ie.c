// SPDX-License-Identifier: GPL-2.0
/*
 * Information elements: id (1 byte), length (1 byte), data. Chains come
 * from the air and from hostapd/wpa_supplicant, so every walk is bounded
 * by the chain length and checks an element is whole before using it.
 */
#include "vw_core.h"

#define IE_HDR_LEN 2
#define IE_DATA_MAX 255

/*
 * Length of the whole element at ies[pos], or 0 when it does not fit in
 * len (or there is no element left).
 */
static size_t ie_whole_len(const u8 *ies, size_t len, size_t pos)
{
	size_t elen;

	if (len - pos < IE_HDR_LEN)
		return 0;
	elen = IE_HDR_LEN + (size_t)ies[pos + 1];
	if (len - pos < elen)
		return 0;
	return elen;
}

bool vw_ie_chain_valid(const u8 *ies, size_t len)
{
	size_t pos = 0;
	size_t elen;

	if (!ies)
		return len == 0;

	while (pos < len) {
		elen = ie_whole_len(ies, len, pos);
		if (!elen)
			return false;
		pos += elen;
	}
	return true;
}

const u8 *vw_ie_find(const u8 *ies, size_t len, u8 eid)
{
	size_t pos = 0;
	size_t elen;

	if (!ies)
		return NULL;

	while (pos < len) {
		elen = ie_whole_len(ies, len, pos);
		if (!elen)
			return NULL;
		if (ies[pos] == eid)
			return ies + pos;
		pos += elen;
	}
	return NULL;
}

int vw_ie_put(u8 *buf, size_t cap, u8 eid, const u8 *data, size_t data_len)
{
	size_t i;

	if (data_len > IE_DATA_MAX || (!data && data_len))
		return -VW_EINVAL;
	if (cap < IE_HDR_LEN + data_len)
		return -VW_ENOSPC;

	buf[0] = eid;
	buf[1] = (u8)data_len;
	for (i = 0; i < data_len; i++)
		buf[IE_HDR_LEN + i] = data[i];
	return (int)(IE_HDR_LEN + data_len);
}

/*
 * Legacy rates in 500 kb/s units, basic ones with 0x80. At 2.4 GHz the
 * DSSS/CCK rates are basic so that 802.11b stations can join, and the
 * OFDM rates beyond the eight that fit in Supported Rates go in Extended
 * Supported Rates; at 5 GHz the mandatory 6, 12 and 24 Mb/s are basic
 * (802.11-2016 17.3.5.4) and all eight fit in Supported Rates.
 */
static const u8 rates_supp_cck[] = { 0x82, 0x84, 0x8b, 0x96, 12, 18, 24, 36 };
static const u8 rates_ext_cck[] = { 48, 72, 96, 108 };
static const u8 rates_supp_ofdm[] = { 0x8c, 18, 0x98, 36, 0xb0, 72, 96, 108 };

int vw_ie_put_legacy_rates(u8 *buf, size_t cap, bool cck)
{
	const u8 *supp = cck ? rates_supp_cck : rates_supp_ofdm;
	size_t supp_len = cck ? sizeof(rates_supp_cck) :
				sizeof(rates_supp_ofdm);
	size_t ext_len = cck ? sizeof(rates_ext_cck) : 0;
	size_t need = IE_HDR_LEN + supp_len;
	int n;

	if (ext_len)
		need += IE_HDR_LEN + ext_len;

	if (cap < need)
		return -VW_ENOSPC;

	n = vw_ie_put(buf, cap, VW_EID_RATES, supp, supp_len);
	if (ext_len)
		n += vw_ie_put(buf + n, cap - (size_t)n, VW_EID_EXT_RATES,
			       rates_ext_cck, ext_len);
	return n;
}

/* The next element eid after the one at prev (NULL: the first), whole */
static const u8 *ie_find_next(const u8 *ies, size_t len, const u8 *prev,
			      u8 eid)
{
	size_t off = prev ? (size_t)(prev - ies) + 2 + prev[1] : 0;

	return vw_ie_find(ies + off, len - off, eid);
}

#define VENDOR_HDR_LEN 4	/* OUI (3, big-endian) and type */

const u8 *vw_ie_find_vendor(const u8 *ies, size_t len, u32 oui, u8 type)
{
	const u8 *e;

	if (!ies)
		return NULL;
	/* vw_ie_find() checks each element whole before returning it */
	for (e = ie_find_next(ies, len, NULL, VW_EID_VENDOR); e;
	     e = ie_find_next(ies, len, e, VW_EID_VENDOR)) {
		if (e[1] >= VENDOR_HDR_LEN &&
		    ((u32)e[2] << 16 | (u32)e[3] << 8 | e[4]) == oui &&
		    e[5] == type)
			return e;
	}
	return NULL;
}

/*
 * RSNE (9.4.2.25): version, group cipher, pairwise count and suites, AKM
 * count and suites, then the capabilities. Everything after the version
 * is optional: -VW_ETRUNC when the element ends before what is asked.
 * Offset (within the element's data) of suite list 0 (pairwise) or 1
 * (AKM): its count, then 4 bytes a suite, all inside the element.
 */
static int rsn_list(const u8 *rsn, int which, size_t *off)
{
	size_t len, pos = 2 + 4;	/* version, group cipher */
	int list;

	if (!rsn || rsn[0] != VW_EID_RSN)
		return -VW_EINVAL;
	len = rsn[1];
	for (list = 0;; list++) {
		if (pos + 2 > len ||
		    pos + 2 + 4 * (size_t)vw_get_le16(rsn + 2 + pos) > len)
			return -VW_ETRUNC;
		if (list == which)
			break;
		pos += 2 + 4 * (size_t)vw_get_le16(rsn + 2 + pos);
	}
	*off = pos;
	return 0;
}

int vw_rsn_caps(const u8 *rsn, u16 *caps)
{
	size_t off;
	int err = rsn_list(rsn, 1, &off);

	if (err)
		return err;
	off += 2 + 4 * (size_t)vw_get_le16(rsn + 2 + off);
	if (off + 2 > rsn[1])
		return -VW_ETRUNC;
	*caps = vw_get_le16(rsn + 2 + off);
	return 0;
}

bool vw_rsn_has_akm(const u8 *rsn, u32 akm)
{
	size_t off, i, n;

	if (rsn_list(rsn, 1, &off))
		return false;
	n = vw_get_le16(rsn + 2 + off);
	for (i = 0; i < n; i++) {
		if (vw_get_be32(rsn + 2 + off + 2 + 4 * i) == akm)
			return true;
	}
	return false;
}

const u8 *vw_ie_find_ext(const u8 *ies, size_t len, u8 ext_id)
{
	const u8 *e;

	if (!ies)
		return NULL;
	for (e = ie_find_next(ies, len, NULL, VW_EID_EXTENSION); e;
	     e = ie_find_next(ies, len, e, VW_EID_EXTENSION)) {
		if (e[1] >= 1 && e[2] == ext_id)
			return e;
	}
	return NULL;
}
