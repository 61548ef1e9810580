// SPDX-License-Identifier: GPL-2.0
/*
 * vwifi-tool link list|set: random frame loss on one direction of a pair of
 * radios, on top of what the propagation model decides.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>

#include "uapi/vwifi.h"
#include "vwifi-tool.h"

/* A link is RADIO (the transmitter) to PEER (the receiver). */
void vw_link_table(const struct vw_pair *p, size_t n, FILE *f)
{
	struct vw_table t;

	vw_table_init(&t, "llr", "TRANSMITTER", "RECEIVER", "LOSS");
	for (; n; n--, p++) {
		vw_table_row(&t);
		vw_table_cell(&t, "%s", p->radio);
		vw_table_cell(&t, "%s", p->peer);
		if (p->has_loss)
			vw_table_cell(&t, "%" PRIu32 "%%", p->loss);
		else
			vw_table_cell(&t, "-");
	}
	vw_table_print(&t, f);
	vw_table_free(&t);
}

void vw_link_json(const struct vw_pair *p, size_t n, FILE *f)
{
	struct vw_json j;

	vw_json_init(&j, f);
	vw_json_open_array(&j, NULL);
	for (; n; n--, p++) {
		vw_json_open_object(&j, NULL);
		vw_json_string(&j, "transmitter", p->radio);
		vw_json_string(&j, "receiver", p->peer);
		if (p->has_loss)
			vw_json_uint(&j, "loss", p->loss);
		else
			vw_json_null(&j, "loss");
		vw_json_close_object(&j);
	}
	vw_json_close_array(&j);
	vw_json_end(&j);
}

static int link_list(const struct vw_args *a)
{
	struct vw_pair_vec pv = { 0 };
	struct vw_nl *nl;
	int err;

	if (vw_nl_connect(&nl))
		return VW_EXIT_FAIL;
	err = vw_nl_call(nl, vw_nl_request(nl, VWIFI_CMD_LINK_GET, true),
			 vw_pair_collect, &pv);
	if (err)
		vw_nl_report(nl, a->path, err);
	else if (a->json)
		vw_link_json(pv.v, pv.n, stdout);
	else
		vw_link_table(pv.v, pv.n, stdout);
	free(pv.v);
	vw_nl_close(nl);
	return err ? VW_EXIT_FAIL : VW_EXIT_OK;
}

static int link_set(const struct vw_args *a)
{
	struct nl_msg *msg;
	struct vw_nl *nl;
	uint32_t loss;
	int err;

	if (!a->argv[0][0] || !a->argv[1][0])
		return vw_usage_error(a->path, "empty radio name");
	if (strcmp(a->argv[2], "loss"))
		return vw_usage_error(a->path, "unknown setting '%s' (loss)",
				      a->argv[2]);
	if (vw_parse_percent(a->argv[3], &loss))
		return vw_usage_error(a->path, "loss '%s' is not a whole percentage",
				      a->argv[3]);
	if (vw_nl_connect(&nl))
		return VW_EXIT_FAIL;
	msg = vw_nl_request(nl, VWIFI_CMD_LINK_SET, false);
	vw_put_string(&msg, VWIFI_ATTR_RADIO, a->argv[0]);
	vw_put_string(&msg, VWIFI_ATTR_PEER, a->argv[1]);
	vw_put_u32(&msg, VWIFI_ATTR_LOSS, loss);
	err = vw_nl_call(nl, msg, NULL, NULL);
	if (err)
		vw_nl_report(nl, a->path, err);
	vw_nl_close(nl);
	return err ? VW_EXIT_FAIL : VW_EXIT_OK;
}

const struct vw_cmd vw_link_cmds[] = {
	{
		.name = "list",
		.synopsis = "[--json]",
		.summary = "list the links that have a loss set",
		.help = "List the links with a loss set: frames TRANSMITTER sends are dropped\n"
			"at random before RECEIVER gets them, LOSS percent of them.",
		.min_args = 0, .max_args = 0, .flags = VW_CMD_JSON,
		.run = link_list,
	},
	{
		.name = "set",
		.synopsis = "A B loss PERCENT",
		.summary = "drop PERCENT of the frames A sends to B",
		.help = "Drop PERCENT (0 to 100, a whole number) of the frames radio A transmits\n"
			"before radio B receives them; B to A is a link of its own. 0 removes\n"
			"the setting. Needs CAP_NET_ADMIN.",
		.min_args = 4, .max_args = 4,
		.run = link_set,
	},
	{ .name = NULL },
};
