/* SPDX-License-Identifier: MIT */
/* FEAT_SVE control (sve_ctl.c). Internal to lib/. */
#ifndef EL2SIM_SVE_CTL_H
#define EL2SIM_SVE_CTL_H

#include "sysreg_rules.h"

/* The vector length in bits: 128 whatever ZCR_ELx.LEN asks. */
#define SVE_VL_BITS 128u

/* ZCR_EL1/ZCR_EL2/ZCR_EL12 accessor checks (EL2_T_ZEN rows), after the
 * UNDEFINED cases: ACCESS_OK or ACCESS_SVE_TRAP. */
access_verdict sve_zcr_check(const el2_pe *pe);

/* An SVE encoding (op0 = 0010 of the A64 top-level table)? */
bool sve_is_insn(uint32_t insn);
/* aarch64/functions/sve/CheckSVEEnabled, then RDVL/ADDVL/ADDPL; any other
 * SVE instruction that is enabled is left EL2_OUT_NOT_SYSTEM. */
void sve_exec(el2_pe *pe, uint32_t insn, el2_exec_result *res);

#endif
