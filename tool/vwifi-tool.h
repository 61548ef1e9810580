/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vwifi-tool: what the files of the tool share.
 *
 *   main.c      finds the command and runs it
 *   command.c   the table of command groups, help, option parsing
 *   parse.c     number parsing: metres, dBm, percent, tenths
 *   format.c    human tables, JSON writer, metre formatting
 *   netlink.c   the only file that talks to the kernel (libnl-genl-3)
 *   status.c    `status` and the classic -d/-s/-c flags
 *   radio.c, link.c, deny.c, model.c, transport.c   a file per group
 *   medium.c    vwifi-medium's controls, over medium/vw_medium_client.h
 *
 * Exit status everywhere: 0 ok, 1 failure (kernel refused, module not
 * loaded, output error), 2 usage (bad arguments).
 */
#ifndef VWIFI_TOOL_H
#define VWIFI_TOOL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "uapi/vwifi.h"

#define VW_PROG "vwifi-tool"
#define VW_TOOL_VERSION "1.0"

enum {
	VW_EXIT_OK = 0,
	VW_EXIT_FAIL = 1,
	VW_EXIT_USAGE = 2,
};

/* ---- commands (main.c, command.c) ------------------------------------------ */

#define VW_MAX_POSITIONAL 16

/* A command's arguments once its options are taken out. */
struct vw_args {
	const char *path;		/* "radio set", for messages */
	bool json;
	bool help;
	int argc;			/* positional arguments only */
	char *argv[VW_MAX_POSITIONAL];
};

#define VW_CMD_JSON	0x1		/* accepts -j/--json */

struct vw_cmd {
	const char *name;
	const char *synopsis;		/* arguments, as in the man page */
	const char *summary;		/* one line */
	const char *help;		/* paragraphs for --help */
	int min_args, max_args;
	unsigned int flags;
	int (*run)(const struct vw_args *args);
};

struct vw_group {
	const char *name;
	const char *summary;
	const struct vw_cmd *cmds;	/* ends with a NULL name */
	const char *default_cmd;	/* run when only options follow */
};

extern const struct vw_cmd vw_status_cmds[];
extern const struct vw_cmd vw_radio_cmds[];
extern const struct vw_cmd vw_link_cmds[];
extern const struct vw_cmd vw_deny_cmds[];
extern const struct vw_cmd vw_model_cmds[];
extern const struct vw_cmd vw_transport_cmds[];
extern const struct vw_group vw_groups[];
extern const size_t vw_n_groups;

/*
 * Parse a command's options. argv[0] is the command's own name; options
 * may come anywhere, "--" ends them, and words that look like negative
 * numbers ("-90", "-1.5") are positional. Returns 0, or -1 after printing
 * a one-line usage error.
 */
int vw_parse_args(int argc, char **argv, const char *path, unsigned int flags,
		  struct vw_args *out);
int vw_run_cmd(const struct vw_group *group, const struct vw_cmd *cmd,
	       int argc, char **argv);
/* Run the command argv[1] of group G (argv[0] is the group's name); its
 * default command when only options follow. */
int vw_run_group(const struct vw_group *g, int argc, char **argv);
void vw_cmd_help(const struct vw_group *group, const struct vw_cmd *cmd,
		 FILE *f);
/* One-line usage error for command PATH; returns VW_EXIT_USAGE. */
int vw_usage_error(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Format a parse error into BUF; returns -1. */
int vw_errf(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* One-line failure; returns VW_EXIT_FAIL. */
int vw_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* vwifi-tool medium ... (medium.c, built when medium/ has its client). */
int vw_medium_main(int argc, char **argv);
void vw_medium_help(FILE *f);

/* Classic interface: no arguments, -d/-s pairs, -c (status.c). */
int vw_classic_main(int argc, char **argv);
void vw_main_help(FILE *f);
void vw_group_help(const struct vw_group *g, FILE *f);

/* ---- numbers (parse.c) --------------------------------------------------- */

/*
 * Each returns 0, -EINVAL when S is not a number of that form, -ERANGE when
 * it does not fit. Nothing but the number may be in S (no spaces, no unit).
 */
/* Metres, decimals allowed ("1.5", "-0.25", ".5"), rounded to the nearest
 * millimetre, half away from zero. */
int vw_parse_mm(const char *s, int32_t *mm);
int vw_parse_s32(const char *s, int32_t *v);
/* Non-negative integer; an optional trailing '%'. */
int vw_parse_percent(const char *s, uint32_t *v);
/* Non-negative decimal with at most one significant decimal ("3", "2.5",
 * "3.50"), in tenths. */
int vw_parse_tenths(const char *s, uint32_t *tenths);

/* ---- output (format.c) --------------------------------------------------- */

/* "1.5", "-0.001", "0": millimetres as metres, exact, no trailing zeros. */
char *vw_format_mm(int32_t mm, char *buf, size_t len);
/* "3.5": tenths as a decimal with one digit. */
char *vw_format_tenths(uint32_t tenths, char *buf, size_t len);
char *vw_format_mac(const uint8_t mac[6], char *buf, size_t len);
/* iw's name for an nl80211 interface type, without spaces ("managed",
 * "AP", "IBSS", "monitor", "mesh", ...); "type<N>" for unknown ones. */
const char *vw_iftype_name(uint32_t iftype, char *buf, size_t len);

#define VW_TABLE_MAX_COLS 16

/*
 * A table for people: a header row, columns separated by two spaces,
 * numeric columns right-aligned, no trailing spaces. Control characters in
 * cells are shown as '?'.
 */
struct vw_table {
	int ncols;
	const char *head[VW_TABLE_MAX_COLS];
	bool right[VW_TABLE_MAX_COLS];
	size_t nrows, cap;
	char **cells;			/* nrows * ncols */
	int col;			/* next cell of the last row */
	bool oom;
};

/* ALIGN has one letter per column: 'l' left, 'r' right. */
void vw_table_init(struct vw_table *t, const char *align, ...);
void vw_table_row(struct vw_table *t);
void vw_table_cell(struct vw_table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Returns 0, or -ENOMEM if a cell could not be stored. */
int vw_table_print(const struct vw_table *t, FILE *f);
void vw_table_free(struct vw_table *t);

/*
 * A streaming JSON writer: two-space indented, keys in the order written.
 * Strings are escaped (quotes, backslash, control characters); bytes that
 * are not valid UTF-8 become U+FFFD, so the output is always valid JSON.
 * A NULL key writes an array element.
 */
#define VW_JSON_MAX_DEPTH 8

struct vw_json {
	FILE *f;
	int depth;
	unsigned int count[VW_JSON_MAX_DEPTH];
};

void vw_json_init(struct vw_json *j, FILE *f);
void vw_json_open_object(struct vw_json *j, const char *key);
void vw_json_close_object(struct vw_json *j);
void vw_json_open_array(struct vw_json *j, const char *key);
void vw_json_close_array(struct vw_json *j);
/* A NULL value writes null. */
void vw_json_string(struct vw_json *j, const char *key, const char *value);
void vw_json_int(struct vw_json *j, const char *key, long long value);
void vw_json_uint(struct vw_json *j, const char *key, unsigned long long value);
void vw_json_bool(struct vw_json *j, const char *key, bool value);
void vw_json_null(struct vw_json *j, const char *key);
/* VALUE is written as is: a number formatted by the caller. */
void vw_json_number(struct vw_json *j, const char *key, const char *value);
/* Ends the document with a newline. */
void vw_json_end(struct vw_json *j);
void vw_json_escape(FILE *f, const char *s);

/* ---- the kernel (netlink.c) ---------------------------------------------- */

struct nlattr;
struct nl_msg;
struct vw_nl;

/* Attributes of one reply, indexed by enum vwifi_attr. */
typedef int (*vw_nl_handler)(struct nlattr **tb, void *arg);

/*
 * Connect and resolve the "vwifi" family. Returns 0, -ENOENT when the
 * family is not registered (module not loaded), or another -errno.
 */
int vw_nl_open(struct vw_nl **nl);
void vw_nl_close(struct vw_nl *nl);
int vw_nl_family(const struct vw_nl *nl, unsigned int *version);
/* A request for CMD; DUMP asks for every object. NULL on no memory. */
struct nl_msg *vw_nl_request(struct vw_nl *nl, uint8_t cmd, bool dump);
/*
 * Send MSG (freed here; NULL gives -ENOMEM), call HANDLER (may be NULL)
 * for each reply and wait for the acknowledgement or the end of the dump.
 * Returns 0 or a -errno, the kernel's or HANDLER's; vw_nl_report() then
 * describes it.
 */
int vw_nl_call(struct vw_nl *nl, struct nl_msg *msg, vw_nl_handler handler,
	       void *arg);
/*
 * Print the failure of the last call on one line: the kernel's extended
 * ack message when it gave one ("vwifi-tool: kernel reports: ..."), else
 * WHAT and the error (with a word on CAP_NET_ADMIN for EPERM). Returns
 * VW_EXIT_FAIL.
 */
int vw_nl_report(const struct vw_nl *nl, const char *what, int err);
/* Opens the connection or prints why not; returns 0 or VW_EXIT_FAIL. */
int vw_nl_connect(struct vw_nl **nl);

/* The name of a VWIFI_ATTR_* for messages ("txpower"), NULL if unknown. */
const char *vw_attr_name(int attr);

/*
 * Add an attribute to *MSG. When it does not fit, *MSG is freed and set to
 * NULL, which vw_nl_call() answers with -ENOMEM: callers check only once.
 */
void vw_put_string(struct nl_msg **msg, int attr, const char *s);
void vw_put_u32(struct nl_msg **msg, int attr, uint32_t v);
void vw_put_s32(struct nl_msg **msg, int attr, int32_t v);

/* ---- radios (radio.c), shared with the tests ----------------------------- */

struct vw_radio {
	uint64_t present;		/* 1 << VWIFI_ATTR_x when x was given */
	uint32_t stats_present;		/* 1 << VWIFI_STAT_x */
	char ifname[32];
	char wiphy[64];
	uint32_t id;
	uint8_t mac[6];
	uint32_t iftype;
	uint32_t freq;
	int32_t pos[3];			/* millimetres */
	int32_t txpower;
	uint64_t stats[VWIFI_STAT_MAX + 1];
};

int vw_radio_from_attrs(struct nlattr **tb, struct vw_radio *r);
void vw_radio_table(const struct vw_radio *r, size_t n, FILE *f);
void vw_radio_json(const struct vw_radio *r, size_t n, FILE *f, bool array);

/* `radio set` arguments. */
struct vw_radio_set {
	const char *radio;
	bool has_pos, has_txpower;
	int32_t pos[3];
	int32_t txpower;
};

/* Returns 0, or -1 with a message in ERR. */
int vw_radio_set_parse(int argc, char *const *argv, struct vw_radio_set *s,
		       char *err, size_t errlen);

/* `model set` arguments, into a struct vw_model. */
struct vw_model;
int vw_model_set_parse(int argc, char *const *argv, struct vw_model *m,
		       char *err, size_t errlen);

/* ---- pairs of radios (deny.c, link.c) ----------------------------------- */

struct vw_pair {
	char radio[32];			/* VWIFI_ATTR_RADIO */
	char peer[32];			/* VWIFI_ATTR_PEER */
	bool has_loss;
	uint32_t loss;			/* percent */
};

struct vw_pair_vec {
	struct vw_pair *v;
	size_t n, cap;
};

/* A vw_nl_handler adding each reply to the struct vw_pair_vec ARG. */
int vw_pair_collect(struct nlattr **tb, void *arg);
void vw_deny_table(const struct vw_pair *p, size_t n, FILE *f);
void vw_deny_json(const struct vw_pair *p, size_t n, FILE *f);
void vw_link_table(const struct vw_pair *p, size_t n, FILE *f);
void vw_link_json(const struct vw_pair *p, size_t n, FILE *f);
/* DENY_ADD, DENY_DEL or DENY_CLEAR (RX and TX NULL); 0 or -errno. */
int vw_deny_change(struct vw_nl *nl, uint8_t cmd, const char *rx,
		   const char *tx);

/* ---- model (model.c) ------------------------------------------------------ */

struct vw_model {
	bool has_exp, has_sens;
	uint32_t exp_tenths;
	int32_t sensitivity;		/* dBm */
};

void vw_model_table(const struct vw_model *m, FILE *f);
void vw_model_json(const struct vw_model *m, FILE *f);

/* ---- the Ethernet transport (transport.c) ------------------------------- */

struct vw_transport {
	char ifname[32];		/* "" when none is attached */
	uint32_t stats_present;		/* 1 << VWIFI_STAT_x */
	uint64_t stats[VWIFI_STAT_MAX + 1];
};

void vw_transport_table(const struct vw_transport *t, FILE *f);
void vw_transport_json(const struct vw_transport *t, FILE *f);

#endif
