/* SPDX-License-Identifier: MIT */
/* Orchestration: for every run and scenario, build a fresh world (memory
 * from the profile, the object, EL2 state, tagged host and guest state,
 * stubs), run one host -> guest -> host round trip under the engine while
 * hooks capture the guest entry, the guest exit and the SP_EL0 window, then
 * let check_props.c judge it (docs/check.md). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check_internal.h"
#include "el2sim/bits.h"
#include "el2sim/disasm.h"
#include "el2sim/exec.h"
#include "el2sim/pstate.h"
#include "elf_internal.h"

static const char *const scenario_names[] = {"hvc",       "mmio",      "s2perm",
					     "sysreg",    "irq",       "unknown_hvc",
					     "guest_hvc", "irq_entry", "serror_entry",
					     "serror_exit", "host_call", "vserror"};

const char *chk_scenario_name(chk_scenario sc)
{
	return sc < SC__COUNT ? scenario_names[sc] : "?";
}

el2_err chk_fail(char *errbuf, size_t errlen, el2_err e, const char *fmt, ...)
{
	if (errbuf && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(errbuf, errlen, fmt, ap);
		va_end(ap);
	}
	return e;
}


static void trip_free(chk_trip *t)
{
	chk_state_free(&t->host0);
	chk_state_free(&t->entry);
	chk_state_free(&t->entry_fp);
	chk_state_free(&t->exit);
	chk_state_free(&t->end);
	chk_tagtab_free(&t->tags);
	if (t->pe)
		el2_pe_set_unknown_hook(t->pe, NULL, NULL);
}

/* Resets the check's world and points the trip at it. */
static void trip_enter(chk_trip *t)
{
	chk_world *w = &t->ck->world;
	chk_world_reset(w);
	t->pe = w->pe;
	t->mem = w->mem;
	t->img = w->img;
	t->eng = w->eng;
	t->host_stub = w->host_stub;
	t->guest_stub = w->guest_stub;
	t->sentinel = w->sentinel;
	t->ctx = w->ctx;
}

static el2_err resolve_context(chk_checker *ck, char *errbuf, size_t errlen)
{
	const el2_check_profile *p = &ck->prof;
	if (!p->has_context)
		return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
			    "no vCPU context: set [world] context = SYMBOL or alloc SIZE "
			    "(or define EL2SIM_CONTEXT)");
	if (p->ctx_alloc)
		return EL2_OK;
	return chk_profile_value(p, &p->context, ck->world.img, &ck->world.ctx, errbuf, errlen);
}

/* Sets the world up for the trip, writes the stubs and arms the guest's
 * interrupt. The world reset dropped the translations of every page that
 * differed from the loaded image, the stubs' included, and nothing ran
 * since: the new stub words need no further invalidation. */
static el2_err trip_prepare(chk_trip *t, char *errbuf, size_t errlen)
{
	trip_enter(t);
	if (!t->stub_cfg.known)
		t->stub_cfg = t->ck->gcfg;
	/* State first: the stubs use the context's initial values. */
	el2_err e = chk_setup_state(t, errbuf, errlen);
	if (e)
		return e;
	t->tags_setup = t->tags.n;
	chk_fp_prepare(t);
	if ((e = chk_write_stubs(t, &t->irq_addr)))
		return chk_fail(errbuf, errlen, e, "cannot write the stubs");
	if (t->irq_addr)
		el2_engine_line_at_addr(t->eng, EL2_LINE_IRQ, true, t->irq_addr);
	return EL2_OK;
}

static el2_err trip_go(chk_trip *t, char *errbuf, size_t errlen)
{
	el2_run_opts o = el2_run_opts_default();
	o.budget = t->ck->opts.budget;
	o.has_sentinel = true;
	o.sentinel = t->sentinel;
	const chk_hostcall *hc = chk_trip_host_call(t);
	if (!t->vhe || t->sc == SC_UNKNOWN_HVC || (hc && !hc->is_call)) {
		o.n_stop_addrs = 1;
		o.stop_addrs[0] = t->host_stub + 4;
	}
	el2_err e = el2_engine_run(t->eng, &o, &t->rr);
	if (e && t->rr.reason != EL2_STOP_ERROR)
		return chk_fail(errbuf, errlen, e, "engine run failed: %s", el2_strerror(e));
	t->returned = t->rr.reason == EL2_STOP_SENTINEL || t->rr.reason == EL2_STOP_ADDRESS;
	return EL2_OK;
}

uint64_t chk_run_seed(const chk_checker *ck, unsigned run)
{
	/* A run's values come from the check's seed and the run number only:
	 * one trip can be replayed alone (check_replay.c). */
	return chk_mix(ck->opts.seed * 0x100000001b3ull + run);
}

el2_err chk_run_range(const chk_checker *ck, unsigned *first, unsigned *end, unsigned *all,
		      char *errbuf, size_t errlen)
{
	unsigned runs = ck->opts.runs + (ck->opts.corners ? 2u : 0u);
	if (runs > EL2_TAG_MAX_RUN) /* a tag has room for so many */
		runs = EL2_TAG_MAX_RUN;
	if (all)
		*all = runs;
	*first = 0;
	*end = runs;
	if (!ck->opts.has_run)
		return EL2_OK;
	if (ck->opts.run >= EL2_TAG_MAX_RUN)
		return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG, "run %u: runs go from 0 to %u",
				ck->opts.run, EL2_TAG_MAX_RUN - 1);
	*first = ck->opts.run;
	*end = *first + 1;
	return EL2_OK;
}

chk_trip chk_trip_init(chk_checker *ck, unsigned run, chk_scenario sc)
{
	return (chk_trip){.ck = ck, .run = run, .run_seed = chk_run_seed(ck, run), .sc = sc,
			  .vhe = ck->vhe};
}

el2_err chk_run_trip(chk_trip *t, char *errbuf, size_t errlen)
{
	el2_err e = trip_prepare(t, errbuf, errlen);
	if (e)
		return e;
	for (size_t i = 0; i < t->n_watch; i++)
		chk_watch_read(t, &t->watch[i], t->watch[i].last);
	el2_engine_set_event_hook(t->eng, chk_on_event, t);
	el2_engine_set_trace_hook(t->eng, chk_on_insn, t);
	if ((e = trip_go(t, errbuf, errlen)))
		return e;
	if (t->n_watch && t->prev_valid)
		chk_watch_check(t, t->prev_pc, false);
	chk_window_close(t);
	chk_capture(t, &t->end);
	chk_memscan(t, PH_END); /* what the guest would find at its next entry */
	return EL2_OK;
}

/* Runs a trip with a guest stub built for the configuration the guest was
 * last entered with (ck->gcfg); if this trip's guest was entered with
 * another one, runs it again (at most twice) with a stub for the one it
 * saw. The trip kept is always one whose stub matched its guest's
 * configuration (unless it kept changing), so its result does not depend
 * on the trips before it. */
static el2_err run_trip_matched(const chk_trip *proto, chk_trip *t, char *errbuf, size_t errlen)
{
	for (unsigned attempt = 0;; attempt++) {
		*t = *proto;
		t->stub_cfg = t->ck->gcfg;
		el2_err e = chk_run_trip(t, errbuf, errlen);
		if (e || !t->cfg_seen || !t->cfg_differs || attempt == 2)
			return e;
		t->ck->gcfg = t->seen_cfg;
		trip_free(t);
	}
}

/* The first trip of a check: a plain hvc round trip that only learns the
 * configuration the guest is entered with (ck->gcfg), so that the first
 * checked trip's stub already fits it. */
static void learn_guest_config(chk_checker *ck)
{
	chk_trip t = chk_trip_init(ck, 0, SC_HVC);
	t.plain = true;
	t.rerun = true; /* judges nothing: no findings from the hooks either */
	char err[64];
	if (chk_run_trip(&t, err, sizeof(err)) == EL2_OK && t.cfg_seen)
		ck->gcfg = t.seen_cfg;
	trip_free(&t);
	chk_guestcfg_trapped(ck);
}

/* A scenario trip (el2_scenario_trip): the same world, state and stubs,
 * with no capture or property work; the caller's hooks instead. */
el2_err chk_run_light(chk_trip *t, char *errbuf, size_t errlen)
{
	el2_err e = trip_prepare(t, errbuf, errlen);
	if (e)
		return e;
	el2_engine_set_event_hook(t->eng, chk_on_event_light, t);
	el2_engine_set_trace_hook(t->eng, t->user && t->user->trace ? chk_on_insn_light : NULL, t);
	return trip_go(t, errbuf, errlen);
}

/* Runs the same trip again without resetting the world: the PE as the
 * trip started, the context's slots as the trip wrote them, the interrupt
 * re-armed; the hypervisor's own memory (stack, per-CPU data) carries over
 * as it would between two real calls. */
el2_err chk_run_again(chk_trip *t, char *errbuf, size_t errlen)
{
	const el2_check_profile *p = &t->ck->prof;
	el2_snapshot_restore(t->pe, t->host0.snap);
	/* The last trip's poison tags go: the table would grow by them on
	 * every repeat. */
	chk_tagtab_truncate(&t->tags, t->tags_setup);
	for (size_t i = 0; i < p->n_guest; i++) {
		unsigned n = chk_slot_size(&p->guest[i]);
		if (t->ctx_host) /* one look-up per trip, not one per slot */
			memcpy(t->ctx_host + (p->guest[i].off - t->ctx_lo), t->ctx_init[i], n);
		else
			el2_mem_write(t->mem, t->ctx + p->guest[i].off, t->ctx_init[i], n);
	}
	el2_err e = chk_config_write(t, errbuf, errlen);
	if (e)
		return e;
	chk_fp_prepare(t);
	el2_engine_clear_lines(t->eng);
	if (t->irq_addr)
		el2_engine_line_at_addr(t->eng, EL2_LINE_IRQ, true, t->irq_addr);
	return trip_go(t, errbuf, errlen);
}


_Static_assert(CHK_N_SCENARIOS == SC__COUNT, "CHK_N_SCENARIOS must count the scenarios");

/* The register a preserve entry names: 'sp' is the host's own stack
 * pointer; an _EL12 name the EL1 register it reaches; under VHE an EL1
 * name the register the host reaches by that name (HCR_EL2.E2H redirects
 * MAIR_EL1 to MAIR_EL2, ...: the host kernel's own state). */
static el2_reg preserve_target(const chk_checker *ck, el2_reg r)
{
	if (r == EL2_REG_SP)
		return ck->vhe ? EL2_SYSREG(SP_EL2) : EL2_SYSREG(SP_EL1);
	if (!EL2_REG_IS_SYSREG(r))
		return r;
	const el2_sysreg_info *info = el2_sysreg_get((el2_sysreg)(r - EL2_REG_SYSREG_BASE));
	if (!info || info->vhe == EL2_SR_NONE)
		return r;
	if (info->kind == EL2_SRK_ALIAS || (ck->vhe && info->kind == EL2_SRK_STORED))
		return EL2_REG_SYSREG_BASE + info->vhe;
	return r;
}

static void resolve_preserve(const chk_checker *ck, const chk_pres *in, size_t n, chk_pres *out,
			     size_t *nout)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (chk_pres){preserve_target(ck, in[i].reg), in[i].lo64};
	*nout = n;
}

const chk_pres *chk_preserve_for(const chk_checker *ck, chk_scenario sc, size_t *n)
{
	*n = ck->n_preserve_sc[sc];
	return ck->preserve_sc[sc];
}

static void default_preserve(chk_checker *ck)
{
	const el2_check_profile *p = &ck->prof;
	chk_pres def[CHK_MAX_PRESERVE];
	const chk_pres *base = p->preserve;
	size_t n = p->n_preserve;
	if (!p->has_preserve) {
		/* AAPCS64 callee-saved; a VHE run is a function call at EL2, and
		 * x18 (the platform register) is kept as property 6 keeps it. */
		n = 0;
		for (unsigned i = ck->vhe ? 18 : 19; i <= 29; i++)
			def[n++] = (chk_pres){EL2_REG_X(i), false};
		def[n++] = (chk_pres){EL2_REG_SP, false};
		def[n++] = (chk_pres){EL2_SYSREG(SP_EL0), false};
		if (!ck->vhe)
			def[n++] = (chk_pres){EL2_SYSREG(TPIDR_EL1), false};
		def[n++] = (chk_pres){EL2_SYSREG(TPIDR_EL2), false};
		if (ck->vhe) {
			/* the host kernel's own translation regime and FP
			 * enables (its EL1 names: the _EL2 registers) */
			static const el2_reg own[] = {
				EL2_SYSREG(SCTLR_EL1), EL2_SYSREG(TTBR0_EL1), EL2_SYSREG(TTBR1_EL1),
				EL2_SYSREG(TCR_EL1),   EL2_SYSREG(MAIR_EL1),  EL2_SYSREG(AMAIR_EL1),
				EL2_SYSREG(CONTEXTIDR_EL1), EL2_SYSREG(CPACR_EL1)};
			for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
				def[n++] = (chk_pres){own[i], false};
		}
		for (unsigned i = 8; i <= 15; i++)
			def[n++] = (chk_pres){EL2_REG_V(i), true};
		def[n++] = (chk_pres){EL2_SYSREG(FPCR), false};
		base = def;
	}
	resolve_preserve(ck, base, n, ck->preserve, &ck->n_preserve);
	for (unsigned sc = 0; sc < SC__COUNT; sc++) {
		if (p->has_preserve_sc[sc])
			resolve_preserve(ck, p->preserve_sc[sc], p->n_preserve_sc[sc],
					 ck->preserve_sc[sc], &ck->n_preserve_sc[sc]);
		else
			resolve_preserve(ck, base, n, ck->preserve_sc[sc], &ck->n_preserve_sc[sc]);
	}
	for (size_t i = 0; i < p->n_host_calls; i++)
		if (p->host_call[i].has_preserve)
			resolve_preserve(ck, p->host_call[i].preserve, p->host_call[i].n_preserve,
					 ck->preserve_hc[i], &ck->n_preserve_hc[i]);
	static const el2_reg keep[] = {EL2_SYSREG(TPIDR_EL2), EL2_SYSREG(SP_EL2),
				       EL2_SYSREG(VBAR_EL2), EL2_SYSREG(HCR_EL2)};
	ck->n_el2_keep = 0;
	for (size_t i = 0; i < 4; i++)
		ck->el2_keep[ck->n_el2_keep++] = keep[i];
	for (size_t i = 0; i < p->n_el2_preserve; i++) {
		bool dup = false;
		for (size_t j = 0; j < ck->n_el2_keep; j++)
			dup |= ck->el2_keep[j] == p->el2_preserve[i];
		if (!dup)
			ck->el2_keep[ck->n_el2_keep++] = p->el2_preserve[i];
	}
}

/* Entry/exit assembly ranges: from each symbol to the next label symbol
 * of its section (or the section's end). */
static el2_err asm_ranges(chk_checker *ck, const el2_image *img, char *errbuf, size_t errlen)
{
	ck->n_asm = 0;
	for (size_t i = 0; i < ck->prof.n_entry_asm; i++) {
		el2_err e = chk_profile_label(&ck->prof, img, ck->prof.entry_asm[i],
					      ck->prof.entry_asm_line[i], &ck->asm_lo[ck->n_asm],
					      &ck->asm_hi[ck->n_asm], errbuf, errlen);
		if (e)
			return e;
		ck->n_asm++;
	}
	return EL2_OK;
}

/* Loads the object once to complete the profile from its symbols. */
static el2_err prepare(chk_checker *ck, char *errbuf, size_t errlen)
{
	chk_world probe;
	/* A kept world (el2_check_opts.world_cache) was loaded with this
	 * profile complete: it serves as the probe and as the world. */
	bool kept = chk_world_cache_take(ck->opts.world_cache, &ck->world);
	el2_err e = kept ? EL2_OK : chk_world_load(ck, &probe, errbuf, errlen);
	const el2_image *img = kept ? ck->world.img : probe.img;
	if (kept)
		ck->world_open = true;
	if (!e)
		e = chk_profile_merge_symbols(&ck->prof, img, errbuf, errlen);
	if (!e) {
		int mode = ck->opts.mode ? (int)ck->opts.mode : ck->prof.mode;
		ck->vhe = mode == EL2_CHECK_MODE_VHE;
		if (ck->vhe && !(ck->cfg.features & EL2_FEAT_VHE))
			e = chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				 "vhe: the PE has no FEAT_VHE ([cpu] features removes vhe)");
		else if (ck->vhe && !ck->prof.has_run_call)
			e = chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				 "vhe: set [world] run = call SYMBOL (or define EL2SIM_RUN)");
		else if (!ck->vhe && !ck->prof.has_run_hvc)
			e = chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				 "nvhe: set [world] run = hvc ID (or define EL2SIM_RUN_HVC)");
		else if (!ck->prof.n_guest)
			e = chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				 "no guest registers: fill [guest] (or define EL2SIM_GUEST_X0 ...)");
	}
	for (size_t i = 0; i < ck->prof.n_guest; i++)
		if (ck->prof.guest[i].reg >= EL2_REG_V0 && ck->prof.guest[i].reg <= EL2_REG_V31)
			ck->layout_has_fp = true;
	if (!e)
		e = asm_ranges(ck, img, errbuf, errlen);
	if (!kept)
		chk_world_close(&probe);
	default_preserve(ck);
	/* The world every trip runs in, with the profile now complete. */
	if (!e && (kept || !(e = chk_world_open(ck, &ck->world, errbuf, errlen)))) {
		ck->world_open = true;
		e = resolve_context(ck, errbuf, errlen);
		if (!e)
			e = chk_config_resolve(ck, ck->world.img, ck->world.ctx, ck->config, errbuf,
					       errlen);
		if (!e)
			e = chk_fp_resolve(ck, errbuf, errlen);
		if (!e)
			e = chk_scen_resolve(ck, errbuf, errlen);
	}
	return e;
}

static bool scenario_enabled(const chk_checker *ck, chk_scenario sc, const el2_mem *mem)
{
	switch (sc) {
	case SC_HVC: return true;
	case SC_MMIO:
		for (size_t i = 0; mem && i < el2_mem_count(mem); i++) {
			const el2_mem_region *r = el2_mem_region_at(mem, i);
			if ((r->attrs & EL2_MEM_MMIO) && (r->attrs & EL2_MEM_GUEST))
				return true;
		}
		return false;
	case SC_S2PERM: return chk_ro_guest_region(mem) != NULL;
	case SC_SYSREG: return ck->prof.has_trapped;
	case SC_IRQ: return ck->prof.irq;
	case SC_UNKNOWN_HVC: return ck->prof.has_unknown_hvc;
	case SC_GUEST_HVC: return ck->prof.n_guest_hvc > 0;
	case SC_IRQ_ENTRY: return ck->prof.irq_entry;
	case SC_SERROR_ENTRY: return ck->prof.serror_entry;
	case SC_SERROR_EXIT: return ck->prof.serror_exit;
	case SC_HOST_CALL: return ck->prof.n_host_calls > 0;
	case SC_VSERROR: return ck->prof.vserror;
	default: return false;
	}
}

bool chk_scenario_enabled(const chk_checker *ck, chk_scenario sc)
{
	return scenario_enabled(ck, sc, ck->world.mem);
}

void chk_trip_free(chk_trip *t)
{
	trip_free(t);
}

el2_check_opts el2_check_opts_default(void)
{
	return (el2_check_opts){
		.runs = EL2_CHECK_DEFAULT_RUNS,
		.corners = true,
		.seed = EL2_CHECK_DEFAULT_SEED,
		.mode = EL2_CHECK_MODE_PROFILE,
		.budget = EL2_CHECK_DEFAULT_BUDGET,
		.last_writer = true,
	};
}

/* Runs the trip again with watches on the new findings' values. */
static void find_writers(chk_trip *orig, chk_watch *w, size_t n)
{
	chk_trip t = {.ck = orig->ck, .run = orig->run, .run_seed = orig->run_seed,
		      .sc = orig->sc, .vhe = orig->vhe, .watch = w, .n_watch = n, .rerun = true,
		      .stub_cfg = orig->stub_cfg, .has_sysreg_target = orig->has_sysreg_target,
		      .sysreg_target = orig->sysreg_target, .host_call = orig->host_call,
		      .guest_hvc = orig->guest_hvc};
	char err[64];
	if (chk_run_trip(&t, err, sizeof(err)) == EL2_OK) {
		for (size_t i = 0; i < n; i++) {
			el2_check_finding *f = &orig->ck->res->findings[w[i].finding];
			chk_fill_writer(&t, f, &w[i]);
		}
	}
	trip_free(&t);
}

el2_err chk_checker_new(const char *path, const el2_check_profile *prof,
			const el2_check_opts *opts, chk_checker **out, char *errbuf, size_t errlen)
{
	*out = NULL;
	if (errlen)
		errbuf[0] = '\0';
	if (prof && prof->mode == EL2_CHECK_MODE_TYPE1)
		return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				"a type1 profile is checked by el2sim check (el2_check_file); round-trip "
				"scenarios and mutation need an nvhe or vhe profile");
	chk_checker *ck = calloc(1, sizeof(*ck));
	if (!ck || !(ck->res = calloc(1, sizeof(*ck->res)))) {
		free(ck);
		return EL2_ERR_NOMEM;
	}
	ck->opts = opts ? *opts : el2_check_opts_default();
	if (!ck->opts.budget)
		ck->opts.budget = EL2_CHECK_DEFAULT_BUDGET;
	if (prof)
		ck->prof = *prof;
	ck->prof.symdefs = ck->opts.symdefs;
	ck->prof.n_symdefs = ck->opts.n_symdefs;
	ck->path = path;
	/* [cpu]: the PE the profile describes (el2_config_default() without) */
	el2_err e = chk_cpu_config(&ck->prof.cpu, &ck->cfg, errbuf, errlen);
	if (!e)
		e = el2_pe_new(&ck->cfg, &ck->scratch);
	if (!e)
		e = el2_pe_new(&ck->cfg, &ck->probe);
	if (!e)
		e = prepare(ck, errbuf, errlen);
	if (!e)
		learn_guest_config(ck);
	if (e) {
		ck->opts.world_cache = NULL; /* a world that failed is not kept */
		chk_checker_free(ck);
		return e;
	}
	*out = ck;
	return EL2_OK;
}

void chk_checker_free(chk_checker *ck)
{
	if (!ck)
		return;
	if (ck->world_open && ck->opts.world_cache)
		chk_world_cache_give(ck->opts.world_cache, &ck->world);
	else if (ck->world_open)
		chk_world_close(&ck->world);
	el2_pe_free(&ck->scratch);
	el2_pe_free(&ck->probe);
	el2_srclines_free(&ck->srclines);
	free(ck->res);
	free(ck);
}

static double chk_seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (t1.tv_nsec - t0->tv_nsec) / 1e9;
}

el2_err el2_check_file(const char *path, const el2_check_profile *prof,
		       const el2_check_opts *opts, el2_check_result **out, char *errbuf,
		       size_t errlen)
{
	if (!path || !out)
		return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				"el2_check_file: %s is NULL", !path ? "the object path" : "out");
	*out = NULL;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((prof && prof->mode == EL2_CHECK_MODE_TYPE1) ||
	    (opts && opts->mode == EL2_CHECK_MODE_TYPE1)) {
		if (!prof || prof->mode != EL2_CHECK_MODE_TYPE1)
			return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
					"type1: the profile must say [world] mode = type1");
		if (opts && opts->mode != EL2_CHECK_MODE_PROFILE && opts->mode != EL2_CHECK_MODE_TYPE1)
			return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
					"--vhe/--nvhe do not apply to a type1 profile");
		el2_err e = chk_t1_check_file(path, prof, opts, out, errbuf, errlen);
		if (!e)
			(*out)->seconds = chk_seconds_since(&t0);
		return e;
	}
	chk_checker *ck;
	el2_err e = chk_checker_new(path, prof, opts, &ck, errbuf, errlen);
	if (e)
		return e;
	el2_check_result *res = ck->res;
	snprintf(res->object, sizeof(res->object), "%s", path);
	res->mode = ck->vhe ? EL2_CHECK_MODE_VHE : EL2_CHECK_MODE_NVHE;
	res->seed = ck->opts.seed;
	unsigned first_run, runs, all_runs;
	int only_sc = -1;
	if ((e = chk_run_range(ck, &first_run, &runs, &all_runs, errbuf, errlen)) ||
	    (e = chk_select(ck, &only_sc, errbuf, errlen))) {
		chk_checker_free(ck);
		return e;
	}
	res->runs = runs - first_run;
	chk_replay_note(ck, res);

	/* Which scenarios apply: decided on the world's memory map. */
	bool enabled[SC__COUNT];
	for (unsigned sc = 0; sc < SC__COUNT; sc++) {
		enabled[sc] = scenario_enabled(ck, (chk_scenario)sc, ck->world.mem) &&
			      (only_sc < 0 || (int)sc == only_sc);
		if (enabled[sc] && res->n_scenarios < CHK_MAX_SCENARIOS)
			snprintf(res->scenarios[res->n_scenarios++], 16, "%s",
				 chk_scenario_name((chk_scenario)sc));
	}
	/* The sysreg scenario writes each guest-layout register that traps
	 * under the guest's configuration at least once per check: spread
	 * over the runs, per_run of them in each (from the check's whole run
	 * count, so that a replay of one run writes the same registers). */
	unsigned per_run = ck->n_trapped ? (unsigned)((ck->n_trapped + all_runs - 1) / all_runs) : 1;
	/* trips per run of each scenario (none if it does not apply): the
	 * sysreg registers spread over the runs, every host call in every run */
	unsigned reps[SC__COUNT];
	for (unsigned sc = 0; sc < SC__COUNT; sc++)
		reps[sc] = !enabled[sc] ? 0u
			   : sc == SC_SYSREG ? per_run
			   : sc == SC_HOST_CALL ? (unsigned)ck->prof.n_host_calls : 1u;
	unsigned total = 0, done = 0;
	for (unsigned sc = 0; sc < SC__COUNT; sc++)
		total += res->runs * reps[sc];
	/* the trip --trace writes: the first with a finding, else the first */
	int trace_sc = -1, trace_run = 0;
	bool trace_failing = false;
	bool stop = false;
	for (unsigned run = first_run; run < runs && !e && !stop; run++) {
		for (unsigned sc = 0; sc < SC__COUNT && !e && !stop; sc++) {
			for (unsigned sub = 0; sub < reps[sc] && !e && !stop; sub++) {
				chk_trip proto = chk_trip_init(ck, run, (chk_scenario)sc);
				proto.host_call = sub;
				proto.guest_hvc = run; /* the listed ids in turn */
				if (sc == SC_SYSREG && ck->n_trapped) {
					proto.has_sysreg_target = true;
					proto.sysreg_target =
						ck->trapped[(run * per_run + sub) % ck->n_trapped];
				}
				chk_trip t;
				unsigned failed0 = 0, failed1 = 0;
				for (unsigned p = 1; p <= EL2_CHECK_N_PROPERTIES; p++)
					failed0 += res->failures[p];
				e = run_trip_matched(&proto, &t, errbuf, errlen);
				if (!e) {
					chk_watch w[CHK_MAX_WATCH];
					size_t nw = 0;
					chk_props_evaluate(&t, w, &nw);
					res->round_trips++;
					if (nw && ck->opts.last_writer)
						find_writers(&t, w, nw);
				}
				for (unsigned p = 1; p <= EL2_CHECK_N_PROPERTIES; p++)
					failed1 += res->failures[p];
				if (trace_sc < 0 || (!trace_failing && failed1 > failed0)) {
					trace_sc = (int)sc;
					trace_run = (int)run;
					trace_failing = failed1 > failed0;
				}
				trip_free(&t);
				if (ck->opts.progress)
					ck->opts.progress(ck->opts.progress_ctx, ++done, total);
				if (ck->opts.first_finding && res->n_findings)
					stop = true;
			}
		}
	}
	if (!e && ck->opts.trace && trace_sc >= 0)
		e = chk_trace_trip(ck, (unsigned)trace_run, (chk_scenario)trace_sc, errbuf, errlen);
	if (!e) {
		if (!stop) /* slots the skipped trips would compare are not vacuous */
			chk_props_vacuity(ck);
		res->seconds = chk_seconds_since(&t0);
		ck->res = NULL; /* the caller's now */
		*out = res;
	} else {
		ck->opts.world_cache = NULL; /* a world that failed is not kept */
	}
	chk_checker_free(ck);
	return e;
}

void el2_check_result_free(el2_check_result **res)
{
	if (res) {
		free(*res);
		*res = NULL;
	}
}

bool chk_where_img(const el2_image *img, uint64_t addr, char *buf, size_t len)
{
	const char *name;
	uint64_t off;
	if (img && el2_image_symbolize(img, addr, &name, &off) == EL2_OK) {
		snprintf(buf, len, "%s+0x%" PRIx64, name, off);
		return true;
	}
	snprintf(buf, len, "0x%" PRIx64, addr);
	return false;
}

void chk_where(const chk_trip *t, uint64_t addr, char *buf, size_t len)
{
	if (chk_where_img(t->img, addr, buf, len))
		return;
	if (addr >= t->guest_stub && addr < t->guest_stub + CHK_GUEST_STUB_SIZE)
		snprintf(buf, len, "el2sim guest stub+0x%" PRIx64, addr - t->guest_stub);
	else if (addr >= t->host_stub && addr < t->host_stub + EL2_MEM_PAGE_SIZE)
		snprintf(buf, len, "el2sim host stub+0x%" PRIx64, addr - t->host_stub);
}

void chk_fill_writer(const chk_trip *t, el2_check_finding *f, const chk_watch *w)
{
	if (!w->has_writer) {
		f->has_writer = false;
		return;
	}
	f->has_writer = true;
	f->writer_pc = w->writer_pc;
	chk_where(t, w->writer_pc, f->writer_where, sizeof(f->writer_where));
	uint32_t insn = 0;
	char text[80] = "?";
	if (el2_mem_read(t->mem, w->writer_pc, &insn, 4) == EL2_OK)
		el2_disasm(insn, w->writer_pc, text, sizeof(text));
	snprintf(f->writer_text, sizeof(f->writer_text), "%s%s", text,
		 w->writer_event ? " (exception entry/return)" : "");
	chk_checker *ck = t->ck;
	f->writer_file[0] = '\0';
	f->writer_line = 0;
	if (!ck || !ck->res)
		return;
	if (!ck->srclines_tried && t->img) {
		ck->srclines_tried = true;
		el2_srclines_open(ck->res->object, t->img, &ck->srclines);
	}
	const char *file;
	int line;
	if (el2_srclines_find(ck->srclines, w->writer_pc, &file, &line)) {
		snprintf(f->writer_file, sizeof(f->writer_file), "%s", file);
		f->writer_line = line;
	}
}
