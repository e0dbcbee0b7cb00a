/* SPDX-License-Identifier: MIT */
/* FEAT_RAS (lib/ras.c and the RAS rows of sysreg.def): the error-record
 * registers and their HCR_EL2.TERR trap, DISR_EL1 / VDISR_EL2 redirection
 * with HCR_EL2.AMO, ESB deferring a masked physical SError into DISR_EL1
 * (AArch64.ESBOperation) and a masked virtual one into VDISR_EL2
 * (AArch64.vESBOperation), SError syndromes (VSESR_EL2, el2_serror_pend),
 * HCR_EL2.TEA routing of external aborts, and all of it absent without
 * the feature. Expected values worked out by hand from DDI 0487 J.a. */
#include "sysreg_test_util.h"

#define RAS EL2_FEAT_RAS
#define NO_RAS (EL2_FEAT_ALL & ~(uint32_t)EL2_FEAT_RAS)
#define ESB_WORD 0xd503221fu
#define DISR_A (1ull << 31)

static uint32_t esr_sys(el2_sysreg id, unsigned rt, bool read)
{
	return el2_esr(EL2_EC_SYS64, true, el2_iss_sysreg(enc_of(id), rt, read));
}

static el2_exec_result exec(el2_pe *pe, uint32_t insn)
{
	el2_exec_result r;
	assert_int_equal(el2_exec(pe, insn, &r), EL2_OK);
	return r;
}

static const el2_sysreg error_records[] = {
	EL2_SR_ERRIDR_EL1,    EL2_SR_ERRSELR_EL1,   EL2_SR_ERXFR_EL1,     EL2_SR_ERXCTLR_EL1,
	EL2_SR_ERXSTATUS_EL1, EL2_SR_ERXADDR_EL1,   EL2_SR_ERXMISC0_EL1,  EL2_SR_ERXMISC1_EL1,
};
#define N_RECORDS (sizeof(error_records) / sizeof(error_records[0]))

static void test_ras_encodings_are_undefined_without_feat_ras(void **state)
{
	(void)state;
	static const el2_sysreg el2_rows[] = {EL2_SR_DISR_EL1, EL2_SR_VDISR_EL2, EL2_SR_VSESR_EL2,
					      EL2_SR_ERRIDR_EL1, EL2_SR_ERXSTATUS_EL1};
	for (size_t i = 0; i < sizeof(el2_rows) / sizeof(el2_rows[0]); i++) {
		el2_pe *pe = pe_in(NO_RAS, EL2_PSR_MODE_EL2h);
		el2_exec_result r = do_mrs(pe, el2_rows[i], 3);
		assert_undefined(&r);
		el2_pe_free(&pe);
	}
	/* ID_AA64PFR0_EL1.RAS [31:28] says so. */
	el2_pe *pe = pe_in(NO_RAS, EL2_PSR_MODE_EL2h);
	assert_int_equal((rd(pe, EL2_SYSREG(ID_AA64PFR0_EL1)) >> 28) & 0xf, 0);
	el2_pe_free(&pe);
	pe = pe_in(RAS, EL2_PSR_MODE_EL2h);
	assert_int_equal((rd(pe, EL2_SYSREG(ID_AA64PFR0_EL1)) >> 28) & 0xf, 1);
	el2_pe_free(&pe);
}

/* HCR_EL2.TERR [36] and TEA [37] are RES0 without FEAT_RAS, kept with it. */
static void test_hcr_terr_tea_are_res0_without_ras(void **state)
{
	(void)state;
	uint64_t bits = EL2_HCR_TERR | EL2_HCR_TEA;
	el2_pe *pe = pe_in(NO_RAS, EL2_PSR_MODE_EL2h);
	pe->s.x[1] = bits | EL2_HCR_VM;
	el2_exec_result r = do_msr(pe, EL2_SR_HCR_EL2, 1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(HCR_EL2)) & bits, 0);
	assert_int_equal(rd(pe, EL2_SYSREG(HCR_EL2)) & EL2_HCR_VM, EL2_HCR_VM);
	wr(pe, EL2_SYSREG(HCR_EL2), bits);
	assert_int_equal(rd(pe, EL2_SYSREG(HCR_EL2)) & bits, 0);
	el2_pe_free(&pe);

	pe = pe_in(RAS, EL2_PSR_MODE_EL2h);
	pe->s.x[1] = bits;
	r = do_msr(pe, EL2_SR_HCR_EL2, 1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(HCR_EL2)) & bits, bits);
	el2_pe_free(&pe);
}

/* The accessors of ERRIDR_EL1, ERRSELR_EL1 and ERX*_EL1 at EL1: "elsif
 * EL2Enabled() && HCR_EL2.TERR == '1' then AArch64.SystemAccessTrap(EL2,
 * 0x18)", both directions; UNDEFINED at EL0; no trap at EL2. */
static void test_terr_traps_error_record_registers_at_el1(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_RECORDS; i++) {
		el2_sysreg id = error_records[i];
		bool writable = el2_sysreg_get(id)->access & EL2_ACC_WO;
		el2_pe *pe = pe_in(RAS, EL2_PSR_MODE_EL1h);
		wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_TERR);
		el2_exec_result r = do_mrs(pe, id, 7);
		assert_int_equal(r.outcome, EL2_OUT_EXCEPTION);
		assert_int_equal(r.exc.target_el, 2);
		assert_int_equal(r.exc.esr, esr_sys(id, 7, true));
		assert_int_equal(rd(pe, EL2_SYSREG(ELR_EL2)), PC0);
		if (writable) {
			reenter(pe, EL2_PSR_MODE_EL1h);
			r = do_msr(pe, id, 2);
			assert_int_equal(r.exc.target_el, 2);
			assert_int_equal(r.exc.esr, esr_sys(id, 2, false));
		}
		/* TERR = 0: completes. */
		reenter(pe, EL2_PSR_MODE_EL1h);
		wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
		r = do_mrs(pe, id, 7);
		assert_done(pe, &r);
		/* EL2 is not trapped by TERR; EL0 is UNDEFINED. */
		reenter(pe, EL2_PSR_MODE_EL2h);
		wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_TERR);
		r = do_mrs(pe, id, 7);
		assert_done(pe, &r);
		reenter(pe, EL2_PSR_MODE_EL0t);
		r = do_mrs(pe, id, 7);
		assert_undefined(&r);
		el2_pe_free(&pe);
	}
}

/* Zero error records: ERRIDR_EL1.NUM = 0; ERRSELR_EL1.SEL >= NUM always,
 * so SEL reads back UNKNOWN (0 here) and the ERX* registers take the
 * RAZ/WI choice of that CONSTRAINED UNPREDICTABLE case. */
static void test_no_error_records_erx_registers_are_raz_wi(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(RAS, EL2_PSR_MODE_EL1h);
	pe->s.x[1] = ~0ull;
	el2_exec_result r = do_msr(pe, EL2_SR_ERXSTATUS_EL1, 1);
	assert_done(pe, &r);
	reenter(pe, EL2_PSR_MODE_EL1h);
	r = do_mrs(pe, EL2_SR_ERXSTATUS_EL1, 2);
	assert_done(pe, &r);
	assert_int_equal(pe->s.x[2], 0);
	reenter(pe, EL2_PSR_MODE_EL1h);
	r = do_mrs(pe, EL2_SR_ERRIDR_EL1, 2);
	assert_int_equal(pe->s.x[2], 0);
	reenter(pe, EL2_PSR_MODE_EL1h);
	r = do_msr(pe, EL2_SR_ERRSELR_EL1, 1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(ERRSELR_EL1)), 0);
	el2_pe_free(&pe);
}

/* DISR_EL1 accessor at EL1: "if EL2Enabled() && HCR_EL2.AMO == '1' then
 * X[t] = VDISR_EL2" (and the MSR writes VDISR_EL2); at EL2 DISR_EL1. */
static void test_disr_el1_at_el1_with_amo_reaches_vdisr_el2(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(RAS, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(DISR_EL1), DISR_A | 0x11);
	wr(pe, EL2_SYSREG(VDISR_EL2), DISR_A | (1ull << 24) | 0x123);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_AMO);
	el2_exec_result r = do_mrs(pe, EL2_SR_DISR_EL1, 4);
	assert_done(pe, &r);
	assert_int_equal(pe->s.x[4], DISR_A | (1ull << 24) | 0x123);
	reenter(pe, EL2_PSR_MODE_EL1h);
	pe->s.x[5] = 0;
	r = do_msr(pe, EL2_SR_DISR_EL1, 5);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(VDISR_EL2)), 0);
	assert_int_equal(rd(pe, EL2_SYSREG(DISR_EL1)), DISR_A | 0x11);
	/* AMO = 0: the real DISR_EL1. */
	reenter(pe, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	r = do_mrs(pe, EL2_SR_DISR_EL1, 4);
	assert_int_equal(pe->s.x[4], DISR_A | 0x11);
	/* EL2 with AMO = 1: DISR_EL1 itself. */
	reenter(pe, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_AMO);
	r = do_mrs(pe, EL2_SR_DISR_EL1, 4);
	assert_int_equal(pe->s.x[4], DISR_A | 0x11);
	/* EL0: UNDEFINED. */
	reenter(pe, EL2_PSR_MODE_EL0t);
	r = do_mrs(pe, EL2_SR_DISR_EL1, 4);
	assert_undefined(&r);
	el2_pe_free(&pe);
}

/* AArch64.ESBOperation at EL1, SError routed to EL1 and masked by
 * PSTATE.A: DISR_EL1 = A + AArch64.ReportDeferredSError(syndrome), the
 * SError is no longer pending (ISR_EL1.A = 0). */
static void test_esb_defers_masked_physical_serror_into_disr_el1(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(RAS, EL2_PSR_MODE_EL1h | EL2_PSR_A);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	/* IDS = 0: AET [12:10] = 0b010, EA [9], DFSC 0x11; IESB [13] and bits
	 * [23:14] are not part of DISR_EL1's architected syndrome. */
	uint32_t syn = (1u << 13) | (2u << 10) | (1u << 9) | 0x11u;
	assert_true(el2_serror_pend(pe, syn));
	assert_int_equal(rd(pe, EL2_SYSREG(ISR_EL1)) & EL2_BIT(8), EL2_BIT(8));
	el2_exec_result r = exec(pe, ESB_WORD);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(DISR_EL1)), DISR_A | (2u << 10) | (1u << 9) | 0x11u);
	assert_false(el2_serror_pending(pe, NULL));
	assert_int_equal(rd(pe, EL2_SYSREG(ISR_EL1)) & EL2_BIT(8), 0);
	assert_false(el2_interrupt_pending(pe));
	el2_pe_free(&pe);

	/* IDS = 1: the whole IMPLEMENTATION DEFINED ISS. */
	pe = pe_in(RAS, EL2_PSR_MODE_EL1h | EL2_PSR_A);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	assert_true(el2_serror_pend(pe, (1u << 24) | 0xabcdefu));
	r = exec(pe, ESB_WORD);
	assert_int_equal(rd(pe, EL2_SYSREG(DISR_EL1)), DISR_A | (1u << 24) | 0xabcdefu);
	el2_pe_free(&pe);
}

/* An SError that ESB would not find masked stays pending and is taken
 * (TakeUnmaskedSErrorInterrupts: at the next boundary here) with its
 * syndrome in ESR.ISS. EL1 with PSTATE.A = 0; EL1 with AMO = 1 (target
 * EL2 is not masked by PSTATE.A); EL2 with AMO = 1, A = 0. */
static void test_esb_leaves_an_unmasked_serror_to_be_taken(void **state)
{
	(void)state;
	static const struct {
		unsigned mode;
		uint64_t hcr;
		unsigned target;
	} rows[] = {
		{EL2_PSR_MODE_EL1h, EL2_HCR_RW, 1},
		{EL2_PSR_MODE_EL1h | EL2_PSR_A, EL2_HCR_RW | EL2_HCR_AMO, 2},
		{EL2_PSR_MODE_EL2h, EL2_HCR_RW | EL2_HCR_AMO, 2},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		el2_pe *pe = pe_in(RAS, rows[i].mode);
		wr(pe, EL2_SYSREG(HCR_EL2), rows[i].hcr);
		assert_true(el2_serror_pend(pe, 0x11));
		el2_exec_result r = exec(pe, ESB_WORD);
		assert_done(pe, &r);
		assert_int_equal(rd(pe, EL2_SYSREG(DISR_EL1)), 0);
		assert_true(el2_serror_pending(pe, NULL));
		el2_exc_outcome out;
		assert_true(el2_deliver_interrupt(pe, &out));
		assert_int_equal(out.target_el, rows[i].target);
		assert_int_equal(out.esr, el2_esr(EL2_EC_SERROR, true, 0x11));
		assert_false(el2_serror_pending(pe, NULL));
		el2_pe_free(&pe);
	}
}

/* AArch64.PhysicalSErrorTarget at EL2: "masked = HCR_EL2.<TGE,AMO> == '00'
 * || PSTATE.A == '1'": an SError for EL1 is masked at EL2, so ESB defers it. */
static void test_esb_at_el2_defers_serror_routed_to_el1(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(RAS, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	assert_true(el2_serror_pend(pe, 0));
	el2_exec_result r = exec(pe, ESB_WORD);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(DISR_EL1)), DISR_A);
	assert_false(el2_serror_pending(pe, NULL));
	el2_pe_free(&pe);

	pe = pe_in(RAS, EL2_PSR_MODE_EL2h | EL2_PSR_A);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_AMO);
	assert_true(el2_serror_pend(pe, 0x11));
	r = exec(pe, ESB_WORD);
	assert_int_equal(rd(pe, EL2_SYSREG(DISR_EL1)), DISR_A | 0x11);
	el2_pe_free(&pe);
}

/* AArch64.vESBOperation: at EL1 with HCR_EL2.<TGE,AMO> = '01', VSE = 1 and
 * PSTATE.A = 1, VDISR_EL2 = ReportDeferredSError(VSESR_EL2) and VSE = 0;
 * DISR_EL1 is untouched. With PSTATE.A = 0, TGE = 1 or at EL2: nothing. */
static void test_esb_defers_masked_virtual_serror_into_vdisr_el2(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(RAS, EL2_PSR_MODE_EL1h | EL2_PSR_A);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_AMO | EL2_HCR_VSE);
	wr(pe, EL2_SYSREG(VSESR_EL2), (1u << 24) | 0x5a5a5au);
	el2_exec_result r = exec(pe, ESB_WORD);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(VDISR_EL2)), DISR_A | (1u << 24) | 0x5a5a5au);
	assert_int_equal(rd(pe, EL2_SYSREG(HCR_EL2)) & EL2_HCR_VSE, 0);
	assert_int_equal(rd(pe, EL2_SYSREG(DISR_EL1)), 0);
	/* The guest reads its deferred error through DISR_EL1 (AMO = 1). */
	reenter(pe, EL2_PSR_MODE_EL1h);
	r = do_mrs(pe, EL2_SR_DISR_EL1, 9);
	assert_int_equal(pe->s.x[9], DISR_A | (1u << 24) | 0x5a5a5au);
	el2_pe_free(&pe);

	static const struct {
		unsigned mode;
		uint64_t hcr;
	} keep[] = {
		{EL2_PSR_MODE_EL1h, EL2_HCR_AMO | EL2_HCR_VSE},
		{EL2_PSR_MODE_EL2h | EL2_PSR_A, EL2_HCR_AMO | EL2_HCR_VSE},
		{EL2_PSR_MODE_EL0t | EL2_PSR_A, EL2_HCR_TGE | EL2_HCR_AMO | EL2_HCR_VSE},
	};
	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		pe = pe_in(RAS, keep[i].mode);
		wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | keep[i].hcr);
		r = exec(pe, ESB_WORD);
		assert_done(pe, &r);
		assert_int_equal(rd(pe, EL2_SYSREG(VDISR_EL2)), 0);
		assert_int_equal(rd(pe, EL2_SYSREG(HCR_EL2)) & EL2_HCR_VSE, EL2_HCR_VSE);
		el2_pe_free(&pe);
	}
}

/* Without FEAT_RAS, ESB is a NOP hint: the masked SError stays pending. */
static void test_esb_is_a_nop_without_ras(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(NO_RAS, EL2_PSR_MODE_EL1h | EL2_PSR_A);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_AMO | EL2_HCR_VSE);
	assert_true(el2_serror_pend(pe, 0x11));
	el2_exec_result r = exec(pe, ESB_WORD);
	assert_done(pe, &r);
	assert_true(el2_serror_pending(pe, NULL));
	assert_int_equal(rd(pe, EL2_SYSREG(HCR_EL2)) & EL2_HCR_VSE, EL2_HCR_VSE);
	el2_pe_free(&pe);
}

/* AArch64.TakeVirtualSErrorException: ESR.ISS = VSESR_EL2.{IDS,ISS} with
 * FEAT_RAS, 0 without; a physical SError's ISS without RAS only if the
 * (IMPLEMENTATION DEFINED) syndrome has IDS = 1. */
static void test_serror_syndromes_with_and_without_ras(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(RAS, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_AMO | EL2_HCR_VSE);
	wr(pe, EL2_SYSREG(VSESR_EL2), 0xffffffffull);
	assert_int_equal(rd(pe, EL2_SYSREG(VSESR_EL2)), 0x1ffffff);
	wr(pe, EL2_SYSREG(VSESR_EL2), (2u << 10) | 0x11u);
	el2_exc_outcome out;
	assert_true(el2_deliver_interrupt(pe, &out));
	assert_int_equal(out.target_el, 1);
	assert_int_equal(out.esr, el2_esr(EL2_EC_SERROR, true, (2u << 10) | 0x11u));
	el2_pe_free(&pe);

	pe = pe_in(NO_RAS, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_AMO | EL2_HCR_VSE);
	assert_true(el2_deliver_interrupt(pe, &out));
	assert_int_equal(out.esr, el2_esr(EL2_EC_SERROR, true, 0));
	reenter(pe, EL2_PSR_MODE_EL1h);
	assert_true(el2_serror_pend(pe, 0x11));
	assert_true(el2_deliver_interrupt(pe, &out));
	assert_int_equal(out.esr, el2_esr(EL2_EC_SERROR, true, 0));
	reenter(pe, EL2_PSR_MODE_EL1h);
	assert_true(el2_serror_pend(pe, (1u << 24) | 7u));
	assert_true(el2_deliver_interrupt(pe, &out));
	assert_int_equal(out.esr, el2_esr(EL2_EC_SERROR, true, (1u << 24) | 7u));
	el2_pe_free(&pe);
}

/* el2_serror_pend makes one pending only if none is. */
static void test_serror_pend_only_when_none_is_pending(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(RAS, EL2_PSR_MODE_EL2h | EL2_PSR_A);
	uint32_t syn = 0;
	assert_false(el2_serror_pending(pe, &syn));
	assert_true(el2_serror_pend(pe, 0x11));
	assert_false(el2_serror_pend(pe, 0x22));
	assert_true(el2_serror_pending(pe, &syn));
	assert_int_equal(syn, 0x11);
	assert_int_equal(el2_lines(pe) & EL2_LINE_SERROR, EL2_LINE_SERROR);
	assert_false(el2_serror_pend(NULL, 0));
	assert_false(el2_serror_pending(NULL, NULL));
	el2_pe_free(&pe);
}

/* AArch64.Abort: "(IsFeatureImplemented(FEAT_RAS) && HCR_EL2.TEA == '1'
 * && IsExternalAbort(fault))" routes an EL0/EL1 abort to EL2. */
static void test_tea_routes_external_aborts_to_el2(void **state)
{
	(void)state;
	static const struct {
		el2_fault fault;
		unsigned target;
	} rows[] = {
		{EL2_FAULT_SYNC_EXTERNAL, 2},
		{EL2_FAULT_SYNC_EXTERNAL_WALK, 2},
		{EL2_FAULT_TRANSLATION, 1},
		{EL2_FAULT_PERMISSION, 1},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		el2_pe *pe = pe_in(RAS, EL2_PSR_MODE_EL1h);
		wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_TEA);
		el2_abort a = {.fault = rows[i].fault, .level = 1, .vaddress = 0x1000};
		el2_exc_outcome out;
		assert_int_equal(el2_take_abort(pe, &a, &out), EL2_OK);
		assert_int_equal(out.target_el, rows[i].target);
		el2_pe_free(&pe);
	}
	/* TEA = 0: the external abort stays at EL1. */
	el2_pe *pe = pe_in(RAS, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	el2_abort a = {.fault = EL2_FAULT_SYNC_EXTERNAL, .vaddress = 0x1000};
	el2_exc_outcome out;
	assert_int_equal(el2_take_abort(pe, &a, &out), EL2_OK);
	assert_int_equal(out.target_el, 1);
	el2_pe_free(&pe);
}

/* el2_config_default() (Neoverse N1) has FEAT_RAS. */
static void test_default_config_has_ras(void **state)
{
	(void)state;
	assert_true(el2_config_default().features & EL2_FEAT_RAS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ras_encodings_are_undefined_without_feat_ras),
		cmocka_unit_test(test_hcr_terr_tea_are_res0_without_ras),
		cmocka_unit_test(test_terr_traps_error_record_registers_at_el1),
		cmocka_unit_test(test_no_error_records_erx_registers_are_raz_wi),
		cmocka_unit_test(test_disr_el1_at_el1_with_amo_reaches_vdisr_el2),
		cmocka_unit_test(test_esb_defers_masked_physical_serror_into_disr_el1),
		cmocka_unit_test(test_esb_leaves_an_unmasked_serror_to_be_taken),
		cmocka_unit_test(test_esb_at_el2_defers_serror_routed_to_el1),
		cmocka_unit_test(test_esb_defers_masked_virtual_serror_into_vdisr_el2),
		cmocka_unit_test(test_esb_is_a_nop_without_ras),
		cmocka_unit_test(test_serror_syndromes_with_and_without_ras),
		cmocka_unit_test(test_serror_pend_only_when_none_is_pending),
		cmocka_unit_test(test_tea_routes_external_aborts_to_el2),
		cmocka_unit_test(test_default_config_has_ras),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
