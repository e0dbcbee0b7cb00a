/* SPDX-License-Identifier: MIT */
/* el2sim bench: instructions, system-register accesses, memory traffic and
 * estimated cycles per phase of each round trip, per core model
 * (docs/bench.md). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cli_opts.h"
#include "run_setup.h"
#include "el2sim/check.h"
#include "el2sim/cost.h"
#include "el2sim/elf.h"
#include "el2sim/scenario.h"

#define MAX_SCENARIOS 16 /* --scenario choices (el2_scenario_count has 12) */
#define MAX_LIMITS 32
#define DEFAULT_RUNS 200u

static void usage(FILE *f)
{
	fputs("usage: el2sim bench OBJ [--layout PROFILE] [--vhe|--nvhe] [--scenario NAME]...\n"
	      "                        [--model NAME|FILE]... [--runs N] [--budget N]\n"
	      "                        [--json|--csv] [--svg FILE [--svg-model NAME]]\n"
	      "                        [--compare OBJ_B [--layout-b PROFILE]]\n"
	      "                        [--range NAME=SYM | NAME=SYM1..SYM2]...\n"
	      "                        [--max-insns [SCENARIO/]PHASE=N]... [--baseline FILE]\n"
	      "                        [--save-baseline FILE] [--define SYM=ADDR]...\n"
	      "                        [--symbols FILE]\n\n"
	      "Runs one round trip of each scenario of the world switch in OBJ (the\n"
	      "checker's worlds, docs/check.md), splits it into phases (entry, to-guest,\n"
	      "guest, exit, return; 'total' = all but guest) and counts per phase the\n"
	      "instructions by class, bytes loaded and stored and system-register\n"
	      "accesses, with cycles estimated by each core model (docs/bench.md). It also\n"
	      "prints how many round trips per second the simulator itself runs.\n\n"
	      "options:\n"
	      "  --layout FILE       profile (docs/layout.md); [bench] phase.to_guest and\n"
	      "                      phase.return override where those phases begin\n"
	      "  --vhe, --nvhe       override the profile's mode\n"
	      "  --scenario NAME     hvc, mmio, s2perm, sysreg, irq, unknown_hvc, guest_hvc,\n"
	      "                      host_call (the first [world] host_call) (repeatable;\n"
	      "                      default: every scenario the profile supports)\n"
	      "  --model NAME|FILE   cortex-a57, cortex-a72, neoverse-n1 or a .model file\n"
	      "                      (repeatable; default: all bundled models)\n"
	      "  --runs N            round trips timed per scenario for trips/s (default 200,\n"
	      "                      0 with --json/--csv so their output is deterministic;\n"
	      "                      0: do not time)\n"
	      "  --budget N          instructions per round trip (default 2000000)\n"
	      "  --json, --csv       machine-readable output instead of the table\n"
	      "  --svg FILE          chart: per phase a stacked bar (cycles by class) per\n"
	      "                      model, A and B side by side with --compare\n"
	      "  --svg-model NAME    draw only this model (default: every model)\n"
	      "  --compare OBJ_B     also measure OBJ_B and print per-phase deltas B - A;\n"
	      "                      limits and baselines then apply to OBJ_B\n"
	      "  --layout-b FILE     OBJ_B's profile (default: the same as OBJ's)\n"
	      "  --range NAME=SYM    count a symbol's extent (docs/layout.md) as a row;\n"
	      "  --range NAME=A..B   or the addresses [A, B) (symbols, sym+off or numbers)\n"
	      "  --max-insns [SCENARIO/]PHASE=N   fail (exit 1) if PHASE (a phase, total or a\n"
	      "                      range) has more than N instructions\n"
	      "  --baseline FILE     fail (exit 1) if any row has more instructions than FILE\n"
	      "                      (a --save-baseline file or an earlier --json report)\n"
	      "  --save-baseline FILE  write the instruction counts of every row to FILE\n"
	      "  --define SYM=ADDR   address of a symbol the object uses but does not define\n"
	      "                      (repeatable)\n"
	      "  --symbols FILE      such definitions, 'SYM ADDR' or 'SYM = ADDR' a line\n"
	      "  --alternatives [linux-6.1:]CAP[,CAP...]  apply the object's Linux\n"
	      "                      .altinstructions for these capabilities\n\n"
	      "exit status: 0 ok, 1 a limit or baseline was exceeded, 2 bad command line,\n"
	      "3 bad input (object, profile, model), or a round trip that did not return.\n\n"
	      "examples:\n"
	      "  el2sim bench build/tests/ref/nvhe.elf --layout tests/ref/nvhe.profile\n"
	      "  el2sim bench hyp.elf --layout hyp.profile --scenario hvc --model neoverse-n1 \\\n"
	      "      --svg hvc.svg --range vectors=__hyp_vectors\n"
	      "  el2sim bench new.elf --layout hyp.profile --compare old.elf\n"
	      "  el2sim bench hyp.elf --layout hyp.profile --max-insns exit=120 \\\n"
	      "      --baseline bench.baseline\n", f);
}

enum {
	OPT_LAYOUT = 0x100, OPT_VHE, OPT_NVHE, OPT_SCENARIO, OPT_MODEL, OPT_RUNS, OPT_BUDGET,
	OPT_JSON, OPT_CSV, OPT_SVG, OPT_SVG_MODEL, OPT_COMPARE, OPT_LAYOUT_B, OPT_RANGE,
	OPT_MAX_INSNS, OPT_BASELINE, OPT_SAVE_BASELINE, OPT_DEFINE, OPT_SYMBOLS,
	OPT_ALTERNATIVES,
};

typedef struct args {
	const char *layout, *layout_b, *compare;
	el2_check_mode mode;
	const char *scenarios[MAX_SCENARIOS];
	size_t n_scenarios;
	const char *models[EL2_COST_MAX_MODELS];
	size_t n_models;
	uint64_t runs, budget;
	bool json, csv;
	bool runs_given;
	const char *svg, *svg_model;
	const char *ranges[EL2_COST_MAX_RANGES];
	size_t n_ranges;
	el2_cost_limit limits[MAX_LIMITS];
	size_t n_limits;
	const char *baseline, *save_baseline;
	cli_defines defs; /* --define, --symbols */
	el2_alt_set alt;  /* --alternatives (has_alt) */
	bool has_alt;
} args;

static int handle(void *ctx, int opt, const char *arg, char *err, size_t errlen)
{
	args *a = ctx;
	switch (opt) {
	case OPT_LAYOUT: a->layout = arg; break;
	case OPT_LAYOUT_B: a->layout_b = arg; break;
	case OPT_VHE: a->mode = EL2_CHECK_MODE_VHE; break;
	case OPT_NVHE: a->mode = EL2_CHECK_MODE_NVHE; break;
	case OPT_SCENARIO: {
		if (el2_scenario_index(arg) == el2_scenario_count())
			return cli_bad_scenario(arg, "", err, errlen);
		for (size_t i = 0; i < a->n_scenarios; i++)
			if (!strcmp(a->scenarios[i], arg))
				return EL2_EXIT_OK;
		if (a->n_scenarios == MAX_SCENARIOS) /* only if the library grows past it */
			return cli_fail(err, errlen, EL2_EXIT_USAGE, "--scenario: at most %d",
					MAX_SCENARIOS);
		a->scenarios[a->n_scenarios++] = arg;
		break;
	}
	case OPT_MODEL:
		if (a->n_models == EL2_COST_MAX_MODELS) {
			snprintf(err, errlen, "--model: at most %d models", EL2_COST_MAX_MODELS);
			return EL2_EXIT_USAGE;
		}
		a->models[a->n_models++] = arg;
		break;
	case OPT_RUNS:
		a->runs_given = true;
		if (!run_parse_u64(arg, RUN_COUNT_SUFFIX, &a->runs) || a->runs > 10000000) {
			snprintf(err, errlen, "--runs %s: expected 0 to 10M", arg);
			return EL2_EXIT_USAGE;
		}
		break;
	case OPT_BUDGET:
		if (!run_parse_u64(arg, RUN_COUNT_SUFFIX, &a->budget) || !a->budget) {
			snprintf(err, errlen, "--budget %s: expected a positive number", arg);
			return EL2_EXIT_USAGE;
		}
		break;
	case OPT_JSON: a->json = true; break;
	case OPT_CSV: a->csv = true; break;
	case OPT_SVG: a->svg = arg; break;
	case OPT_SVG_MODEL: a->svg_model = arg; break;
	case OPT_COMPARE: a->compare = arg; break;
	case OPT_RANGE:
		if (a->n_ranges == EL2_COST_MAX_RANGES) {
			snprintf(err, errlen, "--range: at most %d ranges", EL2_COST_MAX_RANGES);
			return EL2_EXIT_USAGE;
		}
		if (!strchr(arg, '=') || arg[0] == '=') {
			snprintf(err, errlen, "--range %s: expected NAME=SYM or NAME=SYM1..SYM2", arg);
			return EL2_EXIT_USAGE;
		}
		a->ranges[a->n_ranges++] = arg;
		break;
	case OPT_MAX_INSNS:
		if (a->n_limits == MAX_LIMITS) {
			snprintf(err, errlen, "--max-insns: at most %d limits", MAX_LIMITS);
			return EL2_EXIT_USAGE;
		}
		if (!el2_cost_limit_parse(arg, &a->limits[a->n_limits], err, errlen))
			return EL2_EXIT_USAGE;
		a->n_limits++;
		break;
	case OPT_BASELINE: a->baseline = arg; break;
	case OPT_SAVE_BASELINE: a->save_baseline = arg; break;
	case OPT_DEFINE: return cli_defines_add(&a->defs, arg, err, errlen);
	case OPT_SYMBOLS: return cli_defines_read(&a->defs, arg, err, errlen);
	case OPT_ALTERNATIVES:
		return cli_parse_alternatives(arg, &a->alt, &a->has_alt, err, errlen);
	default:
		snprintf(err, errlen, "unknown option");
		return EL2_EXIT_USAGE;
	}
	return EL2_EXIT_OK;
}

/* The extent of a label symbol: from its address to the next label of its
 * section (what el2_image_symbolize names by it). */
static bool symbol_extent(const el2_image *img, const char *name, el2_cost_span *out,
			  char *err, size_t errlen)
{
	uint64_t lo, hi;
	if (el2_image_label_extent(img, name, &lo, &hi, err, errlen) != EL2_OK)
		return false;
	*out = (el2_cost_span){lo, hi};
	return true;
}

static bool resolve_range(const el2_image *img, const char *spec, el2_cost_layout *lay,
			  char *err, size_t errlen)
{
	const char *eq = strchr(spec, '=');
	size_t nl = (size_t)(eq - spec);
	size_t k = lay->n_ranges;
	if (nl >= sizeof(lay->range_name[0])) {
		snprintf(err, errlen, "--range %s: name longer than 31 characters", spec);
		return false;
	}
	memcpy(lay->range_name[k], spec, nl);
	lay->range_name[k][nl] = '\0';
	const char *val = eq + 1, *dots = strstr(val, "..");
	char msg[256];
	if (!dots) {
		if (!symbol_extent(img, val, &lay->range[k], msg, sizeof(msg))) {
			snprintf(err, errlen, "--range %s: %s", spec, msg);
			return false;
		}
	} else {
		char a[256];
		size_t al = (size_t)(dots - val);
		uint64_t lo, hi;
		if (al >= sizeof(a)) {
			snprintf(err, errlen, "--range %s: too long", spec);
			return false;
		}
		memcpy(a, val, al);
		a[al] = '\0';
		if (!run_resolve_value(img, a, &lo, msg, sizeof(msg)) ||
		    !run_resolve_value(img, dots + 2, &hi, msg, sizeof(msg))) {
			snprintf(err, errlen, "--range %s: %s", spec, msg);
			return false;
		}
		if (hi <= lo) {
			snprintf(err, errlen, "--range %s: the end is not above the start", spec);
			return false;
		}
		lay->range[k] = (el2_cost_span){lo, hi};
	}
	lay->n_ranges++;
	return true;
}

/* The profile's [bench] phase boundaries; errors name the profile's line. */
static bool phase_boundaries(const el2_image *img, const el2_check_profile *prof,
			     const char *layout, el2_cost_layout *lay, char *err, size_t errlen)
{
	char msg[300];
	if (el2_check_profile_phase_at(prof, 0, img, &lay->has_to_guest_at, &lay->to_guest_at,
				       msg, sizeof(msg)) ||
	    el2_check_profile_phase_at(prof, 1, img, &lay->has_return_at, &lay->return_at, msg,
				       sizeof(msg))) {
		snprintf(err, errlen, "%s: %s", layout ? layout : "profile", msg);
		return false;
	}
	return true;
}

static bool build_layout(el2_scenario_world *w, const el2_check_profile *prof, const args *a,
			 el2_cost_layout *lay, char *err, size_t errlen)
{
	memset(lay, 0, sizeof(*lay));
	el2_scenario_info info;
	el2_scenario_get_info(w, &info);
	lay->guest = (el2_cost_span){info.guest_stub, info.guest_stub + info.guest_stub_size};
	const el2_image *img = el2_scenario_image(w);
	size_t n = prof ? el2_check_profile_entry_asm(prof, 0, NULL) : 0;
	for (size_t i = 0; i < n; i++) {
		const char *name = NULL;
		el2_check_profile_entry_asm(prof, i, &name);
		if (lay->n_entry_asm == EL2_COST_MAX_SPANS) {
			snprintf(err, errlen, "more than %d entry_asm symbols", EL2_COST_MAX_SPANS);
			return false;
		}
		char msg[256];
		if (!name || !symbol_extent(img, name, &lay->entry_asm[lay->n_entry_asm], msg,
					    sizeof(msg))) {
			snprintf(err, errlen, "entry_asm: %s", name ? msg : "?");
			return false;
		}
		lay->n_entry_asm++;
	}
	for (size_t i = 0; i < a->n_ranges; i++)
		if (!resolve_range(img, a->ranges[i], lay, err, errlen))
			return false;
	return true;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static bool returned(const el2_run_result *rr)
{
	return rr->reason == EL2_STOP_ADDRESS || rr->reason == EL2_STOP_SENTINEL;
}

/* Round trips per second without hooks: one prepared trip, then runs
 * repeated in steady state (el2_scenario_trip_again). */
static int time_trips(el2_scenario_world *w, uint64_t runs, el2_cost_result *res, char *err,
		      size_t errlen)
{
	el2_run_result rr;
	if (el2_scenario_trip(w, 0, NULL, &rr, err, errlen) != EL2_OK || !returned(&rr)) {
		if (!err[0])
			snprintf(err, errlen, "the round trip did not return: %s", rr.message);
		return EL2_EXIT_INPUT;
	}
	uint64_t insns = 0;
	double t0 = now();
	for (uint64_t i = 0; i < runs; i++) {
		if (el2_scenario_trip_again(w, &rr, err, errlen) != EL2_OK || !returned(&rr)) {
			if (!err[0])
				snprintf(err, errlen, "repeated round trip did not return: %s",
					 rr.message);
			return EL2_EXIT_INPUT;
		}
		insns += rr.insns;
	}
	double dt = now() - t0;
	if (runs && dt > 0) {
		res->trips_per_sec = (double)runs / dt;
		res->insns_per_sec = (double)insns / dt;
	}
	return EL2_EXIT_OK;
}

static int measure_scenario(const char *obj, const el2_check_profile *prof, const char *layout,
			    const args *a,
			    const char *scenario, bool explicit_choice,
			    const el2_cost_model *models, size_t n_models, el2_cost_rec *rec,
			    el2_cost_result *res, bool *skipped)
{
	char err[512] = "";
	el2_check_opts o = el2_check_opts_default();
	o.mode = a->mode;
	o.budget = a->budget;
	o.symdefs = a->defs.defs;
	o.n_symdefs = a->defs.n;
	o.alternatives = a->has_alt ? &a->alt : NULL;
	el2_scenario_world *w = NULL;
	*skipped = false;
	el2_err e = el2_scenario_open(obj, prof, &o, scenario, &w, err, sizeof(err));
	if (e == EL2_ERR_UNSUPPORTED && !explicit_choice) {
		*skipped = true;
		return EL2_EXIT_OK;
	}
	if (e) {
		const char *msg = err[0] ? err : el2_strerror(e);
		/* the loader's messages start with the path already */
		if (!strncmp(msg, obj, strlen(obj)))
			fprintf(stderr, "el2sim bench: %s\n", msg);
		else
			fprintf(stderr, "el2sim bench: %s: %s\n", obj, msg);
		return EL2_EXIT_INPUT;
	}
	/* The guest just makes its call (no FP probe, no new register
	 * values): the world switch alone, as a hypercall benchmark runs. */
	el2_scenario_set_plain(w, true);
	el2_cost_layout lay;
	int rc = EL2_EXIT_OK;
	memset(res, 0, sizeof(*res));
	snprintf(res->scenario, sizeof(res->scenario), "%s", scenario);
	if (!build_layout(w, prof, a, &lay, err, sizeof(err))) {
		fprintf(stderr, "el2sim bench: %s: %s\n", obj, err);
		rc = a->n_ranges ? EL2_EXIT_USAGE : EL2_EXIT_INPUT;
		goto out;
	}
	if (!phase_boundaries(el2_scenario_image(w), prof, layout, &lay, err, sizeof(err))) {
		fprintf(stderr, "el2sim bench: %s: %s\n", obj, err);
		rc = EL2_EXIT_INPUT;
		goto out;
	}
	if (a->runs && (rc = time_trips(w, a->runs, res, err, sizeof(err))) != EL2_EXIT_OK) {
		fprintf(stderr, "el2sim bench: %s: scenario %s: %s\n", obj, scenario, err);
		goto out;
	}
	el2_cost_rec_reset(rec);
	el2_scenario_hooks hooks = {.trace = el2_cost_rec_trace, .event = el2_cost_rec_event,
				    .ctx = rec};
	el2_run_result rr;
	err[0] = '\0';
	e = el2_scenario_trip(w, 0, &hooks, &rr, err, sizeof(err));
	if (e || !returned(&rr)) {
		fprintf(stderr, "el2sim bench: %s: scenario %s: the round trip did not return: %s\n",
			obj, scenario, err[0] ? err : rr.message);
		rc = EL2_EXIT_INPUT;
		goto out;
	}
	el2_cost_rec_finish(rec);
	double tps = res->trips_per_sec, ips = res->insns_per_sec;
	if (el2_cost_split(rec, &lay, models, n_models, res, err, sizeof(err)) != EL2_OK) {
		fprintf(stderr, "el2sim bench: %s: scenario %s: %s\n", obj, scenario, err);
		rc = EL2_EXIT_INPUT;
		goto out;
	}
	res->trips_per_sec = tps;
	res->insns_per_sec = ips;
	if (res->boundaries_missed & EL2_COST_MISSED_TO_GUEST)
		fprintf(stderr, "el2sim bench: warning: scenario %s: [bench] phase.to_guest was not "
			"executed before the ERET into the guest: the default rule applies\n",
			scenario);
	if (res->boundaries_missed & EL2_COST_MISSED_RETURN)
		fprintf(stderr, "el2sim bench: warning: scenario %s: [bench] phase.return was not "
			"executed after the guest's exit: the default rule applies\n", scenario);
out:
	el2_scenario_close(&w);
	return rc;
}

/* Measures every chosen scenario of one object into res (n_out set). */
static int measure(const char *obj, const char *layout, const args *a,
		   const el2_cost_model *models, size_t n_models, el2_cost_result *res,
		   size_t *n_out)
{
	char err[512];
	*n_out = 0;
	int rc = cli_input_file(obj, err, sizeof(err));
	if (rc != EL2_EXIT_OK) {
		fprintf(stderr, "el2sim bench: %s\n", err);
		return rc;
	}
	el2_check_profile *prof = NULL;
	if ((rc = cli_load_layout("bench", layout, &prof, NULL, 0)) != EL2_EXIT_OK)
		return rc;
	el2_cost_rec *rec = NULL;
	if (el2_cost_rec_new(&rec) != EL2_OK) {
		el2_check_profile_free(&prof);
		return EL2_EXIT_INPUT;
	}
	/* res has el2_scenario_count() entries; --scenario holds each at most once */
	size_t n = a->n_scenarios ? a->n_scenarios : el2_scenario_count();
	for (size_t i = 0; i < n && rc == EL2_EXIT_OK; i++) {
		const char *sc = a->n_scenarios ? a->scenarios[i] : el2_scenario_name(i);
		bool skipped;
		rc = measure_scenario(obj, prof, layout, a, sc, a->n_scenarios > 0, models, n_models, rec,
				      &res[*n_out], &skipped);
		if (rc == EL2_EXIT_OK && !skipped)
			(*n_out)++;
	}
	el2_cost_rec_free(&rec);
	el2_check_profile_free(&prof);
	if (rc == EL2_EXIT_OK && !*n_out) {
		fprintf(stderr, "el2sim bench: %s: no scenario applies\n", obj);
		rc = EL2_EXIT_INPUT;
	}
	return rc;
}

static int write_svg(const el2_cost_report *rep, const el2_cost_report *b, const args *a)
{
	size_t mi = SIZE_MAX;
	if (a->svg_model) {
		mi = 0;
		while (mi < rep->n_models && strcmp(rep->models[mi].name, a->svg_model))
			mi++;
		if (mi == rep->n_models) {
			fprintf(stderr, "el2sim bench: --svg-model %s: not one of the models measured\n",
				a->svg_model);
			return EL2_EXIT_USAGE;
		}
	}
	FILE *f = fopen(a->svg, "w");
	if (f)
		el2_cost_write_svg(rep, b, mi, f);
	return cli_report_closed("bench", a->svg, EL2_OK, f);
}

/* Limits and baselines on the report: 1 when one is exceeded. */
static int gate(const el2_cost_report *rep, const args *a)
{
	int rc = EL2_EXIT_OK;
	char err[512];
	if (el2_cost_check_limits(rep, a->limits, a->n_limits, stderr))
		rc = EL2_EXIT_FINDINGS;
	if (a->baseline) {
		size_t bad = 0;
		if (el2_cost_check_baseline(rep, a->baseline, stderr, &bad, err, sizeof(err))) {
			fprintf(stderr, "el2sim bench: --baseline: %s\n", err);
			return EL2_EXIT_INPUT;
		}
		if (bad)
			rc = EL2_EXIT_FINDINGS;
	}
	if (a->save_baseline &&
	    el2_cost_save_baseline(rep, a->save_baseline, err, sizeof(err)) != EL2_OK) {
		fprintf(stderr, "el2sim bench: --save-baseline: %s\n", err);
		return EL2_EXIT_INPUT;
	}
	return rc;
}

static int run_bench(const args *a, const char *obj, const el2_cost_model *models,
		     size_t n_models)
{
	el2_cost_result *ra = calloc(el2_scenario_count(), sizeof(*ra));
	el2_cost_result *rb = calloc(el2_scenario_count(), sizeof(*rb));
	int rc = EL2_EXIT_INPUT;
	size_t na = 0, nb = 0;
	if (!ra || !rb)
		goto out;
	rc = measure(obj, a->layout, a, models, n_models, ra, &na);
	if (rc == EL2_EXIT_OK && a->compare)
		rc = measure(a->compare, a->layout_b ? a->layout_b : a->layout, a, models, n_models,
			     rb, &nb);
	if (rc != EL2_EXIT_OK)
		goto out;
	el2_cost_report rep_a = {models, n_models, ra, na, obj};
	el2_cost_report rep_b = {models, n_models, rb, nb, a->compare};
	const el2_cost_report *main_rep = a->compare ? &rep_b : &rep_a;
	el2_err we = EL2_OK;
	if (a->compare && !a->json && !a->csv)
		el2_cost_write_compare(&rep_a, &rep_b, stdout);
	else if (a->json)
		we = el2_cost_write_json(main_rep, stdout);
	else if (a->csv)
		el2_cost_write_csv(main_rep, stdout);
	else
		el2_cost_write_text(main_rep, stdout);
	if ((rc = cli_report_written("bench", "the report", we, stdout)) != EL2_EXIT_OK)
		goto out;
	if (a->svg && (rc = write_svg(&rep_a, a->compare ? &rep_b : NULL, a)) != EL2_EXIT_OK)
		goto out;
	rc = gate(main_rep, a);
out:
	free(ra);
	free(rb);
	return rc;
}

int cmd_bench(int argc, char **argv)
{
	static const struct option options[] = {
		{"layout", required_argument, NULL, OPT_LAYOUT},
		{"layout-b", required_argument, NULL, OPT_LAYOUT_B},
		{"vhe", no_argument, NULL, OPT_VHE},
		{"nvhe", no_argument, NULL, OPT_NVHE},
		{"scenario", required_argument, NULL, OPT_SCENARIO},
		{"model", required_argument, NULL, OPT_MODEL},
		{"runs", required_argument, NULL, OPT_RUNS},
		{"budget", required_argument, NULL, OPT_BUDGET},
		{"json", no_argument, NULL, OPT_JSON},
		{"csv", no_argument, NULL, OPT_CSV},
		{"svg", required_argument, NULL, OPT_SVG},
		{"svg-model", required_argument, NULL, OPT_SVG_MODEL},
		{"compare", required_argument, NULL, OPT_COMPARE},
		{"range", required_argument, NULL, OPT_RANGE},
		{"max-insns", required_argument, NULL, OPT_MAX_INSNS},
		{"baseline", required_argument, NULL, OPT_BASELINE},
		{"save-baseline", required_argument, NULL, OPT_SAVE_BASELINE},
		{"define", required_argument, NULL, OPT_DEFINE},
		{"symbols", required_argument, NULL, OPT_SYMBOLS},
		{"alternatives", required_argument, NULL, OPT_ALTERNATIVES},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	args a = {.mode = EL2_CHECK_MODE_PROFILE, .runs = DEFAULT_RUNS,
		  .budget = EL2_CHECK_DEFAULT_BUDGET};
	char err[512] = "";
	bool help = false;
	int operand = 0;
	int rc = cli_getopt("bench", argc, argv, options, handle, &a, &help, &operand, err,
			    sizeof(err));
	if (help) {
		usage(stdout);
		return EL2_EXIT_OK;
	}
	const char *obj = NULL;
	if (rc == EL2_EXIT_OK)
		rc = cli_one_object("bench", argc, argv, operand, &obj, err, sizeof(err));
	if (rc == EL2_EXIT_OK && a.json && a.csv) {
		snprintf(err, sizeof(err), "--json and --csv exclude each other");
		rc = EL2_EXIT_USAGE;
	}
	if (rc == EL2_EXIT_OK && a.layout_b && !a.compare) {
		snprintf(err, sizeof(err), "--layout-b needs --compare");
		rc = EL2_EXIT_USAGE;
	}
	if (rc == EL2_EXIT_OK && a.svg_model && !a.svg) {
		snprintf(err, sizeof(err), "--svg-model needs --svg");
		rc = EL2_EXIT_USAGE;
	}
	if (rc != EL2_EXIT_OK) {
		fprintf(stderr, "el2sim bench: %s\n", err);
		return rc;
	}
	/* Machine-readable output is byte-identical for the same inputs: wall
	 * time is measured only when --runs asks for it. */
	if ((a.json || a.csv) && !a.runs_given)
		a.runs = 0;
	el2_cost_model *models = calloc(EL2_COST_MAX_MODELS, sizeof(*models));
	if (!models)
		return EL2_EXIT_INPUT;
	size_t n_models = 0;
	for (size_t i = 0; a.n_models ? i < a.n_models : el2_cost_model_bundled(i) != NULL; i++) {
		const char *m = a.n_models ? a.models[i] : el2_cost_model_bundled(i);
		if (el2_cost_model_load(m, &models[n_models], err, sizeof(err)) != EL2_OK) {
			fprintf(stderr, "el2sim bench: model: %s\n", err);
			free(models);
			return EL2_EXIT_INPUT;
		}
		n_models++;
	}
	rc = run_bench(&a, obj, models, n_models);
	free(models);
	return rc;
}
