// SPDX-License-Identifier: GPL-2.0
/*
 * --pcap: every air frame the medium takes, as radiotap + 802.11
 * (DLT_IEEE802_11_RADIO), written with libpcap and flushed per frame so a
 * reader (tshark -r, tail -f | wireshark -k -i -) sees it at once.
 *
 * The radiotap header is the core's (vw_radiotap_put(), the same the
 * driver's monitor interfaces write): Flags (no FCS), Rate for a legacy
 * rate or MCS (HT) or VHT, Channel (frequency, band and CCK/OFDM),
 * Antenna, and "dBm antenna signal", which holds the transmitter's tx
 * power from the air header: the frame as it leaves the antenna, before
 * any receiver's path loss.
 */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "medium.h"

struct vw_pcap {
	pcap_t *pd;
	pcap_dumper_t *dumper;
	u8 buf[VW_RADIOTAP_MAX + VW_FRAME_MAX];
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

int vw_pcap_write(struct vw_pcap *p, const struct vw_air_info *info,
		  const u8 *mpdu, size_t len)
{
	struct pcap_pkthdr hdr;
	size_t rt;
	int n;

	if (len > VW_FRAME_MAX)
		len = VW_FRAME_MAX;
	n = vw_radiotap_put(p->buf, VW_RADIOTAP_MAX, info, info->tx_power);
	if (n < 0)
		return -EIO;	/* cannot be: the buffer holds the largest */
	rt = (size_t)n;
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
