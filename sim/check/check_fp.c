/* SPDX-License-Identifier: MIT */
/* FP/SIMD handed to the host ([fp] switch = handoff, docs/check.md): where
 * the ownership flag and the host's save area are, what the flag says at
 * the end of a trip, and which FP values are the guest's. check_props.c
 * judges with these. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "check_internal.h"

static el2_err locate(const chk_checker *ck, const chk_value *v, uint64_t len, const char *key,
		      uint64_t *out, char *errbuf, size_t errlen)
{
	if (!v->is_sym) {
		*out = ck->world.ctx + v->num; /* an offset in the vCPU context */
	} else {
		el2_err e = chk_profile_value(&ck->prof, v, ck->world.img, out, errbuf, errlen);
		if (e)
			return e;
	}
	uint8_t probe[CHK_FP_SAVE_FPCR + 4];
	if (el2_mem_read(ck->world.mem, *out, probe, len))
		return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
			    "[fp] %s: 0x%" PRIx64 " .. +0x%" PRIx64 " is not in memory", key, *out,
			    len);
	return EL2_OK;
}

/* The flag and the host's area are not guest registers: a LOCATION inside
 * a [guest] slot is a profile mistake (the guest's FP area given as the
 * host's, say) that would be judged wrongly. */
static el2_err not_a_slot(const chk_checker *ck, uint64_t addr, uint64_t len, const char *key,
			  char *errbuf, size_t errlen)
{
	const el2_check_profile *p = &ck->prof;
	for (size_t i = 0; i < p->n_guest; i++) {
		uint64_t lo = ck->world.ctx + p->guest[i].off;
		if (addr < lo + chk_slot_size(&p->guest[i]) && lo < addr + len)
			return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				    "[fp] %s overlaps the [guest] slot of %s (context offset 0x%" PRIx64
				    ")", key, el2_reg_name(p->guest[i].reg), p->guest[i].off);
	}
	return EL2_OK;
}

el2_err chk_fp_resolve(chk_checker *ck, char *errbuf, size_t errlen)
{
	const el2_check_profile *p = &ck->prof;
	if (p->fp_switch != CHK_FP_HANDOFF)
		return EL2_OK;
	if (!ck->layout_has_fp)
		return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
			    "[fp] switch = handoff: the [guest] layout has no V registers");
	el2_err e = locate(ck, &p->fp_owner, p->fp_owner_size, "owner", &ck->fp_owner_addr, errbuf,
			   errlen);
	if (!e)
		e = locate(ck, &p->fp_host_save, CHK_FP_SAVE_FPCR + 4, "host_save", &ck->fp_save_addr,
			   errbuf, errlen);
	if (!e && p->has_fp_host_save_ptr)
		e = locate(ck, &p->fp_host_save_ptr, 8, "host_save_ptr", &ck->fp_save_ptr_addr,
			   errbuf, errlen);
	if (!e)
		e = not_a_slot(ck, ck->fp_owner_addr, p->fp_owner_size, "owner", errbuf, errlen);
	if (!e)
		e = not_a_slot(ck, ck->fp_save_addr, CHK_FP_SAVE_FPCR + 4, "host_save", errbuf,
			       errlen);
	if (!e && p->has_fp_host_save_ptr)
		e = not_a_slot(ck, ck->fp_save_ptr_addr, 8, "host_save_ptr", errbuf, errlen);
	return e;
}

/* The host's part of the hand-over before it calls (Linux's
 * kvm_arch_vcpu_load_fp): who owns the registers, where its own FP state is. */
void chk_fp_prepare(chk_trip *t)
{
	const el2_check_profile *p = &t->ck->prof;
	if (p->fp_switch != CHK_FP_HANDOFF)
		return;
	if (p->has_fp_owner_init)
		el2_mem_write(t->mem, t->ck->fp_owner_addr, &p->fp_owner_init, p->fp_owner_size);
	if (p->has_fp_host_save_ptr)
		el2_mem_write(t->mem, t->ck->fp_save_ptr_addr, &t->ck->fp_save_addr, 8);
}

bool chk_fp_guest_owned(const chk_trip *t, uint64_t *flag)
{
	const el2_check_profile *p = &t->ck->prof;
	uint64_t v = 0; /* little-endian, like the PE's data accesses here */
	*flag = 0;
	if (p->fp_switch != CHK_FP_HANDOFF ||
	    el2_mem_read(t->mem, t->ck->fp_owner_addr, &v, p->fp_owner_size))
		return false;
	*flag = v;
	return (v & p->fp_owner_mask) == p->fp_owner_guest;
}

bool chk_fp_guest_value(const chk_trip *t, el2_reg reg, uint64_t *lo, uint64_t *hi)
{
	if (t->exit.valid && t->exit.fp_live) {
		chk_state_read(&t->exit, reg, lo, hi); /* the guest ran with its own */
		return true;
	}
	const el2_check_profile *p = &t->ck->prof;
	for (size_t i = 0; i < p->n_guest; i++) {
		if (p->guest[i].reg == reg) {
			*lo = t->ctx_init[i][0]; /* never loaded: still the context's */
			*hi = t->ctx_init[i][1];
			return true;
		}
	}
	*lo = *hi = 0;
	return false;
}

/* As the profile names it: "host_fpsimd_state+0x204", "context+0x228". */
static void name_loc(const chk_value *v, uint64_t off, char *buf, size_t len)
{
	if (v->is_sym)
		snprintf(buf, len, "%s+0x%" PRIx64, v->sym, v->num + off);
	else
		snprintf(buf, len, "context+0x%" PRIx64, v->num + off);
}

void chk_fp_where(const chk_trip *t, el2_reg reg, char *buf, size_t len)
{
	const el2_check_profile *p = &t->ck->prof;
	if (reg == EL2_REG_NONE)
		name_loc(&p->fp_owner, 0, buf, len);
	else
		name_loc(&p->fp_host_save, chk_fp_save_addr(t, reg) - t->ck->fp_save_addr, buf, len);
}

uint64_t chk_fp_save_addr(const chk_trip *t, el2_reg reg)
{
	uint64_t base = t->ck->fp_save_addr;
	if (reg >= EL2_REG_V0 && reg <= EL2_REG_V31)
		return base + 16u * (unsigned)(reg - EL2_REG_V0);
	return base + (reg == EL2_SYSREG(FPSR) ? CHK_FP_SAVE_FPSR : CHK_FP_SAVE_FPCR);
}
