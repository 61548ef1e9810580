// SPDX-License-Identifier: GPL-2.0
/*
 * The data path: Ethernet frames from the stack become 3-address 802.11
 * data frames (LLC/SNAP, CCMP when a key is installed) and back; the AP
 * forwards between its stations. Before a peer's 802.1X port is
 * authorized only EAPOL passes, in both directions.
 */
#include <linux/if_ether.h>

#include "vwifi.h"

/*
 * What the data path notes in skb->cb between its entry (ndo_start_xmit,
 * tx_control_port) and the air.
 */
struct vw_data_cb {
	bool noencrypt;		/* user space sends it in the clear */
};

static struct vw_data_cb *vw_data_cb(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct vw_data_cb) > sizeof(skb->cb));
	return (struct vw_data_cb *)skb->cb;
}

/* The key for a frame to send, unless user space wants it in the clear. */
static struct vw_key *vw_data_key(struct sk_buff *skb,
				  struct vw_key __rcu *const *slot)
{
	return vw_data_cb(skb)->noencrypt ? NULL : rcu_dereference(*slot);
}

static void vw_tstats_tx(struct vw_radio *radio, unsigned int frames,
			 unsigned int len)
{
	struct pcpu_sw_netstats *ts = this_cpu_ptr(radio->tstats);

	u64_stats_update_begin(&ts->syncp);
	u64_stats_add(&ts->tx_packets, frames);
	u64_stats_add(&ts->tx_bytes, len);
	u64_stats_update_end(&ts->syncp);
}

static void vw_tstats_rx(struct vw_radio *radio, unsigned int frames,
			 unsigned int len)
{
	struct pcpu_sw_netstats *ts = this_cpu_ptr(radio->tstats);

	u64_stats_update_begin(&ts->syncp);
	u64_stats_add(&ts->rx_packets, frames);
	u64_stats_add(&ts->rx_bytes, len);
	u64_stats_update_end(&ts->syncp);
}

/* A burst counts as the frames the stack would have sent one by one. */
static unsigned int vw_data_frames(const struct sk_buff *skb)
{
	return skb_is_gso(skb) ? skb_shinfo(skb)->gso_segs : 1;
}

/* no memory for a frame we were to send */
static void vw_data_tx_drop(struct vw_radio *radio, struct sk_buff *skb,
			    struct vw_peer *peer)
{
	if (peer)
		atomic64_add(vw_data_frames(skb), &peer->tx_failed);
	vw_drop(radio, VW_DROP_NO_MEMORY);
	kfree_skb(skb);
}

/*
 * Encrypts an 802.11 data frame (skb->data at its MAC header) and sends
 * it; consumes the skb unless encryption fails. An AP sends with one key
 * from ndo_start_xmit and, forwarding, from NAPI, maybe on two CPUs at
 * once: frames must reach the air in the order of their packet numbers,
 * or a receiver drops the one that comes late as a replay. BH disabled.
 */
static int vw_data_send_protected(struct vw_radio *radio, struct sk_buff *skb,
				  struct vw_key *key, const struct vw_rate *rate)
{
	int err;

	spin_lock(&key->tx_lock);
	err = vw_key_encrypt(key, skb, 0);
	if (!err)
		vw_air_tx(radio, skb, rate);
	spin_unlock(&key->tx_lock);
	return err;
}

/*
 * Turns the Ethernet frame in skb into an 802.11 data frame with the
 * given addresses, protected with key when there is one, and sends it:
 * to a peer as QoS data when it does WMM (TID from the priority) at the
 * rate its signal allows, to a group as plain data at the band's basic
 * rate. Consumes the skb. BH disabled, RCU read side.
 */
static void vw_data_encap_one(struct vw_radio *radio, struct sk_buff *skb,
			      u16 fc_flags, const u8 (*addr)[ETH_ALEN],
			      struct vw_key *key, struct vw_peer *peer)
{
	unsigned int len = skb->len, frames = vw_data_frames(skb);
	int tid = peer && peer->wmm ? skb->priority & 7 : -1;
	size_t hdr_len = VW_HDR3_LEN + (tid >= 0 ? VW_QOS_LEN : 0) +
			 (key ? key->cipher->hdr_len : 0);
	struct vw_rate rate;
	u16 proto;

	proto = ntohs(((struct ethhdr *)skb->data)->h_proto);
	if (skb_cow_head(skb, hdr_len + VW_LLC_SNAP_LEN + VW_AIR_HDR_LEN) ||
	    (key && skb_tailroom(skb) < key->cipher->mic_len &&
	     pskb_expand_head(skb, 0, key->cipher->mic_len, GFP_ATOMIC)))
		goto drop_nomem;

	skb_pull(skb, ETH_HLEN);
	/* 802.3 frames with a length field already carry their LLC header */
	if (proto >= ETH_P_802_3_MIN)
		vw_llc_snap_put(skb_push(skb, VW_LLC_SNAP_LEN), proto);
	skb_push(skb, hdr_len);
	vw_build_data_hdr(skb->data, hdr_len,
			  fc_flags | (key ? VW_FC_PROTECTED : 0),
			  addr[0], addr[1], addr[2], vw_next_seq(radio), tid);
	if (peer)
		vw_peer_tx_rate(radio, peer, &rate);
	else
		rate = vw_band_of(READ_ONCE(radio->channel))->mgmt_rate;
	if (key) {
		if (vw_data_send_protected(radio, skb, key, &rate))
			goto drop_nomem;
	} else {
		vw_air_tx(radio, skb, &rate);
	}
	if (peer) {
		atomic64_add(frames, &peer->tx_packets);
		atomic64_add(len, &peer->tx_bytes);
	}
	vw_tstats_tx(radio, frames, len);
	return;

drop_nomem:
	vw_data_tx_drop(radio, skb, peer);
}

/* vw_data_encap_one() for a complete MPDU: checksum done, one buffer */
static void vw_data_encap_mpdu(struct vw_radio *radio, struct sk_buff *skb,
			       u16 fc_flags, const u8 (*addr)[ETH_ALEN],
			       struct vw_key *key, struct vw_peer *peer)
{
	if ((skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) ||
	    skb_linearize(skb)) {
		vw_data_tx_drop(radio, skb, peer);
		return;
	}
	vw_data_encap_one(radio, skb, fc_flags, addr, key, peer);
}

/*
 * Like the TSO of cards that build A-MSDUs, the stack may hand us a burst
 * of TCP (or UDP) segments in one skb, its checksums left to us. While an
 * unprotected frame only reaches this kernel's radios (no monitor, no
 * transport), it travels like that, as on a veth pair: the receiving
 * stack gets the burst and trusts the checksum. Everything else goes out
 * as the separate, complete MPDUs a card would send. The model treats a
 * burst as one transmission: lost, denied or heard as a whole.
 */
static void vw_data_encap_tx(struct vw_radio *radio, struct sk_buff *skb,
			     u16 fc_flags, const u8 *a1, const u8 *a2,
			     const u8 *a3, struct vw_key *key,
			     struct vw_peer *peer)
{
	struct sk_buff *segs, *seg, *next;
	u8 addr[3][ETH_ALEN];

	/* the addresses may point into the Ethernet header we replace */
	ether_addr_copy(addr[0], a1);
	ether_addr_copy(addr[1], a2);
	ether_addr_copy(addr[2], a3);

	if (!key && !vw_transport_attached() && !vw_monitor_any()) {
		vw_data_encap_one(radio, skb, fc_flags, addr, key, peer);
		return;
	}
	if (!skb_is_gso(skb)) {
		vw_data_encap_mpdu(radio, skb, fc_flags, addr, key, peer);
		return;
	}
	/* no offloads: complete, linear segments */
	segs = skb_gso_segment(skb, 0);
	if (IS_ERR(segs)) {
		vw_data_tx_drop(radio, skb, peer);
		return;
	}
	if (!segs) {	/* one segment's worth: send it as it is */
		vw_data_encap_mpdu(radio, skb, fc_flags, addr, key, peer);
		return;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, seg, next) {
		skb_mark_not_on_list(seg);
		vw_data_encap_mpdu(radio, seg, fc_flags, addr, key, peer);
	}
}

/* AP: an Ethernet frame from our stack or forwarded from a station */
static void vw_data_ap_tx(struct vw_radio *radio, struct sk_buff *skb)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	const u8 *bssid = radio->ndev->dev_addr;
	struct vw_peer *peer;
	struct vw_key *key;

	if (!READ_ONCE(radio->ap.started))
		goto drop_not_for_us;

	if (is_multicast_ether_addr(eth->h_dest)) {
		key = vw_data_key(skb, &radio->gtk[READ_ONCE(radio->gtk_tx_idx)]);
		if (!key && READ_ONCE(radio->ap.privacy)) {
			vw_drop(radio, VW_DROP_NO_KEY);
			goto drop;
		}
		vw_data_encap_tx(radio, skb, VW_FC_FROMDS, eth->h_dest, bssid,
				 eth->h_source, key, NULL);
		return;
	}

	peer = vw_peer_find(radio, eth->h_dest);
	if (!peer || peer->state != VW_PEER_ASSOC) {
		vw_drop(radio, VW_DROP_UNKNOWN_PEER);
		goto drop;
	}
	if (!READ_ONCE(peer->authorized) && eth->h_proto != htons(ETH_P_PAE)) {
		vw_drop(radio, VW_DROP_UNAUTHORIZED);
		goto drop;
	}
	vw_data_encap_tx(radio, skb, VW_FC_FROMDS, eth->h_dest, bssid,
			 eth->h_source, vw_data_key(skb, &peer->ptk), peer);
	return;

drop_not_for_us:
	vw_drop(radio, VW_DROP_NOT_FOR_US);
drop:
	kfree_skb(skb);
}

/* station: everything goes to the AP, pairwise protected */
static void vw_data_sta_tx(struct vw_radio *radio, struct sk_buff *skb)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	struct vw_peer *ap = rcu_dereference(radio->sta.ap);

	if (!ap) {
		vw_drop(radio, VW_DROP_NOT_FOR_US);
		goto drop;
	}
	if (!READ_ONCE(ap->authorized) && eth->h_proto != htons(ETH_P_PAE)) {
		vw_drop(radio, VW_DROP_UNAUTHORIZED);
		goto drop;
	}
	vw_data_encap_tx(radio, skb, VW_FC_TODS, ap->addr,
			 radio->ndev->dev_addr, eth->h_dest,
			 vw_data_key(skb, &ap->ptk), ap);
	return;
drop:
	kfree_skb(skb);
}

/* IBSS: straight to the peer, group frames with our own group key */
static void vw_data_ibss_tx(struct vw_radio *radio, struct sk_buff *skb)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	const u8 *bssid = radio->ibss.bssid;
	bool privacy = READ_ONCE(radio->ibss.privacy);
	struct vw_peer *peer = NULL;
	struct vw_key *key = NULL;

	if (!READ_ONCE(radio->ibss.joined)) {
		vw_drop(radio, VW_DROP_NOT_FOR_US);
		goto drop;
	}
	if (is_multicast_ether_addr(eth->h_dest)) {
		key = vw_data_key(skb, &radio->gtk[READ_ONCE(radio->gtk_tx_idx)]);
		if (!key && privacy) {
			vw_drop(radio, VW_DROP_NO_KEY);
			goto drop;
		}
	} else {
		peer = vw_peer_find(radio, eth->h_dest);
		/* an open cell lets us talk to stations not yet heard */
		if (!peer && privacy) {
			vw_drop(radio, VW_DROP_UNKNOWN_PEER);
			goto drop;
		}
		if (peer && !READ_ONCE(peer->authorized) &&
		    eth->h_proto != htons(ETH_P_PAE)) {
			vw_drop(radio, VW_DROP_UNAUTHORIZED);
			goto drop;
		}
		if (peer)
			key = vw_data_key(skb, &peer->ptk);
	}
	vw_data_encap_tx(radio, skb, 0, eth->h_dest, radio->ndev->dev_addr,
			 bssid, key, peer);
	return;
drop:
	kfree_skb(skb);
}

/* An Ethernet frame (skb->data at its header) to the air. BH disabled. */
static void vw_data_tx(struct vw_radio *radio, struct sk_buff *skb)
{
	rcu_read_lock();
	switch (radio->wdev.iftype) {
	case NL80211_IFTYPE_AP:
		vw_data_ap_tx(radio, skb);
		break;
	case NL80211_IFTYPE_STATION:
		vw_data_sta_tx(radio, skb);
		break;
	case NL80211_IFTYPE_ADHOC:
		vw_data_ibss_tx(radio, skb);
		break;
	default:
		vw_drop(radio, VW_DROP_NOT_FOR_US);
		kfree_skb(skb);
	}
	rcu_read_unlock();
}

/* ndo_start_xmit: BH disabled */
netdev_tx_t vw_data_xmit(struct sk_buff *skb, struct net_device *ndev)
{
	struct vw_radio *radio = vw_radio_from_ndev(ndev);

	/* the radio's own interface switched to monitor mode injects */
	if (radio->wdev.iftype == NL80211_IFTYPE_MONITOR) {
		vw_monitor_inject(radio, ndev, skb);
		return NETDEV_TX_OK;
	}
	if (!pskb_may_pull(skb, ETH_HLEN)) {
		vw_drop(radio, VW_DROP_MALFORMED);
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	/* the user priority of WMM, from the DSCP as a card's driver does */
	skb->priority = cfg80211_classify8021d(skb, NULL);
	vw_data_cb(skb)->noencrypt = false;
	vw_data_tx(radio, skb);
	return NETDEV_TX_OK;
}

/*
 * What a connect, start_ap or join_ibss says of the control port: EAPOL
 * (and pre-authentication unless no_preauth) over nl80211. Process
 * context.
 */
void vw_data_control_port(struct vw_radio *radio, bool over_nl80211,
			  bool no_preauth, __be16 proto)
{
	WRITE_ONCE(radio->control_port.proto, proto ?: htons(ETH_P_PAE));
	WRITE_ONCE(radio->control_port.no_preauth, no_preauth);
	WRITE_ONCE(radio->control_port.over_nl80211, over_nl80211);
}

/* Is a received frame of this protocol for the control port? */
static bool vw_data_for_control_port(struct vw_radio *radio, int proto)
{
	const struct vw_control_port *cp = &radio->control_port;

	if (!READ_ONCE(cp->over_nl80211))
		return false;
	return proto == ntohs(READ_ONCE(cp->proto)) ||
	       (proto == ETH_P_PREAUTH && !READ_ONCE(cp->no_preauth));
}

/*
 * tx_control_port: user space's EAPOL frame (buf: the payload) to dest,
 * through the data path as if the stack had sent it, at the priority of
 * network control; its tx status says it went on the air. Process
 * context, wiphy lock held.
 */
int vw_data_tx_control_port(struct wiphy *wiphy, struct net_device *ndev,
			    const u8 *buf, size_t len, const u8 *dest,
			    __be16 proto, bool noencrypt, u64 *cookie)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct sk_buff *skb;
	struct ethhdr *eth;
	u64 c;

	if (!netif_running(ndev))
		return -ENETDOWN;
	if (len > ndev->mtu)
		return -EMSGSIZE;
	skb = alloc_skb(VW_HEADROOM + ETH_HLEN + len + VW_TAILROOM,
			GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	skb_reserve(skb, VW_HEADROOM);
	eth = skb_put(skb, ETH_HLEN);
	ether_addr_copy(eth->h_dest, dest);
	ether_addr_copy(eth->h_source, ndev->dev_addr);
	eth->h_proto = proto;
	skb_put_data(skb, buf, len);
	skb->dev = ndev;
	skb->protocol = proto;
	skb->priority = 7;	/* network control, WMM's voice queue */
	vw_data_cb(skb)->noencrypt = noencrypt;
	c = vw_mgmt_cookie(radio);
	*cookie = c;
	local_bh_disable();
	vw_data_tx(radio, skb);
	local_bh_enable();
	return vw_mgmt_report(radio, c, buf, len, true, true);
}

/* Which key protects a received frame, and which peer sent it. */
static struct vw_peer *vw_data_rx_peer(struct vw_radio *radio,
				       const struct vw_frame *f,
				       const struct vw_air_info *info,
				       u8 *da, u8 *sa, enum vw_drop *why)
{
	bool tods = f->fc & VW_FC_TODS, fromds = f->fc & VW_FC_FROMDS;
	const u8 *mine = radio->ndev->dev_addr;
	struct vw_peer *peer;

	*why = VW_DROP_NOT_FOR_US;
	switch (radio->wdev.iftype) {
	case NL80211_IFTYPE_STATION:
		peer = rcu_dereference(radio->sta.ap);
		if (!fromds || tods || !peer ||
		    !ether_addr_equal(f->addr2, peer->addr))
			return NULL;
		if (is_multicast_ether_addr(f->addr1)) {
			/* our own broadcast, relayed by the AP */
			if (ether_addr_equal(f->addr3, mine))
				return NULL;
		} else if (!ether_addr_equal(f->addr1, mine)) {
			return NULL;
		}
		ether_addr_copy(da, f->addr1);
		ether_addr_copy(sa, f->addr3);
		return peer;
	case NL80211_IFTYPE_AP:
		if (!tods || fromds || !ether_addr_equal(f->addr1, mine) ||
		    !READ_ONCE(radio->ap.started))
			return NULL;
		peer = vw_peer_find(radio, f->addr2);
		if (!peer || peer->state != VW_PEER_ASSOC) {
			*why = VW_DROP_UNKNOWN_PEER;
			return NULL;
		}
		ether_addr_copy(da, f->addr3);
		ether_addr_copy(sa, f->addr2);
		return peer;
	case NL80211_IFTYPE_ADHOC:
		if (tods || fromds || !READ_ONCE(radio->ibss.joined) ||
		    !ether_addr_equal(f->addr3, radio->ibss.bssid))
			return NULL;
		if (!is_multicast_ether_addr(f->addr1) &&
		    !ether_addr_equal(f->addr1, mine))
			return NULL;
		spin_lock(&radio->lock);
		peer = vw_ibss_peer_seen(radio, f->addr2, info, why);
		spin_unlock(&radio->lock);
		ether_addr_copy(da, f->addr1);
		ether_addr_copy(sa, f->addr2);
		return peer;
	default:
		return NULL;
	}
}

/* Decrypts in place; afterwards the frame looks unprotected. */
static int vw_data_rx_decrypt(struct vw_radio *radio, struct sk_buff *skb,
			      const struct vw_frame *f, struct vw_peer *peer,
			      enum vw_drop *why)
{
	struct vw_key *key;
	u64 pn;
	u8 idx;

	*why = VW_DROP_MALFORMED;
	if (vw_ccmp_hdr_get(f->body, f->body_len, &pn, &idx) < 0)
		return -EINVAL;
	*why = VW_DROP_NO_KEY;
	idx %= VW_NUM_DATA_KEYS;
	if (is_multicast_ether_addr(f->addr1) &&
	    radio->wdev.iftype == NL80211_IFTYPE_ADHOC)
		key = rcu_dereference(peer->gtk[idx]);	/* the sender's own */
	else if (is_multicast_ether_addr(f->addr1))
		key = rcu_dereference(radio->gtk[idx]);
	else
		key = rcu_dereference(peer->ptk);
	if (!key)
		return -ENOKEY;
	return vw_key_decrypt(key, skb, 0, f, why);
}

/*
 * NAPI: a data frame addressed to this radio. Consumes the skb. The frame
 * has been parsed and length-checked; f points into skb.
 */
void vw_data_rx(struct vw_radio *radio, struct sk_buff *skb,
		const struct vw_frame *f, const struct vw_air_info *info)
{
	struct net_device *ndev = radio->ndev;
	u8 da[ETH_ALEN], sa[ETH_ALEN];
	struct vw_peer *peer, *dst;
	size_t hdr_len = f->hdr_len;
	enum vw_drop why;
	struct ethhdr *eth;
	int proto;

	rcu_read_lock();
	peer = vw_data_rx_peer(radio, f, info, da, sa, &why);
	if (!peer)
		goto drop;
	peer->last_rx_jiffies = jiffies;
	WRITE_ONCE(peer->signal, info->signal);
	WRITE_ONCE(peer->tx_power, info->tx_power);
	/* a group frame goes at the basic rate: it says nothing of the link */
	if (!is_multicast_ether_addr(f->addr1))
		peer->rx_rate = info->rate;

	if (f->stype != VW_STYPE_DATA && f->stype != VW_STYPE_QOS_DATA) {
		consume_skb(skb);	/* null data: keep-alive only */
		goto out;
	}

	if (f->is_protected) {
		if (vw_data_rx_decrypt(radio, skb, f, peer, &why))
			goto drop;
		proto = vw_llc_snap_get(skb->data + hdr_len,
					skb->len - hdr_len);
	} else {
		proto = vw_llc_snap_get(f->body, f->body_len);
		/* once keys are in place only EAPOL may come in clear */
		if (proto != ETH_P_PAE && rcu_access_pointer(peer->ptk)) {
			why = VW_DROP_NO_KEY;
			goto drop;
		}
	}
	why = VW_DROP_MALFORMED;
	if (proto < 0)
		goto drop;
	why = VW_DROP_UNAUTHORIZED;
	if (!READ_ONCE(peer->authorized) && proto != ETH_P_PAE)
		goto drop;

	skb_pull(skb, hdr_len + VW_LLC_SNAP_LEN);
	eth = skb_push(skb, ETH_HLEN);
	ether_addr_copy(eth->h_dest, da);
	ether_addr_copy(eth->h_source, sa);
	eth->h_proto = htons(proto);
	skb->priority = f->is_qos ? f->tid & 7 : 0;
	atomic64_add(vw_data_frames(skb), &peer->rx_packets);
	atomic64_add(skb->len, &peer->rx_bytes);

	/* EAPOL to user space over nl80211 when it asked for that */
	if (vw_data_for_control_port(radio, proto)) {
		vw_tstats_rx(radio, 1, skb->len);
		skb->protocol = eth_type_trans(skb, ndev);
		vw_rx_control_port(ndev, skb, !f->is_protected);
		consume_skb(skb);
		goto out;
	}

	/*
	 * intra-BSS forwarding; EAPOL is always for the authenticator. The
	 * received skb's cb is whoever's had it last (another machine's
	 * frames come through the network stack): ours starts afresh.
	 */
	if (radio->wdev.iftype == NL80211_IFTYPE_AP &&
	    !READ_ONCE(radio->ap.isolate) && proto != ETH_P_PAE) {
		vw_data_cb(skb)->noencrypt = false;
		if (is_multicast_ether_addr(da)) {
			struct sk_buff *copy = skb_copy(skb, GFP_ATOMIC);

			if (copy)
				vw_data_ap_tx(radio, copy);
		} else {
			dst = vw_peer_find(radio, da);
			if (dst && dst != peer) {
				vw_data_ap_tx(radio, skb);
				goto out;
			}
		}
	}

	vw_tstats_rx(radio, vw_data_frames(skb), skb->len);
	skb->protocol = eth_type_trans(skb, ndev);
	napi_gro_receive(&radio->napi, skb);
out:
	rcu_read_unlock();
	return;
drop:
	rcu_read_unlock();
	vw_drop(radio, why);
	kfree_skb(skb);
}
