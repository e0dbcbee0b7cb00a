/* SPDX-License-Identifier: MIT */
/* The stubs the checker writes: the host's `hvc #0; b .` and the guest,
 * which gives every register and PSTATE field it can change without
 * trapping to EL2 a new value and then takes the scenario's exit
 * (docs/check.md). */
#include <stddef.h>
#include <string.h>

#include "check_internal.h"
#include "el2sim/bits.h"
#include "el2sim/pstate.h"

/* A64 words of the stubs the checker writes. */
#define A64_MOV_V0 0x4ea01c00u /* orr v0.16b, v0.16b, v0.16b: probes lazy FP */
#define A64_STR_X5_X6 0xf90000c5u
#define A64_FMOV_D_X(d, n) (0x9e670000u | ((n) << 5) | (d))     /* fmov d<d>, x<n> */
#define A64_FMOV_VD1_X(d, n) (0x9eaf0000u | ((n) << 5) | (d))   /* fmov v<d>.d[1], x<n> */
#define A64_MSR_FPCR(rt) (0xd51b4400u | (rt))
#define A64_MSR_FPSR(rt) (0xd51b4420u | (rt))

#define GUEST_STUB_SIZE CHK_GUEST_STUB_SIZE
#define GUEST_STUB_WORDS (GUEST_STUB_SIZE / 4)

size_t chk_emit_mov64(uint32_t *g, size_t n, unsigned rd, uint64_t v)
{
	g[n++] = A64_MOVZ(rd, v & 0xffff, 0u);
	for (unsigned hw = 1; hw < 4; hw++)
		g[n++] = A64_MOVK(rd, (v >> (16 * hw)) & 0xffff, hw);
	return n;
}

/* The context's initial value of a guest-layout register (0 if absent). */
static uint64_t ctx_init_of(const chk_trip *t, el2_reg reg)
{
	const el2_check_profile *p = &t->ck->prof;
	for (size_t i = 0; i < p->n_guest; i++)
		if (p->guest[i].reg == reg)
			return t->ctx_init[i][0];
	return 0;
}

/* After the FP probe (so FP/SIMD is live for the guest), the guest gives
 * V0-V31, FPCR and FPSR new values: an exit path that does not save the
 * guest's FP state leaves the context's old ones (property 3). FPCR/FPSR
 * flip one field Unicorn keeps (FZ; QC) relative to the context's value,
 * as their tags vary too few bits to differ between the sides' values. */
static size_t emit_fp_scramble(chk_trip *t, uint32_t *g, size_t n)
{
	for (unsigned i = 0; i < 32; i++) {
		el2_reg r = EL2_REG_V(i);
		if (n + 20 + 31 * 4 > GUEST_STUB_WORDS)
			return n;
		n = chk_emit_mov64(g, n, 9, chk_tagged(t, EL2_TAG_GUEST, r, 2));
		n = chk_emit_mov64(g, n, 10, el2_check_tag(EL2_TAG_GUEST, r, t->run,
						       chk_salt(t, EL2_TAG_GUEST, r, 3)));
		g[n++] = A64_FMOV_D_X(i, 9u);
		g[n++] = A64_FMOV_VD1_X(i, 10u);
	}
	if (n + 10 + 31 * 4 > GUEST_STUB_WORDS)
		return n;
	if (chk_in_guest_layout(&t->ck->prof, EL2_SYSREG(FPCR))) {
		n = chk_emit_mov64(g, n, 9, ctx_init_of(t, EL2_SYSREG(FPCR)) ^ EL2_BIT(24));
		g[n++] = A64_MSR_FPCR(9u);
	}
	if (chk_in_guest_layout(&t->ck->prof, EL2_SYSREG(FPSR))) {
		n = chk_emit_mov64(g, n, 9, ctx_init_of(t, EL2_SYSREG(FPSR)) ^ EL2_BIT(27));
		g[n++] = A64_MSR_FPSR(9u);
	}
	return n;
}

/* The value reg had as the guest was entered: the context's for a
 * guest-layout register, else the host's (a register the world switch
 * does not switch keeps it). */
static uint64_t entry_value(const chk_trip *t, el2_reg reg)
{
	if (chk_in_guest_layout(&t->ck->prof, reg))
		return ctx_init_of(t, reg);
	uint64_t v = 0, hi;
	chk_state_read(&t->host0, reg, &v, &hi);
	return v;
}

/* PSTATE: every field the guest can change gets the opposite of the value
 * it was entered with (the context's pstate), SPSel last (EL1h -> EL1t),
 * so an exit path that does not save SPSR_EL2 leaves a stale pstate slot
 * (property 3). */
static size_t emit_pstate(chk_trip *t, uint32_t *g, size_t n)
{
	static const struct { unsigned sr; uint64_t mask; } fields[] = {
		{EL2_SR_NZCV, EL2_PSR_NZCV}, {EL2_SR_DAIF, EL2_PSR_DAIF},
		{EL2_SR_PAN, EL2_PSR_PAN},   {EL2_SR_UAO, EL2_PSR_UAO},
		{EL2_SR_SSBS, EL2_PSR_SSBS}, {EL2_SR_DIT, EL2_PSR_DIT},
		{EL2_SR_TCO, EL2_PSR_TCO},   {EL2_SR_SPSel, EL2_PSR_SP},
	};
	uint64_t ps = ctx_init_of(t, EL2_REG_PSTATE);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (!t->stub_cfg.w[fields[i].sr])
			continue;
		uint64_t v = ~ps & fields[i].mask;
		if (t->sc == SC_VSERROR && fields[i].sr == EL2_SR_DAIF)
			v |= EL2_PSR_A; /* the virtual SError stays pending */
		n = chk_emit_mov64(g, n, 9, v);
		g[n++] = CHK_A64_MSR(el2_sysreg_get((el2_sysreg)fields[i].sr)->enc, 9u);
	}
	return n;
}

/* [world] guest_args: the guest's x0-x3 at its exit, as the profile sets
 * them (a hypervisor may act on them: an SMCCC function id in x0). */
static size_t emit_guest_args(const chk_trip *t, uint32_t *g, size_t n)
{
	const el2_check_profile *p = &t->ck->prof;
	for (unsigned i = 0; i < 4; i++)
		if (p->guest_arg_set & (1u << i))
			n = chk_emit_mov64(g, n, i, p->guest_arg[i]);
	return n;
}

/* The guest gives every register it can change without trapping to EL2
 * (t->stub_cfg, asked of the model at the guest entry: check_guestcfg.c) a
 * new value before it exits, so that an exit path which forgets to save
 * one leaves a stale context, and a register the world switch does not
 * switch at all carries a guest value into the host (properties 1, 4). */
static size_t emit_scramble(chk_trip *t, uint32_t *g, size_t n)
{
	const size_t reserve = 8 * 5 + 31 * 4 + 16;
	for (unsigned sr = 0; sr < EL2_SR_COUNT; sr++) {
		el2_reg r = EL2_REG_SYSREG_BASE + sr;
		if (!t->stub_cfg.w[sr] || chk_guestcfg_is_pstate(sr))
			continue;
		if (n + 7 + reserve > GUEST_STUB_WORDS)
			break;
		el2_sysreg clr = chk_pmu_clear_row(sr);
		if (clr != EL2_SR_NONE) { /* a set/clear pair: clear all, then set */
			g[n++] = CHK_A64_MOVN_ALL(9u);
			g[n++] = CHK_A64_MSR(el2_sysreg_get(clr)->enc, 9u);
		}
		n = chk_emit_mov64(g, n, 9, chk_stub_value(t, r, entry_value(t, r)));
		g[n++] = CHK_A64_MSR(el2_sysreg_get((el2_sysreg)sr)->enc, 9u);
	}
	/* SP_EL1: the stub runs on it (EL1h) */
	n = chk_emit_mov64(g, n, 9, chk_stub_value(t, EL2_SYSREG(SP_EL1),
					       entry_value(t, EL2_SYSREG(SP_EL1))));
	g[n++] = 0x9100013fu; /* mov sp, x9 */
	if (t->ck->layout_has_fp)
		n = emit_fp_scramble(t, g, n);
	n = emit_pstate(t, g, n);
	for (unsigned i = 0; i <= 30; i++)
		n = chk_emit_mov64(g, n, i, chk_tagged(t, EL2_TAG_GUEST, EL2_REG_X(i), 2));
	return emit_guest_args(t, g, n);
}


/* The first guest RAM region that stage 2 maps read-only (the target of
 * the s2perm scenario's store), or NULL. */
const el2_mem_region *chk_ro_guest_region(const el2_mem *mem)
{
	for (size_t i = 0; mem && i < el2_mem_count(mem); i++) {
		const el2_mem_region *r = el2_mem_region_at(mem, i);
		if ((r->attrs & EL2_MEM_GUEST) && (r->attrs & EL2_MEM_RO) &&
		    !(r->attrs & (EL2_MEM_MMIO | EL2_MEM_HOST | EL2_MEM_HYP)))
			return r;
	}
	return NULL;
}

/* Writes the stubs: host `hvc #0; b .`; guest: FP probe, new register
 * values, the scenario's exit, then `hvc #0; b .` in case it is resumed. */
el2_err chk_write_stubs(chk_trip *t, uint64_t *irq_addr)
{
	uint32_t host[2] = {A64_HVC0, A64_B_SELF};
	uint32_t g[GUEST_STUB_WORDS];
	size_t n = 0;
	*irq_addr = 0;
	if (!t->plain) {
		g[n++] = A64_MOV_V0;
		if (t->sc != SC_UNKNOWN_HVC)
			n = emit_scramble(t, g, n);
	}
	switch (t->sc) {
	case SC_MMIO: {
		uint64_t a = 0;
		for (size_t i = 0; i < el2_mem_count(t->mem); i++) {
			const el2_mem_region *r = el2_mem_region_at(t->mem, i);
			if ((r->attrs & EL2_MEM_MMIO) && (r->attrs & EL2_MEM_GUEST)) {
				a = r->base;
				break;
			}
		}
		g[n++] = A64_MOVZ(6u, a & 0xffff, 0u);
		g[n++] = A64_MOVK(6u, (a >> 16) & 0xffff, 1u);
		g[n++] = A64_MOVK(6u, (a >> 32) & 0xffff, 2u);
		g[n++] = A64_MOVK(6u, (a >> 48) & 0xffff, 3u);
		g[n++] = A64_LDR_X5_X6;
		break;
	}
	case SC_S2PERM: {
		uint64_t a = 0;
		const el2_mem_region *r = chk_ro_guest_region(t->mem);
		if (r)
			a = r->base;
		n = chk_emit_mov64(g, n, 6, a);
		g[n++] = A64_STR_X5_X6;
		break;
	}
	case SC_SYSREG: {
		el2_reg r = t->has_sysreg_target ? t->sysreg_target : t->ck->prof.trapped_sysreg;
		g[n++] = CHK_A64_MSR(el2_sysreg_get((el2_sysreg)(r - EL2_REG_SYSREG_BASE))->enc, 7u);
		break;
	}
	case SC_GUEST_HVC:
		/* the call the hypervisor handles in place, then (resumed) the
		 * ordinary exit below */
		n = chk_emit_mov64(g, n, 0, t->ck->prof.guest_hvc[t->guest_hvc %
							       t->ck->prof.n_guest_hvc]);
		g[n++] = A64_HVC0;
		break;
	case SC_IRQ:
		g[n++] = A64_NOP;
		*irq_addr = t->guest_stub + 4 * n;
		g[n++] = A64_NOP;
		break;
	default:
		break;
	}
	t->final_hvc = t->guest_stub + 4 * n;
	g[n++] = A64_HVC0;
	g[n++] = A64_B_SELF;
	el2_err e = el2_mem_write(t->mem, t->host_stub, host, sizeof(host));
	return e ? e : el2_mem_write(t->mem, t->guest_stub, g, n * 4);
}
