/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vwifi: virtual Wi-Fi radios for cfg80211.
 *
 * Each radio is a wiphy with one netdev. Radios exchange real 802.11
 * frames over a virtual air (air.c); a small "firmware" in this driver
 * does what a FullMAC card does: scanning and the station SME (sta.c),
 * the AP SME and beaconing (ap.c), the data path with CCMP (data.c,
 * crypto.c), per-peer state and counters (peer.c).
 *
 * Locking:
 *  - vw_radios (all radios) is an RCU list, written under vw_radios_lock.
 *  - radio->lock (spinlock, BH) protects the radio's mode state (station
 *    connection, AP settings, peer list writes). All received frames are
 *    handled in the radio's NAPI poll, in order, under this lock where
 *    state changes; cfg80211 ops take it with spin_lock_bh().
 *  - peers and keys are looked up under RCU on the data path and freed
 *    after a grace period in process context (queue_rcu_work).
 */
#ifndef VW_VWIFI_H
#define VW_VWIFI_H

#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <net/cfg80211.h>

#include "vw_core.h"

#define VW_NAME "vwifi"
#define VW_DEFAULT_TX_POWER 20		/* dBm */
#define VW_SENSITIVITY_DBM (-90)	/* default: below this a frame is lost */
#define VW_MAX_PEERS 128		/* associated stations per AP */
#define VW_NUM_DATA_KEYS 4		/* key IDs 0-3: pairwise, group data */
#define VW_NUM_KEYS 8			/* 4-5 IGTK, 6-7 BIGTK */
/*
 * air header + QoS data header + CCMP/GCMP header + LLC/SNAP - Ethernet
 * header
 */
#define VW_HEADROOM (VW_AIR_HDR_LEN + VW_HDR3_LEN + VW_QOS_LEN + \
		     VW_CIPHER_HDR_LEN + VW_LLC_SNAP_LEN - ETH_HLEN)
#define VW_TAILROOM VW_CIPHER_MIC_MAX

extern struct workqueue_struct *vw_wq;

/* Why a frame was dropped; exported as ethtool statistics. */
enum vw_drop {
	VW_DROP_MALFORMED,	/* failed a length or format check */
	VW_DROP_NOT_FOR_US,	/* wrong address, BSSID or state */
	VW_DROP_UNKNOWN_PEER,	/* data to or from a station we do not know */
	VW_DROP_UNAUTHORIZED,	/* non-EAPOL while the port is closed */
	VW_DROP_NO_KEY,		/* protected frame without a key, or the reverse */
	VW_DROP_DECRYPT,	/* MIC failure */
	VW_DROP_REPLAY,		/* packet number not increasing */
	VW_DROP_NO_MEMORY,
	VW_DROP_SIGNAL,		/* below the receiver's sensitivity */
	VW_DROP_DENIED,		/* the receiver denies the sender */
	VW_DROP_LINK_LOSS,	/* lost at random on a lossy link */
	VW_DROP_BAD_SOURCE,	/* multicast, zero or our own source address */
	VW_DROP_PEER_LIMIT,	/* would create a peer beyond a cap */
	VW_DROP_UNPROTECTED,	/* robust management frame without PMF */
	VW_DROP_COUNT,
};

/*
 * Remote-created state that was let go to stay within bounds; exported as
 * ethtool statistics after the drops.
 */
enum vw_event {
	VW_EVENT_AUTH_EXPIRED,	/* authenticated, never associated, aged out */
	VW_EVENT_AUTH_EVICTED,	/* the oldest pending one, for a newcomer */
	VW_EVENT_COUNT,
};

/*
 * Caps on state other machines can create (module parameters of ap.c and
 * ibss.c):
 * an AP keeps at most vw_max_pending_auth authenticated-but-unassociated
 * stations, each for vw_auth_timeout_ms; an IBSS cell at most
 * vw_max_ibss_peers peers.
 */
extern unsigned int vw_max_pending_auth;
extern unsigned int vw_auth_timeout_ms;
extern unsigned int vw_max_ibss_peers;

/* A key of one of the core's ciphers; see crypto.c and key.c. */
struct vw_key {
	const struct vw_cipher *cipher;
	union {
		struct crypto_aead *aead;	/* CCMP, GCMP, BIP-GMAC */
		struct crypto_shash *shash;	/* BIP-CMAC */
	};
	void * __percpu *scratch;	/* AEAD: per-CPU request, AAD, IV */
	u8 idx;
	spinlock_t tx_lock;	/* PN order = order on the air, see data.c */
	atomic64_t tx_pn;
	/* last accepted PNs; only the radio's NAPI writes them */
	u64 rx_pn;		/* data */
	u64 rx_pn_mgmt;		/* robust management frames, IPN of BIP */
	bool created;		/* fully set up (for the lifetime log) */
	struct rcu_work free_work;
};

/*
 * A peer: in AP mode an authenticated or associated station, in station
 * mode the AP we are connected to.
 */
enum vw_peer_state {
	VW_PEER_SAE,			/* AP: hostapd runs SAE with it */
	VW_PEER_AUTH,
	VW_PEER_OWE,			/* AP: hostapd answers its OWE DH */
	VW_PEER_ASSOC,
};

struct vw_peer {
	struct list_head list;		/* radio->peers, RCU */
	u8 addr[ETH_ALEN];
	u16 aid;
	enum vw_peer_state state;
	bool authorized;		/* 802.1X port open */
	bool mfp;			/* PMF in use with it (pmf.c) */
	bool sa_query_pending;		/* AP: asked it if it is still there */
	u16 sa_query_id;
	unsigned long sa_query_deadline;
	struct vw_key __rcu *ptk;
	struct vw_key __rcu *gtk[VW_NUM_DATA_KEYS];	/* IBSS: the peer's own */
	unsigned long assoc_jiffies;
	unsigned long last_rx_jiffies;
	int signal;			/* dBm, last frame */
	int tx_power;			/* dBm, of its last frame */
	struct vw_rate_caps caps;	/* rates we both can use (caps.c) */
	bool wmm;			/* QoS data with it */
	struct vw_rate tx_rate;		/* of our last frame to it */
	int tx_rate_margin;		/* dB it was picked for; INT_MIN: anew */
	struct vw_rate rx_rate;		/* of its last frame to us */
	atomic64_t rx_bytes, tx_bytes;
	atomic64_t rx_packets, tx_packets;
	atomic64_t tx_failed, rx_dropped;
	/* AP, OWE: its request's elements hostapd answers or answered */
	u8 *owe_req;
	size_t owe_req_len;
	bool owe_reassoc;
	struct rcu_work free_work;
};

enum vw_sta_state {
	VW_STA_IDLE,
	VW_STA_SEARCHING,		/* probing for the BSS to connect to */
	VW_STA_AUTHENTICATING,
	VW_STA_EXT_AUTH,		/* user space runs SAE with the AP */
	VW_STA_ASSOCIATING,
	VW_STA_CONNECTED,
};

/* Station mode: the SME of a FullMAC card. */
struct vw_sta {
	enum vw_sta_state state;
	struct cfg80211_bss *bss;	/* referenced while not idle */
	u8 bssid[ETH_ALEN];
	struct ieee80211_channel *chan;	/* the BSS's */
	struct ieee80211_channel *search_chan;	/* NULL: all channels */
	u8 ssid[IEEE80211_MAX_SSID_LEN];
	u8 ssid_len;
	u8 *sme_ies;			/* from wpa_supplicant (RSN IE ...) */
	size_t sme_ies_len;
	bool no_ht, no_vht;		/* wpa_supplicant's disable_ht/vht */
	u8 *assoc_ies;			/* what we send: ours and those */
	size_t assoc_ies_len;
	bool open;			/* no privacy: port open at once */
	u32 sae_akm;			/* connect asked for SAE: its AKM */
	bool sae_asked;			/* we asked user space to run it */
	bool sae_heard;			/* ... and it sent a frame of it */
	unsigned long sae_deadline;	/* for its outcome */
	int tries;
	struct timer_list sme_timer;	/* auth/assoc retries, beacon loss */
	unsigned long last_beacon;
	u16 beacon_int;			/* TU */
	struct vw_peer __rcu *ap;	/* data path */
	/* scanning */
	struct cfg80211_scan_request *scan_req;
	struct delayed_work scan_work;
	bool scan_abort;
	bool scan_heard;		/* a beacon or probe response */
};

/* AP mode: beacon template and BSS settings from hostapd. */
struct vw_beacon {
	size_t head_len, tail_len, assoc_resp_len;
	u8 *head, *tail;
	u8 *assoc_resp;			/* hostapd's association response IEs */
	struct rcu_head rcu;
	u8 data[];
};

struct vw_ap {
	bool started;
	struct vw_beacon __rcu *beacon;
	u8 ssid[IEEE80211_MAX_SSID_LEN];
	u8 ssid_len;
	u16 beacon_int;
	u8 dtim_period;
	u8 dtim_count;
	bool hidden;
	bool privacy;
	bool isolate;
	struct timer_list beacon_timer;
	unsigned long aid_map[BITS_TO_LONGS(VW_MAX_PEERS + 1)];
	int num_peers;			/* authenticated or associated */
	int num_pending;		/* authenticated only */
};

/* IBSS: the cell we are in */
struct vw_ibss {
	bool joined;
	bool searching;			/* looking for a cell to join */
	bool fixed_bssid;
	bool privacy;
	u8 bssid[ETH_ALEN];
	u8 ssid[IEEE80211_MAX_SSID_LEN];
	u8 ssid_len;
	u16 beacon_int;
	u64 tsf_base;			/* ns: when the cell began */
	u8 *ies;			/* from wpa_supplicant (RSN IE ...) */
	size_t ies_len;
	struct timer_list timer;	/* search, then beacons */
	unsigned int num_peers;
	unsigned long last_merge;	/* jiffies */
};

/*
 * Management frames to and from user space (mgmt.c): what it registered
 * for, remain-on-channel and the wait after an off-channel mgmt_tx (one
 * at a time), and the tx status reports that go out after the op.
 */
struct vw_mgmt {
	u32 rx_stypes;			/* BIT(subtype) user space wants */
	u64 last_cookie;		/* wiphy lock */
	struct ieee80211_channel *offchan;	/* NULL: at home */
	struct ieee80211_channel *home;		/* where it was before */
	u64 offchan_cookie;
	bool offchan_roc;		/* else the wait of a mgmt_tx */
	struct delayed_work offchan_end;
	struct sk_buff_head status_q;	/* cb: struct vw_mgmt_status */
	struct work_struct status_work;
};

/*
 * Control port over nl80211 (data.c): EAPOL (and pre-authentication
 * unless excluded) to and from user space over nl80211 instead of the
 * netdev, as the connect, start_ap or join_ibss in force asked.
 */
struct vw_control_port {
	bool over_nl80211;
	bool no_preauth;
	__be16 proto;
};

struct vw_radio {
	struct list_head list;		/* vw_radios, RCU */
	int idx;
	u8 addr[ETH_ALEN];		/* permanent */
	struct wiphy *wiphy;
	struct net_device *ndev;
	struct wireless_dev wdev;
	const struct header_ops *eth_header_ops;	/* while not a monitor */

	/* the air */
	struct ieee80211_channel *channel;	/* where we listen and send */
	struct cfg80211_chan_def chandef;	/* of the BSS or cell we are in */
	int tx_power;			/* dBm */
	s32 pos[3];			/* millimetres */
	atomic_long_t tx_frames, rx_frames;
	bool up;			/* netdev open: receives frames */
	atomic_t air_seq;
	atomic_t mac_seq;		/* 802.11 sequence numbers */
	struct sk_buff_head rxq;
	struct napi_struct napi;
	struct list_head monitors;	/* extra monitor interfaces, RCU */
	atomic_t monitors_up;		/* monitor interfaces running */

	spinlock_t lock;		/* see above */
	struct list_head peers;		/* RCU */
	struct vw_key __rcu *gtk[VW_NUM_KEYS];	/* by key ID */
	u8 gtk_tx_idx;
	u8 igtk_tx_idx;			/* 4 or 5 once set; 0: none */
	struct vw_sta sta;
	struct vw_ap ap;
	struct vw_ibss ibss;
	struct vw_mgmt mgmt;
	struct vw_control_port control_port;

	struct pcpu_sw_netstats __percpu *tstats;
	atomic_long_t drops[VW_DROP_COUNT];
	atomic_long_t events[VW_EVENT_COUNT];
	bool dying;			/* being destroyed: no new interfaces */
};

static inline struct vw_radio *vw_radio_from_ndev(struct net_device *ndev)
{
	return *(struct vw_radio **)netdev_priv(ndev);
}

static inline struct vw_radio *vw_radio_from_wiphy(struct wiphy *wiphy)
{
	return wiphy_priv(wiphy);
}

static inline void vw_drop(struct vw_radio *radio, enum vw_drop why)
{
	atomic_long_inc(&radio->drops[why]);
}

static inline void vw_event(struct vw_radio *radio, enum vw_event what)
{
	atomic_long_inc(&radio->events[what]);
}

/*
 * A source address a frame may create state for: unicast, not zero, not
 * the receiver's own (else VW_DROP_BAD_SOURCE).
 */
static inline bool vw_source_ok(const struct vw_radio *radio, const u8 *sa)
{
	return is_valid_ether_addr(sa) && !ether_addr_equal(sa, radio->addr) &&
	       !ether_addr_equal(sa, radio->ndev->dev_addr);
}

static inline u16 vw_next_seq(struct vw_radio *radio)
{
	return (u16)atomic_inc_return(&radio->mac_seq) & 0xfff;
}

/* Who sent a frame, for the model. */
struct vw_air_src {
	const struct vw_radio *radio;	/* the local sender, or NULL */
	const u8 *addr;			/* its permanent address */
	const s32 *pos;			/* NULL: unknown, a remote radio */
	int tx_power;			/* dBm */
	bool signal_given;		/* a medium server filled it in */
	int signal;
	const u8 *only;			/* for this receiver only, or NULL */
};

/* band.c: one entry per band we offer */
struct vw_band {
	enum nl80211_band band;
	const struct ieee80211_channel *channels;
	unsigned int n_channels;
	const struct ieee80211_rate *rates;
	unsigned int n_rates;
	bool cck;			/* DSSS/CCK rates exist here */
	bool vht;
	struct vw_rate mgmt_rate;	/* management and group frames */
};

const struct vw_band *vw_band_of(const struct ieee80211_channel *chan);
int vw_bands_setup(struct wiphy *wiphy);
unsigned int vw_num_channels(struct wiphy *wiphy);
struct ieee80211_channel *vw_channel_nth(struct wiphy *wiphy, unsigned int n);
int vw_band_put_caps(struct wiphy *wiphy, enum nl80211_band band, u8 *buf,
		     size_t cap, bool ht, bool vht);
int vw_band_put_sta_ies(struct wiphy *wiphy,
			const struct ieee80211_channel *chan, u8 *buf,
			size_t cap, bool ht, bool vht);
/* rates, HT/VHT capabilities of the band, and DS parameter set at most */
#define VW_BAND_IES_MAX (2 + 8 + 2 + 4 + 2 + 26 + 2 + 12 + 3)

/* caps.c */
void vw_chandef_from_ies(struct vw_radio *radio,
			 struct ieee80211_channel *chan, const u8 *ies,
			 size_t len, struct cfg80211_chan_def *out);
void vw_peer_set_caps(struct vw_radio *radio, struct vw_peer *peer,
		      const u8 *ies, size_t len);
void vw_caps_legacy(const struct ieee80211_channel *chan,
		    struct vw_rate_caps *caps);
void vw_peer_tx_rate(struct vw_radio *radio, struct vw_peer *peer,
		     struct vw_rate *rate);
void vw_rate_to_info(const struct vw_rate *r, struct rate_info *ri);
int vw_caps_put_ht_oper(const struct cfg80211_chan_def *c, u8 *buf,
			size_t cap);

/* model.c */
struct vw_model {
	int exponent_x10;	/* path loss exponent */
	int sensitivity;	/* dBm */
};

extern struct vw_model vw_model;
int vw_deny_add(const u8 *rx, const u8 *tx);
int vw_deny_del(const u8 *rx, const u8 *tx);
void vw_deny_clear(void);
int vw_link_set(const u8 *tx, const u8 *rx, u32 loss);
void vw_model_forget(const u8 *addr);
int vw_model_walk(bool links, int pos,
		  int (*fn)(void *arg, const u8 *rx, const u8 *tx, u32 loss),
		  void *arg);
int vw_model_hears(const struct vw_radio *rx, const struct vw_air_src *src,
		   const struct vw_air_info *info, const u8 *frame,
		   size_t len, int *signal);
void vw_model_uninit(void);

/* transport.c */
void vw_transport_tx(const struct sk_buff *skb);
bool vw_transport_attached(void);
int vw_transport_attach(struct net *net, const char *name,
			struct netlink_ext_ack *extack);
void vw_transport_detach(void);
int vw_transport_info(char *name, size_t len, u64 *counters);
int vw_transport_init(void);
int vw_transport_machine(void);
void vw_transport_uninit(void);

/* netlink.c */
int vw_netlink_init(void);
void vw_netlink_uninit(void);

/* radio.c */
extern struct list_head vw_radios;
extern const struct cfg80211_ops vw_cfg_ops;
struct vw_radio *vw_radio_create(struct net *net, const char *ifname);
struct vw_radio *vw_radio_find(const char *name);
struct vw_radio *vw_radio_by_addr(const u8 *addr);
void vw_radio_destroy(struct vw_radio *radio);
int vw_radios_init(int count);
void vw_radios_uninit(void);
const char *vw_drop_name(enum vw_drop why);
bool vw_radio_is_ours(const struct net_device *dev);

/* air.c */
struct sk_buff *vw_air_alloc(struct vw_radio *radio, size_t len);
bool vw_air_tx_on(struct vw_radio *radio, struct sk_buff *skb,
		  const struct vw_rate *rate, struct ieee80211_channel *chan);
void vw_air_tx(struct vw_radio *radio, struct sk_buff *skb,
	       const struct vw_rate *rate);
void vw_air_tx_mgmt(struct vw_radio *radio, struct sk_buff *skb);
bool vw_air_distribute(struct sk_buff *skb, size_t hlen,
		       const struct vw_air_info *info,
		       const struct vw_air_src *src);
int vw_air_napi_poll(struct napi_struct *napi, int budget);
void vw_air_start(struct vw_radio *radio);
void vw_air_stop(struct vw_radio *radio);
/* builds a management frame with a core builder into a new skb and sends it */
#define vw_air_send_mgmt(radio, maxlen, build, ...)			\
	({								\
		struct vw_radio *__radio = (radio);			\
		struct sk_buff *__skb = vw_air_alloc(__radio, maxlen);	\
		int __len = __skb ? build(skb_tail_pointer(__skb),	\
					  skb_tailroom(__skb),		\
					  __VA_ARGS__) : -ENOMEM;	\
		if (__skb && __len >= 0) {				\
			skb_put(__skb, __len);				\
			vw_air_tx_mgmt(__radio, __skb);		\
		} else {						\
			kfree_skb(__skb);				\
		}							\
		__len < 0 ? -ENOMEM : 0;				\
	})

/* monitor.c */
void vw_monitor_frame(struct vw_radio *radio, const u8 *frame, size_t len,
		      const struct vw_air_info *info, int signal);
bool vw_monitor_any(void);
void vw_monitor_inject(struct vw_radio *radio, struct net_device *ndev,
		       struct sk_buff *skb);
bool vw_monitor_netdev(const struct net_device *dev);
void vw_monitor_up(struct vw_radio *radio);
void vw_monitor_down(struct vw_radio *radio);
void vw_monitor_set_type(struct vw_radio *radio, bool monitor);
struct wireless_dev *vw_monitor_add(struct wiphy *wiphy, const char *name,
				    unsigned char name_assign_type,
				    enum nl80211_iftype type,
				    struct vif_params *params);
int vw_monitor_del(struct wiphy *wiphy, struct wireless_dev *wdev);
int vw_monitor_set_channel(struct wiphy *wiphy,
			   struct cfg80211_chan_def *chandef);
void vw_monitors_remove_all(struct vw_radio *radio);

/* mgmt.c */
#define VW_ROC_MAX_MS 5000	/* longest remain-on-channel we grant */
extern const struct ieee80211_txrx_stypes vw_mgmt_stypes[NUM_NL80211_IFTYPES];
void vw_mgmt_init(struct vw_radio *radio);
void vw_mgmt_stop(struct vw_radio *radio);
bool vw_mgmt_wanted(struct vw_radio *radio, u8 stype);
bool vw_mgmt_to_user(struct vw_radio *radio, const struct vw_frame *f,
		     const struct vw_air_info *info);
bool vw_mgmt_rx(struct vw_radio *radio, struct sk_buff *skb,
		const struct vw_frame *f, const struct vw_air_info *info);
void vw_mgmt_update_registrations(struct wiphy *wiphy,
				  struct wireless_dev *wdev,
				  struct mgmt_frame_regs *upd);
int vw_mgmt_tx(struct wiphy *wiphy, struct wireless_dev *wdev,
	       struct cfg80211_mgmt_tx_params *params, u64 *cookie);
int vw_mgmt_tx_cancel_wait(struct wiphy *wiphy, struct wireless_dev *wdev,
			   u64 cookie);
int vw_mgmt_roc(struct wiphy *wiphy, struct wireless_dev *wdev,
		struct ieee80211_channel *chan, unsigned int duration,
		u64 *cookie);
int vw_mgmt_cancel_roc(struct wiphy *wiphy, struct wireless_dev *wdev,
		       u64 cookie);
u64 vw_mgmt_cookie(struct vw_radio *radio);
int vw_mgmt_report(struct vw_radio *radio, u64 cookie, const u8 *buf,
		   size_t len, bool ack, bool control_port);

/* pmf.c */
enum vw_pmf_verdict {
	VW_PMF_PASS,		/* go on with the frame */
	VW_PMF_DROP,		/* drop it, counted */
	VW_PMF_TAKEN,		/* consumed: it was an answer to us */
};

bool vw_pmf_agreed(const u8 *ours, size_t ours_len, const u8 *theirs,
		   size_t theirs_len);
bool vw_pmf_protects(const struct vw_peer *peer);
bool vw_pmf_tx(struct vw_radio *radio, struct sk_buff *skb,
	       struct ieee80211_channel *chan);
enum vw_pmf_verdict vw_pmf_rx(struct vw_radio *radio, struct sk_buff *skb,
			      struct vw_frame *f, enum vw_drop *why);
u32 vw_pmf_ap_reassoc(struct vw_radio *radio, struct vw_peer *peer);
int vw_pmf_put_comeback(u8 *buf, size_t cap, u32 tu);
u32 vw_pmf_get_comeback(const u8 *ies, size_t len);
#define VW_COMEBACK_IE_LEN 7

/* data.c */
netdev_tx_t vw_data_xmit(struct sk_buff *skb, struct net_device *ndev);
void vw_data_control_port(struct vw_radio *radio, bool over_nl80211,
			  bool no_preauth, __be16 proto);
int vw_data_tx_control_port(struct wiphy *wiphy, struct net_device *ndev,
			    const u8 *buf, size_t len, const u8 *dest,
			    __be16 proto, bool noencrypt, u64 *cookie);
void vw_data_rx(struct vw_radio *radio, struct sk_buff *skb,
		const struct vw_frame *f, const struct vw_air_info *info);

/* sta.c */
void vw_sta_init(struct vw_radio *radio);
void vw_sta_uninit(struct vw_radio *radio);
void vw_sta_rx_mgmt(struct vw_radio *radio, const struct vw_frame *f,
		    const struct vw_air_info *info);
void vw_sta_reset(struct vw_radio *radio, bool notify, u16 reason);
void vw_sta_inform_bss(struct vw_radio *radio, const struct vw_frame *f,
		       const struct vw_air_info *info);
void vw_sta_stop(struct vw_radio *radio);
void vw_sta_sae_tx(struct vw_radio *radio);
int vw_sta_external_auth(struct vw_radio *radio,
			 struct cfg80211_external_auth_params *params);
int vw_sta_scan(struct wiphy *wiphy, struct cfg80211_scan_request *req);
void vw_sta_abort_scan(struct wiphy *wiphy, struct wireless_dev *wdev);
int vw_sta_connect(struct wiphy *wiphy, struct net_device *ndev,
		   struct cfg80211_connect_params *sme);
int vw_sta_disconnect(struct wiphy *wiphy, struct net_device *ndev,
		      u16 reason);

/* ap.c */
void vw_ap_init(struct vw_radio *radio);
void vw_ap_uninit(struct vw_radio *radio);
void vw_ap_rx_mgmt(struct vw_radio *radio, const struct vw_frame *f,
		   const struct vw_air_info *info);
int vw_ap_external_auth(struct vw_radio *radio,
			struct cfg80211_external_auth_params *params);
void vw_ap_sae_tx(struct vw_radio *radio, const struct vw_frame *f);
int vw_ap_update_owe_info(struct vw_radio *radio,
			  const struct cfg80211_update_owe_info *owe);
int vw_ap_start(struct wiphy *wiphy, struct net_device *ndev,
		struct cfg80211_ap_settings *s);
int vw_ap_change_beacon(struct wiphy *wiphy, struct net_device *ndev,
			struct cfg80211_beacon_data *b);
int vw_ap_stop(struct wiphy *wiphy, struct net_device *ndev,
	       unsigned int link_id);
void vw_ap_shutdown(struct vw_radio *radio);
int vw_ap_del_station(struct wiphy *wiphy, struct net_device *ndev,
		      struct station_del_parameters *params);
int vw_ap_change_bss(struct wiphy *wiphy, struct net_device *ndev,
		     struct bss_parameters *params);

/* ibss.c */
void vw_ibss_init(struct vw_radio *radio);
void vw_ibss_rx_mgmt(struct vw_radio *radio, const struct vw_frame *f,
		     const struct vw_air_info *info);
struct vw_peer *vw_ibss_peer_seen(struct vw_radio *radio, const u8 *addr,
				  const struct vw_air_info *info,
				  enum vw_drop *why);
int vw_ibss_join(struct wiphy *wiphy, struct net_device *ndev,
		 struct cfg80211_ibss_params *params);
int vw_ibss_leave(struct wiphy *wiphy, struct net_device *ndev);
void vw_ibss_shutdown(struct vw_radio *radio);

/* peer.c */
struct vw_peer *vw_peer_find(struct vw_radio *radio, const u8 *addr);
struct vw_peer *vw_peer_add(struct vw_radio *radio, const u8 *addr);
void vw_peer_remove(struct vw_radio *radio, struct vw_peer *peer);
void vw_peer_remove_all(struct vw_radio *radio);
void vw_peer_remove_all_locked(struct vw_radio *radio);
void vw_peer_fill_sinfo(struct vw_radio *radio, struct vw_peer *peer,
			struct station_info *sinfo);
int vw_peer_get_station(struct wiphy *wiphy, struct net_device *ndev,
			const u8 *mac, struct station_info *sinfo);
int vw_peer_dump_station(struct wiphy *wiphy, struct net_device *ndev,
			 int idx, u8 *mac, struct station_info *sinfo);
int vw_peer_change_station(struct wiphy *wiphy, struct net_device *ndev,
			   const u8 *mac, struct station_parameters *params);

/* crypto.c */
void vw_crypto_init(void);
void vw_crypto_uninit(void);
const u32 *vw_crypto_suites(int *n);
struct vw_key *vw_key_alloc(const struct key_params *params, u8 idx);
void vw_key_free(struct vw_key *key);	/* after a grace period */
void vw_key_destroy(struct vw_key *key);	/* now */
int vw_key_encrypt(struct vw_key *key, struct sk_buff *skb, size_t hdr_off);
int vw_key_decrypt(struct vw_key *key, struct sk_buff *skb, size_t hdr_off,
		   const struct vw_frame *f, enum vw_drop *why);
int vw_key_bip_sign(struct vw_key *key, struct sk_buff *skb);
int vw_key_bip_check(struct vw_key *key, const struct vw_frame *f,
		     const struct vw_mmie *m, enum vw_drop *why);

/* key.c */
void vw_key_replace(struct vw_key __rcu **slot, struct vw_key *key, spinlock_t *lock);
int vw_key_add(struct wiphy *wiphy, struct net_device *ndev, int link_id,
	       u8 idx, bool pairwise, const u8 *mac, struct key_params *params);
int vw_key_del(struct wiphy *wiphy, struct net_device *ndev, int link_id,
	       u8 idx, bool pairwise, const u8 *mac);
int vw_key_get(struct wiphy *wiphy, struct net_device *ndev, int link_id,
	       u8 idx, bool pairwise, const u8 *mac, void *cookie,
	       void (*callback)(void *cookie, struct key_params *));
int vw_key_set_default(struct wiphy *wiphy, struct net_device *ndev,
		       int link_id, u8 idx, bool unicast, bool multicast);
int vw_key_set_default_mgmt(struct wiphy *wiphy, struct net_device *ndev,
			    int link_id, u8 idx);
void vw_keys_clear(struct vw_radio *radio);

#endif
