// SPDX-License-Identifier: GPL-2.0
/*
 * The one file that talks to the kernel: generic netlink family "vwifi"
 * (include/uapi/vwifi.h) through libnl-genl-3.
 *
 * libnl 3.7 does not read extended acks, so the socket asks for them
 * (NETLINK_EXT_ACK) and the error and end-of-dump handlers parse the TLVs
 * themselves: the message, the offending attribute (found by its offset in
 * the request we sent), a missing attribute, and the policy's range. A
 * refused command can then say "kernel reports: ..." as iw does.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "uapi/vwifi.h"
#include "vwifi-tool.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct vw_nl {
	struct nl_sock *sock;
	int family;
	unsigned int version;
	/* What the kernel said about the last failed call. */
	char msg[256];
	int bad_attr;		/* attribute the error points at, or 0 */
	int miss_attr;		/* required attribute left out, or 0 */
	bool has_range;
	long long min, max;
};

struct call {
	struct vw_nl *nl;
	struct nlmsghdr *sent;
	vw_nl_handler handler;
	void *arg;
	int err;
	int handler_err;
	bool done;
};

static const char *const attr_names[VWIFI_ATTR_MAX + 1] = {
	[VWIFI_ATTR_RADIO] = "radio",
	[VWIFI_ATTR_PEER] = "peer",
	[VWIFI_ATTR_RADIO_ID] = "radio_id",
	[VWIFI_ATTR_IFNAME] = "ifname",
	[VWIFI_ATTR_WIPHY] = "wiphy",
	[VWIFI_ATTR_MAC] = "mac",
	[VWIFI_ATTR_IFTYPE] = "iftype",
	[VWIFI_ATTR_FREQ] = "freq",
	[VWIFI_ATTR_POS_X] = "pos_x",
	[VWIFI_ATTR_POS_Y] = "pos_y",
	[VWIFI_ATTR_POS_Z] = "pos_z",
	[VWIFI_ATTR_TXPOWER] = "txpower",
	[VWIFI_ATTR_LOSS] = "loss",
	[VWIFI_ATTR_PATH_LOSS_EXP] = "path_loss_exp",
	[VWIFI_ATTR_SENSITIVITY] = "sensitivity",
	[VWIFI_ATTR_STATS] = "stats",
};

const char *vw_attr_name(int attr)
{
	if (attr <= 0 || attr > VWIFI_ATTR_MAX)
		return NULL;
	return attr_names[attr];
}

/* Replies are checked for size; newer attributes are ignored. */
static const struct nla_policy reply_policy[VWIFI_ATTR_MAX + 1] = {
	[VWIFI_ATTR_RADIO] = { .type = NLA_STRING },
	[VWIFI_ATTR_PEER] = { .type = NLA_STRING },
	[VWIFI_ATTR_RADIO_ID] = { .type = NLA_U32 },
	[VWIFI_ATTR_IFNAME] = { .type = NLA_STRING },
	[VWIFI_ATTR_WIPHY] = { .type = NLA_STRING },
	[VWIFI_ATTR_MAC] = { .type = NLA_UNSPEC, .minlen = 6 },
	[VWIFI_ATTR_IFTYPE] = { .type = NLA_U32 },
	[VWIFI_ATTR_FREQ] = { .type = NLA_U32 },
	[VWIFI_ATTR_POS_X] = { .type = NLA_S32 },
	[VWIFI_ATTR_POS_Y] = { .type = NLA_S32 },
	[VWIFI_ATTR_POS_Z] = { .type = NLA_S32 },
	[VWIFI_ATTR_TXPOWER] = { .type = NLA_S32 },
	[VWIFI_ATTR_LOSS] = { .type = NLA_U32 },
	[VWIFI_ATTR_PATH_LOSS_EXP] = { .type = NLA_U32 },
	[VWIFI_ATTR_SENSITIVITY] = { .type = NLA_S32 },
	[VWIFI_ATTR_STATS] = { .type = NLA_NESTED },
};

/* libnl error codes of the calls made here, as errno values. */
static int nle_errno(int nle)
{
	switch (nle < 0 ? -nle : nle) {
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_PERM:
		return -EPERM;
	case NLE_NOACCESS:
		return -EACCES;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_AF_NOSUPPORT:
		return -EAFNOSUPPORT;
	case NLE_OPNOTSUPP:
		return -EOPNOTSUPP;
	case NLE_INVAL:
		return -EINVAL;
	case NLE_AGAIN:
		return -EAGAIN;
	case NLE_INTR:
		return -EINTR;
	default:
		return -EIO;
	}
}

int vw_nl_open(struct vw_nl **out)
{
	struct nl_cache *cache = NULL;
	struct genl_family *fam;
	struct vw_nl *nl;
	int one = 1, err;

	nl = calloc(1, sizeof(*nl));
	if (!nl)
		return -ENOMEM;
	nl->sock = nl_socket_alloc();
	if (!nl->sock) {
		err = -ENOMEM;
		goto err_free;
	}
	err = genl_connect(nl->sock);
	if (err) {
		err = nle_errno(err);
		goto err_free_sock;
	}
	/* Kernels before 4.12 have no extended acks: then just errnos. */
	setsockopt(nl_socket_get_fd(nl->sock), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	err = genl_ctrl_alloc_cache(nl->sock, &cache);
	if (err) {
		err = nle_errno(err);
		goto err_free_sock;
	}
	fam = genl_ctrl_search_by_name(cache, VWIFI_GENL_NAME);
	if (!fam) {
		err = -ENOENT;
		goto err_free_cache;
	}
	nl->family = genl_family_get_id(fam);
	nl->version = (unsigned int)genl_family_get_version(fam);
	genl_family_put(fam);
	nl_cache_free(cache);
	/*
	 * Requests ask for an ack themselves: a dump must not, or the ack
	 * would be left behind for the next call to trip over.
	 */
	nl_socket_disable_auto_ack(nl->sock);
	nl_socket_enable_msg_peek(nl->sock);
	*out = nl;
	return 0;

err_free_cache:
	nl_cache_free(cache);
err_free_sock:
	nl_socket_free(nl->sock);
err_free:
	free(nl);
	return err;
}

void vw_nl_close(struct vw_nl *nl)
{
	if (!nl)
		return;
	nl_socket_free(nl->sock);
	free(nl);
}

int vw_nl_family(const struct vw_nl *nl, unsigned int *version)
{
	if (version)
		*version = nl->version;
	return nl->family;
}

int vw_nl_connect(struct vw_nl **nl)
{
	int err = vw_nl_open(nl);

	if (err == -ENOENT)
		return vw_fail("vwifi is not loaded (no generic netlink family \"%s\")",
			       VWIFI_GENL_NAME);
	if (err)
		return vw_fail("cannot reach the kernel over generic netlink: %s",
			       strerror(-err));
	return 0;
}

struct nl_msg *vw_nl_request(struct vw_nl *nl, uint8_t cmd, bool dump)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 dump ? NLM_F_DUMP : NLM_F_ACK, cmd,
			 VWIFI_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* A failed put frees the request: vw_nl_call() then reports -ENOMEM. */
static void put(struct nl_msg **msg, int attr, int len, const void *data)
{
	if (*msg && nla_put(*msg, attr, len, data)) {
		nlmsg_free(*msg);
		*msg = NULL;
	}
}

void vw_put_string(struct nl_msg **msg, int attr, const char *s)
{
	put(msg, attr, (int)strlen(s) + 1, s);
}

void vw_put_u32(struct nl_msg **msg, int attr, uint32_t v)
{
	put(msg, attr, sizeof(v), &v);
}

void vw_put_s32(struct nl_msg **msg, int attr, int32_t v)
{
	put(msg, attr, sizeof(v), &v);
}

/* The policy range the kernel sent with a refused attribute. */
static void parse_policy(struct vw_nl *nl, struct nlattr *pol)
{
	struct nlattr *tb[NL_POLICY_TYPE_ATTR_MAX + 1];

	if (nla_parse_nested(tb, NL_POLICY_TYPE_ATTR_MAX, pol, NULL))
		return;
	if (tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_S] &&
	    tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_S]) {
		nl->min = nla_get_s64(tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_S]);
		nl->max = nla_get_s64(tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_S]);
		nl->has_range = true;
	} else if (tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U] &&
		   tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]) {
		nl->min = (long long)nla_get_u64(tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U]);
		nl->max = (long long)nla_get_u64(tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]);
		nl->has_range = true;
	}
}

/* TLVs of an error or end-of-dump message, LEN bytes at ATTRS. */
static void parse_extack(struct call *c, void *attrs, int len)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	struct vw_nl *nl = c->nl;
	uint32_t off;

	if (len <= 0 || nla_parse(tb, NLMSGERR_ATTR_MAX, attrs, len, NULL))
		return;
	if (tb[NLMSGERR_ATTR_MSG])
		nla_strlcpy(nl->msg, tb[NLMSGERR_ATTR_MSG], sizeof(nl->msg));
	if (tb[NLMSGERR_ATTR_OFFS] && nla_len(tb[NLMSGERR_ATTR_OFFS]) >= 4) {
		off = nla_get_u32(tb[NLMSGERR_ATTR_OFFS]);
		/* An offset into the request we sent: find the attribute. */
		if (c->sent && off >= NLMSG_HDRLEN + GENL_HDRLEN &&
		    (size_t)off + NLA_HDRLEN <= c->sent->nlmsg_len) {
			struct nlattr *a = (void *)((char *)c->sent + off);

			nl->bad_attr = nla_type(a);
		}
	}
	if (tb[NLMSGERR_ATTR_MISS_TYPE] && !tb[NLMSGERR_ATTR_MISS_NEST] &&
	    nla_len(tb[NLMSGERR_ATTR_MISS_TYPE]) >= 4)
		nl->miss_attr = (int)nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
	if (tb[NLMSGERR_ATTR_POLICY])
		parse_policy(nl, tb[NLMSGERR_ATTR_POLICY]);
}

/* A kernel error is -1..-4095 (MAX_ERRNO); anything else makes no sense. */
static int kernel_errno(int err)
{
	return err < 0 && err >= -4095 ? err : -EPROTO;
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)e - 1;
	struct call *c = arg;
	size_t off = NLMSG_HDRLEN + sizeof(*e);

	(void)who;
	c->err = kernel_errno(e->error);
	c->done = true;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	/* Unless capped, the request's payload is echoed before the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
	    e->msg.nlmsg_len >= NLMSG_HDRLEN)
		off += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
	if (nlh->nlmsg_len > off)
		parse_extack(c, (char *)nlh + off, (int)(nlh->nlmsg_len - off));
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct call *c = arg;

	(void)msg;
	c->done = true;
	return NL_STOP;
}

/* End of a dump: its payload is the dump's status, maybe with TLVs. */
static int on_finish(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct call *c = arg;
	size_t off = NLMSG_HDRLEN + sizeof(int);
	int status;

	c->done = true;
	if (nlh->nlmsg_len < off)
		return NL_STOP;
	memcpy(&status, nlmsg_data(nlh), sizeof(status));
	if (status >= 0)
		return NL_STOP;
	c->err = kernel_errno(status);
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && nlh->nlmsg_len > off)
		parse_extack(c, (char *)nlh + off, (int)(nlh->nlmsg_len - off));
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VWIFI_ATTR_MAX + 1];
	struct call *c = arg;
	int err;

	if (c->handler_err || !c->handler)
		return NL_SKIP;
	err = genlmsg_parse(nlmsg_hdr(msg), 0, tb, VWIFI_ATTR_MAX, reply_policy);
	if (err) {
		snprintf(c->nl->msg, sizeof(c->nl->msg),
			 "malformed reply from the kernel (%s)", nl_geterror(err));
		c->handler_err = -EPROTO;
		return NL_SKIP;
	}
	/* Keep reading after a failure, so the socket stays in step. */
	err = c->handler(tb, c->arg);
	if (err < 0)
		c->handler_err = err;
	return NL_OK;
}

int vw_nl_call(struct vw_nl *nl, struct nl_msg *msg, vw_nl_handler handler,
	       void *arg)
{
	struct call c = {
		.nl = nl,
		.handler = handler,
		.arg = arg,
	};
	struct nl_cb *cb;
	int err;

	nl->msg[0] = '\0';
	nl->bad_attr = nl->miss_attr = 0;
	nl->has_range = false;
	if (!msg)
		return -ENOMEM;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &c);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &c);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &c);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &c);

	err = nl_send_auto(nl->sock, msg);
	if (err < 0) {
		c.err = nle_errno(err);
		goto out;
	}
	c.sent = nlmsg_hdr(msg);
	while (!c.done) {
		err = nl_recvmsgs(nl->sock, cb);
		if (err < 0 && !c.done) {
			c.err = nle_errno(err);
			break;
		}
	}
out:
	nl_cb_put(cb);
	nlmsg_free(msg);
	if (!c.err && c.handler_err)
		return c.handler_err;
	return c.err;
}

int vw_nl_report(const struct vw_nl *nl, const char *what, int err)
{
	const char *name;
	char detail[96] = "";

	fflush(stdout);
	if (nl && nl->msg[0]) {
		name = vw_attr_name(nl->bad_attr);
		if (name && nl->has_range)
			snprintf(detail, sizeof(detail), " (%s: %lld..%lld)",
				 name, nl->min, nl->max);
		else if (name)
			snprintf(detail, sizeof(detail), " (%s)", name);
		else if (nl->has_range)
			snprintf(detail, sizeof(detail), " (%lld..%lld)",
				 nl->min, nl->max);
		else if ((name = vw_attr_name(nl->miss_attr)))
			snprintf(detail, sizeof(detail), " (%s missing)", name);
		fprintf(stderr, "%s: kernel reports: %s%s\n", VW_PROG,
			nl->msg, detail);
	} else if (nl && (name = vw_attr_name(nl->miss_attr))) {
		fprintf(stderr, "%s: %s: %s (%s missing)\n", VW_PROG, what,
			strerror(-err), name);
	} else if (err == -EPERM) {
		fprintf(stderr, "%s: %s: %s (changing vwifi needs CAP_NET_ADMIN)\n",
			VW_PROG, what, strerror(-err));
	} else {
		fprintf(stderr, "%s: %s: %s\n", VW_PROG, what, strerror(-err));
	}
	return VW_EXIT_FAIL;
}
