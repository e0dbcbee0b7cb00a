/* SPDX-License-Identifier: MIT */
/* el2sim mutate: mutation score of the checker on the entry/exit code
 * (docs/mutate.md). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_opts.h"
#include "run_setup.h"
#include "el2sim/mutate.h"

static void usage(FILE *f)
{
	el2_mutate_opts d = el2_mutate_opts_default();
	fputs("usage: el2sim mutate OBJ [--layout FILE] [--vhe|--nvhe] [--runs N] [--no-corners]\n"
	      "                          [--seed S] [--budget N] [--max-mutants N]\n"
	      "                          [--symbol NAME[+OFF]] [--min-score PCT] [--json]\n"
	      "                          [-j N] [--shard K/N] [--sarif FILE] [--no-shortcuts]\n\n"
	      "Makes one-word mutants of the entry/exit assembly (the profile's entry_asm\n"
	      "ranges): deletes a load/store/pair/MSR/MRS/SYS, swaps Rt/Rt2 of an STP/LDP,\n"
	      "moves a load/store offset by one element, drops a barrier; runs the checker\n"
	      "on each and reports killed / survived / equivalent / not covered, the score\n"
	      "killed / (total - equivalent - not covered) and the survivors\n"
	      "(docs/mutate.md).\n\n"
	      "options:\n", f);
	cli_print_check_options(f, d.runs, d.budget);
	fputs("  --max-mutants N  only the first N mutants in address order\n"
	      "  --symbol NAME[+OFF]\n"
	      "                   only the entry_asm range of NAME (or its word at OFF)\n"
	      "  --min-score PCT  exit 1 when the score is below PCT, 0 to 100 (default 0)\n"
	      "  -j, --jobs N     worker processes (default: the number of online CPUs);\n"
	      "                   the report is the same for every N\n"
	      "  --sarif FILE     also write the survivors as SARIF 2.1.0 (code scanning)\n"
	      "  --shard K/N      only every N-th mutant, starting at the K-th (1 <= K <= N),\n"
	      "                   for splitting one run across machines; join the shards'\n"
	      "                   --json reports with 'el2sim mutate-merge'\n"
	      "  --no-shortcuts   check every mutant with a whole check of a fresh load\n"
	      "                   (slow; the default's shortcuts give the same report)\n"
	      "  -h, --help       this text\n\n"
	      "Progress is shown on stderr only when it is a terminal.\n\n"
	      "exit status: 0 score reached, 1 below --min-score, 2 bad command line,\n"
	      "3 bad input (object, layout, or the unmutated object fails the check).\n\n"
	      "examples:\n"
	      "  el2sim mutate hyp.elf --layout hyp.profile\n"
	      "  el2sim mutate hyp.elf --layout hyp.profile --symbol __guest_enter --min-score 90\n"
	      "  el2sim mutate hyp.elf --layout hyp.profile --max-mutants 20 --json\n"
	      "  el2sim mutate hyp.elf --layout hyp.profile --shard 2/4 --json > shard2.json\n", f);
}

enum { OPT_MAX = CLI_CHECK_OPT_END, OPT_SYMBOL, OPT_MIN_SCORE, OPT_SHARD, OPT_SARIF, OPT_NO_SHORTCUTS,
       OPT_JOBS = 'j' };

typedef struct args {
	cli_check_args c;
	el2_mutate_opts *o;
	double min_score;
	const char *sarif;
	char symbol[256]; /* NAME of --symbol NAME+OFF */
} args;

static int handle(void *ctx, int opt, const char *arg, char *err, size_t errlen)
{
	args *a = ctx;
	uint64_t v;
	switch (opt) {
	case OPT_MAX:
		if (!run_parse_u64(arg, RUN_NO_SUFFIX, &v) || v > SIZE_MAX) {
			snprintf(err, errlen, "--max-mutants %s: expected a number of mutants", arg);
			return EL2_EXIT_USAGE;
		}
		a->o->max_mutants = (size_t)v;
		return EL2_EXIT_OK;
	case OPT_SYMBOL: {
		/* NAME or NAME+OFF: one word (NAME is copied; argv stays
		 * as given) */
		const char *plus = strchr(arg, '+');
		a->o->symbol = arg;
		a->o->one_word = false;
		if (plus) {
			if (plus == arg || !run_parse_u64(plus + 1, RUN_NO_SUFFIX, &a->o->word_offset)) {
				snprintf(err, errlen,
					 "--symbol %s: expected NAME or NAME+OFFSET, e.g. "
					 "__guest_enter+0x10", arg);
				return EL2_EXIT_USAGE;
			}
			size_t n = (size_t)(plus - arg);
			if (n >= sizeof(a->symbol)) {
				snprintf(err, errlen, "--symbol %s: the name is too long", arg);
				return EL2_EXIT_USAGE;
			}
			memcpy(a->symbol, arg, n);
			a->symbol[n] = '\0';
			a->o->symbol = a->symbol;
			a->o->one_word = true;
		}
		return EL2_EXIT_OK;
	}
	case OPT_JOBS:
		if (!run_parse_u64(arg, RUN_NO_SUFFIX, &v) || v < 1 || v > 256) {
			snprintf(err, errlen, "--jobs %s: expected a number of processes, 1 to 256", arg);
			return EL2_EXIT_USAGE;
		}
		a->o->jobs = (unsigned)v;
		return EL2_EXIT_OK;
	case OPT_SARIF:
		a->sarif = arg;
		return EL2_EXIT_OK;
	case OPT_NO_SHORTCUTS:
		a->o->no_shortcuts = true;
		return EL2_EXIT_OK;
	case OPT_SHARD: {
		unsigned k, n;
		char tail;
		if (sscanf(arg, "%u/%u%c", &k, &n, &tail) != 2 || n < 1 || n > 100000 || k < 1 ||
		    k > n) {
			snprintf(err, errlen, "--shard %s: expected K/N with 1 <= K <= N, e.g. 2/4", arg);
			return EL2_EXIT_USAGE;
		}
		a->o->shard_index = k - 1;
		a->o->shard_count = n;
		return EL2_EXIT_OK;
	}
	case OPT_MIN_SCORE: return cli_parse_min_score(arg, &a->min_score, err, errlen);
	default: return cli_check_opt(&a->c, opt, arg, err, errlen);
	}
}

int cmd_mutate(int argc, char **argv)
{
	static const struct option options[] = {
		CLI_CHECK_OPTIONS,
		{"max-mutants", required_argument, NULL, OPT_MAX},
		{"symbol", required_argument, NULL, OPT_SYMBOL},
		{"min-score", required_argument, NULL, OPT_MIN_SCORE},
		{"jobs", required_argument, NULL, OPT_JOBS},
		{"shard", required_argument, NULL, OPT_SHARD},
		{"sarif", required_argument, NULL, OPT_SARIF},
		{"no-shortcuts", no_argument, NULL, OPT_NO_SHORTCUTS},
		{NULL, 0, NULL, 0},
	};
	el2_mutate_opts o = el2_mutate_opts_default();
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	o.jobs = cpus > 0 && cpus <= 256 ? (unsigned)cpus : 1;
	args a = {.c = cli_check_args_init(o), .o = &o};
	const char *obj;
	char err[512];
	bool go;
	int rc = cli_prepare("mutate", argc, argv, options, handle, &a, usage, &obj, &go);
	if (!go)
		return rc;
	cli_check_args_apply(a.c, o);

	el2_check_profile *prof;
	if ((rc = cli_load_layout("mutate", a.c.layout, &prof, NULL, 0)) != EL2_EXIT_OK)
		return rc;
	if (cli_progress_wanted()) {
		o.progress = cli_progress;
		o.progress_ctx = (void *)"el2sim mutate: mutant";
	}
	el2_mutate_result *res = NULL;
	el2_err e = el2_mutate_file(obj, prof, &o, &res, err, sizeof(err));
	el2_check_profile_free(&prof);
	if (e) {
		fprintf(stderr, "el2sim mutate: %s\n", err[0] ? err : el2_strerror(e));
		/* --symbol naming no entry_asm range is a bad command line */
		return e == EL2_ERR_NOT_FOUND && o.symbol ? EL2_EXIT_USAGE : EL2_EXIT_INPUT;
	}
	el2_err we = EL2_OK;
	if (a.c.json)
		we = el2_mutate_write_json(res, stdout);
	else
		el2_mutate_write_text(res, stdout);
	rc = 100.0 * el2_mutate_score(res) >= a.min_score ? EL2_EXIT_OK : EL2_EXIT_FINDINGS;
	if (cli_report_written("mutate", "the report", we, stdout))
		rc = EL2_EXIT_INPUT;
	if (a.sarif) {
		FILE *f = fopen(a.sarif, "w");
		if (cli_report_closed("mutate", a.sarif, f ? el2_mutate_write_sarif(res, f) : EL2_OK,
				      f))
			rc = EL2_EXIT_INPUT;
	}
	el2_mutate_result_free(&res);
	return rc;
}
