/* SPDX-License-Identifier: MIT */
/* Memory isolation (docs/memory-faults.md). Each world of the PE (guest or
 * not, EL0 or privileged, PAN effective or not) has a protection PROFILE:
 * the Unicorn page protections of every region, derived from one verdict
 * function (prot_classify) so the pages and the fault the hooks report
 * always agree. The profile is switched in the run loop (outside
 * uc_emu_start) when the world changes, one uc_mem_protect per region whose
 * protection differs; or, on Unicorn >= 2.1 with the INSN strategy, by a
 * TLB flush in place, Unicorn's TLB-fill hook asking the same verdicts
 * (engine_tlb.c).
 *
 * LDTR/STTR at EL1 (or EL2 in host) with PSTATE.UAO = 0 make EL0 accesses:
 * to a non-EL0 region they fault although the pages allow the privileged
 * access, so each such word gets a single-address code hook (found by
 * scanning every new block at the block hook) that checks it before it
 * executes; to an EL0 region blocked by PAN they are performed here. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "engine_prot.h"
#include "model_seam.h"

/* Bound on the LDTR/STTR words hooked (each code hook is checked at every
 * translation). */
#define MAX_UNPRIV_HOOKS 256u

struct prot_state {
	bool isolation;
	bool applied;          /* key holds the profile the pages show */
	unsigned key;
	size_t n_regions;
	uint32_t *cur;         /* protection of region i (el2_mem_region_at order) */
	uint64_t protect_calls;
	uint64_t hooked[MAX_UNPRIV_HOOKS];
	size_t n_hooked;
	uint64_t pending[MAX_UNPRIV_HOOKS];
	size_t n_pending;
	bool hook_limit_reported;
	uint8_t tlb_key[16];   /* world key -> its TLB key + 1 (0: not known yet) */
};

void prot_read_gprs(el2_engine *eng, uint64_t x[31], uint64_t *sp)
{
	int ids[32];
	void *ptrs[32];
	for (unsigned i = 0; i < 31; i++) {
		ids[i] = engine_gpr_id(i);
		ptrs[i] = &x[i];
	}
	ids[31] = UC_ARM64_REG_SP;
	ptrs[31] = sp;
	uc_reg_read_batch(eng->uc, ids, ptrs, 32);
}

/* ---- the world and the verdict ---- */

/* PAN: aarch64/translation/vmsa_faults/AArch64.S1HasPermissionsFault (DDI
 * 0487 J.a): a privileged data access to a location EL0 can access faults
 * when PSTATE.PAN = 1 at EL1, or at EL2 when ELIsInHost(EL0) (E2H = TGE = 1).
 * LDTR/STTR (their Operation in the A64 instruction descriptions): at EL1,
 * or at EL2 with ELIsInHost(EL0), the access is unprivileged (checked as
 * EL0's, PAN not applied) unless PSTATE.UAO = 1 (FEAT_UAO), when it is an
 * ordinary privileged access. FEAT_NV (LDTR privileged at EL1 with NV,NV1
 * = 1,1) is not modelled. */
prot_world prot_world_of(const el2_engine *eng)
{
	const el2_pe *pe = eng->pe;
	unsigned el = pe_el(pe);
	uint64_t h = hcr(pe), ps = pe->s.pstate;
	bool host_el2 = el == 2 && el_is_in_host(pe, 0);
	prot_world w = {
		.isolate = eng->prot ? eng->prot->isolation : false,
		.guest = el <= 1 && (h & EL2_HCR_VM) && !(h & EL2_HCR_TGE),
		.el0 = el == 0,
		.pan = (ps & EL2_PSR_PAN) && (el == 1 || host_el2),
		.unpriv_ldst = (el == 1 || host_el2) && !(ps & EL2_PSR_UAO),
	};
	return w;
}

/* Without isolation: only what the static pages enforce (E2's rules). */
static prot_verdict classify_flat(const prot_world *w, const el2_mem_region *r, bool fetch,
				  bool write)
{
	if (!r || !r->host)
		return w->guest ? PV_S2_TRANSLATION : PV_HOST_UNMAPPED;
	if (write && !fetch && (r->attrs & EL2_MEM_RO))
		return w->guest ? PV_S2_PERMISSION : PV_HOST_RO;
	if (fetch && (r->attrs & EL2_MEM_XN))
		return w->guest ? PV_S2_PERMISSION : PV_HOST_XN;
	return PV_OK;
}

prot_verdict prot_classify_s1(const prot_world *w, const el2_mem_region *r, bool fetch,
			      bool unpriv)
{
	if (!r || fetch)
		return PV_OK;
	bool el0_region = (r->attrs & EL2_MEM_EL0) != 0;
	if ((w->el0 || unpriv) && !el0_region)
		return PV_S1_PERMISSION;
	if (!w->el0 && !unpriv && w->pan && el0_region)
		return PV_S1_PERMISSION;
	return PV_OK;
}

/* Stage 1 before stage 2 (AArch64.FullTranslate checks the stage-1 result
 * first). The region's EL0 attribute stands for stage-1 AP[1] (EL0 data
 * access); EL0 instruction fetch is governed by UXN, not AP[1], so a
 * non-EL0 region is execute-only for EL0 (XN alone stops fetches). In the
 * guest only GUEST regions have a stage-1 view (anything else is an IPA
 * the guest's stage 2 does not map). */
prot_verdict prot_classify(const prot_world *w, const el2_mem_region *r, bool fetch, bool write,
			   bool unpriv)
{
	if (!w->isolate)
		return classify_flat(w, r, fetch, write);
	bool visible = r && (!w->guest || (r->attrs & EL2_MEM_GUEST));
	if (!visible)
		return w->guest ? PV_S2_TRANSLATION : PV_HOST_UNMAPPED;
	prot_verdict v = prot_classify_s1(w, r, fetch, unpriv);
	if (v != PV_OK)
		return v;
	return classify_flat(w, r, fetch, write);
}

/* The Unicorn protection of a region for a world: each kind of access the
 * (privileged, for EL1/EL2) verdict allows. */
uint32_t prot_region_prot(const prot_world *w, const el2_mem_region *r)
{
	uint32_t p = 0;
	if (prot_classify(w, r, false, false, false) == PV_OK)
		p |= UC_PROT_READ;
	if (prot_classify(w, r, false, true, false) == PV_OK)
		p |= UC_PROT_WRITE;
	if (prot_classify(w, r, true, false, false) == PV_OK)
		p |= UC_PROT_EXEC;
	return p;
}

/* The profile is a function of these bits only (unpriv_ldst is checked
 * by the code hooks, not by the pages). */
static unsigned world_key(const prot_world *w)
{
	return (w->isolate ? 1u : 0u) | (w->guest ? 2u : 0u) | (w->el0 ? 4u : 0u) |
	       (w->pan ? 8u : 0u);
}

/* Without stage 2 from tables on_fill's answer for a page is its region's
 * protection for the world (prot_region_prot; a page of no region, or of
 * MMIO, is refused in every world, a device's allowed in every world), and
 * a refused access is judged again by fault_memory with the world of the
 * moment. So two worlds whose protections agree on every region fill
 * Unicorn's TLB alike: the TLB bookkeeping takes them as one, the smallest
 * such key (e.g. PAN on or off with no EL0 region: VHE's EL2 in host and
 * not). With stage 2 from tables the guest's verdicts are per page: the
 * key as it is. */
static prot_world world_of_key(unsigned k)
{
	prot_world w = {.isolate = k & 1u, .guest = k & 2u, .el0 = k & 4u, .pan = k & 8u};
	return w;
}

static bool same_protection(const el2_engine *eng, unsigned a, unsigned b)
{
	prot_world wa = world_of_key(a), wb = world_of_key(b);
	for (size_t i = 0; i < eng->prot->n_regions; i++) {
		const el2_mem_region *r = el2_mem_region_at(eng->mem, i);
		if (r->host && prot_region_prot(&wa, r) != prot_region_prot(&wb, r))
			return false;
	}
	return true;
}

static unsigned tlb_key(el2_engine *eng, unsigned key)
{
	prot_state *ps = eng->prot;
	if (eng->s2)
		return key;
	if (!ps->tlb_key[key]) {
		unsigned k = 0;
		while (k < key && !same_protection(eng, k, key))
			k++;
		ps->tlb_key[key] = (uint8_t)(k + 1);
	}
	return ps->tlb_key[key] - 1u;
}

/* ---- life cycle ---- */

el2_err prot_install(el2_engine *eng, char *errbuf, size_t errlen)
{
	prot_state *ps = calloc(1, sizeof(*ps));
	size_t n = el2_mem_count(eng->mem);
	if (!ps || !(ps->cur = calloc(n ? n : 1, sizeof(*ps->cur)))) {
		free(ps);
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "no memory for the protection profile");
		return EL2_ERR_NOMEM;
	}
	ps->n_regions = n;
	ps->isolation = true;
	eng->prot = ps;
	prot_world flat = prot_world_of(eng);
	flat.isolate = false;
	for (size_t i = 0; i < n; i++) {
		const el2_mem_region *r = el2_mem_region_at(eng->mem, i);
		if (!r->host)
			continue; /* MMIO: never mapped, accesses reach the unmapped hook */
		ps->cur[i] = prot_region_prot(&flat, r);
		uc_err e = uc_mem_map_ptr(eng->uc, r->base, r->size, ps->cur[i], r->host);
		if (e != UC_ERR_OK) {
			if (errbuf && errlen)
				snprintf(errbuf, errlen, "cannot map region '%s': %s", r->name,
					 uc_strerror(e));
			return EL2_ERR_NOMEM;
		}
	}
	return EL2_OK;
}

void fault_close(el2_engine *eng)
{
	s2_close(eng);
	tlb_close(eng);
	if (!eng->prot)
		return;
	free(eng->prot->cur);
	free(eng->prot);
	eng->prot = NULL;
}

el2_err el2_engine_set_isolation(el2_engine *eng, bool on)
{
	if (!eng || !eng->prot || eng->running)
		return EL2_ERR_INVALID_ARG;
	eng->prot->isolation = on;
	return EL2_OK;
}

bool el2_engine_isolation(const el2_engine *eng)
{
	return eng && eng->prot && eng->prot->isolation;
}

void el2_engine_isolation_stats(const el2_engine *eng, el2_isolation_stats *out)
{
	if (!out)
		return;
	memset(out, 0, sizeof(*out));
	if (!eng)
		return;
	out->through_tlb = tlb_isolation(eng);
	out->host_tlb = insn_host_tlb(eng);
	out->tlb_flushes = tlb_flush_count(eng);
	out->protect_calls = eng->prot ? eng->prot->protect_calls : 0;
}

/* ---- switching profiles ---- */

uint32_t prot_region_cur(const el2_engine *eng, size_t i)
{
	return eng->prot->cur[i];
}

void prot_invalidate(el2_engine *eng)
{
	if (!eng->prot)
		return;
	eng->prot->applied = false;
	eng->reconfigure = true;
}

void prot_count_protect(el2_engine *eng)
{
	eng->prot->protect_calls++;
}

void fault_world_changed(el2_engine *eng)
{
	prot_state *ps = eng->prot;
	if (!ps)
		return;
	prot_world w = prot_world_of(eng);
	eng->guest_view = w.guest;
	unsigned key = world_key(&w);
	/* Through the TLB the switch is made in place (even inside a hook):
	 * the world switch stays in uc_emu_start. The TLB the world runs in
	 * may have changed with the same key (EL2 -> host EL1): tlb_enter
	 * decides, at most one flush. Stage 2 from tables still leaves
	 * uc_emu_start: the entry walks every page. */
	if (eng->tlb && ps->applied && !eng->s2) {
		tlb_enter(eng, tlb_key(eng, key));
		ps->key = key;
		return;
	}
	if (ps->applied && key == ps->key && (!eng->tlb || tlb_take(eng, tlb_key(eng, key))))
		return;
	eng->reconfigure = true;
}

static void apply_profile(el2_engine *eng)
{
	prot_state *ps = eng->prot;
	prot_world w = prot_world_of(eng);
	unsigned key = world_key(&w);
	if (ps->applied && key == ps->key && (!eng->tlb || tlb_take(eng, tlb_key(eng, key))))
		return;
	if (eng->tlb) {
		if (eng->s2)
			s2_apply_profile(eng, &w); /* the entry walk and its checks */
		tlb_flush_into(eng, tlb_key(eng, key));
		ps->key = key;
		ps->applied = true;
		return;
	}
	if (eng->s2) {
		/* Per page; the region-uniform cur[] is left as it was. */
		s2_apply_profile(eng, &w);
		ps->key = key;
		ps->applied = true;
		return;
	}
	for (size_t i = 0; i < ps->n_regions; i++) {
		const el2_mem_region *r = el2_mem_region_at(eng->mem, i);
		if (!r->host)
			continue;
		uint32_t p = prot_region_prot(&w, r);
		if (p == ps->cur[i])
			continue;
		if (uc_mem_protect(eng->uc, r->base, r->size, p) != UC_ERR_OK) {
			engine_stop_error(eng, EL2_ERR_INVALID_ARG,
					  "cannot protect region '%s'", r->name);
			return;
		}
		ps->cur[i] = p;
		ps->protect_calls++;
	}
	ps->key = key;
	ps->applied = true;
}

static void on_unpriv(uc_engine *uc, uint64_t addr, uint32_t size, void *user);

static void install_pending_hooks(el2_engine *eng)
{
	prot_state *ps = eng->prot;
	for (size_t i = 0; i < ps->n_pending; i++) {
		uint64_t a = ps->pending[i];
		uc_hook h;
		if (ps->n_hooked == MAX_UNPRIV_HOOKS ||
		    uc_hook_add(eng->uc, &h, UC_HOOK_CODE, (void *)on_unpriv, eng, a, a) !=
			    UC_ERR_OK) {
			if (!ps->hook_limit_reported)
				engine_stop_error(eng, EL2_ERR_NOMEM,
						  "more than %u LDTR/STTR instructions to check",
						  MAX_UNPRIV_HOOKS);
			ps->hook_limit_reported = true;
			break;
		}
		ps->hooked[ps->n_hooked++] = a;
		/* Code hooks are compiled into translated blocks: retranslate. */
		engine_remove_cache(eng, a, a + 4);
	}
	ps->n_pending = 0;
}

/* Called by the run loop's reconfigure(), outside uc_emu_start. */
void fault_reconfigure(el2_engine *eng)
{
	prot_state *ps = eng->prot;
	if (!ps)
		return;
	install_pending_hooks(eng);
	apply_profile(eng);
}

/* ---- LDTR/STTR ---- */

static bool is_hooked(const prot_state *ps, uint64_t a)
{
	for (size_t i = 0; i < ps->n_hooked; i++)
		if (ps->hooked[i] == a)
			return true;
	for (size_t i = 0; i < ps->n_pending; i++)
		if (ps->pending[i] == a)
			return true;
	return false;
}

/* Block hook, before the block runs: while LDTR/STTR are unprivileged,
 * each new block is scanned once for them; new ones get a code hook, which
 * needs the block retranslated, so the run stops before the block (true)
 * and the loop installs the hooks and restarts it. */
bool fault_scan_wanted(const el2_engine *eng)
{
	const prot_state *ps = eng->prot;
	if (!ps || !ps->isolation)
		return false;
	const el2_pe *pe = eng->pe;
	unsigned el = pe_el(pe);
	return (el == 1 || (el == 2 && el_is_in_host(pe, 0))) && !(pe->s.pstate & EL2_PSR_UAO);
}

bool fault_block(el2_engine *eng, uint64_t addr, uint32_t size)
{
	prot_state *ps = eng->prot;
	if (eng->stepping || size == 0 || !fault_scan_wanted(eng))
		return false;
	for (uint64_t a = addr; a < addr + size; a += 4) {
		uint32_t word;
		ldst_info li;
		if (!engine_word_at(eng, a, &word))
			break;
		if (ldst_decode(word, &li) && li.cls == LDST_UNPRIV && !is_hooked(ps, a) &&
		    ps->n_pending < MAX_UNPRIV_HOOKS)
			ps->pending[ps->n_pending++] = a;
	}
	if (ps->n_pending == 0)
		return false;
	eng->reconfigure = true;
	eng->exit_pending = true;
	eng->exit_pc = addr;
	uc_emu_stop(eng->uc);
	return true;
}

static uint64_t sign_extend(uint64_t v, unsigned bits)
{
	if (bits >= 64)
		return v;
	uint64_t m = 1ull << (bits - 1);
	v &= (1ull << bits) - 1;
	return (v ^ m) - m;
}

/* Mem[] then X[t] = ZeroExtend/SignExtend for loads; Mem[] = X[t] for
 * stores (little-endian data: SCTLR_ELx.E0E/EE are not modelled). */
bool prot_emulate_unpriv(el2_engine *eng, const ldst_info *li, uint64_t ea)
{
	unsigned n = 1u << li->size_log2;
	uint64_t v = 0;
	if (li->load) {
		if (el2_mem_read(eng->mem, ea, &v, n) != EL2_OK)
			return false;
		if (li->sign)
			v = sign_extend(v, 8 * n);
		if (!li->sf)
			v = (uint32_t)v;
		if (li->rt != 31)
			uc_reg_write(eng->uc, engine_gpr_id(li->rt), &v);
		return true;
	}
	if (li->rt != 31)
		uc_reg_read(eng->uc, engine_gpr_id(li->rt), &v);
	return el2_mem_write(eng->mem, ea, &v, n) == EL2_OK;
}

/* The verdict for [ea, ea + n): the first byte's region, then the last's. */
static prot_verdict classify_range(el2_engine *eng, const prot_world *w, uint64_t ea,
				   unsigned n, bool write, bool unpriv, uint64_t *fault_addr,
				   el2_s2_result *s2)
{
	*fault_addr = ea;
	prot_verdict v = prot_classify_addr(eng, w, ea, false, write, unpriv, s2);
	if (v != PV_OK || n <= 1)
		return v;
	*fault_addr = ea + n - 1;
	return prot_classify_addr(eng, w, ea + n - 1, false, write, unpriv, s2);
}

/* Before an LDTR/STTR-family instruction executes. */
static void on_unpriv(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	(void)uc, (void)size;
	el2_engine *eng = user;
	uint32_t word;
	ldst_info li;
	if (eng->stop_requested || !eng->prot || !eng->prot->isolation ||
	    !engine_word_at(eng, addr, &word))
		return;
	if (!ldst_decode(word, &li) || li.cls != LDST_UNPRIV)
		return; /* the word changed since it was scanned */
	prot_world w = prot_world_of(eng);
	if (!w.unpriv_ldst)
		return; /* an ordinary access: the pages decide */
	uint64_t x[31], sp = 0, ea, fa;
	prot_read_gprs(eng, x, &sp);
	if (!ldst_address(word, x, sp, addr, &ea))
		return;
	unsigned n = 1u << li.size_log2;
	el2_s2_result s2;
	prot_verdict v = classify_range(eng, &w, ea, n, li.store, true, &fa, &s2);
	if (v != PV_OK) {
		fault_take(eng, addr, fa, false, li.store, v, &s2);
		return;
	}
	if (classify_range(eng, &w, ea, n, li.store, false, &fa, &s2) == PV_OK)
		return; /* the pages allow it too: run it natively */
	/* Allowed as EL0's access, blocked by PAN on the pages: perform it. */
	engine_uncount_from(eng, addr);
	if (!prot_emulate_unpriv(eng, &li, ea)) {
		fault_take(eng, addr, ea, false, li.store,
			   w.guest ? PV_S2_TRANSLATION : PV_HOST_UNMAPPED, NULL);
		return;
	}
	engine_count_one(eng);
	eng->pe->s.pc = addr + 4;
	engine_resume(eng);
}
