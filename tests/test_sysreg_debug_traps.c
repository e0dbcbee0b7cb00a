/* SPDX-License-Identifier: MIT */
/* MDCR_EL2 trap groups, one per control as each register's accessor tests
 * it (D19 MDCR_EL2 TDA / TDOSA / TDRA / TDE, and the accessors of MDSCR_EL1,
 * OSLAR_EL1, OSLSR_EL1, OSDLR_EL1, DBGPRCR_EL1, MDRAR_EL1), and
 * CPTR_EL2.TCPAC on CPACR_EL1, ICC_SRE_EL2.Enable on ICC_SRE_EL1. ESR
 * values from the EC 0x18 ISS layout:
 * Op0[21:20] Op2[19:17] Op1[16:14] CRn[13:10] Rt[9:5] CRm[4:1] Dir[0]. */
#include "sysreg_test_util.h"

#define ALL EL2_FEAT_ALL

static uint32_t esr_of(el2_sysreg id, unsigned rt, bool read)
{
	uint32_t e = enc_of(id);
	uint32_t iss = (EL2_SYS_OP0(e) << 20) | (EL2_SYS_OP2(e) << 17) | (EL2_SYS_OP1(e) << 14) |
		       (EL2_SYS_CRN(e) << 10) | (rt << 5) | (EL2_SYS_CRM(e) << 1) | (read ? 1u : 0u);
	return (0x18u << 26) | (1u << 25) | iss;
}

static el2_pe *el1_with_mdcr(uint64_t mdcr)
{
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	wr(pe, EL2_SYSREG(MDCR_EL2), mdcr);
	return pe;
}

/* The access the row allows (MSR of a write-only row, else MRS). */
static el2_exec_result access(el2_pe *pe, el2_sysreg id, unsigned rt, bool *read)
{
	*read = el2_sysreg_get(id)->access != EL2_ACC_WO;
	return *read ? do_mrs(pe, id, rt) : do_msr(pe, id, rt);
}

static void expect(uint64_t mdcr, el2_sysreg id, bool traps)
{
	el2_pe *pe = el1_with_mdcr(mdcr);
	bool read;
	el2_exec_result r = access(pe, id, 1, &read);
	if (traps) {
		assert_int_equal(r.outcome, EL2_OUT_EXCEPTION);
		assert_int_equal(r.exc.target_el, 2);
		assert_int_equal(r.exc.esr, esr_of(id, 1, read));
		assert_int_equal(rd(pe, EL2_SYSREG(ELR_EL2)), PC0);
	} else {
		assert_done(pe, &r);
	}
	el2_pe_free(&pe);
}

/* The reported case: "msr oslar_el1, x1" with TDOSA = 1, TDA = TDE = 0
 * traps with ISS 0x280420; with TDA = 1, TDOSA = 0 it completes. */
static void test_tdosa_traps_oslar_el1_without_tda(void **state)
{
	(void)state;
	el2_pe *pe = el1_with_mdcr(EL2_MDCR_TDOSA);
	el2_exec_result r = do_msr(pe, EL2_SR_OSLAR_EL1, 1);
	assert_int_equal(r.outcome, EL2_OUT_EXCEPTION);
	assert_int_equal(r.exc.esr & 0x1ffffffu, 0x280420u);
	assert_int_equal(r.exc.esr >> 26, 0x18u);
	assert_int_equal(rd(pe, EL2_SYSREG(ELR_EL2)), PC0);
	el2_pe_free(&pe);
	expect(EL2_MDCR_TDA, EL2_SR_OSLAR_EL1, false);
}

/* Every TDOSA register, under each control. */
static void test_tdosa_group_is_oslar_oslsr_osdlr_dbgprcr(void **state)
{
	(void)state;
	static const el2_sysreg rows[] = {EL2_SR_OSLAR_EL1, EL2_SR_OSLSR_EL1, EL2_SR_OSDLR_EL1,
					  EL2_SR_DBGPRCR_EL1};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		expect(EL2_MDCR_TDOSA, rows[i], true);
		expect(EL2_MDCR_TDE, rows[i], true);
		expect(EL2_MDCR_TDA | EL2_MDCR_TDRA, rows[i], false);
		expect(0, rows[i], false);
	}
}

/* MDSCR_EL1, the breakpoint/watchpoint registers and MDCCINT_EL1 are
 * TDA's: TDOSA and TDRA leave them alone. */
static void test_tda_not_tdosa_traps_mdscr_and_breakpoint_registers(void **state)
{
	(void)state;
	static const el2_sysreg rows[] = {EL2_SR_MDSCR_EL1,   EL2_SR_DBGBVR0_EL1, EL2_SR_DBGBCR0_EL1,
					  EL2_SR_DBGWVR0_EL1, EL2_SR_DBGWCR0_EL1, EL2_SR_DBGBVR1_EL1,
					  EL2_SR_DBGBCR1_EL1, EL2_SR_DBGWVR1_EL1, EL2_SR_DBGWCR1_EL1,
					  EL2_SR_MDCCINT_EL1};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		expect(EL2_MDCR_TDA, rows[i], true);
		expect(EL2_MDCR_TDE, rows[i], true);
		expect(EL2_MDCR_TDOSA | EL2_MDCR_TDRA, rows[i], false);
	}
}

/* A breakpoint control register keeps its fields and drops RES0 bits. */
static void test_dbgbcr0_el1_stores_its_fields(void **state)
{
	(void)state;
	el2_pe *pe = el1_with_mdcr(0);
	wr(pe, EL2_REG_X(1), ~0ull);
	el2_exec_result r = do_msr(pe, EL2_SR_DBGBCR0_EL1, 1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(DBGBCR0_EL1)), 0xffe1e7ull);
	el2_pe_free(&pe);
}

/* The reported case: "mrs x15, mdrar_el1" with TDRA = 1 traps with ISS
 * 0x2005e1; TDE acts as TDRA; without either it reads Valid = 0b00. */
static void test_tdra_traps_mdrar_el1_read(void **state)
{
	(void)state;
	el2_pe *pe = el1_with_mdcr(EL2_MDCR_TDRA);
	el2_exec_result r = do_mrs(pe, EL2_SR_MDRAR_EL1, 15);
	assert_int_equal(r.outcome, EL2_OUT_EXCEPTION);
	assert_int_equal(r.exc.esr & 0x1ffffffu, 0x2005e1u);
	el2_pe_free(&pe);
	expect(EL2_MDCR_TDE, EL2_SR_MDRAR_EL1, true);
	expect(EL2_MDCR_TDA | EL2_MDCR_TDOSA, EL2_SR_MDRAR_EL1, false);

	pe = el1_with_mdcr(0);
	wr(pe, EL2_REG_X(15), 0x1234);
	r = do_mrs(pe, EL2_SR_MDRAR_EL1, 15);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(15)), 0);
	el2_pe_free(&pe);
}

/* MDRAR_EL1 is read-only, EL1 and up: MSR and EL0 MRS are UNDEFINED. */
static void test_mdrar_el1_is_undefined_at_el0_and_for_msr(void **state)
{
	(void)state;
	el2_pe *pe = el1_with_mdcr(EL2_MDCR_TDRA);
	el2_exec_result r = do_msr(pe, EL2_SR_MDRAR_EL1, 1);
	assert_undefined(&r);
	el2_pe_free(&pe);
	pe = pe_in(ALL, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(MDCR_EL2), EL2_MDCR_TDRA);
	r = do_mrs(pe, EL2_SR_MDRAR_EL1, 1);
	assert_undefined(&r);
	el2_pe_free(&pe);
}

/* At EL2 no MDCR_EL2 control applies. */
static void test_mdcr_controls_do_not_trap_el2(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(MDCR_EL2), EL2_MDCR_TDE | EL2_MDCR_TDA | EL2_MDCR_TDOSA | EL2_MDCR_TDRA);
	el2_exec_result r = do_mrs(pe, EL2_SR_MDRAR_EL1, 1);
	assert_done(pe, &r);
	reenter(pe, EL2_PSR_MODE_EL2h);
	r = do_msr(pe, EL2_SR_OSLAR_EL1, 1);
	assert_done(pe, &r);
	el2_pe_free(&pe);
}

/* CPACR_EL1 accessor at EL1: "CPTR_EL2.TCPAC == '1'" traps reads and
 * writes to EL2, in both CPTR_EL2 layouts (E2H 0 and 1, TGE 0). */
static void test_tcpac_traps_el1_access_to_cpacr_el1(void **state)
{
	(void)state;
	static const uint64_t e2h[] = {0, EL2_HCR_E2H};
	for (size_t i = 0; i < 2; i++) {
		el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
		wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | e2h[i]);
		wr(pe, EL2_SYSREG(CPTR_EL2), EL2_CPTR_TCPAC | (e2h[i] ? 0x300000u : 0));
		el2_exec_result r = do_mrs(pe, EL2_SR_CPACR_EL1, 3);
		assert_int_equal(r.outcome, EL2_OUT_EXCEPTION);
		assert_int_equal(r.exc.target_el, 2);
		assert_int_equal(r.exc.esr, esr_of(EL2_SR_CPACR_EL1, 3, true));
		reenter(pe, EL2_PSR_MODE_EL1h);
		r = do_msr(pe, EL2_SR_CPACR_EL1, 3);
		assert_int_equal(r.exc.esr, esr_of(EL2_SR_CPACR_EL1, 3, false));
		el2_pe_free(&pe);
	}
	/* TCPAC = 0: completes; at EL2 (CPACR_EL1 is CPTR_EL2 with E2H = 1,
	 * CPACR_EL1 itself with E2H = 0) no trap either. */
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL1h);
	el2_exec_result r = do_mrs(pe, EL2_SR_CPACR_EL1, 3);
	assert_done(pe, &r);
	el2_pe_free(&pe);
	pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(CPTR_EL2), EL2_CPTR_TCPAC);
	r = do_mrs(pe, EL2_SR_CPACR_EL1, 3);
	assert_done(pe, &r);
	el2_pe_free(&pe);
}

/* ICC_SRE_EL1 at EL1 traps to EL2 while ICC_SRE_EL2.Enable (bit 3) is 0. */
static void test_icc_sre_el2_enable_0_traps_el1_icc_sre_el1(void **state)
{
	(void)state;
	el2_pe *pe = el1_with_mdcr(0);
	el2_exec_result r = do_mrs(pe, EL2_SR_ICC_SRE_EL1, 5);
	assert_int_equal(r.outcome, EL2_OUT_EXCEPTION);
	assert_int_equal(r.exc.target_el, 2);
	assert_int_equal(r.exc.esr, esr_of(EL2_SR_ICC_SRE_EL1, 5, true));
	el2_pe_free(&pe);
	pe = el1_with_mdcr(0);
	wr(pe, EL2_SYSREG(ICC_SRE_EL2), 0x9);
	r = do_mrs(pe, EL2_SR_ICC_SRE_EL1, 5);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(5)) & 1, 1); /* SRE RAO */
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tdosa_traps_oslar_el1_without_tda),
		cmocka_unit_test(test_tdosa_group_is_oslar_oslsr_osdlr_dbgprcr),
		cmocka_unit_test(test_tda_not_tdosa_traps_mdscr_and_breakpoint_registers),
		cmocka_unit_test(test_dbgbcr0_el1_stores_its_fields),
		cmocka_unit_test(test_tdra_traps_mdrar_el1_read),
		cmocka_unit_test(test_mdrar_el1_is_undefined_at_el0_and_for_msr),
		cmocka_unit_test(test_mdcr_controls_do_not_trap_el2),
		cmocka_unit_test(test_tcpac_traps_el1_access_to_cpacr_el1),
		cmocka_unit_test(test_icc_sre_el2_enable_0_traps_el1_icc_sre_el1),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
