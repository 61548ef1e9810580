// SPDX-License-Identifier: GPL-2.0
/*
 * vwifi-tool: the command-line tool of vwifi. Each command group lives in
 * its own file; this one only finds the command and runs it.
 */
#include <errno.h>
#include <string.h>

#include "vwifi-tool.h"

int main(int argc, char **argv)
{
	size_t i;
	int rc = -1;

	if (argc < 2 || argv[1][0] == '-') {
		rc = vw_classic_main(argc, argv);
	} else if (!strcmp(argv[1], "help")) {
		if (argc > 2 && !strcmp(argv[2], "medium")) {
#ifdef VW_HAVE_MEDIUM
			vw_medium_help(stdout);
#else
			return vw_fail("built without the medium commands (no medium/ client library)");
#endif
		} else if (argc > 2) {
			for (i = 0; i < vw_n_groups; i++)
				if (!strcmp(argv[2], vw_groups[i].name))
					break;
			if (i == vw_n_groups)
				return vw_usage_error(NULL, "unknown command '%s'",
						      argv[2]);
			vw_group_help(&vw_groups[i], stdout);
		} else {
			vw_main_help(stdout);
		}
		rc = VW_EXIT_OK;
	} else if (!strcmp(argv[1], "medium")) {
#ifdef VW_HAVE_MEDIUM
		rc = vw_medium_main(argc - 1, argv + 1);
#else
		rc = vw_fail("built without the medium commands (no medium/ client library)");
#endif
	} else {
		for (i = 0; i < vw_n_groups; i++)
			if (!strcmp(argv[1], vw_groups[i].name))
				break;
		if (i == vw_n_groups)
			return vw_usage_error(NULL, "unknown command '%s'", argv[1]);
		rc = vw_run_group(&vw_groups[i], argc - 1, argv + 1);
	}
	/* A full disk or a closed pipe must not pass for success. */
	if (fflush(stdout) || ferror(stdout)) {
		if (errno != EPIPE)
			fprintf(stderr, "%s: writing output: %s\n", VW_PROG,
				strerror(errno));
		if (rc == VW_EXIT_OK)
			rc = VW_EXIT_FAIL;
	}
	return rc;
}
