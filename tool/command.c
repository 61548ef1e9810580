// SPDX-License-Identifier: GPL-2.0
/*
 * The table of commands, their help, and the options of a command:
 * -h/--help everywhere, -j/--json where the command prints something a
 * script may read. Options may stand anywhere among the positional words,
 * as with getopt_long's default, but a word like "-90" or "-1.5" is a
 * number (a sensitivity, a coordinate), never an option, so getopt_long
 * runs in "+" mode and the loop in vw_parse_args() steps over positional
 * words itself.
 */
#include <getopt.h>
#include <string.h>

#include "vwifi-tool.h"

const struct vw_group vw_groups[] = {
	{ "status", "whether the vwifi module is loaded", vw_status_cmds, "show" },
	{ "radio", "list, add, delete, move radios; set their tx power",
	  vw_radio_cmds, "list" },
	{ "link", "random frame loss from one radio to another", vw_link_cmds,
	  "list" },
	{ "deny", "the denylist: receivers that drop a transmitter's frames",
	  vw_deny_cmds, "list" },
	{ "model", "the propagation model: path loss exponent, sensitivity",
	  vw_model_cmds, "show" },
	{ "transport", "the Ethernet interface carrying the air to other machines",
	  vw_transport_cmds, "show" },
};

const size_t vw_n_groups = sizeof(vw_groups) / sizeof(vw_groups[0]);

void vw_main_help(FILE *f)
{
	const struct vw_cmd *cmd;
	size_t i;

	fprintf(f,
		"Usage: %s [-d RX -s TX]... [-c]\n"
		"       %s COMMAND [ARGUMENTS] [--json] [--help]\n"
		"\n"
		"With no arguments, print 'vwifi status : live' when the vwifi module is\n"
		"loaded, 'vwifi status : not loaded' (exit status 1) when it is not.\n"
		"\n"
		"Classic options:\n"
		"  -d, --dest RX      receiver of a denylist pair (one -s for each -d)\n"
		"  -s, --source TX    transmitter whose frames RX then drops\n"
		"  -c, --clear        empty the denylist first\n"
		"  -h, --help         show this help\n"
		"  -V, --version      show the version\n"
		"\n"
		"Commands:\n", VW_PROG, VW_PROG);
	for (i = 0; i < vw_n_groups; i++)
		for (cmd = vw_groups[i].cmds; cmd->name; cmd++)
			fprintf(f, "  %s %s%s%s\n", vw_groups[i].name, cmd->name,
				*cmd->synopsis ? " " : "", cmd->synopsis);
#ifdef VW_HAVE_MEDIUM
	fprintf(f, "  medium ...   vwifi-medium's controls, see '%s medium --help'\n",
		VW_PROG);
#endif
	fprintf(f,
		"\n"
		"Radios are named by interface (vw1) or wiphy (vw_phy1), from any network\n"
		"namespace. Commands that change anything need CAP_NET_ADMIN. See\n"
		"'%s COMMAND --help' and vwifi-tool(8).\n", VW_PROG);
}

void vw_group_help(const struct vw_group *g, FILE *f)
{
	const struct vw_cmd *cmd;

	fprintf(f, "Usage: %s %s [COMMAND] [ARGUMENTS] [--help]\n\n"
		"%s: %s.\n\nCommands (default: %s):\n", VW_PROG, g->name,
		g->name, g->summary, g->default_cmd);
	for (cmd = g->cmds; cmd->name; cmd++)
		fprintf(f, "  %s%s%s\n      %s\n", cmd->name,
			*cmd->synopsis ? " " : "", cmd->synopsis, cmd->summary);
}

int vw_usage_error(const char *path, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", VW_PROG);
	if (path)
		fprintf(stderr, "%s: ", path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (path)
		fprintf(stderr, " (see '%s %s --help')\n", VW_PROG, path);
	else
		fprintf(stderr, " (see '%s --help')\n", VW_PROG);
	return VW_EXIT_USAGE;
}

int vw_fail(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", VW_PROG);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return VW_EXIT_FAIL;
}

int vw_errf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return -1;
}

static bool is_negative_number(const char *s)
{
	return s[0] == '-' &&
	       ((s[1] >= '0' && s[1] <= '9') ||
		(s[1] == '.' && s[2] >= '0' && s[2] <= '9'));
}

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "json", no_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 },
};

static char dummy_name[] = VW_PROG;
static char *dummy_argv[] = { dummy_name, NULL };

int vw_parse_args(int argc, char **argv, const char *path, unsigned int flags,
		  struct vw_args *out)
{
	int c, prev;

	memset(out, 0, sizeof(*out));
	out->path = path;
	opterr = 0;
	/*
	 * glibc keeps state between calls (the position in "-hj", the
	 * ordering read from "+"): optind 0 resets it, on an empty list so
	 * that optind is 1 before the loop looks at argv[1] itself.
	 */
	optind = 0;
	getopt_long(1, dummy_argv, "+:hj", long_opts, NULL);
	for (;;) {
		if (optind >= argc)
			break;
		if (is_negative_number(argv[optind]) ||
		    argv[optind][0] != '-' || !argv[optind][1]) {
			if (out->argc == VW_MAX_POSITIONAL) {
				vw_usage_error(path, "too many arguments");
				return -1;
			}
			out->argv[out->argc++] = argv[optind++];
			continue;
		}
		prev = optind;
		c = getopt_long(argc, argv, "+:hj", long_opts, NULL);
		if (c == -1) {
			/* "--": everything after it is positional. */
			if (optind > prev && !strcmp(argv[prev], "--")) {
				while (optind < argc) {
					if (out->argc == VW_MAX_POSITIONAL) {
						vw_usage_error(path, "too many arguments");
						return -1;
					}
					out->argv[out->argc++] = argv[optind++];
				}
			}
			break;
		}
		switch (c) {
		case 'h':
			out->help = true;
			break;
		case 'j':
			if (!(flags & VW_CMD_JSON)) {
				vw_usage_error(path, "no JSON output for this command");
				return -1;
			}
			out->json = true;
			break;
		default:
			if (optopt == 'h' || optopt == 'j')
				vw_usage_error(path, "option '%s' takes no value",
					       argv[optind - 1]);
			else if (optopt)
				vw_usage_error(path, "unknown option '-%c'", optopt);
			else
				vw_usage_error(path, "unknown option '%s'",
					       argv[optind - 1]);
			return -1;
		}
	}
	return 0;
}

void vw_cmd_help(const struct vw_group *group, const struct vw_cmd *cmd,
		 FILE *f)
{
	fprintf(f, "Usage: %s %s %s%s%s\n\n", VW_PROG, group->name, cmd->name,
		*cmd->synopsis ? " " : "", cmd->synopsis);
	fprintf(f, "%s\n", cmd->help ? cmd->help : cmd->summary);
	fprintf(f, "\nOptions:\n");
	if (cmd->flags & VW_CMD_JSON)
		fprintf(f, "  -j, --json   print JSON for scripts instead of a table\n");
	fprintf(f, "  -h, --help   show this help\n");
}

int vw_run_cmd(const struct vw_group *group, const struct vw_cmd *cmd,
	       int argc, char **argv)
{
	char path[64];
	struct vw_args args;

	snprintf(path, sizeof(path), "%s %s", group->name, cmd->name);
	if (vw_parse_args(argc, argv, path, cmd->flags, &args))
		return VW_EXIT_USAGE;
	if (args.help) {
		vw_cmd_help(group, cmd, stdout);
		return VW_EXIT_OK;
	}
	if (args.argc < cmd->min_args)
		return vw_usage_error(path, "missing arguments");
	if (args.argc > cmd->max_args)
		return vw_usage_error(path, "unexpected argument '%s'",
				      args.argv[cmd->max_args]);
	return cmd->run(&args);
}

static const struct vw_cmd *find_cmd(const struct vw_group *g,
				     const char *name)
{
	const struct vw_cmd *cmd;

	for (cmd = g->cmds; cmd->name; cmd++)
		if (!strcmp(cmd->name, name))
			return cmd;
	return NULL;
}

int vw_run_group(const struct vw_group *g, int argc, char **argv)
{
	const struct vw_cmd *cmd;

	/* argv[0] is the group's name. */
	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
			 !strcmp(argv[1], "help"))) {
		vw_group_help(g, stdout);
		return VW_EXIT_OK;
	}
	if (argc == 1 || argv[1][0] == '-')
		return vw_run_cmd(g, find_cmd(g, g->default_cmd), argc, argv);
	cmd = find_cmd(g, argv[1]);
	if (!cmd)
		return vw_usage_error(g->name, "unknown command '%s'", argv[1]);
	return vw_run_cmd(g, cmd, argc - 1, argv + 1);
}
