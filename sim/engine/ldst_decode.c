/* SPDX-License-Identifier: MIT */
/* A64 load/store decoding (DDI 0487 J.a, C4.1 "Loads and Stores": the
 * encoding groups are named where they are matched). */
#include "ldst_decode.h"

#include <string.h>

#define BITS(w, hi, lo) (((w) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1u))
#define BIT(w, n) (((w) >> (n)) & 1u)

static bool set(ldst_info *o, ldst_class cls, uint32_t insn)
{
	o->cls = cls;
	o->rt = BITS(insn, 4, 0);
	return cls != LDST_NONE;
}

/* Single-register forms with size [31:30] and opc [23:22] (GPR, V = 0):
 * opc 00 store, 01 load, 10 signed load to X (or PRFM when size = 11),
 * 11 signed load to W (unallocated for size >= 10). */
static bool gpr_size_opc(uint32_t insn, ldst_class cls, bool prfm_ok, ldst_info *o)
{
	unsigned size = BITS(insn, 31, 30), opc = BITS(insn, 23, 22);
	o->size_log2 = size;
	switch (opc) {
	case 0:
		o->store = true;
		o->sf = size == 3;
		break;
	case 1:
		o->load = true;
		o->sf = size == 3;
		break;
	case 2:
		if (size == 3)
			return prfm_ok ? set(o, LDST_PREFETCH, insn) : set(o, LDST_NONE, insn);
		o->load = o->sign = o->sf = true;
		break;
	default:
		if (size >= 2)
			return set(o, LDST_NONE, insn);
		o->load = o->sign = true;
		o->sf = false;
		break;
	}
	return set(o, cls, insn);
}

/* SIMD&FP register forms: size [31:30] with opc<1> [23] for 128 bits. */
static bool simd_size_opc(uint32_t insn, ldst_info *o)
{
	unsigned size = BITS(insn, 31, 30), opc = BITS(insn, 23, 22);
	o->size_log2 = (opc & 2u) ? size + 4u : size;
	o->load = (opc & 1u) != 0;
	o->store = !o->load;
	if (o->size_log2 > 4)
		return set(o, LDST_NONE, insn);
	return set(o, LDST_SIMD, insn);
}

/* "Load/store exclusive pair", "Load/store exclusive register",
 * "Load/store ordered", "Compare and swap (pair)": bits [29:24] = 001000. */
static bool exclusive_ordered(uint32_t insn, ldst_info *o)
{
	unsigned size = BITS(insn, 31, 30), o2 = BIT(insn, 23), l = BIT(insn, 22), o1 = BIT(insn, 21);
	o->size_log2 = size;
	o->load = l;
	o->store = !l;
	o->sf = size == 3;
	if (o1) {
		/* CAS / CASP (Rt2 = 11111 for CASP) read and write */
		if (o2 || (BITS(insn, 14, 10) == 31u && size < 2)) {
			o->load = o->store = true;
			return set(o, LDST_ATOMIC, insn);
		}
		return set(o, LDST_EXCLUSIVE, insn); /* LDXP/STXP/LDAXP/STLXP */
	}
	return set(o, o2 ? LDST_ACQREL : LDST_EXCLUSIVE, insn);
}

/* "Load/store register" classes: bits [29:27] = 111. */
static bool register_forms(uint32_t insn, ldst_info *o)
{
	bool v = BIT(insn, 26);
	unsigned op24 = BITS(insn, 25, 24), op4 = BITS(insn, 11, 10);
	if (op24 == 1) /* (unsigned immediate) */
		return v ? simd_size_opc(insn, o) : gpr_size_opc(insn, LDST_SINGLE, true, o);
	if (op24 != 0)
		return set(o, LDST_NONE, insn);
	if (!BIT(insn, 21)) {
		o->writeback = op4 == 1 || op4 == 3; /* post-/pre-indexed */
		if (op4 == 2) /* (unprivileged): no SIMD&FP form */
			return v ? set(o, LDST_NONE, insn) : gpr_size_opc(insn, LDST_UNPRIV, false, o);
		if (v)
			return simd_size_opc(insn, o);
		/* PRFUM exists only for the unscaled form */
		return gpr_size_opc(insn, LDST_SINGLE, op4 == 0, o);
	}
	if (op4 == 2) /* (register offset) */
		return v ? simd_size_opc(insn, o) : gpr_size_opc(insn, LDST_SINGLE, true, o);
	if (v)
		return set(o, LDST_NONE, insn);
	if (op4 == 0) {
		/* "Atomic memory operations"; LDAPR is o3 = 1, opc = 100 */
		o->size_log2 = BITS(insn, 31, 30);
		o->sf = o->size_log2 == 3;
		o->load = true;
		if (BIT(insn, 15) && BITS(insn, 14, 12) == 4u)
			return set(o, LDST_ACQREL, insn);
		o->store = true;
		return set(o, LDST_ATOMIC, insn);
	}
	/* LDRAA/LDRAB (FEAT_PAuth): 64-bit load, W [11] = writeback */
	if (BITS(insn, 31, 30) != 3u || !BIT(insn, 10))
		return set(o, LDST_NONE, insn);
	o->size_log2 = 3;
	o->load = o->sf = true;
	o->writeback = BIT(insn, 11);
	return set(o, LDST_SINGLE, insn);
}

bool ldst_decode(uint32_t insn, ldst_info *o)
{
	memset(o, 0, sizeof(*o));
	o->cls = LDST_NONE;
	/* op0 = x1x0: bit 27 = 1, bit 25 = 0 */
	if (!BIT(insn, 27) || BIT(insn, 25))
		return false;
	/* "Advanced SIMD load/store multiple/single structures (post-indexed)" */
	if ((insn & 0xbe000000u) == 0x0c000000u) {
		o->load = BIT(insn, 22);
		o->store = !o->load;
		o->writeback = BIT(insn, 23);
		o->size_log2 = BITS(insn, 11, 10);
		return set(o, LDST_SIMD, insn);
	}
	if (BITS(insn, 29, 24) == 0x08u)
		return exclusive_ordered(insn, o);
	/* "LDAPR/STLR (unscaled immediate)" (FEAT_LRCPC2) */
	if (BITS(insn, 29, 24) == 0x19u && !BIT(insn, 21) && BITS(insn, 11, 10) == 0u)
		return gpr_size_opc(insn, LDST_ACQREL, false, o);
	switch (BITS(insn, 29, 27)) {
	case 3: /* "Load register (literal)" */
		if (BITS(insn, 25, 24) != 0)
			return false;
		if (BIT(insn, 26)) {
			unsigned opc = BITS(insn, 31, 30);
			if (opc == 3)
				return false;
			o->size_log2 = 2u + opc;
			o->load = true;
			return set(o, LDST_SIMD, insn);
		}
		switch (BITS(insn, 31, 30)) {
		case 0: o->size_log2 = 2; break;
		case 1: o->size_log2 = 3; o->sf = true; break;
		case 2: o->size_log2 = 2; o->sign = o->sf = true; break;
		default: return set(o, LDST_PREFETCH, insn);
		}
		o->load = true;
		return set(o, LDST_SINGLE, insn);
	case 5: /* "Load/store register pair" (all addressing forms) */
		o->load = BIT(insn, 22);
		o->store = !o->load;
		o->writeback = BITS(insn, 24, 23) == 1u || BITS(insn, 24, 23) == 3u;
		if (BIT(insn, 26)) {
			o->size_log2 = 2u + BITS(insn, 31, 30);
			return set(o, LDST_SIMD, insn);
		}
		o->size_log2 = BIT(insn, 31) ? 3u : 2u;
		o->sf = BIT(insn, 31) || BIT(insn, 30); /* LDPSW: signed word to X */
		o->sign = BITS(insn, 31, 30) == 1u && o->load;
		return set(o, LDST_PAIR, insn);
	case 7:
		return register_forms(insn, o);
	default:
		return false;
	}
}

bool ldst_isv(const ldst_info *i)
{
	return (i->cls == LDST_SINGLE || i->cls == LDST_UNPRIV || i->cls == LDST_ACQREL) &&
	       !i->writeback;
}

bool ldst_acqrel(const ldst_info *i)
{
	return i->cls == LDST_ACQREL;
}

static int64_t sext(uint64_t v, unsigned bits)
{
	uint64_t m = 1ull << (bits - 1);
	v &= (1ull << bits) - 1;
	return (int64_t)((v ^ m) - m);
}

/* ExtendReg for the register-offset forms (option [15:13], S [12]). */
static uint64_t extend_reg(uint64_t v, unsigned option, unsigned shift)
{
	switch (option) {
	case 2: v = (uint32_t)v; break;                   /* UXTW */
	case 6: v = (uint64_t)(int64_t)(int32_t)v; break; /* SXTW */
	default: break;                                   /* LSL (UXTX) / SXTX */
	}
	return v << shift;
}

/* The address calculations of the load/store instruction descriptions
 * (C6.2): base + offset for the immediate, register and pre-indexed
 * forms, the base alone for post-indexed and base-only forms, PC + offset
 * for literals. */
bool ldst_address(uint32_t insn, const uint64_t x[31], uint64_t sp, uint64_t pc, uint64_t *ea)
{
	ldst_info li;
	if (!ldst_decode(insn, &li) || li.cls == LDST_PREFETCH)
		return false;
	if (BITS(insn, 29, 27) == 3u) { /* literal */
		*ea = pc + (uint64_t)(sext(BITS(insn, 23, 5), 19) * 4);
		return true;
	}
	unsigned rn = BITS(insn, 9, 5);
	uint64_t base = rn == 31 ? sp : x[rn];
	if ((insn & 0xbe000000u) == 0x0c000000u || BITS(insn, 29, 24) == 0x08u ||
	    li.cls == LDST_ATOMIC || (li.cls == LDST_ACQREL && BITS(insn, 29, 24) != 0x19u)) {
		*ea = base;
		return true;
	}
	if (BITS(insn, 29, 27) == 5u) { /* pair */
		unsigned scale = BIT(insn, 26) ? 2u + BITS(insn, 31, 30) : (BIT(insn, 31) ? 3u : 2u);
		int64_t off = sext(BITS(insn, 21, 15), 7) * (int64_t)(1u << scale);
		*ea = BITS(insn, 24, 23) == 1u ? base : base + (uint64_t)off;
		return true;
	}
	if (BITS(insn, 25, 24) == 1u) { /* unsigned immediate */
		*ea = base + ((uint64_t)BITS(insn, 21, 10) << li.size_log2);
		return true;
	}
	if (BIT(insn, 21) && BITS(insn, 11, 10) == 2u) { /* register offset */
		unsigned rm = BITS(insn, 20, 16);
		uint64_t off = rm == 31 ? 0 : x[rm];
		*ea = base + extend_reg(off, BITS(insn, 15, 13), BIT(insn, 12) ? li.size_log2 : 0u);
		return true;
	}
	if (BIT(insn, 21)) { /* LDRAA/LDRAB: S:imm9, scaled by 8 */
		int64_t off = sext((BIT(insn, 22) << 9) | BITS(insn, 20, 12), 10) * 8;
		*ea = base + (uint64_t)off;
		return true;
	}
	/* unscaled, unprivileged, pre-/post-indexed: simm9 */
	int64_t off = sext(BITS(insn, 20, 12), 9);
	*ea = BITS(insn, 11, 10) == 1u ? base : base + (uint64_t)off;
	return true;
}
