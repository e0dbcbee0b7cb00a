/* SPDX-License-Identifier: MIT */
/* el2sim check: run the world-switch checker on an object (docs/check.md). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_opts.h"
#include "el2sim/check.h"
#include "el2sim/scenario.h"
#include "run_setup.h"

static void usage(FILE *f)
{
	el2_check_opts d = el2_check_opts_default();
	fputs("usage: el2sim check OBJ [--layout FILE] [--vhe|--nvhe] [--runs N] [--no-corners]\n"
	      "                         [--seed S] [--budget N] [--json] [--junit FILE]\n"
	      "                         [--sarif FILE]\n"
	      "                         [--no-writer] [--scenario NAME] [--run N]\n"
	      "                         [--trace FILE]\n\n"
	      "Runs host -> guest -> host round trips of the world switch in OBJ and checks\n"
	      "eight properties on each: host integrity, guest entry fidelity, guest exit\n"
	      "completeness, isolation (registers and guest-readable memory), PSTATE on\n"
	      "return, EL2 state across host calls, the SP_EL0 window, and the exit code\n"
	      "([exit_codes]) (docs/check.md). The layout file (docs/layout.md) says how\n"
	      "the host enters the world switch and where the vCPU context keeps each\n"
	      "register; without it EL2SIM_* symbols in OBJ are used.\n\n"
	      "options:\n", f);
	cli_print_check_options(f, d.runs, d.budget);
	fputs("  --junit FILE     also write a JUnit XML report (one testcase per property)\n"
	      "  --sarif FILE     also write a SARIF 2.1.0 report (code scanning: findings at\n"
	      "                   the source line of their last writer, with -g)\n"
	      "  --no-writer      skip the re-runs that find each finding's last writer\n"
	      "  --scenario NAME  only this scenario (hvc, mmio, s2perm, sysreg, irq,\n"
	      "                   unknown_hvc; type1 profiles: resume, switch)\n"
	      "  --run N          only run N (0 and 1 are the corner runs); with --seed and\n"
	      "                   --scenario it replays one round trip: each finding prints\n"
	      "                   the command ('replay:')\n"
	      "  --trace FILE     write the instruction trace ('el2sim trace' format; JSON\n"
	      "                   lines with --json) of one round trip: the one --scenario\n"
	      "                   and --run select, else the first with a finding, else\n"
	      "                   the first; at most --budget instruction lines\n"
	      "  -h, --help       this text\n\n"
	      "Progress is shown on stderr only when it is a terminal.\n\n"
	      "exit status: 0 every property holds, 1 findings, 2 bad command line,\n"
	      "3 bad input (object, layout).\n\n"
	      "examples:\n"
	      "  el2sim check hyp.elf --layout hyp.profile\n"
	      "  el2sim check hyp.elf --layout hyp.profile --runs 64 --seed 7 --junit check.xml\n"
	      "  el2sim check hyp.o --vhe --json > report.json\n"
	      "  el2sim check hyp.elf --layout hyp.profile --seed 0x1 --scenario irq --run 0 \\\n"
	      "      --trace trip.txt\n", f);
}

enum { OPT_JUNIT = CLI_CHECK_OPT_END, OPT_NO_WRITER, OPT_SCENARIO, OPT_RUN, OPT_TRACE, OPT_SARIF };

typedef struct args {
	cli_check_args c;
	const char *junit;
	const char *sarif;
	bool last_writer;
	const char *scenario;
	bool has_run;
	unsigned run;
	const char *trace;
} args;

static int scenario_arg(args *a, const char *arg, char *err, size_t errlen)
{
	/* resume, switch: the scenarios of a type-1 profile (docs/type1.md) */
	if (el2_scenario_index(arg) < el2_scenario_count() || !strcmp(arg, "resume") ||
	    !strcmp(arg, "switch")) {
		a->scenario = arg;
		return EL2_EXIT_OK;
	}
	return cli_bad_scenario(arg, " (type1: resume or switch)", err, errlen);
}

static int handle(void *ctx, int opt, const char *arg, char *err, size_t errlen)
{
	args *a = ctx;
	switch (opt) {
	case OPT_JUNIT: a->junit = arg; return EL2_EXIT_OK;
	case OPT_SARIF: a->sarif = arg; return EL2_EXIT_OK;
	case OPT_NO_WRITER: a->last_writer = false; return EL2_EXIT_OK;
	case OPT_SCENARIO: return scenario_arg(a, arg, err, errlen);
	case OPT_TRACE: a->trace = arg; return EL2_EXIT_OK;
	case OPT_RUN: {
		uint64_t v;
		if (!run_parse_u64(arg, RUN_NO_SUFFIX, &v) || v >= EL2_TAG_MAX_RUN)
			return cli_fail(err, errlen, EL2_EXIT_USAGE,
					"--run %s: expected a run number from 0 to %u", arg,
					EL2_TAG_MAX_RUN - 1);
		a->has_run = true;
		a->run = (unsigned)v;
		return EL2_EXIT_OK;
	}
	default: return cli_check_opt(&a->c, opt, arg, err, errlen);
	}
}

/* Writes the JUnit report into f (opened before the check, so that a
 * path that cannot be written fails at once): the result, or an error
 * testcase with msg when the check could not run. */
static int write_junit(FILE *f, const char *path, const el2_check_result *res,
		       const char *object, const char *msg)
{
	if (res)
		el2_check_write_junit(res, f);
	else
		el2_check_write_junit_error(object, msg, f);
	return cli_report_closed("check", path, EL2_OK, f);
}

/* An early exit: closes the report files still open (NULL: none) and
 * returns rc. */
static int abandon(int rc, FILE *a, FILE *b, FILE *c)
{
	FILE *files[] = {a, b, c};
	for (size_t i = 0; i < 3; i++)
		if (files[i])
			fclose(files[i]);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	static const struct option options[] = {
		CLI_CHECK_OPTIONS,
		{"junit", required_argument, NULL, OPT_JUNIT},
		{"sarif", required_argument, NULL, OPT_SARIF},
		{"no-writer", no_argument, NULL, OPT_NO_WRITER},
		{"scenario", required_argument, NULL, OPT_SCENARIO},
		{"run", required_argument, NULL, OPT_RUN},
		{"trace", required_argument, NULL, OPT_TRACE},
		{NULL, 0, NULL, 0},
	};
	el2_check_opts o = el2_check_opts_default();
	args a = {.c = cli_check_args_init(o), .last_writer = o.last_writer};
	const char *obj;
	char err[512];
	bool go;
	int rc = cli_prepare("check", argc, argv, options, handle, &a, usage, &obj, &go);
	if (!go)
		return rc;
	cli_check_args_apply(a.c, o);
	o.last_writer = a.last_writer;
	o.scenario = a.scenario;
	o.has_run = a.has_run;
	o.run = a.run;
	o.layout_path = a.c.layout;
	FILE *trace = NULL;
	if (a.trace && !(trace = fopen(a.trace, "w"))) {
		fprintf(stderr, "el2sim check: cannot write '%s': %s (check --trace)\n", a.trace,
			strerror(errno));
		return EL2_EXIT_INPUT;
	}
	o.trace = trace;
	o.trace_json = a.c.json;
	FILE *junit = NULL, *sarif = NULL;
	if ((a.junit && !(junit = fopen(a.junit, "w"))) ||
	    (a.sarif && !(sarif = fopen(a.sarif, "w")))) {
		const char *bad = a.junit && !junit ? a.junit : a.sarif;
		fprintf(stderr, "el2sim check: cannot write '%s': %s (check --%s)\n", bad,
			strerror(errno), bad == a.junit ? "junit" : "sarif");
		return abandon(EL2_EXIT_INPUT, trace, junit, NULL);
	}

	el2_check_profile *prof;
	if ((rc = cli_load_layout("check", a.c.layout, &prof, err, sizeof(err))) != EL2_EXIT_OK) {
		if (junit)
			write_junit(junit, a.junit, NULL, obj, err);
		return abandon(rc, trace, sarif, NULL); /* sarif empty: the check did not run */
	}
	if (cli_progress_wanted()) {
		o.progress = cli_progress;
		o.progress_ctx = (void *)"el2sim check: round trip";
	}
	el2_check_result *res = NULL;
	el2_err e = el2_check_file(obj, prof, &o, &res, err, sizeof(err));
	el2_check_profile_free(&prof);
	if (e) {
		const char *msg = err[0] ? err : el2_strerror(e);
		fprintf(stderr, "el2sim check: %s\n", msg);
		if (junit)
			write_junit(junit, a.junit, NULL, obj, msg);
		/* a trace that failed too: the check's error already says so */
		return abandon(EL2_EXIT_INPUT, trace, sarif, NULL);
	}
	if (trace && cli_report_closed("check", a.trace, EL2_OK, trace)) {
		el2_check_result_free(&res);
		return abandon(EL2_EXIT_INPUT, junit, sarif, NULL);
	}
	el2_err we = EL2_OK;
	if (a.c.json)
		we = el2_check_write_json(res, stdout);
	else
		el2_check_write_text(res, stdout);
	const char *tsc;
	unsigned trun;
	uint64_t tlines;
	if (el2_check_traced(res, &tsc, &trun, &tlines))
		fprintf(stderr, "el2sim check: traced round trip %s, run %u: %" PRIu64
			" lines in '%s'\n", tsc, trun, tlines, a.trace);
	rc = el2_check_passed(res) ? EL2_EXIT_OK : EL2_EXIT_FINDINGS;
	if (cli_report_written("check", "the report", we, stdout))
		rc = EL2_EXIT_INPUT;
	if (junit && write_junit(junit, a.junit, res, obj, NULL) != EL2_EXIT_OK)
		rc = EL2_EXIT_INPUT;
	if (sarif && cli_report_closed("check", a.sarif, el2_check_write_sarif(res, sarif), sarif))
		rc = EL2_EXIT_INPUT;
	el2_check_result_free(&res);
	return rc;
}
