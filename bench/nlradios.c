// SPDX-License-Identifier: GPL-2.0
/*
 * nlradios: create N radios over generic netlink from one process, one
 * request after the other, each waiting for its answer. For make bench, so
 * that vwifi and mac80211_hwsim create radios the same way (hwsim's module
 * parameter stops at radios=100).
 *
 *   nlradios vwifi N     VWIFI_CMD_RADIO_NEW  (family "vwifi")
 *   nlradios hwsim N     HWSIM_CMD_NEW_RADIO  (family "MAC80211_HWSIM")
 *
 * Prints "created N" and exits 0, or says on stderr which request failed and
 * why and exits 1; 2 on usage errors. Needs CAP_NET_ADMIN.
 *
 * hwsim answers a new radio with an error message whose "error" is the
 * radio's index (>= 0), not a reply: the error callback keeps the number
 * and the request counts as done when it is not negative.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "../include/uapi/vwifi.h"

/* From the kernel's drivers/net/wireless/(virtual/)mac80211_hwsim.h. */
#define HWSIM_GENL_NAME "MAC80211_HWSIM"
#define HWSIM_CMD_NEW_RADIO 4

struct answer {
	int error;	/* errno (< 0) or hwsim's radio index; 0 for an ACK */
	int done;
};

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct answer *a = arg;

	(void)nla;
	a->error = e->error;
	a->done = 1;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct answer *a = arg;

	(void)msg;
	a->error = 0;
	a->done = 1;
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

static int new_radio(struct nl_sock *sk, struct nl_cb *cb, int family,
		     int cmd, int version, struct answer *a)
{
	struct nl_msg *msg = nlmsg_alloc();
	int err;

	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_ACK,
			 cmd, version)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (err < 0)
		return -EIO;
	a->done = 0;
	while (!a->done) {
		err = nl_recvmsgs(sk, cb);
		/* hwsim's positive "error" makes libnl return one too */
		if (err < 0 && !a->done)
			return -EIO;
	}
	return a->error < 0 ? a->error : 0;
}

int main(int argc, char **argv)
{
	const char *name;
	struct nl_sock *sk;
	struct nl_cb *cb;
	struct answer a = { 0 };
	int cmd, version, family, err;
	long n, i;
	char *end;

	if (argc != 3 || (strcmp(argv[1], "vwifi") && strcmp(argv[1], "hwsim"))) {
		fprintf(stderr, "usage: nlradios vwifi|hwsim N\n");
		return 2;
	}
	n = strtol(argv[2], &end, 10);
	if (*end || n < 1 || n > 100000) {
		fprintf(stderr, "nlradios: N must be 1..100000\n");
		return 2;
	}
	if (!strcmp(argv[1], "vwifi")) {
		name = VWIFI_GENL_NAME;
		cmd = VWIFI_CMD_RADIO_NEW;
		version = VWIFI_GENL_VERSION;
	} else {
		name = HWSIM_GENL_NAME;
		cmd = HWSIM_CMD_NEW_RADIO;
		version = 1;
	}

	sk = nl_socket_alloc();
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!sk || !cb || genl_connect(sk)) {
		fprintf(stderr, "nlradios: cannot open a generic netlink socket\n");
		return 1;
	}
	family = genl_ctrl_resolve(sk, name);
	if (family < 0) {
		fprintf(stderr, "nlradios: no generic netlink family %s (module not loaded?)\n", name);
		return 1;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &a);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &a);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &a);

	for (i = 0; i < n; i++) {
		err = new_radio(sk, cb, family, cmd, version, &a);
		if (err) {
			fprintf(stderr, "nlradios: radio %ld of %ld: %s\n", i + 1, n, strerror(-err));
			return 1;
		}
	}
	printf("created %ld\n", n);
	nl_cb_put(cb);
	nl_socket_free(sk);
	return 0;
}
