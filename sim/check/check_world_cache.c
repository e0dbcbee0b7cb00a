/* SPDX-License-Identifier: MIT */
/* A world kept between checks (el2sim mutate's workers): the object is
 * loaded and the PE and the engine created once; each check takes the
 * world with no translated code (it is rebuilt as the check runs) and
 * reset to its pristine contents, as a trip does (check_world.c), so a
 * check with a kept world runs as one with a fresh load. A mutant's word
 * is written into the pristine copy: the reset then copies its page into
 * memory. */
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"

struct chk_world_cache {
	chk_world w;
	bool have;
};

el2_err chk_world_cache_new(chk_world_cache **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? EL2_OK : EL2_ERR_NOMEM;
}

void chk_world_cache_free(chk_world_cache **c)
{
	if (!c || !*c)
		return;
	if ((*c)->have)
		chk_world_close(&(*c)->w);
	free(*c);
	*c = NULL;
}

el2_err chk_world_cache_patch(chk_world_cache *c, uint64_t addr, uint32_t word)
{
	if (!c || !c->have)
		return EL2_OK;
	chk_world *w = &c->w;
	for (size_t i = 0; i < el2_mem_count(w->mem); i++) {
		const el2_mem_region *r = el2_mem_region_at(w->mem, i);
		if (addr < r->base || addr - r->base > r->size - 4)
			continue;
		if (!r->host || !w->pristine[i])
			return EL2_ERR_INVALID_ARG;
		uint64_t off = addr - r->base, pg = off / EL2_MEM_PAGE_SIZE;
		uint8_t b[4] = {(uint8_t)word, (uint8_t)(word >> 8), (uint8_t)(word >> 16),
				(uint8_t)(word >> 24)};
		memcpy(w->pristine[i] + off, b, 4);
		w->zero_page[i][pg] = chk_page_is_zero(w->pristine[i] + pg * EL2_MEM_PAGE_SIZE);
		return EL2_OK;
	}
	return EL2_ERR_INVALID_ARG;
}

bool chk_world_cache_take(chk_world_cache *c, chk_world *w)
{
	if (!c || !c->have)
		return false;
	*w = c->w;
	c->have = false;
	/* Another check's code ran here, perhaps stopped anywhere (a budget,
	 * an error): start from no translated code. Unicorn 2.1.1's ranged
	 * removal crashed in tb_invalidate_phys_range at the next reset after
	 * such checks (the tutorial's guest_enter mutants). */
	el2_engine_forget_code(w->eng);
	chk_world_reset(w); /* memory as loaded before anything reads it */
	return true;
}

void chk_world_cache_give(chk_world_cache *c, chk_world *w)
{
	if (c->have)
		chk_world_close(&c->w);
	c->w = *w;
	c->have = true;
	memset(w, 0, sizeof(*w));
}
