/* SPDX-License-Identifier: MIT */
/* Asynchronous exceptions: physical IRQ/FIQ/SError lines, virtual
 * interrupts from HCR_EL2.VI/VF/VSE, routing and masking (Arm ARM DDI 0487
 * J.a, D1.3.6 "Asynchronous exception routing" and "Asynchronous exception
 * masking" for EL2 implemented and EL3 not; the model is
 * Non-secure and behaves as if SCR_EL3 routed nothing to EL3). */
#include "exc_internal.h"
#include "ras_internal.h"

void el2_set_line(el2_pe *pe, el2_irq_line line, bool asserted)
{
	if (!pe)
		return;
	uint32_t bits = (uint32_t)line & (EL2_LINE_IRQ | EL2_LINE_FIQ | EL2_LINE_SERROR);
	if (asserted)
		pe->s.lines |= bits;
	else
		pe->s.lines &= ~bits;
}

uint32_t el2_lines(const el2_pe *pe)
{
	return pe ? pe->s.lines : 0;
}

/* One kind of asynchronous exception. */
struct async_kind {
	el2_exc_type type;
	uint32_t line;       /* physical line */
	uint64_t route;      /* HCR_EL2.{IMO,FMO,AMO} */
	uint64_t virt;       /* HCR_EL2.{VI,VF,VSE} */
	uint64_t mask;       /* PSTATE.{I,F,A} */
	unsigned vect;       /* vector offset of the kind */
};

/* Priority order (IMPLEMENTATION DEFINED in the Arm ARM): SError, IRQ, FIQ. */
static const struct async_kind kinds[3] = {
	{EL2_EXC_SERROR, EL2_LINE_SERROR, EL2_HCR_AMO, EL2_HCR_VSE, EL2_PSR_A, 0x180},
	{EL2_EXC_IRQ, EL2_LINE_IRQ, EL2_HCR_IMO, EL2_HCR_VI, EL2_PSR_I, 0x80},
	{EL2_EXC_FIQ, EL2_LINE_FIQ, EL2_HCR_FMO, EL2_HCR_VF, EL2_PSR_F, 0x100},
};

/* HCR_EL2.{IMO,FMO,AMO} as they act: with TGE = 1 they behave as 1 when
 * E2H = 0 and as 0 when E2H = 1 (where TGE itself routes physical
 * interrupts to EL2); 0 when EL2 is not enabled. */
static bool routed_bit(const el2_pe *pe, uint64_t bit)
{
	uint64_t h = hcr(pe);
	if (h & EL2_HCR_TGE)
		return !(have_feat(pe, EL2_FEAT_VHE) && (h & EL2_HCR_E2H));
	return (h & bit) != 0;
}

/* Target EL of a physical interrupt (AArch64.TakePhysicalIRQException and
 * friends): EL2 when EL2 is enabled and TGE or the routing bit is set. */
static unsigned physical_target(const el2_pe *pe, const struct async_kind *k)
{
	bool to_el2 = el2_enabled(pe) && ((hcr(pe) & EL2_HCR_TGE) || routed_bit(pe, k->route));
	return to_el2 ? 2 : 1;
}

/* Masking of an interrupt targeting target from the current EL: not taken
 * when the target is lower; masked by PSTATE when the target is the
 * current EL, when it is EL1 (from EL0), or when EL0 runs in the host
 * (E2H = TGE = 1, target EL2); otherwise taken regardless of PSTATE. */
static bool unmasked(const el2_pe *pe, unsigned target, uint64_t mask_bit)
{
	unsigned el = pe_el(pe);
	if (target < el)
		return false;
	bool pstate_applies = target == el || target == 1 || (el == 0 && el_is_in_host(pe, 0));
	return !pstate_applies || !(pe->s.pstate & mask_bit);
}

static bool physical_takeable(const el2_pe *pe, const struct async_kind *k, unsigned *target)
{
	if (!(pe->s.lines & k->line))
		return false;
	*target = physical_target(pe, k);
	return unmasked(pe, *target, k->mask);
}

/* The "masked" result of aarch64/exceptions/asynch/AArch64.PhysicalSErrorTarget
 * (the ESB operation asks it): an SError would not be taken from the
 * current state, because PSTATE.A masks it at its target EL or because
 * the target is below the current EL (at EL2 with TGE = AMO = 0). */
bool interrupt_physical_serror_masked(const el2_pe *pe)
{
	unsigned target = physical_target(pe, &kinds[0]);
	return !unmasked(pe, target, kinds[0].mask);
}

/* Virtual interrupts: pending when HCR_EL2.VI/VF/VSE and the routing bit
 * as it acts are 1 and TGE = 0; taken to EL1 from EL0/EL1 only, masked by
 * PSTATE.I/F/A. */
static bool virtual_takeable(const el2_pe *pe, const struct async_kind *k)
{
	if (!el2_enabled(pe) || pe_el(pe) > 1)
		return false;
	uint64_t h = SR(pe, HCR_EL2);
	if ((h & EL2_HCR_TGE) || !(h & k->virt) || !routed_bit(pe, k->route))
		return false;
	return !(pe->s.pstate & k->mask);
}

/* The interrupt that would be taken now: physical kinds first, then
 * virtual ones, each in SError, IRQ, FIQ order. */
static bool choose(const el2_pe *pe, const struct async_kind **kind, unsigned *target, bool *virt)
{
	for (unsigned i = 0; i < 3; i++)
		if (physical_takeable(pe, &kinds[i], target)) {
			*kind = &kinds[i];
			*virt = false;
			return true;
		}
	for (unsigned i = 0; i < 3; i++)
		if (virtual_takeable(pe, &kinds[i])) {
			*kind = &kinds[i];
			*target = 1;
			*virt = true;
			return true;
		}
	return false;
}

bool el2_interrupt_pending(const el2_pe *pe)
{
	if (!pe)
		return false;
	const struct async_kind *k;
	unsigned target;
	bool virt;
	return choose(pe, &k, &target, &virt);
}

/* AArch64.TakePhysicalIRQException / FIQ / SError and
 * AArch64.TakeVirtualIRQException / FIQ / SError: preferred return = PC
 * (the next instruction, not yet executed). An SError reports EC 0x2F
 * with ISS 0 without FEAT_RAS; with it, the syndrome the physical SError
 * was made pending with, or VSESR_EL2.{IDS,ISS} for a virtual one
 * (ras_serror_iss). Taking a physical SError clears
 * its pending state (ClearPendingPhysicalSError: the SError line is an
 * event, not a level); taking a virtual SError clears HCR_EL2.VSE
 * (ClearPendingVirtualSError). IRQ and FIQ lines are level-sensitive and
 * stay asserted. */
bool el2_deliver_interrupt(el2_pe *pe, el2_exc_outcome *out)
{
	if (!pe)
		return false;
	const struct async_kind *k;
	unsigned target;
	bool virt;
	if (!choose(pe, &k, &target, &virt))
		return false;
	el2_exception e = {.type = k->type};
	if (k->type == EL2_EXC_SERROR) {
		e.iss = ras_serror_iss(pe, virt);
		if (virt)
			SR(pe, HCR_EL2) &= ~EL2_HCR_VSE;
		else {
			pe->s.lines &= ~(uint32_t)EL2_LINE_SERROR;
			pe->s.serror_syndrome = 0;
		}
	}
	return el2_take_exception(pe, target, &e, pe->s.pc, k->vect, out) == EL2_OK;
}
