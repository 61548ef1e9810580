// SPDX-License-Identifier: GPL-2.0
/*
 * vwm-ctl: a throwaway command line client of the medium's control socket
 * for the tests (vwifi-tool grows the real one). Prints one line per
 * record, tab-separated, fields in a fixed order.
 *
 *   vwm-ctl [-c CTL] nodes | radios | stats | model [EXP_X10 SENS]
 *         | pos ADDR X Y Z | txpower ADDR DBM|auto
 *         | loss TX RX PERCENT | links | links-clear
 *         | deny RX TX | undeny RX TX | denies | deny-clear
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vw_medium_client.h"

static void addr_str(const uint8_t *a, char *b)
{
	snprintf(b, 18, "%02x:%02x:%02x:%02x:%02x:%02x",
		 a[0], a[1], a[2], a[3], a[4], a[5]);
}

static int print(uint16_t type, const union vw_ctl_msg *r, void *arg)
{
	char a[18], b[18];

	(void)arg;
	switch (type) {
	case VW_CTL_R_NODE:
		printf("node\t%u\t%s\tradios %u\trx %" PRIu64 "/%" PRIu64
		       "\ttx %" PRIu64 "/%" PRIu64 "\tnot_air %" PRIu64
		       "\tmalformed %" PRIu64 "\tqueue_full %" PRIu64 "\n",
		       r->node.id, r->node.peer, r->node.n_radios,
		       r->node.rx_frames, r->node.rx_bytes, r->node.tx_frames,
		       r->node.tx_bytes, r->node.drop_not_air,
		       r->node.drop_malformed, r->node.drop_queue_full);
		break;
	case VW_CTL_R_RADIO:
		addr_str(r->radio.addr, a);
		printf("radio\t%s\tnode %u\tpos %d,%d,%d\ttxpower %d%s\t"
		       "tx %" PRIu64 "\trx %" PRIu64 "\tdenied %" PRIu64
		       "\tweak %" PRIu64 "\tlost %" PRIu64 "\n", a,
		       r->radio.node, r->radio.x, r->radio.y, r->radio.z,
		       (r->radio.flags & VW_CTL_RADIO_TXPOWER_SET) ?
		       r->radio.txpower_override : r->radio.tx_power,
		       (r->radio.flags & VW_CTL_RADIO_TXPOWER_SET) ? " set" : "",
		       r->radio.tx_frames, r->radio.rx_frames,
		       r->radio.rx_denied, r->radio.rx_weak, r->radio.rx_lost);
		break;
	case VW_CTL_R_LINK:
		addr_str(r->link.tx, a);
		addr_str(r->link.rx, b);
		printf("link\t%s\t%s\t%u\n", a, b, r->link.loss);
		break;
	case VW_CTL_R_DENY:
		addr_str(r->deny.rx, a);
		addr_str(r->deny.tx, b);
		printf("deny\t%s\t%s\n", a, b);
		break;
	case VW_CTL_R_MODEL:
		printf("model\t%d\t%d\n", r->model.exponent_x10,
		       r->model.sensitivity);
		break;
	case VW_CTL_R_STATS:
		printf("stats\tclients %u\tradios %u\trx %" PRIu64 "\tair %"
		       PRIu64 "\ttx %" PRIu64 "\tcutoffs %" PRIu64 "\n",
		       r->stats.clients, r->stats.radios, r->stats.rx_frames,
		       r->stats.air_frames, r->stats.tx_frames,
		       r->stats.cutoffs);
		break;
	}
	return 0;
}

static int addr_arg(const char *s, uint8_t *a)
{
	if (vw_mc_parse_addr(s, a) == 0)
		return 0;
	fprintf(stderr, "vwm-ctl: %s: not an address\n", s);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *path = NULL, *cmd;
	union vw_ctl_msg q;
	char err[VW_CTL_TEXT_MAX + 64];
	uint16_t type;
	int fd, ret, n;

	memset(&q, 0, sizeof(q));
	if (argc > 2 && !strcmp(argv[1], "-c")) {
		path = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc < 2)
		goto usage;
	cmd = argv[1];
	n = argc - 2;

	if (!strcmp(cmd, "nodes") && !n) {
		type = VW_CTL_NODE_LIST;
	} else if (!strcmp(cmd, "radios") && !n) {
		type = VW_CTL_RADIO_LIST;
	} else if (!strcmp(cmd, "stats") && !n) {
		type = VW_CTL_STATS;
	} else if (!strcmp(cmd, "model") && !n) {
		type = VW_CTL_MODEL_GET;
	} else if (!strcmp(cmd, "model") && n == 2) {
		type = VW_CTL_MODEL_SET;
		q.model.which = VW_CTL_MODEL_EXPONENT | VW_CTL_MODEL_SENSITIVITY;
		q.model.exponent_x10 = atoi(argv[2]);
		q.model.sensitivity = atoi(argv[3]);
	} else if (!strcmp(cmd, "pos") && n == 4) {
		type = VW_CTL_POS_SET;
		addr_arg(argv[2], q.pos.addr);
		q.pos.x = atoi(argv[3]);
		q.pos.y = atoi(argv[4]);
		q.pos.z = atoi(argv[5]);
	} else if (!strcmp(cmd, "txpower") && n == 2) {
		type = VW_CTL_TXPOWER_SET;
		addr_arg(argv[2], q.txpower.addr);
		q.txpower.set = strcmp(argv[3], "auto") != 0;
		q.txpower.dbm = (int8_t)atoi(argv[3]);
	} else if (!strcmp(cmd, "loss") && n == 3) {
		type = VW_CTL_LINK_SET;
		addr_arg(argv[2], q.link.tx);
		addr_arg(argv[3], q.link.rx);
		q.link.loss = (uint8_t)atoi(argv[4]);
	} else if (!strcmp(cmd, "links") && !n) {
		type = VW_CTL_LINK_LIST;
	} else if (!strcmp(cmd, "links-clear") && !n) {
		type = VW_CTL_LINK_CLEAR;
	} else if ((!strcmp(cmd, "deny") || !strcmp(cmd, "undeny")) && n == 2) {
		type = cmd[0] == 'd' ? VW_CTL_DENY_ADD : VW_CTL_DENY_DEL;
		addr_arg(argv[2], q.deny.rx);
		addr_arg(argv[3], q.deny.tx);
	} else if (!strcmp(cmd, "denies") && !n) {
		type = VW_CTL_DENY_LIST;
	} else if (!strcmp(cmd, "deny-clear") && !n) {
		type = VW_CTL_DENY_CLEAR;
	} else {
		goto usage;
	}

	fd = vw_mc_open(path);
	if (fd < 0) {
		fprintf(stderr, "vwm-ctl: %s: %s\n",
			path ? path : VW_MEDIUM_CTL_DEFAULT, strerror(-fd));
		return 1;
	}
	ret = vw_mc_call(fd, type, &q, print, NULL, err, sizeof(err));
	vw_mc_close(fd);
	if (ret < 0) {
		fprintf(stderr, "vwm-ctl: medium reports: %s\n", err);
		return 1;
	}
	return 0;
usage:
	fprintf(stderr, "usage: vwm-ctl [-c CTL] nodes|radios|stats|model "
		"[EXP_X10 SENS]|pos ADDR X Y Z|txpower ADDR DBM|auto|"
		"loss TX RX PCT|links|links-clear|deny RX TX|undeny RX TX|"
		"denies|deny-clear\n");
	return 2;
}
