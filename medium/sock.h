/* SPDX-License-Identifier: GPL-2.0 */
/* Socket helpers of listen.c, shared with ctl.c and connect.c. */
#ifndef VW_SOCK_H
#define VW_SOCK_H

#include <sys/types.h>

#include "medium.h"

/*
 * A listening, non-blocking unix stream socket at path, created with mode
 * (a stale socket file of a dead server is replaced). Returns the fd, or
 * -errno with the reason in err.
 */
int vw_unix_listen(const char *path, mode_t mode, char *err, size_t errlen);
/* "unix pid P uid U" or "tcp ADDR:PORT" of a connected socket */
void vw_sock_describe(int fd, char *buf, size_t len);
/* Makes a client of a connected air socket, or closes it; 0 or -errno. */
int vw_air_client_fd(struct vw_medium *m, int fd, struct vw_client **out);

#endif
