/* SPDX-License-Identifier: MIT */
/* The reference VHE world switch (tests/ref/vhe.elf) under the engine: the
 * host at EL2 (E2H = TGE = 1) calls __vhe_vcpu_run; one round trip per exit
 * kind. */
#include "ref_scenarios.h"

static void test_vhe_hvc_exit_round_trip_restores_host(void **state)
{
	scenario_hvc("vhe", "vhe hvc");
}

static void test_vhe_exit_saves_registers_changed_by_guest(void **state)
{
	scenario_scramble("vhe", "vhe hvc (guest changes regs)");
}

static void test_vhe_mmio_exit_reports_far_and_hpfar(void **state)
{
	scenario_mmio("vhe", "vhe mmio");
}

static void test_vhe_s2_permission_fault_ipa_comes_from_at_s1e1r(void **state)
{
	scenario_s2_perm("vhe", "vhe s2 permission");
}

static void test_vhe_tvm_trapped_msr_exits_with_ec_0x18(void **state)
{
	scenario_sysreg("vhe", "vhe sysreg trap");
}

static void test_vhe_irq_routed_to_el2_exits(void **state)
{
	scenario_irq("vhe", "vhe irq");
}

static void test_vhe_lazy_fp_switch_loads_guest_and_restores_host(void **state)
{
	scenario_fp("vhe", "vhe fp lazy + hvc");
}

/* Seed 3: the exit from the guest clears PSTATE.UAO and leaves the guest's
 * PAN; the host gets its own back (UAO = 1, PAN = 0 here; the guest runs
 * with PAN = 1). */
static void test_vhe_host_gets_its_uao_and_pan_back(void **state)
{
	rt_world w;
	rt_open(&w, "vhe", "guest_hvc");
	rt_round_trip(&w, NULL);
	uint64_t psr = rt_reg(&w, EL2_REG_PSTATE);
	assert_int_equal(psr & PSR_UAO, PSR_UAO);
	assert_int_equal(psr & PSR_PAN, 0);
	assert_int_equal(w.entry.pstate & PSR_PAN, PSR_PAN);
	/* TGE set again for the host */
	assert_int_equal(rt_reg(&w, EL2_SYSREG(HCR_EL2)) & HCR_TGE, HCR_TGE);
	rt_close(&w);
}

int main(int argc, char **argv)
{
	rt_argc = argc;
	rt_argv = argv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vhe_hvc_exit_round_trip_restores_host),
		cmocka_unit_test(test_vhe_exit_saves_registers_changed_by_guest),
		cmocka_unit_test(test_vhe_mmio_exit_reports_far_and_hpfar),
		cmocka_unit_test(test_vhe_s2_permission_fault_ipa_comes_from_at_s1e1r),
		cmocka_unit_test(test_vhe_tvm_trapped_msr_exits_with_ec_0x18),
		cmocka_unit_test(test_vhe_irq_routed_to_el2_exits),
		cmocka_unit_test(test_vhe_lazy_fp_switch_loads_guest_and_restores_host),
		cmocka_unit_test(test_vhe_host_gets_its_uao_and_pan_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
