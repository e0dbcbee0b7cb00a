/* SPDX-License-Identifier: MIT */
/* FEAT_PAuth: the PAC algorithm, the pointer operations and the
 * instructions that use them. Internal to lib/. */
#ifndef EL2SIM_PAUTH_H
#define EL2SIM_PAUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "pe_internal.h"

/* shared/functions/crypto/ComputePAC (pauth_qarma.c). */
uint64_t pauth_compute_pac(uint64_t data, uint64_t modifier, uint64_t key0, uint64_t key1);

/* The five keys, in the order of their register pairs. */
typedef enum pauth_key { PAUTH_IA, PAUTH_IB, PAUTH_DA, PAUTH_DB, PAUTH_GA } pauth_key;

/* What the AddPAC<key>/Auth<key>/AddPACGA pseudocode decides before the
 * computation: the key is disabled (the operand is returned unchanged), or
 * TrapPACUse(EL2), or the computation goes ahead. */
typedef enum pauth_gate { PAUTH_RUN, PAUTH_DISABLED, PAUTH_TRAP_EL2 } pauth_gate;
pauth_gate pauth_gate_for(const el2_pe *pe, pauth_key key);

/* aarch64/functions/pac/addpac/AddPAC, aarch64/functions/pac/auth/Auth and
 * aarch64/functions/pac/strip/Strip for the current EL's translation
 * regime (no FEAT_EPAC/PAuth2/FPAC). */
uint64_t pauth_add(const el2_pe *pe, uint64_t ptr, uint64_t modifier, pauth_key key);
uint64_t pauth_auth(const el2_pe *pe, uint64_t ptr, uint64_t modifier, pauth_key key);
uint64_t pauth_strip(const el2_pe *pe, uint64_t ptr, bool data);
/* aarch64/functions/pac/addpacga/AddPACGA: PAC<63:32>:Zeros(32). */
uint64_t pauth_add_ga(const el2_pe *pe, uint64_t x, uint64_t modifier);

#endif
