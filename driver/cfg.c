// SPDX-License-Identifier: GPL-2.0
/*
 * The cfg80211 operations table, and the few operations that belong to
 * no mode in particular. cfg80211 calls every op in process context with
 * the RTNL (6.1) or the wiphy mutex (6.12 and later) held.
 */
#include "vwifi.h"

static int vw_change_virtual_intf(struct wiphy *wiphy, struct net_device *ndev,
				  enum nl80211_iftype type,
				  struct vif_params *params)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);

	switch (type) {
	case NL80211_IFTYPE_STATION:
	case NL80211_IFTYPE_AP:
	case NL80211_IFTYPE_ADHOC:
	case NL80211_IFTYPE_MONITOR:
		break;
	default:
		return -EOPNOTSUPP;
	}
	if (ndev != radio->ndev)
		return type == NL80211_IFTYPE_MONITOR ? 0 : -EOPNOTSUPP;
	if (netif_running(ndev))
		return -EBUSY;
	/* the netdev is down: no connection, no AP (ndo_stop saw to it) */
	vw_monitor_set_type(radio, type == NL80211_IFTYPE_MONITOR);
	radio->wdev.iftype = type;
	return 0;
}

static int vw_get_channel(struct wiphy *wiphy, struct wireless_dev *wdev,
			  unsigned int link_id,
			  struct cfg80211_chan_def *chandef)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	bool active = READ_ONCE(radio->ap.started) ||
		      READ_ONCE(radio->ibss.joined) ||
		      READ_ONCE(radio->sta.state) == VW_STA_CONNECTED ||
		      wdev->iftype == NL80211_IFTYPE_MONITOR;

	if (!active)
		return -ENODATA;
	/* the BSS's or cell's width, unless a scan has us elsewhere */
	spin_lock_bh(&radio->lock);
	*chandef = radio->chandef;
	spin_unlock_bh(&radio->lock);
	if (chandef->chan != READ_ONCE(radio->channel))
		cfg80211_chandef_create(chandef, READ_ONCE(radio->channel),
					NL80211_CHAN_NO_HT);
	return 0;
}

/* the radio's one channel, whichever monitor interface asks (compat.h) */
static int vw_set_monitor_channel(struct wiphy *wiphy, VW_OP_MONITOR_NETDEV
				  struct cfg80211_chan_def *chandef)
{
	return vw_monitor_set_channel(wiphy, chandef);
}

/* RTS/fragmentation thresholds and retry limits mean nothing on our air */
static int vw_set_wiphy_params(struct wiphy *wiphy, VW_OP_RADIO_IDX
			       u32 changed)
{
	return 0;
}

/* AP mode: cfg80211 checks the op exists before passing our change */
static int vw_change_beacon(struct wiphy *wiphy, struct net_device *ndev,
			    vw_ap_update_t *info)
{
	return vw_ap_change_beacon(wiphy, ndev, vw_ap_update_beacon(info));
}

/*
 * Station and key operations: 7.1 passes the wireless_dev where earlier
 * kernels pass the net_device (vw_op_dev_t, compat.h). The handlers take
 * the net_device, which every interface of ours has (we offer no NAN).
 */
static int vw_del_station(struct wiphy *wiphy, vw_op_dev_t *dev,
			  struct station_del_parameters *params)
{
	return vw_ap_del_station(wiphy, vw_op_netdev(dev), params);
}

static int vw_get_station(struct wiphy *wiphy, vw_op_dev_t *dev,
			  const u8 *mac, struct station_info *sinfo)
{
	return vw_peer_get_station(wiphy, vw_op_netdev(dev), mac, sinfo);
}

static int vw_dump_station(struct wiphy *wiphy, vw_op_dev_t *dev, int idx,
			   u8 *mac, struct station_info *sinfo)
{
	return vw_peer_dump_station(wiphy, vw_op_netdev(dev), idx, mac, sinfo);
}

static int vw_change_station(struct wiphy *wiphy, vw_op_dev_t *dev,
			     const u8 *mac, struct station_parameters *params)
{
	return vw_peer_change_station(wiphy, vw_op_netdev(dev), mac, params);
}

static int vw_add_key(struct wiphy *wiphy, vw_op_dev_t *dev, int link_id,
		      u8 idx, bool pairwise, const u8 *mac,
		      struct key_params *params)
{
	return vw_key_add(wiphy, vw_op_netdev(dev), link_id, idx, pairwise, mac,
			  params);
}

static int vw_get_key(struct wiphy *wiphy, vw_op_dev_t *dev, int link_id,
		      u8 idx, bool pairwise, const u8 *mac, void *cookie,
		      void (*callback)(void *cookie, struct key_params *))
{
	return vw_key_get(wiphy, vw_op_netdev(dev), link_id, idx, pairwise, mac,
			  cookie, callback);
}

static int vw_del_key(struct wiphy *wiphy, vw_op_dev_t *dev, int link_id,
		      u8 idx, bool pairwise, const u8 *mac)
{
	return vw_key_del(wiphy, vw_op_netdev(dev), link_id, idx, pairwise, mac);
}

static int vw_set_default_mgmt_key(struct wiphy *wiphy, vw_op_dev_t *dev,
				   int link_id, u8 idx)
{
	return vw_key_set_default_mgmt(wiphy, vw_op_netdev(dev), link_id, idx);
}

/* 7.2 adds the address to receive on (compat.h): ours is the interface's */
static int vw_remain_on_channel(struct wiphy *wiphy, struct wireless_dev *wdev,
				struct ieee80211_channel *chan,
				unsigned int duration,
				VW_OP_ROC_COOKIE(u64 *cookie))
{
	return vw_mgmt_roc(wiphy, wdev, chan, duration, cookie);
}

static int vw_tx_control_port(struct wiphy *wiphy, struct net_device *ndev,
			      const u8 *buf, size_t len, const u8 *dest,
			      const __be16 proto, const bool noencrypt,
			      int link_id, u64 *cookie)
{
	return vw_data_tx_control_port(wiphy, ndev, buf, len, dest, proto,
				       noencrypt, cookie);
}

/* SAE done by user space (sta.c, ap.c): its outcome */
static int vw_external_auth(struct wiphy *wiphy, struct net_device *ndev,
			    struct cfg80211_external_auth_params *params)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);

	switch (radio->wdev.iftype) {
	case NL80211_IFTYPE_STATION:
		return vw_sta_external_auth(radio, params);
	case NL80211_IFTYPE_AP:
		return vw_ap_external_auth(radio, params);
	default:
		return -EOPNOTSUPP;
	}
}

/* hostapd's answer to a station's OWE request (ap.c) */
static int vw_update_owe_info(struct wiphy *wiphy, struct net_device *ndev,
			      struct cfg80211_update_owe_info *owe)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);

	if (radio->wdev.iftype != NL80211_IFTYPE_AP)
		return -EOPNOTSUPP;
	return vw_ap_update_owe_info(radio, owe);
}

const struct cfg80211_ops vw_cfg_ops = {
	.add_virtual_intf = vw_monitor_add,
	.del_virtual_intf = vw_monitor_del,
	.change_virtual_intf = vw_change_virtual_intf,
	.set_monitor_channel = vw_set_monitor_channel,
	.get_channel = vw_get_channel,
	.set_wiphy_params = vw_set_wiphy_params,

	.scan = vw_sta_scan,
	.abort_scan = vw_sta_abort_scan,
	.connect = vw_sta_connect,
	.disconnect = vw_sta_disconnect,
	.external_auth = vw_external_auth,

	.start_ap = vw_ap_start,
	.change_beacon = vw_change_beacon,
	.stop_ap = vw_ap_stop,
	.del_station = vw_del_station,
	.change_bss = vw_ap_change_bss,
	.update_owe_info = vw_update_owe_info,

	.join_ibss = vw_ibss_join,
	.leave_ibss = vw_ibss_leave,

	.get_station = vw_get_station,
	.dump_station = vw_dump_station,
	.change_station = vw_change_station,

	.add_key = vw_add_key,
	.get_key = vw_get_key,
	.del_key = vw_del_key,
	.set_default_key = vw_key_set_default,
	.set_default_mgmt_key = vw_set_default_mgmt_key,

	.update_mgmt_frame_registrations = vw_mgmt_update_registrations,
	.mgmt_tx = vw_mgmt_tx,
	.mgmt_tx_cancel_wait = vw_mgmt_tx_cancel_wait,
	.remain_on_channel = vw_remain_on_channel,
	.cancel_remain_on_channel = vw_mgmt_cancel_roc,
	.tx_control_port = vw_tx_control_port,
};
