/* SPDX-License-Identifier: MIT */
/* Tags: values that say which register, side and run they came from, so a
 * leaked or lost value names its origin (docs/check.md). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "check_internal.h"

static const char *const side_names[] = {"host", "guest", "poison", "el2"};

uint64_t el2_check_tag(el2_tag_side side, el2_reg reg, unsigned run, uint32_t salt)
{
	return (EL2_TAG_MARKER << 48) | ((uint64_t)(side & 3u) << 46) |
	       ((uint64_t)(reg & 0xfffu) << 34) | ((uint64_t)(run & EL2_TAG_MAX_RUN) << 22) |
	       (salt & EL2_TAG_MAX_SALT);
}

bool el2_check_tag_decode(uint64_t value, el2_tag_side *side, el2_reg *reg, unsigned *run,
			  uint32_t *salt)
{
	if (value >> 48 != EL2_TAG_MARKER)
		return false;
	if (side)
		*side = (el2_tag_side)((value >> 46) & 3u);
	if (reg)
		*reg = (el2_reg)((value >> 34) & 0xfffu);
	if (run)
		*run = (unsigned)((value >> 22) & EL2_TAG_MAX_RUN);
	if (salt)
		*salt = (uint32_t)(value & EL2_TAG_MAX_SALT);
	return true;
}

static size_t describe(el2_tag_side side, el2_reg reg, unsigned run, uint32_t salt,
		       bool with_event, char *buf, size_t len)
{
	const char *name = el2_reg_name(reg);
	if (side == EL2_TAG_POISON && with_event)
		return (size_t)snprintf(buf, len, "poison %s (event %" PRIu32 "), run %u", name,
					salt, run);
	return (size_t)snprintf(buf, len, "%s %s, run %u", side_names[side], name, run);
}

size_t el2_check_tag_describe(uint64_t value, char *buf, size_t len)
{
	el2_tag_side side;
	el2_reg reg;
	unsigned run;
	uint32_t salt;
	if (!el2_check_tag_decode(value, &side, &reg, &run, &salt))
		return (size_t)snprintf(buf, len, "untagged");
	return describe(side, reg, run, salt, true, buf, len);
}

static size_t home(const chk_tagtab *t, uint64_t value)
{
	return (size_t)chk_mix(value) & (t->index_cap - 1);
}

/* The index slot that holds value, or the empty slot where it would go. */
static size_t slot_of(const chk_tagtab *t, uint64_t value)
{
	size_t i = home(t, value);
	while (t->index[i] && t->e[t->index[i] - 1].value != value)
		i = (i + 1) & (t->index_cap - 1);
	return i;
}

static bool index_grow(chk_tagtab *t)
{
	size_t cap = t->index_cap ? t->index_cap * 2 : 512;
	uint32_t *ix = calloc(cap, sizeof(*ix));
	if (!ix)
		return false;
	free(t->index);
	t->index = ix;
	t->index_cap = cap;
	for (size_t k = 0; k < t->n; k++)
		t->index[slot_of(t, t->e[k].value)] = (uint32_t)(k + 1);
	return true;
}

/* Entries go in the reverse order they came (chk_tagtab_truncate), so
 * no entry left in the index was placed past the one going: its slot
 * simply empties. */
static void index_remove(chk_tagtab *t, uint64_t value)
{
	t->index[slot_of(t, value)] = 0;
}

void chk_tagtab_add(chk_tagtab *t, uint64_t value, el2_tag_side side, el2_reg reg,
		    unsigned run, uint32_t salt)
{
	/* A value with few bits set (a masked tag such as 0 or 0x300000)
	 * could be anybody's: only distinctive values name an origin. */
	if (__builtin_popcountll(value) < CHK_TAG_MIN_BITS)
		return;
	/* the table is a help for messages only: out of memory drops it */
	if (2 * (t->n + 1) > t->index_cap && !index_grow(t))
		return;
	size_t s = slot_of(t, value);
	if (t->index[s]) {
		chk_tagent *e = &t->e[t->index[s] - 1];
		if (e->side != side || e->reg != reg)
			e->ambiguous = true;
		return;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		chk_tagent *e = realloc(t->e, cap * sizeof(*e));
		if (!e)
			return;
		t->e = e;
		t->cap = cap;
	}
	t->e[t->n++] = (chk_tagent){value, side, reg, run, salt, false};
	t->index[s] = (uint32_t)t->n;
}

const chk_tagent *chk_tagtab_find(const chk_tagtab *t, uint64_t value)
{
	if (!t || !t->index_cap)
		return NULL;
	size_t s = slot_of(t, value);
	const chk_tagent *e = t->index[s] ? &t->e[t->index[s] - 1] : NULL;
	return e && !e->ambiguous ? e : NULL;
}

void chk_tagtab_truncate(chk_tagtab *t, size_t n)
{
	while (t->n > n)
		index_remove(t, t->e[--t->n].value);
}

void chk_tagtab_free(chk_tagtab *t)
{
	free(t->e);
	free(t->index);
	t->e = NULL;
	t->index = NULL;
	t->n = t->cap = t->index_cap = 0;
}

void chk_describe(const chk_tagtab *t, uint64_t value, char *buf, size_t len)
{
	const chk_tagent *e = chk_tagtab_find(t, value);
	if (e) {
		describe(e->side, e->reg, e->run, e->salt, true, buf, len);
		return;
	}
	el2_check_tag_describe(value, buf, len);
}

uint64_t chk_mix(uint64_t x)
{
	x += UINT64_C(0x9e3779b97f4a7c15);
	x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
	return x ^ (x >> 31);
}
