// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the air header decoder, which reads whatever
 * arrives on the Ethernet transport or from the medium server. Beyond not
 * crashing: a decoded header re-encodes to the same fields, its rate
 * goes through the rate functions and the radiotap encoder (as a monitor
 * or a capture would write it), and the MPDU behind it through the frame
 * parser.
 */
#include <stdlib.h>
#include <string.h>

#include "vw_core.h"

/*
 * b is a re-encoded a: all the same, but a legacy rate the encoder knows
 * no bitrate for goes out (and so comes back) as 0.
 */
static void same_info(const struct vw_air_info *a, const struct vw_air_info *b)
{
	u16 legacy = vw_rate_100kbps(&a->rate) ? a->rate.legacy : 0;

	if (a->flags != b->flags || a->freq != b->freq ||
	    a->rate.mode != b->rate.mode || a->rate.mcs != b->rate.mcs ||
	    a->rate.nss != b->rate.nss || a->rate.width != b->rate.width ||
	    a->rate.sgi != b->rate.sgi ||
	    (a->rate.mode == VW_MODE_LEGACY && b->rate.legacy != legacy) ||
	    a->tx_power != b->tx_power || a->signal != b->signal ||
	    memcmp(a->tx_addr, b->tx_addr, VW_ETH_ALEN) || a->seq != b->seq)
		__builtin_trap();
}

/* Radiotap of any decoded header fits, says its own length, and is v0. */
static void radiotap_of(const struct vw_air_info *info)
{
	u8 *rt = malloc(VW_RADIOTAP_MAX);
	int n;

	if (!rt)
		return;
	n = vw_radiotap_put(rt, VW_RADIOTAP_MAX, info, info->signal);
	if (n < 8 || n > VW_RADIOTAP_MAX || rt[0] != 0 ||
	    vw_get_le16(rt + 2) != n)
		__builtin_trap();
	if (vw_radiotap_put(rt, (size_t)n - 1, info, info->signal) !=
	    -VW_ENOSPC)
		__builtin_trap();
	free(rt);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct vw_air_info info, again;
	struct vw_frame f;
	u8 hdr[VW_AIR_HDR_LEN];
	u8 *copy;
	int n;

	n = vw_air_decode(data, size, &info);
	if (n < 0)
		return 0;
	if (n < VW_AIR_HDR_V1_LEN || (size_t)n > size)
		__builtin_trap();
	/* no rate is unknown to the sensitivity table: 0 dB, or a real one */
	if (vw_rate_sensitivity_offset_db(&info.rate) < 0 ||
	    (vw_rate_is_cck(&info.rate) && !vw_rate_100kbps(&info.rate)))
		__builtin_trap();
	radiotap_of(&info);

	if (vw_air_encode(&info, hdr, sizeof(hdr)) != VW_AIR_HDR_LEN ||
	    vw_air_decode(hdr, sizeof(hdr), &again) != VW_AIR_HDR_LEN)
		__builtin_trap();
	same_info(&info, &again);

	/* exact-size heap copy: ASan sees any write past the end */
	copy = malloc(size);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (vw_air_set_signal(copy, size, -42) != 0 ||
	    vw_air_decode(copy, size, &again) != n || again.signal != -42 ||
	    !(again.flags & VW_AIR_F_SIGNAL_VALID))
		__builtin_trap();
	free(copy);

	vw_frame_parse(data + n, size - (size_t)n, &f);
	return 0;
}
