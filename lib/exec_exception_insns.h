/* SPDX-License-Identifier: MIT */
/* The exception-generating instructions and ERET, as decoded by exec.c.
 * Internal to lib/. */
#ifndef EL2SIM_EXEC_EXCEPTION_INSNS_H
#define EL2SIM_EXEC_EXCEPTION_INSNS_H

#include "pe_internal.h"

/* "Exception generation" class (word bits [31:24] = 0xd4): SVC, HVC, SMC,
 * BRK, HLT, DCPS1-3, TCANCEL and the unallocated rest. */
void exec_exception_generation(el2_pe *pe, uint32_t insn, el2_exec_result *res);

/* The ERET/DRPS part of "Unconditional branch (register)" (opc = 0100 or
 * 0101, word bits [31:22] = 0b1101011010): ERET, ERETAA, ERETAB, DRPS and
 * the unallocated rest. */
void exec_eret_class(el2_pe *pe, uint32_t insn, el2_exec_result *res);

#endif
