// SPDX-License-Identifier: GPL-2.0
/*
 * Monitor mode: every frame on the radio's channel, as it is on the air
 * (protected frames stay encrypted), behind a radiotap header, to each
 * monitor interface of the radio: the radio's own netdev switched to
 * monitor ("iw dev vw0 set type monitor") or extra interfaces added with
 * "iw phy vw_phy0 interface add mon0 type monitor". The radio's own
 * transmissions are seen too, as on a real card. A frame written to a
 * monitor interface goes on the air (injection).
 */
#include <linux/if_arp.h>
#include <net/ieee80211_radiotap.h>

#include "vwifi.h"

/* netdev private data of an extra monitor interface */
struct vw_monitor {
	struct vw_radio *radio;		/* first: see vw_radio_from_ndev() */
	struct list_head list;		/* radio->monitors, RCU */
	struct wireless_dev wdev;
	struct net_device *ndev;
};

/*
 * The rate a radiotap header asks for, if it names a legacy rate of the
 * band; otherwise the band's management rate.
 */
static void vw_monitor_inject_rate(const struct ieee80211_channel *chan,
				   u8 radiotap_rate, struct vw_rate *rate)
{
	const struct vw_band *band = vw_band_of(chan);

	*rate = band->mgmt_rate;
	if (!radiotap_rate)
		return;
	rate->mode = VW_MODE_LEGACY;
	rate->legacy = radiotap_rate * 5;	/* 500 kb/s to 100 kb/s */
	if (!vw_rate_100kbps(rate) || (vw_rate_is_cck(rate) && !band->cck))
		*rate = band->mgmt_rate;
}

/*
 * Injection: a frame written to a monitor interface is a radiotap header
 * and an 802.11 frame, which goes on the radio's channel as it is (no
 * protection added, its own sequence number kept), as mac80211 sends it:
 * scapy, aireplay-ng and mdk4 work. The radiotap header's Rate is
 * honoured; a header the kernel's iterator refuses, or a frame behind it
 * that is not one we model, is dropped and counted. Consumes the skb.
 * BH disabled (ndo_start_xmit).
 */
void vw_monitor_inject(struct vw_radio *radio, struct net_device *ndev,
		       struct sk_buff *skb)
{
	struct ieee80211_channel *chan = READ_ONCE(radio->channel);
	struct ieee80211_radiotap_iterator it;
	struct vw_frame f;
	struct vw_rate rate;
	u8 legacy = 0;
	int ret;

	if (skb_linearize(skb) ||
	    ieee80211_radiotap_iterator_init(&it, (void *)skb->data, skb->len,
					     NULL))
		goto drop;
	while (!(ret = ieee80211_radiotap_iterator_next(&it))) {
		if (it.this_arg_index == IEEE80211_RADIOTAP_RATE)
			legacy = *it.this_arg;
	}
	if (ret != -ENOENT)
		goto drop;
	skb_pull(skb, it._max_length);
	if (skb->len > IEEE80211_MAX_FRAME_LEN ||
	    vw_frame_parse_hdr(skb->data, skb->len, &f) < 0)
		goto drop;
	vw_monitor_inject_rate(chan, legacy, &rate);
	skb_orphan(skb);
	vw_air_tx_on(radio, skb, &rate, chan);
	return;
drop:
	ndev->stats.tx_dropped++;
	kfree_skb(skb);
}

static netdev_tx_t vw_monitor_xmit(struct sk_buff *skb, struct net_device *ndev)
{
	vw_monitor_inject(vw_radio_from_ndev(ndev), ndev, skb);
	return NETDEV_TX_OK;
}

/*
 * Monitors running on all radios. While there are none (and no transport),
 * only our own receivers read the bytes of air frames.
 */
static atomic_t vw_monitors_up_all = ATOMIC_INIT(0);

bool vw_monitor_any(void)
{
	return atomic_read(&vw_monitors_up_all);
}

/* a monitor of the radio starts or stops; RTNL held */
void vw_monitor_up(struct vw_radio *radio)
{
	atomic_inc(&radio->monitors_up);
	atomic_inc(&vw_monitors_up_all);
}

void vw_monitor_down(struct vw_radio *radio)
{
	atomic_dec(&radio->monitors_up);
	atomic_dec(&vw_monitors_up_all);
}

static int vw_monitor_open(struct net_device *ndev)
{
	vw_monitor_up(vw_radio_from_ndev(ndev));
	return 0;
}

static int vw_monitor_stop(struct net_device *ndev)
{
	vw_monitor_down(vw_radio_from_ndev(ndev));
	return 0;
}

static const struct net_device_ops vw_monitor_ops = {
	.ndo_open = vw_monitor_open,
	.ndo_stop = vw_monitor_stop,
	.ndo_start_xmit = vw_monitor_xmit,
};

bool vw_monitor_netdev(const struct net_device *dev)
{
	return dev->netdev_ops == &vw_monitor_ops;
}

/* One frame to one monitor netdev. Any context. */
static void vw_monitor_rx(struct net_device *ndev, const u8 *frame,
			  size_t len, const struct vw_air_info *info,
			  int signal)
{
	u8 rt[VW_RADIOTAP_MAX];
	struct sk_buff *skb;
	int rt_len;

	if (!netif_running(ndev))
		return;
	/* the same radiotap as vwifi-medium's captures (core/vw_radiotap.c) */
	rt_len = vw_radiotap_put(rt, sizeof(rt), info, signal);
	skb = rt_len < 0 ? NULL : netdev_alloc_skb(ndev, rt_len + len);
	if (!skb) {
		ndev->stats.rx_dropped++;
		return;
	}
	skb_put_data(skb, rt, rt_len);
	skb_put_data(skb, frame, len);

	skb_reset_mac_header(skb);
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	skb->pkt_type = PACKET_OTHERHOST;
	skb->protocol = htons(ETH_P_802_2);
	ndev->stats.rx_packets++;
	ndev->stats.rx_bytes += skb->len;
	netif_rx(skb);
}

/* Shows a frame of the radio's air to all its monitors. Any context. */
void vw_monitor_frame(struct vw_radio *radio, const u8 *frame, size_t len,
		      const struct vw_air_info *info, int signal)
{
	struct vw_monitor *mon;

	if (!atomic_read(&radio->monitors_up))
		return;
	if (radio->wdev.iftype == NL80211_IFTYPE_MONITOR)
		vw_monitor_rx(radio->ndev, frame, len, info, signal);
	rcu_read_lock();
	list_for_each_entry_rcu(mon, &radio->monitors, list)
		vw_monitor_rx(mon->ndev, frame, len, info, signal);
	rcu_read_unlock();
}

static void vw_monitor_setup(struct net_device *ndev)
{
	ether_setup(ndev);
	ndev->type = ARPHRD_IEEE80211_RADIOTAP;
	ndev->header_ops = NULL;
	ndev->mtu = 2304;
	ndev->netdev_ops = &vw_monitor_ops;
	ndev->needs_free_netdev = true;
}

/* The radio's own netdev becomes (or stops being) a monitor; RTNL, down */
void vw_monitor_set_type(struct vw_radio *radio, bool monitor)
{
	struct net_device *ndev = radio->ndev;

	if (monitor) {
		ndev->type = ARPHRD_IEEE80211_RADIOTAP;
		ndev->header_ops = NULL;
	} else {
		ndev->type = ARPHRD_ETHER;
		ndev->header_ops = radio->eth_header_ops;
	}
}

/* cfg80211 op, RTNL and wiphy lock held: only monitors can be added */
struct wireless_dev *vw_monitor_add(struct wiphy *wiphy, const char *name,
				    unsigned char name_assign_type,
				    enum nl80211_iftype type,
				    struct vif_params *params)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct net_device *ndev;
	struct vw_monitor *mon;
	int err;

	if (type != NL80211_IFTYPE_MONITOR)
		return ERR_PTR(-EOPNOTSUPP);
	/* vw_monitors_remove_all() has run or is running */
	if (radio->dying)
		return ERR_PTR(-ENODEV);
	ndev = alloc_netdev(sizeof(*mon), name, name_assign_type,
			    vw_monitor_setup);
	if (!ndev)
		return ERR_PTR(-ENOMEM);
	mon = netdev_priv(ndev);
	mon->radio = radio;
	mon->ndev = ndev;
	mon->wdev.wiphy = wiphy;
	mon->wdev.netdev = ndev;
	mon->wdev.iftype = NL80211_IFTYPE_MONITOR;
	ndev->ieee80211_ptr = &mon->wdev;
	eth_hw_addr_set(ndev, radio->addr);
	dev_net_set(ndev, wiphy_net(wiphy));
	SET_NETDEV_DEV(ndev, wiphy_dev(wiphy));

	err = cfg80211_register_netdevice(ndev);
	if (err) {
		free_netdev(ndev);
		return ERR_PTR(err);
	}
	spin_lock_bh(&radio->lock);
	list_add_tail_rcu(&mon->list, &radio->monitors);
	spin_unlock_bh(&radio->lock);
	return &mon->wdev;
}

static void vw_monitor_unlink(struct vw_radio *radio, struct vw_monitor *mon)
{
	spin_lock_bh(&radio->lock);
	list_del_rcu(&mon->list);
	spin_unlock_bh(&radio->lock);
	synchronize_net();
}

/* cfg80211 op, RTNL and wiphy lock held */
int vw_monitor_del(struct wiphy *wiphy, struct wireless_dev *wdev)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct vw_monitor *mon = container_of(wdev, struct vw_monitor, wdev);

	if (wdev == &radio->wdev)
		return -EOPNOTSUPP;	/* the radio's own interface stays */
	vw_monitor_unlink(radio, mon);
	cfg80211_unregister_netdevice(mon->ndev);
	return 0;
}

/* cfg80211 op: a monitor's channel is the radio's */
int vw_monitor_set_channel(struct wiphy *wiphy,
			   struct cfg80211_chan_def *chandef)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	bool busy = READ_ONCE(radio->ap.started) ||
		    READ_ONCE(radio->sta.state) != VW_STA_IDLE;

	if (busy && READ_ONCE(radio->channel) != chandef->chan)
		return -EBUSY;
	if (!busy) {
		spin_lock_bh(&radio->lock);
		radio->chandef = *chandef;
		spin_unlock_bh(&radio->lock);
	}
	WRITE_ONCE(radio->channel, chandef->chan);
	return 0;
}

/*
 * process context, radio being destroyed: remove the extra monitors. The
 * wiphy stays registered until vw_radio_free(), so nl80211 could still
 * add one meanwhile (and wiphy_unregister() would find it): the flag,
 * set under the wiphy lock that vw_monitor_add() runs under, refuses it.
 */
void vw_monitors_remove_all(struct vw_radio *radio)
{
	struct vw_monitor *mon;

	wiphy_lock(radio->wiphy);
	radio->dying = true;
	wiphy_unlock(radio->wiphy);
	for (;;) {
		spin_lock_bh(&radio->lock);
		mon = list_first_entry_or_null(&radio->monitors,
					       struct vw_monitor, list);
		spin_unlock_bh(&radio->lock);
		if (!mon)
			break;
		vw_monitor_unlink(radio, mon);
		unregister_netdev(mon->ndev);
	}
}
