/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for the model (lib/): the input configures a PE and
 * then drives it with instruction words (el2_exec), exception entries and
 * returns, aborts, interrupts and AT walks. After every step the harness
 * checks architectural invariants that hold whatever the input was; a
 * violation is a crash (__builtin_trap) that libFuzzer reports.
 *
 * Input (little-endian, reads past the end are zero):
 *   u8  features (EL2_FEAT_*)
 *   u8  bit0 have_el2, bit1 have_el3, bit2 unknown_sysreg_raz_wi,
 *       bit3 install an UNKNOWN-value hook
 *   u64 initial PSTATE (el2_reg_write; impossible values must be refused)
 *   u8  n, then n % 8 times: u16 system-register row, u64 value
 *   steps until the input ends: u8 op, u32 word, u64 value (see step())
 *   an AT step (EL2_OUT_NEED_AT) consumes u8 walk control + 4 u64
 *   descriptors for the translation-table walk. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "el2sim/at_walk.h"
#include "el2sim/el2sim.h"
#include "el2sim/exception.h"
#include "el2sim/exec.h"
#include "el2sim/pe.h"
#include "el2sim/pstate.h"
#include "fuzz_input.h"

#define MAX_STEPS 1024

typedef struct fuzz_pe {
	el2_pe *pe;
	el2_config cfg;
	fuzz_in in;
} fuzz_pe;

/* ---- invariants ---- */

/* PSTATE bits that exist: the base fields of C5.2.18 SPSR_EL1 for an
 * exception taken from AArch64 plus one field per implemented feature
 * (PSTATE.PAN exists only with FEAT_PAN, and so on). */
static uint64_t pstate_bits(const el2_config *cfg)
{
	uint64_t m = EL2_PSR_NZCV | EL2_PSR_SS | EL2_PSR_IL | EL2_PSR_DAIF | EL2_PSR_M;
	if (cfg->features & EL2_FEAT_PAN)
		m |= EL2_PSR_PAN;
	if (cfg->features & EL2_FEAT_UAO)
		m |= EL2_PSR_UAO;
	if (cfg->features & EL2_FEAT_DIT)
		m |= EL2_PSR_DIT;
	if (cfg->features & EL2_FEAT_SSBS)
		m |= EL2_PSR_SSBS;
	if (cfg->features & EL2_FEAT_MTE)
		m |= EL2_PSR_TCO;
	if (cfg->features & EL2_FEAT_BTI)
		m |= EL2_PSR_BTYPE;
	return m;
}

/* A state the PE can be in (shared/functions/system/IllegalExceptionReturn
 * lists what no PE state may be): AArch64 only, an implemented EL below 3,
 * M[1] = 0, EL0 always with SP_EL0. */
static bool pstate_possible(const el2_config *cfg, uint64_t ps)
{
	unsigned el = EL2_PSR_GET_EL(ps);
	if ((ps & (EL2_PSR_NRW | EL2_PSR_M1)) || el == 3 || (el == 2 && !cfg->have_el2))
		return false;
	return !(el == 0 && (ps & EL2_PSR_SP));
}

static uint64_t rd(const el2_pe *pe, el2_reg r)
{
	uint64_t v = 0;
	FUZZ_ASSERT(el2_reg_read(pe, r, &v) == EL2_OK);
	return v;
}

static el2_reg sp_bank(unsigned n)
{
	return n == 0 ? EL2_SYSREG(SP_EL0) : n == 1 ? EL2_SYSREG(SP_EL1) : EL2_SYSREG(SP_EL2);
}

static void check_state(const fuzz_pe *f)
{
	uint64_t ps = rd(f->pe, EL2_REG_PSTATE);
	unsigned el = EL2_PSR_GET_EL(ps);
	FUZZ_ASSERT(pstate_possible(&f->cfg, ps));
	FUZZ_ASSERT((ps & ~pstate_bits(&f->cfg)) == 0);
	FUZZ_ASSERT(el2_pe_el(f->pe) == el);
	FUZZ_ASSERT(rd(f->pe, EL2_REG_PC) == el2_pe_pc(f->pe));
	/* SP is SP_ELx for PSTATE.SP = 1, else SP_EL0 (C5.2.16 SPSel). */
	FUZZ_ASSERT(rd(f->pe, EL2_REG_SP) == rd(f->pe, sp_bank((ps & EL2_PSR_SP) ? el : 0)));
	FUZZ_ASSERT(rd(f->pe, EL2_SYSREG(CurrentEL)) == (ps & EL2_PSR_EL));
}

/* Any row of the system-register table. */
static el2_reg sysreg_row(uint64_t n)
{
	return (el2_reg)(EL2_REG_SYSREG_BASE + n % EL2_SR_COUNT);
}

/* The debugger view writes any row but the read-only ID/operation rows;
 * the SPSel row refuses what would leave EL0 with SP_ELx selected. */
static void write_sysreg(fuzz_pe *f, el2_reg r, uint64_t value)
{
	uint64_t old_ps = rd(f->pe, EL2_REG_PSTATE);
	el2_err e = el2_reg_write(f->pe, r, value);
	bool spsel_at_el0 = r == EL2_SYSREG(SPSel) && EL2_PSR_GET_EL(old_ps) == 0 && (value & 1);
	FUZZ_ASSERT(e == EL2_OK || e == EL2_ERR_READ_ONLY || (e == EL2_ERR_INVALID_ARG && spsel_at_el0));
	FUZZ_ASSERT(!spsel_at_el0 || e == EL2_ERR_INVALID_ARG);
	if (e)
		FUZZ_ASSERT(rd(f->pe, EL2_REG_PSTATE) == old_ps);
}

static el2_reg esr_of(unsigned el)
{
	return el == 1 ? EL2_SYSREG(ESR_EL1) : EL2_SYSREG(ESR_EL2);
}

static el2_reg spsr_of(unsigned el)
{
	return el == 1 ? EL2_SYSREG(SPSR_EL1) : EL2_SYSREG(SPSR_EL2);
}

static el2_reg elr_of(unsigned el)
{
	return el == 1 ? EL2_SYSREG(ELR_EL1) : EL2_SYSREG(ELR_EL2);
}

/* After an exception entry (aarch64/exceptions/takeexception/
 * AArch64.TakeException): EL = target >= source, PSTATE.{D,A,I,F} = 1111,
 * SP = 1, IL = SS = 0, SPSR = the old PSTATE (BTYPE may be cleared), the
 * PC = the vector, whose offset in the table says lower EL (0x400),
 * current EL with SP_ELx (0x200) or SP_EL0 (0x000). */
static void check_exception(const fuzz_pe *f, const el2_exc_outcome *o, uint64_t old_ps,
			    bool has_esr)
{
	uint64_t ps = rd(f->pe, EL2_REG_PSTATE);
	unsigned el = EL2_PSR_GET_EL(ps), old_el = EL2_PSR_GET_EL(old_ps);
	FUZZ_ASSERT(el == o->target_el && o->from_el == old_el);
	FUZZ_ASSERT(el >= old_el && el >= 1);
	FUZZ_ASSERT((ps & EL2_PSR_DAIF) == EL2_PSR_DAIF);
	FUZZ_ASSERT((ps & (EL2_PSR_SP | EL2_PSR_IL | EL2_PSR_SS)) == EL2_PSR_SP);
	FUZZ_ASSERT(el2_pe_pc(f->pe) == o->vector);
	FUZZ_ASSERT((o->vector & 0x7ff) == (o->vect_offset & 0x7ff));
	unsigned table = el > old_el ? 0x400u : (old_ps & EL2_PSR_SP) ? 0x200u : 0u;
	FUZZ_ASSERT((o->vect_offset & 0x600u) == table && (o->vect_offset & 0x7fu) == 0);
	FUZZ_ASSERT((rd(f->pe, spsr_of(el)) & ~EL2_PSR_BTYPE) == (old_ps & ~EL2_PSR_BTYPE));
	if (has_esr)
		FUZZ_ASSERT(rd(f->pe, esr_of(el)) == o->esr);
}

/* EL2SIM_FUZZ_TRACE=1 in the environment prints every step (for reading
 * a crashing input). */
static bool tracing(void)
{
	static int on = -1;
	if (on < 0)
		on = getenv("EL2SIM_FUZZ_TRACE") != NULL;
	return on;
}

/* ---- the AT walk the engine would make ---- */
typedef struct walk_ctx {
	uint64_t desc[4];
	uint8_t ctl;
} walk_ctx;

static bool walk_read(void *ctx, uint64_t pa, uint64_t *val)
{
	const walk_ctx *w = ctx;
	FUZZ_ASSERT((pa & 7) == 0);
	if ((w->ctl & 1) && ((pa >> 12) & 1))
		return false;
	*val = w->desc[(pa >> 3) & 3];
	return true;
}

static bool walk_s2(void *ctx, uint64_t ipa, bool write, el2_fault *fault, int *level)
{
	static const el2_fault kinds[4] = {EL2_FAULT_TRANSLATION, EL2_FAULT_PERMISSION,
					   EL2_FAULT_ACCESS_FLAG, EL2_FAULT_ADDRESS_SIZE};
	const walk_ctx *w = ctx;
	if (!(w->ctl & 2) || ((ipa >> 12) & 1) != ((w->ctl >> 6) & 1u) || (write && (w->ctl & 0x80)))
		return true;
	*fault = kinds[(w->ctl >> 2) & 3];
	/* Levels a stage-2 walk with the 4 KiB granule can report (no Access
	 * flag or Permission fault at level 0: EncodeLDFSC has no encoding). */
	unsigned lv = (w->ctl >> 4) & 3;
	*level = (int)(*fault == EL2_FAULT_ACCESS_FLAG || *fault == EL2_FAULT_PERMISSION
			       ? (lv ? lv : 1)
			       : lv);
	return false;
}

static void do_at(fuzz_pe *f, const el2_exec_result *res)
{
	walk_ctx w = {.ctl = fuzz_u8(&f->in)};
	for (int i = 0; i < 4; i++)
		w.desc[i] = fuzz_u64(&f->in);
	el2_at_result r;
	uint64_t fault_ipa = 0, old_ps = rd(f->pe, EL2_REG_PSTATE);
	FUZZ_ASSERT(el2_at_walk_s2(f->pe, res->at_op, res->at_va, walk_read, walk_s2, &w, &r,
				   &fault_ipa) == EL2_OK);
	if (tracing())
		fprintf(stderr, "  AT op %d va %#" PRIx64 " ctl %#x: fault %d fst %d level %d s2 %d ptw %d\n",
			(int)res->at_op, res->at_va, w.ctl, r.fault, (int)r.fst, r.level, r.stage2,
			r.ptw);
	if (el2_at_fault_is_exception(f->pe, res->at_op, &r)) {
		el2_exc_outcome o;
		FUZZ_ASSERT(el2_at_take_abort(f->pe, res->at_va, fault_ipa, &r, &o) == EL2_OK);
		check_exception(f, &o, old_ps, true);
		return;
	}
	FUZZ_ASSERT(el2_at_complete(f->pe, &r) == EL2_OK);
	/* PAR_EL1.F (bit 0) says whether the translation failed (D19.2 PAR_EL1). */
	FUZZ_ASSERT((rd(f->pe, EL2_SYSREG(PAR_EL1)) & 1) == (r.fault ? 1u : 0u));
	FUZZ_ASSERT(el2_at_complete(f->pe, &r) == EL2_ERR_NO_PENDING_AT);
}

/* ---- steps ---- */

static void exec_word(fuzz_pe *f, uint32_t word)
{
	uint64_t old_ps = rd(f->pe, EL2_REG_PSTATE), old_pc = el2_pe_pc(f->pe);
	bool step_enabled = rd(f->pe, EL2_SYSREG(MDSCR_EL1)) & 1; /* MDSCR_EL1.SS */
	el2_exec_result res;
	FUZZ_ASSERT(el2_exec(f->pe, word, &res) == EL2_OK);
	FUZZ_ASSERT((res.outcome == EL2_OUT_NOT_SYSTEM) == !el2_is_system_insn(word));
	switch (res.outcome) {
	case EL2_OUT_NOT_SYSTEM:
		FUZZ_ASSERT(el2_pe_pc(f->pe) == old_pc && rd(f->pe, EL2_REG_PSTATE) == old_ps);
		break;
	case EL2_OUT_DONE:
	case EL2_OUT_WFI:
	case EL2_OUT_WFE:
	case EL2_OUT_NEED_AT:
	case EL2_OUT_SMC_EL3:
		FUZZ_ASSERT(el2_pe_pc(f->pe) == old_pc + 4);
		FUZZ_ASSERT(el2_pe_el(f->pe) == EL2_PSR_GET_EL(old_ps));
		FUZZ_ASSERT(res.outcome != EL2_OUT_SMC_EL3 || f->cfg.have_el3);
		break;
	case EL2_OUT_EXCEPTION:
		/* SVC, HVC and SMC call shared/debug/softwarestep/SSAdvance
		 * first: with step enabled PSTATE.SS (so SPSR.SS) becomes 0. */
		if (step_enabled && (res.exc_type == EL2_EXC_SVC || res.exc_type == EL2_EXC_HVC ||
				     res.exc_type == EL2_EXC_SMC))
			old_ps &= ~EL2_PSR_SS;
		check_exception(f, &res.exc, old_ps, true);
		break;
	case EL2_OUT_ERET:
		/* AArch64.ExceptionReturn: an illegal return keeps the EL and
		 * sets PSTATE.IL; a legal one never goes up. */
		if (res.exc.illegal_return)
			FUZZ_ASSERT((rd(f->pe, EL2_REG_PSTATE) & EL2_PSR_IL) &&
				    el2_pe_el(f->pe) == EL2_PSR_GET_EL(old_ps));
		else
			FUZZ_ASSERT(el2_pe_el(f->pe) <= EL2_PSR_GET_EL(old_ps));
		FUZZ_ASSERT(el2_pe_pc(f->pe) == res.exc.vector);
		break;
	default:
		FUZZ_ASSERT(0);
	}
	check_state(f);
	if (res.outcome == EL2_OUT_NEED_AT)
		do_at(f, &res);
}

static void exception_return(fuzz_pe *f, uint64_t spsr, uint64_t new_pc)
{
	uint64_t old_ps = rd(f->pe, EL2_REG_PSTATE);
	bool illegal = el2_illegal_exception_return(f->pe, spsr);
	el2_exc_outcome o;
	el2_exception_return(f->pe, new_pc, spsr, &o);
	FUZZ_ASSERT(o.illegal_return == illegal);
	if (illegal)
		FUZZ_ASSERT(el2_pe_el(f->pe) == EL2_PSR_GET_EL(old_ps) &&
			    (rd(f->pe, EL2_REG_PSTATE) & EL2_PSR_IL));
	else
		FUZZ_ASSERT(el2_pe_el(f->pe) == EL2_PSR_GET_EL(spsr));
}

static void take_exception(fuzz_pe *f, uint8_t op, uint32_t word, uint64_t value)
{
	el2_exception exc = {
		.type = (el2_exc_type)((word >> 8) % EL2_EXC__COUNT),
		.iss = (word >> 7) & EL2_ESR_ISS_MASK,
		.far_valid = word & 1,
		.vaddress = value,
		.ipa_valid = (word >> 1) & 1,
		.ipaddress = ~value,
	};
	uint64_t old_ps = rd(f->pe, EL2_REG_PSTATE), old_pc = el2_pe_pc(f->pe);
	unsigned old_el = EL2_PSR_GET_EL(old_ps);
	el2_exc_outcome o;
	bool async = exc.type == EL2_EXC_IRQ || exc.type == EL2_EXC_FIQ || exc.type == EL2_EXC_SERROR;
	if (op & 8) {
		el2_err e = el2_take_sync(f->pe, &exc, (word >> 2) & 1, &o);
		/* refused: an exception into an AArch32 EL1 (not modelled), and
		 * a PAC trap on a PE without EL2 (TrapPACUse targets EL2) */
		bool no_target = exc.type == EL2_EXC_PAC_TRAP && !f->cfg.have_el2;
		FUZZ_ASSERT(e == EL2_OK ? !async && !no_target
					: async || no_target || e == EL2_ERR_UNSUPPORTED);
		if (e == EL2_OK) {
			check_exception(f, &o, old_ps, true);
			FUZZ_ASSERT(rd(f->pe, elr_of(o.target_el)) == old_pc);
		}
		return;
	}
	unsigned target = (word >> 2) & 3, kind = ((word >> 4) & 3) * 0x80u;
	el2_err e = el2_take_exception(f->pe, target, &exc, value, kind, &o);
	bool valid = target >= 1 && target <= 2 && target >= old_el &&
		     (target == 1 || f->cfg.have_el2);
	FUZZ_ASSERT(e == EL2_OK ? valid : !valid || e == EL2_ERR_UNSUPPORTED);
	if (e != EL2_OK) {
		FUZZ_ASSERT(rd(f->pe, EL2_REG_PSTATE) == old_ps && el2_pe_pc(f->pe) == old_pc);
		return;
	}
	check_exception(f, &o, old_ps, exc.type != EL2_EXC_IRQ && exc.type != EL2_EXC_FIQ);
	FUZZ_ASSERT(rd(f->pe, elr_of(target)) == value);
}

static void take_abort(fuzz_pe *f, uint32_t word, uint64_t value)
{
	el2_abort ab = {
		.instruction = word & 1,
		.fault = (el2_fault)((word >> 1) % 7),
		.level = (int)((word >> 4) & 3),
		.stage2 = (word >> 6) & 1,
		.s1ptw = (word >> 7) & 1,
		.write = (word >> 8) & 1,
		.cache_maint = (word >> 9) & 1,
		.vaddress = value,
		.ipaddress = value ^ ((uint64_t)word << 12),
		.isv = (word >> 10) & 1,
		.sas = (word >> 11) & 3,
		.sse = (word >> 13) & 1,
		.srt = (word >> 14) & 31,
		.sf = (word >> 19) & 1,
		.ar = (word >> 20) & 1,
	};
	uint64_t old_ps = rd(f->pe, EL2_REG_PSTATE), old_pc = el2_pe_pc(f->pe);
	el2_exc_outcome o;
	/* shared/exceptions/aborts/EncodeLDFSC (no FEAT_LPA2) encodes levels
	 * 0-3 of Translation, Address size and walk External aborts, 1-3 of
	 * Access flag and Permission faults; other levels are refused. */
	bool level_ok = ab.fault == EL2_FAULT_ACCESS_FLAG || ab.fault == EL2_FAULT_PERMISSION
				? ab.level >= 1
				: true;
	el2_err e = el2_take_abort(f->pe, &ab, &o);
	FUZZ_ASSERT((e == EL2_OK) == level_ok);
	if (e != EL2_OK) {
		FUZZ_ASSERT(rd(f->pe, EL2_REG_PSTATE) == old_ps && el2_pe_pc(f->pe) == old_pc);
		return;
	}
	check_exception(f, &o, old_ps, true);
	FUZZ_ASSERT(rd(f->pe, elr_of(o.target_el)) == old_pc);
	/* A stage-2 fault is taken to EL2 (AArch64.Abort). */
	FUZZ_ASSERT(!ab.stage2 || !f->cfg.have_el2 || o.target_el == 2);
}

static void deliver_interrupt(fuzz_pe *f)
{
	uint64_t old_ps = rd(f->pe, EL2_REG_PSTATE), old_pc = el2_pe_pc(f->pe);
	bool pending = el2_interrupt_pending(f->pe);
	el2_exc_outcome o;
	bool taken = el2_deliver_interrupt(f->pe, &o);
	FUZZ_ASSERT(taken == pending);
	if (taken) {
		check_exception(f, &o, old_ps, false);
		FUZZ_ASSERT(rd(f->pe, elr_of(o.target_el)) == old_pc);
	}
}

static void misc(fuzz_pe *f, uint8_t op, uint32_t word, uint64_t value)
{
	switch ((op >> 3) & 3) {
	case 0:
		el2_set_line(f->pe, (el2_irq_line)(1u << (word % 3)), value & 1);
		deliver_interrupt(f);
		return;
	case 1:
		write_sysreg(f, sysreg_row(word), value);
		return;
	case 2: {
		uint64_t old_ps = rd(f->pe, EL2_REG_PSTATE);
		el2_exc_outcome o;
		bool il = old_ps & EL2_PSR_IL;
		FUZZ_ASSERT(el2_check_illegal_state(f->pe, &o) == il);
		if (il)
			check_exception(f, &o, old_ps, true);
		return;
	}
	default: {
		uint64_t old_ps = rd(f->pe, EL2_REG_PSTATE);
		el2_exc_outcome o;
		bool trapped = el2_fp_access_trapped(f->pe);
		FUZZ_ASSERT(el2_check_fp_access(f->pe, &o) == trapped);
		if (trapped)
			check_exception(f, &o, old_ps, true);
		el2_pe_set_counter(f->pe, value);
		return;
	}
	}
}

static void step(fuzz_pe *f)
{
	uint8_t op = fuzz_u8(&f->in);
	uint32_t word = fuzz_u32(&f->in);
	uint64_t value = fuzz_u64(&f->in);
	if (tracing())
		fprintf(stderr, "EL%u pc %#" PRIx64 " pstate %#" PRIx64 ": op %#x word %#010x value %#" PRIx64 "\n",
			el2_pe_el(f->pe), el2_pe_pc(f->pe), rd(f->pe, EL2_REG_PSTATE), op, word,
			value);
	switch (op & 7) {
	case 0: /* the common case: X[Rt] holds the value the word reads */
		if ((word & 31u) != 31) /* Rt = 31 is XZR (or SP): nothing to set */
			FUZZ_ASSERT(el2_reg_write(f->pe, EL2_REG_X(word & 31u), value) == EL2_OK);
		exec_word(f, word);
		return;
	case 1:
		exec_word(f, word);
		return;
	case 2:
		FUZZ_ASSERT(el2_reg_write(f->pe, EL2_REG_SP, value) == EL2_OK);
		exec_word(f, word);
		deliver_interrupt(f);
		return;
	case 3:
		FUZZ_ASSERT(el2_reg_write(f->pe, EL2_REG_PC, value) == EL2_OK);
		exec_word(f, word);
		return;
	case 4:
		exception_return(f, (op & 8) ? (word | (value & ~UINT64_C(0xffffffff))) : word, value);
		return;
	case 5:
		take_exception(f, op, word, value);
		return;
	case 6:
		take_abort(f, word, value);
		return;
	default:
		misc(f, op, word, value);
		return;
	}
}

static uint64_t unknown_hook(void *ctx, el2_reg reg, uint64_t old)
{
	(void)ctx;
	FUZZ_ASSERT(strcmp(el2_reg_name(reg), "?") != 0);
	return ~old;
}

/* Setup: a configuration el2_pe_new must refuse exactly when config.h says
 * it is inconsistent; then the initial PSTATE and register values. */
static el2_pe *setup(fuzz_pe *f)
{
	uint8_t feat = fuzz_u8(&f->in), flags = fuzz_u8(&f->in);
	f->cfg = el2_config_default();
	f->cfg.features = feat;
	f->cfg.have_el2 = flags & 1;
	f->cfg.have_el3 = (flags >> 1) & 1;
	f->cfg.unknown_sysreg_raz_wi = (flags >> 2) & 1;
	bool bad = ((feat & EL2_FEAT_VHE) && !f->cfg.have_el2) ||
		   ((feat & EL2_FEAT_PAN2) && !(feat & EL2_FEAT_PAN));
	el2_pe *pe = NULL;
	el2_err e = el2_pe_new(&f->cfg, &pe);
	FUZZ_ASSERT(bad ? e == EL2_ERR_BAD_CONFIG : e == EL2_OK);
	if (bad) {
		f->cfg.features &= ~(uint32_t)(EL2_FEAT_PAN2 | (f->cfg.have_el2 ? 0 : EL2_FEAT_VHE));
		FUZZ_ASSERT(el2_pe_new(&f->cfg, &pe) == EL2_OK);
	}
	f->pe = pe;
	if (flags & 8)
		el2_pe_set_unknown_hook(pe, unknown_hook, NULL);
	check_state(f);

	uint64_t ps = fuzz_u64(&f->in), before = rd(pe, EL2_REG_PSTATE);
	e = el2_reg_write(pe, EL2_REG_PSTATE, ps);
	FUZZ_ASSERT((e == EL2_OK) == pstate_possible(&f->cfg, ps));
	FUZZ_ASSERT(rd(pe, EL2_REG_PSTATE) == (e ? before : (ps & pstate_bits(&f->cfg))));
	unsigned n = fuzz_u8(&f->in) % 8;
	for (unsigned i = 0; i < n; i++) {
		el2_reg r = sysreg_row(fuzz_bytes(&f->in, 2));
		write_sysreg(f, r, fuzz_u64(&f->in));
	}
	check_state(f);
	return pe;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_pe f = {.in = {.p = data, .len = size}};
	el2_pe *pe = setup(&f);
	el2_snapshot *start = NULL, *end = NULL, *again = NULL;
	FUZZ_ASSERT(el2_snapshot_take(pe, &start) == EL2_OK);
	for (unsigned i = 0; i < MAX_STEPS && fuzz_more(&f.in); i++) {
		step(&f);
		check_state(&f);
	}
	/* A snapshot restores exactly: no difference after a round trip. */
	FUZZ_ASSERT(el2_snapshot_take(pe, &end) == EL2_OK);
	FUZZ_ASSERT(el2_snapshot_restore(pe, start) == EL2_OK);
	check_state(&f);
	FUZZ_ASSERT(el2_snapshot_restore(pe, end) == EL2_OK);
	FUZZ_ASSERT(el2_snapshot_take(pe, &again) == EL2_OK);
	FUZZ_ASSERT(el2_snapshot_diff(end, again, NULL, 0) == 0);
	el2_snapshot_free(&start);
	el2_snapshot_free(&end);
	el2_snapshot_free(&again);
	el2_pe_free(&pe);
	return 0;
}
