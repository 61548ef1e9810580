// SPDX-License-Identifier: GPL-2.0
/*
 * What people and scripts read: table layout, JSON escaping and shape,
 * and the output of each listing command from known values.
 */
#include "vwifi-tool.h"
#include "uapi/vwifi.h"
#include "check.h"

static struct capture cap;

static const char *escaped(const char *s)
{
	vw_json_escape(capture_start(&cap), s);
	return capture_end(&cap);
}

static void json_escaping(void)
{
	EXPECT_STR(escaped(""), "\"\"");
	EXPECT_STR(escaped("vw0"), "\"vw0\"");
	EXPECT_STR(escaped("a\"b"), "\"a\\\"b\"");
	EXPECT_STR(escaped("a\\b"), "\"a\\\\b\"");
	EXPECT_STR(escaped("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"");
	EXPECT_STR(escaped("\x01\x1f\x7f"), "\"\\u0001\\u001f\\u007f\"");
	EXPECT_STR(escaped("/"), "\"/\"");
	/* Valid UTF-8 passes through. */
	EXPECT_STR(escaped("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xb6"),
		   "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xb6\"");
	/* Anything else becomes U+FFFD, one per bad byte. */
	EXPECT_STR(escaped("a\xff" "b"), "\"a\\ufffdb\"");
	EXPECT_STR(escaped("\xc3"), "\"\\ufffd\"");		/* cut short */
	EXPECT_STR(escaped("\xc0\xaf"), "\"\\ufffd\\ufffd\"");	/* overlong */
	EXPECT_STR(escaped("\xe0\x80\xaf"), "\"\\ufffd\\ufffd\\ufffd\"");
	EXPECT_STR(escaped("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\"");	/* surrogate */
	EXPECT_STR(escaped("\xf4\x90\x80\x80"),
		   "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");	/* past U+10FFFF */
	EXPECT_STR(escaped("\xe2\x82"), "\"\\ufffd\\ufffd\"");
}

static void json_shape(void)
{
	struct vw_json j;

	vw_json_init(&j, capture_start(&cap));
	vw_json_open_object(&j, NULL);
	vw_json_string(&j, "name", "vw0");
	vw_json_string(&j, "none", NULL);
	vw_json_int(&j, "neg", -90);
	vw_json_uint(&j, "big", 18446744073709551615ULL);
	vw_json_bool(&j, "yes", true);
	vw_json_null(&j, "nil");
	vw_json_number(&j, "x", "-0.5");
	vw_json_open_array(&j, "empty");
	vw_json_close_array(&j);
	vw_json_open_object(&j, "o");
	vw_json_close_object(&j);
	vw_json_open_array(&j, "list");
	vw_json_int(&j, NULL, 1);
	vw_json_open_object(&j, NULL);
	vw_json_string(&j, "k\"", "v");
	vw_json_close_object(&j);
	vw_json_close_array(&j);
	vw_json_close_object(&j);
	vw_json_end(&j);
	EXPECT_STR(capture_end(&cap),
		   "{\n"
		   "  \"name\": \"vw0\",\n"
		   "  \"none\": null,\n"
		   "  \"neg\": -90,\n"
		   "  \"big\": 18446744073709551615,\n"
		   "  \"yes\": true,\n"
		   "  \"nil\": null,\n"
		   "  \"x\": -0.5,\n"
		   "  \"empty\": [],\n"
		   "  \"o\": {},\n"
		   "  \"list\": [\n"
		   "    1,\n"
		   "    {\n"
		   "      \"k\\\"\": \"v\"\n"
		   "    }\n"
		   "  ]\n"
		   "}\n");

	vw_json_init(&j, capture_start(&cap));
	vw_json_open_array(&j, NULL);
	vw_json_close_array(&j);
	vw_json_end(&j);
	EXPECT_STR(capture_end(&cap), "[]\n");
}

static void table_layout(void)
{
	struct vw_table t;

	vw_table_init(&t, "lrl", "NAME", "N", "NOTE");
	vw_table_row(&t);
	vw_table_cell(&t, "%s", "vw0");
	vw_table_cell(&t, "%d", 5);
	vw_table_cell(&t, "%s", "first");
	vw_table_row(&t);
	vw_table_cell(&t, "%s", "vw_long_name");
	vw_table_cell(&t, "%d", 12345);
	vw_table_cell(&t, "%s", "");		/* no trailing spaces */
	vw_table_row(&t);
	vw_table_cell(&t, "%s", "x");		/* a short row */
	EXPECT_INT(vw_table_print(&t, capture_start(&cap)), 0);
	EXPECT_STR(capture_end(&cap),
		   "NAME              N  NOTE\n"
		   "vw0               5  first\n"
		   "vw_long_name  12345\n"
		   "x\n");
	vw_table_free(&t);
}

static void table_header_only(void)
{
	struct vw_table t;

	vw_table_init(&t, "ll", "RECEIVER", "TRANSMITTER");
	vw_table_print(&t, capture_start(&cap));
	EXPECT_STR(capture_end(&cap), "RECEIVER  TRANSMITTER\n");
	vw_table_free(&t);
}

static void table_sanitized(void)
{
	struct vw_table t;

	/* Names with control characters must not drive the terminal. */
	vw_table_init(&t, "ll", "A", "B");
	vw_table_row(&t);
	vw_table_cell(&t, "%s", "a\033[31mb");
	vw_table_cell(&t, "%s", "caf\xc3\xa9");
	vw_table_row(&t);
	vw_table_cell(&t, "%s", "tab\there");
	vw_table_cell(&t, "%s", "c");
	vw_table_row(&t);
	/* "café" is four columns wide, not five bytes. */
	vw_table_cell(&t, "%s", "caf\xc3\xa9");
	vw_table_cell(&t, "%s", "d");
	vw_table_print(&t, capture_start(&cap));
	EXPECT_STR(capture_end(&cap),
		   "A         B\n"
		   "a?[31mb   caf\xc3\xa9\n"
		   "tab?here  c\n"
		   "caf\xc3\xa9      d\n");
	vw_table_free(&t);
}

static void names(void)
{
	static const uint8_t mac[6] = { 0x02, 0x00, 0x00, 0xab, 0xcd, 0xef };
	char buf[32];

	EXPECT_STR(vw_format_mac(mac, buf, sizeof(buf)), "02:00:00:ab:cd:ef");
	EXPECT_STR(vw_iftype_name(2, buf, sizeof(buf)), "managed");
	EXPECT_STR(vw_iftype_name(3, buf, sizeof(buf)), "AP");
	EXPECT_STR(vw_iftype_name(1, buf, sizeof(buf)), "IBSS");
	EXPECT_STR(vw_iftype_name(6, buf, sizeof(buf)), "monitor");
	EXPECT_STR(vw_iftype_name(99, buf, sizeof(buf)), "type99");
}

static void fill_radio(struct vw_radio *r, const char *ifname, uint32_t id)
{
	static const int attrs[] = {
		VWIFI_ATTR_IFNAME, VWIFI_ATTR_WIPHY, VWIFI_ATTR_RADIO_ID,
		VWIFI_ATTR_MAC, VWIFI_ATTR_IFTYPE, VWIFI_ATTR_FREQ,
		VWIFI_ATTR_POS_X, VWIFI_ATTR_POS_Y, VWIFI_ATTR_POS_Z,
		VWIFI_ATTR_TXPOWER,
	};
	size_t i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		r->present |= 1ULL << attrs[i];
	snprintf(r->ifname, sizeof(r->ifname), "%s", ifname);
	snprintf(r->wiphy, sizeof(r->wiphy), "vw_phy%u", id);
	r->id = id;
	r->mac[0] = 0x02;
	r->mac[5] = (uint8_t)id;
	r->iftype = 2;
	r->freq = 2437;
	r->pos[0] = 1500;
	r->pos[1] = -250;
	r->pos[2] = 0;
	r->txpower = 20;
	for (i = VWIFI_STAT_TX_FRAMES; i <= VWIFI_STAT_DROPPED; i++) {
		r->stats[i] = i * 100 + id;
		r->stats_present |= 1U << i;
	}
}

static void radio_table(void)
{
	struct vw_radio r[2];

	fill_radio(&r[0], "vw0", 0);
	fill_radio(&r[1], "vw12", 12);
	/* Second radio: down (no channel), no position, no counters. */
	r[1].freq = 0;
	r[1].present &= ~(1ULL << VWIFI_ATTR_POS_Y);
	r[1].stats_present = 0;
	r[1].iftype = 3;
	vw_radio_table(r, 2, capture_start(&cap));
	EXPECT_STR(capture_end(&cap),
		   "NAME  WIPHY     MAC                MODE     FREQ  X(m)   Y(m)  Z(m)  TXPOWER   TX   RX  DENIED  LOST  MALFORMED  DROPPED\n"
		   "vw0   vw_phy0   02:00:00:00:00:00  managed  2437   1.5  -0.25     0       20  100  200     300   400        500      600\n"
		   "vw12  vw_phy12  02:00:00:00:00:0c  AP          -     -      -     -       20    -    -       -     -          -        -\n");
}

static void radio_json(void)
{
	struct vw_radio r;

	fill_radio(&r, "vw\"1", 1);
	r.present &= ~(1ULL << VWIFI_ATTR_TXPOWER);
	r.stats_present &= ~(1U << VWIFI_STAT_DROPPED);
	vw_radio_json(&r, 1, capture_start(&cap), true);
	EXPECT_STR(capture_end(&cap),
		   "[\n"
		   "  {\n"
		   "    \"name\": \"vw\\\"1\",\n"
		   "    \"wiphy\": \"vw_phy1\",\n"
		   "    \"id\": 1,\n"
		   "    \"mac\": \"02:00:00:00:00:01\",\n"
		   "    \"mode\": \"managed\",\n"
		   "    \"iftype\": 2,\n"
		   "    \"freq\": 2437,\n"
		   "    \"position\": {\n"
		   "      \"x\": 1.5,\n"
		   "      \"y\": -0.25,\n"
		   "      \"z\": 0\n"
		   "    },\n"
		   "    \"position_mm\": {\n"
		   "      \"x\": 1500,\n"
		   "      \"y\": -250,\n"
		   "      \"z\": 0\n"
		   "    },\n"
		   "    \"txpower\": null,\n"
		   "    \"stats\": {\n"
		   "      \"tx_frames\": 101,\n"
		   "      \"rx_frames\": 201,\n"
		   "      \"rx_denied\": 301,\n"
		   "      \"rx_lost\": 401,\n"
		   "      \"rx_malformed\": 501,\n"
		   "      \"dropped\": null\n"
		   "    }\n"
		   "  }\n"
		   "]\n");

	/* One radio alone (radio add) is an object, not a list. */
	fill_radio(&r, "vw3", 3);
	vw_radio_json(&r, 1, capture_start(&cap), false);
	EXPECT(capture_end(&cap)[0] == '{');
	vw_radio_json(&r, 0, capture_start(&cap), true);
	EXPECT_STR(capture_end(&cap), "[]\n");
}

static void pair_output(void)
{
	struct vw_pair p[2] = {
		{ .radio = "vw2", .peer = "vw1" },
		{ .radio = "vw_phy10", .peer = "vw3", .has_loss = true, .loss = 50 },
	};

	vw_deny_table(p, 2, capture_start(&cap));
	EXPECT_STR(capture_end(&cap),
		   "RECEIVER  TRANSMITTER\n"
		   "vw2       vw1\n"
		   "vw_phy10  vw3\n");
	vw_deny_json(p, 1, capture_start(&cap));
	EXPECT_STR(capture_end(&cap),
		   "[\n"
		   "  {\n"
		   "    \"receiver\": \"vw2\",\n"
		   "    \"transmitter\": \"vw1\"\n"
		   "  }\n"
		   "]\n");
	vw_link_table(p, 2, capture_start(&cap));
	EXPECT_STR(capture_end(&cap),
		   "TRANSMITTER  RECEIVER  LOSS\n"
		   "vw2          vw1          -\n"
		   "vw_phy10     vw3        50%\n");
	vw_link_json(&p[1], 1, capture_start(&cap));
	EXPECT_STR(capture_end(&cap),
		   "[\n"
		   "  {\n"
		   "    \"transmitter\": \"vw_phy10\",\n"
		   "    \"receiver\": \"vw3\",\n"
		   "    \"loss\": 50\n"
		   "  }\n"
		   "]\n");
}

static void model_output(void)
{
	struct vw_model m = {
		.has_exp = true, .exp_tenths = 30,
		.has_sens = true, .sensitivity = -90,
	};

	vw_model_table(&m, capture_start(&cap));
	EXPECT_STR(capture_end(&cap),
		   "EXPONENT  SENSITIVITY(dBm)\n"
		   "     3.0               -90\n");
	vw_model_json(&m, capture_start(&cap));
	EXPECT_STR(capture_end(&cap),
		   "{\n"
		   "  \"path_loss_exponent\": 3.0,\n"
		   "  \"sensitivity\": -90\n"
		   "}\n");
}

static void transport_output(void)
{
	struct vw_transport t = { .ifname = "eth1" };

	t.stats[VWIFI_STAT_TX_FRAMES] = 10;
	t.stats[VWIFI_STAT_RX_FRAMES] = 20;
	t.stats[VWIFI_STAT_RX_OWN] = 3;
	t.stats_present = 1U << VWIFI_STAT_TX_FRAMES | 1U << VWIFI_STAT_RX_FRAMES |
			  1U << VWIFI_STAT_RX_OWN;
	vw_transport_table(&t, capture_start(&cap));
	EXPECT_STR(capture_end(&cap),
		   "INTERFACE  TX  RX  MALFORMED  OWN\n"
		   "eth1       10  20          -    3\n");
	t.ifname[0] = '\0';
	vw_transport_json(&t, capture_start(&cap));
	EXPECT_STR(capture_end(&cap),
		   "{\n"
		   "  \"interface\": null,\n"
		   "  \"stats\": {\n"
		   "    \"tx_frames\": 10,\n"
		   "    \"rx_frames\": 20,\n"
		   "    \"rx_malformed\": null,\n"
		   "    \"rx_own\": 3\n"
		   "  }\n"
		   "}\n");
}

int main(void)
{
	TEST(json_escaping);
	TEST(json_shape);
	TEST(table_layout);
	TEST(table_header_only);
	TEST(table_sanitized);
	TEST(names);
	TEST(radio_table);
	TEST(radio_json);
	TEST(pair_output);
	TEST(model_output);
	TEST(transport_output);
	free(cap.buf);
	return test_summary("test_format");
}
