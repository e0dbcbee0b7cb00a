/* SPDX-License-Identifier: MIT */
/* ESB under Unicorn (sim/engine/engine_native.c): the hint runs natively as a
 * NOP, so the engine hooks it for the model, which defers a masked
 * SError (lib/ras.c: AArch64.ESBOperation / AArch64.vESBOperation). With
 * FEAT_RAS off, ESB stays a NOP and the SError stays pending. */
#include "engine_test_util.h"

#define DISR_A (1ull << 31)

static el2_run_result run_to(et_world *w, const char *from, const char *done)
{
	el2_run_opts o = el2_run_opts_default();
	o.n_stop_addrs = 1;
	o.stop_addrs[0] = et_sym(w, done);
	o.budget = 1000;
	return et_run_from(w, from, &o);
}

static void test_esb_at_el2_defers_the_masked_serror_into_disr_el1(void **state)
{
	(void)state;
	et_world w;
	et_open(&w, "esb");
	assert_true(el2_serror_pend(w.pe, (2u << 10) | 0x11u));
	el2_run_result r = run_to(&w, "esb_at_el2", "esb_at_el2_done");
	assert_int_equal(r.reason, EL2_STOP_ADDRESS);
	assert_int_equal(et_reg(&w, EL2_REG_X(2)), DISR_A | (2u << 10) | 0x11u);
	assert_false(el2_serror_pending(w.pe, NULL));
	et_close(&w);
}

static void test_esb_in_guest_defers_the_virtual_serror_into_vdisr_el2(void **state)
{
	(void)state;
	et_world w;
	et_open(&w, "esb");
	assert_int_equal(el2_reg_write(w.pe, EL2_SYSREG(VSESR_EL2), (1u << 24) | 0x77u), EL2_OK);
	el2_run_result r = run_to(&w, "esb_in_guest", "esb_in_guest_done");
	assert_int_equal(r.reason, EL2_STOP_ADDRESS);
	assert_int_equal(el2_pe_el(w.pe), 1);
	assert_int_equal(et_reg(&w, EL2_REG_X(4)), DISR_A | (1u << 24) | 0x77u);
	assert_int_equal(et_reg(&w, EL2_SYSREG(HCR_EL2)) & EL2_HCR_VSE, 0);
	assert_int_equal(et_reg(&w, EL2_SYSREG(DISR_EL1)), 0);
	et_close(&w);
}

/* An ESB written over a NOP of a block that already ran (the engine told
 * with el2_engine_code_changed) is found and performed: the block is
 * scanned again, not taken as scanned. */
static void test_esb_written_into_a_block_that_ran(void **state)
{
	(void)state;
	et_world w;
	et_open(&w, "esb");
	uint64_t at = et_sym(&w, "esb_at_el2") + 16, esb, nop = 0xd503201fu;
	assert_int_equal(el2_mem_read(w.mem, at, &esb, 4), EL2_OK);
	assert_int_equal((uint32_t)esb, 0xd503221fu);
	assert_int_equal(el2_mem_write(w.mem, at, &nop, 4), EL2_OK);
	assert_int_equal(el2_engine_code_changed(w.eng, at, 4), EL2_OK);
	assert_true(el2_serror_pend(w.pe, (2u << 10) | 0x11u));
	el2_run_result r = run_to(&w, "esb_at_el2", "esb_at_el2_done");
	assert_int_equal(r.reason, EL2_STOP_ADDRESS);
	assert_int_equal(et_reg(&w, EL2_REG_X(2)), 0); /* a NOP: still pending */
	assert_true(el2_serror_pending(w.pe, NULL));
	assert_int_equal(el2_mem_write(w.mem, at, &esb, 4), EL2_OK);
	assert_int_equal(el2_engine_code_changed(w.eng, at, 4), EL2_OK);
	r = run_to(&w, "esb_at_el2", "esb_at_el2_done");
	assert_int_equal(r.reason, EL2_STOP_ADDRESS);
	assert_int_equal(et_reg(&w, EL2_REG_X(2)), DISR_A | (2u << 10) | 0x11u);
	assert_false(el2_serror_pending(w.pe, NULL));
	et_close(&w);
}

/* MRS DCZID_EL0 reads the model's value, whose DZP follows the PE's
 * controls; Unicorn's own answer follows Unicorn's SCTLR_EL1 (0x14 at its
 * EL0, 0x4 at its EL2) whatever the PE's. BS = 4: 64-byte blocks. */
static void dczid_at_each_el(uint64_t hcr_tdz, uint64_t at_el1_el0)
{
	et_world w;
	et_open(&w, "esb");
	el2_reg_write(w.pe, EL2_REG_X(7), hcr_tdz);
	el2_run_result r = run_to(&w, "dczid_read", "dczid_read_done");
	assert_int_equal(r.reason, EL2_STOP_ADDRESS);
	assert_int_equal(el2_pe_el(w.pe), 0);
	assert_int_equal(et_reg(&w, EL2_REG_X(2)), 0x4); /* EL2 */
	assert_int_equal(et_reg(&w, EL2_REG_X(4)), at_el1_el0);
	assert_int_equal(et_reg(&w, EL2_REG_X(5)), at_el1_el0);
	et_close(&w);
}

static void test_mrs_dczid_reads_the_models_value(void **state)
{
	(void)state;
	dczid_at_each_el(0, 0x4);
	dczid_at_each_el(EL2_HCR_TDZ, 0x14);
}

/* MRS RNDR at EL2 takes UNDEFINED (the PE has no FEAT_RNG): EC 0 to EL2,
 * ELR the MRS, x1 unchanged; Unicorn would have run it, with a random
 * value. */
static void test_mrs_rndr_is_undefined(void **state)
{
	(void)state;
	et_world w;
	et_open(&w, "esb");
	el2_run_opts o = el2_run_opts_default();
	o.stop_on_exception_to = 2;
	o.budget = 1000;
	el2_run_result r = et_run_from(&w, "rndr_read", &o);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ESR_EL2)) >> 26, 0);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ELR_EL2)), et_sym(&w, "rndr_insn"));
	assert_int_equal(et_reg(&w, EL2_REG_X(1)), 7);
	et_close(&w);
}

/* Runs from `at` until an exception to EL2: its EC, and ELR the word. */
static unsigned ec_of_trap_at(const char *at, const char *word)
{
	et_world w;
	et_open(&w, "esb");
	el2_run_opts o = el2_run_opts_default();
	o.stop_on_exception_to = 2;
	o.budget = 1000;
	el2_run_result r = et_run_from(&w, at, &o);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ELR_EL2)), et_sym(&w, word));
	unsigned esr = (unsigned)et_reg(&w, EL2_SYSREG(ESR_EL2));
	et_close(&w);
	return esr;
}

/* Words Unicorn runs natively that the PE traps or refuses: WFE at EL1
 * with HCR_EL2.TWE (EC 0x01, ISS TI = 01: WFE) once the event register
 * the ERET set is cleared by the first WFE (WFE's pseudocode tests it
 * before the trap), CFINV and SB without FEAT_FlagM / FEAT_SB
 * (UNDEFINED, EC 0). */
static void test_native_words_the_pe_traps(void **state)
{
	(void)state;
	unsigned esr = ec_of_trap_at("wfe_guest", "wfe_trapped");
	assert_int_equal(esr >> 26, 0x01);
	assert_int_equal(esr & 3u, 1);
	assert_int_equal(ec_of_trap_at("cfinv_insn", "cfinv_insn") >> 26, 0);
	assert_int_equal(ec_of_trap_at("sb_insn", "sb_insn") >> 26, 0);
}

/* MRS PMUSERENR_EL0 is performed by the model (Unicorn would read its own
 * PMU's 0): the value written before, at EL2 and at EL1. */
static void test_mrs_pmuserenr_reads_the_models_value(void **state)
{
	(void)state;
	et_world w;
	et_open(&w, "esb");
	el2_run_result r = run_to(&w, "pmuserenr_rw", "pmuserenr_rw_done");
	assert_int_equal(r.reason, EL2_STOP_ADDRESS);
	assert_int_equal(el2_pe_el(w.pe), 1);
	assert_int_equal(et_reg(&w, EL2_REG_X(2)), 0xd);
	assert_int_equal(et_reg(&w, EL2_REG_X(4)), 0xd);
	assert_int_equal(et_reg(&w, EL2_REG_X(6)), 0x6);
	et_close(&w);
}

int main(int argc, char **argv)
{
	et_argc = argc;
	et_argv = argv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_esb_at_el2_defers_the_masked_serror_into_disr_el1),
		cmocka_unit_test(test_esb_in_guest_defers_the_virtual_serror_into_vdisr_el2),
		cmocka_unit_test(test_mrs_pmuserenr_reads_the_models_value),
		cmocka_unit_test(test_esb_written_into_a_block_that_ran),
		cmocka_unit_test(test_mrs_dczid_reads_the_models_value),
		cmocka_unit_test(test_mrs_rndr_is_undefined),
		cmocka_unit_test(test_native_words_the_pe_traps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
