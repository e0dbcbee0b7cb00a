/* SPDX-License-Identifier: MIT */
/* What `el2sim run` and `el2sim trace` share: their common options, and
 * building the PE, memory map and loaded image those options describe.
 * docs/cli.md documents every option and the default memory layout. */
#ifndef EL2SIM_TOOLS_RUN_SETUP_H
#define EL2SIM_TOOLS_RUN_SETUP_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "el2sim/elf.h"
#include "el2sim/engine.h"
#include "el2sim/mem.h"
#include "el2sim/pe.h"

#define RUN_MAX_REGIONS 32
#define RUN_MAX_REGS 64
#define RUN_MAX_DEFINES 64

/* Default layout when no --region is given (docs/cli.md). */
#define RUN_DEFAULT_LOAD_BASE UINT64_C(0x40000000)
#define RUN_DEFAULT_RAM_SIZE (UINT64_C(16) << 20)
#define RUN_STACK_GAP UINT64_C(0x10000)     /* unmapped guard below the stack */
#define RUN_STACK_SIZE UINT64_C(0x10000)
#define RUN_DEFAULT_SENTINEL UINT64_C(0xdead0000)

typedef struct run_region {
	char name[EL2_MEM_NAME_MAX + 1];
	uint64_t base, size;
	unsigned attrs;
} run_region;

typedef struct run_reg_arg {
	const char *name;    /* as given: "x0", "hcr_el2" */
	const char *value;   /* number or symbol[+offset] */
} run_reg_arg;

typedef struct run_symdef {
	char name[128];
	uint64_t addr;
} run_symdef;

/* The common options, as parsed (values that may name symbols are kept as
 * text until the image is loaded). */
typedef struct run_args {
	const char *obj;
	const char *entry;             /* NULL: the image's entry point */
	unsigned el;                   /* 0, 1 or 2 (default 2) */
	const char *sp;                /* NULL: top of the default stack */
	bool vhe;
	run_reg_arg regs[RUN_MAX_REGS];
	size_t n_regs;
	run_region regions[RUN_MAX_REGIONS];
	size_t n_regions;
	bool has_load_base;
	uint64_t load_base;
	uint64_t budget;               /* 0: EL2_DEFAULT_BUDGET */
	const char *stop_at[EL2_RUN_MAX_STOP_ADDRS];
	size_t n_stop_at;
	const char *sentinel;          /* NULL: RUN_DEFAULT_SENTINEL */
	run_symdef defines[RUN_MAX_DEFINES]; /* --define: for undefined symbols */
	size_t n_defines;
	el2_alt_set alt;               /* --alternatives (has_alt) */
	bool has_alt;
	bool json;
	const char *cpu;               /* --cpu: profile whose [cpu] section sets the PE */
	bool help;
	bool has_console;              /* --console: a PL011 at console */
	uint64_t console;
	int psci;                      /* --psci: RUN_PSCI_* */
} run_args;

enum { RUN_PSCI_NONE, RUN_PSCI_SMC, RUN_PSCI_HVC };

/* A command's own options: getopt_long entries (val >= 0x100 and not
 * clashing with the common ones) and the function that handles them.
 * The handler returns 0, or EL2_EXIT_USAGE after writing a message to
 * err. */
typedef int (*run_extra_fn)(void *ctx, int opt, const char *arg, char *err, size_t errlen);
typedef struct run_extra {
	const struct option *options;  /* terminated by a zero entry; may be NULL */
	run_extra_fn handle;
	void *ctx;
} run_extra;

/* Parses argv (argv[0] is the command name). Returns EL2_EXIT_OK, or
 * EL2_EXIT_USAGE with a message in err saying what to do. a->help is set
 * for --help/-h (the caller prints its usage). */
int run_args_parse(int argc, char **argv, const run_extra *extra, run_args *a, char *err,
		   size_t errlen);

/* Helpers the parser uses, exposed for tests. */
/* "0x1000", "4096", and with a suffix base "16K", "1M", "1G": K/M/G
 * multiply by suffix, suffix^2, suffix^3 (1024 for sizes, 1000 for
 * counts); 0 allows no suffix. */
enum { RUN_NO_SUFFIX = 0, RUN_COUNT_SUFFIX = 1000, RUN_SIZE_SUFFIX = 1024 };
bool run_parse_u64(const char *s, unsigned suffix, uint64_t *out);
/* "NAME:BASE:SIZE[:ATTR,ATTR...]"; ATTR is host, hyp, guest, el0, ro, xn,
 * mmio. Without attributes a region is host,hyp. */
bool run_parse_region(const char *s, run_region *r, char *err, size_t errlen);

/* Everything a run needs, built from run_args. */
typedef struct run_env {
	el2_pe *pe;
	el2_mem *mem;
	el2_image *img;
	el2_run_opts opts;
	uint64_t entry;
	uint64_t sentinel;
	bool default_layout;           /* no --region: RAM + stack were created */
} run_env;

/* Loads the object and sets up PE, memory and run options. Returns
 * EL2_EXIT_OK; EL2_EXIT_INPUT for an unreadable or malformed object;
 * EL2_EXIT_USAGE for options the object or the map cannot satisfy
 * (unknown symbol or register, overlapping regions, ...). err says what
 * went wrong and what to do. On failure env holds nothing to free (it is
 * freed already). */
int run_env_build(const run_args *a, run_env *env, char *err, size_t errlen);
void run_env_free(run_env *env);

/* The start every run-like command shares: run_args_parse, --help (prints
 * usage to stdout), run_env_build; errors go to stderr prefixed with
 * "el2sim CMD: ". Returns EL2_EXIT_OK with *go set when the command should
 * run (env then owns the built state), else the exit status to return. */
int run_prepare(const char *cmd, int argc, char **argv, const run_extra *extra,
		void (*usage)(FILE *), run_args *a, run_env *env, bool *go);

/* Resolves "sym", "sym+0x10" or a number against the image. */
bool run_resolve_value(const el2_image *img, const char *s, uint64_t *out, char *err,
		       size_t errlen);

/* The help text shared by run and trace (the common options). */
void run_print_common_options(FILE *f);

/* ---- after the run (shared by run and trace) ---- */
/* The exit status for a stop: EL2_EXIT_BUDGET for an exhausted budget,
 * EL2_EXIT_FINDINGS for an error, EL2_EXIT_OK for every other stop
 * (docs/cli.md). */
int run_exit_code(const el2_run_result *res);
/* The engine's one-line message, or for an exhausted budget a sentence
 * saying so (static storage: valid until the next call). */
const char *run_stop_message(const el2_run_opts *opts, const el2_run_result *res);
/* "sentinel", "budget", ... as documented (el2_stop_reason_name). */
const char *run_reason_name(el2_stop_reason r);
/* Runs to a stop within opts->budget (0: EL2_DEFAULT_BUDGET) instructions
 * in all. With progress (a terminal) and a budget of more than one chunk,
 * runs in chunks and shows progress on stderr; the result is the same as
 * one run's. After any other stop, resume (if non-NULL) may handle it
 * (e.g. answer a firmware call) and return true to go on with the budget
 * left; res->insns then counts every run. */
el2_err run_engine(el2_engine *eng, const el2_run_opts *opts, bool progress,
		   bool (*resume)(void *ctx, const el2_run_result *res), void *ctx,
		   el2_run_result *res);
/* Creates the engine for env; on failure writes "el2sim CMD: cannot start
 * the engine: ..." to stderr and returns EL2_EXIT_INPUT. */
int run_engine_open(const char *cmd, const run_env *env, el2_engine **eng);
/* The exit status of a finished run; for a non-zero one also the line
 * "el2sim CMD: stopped: REASON: MESSAGE" on stderr. */
int run_finish(const char *cmd, const run_env *env, const el2_run_result *res);

#endif
