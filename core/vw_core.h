/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vwifi shared core: pure C used by the kernel driver and by user space
 * (tool, medium server, unit tests, fuzzers). No libc calls and no kernel
 * headers beyond fixed-width types, so the same object code is exercised
 * by the unit tests and by the driver.
 *
 * Everything that reads a buffer takes its length and checks it before
 * reading; every function that writes takes the capacity of its output.
 * Errors are negative VW_E* values, never a partial result.
 */
#ifndef VW_CORE_H
#define VW_CORE_H

#ifdef __KERNEL__
#include <linux/types.h>
typedef s8 vw_s8;
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t vw_s8;
#endif

#define VW_ETH_ALEN 6

/* Error codes of the core (returned negated). */
enum vw_err {
	VW_EOK = 0,
	VW_ETRUNC = 1,		/* buffer shorter than the structure it must hold */
	VW_EINVAL = 2,		/* a field has a value we do not accept */
	VW_ENOSPC = 3,		/* output capacity too small */
	VW_EVERSION = 4,	/* unknown air header magic or version */
};

/* ---- byte order helpers (unaligned safe) ---- */
static inline u16 vw_get_le16(const u8 *p) { return (u16)(p[0] | (p[1] << 8)); }
static inline u16 vw_get_be16(const u8 *p) { return (u16)((p[0] << 8) | p[1]); }
static inline u32 vw_get_be32(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3];
}

static inline void vw_put_le16(u8 *p, u16 v) { p[0] = v & 0xff; p[1] = v >> 8; }
static inline void vw_put_be16(u8 *p, u16 v) { p[0] = v >> 8; p[1] = v & 0xff; }
static inline void vw_put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = (v >> 16) & 0xff;
	p[2] = (v >> 8) & 0xff;
	p[3] = v & 0xff;
}

/* ---- rates (vw_rate.c) ----
 *
 * A transmission's rate: a legacy rate (DSSS/CCK or OFDM) or an HT or VHT
 * MCS with its width, streams and guard interval. One table of the
 * standard's minimum sensitivities (802.11-2016 Tables 17-18, 19-23 and
 * 21-25) says how much signal each needs, as an offset above what the
 * most robust rate needs; a transmitter picks the fastest rate the
 * receiver's signal allows.
 */
enum vw_rate_mode {
	VW_MODE_LEGACY = 0,
	VW_MODE_HT = 1,
	VW_MODE_VHT = 2,
};

enum vw_width {
	VW_WIDTH_20 = 0,
	VW_WIDTH_40 = 1,
	VW_WIDTH_80 = 2,
	VW_WIDTH_160 = 3,
};

struct vw_rate {
	u8 mode;	/* enum vw_rate_mode */
	u8 mcs;		/* HT: 0-31 (streams = mcs / 8 + 1); VHT: 0-9 */
	u8 nss;		/* VHT: spatial streams 1-8; 0 otherwise */
	u8 width;	/* enum vw_width; VW_WIDTH_20 for legacy */
	bool sgi;	/* short guard interval (HT, VHT) */
	u16 legacy;	/* legacy only: 100 kb/s (10 = 1 Mb/s, 540 = 54) */
};

/*
 * Bitrate in 100 kb/s (HT MCS 7 at 20 MHz, long GI: 650); 0 for a
 * combination the standard has no rate for or out-of-range fields.
 */
u32 vw_rate_100kbps(const struct vw_rate *r);
/* DSSS/CCK: a legacy rate of 1, 2, 5.5 or 11 Mb/s */
bool vw_rate_is_cck(const struct vw_rate *r);
/*
 * dB of signal above the most robust rate's sensitivity a receiver needs
 * to decode r: 0 for 1 Mb/s, 6 Mb/s and MCS 0 at 20 MHz, more for faster
 * modulations and wider channels (+3 dB per doubling of the width).
 */
int vw_rate_sensitivity_offset_db(const struct vw_rate *r);

/* What a transmitter may use towards one receiver: their common ground. */
struct vw_rate_caps {
	u8 mode;	/* best common mode */
	u8 width;	/* widest common width (HT: 20/40, VHT: up to 160) */
	u8 nss;		/* common spatial streams, 1-4 */
	bool sgi;	/* both take a short guard interval at that width */
	bool cck;	/* legacy at 2.4 GHz: DSSS/CCK rates allowed */
};

/*
 * The fastest rate caps allow that a receiver with this sensitivity
 * decodes at signal_dbm (sensitivity + offset <= signal), HT/VHT at
 * caps->width or narrower (as rate control falls back to the primary
 * 20 MHz); the most robust one (MCS 0, one stream, 20 MHz) when none
 * does. Legacy rates are 6-54 Mb/s OFDM, with 1-11 Mb/s DSSS/CCK below
 * 6 Mb/s when caps->cck.
 */
void vw_rate_pick(const struct vw_rate_caps *caps, int signal_dbm,
		  int sensitivity_dbm, struct vw_rate *out);

/* ---- air header (vw_air.c) ----
 *
 * Wire layout, network byte order, VW_AIR_HDR_LEN bytes in version 1:
 *   0  magic      u32  VW_AIR_MAGIC
 *   4  version    u8   VW_AIR_VERSION
 *   5  hdr_len    u8   length of this header; a decoder skips what it does
 *                      not know, so the header can grow
 *   6  flags      u16  VW_AIR_F_*
 *   8  freq       u16  MHz (the primary 20 MHz channel)
 *  10  rate       u16  bitrate in 100 kb/s (vw_rate_100kbps(), at most
 *                      0xffff: the exact rate is in the fields below)
 *  12  tx_power   s8   dBm
 *  13  signal     s8   dBm at the receiver, filled in by whoever delivers
 *  14  tx_addr    6    transmitting radio's permanent address
 *  20  seq        u32  per-radio sequence number
 * added in 2026-12, absent from headers of VW_AIR_HDR_V1_LEN:
 *  24  mode       u8   enum vw_rate_mode
 *  25  mcs        u8   HT/VHT MCS
 *  26  nss        u8   VHT spatial streams
 *  27  rate_flags u8   bits 0-1 enum vw_width, bit 4 short GI
 * The 802.11 MPDU (no FCS) follows. A header of VW_AIR_HDR_V1_LEN decodes
 * as a legacy rate of the rate field's value.
 */
#define VW_AIR_MAGIC 0x56574946u	/* "VWIF" */
#define VW_AIR_VERSION 1
#define VW_AIR_HDR_V1_LEN 24		/* the shortest header we accept */
#define VW_AIR_HDR_LEN 28		/* what we send */
#define VW_AIR_ETHERTYPE 0x88B5
#define VW_AIR_F_SIGNAL_VALID 0x0001	/* signal has been filled in */

struct vw_air_info {
	u16 flags;
	u16 freq;
	struct vw_rate rate;
	vw_s8 tx_power;
	vw_s8 signal;
	u8 tx_addr[VW_ETH_ALEN];
	u32 seq;
};

/* Writes the header; returns VW_AIR_HDR_LEN or -VW_ENOSPC. */
int vw_air_encode(const struct vw_air_info *info, u8 *buf, size_t cap);
/*
 * Returns the header length to skip (>= VW_AIR_HDR_V1_LEN, <= len) or
 * -VW_E*: -VW_ETRUNC when len or hdr_len run past the buffer,
 * -VW_EVERSION on a foreign magic or version, -VW_EINVAL when hdr_len <
 * VW_AIR_HDR_V1_LEN. info may be NULL to only validate.
 */
int vw_air_decode(const u8 *buf, size_t len, struct vw_air_info *info);
/*
 * Rewrites the signal field of an encoded header in place and sets
 * VW_AIR_F_SIGNAL_VALID; returns 0 or the -VW_E* of vw_air_decode().
 */
int vw_air_set_signal(u8 *buf, size_t len, vw_s8 signal);

/* ---- radiotap (vw_radiotap.c) ---- */
#define VW_RADIOTAP_MAX 40
/*
 * The radiotap header monitors and captures put before a frame of the
 * air: Flags (no FCS), Rate (legacy) or MCS (HT) or VHT, Channel
 * (frequency; 2 or 5 GHz; CCK or OFDM), dBm antenna signal, Antenna 0.
 * Returns its length or -VW_ENOSPC.
 */
int vw_radiotap_put(u8 *buf, size_t cap, const struct vw_air_info *info,
		    int signal_dbm);

/* ---- 802.11 frames (vw_frame.c) ---- */
#define VW_FTYPE_MGMT 0
#define VW_FTYPE_CTL 1
#define VW_FTYPE_DATA 2

#define VW_STYPE_ASSOC_REQ 0
#define VW_STYPE_ASSOC_RESP 1
#define VW_STYPE_REASSOC_REQ 2
#define VW_STYPE_REASSOC_RESP 3
#define VW_STYPE_PROBE_REQ 4
#define VW_STYPE_PROBE_RESP 5
#define VW_STYPE_BEACON 8
#define VW_STYPE_DISASSOC 10
#define VW_STYPE_AUTH 11
#define VW_STYPE_DEAUTH 12
#define VW_STYPE_ACTION 13
#define VW_STYPE_DATA 0
#define VW_STYPE_NULLFUNC 4
#define VW_STYPE_QOS_DATA 8
#define VW_STYPE_QOS_NULL 12

/* frame control field, as the little-endian u16 */
#define VW_FC(type, stype) ((u16)(((type) << 2) | ((stype) << 4)))
#define VW_FC_TODS 0x0100
#define VW_FC_FROMDS 0x0200
#define VW_FC_MOREFRAG 0x0400
#define VW_FC_RETRY 0x0800
#define VW_FC_PWRMGT 0x1000
#define VW_FC_MOREDATA 0x2000
#define VW_FC_PROTECTED 0x4000
#define VW_FC_ORDER 0x8000	/* QoS data and mgmt: HT Control present */

#define VW_HDR3_LEN 24		/* 3-address header */
#define VW_HDR4_LEN 30
#define VW_QOS_LEN 2
#define VW_HTC_LEN 4		/* HT Control, when VW_FC_ORDER says so */
#define VW_QOS_TID_MASK 0x000f

/* Fixed-field lengths of management bodies, before the IEs. */
#define VW_BEACON_FIXED 12	/* timestamp, interval, capability */
#define VW_AUTH_FIXED 6		/* algorithm, transaction, status */
#define VW_ASSOC_REQ_FIXED 4	/* capability, listen interval */
#define VW_REASSOC_REQ_FIXED 10	/* + current AP */
#define VW_ASSOC_RESP_FIXED 6	/* capability, status, AID */
#define VW_REASON_FIXED 2	/* deauth / disassoc reason */
#define VW_ACTION_FIXED 1	/* category; the rest is the action's own */

#define VW_AUTH_ALG_OPEN 0
#define VW_AUTH_ALG_SAE 3	/* body after the fixed fields is not an IE chain */
#define VW_AID_FLAGS 0xc000	/* the two top bits set in an AID field */

#define VW_CAP_ESS 0x0001
#define VW_CAP_IBSS 0x0002
#define VW_CAP_PRIVACY 0x0010
#define VW_CAP_SHORT_PREAMBLE 0x0020
#define VW_CAP_SHORT_SLOT 0x0400

#define VW_EID_SSID 0
#define VW_EID_RATES 1
#define VW_EID_DS_PARAMS 3
#define VW_EID_TIM 5
#define VW_EID_IBSS_PARAMS 6
#define VW_EID_HT_CAP 45
#define VW_EID_RSN 48
#define VW_EID_TIMEOUT_INTERVAL 56
#define VW_EID_EXT_RATES 50
#define VW_EID_HT_OPER 61
#define VW_EID_MMIE 76
#define VW_EID_EXT_CAP 127
#define VW_EID_VHT_CAP 191
#define VW_EID_VHT_OPER 192
#define VW_EID_VENDOR 221
#define VW_EID_EXTENSION 255
#define VW_EID_EXT_OWE_DH 32	/* OWE Diffie-Hellman Parameter */
#define VW_SSID_MAX 32

/*
 * A parsed frame: pointers into the caller's buffer, valid while it is.
 * For management frames "ies" points after the fixed fields of the subtype
 * and the element chain there has been checked to be well formed.
 */
struct vw_frame {
	u16 fc;
	u8 type;
	u8 stype;
	u16 duration;
	u16 seq_ctrl;
	const u8 *addr1;
	const u8 *addr2;
	const u8 *addr3;
	const u8 *addr4;	/* NULL unless ToDS and FromDS */
	size_t hdr_len;		/* MAC header incl. QoS and HT control */
	const u8 *body;		/* after the MAC header */
	size_t body_len;
	const u8 *ies;		/* management only: element chain */
	size_t ies_len;
	bool is_qos;
	bool is_protected;
	u8 tid;			/* QoS control bits 0-3; 0 unless is_qos */
};

/*
 * Parses and length-checks an 802.11 MPDU (no FCS); returns 0. Control
 * frames, protocol versions other than 0 and subtypes we do not model
 * return -VW_EINVAL; truncated ones -VW_ETRUNC, and management frames whose
 * element chain is broken -VW_EINVAL. A protected management frame body is
 * ciphertext, and an SAE authentication body is not an element chain: both
 * are left unparsed (ies NULL, ies_len 0), and so is an action frame's
 * body after its category (fields of the action's own). Only
 * authentication, deauthentication, disassociation and action frames may
 * be protected (others return -VW_EINVAL), and their body must hold at
 * least VW_PROTECTED_MIN bytes (-VW_ETRUNC).
 */
int vw_frame_parse(const u8 *buf, size_t len, struct vw_frame *f);
/*
 * The MAC header alone, as vw_frame_parse() reads it; the body is not
 * looked at (ies NULL). For a frame being built, whose body is not yet
 * what it will be on the air.
 */
int vw_frame_parse_hdr(const u8 *buf, size_t len, struct vw_frame *f);

/*
 * Builders. Each writes a complete MPDU (or, for data, a MAC header) into
 * buf and returns its length, or -VW_ENOSPC (nothing written), or
 * -VW_EINVAL for an argument no frame can carry. seq is the 12-bit sequence
 * number. "ies" may be NULL when ies_len is 0; they are copied untouched.
 * Probe requests go to the broadcast address and wildcard BSSID; the
 * association response sets VW_AID_FLAGS in the AID field, as the standard
 * requires.
 */
int vw_build_mgmt_hdr(u8 *buf, size_t cap, u8 stype, const u8 *da,
		      const u8 *sa, const u8 *bssid, u16 seq);
int vw_build_auth(u8 *buf, size_t cap, const u8 *da, const u8 *sa,
		  const u8 *bssid, u16 seq, u16 alg, u16 transaction,
		  u16 status);
int vw_build_deauth(u8 *buf, size_t cap, u8 stype /* DEAUTH or DISASSOC */,
		    const u8 *da, const u8 *sa, const u8 *bssid, u16 seq,
		    u16 reason);
int vw_build_probe_req(u8 *buf, size_t cap, const u8 *sa, u16 seq,
		       const u8 *ssid, size_t ssid_len,
		       const u8 *ies, size_t ies_len);
int vw_build_assoc_req(u8 *buf, size_t cap, bool reassoc, const u8 *bssid,
		       const u8 *sa, u16 seq, u16 capab, u16 listen_interval,
		       const u8 *cur_ap /* reassoc only */,
		       const u8 *ies, size_t ies_len);
int vw_build_assoc_resp(u8 *buf, size_t cap, bool reassoc, const u8 *da,
			const u8 *bssid, u16 seq, u16 capab, u16 status,
			u16 aid, const u8 *ies, size_t ies_len);
/*
 * 3-address data header; fc carries the ToDS/FromDS/Protected bits (its low
 * byte must be 0 or VW_FC(VW_FTYPE_DATA, VW_STYPE_DATA); ToDS and FromDS
 * together need a 4-address header and return -VW_EINVAL). With tid 0-7
 * it is a QoS data header (VW_HDR3_LEN + VW_QOS_LEN bytes) whose QoS
 * control field carries the TID (normal ack, no A-MSDU); tid < 0 gives
 * plain data; tid > 7 returns -VW_EINVAL. Returns the header length.
 */
int vw_build_data_hdr(u8 *buf, size_t cap, u16 fc_flags, const u8 *a1,
		      const u8 *a2, const u8 *a3, u16 seq, int tid);

/* ---- information elements (vw_ie.c) ---- */
/* True when ies[0..len) is a chain of complete elements. */
bool vw_ie_chain_valid(const u8 *ies, size_t len);
/* First element with this id: pointer to its header (id, len, data), or NULL. */
const u8 *vw_ie_find(const u8 *ies, size_t len, u8 eid);
/* Appends an element; returns bytes written or -VW_ENOSPC / -VW_EINVAL. */
int vw_ie_put(u8 *buf, size_t cap, u8 eid, const u8 *data, size_t data_len);
/*
 * Writes the Supported Rates and, when needed, Extended Supported Rates
 * elements of a band's legacy rate set; no SSID. With cck (2.4 GHz):
 * 1, 2, 5.5, 11 basic; 6, 9, 12, 18 / 24, 36, 48, 54 Mb/s. Without (5 GHz):
 * 6, 12, 24 basic and 9, 18, 36, 48, 54 in Supported Rates alone.
 * Returns bytes written or -VW_ENOSPC.
 */
int vw_ie_put_legacy_rates(u8 *buf, size_t cap, bool cck);
/*
 * The first vendor element with this OUI and type (e.g. 00:50:f2 type 2,
 * WMM): pointer to its header, or NULL.
 */
const u8 *vw_ie_find_vendor(const u8 *ies, size_t len, u32 oui, u8 type);
/*
 * The RSN Capabilities field of an RSN element (ie at its header): 0, or
 * -VW_ETRUNC when the element ends before it, -VW_EINVAL when ie is not
 * an RSN element.
 */
int vw_rsn_caps(const u8 *ie, u16 *caps);
/* Does the RSN element (at its header) list this AKM suite (OUI << 8 | type)? */
bool vw_rsn_has_akm(const u8 *ie, u32 akm);
#define VW_AKM_OWE 0x000fac12
/* The first Element ID Extension element with this extension id, or NULL */
const u8 *vw_ie_find_ext(const u8 *ies, size_t len, u8 ext_id);
#define VW_RSN_CAP_MFPR 0x0040	/* management frame protection required */
#define VW_RSN_CAP_MFPC 0x0080	/* ... capable */
#define VW_OUI_MICROSOFT 0x0050f2
#define VW_WMM_TYPE 2

/* ---- LLC/SNAP (vw_frame.c) ---- */
#define VW_LLC_SNAP_LEN 8
/*
 * Writes the VW_LLC_SNAP_LEN byte RFC 1042 header (or 802.1H bridge tunnel
 * for IPX/AppleTalk AARP, which must not be turned back into Ethernet II).
 */
void vw_llc_snap_put(u8 *buf, u16 ethertype);
/* Returns the ethertype of either SNAP header or -VW_EINVAL / -VW_ETRUNC. */
int vw_llc_snap_get(const u8 *buf, size_t len);

/* ---- CCMP construction (vw_ccmp.c) ----
 * The cipher itself is not here (the kernel uses its crypto API, the tests
 * OpenSSL); this is everything around it that the standard defines.
 */
#define VW_CCMP_HDR_LEN 8
#define VW_CCMP_MIC_LEN 8
#define VW_CCMP_NONCE_LEN 13
#define VW_CCMP_AAD_MAX 30	/* 4-address + QoS */
#define VW_PN_MAX 0xffffffffffffull
/* the shortest protected body: a CCMP/GCMP header and the shortest MIC */
#define VW_PROTECTED_MIN (VW_CCMP_HDR_LEN + VW_CCMP_MIC_LEN)

void vw_ccmp_hdr_put(u8 *hdr, u64 pn, u8 key_idx);
/*
 * Returns 0 and the PN and key index, -VW_ETRUNC when len is shorter than
 * VW_CCMP_HDR_LEN, or -VW_EINVAL when ExtIV is clear.
 */
int vw_ccmp_hdr_get(const u8 *hdr, size_t len, u64 *pn, u8 *key_idx);
/*
 * Nonce from the MAC header (priority from QoS control, A2) and the PN;
 * the management flag of 802.11w is set for management frames.
 */
void vw_ccmp_nonce(const struct vw_frame *f, u64 pn, u8 *nonce);
/*
 * AAD with the masked fields of the MAC header (without the 2-byte length
 * prefix CCM adds itself); returns its length or -VW_ENOSPC. GCMP's AAD is
 * the same (802.11-2016 12.5.5.3.3), for data and for unicast robust
 * management frames alike.
 */
int vw_ccmp_aad(const struct vw_frame *f, u8 *aad, size_t cap);

/* ---- ciphers (vw_cipher.c) ----
 *
 * The RSN cipher suites a key may be installed for (802.11-2016 Table
 * 9-131), one table row each, and the framing around the AES the caller
 * brings. CCM and GCM kinds encrypt a body behind the 8-byte header of
 * vw_ccmp_hdr_put() (GCMP's header is CCMP's, 12.5.5.2) and append the
 * MIC; their AAD is vw_ccmp_aad(). The BIP kinds leave a group-addressed
 * management frame readable and append a Management MIC element (MMIE)
 * whose MIC covers vw_bip_aad() and the body with that MIC zeroed.
 */
#define VW_CIPHER_SUITE_CCMP_128 0x000fac04
#define VW_CIPHER_SUITE_BIP_CMAC_128 0x000fac06
#define VW_CIPHER_SUITE_GCMP_128 0x000fac08
#define VW_CIPHER_SUITE_GCMP_256 0x000fac09
#define VW_CIPHER_SUITE_CCMP_256 0x000fac0a
#define VW_CIPHER_SUITE_BIP_GMAC_128 0x000fac0b
#define VW_CIPHER_SUITE_BIP_GMAC_256 0x000fac0c
#define VW_CIPHER_SUITE_BIP_CMAC_256 0x000fac0d

#define VW_CIPHER_MIC_MAX 16
#define VW_CIPHER_HDR_LEN 8		/* CCMP and GCMP header */
#define VW_CIPHER_NONCE_MAX 13
#define VW_GCMP_NONCE_LEN 12

enum vw_cipher_kind {
	VW_CIPHER_CCM,		/* CCMP-128, CCMP-256 */
	VW_CIPHER_GCM,		/* GCMP-128, GCMP-256 */
	VW_CIPHER_BIP_CMAC,	/* AES-CMAC over the frame */
	VW_CIPHER_BIP_GMAC,	/* AES-GCM with the frame as AAD only */
};

struct vw_cipher {
	u32 suite;		/* 00-0F-AC:type, as WLAN_CIPHER_SUITE_* */
	const char *name;	/* "CCMP-128", "GCMP-256", "BIP-CMAC-128" ... */
	enum vw_cipher_kind kind;
	u8 key_len;		/* 16 or 32 */
	u8 hdr_len;		/* VW_CIPHER_HDR_LEN before the body; BIP: 0 */
	u8 mic_len;		/* 8 (CCMP-128, BIP-CMAC-128) or 16 */
	u8 nonce_len;		/* 13 CCM, 12 GCM and GMAC, 0 CMAC */
};

/* The table row of a suite, or NULL for one we do not implement. */
const struct vw_cipher *vw_cipher_find(u32 suite);
/* Row n of the table, NULL past its end: for listing them all. */
const struct vw_cipher *vw_cipher_nth(size_t n);
/*
 * The BIP kinds: an IGTK's or BIGTK's cipher, never a pairwise one.
 * False for NULL.
 */
bool vw_cipher_is_group_mgmt(const struct vw_cipher *c);
/*
 * The nonce of c for frame f and packet number pn (a BIP IPN): CCM
 * 12.5.3.3.4 (vw_ccmp_nonce()), GCM 12.5.5.3.4 and BIP-GMAC 12.5.4
 * (A2 || PN5..PN0), none for BIP-CMAC. Returns its length (0 for CMAC),
 * -VW_ENOSPC when cap is smaller, or -VW_EINVAL for a PN over 48 bits or
 * an unknown kind.
 */
int vw_cipher_nonce(const struct vw_cipher *c, const struct vw_frame *f,
		    u64 pn, u8 *nonce, size_t cap);

#define VW_BIP_AAD_LEN 20
/*
 * BIP's AAD (12.5.4.3): FC with Retry, PwrMgt and MoreData zeroed, A1, A2,
 * A3. Returns VW_BIP_AAD_LEN, -VW_ENOSPC, or -VW_EINVAL when f is not a
 * management frame.
 */
int vw_bip_aad(const struct vw_frame *f, u8 *aad, size_t cap);

/*
 * Management MIC element (9.4.2.55): id VW_EID_MMIE, length 16 or 24,
 * Key ID (little endian; 4 or 5 for an IGTK, 6 or 7 for a BIGTK), IPN
 * (6 bytes, little endian), MIC (8 bytes for BIP-CMAC-128, else 16).
 */
#define VW_MMIE_LEN_MAX (2 + 2 + 6 + VW_CIPHER_MIC_MAX)
#define VW_MMIE_KEY_ID_MIN 4
#define VW_MMIE_KEY_ID_MAX 7

struct vw_mmie {
	u16 key_id;
	u64 ipn;
	const u8 *mic;		/* into the caller's buffer */
	u8 mic_len;
};

/*
 * Writes an MMIE with its MIC zeroed, as the MIC is computed over it;
 * returns its length (18 or 26), -VW_ENOSPC (nothing written) or
 * -VW_EINVAL for a key id, IPN or MIC length the element cannot carry.
 */
int vw_mmie_put(u8 *buf, size_t cap, u16 key_id, u64 ipn, u8 mic_len);
/*
 * Reads the MMIE that must end the management frame body body[0..len),
 * as BIP requires (12.5.4): returns its offset in body and fills m
 * (which may be NULL to only check), -VW_ETRUNC when body is shorter than
 * the element, or -VW_EINVAL when the last bytes are not an MMIE with a
 * MIC of mic_len (8 or 16) and a key id of 4-7.
 */
int vw_mmie_get(const u8 *body, size_t len, u8 mic_len, struct vw_mmie *m);

/*
 * Robust management frames (802.11w): deauthentication, disassociation
 * and action frames of a category Table 9-76 calls robust (all but Public,
 * HT, Unprotected WNM, Self-protected, Unprotected DMG, VHT, S1G and
 * Vendor-specific). A protected action frame is robust whatever its
 * encrypted category; an unprotected one too short for a category is not.
 */
bool vw_mgmt_is_robust(const struct vw_frame *f);

/* ---- radio model (vw_model.c) ---- */
/*
 * Signal at the receiver for a transmitter at distance_cm on freq MHz:
 * log-distance path loss with the free-space loss at 1 m of that
 * frequency (20 log10(f / MHz) - 27.55 dB: 40 dB at 2412, 47 at 5180),
 * exponent in tenths, integer maths only. Distances under 1 m count as
 * 1 m, a negative exponent as 0, freq 0 (unknown) as 2412; the result is
 * clamped to -127..127 dBm.
 */
int vw_model_signal_dbm(int tx_power_dbm, u32 distance_cm, int exponent_x10,
			u16 freq_mhz);

/* Distance in cm between two positions given in millimetres (x, y, z). */
u32 vw_model_distance_cm(const int32_t *a, const int32_t *b);

/*
 * The original source of an MPDU, for the denylist: A3 of data an AP
 * relays (FromDS without ToDS), else A2. NULL when too short.
 */
const u8 *vw_frame_source(const u8 *frame, size_t len);

/* What one receiver makes of one frame. */
enum vw_verdict {
	VW_HEARD = 0,
	VW_DENIED,		/* the receiver denies the sender */
	VW_WEAK,		/* below the sensitivity the rate needs */
	VW_LOST,		/* lost at random on a lossy link */
};

struct vw_model_params {
	int exponent_x10;	/* path loss exponent, tenths */
	int sensitivity_dbm;	/* of the most robust rate */
};

/* One frame as one receiver would hear it; the caller's view of the air. */
struct vw_hearing {
	const u8 *frame;	/* the MPDU, for its original source */
	size_t len;
	const u8 *tx_addr;	/* the transmitting radio */
	/* does the receiver deny this address? NULL: it denies nobody */
	bool (*denies)(const void *ctx, const u8 *addr);
	const void *ctx;
	bool signal_given;	/* a medium server has decided the signal */
	int signal_dbm;		/* that signal */
	u32 distance_cm;	/* else: from distance, frequency and power */
	u16 freq;
	int tx_power_dbm;
	const struct vw_rate *rate;	/* NULL: the most robust rate */
	u32 loss_percent;	/* random loss on this link, 0-100 */
	u32 draw;		/* a uniform random number for that loss */
};

/*
 * The one decision of every air: denied (the transmitter, or the frame's
 * original source through vw_frame_source()), else the signal, weak when
 * below sensitivity + the rate's offset, else lost when draw falls in the
 * link's loss share (draw * 100 / 2^32 < loss_percent), else heard.
 * *signal is set whenever the verdict is not VW_DENIED.
 */
enum vw_verdict vw_model_verdict(const struct vw_model_params *p,
				 const struct vw_hearing *h, int *signal);

#endif
