// SPDX-License-Identifier: GPL-2.0
/*
 * Management frames to and from user space, as a FullMAC card's firmware
 * hands them over: what user space registers for (action frames: GAS,
 * SA Query, WNM, FT ...) goes up with cfg80211_rx_mgmt() instead of to
 * our own SME; what it sends with mgmt_tx goes on the air, off the
 * current channel if it asks (listening there for the answer for as long
 * as it waits), and its tx status says whether the addressed radio heard
 * it. remain_on_channel parks the radio on another channel for a while,
 * as a scan does. One off-channel stay at a time.
 */
#include "vwifi.h"

/* what user space may send and register to receive, per interface type */
#define VW_STYPE(s) BIT((s) >> 4)
const struct ieee80211_txrx_stypes vw_mgmt_stypes[NUM_NL80211_IFTYPES] = {
	/* authentication: SAE, which user space runs (sta.c, ap.c) */
	[NL80211_IFTYPE_STATION] = {
		.tx = VW_STYPE(IEEE80211_STYPE_ACTION) |
		      VW_STYPE(IEEE80211_STYPE_AUTH),
		.rx = VW_STYPE(IEEE80211_STYPE_ACTION) |
		      VW_STYPE(IEEE80211_STYPE_AUTH),
	},
	[NL80211_IFTYPE_AP] = {
		.tx = VW_STYPE(IEEE80211_STYPE_ACTION) |
		      VW_STYPE(IEEE80211_STYPE_AUTH),
		.rx = VW_STYPE(IEEE80211_STYPE_ACTION) |
		      VW_STYPE(IEEE80211_STYPE_AUTH),
	},
	[NL80211_IFTYPE_ADHOC] = {
		.tx = VW_STYPE(IEEE80211_STYPE_ACTION),
		.rx = VW_STYPE(IEEE80211_STYPE_ACTION),
	},
};

/* a frame's tx status waiting in mgmt.status_q, in its skb's cb */
struct vw_mgmt_status {
	u64 cookie;
	bool ack;
	bool control_port;	/* tx_control_port's, else mgmt_tx's */
};

static struct vw_mgmt_status *vw_mgmt_status(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct vw_mgmt_status) > sizeof(skb->cb));
	return (struct vw_mgmt_status *)skb->cb;
}

/*
 * Reports after the op that sent the frame has returned its cookie, so
 * user space always knows the cookie before the report. Process context.
 */
static void vw_mgmt_status_work(struct work_struct *work)
{
	struct vw_radio *radio = container_of(work, struct vw_radio,
					      mgmt.status_work);
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&radio->mgmt.status_q))) {
		struct vw_mgmt_status *st = vw_mgmt_status(skb);

		if (st->control_port)
			cfg80211_control_port_tx_status(&radio->wdev,
							st->cookie, skb->data,
							skb->len, st->ack,
							GFP_KERNEL);
		else
			cfg80211_mgmt_tx_status(&radio->wdev, st->cookie,
						skb->data, skb->len, st->ack,
						GFP_KERNEL);
		consume_skb(skb);
	}
}

/*
 * Queues the tx status of a frame user space sent (its copy in buf) for
 * the work above. Process context.
 */
int vw_mgmt_report(struct vw_radio *radio, u64 cookie, const u8 *buf,
		   size_t len, bool ack, bool control_port)
{
	struct sk_buff *report = alloc_skb(len, GFP_KERNEL);

	if (!report)
		return -ENOMEM;
	skb_put_data(report, buf, len);
	vw_mgmt_status(report)->cookie = cookie;
	vw_mgmt_status(report)->ack = ack;
	vw_mgmt_status(report)->control_port = control_port;
	skb_queue_tail(&radio->mgmt.status_q, report);
	queue_work(vw_wq, &radio->mgmt.status_work);
	return 0;
}

/* The channel the radio belongs on when no off-channel stay holds it. */
static struct ieee80211_channel *vw_mgmt_home(struct vw_radio *radio,
					      struct ieee80211_channel *was)
{
	if (radio->sta.state == VW_STA_CONNECTED) {
		radio->sta.last_beacon = jiffies;	/* we were away */
		return radio->sta.chan;
	}
	return was;
}

/*
 * Ends the off-channel stay with this cookie (any with cookie 0): back
 * home, and user space told. Process context.
 */
static void vw_mgmt_offchan_end(struct vw_radio *radio, u64 cookie)
{
	struct vw_mgmt *m = &radio->mgmt;
	struct ieee80211_channel *chan;
	bool roc;

	spin_lock_bh(&radio->lock);
	chan = m->offchan;
	if (!chan || (cookie && cookie != m->offchan_cookie)) {
		spin_unlock_bh(&radio->lock);
		return;
	}
	cookie = m->offchan_cookie;
	roc = m->offchan_roc;
	m->offchan = NULL;
	WRITE_ONCE(radio->channel, vw_mgmt_home(radio, m->home));
	spin_unlock_bh(&radio->lock);
	if (roc)
		cfg80211_remain_on_channel_expired(&radio->wdev, cookie, chan,
						   GFP_KERNEL);
	else
		cfg80211_tx_mgmt_expired(&radio->wdev, cookie, chan,
					 GFP_KERNEL);
}

static void vw_mgmt_offchan_work(struct work_struct *work)
{
	struct vw_radio *radio = container_of(to_delayed_work(work),
					      struct vw_radio,
					      mgmt.offchan_end);

	vw_mgmt_offchan_end(radio, 0);
}

/*
 * Moves the radio to chan for ms milliseconds. Refused while an AP
 * beacons or a connection or scan is being made: those own the channel.
 * Process context, wiphy lock held.
 */
static int vw_mgmt_offchan_start(struct vw_radio *radio,
				 struct ieee80211_channel *chan,
				 unsigned int ms, u64 cookie, bool roc)
{
	struct vw_mgmt *m = &radio->mgmt;
	enum vw_sta_state st;

	spin_lock_bh(&radio->lock);
	st = radio->sta.state;
	if (m->offchan || radio->ap.started || radio->ibss.joined ||
	    radio->sta.scan_req ||
	    (st != VW_STA_IDLE && st != VW_STA_CONNECTED)) {
		spin_unlock_bh(&radio->lock);
		return -EBUSY;
	}
	m->offchan = chan;
	m->offchan_cookie = cookie;
	m->offchan_roc = roc;
	m->home = radio->channel;
	WRITE_ONCE(radio->channel, chan);
	spin_unlock_bh(&radio->lock);
	netdev_dbg(radio->ndev, "off-channel on %u MHz for %u ms (%s)\n",
		   chan->center_freq, ms, roc ? "remain-on-channel" : "tx wait");
	queue_delayed_work(vw_wq, &m->offchan_end, msecs_to_jiffies(ms));
	return 0;
}

/* wiphy lock held: the cookie of a frame or stay user space asked for */
u64 vw_mgmt_cookie(struct vw_radio *radio)
{
	/* 0 means "any" to vw_mgmt_offchan_end(): never hand it out */
	if (!++radio->mgmt.last_cookie)
		++radio->mgmt.last_cookie;
	return radio->mgmt.last_cookie;
}

int vw_mgmt_roc(struct wiphy *wiphy, struct wireless_dev *wdev,
		struct ieee80211_channel *chan, unsigned int duration,
		u64 *cookie)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	u64 c = vw_mgmt_cookie(radio);
	int err;

	if (wdev != &radio->wdev)
		return -EOPNOTSUPP;
	if (!READ_ONCE(radio->up))
		return -ENETDOWN;
	err = vw_mgmt_offchan_start(radio, chan, duration, c, true);
	if (err)
		return err;
	*cookie = c;
	/* user space reads this after the reply that gives it the cookie */
	cfg80211_ready_on_channel(wdev, c, chan, duration, GFP_KERNEL);
	return 0;
}

int vw_mgmt_cancel_roc(struct wiphy *wiphy, struct wireless_dev *wdev,
		       u64 cookie)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);

	if (!cookie || READ_ONCE(radio->mgmt.offchan_cookie) != cookie)
		return -ENOENT;
	cancel_delayed_work_sync(&radio->mgmt.offchan_end);
	vw_mgmt_offchan_end(radio, cookie);
	return 0;
}

int vw_mgmt_tx_cancel_wait(struct wiphy *wiphy, struct wireless_dev *wdev,
			   u64 cookie)
{
	return vw_mgmt_cancel_roc(wiphy, wdev, cookie);
}

/*
 * A frame user space sends: the SMEs follow the SAE exchanges it runs
 * (AP: hostapd's confirm lets the station associate; station: the
 * exchange started).
 */
static void vw_mgmt_tx_seen(struct vw_radio *radio, const u8 *frame,
			    size_t len)
{
	struct vw_frame f;

	if (vw_frame_parse(frame, len, &f) < 0 || f.type != VW_FTYPE_MGMT ||
	    f.stype != VW_STYPE_AUTH || f.body_len < VW_AUTH_FIXED ||
	    vw_get_le16(f.body) != WLAN_AUTH_SAE)
		return;
	if (radio->wdev.iftype == NL80211_IFTYPE_AP)
		vw_ap_sae_tx(radio, &f);
	else if (radio->wdev.iftype == NL80211_IFTYPE_STATION)
		vw_sta_sae_tx(radio);
}

/*
 * mgmt_tx: process context, wiphy lock held. The frame goes out as user
 * space built it (our sequence number in it) at the band's management
 * rate; off the current channel only when user space allows it.
 */
int vw_mgmt_tx(struct wiphy *wiphy, struct wireless_dev *wdev,
	       struct cfg80211_mgmt_tx_params *params, u64 *cookie)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct ieee80211_channel *chan = params->chan;
	struct sk_buff *skb;
	u64 c;
	bool ack;

	if (wdev != &radio->wdev)
		return -EOPNOTSUPP;
	if (!READ_ONCE(radio->up))
		return -ENETDOWN;
	if (params->len < VW_HDR3_LEN)
		return -EINVAL;
	if (!chan)
		chan = READ_ONCE(radio->channel);
	c = vw_mgmt_cookie(radio);
	if (chan != READ_ONCE(radio->channel)) {
		int err = -EBUSY;

		if (params->offchan)
			err = vw_mgmt_offchan_start(radio, chan,
						    min(params->wait ?: 10U,
							(unsigned int)VW_ROC_MAX_MS),
						    c, false);
		if (err)
			return err;
	}

	skb = vw_air_alloc(radio, params->len + VW_CIPHER_HDR_LEN +
			   VW_CIPHER_MIC_MAX);
	if (!skb)
		return -ENOMEM;
	skb_put_data(skb, params->buf, params->len);
	vw_put_le16(skb->data + 22, vw_next_seq(radio) << 4);
	vw_mgmt_tx_seen(radio, skb->data, skb->len);
	ack = vw_pmf_tx(radio, skb, chan);
	*cookie = c;
	return vw_mgmt_report(radio, c, params->buf, params->len, ack, false);
}

/* process context, wiphy lock held */
void vw_mgmt_update_registrations(struct wiphy *wiphy,
				  struct wireless_dev *wdev,
				  struct mgmt_frame_regs *upd)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);

	if (wdev == &radio->wdev)
		WRITE_ONCE(radio->mgmt.rx_stypes,
			   upd->interface_stypes | upd->global_stypes);
}

/* whether user space registered for management frames of this subtype */
bool vw_mgmt_wanted(struct vw_radio *radio, u8 stype)
{
	return READ_ONCE(radio->mgmt.rx_stypes) & BIT(stype);
}

/*
 * NAPI: hands the management frame f (parsed in place, not protected)
 * to user space. Returns true when user space took it.
 */
bool vw_mgmt_to_user(struct vw_radio *radio, const struct vw_frame *f,
		     const struct vw_air_info *info)
{
	const u8 *frame = f->addr1 - 4;	/* frame control and duration */

	return cfg80211_rx_mgmt(&radio->wdev, info->freq, info->signal,
				frame, f->body + f->body_len - frame, 0);
}

/*
 * NAPI: a management frame for us. Returns true when user space took it
 * (it registered for its subtype and, for action frames, its category);
 * the caller then consumes the skb. Authentication frames are the SME's
 * to give up or keep: only SAE is user space's.
 */
bool vw_mgmt_rx(struct vw_radio *radio, struct sk_buff *skb,
		const struct vw_frame *f, const struct vw_air_info *info)
{
	if (f->stype == VW_STYPE_AUTH || !vw_mgmt_wanted(radio, f->stype))
		return false;
	return cfg80211_rx_mgmt(&radio->wdev, info->freq, info->signal,
				skb->data, skb->len, 0);
}

void vw_mgmt_init(struct vw_radio *radio)
{
	skb_queue_head_init(&radio->mgmt.status_q);
	INIT_WORK(&radio->mgmt.status_work, vw_mgmt_status_work);
	INIT_DELAYED_WORK(&radio->mgmt.offchan_end, vw_mgmt_offchan_work);
}

/*
 * process context: the netdev goes down or the radio away. An off-channel
 * stay ends as if it had run out; reports not yet made are dropped.
 */
void vw_mgmt_stop(struct vw_radio *radio)
{
	cancel_delayed_work_sync(&radio->mgmt.offchan_end);
	vw_mgmt_offchan_end(radio, 0);
	cancel_work_sync(&radio->mgmt.status_work);
	skb_queue_purge(&radio->mgmt.status_q);
}
