/* SPDX-License-Identifier: MIT */
/* The checker's tag table (check_tags.c): its hashed index must answer
 * exactly as a linear search of the entries would, through adds,
 * duplicates and the per-trip truncation (which removes entries from the
 * open-addressed index one by one). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "check_internal.h"

/* The answer of a linear search over the live entries. */
static const chk_tagent *linear_find(const chk_tagtab *t, uint64_t v)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->e[i].value == v)
			return t->e[i].ambiguous ? NULL : &t->e[i];
	return NULL;
}

/* Distinct values with many bits set (the table keeps only those). */
static uint64_t value_of(unsigned k)
{
	return chk_mix(k) | 0xffff000000000000ull;
}

static void assert_index_agrees(const chk_tagtab *t, unsigned upto)
{
	for (unsigned k = 0; k < upto; k++)
		assert_ptr_equal(chk_tagtab_find(t, value_of(k)), linear_find(t, value_of(k)));
}

static void test_find_after_truncations(void **state)
{
	(void)state;
	chk_tagtab t = {0};
	for (unsigned k = 0; k < 300; k++)
		chk_tagtab_add(&t, value_of(k), EL2_TAG_POISON, EL2_REG_X(k % 31), 1, k);
	size_t setup = t.n;
	assert_int_equal(setup, 300);
	/* trips: each adds a few hundred (growing the index), then goes */
	for (unsigned trip = 0; trip < 20; trip++) {
		unsigned base = 1000 + trip * 37;
		for (unsigned k = base; k < base + 400; k++)
			chk_tagtab_add(&t, value_of(k), EL2_TAG_POISON, EL2_REG_X(k % 31), 1, k);
		assert_int_equal(t.n, setup + 400);
		assert_index_agrees(&t, base + 400);
		chk_tagtab_truncate(&t, setup);
		assert_int_equal(t.n, setup);
		assert_index_agrees(&t, base + 400);
		for (unsigned k = 0; k < 300; k++)
			assert_non_null(chk_tagtab_find(&t, value_of(k)));
		for (unsigned k = base; k < base + 400; k++)
			assert_null(chk_tagtab_find(&t, value_of(k)));
	}
	chk_tagtab_free(&t);
	assert_null(chk_tagtab_find(&t, value_of(0)));
}

static void test_duplicate_and_ambiguous(void **state)
{
	(void)state;
	chk_tagtab t = {0};
	uint64_t v = value_of(7);
	chk_tagtab_add(&t, v, EL2_TAG_HOST, EL2_REG_X(1), 1, 0);
	chk_tagtab_add(&t, v, EL2_TAG_HOST, EL2_REG_X(1), 1, 0);
	assert_int_equal(t.n, 1);
	assert_non_null(chk_tagtab_find(&t, v));
	/* the same value from another register names nobody */
	chk_tagtab_add(&t, v, EL2_TAG_GUEST, EL2_REG_X(2), 1, 0);
	assert_int_equal(t.n, 1);
	assert_null(chk_tagtab_find(&t, v));
	/* values with few bits set are not kept */
	chk_tagtab_add(&t, 0x300000, EL2_TAG_HOST, EL2_REG_X(3), 1, 0);
	assert_int_equal(t.n, 1);
	assert_null(chk_tagtab_find(&t, 0x300000));
	chk_tagtab_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_after_truncations),
		cmocka_unit_test(test_duplicate_and_ambiguous),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
