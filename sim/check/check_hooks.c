/* SPDX-License-Identifier: MIT */
/* The engine hooks of a checked round trip: they keep the banks right
 * around exception events, capture the guest entry and exit, follow the
 * SP_EL0 window (property 7) and calls into entry_asm (property 6), and
 * watch values for their last writer (docs/check.md). */
#include <string.h>

#include "check_internal.h"
#include "el2sim/pstate.h"

void chk_watch_read(const chk_trip *t, const chk_watch *w, uint8_t out[16])
{
	memset(out, 0, 16);
	if (w->mem) {
		el2_mem_read(t->mem, w->addr, out, w->len);
	} else if (w->reg >= EL2_REG_V0 && w->reg <= EL2_REG_V31) {
		el2_u128 v = {0, 0};
		el2_vreg_read(t->pe, w->reg - EL2_REG_V0, &v);
		memcpy(out, &v.lo, 8);
		memcpy(out + 8, &v.hi, 8);
	} else {
		uint64_t v = 0;
		el2_reg_read(t->pe, w->reg, &v);
		if (w->field_mask)
			v &= w->field_mask;
		memcpy(out, &v, 8);
	}
}

void chk_watch_check(chk_trip *t, uint64_t writer, bool event)
{
	for (size_t i = 0; i < t->n_watch; i++) {
		chk_watch *w = &t->watch[i];
		uint8_t now[16];
		if (w->frozen)
			continue;
		chk_watch_read(t, w, now);
		if (memcmp(now, w->last, 16)) {
			memcpy(w->last, now, 16);
			w->has_writer = true;
			w->writer_pc = writer;
			w->writer_event = event;
		}
	}
}

/* Freezes the watches judged at the instruction about to run at pc. */
static void watch_freeze_at(chk_trip *t, uint64_t pc)
{
	for (size_t i = 0; i < t->n_watch; i++) {
		chk_watch *w = &t->watch[i];
		uint64_t v = 0;
		if (!w->at_pc || w->frozen || w->freeze_pc != pc)
			continue;
		memcpy(&v, w->last, 8);
		if (v == w->freeze_val)
			w->frozen = true;
	}
}

static void watch_freeze(chk_trip *t, enum chk_phase ph)
{
	for (size_t i = 0; i < t->n_watch; i++)
		if (t->watch[i].phase == ph)
			t->watch[i].frozen = true;
}


/* el2_engine_sync inside an exception/ERET event copies Unicorn's SP into
 * the NEW stack-pointer bank and (outside a trap) Unicorn's PC over the
 * vector: both still belong to the state before the event. So the banks,
 * PC and (after an ERET) PSTATE the model just set are kept, and the live
 * SP goes to the bank that was current before the event. */
static void sync_event(chk_trip *t, const el2_event *ev)
{
	chk_event_sync(t->pe, t->eng, ev);
}

void chk_event_sync(el2_pe *pe, el2_engine *eng, const el2_event *ev)
{
	static const el2_reg banks[3] = {EL2_SYSREG(SP_EL0), EL2_SYSREG(SP_EL1),
					 EL2_SYSREG(SP_EL2)};
	uint64_t sp[3] = {0, 0, 0}, pc = el2_pe_pc(pe), ps = 0, live = 0, old_ps = 0;
	for (unsigned i = 0; i < 3; i++)
		el2_reg_read(pe, banks[i], &sp[i]);
	el2_reg_read(pe, EL2_REG_PSTATE, &ps);
	if (ev->kind == EL2_EV_EXCEPTION && ev->to_el == 2)
		el2_reg_read(pe, EL2_SYSREG(SPSR_EL2), &old_ps);
	else
		old_ps = EL2_PSR_SP | ((uint64_t)ev->from_el << EL2_PSR_EL_SHIFT);
	uint64_t cur = 0;
	el2_reg_read(pe, EL2_REG_SP, &cur);
	el2_engine_sync(eng);
	el2_reg_read(pe, EL2_REG_SP, &live);
	/* Inside a trapped instruction the engine has already given Unicorn
	 * the new bank's SP (live == cur); after an interrupt or abort taken
	 * from a hook, Unicorn still holds the old bank's. */
	unsigned old_el = EL2_PSR_GET_EL(old_ps);
	unsigned old_bank = (old_ps & EL2_PSR_SP) && old_el <= 2 ? old_el : 0;
	if (live != cur)
		sp[old_bank] = live;
	for (unsigned i = 0; i < 3; i++)
		el2_reg_write(pe, banks[i], sp[i]);
	el2_reg_write(pe, EL2_REG_PC, pc);
	if (ev->kind == EL2_EV_ERET)
		el2_reg_write(pe, EL2_REG_PSTATE, ps);
}

void chk_on_event(void *ctx, const el2_event *ev)
{
	chk_trip *t = ctx;
	if (ev->kind != EL2_EV_EXCEPTION && ev->kind != EL2_EV_ERET) {
		el2_trace_event(t->trace, ev);
		return;
	}
	sync_event(t, ev);
	el2_trace_event(t->trace, ev); /* after the banks and PC are right */
	if (t->n_watch)
		chk_watch_check(t, ev->pc, true);
	chk_scen_event(t, ev);
	if (ev->kind == EL2_EV_EXCEPTION) {
		if (ev->to_el != 2 || ev->from_el > 1)
			memset(t->poison_pending, 0, sizeof(t->poison_pending));
		if (ev->exc_type == EL2_EXC_IRQ)
			el2_set_line(t->pe, EL2_LINE_IRQ, false); /* one interrupt per trip */
		if (ev->to_el != 2 || ev->from_el > 1)
			return;
		if (!t->vhe && !t->host_called) {
			t->host_called = true; /* the host's HVC: its UNKNOWNs are not the exit's */
			memset(t->poison_pending, 0, sizeof(t->poison_pending));
			return;
		}
		if (t->entries) {
			chk_capture(t, &t->exit);
			chk_memscan(t, PH_EXIT);
			t->exits++;
			t->exit_type = ev->exc_type;
			memcpy(t->poison_exit, t->poison_pending, sizeof(t->poison_exit));
		}
		memset(t->poison_pending, 0, sizeof(t->poison_pending));
		return;
	}
	/* ERET from EL2 to EL1: into the guest, or (nVHE) back to the host stub. */
	if (ev->from_el != 2 || ev->to_el != 1)
		return;
	if (!t->vhe && el2_pe_pc(t->pe) == t->host_stub + 4)
		return;
	bool fp_live = !el2_fp_access_trapped(t->pe);
	chk_memscan(t, PH_ENTRY); /* what the guest can read as it runs */
	if (!t->entries++) {
		chk_capture(t, &t->entry);
		t->entry.fp_live = fp_live;
		if (t->n_watch)
			watch_freeze(t, PH_ENTRY);
		if (t->entry.valid)
			chk_guestcfg_on_entry(t, t->entry.snap);
	} else {
		el2_snapshot *s = NULL;
		if (!el2_snapshot_take(t->pe, &s))
			chk_guestcfg_on_entry(t, s);
		el2_snapshot_free(&s);
	}
	if (fp_live && !t->entry_fp.valid) {
		chk_capture(t, &t->entry_fp);
		t->entry_fp.fp_live = true;
	}
	t->exit.fp_live = fp_live; /* FP state of the guest as it next exits */
}

bool chk_is_call(uint32_t insn)
{
	return (insn & 0xfc000000u) == 0x94000000u || (insn & 0xfffffc1fu) == 0xd63f0000u;
}

bool chk_in_ranges(const uint64_t *lo, const uint64_t *hi, size_t n, uint64_t pc)
{
	for (size_t i = 0; i < n; i++)
		if (pc >= lo[i] && pc < hi[i])
			return true;
	return false;
}

static bool in_asm(const chk_checker *ck, uint64_t pc)
{
	return chk_in_ranges(ck->asm_lo, ck->asm_hi, ck->n_asm, pc);
}

void chk_window_close(chk_trip *t)
{
	if (!t->win_open)
		return;
	t->win_open = false;
	el2_check_result *r = t->ck->res;
	for (size_t i = 0; i < r->n_windows; i++)
		if (r->windows[i].first_pc == t->win.first_pc && r->windows[i].last_pc == t->win.last_pc)
			return;
	if (r->n_windows == CHK_MAX_WINDOWS)
		return;
	el2_check_window *w = &r->windows[r->n_windows++];
	*w = t->win;
	chk_where(t, w->first_pc, w->first_where, sizeof(w->first_where));
	chk_where(t, w->last_pc, w->last_where, sizeof(w->last_where));
	snprintf(w->scenario, sizeof(w->scenario), "%s", chk_scenario_name(t->sc));
}

/* AAPCS64 callee-saved registers: x19-x29 and SP; and x18, the platform
 * register, which hypervisors keep across calls (Linux's shadow call stack
 * lives there; KVM's world switch saves it with the callee-saved ones). */
#define N_CALLEE_SAVED 13
static el2_reg callee_saved(unsigned i)
{
	return i < 12 ? EL2_REG_X(18 + i) : EL2_REG_SP;
}

static void frame_push(chk_trip *t, uint64_t call_pc)
{
	if (t->n_frames == sizeof(t->frames) / sizeof(t->frames[0]))
		return;
	struct chk_frame *f = &t->frames[t->n_frames++];
	el2_engine_sync(t->eng);
	f->call_pc = call_pc;
	f->ret_pc = call_pc + 4;
	for (unsigned i = 0; i < N_CALLEE_SAVED; i++)
		el2_reg_read(t->pe, callee_saved(i), &f->saved[i]);
}

static void frame_pop(chk_trip *t)
{
	const struct chk_frame *f = &t->frames[--t->n_frames];
	el2_engine_sync(t->eng);
	for (unsigned i = 0; i < N_CALLEE_SAVED && !t->rerun; i++) {
		uint64_t v = 0;
		el2_reg_read(t->pe, callee_saved(i), &v);
		if (v != f->saved[i])
			chk_props_abi_return(t, f->call_pc, callee_saved(i), f->saved[i], v);
	}
}

/* A branch to itself at EL2 with IRQ and FIQ masked never ends (no
 * interrupt can be taken, the PC never moves): stop the trip there rather
 * than spend its whole budget (a __hyp_panic loop). */
static void spin_check(chk_trip *t, uint64_t pc, uint32_t insn, unsigned el, uint64_t ps)
{
	const uint64_t masked = EL2_PSR_I | EL2_PSR_F;
	if (insn != 0x14000000u || el != 2 || (ps & masked) != masked ||
	    !t->prev_valid || t->prev_pc != pc) {
		t->spin = 0;
		return;
	}
	if (++t->spin == CHK_SPIN_STOP) {
		t->spun = true;
		el2_engine_request_stop(t->eng);
	}
}

void chk_on_insn(void *ctx, uint64_t pc, uint32_t insn, unsigned el)
{
	chk_trip *t = ctx;
	el2_trace_insn(t->trace, pc, insn, el);
	if (t->ck->opts.cover)
		t->ck->opts.cover(t->ck->opts.cover_ctx, pc);
	uint64_t ps = 0;
	el2_reg_read(t->pe, EL2_REG_PSTATE, &ps);
	if (t->n_watch || !(ps & EL2_PSR_SP))
		el2_engine_sync(t->eng);
	if (t->n_watch && t->prev_valid)
		chk_watch_check(t, t->prev_pc, false);
	if (t->n_watch)
		watch_freeze_at(t, pc);
	spin_check(t, pc, insn, el, ps);
	chk_scen_insn(t, pc, el, ps);
	t->prev_pc = pc;
	t->prev_valid = true;
	if (t->pending_call) {
		t->pending_call = false;
		if (!in_asm(t->ck, pc) && !t->rerun && t->call_in_window)
			chk_props_call_in_window(t, t->call_pc, pc);
		else if (in_asm(t->ck, pc) && !in_asm(t->ck, t->call_pc) && el == 2)
			frame_push(t, t->call_pc);
	}
	if (t->n_frames && pc == t->frames[t->n_frames - 1].ret_pc && el == 2)
		frame_pop(t);
	uint64_t sp0 = 0;
	el2_reg_read(t->pe, EL2_SYSREG(SP_EL0), &sp0);
	/* After a hook redirected the PC (an interrupt or abort taken before
	 * the instruction), the engine may still report the old address with
	 * the new EL: guest memory never runs at EL2. */
	const el2_mem_region *rg = el2_mem_find(t->mem, pc);
	if (rg && (rg->attrs & EL2_MEM_GUEST) && !(rg->attrs & (EL2_MEM_HOST | EL2_MEM_HYP)))
		el = 1;
	bool in_window = el == 2 && sp0 != t->host_sp_el0;
	if (!in_window) {
		chk_window_close(t);
	} else {
		if (!t->win_open) {
			t->win_open = true;
			memset(&t->win, 0, sizeof(t->win));
			t->win.first_pc = pc;
		}
		t->win.last_pc = pc;
		t->win.insns++;
	}
	/* where a call at EL2 goes is known at the next instruction */
	if (el == 2 && chk_is_call(insn)) {
		t->pending_call = true;
		t->call_in_window = in_window;
		t->call_pc = pc;
	}
}

/* A scenario trip's hooks: only what the round trip itself needs (one
 * interrupt per trip), then the caller's. */
void chk_on_event_light(void *ctx, const el2_event *ev)
{
	chk_trip *t = ctx;
	if (ev->kind == EL2_EV_EXCEPTION && ev->exc_type == EL2_EXC_IRQ)
		el2_set_line(t->pe, EL2_LINE_IRQ, false);
	if (t->user && t->user->event)
		t->user->event(t->user->ctx, ev);
}

void chk_on_insn_light(void *ctx, uint64_t pc, uint32_t insn, unsigned el)
{
	chk_trip *t = ctx;
	t->user->trace(t->user->ctx, pc, insn, el);
}
