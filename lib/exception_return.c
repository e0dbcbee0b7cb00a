/* SPDX-License-Identifier: MIT */
/* Exception return and the Illegal Execution state (Arm ARM DDI 0487 J.a):
 * AArch64.ExceptionReturn, IllegalExceptionReturn, ELFromSPSR,
 * SetPSTATEFromPSR, DebugExceptionReturnSS, AArch64.CheckIllegalState. */
#include "aarch32_internal.h"
#include "event_internal.h"
#include "exc_internal.h"

/* Defined in take_exception.c (AArch64.BranchAddr). */

/* PSTATE fields that are UNKNOWN after an illegal exception return, with
 * the feature that makes each exist. */
#define ILLEGAL_UNKNOWN_FIELDS                                                          \
	(EL2_PSR_SSBS | EL2_PSR_BTYPE | EL2_PSR_UAO | EL2_PSR_DIT | EL2_PSR_TCO)

/* shared/functions/system/ELFromSPSR: the target EL, or false when the
 * SPSR names no valid mode of this PE. M[4] = 1 is an AArch32 mode
 * (ELFromM32; valid only with HaveAnyAArch32()); with EL3, SCR_EL3.NS is
 * fixed at 1, so an EL2 target is valid whenever EL2 is. */
static bool el_from_spsr(const el2_pe *pe, uint64_t spsr, unsigned *el)
{
	if (spsr & EL2_PSR_NRW)
		return aarch32_el_from_mode(pe, (unsigned)(spsr & EL2_PSR_M), el);
	unsigned target = EL2_PSR_GET_EL(spsr);
	if (!have_el(pe, target))
		return false;
	if (spsr & EL2_PSR_M1)
		return false;
	if (target == 0 && (spsr & EL2_PSR_SP))
		return false;
	*el = target;
	return true;
}

/* shared/functions/system/IllegalExceptionReturn (DDI 0487 J.a). */
bool el2_illegal_exception_return(const el2_pe *pe, uint64_t spsr)
{
	if (!pe)
		return true;
	unsigned target;
	if (!el_from_spsr(pe, spsr, &target))
		return true;
	if (target > pe_el(pe))
		return true;
	/* The execution state of the target: ELUsingAArch32K(target). EL2 is
	 * AArch64; EL1 is AArch32 exactly when el1_using_aarch32; EL0 must be
	 * AArch32 when EL1 is and may be either when EL1 is AArch64 (not
	 * known: no check). */
	bool spsr_32 = (spsr & EL2_PSR_NRW) != 0;
	if (target == 1 && spsr_32 != el1_using_aarch32(pe))
		return true;
	if (target == 0 && el1_using_aarch32(pe) && !spsr_32)
		return true;
	if (using_aarch32(pe) && !spsr_32)
		return true;
	if (have_el(pe, 2) && target == 1 && (SR(pe, HCR_EL2) & EL2_HCR_TGE))
		return true; /* Non-secure: IsSecureBelowEL3() is FALSE */
	return false;
}

/* aarch64/debug/enables/AArch64.GenerateDebugExceptionsFrom(from, Non-secure,
 * mask). The OS lock and OS double lock are treated as unlocked and the PE
 * is never Halted. */
static bool debug_exceptions_from(const el2_pe *pe, unsigned from, bool mask)
{
	bool route_to_el2 = have_el(pe, 2) &&
			    ((SR(pe, HCR_EL2) & EL2_HCR_TGE) || (SR(pe, MDCR_EL2) & EL2_MDCR_TDE));
	unsigned target = route_to_el2 ? 2 : 1;
	if (from == target)
		return (SR(pe, MDSCR_EL1) & EL2_MDSCR_KDE) && !mask;
	return target > from;
}

/* shared/debug/softwarestep/DebugExceptionReturnSS: PSTATE.SS after the
 * return is SPSR.SS only when software step is enabled (MDSCR_EL1.SS),
 * debug exceptions are disabled at the source and enabled at the
 * destination. illegal: the return is illegal (destination = current EL). */
static bool debug_exception_return_ss(const el2_pe *pe, uint64_t spsr, bool illegal)
{
	if (!(SR(pe, MDSCR_EL1) & EL2_MDSCR_SS))
		return false;
	unsigned cur = pe_el(pe);
	bool at_source = debug_exceptions_from(pe, cur, (pe->s.pstate & EL2_PSR_D) != 0);
	unsigned dest = illegal ? cur : EL2_PSR_GET_EL(spsr);
	/* AArch32 has no PSTATE.D (bit 9 is E there): no mask at the dest. */
	bool mask = !(spsr & EL2_PSR_NRW) && (spsr & EL2_PSR_D);
	bool at_dest = debug_exceptions_from(pe, dest, mask);
	return !at_source && at_dest && (spsr & EL2_PSR_SS);
}

/* shared/functions/system/SetPSTATEFromPSR(spsr, illegal_psr_state). Fields
 * that become UNKNOWN on an illegal return (SSBS, BTYPE, UAO, DIT, TCO) come
 * from ONE call of the UNKNOWN hook for EL2_REG_PSTATE with the old PSTATE:
 * each such field that exists is taken from the value it returns (without a
 * hook: the field keeps its old value). */
static void set_pstate_from_psr(el2_pe *pe, uint64_t spsr, bool illegal)
{
	uint64_t old = pe->s.pstate;
	uint64_t mask = pe_pstate_mask(pe);
	uint64_t ps = old;

	if (debug_exception_return_ss(pe, spsr, illegal))
		ps |= EL2_PSR_SS;
	else
		ps &= ~EL2_PSR_SS;

	if (illegal) {
		ps |= EL2_PSR_IL;
		uint64_t unk = ILLEGAL_UNKNOWN_FIELDS & mask;
		if (unk) {
			uint64_t u = pe_unknown(pe, EL2_REG_PSTATE, old);
			ps = (ps & ~unk) | (u & unk);
		}
	} else if (spsr & EL2_PSR_NRW) {
		/* A legal return to AArch32: the AArch32 PSTATE entirely. */
		pe->s.pstate = aarch32_pstate_from_spsr(pe, ps, spsr);
		return;
	} else {
		/* State reinstated only by a legal return. */
		const uint64_t legal = EL2_PSR_IL | EL2_PSR_NRW | EL2_PSR_EL | EL2_PSR_M1 |
				       EL2_PSR_SP | ILLEGAL_UNKNOWN_FIELDS;
		ps = (ps & ~(legal & mask)) | (spsr & legal & mask);
	}
	/* State reinstated regardless: NZCV, PAN, DAIF. */
	const uint64_t always = EL2_PSR_NZCV | EL2_PSR_PAN | EL2_PSR_DAIF;
	ps = (ps & ~(always & mask)) | (spsr & always & mask);
	pe->s.pstate = ps & mask;
}

/* aarch64/functions/eret/AArch64.ExceptionReturn (DDI 0487 J.a). */
void el2_exception_return(el2_pe *pe, uint64_t new_pc, uint64_t spsr, el2_exc_outcome *out)
{
	if (!pe)
		return;
	unsigned from_el = pe_el(pe);
	bool illegal = el2_illegal_exception_return(pe, spsr);
	set_pstate_from_psr(pe, spsr, illegal);
	/* AArch64.ExceptionReturn then calls ClearExclusiveLocal (the local
	 * monitor is the engine's) and SendEventLocal: every exception
	 * return sets the Event Register, legal or not. */
	event_send_local(pe);

	if (illegal && (spsr & EL2_PSR_NRW)) {
		/* A return to AArch32 that is illegal: PC[63:32] and PC[1:0]
		 * are UNKNOWN. */
		const uint64_t unk = 0xffffffff00000003ull;
		uint64_t u = pe_unknown(pe, EL2_REG_PC, new_pc);
		new_pc = (new_pc & ~unk) | (u & unk);
	} else if (using_aarch32(pe)) {
		new_pc = aarch32_return_pc(pe, new_pc);
	} else {
		new_pc = exc_branch_addr(pe, new_pc, pe_el(pe));
	}
	pe->s.pc = new_pc;

	if (out)
		*out = (el2_exc_outcome){.from_el = from_el,
					 .target_el = pe_el(pe),
					 .esr = 0,
					 .vector = new_pc,
					 .vect_offset = 0,
					 .illegal_return = illegal};
}

/* aarch64/exceptions/exceptions/AArch64.CheckIllegalState: with PSTATE.IL
 * set, the instruction at PC takes the Illegal Execution state exception
 * (EC 0x0E, ISS 0) to the current EL above EL1, to EL2 from EL0 with
 * HCR_EL2.TGE = 1 (EL2 enabled), else to EL1. */
bool el2_check_illegal_state(el2_pe *pe, el2_exc_outcome *out)
{
	if (!pe || !(pe->s.pstate & EL2_PSR_IL))
		return false;
	el2_exception e = {.type = EL2_EXC_ILLEGAL_STATE};
	unsigned target = el2_sync_target_el(pe, EL2_EXC_ILLEGAL_STATE, false);
	return el2_take_exception(pe, target, &e, pe->s.pc, 0x0, out) == EL2_OK;
}
