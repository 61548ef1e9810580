// SPDX-License-Identifier: GPL-2.0
/*
 * The "vwifi" generic netlink family (include/uapi/vwifi.h): radios, the
 * denylist, links and the model, for vwifi-tool. Every attribute goes
 * through the policy below; commands that change anything need
 * CAP_NET_ADMIN; refusals say why through extack. The family is not
 * parallel: its ops are serialized, which also orders radio deletion.
 */
#include <net/genetlink.h>

#include "vwifi.h"
#include "../include/uapi/vwifi.h"

static struct genl_family vw_genl_family;

#define VW_NAME_POLICY { .type = NLA_NUL_STRING, .len = 63 }

static const struct nla_policy vw_nl_policy[VWIFI_ATTR_MAX + 1] = {
	[VWIFI_ATTR_RADIO] = VW_NAME_POLICY,
	[VWIFI_ATTR_PEER] = VW_NAME_POLICY,
	[VWIFI_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[VWIFI_ATTR_POS_X] = { .type = NLA_S32 },
	[VWIFI_ATTR_POS_Y] = { .type = NLA_S32 },
	[VWIFI_ATTR_POS_Z] = { .type = NLA_S32 },
	[VWIFI_ATTR_TXPOWER] = NLA_POLICY_RANGE(NLA_S32, -10, 40),
	[VWIFI_ATTR_LOSS] = NLA_POLICY_MAX(NLA_U32, 100),
	[VWIFI_ATTR_PATH_LOSS_EXP] = NLA_POLICY_RANGE(NLA_U32, 10, 60),
	[VWIFI_ATTR_SENSITIVITY] = NLA_POLICY_RANGE(NLA_S32, -120, 0),
	/* reply-only attributes */
	[VWIFI_ATTR_RADIO_ID] = { .type = NLA_REJECT },
	[VWIFI_ATTR_WIPHY] = { .type = NLA_REJECT },
	[VWIFI_ATTR_MAC] = { .type = NLA_REJECT },
	[VWIFI_ATTR_IFTYPE] = { .type = NLA_REJECT },
	[VWIFI_ATTR_FREQ] = { .type = NLA_REJECT },
	[VWIFI_ATTR_STATS] = { .type = NLA_REJECT },
};

/* The radio an attribute names, or NULL with the reason in extack. */
static struct vw_radio *vw_nl_radio(struct genl_info *info, int attr)
{
	struct vw_radio *radio;

	if (GENL_REQ_ATTR_CHECK(info, attr))
		return NULL;
	radio = vw_radio_find(nla_data(info->attrs[attr]));
	if (IS_ERR(radio)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[attr],
				    "interfaces of several namespaces have that name: use the wiphy name");
		return NULL;
	}
	if (!radio)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[attr],
				    "no vwifi radio of that name");
	return radio;
}

static int vw_nl_put_stats(struct sk_buff *skb, struct vw_radio *radio)
{
	struct nlattr *nest = nla_nest_start(skb, VWIFI_ATTR_STATS);
	u64 dropped = 0;
	int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < VW_DROP_COUNT; i++)
		if (i != VW_DROP_DENIED && i != VW_DROP_LINK_LOSS &&
		    i != VW_DROP_SIGNAL && i != VW_DROP_MALFORMED)
			dropped += atomic_long_read(&radio->drops[i]);
	if (nla_put_u64_64bit(skb, VWIFI_STAT_TX_FRAMES,
			      atomic_long_read(&radio->tx_frames),
			      VWIFI_STAT_PAD) ||
	    nla_put_u64_64bit(skb, VWIFI_STAT_RX_FRAMES,
			      atomic_long_read(&radio->rx_frames),
			      VWIFI_STAT_PAD) ||
	    nla_put_u64_64bit(skb, VWIFI_STAT_RX_DENIED,
			      atomic_long_read(&radio->drops[VW_DROP_DENIED]),
			      VWIFI_STAT_PAD) ||
	    nla_put_u64_64bit(skb, VWIFI_STAT_RX_LOST,
			      atomic_long_read(&radio->drops[VW_DROP_LINK_LOSS]) +
			      atomic_long_read(&radio->drops[VW_DROP_SIGNAL]),
			      VWIFI_STAT_PAD) ||
	    nla_put_u64_64bit(skb, VWIFI_STAT_RX_MALFORMED,
			      atomic_long_read(&radio->drops[VW_DROP_MALFORMED]),
			      VWIFI_STAT_PAD) ||
	    nla_put_u64_64bit(skb, VWIFI_STAT_DROPPED, dropped,
			      VWIFI_STAT_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int vw_nl_fill_radio(struct sk_buff *skb, struct vw_radio *radio,
			    u32 portid, u32 seq, int flags)
{
	void *hdr = genlmsg_put(skb, portid, seq, &vw_genl_family, flags,
				VWIFI_CMD_RADIO_GET);

	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VWIFI_ATTR_RADIO_ID, radio->idx) ||
	    nla_put_string(skb, VWIFI_ATTR_IFNAME, radio->ndev->name) ||
	    nla_put_string(skb, VWIFI_ATTR_WIPHY, wiphy_name(radio->wiphy)) ||
	    nla_put(skb, VWIFI_ATTR_MAC, ETH_ALEN, radio->addr) ||
	    nla_put_u32(skb, VWIFI_ATTR_IFTYPE, radio->wdev.iftype) ||
	    nla_put_u32(skb, VWIFI_ATTR_FREQ,
			READ_ONCE(radio->channel)->center_freq) ||
	    nla_put_s32(skb, VWIFI_ATTR_POS_X, READ_ONCE(radio->pos[0])) ||
	    nla_put_s32(skb, VWIFI_ATTR_POS_Y, READ_ONCE(radio->pos[1])) ||
	    nla_put_s32(skb, VWIFI_ATTR_POS_Z, READ_ONCE(radio->pos[2])) ||
	    nla_put_s32(skb, VWIFI_ATTR_TXPOWER, READ_ONCE(radio->tx_power)) ||
	    vw_nl_put_stats(skb, radio)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int vw_nl_reply_radio(struct genl_info *info, struct vw_radio *radio)
{
	struct sk_buff *msg = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);

	if (!msg)
		return -ENOMEM;
	if (vw_nl_fill_radio(msg, radio, info->snd_portid, info->snd_seq, 0)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return genlmsg_reply(msg, info);
}

static int vw_nl_radio_get(struct sk_buff *skb, struct genl_info *info)
{
	struct vw_radio *radio = vw_nl_radio(info, VWIFI_ATTR_RADIO);

	return radio ? vw_nl_reply_radio(info, radio) : -ENODEV;
}

static int vw_nl_radio_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vw_radio *radio;
	int i = 0, start = cb->args[0];

	/* radios are only deleted by our own, serialized, ops */
	list_for_each_entry(radio, &vw_radios, list) {
		if (i++ < start)
			continue;
		if (vw_nl_fill_radio(skb, radio, NETLINK_CB(cb->skb).portid,
				     cb->nlh->nlmsg_seq, NLM_F_MULTI)) {
			i--;
			break;
		}
	}
	cb->args[0] = i;
	return skb->len;
}

static int vw_nl_radio_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *name = info->attrs[VWIFI_ATTR_IFNAME];
	struct vw_radio *radio;

	if (name && !dev_valid_name(nla_data(name))) {
		NL_SET_ERR_MSG_ATTR(info->extack, name,
				    "not a valid interface name");
		return -EINVAL;
	}
	radio = vw_radio_create(genl_info_net(info),
				name ? nla_data(name) : NULL);
	if (IS_ERR(radio)) {
		if (PTR_ERR(radio) == -EEXIST)
			NL_SET_ERR_MSG(info->extack,
				       "an interface of that name exists");
		else
			NL_SET_ERR_MSG(info->extack, "creating the radio failed");
		return PTR_ERR(radio);
	}
	return vw_nl_reply_radio(info, radio);
}

static int vw_nl_radio_del(struct sk_buff *skb, struct genl_info *info)
{
	struct vw_radio *radio = vw_nl_radio(info, VWIFI_ATTR_RADIO);

	if (!radio)
		return -ENODEV;
	vw_radio_destroy(radio);
	return 0;
}

static int vw_nl_radio_set(struct sk_buff *skb, struct genl_info *info)
{
	struct vw_radio *radio = vw_nl_radio(info, VWIFI_ATTR_RADIO);
	static const int pos_attr[3] = {
		VWIFI_ATTR_POS_X, VWIFI_ATTR_POS_Y, VWIFI_ATTR_POS_Z,
	};
	int i;

	if (!radio)
		return -ENODEV;
	for (i = 0; i < 3; i++)
		if (info->attrs[pos_attr[i]])
			WRITE_ONCE(radio->pos[i],
				   nla_get_s32(info->attrs[pos_attr[i]]));
	if (info->attrs[VWIFI_ATTR_TXPOWER])
		WRITE_ONCE(radio->tx_power,
			   nla_get_s32(info->attrs[VWIFI_ATTR_TXPOWER]));
	return 0;
}

/* RADIO and PEER name two radios; returns their addresses */
static int vw_nl_pair(struct genl_info *info, const u8 **radio_addr,
		      const u8 **peer_addr)
{
	struct vw_radio *radio = vw_nl_radio(info, VWIFI_ATTR_RADIO);
	struct vw_radio *peer = radio ? vw_nl_radio(info, VWIFI_ATTR_PEER) :
				NULL;

	if (!radio || !peer)
		return -ENODEV;
	if (radio == peer) {
		NL_SET_ERR_MSG(info->extack, "a radio never hears itself");
		return -EINVAL;
	}
	*radio_addr = radio->addr;
	*peer_addr = peer->addr;
	return 0;
}

static int vw_nl_deny_add(struct sk_buff *skb, struct genl_info *info)
{
	const u8 *rx, *tx;
	int err = vw_nl_pair(info, &rx, &tx);

	if (err)
		return err;
	err = vw_deny_add(rx, tx);
	if (err == -EEXIST)
		NL_SET_ERR_MSG(info->extack, "already denied");
	return err;
}

static int vw_nl_deny_del(struct sk_buff *skb, struct genl_info *info)
{
	const u8 *rx, *tx;
	int err = vw_nl_pair(info, &rx, &tx);

	if (err)
		return err;
	err = vw_deny_del(rx, tx);
	if (err == -ENOENT)
		NL_SET_ERR_MSG(info->extack, "no such pair in the denylist");
	return err;
}

static int vw_nl_deny_clear(struct sk_buff *skb, struct genl_info *info)
{
	vw_deny_clear();
	return 0;
}

static int vw_nl_link_set(struct sk_buff *skb, struct genl_info *info)
{
	const u8 *tx, *rx;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, VWIFI_ATTR_LOSS))
		return -EINVAL;
	err = vw_nl_pair(info, &tx, &rx);
	if (err)
		return err;
	return vw_link_set(tx, rx,
			   nla_get_u32(info->attrs[VWIFI_ATTR_LOSS]));
}

struct vw_nl_walk {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	u8 cmd;
};

/* a radio's current name, or its address for a radio we do not know */
static int vw_nl_put_name(struct sk_buff *skb, int attr, const u8 *addr)
{
	struct vw_radio *radio;
	char name[IFNAMSIZ + 18];

	rcu_read_lock();
	radio = vw_radio_by_addr(addr);
	if (radio)
		strscpy(name, radio->ndev->name, sizeof(name));
	else
		snprintf(name, sizeof(name), "%pM", addr);
	rcu_read_unlock();
	return nla_put_string(skb, attr, name);
}

static int vw_nl_put_pair(void *arg, const u8 *rx, const u8 *tx, u32 loss)
{
	struct vw_nl_walk *w = arg;
	bool link = w->cmd == VWIFI_CMD_LINK_GET;
	void *hdr;

	hdr = genlmsg_put(w->skb, NETLINK_CB(w->cb->skb).portid,
			  w->cb->nlh->nlmsg_seq, &vw_genl_family, NLM_F_MULTI,
			  w->cmd);
	if (!hdr)
		return -EMSGSIZE;
	/* a link is named by its transmitter, a denial by its receiver */
	if (vw_nl_put_name(w->skb, VWIFI_ATTR_RADIO, link ? tx : rx) ||
	    vw_nl_put_name(w->skb, VWIFI_ATTR_PEER, link ? rx : tx) ||
	    (link && nla_put_u32(w->skb, VWIFI_ATTR_LOSS, loss))) {
		genlmsg_cancel(w->skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(w->skb, hdr);
	return 0;
}

static int vw_nl_pairs_dump(struct sk_buff *skb, struct netlink_callback *cb,
			    u8 cmd)
{
	struct vw_nl_walk w = { .skb = skb, .cb = cb, .cmd = cmd };

	cb->args[0] = vw_model_walk(cmd == VWIFI_CMD_LINK_GET, cb->args[0],
				    vw_nl_put_pair, &w);
	return skb->len;
}

static int vw_nl_deny_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return vw_nl_pairs_dump(skb, cb, VWIFI_CMD_DENY_GET);
}

static int vw_nl_link_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return vw_nl_pairs_dump(skb, cb, VWIFI_CMD_LINK_GET);
}

static int vw_nl_model_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	void *hdr;

	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &vw_genl_family, 0,
				VWIFI_CMD_MODEL_GET);
	if (!hdr ||
	    nla_put_u32(msg, VWIFI_ATTR_PATH_LOSS_EXP,
			READ_ONCE(vw_model.exponent_x10)) ||
	    nla_put_s32(msg, VWIFI_ATTR_SENSITIVITY,
			READ_ONCE(vw_model.sensitivity))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int vw_nl_model_set(struct sk_buff *skb, struct genl_info *info)
{
	if (info->attrs[VWIFI_ATTR_PATH_LOSS_EXP])
		WRITE_ONCE(vw_model.exponent_x10,
			   nla_get_u32(info->attrs[VWIFI_ATTR_PATH_LOSS_EXP]));
	if (info->attrs[VWIFI_ATTR_SENSITIVITY])
		WRITE_ONCE(vw_model.sensitivity,
			   nla_get_s32(info->attrs[VWIFI_ATTR_SENSITIVITY]));
	return 0;
}

static int vw_nl_transport_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	static const int stat_attr[] = {
		VWIFI_STAT_TX_FRAMES, VWIFI_STAT_RX_FRAMES,
		VWIFI_STAT_RX_MALFORMED, VWIFI_STAT_RX_OWN,
	};
	char name[IFNAMSIZ];
	u64 counters[ARRAY_SIZE(stat_attr)];
	struct nlattr *nest;
	bool attached;
	void *hdr;
	int i;

	if (!msg)
		return -ENOMEM;
	attached = !vw_transport_info(name, sizeof(name), counters);
	hdr = genlmsg_put_reply(msg, info, &vw_genl_family, 0,
				VWIFI_CMD_TRANSPORT_GET);
	if (!hdr ||
	    (attached && nla_put_string(msg, VWIFI_ATTR_IFNAME, name)))
		goto err_free;
	nest = nla_nest_start(msg, VWIFI_ATTR_STATS);
	if (!nest)
		goto err_free;
	for (i = 0; i < ARRAY_SIZE(stat_attr); i++)
		if (nla_put_u64_64bit(msg, stat_attr[i], counters[i],
				      VWIFI_STAT_PAD))
			goto err_free;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int vw_nl_transport_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *name = info->attrs[VWIFI_ATTR_IFNAME];

	if (!name) {
		vw_transport_detach();
		return 0;
	}
	return vw_transport_attach(genl_info_net(info), nla_data(name),
				   info->extack);
}

static const struct genl_small_ops vw_nl_ops[] = {
	{ .cmd = VWIFI_CMD_RADIO_GET, .doit = vw_nl_radio_get,
	  .dumpit = vw_nl_radio_dump },
	{ .cmd = VWIFI_CMD_RADIO_NEW, .doit = vw_nl_radio_new,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = VWIFI_CMD_RADIO_DEL, .doit = vw_nl_radio_del,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = VWIFI_CMD_RADIO_SET, .doit = vw_nl_radio_set,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = VWIFI_CMD_DENY_ADD, .doit = vw_nl_deny_add,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = VWIFI_CMD_DENY_DEL, .doit = vw_nl_deny_del,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = VWIFI_CMD_DENY_GET, .dumpit = vw_nl_deny_dump },
	{ .cmd = VWIFI_CMD_DENY_CLEAR, .doit = vw_nl_deny_clear,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = VWIFI_CMD_LINK_SET, .doit = vw_nl_link_set,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = VWIFI_CMD_LINK_GET, .dumpit = vw_nl_link_dump },
	{ .cmd = VWIFI_CMD_MODEL_GET, .doit = vw_nl_model_get },
	{ .cmd = VWIFI_CMD_MODEL_SET, .doit = vw_nl_model_set,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = VWIFI_CMD_TRANSPORT_GET, .doit = vw_nl_transport_get },
	{ .cmd = VWIFI_CMD_TRANSPORT_SET, .doit = vw_nl_transport_set,
	  .flags = GENL_ADMIN_PERM },
};

static struct genl_family vw_genl_family __ro_after_init = {
	.name = VWIFI_GENL_NAME,
	.version = VWIFI_GENL_VERSION,
	.maxattr = VWIFI_ATTR_MAX,
	.policy = vw_nl_policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.small_ops = vw_nl_ops,
	.n_small_ops = ARRAY_SIZE(vw_nl_ops),
	/* every command validates strictly */
	.resv_start_op = VWIFI_CMD_RADIO_GET,
};

int vw_netlink_init(void)
{
	return genl_register_family(&vw_genl_family);
}

void vw_netlink_uninit(void)
{
	genl_unregister_family(&vw_genl_family);
}
