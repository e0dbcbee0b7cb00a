/* SPDX-License-Identifier: MIT */
/* AArch32 guests under the engine: AArch64 EL2 world-switch code (fixture
 * aarch32.S) ERETs to an AArch32 EL1 guest; the engine never gives A32/T32
 * to Unicorn: without a performer the run stops with a clear error, with
 * el2_a32_script_run the model performs the guest's operations and the
 * trap comes back to VBAR_EL2 + 0x600 with the AArch32 ESR/ELR/SPSR. */
#include "engine_test_util.h"

#define GUEST_PC 0x10000ull
#define CTX (RAM_BASE + 0x30000)

/* et_open with AArch32 at EL1 (the N1-like default has it at EL0 only). */
static void open_aa32(et_world *w)
{
	el2_config cfg = el2_config_default();
	cfg.features |= EL2_FEAT_AA32EL1;
	et_open_cfg(w, "aarch32", &cfg);
	el2_reg_write(w->pe, EL2_REG_PC, et_sym(w, "a32_enter_guest"));
	el2_reg_write(w->pe, EL2_REG_X(0), GUEST_PC);
	el2_reg_write(w->pe, EL2_REG_X(1), CTX);
	const uint32_t ctx[4] = {0x11111111, 0x22, 0x600001d2, 0x7000};
	assert_int_equal(el2_mem_write(w->mem, CTX, ctx, sizeof(ctx)), EL2_OK);
}

static el2_run_opts opts_for(et_world *w)
{
	el2_run_opts o = el2_run_opts_default();
	o.budget = 100000;
	o.has_sentinel = true;
	o.sentinel = SENTINEL;
	o.n_stop_addrs = 1;
	o.stop_addrs[0] = et_sym(w, "a32_unexpected");
	return o;
}

static uint64_t ctx_u64(et_world *w, uint64_t off)
{
	uint64_t v = 0;
	assert_int_equal(el2_mem_read(w->mem, CTX + off, &v, sizeof(v)), EL2_OK);
	return v;
}

static void test_eret_to_aarch32_without_performer_stops_with_a_clear_error(void **state)
{
	(void)state;
	et_world w;
	open_aa32(&w);
	el2_run_opts o = opts_for(&w);
	el2_run_result r;
	assert_int_equal(el2_engine_run(w.eng, &o, &r), EL2_OK);
	assert_int_equal(r.reason, EL2_STOP_ERROR);
	assert_int_equal(r.error, EL2_ERR_UNSUPPORTED);
	assert_non_null(strstr(r.message, "AArch32 svc mode (A32) at 0x00010000"));
	assert_non_null(strstr(r.message, "el2_engine_set_a32_guest"));
	assert_int_equal(r.pc, GUEST_PC);
	et_close(&w);
}

struct seen {
	bool took_600;
	uint32_t esr;
	el2_exc_type type;
};

static void on_event(void *ctx, const el2_event *ev)
{
	struct seen *s = ctx;
	if (ev->kind == EL2_EV_EXCEPTION && ev->from_el == 1 && ev->to_el == 2) {
		s->took_600 = (ev->vector & 0x7ff) == 0x600;
		s->esr = ev->esr;
		s->type = ev->exc_type;
	}
}

static void test_world_switch_runs_a_model_performed_aarch32_guest(void **state)
{
	(void)state;
	et_world w;
	open_aa32(&w);
	/* The guest: reads the DACR it was given, writes new DACR/IFSR,
	 * SPSR_irq and SP_svc, then HVC #0x4b. */
	const el2_a32_op ops[] = {
		{.kind = EL2_A32_MRC, .rt = 0, .crn = 3},                    /* r0 = DACR */
		{.kind = EL2_A32_SET_REG, .rt = 2, .value = 0x55555555},
		{.kind = EL2_A32_MCR, .rt = 2, .crn = 3},                    /* DACR */
		{.kind = EL2_A32_SET_REG, .rt = 3, .value = 0x1405},
		{.kind = EL2_A32_MCR, .rt = 3, .crn = 5, .opc2 = 1},         /* IFSR */
		{.kind = EL2_A32_SET_REG, .rt = 4, .value = 0x800001d2},
		{.kind = EL2_A32_MSR_SPSR, .rt = 4, .mode = EL2_M32_IRQ},
		{.kind = EL2_A32_SET_REG, .rt = 13, .value = 0x7ff0},        /* SP_svc */
		{.kind = EL2_A32_HVC, .imm = 0x4b},
	};
	el2_a32_script script = {ops, sizeof(ops) / sizeof(ops[0])};
	el2_engine_set_a32_guest(w.eng, el2_a32_script_run, &script);
	struct seen seen = {0};
	el2_engine_set_event_hook(w.eng, on_event, &seen);
	el2_run_opts o = opts_for(&w);
	el2_run_result r;
	assert_int_equal(el2_engine_run(w.eng, &o, &r), EL2_OK);
	if (r.reason != EL2_STOP_SENTINEL)
		fail_msg("stopped: %s (%s)", el2_stop_reason_name(r.reason), r.message);
	/* The exit path stored what the guest left. */
	assert_int_equal((uint32_t)ctx_u64(&w, 0), 0x55555555);
	assert_int_equal((uint32_t)ctx_u64(&w, 4), 0x1405);
	assert_int_equal((uint32_t)ctx_u64(&w, 8), 0x800001d2);
	assert_int_equal((uint32_t)ctx_u64(&w, 12), 0x7ff0);
	assert_int_equal(ctx_u64(&w, 16), (EL2_EC_HVC32 << 26) | EL2_ESR_IL | 0x4bu);
	assert_int_equal(ctx_u64(&w, 24), GUEST_PC + 9 * 4);
	assert_int_equal(ctx_u64(&w, 32), 0x1d3);
	/* The guest's first read saw the DACR entry loaded. */
	uint64_t x0;
	assert_int_equal(el2_reg_read(w.pe, EL2_REG_X(0), &x0), EL2_OK);
	assert_int_equal(x0, 0x11111111);
	/* Taken to the lower-AArch32 vector, reported as an event. */
	assert_true(seen.took_600);
	assert_int_equal(seen.type, EL2_EXC_HVC);
	assert_int_equal(EL2_ESR_EC(seen.esr), EL2_EC_HVC32);
	/* Back in AArch64 EL2 with RW = 1. */
	assert_int_equal(el2_pe_el(w.pe), 2);
	uint64_t ps, hcr;
	el2_reg_read(w.pe, EL2_REG_PSTATE, &ps);
	el2_reg_read(w.pe, EL2_SYSREG(HCR_EL2), &hcr);
	assert_int_equal(ps & EL2_PSR_NRW, 0);
	assert_int_equal(hcr & EL2_HCR_RW, EL2_HCR_RW);
	/* The guest's operations count as EL1 instructions. */
	el2_counts c;
	el2_engine_counts(w.eng, &c);
	assert_true(c.insns_el[1] == 9);
	et_close(&w);
}

static void test_a_guest_that_never_traps_stops_the_run(void **state)
{
	(void)state;
	et_world w;
	open_aa32(&w);
	const el2_a32_op ops[] = {{.kind = EL2_A32_SET_REG, .rt = 0, .value = 1}};
	el2_a32_script script = {ops, 1};
	el2_engine_set_a32_guest(w.eng, el2_a32_script_run, &script);
	el2_run_opts o = opts_for(&w);
	el2_run_result r;
	assert_int_equal(el2_engine_run(w.eng, &o, &r), EL2_OK);
	assert_int_equal(r.reason, EL2_STOP_ERROR);
	assert_int_equal(r.error, EL2_ERR_UNSUPPORTED);
	assert_non_null(strstr(r.message, "did not return to AArch64"));
	et_close(&w);
}

int main(int argc, char **argv)
{
	et_argc = argc;
	et_argv = argv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eret_to_aarch32_without_performer_stops_with_a_clear_error),
		cmocka_unit_test(test_world_switch_runs_a_model_performed_aarch32_guest),
		cmocka_unit_test(test_a_guest_that_never_traps_stops_the_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
