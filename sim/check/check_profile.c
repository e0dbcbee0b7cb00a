/* SPDX-License-Identifier: MIT */
/* The checker's profile: an INI-style description of a world switch
 * (docs/layout.md), parsed strictly from a buffer (every error names its
 * line). The EL2SIM_* symbol convention is in check_profile_symbols.c. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check_internal.h"
#include "elf_internal.h"
#include "file_read.h"
#include "el2sim/pstate.h"

#define LINE_MAX_LEN 1024
#define PROFILE_MAX_FILE (UINT64_C(1) << 20) /* 1 MiB */

enum section {
	SEC_NONE, SEC_WORLD, SEC_EL2, SEC_MEMORY, SEC_GUEST, SEC_HOST, SEC_CONFIG,
	SEC_EXIT_CODES, SEC_FP, SEC_CPU,
	SEC_TYPE1, /* [type1] and [vcpu.NAME]: check_type1_profile.c */
	SEC_BENCH  /* [bench]: check_bench_profile.c */
};

typedef struct parser {
	el2_check_profile *p;
	enum section sec;
	unsigned line;
	char *errbuf;
	size_t errlen;
	unsigned seen_world; /* bit per [world]/[host] key: duplicates are errors */
	unsigned seen_host;
	unsigned seen_fp;
} parser;

/* Every error of the profile's text reads "line N: what is wrong". A
 * syntax error (EL2_ERR_PROFILE_SYNTAX): the profile text alone breaks
 * docs/layout.md's rules ("Errors" there says which errors are not). */
static el2_err perr(parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static el2_err perr(parser *ps, const char *fmt, ...)
{
	if (ps->errlen) {
		int n = snprintf(ps->errbuf, ps->errlen, "line %u: ", ps->line);
		if (n >= 0 && (size_t)n < ps->errlen) {
			va_list ap;
			va_start(ap, fmt);
			vsnprintf(ps->errbuf + n, ps->errlen - (size_t)n, fmt, ap);
			va_end(ap);
		}
	}
	return EL2_ERR_PROFILE_SYNTAX;
}

/* The error of a section another file parses ([cpu]), with its code. */
static el2_err perr_as(parser *ps, el2_err code, const char *msg)
{
	perr(ps, "%s", msg);
	return code;
}

bool chk_parse_num(const char *s, uint64_t *out)
{
	if (!isdigit((unsigned char)*s))
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

static bool is_sym_char(char c, bool first)
{
	return isalpha((unsigned char)c) || c == '_' || c == '.' || c == '$' ||
	       (!first && isdigit((unsigned char)c));
}

/* A number, or symbol[+offset]. */
bool chk_parse_value(unsigned line, const char *s, chk_value *v)
{
	memset(v, 0, sizeof(*v));
	v->line = line;
	if (chk_parse_num(s, &v->num))
		return true;
	size_t n = 0;
	while (s[n] && is_sym_char(s[n], n == 0))
		n++;
	if (n == 0 || n >= CHK_NAME_MAX)
		return false;
	memcpy(v->sym, s, n);
	v->sym[n] = '\0';
	v->is_sym = true;
	if (!s[n])
		return true;
	return s[n] == '+' && chk_parse_num(s + n + 1, &v->num);
}

static bool parse_value(const parser *ps, const char *s, chk_value *v)
{
	return chk_parse_value(ps->line, s, v);
}

bool chk_next_token(const char **s, char *tok, size_t len)
{
	const char *p = *s;
	while (*p == ' ' || *p == '\t' || *p == ',')
		p++;
	if (!*p)
		return false;
	size_t n = strcspn(p, " \t,");
	if (n >= len)
		n = len - 1; /* over-long tokens fail as unknown names */
	memcpy(tok, p, n);
	tok[n] = '\0';
	*s = p + strcspn(p, " \t,");
	return true;
}

unsigned chk_slot_bytes(el2_reg reg)
{
	return reg >= EL2_REG_V0 && reg <= EL2_REG_V31 ? 16u : 8u;
}

unsigned chk_slot_size(const chk_slot *s)
{
	return s->width ? s->width : chk_slot_bytes(s->reg);
}

static bool parse_reg(const char *name, el2_reg *out)
{
	return el2_reg_by_name(name, out) == EL2_OK;
}

/* "x19-x29", "d8-d15", "v0-v31" or one name (dN: low 64 bits of vN). */
static el2_err parse_reg_list(parser *ps, const char *s, chk_pres *out, size_t cap,
			      size_t *n, const char *what)
{
	char tok[64];
	*n = 0;
	while (chk_next_token(&s, tok, sizeof(tok))) {
		char pfx = (char)tolower((unsigned char)tok[0]);
		char *dash = strchr(tok, '-');
		unsigned lo, hi;
		bool lo64 = pfx == 'd';
		if (dash) {
			char *e1, *e2;
			*dash = '\0';
			if (!(pfx == 'x' || pfx == 'd' || pfx == 'v') ||
			    tolower((unsigned char)dash[1]) != pfx || !isdigit((unsigned char)tok[1]) ||
			    !isdigit((unsigned char)dash[2]))
				return perr(ps, "%s: bad range '%s-%s' (use x19-x29, d8-d15 or v0-v31)",
					    what, tok, dash + 1);
			lo = (unsigned)strtoul(tok + 1, &e1, 10);
			hi = (unsigned)strtoul(dash + 2, &e2, 10);
			unsigned max = pfx == 'x' ? 30 : 31;
			if (*e1 || *e2 || lo > hi || hi > max)
				return perr(ps, "%s: bad range '%s-%s' (use x19-x29, d8-d15 or v0-v31)",
					    what, tok, dash + 1);
		} else if (pfx == 'd' && isdigit((unsigned char)tok[1])) {
			char *e;
			lo = hi = (unsigned)strtoul(tok + 1, &e, 10);
			if (*e || lo > 31)
				return perr(ps, "%s: unknown register '%s'", what, tok);
		} else {
			el2_reg r;
			if (!parse_reg(tok, &r) || r == EL2_REG_PC)
				return perr(ps, "%s: unknown register '%s'", what, tok);
			if (*n == cap)
				return perr(ps, "%s: more than %zu registers", what, cap);
			out[(*n)++] = (chk_pres){r, false};
			continue;
		}
		for (unsigned i = lo; i <= hi; i++) {
			if (*n == cap)
				return perr(ps, "%s: more than %zu registers", what, cap);
			el2_reg r = pfx == 'x' ? EL2_REG_X(i) : EL2_REG_V(i);
			out[(*n)++] = (chk_pres){r, lo64};
		}
	}
	if (*n == 0)
		return perr(ps, "%s: empty list", what);
	return EL2_OK;
}

static const struct {
	const char *name;
	unsigned bit;
} mem_attrs[] = {
	{"host", EL2_MEM_HOST}, {"hyp", EL2_MEM_HYP}, {"guest", EL2_MEM_GUEST},
	{"el0", EL2_MEM_EL0},   {"ro", EL2_MEM_RO},   {"xn", EL2_MEM_XN},
	{"mmio", EL2_MEM_MMIO},
};

/* The host call named name, or NULL. */
static chk_hostcall *host_call_named(el2_check_profile *p, const char *name)
{
	for (size_t i = 0; i < p->n_host_calls; i++)
		if (!strcasecmp(p->host_call[i].name, name))
			return &p->host_call[i];
	return NULL;
}

/* "x0=V x1=V ...": registers x0..x<max> set to numbers (bit n of *set). */
static el2_err reg_values(parser *ps, const char *what, const char *rest, unsigned max,
			  unsigned *set, uint64_t *vals)
{
	char tok[96];
	while (chk_next_token(&rest, tok, sizeof(tok))) {
		char *eq = strchr(tok, '=');
		el2_reg r;
		if (eq)
			*eq = '\0';
		if (!eq || !parse_reg(tok, &r) || r > EL2_REG_X(max))
			return perr(ps, "%s: expected xN=VALUE with N from 0 to %u, got '%s%s' (no "
				    "spaces around '=')", what, max, tok, eq ? "=..." : "");
		unsigned n = (unsigned)(r - EL2_REG_X(0));
		if (*set & (1u << n))
			return perr(ps, "%s: x%u given twice", what, n);
		if (!chk_parse_num(eq + 1, &vals[n]))
			return perr(ps, "%s: x%u=%s is not a number", what, n, eq + 1);
		*set |= 1u << n;
	}
	return EL2_OK;
}

bool chk_parse_bool(const char *val, bool *out)
{
	if (!strcasecmp(val, "yes") || !strcasecmp(val, "true") || !strcmp(val, "1"))
		*out = true;
	else if (!strcasecmp(val, "no") || !strcasecmp(val, "false") || !strcmp(val, "0"))
		*out = false;
	else
		return false;
	return true;
}

/* host_call = NAME hvc ID [xN=V ...] | NAME call SYMBOL [xN=V ...] */
static el2_err host_call_key(parser *ps, const char *val)
{
	el2_check_profile *p = ps->p;
	char name[64], word[CHK_NAME_MAX];
	const char *rest = val;
	if (p->n_host_calls == CHK_MAX_HOST_CALLS)
		return perr(ps, "host_call: more than %d calls", CHK_MAX_HOST_CALLS);
	chk_hostcall *hc = &p->host_call[p->n_host_calls];
	memset(hc, 0, sizeof(*hc));
	if (!chk_next_token(&rest, name, sizeof(name)) || strlen(name) >= sizeof(hc->name) ||
	    !is_sym_char(name[0], true) || strchr(name, '='))
		return perr(ps, "host_call: expected NAME hvc ID | NAME call SYMBOL [xN=V ...]");
	for (size_t i = 0; name[i]; i++)
		if (!is_sym_char(name[i], false))
			return perr(ps, "host_call: '%s' is not a name (letters, digits, _)", name);
	for (unsigned sc = 0; sc < SC__COUNT; sc++)
		if (!strcasecmp(name, chk_scenario_name((chk_scenario)sc)))
			return perr(ps, "host_call: '%s' is a scenario's name", name);
	if (host_call_named(p, name))
		return perr(ps, "host_call: '%s' given twice", name);
	snprintf(hc->name, sizeof(hc->name), "%s", name);
	if (!chk_next_token(&rest, word, sizeof(word)))
		return perr(ps, "host_call %s: expected 'hvc ID' or 'call SYMBOL'", name);
	if (!strcasecmp(word, "hvc")) {
		if (!chk_next_token(&rest, word, sizeof(word)) || !chk_parse_num(word, &hc->id))
			return perr(ps, "host_call %s: 'hvc' needs a function id", name);
	} else if (!strcasecmp(word, "call")) {
		if (!chk_next_token(&rest, word, sizeof(word)) || !parse_value(ps, word, &hc->sym) ||
		    !hc->sym.is_sym)
			return perr(ps, "host_call %s: 'call' needs a symbol", name);
		hc->is_call = true;
	} else {
		return perr(ps, "host_call %s: '%s' is neither 'hvc ID' nor 'call SYMBOL'", name,
			    word);
	}
	el2_err e = reg_values(ps, "host_call", rest, 7, &hc->arg_set, hc->arg);
	if (e)
		return e;
	if (!hc->is_call && (hc->arg_set & 1u))
		return perr(ps, "host_call %s: x0 is the function id of 'hvc'", name);
	p->n_host_calls++;
	return EL2_OK;
}

/* [world] keys of the scenarios (docs/layout.md): context_reg, guest_args,
 * guest_hvc, panic, panic_vectors, irq_entry, serror_entry, host_call,
 * serror_exit, vserror. */
static el2_err world_scenario_key(parser *ps, const char *key, const char *val)
{
	static const char *const keys[] = {"context_reg", "guest_args", "guest_hvc", "panic",
					   "panic_vectors", "irq_entry", "serror_entry",
					   "host_call", "serror_exit", "vserror"};
	el2_check_profile *p = ps->p;
	unsigned k;
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		if (!strcasecmp(key, keys[k]))
			break;
	if (k == sizeof(keys) / sizeof(keys[0]))
		return perr(ps, "[world]: unknown key '%s' (mode, run, exit_code, unknown_hvc, "
				"context, context_reg, entry_asm, load, trapped_sysreg, irq, stage2, "
				"guest_args, guest_hvc, panic, panic_vectors, irq_entry, serror_entry, "
				"serror_exit, host_call, vserror)", key);
	/* host_call and panic may repeat: their lines add up */
	if (k != 3 && k != 7 && ps->seen_world & (1u << (16 + k)))
		return perr(ps, "[world]: '%s' given twice", keys[k]);
	ps->seen_world |= 1u << (16 + k);
	char word[CHK_NAME_MAX];
	const char *rest = val;
	switch (k) {
	case 0:
		if (!parse_reg(val, &p->ctx_reg) || p->ctx_reg > EL2_REG_X30)
			return perr(ps, "context_reg: '%s' is not a register x0..x30", val);
		p->has_ctx_reg = true;
		return EL2_OK;
	case 1:
		return reg_values(ps, "guest_args", val, 3, &p->guest_arg_set, p->guest_arg);
	case 2:
		while (chk_next_token(&rest, word, sizeof(word))) {
			if (p->n_guest_hvc == CHK_MAX_GUEST_HVC)
				return perr(ps, "guest_hvc: more than %d function ids", CHK_MAX_GUEST_HVC);
			if (!chk_parse_num(word, &p->guest_hvc[p->n_guest_hvc]))
				return perr(ps, "guest_hvc: '%s' is not a number", word);
			p->n_guest_hvc++;
		}
		return p->n_guest_hvc ? EL2_OK : perr(ps, "guest_hvc: empty list");
	case 3:
		while (chk_next_token(&rest, word, sizeof(word))) {
			chk_value v;
			if (!parse_value(ps, word, &v) || !v.is_sym || v.num)
				return perr(ps, "panic: '%s' is not a symbol", word);
			if (p->n_panic == CHK_MAX_PANIC)
				return perr(ps, "panic: more than %d symbols", CHK_MAX_PANIC);
			p->panic_line[p->n_panic] = ps->line;
			strcpy(p->panic[p->n_panic++], v.sym);
		}
		return p->n_panic ? EL2_OK : perr(ps, "panic: empty list");
	case 4:
		while (chk_next_token(&rest, word, sizeof(word))) {
			uint64_t off;
			if (!strcasecmp(word, "current"))
				p->panic_vectors |= 0xffu; /* the eight current-EL vectors */
			else if (chk_parse_num(word, &off) && off < 0x800 && !(off % 0x80))
				p->panic_vectors |= 1u << (off / 0x80);
			else
				return perr(ps, "panic_vectors: '%s' is neither 'current' nor a vector "
					    "offset 0x000..0x780 (a multiple of 0x80)", word);
		}
		return p->panic_vectors ? EL2_OK : perr(ps, "panic_vectors: empty list");
	case 5:
	case 6:
	case 8:
	case 9:
		if (!chk_parse_bool(val, k == 5 ? &p->irq_entry : k == 6 ? &p->serror_entry
				     : k == 8 ? &p->serror_exit : &p->vserror))
			return perr(ps, "%s: '%s' is not yes or no", keys[k], val);
		return EL2_OK;
	default:
		return host_call_key(ps, val);
	}
}

static el2_err world_key(parser *ps, const char *key, const char *val)
{
	static const char *const keys[] = {"mode", "run", "exit_code", "unknown_hvc", "context",
					   "entry_asm", "load", "trapped_sysreg", "irq", "stage2"};
	el2_check_profile *p = ps->p;
	unsigned k;
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		if (!strcasecmp(key, keys[k]))
			break;
	if (k == sizeof(keys) / sizeof(keys[0]))
		return world_scenario_key(ps, key, val);
	/* entry_asm may repeat: real entry code has more labels than fit a line. */
	if (k != 5 && ps->seen_world & (1u << k))
		return perr(ps, "[world]: '%s' given twice", keys[k]);
	ps->seen_world |= 1u << k;
	char word[CHK_NAME_MAX];
	const char *rest = val;
	switch (k) {
	case 0:
		if (!strcasecmp(val, "nvhe"))
			p->mode = EL2_CHECK_MODE_NVHE;
		else if (!strcasecmp(val, "vhe"))
			p->mode = EL2_CHECK_MODE_VHE;
		else if (!strcasecmp(val, "type1"))
			p->mode = EL2_CHECK_MODE_TYPE1;
		else
			return perr(ps, "mode: '%s' is neither nvhe, vhe nor type1", val);
		return EL2_OK;
	case 1:
		if (!chk_next_token(&rest, word, sizeof(word)))
			return perr(ps, "run: expected 'hvc ID' or 'call SYMBOL'");
		if (!strcasecmp(word, "hvc")) {
			if (!chk_next_token(&rest, word, sizeof(word)) || !chk_parse_num(word, &p->run_hvc) ||
			    chk_next_token(&rest, word, sizeof(word)))
				return perr(ps, "run: 'hvc' needs one function id, e.g. run = hvc 0xc6000001");
			p->has_run_hvc = true;
		} else if (!strcasecmp(word, "call")) {
			if (!chk_next_token(&rest, word, sizeof(word)) || !parse_value(ps, word, &p->run_call) ||
			    !p->run_call.is_sym || chk_next_token(&rest, word, sizeof(word)))
				return perr(ps, "run: 'call' needs one symbol, e.g. run = call __vhe_vcpu_run");
			p->has_run_call = true;
		} else {
			return perr(ps, "run: '%s' is neither 'hvc ID' nor 'call SYMBOL'", word);
		}
		return EL2_OK;
	case 2:
		if (!parse_reg(val, &p->exit_reg) || p->exit_reg > EL2_REG_X30)
			return perr(ps, "exit_code: '%s' is not a register x0..x30", val);
		p->has_exit_reg = true;
		return EL2_OK;
	case 3:
		if (!chk_parse_num(val, &p->unknown_hvc))
			return perr(ps, "unknown_hvc: '%s' is not a number", val);
		p->has_unknown_hvc = true;
		return EL2_OK;
	case 4:
		if (!strncasecmp(val, "alloc", 5) && (val[5] == ' ' || val[5] == '\t')) {
			rest = val + 5;
			if (!chk_next_token(&rest, word, sizeof(word)) ||
			    !chk_parse_num(word, &p->context.num) || p->context.num == 0 ||
			    p->context.num > (UINT64_C(1) << 24) || chk_next_token(&rest, word, sizeof(word)))
				return perr(ps, "context: 'alloc' needs a size from 1 to 16M, e.g. alloc 0x1000");
			p->ctx_alloc = true;
		} else if (!parse_value(ps, val, &p->context) || !p->context.is_sym) {
			return perr(ps, "context: '%s' is neither a symbol[+offset] nor 'alloc SIZE'",
				    val);
		}
		p->has_context = true;
		return EL2_OK;
	case 5:
		while (chk_next_token(&rest, word, sizeof(word))) {
			chk_value v;
			if (!parse_value(ps, word, &v) || !v.is_sym || v.num)
				return perr(ps, "entry_asm: '%s' is not a symbol", word);
			if (p->n_entry_asm == CHK_MAX_ENTRY_ASM)
				return perr(ps, "entry_asm: more than %d symbols (at '%s')",
					    CHK_MAX_ENTRY_ASM, word);
			p->entry_asm_line[p->n_entry_asm] = ps->line;
			strcpy(p->entry_asm[p->n_entry_asm++], v.sym);
		}
		if (!p->n_entry_asm)
			return perr(ps, "entry_asm: empty list");
		return EL2_OK;
	case 6:
		if (!chk_parse_num(val, &p->load_base) || p->load_base % EL2_MEM_PAGE_SIZE)
			return perr(ps, "load: '%s' is not a page-aligned address", val);
		p->has_load_base = true;
		return EL2_OK;
	case 7: {
		el2_sysreg sr = el2_sysreg_by_name(val);
		if (sr == EL2_SR_NONE)
			return perr(ps, "trapped_sysreg: '%s' is not a system register", val);
		p->trapped_sysreg = EL2_REG_SYSREG_BASE + sr;
		p->has_trapped = true;
		return EL2_OK;
	}
	case 9:
		if (!strcasecmp(val, "tables"))
			p->stage2_tables = true;
		else if (!strcasecmp(val, "attributes"))
			p->stage2_tables = false;
		else
			return perr(ps, "stage2: '%s' is neither tables nor attributes", val);
		return EL2_OK;
	default:
		if (!strcasecmp(val, "yes") || !strcasecmp(val, "true") || !strcmp(val, "1"))
			p->irq = true;
		else if (!strcasecmp(val, "no") || !strcasecmp(val, "false") || !strcmp(val, "0"))
			p->irq = false;
		else
			return perr(ps, "irq: '%s' is not yes or no", val);
		return EL2_OK;
	}
}

static el2_err el2_key(parser *ps, const char *key, const char *val)
{
	el2_check_profile *p = ps->p;
	el2_reg r;
	if (!parse_reg(key, &r) || !EL2_REG_IS_SYSREG(r))
		return perr(ps, "[el2]: '%s' is not a system register", key);
	for (size_t i = 0; i < p->n_el2; i++)
		if (p->el2[i].reg == r)
			return perr(ps, "[el2]: '%s' given twice", key);
	if (p->n_el2 == CHK_MAX_EL2)
		return perr(ps, "[el2]: more than %d registers", CHK_MAX_EL2);
	chk_setreg *s = &p->el2[p->n_el2];
	if (!parse_value(ps, val, &s->v))
		return perr(ps, "%s: '%s' is neither a number nor symbol[+offset]", key, val);
	s->reg = r;
	p->n_el2++;
	return EL2_OK;
}

static el2_err memory_key(parser *ps, const char *key, const char *val)
{
	el2_check_profile *p = ps->p;
	if (strlen(key) > EL2_MEM_NAME_MAX)
		return perr(ps, "[memory]: name '%s' is longer than %u characters", key,
			    EL2_MEM_NAME_MAX);
	for (size_t i = 0; i < p->n_mem; i++)
		if (!strcmp(p->mem[i].name, key))
			return perr(ps, "[memory]: region '%s' given twice", key);
	if (p->n_mem == CHK_MAX_REGIONS)
		return perr(ps, "[memory]: more than %d regions", CHK_MAX_REGIONS);
	chk_region *m = &p->mem[p->n_mem];
	char tok[CHK_NAME_MAX];
	const char *rest = val;
	if (!chk_next_token(&rest, tok, sizeof(tok)) || !chk_parse_num(tok, &m->base))
		return perr(ps, "%s: expected BASE SIZE ATTRS, e.g. 0x80000000 0x200000 guest", key);
	if (!chk_next_token(&rest, tok, sizeof(tok)) || !chk_parse_num(tok, &m->size) || !m->size)
		return perr(ps, "%s: expected BASE SIZE ATTRS, e.g. 0x80000000 0x200000 guest", key);
	if ((m->base | m->size) % EL2_MEM_PAGE_SIZE)
		return perr(ps, "%s: base and size must be multiples of 0x%x", key,
			    EL2_MEM_PAGE_SIZE);
	if (m->base + m->size < m->base)
		return perr(ps, "%s: the region wraps past the end of the address space", key);
	m->attrs = 0;
	while (chk_next_token(&rest, tok, sizeof(tok))) {
		bool found = false;
		for (size_t i = 0; i < sizeof(mem_attrs) / sizeof(mem_attrs[0]); i++) {
			if (!strcasecmp(tok, mem_attrs[i].name)) {
				m->attrs |= mem_attrs[i].bit;
				found = true;
			}
		}
		if (!found)
			return perr(ps, "%s: unknown attribute '%s' (host, hyp, guest, el0, ro, xn, mmio)",
				    key, tok);
	}
	if (!(m->attrs & (EL2_MEM_HOST | EL2_MEM_HYP | EL2_MEM_GUEST)))
		return perr(ps, "%s: a region needs one of the attributes host, hyp or guest", key);
	for (size_t i = 0; i < p->n_mem; i++) {
		const chk_region *o = &p->mem[i];
		if (m->base < o->base + o->size && o->base < m->base + m->size)
			return perr(ps, "%s: overlaps region '%s'", key, o->name);
	}
	strcpy(m->name, key);
	p->n_mem++;
	return EL2_OK;
}

/* EL2 registers a [guest] slot may name: the exit information the
 * hypervisor records for the host. ELR_EL2 and SPSR_EL2 name the guest's
 * PC and PSTATE (the values the hypervisor loads into them for the ERET). */
static bool guest_slot_reg(parser *ps, const char *key, el2_reg *r, el2_err *e)
{
	*e = EL2_OK;
	if (!strcasecmp(key, "sp")) {
		*e = perr(ps, "[guest]: 'sp' is ambiguous: use sp_el0 or sp_el1");
		return false;
	}
	if (!parse_reg(key, r)) {
		*e = perr(ps, "[guest]: unknown register '%s'", key);
		return false;
	}
	if (*r == EL2_SYSREG(ELR_EL2))
		*r = EL2_REG_PC;
	else if (*r == EL2_SYSREG(SPSR_EL2))
		*r = EL2_REG_PSTATE;
	else if (chk_is_el2_reg(*r) && *r != EL2_SYSREG(ESR_EL2) && *r != EL2_SYSREG(FAR_EL2) &&
		 *r != EL2_SYSREG(HPFAR_EL2))
		*e = perr(ps, "[guest]: %s is not guest state: configuration the host prepares "
			  "for the guest goes in [config] ('%s = OFFSET VALUE'), the hypervisor's "
			  "own state in [el2]", el2_reg_name(*r), key);
	return *e == EL2_OK;
}

static el2_err guest_key(parser *ps, const char *key, const char *val)
{
	el2_check_profile *p = ps->p;
	el2_reg r;
	el2_err e;
	if (!guest_slot_reg(ps, key, &r, &e))
		return e;
	uint64_t off;
	char tok[32];
	const char *rest = val;
	if (!chk_next_token(&rest, tok, sizeof(tok)) || !chk_parse_num(tok, &off) ||
	    off > (UINT64_C(1) << 24))
		return perr(ps, "%s: '%s' is not an offset (a number up to 16M)", key, val);
	/* FPSR/FPCR may be 32-bit fields (Linux's user_fpsimd_state). */
	unsigned width = 0;
	if (chk_next_token(&rest, tok, sizeof(tok))) {
		if (strcasecmp(tok, "u32") && strcasecmp(tok, "u64"))
			return perr(ps, "%s: unknown width '%s' (u32 or u64)", key, tok);
		if (r != EL2_SYSREG(FPSR) && r != EL2_SYSREG(FPCR))
			return perr(ps, "%s: only fpsr and fpcr take a width", key);
		width = strcasecmp(tok, "u32") ? 8u : 4u;
		if (chk_next_token(&rest, tok, sizeof(tok)))
			return perr(ps, "%s: expected OFFSET [u32|u64], got '%s' too", key, tok);
	}
	chk_slot slot = {r, off, width};
	unsigned bytes = chk_slot_size(&slot);
	for (size_t i = 0; i < p->n_guest; i++) {
		const chk_slot *o = &p->guest[i];
		if (o->reg == r)
			return perr(ps, "[guest]: '%s' given twice%s", key,
				    r == EL2_REG_PC || r == EL2_REG_PSTATE
					    ? " (elr_el2 = pc, spsr_el2 = pstate)"
					    : "");
		if (off < o->off + chk_slot_size(o) && o->off < off + bytes)
			return perr(ps, "%s: offset 0x%" PRIx64 " overlaps %s at 0x%" PRIx64, key, off,
				    el2_reg_name(o->reg), o->off);
	}
	if (p->n_guest == CHK_MAX_SLOTS)
		return perr(ps, "[guest]: more than %d registers", CHK_MAX_SLOTS);
	p->guest[p->n_guest++] = slot;
	return EL2_OK;
}

/* [config]: REG = LOCATION VALUE. LOCATION is an offset in the vCPU
 * context or symbol[+offset] (an absolute place, e.g. a field of a vcpu
 * struct outside the context); VALUE a number, symbol[+offset], or "auto"
 * for the stage-2 registers el2sim can compute. */
static el2_err config_key(parser *ps, const char *key, const char *val)
{
	el2_check_profile *p = ps->p;
	el2_reg r;
	if (!parse_reg(key, &r) || !chk_is_el2_reg(r))
		return perr(ps, "[config]: '%s' is not an EL2 register (the guest's HCR_EL2, "
			    "VTTBR_EL2, VTCR_EL2, MDCR_EL2, CPTR_EL2, ...)", key);
	for (size_t i = 0; i < p->n_config; i++)
		if (p->config[i].reg == r)
			return perr(ps, "[config]: '%s' given twice", key);
	if (p->n_config == CHK_MAX_CONFIG)
		return perr(ps, "[config]: more than %d registers", CHK_MAX_CONFIG);
	chk_cfgreg c;
	memset(&c, 0, sizeof(c));
	c.reg = r;
	char loc[CHK_NAME_MAX + 24], v[CHK_NAME_MAX + 24], extra[8];
	const char *rest = val;
	if (!chk_next_token(&rest, loc, sizeof(loc)) || !chk_next_token(&rest, v, sizeof(v)) ||
	    chk_next_token(&rest, extra, sizeof(extra)))
		return perr(ps, "%s: expected LOCATION VALUE, e.g. '%s = 0x220 0x80000001' "
			    "(LOCATION: context offset or symbol[+offset])", key, key);
	if (!parse_value(ps, loc, &c.loc))
		return perr(ps, "%s: '%s' is neither a context offset nor symbol[+offset]", key, loc);
	c.at_symbol = c.loc.is_sym;
	if (!c.at_symbol && c.loc.num > (UINT64_C(1) << 24))
		return perr(ps, "%s: offset '%s' is larger than 16M", key, loc);
	if (!strcasecmp(v, "auto")) {
		if (r != EL2_SYSREG(VTTBR_EL2) && r != EL2_SYSREG(VTCR_EL2))
			return perr(ps, "%s: 'auto' is only for vttbr_el2 and vtcr_el2", key);
		c.is_auto = true;
	} else if (!parse_value(ps, v, &c.val)) {
		return perr(ps, "%s: '%s' is neither a number, symbol[+offset] nor auto", key, v);
	}
	p->config[p->n_config++] = c;
	return EL2_OK;
}

/* preserve.<scenario>: that scenario's preserve list (an unknown host
 * call may have to give back more than a vCPU run). */
static el2_err preserve_scenario_key(parser *ps, const char *key, const char *val)
{
	el2_check_profile *p = ps->p;
	const char *name = key + strlen("preserve.");
	unsigned sc;
	for (sc = 0; sc < CHK_N_SCENARIOS; sc++)
		if (!strcasecmp(name, chk_scenario_name((chk_scenario)sc)))
			break;
	if (sc == CHK_N_SCENARIOS) {
		chk_hostcall *hc = host_call_named(p, name);
		if (!hc)
			return perr(ps, "[host]: '%s': no scenario or [world] host_call '%s' (hvc, "
				    "mmio, s2perm, sysreg, irq, unknown_hvc, guest_hvc, irq_entry, "
				    "serror_entry, serror_exit, vserror, host_call; a host_call line must come "
				    "first)", key,
				    name);
		if (hc->has_preserve)
			return perr(ps, "[host]: '%s' given twice", key);
		el2_err e = parse_reg_list(ps, val, hc->preserve, CHK_MAX_PRESERVE, &hc->n_preserve,
					   "preserve");
		hc->has_preserve = e == EL2_OK;
		return e;
	}
	if (p->has_preserve_sc[sc])
		return perr(ps, "[host]: '%s' given twice", key);
	el2_err e = parse_reg_list(ps, val, p->preserve_sc[sc], CHK_MAX_PRESERVE,
				   &p->n_preserve_sc[sc], "preserve");
	p->has_preserve_sc[sc] = e == EL2_OK;
	return e;
}

/* pstate_at_call = pan=1 uao=1 daif=0xf ssbs=random dit=0: the host's
 * PSTATE at the call (fixed fields; the others stay random). */
static el2_err pstate_at_call_key(parser *ps, const char *val)
{
	static const struct {
		const char *name;
		uint64_t bits;
		unsigned shift, max;
	} fields[] = {{"pan", EL2_PSR_PAN, 22, 1}, {"uao", EL2_PSR_UAO, 23, 1},
		      {"ssbs", EL2_PSR_SSBS, 12, 1}, {"dit", EL2_PSR_DIT, 24, 1},
		      {"daif", EL2_PSR_DAIF, 6, 15}};
	el2_check_profile *p = ps->p;
	char tok[48];
	const char *rest = val;
	uint64_t seen = 0;
	p->ps_call_mask = p->ps_call_val = 0;
	while (chk_next_token(&rest, tok, sizeof(tok))) {
		char *eq = strchr(tok, '=');
		size_t i, nf = sizeof(fields) / sizeof(fields[0]);
		if (eq)
			*eq = '\0';
		for (i = 0; i < nf; i++)
			if (!strcasecmp(tok, fields[i].name))
				break;
		if (!eq || i == nf)
			return perr(ps, "pstate_at_call: expected FIELD=VALUE with FIELD one of pan uao "
				    "ssbs dit daif, got '%s%s' (no spaces around '=')", tok,
				    eq ? "=..." : "");
		if (seen & fields[i].bits)
			return perr(ps, "pstate_at_call: '%s' given twice", tok);
		seen |= fields[i].bits;
		if (!strcasecmp(eq + 1, "random"))
			continue;
		uint64_t v;
		if (!chk_parse_num(eq + 1, &v) || v > fields[i].max)
			return perr(ps, "pstate_at_call: %s=%s: the value is 0..%u or random", tok,
				    eq + 1, fields[i].max);
		p->ps_call_mask |= fields[i].bits;
		p->ps_call_val |= v << fields[i].shift;
	}
	p->has_pstate_at_call = true;
	return EL2_OK;
}

static el2_err host_key(parser *ps, const char *key, const char *val)
{
	static const char *const keys[] = {"preserve", "exit_abi", "el2_preserve", "pstate",
					   "pstate_at_call"};
	el2_check_profile *p = ps->p;
	unsigned k;
	if (!strncasecmp(key, "preserve.", 9))
		return preserve_scenario_key(ps, key, val);
	for (k = 0; k < 5; k++)
		if (!strcasecmp(key, keys[k]))
			break;
	if (k == 5)
		return perr(ps, "[host]: unknown key '%s' (preserve, preserve.<scenario>, exit_abi, "
			    "el2_preserve, pstate, pstate_at_call)", key);
	if (ps->seen_host & (1u << k))
		return perr(ps, "[host]: '%s' given twice", keys[k]);
	ps->seen_host |= 1u << k;
	chk_pres tmp[CHK_MAX_PRESERVE];
	size_t n;
	el2_err e;
	switch (k) {
	case 0:
		e = parse_reg_list(ps, val, p->preserve, CHK_MAX_PRESERVE, &p->n_preserve, "preserve");
		p->has_preserve = e == EL2_OK;
		return e;
	case 1:
		if (!strcasecmp(val, "none")) {
			p->has_exit_abi = true;
			return EL2_OK;
		}
		if ((e = parse_reg_list(ps, val, tmp, CHK_MAX_ABI, &n, "exit_abi")))
			return e;
		for (size_t i = 0; i < n; i++) {
			el2_reg r = tmp[i].reg;
			if (r > EL2_REG_X30 && !(r >= EL2_REG_V0 && r <= EL2_REG_V31) &&
			    r != EL2_SYSREG(FPCR) && r != EL2_SYSREG(FPSR))
				return perr(ps, "exit_abi: '%s' is not a register x0..x30, v0..v31, "
					    "fpcr or fpsr", el2_reg_name(r));
			p->exit_abi[i] = r;
		}
		p->n_exit_abi = n;
		p->has_exit_abi = true;
		return EL2_OK;
	case 4:
		return pstate_at_call_key(ps, val);
	case 2:
		if ((e = parse_reg_list(ps, val, tmp, CHK_MAX_EL2, &n, "el2_preserve")))
			return e;
		for (size_t i = 0; i < n; i++) {
			if (!EL2_REG_IS_SYSREG(tmp[i].reg))
				return perr(ps, "el2_preserve: '%s' is not a system register",
					    el2_reg_name(tmp[i].reg));
			p->el2_preserve[i] = tmp[i].reg;
		}
		p->n_el2_preserve = n;
		return EL2_OK;
	default: {
		static const struct {
			const char *name;
			unsigned bit;
		} fields[] = {{"daif", CHK_PS_DAIF}, {"pan", CHK_PS_PAN},     {"uao", CHK_PS_UAO},
			      {"ssbs", CHK_PS_SSBS}, {"spsel", CHK_PS_SPSEL}, {"el", CHK_PS_EL},
			      {"dit", CHK_PS_DIT}};
		char tok[32];
		const char *rest = val;
		p->pstate_fields = 0;
		p->has_pstate = true;
		if (!strcasecmp(val, "none"))
			return EL2_OK;
		while (chk_next_token(&rest, tok, sizeof(tok))) {
			bool found = false;
			for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
				if (!strcasecmp(tok, fields[i].name)) {
					p->pstate_fields |= fields[i].bit;
					found = true;
				}
			}
			if (!found)
				return perr(ps, "pstate: unknown field '%s' (daif pan uao ssbs dit spsel "
						"el, or none)", tok);
		}
		return EL2_OK;
	}
	}
}

/* [exit_codes] scenario = number (C syntax, '-' allowed: -1 is all ones). */
static el2_err exit_code_key(parser *ps, const char *key, const char *val)
{
	el2_check_profile *p = ps->p;
	unsigned sc;
	for (sc = 0; sc < SC__COUNT; sc++)
		if (!strcasecmp(key, chk_scenario_name((chk_scenario)sc)))
			break;
	chk_hostcall *hc = sc == SC__COUNT ? host_call_named(p, key) : NULL;
	if (sc == SC__COUNT && !hc)
		return perr(ps, "[exit_codes]: unknown scenario '%s' (hvc, mmio, s2perm, sysreg, "
				"irq, unknown_hvc, guest_hvc, irq_entry, serror_entry, serror_exit, vserror, or "
				"a [world] host_call name given before)", key);
	if (hc ? hc->has_code : (p->exit_code_set & (1u << sc)) != 0)
		return perr(ps, "[exit_codes]: '%s' given twice", key);
	bool neg = *val == '-';
	uint64_t v;
	if (!chk_parse_num(val + neg, &v) || (neg && v > (UINT64_C(1) << 63)))
		return perr(ps, "[exit_codes]: %s: '%s' is not a number", key, val);
	v = neg ? (uint64_t)0 - v : v;
	if (hc) {
		hc->code = v;
		hc->has_code = true;
		return EL2_OK;
	}
	p->exit_code[sc] = v;
	p->exit_code_set |= 1u << sc;
	return EL2_OK;
}

/* [fp]: switch = eager | handoff; owner = LOCATION SIZE GUEST [MASK];
 * host_save = LOCATION; owner_init = VALUE; host_save_ptr = LOCATION, where
 * a LOCATION is a number (an offset in the vCPU context) or symbol[+offset]
 * (docs/layout.md). */
static el2_err fp_key(parser *ps, const char *key, const char *val)
{
	static const char *const keys[] = {"switch", "owner", "host_save", "owner_init",
					   "host_save_ptr"};
	el2_check_profile *p = ps->p;
	unsigned k;
	for (k = 0; k < 5; k++)
		if (!strcasecmp(key, keys[k]))
			break;
	if (k == 5)
		return perr(ps, "[fp]: unknown key '%s' (switch, owner, host_save, owner_init, "
				"host_save_ptr)", key);
	if (ps->seen_fp & (1u << k))
		return perr(ps, "[fp]: '%s' given twice", keys[k]);
	ps->seen_fp |= 1u << k;
	char tok[CHK_NAME_MAX];
	const char *rest = val;
	uint64_t size = 0;
	switch (k) {
	case 0:
		if (!strcasecmp(val, "eager"))
			p->fp_switch = CHK_FP_EAGER;
		else if (!strcasecmp(val, "handoff"))
			p->fp_switch = CHK_FP_HANDOFF;
		else
			return perr(ps, "switch: '%s' is neither eager nor handoff", val);
		return EL2_OK;
	case 1:
		if (!chk_next_token(&rest, tok, sizeof(tok)) || !parse_value(ps, tok, &p->fp_owner) ||
		    !chk_next_token(&rest, tok, sizeof(tok)) || !chk_parse_num(tok, &size) ||
		    (size != 1 && size != 2 && size != 4 && size != 8) ||
		    !chk_next_token(&rest, tok, sizeof(tok)) || !chk_parse_num(tok, &p->fp_owner_guest))
			return perr(ps, "owner: expected LOCATION SIZE GUEST_VALUE [MASK], size 1, 2, 4 "
					"or 8, e.g. owner = 0x228 8 1");
		p->fp_owner_size = (unsigned)size;
		p->fp_owner_mask = size == 8 ? UINT64_MAX : (UINT64_C(1) << (8 * size)) - 1;
		if (chk_next_token(&rest, tok, sizeof(tok))) {
			uint64_t m;
			if (!chk_parse_num(tok, &m) || !m || (m & ~p->fp_owner_mask) ||
			    chk_next_token(&rest, tok, sizeof(tok)))
				return perr(ps, "owner: MASK must be one nonzero number within SIZE bytes");
			p->fp_owner_mask = m;
		}
		if (p->fp_owner_guest & ~p->fp_owner_mask)
			return perr(ps, "owner: GUEST_VALUE 0x%" PRIx64 " has bits outside the mask",
				    p->fp_owner_guest);
		p->has_fp_owner = true;
		return EL2_OK;
	case 2:
		if (!parse_value(ps, val, &p->fp_host_save))
			return perr(ps, "host_save: '%s' is neither a context offset nor "
					"symbol[+offset]", val);
		p->has_fp_host_save = true;
		return EL2_OK;
	case 3:
		if (!chk_parse_num(val, &p->fp_owner_init))
			return perr(ps, "owner_init: '%s' is not a number", val);
		p->has_fp_owner_init = true;
		return EL2_OK;
	default:
		if (!parse_value(ps, val, &p->fp_host_save_ptr))
			return perr(ps, "host_save_ptr: '%s' is neither a context offset nor "
					"symbol[+offset]", val);
		p->has_fp_host_save_ptr = true;
		return EL2_OK;
	}
}

/* [cpu]: check_cpu.c. */
static el2_err cpu_key(parser *ps, const char *key, const char *val)
{
	char msg[300];
	el2_err e = chk_cpu_key(&ps->p->cpu, ps->line, key, val, msg, sizeof(msg));
	return e ? perr_as(ps, e, msg) : EL2_OK;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static el2_err parse_line(parser *ps, char *line)
{
	char *hash = strpbrk(line, "#;");
	if (hash)
		*hash = '\0';
	char *s = trim(line);
	if (!*s)
		return EL2_OK;
	ps->p->t1.line = ps->line;
	if (*s == '[') {
		static const char *const names[] = {"world", "el2",    "memory",     "guest",
						    "host",  "config", "exit_codes", "fp", "cpu"};
		char *close = strchr(s, ']');
		if (!close || close[1])
			return perr(ps, "bad section header '%s' (expected [name])", s);
		*close = '\0';
		char t1err[200];
		bool t1bad;
		if (chk_t1_section(&ps->p->t1, s + 1, t1err, sizeof(t1err), &t1bad)) {
			ps->sec = SEC_TYPE1;
			return EL2_OK;
		}
		if (t1bad)
			return perr(ps, "%s", t1err);
		if (!strcasecmp(s + 1, "bench")) {
			ps->sec = SEC_BENCH;
			return EL2_OK;
		}
		for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			if (!strcasecmp(s + 1, names[i])) {
				ps->sec = (enum section)(i + 1);
				return EL2_OK;
			}
		}
		return perr(ps, "unknown section '[%s]' (world, el2, memory, guest, host, "
				"config, exit_codes, fp, cpu, type1, vcpu.NAME, bench)", s + 1);
	}
	char *eq = strchr(s, '=');
	if (!eq)
		return perr(ps, "expected 'key = value', got '%s'", s);
	*eq = '\0';
	char *key = trim(s), *val = trim(eq + 1);
	if (!*key)
		return perr(ps, "missing key before '='");
	if (!*val)
		return perr(ps, "'%s' has no value", key);
	switch (ps->sec) {
	case SEC_WORLD: return world_key(ps, key, val);
	case SEC_EL2: return el2_key(ps, key, val);
	case SEC_MEMORY: return memory_key(ps, key, val);
	case SEC_GUEST: return guest_key(ps, key, val);
	case SEC_HOST: return host_key(ps, key, val);
	case SEC_CONFIG: return config_key(ps, key, val);
	case SEC_EXIT_CODES: return exit_code_key(ps, key, val);
	case SEC_FP: return fp_key(ps, key, val);
	case SEC_CPU: return cpu_key(ps, key, val);
	case SEC_TYPE1: {
		char t1err[200];
		return chk_t1_key(&ps->p->t1, key, val, t1err, sizeof(t1err)) ? EL2_OK
									 : perr(ps, "%s", t1err);
	}
	case SEC_BENCH: {
		char msg[300];
		return chk_bench_key(&ps->p->bench, ps->line, key, val, msg, sizeof(msg))
			       ? EL2_OK
			       : perr(ps, "%s", msg);
	}
	default: return perr(ps, "'%s' appears before any [section]", key);
	}
}

/* Each [vcpu.NAME] memory names a guest region of [memory], when the
 * profile has one (else the default regions, checked with the object). */
static el2_err vcpu_memory(parser *ps)
{
	const el2_check_profile *p = ps->p;
	for (size_t i = 0; p->n_mem && i < p->t1.n_vcpus; i++) {
		const chk_t1_vcpu *v = &p->t1.vcpu[i];
		for (size_t k = 0; k < v->n_mem; k++) {
			const chk_region *r = NULL;
			for (size_t j = 0; j < p->n_mem && !r; j++)
				if (!strcmp(p->mem[j].name, v->mem[k]))
					r = &p->mem[j];
			if (r && (r->attrs & EL2_MEM_GUEST))
				continue;
			ps->line = v->mem_line[k];
			return perr(ps, "[vcpu.%s] memory: '%s' is not a guest region of [memory]",
				    v->name, v->mem[k]);
		}
	}
	return EL2_OK;
}

el2_err el2_check_profile_parse(const char *buf, size_t len, el2_check_profile **out,
				char *errbuf, size_t errlen)
{
	if (!out || (!buf && len))
		return EL2_ERR_INVALID_ARG;
	*out = NULL;
	el2_check_profile *p = calloc(1, sizeof(*p));
	if (!p)
		return EL2_ERR_NOMEM;
	parser ps = {.p = p, .errbuf = errbuf, .errlen = errlen};
	if (errlen)
		errbuf[0] = '\0';
	char line[LINE_MAX_LEN + 1];
	size_t pos = 0;
	el2_err e = EL2_OK;
	while (pos < len && !e) {
		ps.line++;
		size_t n = 0;
		while (pos + n < len && buf[pos + n] != '\n')
			n++;
		if (n > LINE_MAX_LEN)
			e = perr(&ps, "line longer than %d characters", LINE_MAX_LEN);
		else if (memchr(buf + pos, '\0', n))
			e = perr(&ps, "NUL byte in the line");
		else {
			memcpy(line, buf + pos, n);
			line[n] = '\0';
			e = parse_line(&ps, line);
		}
		pos += n + 1;
	}
	if (!e && p->mode == EL2_CHECK_MODE_NVHE && p->has_run_call)
		e = perr(&ps, "[world]: mode nvhe needs 'run = hvc ID', not 'call'");
	if (!e && p->mode == EL2_CHECK_MODE_VHE && p->has_run_hvc)
		e = perr(&ps, "[world]: mode vhe needs 'run = call SYMBOL', not 'hvc'");
	char t1err[200];
	if (!e && p->mode == EL2_CHECK_MODE_TYPE1 && !chk_t1_validate(&p->t1, t1err, sizeof(t1err)))
		e = perr(&ps, "%s", t1err);
	if (!e && p->mode == EL2_CHECK_MODE_TYPE1)
		e = vcpu_memory(&ps);
	if (!e && p->mode != EL2_CHECK_MODE_TYPE1 && (p->t1.n_vcpus || p->t1.seen))
		e = perr(&ps, "[type1] and [vcpu.*] sections need [world] mode = type1");
	if (!e && p->vserror && chk_config_hcr(p) < 0)
		e = perr(&ps, "[world] vserror needs a [config] hcr_el2 slot (where the host "
			      "prepares the guest's HCR_EL2, which gets VSE)");
	if (!e && p->fp_switch == CHK_FP_HANDOFF && !(p->has_fp_owner && p->has_fp_host_save))
		e = perr(&ps, "[fp]: switch = handoff needs owner and host_save");
	if (!e && p->fp_switch != CHK_FP_HANDOFF &&
	    (p->has_fp_owner || p->has_fp_host_save || p->has_fp_owner_init ||
	     p->has_fp_host_save_ptr))
		e = perr(&ps, "[fp]: owner, host_save, owner_init and host_save_ptr need "
			      "switch = handoff");
	if (!e && p->has_fp_owner_init &&
	    ((p->fp_owner_size < 8 && p->fp_owner_init >> (8 * p->fp_owner_size)) ||
	     (p->fp_owner_init & p->fp_owner_mask) == p->fp_owner_guest))
		e = perr(&ps, "[fp]: owner_init 0x%" PRIx64 " must fit the flag's size and not "
			      "say guest (the host owns the registers when it calls)",
			 p->fp_owner_init);
	el2_config cpu_cfg;
	if (!e)
		e = chk_cpu_config(&p->cpu, &cpu_cfg, errbuf, errlen); /* names its line */
	if (e) {
		free(p);
		return e;
	}
	*out = p;
	return EL2_OK;
}

el2_err el2_check_profile_load(const char *path, el2_check_profile **out, char *errbuf,
			       size_t errlen)
{
	if (!path || !out)
		return EL2_ERR_INVALID_ARG;
	*out = NULL;
	uint8_t *data;
	size_t len;
	el2_err fe = sim_file_read(path, PROFILE_MAX_FILE, &data, &len, errbuf, errlen);
	if (fe)
		return fe;
	char *buf = (char *)data;
	char msg[256];
	el2_err e = el2_check_profile_parse(buf, len, out, msg, sizeof(msg));
	free(buf);
	if (e && errlen)
		snprintf(errbuf, errlen, "%s: %s", path, msg);
	if (!e)
		snprintf((*out)->path, sizeof((*out)->path), "%s", path);
	return e;
}

void el2_check_profile_free(el2_check_profile **prof)
{
	if (prof) {
		free(*prof);
		*prof = NULL;
	}
}
