/* SPDX-License-Identifier: MIT */
/* Synchronous exceptions raised by the access rules and the executor, each
 * taken for the instruction at PC (preferred return = PC) and reported in
 * an el2_exec_result (Arm ARM DDI 0487 J.a, aarch64/exceptions/traps). */
#include "exc_internal.h"

bool el1_target_goes_to_el2(const el2_pe *pe, unsigned target_el)
{
	return target_el == 1 && el2_enabled(pe) && (SR(pe, HCR_EL2) & EL2_HCR_TGE);
}

/* Any exception record, reported in res. A target the caller got wrong
 * (lower than the current EL, or not implemented) cannot be taken: the
 * exception then goes where el2_sync_target_el routes its type, so the PE
 * never continues as if nothing happened. */
void exc_take(el2_pe *pe, unsigned target_el, const el2_exception *e, uint64_t preferred_return,
	      unsigned vect_offset, el2_exec_result *res)
{
	el2_exc_outcome o = {0};
	if (el2_take_exception(pe, target_el, e, preferred_return, vect_offset, &o) != EL2_OK)
		(void)el2_take_exception(pe, el2_sync_target_el(pe, e->type, false), e,
					 preferred_return, vect_offset, &o);
	res->outcome = EL2_OUT_EXCEPTION;
	res->exc = o;
	res->exc_type = e->type;
	res->flags |= EL2_EF_CONTEXT_SYNC | EL2_EF_SP_CHANGED;
}

/* aarch64/exceptions/traps/AArch64.UndefinedFault: EC 0x00, ISS 0; to the
 * current EL above EL1, to EL2 from EL0 with HCR_EL2.TGE = 1, else EL1. */
void exc_undefined(el2_pe *pe, el2_exec_result *res)
{
	el2_exception e = {.type = EL2_EXC_UNCATEGORIZED};
	exc_take(pe, el2_sync_target_el(pe, e.type, false), &e, pe->s.pc, 0x0, res);
}

/* aarch64/exceptions/traps/AArch64.SystemAccessTrap(target_el, 0x18) with
 * AArch64.SystemAccessTrapSyndrome: the ISS fields are copied from the
 * instruction word (Op0 = insn[20:19], Op2 = [7:5], Op1 = [18:16], CRn =
 * [15:12], Rt = [4:0], CRm = [11:8], Direction = L = [21]). This also gives
 * the pseudocode's syndrome for a trapped MSR (immediate): Op0 = 0b00,
 * CRn = 0b0100, CRm = the immediate, Rt = 0b11111, Direction = 0. A trap to
 * EL1 while HCR_EL2.TGE = 1 goes to EL2, as the accessors' pseudocode
 * routes it. */
void exc_sysreg_trap(el2_pe *pe, unsigned target_el, uint32_t insn, el2_exec_result *res)
{
	if (el1_target_goes_to_el2(pe, target_el))
		target_el = 2;
	el2_exception e = {
		.type = EL2_EXC_SYSREG_TRAP,
		.iss = el2_iss_sysreg(EL2_SYS_ENC_FROM_INSN(insn), insn & 31u, (insn >> 21) & 1u),
	};
	exc_take(pe, target_el, &e, pe->s.pc, 0x0, res);
}

/* aarch64/exceptions/traps/AArch64.AdvSIMDFPAccessTrap: EC 0x07 with the
 * ConditionSyndrome; a trap to EL1 with EL2 enabled and HCR_EL2.TGE = 1 is
 * taken to EL2 as an Uncategorized exception (EC 0x00). */
void exc_fp_trap(el2_pe *pe, unsigned target_el, el2_exec_result *res)
{
	el2_exception e = {.type = EL2_EXC_FP_TRAP, .iss = el2_iss_fp()};
	if (el1_target_goes_to_el2(pe, target_el)) {
		target_el = 2;
		e = (el2_exception){.type = EL2_EXC_UNCATEGORIZED};
	}
	exc_take(pe, target_el, &e, pe->s.pc, 0x0, res);
}

/* aarch64/exceptions/traps/AArch64.SVEAccessTrap: EC 0x19, ISS 0; a trap
 * to EL1 with EL2 enabled and HCR_EL2.TGE = 1 is taken to EL2 with the same
 * syndrome ("route_to_el2"), unlike the FP trap. SystemAccessTrap(el,
 * 0x19) of the ZCR_ELx accessors gives the same record. */
void exc_sve_trap(el2_pe *pe, unsigned target_el, el2_exec_result *res)
{
	if (el1_target_goes_to_el2(pe, target_el))
		target_el = 2;
	el2_exception e = {.type = EL2_EXC_SVE_TRAP};
	exc_take(pe, target_el, &e, pe->s.pc, 0x0, res);
}

/* aarch64/exceptions/traps/AArch64.WFxTrap: EC 0x01, ISS CV = 1, COND =
 * 0b1110, TI; a trap to EL1 with EL2 enabled and HCR_EL2.TGE = 1 goes to
 * EL2. */
void exc_wfx_trap(el2_pe *pe, unsigned target_el, unsigned ti, el2_exec_result *res)
{
	if (el1_target_goes_to_el2(pe, target_el))
		target_el = 2;
	el2_exception e = {.type = EL2_EXC_WFX_TRAP, .iss = el2_iss_wfx(ti)};
	exc_take(pe, target_el, &e, pe->s.pc, 0x0, res);
}
