// SPDX-License-Identifier: GPL-2.0
/*
 * vwifi-medium: the air between virtual machines. Options, then an
 * ordered init ladder, the loop, and the same ladder undone.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "medium.h"

#define EXIT_USAGE 2
#define MAX_CONNECT 64

static const char usage_text[] =
"Usage: vwifi-medium [OPTION]...\n"
"The vwifi medium server: QEMU guests connect their virtio-net NIC with\n"
"  -netdev stream,id=air,server=off,addr.type=unix,addr.path=/run/vwifi-medium.sock\n"
"and the medium relays the air frames between them through its model.\n"
"\n"
"  -s, --socket PATH      unix socket for guests (default /run/vwifi-medium.sock)\n"
"  -t, --tcp [ADDR:]PORT  also listen on TCP (address default 127.0.0.1)\n"
"  -C, --connect unix:PATH|tcp:HOST:PORT\n"
"                         dial out to a guest started with server=on, and again\n"
"                         every second while it is not connected (repeatable)\n"
"  -c, --control PATH     control socket, mode 0600 (default /run/vwifi-medium.ctl)\n"
"      --pcap FILE        capture every air frame (radiotap + 802.11); - is stdout\n"
"  -d, --daemon           run in the background once the sockets are ready\n"
"  -p, --pidfile FILE     write the process id to FILE\n"
"  -l, --log FILE         log events to FILE (default stderr); reopened on SIGHUP\n"
"  -v, --verbose          log more: control requests, dropped frames\n"
"  -q, --queue BYTES      output queue per guest (default 1048576)\n"
"      --max-clients N    guests at most (default 1000)\n"
"      --seed N           seed of the link loss randomness, for reproducible runs\n"
"  -V, --version          print the version and exit\n"
"  -h, --help             print this help and exit\n"
"\n"
"Exit status: 0 on a clean shutdown (SIGTERM, SIGINT), 1 on failure, 2 on\n"
"a usage error. See vwifi-medium(8).\n";

enum { OPT_PCAP = 256, OPT_MAX_CLIENTS, OPT_SEED };

static const struct option long_opts[] = {
	{ "socket", required_argument, NULL, 's' },
	{ "tcp", required_argument, NULL, 't' },
	{ "connect", required_argument, NULL, 'C' },
	{ "control", required_argument, NULL, 'c' },
	{ "pcap", required_argument, NULL, OPT_PCAP },
	{ "daemon", no_argument, NULL, 'd' },
	{ "pidfile", required_argument, NULL, 'p' },
	{ "log", required_argument, NULL, 'l' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "queue", required_argument, NULL, 'q' },
	{ "max-clients", required_argument, NULL, OPT_MAX_CLIENTS },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "version", no_argument, NULL, 'V' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "vwifi-medium: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (see --help)\n");
	return EXIT_USAGE;
}

static bool parse_ull(const char *s, unsigned long long min,
		      unsigned long long max, unsigned long long *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	return !errno && end != s && !*end && s[0] != '-' &&
	       *out >= min && *out <= max;
}

/*
 * An absolute path, since the daemon leaves its working directory but
 * still unlinks its sockets and reopens its log; freed at exit with argv.
 */
static const char *absolute(const char *path)
{
	char cwd[PATH_MAX], *abs;

	if (!path || path[0] == '/' || !strcmp(path, "-"))
		return path;
	if (!getcwd(cwd, sizeof(cwd)))
		return path;
	abs = malloc(strlen(cwd) + strlen(path) + 2);
	if (!abs)
		return path;
	sprintf(abs, "%s/%s", cwd, path);
	return abs;
}

static int parse_args(struct vw_medium *m, int argc, char **argv)
{
	struct vw_config *cfg = &m->cfg;
	static const char *connect[MAX_CONNECT];
	unsigned long long v;
	int opt;

	cfg->connect = connect;
	while ((opt = getopt_long(argc, argv, "s:t:C:c:dp:l:vq:Vh", long_opts,
				  NULL)) != -1) {
		switch (opt) {
		case 's':
			cfg->sock_path = optarg;
			break;
		case 't':
			cfg->tcp_spec = optarg;
			break;
		case 'C':
			if (cfg->n_connect >= MAX_CONNECT)
				return usage_error("more than 64 --connect: %s",
						   optarg);
			connect[cfg->n_connect++] = optarg;
			break;
		case 'c':
			cfg->ctl_path = optarg;
			break;
		case OPT_PCAP:
			cfg->pcap_path = optarg;
			break;
		case 'd':
			cfg->daemonize = true;
			break;
		case 'p':
			cfg->pid_path = optarg;
			break;
		case 'l':
			cfg->log_path = optarg;
			break;
		case 'v':
			cfg->verbose++;
			break;
		case 'q':
			if (!parse_ull(optarg, 4096, 1ull << 30, &v))
				return usage_error("--queue %s: 4096..2^30 bytes",
						   optarg);
			cfg->queue_limit = (size_t)v;
			break;
		case OPT_MAX_CLIENTS:
			if (!parse_ull(optarg, 1, 100000, &v))
				return usage_error("--max-clients %s: 1..100000",
						   optarg);
			cfg->max_clients = (unsigned int)v;
			break;
		case OPT_SEED:
			if (!parse_ull(optarg, 0, ULLONG_MAX, &v))
				return usage_error("--seed %s: not a number",
						   optarg);
			cfg->seed = v;
			cfg->seed_set = true;
			break;
		case 'V':
			printf("vwifi-medium %s\n", VW_MEDIUM_VERSION);
			exit(0);
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		default:
			return EXIT_USAGE;	/* getopt said why */
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (cfg->daemonize && cfg->pcap_path && !strcmp(cfg->pcap_path, "-"))
		return usage_error("%s: no stdout to capture to in the background",
				   "--pcap -");
	cfg->sock_path = absolute(cfg->sock_path);
	cfg->ctl_path = absolute(cfg->ctl_path);
	cfg->log_path = absolute(cfg->log_path);
	cfg->pid_path = absolute(cfg->pid_path);
	return 0;
}

static void signal_io(struct vw_medium *m, struct vw_io *io, u32 events)
{
	struct signalfd_siginfo si;

	(void)events;
	while (read(io->fd, &si, sizeof(si)) == sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGHUP:
			if (vw_log_reopen() < 0)
				vw_err("cannot reopen the log: %s",
				       strerror(errno));
			else
				vw_info("log reopened");
			break;
		default:
			vw_info("signal %u: shutting down", si.ssi_signo);
			m->quit = true;
			break;
		}
	}
}

static void signals_set(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGHUP);
}

/*
 * Blocked from the start, so that a SIGTERM arriving before the loop runs
 * waits for it rather than killing us with our sockets left behind.
 */
static int signals_block(void)
{
	sigset_t set;

	signals_set(&set);
	signal(SIGPIPE, SIG_IGN);
	return sigprocmask(SIG_BLOCK, &set, NULL) < 0 ? -errno : 0;
}

static int signals_init(struct vw_medium *m)
{
	sigset_t set;

	signals_set(&set);
	m->sig.fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (m->sig.fd < 0)
		return -errno;
	m->sig.fn = signal_io;
	return vw_loop_add(m, &m->sig, EPOLLIN);
}

static void signals_uninit(struct vw_medium *m)
{
	if (m->sig.fd >= 0)
		close(m->sig.fd);
	m->sig.fd = -1;
}

/* Enough descriptors for every client; fewer clients if not. */
static void fd_limit_init(struct vw_medium *m)
{
	struct rlimit rl;
	rlim_t want = (rlim_t)m->cfg.max_clients + 128;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur >= want)
		return;
	rl.rlim_cur = want < rl.rlim_max ? want : rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_cur < want)
		m->cfg.max_clients = (unsigned int)(rl.rlim_cur - 128);
}

static int write_pidfile(const char *path, pid_t pid)
{
	FILE *f = fopen(path, "we");

	if (!f)
		return -errno;
	fprintf(f, "%d\n", (int)pid);
	return fclose(f) ? -errno : 0;
}

/*
 * The parent returns only once the child is the daemon and the pid file
 * names it, so a script may use both sockets as soon as -d returns.
 */
static int daemonize(struct vw_medium *m)
{
	pid_t pid;
	int fd, ret;

	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid > 0) {
		if (m->cfg.pid_path) {
			ret = write_pidfile(m->cfg.pid_path, pid);
			if (ret < 0) {
				fprintf(stderr, "vwifi-medium: %s: %s\n",
					m->cfg.pid_path, strerror(-ret));
				kill(pid, SIGTERM);
				_exit(1);
			}
		}
		_exit(0);
	}
	setsid();
	if (chdir("/") < 0)
		return -errno;
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	return 0;
}

static void seed_init(struct vw_medium *m)
{
	u64 seed = m->cfg.seed;

	if (!m->cfg.seed_set)
		seed = (u64)getpid() << 32 ^ vw_now_ms() ^ (u64)time(NULL);
	/* xorshift must not start from zero */
	m->rng = seed ? seed * 0x9e3779b97f4a7c15ull : 0x9e3779b97f4a7c15ull;
	if (!m->rng)
		m->rng = 1;
}

int main(int argc, char **argv)
{
	struct vw_medium m;
	char err[512];
	int ret, status = 1;

	vw_medium_defaults(&m);
	ret = parse_args(&m, argc, argv);
	if (ret)
		return ret;

	if (vw_log_init(m.cfg.log_path, m.cfg.verbose) < 0) {
		fprintf(stderr, "vwifi-medium: %s: %s\n", m.cfg.log_path,
			strerror(errno));
		return 1;
	}
	if (signals_block() < 0) {
		fprintf(stderr, "vwifi-medium: signals: %s\n", strerror(errno));
		goto err_log;
	}
	seed_init(&m);
	fd_limit_init(&m);
	m.scratch_len = VW_FRAME_MAX + 4;
	m.scratch = malloc(m.scratch_len);
	if (!m.scratch) {
		fprintf(stderr, "vwifi-medium: out of memory\n");
		goto err_log;
	}
	if (m.cfg.pcap_path) {
		m.pcap = vw_pcap_open(m.cfg.pcap_path, err, sizeof(err));
		if (!m.pcap) {
			fprintf(stderr, "vwifi-medium: --pcap %s\n", err);
			goto err_scratch;
		}
	}
	ret = vw_loop_init(&m);
	if (ret < 0) {
		fprintf(stderr, "vwifi-medium: epoll: %s\n", strerror(-ret));
		goto err_pcap;
	}
	if (vw_listen_init(&m) < 0)
		goto err_listen;
	if (vw_ctl_init(&m) < 0)
		goto err_ctl;
	if (vw_connect_init(&m) < 0)
		goto err_clients;
	if (m.cfg.daemonize) {
		ret = daemonize(&m);
		if (ret < 0) {
			fprintf(stderr, "vwifi-medium: daemon: %s\n",
				strerror(-ret));
			goto err_clients;
		}
	} else if (m.cfg.pid_path) {
		ret = write_pidfile(m.cfg.pid_path, getpid());
		if (ret < 0) {
			fprintf(stderr, "vwifi-medium: %s: %s\n",
				m.cfg.pid_path, strerror(-ret));
			goto err_clients;
		}
	}
	/* after the fork: a signalfd only wakes epoll in its creator */
	ret = signals_init(&m);
	if (ret < 0) {
		vw_err("signals: %s", strerror(-ret));
		goto err_signals;
	}
	/* logged only now, so that a failed start says one line, its error */
	vw_info("listening on unix %s", m.cfg.sock_path);
	if (m.air_tcp.io.fd >= 0)
		vw_info("listening on tcp %s", m.tcp_where);
	vw_info("control on unix %s", m.cfg.ctl_path);
	vw_info("vwifi-medium %s running, pid %d", VW_MEDIUM_VERSION,
		(int)getpid());
	vw_connect_start(&m);

	ret = vw_loop_run(&m);
	if (ret < 0)
		vw_err("epoll: %s", strerror(-ret));
	else
		status = 0;
	vw_info("stopped");

err_signals:
	signals_uninit(&m);
	if (m.cfg.pid_path)
		unlink(m.cfg.pid_path);
err_clients:
	vw_clients_uninit(&m);	/* before the --connect targets they name */
	vw_connect_uninit(&m);
err_ctl:
	vw_ctl_uninit(&m);
err_listen:
	vw_listen_uninit(&m);
	vw_radios_uninit(&m);
	vw_pairs_uninit(&m);
	vw_loop_uninit(&m);
err_pcap:
	vw_pcap_close(m.pcap);
err_scratch:
	free(m.scratch);
err_log:
	vw_log_uninit();
	return status;
}
