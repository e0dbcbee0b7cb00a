/* SPDX-License-Identifier: MIT */
/* el2_exec classification against the A64 encoding tables (DDI 0487 J.a,
 * C4.1 "Branches, Exception Generating and System instructions" and its
 * sub-tables). Expected classes were derived by hand from those tables. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "insn.h"
#include "pe_internal.h"

#define PC0 0x80001000ull

static el2_pe *new_pe_at(unsigned mode)
{
	el2_config cfg = el2_config_default();
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_REG_PSTATE, mode), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_REG_PC, PC0), EL2_OK);
	return pe;
}

static uint64_t rd(const el2_pe *pe, el2_reg r)
{
	uint64_t v = 0;
	assert_int_equal(el2_reg_read(pe, r, &v), EL2_OK);
	return v;
}

/* What the word must do at EL2 (E2H=0, no EL3). */
enum cls {
	NOT_SYS,   /* EL2_OUT_NOT_SYSTEM, nothing changed */
	UNDEF,     /* UNDEFINED: EC 0x00 exception at PC */
	HINT,      /* DONE, flags = EL2_EF_HINT, PC + 4 */
	BARRIER,   /* DONE, flags = EL2_EF_BARRIER, PC + 4 */
	CTXSYNC,   /* DONE, flags = EL2_EF_CONTEXT_SYNC, PC + 4 (ISB) */
	WFI,       /* EL2_OUT_WFI, PC + 4 */
	WFE,       /* EL2_OUT_WFE, PC + 4 */
	EXC,       /* an exception with EC .ec (SVC/HVC/BRK at EL2) */
	ERET,      /* EL2_OUT_ERET */
	SYSREG,    /* handed to the access rules: reg accessed = .reg */
	NEED_AT,   /* AT: EL2_OUT_NEED_AT */
};

struct row {
	const char *what;
	uint32_t insn;
	enum cls cls;
	unsigned ec;   /* EXC */
	el2_reg reg;   /* SYSREG */
};

static const struct row rows[] = {
	/* ---- not system instructions ---- */
	{"ADD x0, x1, x2", 0x8b020020u, NOT_SYS, 0, 0},
	{"LDR x0, [x1]", 0xf9400020u, NOT_SYS, 0, 0},
	{"STP x29, x30, [sp, #-16]!", 0xa9bf7bfdu, NOT_SYS, 0, 0},
	{"B .", 0x14000000u, NOT_SYS, 0, 0},
	{"BL .", 0x94000000u, NOT_SYS, 0, 0},
	{"B.EQ .", 0x54000000u, NOT_SYS, 0, 0},
	{"CBZ x0, .", 0xb4000000u, NOT_SYS, 0, 0},
	{"TBZ w0, #0, .", 0x36000000u, NOT_SYS, 0, 0},
	{"BR x0", 0xd61f0000u, NOT_SYS, 0, 0},
	{"BLR x1", 0xd63f0020u, NOT_SYS, 0, 0},
	{"RET", 0xd65f03c0u, NOT_SYS, 0, 0},
	{"RETAA", 0xd65f0bffu, NOT_SYS, 0, 0},
	{"BRAA x0, x1", 0xd71f0801u, NOT_SYS, 0, 0},
	{"UDF #0", 0x00000000u, NOT_SYS, 0, 0},
	{"FADD d0, d1, d2", 0x1e622820u, NOT_SYS, 0, 0},
	/* ---- exception generation ---- */
	{"SVC #0x1234 at EL2", 0xd4024681u, EXC, 0x15, 0},
	{"HVC #0 at EL2", 0xd4000002u, EXC, 0x16, 0},
	{"SMC #0 without EL3", 0xd4000003u, UNDEF, 0, 0},
	{"BRK #0x3e8", 0xd4207d00u, EXC, 0x3c, 0},
	{"HLT #0", 0xd4400000u, UNDEF, 0, 0},
	{"TCANCEL #0 (FEAT_TME)", 0xd4600000u, UNDEF, 0, 0},
	{"DCPS1", 0xd4a00001u, UNDEF, 0, 0},
	{"DCPS2", 0xd4a00002u, UNDEF, 0, 0},
	{"DCPS3", 0xd4a00003u, UNDEF, 0, 0},
	{"opc=000 LL=00", 0xd4000000u, UNDEF, 0, 0},
	{"SVC with op2=001", 0xd4000005u, UNDEF, 0, 0},
	{"opc=111", 0xd4e00000u, UNDEF, 0, 0},
	{"BRK with LL=01", 0xd4200001u, UNDEF, 0, 0},
	/* ---- unconditional branch (register), opc 0100/0101 ---- */
	{"ERET", 0xd69f03e0u, ERET, 0, 0},
	{"ERETAA (FEAT_PAuth)", 0xd69f0bffu, UNDEF, 0, 0},
	{"ERETAB (FEAT_PAuth)", 0xd69f0fffu, UNDEF, 0, 0},
	{"DRPS", 0xd6bf03e0u, UNDEF, 0, 0},
	{"opc=0100 unallocated Rn", 0xd69f0000u, UNDEF, 0, 0},
	/* ---- hints ---- */
	{"NOP", 0xd503201fu, HINT, 0, 0},
	{"YIELD", 0xd503203fu, HINT, 0, 0},
	{"WFE", 0xd503205fu, WFE, 0, 0},
	{"WFI", 0xd503207fu, WFI, 0, 0},
	{"SEV", 0xd503209fu, HINT, 0, 0},
	{"SEVL", 0xd50320bfu, HINT, 0, 0},
	{"DGH", 0xd50320dfu, HINT, 0, 0},
	{"XPACLRI", 0xd50320ffu, HINT, 0, 0},
	{"PACIA1716", 0xd503211fu, HINT, 0, 0},
	{"ESB", 0xd503221fu, HINT, 0, 0},
	{"PSB CSYNC", 0xd503223fu, HINT, 0, 0},
	{"TSB CSYNC", 0xd503225fu, HINT, 0, 0},
	{"CSDB", 0xd503229fu, HINT, 0, 0},
	{"PACIASP", 0xd503233fu, HINT, 0, 0},
	{"AUTIASP", 0xd50323bfu, HINT, 0, 0},
	{"BTI c", 0xd503245fu, HINT, 0, 0},
	{"HINT #0x7f (unallocated)", 0xd5032fffu, HINT, 0, 0},
	{"hint space with Rt != 31", 0xd5032000u, UNDEF, 0, 0},
	{"hint space with op1 = 000", 0xd500201fu, UNDEF, 0, 0},
	/* ---- barriers ---- */
	{"CLREX", 0xd5033f5fu, BARRIER, 0, 0},
	{"DSB SY", 0xd5033f9fu, BARRIER, 0, 0},
	{"DSB ISH", 0xd5033b9fu, BARRIER, 0, 0},
	{"SSBB", 0xd503309fu, BARRIER, 0, 0},
	{"PSSBB", 0xd503349fu, BARRIER, 0, 0},
	{"DMB ISH", 0xd5033bbfu, BARRIER, 0, 0},
	{"ISB", 0xd5033fdfu, CTXSYNC, 0, 0},
	{"SB (FEAT_SB)", 0xd50330ffu, UNDEF, 0, 0},
	{"DSB nXS (FEAT_XS)", 0xd503323fu, UNDEF, 0, 0},
	{"TCOMMIT (FEAT_TME)", 0xd503307fu, UNDEF, 0, 0},
	{"barrier op2 = 000", 0xd503301fu, UNDEF, 0, 0},
	{"DSB with Rt != 31", 0xd5033f80u, UNDEF, 0, 0},
	{"barrier space with op1 = 000", 0xd5003f9fu, UNDEF, 0, 0},
	/* ---- PSTATE ---- */
	{"CFINV (FEAT_FlagM)", 0xd500401fu, UNDEF, 0, 0},
	{"XAFLAG (FEAT_FlagM2)", 0xd500403fu, UNDEF, 0, 0},
	{"AXFLAG (FEAT_FlagM2)", 0xd500405fu, UNDEF, 0, 0},
	{"MSR SPSel, #1 with Rt != 31", 0xd50041a0u, UNDEF, 0, 0},
	/* ---- other op0 = 00 ---- */
	{"WFET x0 (FEAT_WFxT)", 0xd5031000u, UNDEF, 0, 0},
	{"WFIT x0 (FEAT_WFxT)", 0xd5031020u, UNDEF, 0, 0},
	{"TSTART x0 (FEAT_TME)", 0xd5233060u, UNDEF, 0, 0},
	{"TTEST x0 (FEAT_TME)", 0xd5233160u, UNDEF, 0, 0},
	{"op0=00 CRn=0000", 0xd503001fu, UNDEF, 0, 0},
	/* ---- 128-bit system forms and the rest of the 0xd5 byte ---- */
	{"MRRS x0, x1, TTBR0_EL1 (FEAT_SYSREG128)", 0xd5782000u, UNDEF, 0, 0},
	{"MSRR TTBR0_EL1, x0, x1 (FEAT_SYSREG128)", 0xd5582000u, UNDEF, 0, 0},
	{"SYSP (FEAT_SYSINSTR128)", 0xd5488000u, UNDEF, 0, 0},
	{"0xd5800000 unallocated", 0xd5800000u, UNDEF, 0, 0},
	/* ---- to the access rules ---- */
	{"MRS x0, TPIDR_EL2", 0xd53cd040u, SYSREG, 0, EL2_SYSREG(TPIDR_EL2)},
	{"MSR TPIDR_EL2, x1", 0xd51cd041u, SYSREG, 0, EL2_SYSREG(TPIDR_EL2)},
	{"MRS x2, SCTLR_EL1", 0xd5381002u, SYSREG, 0, EL2_SYSREG(SCTLR_EL1)},
	{"AT S1E1R, x0", 0xd5087800u, NEED_AT, 0, 0},
};

static void check_row(const struct row *r)
{
	el2_pe *pe = new_pe_at(EL2_PSR_MODE_EL2h);
	el2_reg_write(pe, EL2_SYSREG(VBAR_EL2), 0x40000000u);
	el2_snapshot *before = NULL;
	assert_int_equal(el2_snapshot_take(pe, &before), EL2_OK);
	el2_exec_result res;
	assert_int_equal(el2_exec(pe, r->insn, &res), EL2_OK);
	bool sys = el2_is_system_insn(r->insn);
	uint64_t pc = el2_pe_pc(pe);

	switch (r->cls) {
	case NOT_SYS: {
		assert_false(sys);
		assert_int_equal(res.outcome, EL2_OUT_NOT_SYSTEM);
		el2_snapshot *after = NULL;
		assert_int_equal(el2_snapshot_take(pe, &after), EL2_OK);
		assert_int_equal(el2_snapshot_diff(before, after, NULL, 0), 0);
		el2_snapshot_free(&after);
		break;
	}
	case UNDEF:
		assert_true(sys);
		assert_int_equal(res.outcome, EL2_OUT_EXCEPTION);
		assert_int_equal(res.exc_type, EL2_EXC_UNCATEGORIZED);
		/* AArch64.UndefinedFault: EC 0x00 to EL2 (current EL), ELR = PC */
		assert_int_equal(res.exc.target_el, 2);
		assert_int_equal(EL2_ESR_EC(res.exc.esr), EL2_EC_UNKNOWN);
		assert_int_equal(EL2_ESR_EC(rd(pe, EL2_SYSREG(ESR_EL2))), EL2_EC_UNKNOWN);
		assert_int_equal(rd(pe, EL2_SYSREG(ELR_EL2)), PC0);
		assert_int_equal(pc, 0x40000200u);
		break;
	case HINT:
	case BARRIER:
	case CTXSYNC: {
		uint32_t want = r->cls == HINT ? EL2_EF_HINT : r->cls == BARRIER ? EL2_EF_BARRIER
										   : EL2_EF_CONTEXT_SYNC;
		assert_true(sys);
		assert_int_equal(res.outcome, EL2_OUT_DONE);
		assert_int_equal(res.flags, want);
		assert_int_equal(pc, PC0 + 4);
		break;
	}
	case WFI:
	case WFE:
		assert_true(sys);
		assert_int_equal(res.outcome, r->cls == WFI ? EL2_OUT_WFI : EL2_OUT_WFE);
		assert_int_equal(pc, PC0 + 4);
		break;
	case EXC:
		assert_true(sys);
		assert_int_equal(res.outcome, EL2_OUT_EXCEPTION);
		assert_int_equal(res.exc.target_el, 2);
		assert_int_equal(EL2_ESR_EC(res.exc.esr), r->ec);
		assert_int_equal(res.exc.esr & 0xffffu, (r->insn >> 5) & 0xffffu);
		break;
	case ERET:
		assert_true(sys);
		assert_int_equal(res.outcome, EL2_OUT_ERET);
		break;
	case SYSREG:
		assert_true(sys);
		assert_int_equal(res.outcome, EL2_OUT_DONE);
		assert_int_equal(res.reg, r->reg);
		assert_int_equal(res.rt, r->insn & 31u);
		assert_int_equal(pc, PC0 + 4);
		break;
	case NEED_AT:
		assert_true(sys);
		assert_int_equal(res.outcome, EL2_OUT_NEED_AT);
		assert_int_equal(res.at_op, EL2_AT_S1E1R);
		assert_int_equal(pc, PC0 + 4);
		break;
	}
	el2_snapshot_free(&before);
	el2_pe_free(&pe);
}

/* One group per class so a failing class is named by the test. */
static void run_class(enum cls c)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (rows[i].cls != c)
			continue;
		print_message("  %s (0x%08x)\n", rows[i].what, rows[i].insn);
		check_row(&rows[i]);
	}
}

static void test_non_system_words_are_left_alone(void **s) { (void)s; run_class(NOT_SYS); }
static void test_unallocated_and_unimplemented_system_words_are_undefined(void **s) { (void)s; run_class(UNDEF); }
static void test_hints_other_than_wfx_execute_as_nop(void **s) { (void)s; run_class(HINT); }
static void test_dsb_dmb_clrex_are_barriers(void **s) { (void)s; run_class(BARRIER); }
static void test_isb_is_a_context_synchronization(void **s) { (void)s; run_class(CTXSYNC); }
static void test_untrapped_wfi_wfe_at_el2_complete(void **s) { (void)s; run_class(WFI); run_class(WFE); }
static void test_svc_hvc_brk_at_el2_take_their_exception(void **s) { (void)s; run_class(EXC); }
static void test_eret_word_is_an_exception_return(void **s) { (void)s; run_class(ERET); }
static void test_mrs_msr_go_to_the_register_access_rules(void **s) { (void)s; run_class(SYSREG); }
static void test_at_sys_word_asks_for_a_translation(void **s) { (void)s; run_class(NEED_AT); }

/* el2_is_system_insn is exactly the set of words el2_exec does not answer
 * with EL2_OUT_NOT_SYSTEM, checked over a sweep of top bytes and a
 * pseudo-random sample. */
static void test_is_system_insn_agrees_with_exec(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_at(EL2_PSR_MODE_EL2h);
	uint32_t x = 0x12345678u;
	unsigned n_sys = 0;
	for (unsigned i = 0; i < 200000; i++) {
		x = x * 1664525u + 1013904223u;
		uint32_t w = i < 512 ? ((i & 0xffu) << 24) | (x & 0x00ffffffu) : x;
		if (i >= 100000)
			w = 0xd4000000u | (x & 0x03ffffffu); /* dense around 0xd4..0xd7 */
		el2_pe_reset(pe);
		el2_exec_result res;
		assert_int_equal(el2_exec(pe, w, &res), EL2_OK);
		bool sys = el2_is_system_insn(w);
		if (sys != (res.outcome != EL2_OUT_NOT_SYSTEM))
			fail_msg("word 0x%08x: is_system %d, outcome %d", w, sys, res.outcome);
		n_sys += sys;
	}
	assert_true(n_sys > 1000);
	el2_pe_free(&pe);
}

/* The classification is fixed by the top bits alone. */
static void test_is_system_insn_covers_exactly_d4_d5_and_the_eret_class(void **s)
{
	(void)s;
	for (uint32_t top = 0; top < 0x400; top++) { /* bits [31:22] */
		uint32_t w = top << 22;
		bool want = (top >> 2) == 0xd4 || (top >> 2) == 0xd5 || top == 0x35a;
		assert_int_equal(el2_is_system_insn(w), want);
		assert_int_equal(el2_is_system_insn(w | 0x3fffffu), want);
	}
}

static void test_result_is_fully_initialised(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_at(EL2_PSR_MODE_EL2h);
	static const uint32_t words[] = {0x8b020020u, 0xd503201fu, 0xd5033f9fu};
	for (size_t i = 0; i < 3; i++) {
		el2_exec_result res;
		memset(&res, 0xa5, sizeof(res));
		assert_int_equal(el2_exec(pe, words[i], &res), EL2_OK);
		assert_int_equal(res.reg, EL2_REG_NONE);
		assert_int_equal(res.reg_encoded, EL2_REG_NONE);
		assert_false(res.is_write);
		assert_int_equal(res.value, 0);
		assert_int_equal(res.rt, 31);
		assert_int_equal(res.exc.esr, 0);
		assert_int_equal(res.exc.vector, 0);
		assert_false(res.exc.illegal_return);
		assert_int_equal(res.at_va, 0);
		assert_int_equal(res.flags, i == 0 ? 0u : i == 1 ? (uint32_t)EL2_EF_HINT
								 : (uint32_t)EL2_EF_BARRIER);
	}
	el2_pe_free(&pe);
}

static void test_null_arguments_are_rejected(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_at(EL2_PSR_MODE_EL2h);
	el2_exec_result res;
	assert_int_equal(el2_exec(NULL, 0xd503201fu, &res), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_exec(pe, 0xd503201fu, NULL), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_pe_pc(pe), PC0);
	el2_pe_free(&pe);
}

/* The Rt field of a System-class word is reported (31 = XZR). */
static void test_rt_is_reported_for_system_class_words(void **s)
{
	(void)s;
	el2_pe *pe = new_pe_at(EL2_PSR_MODE_EL2h);
	el2_exec_result res;
	assert_int_equal(el2_exec(pe, mrs_insn(EL2_SYS_ENC(3, 4, 13, 0, 2), 7), &res), EL2_OK);
	assert_int_equal(res.rt, 7);
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_non_system_words_are_left_alone),
		cmocka_unit_test(test_unallocated_and_unimplemented_system_words_are_undefined),
		cmocka_unit_test(test_hints_other_than_wfx_execute_as_nop),
		cmocka_unit_test(test_dsb_dmb_clrex_are_barriers),
		cmocka_unit_test(test_isb_is_a_context_synchronization),
		cmocka_unit_test(test_untrapped_wfi_wfe_at_el2_complete),
		cmocka_unit_test(test_svc_hvc_brk_at_el2_take_their_exception),
		cmocka_unit_test(test_eret_word_is_an_exception_return),
		cmocka_unit_test(test_mrs_msr_go_to_the_register_access_rules),
		cmocka_unit_test(test_at_sys_word_asks_for_a_translation),
		cmocka_unit_test(test_is_system_insn_agrees_with_exec),
		cmocka_unit_test(test_is_system_insn_covers_exactly_d4_d5_and_the_eret_class),
		cmocka_unit_test(test_result_is_fully_initialised),
		cmocka_unit_test(test_null_arguments_are_rejected),
		cmocka_unit_test(test_rt_is_reported_for_system_class_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
