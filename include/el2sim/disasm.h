/* SPDX-License-Identifier: MIT */
/* A64 disassembly for traces and messages (Capstone underneath). */
#ifndef EL2SIM_DISASM_H
#define EL2SIM_DISASM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes the text of one A64 instruction word at address pc into buf
 * ("add x0, x0, #0x1"). MRS/MSR/SYS words whose register Capstone only
 * knows by its generic name ("s3_4_c1_c1_0") get the system-register
 * table's name appended as a comment ("msr s3_4_c1_c1_0, x0 // HCR_EL2").
 * Words Capstone cannot decode become "udf #0x..." (bits [31:16] zero) or
 * ".inst 0x...". Always NUL-terminates (len > 0); returns the length of
 * the text, truncated or not (like snprintf). Thread-safe: each thread
 * opens its own Capstone handle on first use. */
size_t el2_disasm(uint32_t insn, uint64_t pc, char *buf, size_t len);

/* Closes the calling thread's Capstone handle (reopened on the next call).
 * Optional; for tools that want a clean leak report. */
void el2_disasm_release(void);

#ifdef __cplusplus
}
#endif
#endif
