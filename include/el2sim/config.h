/* SPDX-License-Identifier: MIT */
/* What the modelled PE implements. Features are runtime predicates, like the
 * Arm ARM's HaveEL()/HavePANExt(), never #ifdefs, so tests cover every
 * combination. */
#ifndef EL2SIM_CONFIG_H
#define EL2SIM_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum el2_feature {
	EL2_FEAT_VHE = 1u << 0,  /* FEAT_VHE: HCR_EL2.E2H, _EL12/_EL02, redirection */
	EL2_FEAT_PAN = 1u << 1,  /* FEAT_PAN: PSTATE.PAN, SCTLR_ELx.SPAN */
	EL2_FEAT_PAN2 = 1u << 2, /* FEAT_PAN2: AT S1E1RP/S1E1WP */
	EL2_FEAT_UAO = 1u << 3,  /* FEAT_UAO: PSTATE.UAO */
	EL2_FEAT_SSBS = 1u << 4, /* FEAT_SSBS + FEAT_SSBS2: PSTATE.SSBS, MSR/MRS SSBS */
	EL2_FEAT_DIT = 1u << 5,  /* FEAT_DIT: PSTATE.DIT */
	EL2_FEAT_MTE = 1u << 6,  /* FEAT_MTE + FEAT_MTE2 registers: PSTATE.TCO, RGSR_EL1,
	                            GCR_EL1, TFSR_EL1/EL2, TFSRE0_EL1, HCR_EL2.ATA,
	                            SCTLR_ELx.ATA/ATA0/TCF/TCF0/ITFSB (no tag checking) */
	EL2_FEAT_BTI = 1u << 7,  /* FEAT_BTI: PSTATE.BTYPE, SPSR.BTYPE */
	EL2_FEAT_IDST = 1u << 8, /* FEAT_IDST: EL0 reads of the ID space trap (EC 0x18)
	                            instead of being UNDEFINED */
	EL2_FEAT_PAUTH = 1u << 12, /* FEAT_PAuth (QARMA5, APA = 1; GPA = 1): key registers,
	                              HCR_EL2.API/APK, SCTLR_ELx.EnIA/EnIB/EnDA/EnDB, the
	                              PAC/AUT instructions computed by the model */
	EL2_FEAT_SVE = 1u << 13,   /* FEAT_SVE control: ZCR_EL1/EL2, CPACR_EL1.ZEN,
	                              CPTR_EL2.ZEN/TZ traps; VL 128 bits; Z/P state not
	                              modelled */
} el2_feature;

#define EL2_FEAT_ALL (0x1ffu | EL2_FEAT_PAUTH | EL2_FEAT_SVE)

/* Where an UNKNOWN value comes from: see el2_pe_set_unknown_hook(). */
typedef struct el2_config {
	uint32_t features;      /* EL2_FEAT_* */
	bool have_el2;          /* HaveEL(EL2); false models an EL0/EL1-only PE */
	bool have_el3;          /* HaveEL(EL3): an EL3 firmware with SCR_EL3 fixed to
	                           NS=1 RW=1 HCE=1 SMD=0; EL3 itself is not executed,
	                           an SMC reaching it is reported to the caller */
	bool unknown_sysreg_raz_wi; /* unknown encodings read as zero / ignore writes
	                               (and are counted) instead of UNDEFINED */
	uint64_t midr;          /* MIDR_EL1 */
	uint64_t mpidr;         /* MPIDR_EL1 */
} el2_config;

/* Neoverse-N1-like: EL2 (no EL3), VHE, PAN, PAN2, UAO, SSBS, DIT. No
 * FEAT_IDST (an Armv8.4 feature the Armv8.2 N1 lacks: ID_AA64MMFR2_EL1.IDS
 * reads 0 there), no PAuth, MTE or SVE (the N1 has none of them). */
el2_config el2_config_default(void);

#ifdef __cplusplus
}
#endif
#endif
