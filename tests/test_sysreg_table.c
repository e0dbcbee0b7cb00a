/* SPDX-License-Identifier: MIT */
/* The system-register table (include/el2sim/sysreg.def, lib/sysreg_table.c):
 * encodings typed from the Arm ARM DDI 0487 J.a register descriptions
 * (D19) and System instruction tables (C5.3), and the table's invariants. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"

typedef struct enc_row {
	const char *name;
	unsigned op0, op1, crn, crm, op2;
} enc_row;

/* (name, op0, op1, CRn, CRm, op2) from the "Accessing <register>" /
 * System instruction encoding tables. */
static const enc_row manual[] = {
	{"SCTLR_EL1", 3, 0, 1, 0, 0},       {"ACTLR_EL1", 3, 0, 1, 0, 1},
	{"CPACR_EL1", 3, 0, 1, 0, 2},       {"TTBR0_EL1", 3, 0, 2, 0, 0},
	{"TTBR1_EL1", 3, 0, 2, 0, 1},       {"TCR_EL1", 3, 0, 2, 0, 2},
	{"SPSR_EL1", 3, 0, 4, 0, 0},        {"ELR_EL1", 3, 0, 4, 0, 1},
	{"SP_EL0", 3, 0, 4, 1, 0},          {"SPSel", 3, 0, 4, 2, 0},
	{"CurrentEL", 3, 0, 4, 2, 2},       {"PAN", 3, 0, 4, 2, 3},
	{"UAO", 3, 0, 4, 2, 4},             {"AFSR0_EL1", 3, 0, 5, 1, 0},
	{"AFSR1_EL1", 3, 0, 5, 1, 1},       {"ESR_EL1", 3, 0, 5, 2, 0},
	{"FAR_EL1", 3, 0, 6, 0, 0},         {"PAR_EL1", 3, 0, 7, 4, 0},
	{"MAIR_EL1", 3, 0, 10, 2, 0},       {"AMAIR_EL1", 3, 0, 10, 3, 0},
	{"VBAR_EL1", 3, 0, 12, 0, 0},       {"ISR_EL1", 3, 0, 12, 1, 0},
	{"CONTEXTIDR_EL1", 3, 0, 13, 0, 1}, {"TPIDR_EL1", 3, 0, 13, 0, 4},
	{"CNTKCTL_EL1", 3, 0, 14, 1, 0},    {"CSSELR_EL1", 3, 2, 0, 0, 0},
	{"MDSCR_EL1", 2, 0, 0, 2, 2},       {"OSLAR_EL1", 2, 0, 1, 0, 4},
	{"OSLSR_EL1", 2, 0, 1, 1, 4},       {"OSDLR_EL1", 2, 0, 1, 3, 4},
	{"MDRAR_EL1", 2, 0, 1, 0, 0},       {"DBGPRCR_EL1", 2, 0, 1, 4, 4},
	{"DBGBVR0_EL1", 2, 0, 0, 0, 4},     {"DBGBCR0_EL1", 2, 0, 0, 0, 5},
	{"DBGWVR0_EL1", 2, 0, 0, 0, 6},     {"DBGWCR0_EL1", 2, 0, 0, 0, 7},
	{"DBGBVR1_EL1", 2, 0, 0, 1, 4},     {"DBGBCR1_EL1", 2, 0, 0, 1, 5},
	{"DBGWVR1_EL1", 2, 0, 0, 1, 6},     {"DBGWCR1_EL1", 2, 0, 0, 1, 7},
	{"MDCCINT_EL1", 2, 0, 0, 2, 0},
	{"NZCV", 3, 3, 4, 2, 0},            {"DAIF", 3, 3, 4, 2, 1},
	{"DIT", 3, 3, 4, 2, 5},             {"SSBS", 3, 3, 4, 2, 6},
	{"TCO", 3, 3, 4, 2, 7},             {"FPCR", 3, 3, 4, 4, 0},
	{"FPSR", 3, 3, 4, 4, 1},            {"TPIDR_EL0", 3, 3, 13, 0, 2},
	{"TPIDRRO_EL0", 3, 3, 13, 0, 3},    {"VPIDR_EL2", 3, 4, 0, 0, 0},
	{"VMPIDR_EL2", 3, 4, 0, 0, 5},      {"SCTLR_EL2", 3, 4, 1, 0, 0},
	{"ACTLR_EL2", 3, 4, 1, 0, 1},       {"HCR_EL2", 3, 4, 1, 1, 0},
	{"MDCR_EL2", 3, 4, 1, 1, 1},        {"CPTR_EL2", 3, 4, 1, 1, 2},
	{"HSTR_EL2", 3, 4, 1, 1, 3},        {"HACR_EL2", 3, 4, 1, 1, 7},
	{"TTBR0_EL2", 3, 4, 2, 0, 0},       {"TTBR1_EL2", 3, 4, 2, 0, 1},
	{"TCR_EL2", 3, 4, 2, 0, 2},         {"VTTBR_EL2", 3, 4, 2, 1, 0},
	{"VTCR_EL2", 3, 4, 2, 1, 2},        {"SPSR_EL2", 3, 4, 4, 0, 0},
	{"ELR_EL2", 3, 4, 4, 0, 1},         {"SP_EL1", 3, 4, 4, 1, 0},
	{"SP_EL2", 3, 6, 4, 1, 0},          {"AFSR0_EL2", 3, 4, 5, 1, 0},
	{"AFSR1_EL2", 3, 4, 5, 1, 1},       {"ESR_EL2", 3, 4, 5, 2, 0},
	{"FAR_EL2", 3, 4, 6, 0, 0},         {"HPFAR_EL2", 3, 4, 6, 0, 4},
	{"MAIR_EL2", 3, 4, 10, 2, 0},       {"AMAIR_EL2", 3, 4, 10, 3, 0},
	{"VBAR_EL2", 3, 4, 12, 0, 0},       {"CONTEXTIDR_EL2", 3, 4, 13, 0, 1},
	{"TPIDR_EL2", 3, 4, 13, 0, 2},      {"CNTVOFF_EL2", 3, 4, 14, 0, 3},
	{"CNTHCTL_EL2", 3, 4, 14, 1, 0},    {"CNTFRQ_EL0", 3, 3, 14, 0, 0},
	{"CNTPCT_EL0", 3, 3, 14, 0, 1},     {"CNTVCT_EL0", 3, 3, 14, 0, 2},
	{"CNTP_TVAL_EL0", 3, 3, 14, 2, 0},  {"CNTP_CTL_EL0", 3, 3, 14, 2, 1},
	{"CNTP_CVAL_EL0", 3, 3, 14, 2, 2},  {"CNTV_TVAL_EL0", 3, 3, 14, 3, 0},
	{"CNTV_CTL_EL0", 3, 3, 14, 3, 1},   {"CNTV_CVAL_EL0", 3, 3, 14, 3, 2},
	{"CNTHP_TVAL_EL2", 3, 4, 14, 2, 0}, {"CNTHP_CTL_EL2", 3, 4, 14, 2, 1},
	{"CNTHP_CVAL_EL2", 3, 4, 14, 2, 2}, {"CNTHV_TVAL_EL2", 3, 4, 14, 3, 0},
	{"CNTHV_CTL_EL2", 3, 4, 14, 3, 1},  {"CNTHV_CVAL_EL2", 3, 4, 14, 3, 2},
	{"SCTLR_EL12", 3, 5, 1, 0, 0},      {"CPACR_EL12", 3, 5, 1, 0, 2},
	{"TTBR0_EL12", 3, 5, 2, 0, 0},      {"TCR_EL12", 3, 5, 2, 0, 2},
	{"SPSR_EL12", 3, 5, 4, 0, 0},       {"ELR_EL12", 3, 5, 4, 0, 1},
	{"ESR_EL12", 3, 5, 5, 2, 0},        {"VBAR_EL12", 3, 5, 12, 0, 0},
	{"CNTKCTL_EL12", 3, 5, 14, 1, 0},   {"CNTP_CTL_EL02", 3, 5, 14, 2, 1},
	{"CNTV_CVAL_EL02", 3, 5, 14, 3, 2}, {"ICC_PMR_EL1", 3, 0, 4, 6, 0},
	{"ICC_CTLR_EL1", 3, 0, 12, 12, 4},  {"ICC_SRE_EL1", 3, 0, 12, 12, 5},
	{"ICC_IGRPEN1_EL1", 3, 0, 12, 12, 7}, {"ICC_SRE_EL2", 3, 4, 12, 9, 5},
	{"ICH_AP0R0_EL2", 3, 4, 12, 8, 0},  {"ICH_AP0R3_EL2", 3, 4, 12, 8, 3},
	{"ICH_AP1R0_EL2", 3, 4, 12, 9, 0},  {"ICH_AP1R3_EL2", 3, 4, 12, 9, 3},
	{"ICH_HCR_EL2", 3, 4, 12, 11, 0},   {"ICH_VTR_EL2", 3, 4, 12, 11, 1},
	{"ICH_MISR_EL2", 3, 4, 12, 11, 2},  {"ICH_EISR_EL2", 3, 4, 12, 11, 3},
	{"ICH_ELRSR_EL2", 3, 4, 12, 11, 5}, {"ICH_VMCR_EL2", 3, 4, 12, 11, 7},
	{"ICH_LR0_EL2", 3, 4, 12, 12, 0},   {"ICH_LR7_EL2", 3, 4, 12, 12, 7},
	{"ICH_LR8_EL2", 3, 4, 12, 13, 0},   {"ICH_LR15_EL2", 3, 4, 12, 13, 7},
	{"MIDR_EL1", 3, 0, 0, 0, 0},        {"MPIDR_EL1", 3, 0, 0, 0, 5},
	{"REVIDR_EL1", 3, 0, 0, 0, 6},      {"AIDR_EL1", 3, 1, 0, 0, 7},
	{"CCSIDR_EL1", 3, 1, 0, 0, 0},      {"CLIDR_EL1", 3, 1, 0, 0, 1},
	{"CTR_EL0", 3, 3, 0, 0, 1},         {"DCZID_EL0", 3, 3, 0, 0, 7},
	{"ID_PFR0_EL1", 3, 0, 0, 1, 0},     {"ID_ISAR0_EL1", 3, 0, 0, 2, 0},
	{"MVFR0_EL1", 3, 0, 0, 3, 0},       {"MVFR2_EL1", 3, 0, 0, 3, 2},
	{"ID_AA64PFR0_EL1", 3, 0, 0, 4, 0}, {"ID_AA64PFR1_EL1", 3, 0, 0, 4, 1},
	{"ID_AA64ZFR0_EL1", 3, 0, 0, 4, 4}, {"ID_AA64DFR0_EL1", 3, 0, 0, 5, 0},
	{"ID_AA64DFR1_EL1", 3, 0, 0, 5, 1}, {"ID_AA64AFR0_EL1", 3, 0, 0, 5, 4},
	{"ID_AA64AFR1_EL1", 3, 0, 0, 5, 5}, {"ID_AA64ISAR0_EL1", 3, 0, 0, 6, 0},
	{"ID_AA64ISAR1_EL1", 3, 0, 0, 6, 1}, {"ID_AA64ISAR2_EL1", 3, 0, 0, 6, 2},
	{"ID_AA64MMFR0_EL1", 3, 0, 0, 7, 0}, {"ID_AA64MMFR1_EL1", 3, 0, 0, 7, 1},
	{"ID_AA64MMFR2_EL1", 3, 0, 0, 7, 2}, {"AT_S1E1R", 1, 0, 7, 8, 0},
	{"AT_S1E0W", 1, 0, 7, 8, 3},        {"AT_S1E1RP", 1, 0, 7, 9, 0},
	{"AT_S1E1WP", 1, 0, 7, 9, 1},       {"AT_S1E2R", 1, 4, 7, 8, 0},
	{"AT_S12E1R", 1, 4, 7, 8, 4},       {"AT_S12E0W", 1, 4, 7, 8, 7},
	{"DC_IVAC", 1, 0, 7, 6, 1},         {"DC_ISW", 1, 0, 7, 6, 2},
	{"DC_CSW", 1, 0, 7, 10, 2},         {"DC_CISW", 1, 0, 7, 14, 2},
	{"DC_ZVA", 1, 3, 7, 4, 1},          {"DC_CVAC", 1, 3, 7, 10, 1},
	{"DC_CVAU", 1, 3, 7, 11, 1},        {"DC_CVAP", 1, 3, 7, 12, 1},
	{"DC_CIVAC", 1, 3, 7, 14, 1},       {"IC_IALLUIS", 1, 0, 7, 1, 0},
	{"IC_IALLU", 1, 0, 7, 5, 0},        {"IC_IVAU", 1, 3, 7, 5, 1},
	{"TLBI_VMALLE1IS", 1, 0, 8, 3, 0},  {"TLBI_VAE1IS", 1, 0, 8, 3, 1},
	{"TLBI_ASIDE1IS", 1, 0, 8, 3, 2},   {"TLBI_VAAE1IS", 1, 0, 8, 3, 3},
	{"TLBI_VALE1IS", 1, 0, 8, 3, 5},    {"TLBI_VAALE1IS", 1, 0, 8, 3, 7},
	{"TLBI_VMALLE1", 1, 0, 8, 7, 0},    {"TLBI_VAE1", 1, 0, 8, 7, 1},
	{"TLBI_VAALE1", 1, 0, 8, 7, 7},     {"TLBI_IPAS2E1IS", 1, 4, 8, 0, 1},
	{"TLBI_IPAS2LE1IS", 1, 4, 8, 0, 5}, {"TLBI_ALLE2IS", 1, 4, 8, 3, 0},
	{"TLBI_VAE2IS", 1, 4, 8, 3, 1},     {"TLBI_ALLE1IS", 1, 4, 8, 3, 4},
	{"TLBI_VALE2IS", 1, 4, 8, 3, 5},    {"TLBI_VMALLS12E1IS", 1, 4, 8, 3, 6},
	{"TLBI_IPAS2E1", 1, 4, 8, 4, 1},    {"TLBI_IPAS2LE1", 1, 4, 8, 4, 5},
	{"TLBI_ALLE2", 1, 4, 8, 7, 0},      {"TLBI_VAE2", 1, 4, 8, 7, 1},
	{"TLBI_ALLE1", 1, 4, 8, 7, 4},      {"TLBI_VALE2", 1, 4, 8, 7, 5},
	{"TLBI_VMALLS12E1", 1, 4, 8, 7, 6},
};

static const el2_sysreg_info *row(const char *name)
{
	el2_sysreg id = el2_sysreg_by_name(name);
	if (id == EL2_SR_NONE)
		fail_msg("no row named %s", name);
	return el2_sysreg_get(id);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void test_every_encoding_matches_the_arm_arm(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(manual) / sizeof(manual[0]); i++) {
		const enc_row *m = &manual[i];
		const el2_sysreg_info *ri = row(m->name);
		uint32_t want = EL2_SYS_ENC(m->op0, m->op1, m->crn, m->crm, m->op2);
		if (ri->enc != want)
			fail_msg("%s: enc %#x, Arm ARM %#x", m->name, (unsigned)ri->enc, (unsigned)want);
		assert_int_equal(EL2_SYS_OP0(ri->enc), m->op0);
		assert_int_equal(EL2_SYS_OP1(ri->enc), m->op1);
		assert_int_equal(EL2_SYS_CRN(ri->enc), m->crn);
		assert_int_equal(EL2_SYS_CRM(ri->enc), m->crm);
		assert_int_equal(EL2_SYS_OP2(ri->enc), m->op2);
	}
}

static void test_no_two_rows_share_an_encoding(void **state)
{
	(void)state;
	for (unsigned i = 0; i < EL2_SR_COUNT; i++)
		for (unsigned j = i + 1; j < EL2_SR_COUNT; j++)
			if (el2_sysreg_get(i)->enc == el2_sysreg_get(j)->enc)
				fail_msg("%s and %s share encoding %#x", el2_sysreg_get(i)->name,
					 el2_sysreg_get(j)->name, (unsigned)el2_sysreg_get(i)->enc);
}

static void test_no_two_rows_share_a_name(void **state)
{
	(void)state;
	for (unsigned i = 0; i < EL2_SR_COUNT; i++)
		assert_int_equal(el2_sysreg_by_name(el2_sysreg_get(i)->name), i);
}

/* SCTLR_EL12 -> SCTLR_EL1, CNTP_CTL_EL02 -> CNTP_CTL_EL0: same stem, and a
 * row with storage (STORED, or SPECIAL for the timer CTL/TVAL views). */
static void test_every_alias_names_the_el1_or_el0_row_of_its_stem(void **state)
{
	(void)state;
	unsigned aliases = 0;
	for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
		const el2_sysreg_info *ri = el2_sysreg_get(i);
		if (ri->kind != EL2_SRK_ALIAS)
			continue;
		aliases++;
		char want[64];
		size_t n = strlen(ri->name);
		assert_true(n > 2 && n < sizeof(want));
		assert_true(ends_with(ri->name, "_EL12") || ends_with(ri->name, "_EL02"));
		memcpy(want, ri->name, n - 1); /* drop the trailing '2' */
		want[n - 1] = '\0';
		const el2_sysreg_info *target = el2_sysreg_get(ri->vhe);
		assert_non_null(target);
		if (strcmp(target->name, want) != 0)
			fail_msg("%s names %s, expected %s", ri->name, target->name, want);
		assert_true(target->kind == EL2_SRK_STORED || target->kind == EL2_SRK_SPECIAL);
		assert_int_equal(ri->min_el, 2);
		assert_true(ri->feature & EL2_FEAT_VHE); /* TFSR_EL12, ZCR_EL12: + MTE / SVE */
		assert_int_equal(EL2_SYS_OP1(ri->enc), 5);
	}
	assert_int_equal(aliases, 24); /* 18 _EL12 + 6 timer _EL02 */
}

static void test_every_vhe_target_is_an_el2_row(void **state)
{
	(void)state;
	for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
		const el2_sysreg_info *ri = el2_sysreg_get(i);
		if (ri->kind == EL2_SRK_ALIAS || ri->vhe == EL2_SR_NONE)
			continue;
		const el2_sysreg_info *t = el2_sysreg_get(ri->vhe);
		assert_non_null(t);
		assert_true(ends_with(ri->name, "_EL1") || ends_with(ri->name, "_EL0"));
		if (!ends_with(t->name, "_EL2") || t->min_el != 2)
			fail_msg("%s redirects to %s", ri->name, t->name);
		assert_int_equal(t->kind == EL2_SRK_STORED || t->kind == EL2_SRK_SPECIAL, 1);
	}
}

/* The redirections listed with each EL1 register's accessor pseudocode
 * ("if ELIsInHost(EL2) then X[t] = <EL2 register>"). */
static void test_vhe_redirections_are_the_arm_arm_pairs(void **state)
{
	(void)state;
	static const char *const pairs[][2] = {
		{"SCTLR_EL1", "SCTLR_EL2"},         {"CPACR_EL1", "CPTR_EL2"},
		{"TTBR0_EL1", "TTBR0_EL2"},         {"TTBR1_EL1", "TTBR1_EL2"},
		{"TCR_EL1", "TCR_EL2"},             {"AFSR0_EL1", "AFSR0_EL2"},
		{"AFSR1_EL1", "AFSR1_EL2"},         {"ESR_EL1", "ESR_EL2"},
		{"FAR_EL1", "FAR_EL2"},             {"MAIR_EL1", "MAIR_EL2"},
		{"AMAIR_EL1", "AMAIR_EL2"},         {"VBAR_EL1", "VBAR_EL2"},
		{"CONTEXTIDR_EL1", "CONTEXTIDR_EL2"}, {"CNTKCTL_EL1", "CNTHCTL_EL2"},
		{"SPSR_EL1", "SPSR_EL2"},           {"ELR_EL1", "ELR_EL2"},
		{"CNTP_CTL_EL0", "CNTHP_CTL_EL2"},  {"CNTP_CVAL_EL0", "CNTHP_CVAL_EL2"},
		{"CNTP_TVAL_EL0", "CNTHP_TVAL_EL2"}, {"CNTV_CTL_EL0", "CNTHV_CTL_EL2"},
		{"CNTV_CVAL_EL0", "CNTHV_CVAL_EL2"}, {"CNTV_TVAL_EL0", "CNTHV_TVAL_EL2"},
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		assert_int_equal(row(pairs[i][0])->vhe, el2_sysreg_by_name(pairs[i][1]));
	/* Registers without an EL2 twin stay put. */
	assert_int_equal(row("TPIDR_EL1")->vhe, EL2_SR_NONE);
	assert_int_equal(row("PAR_EL1")->vhe, EL2_SR_NONE);
	assert_int_equal(row("CNTPCT_EL0")->vhe, EL2_SR_NONE);
}

static void test_by_name_is_case_insensitive(void **state)
{
	(void)state;
	assert_int_equal(el2_sysreg_by_name("sctlr_el1"), EL2_SR_SCTLR_EL1);
	assert_int_equal(el2_sysreg_by_name("Hcr_El2"), EL2_SR_HCR_EL2);
	assert_int_equal(el2_sysreg_by_name("ich_lr15_el2"), EL2_SR_ICH_LR15_EL2);
	assert_int_equal(el2_sysreg_by_name("spsel"), EL2_SR_SPSel);
	assert_int_equal(el2_sysreg_by_name("sctlr_el"), EL2_SR_NONE);
	assert_int_equal(el2_sysreg_by_name("sctlr_el1x"), EL2_SR_NONE);
	assert_int_equal(el2_sysreg_by_name(""), EL2_SR_NONE);
	assert_int_equal(el2_sysreg_by_name(NULL), EL2_SR_NONE);
}

static void test_by_enc_round_trips_every_row(void **state)
{
	(void)state;
	for (unsigned i = 0; i < EL2_SR_COUNT; i++)
		assert_int_equal(el2_sysreg_by_enc(el2_sysreg_get(i)->enc), i);
	assert_int_equal(el2_sysreg_by_enc(EL2_SYS_ENC(3, 7, 15, 15, 7)), EL2_SR_NONE);
	assert_int_equal(el2_sysreg_by_enc(0x10000), EL2_SR_NONE);
	assert_null(el2_sysreg_get(EL2_SR_COUNT));
}

/* MRS/MSR/SYS words carry op0:op1:CRn:CRm:op2 in bits [20:5]. */
static void test_enc_from_insn_takes_bits_20_to_5(void **state)
{
	(void)state;
	/* MRS x3, HCR_EL2 = 0xd53c1103 (C6.2 MRS: 1101 0101 0011 o0 op1 CRn CRm op2 Rt) */
	assert_int_equal(EL2_SYS_ENC_FROM_INSN(0xd53c1103u), EL2_SYS_ENC(3, 4, 1, 1, 0));
	/* DC ZVA, x0 = 0xd50b7420 */
	assert_int_equal(EL2_SYS_ENC_FROM_INSN(0xd50b7420u), EL2_SYS_ENC(1, 3, 7, 4, 1));
}

/* ISS for EC 0x18: Op0 [21:20], Op2 [19:17], Op1 [16:14], CRn [13:10],
 * Rt [9:5], CRm [4:1], Direction [0]. */
static void test_enc_from_iss_inverts_the_ec_0x18_layout(void **state)
{
	(void)state;
	/* MRS x3, HCR_EL2 trapped: 3<<20 | 0<<17 | 4<<14 | 1<<10 | 3<<5 | 1<<1 | 1 */
	assert_int_equal(el2_sysreg_enc_from_iss(0x310463u), EL2_SYS_ENC(3, 4, 1, 1, 0));
	for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
		uint32_t e = el2_sysreg_get(i)->enc;
		uint32_t iss = EL2_SYS_OP0(e) << 20 | EL2_SYS_OP2(e) << 17 | EL2_SYS_OP1(e) << 14 |
			       EL2_SYS_CRN(e) << 10 | ((i * 7u) % 31u) << 5 | EL2_SYS_CRM(e) << 1 | (i & 1u);
		assert_int_equal(el2_sysreg_enc_from_iss(iss), e);
	}
}

/* Everything a KVM-style world switch saves and restores. */
static void test_kvm_world_switch_registers_are_present(void **state)
{
	(void)state;
	static const char *const names[] = {
		"SCTLR_EL1", "ACTLR_EL1", "CPACR_EL1", "TTBR0_EL1", "TTBR1_EL1", "TCR_EL1",
		"ESR_EL1", "AFSR0_EL1", "AFSR1_EL1", "FAR_EL1", "MAIR_EL1", "VBAR_EL1",
		"CONTEXTIDR_EL1", "AMAIR_EL1", "CNTKCTL_EL1", "PAR_EL1", "TPIDR_EL1", "SP_EL1",
		"ELR_EL1", "SPSR_EL1", "MDSCR_EL1", "CSSELR_EL1", "TPIDR_EL0", "TPIDRRO_EL0",
		"SP_EL0", "ICC_SRE_EL1", "ICC_PMR_EL1", "ICC_IGRPEN1_EL1", "ICC_CTLR_EL1",
		"OSLAR_EL1", "OSLSR_EL1", "OSDLR_EL1", "HCR_EL2", "SCTLR_EL2", "VBAR_EL2",
		"ESR_EL2", "FAR_EL2", "HPFAR_EL2", "ELR_EL2", "SPSR_EL2", "TPIDR_EL2", "SP_EL2",
		"TTBR0_EL2", "TTBR1_EL2", "TCR_EL2", "MAIR_EL2", "AMAIR_EL2", "VTTBR_EL2",
		"VTCR_EL2", "VMPIDR_EL2", "VPIDR_EL2", "CPTR_EL2", "MDCR_EL2", "HSTR_EL2",
		"HACR_EL2", "CNTHCTL_EL2", "CNTVOFF_EL2", "ACTLR_EL2", "AFSR0_EL2", "AFSR1_EL2",
		"CONTEXTIDR_EL2", "CNTV_CTL_EL0", "CNTV_CVAL_EL0", "CNTP_CTL_EL0",
		"CNTP_CVAL_EL0", "CNTHP_CTL_EL2", "CNTHP_CVAL_EL2", "ICH_HCR_EL2",
		"ICH_VMCR_EL2", "ICH_ELRSR_EL2", "ICH_EISR_EL2", "ICH_MISR_EL2", "ICH_VTR_EL2",
		"ICH_AP0R2_EL2", "ICH_AP1R1_EL2", "ICH_LR9_EL2", "ICC_SRE_EL2", "FPCR", "FPSR",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		(void)row(names[i]);
}

/* Trap groups from the HCR_EL2 / SCTLR_EL1 field descriptions. */
static void test_trap_groups_follow_the_trap_bits(void **state)
{
	(void)state;
	assert_int_equal(row("CTR_EL0")->traps, EL2_T_TID2 | EL2_T_UCT);
	assert_int_equal(row("CCSIDR_EL1")->traps, EL2_T_TID2);
	assert_int_equal(row("CSSELR_EL1")->traps, EL2_T_TID2);
	assert_int_equal(row("REVIDR_EL1")->traps, EL2_T_TID1);
	assert_int_equal(row("AIDR_EL1")->traps, EL2_T_TID1);
	assert_int_equal(row("ID_AA64MMFR1_EL1")->traps, EL2_T_TID3);
	assert_int_equal(row("MVFR1_EL1")->traps, EL2_T_TID3);
	assert_int_equal(row("MIDR_EL1")->traps, 0);
	assert_int_equal(row("SCTLR_EL1")->traps, EL2_T_VM);
	assert_int_equal(row("CONTEXTIDR_EL1")->traps, EL2_T_VM);
	assert_int_equal(row("VBAR_EL1")->traps, 0); /* not a TVM register */
	assert_int_equal(row("ACTLR_EL1")->traps, EL2_T_TACR);
	assert_int_equal(row("DC_ZVA")->traps, EL2_T_TDZ);
	assert_int_equal(row("DC_CISW")->traps, EL2_T_TSW);
	assert_int_equal(row("DC_IVAC")->traps, EL2_T_TPCP);
	assert_int_equal(row("DC_CVAU")->traps, EL2_T_TPU | EL2_T_UCI);
	assert_int_equal(row("DC_CIVAC")->traps, EL2_T_TPCP | EL2_T_UCI);
	assert_int_equal(row("IC_IVAU")->traps, EL2_T_TPU | EL2_T_UCI);
	assert_int_equal(row("IC_IALLUIS")->traps, EL2_T_TPU);
	assert_int_equal(row("TLBI_VAALE1")->traps, EL2_T_TTLB);
	assert_int_equal(row("TLBI_ALLE1IS")->traps, 0);
	assert_int_equal(row("CNTPCT_EL0")->traps, EL2_T_PCT);
	assert_int_equal(row("CNTVCT_EL0")->traps, EL2_T_VCT);
	assert_int_equal(row("CNTP_CVAL_EL0")->traps, EL2_T_PT);
	assert_int_equal(row("CNTV_TVAL_EL0")->traps, EL2_T_VT);
	assert_int_equal(row("CNTFRQ_EL0")->traps, EL2_T_CNTFRQ);
	/* MDCR_EL2: one group per control, as each accessor tests it. */
	assert_int_equal(row("MDSCR_EL1")->traps, EL2_T_TDA);
	assert_int_equal(row("OSLAR_EL1")->traps, EL2_T_TDOSA);
	assert_int_equal(row("OSLSR_EL1")->traps, EL2_T_TDOSA);
	assert_int_equal(row("OSDLR_EL1")->traps, EL2_T_TDOSA);
	assert_int_equal(row("DBGPRCR_EL1")->traps, EL2_T_TDOSA);
	assert_int_equal(row("MDRAR_EL1")->traps, EL2_T_TDRA);
	assert_int_equal(row("CPACR_EL1")->traps, EL2_T_TCPAC);
}

/* Lowest EL: EL0 for the EL0-usable SYS operations and EL0 registers,
 * EL2 for EL2 operations. */
static void test_min_el_of_system_instructions(void **state)
{
	(void)state;
	static const char *const el0[] = {"DC_ZVA", "DC_CVAC", "DC_CVAU", "DC_CVAP", "DC_CIVAC",
					  "IC_IVAU", "CTR_EL0", "DCZID_EL0", "CNTVCT_EL0",
					  "CNTP_CTL_EL0", "TPIDR_EL0", "FPCR"};
	static const char *const el1[] = {"DC_IVAC", "DC_ISW", "DC_CSW", "DC_CISW", "IC_IALLU",
					  "IC_IALLUIS", "AT_S1E1R", "AT_S1E0W", "AT_S1E1WP",
					  "TLBI_VMALLE1IS", "MIDR_EL1", "SCTLR_EL1"};
	static const char *const el2[] = {"AT_S1E2W", "AT_S12E1R", "TLBI_ALLE2", "TLBI_IPAS2E1IS",
					  "TLBI_VMALLS12E1", "ICH_LR0_EL2", "CNTHP_CTL_EL2",
					  "HCR_EL2", "SP_EL1"};
	for (size_t i = 0; i < sizeof(el0) / sizeof(el0[0]); i++)
		assert_int_equal(row(el0[i])->min_el, 0);
	for (size_t i = 0; i < sizeof(el1) / sizeof(el1[0]); i++)
		assert_int_equal(row(el1[i])->min_el, 1);
	for (size_t i = 0; i < sizeof(el2) / sizeof(el2[0]); i++)
		assert_int_equal(row(el2[i])->min_el, 2);
	assert_int_equal(row("SP_EL2")->min_el, 3);
}

static void test_kinds_and_access_of_special_rows(void **state)
{
	(void)state;
	assert_int_equal(row("ICH_VTR_EL2")->kind, EL2_SRK_ID);
	assert_int_equal(row("ICH_ELRSR_EL2")->kind, EL2_SRK_SPECIAL);
	assert_int_equal(row("ICH_ELRSR_EL2")->access, EL2_ACC_RO);
	assert_int_equal(row("CNTP_TVAL_EL0")->kind, EL2_SRK_SPECIAL);
	assert_int_equal(row("CNTV_CTL_EL0")->kind, EL2_SRK_SPECIAL);
	assert_int_equal(row("CNTV_CVAL_EL0")->kind, EL2_SRK_STORED);
	assert_int_equal(row("CNTPCT_EL0")->access, EL2_ACC_RO);
	assert_int_equal(row("OSLAR_EL1")->access, EL2_ACC_WO);
	assert_int_equal(row("OSLSR_EL1")->access, EL2_ACC_RO);
	assert_int_equal(row("AT_S1E1RP")->feature, EL2_FEAT_PAN2);
	assert_int_equal(row("CNTHV_CTL_EL2")->feature, EL2_FEAT_VHE);
	assert_int_equal(row("TTBR1_EL2")->feature, EL2_FEAT_VHE);
	for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
		const el2_sysreg_info *ri = el2_sysreg_get(i);
		assert_int_equal(ri->res0 & ri->res1, 0);
		if (ri->kind == EL2_SRK_SYSOP) {
			assert_int_equal(EL2_SYS_OP0(ri->enc), 1);
			assert_int_equal(ri->access, EL2_ACC_WO);
		}
		if (ri->kind == EL2_SRK_ID)
			assert_int_equal(ri->access, EL2_ACC_RO);
	}
}

/* Masks computed by hand from the field descriptions. */
static void test_res0_res1_masks_of_interpreted_registers(void **state)
{
	(void)state;
	assert_int_equal(row("HCR_EL2")->res1, 1ull << 31);        /* RW RAO/WI */
	assert_int_equal(row("HCR_EL2")->res0 & (1ull << 34), 0);   /* E2H writable */
	/* TLOR 35 RES0 (no FEAT_LOR); TERR/TEA 37:36 depend on FEAT_RAS
	 * (sysreg_feature_res0, test_ras.c). */
	assert_int_equal(row("HCR_EL2")->res0 & (7ull << 35), 1ull << 35);
	assert_int_equal(row("SPSR_EL2")->res0 & 0xffffffffull, 0x0c0fe020ull);
	assert_int_equal(row("ESR_EL2")->res0, 0xffffffff00000000ull);
	assert_int_equal(row("HPFAR_EL2")->res0 & 0xf, 0xf);
	assert_int_equal(row("HPFAR_EL2")->res0 & (1ull << 43), 0);
	assert_int_equal(row("HPFAR_EL2")->res0 & (1ull << 44), 1ull << 44);
	assert_int_equal(row("VTCR_EL2")->res1, 1ull << 31);
	assert_int_equal(row("CNTV_CTL_EL0")->res0, ~7ull);
	assert_int_equal(row("SCTLR_EL1")->res1, 0x30500980ull);
	assert_int_equal(row("SCTLR_EL1")->res0 & (1ull << 23), 0); /* SPAN */
	assert_int_equal(row("SCTLR_EL1")->res0 & (1ull << 44), 0); /* DSSBS */
	assert_int_equal(row("CPACR_EL1")->res0 & (3ull << 20), 0); /* FPEN */
	assert_int_equal(row("CPTR_EL2")->res0 & ((3ull << 20) | (1ull << 10) | (1ull << 28) | (1ull << 31)), 0);
	assert_int_equal(row("ICC_SRE_EL2")->res1, 1);
	assert_int_equal(row("ICH_LR3_EL2")->res0, 0x0f00e00000000000ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_encoding_matches_the_arm_arm),
		cmocka_unit_test(test_no_two_rows_share_an_encoding),
		cmocka_unit_test(test_no_two_rows_share_a_name),
		cmocka_unit_test(test_every_alias_names_the_el1_or_el0_row_of_its_stem),
		cmocka_unit_test(test_every_vhe_target_is_an_el2_row),
		cmocka_unit_test(test_vhe_redirections_are_the_arm_arm_pairs),
		cmocka_unit_test(test_by_name_is_case_insensitive),
		cmocka_unit_test(test_by_enc_round_trips_every_row),
		cmocka_unit_test(test_enc_from_insn_takes_bits_20_to_5),
		cmocka_unit_test(test_enc_from_iss_inverts_the_ec_0x18_layout),
		cmocka_unit_test(test_kvm_world_switch_registers_are_present),
		cmocka_unit_test(test_trap_groups_follow_the_trap_bits),
		cmocka_unit_test(test_min_el_of_system_instructions),
		cmocka_unit_test(test_kinds_and_access_of_special_rows),
		cmocka_unit_test(test_res0_res1_masks_of_interpreted_registers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
