/* SPDX-License-Identifier: MIT */
/* MRS and MSR (register) against the table: look-up, checks (see
 * sysreg_checks.c), VHE redirection, and the access itself.
 * C6.2 MRS / MSR (register): AArch64.SysRegRead / AArch64.SysRegWrite
 * dispatch to the accessor pseudocode of the encoded register (D19
 * "Accessing <register>", DDI 0487 J.a). */
#include "aarch32_internal.h"
#include "exc_internal.h"
#include "pmu.h"
#include "sysreg_access.h"
#include "ras_internal.h"
#include "sysreg_rules.h"

static unsigned insn_rt(uint32_t insn)
{
	return insn & 31u;
}

el2_sysreg sysreg_effective(const el2_pe *pe, el2_sysreg id)
{
	const el2_sysreg_info *ri = sr_row(id);
	if (id == EL2_SR_DISR_EL1)
		return ras_disr_target(pe);
	if (ri->vhe == EL2_SR_NONE)
		return id;
	if (ri->kind == EL2_SRK_ALIAS)
		return (el2_sysreg)ri->vhe;
	/* Accessors of EL1 (and EL0 timer) registers: "if ELIsInHost(EL2)
	 * then <EL2 register>" at EL2, "ELIsInHost(EL0)" at EL0. */
	if (ri->kind != EL2_SRK_SYSOP && is_in_host(pe))
		return (el2_sysreg)ri->vhe;
	return id;
}

uint64_t sysreg_masked(const el2_pe *pe, el2_sysreg id, uint64_t val)
{
	const el2_sysreg_info *ri = sr_row(id);
	return (val & ~(ri->res0 | sysreg_feature_res0(pe, id))) | ri->res1;
}

/* MIDR_EL1 / MPIDR_EL1 accessors: at EL1 with EL2 enabled the read
 * returns VPIDR_EL2 / VMPIDR_EL2. */
static el2_sysreg virtualized_id(const el2_pe *pe, el2_sysreg id)
{
	if (pe_el(pe) == 1 && el2_enabled(pe)) {
		if (id == EL2_SR_MIDR_EL1)
			return EL2_SR_VPIDR_EL2;
		if (id == EL2_SR_MPIDR_EL1)
			return EL2_SR_VMPIDR_EL2;
	}
	return id;
}

static uint64_t read_row(const el2_pe *pe, el2_sysreg id)
{
	if (pmu_row(id))
		return pmu_read(pe, id, true);
	switch (sr_row(id)->kind) {
	case EL2_SRK_SPECIAL:
		return special_read(pe, id);
	case EL2_SRK_ID:
		if (id == EL2_SR_DCZID_EL0)
			return sysreg_id_value(&pe->cfg, id) | sysreg_dczid_dzp(pe);
		return sysreg_id_value(&pe->cfg, id);
	default:
		return pe->s.sr[id];
	}
}

static void write_row(el2_pe *pe, el2_sysreg id, uint64_t val)
{
	if (pmu_row(id))
		pmu_write(pe, id, val, true);
	else if (sr_row(id)->kind == EL2_SRK_SPECIAL)
		special_write(pe, id, val);
	else
		pe->s.sr[id] = val;
}


/* Unknown (or unimplemented) encoding answered RAZ/WI. */
static void raz_wi(el2_pe *pe, el2_exec_result *res)
{
	if (!res->is_write && res->rt != 31) {
		pe->s.x[res->rt] = 0;
		res->flags |= EL2_EF_GPR_WRITTEN;
	}
	res->flags |= EL2_EF_RAZ_WI;
	pe->raz_wi_count++;
	pe->s.pc += 4;
}

/* A reserved ID-space encoding read as zero (architectural RAZ, unlike
 * the el2sim option above: not counted, not flagged). */
static void reserved_id_raz(el2_pe *pe, el2_exec_result *res)
{
	if (res->rt != 31) {
		pe->s.x[res->rt] = 0;
		res->flags |= EL2_EF_GPR_WRITTEN;
	}
	pe->s.pc += 4;
}

/* Steps shared by MRS and MSR up to the access: returns the row to access
 * or EL2_SR_NONE when an exception was taken or RAZ/WI answered. */
static el2_sysreg check_access(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	uint32_t enc = EL2_SYS_ENC_FROM_INSN(insn);
	el2_sysreg id = sr_lookup(enc);
	bool exists = id != EL2_SR_NONE && sr_row(id)->kind != EL2_SRK_SYSOP &&
		      sysreg_implemented(pe, id);
	access_verdict reserved;
	if (!exists && sysreg_reserved_id(pe, enc, res->is_write, &reserved)) {
		if (reserved.kind == ACCESS_OK)
			reserved_id_raz(pe, res);
		else
			sysreg_raise(pe, reserved, insn, res);
		return EL2_SR_NONE;
	}
	if (!exists) {
		if (sysreg_tidcp_traps(pe, enc))
			exc_sysreg_trap(pe, 2, insn, res);
		else if (pe->cfg.unknown_sysreg_raz_wi)
			raz_wi(pe, res);
		else
			exc_undefined(pe, res);
		return EL2_SR_NONE;
	}
	res->reg_encoded = EL2_REG_SYSREG_BASE + id;
	access_verdict v = sysreg_check(pe, id, res->is_write);
	if (v.kind != ACCESS_OK) {
		sysreg_raise(pe, v, insn, res);
		return EL2_SR_NONE;
	}
	return id;
}

void sysreg_exec_mrs(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	exec_result_reset(res, EL2_OUT_DONE, insn_rt(insn), false);
	el2_sysreg id = check_access(pe, insn, res);
	if (id == EL2_SR_NONE)
		return;
	el2_sysreg target = virtualized_id(pe, sysreg_effective(pe, id));
	uint64_t val = read_row(pe, target);
	res->reg = EL2_REG_SYSREG_BASE + target;
	res->value = val;
	if (res->rt != 31) {
		pe->s.x[res->rt] = val;
		res->flags |= EL2_EF_GPR_WRITTEN;
	}
	pe->s.pc += 4;
}

void sysreg_exec_msr(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	exec_result_reset(res, EL2_OUT_DONE, insn_rt(insn), true);
	el2_sysreg id = check_access(pe, insn, res);
	if (id == EL2_SR_NONE)
		return;
	el2_sysreg target = sysreg_effective(pe, id);
	uint64_t raw = x_read(pe, res->rt);
	uint64_t val = aarch32_write_value(pe, target, raw, sysreg_masked(pe, target, raw));
	el2_sysreg sp_before = current_sp_slot(pe);
	write_row(pe, target, val);
	res->reg = EL2_REG_SYSREG_BASE + target;
	res->value = val;
	res->flags |= sysreg_effects[target] & SRE_WRITE_FLAGS;
	/* Writing the bank that is the current SP changes the SP too. */
	if (target == sp_before || current_sp_slot(pe) != sp_before)
		res->flags |= EL2_EF_SP_CHANGED;
	pe->s.pc += 4;
}
