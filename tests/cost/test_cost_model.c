/* SPDX-License-Identifier: MIT */
/* Cost model files: the bundled models load and carry the figures their
 * lines cite; the parser rejects every kind of bad line with its number. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "el2sim/cost.h"
#include "el2sim/sysreg.h"

/* A complete, valid model; tests replace or append lines. */
static const char *const valid_lines[] = {
	"name tiny",
	"freq_mhz 1000 # source: test",
	"issue_width 2 # source: test",
	"class alu 1 2 # source: test",
	"class branch 1 1 # source: test",
	"class load 4 1 # source: test",
	"class store 1 1 # source: test",
	"class ldst_pair 4 1 # source: test",
	"class mrs 1 1 # estimate: test",
	"class msr 1 1 # estimate: test",
	"class msr_imm 1 1 # estimate: test",
	"class dsb_dmb 4 1 # estimate: test",
	"class tlbi 1 1 # estimate: test",
	"class at 4 1 # estimate: test",
	"class dc_ic 1 1 # estimate: test",
	"class fp 3 2 # source: test",
	"class other 1 1 # estimate: test",
	"exception_entry 10 # estimate: test",
	"eret 11 # estimate: test",
	"isb 12 # estimate: test",
	"dsb 13 # estimate: test",
	"msr_sync 14 # estimate: test",
	"sync_regs hcr_el2 vttbr_el2",
};
#define N_VALID (sizeof(valid_lines) / sizeof(valid_lines[0]))

/* The valid model with line `skip` (1-based; 0 = none) left out and
 * `extra` appended. */
static void build(char *buf, size_t len, size_t skip, const char *extra)
{
	buf[0] = '\0';
	for (size_t i = 0; i < N_VALID; i++)
		if (i + 1 != skip)
			snprintf(buf + strlen(buf), len - strlen(buf), "%s\n", valid_lines[i]);
	if (extra)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s\n", extra);
}

static void test_valid_model_parses_with_its_values(void **state)
{
	(void)state;
	char buf[4096], err[256] = "";
	el2_cost_model m;
	build(buf, sizeof(buf), 0, NULL);
	assert_int_equal(el2_cost_model_parse(buf, strlen(buf), &m, err, sizeof(err)), EL2_OK);
	assert_string_equal(m.name, "tiny");
	assert_true(m.freq_mhz == 1000 && m.issue_width == 2);
	assert_true(m.latency[EL2_CC_LOAD] == 4 && m.throughput[EL2_CC_LOAD] == 1);
	assert_true(m.latency[EL2_CC_FP] == 3 && m.throughput[EL2_CC_FP] == 2);
	assert_true(m.exception_entry == 10 && m.eret == 11 && m.isb == 12 && m.dsb == 13 &&
		    m.msr_sync == 14);
	assert_int_equal(m.n_sync_regs, 2);
	assert_int_equal(m.sync_regs[0], EL2_SYS_ENC(3, 4, 1, 1, 0)); /* HCR_EL2 */
}

typedef struct bad_case {
	size_t skip;
	const char *extra;
	const char *message; /* must appear in the error */
} bad_case;

static void test_bad_lines_are_rejected_with_their_line_number(void **state)
{
	(void)state;
	const bad_case cases[] = {
		{2, "freq_mhz 1000", "line 23: 'freq_mhz' needs its source"},
		{2, "freq_mhz 1000 # see elsewhere", "needs its source"},
		{2, "freq_mhz 1000 # source:", "needs its source"},
		{0, "frobnicate 3 # source: x", "line 24: unknown key 'frobnicate'"},
		{0, "class alu 1 2 # source: x", "line 24: class 'alu' given twice"},
		{0, "class isb 1 1 # source: x", "serialising"},
		{0, "class warp 1 1 # source: x", "unknown class 'warp'"},
		{4, "class alu 1 0 # source: x", "throughput '0'"},
		{4, "class alu -1 2 # source: x", "latency '-1'"},
		{4, "class alu 1 # source: x", "expected 'class NAME LATENCY THROUGHPUT'"},
		{3, "issue_width 0 # source: x", "issue_width NUMBER"},
		{2, "freq_mhz 1e999 # source: x", "freq_mhz NUMBER"},
		{2, "freq_mhz abc # source: x", "freq_mhz NUMBER"},
		{0, "eret 3 # source: x", "'eret' given twice"},
		{0, "name other", "'name' given twice"},
		{23, "sync_regs hcr_el2 nosuchreg", "unknown system register 'nosuchreg'"},
		{4, NULL, "missing 'class alu'"},
		{18, NULL, "missing 'exception_entry'"},
		{1, NULL, "missing 'name'"},
	};
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		char buf[4096], err[256] = "";
		el2_cost_model m;
		build(buf, sizeof(buf), cases[k].skip, cases[k].extra);
		el2_err e = el2_cost_model_parse(buf, strlen(buf), &m, err, sizeof(err));
		if (e != EL2_ERR_INVALID_ARG || !strstr(err, cases[k].message))
			fail_msg("case %zu (%s): error %d '%s', expected '%s'", k,
				 cases[k].extra ? cases[k].extra : "-", e, err, cases[k].message);
	}
}

static void test_long_lines_and_nul_bytes_are_errors(void **state)
{
	(void)state;
	char big[2100], err[256] = "";
	el2_cost_model m;
	memset(big, 'x', sizeof(big));
	assert_int_equal(el2_cost_model_parse(big, sizeof(big), &m, err, sizeof(err)),
			 EL2_ERR_INVALID_ARG);
	assert_non_null(strstr(err, "line 1: longer than"));
	const char nul[] = "name a\0b\n";
	assert_int_equal(el2_cost_model_parse(nul, sizeof(nul) - 1, &m, err, sizeof(err)),
			 EL2_ERR_INVALID_ARG);
	assert_non_null(strstr(err, "NUL"));
}

static void test_bundled_models_load_by_name(void **state)
{
	(void)state;
	/* Figures from the optimization guides the model files cite
	 * (docs/bench.md has the table): load-to-use latency 4 on all three;
	 * integer ALU throughput 2 (A57/A72: I0, I1) and 3 (N1: S0, S1, M). */
	const struct { const char *name; double alu_tp; double fp_lat; } want[] = {
		{"cortex-a57", 2, 3}, {"cortex-a72", 2, 3}, {"neoverse-n1", 3, 2},
	};
	for (size_t k = 0; k < 3; k++) {
		char err[512] = "";
		el2_cost_model m;
		assert_string_equal(el2_cost_model_bundled(k), want[k].name);
		el2_err e = el2_cost_model_load(want[k].name, &m, err, sizeof(err));
		if (e)
			fail_msg("%s: %s", want[k].name, err);
		assert_string_equal(m.name, want[k].name);
		assert_true(m.latency[EL2_CC_LOAD] == 4);
		assert_true(m.throughput[EL2_CC_ALU] == want[k].alu_tp);
		assert_true(m.latency[EL2_CC_FP] == want[k].fp_lat);
	}
	assert_null(el2_cost_model_bundled(3));
}

static void test_unknown_model_name_and_bad_path_are_errors(void **state)
{
	(void)state;
	char err[512] = "";
	el2_cost_model m;
	assert_int_equal(el2_cost_model_load("cortex-z99", &m, err, sizeof(err)),
			 EL2_ERR_NOT_FOUND);
	assert_non_null(strstr(err, "no model 'cortex-z99'"));
	assert_int_equal(el2_cost_model_load("/nonexistent/x.model", &m, err, sizeof(err)),
			 EL2_ERR_IO);
	assert_non_null(strstr(err, "/nonexistent/x.model"));
	assert_int_equal(el2_cost_model_load("a;b", &m, err, sizeof(err)), EL2_ERR_INVALID_ARG);
}

/* The bundled A72 model repeats the A57's numbers (docs/bench.md): same
 * cycles, so the SVG draws one of them; N1's differ; one changed
 * latency makes a model its own. */
static void test_same_cycles_compares_the_numbers_not_the_clock(void **state)
{
	(void)state;
	el2_cost_model a57, a72, n1;
	char err[512] = "";
	assert_int_equal(el2_cost_model_load("cortex-a57", &a57, err, sizeof(err)), EL2_OK);
	assert_int_equal(el2_cost_model_load("cortex-a72", &a72, err, sizeof(err)), EL2_OK);
	assert_int_equal(el2_cost_model_load("neoverse-n1", &n1, err, sizeof(err)), EL2_OK);
	assert_true(a57.freq_mhz != a72.freq_mhz);
	assert_true(el2_cost_model_same_cycles(&a57, &a72));
	assert_false(el2_cost_model_same_cycles(&a57, &n1));
	a72.latency[EL2_CC_LOAD] += 1;
	assert_false(el2_cost_model_same_cycles(&a57, &a72));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_cycles_compares_the_numbers_not_the_clock),
		cmocka_unit_test(test_valid_model_parses_with_its_values),
		cmocka_unit_test(test_bad_lines_are_rejected_with_their_line_number),
		cmocka_unit_test(test_long_lines_and_nul_bytes_are_errors),
		cmocka_unit_test(test_bundled_models_load_by_name),
		cmocka_unit_test(test_unknown_model_name_and_bad_path_are_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
