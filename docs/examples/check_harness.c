/* SPDX-License-Identifier: MIT */
/* An example cmocka harness: the world-switch check of `el2sim check`
 * through the library API (docs/check.md, docs/tutorial.md). Build it
 * against an installed libel2sim:
 *
 *   cc check_harness.c $(pkg-config --cflags --libs el2sim cmocka) -o check_harness
 *
 * usage: check_harness HYP.ELF PROFILE [BROKEN.ELF PROPERTY REGISTER]
 *
 * HYP.ELF must pass every property. The optional BROKEN.ELF is a variant
 * with a bug planted on purpose: it must fail, with a finding of PROPERTY
 * (1..7) on REGISTER (as the report names it, e.g. SP_EL0) whose expected
 * value is a host value and whose found value is not (a lost or leaked
 * register). Keeping such a variant in CI shows the check still bites. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>
#include <el2sim/check.h>

static const char *hyp_elf, *profile_path, *broken_elf, *broken_reg;
static unsigned broken_property;

/* Runs the check on elf with the profile; the result is the caller's. */
static el2_check_result *check(const char *elf)
{
	char err[512];
	el2_check_profile *prof = NULL;
	if (el2_check_profile_load(profile_path, &prof, err, sizeof(err)) != EL2_OK)
		fail_msg("profile: %s", err);
	el2_check_opts opts = el2_check_opts_default();
	opts.runs = 4;   /* randomized runs, after the two corner-value runs */
	opts.seed = 1;   /* a seed reproduces every run exactly */
	el2_check_result *res = NULL;
	el2_err e = el2_check_file(elf, prof, &opts, &res, err, sizeof(err));
	el2_check_profile_free(&prof);
	if (e != EL2_OK)
		fail_msg("%s: %s (%s)", elf, err, el2_strerror(e));
	return res;
}

static void test_world_switch_holds_every_property(void **state)
{
	(void)state;
	el2_check_result *res = check(hyp_elf);
	if (!el2_check_passed(res))
		el2_check_write_text(res, stderr); /* the diagnostic, for the CI log */
	assert_true(el2_check_passed(res));
	/* Passing means something only if every property was looked at
	 * (property 8, exit codes, needs the profile's [exit_codes]). */
	assert_true(el2_check_round_trips(res) > 0);
	for (unsigned p = 1; p <= EL2_CHECK_N_PROPERTIES; p++)
		assert_true(el2_check_property_checks(res, p) > 0);
	el2_check_result_free(&res);
}

static void test_broken_variant_is_caught(void **state)
{
	(void)state;
	if (!broken_elf)
		skip();
	el2_check_result *res = check(broken_elf);
	assert_false(el2_check_passed(res));
	assert_true(el2_check_property_failures(res, broken_property) > 0);

	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f);
	const el2_check_finding *hit = NULL;
	for (size_t i = 0; i < n && !hit; i++)
		if (f[i].property == broken_property && !strcasecmp(f[i].reg, broken_reg))
			hit = &f[i];
	if (!hit) {
		el2_check_write_text(res, stderr);
		fail_msg("no property-%u finding on %s", broken_property, broken_reg);
	}
	/* Each value is a tag naming its origin: the register should have held
	 * the host's own value and holds something else. */
	assert_true(hit->has_values);
	el2_tag_side side;
	el2_reg reg;
	unsigned run;
	assert_true(el2_check_tag_decode(hit->expected, &side, &reg, &run, NULL));
	assert_int_equal(side, EL2_TAG_HOST);
	assert_true(hit->found != hit->expected);
	printf("caught: property %u (%s) on %s: expected %s, found %s\n", hit->property,
	       el2_check_property_name(hit->property), hit->reg, hit->expected_desc,
	       hit->found_desc);
	el2_check_result_free(&res);
}

int main(int argc, char **argv)
{
	if (argc != 3 && argc != 6) {
		fprintf(stderr, "usage: %s HYP.ELF PROFILE [BROKEN.ELF PROPERTY REGISTER]\n",
			argv[0]);
		return 2;
	}
	hyp_elf = argv[1];
	profile_path = argv[2];
	if (argc == 6) {
		broken_elf = argv[3];
		broken_property = (unsigned)strtoul(argv[4], NULL, 10);
		broken_reg = argv[5];
		if (broken_property < 1 || broken_property > EL2_CHECK_N_PROPERTIES) {
			fprintf(stderr, "%s: PROPERTY must be 1..%d\n", argv[0],
				EL2_CHECK_N_PROPERTIES);
			return 2;
		}
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_world_switch_holds_every_property),
		cmocka_unit_test(test_broken_variant_is_caught),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
