/* SPDX-License-Identifier: MIT */
/* Bits that are RES0 only when a configurable feature is absent: the RES0
 * column of sysreg.def holds what is RES0 in every configuration; a field
 * of an optional feature is RES0 "when <feature> is not implemented"
 * (the field descriptions of D19, DDI 0487 J.a). One row per register
 * and feature, so a new feature adds a line. */
#include "sysreg_rules.h"

static const struct {
	el2_sysreg id;
	uint32_t feature; /* EL2_FEAT_* the bits need */
	uint64_t bits;
} feat_bits[] = {
	/* HCR_EL2.TERR [36], TEA [37]: FEAT_RAS. */
	{EL2_SR_HCR_EL2, EL2_FEAT_RAS, EL2_HCR_TERR | EL2_HCR_TEA},
	/* HFGRTR_EL2 / HFGWTR_EL2 ERRIDR_EL1 [40], ERRSELR_EL1 [41], ERXFR_EL1
	 * [42], ERXCTLR_EL1 [43], ERXSTATUS_EL1 [44], ERXMISCn_EL1 [45],
	 * ERXADDR_EL1 [49]: FEAT_RAS (the read-only ones are RES0 in HFGWTR
	 * anyway). */
	{EL2_SR_HFGRTR_EL2, EL2_FEAT_RAS, 0x00023f0000000000ull},
	{EL2_SR_HFGWTR_EL2, EL2_FEAT_RAS, 0x00023a0000000000ull},
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
