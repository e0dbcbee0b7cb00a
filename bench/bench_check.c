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
 * Target: >= 100,000 steady-state round trips per second with isolation
 * on. Printed, never asserted.
 *
 * Usage: bench_check NVHE_ELF NVHE_PROFILE [trips [checked_runs [only]]]
 * only = steady | steady-noiso: run just that figure (for a profiler). */
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
#include "el2sim/scenario.h"

#define BENCH_NAME "bench_check"
#include "bench_util.h"
#include "uc_floor.h"

/* ---- the scenario world (the checker's, el2_scenario_*) ---- */

static el2_scenario_world *world_open(const char *elf, const el2_check_profile *prof)
{
	char err[512];
	el2_scenario_world *w = NULL;
	if (el2_scenario_open(elf, prof, NULL, "hvc", &w, err, sizeof(err)) != EL2_OK)
		die("el2_scenario_open", err);
	el2_scenario_set_plain(w, true); /* the guest just makes the call */
	return w;
}

static void trip_ok(el2_err e, const el2_run_result *r, const char *err)
{
	if (e != EL2_OK)
		die("round trip", err);
	if (r->reason != EL2_STOP_ADDRESS && r->reason != EL2_STOP_SENTINEL)
		die("round trip", r->message[0] ? r->message : el2_stop_reason_name(r->reason));
}

/* Seconds per round trip, best of three batches after a warm-up; fresh:
 * every trip resets the world and writes a run's tagged state (what the
 * checker does), else the same trip again (the hypervisor's steady state). */
static double trip_seconds(el2_scenario_world *w, bool fresh, uint64_t trips, uint64_t *insns)
{
	char err[512] = "";
	el2_run_result r;
	trip_ok(el2_scenario_trip(w, 2, NULL, &r, err, sizeof(err)), &r, err);
	*insns = r.insns;
	double best = 1e30;
	for (int rep = 0; rep < 3; rep++) {
		double t0 = now_s();
		for (uint64_t i = 0; i < trips; i++) {
			el2_err e = fresh ? el2_scenario_trip(w, 2, NULL, &r, err, sizeof(err))
					  : el2_scenario_trip_again(w, &r, err, sizeof(err));
			trip_ok(e, &r, err);
			if (r.insns != *insns)
				die("round trip", "instruction count changed between trips");
		}
		double t = (now_s() - t0) / (double)trips;
		if (t < best)
			best = t;
	}
	return best;
}

/* Traps (system instructions and exceptions the model performed) in one
 * steady-state trip, from the engine's counters, and how isolation
 * switched worlds in it. */
static el2_counts counts_per_trip(el2_scenario_world *w, el2_isolation_stats *iso)
{
	char err[512] = "";
	el2_run_result r;
	el2_engine *eng = el2_scenario_engine(w);
	el2_isolation_stats before;
	el2_engine_isolation_stats(eng, &before);
	el2_engine_reset_counts(eng);
	trip_ok(el2_scenario_trip_again(w, &r, err, sizeof(err)), &r, err);
	el2_counts c;
	el2_engine_counts(eng, &c);
	el2_engine_isolation_stats(eng, iso);
	iso->tlb_flushes -= before.tlb_flushes;
	iso->protect_calls -= before.protect_calls;
	return c;
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
	for (uint64_t i = 0; i < n - 2; i++)
		w[k++] = uc_plain_mix[i % 6];
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

int main(int argc, char **argv)
{
	if (argc < 3)
		die("usage", "bench_check NVHE_ELF NVHE_PROFILE [trips [checked_runs]]");
	uint64_t trips = argc > 3 ? strtoull(argv[3], NULL, 0) : 3000;
	unsigned runs = argc > 4 ? (unsigned)strtoul(argv[4], NULL, 0) : 16;
	if (!trips)
		trips = 1;
	char err[512];
	el2_check_profile *prof = NULL;
	if (el2_check_profile_load(argv[2], &prof, err, sizeof(err)) != EL2_OK)
		die("profile", err);

	el2_scenario_world *w = world_open(argv[1], prof);
	uint64_t insns = 0;
	if (argc > 5) {
		bool iso = strcmp(argv[5], "steady") == 0;
		if (!iso && strcmp(argv[5], "steady-noiso") != 0)
			die("usage", "only: steady or steady-noiso");
		el2_engine_set_isolation(el2_scenario_engine(w), iso);
		double t = trip_seconds(w, false, trips, &insns);
		printf("%s: %.0f trips/s, %.2f us\n", argv[5], 1 / t, t * 1e6);
		el2_scenario_close(&w);
		el2_check_profile_free(&prof);
		return 0;
	}
	double fresh = trip_seconds(w, true, trips, &insns);
	double steady = trip_seconds(w, false, trips, &insns);
	el2_isolation_stats iso;
	el2_counts c = counts_per_trip(w, &iso);
	el2_engine_set_isolation(el2_scenario_engine(w), false);
	double noiso = trip_seconds(w, false, trips, &insns);
	el2_scenario_close(&w);

	/* Raw Unicorn, the same instruction count per "trip", no traps. */
	double raw = raw_seconds(insns, trips * 20) / (double)(trips * 20);
	/* Unicorn alone on the trip's shape: its MSR, MRS and flushes through
	 * hooks that do nothing (uc_floor.c). */
	uc_floor_shape shape = {.insns = insns, .writes = c.sysreg_writes,
				.reads = c.sysreg_reads, .flushes = iso.tlb_flushes};
	double floor_blocks = 0;
	double floor = uc_floor_seconds(&shape, trips * 4, &floor_blocks);

	/* Full checked round trips: all scenarios, properties, no re-runs. */
	el2_check_opts o = el2_check_opts_default();
	o.runs = runs;
	o.last_writer = false;
	el2_check_result *res = NULL;
	double t0 = now_s();
	if (el2_check_file(argv[1], prof, &o, &res, err, sizeof(err)) != EL2_OK)
		die("check", err);
	double total = now_s() - t0;
	unsigned n_checked = el2_check_round_trips(res);
	double checked = total / (double)n_checked;
	bool passed = el2_check_passed(res);
	el2_check_result_free(&res);
	el2_check_profile_free(&prof);

	printf("el2sim checker benchmark: reference nVHE hvc round trip, %" PRIu64
	       " instructions, %" PRIu64 " performed by the model\n", insns, c.trapped);
	printf("  %-46s %10.0f trips/s  %8.2f us  1.00 x raw\n",
	       "raw Unicorn, same instruction count, no traps", 1 / raw, raw * 1e6);
	if (floor > 0)
		printf("  %-46s %10.0f trips/s  %8.2f us  %5.3f x raw  (%.0f blocks per trip)\n",
		       "Unicorn floor: the trip's shape, empty hooks", 1 / floor, floor * 1e6,
		       raw / floor, floor_blocks);
	else
		printf("  %-46s (needs Unicorn >= 2.1)\n", "Unicorn floor: the trip's shape, empty hooks");
	printf("    shape: %" PRIu64 " MSR (each ends a block), %" PRIu64 " MRS, %" PRIu64
	       " TLB flushes per trip\n", c.sysreg_writes, c.sysreg_reads, iso.tlb_flushes);
	printf("  %-46s %10.0f trips/s  %8.2f us  %5.3f x raw  target >= 100000: %s\n",
	       "steady-state round trip (trip_again)", 1 / steady, steady * 1e6, raw / steady,
	       1 / steady >= 100000 ? "ok" : "MISSED");
	if (iso.through_tlb)
		printf("    isolation through Unicorn's TLB: %" PRIu64 " flushes per trip\n",
		       iso.tlb_flushes);
	else
		printf("    isolation by page protections: %" PRIu64 " uc_mem_protect calls per trip\n",
		       iso.protect_calls);
	printf("  %-46s %10.0f trips/s  %8.2f us  %5.3f x raw\n",
	       "  the same, memory isolation off", 1 / noiso, noiso * 1e6, raw / noiso);
	printf("  %-46s %10.0f trips/s  %8.2f us  %5.3f x raw\n",
	       "fresh trip (world reset + tagged state)", 1 / fresh, fresh * 1e6, raw / fresh);
	printf("  %-46s %10.0f trips/s  %8.2f us  %5.3f x raw  (%u trips incl. setup, %s)\n",
	       "checked round trip (el2_check_file)", 1 / checked, checked * 1e6, raw / checked,
	       n_checked, passed ? "passed" : "FINDINGS");
	return 0;
}
