// SPDX-License-Identifier: GPL-2.0
/*
 * Radiotap (https://www.radiotap.org): the header monitor interfaces and
 * captures put before an 802.11 frame to say how it was sent. Fields
 * follow in the order of their present bits, each at its natural
 * alignment from the start of the header; all little-endian.
 */
#include "vw_core.h"

#define RT_HDR_LEN	8

/* present bits */
#define RT_FLAGS	1
#define RT_RATE		2
#define RT_CHANNEL	3
#define RT_DBM_SIGNAL	5
#define RT_ANTENNA	11
#define RT_MCS		19
#define RT_VHT		21

/* Channel flags */
#define CHAN_CCK	0x0020
#define CHAN_OFDM	0x0040
#define CHAN_2GHZ	0x0080
#define CHAN_5GHZ	0x0100
#define FREQ_5GHZ_MIN	4900	/* MHz: below, a 2.4 GHz channel */

/* MCS field: known, flags, index */
#define MCS_KNOWN_BW	0x01
#define MCS_KNOWN_MCS	0x02
#define MCS_KNOWN_GI	0x04
#define MCS_FLAGS_BW40	0x01
#define MCS_FLAGS_SGI	0x04
#define RT_MCS_LEN	3

/* VHT field: known u16, flags, bandwidth, mcs_nss[4], coding, group, aid */
#define VHT_KNOWN_GI	0x0004
#define VHT_KNOWN_BW	0x0040
#define VHT_FLAGS_SGI	0x04
#define RT_VHT_LEN	12

/* VHT bandwidth field: 20, 40, 80, 160 MHz */
static const u8 vht_bw[] = {
	[VW_WIDTH_20] = 0,
	[VW_WIDTH_40] = 1,
	[VW_WIDTH_80] = 4,
	[VW_WIDTH_160] = 11,
};

static size_t align2(size_t off)
{
	return (off + 1) & ~(size_t)1;
}

/* Bytes the header takes, with its alignment padding. */
static size_t rt_len(const struct vw_rate *r)
{
	size_t off = RT_HDR_LEN + 1;		/* Flags */

	if (r->mode == VW_MODE_LEGACY && r->legacy)
		off++;				/* Rate */
	off = align2(off) + 4;			/* Channel */
	off += 2;				/* dBm signal, Antenna */
	if (r->mode == VW_MODE_HT)
		off += RT_MCS_LEN;
	else if (r->mode == VW_MODE_VHT)
		off = align2(off) + RT_VHT_LEN;
	return off;
}

static u16 chan_flags(const struct vw_air_info *info)
{
	u16 flags = 0;

	if (info->freq >= FREQ_5GHZ_MIN)
		flags |= CHAN_5GHZ;
	else if (info->freq)
		flags |= CHAN_2GHZ;
	if (vw_rate_is_cck(&info->rate))
		flags |= CHAN_CCK;
	else if (vw_rate_100kbps(&info->rate))
		flags |= CHAN_OFDM;
	return flags;
}

int vw_radiotap_put(u8 *buf, size_t cap, const struct vw_air_info *info,
		    int signal_dbm)
{
	const struct vw_rate *r = &info->rate;
	size_t len = rt_len(r);
	u32 present = 1u << RT_FLAGS | 1u << RT_CHANNEL |
		      1u << RT_DBM_SIGNAL | 1u << RT_ANTENNA;
	size_t off = RT_HDR_LEN;
	size_t i;

	if (cap < len || len > VW_RADIOTAP_MAX)
		return -VW_ENOSPC;
	for (i = 0; i < len; i++)
		buf[i] = 0;

	buf[off++] = 0;			/* Flags: no FCS, no padding */
	if (r->mode == VW_MODE_LEGACY && r->legacy) {
		present |= 1u << RT_RATE;
		buf[off++] = (u8)(r->legacy / 5);	/* 500 kb/s units */
	}
	off = align2(off);
	vw_put_le16(buf + off, info->freq);
	vw_put_le16(buf + off + 2, chan_flags(info));
	off += 4;
	if (signal_dbm < -128)
		signal_dbm = -128;
	if (signal_dbm > 127)
		signal_dbm = 127;
	buf[off++] = (u8)(vw_s8)signal_dbm;
	buf[off++] = 0;			/* Antenna 0 */

	if (r->mode == VW_MODE_HT) {
		present |= 1u << RT_MCS;
		buf[off] = MCS_KNOWN_BW | MCS_KNOWN_MCS | MCS_KNOWN_GI;
		buf[off + 1] = (r->width == VW_WIDTH_40 ? MCS_FLAGS_BW40 : 0) |
			       (r->sgi ? MCS_FLAGS_SGI : 0);
		buf[off + 2] = r->mcs;
		off += RT_MCS_LEN;
	} else if (r->mode == VW_MODE_VHT) {
		present |= 1u << RT_VHT;
		off = align2(off);
		vw_put_le16(buf + off, VHT_KNOWN_GI | VHT_KNOWN_BW);
		buf[off + 2] = r->sgi ? VHT_FLAGS_SGI : 0;
		buf[off + 3] = r->width <= VW_WIDTH_160 ? vht_bw[r->width] : 0;
		/* user 0 only; the other users, coding, group and AID 0 */
		buf[off + 4] = (u8)((r->mcs & 0x0f) << 4 | (r->nss & 0x0f));
		off += RT_VHT_LEN;
	}

	buf[0] = 0;			/* version */
	buf[1] = 0;
	vw_put_le16(buf + 2, (u16)off);
	vw_put_le16(buf + 4, (u16)present);
	vw_put_le16(buf + 6, (u16)(present >> 16));
	return (int)off;
}
