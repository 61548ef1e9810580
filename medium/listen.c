// SPDX-License-Identifier: GPL-2.0
/*
 * The air sockets QEMU connects to: a unix stream socket (-s) and
 * optionally TCP (-t). Each accepted connection becomes a client.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "medium.h"
#include "sock.h"

#define ACCEPT_BURST 64
#define AIR_SOCK_MODE 0660

/*
 * A socket file left by a medium that died can be replaced; one that
 * still answers belongs to a running medium and cannot.
 */
static int unix_clear_stale(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct stat st;
	int fd, ret;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISSOCK(st.st_mode))
		return -EEXIST;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	ret = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
	close(fd);
	if (ret == 0)
		return -EADDRINUSE;
	if (errno != ECONNREFUSED)
		return -errno;
	return unlink(path) < 0 ? -errno : 0;
}

int vw_unix_listen(const char *path, mode_t mode, char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	mode_t old;
	int fd, ret;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		snprintf(err, errlen, "%s: path too long", path);
		return -ENAMETOOLONG;
	}
	ret = unix_clear_stale(path);
	if (ret < 0) {
		snprintf(err, errlen, "%s: %s", path,
			 ret == -EADDRINUSE ? "in use by a running server" :
			 strerror(-ret));
		return ret;
	}
	memcpy(sa.sun_path, path, strlen(path) + 1);

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		goto err;
	/* no moment with looser permissions than asked for */
	old = umask(~mode & 0777);
	ret = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	umask(old);
	if (ret < 0 || chmod(path, mode) < 0 || listen(fd, SOMAXCONN) < 0)
		goto err_close;
	return fd;

err_close:
	ret = -errno;
	close(fd);
	snprintf(err, errlen, "%s: %s", path, strerror(-ret));
	return ret;
err:
	ret = -errno;
	snprintf(err, errlen, "%s: %s", path, strerror(-ret));
	return ret;
}

/* "[ADDR:]PORT", ADDR a name, an IPv4 or a bracketed IPv6 address */
static int tcp_listen(const char *spec, char *err, size_t errlen)
{
	struct addrinfo hints = {
		.ai_family = AF_UNSPEC,
		.ai_socktype = SOCK_STREAM,
		.ai_flags = AI_PASSIVE | AI_NUMERICSERV,
	};
	struct addrinfo *res;
	char host[256] = "127.0.0.1";
	const char *port = spec, *colon = strrchr(spec, ':');
	int fd, ret, one = 1;

	if (colon) {
		size_t n = (size_t)(colon - spec);

		if (n >= 2 && spec[0] == '[' && spec[n - 1] == ']') {
			spec++;
			n -= 2;
		}
		if (n == 0 || n >= sizeof(host)) {
			snprintf(err, errlen, "%s: bad address", spec);
			return -EINVAL;
		}
		memcpy(host, spec, n);
		host[n] = 0;
		port = colon + 1;
	}
	ret = getaddrinfo(host, port, &hints, &res);
	if (ret) {
		snprintf(err, errlen, "%s: %s", spec, gai_strerror(ret));
		return -EINVAL;
	}
	fd = socket(res->ai_family,
		    res->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		goto err;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, res->ai_addr, res->ai_addrlen) < 0 ||
	    listen(fd, SOMAXCONN) < 0) {
		ret = -errno;
		close(fd);
		errno = -ret;
		goto err;
	}
	freeaddrinfo(res);
	return fd;
err:
	ret = -errno;
	freeaddrinfo(res);
	snprintf(err, errlen, "tcp %s: %s", spec, strerror(-ret));
	return ret;
}

void vw_sock_describe(int fd, char *buf, size_t len)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	struct ucred cred;
	socklen_t cl = sizeof(cred);
	char ip[INET6_ADDRSTRLEN] = "?";
	unsigned int port = 0;

	if (getpeername(fd, (struct sockaddr *)&ss, &sl) < 0) {
		snprintf(buf, len, "unknown");
		return;
	}
	if (ss.ss_family == AF_UNIX) {
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cl) == 0)
			snprintf(buf, len, "unix pid %d uid %u", (int)cred.pid,
				 (unsigned int)cred.uid);
		else
			snprintf(buf, len, "unix");
		return;
	}
	if (ss.ss_family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		inet_ntop(AF_INET, &sin->sin_addr, ip, sizeof(ip));
		port = ntohs(sin->sin_port);
		snprintf(buf, len, "tcp %s:%u", ip, port);
	} else if (ss.ss_family == AF_INET6) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		inet_ntop(AF_INET6, &sin6->sin6_addr, ip, sizeof(ip));
		port = ntohs(sin6->sin6_port);
		snprintf(buf, len, "tcp [%s]:%u", ip, port);
	} else {
		snprintf(buf, len, "family %d", ss.ss_family);
	}
}

int vw_air_client_fd(struct vw_medium *m, int fd, struct vw_client **out)
{
	char peer[VW_PEER_LEN];
	struct vw_client *c;
	int one = 1;

	if (m->n_clients >= m->cfg.max_clients) {
		vw_err("refusing a connection: %u clients already",
		       m->n_clients);
		close(fd);
		return -EMFILE;
	}
	/* frames are small and latency is what the guests feel */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	vw_sock_describe(fd, peer, sizeof(peer));
	c = vw_client_new(m, fd, peer);
	if (!c) {
		vw_err("refusing %s: out of memory", peer);
		close(fd);
		return -ENOMEM;
	}
	if (out)
		*out = c;
	return 0;
}

static void air_accept(struct vw_medium *m, struct vw_io *io, u32 events)
{
	int i, fd;

	(void)events;
	for (i = 0; i < ACCEPT_BURST; i++) {
		fd = accept4(io->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno != EAGAIN && errno != EINTR &&
			    errno != ECONNABORTED)
				vw_err("accept: %s", strerror(errno));
			return;
		}
		vw_air_client_fd(m, fd, NULL);
	}
}

static void local_port(int fd, char *buf, size_t len)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char ip[INET6_ADDRSTRLEN] = "?";

	getsockname(fd, (struct sockaddr *)&ss, &sl);
	if (ss.ss_family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		inet_ntop(AF_INET6, &s6->sin6_addr, ip, sizeof(ip));
		snprintf(buf, len, "[%s]:%u", ip, ntohs(s6->sin6_port));
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		inet_ntop(AF_INET, &s4->sin_addr, ip, sizeof(ip));
		snprintf(buf, len, "%s:%u", ip, ntohs(s4->sin_port));
	}
}

int vw_listen_init(struct vw_medium *m)
{
	char err[256];
	int fd, ret;

	fd = vw_unix_listen(m->cfg.sock_path, AIR_SOCK_MODE, err, sizeof(err));
	if (fd < 0)
		goto fail;
	m->air_unix.io.fd = fd;
	m->air_unix.io.fn = air_accept;
	m->air_unix.is_unix = true;
	m->unix_bound = true;
	ret = vw_loop_add(m, &m->air_unix.io, EPOLLIN);
	if (ret < 0)
		goto fail_errno;

	if (!m->cfg.tcp_spec)
		return 0;
	fd = tcp_listen(m->cfg.tcp_spec, err, sizeof(err));
	if (fd < 0)
		goto fail;
	m->air_tcp.io.fd = fd;
	m->air_tcp.io.fn = air_accept;
	ret = vw_loop_add(m, &m->air_tcp.io, EPOLLIN);
	if (ret < 0)
		goto fail_errno;
	local_port(fd, m->tcp_where, sizeof(m->tcp_where));
	return 0;

fail_errno:
	snprintf(err, sizeof(err), "epoll: %s", strerror(-ret));
	fd = ret;
fail:
	fprintf(stderr, "vwifi-medium: %s\n", err);
	return fd;
}

void vw_listen_uninit(struct vw_medium *m)
{
	if (m->air_tcp.io.fd >= 0) {
		vw_loop_del(m, &m->air_tcp.io);
		close(m->air_tcp.io.fd);
		m->air_tcp.io.fd = -1;
	}
	if (m->air_unix.io.fd >= 0) {
		vw_loop_del(m, &m->air_unix.io);
		close(m->air_unix.io.fd);
		m->air_unix.io.fd = -1;
	}
	if (m->unix_bound)
		unlink(m->cfg.sock_path);
	m->unix_bound = false;
}
