/* SPDX-License-Identifier: MIT */
/* The round-trip scenarios, shared by test_ref_nvhe.c and test_ref_vhe.c:
 * one per exit kind. Each runs the host to the sentinel and checks the exit
 * code, what the guest saw at its first instruction, what the context holds
 * after the exit, and that the host got its state back. Expected values are
 * derived by hand from the Arm ARM (ESR encodings) and the context layout. */
#ifndef REF_SCENARIOS_H
#define REF_SCENARIOS_H

#include "ref_test_util.h"

/* ESR_EL2 values, from the ISS encodings (DDI 0487 J.a, D19 ESR_EL2). */
#define ESR_IL (1ull << 25)
#define ESR_HVC(imm) ((0x16ull << 26) | ESR_IL | (imm))
/* Data abort from a lower EL, ISV = 1, SAS = 0b11 (64-bit), SF = 1. */
#define ESR_DABT(srt, wnr, dfsc) \
	((0x24ull << 26) | ESR_IL | (1ull << 24) | (3ull << 22) | ((uint64_t)(srt) << 16) | \
	 (1ull << 15) | ((uint64_t)(wnr) << 6) | (dfsc))
#define DFSC_TRANSLATION_L3 0x07
#define DFSC_PERMISSION_L3 0x0f
/* MSR SCTLR_EL1, X5: EC 0x18, Op0 3, Op2 0, Op1 0, CRn 1, Rt 5, CRm 0, write. */
#define ESR_MSR_SCTLR_EL1_X5 ((0x18ull << 26) | ESR_IL | (3ull << 20) | (1ull << 10) | (5ull << 5))

#define PSTATE_HOST_MASK (EL2_PSR_DAIF | EL2_PSR_PAN | EL2_PSR_UAO | EL2_PSR_SSBS | \
			  EL2_PSR_DIT | EL2_PSR_M)

/* Guest entry fidelity: at its first instruction the guest saw exactly
 * its context (FP/SIMD excepted: lazily switched, trapped at that point). */
static inline void rt_check_guest_entry(rt_world *w, const char *stub)
{
	rt_guest_view *g = &w->entry;
	assert_true(g->seen);
	for (unsigned n = 0; n < 31; n++)
		assert_int_equal(g->x[n], GTAG(n));
	assert_int_equal(g->pc, rt_guest_sym(w, stub));
	assert_int_equal(g->pstate, GUEST_PSTATE);
	assert_int_equal(g->sp, GUEST_SP_EL1);
	assert_int_equal(g->sp_el0, GUEST_SP_EL0);
	for (unsigned i = 0; i < NR_SYS; i++)
		assert_int_equal(g->sys[rt_sysregs[i].slot], rt_sysregs[i].guest);
	/* FP/SIMD not handed over yet: the first use traps to EL2. */
	if (w->vhe)
		assert_int_equal(g->cptr_el2 & CPTR_FPEN, 0);
	else
		assert_int_equal(g->cptr_el2 & CPTR_TFP, CPTR_TFP);
	/* The guest's trap configuration; TGE clear under VHE. */
	assert_int_equal(g->hcr_el2, w->vhe ? HCR_GUEST_VHE : HCR_GUEST_NVHE);
}

/* The context after the exit: the guest's GPRs (+delta), SP_EL0 and EL1
 * registers as they were at the exception, PC/PSTATE, exit information. */
static inline void rt_check_ctxt_regs(rt_world *w, uint64_t delta)
{
	for (unsigned n = 0; n < 31; n++)
		assert_int_equal(rt_ctxt(w, CTXT_X(n)), GTAG(n) + delta);
}

static inline void rt_check_ctxt_sys(rt_world *w)
{
	for (unsigned i = 0; i < NR_SYS; i++)
		assert_int_equal(rt_ctxt(w, CTXT_SYSREG(rt_sysregs[i].slot)), rt_sysregs[i].guest);
	assert_int_equal(rt_ctxt(w, CTXT_SP_EL0), GUEST_SP_EL0);
	assert_int_equal(rt_ctxt(w, CTXT_PSTATE), GUEST_PSTATE);
}

static inline void rt_check_exit(rt_world *w, uint64_t code, uint64_t pc, uint64_t esr,
				 uint64_t far, uint64_t hpfar)
{
	assert_int_equal(rt_reg(w, EL2_REG_X(0)), code);
	assert_int_equal(rt_ctxt(w, CTXT_EXIT_CODE), code);
	assert_int_equal(rt_ctxt(w, CTXT_PC), pc);
	assert_int_equal(rt_ctxt(w, CTXT_ESR_EL2), esr);
	assert_int_equal(rt_ctxt(w, CTXT_FAR_EL2), far);
	assert_int_equal(rt_ctxt(w, CTXT_HPFAR_EL2), hpfar);
}

/* Host integrity after the round trip (x0 is the exit code / status). */
static inline void rt_check_host(rt_world *w)
{
	assert_int_equal(el2_pe_pc(w->pe), SENTINEL);
	assert_int_equal(rt_reg(w, EL2_REG_X(30)), SENTINEL);
	if (w->vhe) {
		assert_int_equal(el2_pe_el(w->pe), 2);
		for (unsigned n = 1; n < 18; n++) /* caller-saved: cleared */
			assert_int_equal(rt_reg(w, EL2_REG_X(n)), 0);
		for (unsigned n = 18; n < 30; n++)
			assert_int_equal(rt_reg(w, EL2_REG_X(n)), HTAG(n));
		assert_int_equal(rt_reg(w, EL2_REG_SP), w->stack_top);
		assert_int_equal(rt_reg(w, EL2_REG_PSTATE) & PSTATE_HOST_MASK,
				 VHE_HOST_PSTATE & PSTATE_HOST_MASK);
		assert_int_equal(rt_reg(w, EL2_SYSREG(ELR_EL2)), HTAG(0x300));
		assert_int_equal(rt_reg(w, EL2_SYSREG(SPSR_EL2)), HOST_SPSR_EL2);
		assert_int_equal(rt_reg(w, EL2_SYSREG(ESR_EL2)), HOST_ESR_EL2);
		assert_int_equal(rt_reg(w, EL2_SYSREG(FAR_EL2)), HTAG(0x301));
		assert_int_equal(rt_reg(w, EL2_SYSREG(HPFAR_EL2)), HOST_HPFAR_EL2);
	} else {
		assert_int_equal(el2_pe_el(w->pe), 1);
		assert_int_equal(rt_reg(w, EL2_REG_X(1)), w->ctxt);
		for (unsigned n = 2; n < 30; n++)
			assert_int_equal(rt_reg(w, EL2_REG_X(n)), HTAG(n));
		assert_int_equal(rt_reg(w, EL2_REG_SP), HOST_SP_EL1);
		assert_int_equal(rt_reg(w, EL2_REG_PSTATE), NVHE_HOST_PSTATE);
	}
	assert_int_equal(rt_reg(w, EL2_SYSREG(SP_EL0)), HOST_SP_EL0);
	for (unsigned i = 0; i < NR_SYS; i++)
		assert_int_equal(rt_reg(w, rt_sysregs[i].reg), rt_sysregs[i].host);
	for (unsigned n = 0; n < 32; n++) {
		el2_u128 v, want = rt_vtag(HTAG(0x200), n);
		assert_int_equal(el2_vreg_read(w->pe, n, &v), EL2_OK);
		assert_int_equal(v.lo, want.lo);
		assert_int_equal(v.hi, want.hi);
	}
	assert_int_equal(rt_reg(w, EL2_SYSREG(FPCR)), HOST_FPCR);
	assert_int_equal(rt_reg(w, EL2_SYSREG(FPSR)), HOST_FPSR);
	/* EL2 state (seed 2 and property 6) */
	assert_int_equal(rt_reg(w, EL2_SYSREG(TPIDR_EL2)), w->percpu);
	assert_int_equal(rt_reg(w, EL2_SYSREG(VBAR_EL2)), w->vectors);
	assert_int_equal(rt_reg(w, EL2_SYSREG(SP_EL2)), w->stack_top);
	assert_int_equal(rt_reg(w, EL2_SYSREG(HCR_EL2)), w->vhe ? HCR_HOST_VHE : HCR_HOST_NVHE);
	assert_int_equal(rt_reg(w, EL2_SYSREG(CPTR_EL2)), w->vhe ? CPTR_HOST_VHE : CPTR_HOST_NVHE);
	assert_int_equal(rt_reg(w, EL2_SYSREG(VTTBR_EL2)), 0);
	assert_int_equal(rt_reg(w, EL2_SYSREG(VTCR_EL2)), 0x80000000);
	uint64_t guest_ptr = 1;
	assert_int_equal(el2_mem_read(w->mem, w->percpu + PCPU_GUEST, &guest_ptr, 8), EL2_OK);
	assert_int_equal(guest_ptr, 0);
}

static inline void scenario_hvc(const char *elf, const char *label)
{
	rt_world w;
	rt_open(&w, elf, "guest_hvc");
	rt_round_trip(&w, label);
	uint64_t stub = rt_guest_sym(&w, "guest_hvc");
	rt_check_guest_entry(&w, "guest_hvc");
	rt_check_exit(&w, EXIT_HVC, stub + 4, ESR_HVC(0x10), 0, 0);
	rt_check_ctxt_regs(&w, 0);
	rt_check_ctxt_sys(&w);
	rt_check_host(&w);
	rt_close(&w);
}

static inline void scenario_scramble(const char *elf, const char *label)
{
	rt_world w;
	rt_open(&w, elf, "guest_scramble");
	rt_round_trip(&w, label);
	/* 31 ADDs, ADD SP, three MSRs, then HVC: ELR_EL2 = the next insn. */
	uint64_t stub = rt_guest_sym(&w, "guest_scramble");
	rt_check_exit(&w, EXIT_HVC, stub + 36 * 4, ESR_HVC(0x11), 0, 0);
	rt_check_ctxt_regs(&w, 1);
	assert_int_equal(rt_ctxt(&w, CTXT_SYSREG(SYS_SP_EL1)), GUEST_SP_EL1 + 16);
	assert_int_equal(rt_ctxt(&w, CTXT_SP_EL0), GTAG(7) + 1);
	assert_int_equal(rt_ctxt(&w, CTXT_SYSREG(SYS_TPIDR_EL1)), GTAG(5) + 1);
	assert_int_equal(rt_ctxt(&w, CTXT_SYSREG(SYS_TPIDR_EL0)), GTAG(6) + 1);
	assert_int_equal(rt_ctxt(&w, CTXT_SYSREG(SYS_VBAR_EL1)), GUEST_BASE + 0x1800);
	rt_check_host(&w);
	rt_close(&w);
}

static inline void scenario_mmio(const char *elf, const char *label)
{
	rt_world w;
	rt_open(&w, elf, "guest_mmio");
	rt_round_trip(&w, label);
	uint64_t stub = rt_guest_sym(&w, "guest_mmio");
	/* HPFAR_EL2.FIPA = IPA[47:12] at bits [43:4] (valid: translation fault) */
	rt_check_exit(&w, EXIT_MMIO, stub + 4, ESR_DABT(2, 0, DFSC_TRANSLATION_L3),
		      MMIO_BASE + 0x10, (MMIO_BASE >> 12) << 4);
	assert_int_equal(rt_ctxt(&w, CTXT_X(3)), MMIO_BASE);
	assert_int_equal(rt_ctxt(&w, CTXT_X(2)), GTAG(2)); /* the load did not complete */
	rt_check_ctxt_sys(&w);
	rt_check_host(&w);
	rt_close(&w);
}

static inline void scenario_s2_perm(const char *elf, const char *label)
{
	rt_world w;
	rt_open(&w, elf, "guest_ro_write");
	rt_round_trip(&w, label);
	uint64_t stub = rt_guest_sym(&w, "guest_ro_write");
	/* HPFAR_EL2 is UNKNOWN here (the test's UNKNOWN hook poisons it): the
	 * context's value must come from AT S1E1R + PAR_EL1 (stage 1 off:
	 * IPA = VA). */
	rt_check_exit(&w, EXIT_S2_PERM, stub + 4, ESR_DABT(4, 1, DFSC_PERMISSION_L3),
		      GUEST_RO_BASE + 8, (GUEST_RO_BASE >> 12) << 4);
	rt_check_ctxt_sys(&w); /* includes the guest's PAR_EL1, kept around the AT */
	rt_check_host(&w);
	rt_close(&w);
}

static inline void scenario_sysreg(const char *elf, const char *label)
{
	rt_world w;
	rt_open(&w, elf, "guest_sysreg");
	rt_round_trip(&w, label);
	uint64_t stub = rt_guest_sym(&w, "guest_sysreg");
	/* Trapped by HCR_EL2.TVM before it wrote anything: ELR = the MSR. */
	rt_check_exit(&w, EXIT_SYSREG, stub, ESR_MSR_SCTLR_EL1_X5, 0, 0);
	rt_check_ctxt_regs(&w, 0);
	rt_check_ctxt_sys(&w);
	rt_check_host(&w);
	rt_close(&w);
}

static inline void scenario_irq(const char *elf, const char *label)
{
	rt_world w;
	rt_open(&w, elf, "guest_irq");
	uint64_t wait = rt_guest_sym(&w, "guest_irq_wait");
	assert_int_equal(el2_engine_line_at_addr(w.eng, EL2_LINE_IRQ, true, wait), EL2_OK);
	rt_round_trip(&w, label);
	/* Taken before the instruction at guest_irq_wait, after one ADD. */
	rt_check_exit(&w, EXIT_IRQ, wait, 0, 0, 0);
	assert_int_equal(rt_ctxt(&w, CTXT_X(4)), GTAG(4) + 1);
	assert_int_equal(rt_ctxt(&w, CTXT_X(5)), GTAG(5));
	rt_check_ctxt_sys(&w);
	rt_check_host(&w);
	rt_close(&w);
}

static inline void scenario_fp(const char *elf, const char *label)
{
	rt_world w;
	rt_open(&w, elf, "guest_fp");
	rt_round_trip(&w, label);
	uint64_t stub = rt_guest_sym(&w, "guest_fp");
	rt_check_exit(&w, EXIT_HVC, stub + 12, ESR_HVC(0x12), 0, 0);
	/* FMOV Dd, Xn writes the low 64 bits and clears the rest. */
	for (unsigned n = 0; n < 32; n++) {
		el2_u128 want = rt_vtag(GTAG(0x200), n);
		if (n == 0 || n == 9)
			want = (el2_u128){GTAG(n == 0 ? 1 : 2), 0};
		assert_int_equal(rt_ctxt(&w, CTXT_V(n)), want.lo);
		assert_int_equal(rt_ctxt(&w, CTXT_V(n) + 8), want.hi);
	}
	assert_int_equal(rt_ctxt(&w, CTXT_FPCR), GUEST_FPCR);
	assert_int_equal(rt_ctxt(&w, CTXT_FPSR), GUEST_FPSR);
	rt_check_ctxt_regs(&w, 0);
	rt_check_host(&w);
	rt_close(&w);
}

#endif
