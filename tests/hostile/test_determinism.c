/* SPDX-License-Identifier: MIT */
/* Determinism: the same command and seed give byte-identical output.
 * Each command runs twice with a different heap fill (MALLOC_PERTURB_,
 * so a value read from uninitialised memory shows) and a different
 * TMPDIR (mutate's temporary copies have random names); address-space
 * randomization differs between the two processes anyway, so a printed
 * pointer or hash order by address would show too. argv: key=path pairs
 * (see main). */
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

static const char *el2sim, *nvhe, *vhe, *nvhe_bug, *nvhe_profile, *vhe_profile, *rel_o;

static cli_result run_with(const char *perturb, const char *tmpdir, char **argv)
{
	setenv("MALLOC_PERTURB_", perturb, 1);
	setenv("TMPDIR", tmpdir, 1);
	return cli_spawn(argv, 300);
}

/* Runs el2sim twice with the NULL-terminated arguments; stdout must be
 * the same bytes, non-empty, with the expected exit status both times. */
static void same_twice(int code, const char *first, ...)
{
	char *argv[40];
	va_list ap;
	va_start(ap, first);
	cli_argv(argv, 40, el2sim, first, ap);
	va_end(ap);
	char t1[] = "/tmp/el2sim-det-XXXXXX", t2[] = "/tmp/el2sim-det-XXXXXX";
	assert_non_null(mkdtemp(t1));
	assert_non_null(mkdtemp(t2));
	cli_result a = run_with("0", t1, argv);
	cli_result b = run_with("165", t2, argv);
	rmdir(t1);
	rmdir(t2);
	if (a.code != code || b.code != code)
		fail_msg("%s %s: exit %d and %d, wanted %d; stderr:\n%s", argv[1], argv[2], a.code,
			 b.code, code, a.err);
	assert_true(a.out_len > 0);
	if (a.out_len != b.out_len || memcmp(a.out, b.out, a.out_len)) {
		size_t i = 0;
		while (i < a.out_len && i < b.out_len && a.out[i] == b.out[i])
			i++;
		fail_msg("%s %s: outputs differ at byte %zu:\n--- first\n%.200s\n--- second\n%.200s",
			 argv[1], argv[2], i, a.out + (i > 80 ? i - 80 : 0),
			 b.out + (i > 80 ? i - 80 : 0));
	}
	cli_result_free(&a);
	cli_result_free(&b);
}

static void test_check_json_of_both_references_is_byte_identical(void **state)
{
	same_twice(0, "check", nvhe, "--layout", nvhe_profile, "--json", "--seed", "42", NULL);
	same_twice(0, "check", vhe, "--layout", vhe_profile, "--json", "--seed", "42", NULL);
}

static void test_check_json_with_findings_is_byte_identical(void **state)
{
	/* Findings carry values, seeds and last writers: all must repeat. */
	same_twice(1, "check", nvhe_bug, "--layout", nvhe_profile, "--json", "--runs", "6", NULL);
}

static void test_run_and_trace_json_are_byte_identical(void **state)
{
	same_twice(0, "run", rel_o, "--json", NULL);
	same_twice(0, "trace", rel_o, "--json", NULL);
}

static void test_mutate_json_is_byte_identical(void **state)
{
	same_twice(0, "mutate", nvhe, "--layout", nvhe_profile, "--max-mutants", "6", "--json",
		   NULL);
}

int main(int argc, char **argv)
{
	el2sim = cli_arg(argc, argv, "el2sim");
	nvhe = cli_arg(argc, argv, "nvhe");
	vhe = cli_arg(argc, argv, "vhe");
	nvhe_bug = cli_arg(argc, argv, "nvhe_bug");
	nvhe_profile = cli_arg(argc, argv, "nvhe_profile");
	vhe_profile = cli_arg(argc, argv, "vhe_profile");
	rel_o = cli_arg(argc, argv, "rel");
	if (!el2sim || !nvhe || !vhe || !nvhe_bug || !nvhe_profile || !vhe_profile || !rel_o) {
		fprintf(stderr, "usage: test_determinism el2sim= nvhe= vhe= nvhe_bug= "
				"nvhe_profile= vhe_profile= rel=\n");
		return 77;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_json_of_both_references_is_byte_identical),
		cmocka_unit_test(test_check_json_with_findings_is_byte_identical),
		cmocka_unit_test(test_run_and_trace_json_are_byte_identical),
		cmocka_unit_test(test_mutate_json_is_byte_identical),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
