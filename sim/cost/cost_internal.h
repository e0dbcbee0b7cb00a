/* SPDX-License-Identifier: MIT */
/* The recorder's entries, shared by the recorder (cost_phase.c) and the
 * phase rule (cost_label.c). */
#ifndef EL2SIM_COST_INTERNAL_H
#define EL2SIM_COST_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "el2sim/cost.h"

enum { K_INSN, K_EXC, K_ERET, K_SR_READ, K_SR_WRITE };

typedef struct rec_entry {
	uint64_t pc;      /* instruction address; K_ERET: the new PC */
	uint32_t insn;    /* K_INSN: the word; K_SR_*: the register (el2_reg) */
	uint8_t kind;
	uint8_t el;       /* K_INSN: EL it ran at; K_EXC: EL taken from */
} rec_entry;

struct el2_cost_rec {
	rec_entry *e;
	size_t n, cap;
	bool overflow;
};

static inline bool cost_in_span(const el2_cost_span *s, uint64_t pc)
{
	return pc >= s->lo && pc < s->hi;
}

/* Labels every entry of r with its phase (docs/bench.md, "Phases");
 * *missed gets EL2_COST_MISSED_* bits for profile boundaries the trip did
 * not execute where they were looked for (the default rule was used).
 * False: out of memory. */
bool cost_label(const el2_cost_rec *r, const el2_cost_layout *lay, uint8_t *ph, unsigned *missed);

#endif
