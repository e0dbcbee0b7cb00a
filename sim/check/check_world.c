/* SPDX-License-Identifier: MIT */
/* The checker's world: the profile's memory map, the object, the stub and
 * context regions, a PE and one engine, built once per check and reset
 * before every round trip. A reset puts memory back to its contents after
 * loading (only the pages that differ are copied, and translated code of
 * those pages is dropped) and the PE back to its state as created, so a
 * trip does not depend on the trips before it while Unicorn keeps the
 * code it translated. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"

static const chk_region default_regions[] = {
	{"image", 0x40000000u, 0x200000u, EL2_MEM_HOST | EL2_MEM_HYP},
	{"guest", 0x80000000u, 0x200000u, EL2_MEM_GUEST},
	{"mmio", 0x90000000u, 0x1000u, EL2_MEM_GUEST | EL2_MEM_MMIO},
};

static const chk_region *regions(const chk_checker *ck, size_t *n)
{
	if (ck->prof.n_mem) {
		*n = ck->prof.n_mem;
		return ck->prof.mem;
	}
	*n = sizeof(default_regions) / sizeof(default_regions[0]);
	return default_regions;
}

/* Memory and image. The checker's own regions (stubs, allocated context)
 * go above the highest profile region. */
el2_err chk_world_load(const chk_checker *ck, chk_world *w, char *errbuf, size_t errlen)
{
	memset(w, 0, sizeof(*w));
	el2_err e = el2_mem_new(&w->mem);
	if (e)
		return chk_fail(errbuf, errlen, e, "cannot create the memory map");
	size_t nr;
	const chk_region *rg = regions(ck, &nr);
	uint64_t top = 0, load = 0;
	bool have_load = false;
	for (size_t i = 0; i < nr; i++) {
		if ((e = el2_mem_add(w->mem, rg[i].name, rg[i].base, rg[i].size, rg[i].attrs)))
			return chk_fail(errbuf, errlen, e, "[memory] %s: %s", rg[i].name, el2_strerror(e));
		if (rg[i].base + rg[i].size > top)
			top = rg[i].base + rg[i].size;
		if (!have_load && (rg[i].attrs & EL2_MEM_HYP) && !(rg[i].attrs & EL2_MEM_MMIO)) {
			load = rg[i].base;
			have_load = true;
		}
	}
	top = (top + 0xffffu) & ~UINT64_C(0xffff);
	if (top > (UINT64_C(1) << 47))
		return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
			    "[memory] reaches past 2^47: no room for the checker's stubs");
	w->host_stub = top;
	w->guest_stub = top + 0x10000;
	w->sentinel = top + 0x400000;
	if ((e = el2_mem_add(w->mem, "el2sim_host", w->host_stub, EL2_MEM_PAGE_SIZE,
			     EL2_MEM_HOST | EL2_MEM_HYP)) ||
	    (e = el2_mem_add(w->mem, "el2sim_guest", w->guest_stub, CHK_GUEST_STUB_SIZE,
			     EL2_MEM_GUEST)))
		return chk_fail(errbuf, errlen, e, "cannot add the stub regions: %s", el2_strerror(e));
	if (ck->prof.ctx_alloc) {
		uint64_t size = (ck->prof.context.num + EL2_MEM_PAGE_SIZE - 1) &
				~(uint64_t)(EL2_MEM_PAGE_SIZE - 1);
		w->ctx = top + 0x20000;
		if ((e = el2_mem_add(w->mem, "el2sim_context", w->ctx, size,
				     EL2_MEM_HOST | EL2_MEM_HYP)))
			return chk_fail(errbuf, errlen, e, "cannot allocate the context: %s",
				    el2_strerror(e));
	}
	bool want_s2 = false;
	for (size_t i = 0; i < ck->prof.n_config; i++)
		want_s2 |= ck->prof.config[i].is_auto;
	/* Above the context (at most 16 MiB from top + 0x20000). */
	if (want_s2 && (e = chk_s2_tables_build(w, top + 0x2000000, errbuf, errlen)))
		return e;
	el2_load_opts lo = {.rel_base = ck->prof.has_load_base ? ck->prof.load_base : load,
			    .symdefs = ck->opts.symdefs, .n_symdefs = ck->opts.n_symdefs,
			    .alternatives = ck->opts.alternatives};
	char msg[256];
	if ((e = el2_elf_load_file(w->mem, ck->path, &lo, &w->img, msg, sizeof(msg))))
		return chk_fail(errbuf, errlen, e, "%s: %s", ck->path, msg);
	return EL2_OK;
}

el2_err chk_world_open(const chk_checker *ck, chk_world *w, char *errbuf, size_t errlen)
{
	el2_err e = chk_world_load(ck, w, errbuf, errlen);
	if (!e && (e = el2_pe_new(&ck->cfg, &w->pe)))
		chk_fail(errbuf, errlen, e, "cannot create the PE: %s", el2_strerror(e));
	if (!e && (e = el2_snapshot_take(w->pe, &w->pe0)))
		chk_fail(errbuf, errlen, e, "cannot snapshot the PE");
	size_t n = el2_mem_count(w->mem);
	if (!e && (!(w->pristine = calloc(n, sizeof(*w->pristine))) ||
		   !(w->zero_page = calloc(n, sizeof(*w->zero_page)))))
		e = chk_fail(errbuf, errlen, EL2_ERR_NOMEM, "out of memory");
	for (size_t i = 0; !e && i < n; i++) {
		const el2_mem_region *r = el2_mem_region_at(w->mem, i);
		if (!r->host)
			continue;
		size_t pages = (size_t)(r->size / EL2_MEM_PAGE_SIZE);
		if (!(w->pristine[i] = malloc((size_t)r->size)) ||
		    !(w->zero_page[i] = malloc(pages))) {
			e = chk_fail(errbuf, errlen, EL2_ERR_NOMEM, "out of memory");
			break;
		}
		memcpy(w->pristine[i], r->host, (size_t)r->size);
		for (size_t pg = 0; pg < pages; pg++)
			w->zero_page[i][pg] = chk_page_is_zero(r->host + pg * EL2_MEM_PAGE_SIZE);
	}
	char msg[256];
	if (!e && (e = el2_engine_new(w->pe, w->mem, w->img, &w->eng, msg, sizeof(msg))))
		chk_fail(errbuf, errlen, e, "engine: %s", msg);
	if (!e && ck->prof.stage2_tables && (e = el2_engine_set_stage2_tables(w->eng, true)))
		chk_fail(errbuf, errlen, e, "engine: cannot take stage 2 from tables");
	if (e)
		chk_world_close(w);
	return e;
}

void chk_world_reset(chk_world *w)
{
	for (size_t i = 0; i < el2_mem_count(w->mem); i++) {
		const el2_mem_region *r = el2_mem_region_at(w->mem, i);
		if (!r->host || !w->pristine[i])
			continue;
		for (uint64_t off = 0; off < r->size; off += EL2_MEM_PAGE_SIZE) {
			uint8_t *live = r->host + off, *orig = w->pristine[i] + off;
			if (!memcmp(live, orig, EL2_MEM_PAGE_SIZE))
				continue;
			memcpy(live, orig, EL2_MEM_PAGE_SIZE);
			/* the trip may have rewritten code (its own, or the stubs) */
			el2_engine_code_changed(w->eng, r->base + off, EL2_MEM_PAGE_SIZE);
		}
	}
	el2_snapshot_restore(w->pe, w->pe0);
	el2_pe_set_unknown_hook(w->pe, NULL, NULL);
	el2_engine_clear_lines(w->eng);
	el2_engine_set_event_hook(w->eng, NULL, NULL);
}

void chk_world_close(chk_world *w)
{
	el2_engine_free(&w->eng);
	for (size_t i = 0; i < el2_mem_count(w->mem); i++) {
		if (w->pristine)
			free(w->pristine[i]);
		if (w->zero_page)
			free(w->zero_page[i]);
	}
	free(w->pristine);
	free(w->zero_page);
	w->pristine = NULL;
	w->zero_page = NULL;
	el2_snapshot_free(&w->pe0);
	el2_image_free(&w->img);
	el2_mem_free(&w->mem);
	el2_pe_free(&w->pe);
}
