/* SPDX-License-Identifier: MIT */
/* The model's internal header: the PE's state and predicates (model_seam.h,
 * shared with the engine) plus what only lib/ uses. The public API sees an
 * opaque handle. */
#ifndef EL2SIM_PE_INTERNAL_H
#define EL2SIM_PE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "el2sim/bits.h"
#include "el2sim/el2sim.h"
#include "seam/model_seam.h"
#include "sysreg_index.h"

/* An architecturally UNKNOWN value for reg (el2_pe_set_unknown_hook). */
uint64_t pe_unknown(el2_pe *pe, el2_reg reg, uint64_t old);

#endif
