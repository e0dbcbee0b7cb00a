/* SPDX-License-Identifier: MIT */
/* el2sim mutate-merge: joins the --json reports of a sharded mutation run
 * (el2sim mutate --shard K/N) into the report of the whole run
 * (docs/mutate.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_opts.h"
#include "el2sim/mutate.h"

#define MAX_SHARDS 4096

static void usage(FILE *f)
{
	fputs("usage: el2sim mutate-merge SHARD.json... [--json] [--min-score PCT]\n\n"
	      "Joins the --json reports of every shard of one 'el2sim mutate --shard K/N'\n"
	      "run into the report the unsharded run writes (text, or --json), and its\n"
	      "score. Every shard 1..N must be given once, all from the same object,\n"
	      "runs, corners and seed.\n\n"
	      "options:\n"
	      "  --json           the merged report as JSON\n"
	      "  --min-score PCT  exit 1 when the score is below PCT, 0 to 100 (default 0)\n"
	      "  -h, --help       this text\n\n"
	      "exit status: 0 score reached, 1 below --min-score, 2 bad command line,\n"
	      "3 bad input (a report unreadable, of another run, or a shard missing).\n\n"
	      "examples: a CI matrix of 4 machines, then one job\n"
	      "  el2sim mutate hyp.elf --layout hyp.profile --shard 1/4 --json > s1.json\n"
	      "  el2sim mutate-merge s1.json s2.json s3.json s4.json --min-score 95\n", f);
}

enum { OPT_JSON = 0x100, OPT_MIN_SCORE };

typedef struct args {
	bool json;
	double min_score;
} args;

static int handle(void *ctx, int opt, const char *arg, char *err, size_t errlen)
{
	args *a = ctx;
	if (opt == OPT_JSON) {
		a->json = true;
		return EL2_EXIT_OK;
	}
	return cli_parse_min_score(arg, &a->min_score, err, errlen);
}

static int merge(char **names, size_t n, const args *a)
{
	FILE **files = calloc(n, sizeof(*files));
	char err[512] = "";
	int rc = files ? EL2_EXIT_OK : EL2_EXIT_INPUT;
	for (size_t i = 0; rc == EL2_EXIT_OK && i < n; i++)
		if (!(files[i] = fopen(names[i], "r"))) {
			snprintf(err, sizeof(err), "%s: %s", names[i], strerror(errno));
			rc = EL2_EXIT_INPUT;
		}
	el2_mutate_result *res = NULL;
	if (rc == EL2_EXIT_OK &&
	    el2_mutate_merge_json(files, (const char *const *)names, n, &res, err, sizeof(err)))
		rc = EL2_EXIT_INPUT;
	for (size_t i = 0; files && i < n; i++)
		if (files[i])
			fclose(files[i]);
	free(files);
	if (rc != EL2_EXIT_OK) {
		fprintf(stderr, "el2sim mutate-merge: %s\n", err[0] ? err : "out of memory");
		return rc;
	}
	el2_err we = EL2_OK;
	if (a->json)
		we = el2_mutate_write_json(res, stdout);
	else
		el2_mutate_write_text(res, stdout);
	rc = 100.0 * el2_mutate_score(res) >= a->min_score ? EL2_EXIT_OK : EL2_EXIT_FINDINGS;
	if (cli_report_written("mutate-merge", "the report", we, stdout))
		rc = EL2_EXIT_INPUT;
	el2_mutate_result_free(&res);
	return rc;
}

int cmd_mutate_merge(int argc, char **argv)
{
	static const struct option options[] = {
		{"json", no_argument, NULL, OPT_JSON},
		{"min-score", required_argument, NULL, OPT_MIN_SCORE},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	args a = {0};
	bool help;
	int operand;
	char err[512];
	int rc = cli_getopt("mutate-merge", argc, argv, options, handle, &a, &help, &operand, err,
			    sizeof(err));
	if (rc == EL2_EXIT_OK && help) {
		usage(stdout);
		return EL2_EXIT_OK;
	}
	if (rc == EL2_EXIT_OK && operand >= argc) {
		snprintf(err, sizeof(err), "no shard reports given (see 'el2sim mutate-merge --help')");
		rc = EL2_EXIT_USAGE;
	}
	if (rc == EL2_EXIT_OK && argc - operand > MAX_SHARDS) {
		snprintf(err, sizeof(err), "at most %d shard reports", MAX_SHARDS);
		rc = EL2_EXIT_USAGE;
	}
	if (rc != EL2_EXIT_OK) {
		fprintf(stderr, "el2sim mutate-merge: %s\n", err);
		return rc;
	}
	return merge(argv + operand, (size_t)(argc - operand), &a);
}
