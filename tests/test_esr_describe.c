/* SPDX-License-Identifier: MIT */
/* el2_esr_describe / el2_ec_name: the text names the EC, IL and the
 * decoded ISS fields; snprintf semantics for truncation. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"

struct row {
	uint32_t esr;
	const char *expect[4];
};

static const struct row rows[] = {
	{0x02000000u, {"EC=0x00", "UNKNOWN", "IL=1", NULL}},
	{0x06000001u | (1u << 24) | (0xeu << 20), {"WFX", "CV=1", "COND=0xe", "TI=1 (WFE)"}},
	{0x1e000000u | 0x1e00000u, {"FP_ASIMD", "CV=1", "COND=0xe", NULL}},
	{0x3a000000u, {"EC=0x0e", "ILLEGAL_STATE", "Illegal Execution state", NULL}},
	{0x56000000u | 0x1234u, {"SVC64", "imm16=0x1234", NULL, NULL}},
	{0x5a000000u, {"EC=0x16 HVC64", "(HVC instruction execution in AArch64 state)", "imm16=0x0000", NULL}},
	{0x5e000007u, {"SMC64", "imm16=0x0007", NULL, NULL}},
	/* MRS x3, SCTLR_EL1 */
	{0x62000000u | 0x300461u, {"SYS64", "MRS x3, SCTLR_EL1", "Direction=read", NULL}},
	/* MSR HCR_EL2, x30 */
	{0x62000000u | 0x3107c2u, {"MSR HCR_EL2, x30", "Op1=4", "CRn=1", NULL}},
	/* IMPLEMENTATION DEFINED encoding S3_4_C15_C15_7 read into xzr */
	{0x62000000u | (3u << 20) | (7u << 17) | (4u << 14) | (15u << 10) | (31u << 5) | (15u << 1) | 1u,
	 {"MRS xzr, S3_4_C15_C15_7", NULL, NULL, NULL}},
	/* MSR DAIFSet, #2 */
	{0x62000000u | 0xcd3e4u, {"MSR DAIFSet, #2", NULL, NULL, NULL}},
	/* DABT_LOW: ISV SAS=doubleword SRT=x3 SF WnR, translation level 3 */
	{0x92000000u | (1u << 24) | (3u << 22) | (3u << 16) | (1u << 15) | (1u << 6) | 0x7u,
	 {"DABT_LOW", "ISV=1 SAS=doubleword", "SRT=x3", "DFSC=0x07 (Translation fault, level 3)"}},
	{0x96000000u | (1u << 7) | 0x0du,
	 {"DABT_CUR", "S1PTW=1", "WnR=0", "Permission fault, level 1"}},
	{0x96000000u | (1u << 8) | (1u << 6) | 0x21u, {"CM=1", "WnR=1", "Alignment fault", NULL}},
	{0x82000000u | 0x10u, {"IABT_LOW", "IFSC=0x10", "Synchronous External abort", NULL}},
	{0xbe000000u, {"SERROR", "IDS=0", "Uncategorized", NULL}},
	{0xbe000000u | (1u << 24) | 0xabcu, {"IDS=1", "0x000abc", NULL, NULL}},
	{0xf2000000u | 0x800u, {"BRK64", "comment=0x0800", NULL, NULL}},
	{0x88000000u, {"PC_ALIGN", NULL, NULL, NULL}},
	{0x4c000005u, {"EC=0x13", "SMC32", "ISS=0x0000005", NULL}},
	{0x08000000u | 0x42u, {"EC=0x02", "UNALLOCATED", "ISS=0x0000042", NULL}},
};

static void test_describe_names_ec_and_decodes_iss(void **state)
{
	(void)state;
	char buf[512];
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		size_t n = el2_esr_describe(rows[i].esr, buf, sizeof(buf));
		assert_int_equal(n, strlen(buf));
		for (size_t j = 0; j < 4 && rows[i].expect[j]; j++)
			if (!strstr(buf, rows[i].expect[j]))
				fail_msg("0x%08x: \"%s\" lacks \"%s\"", rows[i].esr, buf, rows[i].expect[j]);
	}
}

static void test_describe_truncates_like_snprintf(void **state)
{
	(void)state;
	char full[512];
	size_t n = el2_esr_describe(0x92000000u | (1u << 24) | 0x7u, full, sizeof(full));
	assert_true(n > 20);
	char small[16];
	memset(small, 'Z', sizeof(small));
	size_t m = el2_esr_describe(0x92000000u | (1u << 24) | 0x7u, small, sizeof(small));
	assert_int_equal(m, n);
	assert_int_equal(small[15], '\0');
	assert_memory_equal(small, full, 15);
	/* size 0: nothing written, length still returned */
	char one = 'Q';
	assert_int_equal(el2_esr_describe(0x5a000000u, &one, 0), el2_esr_describe(0x5a000000u, NULL, 0));
	assert_int_equal(one, 'Q');
	/* size 1: just the NUL */
	assert_true(el2_esr_describe(0x5a000000u, &one, 1) > 0);
	assert_int_equal(one, '\0');
}

static void test_ec_name(void **state)
{
	(void)state;
	assert_string_equal(el2_ec_name(0x24), "DABT_LOW");
	assert_string_equal(el2_ec_name(0x16), "HVC64");
	assert_string_equal(el2_ec_name(0x02), "UNALLOCATED");
	assert_string_equal(el2_ec_name(64), "UNALLOCATED");
	assert_string_equal(el2_ec_name(0x3c), "BRK64");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_describe_names_ec_and_decodes_iss),
		cmocka_unit_test(test_describe_truncates_like_snprintf),
		cmocka_unit_test(test_ec_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
