/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * vwifi-medium control protocol, version 1.
 *
 * vwifi-medium listens on a unix stream socket (default
 * /run/vwifi-medium.ctl, created with mode 0600: root, or whoever the
 * file's permissions let in). A client sends requests; the daemon answers
 * each, in order, with zero or more records followed by exactly one
 * VW_CTL_R_STATUS. Requests may be pipelined. vw_medium_client.h wraps
 * all of this for a command-line tool.
 *
 * Every message is an 8-byte header and a payload. Integers are in
 * network byte order (big-endian), signed ones in two's complement;
 * addresses are 6 raw bytes; "reserved" bytes are sent as 0 and ignored.
 * Offsets below count from the start of the payload.
 *
 *   header, VW_CTL_HDR_LEN bytes
 *     0  u8   version  VW_CTL_VERSION
 *     1  u8   flags    0 (reserved)
 *     2  u16  type     enum vw_ctl_type
 *     4  u32  len      payload bytes after the header, <= VW_CTL_PAYLOAD_MAX
 *
 * Compatibility: any message may grow at its end. A receiver ignores the
 * bytes past the layout it knows and reads the fields a short payload
 * lacks as 0; a request shorter than its "required" length is refused
 * with EINVAL. A request with a version other than VW_CTL_VERSION gets a
 * status EPROTONOSUPPORT whose header carries the daemon's version; an
 * unknown type gets EOPNOTSUPP. A header announcing more than
 * VW_CTL_PAYLOAD_MAX bytes makes the daemon close the connection, as the
 * stream can no longer be trusted.
 *
 * Radios are named by their permanent address (the air header's tx_addr).
 * A radio needs no traffic before it is configured: a position, tx power,
 * link or deny given for an address the medium has not heard yet waits
 * for the radio and applies from its first frame. Configuration outlives
 * the connection of the guest carrying the radio.
 *
 * ---- Requests (client to daemon) ----
 *
 * VW_CTL_NODE_LIST: no payload. One VW_CTL_R_NODE per connected client
 *   (guest NIC), oldest first.
 * VW_CTL_RADIO_LIST: no payload. One VW_CTL_R_RADIO per radio known,
 *   connected or not, in the order they became known.
 * VW_CTL_POS_SET: required 20.
 *     0  addr[6]   radio
 *     6  u16       reserved
 *     8  s32 x     millimetres
 *    12  s32 y
 *    16  s32 z
 * VW_CTL_TXPOWER_SET: required 8.
 *     0  addr[6]   radio
 *     6  u8  set   1: transmit at dbm whatever the air header says;
 *                  0: back to the air header's tx power
 *     7  s8  dbm   VW_CTL_TXPOWER_MIN..VW_CTL_TXPOWER_MAX when set is 1
 * VW_CTL_LINK_SET: required 13. Loss on one direction of one link.
 *     0  tx[6]     transmitting radio
 *     6  rx[6]     receiving radio
 *    12  u8  loss  percent of tx's frames rx loses at random, 0..100;
 *                  0 removes the setting
 * VW_CTL_LINK_LIST: no payload. One VW_CTL_R_LINK per link with a loss.
 * VW_CTL_LINK_CLEAR: no payload. Removes every link loss.
 * VW_CTL_DENY_ADD, VW_CTL_DENY_DEL: required 12. rx denies (does not
 *   hear) every frame from tx; DENY_DEL of a pair not denied is ENOENT.
 *     0  rx[6]     receiving radio, the one that denies
 *     6  tx[6]     transmitting radio
 * VW_CTL_DENY_LIST: no payload. One VW_CTL_R_DENY per pair.
 * VW_CTL_DENY_CLEAR: no payload. Empties the denylist.
 * VW_CTL_MODEL_GET: no payload. One VW_CTL_R_MODEL.
 * VW_CTL_MODEL_SET: required 4; the fields "which" names are required.
 *     0  u32 which           VW_CTL_MODEL_EXPONENT | VW_CTL_MODEL_SENSITIVITY
 *     4  s32 exponent_x10    path loss exponent in tenths, 10..60
 *     8  s32 sensitivity     dBm, -120..0: weaker frames are not heard
 * VW_CTL_STATS: no payload. One VW_CTL_R_STATS.
 *
 * ---- Replies (daemon to client) ----
 *
 * VW_CTL_R_STATUS: ends every reply.
 *     0  s32 error   0, or a positive errno value
 *     4  text        why, for a human; not NUL-terminated, runs to the
 *                    end of the payload, at most VW_CTL_TEXT_MAX bytes
 * VW_CTL_R_NODE: 144 bytes.
 *     0  u32 id                 node id, from 1, never reused
 *     4  u32 n_radios           radios learned on it
 *     8  u64 rx_frames          frames the medium received from it
 *    16  u64 rx_bytes
 *    24  u64 tx_frames          frames the medium sent to it
 *    32  u64 tx_bytes
 *    40  u64 drop_not_air       its frames that were not EtherType 0x88B5
 *    48  u64 drop_malformed     short Ethernet frame, bad air header,
 *                               MPDU under 10 bytes
 *    56  u64 drop_radio_limit   new transmitters past the radio limits
 *    64  u64 drop_queue_full    frames to it dropped: its queue was full
 *    72  u64 connected_ms       time since it connected
 *    80  char peer[64]          "unix pid P uid U" or "tcp ADDR:PORT",
 *                               NUL-padded
 * VW_CTL_R_RADIO: 88 bytes.
 *     0  addr[6]
 *     6  u8  flags              VW_CTL_RADIO_*
 *     7  s8  txpower_override   dBm, meaningful with VW_CTL_RADIO_TXPOWER_SET
 *     8  u32 node               node carrying it, 0 if none
 *    12  s32 x, 16 s32 y, 20 s32 z    millimetres
 *    24  s8  tx_power           dBm in its last air header
 *    25  u8  reserved
 *    26  u16 freq               MHz of its last frame
 *    28  u32 reserved
 *    32  u64 tx_frames          frames it sent
 *    40  u64 tx_bytes
 *    48  u64 rx_frames          frames delivered to it
 *    56  u64 rx_denied          dropped by its denylist
 *    64  u64 rx_weak            dropped under the sensitivity
 *    72  u64 rx_lost            dropped by link loss
 *    80  u64 rx_queue_full      dropped: its node's queue was full
 * VW_CTL_R_LINK: as VW_CTL_LINK_SET.
 * VW_CTL_R_DENY: as VW_CTL_DENY_ADD.
 * VW_CTL_R_MODEL: as VW_CTL_MODEL_SET, which naming every field.
 * VW_CTL_R_STATS: 144 bytes, the whole medium.
 *     0  u32 clients            connected now
 *     4  u32 radios             known
 *     8  u64 uptime_ms
 *    16  u64 clients_total      connections ever taken
 *    24  u64 cutoffs            clients cut off for an oversized frame
 *    32  u64 rx_frames, 40 u64 rx_bytes       from all clients
 *    48  u64 air_frames         of which air frames put on the air
 *    56  u64 drop_not_air, 64 u64 drop_malformed, 72 u64 drop_radio_limit
 *    80  u64 tx_frames, 88 u64 tx_bytes       copies sent to clients
 *    96  u64 drop_denied, 104 u64 drop_weak, 112 u64 drop_lost,
 *   120  u64 drop_queue_full    copies not sent, by reason
 *   128  u64 pcap_frames        frames written to --pcap
 *   136  u64 radio_moves        a radio heard from another client than
 *                               before (a guest came back, or two guests
 *                               use one address)
 */
#ifndef VW_MEDIUM_CTL_H
#define VW_MEDIUM_CTL_H

#include <stddef.h>
#include <stdint.h>

#define VW_CTL_VERSION 1
#define VW_CTL_HDR_LEN 8
#define VW_CTL_PAYLOAD_MAX 65536
#define VW_CTL_TEXT_MAX 200
#define VW_CTL_PEER_LEN 64
#define VW_CTL_TXPOWER_MIN (-10)
#define VW_CTL_TXPOWER_MAX 40

enum vw_ctl_type {
	VW_CTL_NODE_LIST = 1,
	VW_CTL_RADIO_LIST = 2,
	VW_CTL_POS_SET = 3,
	VW_CTL_TXPOWER_SET = 4,
	VW_CTL_LINK_SET = 5,
	VW_CTL_LINK_LIST = 6,
	VW_CTL_LINK_CLEAR = 7,
	VW_CTL_DENY_ADD = 8,
	VW_CTL_DENY_DEL = 9,
	VW_CTL_DENY_LIST = 10,
	VW_CTL_DENY_CLEAR = 11,
	VW_CTL_MODEL_GET = 12,
	VW_CTL_MODEL_SET = 13,
	VW_CTL_STATS = 14,

	VW_CTL_R_STATUS = 0x8000,
	VW_CTL_R_NODE = 0x8001,
	VW_CTL_R_RADIO = 0x8002,
	VW_CTL_R_LINK = 0x8003,
	VW_CTL_R_DENY = 0x8004,
	VW_CTL_R_MODEL = 0x8005,
	VW_CTL_R_STATS = 0x8006,
};

#define VW_CTL_RADIO_CONNECTED 0x01	/* a node carries it now */
#define VW_CTL_RADIO_SEEN 0x02		/* it has transmitted */
#define VW_CTL_RADIO_TXPOWER_SET 0x04	/* txpower_override applies */

#define VW_CTL_MODEL_EXPONENT 0x01
#define VW_CTL_MODEL_SENSITIVITY 0x02

/* The messages decoded, in host byte order; field widths as on the wire. */
struct vw_ctl_hdr {
	uint8_t version;
	uint8_t flags;
	uint16_t type;
	uint32_t len;
};

struct vw_ctl_status {
	int32_t error;
	char text[VW_CTL_TEXT_MAX + 1];	/* NUL-terminated once decoded */
};

struct vw_ctl_pos {
	uint8_t addr[6];
	int32_t x, y, z;
};

struct vw_ctl_txpower {
	uint8_t addr[6];
	uint8_t set;
	int8_t dbm;
};

struct vw_ctl_link {
	uint8_t tx[6];
	uint8_t rx[6];
	uint8_t loss;
};

struct vw_ctl_deny {
	uint8_t rx[6];
	uint8_t tx[6];
};

struct vw_ctl_model {
	uint32_t which;
	int32_t exponent_x10;
	int32_t sensitivity;
};

struct vw_ctl_node {
	uint32_t id;
	uint32_t n_radios;
	uint64_t rx_frames, rx_bytes;
	uint64_t tx_frames, tx_bytes;
	uint64_t drop_not_air;
	uint64_t drop_malformed;
	uint64_t drop_radio_limit;
	uint64_t drop_queue_full;
	uint64_t connected_ms;
	char peer[VW_CTL_PEER_LEN + 1];	/* NUL-terminated once decoded */
};

struct vw_ctl_radio {
	uint8_t addr[6];
	uint8_t flags;
	int8_t txpower_override;
	uint32_t node;
	int32_t x, y, z;
	int8_t tx_power;
	uint16_t freq;
	uint64_t tx_frames, tx_bytes;
	uint64_t rx_frames;
	uint64_t rx_denied;
	uint64_t rx_weak;
	uint64_t rx_lost;
	uint64_t rx_queue_full;
};

struct vw_ctl_stats {
	uint32_t clients;
	uint32_t radios;
	uint64_t uptime_ms;
	uint64_t clients_total;
	uint64_t cutoffs;
	uint64_t rx_frames, rx_bytes;
	uint64_t air_frames;
	uint64_t drop_not_air, drop_malformed, drop_radio_limit;
	uint64_t tx_frames, tx_bytes;
	uint64_t drop_denied, drop_weak, drop_lost, drop_queue_full;
	uint64_t pcap_frames;
	uint64_t radio_moves;
};

/* Any decoded message; the type says which member. */
union vw_ctl_msg {
	struct vw_ctl_status status;
	struct vw_ctl_pos pos;
	struct vw_ctl_txpower txpower;
	struct vw_ctl_link link;
	struct vw_ctl_deny deny;
	struct vw_ctl_model model;
	struct vw_ctl_node node;
	struct vw_ctl_radio radio;
	struct vw_ctl_stats stats;
};

/* ---- encoding and decoding (vw_medium_msg.c), shared by both ends ---- */

/* Writes a header of the current version. */
void vw_ctl_hdr_put(uint8_t *buf, uint16_t type, uint32_t len);
/* Reads a header from VW_CTL_HDR_LEN bytes; no check of its values. */
void vw_ctl_hdr_get(const uint8_t *buf, struct vw_ctl_hdr *h);
/*
 * Header and payload of a message of this type from its struct (NULL for
 * the types without payload). Returns the bytes written, -ENOSPC when cap
 * is too small, or -EOPNOTSUPP for a type this version does not know.
 */
int vw_ctl_encode(uint16_t type, const void *msg, uint8_t *buf, size_t cap);
/*
 * The struct of a payload of this type, by the compatibility rules above.
 * Returns 0, -EINVAL when the payload is shorter than the type requires,
 * or -EOPNOTSUPP for an unknown type.
 */
int vw_ctl_decode(uint16_t type, const uint8_t *payload, size_t len,
		  void *msg);
/* Payload length this version writes for the type, or -EOPNOTSUPP. */
int vw_ctl_payload_len(uint16_t type);
/* "NODE_LIST", "R_STATUS", ... or NULL */
const char *vw_ctl_type_name(uint16_t type);

#endif
