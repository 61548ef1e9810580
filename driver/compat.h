/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels we build for (6.1 and 6.12), in one
 * place. Force-included by Kbuild before every driver file.
 */
#ifndef VW_COMPAT_H
#define VW_COMPAT_H

/* before any kernel header, so every message is prefixed "vwifi: " */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

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

/* 6.5 moved skb_gso_segment() out of linux/netdevice.h into net/gso.h. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#include <net/gso.h>
#endif

#endif
