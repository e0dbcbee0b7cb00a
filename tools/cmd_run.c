/* SPDX-License-Identifier: MIT */
/* el2sim run: load an object, run it under the engine, report how it
 * stopped, what ran (counts per EL, phases) and the final registers. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_opts.h"
#include "el2sim/el2sim.h"
#include "el2sim/engine.h"
#include "json_out.h"
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

static json_t *json_stop(jdoc *d, const report *r)
{
	const el2_run_result *res = r->res;
	char sym[160];
	json_t *o = jdoc_obj(d);
	jdoc_set(d, o, "reason", jdoc_str(run_reason_name(res->reason)));
	jdoc_set(d, o, "pc", jdoc_hex(res->pc, 0));
	symbolize(r->env->img, res->pc, sym, sizeof(sym));
	jdoc_set(d, o, "sym", jdoc_str(sym));
	jdoc_set(d, o, "error",
		 res->reason == EL2_STOP_ERROR ? jdoc_str(el2_strerror(res->error)) : json_null());
	jdoc_set(d, o, "message", jdoc_str(res->message));
	return o;
}

static json_t *json_counts(jdoc *d, const el2_counts *c)
{
	json_t *o = jdoc_obj(d);
	static const char *const el_keys[3] = {"el0", "el1", "el2"};
	for (unsigned i = 0; i < 3; i++)
		jdoc_set(d, o, el_keys[i], jdoc_u64(c->insns_el[i]));
	jdoc_set(d, o, "trapped", jdoc_u64(c->trapped));
	jdoc_set(d, o, "exceptions", jdoc_u64(c->exceptions));
	jdoc_set(d, o, "erets", jdoc_u64(c->erets));
	jdoc_set(d, o, "sysreg_reads", jdoc_u64(c->sysreg_reads));
	jdoc_set(d, o, "sysreg_writes", jdoc_u64(c->sysreg_writes));
	return o;
}

static json_t *json_phases(jdoc *d, const report *r, uint64_t *dropped)
{
	const el2_phase *ph;
	size_t np = el2_engine_phases(r->eng, &ph, dropped);
	char sym[160];
	json_t *a = jdoc_arr(d);
	for (size_t i = 0; i < np; i++) {
		json_t *o = jdoc_obj(d);
		jdoc_set(d, o, "el", json_integer(ph[i].el));
		jdoc_set(d, o, "start_pc", jdoc_hex(ph[i].start_pc, 0));
		symbolize(r->env->img, ph[i].start_pc, sym, sizeof(sym));
		jdoc_set(d, o, "sym", jdoc_str(sym));
		jdoc_set(d, o, "insns", jdoc_u64(ph[i].insns));
		jdoc_set(d, o, "first_insn", jdoc_u64(ph[i].first_insn));
		jdoc_add(d, a, o);
	}
	return a;
}

static json_t *json_registers(jdoc *d, const el2_pe *pe)
{
	json_t *o = jdoc_obj(d);
	for (unsigned i = 0; i < 31; i++)
		jdoc_set(d, o, el2_reg_name(EL2_REG_X(i)), jdoc_hex(reg(pe, EL2_REG_X(i)), 0));
	jdoc_set(d, o, "sp", jdoc_hex(reg(pe, EL2_REG_SP), 0));
	jdoc_set(d, o, "pc", jdoc_hex(reg(pe, EL2_REG_PC), 0));
	jdoc_set(d, o, "pstate", jdoc_hex(reg(pe, EL2_REG_PSTATE), 0));
	jdoc_set(d, o, "el", json_integer(el2_pe_el(pe)));
	return o;
}

static el2_err print_json(const report *r)
{
	jdoc d = {0};
	json_t *o = jdoc_obj(&d);
	jdoc_set(&d, o, "command", jdoc_str("run"));
	jdoc_set(&d, o, "object", jdoc_str(r->a->obj));
	jdoc_set(&d, o, "entry", jdoc_hex(r->env->entry, 0));
	jdoc_set(&d, o, "sentinel", jdoc_hex(r->env->sentinel, 0));
	jdoc_set(&d, o, "stop", json_stop(&d, r));
	jdoc_set(&d, o, "exit_code", json_integer(run_exit_code(r->res)));
	json_t *psci = json_null();
	if (r->plat->psci) {
		psci = jdoc_obj(&d);
		jdoc_set(&d, psci, "calls", jdoc_u64(r->plat->psci_calls));
		jdoc_set(&d, psci, "ended_by", jdoc_str(r->plat->ended));
	}
	jdoc_set(&d, o, "psci", psci);
	jdoc_set(&d, o, "console_bytes", jdoc_u64(r->plat->console_bytes));
	el2_counts c;
	el2_engine_counts(r->eng, &c);
	jdoc_set(&d, o, "insns", jdoc_u64(c.insns));
	jdoc_set(&d, o, "counts", json_counts(&d, &c));
	uint64_t dropped = 0;
	jdoc_set(&d, o, "phases", json_phases(&d, r, &dropped));
	jdoc_set(&d, o, "phases_dropped", jdoc_u64(dropped));
	jdoc_set(&d, o, "registers", json_registers(&d, r->env->pe));
	el2_reg_diff diffs[MAX_DIFFS];
	size_t nd = sysreg_diffs(r, diffs, MAX_DIFFS);
	json_t *changed = jdoc_obj(&d);
	for (size_t i = 0; i < nd; i++) {
		json_t *ba = jdoc_obj(&d);
		jdoc_set(&d, ba, "before", jdoc_hex(diffs[i].before, 0));
		jdoc_set(&d, ba, "after", jdoc_hex(diffs[i].after, 0));
		jdoc_set(&d, changed, el2_reg_name(diffs[i].reg), ba);
	}
	jdoc_set(&d, o, "sysregs_changed", changed);
	return jdoc_write(&d, o, stdout, JSON_INDENT(2), NULL, 0);
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
		e = print_json(&r);
	else
		print_text(&r);
	rc = run_finish("run", &env, &res);
	if (cli_report_written("run", "the report", e, stdout))
		rc = EL2_EXIT_INPUT;
out:
	el2_snapshot_free(&before);
	el2_snapshot_free(&after);
	el2_engine_free(&eng);
	run_env_free(&env);
	return rc;
}
