/* SPDX-License-Identifier: MIT */
/* FEAT_PAuth instructions (pauth_exec.c). Internal to lib/. */
#ifndef EL2SIM_PAUTH_EXEC_H
#define EL2SIM_PAUTH_EXEC_H

#include "pe_internal.h"

/* A PAuth word outside the hint space (PAC*, AUT*, XPAC*, PACGA, BRA*,
 * BLRA*, RETA*, LDRA*)? */
bool pauth_is_insn(uint32_t insn);
/* Performs it (res already reset to NOT_SYSTEM by the caller). */
void pauth_exec(el2_pe *pe, uint32_t insn, el2_exec_result *res);
/* A PAC hint (CRm:op2): performed and true, or false when it is not one
 * or the PE lacks FEAT_PAuth (then it is a NOP). */
bool pauth_hint(el2_pe *pe, unsigned crm_op2, el2_exec_result *res);
/* ERETAA/ERETAB's authenticated target; false if the PAC trap was taken. */
bool pauth_eret_target(el2_pe *pe, bool key_b, uint64_t *elr, el2_exec_result *res);

#endif
