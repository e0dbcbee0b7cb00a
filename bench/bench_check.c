/* SPDX-License-Identifier: MIT */
/* Checker speed (issue 4): round trips per second for the reference nVHE
 * hypercall round trip (host HVC -> vcpu_run -> guest `hvc #0` -> exit ->
 * host), next to raw Unicorn executing the same instruction count with no
 * traps (a plain ALU loop at its own EL1, no hooks), as a ratio. Two
 * figures for the world switch, because the checker adds per-trip work:
 *   bare engine round trip: one world, one engine; each trip restores the
 *     PE snapshot and the context's PC/PSTATE and runs host stub -> host
 *     (memory isolation on, as the checker runs it, and off);
 *   checked round trip: el2_check_file (fresh world per trip, tags,
 *     snapshots, SP_EL0 trace hook), all scenarios of the profile, no
 *     last-writer re-runs; round trips / wall time.
 * Target (issue 4): >= 50,000 round trips per second. Printed, never
 * asserted.
 *
 * Usage: bench_check NVHE_ELF NVHE_PROFILE [trips [checked_runs]] */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicorn/unicorn.h>

#include "el2sim/check.h"
#include "el2sim/el2sim.h"
#include "el2sim/engine.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what, const char *why)
{
	fprintf(stderr, "bench_check: %s: %s\n", what, why);
	exit(1);
}

static void ok(el2_err e, const char *what)
{
	if (e != EL2_OK)
		die(what, el2_strerror(e));
}

/* ---- the reference world (values of tests/ref/nvhe.profile) ---- */
#define HOST_STUB 0x40300000ull  /* above the profile's regions */
#define GUEST_STUB 0x40310000ull
#define FID_VCPU_RUN 0xc6000001ull
#define CTX_PC 0x100
#define CTX_PSTATE 0x108
#define A64_HVC0 0xd4000002u
#define A64_B_SELF 0x14000000u

struct world {
	el2_pe *pe;
	el2_mem *mem;
	el2_image *img;
	el2_engine *eng;
	el2_snapshot *start;
	uint64_t ctx;
};

static uint64_t sym(const struct world *w, const char *name)
{
	uint64_t a = 0;
	if (el2_image_symbol(w->img, name, &a, NULL, 0) != EL2_OK)
		die("symbol not found", name);
	return a;
}

static void world_open(struct world *w, const char *elf, bool isolation)
{
	memset(w, 0, sizeof(*w));
	el2_config cfg = el2_config_default();
	ok(el2_pe_new(&cfg, &w->pe), "el2_pe_new");
	ok(el2_mem_new(&w->mem), "el2_mem_new");
	ok(el2_mem_add(w->mem, "image", 0x40000000u, 0x200000u, EL2_MEM_HOST | EL2_MEM_HYP), "image");
	ok(el2_mem_add(w->mem, "host", 0x40200000u, 0x10000u, EL2_MEM_HOST), "host");
	ok(el2_mem_add(w->mem, "guest", 0x80000000u, 0x200000u, EL2_MEM_GUEST), "guest");
	ok(el2_mem_add(w->mem, "guest_ro", 0x80200000u, 0x1000u, EL2_MEM_GUEST | EL2_MEM_RO),
	   "guest_ro");
	ok(el2_mem_add(w->mem, "mmio", 0x90000000u, 0x1000u, EL2_MEM_GUEST | EL2_MEM_MMIO), "mmio");
	ok(el2_mem_add(w->mem, "hstub", HOST_STUB, 0x1000u, EL2_MEM_HOST | EL2_MEM_HYP), "stub");
	ok(el2_mem_add(w->mem, "gstub", GUEST_STUB, 0x1000u, EL2_MEM_GUEST), "guest stub");
	el2_load_opts lo = {.rel_base = 0x40000000u};
	char msg[256] = "";
	if (el2_elf_load_file(w->mem, elf, &lo, &w->img, msg, sizeof(msg)) != EL2_OK)
		die(elf, msg);
	const uint32_t host[2] = {A64_HVC0, A64_B_SELF}, guest[2] = {A64_HVC0, A64_B_SELF};
	ok(el2_mem_write(w->mem, HOST_STUB, host, sizeof(host)), "host stub");
	ok(el2_mem_write(w->mem, GUEST_STUB, guest, sizeof(guest)), "guest stub");
	w->ctx = sym(w, "vcpu_ctxt");

	/* EL2 as the hypervisor's init leaves it ([el2] of the profile). */
	el2_pe *pe = w->pe;
	ok(el2_reg_write(pe, EL2_SYSREG(VBAR_EL2), sym(w, "__hyp_vectors")), "VBAR_EL2");
	ok(el2_reg_write(pe, EL2_SYSREG(SP_EL2), sym(w, "__hyp_stack_top")), "SP_EL2");
	ok(el2_reg_write(pe, EL2_SYSREG(TPIDR_EL2), sym(w, "hyp_percpu")), "TPIDR_EL2");
	ok(el2_reg_write(pe, EL2_SYSREG(HCR_EL2), 0x80000000u), "HCR_EL2");
	ok(el2_reg_write(pe, EL2_SYSREG(CPTR_EL2), 0x33ffu), "CPTR_EL2");
	ok(el2_reg_write(pe, EL2_SYSREG(CPACR_EL1), EL2_CPACR_FPEN), "CPACR_EL1");
	/* The host at EL1h calls vcpu_run. */
	ok(el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1h | EL2_PSR_DAIF), "PSTATE");
	ok(el2_reg_write(pe, EL2_SYSREG(SP_EL1), 0x40208000u), "SP_EL1");
	ok(el2_reg_write(pe, EL2_REG_X(0), FID_VCPU_RUN), "x0");
	ok(el2_reg_write(pe, EL2_REG_X(1), w->ctx), "x1");
	ok(el2_reg_write(pe, EL2_REG_PC, HOST_STUB), "pc");
	ok(el2_snapshot_take(pe, &w->start), "snapshot");
	if (el2_engine_new(pe, w->mem, w->img, &w->eng, msg, sizeof(msg)) != EL2_OK)
		die("el2_engine_new", msg);
	ok(el2_engine_set_isolation(w->eng, isolation), "isolation");
}

static void world_close(struct world *w)
{
	el2_engine_free(&w->eng);
	el2_snapshot_free(&w->start);
	el2_image_free(&w->img);
	el2_mem_free(&w->mem);
	el2_pe_free(&w->pe);
}

/* One hvc round trip; returns its instruction count. */
static uint64_t world_trip(struct world *w)
{
	const uint64_t pc = GUEST_STUB, ps = EL2_PSR_MODE_EL1h | EL2_PSR_DAIF;
	ok(el2_mem_write(w->mem, w->ctx + CTX_PC, &pc, 8), "context pc");
	ok(el2_mem_write(w->mem, w->ctx + CTX_PSTATE, &ps, 8), "context pstate");
	ok(el2_snapshot_restore(w->pe, w->start), "restore");
	el2_run_opts o = el2_run_opts_default();
	o.budget = 100000;
	o.n_stop_addrs = 1;
	o.stop_addrs[0] = HOST_STUB + 4;
	el2_run_result r;
	ok(el2_engine_run(w->eng, &o, &r), "el2_engine_run");
	uint64_t x0 = 0;
	el2_reg_read(w->pe, EL2_REG_X(0), &x0);
	if (r.reason != EL2_STOP_ADDRESS || x0 != 1) /* EXIT_HVC */
		die("round trip", r.message[0] ? r.message : el2_stop_reason_name(r.reason));
	return r.insns;
}

/* ---- raw Unicorn: a plain loop of the same instruction count ---- */
#define RAW_CODE 0x10000ull
#define RAW_SIZE 0x10000ull
#define RAW_DATA 0x40000ull

/* Runs `trips` times a straight block of n-2 loads, stores and ALU
 * operations (the mix of bench_engine's plain loop: one in three a memory
 * access) + SUBS + B.NE: n instructions per iteration; returns seconds. */
static double raw_seconds(uint64_t n, uint64_t trips)
{
	if (n < 3 || n * 4 + 8 > RAW_SIZE)
		die("raw", "bad instruction count");
	uint32_t *w = calloc(RAW_SIZE / 4, 4);
	if (!w)
		die("raw", "out of memory");
	size_t k = 0;
	static const uint32_t mix[6] = {
		0xf9400062u, /* ldr x2, [x3] */
		0x8b020021u, /* add x1, x1, x2 */
		0xca010084u, /* eor x4, x4, x1 */
		0xf9000464u, /* str x4, [x3, #8] */
		0xaa0400a5u, /* orr x5, x5, x4 */
		0x91000421u, /* add x1, x1, #1 */
	};
	for (uint64_t i = 0; i < n - 2; i++)
		w[k++] = mix[i % 6];
	w[k++] = 0xf1000400u;         /* subs x0, x0, #1 */
	w[k] = 0x54000001u | (((uint32_t)-(int32_t)k & 0x7ffffu) << 5); /* b.ne start */
	k++;
	w[k++] = 0xd503201fu; /* nop: the end address */
	uc_engine *uc;
	if (uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &uc) != UC_ERR_OK)
		die("raw", "uc_open");
	uc_ctl_set_cpu_model(uc, UC_CPU_ARM64_MAX);
	if (uc_mem_map_ptr(uc, RAW_CODE, RAW_SIZE, UC_PROT_ALL, w) != UC_ERR_OK ||
	    uc_mem_map(uc, RAW_DATA, 0x1000, UC_PROT_READ | UC_PROT_WRITE) != UC_ERR_OK)
		die("raw", "map");
	uint64_t end = RAW_CODE + (k - 1) * 4, x0 = 10, x3 = RAW_DATA;
	uc_reg_write(uc, UC_ARM64_REG_X0, &x0);
	uc_reg_write(uc, UC_ARM64_REG_X3, &x3);
	uc_emu_start(uc, RAW_CODE, end, 0, 0); /* warm-up: translation */
	double best = 1e30;
	for (int rep = 0; rep < 3; rep++) {
		x0 = trips;
		uc_reg_write(uc, UC_ARM64_REG_X0, &x0);
		double t0 = now_s();
		uc_err e = uc_emu_start(uc, RAW_CODE, end, 0, 0);
		double t = now_s() - t0;
		uc_reg_read(uc, UC_ARM64_REG_X0, &x0);
		if (e != UC_ERR_OK || x0 != 0)
			die("raw", "loop did not finish");
		if (t < best)
			best = t;
	}
	uc_close(uc);
	free(w);
	return best;
}

/* Seconds per bare round trip, best of three batches after a warm-up. */
static double bare_seconds(const char *elf, bool isolation, uint64_t trips, uint64_t *insns)
{
	struct world w;
	world_open(&w, elf, isolation);
	*insns = world_trip(&w); /* warm-up: translation */
	double best = 1e30;
	for (int rep = 0; rep < 3; rep++) {
		double t0 = now_s();
		for (uint64_t i = 0; i < trips; i++)
			if (world_trip(&w) != *insns)
				die("round trip", "instruction count changed between trips");
		double t = (now_s() - t0) / (double)trips;
		if (t < best)
			best = t;
	}
	world_close(&w);
	return best;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		die("usage", "bench_check NVHE_ELF NVHE_PROFILE [trips [checked_runs]]");
	uint64_t trips = argc > 3 ? strtoull(argv[3], NULL, 0) : 2000;
	unsigned runs = argc > 4 ? (unsigned)strtoul(argv[4], NULL, 0) : 2;
	if (!trips)
		trips = 1;

	/* Bare engine round trip (memory isolation on, as the checker runs,
	 * and off: the cost of switching page protections per world). */
	uint64_t insns = 0;
	double bare = bare_seconds(argv[1], true, trips, &insns);
	double bare_noiso = bare_seconds(argv[1], false, trips, &insns);
	double t0;

	/* Raw Unicorn, the same instruction count per "trip", no traps. */
	double raw = raw_seconds(insns, trips * 20) / (double)(trips * 20);

	/* Full checked round trips. */
	char err[512];
	el2_check_profile *prof = NULL;
	if (el2_check_profile_load(argv[2], &prof, err, sizeof(err)) != EL2_OK)
		die("profile", err);
	el2_check_opts o = el2_check_opts_default();
	o.runs = runs;
	o.last_writer = false;
	el2_check_result *res = NULL;
	t0 = now_s();
	if (el2_check_file(argv[1], prof, &o, &res, err, sizeof(err)) != EL2_OK)
		die("check", err);
	double checked = (now_s() - t0) / (double)el2_check_round_trips(res);
	bool passed = el2_check_passed(res);
	unsigned n_checked = el2_check_round_trips(res);
	el2_check_result_free(&res);
	el2_check_profile_free(&prof);

	printf("el2sim checker benchmark: reference nVHE hvc round trip, %" PRIu64
	       " instructions\n", insns);
	printf("  %-44s %10.0f trips/s  %8.2f us  1.00 x raw\n",
	       "raw Unicorn, same instruction count, no traps", 1 / raw, raw * 1e6);
	printf("  %-44s %10.0f trips/s  %8.2f us  %4.3f x raw  target >= 50000: %s\n",
	       "bare engine round trip (no checker)", 1 / bare, bare * 1e6, raw / bare,
	       1 / bare >= 50000 ? "ok" : "MISSED");
	printf("  %-44s %10.0f trips/s  %8.2f us  %4.3f x raw\n",
	       "bare engine round trip, isolation off", 1 / bare_noiso, bare_noiso * 1e6,
	       raw / bare_noiso);
	printf("  %-44s %10.1f trips/s  %8.0f us  %.6f x raw  (%u trips, %s)\n",
	       "checked round trip (el2_check_file)", 1 / checked, checked * 1e6, raw / checked,
	       n_checked, passed ? "passed" : "FINDINGS");
	return 0;
}
