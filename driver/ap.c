// SPDX-License-Identifier: GPL-2.0
/*
 * AP mode with the SME in the driver (WIPHY_FLAG_HAVE_AP_SME), as a
 * FullMAC card does it: hostapd gives the beacon, we send it every beacon
 * interval with a TIM, answer probe requests, authenticate (open system)
 * and associate stations, and report each new station to cfg80211 with
 * its association request IEs so hostapd runs the 4-way handshake. SAE
 * is hostapd's: its authentication frames go up, hostapd answers with
 * mgmt_tx and tells us the outcome (external_auth) before the station
 * may associate; its SAE PMK then feeds the 4-way handshake. OWE too:
 * an association request with a DH element goes up (update_owe_info
 * event), and our response carries the elements hostapd answers with.
 */
#include <linux/ktime.h>
#include <linux/moduleparam.h>

#include "vwifi.h"

#define VW_TIM_LEN 6
/* hostapd's answer to an OWE request: an RSN element and a DH element */
#define VW_OWE_IES_MAX 512

/*
 * Anyone on the air can send authentication frames from made-up
 * addresses. A station that authenticated associates within milliseconds
 * (the driver's own SME, wpa_supplicant's too), so the AP keeps only a
 * few unassociated ones, briefly, and makes room for a newcomer by
 * forgetting the oldest: a flood cannot lock real stations out. Stations
 * in an SAE exchange count among them: each of their frames buys time.
 */
unsigned int vw_max_pending_auth = 32;
module_param_named(max_pending_auth, vw_max_pending_auth, uint, 0644);
MODULE_PARM_DESC(max_pending_auth, "Authenticated but unassociated stations an AP keeps, 1-128 (default 32; the oldest goes for a newcomer)");

unsigned int vw_auth_timeout_ms = 3000;
module_param_named(auth_timeout_ms, vw_auth_timeout_ms, uint, 0644);
MODULE_PARM_DESC(auth_timeout_ms, "How long an AP keeps a station that authenticated but did not associate, ms (default 3000)");

static unsigned long vw_tu_to_jiffies(u16 tu)
{
	return max(1UL, usecs_to_jiffies(tu * 1024));
}

/* process context: copies hostapd's beacon, keeping old parts if absent */
static struct vw_beacon *vw_beacon_new(const struct cfg80211_beacon_data *b,
				       const struct vw_beacon *old)
{
	const u8 *head = b->head, *tail = b->tail, *resp = b->assocresp_ies;
	size_t head_len = b->head_len, tail_len = b->tail_len;
	size_t resp_len = b->assocresp_ies_len;
	struct vw_beacon *bcn;

	if (!head && old) {
		head = old->head;
		head_len = old->head_len;
	}
	if (!tail && old) {
		tail = old->tail;
		tail_len = old->tail_len;
	}
	if (!resp && old) {
		resp = old->assoc_resp;
		resp_len = old->assoc_resp_len;
	}
	if (!head || head_len < VW_HDR3_LEN + VW_BEACON_FIXED ||
	    !vw_ie_chain_valid(head + VW_HDR3_LEN + VW_BEACON_FIXED,
			       head_len - VW_HDR3_LEN - VW_BEACON_FIXED) ||
	    !vw_ie_chain_valid(tail, tail_len) ||
	    !vw_ie_chain_valid(resp, resp_len))
		return ERR_PTR(-EINVAL);

	bcn = kzalloc(sizeof(*bcn) + head_len + tail_len + resp_len,
		      GFP_KERNEL);
	if (!bcn)
		return ERR_PTR(-ENOMEM);
	bcn->head = bcn->data;
	bcn->head_len = head_len;
	memcpy(bcn->head, head, head_len);
	bcn->tail = bcn->data + head_len;
	bcn->tail_len = tail_len;
	if (tail_len)
		memcpy(bcn->tail, tail, tail_len);
	bcn->assoc_resp = bcn->tail + tail_len;
	bcn->assoc_resp_len = resp_len;
	if (resp_len)
		memcpy(bcn->assoc_resp, resp, resp_len);
	return bcn;
}

/* the TSF: microseconds, as in a real beacon's timestamp */
static void vw_put_tsf(u8 *p)
{
	u64 tsf = div_u64(ktime_get_ns(), 1000);
	int i;

	for (i = 0; i < 8; i++)
		p[i] = tsf >> (8 * i);
}

static void vw_ap_expire_pending(struct vw_radio *radio, bool make_room);

/* softirq */
static void vw_ap_beacon_timer(struct timer_list *t)
{
	struct vw_radio *radio = from_timer(radio, t, ap.beacon_timer);
	struct vw_ap *ap = &radio->ap;
	struct vw_beacon *bcn;
	struct sk_buff *skb;
	u8 *p;

	rcu_read_lock();
	bcn = rcu_dereference(ap->beacon);
	if (!bcn || !READ_ONCE(ap->started)) {
		rcu_read_unlock();
		return;
	}
	skb = vw_air_alloc(radio, bcn->head_len + VW_TIM_LEN + bcn->tail_len);
	if (skb) {
		p = skb_put_data(skb, bcn->head, bcn->head_len);
		vw_put_le16(p + 22, vw_next_seq(radio) << 4);
		vw_put_tsf(p + VW_HDR3_LEN);
		/* TIM: DTIM count, period, no buffered traffic */
		p = skb_put(skb, VW_TIM_LEN);
		p[0] = VW_EID_TIM;
		p[1] = 4;
		p[2] = ap->dtim_count;
		p[3] = ap->dtim_period;
		p[4] = 0;
		p[5] = 0;
		skb_put_data(skb, bcn->tail, bcn->tail_len);
		vw_air_tx_mgmt(radio, skb);
	}
	if (READ_ONCE(ap->num_pending)) {
		spin_lock(&radio->lock);
		if (ap->started)
			vw_ap_expire_pending(radio, false);
		spin_unlock(&radio->lock);
	}
	ap->dtim_count = ap->dtim_count ? ap->dtim_count - 1 :
					  ap->dtim_period - 1;
	mod_timer(&ap->beacon_timer,
		  jiffies + vw_tu_to_jiffies(READ_ONCE(ap->beacon_int)));
	rcu_read_unlock();
}

/*
 * A probe response is the beacon without TIM, addressed to the prober,
 * with the real SSID even when the beacon hides it. NAPI.
 */
static void vw_ap_probe_resp(struct vw_radio *radio, const u8 *da)
{
	struct vw_ap *ap = &radio->ap;
	const u8 *ies, *ssid_ie;
	size_t ies_len, skip = 0;
	struct vw_beacon *bcn;
	struct sk_buff *skb;
	u8 *p;

	rcu_read_lock();
	bcn = rcu_dereference(ap->beacon);
	if (!bcn)
		goto out;
	ies = bcn->head + VW_HDR3_LEN + VW_BEACON_FIXED;
	ies_len = bcn->head_len - VW_HDR3_LEN - VW_BEACON_FIXED;
	ssid_ie = vw_ie_find(ies, ies_len, VW_EID_SSID);
	if (ssid_ie == ies)
		skip = 2 + ssid_ie[1];
	skb = vw_air_alloc(radio, bcn->head_len + 2 + ap->ssid_len +
			   bcn->tail_len);
	if (!skb)
		goto out;
	p = skb_put(skb, VW_HDR3_LEN);
	vw_build_mgmt_hdr(p, VW_HDR3_LEN, VW_STYPE_PROBE_RESP, da,
			  radio->ndev->dev_addr, radio->ndev->dev_addr,
			  vw_next_seq(radio));
	p = skb_put_data(skb, bcn->head + VW_HDR3_LEN, VW_BEACON_FIXED);
	vw_put_tsf(p);
	p = skb_put(skb, 2 + ap->ssid_len);
	vw_ie_put(p, 2 + ap->ssid_len, VW_EID_SSID, ap->ssid, ap->ssid_len);
	skb_put_data(skb, ies + skip, ies_len - skip);
	skb_put_data(skb, bcn->tail, bcn->tail_len);
	vw_air_tx_mgmt(radio, skb);
out:
	rcu_read_unlock();
}

/* NAPI */
static void vw_ap_rx_probe_req(struct vw_radio *radio,
			       const struct vw_frame *f)
{
	struct vw_ap *ap = &radio->ap;
	const u8 *ssid = vw_ie_find(f->ies, f->ies_len, VW_EID_SSID);

	if (!ssid)
		return;
	/* an answer to a group address would reach everyone */
	if (!vw_source_ok(radio, f->addr2)) {
		vw_drop(radio, VW_DROP_BAD_SOURCE);
		return;
	}
	if (ssid[1] == 0) {
		if (ap->hidden)
			return;	/* a hidden SSID answers directed probes only */
	} else if (ssid[1] != ap->ssid_len ||
		   memcmp(ssid + 2, ap->ssid, ap->ssid_len)) {
		return;
	}
	vw_ap_probe_resp(radio, f->addr2);
}

/* NAPI, radio->lock held */
static void vw_ap_send_auth(struct vw_radio *radio, const u8 *da, u16 alg,
			    u16 status)
{
	vw_air_send_mgmt(radio, VW_HDR3_LEN + VW_AUTH_FIXED, vw_build_auth, da,
			 radio->ndev->dev_addr, radio->ndev->dev_addr,
			 vw_next_seq(radio), alg, 2, status);
}

/* radio->lock held */
static void vw_ap_send_deauth(struct vw_radio *radio, const u8 *da,
			      u8 stype, u16 reason)
{
	vw_air_send_mgmt(radio, VW_HDR3_LEN + VW_REASON_FIXED, vw_build_deauth,
			 stype, da, radio->ndev->dev_addr,
			 radio->ndev->dev_addr, vw_next_seq(radio), reason);
}

/*
 * radio->lock held: forget a station, telling hostapd if notify (it knows
 * the associated ones, and those whose OWE request it answers).
 */
static void vw_ap_drop_peer(struct vw_radio *radio, struct vw_peer *peer,
			    bool notify)
{
	if (notify && (peer->state == VW_PEER_ASSOC ||
		       peer->state == VW_PEER_OWE))
		cfg80211_del_sta(radio->ndev, peer->addr, GFP_ATOMIC);
	if (peer->state != VW_PEER_ASSOC)
		radio->ap.num_pending--;
	radio->ap.num_peers--;
	vw_peer_remove(radio, peer);
}

/*
 * radio->lock held: forget stations that authenticated and did not
 * associate in time; with make_room, also the oldest pending one when
 * there are as many as we keep. Peers are added at the tail, so the
 * first pending one in the list is the oldest.
 */
static void vw_ap_expire_pending(struct vw_radio *radio, bool make_room)
{
	unsigned long timeout = msecs_to_jiffies(READ_ONCE(vw_auth_timeout_ms));
	int max = clamp_t(unsigned int, READ_ONCE(vw_max_pending_auth), 1,
			  VW_MAX_PEERS);
	struct vw_peer *peer, *tmp;

	list_for_each_entry_safe(peer, tmp, &radio->peers, list) {
		if (!radio->ap.num_pending)
			break;
		if (peer->state == VW_PEER_ASSOC)
			continue;
		if (time_after_eq(jiffies, peer->assoc_jiffies + timeout))
			vw_event(radio, VW_EVENT_AUTH_EXPIRED);
		else if (make_room && radio->ap.num_pending >= max)
			vw_event(radio, VW_EVENT_AUTH_EVICTED);
		else
			continue;
		netdev_dbg(radio->ndev, "%pM forgotten before associating\n",
			   peer->addr);
		vw_ap_drop_peer(radio, peer, false);
	}
}

/*
 * NAPI, radio->lock held: an authentication frame. Open system is ours to
 * answer; SAE is hostapd's when it registered for authentication frames:
 * returns true when the frame is to go up to it.
 */
static bool vw_ap_rx_auth(struct vw_radio *radio, const struct vw_frame *f)
{
	u16 alg = vw_get_le16(f->body), trans = vw_get_le16(f->body + 2);
	bool sae = alg == WLAN_AUTH_SAE &&
		   vw_mgmt_wanted(radio, VW_STYPE_AUTH);
	struct vw_peer *peer;

	/* SAE: commit 1, confirm 2, from the station alike */
	if (trans != 1 && !(sae && trans == 2))
		return false;
	if (!vw_source_ok(radio, f->addr2)) {
		vw_drop(radio, VW_DROP_BAD_SOURCE);
		return false;
	}
	if (alg != WLAN_AUTH_OPEN && !sae) {
		vw_ap_send_auth(radio, f->addr2, alg,
				WLAN_STATUS_NOT_SUPPORTED_AUTH_ALG);
		return false;
	}
	/*
	 * A station that authenticates again starts from scratch, unless
	 * PMF protects its association: anyone can send this frame, so the
	 * association stands until an SA Query says otherwise (pmf.c).
	 * hostapd sees the SAE frames of such a station all the same.
	 */
	peer = vw_peer_find(radio, f->addr2);
	if (peer && vw_pmf_protects(peer)) {
		if (!sae)
			vw_ap_send_auth(radio, f->addr2, alg,
					WLAN_STATUS_SUCCESS);
		return sae;
	}
	/* an exchange under way goes on; a confirm alone starts none */
	if (sae && ((peer && peer->state == VW_PEER_SAE) || trans != 1)) {
		if (peer)
			peer->assoc_jiffies = jiffies;
		return true;
	}
	if (peer)
		vw_ap_drop_peer(radio, peer, true);
	vw_ap_expire_pending(radio, true);
	if (radio->ap.num_peers >= VW_MAX_PEERS) {
		vw_drop(radio, VW_DROP_PEER_LIMIT);
		vw_ap_send_auth(radio, f->addr2, alg,
				WLAN_STATUS_AP_UNABLE_TO_HANDLE_NEW_STA);
		return false;
	}
	peer = vw_peer_add(radio, f->addr2);
	if (!peer) {
		vw_drop(radio, VW_DROP_NO_MEMORY);
		return false;
	}
	radio->ap.num_peers++;
	radio->ap.num_pending++;
	/* an SAE station is authenticated when hostapd says so */
	peer->state = sae ? VW_PEER_SAE : VW_PEER_AUTH;
	if (!sae)
		vw_ap_send_auth(radio, f->addr2, alg, WLAN_STATUS_SUCCESS);
	return sae;
}

/*
 * Process context: hostapd's verdict on a station's SAE exchange. One
 * that passed may associate; one that failed goes. -ENOENT: no such one.
 */
static int vw_ap_sae_verdict(struct vw_radio *radio, const u8 *addr,
			     bool passed)
{
	struct vw_peer *peer;
	int err = 0;

	spin_lock_bh(&radio->lock);
	peer = vw_peer_find(radio, addr);
	if (!peer) {
		err = -ENOENT;
	} else if (peer->state == VW_PEER_SAE) {
		if (passed) {
			peer->state = VW_PEER_AUTH;
			peer->assoc_jiffies = jiffies;
		} else {
			vw_ap_drop_peer(radio, peer, false);
		}
	}
	spin_unlock_bh(&radio->lock);
	return err;
}

int vw_ap_external_auth(struct vw_radio *radio,
			struct cfg80211_external_auth_params *params)
{
	return vw_ap_sae_verdict(radio, params->bssid,
				 params->status == WLAN_STATUS_SUCCESS);
}

/*
 * mgmt_tx, before hostapd's SAE frame f goes out: hostapd sends its
 * confirm (transaction 2, success) only once the station's confirm
 * checked out, and tells external_auth after. The station, which has all
 * it needs then, can associate before that: it may from this frame on.
 */
void vw_ap_sae_tx(struct vw_radio *radio, const struct vw_frame *f)
{
	if (vw_get_le16(f->body + 2) == 2 &&
	    vw_get_le16(f->body + 4) == WLAN_STATUS_SUCCESS)
		vw_ap_sae_verdict(radio, f->addr1, true);
}

static u16 vw_ap_assoc_status(struct vw_radio *radio, const struct vw_frame *f,
			      struct vw_peer *peer)
{
	struct vw_ap *ap = &radio->ap;
	const u8 *ssid = vw_ie_find(f->ies, f->ies_len, VW_EID_SSID);
	int aid;

	if (!ssid || ssid[1] != ap->ssid_len ||
	    memcmp(ssid + 2, ap->ssid, ap->ssid_len))
		return WLAN_STATUS_UNSPECIFIED_FAILURE;
	if (!peer->aid) {
		aid = find_next_zero_bit(ap->aid_map, VW_MAX_PEERS + 1, 1);
		if (aid > VW_MAX_PEERS)
			return WLAN_STATUS_AP_UNABLE_TO_HANDLE_NEW_STA;
		set_bit(aid, ap->aid_map);
		peer->aid = aid;
	}
	return WLAN_STATUS_SUCCESS;
}

/*
 * Does an element of hostapd's beacon belong in an association response
 * too? The rates, HT and VHT capabilities and operation, extended
 * capabilities and WMM parameters describe the BSS the station joins.
 */
static bool vw_ap_resp_elem(const u8 *e)
{
	switch (e[0]) {
	case VW_EID_RATES:
	case VW_EID_EXT_RATES:
	case VW_EID_HT_CAP:
	case VW_EID_HT_OPER:
	case VW_EID_EXT_CAP:
	case VW_EID_VHT_CAP:
	case VW_EID_VHT_OPER:
		return true;
	case VW_EID_VENDOR:
		return vw_ie_find_vendor(e, 2 + e[1], VW_OUI_MICROSOFT,
					 VW_WMM_TYPE);
	default:
		return false;
	}
}

/*
 * Appends the elements of ies[0..len) that vw_ap_resp_elem() keeps and
 * that hostapd's own association response elements do not replace.
 */
static u8 *vw_ap_copy_resp_elems(u8 *p, const u8 *ies, size_t len,
				 const struct vw_beacon *bcn)
{
	size_t off = 0;

	/* the chain was checked when hostapd gave it to us */
	while (off + 2 <= len && off + 2 + ies[off + 1] <= len) {
		if (vw_ap_resp_elem(ies + off) &&
		    (ies[off] == VW_EID_VENDOR ||
		     !vw_ie_find(bcn->assoc_resp, bcn->assoc_resp_len,
				 ies[off]))) {
			memcpy(p, ies + off, 2 + ies[off + 1]);
			p += 2 + ies[off + 1];
		}
		off += 2 + ies[off + 1];
	}
	return p;
}

/*
 * The association response: the BSS's elements from the beacon, then
 * hostapd's association response elements, then those it gave for this
 * station alone (sta_ies: OWE's). radio->lock held.
 */
static void vw_ap_send_assoc_resp(struct vw_radio *radio, const u8 *da,
				  bool reassoc, u16 status, u16 aid,
				  u32 comeback_tu, const u8 *sta_ies,
				  size_t sta_ies_len)
{
	u16 capab = VW_CAP_ESS | VW_CAP_SHORT_PREAMBLE | VW_CAP_SHORT_SLOT |
		    (radio->ap.privacy ? VW_CAP_PRIVACY : 0);
	struct vw_beacon *bcn;
	struct sk_buff *skb;
	u8 *ies, *p;
	size_t max;
	int len;

	rcu_read_lock();
	bcn = rcu_dereference(radio->ap.beacon);
	if (!bcn)
		goto out;
	max = bcn->head_len + bcn->tail_len + bcn->assoc_resp_len +
	      sta_ies_len + VW_COMEBACK_IE_LEN;
	ies = kmalloc(max, GFP_ATOMIC);
	skb = vw_air_alloc(radio, VW_HDR3_LEN + VW_ASSOC_RESP_FIXED + max);
	if (!ies || !skb)
		goto out_free;
	p = vw_ap_copy_resp_elems(ies, bcn->head + VW_HDR3_LEN +
				  VW_BEACON_FIXED, bcn->head_len -
				  VW_HDR3_LEN - VW_BEACON_FIXED, bcn);
	p = vw_ap_copy_resp_elems(p, bcn->tail, bcn->tail_len, bcn);
	memcpy(p, bcn->assoc_resp, bcn->assoc_resp_len);
	p += bcn->assoc_resp_len;
	if (sta_ies_len) {
		memcpy(p, sta_ies, sta_ies_len);
		p += sta_ies_len;
	}
	if (comeback_tu)
		p += vw_pmf_put_comeback(p, VW_COMEBACK_IE_LEN, comeback_tu);
	len = vw_build_assoc_resp(skb_tail_pointer(skb), skb_tailroom(skb),
				  reassoc, da, radio->ndev->dev_addr,
				  vw_next_seq(radio), capab, status, aid, ies,
				  p - ies);
	if (len < 0)
		goto out_free;
	skb_put(skb, len);
	vw_air_tx_mgmt(radio, skb);
	skb = NULL;
out_free:
	kfree_skb(skb);
	kfree(ies);
out:
	rcu_read_unlock();
}

/*
 * radio->lock held: the station is associated, with the elements of its
 * request (after our response went out). Tells hostapd.
 */
static void vw_ap_associated(struct vw_radio *radio, struct vw_peer *peer,
			     const u8 *req_ies, size_t req_ies_len)
{
	struct station_info *sinfo;
	const struct vw_beacon *bcn;

	/* a new association needs a new handshake */
	vw_key_free(rcu_replace_pointer(peer->ptk, NULL,
					lockdep_is_held(&radio->lock)));
	if (peer->state != VW_PEER_ASSOC)
		radio->ap.num_pending--;
	peer->state = VW_PEER_ASSOC;
	peer->authorized = !radio->ap.privacy;
	peer->assoc_jiffies = jiffies;
	peer->sa_query_pending = false;
	/* PMF if its RSN element and ours (in hostapd's beacon) both can */
	bcn = rcu_dereference_protected(radio->ap.beacon,
					lockdep_is_held(&radio->lock));
	peer->mfp = bcn && vw_pmf_agreed(bcn->tail, bcn->tail_len, req_ies,
					 req_ies_len);
	/* what it can do, from its HT/VHT capabilities and WMM element */
	vw_peer_set_caps(radio, peer, req_ies, req_ies_len);
	vw_peer_tx_rate(radio, peer, &peer->tx_rate);

	sinfo = kzalloc(sizeof(*sinfo), GFP_ATOMIC);
	if (!sinfo)
		return;
	sinfo->assoc_req_ies = req_ies;
	sinfo->assoc_req_ies_len = req_ies_len;
	cfg80211_new_sta(radio->ndev, peer->addr, sinfo, GFP_ATOMIC);
	kfree(sinfo);
	netdev_dbg(radio->ndev, "%pM associated, aid %u\n", peer->addr,
		   peer->aid);
}

/*
 * An OWE association request (its RSN element picks OWE and it carries
 * its Diffie-Hellman element): hostapd, not us, derives the keys from it
 * and gives the elements of our response (update_owe_info).
 */
static bool vw_ap_owe_request(const u8 *ies, size_t len)
{
	return vw_ie_find_ext(ies, len, VW_EID_EXT_OWE_DH) &&
	       vw_rsn_has_akm(vw_ie_find(ies, len, VW_EID_RSN), VW_AKM_OWE);
}

/*
 * NAPI, radio->lock held: hand an OWE request to hostapd; the station
 * waits as pending (aged out like one that never asks) until it answers.
 */
static void vw_ap_owe_ask(struct vw_radio *radio, struct vw_peer *peer,
			  const struct vw_frame *f)
{
	struct cfg80211_update_owe_info owe = {};
	u8 *req = kmemdup(f->ies, f->ies_len, GFP_ATOMIC);

	if (!req) {
		vw_drop(radio, VW_DROP_NO_MEMORY);
		return;
	}
	if (peer->state == VW_PEER_ASSOC)
		radio->ap.num_pending++;
	kfree(peer->owe_req);
	peer->owe_req = req;
	peer->owe_req_len = f->ies_len;
	peer->owe_reassoc = f->stype == VW_STYPE_REASSOC_REQ;
	peer->state = VW_PEER_OWE;
	peer->assoc_jiffies = jiffies;
	ether_addr_copy(owe.peer, peer->addr);
	owe.ie = req;
	owe.ie_len = f->ies_len;
	vw_owe_info_no_link(&owe);
	cfg80211_update_owe_info_event(radio->ndev, &owe, GFP_ATOMIC);
}

/* NAPI, radio->lock held */
static void vw_ap_rx_assoc(struct vw_radio *radio, const struct vw_frame *f,
			   const struct vw_air_info *info)
{
	bool reassoc = f->stype == VW_STYPE_REASSOC_REQ;
	struct vw_peer *peer;
	u32 comeback = 0;
	u16 status;

	peer = vw_peer_find(radio, f->addr2);
	if (!peer || peer->state == VW_PEER_SAE) {
		vw_ap_send_deauth(radio, f->addr2, VW_STYPE_DEAUTH,
				  WLAN_REASON_CLASS2_FRAME_FROM_NONAUTH_STA);
		return;
	}
	/*
	 * The station repeats its OWE request before our answer reached it
	 * (hostapd's DH computation takes a while): one answer serves both.
	 * Asked twice, hostapd would derive a second key the station never
	 * sees. A new attempt has a new DH key, so differs.
	 */
	if (peer->state == VW_PEER_OWE ||
	    (peer->state == VW_PEER_ASSOC && peer->owe_req &&
	     peer->owe_req_len == f->ies_len &&
	     !memcmp(peer->owe_req, f->ies, f->ies_len)))
		return;
	/* a PMF association stands until an SA Query goes unanswered */
	if (vw_pmf_protects(peer)) {
		comeback = vw_pmf_ap_reassoc(radio, peer);
		if (!comeback)
			cfg80211_del_sta(radio->ndev, peer->addr, GFP_ATOMIC);
	}
	status = comeback ? WLAN_STATUS_ASSOC_REJECTED_TEMPORARILY :
			    vw_ap_assoc_status(radio, f, peer);
	if (status == WLAN_STATUS_SUCCESS) {
		peer->signal = info->signal;
		peer->tx_power = info->tx_power;
		if (vw_ap_owe_request(f->ies, f->ies_len)) {
			vw_ap_owe_ask(radio, peer, f);
			return;
		}
	}
	vw_ap_send_assoc_resp(radio, f->addr2, reassoc, status,
			      peer->aid | VW_AID_FLAGS, comeback, NULL, 0);
	if (status == WLAN_STATUS_SUCCESS)
		vw_ap_associated(radio, peer, f->ies, f->ies_len);
}

/*
 * Process context: hostapd's answer to a station's OWE request: the
 * elements of our response (its RSN element and DH element), or the
 * status to refuse it with (it may try another group).
 */
int vw_ap_update_owe_info(struct vw_radio *radio,
			  const struct cfg80211_update_owe_info *owe)
{
	bool ok = owe->status == WLAN_STATUS_SUCCESS;
	struct vw_peer *peer;
	int err = 0;

	/* they go into a frame: whole elements, and no more than it holds */
	if (owe->ie_len > VW_OWE_IES_MAX ||
	    !vw_ie_chain_valid(owe->ie, owe->ie_len))
		return -EINVAL;
	spin_lock_bh(&radio->lock);
	peer = vw_peer_find(radio, owe->peer);
	if (!peer || peer->state != VW_PEER_OWE) {
		err = -ENOENT;
		goto out;
	}
	vw_ap_send_assoc_resp(radio, peer->addr, peer->owe_reassoc,
			      owe->status, peer->aid | VW_AID_FLAGS, 0,
			      ok ? owe->ie : NULL, ok ? owe->ie_len : 0);
	if (ok) {
		/* the request stays, to know it if it comes again */
		vw_ap_associated(radio, peer, peer->owe_req,
				 peer->owe_req_len);
	} else {
		/* still authenticated, as after any refused request */
		peer->state = VW_PEER_AUTH;
		peer->assoc_jiffies = jiffies;
		kfree(peer->owe_req);
		peer->owe_req = NULL;
	}
out:
	spin_unlock_bh(&radio->lock);
	return err;
}

/* NAPI: a management frame on our channel */
void vw_ap_rx_mgmt(struct vw_radio *radio, const struct vw_frame *f,
		   const struct vw_air_info *info)
{
	const u8 *bssid = radio->ndev->dev_addr;
	struct vw_peer *peer;
	bool to_user = false;

	/* hostapd scans for other BSSs (20/40 MHz coexistence) */
	if ((f->stype == VW_STYPE_BEACON || f->stype == VW_STYPE_PROBE_RESP) &&
	    READ_ONCE(radio->sta.scan_req) && !f->is_protected)
		vw_sta_inform_bss(radio, f, info);
	if (!READ_ONCE(radio->ap.started) || f->is_protected)
		return;
	if (f->stype == VW_STYPE_PROBE_REQ) {
		if ((is_broadcast_ether_addr(f->addr1) ||
		     ether_addr_equal(f->addr1, bssid)) &&
		    (is_broadcast_ether_addr(f->addr3) ||
		     ether_addr_equal(f->addr3, bssid)))
			vw_ap_rx_probe_req(radio, f);
		return;
	}
	if (!ether_addr_equal(f->addr1, bssid) ||
	    !ether_addr_equal(f->addr3, bssid))
		return;

	spin_lock(&radio->lock);
	if (!radio->ap.started)
		goto out;
	switch (f->stype) {
	case VW_STYPE_AUTH:
		to_user = f->body_len >= VW_AUTH_FIXED &&
			  vw_ap_rx_auth(radio, f);
		break;
	case VW_STYPE_ASSOC_REQ:
	case VW_STYPE_REASSOC_REQ:
		vw_ap_rx_assoc(radio, f, info);
		break;
	case VW_STYPE_DEAUTH:
	case VW_STYPE_DISASSOC:
		peer = vw_peer_find(radio, f->addr2);
		if (peer)
			vw_ap_drop_peer(radio, peer, true);
		break;
	}
out:
	spin_unlock(&radio->lock);
	if (to_user)
		vw_mgmt_to_user(radio, f, info);
}

/* ---- cfg80211 ops: process context, wiphy/RTNL held ---- */

int vw_ap_start(struct wiphy *wiphy, struct net_device *ndev,
		struct cfg80211_ap_settings *s)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct vw_ap *ap = &radio->ap;
	struct vw_beacon *bcn;

	if (radio->wdev.iftype != NL80211_IFTYPE_AP)
		return -EOPNOTSUPP;
	/* cfg80211 has checked the chandef against our bands and the rules */
	if (!s->chandef.chan || !s->ssid_len ||
	    s->ssid_len > IEEE80211_MAX_SSID_LEN)
		return -EINVAL;
	bcn = vw_beacon_new(&s->beacon, NULL);
	if (IS_ERR(bcn))
		return PTR_ERR(bcn);

	spin_lock_bh(&radio->lock);
	if (ap->started) {
		spin_unlock_bh(&radio->lock);
		kfree(bcn);
		return -EALREADY;
	}
	memcpy(ap->ssid, s->ssid, s->ssid_len);
	ap->ssid_len = s->ssid_len;
	ap->hidden = s->hidden_ssid != NL80211_HIDDEN_SSID_NOT_IN_USE;
	ap->beacon_int = s->beacon_interval ?: 100;
	ap->dtim_period = s->dtim_period ?: 1;
	ap->dtim_count = 0;
	ap->privacy = s->privacy;
	ap->isolate = false;
	vw_data_control_port(radio, s->crypto.control_port_over_nl80211,
			     s->crypto.control_port_no_preauth,
			     s->crypto.control_port_ethertype);
	rcu_assign_pointer(ap->beacon, bcn);
	radio->chandef = s->chandef;
	WRITE_ONCE(radio->channel, s->chandef.chan);
	WRITE_ONCE(ap->started, true);
	mod_timer(&ap->beacon_timer, jiffies + 1);
	spin_unlock_bh(&radio->lock);
	netif_carrier_on(ndev);
	return 0;
}

int vw_ap_change_beacon(struct wiphy *wiphy, struct net_device *ndev,
			struct cfg80211_beacon_data *b)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct vw_beacon *bcn, *old;

	spin_lock_bh(&radio->lock);
	old = rcu_dereference_protected(radio->ap.beacon,
					lockdep_is_held(&radio->lock));
	spin_unlock_bh(&radio->lock);
	/* ops are serialized by cfg80211, so old stays ours meanwhile */
	if (!radio->ap.started || !old)
		return -EINVAL;
	bcn = vw_beacon_new(b, old);
	if (IS_ERR(bcn))
		return PTR_ERR(bcn);
	spin_lock_bh(&radio->lock);
	rcu_assign_pointer(radio->ap.beacon, bcn);
	spin_unlock_bh(&radio->lock);
	kfree_rcu(old, rcu);
	return 0;
}

/* Stops beaconing and says goodbye to every station. */
void vw_ap_shutdown(struct vw_radio *radio)
{
	struct vw_ap *ap = &radio->ap;
	struct vw_peer *peer, *tmp;
	struct vw_beacon *old;

	spin_lock_bh(&radio->lock);
	if (!ap->started) {
		spin_unlock_bh(&radio->lock);
		return;
	}
	vw_ap_send_deauth(radio, radio->ndev->broadcast, VW_STYPE_DEAUTH,
			  WLAN_REASON_DEAUTH_LEAVING);
	WRITE_ONCE(ap->started, false);
	list_for_each_entry_safe(peer, tmp, &radio->peers, list)
		vw_ap_drop_peer(radio, peer, false);
	old = rcu_replace_pointer(ap->beacon, NULL,
				  lockdep_is_held(&radio->lock));
	spin_unlock_bh(&radio->lock);
	del_timer_sync(&ap->beacon_timer);
	if (old)
		kfree_rcu(old, rcu);
	netif_carrier_off(radio->ndev);
	vw_keys_clear(radio);
	vw_data_control_port(radio, false, false, 0);
}

int vw_ap_stop(struct wiphy *wiphy, struct net_device *ndev,
	       unsigned int link_id)
{
	vw_ap_shutdown(vw_radio_from_wiphy(wiphy));
	return 0;
}

/* hostapd removes stations here, also to deauthenticate or disassociate */
int vw_ap_del_station(struct wiphy *wiphy, struct net_device *ndev,
		      struct station_del_parameters *params)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	bool all = !params->mac || is_broadcast_ether_addr(params->mac);
	u8 stype = params->subtype == (IEEE80211_STYPE_DISASSOC >> 4) ?
		   VW_STYPE_DISASSOC : VW_STYPE_DEAUTH;
	u16 reason = params->reason_code ?: WLAN_REASON_UNSPECIFIED;
	struct vw_peer *peer, *tmp;
	int err = all ? 0 : -ENOENT;

	spin_lock_bh(&radio->lock);
	if (!radio->ap.started)
		goto out;
	if (all && !list_empty(&radio->peers))
		vw_ap_send_deauth(radio, radio->ndev->broadcast, stype, reason);
	list_for_each_entry_safe(peer, tmp, &radio->peers, list) {
		if (!all && !ether_addr_equal(peer->addr, params->mac))
			continue;
		if (!all)
			vw_ap_send_deauth(radio, peer->addr, stype, reason);
		vw_ap_drop_peer(radio, peer, false);
		err = 0;
	}
out:
	spin_unlock_bh(&radio->lock);
	return err;
}

int vw_ap_change_bss(struct wiphy *wiphy, struct net_device *ndev,
		     struct bss_parameters *params)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);

	if (params->ap_isolate >= 0)
		WRITE_ONCE(radio->ap.isolate, params->ap_isolate);
	return 0;
}

void vw_ap_init(struct vw_radio *radio)
{
	timer_setup(&radio->ap.beacon_timer, vw_ap_beacon_timer, 0);
}

void vw_ap_uninit(struct vw_radio *radio)
{
	vw_ap_shutdown(radio);
	del_timer_sync(&radio->ap.beacon_timer);
}
