/* SPDX-License-Identifier: MIT */
/* SVC, HVC, SMC, BRK, HLT, DCPSx and ERET: the instructions whose whole job
 * is to take or return from an exception. Each follows the operation
 * pseudocode of its instruction and the function it calls (DDI 0487 J.a). */
#include "exc_internal.h"
#include "exec_exception_insns.h"
#include "pauth_exec.h"
#include "fgt_internal.h"

#define INSN_IMM16(i) ((uint16_t)(((i) >> 5) & 0xffffu))

#define ERET_WORD 0xd69f03e0u

/* Takes a synchronous exception whose syndrome is just the imm16 (EC 0x15,
 * 0x16, 0x17, 0x3C) to target_el with vect_offset 0x0. */
static void take_imm16(el2_pe *pe, unsigned target_el, el2_exc_type type, uint16_t imm,
		       uint64_t preferred_return, el2_exec_result *res)
{
	el2_exception e = {.type = type, .iss = el2_iss_imm16(imm)};
	res->exc_type = type;
	exc_take(pe, target_el, &e, preferred_return, 0x0, res);
}

/* shared/debug/softwarestep/SSAdvance (DDI 0487 J.a): an instruction that
 * completes while software step is active-not-pending moves it to
 * active-pending (PSTATE.SS = 0). MDSCR_EL1 is the control for every
 * AArch64 debug target. CallSupervisor, CallHypervisor and
 * CallSecureMonitor call it before taking their exception. */
static void ss_advance(el2_pe *pe)
{
	if ((SR(pe, MDSCR_EL1) & EL2_MDSCR_SS) && (pe->s.pstate & EL2_PSR_SS))
		pe->s.pstate &= ~EL2_PSR_SS;
}

/* SVC: aarch64/exceptions/syscalls/AArch64.CheckForSVCTrap (FEAT_FGT
 * HFGITR_EL2.SVC_EL0/SVC_EL1: EC 0x15 to EL2, preferred return = this
 * instruction), then AArch64.CallSupervisor (DDI 0487 J.a). */
static void exec_svc(el2_pe *pe, uint16_t imm, el2_exec_result *res)
{
	if (fgt_svc_traps(pe)) {
		take_imm16(pe, 2, EL2_EXC_SVC, imm, pe->s.pc, res);
		return;
	}
	unsigned el = pe_el(pe);
	ss_advance(pe);
	bool route_to_el2 = el == 0 && el2_enabled(pe) && (hcr(pe) & EL2_HCR_TGE);
	unsigned target = el > 1 ? el : route_to_el2 ? 2 : 1;
	take_imm16(pe, target, EL2_EXC_SVC, imm, pe->s.pc + 4, res);
}

/* HVC operation (aarch64/instrs/system/exceptions/runtime/hvc) and
 * aarch64/exceptions/syscalls/AArch64.CallHypervisor (DDI 0487 J.a).
 * UNDEFINED at EL0, without EL2, or when HVC is disabled: SCR_EL3.HCE with
 * EL3 (fixed 1 here), else HCR_EL2.HCD == 1. Always taken to EL2. */
static void exec_hvc(el2_pe *pe, uint16_t imm, el2_exec_result *res)
{
	unsigned el = pe_el(pe);
	if (!have_el(pe, 2) || el == 0) {
		exc_undefined(pe, res);
		return;
	}
	bool hvc_enable = pe->cfg.have_el3 ? true : !(SR(pe, HCR_EL2) & EL2_HCR_HCD);
	if (!hvc_enable) {
		exc_undefined(pe, res);
		return;
	}
	ss_advance(pe);
	take_imm16(pe, 2, EL2_EXC_HVC, imm, pe->s.pc + 4, res);
}

/* SMC operation (aarch64/instrs/system/exceptions/runtime/smc) with
 * aarch64/exceptions/traps/AArch64.CheckForSMCUndefOrTrap and
 * aarch64/exceptions/syscalls/AArch64.CallSecureMonitor (DDI 0487 J.a):
 * - EL0: UNDEFINED.
 * - SCR_EL3.SMD is fixed 0 in this model, so the SMD UNDEFINED case never
 *   applies.
 * - No EL3: an SMC at EL1 with EL2 enabled traps to EL2 only with FEAT_NV
 *   and HCR_EL2.NV == 1 (and TSC == 1); FEAT_NV is not implemented, so an
 *   SMC without EL3 is UNDEFINED at every EL, whatever HCR_EL2.TSC says.
 * - EL3: EL1 with EL2 enabled and HCR_EL2.TSC == 1 traps to EL2 (EC 0x17,
 *   preferred return = this instruction); otherwise the SMC goes to EL3,
 *   which the model does not execute: EL2_OUT_SMC_EL3, PC = next
 *   instruction, res->value = imm16, for the caller to emulate. */
static void exec_smc(el2_pe *pe, uint16_t imm, el2_exec_result *res)
{
	unsigned el = pe_el(pe);
	if (el == 0 || !pe->cfg.have_el3) {
		exc_undefined(pe, res);
		return;
	}
	if (el == 1 && el2_enabled(pe) && (hcr(pe) & EL2_HCR_TSC)) {
		take_imm16(pe, 2, EL2_EXC_SMC, imm, pe->s.pc, res);
		return;
	}
	ss_advance(pe);
	res->outcome = EL2_OUT_SMC_EL3;
	res->value = imm;
	pe->s.pc += 4;
}

/* aarch64/exceptions/debug/AArch64.SoftwareBreakpoint (DDI 0487 J.a):
 * preferred return = this instruction; from EL0/EL1 to EL2 when EL2 is
 * enabled and HCR_EL2.TGE or MDCR_EL2.TDE is 1; at EL2 to EL2. */
static void exec_brk(el2_pe *pe, uint16_t imm, el2_exec_result *res)
{
	unsigned el = pe_el(pe);
	bool route_to_el2 = el <= 1 && el2_enabled(pe) &&
			    ((hcr(pe) & EL2_HCR_TGE) || (SR(pe, MDCR_EL2) & EL2_MDCR_TDE));
	unsigned target = el > 1 ? el : route_to_el2 ? 2 : 1;
	take_imm16(pe, target, EL2_EXC_BRK, imm, pe->s.pc, res);
}

/* "Exception generation" table: opc [23:21], imm16 [20:5], op2 [4:2],
 * LL [1:0]. */
void exec_exception_generation(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	unsigned opc = (insn >> 21) & 7u, op2 = (insn >> 2) & 7u, ll = insn & 3u;
	uint16_t imm = INSN_IMM16(insn);
	if (op2 != 0) {
		exc_undefined(pe, res);
		return;
	}
	switch ((opc << 2) | ll) {
	case (0u << 2) | 1u:
		exec_svc(pe, imm, res);
		return;
	case (0u << 2) | 2u:
		exec_hvc(pe, imm, res);
		return;
	case (0u << 2) | 3u:
		exec_smc(pe, imm, res);
		return;
	case (1u << 2) | 0u:
		exec_brk(pe, imm, res);
		return;
	default:
		/* HLT (010/00): halting debug is not enabled (EDSCR.HDE == 0),
		 * so UNDEFINED. TCANCEL (011/00): FEAT_TME not implemented.
		 * DCPS1/2/3 (101/01..11): UNDEFINED in Non-debug state. Every
		 * other opc/LL combination is unallocated. */
		exc_undefined(pe, res);
		return;
	}
}

/* ERET/ERETAA/ERETAB operation (aarch64/instrs/branch/eret) (DDI 0487
 * J.a): UNDEFINED at EL0; AArch64.CheckForERetTrap: with FEAT_FGT,
 * HFGITR_EL2.ERET traps an EL1 ERET to EL2 (EC 0x1A, preferred return =
 * this instruction; FEAT_NV is not modelled); then
 * AArch64.ExceptionReturn(ELR[], SPSR[]) with the current EL's own
 * ELR/SPSR (never VHE-redirected). */
static void exec_eret(el2_pe *pe, el2_exec_result *res, bool auth, bool key_b)
{
	unsigned el = pe_el(pe);
	if (el == 0) {
		exc_undefined(pe, res);
		return;
	}
	if (fgt_eret_traps(pe)) {
		/* ISS: ERET 0; ERETAA 0b10, ERETAB 0b11 (ISS[1] = 1, ISS[0] = key B) */
		el2_exception e = {.type = EL2_EXC_ERET_TRAP, .iss = auth ? 2u | (unsigned)key_b : 0u};
		res->exc_type = EL2_EXC_ERET_TRAP;
		exc_take(pe, 2, &e, pe->s.pc, 0x0, res);
		return;
	}
	uint64_t elr = el == 1 ? SR(pe, ELR_EL1) : SR(pe, ELR_EL2);
	/* ERETAA/ERETAB: "target = AuthIA(ELR[], SP[], TRUE)" (or IB) before
	 * the return; a disabled key leaves ELR as it is. */
	if (auth && !pauth_eret_target(pe, key_b, &elr, res))
		return;
	uint64_t spsr = el == 1 ? SR(pe, SPSR_EL1) : SR(pe, SPSR_EL2);
	el2_exception_return(pe, elr, spsr, &res->exc);
	res->outcome = EL2_OUT_ERET;
	res->flags |= EL2_EF_CONTEXT_SYNC | EL2_EF_SP_CHANGED;
}

void exec_eret_class(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	if (insn == ERET_WORD)
		exec_eret(pe, res, false, false);
	else if ((insn & 0xfffffbffu) == 0xd69f0bffu && have_feat(pe, EL2_FEAT_PAUTH))
		exec_eret(pe, res, true, (insn >> 10) & 1u);
	else
		/* ERETAA/ERETAB without FEAT_PAuth: unallocated. DRPS: UNDEFINED in
		 * Non-debug state. The rest of opc 0100/0101 is unallocated. */
		exc_undefined(pe, res);
}
