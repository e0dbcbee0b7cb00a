/* SPDX-License-Identifier: MIT */
/* el2sim mutate: mutation score of the checker on the entry/exit code
 * (docs/mutate.md). */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "run_setup.h"
#include "el2sim/mutate.h"

static void usage(FILE *f)
{
	fputs("usage: el2sim mutate OBJ [--layout FILE] [--vhe|--nvhe] [--runs N] [--no-corners]\n"
	      "                          [--seed S] [--budget N] [--max-mutants N]\n"
	      "                          [--symbol NAME] [--min-score PCT] [--json]\n\n"
	      "Makes one-word mutants of the entry/exit assembly (the profile's entry_asm\n"
	      "ranges): deletes a load/store/pair/MSR/MRS/SYS, swaps Rt/Rt2 of an STP/LDP,\n"
	      "moves a load/store offset by one element, drops a barrier; runs the checker\n"
	      "on each and reports killed / survived / equivalent / not covered, the score\n"
	      "killed / (total - equivalent - not covered) and the survivors.\n\n"
	      "options:\n"
	      "  --layout FILE    profile/layout file (docs/layout.md)\n"
	      "  --vhe, --nvhe    override the profile's mode\n"
	      "  --runs N         randomized checker runs per mutant (default 1)\n"
	      "  --no-corners     skip the two corner-value runs\n"
	      "  --seed S         seed of the runs (default 1)\n"
	      "  --budget N       instructions per round trip (default 100000)\n"
	      "  --max-mutants N  only the first N mutants in address order\n"
	      "  --symbol NAME[+OFF]  only the entry_asm range of NAME (or its word at OFF)\n"
	      "  --min-score PCT  exit 1 when the score is below PCT (default 0)\n"
	      "  --json           JSON report on stdout\n\n"
	      "exit status: 0 score reached, 1 below --min-score, 2 bad command line,\n"
	      "3 bad input (object, layout, or the unmutated object fails the check).\n", f);
}

/* Plain numbers (no K/M/G suffix): the shared parser of run_setup.c. */
static bool parse_u64(const char *s, uint64_t *out)
{
	return run_parse_u64(s, RUN_NO_SUFFIX, out);
}

static void progress(void *ctx, unsigned done, unsigned total)
{
	(void)ctx;
	fprintf(stderr, "\rel2sim mutate: mutant %u/%u", done, total);
	if (done == total)
		fputc('\n', stderr);
}

enum { OPT_LAYOUT = 0x100, OPT_VHE, OPT_NVHE, OPT_RUNS, OPT_NO_CORNERS, OPT_SEED, OPT_BUDGET,
       OPT_MAX, OPT_SYMBOL, OPT_MIN_SCORE, OPT_JSON };

int cmd_mutate(int argc, char **argv)
{
	static const struct option options[] = {
		{"layout", required_argument, NULL, OPT_LAYOUT},
		{"vhe", no_argument, NULL, OPT_VHE},
		{"nvhe", no_argument, NULL, OPT_NVHE},
		{"runs", required_argument, NULL, OPT_RUNS},
		{"no-corners", no_argument, NULL, OPT_NO_CORNERS},
		{"seed", required_argument, NULL, OPT_SEED},
		{"budget", required_argument, NULL, OPT_BUDGET},
		{"max-mutants", required_argument, NULL, OPT_MAX},
		{"symbol", required_argument, NULL, OPT_SYMBOL},
		{"min-score", required_argument, NULL, OPT_MIN_SCORE},
		{"json", no_argument, NULL, OPT_JSON},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	el2_mutate_opts o = el2_mutate_opts_default();
	const char *layout = NULL;
	bool json = false;
	double min_score = 0;
	uint64_t v;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case OPT_LAYOUT: layout = optarg; break;
		case OPT_VHE: o.mode = EL2_CHECK_MODE_VHE; break;
		case OPT_NVHE: o.mode = EL2_CHECK_MODE_NVHE; break;
		case OPT_NO_CORNERS: o.corners = false; break;
		case OPT_SYMBOL: {
			/* NAME or NAME+OFF: one word */
			char *plus = strchr(optarg, '+');
			if (plus) {
				*plus = '\0';
				if (!parse_u64(plus + 1, &o.word_offset)) {
					fprintf(stderr, "el2sim mutate: --symbol: bad offset '%s'\n", plus + 1);
					return EL2_EXIT_USAGE;
				}
				o.one_word = true;
			}
			o.symbol = optarg;
			break;
		}
		case OPT_JSON: json = true; break;
		case OPT_RUNS:
		case OPT_SEED:
		case OPT_BUDGET:
		case OPT_MAX:
			if (!parse_u64(optarg, &v) || (c == OPT_RUNS && v > 4000) ||
			    (c == OPT_BUDGET && !v)) {
				fprintf(stderr, "el2sim mutate: bad number: %s\n", optarg);
				return EL2_EXIT_USAGE;
			}
			if (c == OPT_RUNS)
				o.runs = (unsigned)v;
			else if (c == OPT_SEED)
				o.seed = v;
			else if (c == OPT_BUDGET)
				o.budget = v;
			else
				o.max_mutants = (size_t)v;
			break;
		case OPT_MIN_SCORE: {
			char *end;
			min_score = strtod(optarg, &end);
			if (*end || min_score < 0 || min_score > 100) {
				fprintf(stderr, "el2sim mutate: --min-score %s: expected 0 to 100\n", optarg);
				return EL2_EXIT_USAGE;
			}
			break;
		}
		case 'h': usage(stdout); return EL2_EXIT_OK;
		default:
			fprintf(stderr, "el2sim mutate: unknown or incomplete option '%s'\n\n",
				argv[optind - 1]);
			usage(stderr);
			return EL2_EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "el2sim mutate: expected one object file\n\n");
		usage(stderr);
		return EL2_EXIT_USAGE;
	}
	char err[512];
	el2_check_profile *prof = NULL;
	if (layout && el2_check_profile_load(layout, &prof, err, sizeof(err)) != EL2_OK) {
		fprintf(stderr, "el2sim mutate: %s\n", err);
		return EL2_EXIT_INPUT;
	}
	if (isatty(STDERR_FILENO))
		o.progress = progress;
	el2_mutate_result *res = NULL;
	el2_err e = el2_mutate_file(argv[optind], prof, &o, &res, err, sizeof(err));
	el2_check_profile_free(&prof);
	if (e) {
		fprintf(stderr, "el2sim mutate: %s\n", err[0] ? err : el2_strerror(e));
		return EL2_EXIT_INPUT;
	}
	if (json)
		el2_mutate_write_json(res, stdout);
	else
		el2_mutate_write_text(res, stdout);
	int rc = 100.0 * el2_mutate_score(res) >= min_score ? EL2_EXIT_OK : EL2_EXIT_FINDINGS;
	el2_mutate_result_free(&res);
	return rc;
}
