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

/* ---- isolation: protection profiles, PAN, LDTR/STTR, EL0 (faults_prot.S) ---- */

#define USER 0x40100000ull  /* HOST|GUEST|EL0: EL0 data */
#define KDATA 0x40101000ull /* HOST|GUEST: EL1-only data */
#define RODATA 0x40102000ull /* GUEST|RO: the guest's read-only page */
#define HYPDATA 0x40103000ull /* HYP: hypervisor-only */
#define DFSC_PERM_L3 0x0fu
#define WNR (1u << 6)
#define SAS_D (3u << 22)
#define SF (1u << 15)
#define EC(x) ((uint32_t)(x) << 26)
#define PSR_EL1H 0x3c5u /* EL1h, DAIF masked */
#define PSR_EL2H 0x3c9u
#define PSR_PAN (1u << 22)
#define PSR_UAO (1u << 23)
#define USER_WORD 0x8877665544332211ull
#define KDATA_WORD 0x0123456789abcdefull
#define HPFAR_TAG 0x55555555550ull /* only FIPA bits [43:4] */

/* The fixture in RAM (HOST|HYP|GUEST) plus four one-page regions whose
 * owner and EL0 attributes differ. */
static void open_prot(et_world *w)
{
	el2_config cfg = el2_config_default();
	const char *path = et_begin(w, "faults_prot", &cfg);
	assert_int_equal(el2_mem_add(w->mem, "user", USER, 0x1000,
				     EL2_MEM_HOST | EL2_MEM_GUEST | EL2_MEM_EL0 | EL2_MEM_XN), EL2_OK);
	assert_int_equal(el2_mem_add(w->mem, "kdata", KDATA, 0x1000,
				     EL2_MEM_HOST | EL2_MEM_GUEST | EL2_MEM_XN), EL2_OK);
	assert_int_equal(el2_mem_add(w->mem, "rodata", RODATA, 0x1000,
				     EL2_MEM_GUEST | EL2_MEM_RO | EL2_MEM_XN), EL2_OK);
	assert_int_equal(el2_mem_add(w->mem, "hypdata", HYPDATA, 0x1000,
				     EL2_MEM_HYP | EL2_MEM_XN), EL2_OK);
	uint64_t u = USER_WORD, k = KDATA_WORD;
	assert_int_equal(el2_mem_write(w->mem, USER, &u, 8), EL2_OK);
	assert_int_equal(el2_mem_write(w->mem, KDATA, &k, 8), EL2_OK);
	assert_int_equal(el2_mem_write(w->mem, RODATA, &k, 8), EL2_OK);
	et_finish(w, path);
	el2_reg_write(w->pe, EL2_SYSREG(VBAR_EL1), et_sym(w, "vectors"));
	el2_reg_write(w->pe, EL2_SYSREG(VBAR_EL2), et_sym(w, "vectors"));
}

static uint64_t tag_hpfar(void *ctx, el2_reg reg, uint64_t old)
{
	(void)ctx;
	return reg == EL2_SYSREG(HPFAR_EL2) ? HPFAR_TAG : old;
}

/* Enters the guest (EL1, HCR_EL2.VM = 1) at `entry` with x3 = addr. */
static el2_run_result guest_access(et_world *w, const char *entry, uint64_t addr)
{
	el2_reg_write(w->pe, EL2_SYSREG(HCR_EL2), EL2_HCR_VM | EL2_HCR_RW);
	el2_reg_write(w->pe, EL2_REG_X(0), et_sym(w, entry));
	el2_reg_write(w->pe, EL2_REG_X(3), addr);
	el2_reg_write(w->pe, EL2_REG_X(5), 0xfeedull);
	el2_run_opts o = el2_run_opts_default();
	o.stop_on_exception_to = 2;
	return et_run_from(w, "enter_guest", &o);
}

/* Runs `entry` at the EL and PSTATE bits given (HCR_EL2 as given), x3 =
 * addr, stopping on entry to stop_el. */
static el2_run_result run_at(et_world *w, uint64_t hcr, uint32_t pstate, const char *entry,
			     uint64_t addr, int stop_el)
{
	el2_reg_write(w->pe, EL2_SYSREG(HCR_EL2), hcr);
	el2_reg_write(w->pe, EL2_REG_PSTATE, pstate);
	el2_reg_write(w->pe, EL2_REG_X(3), addr);
	el2_reg_write(w->pe, EL2_REG_X(9), 0xa5a5c3c3ull);
	el2_run_opts o = el2_run_opts_default();
	o.stop_on_exception_to = stop_el;
	return et_run_from(w, entry, &o);
}

static uint64_t mem64(et_world *w, uint64_t a)
{
	uint64_t v = 0;
	assert_int_equal(el2_mem_read(w->mem, a, &v, 8), EL2_OK);
	return v;
}

static void test_guest_store_to_ro_page_is_stage2_permission_with_unknown_hpfar(void **s)
{
	(void)s;
	et_world w;
	open_prot(&w);
	el2_pe_set_unknown_hook(w.pe, tag_hpfar, NULL);
	el2_run_result r = guest_access(&w, "do_str", RODATA + 0x10);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(el2_pe_el(w.pe), 2);
	/* STR X5: ISV, SAS doubleword, SRT 5, SF, WnR; permission fault L3 */
	assert_int_equal(et_reg(&w, EL2_SYSREG(ESR_EL2)),
			 EC(0x24) | ESR_IL | ISV | SAS_D | (5u << 16) | SF | WNR | DFSC_PERM_L3);
	assert_int_equal(et_reg(&w, EL2_SYSREG(FAR_EL2)), RODATA + 0x10);
	/* IPAValid is false for a stage-2 permission fault: HPFAR UNKNOWN */
	assert_int_equal(et_reg(&w, EL2_SYSREG(HPFAR_EL2)), HPFAR_TAG);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ELR_EL2)), et_sym(&w, "do_str"));
	assert_int_equal(mem64(&w, RODATA + 0x10), 0); /* not written */
	et_close(&w);
}

static void test_guest_load_from_hyp_page_is_stage2_translation_exit(void **s)
{
	(void)s;
	et_world w;
	open_prot(&w);
	el2_run_result r = guest_access(&w, "do_ldr", HYPDATA + 0x18);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	/* LDR X6: ISV, SAS doubleword, SRT 6, SF; translation fault L3 */
	assert_int_equal(et_reg(&w, EL2_SYSREG(ESR_EL2)),
			 EC(0x24) | ESR_IL | ISV | SAS_D | (6u << 16) | SF | DFSC_TRANS_L3);
	assert_int_equal(et_reg(&w, EL2_SYSREG(FAR_EL2)), HYPDATA + 0x18);
	assert_int_equal(et_reg(&w, EL2_SYSREG(HPFAR_EL2)), (HYPDATA >> 12) << 4);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ELR_EL2)), et_sym(&w, "do_ldr"));
	et_close(&w);
}

static void test_guest_load_from_hyp_page_succeeds_with_isolation_off(void **s)
{
	(void)s;
	et_world w;
	open_prot(&w);
	uint64_t v = 0x1122;
	el2_mem_write(w.mem, HYPDATA + 0x18, &v, 8);
	assert_true(el2_engine_isolation(w.eng));
	assert_int_equal(el2_engine_set_isolation(w.eng, false), EL2_OK);
	el2_reg_write(w.pe, EL2_SYSREG(HCR_EL2), EL2_HCR_VM | EL2_HCR_RW);
	el2_reg_write(w.pe, EL2_REG_PSTATE, PSR_EL1H);
	el2_reg_write(w.pe, EL2_REG_X(3), HYPDATA + 0x18);
	el2_run_result r = et_run_from(&w, "do_ldr", NULL);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(et_reg(&w, EL2_REG_X(6)), 0x1122);
	et_close(&w);
}

static void test_el1_pan_load_from_el0_page_is_stage1_permission_ec25(void **s)
{
	(void)s;
	et_world w;
	open_prot(&w);
	el2_run_result r = run_at(&w, EL2_HCR_RW, PSR_EL1H | PSR_PAN, "do_ldr", USER + 8, 1);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(el2_pe_el(w.pe), 1);
	/* stage 1: no instruction syndrome; permission fault L3, same EL */
	assert_int_equal(et_reg(&w, EL2_SYSREG(ESR_EL1)), EC(0x25) | ESR_IL | DFSC_PERM_L3);
	assert_int_equal(et_reg(&w, EL2_SYSREG(FAR_EL1)), USER + 8);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ELR_EL1)), et_sym(&w, "do_ldr"));
	/* SPSR_EL1 keeps PAN = 1 of the interrupted EL1 */
	assert_int_equal(et_reg(&w, EL2_SYSREG(SPSR_EL1)) & (PSR_PAN | 0xfu), PSR_PAN | 5u);
	et_close(&w);
}

/* A refused access faults every time, not only the first: the EL1
 * handler returns to the same load with PAN still set, three times
 * (Unicorn keeps a TLB entry for a page whose first access it refused; a
 * retry must not slip through it). */
static void test_el1_pan_fault_repeats_on_retry(void **s)
{
	(void)s;
	et_world w;
	open_prot(&w);
	el2_reg_write(w.pe, EL2_SYSREG(VBAR_EL1), et_sym(&w, "retry_vectors"));
	el2_reg_write(w.pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	el2_reg_write(w.pe, EL2_REG_PSTATE, PSR_EL1H | PSR_PAN);
	el2_reg_write(w.pe, EL2_REG_X(3), USER + 8);
	el2_reg_write(w.pe, EL2_REG_X(11), 0);
	el2_run_opts o = el2_run_opts_default();
	o.budget = 200;
	el2_run_result r = et_run_from(&w, "do_ldr", &o);
	assert_int_equal(r.reason, EL2_STOP_BUDGET);
	assert_int_equal(et_reg(&w, EL2_REG_X(11)), 3);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ESR_EL1)), EC(0x25) | ESR_IL | DFSC_PERM_L3);
	assert_int_equal(et_reg(&w, EL2_REG_X(6)), 0); /* never loaded */
	et_close(&w);
}

static void test_el1_without_pan_loads_from_el0_page(void **s)
{
	(void)s;
	et_world w;
	open_prot(&w);
	el2_run_result r = run_at(&w, EL2_HCR_RW, PSR_EL1H, "do_ldr", USER, 1);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(et_reg(&w, EL2_REG_X(6)), USER_WORD);
	et_close(&w);
}

static void test_ldtr_sttr_at_el1_with_pan_access_el0_page(void **s)
{
	(void)s;
	et_world w;
	open_prot(&w);
	el2_run_result r = run_at(&w, EL2_HCR_RW, PSR_EL1H | PSR_PAN, "do_ldtr", USER, 1);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(et_reg(&w, EL2_REG_X(8)), USER_WORD);
	assert_int_equal(et_reg(&w, EL2_REG_X(10)), 0xffffffffffffff88ull); /* LDTRSB of 0x88 */
	assert_int_equal(mem64(&w, USER + 8), 0xa5a5c3c3ull);               /* STTR W9 */
	/* 3 unprivileged accesses + RET, each counted once */
	assert_int_equal(r.insns, 4);
	et_close(&w);
}

static void test_ldtr_at_el1_uao0_from_el1_only_page_is_permission_fault(void **s)
{
	(void)s;
	et_world w;
	open_prot(&w);
	el2_run_result r = run_at(&w, EL2_HCR_RW, PSR_EL1H, "do_ldtr", KDATA, 1);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(el2_pe_el(w.pe), 1);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ESR_EL1)), EC(0x25) | ESR_IL | DFSC_PERM_L3);
	assert_int_equal(et_reg(&w, EL2_SYSREG(FAR_EL1)), KDATA);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ELR_EL1)), et_sym(&w, "do_ldtr"));
	assert_int_not_equal(et_reg(&w, EL2_REG_X(8)), KDATA_WORD);
	et_close(&w);
}

static void test_ldtr_at_el1_uao1_is_privileged_and_reads_el1_only_page(void **s)
{
	(void)s;
	et_world w;
	open_prot(&w);
	el2_run_result r = run_at(&w, EL2_HCR_RW, PSR_EL1H | PSR_UAO, "do_ldtr", KDATA, 1);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(et_reg(&w, EL2_REG_X(8)), KDATA_WORD);
	assert_int_equal(et_reg(&w, EL2_REG_X(10)), 0x1ull); /* LDTRSB of 0x01 */
	assert_int_equal(mem64(&w, KDATA + 8), 0xa5a5c3c3ull);
	et_close(&w);
}

static void test_ldtr_at_el1_uao1_with_pan_on_el0_page_is_permission_fault(void **s)
{
	(void)s;
	et_world w;
	open_prot(&w);
	el2_run_result r =
		run_at(&w, EL2_HCR_RW, PSR_EL1H | PSR_UAO | PSR_PAN, "do_ldtr", USER, 1);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ESR_EL1)), EC(0x25) | ESR_IL | DFSC_PERM_L3);
	assert_int_equal(et_reg(&w, EL2_SYSREG(FAR_EL1)), USER);
	et_close(&w);
}

static void test_el0_load_from_non_el0_page_is_permission_fault_to_el1(void **s)
{
	(void)s;
	et_world w;
	open_prot(&w);
	el2_run_result r = run_at(&w, EL2_HCR_RW, 0 /* EL0t */, "do_ldr", KDATA + 0x20, 1);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(el2_pe_el(w.pe), 1);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ESR_EL1)), EC(0x24) | ESR_IL | DFSC_PERM_L3);
	assert_int_equal(et_reg(&w, EL2_SYSREG(FAR_EL1)), KDATA + 0x20);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ELR_EL1)), et_sym(&w, "do_ldr"));
	et_close(&w);
}

static void test_el0_load_from_el0_page_succeeds(void **s)
{
	(void)s;
	et_world w;
	open_prot(&w);
	el2_run_result r = run_at(&w, EL2_HCR_RW, 0, "do_ldr", USER, 1);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(et_reg(&w, EL2_REG_X(6)), USER_WORD);
	et_close(&w);
}

static void test_vhe_host_el2_pan_load_from_el0_page_faults_to_el2_ec25(void **s)
{
	(void)s;
	et_world w;
	open_prot(&w);
	el2_run_result r = run_at(&w, EL2_HCR_E2H | EL2_HCR_TGE | EL2_HCR_RW, PSR_EL2H | PSR_PAN,
				  "do_ldr", USER + 0x30, 2);
	assert_int_equal(r.reason, EL2_STOP_EXCEPTION);
	assert_int_equal(el2_pe_el(w.pe), 2);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ESR_EL2)), EC(0x25) | ESR_IL | DFSC_PERM_L3);
	assert_int_equal(et_reg(&w, EL2_SYSREG(FAR_EL2)), USER + 0x30);
	assert_int_equal(et_reg(&w, EL2_SYSREG(ELR_EL2)), et_sym(&w, "do_ldr"));
	et_close(&w);
}

static void test_nvhe_el2_ignores_pan(void **s)
{
	(void)s;
	et_world w;
	open_prot(&w);
	/* PAN acts at EL2 only with E2H = TGE = 1 */
	el2_run_result r = run_at(&w, EL2_HCR_RW, PSR_EL2H | PSR_PAN, "do_ldr", USER, 2);
	assert_int_equal(r.reason, EL2_STOP_SENTINEL);
	assert_int_equal(et_reg(&w, EL2_REG_X(6)), USER_WORD);
	et_close(&w);
}

/* Seed scenario 4 */
typedef struct ev_log {
	size_t n;
	el2_event ev[32];
} ev_log;

static void log_event(void *ctx, const el2_event *ev)
{
	ev_log *l = ctx;
	if (l->n < 32)
		l->ev[l->n++] = *ev;
}

static void test_seed4_guest_ro_store_el2_handler_at_s1e1r_then_hvc(void **s)
{
	(void)s;
	et_world w;
	open_prot(&w);
	ev_log log = {0};
	el2_engine_set_event_hook(w.eng, log_event, &log);
	el2_reg_write(w.pe, EL2_SYSREG(VBAR_EL2), et_sym(&w, "s4_vectors"));
	el2_reg_write(w.pe, EL2_SYSREG(HCR_EL2), EL2_HCR_VM | EL2_HCR_RW);
	el2_reg_write(w.pe, EL2_REG_X(0), et_sym(&w, "s4_guest"));
	el2_reg_write(w.pe, EL2_REG_X(3), RODATA + 0x28);
	el2_reg_write(w.pe, EL2_REG_X(5), 0x77);
	el2_run_opts o = el2_run_opts_default();
	o.n_stop_addrs = 1;
	o.stop_addrs[0] = et_sym(&w, "s4_done");
	el2_run_result r = et_run_from(&w, "enter_guest", &o);
	assert_int_equal(r.reason, EL2_STOP_ADDRESS);
	assert_int_equal(el2_pe_el(w.pe), 2);
	/* Stage 1 of EL1&0 off (SCTLR_EL1.M = 0, HCR_EL2.DC = 0): PA = VA,
	 * Device-nGnRnE (ATTR 0x00) reported Outer Shareable (SH 0b10),
	 * bit 11 RES1, F = 0. */
	uint64_t par = ((RODATA + 0x28) & 0xfffffffff000ull) | (1ull << 11) | (2ull << 7);
	assert_int_equal(et_reg(&w, EL2_REG_X(20)), par);
	assert_int_equal(et_reg(&w, EL2_SYSREG(PAR_EL1)), par);
	assert_int_equal(et_reg(&w, EL2_REG_X(22)), RODATA + 0x28); /* FAR_EL2 */
	assert_int_equal(mem64(&w, RODATA + 0x28), 0);             /* store not performed */
	/* the events in order: ERET into the guest, the abort, FAR read, AT,
	 * PAR read, ERET back, HVC */
	const struct {
		el2_event_kind kind;
		el2_reg reg;
		unsigned to_el;
		uint32_t ec;
	} want[] = {
		{EL2_EV_ERET, EL2_REG_NONE, 1, 0},
		{EL2_EV_EXCEPTION, EL2_REG_NONE, 2, 0x24},
		{EL2_EV_SYSREG_READ, EL2_SYSREG(FAR_EL2), 2, 0},
		{EL2_EV_SYSOP, EL2_REG_NONE, 2, 0},
		{EL2_EV_SYSREG_READ, EL2_SYSREG(PAR_EL1), 2, 0},
		{EL2_EV_ERET, EL2_REG_NONE, 1, 0},
		{EL2_EV_EXCEPTION, EL2_REG_NONE, 2, 0x16},
	};
	size_t k = 0;
	for (size_t i = 0; i < log.n && k < sizeof(want) / sizeof(want[0]); i++) {
		const el2_event *e = &log.ev[i];
		if (e->kind != want[k].kind || e->to_el != want[k].to_el)
			continue;
		if (want[k].reg != EL2_REG_NONE && e->reg != want[k].reg)
			continue;
		if (e->kind == EL2_EV_EXCEPTION && (e->esr >> 26) != want[k].ec)
			continue;
		if (e->kind == EL2_EV_SYSOP)
			assert_int_equal(e->value, RODATA + 0x28); /* AT's Xt */
		k++;
	}
	assert_int_equal(k, sizeof(want) / sizeof(want[0]));
	/* no exception other than the two */
	size_t exc = 0;
	for (size_t i = 0; i < log.n; i++)
		exc += log.ev[i].kind == EL2_EV_EXCEPTION;
	assert_int_equal(exc, 2);
	/* the HVC's ELR is after the stepped-over store */
	assert_int_equal(et_reg(&w, EL2_SYSREG(ELR_EL2)), et_sym(&w, "s4_guest") + 8);
	et_close(&w);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_guest_ldr_to_unmapped_ipa_exits_with_full_syndrome),
	cmocka_unit_test(test_guest_strb_reports_wnr_and_byte_size),
	cmocka_unit_test(test_guest_ldp_has_no_instruction_syndrome),
	cmocka_unit_test(test_guest_fetch_from_unmapped_ipa_is_an_instruction_abort),
	cmocka_unit_test(test_hypervisor_wild_access_stops_with_symbol_and_address),
	cmocka_unit_test(test_guest_store_to_ro_page_is_stage2_permission_with_unknown_hpfar),
	cmocka_unit_test(test_guest_load_from_hyp_page_is_stage2_translation_exit),
	cmocka_unit_test(test_guest_load_from_hyp_page_succeeds_with_isolation_off),
	cmocka_unit_test(test_el1_pan_load_from_el0_page_is_stage1_permission_ec25),
	cmocka_unit_test(test_el1_pan_fault_repeats_on_retry),
	cmocka_unit_test(test_el1_without_pan_loads_from_el0_page),
	cmocka_unit_test(test_ldtr_sttr_at_el1_with_pan_access_el0_page),
	cmocka_unit_test(test_ldtr_at_el1_uao0_from_el1_only_page_is_permission_fault),
	cmocka_unit_test(test_ldtr_at_el1_uao1_is_privileged_and_reads_el1_only_page),
	cmocka_unit_test(test_ldtr_at_el1_uao1_with_pan_on_el0_page_is_permission_fault),
	cmocka_unit_test(test_el0_load_from_non_el0_page_is_permission_fault_to_el1),
	cmocka_unit_test(test_el0_load_from_el0_page_succeeds),
	cmocka_unit_test(test_vhe_host_el2_pan_load_from_el0_page_faults_to_el2_ec25),
	cmocka_unit_test(test_nvhe_el2_ignores_pan),
	cmocka_unit_test(test_seed4_guest_ro_store_el2_handler_at_s1e1r_then_hvc),
};
ET_MAIN(tests)
