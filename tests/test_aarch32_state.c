/* SPDX-License-Identifier: MIT */
/* AArch32 at EL0/EL1 (lib/aarch32_state.c): configuration, HCR_EL2.RW,
 * ID_AA64PFR0_EL1, the AArch32 rows, exception return to AArch32 modes
 * (AArch64.ExceptionReturn, IllegalExceptionReturn, SetPSTATEFromPSR) and
 * exception entry from AArch32 (AArch64.TakeException with from_32).
 * Expected values derived by hand from DDI 0487 J.a. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "insn.h"
#include "pe_internal.h"

#define AA32EL0 EL2_FEAT_AA32EL0
#define AA32EL1 EL2_FEAT_AA32EL1
#define BASE (EL2_FEAT_VHE | EL2_FEAT_PAN | EL2_FEAT_DIT | EL2_FEAT_SSBS)
#define VBAR1 0x40000800ull
#define VBAR2 0x80001000ull

static el2_pe *make_pe(uint32_t features)
{
	el2_config cfg = el2_config_default();
	cfg.features = features;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	SR(pe, VBAR_EL1) = VBAR1;
	SR(pe, VBAR_EL2) = VBAR2;
	return pe;
}

static uint64_t rd(const el2_pe *pe, el2_reg r)
{
	uint64_t v = 0;
	assert_int_equal(el2_reg_read(pe, r, &v), EL2_OK);
	return v;
}

/* ---- configuration ---- */

static void test_n1_default_has_aarch32_at_el0_only(void **state)
{
	(void)state;
	el2_config cfg = el2_config_default();
	assert_true(cfg.features & AA32EL0);
	assert_false(cfg.features & AA32EL1);
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	uint64_t pfr0 = rd(pe, EL2_SYSREG(ID_AA64PFR0_EL1));
	assert_int_equal(pfr0 & 0xf, 2);        /* EL0: AArch64 and AArch32 */
	assert_int_equal((pfr0 >> 4) & 0xf, 1); /* EL1: AArch64 only */
	el2_pe_free(&pe);
}

static void test_id_aa64pfr0_el0_el1_fields_follow_each_combination(void **state)
{
	(void)state;
	static const struct { uint32_t f; unsigned el0, el1; } rows[] = {
		{0, 1, 1}, {AA32EL0, 2, 1}, {AA32EL1, 2, 2}, {AA32EL0 | AA32EL1, 2, 2},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		el2_pe *pe = make_pe(BASE | rows[i].f);
		uint64_t pfr0 = rd(pe, EL2_SYSREG(ID_AA64PFR0_EL1));
		assert_int_equal(pfr0 & 0xf, rows[i].el0);
		assert_int_equal((pfr0 >> 4) & 0xf, rows[i].el1);
		el2_pe_free(&pe);
	}
}

static void test_hcr_el2_rw_is_writable_only_with_aarch32_el1(void **state)
{
	(void)state;
	static const uint32_t feats[] = {0, AA32EL0, AA32EL1, AA32EL0 | AA32EL1};
	for (size_t i = 0; i < 4; i++) {
		el2_pe *pe = make_pe(BASE | feats[i]);
		bool writable = feats[i] & AA32EL1;
		/* MSR HCR_EL2, XZR at EL2. */
		el2_exec_result r;
		el2_exec(pe, msr_insn(el2_sysreg_get(EL2_SR_HCR_EL2)->enc, 31), &r);
		assert_int_equal(r.outcome, EL2_OUT_DONE);
		assert_int_equal(rd(pe, EL2_SYSREG(HCR_EL2)) & EL2_HCR_RW, writable ? 0 : EL2_HCR_RW);
		/* The debugger write follows the same rule. */
		assert_int_equal(el2_reg_write(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW), EL2_OK);
		assert_int_equal(el2_reg_write(pe, EL2_SYSREG(HCR_EL2), 0), EL2_OK);
		assert_int_equal(rd(pe, EL2_SYSREG(HCR_EL2)) & EL2_HCR_RW, writable ? 0 : EL2_HCR_RW);
		el2_pe_free(&pe);
	}
}

static void test_aarch32_el2_rows_exist_only_with_aarch32_el1(void **state)
{
	(void)state;
	static const el2_sysreg rows[] = {EL2_SR_DACR32_EL2, EL2_SR_IFSR32_EL2, EL2_SR_FPEXC32_EL2,
					  EL2_SR_SPSR_irq,   EL2_SR_SPSR_abt,   EL2_SR_SPSR_und,
					  EL2_SR_SPSR_fiq,   EL2_SR_DBGVCR32_EL2};
	for (int with = 0; with < 2; with++) {
		for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
			el2_pe *pe = make_pe(BASE | AA32EL0 | (with ? AA32EL1 : 0));
			SR(pe, CPTR_EL2) = 0; /* FPEXC32_EL2: no TFP trap */
			el2_exec_result r;
			el2_exec(pe, mrs_insn(el2_sysreg_get(rows[i])->enc, 3), &r);
			if (with) {
				assert_int_equal(r.outcome, EL2_OUT_DONE);
			} else {
				assert_int_equal(r.outcome, EL2_OUT_EXCEPTION);
				assert_int_equal(EL2_ESR_EC(r.exc.esr), EL2_EC_UNKNOWN);
			}
			el2_pe_free(&pe);
		}
	}
}

static void test_fpexc32_el2_access_traps_with_cptr_el2_tfp(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(BASE | AA32EL1);
	SR(pe, CPTR_EL2) |= EL2_CPTR_TFP;
	el2_exec_result r;
	el2_exec(pe, msr_insn(el2_sysreg_get(EL2_SR_FPEXC32_EL2)->enc, 1), &r);
	assert_int_equal(r.outcome, EL2_OUT_EXCEPTION);
	assert_int_equal(EL2_ESR_EC(r.exc.esr), EL2_EC_FP_ASIMD);
	assert_int_equal(r.exc.target_el, 2);
	el2_pe_free(&pe);
}

static void test_spsr_el2_keeps_aarch32_fields_of_an_aarch32_psr(void **state)
{
	(void)state;
	const uint64_t psr32 = 0xfe0f7e30ull | EL2_M32_SVC; /* Q, IT, GE, T ... svc */
	el2_pe *pe = make_pe(BASE | AA32EL0);
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(SPSR_EL2), psr32 | (1ull << 40)), EL2_OK);
	assert_int_equal(rd(pe, EL2_SYSREG(SPSR_EL2)), psr32);
	el2_pe_free(&pe);
	pe = make_pe(BASE);
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(SPSR_EL2), psr32), EL2_OK);
	assert_int_equal(rd(pe, EL2_SYSREG(SPSR_EL2)) & EL2_PSR32_T, 0); /* RES0 without AArch32 */
	el2_pe_free(&pe);
}

static void test_sctlr_el1_aarch32_el0_controls_are_writable_with_aarch32_el0(void **state)
{
	(void)state;
	const uint64_t bits = EL2_BIT(5) | EL2_BIT(7) | EL2_BIT(8); /* CP15BEN, ITD, SED */
	el2_pe *pe = make_pe(BASE | AA32EL0);
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(SCTLR_EL1), EL2_BIT(5)), EL2_OK);
	assert_int_equal(rd(pe, EL2_SYSREG(SCTLR_EL1)) & bits, EL2_BIT(5));
	el2_pe_free(&pe);
	pe = make_pe(BASE); /* AArch64 only: CP15BEN RES0, ITD and SED RES1 */
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(SCTLR_EL1), EL2_BIT(5)), EL2_OK);
	assert_int_equal(rd(pe, EL2_SYSREG(SCTLR_EL1)) & bits, EL2_BIT(7) | EL2_BIT(8));
	el2_pe_free(&pe);
}

static void test_debugger_pstate_write_accepts_implemented_aarch32_modes(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(BASE | AA32EL0);
	assert_int_equal(el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR32_T | EL2_M32_USR), EL2_OK);
	assert_int_equal(el2_pe_el(pe), 0);
	assert_int_equal(rd(pe, EL2_REG_PSTATE), EL2_PSR32_T | EL2_M32_USR);
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(SPSel), 1), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_reg_write(pe, EL2_REG_PSTATE, EL2_M32_SVC), EL2_ERR_INVALID_ARG);
	el2_pe_free(&pe);
}

/* ---- exception return ---- */

struct eret_row {
	const char *what;
	uint32_t feats;
	unsigned cur_el;
	uint64_t hcr;
	uint64_t spsr;
	bool legal;
};

#define EL2H 0x9u
#define EL1H 0x5u
#define EL0T 0x0u
static const struct eret_row eret_rows[] = {
	{"usr with AArch32 EL0", AA32EL0, 2, EL2_HCR_RW, EL2_M32_USR, true},
	{"usr without AArch32", 0, 2, EL2_HCR_RW, EL2_M32_USR, false},
	{"svc without AArch32 EL1", AA32EL0, 2, EL2_HCR_RW, EL2_M32_SVC, false},
	{"svc with RW=0", AA32EL1, 2, 0, EL2_M32_SVC, true},
	{"each EL1 mode with RW=0: fiq", AA32EL1, 2, 0, EL2_M32_FIQ, true},
	{"irq", AA32EL1, 2, 0, EL2_M32_IRQ, true},
	{"abt", AA32EL1, 2, 0, EL2_M32_ABT, true},
	{"und", AA32EL1, 2, 0, EL2_M32_UND, true},
	{"sys", AA32EL1, 2, 0, EL2_M32_SYS, true},
	{"svc with RW=1 (EL1 is AArch64)", AA32EL1, 2, EL2_HCR_RW, EL2_M32_SVC, false},
	{"EL1h AArch64 with RW=0", AA32EL1, 2, 0, EL1H, false},
	{"EL0t AArch64 with RW=0 (EL0 must be AArch32)", AA32EL1, 2, 0, EL0T, false},
	{"usr with RW=0", AA32EL1, 2, 0, EL2_M32_USR, true},
	{"usr with RW=1", AA32EL1, 2, EL2_HCR_RW, EL2_M32_USR, true},
	{"hyp: EL2 is AArch64 only", AA32EL1, 2, 0, EL2_M32_HYP, false},
	{"mon: no EL3", AA32EL1, 2, 0, EL2_M32_MON, false},
	{"unallocated mode 0x14", AA32EL1, 2, 0, 0x14, false},
	{"svc with TGE=1", AA32EL1, 2, EL2_HCR_TGE, EL2_M32_SVC, false},
	{"svc with E2H=TGE=1 (RW acts as 1)", AA32EL1, 2, EL2_HCR_E2H | EL2_HCR_TGE, EL2_M32_SVC, false},
	{"usr from AArch64 EL1", AA32EL0, 1, EL2_HCR_RW, EL2_M32_USR, true},
	{"svc from AArch64 EL1 (RW=1)", AA32EL1, 1, EL2_HCR_RW, EL2_M32_SVC, false},
};

static void test_eret_to_aarch32_modes_is_legal_exactly_as_the_rules_say(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(eret_rows) / sizeof(eret_rows[0]); i++) {
		const struct eret_row *r = &eret_rows[i];
		el2_pe *pe = make_pe(BASE | r->feats);
		SR(pe, HCR_EL2) = r->hcr;
		pe->s.pstate = ((uint64_t)r->cur_el << 2) | EL2_PSR_SP | EL2_PSR_DAIF;
		if (el2_illegal_exception_return(pe, r->spsr) == r->legal)
			fail_msg("row '%s': legality", r->what);
		el2_exc_outcome o;
		el2_exception_return(pe, 0x8000, r->spsr, &o);
		assert_int_equal(o.illegal_return, !r->legal);
		if (r->legal) {
			assert_int_equal(pe->s.pstate & EL2_PSR_M, r->spsr & EL2_PSR_M);
			assert_int_equal(el2_pe_el(pe), el2_psr_el(r->spsr));
		} else {
			/* Illegal: PSTATE.IL set, still AArch64 at the same EL. */
			assert_int_equal(pe->s.pstate & EL2_PSR_IL, EL2_PSR_IL);
			assert_int_equal(pe->s.pstate & EL2_PSR_NRW, 0);
			assert_int_equal(el2_pe_el(pe), r->cur_el);
		}
		el2_pe_free(&pe);
	}
}

static el2_pe *at_el2_rw0(void)
{
	el2_pe *pe = make_pe(BASE | AA32EL1);
	SR(pe, HCR_EL2) = 0;
	return pe;
}

static void test_eret_to_aarch32_takes_it_t_e_ge_q_from_the_spsr(void **state)
{
	(void)state;
	el2_pe *pe = at_el2_rw0();
	SR(pe, SCTLR_EL1) &= ~EL2_BIT(7); /* ITD = 0: multi-instruction IT allowed */
	/* NZCV=1010, Q, IT = 0b01011000 (IT[1:0]=00, IT[7:2]=010110), GE=0101,
	 * E, A, I, T, svc. */
	uint64_t spsr = 0xa0000000ull | EL2_PSR32_Q | (0x16ull << 10) | (0x5ull << 16) |
			EL2_PSR32_E | EL2_PSR_A | EL2_PSR_I | EL2_PSR32_T | EL2_M32_SVC;
	el2_exc_outcome o;
	el2_exception_return(pe, 0x8001, spsr, &o);
	assert_false(o.illegal_return);
	assert_int_equal(pe->s.pstate, spsr);
	el2_pe_free(&pe);

	/* A32 (T = 0) with IT bits set: IT forced to zero (RestoredITBits). */
	pe = at_el2_rw0();
	SR(pe, SCTLR_EL1) &= ~EL2_BIT(7);
	el2_exception_return(pe, 0x8000, (spsr & ~EL2_PSR32_T), &o);
	assert_int_equal(pe->s.pstate & EL2_PSR32_IT, 0);
	assert_int_equal(pe->s.pstate & EL2_PSR32_GE, 0x5ull << 16);
	el2_pe_free(&pe);

	/* A reserved IT value (IT[7:4] != 0, IT[3:0] == 0) is zeroed too. */
	pe = at_el2_rw0();
	SR(pe, SCTLR_EL1) &= ~EL2_BIT(7);
	el2_exception_return(pe, 0x8000, EL2_PSR32_T | (0x20ull << 10) | EL2_M32_SVC, &o);
	assert_int_equal(pe->s.pstate & EL2_PSR32_IT, 0);
	el2_pe_free(&pe);
}

static void test_eret_to_aarch32_aligns_the_pc_by_instruction_set(void **state)
{
	(void)state;
	el2_exc_outcome o;
	el2_pe *pe = at_el2_rw0();
	el2_exception_return(pe, 0xffff000080001003ull, EL2_PSR32_T | EL2_M32_SVC, &o);
	assert_int_equal(pe->s.pc, 0x80001002ull); /* T32: bit 0 and [63:32] dropped */
	el2_pe_free(&pe);
	pe = at_el2_rw0();
	el2_exception_return(pe, 0xffff000080001003ull, EL2_M32_SVC, &o);
	assert_int_equal(pe->s.pc, 0x80001000ull); /* A32: bits [1:0] too */
	el2_pe_free(&pe);
}

static void test_illegal_eret_to_aarch32_then_takes_illegal_state_at_el2(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(BASE | AA32EL1);
	SR(pe, HCR_EL2) = EL2_HCR_RW; /* EL1 AArch64: svc is illegal */
	el2_exc_outcome o;
	el2_exception_return(pe, 0x8000, EL2_M32_SVC, &o);
	assert_true(o.illegal_return);
	assert_int_equal(el2_pe_el(pe), 2);
	assert_true(el2_check_illegal_state(pe, &o));
	assert_int_equal(EL2_ESR_EC(o.esr), EL2_EC_ILLEGAL_STATE);
	assert_int_equal(o.target_el, 2);
	el2_pe_free(&pe);
}

/* ---- exception entry from AArch32 ---- */

static void fill_x(el2_pe *pe)
{
	for (unsigned n = 0; n < 31; n++)
		pe->s.x[n] = 0xdead000000000000ull | n;
}

static void test_svc_from_aarch32_el0_enters_aarch64_el1_at_0x600(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(BASE | AA32EL0);
	SR(pe, HCR_EL2) = EL2_HCR_RW;
	uint64_t ps = 0x60000000ull | EL2_PSR32_GE | EL2_PSR32_T | EL2_M32_USR;
	pe->s.pstate = ps;
	pe->s.pc = 0x10002;
	fill_x(pe);
	el2_exception e = {.type = EL2_EXC_SVC, .iss = 0x12, .t16 = true};
	el2_exc_outcome o;
	assert_int_equal(el2_take_exception(pe, 1, &e, 0x10004, 0x0, &o), EL2_OK);
	assert_int_equal(o.vector, VBAR1 + 0x600);
	assert_int_equal(SR(pe, SPSR_EL1), ps);                 /* AArch32 layout */
	assert_int_equal(SR(pe, ELR_EL1), 0x10004);
	assert_int_equal(SR(pe, ESR_EL1), (EL2_EC_SVC32 << 26) | 0x12u); /* IL = 0: T16 */
	/* AArch64 EL1h, DAIF set, the AArch32-only bits gone. */
	assert_int_equal(pe->s.pstate & ~(uint64_t)(EL2_PSR_PAN | EL2_PSR_SSBS),
			 0x60000000ull | EL2_PSR_DAIF | EL2_PSR_MODE_EL1h);
	/* From EL0 with EL1 in AArch64 only X0-X14 lose their upper halves. */
	assert_int_equal(pe->s.x[14], 14);
	assert_int_equal(pe->s.x[15], 0xdead00000000000full);
	el2_pe_free(&pe);
}

static void test_hvc_from_aarch32_el1_enters_el2_at_0x600_and_zeroes_uppers(void **state)
{
	(void)state;
	el2_pe *pe = at_el2_rw0();
	pe->s.pstate = EL2_PSR32_AIF | EL2_M32_SVC;
	fill_x(pe);
	el2_exception e = {.type = EL2_EXC_HVC, .iss = 0x42};
	el2_exc_outcome o;
	assert_int_equal(el2_take_exception(pe, 2, &e, 0x8004, 0x0, &o), EL2_OK);
	assert_int_equal(o.vector, VBAR2 + 0x600);
	assert_int_equal(SR(pe, ESR_EL2), (EL2_EC_HVC32 << 26) | EL2_ESR_IL | 0x42u);
	assert_int_equal(SR(pe, SPSR_EL2), EL2_PSR32_AIF | EL2_M32_SVC);
	assert_int_equal(pe->s.x[30], 30);
	assert_int_equal(pe->s.x[15], 0xdead00000000000full); /* SP_hyp is not AArch32-visible */
	el2_pe_free(&pe);
}

static void test_lower_32_offset_follows_the_el_below_the_target(void **state)
{
	(void)state;
	el2_exception e = {.type = EL2_EXC_UNCATEGORIZED};
	el2_exc_outcome o;
	/* AArch32 EL0, EL1 AArch64, TGE = 1 (E2H = 0): lower_32 is EL1's state. */
	el2_pe *pe = make_pe(BASE | AA32EL0);
	SR(pe, HCR_EL2) = EL2_HCR_RW | EL2_HCR_TGE;
	pe->s.pstate = EL2_M32_USR;
	assert_int_equal(el2_take_exception(pe, 2, &e, 0x100, 0x0, &o), EL2_OK);
	assert_int_equal(o.vect_offset, 0x400);
	el2_pe_free(&pe);
	/* In host (E2H = TGE = 1): EL0's own state. */
	pe = make_pe(BASE | AA32EL0);
	SR(pe, HCR_EL2) = EL2_HCR_RW | EL2_HCR_TGE | EL2_HCR_E2H;
	pe->s.pstate = EL2_M32_USR;
	assert_int_equal(el2_take_exception(pe, 2, &e, 0x100, 0x0, &o), EL2_OK);
	assert_int_equal(o.vect_offset, 0x600);
	el2_pe_free(&pe);
	/* IRQ from AArch32 EL1: 0x600 + 0x80. */
	pe = at_el2_rw0();
	pe->s.pstate = EL2_M32_SVC;
	el2_exception irq = {.type = EL2_EXC_IRQ};
	assert_int_equal(el2_take_exception(pe, 2, &irq, 0x100, 0x80, &o), EL2_OK);
	assert_int_equal(o.vect_offset, 0x680);
	el2_pe_free(&pe);
	/* AArch64 EL1 with AArch32 support: still 0x400. */
	pe = make_pe(BASE | AA32EL1);
	pe->s.pstate = EL2_PSR_MODE_EL1h;
	assert_int_equal(el2_take_exception(pe, 2, &e, 0x100, 0x0, &o), EL2_OK);
	assert_int_equal(o.vect_offset, 0x400);
	el2_pe_free(&pe);
}

static void test_exception_il_from_aarch32_depends_on_the_class(void **state)
{
	(void)state;
	static const struct { el2_exc_type type; uint32_t iss; bool t16; bool il; } rows[] = {
		{EL2_EXC_SVC, 0, true, false},         {EL2_EXC_SVC, 0, false, true},
		{EL2_EXC_UNCATEGORIZED, 0, true, true}, {EL2_EXC_WFX_TRAP, 0, true, false},
		{EL2_EXC_CP15RT_TRAP, 0, true, false}, {EL2_EXC_INSTR_ABORT, 0, true, true},
		{EL2_EXC_DATA_ABORT, 1u << 24, true, false}, {EL2_EXC_DATA_ABORT, 0, true, true},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		el2_pe *pe = at_el2_rw0();
		pe->s.pstate = EL2_PSR32_T | EL2_M32_SVC;
		el2_exception e = {.type = rows[i].type, .iss = rows[i].iss, .t16 = rows[i].t16};
		el2_exc_outcome o;
		assert_int_equal(el2_take_exception(pe, 2, &e, 0x100, 0x0, &o), EL2_OK);
		assert_int_equal((o.esr & EL2_ESR_IL) != 0, rows[i].il);
		el2_pe_free(&pe);
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_n1_default_has_aarch32_at_el0_only),
		cmocka_unit_test(test_id_aa64pfr0_el0_el1_fields_follow_each_combination),
		cmocka_unit_test(test_hcr_el2_rw_is_writable_only_with_aarch32_el1),
		cmocka_unit_test(test_aarch32_el2_rows_exist_only_with_aarch32_el1),
		cmocka_unit_test(test_fpexc32_el2_access_traps_with_cptr_el2_tfp),
		cmocka_unit_test(test_spsr_el2_keeps_aarch32_fields_of_an_aarch32_psr),
		cmocka_unit_test(test_sctlr_el1_aarch32_el0_controls_are_writable_with_aarch32_el0),
		cmocka_unit_test(test_debugger_pstate_write_accepts_implemented_aarch32_modes),
		cmocka_unit_test(test_eret_to_aarch32_modes_is_legal_exactly_as_the_rules_say),
		cmocka_unit_test(test_eret_to_aarch32_takes_it_t_e_ge_q_from_the_spsr),
		cmocka_unit_test(test_eret_to_aarch32_aligns_the_pc_by_instruction_set),
		cmocka_unit_test(test_illegal_eret_to_aarch32_then_takes_illegal_state_at_el2),
		cmocka_unit_test(test_svc_from_aarch32_el0_enters_aarch64_el1_at_0x600),
		cmocka_unit_test(test_hvc_from_aarch32_el1_enters_el2_at_0x600_and_zeroes_uppers),
		cmocka_unit_test(test_lower_32_offset_follows_the_el_below_the_target),
		cmocka_unit_test(test_exception_il_from_aarch32_depends_on_the_class),
	};
	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
