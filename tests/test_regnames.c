/* SPDX-License-Identifier: MIT */
/* Register names <-> ids. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"

static void test_names_map_to_ids(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		el2_reg id;
	} rows[] = {
		{"x0", EL2_REG_X(0)},     {"X30", EL2_REG_X(30)},  {"lr", EL2_REG_X(30)},
		{"fp", EL2_REG_X(29)},    {"sp", EL2_REG_SP},      {"PC", EL2_REG_PC},
		{"pstate", EL2_REG_PSTATE}, {"v31", EL2_REG_V(31)}, {"V8", EL2_REG_V(8)},
		{"sctlr_el1", EL2_SYSREG(SCTLR_EL1)}, {"HCR_EL2", EL2_SYSREG(HCR_EL2)},
		{"Sp_El0", EL2_SYSREG(SP_EL0)},
		/* generic spelling of HCR_EL2 (op0 3, op1 4, CRn 1, CRm 1, op2 0) */
		{"s3_4_c1_c1_0", EL2_SYSREG(HCR_EL2)}, {"S3_0_C1_C0_0", EL2_SYSREG(SCTLR_EL1)},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		el2_reg id = EL2_REG_NONE;
		assert_int_equal(el2_reg_by_name(rows[i].name, &id), EL2_OK);
		assert_int_equal(id, rows[i].id);
	}
}

static void test_bad_names_are_unknown(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "x", "x31", "x-1", "x0001", "v32", "xzr0", "sctlr", "s3_4_c1_c1", "s3_4_c1_c1_0x",
		"s4_0_c0_c0_0", "s3_8_c0_c0_0", "s3_0_c16_c0_0", "q0 ", " x0", "x1a",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		el2_reg id;
		assert_int_equal(el2_reg_by_name(bad[i], &id), EL2_ERR_UNKNOWN_REG);
	}
	el2_reg id;
	assert_int_equal(el2_reg_by_name(NULL, &id), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_reg_by_name("x0", NULL), EL2_ERR_INVALID_ARG);
}

static void test_ids_map_back_to_names(void **state)
{
	(void)state;
	assert_string_equal(el2_reg_name(EL2_REG_X(7)), "x7");
	assert_string_equal(el2_reg_name(EL2_REG_SP), "sp");
	assert_string_equal(el2_reg_name(EL2_REG_PC), "pc");
	assert_string_equal(el2_reg_name(EL2_REG_V(15)), "v15");
	assert_string_equal(el2_reg_name(EL2_SYSREG(TPIDR_EL2)), "TPIDR_EL2");
	assert_string_equal(el2_reg_name(50), "?");
	assert_string_equal(el2_reg_name(EL2_REG_NONE), "?");
}

static void test_every_table_name_round_trips(void **state)
{
	(void)state;
	for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
		el2_reg id;
		const char *name = el2_reg_name(EL2_REG_SYSREG_BASE + i);
		assert_int_equal(el2_reg_by_name(name, &id), EL2_OK);
		assert_int_equal(id, EL2_REG_SYSREG_BASE + i);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_map_to_ids),
		cmocka_unit_test(test_bad_names_are_unknown),
		cmocka_unit_test(test_ids_map_back_to_names),
		cmocka_unit_test(test_every_table_name_round_trips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
