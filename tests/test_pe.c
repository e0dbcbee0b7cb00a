/* SPDX-License-Identifier: MIT */
/* PE life cycle, configuration checks and the debugger register view. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"

static el2_pe *new_pe(uint32_t features, bool el2)
{
	el2_config cfg = el2_config_default();
	cfg.features = features;
	cfg.have_el2 = el2;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	return pe;
}

static void test_new_rejects_null_arguments(void **state)
{
	(void)state;
	el2_config cfg = el2_config_default();
	el2_pe *pe = (el2_pe *)&cfg; /* must be overwritten with NULL on failure */
	assert_int_equal(el2_pe_new(NULL, &pe), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_pe_new(&cfg, NULL), EL2_ERR_INVALID_ARG);
}

static void test_vhe_without_el2_is_a_bad_config(void **state)
{
	(void)state;
	el2_config cfg = el2_config_default();
	cfg.have_el2 = false;
	el2_pe *pe = (el2_pe *)&cfg;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_ERR_BAD_CONFIG);
	assert_null(pe);
}

static void test_pan2_without_pan_is_a_bad_config(void **state)
{
	(void)state;
	el2_config cfg = el2_config_default();
	cfg.features = EL2_FEAT_PAN2;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_ERR_BAD_CONFIG);
}

static void test_unknown_feature_bit_is_a_bad_config(void **state)
{
	(void)state;
	el2_config cfg = el2_config_default();
	cfg.features |= 1u << 20;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_ERR_BAD_CONFIG);
}

static void test_free_nulls_the_handle_and_accepts_null(void **state)
{
	(void)state;
	el2_pe *pe = new_pe(0, true);
	el2_pe_free(&pe);
	assert_null(pe);
	el2_pe_free(&pe);
	el2_pe_free(NULL);
}

static void test_reset_enters_el2h_with_daif_masked(void **state)
{
	(void)state;
	el2_pe *pe = new_pe(EL2_FEAT_ALL, true);
	uint64_t ps;
	assert_int_equal(el2_reg_read(pe, EL2_REG_PSTATE, &ps), EL2_OK);
	assert_int_equal(ps, EL2_PSR_DAIF | EL2_PSR_MODE_EL2h);
	assert_int_equal(el2_pe_el(pe), 2);
	el2_pe_free(&pe);
}

static void test_reset_without_el2_enters_el1h(void **state)
{
	(void)state;
	el2_pe *pe = new_pe(0, false);
	assert_int_equal(el2_pe_el(pe), 1);
	uint64_t ps;
	el2_reg_read(pe, EL2_REG_PSTATE, &ps);
	assert_int_equal(ps, EL2_PSR_DAIF | EL2_PSR_MODE_EL1h);
	el2_pe_free(&pe);
}

static void test_gprs_pc_and_vregs_read_back(void **state)
{
	(void)state;
	el2_pe *pe = new_pe(0, true);
	for (unsigned i = 0; i <= 30; i++)
		assert_int_equal(el2_reg_write(pe, EL2_REG_X(i), 0x1000 + i), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_REG_PC, 0xffff000012345678ull), EL2_OK);
	for (unsigned i = 0; i <= 30; i++) {
		uint64_t v;
		assert_int_equal(el2_reg_read(pe, EL2_REG_X(i), &v), EL2_OK);
		assert_int_equal(v, 0x1000 + i);
	}
	assert_int_equal(el2_pe_pc(pe), 0xffff000012345678ull);
	el2_u128 q = {0x0123456789abcdefull, 0xfedcba9876543210ull}, r;
	assert_int_equal(el2_vreg_write(pe, 8, q), EL2_OK);
	assert_int_equal(el2_vreg_read(pe, 8, &r), EL2_OK);
	assert_int_equal(r.lo, q.lo);
	assert_int_equal(r.hi, q.hi);
	uint64_t lo;
	el2_reg_read(pe, EL2_REG_V(8), &lo);
	assert_int_equal(lo, q.lo);
	assert_int_equal(el2_vreg_read(pe, 32, &r), EL2_ERR_INVALID_ARG);
	el2_pe_free(&pe);
}

static void test_unknown_register_id_is_an_error(void **state)
{
	(void)state;
	el2_pe *pe = new_pe(0, true);
	uint64_t v;
	assert_int_equal(el2_reg_read(pe, 40, &v), EL2_ERR_UNKNOWN_REG);
	assert_int_equal(el2_reg_write(pe, EL2_REG_SYSREG_BASE + EL2_SR_COUNT, 1), EL2_ERR_UNKNOWN_REG);
	assert_int_equal(el2_reg_read(pe, EL2_REG_NONE, &v), EL2_ERR_UNKNOWN_REG);
	el2_pe_free(&pe);
}

/* The current SP is the bank selected by PSTATE.EL and PSTATE.SP
 * (aarch64/functions/registers/SP). */
static void test_sp_follows_el_and_spsel(void **state)
{
	(void)state;
	el2_pe *pe = new_pe(0, true);
	el2_reg_write(pe, EL2_SYSREG(SP_EL0), 0x100);
	el2_reg_write(pe, EL2_SYSREG(SP_EL1), 0x200);
	el2_reg_write(pe, EL2_SYSREG(SP_EL2), 0x300);
	static const struct {
		uint64_t mode;
		uint64_t sp;
	} rows[] = {
		{EL2_PSR_MODE_EL0t, 0x100}, {EL2_PSR_MODE_EL1t, 0x100}, {EL2_PSR_MODE_EL1h, 0x200},
		{EL2_PSR_MODE_EL2t, 0x100}, {EL2_PSR_MODE_EL2h, 0x300},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_int_equal(el2_reg_write(pe, EL2_REG_PSTATE, rows[i].mode), EL2_OK);
		uint64_t sp;
		el2_reg_read(pe, EL2_REG_SP, &sp);
		assert_int_equal(sp, rows[i].sp);
	}
	/* Writing SP writes the selected bank only. */
	el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1h);
	el2_reg_write(pe, EL2_REG_SP, 0x222);
	uint64_t v;
	el2_reg_read(pe, EL2_SYSREG(SP_EL1), &v);
	assert_int_equal(v, 0x222);
	el2_reg_read(pe, EL2_SYSREG(SP_EL0), &v);
	assert_int_equal(v, 0x100);
	el2_pe_free(&pe);
}

static void test_impossible_pstate_is_refused(void **state)
{
	(void)state;
	el2_pe *pe = new_pe(0, false);
	assert_int_equal(el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL2h), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_reg_write(pe, EL2_REG_PSTATE, 0x1), EL2_ERR_INVALID_ARG); /* EL0 + SP_ELx */
	assert_int_equal(el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_NRW | 0x3), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_reg_write(pe, EL2_REG_PSTATE, 0x6), EL2_ERR_INVALID_ARG); /* M[1] */
	assert_int_equal(el2_reg_write(pe, EL2_REG_PSTATE, 0xd), EL2_ERR_INVALID_ARG); /* EL3 */
	assert_int_equal(el2_pe_el(pe), 1);
	el2_pe_free(&pe);
}

/* The SPSel row is PSTATE.SP: at EL0 it cannot select SP_EL0's
 * alternative (IllegalExceptionReturn: EL0 with M[0] = 1 is no PE state),
 * so the debugger view refuses it as it refuses such a PSTATE (found by
 * fuzz_exec: the write went through and left EL0 with SPSel = 1). */
static void test_spsel_write_at_el0_is_refused(void **state)
{
	(void)state;
	el2_pe *pe = new_pe(0, true);
	assert_int_equal(el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL0t), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(SPSel), 1), EL2_ERR_INVALID_ARG);
	uint64_t ps;
	el2_reg_read(pe, EL2_REG_PSTATE, &ps);
	assert_int_equal(ps & EL2_PSR_M, EL2_PSR_MODE_EL0t);
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(SPSel), 0), EL2_OK);
	/* at EL1 both values are states the PE can be in */
	assert_int_equal(el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1t), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(SPSel), 1), EL2_OK);
	el2_reg_read(pe, EL2_REG_PSTATE, &ps);
	assert_int_equal(ps & EL2_PSR_M, EL2_PSR_MODE_EL1h);
	el2_pe_free(&pe);
}

/* A PSTATE bit of an absent feature is RES0. */
static void test_pstate_bits_of_absent_features_read_as_zero(void **state)
{
	(void)state;
	static const struct {
		uint32_t feat;
		uint64_t bit;
	} rows[] = {
		{EL2_FEAT_PAN, EL2_PSR_PAN}, {EL2_FEAT_UAO, EL2_PSR_UAO}, {EL2_FEAT_DIT, EL2_PSR_DIT},
		{EL2_FEAT_SSBS, EL2_PSR_SSBS}, {EL2_FEAT_MTE, EL2_PSR_TCO}, {EL2_FEAT_BTI, EL2_PSR_BTYPE},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		for (int on = 0; on < 2; on++) {
			el2_pe *pe = new_pe(on ? rows[i].feat : 0, true);
			el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1h | rows[i].bit);
			uint64_t ps;
			el2_reg_read(pe, EL2_REG_PSTATE, &ps);
			assert_int_equal(ps & rows[i].bit, on ? rows[i].bit : 0);
			el2_pe_free(&pe);
		}
	}
}

static void test_id_registers_are_read_only_in_the_debugger_view(void **state)
{
	(void)state;
	el2_pe *pe = new_pe(0, true);
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(MIDR_EL1), 1), EL2_ERR_READ_ONLY);
	el2_pe_free(&pe);
}

static uint64_t tag_hook(void *ctx, el2_reg reg, uint64_t old)
{
	(void)old;
	return *(uint64_t *)ctx + reg;
}

static void test_strerror_covers_every_error(void **state)
{
	(void)state;
	for (int e = 0; e < EL2_ERR__COUNT; e++) {
		const char *s = el2_strerror((el2_err)e);
		assert_non_null(s);
		assert_string_not_equal(s, "unknown el2sim error");
	}
	assert_string_equal(el2_strerror((el2_err)9999), "unknown el2sim error");
}

static void test_counter_and_hook_setters(void **state)
{
	(void)state;
	el2_pe *pe = new_pe(0, true);
	el2_pe_set_counter(pe, 12345);
	assert_int_equal(el2_pe_counter(pe), 12345);
	uint64_t base = 0xdead000000000000ull;
	el2_pe_set_unknown_hook(pe, tag_hook, &base);
	assert_int_equal(el2_pe_raz_wi_count(pe), 0);
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_rejects_null_arguments),
		cmocka_unit_test(test_vhe_without_el2_is_a_bad_config),
		cmocka_unit_test(test_pan2_without_pan_is_a_bad_config),
		cmocka_unit_test(test_unknown_feature_bit_is_a_bad_config),
		cmocka_unit_test(test_free_nulls_the_handle_and_accepts_null),
		cmocka_unit_test(test_reset_enters_el2h_with_daif_masked),
		cmocka_unit_test(test_reset_without_el2_enters_el1h),
		cmocka_unit_test(test_gprs_pc_and_vregs_read_back),
		cmocka_unit_test(test_unknown_register_id_is_an_error),
		cmocka_unit_test(test_sp_follows_el_and_spsel),
		cmocka_unit_test(test_impossible_pstate_is_refused),
		cmocka_unit_test(test_spsel_write_at_el0_is_refused),
		cmocka_unit_test(test_pstate_bits_of_absent_features_read_as_zero),
		cmocka_unit_test(test_id_registers_are_read_only_in_the_debugger_view),
		cmocka_unit_test(test_strerror_covers_every_error),
		cmocka_unit_test(test_counter_and_hook_setters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
