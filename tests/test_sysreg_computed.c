/* STUB: replaced by the module's owner. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "el2sim/el2sim.h"

static void test_placeholder_pe_can_be_created(void **state)
{
	(void)state;
	el2_config cfg = el2_config_default();
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	assert_non_null(pe);
	el2_pe_free(&pe);
	assert_null(pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_placeholder_pe_can_be_created)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
