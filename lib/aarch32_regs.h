/* SPDX-License-Identifier: MIT */
/* CP15 registers of the model-performed AArch32 guest (lib/aarch32_regs.c).
 * Internal to lib/. */
#ifndef EL2SIM_AARCH32_REGS_H
#define EL2SIM_AARCH32_REGS_H

#include "aarch32_internal.h"
#include "el2sim/aarch32.h"
#include "sysreg_rules.h"

enum cp15_flags {
	CP15_TVM = 1u << 0,    /* HCR_EL2.TVM (write) / TRVM (read) trap it */
	CP15_TCPAC = 1u << 1,  /* CPTR_EL2.TCPAC traps it (CPACR) */
	CP15_EL0_RW = 1u << 2, /* accessible at EL0 */
	CP15_EL0_RO = 1u << 3, /* readable at EL0 */
};

struct cp15_row {
	unsigned opc1, crn, crm, opc2;
	el2_sysreg reg;   /* the AArch64 register it maps onto */
	unsigned shift;   /* 0: bits [31:0], 32: bits [63:32] */
	unsigned flags;
};

const struct cp15_row *aarch32_cp15_row(unsigned opc1, unsigned crn, unsigned crm, unsigned opc2);
/* The 64-bit CP15 registers (MCRR/MRRC): CRn and opc2 are 0 in the row,
 * shift 0; the access is the whole AArch64 register. */
const struct cp15_row *aarch32_cp15_row64(unsigned opc1, unsigned crm);
uint32_t aarch32_cp15_read(const el2_pe *pe, const struct cp15_row *r);
void aarch32_cp15_write(el2_pe *pe, const struct cp15_row *r, uint32_t val);

#endif
