/* SPDX-License-Identifier: MIT */
/* The stage-2 translation-table walk (DDI 0487 J.a, aarch64/translation:
 * AArch64.S2Translate, AArch64.S2Walk, AArch64.S2StartLevel,
 * AArch64.S2InvalidSL, AArch64.S2InconsistentSL, AArch64.S2CheckPermissions)
 * for the 4 KiB granule, from VTTBR_EL2 and VTCR_EL2 only. What is not
 * modelled is listed in el2sim/s2_walk.h. */
#include "el2sim/s2_walk.h"

#define PA_MAX_BITS 48u  /* AArch64.PAMax(): ID_AA64MMFR0_EL1.PARange 48 bits */
#define TXSZ_MIN 16u     /* 4 KiB granule without FEAT_LVA/FEAT_LPA2 */
#define TXSZ_MAX 39u     /* without FEAT_TTST */
#define GRANULE_BITS 12u
#define STRIDE 9u        /* GRANULE_BITS - 3 (8-byte descriptors) */
#define FINAL_LEVEL 3

/* VTCR_EL2.PS limited by AArch64.PAMax (AArch64.S2TTWParams: ps). */
static unsigned decode_ps(unsigned ps)
{
	static const unsigned bits[8] = {32, 36, 40, 42, 44, 48, 48, 48};
	return bits[ps & 7u] < PA_MAX_BITS ? bits[ps & 7u] : PA_MAX_BITS;
}

/* AArch64.S2StartLevel for 4 KiB: SL0 0 -> level 2, 1 -> 1, 2 -> 0; 3 is
 * reserved without FEAT_TTST (AArch64.S2InvalidSL), and so is a level-0
 * start when the PA size is under 44 bits. -1 = invalid. */
static int start_level(unsigned sl0)
{
	static const int lvl[4] = {2, 1, 0, -1};
	if (sl0 == 2 && PA_MAX_BITS < 44u)
		return -1;
	return lvl[sl0 & 3u];
}

/* AArch64.S2InconsistentSL: the IPA size must need at least one index bit
 * at the start level and at most one level's stride plus a concatenation
 * of up to 16 tables there. */
static bool inconsistent_sl(int start, unsigned iasize)
{
	unsigned levels = (unsigned)(FINAL_LEVEL - start);
	unsigned sl_min = levels * STRIDE + GRANULE_BITS + 1u;
	unsigned sl_max = sl_min + (STRIDE - 1u) + 4u;
	return iasize < sl_min || iasize > sl_max;
}

static el2_err fault(el2_s2_result *out, el2_fault f, int level)
{
	*out = (el2_s2_result){.fault = true, .fst = f, .level = level};
	return EL2_OK;
}

/* AArch64.S2CheckPermissions without FEAT_S2PIE/XNX: S2AP[0] read, S2AP[1]
 * write, XN[1] (bit 54) forbids execution at EL1 and EL0 alike. */
static bool permitted(const el2_s2_result *r, el2_s2_acc acc)
{
	switch (acc) {
	case EL2_S2_READ:
		return r->r;
	case EL2_S2_WRITE:
		return r->w;
	case EL2_S2_FETCH:
		return r->x;
	}
	return false;
}

el2_err el2_s2_walk(uint64_t vttbr, uint64_t vtcr, uint64_t ipa, el2_s2_acc acc,
		    el2_phys_read_fn read, void *ctx, el2_s2_result *out)
{
	if (!read || !out)
		return EL2_ERR_INVALID_ARG;
	if (EL2_VTCR_TG0(vtcr) != 0)
		return EL2_ERR_UNSUPPORTED;
	unsigned txsz = EL2_VTCR_T0SZ(vtcr), ps = decode_ps(EL2_VTCR_PS(vtcr));
	/* A T0SZ outside [16, 39] is CONSTRAINED UNPREDICTABLE: the model
	 * takes the level-0 Translation fault option (as el2_at_walk does). */
	if (txsz < TXSZ_MIN || txsz > TXSZ_MAX)
		return fault(out, EL2_FAULT_TRANSLATION, 0);
	unsigned iasize = 64u - txsz;
	int start = start_level(EL2_VTCR_SL0(vtcr));
	/* AArch64.S2Translate: an invalid or inconsistent SL0 is a Translation
	 * fault at level 1; an IPA beyond the IPA size (AArch64.IPAIsOutOfRange)
	 * one at level 0. */
	if (start < 0 || inconsistent_sl(start, iasize))
		return fault(out, EL2_FAULT_TRANSLATION, 1);
	if (ipa >> iasize)
		return fault(out, EL2_FAULT_TRANSLATION, 0);
	/* AArch64.S2InitialTTWState: the start-level table, concatenated when
	 * the IPA needs more index bits than one table has, is aligned to its
	 * size; BADDR bits below that are RES0 and treated as zero. */
	unsigned start_shift = GRANULE_BITS + STRIDE * (unsigned)(FINAL_LEVEL - start);
	unsigned start_bits = iasize - start_shift;
	uint64_t table = vttbr & EL2_VTTBR_BADDR_MASK & ~((8ull << start_bits) - 1u);
	if (table >> ps)
		return fault(out, EL2_FAULT_ADDRESS_SIZE, 0);
	for (int level = start;; level++) {
		unsigned shift = GRANULE_BITS + STRIDE * (unsigned)(FINAL_LEVEL - level);
		unsigned idx_bits = level == start ? start_bits : STRIDE;
		uint64_t idx = (ipa >> shift) & ((1ull << idx_bits) - 1u);
		uint64_t desc = 0;
		if (!read(ctx, table + idx * 8u, &desc))
			return fault(out, EL2_FAULT_SYNC_EXTERNAL_WALK, level);
		if (!(desc & EL2_S2D_VALID))
			return fault(out, EL2_FAULT_TRANSLATION, level);
		if (level < FINAL_LEVEL && (desc & EL2_S2D_TABLE)) {
			/* AArch64.S2NextWalkStateTable */
			table = desc & EL2_S2D_OA_MASK;
			if (table >> ps)
				return fault(out, EL2_FAULT_ADDRESS_SIZE, level);
			continue;
		}
		/* A page descriptor needs bit 1 set at level 3; a level-0 block
		 * needs FEAT_LPA2: both are invalid (Translation fault). */
		if (level == FINAL_LEVEL ? !(desc & EL2_S2D_TABLE) : level == 0)
			return fault(out, EL2_FAULT_TRANSLATION, level);
		uint64_t span = 1ull << shift;
		uint64_t oa = desc & EL2_S2D_OA_MASK & ~(span - 1u);
		/* AArch64.S2Walk: output address size, then the access flag
		 * (no FEAT_HAFDBS), then permissions (AArch64.S2Translate). */
		if (oa >> ps)
			return fault(out, EL2_FAULT_ADDRESS_SIZE, level);
		if (!(desc & EL2_S2D_AF))
			return fault(out, EL2_FAULT_ACCESS_FLAG, level);
		*out = (el2_s2_result){.level = level, .pa = oa | (ipa & (span - 1u)), .span = span,
				       .r = (desc & EL2_S2D_S2AP_R) != 0,
				       .w = (desc & EL2_S2D_S2AP_W) != 0,
				       .x = !(desc & EL2_S2D_XN)};
		if (!permitted(out, acc)) {
			out->fault = true;
			out->fst = EL2_FAULT_PERMISSION;
		}
		return EL2_OK;
	}
}
