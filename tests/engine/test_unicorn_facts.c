/* SPDX-License-Identifier: MIT */
/* The Unicorn behaviours the engine's trap-at-EL0 strategy relies on,
 * checked directly on Unicorn (no el2sim code), so that another Unicorn
 * version fails here, loudly, instead of silently breaking the engine.
 * Each test is named as the fact; docs/unicorn-facts.md lists them.
 *
 * Set-up shared by all tests (what the engine does): CPU model MAX, MMU
 * off, Unicorn's SCTLR_EL1 with UCI=UCT=DZE=UMA=nTWI=nTWE=0, CNTKCTL_EL1=0,
 * CPACR_EL1.FPEN=3, one native ERET at Unicorn-EL1 into EL0, then every
 * run at EL0 with count 0 (no per-instruction hook). Each snippet ends with
 * `br x28`, x28 = an unmapped sentinel: the run ends in the fetch-unmapped
 * hook, which returns false (uc_emu_start then returns
 * UC_ERR_FETCH_UNMAPPED).
 *
 * Instruction words are A64 encodings (DDI 0487 J.a, C6 "A64 Base
 * Instruction Descriptions"; each checked with llvm-mc --show-encoding). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <unicorn/unicorn.h>

/* ---- A64 encodings ---- */
#define I_ERET 0xd69f03e0u          /* eret */
#define I_MRS_X1_TPIDR_EL1 0xd538d081u
#define I_MSR_TPIDR_EL1_X1 0xd518d081u
#define I_MRS_X1_TPIDR_EL2 0xd53cd041u
#define I_MSR_TPIDR_EL2_X1 0xd51cd041u
#define I_MSR_PAN_1 0xd500419fu     /* msr pan, #1 */
#define I_MSR_DAIFSET_2 0xd50342dfu /* msr daifset, #2 */
#define I_MSR_SPSEL_1 0xd50041bfu   /* msr spsel, #1 */
#define I_TLBI_VMALLE1 0xd508871fu
#define I_AT_S1E1R_X1 0xd5087801u
#define I_DC_CIVAC_X1 0xd50b7e21u
#define I_IC_IVAU_X1 0xd50b7521u
#define I_HVC_0 0xd4000002u
#define I_SMC_0 0xd4000003u
#define I_HLT_0 0xd4400000u
#define I_UDF_0 0x00000000u
#define I_SVC_0 0xd4000001u
#define I_BRK_0 0xd4200000u
#define I_WFI 0xd503207fu
#define I_WFE 0xd503205fu
#define I_MRS_X2_NZCV 0xd53b4202u
#define I_MSR_NZCV_X1 0xd51b4201u
#define I_MRS_X4_TPIDR_EL0 0xd53bd044u
#define I_MSR_TPIDR_EL0_X3 0xd51bd043u
#define I_FMOV_D0_X1 0x9e670020u    /* fmov d0, x1 */
#define I_FADD_D0_D0_D0 0x1e602800u /* fadd d0, d0, d0 */
#define I_DC_ZVA_X1 0xd50b7421u
#define I_MRS_X1_CTR_EL0 0xd53b0021u
#define I_MRS_X1_CNTVCT_EL0 0xd53be041u
#define I_MRS_X1_DAIF 0xd53b4221u
#define I_MSR_DAIF_X1 0xd51b4221u
#define I_MRS_X1_CURRENTEL 0xd5384241u
#define I_BR_X28 0xd61f0380u        /* br x28 */
#define I_ADD_X0_1 0x91000400u      /* add x0, x0, #1 */
#define I_ADD_X2_X1_1 0x91000422u   /* add x2, x1, #1 */
#define I_MOVZ_X5_42 0xd2800545u    /* movz x5, #42 */
#define I_LDR_X2_X1 0xf9400022u     /* ldr x2, [x1] */
#define I_STR_X3_X1_8 0xf9000423u   /* str x3, [x1, #8] */
#define I_NOP 0xd503201fu
#define I_B_BACK_1 0x17ffffffu      /* b .-4 (imm26 = -1) */
#define I_MOV_X2_SP 0x910003e2u     /* add x2, sp, #0 (mov x2, sp) */
#define I_MOV_SP_X3 0x9100007fu     /* add sp, x3, #0 (mov sp, x3) */

/* ---- system registers through UC_ARM64_REG_CP_REG (op0, op1, CRn, CRm, op2) ---- */
#define CP_SCTLR_EL1 3, 0, 1, 0, 0
#define CP_SPSR_EL1 3, 0, 4, 0, 0
#define CP_CNTKCTL_EL1 3, 0, 14, 1, 0

/* SCTLR_EL1 bits (DDI 0487 J.a, D17.2 SCTLR_EL1) */
#define SCTLR_UMA (1ull << 9)
#define SCTLR_DZE (1ull << 14)
#define SCTLR_UCT (1ull << 15)
#define SCTLR_NTWI (1ull << 16)
#define SCTLR_NTWE (1ull << 18)
#define SCTLR_UCI (1ull << 26)
#define CNTKCTL_EL0VCTEN (1ull << 1)
#define CPACR_FPEN_SHIFT 20

/* ---- the rig's memory map ---- */
#define STUB 0x10000ull      /* the EL1 ERET stub */
#define CODE 0x11000ull      /* snippets, placed one after another */
#define CODE_SIZE 0xf000ull
#define DATA 0x40000ull      /* uc_mem_map_ptr on rig.data */
#define DATA_SIZE 0x1000ull
#define SENTINEL 0xdead0000ull
#define RUN_TIMEOUT_US 2000000u /* a guard only: no test should reach it */
#define HOOK_BOUND 64u          /* an INTR hook that repeats is stopped */
#define MAX_LOG 64

enum intr_action {
	ACT_SKIP,          /* resume after the instruction (PC+4; SVC: as is) */
	ACT_REDIRECT,      /* PC = redirect */
	ACT_WRITE_X1_SKIP, /* X1 = 0x1234, then skip */
	ACT_STOP,          /* uc_emu_stop, PC untouched */
	ACT_STOP_SKIP,     /* uc_emu_stop and PC+4 */
};

struct trap {
	uint32_t intno;
	uint64_t pc;
	uint32_t word;
};

struct block {
	uint64_t addr;
	uint32_t size;
};

struct rig {
	uc_engine *uc;
	uint8_t *data;
	uint64_t next_code;
	enum intr_action action;
	uint64_t redirect;
	struct trap traps[MAX_LOG];
	unsigned n_traps;
	struct block blocks[MAX_LOG];
	unsigned n_blocks;
	bool fetch_unmapped;
	uint64_t fetch_addr, fetch_pc;
	unsigned stop_after_blocks; /* nonzero: uc_emu_stop in the block hook */
	unsigned n_prot;
	uc_mem_type prot_type;
	uint64_t prot_addr;
	uc_hook h_intr, h_unmapped, h_block, h_prot;
};

static uint64_t reg(struct rig *r, int id)
{
	uint64_t v = 0;
	assert_int_equal(uc_reg_read(r->uc, id, &v), UC_ERR_OK);
	return v;
}

static void set_reg(struct rig *r, int id, uint64_t v)
{
	assert_int_equal(uc_reg_write(r->uc, id, &v), UC_ERR_OK);
}

static uint64_t cp_read(struct rig *r, uint32_t op0, uint32_t op1, uint32_t crn, uint32_t crm,
			uint32_t op2)
{
	uc_arm64_cp_reg cp = {.crn = crn, .crm = crm, .op0 = op0, .op1 = op1, .op2 = op2};
	assert_int_equal(uc_reg_read(r->uc, UC_ARM64_REG_CP_REG, &cp), UC_ERR_OK);
	return cp.val;
}

static void cp_write(struct rig *r, uint32_t op0, uint32_t op1, uint32_t crn, uint32_t crm,
		     uint32_t op2, uint64_t v)
{
	uc_arm64_cp_reg cp = {.crn = crn, .crm = crm, .op0 = op0, .op1 = op1, .op2 = op2, .val = v};
	assert_int_equal(uc_reg_write(r->uc, UC_ARM64_REG_CP_REG, &cp), UC_ERR_OK);
}

static void on_intr(uc_engine *uc, uint32_t intno, void *user)
{
	struct rig *r = user;
	uint64_t pc = 0;
	uc_reg_read(uc, UC_ARM64_REG_PC, &pc);
	if (r->n_traps >= HOOK_BOUND) {
		uc_emu_stop(uc);
		return;
	}
	struct trap *t = &r->traps[r->n_traps++];
	t->intno = intno;
	t->pc = pc;
	t->word = 0xffffffffu;
	uc_mem_read(uc, pc, &t->word, 4);

	uint64_t next = intno == 2 ? pc : pc + 4;
	switch (r->action) {
	case ACT_SKIP:
		uc_reg_write(uc, UC_ARM64_REG_PC, &next);
		break;
	case ACT_REDIRECT:
		uc_reg_write(uc, UC_ARM64_REG_PC, &r->redirect);
		break;
	case ACT_WRITE_X1_SKIP: {
		uint64_t v = 0x1234;
		uc_reg_write(uc, UC_ARM64_REG_X1, &v);
		uc_reg_write(uc, UC_ARM64_REG_PC, &next);
		break;
	}
	case ACT_STOP:
		uc_emu_stop(uc);
		break;
	case ACT_STOP_SKIP:
		uc_emu_stop(uc);
		uc_reg_write(uc, UC_ARM64_REG_PC, &next);
		break;
	}
}

static bool on_unmapped(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
			void *user)
{
	struct rig *r = user;
	if (type == UC_MEM_FETCH_UNMAPPED) {
		r->fetch_unmapped = true;
		r->fetch_addr = addr;
		uc_reg_read(uc, UC_ARM64_REG_PC, &r->fetch_pc);
	}
	return false;
}

static bool on_prot(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
		    void *user)
{
	struct rig *r = user;
	r->n_prot++;
	r->prot_type = type;
	r->prot_addr = addr;
	return false;
}

static void on_block(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	struct rig *r = user;
	if (r->n_blocks < MAX_LOG)
		r->blocks[r->n_blocks] = (struct block){addr, size};
	r->n_blocks++;
	if (r->stop_after_blocks && r->n_blocks >= r->stop_after_blocks)
		uc_emu_stop(uc);
}

static void clear_logs(struct rig *r)
{
	r->n_traps = 0;
	r->n_blocks = 0;
	r->n_prot = 0;
	r->fetch_unmapped = false;
	r->fetch_addr = r->fetch_pc = 0;
}

/* Places words + `br x28` at a fresh address (never a cached block). */
static uint64_t put(struct rig *r, const uint32_t *words, size_t n)
{
	uint64_t at = r->next_code;
	for (size_t i = 0; i < n; i++)
		assert_int_equal(uc_mem_write(r->uc, at + 4 * i, &words[i], 4), UC_ERR_OK);
	uint32_t br = I_BR_X28;
	assert_int_equal(uc_mem_write(r->uc, at + 4 * n, &br, 4), UC_ERR_OK);
	r->next_code = at + 4 * n + 4 + 64; /* gap: separate cache lines */
	assert_true(r->next_code < CODE + CODE_SIZE);
	return at;
}

/* UC_CTL_TB_FLUSH: uc_ctl_flush_tlb on 2.0, uc_ctl_flush_tb on 2.1 (where
 * uc_ctl_flush_tlb flushes only the TLB). */
static uc_err flush_tb(struct rig *r)
{
#ifdef uc_ctl_flush_tb
	return uc_ctl_flush_tb(r->uc);
#else
	return uc_ctl_flush_tlb(r->uc);
#endif
}

/* Unicorn 2.1 or later (facts that differ per version). */
static bool uc_2_1(void)
{
	return uc_version(NULL, NULL) >= 0x02010000u;
}

static uc_err run(struct rig *r, uint64_t start)
{
	clear_logs(r);
	set_reg(r, UC_ARM64_REG_X28, SENTINEL);
	return uc_emu_start(r->uc, start, 0, RUN_TIMEOUT_US, 0);
}

/* The run reached `br x28` and ended at the sentinel. */
static void assert_ended_at_sentinel(struct rig *r, uc_err e)
{
	assert_int_equal(e, UC_ERR_FETCH_UNMAPPED);
	assert_true(r->fetch_unmapped);
	assert_int_equal(r->fetch_addr, SENTINEL);
}

static unsigned pstate_el(struct rig *r)
{
	return (unsigned)(reg(r, UC_ARM64_REG_PSTATE) >> 2) & 3u;
}

/* Native ERET at Unicorn-EL1 with ELR_EL1/SPSR_EL1 from the register API. */
static void enter_el0(struct rig *r)
{
	uint32_t eret = I_ERET;
	assert_int_equal(uc_mem_write(r->uc, STUB, &eret, 4), UC_ERR_OK);
	uint64_t target = put(r, NULL, 0);
	set_reg(r, UC_ARM64_REG_ELR_EL1, target);
	cp_write(r, CP_SPSR_EL1, 0); /* EL0t, DAIF clear */
	assert_ended_at_sentinel(r, run(r, STUB));
	assert_int_equal(pstate_el(r), 0);
}

/* A Unicorn set up as the engine sets it up; el0 says whether to enter EL0. */
static struct rig *rig_new(bool el0)
{
	struct rig *r = calloc(1, sizeof *r);
	assert_non_null(r);
	assert_int_equal(uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &r->uc), UC_ERR_OK);
	assert_int_equal(uc_ctl_set_cpu_model(r->uc, UC_CPU_ARM64_MAX), UC_ERR_OK);
	r->data = aligned_alloc(4096, DATA_SIZE);
	assert_non_null(r->data);
	memset(r->data, 0, DATA_SIZE);
	assert_int_equal(uc_mem_map(r->uc, STUB, 0x1000 + CODE_SIZE, UC_PROT_ALL), UC_ERR_OK);
	assert_int_equal(uc_mem_map_ptr(r->uc, DATA, DATA_SIZE, UC_PROT_READ | UC_PROT_WRITE, r->data),
			 UC_ERR_OK);
	r->next_code = CODE;
	assert_int_equal(uc_hook_add(r->uc, &r->h_intr, UC_HOOK_INTR, (void *)on_intr, r, 1, 0),
			 UC_ERR_OK);
	assert_int_equal(uc_hook_add(r->uc, &r->h_unmapped, UC_HOOK_MEM_UNMAPPED, (void *)on_unmapped,
				     r, 1, 0),
			 UC_ERR_OK);
	assert_int_equal(uc_hook_add(r->uc, &r->h_prot, UC_HOOK_MEM_PROT, (void *)on_prot, r, 1, 0),
			 UC_ERR_OK);
	assert_int_equal(uc_hook_add(r->uc, &r->h_block, UC_HOOK_BLOCK, (void *)on_block, r, 1, 0),
			 UC_ERR_OK);

	uint64_t sctlr = cp_read(r, CP_SCTLR_EL1);
	sctlr &= ~(SCTLR_UCI | SCTLR_UCT | SCTLR_DZE | SCTLR_UMA | SCTLR_NTWI | SCTLR_NTWE | 1ull);
	cp_write(r, CP_SCTLR_EL1, sctlr);
	cp_write(r, CP_CNTKCTL_EL1, 0);
	set_reg(r, UC_ARM64_REG_CPACR_EL1, 3ull << CPACR_FPEN_SHIFT);
	if (el0)
		enter_el0(r);
	return r;
}

static void rig_free(struct rig *r)
{
	uc_close(r->uc);
	free(r->data);
	free(r);
}

/* Runs one word at EL0 (skip action) and checks it trapped once. */
static void assert_traps(struct rig *r, uint32_t word, uint32_t intno, bool pc_is_next)
{
	uint64_t at = put(r, &word, 1);
	r->action = ACT_SKIP;
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(r->n_traps, 1);
	assert_int_equal(r->traps[0].intno, intno);
	assert_int_equal(r->traps[0].pc, pc_is_next ? at + 4 : at);
	assert_int_equal(pstate_el(r), 0);
}

/* ======================= exception level ======================= */

static void test_native_eret_at_el1_enters_el0_and_el0_persists_across_runs(void **state)
{
	struct rig *r = rig_new(false);
	/* Control: at Unicorn-EL1 an EL1 register is accessible natively. */
	assert_int_equal(pstate_el(r), 1);
	set_reg(r, UC_ARM64_REG_TPIDR_EL1, 0x77);
	uint32_t w = I_MRS_X1_TPIDR_EL1;
	uint64_t at = put(r, &w, 1);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(r->n_traps, 0);
	assert_int_equal(reg(r, UC_ARM64_REG_X1), 0x77);

	enter_el0(r);
	for (int i = 0; i < 3; i++) {
		set_reg(r, UC_ARM64_REG_X1, 0);
		assert_traps(r, I_MRS_X1_TPIDR_EL1, 1, false);
		assert_int_equal(reg(r, UC_ARM64_REG_X1), 0);
	}
	rig_free(r);
}

/* ======================= what traps at EL0 ======================= */

struct trap_case {
	const char *text;
	uint32_t word;
};

static const struct trap_case udef_at_el0[] = {
	{"mrs x1, tpidr_el1", I_MRS_X1_TPIDR_EL1},
	{"msr tpidr_el1, x1", I_MSR_TPIDR_EL1_X1},
	{"mrs x1, tpidr_el2", I_MRS_X1_TPIDR_EL2},
	{"msr tpidr_el2, x1", I_MSR_TPIDR_EL2_X1},
	{"mrs x1, currentel", I_MRS_X1_CURRENTEL},
	{"msr pan, #1", I_MSR_PAN_1},
	{"msr daifset, #2", I_MSR_DAIFSET_2},
	{"msr spsel, #1", I_MSR_SPSEL_1},
	{"tlbi vmalle1", I_TLBI_VMALLE1},
	{"at s1e1r, x1", I_AT_S1E1R_X1},
	{"dc civac, x1", I_DC_CIVAC_X1},
	{"ic ivau, x1", I_IC_IVAU_X1},
	{"eret", I_ERET},
	{"hvc #0", I_HVC_0},
	{"smc #0", I_SMC_0},
	{"hlt #0", I_HLT_0},
	{"udf #0", I_UDF_0},
};

static void test_system_insns_at_el0_raise_intno1_with_pc_at_the_insn(void **state)
{
	struct rig *r = rig_new(true);
	for (size_t i = 0; i < sizeof udef_at_el0 / sizeof udef_at_el0[0]; i++) {
		print_message("  %s\n", udef_at_el0[i].text);
		set_reg(r, UC_ARM64_REG_X1, DATA);
		assert_traps(r, udef_at_el0[i].word, 1, false);
		assert_int_equal(r->traps[0].word, udef_at_el0[i].word);
	}
	rig_free(r);
}

static void test_svc_at_el0_raises_intno2_with_pc_after_the_insn(void **state)
{
	struct rig *r = rig_new(true);
	assert_traps(r, I_SVC_0, 2, true);
	rig_free(r);
}

static void test_brk_at_el0_raises_intno7_with_pc_at_the_insn(void **state)
{
	struct rig *r = rig_new(true);
	assert_traps(r, I_BRK_0, 7, false);
	rig_free(r);
}

/* With Unicorn's SCTLR_EL1.nTWI = 0, WFI at EL0 is trapped to EL1
 * (architecturally EC 0x01), which Unicorn reports as intno 1 with PC at
 * the WFI (its helper rewinds PC). */
static void test_wfi_at_el0_with_ntwi_clear_raises_intno1_at_the_insn(void **state)
{
	struct rig *r = rig_new(true);
	assert_traps(r, I_WFI, 1, false);
	rig_free(r);
}

/* Unicorn 2.0.1 implements WFE as YIELD: it never checks nTWE, never traps
 * and does not end the run; it is a no-op (contradicts nothing in
 * UNICORN-NOTES, which only looked at EL1). */
static void test_wfe_at_el0_never_traps_and_is_a_nop(void **state)
{
	struct rig *r = rig_new(true);
	uint64_t at = put(r, (const uint32_t[]){I_WFE, I_ADD_X0_1}, 2);
	set_reg(r, UC_ARM64_REG_X0, 0);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(r->n_traps, 0);
	assert_int_equal(reg(r, UC_ARM64_REG_X0), 1);
	rig_free(r);
}

static void test_nzcv_and_tpidr_el0_run_natively_at_el0(void **state)
{
	struct rig *r = rig_new(true);
	const uint32_t w[] = {I_MSR_NZCV_X1, I_MRS_X2_NZCV, I_MSR_TPIDR_EL0_X3, I_MRS_X4_TPIDR_EL0};
	uint64_t at = put(r, w, 4);
	set_reg(r, UC_ARM64_REG_X1, 0x60000000); /* Z and C */
	set_reg(r, UC_ARM64_REG_X3, 0xabcdef);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(r->n_traps, 0);
	assert_int_equal(reg(r, UC_ARM64_REG_X2), 0x60000000);
	assert_int_equal(reg(r, UC_ARM64_REG_X4), 0xabcdef);
	assert_int_equal(reg(r, UC_ARM64_REG_NZCV) & 0xf0000000u, 0x60000000);
	assert_int_equal(reg(r, UC_ARM64_REG_TPIDR_EL0), 0xabcdef);
	rig_free(r);
}

/* DZE=UCT=UMA=0 and CNTKCTL_EL1=0 make these trap; with the bits set they
 * run natively (the control that shows the bits are what decides). */
static void test_el0_dczva_ctr_cntvct_daif_trap_iff_sctlr_cntkctl_bits_clear(void **state)
{
	static const struct trap_case cases[] = {
		{"dc zva, x1", I_DC_ZVA_X1},
		{"mrs x1, ctr_el0", I_MRS_X1_CTR_EL0},
		{"mrs x1, cntvct_el0", I_MRS_X1_CNTVCT_EL0},
		{"mrs x1, daif", I_MRS_X1_DAIF},
		{"msr daif, x1", I_MSR_DAIF_X1},
	};
	struct rig *r = rig_new(true);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		print_message("  trapped: %s\n", cases[i].text);
		set_reg(r, UC_ARM64_REG_X1, DATA);
		assert_traps(r, cases[i].word, 1, false);
	}
	uint64_t sctlr = cp_read(r, CP_SCTLR_EL1);
	cp_write(r, CP_SCTLR_EL1, sctlr | SCTLR_DZE | SCTLR_UCT | SCTLR_UMA);
	cp_write(r, CP_CNTKCTL_EL1, CNTKCTL_EL0VCTEN);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		print_message("  native: %s\n", cases[i].text);
		set_reg(r, UC_ARM64_REG_X1, DATA);
		uint64_t at = put(r, &cases[i].word, 1);
		assert_ended_at_sentinel(r, run(r, at));
		assert_int_equal(r->n_traps, 0);
	}
	rig_free(r);
}

/* ======================= the INTR hook ======================= */

static void test_intr_hook_writing_pc_resumes_there(void **state)
{
	struct rig *r = rig_new(true);
	const uint32_t w[] = {I_MRS_X1_TPIDR_EL1, I_ADD_X0_1};
	uint64_t at = put(r, w, 2);
	const uint32_t there = I_MOVZ_X5_42;
	r->redirect = put(r, &there, 1);
	r->action = ACT_REDIRECT;
	set_reg(r, UC_ARM64_REG_X0, 0);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(r->n_traps, 1);
	assert_int_equal(reg(r, UC_ARM64_REG_X5), 42);
	assert_int_equal(reg(r, UC_ARM64_REG_X0), 0); /* the add was skipped */
	rig_free(r);
}

static void test_intr_hook_register_write_sticks(void **state)
{
	struct rig *r = rig_new(true);
	const uint32_t w[] = {I_MRS_X1_TPIDR_EL1, I_ADD_X2_X1_1};
	uint64_t at = put(r, w, 2);
	r->action = ACT_WRITE_X1_SKIP;
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(r->n_traps, 1);
	assert_int_equal(reg(r, UC_ARM64_REG_X1), 0x1234);
	assert_int_equal(reg(r, UC_ARM64_REG_X2), 0x1235);
	rig_free(r);
}

/* uc_emu_stop in an INTR hook that leaves PC alone ends the run at the
 * trapping instruction; nothing after it runs. */
static void test_emu_stop_in_intr_hook_without_pc_write_ends_run_at_insn(void **state)
{
	struct rig *r = rig_new(true);
	const uint32_t w[] = {I_MRS_X1_TPIDR_EL1, I_ADD_X0_1};
	uint64_t at = put(r, w, 2);
	r->action = ACT_STOP;
	set_reg(r, UC_ARM64_REG_X0, 0);
	assert_int_equal(run(r, at), UC_ERR_OK);
	assert_int_equal(r->n_traps, 1);
	assert_false(r->fetch_unmapped);
	assert_int_equal(reg(r, UC_ARM64_REG_PC), at);
	assert_int_equal(reg(r, UC_ARM64_REG_X0), 0);
	rig_free(r);
}

/* Unicorn 2.0: uc_emu_stop in an INTR hook that also writes PC is ignored:
 * the run goes on from the new PC (here to the sentinel). Unicorn 2.1
 * honours the stop: the run ends at the new PC, which has not run. */
static void test_emu_stop_in_intr_hook_that_writes_pc_is_ignored(void **state)
{
	struct rig *r = rig_new(true);
	const uint32_t w[] = {I_MRS_X1_TPIDR_EL1, I_ADD_X0_1};
	uint64_t at = put(r, w, 2);
	r->action = ACT_STOP_SKIP;
	set_reg(r, UC_ARM64_REG_X0, 0);
	if (uc_2_1()) {
		assert_int_equal(run(r, at), UC_ERR_OK);
		assert_false(r->fetch_unmapped);
		assert_int_equal(r->n_traps, 1);
		assert_int_equal(reg(r, UC_ARM64_REG_PC), at + 4);
		assert_int_equal(reg(r, UC_ARM64_REG_X0), 0);
		rig_free(r);
		return;
	}
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(r->n_traps, 1);
	assert_int_equal(reg(r, UC_ARM64_REG_X0), 1);
	rig_free(r);
}

/* ======================= FP/SIMD and CPACR_EL1 ======================= */

/* Unicorn 2.0.1 never traps FP/SIMD: its fp_exception_el() returns 0, so
 * CPACR_EL1.FPEN (set before entering EL0, between runs, via the register
 * API or CP_REG) changes nothing, at EL0 or EL1. The engine cannot use
 * Unicorn's CPACR to trap FP; it must detect FP/SIMD words itself. */
static void test_fp_insn_never_traps_whatever_cpacr_fpen(void **state)
{
	static const uint64_t fpen[] = {0, 1, 2};
	for (int el0 = 0; el0 <= 1; el0++) {
		for (size_t i = 0; i < sizeof fpen / sizeof fpen[0]; i++) {
			struct rig *r = rig_new(false);
			set_reg(r, UC_ARM64_REG_CPACR_EL1, fpen[i] << CPACR_FPEN_SHIFT);
			if (el0)
				enter_el0(r);
			uint64_t at = put(r, (const uint32_t[]){I_FMOV_D0_X1, I_FADD_D0_D0_D0}, 2);
			set_reg(r, UC_ARM64_REG_X1, 0x3ff0000000000000ull); /* 1.0 */
			assert_ended_at_sentinel(r, run(r, at));
			assert_int_equal(r->n_traps, 0);
			uint8_t v0[16];
			assert_int_equal(uc_reg_read(r->uc, UC_ARM64_REG_V0, v0), UC_ERR_OK);
			uint64_t d0;
			memcpy(&d0, v0, 8);
			assert_int_equal(d0, 0x4000000000000000ull); /* 2.0 */
			/* and a write between runs changes nothing either */
			set_reg(r, UC_ARM64_REG_CPACR_EL1, 0);
			assert_ended_at_sentinel(r, run(r, at));
			assert_int_equal(r->n_traps, 0);
			rig_free(r);
		}
	}
}

/* ======================= code hooks added or removed later ======================= */

struct code_hits {
	unsigned n;
	uint64_t redirect; /* nonzero: write PC = redirect in the hook */
};

static void on_code(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	struct code_hits *h = user;
	h->n++;
	if (h->redirect && h->n < HOOK_BOUND)
		uc_reg_write(uc, UC_ARM64_REG_PC, &h->redirect);
}

/* Code hooks are compiled into translated blocks and uc_hook_add flushes
 * nothing: a code hook added for an address whose block is cached does not
 * fire until that block is dropped (uc_ctl_remove_cache for the range, or
 * uc_ctl_flush_tlb = UC_CTL_TB_FLUSH for all). Worse, uc_hook_del of a
 * single-address hook does NOT stop it either: the cached block keeps
 * calling it until the range is removed from the cache. */
static void test_bounded_code_hook_add_and_del_take_effect_only_after_cache_removal(void **state)
{
	struct rig *r = rig_new(true);
	uint64_t at = put(r, (const uint32_t[]){I_ADD_X0_1, I_ADD_X0_1}, 2);
	assert_ended_at_sentinel(r, run(r, at));

	struct code_hits hits = {0};
	uc_hook h;
	assert_int_equal(uc_hook_add(r->uc, &h, UC_HOOK_CODE, (void *)on_code, &hits, at + 4, at + 4),
			 UC_ERR_OK);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(hits.n, 0); /* cached block: not hooked */

	assert_int_equal(uc_ctl_remove_cache(r->uc, at + 4, at + 8), UC_ERR_OK);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(hits.n, 1);

	assert_int_equal(uc_hook_del(r->uc, h), UC_ERR_OK);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(hits.n, 2); /* deleted, still called */
	assert_int_equal(uc_ctl_remove_cache(r->uc, at + 4, at + 8), UC_ERR_OK);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(hits.n, 2);

	/* The same with a flush of all blocks instead of one range. */
	assert_int_equal(uc_hook_add(r->uc, &h, UC_HOOK_CODE, (void *)on_code, &hits, at, at),
			 UC_ERR_OK);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(hits.n, 2);
	assert_int_equal(flush_tb(r), UC_ERR_OK);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(hits.n, 3);
	assert_int_equal(uc_hook_del(r->uc, h), UC_ERR_OK);
	assert_int_equal(flush_tb(r), UC_ERR_OK);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(hits.n, 3);
	rig_free(r);
}

/* A code hook on all addresses (begin 1 > end 0), as for tracing: added
 * after translation it fires only after a flush like any other; deleted, it
 * stops at once (no cache removal needed). */
static void test_global_code_hook_needs_flush_to_start_but_stops_at_once_on_del(void **state)
{
	struct rig *r = rig_new(true);
	uint64_t at = put(r, (const uint32_t[]){I_ADD_X0_1, I_ADD_X0_1}, 2);
	assert_ended_at_sentinel(r, run(r, at));

	struct code_hits hits = {0};
	uc_hook h;
	assert_int_equal(uc_hook_add(r->uc, &h, UC_HOOK_CODE, (void *)on_code, &hits, 1, 0), UC_ERR_OK);
	assert_ended_at_sentinel(r, run(r, at));
	unsigned before_flush = hits.n;
	assert_int_equal(flush_tb(r), UC_ERR_OK);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(before_flush, 0);
	assert_int_equal(hits.n, 3); /* add, add, br */

	assert_int_equal(uc_hook_del(r->uc, h), UC_ERR_OK);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(hits.n, 3);
	rig_free(r);
}

/* A code hook (before the instruction) that writes PC prevents the
 * instruction from executing: the way to take an FP trap the engine
 * detects itself, since Unicorn does not trap FP. */
static void test_code_hook_writing_pc_prevents_the_insn(void **state)
{
	struct rig *r = rig_new(true);
	uint64_t at = put(r, (const uint32_t[]){I_ADD_X0_1, I_FMOV_D0_X1, I_ADD_X0_1}, 3);
	struct code_hits hits = {0};
	hits.redirect = put(r, (const uint32_t[]){I_MOVZ_X5_42}, 1);
	uc_hook h;
	assert_int_equal(uc_hook_add(r->uc, &h, UC_HOOK_CODE, (void *)on_code, &hits, at + 4, at + 4),
			 UC_ERR_OK);
	uint8_t zero[16] = {0};
	assert_int_equal(uc_reg_write(r->uc, UC_ARM64_REG_V0, zero), UC_ERR_OK);
	set_reg(r, UC_ARM64_REG_X0, 0);
	set_reg(r, UC_ARM64_REG_X1, 0x1122334455667788ull);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(hits.n, 1);
	assert_int_equal(reg(r, UC_ARM64_REG_X0), 1);
	assert_int_equal(reg(r, UC_ARM64_REG_X5), 42);
	uint8_t v0[16];
	assert_int_equal(uc_reg_read(r->uc, UC_ARM64_REG_V0, v0), UC_ERR_OK);
	assert_memory_equal(v0, zero, 16);
	rig_free(r);
}

/* ======================= blocks ======================= */

static void test_block_hook_gives_address_and_size_in_bytes(void **state)
{
	struct rig *r = rig_new(true);
	const uint32_t w[] = {I_ADD_X0_1, I_ADD_X0_1, I_ADD_X0_1};
	uint64_t at = put(r, w, 3);
	set_reg(r, UC_ARM64_REG_X0, 0);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(r->n_blocks, 1);
	assert_int_equal(r->blocks[0].addr, at);
	assert_int_equal(r->blocks[0].size, 16); /* 3 adds + br */
	assert_int_equal(reg(r, UC_ARM64_REG_X0), 3);
	rig_free(r);
}

/* Where a trapped instruction ends the block the block hook reported:
 * - decided when translating (MRS/MSR of a register UNDEFINED at EL0 by its
 *   encoding; WFI, which always ends its block): the block ends AT the
 *   trapping instruction;
 * - decided by a run-time check (SCTLR_EL1.UCT for CTR_EL0, DZE for DC ZVA):
 *   the block hook reported the WHOLE block, the instructions after the
 *   trap never ran, and the engine must subtract them.
 * Either way the run resumes (PC+4 written in the INTR hook) with a new
 * block at PC+4. */
static void test_block_reported_before_a_trap_ends_at_the_insn_or_spans_it(void **state)
{
	static const struct {
		const char *text;
		uint32_t word;
		uint32_t first_block_bytes; /* block: add, <insn>, add, add, br */
	} cases[] = {
		{"mrs x1, tpidr_el1 (translate time)", I_MRS_X1_TPIDR_EL1, 8},
		{"wfi (translate time)", I_WFI, 8},
		{"mrs x1, ctr_el0 (run time)", I_MRS_X1_CTR_EL0, 20},
		{"dc zva, x1 (run time)", I_DC_ZVA_X1, 20},
	};
	struct rig *r = rig_new(true);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		print_message("  %s\n", cases[i].text);
		const uint32_t w[] = {I_ADD_X0_1, cases[i].word, I_ADD_X0_1, I_ADD_X0_1};
		uint64_t at = put(r, w, 4);
		set_reg(r, UC_ARM64_REG_X0, 0);
		set_reg(r, UC_ARM64_REG_X1, DATA);
		assert_ended_at_sentinel(r, run(r, at));
		assert_int_equal(r->n_traps, 1);
		assert_int_equal(r->traps[0].pc, at + 4);
		assert_int_equal(r->n_blocks, 2);
		assert_int_equal(r->blocks[0].addr, at);
		assert_int_equal(r->blocks[0].size, cases[i].first_block_bytes);
		assert_int_equal(r->blocks[1].addr, at + 8);
		assert_int_equal(r->blocks[1].size, 12);
		assert_int_equal(reg(r, UC_ARM64_REG_X0), 3);
	}
	rig_free(r);
}

/* uc_emu_stop in the block hook (how a budget ends `b .`): the run ends
 * with UC_ERR_OK BEFORE the block whose hook called stop executes; PC is
 * that block's address (x0 counts the blocks that executed). */
static void test_emu_stop_in_block_hook_ends_run_before_that_block(void **state)
{
	struct rig *r = rig_new(true);
	uint64_t at = put(r, (const uint32_t[]){I_ADD_X0_1, I_B_BACK_1}, 2);
	set_reg(r, UC_ARM64_REG_X0, 0);
	r->stop_after_blocks = 10;
	assert_int_equal(run(r, at), UC_ERR_OK);
	r->stop_after_blocks = 0;
	assert_int_equal(r->n_blocks, 10);
	assert_int_equal(reg(r, UC_ARM64_REG_X0), 9);
	assert_int_equal(reg(r, UC_ARM64_REG_PC), at);
	rig_free(r);
}

/* At EL0 UC_ARM64_REG_SP is the live stack pointer (SP_EL0): written from
 * outside it is what `mov x2, sp` sees, and a `mov sp, x3` shows in it. */
static void test_reg_sp_is_the_live_sp_at_el0(void **state)
{
	struct rig *r = rig_new(true);
	uint64_t at = put(r, (const uint32_t[]){I_MOV_X2_SP, I_MOV_SP_X3}, 2);
	set_reg(r, UC_ARM64_REG_SP, DATA + 0x800);
	set_reg(r, UC_ARM64_REG_X3, DATA + 0x400);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(reg(r, UC_ARM64_REG_X2), DATA + 0x800);
	assert_int_equal(reg(r, UC_ARM64_REG_SP), DATA + 0x400);
	rig_free(r);
}

/* ======================= memory ======================= */

static void test_fetch_unmapped_hook_gets_the_sentinel_address(void **state)
{
	struct rig *r = rig_new(true);
	uint64_t at = put(r, NULL, 0);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(r->fetch_pc, SENTINEL);
	assert_int_equal(reg(r, UC_ARM64_REG_PC), SENTINEL);
	rig_free(r);
}

static void test_mem_map_ptr_shares_bytes_with_the_host_buffer(void **state)
{
	struct rig *r = rig_new(true);
	uint64_t v = 0x0102030405060708ull;
	memcpy(r->data, &v, 8);
	uint64_t at = put(r, (const uint32_t[]){I_LDR_X2_X1, I_STR_X3_X1_8}, 2);
	set_reg(r, UC_ARM64_REG_X1, DATA);
	set_reg(r, UC_ARM64_REG_X3, 0xfeedfacecafebeefull);
	assert_ended_at_sentinel(r, run(r, at));
	assert_int_equal(reg(r, UC_ARM64_REG_X2), v);
	memcpy(&v, r->data + 8, 8);
	assert_int_equal(v, 0xfeedfacecafebeefull);
	rig_free(r);
}

/* After uc_mem_protect(UC_PROT_NONE), a load, a store and a fetch in that
 * page reach UC_HOOK_MEM_{READ,WRITE,FETCH}_PROT with the address — also
 * for code and data that ran before with access (cached block and TLB). */
static void test_mem_protect_none_raises_prot_hooks_even_after_cached_access(void **state)
{
	struct rig *r = rig_new(true);
	uint64_t ld = put(r, (const uint32_t[]){I_LDR_X2_X1}, 1);
	uint64_t st = put(r, (const uint32_t[]){I_STR_X3_X1_8}, 1);
	set_reg(r, UC_ARM64_REG_X1, DATA);
	assert_ended_at_sentinel(r, run(r, ld));
	assert_ended_at_sentinel(r, run(r, st));
	assert_int_equal(r->n_prot, 0);

	assert_int_equal(uc_mem_protect(r->uc, DATA, DATA_SIZE, UC_PROT_NONE), UC_ERR_OK);
	assert_int_equal(run(r, ld), UC_ERR_READ_PROT);
	assert_int_equal(r->n_prot, 1);
	assert_int_equal(r->prot_type, UC_MEM_READ_PROT);
	assert_int_equal(r->prot_addr, DATA);
	assert_int_equal(run(r, st), UC_ERR_WRITE_PROT);
	assert_int_equal(r->n_prot, 1);
	assert_int_equal(r->prot_type, UC_MEM_WRITE_PROT);
	assert_int_equal(r->prot_addr, DATA + 8);

	/* Code: a block that ran before, in a page now without access. */
	uint64_t code_page = ld & ~0xfffull;
	assert_int_equal(uc_mem_protect(r->uc, code_page, 0x1000, UC_PROT_NONE), UC_ERR_OK);
	assert_int_equal(run(r, ld), UC_ERR_FETCH_PROT);
	assert_int_equal(r->prot_type, UC_MEM_FETCH_PROT);
	assert_int_equal(r->prot_addr, ld);
	rig_free(r);
}

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* The cost is printed, not asserted (machines differ). */
static void test_mem_protect_cost_is_printed(void **state)
{
	struct rig *r = rig_new(true);
	/* Translate something first so there is a TLB/TB state to flush. */
	uint64_t ld = put(r, (const uint32_t[]){I_LDR_X2_X1}, 1);
	set_reg(r, UC_ARM64_REG_X1, DATA);
	assert_ended_at_sentinel(r, run(r, ld));
	enum { N = 2000 };
	double t0 = now_ns();
	for (int i = 0; i < N; i++) {
		assert_int_equal(uc_mem_protect(r->uc, DATA, DATA_SIZE, UC_PROT_NONE), UC_ERR_OK);
		assert_int_equal(uc_mem_protect(r->uc, DATA, DATA_SIZE, UC_PROT_READ | UC_PROT_WRITE),
				 UC_ERR_OK);
	}
	double ns = (now_ns() - t0) / (2.0 * N);
	print_message("  uc_mem_protect of one 4 KiB page: %.0f ns per call\n", ns);
	assert_ended_at_sentinel(r, run(r, ld));
	rig_free(r);
}

/* ======================= FEAT_PAuth and SVE words ======================= */

#define I_PACIASP 0xd503233fu
#define I_AUTIASP 0xd50323bfu
#define I_XPACLRI 0xd50320ffu
#define I_PACIA_X0_X1 0xdac10020u
#define I_AUTIA_X0_X1 0xdac11020u
#define I_PACGA_X0_X0_X1 0x9ac13000u
#define I_XPACI_X0 0xdac143e0u
#define I_RETAA 0xd65f0bffu
#define I_BRAA_X0_X1 0xd71f0801u
#define I_RDVL_X0_1 0x04bf5020u
#define I_PTRUE_P0_B 0x2518e3e0u
#define SCTLR_PAUTH_ENABLES ((1ull << 31) | (1ull << 30) | (1ull << 27) | (1ull << 13))
#define CP_SCR_EL3 3, 6, 1, 1, 0
#define CP_HCR_EL2 3, 4, 1, 1, 0
#define CP_APIAKEYLO 3, 0, 2, 1, 0
#define CP_APIAKEYHI 3, 0, 2, 1, 1
#define CP_APGAKEYLO 3, 0, 2, 3, 0
#define CP_APGAKEYHI 3, 0, 2, 3, 1

/* The engine's set-up with FEAT_PAuth: Unicorn's SCTLR_EL1 key enables
 * set before the ERET into EL0 (its cached flags are computed there). */
static struct rig *rig_new_pauth(void)
{
	struct rig *r = rig_new(false);
	cp_write(r, CP_SCTLR_EL1, cp_read(r, CP_SCTLR_EL1) | SCTLR_PAUTH_ENABLES);
	enter_el0(r);
	return r;
}

static const struct trap_case pauth_traps[] = {
	{"paciasp", I_PACIASP},   {"autiasp", I_AUTIASP},        {"pacia x0, x1", I_PACIA_X0_X1},
	{"autia x0, x1", I_AUTIA_X0_X1}, {"pacga x0, x0, x1", I_PACGA_X0_X0_X1},
	{"retaa", I_RETAA},       {"braa x0, x1", I_BRAA_X0_X1},
};

/* MAX implements PAuth (ID_AA64ISAR1_EL1 APA = GPA = 1). With its key
 * enables set, every PAC/AUT/PACGA/RETAA/BRAA at EL0 raises intno 1 at the
 * instruction (Unicorn's HCR_EL2.API and SCR_EL3.API are 0: its
 * pauth_check_trap fires), so the model, which owns the keys, performs
 * them. XPACI and XPACLRI never trap: they strip natively as for Unicorn's
 * TCR_EL1 = 0 (48-bit VA, no TBI). */
static void test_pauth_insns_trap_at_el0_with_unicorn_key_enables_xpac_runs_natively(void **state)
{
	struct rig *r = rig_new_pauth();
	assert_int_equal((cp_read(r, 3, 0, 0, 6, 1) >> 4) & 0xf, 1);  /* APA */
	assert_int_equal((cp_read(r, 3, 0, 0, 6, 1) >> 24) & 0xf, 1); /* GPA */
	for (size_t i = 0; i < sizeof pauth_traps / sizeof pauth_traps[0]; i++) {
		print_message("  %s\n", pauth_traps[i].text);
		set_reg(r, UC_ARM64_REG_X30, CODE);
		assert_traps(r, pauth_traps[i].word, 1, false);
	}
	set_reg(r, UC_ARM64_REG_X0, 0x00ab000000401000ull);
	uint32_t w = I_XPACI_X0;
	assert_ended_at_sentinel(r, run(r, put(r, &w, 1)));
	assert_int_equal(r->n_traps, 0);
	assert_int_equal(reg(r, UC_ARM64_REG_X0), 0xffff000000401000ull);
	set_reg(r, UC_ARM64_REG_X30, 0x00ab000000401000ull);
	w = I_XPACLRI;
	assert_ended_at_sentinel(r, run(r, put(r, &w, 1)));
	assert_int_equal(r->n_traps, 0);
	assert_int_equal(reg(r, UC_ARM64_REG_X30), 0xffff000000401000ull);
	rig_free(r);
}

/* Without the enables (the engine's set-up for a PE without PAuth) the
 * PAC hints and PACIA run natively as no-ops; PACGA (no enable) traps. */
static void test_pauth_insns_without_unicorn_key_enables_are_native_no_ops(void **state)
{
	struct rig *r = rig_new(true);
	set_reg(r, UC_ARM64_REG_X30, 0x401000);
	set_reg(r, UC_ARM64_REG_X0, 0x12345678);
	uint32_t w[2] = {I_PACIASP, I_PACIA_X0_X1};
	assert_ended_at_sentinel(r, run(r, put(r, w, 2)));
	assert_int_equal(r->n_traps, 0);
	assert_int_equal(reg(r, UC_ARM64_REG_X30), 0x401000);
	assert_int_equal(reg(r, UC_ARM64_REG_X0), 0x12345678);
	assert_traps(r, I_PACGA_X0_X0_X1, 1, false);
	rig_free(r);
}

/* The reference values tests/test_pauth.c expects of the model: Unicorn's
 * (QEMU's) architected PAC at Unicorn-EL1 with SCR_EL3.API/APK, HCR_EL2.API
 * and the key enables set, TCR_EL1 = 0. */
static void test_unicorn_pac_values_for_the_model_tests(void **state)
{
	struct rig *r = rig_new(false);
	cp_write(r, CP_SCR_EL3, (1ull << 0) | (1ull << 10) | (1ull << 16) | (1ull << 17));
	cp_write(r, CP_HCR_EL2, (1ull << 31) | (1ull << 40) | (1ull << 41));
	cp_write(r, CP_SCTLR_EL1, cp_read(r, CP_SCTLR_EL1) | SCTLR_PAUTH_ENABLES);
	cp_write(r, CP_APIAKEYLO, 0x0123456789abcdefull);
	cp_write(r, CP_APIAKEYHI, 0xfedcba9876543210ull);
	cp_write(r, CP_APGAKEYLO, 0x1111222233334444ull);
	cp_write(r, CP_APGAKEYHI, 0x5555666677778888ull);
	/* a native ERET to EL1h rebuilds the cached flags (key enables) */
	uint32_t eret = I_ERET;
	assert_int_equal(uc_mem_write(r->uc, STUB, &eret, 4), UC_ERR_OK);
	set_reg(r, UC_ARM64_REG_ELR_EL1, put(r, NULL, 0));
	cp_write(r, CP_SPSR_EL1, 0x3c5);
	assert_ended_at_sentinel(r, run(r, STUB));
	assert_int_equal(pstate_el(r), 1);
	static const struct {
		uint32_t word;
		uint64_t x0, x1, want;
	} v[] = {
		{I_PACGA_X0_X0_X1, 0x12345678, 0x42, 0x59d02b3600000000ull},
		{I_PACGA_X0_X0_X1, 0x1234567890abcdefull, 0xfedcba0987654321ull, 0x39c6afa500000000ull},
		{I_PACIA_X0_X1, 0x12345678, 0x42, 0x8649000012345678ull},
		{I_PACIA_X0_X1, 0xffff800012345678ull, 0x42, 0x69c2800012345678ull},
		{I_AUTIA_X0_X1, 0x8649000012345678ull, 0x42, 0x12345678},
		{I_AUTIA_X0_X1, 0x8649000012345678ull ^ (1ull << 50), 0x42, 0x2000000012345678ull},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		set_reg(r, UC_ARM64_REG_X0, v[i].x0);
		set_reg(r, UC_ARM64_REG_X1, v[i].x1);
		assert_ended_at_sentinel(r, run(r, put(r, &v[i].word, 1)));
		assert_int_equal(r->n_traps, 0);
		assert_int_equal(reg(r, UC_ARM64_REG_X0), v[i].want);
	}
	rig_free(r);
}

/* MAX implements SVE (ID_AA64PFR0_EL1.SVE = 1), but in the engine's set-up
 * (CPACR_EL1.ZEN = 0, CPTR_EL3.EZ = 0) every SVE instruction raises intno 1
 * at the instruction, even RDVL: Unicorn never executes one, so the model
 * sees each (its CheckSVEEnabled traps; RDVL/ADDVL/ADDPL it performs). */
static void test_sve_insns_at_el0_raise_intno1(void **state)
{
	struct rig *r = rig_new(true);
	assert_int_equal((cp_read(r, 3, 0, 0, 4, 0) >> 32) & 0xf, 1);
	assert_traps(r, I_RDVL_X0_1, 1, false);
	assert_traps(r, I_PTRUE_P0_B, 1, false);
	rig_free(r);
}

#if UC_API_MAJOR > 2 || (UC_API_MAJOR == 2 && UC_API_MINOR >= 1)
static unsigned data_fills;

static bool on_fill_identity(uc_engine *uc, uint64_t va, uc_mem_type type, uc_tlb_entry *e,
			     void *user)
{
	(void)uc, (void)type, (void)user;
	if (va == DATA)
		data_fills++;
	e->paddr = va;
	e->perms = UC_PROT_ALL;
	return true;
}

/* Unicorn's own HCR_EL2: RW, plus E2H and TGE (ELIsInHost(EL0)). */
static void set_e20(struct rig *r, bool on)
{
	cp_write(r, 3, 4, 1, 1, 0, (1ull << 31) | (on ? (1ull << 34) | (1ull << 27) : 0));
}
#endif

/* The engine runs the host's EL0/EL1 under E2H = TGE = 1 and the guest's
 * under E2H = TGE = 0 so that each keeps its TLB entries (engine_tlb.c):
 * an HCR_EL2 write with E2H/TGE changed moves EL0 to mmu_idx E20_0 (a
 * fill for a page E10_0 had) and flushes nothing (back in E10_0 the page
 * needs no fill, nor in E20_0 after that). */
static void test_hcr_e2h_tge_write_switches_el0_tlb_without_flushing(void **state)
{
	(void)state;
#if UC_API_MAJOR > 2 || (UC_API_MAJOR == 2 && UC_API_MINOR >= 1)
	struct rig *r = rig_new(true);
	uc_hook h;
	cp_write(r, 3, 6, 1, 1, 0, 0x501); /* SCR_EL3: NS, HCE, RW (EL2 AArch64) */
	assert_int_equal(uc_ctl_tlb_mode(r->uc, UC_TLB_VIRTUAL), UC_ERR_OK);
	assert_int_equal(uc_hook_add(r->uc, &h, UC_HOOK_TLB_FILL, (void *)on_fill_identity, NULL, 1,
				     0),
			 UC_ERR_OK);
	const uint32_t ldr = I_LDR_X2_X1;
	uint64_t code = put(r, &ldr, 1);
	set_reg(r, UC_ARM64_REG_X1, DATA);
	const bool e20[5] = {false, false, true, false, true};
	const unsigned fills[5] = {1, 1, 2, 2, 2};
	data_fills = 0;
	for (int i = 0; i < 5; i++) {
		set_e20(r, e20[i]);
		assert_ended_at_sentinel(r, run(r, code));
		assert_int_equal(pstate_el(r), 0);
		assert_int_equal(data_fills, fills[i]);
	}
	rig_free(r);
#else
	print_message("Unicorn < 2.1: no TLB-fill hook (the engine uses one TLB here)\n");
	skip();
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_native_eret_at_el1_enters_el0_and_el0_persists_across_runs),
		cmocka_unit_test(test_system_insns_at_el0_raise_intno1_with_pc_at_the_insn),
		cmocka_unit_test(test_svc_at_el0_raises_intno2_with_pc_after_the_insn),
		cmocka_unit_test(test_brk_at_el0_raises_intno7_with_pc_at_the_insn),
		cmocka_unit_test(test_wfi_at_el0_with_ntwi_clear_raises_intno1_at_the_insn),
		cmocka_unit_test(test_wfe_at_el0_never_traps_and_is_a_nop),
		cmocka_unit_test(test_nzcv_and_tpidr_el0_run_natively_at_el0),
		cmocka_unit_test(test_el0_dczva_ctr_cntvct_daif_trap_iff_sctlr_cntkctl_bits_clear),
		cmocka_unit_test(test_intr_hook_writing_pc_resumes_there),
		cmocka_unit_test(test_intr_hook_register_write_sticks),
		cmocka_unit_test(test_emu_stop_in_intr_hook_without_pc_write_ends_run_at_insn),
		cmocka_unit_test(test_emu_stop_in_intr_hook_that_writes_pc_is_ignored),
		cmocka_unit_test(test_fp_insn_never_traps_whatever_cpacr_fpen),
		cmocka_unit_test(test_bounded_code_hook_add_and_del_take_effect_only_after_cache_removal),
		cmocka_unit_test(test_global_code_hook_needs_flush_to_start_but_stops_at_once_on_del),
		cmocka_unit_test(test_code_hook_writing_pc_prevents_the_insn),
		cmocka_unit_test(test_block_hook_gives_address_and_size_in_bytes),
		cmocka_unit_test(test_block_reported_before_a_trap_ends_at_the_insn_or_spans_it),
		cmocka_unit_test(test_emu_stop_in_block_hook_ends_run_before_that_block),
		cmocka_unit_test(test_reg_sp_is_the_live_sp_at_el0),
		cmocka_unit_test(test_fetch_unmapped_hook_gets_the_sentinel_address),
		cmocka_unit_test(test_mem_map_ptr_shares_bytes_with_the_host_buffer),
		cmocka_unit_test(test_mem_protect_none_raises_prot_hooks_even_after_cached_access),
		cmocka_unit_test(test_mem_protect_cost_is_printed),
		cmocka_unit_test(test_pauth_insns_trap_at_el0_with_unicorn_key_enables_xpac_runs_natively),
		cmocka_unit_test(test_pauth_insns_without_unicorn_key_enables_are_native_no_ops),
		cmocka_unit_test(test_unicorn_pac_values_for_the_model_tests),
		cmocka_unit_test(test_sve_insns_at_el0_raise_intno1),
		cmocka_unit_test(test_hcr_e2h_tge_write_switches_el0_tlb_without_flushing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
