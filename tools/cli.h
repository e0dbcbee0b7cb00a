/* SPDX-License-Identifier: MIT */
/* The el2sim command line: one function per subcommand. */
#ifndef EL2SIM_CLI_H
#define EL2SIM_CLI_H

/* Exit codes (docs/cli.md): stable. */
enum {
	EL2_EXIT_OK = 0,
	EL2_EXIT_FINDINGS = 1,   /* the check or run found a problem */
	EL2_EXIT_USAGE = 2,      /* bad command line */
	EL2_EXIT_INPUT = 3,      /* bad input file or model error */
	EL2_EXIT_BUDGET = 4,     /* run/trace: the instruction budget ran out */
};

int cmd_demo(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_trace(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_mutate(int argc, char **argv);
int cmd_mutate_merge(int argc, char **argv);
int cmd_bench(int argc, char **argv);

#endif
