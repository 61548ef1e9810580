// SPDX-License-Identifier: GPL-2.0
/*
 * Output for people (tables) and for scripts (JSON). Nothing here knows
 * about netlink, so the unit tests check it byte for byte.
 */
#define _GNU_SOURCE	/* vasprintf */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "vwifi-tool.h"

/* ---- numbers and names --------------------------------------------------- */

char *vw_format_mm(int32_t mm, char *buf, size_t len)
{
	long long a = mm;
	const char *sign = "";
	char frac[8];
	int n;

	if (a < 0) {
		sign = "-";
		a = -a;
	}
	if (a % 1000 == 0) {
		snprintf(buf, len, "%s%lld", sign, a / 1000);
		return buf;
	}
	snprintf(frac, sizeof(frac), "%03lld", a % 1000);
	for (n = 3; frac[n - 1] == '0'; n--)
		frac[n - 1] = '\0';
	snprintf(buf, len, "%s%lld.%s", sign, a / 1000, frac);
	return buf;
}

char *vw_format_tenths(uint32_t tenths, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu32 ".%" PRIu32, tenths / 10, tenths % 10);
	return buf;
}

char *vw_format_mac(const uint8_t mac[6], char *buf, size_t len)
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}

/* enum nl80211_iftype, in its order; iw's words with '-' for spaces. */
static const char *const iftype_names[] = {
	"unspecified", "IBSS", "managed", "AP", "AP/VLAN", "WDS",
	"monitor", "mesh", "P2P-client", "P2P-GO", "P2P-device", "OCB",
	"NAN",
};

const char *vw_iftype_name(uint32_t iftype, char *buf, size_t len)
{
	if (iftype < sizeof(iftype_names) / sizeof(iftype_names[0]))
		return iftype_names[iftype];
	snprintf(buf, len, "type%" PRIu32, iftype);
	return buf;
}

/* ---- tables -------------------------------------------------------------- */

void vw_table_init(struct vw_table *t, const char *align, ...)
{
	va_list ap;
	int i;

	memset(t, 0, sizeof(*t));
	t->ncols = (int)strlen(align);
	if (t->ncols > VW_TABLE_MAX_COLS)
		t->ncols = VW_TABLE_MAX_COLS;
	va_start(ap, align);
	for (i = 0; i < t->ncols; i++) {
		t->head[i] = va_arg(ap, const char *);
		t->right[i] = align[i] == 'r';
	}
	va_end(ap);
	t->col = t->ncols;
}

void vw_table_row(struct vw_table *t)
{
	char **cells;
	size_t cap;

	if (t->oom)
		return;
	/* Cells of a short row stay NULL and print empty. */
	if (t->nrows == t->cap) {
		cap = t->cap ? t->cap * 2 : 8;
		cells = realloc(t->cells, cap * t->ncols * sizeof(*cells));
		if (!cells) {
			t->oom = true;
			return;
		}
		t->cells = cells;
		t->cap = cap;
	}
	memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof(*t->cells));
	t->nrows++;
	t->col = 0;
}

void vw_table_cell(struct vw_table *t, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	if (t->oom || !t->nrows || t->col >= t->ncols)
		return;
	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		t->oom = true;
		return;
	}
	for (char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	t->cells[(t->nrows - 1) * t->ncols + t->col++] = s;
}

/* Columns on a terminal: UTF-8 continuation bytes take none. */
static size_t width(const char *s)
{
	size_t w = 0;

	for (; s && *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

static void print_row(const struct vw_table *t, const char *const *row,
		      const size_t *w, FILE *f)
{
	int last = t->ncols - 1;
	int i;

	/* The last non-empty cell ends the line: no trailing spaces. */
	while (last > 0 && !(row[last] && *row[last]))
		last--;
	for (i = 0; i <= last; i++) {
		const char *s = row[i] ? row[i] : "";
		size_t pad = w[i] - width(s);

		if (i)
			fputs("  ", f);
		if (t->right[i])
			fprintf(f, "%*s%s", (int)pad, "", s);
		else if (i == last)
			fputs(s, f);
		else
			fprintf(f, "%s%*s", s, (int)pad, "");
	}
	fputc('\n', f);
}

int vw_table_print(const struct vw_table *t, FILE *f)
{
	size_t w[VW_TABLE_MAX_COLS];
	size_t r;
	int i;

	if (t->oom)
		return -ENOMEM;
	for (i = 0; i < t->ncols; i++) {
		w[i] = width(t->head[i]);
		for (r = 0; r < t->nrows; r++) {
			size_t cw = width(t->cells[r * t->ncols + i]);

			if (cw > w[i])
				w[i] = cw;
		}
	}
	print_row(t, t->head, w, f);
	for (r = 0; r < t->nrows; r++)
		print_row(t, (const char *const *)&t->cells[r * t->ncols], w, f);
	return 0;
}

void vw_table_free(struct vw_table *t)
{
	size_t i;

	for (i = 0; t->cells && i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = t->cap = 0;
}

/* ---- JSON ---------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at S, 0 if there is none. */
static int utf8_len(const unsigned char *s)
{
	int n, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, UTF-16 surrogates and beyond U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

/* The two-character escapes JSON has; the other controls get \uXXXX. */
static const char *short_escape(unsigned char c)
{
	switch (c) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\b':
		return "\\b";
	case '\f':
		return "\\f";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\t':
		return "\\t";
	}
	return NULL;
}

void vw_json_escape(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	const char *esc;
	int n;

	fputc('"', f);
	while (*s) {
		esc = short_escape(*s);
		if (esc) {
			fputs(esc, f);
			n = 1;
		} else if (*s < 0x20 || *s == 0x7f) {
			fprintf(f, "\\u%04x", *s);
			n = 1;
		} else if ((n = utf8_len(s)) > 0) {
			fwrite(s, 1, n, f);
		} else {
			fputs("\\ufffd", f);
			n = 1;
		}
		s += n;
	}
	fputc('"', f);
}

void vw_json_init(struct vw_json *j, FILE *f)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
}

static void indent(struct vw_json *j)
{
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/* Comma, new line, indentation and key before a value. */
static void member(struct vw_json *j, const char *key)
{
	if (j->depth) {
		if (j->count[j->depth - 1]++)
			fputc(',', j->f);
		fputc('\n', j->f);
	}
	indent(j);
	if (key) {
		vw_json_escape(j->f, key);
		fputs(": ", j->f);
	}
}

static void open_container(struct vw_json *j, const char *key, char c)
{
	member(j, key);
	fputc(c, j->f);
	if (j->depth < VW_JSON_MAX_DEPTH)
		j->count[j->depth] = 0;
	j->depth++;
}

static void close_container(struct vw_json *j, char c)
{
	bool empty;

	if (!j->depth)
		return;
	empty = j->depth <= VW_JSON_MAX_DEPTH && !j->count[j->depth - 1];
	j->depth--;
	if (!empty) {
		fputc('\n', j->f);
		indent(j);
	}
	fputc(c, j->f);
}

void vw_json_open_object(struct vw_json *j, const char *key)
{
	open_container(j, key, '{');
}

void vw_json_close_object(struct vw_json *j)
{
	close_container(j, '}');
}

void vw_json_open_array(struct vw_json *j, const char *key)
{
	open_container(j, key, '[');
}

void vw_json_close_array(struct vw_json *j)
{
	close_container(j, ']');
}

void vw_json_string(struct vw_json *j, const char *key, const char *value)
{
	member(j, key);
	if (value)
		vw_json_escape(j->f, value);
	else
		fputs("null", j->f);
}

void vw_json_int(struct vw_json *j, const char *key, long long value)
{
	member(j, key);
	fprintf(j->f, "%lld", value);
}

void vw_json_uint(struct vw_json *j, const char *key, unsigned long long value)
{
	member(j, key);
	fprintf(j->f, "%llu", value);
}

void vw_json_bool(struct vw_json *j, const char *key, bool value)
{
	member(j, key);
	fputs(value ? "true" : "false", j->f);
}

void vw_json_null(struct vw_json *j, const char *key)
{
	member(j, key);
	fputs("null", j->f);
}

void vw_json_number(struct vw_json *j, const char *key, const char *value)
{
	member(j, key);
	fputs(value, j->f);
}

void vw_json_end(struct vw_json *j)
{
	fputc('\n', j->f);
}
