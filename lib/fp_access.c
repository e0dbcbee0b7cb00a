/* SPDX-License-Identifier: MIT */
/* Whether FP/SIMD (and so FPCR/FPSR) is accessible at the current EL. */
#include "sysreg_access.h"

/* CPACR_EL1.FPEN / CPTR_EL2.FPEN (E2H = 1 layout), bits [21:20]:
 * x0 -> trapped at EL0 and EL1, 01 -> trapped at EL0 only, 11 -> not. */
static unsigned fpen(uint64_t reg)
{
	return (unsigned)((reg & EL2_CPACR_FPEN) >> EL2_CPACR_FPEN_SHIFT);
}

/* aarch64/functions/fpsimd/AArch64.CheckFPEnabled and
 * aarch64/functions/fpsimd/AArch64.CheckFPAdvSIMDTrap (DDI 0487 J.a), as
 * called by aarch64/functions/fpsimd/AArch64.CheckFPAdvSIMDEnabled; the
 * CPTR_EL3 check is absent because the modelled EL3 never traps FP. */
unsigned fp_trap_target(const el2_pe *pe)
{
	unsigned el = pe_el(pe);

	/* CPACR_EL1 controls EL0 and EL1 unless EL0 is in host. */
	if (el <= 1 && !is_in_host(pe)) {
		unsigned f = fpen(SR(pe, CPACR_EL1));
		if (!(f & 1) || (f == 1 && el == 0))
			return 1;
	}
	if (el <= 2 && el2_enabled(pe)) {
		uint64_t cptr = SR(pe, CPTR_EL2);
		if (el_is_in_host(pe, 2)) {
			/* HCR_EL2.E2H == 1: CPTR_EL2 has the CPACR layout. */
			unsigned f = fpen(cptr);
			bool tge = (SR(pe, HCR_EL2) & EL2_HCR_TGE) != 0;
			if (!(f & 1) || (f == 1 && el == 0 && tge))
				return 2;
		} else if (cptr & EL2_CPTR_TFP) {
			return 2;
		}
	}
	return 0;
}
