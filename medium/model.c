// SPDX-License-Identifier: GPL-2.0
/*
 * What one receiving radio hears of one frame: the core's verdict
 * (core/vw_model.c, the same the driver's local air asks), fed with the
 * medium's own view: the denylist of its pair table, the signal from the
 * positions, the frame's tx power, frequency and rate, and the pair's
 * random loss drawn from the medium's generator.
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

struct judge_ctx {
	struct vw_medium *m;
	const struct vw_radio *rx;
};

/* Does rx deny addr? Asked for the transmitter and the original source. */
static bool rx_denies(const void *ctx, const u8 *addr)
{
	const struct judge_ctx *j = ctx;
	const struct vw_pair *p = vw_pair_find(j->m, addr, j->rx->addr);

	return p && p->denied;
}

enum vw_verdict vw_model_judge(struct vw_medium *m, const struct vw_radio *tx,
			       const struct vw_radio *rx,
			       const struct vw_air_info *info, int tx_power,
			       const u8 *mpdu, size_t len, int *signal)
{
	const struct vw_pair *p = rx ? vw_pair_find(m, tx->addr, rx->addr) : NULL;
	const struct vw_model_params params = {
		.exponent_x10 = m->model.exponent_x10,
		.sensitivity_dbm = m->model.sensitivity_dbm,
	};
	struct judge_ctx ctx = { .m = m, .rx = rx };
	struct vw_hearing h = {
		.frame = mpdu,
		.len = len,
		.tx_addr = tx->addr,
		/* a radio not known yet denies nobody */
		.denies = rx ? rx_denies : NULL,
		.ctx = &ctx,
		/* the driver's own distance, so both airs agree to the dB */
		.distance_cm = vw_model_distance_cm(tx->pos,
						    rx ? rx->pos : origin),
		.freq = info->freq,
		.tx_power_dbm = tx_power,
		.rate = &info->rate,
		.loss_percent = p ? p->loss : 0,
	};

	/* only a lossy link draws, so --seed replays the same losses */
	if (h.loss_percent)
		h.draw = vw_rand(m);
	return vw_model_verdict(&params, &h, signal);
}
