/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * vwifi generic netlink interface: family "vwifi", version 1.
 *
 * Shared by the kernel driver and vwifi-tool. All commands work from any
 * network namespace: radios are global objects of the module, named by
 * VWIFI_ATTR_RADIO, a string matched against each radio's wiphy name
 * ("vw_phy1", unique) or its current interface name ("vw1"); a name that
 * interfaces of several namespaces share is refused (ENOTUNIQ), use the
 * wiphy name then. An unknown name gives ENODEV. Commands that change
 * anything need CAP_NET_ADMIN (GENL_ADMIN_PERM): EPERM otherwise. A refused
 * or malformed command answers with an errno and an extended-ack message
 * saying why.
 *
 * Commands:
 *
 * VWIFI_CMD_RADIO_GET: dump, or get one with VWIFI_ATTR_RADIO. Each reply
 *   carries RADIO_ID, IFNAME, WIPHY, MAC, IFTYPE, FREQ, POS_X/Y/Z,
 *   TXPOWER and a nested VWIFI_ATTR_STATS.
 * VWIFI_CMD_RADIO_NEW (admin): creates a radio in the caller's network
 *   namespace; optional VWIFI_ATTR_IFNAME for its interface name (EEXIST
 *   when taken). Replies like RADIO_GET with the new radio.
 * VWIFI_CMD_RADIO_DEL (admin): VWIFI_ATTR_RADIO. Tears it down even while
 *   associated or beaconing.
 * VWIFI_CMD_RADIO_SET (admin): VWIFI_ATTR_RADIO and any of POS_X, POS_Y,
 *   POS_Z (millimetres, s32) and TXPOWER (dBm, s32, -10..40).
 * VWIFI_CMD_DENY_ADD / VWIFI_CMD_DENY_DEL (admin): VWIFI_ATTR_RADIO (the
 *   receiver) denies every frame from VWIFI_ATTR_PEER (the transmitter).
 *   In every mode and on every hop. ADD of a listed pair gives EEXIST, DEL
 *   of an unlisted one ENOENT.
 * VWIFI_CMD_DENY_GET: dump of the denylist, one message per pair with
 *   RADIO (receiver's interface name) and PEER (transmitter's); a radio
 *   that is not local (or gone) is named by its address, aa:bb:cc:dd:ee:ff.
 * VWIFI_CMD_DENY_CLEAR (admin): empties the denylist.
 * VWIFI_CMD_LINK_SET (admin): VWIFI_ATTR_RADIO (transmitter), VWIFI_ATTR_PEER
 *   (receiver), VWIFI_ATTR_LOSS (percent, 0..100, required). One direction;
 *   0 removes the link setting.
 * VWIFI_CMD_LINK_GET: dump of the links with a loss set: RADIO, PEER, LOSS.
 * VWIFI_CMD_MODEL_GET / VWIFI_CMD_MODEL_SET (admin for SET): the
 *   propagation model: VWIFI_ATTR_PATH_LOSS_EXP (exponent x10, 10..60) and
 *   VWIFI_ATTR_SENSITIVITY (dBm, s32, -120..0).
 * VWIFI_CMD_TRANSPORT_GET: the Ethernet transport that carries the air to
 *   other machines: VWIFI_ATTR_IFNAME when one is attached, and a nested
 *   VWIFI_ATTR_STATS (TX_FRAMES, RX_FRAMES, RX_MALFORMED, RX_OWN).
 * VWIFI_CMD_TRANSPORT_SET (admin): attaches the air to the Ethernet
 *   interface VWIFI_ATTR_IFNAME of the caller's namespace (its MTU is raised
 *   to 2304 when it can be), or detaches it when the attribute is absent.
 */
#ifndef _UAPI_VWIFI_H
#define _UAPI_VWIFI_H

#define VWIFI_GENL_NAME "vwifi"
#define VWIFI_GENL_VERSION 1

enum vwifi_cmd {
	VWIFI_CMD_UNSPEC,
	VWIFI_CMD_RADIO_GET,
	VWIFI_CMD_RADIO_NEW,
	VWIFI_CMD_RADIO_DEL,
	VWIFI_CMD_RADIO_SET,
	VWIFI_CMD_DENY_ADD,
	VWIFI_CMD_DENY_DEL,
	VWIFI_CMD_DENY_GET,
	VWIFI_CMD_DENY_CLEAR,
	VWIFI_CMD_LINK_SET,
	VWIFI_CMD_LINK_GET,
	VWIFI_CMD_MODEL_GET,
	VWIFI_CMD_MODEL_SET,
	VWIFI_CMD_TRANSPORT_GET,
	VWIFI_CMD_TRANSPORT_SET,
	__VWIFI_CMD_MAX,
};

#define VWIFI_CMD_MAX (__VWIFI_CMD_MAX - 1)

enum vwifi_attr {
	VWIFI_ATTR_UNSPEC,
	VWIFI_ATTR_RADIO,	/* string: interface or wiphy name */
	VWIFI_ATTR_PEER,	/* string: the other radio of a pair */
	VWIFI_ATTR_RADIO_ID,	/* u32: N of vw_phyN */
	VWIFI_ATTR_IFNAME,	/* string */
	VWIFI_ATTR_WIPHY,	/* string: wiphy name */
	VWIFI_ATTR_MAC,		/* binary, 6 bytes: permanent address */
	VWIFI_ATTR_IFTYPE,	/* u32: enum nl80211_iftype */
	VWIFI_ATTR_FREQ,	/* u32: MHz the radio listens on */
	VWIFI_ATTR_POS_X,	/* s32: millimetres */
	VWIFI_ATTR_POS_Y,	/* s32 */
	VWIFI_ATTR_POS_Z,	/* s32 */
	VWIFI_ATTR_TXPOWER,	/* s32: dBm */
	VWIFI_ATTR_LOSS,	/* u32: percent of frames dropped on a link */
	VWIFI_ATTR_PATH_LOSS_EXP,	/* u32: exponent x10 */
	VWIFI_ATTR_SENSITIVITY,	/* s32: dBm */
	VWIFI_ATTR_STATS,	/* nested: enum vwifi_stat */
	VWIFI_ATTR_PAD,
	__VWIFI_ATTR_MAX,
};

#define VWIFI_ATTR_MAX (__VWIFI_ATTR_MAX - 1)

/* Counters of a radio, each u64. */
enum vwifi_stat {
	VWIFI_STAT_UNSPEC,
	VWIFI_STAT_TX_FRAMES,		/* frames sent on the air */
	VWIFI_STAT_RX_FRAMES,		/* frames received from the air */
	VWIFI_STAT_RX_DENIED,		/* dropped by the denylist */
	VWIFI_STAT_RX_LOST,		/* dropped by link loss or sensitivity */
	VWIFI_STAT_RX_MALFORMED,	/* failed a length or format check */
	VWIFI_STAT_DROPPED,		/* every other drop, see ethtool -S */
	VWIFI_STAT_PAD,
	/* new counters go here, after PAD */
	VWIFI_STAT_RX_OWN,		/* transport: our own frames echoed */
	__VWIFI_STAT_MAX,
};

#define VWIFI_STAT_MAX (__VWIFI_STAT_MAX - 1)

#endif
