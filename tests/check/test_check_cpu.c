/* SPDX-License-Identifier: MIT */
/* The [cpu] profile section (sim/check/check_cpu.c): features, PMU
 * counters and ID register overrides reach the PE the checker builds;
 * every bad line is an error naming the line. */
#include "check_test_util.h"
#include "el2sim/config.h"
#include "el2sim/sysreg.h"

static int parse(const char *text, el2_check_profile **p, char *err, size_t len)
{
	*p = NULL;
	return el2_check_profile_parse(text, strlen(text), p, err, len);
}

static el2_config cpu_of(const char *text)
{
	el2_check_profile *p;
	char err[300];
	if (parse(text, &p, err, sizeof(err)))
		fail_msg("unexpected error: %s", err);
	el2_config cfg;
	assert_int_equal(el2_check_profile_cpu(p, &cfg, err, sizeof(err)), EL2_OK);
	el2_check_profile_free(&p);
	return cfg;
}

static void test_cpu_section_changes_the_default_pe(void **state)
{
	(void)state;
	el2_config def = el2_config_default();
	el2_config c = cpu_of("[cpu]\nfeatures = -vhe +idst, -pmu\npmu_counters = 4\n"
			      "id.ID_AA64MMFR1_EL1 = 0x00200020\nid.midr_el1 = 0x410fd4f0\n");
	assert_int_equal(c.features,
			 (def.features | EL2_FEAT_IDST) & ~(uint32_t)(EL2_FEAT_VHE | EL2_FEAT_PMU));
	assert_int_equal(c.pmu_counters, 4);
	uint64_t v = 0;
	assert_true(el2_config_id_override(&c, EL2_SR_ID_AA64MMFR1_EL1, &v));
	assert_int_equal(v, 0x00200020);
	assert_true(el2_config_id_override(&c, EL2_SR_MIDR_EL1, &v));
	assert_int_equal(v, 0x410fd4f0);
	/* the PAuth, SVE and MTE names are the model's enum bits */
	c = cpu_of("[cpu]\nfeatures = +pauth +sve +mte\n");
	assert_int_equal(c.features, def.features | EL2_FEAT_PAUTH | EL2_FEAT_SVE | EL2_FEAT_MTE);
	c = cpu_of("[cpu]\nfeatures = none pauth sve\n");
	assert_int_equal(c.features, EL2_FEAT_PAUTH | EL2_FEAT_SVE);
	/* 'none' starts from no feature */
	c = cpu_of("[cpu]\nfeatures = none pan\n");
	assert_int_equal(c.features, EL2_FEAT_PAN);
	/* no [cpu]: the default */
	c = cpu_of("[world]\nmode = nvhe\n");
	assert_int_equal(c.features, def.features);
	assert_int_equal(c.n_id_override, 0);
}

static const struct {
	const char *text;
	const char *message; /* the error starts with this */
	el2_err code;        /* syntax, or a configuration the model refuses */
} bad[] = {
#define SYNTAX EL2_ERR_PROFILE_SYNTAX
	{"[cpu]\nfeatures = +warp\n",
	 "line 2: [cpu] features: unknown feature 'warp' (known: none vhe pan pan2", SYNTAX},
	{"[cpu]\nfeatures = +vhe -vhe\n", "line 2: [cpu] features: 'vhe' both added and removed",
	 SYNTAX},
	{"[cpu]\nfeatures = pan\nfeatures = uao\n", "line 3: [cpu]: 'features' given twice", SYNTAX},
	{"[cpu]\nfeatures = -pan\n", "line 2: [cpu] features: FEAT_PAN2 needs FEAT_PAN",
	 EL2_ERR_BAD_CONFIG},
	{"[cpu]\nfeatures = -vhe\n\nid.ID_AA64MMFR1_EL1 = 0x100\n",
	 "line 4: [cpu]: ID_AA64MMFR1_EL1.VH = 1 claims more than the configuration implements "
	 "(0): enable FEAT_VHE", EL2_ERR_BAD_CONFIG},
	{"[cpu]\nfeatures = -pmu\nid.ID_AA64DFR0_EL1 = 0x408\n",
	 "line 3: [cpu]: ID_AA64DFR0_EL1.PMUVer = 4 claims more than the configuration implements "
	 "(0): enable FEAT_PMU", EL2_ERR_BAD_CONFIG},
	{"[cpu]\nid.CTR_EL0 = 0\n", "line 2: [cpu]: CTR_EL0 cannot be overridden", SYNTAX},
	{"[cpu]\nid.FOO_EL1 = 0\n", "line 2: [cpu]: 'FOO_EL1' is not a system register", SYNTAX},
	{"[cpu]\nid.MIDR_EL1 = big\n", "line 2: [cpu]: id.MIDR_EL1: 'big' is not a number", SYNTAX},
	{"[cpu]\nid.MIDR_EL1 = 1\nid.midr_el1 = 2\n", "line 3: [cpu]: id.MIDR_EL1 given twice",
	 SYNTAX},
	{"[cpu]\npmu_counters = 32\n", "line 2: [cpu]: pmu_counters '32' is not 0..31", SYNTAX},
	{"[cpu]\ncolour = red\n",
	 "line 2: [cpu]: unknown key 'colour' (features, pmu_counters, id.REGISTER)", SYNTAX},
#undef SYNTAX
};

static void test_bad_cpu_lines_name_the_line_and_the_problem(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		el2_check_profile *p;
		char err[300];
		el2_err e = parse(bad[i].text, &p, err, sizeof(err));
		if (e != bad[i].code || strncmp(err, bad[i].message, strlen(bad[i].message)))
			fail_msg("case %zu: got %d '%s'\nwant '%s...'", i, e, err, bad[i].message);
		assert_null(p);
	}
}

/* The names of the bits other branches add are known; they are an error
 * only while this build's model lacks the feature. */
static void test_every_preassigned_feature_bit_has_a_name(void **state)
{
	(void)state;
	static const char *const names[] = {"ras", "fgt", "hcrx", "pauth", "sve", "aa32el1",
					    "aa32el0"};
	for (unsigned i = 0; i < 7; i++) {
		char text[64], err[300];
		snprintf(text, sizeof(text), "[cpu]\nfeatures = -%s\n", names[i]);
		el2_check_profile *p;
		el2_err e = parse(text, &p, err, sizeof(err));
		if (EL2_FEAT_ALL & (1u << (9 + i)))
			assert_int_equal(e, EL2_OK);
		else if (e != EL2_ERR_UNSUPPORTED || !strstr(err, "not implemented by this build"))
			fail_msg("%s: got '%s'", names[i], err);
		el2_check_profile_free(&p);
	}
}

/* Profile text with extra lines appended. */
static char *profile_plus(const char *path, const char *extra)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof(buf) - strlen(extra) - 1, f);
	fclose(f);
	memcpy(buf + n, extra, strlen(extra) + 1);
	return buf;
}

static el2_err check_with(const char *elf, const char *prof_path, const char *extra,
			  el2_check_result **res, char *err, size_t len)
{
	const char *obj = ct_arg(elf), *pp = ct_arg(prof_path);
	if (!obj || !pp)
		skip();
	const char *text = profile_plus(pp, extra);
	el2_check_profile *p;
	if (parse(text, &p, err, len))
		fail_msg("profile: %s", err);
	el2_check_opts o = el2_check_opts_default();
	o.runs = 1;
	o.corners = false;
	el2_err e = el2_check_file(obj, p, &o, res, err, len);
	el2_check_profile_free(&p);
	return e;
}

/* The checker builds its PE from [cpu]: a VHE world switch on a PE
 * without FEAT_VHE is refused; the nVHE reference still passes on a PE
 * that reports no VHE and has two PMU counters. */
static void test_the_checker_runs_on_the_cpu_the_profile_describes(void **state)
{
	(void)state;
	el2_check_result *res = NULL;
	char err[300];
	el2_err e = check_with("vhe", "vhe.profile", "\n[cpu]\nfeatures = -vhe\n", &res, err,
			       sizeof(err));
	assert_int_equal(e, EL2_ERR_INVALID_ARG);
	assert_non_null(strstr(err, "no FEAT_VHE"));
	e = check_with("nvhe", "nvhe.profile",
		       "\n[cpu]\npmu_counters = 2\nid.ID_AA64MMFR1_EL1 = 0x00200020\n", &res, err,
		       sizeof(err));
	if (e)
		fail_msg("nvhe: %s", err);
	if (!el2_check_passed(res))
		ct_dump(res);
	assert_true(el2_check_passed(res));
	el2_check_result_free(&res);
}

int main(int argc, char **argv)
{
	ct_argc = argc;
	ct_argv = argv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpu_section_changes_the_default_pe),
		cmocka_unit_test(test_bad_cpu_lines_name_the_line_and_the_problem),
		cmocka_unit_test(test_every_preassigned_feature_bit_has_a_name),
		cmocka_unit_test(test_the_checker_runs_on_the_cpu_the_profile_describes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
