/* SPDX-License-Identifier: MIT */
/* Running the built el2sim from a cmocka test: exit status, stdout and
 * stderr of one run (tests/cli, tests/hostile). */
#ifndef EL2SIM_TESTS_CLI_SPAWN_H
#define EL2SIM_TESTS_CLI_SPAWN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef struct cli_result {
	int code;          /* exit status; the test fails if el2sim did not exit */
	char *out, *err;   /* all of stdout and stderr, NUL-terminated */
	size_t out_len;    /* bytes of stdout (it may hold NULs) */
} cli_result;

/* Runs the program with argv (argv[0] is its path; NULL-terminated);
 * stdin is /dev/null, stdout and stderr go to temporary files (no pipe
 * can fill up). With timeout_s > 0 the child is killed after that many
 * seconds and the test fails saying so: a hang is a bug too. */
cli_result cli_spawn(char *const argv[], unsigned timeout_s);
/* The same with stderr on a pseudo-terminal (isatty(2) is true in the
 * child); r.err holds what it wrote there (up to 64 KiB). */
cli_result cli_spawn_tty_stderr(char *const argv[], unsigned timeout_s);
/* cli_spawn of prog with the NULL-terminated arguments first, ...
 * (at most CLI_MAX_ARGS - 2 of them). */
#define CLI_MAX_ARGS 48
cli_result cli_run(const char *prog, unsigned timeout_s, const char *first, ...);
/* The whole of an open file, NUL-terminated; *len (if given) its size. */
char *cli_slurp(FILE *f, size_t *len);
/* The whole of the file at path (the test fails if it cannot be read). */
char *cli_slurp_path(const char *path);
/* Writes text to path, replacing it (the test fails on any error). */
void cli_write_file(const char *path, const char *text);
/* Fills argv (cap entries) with prog, first and the rest of the
 * NULL-terminated list in ap, then NULL; returns the count before NULL. */
int cli_argv(char *argv[], int cap, const char *prog, const char *first, va_list ap);
/* The value of KEY=VALUE among a test's arguments, or NULL. */
const char *cli_arg(int argc, char **argv, const char *key);
void cli_result_free(cli_result *r);

/* Fail the test (with the text shown) unless what is / is not in text. */
void cli_expect_in(const char *text, const char *what, const char *where);
void cli_expect_not_in(const char *text, const char *what, const char *where);

#endif
