/* SPDX-License-Identifier: MIT */
/* The [config] section (docs/layout.md): configuration the host prepares
 * for the guest (its HCR_EL2, VTTBR_EL2, VTCR_EL2, MDCR_EL2, CPTR_EL2...).
 * The checker writes each value where the profile says before every round
 * trip, as a host would, and judges at guest entry that the world switch
 * entered the guest with it (property 4, isolation): the stage-2 base and
 * its controls exactly, any other register with at least the bits the host
 * set (a switch may add traps, never drop one the host asked for). */
#include <inttypes.h>
#include <stdio.h>

#include "check_internal.h"
#include "el2sim/bits.h"
#include "el2sim/s2_walk.h"

el2_err chk_config_resolve(const chk_checker *ck, const el2_image *img, uint64_t ctx,
			   chk_cfgval out[CHK_MAX_CONFIG], char *errbuf, size_t errlen)
{
	const el2_check_profile *p = &ck->prof;
	for (size_t i = 0; i < p->n_config; i++) {
		const chk_cfgreg *c = &p->config[i];
		const char *name = el2_reg_name(c->reg);
		el2_err e;
		if (c->at_symbol) {
			if ((e = chk_profile_value(p, &c->loc, img, &out[i].addr, errbuf, errlen)))
				return e;
		} else {
			out[i].addr = ctx + c->loc.num;
		}
		if (c->is_auto) {
			/* The tables chk_world_load built for the guest regions. */
			if (!ck->world.has_s2)
				return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
						"[config] %s: 'auto': no stage-2 tables were built",
						name);
			out[i].value = c->reg == EL2_SYSREG(VTTBR_EL2) ? ck->world.s2_vttbr
								      : ck->world.s2_vtcr;
			continue;
		}
		if ((e = chk_profile_value(p, &c->val, img, &out[i].value, errbuf, errlen)))
			return e;
	}
	return EL2_OK;
}

int chk_config_hcr(const el2_check_profile *p)
{
	for (size_t i = 0; i < p->n_config; i++)
		if (p->config[i].reg == EL2_SYSREG(HCR_EL2))
			return (int)i;
	return -1;
}

/* vserror: the host asks for a virtual SError as KVM's kvm_inject_vabt
 * does, by setting VSE in the guest's HCR_EL2 before it calls. */
uint64_t chk_config_value(const chk_trip *t, size_t i)
{
	uint64_t v = t->ck->config[i].value;
	if (t->sc == SC_VSERROR && t->ck->prof.config[i].reg == EL2_SYSREG(HCR_EL2))
		v |= EL2_HCR_VSE;
	return v;
}

el2_err chk_config_write(chk_trip *t, char *errbuf, size_t errlen)
{
	const el2_check_profile *p = &t->ck->prof;
	for (size_t i = 0; i < p->n_config; i++) {
		const chk_cfgval *v = &t->ck->config[i];
		uint64_t value = chk_config_value(t, i);
		if (el2_mem_write(t->mem, v->addr, &value, 8))
			return chk_fail(errbuf, errlen, EL2_ERR_MEM_UNMAPPED,
					"[config] %s: address 0x%" PRIx64 " is not in memory",
					el2_reg_name(p->config[i].reg), v->addr);
	}
	return EL2_OK;
}

/* Registers whose every bit decides what the guest can reach. */
static bool exact(el2_reg reg)
{
	return reg == EL2_SYSREG(VTTBR_EL2) || reg == EL2_SYSREG(VTCR_EL2);
}

/* Whatever the profile prepares: a guest entered with HCR_EL2.VM = 0 (or
 * TGE = 1, which makes VM behave as 0) has no stage 2 and reaches all of
 * physical memory (AArch64.FullTranslate skips stage 2). */
static void judge_stage2_on(chk_trip *t, const chk_state *entry, chk_config_report_fn report,
			    void *ctx)
{
	uint64_t hcr = 0, hi;
	chk_state_read(entry, EL2_SYSREG(HCR_EL2), &hcr, &hi);
	t->ck->res->checks[4]++;
	if ((hcr & EL2_HCR_VM) && !(hcr & EL2_HCR_TGE))
		return;
	char detail[160];
	snprintf(detail, sizeof(detail),
		 "the guest runs with HCR_EL2 0x%" PRIx64 " (%s): stage 2 is off, the guest "
		 "reaches all of physical memory",
		 hcr, (hcr & EL2_HCR_VM) ? "TGE = 1" : "HCR_EL2.VM = 0");
	report(ctx, EL2_SYSREG(HCR_EL2), (hcr | EL2_HCR_VM) & ~EL2_HCR_TGE, hcr, detail);
}

static bool mem_read8(void *ctx, uint64_t pa, uint64_t *val)
{
	return el2_mem_read(ctx, pa, val, 8) == EL2_OK;
}

/* [world] stage2 = tables: the stage 2 the guest was entered with
 * (el2_s2_walk from its VTTBR_EL2/VTCR_EL2) must not map any page of a
 * region that is not a guest region (the hypervisor's image, the host's
 * memory, the tables themselves) at the same address. The first such page
 * is a finding naming VTTBR_EL2. (An IPA outside every region mapped onto
 * such a page is not searched: the engine stops the guest's access to it.) */
static void judge_stage2_reach(chk_trip *t, const chk_state *entry,
			       chk_config_report_fn report, void *ctx)
{
	uint64_t vttbr = 0, vtcr = 0, hi;
	chk_state_read(entry, EL2_SYSREG(VTTBR_EL2), &vttbr, &hi);
	chk_state_read(entry, EL2_SYSREG(VTCR_EL2), &vtcr, &hi);
	t->ck->res->checks[4]++;
	for (size_t i = 0; i < el2_mem_count(t->mem); i++) {
		const el2_mem_region *r = el2_mem_region_at(t->mem, i);
		if ((r->attrs & EL2_MEM_GUEST) || !r->host)
			continue;
		for (uint64_t a = r->base; a - r->base < r->size; a += EL2_MEM_PAGE_SIZE) {
			el2_s2_result s2;
			if (el2_s2_walk(vttbr, vtcr, a, EL2_S2_READ, mem_read8, t->mem, &s2) ||
			    (s2.fault && s2.fst != EL2_FAULT_PERMISSION) || !(s2.r || s2.w || s2.x))
				continue;
			char detail[200];
			snprintf(detail, sizeof(detail),
				 "the guest's stage 2 (VTTBR_EL2 0x%" PRIx64 ") maps IPA 0x%" PRIx64
				 " to PA 0x%" PRIx64 " in region '%s', not a guest region (%s%s%s)",
				 vttbr, a, s2.pa, r->name, s2.r ? "r" : "-", s2.w ? "w" : "-",
				 s2.x ? "x" : "-");
			report(ctx, EL2_SYSREG(VTTBR_EL2), vttbr, vttbr, detail);
			return;
		}
	}
}

void chk_config_judge_entry(chk_trip *t, const chk_state *entry, chk_config_report_fn report,
			    void *ctx)
{
	const el2_check_profile *p = &t->ck->prof;
	judge_stage2_on(t, entry, report, ctx);
	if (p->stage2_tables)
		judge_stage2_reach(t, entry, report, ctx);
	for (size_t i = 0; i < p->n_config; i++) {
		el2_reg r = p->config[i].reg;
		uint64_t want = chk_config_value(t, i), got = 0, hi;
		chk_state_read(entry, r, &got, &hi);
		t->ck->res->checks[4]++;
		bool ok = exact(r) ? got == want : (got & want) == want;
		if (ok)
			continue;
		char detail[240];
		int len = snprintf(detail, sizeof(detail),
			 exact(r) ? "the guest runs with %s 0x%" PRIx64 ", not the 0x%" PRIx64
				    " the host prepared"
				  : "the guest runs with %s 0x%" PRIx64 " without bits 0x%" PRIx64
				    " the host prepared",
			 el2_reg_name(r), got, exact(r) ? want : want & ~got);
		if (t->sc == SC_VSERROR && r == EL2_SYSREG(HCR_EL2) && !(got & EL2_HCR_VSE) &&
		    len > 0 && (size_t)len < sizeof(detail))
			snprintf(detail + len, sizeof(detail) - (size_t)len,
				 ": HCR_EL2.VSE dropped, the virtual SError the host asked for "
				 "never reaches the guest");
		report(ctx, r, want, got, detail);
	}
}
