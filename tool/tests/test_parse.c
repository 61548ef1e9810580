// SPDX-License-Identifier: GPL-2.0
/*
 * Numbers on the command line and back: metres <-> millimetres, dBm,
 * percentages, tenths of the path loss exponent.
 */
#include <errno.h>
#include <limits.h>

#include "vwifi-tool.h"
#include "check.h"

static int32_t mm_of(const char *s, int *err)
{
	int32_t mm = 12345;

	*err = vw_parse_mm(s, &mm);
	return mm;
}

static void metres_to_mm(void)
{
	static const struct {
		const char *in;
		int32_t mm;
	} ok[] = {
		{ "0", 0 }, { "1", 1000 }, { "1.5", 1500 }, { "-1.5", -1500 },
		{ "+2", 2000 }, { ".5", 500 }, { "-.25", -250 }, { "3.", 3000 },
		{ "0.001", 1 }, { "-0.001", -1 }, { "12.345", 12345 },
		{ "0.1", 100 }, { "100", 100000 }, { "007.070", 7070 },
		/* Past the millimetre: nearest, half away from zero. */
		{ "0.0004", 0 }, { "0.0005", 1 }, { "-0.0005", -1 },
		{ "1.23449", 1234 }, { "1.2345", 1235 }, { "-1.2355", -1236 },
		{ "2147483.647", INT32_MAX }, { "-2147483.648", INT32_MIN },
	};
	size_t i;
	int err;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int32_t mm = mm_of(ok[i].in, &err);

		if (err || mm != ok[i].mm)
			printf("  input \"%s\"\n", ok[i].in);
		EXPECT_INT(err, 0);
		EXPECT_INT(mm, ok[i].mm);
	}
}

static void metres_refused(void)
{
	static const char *const bad[] = {
		"", "-", "+", ".", "-.", "1,5", "1.5m", " 1", "1 ", "1e3",
		"0x10", "--1", "1.2.3", "nan", "inf", "١",
	};
	size_t i;
	int err;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int32_t mm = mm_of(bad[i], &err);

		if (err != -EINVAL)
			printf("  input \"%s\"\n", bad[i]);
		EXPECT_INT(err, -EINVAL);
		EXPECT_INT(mm, 12345);		/* untouched */
	}
	EXPECT_INT(vw_parse_mm(NULL, &(int32_t){ 0 }), -EINVAL);
	mm_of("2147483.648", &err);
	EXPECT_INT(err, -ERANGE);
	mm_of("-2147483.649", &err);
	EXPECT_INT(err, -ERANGE);
	mm_of("2147483.6475", &err);		/* rounds past the top */
	EXPECT_INT(err, -ERANGE);
	mm_of("99999999999999999999999", &err);
	EXPECT_INT(err, -ERANGE);
}

static void mm_to_metres(void)
{
	static const struct {
		int32_t mm;
		const char *out;
	} cases[] = {
		{ 0, "0" }, { 1000, "1" }, { -1000, "-1" }, { 1500, "1.5" },
		{ -1500, "-1.5" }, { 1, "0.001" }, { -1, "-0.001" },
		{ 10, "0.01" }, { 12345, "12.345" }, { 100000, "100" },
		{ -250, "-0.25" }, { INT32_MAX, "2147483.647" },
		{ INT32_MIN, "-2147483.648" },
	};
	char buf[32];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		EXPECT_STR(vw_format_mm(cases[i].mm, buf, sizeof(buf)), cases[i].out);
}

/* Formatting then parsing gives the millimetres back. */
static void mm_round_trip(void)
{
	char buf[32];
	int32_t mm, back;
	int err;

	for (mm = -100000; mm <= 100000; mm += 7) {
		err = vw_parse_mm(vw_format_mm(mm, buf, sizeof(buf)), &back);
		if (err || back != mm) {
			EXPECT_INT(back, mm);
			break;
		}
	}
}

static void dbm(void)
{
	int32_t v = 99;

	EXPECT_INT(vw_parse_s32("-90", &v), 0);
	EXPECT_INT(v, -90);
	EXPECT_INT(vw_parse_s32("20", &v), 0);
	EXPECT_INT(v, 20);
	EXPECT_INT(vw_parse_s32("+5", &v), 0);
	EXPECT_INT(v, 5);
	EXPECT_INT(vw_parse_s32("-2147483648", &v), 0);
	EXPECT_INT(v, INT32_MIN);
	v = 7;
	EXPECT_INT(vw_parse_s32("2147483648", &v), -ERANGE);
	EXPECT_INT(vw_parse_s32("1.5", &v), -EINVAL);
	EXPECT_INT(vw_parse_s32("20.", &v), -EINVAL);
	EXPECT_INT(vw_parse_s32("20dBm", &v), -EINVAL);
	EXPECT_INT(vw_parse_s32("", &v), -EINVAL);
	EXPECT_INT(vw_parse_s32("-", &v), -EINVAL);
	EXPECT_INT(v, 7);
}

static void percent(void)
{
	uint32_t v = 99;

	EXPECT_INT(vw_parse_percent("50", &v), 0);
	EXPECT_INT(v, 50);
	EXPECT_INT(vw_parse_percent("50%", &v), 0);
	EXPECT_INT(v, 50);
	EXPECT_INT(vw_parse_percent("0", &v), 0);
	EXPECT_INT(v, 0);
	/* The kernel judges the range: 150 is a number, just refused there. */
	EXPECT_INT(vw_parse_percent("150", &v), 0);
	EXPECT_INT(v, 150);
	v = 7;
	EXPECT_INT(vw_parse_percent("-1", &v), -EINVAL);
	EXPECT_INT(vw_parse_percent("+1", &v), -EINVAL);
	EXPECT_INT(vw_parse_percent("%", &v), -EINVAL);
	EXPECT_INT(vw_parse_percent("50%%", &v), -EINVAL);
	EXPECT_INT(vw_parse_percent("12.5", &v), -EINVAL);
	EXPECT_INT(vw_parse_percent("", &v), -EINVAL);
	EXPECT_INT(vw_parse_percent("4294967296", &v), -ERANGE);
	EXPECT_INT(v, 7);
}

static void tenths(void)
{
	uint32_t v = 99;

	EXPECT_INT(vw_parse_tenths("3", &v), 0);
	EXPECT_INT(v, 30);
	EXPECT_INT(vw_parse_tenths("2.5", &v), 0);
	EXPECT_INT(v, 25);
	EXPECT_INT(vw_parse_tenths("3.50", &v), 0);
	EXPECT_INT(v, 35);
	EXPECT_INT(vw_parse_tenths(".5", &v), 0);
	EXPECT_INT(v, 5);
	v = 7;
	EXPECT_INT(vw_parse_tenths("3.25", &v), -EINVAL);
	EXPECT_INT(vw_parse_tenths("-3", &v), -EINVAL);
	EXPECT_INT(vw_parse_tenths("x", &v), -EINVAL);
	EXPECT_INT(v, 7);
}

static void tenths_format(void)
{
	char buf[16];

	EXPECT_STR(vw_format_tenths(30, buf, sizeof(buf)), "3.0");
	EXPECT_STR(vw_format_tenths(25, buf, sizeof(buf)), "2.5");
	EXPECT_STR(vw_format_tenths(5, buf, sizeof(buf)), "0.5");
	EXPECT_STR(vw_format_tenths(600, buf, sizeof(buf)), "60.0");
}

int main(void)
{
	TEST(metres_to_mm);
	TEST(metres_refused);
	TEST(mm_to_metres);
	TEST(mm_round_trip);
	TEST(dbm);
	TEST(percent);
	TEST(tenths);
	TEST(tenths_format);
	return test_summary("test_parse");
}
