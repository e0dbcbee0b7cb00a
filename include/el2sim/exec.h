/* SPDX-License-Identifier: MIT */
/* One entry point that executes any system-instruction encoding against the
 * PE: the engine hands over every word it traps and applies the result. */
#ifndef EL2SIM_EXEC_H
#define EL2SIM_EXEC_H

#include <stdbool.h>
#include <stdint.h>

#include "el2sim/exception.h"
#include "el2sim/pe.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum el2_outcome {
	EL2_OUT_DONE = 0,   /* performed; PC = next instruction */
	EL2_OUT_EXCEPTION,  /* an exception was taken; .exc says where; PC = vector */
	EL2_OUT_ERET,       /* exception return; .exc.illegal_return if PSTATE.IL set */
	EL2_OUT_WFI,        /* WFI not trapped: PC = next; the PE may wait for an interrupt */
	EL2_OUT_WFE,        /* WFE not trapped: PC = next */
	EL2_OUT_NEED_AT,    /* AT: PC = next; call el2_at_complete() with the walk result */
	EL2_OUT_SMC_EL3,    /* SMC reaching EL3 firmware (config.have_el3): PC = next */
	EL2_OUT_NOT_SYSTEM, /* not a system instruction: nothing changed */
} el2_outcome;

/* Side effects the engine must act on (bits of el2_exec_result.flags). */
enum el2_exec_flag {
	EL2_EF_GPR_WRITTEN = 1u << 0,  /* X[rt] was written (MRS, SYSL) */
	EL2_EF_SP_CHANGED = 1u << 1,   /* the current SP bank changed (EL or SPSel) */
	EL2_EF_CONTEXT_SYNC = 1u << 2, /* ISB, exception entry or return */
	EL2_EF_BARRIER = 1u << 3,      /* DSB/DMB/SB/CLREX-class barrier */
	EL2_EF_TLBI = 1u << 4,         /* TLB maintenance performed */
	EL2_EF_IC_INVAL = 1u << 5,     /* instruction cache invalidation: drop translated code */
	EL2_EF_DC = 1u << 6,           /* data cache maintenance by VA/set-way (no-op on flat memory) */
	EL2_EF_DC_ZVA = 1u << 7,       /* DC ZVA: engine zeroes .value (block of el2_dczva_bytes) */
	EL2_EF_RAZ_WI = 1u << 8,       /* unknown encoding answered RAZ/WI */
	EL2_EF_TRANSLATION = 1u << 9,  /* a register that controls translation was written */
	EL2_EF_FP_CONTROL = 1u << 10,  /* CPACR_EL1/CPTR_EL2 written: FP trapping may change */
	EL2_EF_INTERRUPTS = 1u << 11,  /* masking or routing of interrupts may have changed */
	EL2_EF_HINT = 1u << 12,        /* NOP-class hint (YIELD, SEV, ESB, BTI, ...) */
};

typedef enum el2_at_op {
	EL2_AT_S1E1R, EL2_AT_S1E1W, EL2_AT_S1E0R, EL2_AT_S1E0W,
	EL2_AT_S1E1RP, EL2_AT_S1E1WP,
	EL2_AT_S1E2R, EL2_AT_S1E2W,
	EL2_AT_S12E1R, EL2_AT_S12E1W, EL2_AT_S12E0R, EL2_AT_S12E0W,
} el2_at_op;

typedef struct el2_exec_result {
	el2_outcome outcome;
	uint32_t flags;         /* enum el2_exec_flag */
	el2_reg reg;            /* system register/operation really accessed
	                           (after VHE redirection), or EL2_REG_NONE */
	el2_reg reg_encoded;    /* the one the encoding names */
	bool is_write;
	uint64_t value;         /* value read or written; VA for SYS ops */
	unsigned rt;            /* X register involved (31 = XZR) */
	el2_exc_outcome exc;    /* EXCEPTION / ERET */
	el2_exc_type exc_type;  /* EXCEPTION */
	el2_at_op at_op;        /* NEED_AT */
	uint64_t at_va;
} el2_exec_result;

/* Executes the 32-bit instruction word at the PE's PC. The PE's X registers
 * must hold the values the instruction reads (at least X[rt]) and the
 * current SP must be in EL2_REG_SP. Never fails on a bad word: an
 * unallocated encoding takes the UNDEFINED exception, a non-system word
 * returns EL2_OUT_NOT_SYSTEM, and so does every word in AArch32 state (no
 * A64 there: see el2_a32_step). Returns EL2_ERR_INVALID_ARG only for NULL. */
el2_err el2_exec(el2_pe *pe, uint32_t insn, el2_exec_result *res);

/* True if the word is one el2_exec handles (the system-instruction classes
 * and the exception-generating, ERET and hint/barrier classes). */
bool el2_is_system_insn(uint32_t insn);

/* Words outside the system classes that the model performs for optional
 * features, when Unicorn hands them over: the FEAT_PAuth instructions
 * outside the hint space (PAC*, AUT*, XPACI/XPACD, PACGA, BRA*, BLRA*,
 * RETA*; LDRAA/LDRAB are recognised but not performed) and the SVE
 * encodings (CheckSVEEnabled traps; RDVL, ADDVL, ADDPL). */
bool el2_is_feature_insn(uint32_t insn);

/* Performs such a word as el2_exec does (UNDEFINED without the feature,
 * EC 0x09 / 0x19 / 0x07 traps, the operation). EL2_OUT_NOT_SYSTEM when the
 * model cannot perform it (LDRAA/LDRAB, enabled SVE data instructions,
 * other words): the engine then reports an instruction it cannot execute. */
el2_err el2_exec_feature(el2_pe *pe, uint32_t insn, el2_exec_result *res);

/* Result of a translation the engine performed for an AT instruction. */
typedef struct el2_at_result {
	bool fault;
	/* on success */
	uint64_t pa;            /* output address (full; PAR keeps [47:12]) */
	uint8_t attr;           /* MAIR attribute byte */
	unsigned sh;            /* shareability */
	bool ns;
	/* on fault */
	el2_fault fst;
	int level;
	bool ptw;               /* stage-2 fault on the stage-1 walk */
	bool stage2;            /* S: fault was at stage 2 */
} el2_at_result;

/* Writes PAR_EL1 for the pending AT (D19.2 PAR_EL1: F, FST, PTW, S on fault;
 * PA, ATTR, SH, NS on success). */
el2_err el2_at_complete(el2_pe *pe, const el2_at_result *r);

/* FP/SIMD access check for a non-system FP/SIMD instruction at PC:
 * aarch64/functions/fpsimd/AArch64.CheckFPAdvSIMDEnabled. Returns true and
 * takes the trap if access is disabled. */
bool el2_check_fp_access(el2_pe *pe, el2_exc_outcome *out);
/* Same test without side effects. */
bool el2_fp_access_trapped(const el2_pe *pe);

/* DC ZVA block size in bytes (DCZID_EL0.BS). */
unsigned el2_dczva_bytes(const el2_pe *pe);

#ifdef __cplusplus
}
#endif
#endif
