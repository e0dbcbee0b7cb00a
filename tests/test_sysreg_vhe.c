/* SPDX-License-Identifier: MIT */
/* VHE: EL1 register names at EL2 with HCR_EL2.E2H = 1 reach the EL2
 * register; _EL12/_EL02 aliases reach the EL1/EL0 register only there.
 * Table-driven over every row with a VHE column. */
#include "sysreg_test_util.h"

#define ALL EL2_FEAT_ALL
#define PATTERN 0x0000123456789ab0ull

static el2_pe *el2_with_e2h(bool e2h)
{
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(HCR_EL2), e2h ? EL2_HCR_E2H : 0);
	return pe;
}

/* Value both registers can hold (masks of both rows applied). */
static uint64_t storable(el2_sysreg a, el2_sysreg b)
{
	const el2_sysreg_info *x = el2_sysreg_get(a), *y = el2_sysreg_get(b);
	return (PATTERN & ~x->res0 & ~y->res0) | x->res1 | y->res1;
}

static void test_el1_name_at_el2_with_e2h_accesses_the_el2_register(void **state)
{
	(void)state;
	unsigned checked = 0;
	for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
		const el2_sysreg_info *ri = el2_sysreg_get((el2_sysreg)i);
		/* ZCR rows trap under the reset CPTR_EL2: test_sve_ctl.c */
		if (ri->kind == EL2_SRK_ALIAS || ri->kind == EL2_SRK_SYSOP || ri->vhe == EL2_SR_NONE ||
		    (ri->traps & EL2_T_ZEN))
			continue;
		el2_sysreg el1 = (el2_sysreg)i, el2 = (el2_sysreg)ri->vhe;
		uint64_t v = storable(el1, el2);
		/* MSR <EL1 name> writes the EL2 register, leaves the EL1 one. */
		el2_pe *pe = el2_with_e2h(true);
		uint64_t el1_before = rd(pe, EL2_REG_SYSREG_BASE + el1);
		wr(pe, EL2_REG_X(1), v);
		el2_exec_result r = do_msr(pe, el1, 1);
		assert_done(pe, &r);
		assert_int_equal(r.reg, EL2_REG_SYSREG_BASE + el2);
		assert_int_equal(r.reg_encoded, EL2_REG_SYSREG_BASE + el1);
		bool stored = ri->kind == EL2_SRK_STORED; /* computed rows: reg only */
		if (stored) {
			assert_int_equal(rd(pe, EL2_REG_SYSREG_BASE + el2), v);
			assert_int_equal(rd(pe, EL2_REG_SYSREG_BASE + el1), el1_before);
		}
		el2_pe_free(&pe);
		/* MRS <EL1 name> reads the EL2 register. */
		pe = el2_with_e2h(true);
		wr(pe, EL2_REG_SYSREG_BASE + el2, v);
		r = do_mrs(pe, el1, 2);
		assert_done(pe, &r);
		if (stored)
			assert_int_equal(rd(pe, EL2_REG_X(2)), v);
		assert_int_equal(r.reg, EL2_REG_SYSREG_BASE + el2);
		el2_pe_free(&pe);
		checked++;
	}
	assert_true(checked >= 15); /* SCTLR, CPACR, TTBR0/1, TCR, SPSR, ELR, ... */
}

static void test_el1_name_at_el2_without_e2h_accesses_the_el1_register(void **state)
{
	(void)state;
	for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
		const el2_sysreg_info *ri = el2_sysreg_get((el2_sysreg)i);
		/* ZCR rows trap under the reset CPTR_EL2: test_sve_ctl.c */
		if (ri->kind == EL2_SRK_ALIAS || ri->kind == EL2_SRK_SYSOP || ri->vhe == EL2_SR_NONE ||
		    (ri->traps & EL2_T_ZEN))
			continue;
		el2_sysreg el1 = (el2_sysreg)i, el2 = (el2_sysreg)ri->vhe;
		uint64_t v = storable(el1, el2);
		el2_pe *pe = el2_with_e2h(false);
		uint64_t el2_before = rd(pe, EL2_REG_SYSREG_BASE + el2);
		wr(pe, EL2_REG_X(1), v);
		el2_exec_result r = do_msr(pe, el1, 1);
		assert_done(pe, &r);
		assert_int_equal(r.reg, EL2_REG_SYSREG_BASE + el1);
		if (ri->kind == EL2_SRK_STORED) {
			assert_int_equal(rd(pe, EL2_REG_SYSREG_BASE + el1), v);
			assert_int_equal(rd(pe, EL2_REG_SYSREG_BASE + el2), el2_before);
		}
		el2_pe_free(&pe);
	}
}

static void test_el1_name_at_el1_with_e2h_accesses_the_el1_register(void **state)
{
	(void)state;
	/* E2H redirects only at EL2: a guest at EL1 keeps its own SCTLR_EL1. */
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_E2H);
	wr(pe, EL2_REG_X(0), 0x30d0198d);
	el2_exec_result r = do_msr(pe, EL2_SR_SCTLR_EL1, 0);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(SCTLR_EL1)), 0x30d0198d);
	assert_int_equal(rd(pe, EL2_SYSREG(SCTLR_EL2)), 0x30c50830);
	el2_pe_free(&pe);
}

static void test_alias_at_el2_with_e2h_accesses_the_named_register(void **state)
{
	(void)state;
	unsigned checked = 0;
	for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
		const el2_sysreg_info *ri = el2_sysreg_get((el2_sysreg)i);
		if (ri->kind != EL2_SRK_ALIAS || (ri->traps & EL2_T_ZEN))
			continue;
		el2_sysreg alias = (el2_sysreg)i, named = (el2_sysreg)ri->vhe;
		const el2_sysreg_info *ni = el2_sysreg_get(named);
		uint64_t v = storable(alias, named);
		el2_pe *pe = el2_with_e2h(true);
		uint64_t redirected = ni->vhe;
		uint64_t red_before = redirected != EL2_SR_NONE
					      ? rd(pe, EL2_REG_SYSREG_BASE + (el2_reg)redirected)
					      : 0;
		wr(pe, EL2_REG_X(3), v);
		el2_exec_result r = do_msr(pe, alias, 3);
		assert_done(pe, &r);
		assert_int_equal(r.reg, EL2_REG_SYSREG_BASE + named);
		assert_int_equal(r.reg_encoded, EL2_REG_SYSREG_BASE + alias);
		assert_int_equal(rd(pe, EL2_REG_SYSREG_BASE + named), v);
		if (redirected != EL2_SR_NONE) /* the EL2 register is untouched */
			assert_int_equal(rd(pe, EL2_REG_SYSREG_BASE + (el2_reg)redirected), red_before);
		wr(pe, EL2_REG_PC, PC0);
		r = do_mrs(pe, alias, 4);
		assert_done(pe, &r);
		assert_int_equal(rd(pe, EL2_REG_X(4)), v);
		el2_pe_free(&pe);
		checked++;
	}
	assert_true(checked >= 16);
}

static void test_alias_at_el2_without_e2h_is_undefined(void **state)
{
	(void)state;
	for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
		if (el2_sysreg_get((el2_sysreg)i)->kind != EL2_SRK_ALIAS)
			continue;
		el2_pe *pe = el2_with_e2h(false);
		el2_exec_result r = do_mrs(pe, (el2_sysreg)i, 0);
		assert_undefined(&r);
		assert_int_equal(el2_pe_el(pe), 2);
		reenter(pe, EL2_PSR_MODE_EL2h);
		r = do_msr(pe, (el2_sysreg)i, 0);
		assert_undefined(&r);
		el2_pe_free(&pe);
	}
}

static void test_alias_at_el1_is_undefined(void **state)
{
	(void)state;
	for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
		if (el2_sysreg_get((el2_sysreg)i)->kind != EL2_SRK_ALIAS)
			continue;
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
		wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_E2H);
		el2_exec_result r = do_mrs(pe, (el2_sysreg)i, 0);
		assert_undefined(&r);
		reenter(pe, EL2_PSR_MODE_EL1h);
		r = do_msr(pe, (el2_sysreg)i, 0);
		assert_undefined(&r);
		el2_pe_free(&pe);
	}
}

static void test_alias_without_feat_vhe_is_undefined(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL & ~EL2_FEAT_VHE, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_E2H); /* E2H has no effect */
	el2_exec_result r = do_mrs(pe, EL2_SR_SCTLR_EL12, 0);
	assert_undefined(&r);
	reenter(pe, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(0), 0x1000);
	r = do_msr(pe, EL2_SR_VBAR_EL1, 0);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(VBAR_EL1)), 0x1000);
	el2_pe_free(&pe);
}

static void test_at_s1e1r_at_el2_with_e2h_stays_an_el1_regime_operation(void **state)
{
	(void)state;
	el2_pe *pe = el2_with_e2h(true);
	wr(pe, EL2_REG_X(5), 0x400000);
	el2_exec_result r = do_sys(pe, EL2_SR_AT_S1E1R, 5);
	assert_int_equal(r.outcome, EL2_OUT_NEED_AT);
	assert_int_equal(r.at_op, EL2_AT_S1E1R);
	assert_int_equal(r.at_va, 0x400000);
	assert_int_equal(el2_pe_pc(pe), PC0 + 4);
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_el1_name_at_el2_with_e2h_accesses_the_el2_register),
		cmocka_unit_test(test_el1_name_at_el2_without_e2h_accesses_the_el1_register),
		cmocka_unit_test(test_el1_name_at_el1_with_e2h_accesses_the_el1_register),
		cmocka_unit_test(test_alias_at_el2_with_e2h_accesses_the_named_register),
		cmocka_unit_test(test_alias_at_el2_without_e2h_is_undefined),
		cmocka_unit_test(test_alias_at_el1_is_undefined),
		cmocka_unit_test(test_alias_without_feat_vhe_is_undefined),
		cmocka_unit_test(test_at_s1e1r_at_el2_with_e2h_stays_an_el1_regime_operation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
