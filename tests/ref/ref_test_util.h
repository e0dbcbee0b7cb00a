/* SPDX-License-Identifier: MIT */
/* Set-up for the reference world-switch tests: the memory map of the
 * profiles (tests/ref/{nvhe,vhe}.profile), a reference ELF (ET_EXEC) and the
 * guest stubs (ET_REL at guest RAM), the EL2 state the profile's [el2]
 * section lists, a tagged host and a tagged guest context. The ELF paths
 * come from argv as name=path. */
#ifndef REF_TEST_UTIL_H
#define REF_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "el2sim/engine.h"
#include "ref_abi.h"

#define IMAGE_BASE 0x40000000ull
#define IMAGE_SIZE 0x200000ull
#define HOST_BASE 0x40200000ull
#define HOST_SIZE 0x10000ull
#define GUEST_BASE 0x80000000ull
#define GUEST_SIZE 0x200000ull
#define GUEST_RO_BASE 0x80200000ull
#define MMIO_BASE 0x90000000ull
#define SENTINEL 0xdead0000ull
#define HOST_STUB HOST_BASE           /* nVHE host: hvc #0; ret */
#define HOST_SP_EL1 (HOST_BASE + 0x8000)
#define GUEST_SP_EL1 (GUEST_BASE + 0x100000)
#define BUDGET 200000

#define INSN_HVC0 0xd4000002u
#define INSN_RET 0xd65f03c0u

/* Tagged values: the top byte says whose (0x48 'H' host, 0x67 'g' guest),
 * the rest which register, so a misplaced value names its origin. */
#define HTAG(n) (0x4800000000000000ull | ((uint64_t)(n) << 32) | 0x0000beefu)
#define GTAG(n) (0x6700000000000000ull | ((uint64_t)(n) << 32) | 0x0000f00du)
#define HOST_SP_EL0 0x48ff0000000000e0ull
#define GUEST_SP_EL0 0x67ff0000000000e0ull
#define HOST_FPCR 0x03000000ull        /* DN, FZ */
#define GUEST_FPCR 0x00c00000ull       /* RMode = 0b11 */
#define HOST_FPSR 0x10ull
#define GUEST_FPSR 0x08000001ull

/* PSTATE (SPSR layout): nVHE host EL1h, N, DAIF masked; guest EL1h, N, V,
 * PAN, DAIF masked; VHE host EL2h, N, UAO, DAIF masked. */
#define NVHE_HOST_PSTATE 0x800003c5ull
#define GUEST_PSTATE 0x904003c5ull
#define VHE_HOST_PSTATE 0x808003c9ull
#define PSR_PAN (1ull << 22)
#define PSR_UAO (1ull << 23)

#define HCR_HOST_NVHE HCR_RW
#define HCR_HOST_VHE (HCR_E2H | HCR_TGE | HCR_RW)
#define CPTR_HOST_NVHE 0x33ffull        /* reset value: nothing trapped */
#define CPTR_HOST_VHE CPTR_FPEN          /* E2H layout: FP allowed */
#define HOST_SPSR_EL2 0x200003c5ull
#define HOST_ESR_EL2 0x56000000ull
#define HOST_HPFAR_EL2 0x48000ull
#define GUEST_VTTBR 0x0001000080400000ull /* VMID 1 */

/* The EL1 system registers of the context, with the model's names, and one
 * valid value per side (RES0 bits clear, nothing that changes how the
 * guest stubs run: SCTLR.M = 0, CPACR.FPEN = 0b11, MDSCR.SS = 0). */
typedef struct rt_sys {
	int slot;
	el2_reg reg;
	uint64_t host, guest;
} rt_sys;

static const rt_sys rt_sysregs[NR_SYS] = {
	{SYS_SP_EL1, EL2_SYSREG(SP_EL1), HOST_SP_EL1, GUEST_SP_EL1},
	{SYS_ELR_EL1, EL2_SYSREG(ELR_EL1), HTAG(0x101), GTAG(0x101)},
	{SYS_SPSR_EL1, EL2_SYSREG(SPSR_EL1), 0x800003c5, 0x200003c4},
	{SYS_SCTLR_EL1, EL2_SYSREG(SCTLR_EL1), 0x30d01980, 0x30d00980},
	{SYS_CPACR_EL1, EL2_SYSREG(CPACR_EL1), 0x300000, 0x300000},
	{SYS_TTBR0_EL1, EL2_SYSREG(TTBR0_EL1), HTAG(0x105), GTAG(0x105)},
	{SYS_TTBR1_EL1, EL2_SYSREG(TTBR1_EL1), HTAG(0x106), GTAG(0x106)},
	{SYS_TCR_EL1, EL2_SYSREG(TCR_EL1), 0x25b5103510ull, 0x35b5193519ull},
	{SYS_ESR_EL1, EL2_SYSREG(ESR_EL1), 0x96000046, 0x92000047},
	{SYS_AFSR0_EL1, EL2_SYSREG(AFSR0_EL1), HTAG(0x109), GTAG(0x109)},
	{SYS_AFSR1_EL1, EL2_SYSREG(AFSR1_EL1), HTAG(0x10a), GTAG(0x10a)},
	{SYS_FAR_EL1, EL2_SYSREG(FAR_EL1), HTAG(0x10b), GTAG(0x10b)},
	{SYS_MAIR_EL1, EL2_SYSREG(MAIR_EL1), 0x00bbff440c0400ffull, 0x0044ff440c0400bbull},
	{SYS_VBAR_EL1, EL2_SYSREG(VBAR_EL1), 0x48000000ull, GUEST_BASE + 0x1800},
	{SYS_CONTEXTIDR_EL1, EL2_SYSREG(CONTEXTIDR_EL1), 0x48, 0x67},
	{SYS_AMAIR_EL1, EL2_SYSREG(AMAIR_EL1), HTAG(0x10f), GTAG(0x10f)},
	{SYS_CNTKCTL_EL1, EL2_SYSREG(CNTKCTL_EL1), 0x3, 0x300},
	{SYS_PAR_EL1, EL2_SYSREG(PAR_EL1), 0x0000000048abc000ull, 0x0000000067abc000ull},
	{SYS_TPIDR_EL1, EL2_SYSREG(TPIDR_EL1), HTAG(0x112), GTAG(0x112)},
	{SYS_MDSCR_EL1, EL2_SYSREG(MDSCR_EL1), 0x1000, 0x0},
	{SYS_TPIDR_EL0, EL2_SYSREG(TPIDR_EL0), HTAG(0x114), GTAG(0x114)},
	{SYS_TPIDRRO_EL0, EL2_SYSREG(TPIDRRO_EL0), HTAG(0x115), GTAG(0x115)},
	{SYS_ACTLR_EL1, EL2_SYSREG(ACTLR_EL1), HTAG(0x116), GTAG(0x116)},
	{SYS_CSSELR_EL1, EL2_SYSREG(CSSELR_EL1), 0x2, 0x1},
	{SYS_OSDLR_EL1, EL2_SYSREG(OSDLR_EL1), 0x0, 0x1},
	{SYS_CNTV_CVAL_EL0, EL2_SYSREG(CNTV_CVAL_EL0), HTAG(0x119), GTAG(0x119)},
};

/* Registers of the guest at its first instruction (the ERET to it). */
typedef struct rt_guest_view {
	bool seen;
	uint64_t x[31], sp, sp_el0, pc, pstate, sys[NR_SYS];
	el2_u128 v[32];
	uint64_t fpcr, fpsr;
	uint64_t cptr_el2, hcr_el2;
} rt_guest_view;

typedef struct rt_world {
	el2_pe *pe;
	el2_mem *mem;
	el2_image *img, *gimg;
	el2_engine *eng;
	bool vhe;
	uint64_t ctxt, percpu, vectors, stack_top;
	rt_guest_view entry;
	uint64_t sp_el0_at_esr_read;   /* SP_EL0 when EL2 code last read ESR_EL2 */
	el2_run_result res;
	uint64_t insns;
} rt_world;

static int rt_argc;
static char **rt_argv;

static inline const char *rt_arg(const char *name)
{
	size_t n = strlen(name);
	for (int i = 1; i < rt_argc; i++)
		if (strncmp(rt_argv[i], name, n) == 0 && rt_argv[i][n] == '=')
			return rt_argv[i] + n + 1;
	return NULL;
}

static inline uint64_t rt_reg(rt_world *w, el2_reg r)
{
	uint64_t v = 0;
	assert_int_equal(el2_reg_read(w->pe, r, &v), EL2_OK);
	return v;
}

static inline void rt_set(rt_world *w, el2_reg r, uint64_t v)
{
	assert_int_equal(el2_reg_write(w->pe, r, v), EL2_OK);
}

static inline uint64_t rt_sym(const el2_image *img, const char *name)
{
	uint64_t a = 0;
	assert_int_equal(el2_image_symbol(img, name, &a, NULL, 0), EL2_OK);
	return a;
}

static inline uint64_t rt_guest_sym(rt_world *w, const char *name)
{
	return rt_sym(w->gimg, name);
}

static inline uint64_t rt_ctxt(rt_world *w, uint64_t off)
{
	uint64_t v = 0;
	assert_int_equal(el2_mem_read(w->mem, w->ctxt + off, &v, 8), EL2_OK);
	return v;
}

static inline void rt_ctxt_set(rt_world *w, uint64_t off, uint64_t v)
{
	assert_int_equal(el2_mem_write(w->mem, w->ctxt + off, &v, 8), EL2_OK);
}

static inline el2_u128 rt_vtag(uint64_t tag, unsigned n)
{
	el2_u128 v = {tag ^ ((uint64_t)n << 40) ^ 0x5a5a, ~tag ^ n};
	return v;
}

/* The ERET into the guest: snapshot what the guest sees (first entry only). */
static inline void rt_event(void *ctx, const el2_event *ev)
{
	rt_world *w = ctx;
	if (ev->kind == EL2_EV_SYSREG_READ && ev->reg == EL2_SYSREG(ESR_EL2)) {
		assert_int_equal(el2_engine_sync(w->eng), EL2_OK);
		w->sp_el0_at_esr_read = rt_reg(w, EL2_SYSREG(SP_EL0));
		return;
	}
	if (ev->kind != EL2_EV_ERET || ev->to_el != 1 || w->entry.seen)
		return;
	uint64_t pc = el2_pe_pc(w->pe);
	if (pc < GUEST_BASE || pc >= GUEST_BASE + GUEST_SIZE)
		return;
	assert_int_equal(el2_engine_sync(w->eng), EL2_OK);
	rt_guest_view *g = &w->entry;
	g->seen = true;
	for (unsigned i = 0; i < 31; i++)
		g->x[i] = rt_reg(w, EL2_REG_X(i));
	g->sp = rt_reg(w, EL2_REG_SP);
	g->sp_el0 = rt_reg(w, EL2_SYSREG(SP_EL0));
	g->pc = pc;
	g->pstate = rt_reg(w, EL2_REG_PSTATE);
	for (unsigned i = 0; i < NR_SYS; i++)
		g->sys[rt_sysregs[i].slot] = rt_reg(w, rt_sysregs[i].reg);
	for (unsigned i = 0; i < 32; i++)
		assert_int_equal(el2_vreg_read(w->pe, i, &g->v[i]), EL2_OK);
	g->fpcr = rt_reg(w, EL2_SYSREG(FPCR));
	g->fpsr = rt_reg(w, EL2_SYSREG(FPSR));
	g->cptr_el2 = rt_reg(w, EL2_SYSREG(CPTR_EL2));
	g->hcr_el2 = rt_reg(w, EL2_SYSREG(HCR_EL2));
}

static inline uint64_t rt_unknown_poison(void *ctx, el2_reg reg, uint64_t old)
{
	(void)ctx;
	(void)old;
	return 0x0bad0000bad00000ull | (uint64_t)(reg & 0xffff);
}

/* Host values of the EL1 registers: under VHE the EL1 registers are not the
 * host's own but the switch must still give them back. */
static inline void rt_set_host_state(rt_world *w)
{
	for (unsigned i = 0; i < NR_SYS; i++)
		rt_set(w, rt_sysregs[i].reg, rt_sysregs[i].host);
	rt_set(w, EL2_SYSREG(SP_EL0), HOST_SP_EL0);
	for (unsigned n = 0; n < 32; n++)
		assert_int_equal(el2_vreg_write(w->pe, n, rt_vtag(HTAG(0x200), n)), EL2_OK);
	rt_set(w, EL2_SYSREG(FPCR), HOST_FPCR);
	rt_set(w, EL2_SYSREG(FPSR), HOST_FPSR);
	for (unsigned n = 2; n < 30; n++)
		rt_set(w, EL2_REG_X(n), HTAG(n));
	rt_set(w, EL2_REG_X(30), SENTINEL);
}

/* The guest context: tagged GPRs, SP_EL0, EL1 registers, FP/SIMD, PC =
 * the stub, PSTATE = GUEST_PSTATE. */
static inline void rt_set_guest(rt_world *w, const char *stub)
{
	for (unsigned n = 0; n < 31; n++)
		rt_ctxt_set(w, CTXT_X(n), GTAG(n));
	rt_ctxt_set(w, CTXT_SP_EL0, GUEST_SP_EL0);
	rt_ctxt_set(w, CTXT_PC, rt_guest_sym(w, stub));
	rt_ctxt_set(w, CTXT_PSTATE, GUEST_PSTATE);
	for (unsigned i = 0; i < NR_SYS; i++)
		rt_ctxt_set(w, CTXT_SYSREG(rt_sysregs[i].slot), rt_sysregs[i].guest);
	rt_ctxt_set(w, CTXT_VTTBR_EL2, GUEST_VTTBR);
	rt_ctxt_set(w, CTXT_VTCR_EL2, VTCR_GUEST);
	rt_ctxt_set(w, CTXT_HCR_EL2, w->vhe ? HCR_GUEST_VHE : HCR_GUEST_NVHE);
	for (unsigned n = 0; n < 32; n++) {
		el2_u128 v = rt_vtag(GTAG(0x200), n);
		rt_ctxt_set(w, CTXT_V(n), v.lo);
		rt_ctxt_set(w, CTXT_V(n) + 8, v.hi);
	}
	rt_ctxt_set(w, CTXT_FPCR, GUEST_FPCR);
	rt_ctxt_set(w, CTXT_FPSR, GUEST_FPSR);
}

/* Opens world `elf` (an argv key such as "nvhe" or "vhe-bug-hpfar") with the
 * guest about to run `stub`; the host is set up to call vcpu_run. */
static inline void rt_open(rt_world *w, const char *elf, const char *stub)
{
	memset(w, 0, sizeof(*w));
	const char *path = rt_arg(elf), *gpath = rt_arg("guest");
	if (!path || !gpath)
		skip();
	w->vhe = strncmp(elf, "vhe", 3) == 0;
	el2_config cfg = el2_config_default();
	assert_int_equal(el2_pe_new(&cfg, &w->pe), EL2_OK);
	el2_pe_set_unknown_hook(w->pe, rt_unknown_poison, NULL);
	assert_int_equal(el2_mem_new(&w->mem), EL2_OK);
	assert_int_equal(el2_mem_add(w->mem, "image", IMAGE_BASE, IMAGE_SIZE,
				     EL2_MEM_HOST | EL2_MEM_HYP), EL2_OK);
	assert_int_equal(el2_mem_add(w->mem, "host", HOST_BASE, HOST_SIZE, EL2_MEM_HOST), EL2_OK);
	assert_int_equal(el2_mem_add(w->mem, "guest", GUEST_BASE, GUEST_SIZE, EL2_MEM_GUEST), EL2_OK);
	assert_int_equal(el2_mem_add(w->mem, "guest_ro", GUEST_RO_BASE, 0x1000,
				     EL2_MEM_GUEST | EL2_MEM_RO), EL2_OK);
	assert_int_equal(el2_mem_add(w->mem, "mmio", MMIO_BASE, 0x1000,
				     EL2_MEM_GUEST | EL2_MEM_MMIO), EL2_OK);
	char err[256];
	assert_int_equal(el2_elf_load_file(w->mem, path, NULL, &w->img, err, sizeof(err)), EL2_OK);
	el2_load_opts lo = {.rel_base = GUEST_BASE};
	assert_int_equal(el2_elf_load_file(w->mem, gpath, &lo, &w->gimg, err, sizeof(err)), EL2_OK);
	uint32_t stub_words[2] = {INSN_HVC0, INSN_RET};
	assert_int_equal(el2_mem_write(w->mem, HOST_STUB, stub_words, sizeof(stub_words)), EL2_OK);
	assert_int_equal(el2_engine_new(w->pe, w->mem, w->img, &w->eng, err, sizeof(err)), EL2_OK);
	el2_engine_set_event_hook(w->eng, rt_event, w);

	w->ctxt = rt_sym(w->img, "vcpu_ctxt");
	w->percpu = rt_sym(w->img, "hyp_percpu");
	w->vectors = rt_sym(w->img, "__hyp_vectors");
	w->stack_top = rt_sym(w->img, "__hyp_stack_top");

	/* [el2] of the profile */
	rt_set(w, EL2_SYSREG(VBAR_EL2), w->vectors);
	rt_set(w, EL2_SYSREG(SP_EL2), w->stack_top);
	rt_set(w, EL2_SYSREG(TPIDR_EL2), w->percpu);
	rt_set(w, EL2_SYSREG(HCR_EL2), w->vhe ? HCR_HOST_VHE : HCR_HOST_NVHE);
	rt_set(w, EL2_SYSREG(CPTR_EL2), w->vhe ? CPTR_HOST_VHE : CPTR_HOST_NVHE);

	rt_set_host_state(w);
	/* Under VHE these are the host kernel's own exception registers. */
	rt_set(w, EL2_SYSREG(ELR_EL2), HTAG(0x300));
	rt_set(w, EL2_SYSREG(SPSR_EL2), HOST_SPSR_EL2);
	rt_set(w, EL2_SYSREG(ESR_EL2), HOST_ESR_EL2);
	rt_set(w, EL2_SYSREG(FAR_EL2), HTAG(0x301));
	rt_set(w, EL2_SYSREG(HPFAR_EL2), HOST_HPFAR_EL2);
	if (w->vhe) {
		rt_set(w, EL2_REG_PSTATE, VHE_HOST_PSTATE);
		rt_set(w, EL2_REG_PC, rt_sym(w->img, "__vhe_vcpu_run"));
		rt_set(w, EL2_REG_X(0), w->ctxt);
		rt_set(w, EL2_REG_X(1), HTAG(1));
	} else {
		rt_set(w, EL2_REG_PSTATE, NVHE_HOST_PSTATE);
		rt_set(w, EL2_REG_PC, HOST_STUB);
		rt_set(w, EL2_REG_X(0), REF_FID_VCPU_RUN);
		rt_set(w, EL2_REG_X(1), w->ctxt);
	}
	if (stub)
		rt_set_guest(w, stub);
}

static inline void rt_close(rt_world *w)
{
	el2_engine_free(&w->eng);
	el2_image_free(&w->gimg);
	el2_image_free(&w->img);
	el2_mem_free(&w->mem);
	el2_pe_free(&w->pe);
}

/* Prints the phases of the last run: EL and instruction count of each. */
static inline void rt_print_phases(rt_world *w, const char *scenario)
{
	const el2_phase *ph = NULL;
	uint64_t dropped = 0;
	size_t n = el2_engine_phases(w->eng, &ph, &dropped);
	char line[1024];
	int len = snprintf(line, sizeof(line), "[ref] %-28s %5llu insns:", scenario,
			   (unsigned long long)w->insns);
	for (size_t i = 0; i < n && len > 0 && (size_t)len < sizeof(line) - 24; i++)
		len += snprintf(line + len, sizeof(line) - (size_t)len, " EL%u:%llu", ph[i].el,
				(unsigned long long)ph[i].insns);
	printf("%s\n", line);
}

/* Runs the host until it returns to the sentinel. */
static inline void rt_round_trip(rt_world *w, const char *scenario)
{
	el2_engine_reset_counts(w->eng);
	el2_run_opts o = el2_run_opts_default();
	o.has_sentinel = true;
	o.sentinel = SENTINEL;
	o.budget = BUDGET;
	assert_int_equal(el2_engine_run(w->eng, &o, &w->res), EL2_OK);
	if (w->res.reason != EL2_STOP_SENTINEL)
		print_message("stop %s at 0x%llx: %s\n", el2_stop_reason_name(w->res.reason),
			      (unsigned long long)w->res.pc, w->res.message);
	assert_int_equal(w->res.reason, EL2_STOP_SENTINEL);
	w->insns = w->res.insns;
	if (scenario)
		rt_print_phases(w, scenario);
}

#define RT_MAIN(tests)                                                        \
	int main(int argc, char **argv)                                       \
	{                                                                     \
		rt_argc = argc;                                               \
		rt_argv = argv;                                               \
		return cmocka_run_group_tests(tests, NULL, NULL);             \
	}

#endif
