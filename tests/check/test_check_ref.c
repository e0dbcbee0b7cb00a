/* SPDX-License-Identifier: MIT */
/* Seeded-bug regression: the checker on the reference world switch
 * (tests/ref, docs/reference.md). The references must pass every
 * property; each seeded-bug variant must fail EXACTLY the properties its
 * defect breaks (the table below, reasoned from the defect, not read off
 * the checker's output). A row may name another profile: <flavour>-s2
 * (the guest's stage 2 from tables el2sim builds), <flavour>-notvm (the
 * guest without HCR_EL2.TVM). Arguments: name=path for every built ELF
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
	const char *profile; /* tests/ref/<profile>.profile; NULL: the flavour's */
	const char *reg; /* if set: a failing finding names this register */
	const char *host; /* if set: [host] lines appended to the profile */
} variant;

/* The VHE host's calling contract of KVM: PAN = UAO = 1 at the call. */
#define PANUAO "pstate_at_call = pan=1 uao=1\n"

/* In props: the variant never returns to the host, so the host side of
 * the round trip is not judged (no checks of properties 5 and 6). */
#define STOPS (1u << 31)

static const variant variants[] = {
	/* correct world switches: every property holds */
	{"nvhe", 0, NULL, NULL, NULL},
	{"vhe", 0, NULL, NULL, NULL},
	/* the guest runs on the host's SP_EL0 (entry fidelity) and sees a
	 * host value (isolation) */
	{"nvhe-bug-guest-sp-el0", P(2) | P(4), NULL, NULL, NULL},
	{"vhe-bug-guest-sp-el0", P(2) | P(4), NULL, NULL, NULL},
	/* C code runs at EL2 while SP_EL0 still holds the guest's */
	{"nvhe-bug-host-sp-el0-late", P(7), NULL, NULL, NULL},
	{"vhe-bug-host-sp-el0-late", P(7), NULL, NULL, NULL},
	/* a rejected host call writes TPIDR_EL2: a preserved host register
	 * (preserve lists tpidr_el2) and EL2 state */
	{"nvhe-bug-tpidr-el2", P(1) | P(6), NULL, NULL, NULL},
	/* the guest's x7 is not saved on exit */
	{"nvhe-bug-guest-gpr", P(3), NULL, NULL, NULL},
	{"vhe-bug-guest-gpr", P(3), NULL, NULL, NULL},
	/* a data-abort exit does not save FAR_EL2: the context keeps a stale
	 * value (caught only if the host's own HVC, whose FAR_EL2 is UNKNOWN,
	 * does not hide the guest exit's valid one) */
	{"nvhe-bug-far-lost", P(3), NULL, NULL, NULL},
	/* the host's x19 comes back wrong */
	{"nvhe-bug-host-callee", P(1), NULL, NULL, NULL},
	{"vhe-bug-host-callee", P(1), NULL, NULL, NULL},
	/* the guest's x18 is not loaded: the guest sees the host's */
	{"nvhe-bug-host-leak", P(2) | P(4), NULL, NULL, NULL},
	{"vhe-bug-host-leak", P(2) | P(4), NULL, NULL, NULL},
	/* HPFAR_EL2 (UNKNOWN on a stage-2 permission fault) is copied into
	 * the context's exit information (s2perm scenario) */
	{"nvhe-bug-hpfar", P(3), NULL, NULL, NULL},
	{"vhe-bug-hpfar", P(3), NULL, NULL, NULL},
	/* the host returns with the guest's SPSR_EL2 (PSTATE) */
	{"nvhe-bug-elr-spsr", P(5), NULL, NULL, NULL},
	/* the host's v9 keeps the guest's value (host integrity, isolation) */
	{"nvhe-bug-fp-leak", P(1) | P(4), NULL, NULL, NULL},
	{"vhe-bug-fp-leak", P(1) | P(4), NULL, NULL, NULL},
	/* the guest's TPIDR_EL1 is not saved on exit */
	{"nvhe-bug-el1-sysreg", P(3), NULL, NULL, NULL},
	{"vhe-bug-el1-sysreg", P(3), NULL, NULL, NULL},
	/* the VHE host does not get its PAN/UAO back */
	{"vhe-bug-uao-pan", P(5), NULL, NULL, NULL},
	/* the VHE switch does not set PAN (the exit kept the guest's) or UAO
	 * (the exit cleared it) back: with a random host PSTATE too */
	{"vhe-bug-pan-not-restored", P(5), NULL, NULL, NULL},
	{"vhe-bug-uao-not-restored", P(5), NULL, NULL, NULL},
	/* the guest's MAIR saved with `mrs mair_el1` (E2H: the host's MAIR_EL2) */
	{"vhe-bug-el1-vs-el12", P(3), NULL, NULL, NULL},
	/* MAIR written with `msr mair_el1` (E2H: MAIR_EL2): the guest runs on
	 * the host's MAIR_EL1 (entry fidelity, isolation) and the host's
	 * MAIR_EL2 comes back overwritten (host integrity: preserve mair_el1) */
	{"vhe-bug-el12-load", P(1) | P(2) | P(4), NULL, NULL, NULL},
	/* under the contract PAN = UAO = 1 at the call the reference passes
	 * and the PAN/UAO variants still fail property 5 (in every run: the
	 * contract fixes the host's fields in the corner runs too) */
	{"vhe", 0, NULL, NULL, PANUAO},
	{"vhe-bug-pan-not-restored", P(5), NULL, NULL, PANUAO},
	{"vhe-bug-uao-not-restored", P(5), NULL, NULL, PANUAO},
	{"vhe-bug-uao-pan", P(5), NULL, NULL, PANUAO},
	/* the guest's VTTBR_EL2 is never loaded: it runs on the host's stage-2
	 * base ([config] vttbr_el2, isolation) */
	{"nvhe-bug-vttbr-stale", P(4), NULL, "VTTBR_EL2", NULL},
	{"vhe-bug-vttbr-stale", P(4), NULL, "VTTBR_EL2", NULL},
	/* the exit path jumps to __hyp_panic: the host never gets control
	 * back (one finding; what follows from it is counted into it) */
	{"nvhe-bug-exit-panic", P(1) | STOPS, NULL, NULL, NULL},
	{"vhe-bug-exit-panic", P(1) | STOPS, NULL, NULL, NULL},
	/* the entry path parks the host's x19/x20 in guest RAM (isolation in
	 * memory) */
	{"nvhe-bug-host-in-guest-ram", P(4), NULL, NULL, NULL},
	{"vhe-bug-host-in-guest-ram", P(4), NULL, NULL, NULL},
	/* ... or the exit path does, after the guest's last exit: the guest
	 * finds it at its next entry */
	{"nvhe-bug-host-in-guest-ram-exit", P(4), NULL, NULL, NULL},
	/* the MMIO exit returns EXIT_HVC's code */
	{"nvhe-bug-exit-code", P(8), NULL, NULL, NULL},
	{"vhe-bug-exit-code", P(8), NULL, NULL, NULL},
	/* FP/SIMD handed to the host live (Linux's lazy FP, [fp] switch =
	 * handoff): the references pass (the guest's values left live are
	 * neither leaks nor a lost host state: the host's is saved) */
	{"nvhe-fphandoff", 0, NULL, NULL, NULL},
	{"vhe-fphandoff", 0, NULL, NULL, NULL},
	/* the FP trap does not save the host's FP/SIMD state before loading
	 * the guest's: the host's values are lost */
	{"nvhe-fphandoff-bug-host-fp-lost", P(1), NULL, NULL, NULL},
	{"vhe-fphandoff-bug-host-fp-lost", P(1), NULL, NULL, NULL},
	/* the guest's FP state is left live but the owner flag says "host":
	 * nobody saves the guest's (exit completeness), the host's registers
	 * are not restored (host integrity) and hold guest values (isolation) */
	{"nvhe-fphandoff-bug-fp-owner-unset", P(1) | P(3) | P(4), NULL, NULL, NULL},
	{"vhe-fphandoff-bug-fp-owner-unset", P(1) | P(3) | P(4), NULL, NULL, NULL},
	/* the exit switches back to the host's FP state but the flag still
	 * says "guest": the host would save its own values as the guest's */
	{"nvhe-fphandoff-bug-fp-owner-stale", P(3), NULL, NULL, NULL},
	/* the host's 32-bit FPSR is saved with a 64-bit store that zeroes the
	 * 32-bit FPCR after it (user_fpsimd_state layout) */
	{"nvhe-fphandoff-bug-fpctl-wide", P(1), NULL, NULL, NULL},
	/* eager FP switching with 32-bit FPSR/FPCR fields (fpsr = 0x500 u32) */
	{"nvhe-fpu32", 0, NULL, NULL, NULL},
	/* the 64-bit store of FPSR zeroes FPCR in the guest's context (exit
	 * completeness) and in the host's save area (host integrity) */
	{"nvhe-fpu32-bug-fpctl-wide", P(1) | P(3), NULL, NULL, NULL},
	/* the guest's FPCR and FPSR are loaded from each other's slot */
	{"nvhe-fpu32-bug-fpctl-swap", P(2), NULL, NULL, NULL},
	/* the guest's VTCR_EL2 is never loaded: it runs with the host's
	 * ([config] vtcr_el2, isolation) */
	{"nvhe-bug-vtcr-host", P(4), NULL, "VTCR_EL2", NULL},
	{"vhe-bug-vtcr-host", P(4), NULL, "VTCR_EL2", NULL},
	/* HCR_EL2.VM is masked out for the guest: no stage 2 (isolation, named
	 * HCR_EL2 by the VM rule and by [config] hcr_el2); the guest's MMIO
	 * access then reaches no device instead of exiting, so that trip never
	 * returns to the host (host integrity; what it would have saved is
	 * counted into that finding) */
	{"nvhe-bug-vm-clear", P(1) | P(4), NULL, "HCR_EL2", NULL},
	{"vhe-bug-vm-clear", P(1) | P(4), NULL, "HCR_EL2", NULL},
	/* the guest's MDCR_EL2.TPM/TPMCR are dropped: it reaches the PMU the
	 * host uses ([config] mdcr_el2, isolation, naming MDCR_EL2) */
	{"nvhe-bug-pmu-untrapped", P(4), NULL, "MDCR_EL2", NULL},
	{"vhe-bug-pmu-untrapped", P(4), NULL, "MDCR_EL2", NULL},
	/* stage 2 from tables el2sim builds ([world] stage2 = tables, [config]
	 * vttbr_el2/vtcr_el2 = ... auto): the references pass */
	{"nvhe", 0, "nvhe-s2", NULL, NULL},
	{"vhe", 0, "vhe-s2", NULL, NULL},
	/* with tables, a guest entered with the host's VTTBR_EL2 (0) walks a
	 * level-1 table at PA 0, where there is no memory: its first fetch is
	 * a synchronous External abort on the stage-2 walk, an exit the world
	 * switch reports to the host (test_stale_vttbr_guest_faults_on_its_walk)
	 * with its "unhandled" code instead of the scenario's (exit code); the
	 * verdict names VTTBR_EL2. The guest never runs an instruction, so no
	 * round trip loads or saves its FP/SIMD slots: vacuous (2, 3) */
	{"nvhe-bug-vttbr-stale", P(2) | P(3) | P(4) | P(8), "nvhe-s2", "VTTBR_EL2", NULL},
	{"vhe-bug-vttbr-stale", P(2) | P(3) | P(4) | P(8), "vhe-s2", "VTTBR_EL2", NULL},
	/* the host's VTCR_EL2 (T0SZ = 0: CONSTRAINED UNPREDICTABLE, modelled
	 * as a level-0 Translation fault): the same */
	{"nvhe-bug-vtcr-host", P(2) | P(3) | P(4) | P(8), "nvhe-s2", "VTCR_EL2", NULL},
	{"vhe-bug-vtcr-host", P(2) | P(3) | P(4) | P(8), "vhe-s2", "VTCR_EL2", NULL},
	{"nvhe-bug-vm-clear", P(1) | P(4), "nvhe-s2", "HCR_EL2", NULL},
	{"vhe-bug-vm-clear", P(1) | P(4), "vhe-s2", "HCR_EL2", NULL},
	/* the world switch maps its own image and the host's memory into the
	 * guest's stage 2 (a block in the tables el2sim built): the guest's
	 * accesses do not change, the entry judgement of what its stage 2
	 * reaches names VTTBR_EL2 (tables only: with the attribute profiles
	 * its VTTBR points to no memory) */
	{"nvhe-bug-s2-map-hyp", P(4), "nvhe-s2", "VTTBR_EL2", NULL},
	{"vhe-bug-s2-map-hyp", P(4), "vhe-s2", "VTTBR_EL2", NULL},
	/* the guest configured without HCR_EL2.TVM (as KVM runs it): the
	 * references still pass, and so do the variants whose defect does not
	 * depend on it */
	{"nvhe", 0, "nvhe-notvm", NULL, NULL},
	{"vhe", 0, "vhe-notvm", NULL, NULL},
	{"nvhe-bug-el1-sysreg", P(3), "nvhe-notvm", "TPIDR_EL1", NULL},
	{"vhe-bug-guest-gpr", P(3), "vhe-notvm", "x7", NULL},
	/* the guest's TTBR0_EL1 is not saved on exit: harmless while TVM
	 * traps the guest's writes (it cannot change it), a lost guest
	 * register without TVM */
	{"nvhe-bug-ttbr0-not-saved", 0, NULL, NULL, NULL},
	{"vhe-bug-ttbr0-not-saved", 0, NULL, NULL, NULL},
	{"nvhe-bug-ttbr0-not-saved", P(3), "nvhe-notvm", "TTBR0_EL1", NULL},
	{"vhe-bug-ttbr0-not-saved", P(3), "vhe-notvm", "TTBR0_EL1", NULL},
	/* TPIDRRO_EL0 is read-only at EL0 only: the guest's EL1 writes it
	 * under any HCR_EL2, so a lost save fails either way */
	{"nvhe-bug-tpidrro-not-saved", P(3), NULL, "TPIDRRO_EL0", NULL},
	{"vhe-bug-tpidrro-not-saved", P(3), NULL, "TPIDRRO_EL0", NULL},
	{"nvhe-bug-tpidrro-not-saved", P(3), "nvhe-notvm", "TPIDRRO_EL0", NULL},
	{"vhe-bug-tpidrro-not-saved", P(3), "vhe-notvm", "TPIDRRO_EL0", NULL},
	/* the guest's PSTATE (SPSR_EL2) is not saved on exit: the guest
	 * stub changes its own PSTATE, so the pstate slot is stale */
	{"nvhe-bug-spsr-not-saved", P(3), NULL, "pstate", NULL},
	{"vhe-bug-spsr-not-saved", P(3), NULL, "pstate", NULL},
	{"nvhe-bug-spsr-not-saved", P(3), "nvhe-notvm", "pstate", NULL},
	{"vhe-bug-spsr-not-saved", P(3), "vhe-notvm", "pstate", NULL},
	/* XSA-91 style: CNTKCTL_EL1 is restored but the guest's is never
	 * saved */
	{"nvhe-bug-cntkctl-not-saved", P(3), NULL, "CNTKCTL_EL1", NULL},
	{"vhe-bug-cntkctl-not-saved", P(3), NULL, "CNTKCTL_EL1", NULL},
	{"nvhe-bug-cntkctl-not-saved", P(3), "nvhe-notvm", "CNTKCTL_EL1", NULL},
	{"vhe-bug-cntkctl-not-saved", P(3), "vhe-notvm", "CNTKCTL_EL1", NULL},
	/* the guest's SMCCC_ARCH_WORKAROUND_1, answered at EL2 ([world]
	 * guest_hvc), resumes the guest with x4 clobbered (SMCCC gives x0-x3
	 * only): entry fidelity at the resume */
	{"nvhe-bug-wa-clobber", P(2), NULL, "x4", NULL},
	{"vhe-bug-wa-clobber", P(2), NULL, "x4", NULL},
	/* the entry path unmasks IRQ and SError at EL2 with the guest's
	 * IMO/AMO set: the interrupt pending as the host called (irq_entry,
	 * serror_entry) is taken at EL2 from EL2 into a panic vector, one
	 * finding naming where (test_panic_names_where_it_started) */
	{"nvhe-bug-el2-unmasked", P(1) | STOPS, NULL, "pc", NULL},
	{"vhe-bug-el2-unmasked", P(1) | STOPS, NULL, "pc", NULL},
	/* the host's other call ([world] host_call version) gives the version
	 * back in x1 too (nVHE, preserve.version) / loses x19 (VHE, a call) */
	{"nvhe-bug-version-clobber", P(1), NULL, "x1", NULL},
	{"vhe-bug-version-clobber", P(1), NULL, "x19", NULL},
	/* __guest_exit does not take the SError pending as the guest exits
	 * (serror_exit): the host gets it back pending, as its own
	 * (isolation), and is not told (exit code without EXIT_SERROR_BIT) */
	{"nvhe-bug-serror-leak", P(4) | P(8), NULL, "SError", NULL},
	{"vhe-bug-serror-leak", P(4) | P(8), NULL, "SError", NULL},
	/* HCR_EL2.AMO masked out of the guest's HCR_EL2: the host's SError
	 * pending at entry is taken by the guest at EL1 (isolation, named
	 * HCR_EL2 by [config] and by the delivery: test_host_serror_...), the
	 * guest's exits from its (absent) vector are not the SError exit and
	 * the guest's SError at exit stays pending for the host (exit code) */
	{"nvhe-bug-amo-clear", P(4) | P(8), NULL, "HCR_EL2", NULL},
	{"vhe-bug-amo-clear", P(4) | P(8), NULL, "HCR_EL2", NULL},
	/* vserror: the context's HCR_EL2 loses VSE at the exit while the
	 * virtual SError is still pending (exit completeness) */
	{"nvhe-bug-vse-lost", P(3), NULL, "HCR_EL2.VSE", NULL},
	{"vhe-bug-vse-lost", P(3), NULL, "HCR_EL2.VSE", NULL},
	/* vserror: the guest entered without the VSE the host set ([config]) */
	{"nvhe-bug-vse-dropped", P(4), NULL, "HCR_EL2", NULL},
	{"vhe-bug-vse-dropped", P(4), NULL, "HCR_EL2", NULL},
	/* vserror: the host gets HCR_EL2 back with the guest's VSE */
	{"nvhe-bug-vse-leak", P(6), NULL, "HCR_EL2", NULL},
	{"vhe-bug-vse-leak", P(6), NULL, "HCR_EL2", NULL},
	/* the host's version call returns 1 instead of 0x10000 ([exit_codes]
	 * version): the call's exit code only */
	{"nvhe-bug-version-wrong", P(8), NULL, "x0", NULL},
	{"vhe-bug-version-wrong", P(8), NULL, "x0", NULL},
	/* VHE: the guest's TPIDR_EL0/TPIDRRO_EL0 never loaded (E2H does not
	 * redirect them): the guest runs on the host's (entry fidelity,
	 * isolation: test_vhe_guest_on_host_el0_registers_named_or_not) */
	{"vhe-bug-user-not-loaded", P(2) | P(4), NULL, "TPIDR_EL0", NULL},
};
#define N_VARIANTS (sizeof(variants) / sizeof(variants[0]))

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The text of the profile at path without the lines starting with a
 * prefix in drop (NULL-terminated, may be NULL), with cut (may be NULL)
 * taken out of every line and add (may be NULL) appended; its length. */
static size_t edited_text(const char *path, const char *const *drop, const char *cut,
			  const char *add, char *text, size_t cap)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t len = 0;
	char line[1100];
	while (fgets(line, sizeof(line), f)) {
		bool keep = true;
		for (size_t i = 0; drop && drop[i]; i++)
			keep &= strncmp(line, drop[i], strlen(drop[i])) != 0;
		char *at = cut ? strstr(line, cut) : NULL;
		if (at)
			memmove(at, at + strlen(cut), strlen(at + strlen(cut)) + 1);
		if (keep) {
			assert_true(len + strlen(line) < cap);
			len += (size_t)snprintf(text + len, cap - len, "%s", line);
		}
	}
	fclose(f);
	if (add) {
		assert_true(len + strlen(add) < cap);
		len += (size_t)snprintf(text + len, cap - len, "%s", add);
	}
	return len;
}

static el2_check_profile *parse_text(const char *path, const char *text, size_t len)
{
	char err[512];
	el2_check_profile *prof = NULL;
	if (el2_check_profile_parse(text, len, &prof, err, sizeof(err)))
		fail_msg("profile %s: %s", path, err);
	return prof;
}

/* The profile at path without the lines starting with a prefix in drop
 * (NULL-terminated, may be NULL), with add appended. */
static el2_check_profile *parse_edited(const char *path, const char *const *drop,
				       const char *add)
{
	static char text[1 << 16];
	return parse_text(path, text, edited_text(path, drop, NULL, add, text, sizeof(text)));
}

/* The profile a built object is checked with: <flavour>-bug-<bug> with
 * <flavour>.profile, or tests/ref/<profile>.profile when a row names one;
 * without the lines starting with a prefix in drop, with the [host] lines
 * host appended. */
static el2_check_profile *profile_for(const char *name, const char *profile,
				      const char *const *drop, const char *host)
{
	char key[64];
	const char *bug = strstr(name, "-bug-");
	int flen = bug ? (int)(bug - name) : (int)strlen(name);
	if (profile)
		snprintf(key, sizeof(key), "%s.profile", profile);
	else
		snprintf(key, sizeof(key), "%.*s.profile", flen, name);
	const char *path = arg(key);
	assert_non_null(path);
	char add[512] = "";
	if (host)
		snprintf(add, sizeof(add), "\n[host]\n%s", host);
	return parse_edited(path, drop, host ? add : NULL);
}

static el2_check_profile *edited_profile(const char *name, const char *const *drop,
					 const char *host)
{
	return profile_for(name, NULL, drop, host);
}

/* Runs the checker on a built object with prof (freed here). */
static el2_check_result *check_prof(const char *name, el2_check_profile *prof,
				    const el2_check_opts *o)
{
	const char *obj = arg(name);
	if (!obj) {
		el2_check_profile_free(&prof);
		skip();
	}
	char err[512];
	el2_check_result *res = NULL;
	el2_err e = el2_check_file(obj, prof, o, &res, err, sizeof(err));
	el2_check_profile_free(&prof);
	if (e)
		fail_msg("check %s: %s", name, err);
	return res;
}

static el2_check_result *check_with(const char *name, const char *profile,
				    const el2_check_opts *o)
{
	return check_prof(name, profile_for(name, profile, NULL, NULL), o);
}

/* Runs the checker (corner runs + one random run, no last-writer re-run:
 * the set of failing properties does not depend on it). Every property
 * is judged, unless the variant never returns to the host (stops). */
static unsigned failing_props_prof(const char *name, el2_check_profile *prof, bool stops,
				   el2_check_result **out)
{
	el2_check_opts o = el2_check_opts_default();
	o.runs = 1;
	o.last_writer = g_last_writer;
	double t0 = now_s();
	el2_check_result *res = check_prof(name, prof, &o);
	double dt = now_s() - t0;
	unsigned failed = 0;
	for (unsigned p = 1; p <= EL2_CHECK_N_PROPERTIES; p++) {
		if (!stops)
			assert_true(el2_check_property_checks(res, p) > 0);
		if (el2_check_property_failures(res, p))
			failed |= P(p);
	}
	printf("[check_ref] %-28s %u round trips in %.2f s (%.0f ms each)\n", name,
	       el2_check_round_trips(res), dt, 1e3 * dt / el2_check_round_trips(res));
	*out = res;
	return failed;
}

static unsigned failing_props_with(const char *name, el2_check_profile *prof,
				   el2_check_result **out)
{
	return failing_props_prof(name, prof, false, out);
}

static unsigned failing_props(const char *name, el2_check_result **out)
{
	return failing_props_prof(name, profile_for(name, NULL, NULL, NULL), false, out);
}

/* How many findings of property prop name reg (and hold text in the
 * description of the value found or the detail, if text). */
static size_t count_named(const el2_check_result *res, unsigned prop, const char *reg,
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

/* A finding of one of the properties in props names reg. */
static bool names_reg(const el2_check_result *res, unsigned props, const char *reg)
{
	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f);
	for (size_t k = 0; k < n; k++)
		if ((props & P(f[k].property)) && !strcmp(f[k].reg, reg))
			return true;
	return false;
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
	unsigned want = v->props & ~STOPS;
	unsigned got = failing_props_prof(v->name, profile_for(v->name, v->profile, NULL, v->host),
					  (v->props & STOPS) != 0, &res);
	bool named = !v->reg || names_reg(res, want, v->reg);
	if (got != want || !named) {
		print_props("expected failing properties", want);
		print_props("failing properties        ", got);
		if (!named)
			printf("  no failing finding names %s\n", v->reg);
		el2_check_write_text(res, stdout);
	}
	el2_check_result_free(&res);
	assert_int_equal(got, want);
	assert_true(named);
}
/* The VM rule names the field, whatever [config] says. */
static void test_vm_clear_names_hcr_el2_vm(void **state)
{
	(void)state;
	static const char *const names[] = {"nvhe-bug-vm-clear", "vhe-bug-vm-clear"};
	for (size_t i = 0; i < 2; i++) {
		el2_check_result *res = NULL;
		failing_props(names[i], &res);
		const el2_check_finding *f;
		size_t n = el2_check_findings(res, &f), hit = 0;
		for (size_t k = 0; k < n; k++)
			if (f[k].property == 4 && !strcmp(f[k].reg, "HCR_EL2") &&
			    strstr(f[k].detail, "HCR_EL2.VM = 0"))
				hit++;
		el2_check_result_free(&res);
		assert_int_equal(hit, 1);
	}
}

struct abort_seen {
	unsigned n, other; /* instruction aborts to EL2 with that ESR; other ones */
};

static void on_event(void *ctx, const el2_event *ev)
{
	struct abort_seen *a = ctx;
	if (ev->kind != EL2_EV_EXCEPTION || ev->to_el != 2 ||
	    (ev->exc_type != EL2_EXC_INSTR_ABORT && ev->exc_type != EL2_EXC_DATA_ABORT))
		return;
	/* EC 0x20, IL, IFSC 0b010101 */
	if (ev->esr == ((0x20u << 26) | (1u << 25) | 0x15u))
		a->n++;
	else
		a->other++;
}

/* With the guest's stage 2 from tables, a guest entered with the host's
 * VTTBR_EL2 (0) has its level-1 table at PA 0, where the map has no
 * memory: its first instruction fetch takes an Instruction Abort to EL2,
 * EC 0x20, IFSC 0b010101 (synchronous External abort on the translation
 * table walk, level 1), and the trip still returns to the host. No other
 * abort is taken to EL2. */
static void test_stale_vttbr_guest_faults_on_its_walk(void **state)
{
	(void)state;
	static const char *const names[] = {"nvhe-bug-vttbr-stale", "vhe-bug-vttbr-stale"};
	for (size_t i = 0; i < 2; i++) {
		const char *obj = arg(names[i]);
		const char *pp = arg(i ? "vhe-s2.profile" : "nvhe-s2.profile");
		if (!obj)
			skip();
		assert_non_null(pp);
		char err[512];
		el2_check_profile *prof = NULL;
		assert_int_equal(el2_check_profile_load(pp, &prof, err, sizeof(err)), EL2_OK);
		el2_scenario_world *w = NULL;
		if (el2_scenario_open(obj, prof, NULL, "hvc", &w, err, sizeof(err)))
			fail_msg("%s", err);
		struct abort_seen seen = {0};
		el2_scenario_hooks hooks = {.event = on_event, .ctx = &seen};
		el2_run_result rr;
		assert_int_equal(el2_scenario_trip(w, 0, &hooks, &rr, err, sizeof(err)), EL2_OK);
		assert_true(rr.reason == EL2_STOP_ADDRESS || rr.reason == EL2_STOP_SENTINEL);
		assert_true(seen.n >= 1);
		assert_int_equal(seen.other, 0);
		el2_scenario_close(&w);
		el2_check_profile_free(&prof);
	}
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

/* Host values parked in guest RAM are found by the memory scan at guest
 * entry (or, stored after the last exit, after the round trip), named by
 * address and origin, with the store that put them there;
 * the wrong MMIO exit code names the exit-code register in the mmio
 * scenario. */
static size_t count_hits(const char *name, unsigned prop, const char *reg, const char *phase,
			 const char *scenario, const char *desc, bool last_writer,
			 const char *writer)
{
	const char *obj = arg(name);
	if (!obj)
		skip();
	char key[32], err[512];
	snprintf(key, sizeof(key), "%s.profile", strncmp(name, "vhe", 3) ? "nvhe" : "vhe");
	el2_check_profile *prof = NULL;
	assert_int_equal(el2_check_profile_load(arg(key), &prof, err, sizeof(err)), EL2_OK);
	el2_check_opts o = el2_check_opts_default();
	o.runs = 1;
	o.last_writer = last_writer;
	el2_check_result *res = NULL;
	el2_err e = el2_check_file(obj, prof, &o, &res, err, sizeof(err));
	el2_check_profile_free(&prof);
	if (e)
		fail_msg("check %s: %s", name, err);
	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f), hit = 0;
	for (size_t k = 0; k < n; k++)
		if (f[k].property == prop && !strcmp(f[k].reg, reg) && !strcmp(f[k].phase, phase) &&
		    !strcmp(f[k].scenario, scenario) && strstr(f[k].found_desc, desc) &&
		    (!writer || (f[k].has_writer && (strstr(f[k].writer_text, writer) ||
						     strstr(f[k].writer_where, writer)))))
			hit++;
	if (hit != 1)
		el2_check_write_text(res, stdout);
	el2_check_result_free(&res);
	return hit;
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
		{"nvhe-fphandoff-bug-host-fp-lost", 1, "v0", "saved at host_fpsimd_state+0x0", "context+0x240"},
		{"nvhe-fphandoff-bug-host-fp-lost", 1, "v31", "saved at host_fpsimd_state+0x1f0", NULL},
		{"vhe-fphandoff-bug-host-fp-lost", 1, "v9", "saved at host_fpsimd_state+0x90", NULL},
		{"nvhe-fphandoff-bug-fp-owner-unset", 4, "FP owner", "context+0x240 = 0x1 says host",
		 NULL},
		{"vhe-fphandoff-bug-fp-owner-unset", 4, "FP owner", "context+0x240 = 0x1 says host",
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
	const char *const drops[] = {drop, NULL};
	return parse_edited(path, drops, add);
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

static void test_host_values_in_guest_ram_name_address_origin_and_store(void **state)
{
	(void)state;
	assert_int_equal(count_hits("nvhe-bug-host-in-guest-ram", 4, "guest+0x100 (0x80000100)",
				    "guest entry", "hvc", "host x19, run ", true,
				    "stp x3, x4, [x5, #0x100]"),
			 1);
	assert_int_equal(count_hits("vhe-bug-host-in-guest-ram", 4, "guest+0x108 (0x80000108)",
				    "guest entry", "hvc", "host x20, run ", true,
				    "stp x19, x20, [x1, #0x100]"),
			 1);
	assert_int_equal(count_hits("nvhe-bug-host-in-guest-ram-exit", 4,
				    "guest+0x200 (0x80000200)", "return to host", "hvc",
				    "host x19, run ", true, "vcpu_run+"),
			 1);
}

/* A vCPU context in guest-readable memory: the guest's values and the
 * checker's own stale EL2 tags there are not leaks, so the references still
 * pass (and the scan covers the context's words: more checks). The
 * context moves to guest RAM 0x80100000 (__hyp_vectors is at 0x40000000,
 * tests/ref/ref.ld). */
static void test_context_in_guest_memory_is_no_leak(void **state)
{
	(void)state;
	static const char *const names[] = {"nvhe", "vhe"};
	for (size_t i = 0; i < 2; i++) {
		const char *obj = arg(names[i]);
		if (!obj)
			skip();
		char key[32], err[512];
		snprintf(key, sizeof(key), "%s.profile", names[i]);
		FILE *f = fopen(arg(key), "r");
		assert_non_null(f);
		static char text[16384], moved[16384];
		size_t len = fread(text, 1, sizeof(text) - 1, f);
		fclose(f);
		text[len] = '\0';
		char *at = strstr(text, "context = vcpu_ctxt\n");
		assert_non_null(at);
		snprintf(moved, sizeof(moved), "%.*scontext = __hyp_vectors+0x40100000\n%s",
			 (int)(at - text), text, at + strlen("context = vcpu_ctxt\n"));
		el2_check_profile *prof = NULL;
		assert_int_equal(el2_check_profile_parse(moved, strlen(moved), &prof, err, sizeof(err)),
				 EL2_OK);
		el2_check_opts o = el2_check_opts_default();
		o.runs = 1;
		o.last_writer = false;
		el2_check_result *res = NULL, *base = NULL;
		assert_int_equal(el2_check_file(obj, prof, &o, &res, err, sizeof(err)), EL2_OK);
		el2_check_profile_free(&prof);
		failing_props(names[i], &base);
		if (!el2_check_passed(res))
			el2_check_write_text(res, stdout);
		assert_true(el2_check_passed(res));
		assert_true(el2_check_property_checks(res, 4) > el2_check_property_checks(base, 4));
		el2_check_result_free(&res);
		el2_check_result_free(&base);
	}
}

static void test_wrong_exit_code_names_the_register_in_the_mmio_scenario(void **state)
{
	(void)state;
	static const char *const names[] = {"nvhe-bug-exit-code", "vhe-bug-exit-code"};
	for (size_t i = 0; i < 2; i++)
		assert_int_equal(count_hits(names[i], 8, "x0", "exit code of mmio", "mmio", "", false,
					    NULL),
				 1);
}

/* A host call's exit code ([exit_codes] NAME) is judged per call: the
 * seeded wrong return names x0 in the call's phase; the references with a
 * wrong declared value fail property 8 alone, the same way. */
static void test_host_call_exit_code_is_judged(void **state)
{
	(void)state;
	static const char *const names[] = {"nvhe", "vhe"};
	for (size_t i = 0; i < 2; i++) {
		char bug[64], key[32];
		snprintf(bug, sizeof(bug), "%s-bug-version-wrong", names[i]);
		assert_int_equal(count_hits(bug, 8, "x0", "exit code of version", "host_call",
					    "", false, NULL),
				 1);
		snprintf(key, sizeof(key), "%s.profile", names[i]);
		assert_non_null(arg(key));
		el2_check_profile *prof = profile_edited(arg(key), "version =", "version = 0x10001\n");
		el2_check_result *res = NULL;
		unsigned failed = failing_props_with(names[i], prof, &res);
		if (failed != P(8))
			el2_check_write_text(res, stdout);
		assert_int_equal(failed, P(8));
		assert_int_equal(count_findings(res, 8, "x0", "[exit_codes] version = 65537", NULL), 1);
		el2_check_result_free(&res);
	}
}

/* vhe.profile without TPIDR_EL0/TPIDRRO_EL0: no [guest] slot, no
 * preserve entry (the host's still get tags: tag_host_el1_rows). */
static el2_check_profile *vhe_profile_without_user_regs(void)
{
	static const char *const drop[] = {"tpidr_el0 =", "tpidrro_el0 =", NULL};
	const char *path = arg("vhe.profile");
	assert_non_null(path);
	static char text[1 << 16];
	size_t len = edited_text(path, drop, " tpidr_el0 tpidrro_el0", NULL, text, sizeof(text));
	assert_null(strstr(text, "tpidr_el0"));
	return parse_text(path, text, len);
}

/* Under VHE the host reaches its kernel's EL1 state through the _EL2
 * registers, but TPIDR_EL0/TPIDRRO_EL0 are not redirected: a VHE switch
 * that never loads the guest's leaves the host's user thread pointers to
 * the guest. Property 4 names them at guest entry as host values, whether
 * the profile names them or not; without the names the reference passes
 * and the variant fails property 4 alone (no slot to compare, property 2). */
static void test_vhe_guest_on_host_el0_registers_named_or_not(void **state)
{
	(void)state;
	static const char bug[] = "vhe-bug-user-not-loaded";
	el2_check_result *res = NULL;
	failing_props(bug, &res);
	assert_int_equal(count_named(res, 4, "TPIDR_EL0", "host TPIDR_EL0"), 1);
	assert_int_equal(count_named(res, 4, "TPIDRRO_EL0", "host TPIDRRO_EL0"), 1);
	el2_check_result_free(&res);
	assert_int_equal(failing_props_with("vhe", vhe_profile_without_user_regs(), &res), 0);
	el2_check_result_free(&res);
	unsigned got = failing_props_with(bug, vhe_profile_without_user_regs(), &res);
	if (got != P(4))
		el2_check_write_text(res, stdout);
	assert_int_equal(got, P(4));
	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f), hit = 0;
	for (size_t k = 0; k < n; k++)
		hit += f[k].property == 4 && !strcmp(f[k].reg, "TPIDR_EL0") &&
		       !strcmp(f[k].phase, "guest entry") &&
		       !strncmp(f[k].found_desc, "host TPIDR_EL0, run ", 20);
	assert_int_equal(hit, 1);
	el2_check_result_free(&res);
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

/* A finding's scenario and run, with the check's seed, replay its round
 * trip alone: the same finding (property, register, phase, values) comes
 * back, and its replay command names them. */
static void test_each_finding_replays_alone(void **state)
{
	(void)state;
	static const char *const names[] = {"nvhe-bug-guest-gpr", "vhe-bug-hpfar",
					    "nvhe-bug-fp-leak", "vhe-bug-host-sp-el0-late",
					    "nvhe-bug-exit-panic"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		el2_check_opts o = el2_check_opts_default();
		o.runs = 2;
		o.seed = 7;
		o.last_writer = false;
		el2_check_result *res = check_with(names[i], NULL, &o);
		const el2_check_finding *fs;
		size_t n = el2_check_findings(res, &fs);
		assert_true(n > 0);
		for (size_t k = 0; k < n; k++) {
			char cmd[1024], want[128];
			el2_check_replay_command(res, &fs[k], cmd, sizeof(cmd));
			snprintf(want, sizeof(want), "--seed 0x7 --scenario %s --run %u",
				 fs[k].scenario, fs[k].run);
			if (!strstr(cmd, want))
				fail_msg("replay command '%s' lacks '%s'", cmd, want);
			el2_check_opts r = o;
			r.scenario = fs[k].scenario;
			r.has_run = true;
			r.run = fs[k].run;
			el2_check_result *again = check_with(names[i], NULL, &r);
			assert_int_equal(el2_check_round_trips(again), 1);
			const el2_check_finding *gs;
			size_t m = el2_check_findings(again, &gs), same = 0;
			for (size_t q = 0; q < m; q++)
				same += gs[q].property == fs[k].property && !strcmp(gs[q].reg, fs[k].reg) &&
					!strcmp(gs[q].phase, fs[k].phase) &&
					gs[q].expected == fs[k].expected && gs[q].found == fs[k].found &&
					gs[q].run_seed == fs[k].run_seed &&
					!strcmp(gs[q].detail, fs[k].detail);
			if (same != 1) {
				el2_check_write_text(res, stdout);
				el2_check_write_text(again, stdout);
				fail_msg("%s: finding %zu not replayed by --scenario %s --run %u",
					 names[i], k, fs[k].scenario, fs[k].run);
			}
			el2_check_result_free(&again);
		}
		el2_check_result_free(&res);
	}
}

/* An exit path that jumps to __hyp_panic: in every scenario that enters
 * the guest, exactly one finding, naming the stop (where, EL) and the EL2
 * controls left with the guest's configuration; what follows from it is
 * counted, not listed. nVHE and VHE. */
static void test_never_returning_trip_is_one_finding_naming_the_stop(void **state)
{
	(void)state;
	static const char *const names[] = {"nvhe-bug-exit-panic", "vhe-bug-exit-panic"};
	static const char *const scenarios[] = {"hvc", "mmio", "s2perm", "sysreg", "irq"};
	for (size_t i = 0; i < 2; i++) {
		for (size_t k = 0; k < sizeof(scenarios) / sizeof(scenarios[0]); k++) {
			el2_check_opts o = el2_check_opts_default();
			o.runs = 1;
			o.scenario = scenarios[k];
			/* without [world] panic: the spin at __hyp_panic ends it */
			static const char *const no_panic[] = {"panic", NULL};
			el2_check_result *res =
				check_prof(names[i], profile_for(names[i], NULL, no_panic, NULL), &o);
			const el2_check_finding *f;
			size_t n = el2_check_findings(res, &f);
			if (n != 1)
				el2_check_write_text(res, stdout);
			assert_int_equal(n, 1);
			assert_int_equal(f->property, 1);
			assert_string_equal(f->reg, "pc");
			assert_int_equal(f->count, el2_check_round_trips(res));
			assert_non_null(strstr(f->detail, "spins at __hyp_panic+0x0 (EL2"));
			assert_non_null(strstr(f->detail, "HCR_EL2 0x"));
			assert_non_null(strstr(f->detail, "as at guest entry"));
			assert_non_null(strstr(f->detail, "VM 1, TGE 0"));
			assert_true(f->follow_on > 0);
			el2_check_result_free(&res);
		}
	}
}

/* With [world] panic / panic_vectors, a trip that panics at EL2 is one
 * finding (property 1, phase "EL2 panic") naming where the panic started:
 * the branch to the panic symbol, or the exception taken at EL2 from EL2
 * with its vector and syndrome; the run stops there, not at a budget. */
static void test_panic_names_where_it_started(void **state)
{
	(void)state;
	static const struct {
		const char *name, *scenario, *text[3];
	} cases[] = {
		{"nvhe-bug-exit-panic", "hvc",
		 {"EL2 panic: reached __hyp_panic+0x0 ([world] panic) from __guest_exit+0x",
		  "as at guest entry", NULL}},
		{"vhe-bug-exit-panic", "mmio",
		 {"EL2 panic: reached __hyp_panic+0x0 ([world] panic) from __guest_exit+0x",
		  "VM 1, TGE 0", NULL}},
		{"nvhe-bug-el2-unmasked", "irq_entry",
		 {"EL2 panic: IRQ taken at EL2 from EL2 at __guest_enter+0x",
		  "into VBAR_EL2+0x280 ([world] panic_vectors)", NULL}},
		/* the SError vector is the reference's el2_serror (not a panic
		 * vector): outside __guest_exit's window it branches to
		 * __hyp_panic, and the panic names the exception before it */
		{"vhe-bug-el2-unmasked", "serror_entry",
		 {"EL2 panic: reached __hyp_panic+0x0 ([world] panic) from el2_serror+0x",
		  "last exception at EL2 from EL2: at __guest_enter+0x",
		  "(EC 0x2f), VBAR_EL2+0x380"}},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		el2_check_opts o = el2_check_opts_default();
		o.runs = 1;
		o.scenario = cases[i].scenario;
		el2_check_result *res = check_with(cases[i].name, NULL, &o);
		const el2_check_finding *f;
		size_t n = el2_check_findings(res, &f);
		if (n != 1)
			el2_check_write_text(res, stdout);
		assert_int_equal(n, 1);
		assert_int_equal(f->property, 1);
		assert_string_equal(f->phase, "EL2 panic");
		for (size_t k = 0; k < 3 && cases[i].text[k]; k++)
			if (!strstr(f->detail, cases[i].text[k]))
				fail_msg("%s: '%s' not in '%s'", cases[i].name, cases[i].text[k],
					 f->detail);
		el2_check_result_free(&res);
	}
}

/* Findings other than vacuity (a check of one scenario leaves the exit
 * information slots of the others uncompared). */
static size_t findings_but_vacuity(const el2_check_result *res, const el2_check_finding **first)
{
	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f), k = 0;
	*first = NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].phase, "every round trip")) {
			if (!k++)
				*first = &f[i];
		}
	return k;
}

/* The host's SError pending at entry, taken at EL1 by a guest entered
 * without HCR_EL2.AMO: a finding of its own (phase "interrupt delivery"). */
static void test_host_serror_taken_by_the_guest_names_hcr_amo(void **state)
{
	(void)state;
	static const char *const names[] = {"nvhe-bug-amo-clear", "vhe-bug-amo-clear"};
	for (size_t i = 0; i < 2; i++) {
		el2_check_opts o = el2_check_opts_default();
		o.runs = 1;
		o.scenario = "serror_entry";
		el2_check_result *res = check_with(names[i], NULL, &o);
		size_t hit = count_named(res, 4, "HCR_EL2", "SError was taken by the guest at EL1");
		if (!hit)
			el2_check_write_text(res, stdout);
		assert_true(hit == 1);
		el2_check_result_free(&res);
	}
}

/* vserror: each way of losing or leaking the host's virtual SError is
 * one finding of the vserror scenario whose text names HCR_EL2.VSE. */
static void test_vserror_findings_name_hcr_vse(void **state)
{
	(void)state;
	static const struct {
		const char *name, *reg, *text;
		unsigned prop;
	} cases[] = {
		{"nvhe-bug-vse-lost", "HCR_EL2.VSE", "lost VSE", 3},
		{"vhe-bug-vse-lost", "HCR_EL2.VSE", "lost VSE", 3},
		{"nvhe-bug-vse-dropped", "HCR_EL2", "HCR_EL2.VSE dropped", 4},
		{"vhe-bug-vse-dropped", "HCR_EL2", "HCR_EL2.VSE dropped", 4},
		{"nvhe-bug-vse-leak", "HCR_EL2", "HCR_EL2.VSE set", 6},
		{"vhe-bug-vse-leak", "HCR_EL2", "HCR_EL2.VSE set", 6},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		el2_check_opts o = el2_check_opts_default();
		o.runs = 1;
		o.scenario = "vserror";
		el2_check_result *res = check_with(cases[i].name, NULL, &o);
		size_t hit = count_named(res, cases[i].prop, cases[i].reg, cases[i].text);
		if (hit != 1)
			el2_check_write_text(res, stdout);
		assert_int_equal(hit, 1);
		el2_check_result_free(&res);
	}
}

/* A guest HVC the profile says is handled in place but the hypervisor
 * sends to the host: a finding, not a pass (the reference answers only
 * SMCCC_ARCH_WORKAROUND_1). */
static void test_guest_hvc_not_handled_in_place_is_a_finding(void **state)
{
	(void)state;
	static const char *const names[] = {"nvhe", "vhe"};
	static const char *const drop[] = {"guest_hvc", NULL};
	for (size_t i = 0; i < 2; i++) {
		char key[32];
		snprintf(key, sizeof(key), "%s.profile", names[i]);
		el2_check_profile *prof =
			parse_edited(arg(key), drop, "\n[world]\nguest_hvc = 0x80007fff\n");
		el2_check_opts o = el2_check_opts_default();
		o.runs = 1;
		o.scenario = "guest_hvc";
		el2_check_result *res = check_prof(names[i], prof, &o);
		const el2_check_finding *f;
		size_t n = findings_but_vacuity(res, &f);
		if (n != 1)
			el2_check_write_text(res, stdout);
		assert_int_equal(n, 1);
		assert_int_equal(f->property, 2);
		assert_string_equal(f->reg, "x0");
		assert_string_equal(f->phase, "guest resume");
		assert_non_null(strstr(f->detail, "0x80007fff ([world] guest_hvc: handled at EL2) was "
						  "not resumed"));
		el2_check_result_free(&res);
	}
}

/* [world] context_reg: the host passes the context where the profile
 * says; the reference takes it in x1 (nVHE) / x0 (VHE): naming those
 * passes, naming another register does not. */
static void test_context_reg_is_where_the_host_passes_the_context(void **state)
{
	(void)state;
	static const struct {
		const char *name, *line;
		bool pass;
	} cases[] = {
		{"nvhe", "\n[world]\ncontext_reg = x1\n", true},
		{"vhe", "\n[world]\ncontext_reg = x0\n", true},
		{"nvhe", "\n[world]\ncontext_reg = x2\n", false},
		{"vhe", "\n[world]\ncontext_reg = x3\n", false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char key[32];
		snprintf(key, sizeof(key), "%s.profile", cases[i].name);
		el2_check_opts o = el2_check_opts_default();
		o.runs = 1;
		o.corners = false;
		o.scenario = "hvc";
		el2_check_result *res =
			check_prof(cases[i].name, parse_edited(arg(key), NULL, cases[i].line), &o);
		const el2_check_finding *f;
		size_t n = findings_but_vacuity(res, &f);
		if ((n == 0) != cases[i].pass)
			el2_check_write_text(res, stdout);
		assert_int_equal(n == 0, cases[i].pass);
		el2_check_result_free(&res);
	}
}

/* [world] guest_args: the guest exits with the profile's x0-x3 (the
 * guest_hvc scenario's x0 is its function id); read at the guest's first
 * HVC exception of a scenario trip. */
typedef struct seen_args {
	el2_scenario_world *w;
	bool seen;
	uint64_t x[4];
} seen_args;

static void on_guest_hvc(void *ctx, const el2_event *ev)
{
	seen_args *s = ctx;
	el2_scenario_info info;
	el2_scenario_get_info(s->w, &info);
	if (s->seen || ev->kind != EL2_EV_EXCEPTION || ev->from_el != 1 || ev->to_el != 2 ||
	    (ev->esr >> 26) != 0x16 || ev->pc < info.guest_stub ||
	    ev->pc >= info.guest_stub + info.guest_stub_size)
		return; /* not the guest's HVC */
	el2_engine_sync(el2_scenario_engine(s->w));
	for (unsigned i = 0; i < 4; i++)
		el2_reg_read(el2_scenario_pe(s->w), EL2_REG_X(i), &s->x[i]);
	s->seen = true;
}

static void test_guest_args_are_the_guests_x0_to_x3_at_its_exit(void **state)
{
	(void)state;
	static const struct {
		const char *scenario;
		uint64_t x0;
	} cases[] = {{"hvc", 0x5}, {"guest_hvc", 0x80008000u}};
	for (size_t i = 0; i < 2; i++) {
		el2_check_profile *prof = parse_edited(
			arg("nvhe.profile"), NULL,
			"\n[world]\nguest_args = x0=5 x1=0x1111 x2=0x2222 x3=0x3333\n");
		char err[512];
		seen_args s = {0};
		assert_int_equal(el2_scenario_open(arg("nvhe"), prof, NULL, cases[i].scenario, &s.w,
						   err, sizeof(err)),
				 EL2_OK);
		el2_scenario_hooks h = {.event = on_guest_hvc, .ctx = &s};
		el2_run_result rr;
		assert_int_equal(el2_scenario_trip(s.w, 2, &h, &rr, err, sizeof(err)), EL2_OK);
		assert_true(s.seen);
		assert_int_equal(s.x[0], cases[i].x0);
		assert_int_equal(s.x[1], 0x1111);
		assert_int_equal(s.x[2], 0x2222);
		assert_int_equal(s.x[3], 0x3333);
		el2_scenario_close(&s.w);
		el2_check_profile_free(&prof);
	}
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
		size_t hit = count_named(res, cases[i].prop, cases[i].reg, cases[i].text);
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
		size_t far = count_named(res, 3, "FAR_EL2", "never saved");
		size_t hpfar = count_named(res, 3, "HPFAR_EL2", "never saved");
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
	size_t hit = count_named(res, 1, "MAIR_EL2", "host MAIR_EL1");
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
	size_t v9 = count_named(res, 1, "v9", NULL);
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


/* A profile that names the slots the hypervisor loads into ELR_EL2 and
 * SPSR_EL2 by those names (the natural reading of a CTXT_ELR_EL2 offset)
 * describes the same layout as pc/pstate: the reference still passes, and
 * a guest x18 that is never loaded is still caught, naming x18. */
static void test_elr_spsr_slot_names_are_the_guest_pc_and_pstate(void **state)
{
	(void)state;
	static const char *const drop[] = {"pc = 0x", "pstate = 0x", NULL};
	static const char *const names[] = {"nvhe", "nvhe-bug-host-leak"};
	for (size_t i = 0; i < 2; i++) {
		const char *path = arg("nvhe.profile");
		assert_non_null(path);
		el2_check_profile *prof =
			parse_edited(path, drop, "\n[guest]\nelr_el2 = 0x100\nspsr_el2 = 0x108\n");
		el2_check_result *res = NULL;
		unsigned got = failing_props_with(names[i], prof, &res);
		assert_int_equal(got, i ? P(2) | P(4) : 0);
		if (i)
			assert_true(count_named(res, 2, "x18", NULL) == 1);
		el2_check_result_free(&res);
	}
}

int main(int argc, char **argv)
{
	g_argc = argc;
	g_argv = argv;
	struct CMUnitTest tests[N_VARIANTS + 33];
	static char names[N_VARIANTS][112];
	size_t n = 0;
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_every_built_variant_is_in_the_table);
	for (size_t i = 0; i < N_VARIANTS; i++) {
		tests[n] = (struct CMUnitTest)cmocka_unit_test_prestate(
			test_variant_fails_exactly_its_properties, (void *)&variants[i]);
		snprintf(names[i], sizeof(names[i]), "%s%s%s%s_fails_exactly_its_properties",
			 variants[i].name, variants[i].profile ? "_with_" : "",
			 variants[i].profile ? variants[i].profile : "",
			 variants[i].host ? "_under_panuao_contract" : "");
		tests[n++].name = names[i];
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_hpfar_bug_is_found_in_the_s2perm_scenario);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_fp_handoff_findings_name_register_and_address);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_fp_handoff_host_setup_keys_matter);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_host_call_exit_code_is_judged);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_vhe_guest_on_host_el0_registers_named_or_not);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_callee_saved_lost_across_guest_enter_is_property_6);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_vm_clear_names_hcr_el2_vm);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_stale_vttbr_guest_faults_on_its_walk);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_scenario_worlds_refuse_bad_names_and_repeat_exactly);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_each_finding_replays_alone);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_never_returning_trip_is_one_finding_naming_the_stop);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_host_values_in_guest_ram_name_address_origin_and_store);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_wrong_exit_code_names_the_register_in_the_mmio_scenario);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_context_in_guest_memory_is_no_leak);
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
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_elr_spsr_slot_names_are_the_guest_pc_and_pstate);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_panic_names_where_it_started);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_host_serror_taken_by_the_guest_names_hcr_amo);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_vserror_findings_name_hcr_vse);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_guest_args_are_the_guests_x0_to_x3_at_its_exit);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_guest_hvc_not_handled_in_place_is_a_finding);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_context_reg_is_where_the_host_passes_the_context);
	return _cmocka_run_group_tests("check_ref", tests, n, NULL, NULL);
}
