/* SPDX-License-Identifier: MIT */
/* The stubs the checker writes: the host's `hvc #0; b .` and the guest,
 * which gives every register it can a new value and then takes the
 * scenario's exit (docs/check.md). */
#include <stddef.h>
#include <string.h>

#include "check_internal.h"
#include "el2sim/bits.h"

/* A64 words of the stubs the checker writes. */
#define A64_HVC0 0xd4000002u
#define A64_B_SELF 0x14000000u
#define A64_NOP 0xd503201fu
#define A64_MOV_V0 0x4ea01c00u /* orr v0.16b, v0.16b, v0.16b: probes lazy FP */
#define A64_MOVZ(rd, imm, hw) (0xd2800000u | ((hw) << 21) | ((uint32_t)(imm) << 5) | (rd))
#define A64_MOVK(rd, imm, hw) (0xf2800000u | ((hw) << 21) | ((uint32_t)(imm) << 5) | (rd))
#define A64_LDR_X5_X6 0xf94000c5u
#define A64_STR_X5_X6 0xf90000c5u
#define A64_FMOV_D_X(d, n) (0x9e670000u | ((n) << 5) | (d))     /* fmov d<d>, x<n> */
#define A64_FMOV_VD1_X(d, n) (0x9eaf0000u | ((n) << 5) | (d))   /* fmov v<d>.d[1], x<n> */
#define A64_MSR_FPCR(rt) (0xd51b4400u | (rt))
#define A64_MSR_FPSR(rt) (0xd51b4420u | (rt))
#define A64_MSR(enc, rt) (0xd5000000u | ((enc) << 5) | (rt))

#define GUEST_STUB_SIZE CHK_GUEST_STUB_SIZE
#define GUEST_STUB_WORDS (GUEST_STUB_SIZE / 4)

static size_t emit_mov64(uint32_t *g, size_t n, unsigned rd, uint64_t v)
{
	g[n++] = A64_MOVZ(rd, v & 0xffff, 0u);
	for (unsigned hw = 1; hw < 4; hw++)
		g[n++] = A64_MOVK(rd, (v >> (16 * hw)) & 0xffff, hw);
	return n;
}

/* Guest-layout system registers the guest stub may write without a trap
 * (no trap group) and without changing how the stub runs. */
static bool guest_may_write(el2_reg r)
{
	if (!EL2_REG_IS_SYSREG(r) || chk_is_el2_reg(r) || chk_is_fp_ctl(r) || r == EL2_SYSREG(SP_EL1))
		return false;
	uint64_t m;
	if (chk_mild(r, 0, true, &m))
		return false;
	if (r == EL2_SYSREG(SP_EL0))
		return true;
	const el2_sysreg_info *info = el2_sysreg_get((el2_sysreg)(r - EL2_REG_SYSREG_BASE));
	return info->kind == EL2_SRK_STORED && info->min_el <= 1 && info->access == EL2_ACC_RW &&
	       info->traps == 0;
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
		n = emit_mov64(g, n, 9, chk_tagged(t, EL2_TAG_GUEST, r, 2));
		n = emit_mov64(g, n, 10, el2_check_tag(EL2_TAG_GUEST, r, t->run,
						       chk_salt(t, EL2_TAG_GUEST, r, 3)));
		g[n++] = A64_FMOV_D_X(i, 9u);
		g[n++] = A64_FMOV_VD1_X(i, 10u);
	}
	if (n + 10 + 31 * 4 > GUEST_STUB_WORDS)
		return n;
	if (chk_in_guest_layout(&t->ck->prof, EL2_SYSREG(FPCR))) {
		n = emit_mov64(g, n, 9, ctx_init_of(t, EL2_SYSREG(FPCR)) ^ EL2_BIT(24));
		g[n++] = A64_MSR_FPCR(9u);
	}
	if (chk_in_guest_layout(&t->ck->prof, EL2_SYSREG(FPSR))) {
		n = emit_mov64(g, n, 9, ctx_init_of(t, EL2_SYSREG(FPSR)) ^ EL2_BIT(27));
		g[n++] = A64_MSR_FPSR(9u);
	}
	return n;
}

/* The guest gives every register it can a new value before it exits, so
 * that an exit path which forgets to save one leaves a stale context. */
static size_t emit_scramble(chk_trip *t, uint32_t *g, size_t n)
{
	const el2_check_profile *p = &t->ck->prof;
	for (size_t i = 0; i < p->n_guest; i++) {
		el2_reg r = p->guest[i].reg;
		if (n + 16 + 31 * 4 > GUEST_STUB_WORDS)
			break;
		if (r == EL2_SYSREG(SP_EL1)) {
			n = emit_mov64(g, n, 9, chk_tagged(t, EL2_TAG_GUEST, r, 2));
			g[n++] = 0x9100013fu; /* mov sp, x9 */
		} else if (guest_may_write(r)) {
			n = emit_mov64(g, n, 9, chk_tagged(t, EL2_TAG_GUEST, r, 2));
			g[n++] = A64_MSR(el2_sysreg_get((el2_sysreg)(r - EL2_REG_SYSREG_BASE))->enc, 9u);
		}
	}
	if (t->ck->layout_has_fp)
		n = emit_fp_scramble(t, g, n);
	for (unsigned i = 0; i <= 30; i++)
		n = emit_mov64(g, n, i, chk_tagged(t, EL2_TAG_GUEST, EL2_REG_X(i), 2));
	return n;
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
		n = emit_mov64(g, n, 6, a);
		g[n++] = A64_STR_X5_X6;
		break;
	}
	case SC_SYSREG:
		g[n++] = A64_MSR(el2_sysreg_get((el2_sysreg)(t->ck->prof.trapped_sysreg -
							      EL2_REG_SYSREG_BASE))->enc, 7u);
		break;
	case SC_IRQ:
		g[n++] = A64_NOP;
		*irq_addr = t->guest_stub + 4 * n;
		g[n++] = A64_NOP;
		break;
	default:
		break;
	}
	g[n++] = A64_HVC0;
	g[n++] = A64_B_SELF;
	el2_err e = el2_mem_write(t->mem, t->host_stub, host, sizeof(host));
	return e ? e : el2_mem_write(t->mem, t->guest_stub, g, n * 4);
}
