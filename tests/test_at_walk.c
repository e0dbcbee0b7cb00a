/* SPDX-License-Identifier: MIT */
/* The AT stage-1 walk (DDI 0487 J.a, aarch64/translation/vmsa_*): 4 KiB
 * granule tables built by hand in a small array-backed physical memory.
 * Expected PAs, levels and fault kinds were worked out from the VMSAv8-64
 * descriptor formats (D8.3) and the AT instruction descriptions (C5.4),
 * not taken from the model. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/at_walk.h"
#include "el2sim/el2sim.h"
#include "insn.h"
#include "pe_internal.h"

/* ---- a 32 KiB physical memory at 0x40000000 holding the tables ---- */
#define MEM_BASE 0x40000000ull
#define MEM_SIZE 0x8000ull
static uint64_t mem[MEM_SIZE / 8];

static bool mem_read(void *ctx, uint64_t pa, uint64_t *val)
{
	(void)ctx;
	if (pa < MEM_BASE || pa + 8 > MEM_BASE + MEM_SIZE || (pa & 7))
		return false;
	*val = mem[(pa - MEM_BASE) / 8];
	return true;
}

static void put(uint64_t table_pa, unsigned idx, uint64_t desc)
{
	mem[(table_pa - MEM_BASE) / 8 + idx] = desc;
}

/* Descriptor builders (D8.3: stage 1, 4 KiB granule). */
#define VALID 1ull
#define TABLE 3ull          /* bits[1:0] = 11 at levels 0-2 */
#define PAGE 3ull           /* bits[1:0] = 11 at level 3 */
#define BLOCK 1ull          /* bits[1:0] = 01 at levels 1-2 */
#define AF (1ull << 10)
#define AP(x) ((uint64_t)(x) << 6)  /* AP[2:1] */
#define ATTRIDX(i) ((uint64_t)(i) << 2)
#define SH(x) ((uint64_t)(x) << 8)
#define APTABLE(x) ((uint64_t)(x) << 61)

#define L0 0x40000000ull
#define L1 0x40001000ull
#define L2 0x40002000ull
#define L3 0x40003000ull
#define L0_HI 0x40004000ull
#define L1_HI 0x40005000ull
#define L3_AP 0x40006000ull

/* TCR_EL1: T0SZ [5:0], EPD0 [7], TG0 [15:14], T1SZ [21:16], EPD1 [23],
 * TG1 [31:30] (0b10 = 4 KiB), IPS [34:32]. */
#define TCR(t0sz, t1sz, ips) ((uint64_t)(t0sz) | ((uint64_t)(t1sz) << 16) | (2ull << 30) | \
			      ((uint64_t)(ips) << 32))
#define MAIR_VAL 0x000000000044ff00ull  /* Attr0 = 0x00 Device, Attr1 = 0xff, Attr2 = 0x44 */

static void build_tables(void)
{
	memset(mem, 0, sizeof(mem));
	put(L0, 0, L1 | TABLE);
	put(L0, 2, 0x0000000000000000ull | BLOCK | AF); /* level-0 block: invalid for 4 KiB */
	put(L1, 0, L2 | TABLE);
	put(L1, 1, 0x80000000ull | BLOCK | AF | ATTRIDX(1) | SH(3)); /* 1 GiB */
	put(L1, 3, 0x100000000ull | TABLE); /* next table at 4 GiB: too big for IPS = 32 bits */
	put(L2, 0, L3 | TABLE);
	put(L2, 1, 0x00a00000ull | BLOCK | AF | ATTRIDX(1) | SH(3)); /* 2 MiB */
	put(L2, 4, 0x00e00000ull | BLOCK | ATTRIDX(1));               /* 2 MiB, AF = 0 */
	put(L2, 5, L3_AP | TABLE | APTABLE(1));                       /* no EL0 below */
	put(L2, 6, L3_AP | TABLE | APTABLE(2));                       /* read-only below */
	put(L3, 1, 0x12345000ull | PAGE | AF | ATTRIDX(1) | SH(3) | AP(0));
	put(L3, 2, 0x12346000ull | PAGE | AF | ATTRIDX(1) | SH(3) | AP(1));
	put(L3, 3, 0x12347000ull | PAGE | AF | ATTRIDX(1) | SH(3) | AP(2));
	put(L3, 4, 0x12348000ull | PAGE | AF | ATTRIDX(1) | SH(3) | AP(3));
	put(L3, 5, 0x12349000ull | PAGE | ATTRIDX(1));                /* AF = 0 */
	put(L3, 7, 0x1234b000ull | VALID | AF);                       /* bits[1:0] = 01 at level 3 */
	put(L3, 8, 0x100000000ull | PAGE | AF);                       /* PA at 4 GiB */
	put(L3, 9, 0x1234d000ull | PAGE | AF | ATTRIDX(0) | SH(3));   /* Device */
	put(L3, 10, 0x1234e000ull | PAGE | AF | ATTRIDX(2) | SH(3));  /* Normal NC */
	put(L3_AP, 0, 0x22222000ull | PAGE | AF | ATTRIDX(1) | SH(3) | AP(1));
	put(L0_HI, 0, L1_HI | TABLE);
	put(L1_HI, 0, 0xc0000000ull | BLOCK | AF | ATTRIDX(1) | SH(2));
}

#define EL1H 0x5ull
#define EL2H 0x9ull

/* A PE at EL2 (nVHE), EL1&0 stage 1 on with 48-bit VAs in both halves. */
static el2_pe *new_pe(void)
{
	el2_config cfg = el2_config_default();
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	pe->s.pstate = EL2H;
	SR(pe, HCR_EL2) = EL2_HCR_RW;
	SR(pe, SCTLR_EL1) |= EL2_SCTLR_M;
	SR(pe, TCR_EL1) = TCR(16, 16, 5);
	SR(pe, TTBR0_EL1) = L0 | (5ull << 48); /* an ASID must not disturb the base */
	SR(pe, TTBR1_EL1) = L0_HI;
	SR(pe, MAIR_EL1) = MAIR_VAL;
	build_tables();
	return pe;
}

static el2_at_result walk(el2_pe *pe, el2_at_op op, uint64_t va)
{
	el2_at_result r;
	memset(&r, 0xa5, sizeof(r));
	assert_int_equal(el2_at_walk(pe, op, va, mem_read, NULL, &r), EL2_OK);
	return r;
}

static void expect_pa(el2_pe *pe, el2_at_op op, uint64_t va, uint64_t pa)
{
	el2_at_result r = walk(pe, op, va);
	assert_false(r.fault);
	assert_int_equal(r.pa, pa);
}

static void expect_fault(el2_pe *pe, el2_at_op op, uint64_t va, el2_fault f, int level)
{
	el2_at_result r = walk(pe, op, va);
	assert_true(r.fault);
	assert_int_equal(r.fst, f);
	assert_int_equal(r.level, level);
	assert_false(r.stage2);
	assert_false(r.ptw);
}

static void test_four_level_walk_reaches_a_page_with_attributes(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	el2_at_result r = walk(pe, EL2_AT_S1E1R, 0x1abc);
	assert_false(r.fault);
	assert_int_equal(r.pa, 0x12345abcull);
	assert_int_equal(r.attr, 0xff); /* MAIR_EL1.Attr1 */
	assert_int_equal(r.sh, 3);
	el2_pe_free(&pe);
}

static void test_device_and_noncacheable_memory_report_outer_shareable(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	el2_at_result r = walk(pe, EL2_AT_S1E1R, 0x9000);
	assert_false(r.fault);
	assert_int_equal(r.attr, 0x00);
	assert_int_equal(r.sh, 2);
	r = walk(pe, EL2_AT_S1E1R, 0xa000);
	assert_int_equal(r.attr, 0x44);
	assert_int_equal(r.sh, 2);
	el2_pe_free(&pe);
}

static void test_level2_block_maps_2mib_and_level1_block_maps_1gib(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	expect_pa(pe, EL2_AT_S1E1R, 0x00212345ull, 0x00a12345ull);
	expect_pa(pe, EL2_AT_S1E1R, 0x41234567ull, 0x81234567ull);
	el2_pe_free(&pe);
}

static void test_bit55_selects_ttbr1_for_the_upper_range(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	expect_pa(pe, EL2_AT_S1E1R, 0xffff000000001234ull, 0xc0001234ull);
	/* the same low bits through TTBR0 give the lower-range page */
	expect_pa(pe, EL2_AT_S1E1R, 0x0000000000001234ull, 0x12345234ull);
	el2_pe_free(&pe);
}

struct txsz_case {
	const char *rule;
	unsigned t0sz;
	uint64_t ttbr0;
	uint64_t va;
	bool fault;
	uint64_t pa;
};

static const struct txsz_case txsz_cases[] = {
	{"T0SZ=25: 39-bit VA, walk starts at level 1", 25, L1, 0x41234567ull, false, 0x81234567ull},
	{"T0SZ=25: VA bit 39 set is out of range", 25, L1, 1ull << 39, true, 0},
	{"T0SZ=34: 30-bit VA, walk starts at level 2", 34, L2, 0x1008ull, false, 0x12345008ull},
	{"T0SZ=34: VA bit 30 set is out of range", 34, L2, 1ull << 30, true, 0},
	{"T0SZ=16: VA bit 48 set (bit 55 clear) is out of range", 16, L0, 1ull << 48, true, 0},
	{"T0SZ=15 is below the 4 KiB minimum: Translation fault", 15, L0, 0x1000, true, 0},
	{"T0SZ=40 is above the 4 KiB maximum: Translation fault", 40, L3, 0x1000, true, 0},
};

static void test_txsz_sets_the_start_level_and_the_va_range(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	for (size_t i = 0; i < sizeof(txsz_cases) / sizeof(txsz_cases[0]); i++) {
		const struct txsz_case *c = &txsz_cases[i];
		print_message("  %s\n", c->rule);
		SR(pe, TCR_EL1) = TCR(c->t0sz, 16, 5);
		SR(pe, TTBR0_EL1) = c->ttbr0;
		if (c->fault)
			expect_fault(pe, EL2_AT_S1E1R, c->va, EL2_FAULT_TRANSLATION, 0);
		else
			expect_pa(pe, EL2_AT_S1E1R, c->va, c->pa);
	}
	el2_pe_free(&pe);
}

static void test_upper_range_needs_all_ones_above_the_va_size(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	/* bit 55 set selects TTBR1, but bits [63:48] are not all ones */
	expect_fault(pe, EL2_AT_S1E1R, 0x0080000000000000ull, EL2_FAULT_TRANSLATION, 0);
	/* TBI1 = 1: bits [63:56] are ignored */
	SR(pe, TCR_EL1) |= EL2_TCR_TBI1;
	expect_pa(pe, EL2_AT_S1E1R, 0x12ff000000000042ull, 0xc0000042ull);
	el2_pe_free(&pe);
}

static void test_invalid_descriptor_faults_at_its_level(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	expect_fault(pe, EL2_AT_S1E1R, 0x0000008000000000ull, EL2_FAULT_TRANSLATION, 0); /* L0[1] */
	expect_fault(pe, EL2_AT_S1E1R, 0x0000000080000000ull, EL2_FAULT_TRANSLATION, 1); /* L1[2] */
	expect_fault(pe, EL2_AT_S1E1R, 0x0000000000400000ull, EL2_FAULT_TRANSLATION, 2); /* L2[2] */
	expect_fault(pe, EL2_AT_S1E1R, 0x0000000000006000ull, EL2_FAULT_TRANSLATION, 3); /* L3[6] */
	el2_pe_free(&pe);
}

static void test_reserved_encodings_are_translation_faults(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	/* level 3 with bits[1:0] = 01 */
	expect_fault(pe, EL2_AT_S1E1R, 0x7000, EL2_FAULT_TRANSLATION, 3);
	/* a block descriptor at level 0 (4 KiB granule, no FEAT_LPA2) */
	expect_fault(pe, EL2_AT_S1E1R, 0x0000010000000000ull, EL2_FAULT_TRANSLATION, 0);
	el2_pe_free(&pe);
}

static void test_epd_and_other_granules_fault_at_level0(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	SR(pe, TCR_EL1) |= 1ull << 7; /* EPD0 */
	expect_fault(pe, EL2_AT_S1E1R, 0x1000, EL2_FAULT_TRANSLATION, 0);
	expect_pa(pe, EL2_AT_S1E1R, 0xffff000000000000ull, 0xc0000000ull); /* TTBR1 unaffected */
	SR(pe, TCR_EL1) = TCR(16, 16, 5) | (2ull << 14); /* TG0 = 16 KiB */
	expect_fault(pe, EL2_AT_S1E1R, 0x1000, EL2_FAULT_TRANSLATION, 0);
	el2_pe_free(&pe);
}

static void test_access_flag_zero_is_an_access_flag_fault(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	expect_fault(pe, EL2_AT_S1E1R, 0x5000, EL2_FAULT_ACCESS_FLAG, 3);
	expect_fault(pe, EL2_AT_S1E1W, 0x00800000ull, EL2_FAULT_ACCESS_FLAG, 2);
	el2_pe_free(&pe);
}

static void test_output_beyond_ips_is_an_address_size_fault(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	SR(pe, TCR_EL1) = TCR(16, 16, 0); /* IPS = 32 bits */
	expect_fault(pe, EL2_AT_S1E1R, 0x8000, EL2_FAULT_ADDRESS_SIZE, 3);       /* page OA */
	expect_fault(pe, EL2_AT_S1E1R, 0xc0000000ull, EL2_FAULT_ADDRESS_SIZE, 1); /* table address */
	expect_pa(pe, EL2_AT_S1E1R, 0x1000, 0x12345000ull);                      /* in range */
	SR(pe, TTBR0_EL1) = 0x140000000ull; /* the base itself */
	expect_fault(pe, EL2_AT_S1E1R, 0x1000, EL2_FAULT_ADDRESS_SIZE, 0);
	el2_pe_free(&pe);
}

/* AP[2:1] (D8.4, stage 1 data access permissions) for each AT operation.
 * PAN = 1 changes only the PAN variants (S1E1RP/S1E1WP). */
struct perm_case {
	unsigned ap;
	bool e1r, e1w, e0r, e0w, e1rp, e1wp;
};

static const struct perm_case perm_cases[] = {
	/* AP  E1R   E1W    E0R    E0W    E1RP(PAN) E1WP(PAN) */
	{0, true, true, false, false, true, true},    /* EL1 RW, EL0 none */
	{1, true, true, true, true, false, false},    /* EL1 RW, EL0 RW: PAN denies */
	{2, true, false, false, false, true, false},  /* EL1 RO, EL0 none */
	{3, true, false, true, false, false, false},  /* EL1 RO, EL0 RO: PAN denies */
};

static void check_perm(el2_pe *pe, el2_at_op op, uint64_t va, bool allowed)
{
	el2_at_result r = walk(pe, op, va);
	if (allowed) {
		assert_false(r.fault);
		return;
	}
	assert_true(r.fault);
	assert_int_equal(r.fst, EL2_FAULT_PERMISSION);
	assert_int_equal(r.level, 3);
}

static void test_ap_bits_decide_each_at_operation(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	pe->s.pstate = EL2H | EL2_PSR_PAN;
	for (size_t i = 0; i < sizeof(perm_cases) / sizeof(perm_cases[0]); i++) {
		const struct perm_case *c = &perm_cases[i];
		uint64_t va = 0x1000ull * (c->ap + 1);
		print_message("  AP[2:1] = %u\n", c->ap);
		check_perm(pe, EL2_AT_S1E1R, va, c->e1r);
		check_perm(pe, EL2_AT_S1E1W, va, c->e1w);
		check_perm(pe, EL2_AT_S1E0R, va, c->e0r);
		check_perm(pe, EL2_AT_S1E0W, va, c->e0w);
		check_perm(pe, EL2_AT_S1E1RP, va, c->e1rp);
		check_perm(pe, EL2_AT_S1E1WP, va, c->e1wp);
	}
	el2_pe_free(&pe);
}

static void test_pan_variants_without_pan_act_as_plain_ops(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	check_perm(pe, EL2_AT_S1E1RP, 0x2000, true);
	check_perm(pe, EL2_AT_S1E1WP, 0x2000, true);
	check_perm(pe, EL2_AT_S1E1WP, 0x4000, false); /* read-only stays read-only */
	el2_pe_free(&pe);
}

static void test_aptable_limits_later_levels(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	/* the page is AP = 01 (EL0 RW) under APTable = 01: no EL0 access */
	check_perm(pe, EL2_AT_S1E0R, 0xa00000ull, false);
	check_perm(pe, EL2_AT_S1E1W, 0xa00000ull, true);
	/* under APTable = 10: no write at any EL */
	check_perm(pe, EL2_AT_S1E1W, 0xc00000ull, false);
	check_perm(pe, EL2_AT_S1E0R, 0xc00000ull, true);
	el2_pe_free(&pe);
}

static void test_stage1_off_is_flat(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	SR(pe, SCTLR_EL1) &= ~EL2_SCTLR_M;
	el2_at_result r = walk(pe, EL2_AT_S1E0W, 0x123456789ull);
	assert_false(r.fault);
	assert_int_equal(r.pa, 0x123456789ull);
	assert_int_equal(r.attr, 0x00); /* Device-nGnRnE */
	assert_int_equal(r.sh, 2);
	/* a VA above the 48-bit PA size: Address size fault, level 0 */
	expect_fault(pe, EL2_AT_S1E1R, 1ull << 48, EL2_FAULT_ADDRESS_SIZE, 0);
	el2_pe_free(&pe);
}

static void test_tge_turns_el10_stage1_off(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	SR(pe, HCR_EL2) |= EL2_HCR_TGE; /* E2H = 0 */
	expect_pa(pe, EL2_AT_S1E1R, 0x1000, 0x1000);
	el2_pe_free(&pe);
}

static void test_vhe_host_s1e1r_walks_the_el20_regime(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	SR(pe, HCR_EL2) |= EL2_HCR_E2H | EL2_HCR_TGE;
	SR(pe, SCTLR_EL2) |= EL2_SCTLR_M;
	SR(pe, TCR_EL2) = TCR(25, 16, 5);
	SR(pe, TTBR0_EL2) = L1;
	SR(pe, MAIR_EL2) = 0xffull; /* Attr0 = 0xff */
	el2_at_result r = walk(pe, EL2_AT_S1E1R, 0x41234567ull);
	assert_false(r.fault);
	assert_int_equal(r.pa, 0x81234567ull);
	assert_int_equal(r.attr, 0x00); /* Attr1 of MAIR_EL2 */
	el2_pe_free(&pe);
}

static void test_s1e2_walks_the_el2_regime_with_one_privilege_level(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	SR(pe, SCTLR_EL2) |= EL2_SCTLR_M;
	SR(pe, TCR_EL2) = 25u | (5ull << 16); /* T0SZ = 25, PS = 48 bits */
	SR(pe, TTBR0_EL2) = L1;
	SR(pe, MAIR_EL2) = MAIR_VAL;
	expect_pa(pe, EL2_AT_S1E2R, 0x41234567ull, 0x81234567ull);
	/* AP = 01 is writable at EL2; AP = 11 is read-only */
	SR(pe, TCR_EL2) = 16u | (5ull << 16);
	SR(pe, TTBR0_EL2) = L0;
	check_perm(pe, EL2_AT_S1E2W, 0x2000, true);
	check_perm(pe, EL2_AT_S1E2W, 0x4000, false);
	/* one VA range: a VA with bit 55 set is out of range */
	expect_fault(pe, EL2_AT_S1E2R, 0xffff000000000000ull, EL2_FAULT_TRANSLATION, 0);
	el2_pe_free(&pe);
}

static void test_failed_descriptor_read_is_an_external_abort(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	SR(pe, TTBR0_EL1) = 0x50000000ull; /* no memory there */
	el2_at_result r = walk(pe, EL2_AT_S1E1R, 0x1000);
	assert_true(r.fault);
	assert_int_equal(r.fst, EL2_FAULT_SYNC_EXTERNAL_WALK);
	assert_int_equal(r.level, 0);
	assert_true(el2_at_fault_is_exception(pe, EL2_AT_S1E1R, &r));
	el2_pe_free(&pe);
}

/* ---- stage 2 ---- */
struct s2_ctx {
	uint64_t deny_lo, deny_hi;  /* IPA range with no stage-2 mapping */
	uint64_t ro_lo, ro_hi;      /* IPA range that is stage-2 read-only */
};

static bool s2_check(void *ctx, uint64_t ipa, bool write, el2_fault *f, int *level)
{
	const struct s2_ctx *c = ctx;
	if (ipa >= c->deny_lo && ipa < c->deny_hi) {
		*f = EL2_FAULT_TRANSLATION;
		*level = 3;
		return false;
	}
	if (write && ipa >= c->ro_lo && ipa < c->ro_hi) {
		*f = EL2_FAULT_PERMISSION;
		*level = 3;
		return false;
	}
	return true;
}

static bool s2_read(void *ctx, uint64_t pa, uint64_t *val)
{
	return mem_read(ctx, pa, val);
}

static el2_at_result walk_s2(el2_pe *pe, el2_at_op op, uint64_t va, struct s2_ctx *c,
			     uint64_t *ipa)
{
	el2_at_result r;
	memset(&r, 0xa5, sizeof(r));
	assert_int_equal(el2_at_walk_s2(pe, op, va, s2_read, s2_check, c, &r, ipa), EL2_OK);
	return r;
}

static void test_stage2_fault_on_the_walk_reports_s_and_ptw(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	SR(pe, HCR_EL2) |= EL2_HCR_VM;
	struct s2_ctx c = {.deny_lo = L3, .deny_hi = L3 + 0x1000};
	uint64_t ipa = 0;
	el2_at_result r = walk_s2(pe, EL2_AT_S1E1R, 0x2000, &c, &ipa);
	assert_true(r.fault);
	assert_true(r.stage2);
	assert_true(r.ptw);
	assert_int_equal(r.fst, EL2_FAULT_TRANSLATION);
	assert_int_equal(r.level, 3);
	assert_int_equal(ipa, L3 + 2 * 8); /* the level-3 descriptor's IPA */
	/* executed at EL2 it is reported in PAR_EL1; at EL1 it is a Data Abort */
	assert_false(el2_at_fault_is_exception(pe, EL2_AT_S1E1R, &r));
	pe->s.pstate = EL1H;
	assert_true(el2_at_fault_is_exception(pe, EL2_AT_S1E1R, &r));
	el2_pe_free(&pe);
}

static void test_stage2_is_off_without_vm_or_with_tge(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	struct s2_ctx c = {.deny_lo = 0, .deny_hi = ~0ull};
	el2_at_result r = walk_s2(pe, EL2_AT_S12E1R, 0x1000, &c, NULL);
	assert_false(r.fault);
	assert_int_equal(r.pa, 0x12345000ull);
	/* VM = 1 with TGE = 1 (E2H = 0): stage 2 off, and stage 1 off too */
	SR(pe, HCR_EL2) |= EL2_HCR_VM | EL2_HCR_TGE;
	r = walk_s2(pe, EL2_AT_S12E1R, 0x1000, &c, NULL);
	assert_false(r.fault);
	assert_int_equal(r.pa, 0x1000);
	el2_pe_free(&pe);
}

static void test_s12_checks_the_output_at_stage2_but_s1_does_not(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	SR(pe, HCR_EL2) |= EL2_HCR_VM;
	struct s2_ctx c = {.deny_lo = 0x12345000ull, .deny_hi = 0x12346000ull,
			   .ro_lo = 0x12346000ull, .ro_hi = 0x12347000ull};
	uint64_t ipa = 0;
	el2_at_result r = walk_s2(pe, EL2_AT_S1E1R, 0x1010, &c, &ipa);
	assert_false(r.fault);
	assert_int_equal(r.pa, 0x12345010ull); /* an IPA */
	r = walk_s2(pe, EL2_AT_S12E1R, 0x1010, &c, &ipa);
	assert_true(r.fault);
	assert_true(r.stage2);
	assert_false(r.ptw);
	assert_int_equal(r.fst, EL2_FAULT_TRANSLATION);
	assert_int_equal(ipa, 0x12345010ull);
	/* stage-2 read-only: S12E1R passes, S12E1W is a stage-2 permission fault */
	r = walk_s2(pe, EL2_AT_S12E1R, 0x2000, &c, &ipa);
	assert_false(r.fault);
	r = walk_s2(pe, EL2_AT_S12E1W, 0x2000, &c, &ipa);
	assert_true(r.fault);
	assert_true(r.stage2);
	assert_int_equal(r.fst, EL2_FAULT_PERMISSION);
	el2_pe_free(&pe);
}

/* ---- the AT instruction end to end with the executor ---- */
#define AT_PC 0x8000ull
#define AT_S1E1R_ENC EL2_SYS_ENC(1, 0, 7, 8, 0)

static void exec_at(el2_pe *pe, uint64_t va)
{
	pe->s.pc = AT_PC;
	pe->s.x[3] = va;
	el2_exec_result res;
	assert_int_equal(el2_exec(pe, sys_insn(AT_S1E1R_ENC, 3), &res), EL2_OK);
	assert_int_equal(res.outcome, EL2_OUT_NEED_AT);
	assert_int_equal(res.at_op, EL2_AT_S1E1R);
	assert_int_equal(res.at_va, va);
}

static void test_at_s1e1r_result_lands_in_par_el1(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	exec_at(pe, 0x1abc);
	el2_at_result r = walk(pe, EL2_AT_S1E1R, 0x1abc);
	assert_int_equal(el2_at_complete(pe, &r), EL2_OK);
	/* ATTR 0xff [63:56], PA[47:12], bit 11 RES1, SH 11 [8:7], F = 0 */
	assert_int_equal(SR(pe, PAR_EL1), 0xff00000012345000ull | (1ull << 11) | (3ull << 7));
	exec_at(pe, 0x6000);
	r = walk(pe, EL2_AT_S1E1R, 0x6000);
	assert_int_equal(el2_at_complete(pe, &r), EL2_OK);
	/* F = 1, FST = 0b000111 (translation level 3), bit 11 RES1 */
	assert_int_equal(SR(pe, PAR_EL1), (1ull << 11) | (0x07ull << 1) | 1);
	el2_pe_free(&pe);
}

static void test_stage2_walk_fault_of_el1_at_is_a_data_abort_to_el2(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	pe->s.pstate = EL1H;
	SR(pe, HCR_EL2) |= EL2_HCR_VM;
	SR(pe, VBAR_EL2) = 0x10000;
	SR(pe, PAR_EL1) = 0x1234;
	exec_at(pe, 0x2000);
	struct s2_ctx c = {.deny_lo = L3, .deny_hi = L3 + 0x1000};
	uint64_t ipa = 0;
	el2_at_result r = walk_s2(pe, EL2_AT_S1E1R, 0x2000, &c, &ipa);
	assert_true(el2_at_fault_is_exception(pe, EL2_AT_S1E1R, &r));
	el2_exc_outcome o;
	assert_int_equal(el2_at_take_abort(pe, 0x2000, ipa, &r, &o), EL2_OK);
	assert_int_equal(o.target_el, 2);
	assert_int_equal(pe_el(pe), 2);
	/* EC 0x24, IL, S1PTW [7], CM [8], WnR [6] (1 for AT), DFSC 0b000111 */
	uint32_t want = (0x24u << 26) | (1u << 25) | (1u << 8) | (1u << 7) | (1u << 6) | 0x07u;
	assert_int_equal(SR(pe, ESR_EL2), want);
	assert_int_equal(SR(pe, ELR_EL2), AT_PC);
	assert_int_equal(SR(pe, FAR_EL2), 0x2000);
	assert_int_equal(SR(pe, HPFAR_EL2), ((L3 + 16) >> 12) << 4);
	assert_int_equal(pe->s.pc, 0x10000 + 0x400); /* lower EL, AArch64, sync */
	assert_int_equal(SR(pe, PAR_EL1), 0x1234);   /* not written */
	/* nothing pends any more */
	assert_int_equal(el2_at_take_abort(pe, 0x2000, ipa, &r, &o), EL2_ERR_NO_PENDING_AT);
	el2_pe_free(&pe);
}

static void test_bad_arguments_are_rejected(void **s)
{
	(void)s;
	el2_pe *pe = new_pe();
	el2_at_result r;
	assert_int_equal(el2_at_walk(NULL, EL2_AT_S1E1R, 0, mem_read, NULL, &r), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_at_walk(pe, EL2_AT_S1E1R, 0, NULL, NULL, &r), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_at_walk(pe, EL2_AT_S1E1R, 0, mem_read, NULL, NULL), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_at_walk(pe, (el2_at_op)99, 0, mem_read, NULL, &r), EL2_ERR_INVALID_ARG);
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_four_level_walk_reaches_a_page_with_attributes),
		cmocka_unit_test(test_device_and_noncacheable_memory_report_outer_shareable),
		cmocka_unit_test(test_level2_block_maps_2mib_and_level1_block_maps_1gib),
		cmocka_unit_test(test_bit55_selects_ttbr1_for_the_upper_range),
		cmocka_unit_test(test_txsz_sets_the_start_level_and_the_va_range),
		cmocka_unit_test(test_upper_range_needs_all_ones_above_the_va_size),
		cmocka_unit_test(test_invalid_descriptor_faults_at_its_level),
		cmocka_unit_test(test_reserved_encodings_are_translation_faults),
		cmocka_unit_test(test_epd_and_other_granules_fault_at_level0),
		cmocka_unit_test(test_access_flag_zero_is_an_access_flag_fault),
		cmocka_unit_test(test_output_beyond_ips_is_an_address_size_fault),
		cmocka_unit_test(test_ap_bits_decide_each_at_operation),
		cmocka_unit_test(test_pan_variants_without_pan_act_as_plain_ops),
		cmocka_unit_test(test_aptable_limits_later_levels),
		cmocka_unit_test(test_stage1_off_is_flat),
		cmocka_unit_test(test_tge_turns_el10_stage1_off),
		cmocka_unit_test(test_vhe_host_s1e1r_walks_the_el20_regime),
		cmocka_unit_test(test_s1e2_walks_the_el2_regime_with_one_privilege_level),
		cmocka_unit_test(test_failed_descriptor_read_is_an_external_abort),
		cmocka_unit_test(test_stage2_fault_on_the_walk_reports_s_and_ptw),
		cmocka_unit_test(test_stage2_is_off_without_vm_or_with_tge),
		cmocka_unit_test(test_s12_checks_the_output_at_stage2_but_s1_does_not),
		cmocka_unit_test(test_at_s1e1r_result_lands_in_par_el1),
		cmocka_unit_test(test_stage2_walk_fault_of_el1_at_is_a_data_abort_to_el2),
		cmocka_unit_test(test_bad_arguments_are_rejected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
