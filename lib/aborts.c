/* SPDX-License-Identifier: MIT */
/* Instruction and data aborts (Arm ARM DDI 0487 J.a): AArch64.Abort,
 * AArch64.InstructionAbort, AArch64.DataAbort, AArch64.AbortSyndrome,
 * IPAValid. The FaultRecord comes from the engine as an el2_abort. */
#include "exc_internal.h"

/* The lookup levels EncodeLDFSC has an encoding for (no FEAT_LPA2). */
static bool level_ok(const el2_abort *a)
{
	switch (a->fault) {
	case EL2_FAULT_ADDRESS_SIZE:
	case EL2_FAULT_TRANSLATION:
	case EL2_FAULT_SYNC_EXTERNAL_WALK:
		return a->level >= 0 && a->level <= 3;
	case EL2_FAULT_ACCESS_FLAG:
	case EL2_FAULT_PERMISSION:
		return a->level >= 1 && a->level <= 3;
	case EL2_FAULT_SYNC_EXTERNAL:
	case EL2_FAULT_ALIGNMENT:
		return true;
	}
	return false;
}

/* shared/exceptions/aborts/IPAValid: HPFAR_EL2 holds the faulting IPA for
 * a stage-2 fault on a stage-1 walk (Translation, Access flag, Permission,
 * Address size) and for other stage-2 faults of the Translation, Access
 * flag and Address size kinds - not for a stage-2 Permission fault. */
static bool ipa_valid(const el2_abort *a)
{
	bool kind_tas = a->fault == EL2_FAULT_TRANSLATION || a->fault == EL2_FAULT_ACCESS_FLAG ||
			a->fault == EL2_FAULT_ADDRESS_SIZE;
	if (a->s1ptw)
		return kind_tas || a->fault == EL2_FAULT_PERMISSION;
	if (a->stage2)
		return kind_tas;
	return false;
}

/* aarch64/exceptions/aborts/AArch64.Abort -> AArch64.InstructionAbort /
 * AArch64.DataAbort (DDI 0487 J.a), with AArch64.AbortSyndrome building the
 * record. Routing: EL2 when at EL2, or at EL0/EL1 with EL2 enabled and
 * HCR_EL2.TGE = 1 or a stage-2 fault, or (FEAT_RAS) HCR_EL2.TEA = 1 and an
 * external abort (IsExternalAbort: synchronous External aborts, on a walk
 * or not). Preferred return: the faulting instruction (PC). */
el2_err el2_take_abort(el2_pe *pe, const el2_abort *abort, el2_exc_outcome *out)
{
	if (!pe || !abort || !level_ok(abort))
		return EL2_ERR_INVALID_ARG;
	bool stage2 = abort->stage2 || abort->s1ptw; /* an S1PTW fault is a stage-2 fault */
	el2_abort a = *abort;
	a.stage2 = stage2;

	el2_exception e = {
		.type = a.instruction ? EL2_EXC_INSTR_ABORT : EL2_EXC_DATA_ABORT,
		.iss = el2_iss_abort(&a),
		.far_valid = true,
		.vaddress = a.vaddress,
		.ipa_valid = ipa_valid(&a),
		.ipaddress = a.ipaddress,
	};
	bool tea = have_feat(pe, EL2_FEAT_RAS) && (hcr(pe) & EL2_HCR_TEA) &&
		   (a.fault == EL2_FAULT_SYNC_EXTERNAL || a.fault == EL2_FAULT_SYNC_EXTERNAL_WALK);
	unsigned target = el2_sync_target_el(pe, e.type, stage2 || tea);
	return el2_take_exception(pe, target, &e, pe->s.pc, 0x0, out);
}
