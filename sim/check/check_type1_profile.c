/* SPDX-License-Identifier: MIT */
/* The profile's type-1 sections (docs/type1.md): [type1] says how the
 * hypervisor is entered, which guest calls switch vCPUs and which EL2
 * handles in place; each [vcpu.NAME] describes one vCPU: its context
 * (slots at several bases), its configuration, the EL2 values it runs
 * under and the memory it owns. check_profile.c hands these lines here. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check_internal.h"

/* A syntax error of a type-1 section: false, the message in err
 * (check_profile.c adds the line). */
#define fail(err, len, ...) (chk_fail((err), (len), EL2_ERR_PROFILE_SYNTAX, __VA_ARGS__), false)

/* symbol[+offset] or a number, given at line */
/* "xN" or "xN-xM" tokens into a bit mask */
static bool xregs(const char *s, uint64_t *mask, char *err, size_t len)
{
	char tok[32];
	while (chk_next_token(&s, tok, sizeof(tok))) {
		unsigned a, b;
		char c1, c2;
		int k = sscanf(tok, "%c%u-%c%u", &c1, &a, &c2, &b);
		if (k == 2)
			b = a;
		if ((k != 2 && k != 4) || tolower((unsigned char)c1) != 'x' ||
		    (k == 4 && tolower((unsigned char)c2) != 'x') || a > 30 || b > 30 || a > b)
			return fail(err, len, "'%s' is not x0..x30 or a range xN-xM", tok);
		for (unsigned i = a; i <= b; i++)
			*mask |= UINT64_C(1) << i;
	}
	return true;
}

/* "hvc ID [xN-xM ...]" */
static bool call(const char *key, const char *val, chk_t1_call *c, char *err, size_t len)
{
	char tok[64];
	const char *rest = val;
	if (!chk_next_token(&rest, tok, sizeof(tok)) || strcasecmp(tok, "hvc") ||
	    !chk_next_token(&rest, tok, sizeof(tok)) || !chk_parse_num(tok, &c->id))
		return fail(err, len, "%s: expected 'hvc ID [registers the call defines]', e.g. "
				      "hvc 0xc6000001 x0-x3", key);
	c->set = true;
	c->abi = 0;
	return xregs(rest, &c->abi, err, len);
}

static bool yesno(const char *key, const char *val, bool *out, char *err, size_t len)
{
	return chk_parse_bool(val, out) || fail(err, len, "%s: '%s' is not yes or no", key, val);
}

bool chk_t1_section(chk_t1_profile *t, const char *name, char *err, size_t errlen, bool *is_err)
{
	*is_err = false;
	if (!strcasecmp(name, "type1")) {
		t->cur = -1;
		return true;
	}
	if (strncasecmp(name, "vcpu.", 5))
		return false;
	*is_err = true;
	const char *n = name + 5;
	size_t len = strlen(n);
	if (!len || len >= CHK_T1_NAME)
		return fail(err, errlen, "[vcpu.NAME]: a name of 1 to %d characters", CHK_T1_NAME - 1);
	for (size_t i = 0; i < t->n_vcpus; i++)
		if (!strcasecmp(t->vcpu[i].name, n))
			return fail(err, errlen, "[vcpu.%s] given twice", n);
	if (t->n_vcpus == CHK_T1_MAX_VCPUS)
		return fail(err, errlen, "more than %d vCPUs", CHK_T1_MAX_VCPUS);
	chk_t1_vcpu *v = &t->vcpu[t->n_vcpus];
	memset(v, 0, sizeof(*v));
	strcpy(v->name, n);
	v->id = t->n_vcpus;
	t->cur = (int)t->n_vcpus++;
	*is_err = false;
	return true;
}

static bool type1_key(chk_t1_profile *t, const char *key, const char *val, char *err, size_t len)
{
	static const char *const keys[] = {"run", "switch", "handled", "sysreg", "mmio",
					   "irq", "el2_sp_el0", "stack_switch"};
	unsigned k;
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		if (!strcasecmp(key, keys[k]))
			break;
	if (k == sizeof(keys) / sizeof(keys[0]))
		return fail(err, len, "[type1]: unknown key '%s' (run, switch, handled, sysreg, "
				      "mmio, irq, el2_sp_el0, stack_switch)", key);
	if (k != 7 && (t->seen & (1u << k)))
		return fail(err, len, "[type1]: '%s' given twice", keys[k]);
	t->seen |= 1u << k;
	unsigned line = t->line;
	char tok[CHK_T1_SYM];
	const char *rest = val;
	switch (k) {
	case 0:
		if (!chk_parse_value(line, val, &t->run) || !t->run.is_sym)
			return fail(err, len, "run: '%s' is not a symbol[+offset]", val);
		t->has_run = true;
		return true;
	case 1:
		if (!strcasecmp(val, "irq")) {
			t->sw.set = t->sw_irq = true;
			return true;
		}
		return call(key, val, &t->sw, err, len);
	case 2: return call(key, val, &t->handled, err, len);
	case 3: {
		el2_sysreg sr = el2_sysreg_by_name(val);
		if (sr == EL2_SR_NONE)
			return fail(err, len, "sysreg: '%s' is not a system register", val);
		t->sysreg = EL2_REG_SYSREG_BASE + sr;
		t->has_sysreg = true;
		return true;
	}
	case 4: return yesno(key, val, &t->mmio, err, len);
	case 5: return yesno(key, val, &t->irq, err, len);
	case 6:
		if (!strcasecmp(val, "none")) {
			t->has_el2_sp_el0 = false;
			return true;
		}
		if (!chk_parse_value(line, val, &t->el2_sp_el0))
			return fail(err, len, "el2_sp_el0: '%s' is neither none nor a value", val);
		t->has_el2_sp_el0 = true;
		return true;
	default:
		while (chk_next_token(&rest, tok, sizeof(tok))) {
			chk_t1_loc l;
			if (!chk_parse_value(line, tok, &l) || !l.is_sym || l.num)
				return fail(err, len, "stack_switch: '%s' is not a symbol", tok);
			if (t->n_stack_switch == 8)
				return fail(err, len, "stack_switch: more than 8 symbols");
			t->stack_switch_line[t->n_stack_switch] = line;
			strcpy(t->stack_switch[t->n_stack_switch++], l.sym);
		}
		return true;
	}
}

static bool overlaps(const chk_t1_vcpu *v, const chk_t1_loc *l, unsigned bytes, el2_reg r,
		     char *err, size_t len)
{
	for (size_t i = 0; i < v->n_slots; i++) {
		const chk_t1_slot *o = &v->slot[i];
		if (o->reg == r)
			return fail(err, len, "[vcpu.%s]: '%s' given twice", v->name, el2_reg_name(r));
		if (strcmp(o->loc.sym, l->sym) || o->loc.is_sym != l->is_sym)
			continue;
		if (l->num < o->loc.num + chk_slot_bytes(o->reg) && o->loc.num < l->num + bytes)
			return fail(err, len, "%s: overlaps %s", el2_reg_name(r), el2_reg_name(o->reg));
	}
	return true;
}

static bool vcpu_key(chk_t1_vcpu *v, unsigned line, const char *key, const char *val, char *err,
		     size_t len)
{
	char tok[CHK_T1_SYM];
	const char *rest = val;
	if (!strncasecmp(key, "base.", 5)) {
		const char *n = key + 5;
		if (!*n || strlen(n) >= CHK_T1_NAME || v->n_bases == CHK_T1_MAX_BASES)
			return fail(err, len, "%s: a base name (at most %d bases)", key, CHK_T1_MAX_BASES);
		for (size_t i = 0; i < v->n_bases; i++)
			if (!strcasecmp(v->base_name[i], n))
				return fail(err, len, "%s given twice", key);
		if (!chk_parse_value(line, val, &v->base[v->n_bases]) || !v->base[v->n_bases].is_sym)
			return fail(err, len, "%s: '%s' is not a symbol[+offset]", key, val);
		strcpy(v->base_name[v->n_bases++], n);
		return true;
	}
	if (!strncasecmp(key, "config.", 7)) {
		el2_reg r;
		chk_t1_cfg c;
		if (el2_reg_by_name(key + 7, &r) || !chk_is_el2_reg(r))
			return fail(err, len, "%s: not an EL2 register", key);
		if (!chk_next_token(&rest, tok, sizeof(tok)) || !chk_parse_value(line, tok, &c.loc) ||
		    !chk_next_token(&rest, tok, sizeof(tok)) || !chk_parse_value(line, tok, &c.val) ||
		    chk_next_token(&rest, tok, sizeof(tok)))
			return fail(err, len, "%s: expected LOCATION VALUE", key);
		if (v->n_cfg == CHK_T1_MAX_CONFIG)
			return fail(err, len, "more than %d config lines", CHK_T1_MAX_CONFIG);
		c.reg = r;
		v->cfg[v->n_cfg++] = c;
		return true;
	}
	if (!strcasecmp(key, "poison")) {
		chk_t1_poison p = {0};
		if (!chk_next_token(&rest, tok, sizeof(tok)) || !chk_parse_value(line, tok, &p.loc) ||
		    !chk_next_token(&rest, tok, sizeof(tok)) || !chk_parse_num(tok, &p.size) || !p.size ||
		    p.size > (UINT64_C(1) << 24))
			return fail(err, len, "poison: expected LOCATION SIZE [el2]");
		if (chk_next_token(&rest, tok, sizeof(tok))) {
			if (strcasecmp(tok, "el2"))
				return fail(err, len, "poison: '%s' is not 'el2'", tok);
			p.el2 = true;
		}
		if (v->n_poison == CHK_T1_MAX_POISON)
			return fail(err, len, "more than %d poison lines", CHK_T1_MAX_POISON);
		v->poison[v->n_poison++] = p;
		return true;
	}
	if (!strcasecmp(key, "memory")) {
		while (chk_next_token(&rest, tok, sizeof(tok))) {
			if (v->n_mem == CHK_T1_MAX_MEM || strlen(tok) >= CHK_T1_NAME)
				return fail(err, len, "memory: at most %d region names", CHK_T1_MAX_MEM);
			v->mem_line[v->n_mem] = line;
			strcpy(v->mem[v->n_mem++], tok);
		}
		return true;
	}
	if (!strcasecmp(key, "id")) {
		if (!chk_parse_num(val, &v->id))
			return fail(err, len, "id: '%s' is not a number", val);
		v->has_id = true;
		return true;
	}
	chk_t1_loc *dst = NULL;
	bool *has = NULL;
	if (!strcasecmp(key, "arg"))
		dst = &v->arg, has = &v->has_arg;
	else if (!strcasecmp(key, "expect.sp_el2"))
		dst = &v->sp_el2, has = &v->has_sp_el2;
	else if (!strcasecmp(key, "expect.tpidr_el2"))
		dst = &v->tpidr_el2, has = &v->has_tpidr_el2;
	else if (!strcasecmp(key, "stub"))
		dst = &v->stub, has = &v->has_stub;
	if (dst) {
		if (!chk_parse_value(line, val, dst))
			return fail(err, len, "%s: '%s' is not a number or symbol[+offset]", key, val);
		*has = true;
		return true;
	}
	/* a context slot: REG = LOCATION */
	el2_reg r;
	if (el2_reg_by_name(key, &r) || r == EL2_REG_SP || (r >= EL2_REG_V0 && r <= EL2_REG_V31))
		return fail(err, len, "[vcpu.%s]: unknown key or register '%s' (V registers are "
				      "not judged in type-1 mode)", v->name, key);
	if (r == EL2_SYSREG(ELR_EL2))
		r = EL2_REG_PC;
	else if (r == EL2_SYSREG(SPSR_EL2))
		r = EL2_REG_PSTATE;
	else if (chk_is_el2_reg(r))
		return fail(err, len, "%s: EL2 state goes in config.%s = LOCATION VALUE", key, key);
	chk_t1_slot s = {.reg = r};
	if (!chk_parse_value(line, val, &s.loc))
		return fail(err, len, "%s: '%s' is not a LOCATION (base+off, symbol+off)", key, val);
	if (!overlaps(v, &s.loc, chk_slot_bytes(r), r, err, len))
		return false;
	if (v->n_slots == CHK_T1_MAX_SLOTS)
		return fail(err, len, "more than %d slots", CHK_T1_MAX_SLOTS);
	v->slot[v->n_slots++] = s;
	return true;
}

bool chk_t1_key(chk_t1_profile *t, const char *key, const char *val, char *err, size_t errlen)
{
	if (t->cur < 0)
		return type1_key(t, key, val, err, errlen);
	return vcpu_key(&t->vcpu[t->cur], t->line, key, val, err, errlen);
}

bool chk_t1_validate(const chk_t1_profile *t, char *err, size_t len)
{
	if (!t->has_run)
		return fail(err, len, "mode type1: set [type1] run = SYMBOL (the run/resume-vCPU path)");
	if (t->n_vcpus < 1)
		return fail(err, len, "mode type1: describe at least one [vcpu.NAME]");
	if (t->n_vcpus > 1 && !t->sw.set)
		return fail(err, len, "mode type1: two vCPUs need [type1] switch = hvc ID (or irq)");
	if (t->sw_irq && t->irq)
		return fail(err, len, "mode type1: irq = yes (resumed in place) and switch = irq "
				      "(an interrupt switches) exclude each other");
	for (size_t i = 0; i < t->n_vcpus; i++) {
		const chk_t1_vcpu *v = &t->vcpu[i];
		bool pc = false, mem = v->n_mem > 0;
		for (size_t j = 0; j < v->n_slots; j++)
			pc |= v->slot[j].reg == EL2_REG_PC;
		if (!pc || !mem)
			return fail(err, len, "[vcpu.%s]: needs a pc slot and memory = REGION", v->name);
		for (size_t j = 0; j < i; j++)
			if (t->vcpu[j].id == v->id)
				return fail(err, len, "[vcpu.%s]: id %llu is [vcpu.%s]'s", v->name,
					    (unsigned long long)v->id, t->vcpu[j].name);
	}
	return true;
}
