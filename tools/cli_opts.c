/* SPDX-License-Identifier: MIT */
/* Command-line handling every el2sim subcommand shares (cli_opts.h). */
#include "cli_opts.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "el2sim/scenario.h"
#include "el2sim/suggest.h"
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

/* An unknown --option: the closest known one if it looks like a typo. */
static int unknown_long(const char *given, const struct option *options, const char *cmd,
			char *err, size_t errlen)
{
	const char *names[128];
	size_t n = 0;
	for (const struct option *o = options; o->name && n < 128; o++)
		names[n++] = o->name;
	char word[64];
	const char *w = given;
	while (*w == '-')
		w++;
	snprintf(word, sizeof(word), "%.*s", (int)strcspn(w, "="), w);
	const char *close = el2_suggest(word, names, n);
	if (close)
		return cli_fail(err, errlen, EL2_EXIT_USAGE,
				"unknown option '%s'; did you mean '--%s'? (see 'el2sim %s --help')",
				given, close, cmd);
	return cli_fail(err, errlen, EL2_EXIT_USAGE, "unknown option '%s' (see 'el2sim %s --help')",
			given, cmd);
}

int cli_getopt(const char *cmd, int argc, char **argv, const struct option *options,
	       cli_opt_fn fn, void *ctx, bool *help, int *operand, char *err, size_t errlen)
{
	*help = false;
	optind = 1;
	opterr = 0;
	int c;
	/* Leading ':' makes getopt report a missing value as ':'. A long
	 * option whose value is a letter also has that short form (-j). */
	char shorts[64] = ":h";
	size_t ns = 2;
	for (const struct option *o = options; o->name && ns + 3 < sizeof(shorts); o++)
		if (o->val > 0 && o->val < 0x80 && isalpha(o->val) && o->val != 'h') {
			shorts[ns++] = (char)o->val;
			if (o->has_arg == required_argument)
				shorts[ns++] = ':';
		}
	shorts[ns] = '\0';
	while ((c = getopt_long(argc, argv, shorts, options, NULL)) != -1) {
		if (c == '?') {
			if (optopt && optopt < 0x100)
				return cli_fail(err, errlen, EL2_EXIT_USAGE,
					    "unknown option '-%c' (see 'el2sim %s --help')", optopt, cmd);
			return unknown_long(argv[optind - 1], options, cmd, err, errlen);
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

int cli_report_written(const char *cmd, const char *what, el2_err e, FILE *f)
{
	if (e == EL2_OK && !fflush(f) && !ferror(f))
		return EL2_EXIT_OK;
	/* a failed fwrite/fflush left its reason in errno */
	fprintf(stderr, "el2sim %s: cannot write %s: %s\n", cmd, what,
		e == EL2_ERR_NOMEM ? "out of memory" : strerror(errno ? errno : EIO));
	return EL2_EXIT_INPUT;
}

int cli_report_closed(const char *cmd, const char *path, el2_err we, FILE *f)
{
	bool bad = !f || we != EL2_OK || ferror(f);
	int saved = errno; /* of the failed fopen or write */
	if (f && fclose(f))
		bad = true, saved = errno;
	if (!bad)
		return EL2_EXIT_OK;
	fprintf(stderr, "el2sim %s: cannot write '%s': %s\n", cmd, path,
		we == EL2_ERR_NOMEM ? "out of memory" : strerror(saved ? saved : EIO));
	return EL2_EXIT_INPUT;
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

int cli_parse_define(const char *opt, const char *arg, char *name, size_t namelen,
		     uint64_t *addr, char *err, size_t errlen)
{
	const char *eq = strchr(arg, '=');
	size_t n = eq ? (size_t)(eq - arg) : 0;
	if (!eq || !n || n >= namelen || !run_parse_u64(eq + 1, RUN_NO_SUFFIX, addr))
		return cli_fail(err, errlen, EL2_EXIT_USAGE,
				"%s %s: expected SYMBOL=ADDRESS, e.g. %s handle_exit=0x40100000",
				opt, arg, opt);
	memcpy(name, arg, n);
	name[n] = '\0';
	return EL2_EXIT_OK;
}

static int defines_put(cli_defines *d, const char *name, uint64_t addr, char *err,
		       size_t errlen)
{
	size_t i = 0;
	while (i < d->n && strcmp(d->names[i], name))
		i++;
	if (i == CLI_MAX_DEFINES)
		return cli_fail(err, errlen, EL2_EXIT_USAGE,
				"more than %d symbol definitions (--define, --symbols)",
				CLI_MAX_DEFINES);
	snprintf(d->names[i], sizeof(d->names[i]), "%s", name);
	d->defs[i] = (el2_symdef){.name = d->names[i], .addr = addr};
	if (i == d->n)
		d->n++;
	return EL2_EXIT_OK;
}

int cli_defines_add(cli_defines *d, const char *arg, char *err, size_t errlen)
{
	char name[CLI_DEFINE_NAME_MAX];
	uint64_t addr;
	int rc = cli_parse_define("--define", arg, name, sizeof(name), &addr, err, errlen);
	return rc ? rc : defines_put(d, name, addr, err, errlen);
}

int cli_defines_read(cli_defines *d, const char *path, char *err, size_t errlen)
{
	int rc = cli_input_file(path, err, errlen);
	if (rc)
		return rc;
	FILE *f = fopen(path, "r");
	if (!f)
		return cli_fail(err, errlen, EL2_EXIT_INPUT, "--symbols %s: %s", path,
				strerror(errno));
	char line[512];
	unsigned no = 0;
	while (!rc && fgets(line, sizeof(line), f)) {
		no++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		/* "SYM ADDR" and "SYM = ADDR" alike: '=' is a separator. */
		for (char *c = line; *c; c++)
			if (*c == '=')
				*c = ' ';
		char name[CLI_DEFINE_NAME_MAX], val[64], extra[2];
		int got = sscanf(line, "%127s %63s %1s", name, val, extra);
		uint64_t addr;
		if (got <= 0)
			continue;
		if (got != 2 || !run_parse_u64(val, RUN_NO_SUFFIX, &addr))
			rc = cli_fail(err, errlen, EL2_EXIT_INPUT,
				      "--symbols %s: line %u: expected 'SYMBOL ADDRESS' or "
				      "'SYMBOL = ADDRESS'", path, no);
		else
			rc = defines_put(d, name, addr, err, errlen);
	}
	fclose(f);
	return rc;
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
	case CLI_OPT_DEFINE: return cli_defines_add(&a->defs, arg, err, errlen);
	case CLI_OPT_SYMBOLS: return cli_defines_read(&a->defs, arg, err, errlen);
	case CLI_OPT_ALTERNATIVES:
		return cli_parse_alternatives(arg, &a->alt, &a->has_alt, err, errlen);
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

int cli_bad_scenario(const char *arg, const char *extra, char *err, size_t errlen)
{
	char names[256];
	el2_scenario_list(names, sizeof(names));
	return cli_fail(err, errlen, EL2_EXIT_USAGE, "--scenario %s: expected %s%s", arg, names,
			extra);
}

const char *cli_profile_hint(el2_err e)
{
	switch (e) {
	case EL2_ERR_PROFILE_SYNTAX: return " (the format: docs/layout.md)";
	case EL2_ERR_BAD_CONFIG:
		return " (the model refuses this processor: docs/layout.md, \"The processor\")";
	case EL2_ERR_UNSUPPORTED:
		return " (not in this build's model: docs/layout.md, \"The processor\")";
	default: return "";
	}
}

int cli_load_layout(const char *cmd, const char *layout, el2_check_profile **prof, char *err,
		    size_t errlen)
{
	char own[512];
	if (!err || !errlen) {
		err = own;
		errlen = sizeof(own);
	}
	*prof = NULL;
	if (!layout)
		return EL2_EXIT_OK;
	el2_err e = el2_check_profile_load(layout, prof, err, errlen);
	if (e) {
		fprintf(stderr, "el2sim %s: %s%s\n", cmd, err, cli_profile_hint(e));
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
		"  --json           JSON report on stdout instead of text\n"
		"  --define SYM=ADDR  address of a symbol the object uses but does not define\n"
		"                   (repeatable)\n"
		"  --symbols FILE   such definitions, one 'SYM ADDR' or 'SYM = ADDR' a line\n"
		"                   ('#' comments)\n"
		"  --alternatives [linux-6.1:]CAP[,CAP...]  apply the object's Linux\n"
		"                   .altinstructions for these CPU capabilities (names of\n"
		"                   arch/arm64/tools/cpucaps, ARM64_ optional, or numbers;\n"
		"                   'none': only the always-on ones); without it every\n"
		"                   alternative site runs as assembled (docs/alternatives.md)\n",
		runs_default, budget_default);
}

void cli_progress(void *ctx, unsigned done, unsigned total)
{
	/* The time left, from the rate so far (one progress per process). */
	static struct timespec t0;
	static bool started;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!started) {
		t0 = now;
		started = true;
	}
	double spent = (double)(now.tv_sec - t0.tv_sec) + (now.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(stderr, "\r%s %u/%u", (const char *)ctx, done, total);
	if (done && done < total && spent >= 1.0) {
		unsigned left = (unsigned)(spent / done * (total - done) + 0.5);
		fprintf(stderr, " (about %um%02us left)   ", left / 60, left % 60);
	}
	if (done == total)
		fprintf(stderr, " in %.1f s%20s\n", spent, "");
	fflush(stderr);
}

bool cli_progress_wanted(void)
{
	return isatty(STDERR_FILENO) != 0;
}

int cli_parse_alternatives(const char *arg, el2_alt_set *set, bool *has, char *err,
			   size_t errlen)
{
	char msg[256];
	if (el2_alt_parse(arg, set, msg, sizeof(msg)))
		return cli_fail(err, errlen, EL2_EXIT_USAGE, "--alternatives: %s", msg);
	*has = true;
	return EL2_EXIT_OK;
}

int cli_parse_min_score(const char *arg, double *out, char *err, size_t errlen)
{
	char *end;
	*out = strtod(arg, &end);
	if (end == arg || *end || !(*out >= 0 && *out <= 100))
		return cli_fail(err, errlen, EL2_EXIT_USAGE,
				"--min-score %s: expected a percentage from 0 to 100", arg);
	return EL2_EXIT_OK;
}
