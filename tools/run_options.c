/* SPDX-License-Identifier: MIT */
/* Options shared by `el2sim run` and `el2sim trace`: parsing and help
 * (run_setup.h, docs/cli.md). Building the world: run_world.c; after the
 * run: run_report.c. */
#include "run_setup.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_opts.h"
#include "el2sim/bits.h"
#include "el2sim/config.h"
#include "el2sim/pstate.h"

enum {
	OPT_ENTRY = 0x100,
	OPT_EL,
	OPT_SP,
	OPT_VHE,
	OPT_REG,
	OPT_REGION,
	OPT_LOAD_BASE,
	OPT_BUDGET,
	OPT_STOP_AT,
	OPT_SENTINEL,
	OPT_JSON,
	OPT_DEFINE,
	OPT_CONSOLE,
	OPT_PSCI,
	OPT_CPU,
	OPT_ALTERNATIVES,
	OPT_COMMON_END = 0x180, /* commands' own options start here */
};

static const struct option common_options[] = {
	{"entry", required_argument, NULL, OPT_ENTRY},
	{"el", required_argument, NULL, OPT_EL},
	{"sp", required_argument, NULL, OPT_SP},
	{"vhe", no_argument, NULL, OPT_VHE},
	{"reg", required_argument, NULL, OPT_REG},
	{"region", required_argument, NULL, OPT_REGION},
	{"load-base", required_argument, NULL, OPT_LOAD_BASE},
	{"budget", required_argument, NULL, OPT_BUDGET},
	{"stop-at", required_argument, NULL, OPT_STOP_AT},
	{"sentinel", required_argument, NULL, OPT_SENTINEL},
	{"json", no_argument, NULL, OPT_JSON},
	{"define", required_argument, NULL, OPT_DEFINE},
	{"console", required_argument, NULL, OPT_CONSOLE},
	{"psci", required_argument, NULL, OPT_PSCI},
	{"cpu", required_argument, NULL, OPT_CPU},
	{"alternatives", required_argument, NULL, OPT_ALTERNATIVES},
	{"help", no_argument, NULL, 'h'},
};
#define N_COMMON (sizeof(common_options) / sizeof(common_options[0]))
#define MAX_EXTRA 16

#define fail cli_fail

bool run_parse_u64(const char *s, unsigned suffix, uint64_t *out)
{
	if (!s || !*s || *s == '-' || isspace((unsigned char)*s))
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || end == s)
		return false;
	uint64_t mul = 1;
	if (suffix && *end) {
		unsigned power;
		switch (toupper((unsigned char)*end)) {
		case 'K': power = 1; break;
		case 'M': power = 2; break;
		case 'G': power = 3; break;
		default: return false;
		}
		while (power--)
			mul *= suffix;
		end++;
	}
	if (*end)
		return false;
	if (v > UINT64_MAX / mul)
		return false;
	*out = (uint64_t)v * mul;
	return true;
}

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{"host", EL2_MEM_HOST}, {"hyp", EL2_MEM_HYP}, {"guest", EL2_MEM_GUEST},
	{"el0", EL2_MEM_EL0},   {"ro", EL2_MEM_RO},   {"xn", EL2_MEM_XN},
	{"mmio", EL2_MEM_MMIO},
};

static bool parse_attrs(const char *s, unsigned *attrs, char *err, size_t errlen)
{
	*attrs = 0;
	while (*s) {
		size_t n = strcspn(s, ",+");
		bool found = false;
		for (size_t i = 0; i < sizeof(attr_names) / sizeof(attr_names[0]); i++) {
			if (strlen(attr_names[i].name) == n && !strncasecmp(s, attr_names[i].name, n)) {
				*attrs |= attr_names[i].bit;
				found = true;
			}
		}
		if (!found) {
			fail(err, errlen, 0,
			     "unknown region attribute '%.*s' (use host, hyp, guest, el0, ro, xn, mmio "
			     "separated by commas)", (int)n, s);
			return false;
		}
		s += n;
		if (*s)
			s++;
	}
	if (!(*attrs & (EL2_MEM_HOST | EL2_MEM_HYP | EL2_MEM_GUEST))) {
		fail(err, errlen, 0, "a region needs one of the attributes host, hyp or guest");
		return false;
	}
	return true;
}

bool run_parse_region(const char *s, run_region *r, char *err, size_t errlen)
{
	static const char syntax[] = "expected NAME:BASE:SIZE[:ATTRS], e.g. "
				     "--region guest:0x80000000:1M:guest,el0";
	char buf[256];
	if (strlen(s) >= sizeof(buf)) {
		fail(err, errlen, 0, "region '%.40s...' is too long", s);
		return false;
	}
	strcpy(buf, s);
	char *fields[4] = {0};
	size_t n = 0;
	char *p = buf;
	while (n < 4) {
		fields[n++] = p;
		p = strchr(p, ':');
		if (!p)
			break;
		*p++ = '\0';
	}
	if (p || n < 3) {
		fail(err, errlen, 0, "bad region '%s': %s", s, syntax);
		return false;
	}
	if (!*fields[0] || strlen(fields[0]) > EL2_MEM_NAME_MAX) {
		fail(err, errlen, 0, "bad region '%s': the name must have 1 to %u characters", s,
		     EL2_MEM_NAME_MAX);
		return false;
	}
	memset(r, 0, sizeof(*r));
	strcpy(r->name, fields[0]);
	if (!run_parse_u64(fields[1], RUN_NO_SUFFIX, &r->base)) {
		fail(err, errlen, 0, "bad region '%s': base '%s' is not a number; %s", s,
		     fields[1], syntax);
		return false;
	}
	if (!run_parse_u64(fields[2], RUN_SIZE_SUFFIX, &r->size) || r->size == 0) {
		fail(err, errlen, 0, "bad region '%s': size '%s' is not a positive number; %s",
		     s, fields[2], syntax);
		return false;
	}
	if ((r->base | r->size) % EL2_MEM_PAGE_SIZE) {
		fail(err, errlen, 0, "bad region '%s': base and size must be multiples of 0x%x",
		     s, EL2_MEM_PAGE_SIZE);
		return false;
	}
	if (n == 4) {
		char aerr[200];
		if (!parse_attrs(fields[3], &r->attrs, aerr, sizeof(aerr))) {
			fail(err, errlen, 0, "bad region '%s': %s", s, aerr);
			return false;
		}
	} else {
		r->attrs = EL2_MEM_HOST | EL2_MEM_HYP;
	}
	return true;
}

static bool parse_el(const char *s, unsigned *el)
{
	if ((s[0] == 'e' || s[0] == 'E') && (s[1] == 'l' || s[1] == 'L'))
		s += 2;
	if (s[0] >= '0' && s[0] <= '2' && !s[1]) {
		*el = (unsigned)(s[0] - '0');
		return true;
	}
	return false;
}

static int handle_common(run_args *a, int opt, const char *arg, const char *cmd, char *err,
			 size_t errlen)
{
	switch (opt) {
	case OPT_ENTRY: a->entry = arg; break;
	case OPT_EL:
		if (!parse_el(arg, &a->el))
			return fail(err, errlen, EL2_EXIT_USAGE,
				    "--el %s: the exception level must be 0, 1 or 2", arg);
		break;
	case OPT_SP: a->sp = arg; break;
	case OPT_VHE: a->vhe = true; break;
	case OPT_REG: {
		const char *eq = strchr(arg, '=');
		if (!eq || eq == arg || !eq[1])
			return fail(err, errlen, EL2_EXIT_USAGE,
				    "--reg %s: expected NAME=VALUE, e.g. --reg x0=0x1000 or "
				    "--reg hcr_el2=0x80000001", arg);
		if (a->n_regs == RUN_MAX_REGS)
			return fail(err, errlen, EL2_EXIT_USAGE, "at most %d --reg options",
				    RUN_MAX_REGS);
		/* The name is kept as "name=value": NUL-split into a copy
		 * owned by argv would modify the caller's strings, so the
		 * name is compared up to '=' when applied. */
		a->regs[a->n_regs].name = arg;
		a->regs[a->n_regs].value = eq + 1;
		a->n_regs++;
		break;
	}
	case OPT_REGION:
		if (a->n_regions == RUN_MAX_REGIONS)
			return fail(err, errlen, EL2_EXIT_USAGE, "at most %d --region options",
				    RUN_MAX_REGIONS);
		if (!run_parse_region(arg, &a->regions[a->n_regions], err, errlen))
			return EL2_EXIT_USAGE;
		a->n_regions++;
		break;
	case OPT_LOAD_BASE:
		if (!run_parse_u64(arg, RUN_NO_SUFFIX, &a->load_base) || a->load_base % EL2_MEM_PAGE_SIZE)
			return fail(err, errlen, EL2_EXIT_USAGE,
				    "--load-base %s: expected a page-aligned address such as 0x40000000",
				    arg);
		a->has_load_base = true;
		break;
	case OPT_BUDGET:
		if (!run_parse_u64(arg, RUN_COUNT_SUFFIX, &a->budget) || a->budget == 0)
			return fail(err, errlen, EL2_EXIT_USAGE,
				    "--budget %s: expected a positive instruction count (e.g. 1000000 "
				    "or 10M = 10,000,000)", arg);
		break;
	case OPT_STOP_AT:
		if (a->n_stop_at == EL2_RUN_MAX_STOP_ADDRS)
			return fail(err, errlen, EL2_EXIT_USAGE, "at most %d --stop-at options",
				    EL2_RUN_MAX_STOP_ADDRS);
		a->stop_at[a->n_stop_at++] = arg;
		break;
	case OPT_SENTINEL: a->sentinel = arg; break;
	case OPT_CONSOLE:
		if (!run_parse_u64(arg, RUN_NO_SUFFIX, &a->console) ||
		    a->console % EL2_MEM_PAGE_SIZE)
			return fail(err, errlen, EL2_EXIT_USAGE,
				    "--console %s: expected the page-aligned address of the PL011 "
				    "UART, e.g. 0x09000000 (QEMU virt)", arg);
		a->has_console = true;
		break;
	case OPT_PSCI:
		if (!strcmp(arg, "smc"))
			a->psci = RUN_PSCI_SMC;
		else if (!strcmp(arg, "hvc"))
			a->psci = RUN_PSCI_HVC;
		else
			return fail(err, errlen, EL2_EXIT_USAGE,
				    "--psci %s: expected smc or hvc, the instruction the program "
				    "calls PSCI with", arg);
		break;
	case OPT_DEFINE: {
		if (a->n_defines == RUN_MAX_DEFINES)
			return fail(err, errlen, EL2_EXIT_USAGE, "at most %d --define options",
				    RUN_MAX_DEFINES);
		run_symdef *d = &a->defines[a->n_defines];
		int rc = cli_parse_define("--define", arg, d->name, sizeof(d->name), &d->addr, err,
					  errlen);
		if (rc)
			return rc;
		a->n_defines++;
		break;
	}
	case OPT_ALTERNATIVES:
		return cli_parse_alternatives(arg, &a->alt, &a->has_alt, err, errlen);
	case OPT_JSON: a->json = true; break;
	case OPT_CPU: a->cpu = arg; break;
	default:
		return fail(err, errlen, EL2_EXIT_USAGE, "internal: option %d not handled (%s)",
			    opt, cmd);
	}
	return EL2_EXIT_OK;
}

typedef struct parse_ctx {
	run_args *a;
	const run_extra *extra;
	const char *cmd;
} parse_ctx;

static int handle_any(void *ctx, int opt, const char *arg, char *err, size_t errlen)
{
	parse_ctx *p = ctx;
	if (opt < OPT_COMMON_END)
		return handle_common(p->a, opt, arg, p->cmd, err, errlen);
	if (!p->extra || !p->extra->handle)
		return fail(err, errlen, EL2_EXIT_USAGE, "internal: option %d not handled", opt);
	return p->extra->handle(p->extra->ctx, opt, arg, err, errlen);
}

int run_args_parse(int argc, char **argv, const run_extra *extra, run_args *a, char *err,
		   size_t errlen)
{
	struct option opts[N_COMMON + MAX_EXTRA + 1];
	size_t n = 0;
	for (size_t i = 0; i < N_COMMON; i++)
		opts[n++] = common_options[i];
	if (extra && extra->options)
		for (size_t i = 0; extra->options[i].name && i < MAX_EXTRA; i++)
			opts[n++] = extra->options[i];
	memset(&opts[n], 0, sizeof(opts[n]));

	memset(a, 0, sizeof(*a));
	a->el = 2;
	parse_ctx p = {.a = a, .extra = extra, .cmd = argc > 0 ? argv[0] : "run"};
	int operand;
	int rc = cli_getopt(p.cmd, argc, argv, opts, handle_any, &p, &a->help, &operand, err,
			    errlen);
	if (rc != EL2_EXIT_OK || a->help)
		return rc;
	return cli_one_object(p.cmd, argc, argv, operand, &a->obj, err, errlen);
}

void run_print_common_options(FILE *f)
{
	fputs("  --entry SYM|ADDR       where to start (default: the ELF entry point; for a\n"
	      "                         .o, the symbol _start or the first code section)\n"
	      "  --el 0|1|2             exception level to start at (default 2): PSTATE is\n"
	      "                         EL2h, EL1h or EL0t with D, A, I, F masked\n"
	      "  --sp VAL               stack pointer of that EL (default: top of the stack\n"
	      "                         region of the default layout)\n"
	      "  --vhe                  set HCR_EL2.E2H and HCR_EL2.TGE (a VHE host)\n"
	      "  --reg NAME=VAL         set any register: x0-x30, sp, pc, pstate, or a system\n"
	      "                         register (hcr_el2, vbar_el2, s3_4_c1_c1_0 ...); VAL\n"
	      "                         is hex, decimal, SYMBOL or SYMBOL+OFFSET (repeatable)\n"
	      "  --region NAME:BASE:SIZE[:ATTRS]\n"
	      "                         map memory (repeatable); ATTRS: host,hyp,guest,el0,ro,\n"
	      "                         xn,mmio (default host,hyp); SIZE may end in K, M, G\n"
	      "                         (KiB, MiB, GiB).\n"
	      "                         Without --region: RAM 'ram' of 16M at the load base\n"
	      "                         (or around the segments of a linked ELF) and a 64K\n"
	      "                         'stack' region above it after a 64K unmapped gap\n"
	      "  --load-base ADDR       where a .o is placed / an ET_DYN image is biased\n"
	      "                         (default 0x40000000)\n"
	      "  --budget N             stop after N instructions (default 100M; K/M/G are\n"
	      "                         powers of 1000 here); running out is exit status 4\n"
	      "  --stop-at SYM|ADDR     stop before executing this address (repeatable)\n"
	      "  --define SYM=ADDR      address of a symbol a .o uses but does not define\n"
	      "                         (repeatable)\n"
	      "  --alternatives [linux-6.1:]CAP[,CAP...]  apply the object's Linux\n"
	      "                         .altinstructions for these capabilities\n"
	      "  --sentinel ADDR        unmapped return address put in x30 (default\n"
	      "                         0xdead0000): fetching it ends the run, so a 'ret'\n"
	      "                         from the entry function stops cleanly\n"
	      "  --console ADDR         a PL011 UART at ADDR (QEMU virt: 0x09000000): bytes\n"
	      "                         written to its data register go to stdout (stderr\n"
	      "                         with --json), reads say 'no input'\n"
	      "  --psci smc|hvc         answer PSCI calls made with that instruction as\n"
	      "                         firmware would: VERSION (1.1), FEATURES; SYSTEM_OFF\n"
	      "                         and SYSTEM_RESET end the run (exit status 0); any\n"
	      "                         other function returns NOT_SUPPORTED\n"
	      "  --json                 machine-readable output on stdout\n"
	      "  --cpu PROFILE          the PE the [cpu] section of PROFILE describes\n"
	      "                         (features, PMU counters, ID register values;\n"
	      "                         docs/layout.md); default Neoverse-N1-like\n"
	      "  -h, --help             this text\n",
	      f);
}
