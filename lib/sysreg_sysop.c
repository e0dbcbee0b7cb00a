/* SPDX-License-Identifier: MIT */
/* SYS / SYSL (C6.2 SYS, SYSL; the system instructions of C5.3: AT, TLBI,
 * DC, IC) against the SYSOP rows of the table. The model has no caches or
 * TLBs: maintenance is reported to the engine through result flags, AT
 * asks the engine for a translation (EL2_OUT_NEED_AT). */

#include "exc_internal.h"
#include "sysreg_access.h"
#include "sysreg_rules.h"

/* Performs an operation that passed its checks; what it does comes from
 * the row's precomputed effect (sysreg_effects.c). */
static void perform(el2_pe *pe, el2_sysreg id, el2_exec_result *res)
{
	uint32_t e = sysreg_effects[id];
	if (e & SRE_AT) {
		res->outcome = EL2_OUT_NEED_AT;
		res->at_op = SRE_AT_OP(e);
		res->at_va = res->value;
		pe->at_pending = true;
		pe->at_op = res->at_op;
	} else if (e & SRE_TLBI) {
		res->flags |= EL2_EF_TLBI;
	} else if (e & SRE_IC) {
		res->flags |= EL2_EF_IC_INVAL;
	} else if (e & SRE_DC_ZVA) {
		/* AArch64.MemZero: the block of DCZID_EL0.BS containing X[t]. */
		uint64_t bytes = el2_dczva_bytes(pe);
		res->value &= ~(bytes - 1);
		res->flags |= EL2_EF_DC_ZVA;
	} else if (e & SRE_DC) {
		res->flags |= EL2_EF_DC;
	}
	pe->s.pc += 4;
}

void sysreg_exec_sys(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	/* SYS (L = 0) writes X[t] to the operation; SYSL (L = 1) reads. */
	bool is_sysl = (insn >> 21) & 1u;
	exec_result_reset(res, EL2_OUT_DONE, insn & 31u, !is_sysl);

	el2_sysreg id = sr_lookup(EL2_SYS_ENC_FROM_INSN(insn));
	const el2_sysreg_info *ri = id == EL2_SR_NONE ? NULL : sr_row(id);
	if (!ri || ri->kind != EL2_SRK_SYSOP || !sysreg_implemented(pe, id)) {
		exc_undefined(pe, res); /* unallocated SYS/SYSL encoding */
		return;
	}
	res->reg_encoded = EL2_REG_SYSREG_BASE + id;
	access_verdict v = sysreg_check(pe, id, res->is_write);
	if (v.kind != ACCESS_OK) {
		sysreg_raise(pe, v, insn, res);
		return;
	}
	res->reg = EL2_REG_SYSREG_BASE + id;
	res->value = x_read(pe, res->rt);
	perform(pe, id, res);
}
