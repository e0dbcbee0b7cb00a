/* SPDX-License-Identifier: MIT */
/* AArch64.Abort / DataAbort / InstructionAbort, AArch64.FaultSyndrome,
 * IPAValid: routing, ISS bits and HPFAR_EL2. Expected values by hand from
 * DDI 0487 J.a. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "pe_internal.h"

static el2_pe *make_pe(unsigned el, uint64_t hcr)
{
	el2_config cfg = el2_config_default();
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	pe->s.pstate = ((uint64_t)el << EL2_PSR_EL_SHIFT) | (el ? EL2_PSR_SP : 0);
	SR(pe, HCR_EL2) = hcr;
	SR(pe, VBAR_EL1) = 0x10000;
	SR(pe, VBAR_EL2) = 0x20000;
	pe->s.pc = 0x7000;
	return pe;
}

struct route_row {
	unsigned el;
	uint64_t hcr;
	bool instruction, stage2;
	unsigned target, ec;
};

static const struct route_row route_rows[] = {
	{0, 0, false, false, 1, 0x24},
	{1, 0, false, false, 1, 0x25},
	{0, 0, true, false, 1, 0x20},
	{1, 0, true, false, 1, 0x21},
	{0, 0, false, true, 2, 0x24},
	{1, 0, false, true, 2, 0x24},
	{1, 0, true, true, 2, 0x20},
	{0, EL2_HCR_TGE, false, false, 2, 0x24},
	{0, EL2_HCR_TGE | EL2_HCR_E2H, true, false, 2, 0x20},
	{2, 0, false, false, 2, 0x25},
	{2, EL2_HCR_E2H | EL2_HCR_TGE, true, false, 2, 0x21},
};

static void test_abort_routing_matrix(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(route_rows) / sizeof(route_rows[0]); i++) {
		const struct route_row *r = &route_rows[i];
		el2_pe *pe = make_pe(r->el, r->hcr);
		el2_abort a = {.instruction = r->instruction, .fault = EL2_FAULT_TRANSLATION,
			       .level = 3, .stage2 = r->stage2, .vaddress = 0x1000};
		el2_exc_outcome o;
		assert_int_equal(el2_take_abort(pe, &a, &o), EL2_OK);
		if (o.target_el != r->target || EL2_ESR_EC(o.esr) != r->ec)
			fail_msg("row %zu: target %u ec 0x%x", i, o.target_el, EL2_ESR_EC(o.esr));
		uint64_t elr = r->target == 2 ? SR(pe, ELR_EL2) : SR(pe, ELR_EL1);
		uint64_t far = r->target == 2 ? SR(pe, FAR_EL2) : SR(pe, FAR_EL1);
		assert_int_equal(elr, 0x7000);
		assert_int_equal(far, 0x1000);
		el2_pe_free(&pe);
	}
}

static void test_stage2_data_abort_reports_instruction_syndrome(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(1, EL2_HCR_VM);
	el2_abort a = {.fault = EL2_FAULT_TRANSLATION, .level = 2, .stage2 = true, .write = true,
		       .vaddress = 0x4000, .ipaddress = 0x80004000, .isv = true, .sas = 3,
		       .sse = false, .srt = 3, .sf = true, .ar = true};
	el2_exc_outcome o;
	assert_int_equal(el2_take_abort(pe, &a, &o), EL2_OK);
	/* ISV 1<<24 | SAS 3<<22 | SRT 3<<16 | SF 1<<15 | AR 1<<14 | WnR 1<<6 | DFSC 0b000110 */
	uint32_t iss = (1u << 24) | (3u << 22) | (3u << 16) | (1u << 15) | (1u << 14) | (1u << 6) | 0x06u;
	assert_int_equal(SR(pe, ESR_EL2), (0x24u << 26) | (1u << 25) | iss);
	assert_int_equal(SR(pe, HPFAR_EL2), 0x80004ull << 4);
	el2_pe_free(&pe);
}

static void test_stage1_data_abort_has_no_instruction_syndrome(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(1, 0);
	el2_abort a = {.fault = EL2_FAULT_PERMISSION, .level = 3, .write = false, .isv = true,
		       .sas = 2, .srt = 5};
	el2_exc_outcome o;
	assert_int_equal(el2_take_abort(pe, &a, &o), EL2_OK);
	assert_int_equal(SR(pe, ESR_EL1), (0x25u << 26) | (1u << 25) | 0x0fu);
	el2_pe_free(&pe);
}

static void test_s1ptw_fault_sets_s1ptw_no_isv_and_valid_ipa(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(1, EL2_HCR_VM);
	el2_abort a = {.fault = EL2_FAULT_PERMISSION, .level = 1, .stage2 = true, .s1ptw = true,
		       .isv = true, .srt = 7, .vaddress = 0x5000, .ipaddress = 0x123456789000ull};
	el2_exc_outcome o;
	assert_int_equal(el2_take_abort(pe, &a, &o), EL2_OK);
	/* S1PTW 1<<7 | WnR 0 | DFSC 0b001101 */
	assert_int_equal(SR(pe, ESR_EL2), (0x24u << 26) | (1u << 25) | (1u << 7) | 0x0du);
	assert_int_equal(SR(pe, HPFAR_EL2), 0x123456789ull << 4);
	el2_pe_free(&pe);
}

static uint64_t tag_hook(void *ctx, el2_reg reg, uint64_t old)
{
	(void)ctx;
	(void)old;
	return reg == EL2_SYSREG(HPFAR_EL2) ? 0x0000badbadbadba0ull : old;
}

static void test_stage2_permission_fault_leaves_hpfar_unknown(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(1, EL2_HCR_VM);
	el2_pe_set_unknown_hook(pe, tag_hook, NULL);
	SR(pe, HPFAR_EL2) = 0x1230;
	el2_abort a = {.fault = EL2_FAULT_PERMISSION, .level = 3, .stage2 = true, .write = true,
		       .vaddress = 0x6000, .ipaddress = 0x80006000};
	el2_exc_outcome o;
	assert_int_equal(el2_take_abort(pe, &a, &o), EL2_OK);
	assert_int_equal(o.target_el, 2);
	/* FIPA [43:4] from the hook: 0x0000badbadbadba0 & (0xffffffffff << 4) */
	assert_int_equal(SR(pe, HPFAR_EL2), 0x0000badbadbadba0ull & (0xffffffffffull << 4));
	assert_int_equal(SR(pe, FAR_EL2), 0x6000);
	el2_pe_free(&pe);
}

struct ipa_row {
	el2_fault fault;
	int level;
	bool s1ptw;
	bool valid;
};

static const struct ipa_row ipa_rows[] = {
	{EL2_FAULT_TRANSLATION, 1, false, true},
	{EL2_FAULT_ACCESS_FLAG, 2, false, true},
	{EL2_FAULT_ADDRESS_SIZE, 0, false, true},
	{EL2_FAULT_PERMISSION, 3, false, false},
	{EL2_FAULT_SYNC_EXTERNAL, 0, false, false},
	{EL2_FAULT_TRANSLATION, 1, true, true},
	{EL2_FAULT_ACCESS_FLAG, 1, true, true},
	{EL2_FAULT_PERMISSION, 2, true, true},
	{EL2_FAULT_ADDRESS_SIZE, 2, true, true},
	{EL2_FAULT_SYNC_EXTERNAL, 0, true, false},
};

static uint64_t zero_hook(void *ctx, el2_reg reg, uint64_t old)
{
	(void)ctx;
	(void)reg;
	(void)old;
	return 0;
}

static void test_hpfar_valid_only_per_ipavalid(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(ipa_rows) / sizeof(ipa_rows[0]); i++) {
		const struct ipa_row *r = &ipa_rows[i];
		el2_pe *pe = make_pe(1, EL2_HCR_VM);
		el2_pe_set_unknown_hook(pe, zero_hook, NULL);
		el2_abort a = {.fault = r->fault, .level = r->level, .stage2 = true, .s1ptw = r->s1ptw,
			       .ipaddress = 0xabcde000};
		assert_int_equal(el2_take_abort(pe, &a, NULL), EL2_OK);
		uint64_t want = r->valid ? (0xabcdeull << 4) : 0;
		if (SR(pe, HPFAR_EL2) != want)
			fail_msg("row %zu: HPFAR 0x%llx", i, (unsigned long long)SR(pe, HPFAR_EL2));
		el2_pe_free(&pe);
	}
}

static void test_cache_maintenance_abort_sets_cm_and_wnr(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(1, 0);
	el2_abort a = {.fault = EL2_FAULT_TRANSLATION, .level = 0, .cache_maint = true,
		       .write = false};
	assert_int_equal(el2_take_abort(pe, &a, NULL), EL2_OK);
	assert_int_equal(SR(pe, ESR_EL1) & EL2_ESR_ISS_MASK, (1u << 8) | (1u << 6) | 0x04u);
	el2_pe_free(&pe);
}

static void test_alignment_fault_dfsc_is_0x21(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(0, 0);
	el2_abort a = {.fault = EL2_FAULT_ALIGNMENT, .write = true, .vaddress = 0x1001};
	assert_int_equal(el2_take_abort(pe, &a, NULL), EL2_OK);
	assert_int_equal(SR(pe, ESR_EL1), (0x24u << 26) | (1u << 25) | (1u << 6) | 0x21u);
	el2_pe_free(&pe);
}

static void test_instruction_abort_has_no_wnr_or_cm(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(0, 0);
	el2_abort a = {.instruction = true, .fault = EL2_FAULT_ACCESS_FLAG, .level = 3,
		       .write = true, .cache_maint = true};
	assert_int_equal(el2_take_abort(pe, &a, NULL), EL2_OK);
	assert_int_equal(SR(pe, ESR_EL1), (0x20u << 26) | (1u << 25) | 0x0bu);
	el2_pe_free(&pe);
}

static void test_bad_abort_records_are_rejected(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(1, 0);
	el2_abort a = {.fault = EL2_FAULT_PERMISSION, .level = 0};
	assert_int_equal(el2_take_abort(pe, &a, NULL), EL2_ERR_INVALID_ARG);
	a = (el2_abort){.fault = EL2_FAULT_TRANSLATION, .level = 4};
	assert_int_equal(el2_take_abort(pe, &a, NULL), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_take_abort(pe, NULL, NULL), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_take_abort(NULL, &a, NULL), EL2_ERR_INVALID_ARG);
	assert_int_equal(pe->s.pc, 0x7000);
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abort_routing_matrix),
		cmocka_unit_test(test_stage2_data_abort_reports_instruction_syndrome),
		cmocka_unit_test(test_stage1_data_abort_has_no_instruction_syndrome),
		cmocka_unit_test(test_s1ptw_fault_sets_s1ptw_no_isv_and_valid_ipa),
		cmocka_unit_test(test_stage2_permission_fault_leaves_hpfar_unknown),
		cmocka_unit_test(test_hpfar_valid_only_per_ipavalid),
		cmocka_unit_test(test_cache_maintenance_abort_sets_cm_and_wnr),
		cmocka_unit_test(test_alignment_fault_dfsc_is_0x21),
		cmocka_unit_test(test_instruction_abort_has_no_wnr_or_cm),
		cmocka_unit_test(test_bad_abort_records_are_rejected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
