/* SPDX-License-Identifier: MIT */
/* Physical and virtual IRQ/FIQ/SError: routing (HCR_EL2.IMO/FMO/AMO, TGE,
 * E2H), masking (D1.3.6, EL2 implemented, no EL3), priority
 * and pending-without-side-effects. Expected values derived by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "pe_internal.h"

static el2_pe *make_pe(unsigned el, uint64_t hcr, uint64_t daif)
{
	el2_config cfg = el2_config_default();
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	pe->s.pstate = ((uint64_t)el << EL2_PSR_EL_SHIFT) | (el ? EL2_PSR_SP : 0) | daif;
	SR(pe, HCR_EL2) = hcr;
	SR(pe, VBAR_EL1) = 0x10000;
	SR(pe, VBAR_EL2) = 0x20000;
	pe->s.pc = 0x9000;
	return pe;
}

#define NONE 9u /* not taken */

struct mask_row {
	uint32_t line;
	unsigned el;
	uint64_t hcr;
	uint64_t daif;
	unsigned target; /* or NONE */
};

static const struct mask_row mask_rows[] = {
	/* routing to EL1 (IMO = TGE = 0): masked by PSTATE at EL0 and EL1, never at EL2 */
	{EL2_LINE_IRQ, 0, 0, 0, 1},
	{EL2_LINE_IRQ, 0, 0, EL2_PSR_I, NONE},
	{EL2_LINE_IRQ, 1, 0, 0, 1},
	{EL2_LINE_IRQ, 1, 0, EL2_PSR_I, NONE},
	{EL2_LINE_IRQ, 2, 0, 0, NONE},
	/* IMO = 1: EL2; from EL0/EL1 regardless of PSTATE.I, at EL2 masked by it */
	{EL2_LINE_IRQ, 0, EL2_HCR_IMO, EL2_PSR_I, 2},
	{EL2_LINE_IRQ, 1, EL2_HCR_IMO, EL2_PSR_DAIF, 2},
	{EL2_LINE_IRQ, 2, EL2_HCR_IMO, 0, 2},
	{EL2_LINE_IRQ, 2, EL2_HCR_IMO, EL2_PSR_I, NONE},
	/* the other mask bits do not mask IRQ */
	{EL2_LINE_IRQ, 1, 0, EL2_PSR_F | EL2_PSR_A | EL2_PSR_D, 1},
	/* TGE = 1, E2H = 0: EL0 -> EL2 regardless of PSTATE.I */
	{EL2_LINE_IRQ, 0, EL2_HCR_TGE, EL2_PSR_I, 2},
	/* TGE = 1, E2H = 1 (host EL0): EL2, masked by PSTATE.I */
	{EL2_LINE_IRQ, 0, EL2_HCR_TGE | EL2_HCR_E2H, 0, 2},
	{EL2_LINE_IRQ, 0, EL2_HCR_TGE | EL2_HCR_E2H, EL2_PSR_I, NONE},
	{EL2_LINE_IRQ, 2, EL2_HCR_TGE | EL2_HCR_E2H, 0, 2},
	{EL2_LINE_IRQ, 2, EL2_HCR_TGE | EL2_HCR_E2H, EL2_PSR_I, NONE},
	/* FIQ follows FMO and PSTATE.F, not IMO */
	{EL2_LINE_FIQ, 1, EL2_HCR_IMO, 0, 1},
	{EL2_LINE_FIQ, 1, EL2_HCR_FMO, EL2_PSR_F, 2},
	{EL2_LINE_FIQ, 1, 0, EL2_PSR_F, NONE},
	{EL2_LINE_FIQ, 2, EL2_HCR_FMO, EL2_PSR_I, 2},
	/* SError follows AMO and PSTATE.A */
	{EL2_LINE_SERROR, 1, 0, EL2_PSR_A, NONE},
	{EL2_LINE_SERROR, 1, 0, EL2_PSR_I, 1},
	{EL2_LINE_SERROR, 1, EL2_HCR_AMO, EL2_PSR_A, 2},
	{EL2_LINE_SERROR, 2, EL2_HCR_AMO, EL2_PSR_A, NONE},
	{EL2_LINE_SERROR, 2, 0, 0, NONE},
};

static void test_physical_masking_and_routing_matrix(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(mask_rows) / sizeof(mask_rows[0]); i++) {
		const struct mask_row *r = &mask_rows[i];
		el2_pe *pe = make_pe(r->el, r->hcr, r->daif);
		el2_set_line(pe, (el2_irq_line)r->line, true);
		bool pend = el2_interrupt_pending(pe);
		el2_exc_outcome o;
		memset(&o, 0, sizeof(o));
		bool took = el2_deliver_interrupt(pe, &o);
		if (pend != took || took != (r->target != NONE) || (took && o.target_el != r->target))
			fail_msg("row %zu: pending %d took %d target %u", i, pend, took, o.target_el);
		if (took) {
			unsigned kind = r->line == EL2_LINE_IRQ ? 0x80 : r->line == EL2_LINE_FIQ ? 0x100 : 0x180;
			unsigned off = kind + (r->target > r->el ? 0x400 : 0x200);
			assert_int_equal(o.vect_offset, off);
			assert_int_equal(o.vector, (r->target == 2 ? 0x20000u : 0x10000u) + off);
			assert_int_equal(r->target == 2 ? SR(pe, ELR_EL2) : SR(pe, ELR_EL1), 0x9000);
		} else {
			assert_int_equal(pe->s.pc, 0x9000);
			assert_int_equal(pe_el(pe), r->el);
		}
		el2_pe_free(&pe);
	}
}

static void test_without_el2_interrupts_go_to_el1(void **state)
{
	(void)state;
	el2_config cfg = el2_config_default();
	cfg.have_el2 = false;
	cfg.features &= ~EL2_FEAT_VHE;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	pe->s.pstate = EL2_PSR_MODE_EL0t;
	SR(pe, HCR_EL2) = EL2_HCR_IMO | EL2_HCR_TGE; /* no EL2: no effect */
	el2_set_line(pe, EL2_LINE_IRQ, true);
	el2_exc_outcome o;
	assert_true(el2_deliver_interrupt(pe, &o));
	assert_int_equal(o.target_el, 1);
	el2_pe_free(&pe);
}

struct virt_row {
	unsigned el;
	uint64_t hcr;
	uint64_t daif;
	bool taken;
	unsigned vect;
};

static const struct virt_row virt_rows[] = {
	{1, EL2_HCR_IMO | EL2_HCR_VI, 0, true, 0x280},
	{0, EL2_HCR_IMO | EL2_HCR_VI, 0, true, 0x480},
	{1, EL2_HCR_IMO | EL2_HCR_VI, EL2_PSR_I, false, 0},
	{1, EL2_HCR_VI, 0, false, 0},                         /* IMO = 0: disabled */
	{1, EL2_HCR_IMO | EL2_HCR_VI | EL2_HCR_TGE, 0, false, 0}, /* TGE = 1: disabled */
	{2, EL2_HCR_IMO | EL2_HCR_VI, 0, false, 0},           /* never at EL2 */
	{1, EL2_HCR_FMO | EL2_HCR_VF, 0, true, 0x300},
	{1, EL2_HCR_FMO | EL2_HCR_VF, EL2_PSR_F, false, 0},
	{1, EL2_HCR_AMO | EL2_HCR_VSE, 0, true, 0x380},
	{1, EL2_HCR_AMO | EL2_HCR_VSE, EL2_PSR_A, false, 0},
	{0, EL2_HCR_AMO | EL2_HCR_VSE, EL2_PSR_I | EL2_PSR_F, true, 0x580},
};

static void test_virtual_interrupts_taken_to_el1_only(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(virt_rows) / sizeof(virt_rows[0]); i++) {
		const struct virt_row *r = &virt_rows[i];
		el2_pe *pe = make_pe(r->el, r->hcr, r->daif);
		el2_exc_outcome o;
		memset(&o, 0, sizeof(o));
		assert_int_equal(el2_interrupt_pending(pe), r->taken);
		bool took = el2_deliver_interrupt(pe, &o);
		if (took != r->taken)
			fail_msg("row %zu: took %d", i, took);
		if (took) {
			assert_int_equal(o.target_el, 1);
			assert_int_equal(o.vect_offset, r->vect);
			assert_int_equal(SR(pe, ELR_EL1), 0x9000);
		}
		el2_pe_free(&pe);
	}
}

static void test_virtual_serror_delivery_clears_vse_and_writes_esr(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(1, EL2_HCR_AMO | EL2_HCR_VSE | EL2_HCR_IMO | EL2_HCR_VI, 0);
	el2_exc_outcome o;
	assert_true(el2_deliver_interrupt(pe, &o));
	assert_int_equal(o.vect_offset, 0x380);            /* SError before IRQ */
	assert_int_equal(SR(pe, ESR_EL1), 0xbe000000u);    /* EC 0x2F, IL, ISS 0 */
	assert_int_equal(SR(pe, HCR_EL2) & EL2_HCR_VSE, 0);
	assert_int_equal(SR(pe, HCR_EL2) & EL2_HCR_VI, EL2_HCR_VI);
	el2_pe_free(&pe);
}

static void test_physical_serror_clears_its_line_but_irq_stays(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(0, 0, 0);
	el2_set_line(pe, EL2_LINE_SERROR, true);
	el2_set_line(pe, EL2_LINE_IRQ, true);
	el2_exc_outcome o;
	assert_true(el2_deliver_interrupt(pe, &o));
	assert_int_equal(o.vect_offset, 0x580);
	assert_int_equal(SR(pe, ESR_EL1), 0xbe000000u);
	assert_int_equal(el2_lines(pe), EL2_LINE_IRQ);
	/* now masked at EL1 (DAIF set by entry): nothing more */
	assert_false(el2_deliver_interrupt(pe, &o));
	assert_int_equal(el2_lines(pe), EL2_LINE_IRQ);
	el2_pe_free(&pe);
}

static void test_priority_serror_irq_fiq_physical_before_virtual(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(1, EL2_HCR_IMO | EL2_HCR_VI, 0);
	el2_set_line(pe, EL2_LINE_FIQ, true);
	el2_set_line(pe, EL2_LINE_IRQ, true);
	el2_exc_outcome o;
	assert_true(el2_deliver_interrupt(pe, &o));
	assert_int_equal(o.target_el, 2);          /* physical IRQ (IMO) */
	assert_int_equal(o.vect_offset, 0x480);
	el2_pe_free(&pe);

	pe = make_pe(1, EL2_HCR_IMO | EL2_HCR_VI, 0);
	el2_set_line(pe, EL2_LINE_FIQ, true);      /* FIQ to EL1, physical */
	assert_true(el2_deliver_interrupt(pe, &o));
	assert_int_equal(o.target_el, 1);
	assert_int_equal(o.vect_offset, 0x300);    /* physical FIQ before virtual IRQ */
	el2_pe_free(&pe);
}

static void test_pending_has_no_side_effects(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(1, EL2_HCR_AMO | EL2_HCR_VSE, 0);
	el2_set_line(pe, EL2_LINE_SERROR, true);
	el2_snapshot *before = NULL, *after = NULL;
	assert_int_equal(el2_snapshot_take(pe, &before), EL2_OK);
	assert_true(el2_interrupt_pending(pe));
	assert_true(el2_interrupt_pending(pe));
	assert_int_equal(el2_snapshot_take(pe, &after), EL2_OK);
	assert_int_equal(el2_snapshot_diff(before, after, NULL, 0), 0);
	el2_snapshot_free(&before);
	el2_snapshot_free(&after);
	el2_pe_free(&pe);
}

static void test_set_line_and_lines(void **state)
{
	(void)state;
	el2_pe *pe = make_pe(2, 0, 0);
	assert_int_equal(el2_lines(pe), 0);
	el2_set_line(pe, EL2_LINE_IRQ, true);
	el2_set_line(pe, EL2_LINE_SERROR, true);
	assert_int_equal(el2_lines(pe), EL2_LINE_IRQ | EL2_LINE_SERROR);
	el2_set_line(pe, EL2_LINE_IRQ, false);
	assert_int_equal(el2_lines(pe), EL2_LINE_SERROR);
	el2_set_line(pe, (el2_irq_line)0x80, true); /* not a line */
	assert_int_equal(el2_lines(pe), EL2_LINE_SERROR);
	assert_int_equal(el2_lines(NULL), 0);
	assert_false(el2_interrupt_pending(NULL));
	assert_false(el2_deliver_interrupt(NULL, NULL));
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_physical_masking_and_routing_matrix),
		cmocka_unit_test(test_without_el2_interrupts_go_to_el1),
		cmocka_unit_test(test_virtual_interrupts_taken_to_el1_only),
		cmocka_unit_test(test_virtual_serror_delivery_clears_vse_and_writes_esr),
		cmocka_unit_test(test_physical_serror_clears_its_line_but_irq_stays),
		cmocka_unit_test(test_priority_serror_irq_fiq_physical_before_virtual),
		cmocka_unit_test(test_pending_has_no_side_effects),
		cmocka_unit_test(test_set_line_and_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
