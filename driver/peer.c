// SPDX-License-Identifier: GPL-2.0
/*
 * Peers: the stations of an AP, or the AP of a station. Looked up under
 * RCU on the data path; added and removed under radio->lock; freed after
 * a grace period in process context (their keys own crypto transforms).
 */
#include "vwifi.h"

static void vw_peer_free_work(struct work_struct *work)
{
	struct vw_peer *peer = container_of(to_rcu_work(work), struct vw_peer,
					    free_work);
	int i;

	/*
	 * Readers of the peer were the only readers of its keys, so they go
	 * now: a second deferred free here would be one that module unload
	 * does not wait for.
	 */
	vw_key_destroy(rcu_dereference_protected(peer->ptk, true));
	for (i = 0; i < VW_NUM_DATA_KEYS; i++)
		vw_key_destroy(rcu_dereference_protected(peer->gtk[i], true));
	kfree(peer->owe_req);
	pr_debug("lifetime: peer %pM destroyed\n", peer->addr);
	kfree(peer);
}

/* RCU read side or radio->lock */
struct vw_peer *vw_peer_find(struct vw_radio *radio, const u8 *addr)
{
	struct vw_peer *peer;

	list_for_each_entry_rcu(peer, &radio->peers, list,
				lockdep_is_held(&radio->lock)) {
		if (ether_addr_equal(peer->addr, addr))
			return peer;
	}
	return NULL;
}

/* radio->lock held */
struct vw_peer *vw_peer_add(struct vw_radio *radio, const u8 *addr)
{
	struct ieee80211_channel *chan;
	struct vw_peer *peer;

	lockdep_assert_held(&radio->lock);
	peer = kzalloc(sizeof(*peer), GFP_ATOMIC);
	if (!peer)
		return NULL;
	ether_addr_copy(peer->addr, addr);
	peer->assoc_jiffies = jiffies;
	peer->last_rx_jiffies = jiffies;
	/* until its capabilities are known: the band's legacy rates */
	chan = READ_ONCE(radio->channel);
	vw_caps_legacy(chan, &peer->caps);
	peer->tx_rate = vw_band_of(chan)->mgmt_rate;
	peer->rx_rate = peer->tx_rate;
	peer->tx_rate_margin = INT_MIN;
	peer->tx_power = VW_DEFAULT_TX_POWER;
	INIT_RCU_WORK(&peer->free_work, vw_peer_free_work);
	list_add_tail_rcu(&peer->list, &radio->peers);
	pr_debug("lifetime: peer %pM created\n", peer->addr);
	return peer;
}

/* radio->lock held */
void vw_peer_remove(struct vw_radio *radio, struct vw_peer *peer)
{
	lockdep_assert_held(&radio->lock);
	list_del_rcu(&peer->list);
	if (peer->aid && peer->aid <= VW_MAX_PEERS)
		clear_bit(peer->aid, radio->ap.aid_map);
	queue_rcu_work(vw_wq, &peer->free_work);
}

/* radio->lock held */
void vw_peer_remove_all_locked(struct vw_radio *radio)
{
	struct vw_peer *peer, *tmp;

	list_for_each_entry_safe(peer, tmp, &radio->peers, list)
		vw_peer_remove(radio, peer);
	radio->ap.num_peers = 0;
	radio->ap.num_pending = 0;
	radio->ibss.num_peers = 0;
}

void vw_peer_remove_all(struct vw_radio *radio)
{
	spin_lock_bh(&radio->lock);
	vw_peer_remove_all_locked(radio);
	spin_unlock_bh(&radio->lock);
}

void vw_peer_fill_sinfo(struct vw_radio *radio, struct vw_peer *peer,
			struct station_info *sinfo)
{
	sinfo->filled = BIT_ULL(NL80211_STA_INFO_INACTIVE_TIME) |
			BIT_ULL(NL80211_STA_INFO_CONNECTED_TIME) |
			BIT_ULL(NL80211_STA_INFO_RX_BYTES64) |
			BIT_ULL(NL80211_STA_INFO_TX_BYTES64) |
			BIT_ULL(NL80211_STA_INFO_RX_PACKETS) |
			BIT_ULL(NL80211_STA_INFO_TX_PACKETS) |
			BIT_ULL(NL80211_STA_INFO_TX_FAILED) |
			BIT_ULL(NL80211_STA_INFO_RX_DROP_MISC) |
			BIT_ULL(NL80211_STA_INFO_SIGNAL) |
			BIT_ULL(NL80211_STA_INFO_TX_BITRATE) |
			BIT_ULL(NL80211_STA_INFO_RX_BITRATE) |
			BIT_ULL(NL80211_STA_INFO_STA_FLAGS);
	sinfo->inactive_time =
		jiffies_to_msecs(jiffies - READ_ONCE(peer->last_rx_jiffies));
	sinfo->connected_time =
		(jiffies - peer->assoc_jiffies) / HZ;
	sinfo->rx_bytes = atomic64_read(&peer->rx_bytes);
	sinfo->tx_bytes = atomic64_read(&peer->tx_bytes);
	sinfo->rx_packets = atomic64_read(&peer->rx_packets);
	sinfo->tx_packets = atomic64_read(&peer->tx_packets);
	sinfo->tx_failed = atomic64_read(&peer->tx_failed);
	sinfo->rx_dropped_misc = atomic64_read(&peer->rx_dropped);
	sinfo->signal = READ_ONCE(peer->signal);
	/* the rates last used each way, which follow the signal */
	vw_rate_to_info(&peer->tx_rate, &sinfo->txrate);
	vw_rate_to_info(&peer->rx_rate, &sinfo->rxrate);
	sinfo->sta_flags.mask = BIT(NL80211_STA_FLAG_AUTHORIZED) |
				BIT(NL80211_STA_FLAG_AUTHENTICATED) |
				BIT(NL80211_STA_FLAG_ASSOCIATED) |
				BIT(NL80211_STA_FLAG_SHORT_PREAMBLE);
	sinfo->sta_flags.set = BIT(NL80211_STA_FLAG_AUTHENTICATED) |
			       BIT(NL80211_STA_FLAG_SHORT_PREAMBLE);
	if (peer->state == VW_PEER_ASSOC)
		sinfo->sta_flags.set |= BIT(NL80211_STA_FLAG_ASSOCIATED);
	if (READ_ONCE(peer->authorized))
		sinfo->sta_flags.set |= BIT(NL80211_STA_FLAG_AUTHORIZED);
}

/* process context, wiphy/RTNL held */
int vw_peer_get_station(struct wiphy *wiphy, struct net_device *ndev,
			const u8 *mac, struct station_info *sinfo)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct vw_peer *peer;
	int err = -ENOENT;

	rcu_read_lock();
	peer = vw_peer_find(radio, mac);
	if (peer && peer->state == VW_PEER_ASSOC) {
		vw_peer_fill_sinfo(radio, peer, sinfo);
		err = 0;
	}
	rcu_read_unlock();
	return err;
}

/* process context, wiphy/RTNL held; idx counts associated peers */
int vw_peer_dump_station(struct wiphy *wiphy, struct net_device *ndev,
			 int idx, u8 *mac, struct station_info *sinfo)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct vw_peer *peer;
	int i = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(peer, &radio->peers, list) {
		if (peer->state != VW_PEER_ASSOC)
			continue;
		if (i++ == idx) {
			ether_addr_copy(mac, peer->addr);
			vw_peer_fill_sinfo(radio, peer, sinfo);
			rcu_read_unlock();
			return 0;
		}
	}
	rcu_read_unlock();
	return -ENOENT;
}

/*
 * hostapd and wpa_supplicant open the 802.1X port here once the 4-way
 * handshake is done. Other flags are the firmware's business.
 */
int vw_peer_change_station(struct wiphy *wiphy, struct net_device *ndev,
			   const u8 *mac, struct station_parameters *params)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	u32 authorized = BIT(NL80211_STA_FLAG_AUTHORIZED);
	struct vw_peer *peer;
	int err = 0;

	spin_lock_bh(&radio->lock);
	peer = vw_peer_find(radio, mac);
	if (!peer)
		err = -ENOENT;
	else if (params->sta_flags_mask & authorized)
		WRITE_ONCE(peer->authorized,
			   !!(params->sta_flags_set & authorized));
	spin_unlock_bh(&radio->lock);
	return err;
}
