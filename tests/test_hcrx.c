/* SPDX-License-Identifier: MIT */
/* FEAT_HCX: HCRX_EL2 exists at EL2 with the feature (UNDEFINED without,
 * and below EL2), ID_AA64MMFR1_EL1.HCX says so, and every field is RES0
 * because each controls a feature the model lacks (sysreg.def). */
#include "sysreg_test_util.h"

#define HCX EL2_FEAT_ALL
#define NO_HCX (EL2_FEAT_ALL & ~(uint32_t)EL2_FEAT_HCRX)

static void test_hcrx_el2_exists_at_el2_with_feat_hcx(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(HCX, EL2_PSR_MODE_EL2h);
	pe->s.x[1] = ~0ull;
	el2_exec_result r = do_msr(pe, EL2_SR_HCRX_EL2, 1);
	assert_done(pe, &r);
	reenter(pe, EL2_PSR_MODE_EL2h);
	r = do_mrs(pe, EL2_SR_HCRX_EL2, 2);
	assert_done(pe, &r);
	assert_int_equal(pe->s.x[2], 0); /* all fields RES0 here */
	assert_int_equal((rd(pe, EL2_SYSREG(ID_AA64MMFR1_EL1)) >> 40) & 0xf, 1);
	/* EL1: UNDEFINED (an EL2 register). */
	reenter(pe, EL2_PSR_MODE_EL1h);
	r = do_mrs(pe, EL2_SR_HCRX_EL2, 2);
	assert_undefined(&r);
	el2_pe_free(&pe);
}

static void test_hcrx_el2_is_undefined_without_feat_hcx(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(NO_HCX, EL2_PSR_MODE_EL2h);
	el2_exec_result r = do_mrs(pe, EL2_SR_HCRX_EL2, 2);
	assert_undefined(&r);
	reenter(pe, EL2_PSR_MODE_EL2h);
	r = do_msr(pe, EL2_SR_HCRX_EL2, 2);
	assert_undefined(&r);
	assert_int_equal((rd(pe, EL2_SYSREG(ID_AA64MMFR1_EL1)) >> 40) & 0xf, 0);
	el2_pe_free(&pe);
	/* The N1-like default has neither FEAT_HCX nor FEAT_FGT. */
	assert_false(el2_config_default().features & (EL2_FEAT_HCRX | EL2_FEAT_FGT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hcrx_el2_exists_at_el2_with_feat_hcx),
		cmocka_unit_test(test_hcrx_el2_is_undefined_without_feat_hcx),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
