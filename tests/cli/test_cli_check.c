/* SPDX-License-Identifier: MIT */
/* End-to-end tests of `el2sim check`'s replay and trace options on the
 * reference world switch (tests/ref): the replay line of a seeded bug's
 * finding runs that one round trip and shows the same finding; --trace
 * writes the trip in `el2sim trace`'s format from the host stub on; a
 * bad --scenario or --run is a usage error; a trip that never returns is
 * one finding; profile errors name the file and line. argv: el2sim=PATH
 * and name=path of the built objects and profiles (nvhe.profile=, nvhe=,
 * nvhe-bug-guest-gpr=, ...). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli_spawn.h"

static int g_argc;
static char **g_argv;

static const char *need(const char *key)
{
	const char *v = cli_arg(g_argc, g_argv, key);
	if (!v)
		skip();
	return v;
}

#define el2sim() need("el2sim")
#define run(...) cli_run(el2sim(), 120, __VA_ARGS__)

/* The first line of text that starts with prefix (after blanks), without
 * the prefix; NULL if none. The caller frees it. */
static char *line_after(const char *text, const char *prefix)
{
	for (const char *p = text; p && *p;) {
		const char *s = p;
		while (*s == ' ')
			s++;
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - s) : strlen(s);
		if (!strncmp(s, prefix, strlen(prefix)) && n >= strlen(prefix))
			return strndup(s + strlen(prefix), n - strlen(prefix));
		p = eol ? eol + 1 : NULL;
	}
	return NULL;
}

/* Runs a replay command line (plain words: the test's paths have no
 * blanks) with the built el2sim in place of "el2sim". */
static cli_result run_line(char *line)
{
	char *argv[CLI_MAX_ARGS];
	int n = 0;
	for (char *w = strtok(line, " "); w && n < CLI_MAX_ARGS - 1; w = strtok(NULL, " "))
		argv[n++] = w;
	argv[n] = NULL;
	assert_true(n > 2);
	assert_string_equal(argv[0], "el2sim");
	argv[0] = (char *)el2sim();
	return cli_spawn(argv, 120);
}

/* The replay line of the guest-gpr variant's finding reproduces it: the
 * same finding header and values, in one round trip. */
static void test_replay_line_reproduces_the_finding(void **state)
{
	(void)state;
	const char *obj = need("nvhe-bug-guest-gpr"), *prof = need("nvhe.profile");
	cli_result r = run("check", obj, "--layout", prof, "--seed", "5", "--no-writer", NULL);
	assert_int_equal(r.code, 1);
	char *head = line_after(r.out, "property 3 (guest exit completeness): x7 at guest exit [");
	char *found = line_after(r.out, "found    ");
	char *replay = line_after(r.out, "replay: ");
	assert_non_null(head);
	assert_non_null(found);
	assert_non_null(replay);
	cli_expect_in(replay, "--seed 0x5 --scenario ", "replay line");
	cli_expect_in(replay, " --layout ", "replay line");

	char *copy = strdup(replay);
	cli_result again = run_line(copy);
	assert_int_equal(again.code, 1);
	cli_expect_in(again.out, "1 runs, 1 round trips", "replayed check");
	/* the same scenario and run, seen once */
	char *head2 = line_after(again.out,
				 "property 3 (guest exit completeness): x7 at guest exit [");
	assert_non_null(head2);
	size_t keep = strcspn(head, ";");
	assert_int_equal(strncmp(head, head2, keep), 0);
	char *found2 = line_after(again.out, "found    ");
	assert_string_equal(found, found2);
	char *replay2 = line_after(again.out, "replay: ");
	assert_string_equal(replay, replay2);
	free(head);
	free(head2);
	free(found);
	free(found2);
	free(replay);
	free(replay2);
	free(copy);
	cli_result_free(&again);

	/* JSON carries the same command */
	cli_result j = run("check", obj, "--layout", prof, "--seed", "5", "--no-writer", "--json",
			   NULL);
	assert_int_equal(j.code, 1);
	cli_expect_in(j.out, "\"replay\":\"el2sim check ", "JSON report");
	cli_result_free(&j);
	cli_result_free(&r);
}

/* --trace with --scenario/--run: the trip's instruction lines, from the
 * host stub's HVC to the stop back in the host stub; without them, the
 * first failing trip's. */
static void test_trace_writes_the_round_trip(void **state)
{
	(void)state;
	const char *obj = need("nvhe-bug-guest-gpr"), *prof = need("nvhe.profile");
	char path[] = "/tmp/el2sim-trace-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	cli_result r = run("check", obj, "--layout", prof, "--scenario", "irq", "--run", "1",
			   "--trace", path, NULL);
	assert_int_equal(r.code, 1);
	cli_expect_in(r.err, "traced round trip irq, run 1:", "stderr");
	char *t = cli_slurp_path(path);
	assert_true(strlen(t) > 1000);
	/* first line: instruction 0, in the host stub, at EL1 (nVHE host) */
	size_t first = strcspn(t, "\n");
	char *line0 = strndup(t, first);
	cli_expect_in(line0, "el2sim host stub+0x0", "first trace line");
	cli_expect_in(line0, "EL1  hvc #0", "first trace line");
	assert_int_equal(strncmp(line0, "       0  ", 10), 0);
	cli_expect_in(t, "! exception IRQ EL1 -> EL2", "trace");
	cli_expect_in(t, "el2sim guest stub+", "trace");
	cli_expect_in(t, "-- stop: address at ", "trace");
	free(line0);
	free(t);
	cli_result_free(&r);

	r = run("check", obj, "--layout", prof, "--trace", path, NULL);
	assert_int_equal(r.code, 1);
	cli_expect_in(r.err, "traced round trip hvc, run 0:", "stderr (first failing trip)");
	t = cli_slurp_path(path);
	cli_expect_in(t, "__guest_exit", "trace");
	free(t);
	cli_result_free(&r);
	remove(path);
}

/* Bad selectors are usage errors (exit status 2, nothing on stdout). */
static void test_bad_scenario_or_run_is_a_usage_error(void **state)
{
	(void)state;
	const char *obj = need("nvhe"), *prof = need("nvhe.profile");
	cli_result r = run("check", obj, "--layout", prof, "--scenario", "nope", NULL);
	assert_int_equal(r.code, 2);
	assert_string_equal(r.out, "");
	cli_expect_in(r.err, "--scenario nope: expected hvc, mmio", "stderr");
	/* the list is the library's: every scenario, the last one too */
	cli_expect_in(r.err, ", host_call, vserror (type1: resume or switch)", "stderr");
	cli_result_free(&r);
	r = run("bench", obj, "--scenario", "nope", NULL);
	assert_int_equal(r.code, 2);
	cli_expect_in(r.err, "--scenario nope: expected hvc, mmio, s2perm, sysreg, irq, "
		      "unknown_hvc, guest_hvc, irq_entry, serror_entry, serror_exit, host_call, "
		      "vserror", "stderr");
	cli_result_free(&r);
	r = run("check", obj, "--layout", prof, "--run", "x", NULL);
	assert_int_equal(r.code, 2);
	cli_expect_in(r.err, "--run x: expected a run number", "stderr");
	cli_result_free(&r);
	/* the reference passes any one trip */
	r = run("check", obj, "--layout", prof, "--scenario", "mmio", "--run", "3", NULL);
	assert_int_equal(r.code, 0);
	cli_expect_in(r.out, "1 runs, 1 round trips", "stdout");
	cli_expect_in(r.out, "scenarios: mmio\n", "stdout");
	cli_result_free(&r);
}

/* The exit path spins in __hyp_panic: one finding that says so, with the
 * follow-on findings counted. */
static void test_never_returning_trip_is_one_finding(void **state)
{
	(void)state;
	const char *obj = need("nvhe-bug-exit-panic"), *prof = need("nvhe.profile");
	cli_result r = run("check", obj, "--layout", prof, NULL);
	assert_int_equal(r.code, 1);
	cli_expect_in(r.out, "\n1 finding:\n", "stdout");
	/* [world] panic names where the panic started */
	cli_expect_in(r.out, "EL2 panic: reached __hyp_panic+0x0 ([world] panic) from __guest_exit+0x",
		      "stdout");
	cli_expect_in(r.out, "HCR_EL2 0x", "stdout");
	cli_expect_in(r.out, "follow-on finding", "stdout");
	cli_expect_not_in(r.out, "property 3", "stdout");
	cli_result_free(&r);
}

/* __guest_exit+0x78 "str xzr, [x2, #0xc00]" clears a hyp-private word no
 * property reads: its mutants run and survive (not "not covered"). Split
 * into two shards, each checked by two workers, mutate-merge gives the
 * unsharded report byte for byte. */
static void test_mutate_survivor_shards_and_merge(void **state)
{
	(void)state;
	const char *obj = need("nvhe"), *prof = need("nvhe.profile");
	const char *word[] = {"mutate", obj, "--layout", prof, "--symbol", "__guest_exit+0x78",
			      "--runs", "0"};
#define MUTATE(...) run(word[0], word[1], word[2], word[3], word[4], word[5], word[6], \
			word[7], __VA_ARGS__)
	cli_result whole = MUTATE("--json", "-j", "1", NULL);
	assert_int_equal(whole.code, 0);
	cli_expect_in(whole.out, "\"status\":\"survived\"", "stdout");
	cli_expect_not_in(whole.out, "not covered", "stdout");
	cli_result s1 = MUTATE("--json", "--shard", "1/2", "--jobs", "2", NULL);
	cli_result s2 = MUTATE("--json", "--shard", "2/2", NULL);
	assert_int_equal(s1.code, 0);
	assert_int_equal(s2.code, 0);
	char p1[] = "/tmp/el2sim-shard1-XXXXXX", p2[] = "/tmp/el2sim-shard2-XXXXXX";
	close(mkstemp(p1));
	close(mkstemp(p2));
	cli_write_file(p1, s1.out);
	cli_write_file(p2, s2.out);
	cli_result m = run("mutate-merge", p2, p1, "--json", NULL);
	assert_int_equal(m.code, 0);
	assert_string_equal(m.out, whole.out);
	cli_result t = run("mutate-merge", p1, "--min-score", "100", NULL);
	assert_int_equal(t.code, 3);
	cli_expect_in(t.err, "shard 2/2 is missing", "stderr");
	cli_result bad = MUTATE("--shard", "3/2", NULL);
	assert_int_equal(bad.code, 2);
	cli_expect_in(bad.err, "--shard 3/2: expected K/N", "stderr");
#undef MUTATE
	unlink(p1);
	unlink(p2);
	cli_result *all[] = {&whole, &s1, &s2, &m, &t, &bad};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		cli_result_free(all[i]);
}

/* --junit: a path that cannot be written fails before the check runs
 * (nothing on stdout); bad input still writes a JUnit file, with an
 * error testcase; a check's JUnit carries its time. */
static void test_junit_paths_errors_and_time(void **state)
{
	(void)state;
	const char *obj = need("nvhe"), *prof = need("nvhe.profile");
	cli_result r = run("check", obj, "--layout", prof, "--junit", "/nonexistent/dir/x.xml",
			   NULL);
	assert_int_equal(r.code, 3);
	assert_string_equal(r.out, "");
	cli_expect_in(r.err, "cannot write '/nonexistent/dir/x.xml'", "stderr");
	cli_result_free(&r);

	char xml[] = "/tmp/el2sim-junit-XXXXXX";
	close(mkstemp(xml));
	r = run("check", obj, "--layout", "/nonexistent.profile", "--junit", xml, NULL);
	assert_int_equal(r.code, 3);
	char *j = cli_slurp_path(xml);
	cli_expect_in(j, "errors=\"1\"", "junit");
	cli_expect_in(j, "<error message=\"", "junit");
	cli_expect_in(j, "/nonexistent.profile", "junit");
	free(j);
	cli_result_free(&r);

	r = run("check", obj, "--layout", prof, "--runs", "0", "--junit", xml, NULL);
	assert_int_equal(r.code, 0);
	j = cli_slurp_path(xml);
	cli_expect_in(j, "<testsuite name=", "junit");
	cli_expect_in(j, "errors=\"0\" time=\"", "junit");
	free(j);
	cli_result_free(&r);
	unlink(xml);
}

/* --symbol naming no entry_asm range is a bad command line (exit 2). */
/* A report file that cannot be written (--sarif of mutate, --svg of
 * bench) fails with exit status 3 and says why. */
static void test_report_files_that_cannot_be_written(void **state)
{
	(void)state;
	const char *obj = need("nvhe"), *prof = need("nvhe.profile");
	cli_result r = run("mutate", obj, "--layout", prof, "--max-mutants", "1", "--sarif",
			   "/nonexistent/dir/x.sarif", NULL);
	assert_int_equal(r.code, 3);
	cli_expect_in(r.err, "el2sim mutate: cannot write '/nonexistent/dir/x.sarif': No such file",
		      "stderr");
	cli_result_free(&r);
	r = run("bench", obj, "--layout", prof, "--scenario", "hvc", "--runs", "0", "--svg",
		"/nonexistent/dir/x.svg", NULL);
	assert_int_equal(r.code, 3);
	cli_expect_in(r.err, "el2sim bench: cannot write '/nonexistent/dir/x.svg': No such file",
		      "stderr");
	cli_result_free(&r);
}

static void test_mutate_unknown_symbol_is_a_usage_error(void **state)
{
	(void)state;
	cli_result r = run("mutate", need("nvhe"), "--layout", need("nvhe.profile"), "--symbol",
			   "nosuch", NULL);
	assert_int_equal(r.code, 2);
	cli_expect_in(r.err, "'nosuch' is not one of the profile's entry_asm symbols", "stderr");
	cli_result_free(&r);
}

/* A baseline row naming no scenario, or no row of a measured scenario, is
 * an error naming the file and line (a typo must not pass silently); a
 * scenario this run left out is not. bench names a bad object once. */
static void test_bench_baseline_typos_and_object_errors(void **state)
{
	(void)state;
	const char *obj = need("nvhe"), *prof = need("nvhe.profile");
	static const struct {
		const char *text, *says;
		int code;
	} cases[] = {
		{"hvc entyr 10\n", ":1: scenario hvc has no row 'entyr'", 3},
		{"# counts\nhcv entry 10\n", ":2: no scenario 'hcv'", 3},
		{"mmio entry 10\n", NULL, 0},
	};
	char path[] = "/tmp/el2sim-baseline-XXXXXX";
	close(mkstemp(path));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cli_write_file(path, cases[i].text);
		cli_result r = run("bench", obj, "--layout", prof, "--scenario", "hvc", "--baseline",
				   path, NULL);
		assert_int_equal(r.code, cases[i].code);
		if (cases[i].says)
			cli_expect_in(r.err, cases[i].says, "stderr");
		cli_result_free(&r);
	}
	unlink(path);
	cli_result r = run("bench", prof, NULL);
	assert_int_equal(r.code, 3);
	char want[512];
	snprintf(want, sizeof(want), "el2sim bench: %s: not an ELF file", prof);
	cli_expect_in(r.err, want, "stderr");
	cli_result_free(&r);
}

/* Profile errors end the check with exit 3 and name the file and line: a
 * syntax error and a [cpu] the model refuses say where to read about it;
 * a symbol the object lacks gets the closest one. */
static void test_profile_errors_name_file_and_line(void **state)
{
	(void)state;
	const char *obj = need("nvhe"), *prof = need("nvhe.profile");
	char path[] = "/tmp/el2sim-profile-XXXXXX", want[600];
	close(mkstemp(path));
	static const struct {
		const char *text, *says;
	} cases[] = {
		{"[world]\nmode = nvh\n",
		 "line 2: mode: 'nvh' is neither nvhe, vhe nor type1 (the format: docs/layout.md)"},
		{"[cpu]\nfeatures = -pan\n",
		 "line 2: [cpu] features: FEAT_PAN2 needs FEAT_PAN (the model refuses this "
		 "processor: docs/layout.md, \"The processor\")"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cli_write_file(path, cases[i].text);
		cli_result r = run("check", obj, "--layout", path, NULL);
		assert_int_equal(r.code, 3);
		snprintf(want, sizeof(want), "el2sim check: %s: %s\n", path, cases[i].says);
		assert_string_equal(r.err, want);
		cli_result_free(&r);
	}
	char *text = cli_slurp_path(prof);
	unsigned line = 1;
	for (const char *c = text; *c; c++)
		line += *c == '\n';
	char *edited = malloc(strlen(text) + 64);
	assert_non_null(edited);
	sprintf(edited, "%s[el2]\nelr_el2 = hyp_percpuu\n", text);
	cli_write_file(path, edited);
	cli_result r = run("check", obj, "--layout", path, NULL);
	assert_int_equal(r.code, 3);
	snprintf(want, sizeof(want), "el2sim check: %s: line %u: unknown symbol 'hyp_percpuu' "
		 "(did you mean 'hyp_percpu'?)\n", path, line + 1);
	assert_string_equal(r.err, want);
	assert_string_equal(r.out, "");
	cli_result_free(&r);
	free(edited);
	free(text);
	unlink(path);
}

/* The same for a type-1 profile: a syntax error of [type1] and an
 * unknown base in [vcpu.NAME], which gets the closest base. */
static void test_type1_profile_errors_name_file_and_line(void **state)
{
	(void)state;
	const char *obj = need("type1"), *prof = need("type1.profile");
	char path[] = "/tmp/el2sim-profile-XXXXXX", want[600];
	close(mkstemp(path));
	cli_write_file(path, "[world]\nmode = type1\n[type1]\nrun = t1_start\nswitch = hvc\n");
	cli_result r = run("check", obj, "--layout", path, NULL);
	assert_int_equal(r.code, 3);
	snprintf(want, sizeof(want), "el2sim check: %s: line 5: switch: expected 'hvc ID "
		 "[registers the call defines]', e.g. hvc 0xc6000001 x0-x3 (the format: "
		 "docs/layout.md)\n", path);
	assert_string_equal(r.err, want);
	cli_result_free(&r);
	char *text = cli_slurp_path(prof);
	char *at = strstr(text, "\nx1 = frame+0x8\n");
	assert_non_null(at);
	unsigned line = 2;
	for (const char *c = text; c < at; c++)
		line += *c == '\n';
	memcpy(at, "\nx1 = farme+0x8\n", 16);
	cli_write_file(path, text);
	r = run("check", obj, "--layout", path, NULL);
	assert_int_equal(r.code, 3);
	snprintf(want, sizeof(want), "el2sim check: %s: line %u: unknown symbol 'farme' (did "
		 "you mean 'frame'?)\n", path, line);
	assert_string_equal(r.err, want);
	cli_result_free(&r);
	free(text);
	unlink(path);
}

int main(int argc, char **argv)
{
	g_argc = argc;
	g_argv = argv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replay_line_reproduces_the_finding),
		cmocka_unit_test(test_trace_writes_the_round_trip),
		cmocka_unit_test(test_bad_scenario_or_run_is_a_usage_error),
		cmocka_unit_test(test_never_returning_trip_is_one_finding),
		cmocka_unit_test(test_mutate_survivor_shards_and_merge),
		cmocka_unit_test(test_junit_paths_errors_and_time),
		cmocka_unit_test(test_report_files_that_cannot_be_written),
		cmocka_unit_test(test_mutate_unknown_symbol_is_a_usage_error),
		cmocka_unit_test(test_bench_baseline_typos_and_object_errors),
		cmocka_unit_test(test_profile_errors_name_file_and_line),
		cmocka_unit_test(test_type1_profile_errors_name_file_and_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
