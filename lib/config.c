/* SPDX-License-Identifier: MIT */
#include "el2sim/config.h"

el2_config el2_config_default(void)
{
	return (el2_config){
		.features = EL2_FEAT_VHE | EL2_FEAT_PAN | EL2_FEAT_PAN2 | EL2_FEAT_UAO |
			    EL2_FEAT_SSBS | EL2_FEAT_DIT | EL2_FEAT_RAS | EL2_FEAT_PMU |
			    EL2_FEAT_AA32EL0,
		.have_el2 = true,
		.have_el3 = false,
		.unknown_sysreg_raz_wi = false,
		.midr = 0x413fd0c1,   /* Arm Neoverse N1 r3p1 */
		.mpidr = 0x80000000,  /* bit 31 RES1; Aff0 = 0 */
		.pmu_counters = 6,    /* Neoverse N1: six event counters */
	};
}
