/* SPDX-License-Identifier: MIT */
/* Options shared by `el2sim run` and `el2sim trace`, and building the PE,
 * memory map and image they describe (run_setup.h, docs/cli.md). */
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
	case OPT_DEFINE: {
		if (a->n_defines == RUN_MAX_DEFINES)
			return fail(err, errlen, EL2_EXIT_USAGE, "at most %d --define options",
				    RUN_MAX_DEFINES);
		const char *eq = strchr(arg, '=');
		size_t n = eq ? (size_t)(eq - arg) : 0;
		run_symdef *d = &a->defines[a->n_defines];
		if (!eq || !n || n >= sizeof(d->name) || !run_parse_u64(eq + 1, RUN_NO_SUFFIX, &d->addr))
			return fail(err, errlen, EL2_EXIT_USAGE,
				    "--define %s: expected SYMBOL=ADDRESS, e.g. --define "
				    "handle_exit=0x40100000", arg);
		memcpy(d->name, arg, n);
		d->name[n] = '\0';
		a->n_defines++;
		break;
	}
	case OPT_JSON: a->json = true; break;
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
	      "  --sentinel ADDR        unmapped return address put in x30 (default\n"
	      "                         0xdead0000): fetching it ends the run, so a 'ret'\n"
	      "                         from the entry function stops cleanly\n"
	      "  --json                 machine-readable output on stdout\n"
	      "  -h, --help             this text\n",
	      f);
}

/* ---- building the run ---- */

bool run_resolve_value(const el2_image *img, const char *s, uint64_t *out, char *err,
		       size_t errlen)
{
	if (run_parse_u64(s, RUN_NO_SUFFIX, out))
		return true;
	if (!*s || isdigit((unsigned char)*s)) {
		fail(err, errlen, 0, "'%s' is neither a number nor a symbol name", s);
		return false;
	}
	char name[256];
	uint64_t off = 0;
	const char *plus = strchr(s, '+');
	size_t n = plus ? (size_t)(plus - s) : strlen(s);
	if (n >= sizeof(name)) {
		fail(err, errlen, 0, "symbol name '%.40s...' is too long", s);
		return false;
	}
	memcpy(name, s, n);
	name[n] = '\0';
	if (plus && !run_parse_u64(plus + 1, RUN_NO_SUFFIX, &off)) {
		fail(err, errlen, 0, "'%s': the offset after '+' must be a number", s);
		return false;
	}
	uint64_t addr;
	if (!img || el2_image_symbol(img, name, &addr, NULL, 0) != EL2_OK) {
		fail(err, errlen, 0,
		     "symbol '%s' not found in the object (give an address instead, or check "
		     "the name with 'nm')", name);
		return false;
	}
	*out = addr + off;
	return true;
}

/* The extent of the PT_LOAD segments of a linked ELF, to size the default
 * RAM region around them. False when the file is not such an ELF (the
 * loader then reports the real problem). */
static bool peek_elf(const char *path, unsigned *type, uint64_t *lo, uint64_t *hi)
{
	bool ok = false;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return false;
	/* O_NONBLOCK and only a regular file: a FIFO or a directory is left
	 * to the loader, which says what it is (opening a FIFO would block). */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return false;
	}
	Elf *e = elf_begin(fd, ELF_C_READ, NULL);
	GElf_Ehdr eh;
	size_t nph;
	if (e && elf_kind(e) == ELF_K_ELF && gelf_getehdr(e, &eh) && !elf_getphdrnum(e, &nph)) {
		*type = eh.e_type;
		*lo = UINT64_MAX;
		*hi = 0;
		for (size_t i = 0; i < nph; i++) {
			GElf_Phdr ph;
			if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_LOAD || !ph.p_memsz)
				continue;
			if (ph.p_vaddr < *lo)
				*lo = ph.p_vaddr;
			if (ph.p_vaddr + ph.p_memsz > *hi)
				*hi = ph.p_vaddr + ph.p_memsz;
		}
		ok = true;
	}
	if (e)
		elf_end(e);
	close(fd);
	return ok;
}

static int add_region(run_env *env, const char *name, uint64_t base, uint64_t size,
		      unsigned attrs, char *err, size_t errlen)
{
	el2_err e = el2_mem_add(env->mem, name, base, size, attrs);
	if (e == EL2_OK)
		return EL2_EXIT_OK;
	if (e == EL2_ERR_MEM_OVERLAP) {
		const el2_mem_region *other = el2_mem_find(env->mem, base);
		for (size_t i = 0; !other && i < el2_mem_count(env->mem); i++) {
			const el2_mem_region *r = el2_mem_region_at(env->mem, i);
			if (r->base < base + size && base < r->base + r->size)
				other = r;
		}
		return fail(err, errlen, EL2_EXIT_USAGE,
			    "region '%s' [0x%" PRIx64 ", 0x%" PRIx64 ") overlaps region '%s' "
			    "(regions share one address space: move one of them)",
			    name, base, base + size, other ? other->name : "?");
	}
	return fail(err, errlen, EL2_EXIT_USAGE, "region '%s': %s", name, el2_strerror(e));
}

static int default_layout(const run_args *a, run_env *env, uint64_t *stack_top, char *err,
			  size_t errlen)
{
	uint64_t base = a->has_load_base ? a->load_base : RUN_DEFAULT_LOAD_BASE;
	uint64_t size = RUN_DEFAULT_RAM_SIZE;
	unsigned type = 0;
	uint64_t lo, hi;
	if (peek_elf(a->obj, &type, &lo, &hi) && type == ET_EXEC && lo < hi) {
		const uint64_t page_mask = ~(uint64_t)(EL2_MEM_PAGE_SIZE - 1);
		uint64_t end, top;
		base = lo & page_mask;
		bool wraps = __builtin_add_overflow(hi, EL2_MEM_PAGE_SIZE - 1, &end);
		if (!wraps && (end & page_mask) - base > size)
			size = (end & page_mask) - base;
		/* The segments' pages, then the gap and the stack: all below
		 * 2^64. */
		if (wraps || __builtin_add_overflow(base, size, &top) ||
		    __builtin_add_overflow(top, RUN_STACK_GAP + RUN_STACK_SIZE, &top))
			return fail(err, errlen, EL2_EXIT_INPUT,
				    "the segments of '%s' [0x%" PRIx64 ", 0x%" PRIx64 ") leave no room "
				    "for the default layout below 2^64; map memory with --region",
				    a->obj, lo, hi);
	}
	unsigned attrs = EL2_MEM_HOST | EL2_MEM_HYP | (a->el == 0 ? EL2_MEM_EL0 : 0);
	el2_err me = el2_mem_add(env->mem, "ram", base, size, attrs);
	if (me != EL2_OK)
		return fail(err, errlen, EL2_EXIT_INPUT,
			    "cannot make the default RAM region [0x%" PRIx64 ", 0x%" PRIx64 ") for "
			    "'%s': %s; map memory with --region", base, base + size, a->obj,
			    el2_strerror(me));
	int rc;
	uint64_t sbase = base + size + RUN_STACK_GAP;
	rc = add_region(env, "stack", sbase, RUN_STACK_SIZE, attrs, err, errlen);
	if (rc)
		return rc;
	*stack_top = sbase + RUN_STACK_SIZE;
	return EL2_EXIT_OK;
}

static int set_reg(run_env *env, el2_reg reg, uint64_t val, const char *what, char *err,
		   size_t errlen)
{
	el2_err e = el2_reg_write(env->pe, reg, val);
	if (e != EL2_OK)
		return fail(err, errlen, EL2_EXIT_USAGE, "cannot set %s to 0x%" PRIx64 ": %s", what,
			    val, el2_strerror(e));
	return EL2_EXIT_OK;
}

static int apply_reg_args(const run_args *a, run_env *env, char *err, size_t errlen)
{
	for (size_t i = 0; i < a->n_regs; i++) {
		const run_reg_arg *ra = &a->regs[i];
		char name[80];
		size_t n = (size_t)(ra->value - 1 - ra->name);
		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, ra->name, n);
		name[n] = '\0';
		el2_reg reg;
		if (el2_reg_by_name(name, &reg) != EL2_OK)
			return fail(err, errlen, EL2_EXIT_USAGE,
				    "--reg %s: unknown register '%s' (x0-x30, sp, pc, pstate, or a "
				    "system register name such as hcr_el2)", ra->name, name);
		uint64_t val;
		char verr[300];
		if (!run_resolve_value(env->img, ra->value, &val, verr, sizeof(verr)))
			return fail(err, errlen, EL2_EXIT_USAGE, "--reg %s: %s", ra->name, verr);
		int rc = set_reg(env, reg, val, name, err, errlen);
		if (rc)
			return rc;
	}
	return EL2_EXIT_OK;
}

static int load_object(const run_args *a, run_env *env, char *err, size_t errlen)
{
	el2_load_opts lo = {0};
	el2_symdef defs[RUN_MAX_DEFINES];
	lo.rel_base = a->has_load_base ? a->load_base : RUN_DEFAULT_LOAD_BASE;
	lo.dyn_bias = lo.rel_base;
	for (size_t i = 0; i < a->n_defines; i++)
		defs[i] = (el2_symdef){.name = a->defines[i].name, .addr = a->defines[i].addr};
	lo.symdefs = defs;
	lo.n_symdefs = a->n_defines;
	char lerr[300] = "";
	int rc = cli_input_file(a->obj, err, errlen);
	if (rc != EL2_EXIT_OK)
		return rc;
	el2_err e = el2_elf_load_file(env->mem, a->obj, &lo, &env->img, lerr, sizeof(lerr));
	if (e == EL2_OK)
		return EL2_EXIT_OK;
	switch (e) {
	case EL2_ERR_IO:
	case EL2_ERR_ELF_MALFORMED:
	case EL2_ERR_ELF_MACHINE:
	case EL2_ERR_ELF_RELOC_UNSUPPORTED:
	case EL2_ERR_ELF_RELOC_RANGE:
		return fail(err, errlen, EL2_EXIT_INPUT, "cannot load '%s': %s", a->obj,
			    lerr[0] ? lerr : el2_strerror(e));
	case EL2_ERR_UNKNOWN_SYMBOL:
		return fail(err, errlen, EL2_EXIT_INPUT,
			    "cannot load '%s': %s (give its address with --define SYMBOL=ADDR)",
			    a->obj, lerr[0] ? lerr : el2_strerror(e));
	default:
		/* Unmapped destination: fixable with --region / --load-base. */
		return fail(err, errlen, EL2_EXIT_INPUT,
			    "cannot load '%s': %s (check --region and --load-base)", a->obj,
			    lerr[0] ? lerr : el2_strerror(e));
	}
}

static int build(const run_args *a, run_env *env, char *err, size_t errlen)
{
	el2_config cfg = el2_config_default();
	if (el2_pe_new(&cfg, &env->pe) != EL2_OK || el2_mem_new(&env->mem) != EL2_OK)
		return fail(err, errlen, EL2_EXIT_INPUT, "out of memory");

	uint64_t stack_top = 0;
	int rc;
	env->default_layout = a->n_regions == 0;
	if (env->default_layout) {
		rc = default_layout(a, env, &stack_top, err, errlen);
	} else {
		rc = EL2_EXIT_OK;
		for (size_t i = 0; i < a->n_regions && !rc; i++) {
			const run_region *r = &a->regions[i];
			rc = add_region(env, r->name, r->base, r->size, r->attrs, err, errlen);
		}
	}
	if (rc)
		return rc;
	rc = load_object(a, env, err, errlen);
	if (rc)
		return rc;

	char verr[300];
	if (a->entry) {
		if (!run_resolve_value(env->img, a->entry, &env->entry, verr, sizeof(verr)))
			return fail(err, errlen, EL2_EXIT_USAGE, "--entry %s: %s", a->entry, verr);
	} else {
		env->entry = el2_image_entry(env->img);
	}

	env->sentinel = RUN_DEFAULT_SENTINEL;
	if (a->sentinel && !run_resolve_value(env->img, a->sentinel, &env->sentinel, verr,
					      sizeof(verr)))
		return fail(err, errlen, EL2_EXIT_USAGE, "--sentinel %s: %s", a->sentinel, verr);
	const el2_mem_region *in = el2_mem_find(env->mem, env->sentinel);
	if (in)
		return fail(err, errlen, EL2_EXIT_USAGE,
			    "the sentinel 0x%" PRIx64 " lies inside region '%s'; pass --sentinel "
			    "with an unmapped address", env->sentinel, in->name);

	/* The run options (the documented defaults of el2_run_opts_default,
	 * plus ours). */
	memset(&env->opts, 0, sizeof(env->opts));
	env->opts.budget = a->budget ? a->budget : EL2_DEFAULT_BUDGET;
	env->opts.has_sentinel = true;
	env->opts.sentinel = env->sentinel;
	env->opts.stop_on_exception_to = -1;
	env->opts.stop_on_eret_to = -1;
	for (size_t i = 0; i < a->n_stop_at; i++) {
		if (!run_resolve_value(env->img, a->stop_at[i], &env->opts.stop_addrs[i], verr,
				       sizeof(verr)))
			return fail(err, errlen, EL2_EXIT_USAGE, "--stop-at %s: %s", a->stop_at[i],
				    verr);
	}
	env->opts.n_stop_addrs = a->n_stop_at;

	/* Architectural state: PSTATE from --el (handler stack for EL1/EL2,
	 * interrupts masked as after reset), HCR_EL2 for --vhe, then SP, LR,
	 * PC, and last the explicit --reg values, which win. */
	static const uint64_t modes[3] = {EL2_PSR_MODE_EL0t, EL2_PSR_MODE_EL1h,
					  EL2_PSR_MODE_EL2h};
	rc = set_reg(env, EL2_REG_PSTATE, modes[a->el] | EL2_PSR_DAIF, "pstate", err, errlen);
	if (!rc && a->vhe) {
		uint64_t hcr = 0;
		el2_reg_read(env->pe, EL2_SYSREG(HCR_EL2), &hcr);
		rc = set_reg(env, EL2_SYSREG(HCR_EL2), hcr | EL2_HCR_E2H | EL2_HCR_TGE, "HCR_EL2",
			     err, errlen);
	}
	if (rc)
		return rc;
	uint64_t sp = stack_top;
	if (a->sp && !run_resolve_value(env->img, a->sp, &sp, verr, sizeof(verr)))
		return fail(err, errlen, EL2_EXIT_USAGE, "--sp %s: %s", a->sp, verr);
	rc = set_reg(env, EL2_REG_SP, sp, "sp", err, errlen);
	if (!rc)
		rc = set_reg(env, EL2_REG_X(30), env->sentinel, "x30", err, errlen);
	if (!rc)
		rc = set_reg(env, EL2_REG_PC, env->entry, "pc", err, errlen);
	if (!rc)
		rc = apply_reg_args(a, env, err, errlen);
	if (!rc) {
		uint64_t pc = 0;
		el2_reg_read(env->pe, EL2_REG_PC, &pc);
		if (!el2_mem_find(env->mem, pc))
			return fail(err, errlen, EL2_EXIT_USAGE,
				    "the entry address 0x%" PRIx64 " is not in any region (check "
				    "--entry and --region)", pc);
	}
	return rc;
}

int run_env_build(const run_args *a, run_env *env, char *err, size_t errlen)
{
	memset(env, 0, sizeof(*env));
	int rc = build(a, env, err, errlen);
	if (rc)
		run_env_free(env);
	return rc;
}

void run_env_free(run_env *env)
{
	el2_image_free(&env->img);
	el2_mem_free(&env->mem);
	el2_pe_free(&env->pe);
}

/* ---- after the run ---- */

int run_exit_code(const el2_run_result *res)
{
	switch (res->reason) {
	case EL2_STOP_BUDGET:
		return EL2_EXIT_BUDGET;
	case EL2_STOP_ERROR:
		return EL2_EXIT_FINDINGS;
	default:
		return EL2_EXIT_OK;
	}
}

const char *run_stop_message(const el2_run_opts *opts, const el2_run_result *res)
{
	static char buf[256];
	if (res->message[0])
		return res->message;
	if (res->reason == EL2_STOP_BUDGET) {
		snprintf(buf, sizeof(buf),
			 "the budget of %" PRIu64 " instructions ran out: the code may never end "
			 "(an endless loop or an exception storm); if it only needs longer, raise "
			 "--budget", opts->budget);
		return buf;
	}
	return el2_strerror(res->error);
}

const char *run_reason_name(el2_stop_reason r)
{
	const char *n = el2_stop_reason_name(r);
	return n ? n : "?";
}

#define RUN_CHUNK UINT64_C(20000000)

el2_err run_engine(el2_engine *eng, const el2_run_opts *opts, bool progress,
		   el2_run_result *res)
{
	if (!progress || opts->budget <= RUN_CHUNK)
		return el2_engine_run(eng, opts, res);
	el2_run_opts o = *opts;
	uint64_t done = 0;
	for (;;) {
		o.budget = opts->budget - done < RUN_CHUNK ? opts->budget - done : RUN_CHUNK;
		el2_err e = el2_engine_run(eng, &o, res);
		if (e != EL2_OK)
			return e;
		done += res->insns;
		if (res->reason != EL2_STOP_BUDGET || done >= opts->budget)
			break;
		fprintf(stderr, "\r%" PRIu64 "M of %" PRIu64 "M instructions...", done / 1000000,
			opts->budget / 1000000);
		fflush(stderr);
	}
	fprintf(stderr, "\r%60s\r", "");
	res->insns = done;
	return EL2_OK;
}

int run_prepare(const char *cmd, int argc, char **argv, const run_extra *extra,
		void (*usage)(FILE *), run_args *a, run_env *env, bool *go)
{
	char err[512];
	*go = false;
	int rc = run_args_parse(argc, argv, extra, a, err, sizeof(err));
	if (rc != EL2_EXIT_OK) {
		fprintf(stderr, "el2sim %s: %s\n", cmd, err);
		return rc;
	}
	if (a->help) {
		usage(stdout);
		return EL2_EXIT_OK;
	}
	rc = run_env_build(a, env, err, sizeof(err));
	if (rc != EL2_EXIT_OK) {
		fprintf(stderr, "el2sim %s: %s\n", cmd, err);
		return rc;
	}
	*go = true;
	return EL2_EXIT_OK;
}

int run_engine_open(const char *cmd, const run_env *env, el2_engine **eng)
{
	char err[512];
	if (el2_engine_new(env->pe, env->mem, env->img, eng, err, sizeof(err)) != EL2_OK) {
		fprintf(stderr, "el2sim %s: cannot start the engine: %s\n", cmd, err);
		return EL2_EXIT_INPUT;
	}
	return EL2_EXIT_OK;
}

int run_finish(const char *cmd, const run_env *env, const el2_run_result *res)
{
	int rc = run_exit_code(res);
	if (rc != EL2_EXIT_OK)
		fprintf(stderr, "el2sim %s: stopped: %s: %s\n", cmd, run_reason_name(res->reason),
			run_stop_message(&env->opts, res));
	return rc;
}
