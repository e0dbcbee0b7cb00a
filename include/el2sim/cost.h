/* SPDX-License-Identifier: MIT */
/* Cycle-approximate cost of a world switch (docs/bench.md): every executed
 * instruction is classified from its decoded form (Capstone + the A64
 * load/store decoder), a recorded round trip is split into phases (entry,
 * to-guest, guest, exit, return) and user ranges, and an in-order issue
 * model per core (a cost model file) estimates cycles. el2sim bench drives
 * it; the pieces are public so a C harness can do the same. */
#ifndef EL2SIM_COST_H
#define EL2SIM_COST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "el2sim/engine.h"
#include "el2sim/err.h"
#include "el2sim/pe.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- classification (sim/cost_class.c) ---- */
typedef enum el2_cost_class {
	EL2_CC_ALU,        /* integer data processing */
	EL2_CC_BRANCH,     /* B, BL, BR, BLR, RET, CBZ, TBZ, B.cond ... */
	EL2_CC_LOAD,       /* one register loaded (GPR or SIMD&FP) */
	EL2_CC_STORE,      /* one register stored */
	EL2_CC_LDST_PAIR,  /* LDP/STP/LDNP/STNP/LDPSW, exclusive pairs */
	EL2_CC_MRS,
	EL2_CC_MSR,        /* MSR (register) */
	EL2_CC_MSR_IMM,    /* MSR (immediate): PAN, UAO, DAIFSet ... */
	EL2_CC_ISB,
	EL2_CC_DSB_DMB,
	EL2_CC_TLBI,
	EL2_CC_AT,
	EL2_CC_DC_IC,
	EL2_CC_ERET,
	EL2_CC_EXCEPTION,  /* exception entry: a model event, not an instruction */
	EL2_CC_FP,         /* FP/SIMD data processing */
	EL2_CC_OTHER,      /* hints, HVC/SVC/SMC, BRK, undecodable words ... */
	EL2_CC__COUNT
} el2_cost_class;

/* "alu", "branch", "load", "store", "ldst_pair", "mrs", "msr", "msr_imm",
 * "isb", "dsb_dmb", "tlbi", "at", "dc_ic", "eret", "exception", "fp",
 * "other" (the model file's names); "?" out of range. */
const char *el2_cost_class_name(el2_cost_class c);
/* The class with that name; false if none. */
bool el2_cost_class_by_name(const char *name, el2_cost_class *out);

/* Register ids for dependencies: 0..30 X/W, 31 SP, 32..63 V/Q/D/S/H/B. */
#define EL2_COST_REG_SP 31u
#define EL2_COST_REG_V0 32u
#define EL2_COST_MAX_REGS 8u

typedef struct el2_insn_cost_info {
	el2_cost_class cls;
	bool is_dsb;            /* EL2_CC_DSB_DMB: DSB (serialising) vs DMB */
	uint16_t bytes_loaded, bytes_stored;
	uint32_t sysreg_enc;    /* MRS/MSR: EL2_SYS_ENC key of the register */
	uint8_t n_src, n_dst;
	uint8_t src[EL2_COST_MAX_REGS], dst[EL2_COST_MAX_REGS];
} el2_insn_cost_info;

/* Classifies one A64 word. Never fails: a word Capstone cannot decode is
 * EL2_CC_OTHER with no registers. Results are cached per word (per
 * thread). */
void el2_cost_classify(uint32_t insn, el2_insn_cost_info *out);

/* ---- cost models (sim/cost_model.c; format in docs/bench.md) ---- */
#define EL2_COST_MAX_SYNC_REGS 64

typedef struct el2_cost_model {
	char name[64];
	double freq_mhz;                     /* for nanoseconds */
	double issue_width;                  /* instructions per cycle, in order */
	double latency[EL2_CC__COUNT];       /* cycles until the result is usable */
	double throughput[EL2_CC__COUNT];    /* instructions of the class per cycle */
	/* serialising operations: pipeline drained first, then this many cycles */
	double exception_entry, eret, isb, dsb, msr_sync;
	uint32_t sync_regs[EL2_COST_MAX_SYNC_REGS]; /* MSR to these is serialising */
	size_t n_sync_regs;
} el2_cost_model;

/* Parses a model held in buf. Errors: EL2_ERR_INVALID_ARG with
 * "line N: what is wrong" in errbuf. */
el2_err el2_cost_model_parse(const char *buf, size_t len, el2_cost_model *out, char *errbuf,
			     size_t errlen);
/* A path (anything with a '/' or ending in ".model"), or a bundled name
 * ("neoverse-n1") looked up in the source tree's bench/models and the
 * installed share/el2sim/models. */
el2_err el2_cost_model_load(const char *name_or_path, el2_cost_model *out, char *errbuf,
			    size_t errlen);
/* True when a and b give every instruction the same cycles (width,
 * latencies, throughputs, serialising costs and registers; the clock and
 * name aside). */
bool el2_cost_model_same_cycles(const el2_cost_model *a, const el2_cost_model *b);
/* The bundled model names (NULL past the end). */
const char *el2_cost_model_bundled(size_t index);

/* ---- the estimator (sim/cost_estimate.c) ---- */
typedef struct el2_cost_est {
	const el2_cost_model *m;
	double issue;        /* earliest issue time of the next instruction */
	double frontier;     /* latest completion so far */
	double fence;        /* nothing issues before this (serialisation) */
	double class_free[EL2_CC__COUNT];
	double reg_ready[64];
} el2_cost_est;

void el2_cost_est_init(el2_cost_est *e, const el2_cost_model *m);
/* Issues one instruction (or exception entry); returns how far it moved
 * the completion frontier (the cycles charged to it). */
double el2_cost_est_step(el2_cost_est *e, const el2_insn_cost_info *i);

/* ---- recording and splitting a trip (sim/cost_phase.c) ---- */
typedef enum el2_cost_phase {
	EL2_PHASE_ENTRY,
	EL2_PHASE_TO_GUEST,
	EL2_PHASE_GUEST,
	EL2_PHASE_EXIT,
	EL2_PHASE_RETURN,
	EL2_PHASE__COUNT
} el2_cost_phase;
/* "entry", "to-guest", "guest", "exit", "return". */
const char *el2_cost_phase_name(el2_cost_phase p);

typedef struct el2_cost_rec el2_cost_rec;
#define EL2_COST_MAX_ENTRIES (1u << 20)

el2_err el2_cost_rec_new(el2_cost_rec **out);
void el2_cost_rec_free(el2_cost_rec **r);
void el2_cost_rec_reset(el2_cost_rec *r);
/* Hooks for el2_scenario_hooks / the engine (ctx = the recorder). */
void el2_cost_rec_trace(void *ctx, uint64_t pc, uint32_t insn, unsigned el);
void el2_cost_rec_event(void *ctx, const el2_event *ev);
/* After the run: records the access of a last MRS/MSR that Unicorn ran
 * itself (one that raised no access event: docs/bench.md). */
void el2_cost_rec_finish(el2_cost_rec *r);
/* Entries recorded; true if the bound was hit (the trip is incomplete). */
size_t el2_cost_rec_size(const el2_cost_rec *r);
bool el2_cost_rec_overflow(const el2_cost_rec *r);

typedef struct el2_cost_span {
	uint64_t lo, hi; /* [lo, hi) */
} el2_cost_span;

#define EL2_COST_MAX_RANGES 16
#define EL2_COST_MAX_SPANS 32
#define EL2_COST_MAX_MODELS 8
#define EL2_COST_MAX_SYSREGS 128

/* Where things are: what the phase rule and the user ranges need. */
typedef struct el2_cost_layout {
	el2_cost_span guest;                      /* the guest stub */
	el2_cost_span entry_asm[EL2_COST_MAX_SPANS];
	size_t n_entry_asm;
	char range_name[EL2_COST_MAX_RANGES][32];
	el2_cost_span range[EL2_COST_MAX_RANGES];
	size_t n_ranges;
	/* Phase boundaries given by the profile ([bench] phase.to_guest,
	 * phase.return; docs/layout.md): the phase starts at this address. */
	bool has_to_guest_at, has_return_at;
	uint64_t to_guest_at, return_at;
} el2_cost_layout;

/* el2_cost_result.boundaries_missed: a profile boundary the trip did not
 * execute where it was looked for (the default rule was used instead). */
#define EL2_COST_MISSED_TO_GUEST 1u
#define EL2_COST_MISSED_RETURN 2u

typedef struct el2_cost_sysreg_count {
	el2_reg reg;
	uint32_t reads, writes;
} el2_cost_sysreg_count;

/* Counts and estimates for one phase or range. */
typedef struct el2_cost_row {
	char name[32];
	uint64_t insns;                      /* instructions (exception entries not included) */
	uint64_t by_class[EL2_CC__COUNT];
	uint64_t bytes_loaded, bytes_stored;
	el2_cost_sysreg_count sysregs[EL2_COST_MAX_SYSREGS];
	size_t n_sysregs;
	double cycles[EL2_COST_MAX_MODELS];
	double class_cycles[EL2_COST_MAX_MODELS][EL2_CC__COUNT];
} el2_cost_row;

/* Rows: the five phases, "total" (the hypervisor: all but guest), then
 * the user ranges. */
#define EL2_COST_ROW_TOTAL EL2_PHASE__COUNT
#define EL2_COST_MAX_ROWS (EL2_PHASE__COUNT + 1 + EL2_COST_MAX_RANGES)

typedef struct el2_cost_result {
	char scenario[16];
	el2_cost_row rows[EL2_COST_MAX_ROWS];
	size_t n_rows;
	double trips_per_sec, insns_per_sec; /* 0 when not measured */
	uint64_t trip_insns;                 /* instructions of the recorded trip */
	unsigned boundaries_missed;          /* EL2_COST_MISSED_* */
} el2_cost_result;

/* Splits the recorded trip (docs/bench.md, "Phases") and estimates cycles
 * with each model. EL2_ERR_INVALID_ARG: too many models, or the trip
 * overflowed the recorder. */
el2_err el2_cost_split(const el2_cost_rec *r, const el2_cost_layout *lay,
		       const el2_cost_model *models, size_t n_models, el2_cost_result *out,
		       char *errbuf, size_t errlen);
/* The phase of every recorded entry after a split (tests, debugging):
 * returns the number of entries; kinds: 0 instruction, 1 exception entry,
 * 2 marker (event without cost). */
size_t el2_cost_rec_labels(const el2_cost_rec *r, const el2_cost_layout *lay,
			   uint8_t *phase, uint8_t *kind, size_t max);

/* ---- reports (sim/cost_report.c) ---- */
typedef struct el2_cost_report {
	const el2_cost_model *models;
	size_t n_models;
	const el2_cost_result *results;
	size_t n_results;
	const char *object;
} el2_cost_report;

void el2_cost_write_text(const el2_cost_report *rep, FILE *f);
/* EL2_ERR_NOMEM or EL2_ERR_IO when the JSON could not be built or written. */
el2_err el2_cost_write_json(const el2_cost_report *rep, FILE *f);
void el2_cost_write_csv(const el2_cost_report *rep, FILE *f);
/* Per-row deltas b - a of instructions and cycles (same scenarios and
 * models, matched by name). */
void el2_cost_write_compare(const el2_cost_report *a, const el2_cost_report *b, FILE *f);
/* SVG chart (sim/cost_svg.c): a panel per scenario; per phase and range
 * a stacked bar (cycles by class) for each model (mi = SIZE_MAX: every
 * model whose numbers are not an earlier model's; else model index mi)
 * and, when b is not NULL (--compare), for rep and b side by side as
 * series A and B (labelled with their objects); totals on the bars, round
 * y-axis ticks, a legend of the classes drawn. */
void el2_cost_write_svg(const el2_cost_report *rep, const el2_cost_report *b, size_t mi,
			FILE *f);

/* Threshold: "PHASE=N" or "SCENARIO/PHASE=N" (PHASE: a phase, "total" or
 * a range name). */
typedef struct el2_cost_limit {
	char scenario[16]; /* "" = every scenario */
	char row[32];
	uint64_t max_insns;
} el2_cost_limit;
bool el2_cost_limit_parse(const char *s, el2_cost_limit *out, char *errbuf, size_t errlen);
/* Writes one line per violated limit to f ("hvc: phase exit: 57
 * instructions, limit 50"); returns how many. A limit naming a row that no
 * scenario has counts as violated (a typo must not pass silently). */
size_t el2_cost_check_limits(const el2_cost_report *rep, const el2_cost_limit *lim,
			     size_t n_lim, FILE *f);
/* Baseline files: "scenario row insns" lines (# comments). Saving writes
 * every row of every scenario; checking fails (count returned, lines to f)
 * for every row that grew ("hvc: phase exit grew from 50 to 57
 * instructions"). Checking also takes an el2_cost_write_json report (a
 * file whose first non-blank character is '{'): its scenarios[].rows[]
 * name and insns are the entries. Parse errors: EL2_ERR_INVALID_ARG,
 * "FILE:N: ..." (text), "FILE:LINE:COL: malformed JSON: ..." or "FILE:
 * not an el2sim bench --json report: ..." (JSON). */
el2_err el2_cost_save_baseline(const el2_cost_report *rep, const char *path, char *errbuf,
			       size_t errlen);
el2_err el2_cost_check_baseline(const el2_cost_report *rep, const char *path, FILE *f,
				size_t *violations, char *errbuf, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
