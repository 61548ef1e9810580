// SPDX-License-Identifier: GPL-2.0
/*
 * The air between radios: who hears whom, and how well. The decision is
 * the shared core's (core/vw_model.c: denylist, signal from positions,
 * frequency and tx power, the sensitivity the rate needs, random loss);
 * this file keeps the denylist and the lossy links it consults. Pairs
 * are kept by the radios' permanent addresses so remote radios can be
 * named too.
 *
 * Lists are read under RCU on the data path and changed under
 * vw_model_lock (netlink, process context).
 */
#include <linux/random.h>

#include "vwifi.h"

struct vw_pair {
	struct list_head list;
	u8 rx[ETH_ALEN];
	u8 tx[ETH_ALEN];
	u32 loss;		/* links only: percent */
	struct rcu_head rcu;
};

static LIST_HEAD(vw_denylist);
static LIST_HEAD(vw_links);
static DEFINE_MUTEX(vw_model_lock);

struct vw_model vw_model = {
	.exponent_x10 = 20,
	.sensitivity = VW_SENSITIVITY_DBM,
};

static struct vw_pair *vw_pair_find(struct list_head *head, const u8 *rx,
				    const u8 *tx)
{
	struct vw_pair *p;

	list_for_each_entry_rcu(p, head, list,
				lockdep_is_held(&vw_model_lock)) {
		if (ether_addr_equal(p->rx, rx) && ether_addr_equal(p->tx, tx))
			return p;
	}
	return NULL;
}

int vw_deny_add(const u8 *rx, const u8 *tx)
{
	struct vw_pair *p;
	int err = 0;

	mutex_lock(&vw_model_lock);
	if (vw_pair_find(&vw_denylist, rx, tx)) {
		err = -EEXIST;
		goto out;
	}
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p) {
		err = -ENOMEM;
		goto out;
	}
	ether_addr_copy(p->rx, rx);
	ether_addr_copy(p->tx, tx);
	list_add_tail_rcu(&p->list, &vw_denylist);
out:
	mutex_unlock(&vw_model_lock);
	return err;
}

int vw_deny_del(const u8 *rx, const u8 *tx)
{
	struct vw_pair *p;

	mutex_lock(&vw_model_lock);
	p = vw_pair_find(&vw_denylist, rx, tx);
	if (p) {
		list_del_rcu(&p->list);
		kfree_rcu(p, rcu);
	}
	mutex_unlock(&vw_model_lock);
	return p ? 0 : -ENOENT;
}

static void vw_pairs_clear(struct list_head *head, const u8 *addr)
{
	struct vw_pair *p, *tmp;

	list_for_each_entry_safe(p, tmp, head, list) {
		if (addr && !ether_addr_equal(p->rx, addr) &&
		    !ether_addr_equal(p->tx, addr))
			continue;
		list_del_rcu(&p->list);
		kfree_rcu(p, rcu);
	}
}

void vw_deny_clear(void)
{
	mutex_lock(&vw_model_lock);
	vw_pairs_clear(&vw_denylist, NULL);
	mutex_unlock(&vw_model_lock);
}

/* A radio goes away: forget every pair it is part of. */
void vw_model_forget(const u8 *addr)
{
	mutex_lock(&vw_model_lock);
	vw_pairs_clear(&vw_denylist, addr);
	vw_pairs_clear(&vw_links, addr);
	mutex_unlock(&vw_model_lock);
}

int vw_link_set(const u8 *tx, const u8 *rx, u32 loss)
{
	struct vw_pair *p;
	int err = 0;

	mutex_lock(&vw_model_lock);
	p = vw_pair_find(&vw_links, rx, tx);
	if (p && !loss) {
		list_del_rcu(&p->list);
		kfree_rcu(p, rcu);
	} else if (p) {
		WRITE_ONCE(p->loss, loss);
	} else if (loss) {
		p = kzalloc(sizeof(*p), GFP_KERNEL);
		if (!p) {
			err = -ENOMEM;
			goto out;
		}
		ether_addr_copy(p->rx, rx);
		ether_addr_copy(p->tx, tx);
		p->loss = loss;
		list_add_tail_rcu(&p->list, &vw_links);
	}
out:
	mutex_unlock(&vw_model_lock);
	return err;
}

/*
 * Walks the denylist (links: false) or the links (true) from entry *pos on,
 * calling fn until it returns non-zero; for netlink dumps. Returns the
 * position to resume from.
 */
int vw_model_walk(bool links, int pos,
		  int (*fn)(void *arg, const u8 *rx, const u8 *tx, u32 loss),
		  void *arg)
{
	struct vw_pair *p;
	int i = 0;

	mutex_lock(&vw_model_lock);
	list_for_each_entry(p, links ? &vw_links : &vw_denylist, list) {
		if (i++ < pos)
			continue;
		if (fn(arg, p->rx, p->tx, p->loss)) {
			i--;
			break;
		}
	}
	mutex_unlock(&vw_model_lock);
	return i;
}

/* RCU read side: does the receiver ctx deny frames from addr? */
static bool vw_model_denies(const void *ctx, const u8 *addr)
{
	const struct vw_radio *rx = ctx;

	return vw_pair_find(&vw_denylist, rx->addr, addr);
}

/*
 * Decides whether rx hears a frame (802.11 MPDU at frame, sent as info
 * says) from src: the shared core's verdict (core/vw_model.c), which the
 * medium server applies too. Returns 0 and the signal, or the reason it
 * is lost. RCU read side.
 */
int vw_model_hears(const struct vw_radio *rx, const struct vw_air_src *src,
		   const struct vw_air_info *info, const u8 *frame,
		   size_t len, int *signal)
{
	struct vw_model_params params = {
		.exponent_x10 = READ_ONCE(vw_model.exponent_x10),
		.sensitivity_dbm = READ_ONCE(vw_model.sensitivity),
	};
	struct vw_hearing h = {
		.frame = frame,
		.len = len,
		.tx_addr = src->addr,
		.denies = list_empty(&vw_denylist) ? NULL : vw_model_denies,
		.ctx = rx,
		.signal_given = src->signal_given,
		.signal_dbm = src->signal,
		.freq = info->freq,
		.tx_power_dbm = src->tx_power,
		.rate = &info->rate,
	};
	struct vw_pair *link;

	if (!src->signal_given && src->pos)
		h.distance_cm = vw_model_distance_cm(src->pos, rx->pos);
	if (!list_empty(&vw_links)) {
		link = vw_pair_find(&vw_links, rx->addr, src->addr);
		if (link) {
			h.loss_percent = READ_ONCE(link->loss);
			h.draw = get_random_u32();
		}
	}
	switch (vw_model_verdict(&params, &h, signal)) {
	case VW_DENIED:
		return VW_DROP_DENIED;
	case VW_WEAK:
		return VW_DROP_SIGNAL;
	case VW_LOST:
		return VW_DROP_LINK_LOSS;
	default:
		return 0;
	}
}

void vw_model_uninit(void)
{
	mutex_lock(&vw_model_lock);
	vw_pairs_clear(&vw_denylist, NULL);
	vw_pairs_clear(&vw_links, NULL);
	mutex_unlock(&vw_model_lock);
}
