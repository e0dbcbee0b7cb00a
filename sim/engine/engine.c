/* SPDX-License-Identifier: MIT */
/* The engine's life cycle, Unicorn set-up (simulated code starts at
 * Unicorn's EL0 so every system instruction traps; the INSN strategy of
 * engine_insn.c moves EL2 code to Unicorn-EL2), the run loop, stop
 * conditions, the instruction budget, counts and phases. docs/engine.md. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "engine_internal.h"
#include "model_seam.h"

/* A PC that is never reached: A64 instructions are 4-byte aligned, so an
 * address of 2 can never be fetched as the start of one. */
#define NEVER_REACHED_PC 2u
/* Bound on uc_emu_start restarts per run that execute no instruction. */
#define MAX_IDLE_RESTARTS 100000u

/* Unicorn's SCTLR_EL1 EnIA 31, EnIB 30, EnDA 27, EnDB 13 (FEAT_PAuth). */
#define UC_SCTLR_PAUTH_ENABLES ((1ull << 31) | (1ull << 30) | (1ull << 27) | (1ull << 13))

const char *el2_stop_reason_name(el2_stop_reason r)
{
	static const char *const names[] = {
		[EL2_STOP_SENTINEL] = "sentinel",   [EL2_STOP_ADDRESS] = "address",
		[EL2_STOP_EXCEPTION] = "exception", [EL2_STOP_ERET] = "eret",
		[EL2_STOP_BUDGET] = "budget",       [EL2_STOP_STEP] = "step",
		[EL2_STOP_WFI] = "wfi",             [EL2_STOP_SMC_EL3] = "smc-el3",
		[EL2_STOP_REQUESTED] = "requested", [EL2_STOP_ERROR] = "error",
	};
	if ((unsigned)r >= sizeof(names) / sizeof(names[0]) || !names[r])
		return "unknown";
	return names[r];
}

el2_run_opts el2_run_opts_default(void)
{
	el2_run_opts o;
	memset(&o, 0, sizeof(o));
	o.budget = EL2_DEFAULT_BUDGET;
	o.stop_on_exception_to = -1;
	o.stop_on_eret_to = -1;
	return o;
}

/* ---- stops ---- */

void engine_stop(el2_engine *eng, el2_stop_reason reason)
{
	if (!eng->stop_requested) {
		eng->stop_requested = true;
		eng->stop_reason = reason;
	}
	uc_emu_stop(eng->uc);
}

void engine_stop_error(el2_engine *eng, el2_err err, const char *fmt, ...)
{
	if (eng->stop_requested && eng->stop_reason == EL2_STOP_ERROR)
		return; /* keep the first error */
	eng->stop_requested = false;
	engine_stop(eng, EL2_STOP_ERROR);
	if (eng->res) {
		eng->res->error = err;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(eng->res->message, sizeof(eng->res->message), fmt, ap);
		va_end(ap);
	}
}

void engine_stop_here(el2_engine *eng, el2_stop_reason reason)
{
	if (!eng->stop_requested) {
		eng->stop_requested = true;
		eng->stop_reason = reason;
	}
}

void el2_engine_request_stop(el2_engine *eng)
{
	if (eng && eng->running)
		engine_stop_here(eng, EL2_STOP_REQUESTED);
}

void engine_resume(el2_engine *eng)
{
	uint64_t pc = eng->pe->s.pc;
	if (eng->stop_requested || eng->reconfigure || eng->stepping) {
		eng->exit_pending = true;
		eng->exit_pc = pc;
		uc_emu_stop(eng->uc);
		return;
	}
	uc_reg_write(eng->uc, UC_ARM64_REG_PC, &pc);
}

const char *engine_symbolize(const el2_engine *eng, uint64_t addr, char *buf, size_t len)
{
	const char *name;
	uint64_t off;
	if (eng->img && el2_image_symbolize(eng->img, addr, &name, &off) == EL2_OK)
		snprintf(buf, len, "%s+0x%" PRIx64, name, off);
	else
		snprintf(buf, len, "0x%" PRIx64, addr);
	return buf;
}

static void on_trace(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	el2_engine *eng = user;
	uint32_t word = 0;
	engine_word_at(eng, addr, &word);
	if (eng->trace_fn)
		eng->trace_fn(eng->trace_ctx, addr, word, eng->el);
	insn_at_trace(eng, addr);
}

void el2_engine_set_trace_hook(el2_engine *eng, el2_trace_fn fn, void *ctx)
{
	if (!eng)
		return;
	eng->trace_fn = fn;
	eng->trace_ctx = ctx;
	/* The hook itself changes between runs (hooks are compiled into the
	 * translated blocks, so the cache is flushed). */
	if (eng->running) {
		eng->reconfigure = true;
		return;
	}
	if (fn && !eng->hook_trace) {
		if (uc_hook_add(eng->uc, &eng->hook_trace, UC_HOOK_CODE, (void *)on_trace, eng, 1, 0) !=
		    UC_ERR_OK)
			eng->hook_trace = 0;
		engine_flush_code(eng);
	} else if (!fn && eng->hook_trace) {
		uc_hook_del(eng->uc, eng->hook_trace);
		eng->hook_trace = 0;
		engine_flush_code(eng);
	}
}

/* ---- the block hook: counting, budget, scheduled lines ---- */

static void on_block(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	el2_engine *eng = user;
	/* engine_insn: new system words to hook; engine_fault: new LDTR/STTR
	 * to check; engine_native: new words Unicorn would run natively that the
	 * model performs (the block restarts). A block is
	 * scanned once per kind: Unicorn's TLB (system words at Unicorn-EL2
	 * need hooks, at EL0 they trap; under E20_0 they are checked against
	 * it) and whether LDTR/STTR are looked for. A single step scans
	 * nothing. */
	uint32_t kind = eng->uc_tlb | (fault_scan_wanted(eng) ? 4u : 0u);
	if (!eng->stepping && size && !block_set_has(&eng->scanned, addr, kind, size)) {
		if (insn_block(eng, addr, size) || fault_block(eng, addr, size) ||
		    native_block(eng, addr, size)) {
			eng->block_insns = 0;
			return;
		}
		block_set_add(&eng->scanned, addr, kind, size);
	}
	if (eng->skip_stop_pending) {
		if (eng->skip_stop_seen)
			eng->skip_stop_pending = false;
		eng->skip_stop_seen = true;
	}
	if (eng->stepping) {
		eng->block_insns = 0;
		return;
	}
	/* Stopping here (uc_emu_stop without a PC write) ends the run before
	 * the block executes: UNICORN-NOTES, verified by test_engine_run. */
	if (eng->stop_requested || eng->counts.insns >= eng->budget_end) {
		engine_stop_here(eng, EL2_STOP_BUDGET);
		eng->block_insns = 0;
		eng->exit_pending = true;
		eng->exit_pc = addr;
		uc_emu_stop(uc);
		return;
	}
	if (eng->n_lines) {
		eng->pe->s.pc = addr;
		irq_at_block(eng);
		if (eng->pe->s.pc != addr || eng->stop_requested) {
			eng->block_insns = 0;
			engine_resume(eng);
			return;
		}
	}
	eng->block_pc = addr;
	eng->block_insns = size / 4;
	engine_count_n(eng, eng->block_insns);
}

/* ---- stop addresses: single-address code hooks ---- */

/* One of the run's stop addresses, unless it is the address the run
 * started at and that first block is still running (a run started at a
 * stop address does not stop there at once). */
static bool stops_at(const el2_engine *eng, uint64_t addr)
{
	return !(eng->skip_stop_pending && addr == eng->run_start_pc) &&
	       engine_is_stop_addr(eng, addr);
}

static void on_stop_addr(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	el2_engine *eng = user;
	if (!stops_at(eng, addr))
		return;
	/* uc_emu_stop in a code hook that does not write PC stops before the
	 * instruction executes (test_engine_run verifies). */
	engine_uncount_from(eng, addr);
	engine_stop_here(eng, EL2_STOP_ADDRESS);
	eng->exit_pending = true;
	eng->exit_pc = addr;
	uc_emu_stop(uc);
}

bool engine_acts_at(const el2_engine *eng, uint64_t addr)
{
	if (stops_at(eng, addr))
		return true;
	for (size_t i = 0; i < eng->n_lines; i++)
		if (eng->lines[i].by_addr && !eng->lines[i].done && eng->lines[i].at == addr)
			return true;
	return false;
}

static void remove_stop_hooks(el2_engine *eng)
{
	for (size_t i = 0; i < eng->n_stop_hooks; i++)
		uc_hook_del(eng->uc, eng->hook_stop_addr[i]);
	eng->n_stop_hooks = 0;
}

static bool stop_hook_installed(const el2_engine *eng, uint64_t a)
{
	for (size_t i = 0; i < eng->n_stop_hooks; i++)
		if (eng->stop_hook_at[i] == a)
			return true;
	return false;
}

/* Hooks the run's stop addresses not hooked yet (a repeated trip adds
 * none: no retranslation per trip). */
static void install_stop_addrs(el2_engine *eng, const el2_run_opts *o)
{
	size_t n = o->n_stop_addrs > EL2_RUN_MAX_STOP_ADDRS ? EL2_RUN_MAX_STOP_ADDRS : o->n_stop_addrs;
	eng->n_run_stops = n;
	if (eng->n_stop_hooks + n > ENGINE_STOP_HOOKS)
		remove_stop_hooks(eng); /* start again: the old ones act nowhere */
	for (size_t i = 0; i < n; i++) {
		uint64_t a = o->stop_addrs[i];
		if (stop_hook_installed(eng, a))
			continue;
		if (uc_hook_add(eng->uc, &eng->hook_stop_addr[eng->n_stop_hooks], UC_HOOK_CODE,
				(void *)on_stop_addr, eng, a, a) == UC_ERR_OK) {
			eng->stop_hook_at[eng->n_stop_hooks++] = a;
			engine_remove_cache(eng, a, a + 4);
		}
	}
}

bool engine_is_stop_addr(const el2_engine *eng, uint64_t addr)
{
	if (!eng->opts)
		return false;
	for (size_t i = 0; i < eng->n_run_stops; i++)
		if (eng->opts->stop_addrs[i] == addr)
			return true;
	return false;
}

static void remove_stop_addrs(el2_engine *eng)
{
	eng->n_run_stops = 0;
}

/* ---- life cycle ---- */

static void set_err(char *errbuf, size_t errlen, const char *what, uc_err e)
{
	if (errbuf && errlen)
		snprintf(errbuf, errlen, "%s: %s", what, uc_strerror(e));
}

uc_err engine_write_cp(uc_engine *uc, unsigned op0, unsigned op1, unsigned crn, unsigned crm,
		       unsigned op2, uint64_t val)
{
	uc_arm64_cp_reg cp = {.crn = crn, .crm = crm, .op0 = op0, .op1 = op1, .op2 = op2, .val = val};
	return uc_reg_write(uc, UC_ARM64_REG_CP_REG, &cp);
}

/* A free page (not in the map) to hold the one ERET used to enter EL0. */
static bool free_page(const el2_mem *mem, uint64_t *out)
{
	for (uint64_t a = 0x1000; a < (1ull << 40); a += 0x1000000) {
		if (!el2_mem_find(mem, a)) {
			*out = a;
			return true;
		}
	}
	return false;
}

/* Enters Unicorn's EL0 once: a native ERET at Unicorn-EL1 with SPSR_EL1 =
 * EL0t, from a scratch page unmapped again afterwards. The run ends at a
 * WFI at the ERET's target (WFI ends uc_emu_start; SCTLR_EL1.nTWI is
 * cleared only afterwards, so it does not trap yet): a count would install
 * Unicorn's count hook, whose removal at the next run flushes all
 * translated code, which on Unicorn 2.0 touches its whole 1 GiB
 * translation buffer (~1 GB resident). Unicorn stays at EL0
 * for the engine's life (no exception is ever taken by Unicorn itself: the
 * INTR hook handles all of them). */
static el2_err enter_el0(el2_engine *eng, char *errbuf, size_t errlen)
{
	uc_engine *uc = eng->uc;
	uint64_t page;
	uc_err e;
	if (!free_page(eng->mem, &page)) {
		set_err(errbuf, errlen, "no free page to enter EL0", UC_ERR_NOMEM);
		return EL2_ERR_NOMEM;
	}
	uc_arm64_cp_reg cp = {.crn = 1, .crm = 0, .op0 = 3, .op1 = 0, .op2 = 0};
	uc_reg_read(uc, UC_ARM64_REG_CP_REG, &cp);
	uint64_t sctlr = cp.val & ~ENGINE_UC_SCTLR_EL0_NATIVE;
	/* FEAT_PAuth: with Unicorn's own key enables set (EnIA/EnIB/EnDA/EnDB
	 * of its SCTLR_EL1, read into its cached flags by this ERET) and its
	 * HCR_EL2.API/SCR_EL3.API clear, every PAC, AUT, PACGA, BRAA, RETAA ...
	 * instruction at EL0 raises intno 1 and reaches the model, which owns
	 * the keys (docs/unicorn-facts.md). Without the feature the enables
	 * stay clear so that the PAC hints run natively as the NOPs they are. */
	if (have_feat(eng->pe, EL2_FEAT_PAUTH))
		sctlr |= UC_SCTLR_PAUTH_ENABLES;
	const uint32_t code[2] = {0xd69f03e0u, 0xd503207fu}; /* ERET; WFI */
	uint64_t target = page + 4, spsr_el0t = 0, zero = 0;
	const uint64_t ntwi = 1ull << 16;
	if ((e = uc_mem_map(uc, page, 0x1000, UC_PROT_ALL)) != UC_ERR_OK ||
	    (e = uc_mem_write(uc, page, code, sizeof(code))) != UC_ERR_OK ||
	    (e = engine_write_cp(uc, 3, 0, 1, 0, 0, sctlr | ntwi)) != UC_ERR_OK ||   /* SCTLR_EL1 */
	    (e = engine_write_cp(uc, 3, 0, 14, 1, 0, 0)) != UC_ERR_OK ||              /* CNTKCTL_EL1 */
	    (e = uc_reg_write(uc, UC_ARM64_REG_ELR_EL1, &target)) != UC_ERR_OK ||
	    (e = engine_write_cp(uc, 3, 0, 4, 0, 0, spsr_el0t)) != UC_ERR_OK ||       /* SPSR_EL1 */
	    (e = uc_emu_start(uc, page, NEVER_REACHED_PC, 0, 0)) != UC_ERR_OK ||
	    (e = engine_write_cp(uc, 3, 0, 1, 0, 0, sctlr)) != UC_ERR_OK) {
		set_err(errbuf, errlen, "entering Unicorn EL0", e);
		uc_mem_unmap(uc, page, 0x1000);
		return EL2_ERR_NOMEM;
	}
	uc_mem_unmap(uc, page, 0x1000);
	uint64_t pstate = 0;
	uc_reg_read(uc, UC_ARM64_REG_PSTATE, &pstate);
	uc_reg_write(uc, UC_ARM64_REG_X0, &zero);
	if ((pstate & 0xc) != 0) {
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "Unicorn did not enter EL0 (PSTATE 0x%" PRIx64 ")",
				 pstate);
		return EL2_ERR_INVALID_ARG;
	}
	return EL2_OK;
}

el2_err el2_engine_new(el2_pe *pe, el2_mem *mem, const el2_image *img, el2_engine **out,
		       char *errbuf, size_t errlen)
{
	if (errbuf && errlen)
		errbuf[0] = 0;
	if (!out)
		return EL2_ERR_INVALID_ARG;
	*out = NULL;
	if (!pe || !mem) {
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "engine needs a PE and a memory map");
		return EL2_ERR_INVALID_ARG;
	}
	el2_engine *eng = calloc(1, sizeof(*eng));
	if (!eng)
		return EL2_ERR_NOMEM;
	eng->pe = pe;
	eng->mem = mem;
	eng->img = img;
	uc_err e = uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &eng->uc);
	if (e != UC_ERR_OK) {
		set_err(errbuf, errlen, "uc_open", e);
		free(eng);
		return EL2_ERR_NOMEM;
	}
	el2_err err = EL2_OK;
#if UC_API_MAJOR > 2 || (UC_API_MAJOR == 2 && UC_API_MINOR >= 1)
	/* A bounded translation buffer (Unicorn's default is 1 GiB, mapped
	 * and touched): world-switch code is small. Must precede any other
	 * uc_ctl. */
	uc_ctl_set_tcg_buffer_size(eng->uc, ENGINE_TCG_BUFFER);
#endif
	eng->strategy = engine_pick_strategy();
	/* PAuth and SVE words are performed by the model, which the INSN
	 * strategy would let Unicorn run natively at its EL2 (with its own
	 * keys): such a PE always takes the trap strategy (docs/engine.md). */
	if (have_feat(pe, EL2_FEAT_PAUTH) || have_feat(pe, EL2_FEAT_SVE))
		eng->strategy = EL2_STRATEGY_TRAP;
	/* MAX runs the most ordinary instructions natively (LSE, PAuth
	 * hints); it makes no difference to system state since all of it
	 * traps at EL0. */
	if ((e = uc_ctl_set_cpu_model(eng->uc, UC_CPU_ARM64_MAX)) != UC_ERR_OK) {
		set_err(errbuf, errlen, "uc_ctl_set_cpu_model", e);
		err = EL2_ERR_NOMEM;
	}
	if (!err)
		err = enter_el0(eng, errbuf, errlen);
	if (!err)
		err = fault_install(eng, errbuf, errlen);
	if (!err && eng->strategy == EL2_STRATEGY_INSN)
		err = tlb_install(eng, errbuf, errlen);
	if (!err)
		err = trap_install(eng);
	if (!err)
		err = insn_install(eng);
	if (!err && uc_hook_add(eng->uc, &eng->hook_block, UC_HOOK_BLOCK, (void *)on_block, eng, 1,
				0) != UC_ERR_OK)
		err = EL2_ERR_NOMEM;
	if (err) {
		if (errbuf && errlen && !errbuf[0])
			snprintf(errbuf, errlen, "engine set-up failed: %s", el2_strerror(err));
		insn_close(eng);
		fault_close(eng);
		uc_close(eng->uc);
		free(eng);
		return err;
	}
	eng->el = pe_el(pe);
	*out = eng;
	return EL2_OK;
}

void el2_engine_free(el2_engine **engp)
{
	if (!engp || !*engp)
		return;
	el2_engine *eng = *engp;
	irq_remove_hooks(eng);
	native_close(eng);
	trap_close(eng);
	insn_close(eng);
	fault_close(eng);
	uc_close(eng->uc);
	engine_free_devices(eng);
	free(eng);
	*engp = NULL;
}

el2_err el2_engine_code_changed(el2_engine *eng, uint64_t addr, uint64_t len)
{
	if (!eng || eng->running || !len || addr + len < addr)
		return EL2_ERR_INVALID_ARG;
	if (eng->translated)
		engine_remove_cache(eng, addr, addr + len);
	block_set_clear(&eng->scanned);
	return EL2_OK;
}

el2_err el2_engine_forget_code(el2_engine *eng)
{
	if (!eng || eng->running)
		return EL2_ERR_INVALID_ARG;
	engine_flush_code(eng);
	block_set_clear(&eng->scanned);
	return EL2_OK;
}

void engine_flush_code(el2_engine *eng)
{
	if (!eng->translated)
		return;
#if UC_API_MAJOR == 2 && UC_API_MINOR == 0
	/* Unicorn 2.0's full flush touches its whole fixed 1 GiB translation
	 * buffer (~1 GB resident, ~200 ms the first time): drop the blocks of
	 * each mapped region instead, and the TLB (which the full flush also
	 * dropped: page protections changed since are only seen after it) by
	 * Unicorn's own TLBI VMALLE1 (all code runs in its EL1&0 regime). */
	for (size_t i = 0; i < el2_mem_count(eng->mem); i++) {
		const el2_mem_region *r = el2_mem_region_at(eng->mem, i);
		if (r->host)
			uc_ctl_remove_cache(eng->uc, r->base, r->base + r->size);
	}
	engine_write_cp(eng->uc, 1, 0, 8, 7, 0, 0);
#else
	engine_uc_flush_tb(eng->uc);
#endif
	eng->translated = false;
}

/* ---- the run loop ---- */

/* Applies hook changes that cannot be made inside uc_emu_start. */
static void reconfigure(el2_engine *eng)
{
	eng->reconfigure = false;
	insn_reconfigure(eng);  /* code hooks on EL2 system words */
	fault_reconfigure(eng); /* protection profile, LDTR/STTR hooks */
	native_reconfigure(eng); /* ESB, WFE, MRS DCZID_EL0, ... hooks */
	if (eng->flush_pending) {
		eng->flush_pending = false;
		engine_flush_code(eng);
		block_set_clear(&eng->scanned); /* all code retranslated */
	}
	/* The FP check hook, once needed, stays: adding or removing a code
	 * hook retranslates all code (~40 ms), while an idle hook returns at
	 * once (on_fp_check tests eng->fp_trapped first). */
	bool fp = el2_fp_access_trapped(eng->pe);
	if (fp && !eng->hook_fp && eng->strategy == EL2_STRATEGY_TRAP)
		trap_set_fp_hook(eng, true);
	eng->fp_trapped = fp;
	if ((eng->trace_fn != NULL) != (eng->hook_trace != 0)) {
		eng->running = false;
		el2_engine_set_trace_hook(eng, eng->trace_fn, eng->trace_ctx);
		eng->running = true;
	}
}

/* At the run's start: an illegal state or a pending interrupt is taken
 * before the first instruction. */
static void take_pending_at_start(el2_engine *eng)
{
	el2_exc_outcome o;
	uint64_t pc = eng->pe->s.pc;
	if (irq_deliver(eng))
		return;
	if (el2_check_illegal_state(eng->pe, &o))
		engine_exception_taken(eng, pc, EL2_EXC_ILLEGAL_STATE, &o);
}

static void finish(el2_engine *eng, el2_run_result *res, uint64_t start_insns)
{
	res->reason = eng->stop_reason;
	res->pc = eng->pe->s.pc;
	res->insns = eng->counts.insns - start_insns;
	if (res->reason == EL2_STOP_ERROR && !res->message[0]) {
		char sym[96];
		snprintf(res->message, sizeof(res->message), "engine error at %s",
			 engine_symbolize(eng, res->pc, sym, sizeof(sym)));
	}
}

el2_err el2_engine_run(el2_engine *eng, const el2_run_opts *opts, el2_run_result *res)
{
	if (!eng || !res)
		return EL2_ERR_INVALID_ARG;
	el2_run_opts defaults = el2_run_opts_default();
	if (!opts)
		opts = &defaults;
	memset(res, 0, sizeof(*res));
	if (eng->running || opts->n_stop_addrs > EL2_RUN_MAX_STOP_ADDRS)
		return EL2_ERR_INVALID_ARG;
	if (el2_mem_count(eng->mem) == 0) {
		res->reason = EL2_STOP_ERROR;
		res->error = EL2_ERR_MEM_UNMAPPED;
		res->pc = eng->pe->s.pc;
		snprintf(res->message, sizeof(res->message), "no memory regions to run in");
		return EL2_OK;
	}
	uint64_t start_insns = eng->counts.insns;
	uint64_t budget = opts->budget ? opts->budget : EL2_DEFAULT_BUDGET;
	eng->running = true;
	eng->opts = opts;
	eng->res = res;
	eng->stop_requested = false;
	eng->stop_reason = EL2_STOP_ERROR;
	eng->budget_end = start_insns + budget;
	eng->exit_pending = false;
	eng->in_trap = false;
	eng->block_insns = 0;
	eng->run_start_pc = eng->pe->s.pc;
	eng->skip_stop_pending = true;
	eng->skip_stop_seen = false;
	eng->stepping = opts->single_step;
	if (eng->n_phases == 0 || eng->phases[eng->n_phases - 1].el != pe_el(eng->pe) ||
	    eng->phases[eng->n_phases - 1].insns != 0)
		engine_new_phase(eng, eng->pe->s.pc);

	el2_err err = sync_to_unicorn(eng);
	sync_world(eng);
	reconfigure(eng);
	install_stop_addrs(eng, opts);
	if (!err) {
		take_pending_at_start(eng);
		sync_after_model(eng, NULL);
	}
	unsigned idle = 0;
	eng->storm_count = 0;
	while (!err && !eng->stop_requested) {
		if (eng->pe->s.pstate & EL2_PSR_NRW) {
			engine_aarch32(eng);
			if (eng->reconfigure)
				reconfigure(eng); /* the new world's hooks */
			continue;
		}
		uint64_t pc = eng->pe->s.pc;
		uint64_t before = eng->counts.insns;
		eng->exit_pending = false;
		eng->step_trapped = false;
		eng->block_insns = 0;
		insn_sync_el(eng);
		uc_reg_write(eng->uc, UC_ARM64_REG_PC, &pc);
		eng->translated = true;
		uc_err e = uc_emu_start(eng->uc, pc, NEVER_REACHED_PC, 0, eng->stepping ? 1 : 0);
		if (eng->exit_pending) {
			eng->pe->s.pc = eng->exit_pc;
		} else {
			uint64_t upc;
			uc_reg_read(eng->uc, UC_ARM64_REG_PC, &upc);
			eng->pe->s.pc = upc;
		}
		if (e != UC_ERR_OK && !eng->stop_requested && !eng->exit_pending) {
			char sym[96];
			engine_stop_error(eng, EL2_ERR_MEM_UNMAPPED, "Unicorn stopped: %s at %s",
					  uc_strerror(e),
					  engine_symbolize(eng, eng->pe->s.pc, sym, sizeof(sym)));
		}
		if (eng->stepping) {
			if (!eng->step_trapped && !eng->stop_requested && e == UC_ERR_OK)
				engine_count_one(eng);
			engine_stop_here(eng, EL2_STOP_STEP);
			break;
		}
		if (eng->reconfigure)
			reconfigure(eng);
		if (!eng->stop_requested && !eng->exit_pending) {
			/* uc_emu_start returned by itself: nothing in the engine
			 * ends a run like that. */
			char sym[96];
			engine_stop_error(eng, EL2_ERR_INVALID_ARG,
					  "execution ended unexpectedly at %s",
					  engine_symbolize(eng, eng->pe->s.pc, sym, sizeof(sym)));
		}
		if (eng->counts.insns == before && ++idle > MAX_IDLE_RESTARTS)
			engine_stop_error(eng, EL2_ERR_INVALID_ARG,
					  "no progress after %u restarts at 0x%" PRIx64, idle, pc);
	}
	remove_stop_addrs(eng);
	el2_err serr = sync_to_model(eng);
	if (!err)
		err = serr;
	if (err && !eng->stop_requested) {
		eng->stop_reason = EL2_STOP_ERROR;
		res->error = err;
		snprintf(res->message, sizeof(res->message), "register transfer failed: %s",
			 el2_strerror(err));
	}
	finish(eng, res, start_insns);
	el2_pe_set_counter(eng->pe, eng->counts.insns);
	eng->running = false;
	eng->opts = NULL;
	eng->res = NULL;
	return EL2_OK;
}
