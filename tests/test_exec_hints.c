/* SPDX-License-Identifier: MIT */
/* WFI/WFE trapping (WFI/WFE operation pseudocode calling
 * AArch64.CheckForWFxTrap, then AArch64.WFxTrap; DDI 0487 J.a), NOP-class
 * hints and barriers. Expected targets were worked out by hand from those
 * functions. */
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

#define NTWI EL2_SCTLR_NTWI
#define NTWE EL2_SCTLR_NTWE
#define BOTH_NTW (EL2_SCTLR_NTWI | EL2_SCTLR_NTWE)
#define E2H EL2_HCR_E2H
#define TGE EL2_HCR_TGE
#define TWI EL2_HCR_TWI
#define TWE EL2_HCR_TWE

struct wfx_case {
	const char *rule;
	unsigned mode;      /* PSTATE M[3:0] */
	uint64_t hcr;
	uint64_t sctlr_el1, sctlr_el2;
	bool wfe;
	unsigned target;    /* 0 = not trapped */
};

static const struct wfx_case cases[] = {
	/* EL0: the OS's SCTLR_EL1.nTWx first (to EL1) */
	{"EL0 WFI nTWI=0 -> EL1", 0x0, 0, 0, BOTH_NTW, false, 1},
	{"EL0 WFE nTWE=0 -> EL1", 0x0, 0, 0, BOTH_NTW, true, 1},
	{"EL0 WFI nTWI=1 -> no trap", 0x0, 0, BOTH_NTW, BOTH_NTW, false, 0},
	{"EL0 WFE nTWE=1 -> no trap", 0x0, 0, BOTH_NTW, BOTH_NTW, true, 0},
	{"EL0 WFI nTWI=1 nTWE=0 -> no trap", 0x0, 0, NTWI, BOTH_NTW, false, 0},
	{"EL0 WFE nTWE=1 nTWI=0 -> no trap", 0x0, 0, NTWE, BOTH_NTW, true, 0},
	/* then HCR_EL2.TWx (to EL2), EL1 trap has priority */
	{"EL0 WFI nTWI=1 TWI=1 -> EL2", 0x0, TWI, BOTH_NTW, BOTH_NTW, false, 2},
	{"EL0 WFE nTWE=1 TWE=1 -> EL2", 0x0, TWE, BOTH_NTW, BOTH_NTW, true, 2},
	{"EL0 WFI nTWI=0 TWI=1 -> EL1 first", 0x0, TWI, 0, BOTH_NTW, false, 1},
	{"EL0 WFI TWE only -> no trap", 0x0, TWE, BOTH_NTW, BOTH_NTW, false, 0},
	{"EL0 WFE TWI only -> no trap", 0x0, TWI, BOTH_NTW, BOTH_NTW, true, 0},
	/* TGE=1 E2H=0: SCTLR_EL1 still decides, the EL1 trap goes to EL2 */
	{"EL0 TGE=1 E2H=0 WFI nTWI=0 -> EL2", 0x0, TGE, 0, BOTH_NTW, false, 2},
	{"EL0 TGE=1 E2H=0 WFI nTWI=1 -> no trap", 0x0, TGE, BOTH_NTW, 0, false, 0},
	/* EL0 in host (E2H=TGE=1): SCTLR[] is SCTLR_EL2, HCR_EL2.TWx not applied */
	{"EL0 in host WFI SCTLR_EL2.nTWI=0 -> EL2", 0x0, E2H | TGE, BOTH_NTW, 0, false, 2},
	{"EL0 in host WFE SCTLR_EL2.nTWE=0 -> EL2", 0x0, E2H | TGE, BOTH_NTW, 0, true, 2},
	{"EL0 in host WFI SCTLR_EL2.nTWI=1, SCTLR_EL1.nTWI=0 -> no trap", 0x0, E2H | TGE, 0,
	 BOTH_NTW, false, 0},
	{"EL0 in host WFI TWI=1 -> no trap", 0x0, E2H | TGE | TWI, BOTH_NTW, BOTH_NTW, false, 0},
	/* E2H=1 TGE=0: EL0 is not in host */
	{"EL0 E2H=1 TGE=0 WFI TWI=1 -> EL2", 0x0, E2H | TWI, BOTH_NTW, 0, false, 2},
	{"EL0 E2H=1 TGE=0 WFI SCTLR_EL1.nTWI=0 -> EL1", 0x0, E2H, 0, BOTH_NTW, false, 1},
	/* EL1: only HCR_EL2.TWx */
	{"EL1 WFI TWI=1 -> EL2", 0x5, TWI, BOTH_NTW, BOTH_NTW, false, 2},
	{"EL1 WFE TWE=1 -> EL2", 0x5, TWE, BOTH_NTW, BOTH_NTW, true, 2},
	{"EL1 WFI TWI=0 -> no trap", 0x5, 0, BOTH_NTW, BOTH_NTW, false, 0},
	{"EL1 WFI nTWI=0 does not trap EL1", 0x5, 0, 0, 0, false, 0},
	{"EL1 WFE nTWE=0 does not trap EL1", 0x5, 0, 0, 0, true, 0},
	{"EL1 E2H=1 WFI TWI=1 -> EL2", 0x5, E2H | TWI, 0, 0, false, 2},
	/* EL2: never trapped without EL3 */
	{"EL2 WFI TWI=1 -> no trap", 0x9, TWI, 0, 0, false, 0},
	{"EL2 WFE TWE=1 -> no trap", 0x9, TWE, 0, 0, true, 0},
	{"EL2 E2H=1 WFI SCTLR_EL2.nTWI=0 -> no trap", 0x9, E2H | TGE | TWI, 0, 0, false, 0},
};

static void run_wfx_case(const struct wfx_case *c)
{
	print_message("  %s\n", c->rule);
	el2_pe *pe = new_pe();
	wr(pe, EL2_SYSREG(HCR_EL2), c->hcr | EL2_HCR_RW);
	wr(pe, EL2_SYSREG(SCTLR_EL1), c->sctlr_el1);
	wr(pe, EL2_SYSREG(SCTLR_EL2), c->sctlr_el2);
	wr(pe, EL2_SYSREG(VBAR_EL1), 0x10000);
	wr(pe, EL2_SYSREG(VBAR_EL2), 0x20000);
	wr(pe, EL2_REG_PSTATE, c->mode);
	wr(pe, EL2_REG_PC, PC0);
	el2_exec_result res;
	assert_int_equal(el2_exec(pe, c->wfe ? WFE_WORD : WFI_WORD, &res), EL2_OK);
	if (!c->target) {
		assert_int_equal(res.outcome, c->wfe ? EL2_OUT_WFE : EL2_OUT_WFI);
		assert_int_equal(el2_pe_pc(pe), PC0 + 4);
		assert_int_equal(el2_pe_el(pe), (c->mode >> 2) & 3u);
	} else {
		/* AArch64.WFxTrap: EC 0x01, IL=1, ISS.TI = 0 WFI / 1 WFE,
		 * preferred return = this instruction. */
		assert_int_equal(res.outcome, EL2_OUT_EXCEPTION);
		assert_int_equal(res.exc_type, EL2_EXC_WFX_TRAP);
		assert_int_equal(res.exc.target_el, c->target);
		assert_int_equal(el2_pe_el(pe), c->target);
		el2_reg esr = c->target == 1 ? EL2_SYSREG(ESR_EL1) : EL2_SYSREG(ESR_EL2);
		el2_reg elr = c->target == 1 ? EL2_SYSREG(ELR_EL1) : EL2_SYSREG(ELR_EL2);
		uint64_t e = rd(pe, esr);
		assert_int_equal(EL2_ESR_EC(e), EL2_EC_WFX);
		assert_true(e & EL2_ESR_IL);
		assert_int_equal(e & 3u, c->wfe ? 1u : 0u);
		assert_int_equal(res.exc.esr, (uint32_t)e);
		assert_int_equal(rd(pe, elr), PC0);
	}
	el2_pe_free(&pe);
}

static void test_wfx_trap_matrix_follows_check_for_wfx_trap(void **s)
{
	(void)s;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_wfx_case(&cases[i]);
}

/* With EL3 present SCR_EL3.TWI/TWE are fixed 0: nothing new traps. */
static void test_wfi_at_el2_with_el3_is_not_trapped(void **s)
{
	(void)s;
	el2_config cfg = el2_config_default();
	cfg.have_el3 = true;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	wr(pe, EL2_REG_PC, PC0);
	el2_exec_result res;
	assert_int_equal(el2_exec(pe, WFI_WORD, &res), EL2_OK);
	assert_int_equal(res.outcome, EL2_OUT_WFI);
	assert_int_equal(el2_pe_pc(pe), PC0 + 4);
	el2_pe_free(&pe);
}

/* Without EL2, HCR_EL2 does not act: only SCTLR_EL1.nTWx at EL0. */
static void test_wfi_without_el2_ignores_hcr(void **s)
{
	(void)s;
	el2_config cfg = el2_config_default();
	cfg.have_el2 = false;
	cfg.features &= ~(uint32_t)EL2_FEAT_VHE;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	wr(pe, EL2_SYSREG(HCR_EL2), TWI | TWE);
	wr(pe, EL2_SYSREG(SCTLR_EL1), BOTH_NTW);
	wr(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_REG_PC, PC0);
	el2_exec_result res;
	assert_int_equal(el2_exec(pe, WFI_WORD, &res), EL2_OK);
	assert_int_equal(res.outcome, EL2_OUT_WFI);
	wr(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL0t);
	assert_int_equal(el2_exec(pe, WFE_WORD, &res), EL2_OK);
	assert_int_equal(res.outcome, EL2_OUT_WFE);
	el2_pe_free(&pe);
}

static void exec_at(el2_pe *pe, unsigned mode, uint32_t w, el2_exec_result *res)
{
	wr(pe, EL2_REG_PSTATE, mode);
	wr(pe, EL2_REG_PC, PC0);
	assert_int_equal(el2_exec(pe, w, res), EL2_OK);
}

/* Every hint but WFI/WFE (features absent or effects not modelled)
 * executes as NOP at every EL, whatever the trap controls say. */
static void test_nop_class_hints_only_advance_the_pc(void **s)
{
	(void)s;
	static const unsigned hints[] = {0, 1, 4, 5, 6, 7, 8, 10, 12, 14, 16, 17, 18, 20,
					 24, 25, 26, 27, 28, 30, 32, 34, 36, 38, 40, 64, 127};
	static const unsigned modes[] = {EL2_PSR_MODE_EL0t, EL2_PSR_MODE_EL1h, EL2_PSR_MODE_EL2h};
	el2_pe *pe = new_pe();
	wr(pe, EL2_SYSREG(HCR_EL2), TWI | TWE | EL2_HCR_RW);
	wr(pe, EL2_SYSREG(SCTLR_EL1), 0);
	for (size_t m = 0; m < 3; m++) {
		for (size_t i = 0; i < sizeof(hints) / sizeof(hints[0]); i++) {
			el2_exec_result res;
			exec_at(pe, modes[m], hint_insn(hints[i]), &res);
			assert_int_equal(res.outcome, EL2_OUT_DONE);
			assert_int_equal(res.flags, EL2_EF_HINT);
			assert_int_equal(el2_pe_pc(pe), PC0 + 4);
			assert_int_equal(el2_pe_el(pe), (modes[m] >> 2) & 3u);
		}
	}
	el2_pe_free(&pe);
}

static void test_barriers_report_their_flag_at_every_el(void **s)
{
	(void)s;
	static const struct {
		unsigned crm, op2;
		uint32_t flag;
	} b[] = {
		{15, 2, EL2_EF_BARRIER},      /* CLREX */
		{15, 4, EL2_EF_BARRIER},      /* DSB SY */
		{11, 4, EL2_EF_BARRIER},      /* DSB ISH */
		{0, 4, EL2_EF_BARRIER},       /* SSBB */
		{4, 4, EL2_EF_BARRIER},       /* PSSBB */
		{15, 5, EL2_EF_BARRIER},      /* DMB SY */
		{9, 5, EL2_EF_BARRIER},       /* DMB ISHLD */
		{15, 6, EL2_EF_CONTEXT_SYNC}, /* ISB */
		{0, 6, EL2_EF_CONTEXT_SYNC},  /* ISB #0 (reserved option = SY) */
	};
	static const unsigned modes[] = {EL2_PSR_MODE_EL0t, EL2_PSR_MODE_EL1h, EL2_PSR_MODE_EL2h};
	el2_pe *pe = new_pe();
	for (size_t m = 0; m < 3; m++) {
		for (size_t i = 0; i < sizeof(b) / sizeof(b[0]); i++) {
			el2_exec_result res;
			exec_at(pe, modes[m], barrier_insn(b[i].crm, b[i].op2), &res);
			assert_int_equal(res.outcome, EL2_OUT_DONE);
			assert_int_equal(res.flags, b[i].flag);
			assert_int_equal(el2_pe_pc(pe), PC0 + 4);
		}
	}
	el2_pe_free(&pe);
}

/* SB needs FEAT_SB, which the model does not implement. */
static void test_sb_is_undefined_at_el1(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	wr(pe, EL2_SYSREG(VBAR_EL1), 0x10000);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	el2_exec_result res;
	exec_at(pe, EL2_PSR_MODE_EL1h, barrier_insn(0, 7), &res);
	assert_int_equal(res.outcome, EL2_OUT_EXCEPTION);
	assert_int_equal(res.exc.target_el, 1);
	assert_int_equal(EL2_ESR_EC(rd(pe, EL2_SYSREG(ESR_EL1))), EL2_EC_UNKNOWN);
	assert_int_equal(rd(pe, EL2_SYSREG(ELR_EL1)), PC0);
	assert_int_equal(el2_pe_pc(pe), 0x10200);
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wfx_trap_matrix_follows_check_for_wfx_trap),
		cmocka_unit_test(test_wfi_at_el2_with_el3_is_not_trapped),
		cmocka_unit_test(test_wfi_without_el2_ignores_hcr),
		cmocka_unit_test(test_nop_class_hints_only_advance_the_pc),
		cmocka_unit_test(test_barriers_report_their_flag_at_every_el),
		cmocka_unit_test(test_sb_is_undefined_at_el1),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
