/* SPDX-License-Identifier: MIT */
/* Interrupt stimulus: lines at an instruction count or an address,
 * delivered and routed by the model at instruction boundaries. Vector
 * offsets: IRQ from a lower EL (AArch64) 0x480, current EL with SPx 0x280. */
#include "engine_test_util.h"

#define ENTRY_INSNS 10 /* enter_guest up to and including the ERET */

static void test_irq_at_count_from_guest_is_routed_to_el2_by_imo(void **state)
{
	et_world w;
	et_open(&w, "irq");
	assert_int_equal(el2_engine_line_at_count(w.eng, EL2_LINE_IRQ, true, 100), EL2_OK);
	el2_run_opts o = el2_run_opts_default();
	o.stop_on_exception_to = 2;
	el2_run_result r = et_run_from(&w, "enter_guest", &o);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(r.pc, et_sym(&w, "vec_el2") + 0x480);
	assert_int_equal(el2_pe_el(w.pe), 2);
	/* Taken at a block boundary of the 2-instruction loop: at or after
	 * instruction 100, at most one block late. */
	assert_true(r.insns >= 100 && r.insns <= 101);
	uint64_t elr = et_reg(&w, EL2_SYSREG(ELR_EL2));
	assert_int_equal(elr, et_sym(&w, "guest_loop"));
	/* SPSR_EL2 = the guest's PSTATE: EL1h, DAIF masked. */
	assert_int_equal(et_reg(&w, EL2_SYSREG(SPSR_EL2)) & 0x3ff, 0x3c5);
	/* Loop iterations completed = (insns after entry) / 2. */
	assert_int_equal(et_reg(&w, EL2_REG_X(4)), (r.insns - ENTRY_INSNS) / 2);
	et_close(&w);
}

static void test_irq_at_address_is_taken_before_that_instruction(void **state)
{
	et_world w;
	et_open(&w, "irq");
	uint64_t loop = et_sym(&w, "guest_loop");
	assert_int_equal(el2_engine_line_at_addr(w.eng, EL2_LINE_IRQ, true, loop), EL2_OK);
	el2_run_opts o = el2_run_opts_default();
	o.stop_on_exception_to = 2;
	el2_run_result r = et_run_from(&w, "enter_guest", &o);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(r.pc, et_sym(&w, "vec_el2") + 0x480);
	assert_int_equal(r.insns, ENTRY_INSNS);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ELR_EL2)), loop);
	assert_int_equal(et_reg(&w, EL2_REG_X(4)), 0);
	et_close(&w);
}

static void test_irq_masked_at_el2_until_daif_cleared(void **state)
{
	et_world w;
	et_open(&w, "irq");
	assert_int_equal(el2_engine_line_at_count(w.eng, EL2_LINE_IRQ, true, 0), EL2_OK);
	el2_run_opts o = el2_run_opts_default();
	o.stop_on_exception_to = 2;
	el2_run_result r = et_run_from(&w, "unmask_at_el2", &o);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(r.pc, et_sym(&w, "vec_el2") + 0x280);
	/* Everything up to and including MSR DAIFClr ran with the line
	 * asserted; the interrupt is taken before the next instruction. */
	assert_int_equal(r.insns, 8);
	assert_int_equal(et_reg(&w, EL2_REG_X(5)), 2);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ELR_EL2)), et_sym(&w, "after_unmask"));
	assert_int_not_equal(et_reg(&w, EL2_REG_X(19)), 1);
	et_close(&w);
}

static void test_line_event_rejects_unknown_line(void **state)
{
	et_world w;
	et_open(&w, "irq");
	assert_int_equal(el2_engine_line_at_count(w.eng, (el2_irq_line)8, true, 1),
			 EL2_ERR_INVALID_ARG);
	et_close(&w);
}

int main(int argc, char **argv)
{
	et_argc = argc;
	et_argv = argv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_irq_at_count_from_guest_is_routed_to_el2_by_imo),
		cmocka_unit_test(test_irq_at_address_is_taken_before_that_instruction),
		cmocka_unit_test(test_irq_masked_at_el2_until_daif_cleared),
		cmocka_unit_test(test_line_event_rejects_unknown_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
