/* SPDX-License-Identifier: MIT */
/* MSR (immediate): writes of PSTATE fields (C6.2 MSR (immediate), DDI 0487
 * J.a). These encodings (op0 = 0, CRn = 4) are PSTATE field writes, not
 * registers, so they have no table rows: the one table below lists them. */

#include "exc_internal.h"
#include "sysreg_access.h"
#include "sysreg_rules.h"

typedef enum pstate_field {
	FIELD_UAO, FIELD_PAN, FIELD_SP, FIELD_SSBS, FIELD_DIT, FIELD_TCO,
	FIELD_DAIFSET, FIELD_DAIFCLR,
} pstate_field;

/* op1:op2 -> field, the feature it needs and the PSTATE bit(s) it writes.
 * Every other op1:op2 (and CFINV/XAFLAG/AXFLAG, op1 = 0 op2 = 0..2, whose
 * FEAT_FlagM the model lacks) is UNDEFINED. */
static const struct {
	unsigned op1, op2;
	pstate_field field;
	uint32_t feature;
	uint64_t bits;
} fields[] = {
	{0, 3, FIELD_UAO, EL2_FEAT_UAO, EL2_PSR_UAO},
	{0, 4, FIELD_PAN, EL2_FEAT_PAN, EL2_PSR_PAN},
	{0, 5, FIELD_SP, 0, EL2_PSR_SP},
	{3, 1, FIELD_SSBS, EL2_FEAT_SSBS, EL2_PSR_SSBS},
	{3, 2, FIELD_DIT, EL2_FEAT_DIT, EL2_PSR_DIT},
	{3, 4, FIELD_TCO, EL2_FEAT_MTE, EL2_PSR_TCO},
	{3, 6, FIELD_DAIFSET, 0, EL2_PSR_DAIF},
	{3, 7, FIELD_DAIFCLR, 0, EL2_PSR_DAIF},
};

/* Decode: "case op1 of when '00x' min_EL = EL1; ... when '011' min_EL =
 * EL0" (the other op1 values have no field in the table above). */
static unsigned min_el_of(unsigned op1)
{
	return op1 == 3 ? 0 : 1;
}

/* aarch64/functions/system/AArch64.CheckDAIFAccess: EL0 writes of DAIF
 * need SCTLR_EL1.UMA (SCTLR_EL2.UMA in host); the trap goes to EL1, or
 * EL2 when HCR_EL2.TGE = 1 or in host. Returns 0 or the trap's EL. */
static unsigned daif_trap_el(const el2_pe *pe)
{
	if (pe_el(pe) != 0)
		return 0;
	bool host = el_is_in_host(pe, 0);
	uint64_t sctlr = host ? SR(pe, SCTLR_EL2) : SR(pe, SCTLR_EL1);
	if (sctlr & EL2_SCTLR_UMA)
		return 0;
	return host || (hcr(pe) & EL2_HCR_TGE) ? 2 : 1;
}

void sysreg_exec_msr_imm(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	exec_result_reset(res, EL2_OUT_DONE, 31, true);

	unsigned op1 = (insn >> 16) & 7u, op2 = (insn >> 5) & 7u;
	uint64_t crm = (insn >> 8) & 15u;
	size_t i = 0, n = sizeof(fields) / sizeof(fields[0]);
	while (i < n && !(fields[i].op1 == op1 && fields[i].op2 == op2))
		i++;
	/* Decode: unallocated or feature absent -> UNDEFINED; then
	 * "if UInt(PSTATE.EL) < UInt(min_EL) then UNDEFINED". */
	if (i == n || (fields[i].feature && !have_feat(pe, (el2_feature)fields[i].feature)) ||
	    pe_el(pe) < min_el_of(op1)) {
		exc_undefined(pe, res);
		return;
	}

	uint64_t bits = fields[i].bits;
	uint64_t ps = pe->s.pstate;
	switch (fields[i].field) {
	case FIELD_DAIFSET:
	case FIELD_DAIFCLR: {
		unsigned el = daif_trap_el(pe);
		if (el) {
			exc_sysreg_trap(pe, el, insn, res);
			return;
		}
		/* CRm<3:0> = D:A:I:F, the order of PSTATE bits [9:6]. */
		uint64_t m = crm << 6;
		ps = fields[i].field == FIELD_DAIFSET ? ps | m : ps & ~m;
		res->flags |= EL2_EF_INTERRUPTS;
		break;
	}
	default:
		/* 1-bit fields take CRm<0>. */
		ps = (crm & 1) ? ps | bits : ps & ~bits;
		if (fields[i].field == FIELD_SP)
			res->flags |= EL2_EF_SP_CHANGED;
		break;
	}
	pe->s.pstate = ps;
	res->value = crm;
	pe->s.pc += 4;
}
