/* SPDX-License-Identifier: MIT */
/* FEAT_PMUv3 (lib/pmu.c): the accessors of the PMU registers as Arm ARM
 * DDI 0487 J.a D19.4 gives them (PMUSERENR_EL0 EN/SW/CR/ER at EL0,
 * MDCR_EL2.TPM / TPMCR / HPMN), the set/clear pairs, PMCR_EL0.N, P and C,
 * the indirect PMXEVTYPER/PMXEVCNTR_EL0, and the feature switched off. */
#include <string.h>

#include "sysreg_test_util.h"

#define ALL EL2_FEAT_ALL
#define N_CTR 6u /* el2_config_default().pmu_counters */

static uint32_t esr_of(el2_sysreg id, unsigned rt, bool read)
{
	uint32_t e = enc_of(id);
	uint32_t iss = (EL2_SYS_OP0(e) << 20) | (EL2_SYS_OP2(e) << 17) | (EL2_SYS_OP1(e) << 14) |
		       (EL2_SYS_CRN(e) << 10) | (rt << 5) | (EL2_SYS_CRM(e) << 1) | (read ? 1u : 0u);
	return (0x18u << 26) | (1u << 25) | iss;
}

/* A PE at mode with MDCR_EL2, PMUSERENR_EL0 and HCR_EL2 set. */
static el2_pe *pmu_pe(unsigned mode, uint64_t mdcr, uint64_t userenr, uint64_t hcr)
{
	el2_pe *pe = pe_in(ALL, mode);
	wr(pe, EL2_SYSREG(HCR_EL2), hcr);
	wr(pe, EL2_SYSREG(MDCR_EL2), mdcr);
	wr(pe, EL2_SYSREG(PMUSERENR_EL0), userenr);
	return pe;
}

/* One access from the PE's current mode; an exception it takes is
 * reported, and the PE put back in that mode for the next access. */
static el2_exec_result access(el2_pe *pe, el2_sysreg id, bool write)
{
	uint64_t mode = rd(pe, EL2_REG_PSTATE) & EL2_PSR_M;
	wr(pe, EL2_REG_PC, PC0);
	el2_exec_result r = write ? do_msr(pe, id, 1) : do_mrs(pe, id, 1);
	if (r.outcome == EL2_OUT_EXCEPTION)
		wr(pe, EL2_REG_PSTATE, mode);
	return r;
}

static void expect_trap(el2_pe *pe, el2_sysreg id, bool write, unsigned el)
{
	el2_exec_result r = access(pe, id, write);
	if (r.outcome != EL2_OUT_EXCEPTION || r.exc.target_el != el)
		fail_msg("%s %s: expected a trap to EL%u", write ? "MSR" : "MRS",
			 el2_sysreg_get(id)->name, el);
	assert_int_equal(r.exc.esr, esr_of(id, 1, !write));
}

static void expect_ok(el2_pe *pe, el2_sysreg id, bool write)
{
	el2_exec_result r = access(pe, id, write);
	if (r.outcome != EL2_OUT_DONE)
		fail_msg("%s %s: expected to complete", write ? "MSR" : "MRS",
			 el2_sysreg_get(id)->name);
}

static void expect_undef(el2_pe *pe, el2_sysreg id, bool write)
{
	el2_exec_result r = access(pe, id, write);
	if (r.outcome != EL2_OUT_EXCEPTION || r.exc_type != EL2_EXC_UNCATEGORIZED)
		fail_msg("%s %s: expected UNDEFINED", write ? "MSR" : "MRS",
			 el2_sysreg_get(id)->name);
}

static uint64_t mrs_val(el2_pe *pe, el2_sysreg id)
{
	el2_exec_result r = access(pe, id, false);
	assert_int_equal(r.outcome, EL2_OUT_DONE);
	return rd(pe, EL2_REG_X(1));
}

static void msr_val(el2_pe *pe, el2_sysreg id, uint64_t v)
{
	wr(pe, EL2_REG_X(1), v);
	el2_exec_result r = access(pe, id, true);
	assert_int_equal(r.outcome, EL2_OUT_DONE);
}

/* Every PMU register an EL1 guest can name (the TPM list). */
static const el2_sysreg el1_rows[] = {
	EL2_SR_PMCR_EL0,       EL2_SR_PMCNTENSET_EL0, EL2_SR_PMCNTENCLR_EL0, EL2_SR_PMOVSCLR_EL0,
	EL2_SR_PMOVSSET_EL0,   EL2_SR_PMSELR_EL0,     EL2_SR_PMCEID0_EL0,    EL2_SR_PMCEID1_EL0,
	EL2_SR_PMCCNTR_EL0,    EL2_SR_PMXEVTYPER_EL0, EL2_SR_PMXEVCNTR_EL0,  EL2_SR_PMUSERENR_EL0,
	EL2_SR_PMINTENSET_EL1, EL2_SR_PMINTENCLR_EL1, EL2_SR_PMCCFILTR_EL0,  EL2_SR_PMEVCNTR0_EL0,
	EL2_SR_PMEVTYPER5_EL0, EL2_SR_PMSWINC_EL0,
};
#define N_EL1_ROWS (sizeof(el1_rows) / sizeof(el1_rows[0]))

static bool write_only(el2_sysreg id)
{
	return el2_sysreg_get(id)->access == EL2_ACC_WO;
}

static void test_pmu_registers_are_undefined_without_feat_pmu(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL & ~EL2_FEAT_PMU, EL2_PSR_MODE_EL2h);
	for (size_t i = 0; i < N_EL1_ROWS; i++)
		expect_undef(pe, el1_rows[i], write_only(el1_rows[i]));
	/* MDCR_EL2 HPMN/TPMCR/TPM/HPME are RES0 then; PMUVer reads 0. */
	msr_val(pe, EL2_SR_MDCR_EL2, 0xff | EL2_MDCR_TDA);
	assert_int_equal(mrs_val(pe, EL2_SR_MDCR_EL2), EL2_MDCR_TDA);
	assert_int_equal((mrs_val(pe, EL2_SR_ID_AA64DFR0_EL1) >> 8) & 0xf, 0);
	el2_pe_free(&pe);
}

static void test_pmcr_n_reads_the_counters_at_el2_and_hpmn_at_el1_and_el0(void **state)
{
	(void)state;
	el2_pe *pe = pmu_pe(EL2_PSR_MODE_EL2h, 3, EL2_PMUSERENR_EN, EL2_HCR_RW);
	uint64_t pmcr = mrs_val(pe, EL2_SR_PMCR_EL0);
	assert_int_equal((pmcr >> 11) & 0x1f, N_CTR);
	assert_int_equal(pmcr >> 24, 0x41); /* IMP: MIDR_EL1.Implementer (Arm) */
	reenter(pe, EL2_PSR_MODE_EL1h);
	assert_int_equal((mrs_val(pe, EL2_SR_PMCR_EL0) >> 11) & 0x1f, 3);
	reenter(pe, EL2_PSR_MODE_EL0t);
	assert_int_equal((mrs_val(pe, EL2_SR_PMCR_EL0) >> 11) & 0x1f, 3);
	el2_pe_free(&pe);
}

static void test_mdcr_hpmn_resets_to_the_number_of_counters(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	assert_int_equal(rd(pe, EL2_SYSREG(MDCR_EL2)) & EL2_MDCR_HPMN_MASK, N_CTR);
	el2_pe_free(&pe);
}

static void test_pmcr_p_and_c_zero_the_counters_and_read_as_zero(void **state)
{
	(void)state;
	el2_pe *pe = pmu_pe(EL2_PSR_MODE_EL2h, N_CTR, 0, EL2_HCR_RW);
	for (unsigned i = 0; i < N_CTR; i++)
		wr(pe, EL2_SYSREG(PMEVCNTR0_EL0) + i, 100 + i);
	wr(pe, EL2_SYSREG(PMCCNTR_EL0), 0x123456789ull);
	msr_val(pe, EL2_SR_PMCR_EL0, EL2_PMCR_E | EL2_PMCR_P | EL2_PMCR_C);
	assert_int_equal(mrs_val(pe, EL2_SR_PMCR_EL0) & 0xff, EL2_PMCR_E);
	for (unsigned i = 0; i < N_CTR; i++)
		assert_int_equal(rd(pe, EL2_SYSREG(PMEVCNTR0_EL0) + i), 0);
	assert_int_equal(rd(pe, EL2_SYSREG(PMCCNTR_EL0)), 0);
	/* From EL1 with HPMN = 2, P spares the counters reserved for EL2. */
	for (unsigned i = 0; i < N_CTR; i++)
		wr(pe, EL2_SYSREG(PMEVCNTR0_EL0) + i, 100 + i);
	wr(pe, EL2_SYSREG(MDCR_EL2), 2);
	reenter(pe, EL2_PSR_MODE_EL1h);
	msr_val(pe, EL2_SR_PMCR_EL0, EL2_PMCR_P);
	for (unsigned i = 0; i < N_CTR; i++)
		assert_int_equal(rd(pe, EL2_SYSREG(PMEVCNTR0_EL0) + i), i < 2 ? 0 : 100 + i);
	el2_pe_free(&pe);
}

static void test_written_values_read_back_within_their_fields(void **state)
{
	(void)state;
	static const struct {
		el2_sysreg id;
		uint64_t reads;
	} rows[] = {
		{EL2_SR_PMSELR_EL0, 0x1f},           {EL2_SR_PMUSERENR_EL0, 0xf},
		{EL2_SR_PMCCFILTR_EL0, 0xfc000000},  {EL2_SR_PMCCNTR_EL0, ~0ull},
		{EL2_SR_PMEVCNTR0_EL0, 0xffffffff},  {EL2_SR_PMEVCNTR5_EL0, 0xffffffff},
		{EL2_SR_PMEVTYPER0_EL0, 0xfc00ffff}, {EL2_SR_PMEVTYPER5_EL0, 0xfc00ffff},
		{EL2_SR_PMCR_EL0, 0x79 | (N_CTR << 11) | (0x41ull << 24)},
	};
	el2_pe *pe = pmu_pe(EL2_PSR_MODE_EL2h, N_CTR, 0, EL2_HCR_RW);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		/* all ones, but PMCR_EL0.P/C would zero other counters */
		bool pmcr = rows[i].id == EL2_SR_PMCR_EL0;
		msr_val(pe, rows[i].id, pmcr ? ~(uint64_t)(EL2_PMCR_P | EL2_PMCR_C) : ~0ull);
		assert_int_equal(mrs_val(pe, rows[i].id), rows[i].reads);
	}
	el2_pe_free(&pe);
}

static void test_set_and_clear_registers_share_one_value(void **state)
{
	(void)state;
	static const el2_sysreg pairs[][2] = {
		{EL2_SR_PMCNTENSET_EL0, EL2_SR_PMCNTENCLR_EL0},
		{EL2_SR_PMINTENSET_EL1, EL2_SR_PMINTENCLR_EL1},
		{EL2_SR_PMOVSSET_EL0, EL2_SR_PMOVSCLR_EL0},
	};
	el2_pe *pe = pmu_pe(EL2_PSR_MODE_EL2h, N_CTR, 0, EL2_HCR_RW);
	for (size_t i = 0; i < 3; i++) {
		msr_val(pe, pairs[i][0], 0x80000405); /* bit 10: no such counter */
		assert_int_equal(mrs_val(pe, pairs[i][0]), 0x80000005);
		assert_int_equal(mrs_val(pe, pairs[i][1]), 0x80000005);
		msr_val(pe, pairs[i][0], 0x2);        /* 0 bits leave the others */
		msr_val(pe, pairs[i][1], 0x80000001);
		assert_int_equal(mrs_val(pe, pairs[i][0]), 0x6);
		assert_int_equal(mrs_val(pe, pairs[i][1]), 0x6);
	}
	el2_pe_free(&pe);
}

static void test_counter_bits_from_hpmn_up_are_raz_wi_at_el1(void **state)
{
	(void)state;
	el2_pe *pe = pmu_pe(EL2_PSR_MODE_EL2h, 2, 0, EL2_HCR_RW);
	msr_val(pe, EL2_SR_PMCNTENSET_EL0, 0x8000003f);
	reenter(pe, EL2_PSR_MODE_EL1h);
	assert_int_equal(mrs_val(pe, EL2_SR_PMCNTENSET_EL0), 0x80000003);
	msr_val(pe, EL2_SR_PMCNTENCLR_EL0, 0xffffffff);
	reenter(pe, EL2_PSR_MODE_EL2h);
	assert_int_equal(mrs_val(pe, EL2_SR_PMCNTENSET_EL0), 0x3c);
	el2_pe_free(&pe);
}

static void test_event_counters_from_n_up_do_not_exist(void **state)
{
	(void)state;
	el2_pe *pe = pmu_pe(EL2_PSR_MODE_EL2h, N_CTR, 0, EL2_HCR_RW);
	expect_ok(pe, EL2_SR_PMEVCNTR5_EL0, false);
	expect_undef(pe, EL2_SR_PMEVCNTR6_EL0, false);
	expect_undef(pe, EL2_SR_PMEVTYPER30_EL0, true);
	el2_pe_free(&pe);
}

/* PMEVCNTR<n>_EL0 accessor: "EL2Enabled() && m >=
 * GetNumEventCountersAccessible()" (CONSTRAINED UNPREDICTABLE, the model's
 * choice UNDEFINED) comes after the PMUSERENR_EL0 and MDCR_EL2.TPM traps;
 * EL2 reaches every counter. */
static void test_counters_from_hpmn_up_are_undefined_at_el1_and_el0(void **state)
{
	(void)state;
	el2_pe *pe = pmu_pe(EL2_PSR_MODE_EL1h, 2, 0, EL2_HCR_RW);
	expect_ok(pe, EL2_SR_PMEVCNTR1_EL0, false);
	expect_undef(pe, EL2_SR_PMEVCNTR2_EL0, false);
	expect_undef(pe, EL2_SR_PMEVTYPER2_EL0, true);
	reenter(pe, EL2_PSR_MODE_EL0t); /* PMUSERENR_EL0 = 0: the trap first */
	expect_trap(pe, EL2_SR_PMEVCNTR2_EL0, false, 1);
	expect_trap(pe, EL2_SR_PMEVCNTR1_EL0, false, 1);
	wr(pe, EL2_SYSREG(PMUSERENR_EL0), EL2_PMUSERENR_ER);
	expect_undef(pe, EL2_SR_PMEVCNTR2_EL0, false);
	expect_ok(pe, EL2_SR_PMEVCNTR1_EL0, false);
	reenter(pe, EL2_PSR_MODE_EL2h);
	expect_ok(pe, EL2_SR_PMEVCNTR2_EL0, false);
	wr(pe, EL2_SYSREG(MDCR_EL2), 2 | EL2_MDCR_TPM); /* TPM before the range */
	reenter(pe, EL2_PSR_MODE_EL1h);
	expect_trap(pe, EL2_SR_PMEVCNTR2_EL0, false, 2);
	el2_pe_free(&pe);
}

static void test_pmxevcntr_and_pmxevtyper_reach_the_selected_counter(void **state)
{
	(void)state;
	el2_pe *pe = pmu_pe(EL2_PSR_MODE_EL2h, 4, 0, EL2_HCR_RW);
	msr_val(pe, EL2_SR_PMSELR_EL0, 3);
	msr_val(pe, EL2_SR_PMXEVCNTR_EL0, 0x1234);
	msr_val(pe, EL2_SR_PMXEVTYPER_EL0, 0xffffffff);
	assert_int_equal(mrs_val(pe, EL2_SR_PMEVCNTR3_EL0), 0x1234);
	assert_int_equal(mrs_val(pe, EL2_SR_PMEVTYPER3_EL0), 0xfc00ffff);
	assert_int_equal(mrs_val(pe, EL2_SR_PMXEVCNTR_EL0), 0x1234);
	/* SEL = 31: PMXEVTYPER_EL0 is PMCCFILTR_EL0, PMXEVCNTR_EL0 UNDEFINED. */
	msr_val(pe, EL2_SR_PMSELR_EL0, 31);
	msr_val(pe, EL2_SR_PMXEVTYPER_EL0, 0xffffffff);
	assert_int_equal(mrs_val(pe, EL2_SR_PMCCFILTR_EL0), 0xfc000000);
	expect_undef(pe, EL2_SR_PMXEVCNTR_EL0, false);
	/* SEL beyond N at EL2, beyond HPMN (4) at EL1. */
	msr_val(pe, EL2_SR_PMSELR_EL0, 6);
	expect_undef(pe, EL2_SR_PMXEVCNTR_EL0, false);
	msr_val(pe, EL2_SR_PMSELR_EL0, 4);
	expect_ok(pe, EL2_SR_PMXEVCNTR_EL0, false);
	reenter(pe, EL2_PSR_MODE_EL1h);
	expect_undef(pe, EL2_SR_PMXEVCNTR_EL0, false);
	expect_undef(pe, EL2_SR_PMXEVTYPER_EL0, true);
	/* SEL >= N is UNDEFINED before the EL0 trap, SEL >= HPMN after it */
	wr(pe, EL2_SYSREG(PMSELR_EL0), 6);
	reenter(pe, EL2_PSR_MODE_EL0t);
	expect_undef(pe, EL2_SR_PMXEVCNTR_EL0, false);
	wr(pe, EL2_SYSREG(PMSELR_EL0), 4);
	expect_trap(pe, EL2_SR_PMXEVCNTR_EL0, false, 1);
	el2_pe_free(&pe);
}

static void test_mdcr_tpm_traps_every_pmu_access_from_el1(void **state)
{
	(void)state;
	el2_pe *pe = pmu_pe(EL2_PSR_MODE_EL1h, N_CTR | EL2_MDCR_TPM, 0, EL2_HCR_RW);
	for (size_t i = 0; i < N_EL1_ROWS; i++) {
		reenter(pe, EL2_PSR_MODE_EL1h);
		expect_trap(pe, el1_rows[i], write_only(el1_rows[i]), 2);
	}
	el2_pe_free(&pe);
	pe = pmu_pe(EL2_PSR_MODE_EL1h, N_CTR, 0, EL2_HCR_RW);
	for (size_t i = 0; i < N_EL1_ROWS; i++)
		expect_ok(pe, el1_rows[i], write_only(el1_rows[i]));
	el2_pe_free(&pe);
	/* EL2 itself is never trapped. */
	pe = pmu_pe(EL2_PSR_MODE_EL2h, N_CTR | EL2_MDCR_TPM | EL2_MDCR_TPMCR, 0, EL2_HCR_RW);
	for (size_t i = 0; i < N_EL1_ROWS; i++)
		expect_ok(pe, el1_rows[i], write_only(el1_rows[i]));
	el2_pe_free(&pe);
}

static void test_mdcr_tpmcr_traps_pmcr_only(void **state)
{
	(void)state;
	el2_pe *pe = pmu_pe(EL2_PSR_MODE_EL1h, N_CTR | EL2_MDCR_TPMCR, EL2_PMUSERENR_EN, EL2_HCR_RW);
	expect_trap(pe, EL2_SR_PMCR_EL0, false, 2);
	reenter(pe, EL2_PSR_MODE_EL1h);
	expect_trap(pe, EL2_SR_PMCR_EL0, true, 2);
	reenter(pe, EL2_PSR_MODE_EL1h);
	expect_ok(pe, EL2_SR_PMCNTENSET_EL0, true);
	reenter(pe, EL2_PSR_MODE_EL0t);
	expect_trap(pe, EL2_SR_PMCR_EL0, false, 2);
	reenter(pe, EL2_PSR_MODE_EL0t);
	expect_ok(pe, EL2_SR_PMCNTENSET_EL0, false);
	el2_pe_free(&pe);
}

/* PMUSERENR_EL0 at EL0: which enable opens which access; a closed one
 * traps to EL1, or to EL2 when HCR_EL2.TGE = 1. */
static void test_pmuserenr_enables_decide_el0_access(void **state)
{
	(void)state;
	static const struct {
		uint64_t userenr;
		el2_sysreg id;
		bool write, ok;
	} cases[] = {
		{0, EL2_SR_PMCR_EL0, false, false},
		{EL2_PMUSERENR_EN, EL2_SR_PMCR_EL0, false, true},
		{EL2_PMUSERENR_EN, EL2_SR_PMCR_EL0, true, true},
		{EL2_PMUSERENR_SW, EL2_SR_PMSWINC_EL0, true, true},
		{0, EL2_SR_PMSWINC_EL0, true, false},
		{EL2_PMUSERENR_SW, EL2_SR_PMCR_EL0, false, false},
		{EL2_PMUSERENR_CR, EL2_SR_PMCCNTR_EL0, false, true},
		{EL2_PMUSERENR_CR, EL2_SR_PMCCNTR_EL0, true, false},
		{EL2_PMUSERENR_EN, EL2_SR_PMCCNTR_EL0, true, true},
		{EL2_PMUSERENR_ER, EL2_SR_PMEVCNTR0_EL0, false, true},
		{EL2_PMUSERENR_ER, EL2_SR_PMEVCNTR0_EL0, true, false},
		{EL2_PMUSERENR_ER, EL2_SR_PMXEVCNTR_EL0, false, true},
		{EL2_PMUSERENR_ER, EL2_SR_PMSELR_EL0, true, true},
		{EL2_PMUSERENR_ER, EL2_SR_PMSELR_EL0, false, true},
		{EL2_PMUSERENR_ER, EL2_SR_PMEVTYPER0_EL0, false, false},
		{EL2_PMUSERENR_CR, EL2_SR_PMEVCNTR0_EL0, false, false},
		{0, EL2_SR_PMUSERENR_EL0, false, true},
		{0, EL2_SR_PMCNTENSET_EL0, false, false},
		{0, EL2_SR_PMCEID0_EL0, false, false},
	};
	for (unsigned tge = 0; tge < 2; tge++) {
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			uint64_t hcr = EL2_HCR_RW | (tge ? EL2_HCR_TGE : 0);
			el2_pe *pe = pmu_pe(EL2_PSR_MODE_EL0t, N_CTR, cases[i].userenr, hcr);
			if (cases[i].ok)
				expect_ok(pe, cases[i].id, cases[i].write);
			else
				expect_trap(pe, cases[i].id, cases[i].write, tge ? 2 : 1);
			el2_pe_free(&pe);
		}
	}
}

static void test_el0_cannot_write_pmuserenr_or_reach_pminten(void **state)
{
	(void)state;
	el2_pe *pe = pmu_pe(EL2_PSR_MODE_EL0t, N_CTR, EL2_PMUSERENR_EN, EL2_HCR_RW);
	expect_undef(pe, EL2_SR_PMUSERENR_EL0, true);
	expect_undef(pe, EL2_SR_PMINTENSET_EL1, false);
	expect_undef(pe, EL2_SR_PMINTENCLR_EL1, true);
	expect_undef(pe, EL2_SR_PMSWINC_EL0, false); /* write-only */
	el2_pe_free(&pe);
}

/* The PMUSERENR_EL0 trap comes before MDCR_EL2.TPM in the accessors. */
static void test_el0_pmuserenr_trap_has_priority_over_tpm(void **state)
{
	(void)state;
	el2_pe *pe = pmu_pe(EL2_PSR_MODE_EL0t, N_CTR | EL2_MDCR_TPM, 0, EL2_HCR_RW);
	expect_trap(pe, EL2_SR_PMCNTENSET_EL0, false, 1);
	el2_pe_free(&pe);
	pe = pmu_pe(EL2_PSR_MODE_EL0t, N_CTR | EL2_MDCR_TPM, EL2_PMUSERENR_EN, EL2_HCR_RW);
	expect_trap(pe, EL2_SR_PMCNTENSET_EL0, false, 2);
	reenter(pe, EL2_PSR_MODE_EL0t);
	expect_trap(pe, EL2_SR_PMUSERENR_EL0, false, 2);
	el2_pe_free(&pe);
}

static void test_pmceid0_lists_the_required_common_events(void **state)
{
	(void)state;
	el2_pe *pe = pe_in(ALL, EL2_PSR_MODE_EL2h);
	uint64_t v = mrs_val(pe, EL2_SR_PMCEID0_EL0);
	assert_true(v & EL2_BIT(0x11)); /* CPU_CYCLES */
	assert_true(v & EL2_BIT(0x08)); /* INST_RETIRED */
	assert_int_equal(mrs_val(pe, EL2_SR_PMCEID1_EL0), 0);
	expect_undef(pe, EL2_SR_PMCEID0_EL0, true);
	el2_pe_free(&pe);
}

static void test_pmu_counters_in_the_config_set_n_and_the_rows(void **state)
{
	(void)state;
	el2_config cfg = el2_config_default();
	cfg.pmu_counters = 31;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	assert_int_equal((rd(pe, EL2_SYSREG(PMCR_EL0)) >> 11) & 0x1f, 31);
	wr(pe, EL2_REG_PC, PC0);
	expect_ok(pe, EL2_SR_PMEVCNTR30_EL0, false);
	el2_pe_free(&pe);
	cfg.pmu_counters = 32;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_ERR_BAD_CONFIG);
	char msg[120];
	assert_int_equal(el2_config_check(&cfg, msg, sizeof(msg)), EL2_ERR_BAD_CONFIG);
	assert_non_null(strstr(msg, "PMCR_EL0.N"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pmu_registers_are_undefined_without_feat_pmu),
		cmocka_unit_test(test_pmcr_n_reads_the_counters_at_el2_and_hpmn_at_el1_and_el0),
		cmocka_unit_test(test_mdcr_hpmn_resets_to_the_number_of_counters),
		cmocka_unit_test(test_pmcr_p_and_c_zero_the_counters_and_read_as_zero),
		cmocka_unit_test(test_written_values_read_back_within_their_fields),
		cmocka_unit_test(test_set_and_clear_registers_share_one_value),
		cmocka_unit_test(test_counter_bits_from_hpmn_up_are_raz_wi_at_el1),
		cmocka_unit_test(test_event_counters_from_n_up_do_not_exist),
		cmocka_unit_test(test_counters_from_hpmn_up_are_undefined_at_el1_and_el0),
		cmocka_unit_test(test_pmxevcntr_and_pmxevtyper_reach_the_selected_counter),
		cmocka_unit_test(test_mdcr_tpm_traps_every_pmu_access_from_el1),
		cmocka_unit_test(test_mdcr_tpmcr_traps_pmcr_only),
		cmocka_unit_test(test_pmuserenr_enables_decide_el0_access),
		cmocka_unit_test(test_el0_cannot_write_pmuserenr_or_reach_pminten),
		cmocka_unit_test(test_el0_pmuserenr_trap_has_priority_over_tpm),
		cmocka_unit_test(test_pmceid0_lists_the_required_common_events),
		cmocka_unit_test(test_pmu_counters_in_the_config_set_n_and_the_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
