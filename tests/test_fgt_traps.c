/* SPDX-License-Identifier: MIT */
/* FEAT_FGT (lib/fgt_traps.c): HFGRTR_EL2 / HFGWTR_EL2 / HDFGRTR_EL2 /
 * HDFGWTR_EL2 traps of EL1/EL0 register reads and writes, HFGITR_EL2 traps
 * of TLBI, DC, IC, AT, ERET and SVC, their place in each accessor's order
 * (after the EL1-targeted checks, with the coarse EL2 traps), and nothing
 * of it without the feature. Trap bits from the register descriptions of
 * DDI 0487 J.a; syndromes worked out by hand. */
#include "sysreg_test_util.h"

#define FGT (EL2_FEAT_ALL)
#define NO_FGT (EL2_FEAT_ALL & ~(uint32_t)EL2_FEAT_FGT)
#define B(n) (1ull << (n))

static uint32_t esr_sys(el2_sysreg id, unsigned rt, bool read)
{
	return el2_esr(EL2_EC_SYS64, true, el2_iss_sysreg(enc_of(id), rt, read));
}

static el2_pe *el1_with(uint32_t feats, el2_sysreg fgt_reg, uint64_t val)
{
	el2_pe *pe = pe_in(feats, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	wr(pe, (el2_reg)(EL2_REG_SYSREG_BASE + fgt_reg), val);
	return pe;
}

static void assert_trapped_to_el2(const el2_pe *pe, const el2_exec_result *r, uint32_t esr)
{
	assert_int_equal(r->outcome, EL2_OUT_EXCEPTION);
	assert_int_equal(r->exc.target_el, 2);
	assert_int_equal(r->exc.esr, esr);
	assert_int_equal(rd(pe, EL2_SYSREG(ELR_EL2)), PC0);
}

struct rw_case {
	el2_sysreg id;
	unsigned bit;
};

/* HFGRTR_EL2 traps the MRS only, HFGWTR_EL2 the MSR only. */
static void test_hfgrtr_traps_reads_and_hfgwtr_writes(void **state)
{
	(void)state;
	static const struct rw_case cases[] = {
		{EL2_SR_SCTLR_EL1, 29}, {EL2_SR_TTBR0_EL1, 36},      {EL2_SR_ESR_EL1, 16},
		{EL2_SR_VBAR_EL1, 38},  {EL2_SR_CONTEXTIDR_EL1, 11}, {EL2_SR_TPIDR_EL1, 33},
		{EL2_SR_CPACR_EL1, 12}, {EL2_SR_AFSR0_EL1, 0},       {EL2_SR_PAR_EL1, 27},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		el2_sysreg id = cases[i].id;
		el2_pe *pe = el1_with(FGT, EL2_SR_HFGRTR_EL2, B(cases[i].bit));
		el2_exec_result r = do_mrs(pe, id, 3);
		assert_trapped_to_el2(pe, &r, esr_sys(id, 3, true));
		reenter(pe, EL2_PSR_MODE_EL1h);
		r = do_msr(pe, id, 3);
		assert_done(pe, &r);
		el2_pe_free(&pe);

		pe = el1_with(FGT, EL2_SR_HFGWTR_EL2, B(cases[i].bit));
		r = do_msr(pe, id, 4);
		assert_trapped_to_el2(pe, &r, esr_sys(id, 4, false));
		reenter(pe, EL2_PSR_MODE_EL1h);
		r = do_mrs(pe, id, 4);
		assert_done(pe, &r);
		el2_pe_free(&pe);
	}
}

/* Each bit traps its register only: the other bits of HFGRTR_EL2 set,
 * SCTLR_EL1's clear. */
static void test_fgt_bit_traps_only_its_register(void **state)
{
	(void)state;
	el2_pe *pe = el1_with(FGT, EL2_SR_HFGRTR_EL2, ~B(29));
	el2_exec_result r = do_mrs(pe, EL2_SR_SCTLR_EL1, 3);
	assert_done(pe, &r);
	reenter(pe, EL2_PSR_MODE_EL1h);
	r = do_mrs(pe, EL2_SR_TCR_EL1, 3);
	assert_trapped_to_el2(pe, &r, esr_sys(EL2_SR_TCR_EL1, 3, true));
	el2_pe_free(&pe);
}

/* HDFGRTR_EL2 / HDFGWTR_EL2: MDSCR_EL1 [4], DBGBCRn_EL1 [0], OSLSR_EL1
 * [9] (read), OSLAR_EL1 [8] (write), OSDLR_EL1 [11]. */
static void test_hdfgxtr_trap_debug_registers(void **state)
{
	(void)state;
	static const struct rw_case reads[] = {
		{EL2_SR_MDSCR_EL1, 4}, {EL2_SR_DBGBCR1_EL1, 0}, {EL2_SR_DBGWVR0_EL1, 3},
		{EL2_SR_OSLSR_EL1, 9}, {EL2_SR_OSDLR_EL1, 11},  {EL2_SR_DBGPRCR_EL1, 7},
	};
	for (size_t i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
		el2_pe *pe = el1_with(FGT, EL2_SR_HDFGRTR_EL2, B(reads[i].bit));
		el2_exec_result r = do_mrs(pe, reads[i].id, 1);
		assert_trapped_to_el2(pe, &r, esr_sys(reads[i].id, 1, true));
		el2_pe_free(&pe);
	}
	static const struct rw_case writes[] = {
		{EL2_SR_MDSCR_EL1, 4}, {EL2_SR_DBGBVR0_EL1, 1}, {EL2_SR_OSLAR_EL1, 8},
		{EL2_SR_OSDLR_EL1, 11},
	};
	for (size_t i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
		el2_pe *pe = el1_with(FGT, EL2_SR_HDFGWTR_EL2, B(writes[i].bit));
		el2_exec_result r = do_msr(pe, writes[i].id, 1);
		assert_trapped_to_el2(pe, &r, esr_sys(writes[i].id, 1, false));
		el2_pe_free(&pe);
	}
	/* OSLAR_EL1 is write-only: bit 8 of HDFGRTR_EL2 is RES0; OSLSR_EL1
	 * read-only: bit 9 of HDFGWTR_EL2 is RES0. */
	el2_pe *pe = el1_with(FGT, EL2_SR_HDFGRTR_EL2, B(8) | B(9));
	assert_int_equal(rd(pe, EL2_SYSREG(HDFGRTR_EL2)), B(9));
	wr(pe, EL2_SYSREG(HDFGWTR_EL2), B(8) | B(9));
	assert_int_equal(rd(pe, EL2_SYSREG(HDFGWTR_EL2)), B(8));
	el2_pe_free(&pe);
}

/* HFGITR_EL2 on the system instructions (SYS: ESR Direction 0). */
static void test_hfgitr_traps_tlbi_dc_ic_at(void **state)
{
	(void)state;
	static const struct rw_case cases[] = {
		{EL2_SR_TLBI_VMALLE1IS, 28}, {EL2_SR_TLBI_VAE1, 43}, {EL2_SR_TLBI_ASIDE1IS, 30},
		{EL2_SR_DC_ZVA, 11},         {EL2_SR_DC_CVAC, 54},   {EL2_SR_DC_CISW, 6},
		{EL2_SR_IC_IALLU, 1},        {EL2_SR_IC_IVAU, 2},    {EL2_SR_AT_S1E1R, 12},
		{EL2_SR_AT_S1E0W, 15},       {EL2_SR_AT_S1E1RP, 16},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		el2_pe *pe = el1_with(FGT, EL2_SR_HFGITR_EL2, B(cases[i].bit));
		el2_exec_result r = do_sys(pe, cases[i].id, 6);
		assert_trapped_to_el2(pe, &r, esr_sys(cases[i].id, 6, false));
		el2_pe_free(&pe);
		/* the other bits do not */
		pe = el1_with(FGT, EL2_SR_HFGITR_EL2, ~B(cases[i].bit));
		r = do_sys(pe, cases[i].id, 6);
		assert_int_not_equal(r.exc.esr, esr_sys(cases[i].id, 6, false));
		el2_pe_free(&pe);
	}
}

/* EL0: "EL2Enabled() && HCR_EL2.<E2H,TGE> != '11' && ... HFGRTR_EL2.CTR_EL0",
 * after the EL1 enable SCTLR_EL1.UCT (which goes to EL1 first). */
static void test_fgt_at_el0_after_the_el1_enables_and_not_in_host(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(FGT, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	wr(pe, EL2_SYSREG(SCTLR_EL1), EL2_SCTLR_UCT | EL2_SCTLR_DZE);
	wr(pe, EL2_SYSREG(HFGRTR_EL2), B(14));
	wr(pe, EL2_SYSREG(HFGITR_EL2), B(11));
	el2_exec_result r = do_mrs(pe, EL2_SR_CTR_EL0, 2);
	assert_trapped_to_el2(pe, &r, esr_sys(EL2_SR_CTR_EL0, 2, true));
	reenter(pe, EL2_PSR_MODE_EL0t);
	r = do_sys(pe, EL2_SR_DC_ZVA, 2);
	assert_trapped_to_el2(pe, &r, esr_sys(EL2_SR_DC_ZVA, 2, false));

	/* SCTLR_EL1.UCT = 0: the EL1 trap wins. */
	reenter(pe, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(SCTLR_EL1), 0);
	r = do_mrs(pe, EL2_SR_CTR_EL0, 2);
	assert_int_equal(r.outcome, EL2_OUT_EXCEPTION);
	assert_int_equal(r.exc.target_el, 1);

	/* EL0 in host (E2H = TGE = 1): no fine-grained trap. */
	reenter(pe, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_E2H | EL2_HCR_TGE);
	wr(pe, EL2_SYSREG(SCTLR_EL2), rd(pe, EL2_SYSREG(SCTLR_EL2)) | EL2_SCTLR_UCT);
	r = do_mrs(pe, EL2_SR_CTR_EL0, 2);
	assert_done(pe, &r);
	el2_pe_free(&pe);
}

/* EL2's own accesses of the EL1 registers are never fine-grained trapped. */
static void test_fgt_does_not_trap_el2(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(FGT, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	wr(pe, EL2_SYSREG(HFGRTR_EL2), ~0ull);
	wr(pe, EL2_SYSREG(HFGITR_EL2), ~0ull);
	el2_exec_result r = do_mrs(pe, EL2_SR_SCTLR_EL1, 2);
	assert_done(pe, &r);
	reenter(pe, EL2_PSR_MODE_EL2h);
	r = do_sys(pe, EL2_SR_TLBI_VMALLE1IS, 2);
	assert_done(pe, &r);
	el2_pe_free(&pe);
}

/* Without FEAT_FGT the registers are UNDEFINED and the bits have no
 * effect even if the storage is set behind the model's back. */
static void test_no_fgt_without_the_feature(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(NO_FGT, EL2_PSR_MODE_EL2h);
	el2_exec_result r = do_mrs(pe, EL2_SR_HFGRTR_EL2, 1);
	assert_undefined(&r);
	reenter(pe, EL2_PSR_MODE_EL2h);
	r = do_msr(pe, EL2_SR_HFGITR_EL2, 1);
	assert_undefined(&r);
	assert_int_equal((rd(pe, EL2_SYSREG(ID_AA64MMFR0_EL1)) >> 56) & 0xf, 0);
	reenter(pe, EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	pe->s.sr[EL2_SR_HFGRTR_EL2] = ~0ull;
	r = do_mrs(pe, EL2_SR_SCTLR_EL1, 1);
	assert_done(pe, &r);
	el2_pe_free(&pe);

	pe = pe_in(FGT, EL2_PSR_MODE_EL2h);
	assert_int_equal((rd(pe, EL2_SYSREG(ID_AA64MMFR0_EL1)) >> 56) & 0xf, 1);
	el2_pe_free(&pe);
}

/* Both the fine-grained and the coarse trap (HCR_EL2.TRVM) give the same
 * EC 0x18 syndrome to EL2. */
static void test_fgt_and_coarse_trap_agree(void **state)
{
	(void)state;
	el2_pe *pe = el1_with(FGT, EL2_SR_HFGRTR_EL2, B(29));
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_TRVM);
	el2_exec_result r = do_mrs(pe, EL2_SR_SCTLR_EL1, 3);
	assert_trapped_to_el2(pe, &r, esr_sys(EL2_SR_SCTLR_EL1, 3, true));
	el2_pe_free(&pe);
}

/* Bits of features the configuration lacks are RES0: the RAS bits with
 * NO RAS, the write bits of read-only registers (AIDR_EL1 [2]). */
static void test_fgt_res0_bits_follow_the_configuration(void **state)
{
	(void)state;
	uint64_t ras_bits = 0x3full << 40 | B(49);
	el2_pe *pe = pe_in(FGT & ~(uint32_t)EL2_FEAT_RAS, EL2_PSR_MODE_EL2h);
	pe->s.x[1] = ~0ull;
	el2_exec_result r = do_msr(pe, EL2_SR_HFGRTR_EL2, 1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(HFGRTR_EL2)) & ras_bits, 0);
	el2_pe_free(&pe);

	pe = pe_in(FGT, EL2_PSR_MODE_EL2h);
	pe->s.x[1] = ~0ull;
	r = do_msr(pe, EL2_SR_HFGRTR_EL2, 1);
	assert_int_equal(rd(pe, EL2_SYSREG(HFGRTR_EL2)) & ras_bits, ras_bits);
	reenter(pe, EL2_PSR_MODE_EL2h);
	r = do_msr(pe, EL2_SR_HFGWTR_EL2, 1);
	assert_int_equal(rd(pe, EL2_SYSREG(HFGWTR_EL2)) & (B(2) | B(40)), 0);
	assert_int_equal(rd(pe, EL2_SYSREG(HFGWTR_EL2)) & B(41), B(41));
	el2_pe_free(&pe);

	/* With RAS: ERRSELR_EL1 [41] traps an EL1 read. */
	pe = el1_with(FGT, EL2_SR_HFGRTR_EL2, B(41));
	r = do_mrs(pe, EL2_SR_ERRSELR_EL1, 5);
	assert_trapped_to_el2(pe, &r, esr_sys(EL2_SR_ERRSELR_EL1, 5, true));
	el2_pe_free(&pe);
}

/* HFGRTR/HFGWTR_EL2 APDAKey [4], APDBKey [5], APGAKey [6], APIAKey [7],
 * APIBKey [8] trap both halves of their key at EL1 with HCR_EL2.APK = 1
 * (the accessor tests them before APK); without FEAT_PAuth the bits are
 * RES0. */
static void test_fgt_pauth_key_bits(void **state)
{
	(void)state;
	static const struct rw_case cases[] = {
		{EL2_SR_APDAKeyLo_EL1, 4}, {EL2_SR_APDAKeyHi_EL1, 4}, {EL2_SR_APDBKeyLo_EL1, 5},
		{EL2_SR_APDBKeyHi_EL1, 5}, {EL2_SR_APGAKeyLo_EL1, 6}, {EL2_SR_APGAKeyHi_EL1, 6},
		{EL2_SR_APIAKeyLo_EL1, 7}, {EL2_SR_APIAKeyHi_EL1, 7}, {EL2_SR_APIBKeyLo_EL1, 8},
		{EL2_SR_APIBKeyHi_EL1, 8},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		el2_sysreg id = cases[i].id;
		el2_pe *pe = el1_with(FGT, EL2_SR_HFGRTR_EL2, B(cases[i].bit));
		wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_APK);
		el2_exec_result r = do_mrs(pe, id, 3);
		assert_trapped_to_el2(pe, &r, esr_sys(id, 3, true));
		reenter(pe, EL2_PSR_MODE_EL1h);
		r = do_msr(pe, id, 3);
		assert_done(pe, &r);
		el2_pe_free(&pe);

		pe = el1_with(FGT, EL2_SR_HFGWTR_EL2, B(cases[i].bit));
		wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_APK);
		r = do_msr(pe, id, 4);
		assert_trapped_to_el2(pe, &r, esr_sys(id, 4, false));
		reenter(pe, EL2_PSR_MODE_EL1h);
		r = do_mrs(pe, id, 4);
		assert_done(pe, &r);
		el2_pe_free(&pe);
	}
	/* the other key bits set: APIAKeyLo_EL1 is not trapped */
	el2_pe *pe = el1_with(FGT, EL2_SR_HFGRTR_EL2, 0x1f0ull & ~B(7));
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_APK);
	el2_exec_result r = do_mrs(pe, EL2_SR_APIAKeyLo_EL1, 3);
	assert_done(pe, &r);
	el2_pe_free(&pe);

	/* RES0 without FEAT_PAuth, writable with it */
	pe = pe_in(FGT & ~(uint32_t)EL2_FEAT_PAUTH, EL2_PSR_MODE_EL2h);
	pe->s.x[1] = ~0ull;
	r = do_msr(pe, EL2_SR_HFGRTR_EL2, 1);
	assert_done(pe, &r);
	assert_int_equal(rd(pe, EL2_SYSREG(HFGRTR_EL2)) & 0x1f0ull, 0);
	reenter(pe, EL2_PSR_MODE_EL2h);
	r = do_msr(pe, EL2_SR_HFGWTR_EL2, 1);
	assert_int_equal(rd(pe, EL2_SYSREG(HFGWTR_EL2)) & 0x1f0ull, 0);
	el2_pe_free(&pe);
	pe = pe_in(FGT, EL2_PSR_MODE_EL2h);
	pe->s.x[1] = ~0ull;
	r = do_msr(pe, EL2_SR_HFGRTR_EL2, 1);
	assert_int_equal(rd(pe, EL2_SYSREG(HFGRTR_EL2)) & 0x1f0ull, 0x1f0ull);
	reenter(pe, EL2_PSR_MODE_EL2h);
	r = do_msr(pe, EL2_SR_HFGWTR_EL2, 1);
	assert_int_equal(rd(pe, EL2_SYSREG(HFGWTR_EL2)) & 0x1f0ull, 0x1f0ull);
	el2_pe_free(&pe);
}

/* ERETAA/ERETAB trapped by HFGITR_EL2.ERET: EC 0x1A with ISS 0b10 / 0b11
 * (ESR_ELx ISS encoding for EC 0x1A). */
static void test_hfgitr_eret_traps_eretaa_eretab(void **state)
{
	(void)state;
	static const uint32_t insn[2] = {0xd69f0bffu, 0xd69f0fffu}; /* ERETAA, ERETAB */
	for (unsigned k = 0; k < 2; k++) {
		el2_pe *pe = el1_with(FGT, EL2_SR_HFGITR_EL2, B(51));
		el2_exec_result r;
		assert_int_equal(el2_exec(pe, insn[k], &r), EL2_OK);
		assert_int_equal(r.exc_type, EL2_EXC_ERET_TRAP);
		assert_trapped_to_el2(pe, &r, el2_esr(EL2_EC_ERET, true, 2u | k));
		el2_pe_free(&pe);
	}
}

/* DCZID_EL0.DZP reflects SCTLR_ELx.DZE and HCR_EL2.TDZ only: the
 * fine-grained DC ZVA trap does not set it. */
static void test_hfgitr_dczva_leaves_dczid_dzp_alone(void **state)
{
	(void)state;
	el2_pe *pe = el1_with(FGT, EL2_SR_HFGITR_EL2, B(11));
	el2_exec_result r = do_mrs(pe, EL2_SR_DCZID_EL0, 1);
	assert_done(pe, &r);
	assert_int_equal(pe->s.x[1] & B(4), 0);
	el2_pe_free(&pe);
}

/* AArch64.CheckForERetTrap: ERET at EL1 with HFGITR_EL2.ERET [51] -> EL2,
 * EC 0x1A, ISS 0, ELR = the ERET. */
static void test_hfgitr_eret_traps_eret_at_el1(void **state)
{
	(void)state;
	el2_pe *pe = el1_with(FGT, EL2_SR_HFGITR_EL2, B(51));
	el2_exec_result r;
	assert_int_equal(el2_exec(pe, ERET_INSN, &r), EL2_OK);
	assert_int_equal(r.exc_type, EL2_EXC_ERET_TRAP);
	assert_trapped_to_el2(pe, &r, el2_esr(EL2_EC_ERET, true, 0));
	el2_pe_free(&pe);

	/* not at EL2 */
	pe = pe_in(FGT, EL2_PSR_MODE_EL2h);
	wr(pe, EL2_SYSREG(HFGITR_EL2), B(51));
	wr(pe, EL2_SYSREG(SPSR_EL2), EL2_PSR_MODE_EL1h);
	wr(pe, EL2_SYSREG(ELR_EL2), 0x1234);
	assert_int_equal(el2_exec(pe, ERET_INSN, &r), EL2_OK);
	assert_int_equal(r.outcome, EL2_OUT_ERET);
	assert_int_equal(el2_pe_pc(pe), 0x1234);
	el2_pe_free(&pe);
}

/* AArch64.CheckForSVCTrap: SVC_EL1 [53] at EL1, SVC_EL0 [52] at EL0 (not
 * in host): EC 0x15 with the imm16 to EL2, ELR = the SVC itself. */
static void test_hfgitr_svc_traps_svc_to_el2(void **state)
{
	(void)state;
	el2_pe *pe = el1_with(FGT, EL2_SR_HFGITR_EL2, B(53));
	el2_exec_result r;
	assert_int_equal(el2_exec(pe, svc_insn(0x42), &r), EL2_OK);
	assert_trapped_to_el2(pe, &r, el2_esr(EL2_EC_SVC64, true, 0x42));
	el2_pe_free(&pe);

	pe = pe_in(FGT, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW);
	wr(pe, EL2_SYSREG(HFGITR_EL2), B(52));
	assert_int_equal(el2_exec(pe, svc_insn(7), &r), EL2_OK);
	assert_trapped_to_el2(pe, &r, el2_esr(EL2_EC_SVC64, true, 7));
	/* SVC_EL1 alone does not trap EL0; the SVC goes to EL1, ELR = next. */
	reenter(pe, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(HFGITR_EL2), B(53));
	assert_int_equal(el2_exec(pe, svc_insn(7), &r), EL2_OK);
	assert_int_equal(r.exc.target_el, 1);
	assert_int_equal(rd(pe, EL2_SYSREG(ELR_EL1)), PC0 + 4);
	/* EL0 in host: no trap (the SVC goes to EL2 as a normal call). */
	reenter(pe, EL2_PSR_MODE_EL0t);
	wr(pe, EL2_SYSREG(HCR_EL2), EL2_HCR_RW | EL2_HCR_E2H | EL2_HCR_TGE);
	wr(pe, EL2_SYSREG(HFGITR_EL2), B(52));
	assert_int_equal(el2_exec(pe, svc_insn(7), &r), EL2_OK);
	assert_int_equal(r.exc.target_el, 2);
	assert_int_equal(rd(pe, EL2_SYSREG(ELR_EL2)), PC0 + 4);
	el2_pe_free(&pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hfgrtr_traps_reads_and_hfgwtr_writes),
		cmocka_unit_test(test_fgt_bit_traps_only_its_register),
		cmocka_unit_test(test_hdfgxtr_trap_debug_registers),
		cmocka_unit_test(test_hfgitr_traps_tlbi_dc_ic_at),
		cmocka_unit_test(test_fgt_at_el0_after_the_el1_enables_and_not_in_host),
		cmocka_unit_test(test_fgt_does_not_trap_el2),
		cmocka_unit_test(test_no_fgt_without_the_feature),
		cmocka_unit_test(test_fgt_and_coarse_trap_agree),
		cmocka_unit_test(test_fgt_res0_bits_follow_the_configuration),
		cmocka_unit_test(test_fgt_pauth_key_bits),
		cmocka_unit_test(test_hfgitr_eret_traps_eretaa_eretab),
		cmocka_unit_test(test_hfgitr_dczva_leaves_dczid_dzp_alone),
		cmocka_unit_test(test_hfgitr_eret_traps_eret_at_el1),
		cmocka_unit_test(test_hfgitr_svc_traps_svc_to_el2),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
