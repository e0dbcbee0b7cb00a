/* SPDX-License-Identifier: MIT */
/* FEAT_PMUv3: the accessors of the Performance Monitors registers and their
 * value paths (lib/pmu.c). Internal to lib/. */
#ifndef EL2SIM_PMU_H
#define EL2SIM_PMU_H

#include "sysreg_index.h"
#include "sysreg_rules.h"

/* Is id one of the PMU rows (feature column EL2_FEAT_PMU)? Asked at every
 * MRS and MSR: inline. */
static inline bool pmu_row(el2_sysreg id)
{
	return (unsigned)id < EL2_SR_COUNT && sr_row(id)->feature == EL2_FEAT_PMU;
}

/* Does the row exist with cfg (PMEVCNTR<n>/PMEVTYPER<n> need n < N)? */
bool pmu_row_exists(const el2_config *cfg, el2_sysreg id);

/* The checks of the row's accessor after direction and lowest EL
 * (sysreg_check): counter range, PMUSERENR_EL0 at EL0, MDCR_EL2.TPM/TPMCR,
 * PMSELR_EL0.SEL of the indirect rows. */
access_verdict pmu_check(const el2_pe *pe, el2_sysreg id, bool is_write);

/* MRS / MSR of a PMU row from the current state (arch = true: EL0/EL1 see
 * HPMN), or the debugger's view of all N counters (arch = false). val has
 * the row's RES0/RES1 applied already. */
uint64_t pmu_read(const el2_pe *pe, el2_sysreg id, bool arch);
void pmu_write(el2_pe *pe, el2_sysreg id, uint64_t val, bool arch);

/* Warm reset of what the table's reset column cannot say:
 * MDCR_EL2.HPMN = PMCR_EL0.N. */
void pmu_reset(el2_pe *pe);

#endif
