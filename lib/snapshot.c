/* SPDX-License-Identifier: MIT */
/* Snapshots of the whole architectural state, and their difference. */
#include <stdlib.h>
#include <string.h>

#include "pe_internal.h"

/* A frozen PE: its configuration, its state and what it derives from the
 * configuration, so that reads go through the same code as a live PE's
 * without rebuilding anything. Hooks and pending operations are dropped. */
struct el2_snapshot {
	el2_pe view;
};

el2_err el2_snapshot_take(const el2_pe *pe, el2_snapshot **out)
{
	if (!pe || !out)
		return EL2_ERR_INVALID_ARG;
	el2_snapshot *snap = malloc(sizeof(*snap));
	if (!snap)
		return EL2_ERR_NOMEM;
	snap->view = *pe;
	snap->view.unknown_fn = NULL;
	snap->view.unknown_ctx = NULL;
	snap->view.at_pending = false;
	*out = snap;
	return EL2_OK;
}

static bool same_config(const el2_config *a, const el2_config *b)
{
	return a->features == b->features && a->have_el2 == b->have_el2 &&
	       a->have_el3 == b->have_el3 && a->midr == b->midr && a->mpidr == b->mpidr;
}

el2_err el2_snapshot_restore(el2_pe *pe, const el2_snapshot *snap)
{
	if (!pe || !snap)
		return EL2_ERR_INVALID_ARG;
	if (!same_config(&pe->cfg, &snap->view.cfg))
		return EL2_ERR_SNAPSHOT_MISMATCH;
	pe->s = snap->view.s;
	pe->at_pending = false;
	return EL2_OK;
}

void el2_snapshot_free(el2_snapshot **snap)
{
	if (!snap || !*snap)
		return;
	free(*snap);
	*snap = NULL;
}

el2_err el2_snapshot_read(const el2_snapshot *snap, el2_reg reg, uint64_t *val)
{
	if (!snap || !val)
		return EL2_ERR_INVALID_ARG;
	/* Read through a PE view so SPECIAL rows and SP resolve the same way. */
	return el2_reg_read(&snap->view, reg, val);
}

static size_t add(el2_reg_diff *out, size_t cap, size_t n, el2_reg_diff d)
{
	if (n < cap)
		out[n] = d;
	return n + 1;
}

/* Rows that own storage: every row but aliases and operations. PSTATE-field
 * rows never write their slot, so comparing it is harmless. */
static bool compared_row(el2_sysreg id)
{
	unsigned k = el2_sysreg_get(id)->kind;
	return k != EL2_SRK_ALIAS && k != EL2_SRK_SYSOP;
}

size_t el2_snapshot_diff(const el2_snapshot *a, const el2_snapshot *b, el2_reg_diff *out, size_t cap)
{
	if (!a || !b)
		return 0;
	if (!out)
		cap = 0;
	const struct el2_arch_state *sa = &a->view.s, *sb = &b->view.s;
	size_t n = 0;
	for (unsigned i = 0; i < 31; i++)
		if (sa->x[i] != sb->x[i])
			n = add(out, cap, n, (el2_reg_diff){EL2_REG_X(i), sa->x[i], sb->x[i], 0, 0});
	if (sa->pc != sb->pc)
		n = add(out, cap, n, (el2_reg_diff){EL2_REG_PC, sa->pc, sb->pc, 0, 0});
	if (sa->pstate != sb->pstate)
		n = add(out, cap, n, (el2_reg_diff){EL2_REG_PSTATE, sa->pstate, sb->pstate, 0, 0});
	for (unsigned i = 0; i < 32; i++)
		if (sa->v[i].lo != sb->v[i].lo || sa->v[i].hi != sb->v[i].hi)
			n = add(out, cap, n,
				(el2_reg_diff){EL2_REG_V(i), sa->v[i].lo, sb->v[i].lo, sa->v[i].hi,
					       sb->v[i].hi});
	for (unsigned i = 0; i < EL2_SR_COUNT; i++)
		if (compared_row((el2_sysreg)i) && sa->sr[i] != sb->sr[i])
			n = add(out, cap, n,
				(el2_reg_diff){EL2_REG_SYSREG_BASE + i, sa->sr[i], sb->sr[i], 0, 0});
	return n;
}
