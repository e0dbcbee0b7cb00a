/* SPDX-License-Identifier: MIT */
/* The PMU registers (FEAT_PMUv3, lib/pmu.c) a guest stub may write when
 * MDCR_EL2.TPM/TPMCR/HPMN let it (docs/check.md, "The guest stub"), and
 * the values they keep exactly: a world switch that does not switch one
 * is caught like any other register the guest changes. */
#include "check_internal.h"
#include "el2sim/bits.h"

#define PMCR_STORED 0x79ull /* E, D, X, DP, LC: never P or C (they zero counters, read 0) */

static unsigned counters(const chk_checker *ck)
{
	return ck->cfg.pmu_counters > 31 ? 31 : ck->cfg.pmu_counters;
}

el2_sysreg chk_pmu_clear_row(unsigned sr)
{
	switch (sr) {
	case EL2_SR_PMCNTENSET_EL0: return EL2_SR_PMCNTENCLR_EL0;
	case EL2_SR_PMINTENSET_EL1: return EL2_SR_PMINTENCLR_EL1;
	case EL2_SR_PMOVSSET_EL0: return EL2_SR_PMOVSCLR_EL0;
	default: return EL2_SR_NONE;
	}
}

/* Rows the guest stub may write (the CLR halves, PMSWINC, the indirect
 * PMXEV* and the read-only rows never: they alias or keep nothing). */
bool chk_pmu_candidate(const chk_checker *ck, unsigned sr)
{
	if (!(ck->cfg.features & EL2_FEAT_PMU))
		return false;
	if (sr >= EL2_SR_PMEVCNTR0_EL0 && sr <= EL2_SR_PMEVCNTR30_EL0)
		return sr - EL2_SR_PMEVCNTR0_EL0 < counters(ck);
	if (sr >= EL2_SR_PMEVTYPER0_EL0 && sr <= EL2_SR_PMEVTYPER30_EL0)
		return sr - EL2_SR_PMEVTYPER0_EL0 < counters(ck);
	return sr == EL2_SR_PMUSERENR_EL0 || sr == EL2_SR_PMSELR_EL0 ||
	       sr == EL2_SR_PMCCFILTR_EL0 || sr == EL2_SR_PMCCNTR_EL0 || sr == EL2_SR_PMCR_EL0 ||
	       chk_pmu_clear_row(sr) != EL2_SR_NONE;
}

/* The value reg keeps when v is written at EL2 (the set/clear pairs after
 * clearing every bit first): RES0 cleared, PMCR_EL0.P/C never, PMSELR_EL0.SEL
 * below N (a SEL beyond would make PMXEV* UNDEFINED), the pairs' bits for
 * the N counters and C. False if reg is no PMU row. */
bool chk_pmu_shape(const chk_checker *ck, el2_reg reg, uint64_t v, uint64_t *out)
{
	if (!EL2_REG_IS_SYSREG(reg))
		return false;
	unsigned sr = reg - EL2_REG_SYSREG_BASE;
	const el2_sysreg_info *info = el2_sysreg_get((el2_sysreg)sr);
	if (info->feature != EL2_FEAT_PMU)
		return false;
	unsigned n = counters(ck);
	if (sr == EL2_SR_PMCR_EL0) {
		/* plus what it reads as: N and IMP, read-only (not a set/clear
		 * pair: the scratch PE's copy is simply replaced) */
		*out = v & PMCR_STORED;
		if (el2_reg_write(ck->scratch, reg, *out) == EL2_OK)
			el2_reg_read(ck->scratch, reg, out);
	}
	else if (sr == EL2_SR_PMSELR_EL0)
		*out = n ? (v & 0x1f) % n : 0;
	else if (chk_pmu_clear_row(sr) != EL2_SR_NONE)
		*out = v & ((EL2_BIT(n) - 1) | EL2_BIT(31));
	else
		*out = v & ~info->res0;
	return true;
}

/* Under MDCR_EL2.HPMN < N the pairs' bits for counters HPMN..N-1 are RAZ/WI
 * to the guest but read at EL2: the value EL2 saves is not the one the
 * guest wrote, so the stub leaves the pairs alone. */
void chk_pmu_probe_fixup(const chk_checker *ck, el2_pe *pe, chk_guestcfg *g)
{
	uint64_t mdcr = 0;
	if (!(ck->cfg.features & EL2_FEAT_PMU))
		return;
	el2_reg_read(pe, EL2_SYSREG(MDCR_EL2), &mdcr);
	if ((mdcr & EL2_MDCR_HPMN_MASK) >= counters(ck))
		return;
	g->w[EL2_SR_PMCNTENSET_EL0] = g->w[EL2_SR_PMINTENSET_EL1] = g->w[EL2_SR_PMOVSSET_EL0] = 0;
}
