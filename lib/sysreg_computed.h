/* SPDX-License-Identifier: MIT */
/* SPECIAL rows whose value is computed from other state: generic timer
 * (counts, TVAL, ISTATUS) and GICv3 hypervisor status registers
 * (ICH_MISR/EISR/ELRSR_EL2). Internal to lib/. */
#ifndef EL2SIM_SYSREG_COMPUTED_H
#define EL2SIM_SYSREG_COMPUTED_H

#include "pe_internal.h"

/* If id is a timer or GIC computed row, stores its value and returns true. */
bool computed_read(const el2_pe *pe, el2_sysreg id, uint64_t *val);
/* If id is a timer or GIC computed row, performs the write (e.g. TVAL sets
 * CVAL) and returns true. Read-only rows ignore the write. */
bool computed_write(el2_pe *pe, el2_sysreg id, uint64_t val);

#endif
