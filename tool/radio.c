// SPDX-License-Identifier: GPL-2.0
/*
 * vwifi-tool radio list|add|del|set: the module's radios, where they stand
 * and how loud they transmit.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>

#include "uapi/vwifi.h"
#include "vwifi-tool.h"

_Static_assert(VWIFI_ATTR_MAX < 64, "vw_radio.present is a 64-bit mask");
_Static_assert(VWIFI_STAT_MAX < 32, "vw_radio.stats_present is a 32-bit mask");

#define HAS(r, attr) ((r)->present & (1ULL << (attr)))

/* A radio's counters, in the order of the table and the JSON object. */
static const struct {
	int stat;
	const char *key;
} stat_cols[] = {
	{ VWIFI_STAT_TX_FRAMES, "tx_frames" },
	{ VWIFI_STAT_RX_FRAMES, "rx_frames" },
	{ VWIFI_STAT_RX_DENIED, "rx_denied" },
	{ VWIFI_STAT_RX_LOST, "rx_lost" },
	{ VWIFI_STAT_RX_MALFORMED, "rx_malformed" },
	{ VWIFI_STAT_DROPPED, "dropped" },
};

#define N_STAT_COLS (sizeof(stat_cols) / sizeof(stat_cols[0]))

static const struct nla_policy stats_policy[VWIFI_STAT_MAX + 1] = {
	[VWIFI_STAT_TX_FRAMES] = { .type = NLA_U64 },
	[VWIFI_STAT_RX_FRAMES] = { .type = NLA_U64 },
	[VWIFI_STAT_RX_DENIED] = { .type = NLA_U64 },
	[VWIFI_STAT_RX_LOST] = { .type = NLA_U64 },
	[VWIFI_STAT_RX_MALFORMED] = { .type = NLA_U64 },
	[VWIFI_STAT_DROPPED] = { .type = NLA_U64 },
};

int vw_radio_from_attrs(struct nlattr **tb, struct vw_radio *r)
{
	static const int pos_attr[3] = {
		VWIFI_ATTR_POS_X, VWIFI_ATTR_POS_Y, VWIFI_ATTR_POS_Z,
	};
	struct nlattr *st[VWIFI_STAT_MAX + 1];
	int i;

	memset(r, 0, sizeof(*r));
	for (i = 1; i <= VWIFI_ATTR_MAX; i++)
		if (tb[i])
			r->present |= 1ULL << i;
	if (tb[VWIFI_ATTR_IFNAME])
		nla_strlcpy(r->ifname, tb[VWIFI_ATTR_IFNAME], sizeof(r->ifname));
	if (tb[VWIFI_ATTR_WIPHY])
		nla_strlcpy(r->wiphy, tb[VWIFI_ATTR_WIPHY], sizeof(r->wiphy));
	if (tb[VWIFI_ATTR_RADIO_ID])
		r->id = nla_get_u32(tb[VWIFI_ATTR_RADIO_ID]);
	if (tb[VWIFI_ATTR_MAC])
		memcpy(r->mac, nla_data(tb[VWIFI_ATTR_MAC]), 6);
	if (tb[VWIFI_ATTR_IFTYPE])
		r->iftype = nla_get_u32(tb[VWIFI_ATTR_IFTYPE]);
	if (tb[VWIFI_ATTR_FREQ])
		r->freq = nla_get_u32(tb[VWIFI_ATTR_FREQ]);
	for (i = 0; i < 3; i++)
		if (tb[pos_attr[i]])
			r->pos[i] = nla_get_s32(tb[pos_attr[i]]);
	if (tb[VWIFI_ATTR_TXPOWER])
		r->txpower = nla_get_s32(tb[VWIFI_ATTR_TXPOWER]);
	if (tb[VWIFI_ATTR_STATS]) {
		if (nla_parse_nested(st, VWIFI_STAT_MAX, tb[VWIFI_ATTR_STATS],
				     stats_policy))
			return -EPROTO;
		for (i = 1; i <= VWIFI_STAT_MAX; i++) {
			if (!st[i] || !stats_policy[i].type)
				continue;
			r->stats[i] = nla_get_u64(st[i]);
			r->stats_present |= 1U << i;
		}
	}
	return 0;
}

/* ---- output -------------------------------------------------------------- */

static bool has_pos(const struct vw_radio *r)
{
	return HAS(r, VWIFI_ATTR_POS_X) && HAS(r, VWIFI_ATTR_POS_Y) &&
	       HAS(r, VWIFI_ATTR_POS_Z);
}

void vw_radio_table(const struct vw_radio *r, size_t n, FILE *f)
{
	struct vw_table t;
	char buf[32];
	size_t i, k;
	int p;

	vw_table_init(&t, "llllrrrrrrrrrrr", "NAME", "WIPHY", "MAC", "MODE",
		      "FREQ", "X(m)", "Y(m)", "Z(m)", "TXPOWER", "TX", "RX",
		      "DENIED", "LOST", "MALFORMED", "DROPPED");
	for (i = 0; i < n; i++, r++) {
		vw_table_row(&t);
		vw_table_cell(&t, "%s", r->ifname[0] ? r->ifname : "-");
		vw_table_cell(&t, "%s", r->wiphy[0] ? r->wiphy : "-");
		vw_table_cell(&t, "%s", HAS(r, VWIFI_ATTR_MAC) ?
			      vw_format_mac(r->mac, buf, sizeof(buf)) : "-");
		vw_table_cell(&t, "%s", HAS(r, VWIFI_ATTR_IFTYPE) ?
			      vw_iftype_name(r->iftype, buf, sizeof(buf)) : "-");
		if (HAS(r, VWIFI_ATTR_FREQ) && r->freq)
			vw_table_cell(&t, "%" PRIu32, r->freq);
		else
			vw_table_cell(&t, "-");
		for (p = 0; p < 3; p++)
			vw_table_cell(&t, "%s", has_pos(r) ?
				      vw_format_mm(r->pos[p], buf, sizeof(buf)) : "-");
		if (HAS(r, VWIFI_ATTR_TXPOWER))
			vw_table_cell(&t, "%" PRId32, r->txpower);
		else
			vw_table_cell(&t, "-");
		for (k = 0; k < N_STAT_COLS; k++) {
			if (r->stats_present & (1U << stat_cols[k].stat))
				vw_table_cell(&t, "%" PRIu64, r->stats[stat_cols[k].stat]);
			else
				vw_table_cell(&t, "-");
		}
	}
	vw_table_print(&t, f);
	vw_table_free(&t);
}

static void radio_json(struct vw_json *j, const struct vw_radio *r)
{
	static const char *const axis[3] = { "x", "y", "z" };
	char buf[32];
	size_t k;
	int p;

	vw_json_open_object(j, NULL);
	vw_json_string(j, "name", r->ifname[0] ? r->ifname : NULL);
	vw_json_string(j, "wiphy", r->wiphy[0] ? r->wiphy : NULL);
	if (HAS(r, VWIFI_ATTR_RADIO_ID))
		vw_json_uint(j, "id", r->id);
	else
		vw_json_null(j, "id");
	vw_json_string(j, "mac", HAS(r, VWIFI_ATTR_MAC) ?
		       vw_format_mac(r->mac, buf, sizeof(buf)) : NULL);
	if (HAS(r, VWIFI_ATTR_IFTYPE)) {
		vw_json_string(j, "mode", vw_iftype_name(r->iftype, buf, sizeof(buf)));
		vw_json_uint(j, "iftype", r->iftype);
	} else {
		vw_json_null(j, "mode");
		vw_json_null(j, "iftype");
	}
	if (HAS(r, VWIFI_ATTR_FREQ))
		vw_json_uint(j, "freq", r->freq);
	else
		vw_json_null(j, "freq");
	if (has_pos(r)) {
		vw_json_open_object(j, "position");
		for (p = 0; p < 3; p++)
			vw_json_number(j, axis[p],
				       vw_format_mm(r->pos[p], buf, sizeof(buf)));
		vw_json_close_object(j);
		vw_json_open_object(j, "position_mm");
		for (p = 0; p < 3; p++)
			vw_json_int(j, axis[p], r->pos[p]);
		vw_json_close_object(j);
	} else {
		vw_json_null(j, "position");
		vw_json_null(j, "position_mm");
	}
	if (HAS(r, VWIFI_ATTR_TXPOWER))
		vw_json_int(j, "txpower", r->txpower);
	else
		vw_json_null(j, "txpower");
	vw_json_open_object(j, "stats");
	for (k = 0; k < N_STAT_COLS; k++) {
		if (r->stats_present & (1U << stat_cols[k].stat))
			vw_json_uint(j, stat_cols[k].key, r->stats[stat_cols[k].stat]);
		else
			vw_json_null(j, stat_cols[k].key);
	}
	vw_json_close_object(j);
	vw_json_close_object(j);
}

void vw_radio_json(const struct vw_radio *r, size_t n, FILE *f, bool array)
{
	struct vw_json j;
	size_t i;

	vw_json_init(&j, f);
	if (array)
		vw_json_open_array(&j, NULL);
	for (i = 0; i < n; i++)
		radio_json(&j, &r[i]);
	if (array)
		vw_json_close_array(&j);
	vw_json_end(&j);
}

/* ---- commands ------------------------------------------------------------ */

struct radio_vec {
	struct vw_radio *v;
	size_t n, cap;
};

static int collect(struct nlattr **tb, void *arg)
{
	struct radio_vec *rv = arg;
	struct vw_radio *v;

	if (rv->n == rv->cap) {
		size_t cap = rv->cap ? rv->cap * 2 : 8;

		v = realloc(rv->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		rv->v = v;
		rv->cap = cap;
	}
	if (vw_radio_from_attrs(tb, &rv->v[rv->n]))
		return -EPROTO;
	rv->n++;
	return 0;
}

static int by_id(const void *a, const void *b)
{
	const struct vw_radio *x = a, *y = b;
	bool hx = HAS(x, VWIFI_ATTR_RADIO_ID), hy = HAS(y, VWIFI_ATTR_RADIO_ID);

	if (hx != hy)
		return hx ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void print_radios(const struct vw_args *a, struct radio_vec *rv,
			 bool array)
{
	/*
	 * Without an array the answer is one radio: a kernel that sends more
	 * must not turn --json into two documents.
	 */
	if (!array && rv->n > 1)
		rv->n = 1;
	/* An empty dump leaves v NULL, which qsort() must not be given. */
	if (rv->n)
		qsort(rv->v, rv->n, sizeof(*rv->v), by_id);
	if (a->json)
		vw_radio_json(rv->v, rv->n, stdout, array);
	else
		vw_radio_table(rv->v, rv->n, stdout);
}

static int radio_list(const struct vw_args *a)
{
	struct radio_vec rv = { 0 };
	struct vw_nl *nl;
	struct nl_msg *msg;
	int err;

	if (vw_nl_connect(&nl))
		return VW_EXIT_FAIL;
	msg = vw_nl_request(nl, VWIFI_CMD_RADIO_GET, a->argc == 0);
	if (a->argc)
		vw_put_string(&msg, VWIFI_ATTR_RADIO, a->argv[0]);
	err = vw_nl_call(nl, msg, collect, &rv);
	if (!err)
		print_radios(a, &rv, a->argc == 0);
	else
		vw_nl_report(nl, a->path, err);
	vw_nl_close(nl);
	free(rv.v);
	return err ? VW_EXIT_FAIL : VW_EXIT_OK;
}

static int radio_add(const struct vw_args *a)
{
	struct radio_vec rv = { 0 };
	struct vw_nl *nl;
	struct nl_msg *msg;
	int err;

	if (a->argc && !a->argv[0][0])
		return vw_usage_error(a->path, "empty radio name");
	if (vw_nl_connect(&nl))
		return VW_EXIT_FAIL;
	msg = vw_nl_request(nl, VWIFI_CMD_RADIO_NEW, false);
	if (a->argc)
		vw_put_string(&msg, VWIFI_ATTR_IFNAME, a->argv[0]);
	err = vw_nl_call(nl, msg, collect, &rv);
	if (!err && rv.n)
		print_radios(a, &rv, false);
	else if (err)
		vw_nl_report(nl, a->path, err);
	vw_nl_close(nl);
	free(rv.v);
	return err ? VW_EXIT_FAIL : VW_EXIT_OK;
}

static int radio_del(const struct vw_args *a)
{
	struct vw_nl *nl;
	struct nl_msg *msg;
	int err;

	if (!a->argv[0][0])
		return vw_usage_error(a->path, "empty radio name");
	if (vw_nl_connect(&nl))
		return VW_EXIT_FAIL;
	msg = vw_nl_request(nl, VWIFI_CMD_RADIO_DEL, false);
	vw_put_string(&msg, VWIFI_ATTR_RADIO, a->argv[0]);
	err = vw_nl_call(nl, msg, NULL, NULL);
	if (err)
		vw_nl_report(nl, a->path, err);
	vw_nl_close(nl);
	return err ? VW_EXIT_FAIL : VW_EXIT_OK;
}

int vw_radio_set_parse(int argc, char *const *argv, struct vw_radio_set *s,
		       char *err, size_t errlen)
{
	static const char *const axis[3] = { "X", "Y", "Z" };
	int i = 1, p, e;

	memset(s, 0, sizeof(*s));
	if (argc < 1 || !argv[0][0])
		return vw_errf(err, errlen, "which radio?");
	s->radio = argv[0];
	if (argc < 2)
		return vw_errf(err, errlen, "nothing to set: position X Y Z or txpower DBM");
	while (i < argc) {
		const char *key = argv[i++];

		if (!strcmp(key, "position")) {
			if (s->has_pos)
				return vw_errf(err, errlen, "position given twice");
			if (argc - i < 3)
				return vw_errf(err, errlen, "position needs X Y Z in metres");
			for (p = 0; p < 3; p++, i++) {
				e = vw_parse_mm(argv[i], &s->pos[p]);
				if (e == -ERANGE)
					return vw_errf(err, errlen, "%s '%s' is out of range",
						       axis[p], argv[i]);
				if (e)
					return vw_errf(err, errlen,
						       "%s '%s' is not a number of metres",
						       axis[p], argv[i]);
			}
			s->has_pos = true;
		} else if (!strcmp(key, "txpower")) {
			if (s->has_txpower)
				return vw_errf(err, errlen, "txpower given twice");
			if (i >= argc)
				return vw_errf(err, errlen, "txpower needs a value in dBm");
			if (vw_parse_s32(argv[i], &s->txpower))
				return vw_errf(err, errlen,
					       "txpower '%s' is not a whole number of dBm",
					       argv[i]);
			i++;
			s->has_txpower = true;
		} else {
			return vw_errf(err, errlen,
				       "unknown setting '%s' (position or txpower)", key);
		}
	}
	return 0;
}

static int radio_set(const struct vw_args *a)
{
	static const int pos_attr[3] = {
		VWIFI_ATTR_POS_X, VWIFI_ATTR_POS_Y, VWIFI_ATTR_POS_Z,
	};
	struct vw_radio_set s;
	struct vw_nl *nl;
	struct nl_msg *msg;
	char why[160];
	int err, p;

	if (vw_radio_set_parse(a->argc, a->argv, &s, why, sizeof(why)))
		return vw_usage_error(a->path, "%s", why);
	if (vw_nl_connect(&nl))
		return VW_EXIT_FAIL;
	msg = vw_nl_request(nl, VWIFI_CMD_RADIO_SET, false);
	vw_put_string(&msg, VWIFI_ATTR_RADIO, s.radio);
	for (p = 0; s.has_pos && p < 3; p++)
		vw_put_s32(&msg, pos_attr[p], s.pos[p]);
	if (s.has_txpower)
		vw_put_s32(&msg, VWIFI_ATTR_TXPOWER, s.txpower);
	err = vw_nl_call(nl, msg, NULL, NULL);
	if (err)
		vw_nl_report(nl, a->path, err);
	vw_nl_close(nl);
	return err ? VW_EXIT_FAIL : VW_EXIT_OK;
}

const struct vw_cmd vw_radio_cmds[] = {
	{
		.name = "list",
		.synopsis = "[NAME] [--json]",
		.summary = "list the radios, or the one called NAME",
		.help = "List every radio of the vwifi module, whatever network namespace it\n"
			"is in, or only NAME (its interface or wiphy name): interface, wiphy,\n"
			"permanent MAC address, mode, frequency (MHz, '-' when on no channel),\n"
			"position in metres, transmit power (dBm) and frame counters.",
		.min_args = 0, .max_args = 1, .flags = VW_CMD_JSON,
		.run = radio_list,
	},
	{
		.name = "add",
		.synopsis = "[NAME] [--json]",
		.summary = "create a radio (interface NAME) in this network namespace",
		.help = "Create a radio in the caller's network namespace, with interface name\n"
			"NAME if given, and print it as 'radio list' does. Needs CAP_NET_ADMIN.",
		.min_args = 0, .max_args = 1, .flags = VW_CMD_JSON,
		.run = radio_add,
	},
	{
		.name = "del",
		.synopsis = "NAME",
		.summary = "delete a radio, even while it is connected",
		.help = "Delete radio NAME (interface or wiphy name). Connections and BSSs on it\n"
			"are torn down. Needs CAP_NET_ADMIN.",
		.min_args = 1, .max_args = 1,
		.run = radio_del,
	},
	{
		.name = "set",
		.synopsis = "NAME [position X Y Z] [txpower DBM]",
		.summary = "move a radio (metres) or change its transmit power (dBm)",
		.help = "Place radio NAME at X Y Z, in metres (decimals allowed, kept to the\n"
			"millimetre), and/or set its transmit power to DBM (a whole number).\n"
			"What a receiver hears is the transmit power less the path loss over\n"
			"the distance (see 'vwifi-tool model'). Needs CAP_NET_ADMIN.",
		.min_args = 1, .max_args = 7,
		.run = radio_set,
	},
	{ .name = NULL },
};
