/* SPDX-License-Identifier: MIT */
#include "block_set.h"

#include <string.h>

static unsigned home(uint64_t key)
{
	return (unsigned)(key * 0x9e3779b97f4a7c15ull >> 52) & (BLOCK_SET_SLOTS - 1u);
}

bool block_set_has(const block_set *s, uint64_t key, uint32_t size)
{
	for (unsigned i = home(key);; i = (i + 1) & (BLOCK_SET_SLOTS - 1u)) {
		if (s->slot[i].size == 0)
			return false;
		if (s->slot[i].key == key)
			return s->slot[i].size == size;
	}
}

void block_set_add(block_set *s, uint64_t key, uint32_t size)
{
	if (s->used >= BLOCK_SET_SLOTS / 4 * 3)
		block_set_clear(s);
	unsigned i = home(key);
	while (s->slot[i].size && s->slot[i].key != key)
		i = (i + 1) & (BLOCK_SET_SLOTS - 1u);
	if (!s->slot[i].size)
		s->used++;
	s->slot[i].key = key;
	s->slot[i].size = size;
}

void block_set_clear(block_set *s)
{
	if (s->used)
		memset(s, 0, sizeof(*s));
}
