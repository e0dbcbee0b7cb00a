/* SPDX-License-Identifier: MIT */
/* Identification registers derived from el2_config, reset of the register
 * file, and which rows exist in a configuration.
 * Field layouts: Arm ARM DDI 0487 J.a, D19.2 (the ID_AA64*, MIDR_EL1,
 * MPIDR_EL1, CTR_EL0, DCZID_EL0, CLIDR_EL1, CCSIDR_EL1 descriptions) and
 * IHI 0069 (ICH_VTR_EL2). */
#include "pmu.h"
#include "sysreg_access.h"
#include "sysreg_rules.h"

#define FIELD(val, lsb) ((uint64_t)(val) << (lsb))

static bool feat(const el2_config *cfg, el2_feature f)
{
	return (cfg->features & f) != 0;
}

/* ID_AA64PFR0_EL1: EL0 [3:0], EL1 [7:4], EL2 [11:8], EL3 [15:12] (1 = AArch64
 * only, 2 = AArch64 and AArch32: EL0 with FEAT_AA32EL0 or FEAT_AA32EL1, EL1
 * with FEAT_AA32EL1), FP [19:16] and AdvSIMD [23:20] (0 = implemented), GIC [27:24]
 * (1 = GICv3 system registers), RAS [31:28] (1 = FEAT_RAS), SVE [35:32] (1 =
 * FEAT_SVE), DIT [51:48]. */
static uint64_t aa64pfr0(const el2_config *cfg)
{
	bool aa32_el1 = feat(cfg, EL2_FEAT_AA32EL1);
	bool aa32_el0 = aa32_el1 || feat(cfg, EL2_FEAT_AA32EL0);
	return FIELD(aa32_el0 ? 2 : 1, 0) | FIELD(aa32_el1 ? 2 : 1, 4) | FIELD(cfg->have_el2 ? 1 : 0, 8) |
	       FIELD(cfg->have_el3 ? 1 : 0, 12) | FIELD(0, 16) | FIELD(0, 20) | FIELD(1, 24) |
	       FIELD(feat(cfg, EL2_FEAT_RAS) ? 1 : 0, 28) | FIELD(feat(cfg, EL2_FEAT_SVE) ? 1 : 0, 32) |
	       FIELD(feat(cfg, EL2_FEAT_DIT) ? 1 : 0, 48);
}

/* ID_AA64PFR1_EL1: BT [3:0], SSBS [7:4] (2 = FEAT_SSBS2: MSR/MRS SSBS),
 * MTE [11:8] (2 = FEAT_MTE2: the registers exist; tag checks are not
 * modelled, docs/semantics.md). */
static uint64_t aa64pfr1(const el2_config *cfg)
{
	return FIELD(feat(cfg, EL2_FEAT_BTI) ? 1 : 0, 0) | FIELD(feat(cfg, EL2_FEAT_SSBS) ? 2 : 0, 4) |
	       FIELD(feat(cfg, EL2_FEAT_MTE) ? 2 : 0, 8);
}

/* ID_AA64MMFR0_EL1: PARange [3:0] = 0b0101 (48 bits), ASIDBits [7:4] =
 * 0b0010 (16 bits), BigEnd [11:8] = 0, SNSMem [15:12] = 0, BigEndEL0
 * [19:16] = 0, TGran16 [23:20] = 0 (not supported), TGran64 [27:24] =
 * 0b1111 (not supported), TGran4 [31:28] = 0 (supported), FGT [59:56]
 * (1 = FEAT_FGT). */
static uint64_t aa64mmfr0(const el2_config *cfg)
{
	return FIELD(5, 0) | FIELD(2, 4) | FIELD(0xf, 24) | FIELD(feat(cfg, EL2_FEAT_FGT) ? 1 : 0, 56);
}

/* ID_AA64MMFR1_EL1: VMIDBits [7:4] = 0b0010 (16 bits), VH [11:8],
 * LO [19:16] = 0 (no FEAT_LOR), PAN [23:20] (1 = FEAT_PAN, 2 = FEAT_PAN2),
 * HCX [43:40] (1 = FEAT_HCX). */
static uint64_t aa64mmfr1(const el2_config *cfg)
{
	unsigned pan = feat(cfg, EL2_FEAT_PAN2) ? 2 : feat(cfg, EL2_FEAT_PAN) ? 1 : 0;
	return FIELD(2, 4) | FIELD(feat(cfg, EL2_FEAT_VHE) ? 1 : 0, 8) | FIELD(pan, 20) |
	       FIELD(feat(cfg, EL2_FEAT_HCRX) ? 1 : 0, 40);
}

/* ID_AA64MMFR2_EL1: CnP [3:0] = 0, UAO [7:4], VARange [19:16] = 0 (48 bits),
 * IDS [39:36] (1 = FEAT_IDST). */
static uint64_t aa64mmfr2(const el2_config *cfg)
{
	return FIELD(feat(cfg, EL2_FEAT_UAO) ? 1 : 0, 4) | FIELD(feat(cfg, EL2_FEAT_IDST) ? 1 : 0, 36);
}

/* ID_AA64DFR0_EL1: DebugVer [3:0] = 0b1000 (Armv8.2 debug), TraceVer [7:4]
 * = 0, PMUVer [11:8] = 0b0100 with FEAT_PMU (PMUv3 for Armv8.1, as on
 * Neoverse N1) else 0, BRPs [15:12] = 1 and WRPs [23:20] = 1
 * (the architectural minimum of two each; the DBG* registers themselves
 * are not modelled), CTX_CMPs [31:28] = 0 (one), PMSVer = 0, DoubleLock
 * [39:36] = 0 (OSDLR_EL1 exists). */
static uint64_t aa64dfr0(const el2_config *cfg)
{
	return FIELD(8, 0) | FIELD(feat(cfg, EL2_FEAT_PMU) ? 4 : 0, 8) | FIELD(1, 12) | FIELD(1, 20);
}

/* PMCEID0_EL0 / PMCEID1_EL0: common events 0x00..0x1f / 0x20..0x3f the
 * PMU reports; the model lists the PMUv3 required set: SW_INCR 0x00,
 * L1D_CACHE_REFILL 0x03, L1D_CACHE 0x04, INST_RETIRED 0x08, EXC_TAKEN
 * 0x09, BR_MIS_PRED 0x10, CPU_CYCLES 0x11, BR_PRED 0x12 (nothing is
 * counted: docs/semantics.md). */
static uint64_t pmceid0(void)
{
	return FIELD(1, 0x00) | FIELD(1, 0x03) | FIELD(1, 0x04) | FIELD(1, 0x08) |
	       FIELD(1, 0x09) | FIELD(1, 0x10) | FIELD(1, 0x11) | FIELD(1, 0x12);
}

/* ID_AA64ISAR0_EL1: AES [7:4] = 2 (AES + PMULL), SHA1 [11:8] = 1, SHA2
 * [15:12] = 1, CRC32 [19:16] = 1, Atomic [23:20] = 2 (FEAT_LSE), RDM
 * [31:28] = 1: the Armv8.2 mandatory set plus the Cryptographic Extension,
 * as on Neoverse N1. Instruction execution is the engine's business. */
static uint64_t aa64isar0(void)
{
	return FIELD(2, 4) | FIELD(1, 8) | FIELD(1, 12) | FIELD(1, 16) | FIELD(2, 20) | FIELD(1, 28);
}

/* ID_AA64ISAR1_EL1: DPB [3:0] = 1 (DC CVAP, FEAT_DPB); with FEAT_PAuth
 * APA [7:4] = 1 (the architected QARMA5 algorithm, no FEAT_EPAC/PAuth2/
 * FPAC) and GPA [27:24] = 1 (PACGA), API = GPI = 0. */
static uint64_t aa64isar1(const el2_config *cfg)
{
	unsigned pa = feat(cfg, EL2_FEAT_PAUTH) ? 1 : 0;
	return FIELD(1, 0) | FIELD(pa, 4) | FIELD(pa, 24);
}

/* CTR_EL0: bit 31 RES1, CWG [27:24] = 4 and ERG [23:20] = 4 (64 bytes),
 * DminLine [19:16] = 4 (64-byte lines), L1Ip [15:14] = 0b11 (PIPT),
 * IminLine [3:0] = 4; IDC = DIC = 0 (cache maintenance is required). */
static uint64_t ctr(void)
{
	return FIELD(1, 31) | FIELD(4, 24) | FIELD(4, 20) | FIELD(4, 16) | FIELD(3, 14) | FIELD(4, 0);
}

/* DCZID_EL0: BS [3:0] = 4 (2^4 words = 64 bytes). DZP [4] depends on the
 * state of the reader: an MRS adds it (sysreg_dczid_dzp); here it is 0. */
static uint64_t dczid(void)
{
	return FIELD(4, 0);
}

/* CLIDR_EL1: Ctype1 [2:0] = 0b011 (separate I and D), Ctype2 [5:3] = 0b100
 * (unified), LoUIS [23:21] = 1, LoC [26:24] = 2, LoUU [29:27] = 1. */
static uint64_t clidr(void)
{
	return FIELD(3, 0) | FIELD(4, 3) | FIELD(1, 21) | FIELD(2, 24) | FIELD(1, 27);
}

/* CCSIDR_EL1 (no FEAT_CCIDX): NumSets [27:13] = 255, Associativity [12:3] =
 * 3, LineSize [2:0] = 2: a 64 KiB 4-way cache of 64-byte lines, whatever
 * CSSELR_EL1 selects. */
static uint64_t ccsidr(void)
{
	return FIELD(255, 13) | FIELD(3, 3) | FIELD(2, 0);
}

/* ICH_VTR_EL2 (IHI 0069): ListRegs [4:0] = 15 (16 LRs), A3V [21] = 1,
 * SEIS [22] = 0, IDbits [25:23] = 0 (16 bits), PREbits [28:26] = 6 and
 * PRIbits [31:29] = 6 (7 bits: ICH_AP0R0..3/AP1R0..3 all implemented). */
static uint64_t ich_vtr(void)
{
	return FIELD(15, 0) | FIELD(1, 21) | FIELD(6, 26) | FIELD(6, 29);
}

/* MPIDR_EL1: Aff3 [39:32], bit 31 RES1, U [30], MT [24], Aff2..Aff0 [23:0];
 * the rest RES0. */
#define MPIDR_VALID 0xff41ffffffull

uint64_t sysreg_id_derived(const el2_config *cfg, el2_sysreg id)
{
	if (!cfg)
		return 0;
	switch (id) {
	case EL2_SR_MIDR_EL1:
		return cfg->midr & 0xffffffffu;
	case EL2_SR_MPIDR_EL1:
		return (cfg->mpidr & MPIDR_VALID) | FIELD(1, 31);
	case EL2_SR_ID_AA64PFR0_EL1:
		return aa64pfr0(cfg);
	case EL2_SR_ID_AA64PFR1_EL1:
		return aa64pfr1(cfg);
	case EL2_SR_ID_AA64MMFR0_EL1:
		return aa64mmfr0(cfg);
	case EL2_SR_ID_AA64MMFR1_EL1:
		return aa64mmfr1(cfg);
	case EL2_SR_ID_AA64MMFR2_EL1:
		return aa64mmfr2(cfg);
	case EL2_SR_ID_AA64DFR0_EL1:
		return aa64dfr0(cfg);
	case EL2_SR_PMCEID0_EL0:
		return feat(cfg, EL2_FEAT_PMU) ? pmceid0() : 0;
	case EL2_SR_ID_AA64ISAR0_EL1:
		return aa64isar0();
	case EL2_SR_ID_AA64ISAR1_EL1:
		return aa64isar1(cfg);
	case EL2_SR_CTR_EL0:
		return ctr();
	case EL2_SR_DCZID_EL0:
		return dczid();
	case EL2_SR_CLIDR_EL1:
		return clidr();
	case EL2_SR_CCSIDR_EL1:
		return ccsidr();
	case EL2_SR_ICH_VTR_EL2:
		return ich_vtr();
	default:
		/* REVIDR, AIDR, ID_AA64{DFR1,AFR0,AFR1,ISAR2,ZFR0} and every
		 * AArch32 ID register: zero on this PE. */
		return 0;
	}
}

uint64_t sysreg_id_value(const el2_config *cfg, el2_sysreg id)
{
	uint64_t v;
	if (el2_config_id_override(cfg, id, &v))
		return v;
	return sysreg_id_derived(cfg, id);
}

/* Reset: STORED and SPECIAL slots take the RESET column with RES0/RES1
 * applied, ID slots their value. VPIDR_EL2/VMPIDR_EL2 reset to UNKNOWN;
 * the model uses MIDR_EL1/MPIDR_EL1, which is what KVM programs anyway. */
void sysreg_reset(el2_pe *pe)
{
	for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
		const el2_sysreg_info *ri = el2_sysreg_get((el2_sysreg)i);
		switch (ri->kind) {
		case EL2_SRK_ID:
			pe->s.sr[i] = sysreg_id_value(&pe->cfg, (el2_sysreg)i);
			break;
		case EL2_SRK_STORED:
		case EL2_SRK_SPECIAL:
			pe->s.sr[i] = sysreg_masked(pe, (el2_sysreg)i, ri->reset);
			break;
		default:
			pe->s.sr[i] = 0; /* aliases and SYS operations own no storage */
			break;
		}
	}
	SR(pe, VPIDR_EL2) = sysreg_id_value(&pe->cfg, EL2_SR_MIDR_EL1);
	SR(pe, VMPIDR_EL2) = sysreg_id_value(&pe->cfg, EL2_SR_MPIDR_EL1);
	pmu_reset(pe);
}

/* A row that only exists with EL2: the EL2 registers and SYS operations
 * (lowest EL 2) and the _EL12/_EL02 aliases. SP_EL1 is an EL1 stack
 * pointer that only EL2 may name, so it exists without EL2. */
static bool needs_el2(el2_sysreg id, const el2_sysreg_info *ri)
{
	if (ri->kind == EL2_SRK_ALIAS)
		return true;
	return ri->min_el == 2 && id != EL2_SR_SP_EL1;
}

bool sysreg_exists_in_config(const el2_config *cfg, el2_sysreg id)
{
	const el2_sysreg_info *ri = el2_sysreg_get(id);
	if (!cfg || !ri)
		return false;
	if (needs_el2(id, ri) && !cfg->have_el2)
		return false;
	if (ri->feature == EL2_FEAT_PMU && !pmu_row_exists(cfg, id))
		return false;
	return ri->feature == 0 || (cfg->features & ri->feature) == ri->feature;
}
