/* SPDX-License-Identifier: MIT */
/* Engine speed: simulated instructions per second for
 *   (a) a plain loop (ALU, loads, stores; no system instructions),
 *   (b) a loop in which every third instruction is an MRS/MSR of TPIDR_EL1
 *       executed at model EL1 (each one trapped and performed by the model),
 * each next to raw Unicorn running the very same words natively at its own
 * EL1 with no hooks (the limit), measured in the same process. For (b) the
 * bare cost of the trap-at-EL0 strategy is shown too: raw Unicorn at EL0
 * with an INTR hook that only skips the word.
 * Targets (issue 3): (a) >= 50 M instr/s, (b) >= 10 M instr/s. Figures are
 * printed, never asserted.
 *
 * Usage: bench_engine [scale [only]]   scale multiplies the iteration
 * counts; only = plain|sysreg runs just the engine on that loop, raw-el0 or
 * raw-el1 just raw Unicorn on the plain loop (for profiling). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicorn/unicorn.h>

#include "el2sim/el2sim.h"
#include "el2sim/engine.h"

#define BENCH_NAME "bench_engine"
#include "bench_util.h"

/* ---- A64 encodings (DDI 0487 J.a, C6; checked with llvm-mc) ---- */
/* LDR Xt, [Xn, #imm] (unsigned offset, imm a multiple of 8) */
static uint32_t ldr_x(unsigned rt, unsigned rn, unsigned imm)
{
	return 0xf9400000u | (imm / 8) << 10 | rn << 5 | rt;
}
/* STR Xt, [Xn, #imm] */
static uint32_t str_x(unsigned rt, unsigned rn, unsigned imm)
{
	return 0xf9000000u | (imm / 8) << 10 | rn << 5 | rt;
}
/* ADD Xd, Xn, Xm */
static uint32_t add_reg(unsigned rd, unsigned rn, unsigned rm)
{
	return 0x8b000000u | rm << 16 | rn << 5 | rd;
}
/* EOR Xd, Xn, Xm */
static uint32_t eor_reg(unsigned rd, unsigned rn, unsigned rm)
{
	return 0xca000000u | rm << 16 | rn << 5 | rd;
}
/* ORR Xd, Xn, Xm */
static uint32_t orr_reg(unsigned rd, unsigned rn, unsigned rm)
{
	return 0xaa000000u | rm << 16 | rn << 5 | rd;
}
/* ADD Xd, Xn, #imm12 */
static uint32_t add_imm(unsigned rd, unsigned rn, unsigned imm)
{
	return 0x91000000u | imm << 10 | rn << 5 | rd;
}
/* SUBS Xd, Xn, #imm12 */
static uint32_t subs_imm(unsigned rd, unsigned rn, unsigned imm)
{
	return 0xf1000000u | imm << 10 | rn << 5 | rd;
}
/* B.NE to a word offset (negative: backwards) */
static uint32_t b_ne(int words)
{
	return 0x54000000u | ((uint32_t)words & 0x7ffffu) << 5 | 0x1u;
}
/* BR Xn */
static uint32_t br(unsigned rn)
{
	return 0xd61f0000u | rn << 5;
}
#define MRS_X7_TPIDR_EL1 0xd538d087u /* mrs x7, tpidr_el1 */
#define MSR_TPIDR_EL1_X4 0xd518d084u /* msr tpidr_el1, x4 */

/* ---- the two loops ---- */
#define BODY 60         /* instructions per iteration, incl. subs + b.ne */
#define CODE 0x40000000ull
#define DATA 0x40100000ull
#define REGION 0x10000ull
#define SENTINEL 0xdead0000ull

struct loop {
	const char *name;
	uint32_t w[BODY + 1]; /* body, then `br x28` to the sentinel */
	unsigned sysreg_per_iter;
	uint64_t iters;
};

/* x0 = iterations left, x1 = data; 20 loads/stores in 60 instructions. */
static void build_plain(struct loop *l, uint64_t iters)
{
	l->name = "plain";
	l->sysreg_per_iter = 0;
	l->iters = iters;
	for (unsigned i = 0; i < BODY - 2; i++) {
		unsigned k = i % 16;
		switch (i % 6) {
		case 0: l->w[i] = ldr_x(2, 1, 8 * k); break;
		case 1: l->w[i] = add_reg(3, 3, 2); break;
		case 2: l->w[i] = eor_reg(4, 4, 3); break;
		case 3: l->w[i] = str_x(4, 1, 128 + 8 * k); break;
		case 4: l->w[i] = add_imm(5, 5, 1); break;
		default: l->w[i] = orr_reg(6, 6, 5); break;
		}
	}
	l->w[BODY - 2] = subs_imm(0, 0, 1);
	l->w[BODY - 1] = b_ne(-(BODY - 1));
	l->w[BODY] = br(28);
}

/* Groups of three: system-register access, two ALU; the last group's ALU
 * pair is the loop control. MRS and MSR alternate. */
static void build_sysreg(struct loop *l, uint64_t iters)
{
	l->name = "sysreg 1 in 3";
	l->sysreg_per_iter = BODY / 3;
	l->iters = iters;
	for (unsigned g = 0; g < BODY / 3; g++) {
		l->w[3 * g] = g % 2 ? MSR_TPIDR_EL1_X4 : MRS_X7_TPIDR_EL1;
		l->w[3 * g + 1] = add_imm(3, 3, 1);
		l->w[3 * g + 2] = eor_reg(4, 4, 3);
	}
	l->w[BODY - 2] = subs_imm(0, 0, 1);
	l->w[BODY - 1] = b_ne(-(BODY - 1));
	l->w[BODY] = br(28);
}

static uint64_t loop_insns(const struct loop *l)
{
	return l->iters * BODY + 1; /* + the final br */
}

/* ---- raw Unicorn ---- */
struct raw {
	uc_engine *uc;
	uint8_t *code, *data;
	uint64_t traps;
};

/* The trivial trap handler: skip the word; an MRS result is 0. */
static void raw_skip(uc_engine *uc, uint32_t intno, void *user)
{
	struct raw *r = user;
	uint64_t pc = 0, zero = 0;
	uc_reg_read(uc, UC_ARM64_REG_PC, &pc);
	uint32_t word = 0;
	uc_mem_read(uc, pc, &word, 4);
	if ((word & 0xfff00000u) == 0xd5300000u) /* MRS: Xt = 0 */
		uc_reg_write(uc, UC_ARM64_REG_X0 + (int)(word & 31u), &zero);
	pc += 4;
	uc_reg_write(uc, UC_ARM64_REG_PC, &pc);
	r->traps++;
}

static void raw_check(uc_err e, const char *what)
{
	if (e != UC_ERR_OK)
		die(what, uc_strerror(e));
}

/* Unicorn at its own EL1 (el0: entered EL0 through a native ERET, with an
 * INTR hook that skips each trapped word). */
static void raw_open(struct raw *r, const struct loop *l, bool el0)
{
	memset(r, 0, sizeof(*r));
	r->code = aligned_alloc(4096, REGION);
	r->data = aligned_alloc(4096, REGION);
	if (!r->code || !r->data)
		die("raw", "out of memory");
	memset(r->code, 0, REGION);
	memset(r->data, 0, REGION);
	memcpy(r->code, l->w, sizeof(l->w));
	raw_check(uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &r->uc), "uc_open");
	raw_check(uc_ctl_set_cpu_model(r->uc, UC_CPU_ARM64_MAX), "cpu model");
	raw_check(uc_mem_map_ptr(r->uc, CODE, REGION, UC_PROT_ALL, r->code), "map code");
	raw_check(uc_mem_map_ptr(r->uc, DATA, REGION, UC_PROT_READ | UC_PROT_WRITE, r->data),
		  "map data");
	if (!el0)
		return;
	uc_hook h;
	raw_check(uc_hook_add(r->uc, &h, UC_HOOK_INTR, (void *)raw_skip, r, 1, 0), "hook");
	/* ERET at the end of the code region into the sentinel branch. */
	uint64_t stub = CODE + REGION - 8;
	uint32_t stub_w[2] = {0xd69f03e0u /* eret */, br(28)};
	memcpy(r->code + REGION - 8, stub_w, 8);
	uint64_t elr = stub + 4, x28 = SENTINEL;
	uc_arm64_cp_reg spsr = {.op0 = 3, .op1 = 0, .crn = 4, .crm = 0, .op2 = 0, .val = 0};
	raw_check(uc_reg_write(r->uc, UC_ARM64_REG_ELR_EL1, &elr), "elr");
	raw_check(uc_reg_write(r->uc, UC_ARM64_REG_CP_REG, &spsr), "spsr");
	raw_check(uc_reg_write(r->uc, UC_ARM64_REG_X28, &x28), "x28");
	if (uc_emu_start(r->uc, stub, 0, 0, 0) != UC_ERR_FETCH_UNMAPPED)
		die("raw", "entering EL0 did not reach the sentinel");
}

static void raw_close(struct raw *r)
{
	uc_close(r->uc);
	free(r->code);
	free(r->data);
}

/* One run of the loop; returns seconds. */
static double raw_run(struct raw *r, uint64_t iters)
{
	uint64_t x0 = iters, x1 = DATA, x28 = SENTINEL;
	uc_reg_write(r->uc, UC_ARM64_REG_X0, &x0);
	uc_reg_write(r->uc, UC_ARM64_REG_X1, &x1);
	uc_reg_write(r->uc, UC_ARM64_REG_X28, &x28);
	double t0 = now_s();
	uc_err e = uc_emu_start(r->uc, CODE, 0, 0, 0);
	double t = now_s() - t0;
	uint64_t pc = 0;
	uc_reg_read(r->uc, UC_ARM64_REG_PC, &pc);
	uc_reg_read(r->uc, UC_ARM64_REG_X0, &x0);
	if (e != UC_ERR_FETCH_UNMAPPED || pc != SENTINEL || x0 != 0)
		die("raw run", "did not end at the sentinel with x0 = 0");
	return t;
}

#define REPEAT 3

/* Best of REPEAT timed runs after one warm-up run (translation). */
static double raw_mips(const struct loop *l, bool el0, uint64_t *traps)
{
	struct raw r;
	raw_open(&r, l, el0);
	raw_run(&r, 100);
	double best = 1e30;
	for (int i = 0; i < REPEAT; i++) {
		r.traps = 0;
		double t = raw_run(&r, l->iters);
		if (t < best)
			best = t;
	}
	if (traps)
		*traps = r.traps;
	raw_close(&r);
	return (double)loop_insns(l) / best / 1e6;
}

/* ---- the engine ---- */
struct eng {
	el2_pe *pe;
	el2_mem *mem;
	el2_engine *eng;
};

/* fp_enabled: CPACR_EL1.FPEN = 3, as a kernel sets it; otherwise it keeps
 * its reset value 0, FP/SIMD is trapped at EL1 and the engine must look at
 * every instruction (Unicorn does not trap FP: docs/unicorn-facts.md). */
static void eng_open(struct eng *e, const struct loop *l, bool fp_enabled)
{
	el2_config cfg = el2_config_default();
	ok(el2_pe_new(&cfg, &e->pe), "el2_pe_new");
	ok(el2_mem_new(&e->mem), "el2_mem_new");
	ok(el2_mem_add(e->mem, "code", CODE, REGION, EL2_MEM_HOST), "code region");
	ok(el2_mem_add(e->mem, "data", DATA, REGION, EL2_MEM_HOST | EL2_MEM_XN), "data region");
	ok(el2_mem_write(e->mem, CODE, l->w, sizeof(l->w)), "code");
	char why[256] = "";
	if (el2_engine_new(e->pe, e->mem, NULL, &e->eng, why, sizeof(why)) != EL2_OK)
		die("el2_engine_new", why);
	/* Model EL1h, AArch64 EL1 (HCR_EL2.RW), nothing trapped to EL2. */
	ok(el2_reg_write(e->pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW), "HCR_EL2");
	ok(el2_reg_write(e->pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1h), "PSTATE");
	if (fp_enabled)
		ok(el2_reg_write(e->pe, EL2_SYSREG(CPACR_EL1), EL2_CPACR_FPEN), "CPACR_EL1");
}

static void eng_close(struct eng *e)
{
	el2_engine_free(&e->eng);
	el2_mem_free(&e->mem);
	el2_pe_free(&e->pe);
}

static double eng_run(struct eng *e, const struct loop *l, uint64_t iters)
{
	el2_reg_write(e->pe, EL2_REG_PC, CODE);
	el2_reg_write(e->pe, EL2_REG_X(0), iters);
	el2_reg_write(e->pe, EL2_REG_X(1), DATA);
	el2_reg_write(e->pe, EL2_REG_X(28), SENTINEL);
	el2_run_opts opts = el2_run_opts_default();
	opts.budget = iters * BODY + 1000;
	opts.has_sentinel = true;
	opts.sentinel = SENTINEL;
	el2_run_result res;
	el2_engine_reset_counts(e->eng);
	double t0 = now_s();
	el2_err err = el2_engine_run(e->eng, &opts, &res);
	double t = now_s() - t0;
	if (err != EL2_OK)
		die("el2_engine_run", el2_strerror(err));
	if (res.reason != EL2_STOP_SENTINEL) {
		fprintf(stderr, "bench_engine: engine stopped with %s: %s\n",
			el2_stop_reason_name(res.reason), res.message);
		exit(1);
	}
	el2_counts c;
	el2_engine_counts(e->eng, &c);
	uint64_t want = iters * BODY + 1;
	if (c.insns != want || c.trapped != iters * l->sysreg_per_iter)
		fprintf(stderr,
			"bench_engine: %s: engine counted %" PRIu64 " instructions (%" PRIu64
			" trapped); expected %" PRIu64 " (%" PRIu64 ")\n",
			l->name, c.insns, c.trapped, want, iters * l->sysreg_per_iter);
	return t;
}

static double eng_mips(const struct loop *l, bool fp_enabled)
{
	struct eng e;
	eng_open(&e, l, fp_enabled);
	eng_run(&e, l, 100);
	double best = 1e30;
	for (int i = 0; i < REPEAT; i++) {
		double t = eng_run(&e, l, l->iters);
		if (t < best)
			best = t;
	}
	eng_close(&e);
	return (double)loop_insns(l) / best / 1e6;
}

/* ---- (c) guest entry + exit: ERET into the guest, HVC back ---- */
#define RT_HOST 0x40000000ull  /* host RAM (HOST): closed while the guest runs */
#define RT_HYP 0x40200000ull   /* hypervisor code and vectors (HYP) */
#define RT_GUEST 0x40400000ull /* guest RAM (GUEST) */

/* EL2: x0 round trips; each sets ELR/SPSR, ERETs to the guest's HVC #0,
 * and the lower-EL synchronous vector counts down (6 instructions, 4 of
 * them trapped, 2 world switches per round trip). Encodings from llvm-mc. */
static double roundtrip_us(bool isolation, uint64_t iters)
{
	const uint32_t hyp[] = {0xd51c402au /* msr elr_el2, x10 */,
				0xd51c400bu /* msr spsr_el2, x11 */, 0xd69f03e0u /* eret */};
	const uint32_t vec[] = {subs_imm(0, 0, 1), b_ne(-(0xc04 / 4)), br(28)};
	const uint32_t guest[] = {0xd4000002u /* hvc #0 */};
	el2_mem *mem;
	ok(el2_mem_new(&mem), "el2_mem_new");
	ok(el2_mem_add(mem, "host", RT_HOST, REGION, EL2_MEM_HOST), "host region");
	ok(el2_mem_add(mem, "hyp", RT_HYP, REGION, EL2_MEM_HYP), "hyp region");
	ok(el2_mem_add(mem, "guest", RT_GUEST, REGION, EL2_MEM_GUEST), "guest region");
	ok(el2_mem_write(mem, RT_HYP, hyp, sizeof(hyp)), "hyp code");
	ok(el2_mem_write(mem, RT_HYP + 0xc00, vec, sizeof(vec)), "vectors");
	ok(el2_mem_write(mem, RT_GUEST, guest, sizeof(guest)), "guest code");
	bench_world w;
	bench_world_open(&w, mem, RT_HYP + 0x800, isolation);
	double best = 1e30;
	for (int i = 0; i < REPEAT; i++) {
		el2_reg_write(w.pe, EL2_REG_PC, RT_HYP);
		el2_reg_write(w.pe, EL2_REG_X(0), iters);
		el2_reg_write(w.pe, EL2_REG_X(10), RT_GUEST);
		el2_reg_write(w.pe, EL2_REG_X(11), 0x3c5);
		el2_reg_write(w.pe, EL2_REG_X(28), SENTINEL);
		el2_run_result res;
		double t = bench_run_to(&w, SENTINEL, iters * 6 + 1000, &res);
		if (t < best)
			best = t;
	}
	bench_world_close(&w);
	return best / (double)iters * 1e6;
}

static void row(const char *what, double mips, double limit, double target)
{
	printf("  %-34s %8.1f M instr/s  %5.2f x raw", what, mips, mips / limit);
	if (target > 0)
		printf("  target >= %2.0f: %s", target, mips >= target ? "ok" : "MISSED");
	printf("\n");
}

int main(int argc, char **argv)
{
	double scale = argc > 1 ? atof(argv[1]) : 1.0;
	if (!(scale > 0 && scale <= 1000))
		die("usage", "bench_engine [scale > 0]");
	struct loop plain, sys;
	build_plain(&plain, (uint64_t)(1500000 * scale));
	build_sysreg(&sys, (uint64_t)(300000 * scale));
	if (argc > 2 && !strncmp(argv[2], "raw-el", 6)) {
		bool el0 = argv[2][6] == '0';
		printf("raw at EL%d, plain: %.1f M instr/s\n", el0 ? 0 : 1, raw_mips(&plain, el0, NULL));
		return 0;
	}
	if (argc > 2 && !strncmp(argv[2], "roundtrip", 9)) {
		bool on = strcmp(argv[2], "roundtrip-off") != 0;
		printf("guest round trip, isolation %s: %.2f us\n", on ? "on" : "off",
		       roundtrip_us(on, (uint64_t)(20000 * scale) + 1));
		return 0;
	}
	if (argc > 2) {
		const struct loop *l = !strcmp(argv[2], "plain")    ? &plain
				       : !strcmp(argv[2], "sysreg") ? &sys
								    : NULL;
		if (!l)
			die("usage", "bench_engine [scale [plain|sysreg|raw-el0|raw-el1|roundtrip|roundtrip-off]]");
		printf("engine, %s: %.1f M instr/s\n", l->name, eng_mips(l, true));
		return 0;
	}

	unsigned major = 0, minor = 0;
	uc_version(&major, &minor);
	printf("el2sim engine benchmark (Unicorn %u.%u; loop of %d instructions; best of %d)\n",
	       major, minor, BODY, REPEAT);

	double raw_plain = raw_mips(&plain, false, NULL);
	double raw_plain_el0 = raw_mips(&plain, true, NULL);
	double eng_plain = eng_mips(&plain, true);
	double eng_plain_fp = eng_mips(&plain, false);
	printf("(a) plain loop: %" PRIu64 " instructions, 20 loads/stores per 60\n",
	       loop_insns(&plain));
	row("raw Unicorn at EL1, no hooks", raw_plain, raw_plain, 0);
	row("raw Unicorn at EL0, INTR hook only", raw_plain_el0, raw_plain, 0);
	row("engine (model EL1)", eng_plain, raw_plain, 50);
	row("engine, FP trapped (FPEN=0)", eng_plain_fp, raw_plain, 0);

	uint64_t traps = 0;
	double raw_sys = raw_mips(&sys, false, NULL);
	double raw_el0 = raw_mips(&sys, true, &traps);
	double eng_sys = eng_mips(&sys, true);
	printf("(b) MRS/MSR TPIDR_EL1 every third instruction: %" PRIu64 " instructions\n",
	       loop_insns(&sys));
	row("raw Unicorn at EL1, no hooks", raw_sys, raw_sys, 0);
	row("raw Unicorn at EL0, skip-only hook", raw_el0, raw_sys, 0);
	row("engine (model EL1)", eng_sys, raw_sys, 10);
	if (traps != sys.iters * sys.sysreg_per_iter)
		fprintf(stderr, "bench_engine: raw EL0 run trapped %" PRIu64 " times, expected %" PRIu64 "\n",
			traps, sys.iters * sys.sysreg_per_iter);
	printf("  per trapped access: engine %.0f ns, bare Unicorn trap %.0f ns\n",
	       (1e3 / eng_sys - 1e3 / raw_sys) * 3.0, (1e3 / raw_el0 - 1e3 / raw_sys) * 3.0);

	uint64_t rt = (uint64_t)(20000 * scale) + 1;
	printf("(c) guest entry + exit (ERET to the guest, HVC back; host, hyp, guest regions)\n");
	printf("  %-34s %8.2f us per round trip\n", "memory isolation on (default)",
	       roundtrip_us(true, rt));
	printf("  %-34s %8.2f us per round trip\n", "memory isolation off", roundtrip_us(false, rt));
	return 0;
}
