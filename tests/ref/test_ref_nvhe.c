/* SPDX-License-Identifier: MIT */
/* The reference nVHE world switch (tests/ref/nvhe.elf) under the engine:
 * the host at EL1 calls vcpu_run with HVC (SMCCC), one round trip per exit
 * kind, plus the host calls that do not run a guest. */
#include "ref_scenarios.h"

static void test_nvhe_hvc_exit_round_trip_restores_host(void **state)
{
	scenario_hvc("nvhe", "nvhe hvc");
}

static void test_nvhe_exit_saves_registers_changed_by_guest(void **state)
{
	scenario_scramble("nvhe", "nvhe hvc (guest changes regs)");
}

static void test_nvhe_mmio_exit_reports_far_and_hpfar(void **state)
{
	scenario_mmio("nvhe", "nvhe mmio");
}

static void test_nvhe_s2_permission_fault_ipa_comes_from_at_s1e1r(void **state)
{
	scenario_s2_perm("nvhe", "nvhe s2 permission");
}

static void test_nvhe_tvm_trapped_msr_exits_with_ec_0x18(void **state)
{
	scenario_sysreg("nvhe", "nvhe sysreg trap");
}

static void test_nvhe_irq_routed_to_el2_exits(void **state)
{
	scenario_irq("nvhe", "nvhe irq");
}

static void test_nvhe_lazy_fp_switch_loads_guest_and_restores_host(void **state)
{
	scenario_fp("nvhe", "nvhe fp lazy + hvc");
}

/* Seed 2: a host HVC with an unknown function ID gets NOT_SUPPORTED and
 * leaves every host register and the EL2 state (TPIDR_EL2...) as it was. */
static void test_nvhe_unknown_host_hvc_fails_and_keeps_el2_state(void **state)
{
	rt_world w;
	rt_open(&w, "nvhe", NULL);
	rt_set(&w, EL2_REG_X(0), REF_FID_UNKNOWN);
	rt_round_trip(&w, "nvhe unknown hvc");
	assert_int_equal(rt_reg(&w, EL2_REG_X(0)), (uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
	assert_false(w.entry.seen);
	rt_check_host(&w);
	rt_close(&w);
}

/* Seed 5: the SMCCC dispatch table; a function ID of another owner or a
 * function number past the table is rejected. */
static void test_nvhe_smccc_table_dispatches_by_function_number(void **state)
{
	static const struct {
		uint64_t fid, status;
	} calls[] = {
		{REF_FID_VERSION, REF_VERSION},
		{REF_FID_BASE + REF_NR_HCALLS, (uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED},
		{0xc5000000, (uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED}, /* owner 5 */
		{0x86000000, (uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED}, /* SMC32 */
	};
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		rt_world w;
		rt_open(&w, "nvhe", NULL);
		rt_set(&w, EL2_REG_X(0), calls[i].fid);
		rt_round_trip(&w, i == 0 ? "nvhe version call" : NULL);
		assert_int_equal(rt_reg(&w, EL2_REG_X(0)), calls[i].status);
		rt_check_host(&w);
		rt_close(&w);
	}
}

/* A second run of the same context continues where the guest stopped. */
static void test_nvhe_second_run_resumes_guest_after_hvc(void **state)
{
	rt_world w;
	rt_open(&w, "nvhe", "guest_scramble");
	rt_round_trip(&w, NULL);
	/* Next run: the guest resumes at the B . after the HVC; stop it with an
	 * IRQ there. */
	uint64_t resume = rt_ctxt(&w, CTXT_PC);
	assert_int_equal(el2_engine_line_at_addr(w.eng, EL2_LINE_IRQ, true, resume), EL2_OK);
	rt_set_host_state(&w);
	rt_set(&w, EL2_REG_PC, HOST_STUB);
	rt_set(&w, EL2_REG_X(0), REF_FID_VCPU_RUN);
	rt_set(&w, EL2_REG_X(1), w.ctxt);
	rt_round_trip(&w, "nvhe second run (irq)");
	rt_check_exit(&w, EXIT_IRQ, resume, 0, 0, 0);
	rt_check_ctxt_regs(&w, 1);
	rt_check_host(&w);
	rt_close(&w);
}

int main(int argc, char **argv)
{
	rt_argc = argc;
	rt_argv = argv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nvhe_hvc_exit_round_trip_restores_host),
		cmocka_unit_test(test_nvhe_exit_saves_registers_changed_by_guest),
		cmocka_unit_test(test_nvhe_mmio_exit_reports_far_and_hpfar),
		cmocka_unit_test(test_nvhe_s2_permission_fault_ipa_comes_from_at_s1e1r),
		cmocka_unit_test(test_nvhe_tvm_trapped_msr_exits_with_ec_0x18),
		cmocka_unit_test(test_nvhe_irq_routed_to_el2_exits),
		cmocka_unit_test(test_nvhe_lazy_fp_switch_loads_guest_and_restores_host),
		cmocka_unit_test(test_nvhe_unknown_host_hvc_fails_and_keeps_el2_state),
		cmocka_unit_test(test_nvhe_smccc_table_dispatches_by_function_number),
		cmocka_unit_test(test_nvhe_second_run_resumes_guest_after_hvc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
