// SPDX-License-Identifier: GPL-2.0
/*
 * Numbers on the command line. Decimals are read digit by digit rather than
 * through strtod, so "0.1" metres is exactly 100 mm and nothing depends on
 * the locale.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "vwifi-tool.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Read [+-]digits[.digits] into an integer scaled by 10^SCALE, rounding
 * the dropped digits half away from zero. MAX bounds the magnitude.
 */
static int parse_decimal(const char *s, int scale, long long max,
			 bool allow_sign, long long *out)
{
	long long v = 0;
	bool neg = false, any = false, round_up = false;
	int frac = 0;

	if (!s)
		return -EINVAL;
	if (*s == '+' || *s == '-') {
		if (!allow_sign)
			return -EINVAL;
		neg = *s == '-';
		s++;
	}
	for (; is_digit(*s); s++) {
		any = true;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -ERANGE;
	}
	if (*s == '.') {
		for (s++; is_digit(*s); s++) {
			any = true;
			if (frac < scale) {
				v = v * 10 + (*s - '0');
				frac++;
			} else if (frac == scale) {
				round_up = *s >= '5';
				frac++;
			}
		}
	}
	if (!any || *s)
		return -EINVAL;
	for (; frac < scale; frac++)
		v *= 10;
	if (round_up)
		v++;
	if (v > max)
		return -ERANGE;
	*out = neg ? -v : v;
	return 0;
}

int vw_parse_mm(const char *s, int32_t *mm)
{
	long long v;
	int err;

	/* INT32_MIN has no positive twin: allow one more on the way down. */
	err = parse_decimal(s, 3, (long long)INT32_MAX + 1, true, &v);
	if (err)
		return err;
	if (v > INT32_MAX || v < INT32_MIN)
		return -ERANGE;
	*mm = (int32_t)v;
	return 0;
}

int vw_parse_s32(const char *s, int32_t *out)
{
	long long v;
	int err;

	err = parse_decimal(s, 0, (long long)INT32_MAX + 1, true, &v);
	if (err)
		return err;
	/* parse_decimal rounds: an integer option takes no decimals. */
	for (const char *p = s; *p; p++)
		if (*p == '.')
			return -EINVAL;
	if (v > INT32_MAX || v < INT32_MIN)
		return -ERANGE;
	*out = (int32_t)v;
	return 0;
}

int vw_parse_percent(const char *s, uint32_t *out)
{
	char buf[32];
	size_t n;
	long long v;
	int err;

	if (!s)
		return -EINVAL;
	for (n = 0; s[n]; n++)
		if (n + 1 >= sizeof(buf))
			return -ERANGE;
	if (n && s[n - 1] == '%')
		n--;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return -EINVAL;
		buf[i] = s[i];
	}
	buf[n] = '\0';
	err = parse_decimal(buf, 0, UINT32_MAX, false, &v);
	if (err)
		return err;
	*out = (uint32_t)v;
	return 0;
}

int vw_parse_tenths(const char *s, uint32_t *tenths)
{
	long long v;
	const char *dot;
	int err;

	err = parse_decimal(s, 1, UINT32_MAX, false, &v);
	if (err)
		return err;
	/* A second decimal would be rounded away: refuse it unless zero. */
	for (dot = s; *dot && *dot != '.'; dot++)
		;
	if (*dot == '.' && dot[1])
		for (const char *p = dot + 2; *p; p++)
			if (*p != '0')
				return -EINVAL;
	*tenths = (uint32_t)v;
	return 0;
}
