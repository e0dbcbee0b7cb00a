/* SPDX-License-Identifier: MIT */
/* Shared inside sim/cost: the recorder's entries (cost_phase.c) and the
 * phase rule (cost_label.c); the two baseline formats of
 * el2_cost_check_baseline (text lines, cost_report.c; an el2sim bench
 * --json report, cost_baseline_json.c), which check their entries the same
 * way. */
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
#include <stdio.h>

/* One baseline entry: scenario sc's row had v instructions. A row that
 * grew is written to out and counted in *violations; a scenario no
 * el2sim scenario has, or a row the measured scenario lacks (a typo), is
 * EL2_ERR_INVALID_ARG with "WHERE: ..." in errbuf. */
el2_err cost_baseline_entry(const el2_cost_report *rep, const char *sc, const char *row,
			    uint64_t v, const char *where, FILE *out, size_t *violations,
			    char *errbuf, size_t errlen);

/* The file's first non-blank character is '{': a JSON baseline (a text
 * baseline starts with '#' or a scenario name). f is rewound. */
bool cost_baseline_is_json(FILE *f);
/* The baseline check on an el2sim bench --json report: every
 * scenarios[].rows[] {name, insns} is an entry. Malformed JSON or a
 * document that is not such a report: EL2_ERR_INVALID_ARG naming the
 * file (and line:column, or the member that is wrong). */
el2_err cost_check_baseline_json(const el2_cost_report *rep, const char *path, FILE *out,
				 size_t *violations, char *errbuf, size_t errlen);

/* The result of scenario `scenario` in rep, and row `name` of a result
 * (r may be NULL); NULL if absent. */
const el2_cost_result *cost_find_result(const el2_cost_report *rep, const char *scenario);
const el2_cost_row *cost_find_row(const el2_cost_result *r, const char *name);

#endif
