/* SPDX-License-Identifier: MIT */
/* The engine's state and the seams between its files. Internal to sim/.
 *
 *   engine.c        life cycle, Unicorn set-up (EL0 trap strategy), run loop,
 *                   stop conditions, budget, counts and phases
 *   engine_sync.c   register transfer model <-> Unicorn
 *   engine_trap.c   the UC_HOOK_INTR handler: every trapped word to el2_exec
 *                   and the result applied back
 *   engine_irq.c    interrupt stimulus and delivery at instruction boundaries
 *   engine_fault.c  memory hooks: stage-2 aborts (MMIO exits), permission
 *                   faults, PAN/UAO, LDTR/STTR, host/hypervisor wild accesses
 *   ldst_decode.c   load/store instruction decoding (ISV syndrome, addresses)
 *   engine_native.c words Unicorn runs natively (ESB, WFE, MRS DCZID_EL0...)
 *                   handed to the model
 */
#ifndef EL2SIM_ENGINE_INTERNAL_H
#define EL2SIM_ENGINE_INTERNAL_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unicorn/unicorn.h>

#include "block_set.h"
#include "el2sim/engine.h"

#define ENGINE_MAX_LINE_EVENTS 64

/* Unicorn's own settings (not the model's): SCTLR_EL1 bits that let EL0
 * do things natively, cleared so cache maintenance, CTR_EL0, DC ZVA, DAIF
 * access and WFI/WFE trap at Unicorn-EL0 (UCI, UCT, DZE, UMA, nTWI, nTWE);
 * for the INSN strategy SCR_EL3 = NS | HCE | RW and HCR_EL2.RW, so EL1/EL0
 * are AArch64 and HVC at Unicorn-EL2 raises EXCP_HVC. */
#define ENGINE_UC_SCTLR_EL0_NATIVE ((1ull << 26) | (1ull << 15) | (1ull << 14) | (1ull << 9) | \
				    (1ull << 16) | (1ull << 18))
#define ENGINE_UC_SCR_EL3 0x501ull
/* Drops all translated code: UC_CTL_TB_FLUSH, which Unicorn 2.0 calls
 * uc_ctl_flush_tlb and 2.1 uc_ctl_flush_tb (2.1's uc_ctl_flush_tlb
 * flushes the TLB only). */
#ifdef uc_ctl_flush_tb
#define engine_uc_flush_tb(uc) uc_ctl_flush_tb(uc)
#else
#define engine_uc_flush_tb(uc) uc_ctl_flush_tlb(uc)
#endif
/* Unicorn >= 2.1 translation buffer (bytes). */
#define ENGINE_TCG_BUFFER (16u << 20)
#define ENGINE_UC_HCR_EL2 (1ull << 31)
/* Unicorn's TLBs (QEMU mmu_idx) simulated code runs in (INSN strategy):
 * EL2 code at Unicorn-EL2 with E2H = 0 (E2), the host's EL0/EL1 at
 * Unicorn-EL0 with E2H = TGE = 1 (E20_0), the guest's (and every EL0/EL1
 * where that is not used) at Unicorn-EL0 with E2H = TGE = 0 (E10_0):
 * each world keeps its own entries (docs/engine.md). */
enum { ENGINE_TLB_E2, ENGINE_TLB_E20_0, ENGINE_TLB_E10_0, ENGINE_TLB_COUNT };

typedef struct line_event {
	el2_irq_line line;
	bool assert;
	bool by_addr;        /* else by instruction count */
	uint64_t at;         /* address or instruction count */
	bool done;
	uc_hook hook;        /* code hook for by_addr */
} line_event;

/* Unicorn's register id of X<n> (X0..X28 are consecutive in its enum;
 * X29 and X30 are not). */
static inline int engine_gpr_id(unsigned n)
{
	if (n < 29)
		return UC_ARM64_REG_X0 + (int)n;
	return n == 29 ? UC_ARM64_REG_X29 : UC_ARM64_REG_X30;
}

/* Writes one of Unicorn's own system registers (its copy, not the model's). */
uc_err engine_write_cp(uc_engine *uc, unsigned op0, unsigned op1, unsigned crn, unsigned crm,
		       unsigned op2, uint64_t val);

/* Stop-address hooks kept installed (at least EL2_RUN_MAX_STOP_ADDRS). */
#define ENGINE_STOP_HOOKS 64

struct el2_engine {
	el2_pe *pe;
	el2_mem *mem;
	const el2_image *img;
	uc_engine *uc;
	uc_hook hook_intr, hook_block, hook_unmapped, hook_prot, hook_trace, hook_stops;

	struct engine_device *devices; /* engine_device.c */
	el2_mem_access_fn mem_fn;      /* engine_memhook.c */
	void *mem_ctx;
	uc_hook hook_mem;
	/* execution strategy (engine_insn.c) */
	el2_engine_strategy strategy;
	/* blocks the block hook's scanners are done with (on_block) */
	block_set scanned;
	unsigned uc_el;              /* Unicorn's own EL: 0, or 2 (INSN strategy) */
	unsigned uc_tlb;             /* Unicorn's TLB the code runs in: ENGINE_TLB_* */
	struct insn_state *insn;     /* INSN strategy: hooks, scan cache, word classes */

	/* exception-storm detector (engine_counts.c) */
	uint64_t storm_pc, storm_esr, storm_insns;
	unsigned storm_count;

	/* run state (valid inside el2_engine_run) */
	bool running;
	const el2_run_opts *opts;
	el2_run_result *res;
	bool stop_requested;
	el2_stop_reason stop_reason;
	uint64_t budget_end;         /* counts.insns value at which to stop */

	/* what the engine mirrors from the model */
	unsigned el;                 /* PSTATE.EL the code runs at */
	bool fp_trapped;             /* the model traps FP/SIMD now: the FP check hook acts */
	bool guest_view;             /* memory protected as the guest sees it */
	struct prot_state *prot;     /* engine_prot.c: protection profiles, LDTR/STTR */
	struct s2_state *s2;         /* engine_s2.c: stage 2 from tables (NULL: attributes) */
	struct tlb_state *tlb;       /* engine_tlb.c: isolation through Unicorn's TLB (NULL: uc_mem_protect) */
	struct native_state *native; /* engine_native.c: their hooks, lazily */

	/* block accounting: the block being executed */
	uint64_t block_pc;
	uint32_t block_insns;
	bool translated;             /* code translated since the last flush */

	/* leaving uc_emu_start from a hook (uc_emu_stop is ignored by a
	 * callback that also writes PC, so exits never write it) */
	bool exit_pending;           /* Unicorn was stopped; continue at exit_pc */
	uint64_t exit_pc;
	bool reconfigure;            /* hooks/TBs must change before resuming */
	bool in_trap;                /* the PE's PC/SP/NZCV are newer than Unicorn's */
	bool stepping;               /* single step: the loop counts the instruction */
	bool step_trapped;           /* the stepped instruction was performed by the model */
	bool skip_stop_pending;      /* don't stop at the run's first PC before it ran */
	bool skip_stop_seen;
	uint64_t run_start_pc;
	uc_hook hook_fp;             /* all-address code hook while FP is trapped */
	/* Stop-address code hooks stay installed across runs (adding one
	 * retranslates its block); a run acts on its own addresses only. */
	uc_hook hook_stop_addr[ENGINE_STOP_HOOKS];
	uint64_t stop_hook_at[ENGINE_STOP_HOOKS];
	size_t n_stop_hooks;         /* installed */
	size_t n_run_stops;          /* opts->stop_addrs of this run */
	bool flush_pending;          /* drop all translated code (IC, trace) */
	size_t cs_handle;            /* Capstone handle (csh), opened lazily */
	bool cs_ready;

	el2_counts counts;
	el2_phase phases[EL2_MAX_PHASES];
	size_t phase_head, n_phases;
	uint64_t phases_dropped;

	el2_event_fn event_fn;
	void *event_ctx;
	el2_trace_fn trace_fn;
	void *trace_ctx;

	line_event lines[ENGINE_MAX_LINE_EVENTS];
	size_t n_lines;

	el2_a32_guest_fn a32_fn;     /* AArch32 guest performer (engine_aarch32.c) */
	void *a32_ctx;
};

/* The instruction word at a (simulated memory, as Unicorn fetches it);
 * false if a is not backed. */
static inline bool engine_word_at(const el2_engine *eng, uint64_t a, uint32_t *word)
{
	const uint8_t *p = el2_mem_ptr(eng->mem, a, 4);
	if (!p)
		return false;
	memcpy(word, p, 4);
	return true;
}

/* ---- engine.c ---- */
/* Drops translated code so hook changes take effect; free when nothing was
 * translated since the last flush (a flush of a fresh Unicorn costs
 * ~200 ms, a later one ~35 ms). */
void engine_flush_code(el2_engine *eng);
/* addr is one of this run's stop addresses. */
bool engine_is_stop_addr(const el2_engine *eng, uint64_t addr);
/* Ends the run with an error; message formatted like printf, prefixed
 * with nothing (caller names PC/symbol/address). */
void engine_stop_error(el2_engine *eng, el2_err err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void engine_stop(el2_engine *eng, el2_stop_reason reason);
/* "sym+0x1c" or "0x..." for an address (buf of at least 96 bytes). */
const char *engine_symbolize(const el2_engine *eng, uint64_t addr, char *buf, size_t len);
/* Starts a new phase at the current EL and PC (after an exception entry or
 * return). */
void engine_new_phase(el2_engine *eng, uint64_t pc);
void engine_emit(el2_engine *eng, const el2_event *ev);
/* Inside a hook: the instructions from insn_addr to the end of the block
 * being executed did not run natively (a trap or fault at insn_addr):
 * takes them off the counts. */
void engine_uncount_from(el2_engine *eng, uint64_t insn_addr);
/* Counts n instructions at the current EL and phase (engine_counts.c). */
void engine_count_n(el2_engine *eng, uint64_t n);
/* Counts one instruction performed by the model at the current EL. */
void engine_count_one(el2_engine *eng);
/* Inside a hook, after the model took an exception (an abort, a trap,
 * an interrupt): counts it, emits EL2_EV_EXCEPTION (pc = the instruction's
 * address, or the interrupted PC), starts a phase, applies the new world
 * and honours opts.stop_on_exception_to. */
void engine_exception_taken(el2_engine *eng, uint64_t pc, el2_exc_type type,
			    const el2_exc_outcome *o);
/* Inside a hook, after the model changed state: continue at the PE's PC
 * (writes Unicorn's PC), or, when a stop or a reconfiguration is pending,
 * stop Unicorn and let the run loop continue there. */
void engine_resume(el2_engine *eng);
/* Ends the run at the PE's current PC (which was not executed). */
void engine_stop_here(el2_engine *eng, el2_stop_reason reason);

/* ---- engine_sync.c ---- */
/* Everything live in Unicorn -> PE (X, SP into the current bank, PC, NZCV,
 * V, FPCR, FPSR, TPIDR_EL0). */
el2_err sync_to_model(el2_engine *eng);
/* PE -> Unicorn (the reverse), done before a run. */
el2_err sync_to_unicorn(el2_engine *eng);
/* After the model changed EL/SPSel/PC: SP bank, PC, NZCV back to Unicorn
 * and the world-dependent settings (FP trapping, guest memory view). */
void sync_after_model(el2_engine *eng, const el2_exec_result *r);
/* Re-reads the world-dependent state (EL, FP trapping, guest view) from
 * the PE; sets eng->reconfigure when hooks must change. */
void sync_world(el2_engine *eng);
/* FP trapping alone (a write that cannot change the EL or the world). */
void sync_fp(el2_engine *eng);
/* Inside a hook, before the model acts at an instruction boundary: the
 * live SP (into the current bank) and NZCV from Unicorn into the PE. */
void sync_sp_nzcv_in(el2_engine *eng);
/* The same plus X0..X30 (for the model's FEAT_PAuth/SVE words). */
void sync_gprs_in(el2_engine *eng);

/* ---- engine_trap.c ---- */
el2_err trap_install(el2_engine *eng);
/* Adds or removes the FP/SIMD detection hook (outside uc_emu_start). */
el2_err trap_set_fp_hook(el2_engine *eng, bool on);
/* Releases what the trap handler holds (engine free). */
void trap_close(el2_engine *eng);

/* ---- engine_aarch32.c ---- */
/* Run loop, outside uc_emu_start, with the PE in AArch32 state: the
 * AArch32 guest performer runs the guest to its exception, or the run
 * stops with an error. */
void engine_aarch32(el2_engine *eng);
/* Performs a system word at addr from a code hook (the word must not
 * execute): as a trap, then PC is written. */
void trap_perform_at(el2_engine *eng, uint64_t addr, uint32_t word);
/* Performs an MRS/MSR/SYS/SYSL word in place from the INSN hook (X[rt]
 * already in the PE for a write); Unicorn skips it and runs on. */
void trap_perform_inline(el2_engine *eng, uint64_t pc, uint32_t word);

/* FP/SIMD words the FP check hook acts on. */
bool trap_is_fp_word(uint32_t w);
/* The FP check hook on [begin, end] only (INSN strategy). */
el2_err trap_add_fp_range(el2_engine *eng, uint64_t begin, uint64_t end, uc_hook *h);

/* ---- engine_insn.c (the INSN strategy) ---- */
bool engine_insn_supported(void);
el2_engine_strategy engine_pick_strategy(void);
el2_err insn_install(el2_engine *eng);
void insn_close(el2_engine *eng);
/* Unicorn's EL and TLB to what the PE's world needs (before SP is
 * written): insn_uc_tlb's, switched by a PSTATE and an HCR_EL2 write. */
void insn_sync_el(el2_engine *eng);
/* The Unicorn TLB (ENGINE_TLB_*) the PE's current code runs in: the one
 * rule for insn_sync_el and the per-TLB world keys (engine_tlb.c). */
unsigned insn_uc_tlb(const el2_engine *eng);
/* The host's EL0/EL1 run in E20_0 (a TLB of their own) now. */
bool insn_host_tlb(const el2_engine *eng);
/* Block hook, first: true if it stopped Unicorn to add code hooks. */
bool insn_block(el2_engine *eng, uint64_t addr, uint32_t size);
/* Run loop, outside uc_emu_start: adds the code hooks found. */
void insn_reconfigure(el2_engine *eng);
/* Trace hook: performs a code-hooked word after the trace saw it (true). */
bool insn_at_trace(el2_engine *eng, uint64_t addr);
/* True if a stop address or a scheduled line event acts at addr first. */
bool engine_acts_at(const el2_engine *eng, uint64_t addr);

/* ---- engine_irq.c ---- */
/* If an unmasked interrupt is pending, takes it (PE + Unicorn updated) and
 * returns true. Called at instruction boundaries the engine controls. */
bool irq_deliver(el2_engine *eng);
/* Block hook: fires the by-count line events due at this boundary. */
void irq_at_block(el2_engine *eng);
/* WFI: fires the earliest scheduled by-count event (idle time passes);
 * false if none is left. */
bool irq_wait(el2_engine *eng);
/* Removes the by-address code hooks (engine free). */
void irq_remove_hooks(el2_engine *eng);

/* ---- engine_fault.c ---- */
/* Installs the memory hooks and maps regions with their protections. */
el2_err fault_install(el2_engine *eng, char *errbuf, size_t errlen);
/* The PE entered or left the guest (EL0/EL1 with stage 2 on): switch the
 * memory protections to what that world may touch. */
void fault_world_changed(el2_engine *eng);
/* AT instruction (EL2_OUT_NEED_AT): performs the walk and completes it
 * with el2_at_complete(). */
void fault_at(el2_engine *eng, const el2_exec_result *r);

/* ---- engine_prot.c (memory isolation; see engine_prot.h) ---- */
typedef struct prot_state prot_state;
/* Maps the regions (called by fault_install). */
el2_err prot_install(el2_engine *eng, char *errbuf, size_t errlen);
/* Run loop, outside uc_emu_start: switch the protection profile, install
 * LDTR/STTR check hooks found by fault_block. */
void fault_reconfigure(el2_engine *eng);
/* Block hook, first: true if it stopped Unicorn to restart the block. */
bool fault_block(el2_engine *eng, uint64_t addr, uint32_t size);
/* Whether fault_block scans now (LDTR/STTR unprivileged, isolation on). */
bool fault_scan_wanted(const el2_engine *eng);
/* Engine free. */
void fault_close(el2_engine *eng);


/* ---- engine_native.c (words Unicorn runs natively: the model performs them) ---- */
/* Block hook: true if it stopped Unicorn to hook new such words in the block. */
bool native_block(el2_engine *eng, uint64_t addr, uint32_t size);
/* Run loop, outside uc_emu_start: installs the hooks found. */
void native_reconfigure(el2_engine *eng);
/* Engine free. */
void native_close(el2_engine *eng);

/* engine_device.c */
void engine_free_devices(el2_engine *eng);
/* addr lies in a device the caller mapped. */
bool engine_device_at(const el2_engine *eng, uint64_t addr);

/* ---- engine_tlb.c: isolation through Unicorn's virtual TLB (>= 2.1) ---- */
typedef struct tlb_state tlb_state;
/* Puts Unicorn in virtual-TLB mode with the fill hook (INSN strategy,
 * Unicorn >= 2.1; otherwise nothing: uc_mem_protect isolates). */
el2_err tlb_install(el2_engine *eng, char *errbuf, size_t errlen);
bool tlb_isolation(const el2_engine *eng);
/* Drops every entry of every Unicorn TLB (inside or outside
 * uc_emu_start); the TLB the code runs in keeps its world key. */
void tlb_flush(el2_engine *eng);
/* The world (key) or the Unicorn TLB changed: the TLB insn_uc_tlb names
 * takes the key; a flush only if it holds entries of another world. */
void tlb_enter(el2_engine *eng, unsigned key);
/* The TLB insn_uc_tlb names holds key, or held nothing and takes it
 * (true); false: it holds another world's entries. */
bool tlb_take(el2_engine *eng, unsigned key);
/* tlb_flush, then the TLB the code runs in takes key. */
void tlb_flush_into(el2_engine *eng, unsigned key);
uint64_t tlb_flush_count(const el2_engine *eng);
/* A refused access's address as the code used it (*addr was a trap slot);
 * false: the run was stopped. */
bool tlb_untrap(el2_engine *eng, uint64_t *addr);
/* addr is a trap slot's (an access about to be refused): *va the address
 * the code used. */
bool tlb_trapped(const el2_engine *eng, uint64_t addr, uint64_t *va);
/* A trapped access the verdict allows: flush and restart at pc (true);
 * false if already tried at pc. */
bool tlb_refresh(el2_engine *eng, uint64_t pc, bool fetch);
void tlb_close(el2_engine *eng);
/* uc_ctl_remove_cache for [addr, end), safe with TLB isolation. */
void engine_remove_cache(el2_engine *eng, uint64_t addr, uint64_t end);

/* engine_fault.c: an access Unicorn refused (unmapped, protected, or a
 * fetch its own MMU faulted), handled as docs/memory-faults.md says;
 * false when the run must leave uc_emu_start. */
bool fault_memory(el2_engine *eng, uint64_t addr, bool fetch, bool write);

#endif
