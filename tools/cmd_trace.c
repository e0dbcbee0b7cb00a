/* SPDX-License-Identifier: MIT */
/* el2sim trace: like run, but writes one line per executed instruction
 * and per event (exceptions, exception returns, system-register accesses)
 * while it runs, then one line saying how the run stopped. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_opts.h"
#include "el2sim/el2sim.h"
#include "el2sim/engine.h"
#include "el2sim/trace.h"
#include "json_out.h"
#include "run_platform.h"
#include "run_setup.h"

enum { OPT_MAX_LINES = 0x180, OPT_EVENTS_ONLY, OPT_FORMAT, OPT_NO_MEMORY };

static const struct option trace_options[] = {
	{"max-lines", required_argument, NULL, OPT_MAX_LINES},
	{"events-only", no_argument, NULL, OPT_EVENTS_ONLY},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"no-memory", no_argument, NULL, OPT_NO_MEMORY},
	{NULL, 0, NULL, 0},
};

typedef struct trace_args {
	uint64_t max_lines;
	bool events_only;
	bool tarmac, json, no_memory;
} trace_args;

static int handle(void *ctx, int opt, const char *arg, char *err, size_t errlen)
{
	trace_args *t = ctx;
	if (opt == OPT_EVENTS_ONLY) {
		t->events_only = true;
		return EL2_EXIT_OK;
	}
	if (opt == OPT_NO_MEMORY) {
		t->no_memory = true;
		return EL2_EXIT_OK;
	}
	if (opt == OPT_FORMAT) {
		t->tarmac = !strcmp(arg, "tarmac");
		t->json = !strcmp(arg, "json");
		if (!t->tarmac && !t->json && strcmp(arg, "text")) {
			snprintf(err, errlen, "--format %s: expected text, json or tarmac", arg);
			return EL2_EXIT_USAGE;
		}
		return EL2_EXIT_OK;
	}
	if (!run_parse_u64(arg, RUN_COUNT_SUFFIX, &t->max_lines) || !t->max_lines) {
		snprintf(err, errlen, "--max-lines %s: expected a positive number of lines", arg);
		return EL2_EXIT_USAGE;
	}
	return EL2_EXIT_OK;
}

static void usage(FILE *f)
{
	fputs("usage: el2sim trace OBJ [OPTIONS]\n\n"
	      "Runs like 'el2sim run' and writes, as it goes, one line per instruction\n"
	      "(index, address, symbol+offset, EL, disassembly, registers it changed) and\n"
	      "one line per event ('!': exception with EC, decoded ESR and vector,\n"
	      "exception return, system-register read/write with its value); the last\n"
	      "line says how the run stopped.\n\n"
	      "options:\n", f);
	run_print_common_options(f);
	fputs("  --max-lines N          stop the run after N trace lines (exit status 0)\n"
	      "  --events-only          events only, no instruction lines (much faster)\n"
	      "  --format text|json|tarmac\n"
	      "                         text (default), JSON lines (= --json), or Tarmac-\n"
	      "                         style lines (IT / R / MR / MW)\n"
	      "  --no-memory            no load/store lines (MR8 ADDR VALUE, MW4 ...)\n"
	      "\n--json writes JSON lines: one object per line with \"type\" insn,\n"
	      "exception, eret, sysreg_read, sysreg_write, sysop, interrupt, and last\n"
	      "\"end\" (see docs/cli.md).\n\n"
	      "exit status: as for 'el2sim run': 0 stopped normally (also at --max-lines),\n"
	      "1 the run stopped on an error, 2 bad command line, 3 bad input file, 4 the\n"
	      "budget ran out.\n\n"
	      "examples:\n"
	      "  el2sim trace entry.o --entry __guest_enter --max-lines 200\n"
	      "  el2sim trace hyp.o --entry host_hvc --el 1 --events-only\n"
	      "  el2sim trace hyp.o --json | jq 'select(.type == \"exception\")'\n",
	      f);
}

static el2_err print_end(const run_args *a, const el2_run_opts *opts, const el2_run_result *res,
		      bool hit_max, uint64_t lines)
{
	const char *reason = hit_max ? "max-lines" : run_reason_name(res->reason);
	int code = run_exit_code(res);
	if (a->json) {
		jdoc d = {0};
		json_t *o = jdoc_obj(&d);
		jdoc_set(&d, o, "type", jdoc_str("end"));
		jdoc_set(&d, o, "reason", jdoc_str(reason));
		jdoc_set(&d, o, "pc", jdoc_hex(res->pc, 0));
		jdoc_set(&d, o, "insns", jdoc_u64(res->insns));
		jdoc_set(&d, o, "lines", jdoc_u64(lines));
		jdoc_set(&d, o, "message", jdoc_str(res->message));
		jdoc_set(&d, o, "exit_code", json_integer(code));
		return jdoc_write(&d, o, stdout, JSON_COMPACT, NULL, 0);
	}
	printf("-- stop: %s at 0x%" PRIx64 " after %" PRIu64 " instructions", reason, res->pc,
	       res->insns);
	if (res->message[0] || res->reason == EL2_STOP_BUDGET)
		printf(": %s", run_stop_message(opts, res));
	putchar('\n');
	return EL2_OK;
}

int cmd_trace(int argc, char **argv)
{
	trace_args ta = {0};
	run_extra extra = {.options = trace_options, .handle = handle, .ctx = &ta};
	run_args a;
	run_env env;
	bool go;
	int rc = run_prepare("trace", argc, argv, &extra, usage, &a, &env, &go);
	if (!go)
		return rc;
	a.json = a.json || ta.json; /* --format json */

	el2_engine *eng = NULL;
	el2_trace *tr = NULL;
	el2_run_result res;
	memset(&res, 0, sizeof(res));
	if ((rc = run_engine_open("trace", &env, &eng)) != EL2_EXIT_OK)
		goto out;
	el2_trace_opts to = {.json = a.json, .events_only = ta.events_only,
			     .max_lines = ta.max_lines, .memory = !ta.no_memory,
			     .tarmac = ta.tarmac && !a.json};
	if (el2_trace_attach(eng, env.pe, env.img, stdout, &to, &tr) != EL2_OK) {
		fprintf(stderr, "el2sim trace: out of memory\n");
		rc = EL2_EXIT_INPUT;
		goto out;
	}
	run_platform plat;
	char perr[256];
	if (run_platform_open(&plat, &a, eng, perr, sizeof(perr))) {
		fprintf(stderr, "el2sim trace: %s\n", perr);
		rc = EL2_EXIT_USAGE;
		goto out;
	}
	el2_err e = run_platform_run(&plat, eng, env.pe, &env.opts, false, &res);
	if (e != EL2_OK) {
		fprintf(stderr, "el2sim trace: the engine failed: %s\n", el2_strerror(e));
		rc = EL2_EXIT_INPUT;
		goto out;
	}
	el2_trace_flush(tr);
	bool hit_max = el2_trace_hit_max(tr);
	e = el2_trace_error(tr);
	el2_err end = print_end(&a, &env.opts, &res, hit_max, el2_trace_lines(tr));
	if (e == EL2_OK)
		e = end;
	rc = run_finish("trace", &env, &res);
	if (cli_report_written("trace", "the trace", e, stdout))
		rc = EL2_EXIT_INPUT;
out:
	el2_trace_free(&tr);
	el2_engine_free(&eng);
	run_env_free(&env);
	return rc;
}
