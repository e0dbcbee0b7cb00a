/* SPDX-License-Identifier: MIT */
/* Memory isolation through Unicorn's virtual TLB (Unicorn >= 2.1, the INSN
 * strategy; docs/engine.md). Instead of switching page protections with
 * uc_mem_protect at every world change (a rebuild of Unicorn's memory map
 * and a TLB flush per call), Unicorn runs in UC_TLB_VIRTUAL mode and asks
 * on_fill for every page it has no TLB entry for; the answer comes from the
 * same verdict function as the protection profiles and the fault hooks
 * (prot_classify_addr), for the world the PE is in. Each of Unicorn's
 * TLBs the code runs in (engine_internal.h ENGINE_TLB_*: EL2, the host's
 * EL0/EL1, the guest's) remembers the world key it was filled under; a
 * world change flushes only when the TLB the new world runs in holds
 * entries of another world (then all of them, once), where the trap
 * strategy rewrote the pages. A host -> guest -> host round trip makes no
 * flush.
 *
 * An access the verdict refuses is sent to a TRAP SLOT: a page of a window
 * Unicorn has mapped as a device with no access at all (a device page
 * never takes Unicorn's fast path, so every access to it, not only the
 * first, reaches the protection hook), with its exact address; tlb_untrap turns the slot back
 * into the address the code used for fault_memory, the handler of every
 * refused access. Virtual address == physical address otherwise
 * (the guest's IPA == PA, as with uc_mem_protect). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "engine_prot.h"
#include "model_seam.h"

#if UC_API_MAJOR > 2 || (UC_API_MAJOR == 2 && UC_API_MINOR >= 1)
#define HAVE_TLB_FILL 1
#endif

/* The trap window: above any address a 48-bit physical memory map uses,
 * below Unicorn's limit. Its slots are reused after a TLB flush. */
#define TRAP_BASE 0x0000fff000000000ull
#define TRAP_SLOTS 64u
#define TRAP_SIZE ((uint64_t)TRAP_SLOTS * EL2_MEM_PAGE_SIZE)
#define PAGE_MASK (~(uint64_t)(EL2_MEM_PAGE_SIZE - 1))

struct tlb_state {
	uc_hook fill_hook;
	uint64_t slot_va[TRAP_SLOTS]; /* the page each slot stands for */
	unsigned n_slots;             /* slots in use since the last flush */
	bool identity;                /* engine_remove_cache: every page as it is */
	uint64_t retry_pc;            /* a trapped access restarted after a flush */
	bool retried;
	uint64_t flushes;
	/* the world key each Unicorn TLB was filled under (keyed: it may hold
	 * entries); cur = the TLB last entered, under cur_key */
	unsigned key[ENGINE_TLB_COUNT];
	bool keyed[ENGINE_TLB_COUNT];
	unsigned cur, cur_key;
	bool entered;
};

bool tlb_isolation(const el2_engine *eng)
{
	return eng->tlb != NULL;
}

uint64_t tlb_flush_count(const el2_engine *eng)
{
	return eng && eng->tlb ? eng->tlb->flushes : 0;
}

#ifdef HAVE_TLB_FILL

static void flush_all(struct tlb_state *t, uc_engine *uc)
{
	uc_ctl_flush_tlb(uc);
	t->n_slots = 0;
	t->retried = false;
	t->flushes++;
	memset(t->keyed, 0, sizeof(t->keyed));
}

/* The TLB the code runs in refills under the world it was entered with. */
void tlb_flush(el2_engine *eng)
{
	struct tlb_state *t = eng->tlb;
	flush_all(t, eng->uc);
	if (t->entered) {
		t->keyed[t->cur] = true;
		t->key[t->cur] = t->cur_key;
	}
}

void tlb_flush_into(el2_engine *eng, unsigned key)
{
	struct tlb_state *t = eng->tlb;
	flush_all(t, eng->uc);
	t->entered = false;
	tlb_enter(eng, key);
}

/* An empty TLB takes the key as it is; one filled under another world is
 * flushed with all the others (a flush reaches every mmu_idx, and the
 * trap slots are shared). */
bool tlb_take(el2_engine *eng, unsigned key)
{
	struct tlb_state *t = eng->tlb;
	unsigned s = insn_uc_tlb(eng);
	if (t->keyed[s] && t->key[s] != key)
		return false;
	t->keyed[s] = true;
	t->key[s] = key;
	t->cur = s;
	t->cur_key = key;
	t->entered = true;
	return true;
}

void tlb_enter(el2_engine *eng, unsigned key)
{
	if (!tlb_take(eng, key)) {
		flush_all(eng->tlb, eng->uc);
		tlb_take(eng, key);
	}
}

/* The slot an access to page va is sent to. A full window is flushed
 * first: no TLB entry may still name a slot that is given to another page. */
static uint64_t trap_slot(el2_engine *eng, uint64_t va)
{
	struct tlb_state *t = eng->tlb;
	uint64_t page = va & PAGE_MASK;
	for (unsigned i = 0; i < t->n_slots; i++)
		if (t->slot_va[i] == page)
			return TRAP_BASE + (uint64_t)i * EL2_MEM_PAGE_SIZE;
	if (t->n_slots == TRAP_SLOTS)
		tlb_flush(eng);
	t->slot_va[t->n_slots] = page;
	return TRAP_BASE + (uint64_t)t->n_slots++ * EL2_MEM_PAGE_SIZE;
}

/* Unicorn has no entry for the page of va: what the current world may do
 * there, each kind of access asked of the one verdict function. */
static bool on_fill(uc_engine *uc, uint64_t va, uc_mem_type type, uc_tlb_entry *e, void *user)
{
	(void)uc;
	el2_engine *eng = user;
	if (eng->tlb->identity) {
		/* a page with no RAM: refused, which Unicorn's cache removal
		 * takes as "no code there" */
		const el2_mem_region *r = el2_mem_find(eng->mem, va);
		if (!r || !r->host)
			return false;
		e->paddr = va;
		e->perms = UC_PROT_ALL;
		return true;
	}
	if (engine_device_at(eng, va)) { /* outside isolation (engine_device.c) */
		e->paddr = va;
		e->perms = UC_PROT_ALL;
		return true;
	}
	prot_world w = prot_world_of(eng);
	uint32_t perms = 0;
	if (prot_classify_addr(eng, &w, va, false, false, false, NULL) == PV_OK)
		perms |= UC_PROT_READ;
	if (prot_classify_addr(eng, &w, va, false, true, false, NULL) == PV_OK)
		perms |= UC_PROT_WRITE;
	if (prot_classify_addr(eng, &w, va, true, false, false, NULL) == PV_OK)
		perms |= UC_PROT_EXEC;
	uint32_t want = type == UC_MEM_WRITE ? UC_PROT_WRITE
		      : type == UC_MEM_FETCH ? UC_PROT_EXEC : UC_PROT_READ;
	if (perms & want) {
		e->paddr = va;
		e->perms = perms;
	} else {
		e->paddr = trap_slot(eng, va) | (va & ~PAGE_MASK);
		e->perms = UC_PROT_ALL;
	}
	return true;
}

bool tlb_trapped(const el2_engine *eng, uint64_t addr, uint64_t *va)
{
	const struct tlb_state *t = eng->tlb;
	if (!t || addr - TRAP_BASE >= TRAP_SIZE)
		return false;
	unsigned slot = (unsigned)((addr - TRAP_BASE) / EL2_MEM_PAGE_SIZE);
	*va = slot < t->n_slots ? t->slot_va[slot] | (addr & ~PAGE_MASK) : addr;
	return true;
}

/* An access that reached a trap slot: the address the code used. */
bool tlb_untrap(el2_engine *eng, uint64_t *addr)
{
	uint64_t va;
	if (!tlb_trapped(eng, *addr, &va))
		return true;
	if (va == *addr) { /* a slot given to no page */
		engine_stop_error(eng, EL2_ERR_INVALID_ARG,
				  "an access reached a stale isolation slot (0x%" PRIx64 ")", *addr);
		uc_emu_stop(eng->uc);
		return false;
	}
	*addr = va;
	return true;
}

/* fault_memory found the trapped access allowed: the page's entry was made
 * for another kind of access (a refused write leaves the page trapped for
 * reads too). Flush and restart the access once per PC. */
bool tlb_refresh(el2_engine *eng, uint64_t pc, bool fetch)
{
	struct tlb_state *t = eng->tlb;
	if (!t || (t->retried && t->retry_pc == pc))
		return false;
	if (!fetch)
		engine_uncount_from(eng, pc);
	tlb_flush(eng);
	t->retried = true;
	t->retry_pc = pc;
	eng->exit_pending = true;
	eng->exit_pc = pc;
	uc_emu_stop(eng->uc);
	return true;
}

el2_err tlb_install(el2_engine *eng, char *errbuf, size_t errlen)
{
	for (size_t i = 0; i < el2_mem_count(eng->mem); i++) {
		const el2_mem_region *r = el2_mem_region_at(eng->mem, i);
		if (r->base < TRAP_BASE + TRAP_SIZE && TRAP_BASE < r->base + r->size)
			return EL2_OK; /* the window is taken: keep uc_mem_protect */
	}
	struct tlb_state *t = calloc(1, sizeof(*t));
	if (!t)
		return EL2_ERR_NOMEM;
	uc_engine *uc = eng->uc;
	/* The fill hook alone decides: a page the region's attributes make
	 * read-only may be one the guest's stage-2 tables map writable. */
	for (size_t i = 0; i < el2_mem_count(eng->mem); i++) {
		const el2_mem_region *r = el2_mem_region_at(eng->mem, i);
		if (r->host && uc_mem_protect(uc, r->base, r->size, UC_PROT_ALL) != UC_ERR_OK) {
			free(t);
			if (errbuf && errlen)
				snprintf(errbuf, errlen, "cannot open region '%s' to the TLB hook",
					 r->name);
			return EL2_ERR_NOMEM;
		}
	}
	if (uc_ctl_tlb_mode(uc, UC_TLB_VIRTUAL) != UC_ERR_OK ||
	    uc_mmio_map(uc, TRAP_BASE, TRAP_SIZE, NULL, NULL, NULL, NULL) != UC_ERR_OK ||
	    uc_hook_add(uc, &t->fill_hook, UC_HOOK_TLB_FILL, (void *)on_fill, eng, 1, 0) !=
		    UC_ERR_OK) {
		free(t);
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "cannot set up isolation through Unicorn's TLB");
		return EL2_ERR_NOMEM;
	}
	eng->tlb = t;
	return EL2_OK;
}

#else /* Unicorn 2.0: no TLB-fill hook; uc_mem_protect isolates */

void tlb_flush(el2_engine *eng)
{
	(void)eng;
}

void tlb_flush_into(el2_engine *eng, unsigned key)
{
	(void)eng, (void)key;
}

void tlb_enter(el2_engine *eng, unsigned key)
{
	(void)eng, (void)key;
}

bool tlb_take(el2_engine *eng, unsigned key)
{
	(void)eng, (void)key;
	return true;
}

bool tlb_refresh(el2_engine *eng, uint64_t pc, bool fetch)
{
	(void)eng, (void)pc, (void)fetch;
	return false;
}

bool tlb_untrap(el2_engine *eng, uint64_t *addr)
{
	(void)eng, (void)addr;
	return true;
}

bool tlb_trapped(const el2_engine *eng, uint64_t addr, uint64_t *va)
{
	(void)eng, (void)addr, (void)va;
	return false;
}

el2_err tlb_install(el2_engine *eng, char *errbuf, size_t errlen)
{
	(void)eng, (void)errbuf, (void)errlen;
	return EL2_OK;
}

#endif

/* Unicorn finds the translated code of [addr, end) through its TLB (the
 * code page's physical address): with isolation's entries a page the
 * current world may not execute is a trap slot (no RAM), which Unicorn
 * 2.1.1 cannot take (it crashes). So the lookup sees every page as it is,
 * between two flushes. */
void engine_remove_cache(el2_engine *eng, uint64_t addr, uint64_t end)
{
	struct tlb_state *t = eng->tlb;
	if (!t) {
		uc_ctl_remove_cache(eng->uc, addr, end);
		return;
	}
	t->identity = true;
	tlb_flush(eng);
	uc_ctl_remove_cache(eng->uc, addr, end);
	tlb_flush(eng);
	t->identity = false;
}

void tlb_close(el2_engine *eng)
{
	free(eng->tlb);
	eng->tlb = NULL;
}
