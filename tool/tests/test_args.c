// SPDX-License-Identifier: GPL-2.0
/*
 * Argument parsing without the kernel: options anywhere, negative numbers
 * as words, "--", and the keyword grammars of `radio set` and `model set`.
 */
#include <stdarg.h>
#include <unistd.h>

#include "vwifi-tool.h"
#include "check.h"

#define MAXW 24

/* Parse words given as one string, space separated. */
static int parse(const char *line, unsigned int flags, struct vw_args *a)
{
	static char buf[256];
	static char *argv[MAXW + 1];
	int argc = 0;
	char *p;

	snprintf(buf, sizeof(buf), "%s", line);
	for (p = strtok(buf, " "); p && argc < MAXW; p = strtok(NULL, " "))
		argv[argc++] = p;
	argv[argc] = NULL;
	return vw_parse_args(argc, argv, "test cmd", flags, a);
}

/* The positional words joined with '|'. */
static const char *words(const struct vw_args *a)
{
	static char out[256];
	size_t n = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < a->argc; i++)
		n += snprintf(out + n, sizeof(out) - n, "%s%s", i ? "|" : "",
			      a->argv[i]);
	return out;
}

/* Usage errors go to stderr: keep the test output to failures. */
static int quiet_parse(const char *line, unsigned int flags, struct vw_args *a)
{
	int saved = dup(2), rc;

	freopen("/dev/null", "w", stderr);
	rc = parse(line, flags, a);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	return rc;
}

static void options_anywhere(void)
{
	struct vw_args a;

	EXPECT_INT(parse("list", VW_CMD_JSON, &a), 0);
	EXPECT_INT(a.argc, 0);
	EXPECT(!a.json && !a.help);

	EXPECT_INT(parse("list --json", VW_CMD_JSON, &a), 0);
	EXPECT(a.json);
	EXPECT_INT(parse("add vw5 -j", VW_CMD_JSON, &a), 0);
	EXPECT(a.json);
	EXPECT_STR(words(&a), "vw5");
	EXPECT_INT(parse("add -j vw5", VW_CMD_JSON, &a), 0);
	EXPECT_STR(words(&a), "vw5");
	EXPECT_INT(parse("set vw1 --help", 0, &a), 0);
	EXPECT(a.help);
	EXPECT_INT(parse("list -hj", VW_CMD_JSON, &a), 0);
	EXPECT(a.help && a.json);
	EXPECT_STR(a.path, "test cmd");
}

static void negative_numbers_are_words(void)
{
	struct vw_args a;

	EXPECT_INT(parse("set vw1 position -1 -2.5 -.5", 0, &a), 0);
	EXPECT_STR(words(&a), "vw1|position|-1|-2.5|-.5");
	EXPECT_INT(parse("set sensitivity -90 exponent 3.0", 0, &a), 0);
	EXPECT_STR(words(&a), "sensitivity|-90|exponent|3.0");
	/* A lone "-" is a word too. */
	EXPECT_INT(parse("x - y", 0, &a), 0);
	EXPECT_STR(words(&a), "-|y");
}

static void double_dash(void)
{
	struct vw_args a;

	EXPECT_INT(parse("del -- --json", VW_CMD_JSON, &a), 0);
	EXPECT(!a.json);
	EXPECT_STR(words(&a), "--json");
	EXPECT_INT(parse("del -j -- -h vw1", VW_CMD_JSON, &a), 0);
	EXPECT(a.json && !a.help);
	EXPECT_STR(words(&a), "-h|vw1");
}

static void refused(void)
{
	struct vw_args a;

	EXPECT_INT(quiet_parse("del --json", 0, &a), -1);
	EXPECT_INT(quiet_parse("del -j", 0, &a), -1);
	EXPECT_INT(quiet_parse("list --bogus", VW_CMD_JSON, &a), -1);
	EXPECT_INT(quiet_parse("list -x", VW_CMD_JSON, &a), -1);
	EXPECT_INT(quiet_parse("list --json=1", VW_CMD_JSON, &a), -1);
	EXPECT_INT(quiet_parse("list -a1", VW_CMD_JSON, &a), -1);
	/* Parsing again after an error starts afresh. */
	EXPECT_INT(parse("list --json", VW_CMD_JSON, &a), 0);
	EXPECT(a.json);
	/* Sixteen positional words fit, seventeen do not. */
	EXPECT_INT(parse("x 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16", 0, &a), 0);
	EXPECT_INT(a.argc, 16);
	EXPECT_INT(quiet_parse("x 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17",
			       0, &a), -1);
}

static char **split(const char *line, int *argc)
{
	static char buf[256];
	static char *argv[MAXW + 1];
	char *p;

	*argc = 0;
	snprintf(buf, sizeof(buf), "%s", line);
	for (p = strtok(buf, " "); p && *argc < MAXW; p = strtok(NULL, " "))
		argv[(*argc)++] = p;
	argv[*argc] = NULL;
	return argv;
}

static int radio_set(const char *line, struct vw_radio_set *s, char *err)
{
	int argc;
	char **argv = split(line, &argc);

	return vw_radio_set_parse(argc, argv, s, err, 160);
}

static void radio_set_grammar(void)
{
	struct vw_radio_set s;
	char err[160];

	EXPECT_INT(radio_set("vw1 position 1.5 -2 0.001", &s, err), 0);
	EXPECT_STR(s.radio, "vw1");
	EXPECT(s.has_pos && !s.has_txpower);
	EXPECT_INT(s.pos[0], 1500);
	EXPECT_INT(s.pos[1], -2000);
	EXPECT_INT(s.pos[2], 1);

	EXPECT_INT(radio_set("vw_phy2 txpower -5", &s, err), 0);
	EXPECT(!s.has_pos && s.has_txpower);
	EXPECT_INT(s.txpower, -5);

	EXPECT_INT(radio_set("vw1 txpower 10 position 0 0 100", &s, err), 0);
	EXPECT(s.has_pos && s.has_txpower);
	EXPECT_INT(s.pos[2], 100000);
	EXPECT_INT(s.txpower, 10);

	EXPECT_INT(radio_set("vw1", &s, err), -1);
	EXPECT_STR(err, "nothing to set: position X Y Z or txpower DBM");
	EXPECT_INT(radio_set("vw1 position 1 2", &s, err), -1);
	EXPECT_STR(err, "position needs X Y Z in metres");
	EXPECT_INT(radio_set("vw1 position 1 2,5 3", &s, err), -1);
	EXPECT_STR(err, "Y '2,5' is not a number of metres");
	EXPECT_INT(radio_set("vw1 position 1 2 9999999", &s, err), -1);
	EXPECT_STR(err, "Z '9999999' is out of range");
	EXPECT_INT(radio_set("vw1 txpower", &s, err), -1);
	EXPECT_STR(err, "txpower needs a value in dBm");
	EXPECT_INT(radio_set("vw1 txpower 1.5", &s, err), -1);
	EXPECT_STR(err, "txpower '1.5' is not a whole number of dBm");
	EXPECT_INT(radio_set("vw1 txpower 1 txpower 2", &s, err), -1);
	EXPECT_STR(err, "txpower given twice");
	EXPECT_INT(radio_set("vw1 position 0 0 0 position 1 1 1", &s, err), -1);
	EXPECT_STR(err, "position given twice");
	EXPECT_INT(radio_set("vw1 power 3", &s, err), -1);
	EXPECT_STR(err, "unknown setting 'power' (position or txpower)");
}

static int model_set(const char *line, struct vw_model *m, char *err)
{
	int argc;
	char **argv = split(line, &argc);

	return vw_model_set_parse(argc, argv, m, err, 160);
}

static void model_set_grammar(void)
{
	struct vw_model m;
	char err[160];

	EXPECT_INT(model_set("exponent 3.5 sensitivity -90", &m, err), 0);
	EXPECT(m.has_exp && m.has_sens);
	EXPECT_INT(m.exp_tenths, 35);
	EXPECT_INT(m.sensitivity, -90);
	EXPECT_INT(model_set("sensitivity -85", &m, err), 0);
	EXPECT(!m.has_exp && m.has_sens);
	EXPECT_INT(model_set("exponent 2", &m, err), 0);
	EXPECT_INT(m.exp_tenths, 20);

	EXPECT_INT(model_set("", &m, err), -1);
	EXPECT_STR(err, "nothing to set: exponent X.Y or sensitivity DBM");
	EXPECT_INT(model_set("exponent 3.25", &m, err), -1);
	EXPECT_STR(err, "exponent '3.25' is not a number with one decimal");
	EXPECT_INT(model_set("exponent", &m, err), -1);
	EXPECT_STR(err, "exponent needs a value like 3.0");
	EXPECT_INT(model_set("sensitivity -90.5", &m, err), -1);
	EXPECT_STR(err, "sensitivity '-90.5' is not a whole number of dBm");
	EXPECT_INT(model_set("gain 3", &m, err), -1);
	EXPECT_STR(err, "unknown setting 'gain' (exponent or sensitivity)");
}

int main(void)
{
	TEST(options_anywhere);
	TEST(negative_numbers_are_words);
	TEST(double_dash);
	TEST(refused);
	TEST(radio_set_grammar);
	TEST(model_set_grammar);
	return test_summary("test_args");
}
