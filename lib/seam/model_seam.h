/* SPDX-License-Identifier: MIT */
/* The model's seam: the one internal view of the model that code outside
 * lib/ may have. It is the PE's state layout and the small predicates on
 * it, so that the engine (sim/engine/) can move Unicorn's registers into
 * the model and read the controls that decide memory permissions without
 * a call per field. Only lib/ and sim/engine/ have this folder on their
 * include path (lib/meson.build: model_seam_inc); every other part sees
 * the PE only through the public API (include/el2sim/pe.h).
 *
 * Rules for the engine: read freely; write only the state Unicorn itself
 * changes while code runs (X, V, PC, PSTATE.NZCV, the current stack
 * pointer's slot, FPCR, FPSR, TPIDR_EL0). Everything else changes through
 * the public API so the model's side effects happen. */
#ifndef EL2SIM_MODEL_SEAM_H
#define EL2SIM_MODEL_SEAM_H

#include <stdbool.h>
#include <stdint.h>

#include "el2sim/bits.h"
#include "el2sim/el2sim.h"

/* Everything a snapshot copies. */
struct el2_arch_state {
	uint64_t x[31];
	uint64_t pc;
	uint64_t pstate;               /* SPSR layout (pstate.h) */
	el2_u128 v[32];
	uint64_t sr[EL2_SR_COUNT];     /* storage slot per table row */
	uint64_t counter;              /* CNTPCT_EL0 */
	uint32_t lines;                /* asserted el2_irq_line bits */
	bool event_register;           /* the Event Register (lib/event.c) */
	uint32_t serror_syndrome;      /* ISS[24:0] of the pending physical SError
	                                  (FEAT_RAS, lib/ras.c) */
};

struct el2_pe {
	el2_config cfg;
	struct el2_arch_state s;
	el2_unknown_fn unknown_fn;
	void *unknown_ctx;
	uint64_t raz_wi_count;
	bool at_pending;
	el2_at_op at_op;
	bool impl[EL2_SR_COUNT];       /* row exists in this configuration */
	uint64_t psr_mask;             /* PSTATE bits that exist (pe_pstate_mask) */
};

#define SR(pe, name) ((pe)->s.sr[EL2_SR_##name])

static inline unsigned pe_el(const el2_pe *pe)
{
	return EL2_PSR_GET_EL(pe->s.pstate);
}

static inline bool have_feat(const el2_pe *pe, el2_feature f)
{
	return (pe->cfg.features & f) != 0;
}

/* shared/functions/system/HaveEL */
static inline bool have_el(const el2_pe *pe, unsigned el)
{
	return el <= 1 || (el == 2 && pe->cfg.have_el2) || (el == 3 && pe->cfg.have_el3);
}

/* shared/functions/system/EL2Enabled: the model is Non-secure only, so EL2
 * is enabled whenever it is implemented. */
static inline bool el2_enabled(const el2_pe *pe)
{
	return pe->cfg.have_el2;
}

/* HCR_EL2 as it acts: an unimplemented EL2 behaves as all zeros. */
static inline uint64_t hcr(const el2_pe *pe)
{
	return el2_enabled(pe) ? SR(pe, HCR_EL2) : 0;
}

/* shared/functions/system/ELIsInHost */
static inline bool el_is_in_host(const el2_pe *pe, unsigned el)
{
	if (!have_feat(pe, EL2_FEAT_VHE) || !el2_enabled(pe))
		return false;
	uint64_t h = SR(pe, HCR_EL2);
	if (el == 2)
		return (h & EL2_HCR_E2H) != 0;
	if (el == 0)
		return (h & (EL2_HCR_E2H | EL2_HCR_TGE)) == (EL2_HCR_E2H | EL2_HCR_TGE);
	return false;
}

/* shared/functions/system/IsInHost */
static inline bool is_in_host(const el2_pe *pe)
{
	return el_is_in_host(pe, pe_el(pe));
}

/* Storage slot of the SP selected by PSTATE.EL and PSTATE.SP. */
static inline el2_sysreg current_sp_slot(const el2_pe *pe)
{
	if (!(pe->s.pstate & EL2_PSR_SP))
		return EL2_SR_SP_EL0;
	static const el2_sysreg bank[4] = {EL2_SR_SP_EL0, EL2_SR_SP_EL1, EL2_SR_SP_EL2, EL2_SR_SP_EL2};
	return bank[pe_el(pe)];
}

/* PSTATE bits that exist with the configured features (others RES0). */
static inline uint64_t pe_pstate_mask(const el2_pe *pe)
{
	return pe->psr_mask;
}

/* SCTLR_ELx of the translation regime of the current EL: SCTLR[] in the
 * pseudocode (EL0 in host uses SCTLR_EL2). */
static inline uint64_t sctlr_current(const el2_pe *pe)
{
	unsigned el = pe_el(pe);
	if (el == 2 || (el == 0 && el_is_in_host(pe, 0)))
		return SR(pe, SCTLR_EL2);
	return SR(pe, SCTLR_EL1);
}

#endif
