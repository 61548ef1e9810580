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
 * 2.4 GHz legacy rates in 500 kb/s units. The DSSS/CCK rates are basic
 * (0x80) so that 802.11b stations can join; the OFDM rates beyond the
 * eight that fit in Supported Rates go in Extended Supported Rates.
 */
static const u8 rates_supp[] = { 0x82, 0x84, 0x8b, 0x96, 12, 18, 24, 36 };
static const u8 rates_ext[] = { 48, 72, 96, 108 };

int vw_ie_put_legacy_rates(u8 *buf, size_t cap)
{
	size_t need = 2 * IE_HDR_LEN + sizeof(rates_supp) + sizeof(rates_ext);
	int n;

	if (cap < need)
		return -VW_ENOSPC;

	n = vw_ie_put(buf, cap, VW_EID_RATES, rates_supp, sizeof(rates_supp));
	n += vw_ie_put(buf + n, cap - (size_t)n, VW_EID_EXT_RATES, rates_ext,
		       sizeof(rates_ext));
	return n;
}
