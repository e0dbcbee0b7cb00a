/* SPDX-License-Identifier: MIT */
/* Interrupts as stimulus: lines asserted or deasserted at an instruction
 * count or when execution reaches an address, and delivery through the
 * model (el2_deliver_interrupt: masking, routing, priority) at instruction
 * boundaries the engine controls: block starts, after each trapped
 * instruction, and when a scheduled event fires. */
#include <string.h>

#include "engine_internal.h"
#include "model_seam.h"

static el2_exc_type type_of(const el2_exc_outcome *o)
{
	switch (o->vect_offset & 0x180u) {
	case 0x100:
		return EL2_EXC_FIQ;
	case 0x180:
		return EL2_EXC_SERROR;
	default:
		return EL2_EXC_IRQ;
	}
}

bool irq_deliver(el2_engine *eng)
{
	el2_pe *pe = eng->pe;
	el2_exc_outcome o;
	uint64_t pc = pe->s.pc;
	if (!pe->s.lines && !(SR(pe, HCR_EL2) & (EL2_HCR_VI | EL2_HCR_VF | EL2_HCR_VSE)))
		return false;
	if (!el2_deliver_interrupt(pe, &o))
		return false;
	el2_exc_type type = type_of(&o);
	if (eng->event_fn) {
		el2_event ev = {.kind = EL2_EV_INTERRUPT, .index = eng->counts.insns, .pc = pc,
				.from_el = o.from_el, .to_el = o.target_el, .reg = EL2_REG_NONE,
				.esr = o.esr, .vector = o.vector, .exc_type = type};
		engine_emit(eng, &ev);
	}
	engine_exception_taken(eng, pc, type, &o);
	sync_after_model(eng, NULL);
	return true;
}

static void fire(el2_engine *eng, line_event *ev)
{
	ev->done = true;
	el2_set_line(eng->pe, ev->line, ev->assert);
}

void irq_at_block(el2_engine *eng)
{
	bool fired = false;
	for (size_t i = 0; i < eng->n_lines; i++) {
		line_event *ev = &eng->lines[i];
		if (!ev->done && !ev->by_addr && eng->counts.insns >= ev->at) {
			fire(eng, ev);
			fired = true;
		}
	}
	if (fired) {
		sync_sp_nzcv_in(eng);
		irq_deliver(eng);
	}
}

bool irq_wait(el2_engine *eng)
{
	line_event *next = NULL;
	for (size_t i = 0; i < eng->n_lines; i++) {
		line_event *ev = &eng->lines[i];
		if (!ev->done && !ev->by_addr && (!next || ev->at < next->at))
			next = ev;
	}
	if (!next)
		return false;
	fire(eng, next);
	return true;
}

static void on_line_addr(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	el2_engine *eng = user;
	bool fired = false;
	if (eng->stop_requested)
		return;
	for (size_t i = 0; i < eng->n_lines; i++) {
		line_event *ev = &eng->lines[i];
		if (!ev->done && ev->by_addr && ev->at == addr) {
			fire(eng, ev);
			fired = true;
		}
	}
	if (!fired)
		return;
	sync_sp_nzcv_in(eng);
	eng->pe->s.pc = addr;
	if (irq_deliver(eng)) {
		/* The instruction at addr did not execute: the interrupt was
		 * taken before it (ELR = addr). Writing PC keeps it from running. */
		engine_uncount_from(eng, addr);
		engine_resume(eng);
	}
}

static el2_err add_event(el2_engine *eng, el2_irq_line line, bool assert, bool by_addr,
			 uint64_t at)
{
	if (!eng || (line != EL2_LINE_IRQ && line != EL2_LINE_FIQ && line != EL2_LINE_SERROR))
		return EL2_ERR_INVALID_ARG;
	if (eng->n_lines == ENGINE_MAX_LINE_EVENTS)
		return EL2_ERR_NOMEM;
	line_event *ev = &eng->lines[eng->n_lines];
	memset(ev, 0, sizeof(*ev));
	ev->line = line;
	ev->assert = assert;
	ev->by_addr = by_addr;
	ev->at = at;
	if (by_addr) {
		if (uc_hook_add(eng->uc, &ev->hook, UC_HOOK_CODE, (void *)on_line_addr, eng, at, at) !=
		    UC_ERR_OK)
			return EL2_ERR_NOMEM;
		/* Already translated code at addr must be retranslated with
		 * the hook. */
		if (eng->running) {
			eng->flush_pending = true;
			eng->reconfigure = true;
		} else {
			engine_remove_cache(eng, at, at + 4);
		}
	}
	eng->n_lines++;
	return EL2_OK;
}

el2_err el2_engine_line_at_count(el2_engine *eng, el2_irq_line line, bool assert, uint64_t at_insn)
{
	return add_event(eng, line, assert, false, at_insn);
}

el2_err el2_engine_line_at_addr(el2_engine *eng, el2_irq_line line, bool assert, uint64_t addr)
{
	return add_event(eng, line, assert, true, addr);
}

void irq_remove_hooks(el2_engine *eng)
{
	for (size_t i = 0; i < eng->n_lines; i++)
		if (eng->lines[i].by_addr && eng->lines[i].hook)
			uc_hook_del(eng->uc, eng->lines[i].hook);
	eng->n_lines = 0;
}

void el2_engine_clear_lines(el2_engine *eng)
{
	if (!eng || eng->running)
		return;
	uint64_t at[ENGINE_MAX_LINE_EVENTS];
	size_t n = 0;
	for (size_t i = 0; i < eng->n_lines; i++)
		if (eng->lines[i].by_addr && eng->lines[i].hook)
			at[n++] = eng->lines[i].at;
	irq_remove_hooks(eng);
	/* A deleted single-address hook stays compiled into translated code
	 * until that code is dropped (docs/unicorn-facts.md). */
	for (size_t i = 0; i < n; i++)
		engine_remove_cache(eng, at[i], at[i] + 4);
}
