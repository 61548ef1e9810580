// SPDX-License-Identifier: GPL-2.0
/*
 * Where keys live and the cfg80211 key operations. A peer holds its
 * pairwise key (and in an RSN IBSS its own group keys); the radio holds
 * the group keys: data (IDs 0-3), IGTK (4-5) and BIGTK (6-7). Keys are
 * published with RCU under radio->lock and freed after a grace period.
 * The operations run in process context with the wiphy/RTNL held.
 */
#include "vwifi.h"

/* Publishes key (or NULL) in slot and frees what was there. */
void vw_key_replace(struct vw_key __rcu **slot, struct vw_key *key,
		    spinlock_t *lock)
{
	struct vw_key *old;

	spin_lock_bh(lock);
	old = rcu_replace_pointer(*slot, key, lockdep_is_held(lock));
	spin_unlock_bh(lock);
	vw_key_free(old);
}

/*
 * Where a key lives: a peer's pairwise key; in IBSS a peer's own data
 * group key (each member of an RSN IBSS sends with a group key of its
 * own); else the radio's group key. radio->lock or RCU; NULL if the peer
 * is unknown or the index does not fit the slot.
 */
static struct vw_key __rcu **vw_key_slot(struct vw_radio *radio, u8 idx,
					 bool pairwise, const u8 *mac)
{
	bool peer_gtk = !pairwise && mac && !is_broadcast_ether_addr(mac) &&
			radio->wdev.iftype == NL80211_IFTYPE_ADHOC &&
			idx < VW_NUM_DATA_KEYS;
	struct vw_peer *peer;

	if (idx >= VW_NUM_KEYS || (pairwise && idx >= VW_NUM_DATA_KEYS))
		return NULL;
	if (!pairwise && !peer_gtk)
		return &radio->gtk[idx];
	peer = mac ? vw_peer_find(radio, mac) : NULL;
	if (!peer)
		return NULL;
	return pairwise ? &peer->ptk : &peer->gtk[idx];
}

int vw_key_add(struct wiphy *wiphy, struct net_device *ndev, int link_id,
	       u8 idx, bool pairwise, const u8 *mac, struct key_params *params)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct vw_key __rcu **slot;
	struct vw_key *key, *old;

	if (idx >= VW_NUM_KEYS)
		return -EINVAL;
	key = vw_key_alloc(params, idx);
	if (IS_ERR(key))
		return PTR_ERR(key);

	spin_lock_bh(&radio->lock);
	slot = vw_key_slot(radio, idx, pairwise, mac);
	if (!slot) {
		spin_unlock_bh(&radio->lock);
		vw_key_destroy(key);
		return -ENOENT;
	}
	old = rcu_replace_pointer(*slot, key, lockdep_is_held(&radio->lock));
	spin_unlock_bh(&radio->lock);
	vw_key_free(old);
	return 0;
}

int vw_key_del(struct wiphy *wiphy, struct net_device *ndev, int link_id,
	       u8 idx, bool pairwise, const u8 *mac)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct vw_key __rcu **slot;
	struct vw_key *old = NULL;

	spin_lock_bh(&radio->lock);
	slot = vw_key_slot(radio, idx, pairwise, mac);
	if (slot)
		old = rcu_replace_pointer(*slot, NULL,
					  lockdep_is_held(&radio->lock));
	spin_unlock_bh(&radio->lock);
	vw_key_free(old);
	return idx < VW_NUM_KEYS ? 0 : -ENOENT;
}

/*
 * hostapd asks for a group key's transmit PN (GTK and IGTK RSC in message
 * 3), wpa_supplicant for the last PN received
 */
int vw_key_get(struct wiphy *wiphy, struct net_device *ndev, int link_id,
	       u8 idx, bool pairwise, const u8 *mac, void *cookie,
	       void (*callback)(void *cookie, struct key_params *))
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct key_params params = {};
	struct vw_key __rcu **slot;
	struct vw_key *key = NULL;
	u8 seq[6];
	u64 pn;
	int i;

	rcu_read_lock();
	slot = vw_key_slot(radio, idx, pairwise, mac);
	if (slot)
		key = rcu_dereference(*slot);
	if (!key) {
		rcu_read_unlock();
		return -ENOENT;
	}
	params.cipher = key->cipher->suite;
	/* our own keys: the last PN sent; a peer's: the last received */
	pn = (pairwise || slot == &radio->gtk[idx]) ?
	     atomic64_read(&key->tx_pn) : key->rx_pn;
	rcu_read_unlock();
	for (i = 0; i < 6; i++)
		seq[i] = pn >> (8 * i);
	params.seq = seq;
	params.seq_len = sizeof(seq);
	callback(cookie, &params);
	return 0;
}

int vw_key_set_default(struct wiphy *wiphy, struct net_device *ndev,
		       int link_id, u8 idx, bool unicast, bool multicast)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);

	if (idx >= VW_NUM_DATA_KEYS)
		return -EINVAL;
	if (multicast)
		WRITE_ONCE(radio->gtk_tx_idx, idx);
	return 0;
}

/* the IGTK that signs our group-addressed robust management frames */
int vw_key_set_default_mgmt(struct wiphy *wiphy, struct net_device *ndev,
			    int link_id, u8 idx)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);

	if (idx < VW_NUM_DATA_KEYS || idx >= VW_NUM_DATA_KEYS + 2)
		return -EINVAL;
	WRITE_ONCE(radio->igtk_tx_idx, idx);
	return 0;
}

/* process context: drop every group key */
void vw_keys_clear(struct vw_radio *radio)
{
	int i;

	for (i = 0; i < VW_NUM_KEYS; i++)
		vw_key_replace(&radio->gtk[i], NULL, &radio->lock);
}
