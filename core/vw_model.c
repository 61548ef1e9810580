// SPDX-License-Identifier: GPL-2.0
/*
 * Radio propagation model in integer maths (the kernel has no floating
 * point): log-distance path loss
 *
 *	PL(d) = PL(1 m) + 10 * n * log10(d / 1 m)
 *
 * with PL(1 m) the free-space loss at 1 m of the frequency, 20 log10(f /
 * MHz) - 27.55 dB (Friis: 40 dB at 2412 MHz, 47 dB at 5180 MHz). Since
 * the exponent comes in tenths, 10 * n is exponent_x10 itself.
 *
 * And the one verdict on a frame for a receiver, which the driver's local
 * air and vwifi-medium both ask.
 */
#include "vw_core.h"

#define MODEL_FRAC_BITS		16	/* Q16 fixed point for logarithms */
#define MODEL_ONE		(1u << MODEL_FRAC_BITS)
#define MODEL_REF_CM		100
#define MODEL_FREQ_DEFAULT	2412	/* MHz: a header that does not say */
/* 27.55 dB, the free-space constant for MHz and metres, in Q16 */
#define MODEL_FSPL_CONST_Q16	1805517u
#define MODEL_LOG10_2_Q32	1292913986ull	/* log10(2) * 2^32 */
#define MODEL_DBM_MIN		(-127)
#define MODEL_DBM_MAX		127
#define MODEL_LOSS_MAX_DB	1000u	/* more than any signal can lose */

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

/* Free-space loss at 1 m in Q16: 20 log10(f) - 27.55, never below 0. */
static u32 model_ref_loss_q16(u16 freq_mhz)
{
	u32 lg = 20 * model_log10_q16(freq_mhz ? freq_mhz : MODEL_FREQ_DEFAULT);

	return lg > MODEL_FSPL_CONST_Q16 ? lg - MODEL_FSPL_CONST_Q16 : 0;
}

/*
 * Path loss in dB, rounded to the nearest integer. Closer than the 1 m
 * reference the model has no meaning, so it keeps the 1 m value; a
 * negative exponent (gain with distance) counts as zero.
 */
static u32 model_path_loss_db(u32 distance_cm, int exponent_x10,
			      u16 freq_mhz)
{
	u64 loss = model_ref_loss_q16(freq_mhz);
	u32 lg;

	if (distance_cm > MODEL_REF_CM && exponent_x10 > 0) {
		/* log10(d / 1 m) = log10(d in cm) - 2 */
		lg = model_log10_q16(distance_cm);
		if (lg > 2 * MODEL_ONE)
			loss += (u64)exponent_x10 * (lg - 2 * MODEL_ONE);
	}
	/*
	 * Under 2^31 * 2^19 even for an absurd exponent, far from 2^64, but
	 * past 2^32 dB: a loss beyond any tx power is all the same.
	 */
	loss = (loss + MODEL_ONE / 2) >> MODEL_FRAC_BITS;
	return loss > MODEL_LOSS_MAX_DB ? MODEL_LOSS_MAX_DB : (u32)loss;
}

int vw_model_signal_dbm(int tx_power_dbm, u32 distance_cm, int exponent_x10,
			u16 freq_mhz)
{
	long long signal;

	signal = (long long)tx_power_dbm -
		 model_path_loss_db(distance_cm, exponent_x10, freq_mhz);
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

static bool addr_equal(const u8 *a, const u8 *b)
{
	int i;

	for (i = 0; i < VW_ETH_ALEN; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

const u8 *vw_frame_source(const u8 *frame, size_t len)
{
	u16 fc;

	if (len < VW_HDR3_LEN)
		return NULL;
	fc = vw_get_le16(frame);
	if ((fc & 0x0c) == VW_FC(VW_FTYPE_DATA, 0) && (fc & VW_FC_FROMDS) &&
	    !(fc & VW_FC_TODS))
		return frame + 16;	/* relayed by an AP: A3 */
	return frame + 10;		/* A2 */
}

enum vw_verdict vw_model_verdict(const struct vw_model_params *p,
				 const struct vw_hearing *h, int *signal)
{
	const u8 *source;
	int offset_db;
	int s;

	if (h->denies) {
		if (h->tx_addr && h->denies(h->ctx, h->tx_addr))
			return VW_DENIED;
		/* the denylist holds on every hop: also the original sender */
		source = vw_frame_source(h->frame, h->len);
		if (source &&
		    (!h->tx_addr || !addr_equal(source, h->tx_addr)) &&
		    h->denies(h->ctx, source))
			return VW_DENIED;
	}

	if (h->signal_given)
		s = h->signal_dbm;	/* a medium server knows better */
	else
		s = vw_model_signal_dbm(h->tx_power_dbm, h->distance_cm,
					p->exponent_x10, h->freq);
	*signal = s;

	offset_db = h->rate ? vw_rate_sensitivity_offset_db(h->rate) : 0;
	if (s < p->sensitivity_dbm + offset_db)
		return VW_WEAK;
	/* draw * 100 / 2^32 is uniform in 0..99 */
	if (((u64)h->draw * 100 >> 32) < h->loss_percent)
		return VW_LOST;
	return VW_HEARD;
}
