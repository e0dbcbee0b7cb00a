/* SPDX-License-Identifier: MIT */
/* el2sim: subcommand dispatch. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <capstone/capstone.h>
#include <unicorn/unicorn.h>

#include "cli.h"
#include "el2sim/suggest.h"
#include "el2sim/engine.h"

/* The version of el2sim, of the libraries it runs with and the engine
 * strategy this machine gets (docs/engine.md): one line (--version), or
 * one item a line (`el2sim version`, which scripts read). */
static void print_version(bool lines)
{
	/* Unicorn 2's uc_version() packs major, minor, patch in bytes 3..1 */
	unsigned v = uc_version(NULL, NULL);
	char uc[32];
	snprintf(uc, sizeof(uc), "%u.%u.%u", v >> 24 & 0xff, v >> 16 & 0xff, v >> 8 & 0xff);
	const char *strategy = el2_engine_strategy_name(el2_engine_default_strategy());
	if (lines) {
		printf("el2sim %s\nunicorn: %s\nengine strategy: %s\n", EL2SIM_VERSION, uc,
		       strategy);
		return;
	}
	int cmaj, cmin;
	cs_version(&cmaj, &cmin);
	printf("el2sim %s (Unicorn %s, Capstone %d.%d, engine strategy %s)\n", EL2SIM_VERSION, uc,
	       cmaj, cmin, strategy);
}

static int cmd_version(int argc, char **argv)
{
	(void)argc, (void)argv;
	print_version(true);
	return EL2_EXIT_OK;
}

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *what;
} commands[] = {
	{"demo", cmd_demo, "drive the model through host -> EL2 -> guest -> EL2 -> host"},
	{"run", cmd_run, "run code from an ELF object under the engine and report the result"},
	{"trace", cmd_trace, "run like 'run', printing every instruction and event"},
	{"check", cmd_check, "check a world switch: save, restore and isolation properties"},
	{"mutate", cmd_mutate, "mutation score of the checker on the entry/exit code"},
	{"mutate-merge", cmd_mutate_merge, "join the reports of a sharded mutate run"},
	{"bench", cmd_bench, "instructions and estimated cycles per phase of the world switch"},
	{"version", cmd_version, "versions, and the engine strategy (trap or insn) in use"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: el2sim COMMAND [OPTIONS]\n       el2sim help COMMAND\n"
		   "       el2sim --version\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].what);
	fprintf(f, "\n'el2sim COMMAND --help' (or 'el2sim help COMMAND') describes each command.\n"
		   "exit status: 0 ok, 1 findings, 2 bad command line, 3 bad input,\n"
		   "4 run/trace ran out of budget (docs/cli.md).\n\n"
		   "examples:\n"
		   "  el2sim check hyp.elf --layout hyp.profile\n"
		   "  el2sim run entry.o --entry __guest_enter --el 2\n"
		   "  el2sim help trace\n");
}

static int find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(name, commands[i].name))
			return (int)i;
	return -1;
}

static int unknown(const char *name)
{
	const char *names[sizeof(commands) / sizeof(commands[0]) + 1];
	size_t n = 0;
	for (; n < sizeof(commands) / sizeof(commands[0]); n++)
		names[n] = commands[n].name;
	names[n++] = "help";
	const char *close = el2_suggest(name, names, n);
	if (close)
		fprintf(stderr, "el2sim: unknown command '%s'; did you mean '%s'?\n", name, close);
	else
		fprintf(stderr, "el2sim: unknown command '%s'; see 'el2sim --help' for the list\n",
			name);
	return EL2_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EL2_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		print_version(false);
		return EL2_EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    (!strcmp(argv[1], "help") && argc == 2)) {
		usage(stdout);
		return EL2_EXIT_OK;
	}
	if (!strcmp(argv[1], "help")) {
		/* el2sim help CMD = el2sim CMD --help */
		if (argc > 3) {
			fprintf(stderr, "el2sim help: one command name only; see 'el2sim --help'\n");
			return EL2_EXIT_USAGE;
		}
		int i = find(argv[2]);
		if (i < 0)
			return unknown(argv[2]);
		char *help_argv[] = {argv[2], "--help", NULL};
		return commands[i].fn(2, help_argv);
	}
	int i = find(argv[1]);
	if (i < 0)
		return unknown(argv[1]);
	return commands[i].fn(argc - 1, argv + 1);
}
