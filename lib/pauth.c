/* SPDX-License-Identifier: MIT */
/* FEAT_PAuth pointer operations (Arm ARM DDI 0487 J.a, aarch64/functions/pac):
 * AddPAC, Auth, Strip, AddPACGA, with CalculateBottomPACBit and
 * EffectiveTBI (exc_effective_tbi) for the translation regime of the
 * current EL, and the key enables and HCR_EL2.API trap of AddPACIA ...
 * AuthDB / AddPACGA.
 * Simplified: no FEAT_EPAC, FEAT_PAuth2, FEAT_FPAC, FEAT_LVA/TTST
 * (TnSZ is clamped to 16..39, the CONSTRAINED UNPREDICTABLE choice
 * Constraint_FORCE, as QEMU does); the fixed SCR_EL3 has API = APK = 1, so
 * nothing traps to EL3. */
#include "exc_internal.h"
#include "pauth.h"

/* S1TranslationRegime() == EL2 for the current EL? */
static bool regime_el2(const el2_pe *pe)
{
	return exc_s1_regime(pe, pe_el(pe)) == 2;
}

/* PtrHasUpperAndLowerAddRanges(): the EL1&0 regime, or EL2&0 (E2H = 1). */
static bool two_ranges(const el2_pe *pe)
{
	return !regime_el2(pe) || el_is_in_host(pe, 2);
}

/* The TCR of the regime in the TCR_EL1 layout: TCR_EL2 with E2H = 1 has
 * it; with E2H = 0 TBI (20), TBID (29), T0SZ are moved to the TBI0/TBID0/
 * T0SZ positions (and act for the one range). */
static uint64_t regime_tcr(const el2_pe *pe)
{
	if (!regime_el2(pe))
		return SR(pe, TCR_EL1);
	uint64_t t = SR(pe, TCR_EL2);
	if (el_is_in_host(pe, 2))
		return t;
	uint64_t v = t & 0x3fu;
	if (t & EL2_BIT(20))
		v |= EL2_BIT(37);
	if (t & EL2_BIT(29))
		v |= EL2_BIT(51);
	return v;
}

/* aarch64/functions/pac/calcbottompacbit/CalculateBottomPACBit. */
static unsigned bottom_pac_bit(const el2_pe *pe, unsigned top_bit)
{
	uint64_t tcr = regime_tcr(pe);
	unsigned tsz = (unsigned)(top_bit && two_ranges(pe) ? (tcr >> 16) : tcr) & 0x3fu;
	if (tsz > 39)
		tsz = 39;
	if (tsz < 16)
		tsz = 16;
	return 64 - tsz;
}

static uint64_t mask_bits(unsigned hi, unsigned lo)
{
	return (hi >= 63 ? ~0ull : ((1ull << (hi + 1)) - 1)) & ~((1ull << lo) - 1);
}

/* ptr with bits [top:bottom] replaced by copies of sel. */
static uint64_t extend(uint64_t ptr, unsigned top, unsigned bottom, bool sel)
{
	uint64_t m = mask_bits(top, bottom);
	return sel ? (ptr | m) : (ptr & ~m);
}

static const el2_sysreg key_lo[5] = {EL2_SR_APIAKeyLo_EL1, EL2_SR_APIBKeyLo_EL1,
				     EL2_SR_APDAKeyLo_EL1, EL2_SR_APDBKeyLo_EL1,
				     EL2_SR_APGAKeyLo_EL1};

static uint64_t pac_of(const el2_pe *pe, uint64_t ext_ptr, uint64_t modifier, pauth_key key)
{
	el2_sysreg lo = key_lo[key];
	/* APxxKey_EL1 = APxxKeyHi_EL1:APxxKeyLo_EL1; ComputePAC(..., K<127:64>, K<63:0>) */
	return pauth_compute_pac(ext_ptr, modifier, pe->s.sr[lo + 1], pe->s.sr[lo]);
}

static bool is_data(pauth_key key)
{
	return key == PAUTH_DA || key == PAUTH_DB;
}

uint64_t pauth_add(const el2_pe *pe, uint64_t ptr, uint64_t modifier, pauth_key key)
{
	bool data = is_data(key);
	bool tbi = exc_effective_tbi(pe, ptr, !data, pe_el(pe));
	unsigned top = tbi ? 55 : 63;
	bool sel;
	if (two_ranges(pe)) {
		/* selbit: bit 55 if TBI applies to either range (for this kind
		 * of access), else bit 63. */
		uint64_t tcr = regime_tcr(pe);
		bool tbi0 = (tcr >> 37) & 1, tbi1 = (tcr >> 38) & 1;
		bool tbid0 = (tcr >> 51) & 1, tbid1 = (tcr >> 52) & 1;
		bool any = data ? (tbi1 || tbi0) : ((tbi1 && !tbid1) || (tbi0 && !tbid0));
		sel = (ptr >> (any ? 55 : 63)) & 1;
	} else {
		sel = (ptr >> top) & 1;
	}
	unsigned bottom = bottom_pac_bit(pe, sel);
	uint64_t ext_ptr = extend(ptr, tbi ? 55 : 63, bottom, sel);
	uint64_t pac = pac_of(pe, ext_ptr, modifier, key);
	/* A pointer whose extension bits are not all equal gets a corrupted
	 * PAC (no FEAT_EPAC): PAC<top_bit-1> inverted. */
	uint64_t ext = ptr & mask_bits(top, bottom);
	if (ext != 0 && ext != mask_bits(top, bottom))
		pac ^= EL2_BIT(top - 1);
	uint64_t result = (ptr & mask_bits(bottom - 1, 0)) | (pac & mask_bits(54, bottom));
	result |= sel ? EL2_BIT(55) : 0;
	result |= (tbi ? ptr : pac) & mask_bits(63, 56);
	return result;
}

uint64_t pauth_strip(const el2_pe *pe, uint64_t ptr, bool data)
{
	bool tbi = exc_effective_tbi(pe, ptr, !data, pe_el(pe));
	bool b55 = (ptr >> 55) & 1;
	unsigned bottom = bottom_pac_bit(pe, b55);
	return extend(ptr, tbi ? 55 : 63, bottom, b55);
}

uint64_t pauth_auth(const el2_pe *pe, uint64_t ptr, uint64_t modifier, pauth_key key)
{
	bool data = is_data(key);
	bool tbi = exc_effective_tbi(pe, ptr, !data, pe_el(pe));
	unsigned bottom = bottom_pac_bit(pe, (ptr >> 55) & 1);
	uint64_t original = pauth_strip(pe, ptr, data);
	uint64_t pac = pac_of(pe, original, modifier, key);
	uint64_t check = mask_bits(54, bottom) | (tbi ? 0 : mask_bits(63, 56));
	if (((pac ^ ptr) & check) == 0)
		return original;
	/* error_code = key_number:NOT(key_number), key_number 0 for A keys;
	 * placed at bits [54:53] with TBI, else [62:61]. */
	uint64_t code = (key == PAUTH_IB || key == PAUTH_DB) ? 2u : 1u;
	unsigned at = tbi ? 53 : 61;
	return (original & ~(3ull << at)) | (code << at);
}

uint64_t pauth_add_ga(const el2_pe *pe, uint64_t x, uint64_t modifier)
{
	return pac_of(pe, x, modifier, PAUTH_GA) & mask_bits(63, 32);
}

/* The key enable of AddPAC<key>/Auth<key>: SCTLR_EL1 or SCTLR_EL2 of the
 * regime (IsEL1Regime at EL0), and the HCR_EL2.API trap:
 * EL0 "EL2Enabled() && HCR_EL2.API == '0' && (HCR_EL2.TGE == '0' ||
 * HCR_EL2.E2H == '0')", EL1 "EL2Enabled() && HCR_EL2.API == '0'", EL2
 * never. AddPACGA has no enable. */
pauth_gate pauth_gate_for(const el2_pe *pe, pauth_key key)
{
	static const uint64_t enable[4] = {EL2_SCTLR_ENIA, EL2_SCTLR_ENIB, EL2_SCTLR_ENDA,
					   EL2_SCTLR_ENDB};
	unsigned el = pe_el(pe);
	if (key != PAUTH_GA) {
		uint64_t sctlr = regime_el2(pe) ? SR(pe, SCTLR_EL2) : SR(pe, SCTLR_EL1);
		if (!(sctlr & enable[key]))
			return PAUTH_DISABLED;
	}
	uint64_t h = hcr(pe);
	bool trap = el <= 1 && el2_enabled(pe) && !(h & EL2_HCR_API);
	if (el == 0 && (h & EL2_HCR_TGE) && (h & EL2_HCR_E2H))
		trap = false;
	return trap ? PAUTH_TRAP_EL2 : PAUTH_RUN;
}
