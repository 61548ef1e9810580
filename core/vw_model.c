// SPDX-License-Identifier: GPL-2.0
/*
 * Radio propagation model in integer maths (the kernel has no floating
 * point): log-distance path loss
 *
 *	PL(d) = PL(1 m) + 10 * n * log10(d / 1 m)
 *
 * with PL(1 m) = 40 dB, the free-space loss at 2.4 GHz. Since the exponent
 * comes in tenths, 10 * n is exponent_x10 itself.
 */
#include "vw_core.h"

#define MODEL_FRAC_BITS		16	/* Q16 fixed point for logarithms */
#define MODEL_ONE		(1u << MODEL_FRAC_BITS)
#define MODEL_REF_LOSS_DB	40
#define MODEL_REF_CM		100
#define MODEL_LOG10_2_Q32	1292913986ull	/* log10(2) * 2^32 */
#define MODEL_DBM_MIN		(-127)
#define MODEL_DBM_MAX		127

/*
 * log2(x) in Q16 for x >= 1: the integer part is the top bit's position,
 * each fractional bit comes from squaring the mantissa (in [1, 2), Q31)
 * and seeing whether it reached 2. Error below 2^-15, far under 0.5 dB.
 */
static u32 model_log2_q16(u32 x)
{
	u32 ipart = 0;
	u32 frac = 0;
	u64 m;
	int i;

	while (ipart < 31 && (x >> (ipart + 1)))
		ipart++;
	m = (u64)x << (31 - ipart);
	for (i = MODEL_FRAC_BITS - 1; i >= 0; i--) {
		m = (m * m) >> 31;
		if (m >= (1ull << 32)) {
			m >>= 1;
			frac |= 1u << i;
		}
	}
	return (ipart << MODEL_FRAC_BITS) | frac;
}

static u32 model_log10_q16(u32 x)
{
	return (u32)(((u64)model_log2_q16(x) * MODEL_LOG10_2_Q32) >> 32);
}

/*
 * Path loss in dB, rounded to the nearest integer. Closer than the 1 m
 * reference the model has no meaning, so it keeps the 1 m value; a
 * negative exponent (gain with distance) counts as zero.
 */
static u32 model_path_loss_db(u32 distance_cm, int exponent_x10)
{
	u64 loss = (u64)MODEL_REF_LOSS_DB << MODEL_FRAC_BITS;
	u32 lg;

	if (distance_cm > MODEL_REF_CM && exponent_x10 > 0) {
		/* log10(d / 1 m) = log10(d in cm) - 2 */
		lg = model_log10_q16(distance_cm);
		if (lg > 2 * MODEL_ONE)
			loss += (u64)exponent_x10 * (lg - 2 * MODEL_ONE);
	}
	return (u32)((loss + MODEL_ONE / 2) >> MODEL_FRAC_BITS);
}

int vw_model_signal_dbm(int tx_power_dbm, u32 distance_cm, int exponent_x10)
{
	long long signal;

	signal = (long long)tx_power_dbm -
		 model_path_loss_db(distance_cm, exponent_x10);
	if (signal < MODEL_DBM_MIN)
		return MODEL_DBM_MIN;
	if (signal > MODEL_DBM_MAX)
		return MODEL_DBM_MAX;
	return (int)signal;
}

/* Integer square root, bit by bit: floor(sqrt(v)). */
static u32 vw_isqrt64(u64 v)
{
	u64 res = 0, bit = 1ull << 62;

	while (bit > v)
		bit >>= 2;
	while (bit) {
		if (v >= res + bit) {
			v -= res + bit;
			res = (res >> 1) + bit;
		} else {
			res >>= 1;
		}
		bit >>= 2;
	}
	return (u32)res;
}

u32 vw_model_distance_cm(const int32_t *a, const int32_t *b)
{
	u64 sum = 0;
	int i;

	for (i = 0; i < 3; i++) {
		/* in cm, |d| < 2^29: three squares fit in 64 bits */
		int64_t d = ((int64_t)a[i] - b[i]) / 10;

		sum += (u64)(d * d);
	}
	return vw_isqrt64(sum);
}
