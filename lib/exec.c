/* SPDX-License-Identifier: MIT */
/* el2_exec: classifies a trapped A64 word by the encoding tables of Arm ARM
 * DDI 0487 J.a, C4.1 "A64 instruction set encoding" ("Branches, Exception
 * Generating and System instructions" and its sub-tables), and performs it.
 * Hints and barriers are done here; MRS/MSR/SYS go to sysreg_access.c,
 * exception-generating instructions and ERET to exec_exception_insns.c.
 *
 * The decode is a handful of mask/compare steps on purpose: the engine calls
 * this for every trapped instruction. */
#include "event_internal.h"
#include "exc_internal.h"
#include "exec_exception_insns.h"
#include "pauth_exec.h"
#include "sve_ctl.h"
#include "pe_internal.h"
#include "ras_internal.h"
#include "sysreg_access.h"

/* Word fields of the System instruction class (bits [31:22] = 1101010100). */
#define INSN_L(i) (((i) >> 21) & 1u)
#define INSN_OP0(i) (((i) >> 19) & 3u)
#define INSN_OP1(i) (((i) >> 16) & 7u)
#define INSN_CRN(i) (((i) >> 12) & 0xfu)
#define INSN_CRM(i) (((i) >> 8) & 0xfu)
#define INSN_OP2(i) (((i) >> 5) & 7u)
#define INSN_RT(i) ((i) & 0x1fu)

/* The 0xd5 byte is op0 = 110, op1 = 01xx.. of the branch/system group:
 * bits [23:22] = 00 is the System class proper; 01 holds the 128-bit
 * forms (SYSP, MRRS, MSRR: FEAT_SYSREG128/SYSINSTR128, not implemented)
 * and 1x is unallocated. */
#define IS_SYSTEM_BYTE(i) (((i) >> 24) == 0xd5u)
#define IS_EXCEPTION_GEN(i) (((i) >> 24) == 0xd4u)
/* Unconditional branch (register) with opc = 0100 (ERET, ERETAA, ERETAB)
 * or 0101 (DRPS). BR, BLR, RET and the other opc values are ordinary
 * branches and stay with the engine. */
#define IS_ERET_CLASS(i) (((i) >> 22) == 0x35au)

bool el2_is_system_insn(uint32_t insn)
{
	return IS_EXCEPTION_GEN(insn) || IS_SYSTEM_BYTE(insn) || IS_ERET_CLASS(insn);
}

static void done(el2_pe *pe, el2_exec_result *res, uint32_t flags)
{
	res->outcome = EL2_OUT_DONE;
	res->flags |= flags;
	pe->s.pc += 4;
}

/* aarch64/exceptions/traps/AArch64.CheckForWFxTrap (DDI 0487 J.a), called
 * in the order of the WFI/WFE operation pseudocode
 * (aarch64/instrs/system/hints/wfe_wfi): EL0 -> the OS's SCTLR[].nTWx,
 * then EL0/EL1 with EL2 enabled and not in host -> HCR_EL2.TWx, then
 * EL3 (SCR_EL3.TWx, fixed 0 in this model). Returns the EL the trap is
 * taken to, or 0 for no trap. The TGE redirection of an EL1 target is
 * AArch64.WFxTrap's; it is applied here too so the routing is explicit. */
static unsigned wfx_trap_target(const el2_pe *pe, bool is_wfe)
{
	unsigned el = pe_el(pe);
	if (el == 0) {
		/* SCTLR[] is SCTLR_EL2 when EL0 is in host. */
		uint64_t ntw = is_wfe ? EL2_SCTLR_NTWE : EL2_SCTLR_NTWI;
		if (!(sctlr_current(pe) & ntw))
			return el2_enabled(pe) && (hcr(pe) & EL2_HCR_TGE) ? 2 : 1;
	}
	if (el <= 1 && el2_enabled(pe) && !is_in_host(pe)) {
		uint64_t tw = is_wfe ? EL2_HCR_TWE : EL2_HCR_TWI;
		if (hcr(pe) & tw)
			return 2;
	}
	return 0;
}

/* aarch64/instrs/system/hints/wfe_wfi (WFE, WFI) (DDI 0487 J.a). No
 * FEAT_WFxT, no FEAT_NMI.
 * WFE: "if IsEventRegisterSet() then ClearEventRegister() else
 * (CheckForWFxTrap ...; WaitForEvent())": a set Event Register is consumed
 * and the WFE completes, before any trap check.
 * WFI: "if !InterruptPending() then (CheckForWFxTrap ...;
 * WaitForInterrupt())": with an interrupt pending, masked or not, the WFI
 * completes without a trap check (InterruptPending: lib/event.c).
 * The wait itself is the engine's (EL2_OUT_WFE / EL2_OUT_WFI). */
static void exec_wfx(el2_pe *pe, bool is_wfe, el2_exec_result *res)
{
	if (is_wfe && event_is_set(pe)) {
		event_clear(pe);
		done(pe, res, EL2_EF_HINT);
		return;
	}
	if (!is_wfe && event_interrupt_pending(pe)) {
		done(pe, res, EL2_EF_HINT);
		return;
	}
	unsigned target = wfx_trap_target(pe, is_wfe);
	if (target) {
		res->exc_type = EL2_EXC_WFX_TRAP;
		exc_wfx_trap(pe, target, is_wfe ? 1u : 0u, res);
		return;
	}
	res->outcome = is_wfe ? EL2_OUT_WFE : EL2_OUT_WFI;
	pe->s.pc += 4;
}

/* "Hints" table (op0=00, op1=011, CRn=0010, Rt=11111), indexed by CRm:op2.
 * WFE (0000:010) and WFI (0000:011) as above; SEV (0000:100) is
 * SendEvent(), an event to every PE of the system, this one included, and
 * SEVL (0000:101) SendEventLocal(): both set this PE's Event Register
 * (the engine models no other PE). ESB (0010:000) is lib/ras.c's (a NOP
 * without FEAT_RAS). With FEAT_PAuth the PAC hints (PACIASP, AUTIASP,
 * PACIA1716, XPACLRI, ...) are performed by pauth_hint (lib/pauth_exec.c).
 * Every other hint is a NOP: NOP, YIELD, and DGH, PSB CSYNC, TSB CSYNC,
 * CSDB, BTI, CLRBHB ... belong to features the model does not implement,
 * whose hint encodings execute as NOP by the architecture (as do
 * unallocated hints, and the PAC hints without FEAT_PAuth). FEAT_BTI's
 * BTI itself has no effect beyond PSTATE.BTYPE checks, which the engine
 * does not model. */
static void exec_hint(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	unsigned crm_op2 = (INSN_CRM(insn) << 3) | INSN_OP2(insn);
	switch (crm_op2) {
	case 2:
		exec_wfx(pe, true, res);
		return;
	case 3:
		exec_wfx(pe, false, res);
		return;
	case 4: /* SEV */
	case 5: /* SEVL */
		event_send_local(pe);
		done(pe, res, EL2_EF_HINT);
		return;
	case 16: /* ESB (0010:000): FEAT_RAS, else a NOP (lib/ras.c) */
		ras_esb(pe);
		done(pe, res, EL2_EF_HINT);
		return;
	default:
		if (pauth_hint(pe, crm_op2, res))
			return;
		done(pe, res, EL2_EF_HINT);
		return;
	}
}

/* "Barriers" table (op0=00, op1=011, CRn=0011, Rt=11111), by op2. */
static void exec_barrier(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	switch (INSN_OP2(insn)) {
	case 2: /* CLREX */
	case 4: /* DSB, incl. SSBB (CRm=0000) and PSSBB (CRm=0100) */
	case 5: /* DMB */
		done(pe, res, EL2_EF_BARRIER);
		return;
	case 6: /* ISB: any CRm (reserved options behave as SY) */
		done(pe, res, EL2_EF_CONTEXT_SYNC);
		return;
	default:
		/* 000 unallocated, 001 DSB nXS (FEAT_XS), 011 TCOMMIT (FEAT_TME),
		 * 111 SB (FEAT_SB): none implemented. */
		exc_undefined(pe, res);
		return;
	}
}

/* op0 = 00 of the System class: hints, barriers, PSTATE; the rest
 * (WFET/WFIT in CRn=0001, TSTART/TTEST with L=1, ...) is UNDEFINED. */
static void exec_op0_zero(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	if (INSN_L(insn) || INSN_RT(insn) != 31) {
		exc_undefined(pe, res);
		return;
	}
	unsigned op1 = INSN_OP1(insn);
	switch (INSN_CRN(insn)) {
	case 2: /* Hints */
		if (op1 == 3)
			exec_hint(pe, insn, res);
		else
			exc_undefined(pe, res);
		return;
	case 3: /* Barriers */
		if (op1 == 3)
			exec_barrier(pe, insn, res);
		else
			exc_undefined(pe, res);
		return;
	case 4: /* PSTATE: CFINV/XAFLAG/AXFLAG (FEAT_FlagM/FlagM2: not
		 * implemented) at op1=000 op2=000/001/010, else MSR (immediate). */
		if (op1 == 0 && INSN_OP2(insn) <= 2)
			exc_undefined(pe, res);
		else
			sysreg_exec_msr_imm(pe, insn, res);
		return;
	default:
		exc_undefined(pe, res);
		return;
	}
}

static void exec_system(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	res->rt = INSN_RT(insn);
	if ((insn >> 22) & 3u) {
		exc_undefined(pe, res);
		return;
	}
	switch (INSN_OP0(insn)) {
	case 0:
		exec_op0_zero(pe, insn, res);
		return;
	case 1: /* "System instructions": SYS (L=0), SYSL (L=1) */
		sysreg_exec_sys(pe, insn, res);
		return;
	default: /* "System register move": MRS (L=1), MSR register (L=0) */
		if (INSN_L(insn))
			sysreg_exec_mrs(pe, insn, res);
		else
			sysreg_exec_msr(pe, insn, res);
		return;
	}
}

bool el2_is_feature_insn(uint32_t insn)
{
	return pauth_is_insn(insn) || sve_is_insn(insn);
}

el2_err el2_exec_feature(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	if (!pe || !res)
		return EL2_ERR_INVALID_ARG;
	exec_result_reset(res, EL2_OUT_NOT_SYSTEM, 31, false);
	if (pauth_is_insn(insn))
		pauth_exec(pe, insn, res);
	else if (sve_is_insn(insn))
		sve_exec(pe, insn, res);
	return EL2_OK;
}

el2_err el2_exec(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	if (!pe || !res)
		return EL2_ERR_INVALID_ARG;
	/* No A64 in AArch32 state: the AArch32 guest is el2_a32_step's. */
	if (pe->s.pstate & EL2_PSR_NRW) {
		exec_result_reset(res, EL2_OUT_NOT_SYSTEM, 31, false);
		return EL2_OK;
	}
	/* Hot path first: MRS / MSR (register) (op0 = 1x of the System class),
	 * whose performers fill the whole result themselves. */
	if ((insn & 0xffd00000u) == 0xd5100000u) {
		if (INSN_L(insn))
			sysreg_exec_mrs(pe, insn, res);
		else
			sysreg_exec_msr(pe, insn, res);
		return EL2_OK;
	}
	exec_result_reset(res, EL2_OUT_NOT_SYSTEM, 31, false);
	switch (insn >> 24) {
	case 0xd4:
		exec_exception_generation(pe, insn, res);
		break;
	case 0xd5:
		exec_system(pe, insn, res);
		break;
	case 0xd6:
		if (IS_ERET_CLASS(insn))
			exec_eret_class(pe, insn, res);
		break;
	default:
		break;
	}
	return EL2_OK;
}
