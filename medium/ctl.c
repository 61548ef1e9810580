// SPDX-License-Identifier: GPL-2.0
/*
 * The control socket: requests and replies of vw_medium_ctl.h. Each
 * connection reads requests into a buffer, answers every complete one in
 * order, and writes the replies without blocking; a client that sends
 * requests but does not read its replies stops being read from, then is
 * dropped.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "medium.h"
#include "sock.h"
#include "vw_medium_ctl.h"

#define CTL_SOCK_MODE 0600
#define CTL_MAX_CONNS 64
#define CTL_OUT_PAUSE (1u << 20)	/* stop reading requests past this */
#define CTL_OUT_LIMIT (16u << 20)	/* drop the connection past this */

struct vw_ctl_conn {
	struct vw_io io;
	struct vw_ctl_conn *prev, *next;
	struct vw_buf in;
	struct vw_buf out;
	bool failed;		/* output over the limit */
};

/* ---- replies ---- */

static void ctl_reply(struct vw_ctl_conn *cc, u16 type, const void *msg)
{
	size_t room = VW_CTL_HDR_LEN + VW_CTL_PAYLOAD_MAX;
	u8 *p = vw_buf_reserve(&cc->out, room, CTL_OUT_LIMIT);
	int n;

	if (!p) {
		cc->failed = true;
		return;
	}
	n = vw_ctl_encode(type, msg, p, room);
	if (n > 0)
		vw_buf_commit(&cc->out, (size_t)n);
}

/* Ends a reply; returns -1 so that handlers can "return ctl_status()". */
static int ctl_status(struct vw_ctl_conn *cc, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int ctl_status(struct vw_ctl_conn *cc, int error, const char *fmt, ...)
{
	struct vw_ctl_status st = { .error = error };
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(st.text, sizeof(st.text), fmt, ap);
		va_end(ap);
	}
	ctl_reply(cc, VW_CTL_R_STATUS, &st);
	return -1;
}

/* ---- requests ---- */

struct ctl_req {
	struct vw_medium *m;
	struct vw_ctl_conn *cc;
	union vw_ctl_msg msg;
	size_t len;		/* payload length as received */
};

static int req_node_list(struct ctl_req *q)
{
	struct vw_medium *m = q->m;
	struct vw_client *c, *last = NULL;
	struct vw_ctl_node n;
	u64 now = vw_now_ms();

	for (c = m->clients; c; c = c->next)
		last = c;
	for (c = last; c; c = c->prev) {
		memset(&n, 0, sizeof(n));
		n.id = c->id;
		n.n_radios = c->n_radios;
		n.rx_frames = c->st.rx_frames;
		n.rx_bytes = c->st.rx_bytes;
		n.tx_frames = c->st.tx_frames;
		n.tx_bytes = c->st.tx_bytes;
		n.drop_not_air = c->st.drop_not_air;
		n.drop_malformed = c->st.drop_malformed;
		n.drop_radio_limit = c->st.drop_radio_limit;
		n.drop_queue_full = c->st.drop_queue_full;
		n.connected_ms = now - c->since_ms;
		snprintf(n.peer, sizeof(n.peer), "%s", c->peer);
		ctl_reply(q->cc, VW_CTL_R_NODE, &n);
	}
	return 0;
}

static int req_radio_list(struct ctl_req *q)
{
	struct vw_ctl_radio o;
	struct vw_radio *r;

	for (r = q->m->radios; r; r = r->all_next) {
		memset(&o, 0, sizeof(o));
		memcpy(o.addr, r->addr, VW_ETH_ALEN);
		o.flags = (r->client ? VW_CTL_RADIO_CONNECTED : 0) |
			  (r->seen ? VW_CTL_RADIO_SEEN : 0) |
			  (r->txp_set ? VW_CTL_RADIO_TXPOWER_SET : 0);
		o.txpower_override = r->txp_override;
		o.node = r->client ? r->client->id : 0;
		o.x = r->pos[0];
		o.y = r->pos[1];
		o.z = r->pos[2];
		o.tx_power = r->txp_seen;
		o.freq = r->freq;
		o.tx_frames = r->st.tx_frames;
		o.tx_bytes = r->st.tx_bytes;
		o.rx_frames = r->st.rx_frames;
		o.rx_denied = r->st.rx_denied;
		o.rx_weak = r->st.rx_weak;
		o.rx_lost = r->st.rx_lost;
		o.rx_queue_full = r->st.rx_queue_full;
		ctl_reply(q->cc, VW_CTL_R_RADIO, &o);
	}
	return 0;
}

static struct vw_radio *req_radio(struct ctl_req *q, const u8 *addr)
{
	struct vw_radio *r = vw_radio_get(q->m, addr);

	if (!r)
		ctl_status(q->cc, ENOSPC, "no room for another radio (%d)",
			   VW_RADIOS_MAX);
	return r;
}

static int req_pos_set(struct ctl_req *q)
{
	const struct vw_ctl_pos *p = &q->msg.pos;
	struct vw_radio *r = req_radio(q, p->addr);
	char a[18];

	if (!r)
		return -1;
	r->pos[0] = p->x;
	r->pos[1] = p->y;
	r->pos[2] = p->z;
	vw_info("radio %s at %d,%d,%d mm", vw_addr_str(r->addr, a),
		p->x, p->y, p->z);
	return 0;
}

static int req_txpower_set(struct ctl_req *q)
{
	const struct vw_ctl_txpower *t = &q->msg.txpower;
	struct vw_radio *r;
	char a[18];

	if (t->set > 1)
		return ctl_status(q->cc, EINVAL, "set must be 0 or 1");
	if (t->set && (t->dbm < VW_CTL_TXPOWER_MIN || t->dbm > VW_CTL_TXPOWER_MAX))
		return ctl_status(q->cc, ERANGE, "tx power must be %d..%d dBm",
				  VW_CTL_TXPOWER_MIN, VW_CTL_TXPOWER_MAX);
	r = req_radio(q, t->addr);
	if (!r)
		return -1;
	r->txp_set = t->set;
	r->txp_override = t->set ? t->dbm : 0;
	if (t->set)
		vw_info("radio %s tx power %d dBm", vw_addr_str(r->addr, a),
			t->dbm);
	else
		vw_info("radio %s tx power from its frames",
			vw_addr_str(r->addr, a));
	return 0;
}

static int req_link_set(struct ctl_req *q)
{
	const struct vw_ctl_link *l = &q->msg.link;
	struct vw_pair *p;
	char a[18], b[18];

	if (l->loss > 100)
		return ctl_status(q->cc, ERANGE, "loss must be 0..100 %%");
	if (!memcmp(l->tx, l->rx, VW_ETH_ALEN))
		return ctl_status(q->cc, EINVAL, "a link needs two radios");
	p = l->loss ? vw_pair_get(q->m, l->tx, l->rx) :
		      vw_pair_find(q->m, l->tx, l->rx);
	if (!p && l->loss)
		return ctl_status(q->cc, ENOSPC, "no room for another link");
	if (p) {
		p->loss = l->loss;
		vw_pair_settle(q->m, p);
	}
	vw_info("link %s -> %s loss %u %%", vw_addr_str(l->tx, a),
		vw_addr_str(l->rx, b), l->loss);
	return 0;
}

static int req_link_list(struct ctl_req *q)
{
	struct vw_ctl_link l;
	struct vw_pair *p;

	for (p = q->m->pairs; p; p = p->next) {
		if (!p->loss)
			continue;
		memcpy(l.tx, p->tx, VW_ETH_ALEN);
		memcpy(l.rx, p->rx, VW_ETH_ALEN);
		l.loss = p->loss;
		ctl_reply(q->cc, VW_CTL_R_LINK, &l);
	}
	return 0;
}

static int req_link_clear(struct ctl_req *q)
{
	vw_pairs_clear_loss(q->m);
	vw_info("links cleared");
	return 0;
}

static int req_deny_add(struct ctl_req *q)
{
	const struct vw_ctl_deny *d = &q->msg.deny;
	struct vw_pair *p;
	char a[18], b[18];

	if (!memcmp(d->tx, d->rx, VW_ETH_ALEN))
		return ctl_status(q->cc, EINVAL, "a radio cannot deny itself");
	p = vw_pair_get(q->m, d->tx, d->rx);
	if (!p)
		return ctl_status(q->cc, ENOSPC, "no room for another deny");
	p->denied = true;
	vw_info("deny: %s denies %s", vw_addr_str(d->rx, a),
		vw_addr_str(d->tx, b));
	return 0;
}

static int req_deny_del(struct ctl_req *q)
{
	const struct vw_ctl_deny *d = &q->msg.deny;
	struct vw_pair *p = vw_pair_find(q->m, d->tx, d->rx);
	char a[18], b[18];

	if (!p || !p->denied)
		return ctl_status(q->cc, ENOENT, "%s does not deny %s",
				  vw_addr_str(d->rx, a),
				  vw_addr_str(d->tx, b));
	p->denied = false;
	vw_pair_settle(q->m, p);
	vw_info("deny: %s no longer denies %s", vw_addr_str(d->rx, a),
		vw_addr_str(d->tx, b));
	return 0;
}

static int req_deny_list(struct ctl_req *q)
{
	struct vw_ctl_deny d;
	struct vw_pair *p;

	for (p = q->m->pairs; p; p = p->next) {
		if (!p->denied)
			continue;
		memcpy(d.rx, p->rx, VW_ETH_ALEN);
		memcpy(d.tx, p->tx, VW_ETH_ALEN);
		ctl_reply(q->cc, VW_CTL_R_DENY, &d);
	}
	return 0;
}

static int req_deny_clear(struct ctl_req *q)
{
	vw_pairs_clear_deny(q->m);
	vw_info("denylist cleared");
	return 0;
}

static int req_model_get(struct ctl_req *q)
{
	struct vw_ctl_model o = {
		.which = VW_CTL_MODEL_EXPONENT | VW_CTL_MODEL_SENSITIVITY,
		.exponent_x10 = q->m->model.exponent_x10,
		.sensitivity = q->m->model.sensitivity_dbm,
	};

	ctl_reply(q->cc, VW_CTL_R_MODEL, &o);
	return 0;
}

static int req_model_set(struct ctl_req *q)
{
	const struct vw_ctl_model *o = &q->msg.model;
	struct vw_model *model = &q->m->model;

	if (o->which & ~(u32)(VW_CTL_MODEL_EXPONENT | VW_CTL_MODEL_SENSITIVITY))
		return ctl_status(q->cc, EINVAL, "unknown model field");
	if (((o->which & VW_CTL_MODEL_EXPONENT) && q->len < 8) ||
	    ((o->which & VW_CTL_MODEL_SENSITIVITY) && q->len < 12))
		return ctl_status(q->cc, EINVAL, "request too short");
	if ((o->which & VW_CTL_MODEL_EXPONENT) &&
	    (o->exponent_x10 < VW_EXP_MIN || o->exponent_x10 > VW_EXP_MAX))
		return ctl_status(q->cc, ERANGE,
				  "exponent_x10 must be %d..%d",
				  VW_EXP_MIN, VW_EXP_MAX);
	if ((o->which & VW_CTL_MODEL_SENSITIVITY) &&
	    (o->sensitivity < VW_SENS_MIN || o->sensitivity > VW_SENS_MAX))
		return ctl_status(q->cc, ERANGE,
				  "sensitivity must be %d..%d dBm",
				  VW_SENS_MIN, VW_SENS_MAX);
	if (o->which & VW_CTL_MODEL_EXPONENT)
		model->exponent_x10 = o->exponent_x10;
	if (o->which & VW_CTL_MODEL_SENSITIVITY)
		model->sensitivity_dbm = o->sensitivity;
	vw_info("model: exponent %d.%d, sensitivity %d dBm",
		model->exponent_x10 / 10, model->exponent_x10 % 10,
		model->sensitivity_dbm);
	return 0;
}

static int req_stats(struct ctl_req *q)
{
	const struct vw_stats *s = &q->m->st;
	struct vw_ctl_stats o = {
		.clients = q->m->n_clients,
		.radios = q->m->n_radios,
		.uptime_ms = vw_now_ms() - q->m->start_ms,
		.clients_total = s->clients_total,
		.cutoffs = s->cutoffs,
		.rx_frames = s->rx_frames,
		.rx_bytes = s->rx_bytes,
		.air_frames = s->air_frames,
		.drop_not_air = s->drop_not_air,
		.drop_malformed = s->drop_malformed,
		.drop_radio_limit = s->drop_radio_limit,
		.tx_frames = s->tx_frames,
		.tx_bytes = s->tx_bytes,
		.drop_denied = s->drop_denied,
		.drop_weak = s->drop_weak,
		.drop_lost = s->drop_lost,
		.drop_queue_full = s->drop_queue_full,
		.pcap_frames = s->pcap_frames,
		.radio_moves = s->radio_moves,
	};

	ctl_reply(q->cc, VW_CTL_R_STATS, &o);
	return 0;
}

/*
 * A handler returns 0 when the request succeeded (status 0 follows its
 * records), or the -1 of ctl_status() when it has answered an error.
 */
static int (*const handlers[])(struct ctl_req *q) = {
	[VW_CTL_NODE_LIST] = req_node_list,
	[VW_CTL_RADIO_LIST] = req_radio_list,
	[VW_CTL_POS_SET] = req_pos_set,
	[VW_CTL_TXPOWER_SET] = req_txpower_set,
	[VW_CTL_LINK_SET] = req_link_set,
	[VW_CTL_LINK_LIST] = req_link_list,
	[VW_CTL_LINK_CLEAR] = req_link_clear,
	[VW_CTL_DENY_ADD] = req_deny_add,
	[VW_CTL_DENY_DEL] = req_deny_del,
	[VW_CTL_DENY_LIST] = req_deny_list,
	[VW_CTL_DENY_CLEAR] = req_deny_clear,
	[VW_CTL_MODEL_GET] = req_model_get,
	[VW_CTL_MODEL_SET] = req_model_set,
	[VW_CTL_STATS] = req_stats,
};

static void ctl_dispatch(struct vw_medium *m, struct vw_ctl_conn *cc,
			 const struct vw_ctl_hdr *h, const u8 *payload)
{
	struct ctl_req q = { .m = m, .cc = cc, .len = h->len };
	int ret;

	if (h->version != VW_CTL_VERSION) {
		ctl_status(cc, EPROTONOSUPPORT, "protocol version %d only",
			   VW_CTL_VERSION);
		return;
	}
	if (h->type >= sizeof(handlers) / sizeof(handlers[0]) ||
	    !handlers[h->type]) {
		ctl_status(cc, EOPNOTSUPP, "unknown request type %u", h->type);
		return;
	}
	ret = vw_ctl_decode(h->type, payload, h->len, &q.msg);
	if (ret < 0) {
		ctl_status(cc, EINVAL, "%s: %u bytes, need %d",
			   vw_ctl_type_name(h->type), h->len,
			   vw_ctl_payload_len(h->type));
		return;
	}
	vw_dbg("control: %s", vw_ctl_type_name(h->type));
	if (handlers[h->type](&q) == 0)
		ctl_status(cc, 0, NULL);
}

/* ---- connections ---- */

static void ctl_close(struct vw_medium *m, struct vw_ctl_conn *cc)
{
	vw_loop_del(m, &cc->io);
	close(cc->io.fd);
	if (cc->prev)
		cc->prev->next = cc->next;
	else
		m->ctl_conns = cc->next;
	if (cc->next)
		cc->next->prev = cc->prev;
	m->n_ctl--;
	vw_buf_free(&cc->in);
	vw_buf_free(&cc->out);
	free(cc);
}

/* Returns false when the connection had to be closed. */
static bool ctl_read(struct vw_medium *m, struct vw_ctl_conn *cc)
{
	struct vw_ctl_hdr h;
	ssize_t n;
	u8 *p;

	p = vw_buf_reserve(&cc->in, 4096, 0);
	if (!p)
		return false;
	n = read(cc->io.fd, p, 4096);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR;
	if (n == 0)
		return false;
	vw_buf_commit(&cc->in, (size_t)n);

	while (vw_buf_len(&cc->in) >= VW_CTL_HDR_LEN) {
		vw_ctl_hdr_get(vw_buf_head(&cc->in), &h);
		if (h.len > VW_CTL_PAYLOAD_MAX) {
			vw_info("control: request of %u bytes, closing", h.len);
			return false;
		}
		if (vw_buf_len(&cc->in) < VW_CTL_HDR_LEN + h.len)
			break;
		ctl_dispatch(m, cc, &h, vw_buf_head(&cc->in) + VW_CTL_HDR_LEN);
		vw_buf_consume(&cc->in, VW_CTL_HDR_LEN + h.len);
		if (cc->failed)
			return false;
	}
	return true;
}

static bool ctl_write(struct vw_ctl_conn *cc)
{
	ssize_t n;

	while (vw_buf_len(&cc->out)) {
		n = send(cc->io.fd, vw_buf_head(&cc->out), vw_buf_len(&cc->out),
			 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0)
			return errno == EAGAIN || errno == EINTR;
		vw_buf_consume(&cc->out, (size_t)n);
	}
	return true;
}

static void ctl_io(struct vw_medium *m, struct vw_io *io, u32 events)
{
	struct vw_ctl_conn *cc = (struct vw_ctl_conn *)io;
	size_t pending;

	if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) && !ctl_read(m, cc))
		goto close;
	if (!ctl_write(cc))
		goto close;
	pending = vw_buf_len(&cc->out);
	if (vw_loop_mod(m, io, (pending < CTL_OUT_PAUSE ? EPOLLIN : 0u) |
			       (pending ? EPOLLOUT : 0u)) < 0)
		goto close;
	return;
close:
	ctl_close(m, cc);
}

static void ctl_accept(struct vw_medium *m, struct vw_io *io, u32 events)
{
	struct vw_ctl_conn *cc;
	int fd;

	(void)events;
	fd = accept4(io->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0)
		return;
	if (m->n_ctl >= CTL_MAX_CONNS) {
		vw_err("control: %u connections already, refusing", m->n_ctl);
		close(fd);
		return;
	}
	cc = calloc(1, sizeof(*cc));
	if (!cc) {
		close(fd);
		return;
	}
	cc->io.fd = fd;
	cc->io.fn = ctl_io;
	if (vw_loop_add(m, &cc->io, EPOLLIN) < 0) {
		close(fd);
		free(cc);
		return;
	}
	cc->next = m->ctl_conns;
	if (cc->next)
		cc->next->prev = cc;
	m->ctl_conns = cc;
	m->n_ctl++;
}

int vw_ctl_init(struct vw_medium *m)
{
	char err[256];
	int fd, ret;

	fd = vw_unix_listen(m->cfg.ctl_path, CTL_SOCK_MODE, err, sizeof(err));
	if (fd < 0) {
		fprintf(stderr, "vwifi-medium: control socket %s\n", err);
		return fd;
	}
	m->ctl_listen.fd = fd;
	m->ctl_listen.fn = ctl_accept;
	m->ctl_bound = true;
	ret = vw_loop_add(m, &m->ctl_listen, EPOLLIN);
	if (ret < 0) {
		fprintf(stderr, "vwifi-medium: epoll: %s\n", strerror(-ret));
		return ret;
	}
	return 0;
}

void vw_ctl_uninit(struct vw_medium *m)
{
	while (m->ctl_conns)
		ctl_close(m, m->ctl_conns);
	if (m->ctl_listen.fd >= 0) {
		vw_loop_del(m, &m->ctl_listen);
		close(m->ctl_listen.fd);
		m->ctl_listen.fd = -1;
	}
	if (m->ctl_bound)
		unlink(m->cfg.ctl_path);
	m->ctl_bound = false;
}
