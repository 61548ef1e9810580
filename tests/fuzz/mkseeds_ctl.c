// SPDX-License-Identifier: GPL-2.0
/*
 * Writes the seed corpora of the user-space fuzzers: control messages of
 * vwifi-medium for fuzz_medium_ctl into argv[1] (request streams as a
 * client sends them, and answers as the client library reads them), and
 * command lines with their answers for fuzz_tool_args into argv[2]. The
 * control messages come from the protocol's own encoder.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "uapi/vwifi.h"
#include "vw_medium_ctl.h"

#define FAKE_FAMILY 0x20

struct out {
	uint8_t b[8192];
	size_t len;
};

static const uint8_t ra[6] = { 0x02, 0, 0, 0, 1, 0 };
static const uint8_t rb[6] = { 0x02, 0, 0, 0, 2, 0 };
static int failed;

static void write_seed(const char *dir, const char *name, const struct out *o)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(o->b, 1, o->len, f) != o->len || fclose(f)) {
		perror(path);
		failed = 1;
	}
}

static void raw(struct out *o, const void *p, size_t n)
{
	if (!n)
		return;
	if (o->len + n > sizeof(o->b)) {
		fprintf(stderr, "mkseeds_ctl: seed too long\n");
		failed = 1;
		return;
	}
	memcpy(o->b + o->len, p, n);
	o->len += n;
}

static void msg(struct out *o, uint16_t type, const void *m)
{
	uint8_t buf[VW_CTL_HDR_LEN + 512];
	int n = vw_ctl_encode(type, m, buf, sizeof(buf));

	if (n < 0) {
		fprintf(stderr, "mkseeds_ctl: encode %u: %d\n", type, n);
		failed = 1;
		return;
	}
	raw(o, buf, (size_t)n);
}

/* ---- vwifi-medium's control protocol ------------------------------------ */

static void ctl_requests(const char *dir)
{
	static const uint16_t empty[] = {
		VW_CTL_NODE_LIST, VW_CTL_RADIO_LIST, VW_CTL_LINK_LIST,
		VW_CTL_LINK_CLEAR, VW_CTL_DENY_LIST, VW_CTL_DENY_CLEAR,
		VW_CTL_MODEL_GET, VW_CTL_STATS,
	};
	struct vw_ctl_pos pos = { .x = 1000, .y = -2500, .z = 0 };
	struct vw_ctl_txpower tp = { .set = 1, .dbm = 15 };
	struct vw_ctl_link l = { .loss = 30 };
	struct vw_ctl_deny d;
	struct vw_ctl_model mo = {
		.which = VW_CTL_MODEL_EXPONENT | VW_CTL_MODEL_SENSITIVITY,
		.exponent_x10 = 30, .sensitivity = -80,
	};
	struct out o = { .len = 0 };
	char name[32];
	size_t i;

	memcpy(pos.addr, ra, 6);
	memcpy(tp.addr, ra, 6);
	memcpy(l.tx, ra, 6);
	memcpy(l.rx, rb, 6);
	memcpy(d.rx, rb, 6);
	memcpy(d.tx, ra, 6);

	for (i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		o.len = 0;
		msg(&o, empty[i], NULL);
		snprintf(name, sizeof(name), "req-%s", vw_ctl_type_name(empty[i]));
		write_seed(dir, name, &o);
	}

	/* A session: configure two radios, list it all back, undo it. */
	o.len = 0;
	msg(&o, VW_CTL_POS_SET, &pos);
	memcpy(pos.addr, rb, 6);
	msg(&o, VW_CTL_POS_SET, &pos);
	msg(&o, VW_CTL_TXPOWER_SET, &tp);
	msg(&o, VW_CTL_LINK_SET, &l);
	msg(&o, VW_CTL_DENY_ADD, &d);
	msg(&o, VW_CTL_MODEL_SET, &mo);
	for (i = 0; i < sizeof(empty) / sizeof(empty[0]); i++)
		msg(&o, empty[i], NULL);
	msg(&o, VW_CTL_DENY_DEL, &d);
	l.loss = 0;
	msg(&o, VW_CTL_LINK_SET, &l);
	tp.set = 0;
	msg(&o, VW_CTL_TXPOWER_SET, &tp);
	write_seed(dir, "req-session", &o);

	/* Refusals: out of range, too short, unknown, wrong version. */
	o.len = 0;
	tp.set = 1;
	tp.dbm = 100;
	msg(&o, VW_CTL_TXPOWER_SET, &tp);
	l.loss = 101;
	msg(&o, VW_CTL_LINK_SET, &l);
	memcpy(d.tx, d.rx, 6);
	msg(&o, VW_CTL_DENY_ADD, &d);
	mo.exponent_x10 = 99;
	msg(&o, VW_CTL_MODEL_SET, &mo);
	msg(&o, VW_CTL_DENY_DEL, &d);
	raw(&o, "\x01\x00\x00\x03\x00\x00\x00\x04" "\x02\x00\x00\x00", 12);
	raw(&o, "\x01\x00\x00\x0d\x00\x00\x00\x04" "\x00\x00\x00\x03", 12);
	raw(&o, "\x01\x00\x00\x63\x00\x00\x00\x00", 8);
	raw(&o, "\x02\x00\x00\x0e\x00\x00\x00\x00", 8);
	write_seed(dir, "req-refused", &o);

	/* A header announcing more than the daemon takes: it hangs up. */
	o.len = 0;
	msg(&o, VW_CTL_STATS, NULL);
	raw(&o, "\x01\x00\x00\x0e\x00\x01\x00\x01", 8);
	write_seed(dir, "req-oversized", &o);
}

/* A daemon's answer: to a radio list (0), other records (1), a refusal (2). */
static void ctl_answer(struct out *o, int which)
{
	struct vw_ctl_status ok = { .error = 0 }, bad = { .error = ERANGE };
	struct vw_ctl_radio r = {
		.flags = VW_CTL_RADIO_CONNECTED | VW_CTL_RADIO_SEEN,
		.node = 1, .x = 1500, .y = -20, .z = 3, .tx_power = 20,
		.freq = 2437, .tx_frames = 10, .rx_frames = 7,
	};
	struct vw_ctl_node n = {
		.id = 1, .n_radios = 2, .rx_frames = 5, .connected_ms = 1000,
	};
	struct vw_ctl_link l = { .loss = 40 };
	struct vw_ctl_deny d;
	struct vw_ctl_model mo = {
		.which = VW_CTL_MODEL_EXPONENT | VW_CTL_MODEL_SENSITIVITY,
		.exponent_x10 = 20, .sensitivity = -90,
	};
	struct vw_ctl_stats st = { .clients = 2, .radios = 3, .uptime_ms = 5 };

	memcpy(r.addr, ra, 6);
	memcpy(l.tx, ra, 6);
	memcpy(l.rx, rb, 6);
	memcpy(d.rx, rb, 6);
	memcpy(d.tx, ra, 6);
	snprintf(n.peer, sizeof(n.peer), "unix pid 42 uid 0");
	snprintf(bad.text, sizeof(bad.text), "tx power must be -10..40 dBm");

	if (which == 0) {
		msg(o, VW_CTL_R_RADIO, &r);
		memcpy(r.addr, rb, 6);
		r.flags |= VW_CTL_RADIO_TXPOWER_SET;
		r.txpower_override = -5;
		msg(o, VW_CTL_R_RADIO, &r);
	} else if (which == 1) {
		msg(o, VW_CTL_R_NODE, &n);
		msg(o, VW_CTL_R_LINK, &l);
		msg(o, VW_CTL_R_DENY, &d);
		msg(o, VW_CTL_R_MODEL, &mo);
		msg(o, VW_CTL_R_STATS, &st);
	}
	msg(o, VW_CTL_R_STATUS, which == 2 ? &bad : &ok);
}

/* For the client's end: request index, error buffer size, the answer. */
static void ctl_answers(const char *dir)
{
	static const char *const names[] = {
		"ans-radios", "ans-records", "ans-refused",
	};
	static const uint8_t lead[][2] = { { 1, 200 }, { 0, 16 }, { 3, 8 } };
	struct out o;
	int i;

	for (i = 0; i < 3; i++) {
		o.len = 0;
		raw(&o, lead[i], 2);
		ctl_answer(&o, i);
		write_seed(dir, names[i], &o);
	}
}

/* ---- vwifi-tool: command lines and the kernel's or medium's answers ---- */

static void nlattr(struct out *o, uint16_t type, const void *p, size_t n)
{
	struct nlattr a = { .nla_len = (uint16_t)(NLA_HDRLEN + n), .nla_type = type };
	static const uint8_t pad[4];

	raw(o, &a, sizeof(a));
	raw(o, p, n);
	raw(o, pad, NLA_ALIGN(n) - n);
}

static void nla_u32(struct out *o, uint16_t type, uint32_t v)
{
	nlattr(o, type, &v, sizeof(v));
}

static void nla_str(struct out *o, uint16_t type, const char *s)
{
	nlattr(o, type, s, strlen(s) + 1);
}

/* Starts a netlink message; nl_end() fills in its length. */
static size_t nl_begin(struct out *o, uint16_t type, uint16_t flags)
{
	struct nlmsghdr h = { .nlmsg_type = type, .nlmsg_flags = flags };
	size_t at = o->len;

	raw(o, &h, sizeof(h));
	return at;
}

static void nl_end(struct out *o, size_t at)
{
	uint32_t len = (uint32_t)(o->len - at);

	memcpy(o->b + at, &len, sizeof(len));
}

static void nl_reply(struct out *o, uint8_t cmd, void (*attrs)(struct out *))
{
	struct genlmsghdr g = { .cmd = cmd, .version = VWIFI_GENL_VERSION };
	size_t at = nl_begin(o, FAKE_FAMILY, NLM_F_MULTI);

	raw(o, &g, sizeof(g));
	attrs(o);
	nl_end(o, at);
}

static void nl_done(struct out *o)
{
	size_t at = nl_begin(o, NLMSG_DONE, NLM_F_MULTI);
	int status = 0;

	raw(o, &status, sizeof(status));
	nl_end(o, at);
}

/* An error (or, with ERR 0, an ack) with extended ack TLVs. */
static void nl_error(struct out *o, int err, bool tlvs)
{
	struct nlmsgerr e = {
		.error = err,
		.msg = { .nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + 8 },
	};
	size_t at = nl_begin(o, NLMSG_ERROR,
			     tlvs ? NLM_F_CAPPED | NLM_F_ACK_TLVS : NLM_F_CAPPED);
	size_t nest;
	uint64_t v;

	raw(o, &e, sizeof(e));
	if (tlvs) {
		nla_str(o, NLMSGERR_ATTR_MSG, "value out of range");
		nla_u32(o, NLMSGERR_ATTR_OFFS, NLMSG_HDRLEN + GENL_HDRLEN);
		nest = o->len;
		nlattr(o, NLMSGERR_ATTR_POLICY, NULL, 0);
		v = (uint64_t)-120;
		nlattr(o, NL_POLICY_TYPE_ATTR_MIN_VALUE_S, &v, 8);
		v = 0;
		nlattr(o, NL_POLICY_TYPE_ATTR_MAX_VALUE_S, &v, 8);
		((struct nlattr *)(o->b + nest))->nla_len =
			(uint16_t)(o->len - nest);
	}
	nl_end(o, at);
}

static void stats(struct out *o, const int *which, int n)
{
	size_t nest = o->len;
	uint64_t v;
	int i;

	nlattr(o, VWIFI_ATTR_STATS, NULL, 0);
	for (i = 0; i < n; i++) {
		v = 1000u + (unsigned int)i;
		nlattr(o, (uint16_t)which[i], &v, 8);
	}
	((struct nlattr *)(o->b + nest))->nla_len = (uint16_t)(o->len - nest);
}

static void radio_attrs(struct out *o)
{
	static const int st[] = {
		VWIFI_STAT_TX_FRAMES, VWIFI_STAT_RX_FRAMES, VWIFI_STAT_RX_DENIED,
		VWIFI_STAT_RX_LOST, VWIFI_STAT_RX_MALFORMED, VWIFI_STAT_DROPPED,
	};

	nla_str(o, VWIFI_ATTR_IFNAME, "vw0");
	nla_str(o, VWIFI_ATTR_WIPHY, "vw_phy0");
	nla_u32(o, VWIFI_ATTR_RADIO_ID, 0);
	nlattr(o, VWIFI_ATTR_MAC, ra, 6);
	nla_u32(o, VWIFI_ATTR_IFTYPE, 2);
	nla_u32(o, VWIFI_ATTR_FREQ, 2437);
	nla_u32(o, VWIFI_ATTR_POS_X, 1500);
	nla_u32(o, VWIFI_ATTR_POS_Y, (uint32_t)-250);
	nla_u32(o, VWIFI_ATTR_POS_Z, 0);
	nla_u32(o, VWIFI_ATTR_TXPOWER, 20);
	stats(o, st, 6);
}

static void pair_attrs(struct out *o)
{
	nla_str(o, VWIFI_ATTR_RADIO, "vw1");
	nla_str(o, VWIFI_ATTR_PEER, "vw2");
	nla_u32(o, VWIFI_ATTR_LOSS, 25);
}

static void model_attrs(struct out *o)
{
	nla_u32(o, VWIFI_ATTR_PATH_LOSS_EXP, 35);
	nla_u32(o, VWIFI_ATTR_SENSITIVITY, (uint32_t)-85);
}

static void transport_attrs(struct out *o)
{
	static const int st[] = {
		VWIFI_STAT_TX_FRAMES, VWIFI_STAT_RX_FRAMES,
		VWIFI_STAT_RX_MALFORMED,
	};

	nla_str(o, VWIFI_ATTR_IFNAME, "eth0");
	stats(o, st, 3);
}

enum answer {
	A_RADIOS, A_PAIRS, A_MODEL, A_TRANSPORT, A_ACK, A_REFUSED,
	A_NL_MAX,
	A_MEDIUM_RADIOS = A_NL_MAX, A_MEDIUM_RECORDS, A_MEDIUM_REFUSED,
	A_MAX,
};

static void answer(struct out *o, enum answer a)
{
	switch (a) {
	case A_RADIOS:
		nl_reply(o, VWIFI_CMD_RADIO_GET, radio_attrs);
		nl_reply(o, VWIFI_CMD_RADIO_GET, radio_attrs);
		nl_done(o);
		break;
	case A_PAIRS:
		nl_reply(o, VWIFI_CMD_LINK_GET, pair_attrs);
		nl_done(o);
		break;
	case A_MODEL:
		nl_reply(o, VWIFI_CMD_MODEL_GET, model_attrs);
		nl_error(o, 0, false);
		break;
	case A_TRANSPORT:
		nl_reply(o, VWIFI_CMD_TRANSPORT_GET, transport_attrs);
		nl_error(o, 0, false);
		break;
	case A_ACK:
		nl_error(o, 0, false);
		break;
	case A_REFUSED:
		nl_error(o, -ERANGE, true);
		break;
	case A_MEDIUM_RADIOS:
	case A_MEDIUM_RECORDS:
	case A_MEDIUM_REFUSED:
		ctl_answer(o, (int)(a - A_MEDIUM_RADIOS));
		break;
	default:
		break;
	}
}

/* Command lines, words joined by '|'; "medium ..." get the medium's answers. */
static const char *const lines[] = {
	"", "-c", "-d|vw2|-s|vw1", "-c|-d|vw2|-s|vw1|-d|vw3|-s|vw1", "-V", "--help",
	"help", "help|radio", "help|medium", "status", "status|show|--json",
	"radio", "radio|list", "radio|list|-j", "radio|list|vw0|--json",
	"radio|add|vw5", "radio|add|--json", "radio|del|vw1", "radio|--help",
	"radio|set|vw1|position|-1.5|2|.25", "radio|set|vw1|txpower|15",
	"radio|set|vw1|position|0|0|0|txpower|-3", "radio|set|-h",
	"link", "link|list|--json", "link|set|vw1|vw2|loss|30",
	"link|set|vw1|vw2|loss|0%",
	"deny", "deny|list|-j", "deny|add|vw2|vw1", "deny|del|vw2|vw1",
	"deny|clear", "model", "model|show|--json",
	"model|set|exponent|3.5|sensitivity|-80", "model|set|sensitivity|-90",
	"transport", "transport|show|-j", "transport|attach|eth0",
	"transport|detach",
	"medium", "medium|--help", "medium|radio|list", "medium|radio|list|--json",
	"medium|node|list", "medium|node|list|-j",
	"medium|radio|set|02:00:00:00:01:00|position|1|2.5|-3|txpower|off",
	"medium|radio|set|02-00-00-00-01-00|txpower|10",
	"medium|link|list|--json",
	"medium|link|set|02:00:00:00:01:00|02:00:00:00:02:00|loss|50",
	"medium|link|clear", "medium|deny|list",
	"medium|deny|add|02:00:00:00:02:00|02:00:00:00:01:00",
	"medium|deny|del|02:00:00:00:02:00|02:00:00:00:01:00", "medium|deny|clear",
	"medium|model|show|-j", "medium|model|set|exponent|3.0|sensitivity|-70",
	"medium|stats", "medium|stats|show|--json", "medium|-S|/nonexistent|stats",
};

static void tool_seeds(const char *dir)
{
	struct out o;
	char name[32];
	size_t i, k;
	int a, first, last;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		bool medium = !strncmp(lines[i], "medium", 6);

		first = medium ? A_NL_MAX : 0;
		last = medium ? A_MAX : A_NL_MAX;
		for (a = first; a < last; a++) {
			o.len = 0;
			raw(&o, lines[i], strlen(lines[i]));
			for (k = 0; k < o.len; k++)
				if (o.b[k] == '|')
					o.b[k] = '\0';
			raw(&o, "\0\0", 2);
			answer(&o, (enum answer)a);
			snprintf(name, sizeof(name), "cmd%02zu-%d", i, a);
			write_seed(dir, name, &o);
		}
	}
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: mkseeds_ctl CTL_DIR TOOL_DIR\n");
		return 2;
	}
	ctl_requests(argv[1]);
	ctl_answers(argv[1]);
	tool_seeds(argv[2]);
	return failed;
}
