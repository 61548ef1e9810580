// SPDX-License-Identifier: GPL-2.0
/*
 * CCMP framing against the standard: the CCMP test vector of IEEE 802.11
 * (Annex M.6.4 in 802.11-2012, the same in later editions). The core gives
 * the nonce and AAD; OpenSSL's AES-CCM (M = 8, L = 2) must then produce the
 * vector's ciphertext and MIC, and refuse a tampered frame.
 */
#include <openssl/evp.h>

#include "check.h"
#include "vw_core.h"

/* ---- the test vector (data only) ---- */
static const u8 tv_tk[16] = {
	0xc9, 0x7c, 0x1f, 0x67, 0xce, 0x37, 0x11, 0x85,
	0x51, 0x4a, 0x8a, 0x19, 0xf2, 0xbd, 0xd5, 0x2f,
};

static const u64 tv_pn = 0xb5039776e70cull;

/* data frame, Retry and Protected set, seq 0x338, frag 0 */
static const u8 tv_hdr[VW_HDR3_LEN] = {
	0x08, 0x48, 0xc3, 0x2c, 0x0f, 0xd2, 0xe1, 0x28,
	0xa5, 0x7c, 0x50, 0x30, 0xf1, 0x84, 0x44, 0x08,
	0xab, 0xae, 0xa5, 0xb8, 0xfc, 0xba, 0x80, 0x33,
};

static const u8 tv_plain[20] = {
	0xf8, 0xba, 0x1a, 0x55, 0xd0, 0x2f, 0x85, 0xae,
	0x96, 0x7b, 0xb6, 0x2f, 0xb6, 0xcd, 0xa8, 0xeb,
	0x7e, 0x78, 0xa0, 0x50,
};

static const u8 tv_ccmp_hdr[VW_CCMP_HDR_LEN] = {
	0x0c, 0xe7, 0x00, 0x20, 0x76, 0x97, 0x03, 0xb5,
};

static const u8 tv_nonce[VW_CCMP_NONCE_LEN] = {
	0x00, 0x50, 0x30, 0xf1, 0x84, 0x44, 0x08, 0xb5,
	0x03, 0x97, 0x76, 0xe7, 0x0c,
};

static const u8 tv_aad[22] = {
	0x08, 0x40, 0x0f, 0xd2, 0xe1, 0x28, 0xa5, 0x7c,
	0x50, 0x30, 0xf1, 0x84, 0x44, 0x08, 0xab, 0xae,
	0xa5, 0xb8, 0xfc, 0xba, 0x00, 0x00,
};

/* ciphertext followed by the MIC */
static const u8 tv_cipher[20 + VW_CCMP_MIC_LEN] = {
	0xf3, 0xd0, 0xa2, 0xfe, 0x9a, 0x3d, 0xbf, 0x23,
	0x42, 0xa6, 0x43, 0xe4, 0x32, 0x46, 0xe8, 0x0c,
	0x3c, 0x04, 0xd0, 0x19,
	0x78, 0x45, 0xce, 0x0b, 0x16, 0xf9, 0x76, 0x23,
};

/* ---- AES-CCM through OpenSSL, as the kernel crypto API would do it ---- */

static EVP_CIPHER_CTX *ccm_ctx(const u8 *nonce, const u8 *tag, int enc)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();

	if (!ctx ||
	    EVP_CipherInit_ex(ctx, EVP_aes_128_ccm(), NULL, NULL, NULL,
			      enc) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_CCM_SET_IVLEN,
				VW_CCMP_NONCE_LEN, NULL) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_CCM_SET_TAG, VW_CCMP_MIC_LEN,
				(void *)tag) != 1 ||
	    EVP_CipherInit_ex(ctx, NULL, NULL, tv_tk, nonce, enc) != 1) {
		EVP_CIPHER_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

/* Encrypts len bytes into out and appends the MIC; 0 on success. */
static int ccm_encrypt(const u8 *nonce, const u8 *aad, int aad_len,
		       const u8 *in, int len, u8 *out)
{
	EVP_CIPHER_CTX *ctx = ccm_ctx(nonce, NULL, 1);
	int n, ok;

	if (!ctx)
		return -1;
	ok = EVP_EncryptUpdate(ctx, NULL, &n, NULL, len) == 1 &&
	     EVP_EncryptUpdate(ctx, NULL, &n, aad, aad_len) == 1 &&
	     EVP_EncryptUpdate(ctx, out, &n, in, len) == 1 &&
	     EVP_EncryptFinal_ex(ctx, out + n, &n) == 1 &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_CCM_GET_TAG, VW_CCMP_MIC_LEN,
				 out + len) == 1;
	EVP_CIPHER_CTX_free(ctx);
	return ok ? 0 : -1;
}

/* Decrypts len bytes followed by the MIC; 0 only when the MIC is right. */
static int ccm_decrypt(const u8 *nonce, const u8 *aad, int aad_len,
		       const u8 *in, int len, u8 *out)
{
	EVP_CIPHER_CTX *ctx = ccm_ctx(nonce, in + len, 0);
	int n, ok;

	if (!ctx)
		return -1;
	ok = EVP_DecryptUpdate(ctx, NULL, &n, NULL, len) == 1 &&
	     EVP_DecryptUpdate(ctx, NULL, &n, aad, aad_len) == 1 &&
	     EVP_DecryptUpdate(ctx, out, &n, in, len) == 1;
	EVP_CIPHER_CTX_free(ctx);
	return ok ? 0 : -1;
}

/* ---- tests ---- */

static void test_hdr_put_get(void)
{
	static const u64 pns[] = { 0, 1, 0xff, 0x10000, 0x123456789abcull,
				   VW_PN_MAX };
	u8 hdr[VW_CCMP_HDR_LEN];
	size_t i;
	u8 key;

	for (i = 0; i < sizeof(pns) / sizeof(pns[0]); i++) {
		for (key = 0; key < 4; key++) {
			u64 pn = 0;
			u8 got_key = 0xff;

			vw_ccmp_hdr_put(hdr, pns[i], key);
			CHECK_EQ(hdr[2], 0);
			CHECK_EQ(hdr[3], 0x20 | key << 6);
			CHECK_EQ(vw_ccmp_hdr_get(hdr, sizeof(hdr), &pn,
						 &got_key), 0);
			CHECK_EQ(pn, pns[i]);
			CHECK_EQ(got_key, key);
		}
	}
}

static void test_hdr_layout(void)
{
	u8 hdr[VW_CCMP_HDR_LEN];

	vw_ccmp_hdr_put(hdr, tv_pn, 0);
	CHECK_MEM(hdr, tv_ccmp_hdr, sizeof(hdr));
	vw_ccmp_hdr_put(hdr, 0x060504030201ull, 2);
	CHECK_MEM(hdr, "\x01\x02\x00\xa0\x03\x04\x05\x06", 8);
}

static void test_hdr_get_rejects(void)
{
	u8 hdr[VW_CCMP_HDR_LEN];
	size_t len;
	u64 pn;
	u8 key;

	vw_ccmp_hdr_put(hdr, 77, 1);
	for (len = 0; len < VW_CCMP_HDR_LEN; len++) {
		u8 *p = check_dup(hdr, len);

		CHECK_EQ(vw_ccmp_hdr_get(p, len, &pn, &key), -VW_ETRUNC);
		free(p);
	}
	/* without ExtIV it is a WEP IV */
	hdr[3] &= (u8)~0x20;
	CHECK_EQ(vw_ccmp_hdr_get(hdr, sizeof(hdr), &pn, &key), -VW_EINVAL);
}

static void test_vector_nonce_aad(void)
{
	u8 frame[sizeof(tv_hdr) + sizeof(tv_plain)];
	u8 nonce[VW_CCMP_NONCE_LEN], aad[VW_CCMP_AAD_MAX];
	struct vw_frame f;

	memcpy(frame, tv_hdr, sizeof(tv_hdr));
	memcpy(frame + sizeof(tv_hdr), tv_plain, sizeof(tv_plain));
	CHECK_EQ(vw_frame_parse(frame, sizeof(frame), &f), 0);
	vw_ccmp_nonce(&f, tv_pn, nonce);
	CHECK_MEM(nonce, tv_nonce, sizeof(tv_nonce));
	CHECK_EQ(vw_ccmp_aad(&f, aad, sizeof(aad)), sizeof(tv_aad));
	CHECK_MEM(aad, tv_aad, sizeof(tv_aad));
	CHECK_EQ(vw_ccmp_aad(&f, aad, sizeof(tv_aad) - 1), -VW_ENOSPC);
}

/* Encrypt the vector's plaintext MPDU and compare with its encrypted MPDU. */
static void test_vector_encrypt(void)
{
	u8 frame[sizeof(tv_hdr) + sizeof(tv_plain)];
	u8 want[sizeof(tv_hdr) + VW_CCMP_HDR_LEN + sizeof(tv_cipher)];
	u8 out[sizeof(want)];
	u8 nonce[VW_CCMP_NONCE_LEN], aad[VW_CCMP_AAD_MAX];
	struct vw_frame f;
	int aad_len;

	memcpy(frame, tv_hdr, sizeof(tv_hdr));
	memcpy(frame + sizeof(tv_hdr), tv_plain, sizeof(tv_plain));
	memcpy(want, tv_hdr, sizeof(tv_hdr));
	memcpy(want + sizeof(tv_hdr), tv_ccmp_hdr, VW_CCMP_HDR_LEN);
	memcpy(want + sizeof(tv_hdr) + VW_CCMP_HDR_LEN, tv_cipher,
	       sizeof(tv_cipher));

	CHECK_EQ(vw_frame_parse(frame, sizeof(frame), &f), 0);
	vw_ccmp_nonce(&f, tv_pn, nonce);
	aad_len = vw_ccmp_aad(&f, aad, sizeof(aad));
	memcpy(out, frame, f.hdr_len);
	vw_ccmp_hdr_put(out + f.hdr_len, tv_pn, 0);
	CHECK_EQ(ccm_encrypt(nonce, aad, aad_len, f.body, (int)f.body_len,
			     out + f.hdr_len + VW_CCMP_HDR_LEN), 0);
	CHECK_MEM(out, want, sizeof(want));
}

/*
 * What a receiver does: parse the encrypted MPDU, take the PN from the
 * CCMP header, rebuild nonce and AAD from the frame as received, decrypt.
 * Returns 0 when the MIC verifies.
 */
static int receive(const u8 *mpdu, size_t len, u8 *plain)
{
	u8 nonce[VW_CCMP_NONCE_LEN], aad[VW_CCMP_AAD_MAX];
	struct vw_frame f;
	int aad_len;
	u64 pn;
	u8 key;

	if (vw_frame_parse(mpdu, len, &f) || !f.is_protected ||
	    vw_ccmp_hdr_get(f.body, f.body_len, &pn, &key) ||
	    f.body_len < VW_CCMP_HDR_LEN + VW_CCMP_MIC_LEN)
		return -1;
	vw_ccmp_nonce(&f, pn, nonce);
	aad_len = vw_ccmp_aad(&f, aad, sizeof(aad));
	return ccm_decrypt(nonce, aad, aad_len, f.body + VW_CCMP_HDR_LEN,
			   (int)(f.body_len - VW_CCMP_HDR_LEN -
				 VW_CCMP_MIC_LEN), plain);
}

static size_t tv_encrypted(u8 *mpdu)
{
	memcpy(mpdu, tv_hdr, sizeof(tv_hdr));
	memcpy(mpdu + sizeof(tv_hdr), tv_ccmp_hdr, VW_CCMP_HDR_LEN);
	memcpy(mpdu + sizeof(tv_hdr) + VW_CCMP_HDR_LEN, tv_cipher,
	       sizeof(tv_cipher));
	return sizeof(tv_hdr) + VW_CCMP_HDR_LEN + sizeof(tv_cipher);
}

static void test_vector_decrypt(void)
{
	u8 mpdu[64], plain[sizeof(tv_plain)];
	size_t len = tv_encrypted(mpdu);

	CHECK_EQ(receive(mpdu, len, plain), 0);
	CHECK_MEM(plain, tv_plain, sizeof(tv_plain));

	/* retransmission and power save bits are masked out of the AAD */
	mpdu[1] ^= (VW_FC_RETRY | VW_FC_PWRMGT | VW_FC_MOREDATA) >> 8;
	mpdu[22] ^= 0xf0;	/* sequence number, not fragment number */
	CHECK_EQ(receive(mpdu, len, plain), 0);
}

/* Any change to what the MIC covers must fail authentication. */
static void test_vector_tampered(void)
{
	static const size_t offsets[] = {
		1,		/* frame control: ToDS */
		4, 10, 16,	/* A1, A2, A3 */
		22,		/* fragment number */
		24,		/* PN0: another nonce */
		32, 40, 51,	/* ciphertext */
		52, 59,		/* MIC */
	};
	static const u8 flips[] = { 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
				    0x80, 0x01, 0x10, 0x01, 0x80 };
	u8 mpdu[64], plain[sizeof(tv_plain)];
	size_t i, len;

	for (i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
		len = tv_encrypted(mpdu);
		mpdu[offsets[i]] ^= flips[i];
		if (receive(mpdu, len, plain) == 0) {
			printf("FAIL %s:%d %s: flipping byte %zu verified\n",
			       __FILE__, __LINE__, check_case, offsets[i]);
			check_case_failed = 1;
		}
	}
}

/*
 * A QoS, 4-address data frame with every maskable bit set: FC, A1..A4,
 * SC and QC as the rules of 12.5.3.3.3 and .4 give them.
 */
static void test_qos_4addr_nonce_aad(void)
{
	static const u8 frame[] = {
		0x88, 0xff,	/* QoS data with every flag set */
		0x00, 0x00,
		0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
		0x02, 0x02, 0x02, 0x02, 0x02, 0x02,
		0x03, 0x03, 0x03, 0x03, 0x03, 0x03,
		0x57, 0x34,	/* seq 0x345, frag 7 */
		0x04, 0x04, 0x04, 0x04, 0x04, 0x04,
		0xf5, 0xff,	/* TID 5 with EOSP, ack policy, A-MSDU, TXOP */
		0x11, 0x22, 0x33, 0x44,		/* HT control */
		0xaa, 0xbb,
	};
	static const u8 want_aad[30] = {
		0x88, 0x47,	/* retry, pm, more data, order cleared */
		0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
		0x02, 0x02, 0x02, 0x02, 0x02, 0x02,
		0x03, 0x03, 0x03, 0x03, 0x03, 0x03,
		0x07, 0x00,
		0x04, 0x04, 0x04, 0x04, 0x04, 0x04,
		0x05, 0x00,
	};
	static const u8 want_nonce[VW_CCMP_NONCE_LEN] = {
		0x05, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02,
		0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
	};
	u8 nonce[VW_CCMP_NONCE_LEN], aad[VW_CCMP_AAD_MAX];
	struct vw_frame f;

	CHECK_EQ(vw_frame_parse(frame, sizeof(frame), &f), 0);
	CHECK_EQ(f.hdr_len, VW_HDR4_LEN + VW_QOS_LEN + VW_HTC_LEN);
	CHECK_EQ(vw_ccmp_aad(&f, aad, sizeof(aad)), sizeof(want_aad));
	CHECK_MEM(aad, want_aad, sizeof(want_aad));
	vw_ccmp_nonce(&f, 0x060504030201ull, nonce);
	CHECK_MEM(nonce, want_nonce, sizeof(want_nonce));
	CHECK_EQ(vw_ccmp_aad(&f, aad, 29), -VW_ENOSPC);
}

/* 802.11w: management frames keep their subtype and flag the nonce. */
static void test_mgmt_nonce_aad(void)
{
	static const u8 a1[6] = { 1, 1, 1, 1, 1, 1 };
	static const u8 a2[6] = { 2, 2, 2, 2, 2, 2 };
	u8 buf[64], nonce[VW_CCMP_NONCE_LEN], aad[VW_CCMP_AAD_MAX];
	struct vw_frame f;
	int n = vw_build_deauth(buf, sizeof(buf), VW_STYPE_DEAUTH, a1, a2, a2,
				1, 0);

	buf[1] |= (VW_FC_PROTECTED | VW_FC_RETRY) >> 8;
	memset(buf + n, 0, 16);
	CHECK_EQ(vw_frame_parse(buf, (size_t)n + 16, &f), 0);
	CHECK_EQ(vw_ccmp_aad(&f, aad, sizeof(aad)), 22);
	CHECK_MEM(aad, "\xc0\x40", 2);
	vw_ccmp_nonce(&f, 1, nonce);
	CHECK_MEM(nonce, "\x10\x02\x02\x02\x02\x02\x02\x00\x00\x00\x00\x00\x01",
		  VW_CCMP_NONCE_LEN);
}

/*
 * A QoS data frame from the core's builder, TID 3, with the bits that may
 * change in flight set afterwards (Retry, PwrMgt, MoreData, fragment 2,
 * ack policy, TXOP). Nonce and AAD written out by hand from 802.11-2016
 * 12.5.3.3.3 (AAD: FC with subtype bits 4-6, Retry, PwrMgt and MoreData
 * zeroed, Protected set, Order zeroed in a QoS frame; A1-A3; SC with the
 * sequence number zeroed; QC with all but the TID zeroed) and 12.5.3.3.4
 * (nonce: priority = TID, A2, PN with PN5 first); then OpenSSL encrypts
 * with them and the receiver's path decrypts it back.
 */
static void test_qos_data_nonce_aad(void)
{
	static const u8 a1[6] = { 0x02, 0, 0, 0, 0x10, 0x01 };
	static const u8 a2[6] = { 0x02, 0, 0, 0, 0x20, 0x02 };
	static const u8 a3[6] = { 0x02, 0, 0, 0, 0x30, 0x03 };
	static const u8 want_aad[24] = {
		0x88, 0x41,			/* QoS data; ToDS, Protected */
		0x02, 0, 0, 0, 0x10, 0x01,
		0x02, 0, 0, 0, 0x20, 0x02,
		0x02, 0, 0, 0, 0x30, 0x03,
		0x02, 0x00,			/* fragment 2 only */
		0x03, 0x00,			/* TID 3 only */
	};
	static const u8 want_nonce[VW_CCMP_NONCE_LEN] = {
		0x03,				/* priority: TID 3, not mgmt */
		0x02, 0, 0, 0, 0x20, 0x02,
		0x00, 0x00, 0x12, 0x34, 0x56, 0x78,
	};
	static const u8 payload[33] = "thirty-three bytes of QoS payload";
	const u64 pn = 0x12345678ull;
	size_t hdr = VW_HDR3_LEN + VW_QOS_LEN;
	size_t len = hdr + VW_CCMP_HDR_LEN + sizeof(payload) + VW_CCMP_MIC_LEN;
	u8 mpdu[128], plain[sizeof(payload)];
	u8 nonce[VW_CCMP_NONCE_LEN], aad[VW_CCMP_AAD_MAX];
	struct vw_frame f;

	memset(mpdu, 0, sizeof(mpdu));
	CHECK_EQ(vw_build_data_hdr(mpdu, sizeof(mpdu),
				   VW_FC_TODS | VW_FC_PROTECTED, a1, a2, a3,
				   0x9ab, 3), (int)hdr);
	CHECK_MEM(mpdu, "\x88\x41", 2);
	CHECK_MEM(mpdu + VW_HDR3_LEN, "\x03\x00", 2);
	mpdu[1] |= (VW_FC_RETRY | VW_FC_PWRMGT | VW_FC_MOREDATA) >> 8;
	mpdu[22] |= 2;				/* fragment 2 */
	mpdu[VW_HDR3_LEN] |= 0x60;		/* no-ack policy bits */
	mpdu[VW_HDR3_LEN + 1] = 0x7f;		/* TXOP */
	vw_ccmp_hdr_put(mpdu + hdr, pn, 0);

	CHECK_EQ(vw_frame_parse(mpdu, len, &f), 0);
	CHECK_EQ(f.tid, 3);
	vw_ccmp_nonce(&f, pn, nonce);
	CHECK_MEM(nonce, want_nonce, sizeof(want_nonce));
	CHECK_EQ(vw_ccmp_aad(&f, aad, sizeof(aad)), sizeof(want_aad));
	CHECK_MEM(aad, want_aad, sizeof(want_aad));

	/* encrypted under the hand-made nonce and AAD ... */
	CHECK_EQ(ccm_encrypt(want_nonce, want_aad, sizeof(want_aad), payload,
			     sizeof(payload), mpdu + hdr + VW_CCMP_HDR_LEN), 0);
	CHECK(memcmp(mpdu + hdr + VW_CCMP_HDR_LEN, payload,
		     sizeof(payload)) != 0);
	/* ... it decrypts through the core's own, retry bits and all */
	memset(plain, 0, sizeof(plain));
	CHECK_EQ(receive(mpdu, len, plain), 0);
	CHECK_MEM(plain, payload, sizeof(payload));
	/* a TID is the priority of the nonce: changing it breaks the MIC */
	mpdu[VW_HDR3_LEN] ^= 0x01;
	CHECK(receive(mpdu, len, plain) != 0);
}

/* Round trip through core + OpenSSL for a frame built by the core. */
static void test_qos_round_trip(void)
{
	static const u8 a[3][6] = {
		{ 2, 0, 0, 0, 1, 0 }, { 2, 0, 0, 0, 2, 0 }, { 2, 0, 0, 0, 3, 0 },
	};
	u8 mpdu[128], plain[40], nonce[VW_CCMP_NONCE_LEN];
	u8 aad[VW_CCMP_AAD_MAX], payload[40];
	struct vw_frame f;
	size_t hdr = VW_HDR3_LEN + VW_QOS_LEN;
	int aad_len;

	memset(payload, 0x3c, sizeof(payload));
	CHECK_EQ(vw_build_data_hdr(mpdu, sizeof(mpdu), VW_FC_TODS |
				   VW_FC_PROTECTED, a[0], a[1], a[2], 100, 6),
		 (int)hdr);
	vw_ccmp_hdr_put(mpdu + hdr, 4242, 1);
	memset(mpdu + hdr + VW_CCMP_HDR_LEN, 0,
	       sizeof(payload) + VW_CCMP_MIC_LEN);
	CHECK_EQ(vw_frame_parse(mpdu, hdr + VW_CCMP_HDR_LEN + sizeof(payload) +
				VW_CCMP_MIC_LEN, &f), 0);
	CHECK_EQ(f.tid, 6);
	vw_ccmp_nonce(&f, 4242, nonce);
	CHECK_EQ(nonce[0], 6);
	aad_len = vw_ccmp_aad(&f, aad, sizeof(aad));
	CHECK_EQ(aad_len, 24);
	CHECK_EQ(ccm_encrypt(nonce, aad, aad_len, payload, sizeof(payload),
			     mpdu + hdr + VW_CCMP_HDR_LEN), 0);
	CHECK_EQ(receive(mpdu, hdr + VW_CCMP_HDR_LEN + sizeof(payload) +
			 VW_CCMP_MIC_LEN, plain), 0);
	CHECK_MEM(plain, payload, sizeof(payload));
	/* the TID is in the AAD and the nonce: another TID must not verify */
	mpdu[VW_HDR3_LEN] = 5;
	CHECK(receive(mpdu, hdr + VW_CCMP_HDR_LEN + sizeof(payload) +
		      VW_CCMP_MIC_LEN, plain) != 0);
}

int main(void)
{
	RUN(test_hdr_put_get);
	RUN(test_hdr_layout);
	RUN(test_hdr_get_rejects);
	RUN(test_vector_nonce_aad);
	RUN(test_vector_encrypt);
	RUN(test_vector_decrypt);
	RUN(test_vector_tampered);
	RUN(test_qos_4addr_nonce_aad);
	RUN(test_mgmt_nonce_aad);
	RUN(test_qos_round_trip);
	RUN(test_qos_data_nonce_aad);
	return check_summary("test_ccmp");
}
