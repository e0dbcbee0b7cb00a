/* SPDX-License-Identifier: MIT */
/* Register bits that exist only with a feature (Arm ARM DDI 0487 J.a, D19
 * field descriptions: "When FEAT_xxx is implemented ... Otherwise: RES0").
 * sysreg.def keeps in RES0 only what is RES0 in every configuration; these
 * are added per configuration on every write and at reset. */
#include "sysreg_rules.h"

/* SCTLR_EL1/SCTLR_EL2: EnIA 31, EnIB 30, EnDA 27, EnDB 13 (FEAT_PAuth). */
#define PAUTH_ENABLES (EL2_SCTLR_ENIA | EL2_SCTLR_ENIB | EL2_SCTLR_ENDA | EL2_SCTLR_ENDB)

uint64_t sysreg_feature_res0(const el2_config *cfg, el2_sysreg id)
{
	uint32_t f = cfg->features;
	bool pauth = f & EL2_FEAT_PAUTH, mte = f & EL2_FEAT_MTE, sve = f & EL2_FEAT_SVE;
	switch (id) {
	case EL2_SR_SCTLR_EL1:
	case EL2_SR_SCTLR_EL2:
		/* ATA 43, ATA0 42, TCF 41:40, TCF0 39:38, ITFSB 37 (FEAT_MTE2) */
		return (pauth ? 0 : PAUTH_ENABLES) | (mte ? 0 : EL2_SCTLR_MTE_FIELDS);
	case EL2_SR_HCR_EL2:
		return (pauth ? 0 : EL2_HCR_API | EL2_HCR_APK) | (mte ? 0 : EL2_HCR_ATA);
	case EL2_SR_CPACR_EL1:
	case EL2_SR_CPTR_EL2: /* ZEN 17:16 (E2H = 1 layout; RES0 with E2H = 0 too) */
		return sve ? 0 : EL2_CPACR_ZEN;
	default:
		return 0;
	}
}
