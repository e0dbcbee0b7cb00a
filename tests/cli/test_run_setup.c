/* SPDX-License-Identifier: MIT */
/* tools/run_setup.c: option parsing and building the run (PE, regions,
 * image, registers) for `el2sim run` / `el2sim trace`. argv[1] is the
 * path of the cli.o fixture. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli.h"
#include "el2sim/bits.h"
#include "el2sim/pstate.h"
#include "run_setup.h"

static const char *fixture;

/* Parses a NULL-terminated argument list after the command name. */
static int parse(run_args *a, char *err, size_t len, ...)
{
	char *argv[32] = {"run"};
	int argc = 1;
	va_list ap;
	va_start(ap, len);
	for (const char *s; (s = va_arg(ap, const char *)) != NULL && argc < 31;)
		argv[argc++] = (char *)s;
	va_end(ap);
	argv[argc] = NULL;
	return run_args_parse(argc, argv, NULL, a, err, len);
}

static void test_numbers_accept_hex_decimal_and_suffixes(void **state)
{
	uint64_t v;
	assert_true(run_parse_u64("0x1000", RUN_NO_SUFFIX, &v));
	assert_int_equal(v, 0x1000);
	assert_true(run_parse_u64("4096", RUN_NO_SUFFIX, &v));
	assert_int_equal(v, 4096);
	assert_true(run_parse_u64("16K", RUN_SIZE_SUFFIX, &v));
	assert_int_equal(v, 16384);
	assert_true(run_parse_u64("2m", RUN_SIZE_SUFFIX, &v));
	assert_int_equal(v, 2u << 20);
	assert_true(run_parse_u64("1G", RUN_SIZE_SUFFIX, &v));
	assert_int_equal(v, 1u << 30);
	/* Counts: powers of 1000. */
	assert_true(run_parse_u64("10M", RUN_COUNT_SUFFIX, &v));
	assert_int_equal(v, 10000000);
	assert_true(run_parse_u64("3k", RUN_COUNT_SUFFIX, &v));
	assert_int_equal(v, 3000);
	assert_true(run_parse_u64("0xffffffffffffffff", RUN_NO_SUFFIX, &v));
	assert_int_equal(v, UINT64_MAX);
	assert_false(run_parse_u64("16K", RUN_NO_SUFFIX, &v));
	assert_false(run_parse_u64("0x10000000000000000", RUN_NO_SUFFIX, &v));
	assert_false(run_parse_u64("-1", RUN_NO_SUFFIX, &v));
	assert_false(run_parse_u64("", RUN_NO_SUFFIX, &v));
	assert_false(run_parse_u64("12abc", RUN_SIZE_SUFFIX, &v));
	assert_false(run_parse_u64("0xffffffffffffffffG", RUN_SIZE_SUFFIX, &v));
	assert_false(run_parse_u64("0x400000000000000K", RUN_SIZE_SUFFIX, &v));
}

static void test_region_fields_and_attributes_are_parsed(void **state)
{
	run_region r;
	char err[200];
	assert_true(run_parse_region("guest:0x80000000:1M:guest,el0,ro", &r, err, sizeof(err)));
	assert_string_equal(r.name, "guest");
	assert_int_equal(r.base, 0x80000000u);
	assert_int_equal(r.size, 1u << 20);
	assert_int_equal(r.attrs, EL2_MEM_GUEST | EL2_MEM_EL0 | EL2_MEM_RO);
	assert_true(run_parse_region("hyp:0x1000:0x2000", &r, err, sizeof(err)));
	assert_int_equal(r.attrs, EL2_MEM_HOST | EL2_MEM_HYP);
}

static void test_bad_region_syntax_says_what_is_expected(void **state)
{
	static const struct {
		const char *spec, *says;
	} bad[] = {
		{"ram:0x1000", "NAME:BASE:SIZE"},
		{"ram:0x1000:0x1000:host:extra", "NAME:BASE:SIZE"},
		{":0x1000:0x1000", "name"},
		{"ram:zz:0x1000", "base 'zz'"},
		{"ram:0x1000:0", "size '0'"},
		{"ram:0x1001:0x1000", "multiples of 0x1000"},
		{"ram:0x1000:0x1000:host,shiny", "unknown region attribute 'shiny'"},
		{"ram:0x1000:0x1000:ro", "host, hyp or guest"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		run_region r;
		char err[300] = "";
		assert_false(run_parse_region(bad[i].spec, &r, err, sizeof(err)));
		if (!strstr(err, bad[i].says))
			fail_msg("'%s': message '%s' lacks '%s'", bad[i].spec, err, bad[i].says);
	}
}

static void test_options_fill_run_args(void **state)
{
	run_args a;
	char err[300];
	assert_int_equal(parse(&a, err, sizeof(err), "x.o", "--entry", "leaf", "--el", "1", "--vhe",
			       "--reg", "x3=0x10", "--region", "r:0x1000:0x1000",
			       "--budget", "1M", "--stop-at", "spin", "--sentinel",
			       "0x5000", "--json", "--load-base", "0x80000", "--sp", "0x2000",
			       "--define", "ext_fn=0x1234", NULL),
			 EL2_EXIT_OK);
	assert_string_equal(a.obj, "x.o");
	assert_string_equal(a.entry, "leaf");
	assert_int_equal(a.el, 1);
	assert_true(a.vhe);
	assert_int_equal(a.n_regs, 1);
	assert_string_equal(a.regs[0].value, "0x10");
	assert_int_equal(a.n_regions, 1);
	assert_int_equal(a.budget, 1000000);
	assert_int_equal(a.n_stop_at, 1);
	assert_string_equal(a.sentinel, "0x5000");
	assert_true(a.json);
	assert_true(a.has_load_base);
	assert_int_equal(a.load_base, 0x80000);
	assert_string_equal(a.sp, "0x2000");
	assert_int_equal(a.n_defines, 1);
	assert_string_equal(a.defines[0].name, "ext_fn");
	assert_int_equal(a.defines[0].addr, 0x1234);
}

static void test_command_line_errors_are_usage_errors_with_advice(void **state)
{
	static const struct {
		const char *args[4];
		const char *says;
	} bad[] = {
		{{NULL}, "no object file given"},
		{{"a.o", "b.o"}, "one object file only"},
		{{"a.o", "--frob"}, "unknown option '--frob'"},
		{{"a.o", "--el", "3"}, "must be 0, 1 or 2"},
		{{"a.o", "--reg", "x0"}, "NAME=VALUE"},
		{{"a.o", "--budget", "0"}, "positive instruction count"},
		{{"a.o", "--load-base", "0x123"}, "page-aligned"},
		{{"a.o", "--region", "r:1"}, "NAME:BASE:SIZE"},
		{{"a.o", "--entry"}, "needs a value"},
		{{"a.o", "--define", "=0x10"}, "SYMBOL=ADDRESS"},
		{{"a.o", "--define", "f=zz"}, "SYMBOL=ADDRESS"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		run_args a;
		char err[300] = "";
		const char *const *v = bad[i].args;
		int rc = parse(&a, err, sizeof(err), v[0], v[1], v[2], v[3], NULL);
		assert_int_equal(rc, EL2_EXIT_USAGE);
		if (!strstr(err, bad[i].says))
			fail_msg("case %zu: message '%s' lacks '%s'", i, err, bad[i].says);
	}
}

static void test_help_needs_no_object(void **state)
{
	run_args a;
	char err[100];
	assert_int_equal(parse(&a, err, sizeof(err), "--help", NULL), EL2_EXIT_OK);
	assert_true(a.help);
}

/* ---- building the run from the fixture ---- */

static uint64_t rd(const run_env *env, el2_reg r)
{
	uint64_t v = 0;
	assert_int_equal(el2_reg_read(env->pe, r, &v), EL2_OK);
	return v;
}

static void test_default_layout_has_ram_at_load_base_stack_and_sentinel_in_x30(void **state)
{
	run_args a;
	run_env env;
	char err[300];
	assert_int_equal(parse(&a, err, sizeof(err), fixture, NULL), EL2_EXIT_OK);
	assert_int_equal(run_env_build(&a, &env, err, sizeof(err)), EL2_EXIT_OK);
	const el2_mem_region *ram = el2_mem_find_name(env.mem, "ram");
	const el2_mem_region *stack = el2_mem_find_name(env.mem, "stack");
	assert_non_null(ram);
	assert_non_null(stack);
	assert_int_equal(ram->base, RUN_DEFAULT_LOAD_BASE);
	assert_int_equal(ram->size, RUN_DEFAULT_RAM_SIZE);
	assert_int_equal(stack->base, RUN_DEFAULT_LOAD_BASE + RUN_DEFAULT_RAM_SIZE + RUN_STACK_GAP);
	/* _start is the ET_REL entry; .text is placed at the load base. */
	assert_int_equal(env.entry, RUN_DEFAULT_LOAD_BASE);
	assert_int_equal(rd(&env, EL2_REG_PC), RUN_DEFAULT_LOAD_BASE);
	assert_int_equal(rd(&env, EL2_REG_X(30)), RUN_DEFAULT_SENTINEL);
	assert_int_equal(rd(&env, EL2_REG_SP), stack->base + stack->size);
	/* EL2h with D, A, I, F masked: M[3:0] = 0b1001, bits 9:6 set. */
	assert_int_equal(rd(&env, EL2_REG_PSTATE), 0x3c9);
	assert_true(env.opts.has_sentinel);
	assert_int_equal(env.opts.sentinel, RUN_DEFAULT_SENTINEL);
	assert_int_equal(env.opts.budget, EL2_DEFAULT_BUDGET);
	assert_int_equal(env.opts.stop_on_exception_to, -1);
	run_env_free(&env);
}

static void test_el_vhe_regs_and_symbols_set_the_initial_state(void **state)
{
	run_args a;
	run_env env;
	char err[300];
	assert_int_equal(parse(&a, err, sizeof(err), fixture, "--entry", "leaf", "--el", "1",
			       "--vhe", "--reg", "x5=guest+8", "--reg", "VBAR_EL2=el2_vectors",
			       "--stop-at", "spin", "--budget", "77", NULL),
			 EL2_EXIT_OK);
	assert_int_equal(run_env_build(&a, &env, err, sizeof(err)), EL2_EXIT_OK);
	/* leaf is at .text + 0x38, guest at + 0x28 (cli.S), vectors 2K-aligned. */
	assert_int_equal(env.entry, RUN_DEFAULT_LOAD_BASE + 0x38);
	assert_int_equal(rd(&env, EL2_REG_X(5)), RUN_DEFAULT_LOAD_BASE + 0x28 + 8);
	assert_int_equal(rd(&env, EL2_SYSREG(VBAR_EL2)), RUN_DEFAULT_LOAD_BASE + 0x800);
	/* EL1h = M[3:0] 0b0101. */
	assert_int_equal(rd(&env, EL2_REG_PSTATE), 0x3c5);
	uint64_t hcr = rd(&env, EL2_SYSREG(HCR_EL2));
	assert_true(hcr & EL2_HCR_E2H);
	assert_true(hcr & EL2_HCR_TGE);
	assert_int_equal(env.opts.n_stop_addrs, 1);
	assert_int_equal(env.opts.stop_addrs[0], RUN_DEFAULT_LOAD_BASE + 0x40);
	assert_int_equal(env.opts.budget, 77);
	run_env_free(&env);
}

static void test_el0_start_is_el0t_and_default_regions_are_el0_accessible(void **state)
{
	run_args a;
	run_env env;
	char err[300];
	assert_int_equal(parse(&a, err, sizeof(err), fixture, "--el", "0", NULL), EL2_EXIT_OK);
	assert_int_equal(run_env_build(&a, &env, err, sizeof(err)), EL2_EXIT_OK);
	assert_int_equal(rd(&env, EL2_REG_PSTATE), 0x3c0);
	assert_true(el2_mem_find_name(env.mem, "ram")->attrs & EL2_MEM_EL0);
	run_env_free(&env);
}

static void test_build_errors_name_the_problem(void **state)
{
	static const struct {
		const char *args[5];
		int code;
		const char *says;
	} bad[] = {
		{{"--entry", "no_such_sym"}, EL2_EXIT_USAGE, "symbol 'no_such_sym' not found"},
		{{"--reg", "q9=1"}, EL2_EXIT_USAGE, "unknown register 'q9'"},
		{{"--reg", "x1=nosym+4"}, EL2_EXIT_USAGE, "symbol 'nosym' not found"},
		{{"--stop-at", "missing"}, EL2_EXIT_USAGE, "symbol 'missing' not found"},
		{{"--sentinel", "0x40000100"}, EL2_EXIT_USAGE, "inside region 'ram'"},
		{{"--region", "a:0x40000000:1M", "--region", "b:0x40080000:1M"}, EL2_EXIT_USAGE,
		 "overlaps region 'a'"},
		{{"--region", "a:0x10000000:1M"}, EL2_EXIT_INPUT, "cannot load"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		run_args a;
		run_env env;
		char err[400] = "";
		const char *const *v = bad[i].args;
		assert_int_equal(parse(&a, err, sizeof(err), fixture, v[0], v[1], v[2], v[3], NULL),
				 EL2_EXIT_OK);
		int rc = run_env_build(&a, &env, err, sizeof(err));
		if (rc != bad[i].code || !strstr(err, bad[i].says))
			fail_msg("case %zu: exit %d '%s', wanted %d '%s'", i, rc, err, bad[i].code,
				 bad[i].says);
	}
}

static void test_unreadable_or_non_elf_objects_are_bad_input(void **state)
{
	run_args a;
	run_env env;
	char err[400];
	assert_int_equal(parse(&a, err, sizeof(err), "/nonexistent/x.o", NULL), EL2_EXIT_OK);
	assert_int_equal(run_env_build(&a, &env, err, sizeof(err)), EL2_EXIT_INPUT);
	assert_non_null(strstr(err, "cannot read '/nonexistent/x.o'"));

	char path[] = "/tmp/el2sim-notelf-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("this is not an ELF file\n", f);
	fclose(f);
	assert_int_equal(parse(&a, err, sizeof(err), path, NULL), EL2_EXIT_OK);
	int rc = run_env_build(&a, &env, err, sizeof(err));
	remove(path);
	assert_int_equal(rc, EL2_EXIT_INPUT);
	assert_non_null(strstr(err, "cannot load"));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest unit[] = {
		cmocka_unit_test(test_numbers_accept_hex_decimal_and_suffixes),
		cmocka_unit_test(test_region_fields_and_attributes_are_parsed),
		cmocka_unit_test(test_bad_region_syntax_says_what_is_expected),
		cmocka_unit_test(test_options_fill_run_args),
		cmocka_unit_test(test_command_line_errors_are_usage_errors_with_advice),
		cmocka_unit_test(test_help_needs_no_object),
	};
	const struct CMUnitTest with_fixture[] = {
		cmocka_unit_test(test_default_layout_has_ram_at_load_base_stack_and_sentinel_in_x30),
		cmocka_unit_test(test_el_vhe_regs_and_symbols_set_the_initial_state),
		cmocka_unit_test(test_el0_start_is_el0t_and_default_regions_are_el0_accessible),
		cmocka_unit_test(test_build_errors_name_the_problem),
		cmocka_unit_test(test_unreadable_or_non_elf_objects_are_bad_input),
	};
	int failed = cmocka_run_group_tests(unit, NULL, NULL);
	if (argc < 2) {
		printf("cli.o fixture not given: skipping the tests that load it\n");
		return failed;
	}
	fixture = argv[1];
	return failed | cmocka_run_group_tests(with_fixture, NULL, NULL);
}
