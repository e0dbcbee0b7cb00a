/* SPDX-License-Identifier: MIT */
/* Syndrome builders: ESR = EC:IL:ISS and each ISS encoding (D19.2 ESR_ELx,
 * DDI 0487 J.a). Expected values computed by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"

static void test_esr_packs_ec_il_iss(void **state)
{
	(void)state;
	static const struct {
		unsigned ec;
		bool il;
		uint32_t iss, want;
	} rows[] = {
		{0x16, true, 0x0000, 0x5a000000u},
		{0x16, true, 0x1234, 0x5a001234u},
		{0x15, false, 0x1, 0x54000001u},
		{0x3c, true, 0xffff, 0xf200ffffu},
		{0x24, true, 0x3ffffff, 0x93ffffffu},  /* ISS masked to 25 bits */
		{0x7f, false, 0, 0xfc000000u},         /* EC masked to 6 bits */
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(el2_esr(rows[i].ec, rows[i].il, rows[i].iss), rows[i].want);
}

static void test_sysreg_iss_places_fields(void **state)
{
	(void)state;
	static const struct {
		uint32_t enc;
		unsigned rt;
		bool read;
		uint32_t want;
	} rows[] = {
		/* MRS x3, SCTLR_EL1 (3,0,1,0,0): Op0 3<<20 | CRn 1<<10 | Rt 3<<5 | 1 */
		{EL2_SYS_ENC(3, 0, 1, 0, 0), 3, true, 0x300461u},
		/* MSR HCR_EL2, x30 (3,4,1,1,0): 3<<20 | 4<<14 | 1<<10 | 30<<5 | 1<<1 */
		{EL2_SYS_ENC(3, 4, 1, 1, 0), 30, false, 0x3107c2u},
		/* MRS x0, CNTVCT_EL0 (3,3,14,0,2): 3<<20|2<<17|3<<14|14<<10 */
		{EL2_SYS_ENC(3, 3, 14, 0, 2), 0, true, 0x34f801u},
		/* DAIFSet (0,3,4,imm=2,6), Rt 31: 6<<17|3<<14|4<<10|31<<5|2<<1 */
		{EL2_SYS_ENC(0, 3, 4, 2, 6), 31, false, 0xcd3e4u},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		uint32_t iss = el2_iss_sysreg(rows[i].enc, rows[i].rt, rows[i].read);
		assert_int_equal(iss, rows[i].want);
		/* inverse in the table module */
		assert_int_equal(el2_sysreg_enc_from_iss(iss), rows[i].enc);
	}
}

static void test_wfx_iss_has_cv_cond_and_ti(void **state)
{
	(void)state;
	assert_int_equal(el2_iss_wfx(0), 0x1e00000u);
	assert_int_equal(el2_iss_wfx(1), 0x1e00001u);
	assert_int_equal(el2_iss_wfx(7), 0x1e00003u);
}

static void test_fp_iss_has_cv_and_cond_1110(void **state)
{
	(void)state;
	assert_int_equal(el2_iss_fp(), 0x1e00000u);
}

static void test_imm16_iss(void **state)
{
	(void)state;
	assert_int_equal(el2_iss_imm16(0), 0);
	assert_int_equal(el2_iss_imm16(0xbeef), 0xbeef);
}

static void test_serror_iss(void **state)
{
	(void)state;
	assert_int_equal(el2_iss_serror(false, 0), 0);
	assert_int_equal(el2_iss_serror(true, 0x123456), 0x1123456u);
	assert_int_equal(el2_iss_serror(false, 0xff000011), 0x000011u);
}

static void test_encode_ldfsc(void **state)
{
	(void)state;
	static const struct {
		el2_fault f;
		int level;
		unsigned want;
	} rows[] = {
		{EL2_FAULT_ADDRESS_SIZE, 0, 0x00}, {EL2_FAULT_ADDRESS_SIZE, 3, 0x03},
		{EL2_FAULT_TRANSLATION, 0, 0x04},  {EL2_FAULT_TRANSLATION, 3, 0x07},
		{EL2_FAULT_ACCESS_FLAG, 1, 0x09},  {EL2_FAULT_ACCESS_FLAG, 3, 0x0b},
		{EL2_FAULT_PERMISSION, 1, 0x0d},   {EL2_FAULT_PERMISSION, 3, 0x0f},
		{EL2_FAULT_SYNC_EXTERNAL, 2, 0x10}, {EL2_FAULT_ALIGNMENT, 0, 0x21},
		{EL2_FAULT_SYNC_EXTERNAL_WALK, 0, 0x14}, {EL2_FAULT_SYNC_EXTERNAL_WALK, 3, 0x17},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(el2_encode_fsc(rows[i].f, rows[i].level), rows[i].want);
}

static void test_abort_iss(void **state)
{
	(void)state;
	static const struct {
		el2_abort a;
		uint32_t want;
	} rows[] = {
		/* stage-1 read translation fault level 3 */
		{{.fault = EL2_FAULT_TRANSLATION, .level = 3}, 0x07},
		/* write: WnR */
		{{.fault = EL2_FAULT_PERMISSION, .level = 2, .write = true}, 0x4e},
		/* stage-2 with ISV: halfword, sign-extend, x17, 32-bit */
		{{.fault = EL2_FAULT_TRANSLATION, .level = 1, .stage2 = true, .isv = true, .sas = 1,
		  .sse = true, .srt = 17},
		 (1u << 24) | (1u << 22) | (1u << 21) | (17u << 16) | 0x05},
		/* isv requested but stage 1: no ISV */
		{{.fault = EL2_FAULT_TRANSLATION, .level = 1, .isv = true, .srt = 17}, 0x05},
		/* s1ptw: no ISV, S1PTW */
		{{.fault = EL2_FAULT_ACCESS_FLAG, .level = 2, .stage2 = true, .s1ptw = true,
		  .isv = true, .srt = 1},
		 (1u << 7) | 0x0a},
		/* cache maintenance: CM and WnR */
		{{.fault = EL2_FAULT_TRANSLATION, .level = 2, .cache_maint = true}, 0x146},
		/* instruction side: no WnR/CM/ISV */
		{{.instruction = true, .fault = EL2_FAULT_PERMISSION, .level = 3, .write = true,
		  .stage2 = true, .isv = true},
		 0x0f},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(el2_iss_abort(&rows[i].a), rows[i].want);
	assert_int_equal(el2_iss_abort(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_esr_packs_ec_il_iss),
		cmocka_unit_test(test_sysreg_iss_places_fields),
		cmocka_unit_test(test_wfx_iss_has_cv_cond_and_ti),
		cmocka_unit_test(test_fp_iss_has_cv_and_cond_1110),
		cmocka_unit_test(test_imm16_iss),
		cmocka_unit_test(test_serror_iss),
		cmocka_unit_test(test_encode_ldfsc),
		cmocka_unit_test(test_abort_iss),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
