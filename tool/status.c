// SPDX-License-Identifier: GPL-2.0
/*
 * `vwifi-tool status` and the classic interface older vwifi users know:
 *
 *   vwifi-tool                    vwifi status : live | not loaded
 *   vwifi-tool -d vw2 -s vw1 ...  vw2 denies every frame from vw1
 *   vwifi-tool -c                 clear the denylist
 *
 * printing what the classic tool printed. As there, a module that is not
 * loaded makes the exit status 1. Unlike there, -d/-s pairs are added to
 * the denylist (the classic tool replaced it: -c with pairs does that),
 * there is no limit of five pairs, and a bad argument is an error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "uapi/vwifi.h"
#include "vwifi-tool.h"

#define INITSTATE "/sys/module/vwifi/initstate"

/*
 * "live" when the family resolves. Otherwise the module's own state when
 * it is on its way in or out ("coming", "going"), else "not loaded".
 */
static const char *module_state(char *buf, size_t len)
{
	FILE *f = fopen(INITSTATE, "r");

	if (!f)
		return "not loaded";
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	if (!buf[0] || !strcmp(buf, "live"))
		return "not loaded";
	return buf;
}

/* Prints the status line; returns 0 when live, with *NL open if NL. */
static int status_line(struct vw_nl **nl, bool json)
{
	struct vw_nl *n = NULL;
	unsigned int version;
	char buf[32];
	const char *state;
	struct vw_json j;
	int err;

	err = vw_nl_open(&n);
	if (err && err != -ENOENT)
		return vw_fail("cannot reach the kernel over generic netlink: %s",
			       strerror(-err));
	state = err ? module_state(buf, sizeof(buf)) : "live";
	if (!json) {
		printf("vwifi status : %s\n", state);
	} else {
		vw_json_init(&j, stdout);
		vw_json_open_object(&j, NULL);
		vw_json_string(&j, "status", state);
		if (!err) {
			vw_json_uint(&j, "family_id", (unsigned int)vw_nl_family(n, &version));
			vw_json_uint(&j, "version", version);
		}
		vw_json_close_object(&j);
		vw_json_end(&j);
	}
	if (err)
		return VW_EXIT_FAIL;
	if (nl)
		*nl = n;
	else
		vw_nl_close(n);
	return VW_EXIT_OK;
}

static int status_show(const struct vw_args *a)
{
	return status_line(NULL, a->json);
}

const struct vw_cmd vw_status_cmds[] = {
	{
		.name = "show",
		.synopsis = "[--json]",
		.summary = "whether the vwifi module is loaded",
		.help = "Print 'vwifi status : live' when the vwifi module is loaded and answers\n"
			"on its generic netlink family, 'vwifi status : not loaded' otherwise (or\n"
			"the module's state while it loads or unloads). The exit status is 0\n"
			"when live, 1 otherwise. 'vwifi-tool' alone does the same.",
		.min_args = 0, .max_args = 0, .flags = VW_CMD_JSON,
		.run = status_show,
	},
	{ .name = NULL },
};

/* ---- the classic flags --------------------------------------------------- */

static const struct option classic_opts[] = {
	{ "dest", required_argument, NULL, 'd' },
	{ "source", required_argument, NULL, 's' },
	{ "clear", no_argument, NULL, 'c' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

struct classic {
	char **dest, **src;
	int ndest, nsrc;
	bool clear, help, version;
};

static int classic_parse(int argc, char **argv, struct classic *c)
{
	int opt;

	opterr = 0;
	optind = 0;
	while ((opt = getopt_long(argc, argv, ":d:s:chV", classic_opts, NULL)) != -1) {
		switch (opt) {
		case 'd':
		case 's':
			if (!optarg[0])
				return vw_usage_error(NULL, "empty interface name");
			if (opt == 'd')
				c->dest[c->ndest++] = optarg;
			else
				c->src[c->nsrc++] = optarg;
			break;
		case 'c':
			c->clear = true;
			break;
		case 'h':
			c->help = true;
			break;
		case 'V':
			c->version = true;
			break;
		case ':':
			return vw_usage_error(NULL, "option '%s' needs an interface name",
					      argv[optind - 1]);
		default:
			if (optopt)
				return vw_usage_error(NULL, "unknown option '-%c'", optopt);
			return vw_usage_error(NULL, "unknown option '%s'",
					      argv[optind - 1]);
		}
	}
	if (optind < argc)
		return vw_usage_error(NULL, "unknown command '%s'", argv[optind]);
	if (c->help || c->version)
		return 0;
	if (c->ndest != c->nsrc)
		return vw_usage_error(NULL,
				      "Destination number doesn't match with Source number");
	return 0;
}

int vw_classic_main(int argc, char **argv)
{
	struct classic c = { 0 };
	struct vw_nl *nl = NULL;
	int rc, err = 0, i;

	/* At most one name per argument word: argc bounds both lists. */
	c.dest = calloc(argc, sizeof(*c.dest));
	c.src = calloc(argc, sizeof(*c.src));
	if (!c.dest || !c.src) {
		rc = vw_fail("out of memory");
		goto out;
	}
	rc = classic_parse(argc, argv, &c);
	if (rc)
		goto out;
	if (c.help) {
		vw_main_help(stdout);
		goto out;
	}
	if (c.version) {
		printf("%s %s (netlink family %s, version %d)\n", VW_PROG,
		       VW_TOOL_VERSION, VWIFI_GENL_NAME, VWIFI_GENL_VERSION);
		goto out;
	}
	if (!c.clear && !c.ndest) {
		rc = status_line(NULL, false);
		goto out;
	}
	rc = status_line(&nl, false);
	if (rc)
		goto out;
	if (c.clear)
		printf("Unset denylist for vwifi...\n");
	if (c.ndest) {
		printf("denylist:\n");
		for (i = 0; i < c.ndest; i++)
			printf("%s denys %s\n", c.dest[i], c.src[i]);
	}
	printf("Configuring denylist for vwifi...\n");
	if (c.clear)
		err = vw_deny_change(nl, VWIFI_CMD_DENY_CLEAR, NULL, NULL);
	/* The classic tool loaded pairs without complaint: a pair already
	 * there is fine. */
	for (i = 0; !err && i < c.ndest; i++) {
		err = vw_deny_change(nl, VWIFI_CMD_DENY_ADD, c.dest[i], c.src[i]);
		if (err == -EEXIST)
			err = 0;
	}
	if (err) {
		rc = vw_nl_report(nl, "denylist", err);
		goto out;
	}
	printf("Message from vwifi: vwifi has received your denylist\n");
out:
	vw_nl_close(nl);
	free(c.dest);
	free(c.src);
	return rc;
}
