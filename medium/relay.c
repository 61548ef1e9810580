// SPDX-License-Identifier: GPL-2.0
/*
 * One frame from a client onto the air: check that it is an air frame,
 * learn its transmitter, capture it, and queue a copy for every radio of
 * every other client that hears it, addressed to that radio and carrying
 * the signal it hears it at. A client whose radios are not known yet gets
 * one broadcast copy, as a radio at the origin would hear it.
 */
#include <string.h>

#include "medium.h"

static const u8 bcast[VW_ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* Logs a drop at -v, on the 1st, 2nd, 4th, 8th... of its kind per node. */
static void relay_drop(struct vw_client *c, u64 *node_count, u64 *total,
		       const char *why, int detail)
{
	(*node_count)++;
	(*total)++;
	if (!(*node_count & (*node_count - 1)))
		vw_dbg("node %u: dropped %s (%d), %llu so far", c->id, why,
		       detail, (unsigned long long)*node_count);
}

/* The transmitter of the frame, learned or moved to this client. */
static struct vw_radio *relay_learn(struct vw_medium *m, struct vw_client *c,
				    const struct vw_air_info *info)
{
	struct vw_radio *r = vw_radio_find(m, info->tx_addr);
	char a[18];

	if (r && r->client == c)
		return r;
	if (c->n_radios >= VW_RADIOS_PER_CLIENT)
		return NULL;
	if (!r)
		r = vw_radio_get(m, info->tx_addr);
	if (!r)
		return NULL;

	if (r->client) {
		/*
		 * A guest that came back on a new connection, or two guests
		 * using one address: then it moves back and forth, and the
		 * log says so on the 1st, 2nd, 4th, 8th... move only.
		 */
		r->moves++;
		m->st.radio_moves++;
		if (!(r->moves & (r->moves - 1)))
			vw_info("radio %s moved from node %u to node %u%s",
				vw_addr_str(r->addr, a), r->client->id, c->id,
				r->moves > 1 ? " (one address on two nodes?)" : "");
	} else {
		vw_info("radio %s learned on node %u", vw_addr_str(r->addr, a),
			c->id);
	}
	vw_radio_bind(m, r, c);
	return r;
}

static void relay_copy(struct vw_medium *m, struct vw_client *c,
		       struct vw_radio *rx, const u8 *frame, size_t len,
		       int signal)
{
	u8 *p = vw_client_reserve(m, c, len);

	if (!p) {
		c->st.drop_queue_full++;
		m->st.drop_queue_full++;
		if (rx)
			rx->st.rx_queue_full++;
		return;
	}
	memcpy(p, frame, len);
	memcpy(p, rx ? rx->addr : bcast, VW_ETH_ALEN);
	vw_air_set_signal(p + VW_ETH_HLEN, len - VW_ETH_HLEN, (vw_s8)signal);
	vw_client_commit(m, c, len);
	c->st.tx_frames++;
	c->st.tx_bytes += len;
	m->st.tx_frames++;
	m->st.tx_bytes += len;
	if (rx)
		rx->st.rx_frames++;
}

/* The air frame in frame[0..len) carries info and the MPDU at mpdu. */
struct relay_frame {
	const u8 *frame;
	size_t len;
	const struct vw_air_info *info;
	const u8 *mpdu;
	size_t mpdu_len;
};

static void relay_judge(struct vw_medium *m, struct vw_client *c,
			struct vw_radio *tx, struct vw_radio *rx, int tx_power,
			const struct relay_frame *f)
{
	const u8 *frame = f->frame;
	size_t len = f->len;
	int signal;

	switch (vw_model_judge(m, tx, rx, f->info, tx_power, f->mpdu,
			       f->mpdu_len, &signal)) {
	case VW_HEARD:
		relay_copy(m, c, rx, frame, len, signal);
		return;
	case VW_DENIED:
		m->st.drop_denied++;
		if (rx)
			rx->st.rx_denied++;
		return;
	case VW_WEAK:
		m->st.drop_weak++;
		if (rx)
			rx->st.rx_weak++;
		return;
	case VW_LOST:
		m->st.drop_lost++;
		if (rx)
			rx->st.rx_lost++;
		return;
	}
}

void vw_relay(struct vw_medium *m, struct vw_client *from,
	      const u8 *frame, size_t len)
{
	struct vw_air_info info;
	struct relay_frame f;
	struct vw_radio *tx, *rx;
	struct vw_client *c;
	int hlen, tx_power;

	from->st.rx_frames++;
	from->st.rx_bytes += len;
	m->st.rx_frames++;
	m->st.rx_bytes += len;

	if (len < VW_ETH_HLEN) {
		relay_drop(from, &from->st.drop_malformed,
			   &m->st.drop_malformed, "a runt", (int)len);
		return;
	}
	if (vw_get_be16(frame + 12) != VW_AIR_ETHERTYPE) {
		relay_drop(from, &from->st.drop_not_air, &m->st.drop_not_air,
			   "a frame of another EtherType",
			   vw_get_be16(frame + 12));
		return;
	}
	hlen = vw_air_decode(frame + VW_ETH_HLEN, len - VW_ETH_HLEN, &info);
	if (hlen < 0 || len - VW_ETH_HLEN - (size_t)hlen < VW_MPDU_MIN) {
		relay_drop(from, &from->st.drop_malformed,
			   &m->st.drop_malformed, "a malformed air frame", hlen);
		return;
	}

	tx = relay_learn(m, from, &info);
	if (!tx) {
		relay_drop(from, &from->st.drop_radio_limit,
			   &m->st.drop_radio_limit,
			   "a frame past the radio limit", (int)from->n_radios);
		return;
	}
	m->st.air_frames++;
	tx->seen = true;
	tx->txp_seen = info.tx_power;
	tx->freq = info.freq;
	tx->st.tx_frames++;
	tx->st.tx_bytes += len;

	if (m->pcap) {
		if (vw_pcap_write(m->pcap, &info, frame + VW_ETH_HLEN + hlen,
				  len - VW_ETH_HLEN - (size_t)hlen) == 0) {
			m->st.pcap_frames++;
		} else {
			vw_err("pcap: cannot write, capture stopped");
			vw_pcap_close(m->pcap);
			m->pcap = NULL;
		}
	}

	tx_power = tx->txp_set ? tx->txp_override : info.tx_power;
	f = (struct relay_frame){
		.frame = frame,
		.len = len,
		.info = &info,
		.mpdu = frame + VW_ETH_HLEN + hlen,
		.mpdu_len = len - VW_ETH_HLEN - (size_t)hlen,
	};
	for (c = m->clients; c; c = c->next) {
		if (c == from || c->wr_closed)
			continue;
		if (!c->radios) {
			relay_judge(m, c, tx, NULL, tx_power, &f);
			continue;
		}
		for (rx = c->radios; rx; rx = rx->node_next)
			relay_judge(m, c, tx, rx, tx_power, &f);
	}
}
