/* SPDX-License-Identifier: MIT */
/* What the modelled PE implements. Features are runtime predicates, like the
 * Arm ARM's HaveEL()/HavePANExt(), never #ifdefs, so tests cover every
 * combination. */
#ifndef EL2SIM_CONFIG_H
#define EL2SIM_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "el2sim/err.h"

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
	EL2_FEAT_RAS = 1u << 9,  /* FEAT_RAS (v1): ESB, DISR_EL1, VDISR_EL2, VSESR_EL2,
	                            ERRIDR, ERRSELR, ERX* (no error records), HCR_EL2.TERR/TEA */
	EL2_FEAT_FGT = 1u << 10, /* FEAT_FGT: HFGRTR/HFGWTR/HFGITR/HDFGRTR/HDFGWTR_EL2 */
	EL2_FEAT_HCRX = 1u << 11, /* FEAT_HCX: HCRX_EL2 */
	EL2_FEAT_PAUTH = 1u << 12, /* FEAT_PAuth (QARMA5, APA = 1; GPA = 1): key registers,
	                              HCR_EL2.API/APK, SCTLR_ELx.EnIA/EnIB/EnDA/EnDB, the
	                              PAC/AUT instructions computed by the model */
	EL2_FEAT_SVE = 1u << 13,   /* FEAT_SVE control: ZCR_EL1/EL2, CPACR_EL1.ZEN,
	                              CPTR_EL2.ZEN/TZ traps; VL 128 bits; Z/P state not
	                              modelled */
	EL2_FEAT_AA32EL1 = 1u << 14, /* FEAT_AA32EL1: AArch32 at EL1 (and so at EL0):
	                                HCR_EL2.RW writable, DACR32/IFSR32/FPEXC32_EL2,
	                                SPSR_irq/abt/und/fiq (lib/aarch32_*.c) */
	EL2_FEAT_AA32EL0 = 1u << 15, /* FEAT_AA32EL0: AArch32 at EL0 only */
	EL2_FEAT_PMU = 1u << 16, /* FEAT_PMUv3 (PMUv3p1): PMU registers and the
	                            MDCR_EL2 PMU traps; counters do not count
	                            (docs/semantics.md) */
} el2_feature;

#define EL2_FEAT_ALL (0xfffu | EL2_FEAT_PAUTH | EL2_FEAT_SVE | EL2_FEAT_AA32EL1 | \
                      EL2_FEAT_AA32EL0 | EL2_FEAT_PMU)

/* Most ID register overrides an el2_config holds. */
#define EL2_MAX_ID_OVERRIDES 16

/* An identification register's value chosen by the user instead of the one
 * derived from the features (el2_config_override_id). */
typedef struct el2_id_override {
	uint16_t reg;   /* el2_sysreg id (sysreg.h) of an ID row */
	uint64_t value;
} el2_id_override;

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
	unsigned pmu_counters;  /* FEAT_PMU: event counters, PMCR_EL0.N (0..31) */
	/* ID register values that replace the derived ones wherever the ID
	 * register is read (MRS at any EL, reset, debugger view). An override
	 * may report less than the features implement, never more:
	 * el2_config_check() names the register and field that claims more. */
	el2_id_override id_override[EL2_MAX_ID_OVERRIDES];
	unsigned n_id_override;
} el2_config;

/* Neoverse-N1-like: EL2 (no EL3), VHE, PAN, PAN2, UAO, SSBS, DIT, RAS, PMUv3
 * with 6 event counters, AArch32 at EL0 only (the N1 runs A32/T32
 * applications, not AArch32 kernels), no ID register overrides. No FEAT_FGT
 * or FEAT_HCX (Armv8.6 / Armv8.7 features). No
 * FEAT_IDST (an Armv8.4 feature the Armv8.2 N1 lacks: ID_AA64MMFR2_EL1.IDS
 * reads 0 there), no PAuth, MTE or SVE (the N1 has none of them). */
el2_config el2_config_default(void);

/* EL2_OK if cfg is a configuration el2_pe_new accepts; else
 * EL2_ERR_BAD_CONFIG with the reason in errbuf (NULL/0 allowed), e.g.
 * "ID_AA64MMFR1_EL1.VH = 1 claims more than the configuration implements
 * (0): enable FEAT_VHE". */
el2_err el2_config_check(const el2_config *cfg, char *errbuf, size_t errlen);

/* Sets (or replaces) the override of ID register reg (an el2_sysreg id);
 * EL2_ERR_INVALID_ARG when the table is full or reg is not an
 * identification register that may be overridden. Checked against the
 * features only by el2_config_check / el2_pe_new. */
el2_err el2_config_override_id(el2_config *cfg, unsigned reg, uint64_t value);

/* The override of reg, if cfg has one. */
bool el2_config_id_override(const el2_config *cfg, unsigned reg, uint64_t *value);

#ifdef __cplusplus
}
#endif
#endif
