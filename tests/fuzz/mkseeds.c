// SPDX-License-Identifier: GPL-2.0
/*
 * Writes a seed corpus for the fuzzers from the core's own builders, so
 * that fuzzing starts from well-formed frames of every kind we send:
 * frame seeds into argv[1], the same frames behind an air header into
 * argv[2].
 */
#include <stdio.h>
#include <string.h>

#include "vw_core.h"

static const u8 ap[VW_ETH_ALEN] = { 0x02, 0, 0, 0, 1, 0 };
static const u8 sta[VW_ETH_ALEN] = { 0x02, 0, 0, 0, 2, 0 };
static const u8 peer[VW_ETH_ALEN] = { 0x02, 0, 0, 0, 3, 0 };
static const u8 bcast[VW_ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static int write_file(const char *dir, const char *name, const u8 *buf,
		      size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		perror(path);
		return -1;
	}
	return 0;
}

/* Writes the frame as a frame seed and, behind an air header, an air seed. */
static int seed(const char *frame_dir, const char *air_dir, const char *name,
		const u8 *frame, int len)
{
	struct vw_air_info info = {
		.freq = 2437, .tx_power = 20, .seq = 1,
		.rate = { .mode = VW_MODE_LEGACY, .legacy = 10 },
	};
	u8 air[VW_AIR_HDR_LEN + 512];

	if (len < 0 || (size_t)len > sizeof(air) - VW_AIR_HDR_LEN) {
		fprintf(stderr, "%s: builder failed (%d)\n", name, len);
		return -1;
	}
	memcpy(info.tx_addr, frame + 10, VW_ETH_ALEN);
	vw_air_encode(&info, air, sizeof(air));
	memcpy(air + VW_AIR_HDR_LEN, frame, (size_t)len);
	if (write_file(frame_dir, name, frame, (size_t)len) ||
	    write_file(air_dir, name, air, VW_AIR_HDR_LEN + (size_t)len))
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	u8 ies[64], buf[256];
	int nies, n, err = 0;
	const char *fd, *ad;

	if (argc != 3) {
		fprintf(stderr, "usage: %s FRAME_DIR AIR_DIR\n", argv[0]);
		return 2;
	}
	fd = argv[1];
	ad = argv[2];
	nies = vw_ie_put(ies, sizeof(ies), VW_EID_SSID, (const u8 *)"vw", 2);
	nies += vw_ie_put_legacy_rates(ies + nies, sizeof(ies) - (size_t)nies,
				       true);

	n = vw_build_probe_req(buf, sizeof(buf), sta, 1, (const u8 *)"vw", 2,
			       ies + 4, (size_t)nies - 4);
	err |= seed(fd, ad, "probe_req", buf, n);
	n = vw_build_auth(buf, sizeof(buf), ap, sta, ap, 2, 0, 1, 0);
	err |= seed(fd, ad, "auth", buf, n);
	n = vw_build_assoc_req(buf, sizeof(buf), true, ap, sta, 3, 1, 10, peer,
			       ies, (size_t)nies);
	err |= seed(fd, ad, "reassoc_req", buf, n);
	n = vw_build_assoc_resp(buf, sizeof(buf), false, sta, ap, 4, 1, 0, 1,
				ies + 4, (size_t)nies - 4);
	err |= seed(fd, ad, "assoc_resp", buf, n);
	n = vw_build_deauth(buf, sizeof(buf), VW_STYPE_DEAUTH, sta, ap, ap, 5, 3);
	err |= seed(fd, ad, "deauth", buf, n);

	/* broadcast deauthentication and disassociation under BIP: MMIE */
	n = vw_build_deauth(buf, sizeof(buf), VW_STYPE_DEAUTH, bcast, ap, ap,
			    10, 3);
	n += vw_mmie_put(buf + n, sizeof(buf) - (size_t)n, 4, 1, 8);
	err |= seed(fd, ad, "deauth_bip_cmac", buf, n);
	n = vw_build_deauth(buf, sizeof(buf), VW_STYPE_DISASSOC, bcast, ap, ap,
			    11, 8);
	n += vw_mmie_put(buf + n, sizeof(buf) - (size_t)n, 5, 2,
			 VW_CIPHER_MIC_MAX);
	err |= seed(fd, ad, "disassoc_bip_gmac", buf, n);

	/* an SA Query request: category 8, action 0, transaction id */
	n = vw_build_mgmt_hdr(buf, sizeof(buf), VW_STYPE_ACTION, sta, ap, ap,
			      12);
	memcpy(buf + n, "\x08\x00\x12\x34", 4);
	err |= seed(fd, ad, "action_sa_query", buf, n + 4);

	/* a beacon: header, fixed fields, elements */
	n = vw_build_mgmt_hdr(buf, sizeof(buf), VW_STYPE_BEACON, peer, ap, ap, 6);
	memset(buf + n, 0, VW_BEACON_FIXED);
	memcpy(buf + n + VW_BEACON_FIXED, ies, (size_t)nies);
	err |= seed(fd, ad, "beacon", buf, n + VW_BEACON_FIXED + nies);

	/* protected data: header, CCMP header, SNAP, payload, MIC */
	n = vw_build_data_hdr(buf, sizeof(buf), VW_FC_TODS | VW_FC_PROTECTED,
			      ap, sta, peer, 7, -1);
	vw_ccmp_hdr_put(buf + n, 1, 0);
	vw_llc_snap_put(buf + n + VW_CCMP_HDR_LEN, 0x0800);
	memset(buf + n + VW_CCMP_HDR_LEN + VW_LLC_SNAP_LEN, 0x45,
	       20 + VW_CCMP_MIC_LEN);
	err |= seed(fd, ad, "data_ccmp", buf,
		    n + VW_CCMP_HDR_LEN + VW_LLC_SNAP_LEN + 20 + VW_CCMP_MIC_LEN);

	/* QoS data, four addresses, EAPOL in the clear */
	n = vw_build_data_hdr(buf, sizeof(buf), VW_FC_TODS, ap, sta, peer, 8,
			      -1);
	buf[0] |= VW_STYPE_QOS_DATA << 4;
	buf[1] |= VW_FC_FROMDS >> 8;
	memcpy(buf + n, sta, VW_ETH_ALEN);
	vw_put_le16(buf + n + VW_ETH_ALEN, 6);
	n += VW_ETH_ALEN + VW_QOS_LEN;
	vw_llc_snap_put(buf + n, 0x888e);
	err |= seed(fd, ad, "qos_4addr", buf, n + VW_LLC_SNAP_LEN + 4);

	/* QoS data from an AP, as the builder writes it, TID 5 */
	n = vw_build_data_hdr(buf, sizeof(buf), VW_FC_FROMDS, sta, ap, peer, 9,
			      5);
	if (n > 0) {
		vw_llc_snap_put(buf + n, 0x0800);
		memset(buf + n + VW_LLC_SNAP_LEN, 0x45, 20);
		n += VW_LLC_SNAP_LEN + 20;
	}
	err |= seed(fd, ad, "qos_data", buf, n);
	return err ? 1 : 0;
}
