/* SPDX-License-Identifier: MIT */
/* The mutation operators of el2sim mutate, from the A64 encoding tables
 * (the Arm ARM's "Loads and Stores" and "System" groups): delete a
 * load/store/pair/system instruction, swap Rt/Rt2, move an offset by one
 * element, drop a barrier (docs/mutate.md). */
#include <stdbool.h>
#include <stdint.h>

#include "check_internal.h" /* A64_NOP */
#include "mutate_internal.h"

static bool is_ldst(uint32_t w) { return (w & 0x0a000000u) == 0x08000000u; }
static bool is_pair(uint32_t w) { return (w & 0x3a000000u) == 0x28000000u; }
static bool is_uimm(uint32_t w) { return (w & 0x3b000000u) == 0x39000000u; }
/* LDUR/STUR, post-/pre-indexed and unprivileged: imm9 at [20:12]. */
static bool is_imm9(uint32_t w) { return (w & 0x3b200000u) == 0x38000000u; }

static bool is_prefetch(uint32_t w)
{
	return (w & 0xffc00000u) == 0xf9800000u || /* PRFM (immediate) */
	       (w & 0xff000000u) == 0xd8000000u || /* PRFM (literal) */
	       (w & 0xffe00c00u) == 0xf8800000u || /* PRFUM */
	       (w & 0xffe00c00u) == 0xf8a00800u;   /* PRFM (register) */
}

static bool is_sysreg_or_sys(uint32_t w)
{
	return (w & 0xffd00000u) == 0xd5100000u || /* MSR/MRS (register) */
	       (w & 0xffd80000u) == 0xd5080000u || /* SYS/SYSL */
	       (w & 0xfff8f01fu) == 0xd500401fu;   /* MSR (immediate) */
}

static bool is_barrier(uint32_t w)
{
	if ((w & 0xfffff01fu) != 0xd503301fu)
		return false;
	unsigned op2 = (w >> 5) & 7;
	return op2 == 4 || op2 == 5 || op2 == 6; /* DSB, DMB, ISB */
}

/* Bytes of one element of an imm9 load/store. */
static unsigned imm9_scale(uint32_t w)
{
	unsigned size = w >> 30;
	bool simd = (w >> 26) & 1;
	if (simd && size == 0 && ((w >> 23) & 1))
		return 16;
	return 1u << size;
}


size_t mut_candidates(uint32_t w, mut_cand out[MUT_MAX_PER_WORD])
{
	size_t n = 0;
	if (is_barrier(w)) {
		out[n++] = (mut_cand){A64_NOP, EL2_MUT_DROP_BARRIER, true,
				  "barrier: the model completes every access and write at once"};
		return n;
	}
	if (is_sysreg_or_sys(w)) {
		out[n++] = (mut_cand){A64_NOP, EL2_MUT_DELETE, false, NULL};
		return n;
	}
	if (!is_ldst(w))
		return 0;
	out[n++] = (mut_cand){A64_NOP, EL2_MUT_DELETE, is_prefetch(w),
			  is_prefetch(w) ? "prefetch: no architectural effect" : NULL};
	if (is_pair(w)) {
		unsigned rt = w & 31, rt2 = (w >> 10) & 31;
		uint32_t sw = (w & ~(31u | (31u << 10))) | rt2 | (rt << 10);
		out[n++] = (mut_cand){sw, EL2_MUT_SWAP_PAIR, rt == rt2,
				  rt == rt2 ? "Rt == Rt2" : NULL};
		int imm = (int)((w >> 15) & 0x7f);
		if (imm & 0x40)
			imm -= 0x80;
		if (imm < 63)
			out[n++] = (mut_cand){(w & ~(0x7fu << 15)) | (((unsigned)(imm + 1) & 0x7f) << 15),
					  EL2_MUT_OFFSET_UP, false, NULL};
		if (imm > -64)
			out[n++] = (mut_cand){(w & ~(0x7fu << 15)) | (((unsigned)(imm - 1) & 0x7f) << 15),
					  EL2_MUT_OFFSET_DOWN, false, NULL};
	} else if (is_uimm(w)) {
		unsigned imm = (w >> 10) & 0xfff;
		if (imm < 0xfff)
			out[n++] = (mut_cand){(w & ~(0xfffu << 10)) | ((imm + 1) << 10),
					  EL2_MUT_OFFSET_UP, false, NULL};
		if (imm > 0)
			out[n++] = (mut_cand){(w & ~(0xfffu << 10)) | ((imm - 1) << 10),
					  EL2_MUT_OFFSET_DOWN, false, NULL};
	} else if (is_imm9(w)) {
		int imm = (int)((w >> 12) & 0x1ff);
		if (imm & 0x100)
			imm -= 0x200;
		int s = (int)imm9_scale(w);
		if (imm + s <= 255)
			out[n++] = (mut_cand){(w & ~(0x1ffu << 12)) | (((unsigned)(imm + s) & 0x1ff) << 12),
					  EL2_MUT_OFFSET_UP, false, NULL};
		if (imm - s >= -256)
			out[n++] = (mut_cand){(w & ~(0x1ffu << 12)) | (((unsigned)(imm - s) & 0x1ff) << 12),
					  EL2_MUT_OFFSET_DOWN, false, NULL};
	}
	return n;
}
