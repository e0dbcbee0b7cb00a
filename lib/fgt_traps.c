/* SPDX-License-Identifier: MIT */
/* FEAT_FGT fine-grained traps of EL1/EL0 system-register accesses and
 * system instructions to EL2 (Arm ARM DDI 0487 J.a, D19 HFGRTR_EL2,
 * HFGWTR_EL2, HFGITR_EL2, HDFGRTR_EL2, HDFGWTR_EL2; the accessor
 * pseudocode of each register tests "EL2Enabled() && (!HaveEL(EL3) ||
 * SCR_EL3.FGTEn == '1') && HFGxTR_EL2.<field> == '1'", at EL0 also
 * "HCR_EL2.<E2H,TGE> != '11'"). The model's EL3 is fixed with FGTEn = 1,
 * so FGTEn never disables them. The caller (sysreg_check) asks only for
 * EL1, or EL0 not in host, with EL2 enabled, after the EL1-targeted
 * checks and before the coarse EL2 traps: the accessors' order.
 *
 * The table maps each row the model has to its trap bit; a field that
 * covers several registers (DBGBCRn_EL1, ERXMISCn_EL1, the Lo/Hi halves
 * of a PAuth key) has one line per register. The MTE2 registers have no
 * FEAT_FGT bit. Read rows use HFGRTR/HDFGRTR, writes HFGWTR/HDFGWTR, SYS
 * operations HFGITR (field names as in the register descriptions). */
#include <threads.h>

#include "fgt_internal.h"

enum fgt_reg { FGT_NONE, FGT_GRP, FGT_DBG, FGT_INSN };

static const struct fgt_row {
	el2_sysreg id;
	uint8_t reg; /* enum fgt_reg: HFGxTR, HDFGxTR or HFGITR */
	uint8_t bit;
} fgt_rows[] = {
	/* HFGRTR_EL2 / HFGWTR_EL2 (the read-only registers' write bits are
	 * RES0: their MSR is UNDEFINED before any trap). */
	{EL2_SR_AFSR0_EL1, FGT_GRP, 0},       {EL2_SR_AFSR1_EL1, FGT_GRP, 1},
	{EL2_SR_AIDR_EL1, FGT_GRP, 2},        {EL2_SR_AMAIR_EL1, FGT_GRP, 3},
	{EL2_SR_APDAKeyLo_EL1, FGT_GRP, 4},   {EL2_SR_APDAKeyHi_EL1, FGT_GRP, 4},
	{EL2_SR_APDBKeyLo_EL1, FGT_GRP, 5},   {EL2_SR_APDBKeyHi_EL1, FGT_GRP, 5},
	{EL2_SR_APGAKeyLo_EL1, FGT_GRP, 6},   {EL2_SR_APGAKeyHi_EL1, FGT_GRP, 6},
	{EL2_SR_APIAKeyLo_EL1, FGT_GRP, 7},   {EL2_SR_APIAKeyHi_EL1, FGT_GRP, 7},
	{EL2_SR_APIBKeyLo_EL1, FGT_GRP, 8},   {EL2_SR_APIBKeyHi_EL1, FGT_GRP, 8},
	{EL2_SR_CCSIDR_EL1, FGT_GRP, 9},      {EL2_SR_CLIDR_EL1, FGT_GRP, 10},
	{EL2_SR_CONTEXTIDR_EL1, FGT_GRP, 11}, {EL2_SR_CPACR_EL1, FGT_GRP, 12},
	{EL2_SR_CSSELR_EL1, FGT_GRP, 13},     {EL2_SR_CTR_EL0, FGT_GRP, 14},
	{EL2_SR_DCZID_EL0, FGT_GRP, 15},      {EL2_SR_ESR_EL1, FGT_GRP, 16},
	{EL2_SR_FAR_EL1, FGT_GRP, 17},        {EL2_SR_ISR_EL1, FGT_GRP, 18},
	{EL2_SR_MAIR_EL1, FGT_GRP, 24},       {EL2_SR_MIDR_EL1, FGT_GRP, 25},
	{EL2_SR_MPIDR_EL1, FGT_GRP, 26},      {EL2_SR_PAR_EL1, FGT_GRP, 27},
	{EL2_SR_REVIDR_EL1, FGT_GRP, 28},     {EL2_SR_SCTLR_EL1, FGT_GRP, 29},
	{EL2_SR_TCR_EL1, FGT_GRP, 32},        {EL2_SR_TPIDR_EL1, FGT_GRP, 33},
	{EL2_SR_TPIDRRO_EL0, FGT_GRP, 34},    {EL2_SR_TPIDR_EL0, FGT_GRP, 35},
	{EL2_SR_TTBR0_EL1, FGT_GRP, 36},      {EL2_SR_TTBR1_EL1, FGT_GRP, 37},
	{EL2_SR_VBAR_EL1, FGT_GRP, 38},       {EL2_SR_ICC_IGRPEN1_EL1, FGT_GRP, 39},
	{EL2_SR_ERRIDR_EL1, FGT_GRP, 40},     {EL2_SR_ERRSELR_EL1, FGT_GRP, 41},
	{EL2_SR_ERXFR_EL1, FGT_GRP, 42},      {EL2_SR_ERXCTLR_EL1, FGT_GRP, 43},
	{EL2_SR_ERXSTATUS_EL1, FGT_GRP, 44},  {EL2_SR_ERXMISC0_EL1, FGT_GRP, 45},
	{EL2_SR_ERXMISC1_EL1, FGT_GRP, 45},   {EL2_SR_ERXADDR_EL1, FGT_GRP, 49},
	/* HDFGRTR_EL2 / HDFGWTR_EL2 (OSLSR_EL1 read-only, OSLAR_EL1
	 * write-only: bit 9 is RES0 in HDFGWTR, bit 8 in HDFGRTR). */
	{EL2_SR_DBGBCR0_EL1, FGT_DBG, 0},     {EL2_SR_DBGBCR1_EL1, FGT_DBG, 0},
	{EL2_SR_DBGBVR0_EL1, FGT_DBG, 1},     {EL2_SR_DBGBVR1_EL1, FGT_DBG, 1},
	{EL2_SR_DBGWCR0_EL1, FGT_DBG, 2},     {EL2_SR_DBGWCR1_EL1, FGT_DBG, 2},
	{EL2_SR_DBGWVR0_EL1, FGT_DBG, 3},     {EL2_SR_DBGWVR1_EL1, FGT_DBG, 3},
	{EL2_SR_MDSCR_EL1, FGT_DBG, 4},       {EL2_SR_DBGPRCR_EL1, FGT_DBG, 7},
	{EL2_SR_OSLAR_EL1, FGT_DBG, 8},       {EL2_SR_OSLSR_EL1, FGT_DBG, 9},
	{EL2_SR_OSDLR_EL1, FGT_DBG, 11},
	/* HFGITR_EL2 */
	{EL2_SR_IC_IALLUIS, FGT_INSN, 0},     {EL2_SR_IC_IALLU, FGT_INSN, 1},
	{EL2_SR_IC_IVAU, FGT_INSN, 2},        {EL2_SR_DC_IVAC, FGT_INSN, 3},
	{EL2_SR_DC_ISW, FGT_INSN, 4},         {EL2_SR_DC_CSW, FGT_INSN, 5},
	{EL2_SR_DC_CISW, FGT_INSN, 6},        {EL2_SR_DC_CVAU, FGT_INSN, 7},
	{EL2_SR_DC_CVAP, FGT_INSN, 8},        {EL2_SR_DC_CIVAC, FGT_INSN, 10},
	{EL2_SR_DC_ZVA, FGT_INSN, 11},        {EL2_SR_AT_S1E1R, FGT_INSN, 12},
	{EL2_SR_AT_S1E1W, FGT_INSN, 13},      {EL2_SR_AT_S1E0R, FGT_INSN, 14},
	{EL2_SR_AT_S1E0W, FGT_INSN, 15},      {EL2_SR_AT_S1E1RP, FGT_INSN, 16},
	{EL2_SR_AT_S1E1WP, FGT_INSN, 17},     {EL2_SR_TLBI_VMALLE1IS, FGT_INSN, 28},
	{EL2_SR_TLBI_VAE1IS, FGT_INSN, 29},   {EL2_SR_TLBI_ASIDE1IS, FGT_INSN, 30},
	{EL2_SR_TLBI_VAAE1IS, FGT_INSN, 31},  {EL2_SR_TLBI_VALE1IS, FGT_INSN, 32},
	{EL2_SR_TLBI_VAALE1IS, FGT_INSN, 33}, {EL2_SR_TLBI_VMALLE1, FGT_INSN, 42},
	{EL2_SR_TLBI_VAE1, FGT_INSN, 43},     {EL2_SR_TLBI_ASIDE1, FGT_INSN, 44},
	{EL2_SR_TLBI_VAAE1, FGT_INSN, 45},    {EL2_SR_TLBI_VALE1, FGT_INSN, 46},
	{EL2_SR_TLBI_VAALE1, FGT_INSN, 47},   {EL2_SR_DC_CVAC, FGT_INSN, 54},
};

#define N_FGT_ROWS (sizeof(fgt_rows) / sizeof(fgt_rows[0]))
_Static_assert(N_FGT_ROWS < 255, "fgt_index holds row + 1 in a byte");

/* Row id -> index in fgt_rows + 1 (0 = no fine-grained trap), built once. */
static uint8_t fgt_index[EL2_SR_COUNT];
static once_flag fgt_once = ONCE_FLAG_INIT;

static void build_fgt_index(void)
{
	for (unsigned i = 0; i < N_FGT_ROWS; i++)
		fgt_index[fgt_rows[i].id] = (uint8_t)(i + 1);
}

/* The HFGITR_EL2 bits of ERET [51], SVC_EL0 [52], SVC_EL1 [53]. */
#define HFGITR_ERET EL2_BIT(51)
#define HFGITR_SVC_EL0 EL2_BIT(52)
#define HFGITR_SVC_EL1 EL2_BIT(53)

static uint64_t fgt_reg_value(const el2_pe *pe, unsigned reg, bool is_write)
{
	switch (reg) {
	case FGT_GRP:
		return is_write ? SR(pe, HFGWTR_EL2) : SR(pe, HFGRTR_EL2);
	case FGT_DBG:
		return is_write ? SR(pe, HDFGWTR_EL2) : SR(pe, HDFGRTR_EL2);
	case FGT_INSN:
		return SR(pe, HFGITR_EL2);
	default:
		return 0;
	}
}

bool fgt_traps(const el2_pe *pe, el2_sysreg id, bool is_write)
{
	if (!have_feat(pe, EL2_FEAT_FGT))
		return false;
	call_once(&fgt_once, build_fgt_index);
	unsigned i = fgt_index[id];
	if (!i)
		return false;
	const struct fgt_row *r = &fgt_rows[i - 1];
	return (fgt_reg_value(pe, r->reg, is_write) >> r->bit) & 1u;
}

/* aarch64/exceptions/traps/AArch64.CheckForERetTrap, the FEAT_FGT part:
 * ERET at EL1 with EL2 enabled and HFGITR_EL2.ERET == 1 (HCR_EL2.NV is
 * FEAT_NV: not modelled). */
bool fgt_eret_traps(const el2_pe *pe)
{
	return have_feat(pe, EL2_FEAT_FGT) && pe_el(pe) == 1 && el2_enabled(pe) &&
	       (SR(pe, HFGITR_EL2) & HFGITR_ERET);
}

/* aarch64/exceptions/syscalls/AArch64.CheckForSVCTrap: SVC at EL0 (not
 * in host) with HFGITR_EL2.SVC_EL0, at EL1 with HFGITR_EL2.SVC_EL1, EL2
 * enabled, traps to EL2. */
bool fgt_svc_traps(const el2_pe *pe)
{
	if (!have_feat(pe, EL2_FEAT_FGT) || !el2_enabled(pe))
		return false;
	uint64_t hfgitr = SR(pe, HFGITR_EL2);
	switch (pe_el(pe)) {
	case 0:
		return !is_in_host(pe) && (hfgitr & HFGITR_SVC_EL0);
	case 1:
		return (hfgitr & HFGITR_SVC_EL1) != 0;
	default:
		return false;
	}
}
