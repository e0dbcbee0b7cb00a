/* SPDX-License-Identifier: MIT */
/* AArch32 at EL0/EL1 (FEAT_AA32EL0, FEAT_AA32EL1): the predicates of the
 * Arm ARM (DDI 0487 J.a) that decide which Exception levels use AArch32,
 * and the helpers exception entry and return share. Internal to lib/. */
#ifndef EL2SIM_AARCH32_INTERNAL_H
#define EL2SIM_AARCH32_INTERNAL_H

#include "exc_internal.h"

/* shared/functions/system/HaveAArch32EL(EL1) */
static inline bool have_aa32_el1(const el2_pe *pe)
{
	return have_feat(pe, EL2_FEAT_AA32EL1);
}

/* shared/functions/system/HaveAArch32EL(EL0); also HaveAnyAArch32(). */
static inline bool have_aa32_el0(const el2_pe *pe)
{
	return (pe->cfg.features & (EL2_FEAT_AA32EL0 | EL2_FEAT_AA32EL1)) != 0;
}

/* shared/functions/system/UsingAArch32: PSTATE.nRW. */
static inline bool using_aarch32(const el2_pe *pe)
{
	return (pe->s.pstate & EL2_PSR_NRW) != 0;
}

/* ELUsingAArch32(EL1) (ELStateUsingAArch32K, Non-secure): EL1 is AArch32
 * when EL2 is enabled with HCR_EL2.RW = 0, unless HCR_EL2.{E2H,TGE} = {1,1}
 * (RW then behaves as 1). Without EL2, EL1 is the highest EL and the model
 * resets it to AArch64. */
static inline bool el1_using_aarch32(const el2_pe *pe)
{
	if (!have_aa32_el1(pe) || !el2_enabled(pe))
		return false;
	uint64_t h = SR(pe, HCR_EL2);
	if (h & EL2_HCR_RW)
		return false;
	return !(have_feat(pe, EL2_FEAT_VHE) && (h & EL2_HCR_E2H) && (h & EL2_HCR_TGE));
}

/* PSTATE bits that exist in AArch32 state (GetPSRFromPSTATE's AArch32
 * layout, pstate.h EL2_PSR32_*). */
uint64_t aarch32_pstate_mask(const el2_pe *pe);

/* shared/functions/system/ELFromM32: the EL of an AArch32 mode, false when
 * the mode is unallocated or not implemented (BadMode: hyp and mon are
 * never AArch32 here; the EL1 modes need FEAT_AA32EL1, usr AArch32 at EL0). */
bool aarch32_el_from_mode(const el2_pe *pe, unsigned m, unsigned *el);

/* AArch64.ExceptionReturn to AArch32: PSTATE from an AArch32 SPSR
 * (SetPSTATEFromPSR's AArch32 branch, legal return only; the state
 * reinstated regardless is the caller's) and the PC rule (T32: bit 0
 * ignored; A32: bits [1:0]; bits [63:32] ignored). */
uint64_t aarch32_pstate_from_spsr(el2_pe *pe, uint64_t old, uint64_t spsr);
uint64_t aarch32_return_pc(const el2_pe *pe, uint64_t new_pc);

/* AArch64.TakeException from AArch32 state: the AArch32 PSTATE bits that
 * do not exist in AArch64 are dropped (PSTATE.IT = 0, T = 0, ...), the
 * upper halves of the general-purpose registers are zeroed
 * (AArch64.MaybeZeroRegisterUppers, the model choosing TRUE for
 * Unpredictable_ZEROUPPER). Returns the PSTATE to continue from. */
uint64_t aarch32_leave(el2_pe *pe);

/* EC of an exception taken from AArch32 (AArch64.ExceptionClass with
 * from_32 = TRUE) and its IL bit (t16: a 16-bit T32 instruction). */
unsigned aarch32_exception_class(el2_exc_type type, unsigned ec64);
bool aarch32_il(el2_exc_type type, uint32_t iss, bool t16);

/* The value a write of raw leaves in a row whose RES0/RES1 bits depend on
 * AArch32 support (HCR_EL2.RW, SPSR_ELx holding an AArch32 PSR); masked is
 * the table's masking of raw. */
uint64_t aarch32_write_value(const el2_pe *pe, el2_sysreg id, uint64_t raw, uint64_t masked);

#endif
