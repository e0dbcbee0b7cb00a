/* SPDX-License-Identifier: MIT */
/* FEAT_MTE2 registers (RGSR_EL1, GCR_EL1, TFSR_EL1, TFSRE0_EL1, TFSR_EL2,
 * TFSR_EL12): their accessors' HCR_EL2.ATA trap (EC 0x18), VHE
 * redirection, the SCTLR_ELx/HCR_EL2 bits they add, and the feature off. */
#include "sysreg_test_util.h"

#define ALL EL2_FEAT_ALL
#define NO_MTE (EL2_FEAT_ALL & ~(uint32_t)EL2_FEAT_MTE)

static const el2_sysreg el1_regs[] = {EL2_SR_RGSR_EL1, EL2_SR_GCR_EL1, EL2_SR_TFSR_EL1,
				      EL2_SR_TFSRE0_EL1};

static void test_el1_access_traps_to_el2_with_ec_0x18_while_ata_is_clear(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(el1_regs) / sizeof(el1_regs[0]); i++) {
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
		wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
		el2_exec_result r = do_msr(pe, el1_regs[i], 2);
		assert_int_equal(r.outcome, EL2_OUT_EXCEPTION);
		assert_int_equal(r.exc.target_el, 2);
		assert_int_equal(rd(pe, EL2_SYSREG(ESR_EL2)),
				 el2_esr(EL2_EC_SYS64, true, el2_iss_sysreg(enc_of(el1_regs[i]), 2, false)));
		reenter(pe, EL2_PSR_MODE_EL1h);
		wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_ATA);
		wr(pe, EL2_REG_X(2), 0x3);
		r = do_msr(pe, el1_regs[i], 2);
		assert_done(pe, &r);
		assert_int_equal(rd(pe, EL2_REG_SYSREG_BASE + el1_regs[i]), 0x3);
		/* EL2 is not trapped by ATA; EL0 is UNDEFINED */
		reenter(pe, EL2_PSR_MODE_EL2h);
		wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
		r = do_mrs(pe, el1_regs[i], 4);
		assert_done(pe, &r);
		reenter(pe, EL2_PSR_MODE_EL0t);
		r = do_mrs(pe, el1_regs[i], 4);
		assert_undefined(&r);
		el2_pe_free(&pe);
	}
}

static void test_tfsr_el1_at_el2_with_e2h_is_tfsr_el2_and_tfsr_el12_reaches_el1(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_E2H);
	wr(pe, EL2_REG_X(1), 2);
	el2_exec_result r = do_msr(pe, EL2_SR_TFSR_EL1, 1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(TFSR_EL2)), 2);
	assert_int_equal(rd(pe, EL2_SYSREG(TFSR_EL1)), 0);
	reenter(pe, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(1), 1);
	r = do_msr(pe, EL2_SR_TFSR_EL12, 1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(TFSR_EL1)), 1);
	el2_pe_free(&pe);
}

static void test_fields_outside_the_layouts_read_as_zero(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(1), ~0ull);
	do_msr(pe, EL2_SR_GCR_EL1, 1);
	assert_int_equal(rd(pe, EL2_SYSREG(GCR_EL1)), 0x1ffff); /* Exclude, RRND */
	reenter(pe, EL2_PSR_MODE_EL2h);
	do_msr(pe, EL2_SR_RGSR_EL1, 1);
	assert_int_equal(rd(pe, EL2_SYSREG(RGSR_EL1)), 0xffff0f); /* SEED, TAG */
	el2_pe_free(&pe);
}

static void test_without_mte_registers_undefined_and_bits_res0(void **state)
{
	(void)state;
	static const el2_sysreg all[] = {EL2_SR_RGSR_EL1, EL2_SR_GCR_EL1, EL2_SR_TFSR_EL1,
					 EL2_SR_TFSRE0_EL1, EL2_SR_TFSR_EL2};
	uint32_t feats[2] = {NO_MTE, ALL};
	for (int on = 0; on < 2; on++) {
		for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
			el2_pe *pe = pe_in(feats[on], EL2_PSR_MODE_EL2h);
			el2_exec_result r = do_mrs(pe, all[i], 1);
			if (on)
				assert_done(pe, &r);
			else
				assert_undefined(&r);
			el2_pe_free(&pe);
		}
		el2_pe *pe = pe_in(feats[on], EL2_PSR_MODE_EL2h);
		wr(pe, EL2_REG_X(1), ~0ull);
		do_msr(pe, EL2_SR_SCTLR_EL1, 1);
		reenter(pe, EL2_PSR_MODE_EL2h);
		do_msr(pe, EL2_SR_HCR_EL2, 1);
		assert_int_equal(rd(pe, EL2_SYSREG(SCTLR_EL1)) & EL2_SCTLR_MTE_FIELDS,
				 on ? EL2_SCTLR_MTE_FIELDS : 0);
		assert_int_equal(rd(pe, EL2_SYSREG(HCR_EL2)) & EL2_HCR_ATA, on ? EL2_HCR_ATA : 0);
		assert_int_equal((rd(pe, EL2_SYSREG(ID_AA64PFR1_EL1)) >> 8) & 0xf, on ? 2 : 0);
		el2_pe_free(&pe);
	}
	assert_false(el2_config_default().features & EL2_FEAT_MTE); /* N1 lacks it */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_el1_access_traps_to_el2_with_ec_0x18_while_ata_is_clear),
		cmocka_unit_test(test_tfsr_el1_at_el2_with_e2h_is_tfsr_el2_and_tfsr_el12_reaches_el1),
		cmocka_unit_test(test_fields_outside_the_layouts_read_as_zero),
		cmocka_unit_test(test_without_mte_registers_undefined_and_bits_res0),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
