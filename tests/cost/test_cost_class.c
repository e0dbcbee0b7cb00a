/* SPDX-License-Identifier: MIT */
/* el2_cost_classify on hand-picked A64 words (assembled with clang
 * --target=aarch64-linux-gnu -march=armv8.5-a; the source line is next to
 * each word). Expected classes and sizes come from the instructions:
 * LDP of two X registers moves 2 x 8 bytes, LDR q 16, and so on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "el2sim/cost.h"
#include "el2sim/sysreg.h"

typedef struct expect {
	uint32_t word;
	const char *text;
	el2_cost_class cls;
	unsigned loaded, stored;
} expect;

static const expect cases[] = {
	{0x8b020020, "add x0, x1, x2", EL2_CC_ALU, 0, 0},
	{0x14000002, "b .+8", EL2_CC_BRANCH, 0, 0},
	{0xd65f03c0, "ret", EL2_CC_BRANCH, 0, 0},
	{0xb4000040, "cbz x0, .+8", EL2_CC_BRANCH, 0, 0},
	{0x94000001, "bl .+4", EL2_CC_BRANCH, 0, 0},
	{0xf9400020, "ldr x0, [x1]", EL2_CC_LOAD, 8, 0},
	{0xb9400020, "ldr w0, [x1]", EL2_CC_LOAD, 4, 0},
	{0x39400020, "ldrb w0, [x1]", EL2_CC_LOAD, 1, 0},
	{0x79400420, "ldrh w0, [x1, #2]", EL2_CC_LOAD, 2, 0},
	{0x3dc00020, "ldr q0, [x1]", EL2_CC_LOAD, 16, 0},
	{0xfd400020, "ldr d0, [x1]", EL2_CC_LOAD, 8, 0},
	{0xf9000020, "str x0, [x1]", EL2_CC_STORE, 0, 8},
	{0x39000020, "strb w0, [x1]", EL2_CC_STORE, 0, 1},
	{0x3d8007e3, "str q3, [sp, #16]", EL2_CC_STORE, 0, 16},
	{0xa9410c02, "ldp x2, x3, [x0, #16]", EL2_CC_LDST_PAIR, 16, 0},
	{0x29400c02, "ldp w2, w3, [x0]", EL2_CC_LDST_PAIR, 8, 0},
	{0xad400400, "ldp q0, q1, [x0]", EL2_CC_LDST_PAIR, 32, 0},
	{0xa9bf7bfd, "stp x29, x30, [sp, #-16]!", EL2_CC_LDST_PAIR, 0, 16},
	{0xad010400, "stp q0, q1, [x0, #32]", EL2_CC_LDST_PAIR, 0, 32},
	{0x69400440, "ldpsw x0, x1, [x2]", EL2_CC_LDST_PAIR, 8, 0},
	{0xa8c10440, "ldp x0, x1, [x2], #16", EL2_CC_LDST_PAIR, 16, 0},
	{0xd53cd041, "mrs x1, tpidr_el2", EL2_CC_MRS, 0, 0},
	{0xd51c1100, "msr hcr_el2, x0", EL2_CC_MSR, 0, 0},
	{0xd51c4022, "msr elr_el2, x2", EL2_CC_MSR, 0, 0},
	{0xd500419f, "msr pan, #1", EL2_CC_MSR_IMM, 0, 0},
	{0xd5034fdf, "msr daifset, #0xf", EL2_CC_MSR_IMM, 0, 0},
	{0xd5033fdf, "isb", EL2_CC_ISB, 0, 0},
	{0xd5033f9f, "dsb sy", EL2_CC_DSB_DMB, 0, 0},
	{0xd5033bbf, "dmb ish", EL2_CC_DSB_DMB, 0, 0},
	{0xd50c83df, "tlbi vmalls12e1is", EL2_CC_TLBI, 0, 0},
	{0xd5087800, "at s1e1r, x0", EL2_CC_AT, 0, 0},
	{0xd50b7e20, "dc civac, x0", EL2_CC_DC_IC, 0, 0},
	{0xd508751f, "ic iallu", EL2_CC_DC_IC, 0, 0},
	{0xd69f03e0, "eret", EL2_CC_ERET, 0, 0},
	{0xd4000002, "hvc #0", EL2_CC_OTHER, 0, 0},
	{0xd503201f, "nop", EL2_CC_OTHER, 0, 0},
	{0x4ea01c00, "orr v0.16b, v0.16b, v0.16b", EL2_CC_FP, 0, 0},
	{0x9e670041, "fmov d1, x2", EL2_CC_FP, 0, 0},
	{0xc85f7c20, "ldxr x0, [x1]", EL2_CC_LOAD, 8, 0},
	{0xc8027c20, "stxr w2, x0, [x1]", EL2_CC_STORE, 0, 8},
	{0x4c40a000, "ld1 {v0.16b, v1.16b}, [x0]", EL2_CC_LOAD, 32, 0},
	{0xf9800000, "prfm pldl1keep, [x0]", EL2_CC_OTHER, 0, 0},
	{0x00000000, "udf #0 (undefined)", EL2_CC_OTHER, 0, 0},
};

static void test_each_word_gets_its_class_and_access_size(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		el2_insn_cost_info i;
		el2_cost_classify(cases[k].word, &i);
		if (i.cls != cases[k].cls || i.bytes_loaded != cases[k].loaded ||
		    i.bytes_stored != cases[k].stored)
			fail_msg("%s (0x%08x): class %s, %u/%u bytes; expected %s, %u/%u", cases[k].text,
				 cases[k].word, el2_cost_class_name(i.cls), i.bytes_loaded,
				 i.bytes_stored, el2_cost_class_name(cases[k].cls), cases[k].loaded,
				 cases[k].stored);
	}
}

static void test_dsb_is_told_apart_from_dmb(void **state)
{
	(void)state;
	el2_insn_cost_info i;
	el2_cost_classify(0xd5033f9f, &i);
	assert_true(i.is_dsb);
	el2_cost_classify(0xd5033bbf, &i);
	assert_false(i.is_dsb);
}

static bool has(const uint8_t *list, unsigned n, unsigned id)
{
	for (unsigned k = 0; k < n; k++)
		if (list[k] == id)
			return true;
	return false;
}

static void test_registers_read_and_written(void **state)
{
	(void)state;
	el2_insn_cost_info i;
	el2_cost_classify(0xa9410c02, &i); /* ldp x2, x3, [x0, #16] */
	assert_true(has(i.dst, i.n_dst, 2) && has(i.dst, i.n_dst, 3));
	assert_true(has(i.src, i.n_src, 0));
	assert_false(has(i.dst, i.n_dst, 0));
	el2_cost_classify(0xa8c10440, &i); /* ldp x0, x1, [x2], #16: writes back x2 */
	assert_true(has(i.dst, i.n_dst, 2));
	el2_cost_classify(0xd53cd041, &i); /* mrs x1, tpidr_el2: writes x1 only */
	assert_int_equal(i.n_dst, 1);
	assert_int_equal(i.dst[0], 1);
	assert_int_equal(i.n_src, 0);
	assert_int_equal(i.sysreg_enc, EL2_SYS_ENC(3, 4, 13, 0, 2));
	el2_cost_classify(0xd51c1100, &i); /* msr hcr_el2, x0: reads x0 */
	assert_int_equal(i.n_src, 1);
	assert_int_equal(i.src[0], 0);
	assert_int_equal(i.n_dst, 0);
	assert_int_equal(i.sysreg_enc, EL2_SYS_ENC(3, 4, 1, 1, 0));
	el2_cost_classify(0x3dc00020, &i); /* ldr q0, [x1] */
	assert_true(has(i.dst, i.n_dst, EL2_COST_REG_V0 + 0));
	el2_cost_classify(0xa9bf7bfd, &i); /* stp x29, x30, [sp, #-16]! */
	assert_true(has(i.src, i.n_src, 29) && has(i.src, i.n_src, 30));
	assert_true(has(i.src, i.n_src, EL2_COST_REG_SP));
}

static void test_cached_result_equals_fresh_one(void **state)
{
	(void)state;
	el2_insn_cost_info a, b;
	el2_cost_classify(0xa9410c02, &a);
	el2_cost_classify(0xa9410c02, &b);
	assert_memory_equal(&a, &b, sizeof(a));
}

static void test_class_names_round_trip(void **state)
{
	(void)state;
	for (unsigned c = 0; c < EL2_CC__COUNT; c++) {
		el2_cost_class back;
		assert_true(el2_cost_class_by_name(el2_cost_class_name(c), &back));
		assert_int_equal(back, c);
	}
	el2_cost_class x;
	assert_false(el2_cost_class_by_name("bogus", &x));
	assert_string_equal(el2_cost_class_name(EL2_CC__COUNT), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_word_gets_its_class_and_access_size),
		cmocka_unit_test(test_dsb_is_told_apart_from_dmb),
		cmocka_unit_test(test_registers_read_and_written),
		cmocka_unit_test(test_cached_result_equals_fresh_one),
		cmocka_unit_test(test_class_names_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
