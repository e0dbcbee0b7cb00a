/* SPDX-License-Identifier: MIT */
/* Command-line handling every el2sim subcommand shares (cli_opts.h). */
#include "cli_opts.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "run_setup.h"

int cli_fail(char *err, size_t len, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (len)
		vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return code;
}

int cli_getopt(const char *cmd, int argc, char **argv, const struct option *options,
	       cli_opt_fn fn, void *ctx, bool *help, int *operand, char *err, size_t errlen)
{
	*help = false;
	optind = 1;
	opterr = 0;
	int c;
	/* Leading ':' makes getopt report a missing value as ':'. */
	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if (c == '?') {
			if (optopt && optopt < 0x100)
				return cli_fail(err, errlen, EL2_EXIT_USAGE,
					    "unknown option '-%c' (see 'el2sim %s --help')", optopt, cmd);
			return cli_fail(err, errlen, EL2_EXIT_USAGE,
				    "unknown option '%s' (see 'el2sim %s --help')", argv[optind - 1],
				    cmd);
		}
		if (c == ':')
			return cli_fail(err, errlen, EL2_EXIT_USAGE,
				    "option '%s' needs a value (see 'el2sim %s --help')",
				    argv[optind - 1], cmd);
		if (c == 'h') {
			*help = true;
			return EL2_EXIT_OK;
		}
		int rc = fn(ctx, c, optarg, err, errlen);
		if (rc != EL2_EXIT_OK)
			return rc;
	}
	*operand = optind;
	return EL2_EXIT_OK;
}

int cli_one_object(const char *cmd, int argc, char **argv, int operand, const char **obj,
		   char *err, size_t errlen)
{
	if (operand >= argc)
		return cli_fail(err, errlen, EL2_EXIT_USAGE,
			    "no object file given: el2sim %s OBJ [OPTIONS] (see 'el2sim %s --help')",
			    cmd, cmd);
	if (operand + 1 < argc)
		return cli_fail(err, errlen, EL2_EXIT_USAGE,
			    "one object file only; unexpected '%s' (options start with --; see "
			    "'el2sim %s --help')", argv[operand + 1], cmd);
	*obj = argv[operand];
	return EL2_EXIT_OK;
}

int cli_input_file(const char *path, char *err, size_t errlen)
{
	/* stat, not open: a FIFO must not block us; the library checks
	 * again when it reads the file. */
	struct stat st;
	if (stat(path, &st) != 0)
		return cli_fail(err, errlen, EL2_EXIT_INPUT, "cannot read '%s': %s", path,
			    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return cli_fail(err, errlen, EL2_EXIT_INPUT,
			    "'%s' is %s, not a file: give the ELF object (a .o from the assembler "
			    "or a linked image)", path, S_ISDIR(st.st_mode) ? "a directory" :
			    S_ISFIFO(st.st_mode) ? "a FIFO" : "a device or socket");
	if (access(path, R_OK) != 0)
		return cli_fail(err, errlen, EL2_EXIT_INPUT, "cannot read '%s': %s", path,
			    strerror(errno));
	return EL2_EXIT_OK;
}

int cli_prepare(const char *cmd, int argc, char **argv, const struct option *options,
		cli_opt_fn fn, void *ctx, void (*usage)(FILE *), const char **obj, bool *go)
{
	bool help;
	int operand;
	char err[512];
	*go = false;
	int rc = cli_getopt(cmd, argc, argv, options, fn, ctx, &help, &operand, err, sizeof(err));
	if (rc == EL2_EXIT_OK && help) {
		usage(stdout);
		return EL2_EXIT_OK;
	}
	if (rc == EL2_EXIT_OK)
		rc = cli_one_object(cmd, argc, argv, operand, obj, err, sizeof(err));
	if (rc == EL2_EXIT_OK)
		rc = cli_input_file(*obj, err, sizeof(err));
	if (rc != EL2_EXIT_OK) {
		fprintf(stderr, "el2sim %s: %s\n", cmd, err);
		return rc;
	}
	*go = true;
	return EL2_EXIT_OK;
}

int cli_check_opt(cli_check_args *a, int opt, const char *arg, char *err, size_t errlen)
{
	uint64_t v;
	switch (opt) {
	case CLI_OPT_LAYOUT: a->layout = arg; break;
	case CLI_OPT_VHE: a->mode = EL2_CHECK_MODE_VHE; break;
	case CLI_OPT_NVHE: a->mode = EL2_CHECK_MODE_NVHE; break;
	case CLI_OPT_NO_CORNERS: a->corners = false; break;
	case CLI_OPT_JSON: a->json = true; break;
	case CLI_OPT_RUNS:
		if (!run_parse_u64(arg, RUN_NO_SUFFIX, &v) || v > 4000)
			return cli_fail(err, errlen, EL2_EXIT_USAGE,
				    "--runs %s: expected a number of runs from 0 to 4000", arg);
		a->runs = (unsigned)v;
		break;
	case CLI_OPT_SEED:
		if (!run_parse_u64(arg, RUN_NO_SUFFIX, &a->seed))
			return cli_fail(err, errlen, EL2_EXIT_USAGE,
				    "--seed %s: expected a number (decimal or 0x...)", arg);
		break;
	case CLI_OPT_BUDGET:
		if (!run_parse_u64(arg, RUN_COUNT_SUFFIX, &a->budget) || !a->budget)
			return cli_fail(err, errlen, EL2_EXIT_USAGE,
				    "--budget %s: expected a positive instruction count (e.g. 500000 "
				    "or 2M)", arg);
		break;
	default:
		return cli_fail(err, errlen, EL2_EXIT_USAGE, "internal: option %d not handled", opt);
	}
	return EL2_EXIT_OK;
}

int cli_load_layout(const char *cmd, const cli_check_args *a, el2_check_profile **prof)
{
	char err[512];
	*prof = NULL;
	if (!a->layout)
		return EL2_EXIT_OK;
	if (el2_check_profile_load(a->layout, prof, err, sizeof(err)) != EL2_OK) {
		fprintf(stderr, "el2sim %s: %s (the format: docs/layout.md)\n", cmd, err);
		return EL2_EXIT_INPUT;
	}
	return EL2_EXIT_OK;
}

void cli_print_check_options(FILE *f, unsigned runs_default, uint64_t budget_default)
{
	fprintf(f,
		"  --layout FILE    profile/layout file (docs/layout.md); without it the\n"
		"                   object's EL2SIM_* symbols and the defaults are used\n"
		"  --vhe, --nvhe    override the profile's mode\n"
		"  --runs N         randomized runs (default %u), 0 to 4000\n"
		"  --no-corners     skip the two corner runs (tag salts all 0 / all 1, PSTATE\n"
		"                   flags clear / set)\n"
		"  --seed S         seed of the runs; a seed reproduces every run (default 1)\n"
		"  --budget N       instructions per round trip (default %" PRIu64 "; K/M/G =\n"
		"                   powers of 1000)\n"
		"  --json           JSON report on stdout instead of text\n",
		runs_default, budget_default);
}

void cli_progress(void *ctx, unsigned done, unsigned total)
{
	fprintf(stderr, "\r%s %u/%u", (const char *)ctx, done, total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

bool cli_progress_wanted(void)
{
	return isatty(STDERR_FILENO) != 0;
}
