// SPDX-License-Identifier: GPL-2.0
/*
 * What one receiving radio hears of one frame: the denylist, the signal
 * from the positions and tx power through the core's distance and path
 * loss model (the same integer maths as the driver's local air), the
 * receiver's sensitivity, and random per-link loss.
 */
#include "medium.h"

static const s32 origin[3];

/* xorshift64*: fast, and reproducible under --seed */
u32 vw_rand(struct vw_medium *m)
{
	u64 x = m->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	m->rng = x;
	return (u32)((x * 0x2545f4914f6cdd1dull) >> 32);
}

enum vw_verdict vw_model_judge(struct vw_medium *m, const struct vw_radio *tx,
			       const struct vw_radio *rx, int tx_power,
			       int *signal)
{
	const struct vw_pair *p = rx ? vw_pair_find(m, tx->addr, rx->addr) : NULL;
	/* the driver's own distance, so both airs agree to the dB */
	u32 d = vw_model_distance_cm(tx->pos, rx ? rx->pos : origin);

	*signal = vw_model_signal_dbm(tx_power, d, m->model.exponent_x10);
	if (p && p->denied)
		return VW_DENIED;
	if (*signal < m->model.sensitivity_dbm)
		return VW_WEAK;
	if (p && p->loss && vw_rand(m) % 100 < p->loss)
		return VW_LOST;
	return VW_DELIVER;
}
