/* SPDX-License-Identifier: MIT */
/* The engine: runs real AArch64 code under Unicorn with the model (el2_pe)
 * owning every piece of system state. Unicorn executes ordinary
 * instructions; every system instruction is trapped and performed by
 * el2_exec(). See docs/engine.md. */
#ifndef EL2SIM_ENGINE_H
#define EL2SIM_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "el2sim/aarch32.h"
#include "el2sim/elf.h"
#include "el2sim/exception.h"
#include "el2sim/exec.h"
#include "el2sim/mem.h"
#include "el2sim/pe.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct el2_engine el2_engine;

/* Creates an engine over a PE and a memory map (both stay owned by the
 * caller and must outlive the engine; regions must not be added after).
 * img is optional (symbol+offset in messages and traces). On failure errbuf
 * says why. */
el2_err el2_engine_new(el2_pe *pe, el2_mem *mem, const el2_image *img, el2_engine **out,
		       char *errbuf, size_t errlen);
void el2_engine_free(el2_engine **eng);

/* How the engine takes system instructions away from Unicorn
 * (docs/engine.md): TRAP runs all code at Unicorn-EL0 so every system
 * instruction raises an exception (any Unicorn 2); INSN runs EL2 code at
 * Unicorn's EL2 with MRS/MSR/SYS hooked in place (Unicorn >= 2.1.1). Both
 * give the same results. Chosen at el2_engine_new from uc_version();
 * EL2SIM_STRATEGY=trap in the environment forces TRAP. */
typedef enum el2_engine_strategy {
	EL2_STRATEGY_TRAP,
	EL2_STRATEGY_INSN,
} el2_engine_strategy;

el2_engine_strategy el2_engine_get_strategy(const el2_engine *eng);
/* The strategy el2_engine_new would choose now (Unicorn version, env). */
el2_engine_strategy el2_engine_default_strategy(void);
const char *el2_engine_strategy_name(el2_engine_strategy s);

/* Why a run stopped: a value, never only a message. */
typedef enum el2_stop_reason {
	EL2_STOP_SENTINEL,   /* instruction fetch from the sentinel address */
	EL2_STOP_ADDRESS,    /* reached one of opts.stop_addrs (not executed) */
	EL2_STOP_EXCEPTION,  /* an exception was taken to opts.stop_on_exception_to */
	EL2_STOP_ERET,       /* an exception return to opts.stop_on_eret_to */
	EL2_STOP_BUDGET,     /* opts.budget instructions executed */
	EL2_STOP_STEP,       /* single step completed */
	EL2_STOP_WFI,        /* WFI/WFE with nothing that could wake the PE */
	EL2_STOP_SMC_EL3,    /* SMC reached EL3 firmware (have_el3); PC = next */
	EL2_STOP_REQUESTED,  /* a hook called el2_engine_request_stop() */
	EL2_STOP_ERROR,      /* see el2_run_result.error and .message */
} el2_stop_reason;

const char *el2_stop_reason_name(el2_stop_reason r);

#define EL2_RUN_MAX_STOP_ADDRS 16
#define EL2_DEFAULT_BUDGET 100000000ull

typedef struct el2_run_opts {
	uint64_t budget;              /* instruction budget; 0 = EL2_DEFAULT_BUDGET */
	bool has_sentinel;
	uint64_t sentinel;            /* must not be inside a mapped region */
	size_t n_stop_addrs;
	uint64_t stop_addrs[EL2_RUN_MAX_STOP_ADDRS];
	int stop_on_exception_to;     /* -1: never; else stop after entering that EL */
	int stop_on_eret_to;          /* -1: never; else stop after returning to that EL */
	bool single_step;
} el2_run_opts;

/* Defaults: budget EL2_DEFAULT_BUDGET, no sentinel, no stops. */
el2_run_opts el2_run_opts_default(void);

typedef struct el2_run_result {
	el2_stop_reason reason;
	el2_err error;                /* EL2_STOP_ERROR only */
	char message[320];            /* one line: what, PC, symbol+offset, address */
	uint64_t pc;                  /* PC when the run stopped */
	uint64_t insns;               /* instructions executed in this run */
} el2_run_result;

/* Runs from the PE's current state (PC, EL, registers) until a stop. The
 * PE holds the complete state again when this returns. Deterministic. */
el2_err el2_engine_run(el2_engine *eng, const el2_run_opts *opts, el2_run_result *res);

/* ---- memory isolation (docs/memory-faults.md) ---- */
/* On (the default): guest accesses to non-GUEST regions exit to EL2 as
 * stage-2 faults, EL0 accesses to non-EL0 regions and PAN take stage-1
 * permission faults, LDTR/STTR check EL0 permissions; page protections are
 * switched when the world changes (a few microseconds per region that
 * changes). Off: only unmapped/MMIO addresses, RO writes and XN fetches
 * fault, and world switches cost nothing. Only between runs
 * (EL2_ERR_INVALID_ARG inside a run). */
el2_err el2_engine_set_isolation(el2_engine *eng, bool on);
bool el2_engine_isolation(const el2_engine *eng);
/* The guest's stage 2 from its translation tables (on) or from the
 * regions' attributes (off, the default). On: a guest access (EL0/EL1 with
 * HCR_EL2.VM = 1, TGE = 0) is translated by el2_s2_walk from the PE's
 * VTTBR_EL2 and VTCR_EL2 over simulated memory, with its stage-2 faults;
 * the pages are walked at every entry to the guest; a mapping with
 * PA != IPA (or to MMIO, or to no memory), or tables the guest can write,
 * end the run with an error. Takes effect only with isolation on (off:
 * the flat rules of el2_engine_set_isolation). Only between runs. */
el2_err el2_engine_set_stage2_tables(el2_engine *eng, bool on);
bool el2_engine_stage2_tables(const el2_engine *eng);

/* ---- counts (always on) ---- */
typedef struct el2_counts {
	uint64_t insns;               /* all instructions executed */
	uint64_t insns_el[3];         /* by EL at which they executed */
	uint64_t trapped;             /* performed by the model (el2_exec) */
	uint64_t exceptions;          /* exception entries (incl. interrupts, aborts) */
	uint64_t erets;               /* exception returns */
	uint64_t sysreg_reads, sysreg_writes;
} el2_counts;
void el2_engine_counts(const el2_engine *eng, el2_counts *out);

/* How memory isolation switched worlds so far (benchmarks): through
 * Unicorn's TLB (Unicorn >= 2.1, INSN strategy: the host's EL0/EL1, the
 * guest's and EL2 each in a TLB of their own, a flush only when one must
 * serve another world) or by page protections (one uc_mem_protect per
 * region that changes). Cumulative; not reset by el2_engine_reset_counts. */
typedef struct el2_isolation_stats {
	bool through_tlb;
	uint64_t tlb_flushes;
	uint64_t protect_calls;
	bool host_tlb;                /* now: the host's EL0/EL1 have their own TLB
				         (false: they share the guest's) */
} el2_isolation_stats;
void el2_engine_isolation_stats(const el2_engine *eng, el2_isolation_stats *out);
void el2_engine_reset_counts(el2_engine *eng);

/* Phases: consecutive instructions between two exception entries/returns. */
typedef struct el2_phase {
	unsigned el;                  /* EL the phase ran at */
	uint64_t start_pc;
	uint64_t insns;
	uint64_t first_insn;          /* global instruction index of its start */
} el2_phase;
/* Phases recorded since the last el2_engine_reset_counts (bounded: the
 * oldest are dropped past EL2_MAX_PHASES, and *dropped says how many). */
#define EL2_MAX_PHASES 4096
size_t el2_engine_phases(const el2_engine *eng, const el2_phase **out, uint64_t *dropped);

/* ---- events and tracing (optional) ---- */
typedef enum el2_event_kind {
	EL2_EV_EXCEPTION,    /* exception entry: from_el, to_el, esr, vector, exc_type */
	EL2_EV_ERET,         /* exception return: from_el, to_el, vector = the new PC, illegal */
	EL2_EV_SYSREG_READ,  /* reg, value */
	EL2_EV_SYSREG_WRITE, /* reg, value */
	EL2_EV_SYSOP,        /* reg (AT/TLBI/DC/IC row), value (Xt) */
	EL2_EV_INTERRUPT,    /* an interrupt was delivered (also an EXCEPTION event) */
} el2_event_kind;

typedef struct el2_event {
	el2_event_kind kind;
	uint64_t index;               /* instruction index (el2_counts.insns) */
	uint64_t pc;                  /* the instruction's address */
	unsigned from_el, to_el;
	el2_reg reg;
	uint64_t value;
	uint32_t esr;
	uint64_t vector;              /* exception: the vector; ERET: the PC returned to */
	el2_exc_type exc_type;
	bool illegal;
} el2_event;

/* Called after each event has been performed (the PE already shows its
 * effect); inside it el2_engine_sync() makes the rest of the PE current and
 * el2_engine_request_stop() ends the run with EL2_STOP_REQUESTED. */
typedef void (*el2_event_fn)(void *ctx, const el2_event *ev);
void el2_engine_set_event_hook(el2_engine *eng, el2_event_fn fn, void *ctx);
void el2_engine_request_stop(el2_engine *eng);

/* Per-instruction trace (slow; off by default): called before each
 * instruction executes, with its address, word and EL. */
typedef void (*el2_trace_fn)(void *ctx, uint64_t pc, uint32_t insn, unsigned el);
void el2_engine_set_trace_hook(el2_engine *eng, el2_trace_fn fn, void *ctx);

/* Inside a hook: copy the live register state (X, SP, PC, NZCV, V, FPCR,
 * FPSR, TPIDR_EL0...) into the PE so it can be read or snapshotted. */
el2_err el2_engine_sync(el2_engine *eng);

/* ---- interrupts as stimulus ---- */
/* Asserts (or deasserts) a line when el2_counts.insns reaches at_insn. */
el2_err el2_engine_line_at_count(el2_engine *eng, el2_irq_line line, bool assert,
				 uint64_t at_insn);
/* Asserts (or deasserts) a line when execution reaches addr (before the
 * instruction there executes). */
el2_err el2_engine_line_at_addr(el2_engine *eng, el2_irq_line line, bool assert, uint64_t addr);
/* Forgets every scheduled line event (fired or not). Not inside a run. */
void el2_engine_clear_lines(el2_engine *eng);

/* ---- AArch32 guests (docs/semantics.md "AArch32") ----
 * Unicorn's arm64 build cannot execute A32/T32 code, so the engine never
 * hands it any. When the PE is in AArch32 state (an ERET to an AArch32
 * mode, or a run started there), the engine calls the AArch32 guest
 * performer: it runs the guest in the model (el2_a32_run) until the guest
 * takes an exception back to AArch64, sets *insns to the operations it
 * performed and fills res. The run then continues at the vector (an
 * EL2_EV_EXCEPTION event, opts.stop_on_exception_to honoured). Without a
 * performer, or when it fails or leaves the PE in AArch32, the run stops
 * with EL2_STOP_ERROR, error EL2_ERR_UNSUPPORTED and a message naming the
 * AArch32 mode and PC. */
typedef el2_err (*el2_a32_guest_fn)(void *ctx, el2_pe *pe, size_t *insns,
				    el2_a32_result *res);
void el2_engine_set_a32_guest(el2_engine *eng, el2_a32_guest_fn fn, void *ctx);

/* ---- reusing an engine ---- */
/* Memory in [addr, addr+len) was changed behind the engine's back (with
 * el2_mem_write or a pointer): code translated from it is dropped so the
 * next run executes the new words. Not needed for the simulated code's own
 * stores. Not inside a run (EL2_ERR_INVALID_ARG). */
/* ---- data accesses ---- */
/* Called for every data load and store Unicorn performs (not those the
 * model performs: AT, LDTR/STTR emulation, exception entry) with its
 * address, size in bytes (a 16-byte access: its first 8) and value (a
 * load's: the memory's as the load starts). For traces: it slows every
 * access. Set between runs only (EL2_ERR_INVALID_ARG while running). */
typedef void (*el2_mem_access_fn)(void *ctx, uint64_t addr, unsigned size, bool write,
				  uint64_t value);
el2_err el2_engine_set_mem_hook(el2_engine *eng, el2_mem_access_fn fn, void *ctx);

/* ---- devices ---- */
/* A device at [base, base+size) (page aligned, outside every region of the
 * memory map): loads call read(ctx, offset, size) for their value, stores
 * call write(ctx, offset, size, value); either may be NULL (reads 0,
 * writes ignored). At any EL, with no protection or stage 2: for consoles
 * and the like of `el2sim run`, not for what a checked guest may reach.
 * EL2_ERR_MEM_OVERLAP if it overlaps a region or another device. */
typedef uint64_t (*el2_device_read_fn)(void *ctx, uint64_t offset, unsigned size);
typedef void (*el2_device_write_fn)(void *ctx, uint64_t offset, unsigned size, uint64_t value);
el2_err el2_engine_map_device(el2_engine *eng, uint64_t base, uint64_t size,
			      el2_device_read_fn read, el2_device_write_fn write, void *ctx);

el2_err el2_engine_code_changed(el2_engine *eng, uint64_t addr, uint64_t len);
/* Drops all translated code (an engine reused for other code, e.g. one
 * mutant after another). */
el2_err el2_engine_forget_code(el2_engine *eng);

#ifdef __cplusplus
}
#endif
#endif
