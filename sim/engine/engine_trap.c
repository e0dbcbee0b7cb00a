/* SPDX-License-Identifier: MIT */
/* Trap-and-emulate. Simulated code runs at Unicorn's EL0, where every
 * system instruction raises UC_HOOK_INTR: intno 1 (UNDEF) with PC = the
 * instruction, 2 (SVC) with PC = the next one, 7 (BRK) with PC = the
 * instruction. The word goes to el2_exec() and the result is applied back.
 *
 * FP/SIMD: Unicorn 2.0.1 never traps FP/SIMD (its fp_exception_el() always
 * returns 0, whatever CPACR_EL1/CPTR_ELx say; test_engine_traps verifies),
 * so while the model says FP/SIMD access is trapped an all-address code
 * hook looks at each instruction before it executes and takes the trap
 * through the model (aarch64/functions/fpsimd/AArch64.CheckFPAdvSIMDEnabled
 * via el2_check_fp_access). */
#include <capstone/capstone.h>
#include <inttypes.h>
#include <string.h>

#include "engine_internal.h"
#include "model_seam.h"

/* Unicorn's interrupt numbers (QEMU EXCP_*) seen at EL0, and at EL2 (INSN
 * strategy: HVC and SMC are real there, PC = the next instruction). */
enum { INTNO_UDEF = 1, INTNO_SWI = 2, INTNO_PABT = 3, INTNO_BKPT = 7, INTNO_HVC = 11,
       INTNO_SMC = 13 };

/* A64 "Data Processing -- Scalar Floating-Point and Advanced SIMD"
 * (op0 = x111) and SIMD&FP loads/stores (op0 = x1x0 with V = 1). */
static bool is_fp_simd(uint32_t w)
{
	if (((w >> 25) & 7u) == 7u)
		return true;
	return ((w >> 25) & 5u) == 4u && ((w >> 26) & 1u);
}

/* MRS/MSR FPCR or FPSR: run natively at EL0, so while FP is trapped the
 * model must see them. */
static bool is_fpcr_fpsr(uint32_t w)
{
	return (w & 0xffdfffc0u) == 0xd51b4400u;
}

/* True if Capstone knows the word: a valid instruction that Unicorn
 * refused is an engine limitation, not an UNDEFINED instruction. */
static bool known_insn(el2_engine *eng, uint64_t pc, uint32_t word, char *text, size_t len)
{
	if (!eng->cs_ready) {
		csh h;
		if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &h) != CS_ERR_OK)
			return false;
		eng->cs_handle = h;
		eng->cs_ready = true;
	}
	cs_insn *insn = NULL;
	size_t n = cs_disasm((csh)eng->cs_handle, (const uint8_t *)&word, 4, pc, 1, &insn);
	if (n == 0)
		return false;
	bool udf = strcmp(insn[0].mnemonic, "udf") == 0;
	snprintf(text, len, "%.31s %.60s", insn[0].mnemonic, insn[0].op_str);
	cs_free(insn, n);
	return !udf;
}

void trap_close(el2_engine *eng)
{
	if (eng->cs_ready) {
		csh h = (csh)eng->cs_handle;
		cs_close(&h);
		eng->cs_ready = false;
	}
}

/* Reads SP, NZCV and (for the System class) X[Rt] into the PE. A hint
 * that traps may be a PAC hint (PACIASP, AUTIA1716, ...: FEAT_PAuth), which
 * reads X16, X17 or X30 with Rt = 31: all X registers come in. */
static void sync_in(el2_engine *eng, uint32_t word)
{
	el2_pe *pe = eng->pe;
	if ((word & 0xfffff01fu) == 0xd503201fu) {
		sync_gprs_in(eng);
		return;
	}
	sync_sp_nzcv_in(eng);
	unsigned rt = word & 31u;
	if ((word >> 24) == 0xd5u && rt != 31)
		uc_reg_read(eng->uc, engine_gpr_id(rt), &pe->s.x[rt]);
}

static void emit_access(el2_engine *eng, uint64_t pc, uint32_t word, const el2_exec_result *r)
{
	if (r->reg == EL2_REG_NONE || (word >> 24) != 0xd5u)
		return;
	unsigned op0 = (word >> 19) & 3u;
	el2_event_kind kind;
	if (op0 == 1) {
		kind = EL2_EV_SYSOP;
	} else if (r->is_write) {
		kind = EL2_EV_SYSREG_WRITE;
		eng->counts.sysreg_writes++;
	} else {
		kind = EL2_EV_SYSREG_READ;
		eng->counts.sysreg_reads++;
	}
	if (!eng->event_fn)
		return;
	unsigned el = pe_el(eng->pe);
	el2_event ev = {.kind = kind, .index = eng->counts.insns - 1, .pc = pc, .from_el = el,
			.to_el = el, .reg = r->reg, .value = r->value};
	engine_emit(eng, &ev);
}

static void take_illegal_state(el2_engine *eng)
{
	el2_exc_outcome o;
	uint64_t pc = eng->pe->s.pc;
	if (el2_check_illegal_state(eng->pe, &o)) {
		engine_exception_taken(eng, pc, EL2_EXC_ILLEGAL_STATE, &o);
		sync_after_model(eng, NULL);
	}
}

static void after_eret(el2_engine *eng, uint64_t pc, const el2_exec_result *r)
{
	eng->counts.erets++;
	engine_new_phase(eng, eng->pe->s.pc);
	if (eng->event_fn) {
		el2_event ev = {.kind = EL2_EV_ERET, .index = eng->counts.insns - 1, .pc = pc,
				.from_el = r->exc.from_el, .to_el = r->exc.target_el,
				.reg = EL2_REG_NONE, .vector = eng->pe->s.pc,
				.illegal = r->exc.illegal_return};
		engine_emit(eng, &ev);
	}
	if (r->exc.illegal_return) {
		/* PSTATE.IL: the next instruction takes the Illegal Execution
		 * state exception before it executes. */
		take_illegal_state(eng);
		return;
	}
	if (eng->opts && eng->opts->stop_on_eret_to == (int)r->exc.target_el)
		engine_stop_here(eng, EL2_STOP_ERET);
	/* AArch32 code is never Unicorn's: leave uc_emu_start so the run
	 * loop hands it to the AArch32 guest performer (engine_aarch32). */
	if (eng->pe->s.pstate & EL2_PSR_NRW)
		eng->reconfigure = true;
}

/* WFI that was not trapped: wake on a pending interrupt, or let idle time
 * pass to the next scheduled line event; otherwise nothing can wake the
 * PE and the run stops (PC = the next instruction). */
static void wait_for_interrupt(el2_engine *eng)
{
	for (unsigned i = 0; i <= ENGINE_MAX_LINE_EVENTS; i++) {
		if (irq_deliver(eng))
			return;
		if (!irq_wait(eng))
			break;
	}
	engine_stop_here(eng, EL2_STOP_WFI);
}

/* The PE at pc, its counter (the instructions before this one) and the
 * trap counts. */
static void mark_trap(el2_engine *eng, uint64_t pc, uint64_t insns_before)
{
	eng->pe->s.pc = pc;
	el2_pe_set_counter(eng->pe, insns_before);
	eng->counts.trapped++;
	eng->step_trapped = true;
}

/* mark_trap, and the instruction counted. */
static void count_trap(el2_engine *eng, uint64_t pc)
{
	mark_trap(eng, pc, eng->counts.insns);
	engine_count_one(eng);
}

/* DC ZVA the model performed: zeroes its block of memory. */
static void dc_zva(el2_engine *eng, uint64_t pc, const el2_exec_result *r)
{
	if (!(r->flags & EL2_EF_DC_ZVA))
		return;
	uint64_t n = el2_dczva_bytes(eng->pe);
	uint64_t va = r->value & ~(n - 1);
	if (el2_mem_zero(eng->mem, va, n) != EL2_OK) {
		char sym[96];
		engine_stop_error(eng, EL2_ERR_MEM_UNMAPPED, "DC ZVA of unmapped 0x%" PRIx64 " at %s",
				  va, engine_symbolize(eng, pc, sym, sizeof(sym)));
	}
}

/* Performs a trapped system instruction at pc and applies the result. */
static void perform(el2_engine *eng, uint64_t pc, uint32_t word)
{
	el2_pe *pe = eng->pe;
	el2_exec_result r;
	sync_in(eng, word);
	count_trap(eng, pc);
	el2_exec(pe, word, &r);
	sync_after_model(eng, &r);
	switch (r.outcome) {
	case EL2_OUT_DONE:
		dc_zva(eng, pc, &r);
		if (r.flags & EL2_EF_IC_INVAL) {
			/* Dropping translated code inside a hook is unsafe: the
			 * run loop does it before resuming. */
			eng->flush_pending = true;
			eng->reconfigure = true;
		}
		emit_access(eng, pc, word, &r);
		if (r.flags & EL2_EF_INTERRUPTS)
			irq_deliver(eng);
		break;
	case EL2_OUT_EXCEPTION:
		engine_exception_taken(eng, pc, r.exc_type, &r.exc);
		break;
	case EL2_OUT_ERET:
		after_eret(eng, pc, &r);
		if (!eng->stop_requested)
			irq_deliver(eng);
		break;
	case EL2_OUT_WFI:
		wait_for_interrupt(eng);
		break;
	case EL2_OUT_WFE:
		/* WFE may complete at once (the event register is IMPLEMENTATION
		 * DEFINED to be set spuriously): a hint here. */
		break;
	case EL2_OUT_NEED_AT:
		fault_at(eng, &r);
		emit_access(eng, pc, word, &r);
		break;
	case EL2_OUT_SMC_EL3:
		engine_stop_here(eng, EL2_STOP_SMC_EL3);
		break;
	case EL2_OUT_NOT_SYSTEM:
	default: {
		char sym[96];
		engine_stop_error(eng, EL2_ERR_INVALID_ARG,
				  "model rejected word 0x%08" PRIx32 " at %s", word,
				  engine_symbolize(eng, pc, sym, sizeof(sym)));
		break;
	}
	}
	engine_resume(eng);
}

void trap_perform_at(el2_engine *eng, uint64_t addr, uint32_t word)
{
	engine_uncount_from(eng, addr);
	eng->in_trap = true;
	perform(eng, addr, word);
	eng->in_trap = false;
}

/* The same counts, events and effects as perform(), with no PC write:
 * the instruction's block runs on. The block hook counted the whole block;
 * while the word is performed the instructions after it are taken off the
 * total (not the per-EL or phase counts, which end up the same), so the
 * counter and the event index are the trap path's. Only words
 * engine_insn.c found to complete at EL2 with no exception come here;
 * anything else ends the run with an error rather than go on wrongly. */
void trap_perform_inline(el2_engine *eng, uint64_t pc, uint32_t word)
{
	el2_pe *pe = eng->pe;
	uint64_t end = eng->block_pc + 4ull * eng->block_insns;
	bool in_block = eng->block_insns && pc >= eng->block_pc && pc < end;
	uint64_t ahead = in_block ? (end - pc) / 4 - 1 : 0;
	if (in_block) {
		eng->counts.insns -= ahead;
		mark_trap(eng, pc, eng->counts.insns - 1);
		eng->block_insns = 0; /* nothing may uncount the block meanwhile */
	} else {
		count_trap(eng, pc);
	}
	el2_exec_result r;
	eng->in_trap = true;
	el2_exec(pe, word, &r);
	/* Xt first: an event hook may read everything back from Unicorn. */
	if ((r.flags & EL2_EF_GPR_WRITTEN) && r.rt < 31)
		uc_reg_write(eng->uc, engine_gpr_id(r.rt), &pe->s.x[r.rt]);
	if (r.is_write && r.reg == EL2_SYSREG(TPIDRRO_EL0)) {
		uint64_t ro = SR(pe, TPIDRRO_EL0); /* EL0 reads it natively */
		uc_reg_write(eng->uc, UC_ARM64_REG_TPIDRRO_EL0, &ro);
	}
	/* Translation or FP controls written: the FP-trap state follows at
	 * once (the protection world cannot change here: it follows EL,
	 * HCR_EL2 and PSTATE.PAN, whose writes never come inline). */
	if (r.flags & (EL2_EF_TRANSLATION | EL2_EF_FP_CONTROL))
		sync_fp(eng);
	char sym[96];
	/* (DC ZVA never comes here: engine_insn.c's model_inline_ok.) */
	if (r.outcome == EL2_OUT_NEED_AT)
		fault_at(eng, &r);
	if (r.outcome == EL2_OUT_DONE || r.outcome == EL2_OUT_NEED_AT)
		emit_access(eng, pc, word, &r);
	else
		engine_stop_error(eng, EL2_ERR_INVALID_ARG,
				  "INSN strategy: word 0x%08" PRIx32 " at %s did not complete in place "
				  "(run with EL2SIM_STRATEGY=trap)",
				  word, engine_symbolize(eng, pc, sym, sizeof(sym)));
	eng->in_trap = false;
	eng->counts.insns += ahead;
	if (in_block) {
		eng->block_pc = pc + 4;
		eng->block_insns = (uint32_t)ahead;
	}
	if (eng->stop_requested && !eng->exit_pending) {
		/* The block runs on past this word, uncounted: an error stop
		 * ends the run here, as on the trap path. */
		engine_uncount_from(eng, pc + 4);
		eng->exit_pending = true;
		eng->exit_pc = pe->s.pc;
		uc_emu_stop(eng->uc);
	}
}

/* A word Unicorn refused that el2_exec does not handle: UNDEFINED if it
 * is unallocated, an engine error if it is a real instruction. */
static void undefined_or_error(el2_engine *eng, uint64_t pc, uint32_t word)
{
	char text[96], sym[96];
	if (known_insn(eng, pc, word, text, sizeof(text))) {
		engine_stop_error(eng, EL2_ERR_INVALID_ARG,
				  "instruction '%s' (0x%08" PRIx32 ") at %s cannot be executed by Unicorn",
				  text, word, engine_symbolize(eng, pc, sym, sizeof(sym)));
		eng->exit_pending = true;
		eng->exit_pc = pc;
		return;
	}
	/* aarch64/exceptions/traps/AArch64.UndefinedFault (DDI 0487 J.a) */
	el2_pe *pe = eng->pe;
	el2_exception exc = {.type = EL2_EXC_UNCATEGORIZED};
	el2_exc_outcome o;
	sync_sp_nzcv_in(eng);
	pe->s.pc = pc;
	engine_count_one(eng);
	eng->counts.trapped++;
	eng->step_trapped = true;
	if (el2_take_sync(pe, &exc, false, &o) != EL2_OK) {
		engine_stop_error(eng, EL2_ERR_INVALID_ARG, "cannot take UNDEFINED at %s",
				  engine_symbolize(eng, pc, sym, sizeof(sym)));
		eng->exit_pending = true;
		eng->exit_pc = pc;
		return;
	}
	sync_after_model(eng, NULL);
	engine_exception_taken(eng, pc, EL2_EXC_UNCATEGORIZED, &o);
	engine_resume(eng);
}

/* A FEAT_PAuth or SVE word Unicorn refused (see el2_is_feature_insn): the
 * model performs it with every X register in hand, or takes its trap; a
 * word the model cannot perform (LDRAA, an enabled SVE data instruction)
 * is reported as an instruction Unicorn cannot execute. */
static void perform_feature(el2_engine *eng, uint64_t pc, uint32_t word)
{
	el2_pe *pe = eng->pe;
	el2_exec_result r;
	sync_gprs_in(eng);
	pe->s.pc = pc;
	el2_exec_feature(pe, word, &r);
	if (r.outcome == EL2_OUT_NOT_SYSTEM) {
		/* Not through known_insn: Capstone 4 does not know SVE, and an
		 * enabled SVE instruction must never become UNDEFINED. */
		char sym[96];
		engine_stop_error(eng, EL2_ERR_INVALID_ARG,
				  "instruction 0x%08" PRIx32 " at %s (%s) cannot be executed by Unicorn "
				  "and is not modelled",
				  word, engine_symbolize(eng, pc, sym, sizeof(sym)),
				  ((word >> 25) & 0xfu) == 2u ? "SVE" : "LDRAA/LDRAB");
		eng->exit_pending = true;
		eng->exit_pc = pc;
		return;
	}
	engine_count_one(eng);
	eng->counts.trapped++;
	eng->step_trapped = true;
	sync_after_model(eng, &r);
	if (r.outcome == EL2_OUT_EXCEPTION)
		engine_exception_taken(eng, pc, r.exc_type, &r.exc);
	engine_resume(eng);
}

static void on_intr(uc_engine *uc, uint32_t intno, void *user)
{
	el2_engine *eng = user;
	uint64_t upc;
	uc_reg_read(uc, UC_ARM64_REG_PC, &upc);
	bool after = intno == INTNO_SWI || intno == INTNO_HVC || intno == INTNO_SMC;
	uint64_t pc = after ? upc - 4 : upc;
	char sym[96];
	if (eng->stop_requested) {
		/* A stop was already decided (e.g. by a memory hook): leave
		 * without performing anything. */
		engine_uncount_from(eng, pc);
		if (!eng->exit_pending) {
			eng->exit_pending = true;
			eng->exit_pc = upc;
		}
		uc_emu_stop(uc);
		return;
	}
	engine_uncount_from(eng, pc);
	if (intno == INTNO_PABT) {
		/* Unicorn's own MMU refused the fetch (an address beyond the VA
		 * range it translates): the same as a fetch of unmapped memory,
		 * as the trap strategy sees it */
		if (!fault_memory(eng, upc, true, false))
			uc_emu_stop(uc);
		return;
	}
	eng->in_trap = true;
	if (intno != INTNO_UDEF && intno != INTNO_BKPT && !after) {
		engine_stop_error(eng, EL2_ERR_INVALID_ARG,
				  "unexpected Unicorn exception %" PRIu32 " at %s", intno,
				  engine_symbolize(eng, pc, sym, sizeof(sym)));
		eng->exit_pending = true;
		eng->exit_pc = pc;
		eng->in_trap = false;
		return;
	}
	uint32_t word;
	if (!engine_word_at(eng, pc, &word)) {
		engine_stop_error(eng, EL2_ERR_MEM_UNMAPPED, "cannot read the instruction at %s",
				  engine_symbolize(eng, pc, sym, sizeof(sym)));
		eng->exit_pending = true;
		eng->exit_pc = pc;
		eng->in_trap = false;
		return;
	}
	if (el2_is_system_insn(word))
		perform(eng, pc, word);
	else if (el2_is_feature_insn(word))
		perform_feature(eng, pc, word);
	else
		undefined_or_error(eng, pc, word);
	eng->in_trap = false;
}

/* While FP/SIMD is trapped: before each instruction. */
static void on_fp_check(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	el2_engine *eng = user;
	if (!eng->fp_trapped || eng->stop_requested)
		return;
	uint32_t word;
	if (!engine_word_at(eng, addr, &word))
		return;
	bool fp = is_fp_simd(word);
	if (!fp && !is_fpcr_fpsr(word))
		return;
	if (!el2_fp_access_trapped(eng->pe))
		return;
	engine_uncount_from(eng, addr);
	eng->in_trap = true;
	if (!fp) {
		perform(eng, addr, word);
		eng->in_trap = false;
		return;
	}
	el2_pe *pe = eng->pe;
	el2_exc_outcome o;
	sync_sp_nzcv_in(eng);
	pe->s.pc = addr;
	engine_count_one(eng);
	eng->counts.trapped++;
	eng->step_trapped = true;
	if (el2_check_fp_access(pe, &o)) {
		sync_after_model(eng, NULL);
		engine_exception_taken(eng, addr, EL2_EXC_FP_TRAP, &o);
	}
	/* Writing PC here keeps the instruction from executing. */
	engine_resume(eng);
	eng->in_trap = false;
}

bool trap_is_fp_word(uint32_t w)
{
	return is_fp_simd(w) || is_fpcr_fpsr(w);
}

el2_err trap_add_fp_range(el2_engine *eng, uint64_t begin, uint64_t end, uc_hook *h)
{
	return uc_hook_add(eng->uc, h, UC_HOOK_CODE, (void *)on_fp_check, eng, begin, end) ==
			       UC_ERR_OK
		       ? EL2_OK
		       : EL2_ERR_NOMEM;
}

el2_err trap_set_fp_hook(el2_engine *eng, bool on)
{
	if (on && !eng->hook_fp) {
		if (uc_hook_add(eng->uc, &eng->hook_fp, UC_HOOK_CODE, (void *)on_fp_check, eng, 1, 0) !=
		    UC_ERR_OK) {
			eng->hook_fp = 0;
			return EL2_ERR_NOMEM;
		}
	} else if (!on && eng->hook_fp) {
		uc_hook_del(eng->uc, eng->hook_fp);
		eng->hook_fp = 0;
	} else {
		return EL2_OK;
	}
	/* Hooks are compiled into translated blocks: retranslate. */
	engine_flush_code(eng);
	return EL2_OK;
}

el2_err trap_install(el2_engine *eng)
{
	if (uc_hook_add(eng->uc, &eng->hook_intr, UC_HOOK_INTR, (void *)on_intr, eng, 1, 0) !=
	    UC_ERR_OK)
		return EL2_ERR_NOMEM;
	return EL2_OK;
}
