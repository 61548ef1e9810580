// SPDX-License-Identifier: GPL-2.0
/*
 * vwifi-tool model show|set: the propagation model every receiver applies,
 * a log-distance path loss with this exponent and a sensitivity below which
 * frames are lost.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <netlink/attr.h>

#include "uapi/vwifi.h"
#include "vwifi-tool.h"

void vw_model_table(const struct vw_model *m, FILE *f)
{
	struct vw_table t;
	char buf[32];

	vw_table_init(&t, "rr", "EXPONENT", "SENSITIVITY(dBm)");
	vw_table_row(&t);
	vw_table_cell(&t, "%s", m->has_exp ?
		      vw_format_tenths(m->exp_tenths, buf, sizeof(buf)) : "-");
	if (m->has_sens)
		vw_table_cell(&t, "%" PRId32, m->sensitivity);
	else
		vw_table_cell(&t, "-");
	vw_table_print(&t, f);
	vw_table_free(&t);
}

void vw_model_json(const struct vw_model *m, FILE *f)
{
	struct vw_json j;
	char buf[32];

	vw_json_init(&j, f);
	vw_json_open_object(&j, NULL);
	if (m->has_exp)
		vw_json_number(&j, "path_loss_exponent",
			       vw_format_tenths(m->exp_tenths, buf, sizeof(buf)));
	else
		vw_json_null(&j, "path_loss_exponent");
	if (m->has_sens)
		vw_json_int(&j, "sensitivity", m->sensitivity);
	else
		vw_json_null(&j, "sensitivity");
	vw_json_close_object(&j);
	vw_json_end(&j);
}

static int model_reply(struct nlattr **tb, void *arg)
{
	struct vw_model *m = arg;

	if (tb[VWIFI_ATTR_PATH_LOSS_EXP]) {
		m->exp_tenths = nla_get_u32(tb[VWIFI_ATTR_PATH_LOSS_EXP]);
		m->has_exp = true;
	}
	if (tb[VWIFI_ATTR_SENSITIVITY]) {
		m->sensitivity = nla_get_s32(tb[VWIFI_ATTR_SENSITIVITY]);
		m->has_sens = true;
	}
	return 0;
}

static int model_show(const struct vw_args *a)
{
	struct vw_model m = { 0 };
	struct vw_nl *nl;
	int err;

	if (vw_nl_connect(&nl))
		return VW_EXIT_FAIL;
	err = vw_nl_call(nl, vw_nl_request(nl, VWIFI_CMD_MODEL_GET, false),
			 model_reply, &m);
	if (err)
		vw_nl_report(nl, a->path, err);
	else if (a->json)
		vw_model_json(&m, stdout);
	else
		vw_model_table(&m, stdout);
	vw_nl_close(nl);
	return err ? VW_EXIT_FAIL : VW_EXIT_OK;
}

int vw_model_set_parse(int argc, char *const *argv, struct vw_model *m,
		       char *err, size_t errlen)
{
	int i = 0;

	memset(m, 0, sizeof(*m));
	if (!argc)
		return vw_errf(err, errlen,
			       "nothing to set: exponent X.Y or sensitivity DBM");
	while (i < argc) {
		const char *key = argv[i++];

		if (!strcmp(key, "exponent")) {
			if (m->has_exp)
				return vw_errf(err, errlen, "exponent given twice");
			if (i >= argc)
				return vw_errf(err, errlen, "exponent needs a value like 3.0");
			if (vw_parse_tenths(argv[i], &m->exp_tenths))
				return vw_errf(err, errlen,
					       "exponent '%s' is not a number with one decimal",
					       argv[i]);
			i++;
			m->has_exp = true;
		} else if (!strcmp(key, "sensitivity")) {
			if (m->has_sens)
				return vw_errf(err, errlen, "sensitivity given twice");
			if (i >= argc)
				return vw_errf(err, errlen, "sensitivity needs a value in dBm");
			if (vw_parse_s32(argv[i], &m->sensitivity))
				return vw_errf(err, errlen,
					       "sensitivity '%s' is not a whole number of dBm",
					       argv[i]);
			i++;
			m->has_sens = true;
		} else {
			return vw_errf(err, errlen,
				       "unknown setting '%s' (exponent or sensitivity)",
				       key);
		}
	}
	return 0;
}

static int model_set(const struct vw_args *a)
{
	struct vw_model m;
	struct nl_msg *msg;
	struct vw_nl *nl;
	char why[160];
	int err;

	if (vw_model_set_parse(a->argc, a->argv, &m, why, sizeof(why)))
		return vw_usage_error(a->path, "%s", why);
	if (vw_nl_connect(&nl))
		return VW_EXIT_FAIL;
	msg = vw_nl_request(nl, VWIFI_CMD_MODEL_SET, false);
	if (m.has_exp)
		vw_put_u32(&msg, VWIFI_ATTR_PATH_LOSS_EXP, m.exp_tenths);
	if (m.has_sens)
		vw_put_s32(&msg, VWIFI_ATTR_SENSITIVITY, m.sensitivity);
	err = vw_nl_call(nl, msg, NULL, NULL);
	if (err)
		vw_nl_report(nl, a->path, err);
	vw_nl_close(nl);
	return err ? VW_EXIT_FAIL : VW_EXIT_OK;
}

const struct vw_cmd vw_model_cmds[] = {
	{
		.name = "show",
		.synopsis = "[--json]",
		.summary = "show the propagation model",
		.help = "Show the propagation model: the path loss exponent of the log-distance\n"
			"model and the receiver sensitivity in dBm, below which frames are lost.",
		.min_args = 0, .max_args = 0, .flags = VW_CMD_JSON,
		.run = model_show,
	},
	{
		.name = "set",
		.synopsis = "[exponent X.Y] [sensitivity DBM]",
		.summary = "change the path loss exponent or the sensitivity",
		.help = "Set the path loss exponent (one decimal, e.g. 2.0 free space, 3.0\n"
			"indoors) and/or the receiver sensitivity in dBm (a whole number, e.g.\n"
			"-90). Needs CAP_NET_ADMIN.",
		.min_args = 0, .max_args = 4,
		.run = model_set,
	},
	{ .name = NULL },
};
