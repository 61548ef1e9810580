// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the air header decoder, which reads whatever
 * arrives on the Ethernet transport or from the medium server. Beyond not
 * crashing: a decoded header re-encodes to the same fields, and the MPDU
 * behind it goes through the frame parser.
 */
#include <stdlib.h>
#include <string.h>

#include "vw_core.h"

static void same_info(const struct vw_air_info *a, const struct vw_air_info *b)
{
	if (a->flags != b->flags || a->freq != b->freq || a->rate != b->rate ||
	    a->tx_power != b->tx_power || a->signal != b->signal ||
	    memcmp(a->tx_addr, b->tx_addr, VW_ETH_ALEN) || a->seq != b->seq)
		__builtin_trap();
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
	if (n < VW_AIR_HDR_LEN || (size_t)n > size)
		__builtin_trap();

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
