/* SPDX-License-Identifier: MIT */
/* AArch64.TakeException / AArch64.ReportException: vector offsets, PSTATE
 * on entry, SPSR/ELR/ESR/FAR/HPFAR, UNKNOWN values, invalid targets.
 * Expected values are derived by hand from DDI 0487 J.a. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "pe_internal.h"

#define VBAR1 0x0000000040000800ull /* bit 11 set: [63:11] kept */
#define VBAR2 0x0000000080001000ull

static el2_pe *make_pe(uint32_t features, bool have_el2)
{
	el2_config cfg = el2_config_default();
	cfg.features = features;
	cfg.have_el2 = have_el2;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	SR(pe, VBAR_EL1) = VBAR1;
	SR(pe, VBAR_EL2) = VBAR2;
	return pe;
}

static uint64_t mode(unsigned el, bool sp)
{
	return ((uint64_t)el << EL2_PSR_EL_SHIFT) | (sp ? EL2_PSR_SP : 0);
}

static const el2_exception svc = {.type = EL2_EXC_SVC, .iss = 0x1234};

/* ---- vector offsets ---- */
struct vec_row {
	unsigned from_el;
	bool spx;
	unsigned kind;   /* 0 sync, 0x80 IRQ, 0x100 FIQ, 0x180 SError */
	unsigned target;
	unsigned offset; /* expected, by hand */
};

static const struct vec_row vec_rows[] = {
	{0, false, 0x000, 1, 0x400}, {0, false, 0x080, 1, 0x480},
	{0, false, 0x100, 2, 0x500}, {0, false, 0x180, 2, 0x580},
	{1, false, 0x000, 1, 0x000}, {1, true, 0x000, 1, 0x200},
	{1, true, 0x080, 1, 0x280},  {1, false, 0x180, 1, 0x180},
	{1, true, 0x100, 2, 0x500},  {1, false, 0x000, 2, 0x400},
	{2, false, 0x000, 2, 0x000}, {2, true, 0x080, 2, 0x280},
	{2, true, 0x180, 2, 0x380},  {2, false, 0x100, 2, 0x100},
	{2, true, 0x000, 2, 0x200},
};

static void test_vector_offset_depends_on_source_el_and_spsel(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(vec_rows) / sizeof(vec_rows[0]); i++) {
		const struct vec_row *r = &vec_rows[i];
		el2_pe *pe = make_pe(EL2_FEAT_ALL, true);
		pe->s.pstate = mode(r->from_el, r->spx);
		el2_exception e = {.type = r->kind == 0x0 ? EL2_EXC_SVC :
					   r->kind == 0x80 ? EL2_EXC_IRQ :
					   r->kind == 0x100 ? EL2_EXC_FIQ : EL2_EXC_SERROR};
		el2_exc_outcome o;
		assert_int_equal(el2_take_exception(pe, r->target, &e, 0x1000, r->kind, &o), EL2_OK);
		uint64_t vbar = r->target == 2 ? VBAR2 : VBAR1;
		uint64_t want = (vbar & ~0x7ffull) | r->offset;
		assert_int_equal(o.vect_offset, r->offset);
		assert_int_equal(o.vector, want);
		assert_int_equal(pe->s.pc, want);
		assert_int_equal(o.from_el, r->from_el);
		assert_int_equal(o.target_el, r->target);
		assert_int_equal(pe_el(pe), r->target);
		el2_pe_free(&pe);
	}
}

/* ---- PSTATE on entry ---- */
static el2_pe *take_from(uint32_t features, uint64_t pstate, unsigned target)
{
	el2_pe *pe = make_pe(features, true);
	pe->s.pstate = pstate & pe_pstate_mask(pe);
	assert_int_equal(el2_take_exception(pe, target, &svc, 0x2000, 0, NULL), EL2_OK);
	return pe;
}

static void test_entry_masks_daif(void **state)
{
	(void)state;
	el2_pe *pe = take_from(EL2_FEAT_ALL, mode(0, false), 1);
	assert_int_equal(pe->s.pstate & EL2_PSR_DAIF, EL2_PSR_DAIF);
	assert_int_equal(SR(pe, SPSR_EL1) & EL2_PSR_DAIF, 0);
	el2_pe_free(&pe);
}

static void test_entry_selects_sp_elx(void **state)
{
	(void)state;
	el2_pe *pe = take_from(EL2_FEAT_ALL, mode(1, false), 1);
	assert_int_equal(pe->s.pstate & EL2_PSR_M, EL2_PSR_MODE_EL1h);
	assert_int_equal(current_sp_slot(pe), EL2_SR_SP_EL1);
	assert_int_equal(SR(pe, SPSR_EL1) & EL2_PSR_M, EL2_PSR_MODE_EL1t);
	el2_pe_free(&pe);
}

static void test_entry_clears_ss_and_saves_it(void **state)
{
	(void)state;
	el2_pe *pe = take_from(EL2_FEAT_ALL, mode(0, false) | EL2_PSR_SS, 1);
	assert_int_equal(pe->s.pstate & EL2_PSR_SS, 0);
	assert_int_equal(SR(pe, SPSR_EL1) & EL2_PSR_SS, EL2_PSR_SS);
	el2_pe_free(&pe);
}

static void test_entry_clears_il_and_saves_it(void **state)
{
	(void)state;
	el2_pe *pe = take_from(EL2_FEAT_ALL, mode(1, true) | EL2_PSR_IL, 1);
	assert_int_equal(pe->s.pstate & EL2_PSR_IL, 0);
	assert_int_equal(SR(pe, SPSR_EL1) & EL2_PSR_IL, EL2_PSR_IL);
	el2_pe_free(&pe);
}

static void test_entry_clears_uao(void **state)
{
	(void)state;
	el2_pe *pe = take_from(EL2_FEAT_ALL, mode(1, true) | EL2_PSR_UAO, 2);
	assert_int_equal(pe->s.pstate & EL2_PSR_UAO, 0);
	assert_int_equal(SR(pe, SPSR_EL2) & EL2_PSR_UAO, EL2_PSR_UAO);
	el2_pe_free(&pe);
}

static void test_entry_to_el1_sets_pan_when_span_is_0(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true);
	pe->s.pstate = mode(0, false);
	SR(pe, SCTLR_EL1) &= ~EL2_SCTLR_SPAN;
	assert_int_equal(el2_take_exception(pe, 1, &svc, 0, 0, NULL), EL2_OK);
	assert_int_equal(pe->s.pstate & EL2_PSR_PAN, EL2_PSR_PAN);
	el2_pe_free(&pe);
}

static void test_entry_to_el1_keeps_pan_when_span_is_1(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true);
	pe->s.pstate = mode(0, false);
	SR(pe, SCTLR_EL1) |= EL2_SCTLR_SPAN;
	assert_int_equal(el2_take_exception(pe, 1, &svc, 0, 0, NULL), EL2_OK);
	assert_int_equal(pe->s.pstate & EL2_PSR_PAN, 0);
	el2_pe_free(&pe);
}

/* PAN at EL2 only in the EL2&0 host regime (E2H = TGE = 1), by SCTLR_EL2.SPAN. */
struct pan_row {
	uint64_t hcr;
	uint64_t sctlr_el2;
	bool pan;
};

static const struct pan_row pan_rows[] = {
	{EL2_HCR_E2H | EL2_HCR_TGE, 0, true},
	{EL2_HCR_E2H | EL2_HCR_TGE, EL2_SCTLR_SPAN, false},
	{EL2_HCR_E2H, 0, false},   /* VHE guest running: not the host regime */
	{0, 0, false},             /* nVHE */
	{EL2_HCR_TGE, 0, false},   /* TGE without E2H */
};

static void test_entry_to_el2_sets_pan_only_in_host_regime(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(pan_rows) / sizeof(pan_rows[0]); i++) {
		el2_pe *pe = make_pe(EL2_FEAT_ALL, true);
		pe->s.pstate = mode(0, false);
		SR(pe, HCR_EL2) = pan_rows[i].hcr | EL2_HCR_RW;
		SR(pe, SCTLR_EL2) = pan_rows[i].sctlr_el2;
		assert_int_equal(el2_take_exception(pe, 2, &svc, 0, 0, NULL), EL2_OK);
		assert_int_equal((pe->s.pstate & EL2_PSR_PAN) != 0, pan_rows[i].pan);
		el2_pe_free(&pe);
	}
}

static void test_entry_without_feat_pan_never_sets_pan(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL & ~(EL2_FEAT_PAN | EL2_FEAT_PAN2), true);
	pe->s.pstate = mode(0, false);
	SR(pe, SCTLR_EL1) = 0;
	assert_int_equal(el2_take_exception(pe, 1, &svc, 0, 0, NULL), EL2_OK);
	assert_int_equal(pe->s.pstate & EL2_PSR_PAN, 0);
	el2_pe_free(&pe);
}

static void test_entry_sets_ssbs_from_dssbs(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true);
	pe->s.pstate = mode(0, false);
	SR(pe, SCTLR_EL1) |= EL2_SCTLR_DSSBS;
	assert_int_equal(el2_take_exception(pe, 1, &svc, 0, 0, NULL), EL2_OK);
	assert_int_equal(pe->s.pstate & EL2_PSR_SSBS, EL2_PSR_SSBS);

	pe->s.pstate = mode(1, true) | EL2_PSR_SSBS;
	SR(pe, SCTLR_EL2) &= ~EL2_SCTLR_DSSBS;
	assert_int_equal(el2_take_exception(pe, 2, &svc, 0, 0, NULL), EL2_OK);
	assert_int_equal(pe->s.pstate & EL2_PSR_SSBS, 0);
	assert_int_equal(SR(pe, SPSR_EL2) & EL2_PSR_SSBS, EL2_PSR_SSBS);
	el2_pe_free(&pe);
}

static void test_entry_clears_btype_and_spsr_btype_depends_on_type(void **state)
{
	(void)state;
	const uint64_t bt = 2ull << EL2_PSR_BTYPE_SHIFT;
	/* SVC is not in the list: SPSR.BTYPE zero (model's choice). */
	el2_pe *pe = take_from(EL2_FEAT_ALL, mode(0, false) | bt, 1);
	assert_int_equal(pe->s.pstate & EL2_PSR_BTYPE, 0);
	assert_int_equal(SR(pe, SPSR_EL1) & EL2_PSR_BTYPE, 0);
	el2_pe_free(&pe);
	/* Instruction Abort and BRK keep it. */
	const el2_exc_type keep[] = {EL2_EXC_INSTR_ABORT, EL2_EXC_BRK, EL2_EXC_IRQ,
				     EL2_EXC_ILLEGAL_STATE, EL2_EXC_PC_ALIGN};
	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		pe = make_pe(EL2_FEAT_ALL, true);
		pe->s.pstate = mode(0, false) | bt;
		el2_exception e = {.type = keep[i]};
		assert_int_equal(el2_take_exception(pe, 1, &e, 0, keep[i] == EL2_EXC_IRQ ? 0x80 : 0, NULL), EL2_OK);
		assert_int_equal(SR(pe, SPSR_EL1) & EL2_PSR_BTYPE, bt);
		assert_int_equal(pe->s.pstate & EL2_PSR_BTYPE, 0);
		el2_pe_free(&pe);
	}
}

static void test_entry_sets_tco_with_mte(void **state)
{
	(void)state;
	el2_pe *pe = take_from(EL2_FEAT_ALL, mode(0, false), 1);
	assert_int_equal(pe->s.pstate & EL2_PSR_TCO, EL2_PSR_TCO);
	el2_pe_free(&pe);
	pe = take_from(EL2_FEAT_ALL & ~EL2_FEAT_MTE, mode(0, false), 1);
	assert_int_equal(pe->s.pstate & EL2_PSR_TCO, 0);
	el2_pe_free(&pe);
}

static void test_entry_keeps_nzcv_and_dit(void **state)
{
	(void)state;
	el2_pe *pe = take_from(EL2_FEAT_ALL, mode(0, false) | EL2_PSR_N | EL2_PSR_C | EL2_PSR_DIT, 1);
	assert_int_equal(pe->s.pstate & (EL2_PSR_NZCV | EL2_PSR_DIT), EL2_PSR_N | EL2_PSR_C | EL2_PSR_DIT);
	el2_pe_free(&pe);
}

/* ---- registers written ---- */
static void test_entry_writes_spsr_elr_esr_far_hpfar_of_el2(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true);
	uint64_t ps = mode(1, true) | EL2_PSR_Z | EL2_PSR_I;
	pe->s.pstate = ps;
	SR(pe, ESR_EL1) = 0x1111;
	SR(pe, FAR_EL1) = 0x2222;
	el2_exception e = {.type = EL2_EXC_DATA_ABORT, .iss = 0x93c08007, /* masked to 25 bits */
			   .far_valid = true, .vaddress = 0xffff800012345678ull,
			   .ipa_valid = true, .ipaddress = 0x000fedcba9876543ull};
	el2_exc_outcome o;
	assert_int_equal(el2_take_exception(pe, 2, &e, 0xffff800000001000ull, 0, &o), EL2_OK);
	/* EC 0x24 (lower EL), IL = 1, ISS = 0x93c08007 & 0x1ffffff = 0x1c08007 */
	uint32_t esr = (0x24u << 26) | (1u << 25) | 0x1c08007u;
	assert_int_equal(o.esr, esr);
	assert_int_equal(SR(pe, ESR_EL2), esr);
	assert_int_equal(SR(pe, SPSR_EL2), ps);
	assert_int_equal(SR(pe, ELR_EL2), 0xffff800000001000ull);
	assert_int_equal(SR(pe, FAR_EL2), 0xffff800012345678ull);
	/* FIPA [43:4] = IPA[51:12] = 0xfedcba9876 */
	assert_int_equal(SR(pe, HPFAR_EL2), 0xfedcba9876ull << 4);
	/* EL1 registers untouched */
	assert_int_equal(SR(pe, ESR_EL1), 0x1111);
	assert_int_equal(SR(pe, FAR_EL1), 0x2222);
	el2_pe_free(&pe);
}

static void test_same_el_abort_uses_current_el_ec(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true);
	pe->s.pstate = mode(2, true);
	el2_exception e = {.type = EL2_EXC_INSTR_ABORT, .iss = 0x7, .far_valid = true, .vaddress = 4};
	el2_exc_outcome o;
	assert_int_equal(el2_take_exception(pe, 2, &e, 0, 0, &o), EL2_OK);
	assert_int_equal(EL2_ESR_EC(o.esr), 0x21);
	el2_pe_free(&pe);
}

static uint64_t tag_hook(void *ctx, el2_reg reg, uint64_t old)
{
	(void)old;
	*(int *)ctx += 1;
	return 0xa5a5a5a5a5a5a5a5ull ^ reg;
}

static void test_far_and_hpfar_are_unknown_without_address(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true);
	int calls = 0;
	el2_pe_set_unknown_hook(pe, tag_hook, &calls);
	pe->s.pstate = mode(1, true);
	uint64_t old_hpfar = 0x8000000000000000ull; /* NS bit, outside FIPA */
	SR(pe, HPFAR_EL2) = old_hpfar;
	el2_exception e = {.type = EL2_EXC_HVC, .iss = 0};
	assert_int_equal(el2_take_exception(pe, 2, &e, 0, 0, NULL), EL2_OK);
	uint64_t far_tag = 0xa5a5a5a5a5a5a5a5ull ^ EL2_SYSREG(FAR_EL2);
	uint64_t hp_tag = 0xa5a5a5a5a5a5a5a5ull ^ EL2_SYSREG(HPFAR_EL2);
	const uint64_t fipa = 0xffffffffffull << 4;
	assert_int_equal(SR(pe, FAR_EL2), far_tag);
	assert_int_equal(SR(pe, HPFAR_EL2), (old_hpfar & ~fipa) | (hp_tag & fipa));
	assert_int_equal(calls, 2);
	el2_pe_free(&pe);
}

static void test_far_is_unknown_for_abort_without_valid_address(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true);
	int calls = 0;
	el2_pe_set_unknown_hook(pe, tag_hook, &calls);
	pe->s.pstate = mode(0, false);
	el2_exception e = {.type = EL2_EXC_DATA_ABORT, .far_valid = false, .vaddress = 0x1234};
	assert_int_equal(el2_take_exception(pe, 1, &e, 0, 0, NULL), EL2_OK);
	assert_int_equal(SR(pe, FAR_EL1), 0xa5a5a5a5a5a5a5a5ull ^ EL2_SYSREG(FAR_EL1));
	el2_pe_free(&pe);
}

static void test_irq_and_fiq_write_no_esr_far(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true);
	int calls = 0;
	el2_pe_set_unknown_hook(pe, tag_hook, &calls);
	pe->s.pstate = mode(0, false);
	SR(pe, ESR_EL1) = 0x5555;
	SR(pe, FAR_EL1) = 0x6666;
	el2_exception e = {.type = EL2_EXC_IRQ};
	el2_exc_outcome o;
	assert_int_equal(el2_take_exception(pe, 1, &e, 0x40, 0x80, &o), EL2_OK);
	assert_int_equal(o.esr, 0);
	assert_int_equal(SR(pe, ESR_EL1), 0x5555);
	assert_int_equal(SR(pe, FAR_EL1), 0x6666);
	assert_int_equal(SR(pe, ELR_EL1), 0x40);
	assert_int_equal(calls, 0);
	el2_pe_free(&pe);
}

static void test_serror_writes_ec_2f(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true);
	pe->s.pstate = mode(1, true);
	el2_exception e = {.type = EL2_EXC_SERROR};
	el2_exc_outcome o;
	assert_int_equal(el2_take_exception(pe, 1, &e, 0, 0x180, &o), EL2_OK);
	assert_int_equal(SR(pe, ESR_EL1), 0xbe000000u); /* EC 0x2F, IL 1 */
	el2_pe_free(&pe);
}

static void test_vector_branch_drops_tag_with_tbi(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true);
	pe->s.pstate = mode(2, true);
	SR(pe, HCR_EL2) = EL2_HCR_RW; /* nVHE: TCR_EL2.TBI, zero-extended */
	SR(pe, TCR_EL2) = EL2_TCR_EL2_TBI;
	SR(pe, VBAR_EL2) = 0x5a00000080001000ull;
	el2_exc_outcome o;
	assert_int_equal(el2_take_exception(pe, 2, &svc, 0, 0, &o), EL2_OK);
	assert_int_equal(o.vector, 0x0000000080001200ull);
	el2_pe_free(&pe);
}

/* ---- invalid targets ---- */
static void test_invalid_targets_are_rejected_without_change(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true);
	pe->s.pstate = mode(2, true);
	pe->s.pc = 0x1234;
	assert_int_equal(el2_take_exception(pe, 1, &svc, 0, 0, NULL), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_take_exception(pe, 0, &svc, 0, 0, NULL), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_take_exception(pe, 3, &svc, 0, 0, NULL), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_take_exception(pe, 2, &svc, 0, 0x40, NULL), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_take_exception(pe, 2, NULL, 0, 0, NULL), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_take_exception(NULL, 2, &svc, 0, 0, NULL), EL2_ERR_INVALID_ARG);
	assert_int_equal(pe->s.pc, 0x1234);
	assert_int_equal(pe_el(pe), 2);
	el2_pe_free(&pe);

	pe = make_pe(EL2_FEAT_ALL & ~EL2_FEAT_VHE, false);
	pe->s.pstate = mode(0, false);
	assert_int_equal(el2_take_exception(pe, 2, &svc, 0, 0, NULL), EL2_ERR_INVALID_ARG);
	el2_pe_free(&pe);
}

/* ---- routing of synchronous exceptions ---- */
struct route_row {
	el2_exc_type type;
	unsigned el;
	uint64_t hcr;
	uint64_t mdcr;
	bool stage2;
	unsigned target;
};

static const struct route_row route_rows[] = {
	{EL2_EXC_UNCATEGORIZED, 0, 0, 0, false, 1},
	{EL2_EXC_UNCATEGORIZED, 0, EL2_HCR_TGE, 0, false, 2},
	{EL2_EXC_UNCATEGORIZED, 1, 0, 0, false, 1},
	{EL2_EXC_UNCATEGORIZED, 2, 0, 0, false, 2},
	{EL2_EXC_SVC, 0, EL2_HCR_TGE | EL2_HCR_E2H, 0, false, 2},
	{EL2_EXC_SVC, 1, 0, 0, false, 1},
	{EL2_EXC_SVC, 2, 0, 0, false, 2},
	{EL2_EXC_HVC, 1, 0, 0, false, 2},
	{EL2_EXC_BRK, 0, 0, 0, false, 1},
	{EL2_EXC_BRK, 1, 0, EL2_MDCR_TDE, false, 2},
	{EL2_EXC_BRK, 0, EL2_HCR_TGE, 0, false, 2},
	{EL2_EXC_DATA_ABORT, 1, 0, 0, false, 1},
	{EL2_EXC_DATA_ABORT, 1, 0, 0, true, 2},
	{EL2_EXC_DATA_ABORT, 0, EL2_HCR_TGE, 0, false, 2},
	{EL2_EXC_INSTR_ABORT, 2, 0, 0, false, 2},
	{EL2_EXC_ILLEGAL_STATE, 0, EL2_HCR_TGE, 0, false, 2},
	{EL2_EXC_ILLEGAL_STATE, 1, 0, 0, false, 1},
	{EL2_EXC_PC_ALIGN, 1, EL2_HCR_TGE, 0, false, 2},
	{EL2_EXC_PC_ALIGN, 0, 0, 0, false, 1},
	{EL2_EXC_SP_ALIGN, 2, 0, 0, false, 2},
};

static void test_sync_routing_follows_raising_pseudocode(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(route_rows) / sizeof(route_rows[0]); i++) {
		const struct route_row *r = &route_rows[i];
		el2_pe *pe = make_pe(EL2_FEAT_ALL, true);
		pe->s.pstate = mode(r->el, r->el != 0);
		SR(pe, HCR_EL2) = r->hcr | EL2_HCR_RW;
		SR(pe, MDCR_EL2) = r->mdcr;
		assert_int_equal(el2_sync_target_el(pe, r->type, r->stage2), r->target);
		el2_pe_free(&pe);
	}
}

static void test_take_sync_uses_pc_as_preferred_return(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL, true);
	pe->s.pstate = mode(0, false);
	pe->s.pc = 0x400100;
	SR(pe, HCR_EL2) = EL2_HCR_TGE | EL2_HCR_RW; /* EL1 AArch64 */
	el2_exception e = {.type = EL2_EXC_UNCATEGORIZED};
	el2_exc_outcome o;
	assert_int_equal(el2_take_sync(pe, &e, false, &o), EL2_OK);
	assert_int_equal(o.target_el, 2);
	assert_int_equal(SR(pe, ELR_EL2), 0x400100);
	assert_int_equal(SR(pe, ESR_EL2), 0x02000000u);
	assert_int_equal(o.vector, VBAR2 + 0x400);
	el2_pe_free(&pe);
}

static void test_without_el2_everything_goes_to_el1(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(EL2_FEAT_ALL & ~EL2_FEAT_VHE, false);
	pe->s.pstate = mode(0, false);
	SR(pe, HCR_EL2) = EL2_HCR_TGE; /* not implemented: ignored */
	assert_int_equal(el2_sync_target_el(pe, EL2_EXC_UNCATEGORIZED, false), 1);
	assert_int_equal(el2_sync_target_el(pe, EL2_EXC_DATA_ABORT, true), 1);
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vector_offset_depends_on_source_el_and_spsel),
		cmocka_unit_test(test_entry_masks_daif),
		cmocka_unit_test(test_entry_selects_sp_elx),
		cmocka_unit_test(test_entry_clears_ss_and_saves_it),
		cmocka_unit_test(test_entry_clears_il_and_saves_it),
		cmocka_unit_test(test_entry_clears_uao),
		cmocka_unit_test(test_entry_to_el1_sets_pan_when_span_is_0),
		cmocka_unit_test(test_entry_to_el1_keeps_pan_when_span_is_1),
		cmocka_unit_test(test_entry_to_el2_sets_pan_only_in_host_regime),
		cmocka_unit_test(test_entry_without_feat_pan_never_sets_pan),
		cmocka_unit_test(test_entry_sets_ssbs_from_dssbs),
		cmocka_unit_test(test_entry_clears_btype_and_spsr_btype_depends_on_type),
		cmocka_unit_test(test_entry_sets_tco_with_mte),
		cmocka_unit_test(test_entry_keeps_nzcv_and_dit),
		cmocka_unit_test(test_entry_writes_spsr_elr_esr_far_hpfar_of_el2),
		cmocka_unit_test(test_same_el_abort_uses_current_el_ec),
		cmocka_unit_test(test_far_and_hpfar_are_unknown_without_address),
		cmocka_unit_test(test_far_is_unknown_for_abort_without_valid_address),
		cmocka_unit_test(test_irq_and_fiq_write_no_esr_far),
		cmocka_unit_test(test_serror_writes_ec_2f),
		cmocka_unit_test(test_vector_branch_drops_tag_with_tbi),
		cmocka_unit_test(test_invalid_targets_are_rejected_without_change),
		cmocka_unit_test(test_sync_routing_follows_raising_pseudocode),
		cmocka_unit_test(test_take_sync_uses_pc_as_preferred_return),
		cmocka_unit_test(test_without_el2_everything_goes_to_el1),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
