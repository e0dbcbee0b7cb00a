/* SPDX-License-Identifier: MIT */
/* The INSN-hook execution strategy (Unicorn >= 2.1.1; docs/engine.md).
 *
 * Code the model runs at EL2 runs at Unicorn's own EL2h; code at EL0/EL1
 * runs at Unicorn-EL0 where every system instruction traps exactly as in
 * the trap strategy (engine_trap.c). At Unicorn-EL2 a system word reaches
 * the model one of three ways:
 *   - MRS/MSR/SYS/SYSL that Unicorn knows at EL2 and that the model always
 *     completes at EL2 without an exception or a change the engine must
 *     act on: UC_HOOK_INSN (on_sys), performed in place, no exception and
 *     no restart ("inline");
 *     (an MSR to a register that changes translation or FP trapping -
 *     TTBRn, TCR, MAIR, SCTLR, VTTBR, VTCR, CPACR, CPTR - is one of them:
 *     the hook then re-derives the FP-trap state in place; none of them
 *     changes the protection world, which follows EL, HCR_EL2.{VM,TGE} and
 *     PSTATE.PAN);
 *   - MRS/MSR/SYS/SYSL Unicorn does not know at EL2: the hook lets Unicorn
 *     raise UNDEFINED and the INTR hook performs the word as a trap (an
 *     INSN hook that skips an encoding QEMU does not know runs broken
 *     code: QEMU 5's handle_sys emits the exception before the hook's skip
 *     label);
 *   - every other word that traps at Unicorn-EL0 but would run natively at
 *     EL2 (ERET, MSR immediate, WFI/WFE, the MRS/MSR/SYS the model may fault
 *     or that change the world): a single-address code hook found by
 *     scanning each block before it first runs, which performs the word as
 *     a trap and writes PC (the word never executes).
 * HVC/SMC/SVC/BRK/UDF raise UC_HOOK_INTR at either EL.
 *
 * Which words are which is probed once per process on a small Unicorn of
 * its own (the same version): does the word trap at Unicorn-EL0 with the
 * engine's settings, does it raise UNDEFINED at Unicorn-EL2. Words that run
 * natively at EL0 (NZCV, TPIDR_EL0, FPCR, ISB, NOP, ...) run natively at
 * EL2 too, so both strategies perform exactly the same words.
 *
 * Unicorn's TLBs: the host's EL0/EL1 code runs at Unicorn-EL0 with
 * HCR_EL2.E2H = TGE = 1 (mmu_idx E20_0), the guest's with E2H = TGE = 0
 * (E10_0), EL2 code at Unicorn-EL2 with E2H = 0 (E2), so that isolation
 * through the TLB (engine_tlb.c) keeps each world's entries across a round
 * trip. Under E20_0 Unicorn takes EL0's controls from SCTLR_EL2 and
 * CNTHCTL_EL2 and its address tagging from TCR_EL2: setup_e20 gives them
 * what SCTLR_EL1/CNTKCTL_EL1/TCR_EL1 give EL0 under E10_0. TGE = 1 also
 * traps the EL0 debug registers (MDCR_EL2.TDE/TDA act as 1) and ignores
 * CPACR_EL1.ZEN: every system and SVE/PAuth word of host code is probed at
 * Unicorn-EL0 under both, and one that behaves differently puts the host
 * back in E10_0 for the engine's life (today's single TLB, a flush per
 * world change). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "engine_prot.h"
#include "model_seam.h"

/* Bound on the single-address code hooks (each is checked at every
 * instruction a code hook runs for: Unicorn walks the list). */
#define INSN_MAX_CODE_HOOKS 128u
/* Probe cache (power of two, open addressing). */
#define PROBE_SLOTS 4096u

/* What a word gets at Unicorn-EL2. */
enum word_class {
	WC_UNKNOWN = 0,
	WC_NATIVE,   /* runs natively at Unicorn-EL0 too: native */
	WC_UNDEF,    /* Unicorn raises UNDEFINED at EL2: INTR performs it */
	WC_INLINE,   /* UC_HOOK_INSN performs it in place */
	WC_CODEHOOK, /* a code hook performs it as a trap */
	WC_INTR,     /* exception-generating: INTR at either EL */
};

/* A word at Unicorn-EL0 under E2H = TGE = 1 (E20_0) against E10_0. */
enum e20_class { E20_UNKNOWN = 0, E20_SAME, E20_DIFFERS };

/* Bound on the FP check hooks (one per run of FP words). */
#define INSN_MAX_FP_HOOKS 64u

struct insn_state {
	uc_hook sys[4];
	uc_hook fp[INSN_MAX_FP_HOOKS];
	uint64_t fp_begin[INSN_MAX_FP_HOOKS], fp_end[INSN_MAX_FP_HOOKS]; /* hooked ranges */
	uint64_t fp_addr[INSN_MAX_CODE_HOOKS]; /* FP words found, not hooked yet */
	size_t n_fp_pending, n_fp;
	bool fp_all;                           /* too many: one all-address hook */
	uc_hook code[INSN_MAX_CODE_HOOKS];
	uint64_t code_addr[INSN_MAX_CODE_HOOKS];
	size_t n_code;
	uint64_t pending[INSN_MAX_CODE_HOOKS];
	size_t n_pending;
	bool limit_reported;
	el2_pe *probe_pe; /* the model at EL2 for classification */
	struct insn_cls {
		uint32_t word;
		uint8_t cls; /* enum word_class; 0 = empty */
		uint8_t e20; /* enum e20_class */
	} cls[PROBE_SLOTS];
	uint32_t unknown[INSN_MAX_CODE_HOOKS]; /* words to probe before the block runs */
	size_t n_unknown;
	uint32_t unknown20[INSN_MAX_CODE_HOOKS]; /* host words to probe under E20 too */
	size_t n_unknown20;
	bool e20;     /* setup_e20 matched EL0's controls: the host may use E20_0 */
	bool e20_off; /* a host word behaves differently under E20_0: never again */
};

/* ---- the strategy ---- */

bool engine_insn_supported(void)
{
	unsigned maj = 0, min = 0;
	unsigned v = uc_version(&maj, &min);
	/* uc_version: major << 24 | minor << 16 | patch << 8 | extra */
	return v >= 0x02010100u;
}

el2_engine_strategy engine_pick_strategy(void)
{
	const char *s = getenv("EL2SIM_STRATEGY");
	if (s && !strcmp(s, "trap"))
		return EL2_STRATEGY_TRAP;
	return engine_insn_supported() ? EL2_STRATEGY_INSN : EL2_STRATEGY_TRAP;
}

el2_engine_strategy el2_engine_default_strategy(void)
{
	return engine_pick_strategy();
}

el2_engine_strategy el2_engine_get_strategy(const el2_engine *eng)
{
	return eng ? eng->strategy : EL2_STRATEGY_TRAP;
}

const char *el2_engine_strategy_name(el2_engine_strategy s)
{
	return s == EL2_STRATEGY_INSN ? "insn" : "trap";
}

/* Unicorn's own EL and regime: write PSTATE, then HCR_EL2 (E2H and TGE
 * for E20_0), whose write rebuilds the cached hflags, mmu_idx included
 * (Unicorn 2.1; UNICORN-NOTES). Unicorn 2.1.1's do_hcr_write flushes its
 * TLB only when VM, PTW or DC change, never for E2H or TGE. */
static void uc_set_el(uc_engine *uc, unsigned el, bool e20, uint32_t nzcv)
{
	uint32_t ps = (el == 2 ? 0x3c9u : 0x0u) | (nzcv & 0xf0000000u);
	uc_reg_write(uc, UC_ARM64_REG_PSTATE, &ps);
	engine_write_cp(uc, 3, 4, 1, 1, 0,
			ENGINE_UC_HCR_EL2 | (e20 ? EL2_HCR_E2H | EL2_HCR_TGE : 0));
}

static bool read_cp(uc_engine *uc, unsigned op0, unsigned op1, unsigned crn, unsigned crm,
		    unsigned op2, uint64_t *val)
{
	uc_arm64_cp_reg cp = {.crn = crn, .crm = crm, .op0 = op0, .op1 = op1, .op2 = op2};
	if (uc_reg_read(uc, UC_ARM64_REG_CP_REG, &cp) != UC_ERR_OK)
		return false;
	*val = cp.val;
	return true;
}

/* SCTLR fields that control EL0 only (UCI, E0E, nTWE, nTWI, UCT, DZE,
 * EnRCTX, UMA, SA0, BT0): E2H = 1 layout of SCTLR_EL2 = SCTLR_EL1's. At
 * E2H = 0 they are RES0/RES1 bits Unicorn never reads at EL2 (its WFx
 * check reads SCTLR_EL1 whatever the regime). */
#define SCTLR_EL0_CONTROLS ((1ull << 26) | (1ull << 24) | (1ull << 18) | (1ull << 16) | \
			    (1ull << 15) | (1ull << 14) | (1ull << 10) | (1ull << 9) |   \
			    (1ull << 4) | (1ull << 35))
/* EnIA, EnIB, EnDA, EnDB: EL2's own at E2H = 0, so they cannot differ. */
#define SCTLR_PAUTH_EN ((1ull << 31) | (1ull << 30) | (1ull << 27) | (1ull << 13))
/* CNTHCTL_EL2 at E2H = 1: EL0PCTEN, EL0VCTEN, EL0VTEN, EL0PTEN, where
 * CNTKCTL_EL1 has them (at E2H = 0 bits 0-1 are EL1PCTEN/EL1PCEN, which
 * only add traps to EL0's CNTKCTL ones, and 8-9 are RES0). */
#define CNTHCTL_EL0_CONTROLS 0x303ull
/* TCR_EL2 TBI0, TBI1, TBID0, TBID1 of a two-range regime (E20); E2 reads
 * bits 20 and 29. */
#define TCR_TBI_FIELDS ((3ull << 37) | (3ull << 51))

/* Gives EL0 under E20_0 what it gets under E10_0 (the settings enter_el0
 * and engine_insn_setup made), without changing what E2 sees; false if
 * that cannot be done (the host then stays in E10_0). Unicorn 2.1.1 never
 * traps FP/SIMD (fp_exception_el returns 0), so CPTR_EL2.FPEN is moot; its
 * SVE check ignores CPACR_EL1.ZEN under E20 (probed per word). */
static bool setup_e20(uc_engine *uc)
{
	uint64_t sctlr1, sctlr2, cntk, cnth, tcr1, tcr2;
	if (!read_cp(uc, 3, 0, 1, 0, 0, &sctlr1) || !read_cp(uc, 3, 4, 1, 0, 0, &sctlr2) ||
	    !read_cp(uc, 3, 0, 14, 1, 0, &cntk) || !read_cp(uc, 3, 4, 14, 1, 0, &cnth) ||
	    !read_cp(uc, 3, 0, 2, 0, 2, &tcr1) || !read_cp(uc, 3, 4, 2, 0, 2, &tcr2))
		return false;
	if ((sctlr1 ^ sctlr2) & SCTLR_PAUTH_EN)
		return false;
	uint64_t want_s = (sctlr2 & ~SCTLR_EL0_CONTROLS) | (sctlr1 & SCTLR_EL0_CONTROLS);
	uint64_t want_c = (cnth & ~CNTHCTL_EL0_CONTROLS) | (cntk & CNTHCTL_EL0_CONTROLS);
	uint64_t want_t = (tcr2 & ~TCR_TBI_FIELDS) | (tcr1 & TCR_TBI_FIELDS);
	if (engine_write_cp(uc, 3, 4, 1, 0, 0, want_s) != UC_ERR_OK ||
	    engine_write_cp(uc, 3, 4, 14, 1, 0, want_c) != UC_ERR_OK ||
	    engine_write_cp(uc, 3, 4, 2, 0, 2, want_t) != UC_ERR_OK ||
	    !read_cp(uc, 3, 4, 1, 0, 0, &sctlr2) || !read_cp(uc, 3, 4, 14, 1, 0, &cnth) ||
	    !read_cp(uc, 3, 4, 2, 0, 2, &tcr2))
		return false;
	return sctlr2 == want_s && cnth == want_c && tcr2 == want_t;
}

/* E20_0 only where it buys something: isolation through the TLB with
 * the region-uniform verdicts (stage 2 from tables flushes at every world
 * change anyway). */
bool insn_host_tlb(const el2_engine *eng)
{
	const struct insn_state *st = eng ? eng->insn : NULL;
	return st && st->e20 && !st->e20_off && eng->tlb && !eng->s2;
}

unsigned insn_uc_tlb(const el2_engine *eng)
{
	/* A single step runs at Unicorn-EL0 whatever the EL: no code hook has
	 * to be in place for the one instruction. */
	if (!eng->insn || eng->stepping)
		return ENGINE_TLB_E10_0;
	if (pe_el(eng->pe) == 2)
		return ENGINE_TLB_E2;
	if (!insn_host_tlb(eng) || prot_world_of(eng).guest)
		return ENGINE_TLB_E10_0;
	return ENGINE_TLB_E20_0;
}

void insn_sync_el(el2_engine *eng)
{
	if (eng->strategy != EL2_STRATEGY_INSN)
		return;
	unsigned t = insn_uc_tlb(eng);
	if (t == eng->uc_tlb)
		return;
	unsigned el = t == ENGINE_TLB_E2 ? 2 : 0;
	uc_set_el(eng->uc, el, t == ENGINE_TLB_E20_0, (uint32_t)(eng->pe->s.pstate & EL2_PSR_NZCV));
	eng->uc_el = el;
	eng->uc_tlb = t;
	/* The live SP register is not swapped by a PSTATE write. */
	uint64_t sp = eng->pe->s.sr[current_sp_slot(eng->pe)];
	uc_reg_write(eng->uc, UC_ARM64_REG_SP, &sp);
	/* The TLB changed, perhaps not the world: its key decides. */
	if (eng->tlb)
		fault_world_changed(eng);
}

/* ---- probing Unicorn (once per process, per word) ---- */

#define PROBE_CODE 0x10000ull
#define PROBE_DATA 0x20000ull

/* Unicorn's answers depend on the word and the version only: kept for the
 * process (each engine has its own table of classes, which also depend on
 * the PE's configuration). The probe Unicorn is reopened every
 * PROBE_REOPEN runs: its translation buffer fills with one-word blocks,
 * and Unicorn 2.1.1 was seen to crash restoring state from a block after
 * a flush of that small buffer. */
#define PROBE_CACHE 8192u
#define PROBE_REOPEN 256u

static struct {
	uc_engine *uc;
	uc_context *ctx;
	bool failed;
	bool e20; /* setup_e20 succeeded: at[1] can be probed */
	int intno;
	unsigned runs;
	struct {
		uint32_t word;
		bool used;
		int8_t at[3]; /* INTR number at Unicorn-EL0 (E10_0), -EL0 (E20_0),
				 -EL2; -2 = not run */
	} cache[PROBE_CACHE];
} probe;

static void probe_close(void)
{
	if (probe.ctx)
		uc_context_free(probe.ctx);
	if (probe.uc)
		uc_close(probe.uc);
	probe.ctx = NULL;
	probe.uc = NULL;
	probe.runs = 0;
}

static void probe_intr(uc_engine *uc, uint32_t intno, void *user)
{
	(void)user;
	probe.intno = (int)intno;
	uc_emu_stop(uc);
}

static bool probe_open(void)
{
	if (probe.uc || probe.failed)
		return probe.uc != NULL;
	uc_hook h;
	uc_engine *uc;
	probe.failed = true;
	if (uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &uc) != UC_ERR_OK)
		return false;
#if UC_API_MAJOR > 2 || (UC_API_MAJOR == 2 && UC_API_MINOR >= 1)
	uc_ctl_set_tcg_buffer_size(uc, 4u << 20);
#endif
	uc_arm64_cp_reg sc = {.crn = 1, .crm = 0, .op0 = 3, .op1 = 0, .op2 = 0};
	if (uc_ctl_set_cpu_model(uc, UC_CPU_ARM64_MAX) != UC_ERR_OK ||
	    uc_mem_map(uc, PROBE_CODE, 0x1000, UC_PROT_ALL) != UC_ERR_OK ||
	    uc_mem_map(uc, PROBE_DATA, 0x1000, UC_PROT_ALL) != UC_ERR_OK ||
	    uc_hook_add(uc, &h, UC_HOOK_INTR, (void *)probe_intr, NULL, 1, 0) != UC_ERR_OK ||
	    uc_reg_read(uc, UC_ARM64_REG_CP_REG, &sc) != UC_ERR_OK) {
		uc_close(uc);
		return false;
	}
	/* The engine's Unicorn settings (engine.c enter_el0, engine_insn_setup) */
	engine_write_cp(uc, 3, 0, 1, 0, 0, sc.val & ~ENGINE_UC_SCTLR_EL0_NATIVE);
	engine_write_cp(uc, 3, 0, 14, 1, 0, 0);
	engine_write_cp(uc, 3, 6, 1, 1, 0, ENGINE_UC_SCR_EL3);
	engine_write_cp(uc, 3, 4, 1, 1, 0, ENGINE_UC_HCR_EL2);
	probe.e20 = setup_e20(uc);
	uint64_t d = PROBE_DATA;
	for (int i = 0; i < 29; i++)
		uc_reg_write(uc, UC_ARM64_REG_X0 + i, &d);
	uc_reg_write(uc, UC_ARM64_REG_X29, &d);
	uc_reg_write(uc, UC_ARM64_REG_X30, &d);
	uc_reg_write(uc, UC_ARM64_REG_SP, &d);
	if (uc_context_alloc(uc, &probe.ctx) != UC_ERR_OK || uc_context_save(uc, probe.ctx)) {
		uc_close(uc);
		return false;
	}
	probe.uc = uc;
	probe.failed = false;
	return true;
}

static int probe_run(uint32_t word, unsigned el);

/* Runs one word at Unicorn's EL0 under E10 (at 0), EL0 under E20 (at 1)
 * or EL2 (at 2); returns the INTR number, 0 if none, 0x100 for another
 * stop, -1 if the probe could not run. */
static int probe_word(uint32_t word, unsigned at)
{
	uint32_t h = (word * 2654435761u) >> 19;
	for (unsigned i = 0; i < PROBE_CACHE; i++) {
		unsigned k = (h + i) & (PROBE_CACHE - 1u);
		if (probe.cache[k].used && probe.cache[k].word != word)
			continue;
		if (!probe.cache[k].used) {
			probe.cache[k].used = true;
			probe.cache[k].word = word;
			probe.cache[k].at[0] = probe.cache[k].at[1] = probe.cache[k].at[2] = -2;
		}
		if (probe.cache[k].at[at] == -2) {
			int r = probe_run(word, at);
			if (r < 0)
				return r;
			probe.cache[k].at[at] = (int8_t)(r == 0x100 ? 100 : r);
		}
		return probe.cache[k].at[at] == 100 ? 0x100 : probe.cache[k].at[at];
	}
	return probe_run(word, at);
}

static int probe_run(uint32_t word, unsigned at)
{
	if (probe.runs >= PROBE_REOPEN)
		probe_close();
	if (!probe_open() || (at == 1 && !probe.e20))
		return -1;
	probe.runs++;
	uc_engine *uc = probe.uc;
	uc_context_restore(uc, probe.ctx);
	uc_set_el(uc, at == 2 ? 2 : 0, at == 1, 0);
	uint64_t d = PROBE_DATA;
	uc_reg_write(uc, UC_ARM64_REG_SP, &d);
	uint32_t code[2] = {word, 0xd503201fu};
	uc_mem_write(uc, PROBE_CODE, code, sizeof(code));
	uc_ctl_remove_cache(uc, PROBE_CODE, PROBE_CODE + 8);
	probe.intno = 0;
	uc_err e = uc_emu_start(uc, PROBE_CODE, PROBE_CODE + 8, 0, 1);
	if (e != UC_ERR_OK && !probe.intno)
		return 0x100; /* a memory fault or the like: not UNDEFINED */
	return probe.intno;
}

/* ---- classification ---- */

static bool is_sys_class(uint32_t w) /* MRS, MSR (register), SYS, SYSL */
{
	return (w & 0xffc00000u) == 0xd5000000u && ((w >> 19) & 3u) != 0;
}

static bool is_exception_gen(uint32_t w)
{
	return (w >> 24) == 0xd4u;
}

/* MRS/MSR/SYS encodings the model may fault at EL2 or that change what the
 * engine mirrors (PSTATE fields, SP_EL0 with SPSel, interrupt controls,
 * _EL12/_EL02 aliases that depend on E2H, FP and world controls): always
 * through the trap path. */
static bool world_encoding(uint32_t w)
{
	unsigned op0 = (w >> 19) & 3u, op1 = (w >> 16) & 7u, crn = (w >> 12) & 15u;
	unsigned crm = (w >> 8) & 15u;
	if (op0 == 3 && crn == 4 && crm == 1 && op1 == 4)
		return false; /* SP_EL1: never the current SP at EL2 */
	if (op0 == 3 && crn == 4 && (crm == 1 || crm == 2))
		return true; /* SP_EL0, SPSel, DAIF, NZCV, PAN, UAO, ... */
	if (op0 == 3 && op1 == 5)
		return true; /* _EL12 / _EL02 */
	if (op0 == 3 && crn == 12 && crm >= 8)
		return true; /* ICC_* / ICH_* */
	if (op0 == 1 && crn == 7 && (crm == 5 || crm == 1))
		return true; /* IC */
	return false;
}

/* The model at EL2 (E2H off and on): does it complete the word without an
 * exception and without an effect the engine has to act on before the
 * next instruction? (Translation and FP-control writes are not such
 * effects: trap_perform_inline re-derives the world after them.) DC ZVA
 * is not inline: a block with no memory ends the run with an error at the
 * word, which an INSN hook cannot do (the rest of its block would run). */
static bool model_inline_ok(el2_engine *eng, uint32_t w)
{
	struct insn_state *st = eng->insn;
	if (!st->probe_pe && el2_pe_new(el2_pe_config(eng->pe), &st->probe_pe) != EL2_OK)
		return false;
	const uint32_t bad = EL2_EF_SP_CHANGED | EL2_EF_IC_INVAL | EL2_EF_INTERRUPTS |
			     EL2_EF_RAZ_WI | EL2_EF_DC_ZVA;
	for (int e2h = 0; e2h < 2; e2h++) {
		el2_pe *pe = st->probe_pe;
		el2_pe_reset(pe);
		pe->s.pstate = 0x3c9;
		SR(pe, HCR_EL2) = EL2_HCR_RW | (e2h ? EL2_HCR_E2H : 0);
		pe->s.pc = 0x1000;
		el2_exec_result r;
		el2_exec(pe, w, &r);
		if ((r.outcome != EL2_OUT_DONE && r.outcome != EL2_OUT_NEED_AT) || (r.flags & bad))
			return false;
	}
	return true;
}

static uint8_t classify_new(el2_engine *eng, uint32_t w)
{
	if (is_exception_gen(w))
		return WC_INTR;
	int at0 = probe_word(w, 0);
	if (at0 < 0)
		return WC_CODEHOOK;
	if (at0 == 0 || at0 == 0x100)
		return WC_NATIVE; /* not trapped at Unicorn-EL0: native in both strategies */
	if (!el2_is_system_insn(w))
		return WC_UNDEF; /* refused at EL0, not a system word: UNDEF/error path */
	if (!is_sys_class(w))
		return WC_CODEHOOK; /* ERET, MSR immediate, WFI, WFE, ... */
	int at2 = probe_word(w, 2);
	if (at2 == 1)
		return WC_UNDEF;
	if (at2 != 0 || world_encoding(w) || !model_inline_ok(eng, w))
		return WC_CODEHOOK;
	return WC_INLINE;
}

/* Words whose trapping at Unicorn-EL0 may depend on E2H/TGE: system
 * words (debug registers, SCTLR/CNTHCTL controls) and SVE/PAuth words
 * (CPACR_EL1.ZEN, the key enables). Exception-generating words raise the
 * same INTR under both. */
static bool e20_suspect(uint32_t w)
{
	return (el2_is_system_insn(w) && !is_exception_gen(w)) || el2_is_feature_insn(w);
}

/* The word's slot in the class table (its own, or the empty one where it
 * goes); NULL if the table is full. */
static struct insn_cls *cls_slot(struct insn_state *st, uint32_t w)
{
	uint32_t h = (w * 2654435761u) >> 20;
	for (unsigned i = 0; i < PROBE_SLOTS; i++) {
		unsigned k = (h + i) & (PROBE_SLOTS - 1u);
		if (st->cls[k].cls == WC_UNKNOWN || st->cls[k].word == w)
			return &st->cls[k];
	}
	return NULL;
}

/* Inside emulation: the class if known, else WC_UNKNOWN (probing runs
 * another Unicorn, which must not happen inside this one's hooks: it
 * corrupts the running one's state). */
static uint8_t classify(el2_engine *eng, uint32_t w)
{
	struct insn_cls *c = cls_slot(eng->insn, w);
	return c && c->word == w ? c->cls : WC_UNKNOWN;
}

/* Outside emulation (the run loop): probes the word if it is new. A full
 * table makes the word a code hook (the trap path is always exact). */
static uint8_t classify_now(el2_engine *eng, uint32_t w)
{
	struct insn_cls *c = cls_slot(eng->insn, w);
	if (!c)
		return WC_CODEHOOK;
	if (c->cls == WC_UNKNOWN) {
		c->word = w;
		c->cls = classify_new(eng, w);
	}
	return c->cls;
}

/* Outside emulation: does the word trap the same way at Unicorn-EL0 under
 * E20_0 as under E10_0 (the probe's INTR numbers)? A full table or a
 * probe that cannot run counts as different. */
static uint8_t e20_class_now(el2_engine *eng, uint32_t w)
{
	classify_now(eng, w);
	struct insn_cls *c = cls_slot(eng->insn, w);
	if (!c || c->word != w)
		return E20_DIFFERS;
	if (c->e20 == E20_UNKNOWN) {
		int a = probe_word(w, 0), b = probe_word(w, 1);
		c->e20 = a >= 0 && a == b ? E20_SAME : E20_DIFFERS;
	}
	return c->e20;
}

/* Inside emulation: the host block's words against E20_0, before it first
 * runs there. A word not probed yet goes to unknown20 (false); one that
 * differs turns E20_0 off (false). */
static bool e20_block_ok(el2_engine *eng, uint32_t w)
{
	struct insn_state *st = eng->insn;
	if (!e20_suspect(w))
		return true;
	struct insn_cls *c = cls_slot(st, w);
	uint8_t e = c && c->word == w && c->cls != WC_UNKNOWN ? c->e20 : E20_UNKNOWN;
	if (e == E20_SAME)
		return true;
	if (e == E20_DIFFERS || !c)
		st->e20_off = true;
	else if (st->n_unknown20 < INSN_MAX_CODE_HOOKS)
		st->unknown20[st->n_unknown20++] = w;
	else
		st->e20_off = true; /* too many new words at once: the safe side */
	return false;
}

/* ---- the INSN hook: inline MRS/MSR/SYS/SYSL at Unicorn-EL2 ---- */

/* SP_EL0 by MRS/MSR: UNDEFINED while it is the current SP (PSTATE.SP =
 * 0), an ordinary access otherwise. */
static bool is_sp_el0(uint32_t w)
{
	return (w & 0xffdfffe0u) == 0xd5184100u;
}

/* Performed in place now? INLINE words always; SP_EL0 while PSTATE.SP = 1
 * (its code hook lets it through then). */
static bool inline_now(el2_engine *eng, uint32_t w, uint8_t c)
{
	return c == WC_INLINE || (is_sp_el0(w) && (eng->pe->s.pstate & EL2_PSR_SP));
}

static uint32_t on_sys(el2_engine *eng, uc_arm64_reg reg, const uc_arm64_cp_reg *cp,
		       unsigned l)
{
	if (eng->uc_el != 2 || eng->stop_requested)
		return 0;
	unsigned rt = reg == UC_ARM64_REG_XZR ? 31
		      : reg == UC_ARM64_REG_X29 ? 29
		      : reg == UC_ARM64_REG_X30 ? 30
					     : (unsigned)(reg - UC_ARM64_REG_X0);
	uint32_t w = 0xd5000000u | l << 21 | (uint32_t)cp->op0 << 19 | (uint32_t)cp->op1 << 16 |
		     (uint32_t)cp->crn << 12 | (uint32_t)cp->crm << 8 | (uint32_t)cp->op2 << 5 | rt;
	uint8_t c = classify(eng, w);
	uint64_t pc;
	if (c == WC_UNKNOWN) {
		/* every block is scanned before it runs: cannot happen */
		uc_reg_read(eng->uc, UC_ARM64_REG_PC, &pc);
		engine_stop_error(eng, EL2_ERR_INVALID_ARG,
				  "INSN strategy: word 0x%08" PRIx32 " at 0x%" PRIx64 " was not scanned",
				  w, pc);
		return 0;
	}
	if (!inline_now(eng, w, c))
		return 0; /* native, UNDEF -> INTR, or a code hook already acted */
	uc_reg_read(eng->uc, UC_ARM64_REG_PC, &pc); /* synced before the hook */
	if (!l && rt != 31)
		eng->pe->s.x[rt] = cp->val;
	trap_perform_inline(eng, pc, w);
	return 1;
}

static uint32_t on_sys_read(uc_engine *uc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp, void *user)
{
	(void)uc;
	return on_sys(user, reg, cp, 1);
}

static uint32_t on_sys_write(uc_engine *uc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp, void *user)
{
	(void)uc;
	return on_sys(user, reg, cp, 0);
}

/* ---- code hooks on the words performed as traps at Unicorn-EL2 ---- */

/* Performed as a trap at Unicorn-EL2 now (not in place, not native). */
static bool is_trap_word(el2_engine *eng, uint32_t w)
{
	return classify(eng, w) == WC_CODEHOOK && !inline_now(eng, w, WC_CODEHOOK);
}

static void on_code(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	(void)uc, (void)size;
	el2_engine *eng = user;
	if (eng->uc_el != 2 || eng->stop_requested)
		return;
	uint32_t w;
	if (!engine_word_at(eng, addr, &w))
		return;
	if (eng->hook_trace || engine_acts_at(eng, addr) || !is_trap_word(eng, w))
		return; /* the trace hook performs it / a stop or line acts first /
			   the word changed since it was scanned / performed in place */
	trap_perform_at(eng, addr, w);
}

bool insn_at_trace(el2_engine *eng, uint64_t addr)
{
	if (!eng->insn || eng->uc_el != 2 || eng->stop_requested || eng->exit_pending)
		return false;
	uint32_t w;
	if (!engine_word_at(eng, addr, &w))
		return false;
	if (!el2_is_system_insn(w) || engine_acts_at(eng, addr) || !is_trap_word(eng, w))
		return false;
	trap_perform_at(eng, addr, w);
	return true;
}

/* FP words hooked or about to be (hooks cover whole runs of them). */
static bool fp_known(const struct insn_state *st, uint64_t a)
{
	for (size_t i = 0; i < st->n_fp_pending; i++)
		if (st->fp_addr[i] == a)
			return true;
	for (size_t i = 0; i < st->n_fp; i++)
		if (a >= st->fp_begin[i] && a <= st->fp_end[i])
			return true;
	return false;
}

/* The FP check hook on each run of FP words found, each word once (two
 * hooks on one word would take its trap twice). Past INSN_MAX_FP_HOOKS,
 * one all-address hook as the trap strategy has, and no other. */
static void install_fp_hooks(el2_engine *eng)
{
	struct insn_state *st = eng->insn;
	size_t i = 0;
	while (i < st->n_fp_pending && !st->fp_all) {
		uint64_t begin = st->fp_addr[i], end = begin;
		size_t j = i + 1;
		for (; j < st->n_fp_pending && st->fp_addr[j] == end + 4; j++)
			end += 4;
		if (st->n_fp == INSN_MAX_FP_HOOKS ||
		    trap_add_fp_range(eng, begin, end, &st->fp[st->n_fp]) != EL2_OK) {
			st->fp_all = true;
			break;
		}
		st->fp_begin[st->n_fp] = begin;
		st->fp_end[st->n_fp] = end;
		st->n_fp++;
		engine_remove_cache(eng, begin, end + 4);
		i = j;
	}
	st->n_fp_pending = 0;
	if (st->fp_all && !eng->hook_fp) {
		for (size_t k = 0; k < st->n_fp; k++)
			uc_hook_del(eng->uc, st->fp[k]);
		st->n_fp = 0;
		trap_set_fp_hook(eng, true); /* flushes all translated code */
	}
}

static bool is_hooked(const struct insn_state *st, uint64_t a)
{
	for (size_t i = 0; i < st->n_code; i++)
		if (st->code_addr[i] == a)
			return true;
	for (size_t i = 0; i < st->n_pending; i++)
		if (st->pending[i] == a)
			return true;
	return false;
}

bool insn_block(el2_engine *eng, uint64_t addr, uint32_t size)
{
	struct insn_state *st = eng->insn;
	if (!st || size == 0)
		return false;
	/* Under E20_0 the host's words are checked against it. */
	bool e20 = eng->uc_tlb == ENGINE_TLB_E20_0, e20_ok = true;
	for (uint64_t a = addr; a < addr + size; a += 4) {
		uint32_t w;
		if (!engine_word_at(eng, a, &w))
			break;
		if (trap_is_fp_word(w) && !st->fp_all && !fp_known(st, a)) {
			if (st->n_fp_pending < INSN_MAX_CODE_HOOKS)
				st->fp_addr[st->n_fp_pending++] = a;
			else
				st->fp_all = true;
		}
		if (e20 && !e20_block_ok(eng, w))
			e20_ok = false;
		if (eng->uc_el != 2 || !el2_is_system_insn(w))
			continue;
		uint8_t c = classify(eng, w);
		if (c == WC_UNKNOWN) {
			if (st->n_unknown < INSN_MAX_CODE_HOOKS)
				st->unknown[st->n_unknown++] = w;
			continue;
		}
		if (c != WC_CODEHOOK || is_hooked(st, a))
			continue;
		if (st->n_code + st->n_pending >= INSN_MAX_CODE_HOOKS) {
			if (!st->limit_reported)
				engine_stop_error(eng, EL2_ERR_NOMEM,
						  "more than %u system instructions at EL2 to hook "
						  "(EL2SIM_STRATEGY=trap runs without them)",
						  INSN_MAX_CODE_HOOKS);
			st->limit_reported = true;
			eng->exit_pending = true;
			eng->exit_pc = addr;
			uc_emu_stop(eng->uc);
			return true;
		}
		st->pending[st->n_pending++] = a;
	}
	if (st->n_pending == 0 && st->n_fp_pending == 0 && st->n_unknown == 0 &&
	    !(st->fp_all && !eng->hook_fp) && e20_ok)
		return false;
	/* (A word that differs under E20_0: the run loop restarts the block
	 * in E10_0, insn_sync_el.) */
	/* Hooks are compiled into translated blocks: stop before the block,
	 * add them, drop the block and restart it. */
	eng->reconfigure = true;
	eng->exit_pending = true;
	eng->exit_pc = addr;
	uc_emu_stop(eng->uc);
	return true;
}

void insn_reconfigure(el2_engine *eng)
{
	struct insn_state *st = eng->insn;
	if (!st)
		return;
	for (size_t i = 0; i < st->n_unknown; i++)
		classify_now(eng, st->unknown[i]);
	st->n_unknown = 0;
	for (size_t i = 0; i < st->n_unknown20; i++)
		if (e20_class_now(eng, st->unknown20[i]) == E20_DIFFERS)
			st->e20_off = true;
	st->n_unknown20 = 0;
	for (size_t i = 0; i < st->n_pending; i++) {
		uint64_t a = st->pending[i];
		if (uc_hook_add(eng->uc, &st->code[st->n_code], UC_HOOK_CODE, (void *)on_code, eng, a,
				a) != UC_ERR_OK)
			continue;
		st->code_addr[st->n_code++] = a;
		engine_remove_cache(eng, a, a + 4);
	}
	st->n_pending = 0;
	install_fp_hooks(eng);
}

/* ---- life cycle ---- */

el2_err insn_install(el2_engine *eng)
{
	if (eng->strategy != EL2_STRATEGY_INSN)
		return EL2_OK;
	struct insn_state *st = calloc(1, sizeof(*st));
	if (!st)
		return EL2_ERR_NOMEM;
	eng->insn = st;
	/* EL2 and EL1 in AArch64, HVC enabled, Non-secure: HVC at Unicorn-EL2
	 * raises EXCP_HVC instead of UNDEFINED. */
	if (engine_write_cp(eng->uc, 3, 6, 1, 1, 0, ENGINE_UC_SCR_EL3) != UC_ERR_OK ||
	    engine_write_cp(eng->uc, 3, 4, 1, 1, 0, ENGINE_UC_HCR_EL2) != UC_ERR_OK)
		return EL2_ERR_NOMEM;
	static const int ins[4] = {UC_ARM64_INS_MRS, UC_ARM64_INS_MSR, UC_ARM64_INS_SYS,
				   UC_ARM64_INS_SYSL};
	for (int i = 0; i < 4; i++)
		if (uc_hook_add(eng->uc, &st->sys[i], UC_HOOK_INSN,
				(i == 0 || i == 3) ? (void *)on_sys_read : (void *)on_sys_write, eng, 1,
				0, ins[i]) != UC_ERR_OK)
			return EL2_ERR_NOMEM;
	eng->uc_el = 0; /* enter_el0 left Unicorn at EL0 */
	eng->uc_tlb = ENGINE_TLB_E10_0;
	st->e20 = setup_e20(eng->uc);
	return EL2_OK;
}

void insn_close(el2_engine *eng)
{
	if (!eng->insn)
		return;
	el2_pe_free(&eng->insn->probe_pe);
	free(eng->insn);
	eng->insn = NULL;
}
