/* SPDX-License-Identifier: MIT */
/* Shared inside sim/cost: the two baseline formats of el2_cost_check_baseline
 * (text lines, cost_report.c; an el2sim bench --json report,
 * cost_baseline_json.c) check their entries the same way. */
#ifndef EL2SIM_COST_INTERNAL_H
#define EL2SIM_COST_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "el2sim/cost.h"

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

#endif
