/* SPDX-License-Identifier: MIT */
/* The system-register table. Every encoding the model knows is one row of
 * sysreg.def; nothing else in el2sim hard-codes an encoding. */
#ifndef EL2SIM_SYSREG_H
#define EL2SIM_SYSREG_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Encoding key: the instruction's bits [20:5] (op0:op1:CRn:CRm:op2), so an
 * MRS/MSR/SYS word maps to its key with EL2_SYS_ENC_FROM_INSN and an
 * ESR_ELx ISS of EC 0x18 with el2_sysreg_enc_from_iss(). */
#define EL2_SYS_ENC(op0, op1, crn, crm, op2)                                   \
	((uint32_t)(((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2)))
#define EL2_SYS_ENC_FROM_INSN(insn) (((uint32_t)(insn) >> 5) & 0xffffu)
#define EL2_SYS_OP0(enc) (((enc) >> 14) & 0x3u)
#define EL2_SYS_OP1(enc) (((enc) >> 11) & 0x7u)
#define EL2_SYS_CRN(enc) (((enc) >> 7) & 0xfu)
#define EL2_SYS_CRM(enc) (((enc) >> 3) & 0xfu)
#define EL2_SYS_OP2(enc) ((enc) & 0x7u)

/* One id per table row: EL2_SR_SCTLR_EL1, EL2_SR_HCR_EL2, ... */
typedef enum el2_sysreg {
#define EL2_SR(name, op0, op1, crn, crm, op2, kind, min_el, acc, vhe, feat, traps, reset, res0, res1) \
	EL2_SR_##name,
#include "el2sim/sysreg.def"
#undef EL2_SR
	EL2_SR_COUNT,
	EL2_SR_NONE = 0xffff
} el2_sysreg;

/* How a row is stored and accessed. */
typedef enum el2_sysreg_kind {
	EL2_SRK_STORED,  /* plain storage slot */
	EL2_SRK_ALIAS,   /* _EL12/_EL02: names the storage of row .vhe; EL2 with E2H=1 only */
	EL2_SRK_SPECIAL, /* PSTATE fields, SP banks, timers, GIC status: behaviour in code */
	EL2_SRK_ID,      /* read-only identification value derived from el2_config */
	EL2_SRK_SYSOP,   /* SYS/SYSL operation (AT, TLBI, DC, IC): no storage */
} el2_sysreg_kind;

typedef enum el2_sysreg_access {
	EL2_ACC_RW = 3,
	EL2_ACC_RO = 1,
	EL2_ACC_WO = 2,
} el2_sysreg_access;

/* Trap groups a row belongs to (the trap bits of the Arm ARM that cover it). */
enum el2_trap_group {
	EL2_T_VM = 1u << 0,     /* HCR_EL2.TVM (writes), HCR_EL2.TRVM (reads) */
	EL2_T_TACR = 1u << 1,   /* HCR_EL2.TACR */
	EL2_T_TID1 = 1u << 2,   /* HCR_EL2.TID1 */
	EL2_T_TID2 = 1u << 3,   /* HCR_EL2.TID2 */
	EL2_T_TID3 = 1u << 4,   /* HCR_EL2.TID3 */
	EL2_T_TSW = 1u << 5,    /* HCR_EL2.TSW: DC set/way */
	EL2_T_TPCP = 1u << 6,   /* HCR_EL2.TPCP: DC to PoC/PoP */
	EL2_T_TPU = 1u << 7,    /* HCR_EL2.TPU: IC, DC CVAU */
	EL2_T_TTLB = 1u << 8,   /* HCR_EL2.TTLB: TLBI at EL1 */
	EL2_T_TDZ = 1u << 9,    /* HCR_EL2.TDZ: DC ZVA; SCTLR_EL1.DZE at EL0 */
	EL2_T_FP = 1u << 10,    /* CPACR_EL1.FPEN / CPTR_EL2.TFP|FPEN: FPCR, FPSR */
	EL2_T_UCT = 1u << 11,   /* SCTLR_ELx.UCT at EL0: CTR_EL0 */
	EL2_T_UCI = 1u << 12,   /* SCTLR_ELx.UCI at EL0: DC CVAU/CVAC/CIVAC/CVAP, IC IVAU */
	EL2_T_UMA = 1u << 13,   /* SCTLR_ELx.UMA at EL0: DAIF */
	EL2_T_PCT = 1u << 14,   /* CNTKCTL/CNTHCTL physical counter enables */
	EL2_T_PT = 1u << 15,    /* CNTKCTL/CNTHCTL physical timer enables */
	EL2_T_VCT = 1u << 16,   /* CNTKCTL/CNTHCTL virtual counter enables */
	EL2_T_VT = 1u << 17,    /* CNTKCTL/CNTHCTL virtual timer enables */
	EL2_T_TDA = 1u << 18,   /* MDCR_EL2.TDA or TDE: MDSCR_EL1 (debug registers) */
	EL2_T_TIDCP = 1u << 19, /* HCR_EL2.TIDCP: IMPLEMENTATION DEFINED space */
	EL2_T_RO_EL0 = 1u << 20, /* read-only at EL0 although RW above (TPIDRRO_EL0) */
	EL2_T_CNTFRQ = 1u << 21, /* EL0 read needs any of CNTKCTL.EL0PCTEN/EL0VCTEN */
	EL2_T_TDOSA = 1u << 22, /* MDCR_EL2.TDOSA or TDE: OSLAR, OSLSR, OSDLR, DBGPRCR_EL1 */
	EL2_T_TDRA = 1u << 23,  /* MDCR_EL2.TDRA or TDE: MDRAR_EL1 */
	EL2_T_TCPAC = 1u << 24, /* CPTR_EL2.TCPAC: CPACR_EL1 at EL1 */
	EL2_T_SRE_EN = 1u << 25, /* ICC_SRE_EL2.Enable == 0: ICC_SRE_EL1 at EL1 */
	EL2_T_APK = 1u << 26,   /* HCR_EL2.APK == 0: PAuth key registers at EL1 */
	EL2_T_ATA = 1u << 27,   /* HCR_EL2.ATA == 0: MTE registers at EL1 */
	EL2_T_ZEN = 1u << 28,   /* CPACR_EL1.ZEN, CPTR_EL2.ZEN/TZ: ZCR_ELx, EC 0x19 */
	EL2_T_TERR = 1u << 30,  /* HCR_EL2.TERR (FEAT_RAS): ERRIDR, ERRSELR, ERX* at EL1 */
};

typedef struct el2_sysreg_info {
	const char *name;
	uint32_t enc;            /* EL2_SYS_ENC(op0, op1, CRn, CRm, op2) */
	uint8_t kind;            /* el2_sysreg_kind */
	uint8_t min_el;          /* lowest EL that may access it before any trap */
	uint8_t access;          /* el2_sysreg_access */
	uint16_t vhe;            /* EL1 row: EL2 target with E2H=1; ALIAS row: the
	                            row it names; else EL2_SR_NONE */
	uint32_t feature;        /* EL2_FEAT_* needed for the row to exist, or 0 */
	uint32_t traps;          /* enum el2_trap_group */
	uint64_t reset;          /* reset value (UNKNOWN resets are 0) */
	uint64_t res0, res1;     /* bits that read as 0 / as 1 whatever is written */
} el2_sysreg_info;

/* The row, or NULL if id >= EL2_SR_COUNT. */
const el2_sysreg_info *el2_sysreg_get(el2_sysreg id);
/* The row with this encoding key, or EL2_SR_NONE. */
el2_sysreg el2_sysreg_by_enc(uint32_t enc);
/* Case-insensitive name ("sctlr_el1"), or EL2_SR_NONE. */
el2_sysreg el2_sysreg_by_name(const char *name);
/* The key encoded in an ESR_ELx ISS of EC 0x18. */
uint32_t el2_sysreg_enc_from_iss(uint32_t iss);

#ifdef __cplusplus
}
#endif
#endif
