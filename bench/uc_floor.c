/* SPDX-License-Identifier: MIT */
/* The floor under the INSN strategy (docs/engine.md "Where the time
 * goes"): a straight-line program with a trip's instruction count, its MSR
 * and MRS spread evenly through an ALU/load/store mix, run at Unicorn's
 * own EL2 with the engine's machinery reduced to nothing: UC_HOOK_INSN
 * hooks that skip each system instruction and do no work, a block hook
 * that counts, the TLB in virtual mode with an identity fill hook, and the
 * trip's TLB flushes made from the MSR hook. Whatever an engine adds (the
 * model, events, isolation verdicts, checks) comes on top of this. */
#include "uc_floor.h"

#include <stdlib.h>

#include <unicorn/unicorn.h>

#define BENCH_NAME "uc_floor"
#include "bench_util.h"

#define FLOOR_CODE 0x10000ull
#define FLOOR_SIZE 0x10000ull
#define FLOOR_DATA 0x40000ull

/* The plain instruction mix: one in three a memory access at [x3]. */
static const uint32_t uc_plain_mix[6] = {
	0xf9400062u, /* ldr x2, [x3] */
	0x8b020021u, /* add x1, x1, x2 */
	0xca010084u, /* eor x4, x4, x1 */
	0xf9000464u, /* str x4, [x3, #8] */
	0xaa0400a5u, /* orr x5, x5, x4 */
	0x91000421u, /* add x1, x1, #1 */
};

/* The words: n - 2 of the mix with the system words spread evenly, then
 * SUBS x0 + B.NE back to the start; returns the count written. */
static size_t build(uint32_t *w, const uc_floor_shape *s)
{
	uint64_t body = s->insns - 2, sys = s->writes + s->reads, j = 0;
	size_t k = 0;
	for (uint64_t i = 0; i < body; i++) {
		/* an even spread: the i-th word is the j-th system word when
		 * the line sys/body steps here, a write in the same proportion */
		if (sys && (i + 1) * sys / body > i * sys / body) {
			bool wr = (j + 1) * s->writes / sys > j * s->writes / sys;
			w[k++] = wr ? 0xd51cd041u  /* msr tpidr_el2, x1 */
				    : 0xd53cd046u; /* mrs x6, tpidr_el2 */
			j++;
		} else {
			w[k++] = uc_plain_mix[i % 6];
		}
	}
	w[k++] = 0xf1000400u; /* subs x0, x0, #1 */
	w[k] = 0x54000001u | (((uint32_t)-(int32_t)k & 0x7ffffu) << 5); /* b.ne start */
	k++;
	w[k++] = 0xd503201fu; /* nop: the end address */
	return k;
}

/* Runs the program of k words (build) `trips` times, best of three after
 * a warm-up that translates it: seconds per trip, or -1. */
static double time_trips(uc_engine *uc, size_t k, uint64_t trips)
{
	uint64_t end = FLOOR_CODE + (k - 1) * 4, x0 = 2, x3 = FLOOR_DATA;
	double best = -1;
	uc_reg_write(uc, UC_ARM64_REG_X3, &x3);
	uc_reg_write(uc, UC_ARM64_REG_X0, &x0);
	if (uc_emu_start(uc, FLOOR_CODE, end, 0, 0) != UC_ERR_OK) /* warm-up: translation */
		return -1;
	for (int rep = 0; rep < 3; rep++) {
		x0 = trips;
		uc_reg_write(uc, UC_ARM64_REG_X0, &x0);
		double t0 = now_s();
		uc_err e = uc_emu_start(uc, FLOOR_CODE, end, 0, 0);
		double t = (now_s() - t0) / (double)trips;
		uc_reg_read(uc, UC_ARM64_REG_X0, &x0);
		if (e != UC_ERR_OK || x0 != 0)
			return -1;
		if (best < 0 || t < best)
			best = t;
	}
	return best;
}

static bool shape_fits(const uc_floor_shape *s, uint64_t trips)
{
	return s->insns >= 3 && s->insns * 4 + 8 <= FLOOR_SIZE &&
	       s->writes + s->reads <= s->insns - 2 && trips;
}

/* Maps the code w and the data page into a new Unicorn (the max CPU);
 * setup (may be NULL) runs before the mapping. NULL on failure. */
static uc_engine *program(uint32_t *w, bool (*setup)(uc_engine *uc))
{
	uc_engine *uc = NULL;
	if (uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &uc) != UC_ERR_OK)
		return NULL;
	if (uc_ctl_set_cpu_model(uc, UC_CPU_ARM64_MAX) != UC_ERR_OK || (setup && !setup(uc)) ||
	    uc_mem_map_ptr(uc, FLOOR_CODE, FLOOR_SIZE, UC_PROT_ALL, w) != UC_ERR_OK ||
	    uc_mem_map(uc, FLOOR_DATA, 0x1000, UC_PROT_READ | UC_PROT_WRITE) != UC_ERR_OK) {
		uc_close(uc);
		return NULL;
	}
	return uc;
}

double uc_raw_seconds(uint64_t insns, uint64_t trips)
{
	uc_floor_shape s = {.insns = insns};
	if (!shape_fits(&s, trips))
		return -1;
	uint32_t *w = calloc(FLOOR_SIZE / 4, 4);
	uc_engine *uc = NULL;
	double t = -1;
	if (w && (uc = program(w, NULL)) != NULL)
		t = time_trips(uc, build(w, &s), trips);
	if (uc)
		uc_close(uc);
	free(w);
	return t;
}

#if UC_API_MAJOR > 2 || (UC_API_MAJOR == 2 && UC_API_MINOR >= 1)

typedef struct floor_run {
	uint64_t writes, flush_every, blocks;
} floor_run;

static uint32_t on_msr(uc_engine *uc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp, void *user)
{
	(void)reg, (void)cp;
	floor_run *f = user;
	if (f->flush_every && ++f->writes % f->flush_every == 0)
		uc_ctl_flush_tlb(uc);
	return 1; /* skipped: the model would have performed it */
}

static uint32_t on_mrs(uc_engine *uc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp, void *user)
{
	(void)uc, (void)reg, (void)cp, (void)user;
	return 1;
}

static void on_block(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	(void)uc, (void)addr, (void)size;
	((floor_run *)user)->blocks++;
}

static bool on_fill(uc_engine *uc, uint64_t va, uc_mem_type type, uc_tlb_entry *e, void *user)
{
	(void)uc, (void)type, (void)user;
	e->paddr = va;
	e->perms = UC_PROT_ALL;
	return true;
}

static bool to_el2(uc_engine *uc)
{
	/* SCR_EL3: NS, HCE, RW; HCR_EL2.RW; then PSTATE = EL2h, and a
	 * coprocessor write to rebuild Unicorn's cached flags. */
	uc_arm64_cp_reg scr = {.op0 = 3, .op1 = 6, .crn = 1, .crm = 1, .op2 = 0, .val = 0x501};
	uc_arm64_cp_reg hcr = {.op0 = 3, .op1 = 4, .crn = 1, .crm = 1, .op2 = 0, .val = 1ull << 31};
	uint32_t ps = 0x3c9;
	return uc_reg_write(uc, UC_ARM64_REG_CP_REG, &scr) == UC_ERR_OK &&
	       uc_reg_write(uc, UC_ARM64_REG_CP_REG, &hcr) == UC_ERR_OK &&
	       uc_reg_write(uc, UC_ARM64_REG_PSTATE, &ps) == UC_ERR_OK &&
	       uc_reg_write(uc, UC_ARM64_REG_CP_REG, &scr) == UC_ERR_OK;
}

static bool virtual_tlb(uc_engine *uc)
{
	return uc_ctl_tlb_mode(uc, UC_TLB_VIRTUAL) == UC_ERR_OK;
}

double uc_floor_seconds(const uc_floor_shape *s, uint64_t trips, double *blocks)
{
	if (!shape_fits(s, trips))
		return -1;
	uint32_t *w = calloc(FLOOR_SIZE / 4, 4);
	uc_engine *uc = NULL;
	double best = -1;
	floor_run f = {.flush_every = s->flushes ? s->writes / s->flushes : 0};
	uc_hook h;
	if (!w)
		goto out;
	size_t k = build(w, s);
	if (!(uc = program(w, virtual_tlb)) ||
	    uc_hook_add(uc, &h, UC_HOOK_TLB_FILL, (void *)on_fill, NULL, 1, 0) != UC_ERR_OK ||
	    uc_hook_add(uc, &h, UC_HOOK_INSN, (void *)on_msr, &f, 1, 0, UC_ARM64_INS_MSR) !=
		    UC_ERR_OK ||
	    uc_hook_add(uc, &h, UC_HOOK_INSN, (void *)on_mrs, &f, 1, 0, UC_ARM64_INS_MRS) !=
		    UC_ERR_OK ||
	    uc_hook_add(uc, &h, UC_HOOK_BLOCK, (void *)on_block, &f, 1, 0) != UC_ERR_OK ||
	    !to_el2(uc))
		goto out;
	best = time_trips(uc, k, trips);
	if (best > 0 && blocks)
		*blocks = (double)f.blocks / (double)(3 * trips + 2);
out:
	if (uc)
		uc_close(uc);
	free(w);
	return best;
}

#else /* Unicorn 2.0: no INSN hooks for MRS/MSR, no TLB-fill hook */

double uc_floor_seconds(const uc_floor_shape *s, uint64_t trips, double *blocks)
{
	(void)s, (void)trips, (void)blocks;
	return -1;
}

#endif
