/* SPDX-License-Identifier: MIT */
/* AArch32 at EL0/EL1 (EL2_FEAT_AA32EL0, EL2_FEAT_AA32EL1), seen from an
 * AArch64 EL2: the AArch32 view of the general-purpose registers and a
 * model-performed AArch32 guest.
 *
 * Unicorn's arm64 build cannot execute A32/T32 code, so the engine never
 * runs it (docs/semantics.md "AArch32"). Instead a caller describes what a
 * 32-bit guest does as a short list of operations (set registers, write
 * CP15 registers and banked SPSRs, then SVC/HVC/UDF/WFx/an abort) and the
 * model performs them alone, with the Arm ARM's traps (HCR_EL2.TVM/TRVM,
 * HSTR_EL2, CPTR_EL2.TCPAC/TFP, HCR_EL2.TWI/TWE/HCD/TGE) and exception
 * entry into AArch64 EL1/EL2 (vector offset 0x600, AArch32 SPSR, EC/IL of
 * AArch64.ExceptionClass). Exceptions that would be taken to EL1 in
 * AArch32 (AArch32.TakeException) are not modelled: such an operation
 * fails with EL2_ERR_UNSUPPORTED and leaves the PE unchanged. */
#ifndef EL2SIM_AARCH32_H
#define EL2SIM_AARCH32_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "el2sim/exception.h"
#include "el2sim/pe.h"
#include "el2sim/pstate.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The AArch64 register X[result] that holds AArch32 register Rn (0-14) of
 * AArch32 mode m (EL2_M32_*), per the Arm ARM's "Mapping of AArch32
 * registers to AArch64" (R8-R12 fiq -> X24-X28, SP/LR of usr X13/X14, hyp
 * X15, irq X17/X16, svc X19/X18, abt X21/X20, und X23/X22, fiq X29/X30);
 * sys shares usr's. -1 for n > 14 or a mode that is not an AArch32 mode. */
int el2_a32_xreg(unsigned mode, unsigned n);

/* Rn (0-14) of the current AArch32 mode, or PC for n = 15 (read only).
 * EL2_ERR_INVALID_ARG when the PE is not in AArch32 state. */
el2_err el2_a32_reg_read(const el2_pe *pe, unsigned n, uint32_t *val);
el2_err el2_a32_reg_write(el2_pe *pe, unsigned n, uint32_t val);

/* What one guest instruction does. */
typedef enum el2_a32_op_kind {
	EL2_A32_SET_REG,    /* MOV Rt, #value: R[rt] of the current mode (0-14) */
	EL2_A32_MSR_BANKED, /* MSR <R[n]_mode>, Rt: R8-R14 of another mode (EL1) */
	EL2_A32_MSR_SPSR,   /* MSR SPSR_<mode>, Rt (EL1; fiq irq svc abt und) */
	EL2_A32_CPS,        /* CPS #mode (EL1; at EL0 a NOP) */
	EL2_A32_MCR,        /* MCR p15, opc1, Rt, CRn, CRm, opc2 */
	EL2_A32_MRC,        /* MRC p15, opc1, Rt, CRn, CRm, opc2 */
	EL2_A32_MCRR,       /* MCRR p15, opc1, Rt, Rt2, CRm (64-bit: TTBR0/TTBR1) */
	EL2_A32_MRRC,       /* MRRC p15, opc1, Rt, Rt2, CRm */
	EL2_A32_VFP,        /* any FP/Advanced SIMD instruction: its enable checks */
	EL2_A32_SVC,        /* SVC #imm */
	EL2_A32_HVC,        /* HVC #imm */
	EL2_A32_UDF,        /* UDF #imm: UNDEFINED */
	EL2_A32_WFI,
	EL2_A32_WFE,
	EL2_A32_ABORT,      /* a memory access that faults as .abort says */
} el2_a32_op_kind;

typedef struct el2_a32_op {
	el2_a32_op_kind kind;
	bool t16;           /* a 16-bit T32 encoding (with PSTATE.T = 1): the PC
	                       advances by 2 and ESR.IL = 0 where IL is valid */
	unsigned rt;        /* the register operand (0-14) */
	unsigned n;         /* MSR_BANKED: the banked register (8-14) */
	unsigned mode;      /* MSR_BANKED, MSR_SPSR, CPS: EL2_M32_* */
	uint32_t value;     /* SET_REG */
	uint16_t imm;       /* SVC, HVC (T32 SVC: imm8) */
	unsigned opc1, crn, crm, opc2; /* MCR, MRC */
	el2_abort abort;    /* ABORT: the fault (FAR = abort.vaddress) */
	unsigned rt2;       /* MCRR, MRRC: the register with bits [63:32] */
} el2_a32_op;

typedef struct el2_a32_result {
	bool taken;           /* an exception was taken (the PE is in AArch64) */
	el2_exc_type type;    /* taken: its type */
	el2_exc_outcome exc;  /* taken: target EL, ESR, vector... */
	uint64_t pc;          /* the operation's address */
} el2_a32_result;

/* Performs one operation at PC in AArch32 state: it completes (PC moves on
 * by 2 or 4) or takes its exception. EL2_ERR_INVALID_ARG if the PE is not
 * in AArch32 state or the operation is malformed (register numbers, mode);
 * EL2_ERR_UNSUPPORTED (PE unchanged) for an exception to AArch32 EL1 or an
 * unmodelled CP15 register that would be UNDEFINED there. */
el2_err el2_a32_step(el2_pe *pe, const el2_a32_op *op, el2_a32_result *res);

/* Performs ops[0..n) in order until one takes an exception (res says
 * which: *done is its index + 1) or all complete (*done = n, res->taken
 * false). Stops at the first error. */
el2_err el2_a32_run(el2_pe *pe, const el2_a32_op *ops, size_t n, size_t *done,
		    el2_a32_result *res);

/* A fixed guest: the operations it performs, from the start, each time
 * the PE enters AArch32 (the engine's AArch32 guest performer when ctx is
 * an el2_a32_script: el2_engine_set_a32_guest(eng, el2_a32_script_run,
 * &script)). Its list must end in an operation that takes an exception;
 * if none does, EL2_ERR_UNSUPPORTED. */
typedef struct el2_a32_script {
	const el2_a32_op *ops;
	size_t n;
} el2_a32_script;
el2_err el2_a32_script_run(void *ctx, el2_pe *pe, size_t *insns, el2_a32_result *res);

#ifdef __cplusplus
}
#endif
#endif
