/* SPDX-License-Identifier: MIT */
/* Traps of system-register accesses: EL2 controls (HCR_EL2, MDCR_EL2,
 * CNTHCTL_EL2) of EL0/EL1 accesses and the EL0 enables (SCTLR_ELx,
 * CNTKCTL_EL1/CNTHCTL_EL2) with their routing. Expected ESR values are
 * built from the EC 0x18 ISS layout of D19 ESR_ELx: Op0[21:20] Op2[19:17]
 * Op1[16:14] CRn[13:10] Rt[9:5] CRm[4:1] Direction[0] (1 = read). */
#include "sysreg_test_util.h"

#define ALL EL2_FEAT_ALL

static uint32_t iss(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2,
		    unsigned rt, bool read)
{
	return (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | (rt << 5) | (crm << 1) |
	       (read ? 1u : 0u);
}

static uint32_t esr_sys(uint32_t iss_value)
{
	return (0x18u << 26) | (1u << 25) | iss_value;
}

static uint32_t row_iss(el2_sysreg id, unsigned rt, bool read)
{
	uint32_t e = el2_sysreg_get(id)->enc;
	return iss(EL2_SYS_OP0(e), EL2_SYS_OP1(e), EL2_SYS_CRN(e), EL2_SYS_CRM(e), EL2_SYS_OP2(e),
		   rt, read);
}

static void assert_trap(const el2_exec_result *r, unsigned el, uint32_t esr)
{
	assert_int_equal(r->outcome, EL2_OUT_EXCEPTION);
	assert_int_equal(r->exc_type, EL2_EXC_SYSREG_TRAP);
	assert_int_equal(r->exc.target_el, el);
	assert_int_equal(r->exc.esr, esr);
}

/* ---- hand-computed cases ---- */

static void test_tvm_traps_el1_write_of_sctlr_el1(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TVM);
	uint64_t before = rd(pe, EL2_SYSREG(SCTLR_EL1));
	wr(pe, EL2_REG_X(3), ~before);
	el2_exec_result r = do_msr(pe, EL2_SR_SCTLR_EL1, 3);
	assert_trap(&r, 2, 0x62300460u); /* Op0=3 CRn=1 Rt=3 write */
	assert_int_equal(rd(pe, EL2_SYSREG(SCTLR_EL1)), before);
	el2_pe_free(&pe);
	/* TVM does not trap reads. */
	pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TVM);
	r = do_mrs(pe, EL2_SR_SCTLR_EL1, 3);
	assert_done(pe, &r);
	el2_pe_free(&pe);
}

static void test_trvm_traps_el1_read_of_ttbr0_el1(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TRVM);
	el2_exec_result r = do_mrs(pe, EL2_SR_TTBR0_EL1, 4);
	assert_trap(&r, 2, esr_sys(iss(3, 0, 2, 0, 0, 4, true)));
	el2_pe_free(&pe);
	pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TRVM);
	r = do_msr(pe, EL2_SR_TTBR0_EL1, 4);
	assert_done(pe, &r);
	el2_pe_free(&pe);
}

static void test_tacr_traps_el1_access_to_actlr_el1(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TACR);
	el2_exec_result r = do_mrs(pe, EL2_SR_ACTLR_EL1, 0);
	assert_trap(&r, 2, esr_sys(iss(3, 0, 1, 0, 1, 0, true)));
	el2_pe_free(&pe);
}

static void test_tid2_traps_ctr_el0_at_el1_and_el0(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TID2);
	el2_exec_result r = do_mrs(pe, EL2_SR_CTR_EL0, 1);
	assert_trap(&r, 2, esr_sys(iss(3, 3, 0, 0, 1, 1, true)));
	el2_pe_free(&pe);
	/* At EL0 with SCTLR_EL1.UCT = 1 (EL0 access allowed by EL1). */
	pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(SCTLR_EL1), EL2_SCTLR_UCT);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TID2);
	r = do_mrs(pe, EL2_SR_CTR_EL0, 2);
	assert_trap(&r, 2, esr_sys(iss(3, 3, 0, 0, 1, 2, true)));
	el2_pe_free(&pe);
}

static void test_tid2_traps_csselr_el1_write(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TID2);
	el2_exec_result r = do_msr(pe, EL2_SR_CSSELR_EL1, 9);
	assert_trap(&r, 2, esr_sys(iss(3, 2, 0, 0, 0, 9, false)));
	el2_pe_free(&pe);
}

static void test_tid3_traps_id_aa64pfr0_el1_read(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TID3);
	el2_exec_result r = do_mrs(pe, EL2_SR_ID_AA64PFR0_EL1, 30);
	assert_trap(&r, 2, esr_sys(iss(3, 0, 0, 4, 0, 30, true)));
	el2_pe_free(&pe);
}

static void test_tpu_traps_ic_iallu_at_el1(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TPU);
	el2_exec_result r = do_sys(pe, EL2_SR_IC_IALLU, 31);
	assert_trap(&r, 2, esr_sys(iss(1, 0, 7, 5, 0, 31, false)));
	el2_pe_free(&pe);
}

static void test_ttlb_traps_tlbi_vmalle1is_at_el1(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TTLB);
	el2_exec_result r = do_sys(pe, EL2_SR_TLBI_VMALLE1IS, 31);
	assert_trap(&r, 2, esr_sys(iss(1, 0, 8, 3, 0, 31, false)));
	el2_pe_free(&pe);
}

static void test_tdz_traps_dc_zva_at_el1_and_el0(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TDZ);
	el2_exec_result r = do_sys(pe, EL2_SR_DC_ZVA, 5);
	assert_trap(&r, 2, esr_sys(iss(1, 3, 7, 4, 1, 5, false)));
	el2_pe_free(&pe);
	pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(SCTLR_EL1), EL2_SCTLR_DZE);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TDZ);
	r = do_sys(pe, EL2_SR_DC_ZVA, 5);
	assert_trap(&r, 2, esr_sys(iss(1, 3, 7, 4, 1, 5, false)));
	el2_pe_free(&pe);
}

static void test_tidcp_traps_el1_implementation_defined_register(void **state)
{
	(void)state;
	uint32_t enc = EL2_SYS_ENC(3, 0, 15, 0, 0);
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TIDCP);
	el2_exec_result r;
	sysreg_exec_mrs(pe, mrs_insn(enc, 8), &r);
	assert_trap(&r, 2, esr_sys(iss(3, 0, 15, 0, 0, 8, true)));
	el2_pe_free(&pe);
	/* Without TIDCP: UNDEFINED. */
	pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	sysreg_exec_mrs(pe, mrs_insn(enc, 8), &r);
	assert_undefined(&r);
	el2_pe_free(&pe);
}

static void test_tda_and_tde_trap_el1_access_to_mdscr_el1(void **state)
{
	(void)state;
	static const uint64_t mdcr[] = {EL2_MDCR_TDA, EL2_MDCR_TDE};
	for (size_t i = 0; i < 2; i++) {
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
		wr(pe, EL2_SYSREG(MDCR_EL2), mdcr[i]);
		el2_exec_result r = do_msr(pe, EL2_SR_MDSCR_EL1, 2);
		assert_trap(&r, 2, esr_sys(iss(2, 0, 0, 2, 2, 2, false)));
		el2_pe_free(&pe);
	}
}

static void test_el2_controls_do_not_trap_el2_accesses(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TVM | EL2_HCR_TRVM | EL2_HCR_TID3 | EL2_HCR_TACR);
	el2_exec_result r = do_msr(pe, EL2_SR_SCTLR_EL1, 0);
	assert_done(pe, &r);
	el2_pe_free(&pe);
}

/* ---- table-driven: every row of a trap group, each HCR_EL2 control ---- */

static void test_every_row_of_an_hcr_trap_group_traps_at_el1(void **state)
{
	(void)state;
	static const struct { uint32_t group; uint64_t hcr; } controls[] = {
		{EL2_T_TACR, EL2_HCR_TACR}, {EL2_T_TID1, EL2_HCR_TID1}, {EL2_T_TID2, EL2_HCR_TID2},
		{EL2_T_TID3, EL2_HCR_TID3}, {EL2_T_TSW, EL2_HCR_TSW},   {EL2_T_TPCP, EL2_HCR_TPCP},
		{EL2_T_TPU, EL2_HCR_TPU},   {EL2_T_TTLB, EL2_HCR_TTLB}, {EL2_T_TDZ, EL2_HCR_TDZ},
	};
	for (size_t c = 0; c < sizeof(controls) / sizeof(controls[0]); c++) {
		for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
			const el2_sysreg_info *ri = el2_sysreg_get((el2_sysreg)i);
			if (!(ri->traps & controls[c].group) || ri->min_el > 1 || ri->feature)
				continue;
			bool read = !(ri->access & EL2_ACC_WO);
			uint32_t insn = ri->kind == EL2_SRK_SYSOP ? sys_insn(ri->enc, 6)
					: read ? mrs_insn(ri->enc, 6) : msr_insn(ri->enc, 6);
			el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
			wr(pe, EL2_SYSREG(HCR_EL2), controls[c].hcr);
			el2_exec_result r;
			if (ri->kind == EL2_SRK_SYSOP)
				sysreg_exec_sys(pe, insn, &r);
			else if (read)
				sysreg_exec_mrs(pe, insn, &r);
			else
				sysreg_exec_msr(pe, insn, &r);
			assert_trap(&r, 2, esr_sys(row_iss((el2_sysreg)i, 6, read)));
			el2_pe_free(&pe);
		}
	}
}

static void test_cnthctl_el1pcten_traps_el1_physical_counter_and_timer(void **state)
{
	(void)state;
	/* E2H = 0 layout: EL1PCTEN bit 0 (counter), EL1PCEN bit 1 (timer). */
	for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
		const el2_sysreg_info *ri = el2_sysreg_get((el2_sysreg)i);
		if (!(ri->traps & (EL2_T_PCT | EL2_T_PT)) || ri->kind == EL2_SRK_ALIAS)
			continue;
		bool read = (ri->access & EL2_ACC_RO) != 0;
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
		uint64_t enable = (ri->traps & EL2_T_PCT) ? EL2_CNTHCTL_EL1PCEN : EL2_CNTHCTL_EL1PCTEN;
		wr(pe, EL2_SYSREG(CNTHCTL_EL2), enable); /* the other one only */
		el2_exec_result r = read ? do_mrs(pe, (el2_sysreg)i, 0) : do_msr(pe, (el2_sysreg)i, 0);
		assert_trap(&r, 2, esr_sys(row_iss((el2_sysreg)i, 0, read)));
		el2_pe_free(&pe);
	}
}

/* ---- EL0 enables and their routing ---- */

static void test_uct_0_traps_el0_ctr_el0_to_el1(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(SCTLR_EL1), 0);
	el2_exec_result r = do_mrs(pe, EL2_SR_CTR_EL0, 3);
	assert_trap(&r, 1, esr_sys(iss(3, 3, 0, 0, 1, 3, true)));
	el2_pe_free(&pe);
}

static void test_el0_enable_trap_goes_to_el2_with_tge(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(SCTLR_EL1), 0);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TGE);
	el2_exec_result r = do_mrs(pe, EL2_SR_CTR_EL0, 3);
	assert_trap(&r, 2, esr_sys(iss(3, 3, 0, 0, 1, 3, true)));
	el2_pe_free(&pe);
}

static void test_el0_in_host_uses_sctlr_el2_uct(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_E2H | EL2_HCR_TGE | EL2_HCR_TID2);
	wr(pe, EL2_SYSREG(SCTLR_EL1), EL2_SCTLR_UCT); /* ignored in host */
	wr(pe, EL2_SYSREG(SCTLR_EL2), 0);
	el2_exec_result r = do_mrs(pe, EL2_SR_CTR_EL0, 3);
	assert_trap(&r, 2, esr_sys(iss(3, 3, 0, 0, 1, 3, true)));
	el2_pe_free(&pe);
	/* SCTLR_EL2.UCT = 1: allowed, and HCR_EL2.TID2 does not act in host. */
	pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_E2H | EL2_HCR_TGE | EL2_HCR_TID2);
	wr(pe, EL2_SYSREG(SCTLR_EL2), EL2_SCTLR_UCT);
	r = do_mrs(pe, EL2_SR_CTR_EL0, 3);
	assert_done(pe, &r);
	el2_pe_free(&pe);
}

static void test_el1_trap_has_priority_over_el2_trap(void **state)
{
	(void)state;
	/* CTR_EL0 accessor: the SCTLR_EL1.UCT check comes before TID2. */
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(SCTLR_EL1), 0);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TID2);
	el2_exec_result r = do_mrs(pe, EL2_SR_CTR_EL0, 3);
	assert_trap(&r, 1, esr_sys(iss(3, 3, 0, 0, 1, 3, true)));
	el2_pe_free(&pe);
}

static void test_undefined_has_priority_over_el2_trap(void **state)
{
	(void)state;
	/* MSR CTR_EL0 (read-only) with TID2 set, and MRS VBAR_EL2 at EL1. */
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TID2 | EL2_HCR_TRVM);
	el2_exec_result r = do_msr(pe, EL2_SR_CTR_EL0, 3);
	assert_undefined(&r);
	reenter(pe, EL2_PSR_MODE_EL1h);
	r = do_mrs(pe, EL2_SR_VBAR_EL2, 3);
	assert_undefined(&r);
	el2_pe_free(&pe);
}

static void test_dze_0_traps_el0_dc_zva_to_el1(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(SCTLR_EL1), 0);
	el2_exec_result r = do_sys(pe, EL2_SR_DC_ZVA, 0);
	assert_trap(&r, 1, esr_sys(iss(1, 3, 7, 4, 1, 0, false)));
	el2_pe_free(&pe);
}

static void test_uma_0_traps_el0_daif_access_and_daifset(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(SCTLR_EL1), 0);
	el2_exec_result r = do_mrs(pe, EL2_SR_DAIF, 1);
	assert_trap(&r, 1, esr_sys(iss(3, 3, 4, 2, 1, 1, true)));
	el2_pe_free(&pe);
	pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(SCTLR_EL1), 0);
	r = do_msr_imm(pe, 3, 6, 0x2); /* MSR DAIFSet, #2 */
	assert_trap(&r, 1, esr_sys(iss(0, 3, 4, 2, 6, 31, false)));
	el2_pe_free(&pe);
	/* UMA = 1: allowed. */
	pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(SCTLR_EL1), EL2_SCTLR_UMA);
	r = do_msr_imm(pe, 3, 6, 0x2);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_PSTATE) & EL2_PSR_DAIF, EL2_PSR_I);
	el2_pe_free(&pe);
}

static void test_every_el0_timer_row_traps_when_its_enable_is_0(void **state)
{
	(void)state;
	/* CNTKCTL_EL1 all EL0 enables 0 -> each timer/counter row at EL0
	 * traps to EL1 (TGE = 0) or EL2 (TGE = 1). */
	const uint32_t groups = EL2_T_PCT | EL2_T_VCT | EL2_T_PT | EL2_T_VT | EL2_T_CNTFRQ;
	for (unsigned tge = 0; tge < 2; tge++) {
		for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
			const el2_sysreg_info *ri = el2_sysreg_get((el2_sysreg)i);
			if (!(ri->traps & groups) || ri->min_el > 0)
				continue;
			bool read = (ri->access & EL2_ACC_RO) != 0;
			el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
			wr(pe, EL2_SYSREG(CNTKCTL_EL1), 0);
			wr(pe, EL2_SYSREG(HCR_EL2), tge ? EL2_HCR_TGE : 0);
			el2_exec_result r = read ? do_mrs(pe, (el2_sysreg)i, 0) : do_msr(pe, (el2_sysreg)i, 0);
			assert_trap(&r, tge ? 2 : 1, esr_sys(row_iss((el2_sysreg)i, 0, read)));
			el2_pe_free(&pe);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tvm_traps_el1_write_of_sctlr_el1),
		cmocka_unit_test(test_trvm_traps_el1_read_of_ttbr0_el1),
		cmocka_unit_test(test_tacr_traps_el1_access_to_actlr_el1),
		cmocka_unit_test(test_tid2_traps_ctr_el0_at_el1_and_el0),
		cmocka_unit_test(test_tid2_traps_csselr_el1_write),
		cmocka_unit_test(test_tid3_traps_id_aa64pfr0_el1_read),
		cmocka_unit_test(test_tpu_traps_ic_iallu_at_el1),
		cmocka_unit_test(test_ttlb_traps_tlbi_vmalle1is_at_el1),
		cmocka_unit_test(test_tdz_traps_dc_zva_at_el1_and_el0),
		cmocka_unit_test(test_tidcp_traps_el1_implementation_defined_register),
		cmocka_unit_test(test_tda_and_tde_trap_el1_access_to_mdscr_el1),
		cmocka_unit_test(test_el2_controls_do_not_trap_el2_accesses),
		cmocka_unit_test(test_every_row_of_an_hcr_trap_group_traps_at_el1),
		cmocka_unit_test(test_cnthctl_el1pcten_traps_el1_physical_counter_and_timer),
		cmocka_unit_test(test_uct_0_traps_el0_ctr_el0_to_el1),
		cmocka_unit_test(test_el0_enable_trap_goes_to_el2_with_tge),
		cmocka_unit_test(test_el0_in_host_uses_sctlr_el2_uct),
		cmocka_unit_test(test_el1_trap_has_priority_over_el2_trap),
		cmocka_unit_test(test_undefined_has_priority_over_el2_trap),
		cmocka_unit_test(test_dze_0_traps_el0_dc_zva_to_el1),
		cmocka_unit_test(test_uma_0_traps_el0_daif_access_and_daifset),
		cmocka_unit_test(test_every_el0_timer_row_traps_when_its_enable_is_0),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
