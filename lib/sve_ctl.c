/* SPDX-License-Identifier: MIT */
/* FEAT_SVE control (Arm ARM DDI 0487 J.a): CPACR_EL1.ZEN, CPTR_EL2.ZEN
 * (E2H = 1 layout) and CPTR_EL2.TZ (E2H = 0 layout) as
 * aarch64/functions/sve/CheckSVEEnabled and the ZCR_EL1/ZCR_EL2 accessors
 * test them, AArch64.SVEAccessTrap (EC 0x19, ISS 0). The Z and P registers
 * are not modelled: Unicorn holds them and cannot run SVE instructions at
 * all in the engine's set-up, so an enabled SVE instruction other than
 * RDVL/ADDVL/ADDPL is reported by the engine as one it cannot execute.
 * The vector length is fixed at 128 bits (ZCR_ELx.LEN is stored but every
 * length it asks for is constrained to the one implemented). The fixed
 * SCR_EL3/CPTR_EL3 (have_el3) never trap SVE (CPTR_EL3.EZ = 1). */
#include "exc_internal.h"
#include "sve_ctl.h"
#include "sysreg_access.h"

/* The ZEN/FPEN encoding: 'x0' disabled at EL0 and EL1, '01' at EL0 only
 * (for CPTR_EL2: at EL0 when TGE = 1), '11' enabled. */
static bool en_disabled(unsigned field, bool el0_case)
{
	return !(field & 1u) || (field == 1u && el0_case);
}

static unsigned zen(uint64_t reg)
{
	return (unsigned)((reg & EL2_CPACR_ZEN) >> EL2_CPACR_ZEN_SHIFT);
}

/* CheckSVEEnabled: which trap, and where, in its order: CPACR_EL1.ZEN
 * (SVE, EL1), CPACR_EL1.FPEN (FP, EL1), then CPTR_EL2 ZEN or TZ (SVE,
 * EL2) before CPTR_EL2 FPEN or TFP (FP, EL2). The FPEN/TFP tests are
 * AArch64.CheckFPEnabled's: fp_trap_target gives the level they trap to. */
static void check_sve_enabled(const el2_pe *pe, el2_exc_type *type, unsigned *el)
{
	unsigned cur = pe_el(pe);
	unsigned fp = fp_trap_target(pe);
	*type = EL2_EXC_UNCATEGORIZED;
	*el = 0;
	if (cur <= 1 && !is_in_host(pe) && en_disabled(zen(SR(pe, CPACR_EL1)), cur == 0)) {
		*type = EL2_EXC_SVE_TRAP, *el = 1;
		return;
	}
	if (fp == 1) {
		*type = EL2_EXC_FP_TRAP, *el = 1;
		return;
	}
	if (cur <= 2 && el2_enabled(pe)) {
		uint64_t cptr = SR(pe, CPTR_EL2);
		bool el0_tge = cur == 0 && (hcr(pe) & EL2_HCR_TGE);
		bool sve_off = el_is_in_host(pe, 2) ? en_disabled(zen(cptr), el0_tge)
						    : (cptr & EL2_CPTR_TZ) != 0;
		if (sve_off) {
			*type = EL2_EXC_SVE_TRAP, *el = 2;
			return;
		}
	}
	if (fp == 2)
		*type = EL2_EXC_FP_TRAP, *el = 2;
}

/* ZCR_EL1 accessor at EL1: "CPACR_EL1.ZEN == 'x0'" -> SystemAccessTrap(EL1,
 * 0x19); then (EL1 and EL2) "HCR_EL2.E2H == '0' && CPTR_EL2.TZ == '1'" or
 * "HCR_EL2.E2H == '1' && CPTR_EL2.ZEN == 'x0'" -> SystemAccessTrap(EL2,
 * 0x19). FPEN is not checked by the accessors. */
access_verdict sve_zcr_check(const el2_pe *pe)
{
	unsigned el = pe_el(pe);
	if (el == 1 && !(zen(SR(pe, CPACR_EL1)) & 1u))
		return (access_verdict){ACCESS_SVE_TRAP, 1};
	if (el <= 2 && el2_enabled(pe)) {
		uint64_t cptr = SR(pe, CPTR_EL2);
		bool off = el_is_in_host(pe, 2) ? !(zen(cptr) & 1u) : (cptr & EL2_CPTR_TZ) != 0;
		if (off)
			return (access_verdict){ACCESS_SVE_TRAP, 2};
	}
	return (access_verdict){ACCESS_OK, 0};
}

bool sve_is_insn(uint32_t insn)
{
	return ((insn >> 25) & 0xfu) == 0x2u;
}

static int64_t imm6(uint32_t insn)
{
	return (int64_t)(((int32_t)(insn << 21)) >> 26); /* bits [10:5], signed */
}

void sve_exec(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	if (!have_feat(pe, EL2_FEAT_SVE)) {
		exc_undefined(pe, res);
		return;
	}
	el2_exc_type type;
	unsigned el;
	check_sve_enabled(pe, &type, &el);
	if (type == EL2_EXC_SVE_TRAP) {
		exc_sve_trap(pe, el, res);
		return;
	}
	if (type == EL2_EXC_FP_TRAP) {
		exc_fp_trap(pe, el, res);
		return;
	}
	unsigned d = insn & 31u, n = (insn >> 16) & 31u;
	int64_t vl_bytes = SVE_VL_BITS / 8;
	if ((insn & 0xfffff800u) == 0x04bf5000u) { /* RDVL Xd, #imm */
		exec_done_x(pe, d, (uint64_t)(imm6(insn) * vl_bytes), res);
	} else if ((insn & 0xffa0f800u) == 0x04205000u) { /* ADDVL / ADDPL Xd|SP, Xn|SP */
		int64_t unit = (insn & EL2_BIT(22)) ? vl_bytes / 8 : vl_bytes;
		uint64_t v = x_read_sp(pe, n) + (uint64_t)(imm6(insn) * unit);
		if (d == 31) {
			pe->s.sr[current_sp_slot(pe)] = v;
			res->flags |= EL2_EF_SP_CHANGED;
		}
		exec_done_x(pe, d, v, res);
	}
	/* else enabled, but the model cannot execute it */
}
