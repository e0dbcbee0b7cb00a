/* SPDX-License-Identifier: MIT */
/* The AArch32 view of the general-purpose registers (Arm ARM DDI 0487 J.a,
 * "Mapping of AArch32 registers to AArch64" in the AArch64 Application
 * Level Programmers' Model; aarch32/functions/registers/LookUpRIndex) and the CP15 registers a model-performed guest
 * can reach, with the AArch64 register each maps onto. */
#include "aarch32_regs.h"

/* aarch32/functions/registers/LookUpRIndex + RBankSelect: the X index. */
int el2_a32_xreg(unsigned mode, unsigned n)
{
	if (n > 14)
		return -1;
	if (mode == EL2_M32_FIQ && n >= 8)
		return (int)(24 + (n - 8)); /* R8_fiq-R12_fiq X24-X28, SP X29, LR X30 */
	if (n < 13)
		return (int)n;
	bool sp = n == 13;
	switch (mode) {
	case EL2_M32_USR:
	case EL2_M32_SYS: return sp ? 13 : 14;
	case EL2_M32_HYP: return sp ? 15 : 14; /* Hyp mode uses LR_usr */
	case EL2_M32_IRQ: return sp ? 17 : 16;
	case EL2_M32_SVC: return sp ? 19 : 18;
	case EL2_M32_ABT: return sp ? 21 : 20;
	case EL2_M32_UND: return sp ? 23 : 22;
	default: return -1; /* Monitor mode has no AArch64 mapping */
	}
}

el2_err el2_a32_reg_read(const el2_pe *pe, unsigned n, uint32_t *val)
{
	if (!pe || !val || !using_aarch32(pe))
		return EL2_ERR_INVALID_ARG;
	if (n == 15) {
		*val = (uint32_t)pe->s.pc;
		return EL2_OK;
	}
	int x = el2_a32_xreg((unsigned)(pe->s.pstate & EL2_PSR_M), n);
	if (x < 0)
		return EL2_ERR_INVALID_ARG;
	*val = (uint32_t)pe->s.x[x];
	return EL2_OK;
}

/* An AArch32 write sets the low half; the upper half of the X register is
 * UNKNOWN until AArch64.MaybeZeroRegisterUppers: the model keeps it. */
el2_err el2_a32_reg_write(el2_pe *pe, unsigned n, uint32_t val)
{
	if (!pe || !using_aarch32(pe))
		return EL2_ERR_INVALID_ARG;
	int x = el2_a32_xreg((unsigned)(pe->s.pstate & EL2_PSR_M), n);
	if (x < 0)
		return EL2_ERR_INVALID_ARG;
	pe->s.x[x] = (pe->s.x[x] & ~0xffffffffull) | val;
	return EL2_OK;
}

/* CP15 (coproc 0b1111) registers mapped to AArch64 state, one row each:
 * encoding, storage and the half it is, who traps it. TVM rows are the
 * registers HCR_EL2.TVM (writes) / TRVM (reads) trap from AArch32 EL1
 * (D19 HCR_EL2.TVM: SCTLR, TTBCR, DACR, DFSR, IFSR, DFAR, IFAR, PRRR/MAIR0,
 * NMRR/MAIR1, CONTEXTIDR ...). */
static const struct cp15_row cp15_rows[] = {
	/* opc1 crn crm opc2  storage            shift  flags */
	{0, 1, 0, 0, EL2_SR_SCTLR_EL1,      0,  CP15_TVM},       /* SCTLR */
	{0, 1, 0, 2, EL2_SR_CPACR_EL1,      0,  CP15_TCPAC},     /* CPACR */
	{0, 2, 0, 2, EL2_SR_TCR_EL1,        0,  CP15_TVM},       /* TTBCR */
	{0, 3, 0, 0, EL2_SR_DACR32_EL2,     0,  CP15_TVM},       /* DACR */
	{0, 5, 0, 0, EL2_SR_ESR_EL1,        0,  CP15_TVM},       /* DFSR */
	{0, 5, 0, 1, EL2_SR_IFSR32_EL2,     0,  CP15_TVM},       /* IFSR */
	{0, 6, 0, 0, EL2_SR_FAR_EL1,        0,  CP15_TVM},       /* DFAR */
	{0, 6, 0, 2, EL2_SR_FAR_EL1,        32, CP15_TVM},       /* IFAR */
	{0, 10, 2, 0, EL2_SR_MAIR_EL1,      0,  CP15_TVM},       /* PRRR/MAIR0 */
	{0, 10, 2, 1, EL2_SR_MAIR_EL1,      32, CP15_TVM},       /* NMRR/MAIR1 */
	{0, 12, 0, 0, EL2_SR_VBAR_EL1,      0,  0},              /* VBAR */
	{0, 13, 0, 1, EL2_SR_CONTEXTIDR_EL1, 0, CP15_TVM},       /* CONTEXTIDR */
	{0, 13, 0, 2, EL2_SR_TPIDR_EL0,     0,  CP15_EL0_RW},    /* TPIDRURW */
	{0, 13, 0, 3, EL2_SR_TPIDRRO_EL0,   0,  CP15_EL0_RO},    /* TPIDRURO */
	{0, 13, 0, 4, EL2_SR_TPIDR_EL1,     0,  0},              /* TPIDRPRW */
};

/* 64-bit: TTBR0 (opc1 0, CRm 2) and TTBR1 (opc1 1, CRm 2), HCR_EL2.TVM
 * group. */
static const struct cp15_row cp15_rows64[] = {
	{0, 0, 2, 0, EL2_SR_TTBR0_EL1, 0, CP15_TVM},
	{1, 0, 2, 0, EL2_SR_TTBR1_EL1, 0, CP15_TVM},
};

const struct cp15_row *aarch32_cp15_row64(unsigned opc1, unsigned crm)
{
	for (size_t i = 0; i < sizeof(cp15_rows64) / sizeof(cp15_rows64[0]); i++)
		if (cp15_rows64[i].opc1 == opc1 && cp15_rows64[i].crm == crm)
			return &cp15_rows64[i];
	return NULL;
}

const struct cp15_row *aarch32_cp15_row(unsigned opc1, unsigned crn, unsigned crm, unsigned opc2)
{
	for (size_t i = 0; i < sizeof(cp15_rows) / sizeof(cp15_rows[0]); i++) {
		const struct cp15_row *r = &cp15_rows[i];
		if (r->opc1 == opc1 && r->crn == crn && r->crm == crm && r->opc2 == opc2)
			return r;
	}
	return NULL;
}

uint32_t aarch32_cp15_read(const el2_pe *pe, const struct cp15_row *r)
{
	return (uint32_t)(pe->s.sr[r->reg] >> r->shift);
}

/* The other half of a 64-bit register is unchanged; the row's RES0/RES1
 * masks apply to the result. */
void aarch32_cp15_write(el2_pe *pe, const struct cp15_row *r, uint32_t val)
{
	uint64_t half = 0xffffffffull << r->shift;
	uint64_t v = (pe->s.sr[r->reg] & ~half) | ((uint64_t)val << r->shift);
	pe->s.sr[r->reg] = aarch32_write_value(pe, r->reg, v, sysreg_masked(pe, r->reg, v));
}
