// SPDX-License-Identifier: GPL-2.0
/*
 * vwifi-tool medium ...: the controls of vwifi-medium, the air between
 * machines, over its control socket through medium/vw_medium_client.h.
 * The same commands as for the local driver, but radios are named by
 * their permanent MAC address: the medium knows no interface names.
 *
 *   vwifi-tool medium [-S PATH] GROUP COMMAND ...
 *
 * The socket is -S/--socket PATH, else $VWIFI_MEDIUM_CTL, else the
 * daemon's default.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "vw_medium_client.h"
#include "vwifi-tool.h"

static const char *ctl_path;

static const char *socket_path(void)
{
	const char *env = getenv("VWIFI_MEDIUM_CTL");

	if (ctl_path)
		return ctl_path;
	return env && *env ? env : VW_MEDIUM_CTL_DEFAULT;
}

static int medium_open(int *fd)
{
	*fd = vw_mc_open(socket_path());
	if (*fd < 0)
		return vw_fail("cannot reach vwifi-medium at %s: %s", socket_path(),
			       strerror(-*fd));
	return 0;
}

/*
 * One request and its records; the daemon's refusal or a broken connection
 * is printed on one line. Returns VW_EXIT_OK or VW_EXIT_FAIL.
 */
static int medium_call(uint16_t type, const void *req, vw_mc_record_fn fn,
		       void *arg)
{
	char err[VW_CTL_TEXT_MAX + 64];
	int fd, ret;

	if (medium_open(&fd))
		return VW_EXIT_FAIL;
	ret = vw_mc_call(fd, type, req, fn, arg, err, sizeof(err));
	vw_mc_close(fd);
	if (!ret)
		return VW_EXIT_OK;
	if (ret == -EPERM || ret == -EACCES)
		return vw_fail("vwifi-medium: %s (the control socket is root's)",
			       err[0] ? err : strerror(-ret));
	return vw_fail("vwifi-medium reports: %s", err[0] ? err : strerror(-ret));
}

static int parse_addr(const struct vw_args *a, const char *s, uint8_t addr[6])
{
	if (vw_mc_parse_addr(s, addr))
		return vw_usage_error(a->path,
				      "'%s' is not a MAC address like 02:00:00:00:01:00",
				      s);
	return 0;
}

/* ---- records ------------------------------------------------------------- */

struct recs {
	union vw_ctl_msg *v;
	size_t n, cap;
	uint16_t type;
};

static int collect(uint16_t type, const union vw_ctl_msg *rec, void *arg)
{
	struct recs *r = arg;
	union vw_ctl_msg *v;

	if (type != r->type)
		return 0;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 8;

		v = realloc(r->v, cap * sizeof(*v));
		if (!v)
			return 1;	/* skip the rest; shown as far as it got */
		r->v = v;
		r->cap = cap;
	}
	r->v[r->n++] = *rec;
	return 0;
}

static int fetch(uint16_t req, uint16_t rec_type, struct recs *r)
{
	memset(r, 0, sizeof(*r));
	r->type = rec_type;
	return medium_call(req, NULL, collect, r);
}

static void pos_cells(struct vw_table *t, int32_t x, int32_t y, int32_t z)
{
	char buf[32];

	vw_table_cell(t, "%s", vw_format_mm(x, buf, sizeof(buf)));
	vw_table_cell(t, "%s", vw_format_mm(y, buf, sizeof(buf)));
	vw_table_cell(t, "%s", vw_format_mm(z, buf, sizeof(buf)));
}

static void pos_json(struct vw_json *j, int32_t x, int32_t y, int32_t z)
{
	char buf[32];

	vw_json_open_object(j, "position");
	vw_json_number(j, "x", vw_format_mm(x, buf, sizeof(buf)));
	vw_json_number(j, "y", vw_format_mm(y, buf, sizeof(buf)));
	vw_json_number(j, "z", vw_format_mm(z, buf, sizeof(buf)));
	vw_json_close_object(j);
	vw_json_open_object(j, "position_mm");
	vw_json_int(j, "x", x);
	vw_json_int(j, "y", y);
	vw_json_int(j, "z", z);
	vw_json_close_object(j);
}

static const char *radio_state(const struct vw_ctl_radio *r)
{
	if (r->flags & VW_CTL_RADIO_CONNECTED)
		return "connected";
	if (r->flags & VW_CTL_RADIO_SEEN)
		return "gone";
	return "waiting";	/* configured, never heard */
}

static void radio_table(const struct vw_ctl_radio *r, size_t n, FILE *f)
{
	struct vw_table t;
	char mac[24];

	vw_table_init(&t, "lrlrrrrrrrrrrrr", "ADDR", "NODE", "STATE", "X(m)",
		      "Y(m)", "Z(m)", "TXPOWER", "OVERRIDE", "FREQ", "TX", "RX",
		      "DENIED", "WEAK", "LOST", "QFULL");
	for (; n; n--, r++) {
		vw_table_row(&t);
		vw_table_cell(&t, "%s", vw_format_mac(r->addr, mac, sizeof(mac)));
		if (r->node)
			vw_table_cell(&t, "%" PRIu32, r->node);
		else
			vw_table_cell(&t, "-");
		vw_table_cell(&t, "%s", radio_state(r));
		pos_cells(&t, r->x, r->y, r->z);
		if (r->flags & VW_CTL_RADIO_SEEN)
			vw_table_cell(&t, "%d", r->tx_power);
		else
			vw_table_cell(&t, "-");
		if (r->flags & VW_CTL_RADIO_TXPOWER_SET)
			vw_table_cell(&t, "%d", r->txpower_override);
		else
			vw_table_cell(&t, "-");
		if (r->freq)
			vw_table_cell(&t, "%u", r->freq);
		else
			vw_table_cell(&t, "-");
		vw_table_cell(&t, "%" PRIu64, r->tx_frames);
		vw_table_cell(&t, "%" PRIu64, r->rx_frames);
		vw_table_cell(&t, "%" PRIu64, r->rx_denied);
		vw_table_cell(&t, "%" PRIu64, r->rx_weak);
		vw_table_cell(&t, "%" PRIu64, r->rx_lost);
		vw_table_cell(&t, "%" PRIu64, r->rx_queue_full);
	}
	vw_table_print(&t, f);
	vw_table_free(&t);
}

static void radio_json(const struct vw_ctl_radio *r, size_t n, FILE *f)
{
	struct vw_json j;
	char mac[24];

	vw_json_init(&j, f);
	vw_json_open_array(&j, NULL);
	for (; n; n--, r++) {
		vw_json_open_object(&j, NULL);
		vw_json_string(&j, "addr", vw_format_mac(r->addr, mac, sizeof(mac)));
		if (r->node)
			vw_json_uint(&j, "node", r->node);
		else
			vw_json_null(&j, "node");
		vw_json_string(&j, "state", radio_state(r));
		pos_json(&j, r->x, r->y, r->z);
		if (r->flags & VW_CTL_RADIO_SEEN)
			vw_json_int(&j, "tx_power", r->tx_power);
		else
			vw_json_null(&j, "tx_power");
		if (r->flags & VW_CTL_RADIO_TXPOWER_SET)
			vw_json_int(&j, "txpower_override", r->txpower_override);
		else
			vw_json_null(&j, "txpower_override");
		if (r->freq)
			vw_json_uint(&j, "freq", r->freq);
		else
			vw_json_null(&j, "freq");
		vw_json_open_object(&j, "stats");
		vw_json_uint(&j, "tx_frames", r->tx_frames);
		vw_json_uint(&j, "tx_bytes", r->tx_bytes);
		vw_json_uint(&j, "rx_frames", r->rx_frames);
		vw_json_uint(&j, "rx_denied", r->rx_denied);
		vw_json_uint(&j, "rx_weak", r->rx_weak);
		vw_json_uint(&j, "rx_lost", r->rx_lost);
		vw_json_uint(&j, "rx_queue_full", r->rx_queue_full);
		vw_json_close_object(&j);
		vw_json_close_object(&j);
	}
	vw_json_close_array(&j);
	vw_json_end(&j);
}

static int radio_list(const struct vw_args *a)
{
	struct recs r;
	int rc = fetch(VW_CTL_RADIO_LIST, VW_CTL_R_RADIO, &r);
	struct vw_ctl_radio *v;
	size_t i;

	if (!rc) {
		v = calloc(r.n ? r.n : 1, sizeof(*v));
		if (!v) {
			free(r.v);
			return vw_fail("out of memory");
		}
		for (i = 0; i < r.n; i++)
			v[i] = r.v[i].radio;
		if (a->json)
			radio_json(v, r.n, stdout);
		else
			radio_table(v, r.n, stdout);
		free(v);
	}
	free(r.v);
	return rc;
}

/* [position X Y Z] [txpower DBM|off], "off" handing tx power back to the
 * radio's own. */
static int radio_set(const struct vw_args *a)
{
	char *words[VW_MAX_POSITIONAL] = { NULL };
	struct vw_ctl_txpower tp = { 0 };
	struct vw_ctl_pos pos = { 0 };
	struct vw_radio_set s;
	bool off = false;
	uint8_t addr[6];
	char why[160];
	int n = 0, i, rc;

	for (i = 0; i < a->argc; i++) {
		if (i > 0 && !strcmp(a->argv[i - 1], "txpower") &&
		    !strcmp(a->argv[i], "off")) {
			n--;		/* drop "txpower" again */
			if (off)
				return vw_usage_error(a->path, "txpower given twice");
			off = true;
			continue;
		}
		words[n++] = a->argv[i];
	}
	if (n == 1 && off) {
		s.radio = words[0];
		s.has_pos = s.has_txpower = false;
	} else if (vw_radio_set_parse(n, words, &s, why, sizeof(why))) {
		return vw_usage_error(a->path, "%s", why);
	}
	if (off && s.has_txpower)
		return vw_usage_error(a->path, "txpower given twice");
	if (s.has_txpower && (s.txpower < INT8_MIN || s.txpower > INT8_MAX))
		return vw_usage_error(a->path, "txpower %" PRId32 " is out of range",
				      s.txpower);
	rc = parse_addr(a, s.radio, addr);
	if (rc)
		return rc;
	if (s.has_pos) {
		memcpy(pos.addr, addr, 6);
		pos.x = s.pos[0];
		pos.y = s.pos[1];
		pos.z = s.pos[2];
		rc = medium_call(VW_CTL_POS_SET, &pos, NULL, NULL);
		if (rc)
			return rc;
	}
	if (s.has_txpower || off) {
		memcpy(tp.addr, addr, 6);
		tp.set = !off;
		tp.dbm = off ? 0 : (int8_t)s.txpower;
		rc = medium_call(VW_CTL_TXPOWER_SET, &tp, NULL, NULL);
	}
	return rc;
}

static const struct vw_cmd radio_cmds[] = {
	{
		.name = "list",
		.synopsis = "[--json]",
		.summary = "list the radios the medium knows",
		.help = "List every radio vwifi-medium knows, connected or not, by permanent\n"
			"address: the node (guest NIC) carrying it, its state (connected, gone,\n"
			"or waiting: configured but never heard), position in metres, the tx\n"
			"power of its last frame and the override set here, the frequency of\n"
			"its last frame, and counters (TX sent; RX delivered; DENIED, WEAK,\n"
			"LOST, QFULL dropped by the denylist, the sensitivity, a link loss, a\n"
			"full queue).",
		.min_args = 0, .max_args = 0, .flags = VW_CMD_JSON,
		.run = radio_list,
	},
	{
		.name = "set",
		.synopsis = "ADDR [position X Y Z] [txpower DBM|off]",
		.summary = "place a radio (metres) or override its tx power (dBm)",
		.help = "Place the radio with permanent address ADDR at X Y Z metres, and/or\n"
			"make the medium treat its frames as sent at DBM whatever the radio\n"
			"says ('off' gives the radio its own tx power back). A radio not heard\n"
			"yet keeps the setting for when it shows up.",
		.min_args = 1, .max_args = 7,
		.run = radio_set,
	},
	{ .name = NULL },
};

/* ---- nodes --------------------------------------------------------------- */

static int node_list(const struct vw_args *a)
{
	struct recs r;
	struct vw_table t;
	struct vw_json j;
	int rc = fetch(VW_CTL_NODE_LIST, VW_CTL_R_NODE, &r);
	size_t i;

	if (rc)
		goto out;
	if (a->json) {
		vw_json_init(&j, stdout);
		vw_json_open_array(&j, NULL);
		for (i = 0; i < r.n; i++) {
			const struct vw_ctl_node *nd = &r.v[i].node;

			vw_json_open_object(&j, NULL);
			vw_json_uint(&j, "id", nd->id);
			vw_json_string(&j, "peer", nd->peer);
			vw_json_uint(&j, "radios", nd->n_radios);
			vw_json_uint(&j, "rx_frames", nd->rx_frames);
			vw_json_uint(&j, "rx_bytes", nd->rx_bytes);
			vw_json_uint(&j, "tx_frames", nd->tx_frames);
			vw_json_uint(&j, "tx_bytes", nd->tx_bytes);
			vw_json_uint(&j, "drop_not_air", nd->drop_not_air);
			vw_json_uint(&j, "drop_malformed", nd->drop_malformed);
			vw_json_uint(&j, "drop_radio_limit", nd->drop_radio_limit);
			vw_json_uint(&j, "drop_queue_full", nd->drop_queue_full);
			vw_json_uint(&j, "connected_ms", nd->connected_ms);
			vw_json_close_object(&j);
		}
		vw_json_close_array(&j);
		vw_json_end(&j);
		goto out;
	}
	vw_table_init(&t, "rrrrrrrrl", "ID", "RADIOS", "RX", "TX", "NOT-AIR",
		      "MALFORMED", "LIMIT", "QFULL", "PEER");
	for (i = 0; i < r.n; i++) {
		const struct vw_ctl_node *nd = &r.v[i].node;

		vw_table_row(&t);
		vw_table_cell(&t, "%" PRIu32, nd->id);
		vw_table_cell(&t, "%" PRIu32, nd->n_radios);
		vw_table_cell(&t, "%" PRIu64, nd->rx_frames);
		vw_table_cell(&t, "%" PRIu64, nd->tx_frames);
		vw_table_cell(&t, "%" PRIu64, nd->drop_not_air);
		vw_table_cell(&t, "%" PRIu64, nd->drop_malformed);
		vw_table_cell(&t, "%" PRIu64, nd->drop_radio_limit);
		vw_table_cell(&t, "%" PRIu64, nd->drop_queue_full);
		vw_table_cell(&t, "%s", nd->peer);
	}
	vw_table_print(&t, stdout);
	vw_table_free(&t);
out:
	free(r.v);
	return rc;
}

static const struct vw_cmd node_cmds[] = {
	{
		.name = "list",
		.synopsis = "[--json]",
		.summary = "list the connected guests (nodes)",
		.help = "List the clients (guest NICs) connected to vwifi-medium: id, radios\n"
			"learned on it, frames received from it (RX) and sent to it (TX), its\n"
			"frames dropped (NOT-AIR: not an air frame, MALFORMED, LIMIT: past the\n"
			"radio limit, QFULL: its queue was full) and who it is (PEER).",
		.min_args = 0, .max_args = 0, .flags = VW_CMD_JSON,
		.run = node_list,
	},
	{ .name = NULL },
};

/* ---- links and the denylist ---------------------------------------------- */

/* Pairs as struct vw_pair, for the same tables as the driver's. */
static int pairs(uint16_t req, uint16_t rec, struct vw_pair_vec *pv)
{
	struct recs r;
	size_t i;
	int rc = fetch(req, rec, &r);

	memset(pv, 0, sizeof(*pv));
	if (!rc && r.n) {
		pv->v = calloc(r.n, sizeof(*pv->v));
		if (!pv->v) {
			free(r.v);
			return vw_fail("out of memory");
		}
	}
	for (i = 0; !rc && i < r.n; i++) {
		struct vw_pair *p = &pv->v[pv->n++];

		if (rec == VW_CTL_R_LINK) {
			/* A link: RADIO transmits, PEER receives. */
			vw_format_mac(r.v[i].link.tx, p->radio, sizeof(p->radio));
			vw_format_mac(r.v[i].link.rx, p->peer, sizeof(p->peer));
			p->loss = r.v[i].link.loss;
			p->has_loss = true;
		} else {
			/* A denial: RADIO receives and denies PEER. */
			vw_format_mac(r.v[i].deny.rx, p->radio, sizeof(p->radio));
			vw_format_mac(r.v[i].deny.tx, p->peer, sizeof(p->peer));
		}
	}
	free(r.v);
	return rc;
}

static int link_list(const struct vw_args *a)
{
	struct vw_pair_vec pv;
	int rc = pairs(VW_CTL_LINK_LIST, VW_CTL_R_LINK, &pv);

	if (!rc && a->json)
		vw_link_json(pv.v, pv.n, stdout);
	else if (!rc)
		vw_link_table(pv.v, pv.n, stdout);
	free(pv.v);
	return rc;
}

static int link_set(const struct vw_args *a)
{
	struct vw_ctl_link l = { 0 };
	uint32_t loss;

	if (parse_addr(a, a->argv[0], l.tx) || parse_addr(a, a->argv[1], l.rx))
		return VW_EXIT_USAGE;
	if (strcmp(a->argv[2], "loss"))
		return vw_usage_error(a->path, "unknown setting '%s' (loss)", a->argv[2]);
	if (vw_parse_percent(a->argv[3], &loss) || loss > UINT8_MAX)
		return vw_usage_error(a->path, "loss '%s' is not a whole percentage",
				      a->argv[3]);
	l.loss = (uint8_t)loss;
	return medium_call(VW_CTL_LINK_SET, &l, NULL, NULL);
}

static int link_clear(const struct vw_args *a)
{
	(void)a;
	return medium_call(VW_CTL_LINK_CLEAR, NULL, NULL, NULL);
}

static const struct vw_cmd link_cmds[] = {
	{
		.name = "list",
		.synopsis = "[--json]",
		.summary = "list the links that have a loss set",
		.help = "List the links with a loss set, by address: LOSS percent of the\n"
			"frames TRANSMITTER sends are lost before RECEIVER gets them.",
		.min_args = 0, .max_args = 0, .flags = VW_CMD_JSON,
		.run = link_list,
	},
	{
		.name = "set",
		.synopsis = "TX RX loss PERCENT",
		.summary = "drop PERCENT of the frames TX sends to RX",
		.help = "Drop PERCENT (0 to 100) of the frames the radio with address TX\n"
			"transmits before the radio with address RX receives them. 0 removes\n"
			"the setting.",
		.min_args = 4, .max_args = 4,
		.run = link_set,
	},
	{
		.name = "clear",
		.synopsis = "",
		.summary = "remove every link loss",
		.help = "Remove every link loss.",
		.min_args = 0, .max_args = 0,
		.run = link_clear,
	},
	{ .name = NULL },
};

static int deny_list(const struct vw_args *a)
{
	struct vw_pair_vec pv;
	int rc = pairs(VW_CTL_DENY_LIST, VW_CTL_R_DENY, &pv);

	if (!rc && a->json)
		vw_deny_json(pv.v, pv.n, stdout);
	else if (!rc)
		vw_deny_table(pv.v, pv.n, stdout);
	free(pv.v);
	return rc;
}

static int deny_change(const struct vw_args *a, uint16_t type)
{
	struct vw_ctl_deny d = { 0 };

	if (parse_addr(a, a->argv[0], d.rx) || parse_addr(a, a->argv[1], d.tx))
		return VW_EXIT_USAGE;
	return medium_call(type, &d, NULL, NULL);
}

static int deny_add(const struct vw_args *a)
{
	return deny_change(a, VW_CTL_DENY_ADD);
}

static int deny_del(const struct vw_args *a)
{
	return deny_change(a, VW_CTL_DENY_DEL);
}

static int deny_clear(const struct vw_args *a)
{
	(void)a;
	return medium_call(VW_CTL_DENY_CLEAR, NULL, NULL, NULL);
}

static const struct vw_cmd deny_cmds[] = {
	{
		.name = "list",
		.synopsis = "[--json]",
		.summary = "list the medium's denylist",
		.help = "List the medium's denylist by address: RECEIVER hears nothing from\n"
			"TRANSMITTER.",
		.min_args = 0, .max_args = 0, .flags = VW_CMD_JSON,
		.run = deny_list,
	},
	{
		.name = "add",
		.synopsis = "RX TX",
		.summary = "make radio RX deaf to radio TX",
		.help = "Make the radio with address RX hear nothing from the radio with\n"
			"address TX.",
		.min_args = 2, .max_args = 2,
		.run = deny_add,
	},
	{
		.name = "del",
		.synopsis = "RX TX",
		.summary = "remove a pair from the denylist",
		.help = "Remove the pair RX TX from the medium's denylist.",
		.min_args = 2, .max_args = 2,
		.run = deny_del,
	},
	{
		.name = "clear",
		.synopsis = "",
		.summary = "empty the medium's denylist",
		.help = "Empty the medium's denylist.",
		.min_args = 0, .max_args = 0,
		.run = deny_clear,
	},
	{ .name = NULL },
};

/* ---- model and statistics ------------------------------------------------ */

static int model_record(uint16_t type, const union vw_ctl_msg *rec, void *arg)
{
	struct vw_model *m = arg;

	if (type != VW_CTL_R_MODEL)
		return 0;
	m->has_exp = rec->model.which & VW_CTL_MODEL_EXPONENT;
	m->exp_tenths = (uint32_t)rec->model.exponent_x10;
	m->has_sens = rec->model.which & VW_CTL_MODEL_SENSITIVITY;
	m->sensitivity = rec->model.sensitivity;
	return 0;
}

static int model_show(const struct vw_args *a)
{
	struct vw_model m = { 0 };
	int rc = medium_call(VW_CTL_MODEL_GET, NULL, model_record, &m);

	if (!rc && a->json)
		vw_model_json(&m, stdout);
	else if (!rc)
		vw_model_table(&m, stdout);
	return rc;
}

static int model_set(const struct vw_args *a)
{
	struct vw_ctl_model req = { 0 };
	struct vw_model m;
	char why[160];

	if (vw_model_set_parse(a->argc, a->argv, &m, why, sizeof(why)))
		return vw_usage_error(a->path, "%s", why);
	if (m.has_exp && m.exp_tenths > INT32_MAX)
		return vw_usage_error(a->path, "exponent out of range");
	if (m.has_exp) {
		req.which |= VW_CTL_MODEL_EXPONENT;
		req.exponent_x10 = (int32_t)m.exp_tenths;
	}
	if (m.has_sens) {
		req.which |= VW_CTL_MODEL_SENSITIVITY;
		req.sensitivity = m.sensitivity;
	}
	return medium_call(VW_CTL_MODEL_SET, &req, NULL, NULL);
}

static const struct vw_cmd model_cmds[] = {
	{
		.name = "show",
		.synopsis = "[--json]",
		.summary = "show the medium's propagation model",
		.help = "Show the path loss exponent and receiver sensitivity (dBm) the medium\n"
			"applies between machines.",
		.min_args = 0, .max_args = 0, .flags = VW_CMD_JSON,
		.run = model_show,
	},
	{
		.name = "set",
		.synopsis = "[exponent X.Y] [sensitivity DBM]",
		.summary = "change the medium's exponent or sensitivity",
		.help = "Set the medium's path loss exponent (one decimal) and/or receiver\n"
			"sensitivity in dBm.",
		.min_args = 0, .max_args = 4,
		.run = model_set,
	},
	{ .name = NULL },
};

/* The statistics in the order of the wire, with their JSON keys. */
#define STAT(f) { #f, offsetof(struct vw_ctl_stats, f) }
static const struct {
	const char *key;
	size_t off;
} stat_fields[] = {
	STAT(uptime_ms), STAT(clients_total), STAT(cutoffs), STAT(rx_frames),
	STAT(rx_bytes), STAT(air_frames), STAT(drop_not_air),
	STAT(drop_malformed), STAT(drop_radio_limit), STAT(tx_frames),
	STAT(tx_bytes), STAT(drop_denied), STAT(drop_weak), STAT(drop_lost),
	STAT(drop_queue_full), STAT(pcap_frames), STAT(radio_moves),
};

static int stats_record(uint16_t type, const union vw_ctl_msg *rec, void *arg)
{
	if (type == VW_CTL_R_STATS)
		*(struct vw_ctl_stats *)arg = rec->stats;
	return 0;
}

static int stats_show(const struct vw_args *a)
{
	struct vw_ctl_stats st = { 0 };
	struct vw_table t;
	struct vw_json j;
	size_t i;
	int rc = medium_call(VW_CTL_STATS, NULL, stats_record, &st);

	if (rc)
		return rc;
	if (a->json) {
		vw_json_init(&j, stdout);
		vw_json_open_object(&j, NULL);
		vw_json_uint(&j, "clients", st.clients);
		vw_json_uint(&j, "radios", st.radios);
		for (i = 0; i < sizeof(stat_fields) / sizeof(stat_fields[0]); i++)
			vw_json_uint(&j, stat_fields[i].key,
				     *(const uint64_t *)((const char *)&st + stat_fields[i].off));
		vw_json_close_object(&j);
		vw_json_end(&j);
		return VW_EXIT_OK;
	}
	vw_table_init(&t, "lr", "COUNTER", "VALUE");
	vw_table_row(&t);
	vw_table_cell(&t, "clients");
	vw_table_cell(&t, "%" PRIu32, st.clients);
	vw_table_row(&t);
	vw_table_cell(&t, "radios");
	vw_table_cell(&t, "%" PRIu32, st.radios);
	for (i = 0; i < sizeof(stat_fields) / sizeof(stat_fields[0]); i++) {
		vw_table_row(&t);
		vw_table_cell(&t, "%s", stat_fields[i].key);
		vw_table_cell(&t, "%" PRIu64,
			      *(const uint64_t *)((const char *)&st + stat_fields[i].off));
	}
	vw_table_print(&t, stdout);
	vw_table_free(&t);
	return VW_EXIT_OK;
}

static const struct vw_cmd stats_cmds[] = {
	{
		.name = "show",
		.synopsis = "[--json]",
		.summary = "the medium's counters",
		.help = "Show vwifi-medium's counters: clients and radios now, uptime, frames\n"
			"and bytes received and sent, and the copies dropped by reason.",
		.min_args = 0, .max_args = 0, .flags = VW_CMD_JSON,
		.run = stats_show,
	},
	{ .name = NULL },
};

/* ---- dispatch ------------------------------------------------------------ */

static const struct vw_group groups[] = {
	{ "medium node", "the guests connected to vwifi-medium", node_cmds, "list" },
	{ "medium radio", "the radios vwifi-medium knows, by address", radio_cmds, "list" },
	{ "medium link", "random frame loss between machines' radios", link_cmds, "list" },
	{ "medium deny", "the medium's denylist", deny_cmds, "list" },
	{ "medium model", "the medium's propagation model", model_cmds, "show" },
	{ "medium stats", "the medium's counters", stats_cmds, "show" },
};

#define N_GROUPS (sizeof(groups) / sizeof(groups[0]))
#define PREFIX_LEN (sizeof("medium ") - 1)

void vw_medium_help(FILE *f)
{
	const struct vw_cmd *cmd;
	size_t i;

	fprintf(f,
		"Usage: %s medium [-S PATH] GROUP [COMMAND] [ARGUMENTS] [--json] [--help]\n"
		"\n"
		"The controls of vwifi-medium, the air between machines, over its control\n"
		"socket: -S/--socket PATH, else $VWIFI_MEDIUM_CTL, else %s.\n"
		"Radios are named by permanent MAC address.\n"
		"\n"
		"Commands:\n", VW_PROG, VW_MEDIUM_CTL_DEFAULT);
	for (i = 0; i < N_GROUPS; i++)
		for (cmd = groups[i].cmds; cmd->name; cmd++)
			fprintf(f, "  %s %s%s%s\n", groups[i].name, cmd->name,
				*cmd->synopsis ? " " : "", cmd->synopsis);
}

int vw_medium_main(int argc, char **argv)
{
	size_t i;

	/* argv[0] is "medium". */
	argc--;
	argv++;
	while (argc && argv[0][0] == '-') {
		if (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help")) {
			vw_medium_help(stdout);
			return VW_EXIT_OK;
		}
		if (!strcmp(argv[0], "-S") || !strcmp(argv[0], "--socket")) {
			if (argc < 2 || !argv[1][0])
				return vw_usage_error("medium", "%s needs a path", argv[0]);
			ctl_path = argv[1];
			argc -= 2;
			argv += 2;
		} else if (!strncmp(argv[0], "--socket=", 9) && argv[0][9]) {
			ctl_path = argv[0] + 9;
			argc--;
			argv++;
		} else {
			return vw_usage_error("medium", "unknown option '%s'", argv[0]);
		}
	}
	if (!argc || !strcmp(argv[0], "help")) {
		vw_medium_help(stdout);
		return VW_EXIT_OK;
	}
	for (i = 0; i < N_GROUPS; i++)
		if (!strcmp(argv[0], groups[i].name + PREFIX_LEN))
			return vw_run_group(&groups[i], argc, argv);
	return vw_usage_error("medium", "unknown command '%s'", argv[0]);
}
