/* SPDX-License-Identifier: MIT */
/* The type-1 checker's hooks and judgements (docs/type1.md). At every
 * exit of a vCPU to EL2 its state is captured; at its next entry every
 * register must equal it (property 2 when EL2 resumed it in place,
 * property 3 when another vCPU ran between: its save was incomplete),
 * but for the registers the exit's ABI defines and the PC, advanced past
 * an emulated instruction. At every entry: no register or readable word
 * of the vCPU holds another vCPU's value, an EL2 value or an
 * uninitialised context byte (property 4), its configuration holds
 * (property 4), SP_EL2 and TPIDR_EL2 are as declared (property 6). Calls
 * into stack-switching routines keep x19-x29 per stack (property 6); the
 * SP_EL0 window only where EL2 uses SP_EL0 (property 7). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "check_internal.h"
#include "el2sim/bits.h"
#include "el2sim/pstate.h"

#define PS_MASK                                                                            \
	(EL2_PSR_NZCV | EL2_PSR_DAIF | EL2_PSR_PAN | EL2_PSR_UAO | EL2_PSR_SSBS | EL2_PSR_DIT | \
	 UINT64_C(0xf))

uint32_t chk_t1_salt(const chk_t1_trip *t, unsigned v, unsigned step, el2_reg reg)
{
	uint32_t rnd = (uint32_t)(chk_mix(t->run_seed ^ ((uint64_t)reg << 8) ^ step) & 0xfffu);
	if (t->ck->opts.corners && t->run < 2)
		rnd = t->run == 0 ? 0 : 0xfffu;
	return ((v + 1u) << 18) | ((step & 0x3fu) << 12) | rnd;
}

int chk_t1_owner(uint64_t value)
{
	el2_tag_side side;
	el2_reg reg;
	unsigned run;
	uint32_t salt;
	if (!el2_check_tag_decode(value, &side, &reg, &run, &salt) || side != EL2_TAG_GUEST ||
	    !(salt >> 18))
		return -1;
	return (int)((salt >> 18) & 7u) - 1;
}

static const el2_mem_region *el2_addr(const chk_t1_trip *t, uint64_t value);

static void describe(const chk_t1_trip *t, uint64_t value, char *buf, size_t len)
{
	el2_tag_side side;
	el2_reg reg;
	unsigned run;
	uint32_t salt;
	int owner = chk_t1_owner(value);
	const el2_mem_region *r = el2_addr(t, value);
	if (r) {
		char where[96];
		chk_where_img(t->img, value, where, sizeof(where));
		if (where[0] == '0')
			snprintf(where, sizeof(where), "%.40s+0x%" PRIx64, r->name, value - r->base);
		snprintf(buf, len, "EL2 address: %.48s", where);
	} else if (owner >= 0 && (size_t)owner < t->n_vc) {
		el2_check_tag_decode(value, &side, &reg, &run, &salt);
		snprintf(buf, len, "vcpu %.16s %s (step %u)", t->vc[owner].d->name, el2_reg_name(reg),
			 (salt >> 12) & 0x3fu);
	} else if (el2_check_tag_decode(value, &side, &reg, &run, &salt) && side == EL2_TAG_EL2) {
		snprintf(buf, len, "EL2 data (poisoned EL2 stack)");
	} else if (el2_check_tag_decode(value, &side, &reg, &run, &salt) &&
		   side == EL2_TAG_POISON) {
		snprintf(buf, len, "uninitialised context bytes of vcpu %.16s",
			 (salt >> 18) < t->n_vc ? t->vc[salt >> 18].d->name : "?");
	} else {
		el2_check_tag_describe(value, buf, len);
	}
}

static void finding(chk_t1_trip *t, unsigned prop, const char *reg, const char *phase,
		    bool values, uint64_t exp, uint64_t found, const char *detail)
{
	el2_check_finding f = {.property = prop, .has_values = values, .expected = exp,
			       .found = found, .run = t->run, .run_seed = t->run_seed};
	snprintf(f.reg, sizeof(f.reg), "%s", reg);
	snprintf(f.phase, sizeof(f.phase), "%s", phase);
	snprintf(f.scenario, sizeof(f.scenario), "%s", chk_t1_scenario_name(t->sc));
	snprintf(f.detail, sizeof(f.detail), "%s", detail ? detail : "");
	if (values) {
		describe(t, exp, f.expected_desc, sizeof(f.expected_desc));
		describe(t, found, f.found_desc, sizeof(f.found_desc));
	}
	long idx = chk_add_finding(t->ck->res, &f);
	el2_reg r;
	/* a new register finding at a guest entry: find its last writer */
	if (idx >= 0 && values && (prop == 2 || prop == 3) && t->n_watch < 8 &&
	    el2_reg_by_name(reg, &r) == EL2_OK && r != EL2_REG_PC && r != EL2_REG_PSTATE)
		t->watch[t->n_watch++] = (struct chk_t1_watch){
			.finding = idx, .reg = r, .v = t->judging_v, .entry = t->judging_entry};
}

static uint64_t snap_read(const el2_snapshot *s, el2_reg r)
{
	uint64_t v = 0;
	el2_snapshot_read(s, r, &v);
	return v;
}

static const char *act_name(chk_t1_act a)
{
	static const char *const n[] = {"hvc", "sysreg", "mmio", "irq", "switch", "irq-switch",
					"exit"};
	return a <= T1_DONE ? n[a] : "?";
}

static bool is_stored_el01(unsigned sr)
{
	const el2_sysreg_info *i = el2_sysreg_get((el2_sysreg)sr);
	return i->kind == EL2_SRK_STORED && i->min_el <= 1 &&
	       !chk_is_el2_reg(EL2_REG_SYSREG_BASE + sr) && !chk_guestcfg_is_pstate(sr);
}

/* Registers compared at a resume: those the guest can write, and those
 * the vCPU's context names. */
static bool judged_sysreg(const chk_t1_vc *vc, unsigned sr)
{
	if (chk_guestcfg_is_pstate(sr) || sr == EL2_SR_SP_EL1 || sr == EL2_SR_SP_EL0)
		return false; /* compared on their own */
	if (vc->w[sr])
		return true;
	for (size_t i = 0; i < vc->d->n_slots; i++)
		if (vc->d->slot[i].reg == EL2_REG_SYSREG_BASE + sr)
			return is_stored_el01(sr);
	return false;
}

static void cmp(chk_t1_trip *t, unsigned prop, el2_reg r, uint64_t exp, uint64_t found,
		const char *phase, const char *detail)
{
	t->ck->res->checks[prop]++;
	if (exp != found)
		finding(t, prop, el2_reg_name(r), phase, true, exp, found, detail);
}

static void fidelity(chk_t1_trip *t, chk_t1_vc *vc, const el2_snapshot *now, const char *phase)
{
	const chk_t1_profile *p = &t->ck->prof.t1;
	const el2_snapshot *ex = vc->exit_snap;
	unsigned prop = vc->others_ran ? 3 : 2;
	char detail[256];
	snprintf(detail, sizeof(detail), "vcpu %.16s: value at its %s exit vs at its next entry%s",
		 vc->d->name, act_name(vc->exit_act),
		 vc->others_ran ? " (another vCPU ran between: not saved or not restored)" : "");
	uint64_t abi = vc->exit_act == T1_HVC ? p->handled.abi
		       : vc->exit_act == T1_SWITCH ? p->sw.abi
		       : vc->exit_act == T1_MMIO ? EL2_BIT(5) : 0;
	for (unsigned i = 0; i <= 30; i++)
		if (!(abi & EL2_BIT(i)))
			cmp(t, prop, EL2_REG_X(i), snap_read(ex, EL2_REG_X(i)),
			    snap_read(now, EL2_REG_X(i)), phase, detail);
	cmp(t, prop, EL2_SYSREG(SP_EL0), snap_read(ex, EL2_SYSREG(SP_EL0)),
	    snap_read(now, EL2_SYSREG(SP_EL0)), phase, detail);
	cmp(t, prop, EL2_SYSREG(SP_EL1), snap_read(ex, EL2_SYSREG(SP_EL1)),
	    snap_read(now, EL2_SYSREG(SP_EL1)), phase, detail);
	uint64_t adv = vc->exit_act == T1_SYSREG || vc->exit_act == T1_MMIO ? 4 : 0;
	cmp(t, prop, EL2_REG_PC, snap_read(ex, EL2_SYSREG(ELR_EL2)) + adv,
	    snap_read(now, EL2_REG_PC), phase, detail);
	cmp(t, prop, EL2_REG_PSTATE, snap_read(ex, EL2_SYSREG(SPSR_EL2)) & PS_MASK,
	    snap_read(now, EL2_REG_PSTATE) & PS_MASK, phase, detail);
	for (unsigned sr = 0; sr < EL2_SR_COUNT; sr++)
		if (judged_sysreg(vc, sr))
			cmp(t, prop, EL2_REG_SYSREG_BASE + sr,
			    snap_read(ex, EL2_REG_SYSREG_BASE + sr),
			    snap_read(now, EL2_REG_SYSREG_BASE + sr), phase, detail);
}

static void first_entry(chk_t1_trip *t, chk_t1_vc *vc, const el2_snapshot *now, const char *phase)
{
	for (size_t i = 0; i < vc->d->n_slots; i++) {
		el2_reg r = vc->d->slot[i].reg;
		uint64_t exp = vc->init[i], found = snap_read(now, r);
		if (r == EL2_REG_PSTATE) {
			exp &= PS_MASK;
			found &= PS_MASK;
		}
		char detail[256];
		snprintf(detail, sizeof(detail), "vcpu %.16s: the context's value (0x%" PRIx64 ")",
			 vc->d->name, vc->slot_addr[i]);
		cmp(t, 2, r, exp, found, phase, detail);
	}
}

/* An address in memory only EL2 sees (a hyp region no guest shares): a
 * pointer to its stacks, vCPU structs or code. Values below 64 KiB are
 * taken for small numbers (ids, counts), not addresses. */
static const el2_mem_region *el2_addr(const chk_t1_trip *t, uint64_t value)
{
	if (value < 0x10000u)
		return NULL;
	const el2_mem_region *r = el2_mem_find(t->mem, value);
	return r && (r->attrs & EL2_MEM_HYP) && !(r->attrs & EL2_MEM_GUEST) ? r : NULL;
}

/* A value no register of vCPU v may hold. */
static bool foreign(const chk_t1_trip *t, unsigned v, uint64_t value)
{
	if (el2_addr(t, value))
		return true;
	el2_tag_side side;
	el2_reg reg;
	unsigned run;
	uint32_t salt;
	if ((value >> 48) != EL2_TAG_MARKER ||
	    !el2_check_tag_decode(value, &side, &reg, &run, &salt))
		return false;
	if (side == EL2_TAG_EL2 || side == EL2_TAG_POISON)
		return true;
	int owner = chk_t1_owner(value);
	return owner >= 0 && (unsigned)owner != v && (size_t)owner < t->n_vc;
}

static void isolation(chk_t1_trip *t, unsigned v, const el2_snapshot *now, const char *phase)
{
	char detail[256];
	snprintf(detail, sizeof(detail), "vcpu %s holds a value that is not its own",
		 t->vc[v].d->name);
	t->ck->res->checks[4]++;
	for (unsigned i = 0; i <= 30; i++) {
		uint64_t x = snap_read(now, EL2_REG_X(i));
		if (foreign(t, v, x))
			finding(t, 4, el2_reg_name(EL2_REG_X(i)), phase, true, 0, x, detail);
	}
	for (unsigned sr = 0; sr < EL2_SR_COUNT; sr++) {
		if (!is_stored_el01(sr) && sr != EL2_SR_SP_EL0 && sr != EL2_SR_SP_EL1)
			continue;
		uint64_t x = snap_read(now, EL2_REG_SYSREG_BASE + sr);
		if (foreign(t, v, x))
			finding(t, 4, el2_reg_name(EL2_REG_SYSREG_BASE + sr), phase, true, 0, x,
				detail);
	}
}

/* A vCPU's own memory may hold the values of the vCPUs that share it
 * (vCPUs of one VM): only the others' are foreign there. */
static bool owns(const chk_t1_vc *vc, uint64_t base)
{
	for (size_t i = 0; i < vc->n_mem; i++)
		if (vc->mem_base[i] == base)
			return true;
	return false;
}

static void memscan(chk_t1_trip *t, unsigned v, const char *phase)
{
	const chk_t1_vc *vc = &t->vc[v];
	t->ck->res->checks[4]++;
	for (size_t i = 0; i < vc->n_mem; i++) {
		const el2_mem_region *r = el2_mem_find(t->mem, vc->mem_base[i]);
		if (vc->mem_mmio[i] || !r || !r->host)
			continue;
		for (uint64_t off = 0; off + 8 <= r->size; off += 8) {
			uint64_t x;
			memcpy(&x, r->host + off, 8);
			int o = chk_t1_owner(x);
			if (!foreign(t, v, x) || (o >= 0 && owns(&t->vc[o], r->base)))
				continue;
			char detail[320];
			snprintf(detail, sizeof(detail), "%s+0x%" PRIx64 " (0x%" PRIx64
				 "), readable by vcpu %s", r->name, off, r->base + off, vc->d->name);
			finding(t, 4, "memory", phase, true, 0, x, detail);
			return;
		}
	}
}

static void config(chk_t1_trip *t, const chk_t1_vc *vc, const el2_snapshot *now,
		   const char *phase)
{
	const uint64_t pending = EL2_HCR_VSE | EL2_HCR_VI | EL2_HCR_VF;
	for (size_t i = 0; i < vc->d->n_cfg; i++) {
		el2_reg r = vc->d->cfg[i].reg;
		uint64_t want = vc->cfg_val[i], got = snap_read(now, r);
		bool ok = (got & want) == want;
		if (r == EL2_SYSREG(VTTBR_EL2) || r == EL2_SYSREG(VTCR_EL2))
			ok = got == want;
		if (r == EL2_SYSREG(HCR_EL2))
			ok = ok && (got & pending) == (want & pending); /* the vCPU's own */
		t->ck->res->checks[4]++;
		if (!ok) {
			char detail[256];
			snprintf(detail, sizeof(detail), "vcpu %s's configuration (%s%s)", vc->d->name,
				 r == EL2_SYSREG(HCR_EL2) ? "its bits; VSE/VI/VF exactly"
							 : "at least its bits",
				 "");
			finding(t, 4, el2_reg_name(r), phase, true, want, got, detail);
		}
	}
}

/* The re-run: the watched register's value at an instruction boundary
 * differs from the one before: the previous instruction wrote it. */
static void watch_step(chk_t1_trip *t)
{
	el2_engine_sync(t->eng);
	for (size_t i = 0; i < t->n_watch; i++) {
		struct chk_t1_watch *w = &t->watch[i];
		uint64_t v = 0;
		if (w->frozen)
			continue;
		el2_reg_read(t->pe, w->reg, &v);
		if (v != w->last && t->prev_valid) {
			w->has_writer = true;
			w->writer_pc = t->prev_pc;
		}
		w->last = v;
	}
}

static void watch_freeze(chk_t1_trip *t, unsigned v, unsigned entry)
{
	watch_step(t);
	for (size_t i = 0; i < t->n_watch; i++)
		if (t->watch[i].v == v && t->watch[i].entry == entry)
			t->watch[i].frozen = true;
}

static void judge_entry(chk_t1_trip *t, unsigned v)
{
	chk_t1_vc *vc = &t->vc[v];
	if (t->rerun) {
		watch_freeze(t, v, vc->entries++);
		vc->exited = false;
		return;
	}
	t->judging_v = v;
	t->judging_entry = vc->entries;
	el2_snapshot *now = NULL;
	if (el2_snapshot_take(t->pe, &now))
		return;
	if (t->learn) {
		if (!vc->w_known) {
			chk_guestcfg g;
			chk_guestcfg_probe_writes(t->ck, now, &g);
			if (g.known) {
				memcpy(vc->w, g.w, sizeof(vc->w));
				vc->w_known = true;
			}
		}
		el2_snapshot_free(&now);
		return;
	}
	char phase[32];
	if (!vc->entries)
		snprintf(phase, sizeof(phase), "first entry of %.16s", vc->d->name);
	else if (vc->others_ran)
		snprintf(phase, sizeof(phase), "%.12s back after switch", vc->d->name);
	else
		snprintf(phase, sizeof(phase), "resume of %.12s (%s)", vc->d->name,
			 act_name(vc->exit_act));
	char detail[256];
	snprintf(detail, sizeof(detail), "as declared for vcpu %s (expect.*)", vc->d->name);
	if (vc->d->has_sp_el2)
		cmp(t, 6, EL2_SYSREG(SP_EL2), vc->sp_el2, snap_read(now, EL2_SYSREG(SP_EL2)), phase,
		    detail);
	if (vc->d->has_tpidr_el2)
		cmp(t, 6, EL2_SYSREG(TPIDR_EL2), vc->tpidr_el2,
		    snap_read(now, EL2_SYSREG(TPIDR_EL2)), phase, detail);
	config(t, vc, now, phase);
	if (!vc->entries)
		first_entry(t, vc, now, phase);
	else if (vc->exited && vc->exit_snap)
		fidelity(t, vc, now, phase);
	isolation(t, v, now, phase);
	memscan(t, v, phase);
	vc->entries++;
	vc->exited = false;
	el2_snapshot_free(&now);
}

static int vcpu_at(const chk_t1_trip *t, uint64_t pc)
{
	for (size_t v = 0; v < t->n_vc; v++)
		if (pc >= t->vc[v].stub && pc - t->vc[v].stub < t->vc[v].stub_size)
			return (int)v;
	for (size_t v = 0; v < t->n_vc; v++)
		for (size_t i = 0; i < t->vc[v].n_mem; i++)
			if (pc >= t->vc[v].mem_base[i] && pc - t->vc[v].mem_base[i] < t->vc[v].mem_size[i])
				return (int)v;
	return -1;
}

static void on_exit(chk_t1_trip *t)
{
	chk_t1_vc *vc = &t->vc[t->cur];
	el2_snapshot_free((el2_snapshot **)&vc->exit_snap);
	el2_snapshot *s = NULL;
	if (el2_snapshot_take(t->pe, &s))
		return;
	vc->exit_snap = s;
	uint64_t elr = snap_read(s, EL2_SYSREG(ELR_EL2));
	vc->exit_act = T1_DONE; /* unknown: everything judged */
	for (unsigned i = 0; i < vc->n_steps; i++) {
		chk_t1_act a = vc->acts[i];
		uint64_t at = vc->step_pc[i] + (a == T1_HVC || a == T1_SWITCH ? 4 : 0);
		if (at == elr && a != T1_DONE) {
			vc->exit_act = a;
			break;
		}
	}
	vc->exited = true;
	vc->others_ran = false;
	t->cur = -1;
}

void chk_t1_on_event(void *ctx, const el2_event *ev)
{
	chk_t1_trip *t = ctx;
	if (ev->kind != EL2_EV_EXCEPTION && ev->kind != EL2_EV_ERET)
		return;
	chk_event_sync(t->pe, t->eng, ev);
	if (ev->kind == EL2_EV_EXCEPTION) {
		if (ev->exc_type == EL2_EXC_IRQ)
			el2_set_line(t->pe, EL2_LINE_IRQ, false); /* one interrupt per run */
		if (ev->to_el == 2 && ev->from_el <= 1 && t->cur >= 0)
			on_exit(t);
		return;
	}
	if (ev->from_el != 2 || ev->to_el > 1)
		return;
	int v = vcpu_at(t, el2_pe_pc(t->pe));
	if (v < 0) {
		if (!t->learn && !t->rerun) {
			char detail[256];
			snprintf(detail, sizeof(detail),
				 "ERET to 0x%" PRIx64 ", in no vCPU's memory", el2_pe_pc(t->pe));
			t->ck->res->checks[2]++;
			finding(t, 2, "pc", "guest entry", false, 0, 0, detail);
		}
		t->cur = -1;
		return;
	}
	judge_entry(t, (unsigned)v);
	for (size_t i = 0; i < t->n_vc; i++)
		if (i != (size_t)v && t->vc[i].exited)
			t->vc[i].others_ran = true;
	t->cur = v;
}

/* ---- per instruction: calls at EL2 ---- */
/* Entering a tracked routine at its start from other EL2 code, by a call
 * or a tail call: the caller's callee-saved registers, its SP and the
 * return address (LR) it will come back to. */
static void frame_push(chk_t1_trip *t, uint64_t pc)
{
	if (t->n_frames == sizeof(t->frames) / sizeof(t->frames[0]))
		return;
	struct chk_t1_frame *f = &t->frames[t->n_frames++];
	el2_engine_sync(t->eng);
	el2_reg_read(t->pe, EL2_REG_X(30), &f->ret_pc);
	f->call_pc = pc;
	el2_reg_read(t->pe, EL2_REG_SP, &f->sp);
	for (unsigned i = 0; i < 11; i++)
		el2_reg_read(t->pe, EL2_REG_X(19 + i), &f->saved[i]);
}

static bool range_start(const chk_t1_trip *t, uint64_t pc)
{
	for (size_t i = 0; i < t->n_asm; i++)
		if (pc == t->asm_lo[i])
			return true;
	return false;
}

/* A return lands where a call was made; the callee-saved registers are
 * judged against the call made on the same stack (a stack-switching
 * routine returns to another vCPU's earlier call). */
static void frame_returns(chk_t1_trip *t, uint64_t pc)
{
	for (unsigned k = t->n_frames; k-- > 0;) {
		struct chk_t1_frame *f = &t->frames[k];
		if (f->ret_pc != pc)
			continue;
		uint64_t sp = 0;
		el2_engine_sync(t->eng);
		el2_reg_read(t->pe, EL2_REG_SP, &sp);
		if (sp != f->sp)
			continue;
		char phase[32], detail[320], where[96];
		chk_where_img(t->img, f->call_pc, where, sizeof(where));
		snprintf(phase, sizeof(phase), "return to EL2 caller");
		snprintf(detail, sizeof(detail), "AAPCS64 callee-saved across a call of %s "
			 "(stack 0x%" PRIx64 ", returning to 0x%" PRIx64 ")", where, f->sp, f->ret_pc);
		for (unsigned i = 0; i < 11; i++) {
			uint64_t x = 0;
			el2_reg_read(t->pe, EL2_REG_X(19 + i), &x);
			cmp(t, 6, EL2_REG_X(19 + i), f->saved[i], x, phase, detail);
		}
		memmove(f, f + 1, (t->n_frames - k - 1) * sizeof(*f));
		t->n_frames--;
		return;
	}
}

void chk_t1_on_insn(void *ctx, uint64_t pc, uint32_t insn, unsigned el)
{
	chk_t1_trip *t = ctx;
	if (t->rerun) {
		watch_step(t);
		t->prev_pc = pc;
		t->prev_valid = true;
		return;
	}
	const el2_mem_region *rg = el2_mem_find(t->mem, pc);
	if (rg && (rg->attrs & EL2_MEM_GUEST) && !(rg->attrs & EL2_MEM_HYP))
		el = 1;
	if (el != 2) {
		t->pending_call = false;
		t->prev_in = true; /* an exception entry is not a call */
		return;
	}
	bool in = chk_in_ranges(t->asm_lo, t->asm_hi, t->n_asm, pc);
	if (in && !t->prev_in && range_start(t, pc))
		frame_push(t, pc);
	t->prev_in = in;
	if (t->pending_call) {
		t->pending_call = false;
		if (t->ck->prof.t1.has_el2_sp_el0 &&
		    !chk_in_ranges(t->asm_lo, t->asm_hi, t->n_entry_asm, pc)) {
			uint64_t sp0 = 0;
			el2_engine_sync(t->eng);
			el2_reg_read(t->pe, EL2_SYSREG(SP_EL0), &sp0);
			t->ck->res->checks[7]++;
			if (sp0 != t->el2_sp_el0) {
				char detail[320], from[96], to[96];
				chk_where_img(t->img, t->call_pc, from, sizeof(from));
				chk_where_img(t->img, pc, to, sizeof(to));
				snprintf(detail, sizeof(detail), "call at %s to %s while SP_EL0 is not "
					 "EL2's own ([type1] el2_sp_el0)", from, to);
				finding(t, 7, "call", "EL2", true, t->el2_sp_el0, sp0, detail);
			}
		}
	}
	for (unsigned k = 0; k < t->n_frames; k++)
		if (t->frames[k].ret_pc == pc) {
			frame_returns(t, pc);
			break;
		}
	if (chk_is_call(insn)) {
		t->pending_call = true;
		t->call_pc = pc;
	}
}
