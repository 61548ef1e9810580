/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vwifi-medium internals: the objects every file of the daemon shares.
 *
 * One thread and one epoll loop, so nothing here is locked. A client is one
 * connection, i.e. one guest NIC (a "node"); a radio is a transmitter
 * address, learned from the air headers a client sends or first named by
 * the control socket. Radios outlive their client so that positions, tx
 * power and links survive a guest's reconnect.
 *
 * Lifetimes: a client is killed (vw_client_kill) from its own I/O handler
 * or while flushing; it leaves the client list and the epoll set at once
 * but is freed by vw_client_reap() after the whole epoll batch, so no
 * pointer held during the batch goes stale.
 */
#ifndef VW_MEDIUM_H
#define VW_MEDIUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "vw_core.h"

typedef int32_t s32;

#define VW_MEDIUM_VERSION "1.0"
#define VW_FRAME_MAX 65536		/* longest Ethernet frame we take */
#define VW_ETH_HLEN 14
#define VW_MPDU_MIN 10			/* frame control .. addr1 */
#define VW_PEER_LEN 64			/* peer description, with its NUL */
#define VW_RADIOS_PER_CLIENT 64
#define VW_RADIOS_MAX 4096
#define VW_PAIRS_MAX 65536
#define VW_HASH_BITS 10
#define VW_HASH_SIZE (1u << VW_HASH_BITS)

struct vw_medium;
struct vw_ctl_conn;

/* ---- buf.c: a byte queue, consumed at the head, filled at the tail ---- */
struct vw_buf {
	u8 *data;
	size_t head;
	size_t tail;
	size_t cap;
};

static inline size_t vw_buf_len(const struct vw_buf *b)
{
	return b->tail - b->head;
}

static inline const u8 *vw_buf_head(const struct vw_buf *b)
{
	return b->data + b->head;
}

/*
 * Room for n more bytes at the tail, keeping the queue within limit bytes
 * (0: no limit). Returns where to write, or NULL when the limit is hit or
 * memory is short; the bytes count once vw_buf_commit() says so.
 */
u8 *vw_buf_reserve(struct vw_buf *b, size_t n, size_t limit);
void vw_buf_commit(struct vw_buf *b, size_t n);
int vw_buf_append(struct vw_buf *b, const void *p, size_t n, size_t limit);
void vw_buf_consume(struct vw_buf *b, size_t n);
void vw_buf_free(struct vw_buf *b);

/* ---- stream.c: QEMU's -netdev stream framing (u32 BE length, frame) ---- */
struct vw_stream {
	u8 lenbuf[4];
	unsigned int len_have;	/* bytes of the length prefix gathered */
	u32 need;		/* frame length, once len_have is 4 */
	struct vw_buf part;	/* frame bytes split across reads */
	u32 max_frame;
};

typedef void (*vw_stream_fn)(void *arg, const u8 *frame, size_t len);

void vw_stream_init(struct vw_stream *s, u32 max_frame);
void vw_stream_uninit(struct vw_stream *s);
/*
 * Feeds bytes as they came off the socket, split anywhere; calls fn once
 * per complete frame (zero-length frames included), pointing into data
 * when the frame lies there whole. Returns 0, -EMSGSIZE when a length
 * prefix exceeds max_frame (the stream cannot be resynchronised; the
 * frames before it were delivered), or -ENOMEM.
 */
int vw_stream_feed(struct vw_stream *s, const u8 *data, size_t len,
		   vw_stream_fn fn, void *arg);
/* True between the first byte of a length prefix and the frame's end. */
bool vw_stream_mid_frame(const struct vw_stream *s);

/* ---- loop.c: the epoll loop ---- */
struct vw_io {
	int fd;
	u32 events;
	void (*fn)(struct vw_medium *m, struct vw_io *io, u32 events);
};

int vw_loop_init(struct vw_medium *m);
void vw_loop_uninit(struct vw_medium *m);
int vw_loop_add(struct vw_medium *m, struct vw_io *io, u32 events);
int vw_loop_mod(struct vw_medium *m, struct vw_io *io, u32 events);
void vw_loop_del(struct vw_medium *m, struct vw_io *io);
/* Runs until m->quit; returns 0, or -errno when epoll itself fails. */
int vw_loop_run(struct vw_medium *m);

/* ---- client.c ---- */
struct vw_node_stats {
	u64 rx_frames;		/* frames the medium took from the client */
	u64 rx_bytes;
	u64 tx_frames;		/* frames queued to the client */
	u64 tx_bytes;
	u64 drop_not_air;	/* not EtherType VW_AIR_ETHERTYPE */
	u64 drop_malformed;	/* short Ethernet, bad air header, short MPDU */
	u64 drop_radio_limit;	/* a new transmitter over the radio limits */
	u64 drop_queue_full;	/* copies to it that its full queue refused */
};

struct vw_radio;
struct vw_conn;

struct vw_client {
	struct vw_io io;
	struct vw_client *prev, *next;	/* m->clients, or m->dead */
	struct vw_client *next_dirty;
	struct vw_conn *conn;		/* outgoing connection it came from */
	u32 id;
	char peer[VW_PEER_LEN];
	u64 since_ms;
	struct vw_stream in;
	struct vw_buf out;
	bool dirty;			/* on m->dirty, output to flush */
	bool dead;
	bool wr_closed;			/* writing failed: read to the end */
	struct vw_radio *radios;	/* linked by vw_radio.node_next */
	unsigned int n_radios;
	struct vw_node_stats st;
};

/*
 * A new client on an accepted or connected socket (fd non-blocking); it is
 * in the client list and the epoll set. fd < 0 makes a client with no
 * socket, for the unit tests. NULL when memory is short.
 */
struct vw_client *vw_client_new(struct vw_medium *m, int fd,
				const char *peer);
/* Closes its socket and schedules it for vw_client_reap(); logs why. */
void vw_client_kill(struct vw_medium *m, struct vw_client *c,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Frees the clients killed during this loop iteration. */
void vw_client_reap(struct vw_medium *m);
/* Kills and frees every client (shutdown). */
void vw_clients_uninit(struct vw_medium *m);
/*
 * Room for one frame of len bytes in the client's output queue, after its
 * length prefix; NULL when the queue would pass its limit (the frame is
 * then dropped whole, never in part). vw_client_commit() queues it.
 */
u8 *vw_client_reserve(struct vw_medium *m, struct vw_client *c, size_t len);
void vw_client_commit(struct vw_medium *m, struct vw_client *c, size_t len);
/* Writes what the clients with queued output can take without blocking. */
void vw_client_flush_all(struct vw_medium *m);

/* ---- listen.c: the air sockets we listen on ---- */
int vw_listen_init(struct vw_medium *m);
void vw_listen_uninit(struct vw_medium *m);

/* ---- connect.c: --connect, to QEMU's server=on stream sockets ---- */
int vw_connect_init(struct vw_medium *m);
/* First attempt at every target (later ones come from the retry timer). */
void vw_connect_start(struct vw_medium *m);
void vw_connect_uninit(struct vw_medium *m);
/* The client that came from an outgoing connection has gone. */
void vw_connect_lost(struct vw_medium *m, struct vw_conn *conn);

/* ---- radio.c: radios and radio pairs ---- */
struct vw_radio_stats {
	u64 tx_frames;		/* frames it sent */
	u64 tx_bytes;
	u64 rx_frames;		/* copies delivered to it */
	u64 rx_denied;		/* refused by its denylist */
	u64 rx_lost;		/* dropped by link loss */
	u64 rx_weak;		/* under the sensitivity */
	u64 rx_queue_full;	/* its node's queue was full */
};

struct vw_radio {
	struct vw_radio *hash_next;
	struct vw_radio *all_next;	/* m->radios, in creation order */
	struct vw_radio *node_next;
	struct vw_client *client;	/* NULL while no client carries it */
	u8 addr[VW_ETH_ALEN];
	bool seen;			/* has transmitted */
	bool txp_set;			/* txp_override replaces the header's */
	vw_s8 txp_override;
	vw_s8 txp_seen;			/* tx power of its last frame */
	u16 freq;			/* frequency of its last frame */
	s32 pos[3];			/* millimetres */
	u32 moves;			/* times it came from another client */
	struct vw_radio_stats st;
};

/* A directed pair tx -> rx with a link loss, a deny, or both. */
struct vw_pair {
	struct vw_pair *hash_next;
	struct vw_pair *prev, *next;	/* m->pairs, in creation order */
	u8 tx[VW_ETH_ALEN];
	u8 rx[VW_ETH_ALEN];
	u8 loss;			/* percent */
	bool denied;			/* rx denies frames from tx */
};

struct vw_radio *vw_radio_find(struct vw_medium *m, const u8 *addr);
/* Finds or creates; NULL over VW_RADIOS_MAX or when memory is short. */
struct vw_radio *vw_radio_get(struct vw_medium *m, const u8 *addr);
/* Moves the radio to client c (or to none). */
void vw_radio_bind(struct vw_medium *m, struct vw_radio *r,
		   struct vw_client *c);
void vw_radios_uninit(struct vw_medium *m);

struct vw_pair *vw_pair_find(struct vw_medium *m, const u8 *tx, const u8 *rx);
/* Finds or creates; NULL over VW_PAIRS_MAX or when memory is short. */
struct vw_pair *vw_pair_get(struct vw_medium *m, const u8 *tx, const u8 *rx);
/* Frees the pair if it no longer holds a loss or a deny. */
void vw_pair_settle(struct vw_medium *m, struct vw_pair *p);
void vw_pairs_clear_loss(struct vw_medium *m);
void vw_pairs_clear_deny(struct vw_medium *m);
void vw_pairs_uninit(struct vw_medium *m);

/* ---- model.c: what a receiver hears ---- */
#define VW_EXP_MIN 10
#define VW_EXP_MAX 60
#define VW_SENS_MIN (-120)
#define VW_SENS_MAX 0

struct vw_model {
	int exponent_x10;	/* path loss exponent, tenths */
	int sensitivity_dbm;	/* of the most robust rate; weaker: not heard */
};

/*
 * The fate (the core's enum vw_verdict) of the MPDU of one air frame
 * (info) from tx at tx_power dBm for receiver rx (NULL: a radio not known
 * yet, at the origin, with no deny or link): denied when rx denies tx or
 * the frame's original source, weak below the sensitivity its rate
 * needs, lost by the pair's link loss. *signal is set unless denied.
 */
enum vw_verdict vw_model_judge(struct vw_medium *m, const struct vw_radio *tx,
			       const struct vw_radio *rx,
			       const struct vw_air_info *info, int tx_power,
			       const u8 *mpdu, size_t len, int *signal);
u32 vw_rand(struct vw_medium *m);

/* ---- relay.c: one frame from a client onto the air ---- */
void vw_relay(struct vw_medium *m, struct vw_client *from,
	      const u8 *frame, size_t len);

/* ---- pcap.c ---- */
struct vw_pcap;
struct vw_pcap *vw_pcap_open(const char *path, char *err, size_t errlen);
/* Returns 0, or -EIO when the file cannot be written any more. */
int vw_pcap_write(struct vw_pcap *p, const struct vw_air_info *info,
		  const u8 *mpdu, size_t len);
void vw_pcap_close(struct vw_pcap *p);

/* ---- ctl.c: the control socket ---- */
int vw_ctl_init(struct vw_medium *m);
void vw_ctl_uninit(struct vw_medium *m);

/* ---- log.c ---- */
enum vw_log_level {
	VW_LOG_ERR,
	VW_LOG_INFO,
	VW_LOG_DEBUG,
};

/* path NULL logs to stderr */
int vw_log_init(const char *path, int verbose);
int vw_log_reopen(void);
void vw_log_uninit(void);
void vw_log(enum vw_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
#define vw_err(...) vw_log(VW_LOG_ERR, __VA_ARGS__)
#define vw_info(...) vw_log(VW_LOG_INFO, __VA_ARGS__)
#define vw_dbg(...) vw_log(VW_LOG_DEBUG, __VA_ARGS__)

/* "00:76:77:30:00:00" into buf of at least 18 bytes */
const char *vw_addr_str(const u8 *addr, char *buf);
u64 vw_now_ms(void);

/* ---- the daemon ---- */
struct vw_stats {
	u64 clients_total;	/* connections ever taken */
	u64 cutoffs;		/* clients cut off for misbehaving */
	u64 rx_frames;
	u64 rx_bytes;
	u64 air_frames;		/* frames that were air frames */
	u64 drop_not_air;
	u64 drop_malformed;
	u64 drop_radio_limit;
	u64 tx_frames;		/* copies queued to clients */
	u64 tx_bytes;
	u64 drop_denied;
	u64 drop_weak;
	u64 drop_lost;
	u64 drop_queue_full;
	u64 pcap_frames;
	u64 radio_moves;	/* a radio seen on another client */
};

struct vw_config {
	const char *sock_path;		/* air, unix */
	const char *tcp_spec;		/* air, [ADDR:]PORT or NULL */
	const char *ctl_path;
	const char *pcap_path;
	const char *log_path;
	const char *pid_path;
	const char **connect;		/* --connect targets */
	unsigned int n_connect;
	size_t queue_limit;		/* per client output, bytes */
	unsigned int max_clients;
	bool daemonize;
	int verbose;
	u64 seed;
	bool seed_set;
};

struct vw_listener {
	struct vw_io io;
	bool is_unix;
};

struct vw_medium {
	struct vw_config cfg;
	int epfd;
	bool quit;
	u64 start_ms;

	struct vw_client *clients;	/* live, newest first */
	struct vw_client *dead;		/* killed, to reap */
	struct vw_client *dirty;	/* output to flush */
	unsigned int n_clients;
	u32 next_id;
	u8 *scratch;			/* one read's worth of bytes */
	size_t scratch_len;

	struct vw_listener air_unix;
	struct vw_listener air_tcp;
	char tcp_where[80];		/* ADDR:PORT air_tcp is bound to */
	bool unix_bound;		/* we created cfg.sock_path */
	struct vw_conn *conns;		/* --connect targets */
	struct vw_io retry_timer;

	struct vw_radio *radio_hash[VW_HASH_SIZE];
	struct vw_radio *radios;
	struct vw_radio *radios_tail;
	unsigned int n_radios;
	struct vw_pair *pair_hash[VW_HASH_SIZE];
	struct vw_pair *pairs;
	struct vw_pair *pairs_tail;
	unsigned int n_pairs;

	struct vw_model model;
	u64 rng;

	struct vw_pcap *pcap;
	struct vw_stats st;

	struct vw_io ctl_listen;
	bool ctl_bound;
	struct vw_ctl_conn *ctl_conns;
	unsigned int n_ctl;

	struct vw_io sig;
};

/* Puts the medium's state to its defaults (no sockets). */
void vw_medium_defaults(struct vw_medium *m);

#endif
