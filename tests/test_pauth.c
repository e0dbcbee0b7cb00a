/* SPDX-License-Identifier: MIT */
/* FEAT_PAuth (lib/pauth*.c): the key registers and their HCR_EL2.APK trap,
 * the PAC/AUT instructions with their key enables and HCR_EL2.API trap
 * (TrapPACUse, EC 0x09), the PAC values themselves, and the feature off.
 * Expected PAC values were computed by Unicorn 2.0.1's own (QEMU's)
 * implementation of the architected algorithm at Unicorn-EL1 with
 * TCR_EL1 = 0 and the keys below; tests/engine/test_unicorn_facts.c checks
 * that Unicorn still computes them. */
#include "sysreg_test_util.h"

#define ALL EL2_FEAT_ALL
#define NO_PAUTH (EL2_FEAT_ALL & ~(uint32_t)EL2_FEAT_PAUTH)
#define ENABLES (EL2_SCTLR_ENIA | EL2_SCTLR_ENIB | EL2_SCTLR_ENDA | EL2_SCTLR_ENDB)

/* A64 words (C6.2): PACIA x0, x1; AUTIA x0, x1; PACGA x0, x0, x1; XPACI x0 */
#define I_PACIA_X0_X1 0xdac10020u
#define I_AUTIA_X0_X1 0xdac11020u
#define I_PACGA_X0_X0_X1 0x9ac13000u
#define I_XPACI_X0 0xdac143e0u
#define I_PACIZA_X0 0xdac123e0u
#define I_RETAA 0xd65f0bffu
#define I_BLRAA_X0_X1 0xd73f0801u
#define I_BRAAZ_X0 0xd61f081fu
#define I_ERETAA 0xd69f0bffu
#define I_LDRAA_X0_X1 0xf8200420u
#define HINT_PACIASP 25u
#define HINT_AUTIASP 29u
#define HINT_PACIA1716 8u
#define HINT_XPACLRI 7u

#define APIA_LO 0x0123456789abcdefull
#define APIA_HI 0xfedcba9876543210ull
#define APGA_LO 0x1111222233334444ull
#define APGA_HI 0x5555666677778888ull

static void set_keys(el2_pe *pe)
{
	wr(pe, EL2_SYSREG(APIAKeyLo_EL1), APIA_LO);
	wr(pe, EL2_SYSREG(APIAKeyHi_EL1), APIA_HI);
	wr(pe, EL2_SYSREG(APGAKeyLo_EL1), APGA_LO);
	wr(pe, EL2_SYSREG(APGAKeyHi_EL1), APGA_HI);
}

/* EL1 guest: EL1&0 regime with TCR_EL1 = 0, keys enabled, API = 1. */
static el2_pe *el1_with_keys(void)
{
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	set_keys(pe);
	wr(pe, EL2_SYSREG(SCTLR_EL1), rd(pe, EL2_SYSREG(SCTLR_EL1)) | ENABLES);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_API | EL2_HCR_APK);
	return pe;
}

static el2_exec_result feat(el2_pe *pe, uint32_t w)
{
	el2_exec_result r;
	assert_int_equal(el2_exec_feature(pe, w, &r), EL2_OK);
	return r;
}

static el2_exec_result ex(el2_pe *pe, uint32_t w)
{
	el2_exec_result r;
	assert_int_equal(el2_exec(pe, w, &r), EL2_OK);
	return r;
}

static void assert_pac_trap(el2_pe *pe, const el2_exec_result *r)
{
	assert_int_equal(r->outcome, EL2_OUT_EXCEPTION);
	assert_int_equal(r->exc_type, EL2_EXC_PAC_TRAP);
	assert_int_equal(r->exc.target_el, 2);
	/* TrapPACUse: EC 0x09, IL 1, ISS 0; ELR = the instruction */
	assert_int_equal(rd(pe, EL2_SYSREG(ESR_EL2)), el2_esr(EL2_EC_PAC, true, 0));
	assert_int_equal(rd(pe, EL2_SYSREG(ELR_EL2)), PC0);
}

static void test_pacga_and_pacia_give_the_values_unicorn_computes(void **state)
{
	(void)state;
	el2_pe *pe = el1_with_keys();
	wr(pe, EL2_REG_X(0), 0x12345678);
	wr(pe, EL2_REG_X(1), 0x42);
	el2_exec_result r = feat(pe, I_PACGA_X0_X0_X1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(0)), 0x59d02b3600000000ull);

	reenter(pe, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_REG_X(0), 0x1234567890abcdefull);
	wr(pe, EL2_REG_X(1), 0xfedcba0987654321ull);
	r = feat(pe, I_PACGA_X0_X0_X1);
	assert_int_equal(rd(pe, EL2_REG_X(0)), 0x39c6afa500000000ull);

	/* AddPAC: TBI0 = TBI1 = 0, TnSZ = 0 (constrained to 16) */
	reenter(pe, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_REG_X(0), 0x12345678);
	wr(pe, EL2_REG_X(1), 0x42);
	r = feat(pe, I_PACIA_X0_X1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(0)), 0x8649000012345678ull);
	reenter(pe, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_REG_X(0), 0xffff800012345678ull);
	feat(pe, I_PACIA_X0_X1);
	assert_int_equal(rd(pe, EL2_REG_X(0)), 0x69c2800012345678ull);
	el2_pe_free(&pe);
}

static void test_autia_restores_a_signed_pointer_and_corrupts_a_forged_one(void **state)
{
	(void)state;
	el2_pe *pe = el1_with_keys();
	wr(pe, EL2_REG_X(0), 0x8649000012345678ull);
	wr(pe, EL2_REG_X(1), 0x42);
	el2_exec_result r = feat(pe, I_AUTIA_X0_X1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(0)), 0x12345678);
	/* one PAC bit wrong: Auth's error code key_number:NOT(key_number) =
	 * 01 in bits [62:61] (no TBI), as Unicorn gives */
	reenter(pe, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_REG_X(0), 0x8649000012345678ull ^ (1ull << 50));
	feat(pe, I_AUTIA_X0_X1);
	assert_int_equal(rd(pe, EL2_REG_X(0)), 0x2000000012345678ull);
	el2_pe_free(&pe);
}

static void test_pac_at_el1_traps_to_el2_with_ec_0x09_when_api_is_clear(void **state)
{
	(void)state;
	el2_pe *pe = el1_with_keys();
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_APK);
	wr(pe, EL2_REG_X(0), 0x12345678);
	el2_exec_result r = feat(pe, I_PACIA_X0_X1);
	assert_pac_trap(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(0)), 0x12345678); /* not written */
	/* the hint form and PACGA trap the same way */
	reenter(pe, EL2_PSR_MODE_EL1h);
	r = ex(pe, hint_insn(HINT_PACIASP));
	assert_pac_trap(pe, &r);
	reenter(pe, EL2_PSR_MODE_EL1h);
	r = feat(pe, I_PACGA_X0_X0_X1);
	assert_pac_trap(pe, &r);
	reenter(pe, EL2_PSR_MODE_EL1h);
	r = feat(pe, I_RETAA);
	assert_pac_trap(pe, &r);
	el2_pe_free(&pe);
}

static void test_disabled_key_makes_pac_a_no_op_before_the_api_trap(void **state)
{
	(void)state;
	el2_pe *pe = el1_with_keys();
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	wr(pe, EL2_SYSREG(SCTLR_EL1), rd(pe, EL2_SYSREG(SCTLR_EL1)) & ~ENABLES);
	wr(pe, EL2_REG_X(0), 0x12345678);
	el2_exec_result r = feat(pe, I_PACIA_X0_X1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(0)), 0x12345678);
	/* PACGA has no enable: it still traps */
	reenter(pe, EL2_PSR_MODE_EL1h);
	r = feat(pe, I_PACGA_X0_X0_X1);
	assert_pac_trap(pe, &r);
	el2_pe_free(&pe);
}

static void test_el0_in_host_uses_sctlr_el2_and_does_not_trap(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	set_keys(pe);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_E2H | EL2_HCR_TGE); /* API = 0 */
	wr(pe, EL2_REG_X(0), 0x12345678);
	wr(pe, EL2_REG_X(1), 0x42);
	el2_exec_result r = feat(pe, I_PACIA_X0_X1); /* SCTLR_EL2.EnIA = 0: no-op */
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(0)), 0x12345678);
	wr(pe, EL2_SYSREG(SCTLR_EL2), rd(pe, EL2_SYSREG(SCTLR_EL2)) | EL2_SCTLR_ENIA);
	reenter(pe, EL2_PSR_MODE_EL0t);
	r = feat(pe, I_PACIA_X0_X1);
	assert_done(pe, &r);
	assert_true(rd(pe, EL2_REG_X(0)) != 0x12345678);
	/* E2H = 0: EL0 with API = 0 traps to EL2 */
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	wr(pe, EL2_SYSREG(SCTLR_EL1), rd(pe, EL2_SYSREG(SCTLR_EL1)) | EL2_SCTLR_ENIA);
	reenter(pe, EL2_PSR_MODE_EL0t);
	r = feat(pe, I_PACIA_X0_X1);
	assert_pac_trap(pe, &r);
	el2_pe_free(&pe);
}

static void test_paciasp_then_retaa_returns_and_blraa_links(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	set_keys(pe);
	wr(pe, EL2_SYSREG(SCTLR_EL2), rd(pe, EL2_SYSREG(SCTLR_EL2)) | EL2_SCTLR_ENIA);
	wr(pe, EL2_SYSREG(TCR_EL2), 16); /* T0SZ = 16 */
	wr(pe, EL2_REG_SP, 0x40008000);
	wr(pe, EL2_REG_X(30), 0x40001234);
	el2_exec_result r = ex(pe, hint_insn(HINT_PACIASP));
	assert_done(pe, &r);
	uint64_t signed_lr = rd(pe, EL2_REG_X(30));
	assert_true(signed_lr != 0x40001234 && (signed_lr & 0xffffffffffffull) == 0x40001234);
	reenter(pe, EL2_PSR_MODE_EL2h);
	r = feat(pe, I_RETAA);
	assert_int_equal(r.outcome, EL2_OUT_DONE);
	assert_int_equal(el2_pe_pc(pe), 0x40001234);
	/* AUTIASP with another SP fails: the LR keeps an error code */
	reenter(pe, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(30), signed_lr);
	wr(pe, EL2_REG_SP, 0x40009000);
	ex(pe, hint_insn(HINT_AUTIASP));
	assert_int_equal(rd(pe, EL2_REG_X(30)), 0x40001234 | (1ull << 61));
	/* PACIZA x0 then BRAAZ x0; BLRAA x0, x1 writes X30 = PC + 4 */
	reenter(pe, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(0), 0x40002000);
	feat(pe, I_PACIZA_X0);
	reenter(pe, EL2_PSR_MODE_EL2h);
	r = feat(pe, I_BRAAZ_X0);
	assert_int_equal(el2_pe_pc(pe), 0x40002000);
	reenter(pe, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(0), 0x40003000);
	wr(pe, EL2_REG_X(1), 7);
	feat(pe, I_PACIA_X0_X1);
	reenter(pe, EL2_PSR_MODE_EL2h);
	r = feat(pe, I_BLRAA_X0_X1);
	assert_int_equal(r.outcome, EL2_OUT_DONE);
	assert_int_equal(el2_pe_pc(pe), 0x40003000);
	assert_int_equal(rd(pe, EL2_REG_X(30)), PC0 + 4);
	el2_pe_free(&pe);
}

static void test_pacia1716_signs_x17_with_x16(void **state)
{
	(void)state;
	el2_pe *pe = el1_with_keys();
	wr(pe, EL2_REG_X(17), 0x12345678);
	wr(pe, EL2_REG_X(16), 0x42);
	el2_exec_result r = ex(pe, hint_insn(HINT_PACIA1716));
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(17)), 0x8649000012345678ull);
	el2_pe_free(&pe);
}

static void test_eretaa_returns_to_the_authenticated_elr(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	set_keys(pe);
	wr(pe, EL2_SYSREG(SCTLR_EL2), rd(pe, EL2_SYSREG(SCTLR_EL2)) | EL2_SCTLR_ENIA);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	wr(pe, EL2_REG_SP, 0x40008000);
	wr(pe, EL2_REG_X(0), 0x40005000);
	wr(pe, EL2_REG_X(1), 0x40008000);
	feat(pe, I_PACIA_X0_X1);
	wr(pe, EL2_SYSREG(ELR_EL2), rd(pe, EL2_REG_X(0)));
	wr(pe, EL2_SYSREG(SPSR_EL2), EL2_PSR_MODE_EL1h);
	reenter(pe, EL2_PSR_MODE_EL2h);
	el2_exec_result r = ex(pe, I_ERETAA);
	assert_int_equal(r.outcome, EL2_OUT_ERET);
	assert_int_equal(el2_pe_pc(pe), 0x40005000);
	el2_pe_free(&pe);
}

static void test_xpac_strips_without_enable_or_trap(void **state)
{
	(void)state;
	el2_pe *pe = el1_with_keys();
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW); /* API = 0: XPAC never traps */
	wr(pe, EL2_REG_X(0), 0x8649000012345678ull);
	el2_exec_result r = feat(pe, I_XPACI_X0);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(0)), 0x12345678);
	reenter(pe, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_REG_X(30), 0x69c2800012345678ull);
	ex(pe, hint_insn(HINT_XPACLRI));
	assert_int_equal(rd(pe, EL2_REG_X(30)), 0xffff800012345678ull);
	/* TBI0 = 1 keeps the top byte; T0SZ = 25 strips down to bit 39 */
	reenter(pe, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(TCR_EL1), (1ull << 37) | 25);
	wr(pe, EL2_REG_X(0), 0xab7f00ff12345678ull);
	feat(pe, I_XPACI_X0);
	assert_int_equal(rd(pe, EL2_REG_X(0)), 0xab00007f12345678ull); /* bits [55:39] */
	el2_pe_free(&pe);
}

static void test_key_registers_at_el1_trap_with_ec_0x18_when_apk_is_clear(void **state)
{
	(void)state;
	static const el2_sysreg keys[] = {
		EL2_SR_APIAKeyLo_EL1, EL2_SR_APIAKeyHi_EL1, EL2_SR_APIBKeyLo_EL1, EL2_SR_APIBKeyHi_EL1,
		EL2_SR_APDAKeyLo_EL1, EL2_SR_APDAKeyHi_EL1, EL2_SR_APDBKeyLo_EL1, EL2_SR_APDBKeyHi_EL1,
		EL2_SR_APGAKeyLo_EL1, EL2_SR_APGAKeyHi_EL1};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
		wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
		el2_exec_result r = do_mrs(pe, keys[i], 3);
		assert_int_equal(r.outcome, EL2_OUT_EXCEPTION);
		assert_int_equal(r.exc.target_el, 2);
		assert_int_equal(rd(pe, EL2_SYSREG(ESR_EL2)),
				 el2_esr(EL2_EC_SYS64, true, el2_iss_sysreg(enc_of(keys[i]), 3, true)));
		/* APK = 1: the access completes; EL2 never traps */
		reenter(pe, EL2_PSR_MODE_EL1h);
		wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_APK);
		wr(pe, EL2_REG_X(3), 0x1122334455667788ull);
		r = do_msr(pe, keys[i], 3);
		assert_done(pe, &r);
		assert_int_equal(rd(pe, EL2_REG_SYSREG_BASE + keys[i]), 0x1122334455667788ull);
		reenter(pe, EL2_PSR_MODE_EL2h);
		wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
		r = do_mrs(pe, keys[i], 4);
		assert_done(pe, &r);
		/* EL0: UNDEFINED */
		reenter(pe, EL2_PSR_MODE_EL0t);
		r = do_mrs(pe, keys[i], 4);
		assert_undefined(&r);
		el2_pe_free(&pe);
	}
}

static void test_without_pauth_keys_undefined_hints_nop_others_undefined(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(NO_PAUTH, EL2_PSR_MODE_EL2h);
	el2_exec_result r = do_mrs(pe, EL2_SR_APIAKeyLo_EL1, 1);
	assert_undefined(&r);
	reenter(pe, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(30), 0x40001234);
	r = ex(pe, hint_insn(HINT_PACIASP));
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(30)), 0x40001234);
	reenter(pe, EL2_PSR_MODE_EL2h);
	r = feat(pe, I_PACIA_X0_X1);
	assert_undefined(&r);
	reenter(pe, EL2_PSR_MODE_EL2h);
	r = feat(pe, I_RETAA);
	assert_undefined(&r);
	reenter(pe, EL2_PSR_MODE_EL2h);
	r = ex(pe, I_ERETAA);
	assert_undefined(&r);
	el2_pe_free(&pe);
}

static void test_enable_and_trap_bits_are_res0_only_without_pauth(void **state)
{
	(void)state;
	uint32_t feats[2] = {NO_PAUTH, ALL};
	for (int on = 0; on < 2; on++) {
		el2_pe *pe = pe_in(feats[on], EL2_PSR_MODE_EL2h);
		wr(pe, EL2_REG_X(1), ~0ull);
		do_msr(pe, EL2_SR_SCTLR_EL1, 1);
		reenter(pe, EL2_PSR_MODE_EL2h);
		do_msr(pe, EL2_SR_SCTLR_EL2, 1);
		reenter(pe, EL2_PSR_MODE_EL2h);
		do_msr(pe, EL2_SR_HCR_EL2, 1);
		uint64_t want = on ? ENABLES : 0;
		assert_int_equal(rd(pe, EL2_SYSREG(SCTLR_EL1)) & ENABLES, want);
		assert_int_equal(rd(pe, EL2_SYSREG(SCTLR_EL2)) & ENABLES, want);
		assert_int_equal(rd(pe, EL2_SYSREG(HCR_EL2)) & (EL2_HCR_API | EL2_HCR_APK),
				 on ? (EL2_HCR_API | EL2_HCR_APK) : 0);
		/* ID_AA64ISAR1_EL1: APA [7:4] and GPA [27:24] */
		uint64_t isar1 = rd(pe, EL2_SYSREG(ID_AA64ISAR1_EL1));
		assert_int_equal((isar1 >> 4) & 0xf, on);
		assert_int_equal((isar1 >> 24) & 0xf, on);
		el2_pe_free(&pe);
	}
	assert_false(el2_config_default().features & EL2_FEAT_PAUTH); /* N1 lacks it */
}

static void test_ldraa_is_left_to_the_caller(void **state)
{
	(void)state;
	el2_pe *pe = el1_with_keys();
	assert_true(el2_is_feature_insn(I_LDRAA_X0_X1));
	el2_exec_result r = feat(pe, I_LDRAA_X0_X1);
	assert_int_equal(r.outcome, EL2_OUT_NOT_SYSTEM);
	assert_int_equal(el2_pe_pc(pe), PC0);
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pacga_and_pacia_give_the_values_unicorn_computes),
		cmocka_unit_test(test_autia_restores_a_signed_pointer_and_corrupts_a_forged_one),
		cmocka_unit_test(test_pac_at_el1_traps_to_el2_with_ec_0x09_when_api_is_clear),
		cmocka_unit_test(test_disabled_key_makes_pac_a_no_op_before_the_api_trap),
		cmocka_unit_test(test_el0_in_host_uses_sctlr_el2_and_does_not_trap),
		cmocka_unit_test(test_paciasp_then_retaa_returns_and_blraa_links),
		cmocka_unit_test(test_pacia1716_signs_x17_with_x16),
		cmocka_unit_test(test_eretaa_returns_to_the_authenticated_elr),
		cmocka_unit_test(test_xpac_strips_without_enable_or_trap),
		cmocka_unit_test(test_key_registers_at_el1_trap_with_ec_0x18_when_apk_is_clear),
		cmocka_unit_test(test_without_pauth_keys_undefined_hints_nop_others_undefined),
		cmocka_unit_test(test_enable_and_trap_bits_are_res0_only_without_pauth),
		cmocka_unit_test(test_ldraa_is_left_to_the_caller),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
