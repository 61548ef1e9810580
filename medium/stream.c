// SPDX-License-Identifier: GPL-2.0
/*
 * QEMU's -netdev stream framing: each Ethernet frame (no FCS) preceded by
 * its length as a 4-byte big-endian integer. A socket read may end
 * anywhere, in the length or in the frame; whole frames in the read are
 * handed over in place, and only the pieces of split ones are copied.
 */
#include <errno.h>
#include <string.h>

#include "medium.h"

void vw_stream_init(struct vw_stream *s, u32 max_frame)
{
	s->len_have = 0;
	s->need = 0;
	s->part = (struct vw_buf){ 0 };
	s->max_frame = max_frame;
}

void vw_stream_uninit(struct vw_stream *s)
{
	vw_buf_free(&s->part);
}

bool vw_stream_mid_frame(const struct vw_stream *s)
{
	return s->len_have > 0;
}

int vw_stream_feed(struct vw_stream *s, const u8 *data, size_t len,
		   vw_stream_fn fn, void *arg)
{
	size_t have, take;
	u8 *dst;

	while (len) {
		if (s->len_have < sizeof(s->lenbuf)) {
			take = sizeof(s->lenbuf) - s->len_have;
			if (take > len)
				take = len;
			memcpy(s->lenbuf + s->len_have, data, take);
			s->len_have += take;
			data += take;
			len -= take;
			if (s->len_have < sizeof(s->lenbuf))
				break;
			s->need = vw_get_be32(s->lenbuf);
			if (s->need > s->max_frame)
				return -EMSGSIZE;
			if (s->need == 0) {
				s->len_have = 0;
				fn(arg, data, 0);
			}
			continue;
		}

		have = vw_buf_len(&s->part);
		if (!have && len >= s->need) {
			/* the common case: the whole frame is in this read */
			s->len_have = 0;
			fn(arg, data, s->need);
			data += s->need;
			len -= s->need;
			continue;
		}

		take = s->need - have;
		if (take > len)
			take = len;
		dst = vw_buf_reserve(&s->part, take, 0);
		if (!dst)
			return -ENOMEM;
		memcpy(dst, data, take);
		vw_buf_commit(&s->part, take);
		data += take;
		len -= take;
		if (have + take == s->need) {
			s->len_have = 0;
			fn(arg, vw_buf_head(&s->part), s->need);
			vw_buf_consume(&s->part, s->need);
		}
	}
	return 0;
}
