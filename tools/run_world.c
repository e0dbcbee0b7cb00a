/* SPDX-License-Identifier: MIT */
/* Building the PE, memory map and image that `el2sim run` and `el2sim
 * trace` describe (run_setup.h, docs/cli.md). */
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
#include "el2sim/check.h"
#include "el2sim/config.h"
#include "el2sim/pstate.h"

#define fail cli_fail

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
	lo.alternatives = a->has_alt ? &a->alt : NULL;
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
	if (a->cpu) {
		char perr[300];
		el2_check_profile *prof = NULL;
		el2_err e = el2_check_profile_load(a->cpu, &prof, perr, sizeof(perr));
		if (!e)
			e = el2_check_profile_cpu(prof, &cfg, perr, sizeof(perr));
		el2_check_profile_free(&prof);
		if (e)
			return fail(err, errlen, EL2_EXIT_INPUT, "--cpu %s: %s%s", a->cpu, perr,
				    cli_profile_hint(e));
	}
	/* --psci smc: el2sim is the EL3 firmware SMCs reach */
	cfg.have_el3 = a->psci == RUN_PSCI_SMC;
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

