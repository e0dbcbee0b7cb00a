/* SPDX-License-Identifier: MIT */
/* Model microbenchmarks: ns per exception entry+return pair and per
 * system-register access, by encoding. Targets (issue: the model) are
 * printed next to each figure; they are goals, not test assertions. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "el2sim/el2sim.h"

#define MRS(key, rt) (0xd5200000u | ((key) << 5) | (rt))
#define MSR(key, rt) (0xd5000000u | ((key) << 5) | (rt))
#define HVC0 0xd4000002u
#define ERET 0xd69f03e0u

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static el2_pe *new_pe(void)
{
	el2_config cfg = el2_config_default();
	el2_pe *pe = NULL;
	if (el2_pe_new(&cfg, &pe) != EL2_OK) {
		fprintf(stderr, "bench: cannot create PE\n");
		exit(1);
	}
	return pe;
}

static int failed;

static void expect(const el2_exec_result *r, el2_outcome o, const char *what)
{
	if (r->outcome != o && !failed) {
		fprintf(stderr, "bench: %s: unexpected outcome %d (model incomplete?)\n", what, r->outcome);
		failed = 1;
	}
}

/* Host at EL1 issues HVC, EL2 ERETs straight back: one entry + one return. */
static double bench_hvc_eret(long iters)
{
	el2_pe *pe = new_pe();
	el2_reg_write(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	el2_reg_write(pe, EL2_SYSREG(VBAR_EL2), 0x80000000);
	el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1h);
	el2_reg_write(pe, EL2_REG_PC, 0x40000000);
	el2_exec_result r;
	double t0 = now_ns();
	for (long i = 0; i < iters; i++) {
		el2_exec(pe, HVC0, &r);
		expect(&r, EL2_OUT_EXCEPTION, "hvc");
		el2_exec(pe, ERET, &r);
		expect(&r, EL2_OUT_ERET, "eret");
	}
	double ns = (now_ns() - t0) / (double)iters;
	el2_pe_free(&pe);
	return ns;
}

struct access_case {
	const char *text;
	el2_sysreg reg;
	int is_write;
	uint64_t pstate;   /* EL to run at */
	uint64_t hcr;
};

static double bench_access(const struct access_case *c, long iters)
{
	el2_pe *pe = new_pe();
	el2_reg_write(pe, EL2_SYSREG(HCR_EL2), c->hcr);
	el2_reg_write(pe, EL2_REG_PSTATE, c->pstate);
	el2_reg_write(pe, EL2_REG_X(1), 0);
	uint32_t key = el2_sysreg_get(c->reg)->enc;
	uint32_t insn = c->is_write ? MSR(key, 1) : MRS(key, 1);
	el2_exec_result r;
	double t0 = now_ns();
	for (long i = 0; i < iters; i++) {
		el2_exec(pe, insn, &r);
		expect(&r, EL2_OUT_DONE, c->text);
	}
	double ns = (now_ns() - t0) / (double)iters;
	el2_pe_free(&pe);
	return ns;
}

int main(int argc, char **argv)
{
	long iters = argc > 1 ? strtol(argv[1], NULL, 0) : 2000000;
	if (iters <= 0 || iters > 1000000000L) {
		fprintf(stderr, "usage: bench_model [ITERATIONS]\n");
		return 2;
	}
	printf("el2sim model microbenchmark (%ld iterations each)\n\n", iters);
	double pair = bench_hvc_eret(iters);
	printf("%-44s %8.1f ns   (target < 30 ns)  %s\n", "HVC entry + ERET return pair", pair,
	       pair < 30 ? "ok" : "MISSED");

	const uint64_t el1 = EL2_PSR_MODE_EL1h, el2 = EL2_PSR_MODE_EL2h;
	const uint64_t vhe = EL2_HCR_RW | EL2_HCR_E2H | EL2_HCR_TGE;
	const struct access_case cases[] = {
		{"mrs x1, tpidr_el1        (EL1)", EL2_SR_TPIDR_EL1, 0, el1, EL2_HCR_RW},
		{"msr sctlr_el1, x1        (EL1)", EL2_SR_SCTLR_EL1, 1, el1, EL2_HCR_RW},
		{"mrs x1, hcr_el2          (EL2)", EL2_SR_HCR_EL2, 0, el2, EL2_HCR_RW},
		{"msr elr_el2, x1          (EL2)", EL2_SR_ELR_EL2, 1, el2, EL2_HCR_RW},
		{"msr vbar_el1, x1 -> VBAR_EL2 (EL2, E2H)", EL2_SR_VBAR_EL1, 1, el2, vhe},
		{"mrs x1, sctlr_el12       (EL2, E2H)", EL2_SR_SCTLR_EL12, 0, el2, vhe},
		{"mrs x1, sp_el0           (EL2)", EL2_SR_SP_EL0, 0, el2, EL2_HCR_RW},
		{"msr daif, x1             (EL2)", EL2_SR_DAIF, 1, el2, EL2_HCR_RW},
	};
	double worst = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double ns = bench_access(&cases[i], iters);
		if (ns > worst)
			worst = ns;
		printf("%-44s %8.1f ns   (target < 10 ns)  %s\n", cases[i].text, ns,
		       ns < 10 ? "ok" : "MISSED");
	}
	printf("\nworst register access %.1f ns; entry+return pair %.1f ns\n", worst, pair);
	if (failed)
		printf("NOTE: some instructions did not complete as expected; figures are not meaningful\n");
	return failed ? 1 : 0;
}
