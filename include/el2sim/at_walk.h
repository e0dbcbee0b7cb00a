/* SPDX-License-Identifier: MIT */
/* The translation-table walk behind the AT instructions (DDI 0487 J.a,
 * aarch64/translation): stage 1 of the EL1&0, EL2&0 and EL2 regimes with
 * the 4 KiB granule, and an optional stage-2 check supplied by the caller
 * (the engine's flat guest stage 2). The walk reads descriptors through a
 * callback, so it needs no memory of its own. See docs/memory-faults.md. */
#ifndef EL2SIM_AT_WALK_H
#define EL2SIM_AT_WALK_H

#include <stdbool.h>
#include <stdint.h>

#include "el2sim/exception.h"
#include "el2sim/exec.h"
#include "el2sim/pe.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads the 64-bit little-endian descriptor at physical address pa (8-byte
 * aligned). false = the read failed: a synchronous External abort on the
 * translation table walk. */
typedef bool (*el2_phys_read_fn)(void *ctx, uint64_t pa, uint64_t *val);

/* Stage 2 of the EL1&0 regime as the caller models it: may the IPA be read
 * (write = false) or written? On false, *fault and *level say which stage-2
 * fault (Translation, Permission, ...) and at which lookup level. */
typedef bool (*el2_s2_check_fn)(void *ctx, uint64_t ipa, bool write, el2_fault *fault,
				int *level);

/* The walk of an AT operation on va, from the PE's current state (EL,
 * PSTATE.PAN, HCR_EL2, SCTLR/TCR/TTBR/MAIR of the regime). Stage 2 is
 * treated as absent (IPA == PA, everything allowed). Fills *out for
 * el2_at_complete. EL2_ERR_INVALID_ARG for NULL arguments. */
el2_err el2_at_walk(const el2_pe *pe, el2_at_op op, uint64_t va, el2_phys_read_fn read,
		    void *ctx, el2_at_result *out);

/* Same, with stage 2 applied where it is enabled for the EL1&0 regime
 * (HCR_EL2.VM = 1 and TGE = 0): to every descriptor read of the stage-1 walk
 * (a fault there reports S = 1, PTW = 1) and, for AT S12E*, to the output
 * address (S = 1, PTW = 0). s2 may be NULL (no stage 2). fault_ipa (may be
 * NULL) receives the IPA of a stage-2 fault, for HPFAR_EL2. */
el2_err el2_at_walk_s2(const el2_pe *pe, el2_at_op op, uint64_t va, el2_phys_read_fn read,
		       el2_s2_check_fn s2, void *ctx, el2_at_result *out, uint64_t *fault_ipa);

/* "Exceptions to reporting the fault in PAR_EL1": true if this failed AT
 * takes a Data Abort instead of writing PAR_EL1 - a synchronous External
 * abort on the walk, or a stage-2 fault on the stage-1 walk of an AT
 * S1E1* / S1E0* executed at EL1. */
bool el2_at_fault_is_exception(const el2_pe *pe, el2_at_op op, const el2_at_result *r);

/* Takes that Data Abort for the pending AT (EL2_OUT_NEED_AT left PC at the
 * next instruction; the exception's preferred return is the AT itself):
 * CM = 1, FAR = va, S1PTW and HPFAR_EL2 = fault_ipa for a stage-2 fault on
 * the walk. The pending AT
 * is dropped (PAR_EL1 unchanged). EL2_ERR_NO_PENDING_AT if no AT pends. */
el2_err el2_at_take_abort(el2_pe *pe, uint64_t va, uint64_t fault_ipa, const el2_at_result *r,
			  el2_exc_outcome *out);

#ifdef __cplusplus
}
#endif
#endif
