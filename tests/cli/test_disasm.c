/* SPDX-License-Identifier: MIT */
/* sim/disasm.c: Capstone text plus the table's names. Encodings written by
 * hand from the Arm ARM (C6.2 MRS, MSR (register), SYS, ERET, ADD, UDF). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "el2sim/disasm.h"

/* MRS: 1101 0101 0011 op0[0] op1 CRn CRm op2 Rt (op0 = 2 + o0). */
#define MRS(o0, op1, crn, crm, op2, rt)                                                    \
	(0xd5300000u | ((o0) << 19) | ((op1) << 16) | ((crn) << 12) | ((crm) << 8) |      \
	 ((op2) << 5) | (rt))
#define MSR(o0, op1, crn, crm, op2, rt) (MRS(o0, op1, crn, crm, op2, rt) & ~(1u << 21))

static void check(uint32_t insn, const char *want)
{
	char buf[160];
	size_t n = el2_disasm(insn, 0x1000, buf, sizeof(buf));
	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
}

static void test_named_system_registers_keep_capstone_names(void **state)
{
	check(MSR(1, 4, 1, 1, 0, 0), "msr hcr_el2, x0");      /* HCR_EL2 = 3,4,1,1,0 */
	check(MRS(1, 4, 4, 0, 1, 3), "mrs x3, elr_el2");      /* ELR_EL2 = 3,4,4,0,1 */
	check(MSR(1, 5, 1, 0, 0, 1), "msr sctlr_el12, x1");   /* SCTLR_EL12 = 3,5,1,0,0 */
}

static void test_generic_register_names_get_the_table_name_as_comment(void **state)
{
	/* DIT = 3,3,4,2,5; Capstone 4.0.2 prints it only generically. */
	check(MRS(1, 3, 4, 2, 5, 0), "mrs x0, s3_3_c4_c2_5 // DIT");
	/* AT S1E1RP = SYS #0, C7, C9, #0 (FEAT_PAN2), unknown to Capstone 4. */
	check(0xd5087900u, "sys #0, c7, c9, #0, x0 // AT_S1E1RP");
}

static void test_generic_names_without_a_table_row_get_no_comment(void **state)
{
	/* 3,7,15,15,7 is IMPLEMENTATION DEFINED space: no row in the table. */
	check(MRS(1, 7, 15, 15, 7, 2), "mrs x2, s3_7_c15_c15_7");
}

static void test_exception_instructions_disassemble(void **state)
{
	check(0xd69f03e0u, "eret");
	check(0xd4000002u | (0x12u << 5), "hvc #0x12");
	check(0x91000420u, "add x0, x1, #1");
}

static void test_branch_targets_use_the_given_pc(void **state)
{
	char buf[64];
	el2_disasm(0x14000004u, 0x40000000u, buf, sizeof(buf)); /* b . + 16 */
	assert_string_equal(buf, "b #0x40000010");
}

static void test_undecodable_words_are_udf_or_inst(void **state)
{
	check(0x00000000u, "udf #0x0");
	check(0x0000beefu, "udf #0xbeef");
	check(0xffffffffu, ".inst 0xffffffff");
}

static void test_short_buffer_is_truncated_and_terminated(void **state)
{
	char buf[5];
	memset(buf, 'X', sizeof(buf));
	size_t n = el2_disasm(0xd69f03e0u, 0, buf, 3);
	assert_int_equal(n, 4);
	assert_string_equal(buf, "er");
	assert_int_equal(buf[3], 'X');
	assert_int_equal(el2_disasm(0xd69f03e0u, 0, NULL, 0), 4);
}

static int teardown(void **state)
{
	el2_disasm_release();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_named_system_registers_keep_capstone_names),
		cmocka_unit_test(test_generic_register_names_get_the_table_name_as_comment),
		cmocka_unit_test(test_generic_names_without_a_table_row_get_no_comment),
		cmocka_unit_test(test_exception_instructions_disassemble),
		cmocka_unit_test(test_branch_targets_use_the_given_pc),
		cmocka_unit_test(test_undecodable_words_are_udf_or_inst),
		cmocka_unit_test(test_short_buffer_is_truncated_and_terminated),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
