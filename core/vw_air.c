// SPDX-License-Identifier: GPL-2.0
/*
 * Air header: the small, versioned header in front of every MPDU on the
 * virtual air. Layout in vw_core.h; network byte order throughout.
 */
#include "vw_core.h"

/* Offsets of the version 1 fields. */
#define OFF_MAGIC	0
#define OFF_VERSION	4
#define OFF_HDR_LEN	5
#define OFF_FLAGS	6
#define OFF_FREQ	8
#define OFF_RATE	10
#define OFF_TX_POWER	12
#define OFF_SIGNAL	13
#define OFF_TX_ADDR	14
#define OFF_SEQ		20
/* added in 2026-12 */
#define OFF_MODE	24
#define OFF_MCS		25
#define OFF_NSS		26
#define OFF_RATE_FLAGS	27

#define RATE_F_WIDTH	0x03
#define RATE_F_SGI	0x10
#define RATE_FIELD_MAX	0xffff	/* VHT 160 MHz, 8 streams pass 6553.5 Mb/s */

int vw_air_encode(const struct vw_air_info *info, u8 *buf, size_t cap)
{
	const struct vw_rate *r = &info->rate;
	u32 rate = vw_rate_100kbps(r);
	int i;

	if (cap < VW_AIR_HDR_LEN)
		return -VW_ENOSPC;

	vw_put_be32(buf + OFF_MAGIC, VW_AIR_MAGIC);
	buf[OFF_VERSION] = VW_AIR_VERSION;
	buf[OFF_HDR_LEN] = VW_AIR_HDR_LEN;
	vw_put_be16(buf + OFF_FLAGS, info->flags);
	vw_put_be16(buf + OFF_FREQ, info->freq);
	vw_put_be16(buf + OFF_RATE,
		    (u16)(rate > RATE_FIELD_MAX ? RATE_FIELD_MAX : rate));
	buf[OFF_TX_POWER] = (u8)info->tx_power;
	buf[OFF_SIGNAL] = (u8)info->signal;
	for (i = 0; i < VW_ETH_ALEN; i++)
		buf[OFF_TX_ADDR + i] = info->tx_addr[i];
	vw_put_be32(buf + OFF_SEQ, info->seq);
	buf[OFF_MODE] = r->mode;
	buf[OFF_MCS] = r->mcs;
	buf[OFF_NSS] = r->nss;
	buf[OFF_RATE_FLAGS] = (r->width & RATE_F_WIDTH) |
			      (r->sgi ? RATE_F_SGI : 0);
	return VW_AIR_HDR_LEN;
}

/*
 * A header without the rate fields, or with a legacy mode, has its rate
 * in the rate field alone.
 */
static void rate_decode(const u8 *buf, size_t hdr_len, struct vw_rate *r)
{
	*r = (struct vw_rate){ .mode = VW_MODE_LEGACY };
	if (hdr_len >= VW_AIR_HDR_LEN) {
		r->mode = buf[OFF_MODE];
		r->mcs = buf[OFF_MCS];
		r->nss = buf[OFF_NSS];
		r->width = buf[OFF_RATE_FLAGS] & RATE_F_WIDTH;
		r->sgi = buf[OFF_RATE_FLAGS] & RATE_F_SGI;
	}
	if (r->mode == VW_MODE_LEGACY)
		r->legacy = vw_get_be16(buf + OFF_RATE);
}

int vw_air_decode(const u8 *buf, size_t len, struct vw_air_info *info)
{
	size_t hdr_len;
	int i;

	/* Every version 1 field must be there before any is trusted. */
	if (len < VW_AIR_HDR_V1_LEN)
		return -VW_ETRUNC;
	if (vw_get_be32(buf + OFF_MAGIC) != VW_AIR_MAGIC ||
	    buf[OFF_VERSION] != VW_AIR_VERSION)
		return -VW_EVERSION;

	/*
	 * A sender newer than us may append fields: hdr_len tells how much to
	 * skip. Shorter than version 1 cannot be, and longer than the buffer
	 * would put the MPDU outside it. A sender older than the rate fields
	 * stops at VW_AIR_HDR_V1_LEN.
	 */
	hdr_len = buf[OFF_HDR_LEN];
	if (hdr_len < VW_AIR_HDR_V1_LEN)
		return -VW_EINVAL;
	if (hdr_len > len)
		return -VW_ETRUNC;

	if (info) {
		info->flags = vw_get_be16(buf + OFF_FLAGS);
		info->freq = vw_get_be16(buf + OFF_FREQ);
		rate_decode(buf, hdr_len, &info->rate);
		info->tx_power = (vw_s8)buf[OFF_TX_POWER];
		info->signal = (vw_s8)buf[OFF_SIGNAL];
		for (i = 0; i < VW_ETH_ALEN; i++)
			info->tx_addr[i] = buf[OFF_TX_ADDR + i];
		info->seq = vw_get_be32(buf + OFF_SEQ);
	}
	return (int)hdr_len;
}

int vw_air_set_signal(u8 *buf, size_t len, vw_s8 signal)
{
	int ret;

	ret = vw_air_decode(buf, len, NULL);
	if (ret < 0)
		return ret;

	buf[OFF_SIGNAL] = (u8)signal;
	vw_put_be16(buf + OFF_FLAGS,
		    vw_get_be16(buf + OFF_FLAGS) | VW_AIR_F_SIGNAL_VALID);
	return 0;
}
