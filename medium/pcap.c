// SPDX-License-Identifier: GPL-2.0
/*
 * --pcap: every air frame the medium takes, as radiotap + 802.11
 * (DLT_IEEE802_11_RADIO), written with libpcap and flushed per frame so a
 * reader (tshark -r, tail -f | wireshark -k -i -) sees it at once.
 *
 * The radiotap header carries Flags (no FCS), Rate (when the air header
 * has one), Channel (frequency, band and CCK/OFDM) and "dBm antenna
 * signal", which holds the transmitter's tx power from the air header:
 * the frame as it leaves the antenna, before any receiver's path loss.
 */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "medium.h"

#define RT_FLAGS	(1u << 1)
#define RT_RATE		(1u << 2)
#define RT_CHANNEL	(1u << 3)
#define RT_DBM_SIGNAL	(1u << 5)
#define RT_MAX_LEN	16

#define CHAN_CCK	0x0020
#define CHAN_OFDM	0x0040
#define CHAN_2GHZ	0x0080
#define CHAN_5GHZ	0x0100

struct vw_pcap {
	pcap_t *pd;
	pcap_dumper_t *dumper;
	u8 buf[RT_MAX_LEN + VW_FRAME_MAX];
};

struct vw_pcap *vw_pcap_open(const char *path, char *err, size_t errlen)
{
	struct vw_pcap *p = calloc(1, sizeof(*p));

	if (!p) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	p->pd = pcap_open_dead(DLT_IEEE802_11_RADIO, sizeof(p->buf));
	if (!p->pd) {
		snprintf(err, errlen, "pcap_open_dead failed");
		free(p);
		return NULL;
	}
	p->dumper = pcap_dump_open(p->pd, path);
	if (!p->dumper) {
		snprintf(err, errlen, "%s", pcap_geterr(p->pd));
		pcap_close(p->pd);
		free(p);
		return NULL;
	}
	return p;
}

static bool rate_is_cck(u16 rate_100k)
{
	return rate_100k == 10 || rate_100k == 20 || rate_100k == 55 ||
	       rate_100k == 110;
}

/* Writes the radiotap header into buf; returns its length. */
static size_t radiotap_put(u8 *buf, const struct vw_air_info *info)
{
	u32 present = RT_FLAGS | RT_DBM_SIGNAL;
	size_t off = 8;
	u16 chan;

	memset(buf, 0, RT_MAX_LEN);
	buf[off++] = 0;				/* Flags: no FCS, no padding */
	if (info->rate) {
		present |= RT_RATE;
		buf[off++] = (u8)(info->rate / 5);	/* 500 kb/s units */
	}
	if (info->freq) {
		present |= RT_CHANNEL;
		off = (off + 1) & ~(size_t)1;		/* 2-byte aligned */
		chan = info->freq < 3000 ? CHAN_2GHZ : CHAN_5GHZ;
		if (info->rate)
			chan |= rate_is_cck(info->rate) ? CHAN_CCK : CHAN_OFDM;
		vw_put_le16(buf + off, info->freq);
		vw_put_le16(buf + off + 2, chan);
		off += 4;
	}
	buf[off++] = (u8)info->tx_power;

	buf[0] = 0;				/* version */
	buf[1] = 0;
	vw_put_le16(buf + 2, (u16)off);
	vw_put_le16(buf + 4, (u16)present);
	vw_put_le16(buf + 6, (u16)(present >> 16));
	return off;
}

int vw_pcap_write(struct vw_pcap *p, const struct vw_air_info *info,
		  const u8 *mpdu, size_t len)
{
	struct pcap_pkthdr hdr;
	size_t rt;

	if (len > VW_FRAME_MAX)
		len = VW_FRAME_MAX;
	rt = radiotap_put(p->buf, info);
	memcpy(p->buf + rt, mpdu, len);
	gettimeofday(&hdr.ts, NULL);
	hdr.caplen = (bpf_u_int32)(rt + len);
	hdr.len = hdr.caplen;
	pcap_dump((u_char *)p->dumper, &hdr, p->buf);
	return pcap_dump_flush(p->dumper) ? -EIO : 0;
}

void vw_pcap_close(struct vw_pcap *p)
{
	if (!p)
		return;
	pcap_dump_close(p->dumper);
	pcap_close(p->pd);
	free(p);
}
