/* SPDX-License-Identifier: MIT */
/* End-to-end tests of `el2sim run` and `el2sim trace`: the built el2sim
 * runs on the cli.o fixture (tests/cli/fixtures/cli.S) and its exit
 * status, stdout and stderr are checked. Expected values come from the
 * fixture's instructions and the Arm ARM (ESR of an HVC from AArch64:
 * EC 0x16, IL 1, ISS imm16), not from el2sim's own output.
 * argv: EL2SIM FIXTURE_O FIXTURE_S */
#include <fcntl.h>
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

static const char *el2sim, *fixture, *fixture_src, *undef_fixture, *virt_fixture, *tarmac_golden,
	*alt_fixture;

/* .text of the fixture is placed at the default load base. */
#define BASE 0x40000000u

typedef cli_result result;

/* Runs el2sim with the NULL-terminated arguments (60 s at most: a hang
 * fails the test). */
#define run(...) cli_run(el2sim, 60, __VA_ARGS__)

#define result_free cli_result_free
#define expect_in cli_expect_in
#define expect_not_in cli_expect_not_in

static size_t count(const char *text, const char *what)
{
	size_t n = 0;
	for (const char *p = text; (p = strstr(p, what)) != NULL; p += strlen(what))
		n++;
	return n;
}

/* ---- run ---- */

static void test_run_stops_at_the_sentinel_after_the_round_trip(void **state)
{
	result r = run("run", fixture, NULL);
	if (r.code != 0)
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	expect_in(r.out, "stop: sentinel at 0xdead0000", "stdout");
	/* cli.S: 10 + 3 instructions at EL2, 3 at EL1. */
	expect_in(r.out, "instructions: 16 (EL0 0, EL1 3, EL2 13)", "stdout");
	expect_in(r.out, "x1  0x0000000000000005", "stdout");
	/* ESR_EL2 for HVC #0x12: EC 0x16 << 26 | IL | 0x12. */
	expect_in(r.out, "x2  0x000000005a000012", "stdout");
	expect_in(r.out, "VBAR_EL2", "stdout");
	result_free(&r);
}

static void test_run_json_has_stop_counts_phases_and_registers(void **state)
{
	result r = run("run", fixture, "--json", NULL);
	if (r.code != 0)
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	const char *j = r.out;
	expect_in(j, "\"reason\": \"sentinel\"", "json");
	expect_in(j, "\"pc\": \"0xdead0000\"", "json");
	expect_in(j, "\"exit_code\": 0", "json");
	expect_in(j, "\"insns\": 16", "json");
	expect_in(j, "\"el0\": 0", "json");
	expect_in(j, "\"el1\": 3", "json");
	expect_in(j, "\"el2\": 13", "json");
	expect_in(j, "\"exceptions\": 1", "json");
	expect_in(j, "\"erets\": 1", "json");
	/* Phases: EL2 from _start, EL1 from guest, EL2 from the vector. */
	assert_int_equal(count(j, "\"start_pc\""), 3);
	expect_in(j, "\"start_pc\": \"0x40000000\"", "json");
	expect_in(j, "\"start_pc\": \"0x40000028\"", "json");
	expect_in(j, "\"start_pc\": \"0x40000c00\"", "json");
	expect_in(j, "\"x1\": \"0x5\"", "json");
	expect_in(j, "\"x2\": \"0x5a000012\"", "json");
	expect_in(j, "\"x19\": \"0xdead0000\"", "json");
	/* ELR_EL2 = the instruction after the HVC (guest + 0xc); SPSR_EL2 =
	 * the guest's PSTATE: EL1h with D, A, I, F set. */
	expect_in(j, "\"ELR_EL2\": {\n      \"before\": \"0x0\",\n      \"after\": \"0x40000034\"", "json");
	expect_in(j, "\"SPSR_EL2\": {\n      \"before\": \"0x0\",\n      \"after\": \"0x3c5\"", "json");
	expect_in(j, "\"VBAR_EL2\": {\n      \"before\": \"0x0\",\n      \"after\": \"0x40000800\"", "json");
	result_free(&r);
}

static void test_run_json_is_deterministic(void **state)
{
	result a = run("run", fixture, "--json", NULL);
	result b = run("run", fixture, "--json", NULL);
	assert_int_equal(a.code, 0);
	assert_int_equal(b.code, 0);
	assert_string_equal(a.out, b.out);
	result_free(&a);
	result_free(&b);
}

static void test_run_at_el1_from_a_symbol(void **state)
{
	result r = run("run", fixture, "--entry", "leaf", "--el", "1", "--json", NULL);
	if (r.code != 0)
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	expect_in(r.out, "\"x0\": \"0x2a\"", "json");
	expect_in(r.out, "\"el1\": 2", "json");
	expect_in(r.out, "\"el\": 1", "json");
	result_free(&r);
}

static void test_run_stop_at_symbol_stops_before_it(void **state)
{
	result r = run("run", fixture, "--stop-at", "guest", NULL);
	if (r.code != 0)
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	expect_in(r.out, "stop: address at 0x40000028 (guest)", "stdout");
	expect_in(r.out, "instructions: 10 (EL0 0, EL1 0, EL2 10)", "stdout");
	result_free(&r);
}

static void test_run_budget_exhausted_is_exit_4_with_the_reason(void **state)
{
	result r = run("run", fixture, "--entry", "spin", "--budget", "1000", NULL);
	assert_int_equal(r.code, 4);
	expect_in(r.out, "stop: budget", "stdout");
	expect_in(r.out, "instructions: 1000 ", "stdout");
	expect_in(r.err, "budget", "stderr");
	result_free(&r);
}

static void test_run_wild_jump_is_exit_1_naming_the_address(void **state)
{
	result r = run("run", fixture, "--entry", "wild", NULL);
	assert_int_equal(r.code, 1);
	expect_in(r.out, "stop: error", "stdout");
	expect_in(r.err, "0x12340000", "stderr");
	result_free(&r);
}

static void test_run_help_shows_examples(void **state)
{
	result r = run("run", "--help", NULL);
	assert_int_equal(r.code, 0);
	expect_in(r.out, "usage: el2sim run OBJ", "stdout");
	expect_in(r.out, "examples:", "stdout");
	result_free(&r);
}

/* ---- --define / --symbols for check, bench, mutate ---- */

/* fixtures/undef.S uses handle_exit and host_data without defining them:
 * each command names the symbol and the option; with definitions (given
 * on the command line or in a --symbols file) the object loads and the
 * command goes on to the next thing it misses (no run hvc). */
static void test_undefined_symbols_are_named_and_define_loads_them(void **state)
{
	if (!undef_fixture)
		skip();
	static const char *const cmds[] = {"check", "bench", "mutate"};
	/* What each says once the object loaded (it has no world switch). */
	static const char *const next[] = {"run = hvc", "run = hvc", "no entry_asm ranges"};
	char path[] = "/tmp/el2sim-symbols-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	static const char text[] = "# host addresses\nhandle_exit 0x40001000\n\n"
				   "host_data = 0x40002000  # .data\n";
	assert_int_equal(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
	close(fd);
	for (size_t i = 0; i < 3; i++) {
		result r = run(cmds[i], undef_fixture, NULL);
		assert_int_equal(r.code, 3);
		expect_in(r.err, "undefined symbol 'handle_exit'", cmds[i]);
		expect_in(r.err, "--define handle_exit=ADDR", cmds[i]);
		result_free(&r);
		r = run(cmds[i], undef_fixture, "--define", "handle_exit=0x40001000", NULL);
		expect_in(r.err, "undefined symbol 'host_data'", cmds[i]);
		result_free(&r);
		r = run(cmds[i], undef_fixture, "--define", "handle_exit=0x40001000", "--define",
			"host_data=0x40002000", NULL);
		assert_int_equal(r.code, 3);
		expect_not_in(r.err, "undefined symbol", cmds[i]);
		expect_in(r.err, next[i], cmds[i]); /* loaded; the world is what is missing */
		result_free(&r);
		r = run(cmds[i], undef_fixture, "--symbols", path, NULL);
		expect_not_in(r.err, "undefined symbol", cmds[i]);
		expect_in(r.err, next[i], cmds[i]);
		result_free(&r);
		r = run(cmds[i], undef_fixture, "--define", "handle_exit", NULL);
		assert_int_equal(r.code, 2);
		expect_in(r.err, "--define handle_exit: expected SYMBOL=ADDRESS", cmds[i]);
		result_free(&r);
	}
	fd = open(path, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	static const char bad[] = "handle_exit 0x40001000\nhost_data\n";
	assert_int_equal(write(fd, bad, sizeof(bad) - 1), (ssize_t)(sizeof(bad) - 1));
	close(fd);
	result r = run("check", undef_fixture, "--symbols", path, NULL);
	assert_int_not_equal(r.code, 0);
	expect_in(r.err, "line 2: expected 'SYMBOL ADDRESS' or 'SYMBOL = ADDRESS'", "stderr");
	result_free(&r);
	unlink(path);
}

/* run --cpu PROFILE: the PE of the profile's [cpu] section; an ID value
 * read at EL2 is the override (ID_AA64MMFR1_EL1 with VH = 0, as Hafnium
 * reads it), PMCR_EL0.N the profile's counters; a bad section is exit 3
 * naming the line. */
static void test_run_cpu_takes_the_pe_from_a_profile(void **state)
{
	char path[] = "/tmp/el2sim-cpu-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	static const char text[] = "[cpu]\npmu_counters = 3\nid.ID_AA64MMFR1_EL1 = 0x00200020\n";
	assert_int_equal(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
	close(fd);
	result r = run("run", fixture, "--entry", "idregs", "--cpu", path, "--json", NULL);
	if (r.code != 0)
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	expect_in(r.out, "\"x0\": \"0x200020\"", "json");
	expect_in(r.out, "\"x1\": \"0x41001800\"", "json"); /* IMP 0x41, N = 3 */
	result_free(&r);
	r = run("run", fixture, "--entry", "idregs", "--json", NULL); /* the default PE */
	expect_in(r.out, "\"x0\": \"0x200120\"", "json");
	result_free(&r);
	fd = open(path, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	static const char bad[] = "[cpu]\nfeatures = -vhe\nid.ID_AA64MMFR1_EL1 = 0x100\n";
	assert_int_equal(write(fd, bad, sizeof(bad) - 1), (ssize_t)(sizeof(bad) - 1));
	close(fd);
	r = run("run", fixture, "--entry", "idregs", "--cpu", path, NULL);
	assert_int_equal(r.code, 3);
	expect_in(r.err, "line 3: [cpu]: ID_AA64MMFR1_EL1.VH = 1 claims more", "stderr");
	result_free(&r);
	unlink(path);
}

/* ---- help, advice, quiet when piped ---- */

/* Every subcommand's --help: usage line, each option (the lists of
 * docs/cli.md), examples; 'el2sim help CMD' prints the same. */
static void test_every_command_has_help_with_options_and_examples(void **state)
{
	static const struct {
		const char *cmd;
		const char *options[20];
	} cmds[] = {
		{"demo", {"--nvhe-only", "--vhe-only", "--help"}},
		{"run", {"--entry", "--el", "--sp", "--vhe", "--reg", "--region", "--load-base",
			 "--budget", "--stop-at", "--define", "--sentinel", "--json", "--cpu", "--help"}},
		{"trace", {"--entry", "--el", "--sp", "--vhe", "--reg", "--region", "--load-base",
			   "--budget", "--stop-at", "--define", "--sentinel", "--json", "--help",
			   "--max-lines", "--events-only"}},
		{"check", {"--layout", "--vhe", "--nvhe", "--runs", "--no-corners", "--seed",
			   "--budget", "--json", "--junit", "--no-writer", "--scenario", "--run",
			   "--trace", "--define", "--symbols", "--help"}},
		{"mutate", {"--layout", "--vhe", "--nvhe", "--runs", "--no-corners", "--seed",
			    "--budget", "--max-mutants", "--symbol", "--min-score", "--json",
			    "--define", "--symbols", "--jobs", "--shard", "--no-shortcuts", "--help"}},
		{"mutate-merge", {"--json", "--min-score", "--help"}},
	};
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		char usage[64];
		snprintf(usage, sizeof(usage), "usage: el2sim %s", cmds[i].cmd);
		result r = run(cmds[i].cmd, "--help", NULL);
		assert_int_equal(r.code, 0);
		assert_string_equal(r.err, "");
		assert_int_equal(strncmp(r.out, usage, strlen(usage)), 0);
		expect_in(r.out, "examples:", cmds[i].cmd);
		expect_in(r.out, "exit status:", cmds[i].cmd);
		for (size_t k = 0; cmds[i].options[k]; k++)
			expect_in(r.out, cmds[i].options[k], cmds[i].cmd);
		result h = run("help", cmds[i].cmd, NULL);
		assert_int_equal(h.code, 0);
		assert_string_equal(h.out, r.out);
		result_free(&h);
		result_free(&r);
	}
	result r = run("--help", NULL);
	assert_int_equal(r.code, 0);
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		expect_in(r.out, cmds[i].cmd, "el2sim --help");
	result_free(&r);
}

/* A wrong option says what was wrong and where to look, for every
 * command, with exit status 2 and nothing on stdout. */
static void test_unknown_options_point_to_the_commands_help(void **state)
{
	static const char *const cmds[] = {"demo", "run", "trace", "check", "mutate"};
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		char want[128];
		snprintf(want, sizeof(want),
			 "el2sim %s: unknown option '--frobnicate' (see 'el2sim %s --help')\n",
			 cmds[i], cmds[i]);
		result r = run(cmds[i], "--frobnicate", NULL);
		assert_int_equal(r.code, 2);
		assert_string_equal(r.err, want);
		assert_string_equal(r.out, "");
		result_free(&r);
		snprintf(want, sizeof(want), "see 'el2sim %s --help'", cmds[i]);
		r = run(cmds[i], cmds[i][0] == 'd' ? "--vhe-only" : "--json", "a.o", "b.o", NULL);
		assert_int_equal(r.code, 2);
		expect_in(r.err, want, "stderr");
		result_free(&r);
	}
	result r = run("help", "frobnicate", NULL);
	assert_int_equal(r.code, 2);
	expect_in(r.err, "unknown command 'frobnicate'; see 'el2sim --help'", "stderr");
	result_free(&r);
}

/* A typo close to a command or option names it. */
static void test_typos_get_a_did_you_mean(void **state)
{
	static const struct {
		const char *args[3];
		const char *says;
	} cases[] = {
		{{"chekc"}, "el2sim: unknown command 'chekc'; did you mean 'check'?\n"},
		{{"mutat"}, "el2sim: unknown command 'mutat'; did you mean 'mutate'?\n"},
		{{"check", "--layuot=x"},
		 "el2sim check: unknown option '--layuot=x'; did you mean '--layout'? "
		 "(see 'el2sim check --help')\n"},
		{{"mutate", "--jbos", "2"},
		 "el2sim mutate: unknown option '--jbos'; did you mean '--jobs'? "
		 "(see 'el2sim mutate --help')\n"},
		{{"run", "--stpo-at", "x"},
		 "el2sim run: unknown option '--stpo-at'; did you mean '--stop-at'? "
		 "(see 'el2sim run --help')\n"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		result r = run(cases[i].args[0], cases[i].args[1], cases[i].args[2], NULL);
		assert_int_equal(r.code, 2);
		assert_string_equal(r.err, cases[i].says);
		assert_string_equal(r.out, "");
		result_free(&r);
	}
}

/* --version names el2sim's version and the Unicorn it runs on. */
static void test_version(void **state)
{
	result r = run("--version", NULL);
	assert_int_equal(r.code, 0);
	assert_int_equal(strncmp(r.out, "el2sim 0.", 9), 0);
	expect_in(r.out, "(Unicorn 2.", "stdout");
	expect_in(r.out, ", Capstone ", "stdout");
	assert_string_equal(r.err, "");
	result_free(&r);
}

/* On a terminal a long run shows how far it got (check and mutate use
 * the same isatty test: tools/cli_opts.c cli_progress_wanted). */
static void test_progress_is_shown_when_stderr_is_a_terminal(void **state)
{
	char *argv[] = {(char *)el2sim, "run", (char *)fixture, "--entry", "spin", "--budget",
			"45M", NULL};
	result r = cli_spawn_tty_stderr(argv, 120);
	assert_int_equal(r.code, 4);
	/* Chunks of 20M: progress after the first and the second. */
	expect_in(r.err, "\r20M of 45M instructions...", "stderr");
	expect_in(r.err, "\r40M of 45M instructions...", "stderr");
	result_free(&r);
}

/* stderr is a file here, not a terminal: a long run prints no progress. */
static void test_long_runs_are_quiet_when_stderr_is_not_a_terminal(void **state)
{
	result r = run("run", fixture, "--entry", "spin", "--budget", "45M", NULL);
	assert_int_equal(r.code, 4);
	/* Only the closing line. */
	assert_int_equal(count(r.err, "\n"), 1);
	expect_not_in(r.err, "\r", "stderr");
	result_free(&r);
}

/* ---- error paths: exit status and message ---- */

static void test_input_and_usage_errors_have_stable_exit_codes(void **state)
{
	static const struct {
		const char *args[6];
		int code;
		const char *says;
	} cases[] = {
		{{"run", "/nonexistent.o"}, 3, "cannot read '/nonexistent.o'"},
		{{"run", NULL /* the .S source: not an ELF */}, 3, "cannot load"},
		{{"run", "FIX", "--entry", "nosuch"}, 2, "symbol 'nosuch' not found"},
		{{"run", "FIX", "--region", "ram:0x40000000"}, 2, "NAME:BASE:SIZE"},
		{{"run", "FIX", "--region", "a:0x40000000:1M", "--region", "b:0x40000000:4K"}, 2,
		 "overlaps region 'a'"},
		{{"run", "FIX", "--reg", "x99=1"}, 2, "unknown register 'x99'"},
		{{"run"}, 2, "no object file given"},
		{{"trace", "FIX", "--max-lines", "0"}, 2, "--max-lines"},
		{{"trace", "FIX", "--entry", "nosuch"}, 2, "symbol 'nosuch' not found"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *v[6];
		for (int k = 0; k < 6; k++) {
			v[k] = cases[i].args[k];
			if (v[k] && !strcmp(v[k], "FIX"))
				v[k] = fixture;
		}
		if (i == 1)
			v[1] = fixture_src;
		result r = run(v[0], v[1], v[2], v[3], v[4], v[5], NULL);
		if (r.code != cases[i].code || !strstr(r.err, cases[i].says))
			fail_msg("case %zu: exit %d, stderr '%s'; wanted %d and '%s'", i, r.code, r.err,
				 cases[i].code, cases[i].says);
		assert_string_equal(r.out, "");
		result_free(&r);
	}
}

/* ---- a bare-metal program for QEMU's virt board ---- */

/* Its UART output on stdout, its PSCI calls answered, SYSTEM_OFF ends
 * the run cleanly: with SMC at EL2, and with HVC at EL1. */
static void test_virt_program_prints_and_powers_off(void **state)
{
	static const char out[] = "hello from a bare-metal program\nPSCI 1.1\n"
				  "SYSTEM_OFF supported\nCPU_ON not supported\n";
	if (!virt_fixture)
		skip();
	result r = run("run", virt_fixture, "--console", "0x09000000", "--psci", "smc", NULL);
	assert_int_equal(r.code, 0);
	assert_int_equal(strncmp(r.out, out, strlen(out)), 0);
	expect_in(r.out, "psci: 4 calls; the program ended the run with SYSTEM_OFF\n", "stdout");
	expect_in(r.out, "console: 83 bytes written\n", "stdout");
	expect_not_in(r.out, "still running", "stdout");
	result_free(&r);
	r = run("run", virt_fixture, "--console", "0x09000000", "--psci", "hvc", "--el", "1",
		"--reg", "x20=1", "--json", NULL);
	assert_int_equal(r.code, 0);
	assert_string_equal(r.err, out); /* --json: the console goes to stderr */
	expect_in(r.out, "\"psci\": {\n    \"calls\": 4,\n    \"ended_by\": \"SYSTEM_OFF\"\n  }",
		  "stdout");
	result_free(&r);
	/* without --psci the SMC is UNDEFINED (no EL3): the program's own
	 * vector, which it has not got */
	r = run("run", virt_fixture, "--console", "0x09000000", NULL);
	assert_int_equal(r.code, 1);
	expect_in(r.out, "hello from a bare-metal program\n", "stdout");
	result_free(&r);
	r = run("run", virt_fixture, "--console", "0x40000000", NULL);
	assert_int_equal(r.code, 2);
	expect_in(r.err, "--console 0x40000000: overlaps a memory region", "stderr");
	result_free(&r);
	r = run("run", virt_fixture, "--psci", "svc", NULL);
	assert_int_equal(r.code, 2);
	expect_in(r.err, "--psci svc: expected smc or hvc", "stderr");
	result_free(&r);
}

/* ---- trace ---- */

/* --format tarmac: IT lines, R lines for the registers changed, MR/MW
 * lines with address and value for every load and store, byte for byte
 * as tests/cli/golden/virt_hello.tarmac (the UART page is RAM here). */
static void test_trace_tarmac_matches_the_golden_file(void **state)
{
	if (!virt_fixture || !tarmac_golden)
		skip();
	result r = run("trace", virt_fixture, "--format", "tarmac", "--region", "ram:0x40000000:1M",
		       "--region", "uart:0x09000000:4K", "--psci", "smc", "--max-lines", "40", NULL);
	assert_int_equal(r.code, 0);
	FILE *f = fopen(tarmac_golden, "r");
	assert_non_null(f);
	char want[16384];
	size_t n = fread(want, 1, sizeof(want) - 1, f);
	fclose(f);
	want[n] = '\0';
	assert_string_equal(r.out, want);
	expect_in(r.out, "3 clk MR1 00000000400000bc 68\n", "stdout");
	expect_in(r.out, "7 clk MW1 0000000009000000 68\n", "stdout");
	result_free(&r);
	/* the text format shows the same accesses; --no-memory drops them */
	r = run("trace", virt_fixture, "--region", "ram:0x40000000:1M", "--region",
		"uart:0x09000000:4K", "--max-lines", "12", NULL);
	expect_in(r.out, "          MW1  0000000009000000  68\n", "stdout");
	result_free(&r);
	r = run("trace", virt_fixture, "--region", "ram:0x40000000:1M", "--region",
		"uart:0x09000000:4K", "--max-lines", "12", "--no-memory", NULL);
	expect_not_in(r.out, "MW1", "stdout");
	result_free(&r);
	r = run("trace", virt_fixture, "--format", "xml", NULL);
	assert_int_equal(r.code, 2);
	expect_in(r.err, "--format xml: expected text, json or tarmac", "stderr");
	result_free(&r);
}

static void test_trace_shows_disassembly_symbols_els_and_events(void **state)
{
	result r = run("trace", fixture, NULL);
	if (r.code != 0)
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	const char *t = r.out;
	/* Instruction lines: index, address, symbol+offset, EL, text. */
	expect_in(t, "       0  0000000040000000  _start                   EL2  mov x19, x30", "trace");
	expect_in(t, "_start+0x8               EL2  msr vbar_el2, x0", "trace");
	expect_in(t, "guest+0x4                EL1  add x1, x1, #3", "trace");
	expect_in(t, "x1=0x5", "trace");
	expect_in(t, "lower_sync               EL2  mrs x2, esr_el2", "trace");
	expect_in(t, "x2=0x5a000012", "trace");
	/* Events. */
	expect_in(t, "! msr VBAR_EL2 <- 0x40000800", "trace");
	expect_in(t, "! eret EL2 -> EL1", "trace");
	expect_in(t, "! exception HVC EL1 -> EL2", "trace");
	expect_in(t, "EC=0x16 HVC64", "trace");
	expect_in(t, "vector 0x40000c00 (lower_sync)", "trace");
	expect_in(t, "! mrs ESR_EL2 -> 0x5a000012", "trace");
	expect_in(t, "-- stop: sentinel at 0xdead0000 after 16 instructions", "trace");
	/* The exception line follows the HVC's own line. */
	const char *hvc = strstr(t, "hvc #0x12");
	const char *exc = strstr(t, "! exception HVC");
	assert_non_null(hvc);
	assert_non_null(exc);
	assert_true(hvc < exc);
	assert_int_equal(count(t, "  EL1  "), 3);
	result_free(&r);
}

static void test_trace_json_lines_are_one_object_each(void **state)
{
	result r = run("trace", fixture, "--json", NULL);
	if (r.code != 0)
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	size_t lines = 0, insns = 0;
	for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n")) {
		lines++;
		assert_int_equal(line[0], '{');
		assert_int_equal(line[strlen(line) - 1], '}');
		if (strstr(line, "\"type\":\"insn\""))
			insns++;
		if (strstr(line, "\"type\":\"exception\"")) {
			expect_in(line, "\"ec\":\"HVC64\"", "exception line");
			expect_in(line, "\"esr\":\"0x5a000012\"", "exception line");
			expect_in(line, "\"vector\":\"0x40000c00\"", "exception line");
		}
		if (strstr(line, "\"type\":\"end\""))
			expect_in(line, "\"reason\":\"sentinel\"", "end line");
	}
	assert_int_equal(insns, 16);
	assert_true(lines > insns);
	result_free(&r);
}

static void test_trace_events_only_has_no_instruction_lines(void **state)
{
	result r = run("trace", fixture, "--events-only", NULL);
	if (r.code != 0)
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	expect_not_in(r.out, "msr vbar_el2, x0", "trace");
	expect_in(r.out, "! exception HVC EL1 -> EL2", "trace");
	expect_in(r.out, "! eret EL2 -> EL1", "trace");
	result_free(&r);
}

static void test_trace_max_lines_stops_the_run(void **state)
{
	result r = run("trace", fixture, "--max-lines", "3", NULL);
	if (r.code != 0)
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	assert_int_equal(count(r.out, "\n"), 4);
	expect_in(r.out, "-- stop: max-lines", "trace");
	result_free(&r);
}

static void test_trace_budget_exhausted_is_exit_4(void **state)
{
	result r = run("trace", fixture, "--entry", "spin", "--budget", "5", "--events-only", NULL);
	assert_int_equal(r.code, 4);
	expect_in(r.out, "-- stop: budget", "trace");
	result_free(&r);
}

/* --alternatives: run shows the site's replacement executed (msr pan, #1
 * sets PSTATE.PAN, bit 22); every command refuses an unknown capability
 * with a usage error naming it. */
static void test_alternatives_are_applied_and_unknown_capabilities_refused(void **state)
{
	(void)state;
	if (!alt_fixture)
		skip();
	result r = run("run", alt_fixture, "--stop-at", "site_branch", "--json", NULL);
	assert_int_equal(r.code, 0);
	expect_in(r.out, "\"pstate\": \"0x3c9\"", "run without --alternatives");
	result_free(&r);
	r = run("run", alt_fixture, "--stop-at", "site_branch", "--json", "--alternatives",
		"ARM64_HAS_PAN", NULL);
	assert_int_equal(r.code, 0);
	expect_in(r.out, "\"pstate\": \"0x4003c9\"", "run --alternatives ARM64_HAS_PAN");
	result_free(&r);
	static const char *const cmds[] = {"run", "trace", "check", "bench", "mutate"};
	for (size_t i = 0; i < 5; i++) {
		r = run(cmds[i], alt_fixture, "--alternatives", "HAS_PAN,NO_SUCH_CAP", NULL);
		assert_int_equal(r.code, 2);
		expect_in(r.err, "--alternatives: unknown capability 'NO_SUCH_CAP' for Linux 6.1",
			  cmds[i]);
		result_free(&r);
	}
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: test_cli EL2SIM FIXTURE.o FIXTURE.S\n");
		return 77;
	}
	el2sim = argv[1];
	fixture = argv[2];
	fixture_src = argv[3];
	undef_fixture = argc > 4 ? argv[4] : NULL;
	virt_fixture = argc > 5 ? argv[5] : NULL;
	tarmac_golden = argc > 6 ? argv[6] : NULL;
	alt_fixture = argc > 7 ? argv[7] : NULL;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run_stops_at_the_sentinel_after_the_round_trip),
		cmocka_unit_test(test_run_json_has_stop_counts_phases_and_registers),
		cmocka_unit_test(test_run_json_is_deterministic),
		cmocka_unit_test(test_run_at_el1_from_a_symbol),
		cmocka_unit_test(test_run_stop_at_symbol_stops_before_it),
		cmocka_unit_test(test_run_budget_exhausted_is_exit_4_with_the_reason),
		cmocka_unit_test(test_run_wild_jump_is_exit_1_naming_the_address),
		cmocka_unit_test(test_run_help_shows_examples),
		cmocka_unit_test(test_every_command_has_help_with_options_and_examples),
		cmocka_unit_test(test_undefined_symbols_are_named_and_define_loads_them),
		cmocka_unit_test(test_run_cpu_takes_the_pe_from_a_profile),
		cmocka_unit_test(test_unknown_options_point_to_the_commands_help),
		cmocka_unit_test(test_typos_get_a_did_you_mean),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_long_runs_are_quiet_when_stderr_is_not_a_terminal),
		cmocka_unit_test(test_progress_is_shown_when_stderr_is_a_terminal),
		cmocka_unit_test(test_input_and_usage_errors_have_stable_exit_codes),
		cmocka_unit_test(test_virt_program_prints_and_powers_off),
		cmocka_unit_test(test_trace_tarmac_matches_the_golden_file),
		cmocka_unit_test(test_trace_shows_disassembly_symbols_els_and_events),
		cmocka_unit_test(test_trace_json_lines_are_one_object_each),
		cmocka_unit_test(test_trace_events_only_has_no_instruction_lines),
		cmocka_unit_test(test_trace_max_lines_stops_the_run),
		cmocka_unit_test(test_trace_budget_exhausted_is_exit_4),
		cmocka_unit_test(test_alternatives_are_applied_and_unknown_capabilities_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
