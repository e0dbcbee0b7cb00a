/* SPDX-License-Identifier: MIT */
/* The guest's stage 2 from its translation tables (docs/memory-faults.md,
 * "stage 2 from tables"): when el2_engine_set_stage2_tables is on, a guest
 * access (EL0/EL1 with HCR_EL2.VM = 1, TGE = 0) is translated by the model's
 * el2_s2_walk from the VTTBR_EL2 and VTCR_EL2 the PE holds, over simulated
 * memory. prot_classify_addr is the ONE verdict both paths use:
 *   - the pages: when the guest world is entered, every page of every
 *     region with storage is walked and its Unicorn protection set from the
 *     verdicts (runs of equal pages, one uc_mem_protect each); other worlds
 *     get the region-uniform protections of engine_prot.c;
 *   - the fault hook: an access the pages refuse is walked again at its
 *     address, which gives the stage-2 fault, its level and the IPA.
 * No TLB is modelled: every entry to the guest walks the tables as they are
 * then (a table change is seen at the next entry whether or not a TLBI was
 * performed). Unicorn 2.0.1 has one flat address space, so a mapping with
 * PA != IPA cannot be followed: it stops the run with an error naming both. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "engine_prot.h"
#include "model_seam.h"

#define S2_TABLE_PAGES 64

struct s2_state {
	size_t n_regions;
	uint32_t **cur;    /* per region, per 4 KiB page: the protection Unicorn has */
	uint32_t *want;    /* scratch: one region's wanted protections */
	size_t want_len;
	uint64_t retry_pc; /* a refused access restarted after a refresh */
	bool retried;
	/* pages holding descriptors the page walks read (a small set: the
	 * tables of one guest); more are not tracked */
	uint64_t table_pages[S2_TABLE_PAGES];
	size_t n_table_pages;
};

/* Descriptor reads of the page walks, noting each table page. */
static bool walk_read(void *ctx, uint64_t pa, uint64_t *val)
{
	el2_engine *eng = ctx;
	struct s2_state *s = eng->s2;
	uint64_t page = pa & ~(uint64_t)(EL2_MEM_PAGE_SIZE - 1);
	size_t i = 0;
	while (i < s->n_table_pages && s->table_pages[i] != page)
		i++;
	if (i == s->n_table_pages && i < S2_TABLE_PAGES)
		s->table_pages[s->n_table_pages++] = page;
	return prot_phys_read(ctx, pa, val);
}

bool prot_phys_read(void *ctx, uint64_t pa, uint64_t *val)
{
	const el2_engine *eng = ctx;
	return el2_mem_read(eng->mem, pa, val, sizeof(*val)) == EL2_OK;
}

prot_verdict prot_classify_addr(el2_engine *eng, const prot_world *w, uint64_t addr, bool fetch,
				bool write, bool unpriv, el2_s2_result *s2)
{
	const el2_mem_region *r = el2_mem_find(eng->mem, addr);
	if (!eng->s2 || !w->isolate || !w->guest)
		return prot_classify(w, r, fetch, write, unpriv);
	/* Stage 1 first (AArch64.FullTranslate): the region's EL0 attribute
	 * and PAN stand for the guest's stage-1 permissions. */
	prot_verdict v = prot_classify_s1(w, r, fetch, unpriv);
	if (v != PV_OK)
		return v;
	el2_s2_result res;
	el2_s2_acc acc = fetch ? EL2_S2_FETCH : write ? EL2_S2_WRITE : EL2_S2_READ;
	el2_err e = el2_s2_walk(SR(eng->pe, VTTBR_EL2), SR(eng->pe, VTCR_EL2), addr, acc,
				prot_phys_read, eng, &res);
	if (s2)
		*s2 = res;
	if (e != EL2_OK)
		return PV_S2_UNSUPPORTED;
	if (res.fault)
		return PV_S2_WALK;
	if (res.pa != addr)
		return PV_S2_ALIAS;
	if (!r || !r->host)
		return PV_S2_NOMEM;
	return PV_OK;
}

/* The error a PV_S2_ALIAS / NOMEM / UNSUPPORTED verdict ends the run with. */
void prot_s2_error(el2_engine *eng, uint64_t addr, const el2_s2_result *s2, prot_verdict v)
{
	const el2_pe *pe = eng->pe;
	if (v == PV_S2_ALIAS)
		engine_stop_error(eng, EL2_ERR_UNSUPPORTED,
				  "the guest's stage 2 (VTTBR_EL2 0x%" PRIx64 ") maps IPA 0x%" PRIx64
				  " to PA 0x%" PRIx64 ": el2sim runs the guest with IPA == PA "
				  "(docs/memory-faults.md)",
				  SR(pe, VTTBR_EL2), addr, s2->pa);
	else if (v == PV_S2_NOMEM)
		engine_stop_error(eng, EL2_ERR_UNSUPPORTED,
				  "the guest's stage 2 (VTTBR_EL2 0x%" PRIx64 ") maps IPA 0x%" PRIx64
				  " to PA 0x%" PRIx64 ", which is MMIO or no memory: el2sim models "
				  "MMIO only as stage-2 faults",
				  SR(pe, VTTBR_EL2), addr, s2->pa);
	else
		engine_stop_error(eng, EL2_ERR_UNSUPPORTED,
				  "the guest's VTCR_EL2 0x%" PRIx64 " uses a granule other than "
				  "4 KiB: not modelled",
				  SR(pe, VTCR_EL2));
}

/* A guest page's protection: each kind of (privileged) access its verdict
 * allows, from one walk (the same verdicts as prot_classify_addr: a
 * non-permission fault stops every kind of access, a permission fault or
 * success gives S2AP/XN; stage 1 then limits data accesses). false (run
 * stopped) for a mapping el2sim cannot follow. */
static bool page_prot(el2_engine *eng, const prot_world *w, const el2_mem_region *r,
		      uint64_t addr, uint32_t *out)
{
	el2_s2_result s2;
	*out = 0;
	el2_err e = el2_s2_walk(SR(eng->pe, VTTBR_EL2), SR(eng->pe, VTCR_EL2), addr, EL2_S2_READ,
				walk_read, eng, &s2);
	prot_verdict v = e != EL2_OK ? PV_S2_UNSUPPORTED
		       : s2.fault && s2.fst != EL2_FAULT_PERMISSION ? PV_S2_WALK
		       : s2.pa != addr ? PV_S2_ALIAS
		       : !r->host ? PV_S2_NOMEM : PV_OK;
	if (v == PV_S2_WALK)
		return true;
	if (v != PV_OK) {
		prot_s2_error(eng, addr, &s2, v);
		return false;
	}
	bool data = prot_classify_s1(w, r, false, false) == PV_OK;
	if (s2.r && data)
		*out |= UC_PROT_READ;
	if (s2.w && data)
		*out |= UC_PROT_WRITE;
	if (s2.x)
		*out |= UC_PROT_EXEC;
	return true;
}

/* Sets region i's pages to want[], one uc_mem_protect per run of pages
 * that change to the same protection. */
static bool protect_runs(el2_engine *eng, size_t i, const el2_mem_region *r, size_t np)
{
	struct s2_state *s = eng->s2;
	uint32_t *cur = s->cur[i];
	if (eng->tlb) {
		/* The fill hook gives the pages; cur only feeds the checks. */
		memcpy(cur, s->want, np * sizeof(*cur));
		return true;
	}
	for (size_t p = 0; p < np;) {
		if (s->want[p] == cur[p]) {
			p++;
			continue;
		}
		size_t q = p + 1;
		while (q < np && s->want[q] == s->want[p] && cur[q] != s->want[q])
			q++;
		uint64_t base = r->base + p * EL2_MEM_PAGE_SIZE;
		if (uc_mem_protect(eng->uc, base, (q - p) * EL2_MEM_PAGE_SIZE, s->want[p]) !=
		    UC_ERR_OK) {
			engine_stop_error(eng, EL2_ERR_INVALID_ARG,
					  "cannot protect 0x%" PRIx64 " in region '%s'", base, r->name);
			return false;
		}
		prot_count_protect(eng);
		for (size_t k = p; k < q; k++)
			cur[k] = s->want[k];
		p = q;
	}
	return true;
}

/* The guest's own stage-2 tables must not be writable by it: it could map
 * itself anything. A table page the guest's pages allow writing ends the
 * run with an error. */
static void check_tables_private(el2_engine *eng)
{
	struct s2_state *s = eng->s2;
	for (size_t k = 0; k < s->n_table_pages; k++) {
		uint64_t a = s->table_pages[k];
		for (size_t i = 0; i < s->n_regions; i++) {
			const el2_mem_region *r = el2_mem_region_at(eng->mem, i);
			if (a < r->base || a - r->base >= r->size || !r->host)
				continue;
			if (s->cur[i][(a - r->base) / EL2_MEM_PAGE_SIZE] & UC_PROT_WRITE) {
				engine_stop_error(eng, EL2_ERR_INVALID_ARG,
						  "the guest can write its own stage-2 tables: "
						  "VTTBR_EL2 0x%" PRIx64 " walks a table at PA 0x%" PRIx64
						  ", which the guest's stage 2 maps writable",
						  SR(eng->pe, VTTBR_EL2), a);
				return;
			}
		}
	}
}

void s2_apply_profile(el2_engine *eng, const prot_world *w)
{
	struct s2_state *s = eng->s2;
	bool walk = w->isolate && w->guest;
	s->n_table_pages = 0;
	if (eng->tlb && !walk)
		return; /* the fill hook gives the uniform verdicts */
	for (size_t i = 0; i < s->n_regions; i++) {
		const el2_mem_region *r = el2_mem_region_at(eng->mem, i);
		if (!r->host)
			continue;
		size_t np = r->size / EL2_MEM_PAGE_SIZE;
		uint32_t uniform = walk ? 0 : prot_region_prot(w, r);
		for (size_t p = 0; p < np; p++)
			if (walk && !page_prot(eng, w, r, r->base + p * EL2_MEM_PAGE_SIZE, &s->want[p]))
				return;
			else if (!walk)
				s->want[p] = uniform;
		if (!protect_runs(eng, i, r, np))
			return;
	}
	if (walk)
		check_tables_private(eng);
}

/* A guest access the pages refused but the walk allows: the tables changed
 * since the guest was entered. The pages are walked again and the access
 * restarted, once per PC (a second disagreement is an engine error). */
bool s2_refresh(el2_engine *eng, uint64_t pc, bool fetch)
{
	struct s2_state *s = eng->s2;
	if (!s || (s->retried && s->retry_pc == pc))
		return false;
	s->retried = true;
	s->retry_pc = pc;
	if (!fetch)
		engine_uncount_from(eng, pc);
	prot_invalidate(eng);
	eng->exit_pending = true;
	eng->exit_pc = pc;
	uc_emu_stop(eng->uc);
	return true;
}

void s2_close(el2_engine *eng)
{
	struct s2_state *s = eng->s2;
	if (!s)
		return;
	for (size_t i = 0; i < s->n_regions; i++)
		free(s->cur[i]);
	free(s->cur);
	free(s->want);
	free(s);
	eng->s2 = NULL;
}

el2_err el2_engine_set_stage2_tables(el2_engine *eng, bool on)
{
	if (!eng || !eng->prot || eng->running)
		return EL2_ERR_INVALID_ARG;
	if (on == (eng->s2 != NULL))
		return EL2_OK;
	size_t n = el2_mem_count(eng->mem);
	if (!on) {
		/* Back to one protection per region. */
		for (size_t i = 0; i < n; i++) {
			const el2_mem_region *r = el2_mem_region_at(eng->mem, i);
			if (r->host && !eng->tlb)
				uc_mem_protect(eng->uc, r->base, r->size, prot_region_cur(eng, i));
		}
		s2_close(eng);
		prot_invalidate(eng);
		return EL2_OK;
	}
	struct s2_state *s = calloc(1, sizeof(*s));
	size_t maxp = 1;
	if (!s || !(s->cur = calloc(n ? n : 1, sizeof(*s->cur)))) {
		free(s);
		return EL2_ERR_NOMEM;
	}
	s->n_regions = n;
	eng->s2 = s;
	for (size_t i = 0; i < n; i++) {
		const el2_mem_region *r = el2_mem_region_at(eng->mem, i);
		size_t np = r->size / EL2_MEM_PAGE_SIZE;
		if (np > maxp)
			maxp = np;
		if (!(s->cur[i] = calloc(np ? np : 1, sizeof(uint32_t)))) {
			s2_close(eng);
			return EL2_ERR_NOMEM;
		}
		for (size_t p = 0; p < np; p++)
			s->cur[i][p] = prot_region_cur(eng, i);
	}
	if (!(s->want = calloc(maxp, sizeof(uint32_t)))) {
		s2_close(eng);
		return EL2_ERR_NOMEM;
	}
	s->want_len = maxp;
	prot_invalidate(eng);
	return EL2_OK;
}

bool el2_engine_stage2_tables(const el2_engine *eng)
{
	return eng && eng->s2;
}
