/* SPDX-License-Identifier: MIT */
/* MRS/MSR/SYS/SYSL and MSR (immediate) against the table: access rules,
 * traps, VHE redirection and the special registers. Internal to lib/. */
#ifndef EL2SIM_SYSREG_ACCESS_H
#define EL2SIM_SYSREG_ACCESS_H

#include "pe_internal.h"

/* Each performs the instruction word at the PE's PC (already classified by
 * exec.c), fills res (outcome DONE, EXCEPTION or NEED_AT, reg, value,
 * flags) and advances the PC when it completes. */
void sysreg_exec_mrs(el2_pe *pe, uint32_t insn, el2_exec_result *res);
void sysreg_exec_msr(el2_pe *pe, uint32_t insn, el2_exec_result *res);
void sysreg_exec_sys(el2_pe *pe, uint32_t insn, el2_exec_result *res);
void sysreg_exec_msr_imm(el2_pe *pe, uint32_t insn, el2_exec_result *res);

/* Debugger view used by el2_reg_read/write: no checks, masks applied. */
uint64_t sysreg_raw_read(const el2_pe *pe, el2_sysreg id);
void sysreg_raw_write(el2_pe *pe, el2_sysreg id, uint64_t val);

/* Fills every storage slot with its reset value (ID rows from the config). */
void sysreg_reset(el2_pe *pe);

/* The value of an ID row for this configuration: its override
 * (el2_config.id_override), else the value derived from the features. */
uint64_t sysreg_id_value(const el2_config *cfg, el2_sysreg id);
uint64_t sysreg_id_derived(const el2_config *cfg, el2_sysreg id);

/* Does the row exist in this configuration (feature column, EL2)? */
bool sysreg_exists_in_config(const el2_config *cfg, el2_sysreg id);
static inline bool sysreg_implemented(const el2_pe *pe, el2_sysreg id)
{
	return (unsigned)id < EL2_SR_COUNT && pe->impl[id];
}

/* aarch64/functions/fpsimd/AArch64.CheckFPAdvSIMDEnabled without side
 * effects: 0 if FP/SIMD is enabled at the current EL, else the EL the trap
 * is taken to (1 or 2). */
unsigned fp_trap_target(const el2_pe *pe);

#endif
