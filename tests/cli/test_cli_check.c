/* SPDX-License-Identifier: MIT */
/* End-to-end tests of `el2sim check`'s replay and trace options on the
 * reference world switch (tests/ref): the replay line of a seeded bug's
 * finding runs that one round trip and shows the same finding; --trace
 * writes the trip in `el2sim trace`'s format from the host stub on; a
 * bad --scenario or --run is a usage error; a trip that never returns is
 * one finding. argv: el2sim=PATH and name=path of the built objects and
 * profiles (nvhe.profile=, nvhe=, nvhe-bug-guest-gpr=, ...). */
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

static char *slurp_path(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char *s = cli_slurp(f, NULL);
	fclose(f);
	return s;
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
	char *t = slurp_path(path);
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
	t = slurp_path(path);
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

int main(int argc, char **argv)
{
	g_argc = argc;
	g_argv = argv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replay_line_reproduces_the_finding),
		cmocka_unit_test(test_trace_writes_the_round_trip),
		cmocka_unit_test(test_bad_scenario_or_run_is_a_usage_error),
		cmocka_unit_test(test_never_returning_trip_is_one_finding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
