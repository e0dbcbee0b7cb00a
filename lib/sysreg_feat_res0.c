/* SPDX-License-Identifier: MIT */
/* Bits that are RES0 only when a configurable feature is absent: the RES0
 * column of sysreg.def holds what is RES0 in every configuration; a field
 * of an optional feature is RES0 "when <feature> is not implemented"
 * (the field descriptions of D19, DDI 0487 J.a). sysreg_masked applies
 * them on every write (MSR, el2_reg_write, AArch32 writes) and
 * el2_pe_reset to the reset values. One row per register and feature, so
 * a new feature adds a line. */
#include "sysreg_rules.h"

static const struct {
	el2_sysreg id;
	uint32_t feature; /* EL2_FEAT_* the bits need */
	uint64_t bits;
} feat_bits[] = {
	/* HCR_EL2.TERR [36], TEA [37]: FEAT_RAS. */
	{EL2_SR_HCR_EL2, EL2_FEAT_RAS, EL2_HCR_TERR | EL2_HCR_TEA},
	/* HCR_EL2.APK [40], API [41]: FEAT_PAuth; ATA [56]: FEAT_MTE2. */
	{EL2_SR_HCR_EL2, EL2_FEAT_PAUTH, EL2_HCR_APK | EL2_HCR_API},
	{EL2_SR_HCR_EL2, EL2_FEAT_MTE, EL2_HCR_ATA},
	/* SCTLR_EL1/EL2.EnIA [31], EnIB [30], EnDA [27], EnDB [13]: FEAT_PAuth. */
	{EL2_SR_SCTLR_EL1, EL2_FEAT_PAUTH,
	 EL2_SCTLR_ENIA | EL2_SCTLR_ENIB | EL2_SCTLR_ENDA | EL2_SCTLR_ENDB},
	{EL2_SR_SCTLR_EL2, EL2_FEAT_PAUTH,
	 EL2_SCTLR_ENIA | EL2_SCTLR_ENIB | EL2_SCTLR_ENDA | EL2_SCTLR_ENDB},
	/* SCTLR_EL1/EL2.ATA [43], ATA0 [42], TCF [41:40], TCF0 [39:38],
	 * ITFSB [37]: FEAT_MTE2. */
	{EL2_SR_SCTLR_EL1, EL2_FEAT_MTE, EL2_SCTLR_MTE_FIELDS},
	{EL2_SR_SCTLR_EL2, EL2_FEAT_MTE, EL2_SCTLR_MTE_FIELDS},
	/* CPACR_EL1.ZEN / CPTR_EL2.ZEN [17:16] (E2H = 1 layout; RES0 with
	 * E2H = 0 too): FEAT_SVE. */
	{EL2_SR_CPACR_EL1, EL2_FEAT_SVE, EL2_CPACR_ZEN},
	{EL2_SR_CPTR_EL2, EL2_FEAT_SVE, EL2_CPACR_ZEN},
	/* HFGRTR_EL2 / HFGWTR_EL2 ERRIDR_EL1 [40], ERRSELR_EL1 [41], ERXFR_EL1
	 * [42], ERXCTLR_EL1 [43], ERXSTATUS_EL1 [44], ERXMISCn_EL1 [45],
	 * ERXADDR_EL1 [49]: FEAT_RAS (the read-only ones are RES0 in HFGWTR
	 * anyway). */
	{EL2_SR_HFGRTR_EL2, EL2_FEAT_RAS, 0x00023f0000000000ull},
	{EL2_SR_HFGWTR_EL2, EL2_FEAT_RAS, 0x00023a0000000000ull},
	/* HFGRTR_EL2 / HFGWTR_EL2 APDAKey [4], APDBKey [5], APGAKey [6],
	 * APIAKey [7], APIBKey [8]: FEAT_PAuth. */
	{EL2_SR_HFGRTR_EL2, EL2_FEAT_PAUTH, 0x1f0ull},
	{EL2_SR_HFGWTR_EL2, EL2_FEAT_PAUTH, 0x1f0ull},
	/* MDCR_EL2.HPMN [4:0], TPMCR [5], TPM [6], HPME [7]: FEAT_PMUv3. */
	{EL2_SR_MDCR_EL2, EL2_FEAT_PMU,
	 EL2_MDCR_HPMN_MASK | EL2_MDCR_TPMCR | EL2_MDCR_TPM | EL2_MDCR_HPME},
	/* HFGITR_EL2.ATS1E1RP [16], ATS1E1WP [17]: FEAT_PAN2. */
	{EL2_SR_HFGITR_EL2, EL2_FEAT_PAN2, 0x30000ull},
};

uint64_t sysreg_feature_res0(const el2_pe *pe, el2_sysreg id)
{
	uint64_t res0 = 0;
	for (size_t i = 0; i < sizeof(feat_bits) / sizeof(feat_bits[0]); i++)
		if (feat_bits[i].id == id && !have_feat(pe, (el2_feature)feat_bits[i].feature))
			res0 |= feat_bits[i].bits;
	return res0;
}
