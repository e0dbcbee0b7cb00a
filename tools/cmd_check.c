/* SPDX-License-Identifier: MIT */
/* el2sim check: run the world-switch checker on an object (docs/check.md). */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "run_setup.h"
#include "el2sim/check.h"

static void usage(FILE *f)
{
	fputs("usage: el2sim check OBJ [--layout FILE] [--vhe|--nvhe] [--runs N] [--seed S]\n"
	      "                         [--budget N] [--json] [--junit FILE] [--no-writer]\n\n"
	      "Runs host -> guest -> host round trips of the world switch in OBJ and checks\n"
	      "seven properties on each: host integrity, guest entry fidelity, guest exit\n"
	      "completeness, isolation, PSTATE on return, EL2 state across host calls, and\n"
	      "the SP_EL0 window (docs/check.md). The layout file (docs/layout.md) says how\n"
	      "the host enters the world switch and where the vCPU context keeps each\n"
	      "register; without it EL2SIM_* symbols in OBJ are used.\n\n"
	      "options:\n"
	      "  --layout FILE  profile/layout file (docs/layout.md)\n"
	      "  --vhe, --nvhe  override the profile's mode\n"
	      "  --runs N       randomized runs, plus two corner-value runs (default 4)\n"
	      "  --seed S       seed of the runs; a seed reproduces every run (default 1)\n"
	      "  --budget N     instructions per round trip (default 2000000)\n"
	      "  --json         JSON report on stdout instead of text\n"
	      "  --junit FILE   also write a JUnit XML report (one testcase per property)\n"
	      "  --no-writer    skip the re-runs that find each finding's last writer\n\n"
	      "exit status: 0 every property holds, 1 findings, 2 bad command line,\n"
	      "3 bad input (object, layout).\n", f);
}

/* Plain numbers (no K/M/G suffix): the shared parser of run_setup.c. */
static bool parse_u64(const char *s, uint64_t *out)
{
	return run_parse_u64(s, RUN_NO_SUFFIX, out);
}

static void progress(void *ctx, unsigned done, unsigned total)
{
	(void)ctx;
	fprintf(stderr, "\rel2sim check: round trip %u/%u", done, total);
	if (done == total)
		fputc('\n', stderr);
}

enum { OPT_LAYOUT = 0x100, OPT_VHE, OPT_NVHE, OPT_RUNS, OPT_SEED, OPT_BUDGET, OPT_JSON,
       OPT_JUNIT, OPT_NO_WRITER };

int cmd_check(int argc, char **argv)
{
	static const struct option options[] = {
		{"layout", required_argument, NULL, OPT_LAYOUT},
		{"vhe", no_argument, NULL, OPT_VHE},
		{"nvhe", no_argument, NULL, OPT_NVHE},
		{"runs", required_argument, NULL, OPT_RUNS},
		{"seed", required_argument, NULL, OPT_SEED},
		{"budget", required_argument, NULL, OPT_BUDGET},
		{"json", no_argument, NULL, OPT_JSON},
		{"junit", required_argument, NULL, OPT_JUNIT},
		{"no-writer", no_argument, NULL, OPT_NO_WRITER},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	el2_check_opts o = el2_check_opts_default();
	const char *layout = NULL, *junit = NULL;
	bool json = false;
	uint64_t v;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case OPT_LAYOUT: layout = optarg; break;
		case OPT_VHE: o.mode = EL2_CHECK_MODE_VHE; break;
		case OPT_NVHE: o.mode = EL2_CHECK_MODE_NVHE; break;
		case OPT_RUNS:
			if (!parse_u64(optarg, &v) || v > 4000) {
				fprintf(stderr, "el2sim check: --runs %s: expected 0 to 4000\n", optarg);
				return EL2_EXIT_USAGE;
			}
			o.runs = (unsigned)v;
			break;
		case OPT_SEED:
			if (!parse_u64(optarg, &o.seed)) {
				fprintf(stderr, "el2sim check: --seed %s: expected a number\n", optarg);
				return EL2_EXIT_USAGE;
			}
			break;
		case OPT_BUDGET:
			if (!parse_u64(optarg, &o.budget) || !o.budget) {
				fprintf(stderr, "el2sim check: --budget %s: expected a positive number\n",
					optarg);
				return EL2_EXIT_USAGE;
			}
			break;
		case OPT_JSON: json = true; break;
		case OPT_JUNIT: junit = optarg; break;
		case OPT_NO_WRITER: o.last_writer = false; break;
		case 'h': usage(stdout); return EL2_EXIT_OK;
		default:
			fprintf(stderr, "el2sim check: unknown or incomplete option '%s'\n\n",
				argv[optind - 1]);
			usage(stderr);
			return EL2_EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "el2sim check: expected one object file\n\n");
		usage(stderr);
		return EL2_EXIT_USAGE;
	}
	const char *obj = argv[optind];
	char err[512];
	el2_check_profile *prof = NULL;
	if (layout && el2_check_profile_load(layout, &prof, err, sizeof(err)) != EL2_OK) {
		fprintf(stderr, "el2sim check: %s\n", err);
		return EL2_EXIT_INPUT;
	}
	if (isatty(STDERR_FILENO))
		o.progress = progress;
	el2_check_result *res = NULL;
	el2_err e = el2_check_file(obj, prof, &o, &res, err, sizeof(err));
	el2_check_profile_free(&prof);
	if (e) {
		fprintf(stderr, "el2sim check: %s\n", err[0] ? err : el2_strerror(e));
		return EL2_EXIT_INPUT;
	}
	if (json)
		el2_check_write_json(res, stdout);
	else
		el2_check_write_text(res, stdout);
	int rc = el2_check_passed(res) ? EL2_EXIT_OK : EL2_EXIT_FINDINGS;
	if (junit) {
		FILE *f = fopen(junit, "w");
		if (!f) {
			fprintf(stderr, "el2sim check: cannot write %s: %s\n", junit, strerror(errno));
			rc = EL2_EXIT_INPUT;
		} else {
			el2_check_write_junit(res, f);
			if (fclose(f)) {
				fprintf(stderr, "el2sim check: cannot write %s\n", junit);
				rc = EL2_EXIT_INPUT;
			}
		}
	}
	el2_check_result_free(&res);
	return rc;
}
