/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * A client of the vwifi-medium control socket, for vwifi-tool and the
 * tests: connect, send a request, read its records and status. Link
 * vw_medium_client.c and vw_medium_msg.c (or libvwmedium.a). Blocking,
 * with a timeout on each reply, one request at a time.
 *
 *	char err[VW_CTL_TEXT_MAX + 64];
 *	struct vw_ctl_deny d;
 *	int fd = vw_mc_open(NULL);
 *
 *	vw_mc_parse_addr("00:76:77:32:00:00", d.rx);
 *	vw_mc_parse_addr("00:76:77:31:00:00", d.tx);
 *	if (vw_mc_call(fd, VW_CTL_DENY_ADD, &d, NULL, NULL, err, sizeof(err)))
 *		fprintf(stderr, "medium reports: %s\n", err);
 */
#ifndef VW_MEDIUM_CLIENT_H
#define VW_MEDIUM_CLIENT_H

#include "vw_medium_ctl.h"

#define VW_MEDIUM_CTL_DEFAULT "/run/vwifi-medium.ctl"
#define VW_MC_TIMEOUT_MS 5000

/* Connects to the control socket (NULL: the default); fd or -errno. */
int vw_mc_open(const char *path);
void vw_mc_close(int fd);

/* Called per record; a non-zero return skips the remaining records. */
typedef int (*vw_mc_record_fn)(uint16_t type, const union vw_ctl_msg *rec,
			       void *arg);

/*
 * Sends a request of this type (req: its struct, or NULL for the types
 * without payload) and reads the reply to its status, passing each record
 * to fn (may be NULL); records of types this version does not know are
 * skipped. Returns 0, the daemon's error as -errno with its text in err,
 * or -errno when the connection failed (-EPROTO: a reply that makes no
 * sense, -ETIMEDOUT: none in VW_MC_TIMEOUT_MS), also described in err.
 * err may be NULL.
 */
int vw_mc_call(int fd, uint16_t type, const void *req, vw_mc_record_fn fn,
	       void *arg, char *err, size_t errlen);

/* "00:76:77:30:00:00" (also with '-'); 0 or -EINVAL. */
int vw_mc_parse_addr(const char *s, uint8_t addr[6]);

#endif
