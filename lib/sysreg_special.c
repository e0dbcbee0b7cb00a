/* SPDX-License-Identifier: MIT */
/* SPECIAL rows: PSTATE fields, SP banks, ISR_EL1 and the computed timer/GIC
 * rows; and the debugger view of every row (no checks, masks applied). */
#include "pmu.h"
#include "aarch32_internal.h"
#include "sysreg_access.h"
#include "sysreg_computed.h"
#include "sysreg_rules.h"

/* The PSTATE-field registers of C5.2 (NZCV, DAIF, DIT, SSBS, TCO, SPSel,
 * CurrentEL, PAN, UAO) return their field in the bit positions of the SPSR
 * layout the model keeps PSTATE in, so one mask per row does reads and
 * writes: e.g. MRS PAN gives bit 22, MRS DAIF bits [9:6], CurrentEL [3:2]. */
uint64_t pstate_field_mask(el2_sysreg id)
{
	switch (id) {
	case EL2_SR_NZCV: return EL2_PSR_NZCV;
	case EL2_SR_DAIF: return EL2_PSR_DAIF;
	case EL2_SR_DIT: return EL2_PSR_DIT;
	case EL2_SR_SSBS: return EL2_PSR_SSBS;
	case EL2_SR_TCO: return EL2_PSR_TCO;
	case EL2_SR_SPSel: return EL2_PSR_SP;
	case EL2_SR_CurrentEL: return EL2_PSR_EL;
	case EL2_SR_PAN: return EL2_PSR_PAN;
	case EL2_SR_UAO: return EL2_PSR_UAO;
	default: return 0;
	}
}

/* ISR_EL1 (D19 ISR_EL1): A [8], I [7], F [6] show pending SError, IRQ,
 * FIQ. At EL1 with EL2 enabled and HCR_EL2.AMO/IMO/FMO set, the bit shows
 * the virtual interrupt (HCR_EL2.VSE/VI/VF); otherwise the physical line.
 * Pending is independent of the PSTATE masks. */
static uint64_t isr_value(const el2_pe *pe)
{
	static const struct {
		uint64_t route, virt;
		uint32_t line;
		uint64_t isr_bit;
	} kinds[] = {
		{EL2_HCR_AMO, EL2_HCR_VSE, EL2_LINE_SERROR, EL2_BIT(8)},
		{EL2_HCR_IMO, EL2_HCR_VI, EL2_LINE_IRQ, EL2_BIT(7)},
		{EL2_HCR_FMO, EL2_HCR_VF, EL2_LINE_FIQ, EL2_BIT(6)},
	};
	bool guest = pe_el(pe) == 1 && el2_enabled(pe);
	uint64_t h = hcr(pe), v = 0;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		bool pending = (guest && (h & kinds[i].route)) ? (h & kinds[i].virt) != 0
							       : (pe->s.lines & kinds[i].line) != 0;
		if (pending)
			v |= kinds[i].isr_bit;
	}
	return v;
}

uint64_t special_read(const el2_pe *pe, el2_sysreg id)
{
	uint64_t m = pstate_field_mask(id);
	if (m)
		return pe->s.pstate & m;
	if (id == EL2_SR_SP_EL0 || id == EL2_SR_SP_EL1 || id == EL2_SR_SP_EL2)
		return pe->s.sr[id]; /* the bank is the slot */
	if (id == EL2_SR_ISR_EL1)
		return isr_value(pe);
	uint64_t v;
	if (computed_read(pe, id, &v))
		return v;
	return pe->s.sr[id];
}

void special_write(el2_pe *pe, el2_sysreg id, uint64_t val)
{
	if (id == EL2_SR_CurrentEL || id == EL2_SR_ISR_EL1)
		return; /* read-only views of other state */
	uint64_t field = pstate_field_mask(id);
	if (field) {
		uint64_t m = field & pe_pstate_mask(pe);
		pe->s.pstate = (pe->s.pstate & ~m) | (val & m);
		return;
	}
	if (computed_write(pe, id, val))
		return;
	pe->s.sr[id] = val;
}

/* The row an ALIAS names; any other row is its own storage. */
static el2_sysreg storage_row(el2_sysreg id)
{
	const el2_sysreg_info *ri = el2_sysreg_get(id);
	return ri->kind == EL2_SRK_ALIAS ? (el2_sysreg)ri->vhe : id;
}

uint64_t sysreg_raw_read(const el2_pe *pe, el2_sysreg id)
{
	if (!el2_sysreg_get(id))
		return 0;
	id = storage_row(id);
	if (pmu_row(id))
		return pmu_read(pe, id, false);
	switch (el2_sysreg_get(id)->kind) {
	case EL2_SRK_SPECIAL:
		return special_read(pe, id);
	case EL2_SRK_ID:
		return sysreg_id_value(&pe->cfg, id);
	case EL2_SRK_SYSOP:
		return 0;
	default:
		return pe->s.sr[id];
	}
}

void sysreg_raw_write(el2_pe *pe, el2_sysreg id, uint64_t val)
{
	if (!el2_sysreg_get(id))
		return;
	id = storage_row(id);
	const el2_sysreg_info *ri = el2_sysreg_get(id);
	val = aarch32_write_value(pe, id, val, sysreg_masked(pe, id, val));
	if (pmu_row(id))
		pmu_write(pe, id, val, false);
	else if (ri->kind == EL2_SRK_SPECIAL)
		special_write(pe, id, val);
	else if (ri->kind == EL2_SRK_STORED)
		pe->s.sr[id] = val;
}
