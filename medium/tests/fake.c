// SPDX-License-Identifier: GPL-2.0
/* A fake guest NIC; see fake.h. */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "fake.h"

int fake_unix(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		fprintf(stderr, "fake: connect %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

int fake_tcp(const char *host, int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons((u16)port) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;

	inet_pton(AF_INET, host, &sa.sin_addr);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		fprintf(stderr, "fake: connect %s:%d: %s\n", host, port,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

void fake_addr(u8 *addr, unsigned int n)
{
	addr[0] = 0x02;
	addr[1] = 0;
	addr[2] = 0;
	addr[3] = (u8)(n >> 16);
	addr[4] = (u8)(n >> 8);
	addr[5] = (u8)n;
}

size_t fake_air_frame(u8 *buf, size_t cap, const u8 *tx, int tx_power,
		      u32 seq)
{
	static const u8 ssid[] = "vwifi";
	struct vw_air_info info = {
		.freq = FAKE_FREQ,
		.rate = { .mode = VW_MODE_LEGACY, .legacy = 10 },
		.tx_power = (vw_s8)tx_power,
		.seq = seq,
	};
	u8 ies[64];
	int n, r;

	memcpy(info.tx_addr, tx, VW_ETH_ALEN);
	memset(buf, 0xff, VW_ETH_ALEN);
	buf[6] = 0x52;
	buf[7] = 0x54;
	memcpy(buf + 8, tx + 2, 4);
	vw_put_be16(buf + 12, VW_AIR_ETHERTYPE);
	n = vw_air_encode(&info, buf + 14, cap - 14);
	r = vw_ie_put_legacy_rates(ies, sizeof(ies), true);
	n += vw_build_probe_req(buf + 14 + n, cap - 14 - (size_t)n, tx,
				(u16)(seq & 0xfff), ssid, sizeof(ssid) - 1,
				ies, (size_t)r);
	return 14 + (size_t)n;
}

int fake_write(int fd, const void *p, size_t len)
{
	const u8 *b = p;
	ssize_t n;

	while (len) {
		n = send(fd, b, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		b += n;
		len -= (size_t)n;
	}
	return 0;
}

int fake_send(int fd, const u8 *frame, size_t len)
{
	u8 buf[FAKE_MAX];

	vw_put_be32(buf, (u32)len);
	memcpy(buf + 4, frame, len);
	return fake_write(fd, buf, len + 4);
}

int fake_send_air(int fd, const u8 *tx, int tx_power, u32 seq)
{
	u8 frame[512];
	size_t len = fake_air_frame(frame, sizeof(frame), tx, tx_power, seq);

	return fake_send(fd, frame, len);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* 0, -1 on end of stream or error, -2 on timeout */
static int read_full(int fd, u8 *p, size_t len, long long deadline)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int left;

	while (len) {
		left = (int)(deadline - now_ms());
		if (left < 0)
			left = 0;
		n = poll(&pfd, 1, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			return -2;
		n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int fake_recv(int fd, u8 *buf, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	u8 hdr[4];
	u32 len;
	int ret;

	ret = read_full(fd, hdr, 4, deadline);
	if (ret < 0)
		return ret;
	len = vw_get_be32(hdr);
	if (len > FAKE_MAX)
		return -1;
	/* the length came: the rest follows promptly */
	ret = read_full(fd, buf, len, now_ms() + 5000);
	return ret < 0 ? -1 : (int)len;
}

bool fake_parse(const u8 *buf, size_t len, struct fake_rx *rx)
{
	memset(rx, 0, sizeof(*rx));
	if (len < 14)
		return false;
	memcpy(rx->dst, buf, VW_ETH_ALEN);
	memcpy(rx->src, buf + 6, VW_ETH_ALEN);
	rx->ethertype = vw_get_be16(buf + 12);
	rx->hdr_len = vw_air_decode(buf + 14, len - 14, &rx->info);
	if (rx->hdr_len >= 0) {
		rx->mpdu = buf + 14 + rx->hdr_len;
		rx->mpdu_len = len - 14 - (size_t)rx->hdr_len;
	}
	return true;
}

int fake_drain(int fd, int timeout_ms)
{
	static u8 buf[FAKE_MAX];
	int n = 0;

	while (fake_recv(fd, buf, timeout_ms) >= 0)
		n++;
	return n;
}
