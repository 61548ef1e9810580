// SPDX-License-Identifier: GPL-2.0
/*
 * What two radios can do together: the channel width of a BSS from its
 * HT and VHT Operation elements, a peer's HT, VHT and WMM from its
 * capability elements, our side from the band table (band.c), and the
 * rate each frame to a peer goes at, picked from the signal the peer
 * would hear it at (core/vw_rate.c).
 *
 * Elements come from the air: each is used only when long enough.
 */
#include "vwifi.h"

#define VW_HT_CAP_LEN 26
#define VW_HT_OPER_LEN 22
#define VW_VHT_CAP_LEN 12
#define VW_VHT_OPER_LEN 5
#define VW_HT_OPER_OFFSET_MASK 0x03	/* secondary channel offset */
#define VW_HT_OPER_OFFSET_ABOVE 1
#define VW_HT_OPER_OFFSET_BELOW 3
#define VW_HT_OPER_ANY_WIDTH 0x04	/* STA channel width: 40 allowed */
#define VW_VHT_OPER_80 1		/* channel width 80, 160 or 80+80 */

/* The element's body when it has at least min bytes, else NULL. */
static const u8 *vw_elem(const u8 *ies, size_t len, u8 eid, u8 min)
{
	const u8 *e = vw_ie_find(ies, len, eid);

	return e && e[1] >= min ? e + 2 : NULL;
}

/*
 * The chandef of a BSS whose primary channel is chan, from the operation
 * elements of its beacon or association response, narrowed to what we
 * can do and what is valid; NO_HT without them.
 */
void vw_chandef_from_ies(struct vw_radio *radio,
			 struct ieee80211_channel *chan, const u8 *ies,
			 size_t len, struct cfg80211_chan_def *out)
{
	const struct ieee80211_supported_band *sband =
		radio->wiphy->bands[chan->band];
	const u8 *ht = vw_elem(ies, len, VW_EID_HT_OPER, VW_HT_OPER_LEN);
	const u8 *vht = vw_elem(ies, len, VW_EID_VHT_OPER, VW_VHT_OPER_LEN);
	enum nl80211_channel_type type = NL80211_CHAN_HT20;
	struct cfg80211_chan_def c;

	cfg80211_chandef_create(out, chan, NL80211_CHAN_NO_HT);
	if (!ht || !sband->ht_cap.ht_supported)
		return;
	if (ht[1] & VW_HT_OPER_ANY_WIDTH) {
		if ((ht[1] & VW_HT_OPER_OFFSET_MASK) == VW_HT_OPER_OFFSET_ABOVE)
			type = NL80211_CHAN_HT40PLUS;
		else if ((ht[1] & VW_HT_OPER_OFFSET_MASK) ==
			 VW_HT_OPER_OFFSET_BELOW)
			type = NL80211_CHAN_HT40MINUS;
	}
	/*
	 * The offset is the remote's word: newer kernels also check a 40 MHz
	 * centre against the band's channelization, and usable() WARNs on
	 * an invalid chandef, so valid() goes first
	 */
	cfg80211_chandef_create(&c, chan, type);
	if (!cfg80211_chandef_valid(&c) ||
	    !cfg80211_chandef_usable(radio->wiphy, &c, IEEE80211_CHAN_DISABLED))
		cfg80211_chandef_create(&c, chan, NL80211_CHAN_HT20);
	*out = c;
	if (!vht || vht[0] != VW_VHT_OPER_80 || !sband->vht_cap.vht_supported ||
	    c.width != NL80211_CHAN_WIDTH_40)
		return;
	/* for 160 MHz, segment 0 is the 80 MHz half our primary is in */
	c.width = NL80211_CHAN_WIDTH_80;
	c.center_freq1 = ieee80211_channel_to_frequency(vht[1], chan->band);
	if (cfg80211_chandef_valid(&c) &&
	    cfg80211_chandef_usable(radio->wiphy, &c, IEEE80211_CHAN_DISABLED))
		*out = c;
}

static u8 vw_width_of(const struct cfg80211_chan_def *c)
{
	switch (c->width) {
	case NL80211_CHAN_WIDTH_40:
		return VW_WIDTH_40;
	case NL80211_CHAN_WIDTH_80:
		return VW_WIDTH_80;
	case NL80211_CHAN_WIDTH_160:
		return VW_WIDTH_160;
	default:
		return VW_WIDTH_20;
	}
}

/* streams of a VHT MCS map (2 bits per stream, 3: none) up to ours */
static u8 vw_vht_streams(u16 map)
{
	u8 n = 0;

	while (n < 2 && ((map >> (2 * n)) & 3) != IEEE80211_VHT_MCS_NOT_SUPPORTED)
		n++;
	return n;
}

/* A peer we know nothing of yet: legacy rates of the band. */
void vw_caps_legacy(const struct ieee80211_channel *chan,
		    struct vw_rate_caps *caps)
{
	memset(caps, 0, sizeof(*caps));
	caps->mode = VW_MODE_LEGACY;
	caps->width = VW_WIDTH_20;
	caps->nss = 1;
	caps->cck = vw_band_of(chan)->cck;
}

/* The peer's capabilities changed: its next frame's rate is picked anew. */
static void vw_peer_caps_changed(struct vw_peer *peer)
{
	WRITE_ONCE(peer->tx_rate_margin, INT_MIN);
}

/*
 * A peer's capability elements (a station's association request, an
 * AP's association response, an IBSS peer's beacon) against ours on
 * chandef: the rates both can use.
 */
static void vw_caps_from_ies(struct vw_radio *radio,
			     const struct cfg80211_chan_def *chandef,
			     const u8 *ies, size_t len,
			     struct vw_rate_caps *caps)
{
	const struct ieee80211_supported_band *sband =
		radio->wiphy->bands[chandef->chan->band];
	const u8 *ht = vw_elem(ies, len, VW_EID_HT_CAP, VW_HT_CAP_LEN);
	const u8 *vht = vw_elem(ies, len, VW_EID_VHT_CAP, VW_VHT_CAP_LEN);
	u16 ht_info = ht ? vw_get_le16(ht) & sband->ht_cap.cap : 0;
	u32 vht_info = 0;
	u8 width = vw_width_of(chandef);

	vw_caps_legacy(chandef->chan, caps);
	if (!ht || !sband->ht_cap.ht_supported ||
	    chandef->width == NL80211_CHAN_WIDTH_20_NOHT)
		return;

	caps->mode = VW_MODE_HT;
	caps->cck = false;
	/* MCS 8-15 received means a second stream */
	caps->nss = ht[3 + 1] ? 2 : 1;
	if (vht && sband->vht_cap.vht_supported) {
		vht_info = (u32)vw_get_le16(vht) | (u32)vw_get_le16(vht + 2) << 16;
		vht_info &= sband->vht_cap.cap;
		caps->mode = VW_MODE_VHT;
		caps->nss = min_t(u8, 2, vw_vht_streams(vw_get_le16(vht + 4)));
		if (!caps->nss)
			caps->nss = 1;
	} else if (width > VW_WIDTH_40) {
		width = VW_WIDTH_40;	/* HT goes no wider */
	}
	if (width >= VW_WIDTH_40 && !(ht_info & IEEE80211_HT_CAP_SUP_WIDTH_20_40))
		width = VW_WIDTH_20;
	caps->width = width;
	switch (width) {
	case VW_WIDTH_20:
		caps->sgi = ht_info & IEEE80211_HT_CAP_SGI_20;
		break;
	case VW_WIDTH_40:
		caps->sgi = ht_info & IEEE80211_HT_CAP_SGI_40;
		break;
	default:
		caps->sgi = vht_info & IEEE80211_VHT_CAP_SHORT_GI_80;
	}
}

/*
 * What a peer can do, from its capability elements, on the radio's
 * chandef: its rates and whether it does WMM (QoS data). Its next
 * frame's rate is picked anew, after the new capabilities are in place.
 * radio->lock held.
 */
void vw_peer_set_caps(struct vw_radio *radio, struct vw_peer *peer,
		      const u8 *ies, size_t len)
{
	vw_caps_from_ies(radio, &radio->chandef, ies, len, &peer->caps);
	peer->wmm = vw_ie_find_vendor(ies, len, VW_OUI_MICROSOFT, VW_WMM_TYPE);
	vw_peer_caps_changed(peer);
}

/*
 * The rate of the next frame to peer: the channel is the same both ways,
 * so the peer hears us at the signal we hear it at, corrected by the
 * difference of our tx powers. Remembered for the station info, and
 * picked anew only when that margin over the sensitivity changes (or
 * vw_peer_set_caps() says so): a stream of frames at one signal
 * costs one choice. Any context; two CPUs sending to one peer at once
 * at worst pick the same rate twice.
 */
void vw_peer_tx_rate(struct vw_radio *radio, struct vw_peer *peer,
		     struct vw_rate *rate)
{
	struct vw_rate_caps caps = peer->caps;
	int signal = READ_ONCE(peer->signal) - READ_ONCE(peer->tx_power) +
		     READ_ONCE(radio->tx_power);
	int sensitivity = READ_ONCE(vw_model.sensitivity);

	if (READ_ONCE(peer->tx_rate_margin) == signal - sensitivity) {
		*rate = peer->tx_rate;
		return;
	}
	vw_rate_pick(&caps, signal, sensitivity, rate);
	peer->tx_rate = *rate;
	WRITE_ONCE(peer->tx_rate_margin, signal - sensitivity);
}

/* A rate as nl80211 reports it (iw link, station dump). */
void vw_rate_to_info(const struct vw_rate *r, struct rate_info *ri)
{
	static const u8 bw[] = {
		[VW_WIDTH_20] = RATE_INFO_BW_20,
		[VW_WIDTH_40] = RATE_INFO_BW_40,
		[VW_WIDTH_80] = RATE_INFO_BW_80,
		[VW_WIDTH_160] = RATE_INFO_BW_160,
	};

	memset(ri, 0, sizeof(*ri));
	switch (r->mode) {
	case VW_MODE_HT:
		ri->flags = RATE_INFO_FLAGS_MCS;
		ri->mcs = r->mcs;
		break;
	case VW_MODE_VHT:
		ri->flags = RATE_INFO_FLAGS_VHT_MCS;
		ri->mcs = r->mcs;
		ri->nss = r->nss;
		break;
	default:
		ri->legacy = r->legacy;
		return;
	}
	if (r->sgi)
		ri->flags |= RATE_INFO_FLAGS_SHORT_GI;
	ri->bw = bw[r->width & 3];
}

/*
 * An HT Operation element for the chandef we beacon on (IBSS; an AP's
 * comes from hostapd): primary channel, secondary offset and width, no
 * protection, basic MCS set empty. Returns the bytes written or -ENOSPC.
 */
int vw_caps_put_ht_oper(const struct cfg80211_chan_def *c, u8 *buf,
			size_t cap)
{
	u8 op[VW_HT_OPER_LEN] = {};

	op[0] = ieee80211_frequency_to_channel(c->chan->center_freq);
	if (c->width == NL80211_CHAN_WIDTH_40) {
		op[1] = VW_HT_OPER_ANY_WIDTH |
			(c->center_freq1 > c->chan->center_freq ?
			 VW_HT_OPER_OFFSET_ABOVE : VW_HT_OPER_OFFSET_BELOW);
	}
	return vw_ie_put(buf, cap, VW_EID_HT_OPER, op, sizeof(op)) < 0 ?
	       -ENOSPC : VW_HT_OPER_LEN + 2;
}
