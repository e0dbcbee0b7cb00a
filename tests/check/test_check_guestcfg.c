/* SPDX-License-Identifier: MIT */
/* What the guest stub may change is asked of the model
 * (sim/check/check_guestcfg.c): from a guest entry state under a given
 * HCR_EL2, the rows whose MSR takes no exception. The expected sets come
 * from the Arm ARM's trap controls (HCR_EL2.TVM traps the EL1 MMU
 * registers' writes, TACR traps ACTLR_EL1; TPIDRRO_EL0 is read-only at EL0
 * only; the PSTATE fields the PE has are writable at EL1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "check_internal.h"
#include "el2sim/bits.h"
#include "el2sim/pstate.h"

/* The probe's answer for a guest at EL1h under hcr (and mdcr, if set:
 * else MDCR_EL2 as reset, HPMN = N, no PMU trap). */
static void probe_mdcr(uint64_t hcr, bool set_mdcr, uint64_t mdcr, chk_guestcfg *out)
{
	chk_checker *ck = calloc(1, sizeof(*ck));
	assert_non_null(ck);
	ck->cfg = el2_config_default();
	assert_int_equal(el2_pe_new(&ck->cfg, &ck->probe), EL2_OK);
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&ck->cfg, &pe), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(HCR_EL2), hcr), EL2_OK);
	if (set_mdcr)
		assert_int_equal(el2_reg_write(pe, EL2_SYSREG(MDCR_EL2), mdcr), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_SYSREG(CPACR_EL1), EL2_CPACR_FPEN), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1h), EL2_OK);
	el2_snapshot *s = NULL;
	assert_int_equal(el2_snapshot_take(pe, &s), EL2_OK);
	chk_guestcfg_probe(ck, s, out);
	el2_snapshot_free(&s);
	el2_pe_free(&pe);
	el2_pe_free(&ck->probe);
	free(ck);
	assert_true(out->known);
}

static void probe(uint64_t hcr, chk_guestcfg *out)
{
	probe_mdcr(hcr, false, 0, out);
}

#define W(c, name) ((c).w[EL2_SR_##name])

static void test_tvm_decides_whether_the_guest_writes_its_mmu_registers(void **state)
{
	(void)state;
	const uint64_t base = EL2_HCR_RW | EL2_HCR_VM;
	chk_guestcfg tvm, notvm;
	probe(base | EL2_HCR_TVM, &tvm);
	probe(base, &notvm);
	static const unsigned mmu[] = {EL2_SR_SCTLR_EL1, EL2_SR_TTBR0_EL1, EL2_SR_TTBR1_EL1,
				       EL2_SR_TCR_EL1, EL2_SR_MAIR_EL1, EL2_SR_AMAIR_EL1,
				       EL2_SR_CONTEXTIDR_EL1, EL2_SR_ESR_EL1, EL2_SR_FAR_EL1,
				       EL2_SR_AFSR0_EL1, EL2_SR_AFSR1_EL1};
	for (size_t i = 0; i < sizeof(mmu) / sizeof(mmu[0]); i++) {
		assert_false(tvm.w[mmu[i]]);
		assert_true(notvm.w[mmu[i]]);
	}
	/* Untouched by TVM: written under both. */
	static const unsigned both[] = {EL2_SR_TPIDRRO_EL0, EL2_SR_CNTKCTL_EL1, EL2_SR_MDSCR_EL1,
					EL2_SR_TPIDR_EL1, EL2_SR_ELR_EL1, EL2_SR_SPSR_EL1,
					EL2_SR_VBAR_EL1, EL2_SR_SP_EL0, EL2_SR_ACTLR_EL1,
					EL2_SR_NZCV, EL2_SR_DAIF, EL2_SR_PAN, EL2_SR_UAO,
					EL2_SR_SSBS, EL2_SR_DIT, EL2_SR_SPSel};
	for (size_t i = 0; i < sizeof(both) / sizeof(both[0]); i++) {
		assert_true(tvm.w[both[i]]);
		assert_true(notvm.w[both[i]]);
	}
	/* Never the stub's: EL2 state, SP_EL1 (mov sp), FPCR (after the FP
	 * probe), the GIC CPU interface (ICV_* under IMO), TCO without MTE. */
	assert_false(W(notvm, HCR_EL2));
	assert_false(W(notvm, SP_EL1));
	assert_false(W(notvm, FPCR));
	assert_false(W(notvm, ICC_PMR_EL1));
	assert_false(W(notvm, TCO));
}

static void test_tacr_keeps_the_guest_from_writing_actlr(void **state)
{
	(void)state;
	chk_guestcfg c;
	probe(EL2_HCR_RW | EL2_HCR_VM | EL2_BIT(21) /* TACR */, &c);
	assert_false(W(c, ACTLR_EL1));
	assert_true(W(c, TTBR0_EL1));
}

/* MDCR_EL2 decides which PMU registers the guest writes (D19.4 accessors:
 * TPM traps them all at EL1, TPMCR PMCR_EL0, counters n >= HPMN are
 * UNDEFINED at EL1); the set/clear pairs only while HPMN = N (their bits
 * HPMN..N-1 would read at EL2 what the guest could not write). */
static void test_mdcr_decides_which_pmu_registers_the_guest_writes(void **state)
{
	(void)state;
	const uint64_t hcr = EL2_HCR_RW | EL2_HCR_VM;
	chk_guestcfg open, tpm, tpmcr, hpmn2;
	probe(hcr, &open);
	probe_mdcr(hcr, true, 6 | EL2_MDCR_TPM, &tpm);
	probe_mdcr(hcr, true, 6 | EL2_MDCR_TPMCR, &tpmcr);
	probe_mdcr(hcr, true, 2, &hpmn2);
	static const unsigned all[] = {EL2_SR_PMUSERENR_EL0, EL2_SR_PMSELR_EL0, EL2_SR_PMCR_EL0,
				       EL2_SR_PMCCFILTR_EL0, EL2_SR_PMCCNTR_EL0,
				       EL2_SR_PMEVCNTR0_EL0, EL2_SR_PMEVCNTR5_EL0,
				       EL2_SR_PMEVTYPER0_EL0, EL2_SR_PMEVTYPER5_EL0,
				       EL2_SR_PMCNTENSET_EL0, EL2_SR_PMINTENSET_EL1,
				       EL2_SR_PMOVSSET_EL0};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		assert_true(open.w[all[i]]);
		assert_false(tpm.w[all[i]]);
		assert_int_equal(tpmcr.w[all[i]], all[i] != EL2_SR_PMCR_EL0);
	}
	/* N = 6 on the default PE: counter 6 does not exist */
	assert_false(W(open, PMEVCNTR6_EL0));
	/* never: the CLR halves, PMSWINC, the indirect PMXEV* */
	assert_false(W(open, PMCNTENCLR_EL0));
	assert_false(W(open, PMSWINC_EL0));
	assert_false(W(open, PMXEVCNTR_EL0));
	assert_true(W(hpmn2, PMEVCNTR1_EL0));
	assert_false(W(hpmn2, PMEVCNTR2_EL0));
	assert_false(W(hpmn2, PMEVTYPER2_EL0));
	assert_true(W(hpmn2, PMUSERENR_EL0));
	assert_false(W(hpmn2, PMCNTENSET_EL0));
	assert_false(W(hpmn2, PMOVSSET_EL0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tvm_decides_whether_the_guest_writes_its_mmu_registers),
		cmocka_unit_test(test_tacr_keeps_the_guest_from_writing_actlr),
		cmocka_unit_test(test_mdcr_decides_which_pmu_registers_the_guest_writes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
