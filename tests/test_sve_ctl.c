/* SPDX-License-Identifier: MIT */
/* FEAT_SVE control (lib/sve_ctl.c): the ZCR_EL1/ZCR_EL2 accessors
 * (SystemAccessTrap(el, 0x19)), CheckSVEEnabled for SVE instructions with
 * its order of SVE and FP checks, RDVL/ADDVL/ADDPL at VL = 128, and the
 * feature off. */
#include "sysreg_test_util.h"

#define ALL EL2_FEAT_ALL
#define NO_SVE (EL2_FEAT_ALL & ~(uint32_t)EL2_FEAT_SVE)
#define ZEN(v) ((uint64_t)(v) << 16)
#define FPEN(v) ((uint64_t)(v) << 20)
#define E2H EL2_HCR_E2H
#define TGE EL2_HCR_TGE

#define I_RDVL_X0_2 0x04bf5040u     /* rdvl x0, #2 */
#define I_ADDVL_SP_SP_M1 0x043f57ffu /* addvl sp, sp, #-1 */
#define I_ADDPL_X1_X2_3 0x04625061u /* addpl x1, x2, #3 */
#define I_PTRUE_P0_B 0x2518e3e0u    /* ptrue p0.b */

enum { OK = 0, SVE = 1, FP = 2 };

typedef struct {
	unsigned mode;
	uint64_t hcr, cpacr, cptr;
	int want;
	unsigned el;
} sve_case;

/* CheckSVEEnabled: CPACR_EL1.ZEN, CPACR_EL1.FPEN (EL1 traps), then
 * CPTR_EL2.ZEN, .FPEN (E2H = 1) or .TZ, .TFP (E2H = 0) (EL2 traps). */
static const sve_case insn_cases[] = {
	{EL2_PSR_MODE_EL1h, 0, ZEN(0) | FPEN(3), 0, SVE, 1},
	{EL2_PSR_MODE_EL1h, 0, ZEN(0) | FPEN(0), 0, SVE, 1},     /* SVE checked first */
	{EL2_PSR_MODE_EL1h, 0, ZEN(3) | FPEN(0), 0, FP, 1},      /* SVE on, FP off: EC 0x07 */
	{EL2_PSR_MODE_EL0t, 0, ZEN(1) | FPEN(3), 0, SVE, 1},     /* 01: EL0 trapped */
	{EL2_PSR_MODE_EL1h, 0, ZEN(1) | FPEN(3), 0, OK, 0},
	{EL2_PSR_MODE_EL1h, 0, ZEN(3) | FPEN(3), EL2_CPTR_TZ, SVE, 2},
	{EL2_PSR_MODE_EL1h, 0, ZEN(0), EL2_CPTR_TZ, SVE, 1},     /* the EL1 trap first */
	{EL2_PSR_MODE_EL1h, 0, ZEN(3) | FPEN(3), EL2_CPTR_TFP, FP, 2},
	{EL2_PSR_MODE_EL1h, 0, ZEN(3) | FPEN(0), EL2_CPTR_TZ, FP, 1}, /* EL1 FP before EL2 SVE */
	{EL2_PSR_MODE_EL0t, 0, ZEN(3) | FPEN(1), EL2_CPTR_TZ, FP, 1}, /* FPEN 01: EL0 trapped */
	{EL2_PSR_MODE_EL1h, 0, ZEN(3) | FPEN(1), EL2_CPTR_TFP, FP, 2},
	{EL2_PSR_MODE_EL1h, 0, ZEN(3) | FPEN(3), EL2_CPTR_TZ | EL2_CPTR_TFP, SVE, 2},
	{EL2_PSR_MODE_EL2h, 0, 0, EL2_CPTR_TZ, SVE, 2},          /* CPACR does not act at EL2 */
	{EL2_PSR_MODE_EL2h, 0, 0, 0, OK, 0},
	{EL2_PSR_MODE_EL2h, E2H, 0, ZEN(0) | FPEN(3), SVE, 2},
	{EL2_PSR_MODE_EL2h, E2H, 0, ZEN(3) | FPEN(0), FP, 2},
	{EL2_PSR_MODE_EL2h, E2H, 0, ZEN(1) | FPEN(3), OK, 0},
	{EL2_PSR_MODE_EL2h, E2H, 0, ZEN(3) | FPEN(3) | EL2_CPTR_TZ, OK, 0}, /* TZ: E2H=0 only */
	{EL2_PSR_MODE_EL1h, E2H, ZEN(3) | FPEN(3), ZEN(2) | FPEN(3), SVE, 2},
	/* host EL0 (E2H = TGE = 1): CPACR_EL1 does not act, ZEN 01 traps EL0 */
	{EL2_PSR_MODE_EL0t, E2H | TGE, 0, ZEN(1) | FPEN(3), SVE, 2},
	{EL2_PSR_MODE_EL0t, E2H | TGE, 0, ZEN(3) | FPEN(3), OK, 0},
	{EL2_PSR_MODE_EL0t, E2H | TGE, 0, ZEN(3) | FPEN(1), FP, 2},
	{EL2_PSR_MODE_EL0t, E2H | TGE, ZEN(0) | FPEN(0), ZEN(1) | FPEN(1), SVE, 2},
	/* TGE = 1, E2H = 0: the EL1 trap is routed to EL2, still EC 0x19 */
	{EL2_PSR_MODE_EL0t, TGE, ZEN(0) | FPEN(3), 0, SVE, 2},
};

static void expect(el2_pe *pe, const el2_exec_result *r, int want, unsigned el)
{
	if (want == OK) {
		assert_done(pe, r);
		return;
	}
	assert_int_equal(r->outcome, EL2_OUT_EXCEPTION);
	assert_int_equal(r->exc.target_el, el);
	uint64_t esr = rd(pe, el == 2 ? EL2_SYSREG(ESR_EL2) : EL2_SYSREG(ESR_EL1));
	if (want == SVE) {
		assert_int_equal(r->exc_type, EL2_EXC_SVE_TRAP);
		assert_int_equal(esr, el2_esr(EL2_EC_SVE, true, 0)); /* ISS 0 */
	} else {
		assert_int_equal(r->exc_type, EL2_EXC_FP_TRAP);
		assert_int_equal(EL2_ESR_EC(esr), EL2_EC_FP_ASIMD);
	}
	assert_int_equal(rd(pe, el == 2 ? EL2_SYSREG(ELR_EL2) : EL2_SYSREG(ELR_EL1)), PC0);
}

static el2_pe *pe_for(const sve_case *c, uint32_t feats)
{
	el2_pe *pe = pe_in(feats, c->mode);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | c->hcr);
	wr(pe, EL2_SYSREG(CPACR_EL1), c->cpacr);
	wr(pe, EL2_SYSREG(CPTR_EL2), c->cptr);
	return pe;
}

static void test_sve_instructions_follow_check_sve_enabled(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(insn_cases) / sizeof(insn_cases[0]); i++) {
		const sve_case *c = &insn_cases[i];
		el2_pe *pe = pe_for(c, ALL);
		el2_exec_result r;
		assert_int_equal(el2_exec_feature(pe, I_RDVL_X0_2, &r), EL2_OK);
		expect(pe, &r, c->want, c->el);
		if (c->want == OK)
			assert_int_equal(rd(pe, EL2_REG_X(0)), 32); /* 2 x 16 bytes */
		el2_pe_free(&pe);
	}
}

/* ZCR_EL1 accessor: EL1 "CPACR_EL1.ZEN == 'x0'" -> EL1; then CPTR_EL2.TZ
 * (E2H = 0) / CPTR_EL2.ZEN == 'x0' (E2H = 1) -> EL2. FPEN is not tested. */
static const sve_case zcr_cases[] = {
	{EL2_PSR_MODE_EL1h, 0, ZEN(0), 0, SVE, 1},
	{EL2_PSR_MODE_EL1h, 0, ZEN(2), 0, SVE, 1},
	{EL2_PSR_MODE_EL1h, 0, ZEN(1), 0, OK, 0},             /* 01 allows EL1 */
	{EL2_PSR_MODE_EL1h, 0, ZEN(3) | FPEN(0), 0, OK, 0},   /* FPEN not checked */
	{EL2_PSR_MODE_EL1h, 0, ZEN(3), EL2_CPTR_TZ, SVE, 2},
	{EL2_PSR_MODE_EL1h, E2H, ZEN(3), ZEN(0), SVE, 2},
	{EL2_PSR_MODE_EL1h, E2H, ZEN(3), ZEN(1), OK, 0},
	{EL2_PSR_MODE_EL2h, 0, 0, EL2_CPTR_TZ, SVE, 2},
	{EL2_PSR_MODE_EL2h, 0, 0, 0, OK, 0},
	{EL2_PSR_MODE_EL2h, E2H, 0, ZEN(2), SVE, 2},
	{EL2_PSR_MODE_EL2h, E2H, 0, ZEN(1), OK, 0},
};

static void test_zcr_accessors_trap_with_ec_0x19(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(zcr_cases) / sizeof(zcr_cases[0]); i++) {
		const sve_case *c = &zcr_cases[i];
		el2_pe *pe = pe_for(c, ALL);
		el2_exec_result r = do_mrs(pe, EL2_SR_ZCR_EL1, 1);
		expect(pe, &r, c->want, c->el);
		if (c->mode == EL2_PSR_MODE_EL2h) { /* ZCR_EL2 has the same EL2 checks */
			reenter(pe, c->mode);
			wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | c->hcr);
			r = do_msr(pe, EL2_SR_ZCR_EL2, 1);
			expect(pe, &r, c->want, c->el);
		}
		el2_pe_free(&pe);
	}
	/* EL0: UNDEFINED */
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	el2_exec_result r = do_mrs(pe, EL2_SR_ZCR_EL1, 1);
	assert_undefined(&r);
	el2_pe_free(&pe);
}

static void test_zcr_el1_at_el2_with_e2h_is_zcr_el2_and_len_is_stored(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | E2H);
	wr(pe, EL2_SYSREG(CPTR_EL2), ZEN(3) | FPEN(3));
	wr(pe, EL2_REG_X(1), ~0ull);
	el2_exec_result r = do_msr(pe, EL2_SR_ZCR_EL1, 1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(ZCR_EL2)), 0xf); /* LEN only */
	assert_int_equal(rd(pe, EL2_SYSREG(ZCR_EL1)), 0);
	reenter(pe, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(1), 3);
	r = do_msr(pe, EL2_SR_ZCR_EL12, 1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(ZCR_EL1)), 3);
	/* VL stays 128 bits whatever LEN asks */
	reenter(pe, EL2_PSR_MODE_EL2h);
	el2_exec_result x;
	el2_exec_feature(pe, I_RDVL_X0_2, &x);
	assert_int_equal(rd(pe, EL2_REG_X(0)), 32);
	el2_pe_free(&pe);
}

static void test_addvl_and_addpl_add_multiples_of_vl_and_pl(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(CPTR_EL2), 0);
	wr(pe, EL2_REG_SP, 0x40008000);
	el2_exec_result r;
	el2_exec_feature(pe, I_ADDVL_SP_SP_M1, &r);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_SP), 0x40008000 - 16);
	reenter(pe, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(2), 100);
	el2_exec_feature(pe, I_ADDPL_X1_X2_3, &r);
	assert_int_equal(rd(pe, EL2_REG_X(1)), 100 + 3 * 2);
	/* other SVE instructions, enabled: left to the caller */
	reenter(pe, EL2_PSR_MODE_EL2h);
	el2_exec_feature(pe, I_PTRUE_P0_B, &r);
	assert_int_equal(r.outcome, EL2_OUT_NOT_SYSTEM);
	assert_int_equal(el2_pe_pc(pe), PC0);
	el2_pe_free(&pe);
}

static void test_without_sve_everything_undefined_and_zen_res0(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(NO_SVE, EL2_PSR_MODE_EL2h);
	el2_exec_result r = do_mrs(pe, EL2_SR_ZCR_EL2, 1);
	assert_undefined(&r);
	reenter(pe, EL2_PSR_MODE_EL2h);
	el2_exec_feature(pe, I_PTRUE_P0_B, &r);
	assert_undefined(&r);
	reenter(pe, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(1), ~0ull);
	do_msr(pe, EL2_SR_CPACR_EL1, 1);
	assert_int_equal(rd(pe, EL2_SYSREG(CPACR_EL1)) & ZEN(3), 0);
	assert_int_equal((rd(pe, EL2_SYSREG(ID_AA64PFR0_EL1)) >> 32) & 0xf, 0);
	el2_pe_free(&pe);
	pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(1), ~0ull);
	do_msr(pe, EL2_SR_CPACR_EL1, 1);
	assert_int_equal(rd(pe, EL2_SYSREG(CPACR_EL1)) & ZEN(3), ZEN(3));
	assert_int_equal((rd(pe, EL2_SYSREG(ID_AA64PFR0_EL1)) >> 32) & 0xf, 1);
	el2_pe_free(&pe);
	assert_false(el2_config_default().features & EL2_FEAT_SVE); /* N1 lacks it */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sve_instructions_follow_check_sve_enabled),
		cmocka_unit_test(test_zcr_accessors_trap_with_ec_0x19),
		cmocka_unit_test(test_zcr_el1_at_el2_with_e2h_is_zcr_el2_and_len_is_stored),
		cmocka_unit_test(test_addvl_and_addpl_add_multiples_of_vl_and_pl),
		cmocka_unit_test(test_without_sve_everything_undefined_and_zen_res0),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
