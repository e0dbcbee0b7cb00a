/* SPDX-License-Identifier: MIT */
/* el2sim run: load an object, run it under the engine, report how it
 * stopped, what ran (counts per EL, phases) and the final registers. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "el2sim/el2sim.h"
#include "el2sim/engine.h"
#include "json.h"
#include "run_platform.h"
#include "run_setup.h"

#define MAX_DIFFS 512
#define TEXT_PHASES 64

static void usage(FILE *f)
{
	fputs("usage: el2sim run OBJ [OPTIONS]\n\n"
	      "Runs AArch64 code from an ELF object (a .o from the assembler or a linked\n"
	      "image) under the engine until a stop, then prints the stop reason, the\n"
	      "instructions executed per EL and per phase, and the final registers.\n\n"
	      "options:\n", f);
	run_print_common_options(f);
	fputs("\nOn a terminal, a run with a budget above 20M shows progress on stderr.\n\n"
	      "exit status: 0 stopped normally (sentinel, --stop-at, WFI, SMC), 1 the run\n"
	      "stopped on an error (wild jump, unmapped access, ...), 2 bad command line,\n"
	      "3 bad input file, 4 the budget ran out (endless loop or exception storm).\n\n"
	      "examples:\n"
	      "  el2sim run entry.o --entry __guest_enter --el 2\n"
	      "  el2sim run hyp.o --entry host_hvc --el 1 --reg x0=0xc6000000 --json\n"
	      "  el2sim run vm.elf --region hyp:0x40000000:2M:hyp \\\n"
	      "      --region guest:0x80000000:1M:guest,el0 --sp 0x40200000 --budget 1M\n",
	      f);
}

typedef struct report {
	const run_args *a;
	const run_env *env;
	el2_engine *eng;
	const el2_run_result *res;
	const el2_snapshot *before, *after;
	const run_platform *plat;
} report;

static void symbolize(const el2_image *img, uint64_t addr, char *buf, size_t len)
{
	const char *name;
	uint64_t off;
	if (!img || el2_image_symbolize(img, addr, &name, &off) != EL2_OK)
		snprintf(buf, len, "-");
	else if (off)
		snprintf(buf, len, "%s+0x%" PRIx64, name, off);
	else
		snprintf(buf, len, "%s", name);
}

static uint64_t reg(const el2_pe *pe, el2_reg r)
{
	uint64_t v = 0;
	el2_reg_read(pe, r, &v);
	return v;
}

/* System registers whose value the run changed (X, SP, PC, PSTATE and V
 * registers are reported separately). */
static size_t sysreg_diffs(const report *r, el2_reg_diff *out, size_t cap)
{
	el2_reg_diff all[MAX_DIFFS];
	size_t n = el2_snapshot_diff(r->before, r->after, all, MAX_DIFFS);
	size_t k = 0;
	for (size_t i = 0; i < n && i < MAX_DIFFS && k < cap; i++)
		if (EL2_REG_IS_SYSREG(all[i].reg))
			out[k++] = all[i];
	return k;
}

static void print_text(const report *r)
{
	const el2_run_result *res = r->res;
	const el2_pe *pe = r->env->pe;
	char sym[160];
	symbolize(r->env->img, res->pc, sym, sizeof(sym));
	printf("stop: %s at 0x%" PRIx64 " (%s)\n", run_reason_name(res->reason), res->pc, sym);
	if (res->reason == EL2_STOP_ERROR || res->reason == EL2_STOP_BUDGET)
		printf("  %s\n", run_stop_message(&r->env->opts, res));
	if (r->plat->psci)
		printf("psci: %" PRIu64 " call%s%s%s\n", r->plat->psci_calls,
		       r->plat->psci_calls == 1 ? "" : "s",
		       r->plat->ended ? "; the program ended the run with " : "",
		       r->plat->ended ? r->plat->ended : "");
	if (r->a->has_console)
		printf("console: %" PRIu64 " byte%s written\n", r->plat->console_bytes,
		       r->plat->console_bytes == 1 ? "" : "s");

	el2_counts c;
	el2_engine_counts(r->eng, &c);
	printf("instructions: %" PRIu64 " (EL0 %" PRIu64 ", EL1 %" PRIu64 ", EL2 %" PRIu64
	       "); trapped %" PRIu64 ", exceptions %" PRIu64 ", erets %" PRIu64
	       ", sysreg reads %" PRIu64 ", writes %" PRIu64 "\n",
	       c.insns, c.insns_el[0], c.insns_el[1], c.insns_el[2], c.trapped, c.exceptions,
	       c.erets, c.sysreg_reads, c.sysreg_writes);

	const el2_phase *ph;
	uint64_t dropped = 0;
	size_t np = el2_engine_phases(r->eng, &ph, &dropped);
	printf("phases: %zu%s\n", np, dropped ? " (older ones dropped)" : "");
	for (size_t i = 0; i < np && i < TEXT_PHASES; i++) {
		symbolize(r->env->img, ph[i].start_pc, sym, sizeof(sym));
		printf("  EL%u  0x%016" PRIx64 " %-28s %10" PRIu64 " insns from #%" PRIu64 "\n",
		       ph[i].el, ph[i].start_pc, sym, ph[i].insns, ph[i].first_insn);
	}
	if (np > TEXT_PHASES)
		printf("  ... %zu more (--json lists all)\n", np - TEXT_PHASES);

	printf("registers:\n");
	for (unsigned i = 0; i < 31; i++)
		printf("  %-3s 0x%016" PRIx64 "%s", el2_reg_name(EL2_REG_X(i)), reg(pe, EL2_REG_X(i)),
		       i % 4 == 3 ? "\n" : "");
	uint64_t psr = reg(pe, EL2_REG_PSTATE);
	printf("  sp  0x%016" PRIx64 "\n  pc  0x%016" PRIx64 "  pstate 0x%08" PRIx64
	       " (EL%u%c, NZCV %c%c%c%c)\n",
	       reg(pe, EL2_REG_SP), reg(pe, EL2_REG_PC), psr, EL2_PSR_GET_EL(psr),
	       (psr & EL2_PSR_SP) ? 'h' : 't', (psr & EL2_PSR_N) ? 'N' : 'n',
	       (psr & EL2_PSR_Z) ? 'Z' : 'z', (psr & EL2_PSR_C) ? 'C' : 'c',
	       (psr & EL2_PSR_V) ? 'V' : 'v');

	el2_reg_diff d[MAX_DIFFS];
	size_t nd = sysreg_diffs(r, d, MAX_DIFFS);
	if (nd) {
		printf("system registers changed by the run:\n");
		for (size_t i = 0; i < nd; i++)
			printf("  %-16s 0x%016" PRIx64 " -> 0x%016" PRIx64 "\n", el2_reg_name(d[i].reg),
			       d[i].before, d[i].after);
	}
}

static void print_json(const report *r)
{
	const el2_run_result *res = r->res;
	const el2_pe *pe = r->env->pe;
	char sym[160];
	json_w w;
	json_init(&w, stdout, true);
	json_begin_object(&w);
	json_key(&w, "command");
	json_str(&w, "run");
	json_key(&w, "object");
	json_str(&w, r->a->obj);
	json_key(&w, "entry");
	json_hex(&w, r->env->entry);
	json_key(&w, "sentinel");
	json_hex(&w, r->env->sentinel);

	json_key(&w, "stop");
	json_begin_object(&w);
	json_key(&w, "reason");
	json_str(&w, run_reason_name(res->reason));
	json_key(&w, "pc");
	json_hex(&w, res->pc);
	symbolize(r->env->img, res->pc, sym, sizeof(sym));
	json_key(&w, "sym");
	json_str(&w, sym);
	json_key(&w, "error");
	if (res->reason == EL2_STOP_ERROR)
		json_str(&w, el2_strerror(res->error));
	else
		json_null(&w);
	json_key(&w, "message");
	json_str(&w, res->message);
	json_end_object(&w);
	json_key(&w, "exit_code");
	json_u64(&w, (uint64_t)run_exit_code(res));
	json_key(&w, "psci");
	if (r->plat->psci) {
		json_begin_object(&w);
		json_key(&w, "calls");
		json_u64(&w, r->plat->psci_calls);
		json_key(&w, "ended_by");
		if (r->plat->ended)
			json_str(&w, r->plat->ended);
		else
			json_null(&w);
		json_end_object(&w);
	} else {
		json_null(&w);
	}
	json_key(&w, "console_bytes");
	json_u64(&w, r->plat->console_bytes);

	el2_counts c;
	el2_engine_counts(r->eng, &c);
	json_key(&w, "insns");
	json_u64(&w, c.insns);
	json_key(&w, "counts");
	json_begin_object(&w);
	static const char *const el_keys[3] = {"el0", "el1", "el2"};
	for (unsigned i = 0; i < 3; i++) {
		json_key(&w, el_keys[i]);
		json_u64(&w, c.insns_el[i]);
	}
	json_key(&w, "trapped");
	json_u64(&w, c.trapped);
	json_key(&w, "exceptions");
	json_u64(&w, c.exceptions);
	json_key(&w, "erets");
	json_u64(&w, c.erets);
	json_key(&w, "sysreg_reads");
	json_u64(&w, c.sysreg_reads);
	json_key(&w, "sysreg_writes");
	json_u64(&w, c.sysreg_writes);
	json_end_object(&w);

	const el2_phase *ph;
	uint64_t dropped = 0;
	size_t np = el2_engine_phases(r->eng, &ph, &dropped);
	json_key(&w, "phases");
	json_begin_array(&w);
	for (size_t i = 0; i < np; i++) {
		json_begin_object(&w);
		json_key(&w, "el");
		json_u64(&w, ph[i].el);
		json_key(&w, "start_pc");
		json_hex(&w, ph[i].start_pc);
		symbolize(r->env->img, ph[i].start_pc, sym, sizeof(sym));
		json_key(&w, "sym");
		json_str(&w, sym);
		json_key(&w, "insns");
		json_u64(&w, ph[i].insns);
		json_key(&w, "first_insn");
		json_u64(&w, ph[i].first_insn);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_key(&w, "phases_dropped");
	json_u64(&w, dropped);

	json_key(&w, "registers");
	json_begin_object(&w);
	for (unsigned i = 0; i < 31; i++) {
		json_key(&w, el2_reg_name(EL2_REG_X(i)));
		json_hex(&w, reg(pe, EL2_REG_X(i)));
	}
	json_key(&w, "sp");
	json_hex(&w, reg(pe, EL2_REG_SP));
	json_key(&w, "pc");
	json_hex(&w, reg(pe, EL2_REG_PC));
	json_key(&w, "pstate");
	json_hex(&w, reg(pe, EL2_REG_PSTATE));
	json_key(&w, "el");
	json_u64(&w, el2_pe_el(pe));
	json_end_object(&w);

	el2_reg_diff d[MAX_DIFFS];
	size_t nd = sysreg_diffs(r, d, MAX_DIFFS);
	json_key(&w, "sysregs_changed");
	json_begin_object(&w);
	for (size_t i = 0; i < nd; i++) {
		json_key(&w, el2_reg_name(d[i].reg));
		json_begin_object(&w);
		json_key(&w, "before");
		json_hex(&w, d[i].before);
		json_key(&w, "after");
		json_hex(&w, d[i].after);
		json_end_object(&w);
	}
	json_end_object(&w);
	json_end_object(&w);
	json_finish(&w);
}

int cmd_run(int argc, char **argv)
{
	run_args a;
	run_env env;
	bool go;
	int rc = run_prepare("run", argc, argv, NULL, usage, &a, &env, &go);
	if (!go)
		return rc;

	el2_engine *eng = NULL;
	el2_snapshot *before = NULL, *after = NULL;
	el2_run_result res;
	memset(&res, 0, sizeof(res));
	if ((rc = run_engine_open("run", &env, &eng)) != EL2_EXIT_OK)
		goto out;
	if (el2_snapshot_take(env.pe, &before) != EL2_OK) {
		fprintf(stderr, "el2sim run: out of memory\n");
		rc = EL2_EXIT_INPUT;
		goto out;
	}
	run_platform plat;
	char perr[256];
	if (run_platform_open(&plat, &a, eng, perr, sizeof(perr))) {
		fprintf(stderr, "el2sim run: %s\n", perr);
		rc = EL2_EXIT_USAGE;
		goto out;
	}
	el2_err e = run_platform_run(&plat, eng, env.pe, &env.opts, isatty(STDERR_FILENO), &res);
	if (e != EL2_OK) {
		fprintf(stderr, "el2sim run: the engine failed: %s\n", el2_strerror(e));
		rc = EL2_EXIT_INPUT;
		goto out;
	}
	if (el2_snapshot_take(env.pe, &after) != EL2_OK) {
		fprintf(stderr, "el2sim run: out of memory\n");
		rc = EL2_EXIT_INPUT;
		goto out;
	}
	report r = {.a = &a, .env = &env, .eng = eng, .res = &res, .before = before, .after = after,
		    .plat = &plat};
	if (a.json)
		print_json(&r);
	else
		print_text(&r);
	rc = run_finish("run", &env, &res);
out:
	el2_snapshot_free(&before);
	el2_snapshot_free(&after);
	el2_engine_free(&eng);
	run_env_free(&env);
	return rc;
}
