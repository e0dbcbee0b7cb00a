/* SPDX-License-Identifier: MIT */
/* Stage-2 tables el2sim builds for the guest ([config] vttbr_el2 / vtcr_el2
 * = LOCATION auto, docs/layout.md), so a profile needs no data-only glue
 * object: every page of every GUEST region with storage is mapped IPA == PA
 * with 4 KiB page descriptors (RO regions read-only, XN regions
 * no-execute), MMIO regions and everything else are left unmapped (a guest
 * access there is a stage-2 Translation fault, the MMIO-style exit). The
 * tables live in a region of their own that only the hypervisor sees.
 * Formats: DDI 0487 J.a, D8.3 (stage-2 descriptors, 4 KiB granule). */
#include <inttypes.h>
#include <string.h>

#include "check_internal.h"
#include "el2sim/s2_walk.h"

/* VTCR_EL2: T0SZ 24 (40-bit IPA), SL0 1 (start at level 1, two concatenated
 * tables), IRGN0/ORGN0 Write-Back, SH0 Inner Shareable, TG0 4 KiB, PS 40
 * bits, bit 31 RES1. */
#define AUTO_VTCR 0x80023558ull
#define IPA_BITS 40u
#define L1_SIZE 0x2000ull           /* two concatenated level-1 tables */
#define AUTO_VMID 1ull
/* Page descriptor: Normal Inner/Outer Write-Back (MemAttr 0b1111), Inner
 * Shareable, AF set. */
#define DESC_NORMAL ((0xfull << 2) | (3ull << 8) | EL2_S2D_AF | EL2_S2D_VALID | EL2_S2D_TABLE)

static bool guest_mapped(const el2_mem_region *r)
{
	return (r->attrs & EL2_MEM_GUEST) && !(r->attrs & EL2_MEM_MMIO) && r->host;
}

/* Pages the tables need at most: the level-1 pair, and per guest region a
 * level-2 table per GiB and a level-3 table per 2 MiB it touches. */
static uint64_t tables_size(const el2_mem *mem)
{
	uint64_t n = L1_SIZE;
	for (size_t i = 0; i < el2_mem_count(mem); i++) {
		const el2_mem_region *r = el2_mem_region_at(mem, i);
		if (guest_mapped(r))
			n += (((r->size >> 30) + 2) + ((r->size >> 21) + 2)) * EL2_MEM_PAGE_SIZE;
	}
	return n;
}

struct builder {
	el2_mem *mem;
	uint64_t base, next, end;
};

static bool rd(struct builder *b, uint64_t pa, uint64_t *v)
{
	return el2_mem_read(b->mem, pa, v, 8) == EL2_OK;
}

/* The next-level table the entry at pa points to, made when absent. */
static bool next_table(struct builder *b, uint64_t pa, uint64_t *table)
{
	uint64_t d;
	if (!rd(b, pa, &d))
		return false;
	if (d & EL2_S2D_VALID) {
		*table = d & EL2_S2D_OA_MASK;
		return true;
	}
	if (b->next + EL2_MEM_PAGE_SIZE > b->end)
		return false;
	*table = b->next;
	b->next += EL2_MEM_PAGE_SIZE;
	d = *table | EL2_S2D_VALID | EL2_S2D_TABLE;
	return el2_mem_write(b->mem, pa, &d, 8) == EL2_OK;
}

static bool map_page(struct builder *b, uint64_t ipa, unsigned attrs)
{
	uint64_t l2, l3;
	if (!next_table(b, b->base + (ipa >> 30) * 8u, &l2) ||
	    !next_table(b, l2 + ((ipa >> 21) & 511u) * 8u, &l3))
		return false;
	uint64_t d = ipa | DESC_NORMAL | EL2_S2D_S2AP_R;
	if (!(attrs & EL2_MEM_RO))
		d |= EL2_S2D_S2AP_W;
	if (attrs & EL2_MEM_XN)
		d |= EL2_S2D_XN;
	return el2_mem_write(b->mem, l3 + ((ipa >> 12) & 511u) * 8u, &d, 8) == EL2_OK;
}

el2_err chk_s2_tables_build(chk_world *w, uint64_t base, char *errbuf, size_t errlen)
{
	uint64_t size = tables_size(w->mem);
	if (base + size > (1ull << IPA_BITS))
		return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				"[config] auto: the stage-2 tables would lie above 2^%u", IPA_BITS);
	el2_err e = el2_mem_add(w->mem, "el2sim_s2", base, size, EL2_MEM_HOST | EL2_MEM_HYP);
	if (e)
		return chk_fail(errbuf, errlen, e, "cannot add the stage-2 table region: %s",
				el2_strerror(e));
	struct builder b = {.mem = w->mem, .base = base, .next = base + L1_SIZE,
			    .end = base + size};
	for (size_t i = 0; i < el2_mem_count(w->mem); i++) {
		const el2_mem_region *r = el2_mem_region_at(w->mem, i);
		if (!guest_mapped(r))
			continue;
		if (r->base + r->size > (1ull << IPA_BITS))
			return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
					"[config] auto: guest region '%s' lies above the 2^%u "
					"IPA space of the stage-2 tables", r->name, IPA_BITS);
		for (uint64_t off = 0; off < r->size; off += EL2_MEM_PAGE_SIZE)
			if (!map_page(&b, r->base + off, r->attrs))
				return chk_fail(errbuf, errlen, EL2_ERR_NOMEM,
						"[config] auto: stage-2 tables for '%s' do not fit",
						r->name);
	}
	w->has_s2 = true;
	w->s2_vttbr = (AUTO_VMID << 48) | base;
	w->s2_vtcr = AUTO_VTCR;
	return EL2_OK;
}
