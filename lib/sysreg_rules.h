/* SPDX-License-Identifier: MIT */
/* Shared between the access-rule files (sysreg_access.c, sysreg_checks.c,
 * sysreg_special.c, sysreg_sysop.c, sysreg_msr_imm.c): the verdict of the
 * access checks and the value paths of the rows. Internal to lib/. */
#ifndef EL2SIM_SYSREG_RULES_H
#define EL2SIM_SYSREG_RULES_H

#include "pe_internal.h"

/* What the accessor pseudocode decides before the access is performed. */
typedef enum access_kind {
	ACCESS_OK,
	ACCESS_UNDEFINED,   /* UNDEFINED: exc_undefined routes it */
	ACCESS_SYSTEM_TRAP, /* AArch64.SystemAccessTrap(el, 0x18) */
	ACCESS_FP_TRAP,     /* AArch64.SystemAccessTrap(el, 0x07) for FPCR/FPSR */
	ACCESS_SVE_TRAP,    /* AArch64.SystemAccessTrap(el, 0x19) for ZCR_ELx */
} access_kind;

typedef struct access_verdict {
	access_kind kind;
	unsigned el; /* target EL of a trap */
} access_verdict;

/* Direction, EL, EL0/EL1/EL2 traps and FP checks for an implemented row,
 * in the order of the row's accessor pseudocode. */
access_verdict sysreg_check(const el2_pe *pe, el2_sysreg id, bool is_write);

/* HCR_EL2.TIDCP trap of an access to the IMPLEMENTATION DEFINED space
 * (op0 = 3, CRn = 11 or 15) for which there is no row. */
bool sysreg_tidcp_traps(const el2_pe *pe, uint32_t enc);

/* An encoding of the reserved ID space without a row: false if enc is
 * not one; else *v is the verdict, ACCESS_OK meaning "reads as zero". */
bool sysreg_reserved_id(const el2_pe *pe, uint32_t enc, bool is_write, access_verdict *v);

/* DCZID_EL0.DZP (bit 4) as an MRS reads it from the current state: 1 when
 * DC ZVA would not be permitted here (D19 DCZID_EL0.DZP, with
 * SCTLR_EL1.DZE / SCTLR_EL2.DZE / HCR_EL2.TDZ). */
uint64_t sysreg_dczid_dzp(const el2_pe *pe);

/* Takes the exception a verdict other than ACCESS_OK asks for. */
void sysreg_raise(el2_pe *pe, access_verdict v, uint32_t insn, el2_exec_result *res);

/* The row whose state an access to id reaches from the current state:
 * ALIAS rows name their storage, EL1/EL0 rows with a VHE target go to the
 * target in host (E2H = 1 at EL2; E2H = TGE = 1 at EL0). */
el2_sysreg sysreg_effective(const el2_pe *pe, el2_sysreg id);

/* RES0/RES1 masks of the row, and the bits RES0 because this
 * configuration lacks a feature, applied to a value written. */
uint64_t sysreg_masked(const el2_pe *pe, el2_sysreg id, uint64_t val);

/* Bits of row id that are RES0 only because this PE's configuration
 * lacks the feature that defines them (the one table,
 * lib/sysreg_feat_res0.c): HCR_EL2.TERR/TEA/API/APK/ATA, the PAuth key
 * enables and MTE2 fields of SCTLR_ELx, the SVE ZEN fields, FGT bits of
 * RAS, PAuth and PAN2. sysreg_masked includes them. */
uint64_t sysreg_feature_res0(const el2_pe *pe, el2_sysreg id);

/* SPECIAL rows (PSTATE fields, SP banks, ISR_EL1, computed timer/GIC
 * rows): the value, or the write, without any checks. */
uint64_t special_read(const el2_pe *pe, el2_sysreg id);
void special_write(el2_pe *pe, el2_sysreg id, uint64_t val);

/* PSTATE bits a PSTATE-field row reads and writes, in the position the
 * MRS value has them (the same as the SPSR layout); 0 if not a field. */
uint64_t pstate_field_mask(el2_sysreg id);

/* X[rt] as a source operand (XZR reads 0). */
static inline uint64_t x_read(const el2_pe *pe, unsigned rt)
{
	return rt == 31 ? 0 : pe->s.x[rt];
}

/* X[n] where 31 names SP (the <Xn|SP> operands). */
static inline uint64_t x_read_sp(const el2_pe *pe, unsigned n)
{
	return n == 31 ? pe->s.sr[current_sp_slot(pe)] : pe->s.x[n];
}

#endif
