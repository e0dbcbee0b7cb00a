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
	EL2_FEAT_MTE = 1u << 6,  /* FEAT_MTE: PSTATE.TCO only (no tag checking) */
	EL2_FEAT_BTI = 1u << 7,  /* FEAT_BTI: PSTATE.BTYPE, SPSR.BTYPE */
	EL2_FEAT_IDST = 1u << 8, /* FEAT_IDST: EL0 reads of the ID space trap (EC 0x18)
	                            instead of being UNDEFINED */
	EL2_FEAT_AA32EL1 = 1u << 14, /* FEAT_AA32EL1: AArch32 at EL1 (and so at EL0):
	                                HCR_EL2.RW writable, DACR32/IFSR32/FPEXC32_EL2,
	                                SPSR_irq/abt/und/fiq (lib/aarch32_*.c) */
	EL2_FEAT_AA32EL0 = 1u << 15, /* FEAT_AA32EL0: AArch32 at EL0 only */
} el2_feature;

#define EL2_FEAT_ALL (0x1ffu | EL2_FEAT_AA32EL1 | EL2_FEAT_AA32EL0)

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

/* Neoverse-N1-like: EL2 (no EL3), VHE, PAN, PAN2, UAO, SSBS, DIT, AArch32
 * at EL0 only (the N1 runs A32/T32 applications, not AArch32 kernels). No
 * FEAT_IDST (an Armv8.4 feature the Armv8.2 N1 lacks: ID_AA64MMFR2_EL1.IDS
 * reads 0 there). */
el2_config el2_config_default(void);

#ifdef __cplusplus
}
#endif
#endif
