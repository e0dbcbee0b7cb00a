/* SPDX-License-Identifier: MIT */
/* The type-1 checker (docs/type1.md) on the type-1 reference
 * (tests/ref/type1): the reference passes; each seeded-bug variant fails
 * EXACTLY the properties its defect breaks (reasoned from the defect) and
 * a failing finding names the register (or memory) it corrupts.
 * Arguments: type1.profile=PATH and name=path for every built ELF. */
#include "check_test_util.h"

#define P(n) (1u << (n))

typedef struct variant {
	const char *name;
	unsigned props;    /* bit p: property p must fail; all others must hold */
	const char *reg;   /* a failing finding names this register */
	const char *phase; /* ... in a phase holding this text (NULL: any) */
} variant;

static const variant variants[] = {
	{"type1", 0, NULL, NULL},
	/* x19 corrupted only when EL2 resumes the same vCPU */
	{"type1-bug-resume-x19", P(2), "x19", "resume of"},
	/* the handled call's fast path uses x18 and never reloads it: the
	 * guest gets an EL2 address (its struct vcpu) there */
	{"type1-bug-x18-fast", P(2) | P(4), "x18", "(hvc)"},
	/* the slow path restores x18 but never saves it: stale at a resume
	 * and after a switch */
	{"type1-bug-x18-uneven", P(2) | P(3), "x18", NULL},
	/* TPIDR_EL2 still points at the vCPU switched out */
	{"type1-bug-tpidr-stale", P(6), "TPIDR_EL2", "of b"},
	/* XSA-91: CNTKCTL_EL1 restored but never saved */
	{"type1-bug-cntkctl-save", P(3), "CNTKCTL_EL1", "back after switch"},
	/* XSA-201: a's pending virtual SError (HCR_EL2.VSE) given to b */
	{"type1-bug-vse-carried", P(4), "HCR_EL2", "of b"},
	/* XSA-263: a field the hypervisor must initialise reaches TPIDR_EL1 */
	{"type1-bug-uninit-ctx", P(4), "TPIDR_EL1", "first entry"},
	/* an uninitialised word of the EL2 stack copied to the guest's mailbox */
	{"type1-bug-stack-leak", P(4), "memory", NULL},
	/* XSA-93: DBGBVR0_EL1 not switched: never loaded (first entries), b
	 * sees a's value, a comes back with b's */
	{"type1-bug-debug-shared", P(2) | P(3) | P(4), "DBGBVR0_EL1", NULL},
	/* __context_switch gives a callee-saved register back changed */
	{"type1-bug-switch-callee", P(6), "x27", "return to EL2 caller"},
	/* XSA-93 (PMU shared): PMUSERENR_EL0 restored but never saved; the
	 * guest stub writes it because MDCR_EL2.TPM is clear */
	{"type1-bug-pmuserenr-save", P(3), "PMUSERENR_EL0", "back after switch"},
};
#define N_VARIANTS (sizeof(variants) / sizeof(variants[0]))

/* The reference's profile, with the text `from` (if any) replaced by
 * `to`, `from2` by `to2`, and extra appended. */
static el2_check_profile *profile_edit2(const char *from, const char *to, const char *from2,
					const char *to2, const char *extra);

static el2_check_profile *profile_edit(const char *from, const char *to, const char *extra)
{
	return profile_edit2(from, to, NULL, NULL, extra);
}

static size_t replace(char *buf, size_t n, const char *from, const char *to)
{
	char *at = strstr(buf, from);
	assert_non_null(at);
	size_t lf = strlen(from), lt = strlen(to);
	memmove(at + lt, at + lf, n - (size_t)(at - buf) - lf + 1);
	memcpy(at, to, lt);
	return n - lf + lt;
}

static el2_check_profile *profile_edit2(const char *from, const char *to, const char *from2,
					const char *to2, const char *extra)
{
	const char *path = ct_arg("type1.profile");
	assert_non_null(path);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof(buf) - 512, f);
	fclose(f);
	buf[n] = '\0';
	if (from)
		n = replace(buf, n, from, to);
	if (from2)
		n = replace(buf, n, from2, to2);
	if (extra) {
		memcpy(buf + n, extra, strlen(extra));
		n += strlen(extra);
	}
	el2_check_profile *p = NULL;
	char err[256];
	if (el2_check_profile_parse(buf, n, &p, err, sizeof(err)))
		fail_msg("profile: %s", err);
	return p;
}

static el2_check_profile *profile(const char *extra)
{
	return profile_edit(NULL, NULL, extra);
}

static unsigned check_prof(const char *name, el2_check_profile *p, el2_check_result **out)
{
	const char *obj = ct_arg(name);
	if (!obj)
		fail_msg("no ELF for %s", name);
	el2_check_opts o = el2_check_opts_default();
	o.runs = 1;
	char err[512];
	el2_err e = el2_check_file(obj, p, &o, out, err, sizeof(err));
	el2_check_profile_free(&p);
	if (e)
		fail_msg("%s: %s", name, err);
	unsigned failed = 0;
	for (unsigned prop = 1; prop <= EL2_CHECK_N_PROPERTIES; prop++)
		if (el2_check_property_failures(*out, prop))
			failed |= P(prop);
	return failed;
}

/* [cpu] applies in type-1 mode too (it was ignored): the reference
 * passes on the default PE, but on one without FEAT_PMU its context switch
 * saves PMUSERENR_EL0, which is UNDEFINED there, and the resume scenario
 * never reaches its end (property 2). */
static void test_cpu_section_applies(void **state)
{
	(void)state;
	el2_check_result *res = NULL;
	assert_int_equal(check_prof("type1", profile(NULL), &res), 0);
	el2_check_result_free(&res);
	assert_int_equal(check_prof("type1", profile("\n[cpu]\nfeatures = -pmu\n"), &res), P(2));
	const el2_check_finding *f = NULL;
	size_t n = el2_check_findings(res, &f);
	assert_true(n > 0);
	assert_non_null(strstr(f[0].detail, "never reached its end"));
	el2_check_result_free(&res);
}

static unsigned check(const char *name, const char *extra, el2_check_result **out)
{
	return check_prof(name, profile(extra), out);
}

static bool names(const el2_check_result *res, unsigned props, const char *reg, const char *phase)
{
	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f);
	for (size_t k = 0; k < n; k++)
		if ((props & P(f[k].property)) && !strcmp(f[k].reg, reg) &&
		    (!phase || strstr(f[k].phase, phase)))
			return true;
	return false;
}

static void test_variant_fails_exactly_its_properties(void **state)
{
	const variant *v = *state;
	el2_check_result *res = NULL;
	unsigned got = check(v->name, NULL, &res);
	bool named = !v->reg || names(res, v->props, v->reg, v->phase);
	if (got != v->props || !named) {
		printf("  expected failing properties 0x%x, got 0x%x%s\n", v->props, got,
		       named ? "" : " (no finding names the register)");
		el2_check_write_text(res, stdout);
	}
	/* judged on every variant: resume fidelity, complete save,
	 * isolation and EL2 state; nothing of a host */
	for (unsigned p = 2; p <= 6; p += (p == 4 ? 2 : 1))
		assert_true(el2_check_property_checks(res, p) > 0);
	assert_int_equal(el2_check_property_checks(res, 1), 0);
	assert_int_equal(el2_check_property_checks(res, 5), 0);
	el2_check_result_free(&res);
	assert_int_equal(got, v->props);
	assert_true(named);
}

/* Xen and Hafnium never use SP_EL0 at EL2: with el2_sp_el0 unset the
 * guest's SP_EL0 stays live through C, and property 7 is not judged.
 * A profile that says EL2 keeps its own value there (0) makes every call
 * into C with the guest's SP_EL0 a finding. */
static void test_sp_el0_window_only_where_the_profile_says(void **state)
{
	(void)state;
	el2_check_result *res = NULL;
	assert_int_equal(check("type1", NULL, &res), 0);
	assert_int_equal(el2_check_property_checks(res, 7), 0);
	el2_check_result_free(&res);
	assert_int_equal(check("type1", "\n[type1]\nel2_sp_el0 = 0\n", &res), P(7));
	assert_true(names(res, P(7), "call", NULL));
	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f);
	bool into_c = false;
	for (size_t k = 0; k < n; k++)
		into_c |= strstr(f[k].detail, "to t1_handle_") != NULL;
	el2_check_result_free(&res);
	assert_true(into_c);
}

/* The leaked word is named by its place in the guest's memory and by what
 * it is (a poisoned EL2 stack word): the reply's fourth word. */
static void test_stack_leak_names_the_mailbox_word(void **state)
{
	(void)state;
	el2_check_result *res = NULL;
	check("type1-bug-stack-leak", NULL, &res);
	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f);
	bool hit = false;
	for (size_t k = 0; k < n; k++)
		hit |= f[k].property == 4 && strstr(f[k].detail, "guest_a+0xf018") &&
		       strstr(f[k].found_desc, "EL2");
	el2_check_result_free(&res);
	assert_true(hit);
}

/* XSA-93: b's first entry shows a's DBGBVR0_EL1, attributed to vCPU a. */
static void test_shared_debug_register_names_the_other_vcpu(void **state)
{
	(void)state;
	el2_check_result *res = NULL;
	check("type1-bug-debug-shared", NULL, &res);
	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f);
	bool hit = false;
	for (size_t k = 0; k < n; k++)
		hit |= f[k].property == 4 && !strcmp(f[k].reg, "DBGBVR0_EL1") &&
		       strstr(f[k].phase, "of b") && strstr(f[k].found_desc, "vcpu a");
	el2_check_result_free(&res);
	assert_true(hit);
}

/* A run that never reaches its end is one finding naming where it stopped. */
static void test_budget_stop_is_a_finding(void **state)
{
	(void)state;
	const char *obj = ct_arg("type1");
	el2_check_profile *p = profile(NULL);
	el2_check_opts o = el2_check_opts_default();
	o.runs = 0;
	o.budget = 200;
	el2_check_result *res = NULL;
	char err[256];
	assert_int_equal(el2_check_file(obj, p, &o, &res, err, sizeof(err)), EL2_OK);
	el2_check_profile_free(&p);
	assert_true(names(res, P(2), "pc", "scenario end"));
	el2_check_result_free(&res);
}

/* vCPUs of one VM share its RAM: b's stub goes 12 KiB after a's in it,
 * and a's values there are no leak to b; the reference still passes, the
 * shared debug register is still caught, and so is an EL2 value in the
 * shared region (an EL2 side is no vCPU's): the stack word leaked into a's
 * mailbox, now found by b too. */
static void test_vcpus_sharing_memory_get_their_own_stubs(void **state)
{
	(void)state;
	el2_check_result *res = NULL;
	static const char from[] = "memory = guest_b mmio", to[] = "memory = guest_a guest_b mmio";
	assert_int_equal(check_prof("type1", profile_edit(from, to, NULL), &res), 0);
	el2_check_result_free(&res);
	assert_int_equal(check_prof("type1-bug-debug-shared", profile_edit(from, to, NULL), &res),
			 P(2) | P(3) | P(4));
	assert_true(names(res, P(4), "DBGBVR0_EL1", "of b"));
	el2_check_result_free(&res);
	assert_int_equal(check_prof("type1-bug-stack-leak", profile_edit(from, to, NULL), &res),
			 P(4));
	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f), by_b = 0;
	for (size_t k = 0; k < n; k++)
		by_b += f[k].property == 4 && strstr(f[k].detail, "guest_a+0xf018") &&
			strstr(f[k].detail, "readable by vcpu b") && strstr(f[k].found_desc, "EL2");
	el2_check_result_free(&res);
	assert_true(by_b > 0);
}

/* A stub placed where it has no room is an error naming the vCPU. */
static void test_stub_without_room_is_an_error(void **state)
{
	(void)state;
	el2_check_profile *p = profile_edit("memory = guest_b mmio",
					    "memory = guest_b mmio\nstub = 0x8010ff00", NULL);
	el2_check_opts o = el2_check_opts_default();
	el2_check_result *res = NULL;
	char err[512];
	assert_int_equal(el2_check_file(ct_arg("type1"), p, &o, &res, err, sizeof(err)),
			 EL2_ERR_INVALID_ARG);
	el2_check_profile_free(&p);
	assert_non_null(strstr(err, "vcpu b's guest stub does not fit"));
}

/* switch = irq: the scheduler's tick switches vCPUs (the irq-switch
 * flavour); the same checks hold, and XSA-91 is caught there too. */
static el2_check_profile *irqsw_profile(void)
{
	return profile_edit2("switch = hvc 0xc6000100 x0", "switch = irq", "irq = yes", "irq = no",
			     NULL);
}

static void test_interrupt_driven_switch(void **state)
{
	(void)state;
	el2_check_result *res = NULL;
	assert_int_equal(check_prof("type1-irqsw", irqsw_profile(), &res), 0);
	assert_true(el2_check_property_checks(res, 3) > 0);
	el2_check_result_free(&res);
	assert_int_equal(check_prof("type1-irqsw-bug-cntkctl-save", irqsw_profile(), &res), P(3));
	assert_true(names(res, P(3), "CNTKCTL_EL1", "back after switch"));
	el2_check_result_free(&res);
}

/* A finding's scenario and run replay it alone (its replay command), and
 * a KVM scenario name is refused for a type1 profile. */
static void test_finding_replays_alone(void **state)
{
	(void)state;
	el2_check_result *res = NULL;
	check("type1-bug-x18-fast", NULL, &res);
	const el2_check_finding *f;
	assert_true(el2_check_findings(res, &f) > 0);
	char cmd[512];
	el2_check_replay_command(res, &f[0], cmd, sizeof(cmd));
	assert_non_null(strstr(cmd, "--scenario resume --run 0"));
	el2_check_result_free(&res);
	el2_check_opts o = el2_check_opts_default();
	o.scenario = "resume";
	o.has_run = true;
	o.run = 0;
	el2_check_profile *p = profile(NULL);
	char err[256];
	assert_int_equal(el2_check_file(ct_arg("type1-bug-x18-fast"), p, &o, &res, err, sizeof(err)),
			 EL2_OK);
	assert_int_equal(el2_check_round_trips(res), 1);
	assert_true(names(res, P(2), "x18", "resume of a"));
	el2_check_result_free(&res);
	o.scenario = "hvc";
	assert_int_equal(el2_check_file(ct_arg("type1"), p, &o, &res, err, sizeof(err)),
			 EL2_ERR_INVALID_ARG);
	assert_non_null(strstr(err, "runs resume and switch"));
	/* a run the tags cannot name is refused, as by the KVM-style checker */
	o.scenario = NULL;
	o.run = EL2_TAG_MAX_RUN;
	assert_int_equal(el2_check_file(ct_arg("type1"), p, &o, &res, err, sizeof(err)),
			 EL2_ERR_INVALID_ARG);
	char want[64];
	snprintf(want, sizeof(want), "run %u: runs go from 0 to %u", EL2_TAG_MAX_RUN,
		 EL2_TAG_MAX_RUN - 1);
	assert_string_equal(err, want);
	assert_null(res);
	el2_check_profile_free(&p);
}

/* The check's time is measured for type-1 too (JUnit's time attribute). */
static void test_check_time_is_measured(void **state)
{
	(void)state;
	el2_check_result *res = NULL;
	check("type1", NULL, &res);
	static char xml[1 << 16];
	FILE *f = fmemopen(xml, sizeof(xml) - 1, "w");
	assert_non_null(f);
	el2_check_write_junit(res, f);
	assert_int_equal(fclose(f), 0);
	assert_non_null(strstr(xml, "<testsuites name=\"el2sim check\""));
	assert_null(strstr(xml, "time=\"0.000\""));
	el2_check_result_free(&res);
}

/* The reference's profile with from replaced by to: the check fails with
 * EL2_ERR_UNKNOWN_SYMBOL and "line N: " (the edited line, counted in the
 * reference's text) then want. */
static void expect_unknown(const char *from, const char *to, const char *want)
{
	FILE *f = fopen(ct_arg("type1.profile"), "r");
	assert_non_null(f);
	static char text[1 << 16];
	text[fread(text, 1, sizeof(text) - 1, f)] = '\0';
	fclose(f);
	const char *at = strstr(text, from);
	assert_non_null(at);
	unsigned line = 1;
	for (const char *c = text; c < at; c++)
		line += *c == '\n';
	el2_check_profile *p = profile_edit(from, to, NULL);
	el2_check_opts o = el2_check_opts_default();
	o.runs = 1;
	el2_check_result *res = NULL;
	char err[512], full[600];
	el2_err e = el2_check_file(ct_arg("type1"), p, &o, &res, err, sizeof(err));
	el2_check_profile_free(&p);
	assert_null(res);
	snprintf(full, sizeof(full), "line %u: %s", line, want);
	if (e != EL2_ERR_UNKNOWN_SYMBOL || strcmp(err, full))
		fail_msg("%s: got %d '%s'\nwant '%s'", to, e, err, full);
}

/* An unknown symbol or base in [type1] and [vcpu.*] names its line and
 * the closest symbol or base of that vCPU; a poison line is not skipped. */
static void test_unknown_symbols_name_their_line(void **state)
{
	(void)state;
	expect_unknown("run = t1_start", "run = t1_strat",
		       "unknown symbol 't1_strat' (did you mean 't1_start'?)");
	expect_unknown("stack_switch = __context_switch", "stack_switch = __context_swtich",
		       "unknown symbol '__context_swtich' (did you mean '__context_switch'?)");
	expect_unknown("base.frame = stack_a+0x3ef0", "base.frame = stack_aa+0x3ef0",
		       "unknown symbol 'stack_aa' (did you mean 'stack_a'?)");
	expect_unknown("x0 = frame+0x0", "x0 = frmae+0x0",
		       "unknown symbol 'frmae' (did you mean 'frame'?)");
	expect_unknown("x1 = frame+0x8", "x1 = nosuch+8", "unknown symbol 'nosuch'");
	expect_unknown("poison = vcpu_a 0x400", "poison = vcpu_aa 0x400",
		       "unknown symbol 'vcpu_aa' (did you mean 'vcpu_a'?)");
	expect_unknown("expect.tpidr_el2 = vcpu_a", "expect.tpidr_el2 = vpcu_a",
		       "unknown symbol 'vpcu_a' (did you mean 'vcpu_a'?)");
}

/* A resume-fidelity finding names the instruction that last wrote the
 * wrong value: the fast path's `mrs x18, tpidr_el2`. */
static void test_finding_names_its_last_writer(void **state)
{
	(void)state;
	el2_check_result *res = NULL;
	check("type1-bug-x18-fast", NULL, &res);
	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f);
	bool hit = false;
	for (size_t k = 0; k < n; k++)
		hit |= f[k].property == 2 && !strcmp(f[k].reg, "x18") && f[k].has_writer &&
		       strstr(f[k].writer_where, "t1_hvc_fast") && strstr(f[k].writer_text, "mrs");
	if (!hit)
		el2_check_write_text(res, stdout);
	el2_check_result_free(&res);
	assert_true(hit);
}

int main(int argc, char **argv)
{
	ct_argc = argc;
	ct_argv = argv;
	struct CMUnitTest tests[N_VARIANTS + 16];
	static char tname[N_VARIANTS][96];
	size_t n = 0;
	for (size_t i = 0; i < N_VARIANTS; i++) {
		tests[n] = (struct CMUnitTest)cmocka_unit_test_prestate(
			test_variant_fails_exactly_its_properties, (void *)&variants[i]);
		snprintf(tname[i], sizeof(tname[i]), "%s_fails_exactly_its_properties",
			 variants[i].name);
		tests[n++].name = tname[i];
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_sp_el0_window_only_where_the_profile_says);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_stack_leak_names_the_mailbox_word);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_shared_debug_register_names_the_other_vcpu);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_budget_stop_is_a_finding);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_vcpus_sharing_memory_get_their_own_stubs);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_stub_without_room_is_an_error);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_interrupt_driven_switch);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_finding_replays_alone);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_check_time_is_measured);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_finding_names_its_last_writer);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_unknown_symbols_name_their_line);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_cpu_section_applies);
	return _cmocka_run_group_tests("check_type1", tests, n, NULL, NULL);
}
