/* SPDX-License-Identifier: MIT */
/* One test per trap kind, through real code at model EL2/EL1/EL0.
 * Expected syndromes are built by hand from the ESR_ELx field layouts. */
#include "engine_test_util.h"

#define ESR(ec, iss) (((uint32_t)(ec) << 26) | (1u << 25) | (iss))

/* Runs setup_vec, then `entry` with x27 = `cont` (EL2 handler continuation). */
static el2_run_result run_entry(et_world *w, const char *entry, const char *cont)
{
	el2_reg_write(w->pe, EL2_REG_X(29), et_sym(w, entry));
	el2_reg_write(w->pe, EL2_REG_X(27), et_sym(w, cont ? cont : "back"));
	return et_run_from(w, "setup_vec", NULL);
}

static void test_fp_trapped_by_cptr_tfp_then_allowed_after_clearing_it(void **state)
{
	et_world w;
	et_open(&w, "traps");
	el2_reg_write(w.pe, EL2_REG_X(2), 0x1122334455667788ull);
	el2_run_result r = run_entry(&w, "fp_lazy", "fp_fix");
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	/* Exactly one FP trap at fmov: EC 0x07; from AArch64 the ISS has
	 * CV = 1 and COND = 0xE. */
	assert_int_equal(et_reg(&w, EL2_REG_X(20)), 1);
	assert_int_equal(et_reg(&w, EL2_REG_X(10)), ESR(0x07, (1u << 24) | (0xeu << 20)));
	assert_int_equal(et_reg(&w, EL2_REG_X(11)), et_sym(&w, "fp_insn"));
	/* After the handler cleared TFP the fmov ran natively. */
	assert_int_equal(et_reg(&w, EL2_REG_V(0)), 0x1122334455667788ull);
	assert_int_equal(et_reg(&w, EL2_REG_X(3)), 1);
	et_close(&w);
}

/* The same trip a second time in the same engine: the FMOV block is
 * translated and hooked already, so nothing leaves uc_emu_start between
 * the MSR CPTR_EL2 (INSN strategy: performed in place) and the FMOV; the
 * FP trap still comes, because the in-place MSR re-derives the world. */
static void test_fp_trap_after_cptr_write_in_a_warm_engine(void **state)
{
	et_world w;
	et_open(&w, "traps");
	el2_reg_write(w.pe, EL2_REG_X(2), 0x1122334455667788ull);
	for (int trip = 1; trip <= 2; trip++) {
		el2_reg_write(w.pe, EL2_SYSREG(CPTR_EL2), 0);
		el2_reg_write(w.pe, EL2_REG_X(3), 0);
		el2_run_result r = run_entry(&w, "fp_lazy", "fp_fix");
		assert_int_equal(r.reason, EL2_STOP_SENTINEL);
		assert_int_equal(et_reg(&w, EL2_REG_X(20)), (uint64_t)trip);
		assert_int_equal(et_reg(&w, EL2_REG_X(11)), et_sym(&w, "fp_insn"));
		assert_int_equal(et_reg(&w, EL2_REG_X(3)), 1);
	}
	et_close(&w);
}

static void test_svc_from_el0_reports_next_instruction_as_return(void **state)
{
	et_world w;
	et_open(&w, "traps");
	el2_run_result r = run_entry(&w, "to_el0_svc", NULL);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	/* Unicorn reports SVC with PC = next instruction; the engine takes
	 * the SVC at PC-4, so ELR_EL1 = svc + 4 (not + 8). */
	assert_int_equal(et_reg(&w, EL2_REG_X(12)), ESR(0x15, 5));
	assert_int_equal(et_reg(&w, EL2_REG_X(13)), et_sym(&w, "el0_svc") + 4);
	assert_int_equal(et_reg(&w, EL2_REG_X(4)), 4);
	el2_counts c;
	el2_engine_counts(w.eng, &c);
	assert_int_equal(c.insns_el[0], 2); /* mov, svc */
	assert_int_equal(el2_pe_el(w.pe), 1);
	et_close(&w);
}

static void test_msr_spsel_switches_the_sp_bank(void **state)
{
	et_world w;
	et_open(&w, "traps");
	uint64_t sp0 = et_reg(&w, EL2_SYSREG(SP_EL0)), sp2 = et_reg(&w, EL2_SYSREG(SP_EL2));
	run_entry(&w, "spsel_banks", NULL);
	assert_int_equal(et_reg(&w, EL2_REG_X(14)), sp0);
	assert_int_equal(et_reg(&w, EL2_REG_X(15)), sp2);
	assert_int_not_equal(sp0, sp2);
	et_close(&w);
}

static void test_dc_zva_of_no_memory_ends_the_run_at_it(void **state)
{
	(void)state;
	et_world w;
	et_open(&w, "traps");
	el2_run_result r = et_run_from(&w, "dc_zva_unmapped", NULL);
	assert_int_equal(r.reason, EL2_STOP_ERROR);
	assert_non_null(strstr(r.message, "DC ZVA of unmapped"));
	assert_int_equal(r.insns, 2); /* MOV, DC ZVA: as the trap strategy counts */
	el2_counts c;
	el2_engine_counts(w.eng, &c);
	assert_int_equal(c.insns, 2);
	assert_int_equal(c.insns_el[2], 2);
	et_close(&w);
}

static void test_dc_zva_zeroes_one_block(void **state)
{
	et_world w;
	et_open(&w, "traps");
	uint64_t z = et_sym(&w, "zbuf");
	unsigned n = el2_dczva_bytes(w.pe);
	run_entry(&w, "dc_zva", NULL);
	assert_int_equal(et_reg(&w, EL2_REG_X(16)), 0);
	uint64_t last, after;
	assert_int_equal(el2_mem_read(w.mem, z + n - 8, &last, 8), EL2_OK);
	assert_int_equal(el2_mem_read(w.mem, z + n, &after, 8), EL2_OK);
	assert_int_equal(last, 0);
	assert_int_equal(after, 0xffffffffffffffffull);
	et_close(&w);
}

static void test_udf_takes_undefined_exception_ec0(void **state)
{
	et_world w;
	et_open(&w, "traps");
	el2_run_result r = run_entry(&w, "udf_insn", NULL);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(et_reg(&w, EL2_REG_X(10)), ESR(0x00, 0));
	assert_int_equal(et_reg(&w, EL2_REG_X(11)), et_sym(&w, "udf_insn"));
	et_close(&w);
}

static void test_illegal_eret_then_illegal_state_exception_ec0e(void **state)
{
	et_world w;
	et_open(&w, "traps");
	el2_run_result r = run_entry(&w, "illegal_eret", NULL);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	/* The instruction at ELR did not execute: EC 0x0E was taken first. */
	assert_int_equal(et_reg(&w, EL2_REG_X(10)), ESR(0x0e, 0));
	assert_int_equal(et_reg(&w, EL2_REG_X(11)), et_sym(&w, "after_illegal"));
	assert_int_not_equal(et_reg(&w, EL2_REG_X(21)), 1);
	et_close(&w);
}

static void test_nzcv_captured_by_spsr_and_tpidr_el0_survives(void **state)
{
	et_world w;
	et_open(&w, "traps");
	el2_run_result r = run_entry(&w, "nzcv_hvc", "read_spsr");
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(et_reg(&w, EL2_REG_X(17)) & 0xf0000000u, 0x60000000u);
	assert_int_equal(et_reg(&w, EL2_REG_X(10)), ESR(0x16, 0));
	assert_int_equal(et_reg(&w, EL2_SYSREG(TPIDR_EL0)), 0x5555);
	et_close(&w);
}

static void test_brk_takes_ec3c_with_elr_at_the_brk(void **state)
{
	et_world w;
	et_open(&w, "traps");
	run_entry(&w, "brk_insn", NULL);
	assert_int_equal(et_reg(&w, EL2_REG_X(10)), ESR(0x3c, 3));
	assert_int_equal(et_reg(&w, EL2_REG_X(11)), et_sym(&w, "brk_insn"));
	et_close(&w);
}

static void test_at_s1e1r_completes_par_el1(void **state)
{
	et_world w;
	et_open(&w, "traps");
	el2_reg_write(w.pe, EL2_REG_X(0), RAM_BASE + 0x1234);
	/* setup_vec overwrites x0: AT runs on the value left by setup_vec
	 * (vec_el1), a mapped address with SCTLR_EL1.M = 0 (flat). */
	el2_run_result r = run_entry(&w, "at_insn", NULL);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	uint64_t par = et_reg(&w, EL2_REG_X(18));
	assert_int_equal(par & 1, 0); /* F = 0 */
	assert_int_equal(par & 0xfffffffff000ull, et_sym(&w, "vec_el1") & ~0xfffull);
	et_close(&w);
}

static uint64_t sysops;
static void count_sysops(void *ctx, const el2_event *ev)
{
	if (ev->kind == EL2_EV_SYSOP)
		sysops++;
}

static void test_tlbi_and_ic_are_performed_and_execution_continues(void **state)
{
	et_world w;
	et_open(&w, "traps");
	sysops = 0;
	el2_engine_set_event_hook(w.eng, count_sysops, NULL);
	el2_run_result r = run_entry(&w, "tlbi_ic", NULL);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(et_reg(&w, EL2_REG_X(22)), 1);
	assert_int_equal(sysops, 2);
	et_close(&w);
}

int main(int argc, char **argv)
{
	et_argc = argc;
	et_argv = argv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fp_trapped_by_cptr_tfp_then_allowed_after_clearing_it),
		cmocka_unit_test(test_fp_trap_after_cptr_write_in_a_warm_engine),
		cmocka_unit_test(test_svc_from_el0_reports_next_instruction_as_return),
		cmocka_unit_test(test_msr_spsel_switches_the_sp_bank),
		cmocka_unit_test(test_dc_zva_zeroes_one_block),
		cmocka_unit_test(test_dc_zva_of_no_memory_ends_the_run_at_it),
		cmocka_unit_test(test_udf_takes_undefined_exception_ec0),
		cmocka_unit_test(test_illegal_eret_then_illegal_state_exception_ec0e),
		cmocka_unit_test(test_nzcv_captured_by_spsr_and_tpidr_el0_survives),
		cmocka_unit_test(test_brk_takes_ec3c_with_elr_at_the_brk),
		cmocka_unit_test(test_at_s1e1r_completes_par_el1),
		cmocka_unit_test(test_tlbi_and_ic_are_performed_and_execution_continues),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
