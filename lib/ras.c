/* SPDX-License-Identifier: MIT */
/* FEAT_RAS: the Error Synchronization Barrier, the deferred-error
 * registers DISR_EL1 / VDISR_EL2, the virtual SError syndrome VSESR_EL2
 * and the syndrome of a pending physical SError (Arm ARM DDI 0487 J.a,
 * the pseudocode functions named below; the register rows and their
 * HCR_EL2.TERR trap group are in sysreg.def).
 *
 * Simplified: every pending physical SError is synchronizable
 * (IsSynchronizablePhysicalSErrorPending), there is no EL3 (SCR_EL3.EA
 * = 0), no Halting debug, no AArch32, no FEAT_DoubleFault, no implicit
 * error synchronization (SCTLR_ELx.IESB is RES0). */
#include "ras_internal.h"

#define SERROR_SYNDROME_MASK 0x1ffffffu /* IDS [24], ISS [23:0] */
#define SYN_IDS (1u << 24)
#define DISR_A (1u << 31)

/* aarch64/exceptions/asynch/AArch64.ReportDeferredSError: A = 1, IDS, and
 * either the IMPLEMENTATION DEFINED ISS (IDS = 1) or AET [12:10], EA [9],
 * DFSC [5:0] of the architected syndrome (IDS = 0). */
static uint64_t report_deferred(uint32_t syndrome)
{
	if (syndrome & SYN_IDS)
		return DISR_A | (syndrome & SERROR_SYNDROME_MASK);
	return DISR_A | (syndrome & ((7u << 10) | (1u << 9) | 0x3fu));
}

/* DISR_EL1 accessor at EL1: "if EL2Enabled() && HCR_EL2.AMO == '1' then
 * VDISR_EL2" (the value of the AMO bit, as the accessor reads it). */
el2_sysreg ras_disr_target(const el2_pe *pe)
{
	if (pe_el(pe) == 1 && el2_enabled(pe) && (SR(pe, HCR_EL2) & EL2_HCR_AMO))
		return EL2_SR_VDISR_EL2;
	return EL2_SR_DISR_EL1;
}

/* aarch64/functions/ras/AArch64.ESBOperation: a masked pending physical
 * SError is deferred: DISR_EL1 = A + syndrome, and the SError is no longer
 * pending (ClearPendingPhysicalSError). An unmasked one is left to be
 * taken at the next instruction boundary (TakeUnmaskedSErrorInterrupts:
 * the engine delivers interrupts there). */
static void esb_physical(el2_pe *pe)
{
	if (!(pe->s.lines & EL2_LINE_SERROR) || !interrupt_physical_serror_masked(pe))
		return;
	SR(pe, DISR_EL1) = report_deferred(pe->s.serror_syndrome);
	pe->s.lines &= ~(uint32_t)EL2_LINE_SERROR;
	pe->s.serror_syndrome = 0;
}

/* aarch64/functions/ras/AArch64.vESBOperation (EL0/EL1, EL2 enabled): a
 * virtual SError pending (HCR_EL2.<TGE,AMO> = '01' and VSE = 1) and masked
 * by PSTATE.A is deferred into VDISR_EL2 with VSESR_EL2's syndrome, and
 * HCR_EL2.VSE is cleared (ClearPendingVirtualSError). */
static void esb_virtual(el2_pe *pe)
{
	uint64_t h = SR(pe, HCR_EL2);
	bool enabled = (h & (EL2_HCR_TGE | EL2_HCR_AMO)) == EL2_HCR_AMO;
	if (!enabled || !(h & EL2_HCR_VSE) || !(pe->s.pstate & EL2_PSR_A))
		return;
	SR(pe, VDISR_EL2) = report_deferred((uint32_t)SR(pe, VSESR_EL2));
	SR(pe, HCR_EL2) = h & ~EL2_HCR_VSE;
}

/* ESB (aarch64/instrs/system/hints/esb): SynchronizeErrors();
 * AArch64.ESBOperation(); if PSTATE.EL IN {EL0, EL1} && EL2Enabled() then
 * AArch64.vESBOperation(); TakeUnmaskedSErrorInterrupts(). Without
 * FEAT_RAS the encoding is a NOP hint. */
void ras_esb(el2_pe *pe)
{
	if (!have_feat(pe, EL2_FEAT_RAS))
		return;
	esb_physical(pe);
	if (pe_el(pe) <= 1 && el2_enabled(pe))
		esb_virtual(pe);
}

/* AArch64.TakePhysicalSErrorException: with FEAT_RAS the ISS is
 * AArch64.PhysicalSErrorSyndrome (here: what el2_serror_pend recorded, 0
 * = IDS 0, DFSC Uncategorized, for a line raised by el2_set_line);
 * without, an IMPLEMENTATION DEFINED syndrome only if its IDS is 1.
 * AArch64.TakeVirtualSErrorException: VSESR_EL2.{IDS,ISS} with FEAT_RAS,
 * else 0. */
uint32_t ras_serror_iss(const el2_pe *pe, bool virt)
{
	bool ras = have_feat(pe, EL2_FEAT_RAS);
	if (virt)
		return ras ? (uint32_t)SR(pe, VSESR_EL2) & SERROR_SYNDROME_MASK : 0;
	uint32_t syn = pe->s.serror_syndrome & SERROR_SYNDROME_MASK;
	return (ras || (syn & SYN_IDS)) ? syn : 0;
}

bool el2_serror_pend(el2_pe *pe, uint32_t syndrome)
{
	if (!pe || (pe->s.lines & EL2_LINE_SERROR))
		return false;
	pe->s.lines |= EL2_LINE_SERROR;
	pe->s.serror_syndrome = syndrome & SERROR_SYNDROME_MASK;
	return true;
}

bool el2_serror_pending(const el2_pe *pe, uint32_t *syndrome)
{
	if (!pe || !(pe->s.lines & EL2_LINE_SERROR))
		return false;
	if (syndrome)
		*syndrome = pe->s.serror_syndrome;
	return true;
}
