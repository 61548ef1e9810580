// SPDX-License-Identifier: GPL-2.0
/* Information elements: chain validation, lookup, writing. */
#include "check.h"
#include "vw_core.h"

/* SSID "ab", an empty element 221, Supported Rates with two rates */
static const u8 chain[] = {
	0x00, 0x02, 'a', 'b',
	0xdd, 0x00,
	0x01, 0x02, 0x82, 0x84,
};

static bool valid_copy(const u8 *ies, size_t len)
{
	u8 *p = check_dup(ies, len);
	bool ok = vw_ie_chain_valid(p, len);

	free(p);
	return ok;
}

static void test_chain_valid(void)
{
	static const u8 max_elem_hdr[2] = { 0x10, 0xff };
	u8 max_elem[257] = { 0x10, 0xff };

	CHECK(vw_ie_chain_valid(NULL, 0));
	CHECK(vw_ie_chain_valid(chain, 0));
	CHECK(valid_copy(chain, sizeof(chain)));
	CHECK(valid_copy(chain, 4));		/* SSID alone */
	CHECK(valid_copy(chain, 6));		/* SSID + empty element */
	CHECK(valid_copy(max_elem, sizeof(max_elem)));
	CHECK(!valid_copy(max_elem_hdr, sizeof(max_elem_hdr)));
}

static void test_chain_invalid(void)
{
	static const u8 trailing[] = { 0x00, 0x00, 0x07 };
	size_t len;

	CHECK(!vw_ie_chain_valid(NULL, 3));
	CHECK(!valid_copy(trailing, sizeof(trailing)));
	/* every cut that is not on an element boundary breaks the chain */
	for (len = 0; len <= sizeof(chain); len++) {
		bool boundary = len == 0 || len == 4 || len == 6 ||
				len == sizeof(chain);

		CHECK_EQ(valid_copy(chain, len), boundary);
	}
}

static void test_find(void)
{
	static const u8 dup[] = { 0x03, 0x01, 0x06, 0x03, 0x01, 0x0b };
	u8 *p = check_dup(chain, sizeof(chain));
	u8 *d = check_dup(dup, sizeof(dup));

	CHECK(vw_ie_find(p, sizeof(chain), VW_EID_SSID) == p);
	CHECK(vw_ie_find(p, sizeof(chain), 0xdd) == p + 4);
	CHECK(vw_ie_find(p, sizeof(chain), VW_EID_RATES) == p + 6);
	CHECK(vw_ie_find(p, sizeof(chain), VW_EID_RSN) == NULL);
	CHECK(vw_ie_find(NULL, 0, VW_EID_SSID) == NULL);
	CHECK(vw_ie_find(p, 0, VW_EID_SSID) == NULL);
	/* the first of two */
	CHECK(vw_ie_find(d, sizeof(dup), VW_EID_DS_PARAMS) == d);
	free(p);
	free(d);
}

static void test_find_truncated(void)
{
	size_t len;

	/* an element whose data is cut is never returned */
	for (len = 0; len < sizeof(chain); len++) {
		u8 *p = check_dup(chain, len);

		if (len < 10)
			CHECK(vw_ie_find(p, len, VW_EID_RATES) == NULL);
		if (len < 4)
			CHECK(vw_ie_find(p, len, VW_EID_SSID) == NULL);
		else
			CHECK(vw_ie_find(p, len, VW_EID_SSID) == p);
		free(p);
	}
}

static void test_put(void)
{
	u8 buf[8], data[255], big[257];
	int i;

	CHECK_EQ(vw_ie_put(buf, sizeof(buf), VW_EID_SSID, (const u8 *)"net", 3),
		 5);
	CHECK_MEM(buf, "\x00\x03net", 5);
	/* an empty element, e.g. the wildcard SSID */
	CHECK_EQ(vw_ie_put(buf, 2, VW_EID_SSID, NULL, 0), 2);
	CHECK_MEM(buf, "\x00\x00", 2);

	for (i = 0; i < 255; i++)
		data[i] = (u8)i;
	CHECK_EQ(vw_ie_put(big, sizeof(big), 0xdd, data, 255), 257);
	CHECK_EQ(big[1], 255);
	CHECK_MEM(big + 2, data, 255);
	CHECK(vw_ie_chain_valid(big, sizeof(big)));
}

static void test_put_overflow(void)
{
	u8 buf[8], data[256] = { 0 };

	memset(buf, 0x5a, sizeof(buf));
	CHECK_EQ(vw_ie_put(buf, 4, VW_EID_SSID, (const u8 *)"net", 3),
		 -VW_ENOSPC);
	CHECK_EQ(vw_ie_put(buf, 1, VW_EID_SSID, NULL, 0), -VW_ENOSPC);
	CHECK_EQ(vw_ie_put(buf, 0, VW_EID_SSID, NULL, 0), -VW_ENOSPC);
	CHECK_EQ(buf[0], 0x5a);
	/* a length byte cannot say 256 */
	CHECK_EQ(vw_ie_put(buf, 1000, 0xdd, data, 256), -VW_EINVAL);
	CHECK_EQ(vw_ie_put(buf, sizeof(buf), 0xdd, NULL, 3), -VW_EINVAL);
}

static void test_legacy_rates(void)
{
	static const u8 want[] = {
		VW_EID_RATES, 8, 0x82, 0x84, 0x8b, 0x96, 12, 18, 24, 36,
		VW_EID_EXT_RATES, 4, 48, 72, 96, 108,
	};
	u8 buf[32];

	CHECK_EQ(vw_ie_put_legacy_rates(buf, sizeof(buf), true), sizeof(want));
	CHECK_MEM(buf, want, sizeof(want));
	CHECK(vw_ie_chain_valid(buf, sizeof(want)));
	CHECK(vw_ie_find(buf, sizeof(want), VW_EID_SSID) == NULL);
	CHECK_EQ(vw_ie_put_legacy_rates(buf, sizeof(want), true), sizeof(want));
}

/* 5 GHz: OFDM only, 6, 12 and 24 Mb/s basic, no Extended Supported Rates */
static void test_legacy_rates_5ghz(void)
{
	static const u8 want[] = {
		VW_EID_RATES, 8, 0x8c, 18, 0x98, 36, 0xb0, 72, 96, 108,
	};
	u8 buf[32];
	size_t cap;

	memset(buf, 0x5a, sizeof(buf));
	CHECK_EQ(vw_ie_put_legacy_rates(buf, sizeof(buf), false),
		 sizeof(want));
	CHECK_MEM(buf, want, sizeof(want));
	CHECK_EQ(buf[sizeof(want)], 0x5a);
	CHECK(vw_ie_find(buf, sizeof(want), VW_EID_EXT_RATES) == NULL);
	CHECK_EQ(vw_ie_put_legacy_rates(buf, sizeof(want), false),
		 sizeof(want));
	for (cap = 0; cap < sizeof(want); cap++) {
		memset(buf, 0x5a, sizeof(buf));
		CHECK_EQ(vw_ie_put_legacy_rates(buf, cap, false), -VW_ENOSPC);
		CHECK_EQ(buf[0], 0x5a);
	}
}

static void test_find_vendor(void)
{
	static const u8 ies[] = {
		VW_EID_SSID, 1, 'x',
		VW_EID_VENDOR, 3, 0x00, 0x50, 0xf2,		/* too short */
		VW_EID_VENDOR, 5, 0x00, 0x50, 0xf2, 4, 0,	/* WPS */
		VW_EID_VENDOR, 5, 0x00, 0x50, 0xf3, 2, 0,	/* other OUI */
		VW_EID_VENDOR, 7, 0x00, 0x50, 0xf2, 2, 0, 1, 0,	/* WMM */
		VW_EID_VENDOR, 5, 0x00, 0x50, 0xf2, 2, 9,	/* a second */
	};
	u8 *p = check_dup(ies, sizeof(ies));
	const u8 *e;

	e = vw_ie_find_vendor(p, sizeof(ies), VW_OUI_MICROSOFT, VW_WMM_TYPE);
	CHECK(e == p + 22);
	e = vw_ie_find_vendor(p, sizeof(ies), VW_OUI_MICROSOFT, 4);
	CHECK(e == p + 8);
	CHECK(vw_ie_find_vendor(p, sizeof(ies), 0x0050f3, 2) == p + 15);
	CHECK(vw_ie_find_vendor(p, sizeof(ies), 0x001018, 2) == NULL);
	/* an element cut short by the chain's end is not looked into */
	CHECK(vw_ie_find_vendor(p, 28, VW_OUI_MICROSOFT, VW_WMM_TYPE) == NULL);
	CHECK(vw_ie_find_vendor(NULL, 0, VW_OUI_MICROSOFT, 2) == NULL);
	free(p);
}

static void test_legacy_rates_overflow(void)
{
	u8 buf[16];
	size_t cap;

	for (cap = 0; cap < sizeof(buf); cap++) {
		memset(buf, 0x5a, sizeof(buf));
		CHECK_EQ(vw_ie_put_legacy_rates(buf, cap, true), -VW_ENOSPC);
		CHECK_EQ(buf[0], 0x5a);
	}
}

/*
 * RSN capabilities behind the suite lists; hostapd's WPA2-PSK RSNE with
 * PMF capable and required, then the same cut short at every length.
 */
static void test_rsn_caps(void)
{
	static const u8 rsn[] = {
		48, 20, 1, 0,			/* version 1 */
		0x00, 0x0f, 0xac, 4,		/* group CCMP */
		1, 0, 0x00, 0x0f, 0xac, 4,	/* pairwise CCMP */
		1, 0, 0x00, 0x0f, 0xac, 6,	/* AKM PSK-SHA256 */
		0xc0, 0x00,			/* MFPC, MFPR */
	};
	/* two pairwise suites move the capabilities */
	static const u8 rsn2[] = {
		48, 24, 1, 0, 0x00, 0x0f, 0xac, 4,
		2, 0, 0x00, 0x0f, 0xac, 4, 0x00, 0x0f, 0xac, 9,
		1, 0, 0x00, 0x0f, 0xac, 2, 0x80, 0x00,
	};
	u8 cut[sizeof(rsn)];
	u16 caps = 0;
	size_t n;

	CHECK_EQ(vw_rsn_caps(rsn, &caps), 0);
	CHECK_EQ(caps, VW_RSN_CAP_MFPC | VW_RSN_CAP_MFPR);
	CHECK_EQ(vw_rsn_caps(rsn2, &caps), 0);
	CHECK_EQ(caps, VW_RSN_CAP_MFPC);
	for (n = 2; n < sizeof(rsn); n++) {
		memcpy(cut, rsn, n);
		cut[1] = (u8)(n - 2);
		CHECK_EQ(vw_rsn_caps(cut, &caps), -VW_ETRUNC);
	}
	/* a count that runs past the element */
	memcpy(cut, rsn, sizeof(rsn));
	cut[8] = 0xff;
	CHECK_EQ(vw_rsn_caps(cut, &caps), -VW_ETRUNC);
	cut[0] = 221;
	CHECK_EQ(vw_rsn_caps(cut, &caps), -VW_EINVAL);
	CHECK_EQ(vw_rsn_caps(NULL, &caps), -VW_EINVAL);
}

/* the AKM list: found in its place, never past a cut element */
static void test_rsn_has_akm(void)
{
	static const u8 rsn[] = {
		48, 24, 1, 0, 0x00, 0x0f, 0xac, 4,
		1, 0, 0x00, 0x0f, 0xac, 4,
		2, 0, 0x00, 0x0f, 0xac, 2, 0x00, 0x0f, 0xac, 18,	/* PSK, OWE */
		0x80, 0x00,
	};
	u8 cut[sizeof(rsn)];
	size_t n;

	CHECK(vw_rsn_has_akm(rsn, VW_AKM_OWE));
	CHECK(vw_rsn_has_akm(rsn, 0x000fac02));
	CHECK(!vw_rsn_has_akm(rsn, 0x000fac08));
	/* the group cipher is no AKM */
	CHECK(!vw_rsn_has_akm(rsn, 0x000fac04));
	for (n = 2; n < 2 + 22; n++) {
		memcpy(cut, rsn, n);
		cut[1] = (u8)(n - 2);
		CHECK(!vw_rsn_has_akm(cut, VW_AKM_OWE));
	}
	CHECK(!vw_rsn_has_akm(NULL, VW_AKM_OWE));
}

/* extension elements by their extension id; a bare 255 has none */
static void test_find_ext(void)
{
	static const u8 ies[] = {
		255, 0,				/* no extension id */
		255, 3, 35, 0xaa, 0xbb,		/* HE capabilities */
		255, 4, 32, 19, 0, 0xcc,	/* OWE DH, group 19 */
	};

	CHECK_EQ(vw_ie_find_ext(ies, sizeof(ies), VW_EID_EXT_OWE_DH), ies + 7);
	CHECK_EQ(vw_ie_find_ext(ies, sizeof(ies), 35), ies + 2);
	CHECK(!vw_ie_find_ext(ies, sizeof(ies), 36));
	/* the DH element cut short is not found */
	CHECK(!vw_ie_find_ext(ies, sizeof(ies) - 1, VW_EID_EXT_OWE_DH));
	CHECK(!vw_ie_find_ext(NULL, 0, VW_EID_EXT_OWE_DH));
}

int main(void)
{
	RUN(test_chain_valid);
	RUN(test_chain_invalid);
	RUN(test_find);
	RUN(test_find_truncated);
	RUN(test_put);
	RUN(test_put_overflow);
	RUN(test_legacy_rates);
	RUN(test_legacy_rates_overflow);
	RUN(test_legacy_rates_5ghz);
	RUN(test_find_vendor);
	RUN(test_rsn_caps);
	RUN(test_rsn_has_akm);
	RUN(test_find_ext);
	return check_summary("test_ie");
}
