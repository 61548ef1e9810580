/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake guest NIC for the tests and the benchmark: connects to the
 * medium like QEMU's -netdev stream, sends air frames built with the
 * shared core (air header + probe request) and reads what comes back.
 */
#ifndef VW_FAKE_H
#define VW_FAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "vw_core.h"

#define FAKE_FREQ 2437
#define FAKE_MAX (65536 + 4)

struct fake_rx {
	u8 dst[VW_ETH_ALEN];
	u8 src[VW_ETH_ALEN];
	u16 ethertype;
	struct vw_air_info info;
	int hdr_len;		/* air header length, < 0: not an air frame */
	const u8 *mpdu;
	size_t mpdu_len;
};

/* Blocking sockets; -1 and a message on stderr when it fails. */
int fake_unix(const char *path);
int fake_tcp(const char *host, int port);

/*
 * An Ethernet frame (broadcast, EtherType 0x88B5) carrying an air header
 * from radio tx with this tx power and seq, and a probe request from tx.
 * Returns its length.
 */
size_t fake_air_frame(u8 *buf, size_t cap, const u8 *tx, int tx_power,
		      u32 seq);
/* Sends the frame with its 4-byte length; 0 or -1. */
int fake_send(int fd, const u8 *frame, size_t len);
int fake_send_air(int fd, const u8 *tx, int tx_power, u32 seq);
int fake_write(int fd, const void *p, size_t len);
/*
 * Reads one frame into buf (FAKE_MAX bytes) within timeout_ms; returns its
 * length, -2 on timeout, -1 on end of stream or error.
 */
int fake_recv(int fd, u8 *buf, int timeout_ms);
/* Splits a received frame into rx; false when shorter than Ethernet. */
bool fake_parse(const u8 *buf, size_t len, struct fake_rx *rx);
/* Reads frames until timeout_ms passes without one; returns how many. */
int fake_drain(int fd, int timeout_ms);
/* A radio address 02:00:00:00:hi:lo */
void fake_addr(u8 *addr, unsigned int n);

#endif
