/* SPDX-License-Identifier: MIT */
/* Load/store decoding for Data Abort syndromes. Words encoded by hand from
 * the A64 "Loads and Stores" encoding groups (DDI 0487 J.a, C4.1.x); the
 * ISV rule from "ISS encoding for an exception from a Data Abort": valid
 * for single general-purpose register loads/stores (acquire/release
 * included), not for exclusives, pairs, SIMD&FP, atomics or writeback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ldst_decode.h"

struct dcase {
	const char *text;
	uint32_t word;
	ldst_class cls;
	bool load, store;
	unsigned size, rt;
	bool sign, sf, wb, isv, ar;
};

static const struct dcase cases[] = {
	/* text                          word        class           ld st sz rt sse sf wb isv ar */
	{"LDR W5, [X3] (unsigned imm)", 0xb9400065, LDST_SINGLE, 1, 0, 2, 5, 0, 0, 0, 1, 0},
	{"LDR X2, [X1, #8]", 0xf9400422, LDST_SINGLE, 1, 0, 3, 2, 0, 1, 0, 1, 0},
	{"STRB W9, [X3, #1]", 0x39000469, LDST_SINGLE, 0, 1, 0, 9, 0, 0, 0, 1, 0},
	{"LDRSH X1, [X2]", 0x79800041, LDST_SINGLE, 1, 0, 1, 1, 1, 1, 0, 1, 0},
	{"LDRSW X0, [X1], #4 (post-index)", 0xb8804420, LDST_SINGLE, 1, 0, 2, 0, 1, 1, 1, 0, 0},
	{"LDUR X1, [X2, #-8]", 0xf85f8041, LDST_SINGLE, 1, 0, 3, 1, 0, 1, 0, 1, 0},
	{"LDR X1, [X2, X3] (register offset)", 0xf8636841, LDST_SINGLE, 1, 0, 3, 1, 0, 1, 0, 1, 0},
	{"LDR X1, literal", 0x58000001, LDST_SINGLE, 1, 0, 3, 1, 0, 1, 0, 1, 0},
	{"LDTR X0, [X1]", 0xf8400820, LDST_UNPRIV, 1, 0, 3, 0, 0, 1, 0, 1, 0},
	{"STTRB W2, [X3]", 0x38000862, LDST_UNPRIV, 0, 1, 0, 2, 0, 0, 0, 1, 0},
	{"LDAR X1, [X2]", 0xc8dffc41, LDST_ACQREL, 1, 0, 3, 1, 0, 1, 0, 1, 1},
	{"STLR W1, [X2]", 0x889ffc41, LDST_ACQREL, 0, 1, 2, 1, 0, 0, 0, 1, 1},
	{"LDXR X1, [X2]", 0xc85f7c41, LDST_EXCLUSIVE, 1, 0, 3, 1, 0, 1, 0, 0, 0},
	{"LDP X6, X7, [X3]", 0xa9401c66, LDST_PAIR, 1, 0, 3, 6, 0, 1, 0, 0, 0},
	{"LDR Q0, [X1]", 0x3dc00020, LDST_SIMD, 1, 0, 4, 0, 0, 0, 0, 0, 0},
	{"LDADD X1, X2, [X3]", 0xf8210062, LDST_ATOMIC, 1, 1, 3, 2, 0, 1, 0, 0, 0},
};

static void test_load_store_words_decode_to_class_and_syndrome(void **s)
{
	(void)s;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct dcase *c = &cases[i];
		ldst_info li;
		print_message("  %s\n", c->text);
		assert_true(ldst_decode(c->word, &li));
		assert_int_equal(li.cls, c->cls);
		assert_int_equal(li.load, c->load);
		assert_int_equal(li.store, c->store);
		assert_int_equal(li.size_log2, c->size);
		assert_int_equal(li.rt, c->rt);
		if (c->cls != LDST_SIMD) {
			assert_int_equal(li.sign, c->sign);
			assert_int_equal(li.sf, c->sf);
		}
		assert_int_equal(li.writeback, c->wb);
		assert_int_equal(ldst_isv(&li), c->isv);
		assert_int_equal(ldst_acqrel(&li), c->ar);
	}
}

static void test_prefetch_and_structure_loads_are_classified(void **s)
{
	(void)s;
	ldst_info li;
	assert_true(ldst_decode(0xf9800020, &li)); /* PRFM PLDL1KEEP, [X1] */
	assert_int_equal(li.cls, LDST_PREFETCH);
	assert_true(ldst_decode(0x4c407020, &li)); /* LD1 {V0.16B}, [X1] */
	assert_int_equal(li.cls, LDST_SIMD);
	assert_false(ldst_isv(&li));
}

static void test_non_memory_words_are_not_loads_or_stores(void **s)
{
	(void)s;
	ldst_info li;
	assert_false(ldst_decode(0x8b020020, &li)); /* ADD X0, X1, X2 */
	assert_int_equal(li.cls, LDST_NONE);
	assert_false(ldst_decode(0xd503201f, &li)); /* NOP */
	assert_false(ldst_decode(0xb8c00400, &li)); /* LDRSW size=10 opc=11: unallocated */
}

static void test_effective_address_follows_each_addressing_form(void **s)
{
	(void)s;
	uint64_t x[31] = {0};
	x[1] = 0x1000;
	x[2] = 0x2000;
	x[3] = 0x3000;
	const uint64_t sp = 0x9000, pc = 0x8000;
	struct { const char *text; uint32_t word; uint64_t ea; } c[] = {
		{"LDR X2, [X1, #8]: base + imm12 << size", 0xf9400422, 0x1008},
		{"LDP X6, X7, [X3, #-16]!: pre-index", 0xa9ff1c66, 0x2ff0},
		{"LDR X1, [X2, X3, LSL #3]: register offset", 0xf8637841, 0x2000 + 0x3000 * 8},
		{"LDRSW X0, [X1], #4: post-index uses the base", 0xb8804420, 0x1000},
		{"LDR X1, literal #8", 0x58000041, 0x8008},
		{"LDR X0, [SP, #16]: Rn = 31 is SP", 0xf9400be0, 0x9010},
		{"LDUR X1, [X2, #-8]", 0xf85f8041, 0x1ff8},
		{"LDAR X1, [X2]", 0xc8dffc41, 0x2000},
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		uint64_t ea = 0;
		print_message("  %s\n", c[i].text);
		assert_true(ldst_address(c[i].word, x, sp, pc, &ea));
		assert_int_equal(ea, c[i].ea);
	}
	uint64_t ea;
	assert_false(ldst_address(0x8b020020, x, sp, pc, &ea)); /* ADD */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_store_words_decode_to_class_and_syndrome),
		cmocka_unit_test(test_prefetch_and_structure_loads_are_classified),
		cmocka_unit_test(test_non_memory_words_are_not_loads_or_stores),
		cmocka_unit_test(test_effective_address_follows_each_addressing_form),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
