/* SPDX-License-Identifier: MIT */
/* The model-performed AArch32 guest (lib/aarch32_guest.c, aarch32_regs.c):
 * the register mapping, CP15 accesses and their EL2 traps, SVC/HVC/UDF/
 * WFx/FP/aborts taken to AArch64 EL1/EL2, and a 32-bit guest round trip as
 * a world switch runs it. Expected values derived by hand from DDI 0487 J.a. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "pe_internal.h"

#define BASE (EL2_FEAT_VHE | EL2_FEAT_PAN | EL2_FEAT_DIT | EL2_FEAT_SSBS)
#define VBAR1 0x40000800ull
#define VBAR2 0x80001000ull
#define GUEST_PC 0x8000ull

/* An AArch32 guest entered as a world switch enters it: from EL2 by ERET
 * with HCR_EL2 = hcr, SPSR = spsr, ELR = GUEST_PC. */
static el2_pe *guest(uint32_t feats, uint64_t hcr, uint64_t spsr)
{
	el2_config cfg = el2_config_default();
	cfg.features = BASE | feats;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	SR(pe, VBAR_EL1) = VBAR1;
	SR(pe, VBAR_EL2) = VBAR2;
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(HCR_EL2), hcr), EL2_OK);
	el2_exc_outcome o;
	el2_exception_return(pe, GUEST_PC, spsr, &o);
	assert_false(o.illegal_return);
	return pe;
}

static el2_pe *el1_guest(uint64_t hcr)
{
	return guest(EL2_FEAT_AA32EL1, hcr, EL2_PSR32_AIF | EL2_M32_SVC);
}

static el2_a32_result step(el2_pe *pe, el2_a32_op op)
{
	el2_a32_result r;
	assert_int_equal(el2_a32_step(pe, &op, &r), EL2_OK);
	return r;
}

static const el2_a32_op mcr_dacr = {.kind = EL2_A32_MCR, .rt = 2, .crn = 3};

static void test_aarch32_registers_map_onto_x_as_the_arm_arm_lists(void **state)
{
	(void)state;
	static const struct { unsigned mode, n; int x; } rows[] = {
		{EL2_M32_USR, 0, 0},   {EL2_M32_USR, 12, 12}, {EL2_M32_USR, 13, 13},
		{EL2_M32_USR, 14, 14}, {EL2_M32_SYS, 13, 13}, {EL2_M32_HYP, 13, 15},
		{EL2_M32_IRQ, 14, 16}, {EL2_M32_IRQ, 13, 17}, {EL2_M32_SVC, 14, 18},
		{EL2_M32_SVC, 13, 19}, {EL2_M32_ABT, 14, 20}, {EL2_M32_ABT, 13, 21},
		{EL2_M32_UND, 14, 22}, {EL2_M32_UND, 13, 23}, {EL2_M32_FIQ, 8, 24},
		{EL2_M32_FIQ, 12, 28}, {EL2_M32_FIQ, 13, 29}, {EL2_M32_FIQ, 14, 30},
		{EL2_M32_IRQ, 8, 8},   {EL2_M32_MON, 13, -1}, {EL2_M32_USR, 15, -1},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(el2_a32_xreg(rows[i].mode, rows[i].n), rows[i].x);
}

/* The 32-bit-guest path of a world switch: ERET to AArch32 EL1, the guest
 * changes DACR, IFSR, SPSR_irq, SP_svc and traps back with HVC. */
static void test_guest_changes_aarch32_state_and_traps_back_with_hvc(void **state)
{
	(void)state;
	el2_pe *pe = el1_guest(0);
	assert_int_equal(el2_pe_el(pe), 1);
	assert_int_equal(pe->s.pc, GUEST_PC);
	const el2_a32_op ops[] = {
		{.kind = EL2_A32_SET_REG, .rt = 2, .value = 0x55555555},
		mcr_dacr,
		{.kind = EL2_A32_SET_REG, .rt = 3, .value = 0x1405},
		{.kind = EL2_A32_MCR, .rt = 3, .crn = 5, .opc2 = 1}, /* IFSR */
		{.kind = EL2_A32_SET_REG, .rt = 4, .value = 0x600001d2},
		{.kind = EL2_A32_MSR_SPSR, .rt = 4, .mode = EL2_M32_IRQ},
		{.kind = EL2_A32_SET_REG, .rt = 13, .value = 0x7ff0}, /* SP_svc */
		{.kind = EL2_A32_MSR_BANKED, .rt = 2, .mode = EL2_M32_ABT, .n = 13},
		{.kind = EL2_A32_HVC, .imm = 0x42},
		{.kind = EL2_A32_UDF}, /* never reached */
	};
	size_t done;
	el2_a32_result r;
	assert_int_equal(el2_a32_run(pe, ops, 10, &done, &r), EL2_OK);
	assert_int_equal(done, 9);
	assert_true(r.taken);
	assert_int_equal(r.type, EL2_EXC_HVC);
	assert_int_equal(r.pc, GUEST_PC + 8 * 4);
	assert_int_equal(SR(pe, DACR32_EL2), 0x55555555);
	assert_int_equal(SR(pe, IFSR32_EL2), 0x1405);
	assert_int_equal(SR(pe, SPSR_irq), 0x600001d2);
	assert_int_equal(pe->s.x[19], 0x7ff0);       /* SP_svc */
	assert_int_equal(pe->s.x[21], 0x55555555);   /* SP_abt */
	/* Back at AArch64 EL2, lower EL using AArch32. */
	assert_int_equal(el2_pe_el(pe), 2);
	assert_int_equal(pe->s.pstate & EL2_PSR_NRW, 0);
	assert_int_equal(pe->s.pc, VBAR2 + 0x600);
	assert_int_equal(SR(pe, ESR_EL2), (EL2_EC_HVC32 << 26) | EL2_ESR_IL | 0x42u);
	assert_int_equal(SR(pe, ELR_EL2), GUEST_PC + 9 * 4);
	assert_int_equal(SR(pe, SPSR_EL2), EL2_PSR32_AIF | EL2_M32_SVC);
	el2_pe_free(&pe);
}

static void test_hcr_tvm_traps_mcr_dacr_to_el2_with_ec_0x03(void **state)
{
	(void)state;
	el2_pe *pe = el1_guest(EL2_HCR_TVM);
	SR(pe, DACR32_EL2) = 0x1;
	pe->s.x[2] = 0xffffffff;
	el2_a32_result r = step(pe, mcr_dacr);
	assert_true(r.taken);
	assert_int_equal(r.type, EL2_EXC_CP15RT_TRAP);
	/* CV=1 COND=1110, Opc2 0, Opc1 0, CRn 3, Rt 2, CRm 0, write. */
	uint32_t iss = (1u << 24) | (0xeu << 20) | (3u << 10) | (2u << 5);
	assert_int_equal(SR(pe, ESR_EL2), (EL2_EC_CP15RT << 26) | EL2_ESR_IL | iss);
	assert_int_equal(SR(pe, ELR_EL2), GUEST_PC);
	assert_int_equal(SR(pe, DACR32_EL2), 0x1);
	el2_pe_free(&pe);
}

static void test_hcr_trvm_traps_mrc_with_direction_read(void **state)
{
	(void)state;
	el2_pe *pe = el1_guest(EL2_HCR_TRVM);
	el2_a32_op mrc = {.kind = EL2_A32_MRC, .rt = 5, .crn = 1}; /* SCTLR */
	el2_a32_result r = step(pe, mrc);
	assert_true(r.taken);
	assert_int_equal(SR(pe, ESR_EL2) & 0x1ffffffu, (1u << 24) | (0xeu << 20) | (1u << 10) | (5u << 5) | 1u);
	el2_pe_free(&pe);
	/* Without TRVM the read completes. */
	pe = el1_guest(0);
	r = step(pe, mrc);
	assert_false(r.taken);
	assert_int_equal(pe->s.x[5], (uint32_t)SR(pe, SCTLR_EL1));
	assert_int_equal(pe->s.pc, GUEST_PC + 4);
	el2_pe_free(&pe);
}

static void test_mcrr_ttbr0_writes_64_bits_and_traps_with_ec_0x04(void **state)
{
	(void)state;
	el2_a32_op mcrr = {.kind = EL2_A32_MCRR, .rt = 0, .rt2 = 1, .crm = 2};
	el2_pe *pe = el1_guest(0);
	pe->s.x[0] = 0x12345000;
	pe->s.x[1] = 0x00010000;
	el2_a32_result r = step(pe, mcrr);
	assert_false(r.taken);
	assert_int_equal(SR(pe, TTBR0_EL1), 0x0001000012345000ull);
	r = step(pe, (el2_a32_op){.kind = EL2_A32_MRRC, .opc1 = 1, .rt = 4, .rt2 = 5, .crm = 2});
	assert_false(r.taken);
	assert_int_equal(pe->s.x[4], (uint32_t)SR(pe, TTBR1_EL1));
	el2_pe_free(&pe);
	pe = el1_guest(EL2_HCR_TVM);
	r = step(pe, mcrr);
	assert_int_equal(r.type, EL2_EXC_CP15RRT_TRAP);
	/* CV=1 COND=1110, Opc1 0, Rt2 1, Rt 0, CRm 2, write. */
	uint32_t iss = (1u << 24) | (0xeu << 20) | (1u << 10) | (2u << 1);
	assert_int_equal(SR(pe, ESR_EL2), (EL2_EC_CP15RRT << 26) | EL2_ESR_IL | iss);
	el2_pe_free(&pe);
}

static void test_hstr_el2_traps_cp15_crn_15(void **state)
{
	(void)state;
	el2_pe *pe = el1_guest(0);
	SR(pe, HSTR_EL2) = 1u << 15;
	el2_a32_result r = step(pe, (el2_a32_op){.kind = EL2_A32_MRC, .rt = 1, .crn = 15});
	assert_true(r.taken);
	assert_int_equal(EL2_ESR_EC(SR(pe, ESR_EL2)), EL2_EC_CP15RT);
	el2_pe_free(&pe);
	/* Unmodelled CRn = 15 without the trap: UNDEFINED at AArch32 EL1, not
	 * modelled; the PE is unchanged. */
	pe = el1_guest(0);
	el2_a32_op op = {.kind = EL2_A32_MRC, .rt = 1, .crn = 15};
	el2_a32_result r2;
	assert_int_equal(el2_a32_step(pe, &op, &r2), EL2_ERR_UNSUPPORTED);
	assert_int_equal(pe->s.pc, GUEST_PC);
	assert_int_equal(el2_pe_el(pe), 1);
	el2_pe_free(&pe);
}

static void test_el0_guest_svc_udf_and_hvc_go_to_aarch64_el1(void **state)
{
	(void)state;
	/* N1-like: AArch32 EL0 under an AArch64 EL1, T32 code. */
	el2_pe *pe = guest(EL2_FEAT_AA32EL0, EL2_HCR_RW, EL2_PSR32_T | EL2_M32_USR);
	el2_a32_result r = step(pe, (el2_a32_op){.kind = EL2_A32_SVC, .imm = 7, .t16 = true});
	assert_int_equal(r.exc.target_el, 1);
	assert_int_equal(pe->s.pc, VBAR1 + 0x600);
	assert_int_equal(SR(pe, ESR_EL1), (EL2_EC_SVC32 << 26) | 7u); /* IL = 0 */
	assert_int_equal(SR(pe, ELR_EL1), GUEST_PC + 2);
	el2_pe_free(&pe);

	pe = guest(EL2_FEAT_AA32EL0, EL2_HCR_RW, EL2_M32_USR);
	r = step(pe, (el2_a32_op){.kind = EL2_A32_HVC});
	assert_int_equal(r.type, EL2_EXC_UNCATEGORIZED); /* HVC is UNDEFINED at EL0 */
	assert_int_equal(SR(pe, ESR_EL1), EL2_ESR_IL);
	assert_int_equal(SR(pe, ELR_EL1), GUEST_PC);
	el2_pe_free(&pe);

	/* EL0 with TGE = 1: UNDEFINED goes to EL2 (EL1 AArch64: offset 0x400). */
	pe = guest(EL2_FEAT_AA32EL0, EL2_HCR_RW | EL2_HCR_TGE, EL2_M32_USR);
	r = step(pe, (el2_a32_op){.kind = EL2_A32_UDF});
	assert_int_equal(r.exc.target_el, 2);
	assert_int_equal(r.exc.vect_offset, 0x400);
	el2_pe_free(&pe);
}

static void test_exceptions_to_aarch32_el1_are_refused_unchanged(void **state)
{
	(void)state;
	static const el2_a32_op ops[] = {
		{.kind = EL2_A32_SVC}, {.kind = EL2_A32_UDF},
	};
	for (size_t i = 0; i < 2; i++) {
		el2_pe *pe = el1_guest(0);
		el2_a32_result r;
		assert_int_equal(el2_a32_step(pe, &ops[i], &r), EL2_ERR_UNSUPPORTED);
		assert_int_equal(pe->s.pc, GUEST_PC);
		assert_int_equal(pe->s.pstate & EL2_PSR_M, EL2_M32_SVC);
		el2_pe_free(&pe);
	}
	/* HVC with HCR_EL2.HCD = 1 is UNDEFINED: likewise. */
	el2_pe *pe = el1_guest(EL2_HCR_HCD);
	el2_a32_result r;
	el2_a32_op hvc = {.kind = EL2_A32_HVC};
	assert_int_equal(el2_a32_step(pe, &hvc, &r), EL2_ERR_UNSUPPORTED);
	el2_pe_free(&pe);
}

static void test_wfi_traps_with_hcr_twi_and_wfe_consumes_the_event(void **state)
{
	(void)state;
	el2_pe *pe = el1_guest(EL2_HCR_TWI | EL2_HCR_TWE);
	/* The ERET set the Event Register: the first WFE completes. */
	el2_a32_result r = step(pe, (el2_a32_op){.kind = EL2_A32_WFE});
	assert_false(r.taken);
	r = step(pe, (el2_a32_op){.kind = EL2_A32_WFE});
	assert_true(r.taken);
	assert_int_equal(SR(pe, ESR_EL2), (EL2_EC_WFX << 26) | EL2_ESR_IL | (1u << 24) | (0xeu << 20) | 1u);
	assert_int_equal(SR(pe, ELR_EL2), GUEST_PC + 4);
	el2_pe_free(&pe);
	pe = el1_guest(0);
	r = step(pe, (el2_a32_op){.kind = EL2_A32_WFI});
	assert_false(r.taken); /* not trapped: a hint here */
	el2_pe_free(&pe);
}

static void test_fp_traps_to_el2_with_cptr_tfp_once_fpexc_en_is_set(void **state)
{
	(void)state;
	el2_pe *pe = el1_guest(0);
	SR(pe, CPACR_EL1) = EL2_CPACR_FPEN;
	SR(pe, CPTR_EL2) |= EL2_CPTR_TFP;
	SR(pe, FPEXC32_EL2) = EL2_BIT(30); /* EN, as KVM sets it */
	el2_a32_result r = step(pe, (el2_a32_op){.kind = EL2_A32_VFP});
	assert_true(r.taken);
	assert_int_equal(SR(pe, ESR_EL2), (EL2_EC_FP_ASIMD << 26) | EL2_ESR_IL | (1u << 24) | (0xeu << 20));
	el2_pe_free(&pe);
	/* FPEXC.EN = 0: UNDEFINED in AArch32 EL1 first (not modelled). */
	pe = el1_guest(0);
	SR(pe, CPACR_EL1) = EL2_CPACR_FPEN;
	SR(pe, CPTR_EL2) |= EL2_CPTR_TFP;
	el2_a32_op vfp = {.kind = EL2_A32_VFP};
	assert_int_equal(el2_a32_step(pe, &vfp, &r), EL2_ERR_UNSUPPORTED);
	el2_pe_free(&pe);
}

static void test_stage2_data_abort_from_aarch32_el1_goes_to_el2(void **state)
{
	(void)state;
	el2_pe *pe = el1_guest(EL2_HCR_VM);
	el2_a32_op op = {.kind = EL2_A32_ABORT,
			 .abort = {.fault = EL2_FAULT_TRANSLATION, .level = 3, .stage2 = true,
				   .write = true, .vaddress = 0x9000, .ipaddress = 0x9000,
				   .isv = true, .sas = 2, .srt = 3}};
	el2_a32_result r = step(pe, op);
	assert_int_equal(r.type, EL2_EXC_DATA_ABORT);
	assert_int_equal(EL2_ESR_EC(SR(pe, ESR_EL2)), EL2_EC_DABT_LOW);
	assert_int_equal(pe->s.pc, VBAR2 + 0x600);
	assert_int_equal(SR(pe, FAR_EL2), 0x9000);
	assert_int_equal(SR(pe, ELR_EL2), GUEST_PC);
	el2_pe_free(&pe);
}

static void test_operations_outside_aarch32_are_invalid(void **state)
{
	(void)state;
	el2_config cfg = el2_config_default();
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	el2_a32_op op = {.kind = EL2_A32_SVC};
	el2_a32_result r;
	assert_int_equal(el2_a32_step(pe, &op, &r), EL2_ERR_INVALID_ARG);
	uint32_t v;
	assert_int_equal(el2_a32_reg_read(pe, 0, &v), EL2_ERR_INVALID_ARG);
	el2_pe_free(&pe);
	pe = el1_guest(0);
	el2_a32_op bad = {.kind = EL2_A32_SET_REG, .rt = 15};
	assert_int_equal(el2_a32_step(pe, &bad, &r), EL2_ERR_INVALID_ARG);
	/* ... and A64 words are not performed in AArch32 state. */
	el2_exec_result er;
	assert_int_equal(el2_exec(pe, 0xd4000002u /* hvc #0 */, &er), EL2_OK);
	assert_int_equal(er.outcome, EL2_OUT_NOT_SYSTEM);
	assert_int_equal(pe->s.pc, GUEST_PC);
	assert_int_equal(el2_pe_el(pe), 1);
	el2_pe_free(&pe);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aarch32_registers_map_onto_x_as_the_arm_arm_lists),
		cmocka_unit_test(test_guest_changes_aarch32_state_and_traps_back_with_hvc),
		cmocka_unit_test(test_hcr_tvm_traps_mcr_dacr_to_el2_with_ec_0x03),
		cmocka_unit_test(test_hcr_trvm_traps_mrc_with_direction_read),
		cmocka_unit_test(test_mcrr_ttbr0_writes_64_bits_and_traps_with_ec_0x04),
		cmocka_unit_test(test_hstr_el2_traps_cp15_crn_15),
		cmocka_unit_test(test_el0_guest_svc_udf_and_hvc_go_to_aarch64_el1),
		cmocka_unit_test(test_exceptions_to_aarch32_el1_are_refused_unchanged),
		cmocka_unit_test(test_wfi_traps_with_hcr_twi_and_wfe_consumes_the_event),
		cmocka_unit_test(test_fp_traps_to_el2_with_cptr_tfp_once_fpexc_en_is_set),
		cmocka_unit_test(test_stage2_data_abort_from_aarch32_el1_goes_to_el2),
		cmocka_unit_test(test_operations_outside_aarch32_are_invalid),
	};
	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
