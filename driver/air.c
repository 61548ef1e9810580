// SPDX-License-Identifier: GPL-2.0
/*
 * The local air: every frame a radio sends is a real 802.11 MPDU behind
 * an air header (core/vw_air.c). It reaches every other radio of this
 * kernel that listens on the same frequency, each receiver getting its
 * own copy in its receive queue, served by the receiver's NAPI poll.
 * Queues decouple sender and receiver: a radio never runs another
 * radio's code on its own stack, so there is no lock order between them.
 */
#include "vwifi.h"

#define VW_RXQ_MAX 1024		/* frames waiting per receiver */
#define VW_DISTANCE_CM 100	/* until radios have positions */
#define VW_PATH_LOSS_EXP_X10 20

/* any context */
struct sk_buff *vw_air_alloc(struct vw_radio *radio, size_t len)
{
	struct sk_buff *skb;

	skb = alloc_skb(VW_AIR_HDR_LEN + len, GFP_ATOMIC);
	if (!skb) {
		vw_drop(radio, VW_DROP_NO_MEMORY);
		return NULL;
	}
	skb_reserve(skb, VW_AIR_HDR_LEN);
	return skb;
}

static int vw_air_signal(const struct vw_radio *tx, const struct vw_radio *rx)
{
	return vw_model_signal_dbm(tx->tx_power, VW_DISTANCE_CM,
				   VW_PATH_LOSS_EXP_X10);
}

/* Would rx want this frame? Unicast frames for others are not copied. */
static bool vw_air_wants(const struct vw_radio *rx, const struct sk_buff *skb,
			 u16 freq)
{
	const u8 *a1;

	if (!READ_ONCE(rx->up) || READ_ONCE(rx->channel)->center_freq != freq)
		return false;
	if (skb->len < VW_AIR_HDR_LEN + 10)
		return true;	/* let the receiver count it as malformed */
	a1 = skb->data + VW_AIR_HDR_LEN + 4;
	return is_multicast_ether_addr(a1) ||
	       ether_addr_equal(a1, rx->ndev->dev_addr);
}

static void vw_air_deliver(struct vw_radio *rx, struct sk_buff *skb,
			   int signal)
{
	if (skb_queue_len(&rx->rxq) >= VW_RXQ_MAX) {
		vw_drop(rx, VW_DROP_NO_MEMORY);
		kfree_skb(skb);
		return;
	}
	vw_air_set_signal(skb->data, skb->len, signal);
	skb_queue_tail(&rx->rxq, skb);
	napi_schedule(&rx->napi);
}

/*
 * Sends an 802.11 frame (skb->data at the MAC header) on the radio's
 * current channel. Consumes the skb. Any context.
 */
void vw_air_tx(struct vw_radio *radio, struct sk_buff *skb, u16 rate)
{
	struct vw_air_info info = {
		.rate = rate,
		.tx_power = radio->tx_power,
		.seq = atomic_inc_return(&radio->air_seq),
	};
	struct vw_radio *rx, *last = NULL;
	int last_signal = 0;

	info.freq = READ_ONCE(radio->channel)->center_freq;
	memcpy(info.tx_addr, radio->addr, ETH_ALEN);
	if (skb_cow_head(skb, VW_AIR_HDR_LEN)) {
		vw_drop(radio, VW_DROP_NO_MEMORY);
		kfree_skb(skb);
		return;
	}
	vw_air_encode(&info, skb_push(skb, VW_AIR_HDR_LEN), VW_AIR_HDR_LEN);

	/* BH off: napi_schedule() from process context must run soon */
	local_bh_disable();
	rcu_read_lock();
	list_for_each_entry_rcu(rx, &vw_radios, list) {
		struct sk_buff *copy;

		if (rx == radio || !vw_air_wants(rx, skb, info.freq))
			continue;
		/* the last receiver gets the original, the others copies */
		if (last) {
			copy = skb_copy(skb, GFP_ATOMIC);
			if (copy)
				vw_air_deliver(last, copy, last_signal);
			else
				vw_drop(last, VW_DROP_NO_MEMORY);
		}
		last = rx;
		last_signal = vw_air_signal(radio, rx);
	}
	if (last)
		vw_air_deliver(last, skb, last_signal);
	else
		consume_skb(skb);
	rcu_read_unlock();
	local_bh_enable();
}

/* NAPI: one received air frame; consumes the skb */
static void vw_air_rx(struct vw_radio *radio, struct sk_buff *skb)
{
	struct vw_air_info info;
	struct vw_frame f;
	int hlen, signal;

	if (skb_linearize(skb))
		goto drop_nomem;
	hlen = vw_air_decode(skb->data, skb->len, &info);
	if (hlen < 0)
		goto drop_malformed;
	if (ether_addr_equal(info.tx_addr, radio->addr))
		goto drop_silently;	/* our own frame came back */
	if (info.freq != READ_ONCE(radio->channel)->center_freq)
		goto drop_not_for_us;
	signal = info.signal;
	if (signal < VW_SENSITIVITY_DBM) {
		vw_drop(radio, VW_DROP_SIGNAL);
		goto drop_silently;
	}
	skb_pull(skb, hlen);
	if (vw_frame_parse(skb->data, skb->len, &f) < 0)
		goto drop_malformed;

	switch (f.type) {
	case VW_FTYPE_MGMT:
		if (radio->wdev.iftype == NL80211_IFTYPE_STATION)
			vw_sta_rx_mgmt(radio, &f, signal);
		else if (radio->wdev.iftype == NL80211_IFTYPE_AP)
			vw_ap_rx_mgmt(radio, &f, signal);
		consume_skb(skb);
		return;
	case VW_FTYPE_DATA:
		vw_data_rx(radio, skb, &f, signal);
		return;
	}
drop_malformed:
	vw_drop(radio, VW_DROP_MALFORMED);
	kfree_skb(skb);
	return;
drop_not_for_us:
	vw_drop(radio, VW_DROP_NOT_FOR_US);
drop_silently:
	kfree_skb(skb);
	return;
drop_nomem:
	vw_drop(radio, VW_DROP_NO_MEMORY);
	kfree_skb(skb);
}

/* softirq */
int vw_air_napi_poll(struct napi_struct *napi, int budget)
{
	struct vw_radio *radio = container_of(napi, struct vw_radio, napi);
	struct sk_buff *skb;
	int done = 0;

	while (done < budget && (skb = skb_dequeue(&radio->rxq))) {
		vw_air_rx(radio, skb);
		done++;
	}
	/* a sender may have queued after our last look: look again */
	if (done < budget && napi_complete_done(napi, done) &&
	    !skb_queue_empty(&radio->rxq))
		napi_schedule(napi);
	return done;
}

/* process context, RTNL held (ndo_open) */
void vw_air_start(struct vw_radio *radio)
{
	skb_queue_purge(&radio->rxq);
	napi_enable(&radio->napi);
	WRITE_ONCE(radio->up, true);
}

/* process context, RTNL held (ndo_stop) */
void vw_air_stop(struct vw_radio *radio)
{
	WRITE_ONCE(radio->up, false);
	/* senders that saw up == true finish before we stop polling */
	synchronize_net();
	napi_disable(&radio->napi);
	skb_queue_purge(&radio->rxq);
}
