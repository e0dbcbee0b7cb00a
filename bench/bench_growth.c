/* SPDX-License-Identifier: MIT */
/* How the cost of a world switch grows with the system registers it
 * switches (issue 5): a synthetic round trip, EL2 -> guest -> EL2, in
 * which each of the two EL2 paths saves N EL1 system registers (MRS + STR)
 * and loads N (LDR + MSR): 4N model-performed accesses per round trip.
 * Printed for N = 0, 25, 50, 100 next to raw Unicorn running the same
 * number of instructions with no traps (the same loop, every MRS/MSR
 * replaced by an ALU instruction, at Unicorn's own EL1), in one run.
 * Never asserted.
 *
 * Usage: bench_growth [round_trips] */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicorn/unicorn.h>

#include "el2sim/el2sim.h"
#include "el2sim/engine.h"
#include "el2sim/mem.h"

#define BENCH_NAME "bench_growth"
#include "bench_util.h"

#define HYP 0x40200000ull    /* EL2 code, vectors at +0x800, data at +0x100000 */
#define GUEST 0x40400000ull  /* the guest: hvc #0 */
#define REGION 0x200000ull
#define HANDLER (HYP + 0x4000)
#define DATA (HYP + 0x100000)
#define SENTINEL 0x7ffff000ull
#define MAX_N 100

/* A64 encodings (DDI 0487 J.a, C6.2): MRS/MSR (register) with the
 * table's op0:op1:CRn:CRm:op2 key in bits [20:5]. */
#define MRS(enc, rt) (0xd5200000u | ((enc) << 5) | (rt))
#define MSR(enc, rt) (0xd5000000u | ((enc) << 5) | (rt))
#define STR_X1_X9(i) (0xf9000000u | ((uint32_t)(i) << 10) | (9u << 5) | 1u)
#define LDR_X1_X9(i) (0xf9400000u | ((uint32_t)(i) << 10) | (9u << 5) | 1u)
#define ADD_X1_X1_1 0x91000421u
#define SUBS_X0_1 0xf1000400u
#define ERET 0xd69f03e0u
#define HVC0 0xd4000002u
#define BR_X28 0xd61f0380u
#define MSR_ELR_EL2_X10 0xd51c402au
#define MSR_SPSR_EL2_X11 0xd51c400bu

static uint32_t b_to(uint64_t from, uint64_t to)
{
	return 0x14000000u | ((uint32_t)((int64_t)(to - from) / 4) & 0x3ffffffu);
}

static uint32_t b_ne_to(uint64_t from, uint64_t to)
{
	return 0x54000001u | (((uint32_t)((int64_t)(to - from) / 4) & 0x7ffffu) << 5);
}

/* EL1 registers an EL2 path may save and load without side effects on
 * how the code runs (no trap group; SCTLR/CPACR left alone). */
static size_t switchable(uint32_t *enc, size_t cap)
{
	size_t n = 0;
	for (unsigned id = 0; id < EL2_SR_COUNT && n < cap; id++) {
		const el2_sysreg_info *r = el2_sysreg_get((el2_sysreg)id);
		size_t len = strlen(r->name);
		if (r->kind != EL2_SRK_STORED || r->access != EL2_ACC_RW || r->traps || r->feature ||
		    len < 5 || strcmp(r->name + len - 4, "_EL1") || !strncmp(r->name, "SCTLR", 5) ||
		    !strncmp(r->name, "CPACR", 5) || !strncmp(r->name, "SP_", 3))
			continue;
		enc[n++] = r->enc;
	}
	return n;
}

/* One EL2 path: save N registers, load N; `raw` replaces MRS/MSR by ALU
 * instructions (the raw-Unicorn twin). Returns the words written. */
static size_t emit_switch(uint32_t *w, unsigned n, const uint32_t *enc, size_t n_enc, bool raw)
{
	size_t k = 0;
	for (unsigned i = 0; i < n; i++) {
		w[k++] = raw ? ADD_X1_X1_1 : MRS(enc[i % n_enc], 1u);
		w[k++] = STR_X1_X9(i);
	}
	for (unsigned i = 0; i < n; i++) {
		w[k++] = LDR_X1_X9(MAX_N + i);
		w[k++] = raw ? ADD_X1_X1_1 : MSR(enc[i % n_enc], 1u);
	}
	return k;
}

/* EL2 entry at HYP: switch, ELR/SPSR, ERET to the guest's HVC; its vector
 * branches to HANDLER: switch, count down, back to HYP or out via x28. */
static void build(el2_mem *mem, unsigned n, bool raw, const uint32_t *enc, size_t n_enc)
{
	static uint32_t w[4 * MAX_N + 16];
	size_t k = emit_switch(w, n, enc, n_enc, raw);
	w[k++] = MSR_ELR_EL2_X10;
	w[k++] = MSR_SPSR_EL2_X11;
	w[k++] = ERET;
	ok(el2_mem_write(mem, HYP, w, k * 4), "hyp code");
	uint32_t vec = b_to(HYP + 0x800 + 0x400, HANDLER);
	ok(el2_mem_write(mem, HYP + 0x800 + 0x400, &vec, 4), "vector");
	k = emit_switch(w, n, enc, n_enc, raw);
	w[k++] = SUBS_X0_1;
	w[k] = b_ne_to(HANDLER + 4 * k, HYP);
	k++;
	w[k++] = BR_X28;
	ok(el2_mem_write(mem, HANDLER, w, k * 4), "handler");
	uint32_t guest = HVC0;
	ok(el2_mem_write(mem, GUEST, &guest, 4), "guest");
}

/* Microseconds per model round trip and its instruction count. */
static double model_us(unsigned n, uint64_t trips, const uint32_t *enc, size_t n_enc,
		       bool isolation, uint64_t *insns)
{
	el2_mem *mem;
	ok(el2_mem_new(&mem), "el2_mem_new");
	ok(el2_mem_add(mem, "hyp", HYP, REGION, EL2_MEM_HYP), "hyp region");
	ok(el2_mem_add(mem, "guest", GUEST, REGION, EL2_MEM_GUEST), "guest region");
	build(mem, n, false, enc, n_enc);
	bench_world w;
	bench_world_open(&w, mem, HYP + 0x800, isolation);
	double best = 1e30;
	for (int rep = 0; rep < 4; rep++) { /* the first translates */
		el2_reg_write(w.pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL2h | EL2_PSR_DAIF);
		el2_reg_write(w.pe, EL2_REG_PC, HYP);
		el2_reg_write(w.pe, EL2_REG_X(0), trips);
		el2_reg_write(w.pe, EL2_REG_X(9), DATA);
		el2_reg_write(w.pe, EL2_REG_X(10), GUEST);
		el2_reg_write(w.pe, EL2_REG_X(11), EL2_PSR_MODE_EL1h | EL2_PSR_DAIF);
		el2_reg_write(w.pe, EL2_REG_X(28), SENTINEL);
		el2_run_result r;
		double t = bench_run_to(&w, SENTINEL, trips * (8 * MAX_N + 32) + 1000, &r);
		*insns = r.insns / trips;
		if (rep && t < best)
			best = t;
	}
	bench_world_close(&w);
	return best / (double)trips * 1e6;
}

/* The same loop in raw Unicorn at its own EL2-less EL1 with no traps:
 * both paths run back to back (ERET/HVC/vector replaced by the flow). */
static double raw_us(unsigned n, uint64_t trips, const uint32_t *enc, size_t n_enc)
{
	static uint32_t w[8 * MAX_N + 16];
	size_t k = emit_switch(w, n, enc, n_enc, true);
	k += emit_switch(w + k, n, enc, n_enc, true);
	w[k++] = 0xd503201fu; /* nop: the guest's HVC */
	w[k++] = 0xd503201fu; /* nop: ERET */
	w[k++] = 0xd503201fu; /* nop: the vector's branch */
	w[k++] = SUBS_X0_1;
	w[k] = 0x54000001u | (((uint32_t)-(int32_t)k & 0x7ffffu) << 5);
	k++;
	w[k++] = 0xd503201fu; /* the end */
	uc_engine *uc;
	if (uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &uc) != UC_ERR_OK)
		die("raw", "uc_open");
	uc_ctl_set_cpu_model(uc, UC_CPU_ARM64_MAX);
	static uint8_t code[0x10000], data[0x10000];
	memcpy(code, w, k * 4);
	if (uc_mem_map_ptr(uc, HYP, sizeof(code), UC_PROT_ALL, code) != UC_ERR_OK ||
	    uc_mem_map_ptr(uc, DATA, sizeof(data), UC_PROT_READ | UC_PROT_WRITE, data) != UC_ERR_OK)
		die("raw", "map");
	uint64_t end = HYP + (k - 1) * 4, x0, x9 = DATA;
	uc_reg_write(uc, UC_ARM64_REG_X9, &x9);
	double best = 1e30;
	for (int rep = 0; rep < 4; rep++) {
		x0 = trips;
		uc_reg_write(uc, UC_ARM64_REG_X0, &x0);
		double t0 = now_s();
		if (uc_emu_start(uc, HYP, end, 0, 0) != UC_ERR_OK)
			die("raw", "run");
		double t = now_s() - t0;
		if (rep && t < best)
			best = t;
	}
	uc_close(uc);
	return best / (double)trips * 1e6;
}

int main(int argc, char **argv)
{
	uint64_t trips = argc > 1 ? strtoull(argv[1], NULL, 0) : 2000;
	if (!trips || trips > 100000000)
		die("usage", "bench_growth [round_trips (1..1e8)]");
	uint32_t enc[64];
	size_t n_enc = switchable(enc, 64);
	if (!n_enc)
		die("registers", "no switchable EL1 register in the table");
	static const unsigned ns[] = {0, 25, 50, 100};
	printf("el2sim growth benchmark: EL2 -> guest -> EL2 round trip, each EL2 path saving "
	       "and loading N EL1 registers (%zu distinct, reused in turn)\n", n_enc);
	printf("  %4s %8s %6s %10s %9s %14s %12s %8s\n", "N", "accesses", "insns", "us/trip",
	       "trips/s", "isolation off", "raw us/trip", "vs raw");
	double first = 0;
	for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
		uint64_t insns = 0;
		double m = model_us(ns[i], trips, enc, n_enc, true, &insns);
		double off = model_us(ns[i], trips, enc, n_enc, false, &insns);
		double r = raw_us(ns[i], trips, enc, n_enc);
		printf("  %4u %8u %6" PRIu64 " %10.2f %9.0f %11.2f us %12.3f %8.3f\n", ns[i], 4 * ns[i],
		       insns, m, 1e6 / m, off, r, r / m);
		if (i == 0)
			first = m;
		else if (i + 1 == sizeof(ns) / sizeof(ns[0]))
			printf("  each switched register (MRS+STR or LDR+MSR) adds %.0f ns\n",
			       (m - first) / (4.0 * ns[i]) * 1e3);
	}
	return 0;
}
