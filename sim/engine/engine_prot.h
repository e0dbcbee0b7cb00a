/* SPDX-License-Identifier: MIT */
/* Memory protection profiles (docs/memory-faults.md): which accesses the
 * current world of the PE may make to each region, as the page protections
 * Unicorn enforces and as the verdict the memory hooks turn into a fault.
 * Shared by engine_prot.c (profiles, LDTR/STTR) and engine_fault.c (hooks,
 * taking the faults). Internal to sim/. */
#ifndef EL2SIM_ENGINE_PROT_H
#define EL2SIM_ENGINE_PROT_H

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
} prot_verdict;

prot_world prot_world_of(const el2_engine *eng);
/* The verdict for one access of the world to the region r holds (NULL:
 * no region). unpriv: an LDTR/STTR-family access made as EL0's. */
prot_verdict prot_classify(const prot_world *w, const el2_mem_region *r, bool fetch, bool write,
			   bool unpriv);

/* X0-X30 and SP from Unicorn (exact inside memory and code hooks). */
void prot_read_gprs(el2_engine *eng, uint64_t x[31], uint64_t *sp);
/* Takes the fault of the access at pc (not executed; its block's later
 * instructions are uncounted) through the model, or ends the run with an
 * error for PV_HOST_*; Unicorn is stopped and the loop continues at the
 * vector. */
void fault_take(el2_engine *eng, uint64_t pc, uint64_t addr, bool fetch, bool write,
		prot_verdict v);
/* Performs the LDTR/STTR-family word at pc (address ea) in the engine:
 * memory through el2_mem, Rt through Unicorn. false if memory failed. */
bool prot_emulate_unpriv(el2_engine *eng, const ldst_info *li, uint64_t ea);

#endif
