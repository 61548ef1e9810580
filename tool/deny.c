// SPDX-License-Identifier: GPL-2.0
/*
 * vwifi-tool deny list|add|del|clear: pairs "RX denies every frame from
 * TX", the denylist the classic -d/-s/-c flags also edit (status.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>

#include "uapi/vwifi.h"
#include "vwifi-tool.h"

/* Replies naming a pair of radios: the denylist's and the links'. */
int vw_pair_collect(struct nlattr **tb, void *arg)
{
	struct vw_pair_vec *pv = arg;
	struct vw_pair *p;

	if (pv->n == pv->cap) {
		size_t cap = pv->cap ? pv->cap * 2 : 8;

		p = realloc(pv->v, cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		pv->v = p;
		pv->cap = cap;
	}
	p = &pv->v[pv->n++];
	memset(p, 0, sizeof(*p));
	if (tb[VWIFI_ATTR_RADIO])
		nla_strlcpy(p->radio, tb[VWIFI_ATTR_RADIO], sizeof(p->radio));
	if (tb[VWIFI_ATTR_PEER])
		nla_strlcpy(p->peer, tb[VWIFI_ATTR_PEER], sizeof(p->peer));
	if (tb[VWIFI_ATTR_LOSS]) {
		p->loss = nla_get_u32(tb[VWIFI_ATTR_LOSS]);
		p->has_loss = true;
	}
	return 0;
}

/* In the denylist RADIO is the receiver and PEER the transmitter. */
void vw_deny_table(const struct vw_pair *p, size_t n, FILE *f)
{
	struct vw_table t;

	vw_table_init(&t, "ll", "RECEIVER", "TRANSMITTER");
	for (; n; n--, p++) {
		vw_table_row(&t);
		vw_table_cell(&t, "%s", p->radio);
		vw_table_cell(&t, "%s", p->peer);
	}
	vw_table_print(&t, f);
	vw_table_free(&t);
}

void vw_deny_json(const struct vw_pair *p, size_t n, FILE *f)
{
	struct vw_json j;

	vw_json_init(&j, f);
	vw_json_open_array(&j, NULL);
	for (; n; n--, p++) {
		vw_json_open_object(&j, NULL);
		vw_json_string(&j, "receiver", p->radio);
		vw_json_string(&j, "transmitter", p->peer);
		vw_json_close_object(&j);
	}
	vw_json_close_array(&j);
	vw_json_end(&j);
}

static int deny_list(const struct vw_args *a)
{
	struct vw_pair_vec pv = { 0 };
	struct vw_nl *nl;
	int err;

	if (vw_nl_connect(&nl))
		return VW_EXIT_FAIL;
	err = vw_nl_call(nl, vw_nl_request(nl, VWIFI_CMD_DENY_GET, true),
			 vw_pair_collect, &pv);
	if (err)
		vw_nl_report(nl, a->path, err);
	else if (a->json)
		vw_deny_json(pv.v, pv.n, stdout);
	else
		vw_deny_table(pv.v, pv.n, stdout);
	free(pv.v);
	vw_nl_close(nl);
	return err ? VW_EXIT_FAIL : VW_EXIT_OK;
}

int vw_deny_change(struct vw_nl *nl, uint8_t cmd, const char *rx,
		   const char *tx)
{
	struct nl_msg *msg = vw_nl_request(nl, cmd, false);

	if (rx)
		vw_put_string(&msg, VWIFI_ATTR_RADIO, rx);
	if (tx)
		vw_put_string(&msg, VWIFI_ATTR_PEER, tx);
	return vw_nl_call(nl, msg, NULL, NULL);
}

static int change(const struct vw_args *a, uint8_t cmd)
{
	struct vw_nl *nl;
	int err, i;

	for (i = 0; i < a->argc; i++)
		if (!a->argv[i][0])
			return vw_usage_error(a->path, "empty radio name");
	if (vw_nl_connect(&nl))
		return VW_EXIT_FAIL;
	err = vw_deny_change(nl, cmd, a->argc ? a->argv[0] : NULL,
			     a->argc ? a->argv[1] : NULL);
	if (err)
		vw_nl_report(nl, a->path, err);
	vw_nl_close(nl);
	return err ? VW_EXIT_FAIL : VW_EXIT_OK;
}

static int deny_add(const struct vw_args *a)
{
	return change(a, VWIFI_CMD_DENY_ADD);
}

static int deny_del(const struct vw_args *a)
{
	return change(a, VWIFI_CMD_DENY_DEL);
}

static int deny_clear(const struct vw_args *a)
{
	return change(a, VWIFI_CMD_DENY_CLEAR);
}

const struct vw_cmd vw_deny_cmds[] = {
	{
		.name = "list",
		.synopsis = "[--json]",
		.summary = "list the denylist",
		.help = "List the denylist, one pair a line: RECEIVER drops every frame sent by\n"
			"TRANSMITTER, in every mode and on every hop.",
		.min_args = 0, .max_args = 0, .flags = VW_CMD_JSON,
		.run = deny_list,
	},
	{
		.name = "add",
		.synopsis = "RX TX",
		.summary = "make radio RX deny every frame from radio TX",
		.help = "Make radio RX (the receiver) drop every frame that radio TX (the\n"
			"transmitter) sends; the other direction is untouched. The same as the\n"
			"classic 'vwifi-tool -d RX -s TX'. Needs CAP_NET_ADMIN.",
		.min_args = 2, .max_args = 2,
		.run = deny_add,
	},
	{
		.name = "del",
		.synopsis = "RX TX",
		.summary = "remove a pair from the denylist",
		.help = "Remove the pair RX TX from the denylist. Needs CAP_NET_ADMIN.",
		.min_args = 2, .max_args = 2,
		.run = deny_del,
	},
	{
		.name = "clear",
		.synopsis = "",
		.summary = "empty the denylist",
		.help = "Empty the denylist, as the classic 'vwifi-tool -c'. Needs CAP_NET_ADMIN.",
		.min_args = 0, .max_args = 0,
		.run = deny_clear,
	},
	{ .name = NULL },
};
