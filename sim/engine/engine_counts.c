/* SPDX-License-Identifier: MIT */
/* The engine's counts and phases (instructions per EL and per exception-
 * delimited phase), and the events it emits (docs/engine.md). */
#include <string.h>

#include "engine_internal.h"
#include "model_seam.h"

void engine_new_phase(el2_engine *eng, uint64_t pc)
{
	if (eng->n_phases == EL2_MAX_PHASES) {
		/* Drop the oldest quarter at once so the array stays contiguous
		 * at an amortised small cost. */
		size_t drop = EL2_MAX_PHASES / 4;
		memmove(eng->phases, eng->phases + drop,
			(EL2_MAX_PHASES - drop) * sizeof(eng->phases[0]));
		eng->n_phases -= drop;
		eng->phases_dropped += drop;
	}
	el2_phase *p = &eng->phases[eng->n_phases++];
	p->el = pe_el(eng->pe);
	p->start_pc = pc;
	p->insns = 0;
	p->first_insn = eng->counts.insns;
}

static el2_phase *cur_phase(el2_engine *eng)
{
	if (eng->n_phases == 0)
		engine_new_phase(eng, eng->pe->s.pc);
	return &eng->phases[eng->n_phases - 1];
}

void engine_count_n(el2_engine *eng, uint64_t n)
{
	eng->counts.insns += n;
	eng->counts.insns_el[eng->el > 2 ? 2 : eng->el] += n;
	cur_phase(eng)->insns += n;
}

void engine_count_one(el2_engine *eng)
{
	engine_count_n(eng, 1);
}

void engine_uncount_from(el2_engine *eng, uint64_t insn_addr)
{
	uint64_t end = eng->block_pc + 4ull * eng->block_insns;
	if (eng->block_insns == 0 || insn_addr < eng->block_pc || insn_addr >= end)
		return;
	uint64_t n = (end - insn_addr) / 4;
	eng->counts.insns -= n;
	eng->counts.insns_el[eng->el > 2 ? 2 : eng->el] -= n;
	cur_phase(eng)->insns -= n;
	eng->block_insns = 0;
}

void engine_emit(el2_engine *eng, const el2_event *ev)
{
	if (eng->event_fn)
		eng->event_fn(eng->event_ctx, ev);
}

/* An exception storm: the same exception, from the same PC with the same
 * syndrome, taken again and again with at most one instruction (the
 * faulting one itself) between two of them - a vector that faults at once,
 * as a UDF or zeroed memory at VBAR does. Nothing legitimate does that
 * (every handler runs instructions before it could fault again), so a
 * short bound ends the run with a message that names it instead of
 * spending the whole budget on restarts. */
#define STORM_BOUND 256u

static void watch_storm(el2_engine *eng, uint64_t pc, const el2_exc_outcome *o)
{
	if (pc == eng->storm_pc && o->esr == eng->storm_esr &&
	    eng->counts.insns - eng->storm_insns <= 1) {
		if (++eng->storm_count == STORM_BOUND) {
			char sym[96], vec[96];
			engine_stop_error(eng, EL2_ERR_INVALID_ARG,
					  "exception storm at %s (EL%u): EC 0x%02x taken %u times in "
					  "a row, its vector %s faults at once",
					  engine_symbolize(eng, pc, sym, sizeof(sym)), o->from_el,
					  (unsigned)(o->esr >> 26) & 0x3fu, STORM_BOUND,
					  engine_symbolize(eng, o->vector, vec, sizeof(vec)));
		}
	} else {
		eng->storm_count = 0;
	}
	eng->storm_pc = pc;
	eng->storm_esr = o->esr;
	eng->storm_insns = eng->counts.insns;
}

void engine_exception_taken(el2_engine *eng, uint64_t pc, el2_exc_type type,
			    const el2_exc_outcome *o)
{
	eng->counts.exceptions++;
	watch_storm(eng, pc, o);
	sync_world(eng);
	engine_new_phase(eng, o->vector);
	if (eng->event_fn) {
		el2_event ev = {.kind = EL2_EV_EXCEPTION, .index = eng->counts.insns, .pc = pc,
				.from_el = o->from_el, .to_el = o->target_el, .reg = EL2_REG_NONE,
				.esr = o->esr, .vector = o->vector, .exc_type = type};
		engine_emit(eng, &ev);
	}
	if (eng->opts && eng->opts->stop_on_exception_to == (int)o->target_el)
		engine_stop_here(eng, EL2_STOP_EXCEPTION);
}

void el2_engine_counts(const el2_engine *eng, el2_counts *out)
{
	if (eng && out)
		*out = eng->counts;
}

void el2_engine_reset_counts(el2_engine *eng)
{
	if (!eng)
		return;
	memset(&eng->counts, 0, sizeof(eng->counts));
	eng->n_phases = 0;
	eng->phases_dropped = 0;
}

size_t el2_engine_phases(const el2_engine *eng, const el2_phase **out, uint64_t *dropped)
{
	if (!eng)
		return 0;
	if (out)
		*out = eng->phases;
	if (dropped)
		*dropped = eng->phases_dropped;
	return eng->n_phases;
}

void el2_engine_set_event_hook(el2_engine *eng, el2_event_fn fn, void *ctx)
{
	if (!eng)
		return;
	eng->event_fn = fn;
	eng->event_ctx = ctx;
}

