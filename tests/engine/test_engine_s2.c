/* SPDX-License-Identifier: MIT */
/* The guest's stage 2 from its translation tables (el2_engine_set_stage2_tables,
 * docs/memory-faults.md): tables built here by hand (D8.3 stage-2
 * descriptors, 4 KiB granule; VTCR_EL2 40-bit IPA from level 1) decide what
 * the guest reaches, whatever the regions' attributes say. Expected
 * syndromes were assembled by hand from the ESR_EL2 field layout (DFSC =
 * fault kind | level) and HPFAR_EL2 = IPA[47:12] << 4. Fixture:
 * faults_prot.S (enter_guest, do_ldr, do_str). */
#include "engine_test_util.h"

#include "el2sim/s2_walk.h"

#define USER 0x40100000ull   /* HOST|GUEST|EL0 region */
#define KDATA 0x40101000ull  /* HOST|GUEST */
#define RODATA 0x40102000ull /* GUEST|RO by attributes; RW by the tables */
#define HYPDATA 0x40103000ull /* HYP: unmapped by the tables at first */
#define S2TAB 0x40200000ull  /* the tables: level 1 (8 KiB), level 2, level 3 */
#define L2 (S2TAB + 0x2000)
#define L3 (S2TAB + 0x3000)
#define VTCR 0x80023558ull   /* T0SZ 24, SL0 1, TG0 4 KiB, PS 40 bits */
#define VTTBR ((1ull << 48) | S2TAB)
#define PAGE_RW (3ull | (3ull << 6) | (1ull << 10))
#define PAGE_RO (3ull | (1ull << 6) | (1ull << 10))
#define XN (1ull << 54)
#define EC(x) ((uint32_t)(x) << 26)
#define ESR_IL (1u << 25)
#define ISV (1u << 24)
#define SAS_D (3u << 22)
#define SF (1u << 15)
#define WNR (1u << 6)
#define WORD 0x0123456789abcdefull

static void put(et_world *w, uint64_t a, uint64_t v)
{
	assert_int_equal(el2_mem_write(w->mem, a, &v, 8), EL2_OK);
}

static uint64_t get(et_world *w, uint64_t a)
{
	uint64_t v = 0;
	assert_int_equal(el2_mem_read(w->mem, a, &v, 8), EL2_OK);
	return v;
}

/* The fixture's RAM and four pages as in test_engine_faults, and a
 * hypervisor-only region holding tables that map RAM RW, USER read-only,
 * KDATA RW no-execute, RODATA RW, and not HYPDATA nor anything above
 * 0x40200000 (level-2 entry 1 invalid). */
static void open_s2(et_world *w)
{
	el2_config cfg = el2_config_default();
	const char *path = et_begin(w, "faults_prot", &cfg);
	assert_int_equal(el2_mem_add(w->mem, "user", USER, 0x1000,
				     EL2_MEM_HOST | EL2_MEM_GUEST | EL2_MEM_EL0), EL2_OK);
	assert_int_equal(el2_mem_add(w->mem, "kdata", KDATA, 0x1000,
				     EL2_MEM_HOST | EL2_MEM_GUEST), EL2_OK);
	assert_int_equal(el2_mem_add(w->mem, "rodata", RODATA, 0x1000,
				     EL2_MEM_GUEST | EL2_MEM_RO), EL2_OK);
	assert_int_equal(el2_mem_add(w->mem, "hypdata", HYPDATA, 0x1000, EL2_MEM_HYP), EL2_OK);
	assert_int_equal(el2_mem_add(w->mem, "s2tab", S2TAB, 0x5000,
				     EL2_MEM_HOST | EL2_MEM_HYP), EL2_OK);
	put(w, S2TAB + 1 * 8, L2 | 3);          /* IPA [1 GiB, 2 GiB) */
	put(w, L2 + 0 * 8, L3 | 3);             /* IPA [0x40000000, 0x40200000) */
	for (uint64_t a = RAM_BASE; a < RAM_BASE + RAM_SIZE; a += 0x1000)
		put(w, L3 + ((a >> 12) & 511) * 8, a | PAGE_RW);
	put(w, L3 + 0x100 * 8, USER | PAGE_RO);
	put(w, L3 + 0x101 * 8, KDATA | PAGE_RW | XN);
	put(w, L3 + 0x102 * 8, RODATA | PAGE_RW);
	put(w, HYPDATA + 0x18, WORD);
	et_finish(w, path);
	assert_int_equal(el2_engine_set_stage2_tables(w->eng, true), EL2_OK);
	assert_true(el2_engine_stage2_tables(w->eng));
	el2_reg_write(w->pe, EL2_SYSREG(VBAR_EL2), et_sym(w, "vectors"));
	el2_reg_write(w->pe, EL2_SYSREG(VBAR_EL1), et_sym(w, "vectors"));
	el2_reg_write(w->pe, EL2_SYSREG(VTTBR_EL2), VTTBR);
	el2_reg_write(w->pe, EL2_SYSREG(VTCR_EL2), VTCR);
}

/* Enters the guest (EL1h, HCR_EL2.VM = 1) at entry with x3 = addr, x5 set;
 * stops at the next exception to EL2 (or the sentinel, x30). */
static el2_run_result guest_access(et_world *w, const char *entry, uint64_t addr)
{
	el2_reg_write(w->pe, EL2_REG_PSTATE, 0x3c9u);
	el2_reg_write(w->pe, EL2_SYSREG(HCR_EL2), EL2_HCR_VM | EL2_HCR_RW);
	el2_reg_write(w->pe, EL2_REG_X(0), et_sym(w, entry));
	el2_reg_write(w->pe, EL2_REG_X(3), addr);
	el2_reg_write(w->pe, EL2_REG_X(5), 0xfeedull);
	el2_reg_write(w->pe, EL2_REG_X(30), SENTINEL);
	el2_run_opts o = el2_run_opts_default();
	o.stop_on_exception_to = 2;
	return et_run_from(w, "enter_guest", &o);
}

static void expect_abort(et_world *w, el2_run_result r, uint32_t esr, uint64_t far, uint64_t hpfar)
{
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(el2_pe_el(w->pe), 2);
	assert_int_equal(et_reg(w, EL2_SYSREG(ESR_EL2)), esr);
	assert_int_equal(et_reg(w, EL2_SYSREG(FAR_EL2)), far);
	assert_int_equal(et_reg(w, EL2_SYSREG(HPFAR_EL2)), hpfar);
}

/* An IPA page the tables leave unmapped: the MMIO-style exit, DFSC
 * Translation at level 3 and HPFAR from the walk's IPA; an IPA whose
 * level-2 entry is invalid faults at level 2 (attributes always say 3). */
static void test_unmapped_ipa_page_is_translation_fault_at_the_walks_level(void **s)
{
	(void)s;
	et_world w;
	open_s2(&w);
	el2_run_result r = guest_access(&w, "do_ldr", HYPDATA + 0x18);
	/* LDR X6: ISV, SAS doubleword, SRT 6, SF; Translation fault, level 3 */
	expect_abort(&w, r, EC(0x24) | ESR_IL | ISV | SAS_D | (6u << 16) | SF | 0x07u,
		     HYPDATA + 0x18, (HYPDATA >> 12) << 4);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ELR_EL2)), et_sym(&w, "do_ldr"));
	r = guest_access(&w, "do_ldr", 0x40400008ull);
	expect_abort(&w, r, EC(0x24) | ESR_IL | ISV | SAS_D | (6u << 16) | SF | 0x06u,
		     0x40400008ull, (0x40400000ull >> 12) << 4);
	et_close(&w);
}

/* S2AP read-only: a store is a stage-2 Permission fault at level 3 (HPFAR
 * not valid), although the region's attributes allow guest writes; a page
 * the attributes make read-only but the tables map RW takes the store. */
static void test_read_only_s2ap_page_is_permission_fault(void **s)
{
	(void)s;
	et_world w;
	open_s2(&w);
	el2_run_result r = guest_access(&w, "do_str", USER + 0x10);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ESR_EL2)),
			 EC(0x24) | ESR_IL | ISV | SAS_D | (5u << 16) | SF | WNR | 0x0fu);
	assert_int_equal(et_reg(&w, EL2_SYSREG(FAR_EL2)), USER + 0x10);
	assert_int_equal(get(&w, USER + 0x10), 0);
	/* do_str then loops (b .): stop by budget after the store */
	el2_reg_write(w.pe, EL2_REG_PSTATE, 0x3c9u);
	el2_reg_write(w.pe, EL2_SYSREG(HCR_EL2), EL2_HCR_VM | EL2_HCR_RW);
	el2_reg_write(w.pe, EL2_REG_X(0), et_sym(&w, "do_str"));
	el2_reg_write(w.pe, EL2_REG_X(3), RODATA + 0x10);
	el2_reg_write(w.pe, EL2_REG_X(5), 0xfeedull);
	el2_run_opts o = el2_run_opts_default();
	o.stop_on_exception_to = 2;
	o.budget = 1000;
	r = et_run_from(&w, "enter_guest", &o);
	assert_int_equal(r.reason, EL2_STOP_BUDGET);
	assert_int_equal(get(&w, RODATA + 0x10), 0xfeedull);
	et_close(&w);
}

/* The tables are walked at every entry to the guest: a page mapped by the
 * hypervisor after a first fault (here written between runs, as EL2 code
 * would before its TLBI) is reached at the next entry. */
static void test_table_change_takes_effect_at_the_next_entry(void **s)
{
	(void)s;
	et_world w;
	open_s2(&w);
	el2_run_result r = guest_access(&w, "do_ldr", HYPDATA + 0x18);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	put(&w, L3 + 0x103 * 8, HYPDATA | PAGE_RO);
	r = guest_access(&w, "do_ldr", HYPDATA + 0x18);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(et_reg(&w, EL2_REG_X(6)), WORD);
	/* and unmapped again */
	put(&w, L3 + 0x103 * 8, 0);
	r = guest_access(&w, "do_ldr", HYPDATA + 0x18);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ESR_EL2)) & 0x3f, 0x07);
	et_close(&w);
}

/* XN: a fetch from KDATA is a stage-2 Permission fault on the fetch
 * (Instruction Abort, EC 0x20, IFSC Permission level 3). */
static void test_xn_page_fetch_is_instruction_permission_fault(void **s)
{
	(void)s;
	et_world w;
	open_s2(&w);
	put(&w, KDATA, 0xd65f03c0d65f03c0ull); /* ret; ret */
	el2_reg_write(w.pe, EL2_REG_PSTATE, 0x3c9u);
	el2_reg_write(w.pe, EL2_SYSREG(HCR_EL2), EL2_HCR_VM | EL2_HCR_RW);
	el2_reg_write(w.pe, EL2_REG_X(0), KDATA);
	el2_run_opts o = el2_run_opts_default();
	o.stop_on_exception_to = 2;
	el2_run_result r = et_run_from(&w, "enter_guest", &o);
	expect_abort(&w, r, EC(0x20) | ESR_IL | 0x0fu, KDATA, et_reg(&w, EL2_SYSREG(HPFAR_EL2)));
	assert_int_equal(et_reg(&w, EL2_SYSREG(ELR_EL2)), KDATA);
	et_close(&w);
}

/* VTTBR_EL2 = 0 (a host's): the level-1 table would be at PA 0, where
 * there is no memory: the guest's first fetch is a synchronous External
 * abort on the stage-2 walk, level 1 (IFSC 0b010101). */
static void test_vttbr_without_tables_is_external_abort_on_the_walk(void **s)
{
	(void)s;
	et_world w;
	open_s2(&w);
	el2_reg_write(w.pe, EL2_SYSREG(VTTBR_EL2), 0);
	el2_run_result r = guest_access(&w, "do_ldr", KDATA);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ESR_EL2)), EC(0x20) | ESR_IL | 0x15u);
	assert_int_equal(et_reg(&w, EL2_SYSREG(FAR_EL2)), et_sym(&w, "do_ldr"));
	et_close(&w);
}

/* IPA != PA cannot be followed on one flat address space: the run stops
 * with an error naming both. */
static void test_ipa_to_other_pa_stops_naming_both(void **s)
{
	(void)s;
	et_world w;
	open_s2(&w);
	put(&w, L3 + 0x100 * 8, KDATA | PAGE_RW);
	el2_run_result r = guest_access(&w, "do_ldr", KDATA);
	assert_int_equal(r.reason, EL2_STOP_ERROR);
	assert_non_null(strstr(r.message, "IPA 0x40100000"));
	assert_non_null(strstr(r.message, "PA 0x40101000"));
	et_close(&w);
}

/* Tables the guest can write: it could map itself anything. Entering the
 * guest stops the run naming the table page. */
static void test_guest_writable_tables_stop_the_run(void **s)
{
	(void)s;
	et_world w;
	open_s2(&w);
	/* IPA 0x40200000-0x403fffff through a second level-3 table whose entry
	 * 3 maps the first level-3 table (PA == IPA 0x40203000) read-write */
	put(&w, L2 + 1 * 8, (S2TAB + 0x4000) | 3);
	put(&w, S2TAB + 0x4000 + 3 * 8, L3 | PAGE_RW);
	el2_run_result r = guest_access(&w, "do_ldr", KDATA);
	assert_int_equal(r.reason, EL2_STOP_ERROR);
	assert_non_null(strstr(r.message, "can write its own stage-2 tables"));
	assert_non_null(strstr(r.message, "PA 0x40203000"));
	et_close(&w);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_guest_writable_tables_stop_the_run),
	cmocka_unit_test(test_unmapped_ipa_page_is_translation_fault_at_the_walks_level),
	cmocka_unit_test(test_read_only_s2ap_page_is_permission_fault),
	cmocka_unit_test(test_table_change_takes_effect_at_the_next_entry),
	cmocka_unit_test(test_xn_page_fetch_is_instruction_permission_fault),
	cmocka_unit_test(test_vttbr_without_tables_is_external_abort_on_the_walk),
	cmocka_unit_test(test_ipa_to_other_pa_stops_naming_both),
};
ET_MAIN(tests)
