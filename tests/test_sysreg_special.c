/* SPDX-License-Identifier: MIT */
/* Special-purpose registers (C5.2): PSTATE fields through MRS/MSR and MSR
 * (immediate), SP banks, ISR_EL1, MIDR/MPIDR virtualization. */
#include "sysreg_test_util.h"

#define ALL EL2_FEAT_ALL

/* Field, its bit(s) in the MRS value (from the C5.2 register layouts) and
 * the MSR (immediate) op1/op2 (0xff: no immediate form), feature. */
static const struct {
	el2_sysreg row;
	uint64_t bits;
	unsigned op1, op2;
	uint32_t feature;
	unsigned min_el;
} fields[] = {
	{EL2_SR_NZCV, 0xfull << 28, 0xff, 0xff, 0, 0},
	{EL2_SR_DAIF, 0xfull << 6, 0xff, 0xff, 0, 0},
	{EL2_SR_DIT, 1ull << 24, 3, 2, EL2_FEAT_DIT, 0},
	{EL2_SR_SSBS, 1ull << 12, 3, 1, EL2_FEAT_SSBS, 0},
	{EL2_SR_TCO, 1ull << 25, 3, 4, EL2_FEAT_MTE, 0},
	{EL2_SR_PAN, 1ull << 22, 0, 4, EL2_FEAT_PAN, 1},
	{EL2_SR_UAO, 1ull << 23, 0, 3, EL2_FEAT_UAO, 1},
	{EL2_SR_SPSel, 1ull << 0, 0, 5, 0, 1},
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static void test_mrs_of_pstate_field_gives_the_field_in_its_bit_position(void **state)
{
	(void)state;
	for (size_t i = 0; i < NFIELDS; i++) {
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
		wr(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1h | fields[i].bits);
		el2_exec_result r = do_mrs(pe, fields[i].row, 7);
		assert_done(pe, &r);
		assert_int_equal(rd(pe, EL2_REG_X(7)), fields[i].bits);
		el2_pe_free(&pe);
	}
}

static void test_msr_of_pstate_field_writes_only_that_field(void **state)
{
	(void)state;
	for (size_t i = 0; i < NFIELDS; i++) {
		if (fields[i].row == EL2_SR_SPSel)
			continue; /* own test */
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
		wr(pe, EL2_REG_X(2), ~0ull);
		el2_exec_result r = do_msr(pe, fields[i].row, 2);
		assert_done(pe, &r);
		assert_int_equal(rd(pe, EL2_REG_PSTATE), EL2_PSR_MODE_EL1h | fields[i].bits);
		el2_pe_free(&pe);
	}
}

static void test_mrs_currentel_gives_el_in_bits_3_2(void **state)
{
	(void)state;
	static const struct { unsigned mode; uint64_t want; } cases[] = {
		{EL2_PSR_MODE_EL1h, 0x4}, {EL2_PSR_MODE_EL1t, 0x4},
		{EL2_PSR_MODE_EL2h, 0x8}, {EL2_PSR_MODE_EL2t, 0x8},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		el2_pe *pe = pe_in(ALL, cases[i].mode);
		el2_exec_result r;
		sysreg_exec_mrs(pe, mrs_insn(EL2_SYS_ENC(3, 0, 4, 2, 2), 0), &r);
		assert_done(pe, &r);
		assert_int_equal(rd(pe, EL2_REG_X(0)), cases[i].want);
		el2_pe_free(&pe);
	}
}

static void test_currentel_spsel_pan_uao_are_undefined_at_el0(void **state)
{
	(void)state;
	static const el2_sysreg rows[] = {EL2_SR_CurrentEL, EL2_SR_SPSel, EL2_SR_PAN, EL2_SR_UAO};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
		el2_exec_result r = do_mrs(pe, rows[i], 0);
		assert_undefined(&r);
		el2_pe_free(&pe);
	}
}

static void test_nzcv_dit_ssbs_are_accessible_at_el0(void **state)
{
	(void)state;
	static const el2_sysreg rows[] = {EL2_SR_NZCV, EL2_SR_DIT, EL2_SR_SSBS};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
		el2_exec_result r = do_mrs(pe, rows[i], 0);
		assert_done(pe, &r);
		el2_pe_free(&pe);
	}
}

static void test_msr_immediate_sets_and_clears_one_bit_fields(void **state)
{
	(void)state;
	for (size_t i = 0; i < NFIELDS; i++) {
		if (fields[i].op1 == 0xff)
			continue;
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1t);
		uint64_t base = rd(pe, EL2_REG_PSTATE);
		el2_exec_result r = do_msr_imm(pe, fields[i].op1, fields[i].op2, 1);
		assert_done(pe, &r);
		assert_int_equal(rd(pe, EL2_REG_PSTATE), base | fields[i].bits);
		/* CRm<0> only: CRm = 0b1110 clears. */
		wr(pe, EL2_REG_PC, PC0);
		r = do_msr_imm(pe, fields[i].op1, fields[i].op2, 0xe);
		assert_done(pe, &r);
		assert_int_equal(rd(pe, EL2_REG_PSTATE), base);
		el2_pe_free(&pe);
	}
}

static void test_msr_daifset_and_daifclr_use_crm_as_daif(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	el2_exec_result r = do_msr_imm(pe, 3, 6, 0xa); /* D and I */
	assert_done(pe, &r);
	assert_true(r.flags & EL2_EF_INTERRUPTS);
	assert_int_equal(rd(pe, EL2_REG_PSTATE), EL2_PSR_MODE_EL1h | EL2_PSR_D | EL2_PSR_I);
	wr(pe, EL2_REG_PC, PC0);
	r = do_msr_imm(pe, 3, 7, 0x8); /* clear D */
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_PSTATE), EL2_PSR_MODE_EL1h | EL2_PSR_I);
	el2_pe_free(&pe);
}

static void test_msr_immediate_pan_uao_spsel_are_undefined_at_el0(void **state)
{
	(void)state;
	for (size_t i = 0; i < NFIELDS; i++) {
		if (fields[i].op1 == 0xff || fields[i].min_el == 0)
			continue;
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
		el2_exec_result r = do_msr_imm(pe, fields[i].op1, fields[i].op2, 1);
		assert_undefined(&r);
		assert_int_not_equal(el2_pe_pc(pe), PC0 + 4);
		el2_pe_free(&pe);
	}
}

static void test_unallocated_msr_immediate_is_undefined(void **state)
{
	(void)state;
	/* op1:op2 = 000:110, 011:000, 011:101, 100:000, 010:001 are reserved;
	 * 000:000 is CFINV (FEAT_FlagM, not modelled). */
	static const unsigned bad[][2] = {{0, 6}, {3, 0}, {3, 5}, {4, 0}, {2, 1}, {0, 0}};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
		el2_exec_result r = do_msr_imm(pe, bad[i][0], bad[i][1], 1);
		assert_undefined(&r);
		el2_pe_free(&pe);
	}
}

static void test_feature_off_makes_field_forms_undefined_and_bit_res0(void **state)
{
	(void)state;
	for (size_t i = 0; i < NFIELDS; i++) {
		if (!fields[i].feature)
			continue;
		uint32_t without = ALL & ~fields[i].feature;
		if (fields[i].feature == EL2_FEAT_PAN)
			without &= ~EL2_FEAT_PAN2; /* PAN2 needs PAN */
		el2_pe *pe = pe_in(without, EL2_PSR_MODE_EL1h);
		el2_exec_result r = do_mrs(pe, fields[i].row, 0);
		assert_undefined(&r);
		reenter(pe, EL2_PSR_MODE_EL1h);
		r = do_msr(pe, fields[i].row, 0);
		assert_undefined(&r);
		reenter(pe, EL2_PSR_MODE_EL1h);
		r = do_msr_imm(pe, fields[i].op1, fields[i].op2, 1);
		assert_undefined(&r);
		/* The PSTATE bit does not exist: writing it has no effect. */
		wr(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1h | fields[i].bits);
		assert_int_equal(rd(pe, EL2_REG_PSTATE), EL2_PSR_MODE_EL1h);
		el2_pe_free(&pe);
	}
}

static void test_tco_exists_with_mte(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	el2_exec_result r = do_msr_imm(pe, 3, 4, 1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_PSTATE), EL2_PSR_MODE_EL0t | EL2_PSR_TCO);
	el2_pe_free(&pe);
}

static void test_sp_el0_is_undefined_when_spsel_is_0(void **state)
{
	(void)state;
	static const unsigned modes[] = {EL2_PSR_MODE_EL1t, EL2_PSR_MODE_EL2t};
	for (size_t i = 0; i < 2; i++) {
		el2_pe *pe = pe_in(ALL, modes[i]);
		el2_exec_result r = do_mrs(pe, EL2_SR_SP_EL0, 0);
		assert_undefined(&r);
		reenter(pe, modes[i]);
		r = do_msr(pe, EL2_SR_SP_EL0, 0);
		assert_undefined(&r);
		el2_pe_free(&pe);
	}
}

static void test_sp_el0_is_accessible_when_spsel_is_1(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(1), 0xffff000012340000ull);
	el2_exec_result r = do_msr(pe, EL2_SR_SP_EL0, 1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(SP_EL0)), 0xffff000012340000ull);
	assert_false(r.flags & EL2_EF_SP_CHANGED); /* SP is SP_EL2 */
	el2_pe_free(&pe);
}

static void test_sp_el1_is_accessible_from_el2_only(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_REG_X(1), 0x8000);
	el2_exec_result r = do_msr(pe, EL2_SR_SP_EL1, 1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(SP_EL1)), 0x8000);
	el2_pe_free(&pe);
	pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	r = do_mrs(pe, EL2_SR_SP_EL1, 1);
	assert_undefined(&r);
	el2_pe_free(&pe);
}

static void test_sp_el2_is_undefined_at_el2(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	el2_exec_result r = do_mrs(pe, EL2_SR_SP_EL2, 1);
	assert_undefined(&r);
	reenter(pe, EL2_PSR_MODE_EL2h);
	r = do_msr(pe, EL2_SR_SP_EL2, 1);
	assert_undefined(&r);
	el2_pe_free(&pe);
}

static void test_spsel_write_switches_the_current_sp_bank(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(SP_EL0), 0x1000);
	wr(pe, EL2_SYSREG(SP_EL2), 0x2000);
	assert_int_equal(rd(pe, EL2_REG_SP), 0x2000);
	el2_exec_result r = do_msr(pe, EL2_SR_SPSel, 31); /* SPSel = 0 */
	assert_done(pe, &r);
	assert_true(r.flags & EL2_EF_SP_CHANGED);
	assert_int_equal(rd(pe, EL2_REG_PSTATE) & 0xf, EL2_PSR_MODE_EL2t);
	assert_int_equal(rd(pe, EL2_REG_SP), 0x1000);
	wr(pe, EL2_REG_PC, PC0);
	r = do_msr_imm(pe, 0, 5, 1); /* MSR SPSel, #1 */
	assert_done(pe, &r);
	assert_true(r.flags & EL2_EF_SP_CHANGED);
	assert_int_equal(rd(pe, EL2_REG_SP), 0x2000);
	el2_pe_free(&pe);
}

static void test_isr_el1_shows_physical_lines_at_el2(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	el2_set_line(pe, EL2_LINE_IRQ, true);
	el2_set_line(pe, EL2_LINE_SERROR, true);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_IMO | EL2_HCR_FMO | EL2_HCR_VF);
	el2_exec_result r = do_mrs(pe, EL2_SR_ISR_EL1, 0);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(0)), (1u << 8) | (1u << 7)); /* A, I */
	el2_pe_free(&pe);
}

static void test_isr_el1_shows_virtual_interrupts_at_el1_when_routed(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	el2_set_line(pe, EL2_LINE_IRQ, true);
	el2_set_line(pe, EL2_LINE_FIQ, true);
	/* IRQ routed to EL2: virtual VI (clear) replaces the physical line;
	 * FIQ not routed: physical; SError routed with VSE set. */
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_IMO | EL2_HCR_AMO | EL2_HCR_VSE);
	el2_exec_result r = do_mrs(pe, EL2_SR_ISR_EL1, 0);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(0)), (1u << 8) | (1u << 6)); /* A, F */
	el2_pe_free(&pe);
}

static void test_midr_and_mpidr_at_el1_read_vpidr_and_vmpidr(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(VPIDR_EL2), 0x410fd083);
	wr(pe, EL2_SYSREG(VMPIDR_EL2), 0x80000003);
	el2_exec_result r = do_mrs(pe, EL2_SR_MIDR_EL1, 0);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(0)), 0x410fd083);
	wr(pe, EL2_REG_PC, PC0);
	r = do_mrs(pe, EL2_SR_MPIDR_EL1, 1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(1)), 0x80000003);
	el2_pe_free(&pe);
}

static void test_midr_at_el2_is_not_virtualized(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(VPIDR_EL2), 0x410fd083);
	el2_exec_result r = do_mrs(pe, EL2_SR_MIDR_EL1, 0);
	assert_done(pe, &r);
	assert_int_equal(r.reg, EL2_SYSREG(MIDR_EL1));
	assert_int_not_equal(rd(pe, EL2_REG_X(0)), 0x410fd083);
	el2_pe_free(&pe);
}

static void test_debugger_view_of_daif_is_the_pstate_field(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(DAIF), EL2_PSR_A | EL2_PSR_NZCV);
	assert_int_equal(rd(pe, EL2_REG_PSTATE), EL2_PSR_MODE_EL1h | EL2_PSR_A);
	assert_int_equal(rd(pe, EL2_SYSREG(DAIF)), EL2_PSR_A);
	assert_int_equal(rd(pe, EL2_SYSREG(CurrentEL)), 0x4);
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mrs_of_pstate_field_gives_the_field_in_its_bit_position),
		cmocka_unit_test(test_msr_of_pstate_field_writes_only_that_field),
		cmocka_unit_test(test_mrs_currentel_gives_el_in_bits_3_2),
		cmocka_unit_test(test_currentel_spsel_pan_uao_are_undefined_at_el0),
		cmocka_unit_test(test_nzcv_dit_ssbs_are_accessible_at_el0),
		cmocka_unit_test(test_msr_immediate_sets_and_clears_one_bit_fields),
		cmocka_unit_test(test_msr_daifset_and_daifclr_use_crm_as_daif),
		cmocka_unit_test(test_msr_immediate_pan_uao_spsel_are_undefined_at_el0),
		cmocka_unit_test(test_unallocated_msr_immediate_is_undefined),
		cmocka_unit_test(test_feature_off_makes_field_forms_undefined_and_bit_res0),
		cmocka_unit_test(test_tco_exists_with_mte),
		cmocka_unit_test(test_sp_el0_is_undefined_when_spsel_is_0),
		cmocka_unit_test(test_sp_el0_is_accessible_when_spsel_is_1),
		cmocka_unit_test(test_sp_el1_is_accessible_from_el2_only),
		cmocka_unit_test(test_sp_el2_is_undefined_at_el2),
		cmocka_unit_test(test_spsel_write_switches_the_current_sp_bank),
		cmocka_unit_test(test_isr_el1_shows_physical_lines_at_el2),
		cmocka_unit_test(test_isr_el1_shows_virtual_interrupts_at_el1_when_routed),
		cmocka_unit_test(test_midr_and_mpidr_at_el1_read_vpidr_and_vmpidr),
		cmocka_unit_test(test_midr_at_el2_is_not_virtualized),
		cmocka_unit_test(test_debugger_view_of_daif_is_the_pstate_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
