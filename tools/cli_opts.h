/* SPDX-License-Identifier: MIT */
/* Command-line handling every el2sim subcommand shares: one getopt loop
 * with the same error messages everywhere, checking the object operand,
 * and the options `check` and `mutate` have in common (docs/cli.md). */
#ifndef EL2SIM_TOOLS_CLI_OPTS_H
#define EL2SIM_TOOLS_CLI_OPTS_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "el2sim/check.h"

/* Formats a message into err (when errlen > 0) and returns code. */
int cli_fail(char *err, size_t errlen, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Handles one option of a command: returns EL2_EXIT_OK, or
 * EL2_EXIT_USAGE after writing what is wrong to err. */
typedef int (*cli_opt_fn)(void *ctx, int opt, const char *arg, char *err, size_t errlen);

/* Runs getopt_long over argv (argv[0] is the command name) with the
 * zero-terminated options; -h and --help set *help and stop. An unknown
 * option or a missing value is EL2_EXIT_USAGE with "unknown option
 * '--foo' (see 'el2sim CMD --help')" in err. *operand gets the index of
 * the first operand. */
int cli_getopt(const char *cmd, int argc, char **argv, const struct option *options,
	       cli_opt_fn fn, void *ctx, bool *help, int *operand, char *err, size_t errlen);

/* The one object operand: exactly one argument left (*obj), else
 * EL2_EXIT_USAGE with err saying what was wrong. */
int cli_one_object(const char *cmd, int argc, char **argv, int operand, const char **obj,
		   char *err, size_t errlen);

/* The start of a command on one object (check, mutate): cli_getopt,
 * then --help (usage to stdout), else the one object operand, which must
 * be a readable file. Errors go to stderr as "el2sim CMD: ...". Returns
 * the exit status; *go is set when the command should run with *obj. */
int cli_prepare(const char *cmd, int argc, char **argv, const struct option *options,
		cli_opt_fn fn, void *ctx, void (*usage)(FILE *), const char **obj, bool *go);

/* After a report was written to f (e: what the writer returned, EL2_OK for
 * the text writers): f is flushed, and EL2_EXIT_OK returned when all went
 * out; else "el2sim CMD: cannot write WHAT: REASON" on stderr and
 * EL2_EXIT_INPUT (out of memory, or a failed write such as a full disk). */
int cli_report_written(const char *cmd, const char *what, el2_err e, FILE *f);

/* "--scenario ARG: expected NAME, NAME, ...EXTRA" (every scenario of
 * el2_scenario_list) into err; returns EL2_EXIT_USAGE. */
int cli_bad_scenario(const char *arg, const char *extra, char *err, size_t errlen);

/* Closes the report file f written to path (f NULL: its fopen failed;
 * we: what the writer returned). EL2_EXIT_OK when all went out; else
 * "el2sim CMD: cannot write 'PATH': REASON" on stderr and EL2_EXIT_INPUT. */
int cli_report_closed(const char *cmd, const char *path, el2_err we, FILE *f);

/* path names a readable regular file: EL2_EXIT_OK, else EL2_EXIT_INPUT
 * with err set (a directory, FIFO or device is refused by stat before
 * anything opens it, so a FIFO cannot block). */
int cli_input_file(const char *path, char *err, size_t errlen);

/* ---- symbol definitions: --define SYM=ADDR and --symbols FILE ---- */
#define CLI_MAX_DEFINES 256
#define CLI_DEFINE_NAME_MAX 128

/* Parses "SYM=ADDR" (ADDR decimal or 0x...) into name/addr; the message
 * names opt ("--define"). run/trace and check/bench/mutate share it. */
int cli_parse_define(const char *opt, const char *arg, char *name, size_t namelen,
		     uint64_t *addr, char *err, size_t errlen);

/* Definitions handed to the loader (el2_load_opts.symdefs via
 * el2_check_opts / el2_mutate_opts). defs[i].name points into names[i]:
 * do not copy the structure once something was added. */
typedef struct cli_defines {
	char names[CLI_MAX_DEFINES][CLI_DEFINE_NAME_MAX];
	el2_symdef defs[CLI_MAX_DEFINES];
	size_t n;
} cli_defines;

/* One --define; a later definition of the same name replaces it. */
int cli_defines_add(cli_defines *d, const char *arg, char *err, size_t errlen);
/* --symbols FILE: lines "SYM ADDR" or "SYM = ADDR", '#' starts a comment;
 * errors name the file and line. */
int cli_defines_read(cli_defines *d, const char *path, char *err, size_t errlen);

/* ---- options shared by check and mutate ---- */
enum {
	CLI_OPT_LAYOUT = 0x100,
	CLI_OPT_VHE,
	CLI_OPT_NVHE,
	CLI_OPT_RUNS,
	CLI_OPT_NO_CORNERS,
	CLI_OPT_SEED,
	CLI_OPT_BUDGET,
	CLI_OPT_JSON,
	CLI_OPT_DEFINE,
	CLI_OPT_SYMBOLS,
	CLI_OPT_ALTERNATIVES,
	CLI_CHECK_OPT_END = 0x140, /* a command's own options start here */
};

/* The getopt_long entries of the shared options, for an array
 * initializer (followed by the command's own and a zero entry). */
#define CLI_CHECK_OPTIONS                                                   \
	{"layout", required_argument, NULL, CLI_OPT_LAYOUT},                \
	{"vhe", no_argument, NULL, CLI_OPT_VHE},                            \
	{"nvhe", no_argument, NULL, CLI_OPT_NVHE},                          \
	{"runs", required_argument, NULL, CLI_OPT_RUNS},                    \
	{"no-corners", no_argument, NULL, CLI_OPT_NO_CORNERS},              \
	{"seed", required_argument, NULL, CLI_OPT_SEED},                    \
	{"budget", required_argument, NULL, CLI_OPT_BUDGET},                \
	{"json", no_argument, NULL, CLI_OPT_JSON},                          \
	{"define", required_argument, NULL, CLI_OPT_DEFINE},                \
	{"symbols", required_argument, NULL, CLI_OPT_SYMBOLS},              \
	{"alternatives", required_argument, NULL, CLI_OPT_ALTERNATIVES},    \
	{"help", no_argument, NULL, 'h'}

/* What the shared options set; defaults come from the library's option
 * structure (el2_check_opts or el2_mutate_opts) via cli_check_args_init. */
typedef struct cli_check_args {
	const char *layout;
	el2_check_mode mode;
	unsigned runs;
	bool corners;
	uint64_t seed;
	uint64_t budget;
	bool json;
	cli_defines defs; /* --define, --symbols */
	el2_alt_set alt;  /* --alternatives (has_alt) */
	bool has_alt;
} cli_check_args;

#define cli_check_args_init(o)                                                             \
	((cli_check_args){.mode = (o).mode, .runs = (o).runs, .corners = (o).corners,      \
			  .seed = (o).seed, .budget = (o).budget})
/* Copies the values back into el2_check_opts or el2_mutate_opts. */
#define cli_check_args_apply(a, o)                                                         \
	((o).mode = (a).mode, (o).runs = (a).runs, (o).corners = (a).corners,              \
	 (o).seed = (a).seed, (o).budget = (a).budget, (o).symdefs = (a).defs.defs,        \
	 (o).n_symdefs = (a).defs.n, (o).alternatives = (a).has_alt ? &(a).alt : NULL)

/* Handles a shared option (opt < CLI_CHECK_OPT_END). */
int cli_check_opt(cli_check_args *a, int opt, const char *arg, char *err, size_t errlen);

/* Where to read about a profile error of code e (a syntax error, a [cpu]
 * the model refuses, ...): " (the format: docs/layout.md)" and the like,
 * appended to the library's "PROFILE: line N: ..." message. */
const char *cli_profile_hint(el2_err e);
/* Loads the profile at layout (NULL: *prof NULL, no profile):
 * EL2_EXIT_OK, or EL2_EXIT_INPUT with "el2sim CMD: MESSAGE" and
 * cli_profile_hint on stderr and the message in err (if non-NULL). */
int cli_load_layout(const char *cmd, const char *layout, el2_check_profile **prof, char *err,
		    size_t errlen);

/* Help lines of the shared options; budget_default is the command's. */
void cli_print_check_options(FILE *f, unsigned runs_default, uint64_t budget_default);

/* Progress on stderr for el2_check_opts.progress (ctx: the words before
 * "N/M", e.g. "el2sim check: round trip"). Only set it when stderr is a
 * terminal (cli_progress_wanted). */
void cli_progress(void *ctx, unsigned done, unsigned total);
bool cli_progress_wanted(void);

/* --min-score PCT of mutate and mutate-merge: 0 to 100. */
int cli_parse_min_score(const char *arg, double *out, char *err, size_t errlen);
/* --alternatives [LAYOUT:]CAP,...: into *set, *has = true; or EL2_EXIT_USAGE. */
int cli_parse_alternatives(const char *arg, el2_alt_set *set, bool *has, char *err,
			   size_t errlen);

#endif
