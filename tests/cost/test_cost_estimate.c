/* SPDX-License-Identifier: MIT */
/* The in-order issue estimator on tiny streams whose cycles are worked
 * out by hand (comments) from the rules in sim/cost_estimate.c, with a
 * made-up model: issue width 2; ALU latency 1, 2 per cycle; load latency 4,
 * 1 per cycle; MSR latency 1; ISB 12, exception entry 10, ERET 11, DSB 13,
 * MSR to HCR_EL2 (sync) 14. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "el2sim/cost.h"
#include "el2sim/sysreg.h"

#define LDR_X0_X1 0xf9400020u   /* ldr x0, [x1] */
#define LDR_X2_X3 0xf9400062u   /* ldr x2, [x3] */
#define LDR_X4_X5 0xf94000a4u   /* ldr x4, [x5] */
#define LDR_X5_X6 0xf94000c5u   /* ldr x5, [x6] */
#define ADD_X7_X5 0x910004a7u   /* add x7, x5, #1 */
#define ADD_X7_X8 0x91000507u   /* add x7, x8, #1 */
#define ADD_X0_X1 0x8b020020u   /* add x0, x1, x2 */
#define ISB 0xd5033fdfu
#define DSB_SY 0xd5033f9fu
#define ERET 0xd69f03e0u
#define MSR_HCR_X2 0xd51c1102u  /* msr hcr_el2, x2 */
#define MSR_ELR_X2 0xd51c4022u  /* msr elr_el2, x2 */
#define EXC 0u                  /* stands for an exception entry */

static el2_cost_model tiny(void)
{
	el2_cost_model m;
	memset(&m, 0, sizeof(m));
	strcpy(m.name, "tiny");
	m.freq_mhz = 1000;
	m.issue_width = 2;
	for (unsigned c = 0; c < EL2_CC__COUNT; c++) {
		m.latency[c] = 1;
		m.throughput[c] = 1;
	}
	m.throughput[EL2_CC_ALU] = 2;
	m.latency[EL2_CC_LOAD] = 4;
	m.exception_entry = 10;
	m.eret = 11;
	m.isb = 12;
	m.dsb = 13;
	m.msr_sync = 14;
	m.sync_regs[0] = EL2_SYS_ENC(3, 4, 1, 1, 0); /* HCR_EL2 */
	m.n_sync_regs = 1;
	return m;
}

/* Runs the words through the estimator; charges[] gets each one's charge;
 * returns the total. */
static double run(const uint32_t *words, size_t n, double *charges)
{
	el2_cost_model m = tiny();
	el2_cost_est e;
	el2_cost_est_init(&e, &m);
	double total = 0;
	for (size_t k = 0; k < n; k++) {
		el2_insn_cost_info i;
		if (words[k] == EXC) {
			memset(&i, 0, sizeof(i));
			i.cls = EL2_CC_EXCEPTION;
		} else {
			el2_cost_classify(words[k], &i);
		}
		double d = el2_cost_est_step(&e, &i);
		if (charges)
			charges[k] = d;
		total += d;
	}
	assert_true(total == e.frontier); /* charges add up to the frontier */
	return total;
}

static void test_load_use_waits_for_the_load_latency(void **state)
{
	(void)state;
	/* ldr issues at 0, done 4 (+4); add needs x5: issues at 4, done 5 (+1). */
	const uint32_t s[] = {LDR_X5_X6, ADD_X7_X5};
	double ch[2];
	assert_true(run(s, 2, ch) == 5);
	assert_true(ch[0] == 4 && ch[1] == 1);
}

static void test_independent_instruction_hides_under_the_load(void **state)
{
	(void)state;
	/* ldr at 0 done 4; add x7, x8 issues at 0.5 (width 2), done 1.5 (+0). */
	const uint32_t s[] = {LDR_X5_X6, ADD_X7_X8};
	double ch[2];
	assert_true(run(s, 2, ch) == 4);
	assert_true(ch[1] == 0);
}

static void test_load_throughput_spaces_independent_loads(void **state)
{
	(void)state;
	/* one load per cycle: issue 0, 1, 2; done 4, 5, 6. */
	const uint32_t s[] = {LDR_X0_X1, LDR_X2_X3, LDR_X4_X5};
	double ch[3];
	assert_true(run(s, 3, ch) == 6);
	assert_true(ch[0] == 4 && ch[1] == 1 && ch[2] == 1);
}

static void test_isb_drains_then_serialises(void **state)
{
	(void)state;
	/* add 0..1 (+1); isb waits for 1, done 13 (+12); add issues at 13,
	 * done 14 (+1). */
	const uint32_t s[] = {ADD_X0_X1, ISB, ADD_X7_X8};
	double ch[3];
	assert_true(run(s, 3, ch) == 14);
	assert_true(ch[1] == 12);
}

static void test_serialising_operation_waits_for_an_outstanding_load(void **state)
{
	(void)state;
	/* ldr done 4; DSB drains to 4, done 17; ERET 17 + 11 = 28; exception
	 * entry 28 + 10 = 38. */
	const uint32_t s[] = {LDR_X0_X1, DSB_SY, ERET, EXC};
	assert_true(run(s, 4, NULL) == 38);
}

static void test_msr_to_a_sync_register_is_serialising_and_others_are_not(void **state)
{
	(void)state;
	/* ldr done 4; msr hcr_el2 drains to 4, done 4 + 14 = 18. */
	const uint32_t a[] = {LDR_X0_X1, MSR_HCR_X2};
	assert_true(run(a, 2, NULL) == 18);
	/* msr elr_el2, x2: x2 ready at 0, issues at 0.5, done 1.5: hidden. */
	const uint32_t b[] = {LDR_X0_X1, MSR_ELR_X2};
	assert_true(run(b, 2, NULL) == 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_use_waits_for_the_load_latency),
		cmocka_unit_test(test_independent_instruction_hides_under_the_load),
		cmocka_unit_test(test_load_throughput_spaces_independent_loads),
		cmocka_unit_test(test_isb_drains_then_serialises),
		cmocka_unit_test(test_serialising_operation_waits_for_an_outstanding_load),
		cmocka_unit_test(test_msr_to_a_sync_register_is_serialising_and_others_are_not),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
