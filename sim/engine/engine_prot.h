/* SPDX-License-Identifier: MIT */
/* Memory protection profiles (docs/memory-faults.md): which accesses the
 * current world of the PE may make to each region, as the page protections
 * Unicorn enforces and as the verdict the memory hooks turn into a fault.
 * Shared by engine_prot.c (profiles, LDTR/STTR) and engine_fault.c (hooks,
 * taking the faults). Internal to sim/. */
#ifndef EL2SIM_ENGINE_PROT_H
#define EL2SIM_ENGINE_PROT_H

#include "el2sim/s2_walk.h"
#include "engine_internal.h"
#include "ldst_decode.h"

/* The world as memory protection sees it, read from the PE. */
typedef struct prot_world {
	bool isolate;     /* isolation on (el2_engine_set_isolation) */
	bool guest;       /* EL0/EL1 with stage 2 on: HCR_EL2.VM = 1, TGE = 0 */
	bool el0;         /* PSTATE.EL == EL0 */
	bool pan;         /* PAN applies to privileged data accesses */
	bool unpriv_ldst; /* LDTR/STTR make EL0 accesses (EL1 or EL2 in host, UAO = 0) */
} prot_world;

/* What an access gets. */
typedef enum prot_verdict {
	PV_OK,
	PV_S1_PERMISSION,  /* stage-1 permission fault: EL0 attribute, PAN */
	PV_S2_TRANSLATION, /* guest: the IPA is not mapped for the guest */
	PV_S2_PERMISSION,  /* guest: write to RO, fetch from XN */
	PV_HOST_UNMAPPED,  /* host/hypervisor: unmapped address or MMIO: an error */
	PV_HOST_RO,        /* host/hypervisor: write to RO: an error */
	PV_HOST_XN,        /* host/hypervisor: fetch from XN: an error */
	/* stage 2 from tables (engine_s2.c), the guest world only: */
	PV_S2_WALK,        /* a stage-2 fault of the walk (its el2_s2_result) */
	PV_S2_ALIAS,       /* the tables map the IPA to another PA: an error */
	PV_S2_NOMEM,       /* ... to MMIO or to no memory: an error */
	PV_S2_UNSUPPORTED, /* a VTCR_EL2 the walk does not model: an error */
} prot_verdict;

prot_world prot_world_of(const el2_engine *eng);
/* The verdict for one access of the world to the region r holds (NULL:
 * no region). unpriv: an LDTR/STTR-family access made as EL0's. */
prot_verdict prot_classify(const prot_world *w, const el2_mem_region *r, bool fetch, bool write,
			   bool unpriv);

/* The stage-1 part of prot_classify for a region the world sees (r may
 * be NULL: no stage-1 check). */
prot_verdict prot_classify_s1(const prot_world *w, const el2_mem_region *r, bool fetch,
			      bool unpriv);
/* The Unicorn protection of region r for world w (region-uniform). */
uint32_t prot_region_prot(const prot_world *w, const el2_mem_region *r);
/* The protection region i has now (engine_prot.c's uniform bookkeeping). */
uint32_t prot_region_cur(const el2_engine *eng, size_t i);
/* The pages no longer show the profile: re-apply before resuming. */
void prot_invalidate(el2_engine *eng);
/* One uc_mem_protect call made (benchmarks count them). */
void prot_count_protect(el2_engine *eng);

/* ---- engine_s2.c: stage 2 from the guest's tables ---- */
/* The verdict for one access of the world at addr: in tables mode and the
 * guest world, stage 1 (region attributes) then el2_s2_walk from VTTBR_EL2
 * and VTCR_EL2 (*s2 receives the walk; may be NULL); otherwise
 * prot_classify of addr's region. */
prot_verdict prot_classify_addr(el2_engine *eng, const prot_world *w, uint64_t addr, bool fetch,
				bool write, bool unpriv, el2_s2_result *s2);
/* Ends the run with the error of PV_S2_ALIAS / NOMEM / UNSUPPORTED. */
void prot_s2_error(el2_engine *eng, uint64_t addr, const el2_s2_result *s2, prot_verdict v);
/* Descriptor reads from simulated memory (el2_phys_read_fn; ctx = engine). */
bool prot_phys_read(void *ctx, uint64_t pa, uint64_t *val);
/* Tables mode: sets every page of every region for world w. */
void s2_apply_profile(el2_engine *eng, const prot_world *w);
/* Tables mode, a refused access the walk allows: re-walk the pages and
 * restart at pc (true); false if already tried at pc. */
bool s2_refresh(el2_engine *eng, uint64_t pc, bool fetch);
void s2_close(el2_engine *eng);

/* X0-X30 and SP from Unicorn (exact inside memory and code hooks). */
void prot_read_gprs(el2_engine *eng, uint64_t x[31], uint64_t *sp);
/* Takes the fault of the access at pc (not executed; its block's later
 * instructions are uncounted) through the model, or ends the run with an
 * error for PV_HOST_* and the PV_S2_* errors (s2: the walk of a
 * PV_S2_WALK fault, else NULL); Unicorn is stopped and the loop continues at the
 * vector. */
void fault_take(el2_engine *eng, uint64_t pc, uint64_t addr, bool fetch, bool write,
		prot_verdict v, const el2_s2_result *s2);
/* Performs the LDTR/STTR-family word at pc (address ea) in the engine:
 * memory through el2_mem, Rt through Unicorn. false if memory failed. */
bool prot_emulate_unpriv(el2_engine *eng, const ldst_info *li, uint64_t ea);

#endif
