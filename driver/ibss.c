// SPDX-License-Identifier: GPL-2.0
/*
 * IBSS (ad hoc): join a cell by SSID (and BSSID when fixed), or create
 * one; beacon with the IBSS capability; answer probes; merge into an
 * older cell of the same SSID; report each peer to cfg80211 so that
 * wpa_supplicant's IBSS RSN runs its handshakes with it, and forget
 * peers that fall silent.
 */
#include <linux/etherdevice.h>
#include <linux/moduleparam.h>

#include "vwifi.h"

/*
 * Every new source address heard in the cell becomes a peer, reported to
 * cfg80211 and wpa_supplicant: a cap keeps made-up addresses from growing
 * that without bound. Silent peers are forgotten after a while anyway.
 */
unsigned int vw_max_ibss_peers = 64;
module_param_named(max_ibss_peers, vw_max_ibss_peers, uint, 0644);
MODULE_PARM_DESC(max_ibss_peers, "Peers an IBSS cell keeps (default 64)");

#define VW_IBSS_SEARCH_MS 200
#define VW_IBSS_PEER_TIMEOUT_MS 15000
/*
 * Each merge tells cfg80211, which queues an event: beacons with ever
 * newer timestamps must not make that a flood.
 */
#define VW_IBSS_MERGE_INTERVAL_MS 2000
/* header, fixed fields, SSID, band elements, IBSS parameters, HT operation */
#define VW_IBSS_MAX_FRAME (VW_HDR3_LEN + VW_BEACON_FIXED + 2 + \
			   IEEE80211_MAX_SSID_LEN + VW_BAND_IES_MAX + 4 + 24)

/* the cell's TSF in microseconds: its age, the same for every member */
static u64 vw_ibss_tsf(const struct vw_ibss *ibss)
{
	return div_u64(ktime_get_ns() - ibss->tsf_base, 1000);
}

/* A beacon or probe response of our cell. RCU or radio->lock. */
static struct sk_buff *vw_ibss_frame(struct vw_radio *radio, u8 stype,
				     const u8 *da)
{
	struct vw_ibss *ibss = &radio->ibss;
	size_t ies_len = ibss->ies_len;
	struct sk_buff *skb;
	struct ieee80211_channel *chan = READ_ONCE(radio->channel);
	bool ht = radio->chandef.width != NL80211_CHAN_WIDTH_20_NOHT;
	u8 ds = ieee80211_frequency_to_channel(chan->center_freq);
	u8 atim[2] = { 0, 0 };
	u64 tsf = vw_ibss_tsf(ibss);
	u8 *p, *end;
	int i;

	skb = vw_air_alloc(radio, VW_IBSS_MAX_FRAME + ies_len);
	if (!skb)
		return NULL;
	p = skb_tail_pointer(skb);
	end = p + VW_IBSS_MAX_FRAME + ies_len;
	p += vw_build_mgmt_hdr(p, end - p, stype, da, radio->ndev->dev_addr,
			       ibss->bssid, vw_next_seq(radio));
	for (i = 0; i < 8; i++)
		*p++ = tsf >> (8 * i);
	vw_put_le16(p, ibss->beacon_int);
	vw_put_le16(p + 2, VW_CAP_IBSS | VW_CAP_SHORT_PREAMBLE |
		    (ibss->privacy ? VW_CAP_PRIVACY : 0));
	p += 4;
	p += vw_ie_put(p, end - p, VW_EID_SSID, ibss->ssid, ibss->ssid_len);
	p += vw_ie_put_legacy_rates(p, end - p, vw_band_of(chan)->cck);
	/* the DS Parameter Set tells 2.4 GHz channels apart, which overlap */
	if (chan->band == NL80211_BAND_2GHZ)
		p += vw_ie_put(p, end - p, VW_EID_DS_PARAMS, &ds, 1);
	p += vw_ie_put(p, end - p, VW_EID_IBSS_PARAMS, atim, sizeof(atim));
	/* an HT cell (iw ... ibss join ... HT20) says so */
	if (ht) {
		p += vw_band_put_caps(radio->wiphy, chan->band, p, end - p,
				      true, false);
		p += vw_caps_put_ht_oper(&radio->chandef, p, end - p);
	}
	if (ies_len) {
		memcpy(p, ibss->ies, ies_len);
		p += ies_len;
	}
	skb_put(skb, p - skb_tail_pointer(skb));
	return skb;
}

/* radio->lock held: tell cfg80211 which cell we are in */
static void vw_ibss_joined(struct vw_radio *radio)
{
	struct ieee80211_channel *chan = READ_ONCE(radio->channel);
	struct cfg80211_bss *bss;
	struct sk_buff *skb;

	/* cfg80211 looks the cell up in its BSS table: our beacon goes first */
	skb = vw_ibss_frame(radio, VW_STYPE_BEACON, radio->ndev->broadcast);
	if (skb) {
		bss = cfg80211_inform_bss_frame(radio->wiphy, chan,
						(struct ieee80211_mgmt *)skb->data,
						skb->len, 0, GFP_ATOMIC);
		cfg80211_put_bss(radio->wiphy, bss);
		consume_skb(skb);
	}
	radio->ibss.joined = true;
	radio->ibss.searching = false;
	netif_carrier_on(radio->ndev);
	cfg80211_ibss_joined(radio->ndev, radio->ibss.bssid, chan, GFP_ATOMIC);
	netdev_dbg(radio->ndev, "in IBSS %pM\n", radio->ibss.bssid);
}

/* radio->lock held: forget peers we have not heard for a while */
static void vw_ibss_expire(struct vw_radio *radio)
{
	unsigned long timeout = msecs_to_jiffies(VW_IBSS_PEER_TIMEOUT_MS);
	struct vw_peer *peer, *tmp;

	list_for_each_entry_safe(peer, tmp, &radio->peers, list) {
		if (time_before(jiffies, READ_ONCE(peer->last_rx_jiffies) +
				timeout))
			continue;
		cfg80211_del_sta(radio->ndev, peer->addr, GFP_ATOMIC);
		radio->ibss.num_peers--;
		vw_peer_remove(radio, peer);
	}
}

/* softirq: the end of the search for a cell, then beacons */
static void vw_ibss_timer(struct timer_list *t)
{
	struct vw_radio *radio = from_timer(radio, t, ibss.timer);
	struct vw_ibss *ibss = &radio->ibss;
	struct cfg80211_bss *bss;
	struct sk_buff *skb = NULL;

	spin_lock_bh(&radio->lock);
	if (ibss->searching) {
		bss = cfg80211_get_bss(radio->wiphy, READ_ONCE(radio->channel),
				       NULL, ibss->ssid, ibss->ssid_len,
				       IEEE80211_BSS_TYPE_IBSS,
				       IEEE80211_PRIVACY_ANY);
		if (bss) {
			ether_addr_copy(ibss->bssid, bss->bssid);
			cfg80211_put_bss(radio->wiphy, bss);
		} else {
			eth_random_addr(ibss->bssid);
		}
		vw_ibss_joined(radio);
	}
	if (ibss->joined) {
		vw_ibss_expire(radio);
		skb = vw_ibss_frame(radio, VW_STYPE_BEACON,
				    radio->ndev->broadcast);
		mod_timer(&ibss->timer,
			  jiffies + usecs_to_jiffies(ibss->beacon_int * 1024));
	}
	spin_unlock_bh(&radio->lock);
	if (skb)
		vw_air_tx_mgmt(radio, skb);
}

/*
 * radio->lock held: a station of our cell was heard. NULL, with the
 * reason in why, when it is not one we can keep.
 */
struct vw_peer *vw_ibss_peer_seen(struct vw_radio *radio, const u8 *addr,
				  const struct vw_air_info *info,
				  enum vw_drop *why)
{
	struct station_info *sinfo;
	struct vw_peer *peer = vw_peer_find(radio, addr);

	if (!peer) {
		*why = VW_DROP_BAD_SOURCE;
		if (!vw_source_ok(radio, addr))
			return NULL;
		*why = VW_DROP_PEER_LIMIT;
		if (radio->ibss.num_peers >= READ_ONCE(vw_max_ibss_peers))
			return NULL;
		*why = VW_DROP_NO_MEMORY;
		peer = vw_peer_add(radio, addr);
		if (!peer)
			return NULL;
		radio->ibss.num_peers++;
		peer->state = VW_PEER_ASSOC;
		/* its beacons tell more (vw_ibss_rx_mgmt) */
		vw_caps_legacy(radio->chandef.chan, &peer->caps);
		peer->authorized = !radio->ibss.privacy;
		sinfo = kzalloc(sizeof(*sinfo), GFP_ATOMIC);
		if (sinfo) {
			cfg80211_new_sta(radio->ndev, addr, sinfo, GFP_ATOMIC);
			kfree(sinfo);
		}
		netdev_dbg(radio->ndev, "IBSS peer %pM\n", addr);
	}
	WRITE_ONCE(peer->last_rx_jiffies, jiffies);
	WRITE_ONCE(peer->signal, info->signal);
	WRITE_ONCE(peer->tx_power, info->tx_power);
	return peer;
}

/* radio->lock held: another cell with our SSID; the older one wins */
static void vw_ibss_maybe_merge(struct vw_radio *radio,
				const struct vw_frame *f)
{
	struct vw_ibss *ibss = &radio->ibss;
	u64 their_tsf = 0;
	int i;

	if (ibss->fixed_bssid || f->body_len < VW_BEACON_FIXED ||
	    !is_valid_ether_addr(f->addr3) ||
	    time_before(jiffies, ibss->last_merge +
			msecs_to_jiffies(VW_IBSS_MERGE_INTERVAL_MS)))
		return;
	for (i = 7; i >= 0; i--)
		their_tsf = (their_tsf << 8) | f->body[i];
	if (their_tsf <= vw_ibss_tsf(ibss))
		return;
	ether_addr_copy(ibss->bssid, f->addr3);
	ibss->tsf_base = ktime_get_ns() - their_tsf * 1000;
	ibss->last_merge = jiffies;
	vw_peer_remove_all_locked(radio);
	vw_ibss_joined(radio);
}

/* NAPI: a management frame on our channel */
void vw_ibss_rx_mgmt(struct vw_radio *radio, const struct vw_frame *f,
		     const struct vw_air_info *info)
{
	struct vw_ibss *ibss = &radio->ibss;
	struct vw_peer *peer;
	struct sk_buff *skb = NULL;
	enum vw_drop why;
	const u8 *ssid;
	bool same_ssid;

	if (f->is_protected)
		return;
	if (f->stype == VW_STYPE_BEACON || f->stype == VW_STYPE_PROBE_RESP)
		vw_sta_inform_bss(radio, f, info);

	ssid = vw_ie_find(f->ies, f->ies_len, VW_EID_SSID);
	spin_lock(&radio->lock);
	if (!ibss->joined || !ssid)
		goto out;
	same_ssid = ssid[1] == ibss->ssid_len &&
		    !memcmp(ssid + 2, ibss->ssid, ibss->ssid_len);
	switch (f->stype) {
	case VW_STYPE_BEACON:
	case VW_STYPE_PROBE_RESP:
		if (!same_ssid || f->body_len < VW_BEACON_FIXED ||
		    !(vw_get_le16(f->body + 10) & VW_CAP_IBSS))
			break;
		if (!ether_addr_equal(f->addr3, ibss->bssid)) {
			vw_ibss_maybe_merge(radio, f);
			break;
		}
		peer = vw_ibss_peer_seen(radio, f->addr2, info, &why);
		if (!peer) {
			vw_drop(radio, why);
			break;
		}
		/* HT with HT peers; data stays non-QoS in a cell */
		vw_peer_set_caps(radio, peer, f->ies, f->ies_len);
		peer->wmm = false;
		break;
	case VW_STYPE_PROBE_REQ:
		if ((ssid[1] && !same_ssid) || !vw_source_ok(radio, f->addr2) ||
		    !(is_broadcast_ether_addr(f->addr3) ||
		      ether_addr_equal(f->addr3, ibss->bssid)))
			break;
		skb = vw_ibss_frame(radio, VW_STYPE_PROBE_RESP, f->addr2);
		break;
	}
out:
	spin_unlock(&radio->lock);
	if (skb)
		vw_air_tx_mgmt(radio, skb);
}

/* cfg80211 op: process context */
int vw_ibss_join(struct wiphy *wiphy, struct net_device *ndev,
		 struct cfg80211_ibss_params *params)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct vw_ibss *ibss = &radio->ibss;
	u8 *ies = NULL;

	if (!params->chandef.chan || !params->ssid_len ||
	    params->ssid_len > IEEE80211_MAX_SSID_LEN)
		return -EINVAL;
	if (params->ie_len) {
		if (!vw_ie_chain_valid(params->ie, params->ie_len))
			return -EINVAL;
		ies = kmemdup(params->ie, params->ie_len, GFP_KERNEL);
		if (!ies)
			return -ENOMEM;
	}

	spin_lock_bh(&radio->lock);
	if (ibss->joined || ibss->searching) {
		spin_unlock_bh(&radio->lock);
		kfree(ies);
		return -EALREADY;
	}
	memcpy(ibss->ssid, params->ssid, params->ssid_len);
	ibss->ssid_len = params->ssid_len;
	ibss->ies = ies;
	ibss->ies_len = params->ie_len;
	ibss->privacy = params->privacy;
	ibss->beacon_int = params->beacon_interval ?: 100;
	ibss->tsf_base = ktime_get_ns();
	ibss->last_merge = jiffies - msecs_to_jiffies(VW_IBSS_MERGE_INTERVAL_MS);
	ibss->fixed_bssid = !!params->bssid;
	vw_data_control_port(radio, params->control_port_over_nl80211, true,
			     htons(ETH_P_PAE));
	radio->chandef = params->chandef;
	WRITE_ONCE(radio->channel, params->chandef.chan);
	if (params->bssid) {
		ether_addr_copy(ibss->bssid, params->bssid);
		vw_ibss_joined(radio);
		mod_timer(&ibss->timer, jiffies);
	} else {
		/* look for the cell first; the timer decides */
		ibss->searching = true;
		vw_air_send_mgmt(radio, VW_HDR3_LEN + 2 + ibss->ssid_len,
				 vw_build_probe_req, radio->ndev->dev_addr,
				 vw_next_seq(radio), ibss->ssid,
				 ibss->ssid_len, NULL, 0);
		mod_timer(&ibss->timer,
			  jiffies + msecs_to_jiffies(VW_IBSS_SEARCH_MS));
	}
	spin_unlock_bh(&radio->lock);
	return 0;
}

/* Leaves the cell: no more beacons, no peers, no keys. Process context. */
void vw_ibss_shutdown(struct vw_radio *radio)
{
	struct vw_ibss *ibss = &radio->ibss;

	spin_lock_bh(&radio->lock);
	ibss->joined = false;
	ibss->searching = false;
	vw_peer_remove_all_locked(radio);
	kfree(ibss->ies);
	ibss->ies = NULL;
	ibss->ies_len = 0;
	spin_unlock_bh(&radio->lock);
	del_timer_sync(&ibss->timer);
	netif_carrier_off(radio->ndev);
	vw_keys_clear(radio);
	vw_data_control_port(radio, false, false, 0);
}

int vw_ibss_leave(struct wiphy *wiphy, struct net_device *ndev)
{
	vw_ibss_shutdown(vw_radio_from_wiphy(wiphy));
	return 0;
}

void vw_ibss_init(struct vw_radio *radio)
{
	timer_setup(&radio->ibss.timer, vw_ibss_timer, 0);
}
