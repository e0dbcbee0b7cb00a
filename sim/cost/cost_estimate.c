/* SPDX-License-Identifier: MIT */
/* The cycle estimate: an in-order issue model over the executed stream
 * (docs/bench.md, "The estimator").
 *
 * Each instruction issues at the earliest time t such that
 *   - t >= the previous instruction's issue time + 1/issue_width (in order),
 *   - t >= the fence left by the last serialising operation,
 *   - t >= the ready time of every register it reads (a load's consumer
 *     waits for the load's latency: load-use),
 *   - t >= the time its class's pipeline accepts another instruction
 *     (1/throughput after the previous one of the class);
 * it completes at t + latency and its destinations are ready then.
 * Serialising operations (ISB, DSB, ERET, exception entry, MSR to a
 * register the model lists in sync_regs) first wait for everything before
 * them to complete (the pipeline drains), take their fixed cost, and
 * nothing after them issues before they are done.
 *
 * The cycles of a stream are the completion frontier (latest completion)
 * after its last instruction; each instruction is charged how far it
 * moved the frontier, so the charges add up to the total exactly. */
#include <string.h>

#include "el2sim/cost.h"

void el2_cost_est_init(el2_cost_est *e, const el2_cost_model *m)
{
	memset(e, 0, sizeof(*e));
	e->m = m;
}

static double max2(double a, double b)
{
	return a > b ? a : b;
}

static bool msr_needs_sync(const el2_cost_model *m, uint32_t enc)
{
	for (size_t k = 0; k < m->n_sync_regs; k++)
		if (m->sync_regs[k] == enc)
			return true;
	return false;
}

/* The fixed cost of a serialising operation, or -1 if i is not one. */
static double serial_cost(const el2_cost_model *m, const el2_insn_cost_info *i)
{
	switch (i->cls) {
	case EL2_CC_ISB: return m->isb;
	case EL2_CC_ERET: return m->eret;
	case EL2_CC_EXCEPTION: return m->exception_entry;
	case EL2_CC_DSB_DMB: return i->is_dsb ? m->dsb : -1;
	case EL2_CC_MSR: return msr_needs_sync(m, i->sysreg_enc) ? m->msr_sync : -1;
	default: return -1;
	}
}

static double advance(el2_cost_est *e, double done)
{
	double before = e->frontier;
	e->frontier = max2(e->frontier, done);
	return e->frontier - before;
}

double el2_cost_est_step(el2_cost_est *e, const el2_insn_cost_info *i)
{
	const el2_cost_model *m = e->m;
	unsigned c = (unsigned)i->cls < EL2_CC__COUNT ? (unsigned)i->cls : EL2_CC_OTHER;
	double t = max2(e->issue, e->fence);
	double cost = serial_cost(m, i);
	if (cost >= 0) {
		t = max2(t, e->frontier); /* drain: everything before completes */
		double done = t + cost;
		for (unsigned k = 0; k < i->n_dst && k < EL2_COST_MAX_REGS; k++)
			e->reg_ready[i->dst[k] & 63] = done;
		e->fence = done;
		e->issue = done;
		return advance(e, done);
	}
	for (unsigned k = 0; k < i->n_src && k < EL2_COST_MAX_REGS; k++)
		t = max2(t, e->reg_ready[i->src[k] & 63]);
	t = max2(t, e->class_free[c]);
	double done = t + m->latency[c];
	e->class_free[c] = t + 1.0 / m->throughput[c];
	e->issue = t + 1.0 / m->issue_width;
	for (unsigned k = 0; k < i->n_dst && k < EL2_COST_MAX_REGS; k++)
		e->reg_ready[i->dst[k] & 63] = done;
	return advance(e, done);
}
