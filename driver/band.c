// SPDX-License-Identifier: GPL-2.0
/*
 * The bands a radio offers, as data: channels, legacy rates, the rate
 * management frames go at, and the HT and VHT capabilities of a
 * two-stream 802.11ac card. Every mode asks this table instead of
 * assuming 2.4 GHz.
 *
 * Regulatory: the channels carry only what the band itself implies (DFS
 * channels need radar detection, which we do not have, so they stay
 * no-IR); the world domain and the country user space sets (hostapd's
 * country_code, iw reg set) add the rest, as for any card without a
 * regulatory hint of its own.
 */
#include "vwifi.h"

#define CHAN(_band, _ch, _freq, _flags) {				\
	.band = (_band), .center_freq = (_freq),			\
	.hw_value = (_ch), .flags = (_flags), .max_power = 20,		\
}

#define CHAN2G(_ch, _freq, _flags) CHAN(NL80211_BAND_2GHZ, _ch, _freq, _flags)
#define CHAN5G(_ch, _freq, _flags) CHAN(NL80211_BAND_5GHZ, _ch, _freq, _flags)
#define DFS (IEEE80211_CHAN_RADAR | IEEE80211_CHAN_NO_IR)

/* Channels 12-14 are passive as in the classic driver; 14 is CCK only. */
static const struct ieee80211_channel vw_channels_2ghz[] = {
	CHAN2G(1, 2412, 0), CHAN2G(2, 2417, 0), CHAN2G(3, 2422, 0),
	CHAN2G(4, 2427, 0), CHAN2G(5, 2432, 0), CHAN2G(6, 2437, 0),
	CHAN2G(7, 2442, 0), CHAN2G(8, 2447, 0), CHAN2G(9, 2452, 0),
	CHAN2G(10, 2457, 0), CHAN2G(11, 2462, 0),
	CHAN2G(12, 2467, IEEE80211_CHAN_NO_IR),
	CHAN2G(13, 2472, IEEE80211_CHAN_NO_IR),
	CHAN2G(14, 2484, IEEE80211_CHAN_NO_IR | IEEE80211_CHAN_NO_OFDM),
};

/* UNII-1, UNII-2 and -2e (DFS), UNII-3 */
static const struct ieee80211_channel vw_channels_5ghz[] = {
	CHAN5G(36, 5180, 0), CHAN5G(40, 5200, 0),
	CHAN5G(44, 5220, 0), CHAN5G(48, 5240, 0),
	CHAN5G(52, 5260, DFS), CHAN5G(56, 5280, DFS),
	CHAN5G(60, 5300, DFS), CHAN5G(64, 5320, DFS),
	CHAN5G(100, 5500, DFS), CHAN5G(104, 5520, DFS),
	CHAN5G(108, 5540, DFS), CHAN5G(112, 5560, DFS),
	CHAN5G(116, 5580, DFS), CHAN5G(120, 5600, DFS),
	CHAN5G(124, 5620, DFS), CHAN5G(128, 5640, DFS),
	CHAN5G(132, 5660, DFS), CHAN5G(136, 5680, DFS),
	CHAN5G(140, 5700, DFS), CHAN5G(144, 5720, DFS),
	CHAN5G(149, 5745, 0), CHAN5G(153, 5765, 0),
	CHAN5G(157, 5785, 0), CHAN5G(161, 5805, 0),
	CHAN5G(165, 5825, 0),
};

#define RATE(_rate, _flags) { .bitrate = (_rate), .flags = (_flags) }

/* DSSS/CCK, then OFDM: 5 GHz has the OFDM part only */
static const struct ieee80211_rate vw_rates[] = {
	RATE(10, 0),
	RATE(20, IEEE80211_RATE_SHORT_PREAMBLE),
	RATE(55, IEEE80211_RATE_SHORT_PREAMBLE),
	RATE(110, IEEE80211_RATE_SHORT_PREAMBLE),
	RATE(60, 0), RATE(90, 0), RATE(120, 0), RATE(180, 0),
	RATE(240, 0), RATE(360, 0), RATE(480, 0), RATE(540, 0),
};

#define VW_NUM_CCK 4

/*
 * HT as a two-stream card has it: 20 and 40 MHz, short GI at both, LDPC,
 * STBC, MCS 0-15 (300 Mb/s at 40 MHz with short GI); SM power save off.
 */
static const struct ieee80211_sta_ht_cap vw_ht_cap = {
	.ht_supported = true,
	.cap = IEEE80211_HT_CAP_LDPC_CODING |
	       IEEE80211_HT_CAP_SUP_WIDTH_20_40 |
	       IEEE80211_HT_CAP_SM_PS |
	       IEEE80211_HT_CAP_SGI_20 | IEEE80211_HT_CAP_SGI_40 |
	       IEEE80211_HT_CAP_TX_STBC |
	       (1 << IEEE80211_HT_CAP_RX_STBC_SHIFT) |
	       IEEE80211_HT_CAP_DSSSCCK40,
	.ampdu_factor = IEEE80211_HT_MAX_AMPDU_64K,
	.ampdu_density = IEEE80211_HT_MPDU_DENSITY_NONE,
	.mcs = {
		.rx_mask = { 0xff, 0xff },
		.rx_highest = cpu_to_le16(300),
		.tx_params = IEEE80211_HT_MCS_TX_DEFINED,
	},
};

/* VHT MCS 0-9 on streams 1 and 2, none on 3-8 */
#define VW_VHT_MCS_MAP						\
	cpu_to_le16(IEEE80211_VHT_MCS_SUPPORT_0_9 |		\
		    IEEE80211_VHT_MCS_SUPPORT_0_9 << 2 |	\
		    IEEE80211_VHT_MCS_NOT_SUPPORTED << 4 |	\
		    IEEE80211_VHT_MCS_NOT_SUPPORTED << 6 |	\
		    IEEE80211_VHT_MCS_NOT_SUPPORTED << 8 |	\
		    IEEE80211_VHT_MCS_NOT_SUPPORTED << 10 |	\
		    IEEE80211_VHT_MCS_NOT_SUPPORTED << 12 |	\
		    IEEE80211_VHT_MCS_NOT_SUPPORTED << 14)

/*
 * VHT up to 80 MHz. 160 MHz is not offered: both 160 MHz blocks
 * (channels 36-64 and 100-128) include DFS channels, and without radar
 * detection no AP could start on them.
 */
static const struct ieee80211_sta_vht_cap vw_vht_cap = {
	.vht_supported = true,
	.cap = IEEE80211_VHT_CAP_MAX_MPDU_LENGTH_3895 |
	       IEEE80211_VHT_CAP_RXLDPC |
	       IEEE80211_VHT_CAP_SHORT_GI_80 |
	       IEEE80211_VHT_CAP_TXSTBC |
	       IEEE80211_VHT_CAP_RXSTBC_1 |
	       (7 << IEEE80211_VHT_CAP_MAX_A_MPDU_LENGTH_EXPONENT_SHIFT),
	.vht_mcs = {
		.rx_mcs_map = VW_VHT_MCS_MAP,
		.tx_mcs_map = VW_VHT_MCS_MAP,
	},
};

/*
 * What each band is: its channels and rates, whether DSSS/CCK exists
 * there, whether VHT does, and the rate of management and group frames
 * (the most robust basic rate: 1 Mb/s DSSS, or 6 Mb/s OFDM where DSSS is
 * not allowed).
 */
static const struct vw_band vw_bands[] = {
	{
		.band = NL80211_BAND_2GHZ,
		.channels = vw_channels_2ghz,
		.n_channels = ARRAY_SIZE(vw_channels_2ghz),
		.rates = vw_rates,
		.n_rates = ARRAY_SIZE(vw_rates),
		.cck = true,
		.vht = false,
		.mgmt_rate = { .mode = VW_MODE_LEGACY, .legacy = 10 },
	},
	{
		.band = NL80211_BAND_5GHZ,
		.channels = vw_channels_5ghz,
		.n_channels = ARRAY_SIZE(vw_channels_5ghz),
		.rates = vw_rates + VW_NUM_CCK,
		.n_rates = ARRAY_SIZE(vw_rates) - VW_NUM_CCK,
		.cck = false,
		.vht = true,
		.mgmt_rate = { .mode = VW_MODE_LEGACY, .legacy = 60 },
	},
};

/* The band of a channel; every channel of ours is in the table. */
const struct vw_band *vw_band_of(const struct ieee80211_channel *chan)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(vw_bands) - 1; i++)
		if (vw_bands[i].band == chan->band)
			break;
	return &vw_bands[i];
}

/* process context: gives the wiphy its own copy of every band */
int vw_bands_setup(struct wiphy *wiphy)
{
	const struct vw_band *b;
	struct ieee80211_supported_band *sband;

	for (b = vw_bands; b < vw_bands + ARRAY_SIZE(vw_bands); b++) {
		/* cfg80211 writes flags into all three */
		sband = devm_kzalloc(&wiphy->dev, sizeof(*sband), GFP_KERNEL);
		if (!sband)
			return -ENOMEM;
		sband->channels = devm_kmemdup(&wiphy->dev, b->channels,
					       b->n_channels *
					       sizeof(*b->channels),
					       GFP_KERNEL);
		sband->bitrates = devm_kmemdup(&wiphy->dev, b->rates,
					       b->n_rates * sizeof(*b->rates),
					       GFP_KERNEL);
		if (!sband->channels || !sband->bitrates)
			return -ENOMEM;
		sband->band = b->band;
		sband->n_channels = b->n_channels;
		sband->n_bitrates = b->n_rates;
		sband->ht_cap = vw_ht_cap;
		if (b->vht)
			sband->vht_cap = vw_vht_cap;
		wiphy->bands[b->band] = sband;
	}
	return 0;
}

/*
 * Our capability elements for a band: HT Capabilities, and VHT
 * Capabilities where the band has VHT, each only when asked for. Returns
 * the bytes written or -ENOSPC.
 */
int vw_band_put_caps(struct wiphy *wiphy, enum nl80211_band band, u8 *buf,
		     size_t cap, bool ht, bool vht)
{
	const struct ieee80211_supported_band *sband = wiphy->bands[band];
	struct ieee80211_ht_cap hc = {};
	struct ieee80211_vht_cap vc = {};
	int n = 0, r;

	if (ht && sband->ht_cap.ht_supported) {
		hc.cap_info = cpu_to_le16(sband->ht_cap.cap);
		hc.ampdu_params_info = sband->ht_cap.ampdu_factor |
				       sband->ht_cap.ampdu_density <<
				       IEEE80211_HT_AMPDU_PARM_DENSITY_SHIFT;
		hc.mcs = sband->ht_cap.mcs;
		r = vw_ie_put(buf, cap, VW_EID_HT_CAP, (u8 *)&hc, sizeof(hc));
		if (r < 0)
			return -ENOSPC;
		n += r;
	}
	if (vht && sband->vht_cap.vht_supported) {
		vc.vht_cap_info = cpu_to_le32(sband->vht_cap.cap);
		vc.supp_mcs = sband->vht_cap.vht_mcs;
		r = vw_ie_put(buf + n, cap - n, VW_EID_VHT_CAP, (u8 *)&vc,
			      sizeof(vc));
		if (r < 0)
			return -ENOSPC;
		n += r;
	}
	return n;
}

/*
 * The elements a probe request or association request of ours starts
 * with on chan: the band's legacy rates, then our HT (and VHT)
 * capabilities. Returns the bytes written or -ENOSPC.
 */
int vw_band_put_sta_ies(struct wiphy *wiphy,
			const struct ieee80211_channel *chan, u8 *buf,
			size_t cap, bool ht, bool vht)
{
	const struct vw_band *b = vw_band_of(chan);
	int n, r;

	n = vw_ie_put_legacy_rates(buf, cap, b->cck);
	if (n < 0)
		return -ENOSPC;
	r = vw_band_put_caps(wiphy, b->band, buf + n, cap - n, ht,
			     vht && b->vht);
	return r < 0 ? r : n + r;
}

/* Channels of all bands, for a search that walks them one by one. */
unsigned int vw_num_channels(struct wiphy *wiphy)
{
	unsigned int n = 0;
	int b;

	for (b = 0; b < NUM_NL80211_BANDS; b++)
		if (wiphy->bands[b])
			n += wiphy->bands[b]->n_channels;
	return n;
}

/* The nth channel counting through the bands in order; n < the count. */
struct ieee80211_channel *vw_channel_nth(struct wiphy *wiphy, unsigned int n)
{
	struct ieee80211_supported_band *sband;
	int b;

	for (b = 0; b < NUM_NL80211_BANDS; b++) {
		sband = wiphy->bands[b];
		if (!sband)
			continue;
		if (n < sband->n_channels)
			return &sband->channels[n];
		n -= sband->n_channels;
	}
	return &wiphy->bands[NL80211_BAND_2GHZ]->channels[0];
}
