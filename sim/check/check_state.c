/* SPDX-License-Identifier: MIT */
/* The tagged state a round trip starts from: salts and tags for every
 * register of each side (host, guest, EL2), values as the registers would
 * hold them, UNKNOWN values as poison tags, captured snapshots, and the
 * set-up of EL2, the vCPU context and the host (docs/check.md). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "check_internal.h"
#include "el2sim/bits.h"
#include "el2sim/pstate.h"

uint32_t chk_salt(const chk_trip *t, el2_tag_side side, el2_reg reg, unsigned half)
{
	/* half 1: high halves of V registers; half 2: values the guest
	 * sets before it exits (a different bit even in the corner runs);
	 * half 3: the high halves of the V registers it sets. */
	uint32_t flip = (uint32_t)(half & 3u) << 20;
	if (t->ck->opts.corners && t->run < 2)
		return (t->run == 0 ? 0 : EL2_TAG_MAX_SALT) ^ flip;
	return (uint32_t)(chk_mix(t->run_seed ^ ((uint64_t)side << 40) ^ ((uint64_t)half << 38) ^
				  reg) & EL2_TAG_MAX_SALT);
}

/* What a register holds after the value is written (RES0/RES1). */
uint64_t chk_masked(const chk_checker *ck, el2_reg reg, uint64_t v)
{
	uint64_t out = v;
	if (chk_pmu_shape(ck, reg, v, &out))
		return out; /* the set/clear pairs would accumulate in scratch */
	if (el2_reg_write(ck->scratch, reg, v) != EL2_OK || el2_reg_read(ck->scratch, reg, &out))
		return v;
	return out;
}

/* Control registers whose every bit would change how the stubs run get a
 * value varied only in harmless fields; one bit tells the sides apart. */
bool chk_mild(el2_reg reg, uint64_t tag, bool guest, uint64_t *out)
{
	if (reg == EL2_SYSREG(SCTLR_EL1)) {
		uint64_t m = CHK_SCTLR_HARMLESS;
		*out = (el2_sysreg_get(EL2_SR_SCTLR_EL1)->reset & ~m) | (tag & m);
		*out = guest ? *out | EL2_SCTLR_C : *out & ~EL2_SCTLR_C;
	} else if (reg == EL2_SYSREG(CPACR_EL1)) {
		*out = EL2_CPACR_FPEN | (guest ? EL2_BIT(28) : 0);
	} else if (reg == EL2_SYSREG(MDSCR_EL1)) {
		*out = guest ? EL2_BIT(12) : 0;
	} else if (reg == EL2_SYSREG(SCTLR_EL2)) {
		/* the E2H layout's harmless fields (those of SCTLR_EL1) */
		uint64_t m = CHK_SCTLR_HARMLESS;
		*out = (el2_sysreg_get(EL2_SR_SCTLR_EL2)->reset & ~m) | (tag & m);
		*out = guest ? *out | EL2_SCTLR_C : *out & ~EL2_SCTLR_C;
	} else if (reg == EL2_SYSREG(CNTKCTL_EL1) || reg == EL2_SYSREG(CNTHCTL_EL2)) {
		*out = (tag & 0x302u) | (guest ? 1u : 0u);
	} else if (reg == EL2_SYSREG(FPCR)) {
		/* AHP, DN, FZ, RMode: the fields Unicorn keeps (the trap
		 * enables read as zero there); DN tells the sides apart. */
		*out = (tag & 0x05c00000u) | (guest ? EL2_BIT(25) : 0);
	} else if (reg == EL2_SYSREG(FPSR)) {
		*out = (tag & 0xf800009eu) | (guest ? 1u : 0u);
	} else {
		return false;
	}
	return true;
}

/* A harmless bit of a mild control register the guest stub flips when its
 * tagged value would equal the one the guest was entered with (the corner
 * runs vary the tag in no bit these registers keep). */
static uint64_t mild_flip(el2_reg reg)
{
	if (reg == EL2_SYSREG(SCTLR_EL1))
		return EL2_SCTLR_DZE;   /* EL0 DC ZVA */
	if (reg == EL2_SYSREG(CPACR_EL1))
		return EL2_BIT(21);     /* FPEN 0b11 <-> 0b01: traps EL0 only */
	if (reg == EL2_SYSREG(MDSCR_EL1))
		return EL2_BIT(27);     /* RXO, a DCC flag */
	if (reg == EL2_SYSREG(CNTKCTL_EL1))
		return EL2_BIT(9);      /* EL0PTEN */
	return 0;
}

uint64_t chk_stub_value(chk_trip *t, el2_reg reg, uint64_t init)
{
	uint64_t v = chk_tagged(t, EL2_TAG_GUEST, reg, 2), m;
	if (v != init)
		return v;
	if (chk_mild(reg, 0, true, &m))
		return chk_masked(t->ck, reg, init ^ mild_flip(reg));
	for (unsigned b = 0; b < 64; b++) {
		uint64_t c = chk_masked(t->ck, reg, init ^ EL2_BIT(b));
		if (c != init)
			return c;
	}
	return v;
}

bool chk_is_el2_reg(el2_reg reg)
{
	if (!EL2_REG_IS_SYSREG(reg))
		return false;
	const char *n = el2_reg_name(reg);
	size_t len = strlen(n);
	return len > 4 && !strcmp(n + len - 4, "_EL2");
}

bool chk_is_fp_ctl(el2_reg reg)
{
	return reg == EL2_SYSREG(FPCR) || reg == EL2_SYSREG(FPSR);
}

/* A tagged value for reg on side, as the register would hold it. */
uint64_t chk_tagged(chk_trip *t, el2_tag_side side, el2_reg reg, unsigned half)
{
	uint64_t v = el2_check_tag(side, reg, t->run, chk_salt(t, side, reg, half));
	if (EL2_REG_IS_SYSREG(reg)) {
		if (reg == EL2_SYSREG(SP_EL0) || reg == EL2_SYSREG(SP_EL1) ||
		    reg == EL2_SYSREG(SP_EL2))
			v &= ~UINT64_C(0xf);
		uint64_t m;
		if (chk_mild(reg, v, side == EL2_TAG_GUEST, &m))
			v = m;
		v = chk_masked(t->ck, reg, v);
	}
	chk_tagtab_add(&t->tags, v, side, reg, t->run, 0);
	return v;
}

/* Every other EL0/EL1 register gets a host value too, not only those the
 * profile names: a world switch that leaves one of them to the guest
 * leaks the host's value (property 4), whatever the profile says. The
 * rows are the system registers the guest stub may change (the
 * candidates of check_guestcfg.c: no GICv3 CPU interface, whose ICC_*
 * reach the virtual ICV_* for the guest), minus PSTATE and the stack
 * pointers (set above), the PMU (KVM-style PMU rows are judged through
 * MDCR_EL2) and DISR_EL1 (a value there is a deferred SError, an event the
 * RAS scenarios make, not state). */
static void tag_host_el1_rows(chk_trip *t)
{
	const el2_check_profile *p = &t->ck->prof;
	for (unsigned sr = 0; sr < EL2_SR_COUNT; sr++) {
		el2_reg r = EL2_REG_SYSREG_BASE + sr;
		if (!chk_guestcfg_candidate(t->ck, sr) || chk_guestcfg_is_pstate(sr) ||
		    sr == EL2_SR_SP_EL0 || sr == EL2_SR_SP_EL1 || chk_pmu_candidate(t->ck, sr) ||
		    sr == EL2_SR_DISR_EL1 || chk_in_guest_layout(p, r))
			continue;
		el2_reg_write(t->pe, r, chk_tagged(t, EL2_TAG_HOST, r, 0));
	}
}

/* PSTATE flags for a side: corners all clear / all set, else random; the
 * host's fields fixed by [host] pstate_at_call keep their values in every
 * run (the corners included). */
static uint64_t pstate_flags(const chk_trip *t, unsigned side)
{
	const el2_check_profile *p = &t->ck->prof;
	uint64_t all = EL2_PSR_NZCV | EL2_PSR_DAIF | EL2_PSR_PAN | EL2_PSR_UAO | EL2_PSR_SSBS;
	if (t->ck->cfg.features & EL2_FEAT_DIT)
		all |= EL2_PSR_DIT;
	if (t->ck->cfg.features & EL2_FEAT_MTE)
		all |= EL2_PSR_TCO;
	uint64_t v;
	if (t->ck->opts.corners && t->run < 2)
		v = t->run == 0 ? 0 : all;
	else
		v = chk_mix(t->run_seed * 3 + side) & all;
	if (side == 0 && p->has_pstate_at_call)
		v = (v & ~p->ps_call_mask) | p->ps_call_val;
	/* serror_exit: the host calls with SError masked, so an SError left
	 * pending by the world switch is seen at the return (not taken by the
	 * host's vectors, which the checker does not have) */
	if (side == 0 && t->sc == SC_SERROR_EXIT)
		v |= EL2_PSR_A;
	/* vserror: the guest runs with SError masked, so the virtual SError
	 * stays pending through its run and its exit */
	if (side == 1 && t->sc == SC_VSERROR)
		v |= EL2_PSR_A;
	return v;
}

/* Under VHE the host kernel's own translation, exception and context
 * registers are the _EL2 ones (E2H redirects its EL1 names there): each
 * gets a host tag unless the profile's [el2] sets it, so a save through
 * MAIR_EL1 (= MAIR_EL2) instead of MAIR_EL12 shows the host's value, and
 * property 1 sees a preserve entry the switch clobbers. SCTLR_EL2 and
 * CNTHCTL_EL2 vary only harmless fields (chk_mild); stage 1 at EL2 stays
 * off (SCTLR_EL2.M is not varied). */
static void tag_vhe_host_el2(chk_trip *t)
{
	static const el2_reg regs[] = {
		EL2_SYSREG(SCTLR_EL2),  EL2_SYSREG(TTBR0_EL2),   EL2_SYSREG(TTBR1_EL2),
		EL2_SYSREG(TCR_EL2),    EL2_SYSREG(MAIR_EL2),    EL2_SYSREG(AMAIR_EL2),
		EL2_SYSREG(VBAR_EL2),   EL2_SYSREG(CONTEXTIDR_EL2), EL2_SYSREG(ESR_EL2),
		EL2_SYSREG(FAR_EL2),    EL2_SYSREG(ELR_EL2),     EL2_SYSREG(SPSR_EL2),
		EL2_SYSREG(AFSR0_EL2),  EL2_SYSREG(AFSR1_EL2),   EL2_SYSREG(HPFAR_EL2),
		EL2_SYSREG(CNTHCTL_EL2),
	};
	const el2_check_profile *p = &t->ck->prof;
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		bool set = false;
		for (size_t k = 0; k < p->n_el2; k++)
			set |= p->el2[k].reg == regs[i];
		if (!set)
			el2_reg_write(t->pe, regs[i], chk_tagged(t, EL2_TAG_HOST, regs[i], 0));
	}
}

/* Architecturally UNKNOWN values become poison tags naming the register
 * and the event (el2_pe_set_unknown_hook). */
static uint64_t on_unknown(void *ctx, el2_reg reg, uint64_t old)
{
	(void)old;
	chk_trip *t = ctx;
	uint32_t seq = ++t->poison_seq & EL2_TAG_MAX_SALT;
	uint64_t v = el2_check_tag(EL2_TAG_POISON, reg, t->run, seq);
	if (EL2_REG_IS_SYSREG(reg))
		t->poison_pending[reg - EL2_REG_SYSREG_BASE] = 1;
	chk_tagtab_add(&t->tags, v, EL2_TAG_POISON, reg, t->run, seq);
	if (EL2_REG_IS_SYSREG(reg)) {
		uint64_t m = chk_masked(t->ck, reg, v);
		t->poison_val[reg - EL2_REG_SYSREG_BASE] = m;
		chk_tagtab_add(&t->tags, m, EL2_TAG_POISON, reg, t->run, seq);
	}
	return v;
}


void chk_state_free(chk_state *s)
{
	el2_snapshot_free(&s->snap);
	s->valid = false;
}

void chk_capture(chk_trip *t, chk_state *s)
{
	chk_state_free(s);
	if (el2_snapshot_take(t->pe, &s->snap))
		return;
	for (unsigned i = 0; i < 32; i++)
		el2_vreg_read(t->pe, i, &s->v[i]);
	s->valid = true;
}

bool chk_in_guest_layout(const el2_check_profile *p, el2_reg reg)
{
	for (size_t i = 0; i < p->n_guest; i++)
		if (p->guest[i].reg == reg)
			return true;
	return false;
}

/* The host storage of the context slots' span when one region holds it
 * all: chk_run_again rewrites the slots through it. */
static void ctx_span(chk_trip *t)
{
	const el2_check_profile *p = &t->ck->prof;
	uint64_t lo = UINT64_MAX, hi = 0;
	for (size_t i = 0; i < p->n_guest; i++) {
		uint64_t end = p->guest[i].off + chk_slot_size(&p->guest[i]);
		lo = p->guest[i].off < lo ? p->guest[i].off : lo;
		hi = end > hi ? end : hi;
	}
	t->ctx_lo = lo;
	t->ctx_host = p->n_guest ? el2_mem_ptr(t->mem, t->ctx + lo, hi - lo) : NULL;
}

/* EL2 state, the vCPU context filled with guest tags, and the host. */
el2_err chk_setup_state(chk_trip *t, char *errbuf, size_t errlen)
{
	chk_checker *ck = t->ck;
	const el2_check_profile *p = &ck->prof;
	el2_pe *pe = t->pe;
	el2_err e;

	/* EL2 state: defaults, then the profile's [el2]. */
	el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL2h | EL2_PSR_DAIF);
	el2_reg_write(pe, EL2_SYSREG(HCR_EL2),
		      EL2_HCR_RW | (t->vhe ? EL2_HCR_E2H | EL2_HCR_TGE : 0));
	el2_reg_write(pe, EL2_SYSREG(TPIDR_EL2), chk_tagged(t, EL2_TAG_EL2, EL2_SYSREG(TPIDR_EL2), 0));
	for (size_t i = 0; i < p->n_el2; i++) {
		uint64_t v;
		if ((e = chk_profile_value(p, &p->el2[i].v, t->img, &v, errbuf, errlen)))
			return e;
		if ((e = el2_reg_write(pe, p->el2[i].reg, v)))
			return chk_fail(errbuf, errlen, e, "[el2] %s: cannot be written (%s)",
				    el2_reg_name(p->el2[i].reg), el2_strerror(e));
	}
	el2_pe_set_unknown_hook(pe, on_unknown, t);

	/* The guest: every context slot gets its tagged value. */
	uint64_t gps = EL2_PSR_MODE_EL1h | pstate_flags(t, 1);
	for (size_t i = 0; i < p->n_guest; i++) {
		el2_reg r = p->guest[i].reg;
		uint64_t *v = t->ctx_init[i];
		v[1] = 0;
		if (r == EL2_REG_PC)
			v[0] = t->guest_stub;
		else if (r == EL2_REG_PSTATE)
			v[0] = chk_masked(ck, EL2_REG_PSTATE, gps);
		else if (r >= EL2_REG_V0 && r <= EL2_REG_V31) {
			v[0] = chk_tagged(t, EL2_TAG_GUEST, r, 0);
			v[1] = el2_check_tag(EL2_TAG_GUEST, r, t->run, chk_salt(t, EL2_TAG_GUEST, r, 1));
		} else if (chk_is_el2_reg(r))
			v[0] = chk_tagged(t, EL2_TAG_EL2, r, 0); /* stale: the exit must overwrite it */
		else
			v[0] = chk_tagged(t, EL2_TAG_GUEST, r, 0);
		if ((e = el2_mem_write(t->mem, t->ctx + p->guest[i].off, v, chk_slot_size(&p->guest[i]))))
			return chk_fail(errbuf, errlen, e,
				    "[guest] %s: context address 0x%" PRIx64 " is not in memory",
				    el2_reg_name(r), t->ctx + p->guest[i].off);
	}

	ctx_span(t);
	if ((e = chk_config_write(t, errbuf, errlen)))
		return e;

	/* FP/SIMD enabled at EL1 unless the context switches CPACR_EL1 (the
	 * guest stub's first instruction probes lazy FP switching at EL2). */
	if (!chk_in_guest_layout(p, EL2_SYSREG(CPACR_EL1)))
		el2_reg_write(pe, EL2_SYSREG(CPACR_EL1), EL2_CPACR_FPEN);

	/* The host. */
	uint64_t hps = (t->vhe ? EL2_PSR_MODE_EL2h : EL2_PSR_MODE_EL1h) | pstate_flags(t, 0);
	el2_reg_write(pe, EL2_REG_PSTATE, hps);
	for (unsigned i = 0; i <= 30; i++)
		el2_reg_write(pe, EL2_REG_X(i), chk_tagged(t, EL2_TAG_HOST, EL2_REG_X(i), 0));
	for (unsigned i = 0; i < 32; i++) {
		el2_reg r = EL2_REG_V(i);
		el2_u128 v = {chk_tagged(t, EL2_TAG_HOST, r, 0),
			      el2_check_tag(EL2_TAG_HOST, r, t->run, chk_salt(t, EL2_TAG_HOST, r, 1))};
		el2_vreg_write(pe, i, v);
	}
	el2_reg_write(pe, EL2_SYSREG(FPCR), chk_tagged(t, EL2_TAG_HOST, EL2_SYSREG(FPCR), 0));
	el2_reg_write(pe, EL2_SYSREG(FPSR), chk_tagged(t, EL2_TAG_HOST, EL2_SYSREG(FPSR), 0));
	t->host_sp_el0 = chk_tagged(t, EL2_TAG_HOST, EL2_SYSREG(SP_EL0), 0);
	el2_reg_write(pe, EL2_SYSREG(SP_EL0), t->host_sp_el0);
	/* Host values in the EL1 registers the world switch swaps or keeps. */
	for (size_t i = 0; i < p->n_guest; i++) {
		el2_reg r = p->guest[i].reg;
		if (EL2_REG_IS_SYSREG(r) && !chk_is_el2_reg(r) && !chk_is_fp_ctl(r) &&
		    r != EL2_SYSREG(SP_EL0) && (r != EL2_SYSREG(SP_EL1) || !t->vhe))
			el2_reg_write(pe, r, chk_tagged(t, EL2_TAG_HOST, r, 0));
	}
	size_t n_pres;
	const chk_pres *pres = chk_preserve_trip(t, &n_pres);
	for (size_t i = 0; i < n_pres; i++) {
		el2_reg r = pres[i].reg;
		if (EL2_REG_IS_SYSREG(r) && !chk_is_el2_reg(r) && !chk_is_fp_ctl(r) &&
		    r != EL2_SYSREG(SP_EL0) && !chk_in_guest_layout(p, r))
			el2_reg_write(pe, r, chk_tagged(t, EL2_TAG_HOST, r, 0));
	}
	tag_host_el1_rows(t);
	if (t->vhe)
		tag_vhe_host_el2(t);
	/* x0: the SMCCC function id of an HVC (the context register may not
	 * be x0 then), else (VHE run) the context; the context register
	 * ([world] context_reg) gets the context's address. A host call
	 * gets its own id and the arguments the profile gives. */
	const chk_hostcall *hc = chk_trip_host_call(t);
	unsigned ctx_reg = chk_ctx_reg(ck);
	if (!hc)
		el2_reg_write(pe, EL2_REG_X(ctx_reg), t->ctx);
	if (hc) {
		for (unsigned i = 0; i < 8; i++)
			if (hc->arg_set & (1u << i))
				el2_reg_write(pe, EL2_REG_X(i), hc->arg[i]);
		if (!hc->is_call)
			el2_reg_write(pe, EL2_REG_X(0), hc->id);
	} else if (t->sc == SC_UNKNOWN_HVC) {
		el2_reg_write(pe, EL2_REG_X(0), p->unknown_hvc);
	} else if (!t->vhe) {
		el2_reg_write(pe, EL2_REG_X(0), p->run_hvc);
	}
	if (t->vhe) {
		uint64_t sp2 = 0;
		el2_reg_read(pe, EL2_SYSREG(SP_EL2), &sp2);
		if (!sp2)
			return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				    "vhe: the host runs on SP_EL2: set [el2] sp_el2 = a stack top");
		el2_reg_write(pe, EL2_REG_X(30), t->sentinel);
	} else {
		el2_reg_write(pe, EL2_SYSREG(SP_EL1), chk_tagged(t, EL2_TAG_HOST, EL2_SYSREG(SP_EL1), 0));
	}
	uint64_t pc = t->host_stub;
	if (hc && hc->is_call) {
		if ((e = chk_profile_value(p, &hc->sym, t->img, &pc, errbuf, errlen)))
			return e;
	} else if (t->vhe && t->sc != SC_UNKNOWN_HVC && !hc) {
		if ((e = chk_profile_value(p, &p->run_call, t->img, &pc, errbuf, errlen)))
			return e;
	}
	el2_reg_write(pe, EL2_REG_PC, pc);
	chk_capture(t, &t->host0);
	return EL2_OK;
}
