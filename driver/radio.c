// SPDX-License-Identifier: GPL-2.0
/*
 * Radios: one wiphy (vw_phyN) and one netdev (vwN) each, what they
 * advertise, and the list of all radios that the air delivers to.
 */
#include <linux/ethtool.h>
#include <linux/rtnetlink.h>

#include "vwifi.h"

LIST_HEAD(vw_radios);
static DEFINE_MUTEX(vw_radios_lock);	/* writers of vw_radios */
static DEFINE_IDA(vw_radio_ida);	/* N of vw_phyN and vwN */

static const char * const vw_drop_names[VW_DROP_COUNT] = {
	[VW_DROP_MALFORMED] = "rx_drop_malformed",
	[VW_DROP_NOT_FOR_US] = "rx_drop_not_for_us",
	[VW_DROP_UNKNOWN_PEER] = "drop_unknown_peer",
	[VW_DROP_UNAUTHORIZED] = "drop_unauthorized",
	[VW_DROP_NO_KEY] = "drop_no_key",
	[VW_DROP_DECRYPT] = "rx_drop_decrypt",
	[VW_DROP_REPLAY] = "rx_drop_replay",
	[VW_DROP_NO_MEMORY] = "drop_no_memory",
	[VW_DROP_SIGNAL] = "rx_drop_signal",
	[VW_DROP_DENIED] = "rx_drop_denied",
	[VW_DROP_LINK_LOSS] = "rx_drop_link_loss",
	[VW_DROP_BAD_SOURCE] = "rx_drop_bad_source",
	[VW_DROP_PEER_LIMIT] = "rx_drop_peer_limit",
	[VW_DROP_UNPROTECTED] = "rx_drop_unprotected",
};

static const char * const vw_event_names[VW_EVENT_COUNT] = {
	[VW_EVENT_AUTH_EXPIRED] = "ap_auth_expired",
	[VW_EVENT_AUTH_EVICTED] = "ap_auth_evicted",
};

#define VW_NUM_STATS (VW_DROP_COUNT + VW_EVENT_COUNT)

const char *vw_drop_name(enum vw_drop why)
{
	return vw_drop_names[why];
}

/* ---- netdev ---- */

/* process context, RTNL held */
static int vw_ndo_open(struct net_device *ndev)
{
	struct vw_radio *radio = vw_radio_from_ndev(ndev);

	if (radio->wdev.iftype == NL80211_IFTYPE_MONITOR)
		vw_monitor_up(radio);
	vw_air_start(radio);
	netif_start_queue(ndev);
	return 0;
}

/* process context, RTNL held */
static int vw_ndo_stop(struct net_device *ndev)
{
	struct vw_radio *radio = vw_radio_from_ndev(ndev);

	netif_stop_queue(ndev);
	netif_carrier_off(ndev);
	/* a radio that goes down comes back from off-channel, leaves its
	 * BSS or stops beaconing
	 */
	vw_mgmt_stop(radio);
	vw_sta_stop(radio);
	vw_ap_shutdown(radio);
	vw_ibss_shutdown(radio);
	vw_air_stop(radio);
	if (radio->wdev.iftype == NL80211_IFTYPE_MONITOR)
		vw_monitor_down(radio);
	return 0;
}

static void vw_ndo_get_stats64(struct net_device *ndev,
			       struct rtnl_link_stats64 *stats)
{
	struct vw_radio *radio = vw_radio_from_ndev(ndev);
	long drops = 0;
	int i;

	dev_fetch_sw_netstats(stats, radio->tstats);
	for (i = 0; i < VW_DROP_COUNT; i++)
		drops += atomic_long_read(&radio->drops[i]);
	stats->rx_dropped = drops;
}

static const struct net_device_ops vw_netdev_ops = {
	.ndo_open = vw_ndo_open,
	.ndo_stop = vw_ndo_stop,
	.ndo_start_xmit = vw_data_xmit,
	.ndo_get_stats64 = vw_ndo_get_stats64,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
};

static void vw_get_drvinfo(struct net_device *ndev,
			   struct ethtool_drvinfo *info)
{
	strscpy(info->driver, VW_NAME, sizeof(info->driver));
}

/* ethtool -S: the drops by reason, then the events */
static int vw_get_sset_count(struct net_device *ndev, int sset)
{
	return sset == ETH_SS_STATS ? VW_NUM_STATS : -EOPNOTSUPP;
}

static void vw_get_strings(struct net_device *ndev, u32 sset, u8 *buf)
{
	int i;

	if (sset != ETH_SS_STATS)
		return;
	for (i = 0; i < VW_NUM_STATS; i++)
		strscpy(buf + i * ETH_GSTRING_LEN,
			i < VW_DROP_COUNT ? vw_drop_names[i] :
					    vw_event_names[i - VW_DROP_COUNT],
			ETH_GSTRING_LEN);
}

static void vw_get_ethtool_stats(struct net_device *ndev,
				 struct ethtool_stats *stats, u64 *data)
{
	struct vw_radio *radio = vw_radio_from_ndev(ndev);
	int i;

	for (i = 0; i < VW_DROP_COUNT; i++)
		data[i] = atomic_long_read(&radio->drops[i]);
	for (i = 0; i < VW_EVENT_COUNT; i++)
		data[VW_DROP_COUNT + i] = atomic_long_read(&radio->events[i]);
}

static const struct ethtool_ops vw_ethtool_ops = {
	.get_drvinfo = vw_get_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_sset_count = vw_get_sset_count,
	.get_strings = vw_get_strings,
	.get_ethtool_stats = vw_get_ethtool_stats,
};

static void vw_netdev_setup(struct net_device *ndev)
{
	ether_setup(ndev);
	ndev->netdev_ops = &vw_netdev_ops;
	ndev->ethtool_ops = &vw_ethtool_ops;
	ndev->needs_free_netdev = false;
	ndev->needed_headroom = VW_HEADROOM;
	ndev->needed_tailroom = VW_TAILROOM;
	/*
	 * Sending never blocks (frames wait in the receivers' queues), so a
	 * qdisc would only add locking and queueing to every frame; like
	 * mac80211's interfaces we have none.
	 */
	ndev->priv_flags |= IFF_NO_QUEUE;
	/* bursts and unfinished checksums: see vw_data_encap_tx() */
	ndev->hw_features = NETIF_F_SG | NETIF_F_FRAGLIST | NETIF_F_HW_CSUM |
			    NETIF_F_HIGHDMA | NETIF_F_GSO_SOFTWARE;
	ndev->features = ndev->hw_features;
	ndev->vlan_features = ndev->hw_features;
}

static int machine = -1;
module_param(machine, int, 0444);
MODULE_PARM_DESC(machine, "Machine number 0-255 in radio addresses, so machines sharing an air differ (default: last byte of the transport interface's address, else 0)");

/*
 * Classic vwifi addresses: 00 followed by the interface name ("vw0" gives
 * 00:76:77:30:00:00), which users' configs and examples rely on, with the
 * machine number last. Beyond vw99 the name no longer fits; those get
 * locally administered addresses.
 */
static void vw_radio_addr(int idx, u8 *addr)
{
	memset(addr, 0, ETH_ALEN);
	addr[1] = 'v';
	if (idx < 100) {
		addr[2] = 'w';
		if (idx < 10) {
			addr[3] = '0' + idx;
		} else {
			addr[3] = '0' + idx / 10;
			addr[4] = '0' + idx % 10;
		}
		addr[5] = machine;
		return;
	}
	addr[0] = 0x02;
	addr[2] = machine;
	addr[3] = idx >> 16;
	addr[4] = idx >> 8;
	addr[5] = idx;
}

/* ---- wiphy ---- */

static int vw_wiphy_setup(struct vw_radio *radio)
{
	struct wiphy *wiphy = radio->wiphy;
	int err;

	err = vw_bands_setup(wiphy);
	if (err)
		return err;

	wiphy->interface_modes = BIT(NL80211_IFTYPE_STATION) |
				 BIT(NL80211_IFTYPE_AP) |
				 BIT(NL80211_IFTYPE_ADHOC) |
				 BIT(NL80211_IFTYPE_MONITOR);
	wiphy->signal_type = CFG80211_SIGNAL_TYPE_MBM;
	wiphy->max_scan_ssids = 4;
	wiphy->max_scan_ie_len = 512;
	wiphy->cipher_suites = vw_crypto_suites(&wiphy->n_cipher_suites);
	wiphy->max_ap_assoc_sta = VW_MAX_PEERS;
	wiphy->flags |= WIPHY_FLAG_NETNS_OK | WIPHY_FLAG_HAVE_AP_SME |
			WIPHY_FLAG_IBSS_RSN | WIPHY_FLAG_HAS_REMAIN_ON_CHANNEL |
			WIPHY_FLAG_OFFCHAN_TX;
	wiphy->mgmt_stypes = vw_mgmt_stypes;
	wiphy->max_remain_on_channel_duration = VW_ROC_MAX_MS;
	wiphy->ap_sme_capa = 0;
	/*
	 * hostapd's 20/40 MHz coexistence scan runs on the AP interface; an
	 * IBSS may be HT (ibss.c beacons its HT elements); SAE is user
	 * space's, through external authentication (sta.c, ap.c)
	 */
	wiphy->features |= NL80211_FEATURE_AP_SCAN | NL80211_FEATURE_HT_IBSS |
			   NL80211_FEATURE_SAE;
	/* PMF when both sides can (pmf.c), not only when required */
	wiphy_ext_feature_set(wiphy, NL80211_EXT_FEATURE_MFP_OPTIONAL);
	/* EAPOL over nl80211 for user space that prefers it (data.c) */
	wiphy_ext_feature_set(wiphy,
			      NL80211_EXT_FEATURE_CONTROL_PORT_OVER_NL80211);
	wiphy_ext_feature_set(wiphy, NL80211_EXT_FEATURE_CONTROL_PORT_NO_PREAUTH);
	wiphy_ext_feature_set(wiphy,
			      NL80211_EXT_FEATURE_CONTROL_PORT_OVER_NL80211_TX_STATUS);
	memcpy(wiphy->perm_addr, radio->addr, ETH_ALEN);

	radio->channel = &wiphy->bands[NL80211_BAND_2GHZ]->channels[0];
	cfg80211_chandef_create(&radio->chandef, radio->channel,
				NL80211_CHAN_NO_HT);
	return 0;
}

static int vw_netdev_create(struct vw_radio *radio, struct net *net,
			    const char *ifname)
{
	char name[IFNAMSIZ];
	struct net_device *ndev;
	int err;

	if (ifname)
		strscpy(name, ifname, sizeof(name));
	else
		snprintf(name, sizeof(name), "vw%d", radio->idx);
	ndev = alloc_netdev(sizeof(struct vw_radio *), name, NET_NAME_ENUM,
			    vw_netdev_setup);
	if (!ndev)
		return -ENOMEM;
	*(struct vw_radio **)netdev_priv(ndev) = radio;
	radio->eth_header_ops = ndev->header_ops;
	dev_net_set(ndev, net);
	eth_hw_addr_set(ndev, radio->addr);
	ndev->ieee80211_ptr = &radio->wdev;
	SET_NETDEV_DEV(ndev, wiphy_dev(radio->wiphy));
	netif_napi_add(ndev, &radio->napi, vw_air_napi_poll);
	netif_carrier_off(ndev);

	radio->wdev.wiphy = radio->wiphy;
	radio->wdev.netdev = ndev;
	radio->wdev.iftype = NL80211_IFTYPE_STATION;
	radio->ndev = ndev;

	rtnl_lock();
	/* someone may already own the classic name in this namespace */
	err = 0;
	if (!ifname && __dev_get_by_name(net, name))
		err = dev_alloc_name(ndev, "vw%d");
	if (err >= 0)
		err = register_netdevice(ndev);
	rtnl_unlock();
	if (err < 0) {
		netif_napi_del(&radio->napi);
		free_netdev(ndev);
		radio->ndev = NULL;
		return err;
	}
	return 0;
}

/* process context: a new radio in net, its netdev called ifname or vwN */
struct vw_radio *vw_radio_create(struct net *net, const char *ifname)
{
	char name[32];
	struct wiphy *wiphy;
	struct vw_radio *radio;
	int idx, err;

	idx = ida_alloc_max(&vw_radio_ida, 0xffffff, GFP_KERNEL);
	if (idx < 0)
		return ERR_PTR(idx);
	snprintf(name, sizeof(name), "vw_phy%d", idx);
	wiphy = wiphy_new_nm(&vw_cfg_ops, sizeof(*radio), name);
	if (!wiphy) {
		err = -ENOMEM;
		goto err_free_idx;
	}
	wiphy_net_set(wiphy, net);

	radio = wiphy_priv(wiphy);
	radio->wiphy = wiphy;
	radio->idx = idx;
	radio->tx_power = VW_DEFAULT_TX_POWER;
	spin_lock_init(&radio->lock);
	INIT_LIST_HEAD(&radio->peers);
	INIT_LIST_HEAD(&radio->monitors);
	skb_queue_head_init(&radio->rxq);
	vw_radio_addr(idx, radio->addr);
	vw_mgmt_init(radio);
	vw_sta_init(radio);
	vw_ap_init(radio);
	vw_ibss_init(radio);

	radio->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!radio->tstats) {
		err = -ENOMEM;
		goto err_free_wiphy;
	}

	err = vw_wiphy_setup(radio);
	if (err)
		goto err_free_stats;

	err = wiphy_register(wiphy);
	if (err)
		goto err_free_stats;

	err = vw_netdev_create(radio, net, ifname);
	if (err)
		goto err_unregister_wiphy;

	mutex_lock(&vw_radios_lock);
	list_add_tail_rcu(&radio->list, &vw_radios);
	mutex_unlock(&vw_radios_lock);
	pr_debug("lifetime: radio %s created\n", name);
	return radio;

err_unregister_wiphy:
	wiphy_unregister(wiphy);
err_free_stats:
	free_percpu(radio->tstats);
err_free_wiphy:
	wiphy_free(wiphy);
err_free_idx:
	ida_free(&vw_radio_ida, idx);
	return ERR_PTR(err);
}

/*
 * The radio with this interface or wiphy name, whatever namespace it is
 * in; ERR_PTR(-ENOTUNIQ) when interfaces of several namespaces share the
 * name (wiphy names are unique). Caller serializes against deletion
 * (the ops of our genl family are).
 */
struct vw_radio *vw_radio_find(const char *name)
{
	struct vw_radio *radio, *found = NULL;

	mutex_lock(&vw_radios_lock);
	list_for_each_entry(radio, &vw_radios, list) {
		if (!strcmp(wiphy_name(radio->wiphy), name)) {
			found = radio;
			break;
		}
		if (strcmp(radio->ndev->name, name))
			continue;
		if (found) {
			found = ERR_PTR(-ENOTUNIQ);
			break;
		}
		found = radio;
	}
	mutex_unlock(&vw_radios_lock);
	return found;
}

/* Is dev one of our interfaces (a radio's or an extra monitor)? */
bool vw_radio_is_ours(const struct net_device *dev)
{
	return dev->netdev_ops == &vw_netdev_ops || vw_monitor_netdev(dev);
}

/* RCU read side: the local radio using addr on the air */
struct vw_radio *vw_radio_by_addr(const u8 *addr)
{
	struct vw_radio *radio;

	list_for_each_entry_rcu(radio, &vw_radios, list) {
		if (ether_addr_equal(radio->addr, addr))
			return radio;
	}
	return NULL;
}

/*
 * process context: frees a radio that is off vw_radios, past a grace
 * period (no other radio queues frames to it any more) and whose netdev
 * is unregistered
 */
static void vw_radio_free(struct vw_radio *radio)
{
	vw_mgmt_stop(radio);
	vw_sta_uninit(radio);
	vw_ap_uninit(radio);
	vw_ibss_shutdown(radio);
	vw_peer_remove_all(radio);
	vw_keys_clear(radio);
	skb_queue_purge(&radio->rxq);
	netif_napi_del(&radio->napi);
	wiphy_unregister(radio->wiphy);
	free_netdev(radio->ndev);
	free_percpu(radio->tstats);
	vw_model_forget(radio->addr);
	ida_free(&vw_radio_ida, radio->idx);
	pr_debug("lifetime: radio %s destroyed\n", wiphy_name(radio->wiphy));
	wiphy_free(radio->wiphy);
}

/* process context; the radio may be connected, beaconing, anywhere */
void vw_radio_destroy(struct vw_radio *radio)
{
	mutex_lock(&vw_radios_lock);
	list_del_rcu(&radio->list);
	mutex_unlock(&vw_radios_lock);
	/* after this no other radio can queue frames to us */
	synchronize_net();

	/* ndo_stop disconnects, stops the AP and the air */
	vw_monitors_remove_all(radio);
	unregister_netdev(radio->ndev);
	vw_radio_free(radio);
}

int vw_radios_init(int count)
{
	struct vw_radio *radio;
	int i;

	if (machine < 0)
		machine = vw_transport_machine();
	if (machine > 255) {
		pr_err("machine=%d out of range 0..255\n", machine);
		return -EINVAL;
	}

	for (i = 0; i < count; i++) {
		radio = vw_radio_create(&init_net, NULL);
		if (IS_ERR(radio)) {
			pr_err("creating radio %d failed: %ld\n", i,
			       PTR_ERR(radio));
			vw_radios_uninit();
			return PTR_ERR(radio);
		}
	}
	return 0;
}

/*
 * Every radio at once, as at module unload: one grace period and one batch
 * of netdevs for all, instead of several grace periods for each.
 */
void vw_radios_uninit(void)
{
	struct vw_radio *radio, *next;
	LIST_HEAD(dying);
	LIST_HEAD(ndevs);

	mutex_lock(&vw_radios_lock);
	list_splice_init_rcu(&vw_radios, &dying, synchronize_net);
	mutex_unlock(&vw_radios_lock);

	list_for_each_entry(radio, &dying, list)
		vw_monitors_remove_all(radio);
	rtnl_lock();
	list_for_each_entry(radio, &dying, list)
		unregister_netdevice_queue(radio->ndev, &ndevs);
	unregister_netdevice_many(&ndevs);
	rtnl_unlock();
	list_for_each_entry_safe(radio, next, &dying, list)
		vw_radio_free(radio);
}
