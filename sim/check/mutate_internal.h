/* SPDX-License-Identifier: MIT */
/* Interfaces between el2sim mutate's files (sim/check/mutate*.c). */
#ifndef EL2SIM_SIM_MUTATE_INTERNAL_H
#define EL2SIM_SIM_MUTATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "el2sim/check.h"
#include "el2sim/mutate.h"

#define A64_NOP 0xd503201fu

struct el2_mutate_result {
	char object[256];
	el2_mutant *m;
	size_t n, cap;
	unsigned count[EL2_MUT__STATUS_COUNT];
	unsigned runs;
	bool corners;
	uint64_t seed;
};

/* One mutant of a word, before it is run. */
typedef struct mut_cand {
	uint32_t mutated;
	el2_mut_kind kind;
	bool equivalent;
	const char *why;
} mut_cand;

#define MUT_MAX_PER_WORD 6

/* mutate_ops.c: the mutants of one instruction word; returns how many. */
size_t mut_candidates(uint32_t w, mut_cand out[MUT_MAX_PER_WORD]);

#endif
