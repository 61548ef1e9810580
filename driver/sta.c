// SPDX-License-Identifier: GPL-2.0
/*
 * Station mode: what the firmware of a FullMAC card does for cfg80211's
 * connect API. Scanning sends real probe requests and reports beacons
 * and probe responses; connecting (after probing for the BSS itself when
 * user space did not scan first) sends open-system authentication and
 * association requests and waits for the AP's answers, with retries.
 * SAE authentication (WPA3) is wpa_supplicant's through cfg80211's
 * external authentication; the association is ours again.
 * A connected station watches the AP's beacons and reports their loss.
 */
#include <linux/delay.h>

#include "vwifi.h"

#define VW_SME_RETRY_MS 200
#define VW_SME_TRIES 5
/* how long user space may take over SAE (several groups, retries) */
#define VW_SAE_TIMEOUT_MS 10000
#define VW_SAE_ASK_AGAIN_MS 2000	/* while user space sends nothing */
#define VW_WATCH_MS 500
#define VW_BEACON_LOSS_MS 4000
/*
 * Active scan, per channel: MinChannelTime, then MaxChannelTime when
 * anything was heard. Frames from other machines come later than the
 * local air's, so with the transport every channel gets the maximum.
 */
#define VW_SCAN_MIN_US 10000
#define VW_SCAN_ACTIVE_MS 40
#define VW_SCAN_PASSIVE_MS 120
#define VW_LISTEN_INTERVAL 10

static u16 vw_sta_capab(struct vw_radio *radio)
{
	return VW_CAP_ESS | VW_CAP_SHORT_PREAMBLE | VW_CAP_SHORT_SLOT |
	       (radio->sta.open ? 0 : VW_CAP_PRIVACY);
}

/* radio->lock held */
static void vw_sta_send_auth(struct vw_radio *radio)
{
	struct vw_sta *sta = &radio->sta;

	vw_air_send_mgmt(radio, VW_HDR3_LEN + VW_AUTH_FIXED, vw_build_auth,
			 sta->bssid, radio->ndev->dev_addr, sta->bssid,
			 vw_next_seq(radio), WLAN_AUTH_OPEN, 1, 0);
}

/* radio->lock held */
static void vw_sta_send_assoc(struct vw_radio *radio)
{
	struct vw_sta *sta = &radio->sta;

	vw_air_send_mgmt(radio, VW_HDR3_LEN + VW_ASSOC_REQ_FIXED +
			 sta->assoc_ies_len,
			 vw_build_assoc_req, false, sta->bssid,
			 radio->ndev->dev_addr, vw_next_seq(radio),
			 vw_sta_capab(radio), VW_LISTEN_INTERVAL, NULL,
			 sta->assoc_ies, sta->assoc_ies_len);
}

/*
 * Leaves the current state, radio->lock held. Returns the BSS reference
 * the caller must hand to cfg80211 or put.
 */
static struct cfg80211_bss *vw_sta_leave(struct vw_radio *radio)
{
	struct vw_sta *sta = &radio->sta;
	struct cfg80211_bss *bss = sta->bss;
	struct vw_peer *ap;

	lockdep_assert_held(&radio->lock);
	ap = rcu_replace_pointer(sta->ap, NULL, lockdep_is_held(&radio->lock));
	if (ap)
		vw_peer_remove(radio, ap);
	sta->bss = NULL;
	sta->state = VW_STA_IDLE;
	kfree(sta->assoc_ies);
	sta->assoc_ies = NULL;
	sta->assoc_ies_len = 0;
	kfree(sta->sme_ies);
	sta->sme_ies = NULL;
	sta->sme_ies_len = 0;
	netif_carrier_off(radio->ndev);
	return bss;
}

static void vw_sta_put_bss(struct vw_radio *radio, struct cfg80211_bss *bss)
{
	if (bss)
		cfg80211_put_bss(radio->wiphy, bss);
}

/* radio->lock held, any context: the connection attempt failed */
static void vw_sta_connect_failed(struct vw_radio *radio, int status,
				  enum nl80211_timeout_reason timeout)
{
	u8 bssid[ETH_ALEN];
	struct cfg80211_bss *bss;

	ether_addr_copy(bssid, radio->sta.bssid);
	bss = vw_sta_leave(radio);
	/* cfg80211 takes over our reference to bss */
	cfg80211_connect_bss(radio->ndev,
			     is_zero_ether_addr(bssid) ? NULL : bssid, bss,
			     NULL, 0, NULL, 0, status, GFP_ATOMIC, timeout);
}

/* radio->lock held, any context: the AP left us or we left it */
static void vw_sta_disconnected(struct vw_radio *radio, u16 reason,
				bool locally)
{
	vw_sta_put_bss(radio, vw_sta_leave(radio));
	cfg80211_disconnected(radio->ndev, reason, NULL, 0, locally,
			      GFP_ATOMIC);
}

/*
 * The association request's elements for bss: SSID, the band's rates,
 * what wpa_supplicant gave (RSN ...), our HT and VHT capabilities where
 * the BSS has them too, and a WMM information element where it does WMM,
 * as a card's firmware adds them. radio->lock held.
 */
static int vw_sta_build_assoc_ies(struct vw_radio *radio,
				  struct cfg80211_bss *bss)
{
	struct vw_sta *sta = &radio->sta;
	static const u8 wmm_info[] = { 0x00, 0x50, 0xf2, VW_WMM_TYPE,
				       0 /* information */, 1 /* version */,
				       0 /* no U-APSD */ };
	const struct cfg80211_bss_ies *bies;
	bool ht, vht, wmm;
	size_t cap;
	u8 *ies;
	int n, r;

	rcu_read_lock();
	bies = rcu_dereference(bss->ies);
	ht = bies && vw_ie_find(bies->data, bies->len, VW_EID_HT_CAP) &&
	     !sta->no_ht;
	vht = ht && vw_ie_find(bies->data, bies->len, VW_EID_VHT_CAP) &&
	      !sta->no_vht;
	wmm = bies && vw_ie_find_vendor(bies->data, bies->len,
					VW_OUI_MICROSOFT, VW_WMM_TYPE);
	rcu_read_unlock();

	cap = 2 + IEEE80211_MAX_SSID_LEN + VW_BAND_IES_MAX + sta->sme_ies_len +
	      2 + sizeof(wmm_info);
	ies = kmalloc(cap, GFP_ATOMIC);
	if (!ies)
		return -ENOMEM;
	n = vw_ie_put(ies, cap, VW_EID_SSID, sta->ssid, sta->ssid_len);
	r = n < 0 ? n : vw_ie_put_legacy_rates(ies + n, cap - n,
					       vw_band_of(bss->channel)->cck);
	if (r < 0)
		goto err_free;
	n += r;
	memcpy(ies + n, sta->sme_ies, sta->sme_ies_len);
	n += sta->sme_ies_len;
	r = vw_band_put_caps(radio->wiphy, bss->channel->band, ies + n,
			     cap - n, ht, vht);
	if (r < 0)
		goto err_free;
	n += r;
	if (wmm)
		n += vw_ie_put(ies + n, cap - n, VW_EID_VENDOR, wmm_info,
			       sizeof(wmm_info));
	kfree(sta->assoc_ies);
	sta->assoc_ies = ies;
	sta->assoc_ies_len = n;
	return 0;

err_free:
	kfree(ies);
	return -ENOSPC;
}

/*
 * softirq, radio->lock held: SAE is user space's (external
 * authentication). It sends and receives the authentication frames and
 * says with external_auth how it went; we stay on the BSS's channel. The
 * request goes from the timer: nl80211 makes the caller of connect the
 * connection's owner (the only one who may answer) after our connect op
 * returned. Returns the delay until the next step, 0 when done.
 */
static unsigned long vw_sta_sae_step(struct vw_radio *radio)
{
	struct vw_sta *sta = &radio->sta;
	/*
	 * The suite with its octets in wire order: wpa_supplicant 2.10
	 * reads it so (later ones accept this and host order alike).
	 */
	struct cfg80211_external_auth_params params = {
		.action = NL80211_EXTERNAL_AUTH_START,
		.key_mgmt_suite = (__force u32)cpu_to_be32(sta->sae_akm),
	};
	int err;

	if (sta->sae_asked) {
		if (time_after_eq(jiffies, sta->sae_deadline)) {
			netdev_info(radio->ndev,
				    "SAE: no outcome from user space\n");
			vw_sta_connect_failed(radio,
					      WLAN_STATUS_UNSPECIFIED_FAILURE,
					      NL80211_TIMEOUT_AUTH);
			return 0;
		}
		if (sta->sae_heard)
			return max(sta->sae_deadline - jiffies, 1UL);
		/*
		 * Not a frame from it yet: wpa_supplicant 2.10 drops a
		 * request that comes before its connect call returned (it
		 * has no network yet). Ask again.
		 */
	}
	ether_addr_copy(params.bssid, sta->bssid);
	memcpy(params.ssid.ssid, sta->ssid, sta->ssid_len);
	params.ssid.ssid_len = sta->ssid_len;
	err = cfg80211_external_auth_request(radio->ndev, &params, GFP_ATOMIC);
	if (!err) {
		if (!sta->sae_asked)
			sta->sae_deadline = jiffies +
					    msecs_to_jiffies(VW_SAE_TIMEOUT_MS);
		sta->sae_asked = true;
		return msecs_to_jiffies(VW_SAE_ASK_AGAIN_MS);
	}
	/* -EINVAL: no owner yet, or never (it did not ask to be one) */
	if (err == -EINVAL && !sta->sae_asked && ++sta->tries < VW_SME_TRIES)
		return msecs_to_jiffies(VW_SME_RETRY_MS);
	netdev_info(radio->ndev, "SAE: user space cannot authenticate (%d)\n",
		    err);
	vw_sta_connect_failed(radio, WLAN_STATUS_UNSPECIFIED_FAILURE,
			      NL80211_TIMEOUT_AUTH);
	return 0;
}

/* process context: user space sends a SAE frame (mgmt.c) */
void vw_sta_sae_tx(struct vw_radio *radio)
{
	spin_lock_bh(&radio->lock);
	if (radio->sta.state == VW_STA_EXT_AUTH)
		radio->sta.sae_heard = true;
	spin_unlock_bh(&radio->lock);
}

/* radio->lock held: authenticated, now the association request */
static void vw_sta_begin_assoc(struct vw_radio *radio)
{
	struct vw_sta *sta = &radio->sta;

	sta->state = VW_STA_ASSOCIATING;
	sta->tries = 1;
	vw_sta_send_assoc(radio);
	mod_timer(&sta->sme_timer, jiffies + msecs_to_jiffies(VW_SME_RETRY_MS));
}

/* radio->lock held: the BSS is known, authenticate with it */
static void vw_sta_begin_auth(struct vw_radio *radio, struct cfg80211_bss *bss)
{
	struct vw_sta *sta = &radio->sta;

	if (vw_sta_build_assoc_ies(radio, bss)) {
		sta->bss = bss;
		vw_sta_connect_failed(radio, WLAN_STATUS_UNSPECIFIED_FAILURE,
				      NL80211_TIMEOUT_UNSPECIFIED);
		return;
	}
	sta->bss = bss;
	ether_addr_copy(sta->bssid, bss->bssid);
	sta->beacon_int = bss->beacon_interval;
	sta->chan = bss->channel;
	WRITE_ONCE(radio->channel, sta->chan);
	if (sta->sae_akm) {
		sta->state = VW_STA_EXT_AUTH;
		sta->sae_asked = false;
		sta->sae_heard = false;
		sta->tries = 0;
		mod_timer(&sta->sme_timer, jiffies + 1);
		return;
	}
	sta->state = VW_STA_AUTHENTICATING;
	sta->tries = 1;
	vw_sta_send_auth(radio);
	mod_timer(&sta->sme_timer, jiffies + msecs_to_jiffies(VW_SME_RETRY_MS));
}

static struct cfg80211_bss *vw_sta_find_bss(struct vw_radio *radio,
					    struct ieee80211_channel *chan,
					    const u8 *bssid)
{
	struct vw_sta *sta = &radio->sta;

	return cfg80211_get_bss(radio->wiphy, chan, bssid, sta->ssid,
				sta->ssid_len, IEEE80211_BSS_TYPE_ESS,
				IEEE80211_PRIVACY_ANY);
}

/*
 * softirq, radio->lock held: connect was asked for a BSS we have not seen,
 * so probe for it channel by channel as a card's firmware would.
 * Returns the delay until the next step, 0 when done.
 */
static unsigned long vw_sta_search_step(struct vw_radio *radio)
{
	struct vw_sta *sta = &radio->sta;
	struct ieee80211_channel *chan = NULL;
	struct cfg80211_bss *bss;
	u8 ies[VW_BAND_IES_MAX];
	int n = sta->search_chan ? VW_SME_TRIES : vw_num_channels(radio->wiphy);
	int ies_len;

	bss = vw_sta_find_bss(radio, sta->search_chan,
			      is_zero_ether_addr(sta->bssid) ? NULL :
			      sta->bssid);
	if (bss) {
		vw_sta_begin_auth(radio, bss);
		return 0;
	}
	for (; sta->tries < n; sta->tries++) {
		chan = sta->search_chan ?: vw_channel_nth(radio->wiphy,
							 sta->tries);
		if (!(chan->flags & IEEE80211_CHAN_DISABLED))
			break;
	}
	if (sta->tries++ >= n) {
		vw_sta_connect_failed(radio, WLAN_STATUS_UNSPECIFIED_FAILURE,
				      NL80211_TIMEOUT_SCAN);
		return 0;
	}
	WRITE_ONCE(radio->channel, chan);
	/* where we may not send first (5 GHz in the world domain), listen */
	if (chan->flags & IEEE80211_CHAN_NO_IR)
		return msecs_to_jiffies(VW_SCAN_PASSIVE_MS);
	ies_len = vw_band_put_sta_ies(radio->wiphy, chan, ies, sizeof(ies),
				      !sta->no_ht, !sta->no_vht);
	vw_air_send_mgmt(radio, VW_HDR3_LEN + 2 + IEEE80211_MAX_SSID_LEN +
			 sizeof(ies), vw_build_probe_req,
			 radio->ndev->dev_addr, vw_next_seq(radio), sta->ssid,
			 sta->ssid_len, ies, max(ies_len, 0));
	return msecs_to_jiffies(VW_SCAN_ACTIVE_MS);
}

/* softirq: retries of auth/assoc, then the beacon watch */
static void vw_sta_timer(struct timer_list *t)
{
	struct vw_radio *radio = from_timer(radio, t, sta.sme_timer);
	struct vw_sta *sta = &radio->sta;
	unsigned long next = msecs_to_jiffies(VW_SME_RETRY_MS);

	spin_lock_bh(&radio->lock);
	switch (sta->state) {
	case VW_STA_IDLE:
		next = 0;
		break;
	case VW_STA_SEARCHING:
		next = vw_sta_search_step(radio);
		break;
	case VW_STA_AUTHENTICATING:
		if (sta->tries++ >= VW_SME_TRIES) {
			vw_sta_connect_failed(radio,
					      WLAN_STATUS_UNSPECIFIED_FAILURE,
					      NL80211_TIMEOUT_AUTH);
			next = 0;
			break;
		}
		vw_sta_send_auth(radio);
		break;
	case VW_STA_EXT_AUTH:
		next = vw_sta_sae_step(radio);
		break;
	case VW_STA_ASSOCIATING:
		if (sta->tries++ >= VW_SME_TRIES) {
			vw_sta_connect_failed(radio,
					      WLAN_STATUS_UNSPECIFIED_FAILURE,
					      NL80211_TIMEOUT_ASSOC);
			next = 0;
			break;
		}
		vw_sta_send_assoc(radio);
		break;
	case VW_STA_CONNECTED:
		if (time_after(jiffies, sta->last_beacon +
			       msecs_to_jiffies(VW_BEACON_LOSS_MS))) {
			netdev_info(radio->ndev, "beacons from %pM lost\n",
				    sta->bssid);
			vw_sta_disconnected(radio,
					    WLAN_REASON_DISASSOC_DUE_TO_INACTIVITY,
					    true);
			next = 0;
			break;
		}
		next = msecs_to_jiffies(VW_WATCH_MS);
		break;
	}
	if (next)
		mod_timer(&sta->sme_timer, jiffies + next);
	spin_unlock_bh(&radio->lock);
}

/* NAPI: a beacon or probe response for cfg80211's BSS table */
void vw_sta_inform_bss(struct vw_radio *radio, const struct vw_frame *f,
		       const struct vw_air_info *info)
{
	struct ieee80211_channel *chan = READ_ONCE(radio->channel);
	struct cfg80211_bss *bss;
	size_t len = f->body + f->body_len - (const u8 *)f->addr1 + 4;

	/* cfg80211 wants the whole frame from the frame control field */
	bss = cfg80211_inform_bss_frame(radio->wiphy, chan,
					(struct ieee80211_mgmt *)(f->addr1 - 4),
					len, info->signal * 100, GFP_ATOMIC);
	if (bss)
		cfg80211_put_bss(radio->wiphy, bss);
}

/* NAPI, radio->lock held */
static void vw_sta_rx_auth(struct vw_radio *radio, const struct vw_frame *f)
{
	struct vw_sta *sta = &radio->sta;
	u16 alg = vw_get_le16(f->body), trans = vw_get_le16(f->body + 2);
	u16 status = vw_get_le16(f->body + 4);

	if (sta->state != VW_STA_AUTHENTICATING || alg != WLAN_AUTH_OPEN ||
	    trans != 2)
		return;
	if (status != WLAN_STATUS_SUCCESS) {
		vw_sta_connect_failed(radio, status, NL80211_TIMEOUT_UNSPECIFIED);
		return;
	}
	vw_sta_begin_assoc(radio);
}

/*
 * external_auth, process context: user space's SAE with the AP is done;
 * associate, or end the attempt with its status.
 */
int vw_sta_external_auth(struct vw_radio *radio,
			 struct cfg80211_external_auth_params *params)
{
	struct vw_sta *sta = &radio->sta;
	int err = 0;

	spin_lock_bh(&radio->lock);
	if (sta->state != VW_STA_EXT_AUTH ||
	    !ether_addr_equal(params->bssid, sta->bssid))
		err = -ENOENT;
	else if (params->status != WLAN_STATUS_SUCCESS)
		vw_sta_connect_failed(radio, params->status,
				      NL80211_TIMEOUT_UNSPECIFIED);
	else
		vw_sta_begin_assoc(radio);
	spin_unlock_bh(&radio->lock);
	return err;
}

/* NAPI, radio->lock held */
static void vw_sta_rx_assoc_resp(struct vw_radio *radio,
				 const struct vw_frame *f,
				 const struct vw_air_info *info)
{
	struct vw_sta *sta = &radio->sta;
	u16 status = vw_get_le16(f->body + 2);
	const struct cfg80211_bss_ies *bss_ies;
	struct cfg80211_bss *bss;
	struct vw_peer *ap;
	u32 comeback;

	if (sta->state != VW_STA_ASSOCIATING)
		return;
	/*
	 * "Come back later": our PMF association still stands at the AP,
	 * which asks us with an SA Query (we may have lost our keys); try
	 * again when it says, as often as any association attempt.
	 */
	comeback = vw_pmf_get_comeback(f->ies, f->ies_len);
	if (status == WLAN_STATUS_ASSOC_REJECTED_TEMPORARILY && comeback &&
	    sta->tries < VW_SME_TRIES) {
		mod_timer(&sta->sme_timer, jiffies +
			  usecs_to_jiffies(min(comeback, 10000U) * 1024));
		return;
	}
	if (status != WLAN_STATUS_SUCCESS) {
		vw_sta_connect_failed(radio, status, NL80211_TIMEOUT_UNSPECIFIED);
		return;
	}
	ap = vw_peer_add(radio, sta->bssid);
	if (!ap) {
		vw_sta_connect_failed(radio, WLAN_STATUS_UNSPECIFIED_FAILURE,
				      NL80211_TIMEOUT_UNSPECIFIED);
		return;
	}
	ap->state = VW_PEER_ASSOC;
	ap->aid = vw_get_le16(f->body + 4) & 0x3fff;
	ap->authorized = sta->open;
	ap->signal = info->signal;
	ap->tx_power = info->tx_power;
	/* the BSS's width and what we both can do, from the response */
	vw_chandef_from_ies(radio, sta->chan, f->ies, f->ies_len,
			    &radio->chandef);
	vw_peer_set_caps(radio, ap, f->ies, f->ies_len);
	vw_peer_tx_rate(radio, ap, &ap->tx_rate);
	/* PMF if wpa_supplicant's RSN element and the AP's both can */
	rcu_read_lock();
	bss_ies = sta->bss ? rcu_dereference(sta->bss->ies) : NULL;
	ap->mfp = bss_ies && vw_pmf_agreed(sta->sme_ies, sta->sme_ies_len,
					   bss_ies->data, bss_ies->len);
	rcu_read_unlock();
	rcu_assign_pointer(sta->ap, ap);
	sta->state = VW_STA_CONNECTED;
	sta->last_beacon = jiffies;
	bss = sta->bss;
	sta->bss = NULL;
	netif_carrier_on(radio->ndev);
	/* the request IEs are what we sent, the response IEs what we got */
	cfg80211_connect_bss(radio->ndev, sta->bssid, bss, sta->assoc_ies,
			     sta->assoc_ies_len, f->ies, f->ies_len,
			     WLAN_STATUS_SUCCESS, GFP_ATOMIC,
			     NL80211_TIMEOUT_UNSPECIFIED);
	mod_timer(&sta->sme_timer, jiffies + msecs_to_jiffies(VW_WATCH_MS));
	netdev_dbg(radio->ndev, "associated with %pM, aid %u\n", sta->bssid,
		   ap->aid);
}

/* NAPI: a management frame on our channel */
void vw_sta_rx_mgmt(struct vw_radio *radio, const struct vw_frame *f,
		    const struct vw_air_info *info)
{
	struct vw_peer *ap;
	struct vw_sta *sta = &radio->sta;
	const u8 *mine = radio->ndev->dev_addr;
	bool for_us = ether_addr_equal(f->addr1, mine);
	bool to_user = false;

	if (f->stype == VW_STYPE_BEACON || f->stype == VW_STYPE_PROBE_RESP) {
		bool ours;

		if (f->stype == VW_STYPE_PROBE_RESP && !for_us)
			return;
		spin_lock(&radio->lock);
		ours = sta->state == VW_STA_CONNECTED &&
		       ether_addr_equal(f->addr3, sta->bssid);
		if (ours) {
			sta->last_beacon = jiffies;
			ap = rcu_dereference_protected(sta->ap, true);
			WRITE_ONCE(ap->signal, info->signal);
			WRITE_ONCE(ap->tx_power, info->tx_power);
		}
		spin_unlock(&radio->lock);
		if (sta->scan_req)
			WRITE_ONCE(sta->scan_heard, true);
		if (ours || sta->scan_req || f->stype == VW_STYPE_PROBE_RESP ||
		    READ_ONCE(sta->state) == VW_STA_SEARCHING)
			vw_sta_inform_bss(radio, f, info);
		return;
	}

	if (f->is_protected || !ether_addr_equal(f->addr2, f->addr3))
		return;
	if (!for_us && !(is_broadcast_ether_addr(f->addr1) &&
			 (f->stype == VW_STYPE_DEAUTH ||
			  f->stype == VW_STYPE_DISASSOC)))
		return;

	spin_lock(&radio->lock);
	if (sta->state == VW_STA_IDLE ||
	    !ether_addr_equal(f->addr2, sta->bssid))
		goto out;
	switch (f->stype) {
	case VW_STYPE_AUTH:
		if (f->body_len < VW_AUTH_FIXED)
			break;
		/* the AP's SAE frames are user space's (vw_sta_sae_step) */
		if (sta->state == VW_STA_EXT_AUTH)
			to_user = vw_get_le16(f->body) == WLAN_AUTH_SAE;
		else
			vw_sta_rx_auth(radio, f);
		break;
	case VW_STYPE_ASSOC_RESP:
	case VW_STYPE_REASSOC_RESP:
		if (f->body_len >= VW_ASSOC_RESP_FIXED)
			vw_sta_rx_assoc_resp(radio, f, info);
		break;
	case VW_STYPE_DEAUTH:
	case VW_STYPE_DISASSOC:
		if (f->body_len < VW_REASON_FIXED)
			break;
		if (sta->state == VW_STA_CONNECTED)
			vw_sta_disconnected(radio, vw_get_le16(f->body), false);
		else
			vw_sta_connect_failed(radio,
					      WLAN_STATUS_UNSPECIFIED_FAILURE,
					      NL80211_TIMEOUT_UNSPECIFIED);
		break;
	}
out:
	spin_unlock(&radio->lock);
	if (to_user)
		vw_mgmt_to_user(radio, f, info);
}

/* ---- cfg80211 ops: process context, wiphy/RTNL held ---- */

/* the SAE AKM connect asks for, for wpa_supplicant's external auth */
static u32 vw_sta_sae_akm(const struct cfg80211_crypto_settings *crypto)
{
	int n = min_t(int, crypto->n_akm_suites,
		      ARRAY_SIZE(crypto->akm_suites));
	int i;

	for (i = 0; i < n; i++)
		if (crypto->akm_suites[i] == WLAN_AKM_SUITE_SAE ||
		    crypto->akm_suites[i] == WLAN_AKM_SUITE_FT_OVER_SAE)
			return crypto->akm_suites[i];
	return WLAN_AKM_SUITE_SAE;
}

int vw_sta_connect(struct wiphy *wiphy, struct net_device *ndev,
		   struct cfg80211_connect_params *sme)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct vw_sta *sta = &radio->sta;
	struct ieee80211_channel *chan = sme->channel ?: sme->channel_hint;
	struct cfg80211_bss *bss;
	u8 *ies = NULL;

	if (radio->wdev.iftype != NL80211_IFTYPE_STATION)
		return -EOPNOTSUPP;
	if (!sme->ssid_len || sme->ssid_len > IEEE80211_MAX_SSID_LEN ||
	    !vw_ie_chain_valid(sme->ie, sme->ie_len))
		return -EINVAL;
	if (sme->ie_len) {
		ies = kmemdup(sme->ie, sme->ie_len, GFP_KERNEL);
		if (!ies)
			return -ENOMEM;
	}

	spin_lock_bh(&radio->lock);
	if (sta->state != VW_STA_IDLE) {
		spin_unlock_bh(&radio->lock);
		kfree(ies);
		return -EALREADY;
	}
	memcpy(sta->ssid, sme->ssid, sme->ssid_len);
	sta->ssid_len = sme->ssid_len;
	sta->sme_ies = ies;
	sta->sme_ies_len = sme->ie_len;
	sta->no_ht = sme->flags & ASSOC_REQ_DISABLE_HT;
	sta->no_vht = sta->no_ht || (sme->flags & ASSOC_REQ_DISABLE_VHT);
	sta->open = !sme->privacy && !sme->crypto.n_ciphers_pairwise &&
		    !sme->crypto.wpa_versions;
	sta->sae_akm = sme->auth_type == NL80211_AUTHTYPE_SAE ?
		       vw_sta_sae_akm(&sme->crypto) : 0;
	vw_data_control_port(radio, sme->crypto.control_port_over_nl80211,
			     sme->crypto.control_port_no_preauth,
			     sme->crypto.control_port_ethertype);
	bss = vw_sta_find_bss(radio, chan, sme->bssid ?: sme->bssid_hint);
	/* a hint is only a hint */
	if (!bss && !sme->bssid && (sme->bssid_hint || sme->channel_hint))
		bss = vw_sta_find_bss(radio, sme->channel, NULL);
	if (bss) {
		vw_sta_begin_auth(radio, bss);
	} else {
		sta->search_chan = sme->channel;
		if (sme->bssid)
			ether_addr_copy(sta->bssid, sme->bssid);
		else
			eth_zero_addr(sta->bssid);
		sta->state = VW_STA_SEARCHING;
		sta->tries = 0;
		mod_timer(&sta->sme_timer, jiffies);
	}
	spin_unlock_bh(&radio->lock);
	return 0;
}

/* Ends a connection or an attempt; tells cfg80211 if notify. */
void vw_sta_reset(struct vw_radio *radio, bool notify, u16 reason)
{
	struct vw_sta *sta = &radio->sta;

	spin_lock_bh(&radio->lock);
	switch (sta->state) {
	case VW_STA_IDLE:
		break;
	case VW_STA_CONNECTED:
		/* a real card says goodbye */
		vw_air_send_mgmt(radio, VW_HDR3_LEN + VW_REASON_FIXED,
				 vw_build_deauth, VW_STYPE_DEAUTH, sta->bssid,
				 radio->ndev->dev_addr, sta->bssid,
				 vw_next_seq(radio), reason);
		if (notify) {
			vw_sta_disconnected(radio, reason, true);
			break;
		}
		fallthrough;
	default:
		if (notify)
			vw_sta_connect_failed(radio,
					      WLAN_STATUS_UNSPECIFIED_FAILURE,
					      NL80211_TIMEOUT_UNSPECIFIED);
		else
			vw_sta_put_bss(radio, vw_sta_leave(radio));
	}
	spin_unlock_bh(&radio->lock);
	del_timer_sync(&sta->sme_timer);
	vw_keys_clear(radio);
	vw_data_control_port(radio, false, false, 0);
}

int vw_sta_disconnect(struct wiphy *wiphy, struct net_device *ndev,
		      u16 reason)
{
	vw_sta_reset(vw_radio_from_wiphy(wiphy), true, reason);
	return 0;
}

/* process context: listens on the scan's current channel */
static void vw_sta_scan_dwell(struct vw_sta *sta, bool active)
{
	if (!active) {
		msleep(VW_SCAN_PASSIVE_MS);
		return;
	}
	usleep_range(VW_SCAN_MIN_US, VW_SCAN_MIN_US + 1000);
	if (READ_ONCE(sta->scan_heard) || vw_transport_attached())
		msleep(VW_SCAN_ACTIVE_MS - VW_SCAN_MIN_US / 1000);
}

/* Active scan: probe requests on every requested channel. */
static void vw_sta_scan_work(struct work_struct *work)
{
	struct vw_radio *radio = container_of(to_delayed_work(work),
					      struct vw_radio, sta.scan_work);
	struct vw_sta *sta = &radio->sta;
	struct cfg80211_scan_request *req = sta->scan_req;
	struct cfg80211_scan_info info = {};
	struct ieee80211_channel *home = READ_ONCE(radio->channel);
	size_t cap = VW_BAND_IES_MAX + req->ie_len;
	unsigned int i, j;
	int ies_len = 0;
	u8 *ies;

	/* each channel's probes: the band's rates and our capabilities first */
	ies = kmalloc(cap, GFP_KERNEL);
	for (i = 0; i < req->n_channels && !READ_ONCE(sta->scan_abort) && ies;
	     i++) {
		struct ieee80211_channel *chan = req->channels[i];
		bool active = req->n_ssids &&
			      !(chan->flags & IEEE80211_CHAN_NO_IR);

		/* a connection being set up owns the radio's channel */
		if (READ_ONCE(sta->state) != VW_STA_IDLE &&
		    READ_ONCE(sta->state) != VW_STA_CONNECTED)
			break;
		WRITE_ONCE(radio->channel, chan);
		WRITE_ONCE(sta->scan_heard, false);
		if (active) {
			ies_len = vw_band_put_sta_ies(radio->wiphy, chan, ies,
						      cap, true, true);
			if (ies_len < 0)
				break;
			memcpy(ies + ies_len, req->ie, req->ie_len);
			ies_len += req->ie_len;
		}
		for (j = 0; active && j < req->n_ssids; j++)
			vw_air_send_mgmt(radio, VW_HDR3_LEN + 2 +
					 IEEE80211_MAX_SSID_LEN + ies_len,
					 vw_build_probe_req,
					 radio->ndev->dev_addr,
					 vw_next_seq(radio),
					 req->ssids[j].ssid,
					 req->ssids[j].ssid_len,
					 ies, ies_len);
		vw_sta_scan_dwell(sta, active);
	}
	kfree(ies);

	spin_lock_bh(&radio->lock);
	/* back home; a connection being set up has moved the radio itself */
	if (sta->state == VW_STA_IDLE) {
		WRITE_ONCE(radio->channel, home);
	} else if (sta->state == VW_STA_CONNECTED) {
		WRITE_ONCE(radio->channel, sta->chan);
		sta->last_beacon = jiffies;	/* we were away */
	}
	info.aborted = i < req->n_channels;
	sta->scan_req = NULL;
	spin_unlock_bh(&radio->lock);
	cfg80211_scan_done(req, &info);
}

int vw_sta_scan(struct wiphy *wiphy, struct cfg80211_scan_request *req)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct vw_sta *sta = &radio->sta;

	if (radio->wdev.iftype != NL80211_IFTYPE_STATION &&
	    radio->wdev.iftype != NL80211_IFTYPE_ADHOC &&
	    radio->wdev.iftype != NL80211_IFTYPE_AP)
		return -EOPNOTSUPP;
	spin_lock_bh(&radio->lock);
	/* a beaconing AP stays on its channel */
	if (sta->scan_req || radio->ap.started) {
		spin_unlock_bh(&radio->lock);
		return -EBUSY;
	}
	sta->scan_req = req;
	sta->scan_abort = false;
	spin_unlock_bh(&radio->lock);
	queue_delayed_work(vw_wq, &sta->scan_work, 0);
	return 0;
}

void vw_sta_abort_scan(struct wiphy *wiphy, struct wireless_dev *wdev)
{
	WRITE_ONCE(vw_radio_from_wiphy(wiphy)->sta.scan_abort, true);
}

void vw_sta_init(struct vw_radio *radio)
{
	timer_setup(&radio->sta.sme_timer, vw_sta_timer, 0);
	INIT_DELAYED_WORK(&radio->sta.scan_work, vw_sta_scan_work);
}

/*
 * process context, RTNL held: the netdev goes down; cfg80211 wants any
 * scan finished before it is told the interface is down
 */
void vw_sta_stop(struct vw_radio *radio)
{
	WRITE_ONCE(radio->sta.scan_abort, true);
	flush_delayed_work(&radio->sta.scan_work);
	vw_sta_reset(radio, true, WLAN_REASON_DEAUTH_LEAVING);
}

/* process context; the netdev is gone, so no new scan or connect */
void vw_sta_uninit(struct vw_radio *radio)
{
	vw_sta_reset(radio, false, WLAN_REASON_DEAUTH_LEAVING);
	cancel_delayed_work_sync(&radio->sta.scan_work);
	del_timer_sync(&radio->sta.sme_timer);
}
