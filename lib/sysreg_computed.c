/* SPDX-License-Identifier: MIT */
/* Registers whose value is computed from other state: the Generic Timer
 * (Arm ARM DDI 0487 J.a, chapter D11 "The Generic Timer in AArch64 state"
 * and the CNT* register descriptions in D19), the GICv3 maintenance status
 * registers (IHI 0069, ICH_ELRSR_EL2 / ICH_EISR_EL2 / ICH_MISR_EL2) and
 * the OS Lock (OSLAR_EL1 -> OSLSR_EL1.OSLK). */
#include <assert.h>

#include "sysreg_computed.h"

/* ---- Generic Timer ---- */

/* The count a timer compares against: the physical count minus the
 * timer's offset. Only the EL1 virtual timer has one (CNTVOFF_EL2, when EL2
 * is implemented); the EL2 virtual timer (CNTHV_*) uses an offset of zero
 * (D11, "Operation of the CompareValue views of the timers"). */
typedef struct timer {
	el2_sysreg ctl, cval, tval;
	bool virtual_offset;
} timer;

static const timer timers[] = {
	{EL2_SR_CNTP_CTL_EL0, EL2_SR_CNTP_CVAL_EL0, EL2_SR_CNTP_TVAL_EL0, false},
	{EL2_SR_CNTV_CTL_EL0, EL2_SR_CNTV_CVAL_EL0, EL2_SR_CNTV_TVAL_EL0, true},
	{EL2_SR_CNTHP_CTL_EL2, EL2_SR_CNTHP_CVAL_EL2, EL2_SR_CNTHP_TVAL_EL2, false},
	{EL2_SR_CNTHV_CTL_EL2, EL2_SR_CNTHV_CVAL_EL2, EL2_SR_CNTHV_TVAL_EL2, false},
};

#define CTL_STORED (EL2_CNT_CTL_ENABLE | EL2_CNT_CTL_IMASK)

static const timer *timer_of(el2_sysreg id, bool *is_ctl)
{
	for (unsigned i = 0; i < sizeof(timers) / sizeof(timers[0]); i++) {
		if (id == timers[i].ctl || id == timers[i].tval) {
			*is_ctl = id == timers[i].ctl;
			return &timers[i];
		}
	}
	return NULL;
}

static uint64_t timer_count(const el2_pe *pe, const timer *t)
{
	uint64_t off = t->virtual_offset && el2_enabled(pe) ? SR(pe, CNTVOFF_EL2) : 0;
	return pe->s.counter - off;
}

/* CNTVCT_EL0 accessor (D19, "Accessing CNTVCT_EL0"): PhysicalCountInt()
 * minus CNTVOFF_EL2 when EL2 is enabled, except where the access is from
 * the EL2&0 host regime (ELIsInHost: EL2 with E2H=1, EL0 with E2H=TGE=1),
 * which sees an offset of zero. */
static uint64_t virtual_count(const el2_pe *pe)
{
	if (!el2_enabled(pe) || el_is_in_host(pe, pe_el(pe)))
		return pe->s.counter;
	return pe->s.counter - SR(pe, CNTVOFF_EL2);
}

/* CNT*_CTL: ISTATUS is 1 when ENABLE is 1 and the timer condition
 * (count - offset) >= CVAL holds, compared as unsigned 64-bit values.
 * With ENABLE 0 ISTATUS is UNKNOWN; the model reads 0. */
static uint64_t timer_ctl(const el2_pe *pe, const timer *t)
{
	uint64_t ctl = pe->s.sr[t->ctl] & CTL_STORED;
	if ((ctl & EL2_CNT_CTL_ENABLE) && timer_count(pe, t) >= pe->s.sr[t->cval])
		ctl |= EL2_CNT_CTL_ISTATUS;
	return ctl;
}

/* CNT*_TVAL read: TimerValue = (CVAL - (count - offset))[31:0]; bits
 * [63:32] are RES0, so the 32-bit value is zero-extended. */
static uint64_t timer_tval(const el2_pe *pe, const timer *t)
{
	return (uint32_t)(pe->s.sr[t->cval] - timer_count(pe, t));
}

/* CNT*_TVAL write: CVAL = (count - offset) + SignExtend(TVAL[31:0]). */
static void timer_tval_write(el2_pe *pe, const timer *t, uint64_t val)
{
	int64_t delta = (int32_t)(uint32_t)val;
	pe->s.sr[t->cval] = timer_count(pe, t) + (uint64_t)delta;
}

/* ---- GICv3 virtual CPU interface status (IHI 0069) ---- */

static_assert(EL2_SR_ICH_LR15_EL2 == EL2_SR_ICH_LR0_EL2 + 15, "ICH_LR rows must be contiguous");

#define LR_COUNT 16u
#define LR_STATE(lr) (((lr) >> 62) & 3u) /* 0 invalid, 1 pending, 2 active, 3 both */
#define LR_HW(lr) (((lr) >> 61) & 1u)
#define LR_EOI(lr) (((lr) >> 41) & 1u) /* meaningful when HW == 0 */

#define ICH_HCR_UIE EL2_BIT(1)
#define ICH_HCR_LRENPIE EL2_BIT(2)
#define ICH_HCR_NPIE EL2_BIT(3)
#define ICH_HCR_VGRP0EIE EL2_BIT(4)
#define ICH_HCR_VGRP0DIE EL2_BIT(5)
#define ICH_HCR_VGRP1EIE EL2_BIT(6)
#define ICH_HCR_VGRP1DIE EL2_BIT(7)
#define ICH_HCR_EOICOUNT(h) (((h) >> 27) & 0x1fu)
#define ICH_VMCR_VENG0 EL2_BIT(0)
#define ICH_VMCR_VENG1 EL2_BIT(1)

#define MISR_EOI EL2_BIT(0)
#define MISR_U EL2_BIT(1)
#define MISR_LRENP EL2_BIT(2)
#define MISR_NP EL2_BIT(3)
#define MISR_VGRP0E EL2_BIT(4)
#define MISR_VGRP0D EL2_BIT(5)
#define MISR_VGRP1E EL2_BIT(6)
#define MISR_VGRP1D EL2_BIT(7)

static uint64_t lr(const el2_pe *pe, unsigned i)
{
	return pe->s.sr[EL2_SR_ICH_LR0_EL2 + i];
}

/* ICH_EISR_EL2: bit n = LR n is invalid (State 0b00), HW == 0 and EOI == 1:
 * an EOI maintenance interrupt is outstanding for it. */
static uint64_t ich_eisr(const el2_pe *pe)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < LR_COUNT; i++)
		if (LR_STATE(lr(pe, i)) == 0 && !LR_HW(lr(pe, i)) && LR_EOI(lr(pe, i)))
			v |= EL2_BIT(i);
	return v;
}

/* ICH_ELRSR_EL2: bit n = LR n holds no valid interrupt (State 0b00) and
 * no EOI maintenance interrupt is outstanding (HW == 1 or EOI == 0). */
static uint64_t ich_elrsr(const el2_pe *pe)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < LR_COUNT; i++)
		if (LR_STATE(lr(pe, i)) == 0 && (LR_HW(lr(pe, i)) || !LR_EOI(lr(pe, i))))
			v |= EL2_BIT(i);
	return v;
}

/* ICH_MISR_EL2: EOI (some EISR bit set); U (UIE, at most one valid LR);
 * LRENP (LRENPIE, EOIcount != 0); NP (NPIE, no LR in the pending state
 * 0b01); VGrp0E/VGrp0D/VGrp1E/VGrp1D (the *IE bit and ICH_VMCR_EL2.VENGn
 * set / clear). Not gated by ICH_HCR_EL2.En: that only gates signalling. */
static uint64_t ich_misr(const el2_pe *pe)
{
	uint64_t h = SR(pe, ICH_HCR_EL2), vmcr = SR(pe, ICH_VMCR_EL2), v = 0;
	unsigned valid = 0;
	bool pending = false;
	for (unsigned i = 0; i < LR_COUNT; i++) {
		unsigned st = LR_STATE(lr(pe, i));
		valid += st != 0;
		pending |= st == 1;
	}
	if (ich_eisr(pe))
		v |= MISR_EOI;
	if ((h & ICH_HCR_UIE) && valid <= 1)
		v |= MISR_U;
	if ((h & ICH_HCR_LRENPIE) && ICH_HCR_EOICOUNT(h) != 0)
		v |= MISR_LRENP;
	if ((h & ICH_HCR_NPIE) && !pending)
		v |= MISR_NP;
	if ((h & ICH_HCR_VGRP0EIE) && (vmcr & ICH_VMCR_VENG0))
		v |= MISR_VGRP0E;
	if ((h & ICH_HCR_VGRP0DIE) && !(vmcr & ICH_VMCR_VENG0))
		v |= MISR_VGRP0D;
	if ((h & ICH_HCR_VGRP1EIE) && (vmcr & ICH_VMCR_VENG1))
		v |= MISR_VGRP1E;
	if ((h & ICH_HCR_VGRP1DIE) && !(vmcr & ICH_VMCR_VENG1))
		v |= MISR_VGRP1D;
	return v;
}

/* ---- entry points ---- */

/* An _EL12/_EL02 alias reaches the row it names. */
static el2_sysreg resolve(el2_sysreg id)
{
	const el2_sysreg_info *ri = el2_sysreg_get(id);
	if (ri && ri->kind == EL2_SRK_ALIAS)
		return (el2_sysreg)ri->vhe;
	return id;
}

bool computed_read(const el2_pe *pe, el2_sysreg id, uint64_t *val)
{
	if (!pe || !val)
		return false;
	id = resolve(id);
	bool is_ctl;
	const timer *t = timer_of(id, &is_ctl);
	if (t) {
		*val = is_ctl ? timer_ctl(pe, t) : timer_tval(pe, t);
		return true;
	}
	switch (id) {
	case EL2_SR_CNTPCT_EL0:
		*val = pe->s.counter;
		return true;
	case EL2_SR_CNTVCT_EL0:
		*val = virtual_count(pe);
		return true;
	case EL2_SR_ICH_EISR_EL2:
		*val = ich_eisr(pe);
		return true;
	case EL2_SR_ICH_ELRSR_EL2:
		*val = ich_elrsr(pe);
		return true;
	case EL2_SR_ICH_MISR_EL2:
		*val = ich_misr(pe);
		return true;
	case EL2_SR_OSLAR_EL1:
		*val = 0; /* write-only: nothing to read back */
		return true;
	default:
		return false;
	}
}

bool computed_write(el2_pe *pe, el2_sysreg id, uint64_t val)
{
	if (!pe)
		return false;
	id = resolve(id);
	bool is_ctl;
	const timer *t = timer_of(id, &is_ctl);
	if (t) {
		if (is_ctl)
			pe->s.sr[t->ctl] = val & CTL_STORED; /* ISTATUS is read-only */
		else
			timer_tval_write(pe, t, val);
		return true;
	}
	switch (id) {
	case EL2_SR_CNTPCT_EL0:
	case EL2_SR_CNTVCT_EL0:
	case EL2_SR_ICH_EISR_EL2:
	case EL2_SR_ICH_ELRSR_EL2:
	case EL2_SR_ICH_MISR_EL2:
		return true; /* read-only: the write is ignored */
	case EL2_SR_OSLAR_EL1:
		/* OSLAR_EL1.OSLK (bit 0) sets OSLSR_EL1.OSLK (bit 1). */
		SR(pe, OSLSR_EL1) = (SR(pe, OSLSR_EL1) & ~EL2_BIT(1)) | ((val & 1) << 1);
		return true;
	default:
		return false;
	}
}
