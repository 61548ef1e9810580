// SPDX-License-Identifier: GPL-2.0
/*
 * Control messages between their wire layout (vw_medium_ctl.h) and their
 * structs, driven by one table of fields per type so that the daemon and
 * every client read and write the same offsets. Plain C and libc only:
 * a tool links this file and vw_medium_client.c, nothing else.
 */
#include <errno.h>
#include <string.h>

#include "vw_medium_ctl.h"

enum field_kind {
	K_INT,		/* 1, 2, 4 or 8 bytes, host field of the same width */
	K_BYTES,	/* raw bytes, host array of at least as many */
	K_TEXT,		/* runs to the end of the payload, up to size bytes */
};

struct field {
	uint16_t off;
	uint16_t size;
	uint16_t host;
	uint8_t kind;
};

struct layout {
	uint16_t type;
	uint16_t wire_len;	/* what this version writes */
	uint16_t required;	/* shorter is refused */
	const char *name;
	size_t host_size;
	const struct field *f;
	unsigned int n;
};

#define FSIZE(st, m) sizeof(((struct st *)0)->m)
#define INT(st, m, o) { o, FSIZE(st, m), offsetof(struct st, m), K_INT }
#define BYTES(st, m, o, n) { o, n, offsetof(struct st, m), K_BYTES }
#define TEXT(st, m, o, n) { o, n, offsetof(struct st, m), K_TEXT }
#define FIELDS(a) a, sizeof(a) / sizeof(a[0])

static const struct field f_status[] = {
	INT(vw_ctl_status, error, 0),
	TEXT(vw_ctl_status, text, 4, VW_CTL_TEXT_MAX),
};

static const struct field f_pos[] = {
	BYTES(vw_ctl_pos, addr, 0, 6),
	INT(vw_ctl_pos, x, 8),
	INT(vw_ctl_pos, y, 12),
	INT(vw_ctl_pos, z, 16),
};

static const struct field f_txpower[] = {
	BYTES(vw_ctl_txpower, addr, 0, 6),
	INT(vw_ctl_txpower, set, 6),
	INT(vw_ctl_txpower, dbm, 7),
};

static const struct field f_link[] = {
	BYTES(vw_ctl_link, tx, 0, 6),
	BYTES(vw_ctl_link, rx, 6, 6),
	INT(vw_ctl_link, loss, 12),
};

static const struct field f_deny[] = {
	BYTES(vw_ctl_deny, rx, 0, 6),
	BYTES(vw_ctl_deny, tx, 6, 6),
};

static const struct field f_model[] = {
	INT(vw_ctl_model, which, 0),
	INT(vw_ctl_model, exponent_x10, 4),
	INT(vw_ctl_model, sensitivity, 8),
};

static const struct field f_node[] = {
	INT(vw_ctl_node, id, 0),
	INT(vw_ctl_node, n_radios, 4),
	INT(vw_ctl_node, rx_frames, 8),
	INT(vw_ctl_node, rx_bytes, 16),
	INT(vw_ctl_node, tx_frames, 24),
	INT(vw_ctl_node, tx_bytes, 32),
	INT(vw_ctl_node, drop_not_air, 40),
	INT(vw_ctl_node, drop_malformed, 48),
	INT(vw_ctl_node, drop_radio_limit, 56),
	INT(vw_ctl_node, drop_queue_full, 64),
	INT(vw_ctl_node, connected_ms, 72),
	BYTES(vw_ctl_node, peer, 80, VW_CTL_PEER_LEN),
};

static const struct field f_radio[] = {
	BYTES(vw_ctl_radio, addr, 0, 6),
	INT(vw_ctl_radio, flags, 6),
	INT(vw_ctl_radio, txpower_override, 7),
	INT(vw_ctl_radio, node, 8),
	INT(vw_ctl_radio, x, 12),
	INT(vw_ctl_radio, y, 16),
	INT(vw_ctl_radio, z, 20),
	INT(vw_ctl_radio, tx_power, 24),
	INT(vw_ctl_radio, freq, 26),
	INT(vw_ctl_radio, tx_frames, 32),
	INT(vw_ctl_radio, tx_bytes, 40),
	INT(vw_ctl_radio, rx_frames, 48),
	INT(vw_ctl_radio, rx_denied, 56),
	INT(vw_ctl_radio, rx_weak, 64),
	INT(vw_ctl_radio, rx_lost, 72),
	INT(vw_ctl_radio, rx_queue_full, 80),
};

static const struct field f_stats[] = {
	INT(vw_ctl_stats, clients, 0),
	INT(vw_ctl_stats, radios, 4),
	INT(vw_ctl_stats, uptime_ms, 8),
	INT(vw_ctl_stats, clients_total, 16),
	INT(vw_ctl_stats, cutoffs, 24),
	INT(vw_ctl_stats, rx_frames, 32),
	INT(vw_ctl_stats, rx_bytes, 40),
	INT(vw_ctl_stats, air_frames, 48),
	INT(vw_ctl_stats, drop_not_air, 56),
	INT(vw_ctl_stats, drop_malformed, 64),
	INT(vw_ctl_stats, drop_radio_limit, 72),
	INT(vw_ctl_stats, tx_frames, 80),
	INT(vw_ctl_stats, tx_bytes, 88),
	INT(vw_ctl_stats, drop_denied, 96),
	INT(vw_ctl_stats, drop_weak, 104),
	INT(vw_ctl_stats, drop_lost, 112),
	INT(vw_ctl_stats, drop_queue_full, 120),
	INT(vw_ctl_stats, pcap_frames, 128),
	INT(vw_ctl_stats, radio_moves, 136),
};

#define EMPTY(t, nm) { t, 0, 0, nm, 0, NULL, 0 }
#define MSG(t, nm, wire, req, st, f) \
	{ t, wire, req, nm, sizeof(struct st), FIELDS(f) }

static const struct layout layouts[] = {
	EMPTY(VW_CTL_NODE_LIST, "NODE_LIST"),
	EMPTY(VW_CTL_RADIO_LIST, "RADIO_LIST"),
	MSG(VW_CTL_POS_SET, "POS_SET", 20, 20, vw_ctl_pos, f_pos),
	MSG(VW_CTL_TXPOWER_SET, "TXPOWER_SET", 8, 8, vw_ctl_txpower, f_txpower),
	MSG(VW_CTL_LINK_SET, "LINK_SET", 13, 13, vw_ctl_link, f_link),
	EMPTY(VW_CTL_LINK_LIST, "LINK_LIST"),
	EMPTY(VW_CTL_LINK_CLEAR, "LINK_CLEAR"),
	MSG(VW_CTL_DENY_ADD, "DENY_ADD", 12, 12, vw_ctl_deny, f_deny),
	MSG(VW_CTL_DENY_DEL, "DENY_DEL", 12, 12, vw_ctl_deny, f_deny),
	EMPTY(VW_CTL_DENY_LIST, "DENY_LIST"),
	EMPTY(VW_CTL_DENY_CLEAR, "DENY_CLEAR"),
	EMPTY(VW_CTL_MODEL_GET, "MODEL_GET"),
	MSG(VW_CTL_MODEL_SET, "MODEL_SET", 12, 4, vw_ctl_model, f_model),
	EMPTY(VW_CTL_STATS, "STATS"),
	MSG(VW_CTL_R_STATUS, "R_STATUS", 4, 4, vw_ctl_status, f_status),
	MSG(VW_CTL_R_NODE, "R_NODE", 144, 0, vw_ctl_node, f_node),
	MSG(VW_CTL_R_RADIO, "R_RADIO", 88, 0, vw_ctl_radio, f_radio),
	MSG(VW_CTL_R_LINK, "R_LINK", 13, 0, vw_ctl_link, f_link),
	MSG(VW_CTL_R_DENY, "R_DENY", 12, 0, vw_ctl_deny, f_deny),
	MSG(VW_CTL_R_MODEL, "R_MODEL", 12, 0, vw_ctl_model, f_model),
	MSG(VW_CTL_R_STATS, "R_STATS", 144, 0, vw_ctl_stats, f_stats),
};

static const struct layout *layout_of(uint16_t type)
{
	size_t i;

	for (i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
		if (layouts[i].type == type)
			return &layouts[i];
	return NULL;
}

static void put_be(uint8_t *p, uint64_t v, unsigned int size)
{
	while (size--) {
		p[size] = (uint8_t)v;
		v >>= 8;
	}
}

static uint64_t get_be(const uint8_t *p, unsigned int size)
{
	uint64_t v = 0;

	while (size--)
		v = (v << 8) | *p++;
	return v;
}

static uint64_t host_get(const uint8_t *h, unsigned int size)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	switch (size) {
	case 1: memcpy(&u8, h, 1); return u8;
	case 2: memcpy(&u16, h, 2); return u16;
	case 4: memcpy(&u32, h, 4); return u32;
	default: memcpy(&u64, h, 8); return u64;
	}
}

static void host_put(uint8_t *h, uint64_t v, unsigned int size)
{
	uint8_t u8 = (uint8_t)v;
	uint16_t u16 = (uint16_t)v;
	uint32_t u32 = (uint32_t)v;

	switch (size) {
	case 1: memcpy(h, &u8, 1); break;
	case 2: memcpy(h, &u16, 2); break;
	case 4: memcpy(h, &u32, 4); break;
	default: memcpy(h, &v, 8); break;
	}
}

void vw_ctl_hdr_put(uint8_t *buf, uint16_t type, uint32_t len)
{
	buf[0] = VW_CTL_VERSION;
	buf[1] = 0;
	put_be(buf + 2, type, 2);
	put_be(buf + 4, len, 4);
}

void vw_ctl_hdr_get(const uint8_t *buf, struct vw_ctl_hdr *h)
{
	h->version = buf[0];
	h->flags = buf[1];
	h->type = (uint16_t)get_be(buf + 2, 2);
	h->len = (uint32_t)get_be(buf + 4, 4);
}

int vw_ctl_payload_len(uint16_t type)
{
	const struct layout *l = layout_of(type);

	return l ? l->wire_len : -EOPNOTSUPP;
}

const char *vw_ctl_type_name(uint16_t type)
{
	const struct layout *l = layout_of(type);

	return l ? l->name : NULL;
}

int vw_ctl_encode(uint16_t type, const void *msg, uint8_t *buf, size_t cap)
{
	const struct layout *l = layout_of(type);
	const uint8_t *h = msg;
	uint8_t *p = buf + VW_CTL_HDR_LEN;
	size_t len, n;
	unsigned int i;

	if (!l)
		return -EOPNOTSUPP;
	len = l->wire_len;
	for (i = 0; i < l->n; i++) {
		if (l->f[i].kind != K_TEXT)
			continue;
		n = strnlen((const char *)h + l->f[i].host, l->f[i].size);
		len = l->f[i].off + n;
	}
	if (cap < VW_CTL_HDR_LEN + len)
		return -ENOSPC;

	memset(p, 0, len);
	for (i = 0; i < l->n; i++) {
		const struct field *f = &l->f[i];

		switch (f->kind) {
		case K_INT:
			put_be(p + f->off, host_get(h + f->host, f->size),
			       f->size);
			break;
		case K_BYTES:
			memcpy(p + f->off, h + f->host, f->size);
			break;
		case K_TEXT:
			memcpy(p + f->off, h + f->host, len - f->off);
			break;
		}
	}
	vw_ctl_hdr_put(buf, type, (uint32_t)len);
	return (int)(VW_CTL_HDR_LEN + len);
}

int vw_ctl_decode(uint16_t type, const uint8_t *payload, size_t len,
		  void *msg)
{
	const struct layout *l = layout_of(type);
	uint8_t *h = msg;
	unsigned int i;
	size_t n;

	if (!l)
		return -EOPNOTSUPP;
	if (len < l->required)
		return -EINVAL;
	if (h)
		memset(h, 0, l->host_size);
	for (i = 0; h && i < l->n; i++) {
		const struct field *f = &l->f[i];

		if (f->kind == K_TEXT) {
			if (len <= f->off)
				continue;
			n = len - f->off;
			memcpy(h + f->host, payload + f->off,
			       n < f->size ? n : f->size);
			continue;
		}
		/* a field the sender did not send reads as 0 */
		if ((size_t)f->off + f->size > len)
			continue;
		if (f->kind == K_INT)
			host_put(h + f->host, get_be(payload + f->off, f->size),
				 f->size);
		else
			memcpy(h + f->host, payload + f->off, f->size);
	}
	return 0;
}
