/* SPDX-License-Identifier: MIT */
/* PSTATE as the model keeps it: in the layout of SPSR_ELx for an exception
 * taken from AArch64 (Arm ARM DDI 0487 J.a, C5.2.18 SPSR_EL1), so that
 * GetPSRFromPSTATE() is a mask and SetPSTATEFromPSR() a field-by-field copy. */
#ifndef EL2SIM_PSTATE_H
#define EL2SIM_PSTATE_H

#include <stdint.h>

#define EL2_PSR_N (1ull << 31)
#define EL2_PSR_Z (1ull << 30)
#define EL2_PSR_C (1ull << 29)
#define EL2_PSR_V (1ull << 28)
#define EL2_PSR_NZCV (0xfull << 28)
#define EL2_PSR_TCO (1ull << 25)
#define EL2_PSR_DIT (1ull << 24)
#define EL2_PSR_UAO (1ull << 23)
#define EL2_PSR_PAN (1ull << 22)
#define EL2_PSR_SS (1ull << 21)
#define EL2_PSR_IL (1ull << 20)
#define EL2_PSR_SSBS (1ull << 12)
#define EL2_PSR_BTYPE_SHIFT 10
#define EL2_PSR_BTYPE (3ull << 10)
#define EL2_PSR_D (1ull << 9)
#define EL2_PSR_A (1ull << 8)
#define EL2_PSR_I (1ull << 7)
#define EL2_PSR_F (1ull << 6)
#define EL2_PSR_DAIF (0xfull << 6)
#define EL2_PSR_NRW (1ull << 4)   /* M[4]: 1 = AArch32 */
#define EL2_PSR_EL_SHIFT 2
#define EL2_PSR_EL (3ull << 2)    /* M[3:2] */
#define EL2_PSR_M1 (1ull << 1)    /* M[1]: must be 0 for AArch64 */
#define EL2_PSR_SP (1ull << 0)    /* M[0]: SPSel */
#define EL2_PSR_M (0x1full)

/* M[3:0] values of SPSR for AArch64. */
#define EL2_PSR_MODE_EL0t 0x0u
#define EL2_PSR_MODE_EL1t 0x4u
#define EL2_PSR_MODE_EL1h 0x5u
#define EL2_PSR_MODE_EL2t 0x8u
#define EL2_PSR_MODE_EL2h 0x9u

/* PSTATE/SPSR for AArch32 state (M[4] = 1): the layout of SPSR_ELx for an
 * exception taken from AArch32 (DDI 0487 J.a, SPSR_EL2 "when exception taken
 * from AArch32"). NZCV, DIT [24], PAN [22], SS [21], IL [20] and A/I/F sit
 * where the AArch64 layout has them; the others are AArch32 only. */
#define EL2_PSR32_Q (1ull << 27)
#define EL2_PSR32_IT_LO (3ull << 25)     /* IT[1:0] */
#define EL2_PSR32_SSBS (1ull << 23)
#define EL2_PSR32_GE (0xfull << 16)
#define EL2_PSR32_IT_HI (0x3full << 10)  /* IT[7:2] */
#define EL2_PSR32_IT (EL2_PSR32_IT_LO | EL2_PSR32_IT_HI)
#define EL2_PSR32_E (1ull << 9)
#define EL2_PSR32_AIF (7ull << 6)
#define EL2_PSR32_T (1ull << 5)

/* M[4:0] of the AArch32 modes (AArch32 PSTATE.M, with M[4] = 1). */
#define EL2_M32_USR 0x10u
#define EL2_M32_FIQ 0x11u
#define EL2_M32_IRQ 0x12u
#define EL2_M32_SVC 0x13u
#define EL2_M32_MON 0x16u
#define EL2_M32_ABT 0x17u
#define EL2_M32_HYP 0x1au
#define EL2_M32_UND 0x1bu
#define EL2_M32_SYS 0x1fu

/* The EL a PSR names: M[3:2] in AArch64 state; in AArch32 state the EL of
 * the mode (shared/functions/system/ELFromM32 for the Non-secure state:
 * usr EL0, hyp EL2, mon EL3, the others EL1; an unallocated mode gives 1,
 * validity is the caller's check). */
static inline unsigned el2_psr_el(uint64_t psr)
{
	if (!(psr & EL2_PSR_NRW))
		return (unsigned)((psr >> 2) & 3u);
	switch ((unsigned)(psr & 0xfu)) {
	case EL2_M32_USR & 0xfu: return 0;
	case EL2_M32_HYP & 0xfu: return 2;
	case EL2_M32_MON & 0xfu: return 3;
	default: return 1;
	}
}

#define EL2_PSR_GET_EL(psr) el2_psr_el(psr)

#endif
