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
	unsigned props; /* bit p: property p must fail; all others must hold */
} variant;

static const variant variants[] = {
	/* correct world switches: every property holds */
	{"nvhe", 0},
	{"vhe", 0},
	/* the guest runs on the host's SP_EL0 (entry fidelity) and sees a
	 * host value (isolation) */
	{"nvhe-bug-guest-sp-el0", P(2) | P(4)},
	{"vhe-bug-guest-sp-el0", P(2) | P(4)},
	/* C code runs at EL2 while SP_EL0 still holds the guest's */
	{"nvhe-bug-host-sp-el0-late", P(7)},
	{"vhe-bug-host-sp-el0-late", P(7)},
	/* a rejected host call writes TPIDR_EL2: a preserved host register
	 * (preserve lists tpidr_el2) and EL2 state */
	{"nvhe-bug-tpidr-el2", P(1) | P(6)},
	/* the guest's x7 is not saved on exit */
	{"nvhe-bug-guest-gpr", P(3)},
	{"vhe-bug-guest-gpr", P(3)},
	/* a data-abort exit does not save FAR_EL2: the context keeps a stale
	 * value (caught only if the host's own HVC, whose FAR_EL2 is UNKNOWN,
	 * does not hide the guest exit's valid one) */
	{"nvhe-bug-far-lost", P(3)},
	/* the host's x19 comes back wrong */
	{"nvhe-bug-host-callee", P(1)},
	{"vhe-bug-host-callee", P(1)},
	/* the guest's x18 is not loaded: the guest sees the host's */
	{"nvhe-bug-host-leak", P(2) | P(4)},
	{"vhe-bug-host-leak", P(2) | P(4)},
	/* HPFAR_EL2 (UNKNOWN on a stage-2 permission fault) is copied into
	 * the context's exit information (s2perm scenario) */
	{"nvhe-bug-hpfar", P(3)},
	{"vhe-bug-hpfar", P(3)},
	/* the host returns with the guest's SPSR_EL2 (PSTATE) */
	{"nvhe-bug-elr-spsr", P(5)},
	/* the host's v9 keeps the guest's value (host integrity, isolation) */
	{"nvhe-bug-fp-leak", P(1) | P(4)},
	{"vhe-bug-fp-leak", P(1) | P(4)},
	/* the guest's TPIDR_EL1 is not saved on exit */
	{"nvhe-bug-el1-sysreg", P(3)},
	{"vhe-bug-el1-sysreg", P(3)},
	/* the VHE host does not get its PAN/UAO back */
	{"vhe-bug-uao-pan", P(5)},
	/* FP/SIMD handed to the host live (Linux's lazy FP, [fp] switch =
	 * handoff): the references pass (the guest's values left live are
	 * neither leaks nor a lost host state: the host's is saved) */
	{"nvhe-fphandoff", 0},
	{"vhe-fphandoff", 0},
	/* the FP trap does not save the host's FP/SIMD state before loading
	 * the guest's: the host's values are lost */
	{"nvhe-fphandoff-bug-host-fp-lost", P(1)},
	{"vhe-fphandoff-bug-host-fp-lost", P(1)},
	/* the guest's FP state is left live but the owner flag says "host":
	 * nobody saves the guest's (exit completeness), the host's registers
	 * are not restored (host integrity) and hold guest values (isolation) */
	{"nvhe-fphandoff-bug-fp-owner-unset", P(1) | P(3) | P(4)},
	{"vhe-fphandoff-bug-fp-owner-unset", P(1) | P(3) | P(4)},
	/* the exit switches back to the host's FP state but the flag still
	 * says "guest": the host would save its own values as the guest's */
	{"nvhe-fphandoff-bug-fp-owner-stale", P(3)},
	/* the host's 32-bit FPSR is saved with a 64-bit store that zeroes the
	 * 32-bit FPCR after it (user_fpsimd_state layout) */
	{"nvhe-fphandoff-bug-fpctl-wide", P(1)},
	/* eager FP switching with 32-bit FPSR/FPCR fields (fpsr = 0x500 u32) */
	{"nvhe-fpu32", 0},
	/* the 64-bit store of FPSR zeroes FPCR in the guest's context (exit
	 * completeness) and in the host's save area (host integrity) */
	{"nvhe-fpu32-bug-fpctl-wide", P(1) | P(3)},
	/* the guest's FPCR and FPSR are loaded from each other's slot */
	{"nvhe-fpu32-bug-fpctl-swap", P(2)},
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
static unsigned failing_props(const char *name, el2_check_result **out)
{
	const char *obj = arg(name);
	if (!obj)
		skip();
	/* <flavour>-bug-<bug> is checked with <flavour>.profile */
	char key[64];
	const char *bug = strstr(name, "-bug-");
	int flen = bug ? (int)(bug - name) : (int)strlen(name);
	snprintf(key, sizeof(key), "%.*s.profile", flen, name);
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
	unsigned got = failing_props(v->name, &res);
	if (got != v->props) {
		print_props("expected failing properties", v->props);
		print_props("failing properties        ", got);
		el2_check_write_text(res, stdout);
	}
	el2_check_result_free(&res);
	assert_int_equal(got, v->props);
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

/* Counts the findings of property prop naming reg whose detail has all
 * of the words given (NULL-terminated). */
static size_t count_findings(const el2_check_result *res, unsigned prop, const char *reg, ...)
{
	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f), hit = 0;
	for (size_t k = 0; k < n; k++) {
		if (f[k].property != prop || strcmp(f[k].reg, reg))
			continue;
		bool all = true;
		va_list ap;
		va_start(ap, reg);
		for (const char *w = va_arg(ap, const char *); w; w = va_arg(ap, const char *))
			all &= strstr(f[k].detail, w) != NULL;
		va_end(ap);
		hit += all;
	}
	return hit;
}

/* FP handed to the host and 32-bit FP slots: each seeded bug's finding
 * names the register and where it should have been (the host's save area,
 * the owner flag, the context slot). */
static void test_fp_handoff_findings_name_register_and_address(void **state)
{
	(void)state;
	static const struct {
		const char *variant;
		unsigned prop;
		const char *reg, *w1, *w2;
	} want[] = {
		{"nvhe-fphandoff-bug-host-fp-lost", 1, "v0", "saved at host_fpsimd_state+0x0", "context+0x228"},
		{"nvhe-fphandoff-bug-host-fp-lost", 1, "v31", "saved at host_fpsimd_state+0x1f0", NULL},
		{"vhe-fphandoff-bug-host-fp-lost", 1, "v9", "saved at host_fpsimd_state+0x90", NULL},
		{"nvhe-fphandoff-bug-fp-owner-unset", 4, "FP owner", "context+0x228 = 0x1 says host",
		 NULL},
		{"vhe-fphandoff-bug-fp-owner-unset", 4, "FP owner", "context+0x228 = 0x1 says host",
		 NULL},
		{"nvhe-fphandoff-bug-fp-owner-stale", 3, "v0", "says guest", "the guest's value"},
		{"nvhe-fphandoff-bug-fpctl-wide", 1, "FPCR", "saved at host_fpsimd_state+0x204", NULL},
		/* 32-bit slots in the context: the save (P3) and the load (P2) */
		{"nvhe-fpu32-bug-fpctl-wide", 3, "FPCR", "context offset 0x504", NULL},
		{"nvhe-fpu32-bug-fpctl-swap", 2, "FPSR", "context offset 0x500", NULL},
		{"nvhe-fpu32-bug-fpctl-swap", 2, "FPCR", "context offset 0x504", NULL},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		el2_check_result *res = NULL;
		failing_props(want[i].variant, &res);
		size_t hit = count_findings(res, want[i].prop, want[i].reg, want[i].w1, want[i].w2,
					    (const char *)NULL);
		if (hit != 1) {
			printf("%s: no property %u finding on %s with '%s'\n", want[i].variant,
			       want[i].prop, want[i].reg, want[i].w1);
			el2_check_write_text(res, stdout);
		}
		el2_check_result_free(&res);
		assert_int_equal(hit, 1);
	}
}

/* The profile at path without the lines starting with drop, plus the
 * line add at its end (the last section's). */
static el2_check_profile *profile_edited(const char *path, const char *drop, const char *add)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char text[16384];
	size_t len = 0;
	char line[1100];
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, drop, strlen(drop))) {
			size_t n = strlen(line);
			assert_true(len + n < sizeof(text));
			memcpy(text + len, line, n);
			len += n;
		}
	fclose(f);
	if (add) {
		assert_true(len + strlen(add) < sizeof(text));
		memcpy(text + len, add, strlen(add));
		len += strlen(add);
	}
	char err[512];
	el2_check_profile *prof = NULL;
	if (el2_check_profile_parse(text, len, &prof, err, sizeof(err)))
		fail_msg("profile: %s", err);
	return prof;
}

/* Checks obj with the profile at path minus the line starting with drop;
 * returns the findings of property 1 whose detail has word. */
static size_t p1_without_line(const char *obj, const char *path, const char *drop,
			      const char *word)
{
	char err[512];
	el2_check_profile *prof = profile_edited(path, drop, NULL);
	el2_check_opts o = el2_check_opts_default();
	o.runs = 1;
	o.last_writer = false;
	el2_check_result *res = NULL;
	if (el2_check_file(obj, prof, &o, &res, err, sizeof(err)))
		fail_msg("check: %s", err);
	el2_check_profile_free(&prof);
	const el2_check_finding *fs;
	size_t n = el2_check_findings(res, &fs), hit = 0;
	for (size_t k = 0; k < n; k++)
		hit += fs[k].property == 1 && strstr(fs[k].detail, word) != NULL;
	el2_check_result_free(&res);
	return hit;
}

/* The host's part of the hand-over is the profile's: the handoff
 * reference saves the host's FP state only if fp_state says HOST_OWNED
 * ([fp] owner_init), through the pointer the host puts in the context
 * ([fp] host_save_ptr). Without either, the host's FP state is lost. A
 * host_save inside a [guest] slot is a profile error. */
static void test_fp_handoff_host_setup_keys_matter(void **state)
{
	(void)state;
	const char *obj = arg("nvhe-fphandoff"), *path = arg("nvhe-fphandoff.profile");
	if (!obj)
		skip();
	assert_non_null(path);
	assert_int_equal(p1_without_line(obj, path, "owner_init", "host_fpsimd_state+0x0"), 1);
	assert_int_equal(p1_without_line(obj, path, "host_save_ptr", "did not return"), 1);
	/* the guest's own FP area given as the host's is refused, not judged */
	el2_check_profile *prof = profile_edited(path, "host_save =", "host_save = 0x300\n");
	el2_check_opts o = el2_check_opts_default();
	o.runs = 1;
	el2_check_result *res = NULL;
	char err[512];
	assert_int_equal(el2_check_file(obj, prof, &o, &res, err, sizeof(err)),
			 EL2_ERR_INVALID_ARG);
	assert_string_equal(err, "[fp] host_save overlaps the [guest] slot of v0 (context offset "
				 "0x300)");
	el2_check_result_free(&res);
	el2_check_profile_free(&prof);
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
	struct CMUnitTest tests[N_VARIANTS + 6];
	static char names[N_VARIANTS][80];
	size_t n = 0;
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_every_built_variant_is_in_the_table);
	for (size_t i = 0; i < N_VARIANTS; i++) {
		tests[n] = (struct CMUnitTest)cmocka_unit_test_prestate(
			test_variant_fails_exactly_its_properties, (void *)&variants[i]);
		snprintf(names[i], sizeof(names[i]), "%s_fails_exactly_its_properties",
			 variants[i].name);
		tests[n++].name = names[i];
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_hpfar_bug_is_found_in_the_s2perm_scenario);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_fp_handoff_findings_name_register_and_address);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_fp_handoff_host_setup_keys_matter);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_callee_saved_lost_across_guest_enter_is_property_6);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_scenario_worlds_refuse_bad_names_and_repeat_exactly);
	return _cmocka_run_group_tests("check_ref", tests, n, NULL, NULL);
}
