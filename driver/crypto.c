// SPDX-License-Identifier: GPL-2.0
/*
 * Keys and CCMP-128 (IEEE 802.11 12.5.3) through the kernel crypto API:
 * ccm(aes) with an 8-byte MIC, in place on the skb. The standard's nonce
 * and AAD come from the shared core. Each key owns a per-CPU scratch area
 * (request, AAD, IV, scatterlist) so the data path allocates nothing;
 * users run with BH disabled, which makes the per-CPU area theirs.
 */
#include <crypto/aead.h>
#include <linux/scatterlist.h>

#include "vwifi.h"

struct vw_ccmp_scratch {
	u8 aad[VW_CCMP_AAD_MAX + 2];
	u8 iv[16];
	struct scatterlist sg[2];
	struct aead_request req;	/* followed by the tfm's context */
};

/* process context; no reader may hold the key any more */
void vw_key_destroy(struct vw_key *key)
{
	int cpu;

	if (!key)
		return;
	if (key->created)
		pr_debug("lifetime: key %p destroyed\n", key);
	if (key->scratch) {
		for_each_possible_cpu(cpu)
			kfree(*per_cpu_ptr(key->scratch, cpu));
		free_percpu(key->scratch);
	}
	if (!IS_ERR_OR_NULL(key->tfm))
		crypto_free_aead(key->tfm);
	kfree_sensitive(key);
}

static void vw_key_free_work(struct work_struct *work)
{
	vw_key_destroy(container_of(to_rcu_work(work), struct vw_key,
				    free_work));
}

/*
 * One instance of the cipher, held from load to unload, so the kernel
 * has loaded its modules before the first key: loading them then took a
 * second under emulation, while hostapd waited. Missing, it is only
 * reported: open networks work without it.
 */
static struct crypto_aead *vw_ccmp_cipher;

void vw_crypto_init(void)
{
	vw_ccmp_cipher = crypto_alloc_aead("ccm(aes)", 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(vw_ccmp_cipher)) {
		pr_warn("no ccm(aes) cipher (%ld): WPA2 will not work\n",
			PTR_ERR(vw_ccmp_cipher));
		vw_ccmp_cipher = NULL;
	}
}

void vw_crypto_uninit(void)
{
	if (vw_ccmp_cipher)
		crypto_free_aead(vw_ccmp_cipher);
}

/* process context */
struct vw_key *vw_key_alloc(const struct key_params *params, u8 idx)
{
	size_t size;
	struct vw_key *key;
	u64 pn = 0;
	int cpu, i, err;

	if (params->cipher != WLAN_CIPHER_SUITE_CCMP)
		return ERR_PTR(-EOPNOTSUPP);
	if (params->key_len != 16 || params->seq_len > 6)
		return ERR_PTR(-EINVAL);

	key = kzalloc(sizeof(*key), GFP_KERNEL);
	if (!key)
		return ERR_PTR(-ENOMEM);
	key->idx = idx;
	spin_lock_init(&key->tx_lock);
	INIT_RCU_WORK(&key->free_work, vw_key_free_work);
	/* the RSC is the last PN the peer sent: accept only newer ones */
	for (i = params->seq_len - 1; i >= 0; i--)
		pn = (pn << 8) | params->seq[i];
	key->rx_pn = pn;
	atomic64_set(&key->tx_pn, 0);

	key->tfm = crypto_alloc_aead("ccm(aes)", 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(key->tfm)) {
		err = PTR_ERR(key->tfm);
		goto err_destroy;
	}
	err = crypto_aead_setauthsize(key->tfm, VW_CCMP_MIC_LEN) ?:
	      crypto_aead_setkey(key->tfm, params->key, params->key_len);
	if (err)
		goto err_destroy;

	err = -ENOMEM;
	key->scratch = alloc_percpu(void *);
	if (!key->scratch)
		goto err_destroy;
	size = sizeof(struct vw_ccmp_scratch) + crypto_aead_reqsize(key->tfm);
	for_each_possible_cpu(cpu) {
		struct vw_ccmp_scratch *s = kzalloc(size, GFP_KERNEL);

		if (!s)
			goto err_destroy;
		aead_request_set_tfm(&s->req, key->tfm);
		*per_cpu_ptr(key->scratch, cpu) = s;
	}
	key->created = true;
	pr_debug("lifetime: key %p created\n", key);
	return key;

err_destroy:
	vw_key_destroy(key);
	return ERR_PTR(err);
}

/* any context: frees after readers are gone */
void vw_key_free(struct vw_key *key)
{
	if (key)
		queue_rcu_work(vw_wq, &key->free_work);
}

/* Publishes key (or NULL) in slot and frees what was there. */
void vw_key_replace(struct vw_key __rcu **slot, struct vw_key *key,
		    spinlock_t *lock)
{
	struct vw_key *old;

	spin_lock_bh(lock);
	old = rcu_replace_pointer(*slot, key, lockdep_is_held(lock));
	spin_unlock_bh(lock);
	vw_key_free(old);
}

static int vw_ccmp_crypt(struct vw_key *key, const struct vw_frame *f,
			 u64 pn, u8 *payload, size_t len, bool encrypt)
{
	struct vw_ccmp_scratch *s;
	int aad_len, err;

	local_bh_disable();
	s = *this_cpu_ptr(key->scratch);
	aad_len = vw_ccmp_aad(f, s->aad, sizeof(s->aad));
	if (aad_len < 0) {
		err = -EINVAL;
		goto out;
	}
	/* CCM's IV: flags (L - 1 = 1), the 13-byte nonce, counter */
	memset(s->iv, 0, sizeof(s->iv));
	s->iv[0] = 1;
	vw_ccmp_nonce(f, pn, s->iv + 1);

	sg_init_table(s->sg, 2);
	sg_set_buf(&s->sg[0], s->aad, aad_len);
	sg_set_buf(&s->sg[1], payload, len + VW_CCMP_MIC_LEN);
	aead_request_set_callback(&s->req, 0, NULL, NULL);
	aead_request_set_ad(&s->req, aad_len);
	aead_request_set_crypt(&s->req, s->sg, s->sg,
			       encrypt ? len : len + VW_CCMP_MIC_LEN, s->iv);
	err = encrypt ? crypto_aead_encrypt(&s->req) :
			crypto_aead_decrypt(&s->req);
out:
	local_bh_enable();
	return err;
}

/*
 * skb->data + hdr_off is a MAC header followed by room for the CCMP
 * header and the plaintext; tailroom holds the MIC. BH disabled.
 */
int vw_ccmp_encrypt(struct vw_key *key, struct sk_buff *skb, size_t hdr_off)
{
	struct vw_frame f;
	u8 *ccmp;
	u64 pn;

	if (vw_frame_parse(skb->data + hdr_off, skb->len - hdr_off, &f) < 0 ||
	    f.body_len < VW_CCMP_HDR_LEN)
		return -EINVAL;
	pn = atomic64_inc_return(&key->tx_pn);
	if (pn > VW_PN_MAX)
		return -EOVERFLOW;	/* a rekey is overdue: never reuse */
	ccmp = (u8 *)f.body;
	vw_ccmp_hdr_put(ccmp, pn, key->idx);
	skb_put(skb, VW_CCMP_MIC_LEN);
	return vw_ccmp_crypt(key, &f, pn, ccmp + VW_CCMP_HDR_LEN,
			     f.body_len - VW_CCMP_HDR_LEN, true);
}

/*
 * Checks and decrypts a received frame in place, then removes the CCMP
 * header and MIC so the frame reads as a plain one. NAPI context.
 */
int vw_ccmp_decrypt(struct vw_key *key, struct sk_buff *skb, size_t hdr_off,
		    const struct vw_frame *f, enum vw_drop *why)
{
	size_t hdr_len = f->hdr_len;
	size_t len;
	u64 pn;
	u8 idx;

	*why = VW_DROP_MALFORMED;
	if (f->body_len < VW_CCMP_HDR_LEN + VW_CCMP_MIC_LEN ||
	    vw_ccmp_hdr_get(f->body, f->body_len, &pn, &idx) < 0)
		return -EINVAL;
	*why = VW_DROP_REPLAY;
	if (pn <= key->rx_pn)
		return -EINVAL;
	len = f->body_len - VW_CCMP_HDR_LEN - VW_CCMP_MIC_LEN;
	*why = VW_DROP_DECRYPT;
	if (vw_ccmp_crypt(key, f, pn, (u8 *)f->body + VW_CCMP_HDR_LEN, len,
			  false))
		return -EBADMSG;
	key->rx_pn = pn;

	memmove(skb->data + hdr_off + VW_CCMP_HDR_LEN, skb->data + hdr_off,
		hdr_len);
	skb_pull(skb, VW_CCMP_HDR_LEN);
	skb_trim(skb, skb->len - VW_CCMP_MIC_LEN);
	return 0;
}

/* ---- cfg80211 key operations: process context, wiphy/RTNL held ---- */

/*
 * Where a key lives: a peer's pairwise key; in IBSS a peer's own group key
 * (each member of an RSN IBSS sends with a group key of its own); else
 * the radio's group key. radio->lock or RCU; NULL if the peer is unknown.
 */
static struct vw_key __rcu **vw_key_slot(struct vw_radio *radio, u8 idx,
					 bool pairwise, const u8 *mac)
{
	bool peer_gtk = !pairwise && mac && !is_broadcast_ether_addr(mac) &&
			radio->wdev.iftype == NL80211_IFTYPE_ADHOC;
	struct vw_peer *peer;

	if (!pairwise && !peer_gtk)
		return &radio->gtk[idx];
	peer = mac ? vw_peer_find(radio, mac) : NULL;
	if (!peer)
		return NULL;
	return pairwise ? &peer->ptk : &peer->gtk[idx];
}

int vw_key_add(struct wiphy *wiphy, struct net_device *ndev, int link_id,
	       u8 idx, bool pairwise, const u8 *mac, struct key_params *params)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct vw_key __rcu **slot;
	struct vw_key *key, *old;

	if (idx >= VW_NUM_GROUP_KEYS)
		return -EINVAL;
	key = vw_key_alloc(params, idx);
	if (IS_ERR(key))
		return PTR_ERR(key);

	spin_lock_bh(&radio->lock);
	slot = vw_key_slot(radio, idx, pairwise, mac);
	if (!slot) {
		spin_unlock_bh(&radio->lock);
		vw_key_destroy(key);
		return -ENOENT;
	}
	old = rcu_replace_pointer(*slot, key, lockdep_is_held(&radio->lock));
	spin_unlock_bh(&radio->lock);
	vw_key_free(old);
	return 0;
}

int vw_key_del(struct wiphy *wiphy, struct net_device *ndev, int link_id,
	       u8 idx, bool pairwise, const u8 *mac)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct vw_key __rcu **slot;
	struct vw_key *old = NULL;

	if (idx >= VW_NUM_GROUP_KEYS)
		return -ENOENT;
	spin_lock_bh(&radio->lock);
	slot = vw_key_slot(radio, idx, pairwise, mac);
	if (slot)
		old = rcu_replace_pointer(*slot, NULL,
					  lockdep_is_held(&radio->lock));
	spin_unlock_bh(&radio->lock);
	vw_key_free(old);
	return 0;
}

/* hostapd asks for the group key's transmit PN (GTK RSC in message 3) */
int vw_key_get(struct wiphy *wiphy, struct net_device *ndev, int link_id,
	       u8 idx, bool pairwise, const u8 *mac, void *cookie,
	       void (*callback)(void *cookie, struct key_params *))
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);
	struct key_params params = { .cipher = WLAN_CIPHER_SUITE_CCMP };
	struct vw_key __rcu **slot;
	struct vw_key *key = NULL;
	u8 seq[6];
	u64 pn;
	int i;

	if (idx >= VW_NUM_GROUP_KEYS)
		return -ENOENT;
	rcu_read_lock();
	slot = vw_key_slot(radio, idx, pairwise, mac);
	if (slot)
		key = rcu_dereference(*slot);
	if (!key) {
		rcu_read_unlock();
		return -ENOENT;
	}
	/* our own keys: the last PN sent; a peer's: the last received */
	pn = (pairwise || slot == &radio->gtk[idx]) ?
	     atomic64_read(&key->tx_pn) : key->rx_pn;
	rcu_read_unlock();
	for (i = 0; i < 6; i++)
		seq[i] = pn >> (8 * i);
	params.seq = seq;
	params.seq_len = sizeof(seq);
	callback(cookie, &params);
	return 0;
}

int vw_key_set_default(struct wiphy *wiphy, struct net_device *ndev,
		       int link_id, u8 idx, bool unicast, bool multicast)
{
	struct vw_radio *radio = vw_radio_from_wiphy(wiphy);

	if (idx >= VW_NUM_GROUP_KEYS)
		return -EINVAL;
	if (multicast)
		WRITE_ONCE(radio->gtk_tx_idx, idx);
	return 0;
}

/* process context: drop every group key */
void vw_keys_clear(struct vw_radio *radio)
{
	int i;

	for (i = 0; i < VW_NUM_GROUP_KEYS; i++)
		vw_key_replace(&radio->gtk[i], NULL, &radio->lock);
}
