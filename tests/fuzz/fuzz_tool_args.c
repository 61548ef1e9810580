// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for vwifi-tool's command line and what it prints.
 *
 * The input is an argument vector, words separated by NUL bytes, then two
 * NUL bytes and what the other end answers: netlink messages as the
 * kernel sends them (for the module's commands), or control messages as
 * vwifi-medium sends them (for `medium ...`). The tool runs from its own
 * main() (main.c compiled as tool_main), so the command table, the option
 * parser, every number and address parser, the reply decoders and the
 * table and JSON printers all run as in the real tool. The kernel and the
 * medium are faked at their lowest layer only: libnl's connect, send and
 * receive (netlink.c runs whole, extended acks included), and the medium's
 * socket (vw_medium_client.c's vw_mc_call() runs whole over a socketpair
 * holding the answer). Nothing reaches a real kernel or daemon.
 *
 * Beyond not crashing: the exit status is 0, 1 or 2; a successful run that
 * prints JSON prints one valid JSON document in UTF-8 and a newline; a
 * successful run that prints a table prints no control character (the
 * classic -d/-s output may: it echoes the names given on the command line).
 */
#define _GNU_SOURCE	/* memmem, open_memstream */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "vw_medium_client.h"
#include "vwifi-tool.h"

#define FAKE_FAMILY 0x20
#define MAX_WORDS 40
#define MAX_INPUT 16384

int tool_main(int argc, char **argv);

/* ---- the answer, shared by the fakes --------------------------------- */

static const uint8_t *ans;
static size_t ans_len, ans_off;

/* ---- the kernel: libnl's socket calls, overridden ----------------------- */

static nl_recvmsg_msg_cb_t cb_valid, cb_finish, cb_ack;
static void *arg_valid, *arg_finish, *arg_ack;
static nl_recvmsg_err_cb_t cb_error;
static void *arg_error;

int genl_connect(struct nl_sock *sk)
{
	(void)sk;
	return 0;
}

int genl_ctrl_alloc_cache(struct nl_sock *sk, struct nl_cache **result)
{
	(void)sk;
	*result = NULL;
	return 0;
}

struct genl_family *genl_ctrl_search_by_name(struct nl_cache *cache,
					     const char *name)
{
	struct genl_family *fam = genl_family_alloc();

	(void)cache;
	if (!fam)
		return NULL;
	genl_family_set_name(fam, name);
	genl_family_set_id(fam, FAKE_FAMILY);
	genl_family_set_version(fam, VWIFI_GENL_VERSION);
	return fam;
}

/* libnl calls these itself too (nl_cb_alloc clears every slot). */
int nl_cb_set(struct nl_cb *cb, enum nl_cb_type type, enum nl_cb_kind kind,
	      nl_recvmsg_msg_cb_t func, void *arg)
{
	(void)cb;
	(void)kind;
	switch (type) {
	case NL_CB_VALID:
		cb_valid = func;
		arg_valid = arg;
		break;
	case NL_CB_FINISH:
		cb_finish = func;
		arg_finish = arg;
		break;
	case NL_CB_ACK:
		cb_ack = func;
		arg_ack = arg;
		break;
	default:
		break;
	}
	return 0;
}

int nl_cb_err(struct nl_cb *cb, enum nl_cb_kind kind, nl_recvmsg_err_cb_t func,
	      void *arg)
{
	(void)cb;
	(void)kind;
	cb_error = func;
	arg_error = arg;
	return 0;
}

int nl_send_auto(struct nl_sock *sk, struct nl_msg *msg)
{
	nl_complete_msg(sk, msg);
	return (int)nlmsg_hdr(msg)->nlmsg_len;
}

/*
 * One message of the answer, dispatched as libnl's recvmsgs() does (no
 * sequence check: this kernel always answers the request in hand). An
 * answer that runs out is a connection that went quiet: an I/O error.
 */
int nl_recvmsgs(struct nl_sock *sk, struct nl_cb *cb)
{
	struct sockaddr_nl who = { .nl_family = AF_NETLINK };
	struct nlmsghdr hdr, *h;
	struct nl_msg *msg;
	struct nlmsgerr *e;
	int ret = 0;

	(void)sk;
	(void)cb;
	if (ans_len - ans_off < sizeof(hdr))
		return -NLE_FAILURE;
	memcpy(&hdr, ans + ans_off, sizeof(hdr));
	if (hdr.nlmsg_len < sizeof(hdr) || hdr.nlmsg_len > ans_len - ans_off) {
		ans_off = ans_len;
		return -NLE_FAILURE;
	}
	msg = nlmsg_convert((struct nlmsghdr *)(ans + ans_off));
	ans_off += NLMSG_ALIGN(hdr.nlmsg_len) < ans_len - ans_off ?
		   NLMSG_ALIGN(hdr.nlmsg_len) : ans_len - ans_off;
	if (!msg)
		return -NLE_NOMEM;
	h = nlmsg_hdr(msg);
	switch (h->nlmsg_type) {
	case NLMSG_NOOP:
		break;
	case NLMSG_OVERRUN:
		ret = -NLE_MSG_OVERFLOW;
		break;
	case NLMSG_DONE:
		if (cb_finish)
			cb_finish(msg, arg_finish);
		break;
	case NLMSG_ERROR:
		e = nlmsg_data(h);
		if (h->nlmsg_len < (unsigned int)nlmsg_size(sizeof(*e)))
			ret = -NLE_MSG_TRUNC;
		else if (e->error && cb_error)
			ret = cb_error(&who, e, arg_error) == NL_STOP ?
			      -nl_syserr2nlerr(e->error) : 0;
		else if (e->error)
			ret = -nl_syserr2nlerr(e->error);
		else if (cb_ack)
			cb_ack(msg, arg_ack);
		break;
	default:
		if (cb_valid)
			cb_valid(msg, arg_valid);
		break;
	}
	nlmsg_free(msg);
	return ret < 0 ? ret : 0;
}

/* ---- the medium: its socket (vw_medium_client.c built with these renamed) */

static int medium_peer = -1;

int vw_mc_open(const char *path)
{
	int sv[2];
	size_t off = ans_off;
	ssize_t n;

	(void)path;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return -errno;
	while (off < ans_len) {
		n = write(sv[1], ans + off, ans_len - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	/* The medium has said all it will say; the request stays unread. */
	shutdown(sv[1], SHUT_WR);
	medium_peer = sv[1];
	return sv[0];
}

void vw_mc_close(int fd)
{
	close(fd);
	if (medium_peer >= 0)
		close(medium_peer);
	medium_peer = -1;
}

/* ---- checking what was printed ------------------------------------------ */

struct cur {
	const unsigned char *p, *end;
	int depth;
};

static void ws(struct cur *c)
{
	while (c->p < c->end && strchr(" \t\r\n", *c->p) && *c->p)
		c->p++;
}

static bool lit(struct cur *c, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, s, n))
		return false;
	c->p += n;
	return true;
}

static bool digits(struct cur *c)
{
	const unsigned char *start = c->p;

	while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
		c->p++;
	return c->p > start;
}

static bool number(struct cur *c)
{
	if (c->p < c->end && *c->p == '-')
		c->p++;
	if (c->p < c->end && *c->p == '0')
		c->p++;
	else if (!digits(c))
		return false;
	if (c->p < c->end && *c->p == '.' && (c->p++, !digits(c)))
		return false;
	if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
		c->p++;
		if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
			c->p++;
		if (!digits(c))
			return false;
	}
	return true;
}

/* Length of the UTF-8 sequence at P (p[0] >= 0x80), 0 if invalid. */
static int utf8_seq(const unsigned char *p, size_t left)
{
	int n = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
	int i;

	if (!n || p[0] > 0xf4 || (size_t)n > left)
		return 0;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

static bool string(struct cur *c)
{
	int i, n;

	if (!lit(c, "\""))
		return false;
	while (c->p < c->end && *c->p != '"') {
		if (*c->p < 0x20) {
			return false;
		} else if (*c->p == '\\') {
			if (c->end - c->p < 2 || !strchr("\"\\/bfnrtu", c->p[1]) ||
			    !c->p[1])
				return false;
			if (c->p[1] == 'u') {
				if (c->end - c->p < 6)
					return false;
				for (i = 2; i < 6; i++)
					if (!strchr("0123456789abcdefABCDEF", c->p[i]) ||
					    !c->p[i])
						return false;
				c->p += 6;
			} else {
				c->p += 2;
			}
		} else if (*c->p >= 0x80) {
			n = utf8_seq(c->p, (size_t)(c->end - c->p));
			if (!n)
				return false;
			c->p += n;
		} else {
			c->p++;
		}
	}
	return lit(c, "\"");
}

static bool value(struct cur *c);

/* An object (OPEN '{') or an array (OPEN '['), after its opening. */
static bool container(struct cur *c, char close, bool keys)
{
	ws(c);
	if (lit(c, close == '}' ? "}" : "]"))
		return true;
	for (;;) {
		ws(c);
		if (keys && (!string(c) || (ws(c), !lit(c, ":"))))
			return false;
		if (!value(c))
			return false;
		ws(c);
		if (lit(c, close == '}' ? "}" : "]"))
			return true;
		if (!lit(c, ","))
			return false;
	}
}

static bool value(struct cur *c)
{
	bool ok;

	ws(c);
	if (c->p >= c->end || ++c->depth > 32)
		return false;
	if (lit(c, "{"))
		ok = container(c, '}', true);
	else if (lit(c, "["))
		ok = container(c, ']', false);
	else if (*c->p == '"')
		ok = string(c);
	else if (*c->p == '-' || (*c->p >= '0' && *c->p <= '9'))
		ok = number(c);
	else
		ok = lit(c, "true") || lit(c, "false") || lit(c, "null");
	c->depth--;
	return ok;
}

/* CLASSIC: the -d/-s interface, which echoes the names it was given. */
static void check_output(int rc, bool classic, const char *out, size_t len)
{
	struct cur c = {
		(const unsigned char *)out, (const unsigned char *)out + len, 0
	};
	size_t i;

	if (rc < 0 || rc > 2)
		abort();
	if (rc || !len)
		return;
	if (out[0] == '{' || out[0] == '[') {
		if (!value(&c) || c.end - c.p != 1 || *c.p != '\n')
			abort();
		return;
	}
	if (classic)
		return;
	for (i = 0; i < len; i++)
		if (((unsigned char)out[i] < 0x20 && out[i] != '\n') ||
		    out[i] == 0x7f)
			abort();
}

/* ---- the run ------------------------------------------------------------- */

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* libFuzzer keeps its own handle on stderr; the tool's is quiet. */
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	stderr = devnull;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Static: a pointer the tool keeps (medium -S) stays valid. */
	static char buf[MAX_INPUT + 2];
	static char *argv[MAX_WORDS + 2];
	static char prog[] = VW_PROG;
	const uint8_t *sep;
	char *out = NULL, *p;
	size_t words_len, outlen = 0;
	FILE *saved = stdout;
	int argc = 1, rc;

	if (size > MAX_INPUT)
		return 0;
	sep = memmem(data, size, "\0\0", 2);
	words_len = sep ? (size_t)(sep - data) : size;
	ans = sep ? sep + 2 : data + size;
	ans_len = sep ? size - words_len - 2 : 0;
	ans_off = 0;

	memcpy(buf, data, words_len);
	buf[words_len] = '\0';
	argv[0] = prog;
	for (p = buf; p < buf + words_len && argc <= MAX_WORDS;
	     p += strlen(p) + 1)
		argv[argc++] = p;
	argv[argc] = NULL;

	stdout = open_memstream(&out, &outlen);
	if (!stdout) {
		stdout = saved;
		return 0;
	}
	optind = 0;
	rc = tool_main(argc, argv);
	fclose(stdout);
	stdout = saved;
	if (medium_peer >= 0)
		abort();	/* a medium connection left open */
	check_output(rc, argc == 1 || argv[1][0] == '-', out, outlen);
	free(out);
	return 0;
}
