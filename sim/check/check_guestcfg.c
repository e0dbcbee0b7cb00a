/* SPDX-License-Identifier: MIT */
/* What the guest can change without trapping to EL2 under the
 * configuration the world switch really entered it with (docs/check.md,
 * "The guest stub"). The model answers: a probe PE is restored to the
 * state just after the ERET into the guest (HCR_EL2, CPTR_EL2, MDCR_EL2,
 * CNTHCTL_EL2, HSTR_EL2, CPACR_EL1 and whatever else the model consults)
 * and executes the MSR of every candidate; no exception = writable. So the
 * set stays right as the model learns new trap controls. */
#include <string.h>

#include "check_internal.h"
#include "el2sim/bits.h"
#include "el2sim/exec.h"


bool chk_guestcfg_is_pstate(unsigned sr)
{
	return sr == EL2_SR_NZCV || sr == EL2_SR_DAIF || sr == EL2_SR_DIT || sr == EL2_SR_SSBS ||
	       sr == EL2_SR_TCO || sr == EL2_SR_SPSel || sr == EL2_SR_PAN || sr == EL2_SR_UAO;
}

/* Rows the guest stub may change: PSTATE fields, SP_EL0, and every stored
 * EL0/EL1 read/write register except FPCR/FPSR (changed after the FP
 * probe, emit_fp_scramble) and the GICv3 CPU interface: with
 * HCR_EL2.IMO/FMO set a guest's ICC_* accesses reach the virtual ICV_*
 * registers, which the model does not have (it would report the physical
 * ones as writable). */
bool chk_guestcfg_candidate(const chk_checker *ck, unsigned sr)
{
	const el2_sysreg_info *info = el2_sysreg_get((el2_sysreg)sr);
	el2_reg r = EL2_REG_SYSREG_BASE + sr;
	if (info->feature && !(ck->cfg.features & info->feature))
		return false;
	if (chk_guestcfg_is_pstate(sr) || sr == EL2_SR_SP_EL0 || chk_pmu_candidate(ck, sr))
		return true;
	if (info->kind != EL2_SRK_STORED || info->min_el > 1 || info->access != EL2_ACC_RW ||
	    chk_is_el2_reg(r) || chk_is_fp_ctl(r))
		return false;
	return strncmp(info->name, "ICC_", 4) != 0;
}

/* Which EL0/EL1 rows the guest reads as they are: the MRS of each, from
 * the entry state, must complete and return the row's value. */
static void probe_reads(el2_pe *pe, const el2_snapshot *entry, chk_guestcfg *out)
{
	if (el2_snapshot_restore(pe, entry))
		return;
	for (unsigned sr = 0; sr < EL2_SR_COUNT; sr++) {
		const el2_sysreg_info *info = el2_sysreg_get((el2_sysreg)sr);
		if (info->kind != EL2_SRK_STORED || info->min_el > 1 || !(info->access & EL2_ACC_RO))
			continue;
		uint64_t cur = 0, got = 0;
		el2_reg_read(pe, EL2_REG_SYSREG_BASE + sr, &cur);
		el2_reg_write(pe, EL2_REG_X(9), ~cur);
		el2_exec_result res;
		el2_exec(pe, CHK_A64_MSR(info->enc, 9u) | CHK_A64_MRS_BIT, &res);
		el2_reg_read(pe, EL2_REG_X(9), &got);
		if (res.outcome == EL2_OUT_DONE && got == cur)
			out->rd[sr] = 1;
		if (res.outcome != EL2_OUT_DONE)
			el2_snapshot_restore(pe, entry);
	}
}

void chk_guestcfg_probe_writes(chk_checker *ck, const el2_snapshot *entry, chk_guestcfg *out)
{
	memset(out, 0, sizeof(*out));
	el2_pe *pe = ck->probe;
	if (!pe || el2_snapshot_restore(pe, entry))
		return;
	out->known = true;
	for (unsigned sr = 0; sr < EL2_SR_COUNT; sr++) {
		if (!chk_guestcfg_candidate(ck, sr))
			continue;
		/* MSR of the value it holds: a write that changes nothing. */
		uint64_t cur = 0;
		el2_reg_read(pe, EL2_REG_SYSREG_BASE + sr, &cur);
		el2_reg_write(pe, EL2_REG_X(9), cur);
		el2_exec_result res;
		el2_exec(pe, CHK_A64_MSR(el2_sysreg_get((el2_sysreg)sr)->enc, 9u), &res);
		if (res.outcome == EL2_OUT_DONE)
			out->w[sr] = 1;
		else
			el2_snapshot_restore(pe, entry);
	}
	chk_pmu_probe_fixup(ck, pe, out);
}

void chk_guestcfg_probe(chk_checker *ck, const el2_snapshot *entry, chk_guestcfg *out)
{
	chk_guestcfg_probe_writes(ck, entry, out);
	if (out->known)
		probe_reads(ck->probe, entry, out);
}

void chk_guestcfg_on_entry(chk_trip *t, const el2_snapshot *entry)
{
	/* What the guest reads is judged at its first entry only (the entry
	 * state property 4 scans): later entries (resumes) probe the writes */
	chk_guestcfg c;
	if (!t->cfg_seen) {
		chk_guestcfg_probe(t->ck, entry, &c);
	} else {
		chk_guestcfg_probe_writes(t->ck, entry, &c);
		memcpy(c.rd, t->seen_cfg.rd, sizeof(c.rd));
	}
	if (!c.known)
		return;
	if (!t->stub_cfg.known || memcmp(c.w, t->stub_cfg.w, sizeof(c.w)))
		t->cfg_differs = true;
	t->seen_cfg = c;
	t->cfg_seen = true;
}

void chk_guestcfg_trapped(chk_checker *ck)
{
	const el2_check_profile *p = &ck->prof;
	ck->n_trapped = 0;
	for (size_t i = 0; ck->gcfg.known && i < p->n_guest; i++) {
		el2_reg r = p->guest[i].reg;
		if (!EL2_REG_IS_SYSREG(r))
			continue;
		unsigned sr = r - EL2_REG_SYSREG_BASE;
		const el2_sysreg_info *info = el2_sysreg_get((el2_sysreg)sr);
		if (info->kind == EL2_SRK_STORED && info->min_el <= 1 && info->access == EL2_ACC_RW &&
		    !chk_is_el2_reg(r) && !chk_is_fp_ctl(r) && !ck->gcfg.w[sr])
			ck->trapped[ck->n_trapped++] = r;
	}
	bool named = false;
	for (size_t i = 0; i < ck->n_trapped; i++)
		named |= ck->trapped[i] == p->trapped_sysreg;
	if (p->has_trapped && !named)
		ck->trapped[ck->n_trapped++] = p->trapped_sysreg;
}
