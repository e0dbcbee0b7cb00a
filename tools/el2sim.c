/* SPDX-License-Identifier: MIT */
/* el2sim: subcommand dispatch. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

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
};

static void usage(FILE *f)
{
	fprintf(f, "usage: el2sim COMMAND [OPTIONS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].what);
	fprintf(f, "\n'el2sim COMMAND --help' describes each command.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EL2_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return EL2_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "el2sim: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return EL2_EXIT_USAGE;
}
