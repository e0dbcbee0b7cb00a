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
	double raw = uc_raw_seconds(insns, trips * 20);
	if (raw <= 0)
		die("raw", "the loop did not run (instruction count, or Unicorn)");
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
