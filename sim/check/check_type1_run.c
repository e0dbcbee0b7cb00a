/* SPDX-License-Identifier: MIT */
/* The type-1 checker (docs/type1.md): no host. The checker fills every
 * vCPU's context (slots at several bases, configuration, poisoned bytes no
 * slot names), writes each vCPU's guest stub into the vCPU's own memory
 * and enters the first vCPU through the hypervisor's own run path. Each
 * stub is a script of steps: give every register the guest can write a
 * new value, then trap (a call EL2 handles in place, a trapped system
 * register, an MMIO read, an interrupt) or ask for a switch to another
 * vCPU. check_type1_judge.c judges every entry and exit as it happens. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check_internal.h"
#include "el2sim/bits.h"
#include "el2sim/pstate.h"

#define A64_MOV_SP_X9 0x9100013fu
#define T1_STUB_MAX 0x8000u

static const char *const sc_names[] = {"resume", "switch"};

const char *chk_t1_scenario_name(unsigned sc)
{
	return sc < 2 ? sc_names[sc] : "?";
}

/* A LOCATION: a number, a base of vc, or a symbol (an unknown one names
 * the profile's line and the closest base or symbol). */
static el2_err resolve(const chk_checker *ck, const chk_t1_vc *vc, const chk_t1_loc *l,
		       uint64_t *out, char *errbuf, size_t errlen)
{
	if (!l->is_sym) {
		*out = l->num;
		return EL2_OK;
	}
	const char *bases[CHK_T1_MAX_BASES];
	size_t n_bases = 0;
	for (size_t i = 0; vc && i < vc->d->n_bases && i < CHK_T1_MAX_BASES; i++) {
		if (vc->base[i] && !strcasecmp(vc->d->base_name[i], l->sym)) {
			*out = vc->base[i] + l->num;
			return EL2_OK;
		}
		bases[n_bases++] = vc->d->base_name[i];
	}
	uint64_t a; /* a symbol of the object, or of the caller's definitions */
	if (chk_profile_symbol(&ck->prof, ck->world.img, l->sym, l->line, &a, NULL, 0))
		return chk_profile_unknown(&ck->prof, ck->world.img, l->sym, l->line, bases,
					   n_bases, errbuf, errlen);
	*out = a + l->num;
	return EL2_OK;
}

/* vCPUs of one VM share its RAM: each gets its own stub. Default: the
 * start of its first RAM region, T1_STUB_SHARED bytes further for each
 * earlier vCPU whose stub is in the same region; or `stub = LOCATION`. */
#define T1_STUB_SHARED 0x3000u
static el2_err place_stub(chk_checker *ck, chk_t1_vc *vc, char *errbuf, size_t errlen)
{
	const el2_mem_region *r = el2_mem_find(ck->world.mem, vc->stub);
	if (vc->d->has_stub) {
		el2_err e = resolve(ck, vc, &vc->d->stub, &vc->stub, errbuf, errlen);
		if (e)
			return e;
		r = el2_mem_find(ck->world.mem, vc->stub);
		bool own = false;
		for (size_t i = 0; r && i < vc->n_mem; i++)
			own |= vc->mem_base[i] == r->base && !vc->mem_mmio[i];
		if (!own || vc->stub % 4)
			return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
					"[vcpu.%s] stub: 0x%" PRIx64 " is not in one of its RAM regions "
					"(or not 4-byte aligned)", vc->d->name, vc->stub);
	} else {
		chk_t1_vc *all = vc - vc->idx;
		for (unsigned i = 0; i < vc->idx; i++)
			if (all[i].stub >= r->base && all[i].stub - r->base < r->size)
				vc->stub += T1_STUB_SHARED;
	}
	uint64_t room = r->base + r->size - vc->stub;
	for (unsigned i = 0; i < vc->idx; i++) {
		const chk_t1_vc *o = vc - vc->idx + i;
		if (o->stub > vc->stub && o->stub - vc->stub < room)
			room = o->stub - vc->stub;
		if (vc->stub >= o->stub && vc->stub < o->stub + o->stub_size)
			return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
					"[vcpu.%s] stub: 0x%" PRIx64 " is inside vcpu %s's stub",
					vc->d->name, vc->stub, o->d->name);
	}
	vc->stub_size = room < T1_STUB_MAX ? room : T1_STUB_MAX;
	if (!vc->d->has_stub) {
		bool shared = false;
		for (unsigned i = 0; i < ck->prof.t1.n_vcpus; i++)
			for (size_t k = 0; i != vc->idx && k < ck->prof.t1.vcpu[i].n_mem; k++)
				shared |= !strcasecmp(ck->prof.t1.vcpu[i].mem[k], r->name);
		if (shared && vc->stub_size > T1_STUB_SHARED)
			vc->stub_size = T1_STUB_SHARED;
	}
	return EL2_OK;
}

static el2_err resolve_vcpu(chk_checker *ck, chk_t1_vc *vc, char *errbuf, size_t errlen)
{
	const chk_t1_vcpu *d = vc->d;
	el2_err e = EL2_OK;
#define R(loc, out)                                                        \
	do {                                                               \
		if ((e = resolve(ck, vc, (loc), (out), errbuf, errlen)))  \
			return e;                                          \
	} while (0)
	for (size_t i = 0; i < d->n_bases; i++)
		R(&d->base[i], &vc->base[i]);
	for (size_t i = 0; i < d->n_slots; i++)
		R(&d->slot[i].loc, &vc->slot_addr[i]);
	for (size_t i = 0; i < d->n_cfg; i++) {
		R(&d->cfg[i].loc, &vc->cfg_addr[i]);
		R(&d->cfg[i].val, &vc->cfg_val[i]);
	}
	if (d->has_arg)
		R(&d->arg, &vc->arg);
	else
		vc->arg = d->n_bases ? vc->base[0] : 0;
	if (d->has_sp_el2)
		R(&d->sp_el2, &vc->sp_el2);
	if (d->has_tpidr_el2)
		R(&d->tpidr_el2, &vc->tpidr_el2);
	for (size_t i = 0; i < d->n_poison; i++) { /* poison() skips none silently */
		uint64_t a;
		R(&d->poison[i].loc, &a);
	}
#undef R
	for (size_t i = 0; i < d->n_mem; i++) {
		const el2_mem_region *r = el2_mem_find_name(ck->world.mem, d->mem[i]);
		if (!r || !(r->attrs & EL2_MEM_GUEST))
			return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
					"[vcpu.%s] memory: '%s' is not a guest region of [memory]",
					d->name, d->mem[i]);
		vc->mem_base[vc->n_mem] = r->base;
		vc->mem_size[vc->n_mem] = r->size;
		vc->mem_mmio[vc->n_mem] = (r->attrs & EL2_MEM_MMIO) != 0;
		if (vc->mem_mmio[vc->n_mem] && !vc->mmio)
			vc->mmio = r->base;
		if (!vc->mem_mmio[vc->n_mem] && !vc->stub)
			vc->stub = r->base;
		vc->n_mem++;
	}
	if (!vc->stub)
		return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				"[vcpu.%s] memory: no RAM region for the guest stub", d->name);
	return place_stub(ck, vc, errbuf, errlen);
}

/* ---- values ---- */
/* Control registers whose other bits would change how the stub runs: a
 * code unique to (vCPU, step) spread over bits that change nothing here. */
static bool mild(el2_reg reg, unsigned code, uint64_t *out)
{
	static const struct { el2_reg reg; uint64_t base, harmless; } rows[] = {
		{EL2_SYSREG(SCTLR_EL1), 0, CHK_SCTLR_HARMLESS},
		{EL2_SYSREG(CPACR_EL1), EL2_CPACR_FPEN, EL2_BIT(21) | EL2_BIT(28)},
		{EL2_SYSREG(MDSCR_EL1), 0, EL2_BIT(12) | EL2_BIT(26) | EL2_BIT(27) | EL2_BIT(29) |
						   EL2_BIT(30)},
		{EL2_SYSREG(CNTKCTL_EL1), 0, EL2_BIT(0) | EL2_BIT(1) | EL2_BIT(8) | EL2_BIT(9)},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (rows[i].reg != reg)
			continue;
		uint64_t v = rows[i].base;
		if (reg == EL2_SYSREG(SCTLR_EL1))
			v = el2_sysreg_get(EL2_SR_SCTLR_EL1)->reset & ~rows[i].harmless;
		unsigned b = 0;
		for (unsigned bit = 0; bit < 64; bit++)
			if (rows[i].harmless & EL2_BIT(bit))
				v |= ((uint64_t)((code >> b++) & 1u)) << bit;
		*out = v;
		return true;
	}
	return false;
}

static uint64_t value_for(chk_t1_trip *t, unsigned v, unsigned step, el2_reg reg)
{
	uint64_t tag = el2_check_tag(EL2_TAG_GUEST, reg, t->run, chk_t1_salt(t, v, step, reg)), m;
	if (reg == EL2_SYSREG(SP_EL0) || reg == EL2_SYSREG(SP_EL1))
		return tag & ~UINT64_C(0xf);
	if (!EL2_REG_IS_SYSREG(reg))
		return tag;
	if (mild(reg, v * 8u + step, &m))
		return chk_masked(t->ck, reg, m);
	return chk_masked(t->ck, reg, tag);
}

/* ---- scripts and stubs ---- */
static void add_step(chk_t1_vc *vc, chk_t1_act a, unsigned target)
{
	if (vc->n_steps == CHK_T1_MAX_STEPS)
		return;
	vc->target[vc->n_steps] = target;
	vc->acts[vc->n_steps++] = a;
}

/* The resume kinds the profile enables, in a fixed order. */
static size_t resume_kinds(const chk_t1_profile *p, chk_t1_act *out)
{
	size_t n = 0;
	if (p->handled.set)
		out[n++] = T1_HVC;
	if (p->has_sysreg)
		out[n++] = T1_SYSREG;
	if (p->mmio)
		out[n++] = T1_MMIO;
	if (p->irq)
		out[n++] = T1_IRQ;
	return n;
}

/* resume: the first vCPU traps with every kind EL2 handles in place and
 * is resumed each time. switch: vCPU 0 -> 1 -> ... -> 0 -> 1 ... -> 0, two
 * rounds, one resume before each switch (kinds rotating; one interrupt). */
static void build_script(chk_t1_trip *t)
{
	const chk_t1_profile *p = &t->ck->prof.t1;
	chk_t1_act kinds[4];
	size_t nk = resume_kinds(p, kinds);
	for (size_t i = 0; i < t->n_vc; i++)
		t->vc[i].n_steps = 0;
	if (t->sc == 0) {
		for (size_t k = 0; k < nk; k++)
			add_step(&t->vc[0], kinds[k], 0);
		if (p->handled.set)
			add_step(&t->vc[0], T1_HVC, 0);
		add_step(&t->vc[0], T1_DONE, 0);
		return;
	}
	unsigned visit = 0;
	bool irq_used = false;
	for (unsigned round = 0; round < 2; round++) {
		for (size_t i = 0; i < t->n_vc; i++, visit++) {
			if (nk && !t->learn) {
				chk_t1_act a = kinds[visit % nk];
				if (a == T1_IRQ && irq_used)
					a = kinds[0];
				if (a != T1_IRQ || !irq_used)
					add_step(&t->vc[i], a, 0);
				irq_used |= a == T1_IRQ;
			}
			add_step(&t->vc[i], p->sw_irq ? T1_IRQSW : T1_SWITCH,
				 (unsigned)((i + 1) % t->n_vc));
		}
	}
	if (nk && !t->learn && p->handled.set)
		add_step(&t->vc[0], T1_HVC, 0);
	add_step(&t->vc[0], T1_DONE, 0);
}

static size_t scramble(chk_t1_trip *t, unsigned v, unsigned step, uint32_t *g, size_t n,
		       size_t max)
{
	chk_t1_vc *vc = &t->vc[v];
	for (unsigned sr = 0; vc->w_known && sr < EL2_SR_COUNT; sr++) {
		if (!vc->w[sr] || chk_guestcfg_is_pstate(sr))
			continue;
		if (n + 5 + 200 > max)
			return max; /* write_stub reports it */
		el2_reg r = EL2_REG_SYSREG_BASE + sr;
		el2_sysreg clr = chk_pmu_clear_row(sr);
		if (clr != EL2_SR_NONE) { /* a set/clear pair: clear all, then set */
			g[n++] = CHK_A64_MOVN_ALL(9u);
			g[n++] = CHK_A64_MSR(el2_sysreg_get(clr)->enc, 9u);
		}
		n = chk_emit_mov64(g, n, 9, value_for(t, v, step, r));
		g[n++] = CHK_A64_MSR(el2_sysreg_get((el2_sysreg)sr)->enc, 9u);
	}
	n = chk_emit_mov64(g, n, 9, value_for(t, v, step, EL2_SYSREG(SP_EL1)));
	g[n++] = A64_MOV_SP_X9;
	/* PSTATE: NZCV, and the fields the guest may flip that change
	 * nothing here (PAN, UAO, SSBS, DIT); never DAIF or SPSel. */
	static const struct { unsigned sr; uint64_t mask; } f[] = {
		{EL2_SR_NZCV, EL2_PSR_NZCV}, {EL2_SR_PAN, EL2_PSR_PAN}, {EL2_SR_UAO, EL2_PSR_UAO},
		{EL2_SR_SSBS, EL2_PSR_SSBS}, {EL2_SR_DIT, EL2_PSR_DIT}};
	uint64_t pat = chk_mix(t->run_seed ^ (v * 131u + step));
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (!vc->w[f[i].sr] && f[i].sr != EL2_SR_NZCV)
			continue;
		n = chk_emit_mov64(g, n, 9, pat & f[i].mask);
		g[n++] = CHK_A64_MSR(el2_sysreg_get((el2_sysreg)f[i].sr)->enc, 9u);
	}
	for (unsigned i = 0; i <= 30; i++)
		n = chk_emit_mov64(g, n, i, value_for(t, v, step, EL2_REG_X(i)));
	return n;
}

static el2_err write_stub(chk_t1_trip *t, unsigned v)
{
	chk_t1_vc *vc = &t->vc[v];
	const chk_t1_profile *p = &t->ck->prof.t1;
	size_t max = (size_t)(vc->stub_size / 4), n = 0;
	uint32_t *g = calloc(max, 4);
	if (!g)
		return EL2_ERR_NOMEM;
	for (unsigned s = 0; s < vc->n_steps; s++) {
		if (!t->learn && vc->acts[s] != T1_DONE)
			n = scramble(t, v, s + 1, g, n, max);
		if (n + 16 > max) {
			free(g);
			return EL2_ERR_INVALID_ARG;
		}
		switch (vc->acts[s]) {
		case T1_HVC:
			n = chk_emit_mov64(g, n, 0, p->handled.id);
			vc->step_pc[s] = vc->stub + 4 * n;
			g[n++] = A64_HVC0;
			break;
		case T1_SWITCH:
			n = chk_emit_mov64(g, n, 0, p->sw.id);
			n = chk_emit_mov64(g, n, 1, t->vc[vc->target[s]].d->id);
			vc->step_pc[s] = vc->stub + 4 * n;
			g[n++] = A64_HVC0;
			break;
		case T1_SYSREG:
			vc->step_pc[s] = vc->stub + 4 * n;
			g[n++] = CHK_A64_MSR(el2_sysreg_get((el2_sysreg)(p->sysreg - EL2_REG_SYSREG_BASE))
						     ->enc, 7u);
			break;
		case T1_MMIO:
			n = chk_emit_mov64(g, n, 6, vc->mmio ? vc->mmio : t->ck->world.guest_stub);
			vc->step_pc[s] = vc->stub + 4 * n;
			g[n++] = A64_LDR_X5_X6;
			break;
		case T1_IRQ:
			g[n++] = A64_NOP;
			vc->step_pc[s] = t->irq_addr = vc->stub + 4 * n;
			g[n++] = A64_NOP;
			break;
		case T1_IRQSW:
			g[n++] = A64_NOP;
			vc->step_pc[s] = vc->stub + 4 * n;
			el2_engine_line_at_addr(t->eng, EL2_LINE_IRQ, true, vc->step_pc[s]);
			g[n++] = A64_NOP;
			break;
		case T1_DONE:
			vc->step_pc[s] = vc->done_pc = vc->stub + 4 * n;
			g[n++] = A64_B_SELF;
			break;
		}
	}
	if (!vc->done_pc) {
		vc->done_pc = vc->stub + 4 * n;
		g[n++] = A64_B_SELF;
	}
	el2_err e = el2_mem_write(t->mem, vc->stub, g, n * 4);
	free(g);
	return e;
}

/* ---- state ---- */
static void poison(chk_t1_trip *t, unsigned v)
{
	const chk_t1_vc *vc = &t->vc[v];
	for (size_t i = 0; i < vc->d->n_poison; i++) {
		const chk_t1_poison *pz = &vc->d->poison[i];
		uint64_t a;
		if (resolve(t->ck, vc, &pz->loc, &a, NULL, 0))
			continue; /* resolve_vcpu refused the check */
		for (uint64_t off = 0; off + 8 <= pz->size; off += 8) {
			uint64_t val = pz->el2 ? el2_check_tag(EL2_TAG_EL2, EL2_SYSREG(SP_EL2), t->run,
							       (uint32_t)(off / 8) & EL2_TAG_MAX_SALT)
					       : el2_check_tag(EL2_TAG_POISON, EL2_REG_PC, t->run,
							       ((uint32_t)v << 18) | ((uint32_t)(off / 8) & 0x3ffff));
			el2_mem_write(t->mem, a + off, &val, 8);
		}
	}
}

static el2_err setup(chk_t1_trip *t, char *errbuf, size_t errlen)
{
	chk_checker *ck = t->ck;
	const el2_check_profile *p = &ck->prof;
	el2_pe *pe = t->pe;
	el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL2h | EL2_PSR_DAIF);
	for (size_t i = 0; i < p->n_el2; i++) {
		uint64_t v;
		el2_err e = chk_profile_value(p, &p->el2[i].v, t->img, &v, errbuf, errlen);
		if (e)
			return e;
		if ((e = el2_reg_write(pe, p->el2[i].reg, v)))
			return chk_fail(errbuf, errlen, e, "[el2] %s: cannot be written (%s)",
					el2_reg_name(p->el2[i].reg), el2_strerror(e));
	}
	for (unsigned v = 0; v < t->n_vc; v++)
		poison(t, v);
	for (unsigned v = 0; v < t->n_vc; v++) {
		chk_t1_vc *vc = &t->vc[v];
		for (size_t i = 0; i < vc->d->n_slots; i++) {
			el2_reg r = vc->d->slot[i].reg;
			uint64_t val = value_for(t, v, 0, r);
			if (r == EL2_REG_PC)
				val = vc->stub;
			else if (r == EL2_REG_PSTATE)
				val = EL2_PSR_MODE_EL1h | EL2_PSR_DAIF;
			vc->init[i] = val;
			el2_mem_write(t->mem, vc->slot_addr[i], &val, 8);
		}
		for (size_t i = 0; i < vc->d->n_cfg; i++)
			el2_mem_write(t->mem, vc->cfg_addr[i], &vc->cfg_val[i], 8);
		vc->entries = 0;
		vc->exited = false;
		vc->done_pc = 0;
		el2_snapshot_free((el2_snapshot **)&vc->exit_snap);
	}
	t->irq_addr = 0;
	for (unsigned v = 0; v < t->n_vc; v++) {
		el2_err e = write_stub(t, v);
		if (e)
			return chk_fail(errbuf, errlen, e, "vcpu %s's guest stub does not fit in "
					"0x%" PRIx64 " bytes at 0x%" PRIx64 " (give it more room: "
					"[vcpu.%s] stub = ADDRESS)", t->vc[v].d->name,
					t->vc[v].stub_size, t->vc[v].stub, t->vc[v].d->name);
	}
	bool has_sp = false;
	for (size_t i = 0; i < p->n_el2; i++)
		has_sp |= p->el2[i].reg == EL2_SYSREG(SP_EL2);
	if (!has_sp && t->vc[0].d->has_sp_el2)
		el2_reg_write(pe, EL2_SYSREG(SP_EL2), t->vc[0].sp_el2);
	uint64_t run = 0;
	el2_err e = resolve(t->ck, NULL, &p->t1.run, &run, errbuf, errlen);
	if (e)
		return e;
	el2_reg_write(pe, EL2_REG_X(0), t->vc[0].arg);
	el2_reg_write(pe, EL2_REG_PC, run);
	if (t->irq_addr)
		el2_engine_line_at_addr(t->eng, EL2_LINE_IRQ, true, t->irq_addr);
	return EL2_OK;
}

static void unfinished(chk_t1_trip *t)
{
	el2_check_finding f = {.property = 2};
	snprintf(f.reg, sizeof(f.reg), "pc");
	snprintf(f.phase, sizeof(f.phase), "scenario end");
	snprintf(f.scenario, sizeof(f.scenario), "%s", chk_t1_scenario_name(t->sc));
	f.run = t->run;
	f.run_seed = t->run_seed;
	char where[96];
	chk_where_img(t->img, t->rr.pc, where, sizeof(where));
	snprintf(f.detail, sizeof(f.detail),
		 "the %s scenario never reached its end (vCPU %.16s's last step): stopped at %.96s: %.300s",
		 chk_t1_scenario_name(t->sc), t->vc[0].d->name, where,
		 t->rr.message[0] ? t->rr.message : "instruction budget spent");
	t->ck->res->checks[2]++;
	chk_add_finding(t->ck->res, &f);
}

static el2_err run_one(chk_t1_trip *t, char *errbuf, size_t errlen)
{
	chk_world *w = &t->ck->world;
	chk_world_reset(w);
	t->pe = w->pe;
	t->mem = w->mem;
	t->eng = w->eng;
	t->img = w->img;
	t->cur = -1;
	t->n_frames = 0;
	t->pending_call = false;
	t->prev_in = true;
	build_script(t);
	el2_err e = setup(t, errbuf, errlen);
	if (e)
		return e;
	el2_engine_set_event_hook(t->eng, chk_t1_on_event, t);
	const chk_t1_profile *p = &t->ck->prof.t1;
	bool trace = t->rerun || (!t->learn && (t->n_asm || p->has_el2_sp_el0));
	t->prev_valid = false;
	el2_engine_set_trace_hook(t->eng, trace ? chk_t1_on_insn : NULL, t);
	el2_run_opts o = el2_run_opts_default();
	o.budget = t->ck->opts.budget;
	o.n_stop_addrs = 1;
	o.stop_addrs[0] = t->vc[0].done_pc;
	e = el2_engine_run(t->eng, &o, &t->rr);
	el2_engine_set_trace_hook(t->eng, NULL, NULL);
	if (e && t->rr.reason != EL2_STOP_ERROR)
		return chk_fail(errbuf, errlen, e, "engine run failed: %s", el2_strerror(e));
	if (t->rr.reason != EL2_STOP_ADDRESS && !t->learn && !t->rerun)
		unfinished(t);
	return EL2_OK;
}

/* Runs the same scenario run again watching the registers of its new
 * findings (t->watch) and names each one's last writer. */
static void find_writers(chk_t1_trip *t)
{
	char err[64];
	t->rerun = true;
	for (size_t i = 0; i < t->n_watch; i++) {
		t->watch[i].has_writer = t->watch[i].frozen = false;
		t->watch[i].last = 0;
	}
	el2_err e = run_one(t, err, sizeof(err));
	t->rerun = false;
	for (size_t i = 0; !e && i < t->n_watch; i++) {
		chk_watch w = {.has_writer = t->watch[i].has_writer,
			       .writer_pc = t->watch[i].writer_pc};
		chk_fill_writer(&(chk_trip){.ck = t->ck, .img = (el2_image *)t->img, .mem = t->mem},
				&t->ck->res->findings[t->watch[i].finding], &w);
	}
	t->n_watch = 0;
}

static el2_err ranges(chk_t1_trip *t, char *errbuf, size_t errlen)
{
	const el2_check_profile *p = &t->ck->prof;
	t->n_asm = 0;
	for (size_t i = 0; i < p->n_entry_asm + p->t1.n_stack_switch; i++) {
		bool ea = i < p->n_entry_asm;
		const char *name = ea ? p->entry_asm[i] : p->t1.stack_switch[i - p->n_entry_asm];
		unsigned line = ea ? p->entry_asm_line[i] : p->t1.stack_switch_line[i - p->n_entry_asm];
		el2_err e = chk_profile_label(p, t->ck->world.img, name, line, &t->asm_lo[t->n_asm],
					      &t->asm_hi[t->n_asm], errbuf, errlen);
		if (e)
			return e;
		t->n_asm++;
	}
	t->n_entry_asm = p->n_entry_asm;
	if (p->t1.has_el2_sp_el0) {
		el2_err e = resolve(t->ck, NULL, &p->t1.el2_sp_el0, &t->el2_sp_el0, errbuf, errlen);
		if (e)
			return e;
	}
	return EL2_OK;
}

static el2_err check(chk_checker *ck, chk_t1_vc *vc, char *errbuf, size_t errlen)
{
	const chk_t1_profile *p = &ck->prof.t1;
	el2_check_result *res = ck->res;
	chk_t1_trip *t = calloc(1, sizeof(*t));
	if (!t)
		return EL2_ERR_NOMEM;
	*t = (chk_t1_trip){.ck = ck, .vc = vc, .n_vc = p->n_vcpus};
	unsigned first, runs;
	el2_err e = chk_run_range(ck, &first, &runs, NULL, errbuf, errlen);
	if (!e)
		e = ranges(t, errbuf, errlen);
	/* learn each vCPU's configuration as the hypervisor enters it */
	t->learn = true;
	t->sc = p->n_vcpus > 1 ? 1 : 0;
	if (!e)
		e = run_one(t, errbuf, errlen);
	t->learn = false;
	chk_t1_act kinds[4];
	bool sc_on[2] = {resume_kinds(p, kinds) > 0, p->n_vcpus > 1};
	if (!e && ck->opts.scenario) {
		int k = !strcmp(ck->opts.scenario, sc_names[0]) ? 0
			: !strcmp(ck->opts.scenario, sc_names[1]) ? 1 : -1;
		if (k < 0 || !sc_on[k])
			e = chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				     "--scenario %s: a type1 profile runs %s%s%s", ck->opts.scenario,
				     sc_on[0] ? "resume" : "", sc_on[0] && sc_on[1] ? " and " : "",
				     sc_on[1] ? "switch" : "");
	}
	for (unsigned sc = 0; sc < 2; sc++)
		if (sc_on[sc] && (!ck->opts.scenario || !strcmp(ck->opts.scenario, sc_names[sc])))
			snprintf(res->scenarios[res->n_scenarios++], 16, "%s", sc_names[sc]);
	res->runs = runs - first;
	for (unsigned run = first; run < runs && !e; run++) {
		for (unsigned sc = 0; sc < 2 && !e; sc++) {
			if (!sc_on[sc] || (ck->opts.scenario && strcmp(ck->opts.scenario, sc_names[sc])))
				continue;
			t->run = run;
			t->sc = sc;
			t->run_seed = chk_run_seed(ck, run);
			t->n_watch = 0;
			e = run_one(t, errbuf, errlen);
			res->round_trips++;
			if (!e && t->n_watch && ck->opts.last_writer)
				find_writers(t);
		}
	}
	for (size_t i = 0; i < p->n_vcpus; i++)
		el2_snapshot_free((el2_snapshot **)&vc[i].exit_snap);
	free(t);
	return e;
}

el2_err chk_t1_check_file(const char *path, const el2_check_profile *prof,
			  const el2_check_opts *opts, el2_check_result **out, char *errbuf,
			  size_t errlen)
{
	*out = NULL;
	chk_checker *ck = calloc(1, sizeof(*ck));
	chk_t1_vc *vc = calloc(CHK_T1_MAX_VCPUS, sizeof(*vc));
	if (!ck || !vc || !(ck->res = calloc(1, sizeof(*ck->res)))) {
		free(ck);
		free(vc);
		return EL2_ERR_NOMEM;
	}
	ck->opts = opts ? *opts : el2_check_opts_default();
	if (!ck->opts.budget)
		ck->opts.budget = EL2_CHECK_DEFAULT_BUDGET;
	ck->prof = *prof;
	ck->prof.symdefs = ck->opts.symdefs;
	ck->prof.n_symdefs = ck->opts.n_symdefs;
	ck->path = path;
	/* [cpu]: the PE the profile describes, as in the KVM-style checker */
	el2_err e = chk_cpu_config(&ck->prof.cpu, &ck->cfg, errbuf, errlen);
	if (!e)
		e = el2_pe_new(&ck->cfg, &ck->scratch);
	if (!e)
		e = el2_pe_new(&ck->cfg, &ck->probe);
	if (!e && !(e = chk_world_open(ck, &ck->world, errbuf, errlen)))
		ck->world_open = true;
	for (size_t i = 0; !e && i < prof->t1.n_vcpus; i++) {
		vc[i].d = &ck->prof.t1.vcpu[i];
		vc[i].idx = (unsigned)i;
		e = resolve_vcpu(ck, &vc[i], errbuf, errlen);
	}
	el2_check_result *res = ck->res;
	snprintf(res->object, sizeof(res->object), "%s", path);
	res->mode = EL2_CHECK_MODE_TYPE1;
	res->seed = ck->opts.seed;
	chk_replay_note(ck, res);
	if (!e)
		e = check(ck, vc, errbuf, errlen);
	if (!e) {
		*out = res;
		ck->res = NULL;
	}
	free(vc);
	chk_checker_free(ck);
	return e;
}
