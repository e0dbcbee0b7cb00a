/* SPDX-License-Identifier: MIT */
/* Splitting a recorded trip into phases (docs/bench.md, "Phases") on
 * synthetic trace/event sequences shaped like the reference nVHE trip:
 * host HVC -> vectors -> C -> __guest_enter -> ERET -> guest -> exit
 * vector -> __guest_exit -> C -> ERET to the host. Addresses:
 * vectors [0x1000, 0x1800), __guest_enter [0x2000, 0x2100),
 * __guest_exit [0x3000, 0x3100) (entry_asm), C code at 0x5000,
 * guest stub [0x8000, 0x8100), host stub at 0x9000. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "el2sim/cost.h"
#include "el2sim/pe.h"

#define NOP 0xd503201fu
#define HVC 0xd4000002u
#define ERET 0xd69f03e0u
#define ISB 0xd5033fdfu
#define LDP 0xa9410c02u /* ldp x2, x3, [x0, #16]: 16 bytes */
#define STP 0xa9000402u /* stp x2, x1, [x0]: 16 bytes */

static el2_cost_layout layout(void)
{
	el2_cost_layout l;
	memset(&l, 0, sizeof(l));
	l.guest = (el2_cost_span){0x8000, 0x8100};
	l.entry_asm[0] = (el2_cost_span){0x1000, 0x1800};
	l.entry_asm[1] = (el2_cost_span){0x2000, 0x2100};
	l.entry_asm[2] = (el2_cost_span){0x3000, 0x3100};
	l.n_entry_asm = 3;
	strcpy(l.range_name[0], "vectors");
	l.range[0] = (el2_cost_span){0x1000, 0x1800};
	l.n_ranges = 1;
	return l;
}

static void insn(el2_cost_rec *r, uint64_t pc, uint32_t w, unsigned el)
{
	el2_cost_rec_trace(r, pc, w, el);
}

static void ev(el2_cost_rec *r, el2_event_kind k, uint64_t pc, unsigned from, unsigned to,
	       el2_reg reg)
{
	el2_event e;
	memset(&e, 0, sizeof(e));
	e.kind = k;
	e.pc = pc;
	if (k == EL2_EV_ERET) { /* as the engine reports it: new PC in vector */
		e.pc = 0xdead0000;
		e.vector = pc;
	}
	e.from_el = from;
	e.to_el = to;
	e.reg = reg;
	el2_cost_rec_event(r, &e);
}

/* host call, entry, guest, exit, return: 17 entries. */
static void record_trip(el2_cost_rec *r, el2_reg hcr, el2_reg esr)
{
	insn(r, 0x9000, HVC, 1);                       /* 0 entry */
	ev(r, EL2_EV_EXCEPTION, 0x9000, 1, 2, 0);      /* 1 entry (exception) */
	insn(r, 0x1400, STP, 2);                       /* 2 entry, vectors */
	insn(r, 0x5000, NOP, 2);                       /* 3 entry, C */
	ev(r, EL2_EV_SYSREG_WRITE, 0x5000, 2, 2, hcr); /* 4 marker */
	insn(r, 0x2000, LDP, 2);                       /* 5 to-guest */
	insn(r, 0x2004, ERET, 2);                      /* 6 to-guest */
	ev(r, EL2_EV_ERET, 0x8000, 2, 1, 0);           /* 7 marker */
	insn(r, 0x8000, NOP, 1);                       /* 8 guest */
	insn(r, 0x8004, HVC, 1);                       /* 9 guest */
	ev(r, EL2_EV_EXCEPTION, 0x8004, 1, 2, 0);      /* 10 exit (exception) */
	insn(r, 0x1400, STP, 2);                       /* 11 exit, vectors */
	insn(r, 0x3000, ISB, 2);                       /* 12 exit */
	ev(r, EL2_EV_SYSREG_READ, 0x3000, 2, 2, esr);  /* 13 marker */
	insn(r, 0x5100, NOP, 2);                       /* 14 return */
	insn(r, 0x5104, ERET, 2);                      /* 15 return */
	ev(r, EL2_EV_ERET, 0x9004, 2, 1, 0);           /* 16 marker */
}

static void test_phases_follow_the_rule(void **state)
{
	(void)state;
	el2_cost_rec *r = NULL;
	assert_int_equal(el2_cost_rec_new(&r), EL2_OK);
	record_trip(r, 100, 200);
	el2_cost_layout l = layout();
	uint8_t ph[32], kind[32];
	assert_int_equal(el2_cost_rec_labels(r, &l, ph, kind, 32), 17);
	const uint8_t want[17] = {
		EL2_PHASE_ENTRY, EL2_PHASE_ENTRY, EL2_PHASE_ENTRY, EL2_PHASE_ENTRY, EL2_PHASE_ENTRY,
		EL2_PHASE_TO_GUEST, EL2_PHASE_TO_GUEST, EL2_PHASE_TO_GUEST,
		EL2_PHASE_GUEST, EL2_PHASE_GUEST,
		EL2_PHASE_EXIT, EL2_PHASE_EXIT, EL2_PHASE_EXIT, EL2_PHASE_EXIT,
		EL2_PHASE_RETURN, EL2_PHASE_RETURN, EL2_PHASE_RETURN,
	};
	for (size_t i = 0; i < 17; i++)
		if (ph[i] != want[i])
			fail_msg("entry %zu: phase %s, expected %s", i, el2_cost_phase_name(ph[i]),
				 el2_cost_phase_name(want[i]));
	assert_int_equal(kind[1], 1);
	assert_int_equal(kind[4], 2);
	el2_cost_rec_free(&r);
	assert_null(r);
}

static void test_counts_bytes_sysregs_and_ranges_per_phase(void **state)
{
	(void)state;
	el2_cost_rec *r = NULL;
	assert_int_equal(el2_cost_rec_new(&r), EL2_OK);
	record_trip(r, 100, 200);
	el2_cost_layout l = layout();
	el2_cost_result *res = calloc(1, sizeof(*res));
	char err[256] = "";
	assert_non_null(res);
	strcpy(res->scenario, "hvc");
	assert_int_equal(el2_cost_split(r, &l, NULL, 0, res, err, sizeof(err)), EL2_OK);
	assert_string_equal(res->scenario, "hvc");
	assert_int_equal(res->n_rows, EL2_PHASE__COUNT + 1 + 1);
	const el2_cost_row *entry = &res->rows[EL2_PHASE_ENTRY], *tg = &res->rows[EL2_PHASE_TO_GUEST],
			   *guest = &res->rows[EL2_PHASE_GUEST], *ex = &res->rows[EL2_PHASE_EXIT],
			   *ret = &res->rows[EL2_PHASE_RETURN], *tot = &res->rows[EL2_COST_ROW_TOTAL],
			   *vec = &res->rows[EL2_COST_ROW_TOTAL + 1];
	/* entry: hvc, stp, nop + the exception entry */
	assert_int_equal(entry->insns, 3);
	assert_int_equal(entry->by_class[EL2_CC_EXCEPTION], 1);
	assert_int_equal(entry->by_class[EL2_CC_LDST_PAIR], 1);
	assert_int_equal(entry->bytes_stored, 16);
	assert_int_equal(entry->n_sysregs, 1);
	assert_int_equal(entry->sysregs[0].reg, 100);
	assert_int_equal(entry->sysregs[0].writes, 1);
	/* to-guest: ldp + eret */
	assert_int_equal(tg->insns, 2);
	assert_int_equal(tg->bytes_loaded, 16);
	assert_int_equal(tg->by_class[EL2_CC_ERET], 1);
	assert_int_equal(guest->insns, 2);
	/* exit: stp, isb + exception entry; ESR read */
	assert_int_equal(ex->insns, 2);
	assert_int_equal(ex->by_class[EL2_CC_EXCEPTION], 1);
	assert_int_equal(ex->by_class[EL2_CC_ISB], 1);
	assert_int_equal(ex->sysregs[0].reg, 200);
	assert_int_equal(ex->sysregs[0].reads, 1);
	assert_int_equal(ret->insns, 2);
	/* total = all but guest: 3 + 2 + 2 + 2 */
	assert_string_equal(tot->name, "total");
	assert_int_equal(tot->insns, 9);
	assert_int_equal(tot->by_class[EL2_CC_EXCEPTION], 2);
	assert_int_equal(tot->bytes_loaded, 16);
	assert_int_equal(tot->bytes_stored, 32);
	/* the range: the two vector instructions */
	assert_string_equal(vec->name, "vectors");
	assert_int_equal(vec->insns, 2);
	assert_int_equal(res->trip_insns, 11);
	free(res);
	el2_cost_rec_free(&r);
}

static void test_reentry_after_a_handled_exit_counts_as_exit(void **state)
{
	(void)state;
	el2_cost_rec *r = NULL;
	assert_int_equal(el2_cost_rec_new(&r), EL2_OK);
	insn(r, 0x2000, LDP, 2);                  /* 0 to-guest */
	insn(r, 0x2004, ERET, 2);                 /* 1 to-guest */
	ev(r, EL2_EV_ERET, 0x8000, 2, 1, 0);      /* 2 */
	insn(r, 0x8000, NOP, 1);                  /* 3 guest (traps) */
	ev(r, EL2_EV_EXCEPTION, 0x8000, 1, 2, 0); /* 4 exit */
	insn(r, 0x3000, NOP, 2);                  /* 5 exit */
	insn(r, 0x5000, NOP, 2);                  /* 6 handling: exit (relabelled) */
	insn(r, 0x5004, NOP, 2);                  /* 7 exit (relabelled) */
	insn(r, 0x2000, LDP, 2);                  /* 8 to-guest */
	insn(r, 0x2004, ERET, 2);                 /* 9 to-guest */
	ev(r, EL2_EV_ERET, 0x8000, 2, 1, 0);      /* 10 */
	insn(r, 0x8000, NOP, 1);                  /* 11 guest */
	ev(r, EL2_EV_EXCEPTION, 0x8000, 1, 2, 0); /* 12 exit */
	insn(r, 0x5000, NOP, 2);                  /* 13 return */
	el2_cost_layout l = layout();
	uint8_t ph[16];
	assert_int_equal(el2_cost_rec_labels(r, &l, ph, NULL, 16), 14);
	const uint8_t want[14] = {
		EL2_PHASE_TO_GUEST, EL2_PHASE_TO_GUEST, EL2_PHASE_TO_GUEST, EL2_PHASE_GUEST,
		EL2_PHASE_EXIT, EL2_PHASE_EXIT, EL2_PHASE_EXIT, EL2_PHASE_EXIT,
		EL2_PHASE_TO_GUEST, EL2_PHASE_TO_GUEST, EL2_PHASE_TO_GUEST, EL2_PHASE_GUEST,
		EL2_PHASE_EXIT, EL2_PHASE_RETURN,
	};
	for (size_t i = 0; i < 14; i++)
		if (ph[i] != want[i])
			fail_msg("entry %zu: phase %s, expected %s", i, el2_cost_phase_name(ph[i]),
				 el2_cost_phase_name(want[i]));
	el2_cost_rec_free(&r);
}

static void test_cycles_of_the_phases_add_up_to_the_whole_stream(void **state)
{
	(void)state;
	el2_cost_model m;
	char err[512] = "";
	assert_int_equal(el2_cost_model_load("neoverse-n1", &m, err, sizeof(err)), EL2_OK);
	el2_cost_rec *r = NULL;
	assert_int_equal(el2_cost_rec_new(&r), EL2_OK);
	record_trip(r, 100, 200);
	el2_cost_layout l = layout();
	el2_cost_result *res = calloc(1, sizeof(*res));
	assert_non_null(res);
	assert_int_equal(el2_cost_split(r, &l, &m, 1, res, err, sizeof(err)), EL2_OK);
	/* The same stream through the estimator directly (markers skipped). */
	const uint32_t words[] = {HVC, 0, STP, NOP, LDP, ERET, NOP, HVC, 0, STP, ISB, NOP, ERET};
	el2_cost_est e;
	el2_cost_est_init(&e, &m);
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		el2_insn_cost_info i;
		if (words[k]) {
			el2_cost_classify(words[k], &i);
		} else {
			memset(&i, 0, sizeof(i));
			i.cls = EL2_CC_EXCEPTION;
		}
		el2_cost_est_step(&e, &i);
	}
	double sum = 0;
	for (unsigned p = 0; p < EL2_PHASE__COUNT; p++)
		sum += res->rows[p].cycles[0];
	assert_true(sum > e.frontier - 1e-9 && sum < e.frontier + 1e-9);
	/* exception entries and the ISB are charged at least their cost */
	assert_true(res->rows[EL2_PHASE_EXIT].class_cycles[0][EL2_CC_ISB] >= m.isb);
	assert_true(res->rows[EL2_COST_ROW_TOTAL].cycles[0] ==
		    sum - res->rows[EL2_PHASE_GUEST].cycles[0]);
	free(res);
	el2_cost_rec_free(&r);
}

/* System-register accesses Unicorn performs itself (no access event) are
 * counted from the word, exactly once; trapped ones once (their event); an
 * MRS that raised an exception at its own address not at all. */
#define MRS_TPIDR_EL0_X0 0xd53bd040u  /* mrs x0, tpidr_el0 */
#define MSR_TPIDR_EL0_X2 0xd51bd042u  /* msr tpidr_el0, x2 */
#define MRS_NZCV_X1 0xd53b4201u       /* mrs x1, nzcv */
#define MRS_ESR_EL2_X1 0xd53c5201u    /* mrs x1, esr_el2 */

static const el2_cost_sysreg_count *sysreg_row(const el2_cost_row *row, const char *name)
{
	for (size_t k = 0; k < row->n_sysregs; k++)
		if (!strcmp(el2_reg_name(row->sysregs[k].reg), name))
			return &row->sysregs[k];
	return NULL;
}

static void test_native_sysreg_accesses_are_counted_once(void **state)
{
	(void)state;
	el2_cost_rec *r = NULL;
	assert_int_equal(el2_cost_rec_new(&r), EL2_OK);
	el2_reg esr;
	assert_int_equal(el2_reg_by_name("esr_el2", &esr), EL2_OK);
	insn(r, 0x9000, HVC, 1);
	ev(r, EL2_EV_EXCEPTION, 0x9000, 1, 2, 0);
	insn(r, 0x5000, MRS_TPIDR_EL0_X0, 2);          /* native: next insn follows */
	insn(r, 0x5004, MRS_ESR_EL2_X1, 2);            /* trapped: its event follows */
	ev(r, EL2_EV_SYSREG_READ, 0x5004, 2, 2, esr);
	insn(r, 0x5008, MRS_NZCV_X1, 2);               /* native, then an interrupt */
	ev(r, EL2_EV_EXCEPTION, 0x500c, 2, 2, 0);      /*   taken at the next address */
	insn(r, 0x5100, MRS_TPIDR_EL0_X0, 2);          /* raised an exception itself */
	ev(r, EL2_EV_EXCEPTION, 0x5100, 2, 2, 0);
	insn(r, 0x5200, MSR_TPIDR_EL0_X2, 2);          /* native, last word of the run */
	el2_cost_rec_finish(r);
	el2_cost_rec_finish(r);                        /* settles it once */
	el2_cost_layout l = layout();
	el2_cost_result *res = calloc(1, sizeof(*res));
	char err[256] = "";
	assert_non_null(res);
	assert_int_equal(el2_cost_split(r, &l, NULL, 0, res, err, sizeof(err)), EL2_OK);
	const el2_cost_row *tot = &res->rows[EL2_COST_ROW_TOTAL];
	const el2_cost_sysreg_count *t = sysreg_row(tot, "TPIDR_EL0"),
				    *e = sysreg_row(tot, "ESR_EL2"), *n = sysreg_row(tot, "NZCV");
	assert_non_null(t);
	assert_non_null(e);
	assert_non_null(n);
	assert_int_equal(t->reads, 1);
	assert_int_equal(t->writes, 1);
	assert_int_equal(e->reads, 1);
	assert_int_equal(n->reads, 1);
	assert_int_equal(tot->n_sysregs, 3);
	free(res);
	el2_cost_rec_free(&r);
}

static void test_too_many_models_is_an_error(void **state)
{
	(void)state;
	el2_cost_rec *r = NULL;
	assert_int_equal(el2_cost_rec_new(&r), EL2_OK);
	el2_cost_layout l = layout();
	el2_cost_model ms[EL2_COST_MAX_MODELS + 1];
	memset(ms, 0, sizeof(ms));
	el2_cost_result *res = calloc(1, sizeof(*res));
	char err[256] = "";
	assert_int_equal(el2_cost_split(r, &l, ms, EL2_COST_MAX_MODELS + 1, res, err, sizeof(err)),
			 EL2_ERR_INVALID_ARG);
	assert_non_null(strstr(err, "models"));
	free(res);
	el2_cost_rec_free(&r);
}

/* An assembly-only world switch (the tutorial's shape, docs/tutorial.md):
 * every EL2 instruction lies in entry_asm [0x1000, 0x4000). Vector, five
 * dispatch instructions, the host's EL1 registers saved (MRS + STR each),
 * the guest's loaded (LDR + MSR each), 15 LDPs of GPRs, ERET; the exit the
 * same way round. Optionally the restore of EL1 registers is a helper at
 * 0x6000 (outside entry_asm) called with BL, or the save is. */
#define MRS_SCTLR_X2 0xd5381002u /* mrs x2, sctlr_el1 */
#define MSR_SCTLR_X2 0xd5181002u /* msr sctlr_el1, x2 */
#define STR_X2 0xf9000422u       /* str x2, [x1, #8] */
#define LDR_X2 0xf9400402u       /* ldr x2, [x0, #8] */
#define BL_FWD 0x94000400u       /* bl (target given to the recorder as the next pc) */
#define RET 0xd65f03c0u
#define N_REGS 10

enum { HELP_NONE, HELP_RESTORE, HELP_SAVE };

typedef struct asm_trip {
	el2_cost_rec *r;
	uint64_t pc;
	uint64_t first_ldp; /* where the GPR loads of the entry begin */
	uint64_t host_restore; /* where the exit's restore of the host begins */
} asm_trip;

static void at(asm_trip *t, uint32_t w)
{
	insn(t->r, t->pc, w, 2);
	t->pc += 4;
}

static void save_regs(asm_trip *t)
{
	for (int k = 0; k < N_REGS; k++) {
		at(t, MRS_SCTLR_X2);
		ev(t->r, EL2_EV_SYSREG_READ, t->pc - 4, 2, 2, EL2_SYSREG(SCTLR_EL1));
		at(t, STR_X2);
	}
}

static void restore_regs(asm_trip *t)
{
	for (int k = 0; k < N_REGS; k++) {
		at(t, LDR_X2);
		at(t, MSR_SCTLR_X2);
		ev(t->r, EL2_EV_SYSREG_WRITE, t->pc - 4, 2, 2, EL2_SYSREG(SCTLR_EL1));
	}
}

/* f runs at 0x6000 as a helper when helped, else inline. */
static void maybe_call(asm_trip *t, void (*f)(asm_trip *), bool helped)
{
	if (!helped) {
		f(t);
		return;
	}
	uint64_t back = t->pc + 4;
	at(t, BL_FWD);
	t->pc = 0x6000;
	f(t);
	at(t, RET);
	t->pc = back;
}

static void one_way(asm_trip *t, uint64_t vector, int helper, bool to_guest)
{
	t->pc = vector;
	at(t, STP);
	for (int k = 0; k < 5; k++)
		at(t, NOP); /* dispatch: mrs tpidr_el2, ldr, cbz, cmp, b.eq */
	maybe_call(t, save_regs, helper == HELP_SAVE);
	if (!to_guest)
		t->host_restore = t->pc;
	maybe_call(t, restore_regs, helper == HELP_RESTORE);
	if (to_guest)
		t->first_ldp = t->pc;
	for (int k = 0; k < 15; k++)
		at(t, LDP);
	at(t, ERET);
}

static void record_asm_trip(asm_trip *t, int helper)
{
	insn(t->r, 0x9000, HVC, 1);
	ev(t->r, EL2_EV_EXCEPTION, 0x9000, 1, 2, 0);
	one_way(t, 0x1400, helper, true);
	ev(t->r, EL2_EV_ERET, 0x8000, 2, 1, 0);
	insn(t->r, 0x8000, HVC, 1);
	ev(t->r, EL2_EV_EXCEPTION, 0x8000, 1, 2, 0);
	one_way(t, 0x2400, helper, false);
	ev(t->r, EL2_EV_ERET, 0x9004, 2, 1, 0);
	insn(t->r, 0x9004, NOP, 1);
}

static el2_cost_layout asm_layout(void)
{
	el2_cost_layout l;
	memset(&l, 0, sizeof(l));
	l.guest = (el2_cost_span){0x8000, 0x8100};
	l.entry_asm[0] = (el2_cost_span){0x1000, 0x4000};
	l.n_entry_asm = 1;
	return l;
}

static void split_asm_trip(int helper, const el2_cost_layout *l, el2_cost_result *res,
			   asm_trip *t)
{
	char err[256] = "";
	assert_int_equal(el2_cost_rec_new(&t->r), EL2_OK);
	record_asm_trip(t, helper);
	assert_int_equal(el2_cost_split(t->r, l, NULL, 0, res, err, sizeof(err)), EL2_OK);
	el2_cost_rec_free(&t->r);
}

/* entry = HVC + vector STP + 5 dispatch + 10 x (MRS + STR) = 27 (the old
 * rule gave 1, the HVC: the whole EL2 stretch was entry_asm); to-guest =
 * 10 x (LDR + MSR) + 15 LDP + ERET = 36; exit = 26; return = 36 + the
 * host's instruction after its HVC. */
static void test_asm_only_switch_counts_dispatch_and_save_as_entry(void **state)
{
	(void)state;
	el2_cost_layout l = asm_layout();
	el2_cost_result *res = calloc(1, sizeof(*res));
	asm_trip t = {0};
	assert_non_null(res);
	split_asm_trip(HELP_NONE, &l, res, &t);
	assert_int_equal(res->rows[EL2_PHASE_ENTRY].insns, 27);
	assert_int_equal(res->rows[EL2_PHASE_ENTRY].by_class[EL2_CC_MRS], N_REGS);
	assert_int_equal(res->rows[EL2_PHASE_ENTRY].by_class[EL2_CC_MSR], 0);
	assert_int_equal(res->rows[EL2_PHASE_TO_GUEST].insns, 36);
	assert_int_equal(res->rows[EL2_PHASE_TO_GUEST].by_class[EL2_CC_MSR], N_REGS);
	assert_int_equal(res->rows[EL2_PHASE_EXIT].insns, 26);
	assert_int_equal(res->rows[EL2_PHASE_EXIT].by_class[EL2_CC_EXCEPTION], 1);
	assert_int_equal(res->rows[EL2_PHASE_RETURN].insns, 37);
	assert_int_equal(res->boundaries_missed, 0);
	free(res);
}

/* Moving the restore (or the save) into a helper called with BL adds the
 * BL and the RET to the caller's phase and moves nothing else (the old
 * rule moved the 20-instruction helper and everything before it). */
static void test_a_call_to_a_helper_stays_in_its_callers_phase(void **state)
{
	(void)state;
	el2_cost_layout l = asm_layout();
	el2_cost_result *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b)),
			*c = calloc(1, sizeof(*c));
	asm_trip t = {0};
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	split_asm_trip(HELP_NONE, &l, a, &t);
	split_asm_trip(HELP_RESTORE, &l, b, &t);
	split_asm_trip(HELP_SAVE, &l, c, &t);
	assert_int_equal(b->rows[EL2_PHASE_ENTRY].insns, a->rows[EL2_PHASE_ENTRY].insns);
	assert_int_equal(b->rows[EL2_PHASE_TO_GUEST].insns, a->rows[EL2_PHASE_TO_GUEST].insns + 2);
	assert_int_equal(b->rows[EL2_PHASE_EXIT].insns, a->rows[EL2_PHASE_EXIT].insns);
	assert_int_equal(b->rows[EL2_PHASE_RETURN].insns, a->rows[EL2_PHASE_RETURN].insns + 2);
	assert_int_equal(c->rows[EL2_PHASE_ENTRY].insns, a->rows[EL2_PHASE_ENTRY].insns + 2);
	assert_int_equal(c->rows[EL2_PHASE_TO_GUEST].insns, a->rows[EL2_PHASE_TO_GUEST].insns);
	assert_int_equal(c->rows[EL2_PHASE_EXIT].insns, a->rows[EL2_PHASE_EXIT].insns + 2);
	assert_int_equal(c->rows[EL2_PHASE_RETURN].insns, a->rows[EL2_PHASE_RETURN].insns);
	free(a);
	free(b);
	free(c);
}

/* [bench] phase.to_guest / phase.return: the phase starts at the address
 * given; one the trip does not execute leaves the default rule in force
 * and says so. */
static void test_profile_boundaries_move_the_phase_start(void **state)
{
	(void)state;
	el2_cost_layout l = asm_layout();
	el2_cost_result *res = calloc(1, sizeof(*res));
	asm_trip t = {0};
	assert_non_null(res);
	split_asm_trip(HELP_NONE, &l, res, &t); /* learns the addresses */
	l.has_to_guest_at = l.has_return_at = true;
	l.to_guest_at = t.first_ldp;
	l.return_at = t.host_restore;
	split_asm_trip(HELP_NONE, &l, res, &t);
	assert_int_equal(res->rows[EL2_PHASE_ENTRY].insns, 27 + 2 * N_REGS);
	assert_int_equal(res->rows[EL2_PHASE_TO_GUEST].insns, 16);
	assert_int_equal(res->rows[EL2_PHASE_EXIT].insns, 26);
	assert_int_equal(res->rows[EL2_PHASE_RETURN].insns, 37);
	assert_int_equal(res->boundaries_missed, 0);
	l.to_guest_at = 0x7770;
	l.return_at = 0x7774;
	split_asm_trip(HELP_NONE, &l, res, &t);
	assert_int_equal(res->rows[EL2_PHASE_ENTRY].insns, 27);
	assert_int_equal(res->rows[EL2_PHASE_TO_GUEST].insns, 36);
	assert_int_equal(res->boundaries_missed, EL2_COST_MISSED_TO_GUEST | EL2_COST_MISSED_RETURN);
	free(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phases_follow_the_rule),
		cmocka_unit_test(test_counts_bytes_sysregs_and_ranges_per_phase),
		cmocka_unit_test(test_reentry_after_a_handled_exit_counts_as_exit),
		cmocka_unit_test(test_cycles_of_the_phases_add_up_to_the_whole_stream),
		cmocka_unit_test(test_too_many_models_is_an_error),
		cmocka_unit_test(test_native_sysreg_accesses_are_counted_once),
		cmocka_unit_test(test_asm_only_switch_counts_dispatch_and_save_as_entry),
		cmocka_unit_test(test_a_call_to_a_helper_stays_in_its_callers_phase),
		cmocka_unit_test(test_profile_boundaries_move_the_phase_start),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
