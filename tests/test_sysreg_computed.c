/* SPDX-License-Identifier: MIT */
/* Computed registers (lib/sysreg_computed.c): Generic Timer counts, TVAL,
 * ISTATUS (Arm ARM DDI 0487 J.a, chapter D11 and the CNT* descriptions),
 * GICv3 ICH_ELRSR/EISR/MISR_EL2 (IHI 0069) and the OS Lock. Expected values
 * are worked out by hand in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "pe_internal.h"
#include "sysreg_computed.h"

static el2_pe *pe_at(unsigned mode, uint64_t hcr_bits)
{
	el2_config c = el2_config_default();
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&c, &pe), EL2_OK);
	pe->s.pstate = mode;
	SR(pe, HCR_EL2) = (1ull << 31) | hcr_bits;
	return pe;
}

static uint64_t rd(const el2_pe *pe, el2_sysreg id)
{
	uint64_t v = 0xdeadbeef;
	assert_true(computed_read(pe, id, &v));
	return v;
}

static void test_cntpct_reads_the_physical_count(void **state)
{
	(void)state;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL1h, 0);
	el2_pe_set_counter(pe, 123456789);
	assert_int_equal(rd(pe, EL2_SR_CNTPCT_EL0), 123456789);
	SR(pe, CNTVOFF_EL2) = 1000; /* the physical count has no offset */
	assert_int_equal(rd(pe, EL2_SR_CNTPCT_EL0), 123456789);
	el2_pe_free(&pe);
}

/* CNTVCT_EL0 = count - CNTVOFF_EL2, except in the EL2&0 host regime. */
static void test_cntvct_subtracts_cntvoff_outside_the_host(void **state)
{
	(void)state;
	static const struct {
		unsigned mode;
		uint64_t hcr;
		uint64_t want;
	} cases[] = {
		{EL2_PSR_MODE_EL1h, 0, 10000 - 2500},
		{EL2_PSR_MODE_EL0t, 0, 10000 - 2500},
		{EL2_PSR_MODE_EL2h, 0, 10000 - 2500},                       /* E2H=0 */
		{EL2_PSR_MODE_EL2h, EL2_HCR_E2H, 10000},                    /* host EL2 */
		{EL2_PSR_MODE_EL0t, EL2_HCR_E2H | EL2_HCR_TGE, 10000},      /* host EL0 */
		{EL2_PSR_MODE_EL0t, EL2_HCR_E2H, 10000 - 2500},             /* guest EL0 */
		{EL2_PSR_MODE_EL1h, EL2_HCR_E2H | EL2_HCR_TGE, 10000 - 2500},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		el2_pe *pe = pe_at(cases[i].mode, cases[i].hcr);
		el2_pe_set_counter(pe, 10000);
		SR(pe, CNTVOFF_EL2) = 2500;
		assert_int_equal(rd(pe, EL2_SR_CNTVCT_EL0), cases[i].want);
		el2_pe_free(&pe);
	}
}

static void test_cntvct_has_no_offset_without_el2(void **state)
{
	(void)state;
	el2_config c = el2_config_default();
	c.features = 0;
	c.have_el2 = false;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&c, &pe), EL2_OK);
	el2_pe_set_counter(pe, 777);
	SR(pe, CNTVOFF_EL2) = 7; /* stale storage: EL2 does not exist */
	assert_int_equal(rd(pe, EL2_SR_CNTVCT_EL0), 777);
	el2_pe_free(&pe);
}

/* TVAL read: (CVAL - count)[31:0], zero-extended (bits 63:32 RES0). */
static void test_tval_read_is_cval_minus_count_truncated(void **state)
{
	(void)state;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL1h, 0);
	el2_pe_set_counter(pe, 400);
	SR(pe, CNTP_CVAL_EL0) = 1000;
	assert_int_equal(rd(pe, EL2_SR_CNTP_TVAL_EL0), 600);
	SR(pe, CNTP_CVAL_EL0) = 100; /* expired 300 ago: -300 = 0xfffffed4 */
	assert_int_equal(rd(pe, EL2_SR_CNTP_TVAL_EL0), 0xfffffed4u);
	SR(pe, CNTP_CVAL_EL0) = 400 + 0x100000005ull; /* only [31:0] visible */
	assert_int_equal(rd(pe, EL2_SR_CNTP_TVAL_EL0), 5);
	el2_pe_free(&pe);
}

/* TVAL write: CVAL = count + SignExtend(TVAL[31:0]). */
static void test_tval_write_sets_cval_with_signed_32_bit_value(void **state)
{
	(void)state;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL1h, 0);
	el2_pe_set_counter(pe, 1000);
	assert_true(computed_write(pe, EL2_SR_CNTP_TVAL_EL0, 50));
	assert_int_equal(SR(pe, CNTP_CVAL_EL0), 1050);
	assert_true(computed_write(pe, EL2_SR_CNTP_TVAL_EL0, 0xffffffffu)); /* -1 */
	assert_int_equal(SR(pe, CNTP_CVAL_EL0), 999);
	assert_true(computed_write(pe, EL2_SR_CNTP_TVAL_EL0, 0xdeadbeef00000010ull)); /* upper ignored */
	assert_int_equal(SR(pe, CNTP_CVAL_EL0), 1016);
	assert_true(computed_write(pe, EL2_SR_CNTP_TVAL_EL0, 0x80000000u)); /* -2^31 */
	assert_int_equal(SR(pe, CNTP_CVAL_EL0), 1000 - 0x80000000ull);
	el2_pe_free(&pe);
}

/* The EL1 virtual timer counts CNTVOFF_EL2 in, also through the _EL02
 * alias at EL2 with E2H=1; the EL2 timers (CNTHP, CNTHV) do not. */
static void test_virtual_timer_tval_uses_the_virtual_count(void **state)
{
	(void)state;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL2h, EL2_HCR_E2H);
	el2_pe_set_counter(pe, 1000);
	SR(pe, CNTVOFF_EL2) = 300;
	assert_true(computed_write(pe, EL2_SR_CNTV_TVAL_EL02, 50));
	assert_int_equal(SR(pe, CNTV_CVAL_EL0), 750);      /* 1000 - 300 + 50 */
	assert_int_equal(rd(pe, EL2_SR_CNTV_TVAL_EL0), 50);
	assert_true(computed_write(pe, EL2_SR_CNTHV_TVAL_EL2, 50));
	assert_int_equal(SR(pe, CNTHV_CVAL_EL2), 1050);
	assert_true(computed_write(pe, EL2_SR_CNTHP_TVAL_EL2, 7));
	assert_int_equal(SR(pe, CNTHP_CVAL_EL2), 1007);
	assert_true(computed_write(pe, EL2_SR_CNTP_TVAL_EL02, 8));
	assert_int_equal(SR(pe, CNTP_CVAL_EL0), 1008);
	el2_pe_free(&pe);
}

/* ISTATUS = ENABLE && count - offset >= CVAL; IMASK does not hide it. */
static void test_istatus_is_enable_and_condition_met(void **state)
{
	(void)state;
	static const struct {
		uint64_t ctl, cval, want;
	} cases[] = {
		{1, 5000, 1 | 4},  /* count == CVAL: met */
		{1, 5001, 1},      /* one tick early */
		{1, 0, 1 | 4},
		{3, 4000, 3 | 4},  /* IMASK set: still ISTATUS */
		{0, 4000, 0},      /* disabled */
		{2, 4000, 2},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		el2_pe *pe = pe_at(EL2_PSR_MODE_EL1h, 0);
		el2_pe_set_counter(pe, 5000);
		assert_true(computed_write(pe, EL2_SR_CNTP_CTL_EL0, cases[i].ctl));
		SR(pe, CNTP_CVAL_EL0) = cases[i].cval;
		assert_int_equal(rd(pe, EL2_SR_CNTP_CTL_EL0), cases[i].want);
		el2_pe_free(&pe);
	}
}

static void test_istatus_is_read_only_and_virtual_timer_uses_cntvoff(void **state)
{
	(void)state;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL1h, 0);
	el2_pe_set_counter(pe, 5000);
	SR(pe, CNTVOFF_EL2) = 1000;
	assert_true(computed_write(pe, EL2_SR_CNTV_CTL_EL0, 0xffffffffffffffffull));
	assert_int_equal(SR(pe, CNTV_CTL_EL0), 3); /* only ENABLE and IMASK stored */
	SR(pe, CNTV_CVAL_EL0) = 4001;               /* virtual count is 4000 */
	assert_int_equal(rd(pe, EL2_SR_CNTV_CTL_EL0), 3);
	SR(pe, CNTV_CVAL_EL0) = 4000;
	assert_int_equal(rd(pe, EL2_SR_CNTV_CTL_EL0), 7);
	assert_true(computed_write(pe, EL2_SR_CNTHV_CTL_EL2, 1));
	SR(pe, CNTHV_CVAL_EL2) = 4500;              /* EL2 virtual timer: no offset */
	assert_int_equal(rd(pe, EL2_SR_CNTHV_CTL_EL2), 5);
	el2_pe_free(&pe);
}

static void test_counters_ignore_writes(void **state)
{
	(void)state;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL2h, 0);
	el2_pe_set_counter(pe, 42);
	assert_true(computed_write(pe, EL2_SR_CNTPCT_EL0, 7));
	assert_true(computed_write(pe, EL2_SR_CNTVCT_EL0, 7));
	assert_int_equal(el2_pe_counter(pe), 42);
	el2_pe_free(&pe);
}

static void test_plain_rows_are_not_computed(void **state)
{
	(void)state;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL2h, 0);
	uint64_t v = 99;
	assert_false(computed_read(pe, EL2_SR_CNTP_CVAL_EL0, &v));
	assert_false(computed_read(pe, EL2_SR_HCR_EL2, &v));
	assert_false(computed_read(pe, EL2_SR_ICH_LR0_EL2, &v));
	assert_false(computed_write(pe, EL2_SR_TPIDR_EL2, 1));
	assert_false(computed_read(NULL, EL2_SR_CNTPCT_EL0, &v));
	assert_false(computed_read(pe, EL2_SR_CNTPCT_EL0, NULL));
	assert_int_equal(v, 99);
	el2_pe_free(&pe);
}

/* ICH_LR<n>_EL2: State [63:62], HW [61], EOI [41] (when HW == 0). */
#define LR_PENDING (1ull << 62)
#define LR_ACTIVE (2ull << 62)
#define LR_HW (1ull << 61)
#define LR_EOI (1ull << 41)

static void set_lrs(el2_pe *pe, const uint64_t *lrs, unsigned n)
{
	for (unsigned i = 0; i < 16; i++)
		pe->s.sr[EL2_SR_ICH_LR0_EL2 + i] = i < n ? lrs[i] : 0;
}

static void test_elrsr_and_eisr_from_crafted_list_registers(void **state)
{
	(void)state;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL2h, 0);
	const uint64_t lrs[] = {
		LR_EOI | 27,                    /* 0: invalid, EOI maintenance -> EISR */
		27,                             /* 1: invalid, no EOI -> ELRSR */
		LR_HW | LR_EOI | (5ull << 32),  /* 2: invalid, HW (bit 41 is pINTID) -> ELRSR */
		LR_PENDING | LR_EOI | 30,       /* 3: pending -> neither */
		LR_ACTIVE | 31,                 /* 4: active -> neither */
		LR_PENDING | LR_ACTIVE | 32,    /* 5: pending and active -> neither */
	};
	set_lrs(pe, lrs, 6);
	assert_int_equal(rd(pe, EL2_SR_ICH_EISR_EL2), 0x0001);
	/* bits 1, 2 and 6..15 */
	assert_int_equal(rd(pe, EL2_SR_ICH_ELRSR_EL2), 0xffc6);
	set_lrs(pe, NULL, 0);
	assert_int_equal(rd(pe, EL2_SR_ICH_ELRSR_EL2), 0xffff);
	assert_int_equal(rd(pe, EL2_SR_ICH_EISR_EL2), 0);
	pe->s.sr[EL2_SR_ICH_LR15_EL2] = LR_EOI;
	assert_int_equal(rd(pe, EL2_SR_ICH_EISR_EL2), 0x8000);
	assert_int_equal(rd(pe, EL2_SR_ICH_ELRSR_EL2), 0x7fff);
	el2_pe_free(&pe);
}

/* ICH_HCR_EL2: UIE 1, LRENPIE 2, NPIE 3, VGrp0EIE 4, VGrp0DIE 5,
 * VGrp1EIE 6, VGrp1DIE 7, EOIcount [31:27]. ICH_MISR_EL2: EOI 0, U 1,
 * LRENP 2, NP 3, VGrp0E 4, VGrp0D 5, VGrp1E 6, VGrp1D 7. */
static void test_misr_maintenance_conditions(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		uint64_t lr0, lr1, hcr, vmcr, want;
	} cases[] = {
		{"nothing enabled", LR_PENDING, LR_PENDING, 0, 0, 0},
		{"EOI from EISR", LR_EOI, 0, 0, 0, 0x01},
		{"U: two valid LRs", LR_PENDING, LR_ACTIVE, 1u << 1, 0, 0},
		{"U: one valid LR", LR_PENDING, 0, 1u << 1, 0, 0x02},
		{"U: no valid LR", 0, 0, 1u << 1, 0, 0x02},
		{"LRENP: EOIcount 3", LR_PENDING, 0, (1u << 2) | (3u << 27), 0, 0x04},
		{"LRENP: EOIcount 0", LR_PENDING, 0, 1u << 2, 0, 0},
		{"NP: one pending", LR_PENDING, LR_ACTIVE, 1u << 3, 0, 0},
		{"NP: active only", LR_ACTIVE, LR_PENDING | LR_ACTIVE, 1u << 3, 0, 0x08},
		{"VGrp0E/VGrp1D", 0, 0, (1u << 4) | (1u << 7), 1, 0x10 | 0x80 | 0},
		{"VGrp0D/VGrp1E", LR_PENDING, LR_PENDING, (1u << 5) | (1u << 6), 2, 0x20 | 0x40},
		{"all four group bits, groups on", LR_PENDING, LR_PENDING, 0xf0, 3, 0x50},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		el2_pe *pe = pe_at(EL2_PSR_MODE_EL2h, 0);
		const uint64_t lrs[] = {cases[i].lr0, cases[i].lr1};
		set_lrs(pe, lrs, 2);
		SR(pe, ICH_HCR_EL2) = cases[i].hcr | 1; /* En */
		SR(pe, ICH_VMCR_EL2) = cases[i].vmcr;
		uint64_t got = rd(pe, EL2_SR_ICH_MISR_EL2);
		if (got != cases[i].want)
			fail_msg("%s: MISR %#llx, expected %#llx", cases[i].what,
				 (unsigned long long)got, (unsigned long long)cases[i].want);
		el2_pe_free(&pe);
	}
}

static void test_gic_status_registers_ignore_writes(void **state)
{
	(void)state;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL2h, 0);
	assert_true(computed_write(pe, EL2_SR_ICH_ELRSR_EL2, 0));
	assert_true(computed_write(pe, EL2_SR_ICH_EISR_EL2, 0xffff));
	assert_true(computed_write(pe, EL2_SR_ICH_MISR_EL2, 0xff));
	assert_int_equal(rd(pe, EL2_SR_ICH_ELRSR_EL2), 0xffff);
	assert_int_equal(rd(pe, EL2_SR_ICH_EISR_EL2), 0);
	el2_pe_free(&pe);
}

/* OSLAR_EL1.OSLK (bit 0) -> OSLSR_EL1.OSLK (bit 1); OSLM stays 0b10. */
static void test_oslar_write_sets_oslsr_oslk(void **state)
{
	(void)state;
	el2_pe *pe = pe_at(EL2_PSR_MODE_EL1h, 0);
	assert_int_equal(SR(pe, OSLSR_EL1), 0x8);
	assert_true(computed_write(pe, EL2_SR_OSLAR_EL1, 1));
	assert_int_equal(SR(pe, OSLSR_EL1), 0xa);
	assert_true(computed_write(pe, EL2_SR_OSLAR_EL1, 0xfffffffffffffffeull));
	assert_int_equal(SR(pe, OSLSR_EL1), 0x8);
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cntpct_reads_the_physical_count),
		cmocka_unit_test(test_cntvct_subtracts_cntvoff_outside_the_host),
		cmocka_unit_test(test_cntvct_has_no_offset_without_el2),
		cmocka_unit_test(test_tval_read_is_cval_minus_count_truncated),
		cmocka_unit_test(test_tval_write_sets_cval_with_signed_32_bit_value),
		cmocka_unit_test(test_virtual_timer_tval_uses_the_virtual_count),
		cmocka_unit_test(test_istatus_is_enable_and_condition_met),
		cmocka_unit_test(test_istatus_is_read_only_and_virtual_timer_uses_cntvoff),
		cmocka_unit_test(test_counters_ignore_writes),
		cmocka_unit_test(test_plain_rows_are_not_computed),
		cmocka_unit_test(test_elrsr_and_eisr_from_crafted_list_registers),
		cmocka_unit_test(test_misr_maintenance_conditions),
		cmocka_unit_test(test_gic_status_registers_ignore_writes),
		cmocka_unit_test(test_oslar_write_sets_oslsr_oslk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
