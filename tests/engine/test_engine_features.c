/* SPDX-License-Identifier: MIT */
/* FEAT_PAuth and SVE words through the engine: with FEAT_PAuth the PAC
 * instructions Unicorn refuses are performed by the model with its keys
 * (and trap with EC 0x09 under HCR_EL2.API = 0); without it the PAC hints
 * are NOPs. SVE instructions take the model's CheckSVEEnabled traps, RDVL
 * runs, and an SVE instruction nobody can execute stops the run loudly.
 * The code is written into RAM word by word (A64 encodings, DDI 0487 J.a
 * C6.2, checked with llvm-mc). */
#include "engine_test_util.h"
#include "../sysreg_test_util.h"

#define CODE (RAM_BASE + 0x1000)

#define I_PACIASP 0xd503233fu
#define I_AUTIASP 0xd50323bfu
#define I_MOV_X5_X30 0xaa1e03e5u
#define I_MOV_X6_X30 0xaa1e03e6u
#define I_MOV_X30_X7 0xaa0703feu
#define I_PACIA_X0_X1 0xdac10020u
#define I_BR_X28 0xd61f0380u
#define I_RDVL_X0_1 0x04bf5020u
#define I_PTRUE_P0_B 0x2518e3e0u
#define I_LDRAA_X0_X1 0xf8200420u

/* A PE with these features at mode (et_open_cfg without an object), the
 * words at CODE followed by `br x28` (x28 = the sentinel). */
static void open_world(et_world *w, uint32_t features, unsigned mode, const uint32_t *words,
		       size_t n)
{
	el2_config cfg = el2_config_default();
	cfg.features = features;
	et_open_cfg(w, NULL, &cfg);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(el2_mem_write(w->mem, CODE + 4 * i, &words[i], 4), EL2_OK);
	uint32_t br = I_BR_X28;
	assert_int_equal(el2_mem_write(w->mem, CODE + 4 * n, &br, 4), EL2_OK);
	wr(w->pe, EL2_REG_PSTATE, mode);
	wr(w->pe, EL2_REG_PC, CODE);
	wr(w->pe, EL2_REG_X(28), SENTINEL);
	wr(w->pe, EL2_SYSREG(VBAR_EL2), RAM_BASE + 0x8000);
	wr(w->pe, EL2_SYSREG(VBAR_EL1), RAM_BASE + 0xa000);
}

static el2_run_result run(et_world *w)
{
	el2_run_opts o = el2_run_opts_default();
	o.has_sentinel = true;
	o.sentinel = SENTINEL;
	o.budget = 1000;
	o.stop_on_exception_to = 2;
	el2_run_result r;
	assert_int_equal(el2_engine_run(w->eng, &o, &r), EL2_OK);
	return r;
}

static void set_keys(el2_pe *pe)
{
	wr(pe, EL2_SYSREG(APIAKeyLo_EL1), 0x0123456789abcdefull);
	wr(pe, EL2_SYSREG(APIAKeyHi_EL1), 0xfedcba9876543210ull);
}

static void test_paciasp_autiasp_at_el2_use_the_model_keys(void **state)
{
	(void)state;
	/* x30 is set by the code, so the model must read it from Unicorn */
	const uint32_t code[] = {I_MOV_X30_X7, I_PACIASP, I_MOV_X5_X30, I_AUTIASP, I_MOV_X6_X30};
	et_world w;
	open_world(&w, EL2_FEAT_ALL, EL2_PSR_MODE_EL2h, code, 5);
	set_keys(w.pe);
	wr(w.pe, EL2_SYSREG(SCTLR_EL2), rd(w.pe, EL2_SYSREG(SCTLR_EL2)) | EL2_SCTLR_ENIA);
	wr(w.pe, EL2_SYSREG(TCR_EL2), 16);
	wr(w.pe, EL2_REG_X(30), 0);
	wr(w.pe, EL2_REG_X(7), RAM_BASE + 0x1234);

	/* the model's answer for the same state */
	el2_pe *ref = NULL;
	el2_config cfg = el2_config_default();
	cfg.features = EL2_FEAT_ALL;
	assert_int_equal(el2_pe_new(&cfg, &ref), EL2_OK);
	set_keys(ref);
	wr(ref, EL2_SYSREG(SCTLR_EL2), rd(w.pe, EL2_SYSREG(SCTLR_EL2)));
	wr(ref, EL2_SYSREG(TCR_EL2), 16);
	wr(ref, EL2_REG_PSTATE, EL2_PSR_MODE_EL2h);
	wr(ref, EL2_SYSREG(SP_EL2), rd(w.pe, EL2_SYSREG(SP_EL2)));
	wr(ref, EL2_REG_X(30), RAM_BASE + 0x1234);
	el2_exec_result x;
	el2_exec(ref, I_PACIASP, &x);
	uint64_t want = rd(ref, EL2_REG_X(30));
	el2_pe_free(&ref);

	el2_run_result r = run(&w);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(rd(w.pe, EL2_REG_X(5)), want);
	assert_true(want != RAM_BASE + 0x1234);
	assert_int_equal(rd(w.pe, EL2_REG_X(6)), RAM_BASE + 0x1234);
	et_close(&w);
}

static void test_pacia_at_el1_traps_to_el2_with_ec_0x09_when_api_is_clear(void **state)
{
	(void)state;
	const uint32_t code[] = {I_PACIA_X0_X1};
	et_world w;
	open_world(&w, EL2_FEAT_ALL, EL2_PSR_MODE_EL1h, code, 1);
	wr(w.pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	wr(w.pe, EL2_SYSREG(SCTLR_EL1), rd(w.pe, EL2_SYSREG(SCTLR_EL1)) | EL2_SCTLR_ENIA);
	el2_run_result r = run(&w);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(rd(w.pe, EL2_SYSREG(ESR_EL2)), el2_esr(EL2_EC_PAC, true, 0));
	assert_int_equal(rd(w.pe, EL2_SYSREG(ELR_EL2)), CODE);
	et_close(&w);
}

static void test_without_pauth_paciasp_is_a_nop(void **state)
{
	(void)state;
	const uint32_t code[] = {I_PACIASP, I_MOV_X5_X30};
	et_world w;
	open_world(&w, el2_config_default().features, EL2_PSR_MODE_EL2h, code, 2);
	wr(w.pe, EL2_REG_X(30), RAM_BASE + 0x1234);
	el2_run_result r = run(&w);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(rd(w.pe, EL2_REG_X(5)), RAM_BASE + 0x1234);
	et_close(&w);
}

static void test_rdvl_runs_or_traps_as_the_model_says(void **state)
{
	(void)state;
	const uint32_t code[] = {I_RDVL_X0_1};
	et_world w;
	/* SVE enabled at EL2 (E2H = 0, TZ = 0): VL = 16 bytes */
	open_world(&w, EL2_FEAT_ALL, EL2_PSR_MODE_EL2h, code, 1);
	wr(w.pe, EL2_SYSREG(CPTR_EL2), 0x32ff);
	el2_run_result r = run(&w);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(rd(w.pe, EL2_REG_X(0)), 16);
	et_close(&w);
	/* CPTR_EL2.TZ = 1: EC 0x19 to EL2 */
	open_world(&w, EL2_FEAT_ALL, EL2_PSR_MODE_EL2h, code, 1);
	wr(w.pe, EL2_SYSREG(CPTR_EL2), 0x33ff);
	r = run(&w);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(rd(w.pe, EL2_SYSREG(ESR_EL2)), el2_esr(EL2_EC_SVE, true, 0));
	et_close(&w);
	/* no SVE: UNDEFINED */
	open_world(&w, el2_config_default().features, EL2_PSR_MODE_EL2h, code, 1);
	r = run(&w);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(rd(w.pe, EL2_SYSREG(ESR_EL2)), el2_esr(EL2_EC_UNKNOWN, true, 0));
	et_close(&w);
}

static void test_enabled_sve_data_instruction_and_ldraa_stop_the_run_loudly(void **state)
{
	(void)state;
	const uint32_t code[] = {I_PTRUE_P0_B};
	et_world w;
	open_world(&w, EL2_FEAT_ALL, EL2_PSR_MODE_EL2h, code, 1);
	wr(w.pe, EL2_SYSREG(CPTR_EL2), 0x32ff);
	el2_run_result r = run(&w);
	assert_int_equal(r.reason, EL2_STOP_ERROR);
	assert_non_null(strstr(r.message, "SVE"));
	assert_non_null(strstr(r.message, "cannot be executed by Unicorn"));
	assert_int_equal(r.pc, CODE);
	et_close(&w);
	/* LDRAA with its key enabled reaches the model, which makes no load */
	const uint32_t ld[] = {I_LDRAA_X0_X1};
	open_world(&w, EL2_FEAT_ALL, EL2_PSR_MODE_EL2h, ld, 1);
	wr(w.pe, EL2_REG_X(1), RAM_BASE + 0x100);
	r = run(&w);
	assert_int_equal(r.reason, EL2_STOP_ERROR);
	assert_non_null(strstr(r.message, "LDRAA"));
	et_close(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paciasp_autiasp_at_el2_use_the_model_keys),
		cmocka_unit_test(test_pacia_at_el1_traps_to_el2_with_ec_0x09_when_api_is_clear),
		cmocka_unit_test(test_without_pauth_paciasp_is_a_nop),
		cmocka_unit_test(test_rdvl_runs_or_traps_as_the_model_says),
		cmocka_unit_test(test_enabled_sve_data_instruction_and_ldraa_stop_the_run_loudly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
