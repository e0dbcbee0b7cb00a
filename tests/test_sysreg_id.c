/* SPDX-License-Identifier: MIT */
/* Identification registers, reset values and row existence
 * (lib/sysreg_id.c). Field positions from the Arm ARM DDI 0487 J.a D19.2
 * register descriptions, typed here by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "pe_internal.h"
#include "sysreg_access.h"

static const el2_sysreg id_regs[] = {
	EL2_SR_ID_AA64PFR0_EL1,  EL2_SR_ID_AA64PFR1_EL1,  EL2_SR_ID_AA64MMFR0_EL1,
	EL2_SR_ID_AA64MMFR1_EL1, EL2_SR_ID_AA64MMFR2_EL1, EL2_SR_ID_AA64DFR0_EL1,
	EL2_SR_ID_AA64ISAR0_EL1, EL2_SR_ID_AA64ISAR1_EL1, EL2_SR_ID_AA64ZFR0_EL1,
	EL2_SR_CTR_EL0,          EL2_SR_DCZID_EL0,        EL2_SR_ICH_VTR_EL2,
};
#define N_ID (sizeof(id_regs) / sizeof(id_regs[0]))

static el2_config base(void)
{
	el2_config c = el2_config_default();
	c.features = 0;
	return c;
}

/* Turning one feature on changes exactly one 4-bit ID field. */
typedef struct feat_case {
	el2_feature on;       /* added to the base configuration */
	el2_feature also;     /* present in both (PAN under PAN2) */
	el2_sysreg reg;
	unsigned lsb;
	uint64_t off_val, on_val;
} feat_case;

static const feat_case feat_cases[] = {
	{EL2_FEAT_VHE, 0, EL2_SR_ID_AA64MMFR1_EL1, 8, 0, 1},      /* VH */
	{EL2_FEAT_PAN, 0, EL2_SR_ID_AA64MMFR1_EL1, 20, 0, 1},     /* PAN */
	{EL2_FEAT_PAN2, EL2_FEAT_PAN, EL2_SR_ID_AA64MMFR1_EL1, 20, 1, 2},
	{EL2_FEAT_UAO, 0, EL2_SR_ID_AA64MMFR2_EL1, 4, 0, 1},      /* UAO */
	{EL2_FEAT_SSBS, 0, EL2_SR_ID_AA64PFR1_EL1, 4, 0, 2},      /* SSBS: FEAT_SSBS2 */
	{EL2_FEAT_DIT, 0, EL2_SR_ID_AA64PFR0_EL1, 48, 0, 1},      /* DIT */
	{EL2_FEAT_MTE, 0, EL2_SR_ID_AA64PFR1_EL1, 8, 0, 2},       /* MTE: FEAT_MTE2 */
	{EL2_FEAT_SVE, 0, EL2_SR_ID_AA64PFR0_EL1, 32, 0, 1},      /* SVE */
	{EL2_FEAT_BTI, 0, EL2_SR_ID_AA64PFR1_EL1, 0, 0, 1},       /* BT */
	{EL2_FEAT_IDST, 0, EL2_SR_ID_AA64MMFR2_EL1, 36, 0, 1},    /* IDS */
	{EL2_FEAT_PMU, 0, EL2_SR_ID_AA64DFR0_EL1, 8, 0, 4},       /* PMUVer */
};

static void test_each_feature_changes_exactly_its_id_field(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(feat_cases) / sizeof(feat_cases[0]); k++) {
		const feat_case *fc = &feat_cases[k];
		el2_config off = base(), on = base();
		off.features = fc->also;
		on.features = fc->also | fc->on;
		for (size_t r = 0; r < N_ID; r++) {
			uint64_t a = sysreg_id_value(&off, id_regs[r]);
			uint64_t b = sysreg_id_value(&on, id_regs[r]);
			if (id_regs[r] != fc->reg) {
				if (a != b)
					fail_msg("feature %#x changed %s", fc->on,
						 el2_sysreg_get(id_regs[r])->name);
				continue;
			}
			assert_int_equal((a >> fc->lsb) & 0xf, fc->off_val);
			assert_int_equal((b >> fc->lsb) & 0xf, fc->on_val);
			assert_int_equal(a ^ b, (fc->off_val ^ fc->on_val) << fc->lsb);
		}
	}
}

static void test_el2_and_el3_fields_follow_have_el2_and_have_el3(void **state)
{
	(void)state;
	el2_config c = base();
	static const struct {
		bool el2, el3;
		uint64_t field_el2, field_el3;
	} cases[] = {{false, false, 0, 0}, {true, false, 1, 0}, {false, true, 0, 1}, {true, true, 1, 1}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c.have_el2 = cases[i].el2;
		c.have_el3 = cases[i].el3;
		uint64_t v = sysreg_id_value(&c, EL2_SR_ID_AA64PFR0_EL1);
		assert_int_equal(v & 0xf, 1);             /* EL0: AArch64 only */
		assert_int_equal((v >> 4) & 0xf, 1);      /* EL1: AArch64 only */
		assert_int_equal((v >> 8) & 0xf, cases[i].field_el2);
		assert_int_equal((v >> 12) & 0xf, cases[i].field_el3);
		assert_int_equal((v >> 16) & 0xff, 0);    /* FP, AdvSIMD implemented */
		assert_int_equal((v >> 24) & 0xf, 1);     /* GICv3 system registers */
	}
}

static void test_fixed_id_values_match_the_field_layouts(void **state)
{
	(void)state;
	el2_config c = el2_config_default();
	/* PARange 48 bits (5), ASIDBits 16 (2), TGran64 not supported (0xf),
	 * TGran4 supported (0), TGran16 not supported (0). */
	assert_int_equal(sysreg_id_value(&c, EL2_SR_ID_AA64MMFR0_EL1), 0x0f000025);
	/* VMIDBits 16 (2) at [7:4], VH 1, PAN2 (2) at [23:20]. */
	assert_int_equal(sysreg_id_value(&c, EL2_SR_ID_AA64MMFR1_EL1), 0x00200120);
	/* DebugVer v8.2 (8), BRPs 1, WRPs 1, PMUVer PMUv3p1 (4). */
	assert_int_equal(sysreg_id_value(&c, EL2_SR_ID_AA64DFR0_EL1), 0x00101408);
	/* 64-byte DC ZVA blocks: BS = log2(64 / 4) = 4, DZP = 0. */
	assert_int_equal(sysreg_id_value(&c, EL2_SR_DCZID_EL0), 4);
	/* CTR_EL0: RES1 bit 31, CWG = ERG = DminLine = IminLine = 4, L1Ip PIPT. */
	assert_int_equal(sysreg_id_value(&c, EL2_SR_CTR_EL0), 0x8444c004);
	assert_int_equal(sysreg_id_value(&c, EL2_SR_ID_AA64ZFR0_EL1), 0);
	assert_int_equal(sysreg_id_value(&c, EL2_SR_ID_PFR0_EL1), 0);
	assert_int_equal(sysreg_id_value(&c, EL2_SR_MVFR0_EL1), 0);
	assert_int_equal(sysreg_id_value(&c, EL2_SR_ID_ISAR6_EL1), 0);
	assert_int_equal(sysreg_id_value(NULL, EL2_SR_CTR_EL0), 0);
}

/* ICH_VTR_EL2 (IHI 0069): ListRegs = 15, PREbits = PRIbits = 6 (7 bits),
 * IDbits = 0, SEIS = 0, A3V = 1. */
static void test_ich_vtr_describes_16_lrs_and_7_priority_bits(void **state)
{
	(void)state;
	el2_config c = el2_config_default();
	uint64_t v = sysreg_id_value(&c, EL2_SR_ICH_VTR_EL2);
	assert_int_equal(v & 0x1f, 15);
	assert_int_equal((v >> 29) & 7, 6);
	assert_int_equal((v >> 26) & 7, 6);
	assert_int_equal((v >> 23) & 7, 0);
	assert_int_equal((v >> 22) & 1, 0);
	assert_int_equal((v >> 21) & 1, 1);
	assert_int_equal(v, 0xd820000f);
}

static void test_midr_and_mpidr_come_from_the_config(void **state)
{
	(void)state;
	el2_config c = el2_config_default();
	c.midr = 0x410fd083;
	c.mpidr = 0x0000000100000203ull; /* Aff3 = 1, Aff1 = 2, Aff0 = 3, bit 31 clear */
	assert_int_equal(sysreg_id_value(&c, EL2_SR_MIDR_EL1), 0x410fd083);
	assert_int_equal(sysreg_id_value(&c, EL2_SR_MPIDR_EL1), 0x0000000180000203ull);
	c.mpidr = 0xffff000000000000ull; /* RES0 bits above Aff3 are dropped */
	assert_int_equal(sysreg_id_value(&c, EL2_SR_MPIDR_EL1), 0x80000000ull);
}

static el2_pe *new_pe(const el2_config *c)
{
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(c, &pe), EL2_OK);
	return pe;
}

/* Reset: UNKNOWN fields 0, then RES1 bits set. */
static void test_reset_values_carry_the_res1_bits(void **state)
{
	(void)state;
	el2_config c = el2_config_default();
	el2_pe *pe = new_pe(&c);
	assert_int_equal(SR(pe, SCTLR_EL1), 0x30500980);   /* 29,28,22,20,11,8,7 */
	assert_int_equal(SR(pe, SCTLR_EL2), 0x30c50830);   /* E2H=0 layout RES1 */
	assert_int_equal(SR(pe, CPTR_EL2), 0x33ff);        /* E2H=0 layout RES1 */
	assert_int_equal(SR(pe, HCR_EL2), 0x80000000);     /* RW RAO */
	assert_int_equal(SR(pe, VTCR_EL2), 0x80000000);    /* bit 31 RES1 */
	assert_int_equal(SR(pe, ICC_SRE_EL2), 1);          /* SRE RAO */
	assert_int_equal(SR(pe, ICC_SRE_EL1), 1);
	assert_int_equal(SR(pe, OSLSR_EL1), 0x8);          /* OSLM = 0b10, unlocked */
	assert_int_equal(SR(pe, TPIDR_EL2), 0);
	assert_int_equal(SR(pe, ICH_LR5_EL2), 0);
	assert_int_equal(SR(pe, MPIDR_EL1), 0x80000000);
	assert_int_equal(SR(pe, ID_AA64MMFR1_EL1), sysreg_id_value(&c, EL2_SR_ID_AA64MMFR1_EL1));
	el2_pe_free(&pe);
}

static void test_vpidr_and_vmpidr_reset_to_midr_and_mpidr(void **state)
{
	(void)state;
	el2_config c = el2_config_default();
	c.midr = 0x411fd400;
	c.mpidr = 0x101;
	el2_pe *pe = new_pe(&c);
	assert_int_equal(SR(pe, VPIDR_EL2), 0x411fd400);
	assert_int_equal(SR(pe, VMPIDR_EL2), 0x80000101);
	el2_pe_free(&pe);
}

static void test_el2_rows_do_not_exist_without_el2(void **state)
{
	(void)state;
	el2_config c = base();
	c.have_el2 = false;
	el2_pe *pe = new_pe(&c);
	assert_false(sysreg_implemented(pe, EL2_SR_HCR_EL2));
	assert_false(sysreg_implemented(pe, EL2_SR_ICH_LR0_EL2));
	assert_false(sysreg_implemented(pe, EL2_SR_TLBI_ALLE2));
	assert_false(sysreg_implemented(pe, EL2_SR_AT_S12E1R));
	assert_false(sysreg_implemented(pe, EL2_SR_CNTVOFF_EL2));
	assert_true(sysreg_implemented(pe, EL2_SR_SP_EL1));   /* the EL1 stack pointer */
	assert_true(sysreg_implemented(pe, EL2_SR_SCTLR_EL1));
	assert_true(sysreg_implemented(pe, EL2_SR_CNTV_CTL_EL0));
	assert_true(sysreg_implemented(pe, EL2_SR_TLBI_VAE1IS));
	el2_pe_free(&pe);
}

static void test_feature_rows_exist_only_with_their_feature(void **state)
{
	(void)state;
	el2_config c = base();
	el2_pe *pe = new_pe(&c);
	assert_false(sysreg_implemented(pe, EL2_SR_CNTHV_CTL_EL2));
	assert_false(sysreg_implemented(pe, EL2_SR_SCTLR_EL12));
	assert_false(sysreg_implemented(pe, EL2_SR_TTBR1_EL2));
	assert_false(sysreg_implemented(pe, EL2_SR_AT_S1E1RP));
	assert_false(sysreg_implemented(pe, EL2_SR_PAN));
	assert_true(sysreg_implemented(pe, EL2_SR_HCR_EL2));
	el2_pe_free(&pe);
	c = el2_config_default();
	pe = new_pe(&c);
	assert_true(sysreg_implemented(pe, EL2_SR_CNTHV_CTL_EL2));
	assert_true(sysreg_implemented(pe, EL2_SR_CNTV_TVAL_EL02));
	assert_true(sysreg_implemented(pe, EL2_SR_AT_S1E1WP));
	assert_false(sysreg_implemented(pe, EL2_SR_TCO)); /* no MTE by default */
	assert_false(sysreg_exists_in_config(NULL, EL2_SR_HCR_EL2));
	assert_false(sysreg_implemented(pe, EL2_SR_COUNT));
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_feature_changes_exactly_its_id_field),
		cmocka_unit_test(test_el2_and_el3_fields_follow_have_el2_and_have_el3),
		cmocka_unit_test(test_fixed_id_values_match_the_field_layouts),
		cmocka_unit_test(test_ich_vtr_describes_16_lrs_and_7_priority_bits),
		cmocka_unit_test(test_midr_and_mpidr_come_from_the_config),
		cmocka_unit_test(test_reset_values_carry_the_res1_bits),
		cmocka_unit_test(test_vpidr_and_vmpidr_reset_to_midr_and_mpidr),
		cmocka_unit_test(test_el2_rows_do_not_exist_without_el2),
		cmocka_unit_test(test_feature_rows_exist_only_with_their_feature),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
