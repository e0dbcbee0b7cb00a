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

#define EL2_PSR_GET_EL(psr) ((unsigned)(((psr) >> 2) & 3u))

#endif
