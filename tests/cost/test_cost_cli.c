/* SPDX-License-Identifier: MIT */
/* el2sim bench end to end on the reference world switch (tests/ref):
 * every phase is present and non-empty; the phases follow the world
 * switch's work (docs/bench.md, "Phases"): entry and exit only save (no
 * MSR to a guest or host register), to-guest holds the guest's EL1
 * registers' restore and whole copies of __guest_enter (33 instructions in
 * tests/ref/hyp_entry.S, 15 of its LDPs load the guest's x0-x30), return
 * the host's restore; thresholds and baselines gate the exit status. argv: EL2SIM NVHE_ELF NVHE_PROFILE VHE_ELF VHE_PROFILE */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli_spawn.h"

static const char *el2sim, *nvhe, *nvhe_prof, *vhe, *vhe_prof;

typedef cli_result result;

/* Runs el2sim with the NULL-terminated arguments (300 s at most: a hang
 * fails the test). */
#define run(...) cli_run(el2sim, 300, __VA_ARGS__)

static void result_free(result *r)
{
	cli_result_free(r);
}

__attribute__((noinline)) static void expect_in(const char *text, const char *what,
						const char *where)
{
	if (!strstr(text, what))
		fail_msg("%s lacks '%s'; it is:\n%s", where, what, text);
}

/* CSV columns (el2_cost_write_csv): scenario,row,insns,bytes_loaded,
 * bytes_stored, then the 17 classes in order, then cycles per model. */
enum { COL_INSNS = 2, COL_LOADED = 3, COL_STORED = 4, COL_CLASS0 = 5,
       C_ALU = 0, C_PAIR = 4, C_MRS = 5, C_MSR = 6, C_ERET = 13, C_EXC = 14, N_CLASSES = 17 };

/* The numeric fields of the CSV line for scenario,row; false if none. */
static bool csv_row(const char *csv, const char *scenario, const char *row, double *v,
		    size_t max, size_t *n)
{
	char key[96];
	snprintf(key, sizeof(key), "\n%s,%s,", scenario, row);
	const char *p = strstr(csv, key);
	if (!p)
		return false;
	p += strlen(key);
	*n = 2;
	v[0] = v[1] = 0;
	while (*n < max) {
		char *end;
		v[(*n)++] = strtod(p, &end);
		if (*end != ',')
			break;
		p = end + 1;
	}
	return true;
}

static void check_phases(const char *csv, const char *scenario, const char *what)
{
	static const char *const rows[] = {"entry", "to-guest", "guest", "exit", "return", "total"};
	for (size_t i = 0; i < 6; i++) {
		double v[40] = {0};
		size_t n = 0;
		if (!csv_row(csv, scenario, rows[i], v, 40, &n))
			fail_msg("%s: no row %s/%s in:\n%s", what, scenario, rows[i], csv);
		assert_true(n >= COL_CLASS0 + N_CLASSES + 3);
		if (v[COL_INSNS] <= 0)
			fail_msg("%s: %s/%s has no instructions", what, scenario, rows[i]);
		for (size_t m = COL_CLASS0 + N_CLASSES; m < n; m++)
			if (v[m] <= 0)
				fail_msg("%s: %s/%s: model %zu estimates no cycles", what, scenario,
					 rows[i], m - (COL_CLASS0 + N_CLASSES));
	}
	double tg[40] = {0}, ex[40] = {0}, en[40] = {0};
	size_t n = 0;
	assert_true(csv_row(csv, scenario, "to-guest", tg, 40, &n));
	double erets = tg[COL_CLASS0 + C_ERET];
	assert_true(erets >= 1);
	/* __guest_enter whole (see the comment at the top), after the
	 * restore of the guest's 29 EL1 registers (tests/ref/switch.c) */
	assert_true(tg[COL_INSNS] >= 33 * erets);
	assert_true(tg[COL_CLASS0 + C_PAIR] >= 22 * erets);
	assert_true(tg[COL_CLASS0 + C_MSR] >= (29 + 3) * erets);
	assert_true(csv_row(csv, scenario, "exit", ex, 40, &n));
	assert_true(ex[COL_CLASS0 + C_EXC] >= 1); /* the guest's exception entry */
	assert_true(ex[COL_CLASS0 + C_MRS] >= 29); /* the guest's EL1 registers saved */
	assert_true(csv_row(csv, scenario, "entry", en, 40, &n));
	assert_true(en[COL_CLASS0 + C_MSR] == 0); /* dispatch and the host's save */
	assert_true(en[COL_CLASS0 + C_MRS] >= 29);
	double rt[40] = {0};
	assert_true(csv_row(csv, scenario, "return", rt, 40, &n));
	assert_true(rt[COL_CLASS0 + C_MSR] >= 29); /* the host's EL1 registers */
	assert_true(rt[COL_CLASS0 + C_MRS] == 0);
}

/* Every phase of the hvc trip; entry_exceptions: nVHE's host enters EL2
 * with an HVC (1), VHE's host calls at EL2 (0). */
static void hvc_has_every_phase(const char *elf, const char *prof, const char *flavour,
				double entry_exceptions)
{
	result r = run("bench", elf, "--layout", prof, "--scenario", "hvc", "--runs", "3", "--csv",
		       NULL);
	if (r.code != 0)
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	check_phases(r.out, "hvc", flavour);
	double v[40];
	size_t n;
	assert_true(csv_row(r.out, "hvc", "entry", v, 40, &n));
	assert_true(v[COL_CLASS0 + C_EXC] == entry_exceptions);
	result_free(&r);
}

static void test_nvhe_hvc_has_every_phase(void **state)
{
	(void)state;
	hvc_has_every_phase(nvhe, nvhe_prof, "nvhe", 1);
}

static void test_vhe_hvc_has_every_phase(void **state)
{
	(void)state;
	hvc_has_every_phase(vhe, vhe_prof, "vhe", 0);
}

static void test_max_insns_below_the_count_fails_and_at_it_passes(void **state)
{
	(void)state;
	result r = run("bench", nvhe, "--layout", nvhe_prof, "--scenario", "hvc", "--runs", "0",
		       "--csv", NULL);
	assert_int_equal(r.code, 0);
	double v[40];
	size_t n;
	assert_true(csv_row(r.out, "hvc", "exit", v, 40, &n));
	unsigned exit_insns = (unsigned)v[COL_INSNS];
	result_free(&r);
	char below[64], at[64];
	snprintf(below, sizeof(below), "exit=%u", exit_insns - 1);
	snprintf(at, sizeof(at), "hvc/exit=%u", exit_insns);
	r = run("bench", nvhe, "--layout", nvhe_prof, "--scenario", "hvc", "--runs", "0",
		"--max-insns", below, NULL);
	assert_int_equal(r.code, 1);
	char msg[96];
	snprintf(msg, sizeof(msg), "hvc: phase exit: %u instructions, limit %u", exit_insns,
		 exit_insns - 1);
	expect_in(r.err, msg, "stderr");
	result_free(&r);
	r = run("bench", nvhe, "--layout", nvhe_prof, "--scenario", "hvc", "--runs", "0",
		"--max-insns", at, NULL);
	if (r.code != 0)
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	result_free(&r);
}

/* mkstemp into path (a "...XXXXXX" template), closed. */
static void temp_file(char *path)
{
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
}

/* bench of the nVHE reference's hvc scenario against baseline path. */
static result bench_against(const char *path)
{
	return run("bench", nvhe, "--layout", nvhe_prof, "--scenario", "hvc", "--runs", "0",
		   "--baseline", path, NULL);
}

static void expect_exit(result *r, int code)
{
	if (r->code != code)
		fail_msg("exit %d (expected %d), stderr: %s", r->code, code, r->err);
}

static void test_baseline_saved_then_checked_passes(void **state)
{
	(void)state;
	char path[] = "/tmp/el2sim-bench-baseline-XXXXXX";
	temp_file(path);
	result r = run("bench", nvhe, "--layout", nvhe_prof, "--scenario", "hvc", "--runs", "0",
		       "--save-baseline", path, NULL);
	assert_int_equal(r.code, 0);
	result_free(&r);
	r = bench_against(path);
	expect_exit(&r, 0);
	result_free(&r);
	/* a baseline with a smaller count fails */
	cli_write_file(path, "hvc exit 1\n");
	r = bench_against(path);
	expect_exit(&r, 1);
	expect_in(r.err, "hvc: phase exit grew from 1 to", "stderr");
	result_free(&r);
	unlink(path);
}

/* --baseline also takes an earlier `bench --json` report (read with
 * Jansson): the report of this very object passes; the same report with
 * one row's count lowered fails naming that row; malformed JSON and a
 * document that is not a bench report are bad input (exit 3) that says
 * what is wrong. */
static void test_json_report_as_baseline(void **state)
{
	(void)state;
	char path[] = "/tmp/el2sim-bench-json-baseline-XXXXXX";
	temp_file(path);
	result r = run("bench", nvhe, "--layout", nvhe_prof, "--scenario", "hvc", "--runs", "0",
		       "--json", NULL);
	assert_int_equal(r.code, 0);
	cli_write_file(path, r.out);
	/* the to-guest row: 110 instructions (docs/bench.md's phase rule),
	 * lowered to 100 */
	const char *key = "{\"name\": \"to-guest\", \"insns\": 110,";
	char *row = strstr(r.out, key);
	if (!row)
		fail_msg("no '%s' in:\n%s", key, r.out);
	memcpy(row + strlen(key) - 4, "100", 3);
	char *lowered = strdup(r.out);
	result_free(&r);

	r = bench_against(path);
	expect_exit(&r, 0);
	result_free(&r);

	cli_write_file(path, lowered);
	free(lowered);
	r = bench_against(path);
	expect_exit(&r, 1);
	expect_in(r.err, "hvc: phase to-guest grew from 100 to 110 instructions", "stderr");
	result_free(&r);

	cli_write_file(path, "{\"scenarios\": [{\"name\": \"hvc\", \"rows\": [}\n");
	r = bench_against(path);
	expect_exit(&r, 3);
	expect_in(r.err, "el2sim bench: --baseline: ", "stderr");
	expect_in(r.err, ":1:41: malformed JSON: ", "stderr");
	result_free(&r);

	cli_write_file(path, "{\"scenarios\": [{\"name\": \"hvc\", \"rows\": [{\"name\": \"exit\"}]}]}\n");
	r = bench_against(path);
	expect_exit(&r, 3);
	expect_in(r.err, "not an el2sim bench --json report: scenarios[0].rows[0] has no "
			 "\"insns\" count", "stderr");
	result_free(&r);
	unlink(path);
}

static void test_text_report_all_scenarios_ranges_and_svg(void **state)
{
	(void)state;
	char svg[] = "/tmp/el2sim-bench-svg-XXXXXX";
	int fd = mkstemp(svg);
	assert_true(fd >= 0);
	close(fd);
	result r = run("bench", nvhe, "--layout", nvhe_prof, "--runs", "2", "--range",
		       "vectors=__hyp_vectors", "--svg", svg, "--svg-model", "neoverse-n1", NULL);
	if (r.code != 0)
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	static const char *const sc[] = {"hvc", "mmio", "s2perm", "sysreg", "irq", "unknown_hvc"};
	for (size_t i = 0; i < 6; i++) {
		char key[64];
		snprintf(key, sizeof(key), "scenario %s:", sc[i]);
		expect_in(r.out, key, "stdout");
	}
	expect_in(r.out, "round trips/s", "stdout");
	expect_in(r.out, "\nvectors ", "stdout");
	expect_in(r.out, "neoverse-n1: total", "stdout");
	expect_in(r.out, "HCR_EL2", "stdout");
	result_free(&r);
	char *text = cli_slurp_path(svg);
	expect_in(text, "<svg", "svg");
	expect_in(text, "models: neoverse-n1 (3000 MHz)", "svg");
	free(text);
	unlink(svg);
}

static void test_compare_and_json(void **state)
{
	(void)state;
	result r = run("bench", nvhe, "--layout", nvhe_prof, "--scenario", "hvc", "--runs", "0",
		       "--compare", nvhe, NULL);
	if (r.code != 0)
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	expect_in(r.out, "compare", "stdout");
	/* the same object twice: every delta is zero */
	expect_in(r.out, "total", "stdout");
	if (strstr(r.out, " +1") || strstr(r.out, " -1"))
		fail_msg("nonzero delta comparing an object with itself:\n%s", r.out);
	result_free(&r);
	r = run("bench", vhe, "--layout", vhe_prof, "--scenario", "mmio", "--runs", "0",
		"--model", "cortex-a72", "--json", NULL);
	if (r.code != 0)
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	expect_in(r.out, "\"scenarios\": [{\"name\": \"mmio\"", "stdout");
	expect_in(r.out, "\"models\": [{\"name\": \"cortex-a72\"", "stdout");
	result_free(&r);
}

/* Writes nvhe.profile plus a [bench] section to a new file at path (a
 * mkstemp template; unlink it); *line = the line of the section's key. */
static void profile_with_bench(char *path, const char *bench, unsigned *line)
{
	char *text = cli_slurp_path(nvhe_prof);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *out = fdopen(fd, "w");
	assert_non_null(out);
	*line = 3;
	for (const char *p = text; *p; p++)
		*line += *p == '\n';
	fprintf(out, "%s\n[bench]\n%s\n", text, bench);
	fclose(out);
	free(text);
}

/* [bench] phase.to_guest = __guest_enter makes to-guest exactly the 33
 * instructions of __guest_enter (see the comment at the top); a symbol the
 * object lacks is an error naming the profile and the line. */
static void test_profile_phase_boundary_and_its_errors(void **state)
{
	(void)state;
	char path[] = "/tmp/el2sim-bench-profile-XXXXXX";
	unsigned line;
	profile_with_bench(path, "phase.to_guest = __guest_enter", &line);
	result r = run("bench", nvhe, "--layout", path, "--scenario", "hvc", "--runs", "0", "--csv",
		       NULL);
	if (r.code != 0)
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	double v[40];
	size_t n;
	assert_true(csv_row(r.out, "hvc", "to-guest", v, 40, &n));
	assert_true(v[COL_INSNS] == 33);
	assert_true(v[COL_CLASS0 + C_MSR] == 3);
	result_free(&r);
	unlink(path);
	char path2[] = "/tmp/el2sim-bench-profile-XXXXXX";
	profile_with_bench(path2, "phase.to_guest = no_such_symbol+4", &line);
	r = run("bench", nvhe, "--layout", path2, "--scenario", "hvc", "--runs", "0", NULL);
	assert_int_equal(r.code, 3);
	char want[160];
	snprintf(want, sizeof(want), "%s: line %u: [bench] phase.to_guest: ", path2, line);
	expect_in(r.err, want, "stderr");
	expect_in(r.err, "no_such_symbol", "stderr");
	result_free(&r);
	unlink(path2);
}

static void test_bad_input_and_usage(void **state)
{
	(void)state;
	result r = run("bench", "--help", NULL);
	assert_int_equal(r.code, 0);
	expect_in(r.out, "examples:", "stdout");
	result_free(&r);
	r = run("bench", nvhe, "--layout", nvhe_prof, "--model", "cortex-z9", NULL);
	assert_int_equal(r.code, 3);
	expect_in(r.err, "no model 'cortex-z9'", "stderr");
	result_free(&r);
	r = run("bench", nvhe, "--scenario", "warp", NULL);
	assert_int_equal(r.code, 2);
	result_free(&r);
	r = run("bench", nvhe, "--layout", nvhe_prof, "--max-insns", "exit", NULL);
	assert_int_equal(r.code, 2);
	result_free(&r);
	r = run("bench", nvhe, "--layout", nvhe_prof, "--runs", "0", "--range", "x=nosuchsym", NULL);
	assert_int_equal(r.code, 2);
	expect_in(r.err, "nosuchsym", "stderr");
	result_free(&r);
	r = run("bench", "/nonexistent.elf", NULL);
	assert_int_equal(r.code, 3);
	result_free(&r);
	r = run("bench", nvhe, "--json", "--csv", NULL);
	assert_int_equal(r.code, 2);
	result_free(&r);
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: %s EL2SIM NVHE_ELF NVHE_PROFILE VHE_ELF VHE_PROFILE\n", argv[0]);
		return 2;
	}
	el2sim = argv[1];
	nvhe = argv[2];
	nvhe_prof = argv[3];
	vhe = argv[4];
	vhe_prof = argv[5];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nvhe_hvc_has_every_phase),
		cmocka_unit_test(test_vhe_hvc_has_every_phase),
		cmocka_unit_test(test_max_insns_below_the_count_fails_and_at_it_passes),
		cmocka_unit_test(test_baseline_saved_then_checked_passes),
		cmocka_unit_test(test_json_report_as_baseline),
		cmocka_unit_test(test_text_report_all_scenarios_ranges_and_svg),
		cmocka_unit_test(test_compare_and_json),
		cmocka_unit_test(test_bad_input_and_usage),
		cmocka_unit_test(test_profile_phase_boundary_and_its_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
