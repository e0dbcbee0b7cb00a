/* SPDX-License-Identifier: MIT */
/* MRS/MSR (register) access rules: EL checks, direction, XZR, RES0/RES1,
 * PC advance, RAZ/WI mode, unknown encodings. */
#include "sysreg_test_util.h"

#define ALL EL2_FEAT_ALL

static void test_mrs_el1_register_at_el1_reads_it(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(TPIDR_EL1), 0x1234);
	el2_exec_result r = do_mrs(pe, EL2_SR_TPIDR_EL1, 5);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(5)), 0x1234);
	assert_true(r.flags & EL2_EF_GPR_WRITTEN);
	assert_false(r.is_write);
	assert_int_equal(r.rt, 5);
	assert_int_equal(r.value, 0x1234);
	assert_int_equal(r.reg, EL2_SYSREG(TPIDR_EL1));
	assert_int_equal(r.reg_encoded, EL2_SYSREG(TPIDR_EL1));
	el2_pe_free(&pe);
}

static void test_msr_el1_register_at_el1_writes_it(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_REG_X(2), 0xfe800);
	el2_exec_result r = do_msr(pe, EL2_SR_VBAR_EL1, 2);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(VBAR_EL1)), 0xfe800);
	assert_true(r.is_write);
	assert_false(r.flags & EL2_EF_GPR_WRITTEN);
	el2_pe_free(&pe);
}

static void test_el1_register_is_undefined_at_el0(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(TPIDR_EL1), 7);
	wr(pe, EL2_REG_X(1), 99);
	el2_exec_result r = do_mrs(pe, EL2_SR_TPIDR_EL1, 1);
	assert_undefined(&r);
	assert_int_equal(rd(pe, EL2_REG_X(1)), 99); /* not written */
	reenter(pe, EL2_PSR_MODE_EL0t);
	r = do_msr(pe, EL2_SR_TPIDR_EL1, 1);
	assert_undefined(&r);
	assert_int_equal(rd(pe, EL2_SYSREG(TPIDR_EL1)), 7);
	el2_pe_free(&pe);
}

static void test_el2_register_is_undefined_at_el1(void **state)
{
	(void)state;
	static const el2_sysreg el2_rows[] = {EL2_SR_HCR_EL2, EL2_SR_TPIDR_EL2, EL2_SR_VBAR_EL2,
					      EL2_SR_ELR_EL2, EL2_SR_VTTBR_EL2};
	for (size_t i = 0; i < sizeof(el2_rows) / sizeof(el2_rows[0]); i++) {
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
		el2_exec_result r = do_mrs(pe, el2_rows[i], 0);
		assert_undefined(&r);
		assert_int_equal(el2_pe_pc(pe) == PC0 + 4, 0);
		reenter(pe, EL2_PSR_MODE_EL1h);
		r = do_msr(pe, el2_rows[i], 0);
		assert_undefined(&r);
		el2_pe_free(&pe);
	}
}

static void test_el2_register_is_accessible_at_el2(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(9), 0xabc000);
	el2_exec_result r = do_msr(pe, EL2_SR_TPIDR_EL2, 9);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(TPIDR_EL2)), 0xabc000);
	wr(pe, EL2_REG_PC, PC0);
	r = do_mrs(pe, EL2_SR_TPIDR_EL2, 10);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(10)), 0xabc000);
	el2_pe_free(&pe);
}

static void test_el1_register_at_el2_without_e2h_is_the_el1_register(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(3), 0x5000);
	el2_exec_result r = do_msr(pe, EL2_SR_VBAR_EL1, 3);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(VBAR_EL1)), 0x5000);
	assert_int_equal(rd(pe, EL2_SYSREG(VBAR_EL2)), 0);
	el2_pe_free(&pe);
}

static void test_msr_of_read_only_register_is_undefined(void **state)
{
	(void)state;
	/* MSR CurrentEL: CurrentEL is read-only (C5.2 CurrentEL). */
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	el2_exec_result r;
	sysreg_exec_msr(pe, msr_insn(EL2_SYS_ENC(3, 0, 4, 2, 2), 0), &r);
	assert_undefined(&r);
	assert_int_equal(el2_pe_el(pe), 1);
	reenter(pe, EL2_PSR_MODE_EL1h);
	/* MSR MIDR_EL1 */
	sysreg_exec_msr(pe, msr_insn(EL2_SYS_ENC(3, 0, 0, 0, 0), 0), &r);
	assert_undefined(&r);
	el2_pe_free(&pe);
}

static void test_mrs_of_write_only_operation_encoding_is_undefined(void **state)
{
	(void)state;
	/* SYSL on the AT S1E1R encoding: AT is write-only (SYS only). */
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	el2_exec_result r;
	sysreg_exec_sys(pe, sysl_insn(EL2_SYS_ENC(1, 0, 7, 8, 0), 0), &r);
	assert_undefined(&r);
	el2_pe_free(&pe);
}

static void test_mrs_to_xzr_writes_no_register(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(TPIDR_EL1), 0x77);
	el2_exec_result r = do_mrs(pe, EL2_SR_TPIDR_EL1, 31);
	assert_done(pe, &r);
	assert_false(r.flags & EL2_EF_GPR_WRITTEN);
	assert_int_equal(r.rt, 31);
	for (unsigned i = 0; i < 31; i++)
		assert_int_equal(rd(pe, EL2_REG_X(i)), 0);
	el2_pe_free(&pe);
}

static void test_msr_from_xzr_writes_zero(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(TPIDR_EL1), 0x77);
	el2_exec_result r = do_msr(pe, EL2_SR_TPIDR_EL1, 31);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(TPIDR_EL1)), 0);
	el2_pe_free(&pe);
}

static void test_msr_applies_res0_and_res1_masks_of_the_row(void **state)
{
	(void)state;
	/* Every stored row with masks: writing all ones gives ~RES0, writing
	 * zero gives RES1. */
	for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
		const el2_sysreg_info *ri = el2_sysreg_get((el2_sysreg)i);
		if (ri->kind != EL2_SRK_STORED || (ri->res0 == 0 && ri->res1 == 0) ||
		    ri->min_el > 2 || (ri->traps & (EL2_T_FP | EL2_T_ZEN)) || !(ri->access & EL2_ACC_WO))
			continue;
		/* Masks that depend on AArch32 support: test_aarch32_regs. */
		if (i == EL2_SR_HCR_EL2 || i == EL2_SR_SPSR_EL1 || i == EL2_SR_SPSR_EL2 ||
		    i == EL2_SR_SCTLR_EL1)
			continue;
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
		wr(pe, EL2_REG_X(4), ~0ull);
		el2_exec_result r = do_msr(pe, (el2_sysreg)i, 4);
		assert_done(pe, &r);
		assert_int_equal(rd(pe, EL2_REG_SYSREG_BASE + i), ~ri->res0);
		wr(pe, EL2_REG_PC, PC0);
		r = do_msr(pe, (el2_sysreg)i, 31);
		assert_done(pe, &r);
		assert_int_equal(rd(pe, EL2_REG_SYSREG_BASE + i), ri->res1);
		el2_pe_free(&pe);
	}
}

static void test_msr_translation_register_reports_translation_flag(void **state)
{
	(void)state;
	static const el2_sysreg rows[] = {EL2_SR_SCTLR_EL1, EL2_SR_TCR_EL1, EL2_SR_TTBR0_EL1,
					  EL2_SR_MAIR_EL1, EL2_SR_HCR_EL2, EL2_SR_VTTBR_EL2,
					  EL2_SR_VTCR_EL2, EL2_SR_SCTLR_EL2};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
		el2_exec_result r = do_msr(pe, rows[i], 0);
		assert_done(pe, &r);
		assert_true(r.flags & EL2_EF_TRANSLATION);
		el2_pe_free(&pe);
	}
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	el2_exec_result r = do_msr(pe, EL2_SR_TPIDR_EL2, 0);
	assert_false(r.flags & EL2_EF_TRANSLATION);
	el2_pe_free(&pe);
}

static void test_msr_cpacr_and_cptr_report_fp_control_flag(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	el2_exec_result r = do_msr(pe, EL2_SR_CPTR_EL2, 0);
	assert_true(r.flags & EL2_EF_FP_CONTROL);
	wr(pe, EL2_REG_PC, PC0);
	r = do_msr(pe, EL2_SR_CPACR_EL1, 0);
	assert_true(r.flags & EL2_EF_FP_CONTROL);
	el2_pe_free(&pe);
}

static void test_msr_hcr_el2_reports_interrupt_flag(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	el2_exec_result r = do_msr(pe, EL2_SR_HCR_EL2, 0);
	assert_true(r.flags & EL2_EF_INTERRUPTS);
	el2_pe_free(&pe);
}

static void test_unknown_encoding_is_undefined(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	/* S3_1_C13_C7_3 is not a register of the model. */
	uint32_t enc = EL2_SYS_ENC(3, 1, 13, 7, 3);
	assert_int_equal(el2_sysreg_by_enc(enc), EL2_SR_NONE);
	el2_exec_result r;
	sysreg_exec_mrs(pe, mrs_insn(enc, 0), &r);
	assert_undefined(&r);
	assert_int_not_equal(el2_pe_pc(pe), PC0 + 4);
	assert_int_equal(el2_pe_raz_wi_count(pe), 0);
	el2_pe_free(&pe);
}

static void test_unknown_encoding_in_raz_wi_mode_reads_zero_and_counts(void **state)
{
	(void)state;
	el2_config cfg = el2_config_default();
	cfg.unknown_sysreg_raz_wi = true;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	wr(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_REG_PC, PC0);
	wr(pe, EL2_REG_X(6), 0x1111);
	uint32_t enc = EL2_SYS_ENC(3, 1, 13, 7, 3);
	el2_exec_result r;
	sysreg_exec_mrs(pe, mrs_insn(enc, 6), &r);
	assert_done(pe, &r);
	assert_true(r.flags & EL2_EF_RAZ_WI);
	assert_int_equal(rd(pe, EL2_REG_X(6)), 0);
	assert_int_equal(el2_pe_raz_wi_count(pe), 1);
	sysreg_exec_msr(pe, msr_insn(enc, 6), &r);
	assert_int_equal(r.outcome, EL2_OUT_DONE);
	assert_true(r.flags & EL2_EF_RAZ_WI);
	assert_int_equal(el2_pe_raz_wi_count(pe), 2);
	assert_int_equal(el2_pe_pc(pe), PC0 + 8);
	el2_pe_free(&pe);
}

static void test_register_of_absent_feature_is_undefined(void **state)
{
	(void)state;
	/* TTBR1_EL2 exists only with FEAT_VHE. */
	el2_pe *pe = pe_in(ALL & ~EL2_FEAT_VHE, EL2_PSR_MODE_EL2h);
	el2_exec_result r = do_mrs(pe, EL2_SR_TTBR1_EL2, 0);
	assert_undefined(&r);
	el2_pe_free(&pe);
	pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	r = do_mrs(pe, EL2_SR_TTBR1_EL2, 0);
	assert_done(pe, &r);
	el2_pe_free(&pe);
}

static void test_tpidrro_el0_is_read_only_at_el0_and_writable_at_el1(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(TPIDRRO_EL0), 0x42);
	wr(pe, EL2_REG_X(0), 0x99);
	el2_exec_result r = do_msr(pe, EL2_SR_TPIDRRO_EL0, 0);
	assert_undefined(&r);
	assert_int_equal(rd(pe, EL2_SYSREG(TPIDRRO_EL0)), 0x42);
	reenter(pe, EL2_PSR_MODE_EL0t);
	r = do_mrs(pe, EL2_SR_TPIDRRO_EL0, 1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(1)), 0x42);
	el2_pe_free(&pe);

	pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_REG_X(0), 0x99);
	r = do_msr(pe, EL2_SR_TPIDRRO_EL0, 0);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(TPIDRRO_EL0)), 0x99);
	el2_pe_free(&pe);
}

static void test_tpidr_el0_is_read_write_at_el0(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_REG_X(0), 0x99);
	el2_exec_result r = do_msr(pe, EL2_SR_TPIDR_EL0, 0);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(TPIDR_EL0)), 0x99);
	el2_pe_free(&pe);
}

static void test_sys_operations_report_their_maintenance(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	el2_exec_result r = do_sys(pe, EL2_SR_TLBI_VMALLE1IS, 31);
	assert_done(pe, &r);
	assert_true(r.flags & EL2_EF_TLBI);
	reenter(pe, EL2_PSR_MODE_EL1h);
	r = do_sys(pe, EL2_SR_IC_IALLU, 31);
	assert_done(pe, &r);
	assert_true(r.flags & EL2_EF_IC_INVAL);
	el2_pe_free(&pe);
}

static void test_dc_zva_reports_the_block_containing_the_address(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(7), 0x12345677);
	el2_exec_result r = do_sys(pe, EL2_SR_DC_ZVA, 7);
	assert_done(pe, &r);
	assert_true(r.flags & EL2_EF_DC_ZVA);
	assert_int_equal(el2_dczva_bytes(pe), 64); /* DCZID_EL0.BS = 4 words */
	assert_int_equal(r.value, 0x12345640);
	el2_pe_free(&pe);
}

/* One feature-RES0 table (lib/sysreg_feat_res0.c) serves every optional
 * feature: each group of HCR_EL2 / SCTLR_EL1 / CPTR_EL2 bits is writable
 * exactly when its own feature is on, whatever the other features are,
 * through MSR and through el2_reg_write. */
static void test_feature_res0_bits_follow_each_feature(void **state)
{
	(void)state;
	static const struct {
		el2_sysreg id;
		uint32_t feature;
		uint64_t bits;
	} groups[] = {
		{EL2_SR_HCR_EL2, EL2_FEAT_RAS, EL2_HCR_TERR | EL2_HCR_TEA},
		{EL2_SR_HCR_EL2, EL2_FEAT_PAUTH, EL2_HCR_API | EL2_HCR_APK},
		{EL2_SR_HCR_EL2, EL2_FEAT_MTE, EL2_HCR_ATA},
		{EL2_SR_SCTLR_EL1, EL2_FEAT_PAUTH, EL2_SCTLR_ENIA | EL2_SCTLR_ENDB},
		{EL2_SR_SCTLR_EL1, EL2_FEAT_MTE, EL2_SCTLR_MTE_FIELDS},
		{EL2_SR_CPTR_EL2, EL2_FEAT_SVE, EL2_CPACR_ZEN},
	};
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		for (int on = 0; on < 2; on++) {
			uint32_t f = on ? EL2_FEAT_ALL : EL2_FEAT_ALL & ~groups[i].feature;
			el2_pe *pe = pe_in(f, EL2_PSR_MODE_EL2h);
			pe->s.x[1] = ~0ull;
			el2_exec_result r = do_msr(pe, groups[i].id, 1);
			assert_int_equal(r.outcome, EL2_OUT_DONE);
			el2_reg reg = (el2_reg)(EL2_REG_SYSREG_BASE + groups[i].id);
			assert_int_equal(rd(pe, reg) & groups[i].bits, on ? groups[i].bits : 0);
			wr(pe, reg, ~0ull);
			assert_int_equal(rd(pe, reg) & groups[i].bits, on ? groups[i].bits : 0);
			el2_pe_free(&pe);
		}
	}
	/* the static column: none of these bits is RES0 in every configuration */
	assert_int_equal(el2_sysreg_get(EL2_SR_HCR_EL2)->res0 &
				 (EL2_HCR_TERR | EL2_HCR_TEA | EL2_HCR_API | EL2_HCR_APK | EL2_HCR_ATA),
			 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mrs_el1_register_at_el1_reads_it),
		cmocka_unit_test(test_msr_el1_register_at_el1_writes_it),
		cmocka_unit_test(test_el1_register_is_undefined_at_el0),
		cmocka_unit_test(test_el2_register_is_undefined_at_el1),
		cmocka_unit_test(test_el2_register_is_accessible_at_el2),
		cmocka_unit_test(test_el1_register_at_el2_without_e2h_is_the_el1_register),
		cmocka_unit_test(test_msr_of_read_only_register_is_undefined),
		cmocka_unit_test(test_mrs_of_write_only_operation_encoding_is_undefined),
		cmocka_unit_test(test_mrs_to_xzr_writes_no_register),
		cmocka_unit_test(test_msr_from_xzr_writes_zero),
		cmocka_unit_test(test_msr_applies_res0_and_res1_masks_of_the_row),
		cmocka_unit_test(test_msr_translation_register_reports_translation_flag),
		cmocka_unit_test(test_msr_cpacr_and_cptr_report_fp_control_flag),
		cmocka_unit_test(test_msr_hcr_el2_reports_interrupt_flag),
		cmocka_unit_test(test_unknown_encoding_is_undefined),
		cmocka_unit_test(test_unknown_encoding_in_raz_wi_mode_reads_zero_and_counts),
		cmocka_unit_test(test_register_of_absent_feature_is_undefined),
		cmocka_unit_test(test_tpidrro_el0_is_read_only_at_el0_and_writable_at_el1),
		cmocka_unit_test(test_tpidr_el0_is_read_write_at_el0),
		cmocka_unit_test(test_sys_operations_report_their_maintenance),
		cmocka_unit_test(test_dc_zva_reports_the_block_containing_the_address),
		cmocka_unit_test(test_feature_res0_bits_follow_each_feature),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
