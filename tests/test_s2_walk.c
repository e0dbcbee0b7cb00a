/* SPDX-License-Identifier: MIT */
/* The stage-2 walk (DDI 0487 J.a, aarch64/translation: AArch64.S2Translate,
 * AArch64.S2Walk): 4 KiB granule tables built by hand in a small
 * array-backed physical memory. Expected PAs, levels and fault kinds were
 * worked out from the stage-2 descriptor format (D8.3) and the VTCR_EL2 /
 * VTTBR_EL2 field descriptions, not taken from the model. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/s2_walk.h"

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

#define TABLE 3ull
#define PAGE 3ull
#define BLOCK 1ull
#define AF (1ull << 10)
#define S2AP(x) ((uint64_t)(x) << 6)  /* S2AP[1:0]: 1 read, 2 write, 3 both */
#define XN (1ull << 54)
#define RW (S2AP(3) | AF)

/* 40-bit IPA (T0SZ 24), start level 1 (SL0 1): two concatenated level-1
 * tables (8 KiB, 8 KiB aligned) at L1; PS 40 bits. */
#define L1 0x40000000ull   /* + 0x2000: both concatenated tables */
#define L2 0x40002000ull
#define L3 0x40003000ull
#define L2B 0x40004000ull
#define VTCR_40 (24ull | (1ull << 6) | (2ull << 16))
#define VTTBR(baddr) ((1ull << 48) | (baddr))

static void build(void)
{
	memset(mem, 0, sizeof(mem));
	put(L1, 2, L2 | TABLE);                                   /* IPA 0x80000000 */
	put(L1, 3, 0xc0000000ull | BLOCK | RW);                   /* 1 GiB block */
	put(L1, 512 + 1, L2B | TABLE);                            /* IPA 0x8040000000 */
	put(L1, 4, 0x0000010000000000ull | TABLE);                /* table beyond 40 bits */
	put(L2, 0, L3 | TABLE);
	put(L2, 1, 0x90200000ull | BLOCK | RW);                   /* 2 MiB block, IPA != PA */
	put(L2, 2, 0x80400000ull | BLOCK | S2AP(3));              /* AF = 0 */
	put(L2, 3, 0x0000010000600000ull | BLOCK | RW);           /* OA beyond 40 bits */
	put(L3, 0, 0x80000000ull | PAGE | RW);
	put(L3, 1, 0x80001000ull | PAGE | S2AP(1) | AF);          /* read-only */
	put(L3, 2, 0x80002000ull | PAGE | RW | XN);               /* no execution */
	put(L3, 3, 0x80003000ull | PAGE | S2AP(2) | AF);          /* write-only */
	put(L3, 4, 0x80004000ull | PAGE | S2AP(0) | AF);          /* no access */
	put(L3, 5, 0x80005000ull | BLOCK | RW);                   /* bit 1 clear at level 3 */
	put(L2B, 0, 0x70000000ull | BLOCK | RW);
}

static el2_s2_result walk(uint64_t vttbr, uint64_t vtcr, uint64_t ipa, el2_s2_acc acc)
{
	el2_s2_result r;
	assert_int_equal(el2_s2_walk(vttbr, vtcr, ipa, acc, mem_read, NULL, &r), EL2_OK);
	return r;
}

static void assert_fault(el2_s2_result r, el2_fault f, int level)
{
	assert_true(r.fault);
	assert_int_equal(r.fst, f);
	assert_int_equal(r.level, level);
}

/* AArch64.S2Walk: level 1 -> 2 -> 3 page; PA = OA | IPA[11:0]. */
static void test_page_walk(void **s)
{
	(void)s;
	build();
	el2_s2_result r = walk(VTTBR(L1), VTCR_40, 0x80000123ull, EL2_S2_WRITE);
	assert_false(r.fault);
	assert_int_equal(r.pa, 0x80000123ull);
	assert_int_equal(r.level, 3);
	assert_int_equal(r.span, 0x1000);
	assert_true(r.r && r.w && r.x);
}

/* Block descriptors at levels 1 and 2 map 1 GiB and 2 MiB; the output
 * address may differ from the IPA. */
static void test_blocks(void **s)
{
	(void)s;
	build();
	el2_s2_result r = walk(VTTBR(L1), VTCR_40, 0xc0123456ull, EL2_S2_READ);
	assert_false(r.fault);
	assert_int_equal(r.pa, 0xc0123456ull);
	assert_int_equal(r.level, 1);
	assert_int_equal(r.span, 1ull << 30);
	r = walk(VTTBR(L1), VTCR_40, 0x80212345ull, EL2_S2_READ);
	assert_false(r.fault);
	assert_int_equal(r.pa, 0x90212345ull);
	assert_int_equal(r.level, 2);
}

/* The second concatenated level-1 table (IPA bit 39 set) is the next 4 KiB
 * of the start table. */
static void test_concatenated_start_table(void **s)
{
	(void)s;
	build();
	el2_s2_result r = walk(VTTBR(L1), VTCR_40, 0x8040001000ull, EL2_S2_READ);
	assert_false(r.fault);
	assert_int_equal(r.pa, 0x70001000ull);
	/* BADDR bits below the 8 KiB table size are RES0: treated as zero. */
	r = walk(VTTBR(L1 + 0x1000), VTCR_40, 0x80000000ull, EL2_S2_READ);
	assert_false(r.fault);
	assert_int_equal(r.pa, 0x80000000ull);
}

/* Invalid descriptors: Translation fault at the level of the lookup. */
static void test_translation_faults(void **s)
{
	(void)s;
	build();
	assert_fault(walk(VTTBR(L1), VTCR_40, 0x00001000ull, EL2_S2_READ), EL2_FAULT_TRANSLATION, 1);
	assert_fault(walk(VTTBR(L1), VTCR_40, 0x80800000ull, EL2_S2_READ), EL2_FAULT_TRANSLATION, 2);
	assert_fault(walk(VTTBR(L1), VTCR_40, 0x80006000ull, EL2_S2_READ), EL2_FAULT_TRANSLATION, 3);
	/* bits[1:0] = 01 at level 3 is reserved */
	assert_fault(walk(VTTBR(L1), VTCR_40, 0x80005000ull, EL2_S2_READ), EL2_FAULT_TRANSLATION, 3);
	/* AArch64.IPAIsOutOfRange: IPA bit 40 with a 40-bit IPA size */
	assert_fault(walk(VTTBR(L1), VTCR_40, 1ull << 40, EL2_S2_READ), EL2_FAULT_TRANSLATION, 0);
}

/* AArch64.S2InvalidSL / AArch64.S2InconsistentSL: Translation fault at
 * level 1; T0SZ outside [16, 39] (CONSTRAINED UNPREDICTABLE): level 0. */
static void test_bad_vtcr(void **s)
{
	(void)s;
	build();
	uint64_t sl0_3 = 24ull | (3ull << 6) | (2ull << 16);
	assert_fault(walk(VTTBR(L1), sl0_3, 0x80000000ull, EL2_S2_READ), EL2_FAULT_TRANSLATION, 1);
	/* 40-bit IPA from level 2: at most 34 bits with 16 tables */
	uint64_t sl0_0 = 24ull | (2ull << 16);
	assert_fault(walk(VTTBR(L1), sl0_0, 0x80000000ull, EL2_S2_READ), EL2_FAULT_TRANSLATION, 1);
	/* 40-bit IPA from level 0: at least 40 bits needed, so valid; 39 is not */
	uint64_t l0_39 = 25ull | (2ull << 6) | (2ull << 16);
	assert_fault(walk(VTTBR(L1), l0_39, 0x80000000ull, EL2_S2_READ), EL2_FAULT_TRANSLATION, 1);
	/* a host's VTCR_EL2 of RES1 only: T0SZ 0 */
	assert_fault(walk(VTTBR(L1), 0x80000000ull, 0x80000000ull, EL2_S2_READ),
		     EL2_FAULT_TRANSLATION, 0);
	el2_s2_result r;
	/* 16 KiB granule: not modelled */
	assert_int_equal(el2_s2_walk(VTTBR(L1), VTCR_40 | (2ull << 14), 0, EL2_S2_READ, mem_read,
				     NULL, &r),
			 EL2_ERR_UNSUPPORTED);
	assert_int_equal(el2_s2_walk(VTTBR(L1), VTCR_40, 0, EL2_S2_READ, NULL, NULL, &r),
			 EL2_ERR_INVALID_ARG);
}

/* Address size faults: the base (level 0), a next-level table address
 * and an output address beyond VTCR_EL2.PS. */
static void test_address_size(void **s)
{
	(void)s;
	build();
	uint64_t ps32 = 24ull | (1ull << 6); /* PS 0: 32 bits */
	assert_fault(walk(VTTBR(L1), VTCR_40, 0x100000000ull, EL2_S2_READ),
		     EL2_FAULT_ADDRESS_SIZE, 1);
	assert_fault(walk(VTTBR(L1), VTCR_40, 0x80600000ull, EL2_S2_READ),
		     EL2_FAULT_ADDRESS_SIZE, 2);
	assert_fault(walk(VTTBR(0x0000010000000000ull), VTCR_40, 0x80000000ull, EL2_S2_READ),
		     EL2_FAULT_ADDRESS_SIZE, 0);
	/* PS 32 bits: the 1 GiB block at 0xc0000000 fits, the walk of the
	 * 2 MiB block at 0x90200000 too */
	assert_false(walk(VTTBR(L1), ps32, 0xc0000000ull, EL2_S2_READ).fault);
}

/* AF = 0 faults (no FEAT_HAFDBS), before the permission check. */
static void test_access_flag(void **s)
{
	(void)s;
	build();
	assert_fault(walk(VTTBR(L1), VTCR_40, 0x80400000ull, EL2_S2_READ),
		     EL2_FAULT_ACCESS_FLAG, 2);
}

/* AArch64.S2CheckPermissions: S2AP[0] reads, S2AP[1] writes, XN fetches;
 * the result still carries the PA and permissions of the mapping. */
static void test_permissions(void **s)
{
	(void)s;
	build();
	el2_s2_result r = walk(VTTBR(L1), VTCR_40, 0x80001008ull, EL2_S2_READ);
	assert_false(r.fault);
	r = walk(VTTBR(L1), VTCR_40, 0x80001008ull, EL2_S2_WRITE);
	assert_fault(r, EL2_FAULT_PERMISSION, 3);
	assert_int_equal(r.pa, 0x80001008ull);
	assert_true(r.r && !r.w);
	assert_fault(walk(VTTBR(L1), VTCR_40, 0x80002000ull, EL2_S2_FETCH), EL2_FAULT_PERMISSION, 3);
	assert_false(walk(VTTBR(L1), VTCR_40, 0x80002000ull, EL2_S2_WRITE).fault);
	assert_fault(walk(VTTBR(L1), VTCR_40, 0x80003000ull, EL2_S2_READ), EL2_FAULT_PERMISSION, 3);
	assert_false(walk(VTTBR(L1), VTCR_40, 0x80003000ull, EL2_S2_WRITE).fault);
	assert_fault(walk(VTTBR(L1), VTCR_40, 0x80004000ull, EL2_S2_READ), EL2_FAULT_PERMISSION, 3);
}

/* A descriptor read that fails is a synchronous External abort on the walk. */
static void test_external_abort(void **s)
{
	(void)s;
	build();
	assert_fault(walk(VTTBR(0x10000000ull), VTCR_40, 0x80000000ull, EL2_S2_READ),
		     EL2_FAULT_SYNC_EXTERNAL_WALK, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_walk),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_concatenated_start_table),
		cmocka_unit_test(test_translation_faults),
		cmocka_unit_test(test_bad_vtcr),
		cmocka_unit_test(test_address_size),
		cmocka_unit_test(test_access_flag),
		cmocka_unit_test(test_permissions),
		cmocka_unit_test(test_external_abort),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
