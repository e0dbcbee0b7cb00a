/* SPDX-License-Identifier: MIT */
/* The Event Register and the wake-up condition of WFI (Arm ARM DDI 0487
 * J.a, D1.6 "Wait for Event" / "Wait for Interrupt" and the shared
 * pseudocode functions named below). One bit per PE, part of the state a
 * snapshot copies; cleared by reset.
 *
 * What sets it here: an exception return (AArch64.ExceptionReturn calls
 * SendEventLocal), SEV (SendEvent: a single PE receives its own event) and
 * SEVL (SendEventLocal). Events the model cannot see (the clearing of the
 * global exclusive monitor, the Generic Timer event stream, IMPLEMENTATION
 * DEFINED events) are the engine's: el2_pe_set_event_register. */
#include "event_internal.h"

/* shared/functions/system/SendEventLocal */
void event_send_local(el2_pe *pe)
{
	pe->s.event_register = true;
}

/* shared/functions/system/ClearEventRegister */
void event_clear(el2_pe *pe)
{
	pe->s.event_register = false;
}

/* shared/functions/system/IsEventRegisterSet */
bool event_is_set(const el2_pe *pe)
{
	return pe->s.event_register;
}

/* InterruptPending() of the WFI operation: any physical interrupt
 * asserted, masked or not and wherever it is routed (IRQ, FIQ, SError
 * lines), or, at EL0/EL1 with EL2 enabled and HCR_EL2.TGE = 0, a virtual
 * interrupt that HCR_EL2.VI/VF/VSE signals with its routing bit
 * IMO/FMO/AMO set. The GIC's virtual interface (ICH_LR) is not a source:
 * the model does not generate its interrupts. */
bool event_interrupt_pending(const el2_pe *pe)
{
	if (pe->s.lines & (EL2_LINE_IRQ | EL2_LINE_FIQ | EL2_LINE_SERROR))
		return true;
	if (!el2_enabled(pe) || pe_el(pe) > 1)
		return false;
	uint64_t h = SR(pe, HCR_EL2);
	if (h & EL2_HCR_TGE)
		return false;
	return ((h & EL2_HCR_VI) && (h & EL2_HCR_IMO)) || ((h & EL2_HCR_VF) && (h & EL2_HCR_FMO)) ||
	       ((h & EL2_HCR_VSE) && (h & EL2_HCR_AMO));
}

bool el2_pe_event_register(const el2_pe *pe)
{
	return pe && pe->s.event_register;
}

void el2_pe_set_event_register(el2_pe *pe, bool set)
{
	if (pe)
		pe->s.event_register = set;
}
