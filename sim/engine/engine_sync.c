/* SPDX-License-Identifier: MIT */
/* Register transfer between the model (el2_pe) and Unicorn.
 *
 * Unicorn holds live: X0-X30, the current SP (one register: the model owns
 * the SP_EL0/SP_EL1/SP_EL2 banks and swaps the right one in), NZCV, V0-V31,
 * FPCR, FPSR and TPIDR_EL0 (these run natively at Unicorn-EL0). The model
 * holds everything else. TPIDRRO_EL0 is readable natively at EL0, so the
 * model's value is mirrored into Unicorn whenever it may have changed. */
#include <string.h>

#include "engine_internal.h"
#include "model_seam.h"

#define N_GPR 31
/* The batch of 64-bit registers transferred at run boundaries. */
enum { B_SP = N_GPR, B_NZCV, B_FPCR, B_FPSR, B_TPIDR, B_COUNT };

static void batch_ids(int *ids)
{
	for (unsigned i = 0; i < N_GPR; i++)
		ids[i] = engine_gpr_id(i);
	ids[B_SP] = UC_ARM64_REG_SP;
	ids[B_NZCV] = UC_ARM64_REG_NZCV;
	ids[B_FPCR] = UC_ARM64_REG_FPCR;
	ids[B_FPSR] = UC_ARM64_REG_FPSR;
	ids[B_TPIDR] = UC_ARM64_REG_TPIDR_EL0;
}

/* V0-V31 as Q registers, in one call (one call per register was a fifth
 * of a checked trip's register traffic). */
static bool q_batch(el2_engine *eng, uint64_t q[32][2], bool write)
{
	int ids[32];
	void *ptrs[32];
	for (unsigned i = 0; i < 32; i++) {
		ids[i] = UC_ARM64_REG_Q0 + (int)i;
		ptrs[i] = q[i];
	}
	uc_err e = write ? uc_reg_write_batch(eng->uc, ids, ptrs, 32)
			 : uc_reg_read_batch(eng->uc, ids, ptrs, 32);
	return e == UC_ERR_OK;
}

el2_err sync_to_model(el2_engine *eng)
{
	el2_pe *pe = eng->pe;
	int ids[B_COUNT];
	uint64_t vals[B_COUNT] = {0};
	void *ptrs[B_COUNT];
	batch_ids(ids);
	for (unsigned i = 0; i < B_COUNT; i++)
		ptrs[i] = &vals[i];
	/* Unicorn transfers NZCV, FPCR and FPSR as 32-bit values: the zeroed
	 * upper halves stay zero. */
	if (uc_reg_read_batch(eng->uc, ids, ptrs, B_COUNT) != UC_ERR_OK)
		return EL2_ERR_INVALID_ARG;
	memcpy(pe->s.x, vals, sizeof(pe->s.x));
	pe->s.sr[current_sp_slot(pe)] = vals[B_SP];
	pe->s.pstate = (pe->s.pstate & ~EL2_PSR_NZCV) | ((uint32_t)vals[B_NZCV] & EL2_PSR_NZCV);
	SR(pe, FPCR) = (uint32_t)vals[B_FPCR];
	SR(pe, FPSR) = (uint32_t)vals[B_FPSR];
	SR(pe, TPIDR_EL0) = vals[B_TPIDR];
	uint64_t q[32][2];
	if (!q_batch(eng, q, false))
		return EL2_ERR_INVALID_ARG;
	for (unsigned i = 0; i < 32; i++) {
		pe->s.v[i].lo = q[i][0];
		pe->s.v[i].hi = q[i][1];
	}
	return EL2_OK;
}

el2_err sync_to_unicorn(el2_engine *eng)
{
	el2_pe *pe = eng->pe;
	int ids[B_COUNT];
	uint64_t vals[B_COUNT];
	void *ptrs[B_COUNT];
	batch_ids(ids);
	insn_sync_el(eng); /* before SP: it is banked by Unicorn's EL */
	memcpy(vals, pe->s.x, sizeof(pe->s.x));
	vals[B_SP] = pe->s.sr[current_sp_slot(pe)];
	vals[B_NZCV] = pe->s.pstate & EL2_PSR_NZCV;
	vals[B_FPCR] = SR(pe, FPCR);
	vals[B_FPSR] = SR(pe, FPSR);
	vals[B_TPIDR] = SR(pe, TPIDR_EL0);
	for (unsigned i = 0; i < B_COUNT; i++)
		ptrs[i] = &vals[i];
	if (uc_reg_write_batch(eng->uc, ids, ptrs, B_COUNT) != UC_ERR_OK)
		return EL2_ERR_INVALID_ARG;
	uint64_t q[32][2];
	for (unsigned i = 0; i < 32; i++) {
		q[i][0] = pe->s.v[i].lo;
		q[i][1] = pe->s.v[i].hi;
	}
	if (!q_batch(eng, q, true))
		return EL2_ERR_INVALID_ARG;
	uint64_t ro = SR(pe, TPIDRRO_EL0);
	uc_reg_write(eng->uc, UC_ARM64_REG_TPIDRRO_EL0, &ro);
	uint64_t pc = pe->s.pc;
	uc_reg_write(eng->uc, UC_ARM64_REG_PC, &pc);
	eng->el = pe_el(pe);
	return EL2_OK;
}

void sync_fp(el2_engine *eng)
{
	bool fp = el2_fp_access_trapped(eng->pe);
	if (fp && !eng->hook_fp && eng->strategy == EL2_STRATEGY_TRAP)
		eng->reconfigure = true;
	eng->fp_trapped = fp;
}

void sync_world(el2_engine *eng)
{
	sync_fp(eng);
	eng->el = pe_el(eng->pe);
	/* EL, PSTATE.PAN and HCR_EL2 all choose the memory protection
	 * profile: checked at every world-changing point (cheap). */
	fault_world_changed(eng);
}

void sync_after_model(el2_engine *eng, const el2_exec_result *r)
{
	el2_pe *pe = eng->pe;
	insn_sync_el(eng); /* before SP: it is banked by Unicorn's EL */
	int ids[3] = {UC_ARM64_REG_SP, UC_ARM64_REG_NZCV, 0};
	uint64_t vals[3] = {pe->s.sr[current_sp_slot(pe)], pe->s.pstate & EL2_PSR_NZCV, 0};
	void *ptrs[3] = {&vals[0], &vals[1], &vals[2]};
	int n = 2;
	if (r && (r->flags & EL2_EF_GPR_WRITTEN) && r->rt < 31) {
		ids[2] = engine_gpr_id(r->rt);
		vals[2] = pe->s.x[r->rt];
		n = 3;
	}
	uc_reg_write_batch(eng->uc, ids, ptrs, n);
	if (r && r->is_write && r->reg == EL2_SYSREG(TPIDRRO_EL0)) {
		uint64_t ro = SR(pe, TPIDRRO_EL0);
		uc_reg_write(eng->uc, UC_ARM64_REG_TPIDRRO_EL0, &ro);
	}
	sync_world(eng);
}

el2_err el2_engine_sync(el2_engine *eng)
{
	if (!eng)
		return EL2_ERR_INVALID_ARG;
	el2_err err = sync_to_model(eng);
	if (!err && eng->running && !eng->in_trap) {
		uint64_t pc;
		uc_reg_read(eng->uc, UC_ARM64_REG_PC, &pc);
		eng->pe->s.pc = pc;
	}
	return err;
}

void sync_gprs_in(el2_engine *eng)
{
	el2_pe *pe = eng->pe;
	int ids[N_GPR];
	void *ptrs[N_GPR];
	for (unsigned i = 0; i < N_GPR; i++) {
		ids[i] = engine_gpr_id(i);
		ptrs[i] = &pe->s.x[i];
	}
	uc_reg_read_batch(eng->uc, ids, ptrs, N_GPR);
	sync_sp_nzcv_in(eng);
}

void sync_sp_nzcv_in(el2_engine *eng)
{
	el2_pe *pe = eng->pe;
	int ids[2] = {UC_ARM64_REG_SP, UC_ARM64_REG_NZCV};
	uint64_t vals[2] = {0, 0};
	void *ptrs[2] = {&vals[0], &vals[1]};
	uc_reg_read_batch(eng->uc, ids, ptrs, 2);
	pe->s.sr[current_sp_slot(pe)] = vals[0];
	pe->s.pstate = (pe->s.pstate & ~EL2_PSR_NZCV) | ((uint32_t)vals[1] & EL2_PSR_NZCV);
}
