// SPDX-License-Identifier: GPL-2.0
/*
 * Protected management frames (IEEE 802.11w, 12.6.19 and 11.13). PMF is
 * in use with a peer when both RSN elements of the association say
 * "capable". From then on its robust management frames (deauthentication,
 * disassociation, robust action frames) travel protected: unicast ones
 * encrypted with the pairwise key like data, group-addressed ones signed
 * with the IGTK in an MMIE (BIP). A station drops such frames that come
 * unprotected and tells user space (cfg80211_rx_unprot_mlme_mgmt), which
 * then asks the AP with an SA Query whether the association still holds.
 * An AP whose PMF station associates again does not let the new attempt
 * tear the old association down: it answers "try again later" (status
 * 30 with an association comeback time) and asks the station with an SA
 * Query; only a station that does not answer in time (it lost its keys)
 * gets in afresh.
 *
 * Every robust frame the driver sends goes through vw_pmf_tx(), so the
 * SMEs and user space's mgmt_tx frames are protected alike.
 */
#include <linux/random.h>

#include "vwifi.h"

#define VW_CATEGORY_SA_QUERY 8
#define VW_SA_QUERY_REQUEST 0
#define VW_SA_QUERY_RESPONSE 1
#define VW_SA_QUERY_LEN 4		/* category, action, transaction id */
/*
 * dot11AssociationSAQueryMaximumTimeout, hostapd's default too: how long
 * the AP waits for an answer, and the comeback time it gives
 */
#define VW_SA_QUERY_TIMEOUT_TU 1000
#define VW_TIE_ASSOC_COMEBACK 3		/* Timeout Interval type */

static bool vw_ies_mfpc(const u8 *ies, size_t len)
{
	u16 caps;

	return !vw_rsn_caps(vw_ie_find(ies, len, VW_EID_RSN), &caps) &&
	       (caps & VW_RSN_CAP_MFPC);
}

/*
 * AP: does PMF protect peer's association (negotiated, keys in place), so
 * that a new authentication or association in its name must not end it?
 * radio->lock held.
 */
bool vw_pmf_protects(const struct vw_peer *peer)
{
	return peer->state == VW_PEER_ASSOC && peer->mfp &&
	       rcu_access_pointer(peer->ptk);
}

/* PMF between two parties whose elements (each with its RSNE) these are */
bool vw_pmf_agreed(const u8 *ours, size_t ours_len, const u8 *theirs,
		   size_t theirs_len)
{
	return vw_ies_mfpc(ours, ours_len) && vw_ies_mfpc(theirs, theirs_len);
}

/* RCU read side: the peer at addr if PMF is in use with it */
static struct vw_peer *vw_pmf_peer(struct vw_radio *radio, const u8 *addr)
{
	struct vw_peer *peer = NULL;

	if (radio->wdev.iftype == NL80211_IFTYPE_STATION) {
		peer = rcu_dereference(radio->sta.ap);
		if (peer && !ether_addr_equal(peer->addr, addr))
			peer = NULL;
	} else if (radio->wdev.iftype == NL80211_IFTYPE_AP) {
		peer = vw_peer_find(radio, addr);
	}
	return peer && READ_ONCE(peer->mfp) ? peer : NULL;
}

/*
 * Encrypts a unicast management frame in place: the cipher's header goes
 * between MAC header and body, the MIC behind (tailroom checked). BH off,
 * key->tx_lock held.
 */
static int vw_pmf_encrypt(struct vw_key *key, struct sk_buff *skb,
			  size_t hdr_len)
{
	size_t body_len = skb->len - hdr_len;
	u8 *body;

	skb_put(skb, key->cipher->hdr_len);
	body = skb->data + hdr_len;
	memmove(body + key->cipher->hdr_len, body, body_len);
	vw_put_le16(skb->data, vw_get_le16(skb->data) | VW_FC_PROTECTED);
	return vw_key_encrypt(key, skb, 0);
}

/*
 * Sends a management frame (skb->data at its MAC header) on chan, first
 * protecting it when it is robust and PMF is in use with its receiver:
 * unicast with the peer's pairwise key once there is one, group-addressed
 * (an AP's) signed with our IGTK. Consumes the skb; returns the ack as
 * vw_air_tx_on() does. Any context.
 */
bool vw_pmf_tx(struct vw_radio *radio, struct sk_buff *skb,
	       struct ieee80211_channel *chan)
{
	const struct vw_rate *rate = &vw_band_of(chan)->mgmt_rate;
	struct vw_key *key = NULL;
	struct vw_peer *peer;
	struct vw_frame f;
	bool group, ack = false;
	size_t need;
	u8 idx;
	int err;

	if (vw_frame_parse_hdr(skb->data, skb->len, &f) < 0 ||
	    f.is_protected || !vw_mgmt_is_robust(&f))
		return vw_air_tx_on(radio, skb, rate, chan);

	rcu_read_lock();
	group = is_multicast_ether_addr(f.addr1);
	if (group) {
		idx = READ_ONCE(radio->igtk_tx_idx);
		if (radio->wdev.iftype == NL80211_IFTYPE_AP &&
		    idx >= VW_NUM_DATA_KEYS && idx < VW_NUM_KEYS)
			key = rcu_dereference(radio->gtk[idx]);
	} else {
		peer = vw_pmf_peer(radio, f.addr1);
		if (peer)
			key = rcu_dereference(peer->ptk);
	}
	if (!key) {
		rcu_read_unlock();
		return vw_air_tx_on(radio, skb, rate, chan);
	}

	need = group ? VW_MMIE_LEN_MAX :
		       key->cipher->hdr_len + key->cipher->mic_len;
	err = -ENOMEM;
	if (skb_tailroom(skb) < need &&
	    pskb_expand_head(skb, 0, need, GFP_ATOMIC))
		goto out;
	spin_lock_bh(&key->tx_lock);
	err = group ? vw_key_bip_sign(key, skb) :
		      vw_pmf_encrypt(key, skb, f.hdr_len);
	if (!err)
		ack = vw_air_tx_on(radio, skb, rate, chan);
	spin_unlock_bh(&key->tx_lock);
out:
	rcu_read_unlock();
	if (err) {
		vw_drop(radio, VW_DROP_NO_MEMORY);
		kfree_skb(skb);
	}
	return ack;
}

/*
 * A station heard an unprotected deauthentication or disassociation
 * from its PMF AP: wpa_supplicant decides (SA Query) whether it is real.
 * Only these two may be reported; cfg80211 warns on anything else.
 */
static void vw_pmf_report(struct vw_radio *radio, struct sk_buff *skb,
			  const struct vw_frame *f)
{
	if (radio->wdev.iftype == NL80211_IFTYPE_STATION &&
	    (f->stype == VW_STYPE_DEAUTH || f->stype == VW_STYPE_DISASSOC))
		cfg80211_rx_unprot_mlme_mgmt(radio->ndev, skb->data, skb->len);
}

/* RCU read side: is the group-addressed frame f signed with our IGTK? */
static enum vw_pmf_verdict vw_pmf_rx_group(struct vw_radio *radio,
					   struct sk_buff *skb,
					   const struct vw_frame *f,
					   enum vw_drop *why)
{
	struct vw_key *key;
	struct vw_mmie m;

	*why = VW_DROP_MALFORMED;
	if (f->is_protected)	/* group frames are signed, never encrypted */
		return VW_PMF_DROP;
	if (radio->wdev.iftype != NL80211_IFTYPE_STATION)
		return VW_PMF_PASS;
	/* either IGTK gives the MIC length of the BSS's BIP cipher */
	key = rcu_dereference(radio->gtk[VW_NUM_DATA_KEYS]) ?:
	      rcu_dereference(radio->gtk[VW_NUM_DATA_KEYS + 1]);
	*why = VW_DROP_UNPROTECTED;
	if (!key || vw_mmie_get(f->body, f->body_len, key->cipher->mic_len,
				&m) < 0)
		goto unprotected;
	*why = VW_DROP_NO_KEY;
	if (m.key_id >= VW_NUM_DATA_KEYS + 2)
		goto unprotected;
	key = rcu_dereference(radio->gtk[m.key_id]);
	if (!key || vw_key_bip_check(key, f, &m, why))
		goto unprotected;
	return VW_PMF_PASS;

unprotected:
	vw_pmf_report(radio, skb, f);
	return VW_PMF_DROP;
}

/*
 * AP, RCU read side: an SA Query response to the query we sent to peer
 * when it associated again: it still has its keys, the old association
 * stands.
 */
static bool vw_pmf_sa_query_answered(struct vw_radio *radio,
				     struct vw_peer *peer,
				     const struct vw_frame *f)
{
	if (radio->wdev.iftype != NL80211_IFTYPE_AP ||
	    f->stype != VW_STYPE_ACTION || f->body_len < VW_SA_QUERY_LEN ||
	    f->body[0] != VW_CATEGORY_SA_QUERY ||
	    f->body[1] != VW_SA_QUERY_RESPONSE ||
	    !READ_ONCE(peer->sa_query_pending) ||
	    vw_get_le16(f->body + 2) != READ_ONCE(peer->sa_query_id))
		return false;
	WRITE_ONCE(peer->sa_query_pending, false);
	netdev_dbg(radio->ndev, "%pM answered the SA Query: still associated\n",
		   peer->addr);
	return true;
}

/*
 * NAPI: what PMF makes of a received management frame before anyone
 * reads it. VW_PMF_PASS: go on with f; a frame that was protected has
 * been decrypted in place and f reads it as plain (the frame keeps its
 * Protected bit, which hostapd and wpa_supplicant look for).
 * VW_PMF_DROP: drop it, counted as *why. VW_PMF_TAKEN: it was ours.
 */
enum vw_pmf_verdict vw_pmf_rx(struct vw_radio *radio, struct sk_buff *skb,
			      struct vw_frame *f, enum vw_drop *why)
{
	enum vw_pmf_verdict v = VW_PMF_PASS;
	struct vw_peer *peer;
	struct vw_key *key;

	/* a protected authentication (shared key) the SMEs ignore */
	if (!vw_mgmt_is_robust(f))
		return VW_PMF_PASS;

	rcu_read_lock();
	peer = vw_pmf_peer(radio, f->addr2);
	if (!peer) {
		/* without PMF, a protected frame is one we cannot read */
		*why = VW_DROP_NO_KEY;
		v = f->is_protected ? VW_PMF_DROP : VW_PMF_PASS;
		goto out;
	}
	if (is_multicast_ether_addr(f->addr1)) {
		v = vw_pmf_rx_group(radio, skb, f, why);
		goto out;
	}
	key = rcu_dereference(peer->ptk);
	if (!f->is_protected) {
		/* before the 4-way handshake nothing can be protected */
		if (!key)
			goto out;
		vw_pmf_report(radio, skb, f);
		*why = VW_DROP_UNPROTECTED;
		v = VW_PMF_DROP;
		goto out;
	}
	v = VW_PMF_DROP;
	*why = VW_DROP_NO_KEY;
	if (!key || vw_key_decrypt(key, skb, 0, f, why))
		goto out;
	/* the frame moved within the skb: read its header again */
	*why = VW_DROP_MALFORMED;
	if (vw_frame_parse_hdr(skb->data, skb->len, f) < 0)
		goto out;
	f->is_protected = false;
	v = vw_pmf_sa_query_answered(radio, peer, f) ? VW_PMF_TAKEN :
						       VW_PMF_PASS;
out:
	rcu_read_unlock();
	return v;
}

/*
 * AP, radio->lock held: peer, associated with PMF and its keys, asks to
 * associate again. Returns the association comeback time (TU) to answer
 * with, after asking it with an SA Query whether it still has its keys;
 * 0 when the query went unanswered in time: the old association goes
 * and the new one is made.
 */
u32 vw_pmf_ap_reassoc(struct vw_radio *radio, struct vw_peer *peer)
{
	unsigned long timeout = usecs_to_jiffies(VW_SA_QUERY_TIMEOUT_TU *
						 1024);
	u8 query[VW_SA_QUERY_LEN];
	struct sk_buff *skb;
	u16 id;

	if (peer->sa_query_pending) {
		if (time_after(jiffies, peer->sa_query_deadline)) {
			netdev_dbg(radio->ndev,
				   "%pM did not answer the SA Query\n",
				   peer->addr);
			peer->sa_query_pending = false;
			return 0;
		}
		return max(1U, jiffies_to_usecs(peer->sa_query_deadline -
						jiffies) / 1024);
	}

	id = get_random_u16();
	peer->sa_query_id = id;
	peer->sa_query_deadline = jiffies + timeout;
	WRITE_ONCE(peer->sa_query_pending, true);
	query[0] = VW_CATEGORY_SA_QUERY;
	query[1] = VW_SA_QUERY_REQUEST;
	vw_put_le16(query + 2, id);
	skb = vw_air_alloc(radio, VW_HDR3_LEN + sizeof(query) +
			   VW_CIPHER_HDR_LEN + VW_CIPHER_MIC_MAX);
	if (skb) {
		vw_build_mgmt_hdr(skb_put(skb, VW_HDR3_LEN), VW_HDR3_LEN,
				  VW_STYPE_ACTION, peer->addr,
				  radio->ndev->dev_addr, radio->ndev->dev_addr,
				  vw_next_seq(radio));
		skb_put_data(skb, query, sizeof(query));
		vw_air_tx_mgmt(radio, skb);
	}
	return VW_SA_QUERY_TIMEOUT_TU;
}

/* the Timeout Interval element of an association comeback */
int vw_pmf_put_comeback(u8 *buf, size_t cap, u32 tu)
{
	u8 tie[5];

	tie[0] = VW_TIE_ASSOC_COMEBACK;
	tie[1] = tu;
	tie[2] = tu >> 8;
	tie[3] = tu >> 16;
	tie[4] = tu >> 24;
	return vw_ie_put(buf, cap, VW_EID_TIMEOUT_INTERVAL, tie, sizeof(tie));
}

/* The comeback time in a temporary rejection's elements, TU; 0: none. */
u32 vw_pmf_get_comeback(const u8 *ies, size_t len)
{
	const u8 *tie = vw_ie_find(ies, len, VW_EID_TIMEOUT_INTERVAL);

	if (!tie || tie[1] < 5 || tie[2] != VW_TIE_ASSOC_COMEBACK)
		return 0;
	return tie[3] | tie[4] << 8 | tie[5] << 16 | (u32)tie[6] << 24;
}
