// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the tool's parsers and printers (parse.c,
 * format.c): any input string either is refused or gives a number that
 * prints and parses back to itself; JSON escaping of any bytes is a valid
 * JSON string in valid UTF-8; a table cell never lets a control character
 * through. Not part of 'make check': 'make -C tool fuzz' (clang).
 */
#include <stdlib.h>
#include <string.h>

#include "vwifi-tool.h"

/* Length of the UTF-8 sequence at S (s[0] >= 0x80), 0 if invalid. */
static int utf8_seq(const unsigned char *s, size_t left)
{
	int n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
	int i;

	if (!n || s[0] > 0xf4 || (size_t)n > left)
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* A JSON string literal: quotes, escapes, no raw controls, UTF-8. */
static void check_json_string(const unsigned char *s, size_t len)
{
	size_t i = 1;

	if (len < 2 || s[0] != '"' || s[len - 1] != '"')
		abort();
	while (i < len - 1) {
		if (s[i] == '\\') {
			if (i + 1 >= len - 1 || !strchr("\"\\/bfnrtu", s[i + 1]))
				abort();
			i += s[i + 1] == 'u' ? 6 : 2;
		} else if (s[i] == '"' || s[i] < 0x20) {
			abort();
		} else if (s[i] >= 0x80) {
			int n = utf8_seq(s + i, len - 1 - i);

			if (!n)
				abort();
			i += n;
		} else {
			i++;
		}
	}
	if (i != len - 1)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[128], buf[64], *out = NULL;
	size_t outlen = 0;
	uint32_t u, back_u;
	int32_t v, back;
	struct vw_table t;
	FILE *f;

	if (size >= sizeof(s))
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	if (!vw_parse_mm(s, &v) &&
	    (vw_parse_mm(vw_format_mm(v, buf, sizeof(buf)), &back) || back != v))
		abort();
	if (!vw_parse_s32(s, &v)) {
		snprintf(buf, sizeof(buf), "%d", v);
		if (vw_parse_s32(buf, &back) || back != v)
			abort();
	}
	if (!vw_parse_percent(s, &u)) {
		snprintf(buf, sizeof(buf), "%u%%", u);
		if (vw_parse_percent(buf, &back_u) || back_u != u)
			abort();
	}
	if (!vw_parse_tenths(s, &u) &&
	    (vw_parse_tenths(vw_format_tenths(u, buf, sizeof(buf)), &back_u) ||
	     back_u != u))
		abort();

	f = open_memstream(&out, &outlen);
	if (!f)
		return 0;
	vw_json_escape(f, s);
	fclose(f);
	check_json_string((const unsigned char *)out, outlen);
	free(out);

	out = NULL;
	f = open_memstream(&out, &outlen);
	if (!f)
		return 0;
	vw_table_init(&t, "lr", "A", "B");
	vw_table_row(&t);
	vw_table_cell(&t, "%s", s);
	vw_table_cell(&t, "%s", s);
	vw_table_print(&t, f);
	vw_table_free(&t);
	fclose(f);
	for (size_t i = 0; i < outlen; i++)
		if (((unsigned char)out[i] < 0x20 && out[i] != '\n') || out[i] == 0x7f)
			abort();
	free(out);
	return 0;
}
