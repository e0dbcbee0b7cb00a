/* SPDX-License-Identifier: MIT */
/* The processing element: an opaque handle holding all architectural state,
 * with register access by id or by name and snapshots for checkers. */
#ifndef EL2SIM_PE_H
#define EL2SIM_PE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "el2sim/config.h"
#include "el2sim/err.h"
#include "el2sim/sysreg.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct el2_pe el2_pe;

/* Register ids. X0-X30, the current SP (the bank selected by PSTATE.EL and
 * PSTATE.SP), PC, PSTATE (SPSR layout, see pstate.h), the 128-bit V
 * registers, and every system-register row as EL2_SYSREG(NAME). FPCR, FPSR,
 * SP_EL0, SP_EL1 and SP_EL2 are system-register rows. */
typedef uint32_t el2_reg;
enum {
	EL2_REG_X0 = 0,
	EL2_REG_X30 = 30,
	EL2_REG_SP = 31,
	EL2_REG_PC = 32,
	EL2_REG_PSTATE = 33,
	EL2_REG_V0 = 64, /* V0..V31: el2_reg_read gives bits [63:0] */
	EL2_REG_V31 = 95,
	EL2_REG_SYSREG_BASE = 256,
};
/* No register (a macro: an enumerator must fit an int in ISO C). */
#define EL2_REG_NONE ((el2_reg)0xffffffffu)
#define EL2_REG_X(n) ((el2_reg)(EL2_REG_X0 + (n)))
#define EL2_REG_V(n) ((el2_reg)(EL2_REG_V0 + (n)))
#define EL2_SYSREG(name) ((el2_reg)(EL2_REG_SYSREG_BASE + EL2_SR_##name))
#define EL2_REG_IS_SYSREG(r) ((r) >= EL2_REG_SYSREG_BASE && (r) < EL2_REG_SYSREG_BASE + EL2_SR_COUNT)

typedef struct el2_u128 {
	uint64_t lo, hi;
} el2_u128;

/* Creates a PE in its reset state (see el2_pe_reset). */
el2_err el2_pe_new(const el2_config *cfg, el2_pe **out);
/* Frees the PE and sets *pe to NULL; NULL or *pe == NULL is a no-op. */
void el2_pe_free(el2_pe **pe);
/* Warm reset: every register to its table reset value, GPRs/V regs to 0,
 * PSTATE = EL2h (EL1h without EL2) with DAIF masked. */
void el2_pe_reset(el2_pe *pe);
const el2_config *el2_pe_config(const el2_pe *pe);
/* The feature predicate (HaveVirtHostExt(), HavePANExt(), ...). */
int el2_pe_has(const el2_pe *pe, el2_feature f);

/* Debugger view: no access checks, no traps. Writes to system registers
 * apply RES0/RES1 masks; SPECIAL rows read/write the PSTATE field or SP bank
 * they name; ALIAS rows reach the storage they name. A write that would
 * leave PSTATE in a state no PE can be in (AArch32, an unimplemented EL,
 * SP_ELx selected at EL0 through PSTATE or SPSel) is refused with
 * EL2_ERR_INVALID_ARG and changes nothing. */
el2_err el2_reg_read(const el2_pe *pe, el2_reg reg, uint64_t *val);
el2_err el2_reg_write(el2_pe *pe, el2_reg reg, uint64_t val);
el2_err el2_vreg_read(const el2_pe *pe, unsigned n, el2_u128 *val);
el2_err el2_vreg_write(el2_pe *pe, unsigned n, el2_u128 val);
/* "x0".."x30", "sp", "pc", "pstate", "v0".."v31", any table name, or the
 * generic form "s3_4_c1_c1_0"; case-insensitive. */
el2_err el2_reg_by_name(const char *name, el2_reg *out);
/* Name of a register id ("x3", "SCTLR_EL1"); "?" for an unknown id. */
const char *el2_reg_name(el2_reg reg);

/* Shorthands used everywhere: current EL, PC. */
unsigned el2_pe_el(const el2_pe *pe);
uint64_t el2_pe_pc(const el2_pe *pe);

/* Architecturally UNKNOWN values (FAR_ELx on exceptions without an address,
 * HPFAR_EL2 when the IPA is not valid, PSTATE bits after an illegal return,
 * ...) are taken from this hook: it gets the register and its old value and
 * returns the value to write. Without a hook the old value is kept. */
typedef uint64_t (*el2_unknown_fn)(void *ctx, el2_reg reg, uint64_t old);
void el2_pe_set_unknown_hook(el2_pe *pe, el2_unknown_fn fn, void *ctx);

/* Accesses to unknown encodings answered RAZ/WI (config.unknown_sysreg_raz_wi). */
uint64_t el2_pe_raz_wi_count(const el2_pe *pe);

/* Generic counter (CNTPCT_EL0): the engine advances it; reads of CNTPCT/CNTVCT
 * and TVAL registers use it. */
void el2_pe_set_counter(el2_pe *pe, uint64_t count);
uint64_t el2_pe_counter(const el2_pe *pe);

/* The Event Register (Arm ARM D1.6 "Wait for Event"): set by an exception
 * return, SEV and SEVL; a WFE that finds it set clears it and completes
 * without trapping or waiting. The engine sets it for the events the
 * model cannot see (global monitor cleared, timer event stream, SEV of
 * another PE). Cleared by el2_pe_reset; copied by snapshots. */
bool el2_pe_event_register(const el2_pe *pe);
void el2_pe_set_event_register(el2_pe *pe, bool set);

/* Snapshots: a copy of all architectural state. */
typedef struct el2_snapshot el2_snapshot;
el2_err el2_snapshot_take(const el2_pe *pe, el2_snapshot **out);
el2_err el2_snapshot_restore(el2_pe *pe, const el2_snapshot *snap);
void el2_snapshot_free(el2_snapshot **snap);
el2_err el2_snapshot_read(const el2_snapshot *snap, el2_reg reg, uint64_t *val);

/* One differing register. For V registers both halves are given. */
typedef struct el2_reg_diff {
	el2_reg reg;
	uint64_t before, after;
	uint64_t before_hi, after_hi;
} el2_reg_diff;
/* Fills up to cap differences (in register-id order) and returns how many
 * there are in all; 0 means equal. ALIAS and SPECIAL rows are compared only
 * through the storage they name (each difference is reported once). */
size_t el2_snapshot_diff(const el2_snapshot *a, const el2_snapshot *b,
			 el2_reg_diff *out, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
