/* SPDX-License-Identifier: MIT */
/* libel2sim: an arm64 processing element at EL0-EL2 (the model). */
#ifndef EL2SIM_EL2SIM_H
#define EL2SIM_EL2SIM_H

#include "el2sim/aarch32.h"
#include "el2sim/bits.h"
#include "el2sim/config.h"
#include "el2sim/err.h"
#include "el2sim/exception.h"
#include "el2sim/exec.h"
#include "el2sim/pe.h"
#include "el2sim/pstate.h"
#include "el2sim/sysreg.h"

#endif
