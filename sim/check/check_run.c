/* SPDX-License-Identifier: MIT */
/* Orchestration: for every run and scenario, build a fresh world (memory
 * from the profile, the object, EL2 state, tagged host and guest state,
 * stubs), run one host -> guest -> host round trip under the engine while
 * hooks capture the guest entry, the guest exit and the SP_EL0 window, then
 * let check_props.c judge it (docs/check.md). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "el2sim/bits.h"
#include "el2sim/disasm.h"
#include "el2sim/exec.h"
#include "el2sim/pstate.h"
#include "elf_internal.h"

/* A64 words of the stubs the checker writes. */
#define A64_HVC0 0xd4000002u
#define A64_B_SELF 0x14000000u
#define A64_NOP 0xd503201fu
#define A64_MOV_V0 0x4ea01c00u /* orr v0.16b, v0.16b, v0.16b: probes lazy FP */
#define A64_MOVZ(rd, imm, hw) (0xd2800000u | ((hw) << 21) | ((uint32_t)(imm) << 5) | (rd))
#define A64_MOVK(rd, imm, hw) (0xf2800000u | ((hw) << 21) | ((uint32_t)(imm) << 5) | (rd))
#define A64_LDR_X5_X6 0xf94000c5u
#define A64_STR_X5_X6 0xf90000c5u
#define A64_FMOV_D_X(d, n) (0x9e670000u | ((n) << 5) | (d))     /* fmov d<d>, x<n> */
#define A64_FMOV_VD1_X(d, n) (0x9eaf0000u | ((n) << 5) | (d))   /* fmov v<d>.d[1], x<n> */
#define A64_MSR_FPCR(rt) (0xd51b4400u | (rt))
#define A64_MSR_FPSR(rt) (0xd51b4420u | (rt))
#define A64_MSR(enc, rt) (0xd5000000u | ((enc) << 5) | (rt))

#define GUEST_STUB_SIZE CHK_GUEST_STUB_SIZE
#define GUEST_STUB_WORDS (GUEST_STUB_SIZE / 4)

static const char *const scenario_names[] = {"hvc",    "mmio", "s2perm",
					     "sysreg", "irq",  "unknown_hvc"};

const char *chk_scenario_name(chk_scenario sc)
{
	return sc < SC__COUNT ? scenario_names[sc] : "?";
}

el2_err chk_fail(char *errbuf, size_t errlen, el2_err e, const char *fmt, ...)
{
	if (errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(errbuf, errlen, fmt, ap);
		va_end(ap);
	}
	return e;
}

/* ---- values ---- */

static uint32_t salt(const chk_trip *t, el2_tag_side side, el2_reg reg, unsigned half)
{
	/* half 1: high halves of V registers; half 2: values the guest
	 * sets before it exits (a different bit even in the corner runs);
	 * half 3: the high halves of the V registers it sets. */
	uint32_t flip = (uint32_t)(half & 3u) << 20;
	if (t->ck->opts.corners && t->run < 2)
		return (t->run == 0 ? 0 : EL2_TAG_MAX_SALT) ^ flip;
	return (uint32_t)(chk_mix(t->run_seed ^ ((uint64_t)side << 40) ^ ((uint64_t)half << 38) ^
				  reg) & EL2_TAG_MAX_SALT);
}

/* What a register holds after the value is written (RES0/RES1). */
static uint64_t masked(const chk_checker *ck, el2_reg reg, uint64_t v)
{
	uint64_t out = v;
	if (el2_reg_write(ck->scratch, reg, v) != EL2_OK || el2_reg_read(ck->scratch, reg, &out))
		return v;
	return out;
}

/* Control registers whose every bit would change how the stubs run get a
 * value varied only in harmless fields; one bit tells the sides apart. */
static bool mild(el2_reg reg, uint64_t tag, bool guest, uint64_t *out)
{
	if (reg == EL2_SYSREG(SCTLR_EL1)) {
		uint64_t m = EL2_SCTLR_C | EL2_SCTLR_I | EL2_SCTLR_DZE | EL2_SCTLR_UCT |
			     EL2_SCTLR_NTWI | EL2_SCTLR_NTWE | EL2_SCTLR_UCI;
		*out = (el2_sysreg_get(EL2_SR_SCTLR_EL1)->reset & ~m) | (tag & m);
		*out = guest ? *out | EL2_SCTLR_C : *out & ~EL2_SCTLR_C;
	} else if (reg == EL2_SYSREG(CPACR_EL1)) {
		*out = EL2_CPACR_FPEN | (guest ? EL2_BIT(28) : 0);
	} else if (reg == EL2_SYSREG(MDSCR_EL1)) {
		*out = guest ? EL2_BIT(12) : 0;
	} else if (reg == EL2_SYSREG(CNTKCTL_EL1)) {
		*out = (tag & 0x302u) | (guest ? 1u : 0u);
	} else if (reg == EL2_SYSREG(FPCR)) {
		/* AHP, DN, FZ, RMode: the fields Unicorn keeps (the trap
		 * enables read as zero there); DN tells the sides apart. */
		*out = (tag & 0x05c00000u) | (guest ? EL2_BIT(25) : 0);
	} else if (reg == EL2_SYSREG(FPSR)) {
		*out = (tag & 0xf800009eu) | (guest ? 1u : 0u);
	} else {
		return false;
	}
	return true;
}

static bool is_el2_reg(el2_reg reg)
{
	if (!EL2_REG_IS_SYSREG(reg))
		return false;
	const char *n = el2_reg_name(reg);
	size_t len = strlen(n);
	return len > 4 && !strcmp(n + len - 4, "_EL2");
}

static bool is_fp_ctl(el2_reg reg)
{
	return reg == EL2_SYSREG(FPCR) || reg == EL2_SYSREG(FPSR);
}

/* A tagged value for reg on side, as the register would hold it. */
static uint64_t tagged(chk_trip *t, el2_tag_side side, el2_reg reg, unsigned half)
{
	uint64_t v = el2_check_tag(side, reg, t->run, salt(t, side, reg, half));
	if (EL2_REG_IS_SYSREG(reg)) {
		if (reg == EL2_SYSREG(SP_EL0) || reg == EL2_SYSREG(SP_EL1) ||
		    reg == EL2_SYSREG(SP_EL2))
			v &= ~UINT64_C(0xf);
		uint64_t m;
		if (mild(reg, v, side == EL2_TAG_GUEST, &m))
			v = m;
		v = masked(t->ck, reg, v);
	}
	chk_tagtab_add(&t->tags, v, side, reg, t->run, 0);
	return v;
}

/* PSTATE flags for a side: corners all clear / all set, else random. */
static uint64_t pstate_flags(const chk_trip *t, unsigned side)
{
	uint64_t all = EL2_PSR_NZCV | EL2_PSR_DAIF | EL2_PSR_PAN | EL2_PSR_UAO | EL2_PSR_SSBS;
	if (t->ck->opts.corners && t->run < 2)
		return t->run == 0 ? 0 : all;
	return chk_mix(t->run_seed * 3 + side) & all;
}

/* Architecturally UNKNOWN values become poison tags naming the register
 * and the event (el2_pe_set_unknown_hook). */
static uint64_t on_unknown(void *ctx, el2_reg reg, uint64_t old)
{
	(void)old;
	chk_trip *t = ctx;
	uint32_t seq = ++t->poison_seq & EL2_TAG_MAX_SALT;
	uint64_t v = el2_check_tag(EL2_TAG_POISON, reg, t->run, seq);
	if (EL2_REG_IS_SYSREG(reg))
		t->poison_pending[reg - EL2_REG_SYSREG_BASE] = 1;
	chk_tagtab_add(&t->tags, v, EL2_TAG_POISON, reg, t->run, seq);
	if (EL2_REG_IS_SYSREG(reg)) {
		uint64_t m = masked(t->ck, reg, v);
		t->poison_val[reg - EL2_REG_SYSREG_BASE] = m;
		chk_tagtab_add(&t->tags, m, EL2_TAG_POISON, reg, t->run, seq);
	}
	return v;
}

/* ---- capturing state ---- */

static void state_free(chk_state *s)
{
	el2_snapshot_free(&s->snap);
	s->valid = false;
}

static void capture(chk_trip *t, chk_state *s)
{
	state_free(s);
	if (el2_snapshot_take(t->pe, &s->snap))
		return;
	for (unsigned i = 0; i < 32; i++)
		el2_vreg_read(t->pe, i, &s->v[i]);
	s->valid = true;
}

/* ---- last-writer watches ---- */

static void watch_read(const chk_trip *t, const chk_watch *w, uint8_t out[16])
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
		memcpy(out, &v, 8);
	}
}

static void watch_check(chk_trip *t, uint64_t writer, bool event)
{
	for (size_t i = 0; i < t->n_watch; i++) {
		chk_watch *w = &t->watch[i];
		uint8_t now[16];
		if (w->frozen)
			continue;
		watch_read(t, w, now);
		if (memcmp(now, w->last, 16)) {
			memcpy(w->last, now, 16);
			w->has_writer = true;
			w->writer_pc = writer;
			w->writer_event = event;
		}
	}
}

static void watch_freeze(chk_trip *t, enum chk_phase ph)
{
	for (size_t i = 0; i < t->n_watch; i++)
		if (t->watch[i].phase == ph)
			t->watch[i].frozen = true;
}

/* ---- hooks ---- */

/* el2_engine_sync inside an exception/ERET event copies Unicorn's SP into
 * the NEW stack-pointer bank and (outside a trap) Unicorn's PC over the
 * vector: both still belong to the state before the event. So the banks,
 * PC and (after an ERET) PSTATE the model just set are kept, and the live
 * SP goes to the bank that was current before the event. */
static void sync_event(chk_trip *t, const el2_event *ev)
{
	el2_pe *pe = t->pe;
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
	el2_engine_sync(t->eng);
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

static void on_event(void *ctx, const el2_event *ev)
{
	chk_trip *t = ctx;
	if (ev->kind != EL2_EV_EXCEPTION && ev->kind != EL2_EV_ERET)
		return;
	sync_event(t, ev);
	if (t->n_watch)
		watch_check(t, ev->pc, true);
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
			capture(t, &t->exit);
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
	if (!t->entries++) {
		capture(t, &t->entry);
		t->entry.fp_live = fp_live;
		if (t->n_watch)
			watch_freeze(t, PH_ENTRY);
	}
	if (fp_live && !t->entry_fp.valid) {
		capture(t, &t->entry_fp);
		t->entry_fp.fp_live = true;
	}
	t->exit.fp_live = fp_live; /* FP state of the guest as it next exits */
}

static bool is_call(uint32_t insn)
{
	return (insn & 0xfc000000u) == 0x94000000u || (insn & 0xfffffc1fu) == 0xd63f0000u;
}

static bool in_asm(const chk_checker *ck, uint64_t pc)
{
	for (size_t i = 0; i < ck->n_asm; i++)
		if (pc >= ck->asm_lo[i] && pc < ck->asm_hi[i])
			return true;
	return false;
}

static void window_close(chk_trip *t)
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

static void on_insn(void *ctx, uint64_t pc, uint32_t insn, unsigned el)
{
	chk_trip *t = ctx;
	uint64_t ps = 0;
	el2_reg_read(t->pe, EL2_REG_PSTATE, &ps);
	if (t->n_watch || !(ps & EL2_PSR_SP))
		el2_engine_sync(t->eng);
	if (t->n_watch && t->prev_valid)
		watch_check(t, t->prev_pc, false);
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
		window_close(t);
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
	if (el == 2 && is_call(insn)) {
		t->pending_call = true;
		t->call_in_window = in_window;
		t->call_pc = pc;
	}
}

/* ---- a trip in the world ---- */

static void trip_free(chk_trip *t)
{
	state_free(&t->host0);
	state_free(&t->entry);
	state_free(&t->entry_fp);
	state_free(&t->exit);
	state_free(&t->end);
	chk_tagtab_free(&t->tags);
	if (t->pe)
		el2_pe_set_unknown_hook(t->pe, NULL, NULL);
}

/* Resets the check's world and points the trip at it. */
static void trip_enter(chk_trip *t)
{
	chk_world *w = &t->ck->world;
	chk_world_reset(w);
	t->pe = w->pe;
	t->mem = w->mem;
	t->img = w->img;
	t->eng = w->eng;
	t->host_stub = w->host_stub;
	t->guest_stub = w->guest_stub;
	t->sentinel = w->sentinel;
	t->ctx = w->ctx;
}

static el2_err resolve_context(chk_checker *ck, char *errbuf, size_t errlen)
{
	const el2_check_profile *p = &ck->prof;
	if (!p->has_context)
		return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
			    "no vCPU context: set [world] context = SYMBOL or alloc SIZE "
			    "(or define EL2SIM_CONTEXT)");
	if (p->ctx_alloc)
		return EL2_OK;
	char msg[200];
	el2_err e = chk_value_resolve(&p->context, ck->world.img, &ck->world.ctx, msg, sizeof(msg));
	if (e)
		return chk_fail(errbuf, errlen, e, "[world] context: %s", msg);
	return EL2_OK;
}

static size_t emit_mov64(uint32_t *g, size_t n, unsigned rd, uint64_t v)
{
	g[n++] = A64_MOVZ(rd, v & 0xffff, 0u);
	for (unsigned hw = 1; hw < 4; hw++)
		g[n++] = A64_MOVK(rd, (v >> (16 * hw)) & 0xffff, hw);
	return n;
}

/* Guest-layout system registers the guest stub may write without a trap
 * (no trap group) and without changing how the stub runs. */
static bool guest_may_write(el2_reg r)
{
	if (!EL2_REG_IS_SYSREG(r) || is_el2_reg(r) || is_fp_ctl(r) || r == EL2_SYSREG(SP_EL1))
		return false;
	uint64_t m;
	if (mild(r, 0, true, &m))
		return false;
	if (r == EL2_SYSREG(SP_EL0))
		return true;
	const el2_sysreg_info *info = el2_sysreg_get((el2_sysreg)(r - EL2_REG_SYSREG_BASE));
	return info->kind == EL2_SRK_STORED && info->min_el <= 1 && info->access == EL2_ACC_RW &&
	       info->traps == 0;
}

static bool in_guest_layout(const el2_check_profile *p, el2_reg reg)
{
	for (size_t i = 0; i < p->n_guest; i++)
		if (p->guest[i].reg == reg)
			return true;
	return false;
}

/* The context's initial value of a guest-layout register (0 if absent). */
static uint64_t ctx_init_of(const chk_trip *t, el2_reg reg)
{
	const el2_check_profile *p = &t->ck->prof;
	for (size_t i = 0; i < p->n_guest; i++)
		if (p->guest[i].reg == reg)
			return t->ctx_init[i][0];
	return 0;
}

/* After the FP probe (so FP/SIMD is live for the guest), the guest gives
 * V0-V31, FPCR and FPSR new values: an exit path that does not save the
 * guest's FP state leaves the context's old ones (property 3). FPCR/FPSR
 * flip one field Unicorn keeps (FZ; QC) relative to the context's value,
 * as their tags vary too few bits to differ between the sides' values. */
static size_t emit_fp_scramble(chk_trip *t, uint32_t *g, size_t n)
{
	for (unsigned i = 0; i < 32; i++) {
		el2_reg r = EL2_REG_V(i);
		if (n + 20 + 31 * 4 > GUEST_STUB_WORDS)
			return n;
		n = emit_mov64(g, n, 9, tagged(t, EL2_TAG_GUEST, r, 2));
		n = emit_mov64(g, n, 10, el2_check_tag(EL2_TAG_GUEST, r, t->run,
						       salt(t, EL2_TAG_GUEST, r, 3)));
		g[n++] = A64_FMOV_D_X(i, 9u);
		g[n++] = A64_FMOV_VD1_X(i, 10u);
	}
	if (n + 10 + 31 * 4 > GUEST_STUB_WORDS)
		return n;
	if (in_guest_layout(&t->ck->prof, EL2_SYSREG(FPCR))) {
		n = emit_mov64(g, n, 9, ctx_init_of(t, EL2_SYSREG(FPCR)) ^ EL2_BIT(24));
		g[n++] = A64_MSR_FPCR(9u);
	}
	if (in_guest_layout(&t->ck->prof, EL2_SYSREG(FPSR))) {
		n = emit_mov64(g, n, 9, ctx_init_of(t, EL2_SYSREG(FPSR)) ^ EL2_BIT(27));
		g[n++] = A64_MSR_FPSR(9u);
	}
	return n;
}

/* The guest gives every register it can a new value before it exits, so
 * that an exit path which forgets to save one leaves a stale context. */
static size_t emit_scramble(chk_trip *t, uint32_t *g, size_t n)
{
	const el2_check_profile *p = &t->ck->prof;
	for (size_t i = 0; i < p->n_guest; i++) {
		el2_reg r = p->guest[i].reg;
		if (n + 16 + 31 * 4 > GUEST_STUB_WORDS)
			break;
		if (r == EL2_SYSREG(SP_EL1)) {
			n = emit_mov64(g, n, 9, tagged(t, EL2_TAG_GUEST, r, 2));
			g[n++] = 0x9100013fu; /* mov sp, x9 */
		} else if (guest_may_write(r)) {
			n = emit_mov64(g, n, 9, tagged(t, EL2_TAG_GUEST, r, 2));
			g[n++] = A64_MSR(el2_sysreg_get((el2_sysreg)(r - EL2_REG_SYSREG_BASE))->enc, 9u);
		}
	}
	if (t->ck->layout_has_fp)
		n = emit_fp_scramble(t, g, n);
	for (unsigned i = 0; i <= 30; i++)
		n = emit_mov64(g, n, i, tagged(t, EL2_TAG_GUEST, EL2_REG_X(i), 2));
	return n;
}


/* The first guest RAM region that stage 2 maps read-only (the target of
 * the s2perm scenario's store), or NULL. */
static const el2_mem_region *ro_guest_region(const el2_mem *mem)
{
	for (size_t i = 0; mem && i < el2_mem_count(mem); i++) {
		const el2_mem_region *r = el2_mem_region_at(mem, i);
		if ((r->attrs & EL2_MEM_GUEST) && (r->attrs & EL2_MEM_RO) &&
		    !(r->attrs & (EL2_MEM_MMIO | EL2_MEM_HOST | EL2_MEM_HYP)))
			return r;
	}
	return NULL;
}

/* Writes the stubs: host `hvc #0; b .`; guest: FP probe, new register
 * values, the scenario's exit, then `hvc #0; b .` in case it is resumed. */
static el2_err write_stubs(chk_trip *t, uint64_t *irq_addr)
{
	uint32_t host[2] = {A64_HVC0, A64_B_SELF};
	uint32_t g[GUEST_STUB_WORDS];
	size_t n = 0;
	*irq_addr = 0;
	if (!t->plain) {
		g[n++] = A64_MOV_V0;
		if (t->sc != SC_UNKNOWN_HVC)
			n = emit_scramble(t, g, n);
	}
	switch (t->sc) {
	case SC_MMIO: {
		uint64_t a = 0;
		for (size_t i = 0; i < el2_mem_count(t->mem); i++) {
			const el2_mem_region *r = el2_mem_region_at(t->mem, i);
			if ((r->attrs & EL2_MEM_MMIO) && (r->attrs & EL2_MEM_GUEST)) {
				a = r->base;
				break;
			}
		}
		g[n++] = A64_MOVZ(6u, a & 0xffff, 0u);
		g[n++] = A64_MOVK(6u, (a >> 16) & 0xffff, 1u);
		g[n++] = A64_MOVK(6u, (a >> 32) & 0xffff, 2u);
		g[n++] = A64_MOVK(6u, (a >> 48) & 0xffff, 3u);
		g[n++] = A64_LDR_X5_X6;
		break;
	}
	case SC_S2PERM: {
		uint64_t a = 0;
		const el2_mem_region *r = ro_guest_region(t->mem);
		if (r)
			a = r->base;
		n = emit_mov64(g, n, 6, a);
		g[n++] = A64_STR_X5_X6;
		break;
	}
	case SC_SYSREG:
		g[n++] = A64_MSR(el2_sysreg_get((el2_sysreg)(t->ck->prof.trapped_sysreg -
							      EL2_REG_SYSREG_BASE))->enc, 7u);
		break;
	case SC_IRQ:
		g[n++] = A64_NOP;
		*irq_addr = t->guest_stub + 4 * n;
		g[n++] = A64_NOP;
		break;
	default:
		break;
	}
	g[n++] = A64_HVC0;
	g[n++] = A64_B_SELF;
	el2_err e = el2_mem_write(t->mem, t->host_stub, host, sizeof(host));
	return e ? e : el2_mem_write(t->mem, t->guest_stub, g, n * 4);
}

/* EL2 state, the vCPU context filled with guest tags, and the host. */
static el2_err setup_state(chk_trip *t, char *errbuf, size_t errlen)
{
	chk_checker *ck = t->ck;
	const el2_check_profile *p = &ck->prof;
	el2_pe *pe = t->pe;
	char msg[200];
	el2_err e;

	/* EL2 state: defaults, then the profile's [el2]. */
	el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL2h | EL2_PSR_DAIF);
	el2_reg_write(pe, EL2_SYSREG(HCR_EL2),
		      EL2_HCR_RW | (t->vhe ? EL2_HCR_E2H | EL2_HCR_TGE : 0));
	el2_reg_write(pe, EL2_SYSREG(TPIDR_EL2), tagged(t, EL2_TAG_EL2, EL2_SYSREG(TPIDR_EL2), 0));
	for (size_t i = 0; i < p->n_el2; i++) {
		uint64_t v;
		if ((e = chk_value_resolve(&p->el2[i].v, t->img, &v, msg, sizeof(msg))))
			return chk_fail(errbuf, errlen, e, "[el2] %s: %s", el2_reg_name(p->el2[i].reg), msg);
		if ((e = el2_reg_write(pe, p->el2[i].reg, v)))
			return chk_fail(errbuf, errlen, e, "[el2] %s: cannot be written (%s)",
				    el2_reg_name(p->el2[i].reg), el2_strerror(e));
	}
	el2_pe_set_unknown_hook(pe, on_unknown, t);

	/* The guest: every context slot gets its tagged value. */
	uint64_t gps = EL2_PSR_MODE_EL1h | pstate_flags(t, 1);
	for (size_t i = 0; i < p->n_guest; i++) {
		el2_reg r = p->guest[i].reg;
		uint64_t *v = t->ctx_init[i];
		v[1] = 0;
		if (r == EL2_REG_PC)
			v[0] = t->guest_stub;
		else if (r == EL2_REG_PSTATE)
			v[0] = masked(ck, EL2_REG_PSTATE, gps);
		else if (r >= EL2_REG_V0 && r <= EL2_REG_V31) {
			v[0] = tagged(t, EL2_TAG_GUEST, r, 0);
			v[1] = el2_check_tag(EL2_TAG_GUEST, r, t->run, salt(t, EL2_TAG_GUEST, r, 1));
		} else if (is_el2_reg(r))
			v[0] = tagged(t, EL2_TAG_EL2, r, 0); /* stale: the exit must overwrite it */
		else
			v[0] = tagged(t, EL2_TAG_GUEST, r, 0);
		if ((e = el2_mem_write(t->mem, t->ctx + p->guest[i].off, v, chk_slot_bytes(r))))
			return chk_fail(errbuf, errlen, e,
				    "[guest] %s: context address 0x%" PRIx64 " is not in memory",
				    el2_reg_name(r), t->ctx + p->guest[i].off);
	}

	/* FP/SIMD enabled at EL1 unless the context switches CPACR_EL1 (the
	 * guest stub's first instruction probes lazy FP switching at EL2). */
	if (!in_guest_layout(p, EL2_SYSREG(CPACR_EL1)))
		el2_reg_write(pe, EL2_SYSREG(CPACR_EL1), EL2_CPACR_FPEN);

	/* The host. */
	uint64_t hps = (t->vhe ? EL2_PSR_MODE_EL2h : EL2_PSR_MODE_EL1h) | pstate_flags(t, 0);
	el2_reg_write(pe, EL2_REG_PSTATE, hps);
	for (unsigned i = 0; i <= 30; i++)
		el2_reg_write(pe, EL2_REG_X(i), tagged(t, EL2_TAG_HOST, EL2_REG_X(i), 0));
	for (unsigned i = 0; i < 32; i++) {
		el2_reg r = EL2_REG_V(i);
		el2_u128 v = {tagged(t, EL2_TAG_HOST, r, 0),
			      el2_check_tag(EL2_TAG_HOST, r, t->run, salt(t, EL2_TAG_HOST, r, 1))};
		el2_vreg_write(pe, i, v);
	}
	el2_reg_write(pe, EL2_SYSREG(FPCR), tagged(t, EL2_TAG_HOST, EL2_SYSREG(FPCR), 0));
	el2_reg_write(pe, EL2_SYSREG(FPSR), tagged(t, EL2_TAG_HOST, EL2_SYSREG(FPSR), 0));
	t->host_sp_el0 = tagged(t, EL2_TAG_HOST, EL2_SYSREG(SP_EL0), 0);
	el2_reg_write(pe, EL2_SYSREG(SP_EL0), t->host_sp_el0);
	/* Host values in the EL1 registers the world switch swaps or keeps. */
	for (size_t i = 0; i < p->n_guest; i++) {
		el2_reg r = p->guest[i].reg;
		if (EL2_REG_IS_SYSREG(r) && !is_el2_reg(r) && !is_fp_ctl(r) &&
		    r != EL2_SYSREG(SP_EL0) && (r != EL2_SYSREG(SP_EL1) || !t->vhe))
			el2_reg_write(pe, r, tagged(t, EL2_TAG_HOST, r, 0));
	}
	for (size_t i = 0; i < ck->n_preserve; i++) {
		el2_reg r = ck->preserve[i].reg;
		if (EL2_REG_IS_SYSREG(r) && !is_el2_reg(r) && !is_fp_ctl(r) &&
		    r != EL2_SYSREG(SP_EL0) && !in_guest_layout(p, r))
			el2_reg_write(pe, r, tagged(t, EL2_TAG_HOST, r, 0));
	}
	uint64_t run_arg0, ctx_reg;
	if (t->sc == SC_UNKNOWN_HVC) {
		run_arg0 = p->unknown_hvc;
		ctx_reg = 1;
	} else if (t->vhe) {
		run_arg0 = t->ctx;
		ctx_reg = 0;
	} else {
		run_arg0 = p->run_hvc;
		ctx_reg = 1;
	}
	el2_reg_write(pe, EL2_REG_X(0), run_arg0);
	el2_reg_write(pe, EL2_REG_X(ctx_reg), t->ctx);
	if (t->vhe) {
		uint64_t sp2 = 0;
		el2_reg_read(pe, EL2_SYSREG(SP_EL2), &sp2);
		if (!sp2)
			return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				    "vhe: the host runs on SP_EL2: set [el2] sp_el2 = a stack top");
		el2_reg_write(pe, EL2_REG_X(30), t->sentinel);
	} else {
		el2_reg_write(pe, EL2_SYSREG(SP_EL1), tagged(t, EL2_TAG_HOST, EL2_SYSREG(SP_EL1), 0));
	}
	uint64_t pc = t->host_stub;
	if (t->vhe && t->sc != SC_UNKNOWN_HVC) {
		if ((e = chk_value_resolve(&p->run_call, t->img, &pc, msg, sizeof(msg))))
			return chk_fail(errbuf, errlen, e, "[world] run: %s", msg);
	}
	el2_reg_write(pe, EL2_REG_PC, pc);
	capture(t, &t->host0);
	return EL2_OK;
}

/* A scenario trip's hooks: only what the round trip itself needs (one
 * interrupt per trip), then the caller's. */
static void on_event_light(void *ctx, const el2_event *ev)
{
	chk_trip *t = ctx;
	if (ev->kind == EL2_EV_EXCEPTION && ev->exc_type == EL2_EXC_IRQ)
		el2_set_line(t->pe, EL2_LINE_IRQ, false);
	if (t->user && t->user->event)
		t->user->event(t->user->ctx, ev);
}

static void on_insn_light(void *ctx, uint64_t pc, uint32_t insn, unsigned el)
{
	chk_trip *t = ctx;
	t->user->trace(t->user->ctx, pc, insn, el);
}

/* Sets the world up for the trip, writes the stubs and arms the guest's
 * interrupt. The world reset dropped the translations of every page that
 * differed from the loaded image, the stubs' included, and nothing ran
 * since: the new stub words need no further invalidation. */
static el2_err trip_prepare(chk_trip *t, char *errbuf, size_t errlen)
{
	trip_enter(t);
	/* State first: the stubs use the context's initial values. */
	el2_err e = setup_state(t, errbuf, errlen);
	if (e)
		return e;
	if ((e = write_stubs(t, &t->irq_addr)))
		return chk_fail(errbuf, errlen, e, "cannot write the stubs");
	if (t->irq_addr)
		el2_engine_line_at_addr(t->eng, EL2_LINE_IRQ, true, t->irq_addr);
	return EL2_OK;
}

static el2_err trip_go(chk_trip *t, char *errbuf, size_t errlen)
{
	el2_run_opts o = el2_run_opts_default();
	o.budget = t->ck->opts.budget;
	o.has_sentinel = true;
	o.sentinel = t->sentinel;
	if (!t->vhe || t->sc == SC_UNKNOWN_HVC) {
		o.n_stop_addrs = 1;
		o.stop_addrs[0] = t->host_stub + 4;
	}
	el2_err e = el2_engine_run(t->eng, &o, &t->rr);
	if (e && t->rr.reason != EL2_STOP_ERROR)
		return chk_fail(errbuf, errlen, e, "engine run failed: %s", el2_strerror(e));
	t->returned = t->rr.reason == EL2_STOP_SENTINEL || t->rr.reason == EL2_STOP_ADDRESS;
	return EL2_OK;
}

static el2_err run_trip(chk_trip *t, char *errbuf, size_t errlen)
{
	el2_err e = trip_prepare(t, errbuf, errlen);
	if (e)
		return e;
	for (size_t i = 0; i < t->n_watch; i++)
		watch_read(t, &t->watch[i], t->watch[i].last);
	el2_engine_set_event_hook(t->eng, on_event, t);
	el2_engine_set_trace_hook(t->eng, on_insn, t);
	if ((e = trip_go(t, errbuf, errlen)))
		return e;
	if (t->n_watch && t->prev_valid)
		watch_check(t, t->prev_pc, false);
	window_close(t);
	capture(t, &t->end);
	return EL2_OK;
}

/* A scenario trip (el2_scenario_trip): the same world, state and stubs,
 * with no capture or property work; the caller's hooks instead. */
el2_err chk_run_light(chk_trip *t, char *errbuf, size_t errlen)
{
	el2_err e = trip_prepare(t, errbuf, errlen);
	if (e)
		return e;
	el2_engine_set_event_hook(t->eng, on_event_light, t);
	el2_engine_set_trace_hook(t->eng, t->user && t->user->trace ? on_insn_light : NULL, t);
	return trip_go(t, errbuf, errlen);
}

/* Runs the same trip again without resetting the world: the PE as the
 * trip started, the context's slots as the trip wrote them, the interrupt
 * re-armed; the hypervisor's own memory (stack, per-CPU data) carries over
 * as it would between two real calls. */
el2_err chk_run_again(chk_trip *t, char *errbuf, size_t errlen)
{
	const el2_check_profile *p = &t->ck->prof;
	el2_snapshot_restore(t->pe, t->host0.snap);
	for (size_t i = 0; i < p->n_guest; i++)
		el2_mem_write(t->mem, t->ctx + p->guest[i].off, t->ctx_init[i],
			      chk_slot_bytes(p->guest[i].reg));
	el2_engine_clear_lines(t->eng);
	if (t->irq_addr)
		el2_engine_line_at_addr(t->eng, EL2_LINE_IRQ, true, t->irq_addr);
	return trip_go(t, errbuf, errlen);
}

/* ---- the check ---- */

static void default_preserve(chk_checker *ck)
{
	const el2_check_profile *p = &ck->prof;
	if (p->has_preserve) {
		memcpy(ck->preserve, p->preserve, p->n_preserve * sizeof(p->preserve[0]));
		ck->n_preserve = p->n_preserve;
	} else {
		size_t n = 0;
		for (unsigned i = 19; i <= 29; i++)
			ck->preserve[n++] = (chk_pres){EL2_REG_X(i), false};
		ck->preserve[n++] = (chk_pres){EL2_REG_SP, false};
		ck->preserve[n++] = (chk_pres){EL2_SYSREG(SP_EL0), false};
		if (!ck->vhe)
			ck->preserve[n++] = (chk_pres){EL2_SYSREG(TPIDR_EL1), false};
		ck->preserve[n++] = (chk_pres){EL2_SYSREG(TPIDR_EL2), false};
		for (unsigned i = 8; i <= 15; i++)
			ck->preserve[n++] = (chk_pres){EL2_REG_V(i), true};
		ck->preserve[n++] = (chk_pres){EL2_SYSREG(FPCR), false};
		ck->n_preserve = n;
	}
	/* 'sp' is the host's own stack pointer. */
	for (size_t i = 0; i < ck->n_preserve; i++)
		if (ck->preserve[i].reg == EL2_REG_SP)
			ck->preserve[i].reg = ck->vhe ? EL2_SYSREG(SP_EL2) : EL2_SYSREG(SP_EL1);
	static const el2_reg keep[] = {EL2_SYSREG(TPIDR_EL2), EL2_SYSREG(SP_EL2),
				       EL2_SYSREG(VBAR_EL2), EL2_SYSREG(HCR_EL2)};
	ck->n_el2_keep = 0;
	for (size_t i = 0; i < 4; i++)
		ck->el2_keep[ck->n_el2_keep++] = keep[i];
	for (size_t i = 0; i < p->n_el2_preserve; i++) {
		bool dup = false;
		for (size_t j = 0; j < ck->n_el2_keep; j++)
			dup |= ck->el2_keep[j] == p->el2_preserve[i];
		if (!dup)
			ck->el2_keep[ck->n_el2_keep++] = p->el2_preserve[i];
	}
}

/* Entry/exit assembly ranges: from each symbol to the next label symbol
 * of its section (or the section's end). */
static el2_err asm_ranges(chk_checker *ck, const el2_image *img, char *errbuf, size_t errlen)
{
	ck->n_asm = 0;
	for (size_t i = 0; i < ck->prof.n_entry_asm; i++) {
		char msg[200];
		el2_err e = el2_image_label_extent(img, ck->prof.entry_asm[i], &ck->asm_lo[ck->n_asm],
						   &ck->asm_hi[ck->n_asm], msg, sizeof(msg));
		if (e)
			return chk_fail(errbuf, errlen, e, "[world] entry_asm: %s", msg);
		ck->n_asm++;
	}
	return EL2_OK;
}

/* Loads the object once to complete the profile from its symbols. */
static el2_err prepare(chk_checker *ck, char *errbuf, size_t errlen)
{
	chk_world probe;
	el2_err e = chk_world_load(ck, &probe, errbuf, errlen);
	if (!e)
		e = chk_profile_merge_symbols(&ck->prof, probe.img, errbuf, errlen);
	if (!e) {
		int mode = ck->opts.mode ? (int)ck->opts.mode : ck->prof.mode;
		ck->vhe = mode == EL2_CHECK_MODE_VHE;
		if (ck->vhe && !ck->prof.has_run_call)
			e = chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				 "vhe: set [world] run = call SYMBOL (or define EL2SIM_RUN)");
		else if (!ck->vhe && !ck->prof.has_run_hvc)
			e = chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				 "nvhe: set [world] run = hvc ID (or define EL2SIM_RUN_HVC)");
		else if (!ck->prof.n_guest)
			e = chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				 "no guest registers: fill [guest] (or define EL2SIM_GUEST_X0 ...)");
	}
	for (size_t i = 0; i < ck->prof.n_guest; i++)
		if (ck->prof.guest[i].reg >= EL2_REG_V0 && ck->prof.guest[i].reg <= EL2_REG_V31)
			ck->layout_has_fp = true;
	if (!e)
		e = asm_ranges(ck, probe.img, errbuf, errlen);
	chk_world_close(&probe);
	default_preserve(ck);
	/* The world every trip runs in, with the profile now complete. */
	if (!e && !(e = chk_world_open(ck, &ck->world, errbuf, errlen))) {
		ck->world_open = true;
		e = resolve_context(ck, errbuf, errlen);
	}
	return e;
}

static bool scenario_enabled(const chk_checker *ck, chk_scenario sc, const el2_mem *mem)
{
	switch (sc) {
	case SC_HVC: return true;
	case SC_MMIO:
		for (size_t i = 0; mem && i < el2_mem_count(mem); i++) {
			const el2_mem_region *r = el2_mem_region_at(mem, i);
			if ((r->attrs & EL2_MEM_MMIO) && (r->attrs & EL2_MEM_GUEST))
				return true;
		}
		return false;
	case SC_S2PERM: return ro_guest_region(mem) != NULL;
	case SC_SYSREG: return ck->prof.has_trapped;
	case SC_IRQ: return ck->prof.irq;
	case SC_UNKNOWN_HVC: return ck->prof.has_unknown_hvc;
	default: return false;
	}
}

bool chk_scenario_enabled(const chk_checker *ck, chk_scenario sc)
{
	return scenario_enabled(ck, sc, ck->world.mem);
}

void chk_trip_free(chk_trip *t)
{
	trip_free(t);
}

el2_check_opts el2_check_opts_default(void)
{
	return (el2_check_opts){
		.runs = EL2_CHECK_DEFAULT_RUNS,
		.corners = true,
		.seed = EL2_CHECK_DEFAULT_SEED,
		.mode = EL2_CHECK_MODE_PROFILE,
		.budget = EL2_CHECK_DEFAULT_BUDGET,
		.last_writer = true,
	};
}

/* Runs the trip again with watches on the new findings' values. */
static void find_writers(chk_trip *orig, chk_watch *w, size_t n)
{
	chk_trip t = {.ck = orig->ck, .run = orig->run, .run_seed = orig->run_seed,
		      .sc = orig->sc, .vhe = orig->vhe, .watch = w, .n_watch = n, .rerun = true};
	char err[64];
	if (run_trip(&t, err, sizeof(err)) == EL2_OK) {
		for (size_t i = 0; i < n; i++) {
			el2_check_finding *f = &orig->ck->res->findings[w[i].finding];
			chk_fill_writer(&t, f, &w[i]);
		}
	}
	trip_free(&t);
}

el2_err chk_checker_new(const char *path, const el2_check_profile *prof,
			const el2_check_opts *opts, chk_checker **out, char *errbuf, size_t errlen)
{
	*out = NULL;
	if (errlen)
		errbuf[0] = '\0';
	chk_checker *ck = calloc(1, sizeof(*ck));
	if (!ck || !(ck->res = calloc(1, sizeof(*ck->res)))) {
		free(ck);
		return EL2_ERR_NOMEM;
	}
	ck->opts = opts ? *opts : el2_check_opts_default();
	if (!ck->opts.budget)
		ck->opts.budget = EL2_CHECK_DEFAULT_BUDGET;
	if (prof)
		ck->prof = *prof;
	ck->path = path;
	ck->cfg = el2_config_default();
	el2_err e = el2_pe_new(&ck->cfg, &ck->scratch);
	if (!e)
		e = prepare(ck, errbuf, errlen);
	if (e) {
		chk_checker_free(ck);
		return e;
	}
	*out = ck;
	return EL2_OK;
}

void chk_checker_free(chk_checker *ck)
{
	if (!ck)
		return;
	if (ck->world_open)
		chk_world_close(&ck->world);
	el2_pe_free(&ck->scratch);
	free(ck->res);
	free(ck);
}

el2_err el2_check_file(const char *path, const el2_check_profile *prof,
		       const el2_check_opts *opts, el2_check_result **out, char *errbuf,
		       size_t errlen)
{
	if (!path || !out)
		return EL2_ERR_INVALID_ARG;
	*out = NULL;
	chk_checker *ck;
	el2_err e = chk_checker_new(path, prof, opts, &ck, errbuf, errlen);
	if (e)
		return e;
	el2_check_result *res = ck->res;
	snprintf(res->object, sizeof(res->object), "%s", path);
	res->mode = ck->vhe ? EL2_CHECK_MODE_VHE : EL2_CHECK_MODE_NVHE;
	res->seed = ck->opts.seed;
	unsigned corners = ck->opts.corners ? 2u : 0u;
	unsigned runs = ck->opts.runs + corners;
	if (runs > EL2_TAG_MAX_RUN)
		runs = EL2_TAG_MAX_RUN;
	res->runs = runs;

	/* Which scenarios apply: decided on the world's memory map. */
	bool enabled[SC__COUNT];
	for (unsigned sc = 0; sc < SC__COUNT; sc++) {
		enabled[sc] = scenario_enabled(ck, (chk_scenario)sc, ck->world.mem);
		if (enabled[sc] && res->n_scenarios < 8)
			snprintf(res->scenarios[res->n_scenarios++], 16, "%s",
				 chk_scenario_name((chk_scenario)sc));
	}
	unsigned total = runs * (unsigned)res->n_scenarios, done = 0;
	for (unsigned run = 0; run < runs && !e; run++) {
		for (unsigned sc = 0; sc < SC__COUNT && !e; sc++) {
			if (!enabled[sc])
				continue;
			chk_trip t = {.ck = ck, .run = run,
				      .run_seed = chk_mix(ck->opts.seed * 0x100000001b3ull + run),
				      .sc = (chk_scenario)sc, .vhe = ck->vhe};
			e = run_trip(&t, errbuf, errlen);
			if (!e) {
				chk_watch w[CHK_MAX_WATCH];
				size_t nw = 0;
				chk_props_evaluate(&t, w, &nw);
				res->round_trips++;
				if (nw && ck->opts.last_writer)
					find_writers(&t, w, nw);
			}
			trip_free(&t);
			if (ck->opts.progress)
				ck->opts.progress(ck->opts.progress_ctx, ++done, total);
		}
	}
	if (!e) {
		ck->res = NULL; /* the caller's now */
		*out = res;
	}
	chk_checker_free(ck);
	return e;
}

void el2_check_result_free(el2_check_result **res)
{
	if (res) {
		free(*res);
		*res = NULL;
	}
}

void chk_where(const chk_trip *t, uint64_t addr, char *buf, size_t len)
{
	const char *name;
	uint64_t off;
	if (t->img && el2_image_symbolize(t->img, addr, &name, &off) == EL2_OK)
		snprintf(buf, len, "%s+0x%" PRIx64, name, off);
	else if (addr >= t->guest_stub && addr < t->guest_stub + GUEST_STUB_SIZE)
		snprintf(buf, len, "el2sim guest stub+0x%" PRIx64, addr - t->guest_stub);
	else if (addr >= t->host_stub && addr < t->host_stub + EL2_MEM_PAGE_SIZE)
		snprintf(buf, len, "el2sim host stub+0x%" PRIx64, addr - t->host_stub);
	else
		snprintf(buf, len, "0x%" PRIx64, addr);
}

void chk_fill_writer(const chk_trip *t, el2_check_finding *f, const chk_watch *w)
{
	if (!w->has_writer) {
		f->has_writer = false;
		return;
	}
	f->has_writer = true;
	f->writer_pc = w->writer_pc;
	chk_where(t, w->writer_pc, f->writer_where, sizeof(f->writer_where));
	uint32_t insn = 0;
	char text[80] = "?";
	if (el2_mem_read(t->mem, w->writer_pc, &insn, 4) == EL2_OK)
		el2_disasm(insn, w->writer_pc, text, sizeof(text));
	snprintf(f->writer_text, sizeof(f->writer_text), "%s%s", text,
		 w->writer_event ? " (exception entry/return)" : "");
}
