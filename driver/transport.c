// SPDX-License-Identifier: GPL-2.0
/*
 * The air over Ethernet, between kernels: every air frame of this
 * kernel's radios also goes out on one netdev (a VM's virtio-net NIC, a
 * tap on a bridge) as an Ethernet frame of EtherType 0x88B5, and frames
 * of that type coming in are handed to our radios as if sent nearby.
 * No hypervisor support is needed: a plain bridge of taps works, and so
 * does QEMU's stream netdev to vwifi-medium, which models the air itself
 * and fills in the signal.
 *
 * Ethernet destination: broadcast from us; from a medium server, the
 * permanent address of the one radio a copy is for.
 */
#include <linux/if_arp.h>
#include <linux/moduleparam.h>
#include <linux/rtnetlink.h>

#include "vwifi.h"

/* room for a full 802.11 data frame with CCMP behind the air header */
#define VW_TRANSPORT_MTU 2304

static char *transport;
module_param(transport, charp, 0444);
MODULE_PARM_DESC(transport, "Netdev (in the initial namespace) that carries the air to other machines");

static struct net_device __rcu *vw_transport_dev;	/* RTNL for writers */
static netdevice_tracker vw_transport_tracker;
/* bit 0: another machine uses our radio addresses, said once per attach */
static unsigned long vw_transport_clash_logged;

enum {
	VW_TSTAT_TX,
	VW_TSTAT_RX,
	VW_TSTAT_RX_MALFORMED,	/* not an air frame we can read */
	VW_TSTAT_RX_OWN,	/* our own frames, reflected */
	VW_TSTAT_COUNT,
};

static atomic64_t vw_tstats[VW_TSTAT_COUNT];

/* Does the air go beyond this kernel? Any context. */
bool vw_transport_attached(void)
{
	return rcu_access_pointer(vw_transport_dev);
}

/* BH disabled, RCU: one copy of an air frame (skb at its air header) out */
void vw_transport_tx(const struct sk_buff *skb)
{
	struct net_device *dev = rcu_dereference(vw_transport_dev);
	struct sk_buff *nskb;
	struct ethhdr *eth;

	if (!dev || !(dev->flags & IFF_UP))
		return;
	nskb = skb_copy_expand(skb, LL_RESERVED_SPACE(dev) + ETH_HLEN, 0,
			       GFP_ATOMIC);
	if (!nskb)
		return;
	eth = skb_push(nskb, ETH_HLEN);
	eth_broadcast_addr(eth->h_dest);
	ether_addr_copy(eth->h_source, dev->dev_addr);
	eth->h_proto = htons(VW_AIR_ETHERTYPE);
	skb_reset_mac_header(nskb);
	skb_set_network_header(nskb, ETH_HLEN);
	nskb->protocol = eth->h_proto;
	nskb->dev = dev;
	atomic64_inc(&vw_tstats[VW_TSTAT_TX]);
	dev_queue_xmit(nskb);
}

/* softirq: an air frame from another machine */
static int vw_transport_rcv(struct sk_buff *skb, struct net_device *dev,
			    struct packet_type *pt,
			    struct net_device *orig_dev)
{
	const struct ethhdr *eth;
	struct vw_air_src src = {};
	struct vw_air_info info;
	int hlen;

	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return NET_RX_DROP;
	/*
	 * Receivers rewrite the signal and decrypt in place, so the bytes
	 * must be ours alone: a packet socket on the NIC may hold a clone.
	 */
	if (skb_linearize(skb) || skb_unclone(skb, GFP_ATOMIC))
		goto malformed;
	eth = eth_hdr(skb);	/* after linearizing, which may move data */
	/*
	 * Only the bytes are the other machine's: what the NIC claimed about
	 * segmentation and checksums holds for none of ours. (The mark of
	 * another host's frame goes in vw_air_deliver().)
	 */
	skb_gso_reset(skb);
	skb->ip_summed = CHECKSUM_NONE;
	hlen = vw_air_decode(skb->data, skb->len, &info);
	if (hlen < 0)
		goto malformed;
	atomic64_inc(&vw_tstats[VW_TSTAT_RX]);

	rcu_read_lock();
	if (vw_radio_by_addr(info.tx_addr)) {
		/*
		 * What we sent, echoed, comes from our own NIC; from another
		 * NIC it is a machine whose radios have our addresses, which
		 * neither of us can hear.
		 */
		if (!ether_addr_equal(eth->h_source, dev->dev_addr) &&
		    !test_and_set_bit(0, &vw_transport_clash_logged))
			pr_warn("%pM sends with our radio addresses: it uses our machine number (%pM); give each machine its own machine= or NIC address\n",
				eth->h_source, info.tx_addr);
		rcu_read_unlock();
		atomic64_inc(&vw_tstats[VW_TSTAT_RX_OWN]);
		consume_skb(skb);
		return NET_RX_SUCCESS;
	}
	src.addr = info.tx_addr;
	src.tx_power = info.tx_power;
	src.signal_given = info.flags & VW_AIR_F_SIGNAL_VALID;
	src.signal = info.signal;
	if (is_unicast_ether_addr(eth->h_dest))
		src.only = eth->h_dest;
	local_bh_disable();
	vw_air_distribute(skb, hlen, &info, &src);
	local_bh_enable();
	rcu_read_unlock();
	return NET_RX_SUCCESS;

malformed:
	atomic64_inc(&vw_tstats[VW_TSTAT_RX_MALFORMED]);
	kfree_skb(skb);
	return NET_RX_DROP;
}

static struct packet_type vw_transport_pt = {
	.type = cpu_to_be16(VW_AIR_ETHERTYPE),
	.func = vw_transport_rcv,
};

/* RTNL held */
static void __vw_transport_detach(void)
{
	struct net_device *dev;

	dev = rcu_replace_pointer(vw_transport_dev, NULL,
				  lockdep_rtnl_is_held());
	if (!dev)
		return;
	dev_remove_pack(&vw_transport_pt);	/* waits for receivers */
	synchronize_net();			/* and for senders */
	dev_set_promiscuity(dev, -1);
	pr_info("air transport detached from %s\n", dev->name);
	netdev_put(dev, &vw_transport_tracker);
}

void vw_transport_detach(void)
{
	rtnl_lock();
	__vw_transport_detach();
	rtnl_unlock();
}

static int vw_transport_lower_is_ours(struct net_device *lower,
				      struct netdev_nested_priv *priv)
{
	return vw_radio_is_ours(lower);
}

/*
 * RTNL held. Is dev one of our radios or stacked on one (a bridge, VLAN,
 * macvlan over vwN)? Our air would then carry itself, round and round.
 */
static bool vw_transport_on_radio(struct net_device *dev)
{
	struct netdev_nested_priv priv = {};

	return vw_radio_is_ours(dev) ||
	       netdev_walk_all_lower_dev(dev, vw_transport_lower_is_ours,
					 &priv);
}

/*
 * The reason goes to user space (a string literal, as NL_SET_ERR_MSG()
 * would store) and to the log, where transport= at load finds it.
 */
static void vw_transport_refuse(struct netlink_ext_ack *extack,
				const char *name, const char *why)
{
	if (extack)
		extack->_msg = why;
	pr_warn("not attaching the air transport to %s: %s\n", name, why);
}

/* process context: carry the air over the Ethernet netdev called name */
int vw_transport_attach(struct net *net, const char *name,
			struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	int err;

	rtnl_lock();
	dev = __dev_get_by_name(net, name);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "no such network interface");
		err = -ENODEV;
		goto out;
	}
	err = -EINVAL;
	if (dev->type != ARPHRD_ETHER || dev->ieee80211_ptr) {
		vw_transport_refuse(extack, name,
				    "the transport must be an Ethernet interface, not a radio");
		goto out;
	}
	if (vw_transport_on_radio(dev)) {
		vw_transport_refuse(extack, name,
				    "stacked on a vwifi radio: the air would carry itself");
		goto out;
	}
	/* full data frames with their headers must fit */
	if (dev->mtu < VW_TRANSPORT_MTU &&
	    dev_set_mtu(dev, VW_TRANSPORT_MTU)) {
		vw_transport_refuse(extack, name,
				    "its MTU cannot be raised to 2304, which air frames need");
		goto out;
	}
	__vw_transport_detach();
	/* a NIC filters unicast: the medium addresses copies to our radios */
	err = dev_set_promiscuity(dev, 1);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot make the interface promiscuous");
		goto out;
	}
	netdev_hold(dev, &vw_transport_tracker, GFP_KERNEL);
	vw_transport_pt.dev = dev;
	clear_bit(0, &vw_transport_clash_logged);
	dev_add_pack(&vw_transport_pt);
	rcu_assign_pointer(vw_transport_dev, dev);
	pr_info("air transport attached to %s (mtu %u)\n", dev->name, dev->mtu);
out:
	rtnl_unlock();
	return err;
}

/* The attached interface's name and the counters; -ENOENT if none. */
int vw_transport_info(char *name, size_t len, u64 *counters)
{
	struct net_device *dev;
	int i;

	rcu_read_lock();
	dev = rcu_dereference(vw_transport_dev);
	if (dev)
		strscpy(name, dev->name, len);
	rcu_read_unlock();
	for (i = 0; i < VW_TSTAT_COUNT; i++)
		counters[i] = atomic64_read(&vw_tstats[i]);
	return dev ? 0 : -ENOENT;
}

/*
 * The machine number radio addresses carry by default: the last byte of
 * the transport interface's address, which differs between VMs.
 */
int vw_transport_machine(void)
{
	struct net_device *dev;
	int id = 0;

	if (!transport || !*transport)
		return 0;
	dev = dev_get_by_name(&init_net, transport);
	if (dev) {
		id = dev->dev_addr[ETH_ALEN - 1];
		dev_put(dev);
	}
	return id;
}

/*
 * The attached interface goes away, or gets stacked on one of our radios
 * (a radio joins it as a bridge port ...): let go of it. An MTU lowered
 * below what an air frame needs is said, not silent.
 */
static int vw_transport_event(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct net_device *attached;

	/* notifiers run under the RTNL */
	attached = rtnl_dereference(vw_transport_dev);
	if (!attached)
		return NOTIFY_DONE;
	switch (event) {
	case NETDEV_UNREGISTER:
		if (dev == attached)
			__vw_transport_detach();
		break;
	case NETDEV_CHANGEUPPER:
		if (vw_transport_on_radio(attached)) {
			pr_warn("%s is now stacked on a vwifi radio: air transport detached\n",
				attached->name);
			__vw_transport_detach();
		}
		break;
	case NETDEV_CHANGEMTU:
		if (dev == attached && dev->mtu < VW_TRANSPORT_MTU)
			pr_warn("%s: MTU %u is below %u: longer air frames will be lost\n",
				dev->name, dev->mtu, VW_TRANSPORT_MTU);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block vw_transport_notifier = {
	.notifier_call = vw_transport_event,
};

int vw_transport_init(void)
{
	int err = register_netdevice_notifier(&vw_transport_notifier);

	if (err || !transport || !*transport)
		return err;
	err = vw_transport_attach(&init_net, transport, NULL);
	if (err) {
		pr_err("transport=%s: cannot attach (%d)\n", transport, err);
		unregister_netdevice_notifier(&vw_transport_notifier);
	}
	return err;
}

void vw_transport_uninit(void)
{
	vw_transport_detach();
	unregister_netdevice_notifier(&vw_transport_notifier);
}
