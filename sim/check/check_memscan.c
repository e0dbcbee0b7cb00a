/* SPDX-License-Identifier: MIT */
/* Property 4 in memory: at each guest entry and exit, and after the round
 * trip (what the guest finds at its next entry), the memory the guest can
 * read must hold no host, EL2 or poison value (docs/check.md). Only
 * pages that differ from the loaded image can hold a value of the run, so
 * a page is compared with the world's pristine copy first and only its
 * changed 8-byte aligned words are classified; a word is looked at only
 * if it carries the tag marker (a masked system-register value, a tag
 * split across an unaligned store or stored as a 32-bit half is not
 * recognised). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "check_internal.h"

/* RAM regions with the guest attribute. The seam for stage 2: a walk of the
 * hypervisor's own tables can narrow these ranges later. */
size_t chk_guest_ranges(const chk_trip *t, chk_range *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < el2_mem_count(t->mem) && n < max; i++) {
		const el2_mem_region *r = el2_mem_region_at(t->mem, i);
		if (!(r->attrs & EL2_MEM_GUEST) || (r->attrs & EL2_MEM_MMIO) || !r->host)
			continue;
		out[n++] = (chk_range){r->base, r->size, i};
	}
	return n;
}

void chk_mem_where(const chk_trip *t, uint64_t addr, char *buf, size_t len)
{
	const el2_mem_region *r = el2_mem_find(t->mem, addr);
	if (r)
		snprintf(buf, len, "%s+0x%" PRIx64 " (0x%" PRIx64 ")", r->name, addr - r->base, addr);
	else
		snprintf(buf, len, "0x%" PRIx64, addr);
}

/* A context slot in guest memory holding the value the checker put there
 * (the guest's own values, stale EL2 tags standing for the slots' old
 * contents) is the checker's doing, not a leak; so is, after the round
 * trip, an UNKNOWN (poison) value in a slot of exit information, which
 * property 3 judges. */
static bool exempt(const chk_trip *t, uint64_t addr, uint64_t v, el2_tag_side side,
		   enum chk_phase ph)
{
	const el2_check_profile *p = &t->ck->prof;
	for (size_t i = 0; i < p->n_guest; i++) {
		uint64_t off = addr - (t->ctx + p->guest[i].off);
		if (addr < t->ctx + p->guest[i].off || off >= chk_slot_bytes(p->guest[i].reg))
			continue;
		if (ph == PH_END && side == EL2_TAG_POISON && chk_is_el2_reg(p->guest[i].reg))
			return true;
		return t->ctx_init[i][off / 8] == v;
	}
	return false;
}

bool chk_page_is_zero(const uint8_t *page)
{
	uint64_t first;
	memcpy(&first, page, 8);
	/* all zero iff the first word is and every byte equals the one 8 before */
	return !first && !memcmp(page, page + 8, EL2_MEM_PAGE_SIZE - 8);
}

static void hit(chk_trip *t, uint64_t addr, uint64_t v, enum chk_phase ph)
{
	/* the same value at the same place, seen again later in the trip */
	for (unsigned i = 0; i < t->n_memhits; i++)
		if (t->memhits[i].addr == addr && t->memhits[i].value == v)
			return;
	if (t->n_memhits < CHK_MAX_MEMHITS)
		t->memhits[t->n_memhits++] = (struct chk_memhit){addr, v, ph, t->mem_events};
}

static void scan_page(chk_trip *t, const uint8_t *live, const uint8_t *orig, uint64_t addr,
		      enum chk_phase ph)
{
	const unsigned forbid = 1u << EL2_TAG_HOST | 1u << EL2_TAG_POISON | 1u << EL2_TAG_EL2;
	for (unsigned off = 0; off < EL2_MEM_PAGE_SIZE; off += 8) {
		uint64_t v, o;
		memcpy(&v, live + off, 8);
		memcpy(&o, orig + off, 8);
		if (v == o)
			continue;
		t->mem_words++;
		el2_tag_side side;
		unsigned run;
		if (!el2_check_tag_decode(v, &side, NULL, &run, NULL) || run != t->run ||
		    !(forbid & (1u << side)))
			continue;
		if (!exempt(t, addr + off, v, side, ph))
			hit(t, addr + off, v, ph);
	}
}

void chk_memscan(chk_trip *t, enum chk_phase ph)
{
	unsigned event = ++t->mem_events;
	for (size_t i = 0; i < t->n_watch; i++)
		if (t->watch[i].freeze_event == event)
			t->watch[i].frozen = true;
	if (t->rerun)
		return;
	chk_range rg[CHK_MAX_REGIONS + 4];
	size_t n = chk_guest_ranges(t, rg, sizeof(rg) / sizeof(rg[0]));
	const chk_world *w = &t->ck->world;
	for (size_t k = 0; k < n; k++) {
		const el2_mem_region *r = el2_mem_region_at(t->mem, rg[k].region);
		const uint8_t *orig = w->pristine[rg[k].region];
		const uint8_t *zero = w->zero_page[rg[k].region];
		if (!orig)
			continue;
		/* guest RAM is mostly zero as loaded: half the reads for those pages */
		for (uint64_t a = rg[k].base; a < rg[k].base + rg[k].size; a += EL2_MEM_PAGE_SIZE) {
			uint64_t off = a - r->base;
			const uint8_t *live = r->host + off;
			bool same = zero[off / EL2_MEM_PAGE_SIZE]
					    ? chk_page_is_zero(live)
					    : !memcmp(live, orig + off, EL2_MEM_PAGE_SIZE);
			if (!same)
				scan_page(t, live, orig + off, a, ph);
		}
	}
}
