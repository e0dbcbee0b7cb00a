/* SPDX-License-Identifier: MIT */
/* The Event Register and the WFI wake-up condition (lib/event.c), with the
 * WFE/WFI operation pseudocode (aarch64/instrs/system/hints/wfe_wfi, DDI
 * 0487 J.a): WFE consumes a set Event Register before any trap check; WFI
 * with an interrupt pending (masked or not) completes without a trap
 * check. AArch64.ExceptionReturn, SEV and SEVL set the register. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "insn.h"

#define PC0 0x4000ull
#define WFI_WORD 0xd503207fu
#define WFE_WORD 0xd503205fu
#define SEV_WORD 0xd503209fu
#define SEVL_WORD 0xd50320bfu

static el2_pe *new_pe(void)
{
	el2_config cfg = el2_config_default();
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
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

static void exec_ok(el2_pe *pe, uint32_t w, el2_exec_result *res)
{
	assert_int_equal(el2_exec(pe, w, res), EL2_OK);
}

/* A PE at EL1h (or mode) under a hypervisor with HCR_EL2 = RW | hcr. */
static el2_pe *pe_at(unsigned mode, uint64_t hcr)
{
	el2_pe *pe = new_pe();
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | hcr);
	wr(pe, EL2_SYSREG(VBAR_EL1), 0x10000);
	wr(pe, EL2_SYSREG(VBAR_EL2), 0x20000);
	wr(pe, EL2_REG_PSTATE, mode);
	wr(pe, EL2_REG_PC, PC0);
	return pe;
}

static void assert_completes(el2_pe *pe, uint32_t w)
{
	uint64_t pc = el2_pe_pc(pe);
	unsigned el = el2_pe_el(pe);
	el2_exec_result res;
	exec_ok(pe, w, &res);
	assert_int_equal(res.outcome, EL2_OUT_DONE);
	assert_int_equal(el2_pe_pc(pe), pc + 4);
	assert_int_equal(el2_pe_el(pe), el);
}

/* AArch64.WFxTrap to EL2: EC 0x01, IL, CV = 1, COND = 0b1110, TI. */
static void assert_traps_to_el2(el2_pe *pe, uint32_t w, unsigned ti)
{
	uint64_t pc = el2_pe_pc(pe);
	el2_exec_result res;
	exec_ok(pe, w, &res);
	assert_int_equal(res.outcome, EL2_OUT_EXCEPTION);
	assert_int_equal(res.exc.target_el, 2);
	assert_int_equal(rd(pe, EL2_SYSREG(ESR_EL2)), (0x01u << 26) | (1u << 25) | 0x1E00000u | ti);
	assert_int_equal(rd(pe, EL2_SYSREG(ELR_EL2)), pc);
}

/* The reported case: at EL2, ERET to EL1t with HCR_EL2 = RW | TWE, then
 * WFE: AArch64.ExceptionReturn called SendEventLocal, so the first WFE
 * clears the Event Register and completes; the second one traps. */
static void test_eret_sets_event_so_wfe_with_twe_completes_once(void **s)
{
	(void)s;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL2h, EL2_HCR_TWE);
	wr(pe, EL2_SYSREG(SPSR_EL2), EL2_PSR_MODE_EL1t);
	wr(pe, EL2_SYSREG(ELR_EL2), 0x8000);
	assert_false(el2_pe_event_register(pe));
	el2_exec_result res;
	exec_ok(pe, ERET_INSN, &res);
	assert_int_equal(res.outcome, EL2_OUT_ERET);
	assert_int_equal(el2_pe_el(pe), 1);
	assert_true(el2_pe_event_register(pe));
	assert_completes(pe, WFE_WORD);
	assert_false(el2_pe_event_register(pe));
	assert_traps_to_el2(pe, WFE_WORD, 1);
	el2_pe_free(&pe);
}

/* An illegal exception return is still an exception return. */
static void test_illegal_eret_sets_event_too(void **s)
{
	(void)s;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL1h, 0);
	wr(pe, EL2_SYSREG(SPSR_EL1), EL2_PSR_MODE_EL2h); /* higher EL: illegal */
	el2_exec_result res;
	exec_ok(pe, ERET_INSN, &res);
	assert_true(res.exc.illegal_return);
	assert_true(el2_pe_event_register(pe));
	el2_pe_free(&pe);
}

/* The spin-lock prologue "sevl; wfe" at EL1 with HCR_EL2.TWE = 1. */
static void test_sevl_then_wfe_at_el1_with_twe_completes(void **s)
{
	(void)s;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL1h, EL2_HCR_TWE);
	assert_completes(pe, SEVL_WORD);
	assert_true(el2_pe_event_register(pe));
	assert_completes(pe, WFE_WORD);
	assert_traps_to_el2(pe, WFE_WORD, 1);
	el2_pe_free(&pe);
}

/* SEV (SendEvent) reaches this PE too; at EL0 the set Event Register
 * wins over SCTLR_EL1.nTWE = 0. */
static void test_sev_then_wfe_at_el0_with_ntwe_zero_completes(void **s)
{
	(void)s;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL0t, 0);
	wr(pe, EL2_SYSREG(SCTLR_EL1), 0);
	assert_completes(pe, SEV_WORD);
	assert_completes(pe, WFE_WORD);
	el2_exec_result res;
	exec_ok(pe, WFE_WORD, &res);
	assert_int_equal(res.outcome, EL2_OUT_EXCEPTION);
	assert_int_equal(res.exc.target_el, 1);
	el2_pe_free(&pe);
}

/* Untrapped WFE without an event: the engine waits (EL2_OUT_WFE). */
static void test_wfe_without_event_and_trap_waits(void **s)
{
	(void)s;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL1h, 0);
	el2_exec_result res;
	exec_ok(pe, WFE_WORD, &res);
	assert_int_equal(res.outcome, EL2_OUT_WFE);
	el2_pe_set_event_register(pe, true);
	assert_completes(pe, WFE_WORD);
	el2_pe_free(&pe);
}

/* WFI: "if !InterruptPending() then CheckForWFxTrap ...". An IRQ line
 * asserted while PSTATE.I masks it still counts as pending. */
static void test_wfi_with_masked_irq_pending_completes_without_twi_trap(void **s)
{
	(void)s;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL1h | EL2_PSR_DAIF, EL2_HCR_TWI);
	el2_set_line(pe, EL2_LINE_IRQ, true);
	assert_completes(pe, WFI_WORD);
	assert_false(el2_pe_event_register(pe)); /* WFI does not touch it */
	el2_pe_free(&pe);
}

static void test_wfi_with_nothing_pending_traps_under_twi(void **s)
{
	(void)s;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL1h | EL2_PSR_DAIF, EL2_HCR_TWI);
	el2_pe_set_event_register(pe, true); /* the Event Register is WFE's only */
	assert_traps_to_el2(pe, WFI_WORD, 0);
	el2_pe_free(&pe);
}

/* A virtual IRQ is pending at EL1 when HCR_EL2.VI and IMO are 1 (TGE 0);
 * VI without IMO is not an interrupt. */
static void test_wfi_with_virtual_irq_pending_completes(void **s)
{
	(void)s;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL1h | EL2_PSR_DAIF,
			   EL2_HCR_TWI | EL2_HCR_VI | EL2_HCR_IMO);
	assert_completes(pe, WFI_WORD);
	el2_pe_free(&pe);

	pe = pe_at(EL2_PSR_MODE_EL1h | EL2_PSR_DAIF, EL2_HCR_TWI | EL2_HCR_VI);
	assert_traps_to_el2(pe, WFI_WORD, 0);
	el2_pe_free(&pe);
}

/* At EL0 an asserted SError line also wakes WFI before SCTLR_EL1.nTWI. */
static void test_wfi_at_el0_with_serror_pending_completes(void **s)
{
	(void)s;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL0t, 0);
	wr(pe, EL2_SYSREG(SCTLR_EL1), 0);
	el2_set_line(pe, EL2_LINE_SERROR, true);
	assert_completes(pe, WFI_WORD);
	el2_pe_free(&pe);
}

/* Reset clears the Event Register; snapshots copy and restore it. */
static void test_event_register_reset_and_snapshot(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	el2_pe_set_event_register(pe, true);
	el2_snapshot *snap = NULL;
	assert_int_equal(el2_snapshot_take(pe, &snap), EL2_OK);
	el2_pe_reset(pe);
	assert_false(el2_pe_event_register(pe));
	assert_int_equal(el2_snapshot_restore(pe, snap), EL2_OK);
	assert_true(el2_pe_event_register(pe));
	el2_snapshot_free(&snap);
	assert_false(el2_pe_event_register(NULL));
	el2_pe_set_event_register(NULL, true); /* no-op */
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eret_sets_event_so_wfe_with_twe_completes_once),
		cmocka_unit_test(test_illegal_eret_sets_event_too),
		cmocka_unit_test(test_sevl_then_wfe_at_el1_with_twe_completes),
		cmocka_unit_test(test_sev_then_wfe_at_el0_with_ntwe_zero_completes),
		cmocka_unit_test(test_wfe_without_event_and_trap_waits),
		cmocka_unit_test(test_wfi_with_masked_irq_pending_completes_without_twi_trap),
		cmocka_unit_test(test_wfi_with_nothing_pending_traps_under_twi),
		cmocka_unit_test(test_wfi_with_virtual_irq_pending_completes),
		cmocka_unit_test(test_wfi_at_el0_with_serror_pending_completes),
		cmocka_unit_test(test_event_register_reset_and_snapshot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
