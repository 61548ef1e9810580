/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels we build for, in one place: Debian's 6.1
 * (bookworm), 6.12 (bookworm-backports) and the newest Debian ships (7.x,
 * sid). Force-included by Kbuild before every driver file. Each block names
 * the kernel change it covers; the driver keeps the names and signatures it
 * has always used, and cfg.c adapts the operations table.
 */
#ifndef VW_COMPAT_H
#define VW_COMPAT_H

/* before any kernel header, so every message is prefixed "vwifi: " */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "vwifi needs Linux 6.1 or later (the oldest kernel it is tested on)"
#endif

#include <linux/timer.h>
#include <net/cfg80211.h>

/* 6.7 wrapped change_beacon's argument in struct cfg80211_ap_update. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
typedef struct cfg80211_ap_update vw_ap_update_t;
static inline struct cfg80211_beacon_data *vw_ap_update_beacon(vw_ap_update_t *u)
{
	return &u->beacon;
}
#else
typedef struct cfg80211_beacon_data vw_ap_update_t;
static inline struct cfg80211_beacon_data *vw_ap_update_beacon(vw_ap_update_t *u)
{
	return u;
}
#endif

/* 6.5 moved skb_gso_segment() out of linux/netdevice.h into net/gso.h. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#include <net/gso.h>
#endif

/*
 * 6.13 tells set_monitor_channel which monitor interface it is for. Ours
 * share the radio's one channel: cfg.c's wrapper takes and drops it.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
#define VW_OP_MONITOR_NETDEV struct net_device *ndev,
#else
#define VW_OP_MONITOR_NETDEV
#endif

/*
 * 6.17 gave set_wiphy_params the index of the radio of a multi-radio wiphy
 * (-1: all of them). Each of our wiphys is one radio.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 17, 0)
#define VW_OP_RADIO_IDX int radio_idx,
#else
#define VW_OP_RADIO_IDX
#endif

/*
 * 7.2 tells remain_on_channel on which address to receive (NAN), after
 * the cookie; ours is always the interface's: cfg.c's wrapper takes the
 * cookie's declaration through this and drops the address.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 2, 0)
#define VW_OP_ROC_COOKIE(decl) decl, const u8 *rx_addr
#else
#define VW_OP_ROC_COOKIE(decl) decl
#endif

/*
 * 6.2 gave cfg80211_rx_control_port() the MLO link a frame came on; ours
 * are not MLO (-1).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define vw_rx_control_port(dev, skb, unencrypted) \
	cfg80211_rx_control_port(dev, skb, unencrypted, -1)
#else
#define vw_rx_control_port(dev, skb, unencrypted) \
	cfg80211_rx_control_port(dev, skb, unencrypted)
#endif

/*
 * 6.3 added the MLO link a station's OWE association came on to
 * cfg80211_update_owe_info; -1 says there is none (ours are not MLO), where
 * 0 would put a link id in the event.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#define vw_owe_info_no_link(info) ((info)->assoc_link_id = -1)
#else
#define vw_owe_info_no_link(info) do { } while (0)
#endif

/*
 * 6.15 removed del_timer_sync(); timer_delete_sync() has been its name since
 * 6.2 (and in Debian's 6.1 since 6.1.84).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 15, 0)
#define del_timer_sync(timer) timer_delete_sync(timer)
#endif

/* 6.16 renamed from_timer() to timer_container_of(); both are macros. */
#ifndef from_timer
#define from_timer(var, timer, field) timer_container_of(var, timer, field)
#endif

/*
 * 7.1 hands the station and key operations the wireless_dev rather than the
 * net_device (a NAN interface has stations and keys but no netdev), and
 * cfg80211_new_sta()/cfg80211_del_sta() take the wireless_dev too. Every
 * interface of ours has a netdev; the driver keeps passing it: cfg.c's
 * wrappers get it from vw_op_netdev(), and the notifications get the old
 * signature back here.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 1, 0)
typedef struct wireless_dev vw_op_dev_t;
static inline struct net_device *vw_op_netdev(vw_op_dev_t *dev)
{
	return dev->netdev;
}

static inline void vw_cfg80211_new_sta(struct net_device *ndev, const u8 *mac,
				       struct station_info *sinfo, gfp_t gfp)
{
	cfg80211_new_sta(ndev->ieee80211_ptr, mac, sinfo, gfp);
}

#define cfg80211_new_sta(ndev, mac, sinfo, gfp) \
	vw_cfg80211_new_sta(ndev, mac, sinfo, gfp)

static inline void vw_cfg80211_del_sta(struct net_device *ndev, const u8 *mac,
				       gfp_t gfp)
{
	cfg80211_del_sta(ndev->ieee80211_ptr, mac, gfp);
}

#define cfg80211_del_sta(ndev, mac, gfp) vw_cfg80211_del_sta(ndev, mac, gfp)
#else
typedef struct net_device vw_op_dev_t;
static inline struct net_device *vw_op_netdev(vw_op_dev_t *dev)
{
	return dev;
}
#endif

#endif
