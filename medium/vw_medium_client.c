// SPDX-License-Identifier: GPL-2.0
/* A blocking client of the control socket; see vw_medium_client.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "vw_medium_client.h"

int vw_mc_open(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct timeval tv = {
		.tv_sec = VW_MC_TIMEOUT_MS / 1000,
		.tv_usec = (VW_MC_TIMEOUT_MS % 1000) * 1000,
	};
	int fd, err;

	if (!path)
		path = VW_MEDIUM_CTL_DEFAULT;
	if (strlen(path) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		err = errno;
		close(fd);
		return -err;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	return fd;
}

void vw_mc_close(int fd)
{
	if (fd >= 0)
		close(fd);
}

static int read_full(int fd, uint8_t *p, size_t len)
{
	ssize_t n;

	while (len) {
		n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		if (n == 0)
			return -ECONNRESET;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int write_full(int fd, const uint8_t *p, size_t len)
{
	ssize_t n;

	while (len) {
		n = send(fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int say(char *err, size_t errlen, int ret, const char *what)
{
	if (err && errlen)
		snprintf(err, errlen, "%s: %s", what, strerror(-ret));
	return ret;
}

int vw_mc_call(int fd, uint16_t type, const void *req, vw_mc_record_fn fn,
	       void *arg, char *err, size_t errlen)
{
	uint8_t out[VW_CTL_HDR_LEN + 256], hdr[VW_CTL_HDR_LEN];
	union vw_ctl_msg msg;
	struct vw_ctl_hdr h;
	uint8_t *payload;
	int n, ret;

	if (err && errlen)
		err[0] = 0;
	n = vw_ctl_encode(type, req, out, sizeof(out));
	if (n < 0)
		return say(err, errlen, n, "request");
	ret = write_full(fd, out, (size_t)n);
	if (ret < 0)
		return say(err, errlen, ret, "send");

	payload = malloc(VW_CTL_PAYLOAD_MAX);
	if (!payload)
		return say(err, errlen, -ENOMEM, "reply");
	for (;;) {
		ret = read_full(fd, hdr, sizeof(hdr));
		if (ret < 0) {
			say(err, errlen, ret, "reply");
			break;
		}
		vw_ctl_hdr_get(hdr, &h);
		if (h.len > VW_CTL_PAYLOAD_MAX) {
			ret = say(err, errlen, -EPROTO, "reply");
			break;
		}
		ret = read_full(fd, payload, h.len);
		if (ret < 0) {
			say(err, errlen, ret, "reply");
			break;
		}
		if (vw_ctl_decode(h.type, payload, h.len, &msg) < 0)
			continue;	/* a record type newer than us */
		if (h.type == VW_CTL_R_STATUS) {
			/* 0 or a positive errno (at most MAX_ERRNO), nothing else */
			if (msg.status.error < 0 || msg.status.error > 4095) {
				ret = say(err, errlen, -EPROTO, "reply");
				break;
			}
			ret = -msg.status.error;
			if (ret && err && errlen)
				snprintf(err, errlen, "%s",
					 msg.status.text[0] ? msg.status.text :
					 strerror(msg.status.error));
			break;
		}
		if (fn && fn(h.type, &msg, arg))
			fn = NULL;
	}
	free(payload);
	return ret;
}

int vw_mc_parse_addr(const char *s, uint8_t addr[6])
{
	unsigned int v[6];
	char sep[5], end;
	int i;

	if (sscanf(s, "%2x%c%2x%c%2x%c%2x%c%2x%c%2x%c", &v[0], &sep[0], &v[1],
		   &sep[1], &v[2], &sep[2], &v[3], &sep[3], &v[4], &sep[4],
		   &v[5], &end) != 11)
		return -EINVAL;
	for (i = 0; i < 5; i++)
		if (sep[i] != ':' && sep[i] != '-')
			return -EINVAL;
	if (strlen(s) != 17)
		return -EINVAL;
	for (i = 0; i < 6; i++)
		addr[i] = (uint8_t)v[i];
	return 0;
}
