/* SPDX-License-Identifier: MIT */
/* Seeded-bug regression: the checker on the reference world switch
 * (tests/ref, docs/reference.md). The references must pass every
 * property; each seeded-bug variant must fail EXACTLY the properties its
 * defect breaks (the table below, reasoned from the defect, not read off
 * the checker's output). Arguments: name=path for every built ELF
 * (nvhe, vhe, <flavour>-bug-<name>) and nvhe.profile= / vhe.profile=. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "el2sim/check.h"
#include "el2sim/scenario.h"

static int g_argc;
static char **g_argv;

static const char *arg(const char *name)
{
	size_t n = strlen(name);
	for (int i = 1; i < g_argc; i++)
		if (strncmp(g_argv[i], name, n) == 0 && g_argv[i][n] == '=')
			return g_argv[i] + n + 1;
	return NULL;
}

#define P(n) (1u << (n))

typedef struct variant {
	const char *name;
	unsigned props;      /* bit p: property p must fail; all others must hold */
	const char *profile; /* tests/ref/<profile>.profile; NULL: the flavour's */
	const char *reg;     /* a failing finding must name it (NULL: any) */
} variant;

static const variant variants[] = {
	/* correct world switches: every property holds */
	{"nvhe", 0, NULL, NULL},
	{"vhe", 0, NULL, NULL},
	/* the guest runs on the host's SP_EL0 (entry fidelity) and sees a
	 * host value (isolation) */
	{"nvhe-bug-guest-sp-el0", P(2) | P(4), NULL, NULL},
	{"vhe-bug-guest-sp-el0", P(2) | P(4), NULL, NULL},
	/* C code runs at EL2 while SP_EL0 still holds the guest's */
	{"nvhe-bug-host-sp-el0-late", P(7), NULL, NULL},
	{"vhe-bug-host-sp-el0-late", P(7), NULL, NULL},
	/* a rejected host call writes TPIDR_EL2: a preserved host register
	 * (preserve lists tpidr_el2) and EL2 state */
	{"nvhe-bug-tpidr-el2", P(1) | P(6), NULL, NULL},
	/* the guest's x7 is not saved on exit */
	{"nvhe-bug-guest-gpr", P(3), NULL, NULL},
	{"vhe-bug-guest-gpr", P(3), NULL, NULL},
	/* a data-abort exit does not save FAR_EL2: the context keeps a stale
	 * value (caught only if the host's own HVC, whose FAR_EL2 is UNKNOWN,
	 * does not hide the guest exit's valid one) */
	{"nvhe-bug-far-lost", P(3), NULL, NULL},
	/* the host's x19 comes back wrong */
	{"nvhe-bug-host-callee", P(1), NULL, NULL},
	{"vhe-bug-host-callee", P(1), NULL, NULL},
	/* the guest's x18 is not loaded: the guest sees the host's */
	{"nvhe-bug-host-leak", P(2) | P(4), NULL, NULL},
	{"vhe-bug-host-leak", P(2) | P(4), NULL, NULL},
	/* HPFAR_EL2 (UNKNOWN on a stage-2 permission fault) is copied into
	 * the context's exit information (s2perm scenario) */
	{"nvhe-bug-hpfar", P(3), NULL, NULL},
	{"vhe-bug-hpfar", P(3), NULL, NULL},
	/* the host returns with the guest's SPSR_EL2 (PSTATE) */
	{"nvhe-bug-elr-spsr", P(5), NULL, NULL},
	/* the host's v9 keeps the guest's value (host integrity, isolation) */
	{"nvhe-bug-fp-leak", P(1) | P(4), NULL, NULL},
	{"vhe-bug-fp-leak", P(1) | P(4), NULL, NULL},
	/* the guest's TPIDR_EL1 is not saved on exit */
	{"nvhe-bug-el1-sysreg", P(3), NULL, NULL},
	{"vhe-bug-el1-sysreg", P(3), NULL, NULL},
	/* the VHE host does not get its PAN/UAO back */
	{"vhe-bug-uao-pan", P(5), NULL, NULL},
	/* the guest's VTTBR_EL2 is never loaded: it runs on the host's stage-2
	 * base ([config] vttbr_el2, isolation) */
	{"nvhe-bug-vttbr-stale", P(4), NULL, NULL},
	{"vhe-bug-vttbr-stale", P(4), NULL, NULL},
	/* the guest configured without HCR_EL2.TVM (as KVM runs it): the
	 * references still pass, and so do the variants whose defect does not
	 * depend on it */
	{"nvhe", 0, "nvhe-notvm", NULL},
	{"vhe", 0, "vhe-notvm", NULL},
	{"nvhe-bug-el1-sysreg", P(3), "nvhe-notvm", "TPIDR_EL1"},
	{"vhe-bug-guest-gpr", P(3), "vhe-notvm", "x7"},
	/* the guest's TTBR0_EL1 is not saved on exit: harmless while TVM
	 * traps the guest's writes (it cannot change it), a lost guest
	 * register without TVM */
	{"nvhe-bug-ttbr0-not-saved", 0, NULL, NULL},
	{"vhe-bug-ttbr0-not-saved", 0, NULL, NULL},
	{"nvhe-bug-ttbr0-not-saved", P(3), "nvhe-notvm", "TTBR0_EL1"},
	{"vhe-bug-ttbr0-not-saved", P(3), "vhe-notvm", "TTBR0_EL1"},
	/* TPIDRRO_EL0 is read-only at EL0 only: the guest's EL1 writes it
	 * under any HCR_EL2, so a lost save fails either way */
	{"nvhe-bug-tpidrro-not-saved", P(3), NULL, "TPIDRRO_EL0"},
	{"vhe-bug-tpidrro-not-saved", P(3), NULL, "TPIDRRO_EL0"},
	{"nvhe-bug-tpidrro-not-saved", P(3), "nvhe-notvm", "TPIDRRO_EL0"},
	{"vhe-bug-tpidrro-not-saved", P(3), "vhe-notvm", "TPIDRRO_EL0"},
	/* the guest's PSTATE (SPSR_EL2) is not saved on exit: the guest
	 * stub changes its own PSTATE, so the pstate slot is stale */
	{"nvhe-bug-spsr-not-saved", P(3), NULL, "pstate"},
	{"vhe-bug-spsr-not-saved", P(3), NULL, "pstate"},
	{"nvhe-bug-spsr-not-saved", P(3), "nvhe-notvm", "pstate"},
	{"vhe-bug-spsr-not-saved", P(3), "vhe-notvm", "pstate"},
	/* XSA-91 style: CNTKCTL_EL1 is restored but the guest's is never
	 * saved */
	{"nvhe-bug-cntkctl-not-saved", P(3), NULL, "CNTKCTL_EL1"},
	{"vhe-bug-cntkctl-not-saved", P(3), NULL, "CNTKCTL_EL1"},
	{"nvhe-bug-cntkctl-not-saved", P(3), "nvhe-notvm", "CNTKCTL_EL1"},
	{"vhe-bug-cntkctl-not-saved", P(3), "vhe-notvm", "CNTKCTL_EL1"},
};
#define N_VARIANTS (sizeof(variants) / sizeof(variants[0]))

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Runs the checker (corner runs + one random run, no last-writer re-run:
 * the set of failing properties does not depend on it). */
static unsigned failing_props_with(const char *name, const char *profile,
				   el2_check_result **out)
{
	const char *obj = arg(name);
	if (!obj)
		skip();
	char key[48];
	snprintf(key, sizeof(key), "%s.profile",
		 profile ? profile : strncmp(name, "vhe", 3) ? "nvhe" : "vhe");
	const char *prof_path = arg(key);
	assert_non_null(prof_path);
	char err[512];
	el2_check_profile *prof = NULL;
	if (el2_check_profile_load(prof_path, &prof, err, sizeof(err)))
		fail_msg("profile: %s", err);
	el2_check_opts o = el2_check_opts_default();
	o.runs = 1;
	o.last_writer = false;
	el2_check_result *res = NULL;
	double t0 = now_s();
	el2_err e = el2_check_file(obj, prof, &o, &res, err, sizeof(err));
	double dt = now_s() - t0;
	el2_check_profile_free(&prof);
	if (e)
		fail_msg("check %s: %s", name, err);
	unsigned failed = 0;
	for (unsigned p = 1; p <= EL2_CHECK_N_PROPERTIES; p++) {
		assert_true(el2_check_property_checks(res, p) > 0);
		if (el2_check_property_failures(res, p))
			failed |= P(p);
	}
	printf("[check_ref] %-28s %u round trips in %.2f s (%.0f ms each)\n", name,
	       el2_check_round_trips(res), dt, 1e3 * dt / el2_check_round_trips(res));
	*out = res;
	return failed;
}

static unsigned failing_props(const char *name, el2_check_result **out)
{
	return failing_props_with(name, NULL, out);
}

static void print_props(const char *what, unsigned set)
{
	printf("  %s {", what);
	for (unsigned p = 1; p <= EL2_CHECK_N_PROPERTIES; p++)
		if (set & P(p))
			printf(" %u", p);
	printf(" }\n");
}

static void test_variant_fails_exactly_its_properties(void **state)
{
	const variant *v = *state;
	el2_check_result *res = NULL;
	unsigned got = failing_props_with(v->name, v->profile, &res);
	size_t named = 0;
	if (v->reg) {
		const el2_check_finding *f;
		size_t n = el2_check_findings(res, &f);
		for (size_t k = 0; k < n; k++)
			named += (v->props & P(f[k].property)) && !strcmp(f[k].reg, v->reg);
	}
	if (got != v->props || (v->reg && !named)) {
		print_props("expected failing properties", v->props);
		print_props("failing properties        ", got);
		if (v->reg)
			printf("  expected a finding naming %s\n", v->reg);
		el2_check_write_text(res, stdout);
	}
	el2_check_result_free(&res);
	assert_int_equal(got, v->props);
	if (v->reg)
		assert_true(named > 0);
}

/* The s2perm scenario runs on both references (they have a guest,ro
 * region), and the HPFAR variants are caught by it, naming HPFAR_EL2. */
static void test_hpfar_bug_is_found_in_the_s2perm_scenario(void **state)
{
	(void)state;
	static const char *const names[] = {"nvhe-bug-hpfar", "vhe-bug-hpfar"};
	for (size_t i = 0; i < 2; i++) {
		el2_check_result *res = NULL;
		failing_props(names[i], &res);
		const el2_check_finding *f;
		size_t n = el2_check_findings(res, &f), hit = 0;
		for (size_t k = 0; k < n; k++)
			if (f[k].property == 3 && !strcmp(f[k].reg, "HPFAR_EL2") &&
			    !strcmp(f[k].scenario, "s2perm") && strstr(f[k].detail, "UNKNOWN value (poison)"))
				hit++;
		el2_check_result_free(&res);
		assert_int_equal(hit, 1);
	}
}

/* Property 6's AAPCS64 rule: the reference nVHE object with the reload of
 * the C caller's x18/x19 in __guest_exit (`ldp x18, x19, [x2, #144]`,
 * 0xa9494c52: LDP 64-bit, imm7 = 18, Rt2 = 19, Rn = 2, Rt = 18) replaced by
 * a NOP, patched in a copy of the file. The call from vcpu_run into
 * __guest_enter then returns with the guest's x18/x19. */
static void test_callee_saved_lost_across_guest_enter_is_property_6(void **state)
{
	(void)state;
	const char *obj = arg("nvhe"), *prof_path = arg("nvhe.profile");
	assert_non_null(obj);
	assert_non_null(prof_path);
	FILE *f = fopen(obj, "rb");
	assert_non_null(f);
	static unsigned char buf[1 << 20];
	size_t len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	size_t hits = 0;
	for (size_t i = 0; i + 4 <= len; i += 4)
		if (buf[i] == 0x52 && buf[i + 1] == 0x4c && buf[i + 2] == 0x49 && buf[i + 3] == 0xa9) {
			static const unsigned char nop[4] = {0x1f, 0x20, 0x03, 0xd5};
			memcpy(buf + i, nop, 4);
			hits++;
		}
	assert_int_equal(hits, 1);
	char path[] = "/tmp/el2sim-abi-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	fclose(f);
	char err[512];
	el2_check_profile *prof = NULL;
	assert_int_equal(el2_check_profile_load(prof_path, &prof, err, sizeof(err)), EL2_OK);
	el2_check_opts o = el2_check_opts_default();
	o.runs = 1;
	o.last_writer = false;
	el2_check_result *res = NULL;
	el2_err e = el2_check_file(path, prof, &o, &res, err, sizeof(err));
	remove(path);
	el2_check_profile_free(&prof);
	if (e)
		fail_msg("check: %s", err);
	const el2_check_finding *fs;
	size_t n = el2_check_findings(res, &fs), x19 = 0;
	for (size_t k = 0; k < n; k++)
		if (fs[k].property == 6 && !strcmp(fs[k].reg, "x19") && strstr(fs[k].detail, "AAPCS64") &&
		    strstr(fs[k].detail, "vcpu_run"))
			x19++;
	if (x19 != 1)
		el2_check_write_text(res, stdout);
	el2_check_result_free(&res);
	assert_int_equal(x19, 1);
}

/* The scenario API (el2sim bench's round trips): unknown names and
 * scenarios the profile cannot run are refused; a plain trip returns to
 * the host stub, again in the same number of instructions from the same
 * start, and runs fewer instructions than the checker's own guest (which
 * writes every register before it exits). */
static void test_scenario_worlds_refuse_bad_names_and_repeat_exactly(void **state)
{
	(void)state;
	const char *obj = arg("nvhe"), *prof_path = arg("nvhe.profile");
	assert_non_null(obj);
	char err[512];
	el2_check_profile *prof = NULL;
	assert_int_equal(el2_check_profile_load(prof_path, &prof, err, sizeof(err)), EL2_OK);
	el2_scenario_world *w = NULL;
	assert_int_equal(el2_scenario_open(obj, prof, NULL, "nope", &w, err, sizeof(err)),
			 EL2_ERR_NOT_FOUND);
	assert_null(w);
	assert_non_null(strstr(err, "no scenario 'nope'"));
	el2_check_profile *bare = NULL; /* no [world] irq: the irq scenario does not apply */
	static const char text[] = "[world]\nmode = nvhe\nrun = hvc 0xc6000001\n"
				   "context = vcpu_ctxt\n[guest]\nx0 = 0\n";
	assert_int_equal(el2_check_profile_parse(text, sizeof(text) - 1, &bare, err, sizeof(err)),
			 EL2_OK);
	assert_int_equal(el2_scenario_open(obj, bare, NULL, "irq", &w, err, sizeof(err)),
			 EL2_ERR_UNSUPPORTED);
	el2_check_profile_free(&bare);

	assert_int_equal(el2_scenario_open(obj, prof, NULL, "hvc", &w, err, sizeof(err)), EL2_OK);
	el2_run_result full, plain, again;
	assert_int_equal(el2_scenario_trip(w, 2, NULL, &full, err, sizeof(err)), EL2_OK);
	assert_int_equal(full.reason, EL2_STOP_ADDRESS);
	el2_scenario_set_plain(w, true);
	assert_int_equal(el2_scenario_trip(w, 2, NULL, &plain, err, sizeof(err)), EL2_OK);
	assert_int_equal(plain.reason, EL2_STOP_ADDRESS);
	assert_true(plain.insns < full.insns);
	assert_int_equal(el2_scenario_trip_again(w, &again, err, sizeof(err)), EL2_OK);
	assert_int_equal(again.reason, EL2_STOP_ADDRESS);
	assert_int_equal(again.insns, plain.insns);
	el2_scenario_info info;
	el2_scenario_get_info(w, &info);
	assert_false(info.vhe);
	assert_int_equal(again.pc, info.host_stub + 4); /* back in the host stub */
	el2_scenario_close(&w);
	assert_null(w);
	el2_check_profile_free(&prof);
}

/* Every built variant has a row in the table (a new seeded bug must say
 * which properties it breaks). */
static void test_every_built_variant_is_in_the_table(void **state)
{
	(void)state;
	for (int i = 1; i < g_argc; i++) {
		const char *eq = strchr(g_argv[i], '=');
		if (!eq || strstr(g_argv[i], ".profile="))
			continue;
		size_t len = (size_t)(eq - g_argv[i]);
		bool found = false;
		for (size_t k = 0; k < N_VARIANTS; k++)
			found |= strlen(variants[k].name) == len &&
				 !strncmp(variants[k].name, g_argv[i], len);
		if (!found)
			fail_msg("variant %.*s has no row in the table", (int)len, g_argv[i]);
	}
}

int main(int argc, char **argv)
{
	g_argc = argc;
	g_argv = argv;
	struct CMUnitTest tests[N_VARIANTS + 4];
	static char names[N_VARIANTS][80];
	size_t n = 0;
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_every_built_variant_is_in_the_table);
	for (size_t i = 0; i < N_VARIANTS; i++) {
		tests[n] = (struct CMUnitTest)cmocka_unit_test_prestate(
			test_variant_fails_exactly_its_properties, (void *)&variants[i]);
		snprintf(names[i], sizeof(names[i]), "%s%s%s_fails_exactly_its_properties",
			 variants[i].name, variants[i].profile ? "_with_" : "",
			 variants[i].profile ? variants[i].profile : "");
		tests[n++].name = names[i];
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_hpfar_bug_is_found_in_the_s2perm_scenario);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_callee_saved_lost_across_guest_enter_is_property_6);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_scenario_worlds_refuse_bad_names_and_repeat_exactly);
	return _cmocka_run_group_tests("check_ref", tests, n, NULL, NULL);
}
