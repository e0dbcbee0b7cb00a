/* SPDX-License-Identifier: MIT */
/* Shared set-up for the system-register access tests (test_sysreg_*.c,
 * test_fp_access.c): a PE at a chosen EL, and one-call MRS/MSR/SYS. */
#ifndef EL2SIM_SYSREG_TEST_UTIL_H
#define EL2SIM_SYSREG_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "insn.h"
#include "sysreg_access.h"

#define PC0 0x80000ull

/* A PE with these features (EL2, no EL3) in the given PSTATE mode. */
static inline el2_pe *pe_in(uint32_t features, unsigned mode)
{
	el2_config cfg = el2_config_default();
	cfg.features = features;
	cfg.have_el2 = true;
	el2_pe *pe = NULL;
	assert_int_equal(el2_pe_new(&cfg, &pe), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_REG_PSTATE, mode), EL2_OK);
	assert_int_equal(el2_reg_write(pe, EL2_REG_PC, PC0), EL2_OK);
	return pe;
}

static inline uint64_t rd(const el2_pe *pe, el2_reg r)
{
	uint64_t v = 0;
	assert_int_equal(el2_reg_read(pe, r, &v), EL2_OK);
	return v;
}

/* The tests using these helpers model an AArch64 EL1: with FEAT_AA32EL1
 * configured HCR_EL2.RW = 0 would make EL1 AArch32 (test_aarch32_* cover
 * that), so HCR_EL2 writes here keep RW = 1 (RAO/WI without AArch32 EL1). */
static inline void wr(el2_pe *pe, el2_reg r, uint64_t v)
{
	if (r == EL2_SYSREG(HCR_EL2))
		v |= EL2_HCR_RW;
	assert_int_equal(el2_reg_write(pe, r, v), EL2_OK);
}

static inline uint32_t enc_of(el2_sysreg id)
{
	return el2_sysreg_get(id)->enc;
}

static inline el2_exec_result do_mrs(el2_pe *pe, el2_sysreg id, unsigned rt)
{
	el2_exec_result r;
	sysreg_exec_mrs(pe, mrs_insn(enc_of(id), rt), &r);
	return r;
}

static inline el2_exec_result do_msr(el2_pe *pe, el2_sysreg id, unsigned rt)
{
	el2_exec_result r;
	sysreg_exec_msr(pe, msr_insn(enc_of(id), rt), &r);
	return r;
}

static inline el2_exec_result do_sys(el2_pe *pe, el2_sysreg id, unsigned rt)
{
	el2_exec_result r;
	sysreg_exec_sys(pe, sys_insn(enc_of(id), rt), &r);
	return r;
}

static inline el2_exec_result do_msr_imm(el2_pe *pe, unsigned op1, unsigned op2, unsigned crm)
{
	el2_exec_result r;
	sysreg_exec_msr_imm(pe, msr_imm_insn(op1, op2, crm), &r);
	return r;
}

/* Back to a mode and PC0 after an exception moved the PE. */
static inline void reenter(el2_pe *pe, unsigned mode)
{
	wr(pe, EL2_REG_PSTATE, mode);
	wr(pe, EL2_REG_PC, PC0);
}

/* The instruction completed: outcome DONE and PC advanced by 4. */
static inline void assert_done(const el2_pe *pe, const el2_exec_result *r)
{
	assert_int_equal(r->outcome, EL2_OUT_DONE);
	assert_int_equal(el2_pe_pc(pe), PC0 + 4);
}

/* UNDEFINED: an exception of the Unknown class. */
static inline void assert_undefined(const el2_exec_result *r)
{
	assert_int_equal(r->outcome, EL2_OUT_EXCEPTION);
	assert_int_equal(r->exc_type, EL2_EXC_UNCATEGORIZED);
}

#endif
