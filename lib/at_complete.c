/* SPDX-License-Identifier: MIT */
/* Completing what the executor started but cannot finish alone: the PAR_EL1
 * result of an AT instruction (the engine does the walk), the FP/SIMD
 * access check for ordinary instructions, and the DC ZVA block size. */
#include "exc_internal.h"
#include "pe_internal.h"
#include "sysreg_access.h"

/* PAR_EL1 fields (D19 PAR_EL1). */
#define PAR_F EL2_BIT(0)
#define PAR_FST_SHIFT 1   /* F == 1: FST [6:1] */
#define PAR_PTW EL2_BIT(8)
#define PAR_S EL2_BIT(9)
#define PAR_RES1_11 EL2_BIT(11) /* RES1 in both formats (NSE without FEAT_RME) */
#define PAR_SH_SHIFT 7    /* F == 0: SH [8:7] */
#define PAR_NS EL2_BIT(9)
#define PAR_PA_MASK 0x0000fffffffff000ull /* PA [47:12] */
#define PAR_ATTR_SHIFT 56 /* ATTR [63:56] */

static uint64_t par_success(const el2_at_result *r)
{
	return ((uint64_t)r->attr << PAR_ATTR_SHIFT) | (r->pa & PAR_PA_MASK) | PAR_RES1_11 |
	       (r->ns ? PAR_NS : 0) | ((uint64_t)(r->sh & 3u) << PAR_SH_SHIFT);
}

/* The IMPLEMENTATION DEFINED fields of a fault result ([63:48]) are 0. */
static uint64_t par_fault(const el2_at_result *r)
{
	uint64_t fst = el2_encode_fsc(r->fst, r->level) & 0x3fu;
	return PAR_RES1_11 | (r->stage2 ? PAR_S : 0) | (r->ptw ? PAR_PTW : 0) |
	       (fst << PAR_FST_SHIFT) | PAR_F;
}

/* The PAR_EL1 write that ends the operation of every AT instruction
 * (DDI 0487 J.a, the AT instruction descriptions; fields from PAR_EL1). The
 * walk itself is the engine's. */
el2_err el2_at_complete(el2_pe *pe, const el2_at_result *r)
{
	if (!pe || !r)
		return EL2_ERR_INVALID_ARG;
	if (!pe->at_pending)
		return EL2_ERR_NO_PENDING_AT;
	SR(pe, PAR_EL1) = r->fault ? par_fault(r) : par_success(r);
	pe->at_pending = false;
	return EL2_OK;
}

bool el2_fp_access_trapped(const el2_pe *pe)
{
	return pe && fp_trap_target(pe) != 0;
}

/* aarch64/functions/fpsimd/AArch64.CheckFPAdvSIMDEnabled (DDI 0487 J.a) for
 * an ordinary FP/SIMD instruction at PC: trap target from fp_trap_target,
 * the exception from AArch64.AdvSIMDFPAccessTrap (exc_fp_trap). */
bool el2_check_fp_access(el2_pe *pe, el2_exc_outcome *out)
{
	if (!pe)
		return false;
	unsigned target = fp_trap_target(pe);
	if (!target)
		return false;
	el2_exec_result res = {.outcome = EL2_OUT_EXCEPTION, .reg = EL2_REG_NONE,
			       .reg_encoded = EL2_REG_NONE, .rt = 31,
			       .exc_type = EL2_EXC_FP_TRAP};
	exc_fp_trap(pe, target, &res);
	if (out)
		*out = res.exc;
	return true;
}

/* DCZID_EL0.BS (bits [3:0]): log2 of the block size in words. The table
 * may not carry a DCZID_EL0 row; then the model's fixed BS = 4 (64 bytes)
 * applies, the value DCZID_EL0 would report. */
#define DCZID_EL0_ENC EL2_SYS_ENC(3, 3, 0, 0, 7)
#define DCZID_BS_DEFAULT 4u

unsigned el2_dczva_bytes(const el2_pe *pe)
{
	unsigned bs = DCZID_BS_DEFAULT;
	el2_sysreg id = el2_sysreg_by_enc(DCZID_EL0_ENC);
	if (pe && id != EL2_SR_NONE)
		bs = (unsigned)(pe->s.sr[id] & 0xfu);
	return 4u << bs;
}
