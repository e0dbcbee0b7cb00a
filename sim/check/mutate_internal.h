/* SPDX-License-Identifier: MIT */
/* Interfaces between el2sim mutate's files (sim/check/mutate*.c). */
#ifndef EL2SIM_SIM_MUTATE_INTERNAL_H
#define EL2SIM_SIM_MUTATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "el2sim/check.h"
#include "el2sim/mutate.h"

struct el2_mutate_result {
	char object[256];
	el2_mutant *m;
	size_t n, cap;
	unsigned count[EL2_MUT__STATUS_COUNT];
	unsigned runs;
	bool corners;
	uint64_t seed;
	/* A shard (el2_mutate_opts.shard_*) holds the mutants whose index
	 * modulo shard_count is shard_index; total_all counts every shard's. */
	unsigned shard_index, shard_count;
	size_t total_all;
	size_t *index; /* per mutant: its index among all shards' mutants */
};

/* One entry_asm range of the object: loaded addresses and the file
 * offset of lo. covered[] marks the words the unmutated runs executed. */
typedef struct mut_range {
	uint64_t lo, hi;
	uint64_t off;
	char name[128];
	bool *covered;
} mut_range;

/* What checking one mutant needs: the options, the profile, and a
 * private copy of the object to write mutated words into. */
typedef struct mut_runner {
	const el2_mutate_opts *mo;
	const el2_check_profile *prof;
	const char *tmp;
	int fd;
	el2_check_cover_fn cover; /* for the unmutated run only */
	void *cover_ctx;
	/* the worker's kept world (el2_check_opts.world_cache; NULL with
	 * el2_mutate_opts.no_shortcuts): mut_put_word patches it too */
	struct chk_world_cache *cache;
} mut_runner;

/* mutate_run.c: checks the temporary copy as it is: 1 killed, 0 passed. */
int mut_check_word(const mut_runner *rn, char *why, size_t len);
/* Writes w at file offset off of the copy, and at the loaded address
 * addr of the kept world. */
bool mut_put_word(const mut_runner *rn, uint64_t off, uint64_t addr, uint32_t w);
/* Records each executed address that falls in one of the ranges. */
void mut_cover_pc(void *ctx, uint64_t pc);
typedef struct mut_ranges {
	mut_range *r;
	size_t n;
} mut_ranges;
bool mut_covered(const mut_ranges *rs, uint64_t addr);

/* mutate_jobs.c: checks mutants [todo] with opts.jobs worker processes,
 * each on its own copy of the object (buf, len); fills status and why. */
el2_err mut_run_all(el2_mutate_result *r, const uint64_t *offs, const mut_ranges *rs,
		    const mut_runner *proto, const uint8_t *buf, size_t len, char *errbuf,
		    size_t errlen);
el2_err mut_make_tmp(mut_runner *rn, char *path, size_t plen, const uint8_t *buf, size_t len,
		     char *errbuf, size_t errlen);

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
