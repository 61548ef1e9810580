// SPDX-License-Identifier: GPL-2.0
/*
 * The ciphers of the core's table (core/vw_cipher.c) through the kernel
 * crypto API: CCMP-128/256 (ccm(aes)) and GCMP-128/256 (gcm(aes)) protect
 * data and unicast robust management frames in place on the skb; BIP
 * (cmac(aes), and GMAC as gcm(aes) over authenticated data only) signs
 * group-addressed robust management frames with an MMIE. The standard's
 * nonce, AAD and MMIE come from the shared core.
 *
 * Each AEAD key owns a per-CPU scratch area (request, AAD, IV,
 * scatterlist) so the data path allocates nothing; users run with BH
 * disabled, which makes the per-CPU area theirs.
 */
#include <crypto/aead.h>
#include <crypto/hash.h>
#include <crypto/algapi.h>
#include <linux/scatterlist.h>

#include "vwifi.h"

/* the 16-byte CCM IV is a flags byte (L - 1 = 1) and the 13-byte nonce */
#define VW_CCM_IV_FLAGS 1
#define VW_IV_MAX 16

struct vw_crypt_scratch {
	u8 aad[VW_CCMP_AAD_MAX + 2];
	u8 iv[VW_IV_MAX];
	u8 tag[VW_CIPHER_MIC_MAX];	/* BIP-GMAC's computed MIC */
	struct scatterlist sg[3];
	struct aead_request req;	/* followed by the tfm's context */
};

/* the crypto API's algorithm of each kind of cipher */
static const char * const vw_crypto_alg[] = {
	[VW_CIPHER_CCM] = "ccm(aes)",
	[VW_CIPHER_GCM] = "gcm(aes)",
	[VW_CIPHER_BIP_CMAC] = "cmac(aes)",
	[VW_CIPHER_BIP_GMAC] = "gcm(aes)",
};

static bool vw_kind_is_hash(enum vw_cipher_kind kind)
{
	return kind == VW_CIPHER_BIP_CMAC;
}

/*
 * One instance of each algorithm, held from load to unload, so the kernel
 * has loaded its modules before the first key (loading them then took a
 * second under emulation, while hostapd waited) and we know which ciphers
 * to offer. A missing one is only reported: what needs it is not offered.
 */
static struct crypto_aead *vw_ccm_held, *vw_gcm_held;
static struct crypto_shash *vw_cmac_held;
static u32 vw_suites[8];	/* as many as the core's table has */
static int vw_n_suites;

static bool vw_kind_available(enum vw_cipher_kind kind)
{
	switch (kind) {
	case VW_CIPHER_CCM:
		return vw_ccm_held;
	case VW_CIPHER_GCM:
	case VW_CIPHER_BIP_GMAC:
		return vw_gcm_held;
	case VW_CIPHER_BIP_CMAC:
		return vw_cmac_held;
	}
	return false;
}

/* an instance of kind's AEAD algorithm, or NULL (reported) */
static struct crypto_aead *vw_aead_hold(enum vw_cipher_kind kind)
{
	struct crypto_aead *aead;

	aead = crypto_alloc_aead(vw_crypto_alg[kind], 0, CRYPTO_ALG_ASYNC);
	if (!IS_ERR(aead))
		return aead;
	pr_warn("no %s (%ld): its ciphers are not offered\n",
		vw_crypto_alg[kind], PTR_ERR(aead));
	return NULL;
}

void vw_crypto_init(void)
{
	const struct vw_cipher *c;
	struct crypto_shash *shash;
	unsigned int i;

	vw_ccm_held = vw_aead_hold(VW_CIPHER_CCM);
	vw_gcm_held = vw_aead_hold(VW_CIPHER_GCM);
	shash = crypto_alloc_shash(vw_crypto_alg[VW_CIPHER_BIP_CMAC], 0, 0);
	if (IS_ERR(shash))
		pr_warn("no cmac(aes) (%ld): BIP-CMAC is not offered\n",
			PTR_ERR(shash));
	else
		vw_cmac_held = shash;

	for (i = 0; (c = vw_cipher_nth(i)); i++) {
		if (vw_kind_available(c->kind) &&
		    vw_n_suites < ARRAY_SIZE(vw_suites))
			vw_suites[vw_n_suites++] = c->suite;
	}
}

/* the crypto API's free functions take NULL */
void vw_crypto_uninit(void)
{
	crypto_free_aead(vw_ccm_held);
	crypto_free_aead(vw_gcm_held);
	crypto_free_shash(vw_cmac_held);
}

/* what wiphys advertise: the table's ciphers this kernel can run */
const u32 *vw_crypto_suites(int *n)
{
	*n = vw_n_suites;
	return vw_suites;
}

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
	if (key->cipher && vw_kind_is_hash(key->cipher->kind)) {
		if (!IS_ERR_OR_NULL(key->shash))
			crypto_free_shash(key->shash);
	} else if (!IS_ERR_OR_NULL(key->aead)) {
		crypto_free_aead(key->aead);
	}
	kfree_sensitive(key);
}

static void vw_key_free_work(struct work_struct *work)
{
	vw_key_destroy(container_of(to_rcu_work(work), struct vw_key,
				    free_work));
}

/* any context: frees after readers are gone */
void vw_key_free(struct vw_key *key)
{
	if (key)
		queue_rcu_work(vw_wq, &key->free_work);
}

static int vw_key_setup_aead(struct vw_key *key, const u8 *secret)
{
	const struct vw_cipher *c = key->cipher;
	size_t size;
	int cpu, err;

	key->aead = crypto_alloc_aead(vw_crypto_alg[c->kind], 0,
				      CRYPTO_ALG_ASYNC);
	if (IS_ERR(key->aead))
		return PTR_ERR(key->aead);
	err = crypto_aead_setauthsize(key->aead, c->mic_len) ?:
	      crypto_aead_setkey(key->aead, secret, c->key_len);
	if (err)
		return err;

	key->scratch = alloc_percpu(void *);
	if (!key->scratch)
		return -ENOMEM;
	size = sizeof(struct vw_crypt_scratch) +
	       crypto_aead_reqsize(key->aead);
	for_each_possible_cpu(cpu) {
		struct vw_crypt_scratch *s = kzalloc(size, GFP_KERNEL);

		if (!s)
			return -ENOMEM;
		aead_request_set_tfm(&s->req, key->aead);
		*per_cpu_ptr(key->scratch, cpu) = s;
	}
	return 0;
}

static int vw_key_setup_cmac(struct vw_key *key, const u8 *secret)
{
	key->shash = crypto_alloc_shash(vw_crypto_alg[VW_CIPHER_BIP_CMAC],
					0, 0);
	if (IS_ERR(key->shash))
		return PTR_ERR(key->shash);
	return crypto_shash_setkey(key->shash, secret, key->cipher->key_len);
}

/*
 * Process context. Key IDs 0-3 take pairwise and group data ciphers,
 * 4-7 (IGTK, BIGTK) the BIP ones; a cipher this kernel cannot run is
 * refused like an unknown one.
 */
struct vw_key *vw_key_alloc(const struct key_params *params, u8 idx)
{
	const struct vw_cipher *c = vw_cipher_find(params->cipher);
	bool mgmt_idx = idx >= VW_NUM_DATA_KEYS;
	struct vw_key *key;
	u64 pn = 0;
	int i, err;

	if (!c || !vw_kind_available(c->kind))
		return ERR_PTR(-EOPNOTSUPP);
	if (vw_cipher_is_group_mgmt(c) != mgmt_idx ||
	    idx >= VW_NUM_KEYS)
		return ERR_PTR(-EINVAL);
	if (params->key_len != c->key_len || params->seq_len > 6)
		return ERR_PTR(-EINVAL);

	key = kzalloc(sizeof(*key), GFP_KERNEL);
	if (!key)
		return ERR_PTR(-ENOMEM);
	key->cipher = c;
	key->idx = idx;
	spin_lock_init(&key->tx_lock);
	INIT_RCU_WORK(&key->free_work, vw_key_free_work);
	/* the RSC is the last PN the peer sent: accept only newer ones */
	for (i = params->seq_len - 1; i >= 0; i--)
		pn = (pn << 8) | params->seq[i];
	key->rx_pn = pn;
	key->rx_pn_mgmt = pn;
	atomic64_set(&key->tx_pn, 0);

	err = vw_kind_is_hash(c->kind) ? vw_key_setup_cmac(key, params->key) :
					 vw_key_setup_aead(key, params->key);
	if (err) {
		vw_key_destroy(key);
		return ERR_PTR(err);
	}
	key->created = true;
	pr_debug("lifetime: key %p created\n", key);
	return key;
}

/*
 * CCMP or GCMP on payload[0..len) (plus the MIC behind it), AAD from the
 * MAC header in f. Any context; takes the per-CPU scratch with BH off.
 */
static int vw_aead_crypt(struct vw_key *key, const struct vw_frame *f,
			 u64 pn, u8 *payload, size_t len, bool encrypt)
{
	const struct vw_cipher *c = key->cipher;
	unsigned int mic = c->mic_len;
	struct vw_crypt_scratch *s;
	int aad_len, off, err;

	local_bh_disable();
	s = *this_cpu_ptr(key->scratch);
	aad_len = vw_ccmp_aad(f, s->aad, sizeof(s->aad));
	memset(s->iv, 0, sizeof(s->iv));
	off = c->kind == VW_CIPHER_CCM;
	s->iv[0] = off ? VW_CCM_IV_FLAGS : 0;
	if (aad_len < 0 ||
	    vw_cipher_nonce(c, f, pn, s->iv + off, sizeof(s->iv) - off) < 0) {
		err = -EINVAL;
		goto out;
	}
	sg_init_table(s->sg, 2);
	sg_set_buf(&s->sg[0], s->aad, aad_len);
	sg_set_buf(&s->sg[1], payload, len + mic);
	aead_request_set_callback(&s->req, 0, NULL, NULL);
	aead_request_set_ad(&s->req, aad_len);
	aead_request_set_crypt(&s->req, s->sg, s->sg,
			       encrypt ? len : len + mic, s->iv);
	err = encrypt ? crypto_aead_encrypt(&s->req) :
			crypto_aead_decrypt(&s->req);
out:
	local_bh_enable();
	return err;
}

/*
 * skb->data + hdr_off is a MAC header (data or robust management frame)
 * followed by room for the cipher's header and the plaintext; tailroom
 * holds the MIC. The caller sets the Protected bit. BH disabled.
 */
int vw_key_encrypt(struct vw_key *key, struct sk_buff *skb, size_t hdr_off)
{
	const struct vw_cipher *c = key->cipher;
	struct vw_frame f;
	u8 *hdr;
	u64 pn;

	if (vw_frame_parse_hdr(skb->data + hdr_off, skb->len - hdr_off, &f) < 0 ||
	    f.body_len < c->hdr_len || skb_tailroom(skb) < c->mic_len)
		return -EINVAL;
	pn = atomic64_inc_return(&key->tx_pn);
	if (pn > VW_PN_MAX)
		return -EOVERFLOW;	/* a rekey is overdue: never reuse */
	hdr = (u8 *)f.body;
	vw_ccmp_hdr_put(hdr, pn, key->idx);
	skb_put(skb, c->mic_len);
	return vw_aead_crypt(key, &f, pn, hdr + c->hdr_len,
			     f.body_len - c->hdr_len, true);
}

/*
 * Checks and decrypts a received frame in place, then removes the
 * cipher's header and MIC so the frame reads as a plain one (but for the
 * Protected bit). Data and management frames keep separate replay
 * counters, as the standard asks. NAPI context.
 */
int vw_key_decrypt(struct vw_key *key, struct sk_buff *skb, size_t hdr_off,
		   const struct vw_frame *f, enum vw_drop *why)
{
	const struct vw_cipher *c = key->cipher;
	u64 *last = f->type == VW_FTYPE_MGMT ? &key->rx_pn_mgmt : &key->rx_pn;
	size_t hdr_len = f->hdr_len;
	size_t len;
	u64 pn;
	u8 idx;

	*why = VW_DROP_MALFORMED;
	if (f->body_len < c->hdr_len + c->mic_len ||
	    vw_ccmp_hdr_get(f->body, f->body_len, &pn, &idx) < 0)
		return -EINVAL;
	*why = VW_DROP_REPLAY;
	if (pn <= *last)
		return -EINVAL;
	len = f->body_len - c->hdr_len - c->mic_len;
	*why = VW_DROP_DECRYPT;
	if (vw_aead_crypt(key, f, pn, (u8 *)f->body + c->hdr_len, len, false))
		return -EBADMSG;
	*last = pn;

	memmove(skb->data + hdr_off + c->hdr_len, skb->data + hdr_off,
		hdr_len);
	skb_pull(skb, c->hdr_len);
	skb_trim(skb, skb->len - c->mic_len);
	return 0;
}

/*
 * BIP's MIC (12.5.4) over the AAD of f's header and body[0..len), the
 * body ending in an MMIE whose MIC field is zero; the full-length MIC
 * goes to out (VW_CIPHER_MIC_MAX bytes). Any context.
 */
static int vw_bip_mic(struct vw_key *key, const struct vw_frame *f, u64 ipn,
		      const u8 *body, size_t len, u8 *out)
{
	const struct vw_cipher *c = key->cipher;
	struct vw_crypt_scratch *s;
	u8 aad[VW_CCMP_AAD_MAX];
	int aad_len, err;

	aad_len = vw_bip_aad(f, aad, sizeof(aad));
	if (aad_len < 0)
		return -EINVAL;
	if (c->kind == VW_CIPHER_BIP_CMAC) {
		u8 full[VW_CIPHER_MIC_MAX];
		SHASH_DESC_ON_STACK(desc, key->shash);

		desc->tfm = key->shash;
		err = crypto_shash_init(desc) ?:
		      crypto_shash_update(desc, aad, aad_len) ?:
		      crypto_shash_update(desc, body, len) ?:
		      crypto_shash_final(desc, full);
		shash_desc_zero(desc);
		memcpy(out, full, c->mic_len);
		return err;
	}

	/* GMAC: GCM that authenticates everything and encrypts nothing */
	local_bh_disable();
	s = *this_cpu_ptr(key->scratch);
	memcpy(s->aad, aad, aad_len);
	memset(s->iv, 0, sizeof(s->iv));
	err = vw_cipher_nonce(c, f, ipn, s->iv, sizeof(s->iv));
	if (err < 0)
		goto out;
	sg_init_table(s->sg, 3);
	sg_set_buf(&s->sg[0], s->aad, aad_len);
	sg_set_buf(&s->sg[1], body, len);
	sg_set_buf(&s->sg[2], s->tag, c->mic_len);
	aead_request_set_callback(&s->req, 0, NULL, NULL);
	aead_request_set_ad(&s->req, aad_len + len);
	aead_request_set_crypt(&s->req, s->sg, s->sg, 0, s->iv);
	err = crypto_aead_encrypt(&s->req);
	if (!err)
		memcpy(out, s->tag, c->mic_len);
out:
	local_bh_enable();
	return err;
}

/*
 * Appends an MMIE to the group-addressed management frame at skb->data
 * and signs it with the IGTK; tailroom must hold the MMIE. Any context,
 * under key->tx_lock so IPNs reach the air in order.
 */
int vw_key_bip_sign(struct vw_key *key, struct sk_buff *skb)
{
	const struct vw_cipher *c = key->cipher;
	u8 mic[VW_CIPHER_MIC_MAX];
	struct vw_frame f;
	u8 *mmie;
	u64 ipn;
	int len, err;

	ipn = atomic64_inc_return(&key->tx_pn);
	if (ipn > VW_PN_MAX)
		return -EOVERFLOW;
	mmie = skb_tail_pointer(skb);
	len = vw_mmie_put(mmie, skb_tailroom(skb), key->idx, ipn, c->mic_len);
	if (len < 0)
		return -ENOSPC;
	skb_put(skb, len);
	if (vw_frame_parse_hdr(skb->data, skb->len, &f) < 0)
		return -EINVAL;
	err = vw_bip_mic(key, &f, ipn, f.body, f.body_len, mic);
	if (err)
		return err;
	memcpy(mmie + len - c->mic_len, mic, c->mic_len);
	return 0;
}

/*
 * Is the received group-addressed management frame f signed by key with
 * a fresh IPN? The frame is writable (its MIC field is zeroed to check
 * it, then restored). NAPI context.
 */
int vw_key_bip_check(struct vw_key *key, const struct vw_frame *f,
		     const struct vw_mmie *m, enum vw_drop *why)
{
	const struct vw_cipher *c = key->cipher;
	u8 got[VW_CIPHER_MIC_MAX], want[VW_CIPHER_MIC_MAX];
	u8 *mic = (u8 *)m->mic;
	int err;

	*why = VW_DROP_REPLAY;
	if (m->ipn <= key->rx_pn_mgmt)
		return -EINVAL;
	memcpy(got, mic, c->mic_len);
	memset(mic, 0, c->mic_len);
	err = vw_bip_mic(key, f, m->ipn, f->body, f->body_len, want);
	memcpy(mic, got, c->mic_len);
	*why = VW_DROP_DECRYPT;
	if (err || crypto_memneq(got, want, c->mic_len))
		return -EBADMSG;
	key->rx_pn_mgmt = m->ipn;
	return 0;
}
