/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels we build for (6.1 and 6.12), in one
 * place. Force-included by Kbuild before every driver file.
 */
#ifndef VW_COMPAT_H
#define VW_COMPAT_H

/* before any kernel header, so every message is prefixed "vwifi: " */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/netdevice.h>
#include <linux/version.h>
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

/* 6.5 added the tracked lookup by name; before it, track by hand. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 5, 0)
static inline struct net_device *netdev_get_by_name(struct net *net,
						    const char *name,
						    netdevice_tracker *tracker,
						    gfp_t gfp)
{
	struct net_device *dev = dev_get_by_name(net, name);

	if (dev)
		netdev_tracker_alloc(dev, tracker, gfp);
	return dev;
}
#endif

#endif
