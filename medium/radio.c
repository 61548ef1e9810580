// SPDX-License-Identifier: GPL-2.0
/*
 * Radios by address, and directed radio pairs (link loss tx -> rx, and
 * "rx denies tx"). Both are hashed: the relay looks them up for every
 * copy of every frame. Radios are never freed before shutdown; their
 * number is bounded by VW_RADIOS_MAX.
 */
#include <stdlib.h>
#include <string.h>

#include "medium.h"

static unsigned int hash_addr(const u8 *a, u32 h)
{
	int i;

	for (i = 0; i < VW_ETH_ALEN; i++)
		h = (h ^ a[i]) * 16777619u;
	return h;
}

static unsigned int radio_bucket(const u8 *addr)
{
	return hash_addr(addr, 2166136261u) & (VW_HASH_SIZE - 1);
}

static unsigned int pair_bucket(const u8 *tx, const u8 *rx)
{
	return hash_addr(rx, hash_addr(tx, 2166136261u)) & (VW_HASH_SIZE - 1);
}

struct vw_radio *vw_radio_find(struct vw_medium *m, const u8 *addr)
{
	struct vw_radio *r;

	for (r = m->radio_hash[radio_bucket(addr)]; r; r = r->hash_next)
		if (!memcmp(r->addr, addr, VW_ETH_ALEN))
			return r;
	return NULL;
}

struct vw_radio *vw_radio_get(struct vw_medium *m, const u8 *addr)
{
	struct vw_radio *r = vw_radio_find(m, addr);
	unsigned int b;

	if (r)
		return r;
	if (m->n_radios >= VW_RADIOS_MAX)
		return NULL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	memcpy(r->addr, addr, VW_ETH_ALEN);
	b = radio_bucket(addr);
	r->hash_next = m->radio_hash[b];
	m->radio_hash[b] = r;
	if (m->radios_tail)
		m->radios_tail->all_next = r;
	else
		m->radios = r;
	m->radios_tail = r;
	m->n_radios++;
	return r;
}

void vw_radio_bind(struct vw_medium *m, struct vw_radio *r,
		   struct vw_client *c)
{
	struct vw_radio **pp;

	(void)m;
	if (r->client == c)
		return;
	if (r->client) {
		for (pp = &r->client->radios; *pp; pp = &(*pp)->node_next) {
			if (*pp == r) {
				*pp = r->node_next;
				break;
			}
		}
		r->client->n_radios--;
	}
	r->node_next = NULL;
	r->client = c;
	if (c) {
		/* at the tail, so a node's copies go out in learning order */
		for (pp = &c->radios; *pp; pp = &(*pp)->node_next)
			;
		*pp = r;
		c->n_radios++;
	}
}

void vw_radios_uninit(struct vw_medium *m)
{
	struct vw_radio *r, *next;

	for (r = m->radios; r; r = next) {
		next = r->all_next;
		free(r);
	}
	m->radios = NULL;
	m->radios_tail = NULL;
	m->n_radios = 0;
	memset(m->radio_hash, 0, sizeof(m->radio_hash));
}

struct vw_pair *vw_pair_find(struct vw_medium *m, const u8 *tx, const u8 *rx)
{
	struct vw_pair *p;

	if (!m->n_pairs)
		return NULL;
	for (p = m->pair_hash[pair_bucket(tx, rx)]; p; p = p->hash_next)
		if (!memcmp(p->tx, tx, VW_ETH_ALEN) &&
		    !memcmp(p->rx, rx, VW_ETH_ALEN))
			return p;
	return NULL;
}

struct vw_pair *vw_pair_get(struct vw_medium *m, const u8 *tx, const u8 *rx)
{
	struct vw_pair *p = vw_pair_find(m, tx, rx);
	unsigned int b;

	if (p)
		return p;
	if (m->n_pairs >= VW_PAIRS_MAX)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	memcpy(p->tx, tx, VW_ETH_ALEN);
	memcpy(p->rx, rx, VW_ETH_ALEN);
	b = pair_bucket(tx, rx);
	p->hash_next = m->pair_hash[b];
	m->pair_hash[b] = p;
	/* at the tail, so that listings come in the order things were set */
	p->prev = m->pairs_tail;
	if (m->pairs_tail)
		m->pairs_tail->next = p;
	else
		m->pairs = p;
	m->pairs_tail = p;
	m->n_pairs++;
	return p;
}

static void pair_free(struct vw_medium *m, struct vw_pair *p)
{
	struct vw_pair **pp = &m->pair_hash[pair_bucket(p->tx, p->rx)];

	while (*pp != p)
		pp = &(*pp)->hash_next;
	*pp = p->hash_next;
	if (p->prev)
		p->prev->next = p->next;
	else
		m->pairs = p->next;
	if (p->next)
		p->next->prev = p->prev;
	else
		m->pairs_tail = p->prev;
	m->n_pairs--;
	free(p);
}

void vw_pair_settle(struct vw_medium *m, struct vw_pair *p)
{
	if (!p->loss && !p->denied)
		pair_free(m, p);
}

void vw_pairs_clear_loss(struct vw_medium *m)
{
	struct vw_pair *p, *next;

	for (p = m->pairs; p; p = next) {
		next = p->next;
		p->loss = 0;
		vw_pair_settle(m, p);
	}
}

void vw_pairs_clear_deny(struct vw_medium *m)
{
	struct vw_pair *p, *next;

	for (p = m->pairs; p; p = next) {
		next = p->next;
		p->denied = false;
		vw_pair_settle(m, p);
	}
}

void vw_pairs_uninit(struct vw_medium *m)
{
	while (m->pairs)
		pair_free(m, m->pairs);
}
