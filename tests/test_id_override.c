/* SPDX-License-Identifier: MIT */
/* ID register overrides (lib/id_override.c): an override replaces the
 * derived value wherever the register is read, may report less than the
 * features implement, and is rejected, naming register and field, when it
 * claims more. */
#include <string.h>

#include "sysreg_test_util.h"

static el2_config with_override(uint32_t features, el2_sysreg reg, uint64_t v)
{
	el2_config c = el2_config_default();
	c.features = features;
	assert_int_equal(el2_config_override_id(&c, reg, v), EL2_OK);
	return c;
}

static void expect_rejected(const el2_config *c, const char *needle1, const char *needle2)
{
	char msg[200];
	assert_int_equal(el2_config_check(c, msg, sizeof(msg)), EL2_ERR_BAD_CONFIG);
	if (!strstr(msg, needle1) || (needle2 && !strstr(msg, needle2)))
		fail_msg("message '%s' does not name '%s'", msg, needle1);
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(c, &pe), EL2_ERR_BAD_CONFIG);
	assert_null(pe);
}

static uint64_t mrs_at(el2_pe *pe, unsigned mode, el2_sysreg id)
{
	wr(pe, EL2_REG_PSTATE, mode);
	wr(pe, EL2_REG_PC, PC0);
	el2_exec_result r = do_mrs(pe, id, 3);
	assert_done(pe, &r);
	return rd(pe, EL2_REG_X(3));
}

/* Hafnium chooses its VHE path from ID_AA64MMFR1_EL1.VH, read at EL2. */
static void test_an_override_is_what_mrs_reads_at_el2_and_el1(void **state)
{
	(void)state;
	el2_config c = el2_config_default();
	uint64_t derived = sysreg_id_value(&c, EL2_SR_ID_AA64MMFR1_EL1);
	uint64_t hidden = derived & ~(0xfull << 8); /* VH = 0: report no VHE */
	c = with_override(c.features, EL2_SR_ID_AA64MMFR1_EL1, hidden);
	assert_int_equal(el2_config_check(&c, NULL, 0), EL2_OK);
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&c, &pe), EL2_OK);
	assert_int_equal(mrs_at(pe, EL2_PSR_MODE_EL2h, EL2_SR_ID_AA64MMFR1_EL1), hidden);
	assert_int_equal(mrs_at(pe, EL2_PSR_MODE_EL1h, EL2_SR_ID_AA64MMFR1_EL1), hidden);
	assert_int_equal(rd(pe, EL2_SYSREG(ID_AA64MMFR1_EL1)), hidden);
	el2_pe_free(&pe);
}

static void test_an_override_claiming_vhe_without_feat_vhe_is_rejected(void **state)
{
	(void)state;
	el2_config c = el2_config_default();
	uint32_t no_vhe = c.features & ~(uint32_t)EL2_FEAT_VHE;
	c.features = no_vhe;
	uint64_t v = sysreg_id_value(&c, EL2_SR_ID_AA64MMFR1_EL1) | (1ull << 8);
	c = with_override(no_vhe, EL2_SR_ID_AA64MMFR1_EL1, v);
	expect_rejected(&c, "ID_AA64MMFR1_EL1.VH = 1", "FEAT_VHE");
}

static void test_an_override_claiming_pmu_without_feat_pmu_is_rejected(void **state)
{
	(void)state;
	el2_config c = el2_config_default();
	uint64_t v = sysreg_id_value(&c, EL2_SR_ID_AA64DFR0_EL1);
	c = with_override(c.features & ~(uint32_t)EL2_FEAT_PMU, EL2_SR_ID_AA64DFR0_EL1, v);
	expect_rejected(&c, "ID_AA64DFR0_EL1.PMUVer", "FEAT_PMU");
}

/* TGran64 is signed: 0xf "not supported" is less than 0 "supported". */
static void test_signed_fields_compare_as_signed(void **state)
{
	(void)state;
	el2_config c = el2_config_default();
	uint64_t v = sysreg_id_value(&c, EL2_SR_ID_AA64MMFR0_EL1);
	el2_config more = with_override(c.features, EL2_SR_ID_AA64MMFR0_EL1, v & ~(0xfull << 24));
	expect_rejected(&more, "ID_AA64MMFR0_EL1.TGran64 = 0", NULL);
	el2_config less = with_override(c.features, EL2_SR_ID_AA64MMFR0_EL1, v | (0xfull << 28));
	assert_int_equal(el2_config_check(&less, NULL, 0), EL2_OK);
}

static void test_unnamed_fields_are_named_by_their_bits(void **state)
{
	(void)state;
	el2_config c = with_override(el2_config_default().features, EL2_SR_ID_AA64ISAR2_EL1, 0x10);
	expect_rejected(&c, "ID_AA64ISAR2_EL1.[7:4] = 1", NULL);
}

static void test_midr_override_is_free_and_seeds_vpidr(void **state)
{
	(void)state;
	el2_config c = with_override(el2_config_default().features, EL2_SR_MIDR_EL1, 0x410fd4f0);
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&c, &pe), EL2_OK);
	assert_int_equal(mrs_at(pe, EL2_PSR_MODE_EL2h, EL2_SR_MIDR_EL1), 0x410fd4f0);
	assert_int_equal(rd(pe, EL2_SYSREG(VPIDR_EL2)), 0x410fd4f0);
	el2_pe_free(&pe);
}

static void test_only_identification_registers_take_overrides(void **state)
{
	(void)state;
	el2_config c = el2_config_default();
	assert_int_equal(el2_config_override_id(&c, EL2_SR_CTR_EL0, 0), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_config_override_id(&c, EL2_SR_SCTLR_EL1, 0), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_config_override_id(&c, EL2_SR_COUNT, 0), EL2_ERR_INVALID_ARG);
	assert_int_equal(c.n_id_override, 0);
	/* set twice: replaced, not added */
	assert_int_equal(el2_config_override_id(&c, EL2_SR_REVIDR_EL1, 1), EL2_OK);
	assert_int_equal(el2_config_override_id(&c, EL2_SR_REVIDR_EL1, 2), EL2_OK);
	assert_int_equal(c.n_id_override, 1);
	uint64_t v = 0;
	assert_true(el2_config_id_override(&c, EL2_SR_REVIDR_EL1, &v));
	assert_int_equal(v, 2);
	/* a table written by hand with a register that takes none */
	c.id_override[0].reg = EL2_SR_CTR_EL0;
	expect_rejected(&c, "CTR_EL0 cannot be overridden", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_override_is_what_mrs_reads_at_el2_and_el1),
		cmocka_unit_test(test_an_override_claiming_vhe_without_feat_vhe_is_rejected),
		cmocka_unit_test(test_an_override_claiming_pmu_without_feat_pmu_is_rejected),
		cmocka_unit_test(test_signed_fields_compare_as_signed),
		cmocka_unit_test(test_unnamed_fields_are_named_by_their_bits),
		cmocka_unit_test(test_midr_override_is_free_and_seeds_vpidr),
		cmocka_unit_test(test_only_identification_registers_take_overrides),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
