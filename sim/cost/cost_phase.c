/* SPDX-License-Identifier: MIT */
/* Recording one round trip (trace and event hooks) and splitting it into
 * phases (the rule: cost_label.c) and user ranges (docs/bench.md, "Phases"),
 * with counts per class, bytes, system-register accesses and estimated
 * cycles per model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "el2sim/cost.h"
#include "el2sim/sysreg.h"
#include "cost_internal.h"

static const char *const phase_names[EL2_PHASE__COUNT] = {
	"entry", "to-guest", "guest", "exit", "return",
};

const char *el2_cost_phase_name(el2_cost_phase p)
{
	return (unsigned)p < EL2_PHASE__COUNT ? phase_names[p] : "?";
}

el2_err el2_cost_rec_new(el2_cost_rec **out)
{
	if (!out)
		return EL2_ERR_INVALID_ARG;
	*out = calloc(1, sizeof(**out));
	return *out ? EL2_OK : EL2_ERR_NOMEM;
}

void el2_cost_rec_free(el2_cost_rec **r)
{
	if (!r || !*r)
		return;
	free((*r)->e);
	free(*r);
	*r = NULL;
}

void el2_cost_rec_reset(el2_cost_rec *r)
{
	if (!r)
		return;
	r->n = 0;
	r->overflow = false;
}

size_t el2_cost_rec_size(const el2_cost_rec *r)
{
	return r ? r->n : 0;
}

bool el2_cost_rec_overflow(const el2_cost_rec *r)
{
	return r && r->overflow;
}

static void push(el2_cost_rec *r, rec_entry e)
{
	if (r->overflow)
		return;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 1024;
		if (cap > EL2_COST_MAX_ENTRIES)
			cap = EL2_COST_MAX_ENTRIES;
		rec_entry *ne = cap > r->cap ? realloc(r->e, cap * sizeof(*ne)) : NULL;
		if (!ne) {
			r->overflow = true; /* the bound, or out of memory */
			return;
		}
		r->e = ne;
		r->cap = cap;
	}
	r->e[r->n++] = e;
}

/* MRS or MSR (register): the register (from the encoding's op0:op1:CRn:
 * CRm:op2, as the model's table keys it) and the direction. */
static bool sysreg_access_word(uint32_t w, el2_reg *reg, bool *write)
{
	if ((w & 0xffd00000u) != 0xd5100000u) /* 1101010100 L 1 o0 ...: MSR/MRS (register) */
		return false;
	el2_sysreg sr = el2_sysreg_by_enc((w >> 5) & 0xffffu);
	if (sr == EL2_SR_NONE)
		return false;
	*reg = EL2_REG_SYSREG_BASE + sr;
	*write = !(w & (1u << 21));
	return true;
}

/* An MRS/MSR that Unicorn ran itself (TPIDR_EL0, TPIDRRO_EL0, NZCV,
 * FPCR/FPSR, ... at Unicorn-EL0: whatever the engine does not trap) has
 * no access event: the model performs the trapped ones and reports each
 * (or takes an exception at that instruction). So when the next
 * instruction, or an event at another address (an interrupt taken before
 * the next instruction), follows such a word directly, it ran natively and
 * its access is recorded as if it had been reported. */
static void native_access(el2_cost_rec *r, uint64_t next_event_pc, bool is_event)
{
	if (!r->n || r->overflow)
		return;
	const rec_entry *last = &r->e[r->n - 1];
	el2_reg reg;
	bool write;
	if (last->kind != K_INSN || (is_event && next_event_pc == last->pc) ||
	    !sysreg_access_word(last->insn, &reg, &write))
		return;
	push(r, (rec_entry){.pc = last->pc, .insn = reg, .kind = write ? K_SR_WRITE : K_SR_READ});
}

void el2_cost_rec_trace(void *ctx, uint64_t pc, uint32_t insn, unsigned el)
{
	native_access(ctx, 0, false);
	push(ctx, (rec_entry){.pc = pc, .insn = insn, .kind = K_INSN, .el = (uint8_t)el});
}

void el2_cost_rec_finish(el2_cost_rec *r)
{
	if (r)
		native_access(r, 0, false);
}

void el2_cost_rec_event(void *ctx, const el2_event *ev)
{
	/* an exception's pc is the instruction that raised it; an ERET's
	 * (ev->pc) is the ERET itself */
	if (ev->kind == EL2_EV_EXCEPTION || ev->kind == EL2_EV_ERET ||
	    ev->kind == EL2_EV_SYSREG_READ || ev->kind == EL2_EV_SYSREG_WRITE)
		native_access(ctx, ev->pc, true);
	switch (ev->kind) {
	case EL2_EV_EXCEPTION:
		push(ctx, (rec_entry){.pc = ev->pc, .kind = K_EXC, .el = (uint8_t)ev->from_el});
		break;
	case EL2_EV_ERET:
		/* the engine reports the ERET's own address in pc and the
		 * return address in vector (sim/engine_trap.c) */
		if (!ev->illegal)
			push(ctx, (rec_entry){.pc = ev->vector, .kind = K_ERET,
					      .el = (uint8_t)ev->to_el});
		break;
	case EL2_EV_SYSREG_READ:
	case EL2_EV_SYSREG_WRITE:
		push(ctx, (rec_entry){.pc = ev->pc, .insn = ev->reg,
				      .kind = ev->kind == EL2_EV_SYSREG_READ ? K_SR_READ : K_SR_WRITE});
		break;
	default: /* interrupts are also EXCEPTION events; SYSOPs are instructions */
		break;
	}
}

size_t el2_cost_rec_labels(const el2_cost_rec *r, const el2_cost_layout *lay, uint8_t *phase,
			   uint8_t *kind, size_t max)
{
	if (!r || !lay)
		return 0;
	uint8_t *ph = calloc(r->n ? r->n : 1, 1);
	if (!ph)
		return 0;
	unsigned missed;
	if (!cost_label(r, lay, ph, &missed)) {
		free(ph);
		return 0;
	}
	for (size_t i = 0; i < r->n && i < max; i++) {
		if (phase)
			phase[i] = ph[i];
		if (kind)
			kind[i] = r->e[i].kind == K_INSN ? 0 : r->e[i].kind == K_EXC ? 1 : 2;
	}
	free(ph);
	return r->n;
}

static void count_sysreg(el2_cost_row *row, el2_reg reg, bool write)
{
	size_t k = 0;
	while (k < row->n_sysregs && row->sysregs[k].reg != reg)
		k++;
	if (k == row->n_sysregs) {
		if (k == EL2_COST_MAX_SYSREGS)
			return;
		row->sysregs[k] = (el2_cost_sysreg_count){.reg = reg};
		row->n_sysregs++;
	}
	if (write)
		row->sysregs[k].writes++;
	else
		row->sysregs[k].reads++;
}

static void count_entry(el2_cost_row *row, const rec_entry *e, const el2_insn_cost_info *ci)
{
	if (e->kind == K_SR_READ || e->kind == K_SR_WRITE) {
		count_sysreg(row, e->insn, e->kind == K_SR_WRITE);
		return;
	}
	if (e->kind == K_INSN)
		row->insns++;
	row->by_class[ci->cls]++;
	row->bytes_loaded += ci->bytes_loaded;
	row->bytes_stored += ci->bytes_stored;
}

static void add_row(el2_cost_row *dst, const el2_cost_row *src, size_t n_models)
{
	dst->insns += src->insns;
	dst->bytes_loaded += src->bytes_loaded;
	dst->bytes_stored += src->bytes_stored;
	for (unsigned c = 0; c < EL2_CC__COUNT; c++)
		dst->by_class[c] += src->by_class[c];
	for (size_t k = 0; k < src->n_sysregs; k++) {
		for (uint32_t n = 0; n < src->sysregs[k].reads; n++)
			count_sysreg(dst, src->sysregs[k].reg, false);
		for (uint32_t n = 0; n < src->sysregs[k].writes; n++)
			count_sysreg(dst, src->sysregs[k].reg, true);
	}
	for (size_t mi = 0; mi < n_models; mi++) {
		dst->cycles[mi] += src->cycles[mi];
		for (unsigned c = 0; c < EL2_CC__COUNT; c++)
			dst->class_cycles[mi][c] += src->class_cycles[mi][c];
	}
}

static void entry_info(const rec_entry *e, el2_insn_cost_info *ci)
{
	if (e->kind == K_INSN)
		el2_cost_classify(e->insn, ci);
	else {
		memset(ci, 0, sizeof(*ci));
		ci->cls = EL2_CC_EXCEPTION;
	}
}

el2_err el2_cost_split(const el2_cost_rec *r, const el2_cost_layout *lay,
		       const el2_cost_model *models, size_t n_models, el2_cost_result *out,
		       char *errbuf, size_t errlen)
{
	if (!r || !lay || !out || (n_models && !models))
		return EL2_ERR_INVALID_ARG;
	if (n_models > EL2_COST_MAX_MODELS || lay->n_ranges > EL2_COST_MAX_RANGES) {
		if (errlen)
			snprintf(errbuf, errlen, "at most %d models and %d ranges",
				 EL2_COST_MAX_MODELS, EL2_COST_MAX_RANGES);
		return EL2_ERR_INVALID_ARG;
	}
	if (r->overflow) {
		if (errlen)
			snprintf(errbuf, errlen, "the round trip is longer than %u recorded "
				 "instructions and events", EL2_COST_MAX_ENTRIES);
		return EL2_ERR_INVALID_ARG;
	}
	char scenario[sizeof(out->scenario)];
	memcpy(scenario, out->scenario, sizeof(scenario));
	memset(out, 0, sizeof(*out));
	memcpy(out->scenario, scenario, sizeof(scenario));
	for (unsigned p = 0; p < EL2_PHASE__COUNT; p++)
		snprintf(out->rows[p].name, sizeof(out->rows[p].name), "%s", phase_names[p]);
	snprintf(out->rows[EL2_COST_ROW_TOTAL].name, sizeof(out->rows[0].name), "total");
	for (size_t k = 0; k < lay->n_ranges; k++)
		snprintf(out->rows[EL2_COST_ROW_TOTAL + 1 + k].name, sizeof(out->rows[0].name), "%s",
			 lay->range_name[k]);
	out->n_rows = EL2_COST_ROW_TOTAL + 1 + lay->n_ranges;

	uint8_t *ph = calloc(r->n ? r->n : 1, 1);
	el2_cost_est *est = calloc(n_models ? n_models : 1, sizeof(*est));
	if (!ph || !est) {
		free(ph);
		free(est);
		return EL2_ERR_NOMEM;
	}
	if (!cost_label(r, lay, ph, &out->boundaries_missed)) {
		free(ph);
		free(est);
		return EL2_ERR_NOMEM;
	}
	for (size_t mi = 0; mi < n_models; mi++)
		el2_cost_est_init(&est[mi], &models[mi]);
	uint64_t last_pc = 0;
	for (size_t i = 0; i < r->n; i++) {
		const rec_entry *e = &r->e[i];
		if (e->kind == K_ERET)
			continue;
		el2_insn_cost_info ci = {0};
		bool costed = e->kind == K_INSN || e->kind == K_EXC;
		if (costed)
			entry_info(e, &ci);
		if (e->kind == K_INSN) {
			out->trip_insns++;
			last_pc = e->pc;
		}
		el2_cost_row *row = &out->rows[ph[i]];
		count_entry(row, e, &ci);
		/* ranges: instructions in them, and the accesses those made */
		bool in_range[EL2_COST_MAX_RANGES] = {0};
		for (size_t k = 0; k < lay->n_ranges; k++) {
			uint64_t pc = e->kind == K_INSN ? e->pc : last_pc;
			in_range[k] = e->kind != K_EXC && cost_in_span(&lay->range[k], pc);
			if (in_range[k])
				count_entry(&out->rows[EL2_COST_ROW_TOTAL + 1 + k], e, &ci);
		}
		if (!costed)
			continue;
		for (size_t mi = 0; mi < n_models; mi++) {
			double d = el2_cost_est_step(&est[mi], &ci);
			row->cycles[mi] += d;
			row->class_cycles[mi][ci.cls] += d;
			for (size_t k = 0; k < lay->n_ranges; k++)
				if (in_range[k]) {
					el2_cost_row *rr = &out->rows[EL2_COST_ROW_TOTAL + 1 + k];
					rr->cycles[mi] += d;
					rr->class_cycles[mi][ci.cls] += d;
				}
		}
	}
	for (unsigned p = 0; p < EL2_PHASE__COUNT; p++)
		if (p != EL2_PHASE_GUEST)
			add_row(&out->rows[EL2_COST_ROW_TOTAL], &out->rows[p], n_models);
	free(ph);
	free(est);
	return EL2_OK;
}
