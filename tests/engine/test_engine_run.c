/* SPDX-License-Identifier: MIT */
/* The run loop: every stop reason, determinism, counts per EL and phases,
 * error paths. Expected figures are counted by hand from fixtures/run.S. */
#include <stdlib.h>

#include <unicorn/unicorn.h>

#include "engine_test_util.h"

/* start_el2: 9 instructions at EL2 up to and including the ERET, 4 at EL1
 * (3 movs and the HVC), then at EL2 mrs, b, mov, br = 4. */
#define EL2_ENTRY_INSNS 9
#define GUEST_INSNS 4
#define EL2_EXIT_INSNS 4

static void test_fetch_from_sentinel_stops_with_sentinel(void **state)
{
	et_world w;
	et_open(&w, "run");
	el2_run_result r = et_run_from(&w, "start_el2", NULL);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(r.pc, SENTINEL);
	assert_int_equal(r.insns, EL2_ENTRY_INSNS + GUEST_INSNS + EL2_EXIT_INSNS);
	assert_int_equal(et_reg(&w, EL2_REG_X(9)), 0x99);
	assert_int_equal(et_reg(&w, EL2_REG_X(4)), 7);
	/* ESR_EL2 of the HVC: EC 0x16, IL, imm16 0x12 (read by mrs x7). */
	assert_int_equal(et_reg(&w, EL2_REG_X(7)), (0x16u << 26) | (1u << 25) | 0x12u);
	assert_int_equal(el2_pe_el(w.pe), 2);
	et_close(&w);
}

static void test_counts_per_el_and_phases_of_a_round_trip(void **state)
{
	et_world w;
	et_open(&w, "run");
	el2_engine_reset_counts(w.eng);
	et_run_from(&w, "start_el2", NULL);
	el2_counts c;
	el2_engine_counts(w.eng, &c);
	assert_int_equal(c.insns, 17);
	assert_int_equal(c.insns_el[2], EL2_ENTRY_INSNS + EL2_EXIT_INSNS);
	assert_int_equal(c.insns_el[1], GUEST_INSNS);
	assert_int_equal(c.insns_el[0], 0);
	assert_int_equal(c.exceptions, 1);
	assert_int_equal(c.erets, 1);
	/* msr vbar, hcr, elr, spsr, and mrs esr. */
	assert_int_equal(c.sysreg_writes, 4);
	assert_int_equal(c.sysreg_reads, 1);
	/* 4 MSR + ERET + HVC + MRS performed by the model. */
	assert_int_equal(c.trapped, 7);
	const el2_phase *ph;
	uint64_t dropped;
	size_t n = el2_engine_phases(w.eng, &ph, &dropped);
	assert_int_equal(n, 3);
	assert_int_equal(dropped, 0);
	assert_int_equal(ph[0].el, 2);
	assert_int_equal(ph[0].insns, EL2_ENTRY_INSNS);
	assert_int_equal(ph[0].start_pc, et_sym(&w, "start_el2"));
	assert_int_equal(ph[1].el, 1);
	assert_int_equal(ph[1].insns, GUEST_INSNS);
	assert_int_equal(ph[1].start_pc, et_sym(&w, "guest"));
	assert_int_equal(ph[1].first_insn, EL2_ENTRY_INSNS);
	assert_int_equal(ph[2].el, 2);
	assert_int_equal(ph[2].start_pc, et_sym(&w, "vec_el2") + 0x400);
	assert_int_equal(ph[2].insns, EL2_EXIT_INSNS);
	et_close(&w);
}

static void test_stop_address_is_reached_not_executed(void **state)
{
	et_world w;
	et_open(&w, "run");
	el2_run_opts o = el2_run_opts_default();
	o.n_stop_addrs = 1;
	o.stop_addrs[0] = et_sym(&w, "guest") + 4; /* mov x5, #1 */
	el2_run_result r = et_run_from(&w, "start_el2", &o);
	assert_int_equal(r.reason, EL2_STOP_ADDRESS);
	assert_int_equal(r.pc, o.stop_addrs[0]);
	assert_int_equal(r.insns, EL2_ENTRY_INSNS + 1);
	assert_int_equal(et_reg(&w, EL2_REG_X(4)), 7);
	assert_int_not_equal(et_reg(&w, EL2_REG_X(5)), 1);
	assert_int_equal(el2_pe_el(w.pe), 1);
	et_close(&w);
}

static void test_stop_on_exception_to_el2_after_hvc(void **state)
{
	et_world w;
	et_open(&w, "run");
	el2_run_opts o = el2_run_opts_default();
	o.stop_on_exception_to = 2;
	el2_run_result r = et_run_from(&w, "start_el2", &o);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(r.pc, et_sym(&w, "vec_el2") + 0x400);
	assert_int_equal(r.insns, EL2_ENTRY_INSNS + GUEST_INSNS);
	/* ELR_EL2 = the instruction after the HVC (preferred return). */
	assert_int_equal(et_reg(&w, EL2_SYSREG(ELR_EL2)), et_sym(&w, "guest") + 16);
	et_close(&w);
}

static void test_stop_on_eret_to_el1(void **state)
{
	et_world w;
	et_open(&w, "run");
	el2_run_opts o = el2_run_opts_default();
	o.stop_on_eret_to = 1;
	el2_run_result r = et_run_from(&w, "start_el2", &o);
	assert_int_equal(r.reason, EL2_STOP_ERET);
	assert_int_equal(r.pc, et_sym(&w, "guest"));
	assert_int_equal(r.insns, EL2_ENTRY_INSNS);
	assert_int_equal(el2_pe_el(w.pe), 1);
	/* PSTATE = SPSR_EL2 value 0x3c5: EL1h with DAIF masked. */
	assert_int_equal(et_reg(&w, EL2_REG_PSTATE) & 0x3ff, 0x3c5);
	et_close(&w);
}

static void test_endless_loop_ends_with_budget(void **state)
{
	et_world w;
	et_open(&w, "run");
	el2_run_opts o = el2_run_opts_default();
	o.budget = 5000;
	el2_run_result r = et_run_from(&w, "loop_forever", &o);
	assert_int_equal(r.reason, EL2_STOP_BUDGET);
	assert_int_equal(r.pc, et_sym(&w, "loop_forever"));
	/* b . is a one-instruction block: the budget is exact here. */
	assert_int_equal(r.insns, 5000);
	et_close(&w);
}

static void test_single_step_executes_one_instruction(void **state)
{
	et_world w;
	et_open(&w, "run");
	el2_run_opts o = el2_run_opts_default();
	o.single_step = true;
	uint64_t start = et_sym(&w, "start_el2");
	el2_run_result r = et_run_from(&w, "start_el2", &o);
	assert_int_equal(r.reason, EL2_STOP_STEP);
	assert_int_equal(r.insns, 1);
	assert_int_equal(r.pc, start + 4);
	assert_int_equal(et_reg(&w, EL2_REG_X(0)), et_sym(&w, "vec_el2"));
	/* The next step is a trapped MSR: performed by the model. */
	r = et_run_from(&w, NULL, &o);
	assert_int_equal(r.reason, EL2_STOP_STEP);
	assert_int_equal(r.insns, 1);
	assert_int_equal(r.pc, start + 8);
	assert_int_equal(et_reg(&w, EL2_SYSREG(VBAR_EL2)), et_sym(&w, "vec_el2"));
	et_close(&w);
}

static void test_wfi_with_nothing_pending_stops_with_wfi(void **state)
{
	et_world w;
	et_open(&w, "run");
	el2_run_result r = et_run_from(&w, "wfi_here", NULL);
	assert_int_equal(r.reason, EL2_STOP_WFI);
	assert_int_equal(r.pc, et_sym(&w, "wfi_here") + 4);
	assert_int_equal(r.insns, 1);
	et_close(&w);
}

static void stop_on_first_write(void *ctx, const el2_event *ev)
{
	el2_engine *eng = ctx;
	if (ev->kind == EL2_EV_SYSREG_WRITE && ev->reg == EL2_SYSREG(VBAR_EL2))
		el2_engine_request_stop(eng);
}

static void test_stop_requested_from_event_hook(void **state)
{
	et_world w;
	et_open(&w, "run");
	el2_engine_set_event_hook(w.eng, stop_on_first_write, w.eng);
	el2_run_result r = et_run_from(&w, "start_el2", NULL);
	assert_int_equal(r.reason, EL2_STOP_REQUESTED);
	assert_int_equal(r.pc, et_sym(&w, "start_el2") + 8);
	assert_int_equal(r.insns, 2);
	assert_int_equal(et_reg(&w, EL2_SYSREG(VBAR_EL2)), et_sym(&w, "vec_el2"));
	et_close(&w);
}

static void test_wild_jump_by_hypervisor_is_an_error(void **state)
{
	et_world w;
	et_open(&w, "run");
	el2_run_result r = et_run_from(&w, "wild_jump", NULL);
	assert_int_equal(r.reason, EL2_STOP_ERROR);
	assert_int_equal(r.error, EL2_ERR_MEM_UNMAPPED);
	assert_non_null(strstr(r.message, "7000000000"));
	et_close(&w);
}

static void test_run_without_regions_is_an_error(void **state)
{
	el2_config cfg = el2_config_default();
	el2_pe *pe;
	el2_mem *mem;
	el2_engine *eng;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	assert_int_equal(el2_mem_new(&mem), EL2_OK);
	assert_int_equal(el2_engine_new(pe, mem, NULL, &eng, NULL, 0), EL2_OK);
	el2_run_result r;
	assert_int_equal(el2_engine_run(eng, NULL, &r), EL2_OK);
	assert_int_equal(r.reason, EL2_STOP_ERROR);
	assert_int_equal(r.error, EL2_ERR_MEM_UNMAPPED);
	el2_engine_free(&eng);
	assert_null(eng);
	el2_mem_free(&mem);
	el2_pe_free(&pe);
}

static void test_engine_new_rejects_missing_pe(void **state)
{
	el2_engine *eng = (el2_engine *)1;
	char err[64];
	assert_int_equal(el2_engine_new(NULL, NULL, NULL, &eng, err, sizeof(err)),
			 EL2_ERR_INVALID_ARG);
	assert_null(eng);
	assert_true(err[0] != 0);
}

static void test_two_identical_runs_are_identical(void **state)
{
	uint64_t x[2][10];
	el2_counts c[2];
	for (int i = 0; i < 2; i++) {
		et_world w;
		et_open(&w, "run");
		et_run_from(&w, "start_el2", NULL);
		el2_engine_counts(w.eng, &c[i]);
		for (int k = 0; k < 10; k++)
			x[i][k] = et_reg(&w, EL2_REG_X(k));
		et_close(&w);
	}
	assert_memory_equal(&c[0], &c[1], sizeof(c[0]));
	assert_memory_equal(x[0], x[1], sizeof(x[0]));
}

static void test_stop_reason_names_are_distinct(void **state)
{
	assert_string_equal(el2_stop_reason_name(EL2_STOP_SENTINEL), "sentinel");
	assert_string_equal(el2_stop_reason_name(EL2_STOP_ERROR), "error");
	assert_string_equal(el2_stop_reason_name((el2_stop_reason)99), "unknown");
}

/* The strategy follows the Unicorn version (docs/engine.md): INSN from
 * 2.1.1, TRAP before; EL2SIM_STRATEGY=trap forces TRAP; both give the
 * same round trip. */
static void test_strategy_follows_unicorn_version_and_env(void **state)
{
	unsigned v = uc_version(NULL, NULL);
	el2_engine_strategy want = v >= 0x02010100u ? EL2_STRATEGY_INSN : EL2_STRATEGY_TRAP;
	const char *saved = getenv("EL2SIM_STRATEGY");
	unsetenv("EL2SIM_STRATEGY");
	et_world w;
	et_open(&w, "run");
	assert_int_equal(el2_engine_get_strategy(w.eng), want);
	el2_run_result a = et_run_from(&w, "start_el2", NULL);
	uint64_t x7 = et_reg(&w, EL2_REG_X(7));
	et_close(&w);
	setenv("EL2SIM_STRATEGY", "trap", 1);
	et_open(&w, "run");
	assert_int_equal(el2_engine_get_strategy(w.eng), EL2_STRATEGY_TRAP);
	assert_string_equal(el2_engine_strategy_name(EL2_STRATEGY_TRAP), "trap");
	el2_run_result b = et_run_from(&w, "start_el2", NULL);
	assert_int_equal(a.reason, b.reason);
	assert_int_equal(a.insns, b.insns);
	assert_int_equal(a.pc, b.pc);
	assert_int_equal(x7, et_reg(&w, EL2_REG_X(7)));
	et_close(&w);
	if (saved)
		setenv("EL2SIM_STRATEGY", saved, 1);
	else
		unsetenv("EL2SIM_STRATEGY");
}

int main(int argc, char **argv)
{
	et_argc = argc;
	et_argv = argv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fetch_from_sentinel_stops_with_sentinel),
		cmocka_unit_test(test_counts_per_el_and_phases_of_a_round_trip),
		cmocka_unit_test(test_stop_address_is_reached_not_executed),
		cmocka_unit_test(test_stop_on_exception_to_el2_after_hvc),
		cmocka_unit_test(test_stop_on_eret_to_el1),
		cmocka_unit_test(test_endless_loop_ends_with_budget),
		cmocka_unit_test(test_single_step_executes_one_instruction),
		cmocka_unit_test(test_wfi_with_nothing_pending_stops_with_wfi),
		cmocka_unit_test(test_stop_requested_from_event_hook),
		cmocka_unit_test(test_wild_jump_by_hypervisor_is_an_error),
		cmocka_unit_test(test_run_without_regions_is_an_error),
		cmocka_unit_test(test_engine_new_rejects_missing_pe),
		cmocka_unit_test(test_two_identical_runs_are_identical),
		cmocka_unit_test(test_stop_reason_names_are_distinct),
		cmocka_unit_test(test_strategy_follows_unicorn_version_and_env),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
