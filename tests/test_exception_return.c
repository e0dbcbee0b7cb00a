/* SPDX-License-Identifier: MIT */
/* AArch64.ExceptionReturn, IllegalExceptionReturn, SetPSTATEFromPSR,
 * DebugExceptionReturnSS, AArch64.BranchAddr, AArch64.CheckIllegalState.
 * Expected values derived by hand from DDI 0487 J.a. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "pe_internal.h"

static el2_pe *make_pe(uint32_t features, bool have_el2, bool have_el3)
{
	el2_config cfg = el2_config_default();
	cfg.features = features;
	cfg.have_el2 = have_el2;
	cfg.have_el3 = have_el3;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	SR(pe, VBAR_EL1) = 0x10000;
	SR(pe, VBAR_EL2) = 0x20000;
	return pe;
}

#define mode(el, sp) (((uint64_t)(el) << EL2_PSR_EL_SHIFT) | ((sp) ? EL2_PSR_SP : 0))

/* ---- illegal returns: one row per condition ---- */
struct illegal_row {
	const char *what;
	unsigned cur_el;
	uint64_t hcr;
	bool have_el2;
	bool have_el3;
	uint64_t spsr;
};

static const struct illegal_row illegal_rows[] = {
	{"M[4]=1: AArch32 hyp (EL2 is AArch64 only)", 2, 0, true, false, 0x1a /* hyp */},
	{"M[1]=1", 2, 0, true, false, mode(1, true) | EL2_PSR_M1},
	{"EL3 not implemented", 2, 0, true, false, mode(3, true)},
	{"EL3 implemented but higher", 2, 0, true, true, mode(3, true)},
	{"EL2 not implemented", 1, 0, false, false, mode(2, true)},
	{"higher than current", 1, 0, true, false, mode(2, true)},
	{"EL1 to EL2 from EL1t", 1, 0, true, false, mode(2, false)},
	{"EL0 with M[0]=1", 1, 0, true, false, mode(0, true)},
	{"EL1 with TGE=1", 2, EL2_HCR_TGE, true, false, mode(1, true)},
	{"EL1 with E2H=TGE=1", 2, EL2_HCR_TGE | EL2_HCR_E2H, true, false, mode(1, false)},
};

static void test_each_illegal_return_condition_sets_il_and_keeps_el(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(illegal_rows) / sizeof(illegal_rows[0]); i++) {
		const struct illegal_row *r = &illegal_rows[i];
		uint32_t feats = r->have_el2 ? EL2_FEAT_ALL : (EL2_FEAT_ALL & ~EL2_FEAT_VHE);
		el2_pe *pe = make_pe(feats, r->have_el2, r->have_el3);
		pe->s.pstate = mode(r->cur_el, true);
		SR(pe, HCR_EL2) = r->hcr | EL2_HCR_RW; /* EL1 AArch64 */
		assert_true(el2_illegal_exception_return(pe, r->spsr));
		el2_exc_outcome o;
		el2_exception_return(pe, 0x8000, r->spsr, &o);
		if (!o.illegal_return)
			fail_msg("row %s: not illegal", r->what);
		assert_int_equal(pe->s.pstate & EL2_PSR_IL, EL2_PSR_IL);
		assert_int_equal(pe->s.pstate & EL2_PSR_M, mode(r->cur_el, true));
		assert_int_equal(o.from_el, r->cur_el);
		assert_int_equal(o.target_el, r->cur_el);
		/* The next instruction takes the Illegal Execution state exception. */
		el2_exc_outcome ie;
		assert_true(el2_check_illegal_state(pe, &ie));
		assert_int_equal(EL2_ESR_EC(ie.esr), EL2_EC_ILLEGAL_STATE);
		assert_int_equal(ie.esr & EL2_ESR_ISS_MASK, 0);
		assert_int_equal(ie.target_el, r->cur_el < 1 ? 1 : r->cur_el);
		/* Entry clears IL again; SPSR keeps IL = 1. */
		assert_int_equal(pe->s.pstate & EL2_PSR_IL, 0);
		uint64_t spsr_now = r->cur_el == 2 ? SR(pe, SPSR_EL2) : SR(pe, SPSR_EL1);
		assert_int_equal(spsr_now & EL2_PSR_IL, EL2_PSR_IL);
		assert_int_equal(ie.vector, (r->cur_el == 2 ? 0x20000u : 0x10000u) + 0x200);
		el2_pe_free(&pe);
	}
}

static void test_legal_returns_are_not_illegal(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true, false);
	pe->s.pstate = mode(2, true);
	assert_false(el2_illegal_exception_return(pe, mode(2, true)));
	assert_false(el2_illegal_exception_return(pe, mode(2, false)));
	assert_false(el2_illegal_exception_return(pe, mode(1, true)));
	assert_false(el2_illegal_exception_return(pe, mode(1, false)));
	assert_false(el2_illegal_exception_return(pe, mode(0, false)));
	SR(pe, HCR_EL2) = EL2_HCR_TGE | EL2_HCR_E2H;
	assert_false(el2_illegal_exception_return(pe, mode(0, false)));
	el2_pe_free(&pe);
}

static void test_illegal_return_restores_nzcv_pan_daif(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true, false);
	pe->s.pstate = mode(1, true) | EL2_PSR_DAIF;
	uint64_t spsr = mode(2, true) | EL2_PSR_Z | EL2_PSR_V | EL2_PSR_PAN | EL2_PSR_I;
	el2_exception_return(pe, 0x8000, spsr, NULL);
	assert_int_equal(pe->s.pstate & (EL2_PSR_NZCV | EL2_PSR_PAN | EL2_PSR_DAIF),
			 EL2_PSR_Z | EL2_PSR_V | EL2_PSR_PAN | EL2_PSR_I);
	assert_int_equal(pe->s.pstate & EL2_PSR_M, mode(1, true));
	assert_int_equal(pe->s.pc, 0x8000);
	el2_pe_free(&pe);
}

static uint64_t tag_hook(void *ctx, el2_reg reg, uint64_t old)
{
	(void)old;
	*(el2_reg *)ctx = reg;
	return reg == EL2_REG_PC ? 0xdeadbeef00000002ull : ~0ull;
}

static void test_illegal_return_makes_feature_fields_unknown(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true, false);
	el2_reg seen = EL2_REG_NONE;
	el2_pe_set_unknown_hook(pe, tag_hook, &seen);
	pe->s.pstate = mode(1, true);
	el2_exception_return(pe, 0x8000, mode(2, true), NULL);
	assert_int_equal(seen, EL2_REG_PSTATE);
	const uint64_t unk = EL2_PSR_SSBS | EL2_PSR_BTYPE | EL2_PSR_UAO | EL2_PSR_DIT | EL2_PSR_TCO;
	assert_int_equal(pe->s.pstate & unk, unk);          /* taken from the hook */
	assert_int_equal(pe->s.pstate & EL2_PSR_NZCV, 0);   /* from SPSR */
	assert_int_equal(pe->s.pc, 0x8000);                 /* AArch64 target: no UNKNOWN PC bits */
	el2_pe_free(&pe);

	/* Without those features the hook's bits do not appear. */
	pe = make_pe(EL2_FEAT_VHE | EL2_FEAT_PAN, true, false);
	el2_pe_set_unknown_hook(pe, tag_hook, &seen);
	pe->s.pstate = mode(1, true);
	el2_exception_return(pe, 0x8000, mode(2, true), NULL);
	assert_int_equal(pe->s.pstate & unk, 0);
	el2_pe_free(&pe);
}

static void test_illegal_return_to_aarch32_makes_pc_bits_unknown(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true, false);
	el2_reg seen = EL2_REG_NONE;
	el2_pe_set_unknown_hook(pe, tag_hook, &seen);
	pe->s.pstate = mode(2, true);
	el2_exception_return(pe, 0x0000000012345678ull, 0x13 /* svc mode */, NULL);
	/* PC[63:32] and PC[1:0] from the hook (0xdeadbeef...2), the rest kept. */
	assert_int_equal(pe->s.pc, 0xdeadbeef1234567aull);
	el2_pe_free(&pe);
}

/* ---- legal returns ---- */
static void test_legal_return_restores_every_field(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true, false);
	pe->s.pstate = mode(2, true) | EL2_PSR_DAIF;
	uint64_t spsr = mode(1, false) | EL2_PSR_N | EL2_PSR_C | EL2_PSR_TCO | EL2_PSR_DIT |
			EL2_PSR_UAO | EL2_PSR_PAN | EL2_PSR_SSBS | (1ull << EL2_PSR_BTYPE_SHIFT) |
			EL2_PSR_A | EL2_PSR_F;
	el2_exc_outcome o;
	el2_exception_return(pe, 0xffff000000400000ull, spsr, &o);
	assert_false(o.illegal_return);
	assert_int_equal(o.from_el, 2);
	assert_int_equal(o.target_el, 1);
	assert_int_equal(pe->s.pstate, spsr);
	assert_int_equal(pe->s.pc, 0xffff000000400000ull);
	assert_int_equal(current_sp_slot(pe), EL2_SR_SP_EL0);
	el2_pe_free(&pe);
}

static void test_legal_return_restores_il_from_spsr(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true, false);
	pe->s.pstate = mode(2, true);
	el2_exc_outcome o;
	el2_exception_return(pe, 0x1000, mode(1, true) | EL2_PSR_IL, &o);
	assert_false(o.illegal_return);
	assert_int_equal(pe->s.pstate & EL2_PSR_IL, EL2_PSR_IL);
	assert_int_equal(pe_el(pe), 1);
	el2_pe_free(&pe);
}

static void test_feature_off_fields_stay_zero(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_VHE, true, false);
	pe->s.pstate = mode(2, true);
	uint64_t extra = EL2_PSR_TCO | EL2_PSR_DIT | EL2_PSR_UAO | EL2_PSR_PAN | EL2_PSR_SSBS |
			 EL2_PSR_BTYPE;
	el2_exception_return(pe, 0x1000, mode(1, true) | extra, NULL);
	assert_int_equal(pe->s.pstate & extra, 0);
	assert_int_equal(pe->s.pstate & EL2_PSR_M, mode(1, true));
	el2_pe_free(&pe);
}

/* ---- AArch64.BranchAddr ---- */
struct tbi_row {
	unsigned target_el;
	uint64_t hcr;
	uint64_t tcr_el1, tcr_el2;
	uint64_t pc, want;
	bool no_pauth; /* the PE lacks FEAT_PAuth */
};

static const struct tbi_row tbi_rows[] = {
	/* EL1 target, TBI0: sign-extend from bit 55 (bit 55 = 0) */
	{1, 0, EL2_TCR_TBI0, 0, 0x5a00000000001000ull, 0x0000000000001000ull, false},
	/* EL1, TBI1 for an upper address: bit 55 = 1 -> ones */
	{1, 0, EL2_TCR_TBI1, 0, 0x12ff800000001000ull, 0xffff800000001000ull, false},
	/* EL1 without TBI: unchanged */
	{1, 0, 0, 0, 0x5a00000000001000ull, 0x5a00000000001000ull, false},
	/* EL0 in host: TCR_EL2.TBI0 (E2H layout) */
	{0, EL2_HCR_E2H | EL2_HCR_TGE, 0, EL2_TCR_TBI0, 0x7700000000002000ull,
	 0x0000000000002000ull, false},
	/* EL0 not in host: TCR_EL1 decides, TCR_EL2 ignored */
	{0, EL2_HCR_E2H, 0, EL2_TCR_TBI0, 0x7700000000002000ull, 0x7700000000002000ull, false},
	/* EL2 with E2H=1: TBI1, sign-extended */
	{2, EL2_HCR_E2H, 0, EL2_TCR_TBI1, 0x00ff800000003000ull, 0xffff800000003000ull, false},
	/* EL2 with E2H=0: TCR_EL2.TBI, zero-extended even when bit 55 is 1 */
	{2, 0, 0, EL2_TCR_EL2_TBI, 0xab80000000003000ull, 0x0080000000003000ull, false},
	/* FEAT_PAuth: BranchAddr asks AddrTop(vaddress, IsInstr = TRUE, el),
	 * and EffectiveTBI is 0 for an instruction address when TBIDn = 1:
	 * the address is kept whole. */
	{1, 0, EL2_TCR_TBI0 | EL2_TCR_TBID0, 0, 0x5a00000000001000ull, 0x5a00000000001000ull,
	 false},
	{1, 0, EL2_TCR_TBI1 | EL2_TCR_TBID1, 0, 0x12ff800000001000ull, 0x12ff800000001000ull,
	 false},
	/* TBID1 does not act for the lower range */
	{1, 0, EL2_TCR_TBI0 | EL2_TCR_TBID1, 0, 0x5a00000000001000ull, 0x0000000000001000ull,
	 false},
	{0, EL2_HCR_E2H | EL2_HCR_TGE, 0, EL2_TCR_TBI0 | EL2_TCR_TBID0, 0x7700000000002000ull,
	 0x7700000000002000ull, false},
	{2, EL2_HCR_E2H, 0, EL2_TCR_TBI1 | EL2_TCR_TBID1, 0x00ff800000003000ull,
	 0x00ff800000003000ull, false},
	{2, 0, 0, EL2_TCR_EL2_TBI | EL2_TCR_EL2_TBID, 0xab80000000003000ull, 0xab80000000003000ull,
	 false},
	/* without FEAT_PAuth (HavePACExt() false) TBID does not exist */
	{1, 0, EL2_TCR_TBI0 | EL2_TCR_TBID0, 0, 0x5a00000000001000ull, 0x0000000000001000ull, true},
	{2, 0, 0, EL2_TCR_EL2_TBI | EL2_TCR_EL2_TBID, 0xab80000000003000ull, 0x0080000000003000ull,
	 true},
};

static void test_return_pc_drops_tag_by_tbi_of_target_regime(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(tbi_rows) / sizeof(tbi_rows[0]); i++) {
		const struct tbi_row *r = &tbi_rows[i];
		el2_pe *pe = make_pe(r->no_pauth ? EL2_FEAT_ALL & ~(uint32_t)EL2_FEAT_PAUTH
						 : EL2_FEAT_ALL,
				     true, false);
		pe->s.pstate = mode(2, true);
		SR(pe, HCR_EL2) = r->hcr | EL2_HCR_RW;
		SR(pe, TCR_EL1) = r->tcr_el1;
		SR(pe, TCR_EL2) = r->tcr_el2;
		el2_exception_return(pe, r->pc, mode(r->target_el, r->target_el != 0), NULL);
		assert_int_equal(pe_el(pe), r->target_el);
		if (pe->s.pc != r->want)
			fail_msg("row %zu: pc %llx want %llx", i, (unsigned long long)pe->s.pc,
				 (unsigned long long)r->want);
		el2_pe_free(&pe);
	}
}

/* ---- PSTATE.SS (DebugExceptionReturnSS) ---- */
struct ss_row {
	uint64_t mdscr;
	uint64_t mdcr;
	unsigned cur_el;
	uint64_t cur_d;
	uint64_t spsr;
	bool ss;
};

static const struct ss_row ss_rows[] = {
	/* EL2 -> EL1, MDSCR.SS = 1: enabled at EL1 (target EL1 > ... from EL1 ==
	 * target needs KDE... no: debug target EL1, from EL1 needs KDE=1, D=0) */
	{EL2_MDSCR_SS | EL2_MDSCR_KDE, 0, 2, 0, 0x5 | EL2_PSR_SS, true},
	{EL2_MDSCR_SS, 0, 2, 0, 0x5 | EL2_PSR_SS, false},                  /* KDE = 0 */
	{EL2_MDSCR_SS | EL2_MDSCR_KDE, 0, 2, 0, 0x5 | EL2_PSR_SS | EL2_PSR_D, false}, /* D set */
	{EL2_MDSCR_SS, 0, 2, 0, 0x0 | EL2_PSR_SS, true},                   /* EL0: target EL1 > 0 */
	{0, 0, 2, 0, 0x0 | EL2_PSR_SS, false},                            /* MDSCR.SS = 0 */
	{EL2_MDSCR_SS, 0, 2, 0, 0x0, false},                              /* SPSR.SS = 0 */
	/* EL1 -> EL0 with KDE=1, D=0 at EL1: enabled at source -> 0 */
	{EL2_MDSCR_SS | EL2_MDSCR_KDE, 0, 1, 0, 0x0 | EL2_PSR_SS, false},
	/* EL1 -> EL0 with D=1 at EL1: disabled at source -> SPSR.SS */
	{EL2_MDSCR_SS | EL2_MDSCR_KDE, 0, 1, EL2_PSR_D, 0x0 | EL2_PSR_SS, true},
	/* MDCR_EL2.TDE: debug target EL2, return to EL1 -> enabled (2 > 1) */
	{EL2_MDSCR_SS, EL2_MDCR_TDE, 2, 0, 0x5 | EL2_PSR_SS, true},
	/* TDE, return to EL2 itself with KDE=0: not enabled at destination */
	{EL2_MDSCR_SS, EL2_MDCR_TDE, 2, EL2_PSR_D, 0x9 | EL2_PSR_SS, false},
};

static void test_ss_after_return_follows_debug_exception_return_ss(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(ss_rows) / sizeof(ss_rows[0]); i++) {
		const struct ss_row *r = &ss_rows[i];
		el2_pe *pe = make_pe(EL2_FEAT_ALL, true, false);
		pe->s.pstate = mode(r->cur_el, true) | r->cur_d;
		SR(pe, MDSCR_EL1) = r->mdscr;
		SR(pe, MDCR_EL2) = r->mdcr;
		el2_exception_return(pe, 0x1000, r->spsr, NULL);
		if (((pe->s.pstate & EL2_PSR_SS) != 0) != r->ss)
			fail_msg("row %zu: SS %d want %d", i, (pe->s.pstate & EL2_PSR_SS) != 0, r->ss);
		el2_pe_free(&pe);
	}
}

static void test_check_illegal_state_does_nothing_without_il(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true, false);
	pe->s.pstate = mode(1, true);
	pe->s.pc = 0x4444;
	el2_exc_outcome o = {0};
	assert_false(el2_check_illegal_state(pe, &o));
	assert_int_equal(pe->s.pc, 0x4444);
	assert_int_equal(pe_el(pe), 1);
	el2_pe_free(&pe);
}

static void test_illegal_state_from_el0_with_tge_goes_to_el2(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true, false);
	pe->s.pstate = mode(0, false) | EL2_PSR_IL;
	pe->s.pc = 0x4444;
	SR(pe, HCR_EL2) = EL2_HCR_TGE | EL2_HCR_E2H;
	el2_exc_outcome o;
	assert_true(el2_check_illegal_state(pe, &o));
	assert_int_equal(o.target_el, 2);
	assert_int_equal(SR(pe, ELR_EL2), 0x4444);
	assert_int_equal(SR(pe, ESR_EL2), 0x3a000000u); /* EC 0x0E, IL 1 */
	assert_int_equal(o.vector, 0x20000 + 0x400);
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_illegal_return_condition_sets_il_and_keeps_el),
		cmocka_unit_test(test_legal_returns_are_not_illegal),
		cmocka_unit_test(test_illegal_return_restores_nzcv_pan_daif),
		cmocka_unit_test(test_illegal_return_makes_feature_fields_unknown),
		cmocka_unit_test(test_illegal_return_to_aarch32_makes_pc_bits_unknown),
		cmocka_unit_test(test_legal_return_restores_every_field),
		cmocka_unit_test(test_legal_return_restores_il_from_spsr),
		cmocka_unit_test(test_feature_off_fields_stay_zero),
		cmocka_unit_test(test_return_pc_drops_tag_by_tbi_of_target_regime),
		cmocka_unit_test(test_ss_after_return_follows_debug_exception_return_ss),
		cmocka_unit_test(test_check_illegal_state_does_nothing_without_il),
		cmocka_unit_test(test_illegal_state_from_el0_with_tge_goes_to_el2),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
