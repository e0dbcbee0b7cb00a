/* SPDX-License-Identifier: MIT */
/* The access checks of MRS, MSR and SYS against a table row, in the order
 * the generated accessor pseudocode of the Arm ARM (DDI 0487 J.a, D19
 * "Accessing <register>" and C5.3 system instructions) evaluates them:
 *   1. direction (MRS of a write-only / MSR of a read-only encoding),
 *   2. Exception level: below the row's lowest EL, _EL12/_EL02 outside
 *      EL2 with E2H = 1, SP_EL0 while it is the current SP -> UNDEFINED,
 *   3. at EL0 the EL0 enables (SCTLR_ELx.UCT/UCI/DZE/UMA,
 *      CNTKCTL_EL1 / CNTHCTL_EL2 EL0*EN) -> EL1, or EL2 when TGE = 1 or
 *      in host,
 *   4. the EL2 controls of EL0/EL1 accesses when EL2 is enabled and EL0
 *      is not in host -> EL2: first the FEAT_FGT fine-grained traps
 *      (lib/fgt_traps.c), then the coarse ones (HCR_EL2, MDCR_EL2,
 *      CNTHCTL_EL2); both give the same EC 0x18 syndrome,
 *   5. FP/SIMD enables for FPCR/FPSR -> EL1 or EL2.
 * So UNDEFINED has priority over an EL1 trap, which has priority over an
 * EL2 trap, exactly as the if/elsif chains of the accessors. */
#include "exc_internal.h"
#include "fgt_internal.h"
#include "pmu.h"
#include "sysreg_access.h"
#include "sysreg_rules.h"
#include "sve_ctl.h"

static const access_verdict ok = {ACCESS_OK, 0};
static const access_verdict undefined = {ACCESS_UNDEFINED, 0};

static access_verdict trap(unsigned el)
{
	return (access_verdict){ACCESS_SYSTEM_TRAP, el};
}

/* Steps 1 and 2. */
static bool undefined_here(const el2_pe *pe, const el2_sysreg_info *ri, el2_sysreg id,
			   bool is_write)
{
	unsigned el = pe_el(pe);
	if (is_write ? !(ri->access & EL2_ACC_WO) : !(ri->access & EL2_ACC_RO))
		return true;
	/* TPIDRRO_EL0: "MSR TPIDRRO_EL0" at EL0 is UNDEFINED. */
	if (is_write && el == 0 && (ri->traps & EL2_T_RO_EL0))
		return true;
	if (el < ri->min_el)
		return true;
	/* _EL12/_EL02: accessor "if ELIsInHost(EL2) then ... else UNDEFINED"
	 * at EL2; UNDEFINED at EL1 and EL0 (no FEAT_NV). */
	if (ri->kind == EL2_SRK_ALIAS && !(el == 2 && el_is_in_host(pe, 2)))
		return true;
	/* SP_EL0 accessor: "if PSTATE.SP == '0' then UNDEFINED". */
	if (id == EL2_SR_SP_EL0 && !(pe->s.pstate & EL2_PSR_SP))
		return true;
	return false;
}

/* Step 3: is the EL0 access disabled by the EL1&0 (or host EL2&0)
 * enables? The controls are SCTLR_EL1 / CNTKCTL_EL1, or SCTLR_EL2 /
 * CNTHCTL_EL2 when ELIsInHost(EL0) (both have the EL0 enables at the same
 * bit positions). */
static bool el0_disabled(const el2_pe *pe, uint32_t traps)
{
	if (!traps)
		return false;
	bool host = el_is_in_host(pe, 0);
	uint64_t sctlr = host ? SR(pe, SCTLR_EL2) : SR(pe, SCTLR_EL1);
	uint64_t cntk = host ? SR(pe, CNTHCTL_EL2) : SR(pe, CNTKCTL_EL1);

	if ((traps & EL2_T_UCT) && !(sctlr & EL2_SCTLR_UCT))
		return true;
	if ((traps & EL2_T_UCI) && !(sctlr & EL2_SCTLR_UCI))
		return true;
	if ((traps & EL2_T_TDZ) && !(sctlr & EL2_SCTLR_DZE))
		return true;
	if ((traps & EL2_T_UMA) && !(sctlr & EL2_SCTLR_UMA))
		return true;
	if ((traps & EL2_T_PCT) && !(cntk & EL2_CNTKCTL_EL0PCTEN))
		return true;
	if ((traps & EL2_T_VCT) && !(cntk & EL2_CNTKCTL_EL0VCTEN))
		return true;
	if ((traps & EL2_T_PT) && !(cntk & EL2_CNTKCTL_EL0PTEN))
		return true;
	if ((traps & EL2_T_VT) && !(cntk & EL2_CNTKCTL_EL0VTEN))
		return true;
	if ((traps & EL2_T_CNTFRQ) &&
	    !(cntk & (EL2_CNTKCTL_EL0PCTEN | EL2_CNTKCTL_EL0VCTEN)))
		return true;
	return false;
}

/* CNTHCTL_EL2 EL1 physical counter/timer enables: bits 0/1 (EL1PCTEN,
 * EL1PCEN) when E2H = 0, bits 10/11 (EL1PCTEN, EL1PTEN) when E2H = 1.
 * They also act at EL0 unless EL0 is in host (CNTPCT_EL0, CNTP_*_EL0
 * accessors). */
static bool el1_timer_disabled(const el2_pe *pe, uint32_t traps)
{
	uint64_t c = SR(pe, CNTHCTL_EL2);
	bool e2h = el_is_in_host(pe, 2);
	uint64_t pct = e2h ? EL2_CNTHCTL_E2H_EL1PCTEN : EL2_CNTHCTL_EL1PCTEN;
	uint64_t pt = e2h ? EL2_CNTHCTL_E2H_EL1PTEN : EL2_CNTHCTL_EL1PCEN;
	if ((traps & EL2_T_PCT) && !(c & pct))
		return true;
	if ((traps & EL2_T_PT) && !(c & pt))
		return true;
	return false;
}

/* MDCR_EL2 debug traps, one group per control as the accessors test
 * them (D19 MDCR_EL2; TDE makes TDA, TDOSA and TDRA act as 1):
 * MDSCR_EL1 "MDCR_EL2.<TDE,TDA> != '00'", OSLAR/OSLSR/OSDLR/DBGPRCR_EL1
 * "MDCR_EL2.TDE == '1' || MDCR_EL2.TDOSA == '1'", MDRAR_EL1
 * "MDCR_EL2.TDE == '1' || MDCR_EL2.TDRA == '1'". */
static bool mdcr_traps(const el2_pe *pe, uint32_t traps)
{
	uint64_t m = SR(pe, MDCR_EL2);
	if (!(traps & (EL2_T_TDA | EL2_T_TDOSA | EL2_T_TDRA)))
		return false;
	if (m & EL2_MDCR_TDE)
		return true;
	return ((traps & EL2_T_TDA) && (m & EL2_MDCR_TDA)) ||
	       ((traps & EL2_T_TDOSA) && (m & EL2_MDCR_TDOSA)) ||
	       ((traps & EL2_T_TDRA) && (m & EL2_MDCR_TDRA));
}

/* Step 4: EL2 controls of an EL0 or EL1 access (EL2 enabled, EL0 not in
 * host). Row groups only name controls that act at the row's ELs (e.g.
 * TTLB rows are UNDEFINED at EL0 before this). */
static bool el2_traps(const el2_pe *pe, uint32_t traps, bool is_write)
{
	if (!traps)
		return false; /* most rows: no trap control at all */
	uint64_t h = SR(pe, HCR_EL2);
	if (pe_el(pe) == 0)
		traps &= ~(uint32_t)EL2_T_TIDCP; /* EL0: see sysreg_tidcp_traps */
	/* The groups the HCR_EL2 trap bits select, without branches. */
#define GROUP_IF(bit, group) ((h & (bit)) ? (uint32_t)(group) : 0u)
	uint32_t trapped = GROUP_IF(is_write ? EL2_HCR_TVM : EL2_HCR_TRVM, EL2_T_VM) |
			   GROUP_IF(EL2_HCR_TACR, EL2_T_TACR) | GROUP_IF(EL2_HCR_TID1, EL2_T_TID1) |
			   GROUP_IF(EL2_HCR_TID2, EL2_T_TID2) | GROUP_IF(EL2_HCR_TID3, EL2_T_TID3) |
			   GROUP_IF(EL2_HCR_TSW, EL2_T_TSW) | GROUP_IF(EL2_HCR_TPCP, EL2_T_TPCP) |
			   GROUP_IF(EL2_HCR_TPU, EL2_T_TPU) | GROUP_IF(EL2_HCR_TTLB, EL2_T_TTLB) |
			   GROUP_IF(EL2_HCR_TDZ, EL2_T_TDZ) | GROUP_IF(EL2_HCR_TIDCP, EL2_T_TIDCP) |
			   GROUP_IF(EL2_HCR_TERR, EL2_T_TERR);
#undef GROUP_IF
	if (traps & trapped)
		return true;
	if (mdcr_traps(pe, traps))
		return true;
	/* CPACR_EL1 accessor at EL1: "CPTR_EL2.TCPAC == '1'" (both E2H
	 * layouts have TCPAC at bit 31; EL0 cannot reach the row). */
	if ((traps & EL2_T_TCPAC) && (SR(pe, CPTR_EL2) & EL2_CPTR_TCPAC))
		return true;
	/* PAuth key registers at EL1: "EL2Enabled() && HCR_EL2.APK == '0'";
	 * MTE2 registers at EL1: "EL2Enabled() && HCR_EL2.ATA == '0'" (D19
	 * APIAKeyLo_EL1 ..., RGSR_EL1, GCR_EL1, TFSR_EL1, TFSRE0_EL1). */
	if ((traps & EL2_T_APK) && !(h & EL2_HCR_APK))
		return true;
	if ((traps & EL2_T_ATA) && !(h & EL2_HCR_ATA))
		return true;
	/* ICC_SRE_EL1 accessor at EL1 (IHI 0069, ICC_SRE_EL2.Enable):
	 * "EL2Enabled() && ICC_SRE_EL2.Enable == '0'" traps to EL2. */
	if ((traps & EL2_T_SRE_EN) && !(SR(pe, ICC_SRE_EL2) & EL2_BIT(3)))
		return true;
	return el1_timer_disabled(pe, traps);
}

/* The ID registers whose accessors start "if PSTATE.EL == EL0 then if
 * IsFeatureImplemented(FEAT_IDST) then (HCR_EL2.TGE ? EL2 : EL1) trap
 * else UNDEFINED": the EL1 identification rows of the op0 = 3, CRn = 0
 * space (MIDR, MPIDR, REVIDR, AIDR, CLIDR, CCSIDR, ID_*). CSSELR_EL1 is
 * not an ID register; CTR_EL0 and DCZID_EL0 are readable at EL0. */
static bool idst_row(const el2_sysreg_info *ri)
{
	return ri->kind == EL2_SRK_ID && ri->min_el == 1 && EL2_SYS_OP0(ri->enc) == 3 &&
	       EL2_SYS_CRN(ri->enc) == 0;
}

/* FEAT_IDST: an EL0 read of the ID space traps with EC 0x18 to EL1 (to
 * EL2 with TGE = 1: exc_sysreg_trap routes it) instead of UNDEFINED. */
static bool idst_traps(const el2_pe *pe, bool is_write)
{
	return !is_write && pe_el(pe) == 0 && have_feat(pe, EL2_FEAT_IDST);
}

/* with_fgt: DCZID_EL0.DZP asks without the fine-grained traps, which do
 * not change it (only SCTLR_ELx.DZE and HCR_EL2.TDZ do). */
static access_verdict check_rules(const el2_pe *pe, el2_sysreg id, bool is_write, bool with_fgt)
{
	const el2_sysreg_info *ri = el2_sysreg_get(id);
	if (!ri)
		return undefined;
	if (idst_row(ri) && idst_traps(pe, is_write))
		return trap(1);
	if (undefined_here(pe, ri, id, is_write))
		return undefined;
	if (ri->feature == EL2_FEAT_PMU)
		return pmu_check(pe, id, is_write); /* PMUSERENR_EL0, MDCR_EL2 PMU traps */

	/* ZCR_EL1/ZCR_EL2/ZCR_EL12: their accessors test only the SVE
	 * enables, with EC 0x19 (sve_ctl.c). */
	if (ri->traps & EL2_T_ZEN)
		return sve_zcr_check(pe);
	unsigned el = pe_el(pe);
	if (el == 0 && el0_disabled(pe, ri->traps)) {
		bool to_el2 = el_is_in_host(pe, 0) || (hcr(pe) & EL2_HCR_TGE);
		return trap(to_el2 ? 2 : 1);
	}
	bool el2_controls = el == 1 || (el == 0 && !el_is_in_host(pe, 0));
	if (el2_controls && el2_enabled(pe) &&
	    ((with_fgt && fgt_traps(pe, id, is_write)) || el2_traps(pe, ri->traps, is_write)))
		return trap(2);
	if (ri->traps & EL2_T_FP) {
		unsigned fp_el = fp_trap_target(pe);
		if (fp_el)
			return (access_verdict){ACCESS_FP_TRAP, fp_el};
	}
	return ok;
}

access_verdict sysreg_check(const el2_pe *pe, el2_sysreg id, bool is_write)
{
	return check_rules(pe, id, is_write, true);
}

/* The reserved encodings of the ID space, op0 = 3, op1 = 0, CRn = 0,
 * CRm = 1..7, without a row (ID registers of features this PE lacks, and
 * unallocated ones): reads are RAZ at EL1 and EL2, HCR_EL2.TID3 traps the
 * EL1 read, EL0 reads are UNDEFINED or, with FEAT_IDST, trapped as the ID
 * registers are (D19 HCR_EL2.TID3 "reserved encodings"; C5.1.5 "reserved
 * encodings in the ID register space" of DDI 0487 J.a). Writes are
 * UNDEFINED. */
bool sysreg_reserved_id(const el2_pe *pe, uint32_t enc, bool is_write, access_verdict *v)
{
	unsigned crm = EL2_SYS_CRM(enc);
	if (EL2_SYS_OP0(enc) != 3 || EL2_SYS_OP1(enc) != 0 || EL2_SYS_CRN(enc) != 0 || crm < 1 ||
	    crm > 7)
		return false;
	unsigned el = pe_el(pe);
	if (is_write)
		*v = undefined;
	else if (el == 0)
		*v = idst_traps(pe, is_write) ? trap(1) : undefined;
	else if (el == 1 && el2_enabled(pe) && (SR(pe, HCR_EL2) & EL2_HCR_TID3))
		*v = trap(2);
	else
		*v = ok;
	return true;
}

/* DCZID_EL0.DZP "Data Zero Prohibited": the field reads 1 when DC ZVA is
 * prohibited at the current EL, as the controls that prohibit it say:
 * SCTLR_EL1.DZE = 0 at EL0 (SCTLR_EL2.DZE in host, E2H = TGE = 1), and
 * HCR_EL2.TDZ = 1 at EL0/EL1 with EL2 enabled and EL0 not in host (D19
 * SCTLR_EL1.DZE, SCTLR_EL2.DZE, HCR_EL2.TDZ: "... reads of DCZID_EL0.DZP
 * return 1"). These are exactly the checks of the DC ZVA accessor, so the
 * field is that accessor's verdict. */
uint64_t sysreg_dczid_dzp(const el2_pe *pe)
{
	bool prohibited = check_rules(pe, EL2_SR_DC_ZVA, true, false).kind != ACCESS_OK;
	return prohibited ? EL2_BIT(4) : 0;
}

/* HCR_EL2.TIDCP (D19 HCR_EL2): EL1 accesses to the IMPLEMENTATION DEFINED
 * System register space are trapped to EL2 (the EL0 case is
 * IMPLEMENTATION DEFINED; the model does not trap EL0). */
bool sysreg_tidcp_traps(const el2_pe *pe, uint32_t enc)
{
	unsigned crn = EL2_SYS_CRN(enc);
	return pe_el(pe) == 1 && el2_enabled(pe) && (SR(pe, HCR_EL2) & EL2_HCR_TIDCP) &&
	       EL2_SYS_OP0(enc) == 3 && (crn == 11 || crn == 15);
}

void sysreg_raise(el2_pe *pe, access_verdict v, uint32_t insn, el2_exec_result *res)
{
	switch (v.kind) {
	case ACCESS_SYSTEM_TRAP:
		exc_sysreg_trap(pe, v.el, insn, res);
		break;
	case ACCESS_FP_TRAP:
		exc_fp_trap(pe, v.el, res);
		break;
	case ACCESS_SVE_TRAP:
		exc_sve_trap(pe, v.el, res);
		break;
	case ACCESS_UNDEFINED:
	case ACCESS_OK:
	default:
		exc_undefined(pe, res);
		break;
	}
}
