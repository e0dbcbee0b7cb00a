/* SPDX-License-Identifier: MIT */
/* Memory faults under the engine: guest accesses to an IPA the flat
 * stage 2 does not map exit to EL2 (EC 0x24/0x20 with the syndrome of
 * "ISS encoding for an exception from a Data/Instruction Abort", FAR_EL2,
 * HPFAR_EL2 = IPA[47:12] << 4); a hypervisor access to unmapped memory
 * stops the run with an error naming the code and the address. Expected
 * syndromes were assembled by hand from the ESR_EL2 field layout. */
#include "engine_test_util.h"

#define IPA 0x60000000ull
#define ESR_IL (1u << 25)
#define ISV (1u << 24)
#define DFSC_TRANS_L3 0x07u

static el2_run_result run_guest(et_world *w, const char *entry)
{
	el2_reg_write(w->pe, EL2_SYSREG(HCR_EL2), EL2_HCR_VM | EL2_HCR_RW);
	el2_reg_write(w->pe, EL2_REG_X(0), et_sym(w, entry));
	el2_run_opts o = el2_run_opts_default();
	o.stop_on_exception_to = 2;
	return et_run_from(w, "enter_guest", &o);
}

static void expect_exit(et_world *w, el2_run_result r, uint32_t esr, uint64_t far, uint64_t elr)
{
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(el2_pe_el(w->pe), 2);
	assert_int_equal(et_reg(w, EL2_SYSREG(ESR_EL2)), esr);
	assert_int_equal(et_reg(w, EL2_SYSREG(FAR_EL2)), far);
	assert_int_equal(et_reg(w, EL2_SYSREG(HPFAR_EL2)), (far >> 12) << 4);
	assert_int_equal(et_reg(w, EL2_SYSREG(ELR_EL2)), elr);
}

static void test_guest_ldr_to_unmapped_ipa_exits_with_full_syndrome(void **s)
{
	(void)s;
	et_world w;
	et_open(&w, "faults");
	el2_run_result r = run_guest(&w, "guest_ldr");
	/* LDR W5: ISV, SAS = word (10), SSE 0, SRT 5, SF 0, WnR 0, translation L3 */
	expect_exit(&w, r, (0x24u << 26) | ESR_IL | ISV | (2u << 22) | (5u << 16) | DFSC_TRANS_L3,
		    IPA + 0x10, et_sym(&w, "guest_ldr") + 8);
	assert_int_equal(r.pc, et_reg(&w, EL2_SYSREG(VBAR_EL2)) + 0x400);
	et_close(&w);
}

static void test_guest_strb_reports_wnr_and_byte_size(void **s)
{
	(void)s;
	et_world w;
	et_open(&w, "faults");
	el2_run_result r = run_guest(&w, "guest_strb");
	/* STRB W9: ISV, SAS = byte, SRT 9, SF 0, WnR 1 */
	expect_exit(&w, r, (0x24u << 26) | ESR_IL | ISV | (9u << 16) | (1u << 6) | DFSC_TRANS_L3,
		    IPA + 1, et_sym(&w, "guest_strb") + 4);
	et_close(&w);
}

static void test_guest_ldp_has_no_instruction_syndrome(void **s)
{
	(void)s;
	et_world w;
	et_open(&w, "faults");
	el2_run_result r = run_guest(&w, "guest_ldp");
	expect_exit(&w, r, (0x24u << 26) | ESR_IL | DFSC_TRANS_L3, IPA,
		    et_sym(&w, "guest_ldp") + 4);
	et_close(&w);
}

static void test_guest_fetch_from_unmapped_ipa_is_an_instruction_abort(void **s)
{
	(void)s;
	et_world w;
	et_open(&w, "faults");
	el2_run_result r = run_guest(&w, "guest_fetch");
	/* EC 0x20, IFSC translation L3; ELR = the address fetched */
	expect_exit(&w, r, (0x20u << 26) | ESR_IL | DFSC_TRANS_L3, IPA, IPA);
	et_close(&w);
}

static void test_hypervisor_wild_access_stops_with_symbol_and_address(void **s)
{
	(void)s;
	et_world w;
	et_open(&w, "faults");
	el2_run_result r = et_run_from(&w, "host_wild", NULL);
	assert_int_equal(r.reason, EL2_STOP_ERROR);
	assert_int_equal(r.error, EL2_ERR_MEM_UNMAPPED);
	assert_non_null(strstr(r.message, "host_wild+0x4"));
	assert_non_null(strstr(r.message, "0x50000008"));
	assert_non_null(strstr(r.message, "read"));
	et_close(&w);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_guest_ldr_to_unmapped_ipa_exits_with_full_syndrome),
	cmocka_unit_test(test_guest_strb_reports_wnr_and_byte_size),
	cmocka_unit_test(test_guest_ldp_has_no_instruction_syndrome),
	cmocka_unit_test(test_guest_fetch_from_unmapped_ipa_is_an_instruction_abort),
	cmocka_unit_test(test_hypervisor_wild_access_stops_with_symbol_and_address),
};
ET_MAIN(tests)
