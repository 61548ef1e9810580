// SPDX-License-Identifier: GPL-2.0
/*
 * The local air: every frame a radio sends is a real 802.11 MPDU behind
 * an air header (core/vw_air.c). It reaches every other radio of this
 * kernel that listens on the same frequency, each receiver getting its
 * own copy in its receive queue, served by the receiver's NAPI poll.
 * Queues decouple sender and receiver: a radio never runs another
 * radio's code on its own stack, so there is no lock order between them.
 *
 * Most air frames are complete MPDUs in one linear buffer. Bursts
 * (data.c) are the exception: unprotected data that only this kernel's
 * receivers read, kept as the stack built it, payload in page fragments
 * and checksum unfinished. Monitors and other machines never see those.
 */
#include "vwifi.h"

#define VW_RXQ_MAX 1024		/* frames waiting per receiver */
/* what a burst needs linear: air header, longest data header, LLC/SNAP */
#define VW_AIR_BURST_HEADERS (VW_AIR_HDR_LEN + VW_HDR4_LEN + VW_QOS_LEN + \
			      VW_HTC_LEN + VW_LLC_SNAP_LEN)

/* Is the skb a complete MPDU anyone may read, not a burst? */
static bool vw_air_is_mpdu(const struct sk_buff *skb)
{
	return !skb_is_nonlinear(skb) && skb->ip_summed != CHECKSUM_PARTIAL;
}

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

/* Would rx's own interface want this frame? Unicast for others: no. */
static bool vw_air_wants(const struct vw_radio *rx, const u8 *frame,
			 size_t len)
{
	const u8 *a1 = frame + 4;

	if (!READ_ONCE(rx->up) || rx->wdev.iftype == NL80211_IFTYPE_MONITOR)
		return false;
	if (len < 10)
		return true;	/* let the receiver count it as malformed */
	return is_multicast_ether_addr(a1) ||
	       ether_addr_equal(a1, rx->ndev->dev_addr);
}

static void vw_air_deliver(struct vw_radio *rx, struct sk_buff *skb,
			   int signal)
{
	/*
	 * Nothing of the sender's kernel state travels, user pages neither.
	 * The scrub also clears PACKET_OTHERHOST, which the transport's
	 * promiscuous NIC gives frames for our radios and eth_type_trans()
	 * would never clear.
	 */
	if (skb_queue_len(&rx->rxq) >= VW_RXQ_MAX ||
	    skb_orphan_frags_rx(skb, GFP_ATOMIC)) {
		vw_drop(rx, VW_DROP_NO_MEMORY);
		kfree_skb(skb);
		return;
	}
	skb_scrub_packet(skb, true);
	vw_air_set_signal(skb->data, skb_headlen(skb), signal);
	skb_queue_tail(&rx->rxq, skb);
	napi_schedule(&rx->napi);
}

/*
 * Hands an air frame (skb->data at its air header, hlen long) to every
 * local radio that hears it: the model decides, monitors see it at once,
 * interfaces get it through their receive queue. Consumes the skb.
 * Returns whether a radio took it, which for a unicast frame (only the
 * radio it is addressed to takes one) is its ACK. BH disabled, RCU read
 * side.
 */
bool vw_air_distribute(struct sk_buff *skb, size_t hlen,
		       const struct vw_air_info *info,
		       const struct vw_air_src *src)
{
	/* the addresses are in the linear part even of a burst */
	const u8 *frame = skb->data + hlen;
	size_t len = skb_headlen(skb) - hlen;
	bool mpdu = vw_air_is_mpdu(skb);
	struct vw_radio *rx, *last = NULL;
	int last_signal = 0;

	list_for_each_entry_rcu(rx, &vw_radios, list) {
		struct sk_buff *copy;
		bool wants, monitored;
		int signal, why;

		if (rx == src->radio ||
		    READ_ONCE(rx->channel)->center_freq != info->freq ||
		    (src->only && !ether_addr_equal(rx->addr, src->only)))
			continue;
		wants = vw_air_wants(rx, frame, len);
		monitored = atomic_read(&rx->monitors_up);
		if (!wants && !monitored)
			continue;
		why = vw_model_hears(rx, src, info, frame, len, &signal);
		if (why) {
			if (wants)
				vw_drop(rx, why);
			continue;
		}
		/* monitors see the frame as it is on the air, at once */
		if (mpdu)
			vw_monitor_frame(rx, frame, len, info, signal);
		if (!wants)
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
		last_signal = signal;
	}
	if (!last) {
		consume_skb(skb);
		return false;
	}
	vw_air_deliver(last, skb, last_signal);
	return true;
}

/*
 * Sends an 802.11 frame (skb->data at the MAC header) on chan, to this
 * kernel's radios and to the Ethernet transport. Consumes the skb. Returns
 * whether it was acknowledged: a group frame always, a unicast one when
 * the local radio it was for heard it, or, for a radio not on this
 * machine, when the transport carried it (the other machine's verdict is
 * not known here). Any context.
 */
bool vw_air_tx_on(struct vw_radio *radio, struct sk_buff *skb,
		  const struct vw_rate *rate, struct ieee80211_channel *chan)
{
	struct vw_air_info info = {
		.rate = *rate,
		.tx_power = radio->tx_power,
		.seq = atomic_inc_return(&radio->air_seq),
	};
	struct vw_air_src src = {
		.radio = radio,
		.addr = radio->addr,
		.pos = radio->pos,
		.tx_power = radio->tx_power,
	};

	const u8 *a1 = skb->data + 4;
	bool group = skb_headlen(skb) < 10 || is_multicast_ether_addr(a1);
	bool ack, remote;

	info.freq = chan->center_freq;
	memcpy(info.tx_addr, radio->addr, ETH_ALEN);
	if (skb_cow_head(skb, VW_AIR_HDR_LEN)) {
		vw_drop(radio, VW_DROP_NO_MEMORY);
		kfree_skb(skb);
		return false;
	}
	vw_air_encode(&info, skb_push(skb, VW_AIR_HDR_LEN), VW_AIR_HDR_LEN);
	atomic_long_inc(&radio->tx_frames);

	/* BH off: napi_schedule() from process context must run soon */
	local_bh_disable();
	rcu_read_lock();
	/*
	 * A burst was built while no monitor ran and no transport was
	 * attached; one that appeared since misses it.
	 */
	remote = false;
	if (vw_air_is_mpdu(skb)) {
		vw_monitor_frame(radio, skb->data + VW_AIR_HDR_LEN,
				 skb->len - VW_AIR_HDR_LEN, &info,
				 radio->tx_power);
		remote = vw_transport_attached();
		vw_transport_tx(skb);
		remote = remote && !group &&
			 !vw_radio_by_addr(skb->data + VW_AIR_HDR_LEN + 4);
	}
	ack = vw_air_distribute(skb, VW_AIR_HDR_LEN, &info, &src);
	rcu_read_unlock();
	local_bh_enable();
	return group || ack || remote;
}

void vw_air_tx(struct vw_radio *radio, struct sk_buff *skb,
	       const struct vw_rate *rate)
{
	vw_air_tx_on(radio, skb, rate, READ_ONCE(radio->channel));
}

/*
 * A management frame: at the band's most robust basic rate, protected
 * where PMF wants it (pmf.c).
 */
void vw_air_tx_mgmt(struct vw_radio *radio, struct sk_buff *skb)
{
	vw_pmf_tx(radio, skb, READ_ONCE(radio->channel));
}

/*
 * Makes linear what the parsers read: a burst its headers, any other
 * frame the whole of it.
 */
static int vw_air_rx_pull(struct sk_buff *skb)
{
	if (!skb_is_nonlinear(skb))
		return 0;
	if (!skb_is_gso(skb) && skb->ip_summed != CHECKSUM_PARTIAL)
		return skb_linearize(skb);
	return pskb_may_pull(skb, min_t(unsigned int, skb->len,
					VW_AIR_BURST_HEADERS)) ? 0 : -ENOMEM;
}

/* NAPI: one received air frame; consumes the skb */
static void vw_air_rx(struct vw_radio *radio, struct sk_buff *skb)
{
	struct vw_air_info info;
	enum vw_drop why;
	struct vw_frame f;
	int hlen;

	atomic_long_inc(&radio->rx_frames);
	if (vw_air_rx_pull(skb))
		goto drop_nomem;
	/* the parsers see the linear part only: all of it but for a burst */
	hlen = vw_air_decode(skb->data, skb_headlen(skb), &info);
	if (hlen < 0)
		goto drop_malformed;
	if (ether_addr_equal(info.tx_addr, radio->addr))
		goto drop_silently;	/* our own frame came back */
	if (info.freq != READ_ONCE(radio->channel)->center_freq)
		goto drop_not_for_us;
	skb_pull(skb, hlen);
	if (vw_frame_parse(skb->data, skb_headlen(skb), &f) < 0)
		goto drop_malformed;
	/* bursts are unprotected data; the rest of a frame is in f */
	if (skb_is_nonlinear(skb) &&
	    (f.type != VW_FTYPE_DATA || f.is_protected))
		goto drop_malformed;

	switch (f.type) {
	case VW_FTYPE_MGMT:
		switch (vw_pmf_rx(radio, skb, &f, &why)) {
		case VW_PMF_DROP:
			vw_drop(radio, why);
			kfree_skb(skb);
			return;
		case VW_PMF_TAKEN:
			consume_skb(skb);
			return;
		case VW_PMF_PASS:
			break;
		}
		/* what user space registered for is its, not our SME's */
		if (vw_mgmt_rx(radio, skb, &f, &info)) {
			consume_skb(skb);
			return;
		}
		if (radio->wdev.iftype == NL80211_IFTYPE_STATION)
			vw_sta_rx_mgmt(radio, &f, &info);
		else if (radio->wdev.iftype == NL80211_IFTYPE_AP)
			vw_ap_rx_mgmt(radio, &f, &info);
		else if (radio->wdev.iftype == NL80211_IFTYPE_ADHOC)
			vw_ibss_rx_mgmt(radio, &f, &info);
		consume_skb(skb);
		return;
	case VW_FTYPE_DATA:
		vw_data_rx(radio, skb, &f, &info);
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

/*
 * process context, RTNL held (ndo_stop). A sender that saw up == true may
 * still queue a frame after the purge; it waits, unpolled, for the next
 * vw_air_start() or vw_radio_free() to purge it. Waiting for such senders
 * here would cost a grace period per interface going down.
 */
void vw_air_stop(struct vw_radio *radio)
{
	WRITE_ONCE(radio->up, false);
	napi_disable(&radio->napi);
	skb_queue_purge(&radio->rxq);
}
