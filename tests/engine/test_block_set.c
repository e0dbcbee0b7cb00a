/* SPDX-License-Identifier: MIT */
/* The set of scanned blocks (block_set.c): found only with the size it was
 * added with, one entry per key, emptied when three-quarters full. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "block_set.h"

static void test_has_and_size(void **state)
{
	(void)state;
	block_set *s = calloc(1, sizeof(*s));
	assert_non_null(s);
	assert_false(block_set_has(s, 0x1000, 0, 16));
	block_set_add(s, 0x1000, 0, 16);
	assert_true(block_set_has(s, 0x1000, 0, 16));
	assert_false(block_set_has(s, 0x1000, 0, 20)); /* retranslated: other size */
	assert_false(block_set_has(s, 0x1000, 1, 16)); /* another kind of scan */
	block_set_add(s, 0x1000, 0, 20);
	assert_true(block_set_has(s, 0x1000, 0, 20));
	assert_false(block_set_has(s, 0x1000, 0, 16));
	assert_int_equal(s->used, 1);
	block_set_add(s, 0x1000, 5, 16); /* same address, its own entry */
	assert_true(block_set_has(s, 0x1000, 5, 16));
	assert_true(block_set_has(s, 0x1000, 0, 20));
	assert_int_equal(s->used, 2);
	block_set_add(s, 0, 0, 4); /* address 0 is a key like any other */
	assert_true(block_set_has(s, 0, 0, 4));
	block_set_clear(s);
	assert_false(block_set_has(s, 0x1000, 0, 20));
	assert_int_equal(s->used, 0);
	free(s);
}

static void test_many_blocks(void **state)
{
	(void)state;
	block_set *s = calloc(1, sizeof(*s));
	assert_non_null(s);
	unsigned full = BLOCK_SET_SLOTS / 4 * 3;
	/* blocks 2 KiB apart: the low address bits a direct-mapped table used */
	for (unsigned i = 0; i < full; i++)
		block_set_add(s, 0x40000000ull + 0x800ull * i, i & 7, 8);
	for (unsigned i = 0; i < full; i++)
		assert_true(block_set_has(s, 0x40000000ull + 0x800ull * i, i & 7, 8));
	assert_int_equal(s->used, full);
	block_set_add(s, 0x10, 0, 8); /* full: emptied first, then added */
	assert_int_equal(s->used, 1);
	assert_true(block_set_has(s, 0x10, 0, 8));
	assert_false(block_set_has(s, 0x40000000ull, 0, 8));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_has_and_size),
		cmocka_unit_test(test_many_blocks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
