/* SPDX-License-Identifier: MIT */
/* Mutation testing of the world-switch checker (docs/mutate.md): one-word
 * mutants of the entry/exit assembly (the profile's entry_asm ranges) are
 * written to a temporary copy of the object and checked; a mutant is
 * killed when the checker reports anything. */
#ifndef EL2SIM_MUTATE_H
#define EL2SIM_MUTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "el2sim/check.h"
#include "el2sim/err.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum el2_mut_kind {
	EL2_MUT_DELETE,       /* load/store/pair/MSR/MRS/SYS -> NOP */
	EL2_MUT_SWAP_PAIR,    /* STP/LDP: Rt <-> Rt2 */
	EL2_MUT_OFFSET_UP,    /* load/store immediate offset + one element */
	EL2_MUT_OFFSET_DOWN,  /* ... - one element */
	EL2_MUT_DROP_BARRIER, /* ISB/DSB/DMB -> NOP */
	EL2_MUT__COUNT
} el2_mut_kind;

typedef enum el2_mut_status {
	EL2_MUT_KILLED,
	EL2_MUT_SURVIVED,
	EL2_MUT_EQUIVALENT,  /* the word's effect cannot differ */
	EL2_MUT_NOT_COVERED, /* the instruction never executes in the checker's runs */
	EL2_MUT__STATUS_COUNT
} el2_mut_status;

const char *el2_mut_kind_name(el2_mut_kind k);     /* "delete", "swap", ... */
const char *el2_mut_status_name(el2_mut_status s); /* "killed", ... */

typedef struct el2_mutant {
	uint64_t addr;
	char where[96];        /* symbol+offset */
	uint32_t orig, mutated;
	char orig_text[80], mutated_text[80];
	el2_mut_kind kind;
	el2_mut_status status;
	char why[96];          /* first finding, or why equivalent */
	char file[160];        /* source line of addr (DWARF, -g), "" if unknown */
	int line;
} el2_mutant;

typedef struct el2_mutate_opts {
	unsigned runs;          /* randomized runs per mutant (default 1) */
	bool corners;           /* plus the two corner runs (default true) */
	uint64_t seed;          /* default EL2_CHECK_DEFAULT_SEED */
	el2_check_mode mode;
	uint64_t budget;        /* instructions per round trip (default 100000) */
	size_t max_mutants;     /* 0: all; else the first N in address order */
	const char *symbol;     /* NULL: every entry_asm range; else only this one */
	bool one_word;          /* with symbol: only the word at symbol+word_offset */
	uint64_t word_offset;
	el2_check_progress_fn progress; /* (ctx, mutants done, total) */
	void *progress_ctx;
	/* Undefined symbols' addresses, as el2_check_opts.symdefs. */
	const el2_symdef *symdefs;
	size_t n_symdefs;
	/* Worker processes checking mutants (fork; 0 or 1: this process). The
	 * report is the same whatever the number. */
	unsigned jobs;
	/* Of all mutants (in address order, after max_mutants), only those
	 * whose index modulo shard_count is shard_index (0-based; count 0 or
	 * 1: all). el2_mutate_merge_json joins the shards' JSON reports. */
	unsigned shard_index, shard_count;
	/* Linux alternatives applied at every load, as el2_check_opts's. */
	const el2_alt_set *alternatives;
	/* Check every mutant the slow way: a whole check (every run and
	 * scenario) of a fresh load of the mutated file. The default stops a
	 * mutant's check at its first finding and reuses each worker's loaded
	 * object and engine; the report must be the same (a test compares). */
	bool no_shortcuts;
} el2_mutate_opts;

#define EL2_MUTATE_DEFAULT_BUDGET UINT64_C(100000)

el2_mutate_opts el2_mutate_opts_default(void);

typedef struct el2_mutate_result el2_mutate_result;

/* Generates and checks the mutants of the object at path. The unmutated
 * object must pass the check (else EL2_ERR_INVALID_ARG: a score would mean
 * nothing). */
el2_err el2_mutate_file(const char *path, const el2_check_profile *prof,
			const el2_mutate_opts *opts, el2_mutate_result **out, char *errbuf,
			size_t errlen);
void el2_mutate_result_free(el2_mutate_result **res);

size_t el2_mutate_mutants(const el2_mutate_result *res, const el2_mutant **out);
unsigned el2_mutate_count(const el2_mutate_result *res, el2_mut_status s);
/* killed / (total - equivalent - not covered); 1.0 when nothing counts. */
double el2_mutate_score(const el2_mutate_result *res);

/* Joins the --json reports of every shard of one sharded run (read from
 * files[i], named names[i] in errors) into the result of the whole run:
 * its JSON report is the one an unsharded run writes. */
el2_err el2_mutate_merge_json(FILE *const *files, const char *const *names, size_t n,
			      el2_mutate_result **out, char *errbuf, size_t errlen);

void el2_mutate_write_text(const el2_mutate_result *res, FILE *f);
/* SARIF 2.1.0: one warning result per survivor at its source line. */
el2_err el2_mutate_write_sarif(const el2_mutate_result *res, FILE *f);
/* JSON and SARIF: EL2_ERR_NOMEM or EL2_ERR_IO when they could not be
 * built or written. */
el2_err el2_mutate_write_json(const el2_mutate_result *res, FILE *f);

#ifdef __cplusplus
}
#endif
#endif
