/* SPDX-License-Identifier: MIT */
/* AArch32 state of EL0/EL1 as AArch64 EL2 sees it: modes, PSTATE in the
 * AArch32 SPSR layout, the exception-return and exception-entry pieces
 * that differ from AArch64, and the rows whose RES0/RES1 bits depend on
 * AArch32 support. Arm ARM DDI 0487 J.a. */
#include "aarch32_internal.h"

uint64_t aarch32_pstate_mask(const el2_pe *pe)
{
	uint64_t m = EL2_PSR_NZCV | EL2_PSR32_Q | EL2_PSR32_IT | EL2_PSR32_GE | EL2_PSR32_E |
		     EL2_PSR32_AIF | EL2_PSR32_T | EL2_PSR_M | EL2_PSR_IL | EL2_PSR_SS;
	if (have_feat(pe, EL2_FEAT_PAN))
		m |= EL2_PSR_PAN;
	if (have_feat(pe, EL2_FEAT_DIT))
		m |= EL2_PSR_DIT;
	if (have_feat(pe, EL2_FEAT_SSBS))
		m |= EL2_PSR32_SSBS;
	return m;
}

/* shared/functions/system/ELFromM32 with BadMode (Non-secure, no AArch32
 * EL2 or EL3). */
bool aarch32_el_from_mode(const el2_pe *pe, unsigned m, unsigned *el)
{
	switch (m) {
	case EL2_M32_USR:
		*el = 0;
		return have_aa32_el0(pe);
	case EL2_M32_FIQ: case EL2_M32_IRQ: case EL2_M32_SVC:
	case EL2_M32_ABT: case EL2_M32_UND: case EL2_M32_SYS:
		*el = 1;
		return have_aa32_el1(pe);
	default:
		/* M32_Hyp needs HaveAArch32EL(EL2), M32_Monitor
		 * HaveAArch32EL(EL3): neither exists here. */
		return false;
	}
}

/* shared/functions/system/RestoredITBits. The PE is going to an EL below
 * EL2, so SCTLR.ITD is SCTLR_EL1.ITD (bit 7). When the SPSR sets IL it
 * is CONSTRAINED UNPREDICTABLE whether the IT bits are zeroed
 * (Unpredictable_ILZEROIT): the model zeroes them. */
static uint64_t restored_it(const el2_pe *pe, uint64_t spsr)
{
	unsigned it = (unsigned)(((spsr >> 10) & 0x3fu) << 2 | ((spsr >> 25) & 3u));
	if (spsr & EL2_PSR_IL)
		return 0;
	if ((it & 0xf0u) && !(it & 0x0fu))
		return 0; /* reserved value */
	bool itd = (SR(pe, SCTLR_EL1) >> 7) & 1u;
	if ((!(spsr & EL2_PSR32_T) && it) || (itd && (it & 7u)))
		return 0;
	return spsr & EL2_PSR32_IT;
}

/* shared/functions/system/SetPSTATEFromPSR, legal return to AArch32:
 * AArch32.WriteMode(spsr<4:0>), IL, SSBS = spsr<23>, and the AArch32 state
 * reinstated regardless: NZCV, PAN, Q, IT (RestoredITBits), DIT = spsr<24>
 * (from AArch64), GE, E, A/I/F, T. PSTATE.SS is the caller's (it comes
 * from DebugExceptionReturnSS). When the SPSR sets IL, the T bit is kept
 * (Unpredictable_ILZEROT: FALSE). */
uint64_t aarch32_pstate_from_spsr(el2_pe *pe, uint64_t old, uint64_t spsr)
{
	const uint64_t copied = EL2_PSR_M | EL2_PSR_IL | EL2_PSR32_SSBS | EL2_PSR_NZCV |
				EL2_PSR_PAN | EL2_PSR32_Q | EL2_PSR_DIT | EL2_PSR32_GE |
				EL2_PSR32_E | EL2_PSR32_AIF | EL2_PSR32_T;
	uint64_t ps = (old & EL2_PSR_SS) | (spsr & copied) | restored_it(pe, spsr);
	return ps & aarch32_pstate_mask(pe);
}

/* AArch64.ExceptionReturn, "Return to AArch32": ELR_ELx[0] (T32) or
 * ELR_ELx[1:0] (A32) are treated as 0, and BranchTo(new_pc<31:0>). */
uint64_t aarch32_return_pc(const el2_pe *pe, uint64_t new_pc)
{
	uint64_t pc = new_pc & 0xffffffffull;
	return (pe->s.pstate & EL2_PSR32_T) ? pc & ~1ull : pc & ~3ull;
}

/* aarch64/functions/registers/AArch64.MaybeZeroRegisterUppers: from EL0 with EL1 in AArch64 only
 * X0-X14 were visible; from EL0/EL1 with AArch64 EL2, X0-X30 but X15
 * (SP_hyp); otherwise all of X0-X30. Each upper half is zeroed or kept
 * (Unpredictable_ZEROUPPER): the model zeroes. */
static void maybe_zero_register_uppers(el2_pe *pe)
{
	unsigned last = 30;
	bool include_r15 = false;
	if (pe_el(pe) == 0 && !el1_using_aarch32(pe))
		last = 14;
	else if (!el2_enabled(pe))
		include_r15 = true;
	for (unsigned n = 0; n <= last; n++)
		if (n != 15 || include_r15)
			pe->s.x[n] &= 0xffffffffull;
}

uint64_t aarch32_leave(el2_pe *pe)
{
	maybe_zero_register_uppers(pe);
	/* What survives into AArch64 PSTATE: NZCV, PAN, DIT (same bits in
	 * both layouts); IT, T, Q, GE, E (which would read as D) are gone
	 * and AArch64.TakeException sets the rest. */
	return pe->s.pstate & (EL2_PSR_NZCV | EL2_PSR_PAN | EL2_PSR_DIT);
}

/* aarch64/exceptions/exceptions/AArch64.ExceptionClass, from_32: the
 * AArch64 EC minus 4 for SVC/HVC/SMC (0x11-0x13) and BKPT (0x38); the
 * CP15/CP14 classes only exist from AArch32. */
unsigned aarch32_exception_class(el2_exc_type type, unsigned ec64)
{
	(void)type;
	switch (ec64) {
	case EL2_EC_SVC64: case EL2_EC_HVC64: case EL2_EC_SMC64: case EL2_EC_BRK64:
		return ec64 - 4;
	default:
		return ec64;
	}
}

/* AArch64.ExceptionClass: IL is the instruction length (ThisInstrLength()
 * == 32) where il_is_valid, else 1: not valid for UNDEFINED (EC 0x00),
 * aborts (a data abort only with ISV = 1 has a length), PC alignment,
 * Illegal Execution state, SError, debug exceptions other than BKPT. */
bool aarch32_il(el2_exc_type type, uint32_t iss, bool t16)
{
	switch (type) {
	case EL2_EXC_UNCATEGORIZED: case EL2_EXC_INSTR_ABORT: case EL2_EXC_PC_ALIGN:
	case EL2_EXC_SP_ALIGN: case EL2_EXC_SERROR: case EL2_EXC_ILLEGAL_STATE:
	case EL2_EXC_SOFTWARE_STEP: case EL2_EXC_IRQ: case EL2_EXC_FIQ:
		return true;
	case EL2_EXC_DATA_ABORT:
		return !(iss & (1u << 24)) || !t16; /* ISV */
	default:
		return !t16;
	}
}

#define SCTLR_AA32_EL0_BITS (EL2_BIT(5) | EL2_BIT(7) | EL2_BIT(8))

uint64_t aarch32_write_value(const el2_pe *pe, el2_sysreg id, uint64_t raw, uint64_t masked)
{
	switch (id) {
	case EL2_SR_HCR_EL2:
		/* HCR_EL2.RW: RAO/WI unless EL1 can use AArch32. */
		if (have_aa32_el1(pe))
			return (masked & ~EL2_HCR_RW) | (raw & EL2_HCR_RW);
		return masked;
	case EL2_SR_SPSR_EL1:
	case EL2_SR_SPSR_EL2:
		/* An AArch32 PSR (M[4] = 1) keeps the AArch32-only fields the
		 * AArch64 layout has as RES0 (Q, IT, GE, T, SSBS at 23). */
		if (have_aa32_el0(pe) && (raw & EL2_PSR_NRW))
			return raw & 0xffffffffull;
		return masked;
	case EL2_SR_SCTLR_EL1:
		/* With AArch32 at EL0, CP15BEN (5), ITD (7) and SED (8) are
		 * controls, not RES0/RES1 (D19 SCTLR_EL1). */
		if (have_aa32_el0(pe))
			return (masked & ~SCTLR_AA32_EL0_BITS) | (raw & SCTLR_AA32_EL0_BITS);
		return masked;
	default:
		return masked;
	}
}
