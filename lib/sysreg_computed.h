/* SPDX-License-Identifier: MIT */
/* SPECIAL rows whose value is computed from other state: generic timer
 * (counts, TVAL, ISTATUS), GICv3 hypervisor status registers
 * (ICH_MISR/EISR/ELRSR_EL2) and the OS Lock (a write of OSLAR_EL1 sets
 * OSLSR_EL1.OSLK). _EL12/_EL02 alias ids are accepted and resolved.
 * Internal to lib/. */
#ifndef EL2SIM_SYSREG_COMPUTED_H
#define EL2SIM_SYSREG_COMPUTED_H

#include "pe_internal.h"

/* If id is a computed row (timer, GIC status, OSLAR_EL1), stores its
 * value and returns true. */
bool computed_read(const el2_pe *pe, el2_sysreg id, uint64_t *val);
/* If id is a computed row, performs the write (e.g. TVAL sets
 * CVAL) and returns true. Read-only rows ignore the write. */
bool computed_write(el2_pe *pe, el2_sysreg id, uint64_t val);

#endif
