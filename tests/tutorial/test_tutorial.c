/* SPDX-License-Identifier: MIT */
/* The tutorial's commands as tests (docs/tutorial.md): the built el2sim
 * checks the tutorial hypervisor (docs/examples/tutorial) built by meson
 * from its sources as the tutorial says. Expected verdicts come from the
 * code, not from el2sim's output: entry.S saves and restores everything the
 * profile lists, so every property holds; its seeded bug skips the host's
 * SP_EL0 restore in guest_exit, so after the round trip SP_EL0 holds what
 * the guest left there: a lost host register (property 1) that is also a
 * guest value visible to the host (property 4), and nothing else. The
 * scenarios follow from the profile (docs/check.md): hvc always, mmio for
 * the guest,mmio region, sysreg for trapped_sysreg, irq for irq = yes,
 * unknown_hvc for unknown_hvc. Last, every output block the tutorial shows
 * must be what el2sim prints, so the tutorial cannot go stale.
 * argv: el2sim=PATH dir=TUTORIAL_DIR doc=TUTORIAL_MD elf=ELF bug=ELF sym=ELF
 *       [gnu=ELF] */
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

static const char *el2sim, *dir, *doc, *elf, *bug, *sym, *gnu;
static char profile[4096];

#define SCENARIOS "scenarios: hvc mmio sysreg irq unknown_hvc"

typedef cli_result result;

/* Runs el2sim with the NULL-terminated arguments (300 s at most: a hang
 * fails the test). */
#define run(...) cli_run(el2sim, 300, __VA_ARGS__)

static void result_free(result *r)
{
	cli_result_free(r);
}

static void expect_in(const char *text, const char *what)
{
	assert_non_null(text);
	if (!strstr(text, what))
		fail_msg("expected \"%s\" in:\n%s", what, text);
}

/* The verdict line of property p: "  ok   p name" or "  FAIL p name". */
static void expect_verdict(const char *out, unsigned p, bool ok)
{
	static const char *const names[9] = {
		"", "host integrity", "guest entry fidelity", "guest exit completeness",
		"isolation", "PSTATE on return", "EL2 state preserved", "SP_EL0 window",
		"exit code",
	};
	char line[80];
	snprintf(line, sizeof(line), "  %-4s %u %s ", ok ? "ok" : "FAIL", p, names[p]);
	expect_in(out, line);
}

static void expect_pass(const char *object, const char *layout)
{
	result r = layout ? run("check", object, "--layout", layout, NULL)
			  : run("check", object, NULL);
	if (r.code != 0)
		fail_msg("el2sim check %s: exit %d\n%s%s", object, r.code, r.out, r.err);
	expect_in(r.out, SCENARIOS);
	for (unsigned p = 1; p <= 7; p++)
		expect_verdict(r.out, p, true);
	/* exit codes: declared in the profile; the symbols alone declare none */
	if (layout)
		expect_verdict(r.out, 8, true);
	else
		expect_in(r.out, "  --   8 exit code                0 checks, 0 failed\n"
				 "       exit codes: not judged (the profile has no [exit_codes])\n");
	expect_in(r.out, "PASSED: every property holds");
	result_free(&r);
}

static void test_tutorial_hypervisor_holds_every_property(void **state)
{
	(void)state;
	expect_pass(elf, profile);
}

static void test_binutils_build_holds_every_property(void **state)
{
	(void)state;
	if (!gnu)
		skip();
	expect_pass(gnu, profile);
}

static void test_el2sim_symbols_alone_describe_the_same_world(void **state)
{
	(void)state;
	expect_pass(sym, NULL);
}

static void test_seeded_bug_loses_the_host_sp_el0(void **state)
{
	(void)state;
	result r = run("check", bug, "--layout", profile, NULL);
	assert_int_equal(r.code, 1); /* findings */
	expect_in(r.out, SCENARIOS);
	expect_verdict(r.out, 1, false);
	expect_verdict(r.out, 4, false);
	expect_verdict(r.out, 2, true);
	expect_verdict(r.out, 3, true);
	expect_verdict(r.out, 5, true);
	expect_verdict(r.out, 6, true);
	expect_verdict(r.out, 7, true);
	expect_verdict(r.out, 8, true);
	expect_in(r.out, "property 1 (host integrity): SP_EL0 at return to host");
	expect_in(r.out, "property 4 (isolation): SP_EL0 at return to host");
	expect_in(r.out, "(host SP_EL0, run 0)\n    found    0x");
	expect_in(r.out, "(guest SP_EL0, run 0)");
	expect_in(r.out, "a guest value is visible to the host");
	/* The guest wrote the value (the checker's guest stub scrambles every
	 * guest-layout register before it exits); nothing at EL2 put the
	 * host's back. */
	expect_in(r.out, "el2sim guest stub");
	expect_in(r.out, "msr sp_el0");
	expect_in(r.out, "\nFAILED\n");
	result_free(&r);
}

/* Mutating guest_enter runs many checks in one kept world whose stub pages
 * change between checks: each must drop the old translated code without
 * crashing Unicorn (2.1.1's ranged removal did, killing the worker). */
static void test_mutating_guest_enter_completes(void **state)
{
	(void)state;
	result r = run("mutate", elf, "--layout", profile, "--symbol", "guest_enter", "-j", "2",
		       NULL);
	if (r.code != 0)
		fail_msg("el2sim mutate exited %d:\n%s", r.code, r.err);
	expect_in(r.out, "score");
	result_free(&r);
}

static void test_junit_report_of_the_ci_job_names_the_failure(void **state)
{
	(void)state;
	char path[] = "/tmp/el2sim-tutorial-junit-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	result r = run("check", bug, "--layout", profile, "--junit", path, NULL);
	assert_int_equal(r.code, 1);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char *xml = cli_slurp(f, NULL);
	fclose(f);
	unlink(path);
	expect_in(xml, "<testsuite");
	expect_in(xml, "<failure");
	expect_in(xml, "SP_EL0");
	free(xml);
	result_free(&r);
}

/* Every block of docs/tutorial.md that follows a line "<!-- output: NAME
 * -->" (a fenced block) must appear in el2sim's output for that case, line
 * by line ("$ " lines are the commands): "pass" = the tutorial hypervisor,
 * "bug" = the seeded bug. */
/* s within the len bytes at p, or NULL. */
static const char *find_in(const char *p, size_t len, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= len; i++)
		if (!strncmp(p + i, s, n))
			return p + i;
	return NULL;
}

static void expect_doc_block(const char *md, const char *name, const char *out)
{
	char marker[64];
	snprintf(marker, sizeof(marker), "<!-- output: %s -->", name);
	const char *m = strstr(md, marker);
	if (!m)
		fail_msg("docs/tutorial.md has no %s block", marker);
	const char *fence = strstr(m, "```");
	assert_non_null(fence);
	const char *p = strchr(fence, '\n');
	assert_non_null(p);
	p++;
	const char *end = strstr(p, "```");
	assert_non_null(end);
	unsigned lines = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		/* The header names the object as given: compare from " (". */
		const char *paren = len > 13 && !strncmp(p, "el2sim check ", 13)
					    ? memchr(p, '(', len) : NULL;
		/* A replay line names the object and layout as given too:
		 * compare from " --seed". */
		const char *seed = find_in(p, len, "replay: el2sim check ")
					   ? find_in(p, len, " --seed ") : NULL;
		if (seed) {
			char want[256];
			size_t slen = len - (size_t)(seed - p);
			assert_true(slen + 2 < sizeof(want));
			memcpy(want, seed, slen);
			want[slen] = '\n';
			want[slen + 1] = '\0';
			if (!strstr(out, want))
				fail_msg("docs/tutorial.md (%s block) replay line differs:\n%.*s\n"
					 "actual output:\n%s", name, (int)len, p, out);
			lines++;
		} else if (paren) {
			char want[256];
			size_t plen = len - (size_t)(paren - p);
			assert_true(plen + 2 < sizeof(want));
			memcpy(want, paren, plen);
			want[plen] = '\n';
			want[plen + 1] = '\0';
			if (!strstr(out, want))
				fail_msg("docs/tutorial.md (%s block) header differs:\n%.*s\n"
					 "actual output:\n%s", name, (int)len, p, out);
			lines++;
		} else if (len > 0 && strncmp(p, "$ ", 2)) { /* not a command line */
			char want[512];
			if (len + 2 >= sizeof(want))
				fail_msg("docs/tutorial.md: line too long in the %s block", name);
			want[0] = '\n';
			memcpy(want + 1, p, len);
			want[len + 1] = '\n';
			want[len + 2] = '\0';
			size_t olen = strlen(out);
			char *o = malloc(olen + 3);
			assert_non_null(o);
			o[0] = '\n';
			memcpy(o + 1, out, olen);
			o[olen + 1] = '\n';
			o[olen + 2] = '\0';
			if (!strstr(o, want))
				fail_msg("docs/tutorial.md (%s block) shows a line el2sim does not "
					 "print:\n%.*s\nactual output:\n%s", name, (int)len, p, out);
			free(o);
			lines++;
		}
		p += len + 1;
	}
	assert_true(lines > 3);
}

static void test_tutorial_shows_what_el2sim_prints(void **state)
{
	(void)state;
	FILE *f = fopen(doc, "r");
	assert_non_null(f);
	char *md = cli_slurp(f, NULL);
	fclose(f);
	result ok = run("check", elf, "--layout", profile, NULL);
	result bad = run("check", bug, "--layout", profile, NULL);
	expect_doc_block(md, "pass", ok.out);
	expect_doc_block(md, "bug", bad.out);
	result_free(&ok);
	result_free(&bad);
	free(md);
}

static const char *arg(int argc, char **argv, const char *key, bool required)
{
	size_t n = strlen(key);
	for (int i = 1; i < argc; i++)
		if (!strncmp(argv[i], key, n) && argv[i][n] == '=')
			return argv[i] + n + 1;
	if (required) {
		fprintf(stderr, "test_tutorial: missing %s=...\n", key);
		exit(2);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	el2sim = arg(argc, argv, "el2sim", true);
	dir = arg(argc, argv, "dir", true);
	doc = arg(argc, argv, "doc", true);
	elf = arg(argc, argv, "elf", true);
	bug = arg(argc, argv, "bug", true);
	sym = arg(argc, argv, "sym", true);
	gnu = arg(argc, argv, "gnu", false);
	snprintf(profile, sizeof(profile), "%s/tutorial.profile", dir);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tutorial_hypervisor_holds_every_property),
		cmocka_unit_test(test_binutils_build_holds_every_property),
		cmocka_unit_test(test_el2sim_symbols_alone_describe_the_same_world),
		cmocka_unit_test(test_seeded_bug_loses_the_host_sp_el0),
		cmocka_unit_test(test_mutating_guest_enter_completes),
		cmocka_unit_test(test_junit_report_of_the_ci_job_names_the_failure),
		cmocka_unit_test(test_tutorial_shows_what_el2sim_prints),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
