// SPDX-License-Identifier: GPL-2.0
/*
 * vwifi-tool transport show|attach|detach: the Ethernet interface that
 * carries this machine's air to other machines (EtherType 0x88B5), and
 * its counters.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <netlink/attr.h>

#include "uapi/vwifi.h"
#include "vwifi-tool.h"

static const struct {
	int stat;
	const char *head;
	const char *key;
} cols[] = {
	{ VWIFI_STAT_TX_FRAMES, "TX", "tx_frames" },
	{ VWIFI_STAT_RX_FRAMES, "RX", "rx_frames" },
	{ VWIFI_STAT_RX_MALFORMED, "MALFORMED", "rx_malformed" },
	{ VWIFI_STAT_RX_OWN, "OWN", "rx_own" },
};

#define N_COLS (sizeof(cols) / sizeof(cols[0]))

static const struct nla_policy stats_policy[VWIFI_STAT_MAX + 1] = {
	[VWIFI_STAT_TX_FRAMES] = { .type = NLA_U64 },
	[VWIFI_STAT_RX_FRAMES] = { .type = NLA_U64 },
	[VWIFI_STAT_RX_MALFORMED] = { .type = NLA_U64 },
	[VWIFI_STAT_RX_OWN] = { .type = NLA_U64 },
};

static int transport_reply(struct nlattr **tb, void *arg)
{
	struct vw_transport *t = arg;
	struct nlattr *st[VWIFI_STAT_MAX + 1];
	size_t i;

	if (tb[VWIFI_ATTR_IFNAME])
		nla_strlcpy(t->ifname, tb[VWIFI_ATTR_IFNAME], sizeof(t->ifname));
	if (!tb[VWIFI_ATTR_STATS])
		return 0;
	if (nla_parse_nested(st, VWIFI_STAT_MAX, tb[VWIFI_ATTR_STATS],
			     stats_policy))
		return -EPROTO;
	for (i = 0; i < N_COLS; i++) {
		if (!st[cols[i].stat])
			continue;
		t->stats[cols[i].stat] = nla_get_u64(st[cols[i].stat]);
		t->stats_present |= 1U << cols[i].stat;
	}
	return 0;
}

void vw_transport_table(const struct vw_transport *tr, FILE *f)
{
	struct vw_table t;
	size_t i;

	vw_table_init(&t, "lrrrr", "INTERFACE", "TX", "RX", "MALFORMED", "OWN");
	vw_table_row(&t);
	vw_table_cell(&t, "%s", tr->ifname[0] ? tr->ifname : "-");
	for (i = 0; i < N_COLS; i++) {
		if (tr->stats_present & (1U << cols[i].stat))
			vw_table_cell(&t, "%" PRIu64, tr->stats[cols[i].stat]);
		else
			vw_table_cell(&t, "-");
	}
	vw_table_print(&t, f);
	vw_table_free(&t);
}

void vw_transport_json(const struct vw_transport *tr, FILE *f)
{
	struct vw_json j;
	size_t i;

	vw_json_init(&j, f);
	vw_json_open_object(&j, NULL);
	vw_json_string(&j, "interface", tr->ifname[0] ? tr->ifname : NULL);
	vw_json_open_object(&j, "stats");
	for (i = 0; i < N_COLS; i++) {
		if (tr->stats_present & (1U << cols[i].stat))
			vw_json_uint(&j, cols[i].key, tr->stats[cols[i].stat]);
		else
			vw_json_null(&j, cols[i].key);
	}
	vw_json_close_object(&j);
	vw_json_close_object(&j);
	vw_json_end(&j);
}

static int transport_show(const struct vw_args *a)
{
	struct vw_transport t;
	struct vw_nl *nl;
	int err;

	memset(&t, 0, sizeof(t));
	if (vw_nl_connect(&nl))
		return VW_EXIT_FAIL;
	err = vw_nl_call(nl, vw_nl_request(nl, VWIFI_CMD_TRANSPORT_GET, false),
			 transport_reply, &t);
	if (err)
		vw_nl_report(nl, a->path, err);
	else if (a->json)
		vw_transport_json(&t, stdout);
	else
		vw_transport_table(&t, stdout);
	vw_nl_close(nl);
	return err ? VW_EXIT_FAIL : VW_EXIT_OK;
}

/* attach IFNAME, or detach with no name. */
static int transport_set(const struct vw_args *a)
{
	struct nl_msg *msg;
	struct vw_nl *nl;
	int err;

	if (a->argc && !a->argv[0][0])
		return vw_usage_error(a->path, "empty interface name");
	if (vw_nl_connect(&nl))
		return VW_EXIT_FAIL;
	msg = vw_nl_request(nl, VWIFI_CMD_TRANSPORT_SET, false);
	if (a->argc)
		vw_put_string(&msg, VWIFI_ATTR_IFNAME, a->argv[0]);
	err = vw_nl_call(nl, msg, NULL, NULL);
	if (err)
		vw_nl_report(nl, a->path, err);
	vw_nl_close(nl);
	return err ? VW_EXIT_FAIL : VW_EXIT_OK;
}

const struct vw_cmd vw_transport_cmds[] = {
	{
		.name = "show",
		.synopsis = "[--json]",
		.summary = "the Ethernet interface carrying the air, and its counters",
		.help = "Show the Ethernet interface that carries the air to other machines\n"
			"('-' when none) and its counters: air frames sent (TX), received (RX),\n"
			"refused as malformed, and this machine's own frames that came back (OWN).",
		.min_args = 0, .max_args = 0, .flags = VW_CMD_JSON,
		.run = transport_show,
	},
	{
		.name = "attach",
		.synopsis = "IFNAME",
		.summary = "carry the air over Ethernet interface IFNAME",
		.help = "Carry the air to other machines over the Ethernet interface IFNAME of\n"
			"this network namespace (a VM's virtio-net, a bridge port), replacing\n"
			"any other. Its MTU is raised to fit 802.11 frames when it can be.\n"
			"Needs CAP_NET_ADMIN.",
		.min_args = 1, .max_args = 1,
		.run = transport_set,
	},
	{
		.name = "detach",
		.synopsis = "",
		.summary = "keep the air on this machine",
		.help = "Stop carrying the air over Ethernet: radios hear only this machine's\n"
			"radios again. Needs CAP_NET_ADMIN.",
		.min_args = 0, .max_args = 0,
		.run = transport_set,
	},
	{ .name = NULL },
};
