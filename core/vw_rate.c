// SPDX-License-Identifier: GPL-2.0
/*
 * Rates: bitrates of legacy, HT and VHT transmissions, the signal each
 * needs, and the choice of the fastest one a link allows.
 *
 * An HT or VHT rate is data bits per OFDM symbol over the symbol time:
 *
 *	data subcarriers * bits per subcarrier * coding rate * streams
 *	--------------------------------------------------------------
 *		symbol time (4.0 us long GI, 3.6 us short GI)
 *
 * (802.11-2016 19.3.5 and 21.3.7). Bits per subcarrier times the coding
 * rate is kept in sixths so that every MCS is an integer; the division
 * happens once, at the end, by a constant, so the kernel needs no 64-bit
 * division.
 */
#include "vw_core.h"

#define HT_MCS_MAX	31
#define HT_MCS_PER_NSS	8
#define VHT_MCS_COUNT	10
#define VHT_NSS_MAX	8
#define CAPS_NSS_MAX	4
/* the kernel's ARRAY_SIZE, which user space does not have */
#define N_ELEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* data subcarriers per width: 802.11-2016 Tables 19-6 and 21-5 (N_SD) */
static const u16 data_subcarriers[] = {
	[VW_WIDTH_20] = 52,
	[VW_WIDTH_40] = 108,
	[VW_WIDTH_80] = 234,
	[VW_WIDTH_160] = 468,
};

/*
 * Bits per subcarrier times coding rate, in sixths, per MCS (mod 8 for HT):
 * BPSK 1/2, QPSK 1/2, QPSK 3/4, 16-QAM 1/2, 16-QAM 3/4, 64-QAM 2/3, 3/4,
 * 5/6, 256-QAM 3/4, 5/6 (Tables 19-27 ff and 21-30 ff).
 */
static const u8 bits_x6[VHT_MCS_COUNT] = {
	3, 6, 9, 12, 18, 24, 27, 30, 36, 40
};

/*
 * Minimum sensitivities, as dB above the most robust rate's. OFDM (Table
 * 17-18): -82, -81, -79, -77, -74, -70, -66, -65 dBm for 6 to 54 Mb/s.
 * HT and VHT at 20 MHz (Tables 19-23 and 21-25): -82, -79, -77, -74,
 * -70, -66, -65, -64, -59, -57 dBm for MCS 0 to 9, each doubling of the
 * width 3 dB more; the number of streams does not change them.
 * DSSS/CCK: the standard gives one figure per PHY (-80 dBm for DSSS, at
 * 2 Mb/s, 15.4.5.8; -76 dBm for CCK, at 11 Mb/s, 16.3.8.2); we grade
 * 1, 2, 5.5 and 11 Mb/s like the OFDM rates of about the same speed.
 */
static const u8 mcs_offset_db[VHT_MCS_COUNT] = {
	0, 3, 5, 8, 12, 16, 17, 18, 23, 25
};

#define WIDTH_STEP_DB	3

struct legacy_rate {
	u16 rate;	/* 100 kb/s */
	bool cck;
	u8 offset_db;
};

/* slowest first, so the first entry of each modulation is its most robust */
static const struct legacy_rate legacy_rates[] = {
	{ 10, true, 0 },
	{ 20, true, 3 },
	{ 55, true, 5 },
	{ 110, true, 8 },
	{ 60, false, 0 },
	{ 90, false, 1 },
	{ 120, false, 3 },
	{ 180, false, 5 },
	{ 240, false, 8 },
	{ 360, false, 12 },
	{ 480, false, 16 },
	{ 540, false, 17 },
};

#define N_LEGACY N_ELEMS(legacy_rates)

/*
 * VHT combinations whose data bits do not split evenly across the BCC
 * encoders, and so have no rate: 802.11-2016 21.5, Tables 21-30 (20 MHz),
 * 21-46 ff (80 MHz) and 21-54 ff (160 MHz).
 */
static const struct {
	u8 width;
	u8 mcs;
	u8 nss;
} vht_missing[] = {
	{ VW_WIDTH_20, 9, 1 },
	{ VW_WIDTH_20, 9, 2 },
	{ VW_WIDTH_20, 9, 4 },
	{ VW_WIDTH_20, 9, 5 },
	{ VW_WIDTH_20, 9, 7 },
	{ VW_WIDTH_20, 9, 8 },
	{ VW_WIDTH_80, 6, 3 },
	{ VW_WIDTH_80, 6, 7 },
	{ VW_WIDTH_80, 9, 6 },
	{ VW_WIDTH_160, 9, 3 },
};

static const struct legacy_rate *legacy_find(u16 rate)
{
	size_t i;

	for (i = 0; i < N_LEGACY; i++)
		if (legacy_rates[i].rate == rate)
			return &legacy_rates[i];
	return NULL;
}

static bool vht_exists(u8 width, u8 mcs, u8 nss)
{
	size_t i;

	for (i = 0; i < N_ELEMS(vht_missing); i++)
		if (vht_missing[i].width == width &&
		    vht_missing[i].mcs == mcs && vht_missing[i].nss == nss)
			return false;
	return true;
}

/*
 * Rounded to the nearest 100 kb/s, as the standard's tables round to the
 * nearest 0.1 Mb/s: VHT MCS 9, 80 MHz, short GI, 2 streams is 8667.
 */
static u32 ofdm_rate(u8 width, u8 k, u32 nss, bool sgi)
{
	u32 bits_x6_per_symbol = (u32)data_subcarriers[width] * bits_x6[k] *
				 nss;
	/* 100 kb/s = bits per us * 10; symbol 40 or 36 tenths of a us */
	u32 den = 6 * (sgi ? 36 : 40);

	return (bits_x6_per_symbol * 100 + den / 2) / den;
}

u32 vw_rate_100kbps(const struct vw_rate *r)
{
	switch (r->mode) {
	case VW_MODE_LEGACY:
		return legacy_find(r->legacy) ? r->legacy : 0;
	case VW_MODE_HT:
		if (r->mcs > HT_MCS_MAX || r->width > VW_WIDTH_40)
			return 0;
		return ofdm_rate(r->width, r->mcs % HT_MCS_PER_NSS,
				 r->mcs / HT_MCS_PER_NSS + 1, r->sgi);
	case VW_MODE_VHT:
		if (r->mcs >= VHT_MCS_COUNT || r->width > VW_WIDTH_160 ||
		    !r->nss || r->nss > VHT_NSS_MAX ||
		    !vht_exists(r->width, r->mcs, r->nss))
			return 0;
		return ofdm_rate(r->width, r->mcs, r->nss, r->sgi);
	}
	return 0;
}

bool vw_rate_is_cck(const struct vw_rate *r)
{
	const struct legacy_rate *l;

	if (r->mode != VW_MODE_LEGACY)
		return false;
	l = legacy_find(r->legacy);
	return l && l->cck;
}

/* A rate we have no figure for counts as the most robust one. */
int vw_rate_sensitivity_offset_db(const struct vw_rate *r)
{
	const struct legacy_rate *l;
	u8 k;

	switch (r->mode) {
	case VW_MODE_LEGACY:
		l = legacy_find(r->legacy);
		return l ? l->offset_db : 0;
	case VW_MODE_HT:
	case VW_MODE_VHT:
		if (!vw_rate_100kbps(r))
			return 0;
		k = r->mode == VW_MODE_HT ? r->mcs % HT_MCS_PER_NSS : r->mcs;
		return mcs_offset_db[k] + WIDTH_STEP_DB * r->width;
	}
	return 0;
}

static void pick_legacy(const struct vw_rate_caps *caps, int margin,
			struct vw_rate *out)
{
	const struct legacy_rate *best = NULL;
	size_t i;

	for (i = 0; i < N_LEGACY; i++) {
		const struct legacy_rate *l = &legacy_rates[i];

		if (l->cck && !caps->cck)
			continue;
		if (l->offset_db <= margin && (!best || l->rate > best->rate))
			best = l;
	}
	*out = (struct vw_rate){ .mode = VW_MODE_LEGACY };
	/* the most robust: 1 Mb/s DSSS where allowed, else 6 Mb/s OFDM */
	out->legacy = best ? best->rate : caps->cck ? 10 : 60;
}

/*
 * HT: MCS 0 to 8 * nss - 1 (MCS 8-15 are two streams, and so on); VHT:
 * MCS 0-9 at caps->nss streams; each at caps->width or narrower, as a
 * card's rate control falls back to a narrower part of its channel when
 * the signal is weak (a 20 MHz MCS 0 needs 6 dB less than an 80 MHz
 * one). The fastest that the margin allows wins; with none, one stream
 * at MCS 0 on 20 MHz, the most robust rate of the mode.
 */
static void pick_mcs(const struct vw_rate_caps *caps, int margin,
		     struct vw_rate *out)
{
	struct vw_rate r = { .mode = caps->mode, .sgi = caps->sgi };
	u8 nss = caps->nss < 1 ? 1 :
		 caps->nss > CAPS_NSS_MAX ? CAPS_NSS_MAX : caps->nss;
	u8 widest = caps->width, n_mcs, mcs;
	u32 best_rate = 0;
	int w;

	if (r.mode == VW_MODE_HT) {
		if (widest > VW_WIDTH_40)
			widest = VW_WIDTH_40;
		n_mcs = HT_MCS_PER_NSS * nss;
	} else {
		if (widest > VW_WIDTH_160)
			widest = VW_WIDTH_160;
		r.nss = nss;
		n_mcs = VHT_MCS_COUNT;
	}

	*out = r;
	out->mcs = 0;
	out->width = VW_WIDTH_20;
	if (r.mode == VW_MODE_VHT)
		out->nss = 1;
	for (w = widest; w >= VW_WIDTH_20; w--) {
		r.width = (u8)w;
		for (mcs = 0; mcs < n_mcs; mcs++) {
			u32 rate;

			r.mcs = mcs;
			rate = vw_rate_100kbps(&r);
			if (rate > best_rate &&
			    vw_rate_sensitivity_offset_db(&r) <= margin) {
				best_rate = rate;
				*out = r;
			}
		}
	}
}

void vw_rate_pick(const struct vw_rate_caps *caps, int signal_dbm,
		  int sensitivity_dbm, struct vw_rate *out)
{
	int margin = signal_dbm - sensitivity_dbm;

	if (caps->mode == VW_MODE_HT || caps->mode == VW_MODE_VHT)
		pick_mcs(caps, margin, out);
	else
		pick_legacy(caps, margin, out);
}
