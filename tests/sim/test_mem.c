/* SPDX-License-Identifier: MIT */
/* Memory map: alignment, overlap, wrap, storage bound, look-up, iteration,
 * read/write helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "el2sim/mem.h"

#define PG EL2_MEM_PAGE_SIZE

static int setup(void **state)
{
	el2_mem *m = NULL;
	if (el2_mem_new(&m) != EL2_OK)
		return -1;
	*state = m;
	return 0;
}

static int teardown(void **state)
{
	el2_mem *m = *state;
	el2_mem_free(&m);
	return 0;
}

static void test_base_and_size_must_be_page_aligned_and_nonzero(void **state)
{
	el2_mem *m = *state;
	assert_int_equal(el2_mem_add(m, "a", 0x1000 + 8, PG, EL2_MEM_HYP), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_mem_add(m, "a", 0x1000, PG + 1, EL2_MEM_HYP), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_mem_add(m, "a", 0x1000, 0, EL2_MEM_HYP), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_mem_count(m), 0);
	assert_int_equal(el2_mem_add(m, "a", 0x1000, PG, EL2_MEM_HYP), EL2_OK);
}

static void test_attrs_need_an_owner_and_no_unknown_bits(void **state)
{
	el2_mem *m = *state;
	assert_int_equal(el2_mem_add(m, "a", 0, PG, EL2_MEM_EL0), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_mem_add(m, "a", 0, PG, 0), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_mem_add(m, "a", 0, PG, EL2_MEM_HOST | (1u << 7)),
			 EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_mem_add(m, "g", 0, PG, EL2_MEM_GUEST | EL2_MEM_EL0 | EL2_MEM_RO |
				     EL2_MEM_XN), EL2_OK);
	assert_int_equal(el2_mem_find(m, 0)->attrs,
			 EL2_MEM_GUEST | EL2_MEM_EL0 | EL2_MEM_RO | EL2_MEM_XN);
}

static void test_names_must_be_present_short_and_unique(void **state)
{
	el2_mem *m = *state;
	char longname[EL2_MEM_NAME_MAX + 2];
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(el2_mem_add(m, NULL, 0, PG, EL2_MEM_HYP), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_mem_add(m, "", 0, PG, EL2_MEM_HYP), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_mem_add(m, longname, 0, PG, EL2_MEM_HYP), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_mem_add(m, "hyp", 0, PG, EL2_MEM_HYP), EL2_OK);
	assert_int_equal(el2_mem_add(m, "hyp", 0x10000, PG, EL2_MEM_HYP), EL2_ERR_INVALID_ARG);
}

/* One flat space: a guest region may not overlap a host one either. */
static void test_overlap_is_refused_in_the_one_flat_space(void **state)
{
	el2_mem *m = *state;
	static const struct { uint64_t base, size; el2_err want; } cases[] = {
		{ 0x10000, 4 * PG, EL2_ERR_MEM_OVERLAP },  /* identical */
		{ 0x0f000, 2 * PG, EL2_ERR_MEM_OVERLAP },  /* over the start */
		{ 0x13000, 2 * PG, EL2_ERR_MEM_OVERLAP },  /* over the end */
		{ 0x11000, 1 * PG, EL2_ERR_MEM_OVERLAP },  /* inside */
		{ 0x0f000, 6 * PG, EL2_ERR_MEM_OVERLAP },  /* around */
		{ 0x0f000, 1 * PG, EL2_OK },               /* adjacent below */
		{ 0x14000, 1 * PG, EL2_OK },               /* adjacent above */
	};
	assert_int_equal(el2_mem_add(m, "host", 0x10000, 4 * PG, EL2_MEM_HOST), EL2_OK);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char name[16];
		snprintf(name, sizeof(name), "g%zu", i);
		assert_int_equal(el2_mem_add(m, name, cases[i].base, cases[i].size, EL2_MEM_GUEST),
				 cases[i].want);
	}
	assert_int_equal(el2_mem_count(m), 3);
}

static void test_range_wrapping_past_2_64_is_refused(void **state)
{
	el2_mem *m = *state;
	uint64_t top = UINT64_C(0xfffffffffffff000);
	assert_int_equal(el2_mem_add(m, "wrap", top, 2 * PG, EL2_MEM_HYP), EL2_ERR_MEM_OVERLAP);
	assert_int_equal(el2_mem_add(m, "top", top, PG, EL2_MEM_HYP), EL2_OK);
	assert_non_null(el2_mem_find(m, UINT64_MAX));
	uint8_t b = 0x5a;
	assert_int_equal(el2_mem_write(m, UINT64_MAX, &b, 1), EL2_OK);
	/* two bytes from the last one would wrap to address 0: unmapped */
	uint8_t two[2] = { 1, 2 };
	assert_int_equal(el2_mem_write(m, UINT64_MAX, two, 2), EL2_ERR_MEM_UNMAPPED);
}

static void test_storage_is_bounded_by_the_limit_and_mmio_is_free(void **state)
{
	el2_mem *m = *state;
	assert_int_equal(el2_mem_set_limit(m, 3 * PG), EL2_OK);
	assert_int_equal(el2_mem_add(m, "a", 0, 2 * PG, EL2_MEM_HYP), EL2_OK);
	assert_int_equal(el2_mem_add(m, "b", 0x10000, 2 * PG, EL2_MEM_HYP), EL2_ERR_NOMEM);
	assert_int_equal(el2_mem_add(m, "b", 0x10000, 1 * PG, EL2_MEM_HYP), EL2_OK);
	assert_int_equal(el2_mem_add(m, "uart", 0x20000, 16 * PG, EL2_MEM_HOST | EL2_MEM_MMIO),
			 EL2_OK);
	assert_int_equal(el2_mem_used(m), 3 * PG);
	assert_int_equal(el2_mem_set_limit(m, 2 * PG), EL2_ERR_INVALID_ARG);
}

static void test_default_limit_refuses_more_than_1_gib_without_allocating(void **state)
{
	el2_mem *m = *state;
	assert_int_equal(EL2_MEM_DEFAULT_LIMIT, UINT64_C(1) << 30);
	assert_int_equal(el2_mem_add(m, "big", 0, (UINT64_C(1) << 30) + PG, EL2_MEM_GUEST),
			 EL2_ERR_NOMEM);
	assert_int_equal(el2_mem_add(m, "huge", 0, UINT64_C(1) << 62, EL2_MEM_GUEST),
			 EL2_ERR_NOMEM);
	assert_int_equal(el2_mem_used(m), 0);
}

static void test_find_returns_the_containing_region_and_null_in_gaps(void **state)
{
	el2_mem *m = *state;
	assert_int_equal(el2_mem_add(m, "lo", 0x1000, PG, EL2_MEM_HOST), EL2_OK);
	assert_int_equal(el2_mem_add(m, "hi", 0x8000, 2 * PG, EL2_MEM_HYP), EL2_OK);
	assert_null(el2_mem_find(m, 0xfff));
	assert_string_equal(el2_mem_find(m, 0x1000)->name, "lo");
	assert_string_equal(el2_mem_find(m, 0x1fff)->name, "lo");
	assert_null(el2_mem_find(m, 0x2000));
	assert_null(el2_mem_find(m, 0x7fff));
	assert_string_equal(el2_mem_find(m, 0x8000)->name, "hi");
	assert_string_equal(el2_mem_find(m, 0x9fff)->name, "hi");
	assert_null(el2_mem_find(m, 0xa000));
	assert_ptr_equal(el2_mem_find_name(m, "hi"), el2_mem_find(m, 0x8000));
	assert_null(el2_mem_find_name(m, "nope"));
}

static void test_iteration_is_in_ascending_address_order(void **state)
{
	el2_mem *m = *state;
	assert_int_equal(el2_mem_add(m, "c", 0x30000, PG, EL2_MEM_GUEST), EL2_OK);
	assert_int_equal(el2_mem_add(m, "a", 0x10000, PG, EL2_MEM_HOST), EL2_OK);
	assert_int_equal(el2_mem_add(m, "b", 0x20000, PG, EL2_MEM_HYP | EL2_MEM_MMIO), EL2_OK);
	assert_int_equal(el2_mem_count(m), 3);
	const char *want[] = { "a", "b", "c" };
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(el2_mem_region_at(m, i)->name, want[i]);
	assert_null(el2_mem_region_at(m, 3));
	assert_non_null(el2_mem_region_at(m, 0)->host);
	assert_null(el2_mem_region_at(m, 1)->host); /* MMIO has no storage */
}

static void test_write_then_read_roundtrips_across_adjacent_regions(void **state)
{
	el2_mem *m = *state;
	uint8_t in[32], out[32];
	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(0xa0 + i);
	assert_int_equal(el2_mem_add(m, "a", 0x1000, PG, EL2_MEM_HYP), EL2_OK);
	assert_int_equal(el2_mem_add(m, "b", 0x2000, PG, EL2_MEM_GUEST), EL2_OK);
	assert_int_equal(el2_mem_write(m, 0x2000 - 16, in, sizeof(in)), EL2_OK);
	assert_int_equal(el2_mem_find(m, 0x1ff0)->host[0xff0], 0xa0);
	assert_int_equal(el2_mem_find(m, 0x2000)->host[0], 0xb0);
	memset(out, 0, sizeof(out));
	assert_int_equal(el2_mem_read(m, 0x2000 - 16, out, sizeof(out)), EL2_OK);
	assert_memory_equal(in, out, sizeof(in));
	/* a host pointer only for a range inside one region */
	assert_non_null(el2_mem_ptr(m, 0x1ff0, 16));
	assert_null(el2_mem_ptr(m, 0x1ff0, 17));
	assert_int_equal(el2_mem_zero(m, 0x1ff8, 16), EL2_OK);
	assert_int_equal(el2_mem_find(m, 0x2000)->host[7], 0);
	assert_int_equal(el2_mem_find(m, 0x2000)->host[8], 0xb8);
}

static void test_access_outside_storage_fails_and_copies_nothing(void **state)
{
	el2_mem *m = *state;
	uint8_t buf[16] = { 0 }, ones[16];
	memset(ones, 0xff, sizeof(ones));
	assert_int_equal(el2_mem_add(m, "ram", 0x1000, PG, EL2_MEM_HYP), EL2_OK);
	assert_int_equal(el2_mem_add(m, "dev", 0x2000, PG, EL2_MEM_HYP | EL2_MEM_MMIO), EL2_OK);
	assert_int_equal(el2_mem_read(m, 0x0, buf, 4), EL2_ERR_MEM_UNMAPPED);
	assert_int_equal(el2_mem_read(m, 0x2000, buf, 4), EL2_ERR_MEM_UNMAPPED);
	/* straddles RAM into MMIO: refused as a whole */
	assert_int_equal(el2_mem_write(m, 0x2000 - 8, ones, 16), EL2_ERR_MEM_UNMAPPED);
	assert_int_equal(el2_mem_find(m, 0x1ff8)->host[0xff8], 0);
	assert_int_equal(el2_mem_write(m, 0x3000, ones, 1), EL2_ERR_MEM_UNMAPPED);
	assert_int_equal(el2_mem_read(m, 0x1000, buf, 0), EL2_OK);
}

static void test_free_sets_the_handle_to_null(void **state)
{
	(void)state;
	el2_mem *m = NULL;
	assert_int_equal(el2_mem_new(&m), EL2_OK);
	assert_int_equal(el2_mem_add(m, "x", 0, PG, EL2_MEM_HOST), EL2_OK);
	el2_mem_free(&m);
	assert_null(m);
	el2_mem_free(&m);
	el2_mem_free(NULL);
	assert_int_equal(el2_mem_new(NULL), EL2_ERR_INVALID_ARG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_base_and_size_must_be_page_aligned_and_nonzero),
		T(test_attrs_need_an_owner_and_no_unknown_bits),
		T(test_names_must_be_present_short_and_unique),
		T(test_overlap_is_refused_in_the_one_flat_space),
		T(test_range_wrapping_past_2_64_is_refused),
		T(test_storage_is_bounded_by_the_limit_and_mmio_is_free),
		T(test_default_limit_refuses_more_than_1_gib_without_allocating),
		T(test_find_returns_the_containing_region_and_null_in_gaps),
		T(test_iteration_is_in_ascending_address_order),
		T(test_write_then_read_roundtrips_across_adjacent_regions),
		T(test_access_outside_storage_fails_and_copies_nothing),
		cmocka_unit_test(test_free_sets_the_handle_to_null),
#undef T
	};
	return cmocka_run_group_tests_name("mem", tests, NULL, NULL);
}
