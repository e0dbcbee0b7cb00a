/* SPDX-License-Identifier: MIT */
/* PAR_EL1 after an AT instruction (D19 PAR_EL1, DDI 0487 J.a), the FP/SIMD
 * access check for ordinary instructions, and the DC ZVA block size.
 * PAR values were assembled by hand from the PAR_EL1 field layout. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "insn.h"
#include "pe_internal.h"

#define PC0 0x8000ull

static el2_pe *new_pe(void)
{
	el2_config cfg = el2_config_default();
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_REG_PC, PC0), EL2_OK);
	return pe;
}

static uint64_t par(const el2_pe *pe)
{
	uint64_t v = 0;
	assert_int_equal(el2_reg_read(pe, EL2_SYSREG(PAR_EL1), &v), EL2_OK);
	return v;
}

struct par_case {
	const char *rule;
	el2_at_result r;
	uint64_t want;
};

static const struct par_case cases[] = {
	/* F=0: ATTR [63:56], PA [47:12], bit 11 (NSE) RES1 without FEAT_RME,
	 * NS [9], SH [8:7] */
	{"success: ATTR, PA[47:12], NS, SH=11",
	 {.pa = 0x0000123456789abcull, .attr = 0xff, .sh = 3, .ns = true},
	 0xff00123456789000ull | (1ull << 11) | (1ull << 9) | (3ull << 7)},
	{"success: PA bits above 47 and below 12 are dropped",
	 {.pa = 0xffff800000001fffull, .attr = 0x44, .sh = 2},
	 0x4400800000001000ull | (1ull << 11) | (2ull << 7)},
	{"success: all zero is PAR = bit 11 only", {.pa = 0}, 1ull << 11},
	/* F=1: bit 11 RES1, S [9], PTW [8], FST [6:1] */
	{"fault: translation level 3 (FST 0b000111)",
	 {.fault = true, .fst = EL2_FAULT_TRANSLATION, .level = 3},
	 (1ull << 11) | (0x07ull << 1) | 1},
	{"fault: translation level 0 (FST 0b000100)",
	 {.fault = true, .fst = EL2_FAULT_TRANSLATION, .level = 0},
	 (1ull << 11) | (0x04ull << 1) | 1},
	{"fault: access flag level 1 (FST 0b001001)",
	 {.fault = true, .fst = EL2_FAULT_ACCESS_FLAG, .level = 1},
	 (1ull << 11) | (0x09ull << 1) | 1},
	{"fault: stage-2 permission level 2 on the stage-1 walk (S, PTW, FST 0b001110)",
	 {.fault = true, .fst = EL2_FAULT_PERMISSION, .level = 2, .ptw = true, .stage2 = true},
	 (1ull << 11) | (1ull << 9) | (1ull << 8) | (0x0eull << 1) | 1},
	{"fault: address size level 0 (FST 0b000000)",
	 {.fault = true, .fst = EL2_FAULT_ADDRESS_SIZE, .level = 0},
	 (1ull << 11) | 1},
	{"fault: success fields are not reported",
	 {.fault = true, .fst = EL2_FAULT_TRANSLATION, .level = 1, .pa = 0x12345000, .attr = 0xff,
	  .sh = 3, .ns = true},
	 (1ull << 11) | (0x05ull << 1) | 1},
};

static void test_par_el1_formats_follow_the_register_layout(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		print_message("  %s\n", cases[i].rule);
		pe->at_pending = true;
		assert_int_equal(el2_at_complete(pe, &cases[i].r), EL2_OK);
		assert_int_equal(par(pe), cases[i].want);
		assert_false(pe->at_pending);
	}
	el2_pe_free(&pe);
}

static void test_at_complete_without_pending_at_fails_and_keeps_par(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(PAR_EL1), 0x1234), EL2_OK);
	el2_at_result r = {.pa = 0x5000};
	assert_int_equal(el2_at_complete(pe, &r), EL2_ERR_NO_PENDING_AT);
	assert_int_equal(par(pe), 0x1234);
	el2_pe_free(&pe);
}

static void test_at_complete_is_consumed_once(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	el2_at_result r = {.pa = 0x5000};
	pe->at_pending = true;
	assert_int_equal(el2_at_complete(pe, &r), EL2_OK);
	assert_int_equal(par(pe), 0x5000 | (1ull << 11));
	r.pa = 0x6000;
	assert_int_equal(el2_at_complete(pe, &r), EL2_ERR_NO_PENDING_AT);
	assert_int_equal(par(pe), 0x5000 | (1ull << 11));
	el2_pe_free(&pe);
}

static void test_at_complete_rejects_null(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	el2_at_result r = {0};
	pe->at_pending = true;
	assert_int_equal(el2_at_complete(NULL, &r), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_at_complete(pe, NULL), EL2_ERR_INVALID_ARG);
	assert_true(pe->at_pending);
	el2_pe_free(&pe);
}

/* End to end: AT S1E1R at EL2 asks for the walk, then the result lands in
 * PAR_EL1 (seed scenario 4: the handler resolves the IPA with AT S1E1R). */
static void test_at_s1e1r_then_complete_writes_par(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	assert_int_equal(el2_reg_write(pe, EL2_REG_X(3), 0xffff000012345678ull), EL2_OK);
	el2_exec_result res;
	assert_int_equal(el2_exec(pe, sys_insn(EL2_SYS_ENC(1, 0, 7, 8, 0), 3), &res), EL2_OK);
	assert_int_equal(res.outcome, EL2_OUT_NEED_AT);
	assert_int_equal(res.at_op, EL2_AT_S1E1R);
	assert_int_equal(res.at_va, 0xffff000012345678ull);
	assert_int_equal(el2_pe_pc(pe), PC0 + 4);
	el2_at_result r = {.fault = true, .fst = EL2_FAULT_TRANSLATION, .level = 3};
	assert_int_equal(el2_at_complete(pe, &r), EL2_OK);
	assert_int_equal(par(pe), (1ull << 11) | (0x07ull << 1) | 1);
	el2_pe_free(&pe);
}

/* DCZID_EL0.BS = 4 in this model: 4 << 4 = 64 bytes. */
static void test_dc_zva_block_is_64_bytes(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	assert_int_equal(el2_dczva_bytes(pe), 64);
	el2_pe_free(&pe);
}

/* AArch64.CheckFPAdvSIMDEnabled at EL1 with CPACR_EL1.FPEN = 00: trapped to
 * EL1 with EC 0x07, preferred return = the FP instruction. FPEN = 11:
 * enabled. */
static void test_fp_access_check_traps_with_fpen_zero_at_el1(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(VBAR_EL1), 0x10000), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(CPACR_EL1), 0), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1h), EL2_OK);
	assert_true(el2_fp_access_trapped(pe));
	assert_int_equal(el2_pe_pc(pe), PC0); /* no side effect */
	el2_exc_outcome out = {0};
	assert_true(el2_check_fp_access(pe, &out));
	assert_int_equal(out.target_el, 1);
	assert_int_equal(EL2_ESR_EC(out.esr), EL2_EC_FP_ASIMD);
	assert_int_equal(el2_pe_el(pe), 1);
	assert_int_equal(el2_pe_pc(pe), 0x10200);
	uint64_t elr = 0;
	assert_int_equal(el2_reg_read(pe, EL2_SYSREG(ELR_EL1), &elr), EL2_OK);
	assert_int_equal(elr, PC0);
	el2_pe_free(&pe);
}

static void test_fp_access_check_passes_with_fpen_three(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(CPACR_EL1), EL2_CPACR_FPEN), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(CPTR_EL2), 0), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1h), EL2_OK);
	assert_false(el2_fp_access_trapped(pe));
	el2_exc_outcome out = {0};
	assert_false(el2_check_fp_access(pe, &out));
	assert_int_equal(el2_pe_pc(pe), PC0);
	assert_false(el2_fp_access_trapped(NULL));
	assert_false(el2_check_fp_access(NULL, &out));
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_par_el1_formats_follow_the_register_layout),
		cmocka_unit_test(test_at_complete_without_pending_at_fails_and_keeps_par),
		cmocka_unit_test(test_at_complete_is_consumed_once),
		cmocka_unit_test(test_at_complete_rejects_null),
		cmocka_unit_test(test_at_s1e1r_then_complete_writes_par),
		cmocka_unit_test(test_dc_zva_block_is_64_bytes),
		cmocka_unit_test(test_fp_access_check_traps_with_fpen_zero_at_el1),
		cmocka_unit_test(test_fp_access_check_passes_with_fpen_three),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
