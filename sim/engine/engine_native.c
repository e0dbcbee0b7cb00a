/* SPDX-License-Identifier: MIT */
/* Words Unicorn runs natively, at its EL0 and its EL2, that the model
 * must perform: each new block is scanned once for them (engine.c
 * on_block) and each one found gets a code hook (the block is restarted so
 * its translation includes the hook, as for LDTR/STTR in engine_prot.c).
 *   - ESB, with FEAT_RAS: the hook has the model perform its effect
 *     (lib/ras.c: deferring a masked SError into DISR_EL1 / VDISR_EL2) just
 *     before Unicorn executes the word as the NOP it is.
 * The others are performed as traps (the word itself is skipped):
 *   - MRS PMUSERENR_EL0, with FEAT_PMU: Unicorn answers it from its own PMU
 *     (always 0);
 *   - MRS DCZID_EL0: no control traps it in Unicorn, whose DZP follows
 *     Unicorn's own SCTLR_EL1.DZE (0x14 at its EL0, 0x4 at its EL2) where
 *     the model's follows the PE's (sysreg_dczid_dzp), and FEAT_FGT may
 *     trap it (HFGRTR_EL2.DCZID_EL0);
 *   - MRS RNDR / RNDRRS: Unicorn's CPU has FEAT_RNG and answers them with
 *     host random numbers (runs would differ); the PE, without FEAT_RNG
 *     modelled, takes UNDEFINED;
 *   - WFE: Unicorn runs it as a NOP whatever SCTLR_ELx.nTWE and
 *     HCR_EL2.TWE say (KVM traps its guests' WFE);
 *   - CFINV, XAFLAG, AXFLAG and SB: UNDEFINED, the PE has no FlagM,
 *     FlagM2 or SB. */
#include <stdlib.h>
#include <string.h>

#include "engine_internal.h"
#include "model_seam.h"

#define ESB_WORD 0xd503221fu
#define MRS_PMUSERENR(w) (((w) & ~31u) == 0xd53b9e00u)
#define MRS_DCZID(w) (((w) & ~31u) == 0xd53b00e0u)
#define MRS_RNDR(w) (((w) & ~63u) == 0xd53b2400u) /* RNDR, RNDRRS */
#define WFE_WORD 0xd503205fu
#define FLAGM_WORD(w) ((w) == 0xd500401fu || (w) == 0xd500403fu || (w) == 0xd500405fu)
#define SB_WORD 0xd50330ffu
#define NATIVE_MAX_HOOKS 256u

struct native_state {
	uint64_t hooked[NATIVE_MAX_HOOKS], pending[NATIVE_MAX_HOOKS];
	uc_hook hooks[NATIVE_MAX_HOOKS];
	size_t n_hooked, n_pending;
	bool overflow;          /* a word found beyond NATIVE_MAX_HOOKS */
	bool limit_reported;
};

static bool known(const struct native_state *st, uint64_t a)
{
	for (size_t i = 0; i < st->n_hooked; i++)
		if (st->hooked[i] == a)
			return true;
	for (size_t i = 0; i < st->n_pending; i++)
		if (st->pending[i] == a)
			return true;
	return false;
}

/* A word Unicorn would run natively that the model must perform. */
static bool model_word(const el2_engine *eng, uint32_t w)
{
	return (w == ESB_WORD && have_feat(eng->pe, EL2_FEAT_RAS)) ||
	       (MRS_PMUSERENR(w) && have_feat(eng->pe, EL2_FEAT_PMU)) || MRS_DCZID(w) ||
	       MRS_RNDR(w) || w == WFE_WORD || FLAGM_WORD(w) || w == SB_WORD;
}

bool native_block(el2_engine *eng, uint64_t addr, uint32_t size)
{
	if (eng->stepping || size == 0)
		return false;
	if (!eng->native && !(eng->native = calloc(1, sizeof(*eng->native))))
		return false; /* out of memory: the words run natively */
	struct native_state *st = eng->native;
	uint32_t w;
	for (uint64_t a = addr; a < addr + size && engine_word_at(eng, a, &w); a += 4) {
		if (!model_word(eng, w) || known(st, a))
			continue;
		if (st->n_hooked + st->n_pending < NATIVE_MAX_HOOKS)
			st->pending[st->n_pending++] = a;
		else
			st->overflow = true;
	}
	if (st->n_pending == 0 && (!st->overflow || st->limit_reported))
		return false;
	eng->reconfigure = true;
	eng->exit_pending = true;
	eng->exit_pc = addr;
	uc_emu_stop(eng->uc);
	return true;
}

/* Before a hooked word executes: the model performs it. An ESB leaves PC
 * untouched (Unicorn's PC is the live one between traps and the word
 * itself runs as a NOP); the others are performed as traps. */
static void on_native(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	(void)uc, (void)size;
	el2_engine *eng = user;
	uint32_t w;
	if (eng->stop_requested || !engine_word_at(eng, addr, &w))
		return;
	if (!model_word(eng, w))
		return;
	if (w != ESB_WORD) { /* performed as a trap: the word itself is skipped */
		trap_perform_at(eng, addr, w);
		return;
	}
	uint64_t pc = eng->pe->s.pc;
	el2_exec_result r;
	eng->pe->s.pc = addr;
	el2_exec(eng->pe, ESB_WORD, &r);
	eng->pe->s.pc = pc;
}

void native_reconfigure(el2_engine *eng)
{
	struct native_state *st = eng->native;
	if (!st)
		return;
	for (size_t i = 0; i < st->n_pending; i++) {
		uint64_t a = st->pending[i];
		if (uc_hook_add(eng->uc, &st->hooks[st->n_hooked], UC_HOOK_CODE, (void *)on_native, eng,
				a, a) != UC_ERR_OK) {
			if (!st->limit_reported)
				engine_stop_error(eng, EL2_ERR_NOMEM, "cannot hook the instruction at 0x%llx for the model",
						  (unsigned long long)a);
			st->limit_reported = true;
			break;
		}
		st->hooked[st->n_hooked++] = a;
		engine_remove_cache(eng, a, a + 4); /* retranslate with the hook */
	}
	st->n_pending = 0;
	if (st->overflow && !st->limit_reported) {
		engine_stop_error(eng, EL2_ERR_NOMEM,
				  "more than %u instructions Unicorn would run natively "
				  "(ESB, WFE, MRS DCZID_EL0, ...) to hook for the model",
				  NATIVE_MAX_HOOKS);
		st->limit_reported = true;
	}
}

void native_close(el2_engine *eng)
{
	if (!eng->native)
		return;
	for (size_t i = 0; i < eng->native->n_hooked; i++)
		uc_hook_del(eng->uc, eng->native->hooks[i]);
	free(eng->native);
	eng->native = NULL;
}
