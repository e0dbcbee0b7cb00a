/* SPDX-License-Identifier: MIT */
/* MRS of identification registers whose outcome depends on the state or
 * on FEAT_IDST (lib/sysreg_checks.c): DCZID_EL0.DZP computed from
 * SCTLR_ELx.DZE / HCR_EL2.TDZ (D19 DCZID_EL0, SCTLR_EL1.DZE,
 * SCTLR_EL2.DZE, HCR_EL2.TDZ); EL0 reads of the ID space, UNDEFINED
 * without FEAT_IDST and trapped (EC 0x18) with it (the ID registers'
 * accessors); the reserved ID encodings (op0 = 3, op1 = 0, CRn = 0, CRm =
 * 1..7) reading as zero, trapped by HCR_EL2.TID3. */
#include "sysreg_test_util.h"

#define DZP (1ull << 4)

static el2_pe *pe_with(uint32_t features, unsigned mode, uint64_t hcr, uint64_t sctlr1,
		       uint64_t sctlr2)
{
	el2_pe *pe = pe_in(features, mode);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | hcr);
	wr(pe, EL2_SYSREG(SCTLR_EL1), sctlr1);
	wr(pe, EL2_SYSREG(SCTLR_EL2), sctlr2);
	return pe;
}

static uint64_t dczid_read(uint32_t features, unsigned mode, uint64_t hcr, uint64_t sctlr1,
			   uint64_t sctlr2)
{
	el2_pe *pe = pe_with(features, mode, hcr, sctlr1, sctlr2);
	wr(pe, EL2_REG_X(15), 0xdead);
	el2_exec_result r = do_mrs(pe, EL2_SR_DCZID_EL0, 15);
	assert_done(pe, &r);
	uint64_t v = rd(pe, EL2_REG_X(15));
	assert_int_equal(v & 0xf, 4); /* BS */
	assert_int_equal(v & ~0x1full, 0);
	el2_pe_free(&pe);
	return v & DZP;
}

/* The reported cases: EL1 with HCR_EL2.TDZ = 1, EL0 with SCTLR_EL1.DZE = 0. */
static void test_dczid_dzp_follows_tdz_and_dze(void **state)
{
	(void)state;
	const uint64_t DZE = EL2_SCTLR_DZE, TDZ = EL2_HCR_TDZ;
	uint32_t all = EL2_FEAT_ALL;
	/* EL1: only HCR_EL2.TDZ */
	assert_int_equal(dczid_read(all, EL2_PSR_MODE_EL1h, TDZ, DZE, DZE), DZP);
	assert_int_equal(dczid_read(all, EL2_PSR_MODE_EL1h, 0, 0, 0), 0);
	/* EL0: SCTLR_EL1.DZE, then HCR_EL2.TDZ */
	assert_int_equal(dczid_read(all, EL2_PSR_MODE_EL0t, 0, 0, DZE), DZP);
	assert_int_equal(dczid_read(all, EL2_PSR_MODE_EL0t, 0, DZE, 0), 0);
	assert_int_equal(dczid_read(all, EL2_PSR_MODE_EL0t, TDZ, DZE, DZE), DZP);
	/* EL0 in host (E2H = TGE = 1): SCTLR_EL2.DZE; TDZ does not act */
	uint64_t host = EL2_HCR_E2H | EL2_HCR_TGE;
	assert_int_equal(dczid_read(all, EL2_PSR_MODE_EL0t, host, DZE, 0), DZP);
	assert_int_equal(dczid_read(all, EL2_PSR_MODE_EL0t, host | TDZ, 0, DZE), 0);
	/* EL2: never prohibited */
	assert_int_equal(dczid_read(all, EL2_PSR_MODE_EL2h, TDZ, 0, 0), 0);
}

/* A PE without EL2: HCR_EL2.TDZ does not exist. */
static void test_dczid_dzp_without_el2_ignores_tdz(void **state)
{
	(void)state;
	el2_config cfg = el2_config_default();
	cfg.have_el2 = false;
	cfg.features &= ~(uint32_t)EL2_FEAT_VHE;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	wr(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_REG_PC, PC0);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_TDZ);
	el2_exec_result r = do_mrs(pe, EL2_SR_DCZID_EL0, 2);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_REG_X(2)), 4);
	el2_pe_free(&pe);
}

/* Every EL1 ID register of the op0 = 3, CRn = 0 space read at EL0:
 * UNDEFINED without FEAT_IDST, EC 0x18 to EL1 with it (EL2 with TGE). */
static void test_idst_traps_el0_id_reads_instead_of_undefined(void **state)
{
	(void)state;
	unsigned n = 0;
	for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
		const el2_sysreg_info *ri = el2_sysreg_get((el2_sysreg)i);
		if (ri->kind != EL2_SRK_ID || ri->min_el != 1 || EL2_SYS_OP0(ri->enc) != 3 ||
		    EL2_SYS_CRN(ri->enc) != 0)
			continue;
		n++;
		el2_pe *pe = pe_with(EL2_FEAT_ALL & ~(uint32_t)EL2_FEAT_IDST, EL2_PSR_MODE_EL0t, 0, 0, 0);
		el2_exec_result r = do_mrs(pe, (el2_sysreg)i, 4);
		assert_undefined(&r);
		el2_pe_free(&pe);

		static const uint64_t tge[] = {0, EL2_HCR_TGE, EL2_HCR_TGE | EL2_HCR_E2H};
		for (size_t t = 0; t < 3; t++) {
			pe = pe_with(EL2_FEAT_ALL, EL2_PSR_MODE_EL0t, tge[t], 0, 0);
			r = do_mrs(pe, (el2_sysreg)i, 4);
			assert_int_equal(r.outcome, EL2_OUT_EXCEPTION);
			assert_int_equal(r.exc_type, EL2_EXC_SYSREG_TRAP);
			assert_int_equal(r.exc.target_el, tge[t] ? 2 : 1);
			uint32_t e = ri->enc;
			uint32_t iss = (3u << 20) | (EL2_SYS_OP2(e) << 17) | (EL2_SYS_OP1(e) << 14) |
				       (4u << 5) | (EL2_SYS_CRM(e) << 1) | 1u;
			assert_int_equal(r.exc.esr, (0x18u << 26) | (1u << 25) | iss);
			el2_pe_free(&pe);
		}
	}
	assert_true(n >= 30); /* MIDR ... ID_AA64MMFR2 */
	/* Not an ID register: CSSELR_EL1 stays UNDEFINED at EL0. */
	el2_pe *pe = pe_with(EL2_FEAT_ALL, EL2_PSR_MODE_EL0t, 0, 0, 0);
	el2_exec_result r = do_mrs(pe, EL2_SR_CSSELR_EL1, 4);
	assert_undefined(&r);
	el2_pe_free(&pe);
}

/* FEAT_IDST does not touch EL1 reads (TID3 still decides) or writes. */
static void test_idst_leaves_el1_reads_and_writes_alone(void **state)
{
	(void)state;
	el2_pe *pe = pe_with(EL2_FEAT_ALL, EL2_PSR_MODE_EL1h, 0, 0, 0);
	el2_exec_result r = do_mrs(pe, EL2_SR_ID_AA64PFR0_EL1, 4);
	assert_done(pe, &r);
	el2_pe_free(&pe);
	pe = pe_with(EL2_FEAT_ALL, EL2_PSR_MODE_EL0t, 0, 0, 0);
	r = do_msr(pe, EL2_SR_ID_AA64PFR0_EL1, 4);
	assert_undefined(&r);
	el2_pe_free(&pe);
}

static el2_exec_result mrs_enc(el2_pe *pe, uint32_t enc, unsigned rt)
{
	el2_exec_result r;
	sysreg_exec_mrs(pe, mrs_insn(enc, rt), &r);
	return r;
}

/* ID_AA64MMFR3_EL1 (3,0,0,7,3) and ID_AA64PFR2_EL1 (3,0,0,4,2) are not
 * rows: reserved ID encodings, RAZ at EL1/EL2, TID3-trapped at EL1. */
static void test_reserved_id_encodings_read_as_zero_and_trap_on_tid3(void **state)
{
	(void)state;
	static const uint32_t encs[] = {EL2_SYS_ENC(3, 0, 0, 7, 3), EL2_SYS_ENC(3, 0, 0, 4, 2)};
	for (size_t i = 0; i < 2; i++) {
		static const unsigned modes[] = {EL2_PSR_MODE_EL1h, EL2_PSR_MODE_EL2h};
		for (size_t m = 0; m < 2; m++) {
			el2_pe *pe = pe_with(EL2_FEAT_ALL, modes[m], 0, 0, 0);
			wr(pe, EL2_REG_X(9), 0x55);
			el2_exec_result r = mrs_enc(pe, encs[i], 9);
			assert_done(pe, &r);
			assert_int_equal(rd(pe, EL2_REG_X(9)), 0);
			assert_false(r.flags & EL2_EF_RAZ_WI);
			el2_pe_free(&pe);
		}
		el2_pe *pe = pe_with(EL2_FEAT_ALL, EL2_PSR_MODE_EL1h, EL2_HCR_TID3, 0, 0);
		el2_exec_result r = mrs_enc(pe, encs[i], 9);
		assert_int_equal(r.outcome, EL2_OUT_EXCEPTION);
		assert_int_equal(r.exc.target_el, 2);
		assert_int_equal(r.exc.esr & 0x1ffffffu, ((3u << 20) | (EL2_SYS_OP2(encs[i]) << 17) |
							  (9u << 5) | (EL2_SYS_CRM(encs[i]) << 1) | 1u));
		el2_pe_free(&pe);
		/* EL0: UNDEFINED, or trapped with FEAT_IDST; MSR: UNDEFINED */
		pe = pe_with(EL2_FEAT_ALL & ~(uint32_t)EL2_FEAT_IDST, EL2_PSR_MODE_EL0t, 0, 0, 0);
		r = mrs_enc(pe, encs[i], 9);
		assert_undefined(&r);
		el2_pe_free(&pe);
		pe = pe_with(EL2_FEAT_ALL, EL2_PSR_MODE_EL0t, 0, 0, 0);
		r = mrs_enc(pe, encs[i], 9);
		assert_int_equal(r.exc_type, EL2_EXC_SYSREG_TRAP);
		assert_int_equal(r.exc.target_el, 1);
		el2_pe_free(&pe);
		pe = pe_with(EL2_FEAT_ALL, EL2_PSR_MODE_EL1h, 0, 0, 0);
		el2_exec_result w;
		sysreg_exec_msr(pe, msr_insn(encs[i], 9), &w);
		assert_undefined(&w);
		el2_pe_free(&pe);
	}
}

/* Outside the ID space an encoding without a row stays UNDEFINED. */
static void test_unallocated_encoding_outside_id_space_is_undefined(void **state)
{
	(void)state;
	el2_pe *pe = pe_with(EL2_FEAT_ALL, EL2_PSR_MODE_EL1h, 0, 0, 0);
	el2_exec_result r = mrs_enc(pe, EL2_SYS_ENC(3, 0, 0, 8, 0), 9);
	assert_undefined(&r);
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dczid_dzp_follows_tdz_and_dze),
		cmocka_unit_test(test_dczid_dzp_without_el2_ignores_tdz),
		cmocka_unit_test(test_idst_traps_el0_id_reads_instead_of_undefined),
		cmocka_unit_test(test_idst_leaves_el1_reads_and_writes_alone),
		cmocka_unit_test(test_reserved_id_encodings_read_as_zero_and_trap_on_tid3),
		cmocka_unit_test(test_unallocated_encoding_outside_id_space_is_undefined),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
