/* SPDX-License-Identifier: MIT */
/* Host and guest in Unicorn's TLBs (Unicorn >= 2.1, INSN strategy;
 * engine_tlb.c, engine_insn.c): the host's EL0/EL1 run in a TLB of their
 * own (E2H = TGE = 1), the guest's in another, EL2's in a third, each
 * keeping the world it was filled under, so a round trip makes no flush
 * and a guest never uses an entry made for the host. The same code under
 * the trap strategy (EL2SIM_STRATEGY=trap, the fidelity reference) must
 * give the same registers, memory and counts. */
#include <stdio.h>

#include "engine_test_util.h"

#define HOSTDATA 0x40100000ull /* HOST only: the guest's stage 2 does not map it */
#define USER 0x40101000ull     /* HOST|EL0 (open_tlb with_user) */
#define HOST_WORD 0x5a5a0000c3c3ull
#define X7_MARK 0x7777ull
#define PSR_EL1H 0x3c5u
#define HCR_RW (1ull << 31)

typedef struct run_out {
	el2_run_result r;
	uint64_t x[31];
	uint64_t v1, zbuf0, esr1, elr1;
	uint64_t entry;
	el2_counts c;
	el2_isolation_stats iso;
} run_out;

/* The fixture in RAM (HOST|HYP|GUEST), one host-only page and, with_user,
 * one EL0 page; strategy NULL: the default one. */
static void open_tlb_with(et_world *w, const char *strategy, bool with_user)
{
	const char *saved = getenv("EL2SIM_STRATEGY");
	char keep[16] = "";
	if (saved)
		snprintf(keep, sizeof(keep), "%s", saved);
	if (strategy)
		setenv("EL2SIM_STRATEGY", strategy, 1);
	else
		unsetenv("EL2SIM_STRATEGY");
	el2_config cfg = el2_config_default();
	const char *path = et_begin(w, "tlb", &cfg);
	assert_int_equal(el2_mem_add(w->mem, "hostdata", HOSTDATA, 0x1000,
				     EL2_MEM_HOST | EL2_MEM_XN), EL2_OK);
	uint64_t v = HOST_WORD;
	assert_int_equal(el2_mem_write(w->mem, HOSTDATA, &v, 8), EL2_OK);
	if (with_user) {
		assert_int_equal(el2_mem_add(w->mem, "user", USER, 0x1000,
					     EL2_MEM_HOST | EL2_MEM_EL0 | EL2_MEM_XN), EL2_OK);
		assert_int_equal(el2_mem_write(w->mem, USER, &v, 8), EL2_OK);
	}
	et_finish(w, path);
	if (saved)
		setenv("EL2SIM_STRATEGY", keep, 1);
	else
		unsetenv("EL2SIM_STRATEGY");
	el2_reg_write(w->pe, EL2_SYSREG(VBAR_EL2), et_sym(w, "vectors"));
	el2_reg_write(w->pe, EL2_SYSREG(HCR_EL2), HCR_RW);
}

static void open_tlb(et_world *w, const char *strategy)
{
	open_tlb_with(w, strategy, false);
}

/* Runs `entry` in the host world at PSTATE pstate; x3 = the host page,
 * x12 = rounds, x2 = an FP value. */
static void run_host(et_world *w, const char *entry, uint32_t pstate, uint64_t rounds,
		     run_out *out)
{
	el2_reg_write(w->pe, EL2_SYSREG(HCR_EL2), HCR_RW);
	el2_reg_write(w->pe, EL2_SYSREG(CPACR_EL1), 3u << 20); /* FPEN: FP at EL0/EL1 */
	el2_reg_write(w->pe, EL2_REG_PSTATE, pstate);
	el2_reg_write(w->pe, EL2_REG_X(2), 0x4000000000000000ull); /* 2.0 */
	el2_reg_write(w->pe, EL2_REG_X(3), HOSTDATA);
	el2_reg_write(w->pe, EL2_REG_X(4), HOSTDATA);
	el2_reg_write(w->pe, EL2_REG_X(7), X7_MARK);
	el2_reg_write(w->pe, EL2_REG_X(12), rounds);
	el2_reg_write(w->pe, EL2_REG_X(13), 0);
	el2_reg_write(w->pe, EL2_REG_X(30), SENTINEL);
	el2_run_opts o = el2_run_opts_default();
	o.stop_on_exception_to = 1; /* the model's traps to EL1 */
	memset(out, 0, sizeof(*out));
	out->entry = et_sym(w, entry);
	el2_engine_reset_counts(w->eng);
	out->r = et_run_from(w, entry, &o);
	for (unsigned i = 0; i < 31; i++)
		out->x[i] = et_reg(w, EL2_REG_X(i));
	out->v1 = et_reg(w, EL2_REG_V(1));
	out->esr1 = et_reg(w, EL2_SYSREG(ESR_EL1));
	out->elr1 = et_reg(w, EL2_SYSREG(ELR_EL1));
	assert_int_equal(el2_mem_read(w->mem, et_sym(w, "zbuf"), &out->zbuf0, 8), EL2_OK);
	el2_engine_counts(w->eng, &out->c);
	el2_engine_isolation_stats(w->eng, &out->iso);
}

/* Each round the host reads its page, then the guest reads the same page:
 * a guest that shared the host's TLB entry without a flush would read it. */
static void test_guest_never_uses_the_hosts_tlb_entry(void **s)
{
	(void)s;
	et_world w;
	open_tlb(&w, NULL);
	run_out o;
	run_host(&w, "host_trips", PSR_EL1H, 3, &o);
	assert_int_equal(o.r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(o.x[13], 3);                 /* three guest aborts */
	assert_int_equal(o.x[15] >> 26, 0x24);        /* data abort, lower EL */
	assert_int_equal(o.x[15] & 0x3f, 0x07);       /* translation fault, level 3 */
	assert_int_equal(o.x[14], HOSTDATA);          /* FAR_EL2 */
	assert_int_equal(o.x[7], X7_MARK);            /* the guest read nothing */
	assert_int_equal(o.x[6], HOST_WORD);          /* the host read its page */
	assert_int_equal(o.x[8], HOST_WORD);          /* and again after the guest */
	et_close(&w);
}

/* A warm engine: a round trip (host -> guest -> abort -> host) makes no
 * TLB flush, and the guest still faults. */
static void test_round_trip_makes_no_tlb_flush(void **s)
{
	(void)s;
	et_world w;
	open_tlb(&w, NULL);
	el2_isolation_stats iso;
	el2_engine_isolation_stats(w.eng, &iso);
	if (!iso.through_tlb) {
		et_close(&w);
		print_message("isolation is not through Unicorn's TLB here (Unicorn < 2.1 or the "
			      "trap strategy): no flush count to check\n");
		skip();
	}
	run_out warm, o;
	run_host(&w, "host_trips", PSR_EL1H, 1, &warm); /* hooks, translations */
	assert_true(warm.iso.host_tlb);
	run_host(&w, "host_trips", PSR_EL1H, 4, &o);
	assert_int_equal(o.r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(o.x[13], 4);
	assert_int_equal(o.x[7], X7_MARK);
	assert_int_equal(o.x[8], HOST_WORD);
	assert_int_equal(o.iso.tlb_flushes, warm.iso.tlb_flushes);
	et_close(&w);
}

static void assert_same_run(const run_out *a, const run_out *b)
{
	assert_int_equal(a->r.reason, b->r.reason);
	assert_int_equal(a->r.pc, b->r.pc);
	for (unsigned i = 0; i < 31; i++)
		if (a->x[i] != b->x[i]) {
			print_message("x%u: 0x%llx vs 0x%llx\n", i, (unsigned long long)a->x[i],
				      (unsigned long long)b->x[i]);
			fail();
		}
	assert_int_equal(a->v1, b->v1);
	assert_int_equal(a->esr1, b->esr1);
	assert_int_equal(a->elr1, b->elr1);
	assert_int_equal(a->zbuf0, b->zbuf0);
	assert_memory_equal(&a->c, &b->c, sizeof(a->c));
}

/* The host code whose trapping depends on the EL0 controls, under both
 * strategies; compares registers, memory and counts. */
static void same_as_trap_strategy(const char *entry, uint32_t pstate, run_out *fast)
{
	et_world t, w;
	run_out ref;
	open_tlb(&t, "trap");
	run_host(&t, entry, pstate, 1, &ref);
	et_close(&t);
	open_tlb(&w, NULL);
	run_host(&w, entry, pstate, 1, fast);
	for (int i = 0; i < 2; i++) { /* cold, then warm */
		run_out again;
		run_host(&w, entry, pstate, 1, &again);
		assert_same_run(&ref, &again);
	}
	assert_same_run(&ref, fast);
	el2_engine_isolation_stats(w.eng, &fast->iso);
	et_close(&w);
}

/* DC ZVA, CTR_EL0, CNTVCT_EL0, CNTFRQ_EL0, DAIF, FP, WFI at
 * host EL1: with the host at E2H = TGE = 1 Unicorn reads SCTLR_EL2 and
 * CNTHCTL_EL2 for them; the engine set those as SCTLR_EL1/CNTKCTL_EL1. */
static void test_host_el1_controls_as_under_the_trap_strategy(void **s)
{
	(void)s;
	run_out o;
	same_as_trap_strategy("host_controls", PSR_EL1H, &o);
	assert_int_equal(o.r.reason, EL2_STOP_WFI);
	assert_int_equal(o.x[16], 0);               /* DC ZVA zeroed the block */
	assert_int_equal(o.v1, 0x4010000000000000ull); /* 2.0 + 2.0 */
	assert_true(o.c.trapped >= 6);              /* DC, CTR, CNTVCT, CNTFRQ, DAIF, WFI */
	if (o.iso.through_tlb)
		assert_true(o.iso.host_tlb);
}

/* The same at host EL0: the first word the model traps goes to EL1. */
static void test_host_el0_controls_as_under_the_trap_strategy(void **s)
{
	(void)s;
	run_out o;
	same_as_trap_strategy("host_controls", 0, &o);
	assert_int_equal(o.r.reason, EL2_STOP_EXCEPTION);
}

/* CNTD (SVE) at host EL1: under E10 Unicorn-EL0 traps it by CPACR_EL1.ZEN,
 * under TGE it ignores CPACR_EL1 and traps it by CPTR_EL3.EZ; it must reach
 * the model either way (which, without SVE, takes it as UNDEFINED). Every
 * such word of host code is probed under both regimes before it first
 * runs (a difference would put the host back in the guest's TLB); this
 * one traps under both, so the host keeps its TLB. */
static void test_host_sve_word_as_under_the_trap_strategy(void **s)
{
	(void)s;
	run_out o;
	same_as_trap_strategy("host_sve", PSR_EL1H, &o);
	assert_int_equal(o.r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(o.esr1 >> 26, 0);              /* UNDEFINED */
	assert_int_equal(o.elr1, o.entry + 4);           /* the CNTD */
	assert_int_equal(o.x[6], HOST_WORD);
	if (o.iso.through_tlb)
		assert_true(o.iso.host_tlb);
}

/* PAN on at host EL1 between two reads of one page, both in E20_0. An EL0
 * page: the second read takes a stage-1 permission fault (the TLB entry
 * the first read made must not serve it). No EL0 page: PAN changes no
 * protection, both worlds fill the TLB alike and share it, no flush. */
static void test_pan_switch_in_one_tlb(void **s)
{
	(void)s;
	et_world w;
	run_out o;
	el2_isolation_stats before;
	open_tlb_with(&w, NULL, true);
	el2_reg_write(w.pe, EL2_REG_X(4), USER);
	el2_reg_write(w.pe, EL2_SYSREG(HCR_EL2), HCR_RW);
	el2_reg_write(w.pe, EL2_SYSREG(CPACR_EL1), 3u << 20);
	el2_reg_write(w.pe, EL2_REG_PSTATE, PSR_EL1H);
	el2_reg_write(w.pe, EL2_REG_X(7), X7_MARK);
	el2_run_opts ro = el2_run_opts_default();
	ro.stop_on_exception_to = 1;
	o.r = et_run_from(&w, "host_pan", &ro);
	assert_int_equal(o.r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(et_reg(&w, EL2_REG_X(6)), HOST_WORD);
	assert_int_equal(et_reg(&w, EL2_REG_X(7)), X7_MARK);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ESR_EL1)) >> 26, 0x25); /* data abort, same EL */
	assert_int_equal(et_reg(&w, EL2_SYSREG(FAR_EL1)), USER);
	et_close(&w);

	open_tlb_with(&w, NULL, false);
	run_host(&w, "host_pan", PSR_EL1H, 1, &o); /* warm */
	el2_engine_isolation_stats(w.eng, &before);
	run_host(&w, "host_pan", PSR_EL1H, 1, &o);
	assert_int_equal(o.r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(o.x[7], HOST_WORD);
	if (before.through_tlb)
		assert_int_equal(o.iso.tlb_flushes, before.tlb_flushes);
	et_close(&w);
}

int main(int argc, char **argv)
{
	et_argc = argc;
	et_argv = argv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guest_never_uses_the_hosts_tlb_entry),
		cmocka_unit_test(test_round_trip_makes_no_tlb_flush),
		cmocka_unit_test(test_host_el1_controls_as_under_the_trap_strategy),
		cmocka_unit_test(test_host_el0_controls_as_under_the_trap_strategy),
		cmocka_unit_test(test_host_sve_word_as_under_the_trap_strategy),
		cmocka_unit_test(test_pan_switch_in_one_tlb),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
