/* SPDX-License-Identifier: MIT */
#include "block_set.h"

#include <string.h>

static unsigned home(uint64_t addr, uint32_t kind)
{
	return (unsigned)((addr ^ kind) * 0x9e3779b97f4a7c15ull >> 52) & (BLOCK_SET_SLOTS - 1u);
}

/* The slot of (addr, kind), or the empty one where it would go. */
static unsigned slot_of(const block_set *s, uint64_t addr, uint32_t kind)
{
	unsigned i = home(addr, kind);
	while (s->slot[i].size && (s->slot[i].addr != addr || s->slot[i].kind != kind))
		i = (i + 1) & (BLOCK_SET_SLOTS - 1u);
	return i;
}

bool block_set_has(const block_set *s, uint64_t addr, uint32_t kind, uint32_t size)
{
	unsigned i = slot_of(s, addr, kind);
	return s->slot[i].size && s->slot[i].size == size;
}

void block_set_add(block_set *s, uint64_t addr, uint32_t kind, uint32_t size)
{
	if (s->used >= BLOCK_SET_SLOTS / 4 * 3)
		block_set_clear(s);
	unsigned i = slot_of(s, addr, kind);
	if (!s->slot[i].size)
		s->used++;
	s->slot[i].addr = addr;
	s->slot[i].kind = kind;
	s->slot[i].size = size;
}

void block_set_clear(block_set *s)
{
	if (s->used)
		memset(s, 0, sizeof(*s));
}
