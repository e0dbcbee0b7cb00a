/* SPDX-License-Identifier: MIT */
/* Snapshots: take, restore, read, diff. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"

static el2_pe *new_pe(void)
{
	el2_config cfg = el2_config_default();
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	return pe;
}

static void test_identical_states_have_no_diff(void **state)
{
	(void)state;
	el2_pe *pe = new_pe();
	el2_snapshot *a, *b;
	assert_int_equal(el2_snapshot_take(pe, &a), EL2_OK);
	assert_int_equal(el2_snapshot_take(pe, &b), EL2_OK);
	assert_int_equal(el2_snapshot_diff(a, b, NULL, 0), 0);
	el2_snapshot_free(&a);
	el2_snapshot_free(&b);
	assert_null(a);
	el2_pe_free(&pe);
}

static void test_diff_lists_each_changed_register_once(void **state)
{
	(void)state;
	el2_pe *pe = new_pe();
	el2_snapshot *a, *b;
	el2_snapshot_take(pe, &a);
	el2_reg_write(pe, EL2_REG_X(19), 0x19);
	el2_reg_write(pe, EL2_SYSREG(TPIDR_EL2), 0x7777);
	el2_u128 q = {1, 2};
	el2_vreg_write(pe, 9, q);
	/* through the alias: must be reported once, as the storage it names */
	el2_reg_write(pe, EL2_SYSREG(SCTLR_EL12), 0x30d00801);
	el2_snapshot_take(pe, &b);
	el2_reg_diff d[8];
	size_t n = el2_snapshot_diff(a, b, d, 8);
	assert_int_equal(n, 4);
	assert_int_equal(d[0].reg, EL2_REG_X(19));
	assert_int_equal(d[0].before, 0);
	assert_int_equal(d[0].after, 0x19);
	assert_int_equal(d[1].reg, EL2_REG_V(9));
	assert_int_equal(d[1].after, 1);
	assert_int_equal(d[1].after_hi, 2);
	int saw_sctlr = 0, saw_tpidr = 0;
	for (size_t i = 2; i < n; i++) {
		saw_sctlr += d[i].reg == EL2_SYSREG(SCTLR_EL1);
		saw_tpidr += d[i].reg == EL2_SYSREG(TPIDR_EL2);
	}
	assert_int_equal(saw_sctlr, 1);
	assert_int_equal(saw_tpidr, 1);
	/* cap smaller than the count: count still total, no overflow */
	assert_int_equal(el2_snapshot_diff(a, b, d, 1), 4);
	el2_snapshot_free(&a);
	el2_snapshot_free(&b);
	el2_pe_free(&pe);
}

static void test_restore_brings_back_every_register(void **state)
{
	(void)state;
	el2_pe *pe = new_pe();
	el2_reg_write(pe, EL2_REG_X(3), 3);
	el2_reg_write(pe, EL2_SYSREG(VBAR_EL2), 0x8000);
	el2_snapshot *a, *b;
	el2_snapshot_take(pe, &a);
	el2_reg_write(pe, EL2_REG_X(3), 33);
	el2_reg_write(pe, EL2_SYSREG(VBAR_EL2), 0x9000);
	el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1h);
	assert_int_equal(el2_snapshot_restore(pe, a), EL2_OK);
	el2_snapshot_take(pe, &b);
	assert_int_equal(el2_snapshot_diff(a, b, NULL, 0), 0);
	uint64_t v;
	assert_int_equal(el2_snapshot_read(a, EL2_REG_X(3), &v), EL2_OK);
	assert_int_equal(v, 3);
	assert_int_equal(el2_snapshot_read(a, EL2_REG_SP, &v), EL2_OK);
	el2_snapshot_free(&a);
	el2_snapshot_free(&b);
	el2_pe_free(&pe);
}

static void test_restore_into_other_configuration_is_refused(void **state)
{
	(void)state;
	el2_pe *pe = new_pe();
	el2_config cfg = el2_config_default();
	cfg.features = 0;
	el2_pe *other = NULL;
	assert_int_equal(el2_pe_new(&cfg, &other), EL2_OK);
	el2_snapshot *a;
	el2_snapshot_take(pe, &a);
	assert_int_equal(el2_snapshot_restore(other, a), EL2_ERR_SNAPSHOT_MISMATCH);
	assert_int_equal(el2_snapshot_restore(NULL, a), EL2_ERR_INVALID_ARG);
	el2_snapshot_free(&a);
	el2_pe_free(&pe);
	el2_pe_free(&other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identical_states_have_no_diff),
		cmocka_unit_test(test_diff_lists_each_changed_register_once),
		cmocka_unit_test(test_restore_brings_back_every_register),
		cmocka_unit_test(test_restore_into_other_configuration_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
