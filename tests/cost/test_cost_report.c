/* SPDX-License-Identifier: MIT */
/* Reports, thresholds, baselines and comparison on hand-made results:
 * scenario "hvc" with entry 10, to-guest 5, guest 3, exit 7, return 8
 * instructions (total 30 = all but guest). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "el2sim/cost.h"

static el2_cost_model model;

static el2_cost_result *make(uint64_t exit_insns)
{
	el2_cost_result *r = calloc(1, sizeof(*r));
	assert_non_null(r);
	strcpy(r->scenario, "hvc");
	const uint64_t n[EL2_PHASE__COUNT] = {10, 5, 3, exit_insns, 8};
	for (unsigned p = 0; p < EL2_PHASE__COUNT; p++) {
		strcpy(r->rows[p].name, el2_cost_phase_name(p));
		r->rows[p].insns = n[p];
		r->rows[p].by_class[EL2_CC_ALU] = n[p];
		r->rows[p].cycles[0] = (double)n[p] * 2;
		r->rows[p].class_cycles[0][EL2_CC_ALU] = (double)n[p] * 2;
		if (p != EL2_PHASE_GUEST) {
			r->rows[EL2_COST_ROW_TOTAL].insns += n[p];
			r->rows[EL2_COST_ROW_TOTAL].cycles[0] += (double)n[p] * 2;
		}
	}
	strcpy(r->rows[EL2_COST_ROW_TOTAL].name, "total");
	r->n_rows = EL2_PHASE__COUNT + 1;
	return r;
}

static el2_cost_report report(const el2_cost_result *r, const char *obj)
{
	strcpy(model.name, "m1");
	model.freq_mhz = 1000;
	return (el2_cost_report){.models = &model, .n_models = 1, .results = r, .n_results = 1,
				 .object = obj};
}

static char *capture(void (*fn)(const el2_cost_report *, FILE *), const el2_cost_report *rep)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	fn(rep, f);
	fclose(f);
	return buf;
}

static void test_limit_parse_accepts_phase_and_scenario_forms(void **state)
{
	(void)state;
	el2_cost_limit l;
	char err[128];
	assert_true(el2_cost_limit_parse("exit=50", &l, err, sizeof(err)));
	assert_string_equal(l.scenario, "");
	assert_string_equal(l.row, "exit");
	assert_int_equal(l.max_insns, 50);
	assert_true(el2_cost_limit_parse("mmio/total=400", &l, err, sizeof(err)));
	assert_string_equal(l.scenario, "mmio");
	assert_string_equal(l.row, "total");
	const char *bad[] = {"exit", "=5", "exit=", "exit=-1", "exit=5x", "/exit=5", "exit=99999999999999999999"};
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		if (el2_cost_limit_parse(bad[k], &l, err, sizeof(err)))
			fail_msg("'%s' accepted", bad[k]);
}

static void test_limits_fail_only_when_a_phase_exceeds_them(void **state)
{
	(void)state;
	el2_cost_result *r = make(7);
	el2_cost_report rep = report(r, "a.elf");
	el2_cost_limit l[3];
	char err[128], *buf = NULL;
	size_t len = 0;
	assert_true(el2_cost_limit_parse("exit=7", &l[0], err, sizeof(err)));
	assert_true(el2_cost_limit_parse("hvc/total=30", &l[1], err, sizeof(err)));
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(el2_cost_check_limits(&rep, l, 2, f), 0); /* equal is fine */
	assert_true(el2_cost_limit_parse("exit=6", &l[0], err, sizeof(err)));
	assert_true(el2_cost_limit_parse("nosuchphase=6", &l[2], err, sizeof(err)));
	assert_int_equal(el2_cost_check_limits(&rep, l, 3, f), 2);
	fclose(f);
	assert_non_null(strstr(buf, "hvc: phase exit: 7 instructions, limit 6"));
	assert_non_null(strstr(buf, "nosuchphase"));
	free(buf);
	free(r);
}

static void test_baseline_round_trip_catches_growth(void **state)
{
	(void)state;
	char path[] = "/tmp/el2sim-baseline-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	el2_cost_result *a = make(7), *b = make(9);
	el2_cost_report ra = report(a, "a.elf"), rb = report(b, "b.elf");
	char err[256] = "", *buf = NULL;
	size_t len = 0, bad = 99;
	assert_int_equal(el2_cost_save_baseline(&ra, path, err, sizeof(err)), EL2_OK);
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(el2_cost_check_baseline(&ra, path, f, &bad, err, sizeof(err)), EL2_OK);
	assert_int_equal(bad, 0);
	/* exit 7 -> 9, so total 30 -> 32 */
	assert_int_equal(el2_cost_check_baseline(&rb, path, f, &bad, err, sizeof(err)), EL2_OK);
	assert_int_equal(bad, 2);
	fclose(f);
	assert_non_null(strstr(buf, "hvc: phase exit grew from 7 to 9 instructions"));
	assert_non_null(strstr(buf, "hvc: phase total grew from 30 to 32 instructions"));
	free(buf);
	/* a malformed baseline names its line */
	FILE *w = fopen(path, "w");
	fputs("# ok\nhvc exit 7\nhvc exit\n", w);
	fclose(w);
	assert_int_equal(el2_cost_check_baseline(&ra, path, stderr, &bad, err, sizeof(err)),
			 EL2_ERR_INVALID_ARG);
	assert_non_null(strstr(err, ":3:"));
	unlink(path);
	assert_int_equal(el2_cost_check_baseline(&ra, path, stderr, &bad, err, sizeof(err)),
			 EL2_ERR_IO);
	free(a);
	free(b);
}

static void test_compare_shows_per_phase_deltas(void **state)
{
	(void)state;
	el2_cost_result *a = make(7), *b = make(9);
	el2_cost_report ra = report(a, "a.elf"), rb = report(b, "b.elf");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	el2_cost_write_compare(&ra, &rb, f);
	fclose(f);
	/* exit: 7 -> 9 instructions (+2), 14 -> 18 cycles (+4); columns
	 * "%-10s %5u -> %-5u %+5d" and " %7.0f -> %-7.0f %+6.0f" */
	assert_non_null(strstr(buf, "exit           7 -> 9        +2"));
	assert_non_null(strstr(buf, "14 -> 18          +4"));
	assert_non_null(strstr(buf, "entry         10 -> 10       +0"));
	free(buf);
	free(a);
	free(b);
}

static void test_text_json_csv_and_svg_carry_the_rows(void **state)
{
	(void)state;
	el2_cost_result *r = make(7);
	el2_cost_report rep = report(r, "a.elf");
	char *t = capture(el2_cost_write_text, &rep);
	assert_non_null(strstr(t, "scenario hvc"));
	assert_non_null(strstr(t, "total"));
	assert_non_null(strstr(t, "m1: total 60 cycles = 60 ns at 1000 MHz"));
	free(t);
	char *j = NULL;
	size_t jlen = 0;
	FILE *jf = open_memstream(&j, &jlen);
	assert_non_null(jf);
	assert_int_equal(el2_cost_write_json(&rep, jf), EL2_OK);
	fclose(jf);
	assert_non_null(strstr(j, "{\"name\": \"exit\", \"insns\": 7,"));
	assert_non_null(strstr(j, "\"cycles\": {\"m1\": 14.0}"));
	free(j);
	char *c = capture(el2_cost_write_csv, &rep);
	assert_non_null(strstr(c, "scenario,row,insns,bytes_loaded,bytes_stored,alu,"));
	assert_non_null(strstr(c, "\nhvc,exit,7,0,0,7,"));
	size_t lines = 0;
	for (const char *p = c; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 1 + EL2_PHASE__COUNT + 1);
	free(c);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	el2_cost_write_svg(&rep, NULL, 0, f);
	fclose(f);
	assert_non_null(strstr(buf, "<svg"));
	assert_non_null(strstr(buf, "models: m1 (1000 MHz)"));
	assert_non_null(strstr(buf, "cycles (estimated)"));
	assert_non_null(strstr(buf, "<title>exit, alu: 14.0 cycles</title>"));
	assert_non_null(strstr(buf, ">14</text>")); /* the value on the exit bar */
	/* the legend: the one class drawn */
	assert_non_null(strstr(buf, "class=\"legend-entry\" x=\""));
	assert_non_null(strstr(buf, ">alu</text>"));
	assert_null(strstr(buf, ">dsb_dmb</text>"));
	assert_non_null(strstr(buf, "</svg>"));
	free(buf);
	/* names are XML text: escaped, and control characters (which XML 1.0
	 * cannot carry) dropped */
	strcpy(r->scenario, "a<b&\x01" "c");
	buf = NULL;
	f = open_memstream(&buf, &len);
	el2_cost_write_svg(&rep, NULL, 0, f);
	fclose(f);
	assert_non_null(strstr(buf, "a&lt;b&amp;c: estimated cycles per phase"));
	free(buf);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limit_parse_accepts_phase_and_scenario_forms),
		cmocka_unit_test(test_limits_fail_only_when_a_phase_exceeds_them),
		cmocka_unit_test(test_baseline_round_trip_catches_growth),
		cmocka_unit_test(test_compare_shows_per_phase_deltas),
		cmocka_unit_test(test_text_json_csv_and_svg_carry_the_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
