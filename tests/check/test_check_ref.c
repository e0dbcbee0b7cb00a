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
static bool g_last_writer; /* failing_props: run the last-writer re-run */

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

/* The VHE host's calling contract of KVM: PAN = UAO = 1 at the call. */
#define PANUAO "pstate_at_call = pan=1 uao=1\n"

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
	/* the VHE switch does not set PAN (the exit kept the guest's) or UAO
	 * (the exit cleared it) back: with a random host PSTATE too */
	{"vhe-bug-pan-not-restored", P(5)},
	{"vhe-bug-uao-not-restored", P(5)},
	/* the guest's MAIR saved with `mrs mair_el1` (E2H: the host's MAIR_EL2) */
	{"vhe-bug-el1-vs-el12", P(3)},
	/* MAIR written with `msr mair_el1` (E2H: MAIR_EL2): the guest runs on
	 * the host's MAIR_EL1 (entry fidelity, isolation) and the host's
	 * MAIR_EL2 comes back overwritten (host integrity: preserve mair_el1) */
	{"vhe-bug-el12-load", P(1) | P(2) | P(4)},
	/* the guest's VTTBR_EL2 is never loaded: it runs on the host's stage-2
	 * base ([config] vttbr_el2, isolation) */
	{"nvhe-bug-vttbr-stale", P(4)},
	{"vhe-bug-vttbr-stale", P(4)},
};
#define N_VARIANTS (sizeof(variants) / sizeof(variants[0]))

/* Variants under the flavour's profile with [host] lines added. */
typedef struct contract_variant {
	variant v;
	const char *host; /* [host] lines appended to the flavour's profile */
} contract_variant;

static const contract_variant contract_variants[] = {
	/* under the contract PAN = UAO = 1 at the call the reference passes
	 * and the PAN/UAO variants still fail property 5 (in every run: the
	 * contract fixes the host's fields in the corner runs too) */
	{{"vhe", 0}, PANUAO},
	{{"vhe-bug-pan-not-restored", P(5)}, PANUAO},
	{{"vhe-bug-uao-not-restored", P(5)}, PANUAO},
	{{"vhe-bug-uao-pan", P(5)}, PANUAO},
};
#define N_CONTRACT (sizeof(contract_variants) / sizeof(contract_variants[0]))

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The flavour's profile with the lines starting with a prefix of drop
 * left out and the lines host appended (the profiles end in [host]). */
static el2_check_profile *edited_profile(const char *name, const char *const *drop,
					 const char *host)
{
	char key[32];
	snprintf(key, sizeof(key), "%s.profile", strncmp(name, "vhe", 3) ? "nvhe" : "vhe");
	const char *path = arg(key);
	assert_non_null(path);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	static char text[1 << 16];
	size_t len = 0;
	char line[1100];
	while (fgets(line, sizeof(line), f)) {
		bool keep = true;
		for (size_t i = 0; drop && drop[i]; i++)
			keep &= strncmp(line, drop[i], strlen(drop[i])) != 0;
		if (keep && len + strlen(line) < sizeof(text))
			len += (size_t)snprintf(text + len, sizeof(text) - len, "%s", line);
	}
	fclose(f);
	if (host && len + strlen(host) < sizeof(text))
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s", host);
	char err[512];
	el2_check_profile *prof = NULL;
	if (el2_check_profile_parse(text, len, &prof, err, sizeof(err)))
		fail_msg("profile %s: %s", path, err);
	return prof;
}

/* Runs the checker (corner runs + one random run, no last-writer re-run:
 * the set of failing properties does not depend on it). */
static unsigned failing_props_with(const char *name, el2_check_profile *prof,
				   el2_check_result **out)
{
	const char *obj = arg(name);
	if (!obj) {
		el2_check_profile_free(&prof);
		skip();
	}
	char err[512];
	el2_check_opts o = el2_check_opts_default();
	o.runs = 1;
	o.last_writer = g_last_writer;
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
	return failing_props_with(name, edited_profile(name, NULL, NULL), out);
}

/* How many findings of property prop name reg (and hold text in the
 * description of the value found, if text). */
static size_t count_findings(const el2_check_result *res, unsigned prop, const char *reg,
			     const char *text)
{
	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f), hit = 0;
	for (size_t k = 0; k < n; k++)
		if (f[k].property == prop && !strcmp(f[k].reg, reg) &&
		    (!text || strstr(f[k].found_desc, text) || strstr(f[k].detail, text)))
			hit++;
	return hit;
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
	const char *host = NULL;
	for (size_t i = 0; i < N_CONTRACT; i++)
		if (v == &contract_variants[i].v)
			host = contract_variants[i].host;
	el2_check_result *res = NULL;
	unsigned got = failing_props_with(v->name, edited_profile(v->name, NULL, host), &res);
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

/* The host's calling contract (pstate_at_call): the PAN/UAO variants
 * fail naming the field; the MAIR_EL1-instead-of-MAIR_EL12 save names
 * MAIR_EL1 and the host's MAIR_EL2 tag it found (VHE host EL2 registers
 * are tagged). */
static void test_vhe_host_contract_findings_name_the_register(void **state)
{
	(void)state;
	static const struct {
		const char *name, *host;
		unsigned prop;
		const char *reg, *text;
	} cases[] = {
		{"vhe-bug-pan-not-restored", PANUAO, 5, "PSTATE.PAN", NULL},
		{"vhe-bug-uao-not-restored", PANUAO, 5, "PSTATE.UAO", NULL},
		{"vhe-bug-el1-vs-el12", NULL, 3, "MAIR_EL1", "host MAIR_EL2"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		el2_check_result *res = NULL;
		failing_props_with(cases[i].name, edited_profile(cases[i].name, NULL, cases[i].host),
				   &res);
		size_t hit = count_findings(res, cases[i].prop, cases[i].reg, cases[i].text);
		if (hit != 1)
			el2_check_write_text(res, stdout);
		el2_check_result_free(&res);
		assert_int_equal(hit, 1);
	}
	/* the last writer of UAO is an exception entry or return (the ERET
	 * into a guest with UAO = 0, or the exit that cleared it), not the
	 * last instruction that changed any PSTATE bit (msr daif) */
	el2_check_result *res = NULL;
	g_last_writer = true;
	failing_props_with("vhe-bug-uao-not-restored",
			   edited_profile("vhe", NULL, PANUAO), &res);
	g_last_writer = false;
	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f), hit = 0;
	for (size_t k = 0; k < n; k++)
		if (!strcmp(f[k].reg, "PSTATE.UAO") && f[k].has_writer &&
		    strstr(f[k].writer_text, "(exception entry/return)") &&
		    !strstr(f[k].writer_text, "msr"))
			hit++;
	if (hit != 1)
		el2_check_write_text(res, stdout);
	el2_check_result_free(&res);
	assert_int_equal(hit, 1);
}

/* Vacuity: without the MMIO and read-only guest regions no exit defines
 * FAR_EL2 or HPFAR_EL2 (an HVC, a trapped access and an IRQ leave them
 * UNKNOWN), so the profile's far_el2/hpfar_el2 slots are never judged:
 * a property-3 finding names each, and nothing else fails. */
static void test_a_slot_no_round_trip_compares_is_a_finding(void **state)
{
	(void)state;
	static const char *const drop[] = {"mmio =", "guest_ro =", NULL};
	static const char *const names[] = {"nvhe", "vhe"};
	for (size_t i = 0; i < 2; i++) {
		el2_check_result *res = NULL;
		unsigned got = failing_props_with(names[i], edited_profile(names[i], drop, NULL), &res);
		size_t far = count_findings(res, 3, "FAR_EL2", "never saved");
		size_t hpfar = count_findings(res, 3, "HPFAR_EL2", "never saved");
		size_t all = el2_check_findings(res, NULL);
		if (got != P(3) || far != 1 || hpfar != 1 || all != 2)
			el2_check_write_text(res, stdout);
		el2_check_result_free(&res);
		assert_int_equal(got, P(3));
		assert_int_equal(far, 1);
		assert_int_equal(hpfar, 1);
		assert_int_equal(all, 2);
	}
}

/* The VHE default preserve list (no 'preserve' line) holds the host
 * kernel's own translation registers by their EL1 names (= the _EL2
 * registers under E2H): the reference passes, and the host's MAIR_EL2
 * overwritten by `msr mair_el1` is a property-1 finding naming MAIR_EL2. */
static void test_vhe_default_preserve_names_the_hosts_el2_registers(void **state)
{
	(void)state;
	static const char *const drop[] = {"preserve =", NULL};
	el2_check_result *res = NULL;
	unsigned got = failing_props_with("vhe", edited_profile("vhe", drop, NULL), &res);
	if (got)
		el2_check_write_text(res, stdout);
	el2_check_result_free(&res);
	assert_int_equal(got, 0);
	got = failing_props_with("vhe-bug-el12-load", edited_profile("vhe", drop, NULL), &res);
	size_t hit = count_findings(res, 1, "MAIR_EL2", "host MAIR_EL1");
	if (hit != 1)
		el2_check_write_text(res, stdout);
	el2_check_result_free(&res);
	assert_int_equal(got, P(1) | P(2) | P(4));
	assert_int_equal(hit, 1);
}

/* exit_abi may list V registers: a VHE host that switches FP/SIMD state
 * lazily itself (KVM) accepts the guest's v9 on return, so the FP leak
 * variant is then only a property-1 finding (v9 is still in preserve). */
static void test_exit_abi_v_registers_exempt_guest_values(void **state)
{
	(void)state;
	static const char *const drop[] = {"exit_abi =", NULL};
	el2_check_result *res = NULL;
	unsigned got = failing_props_with("vhe-bug-fp-leak",
					  edited_profile("vhe", drop, "exit_abi = x0 v0-v31\n"), &res);
	size_t v9 = count_findings(res, 1, "v9", NULL);
	if (got != P(1) || v9 != 1)
		el2_check_write_text(res, stdout);
	el2_check_result_free(&res);
	assert_int_equal(got, P(1));
	assert_int_equal(v9, 1);
}

/* [host] preserve.<scenario>: the unknown host call's own list. Asking it
 * to give x0 back (it returns the status there) fails property 1 naming
 * x0 in that scenario only; and the TPIDR_EL2 bug of the rejected call
 * stays a property-6 finding but leaves property 1 when the call's list
 * does not name tpidr_el2. */
static void test_preserve_per_scenario_overrides_the_list(void **state)
{
	(void)state;
	el2_check_result *res = NULL;
	unsigned got = failing_props_with(
		"nvhe", edited_profile("nvhe", NULL, "preserve.unknown_hvc = x0-x30 sp\n"), &res);
	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f);
	if (got != P(1) || n != 1)
		el2_check_write_text(res, stdout);
	assert_int_equal(got, P(1));
	assert_int_equal(n, 1);
	assert_string_equal(f[0].reg, "x0");
	assert_string_equal(f[0].phase, "unknown host HVC");
	el2_check_result_free(&res);

	got = failing_props_with("nvhe-bug-tpidr-el2",
				 edited_profile("nvhe", NULL, "preserve.unknown_hvc = x1-x30 sp\n"),
				 &res);
	el2_check_result_free(&res);
	assert_int_equal(got, P(6));
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
	struct CMUnitTest tests[N_VARIANTS + N_CONTRACT + 9];
	static char names[N_VARIANTS + N_CONTRACT][80];
	size_t n = 0;
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_every_built_variant_is_in_the_table);
	for (size_t i = 0; i < N_VARIANTS; i++) {
		tests[n] = (struct CMUnitTest)cmocka_unit_test_prestate(
			test_variant_fails_exactly_its_properties, (void *)&variants[i]);
		snprintf(names[i], sizeof(names[i]), "%s_fails_exactly_its_properties",
			 variants[i].name);
		tests[n++].name = names[i];
	}
	for (size_t i = 0; i < N_CONTRACT; i++) {
		tests[n] = (struct CMUnitTest)cmocka_unit_test_prestate(
			test_variant_fails_exactly_its_properties, (void *)&contract_variants[i].v);
		snprintf(names[N_VARIANTS + i], sizeof(names[0]),
			 "%s_under_panuao_contract_fails_exactly_its_properties",
			 contract_variants[i].v.name);
		tests[n++].name = names[N_VARIANTS + i];
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_hpfar_bug_is_found_in_the_s2perm_scenario);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_callee_saved_lost_across_guest_enter_is_property_6);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_scenario_worlds_refuse_bad_names_and_repeat_exactly);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_vhe_host_contract_findings_name_the_register);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_a_slot_no_round_trip_compares_is_a_finding);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_preserve_per_scenario_overrides_the_list);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_vhe_default_preserve_names_the_hosts_el2_registers);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_exit_abi_v_registers_exempt_guest_values);
	return _cmocka_run_group_tests("check_ref", tests, n, NULL, NULL);
}
