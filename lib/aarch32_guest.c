/* SPDX-License-Identifier: MIT */
/* The model-performed AArch32 guest (include/el2sim/aarch32.h): each
 * operation follows the AArch32 instruction's pseudocode as far as it
 * reaches AArch64 state (Arm ARM DDI 0487 J.a): the CP15 accessors'
 * traps (AArch64.AArch32SystemAccessTrap), AArch32.CallSupervisor,
 * AArch32.CallHypervisor, AArch32.CheckForWFxTrap,
 * AArch32.CheckAdvSIMDOrFPEnabled, AArch32.UndefinedFault and aborts, each
 * routed to AArch64 EL1/EL2 through AArch64.TakeException. */
#include "aarch32_regs.h"
#include "event_internal.h"
#include "exc_internal.h"
#include "sysreg_access.h"

/* ConditionSyndrome for an unconditional instruction: CV = 1, COND = AL
 * (every operation here is unconditional, outside an IT block). */
#define COND_AL_SYNDROME ((1u << 24) | (0xeu << 20))

static unsigned insn_len(const el2_pe *pe, const el2_a32_op *op)
{
	return ((pe->s.pstate & EL2_PSR32_T) && op->t16) ? 2u : 4u;
}

static bool t16(const el2_pe *pe, const el2_a32_op *op)
{
	return insn_len(pe, op) == 2;
}

static void complete(el2_pe *pe, const el2_a32_op *op)
{
	pe->s.pc = (pe->s.pc + insn_len(pe, op)) & 0xffffffffull;
}

/* An exception to AArch64 target_el. One to EL1 while EL1 uses AArch32
 * would be AArch32.TakeException: not modelled (el2_take_exception
 * refuses it with EL2_ERR_UNSUPPORTED before changing any state). */
static el2_err take(el2_pe *pe, unsigned target, el2_exception e, uint64_t preferred,
		    const el2_a32_op *op, el2_a32_result *res)
{
	e.t16 = t16(pe, op);
	el2_err err = el2_take_exception(pe, target, &e, preferred, 0x0, &res->exc);
	if (err)
		return err;
	res->taken = true;
	res->type = e.type;
	return EL2_OK;
}

/* aarch32/exceptions/traps/AArch32.UndefinedFault: to EL2 from EL0 with
 * TGE = 1, else EL1 (AArch64.UndefinedFault when EL1 uses AArch64). */
static el2_err undefined(el2_pe *pe, const el2_a32_op *op, el2_a32_result *res)
{
	el2_exception e = {.type = EL2_EXC_UNCATEGORIZED};
	return take(pe, el2_sync_target_el(pe, e.type, false), e, pe->s.pc, op, res);
}

/* HSTR_EL2.T<n> (n = CRn, not 4 or 14): EL0/EL1 CP15 accesses with EL2
 * enabled and not in host trap to EL2. */
static bool hstr_traps(const el2_pe *pe, unsigned crn)
{
	return crn != 4 && crn != 14 && crn < 16 && el2_enabled(pe) && !is_in_host(pe) &&
	       (SR(pe, HSTR_EL2) >> crn) & 1u;
}

/* ISS of EC 0x03 (MCR/MRC): CV, COND, Opc2 [19:17], Opc1 [16:14], CRn
 * [13:10], Rt [9:5], CRm [4:1], Direction [0] (1 = read). */
static uint32_t iss_cp15(const el2_a32_op *op, bool read)
{
	return COND_AL_SYNDROME | (op->opc2 & 7u) << 17 | (op->opc1 & 7u) << 14 |
	       (op->crn & 15u) << 10 | (op->rt & 31u) << 5 | (op->crm & 15u) << 1 |
	       (read ? 1u : 0u);
}

/* The CP15 accessors (D19/G8 "Accessing <register>"): EL0 UNDEFINED
 * unless the register is an EL0 one, then HSTR_EL2, HCR_EL2.TVM/TRVM,
 * CPTR_EL2.TCPAC (EL1 only), then the access. */
static el2_err cp15(el2_pe *pe, const el2_a32_op *op, bool read, el2_a32_result *res)
{
	const struct cp15_row *r = aarch32_cp15_row(op->opc1, op->crn, op->crm, op->opc2);
	unsigned el = pe_el(pe);
	bool el0_ok = r && ((r->flags & CP15_EL0_RW) || ((r->flags & CP15_EL0_RO) && read));
	if (el == 0 && !el0_ok)
		return undefined(pe, op, res);
	el2_exception trap = {.type = EL2_EXC_CP15RT_TRAP, .iss = iss_cp15(op, read)};
	if (hstr_traps(pe, op->crn))
		return take(pe, 2, trap, pe->s.pc, op, res);
	if (!r)
		return undefined(pe, op, res);
	uint64_t h = hcr(pe);
	if (el == 1 && el2_enabled(pe) && (r->flags & CP15_TVM) &&
	    (h & (read ? EL2_HCR_TRVM : EL2_HCR_TVM)))
		return take(pe, 2, trap, pe->s.pc, op, res);
	if (el == 1 && el2_enabled(pe) && (r->flags & CP15_TCPAC) &&
	    (SR(pe, CPTR_EL2) & EL2_CPTR_TCPAC))
		return take(pe, 2, trap, pe->s.pc, op, res);
	if (read)
		(void)el2_a32_reg_write(pe, op->rt, aarch32_cp15_read(pe, r));
	else
		aarch32_cp15_write(pe, r, (uint32_t)pe->s.x[el2_a32_xreg(
						  (unsigned)(pe->s.pstate & EL2_PSR_M), op->rt)]);
	complete(pe, op);
	return EL2_OK;
}

/* ISS of EC 0x04 (MCRR/MRRC): CV, COND, Opc1 [19:16], Rt2 [14:10], Rt
 * [9:5], CRm [4:1], Direction [0] (1 = read). */
static uint32_t iss_cp15_64(const el2_a32_op *op, bool read)
{
	return COND_AL_SYNDROME | (op->opc1 & 15u) << 16 | (op->rt2 & 31u) << 10 |
	       (op->rt & 31u) << 5 | (op->crm & 15u) << 1 | (read ? 1u : 0u);
}

/* The 64-bit CP15 accessors (TTBR0/TTBR1): UNDEFINED at EL0, HSTR_EL2.T<CRm>
 * (64-bit accesses are trapped by their CRm), HCR_EL2.TVM/TRVM (EC 0x04);
 * Rt holds bits [31:0], Rt2 bits [63:32]. */
static el2_err cp15_64(el2_pe *pe, const el2_a32_op *op, bool read, el2_a32_result *res)
{
	const struct cp15_row *r = aarch32_cp15_row64(op->opc1, op->crm);
	if (pe_el(pe) == 0)
		return undefined(pe, op, res);
	el2_exception trap = {.type = EL2_EXC_CP15RRT_TRAP, .iss = iss_cp15_64(op, read)};
	if (hstr_traps(pe, op->crm))
		return take(pe, 2, trap, pe->s.pc, op, res);
	if (!r)
		return undefined(pe, op, res);
	if (el2_enabled(pe) && (hcr(pe) & (read ? EL2_HCR_TRVM : EL2_HCR_TVM)))
		return take(pe, 2, trap, pe->s.pc, op, res);
	unsigned m = (unsigned)(pe->s.pstate & EL2_PSR_M);
	if (read) {
		uint64_t v = pe->s.sr[r->reg];
		(void)el2_a32_reg_write(pe, op->rt, (uint32_t)v);
		(void)el2_a32_reg_write(pe, op->rt2, (uint32_t)(v >> 32));
	} else {
		uint64_t v = (uint32_t)pe->s.x[el2_a32_xreg(m, op->rt)] |
			     (uint64_t)(uint32_t)pe->s.x[el2_a32_xreg(m, op->rt2)] << 32;
		pe->s.sr[r->reg] = aarch32_write_value(pe, r->reg, v, sysreg_masked(pe, r->reg, v));
	}
	complete(pe, op);
	return EL2_OK;
}

/* aarch32/functions/system/AArch32.CallSupervisor: to EL2 from EL0 with
 * TGE = 1, else EL1; preferred return the next instruction; ISS imm16. */
static el2_err svc(el2_pe *pe, const el2_a32_op *op, el2_a32_result *res)
{
	el2_exception e = {.type = EL2_EXC_SVC, .iss = el2_iss_imm16(op->imm)};
	uint64_t next = pe->s.pc + insn_len(pe, op);
	return take(pe, el2_sync_target_el(pe, e.type, false), e, next, op, res);
}

/* aarch32/instrs/HVC: UNDEFINED at EL0 and with HCR_EL2.HCD = 1;
 * AArch64.CallHypervisor otherwise (to EL2, return to the next one). */
static el2_err hvc(el2_pe *pe, const el2_a32_op *op, el2_a32_result *res)
{
	if (pe_el(pe) == 0 || !el2_enabled(pe) || (SR(pe, HCR_EL2) & EL2_HCR_HCD))
		return undefined(pe, op, res);
	el2_exception e = {.type = EL2_EXC_HVC, .iss = el2_iss_imm16(op->imm)};
	return take(pe, 2, e, pe->s.pc + insn_len(pe, op), op, res);
}

/* aarch32/instrs/WFE, WFI with AArch32.CheckForWFxTrap: a set Event
 * Register completes WFE, a pending interrupt completes WFI; then EL0 ->
 * SCTLR.nTWx (EL1's), EL0/EL1 -> HCR_EL2.TWx. Not trapped: the wait is a
 * hint here (the operation completes). */
static el2_err wfx(el2_pe *pe, const el2_a32_op *op, bool is_wfe, el2_a32_result *res)
{
	if (is_wfe && event_is_set(pe)) {
		event_clear(pe);
		complete(pe, op);
		return EL2_OK;
	}
	if (!is_wfe && event_interrupt_pending(pe)) {
		complete(pe, op);
		return EL2_OK;
	}
	el2_exception e = {.type = EL2_EXC_WFX_TRAP, .iss = el2_iss_wfx(is_wfe ? 1u : 0u)};
	uint64_t ntw = is_wfe ? EL2_SCTLR_NTWE : EL2_SCTLR_NTWI;
	if (pe_el(pe) == 0 && !(sctlr_current(pe) & ntw))
		return take(pe, el1_target_goes_to_el2(pe, 1) ? 2 : 1, e, pe->s.pc, op, res);
	uint64_t tw = is_wfe ? EL2_HCR_TWE : EL2_HCR_TWI;
	if (el2_enabled(pe) && !is_in_host(pe) && (hcr(pe) & tw))
		return take(pe, 2, e, pe->s.pc, op, res);
	complete(pe, op);
	return EL2_OK;
}

/* aarch32/functions/fpsimd/AArch32.CheckAdvSIMDOrFPEnabled: with EL1 in
 * AArch64 the AArch64 checks (CPACR_EL1.FPEN, CPTR_EL2) apply; with EL1
 * in AArch32, CPACR.cp10 and FPEXC.EN make the instruction UNDEFINED, then
 * AArch64.CheckFPAdvSIMDTrap (CPTR_EL2.TFP / FPEN) traps it to EL2. */
static el2_err vfp(el2_pe *pe, const el2_a32_op *op, el2_a32_result *res)
{
	el2_exception e = {.type = EL2_EXC_FP_TRAP, .iss = el2_iss_fp()};
	if (el1_using_aarch32(pe)) {
		unsigned cp10 = (unsigned)((SR(pe, CPACR_EL1) & EL2_CPACR_FPEN) >> EL2_CPACR_FPEN_SHIFT);
		bool cpacr_ok = pe_el(pe) == 0 ? cp10 == 3 : (cp10 & 1u);
		if (!cpacr_ok || !(SR(pe, FPEXC32_EL2) & EL2_BIT(30)))
			return undefined(pe, op, res);
	}
	unsigned target = fp_trap_target(pe);
	if (el1_target_goes_to_el2(pe, target))
		e = (el2_exception){.type = EL2_EXC_UNCATEGORIZED}, target = 2;
	if (target)
		return take(pe, target, e, pe->s.pc, op, res);
	complete(pe, op);
	return EL2_OK;
}

/* An abort: AArch64.Abort's routing (EL2 for a stage-2 fault or TGE),
 * preferred return the instruction. el2_take_abort builds the syndrome;
 * a data abort with ISV from a 16-bit T32 instruction has IL = 0. */
static el2_err abort_op(el2_pe *pe, const el2_a32_op *op, el2_a32_result *res)
{
	bool stage2 = op->abort.stage2 || op->abort.s1ptw;
	el2_exc_type type = op->abort.instruction ? EL2_EXC_INSTR_ABORT : EL2_EXC_DATA_ABORT;
	unsigned target = el2_sync_target_el(pe, type, stage2);
	if (target == 1 && el1_using_aarch32(pe))
		return EL2_ERR_UNSUPPORTED;
	el2_err err = el2_take_abort(pe, &op->abort, &res->exc);
	if (err)
		return err;
	if (!op->abort.instruction && op->abort.isv && op->t16) {
		el2_sysreg esr = res->exc.target_el == 2 ? EL2_SR_ESR_EL2 : EL2_SR_ESR_EL1;
		pe->s.sr[esr] &= ~(uint64_t)EL2_ESR_IL;
		res->exc.esr &= ~EL2_ESR_IL;
	}
	res->taken = true;
	res->type = type;
	return EL2_OK;
}

/* The EL1 modes (usr is EL0; hyp and mon are not AArch32 here). */
static bool el1_mode(unsigned m)
{
	switch (m) {
	case EL2_M32_FIQ: case EL2_M32_IRQ: case EL2_M32_SVC:
	case EL2_M32_ABT: case EL2_M32_UND: case EL2_M32_SYS:
		return true;
	default:
		return false;
	}
}

/* The banked SPSR of an AArch32 mode: SPSR_svc is SPSR_EL1. */
static el2_sysreg spsr_of(unsigned m)
{
	switch (m) {
	case EL2_M32_SVC: return EL2_SR_SPSR_EL1;
	case EL2_M32_IRQ: return EL2_SR_SPSR_irq;
	case EL2_M32_ABT: return EL2_SR_SPSR_abt;
	case EL2_M32_UND: return EL2_SR_SPSR_und;
	case EL2_M32_FIQ: return EL2_SR_SPSR_fiq;
	default: return EL2_SR_NONE;
	}
}

/* MSR (banked register) / MSR SPSR_<mode> / CPS: EL1 state changes with
 * no trap the model has (UNDEFINED at EL0; CPS is a NOP at EL0). */
static el2_err el1_state_op(el2_pe *pe, const el2_a32_op *op, el2_a32_result *res)
{
	unsigned el = pe_el(pe);
	if (op->kind == EL2_A32_CPS && el == 0) {
		complete(pe, op);
		return EL2_OK;
	}
	if (el == 0)
		return undefined(pe, op, res);
	if (!el1_mode(op->mode))
		return EL2_ERR_INVALID_ARG;
	uint32_t v = (uint32_t)pe->s.x[el2_a32_xreg((unsigned)(pe->s.pstate & EL2_PSR_M), op->rt)];
	if (op->kind == EL2_A32_MSR_BANKED) {
		int x = el2_a32_xreg(op->mode, op->n);
		if (op->n < 8 || x < 0)
			return EL2_ERR_INVALID_ARG;
		pe->s.x[x] = (pe->s.x[x] & ~0xffffffffull) | v;
	} else if (op->kind == EL2_A32_MSR_SPSR) {
		el2_sysreg s = spsr_of(op->mode);
		if (s == EL2_SR_NONE)
			return EL2_ERR_INVALID_ARG;
		pe->s.sr[s] = aarch32_write_value(pe, s, v, sysreg_masked(pe, s, v));
	} else {
		/* CPS #mode: AArch32.WriteMode; PSTATE.EL stays EL1. */
		pe->s.pstate = (pe->s.pstate & ~EL2_PSR_M) | op->mode;
	}
	complete(pe, op);
	return EL2_OK;
}

/* Register numbers in range for the kinds that name one. */
static bool valid_op(const el2_a32_op *op)
{
	switch (op->kind) {
	case EL2_A32_SET_REG: case EL2_A32_MSR_BANKED: case EL2_A32_MSR_SPSR:
	case EL2_A32_MCR: case EL2_A32_MRC:
		return op->rt <= 14;
	case EL2_A32_MCRR: case EL2_A32_MRRC:
		return op->rt <= 14 && op->rt2 <= 14;
	default:
		return (unsigned)op->kind <= EL2_A32_ABORT;
	}
}

el2_err el2_a32_step(el2_pe *pe, const el2_a32_op *op, el2_a32_result *res)
{
	if (!pe || !op || !res || !using_aarch32(pe) || !valid_op(op))
		return EL2_ERR_INVALID_ARG;
	*res = (el2_a32_result){.pc = pe->s.pc};
	switch (op->kind) {
	case EL2_A32_SET_REG:
		(void)el2_a32_reg_write(pe, op->rt, op->value);
		complete(pe, op);
		return EL2_OK;
	case EL2_A32_MSR_BANKED:
	case EL2_A32_MSR_SPSR:
	case EL2_A32_CPS:
		return el1_state_op(pe, op, res);
	case EL2_A32_MCR: return cp15(pe, op, false, res);
	case EL2_A32_MRC: return cp15(pe, op, true, res);
	case EL2_A32_MCRR: return cp15_64(pe, op, false, res);
	case EL2_A32_MRRC: return cp15_64(pe, op, true, res);
	case EL2_A32_VFP: return vfp(pe, op, res);
	case EL2_A32_SVC: return svc(pe, op, res);
	case EL2_A32_HVC: return hvc(pe, op, res);
	case EL2_A32_UDF: return undefined(pe, op, res);
	case EL2_A32_WFI: return wfx(pe, op, false, res);
	case EL2_A32_WFE: return wfx(pe, op, true, res);
	case EL2_A32_ABORT: return abort_op(pe, op, res);
	}
	return EL2_ERR_INVALID_ARG;
}

el2_err el2_a32_run(el2_pe *pe, const el2_a32_op *ops, size_t n, size_t *done,
		    el2_a32_result *res)
{
	if (!pe || (!ops && n) || !done || !res)
		return EL2_ERR_INVALID_ARG;
	*done = 0;
	*res = (el2_a32_result){.pc = pe->s.pc};
	for (size_t i = 0; i < n; i++) {
		el2_err err = el2_a32_step(pe, &ops[i], res);
		if (err)
			return err;
		*done = i + 1;
		if (res->taken)
			break;
	}
	return EL2_OK;
}

el2_err el2_a32_script_run(void *ctx, el2_pe *pe, size_t *insns, el2_a32_result *res)
{
	const el2_a32_script *sc = ctx;
	if (!sc || !insns)
		return EL2_ERR_INVALID_ARG;
	el2_err err = el2_a32_run(pe, sc->ops, sc->n, insns, res);
	if (!err && !res->taken)
		return EL2_ERR_UNSUPPORTED; /* the script ended in AArch32 */
	return err;
}
