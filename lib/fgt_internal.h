/* SPDX-License-Identifier: MIT */
/* FEAT_FGT fine-grained traps (lib/fgt_traps.c). Internal to lib/. */
#ifndef EL2SIM_FGT_INTERNAL_H
#define EL2SIM_FGT_INTERNAL_H

#include "pe_internal.h"

/* Does HFGRTR/HFGWTR/HDFGRTR/HDFGWTR/HFGITR_EL2 trap this access of row id
 * (is_write selects the W register)? Call for EL1, or EL0 not in host,
 * with EL2 enabled. */
bool fgt_traps(const el2_pe *pe, el2_sysreg id, bool is_write);
/* The FEAT_FGT parts of AArch64.CheckForERetTrap and AArch64.CheckForSVCTrap. */
bool fgt_eret_traps(const el2_pe *pe);
bool fgt_svc_traps(const el2_pe *pe);

#endif
