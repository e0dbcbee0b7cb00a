/* SPDX-License-Identifier: MIT */
/* FEAT_PMUv3 (PMUv3p1, as on Neoverse N1): the registers a world switch
 * saves, restores and traps, following the accessor pseudocode of each
 * register in Arm ARM DDI 0487 J.a, D19.4 "Performance Monitors registers"
 * (the "Accessing <register>" sections) and the MDCR_EL2 description
 * (HPMN, TPM, TPMCR). Counters hold what is written and do not count:
 * no events, no overflow, no interrupt (docs/semantics.md). */
#include "pmu.h"

#include "sysreg_access.h"

#define CYCLE_BIT EL2_BIT(31) /* C: PMCCNTR_EL0 in the counter bit masks */
#define PMCR_STORED 0x79ull   /* E 0, D 3, X 4, DP 5, LC 6 */
#define SEL_MASK 0x1fu

/* PMEVCNTR<n>_EL0 (op0 3, op1 3, CRn 14, CRm 0b10:n[4:3], op2 n[2:0]) and
 * PMEVTYPER<n>_EL0 (CRm 0b11:n[4:3]; n = 31 is PMCCFILTR_EL0): n, or -1. */
static int evcntr_index(el2_sysreg id)
{
	uint32_t enc = sr_row(id)->enc;
	if (EL2_SYS_OP1(enc) != 3 || EL2_SYS_CRN(enc) != 14 || (EL2_SYS_CRM(enc) & 0xc) != 0x8)
		return -1;
	return (int)(((EL2_SYS_CRM(enc) & 3u) << 3) | EL2_SYS_OP2(enc));
}

static int evtyper_index(el2_sysreg id)
{
	uint32_t enc = sr_row(id)->enc;
	if (id == EL2_SR_PMCCFILTR_EL0 || EL2_SYS_OP1(enc) != 3 || EL2_SYS_CRN(enc) != 14 ||
	    (EL2_SYS_CRM(enc) & 0xc) != 0xc)
		return -1;
	return (int)(((EL2_SYS_CRM(enc) & 3u) << 3) | EL2_SYS_OP2(enc));
}

static unsigned num_counters(const el2_config *cfg)
{
	return cfg->pmu_counters > 31 ? 31 : cfg->pmu_counters;
}

bool pmu_row_exists(const el2_config *cfg, el2_sysreg id)
{
	int n = evcntr_index(id);
	if (n < 0)
		n = evtyper_index(id);
	return n < 0 || (unsigned)n < num_counters(cfg);
}

/* Does MDCR_EL2.HPMN limit this access? EL0 and EL1 with EL2 enabled
 * (MDCR_EL2.HPMN: "counters [N-1:HPMN] are accessible only at EL2"). */
static bool hpmn_applies(const el2_pe *pe, bool arch)
{
	return arch && pe_el(pe) <= 1 && el2_enabled(pe);
}

/* GetNumEventCountersAccessible(): HPMN at EL0/EL1 with EL2
 * enabled, else N. HPMN > N is CONSTRAINED UNPREDICTABLE: the model
 * uses N. HPMN = 0 (without FEAT_HPMN0 also CONSTRAINED UNPREDICTABLE):
 * no counter, the FEAT_HPMN0 behaviour. */
static unsigned accessible(const el2_pe *pe, bool arch)
{
	unsigned n = num_counters(&pe->cfg);
	if (!hpmn_applies(pe, arch))
		return n;
	unsigned hpmn = (unsigned)(SR(pe, MDCR_EL2) & EL2_MDCR_HPMN_MASK);
	return hpmn < n ? hpmn : n;
}

/* The bits of PMCNTEN*, PMINTEN*, PMOVS* that an access sees: P<n> for the
 * accessible counters and C; the others are RAZ/WI (each register's P<m>
 * field: "bits [30:HPMN] are RAZ/WI from EL0 and EL1", and RAZ/WI for
 * m >= N). */
static uint64_t visible(const el2_pe *pe, bool arch)
{
	return (EL2_BIT(accessible(pe, arch)) - 1) | CYCLE_BIT;
}

/* The EL0 enables of PMUSERENR_EL0 (D19.4 PMUSERENR_EL0): EN allows
 * everything; SW writes of PMSWINC_EL0; CR reads of PMCCNTR_EL0; ER reads
 * of PMXEVCNTR_EL0 and PMEVCNTR<n>_EL0 and any PMSELR_EL0 access.
 * PMUSERENR_EL0 itself is always readable at EL0. */
static bool el0_enabled(const el2_pe *pe, el2_sysreg id, bool is_write)
{
	uint64_t u = SR(pe, PMUSERENR_EL0);
	if ((u & EL2_PMUSERENR_EN) || id == EL2_SR_PMUSERENR_EL0)
		return true;
	if (id == EL2_SR_PMSWINC_EL0)
		return (u & EL2_PMUSERENR_SW) != 0;
	if (id == EL2_SR_PMSELR_EL0)
		return (u & EL2_PMUSERENR_ER) != 0;
	if (is_write)
		return false;
	if (id == EL2_SR_PMCCNTR_EL0)
		return (u & EL2_PMUSERENR_CR) != 0;
	if (id == EL2_SR_PMXEVCNTR_EL0 || evcntr_index(id) >= 0)
		return (u & EL2_PMUSERENR_ER) != 0;
	return false;
}

static access_verdict verdict(access_kind k, unsigned el)
{
	return (access_verdict){k, el};
}

/* PMXEVCNTR/PMXEVTYPER_EL0 with PMSELR_EL0.SEL at or beyond n counters. */
static bool sel_out_of_range(const el2_pe *pe, el2_sysreg id, unsigned n)
{
	unsigned sel = (unsigned)(SR(pe, PMSELR_EL0) & SEL_MASK);
	if (id == EL2_SR_PMXEVCNTR_EL0)
		return sel >= n;
	return id == EL2_SR_PMXEVTYPER_EL0 && sel != 31 && sel >= n;
}

/* The accessors in the order they test them (PMEVCNTR<n>_EL0 shown, from
 * "Accessing PMEVCNTR<n>_EL0"; the other registers lack the first and the
 * last step):
 *   m >= GetNumEventCountersSelfHosted() (N): UNDEFINED (the row does not
 *       exist: pmu_row_exists)
 *   EL0: PMUSERENR_EL0.<enables> == 0
 *       -> AArch64.SystemAccessTrap(EL2Enabled() && HCR_EL2.TGE ? EL2 : EL1, 0x18)
 *   EL0/EL1: EL2Enabled() && MDCR_EL2.TPM == 1 -> SystemAccessTrap(EL2, 0x18)
 *   PMCR_EL0: EL2Enabled() && MDCR_EL2.TPMCR == 1 -> SystemAccessTrap(EL2, 0x18)
 *   EL0/EL1: EL2Enabled() && m >= GetNumEventCountersAccessible()
 *       -> ConstrainUnpredictableProcedure(Unpredictable_PMUEVENTCOUNTER)
 *   else the access.
 * PMXEVCNTR_EL0 and PMXEVTYPER_EL0 test PMSELR_EL0.SEL in the same two
 * places: SEL >= N first (SEL = 31 is PMCCFILTR_EL0 for PMXEVTYPER_EL0,
 * and always out of range for PMXEVCNTR_EL0), SEL >= HPMN after the traps.
 * Out of range is CONSTRAINED UNPREDICTABLE without FEAT_FGT: the model
 * takes the UNDEFINED choice for every one of these (with FEAT_FGT the
 * architecture traps the HPMN cases to EL2: not modelled). At EL2 (no
 * EL3) nothing traps. Callers have already made MSR of a read-only row,
 * MRS of PMSWINC_EL0, MSR PMUSERENR_EL0 at EL0 and PMINTEN*_EL1 at EL0
 * UNDEFINED (sysreg_checks.c undefined_here). */
access_verdict pmu_check(const el2_pe *pe, el2_sysreg id, bool is_write)
{
	unsigned el = pe_el(pe);
	if (sel_out_of_range(pe, id, num_counters(&pe->cfg)))
		return verdict(ACCESS_UNDEFINED, 0);
	bool e2 = el2_enabled(pe) && el < 2;
	if (el == 0 && !el0_enabled(pe, id, is_write))
		return verdict(ACCESS_SYSTEM_TRAP, e2 && (SR(pe, HCR_EL2) & EL2_HCR_TGE) ? 2 : 1);
	uint64_t mdcr = SR(pe, MDCR_EL2);
	if (e2 && (mdcr & EL2_MDCR_TPM))
		return verdict(ACCESS_SYSTEM_TRAP, 2);
	if (e2 && id == EL2_SR_PMCR_EL0 && (mdcr & EL2_MDCR_TPMCR))
		return verdict(ACCESS_SYSTEM_TRAP, 2);
	unsigned acc = accessible(pe, true);
	int n = evcntr_index(id);
	if (n < 0)
		n = evtyper_index(id);
	if ((n >= 0 && (unsigned)n >= acc) || sel_out_of_range(pe, id, acc))
		return verdict(ACCESS_UNDEFINED, 0);
	return verdict(ACCESS_OK, 0);
}

/* The row PMXEVTYPER_EL0 / PMXEVCNTR_EL0 reach through PMSELR_EL0.SEL, or
 * EL2_SR_NONE (a counter that does not exist: debugger view only). */
static el2_sysreg selected(const el2_pe *pe, el2_sysreg id)
{
	unsigned sel = (unsigned)(SR(pe, PMSELR_EL0) & SEL_MASK);
	if (id == EL2_SR_PMXEVTYPER_EL0 && sel == 31)
		return EL2_SR_PMCCFILTR_EL0;
	if (sel >= num_counters(&pe->cfg))
		return EL2_SR_NONE;
	return (el2_sysreg)((id == EL2_SR_PMXEVTYPER_EL0 ? EL2_SR_PMEVTYPER0_EL0
							   : EL2_SR_PMEVCNTR0_EL0) + sel);
}

/* The slot a set/clear pair shares (the SET row's), or EL2_SR_NONE. */
static el2_sysreg pair_slot(el2_sysreg id, bool *is_clear)
{
	*is_clear = false;
	switch (id) {
	case EL2_SR_PMCNTENCLR_EL0: *is_clear = true; /* fall through */
	case EL2_SR_PMCNTENSET_EL0: return EL2_SR_PMCNTENSET_EL0;
	case EL2_SR_PMINTENCLR_EL1: *is_clear = true; /* fall through */
	case EL2_SR_PMINTENSET_EL1: return EL2_SR_PMINTENSET_EL1;
	case EL2_SR_PMOVSCLR_EL0: *is_clear = true; /* fall through */
	case EL2_SR_PMOVSSET_EL0: return EL2_SR_PMOVSSET_EL0;
	default: return EL2_SR_NONE;
	}
}

/* PMCR_EL0.N: "reads from EL1 and EL0 return MDCR_EL2.HPMN" when EL2 is
 * enabled; IMP [31:24] is the implementer code of MIDR_EL1; IDCODE 0. */
static uint64_t pmcr_read(const el2_pe *pe, bool arch)
{
	uint64_t n = hpmn_applies(pe, arch) ? (SR(pe, MDCR_EL2) & EL2_MDCR_HPMN_MASK)
					    : num_counters(&pe->cfg);
	uint64_t imp = (pe->cfg.midr >> 24) & 0xff;
	return (SR(pe, PMCR_EL0) & PMCR_STORED) | (n << EL2_PMCR_N_SHIFT) |
	       (imp << EL2_PMCR_IMP_SHIFT);
}

/* PMCR_EL0.P = 1 zeroes the event counters (at EL0/EL1 with EL2 enabled,
 * not those reserved for EL2, n >= HPMN); C = 1 zeroes PMCCNTR_EL0. Both
 * read as 0. */
static void pmcr_write(el2_pe *pe, uint64_t val, bool arch)
{
	SR(pe, PMCR_EL0) = val & PMCR_STORED;
	if (!arch)
		return;
	if (val & EL2_PMCR_P) {
		unsigned acc = accessible(pe, true);
		for (unsigned i = 0; i < acc; i++)
			pe->s.sr[EL2_SR_PMEVCNTR0_EL0 + i] = 0;
	}
	if (val & EL2_PMCR_C)
		SR(pe, PMCCNTR_EL0) = 0;
}

uint64_t pmu_read(const el2_pe *pe, el2_sysreg id, bool arch)
{
	bool clear;
	el2_sysreg slot = pair_slot(id, &clear);
	if (slot != EL2_SR_NONE)
		return pe->s.sr[slot] & visible(pe, arch);
	switch (id) {
	case EL2_SR_PMCR_EL0:
		return pmcr_read(pe, arch);
	case EL2_SR_PMSWINC_EL0:
		return 0;
	case EL2_SR_PMCEID0_EL0:
	case EL2_SR_PMCEID1_EL0:
		return sysreg_id_value(&pe->cfg, id);
	case EL2_SR_PMXEVTYPER_EL0:
	case EL2_SR_PMXEVCNTR_EL0:
		slot = selected(pe, id);
		return slot == EL2_SR_NONE ? 0 : pe->s.sr[slot];
	default:
		return pe->s.sr[id];
	}
}

void pmu_write(el2_pe *pe, el2_sysreg id, uint64_t val, bool arch)
{
	bool clear;
	el2_sysreg slot = pair_slot(id, &clear);
	if (slot != EL2_SR_NONE) {
		/* Set/clear pairs: writing 1 sets (clears) the bit, 0 leaves it. */
		uint64_t m = val & visible(pe, arch);
		pe->s.sr[slot] = clear ? pe->s.sr[slot] & ~m : pe->s.sr[slot] | m;
		return;
	}
	switch (id) {
	case EL2_SR_PMCR_EL0:
		pmcr_write(pe, val, arch);
		return;
	case EL2_SR_PMSWINC_EL0: /* counters do not count: no increment */
	case EL2_SR_PMCEID0_EL0:
	case EL2_SR_PMCEID1_EL0:
		return;
	case EL2_SR_PMXEVTYPER_EL0:
	case EL2_SR_PMXEVCNTR_EL0:
		slot = selected(pe, id);
		if (slot != EL2_SR_NONE)
			pe->s.sr[slot] = sysreg_masked(pe, slot, val);
		return;
	default:
		pe->s.sr[id] = val;
		return;
	}
}

void pmu_reset(el2_pe *pe)
{
	if (have_feat(pe, EL2_FEAT_PMU))
		SR(pe, MDCR_EL2) = (SR(pe, MDCR_EL2) & ~EL2_MDCR_HPMN_MASK) |
				   num_counters(&pe->cfg);
}
