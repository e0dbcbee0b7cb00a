/* SPDX-License-Identifier: MIT */
/* FP/SIMD access (FPCR/FPSR): CPACR_EL1.FPEN x EL, CPTR_EL2.TFP (E2H = 0),
 * CPTR_EL2.FPEN (E2H = 1, with TGE), per AArch64.CheckFPEnabled and
 * AArch64.CheckFPAdvSIMDTrap. */
#include "sysreg_test_util.h"

#define ALL EL2_FEAT_ALL
#define FPEN(v) ((uint64_t)(v) << 20)

typedef struct {
	unsigned mode;
	uint64_t hcr, cpacr, cptr;
	unsigned want; /* 0: accessible, else trap target EL */
} fp_case;

static const fp_case cases[] = {
	/* CPACR_EL1.FPEN: 00/10 trap EL0 and EL1, 01 traps EL0 only, 11 none */
	{EL2_PSR_MODE_EL1h, 0, FPEN(0), 0, 1},
	{EL2_PSR_MODE_EL1h, 0, FPEN(2), 0, 1},
	{EL2_PSR_MODE_EL1h, 0, FPEN(1), 0, 0},
	{EL2_PSR_MODE_EL1h, 0, FPEN(3), 0, 0},
	{EL2_PSR_MODE_EL0t, 0, FPEN(0), 0, 1},
	{EL2_PSR_MODE_EL0t, 0, FPEN(1), 0, 1},
	{EL2_PSR_MODE_EL0t, 0, FPEN(3), 0, 0},
	/* CPACR does not act at EL2 */
	{EL2_PSR_MODE_EL2h, 0, FPEN(0), 0, 0},
	/* E2H = 0: CPTR_EL2.TFP traps EL0, EL1 and EL2 to EL2 */
	{EL2_PSR_MODE_EL1h, 0, FPEN(3), EL2_CPTR_TFP, 2},
	{EL2_PSR_MODE_EL0t, 0, FPEN(3), EL2_CPTR_TFP, 2},
	{EL2_PSR_MODE_EL2h, 0, 0, EL2_CPTR_TFP, 2},
	/* the CPACR trap (EL1) is checked first */
	{EL2_PSR_MODE_EL1h, 0, FPEN(0), EL2_CPTR_TFP, 1},
	/* E2H = 1: CPTR_EL2.FPEN, TFP (bit 10) has no meaning */
	{EL2_PSR_MODE_EL2h, EL2_HCR_E2H, 0, FPEN(3) | EL2_CPTR_TFP, 0},
	{EL2_PSR_MODE_EL2h, EL2_HCR_E2H, 0, FPEN(0), 2},
	{EL2_PSR_MODE_EL2h, EL2_HCR_E2H, 0, FPEN(1), 0},
	{EL2_PSR_MODE_EL1h, EL2_HCR_E2H, FPEN(3), FPEN(2), 2},
	{EL2_PSR_MODE_EL1h, EL2_HCR_E2H, FPEN(3), FPEN(1), 0},
	/* E2H = 1, TGE = 0: FPEN = 01 does not trap EL0 */
	{EL2_PSR_MODE_EL0t, EL2_HCR_E2H, FPEN(3), FPEN(1), 0},
	/* E2H = TGE = 1 (EL0 in host): CPACR_EL1 ignored, FPEN = 01 traps EL0 */
	{EL2_PSR_MODE_EL0t, EL2_HCR_E2H | EL2_HCR_TGE, FPEN(0), FPEN(3), 0},
	{EL2_PSR_MODE_EL0t, EL2_HCR_E2H | EL2_HCR_TGE, FPEN(3), FPEN(1), 2},
	{EL2_PSR_MODE_EL0t, EL2_HCR_E2H | EL2_HCR_TGE, FPEN(3), FPEN(0), 2},
};

static el2_pe *setup(const fp_case *c)
{
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(HCR_EL2), c->hcr);
	wr(pe, EL2_SYSREG(CPACR_EL1), c->cpacr);
	wr(pe, EL2_SYSREG(CPTR_EL2), c->cptr);
	reenter(pe, c->mode);
	return pe;
}

static void test_fp_trap_target_follows_cpacr_and_cptr(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		el2_pe *pe = setup(&cases[i]);
		if (fp_trap_target(pe) != cases[i].want)
			fail_msg("case %zu: got %u want %u", i, fp_trap_target(pe), cases[i].want);
		el2_pe_free(&pe);
	}
}

static void test_fpcr_access_traps_with_ec_0x07_or_completes(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		el2_pe *pe = setup(&cases[i]);
		wr(pe, EL2_REG_X(0), 0x03000000);
		el2_exec_result r = do_msr(pe, EL2_SR_FPCR, 0);
		if (!cases[i].want) {
			assert_done(pe, &r);
			assert_int_equal(rd(pe, EL2_SYSREG(FPCR)), 0x03000000);
		} else {
			assert_int_equal(r.outcome, EL2_OUT_EXCEPTION);
			/* to EL1, or EL2 as EC 0x00 when TGE = 1 (AdvSIMDFPAccessTrap) */
			bool tge = (cases[i].hcr & EL2_HCR_TGE) != 0;
			unsigned el = cases[i].want == 1 && tge ? 2 : cases[i].want;
			unsigned ec = cases[i].want == 1 && tge ? 0x00 : 0x07;
			assert_int_equal(r.exc.target_el, el);
			assert_int_equal(EL2_ESR_EC(r.exc.esr), ec);
			assert_int_equal(rd(pe, EL2_SYSREG(FPCR)), 0);
		}
		el2_pe_free(&pe);
	}
}

static void test_without_el2_only_cpacr_acts(void **state)
{
	(void)state;
	el2_config cfg = el2_config_default();
	cfg.have_el2 = false;
	cfg.features &= ~(uint32_t)EL2_FEAT_VHE;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	wr(pe, EL2_SYSREG(CPTR_EL2), EL2_CPTR_TFP);
	wr(pe, EL2_SYSREG(CPACR_EL1), FPEN(3));
	assert_int_equal(fp_trap_target(pe), 0);
	wr(pe, EL2_SYSREG(CPACR_EL1), FPEN(0));
	assert_int_equal(fp_trap_target(pe), 1);
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fp_trap_target_follows_cpacr_and_cptr),
		cmocka_unit_test(test_fpcr_access_traps_with_ec_0x07_or_completes),
		cmocka_unit_test(test_without_el2_only_cpacr_acts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
