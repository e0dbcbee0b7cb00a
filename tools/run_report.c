/* SPDX-License-Identifier: MIT */
/* After a run of `el2sim run` or `el2sim trace`: exit codes, stop
 * messages, the engine run with progress (run_setup.h, docs/cli.md). */
#include "run_setup.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_opts.h"
#include "el2sim/bits.h"
#include "el2sim/config.h"
#include "el2sim/pstate.h"

#define fail cli_fail

int run_exit_code(const el2_run_result *res)
{
	switch (res->reason) {
	case EL2_STOP_BUDGET:
		return EL2_EXIT_BUDGET;
	case EL2_STOP_ERROR:
		return EL2_EXIT_FINDINGS;
	default:
		return EL2_EXIT_OK;
	}
}

const char *run_stop_message(const el2_run_opts *opts, const el2_run_result *res)
{
	static char buf[256];
	if (res->message[0])
		return res->message;
	if (res->reason == EL2_STOP_BUDGET) {
		snprintf(buf, sizeof(buf),
			 "the budget of %" PRIu64 " instructions ran out: the code may never end "
			 "(an endless loop or an exception storm); if it only needs longer, raise "
			 "--budget", opts->budget);
		return buf;
	}
	return el2_strerror(res->error);
}

const char *run_reason_name(el2_stop_reason r)
{
	const char *n = el2_stop_reason_name(r);
	return n ? n : "?";
}

#define RUN_CHUNK UINT64_C(20000000)

el2_err run_engine(el2_engine *eng, const el2_run_opts *opts, bool progress,
		   bool (*resume)(void *ctx, const el2_run_result *res), void *ctx,
		   el2_run_result *res)
{
	el2_run_opts o = *opts;
	uint64_t budget = opts->budget ? opts->budget : EL2_DEFAULT_BUDGET, done = 0;
	/* chunked: decided at the start and after each resume, from what is left */
	bool chunked = false, start = true;
	for (;;) {
		uint64_t left = budget - done;
		if (start)
			chunked = progress && left > RUN_CHUNK;
		start = false;
		o.budget = chunked && left > RUN_CHUNK ? RUN_CHUNK : left;
		el2_err e = el2_engine_run(eng, &o, res);
		if (e != EL2_OK)
			return e;
		done += res->insns;
		if (chunked && res->reason == EL2_STOP_BUDGET && done < budget) {
			fprintf(stderr, "\r%" PRIu64 "M of %" PRIu64 "M instructions...",
				done / 1000000, budget / 1000000);
			fflush(stderr);
			continue;
		}
		if (chunked)
			fprintf(stderr, "\r%60s\r", "");
		if (!resume || !resume(ctx, res) || done >= budget)
			break;
		start = true;
	}
	res->insns = done;
	return EL2_OK;
}

int run_prepare(const char *cmd, int argc, char **argv, const run_extra *extra,
		void (*usage)(FILE *), run_args *a, run_env *env, bool *go)
{
	char err[512];
	*go = false;
	int rc = run_args_parse(argc, argv, extra, a, err, sizeof(err));
	if (rc != EL2_EXIT_OK) {
		fprintf(stderr, "el2sim %s: %s\n", cmd, err);
		return rc;
	}
	if (a->help) {
		usage(stdout);
		return EL2_EXIT_OK;
	}
	rc = run_env_build(a, env, err, sizeof(err));
	if (rc != EL2_EXIT_OK) {
		fprintf(stderr, "el2sim %s: %s\n", cmd, err);
		return rc;
	}
	*go = true;
	return EL2_EXIT_OK;
}

int run_engine_open(const char *cmd, const run_env *env, el2_engine **eng)
{
	char err[512];
	if (el2_engine_new(env->pe, env->mem, env->img, eng, err, sizeof(err)) != EL2_OK) {
		fprintf(stderr, "el2sim %s: cannot start the engine: %s\n", cmd, err);
		return EL2_EXIT_INPUT;
	}
	return EL2_EXIT_OK;
}

int run_finish(const char *cmd, const run_env *env, const el2_run_result *res)
{
	int rc = run_exit_code(res);
	if (rc != EL2_EXIT_OK)
		fprintf(stderr, "el2sim %s: stopped: %s: %s\n", cmd, run_reason_name(res->reason),
			run_stop_message(&env->opts, res));
	return rc;
}
