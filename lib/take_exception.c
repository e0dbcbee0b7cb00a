/* SPDX-License-Identifier: MIT */
/* Exception entry: AArch64.TakeException and AArch64.ReportException, the
 * routing of synchronous exceptions, and AArch64.BranchAddr (used by every
 * branch the model performs: exception entry and exception return).
 * Arm ARM DDI 0487 J.a. */
#include "aarch32_internal.h"
#include "exc_internal.h"

#define HPFAR_FIPA_MASK (0xffffffffffull << 4) /* HPFAR_EL2.FIPA, bits [43:4] */

unsigned exc_s1_regime(const el2_pe *pe, unsigned el)
{
	if (el != 0)
		return el;
	return (el2_enabled(pe) && el_is_in_host(pe, 0)) ? 2 : 1;
}

bool exc_effective_tbi(const el2_pe *pe, uint64_t va, bool is_instr, unsigned el)
{
	bool upper = (va >> 55) & 1;
	unsigned regime = exc_s1_regime(pe, el);
	uint64_t tcr, tbi, tbid;
	if (regime == 1 || el_is_in_host(pe, el)) {
		/* TCR_EL2 with E2H = 1 has the TCR_EL1 layout. */
		tcr = regime == 1 ? SR(pe, TCR_EL1) : SR(pe, TCR_EL2);
		tbi = tcr & (upper ? EL2_TCR_TBI1 : EL2_TCR_TBI0);
		tbid = tcr & (upper ? EL2_TCR_TBID1 : EL2_TCR_TBID0);
	} else {
		tcr = SR(pe, TCR_EL2);
		tbi = tcr & EL2_TCR_EL2_TBI;
		tbid = tcr & EL2_TCR_EL2_TBID;
	}
	/* TBIDn exists with FEAT_PAuth (HavePACExt()) only. */
	if (!have_feat(pe, EL2_FEAT_PAUTH))
		tbid = 0;
	return tbi && (!tbid || !is_instr);
}

/* aarch64/functions/branch/AArch64.BranchAddr(vaddress, el): msbit =
 * AddrTop(vaddress, TRUE, el), 55 when EffectiveTBI holds for an
 * instruction address (so not with TBID, FEAT_PAuth), else 63 and the
 * address is kept. A tagged address loses its tag: sign-extended from bit
 * 55 in regimes with two VA ranges (EL0/EL1, or in host), zero-extended at
 * EL2 without E2H. */
uint64_t exc_branch_addr(const el2_pe *pe, uint64_t va, unsigned el)
{
	if (!exc_effective_tbi(pe, va, true, el))
		return va;
	const uint64_t low56 = (1ull << 56) - 1;
	bool two_ranges = el <= 1 || el_is_in_host(pe, el);
	if (two_ranges && ((va >> 55) & 1))
		return va | ~low56;
	return va & low56;
}

/* aarch64/exceptions/exceptions/AArch64.ExceptionClass: EC for the type;
 * IL is 1 for every exception here (AArch64, 32-bit instructions). */
static unsigned exception_class(el2_exc_type type, unsigned from_el, unsigned target_el)
{
	bool same = from_el == target_el;
	switch (type) {
	case EL2_EXC_UNCATEGORIZED: return EL2_EC_UNKNOWN;
	case EL2_EXC_WFX_TRAP: return EL2_EC_WFX;
	case EL2_EXC_FP_TRAP: return EL2_EC_FP_ASIMD;
	case EL2_EXC_ILLEGAL_STATE: return EL2_EC_ILLEGAL_STATE;
	case EL2_EXC_SVC: return EL2_EC_SVC64;
	case EL2_EXC_HVC: return EL2_EC_HVC64;
	case EL2_EXC_SMC: return EL2_EC_SMC64;
	case EL2_EXC_SYSREG_TRAP: return EL2_EC_SYS64;
	case EL2_EXC_INSTR_ABORT: return same ? EL2_EC_IABT_CUR : EL2_EC_IABT_LOW;
	case EL2_EXC_PC_ALIGN: return EL2_EC_PC_ALIGN;
	case EL2_EXC_DATA_ABORT: return same ? EL2_EC_DABT_CUR : EL2_EC_DABT_LOW;
	case EL2_EXC_SP_ALIGN: return EL2_EC_SP_ALIGN;
	case EL2_EXC_SERROR: return EL2_EC_SERROR;
	case EL2_EXC_SOFTWARE_STEP: return same ? EL2_EC_SOFTSTP_CUR : EL2_EC_SOFTSTP_LOW;
	case EL2_EXC_BRK: return EL2_EC_BRK64;
	case EL2_EXC_ERET_TRAP: return EL2_EC_ERET;
	case EL2_EXC_CP15RT_TRAP: return EL2_EC_CP15RT;
	case EL2_EXC_CP15RRT_TRAP: return EL2_EC_CP15RRT;
	case EL2_EXC_CP14RT_TRAP: return EL2_EC_CP14RT;
	case EL2_EXC_CP14RRT_TRAP: return EL2_EC_CP14RRT;
	case EL2_EXC_PAC_TRAP: return EL2_EC_PAC;
	case EL2_EXC_SVE_TRAP: return EL2_EC_SVE;
	case EL2_EXC_IRQ:
	case EL2_EXC_FIQ:
	case EL2_EXC__COUNT:
		break;
	}
	return EL2_EC_UNKNOWN;
}

/* The types whose SPSR.BTYPE AArch64.TakeException keeps; for the others
 * it is CONSTRAINED UNPREDICTABLE (Unpredictable_ZEROBTYPE) and the model
 * chooses zero. */
static bool keeps_btype(el2_exc_type type)
{
	switch (type) {
	case EL2_EXC_SERROR:
	case EL2_EXC_IRQ:
	case EL2_EXC_FIQ:
	case EL2_EXC_SOFTWARE_STEP:
	case EL2_EXC_PC_ALIGN:
	case EL2_EXC_INSTR_ABORT:
	case EL2_EXC_BRK:
	case EL2_EXC_ILLEGAL_STATE:
		return true;
	default:
		return false;
	}
}

/* The target EL's own exception registers (never VHE-redirected). */
struct el_regs {
	el2_sysreg vbar, spsr, elr, esr, far, sctlr;
};

static struct el_regs regs_of(unsigned el)
{
	if (el == 2)
		return (struct el_regs){EL2_SR_VBAR_EL2, EL2_SR_SPSR_EL2, EL2_SR_ELR_EL2,
					EL2_SR_ESR_EL2,  EL2_SR_FAR_EL2,  EL2_SR_SCTLR_EL2};
	return (struct el_regs){EL2_SR_VBAR_EL1, EL2_SR_SPSR_EL1, EL2_SR_ELR_EL1,
				EL2_SR_ESR_EL1,  EL2_SR_FAR_EL1,  EL2_SR_SCTLR_EL1};
}

static bool writes_far(el2_exc_type type)
{
	return type == EL2_EXC_INSTR_ABORT || type == EL2_EXC_PC_ALIGN ||
	       type == EL2_EXC_DATA_ABORT;
}

/* aarch64/exceptions/exceptions/AArch64.ReportException: ESR, FAR and
 * HPFAR_EL2 of the target EL. FAR is written from the record only for the
 * types the pseudocode lists (and only when the caller marks the address
 * valid); otherwise it is UNKNOWN. HPFAR_EL2.FIPA is UNKNOWN on every
 * exception to EL2 without a valid IPA. Returns the ESR value. */
static uint32_t report_exception(el2_pe *pe, const el2_exception *exc, unsigned from_el,
				 unsigned target_el, bool from_32)
{
	struct el_regs r = regs_of(target_el);
	unsigned ec = exception_class(exc->type, from_el, target_el);
	bool il = true;
	if (from_32) {
		ec = aarch32_exception_class(exc->type, ec);
		il = aarch32_il(exc->type, exc->iss, exc->t16);
	}
	uint32_t esr = el2_esr(ec, il, exc->iss);
	pe->s.sr[r.esr] = esr;

	if (writes_far(exc->type) && exc->far_valid)
		pe->s.sr[r.far] = exc->vaddress;
	else
		pe->s.sr[r.far] = pe_unknown(pe, EL2_REG_SYSREG_BASE + r.far, pe->s.sr[r.far]);

	if (target_el == 2) {
		uint64_t old = SR(pe, HPFAR_EL2);
		if (exc->ipa_valid) {
			/* FIPA = ipaddress[51:12]; NS = 0 (Non-secure only). */
			SR(pe, HPFAR_EL2) = ((exc->ipaddress >> 12) << 4) & HPFAR_FIPA_MASK;
		} else {
			uint64_t u = pe_unknown(pe, EL2_SYSREG(HPFAR_EL2), old);
			SR(pe, HPFAR_EL2) = (old & ~HPFAR_FIPA_MASK) | (u & HPFAR_FIPA_MASK);
		}
	}
	return esr;
}

static bool valid_kind_offset(unsigned vect_offset)
{
	return vect_offset == 0x0 || vect_offset == 0x80 || vect_offset == 0x100 ||
	       vect_offset == 0x180;
}

/* aarch64/exceptions/takeexception/AArch64.TakeException (DDI 0487 J.a).
 * The pseudocode's assert (HaveEL(target_el), !ELUsingAArch32(target_el),
 * target_el >= PSTATE.EL) is an EL2_ERR_INVALID_ARG here; EL3 is never
 * entered. */
el2_err el2_take_exception(el2_pe *pe, unsigned target_el, const el2_exception *exc,
			   uint64_t preferred_return, unsigned vect_offset, el2_exc_outcome *out)
{
	if (!pe || !exc || (unsigned)exc->type >= EL2_EXC__COUNT || !valid_kind_offset(vect_offset))
		return EL2_ERR_INVALID_ARG;
	unsigned from_el = pe_el(pe);
	if (target_el == 0 || target_el > 2 || !have_el(pe, target_el) || target_el < from_el)
		return EL2_ERR_INVALID_ARG;
	if (target_el == 1 && el1_using_aarch32(pe))
		return EL2_ERR_UNSUPPORTED; /* AArch32.TakeException: not modelled */

	bool from_32 = using_aarch32(pe);
	/* Lower EL -> +0x400, or +0x600 when the EL below the target uses
	 * AArch32 (lower_32: ELUsingAArch32(target_el - 1), or of EL0 when
	 * EL0 in host goes to EL2); current EL with SP_ELx -> +0x200;
	 * current EL with SP_EL0 -> +0. */
	if (target_el > from_el) {
		bool lower_32 = (target_el == 1 || (from_el == 0 && is_in_host(pe))) ? from_32
										  : el1_using_aarch32(pe);
		vect_offset += lower_32 ? 0x600 : 0x400;
	} else if (pe->s.pstate & EL2_PSR_SP) {
		vect_offset += 0x200;
	}

	/* GetPSRFromPSTATE(AArch64_NonDebugState), in the AArch32 layout from
	 * AArch32. No FEAT_NV: no EL rewrite. */
	uint64_t spsr = pe->s.pstate & (from_32 ? aarch32_pstate_mask(pe) : pe_pstate_mask(pe));
	if (!from_32 && have_feat(pe, EL2_FEAT_BTI) && !keeps_btype(exc->type))
		spsr &= ~EL2_PSR_BTYPE;
	if (from_32)
		preferred_return &= 0xffffffffull; /* an AArch32 address */

	uint32_t esr = 0;
	if (exc->type != EL2_EXC_IRQ && exc->type != EL2_EXC_FIQ)
		esr = report_exception(pe, exc, from_el, target_el, from_32);

	struct el_regs r = regs_of(target_el);
	uint64_t ps = from_32 ? aarch32_leave(pe) : pe->s.pstate;
	ps = (ps & ~(EL2_PSR_EL | EL2_PSR_NRW | EL2_PSR_M1)) | ((uint64_t)target_el << EL2_PSR_EL_SHIFT);
	ps |= EL2_PSR_SP;
	pe->s.sr[r.spsr] = spsr;
	pe->s.sr[r.elr] = preferred_return;
	ps &= ~(EL2_PSR_SS | EL2_PSR_IL);
	ps |= EL2_PSR_DAIF;
	pe->s.pstate = ps; /* PSTATE.EL is the target from here on: SCTLR[] is the target's */
	uint64_t sctlr = pe->s.sr[r.sctlr];
	if (have_feat(pe, EL2_FEAT_PAN) && (target_el == 1 || (target_el == 2 && el_is_in_host(pe, 0))) &&
	    !(sctlr & EL2_SCTLR_SPAN))
		ps |= EL2_PSR_PAN;
	if (have_feat(pe, EL2_FEAT_UAO))
		ps &= ~EL2_PSR_UAO;
	if (have_feat(pe, EL2_FEAT_BTI))
		ps &= ~EL2_PSR_BTYPE;
	if (have_feat(pe, EL2_FEAT_SSBS))
		ps = (ps & ~EL2_PSR_SSBS) | ((sctlr & EL2_SCTLR_DSSBS) ? EL2_PSR_SSBS : 0);
	if (have_feat(pe, EL2_FEAT_MTE))
		ps |= EL2_PSR_TCO;
	pe->s.pstate = ps & pe_pstate_mask(pe);

	/* BranchTo(VBAR[]<63:11>:vect_offset<10:0>, BranchType_EXCEPTION). */
	uint64_t vbar = pe->s.sr[r.vbar];
	uint64_t vector = exc_branch_addr(pe, (vbar & ~0x7ffull) | (vect_offset & 0x7ffu), target_el);
	pe->s.pc = vector;

	if (out)
		*out = (el2_exc_outcome){.from_el = from_el,
					 .target_el = target_el,
					 .esr = esr,
					 .vector = vector,
					 .vect_offset = vect_offset,
					 .illegal_return = false};
	return EL2_OK;
}

static bool tge(const el2_pe *pe)
{
	return el2_enabled(pe) && (SR(pe, HCR_EL2) & EL2_HCR_TGE);
}

/* The routing shared by AArch64.UndefinedFault, AArch64.CallSupervisor,
 * AArch64.IllegalStateException (aarch64/exceptions/exceptions/
 * AArch64.CheckIllegalState): above EL1 stay, EL0 with TGE -> EL2, else EL1. */
static unsigned route_el0_tge(const el2_pe *pe)
{
	unsigned el = pe_el(pe);
	if (el > 1)
		return el;
	return (el == 0 && tge(pe)) ? 2 : 1;
}

/* Above EL1 stay; EL0/EL1 with EL2 enabled and cond -> EL2; else EL1. */
static unsigned route_el01(const el2_pe *pe, bool cond)
{
	unsigned el = pe_el(pe);
	if (el > 1)
		return el;
	return (el2_enabled(pe) && cond) ? 2 : 1;
}

unsigned el2_sync_target_el(const el2_pe *pe, el2_exc_type type, bool stage2)
{
	if (!pe)
		return 1;
	uint64_t h = hcr(pe);
	switch (type) {
	case EL2_EXC_UNCATEGORIZED: /* AArch64.UndefinedFault */
	case EL2_EXC_ILLEGAL_STATE: /* AArch64.CheckIllegalState */
	case EL2_EXC_SVC:           /* AArch64.CallSupervisor */
	/* Traps whose target depends on the trapping control: the caller
	 * normally passes it (exc_*); this is the routing of a trap that the
	 * EL1 controls raise (EL0 + TGE -> EL2, as in the access pseudocode). */
	case EL2_EXC_WFX_TRAP:
	case EL2_EXC_FP_TRAP:
	case EL2_EXC_SYSREG_TRAP:
	case EL2_EXC_SVE_TRAP:
		return route_el0_tge(pe);
	case EL2_EXC_PAC_TRAP: /* TrapPACUse: always to EL2 (EL3 is never a target here) */
		return 2;
	case EL2_EXC_ERET_TRAP: /* AArch64.CheckForERetTrap: EL1 -> EL2 only */
	case EL2_EXC_HVC:       /* AArch64.CallHypervisor */
	case EL2_EXC_SMC: /* AArch64.CheckForSMCUndefOrTrap: trapped SMC */
		return have_el(pe, 2) ? 2 : route_el0_tge(pe);
	case EL2_EXC_INSTR_ABORT: /* AArch64.InstructionAbort (TEA: el2_take_abort) */
	case EL2_EXC_DATA_ABORT:  /* AArch64.DataAbort */
		return route_el01(pe, (h & EL2_HCR_TGE) || stage2);
	case EL2_EXC_PC_ALIGN: /* AArch64.PCAlignmentFault */
	case EL2_EXC_SP_ALIGN: /* AArch64.SPAlignmentFault */
		return route_el01(pe, h & EL2_HCR_TGE);
	case EL2_EXC_SOFTWARE_STEP: /* AArch64.SoftwareStepException */
	case EL2_EXC_BRK:           /* AArch64.SoftwareBreakpoint */
		return route_el01(pe, (h & EL2_HCR_TGE) || (SR(pe, MDCR_EL2) & EL2_MDCR_TDE));
	case EL2_EXC_SERROR: /* AArch64.TakePhysicalSErrorException */
		return route_el01(pe, (h & EL2_HCR_TGE) || (!is_in_host(pe) && (h & EL2_HCR_AMO)));
	case EL2_EXC_IRQ: /* AArch64.TakePhysicalIRQException */
		return route_el01(pe, h & (EL2_HCR_TGE | EL2_HCR_IMO));
	case EL2_EXC_FIQ: /* AArch64.TakePhysicalFIQException */
		return route_el01(pe, h & (EL2_HCR_TGE | EL2_HCR_FMO));
	case EL2_EXC_CP15RT_TRAP: /* AArch32 coprocessor traps: EL1 controls, */
	case EL2_EXC_CP15RRT_TRAP: /* EL0 + TGE -> EL2 (the caller passes the */
	case EL2_EXC_CP14RT_TRAP: /* EL of the control that trapped) */
	case EL2_EXC_CP14RRT_TRAP:
		return route_el0_tge(pe);
	case EL2_EXC__COUNT:
		break;
	}
	return route_el0_tge(pe);
}

el2_err el2_take_sync(el2_pe *pe, const el2_exception *exc, bool stage2, el2_exc_outcome *out)
{
	if (!pe || !exc || exc->type == EL2_EXC_IRQ || exc->type == EL2_EXC_FIQ ||
	    exc->type == EL2_EXC_SERROR)
		return EL2_ERR_INVALID_ARG;
	unsigned target = el2_sync_target_el(pe, exc->type, stage2);
	return el2_take_exception(pe, target, exc, pe->s.pc, 0x0, out);
}
