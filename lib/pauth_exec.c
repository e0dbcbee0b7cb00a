/* SPDX-License-Identifier: MIT */
/* The FEAT_PAuth instructions (Arm ARM DDI 0487 J.a, C6.2: PACIA, PACIZA,
 * PACIA1716, PACIASP, PACIAZ and the IB/DA/DB forms, AUTIA ... AUTDB, XPACI,
 * XPACD, XPACLRI, PACGA, BRAA/BRAAZ/BLRAA/BLRAAZ/RETAA and the B-key forms,
 * ERETAA/ERETAB). Each follows its operation pseudocode: the key enable
 * (disabled: the operand is returned unchanged, so the instruction is a
 * no-op or a plain branch), then TrapPACUse(EL2) when HCR_EL2.API = 0
 * (EC 0x09, ISS 0), then AddPAC/Auth. Without FEAT_PAuth the hint forms
 * are NOPs and the others UNDEFINED. LDRAA/LDRAB need a memory access the
 * model does not make: pauth_exec answers EL2_OUT_NOT_SYSTEM and the engine
 * reports them as instructions it cannot execute. */
#include "exc_internal.h"
#include "pauth.h"
#include "pauth_exec.h"
#include "sysreg_rules.h"

/* aarch64/functions/pac/... TrapPACUse(EL2): EC 0x09, ISS 0, preferred
 * return the instruction itself. */
static void trap_pac_use(el2_pe *pe, el2_exec_result *res)
{
	el2_exception e = {.type = EL2_EXC_PAC_TRAP};
	exc_take(pe, 2, &e, pe->s.pc, 0x0, res);
}

/* AddPAC<key>(x, modifier) or Auth<key>(x, modifier): false if the PAC
 * trap was taken. */
static bool pac_op(el2_pe *pe, bool auth, pauth_key key, uint64_t *x, uint64_t modifier,
		   el2_exec_result *res)
{
	switch (pauth_gate_for(pe, key)) {
	case PAUTH_DISABLED:
		return true;
	case PAUTH_TRAP_EL2:
		trap_pac_use(pe, res);
		return false;
	case PAUTH_RUN:
	default:
		*x = auth ? pauth_auth(pe, *x, modifier, key) : pauth_add(pe, *x, modifier, key);
		return true;
	}
}

/* Data-processing (1 source) with opcode2 = 00001: PAC*, AUT*, XPAC*. */
static void exec_dp1(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	unsigned opcode = (insn >> 10) & 0x3fu, n = (insn >> 5) & 31u, d = insn & 31u;
	bool zero = opcode & 8u;
	if (opcode >= 0x12 || (opcode >= 0x08 && n != 31)) {
		exc_undefined(pe, res);
		return;
	}
	uint64_t x = x_read(pe, d);
	if (opcode >= 0x10) { /* XPACI, XPACD: Strip, no enable, no trap */
		exec_done_x(pe, d, pauth_strip(pe, x, opcode == 0x11), res);
		return;
	}
	pauth_key key = (pauth_key)(opcode & 3u);
	bool auth = opcode & 4u;
	uint64_t modifier = zero ? 0 : x_read_sp(pe, n);
	if (pac_op(pe, auth, key, &x, modifier, res))
		exec_done_x(pe, d, x, res);
}

/* PACGA Xd, Xn, Xm|SP: AddPACGA (no key enable). */
static void exec_pacga(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	unsigned m = (insn >> 16) & 31u, n = (insn >> 5) & 31u, d = insn & 31u;
	if (pauth_gate_for(pe, PAUTH_GA) == PAUTH_TRAP_EL2) {
		trap_pac_use(pe, res);
		return;
	}
	exec_done_x(pe, d, pauth_add_ga(pe, x_read(pe, n), x_read_sp(pe, m)), res);
}

/* BRAA, BRAAZ, BLRAA, BLRAAZ, RETAA and the B forms: target =
 * Auth<IA|IB>(X[n], modifier); BLRA* writes X30 = PC + 4. */
static void exec_branch(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	unsigned n = (insn >> 5) & 31u, m = insn & 31u;
	bool key_b = (insn >> 10) & 1u;
	bool ret = (insn & 0xfffffbffu) == 0xd65f0bffu;
	bool link = ((insn >> 21) & 3u) == 1u;
	bool reg_mod = (insn >> 24) & 1u; /* BRAA/BLRAA: modifier Xm|SP */
	uint64_t target = ret ? pe->s.x[30] : x_read(pe, n);
	uint64_t modifier = ret ? pe->s.sr[current_sp_slot(pe)] : reg_mod ? x_read_sp(pe, m) : 0;
	if (!pac_op(pe, true, key_b ? PAUTH_IB : PAUTH_IA, &target, modifier, res))
		return;
	if (link) {
		pe->s.x[30] = pe->s.pc + 4;
		res->rt = 30;
		res->flags |= EL2_EF_GPR_WRITTEN;
	}
	res->outcome = EL2_OUT_DONE;
	res->value = target;
	pe->s.pc = target;
}

bool pauth_is_insn(uint32_t insn)
{
	return (insn & 0xffff0000u) == 0xdac10000u ||  /* DP 1-source, opcode2 00001 */
	       (insn & 0xffe0fc00u) == 0x9ac03000u ||  /* PACGA */
	       (insn & 0xffdff81fu) == 0xd61f081fu ||  /* BRAAZ/BRABZ/BLRAAZ/BLRABZ */
	       (insn & 0xfffffbffu) == 0xd65f0bffu ||  /* RETAA/RETAB */
	       (insn & 0xffdff800u) == 0xd71f0800u ||  /* BRAA/BRAB/BLRAA/BLRAB */
	       (insn & 0xff200400u) == 0xf8200400u;    /* LDRAA/LDRAB */
}

void pauth_exec(el2_pe *pe, uint32_t insn, el2_exec_result *res)
{
	if ((insn & 0xff200400u) == 0xf8200400u)
		return; /* LDRAA/LDRAB: not performed (NOT_SYSTEM) */
	res->rt = 31;
	if (!have_feat(pe, EL2_FEAT_PAUTH)) {
		exc_undefined(pe, res);
		return;
	}
	if ((insn & 0xffff0000u) == 0xdac10000u)
		exec_dp1(pe, insn, res);
	else if ((insn & 0xffe0fc00u) == 0x9ac03000u)
		exec_pacga(pe, insn, res);
	else
		exec_branch(pe, insn, res);
}

/* The PAC hints (CRm:op2 of the hint space): PACIA1716 8, PACIB1716 10,
 * AUTIA1716 12, AUTIB1716 14, XPACLRI 7, PACIAZ 24, PACIASP 25, PACIBZ 26,
 * PACIBSP 27, AUTIAZ 28, AUTIASP 29, AUTIBZ 30, AUTIBSP 31. */
bool pauth_hint(el2_pe *pe, unsigned crm_op2, el2_exec_result *res)
{
	bool x17 = crm_op2 >= 8 && crm_op2 <= 14 && !(crm_op2 & 1u);
	bool lr = crm_op2 >= 24 && crm_op2 <= 31;
	if (crm_op2 != 7 && !x17 && !lr)
		return false;
	if (!have_feat(pe, EL2_FEAT_PAUTH))
		return false; /* hint space: a NOP without the feature */
	if (crm_op2 == 7) {
		exec_done_x(pe, 30, pauth_strip(pe, pe->s.x[30], false), res);
		res->flags |= EL2_EF_HINT;
		return true;
	}
	/* k: bit 1 = B key, bit 2 = AUT (both groups are laid out alike) */
	unsigned d = x17 ? 17 : 30;
	unsigned k = x17 ? (crm_op2 - 8) : (crm_op2 - 24);
	bool key_b = k & 2u, auth = k & 4u;
	uint64_t modifier = x17 ? pe->s.x[16] : (crm_op2 & 1u) ? pe->s.sr[current_sp_slot(pe)] : 0;
	uint64_t x = pe->s.x[d];
	if (pac_op(pe, auth, key_b ? PAUTH_IB : PAUTH_IA, &x, modifier, res)) {
		exec_done_x(pe, d, x, res);
		res->flags |= EL2_EF_HINT;
	}
	return true;
}

/* ERETAA/ERETAB: target = Auth<IA|IB>(ELR[], SP[]) before
 * AArch64.ExceptionReturn; false if the PAC trap was taken. */
bool pauth_eret_target(el2_pe *pe, bool key_b, uint64_t *elr, el2_exec_result *res)
{
	return pac_op(pe, true, key_b ? PAUTH_IB : PAUTH_IA, elr, pe->s.sr[current_sp_slot(pe)],
		      res);
}
