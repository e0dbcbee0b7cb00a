/* SPDX-License-Identifier: MIT */
/* What every benchmark program needs: a clock and dying with a message.
 * BENCH_NAME is the program's name, defined before including this. */
#ifndef EL2SIM_BENCH_UTIL_H
#define EL2SIM_BENCH_UTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "el2sim/el2sim.h"
#include "el2sim/engine.h"
#include "el2sim/err.h"
#include "el2sim/mem.h"

static inline double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline void die(const char *what, const char *why)
{
	fprintf(stderr, "%s: %s: %s\n", BENCH_NAME, what, why);
	exit(1);
}

static inline void ok(el2_err e, const char *what)
{
	if (e != EL2_OK)
		die(what, el2_strerror(e));
}

/* A hypervisor round-trip world: a PE with EL2 vectors at vbar, stage 2
 * on (HCR_EL2.VM, RW) and FP/SIMD enabled at EL1 as a kernel has it
 * (otherwise every world switch adds or removes the FP check hook, a full
 * translation flush), and an engine over mem (its regions added and
 * written; the world owns it from here). */
typedef struct bench_world {
	el2_pe *pe;
	el2_mem *mem;
	el2_engine *eng;
} bench_world;

static inline void bench_world_open(bench_world *w, el2_mem *mem, uint64_t vbar, bool isolation)
{
	el2_config cfg = el2_config_default();
	char why[256] = "";
	w->mem = mem;
	ok(el2_pe_new(&cfg, &w->pe), "el2_pe_new");
	if (el2_engine_new(w->pe, mem, NULL, &w->eng, why, sizeof(why)) != EL2_OK)
		die("el2_engine_new", why);
	ok(el2_engine_set_isolation(w->eng, isolation), "isolation");
	ok(el2_reg_write(w->pe, EL2_SYSREG(HCR_EL2), EL2_HCR_VM | EL2_HCR_RW), "HCR_EL2");
	ok(el2_reg_write(w->pe, EL2_SYSREG(VBAR_EL2), vbar), "VBAR_EL2");
	ok(el2_reg_write(w->pe, EL2_SYSREG(CPACR_EL1), EL2_CPACR_FPEN), "CPACR_EL1");
}

static inline void bench_world_close(bench_world *w)
{
	el2_engine_free(&w->eng);
	el2_mem_free(&w->mem);
	el2_pe_free(&w->pe);
}

/* Runs until the code branches to sentinel (dies otherwise); returns the
 * seconds it took and the result in *r. */
static inline double bench_run_to(bench_world *w, uint64_t sentinel, uint64_t budget,
				  el2_run_result *r)
{
	el2_run_opts o = el2_run_opts_default();
	o.budget = budget;
	o.has_sentinel = true;
	o.sentinel = sentinel;
	double t0 = now_s();
	ok(el2_engine_run(w->eng, &o, r), "el2_engine_run");
	double t = now_s() - t0;
	if (r->reason != EL2_STOP_SENTINEL)
		die("round trips", r->message[0] ? r->message : el2_stop_reason_name(r->reason));
	return t;
}

#endif
