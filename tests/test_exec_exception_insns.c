/* SPDX-License-Identifier: MIT */
/* SVC, HVC, SMC, BRK, HLT and ERET through el2_exec: routing, ESR (EC and
 * imm16 ISS), preferred return. Expected values derived by hand from
 * AArch64.CallSupervisor, the HVC operation + AArch64.CallHypervisor,
 * AArch64.CheckForSMCUndefOrTrap + AArch64.CallSecureMonitor,
 * AArch64.SoftwareBreakpoint and the ERET operation (DDI 0487 J.a). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "insn.h"

#define PC0 0x80000ull
#define VBAR1 0x10000ull
#define VBAR2 0x20000ull
#define IMM 0xbeefu

static el2_pe *new_pe_cfg(bool el2, bool el3)
{
	el2_config cfg = el2_config_default();
	cfg.have_el2 = el2;
	cfg.have_el3 = el3;
	if (!el2)
		cfg.features &= ~(uint32_t)EL2_FEAT_VHE;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(VBAR_EL1), VBAR1), EL2_OK);
	if (el2)
		assert_int_equal(el2_reg_write(pe, EL2_SYSREG(VBAR_EL2), VBAR2), EL2_OK);
	return pe;
}

static uint64_t rd(const el2_pe *pe, el2_reg r)
{
	uint64_t v = 0;
	assert_int_equal(el2_reg_read(pe, r, &v), EL2_OK);
	return v;
}

static void wr(el2_pe *pe, el2_reg r, uint64_t v)
{
	assert_int_equal(el2_reg_write(pe, r, v), EL2_OK);
}

static void run(el2_pe *pe, unsigned mode, uint64_t hcr, uint32_t insn, el2_exec_result *res)
{
	wr(pe, EL2_SYSREG(HCR_EL2), hcr);
	wr(pe, EL2_REG_PSTATE, mode);
	wr(pe, EL2_REG_PC, PC0);
	assert_int_equal(el2_exec(pe, insn, res), EL2_OK);
}

/* The exception arrived at target_el with ESR = EC:IL=1:ISS, ELR = elr,
 * PC = VBAR + offset. */
static void expect_exception(const el2_pe *pe, const el2_exec_result *res, unsigned target_el,
			     unsigned ec, uint32_t iss, uint64_t elr, unsigned offset)
{
	assert_int_equal(res->outcome, EL2_OUT_EXCEPTION);
	assert_int_equal(res->exc.target_el, target_el);
	assert_int_equal(el2_pe_el(pe), target_el);
	uint32_t esr = ((uint32_t)ec << 26) | EL2_ESR_IL | iss;
	el2_reg esr_reg = target_el == 1 ? EL2_SYSREG(ESR_EL1) : EL2_SYSREG(ESR_EL2);
	el2_reg elr_reg = target_el == 1 ? EL2_SYSREG(ELR_EL1) : EL2_SYSREG(ELR_EL2);
	assert_int_equal(rd(pe, esr_reg), esr);
	assert_int_equal(res->exc.esr, esr);
	assert_int_equal(rd(pe, elr_reg), elr);
	assert_int_equal(el2_pe_pc(pe), (target_el == 1 ? VBAR1 : VBAR2) + offset);
	assert_true(res->flags & EL2_EF_CONTEXT_SYNC);
}

static void expect_undefined(const el2_pe *pe, const el2_exec_result *res, unsigned target_el,
			     unsigned offset)
{
	assert_int_equal(res->exc_type, EL2_EXC_UNCATEGORIZED);
	expect_exception(pe, res, target_el, EL2_EC_UNKNOWN, 0, PC0, offset);
}

/* Vector offsets: lower EL (AArch64) 0x400, current EL with SP_ELx 0x200. */
#define LOWER 0x400u
#define CUR_SPX 0x200u

/* ---- SVC: AArch64.CallSupervisor ---- */
static void test_svc_from_el0_goes_to_el1_with_next_instruction_return(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL0t, EL2_HCR_RW, svc_insn(IMM), &res);
	assert_int_equal(res.exc_type, EL2_EXC_SVC);
	expect_exception(pe, &res, 1, EL2_EC_SVC64, IMM, PC0 + 4, LOWER);
	el2_pe_free(&pe);
}

static void test_svc_from_el0_with_tge_goes_to_el2(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL0t, EL2_HCR_RW | EL2_HCR_TGE, svc_insn(IMM), &res);
	expect_exception(pe, &res, 2, EL2_EC_SVC64, IMM, PC0 + 4, LOWER);
	el2_pe_free(&pe);
}

static void test_svc_from_el1_ignores_tge_and_stays_at_el1(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL1h, EL2_HCR_RW | EL2_HCR_TGE, svc_insn(7), &res);
	expect_exception(pe, &res, 1, EL2_EC_SVC64, 7, PC0 + 4, CUR_SPX);
	el2_pe_free(&pe);
}

static void test_svc_at_el2_is_taken_to_el2(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL2h, 0, svc_insn(0xffff), &res);
	expect_exception(pe, &res, 2, EL2_EC_SVC64, 0xffff, PC0 + 4, CUR_SPX);
	el2_pe_free(&pe);
}

/* SSAdvance() before the exception: active-not-pending stepping becomes
 * active-pending, so SPSR.SS = 0. */
static void test_svc_advances_software_step_state(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	wr(pe, EL2_SYSREG(MDSCR_EL1), EL2_MDSCR_SS);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL0t | EL2_PSR_SS, EL2_HCR_RW, svc_insn(1), &res);
	assert_int_equal(res.outcome, EL2_OUT_EXCEPTION);
	assert_int_equal(rd(pe, EL2_SYSREG(SPSR_EL1)) & EL2_PSR_SS, 0);
	el2_pe_free(&pe);
}

/* ---- HVC ---- */
static void test_hvc_from_el1_goes_to_el2_with_next_instruction_return(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL1h, EL2_HCR_RW, hvc_insn(IMM), &res);
	assert_int_equal(res.exc_type, EL2_EXC_HVC);
	expect_exception(pe, &res, 2, EL2_EC_HVC64, IMM, PC0 + 4, LOWER);
	el2_pe_free(&pe);
}

static void test_hvc_at_el2_uses_the_current_el_vector(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL2h, EL2_HCR_RW, hvc_insn(0x42), &res);
	expect_exception(pe, &res, 2, EL2_EC_HVC64, 0x42, PC0 + 4, CUR_SPX);
	el2_pe_free(&pe);
}

static void test_hvc_at_el0_is_undefined(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL0t, EL2_HCR_RW, hvc_insn(1), &res);
	expect_undefined(pe, &res, 1, LOWER);
	el2_pe_free(&pe);
}

static void test_hvc_disabled_by_hcd_is_undefined_at_el1(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL1h, EL2_HCR_RW | EL2_HCR_HCD, hvc_insn(1), &res);
	expect_undefined(pe, &res, 1, CUR_SPX);
	el2_pe_free(&pe);
}

static void test_hvc_disabled_by_hcd_is_undefined_at_el2(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL2h, EL2_HCR_HCD, hvc_insn(1), &res);
	expect_undefined(pe, &res, 2, CUR_SPX);
	el2_pe_free(&pe);
}

/* With EL3, hvc_enable is SCR_EL3.HCE (1 in this model): HCD is ignored. */
static void test_hvc_with_el3_ignores_hcd(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, true);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL1h, EL2_HCR_RW | EL2_HCR_HCD, hvc_insn(3), &res);
	expect_exception(pe, &res, 2, EL2_EC_HVC64, 3, PC0 + 4, LOWER);
	el2_pe_free(&pe);
}

static void test_hvc_without_el2_is_undefined(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(false, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL1h, 0, hvc_insn(1), &res);
	expect_undefined(pe, &res, 1, CUR_SPX);
	el2_pe_free(&pe);
}

/* ---- SMC ---- */
static void test_smc_without_el3_is_undefined_even_with_tsc(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL1h, EL2_HCR_RW | EL2_HCR_TSC, smc_insn(1), &res);
	expect_undefined(pe, &res, 1, CUR_SPX);
	el2_pe_free(&pe);
}

static void test_smc_without_el3_at_el2_is_undefined(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL2h, 0, smc_insn(1), &res);
	expect_undefined(pe, &res, 2, CUR_SPX);
	el2_pe_free(&pe);
}

static void test_smc_at_el0_is_undefined(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, true);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL0t, EL2_HCR_RW | EL2_HCR_TSC, smc_insn(1), &res);
	expect_undefined(pe, &res, 1, LOWER);
	el2_pe_free(&pe);
}

static void test_smc_at_el1_with_tsc_traps_to_el2_with_this_instruction_return(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, true);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL1h, EL2_HCR_RW | EL2_HCR_TSC, smc_insn(IMM), &res);
	assert_int_equal(res.exc_type, EL2_EXC_SMC);
	expect_exception(pe, &res, 2, EL2_EC_SMC64, IMM, PC0, LOWER);
	el2_pe_free(&pe);
}

static void test_smc_at_el1_without_tsc_reaches_el3(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, true);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL1h, EL2_HCR_RW, smc_insn(IMM), &res);
	assert_int_equal(res.outcome, EL2_OUT_SMC_EL3);
	assert_int_equal(res.value, IMM);
	assert_int_equal(el2_pe_pc(pe), PC0 + 4);
	assert_int_equal(el2_pe_el(pe), 1);
	el2_pe_free(&pe);
}

static void test_smc_at_el2_with_tsc_reaches_el3(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, true);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL2h, EL2_HCR_TSC, smc_insn(2), &res);
	assert_int_equal(res.outcome, EL2_OUT_SMC_EL3);
	assert_int_equal(el2_pe_pc(pe), PC0 + 4);
	assert_int_equal(el2_pe_el(pe), 2);
	el2_pe_free(&pe);
}

/* ---- BRK: AArch64.SoftwareBreakpoint ---- */
static void test_brk_at_el1_goes_to_el1_with_this_instruction_return(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL1h, EL2_HCR_RW, brk_insn(IMM), &res);
	assert_int_equal(res.exc_type, EL2_EXC_BRK);
	expect_exception(pe, &res, 1, EL2_EC_BRK64, IMM, PC0, CUR_SPX);
	el2_pe_free(&pe);
}

static void test_brk_at_el0_with_tde_goes_to_el2(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	wr(pe, EL2_SYSREG(MDCR_EL2), EL2_MDCR_TDE);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL0t, EL2_HCR_RW, brk_insn(5), &res);
	expect_exception(pe, &res, 2, EL2_EC_BRK64, 5, PC0, LOWER);
	el2_pe_free(&pe);
}

static void test_brk_at_el1_with_tde_goes_to_el2(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	wr(pe, EL2_SYSREG(MDCR_EL2), EL2_MDCR_TDE);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL1h, EL2_HCR_RW, brk_insn(5), &res);
	expect_exception(pe, &res, 2, EL2_EC_BRK64, 5, PC0, LOWER);
	el2_pe_free(&pe);
}

static void test_brk_at_el0_with_tge_goes_to_el2(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL0t, EL2_HCR_RW | EL2_HCR_TGE, brk_insn(6), &res);
	expect_exception(pe, &res, 2, EL2_EC_BRK64, 6, PC0, LOWER);
	el2_pe_free(&pe);
}

static void test_brk_at_el2_stays_at_el2(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL2h, 0, brk_insn(9), &res);
	expect_exception(pe, &res, 2, EL2_EC_BRK64, 9, PC0, CUR_SPX);
	el2_pe_free(&pe);
}

/* ---- HLT ---- */
static void test_hlt_is_undefined_without_halting_debug(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL1h, EL2_HCR_RW, hlt_insn(0), &res);
	expect_undefined(pe, &res, 1, CUR_SPX);
	el2_pe_free(&pe);
}

/* ---- ERET ---- */
static void test_eret_at_el0_is_undefined(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL0t, EL2_HCR_RW, ERET_INSN, &res);
	expect_undefined(pe, &res, 1, LOWER);
	el2_pe_free(&pe);
}

static void test_eret_at_el2_returns_to_elr_el2_with_spsr_el2(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	wr(pe, EL2_SYSREG(ELR_EL2), 0x123450);
	wr(pe, EL2_SYSREG(SPSR_EL2), EL2_PSR_MODE_EL1h | EL2_PSR_Z);
	wr(pe, EL2_SYSREG(ELR_EL1), 0x999000);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL2h, EL2_HCR_RW, ERET_INSN, &res);
	assert_int_equal(res.outcome, EL2_OUT_ERET);
	assert_int_equal(res.flags, EL2_EF_CONTEXT_SYNC | EL2_EF_SP_CHANGED);
	assert_false(res.exc.illegal_return);
	assert_int_equal(el2_pe_pc(pe), 0x123450);
	assert_int_equal(el2_pe_el(pe), 1);
	assert_true(rd(pe, EL2_REG_PSTATE) & EL2_PSR_Z);
	el2_pe_free(&pe);
}

/* ELR[]/SPSR[] are the current EL's own: with E2H=1 an ERET at EL2 still
 * uses ELR_EL2, not the EL1 register an MRS ELR_EL1 would redirect from. */
static void test_eret_at_el2_with_e2h_uses_el2_registers(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	wr(pe, EL2_SYSREG(ELR_EL2), 0x2000);
	wr(pe, EL2_SYSREG(SPSR_EL2), EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(ELR_EL1), 0x1000);
	wr(pe, EL2_SYSREG(SPSR_EL1), EL2_PSR_MODE_EL1h);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL2h, EL2_HCR_RW | EL2_HCR_E2H | EL2_HCR_TGE, ERET_INSN, &res);
	assert_int_equal(res.outcome, EL2_OUT_ERET);
	assert_int_equal(el2_pe_pc(pe), 0x2000);
	assert_int_equal(el2_pe_el(pe), 2);
	el2_pe_free(&pe);
}

static void test_eret_at_el1_uses_el1_registers(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	wr(pe, EL2_SYSREG(ELR_EL1), 0x3000);
	wr(pe, EL2_SYSREG(SPSR_EL1), EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(ELR_EL2), 0x4000);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL1h, EL2_HCR_RW, ERET_INSN, &res);
	assert_int_equal(res.outcome, EL2_OUT_ERET);
	assert_int_equal(el2_pe_pc(pe), 0x3000);
	assert_int_equal(el2_pe_el(pe), 0);
	el2_pe_free(&pe);
}

/* An illegal return (to EL2 from EL1) is still an ERET outcome, with
 * PSTATE.IL set and the EL unchanged. */
static void test_eret_to_a_higher_el_reports_illegal_return(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_cfg(true, false);
	wr(pe, EL2_SYSREG(ELR_EL1), 0x3000);
	wr(pe, EL2_SYSREG(SPSR_EL1), EL2_PSR_MODE_EL2h);
	el2_exec_result res;
	run(pe, EL2_PSR_MODE_EL1h, EL2_HCR_RW, ERET_INSN, &res);
	assert_int_equal(res.outcome, EL2_OUT_ERET);
	assert_true(res.exc.illegal_return);
	assert_int_equal(el2_pe_el(pe), 1);
	assert_true(rd(pe, EL2_REG_PSTATE) & EL2_PSR_IL);
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_svc_from_el0_goes_to_el1_with_next_instruction_return),
		cmocka_unit_test(test_svc_from_el0_with_tge_goes_to_el2),
		cmocka_unit_test(test_svc_from_el1_ignores_tge_and_stays_at_el1),
		cmocka_unit_test(test_svc_at_el2_is_taken_to_el2),
		cmocka_unit_test(test_svc_advances_software_step_state),
		cmocka_unit_test(test_hvc_from_el1_goes_to_el2_with_next_instruction_return),
		cmocka_unit_test(test_hvc_at_el2_uses_the_current_el_vector),
		cmocka_unit_test(test_hvc_at_el0_is_undefined),
		cmocka_unit_test(test_hvc_disabled_by_hcd_is_undefined_at_el1),
		cmocka_unit_test(test_hvc_disabled_by_hcd_is_undefined_at_el2),
		cmocka_unit_test(test_hvc_with_el3_ignores_hcd),
		cmocka_unit_test(test_hvc_without_el2_is_undefined),
		cmocka_unit_test(test_smc_without_el3_is_undefined_even_with_tsc),
		cmocka_unit_test(test_smc_without_el3_at_el2_is_undefined),
		cmocka_unit_test(test_smc_at_el0_is_undefined),
		cmocka_unit_test(test_smc_at_el1_with_tsc_traps_to_el2_with_this_instruction_return),
		cmocka_unit_test(test_smc_at_el1_without_tsc_reaches_el3),
		cmocka_unit_test(test_smc_at_el2_with_tsc_reaches_el3),
		cmocka_unit_test(test_brk_at_el1_goes_to_el1_with_this_instruction_return),
		cmocka_unit_test(test_brk_at_el0_with_tde_goes_to_el2),
		cmocka_unit_test(test_brk_at_el1_with_tde_goes_to_el2),
		cmocka_unit_test(test_brk_at_el0_with_tge_goes_to_el2),
		cmocka_unit_test(test_brk_at_el2_stays_at_el2),
		cmocka_unit_test(test_hlt_is_undefined_without_halting_debug),
		cmocka_unit_test(test_eret_at_el0_is_undefined),
		cmocka_unit_test(test_eret_at_el2_returns_to_elr_el2_with_spsr_el2),
		cmocka_unit_test(test_eret_at_el2_with_e2h_uses_el2_registers),
		cmocka_unit_test(test_eret_at_el1_uses_el1_registers),
		cmocka_unit_test(test_eret_to_a_higher_el_reports_illegal_return),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
