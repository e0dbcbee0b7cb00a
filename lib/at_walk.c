/* SPDX-License-Identifier: MIT */
/* The stage-1 translation-table walk of the AT instructions (DDI 0487 J.a,
 * aarch64/translation/vmsa_*): 4 KiB granule, levels 0-3, 48-bit PA, no
 * hardware AF/dirty update (no FEAT_HAFDBS), no FEAT_HPDS, LPA, LPA2, D128.
 * Descriptors come from the caller's read callback; stage 2 from the
 * caller's check callback. The simplifications are in docs/memory-faults.md. */
#include "el2sim/at_walk.h"

#include "pe_internal.h"

#define PA_MAX_BITS 48u         /* AArch64.PAMax(): ID_AA64MMFR0_EL1.PARange 48 bits */
#define OA_MASK 0x0000fffffffff000ull
#define TTBR_BADDR_MASK 0x0000fffffffffffeull

/* Descriptor fields (VMSAv8-64 stage 1, 4 KiB granule). */
#define DESC_VALID EL2_BIT(0)
#define DESC_TABLE EL2_BIT(1)   /* table (levels 0-2) or page (level 3) */
#define DESC_ATTRINDX(d) ((unsigned)(((d) >> 2) & 7u))
#define DESC_AP1 EL2_BIT(6)     /* AP[1]: EL0 access */
#define DESC_AP2 EL2_BIT(7)     /* AP[2]: read-only */
#define DESC_SH(d) ((unsigned)(((d) >> 8) & 3u))
#define DESC_AF EL2_BIT(10)
#define DESC_APTABLE0 EL2_BIT(61) /* no EL0 access below */
#define DESC_APTABLE1 EL2_BIT(62) /* no write access below */

/* TCR_EL1 (and TCR_EL2 when HCR_EL2.E2H == 1). */
#define TCR_T0SZ(t) ((unsigned)((t) & 0x3fu))
#define TCR_EPD0 EL2_BIT(7)
#define TCR_TG0(t) ((unsigned)(((t) >> 14) & 3u))
#define TCR_T1SZ(t) ((unsigned)(((t) >> 16) & 0x3fu))
#define TCR_EPD1 EL2_BIT(23)
#define TCR_TG1(t) ((unsigned)(((t) >> 30) & 3u))
#define TCR_IPS(t) ((unsigned)(((t) >> 32) & 7u))
#define TG0_4K 0u
#define TG1_4K 2u
/* TCR_EL2 when HCR_EL2.E2H == 0. */
#define TCR_EL2_PS(t) ((unsigned)(((t) >> 16) & 7u))

/* 4 KiB granule without FEAT_LVA/FEAT_TTST: TxSZ in [16, 39]. */
#define TXSZ_MIN 16u
#define TXSZ_MAX 39u

typedef enum regime { REGIME_EL10, REGIME_EL20, REGIME_EL2 } regime;

/* The access an AT operation checks (CreateAccDescAT). */
struct at_access {
	regime reg;
	bool priv;     /* privileged (EL1/EL2), else unprivileged (EL0) */
	bool write;
	bool pan;      /* PSTATE.PAN takes part: AT S1E1RP/S1E1WP */
	bool stage12;  /* AT S12E*: stage 2 applies to the output too */
};

/* The S1TTWParams the walk needs, for the half of the VA space va is in. */
struct walk_params {
	bool enabled;   /* AArch64.S1Enabled */
	bool dc;        /* HCR_EL2.DC: stage 1 off but Normal memory */
	uint64_t ttbr;
	unsigned txsz;
	bool epd;
	bool tg_4k;
	unsigned ps;    /* output address size in bits */
	bool tbi;
	bool two_ranges;
	bool upper;     /* TTBR1 half */
	uint64_t mair;
};

struct walker {
	const el2_pe *pe;
	el2_phys_read_fn read;
	el2_s2_check_fn s2;     /* NULL when stage 2 does not apply */
	void *ctx;
	el2_at_result *out;
	uint64_t *fault_ipa;
};

static bool in_host_regime(const el2_pe *pe)
{
	uint64_t both = EL2_HCR_E2H | EL2_HCR_TGE;
	return have_feat(pe, EL2_FEAT_VHE) && (hcr(pe) & both) == both;
}

static bool e2h(const el2_pe *pe)
{
	return have_feat(pe, EL2_FEAT_VHE) && (hcr(pe) & EL2_HCR_E2H);
}

/* The AT instruction descriptions (C5.4): S1E1* and S1E0* use the EL2&0
 * regime when HCR_EL2.{E2H, TGE} == {1, 1}, else EL1&0; S1E2* the EL2&0
 * regime when E2H == 1, else EL2. */
static struct at_access access_of(const el2_pe *pe, el2_at_op op)
{
	struct at_access a = {.reg = in_host_regime(pe) ? REGIME_EL20 : REGIME_EL10, .priv = true};
	switch (op) {
	case EL2_AT_S1E1W: case EL2_AT_S12E1W:
		a.write = true;
		break;
	case EL2_AT_S1E1RP:
		a.pan = true;
		break;
	case EL2_AT_S1E1WP:
		a.pan = a.write = true;
		break;
	case EL2_AT_S1E0R: case EL2_AT_S12E0R:
		a.priv = false;
		break;
	case EL2_AT_S1E0W: case EL2_AT_S12E0W:
		a.priv = false;
		a.write = true;
		break;
	case EL2_AT_S1E2R: case EL2_AT_S1E2W:
		a.reg = e2h(pe) ? REGIME_EL20 : REGIME_EL2;
		a.write = op == EL2_AT_S1E2W;
		break;
	case EL2_AT_S1E1R: case EL2_AT_S12E1R:
		break;
	}
	a.stage12 = op >= EL2_AT_S12E1R;
	if (a.pan)
		a.pan = have_feat(pe, EL2_FEAT_PAN) && (pe->s.pstate & EL2_PSR_PAN);
	return a;
}

/* Stage 2 of the EL1&0 regime is on: EL2 enabled, HCR_EL2.VM == 1 and
 * TGE == 0 (TGE = 1 makes VM behave as 0). HCR_EL2.DC is not modelled
 * as enabling stage 2. */
static bool stage2_active(const el2_pe *pe, regime reg)
{
	uint64_t h = hcr(pe);
	return reg == REGIME_EL10 && (h & EL2_HCR_VM) && !(h & EL2_HCR_TGE);
}

/* AArch64.PAMax limited by TCR_ELx.{I}PS (AArch64.S1TTWParams*: ps). */
static unsigned decode_ps(unsigned ps)
{
	static const unsigned bits[8] = {32, 36, 40, 42, 44, 48, 48, 48};
	return bits[ps & 7u] < PA_MAX_BITS ? bits[ps & 7u] : PA_MAX_BITS;
}

/* aarch64/translation/vmsa_ttwparams/AArch64.S1TTWParamsEL10, ...EL20 and
 * ...EL2, with aarch64/translation/vmsa_translation/AArch64.S1Enabled. */
static struct walk_params params_of(const el2_pe *pe, regime reg, uint64_t va)
{
	struct walk_params p = {0};
	uint64_t h = hcr(pe);
	if (reg == REGIME_EL2) {
		uint64_t tcr = SR(pe, TCR_EL2);
		p.enabled = (SR(pe, SCTLR_EL2) & EL2_SCTLR_M) != 0;
		p.ttbr = SR(pe, TTBR0_EL2);
		p.txsz = TCR_T0SZ(tcr);
		p.tg_4k = TCR_TG0(tcr) == TG0_4K;
		p.ps = decode_ps(TCR_EL2_PS(tcr));
		p.tbi = (tcr & EL2_TCR_EL2_TBI) != 0;
		p.mair = SR(pe, MAIR_EL2);
		return p;
	}
	bool el20 = reg == REGIME_EL20;
	uint64_t tcr = el20 ? SR(pe, TCR_EL2) : SR(pe, TCR_EL1);
	p.two_ranges = true;
	p.upper = (va >> 55) & 1u;
	if (el20) {
		p.enabled = (SR(pe, SCTLR_EL2) & EL2_SCTLR_M) != 0;
		p.ttbr = p.upper ? SR(pe, TTBR1_EL2) : SR(pe, TTBR0_EL2);
		p.mair = SR(pe, MAIR_EL2);
	} else {
		/* HCR_EL2.{DC, TGE} != {0, 0} turns the EL1&0 stage 1 off. */
		p.dc = (h & EL2_HCR_DC) != 0;
		p.enabled = (SR(pe, SCTLR_EL1) & EL2_SCTLR_M) && !(h & (EL2_HCR_DC | EL2_HCR_TGE));
		p.ttbr = p.upper ? SR(pe, TTBR1_EL1) : SR(pe, TTBR0_EL1);
		p.mair = SR(pe, MAIR_EL1);
	}
	p.txsz = p.upper ? TCR_T1SZ(tcr) : TCR_T0SZ(tcr);
	p.epd = (tcr & (p.upper ? TCR_EPD1 : TCR_EPD0)) != 0;
	p.tg_4k = p.upper ? TCR_TG1(tcr) == TG1_4K : TCR_TG0(tcr) == TG0_4K;
	p.ps = decode_ps(TCR_IPS(tcr));
	p.tbi = (tcr & (p.upper ? EL2_TCR_TBI1 : EL2_TCR_TBI0)) != 0;
	return p;
}

static el2_err fail(struct walker *w, el2_fault f, int level)
{
	*w->out = (el2_at_result){.fault = true, .fst = f, .level = level};
	return EL2_OK;
}

static el2_err fail_s2(struct walker *w, el2_fault f, int level, bool ptw, uint64_t ipa)
{
	*w->out = (el2_at_result){.fault = true, .fst = f, .level = level, .ptw = ptw,
				  .stage2 = true};
	if (w->fault_ipa)
		*w->fault_ipa = ipa;
	return EL2_OK;
}

/* Bits [hi:lo] of v are all zero (ones = false) or all one (ones = true). */
static bool bits_are(uint64_t v, unsigned hi, unsigned lo, bool ones)
{
	if (lo > hi)
		return true;
	unsigned n = hi - lo + 1;
	uint64_t m = n >= 64 ? ~0ull : ((1ull << n) - 1);
	uint64_t f = (v >> lo) & m;
	return ones ? f == m : f == 0;
}

/* shared/translation/attrs/PAREncodeShareability: Device and Normal
 * Inner+Outer Non-cacheable memory report Outer Shareable (0b10). */
static unsigned par_shareability(uint8_t attr, unsigned sh)
{
	bool device = (attr & 0xf0u) == 0;
	bool normal_nc = attr == 0x44u;
	return (device || normal_nc) ? 2u : sh;
}

/* aarch64/translation/vmsa_translation/AArch64.S1DisabledOutput: VA == PA,
 * Device-nGnRnE data accesses (Normal Write-Back with HCR_EL2.DC = 1), an
 * Address size fault at level 0 if the VA exceeds the PA size. */
static el2_err disabled_output(struct walker *w, const struct walk_params *p,
			       const struct at_access *a, uint64_t va)
{
	unsigned top = p->tbi ? 55 : 63;
	if (!bits_are(va, top, PA_MAX_BITS, false))
		return fail(w, EL2_FAULT_ADDRESS_SIZE, 0);
	uint64_t pa = va & ((1ull << PA_MAX_BITS) - 1);
	if (a->stage12 && w->s2) {
		el2_fault f;
		int lvl;
		if (!w->s2(w->ctx, pa, a->write, &f, &lvl))
			return fail_s2(w, f, lvl, false, pa);
	}
	uint8_t attr = p->dc ? 0xffu : 0x00u;
	*w->out = (el2_at_result){.pa = pa, .attr = attr, .sh = p->dc ? 0u : 2u};
	return EL2_OK;
}

/* aarch64/translation/vmsa_faults/AArch64.S1HasPermissionsFault for a data
 * access (no FEAT_EPAN, no FEAT_PAN3, no permission indirection): AP[2:1]
 * after the APTable limits of the walk, PAN for privileged accesses to
 * EL0-accessible memory. */
static bool permission_fault(const struct at_access *a, uint64_t desc, bool ap_ro, bool ap_noel0)
{
	bool ro = (desc & DESC_AP2) || ap_ro;
	if (a->reg == REGIME_EL2)
		return a->write && ro; /* one privilege level: AP[1] not used */
	bool el0 = (desc & DESC_AP1) && !ap_noel0;
	bool r, wr;
	if (a->priv) {
		r = true;
		wr = !ro;
		if (a->pan && el0)
			r = wr = false;
	} else {
		r = el0;
		wr = el0 && !ro;
	}
	return a->write ? !wr : !r;
}

/* aarch64/translation/vmsa_walk/AArch64.S1Walk with
 * AArch64.S1InitialTTWState / AArch64.S1StartLevel / AArch64.S1NextWalkStateTable
 * and the descriptor checks of AArch64.S1Translate (translation,
 * address size, access flag, then permission faults, in that priority). */
static el2_err walk(struct walker *w, const struct walk_params *p, const struct at_access *a,
		    uint64_t va)
{
	unsigned va_bits = 64u - p->txsz;
	/* AArch64.S1StartLevel for 4 KiB: 9 bits per level above the 12-bit page offset. */
	const int start = 4 - (int)((va_bits - 12u + 8u) / 9u);
	int level = start;
	unsigned start_bits = va_bits - (12u + 9u * (unsigned)(3 - start));
	uint64_t table = p->ttbr & TTBR_BADDR_MASK & ~((8ull << start_bits) - 1);
	/* Address size fault on the translation table base: reported at level 0. */
	if (table >> p->ps)
		return fail(w, EL2_FAULT_ADDRESS_SIZE, 0);
	bool ap_ro = false, ap_noel0 = false;
	for (;;) {
		unsigned shift = 12u + 9u * (unsigned)(3 - level);
		unsigned idx_bits = level == start ? start_bits : 9u;
		uint64_t idx = (va >> shift) & ((1ull << idx_bits) - 1);
		uint64_t daddr = table + idx * 8u;
		if (w->s2) {
			el2_fault f;
			int lvl;
			if (!w->s2(w->ctx, daddr, false, &f, &lvl))
				return fail_s2(w, f, lvl, true, daddr);
		}
		uint64_t desc = 0;
		if (!w->read(w->ctx, daddr, &desc))
			return fail(w, EL2_FAULT_SYNC_EXTERNAL_WALK, level);
		if (!(desc & DESC_VALID))
			return fail(w, EL2_FAULT_TRANSLATION, level);
		if (level < 3 && (desc & DESC_TABLE)) {
			uint64_t next = desc & OA_MASK;
			if (next >> p->ps)
				return fail(w, EL2_FAULT_ADDRESS_SIZE, level);
			ap_ro |= (desc & DESC_APTABLE1) != 0;
			if (a->reg != REGIME_EL2)
				ap_noel0 |= (desc & DESC_APTABLE0) != 0;
			table = next;
			level++;
			continue;
		}
		/* Level 3 with bit 1 clear is reserved; a level-0 block needs
		 * FEAT_LPA2: both are invalid descriptors. */
		if (level == 3 ? !(desc & DESC_TABLE) : level == 0)
			return fail(w, EL2_FAULT_TRANSLATION, level);
		uint64_t span = 1ull << shift;
		uint64_t oa = desc & OA_MASK & ~(span - 1);
		if (oa >> p->ps)
			return fail(w, EL2_FAULT_ADDRESS_SIZE, level);
		if (!(desc & DESC_AF))
			return fail(w, EL2_FAULT_ACCESS_FLAG, level);
		if (permission_fault(a, desc, ap_ro, ap_noel0))
			return fail(w, EL2_FAULT_PERMISSION, level);
		uint64_t pa = oa | (va & (span - 1));
		if (a->stage12 && w->s2) {
			el2_fault f;
			int lvl;
			if (!w->s2(w->ctx, pa, a->write, &f, &lvl))
				return fail_s2(w, f, lvl, false, pa);
		}
		uint8_t attr = (uint8_t)(p->mair >> (8u * DESC_ATTRINDX(desc)));
		*w->out = (el2_at_result){.pa = pa, .attr = attr,
					  .sh = par_shareability(attr, DESC_SH(desc))};
		return EL2_OK;
	}
}

/* aarch64/translation/vmsa_translation/AArch64.S1Translate as AArch64.AT
 * runs it: VA range (AArch64.VAIsOutOfRange, AArch64.S1TxSZFaults) and
 * EPDx give a Translation fault at level 0, then the walk. */
el2_err el2_at_walk_s2(const el2_pe *pe, el2_at_op op, uint64_t va, el2_phys_read_fn read,
		       el2_s2_check_fn s2, void *ctx, el2_at_result *out, uint64_t *fault_ipa)
{
	if (!pe || !read || !out || (unsigned)op > (unsigned)EL2_AT_S12E0W)
		return EL2_ERR_INVALID_ARG;
	if (fault_ipa)
		*fault_ipa = 0;
	struct at_access a = access_of(pe, op);
	struct walk_params p = params_of(pe, a.reg, va);
	struct walker w = {.pe = pe, .read = read, .s2 = stage2_active(pe, a.reg) ? s2 : NULL,
			   .ctx = ctx, .out = out, .fault_ipa = fault_ipa};
	if (!p.enabled)
		return disabled_output(&w, &p, &a, va);
	/* A TxSZ outside [16, 39] is CONSTRAINED UNPREDICTABLE: the model
	 * takes the Translation fault option. */
	if (p.txsz < TXSZ_MIN || p.txsz > TXSZ_MAX)
		return fail(&w, EL2_FAULT_TRANSLATION, 0);
	unsigned top = p.tbi ? 55 : 63;
	if (!bits_are(va, top, 64u - p.txsz, p.two_ranges && p.upper))
		return fail(&w, EL2_FAULT_TRANSLATION, 0);
	/* EPDx = 1: a TLB miss in that half faults. A granule other than
	 * 4 KiB is not modelled: reported as a level-0 Translation fault. */
	if (p.epd || !p.tg_4k)
		return fail(&w, EL2_FAULT_TRANSLATION, 0);
	return walk(&w, &p, &a, va);
}

el2_err el2_at_walk(const el2_pe *pe, el2_at_op op, uint64_t va, el2_phys_read_fn read,
		    void *ctx, el2_at_result *out)
{
	return el2_at_walk_s2(pe, op, va, read, NULL, ctx, out, NULL);
}

static bool op_is_s1_el10(el2_at_op op)
{
	return op <= EL2_AT_S1E1WP;
}

/* The AT instruction descriptions, "Exceptions to reporting the fault in
 * PAR_EL1": a synchronous External abort on the walk is a Data Abort; so is
 * a stage-2 fault on the stage-1 walk of AT S1E1* / S1E0* executed at EL1
 * (taken to EL2). */
bool el2_at_fault_is_exception(const el2_pe *pe, el2_at_op op, const el2_at_result *r)
{
	if (!pe || !r || !r->fault)
		return false;
	if (r->fst == EL2_FAULT_SYNC_EXTERNAL || r->fst == EL2_FAULT_SYNC_EXTERNAL_WALK)
		return true;
	return r->stage2 && r->ptw && pe_el(pe) == 1 && op_is_s1_el10(op);
}

/* aarch64/exceptions/aborts/AArch64.Abort for a fault of an AT
 * instruction: the access is AccessType_AT, so the syndrome has CM = 1
 * (and WnR = 1); the preferred return is the AT instruction. */
el2_err el2_at_take_abort(el2_pe *pe, uint64_t va, uint64_t fault_ipa, const el2_at_result *r,
			  el2_exc_outcome *out)
{
	if (!pe || !r || !r->fault)
		return EL2_ERR_INVALID_ARG;
	if (!pe->at_pending)
		return EL2_ERR_NO_PENDING_AT;
	el2_abort ab = {.fault = r->fst, .level = r->level, .stage2 = r->stage2, .s1ptw = r->ptw,
			.cache_maint = true, .vaddress = va, .ipaddress = fault_ipa};
	uint64_t next = pe->s.pc;
	pe->s.pc = next - 4u;
	el2_err e = el2_take_abort(pe, &ab, out);
	if (e != EL2_OK) {
		pe->s.pc = next;
		return e;
	}
	pe->at_pending = false;
	return EL2_OK;
}
