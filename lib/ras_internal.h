/* SPDX-License-Identifier: MIT */
/* FEAT_RAS in the model (lib/ras.c). Internal to lib/. */
#ifndef EL2SIM_RAS_INTERNAL_H
#define EL2SIM_RAS_INTERNAL_H

#include "pe_internal.h"

/* The row an access to DISR_EL1 reaches: VDISR_EL2 at EL1 with EL2
 * enabled and HCR_EL2.AMO = 1, else DISR_EL1. */
el2_sysreg ras_disr_target(const el2_pe *pe);

/* The ESB hint (with FEAT_RAS; a NOP without). */
void ras_esb(el2_pe *pe);

/* ESR_ELx.ISS[24:0] of an SError being taken: the pending physical
 * SError's syndrome, or VSESR_EL2 for a virtual one (0 without RAS). */
uint32_t ras_serror_iss(const el2_pe *pe, bool virt);

/* interrupt.c: would a pending physical SError be masked now? (the
 * "masked" result of AArch64.PhysicalSErrorTarget) */
bool interrupt_physical_serror_masked(const el2_pe *pe);

#endif
