/* SPDX-License-Identifier: MIT */
/* Exception helpers shared by the executor and the access rules. Each takes
 * the exception for the instruction at the PE's PC and fills res
 * (outcome EXCEPTION, exc, exc_type, flags). Internal to lib/. */
#ifndef EL2SIM_EXC_INTERNAL_H
#define EL2SIM_EXC_INTERNAL_H

#include "pe_internal.h"

/* Every field of an el2_exec_result to its "nothing happened" value.
 * Field by field: a whole-struct compound literal compiles to a `rep stos`
 * that costs more than the decode itself. */
static inline void exec_result_reset(el2_exec_result *res, el2_outcome outcome, unsigned rt,
				     bool is_write)
{
	res->outcome = outcome;
	res->flags = 0;
	res->reg = EL2_REG_NONE;
	res->reg_encoded = EL2_REG_NONE;
	res->is_write = is_write;
	res->value = 0;
	res->rt = rt;
	res->exc = (el2_exc_outcome){0};
	res->exc_type = EL2_EXC_UNCATEGORIZED;
	res->at_op = EL2_AT_S1E1R;
	res->at_va = 0;
}

/* The instruction completes writing v to X[d] (XZR discards it): res
 * says so and PC moves on. */
static inline void exec_done_x(el2_pe *pe, unsigned d, uint64_t v, el2_exec_result *res)
{
	res->rt = d;
	if (d != 31) {
		pe->s.x[d] = v;
		res->flags |= EL2_EF_GPR_WRITTEN;
	}
	res->value = v;
	res->outcome = EL2_OUT_DONE;
	pe->s.pc += 4;
}

/* take_exception.c: S1TranslationRegime(el) (shared/functions/system). */
unsigned exc_s1_regime(const el2_pe *pe, unsigned el);
/* aarch64/translation/vmsa_addrcalc/EffectiveTBI(address, IsInstr, el):
 * the top byte is ignored, TCR TBIn unless (FEAT_PAuth) TBIDn for an
 * instruction address. */
bool exc_effective_tbi(const el2_pe *pe, uint64_t va, bool is_instr, unsigned el);
/* aarch64/functions/branch/AArch64.BranchAddr(vaddress, el). */
uint64_t exc_branch_addr(const el2_pe *pe, uint64_t va, unsigned el);

/* aarch64/exceptions/traps/AArch64.UndefinedFault */
void exc_undefined(el2_pe *pe, el2_exec_result *res);
/* aarch64/exceptions/traps/AArch64.SystemAccessTrap, EC 0x18, ISS from insn */
void exc_sysreg_trap(el2_pe *pe, unsigned target_el, uint32_t insn, el2_exec_result *res);
/* aarch64/exceptions/traps/AArch64.AdvSIMDFPAccessTrap */
void exc_fp_trap(el2_pe *pe, unsigned target_el, el2_exec_result *res);
/* aarch64/exceptions/traps/AArch64.SVEAccessTrap (also SystemAccessTrap(el,
 * 0x19)): EC 0x19, ISS 0 */
void exc_sve_trap(el2_pe *pe, unsigned target_el, el2_exec_result *res);
/* aarch64/exceptions/traps/AArch64.WFxTrap (ti: 0 WFI, 1 WFE) */
void exc_wfx_trap(el2_pe *pe, unsigned target_el, unsigned ti, el2_exec_result *res);
/* Any exception record, with the outcome copied into res. */
void exc_take(el2_pe *pe, unsigned target_el, const el2_exception *e,
	      uint64_t preferred_return, unsigned vect_offset, el2_exec_result *res);

/* traps.c: an exception to EL1 while HCR_EL2.TGE = 1 (EL2 enabled) goes
 * to EL2 instead (the AArch64.*Trap / *Fault routing). */
bool el1_target_goes_to_el2(const el2_pe *pe, unsigned target_el);

#endif
