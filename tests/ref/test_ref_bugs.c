/* SPDX-License-Identifier: MIT */
/* The seeded-bug variants of the reference world switch: for each one, a
 * check that shows its defect, run on the variant (the defect is there) and
 * on the reference of the same flavour (it is not). The checker (C2) must
 * find the same defects by itself. */
#include "ref_scenarios.h"

typedef bool (*defect_fn)(rt_world *w);

typedef struct seeded_bug {
	const char *elf;        /* the variant, e.g. "nvhe-bug-hpfar" */
	const char *reference;  /* "nvhe" or "vhe" */
	const char *stub;       /* guest stub, NULL: no guest (host call only) */
	uint64_t fid;           /* nVHE host call (0: vcpu_run) */
	defect_fn defect;
} seeded_bug;

/* Seed 1: the guest sees the host's SP_EL0. */
static bool guest_sees_host_sp_el0(rt_world *w)
{
	return w->entry.seen && w->entry.sp_el0 == HOST_SP_EL0;
}

/* Seed 1: C code at EL2 (the exit handler reading ESR_EL2) ran while SP_EL0
 * still held the guest's value. */
static bool c_ran_with_guest_sp_el0(rt_world *w)
{
	return w->sp_el0_at_esr_read == GUEST_SP_EL0;
}

/* Seed 2: TPIDR_EL2 changed by a rejected host call. */
static bool tpidr_el2_changed(rt_world *w)
{
	return rt_reg(w, EL2_SYSREG(TPIDR_EL2)) != w->percpu;
}

/* The context keeps the guest's x7 from before the run (guest_scramble
 * added 1 to it). */
static bool guest_x7_not_saved(rt_world *w)
{
	return rt_ctxt(w, CTXT_X(7)) != GTAG(7) + 1;
}

static bool host_x19_lost(rt_world *w)
{
	return rt_reg(w, EL2_REG_X(19)) != HTAG(19);
}

/* The guest's x18 at entry is the host's. */
static bool guest_sees_host_x18(rt_world *w)
{
	return w->entry.seen && w->entry.x[18] == HTAG(18);
}

/* Seed 4: the context's HPFAR is the UNKNOWN register value, not the IPA. */
static bool hpfar_not_from_at(rt_world *w)
{
	return rt_ctxt(w, CTXT_HPFAR_EL2) != (GUEST_RO_BASE >> 12) << 4;
}

/* The MMIO exit's faulting address (guest_mmio loads from MMIO_BASE +
 * 0x10) is not in the context. */
static bool far_not_saved(rt_world *w)
{
	return rt_ctxt(w, CTXT_FAR_EL2) != MMIO_BASE + 0x10;
}

/* The host came back with the guest's PSTATE. */
static bool host_pstate_is_guest_spsr(rt_world *w)
{
	return rt_reg(w, EL2_REG_PSTATE) == GUEST_PSTATE;
}

/* The host's d9 holds the guest's value after the lazy switch. */
static bool host_sees_guest_v9(rt_world *w)
{
	el2_u128 v;
	assert_int_equal(el2_vreg_read(w->pe, 9, &v), EL2_OK);
	return v.lo == GTAG(2);
}

/* The guest's TPIDR_EL1 (written by guest_scramble) is not in the context. */
static bool guest_tpidr_el1_not_saved(rt_world *w)
{
	return rt_ctxt(w, CTXT_SYSREG(SYS_TPIDR_EL1)) != GTAG(5) + 1;
}

/* Seed 3: the VHE host is left with the guest's PAN and a cleared UAO. */
static bool host_pan_uao_wrong(rt_world *w)
{
	uint64_t psr = rt_reg(w, EL2_REG_PSTATE);
	return (psr & (PSR_PAN | PSR_UAO)) != (VHE_HOST_PSTATE & (PSR_PAN | PSR_UAO));
}

/* The context's MAIR after the exit is the host's MAIR_EL2 (the guest's
 * was loaded at entry and differs): read through MAIR_EL1 under E2H. */
static bool guest_mair_read_from_el2(rt_world *w)
{
	return rt_ctxt(w, CTXT_SYSREG(SYS_MAIR_EL1)) == rt_reg(w, EL2_SYSREG(MAIR_EL2));
}

/* The host's MAIR_EL2 (0 at the call) was written through MAIR_EL1. */
static bool host_mair_el2_written(rt_world *w)
{
	return rt_reg(w, EL2_SYSREG(MAIR_EL2)) != 0;
}

static const seeded_bug bugs[] = {
	{"nvhe-bug-guest-sp-el0", "nvhe", "guest_hvc", 0, guest_sees_host_sp_el0},
	{"nvhe-bug-host-sp-el0-late", "nvhe", "guest_hvc", 0, c_ran_with_guest_sp_el0},
	{"nvhe-bug-tpidr-el2", "nvhe", NULL, REF_FID_UNKNOWN, tpidr_el2_changed},
	{"nvhe-bug-guest-gpr", "nvhe", "guest_scramble", 0, guest_x7_not_saved},
	{"nvhe-bug-host-callee", "nvhe", "guest_hvc", 0, host_x19_lost},
	{"nvhe-bug-host-leak", "nvhe", "guest_hvc", 0, guest_sees_host_x18},
	{"nvhe-bug-hpfar", "nvhe", "guest_ro_write", 0, hpfar_not_from_at},
	{"nvhe-bug-elr-spsr", "nvhe", "guest_hvc", 0, host_pstate_is_guest_spsr},
	{"nvhe-bug-fp-leak", "nvhe", "guest_fp", 0, host_sees_guest_v9},
	{"nvhe-bug-el1-sysreg", "nvhe", "guest_scramble", 0, guest_tpidr_el1_not_saved},
	{"nvhe-bug-far-lost", "nvhe", "guest_mmio", 0, far_not_saved},
	{"vhe-bug-guest-sp-el0", "vhe", "guest_hvc", 0, guest_sees_host_sp_el0},
	{"vhe-bug-host-sp-el0-late", "vhe", "guest_hvc", 0, c_ran_with_guest_sp_el0},
	{"vhe-bug-uao-pan", "vhe", "guest_hvc", 0, host_pan_uao_wrong},
	{"vhe-bug-guest-gpr", "vhe", "guest_scramble", 0, guest_x7_not_saved},
	{"vhe-bug-host-callee", "vhe", "guest_hvc", 0, host_x19_lost},
	{"vhe-bug-host-leak", "vhe", "guest_hvc", 0, guest_sees_host_x18},
	{"vhe-bug-hpfar", "vhe", "guest_ro_write", 0, hpfar_not_from_at},
	{"vhe-bug-fp-leak", "vhe", "guest_fp", 0, host_sees_guest_v9},
	{"vhe-bug-el1-sysreg", "vhe", "guest_scramble", 0, guest_tpidr_el1_not_saved},
	{"vhe-bug-pan-not-restored", "vhe", "guest_hvc", 0, host_pan_uao_wrong},
	{"vhe-bug-uao-not-restored", "vhe", "guest_hvc", 0, host_pan_uao_wrong},
	{"vhe-bug-el1-vs-el12", "vhe", "guest_hvc", 0, guest_mair_read_from_el2},
	{"vhe-bug-el12-load", "vhe", "guest_hvc", 0, host_mair_el2_written},
};

static bool run_and_check(const seeded_bug *b, const char *elf)
{
	rt_world w;
	rt_open(&w, elf, b->stub);
	if (b->fid)
		rt_set(&w, EL2_REG_X(0), b->fid);
	rt_round_trip(&w, NULL);
	bool found = b->defect(&w);
	rt_close(&w);
	return found;
}

static void test_each_seeded_bug_shows_its_defect_and_reference_does_not(void **state)
{
	for (size_t i = 0; i < sizeof(bugs) / sizeof(bugs[0]); i++) {
		if (!rt_arg(bugs[i].elf))
			fail_msg("missing %s", bugs[i].elf);
		print_message("%s\n", bugs[i].elf);
		assert_false(run_and_check(&bugs[i], bugs[i].reference));
		assert_true(run_and_check(&bugs[i], bugs[i].elf));
	}
}

int main(int argc, char **argv)
{
	rt_argc = argc;
	rt_argv = argv;
	if (!rt_arg("nvhe"))
		return 77; /* not built: skip */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_seeded_bug_shows_its_defect_and_reference_does_not),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
