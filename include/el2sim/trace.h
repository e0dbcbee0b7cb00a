/* SPDX-License-Identifier: MIT */
/* Tracing a run: one line per executed instruction (index, address,
 * symbol+offset, EL, disassembly, registers it changed) and one line per
 * event (exception entry with EC, decoded ESR and vector; exception
 * return; system-register read/write with its value), as text or as JSON
 * lines. Attach to an engine before el2_engine_run, flush after it.
 * docs/cli.md shows both formats. */
#ifndef EL2SIM_TRACE_H
#define EL2SIM_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "el2sim/elf.h"
#include "el2sim/engine.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct el2_trace el2_trace;

typedef struct el2_trace_opts {
	bool json;          /* one JSON object per line instead of text */
	bool events_only;   /* events only: no per-instruction hook (fast) */
	uint64_t max_lines; /* 0: no limit; else the run is stopped (through
	                       el2_engine_request_stop) once this many lines
	                       have been written */
	/* The caller owns the engine's hooks and passes each call on to
	 * el2_trace_insn / el2_trace_event: el2_trace_attach installs none
	 * and el2_trace_free removes none (el2sim check --trace). */
	bool forwarded;
	/* Each data load and store of an instruction after its line, with
	 * address and value (el2_engine_set_mem_hook): "MR8 ADDR VALUE" /
	 * "MW4 ...", as Arm's Tarmac traces write them; JSON: "mem":[...]. */
	bool memory;
	/* Tarmac-style lines instead of el2sim's text: "N clk IT (N) PC WORD
	 * O EL2h : ASM", then "N clk R X19 VALUE" per register changed and
	 * "N clk MW8 ADDR VALUE" per access; events stay '!' lines. */
	bool tarmac;
	/* Names an address the image has no symbol for (NULL: "-"). */
	void (*where)(void *ctx, uint64_t addr, char *buf, size_t len);
	void *where_ctx;
} el2_trace_opts;

/* Installs the engine's trace and event hooks (replacing any others) and
 * writes to out. img is optional (symbol+offset). */
el2_err el2_trace_attach(el2_engine *eng, el2_pe *pe, const el2_image *img, FILE *out,
			 const el2_trace_opts *opts, el2_trace **out_trace);
/* The hooks' work, for a caller that forwards (opts.forwarded). */
void el2_trace_insn(el2_trace *t, uint64_t pc, uint32_t insn, unsigned el);
void el2_trace_event(el2_trace *t, const el2_event *ev);
/* Writes the last instruction's line (its register changes are known only
 * when the run has stopped). Call after each el2_engine_run. */
void el2_trace_flush(el2_trace *t);
/* Removes the hooks and frees the trace; sets *t to NULL. NULL-safe. */
void el2_trace_free(el2_trace **t);

/* Lines written so far, and whether max_lines cut the run short. */
uint64_t el2_trace_lines(const el2_trace *t);
bool el2_trace_hit_max(const el2_trace *t);
/* EL2_ERR_IO when a line could not be written (stream error on out),
 * EL2_ERR_NOMEM when a JSON line could not be built: the first such
 * failure, which also stops the run of a trace with its own hooks (not
 * a forwarded one); else EL2_OK. */
el2_err el2_trace_error(const el2_trace *t);

/* Short names: "SVC", "DATA_ABORT", "IRQ" ... ("?" if out of range). */
const char *el2_exc_type_name(el2_exc_type t);

#ifdef __cplusplus
}
#endif
#endif
