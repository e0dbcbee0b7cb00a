/* SPDX-License-Identifier: MIT */
/* ESR_ELx values: EC:IL:ISS and the ISS encodings of the exception classes
 * the model raises (Arm ARM DDI 0487 J.a, D19.2 ESR_EL1/ESR_EL2, "ISS
 * encoding for ..." sections). */
#include "pe_internal.h"

/* ESR_ELx[31:0] = EC[31:26] : IL[25] : ISS[24:0]; ISS2 and bits [63:37]
 * are 0 (no FEAT_LS64/FEAT_THE). */
uint32_t el2_esr(unsigned ec, bool il, uint32_t iss)
{
	return ((uint32_t)(ec & 0x3fu) << EL2_ESR_EC_SHIFT) | (il ? EL2_ESR_IL : 0) |
	       (iss & EL2_ESR_ISS_MASK);
}

/* aarch64/exceptions/traps/AArch64.SystemAccessTrapSyndrome, EC 0x18:
 * Op0[21:20] Op2[19:17] Op1[16:14] CRn[13:10] Rt[9:5] CRm[4:1] Direction[0]
 * (1 = read: MRS, SYSL). */
uint32_t el2_iss_sysreg(uint32_t enc, unsigned rt, bool is_read)
{
	return (EL2_SYS_OP0(enc) << 20) | (EL2_SYS_OP2(enc) << 17) | (EL2_SYS_OP1(enc) << 14) |
	       (EL2_SYS_CRN(enc) << 10) | ((rt & 31u) << 5) | (EL2_SYS_CRM(enc) << 1) |
	       (is_read ? 1u : 0u);
}

/* shared/functions/system/ConditionSyndrome for AArch64: CV = 1, COND =
 * 0b1110, placed in ISS[24:20]. */
static uint32_t condition_syndrome(void)
{
	return (1u << 24) | (0xeu << 20);
}

/* aarch64/exceptions/traps/AArch64.WFxTrap, EC 0x01: CV, COND, TI[1:0]
 * (0 WFI, 1 WFE; 2/3 are WFIT/WFET, FEAT_WFxT, not modelled). */
uint32_t el2_iss_wfx(unsigned ti)
{
	return condition_syndrome() | (ti & 3u);
}

/* SVC/HVC/SMC/BRK: ISS[15:0] = imm16 (AArch64.CallSupervisor,
 * AArch64.CallHypervisor, AArch64.CheckForSMCUndefOrTrap,
 * AArch64.SoftwareBreakpoint). */
uint32_t el2_iss_imm16(uint16_t imm)
{
	return imm;
}

/* aarch64/exceptions/traps/AArch64.AdvSIMDFPAccessTrap, EC 0x07. */
uint32_t el2_iss_fp(void)
{
	return condition_syndrome();
}

/* shared/exceptions/aborts/EncodeLDFSC. Levels outside the range the
 * encoding has are reduced modulo 4 (el2_take_abort rejects them first). */
unsigned el2_encode_fsc(el2_fault fault, int level)
{
	unsigned lvl = (unsigned)level & 3u;
	switch (fault) {
	case EL2_FAULT_ADDRESS_SIZE:
		return 0x00u | lvl;
	case EL2_FAULT_TRANSLATION:
		return 0x04u | lvl;
	case EL2_FAULT_ACCESS_FLAG:
		return 0x08u | lvl;
	case EL2_FAULT_PERMISSION:
		return 0x0cu | lvl;
	case EL2_FAULT_SYNC_EXTERNAL:
		return 0x10u;
	case EL2_FAULT_SYNC_EXTERNAL_WALK:
		return 0x14u | lvl; /* 0b0101LL */
	case EL2_FAULT_ALIGNMENT:
		return 0x21u;
	}
	return 0x00u;
}

/* aarch64/exceptions/aborts/AArch64.FaultSyndrome with the
 * LSInstructionSyndrome of the access:
 *   ISV[24] SAS[23:22] SSE[21] SRT[20:16] SF[15] AR[14]  stage-2 data
 *     aborts that are not on a stage-1 walk, when the caller has a valid
 *     instruction syndrome (abort->isv);
 *   CM[8], WnR[6] (1 for cache maintenance), data side only;
 *   EA[9] = extflag for external aborts: the model reports 0;
 *   S1PTW[7]; DFSC/IFSC[5:0] = EncodeLDFSC. */
uint32_t el2_iss_abort(const el2_abort *a)
{
	if (!a)
		return 0;
	uint32_t iss = 0;
	bool d_side = !a->instruction;
	if (d_side) {
		if (a->stage2 && !a->s1ptw && a->isv)
			iss |= (1u << 24) | ((a->sas & 3u) << 22) | ((a->sse ? 1u : 0u) << 21) |
			       ((a->srt & 31u) << 16) | ((a->sf ? 1u : 0u) << 15) |
			       ((a->ar ? 1u : 0u) << 14);
		if (a->cache_maint)
			iss |= (1u << 8) | (1u << 6);
		else if (a->write)
			iss |= 1u << 6;
	}
	if (a->s1ptw)
		iss |= 1u << 7;
	iss |= el2_encode_fsc(a->fault, a->level);
	return iss;
}

/* EC 0x2F: IDS[24] (IMPLEMENTATION DEFINED syndrome), ISS[23:0]. */
uint32_t el2_iss_serror(bool ids, uint32_t iss)
{
	return (ids ? (1u << 24) : 0u) | (iss & 0xffffffu);
}
