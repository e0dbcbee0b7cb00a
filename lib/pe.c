/* SPDX-License-Identifier: MIT */
/* PE life cycle and the debugger view of its registers. */
#include <stdlib.h>
#include <string.h>

#include "aarch32_internal.h"
#include "pe_internal.h"
#include "sysreg_access.h"

static uint64_t pstate_mask_of(const el2_pe *pe)
{
	uint64_t m = EL2_PSR_NZCV | EL2_PSR_SS | EL2_PSR_IL | EL2_PSR_DAIF | EL2_PSR_M;
	if (have_feat(pe, EL2_FEAT_PAN))
		m |= EL2_PSR_PAN;
	if (have_feat(pe, EL2_FEAT_UAO))
		m |= EL2_PSR_UAO;
	if (have_feat(pe, EL2_FEAT_DIT))
		m |= EL2_PSR_DIT;
	if (have_feat(pe, EL2_FEAT_SSBS))
		m |= EL2_PSR_SSBS;
	if (have_feat(pe, EL2_FEAT_MTE))
		m |= EL2_PSR_TCO;
	if (have_feat(pe, EL2_FEAT_BTI))
		m |= EL2_PSR_BTYPE;
	return m;
}

/* Fills what el2_pe caches from its configuration (impl, psr_mask). */
static void pe_init_derived(el2_pe *pe)
{
	pe->psr_mask = pstate_mask_of(pe);
	sysreg_index_init();
	for (unsigned i = 0; i < EL2_SR_COUNT; i++)
		pe->impl[i] = sysreg_exists_in_config(&pe->cfg, (el2_sysreg)i);
}

el2_err el2_pe_new(const el2_config *cfg, el2_pe **out)
{
	if (!cfg || !out)
		return EL2_ERR_INVALID_ARG;
	*out = NULL;
	el2_err err = el2_config_check(cfg, NULL, 0);
	if (err)
		return err;
	el2_pe *pe = calloc(1, sizeof(*pe));
	if (!pe)
		return EL2_ERR_NOMEM;
	pe->cfg = *cfg;
	pe_init_derived(pe);
	el2_pe_reset(pe);
	*out = pe;
	return EL2_OK;
}

void el2_pe_free(el2_pe **pe)
{
	if (!pe || !*pe)
		return;
	free(*pe);
	*pe = NULL;
}

void el2_pe_reset(el2_pe *pe)
{
	if (!pe)
		return;
	memset(&pe->s, 0, sizeof(pe->s));
	sysreg_reset(pe);
	/* Reset enters the highest implemented EL, SP_ELx selected, all of
	 * DAIF masked (shared/functions/system/TakeReset, AArch64 case). */
	unsigned el = pe->cfg.have_el2 ? 2 : 1;
	pe->s.pstate = EL2_PSR_DAIF | ((uint64_t)el << EL2_PSR_EL_SHIFT) | EL2_PSR_SP;
	pe->raz_wi_count = 0;
	pe->at_pending = false;
}

const el2_config *el2_pe_config(const el2_pe *pe)
{
	return pe ? &pe->cfg : NULL;
}

int el2_pe_has(const el2_pe *pe, el2_feature f)
{
	return pe && have_feat(pe, f);
}

unsigned el2_pe_el(const el2_pe *pe)
{
	return pe ? pe_el(pe) : 0;
}

uint64_t el2_pe_pc(const el2_pe *pe)
{
	return pe ? pe->s.pc : 0;
}


/* A PSTATE the PE could be in: AArch64, implemented EL, M[1] = 0, no
 * SP_ELx at EL0. */
static bool pstate_possible(const el2_pe *pe, uint64_t v)
{
	unsigned el = EL2_PSR_GET_EL(v);
	if (v & EL2_PSR_NRW) /* an AArch32 mode this PE has (ELFromM32) */
		return aarch32_el_from_mode(pe, (unsigned)(v & EL2_PSR_M), &el);
	if ((v & EL2_PSR_NRW) || (v & EL2_PSR_M1) || !have_el(pe, el) || el == 3)
		return false;
	return !(el == 0 && (v & EL2_PSR_SP));
}

el2_err el2_reg_read(const el2_pe *pe, el2_reg reg, uint64_t *val)
{
	if (!pe || !val)
		return EL2_ERR_INVALID_ARG;
	if (reg <= EL2_REG_X30)
		*val = pe->s.x[reg];
	else if (reg == EL2_REG_SP)
		*val = pe->s.sr[current_sp_slot(pe)];
	else if (reg == EL2_REG_PC)
		*val = pe->s.pc;
	else if (reg == EL2_REG_PSTATE)
		*val = pe->s.pstate;
	else if (reg >= EL2_REG_V0 && reg <= EL2_REG_V31)
		*val = pe->s.v[reg - EL2_REG_V0].lo;
	else if (EL2_REG_IS_SYSREG(reg))
		*val = sysreg_raw_read(pe, (el2_sysreg)(reg - EL2_REG_SYSREG_BASE));
	else
		return EL2_ERR_UNKNOWN_REG;
	return EL2_OK;
}

el2_err el2_reg_write(el2_pe *pe, el2_reg reg, uint64_t val)
{
	if (!pe)
		return EL2_ERR_INVALID_ARG;
	if (reg <= EL2_REG_X30) {
		pe->s.x[reg] = val;
	} else if (reg == EL2_REG_SP) {
		pe->s.sr[current_sp_slot(pe)] = val;
	} else if (reg == EL2_REG_PC) {
		pe->s.pc = val;
	} else if (reg == EL2_REG_PSTATE) {
		if (!pstate_possible(pe, val))
			return EL2_ERR_INVALID_ARG;
		pe->s.pstate = val & ((val & EL2_PSR_NRW) ? aarch32_pstate_mask(pe) : pe_pstate_mask(pe));
	} else if (reg >= EL2_REG_V0 && reg <= EL2_REG_V31) {
		pe->s.v[reg - EL2_REG_V0].lo = val;
	} else if (EL2_REG_IS_SYSREG(reg)) {
		el2_sysreg id = (el2_sysreg)(reg - EL2_REG_SYSREG_BASE);
		const el2_sysreg_info *ri = el2_sysreg_get(id);
		if (ri->kind == EL2_SRK_ID || ri->kind == EL2_SRK_SYSOP)
			return EL2_ERR_READ_ONLY;
		/* The SPSel row is PSTATE.SP: the same rule as a PSTATE write
		 * (EL0 has no SP_ELx). */
		if (id == EL2_SR_SPSel && using_aarch32(pe))
			return EL2_ERR_INVALID_ARG; /* AArch32 has no SPSel: M[0] is the mode's */
		if (id == EL2_SR_SPSel &&
		    !pstate_possible(pe, (pe->s.pstate & ~EL2_PSR_SP) | (val & EL2_PSR_SP)))
			return EL2_ERR_INVALID_ARG;
		sysreg_raw_write(pe, id, val);
	} else {
		return EL2_ERR_UNKNOWN_REG;
	}
	return EL2_OK;
}

el2_err el2_vreg_read(const el2_pe *pe, unsigned n, el2_u128 *val)
{
	if (!pe || !val || n > 31)
		return EL2_ERR_INVALID_ARG;
	*val = pe->s.v[n];
	return EL2_OK;
}

el2_err el2_vreg_write(el2_pe *pe, unsigned n, el2_u128 val)
{
	if (!pe || n > 31)
		return EL2_ERR_INVALID_ARG;
	pe->s.v[n] = val;
	return EL2_OK;
}

void el2_pe_set_unknown_hook(el2_pe *pe, el2_unknown_fn fn, void *ctx)
{
	if (!pe)
		return;
	pe->unknown_fn = fn;
	pe->unknown_ctx = ctx;
}

uint64_t pe_unknown(el2_pe *pe, el2_reg reg, uint64_t old)
{
	return pe->unknown_fn ? pe->unknown_fn(pe->unknown_ctx, reg, old) : old;
}

uint64_t el2_pe_raz_wi_count(const el2_pe *pe)
{
	return pe ? pe->raz_wi_count : 0;
}

void el2_pe_set_counter(el2_pe *pe, uint64_t count)
{
	if (pe)
		pe->s.counter = count;
}

uint64_t el2_pe_counter(const el2_pe *pe)
{
	return pe ? pe->s.counter : 0;
}
