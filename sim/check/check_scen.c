/* SPDX-License-Identifier: MIT */
/* The scenarios beyond one plain exit (docs/check.md, "Scenarios"): a
 * guest HVC handled at EL2 and resumed, interrupts pending as the host
 * calls, the host calls the profile lists, and the EL2 panic path reported
 * where it started. Their work in the hooks and what the judge asks of them
 * live here; check_props.c reports. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "check_internal.h"
#include "el2sim/bits.h"
#include "el2sim/pstate.h"


bool chk_scenario_has_guest(chk_scenario sc)
{
	return sc != SC_UNKNOWN_HVC && sc != SC_HOST_CALL;
}

const chk_hostcall *chk_trip_host_call(const chk_trip *t)
{
	const el2_check_profile *p = &t->ck->prof;
	if (t->sc != SC_HOST_CALL || t->host_call >= p->n_host_calls)
		return NULL;
	return &p->host_call[t->host_call];
}

unsigned chk_ctx_reg(const chk_checker *ck)
{
	if (ck->prof.has_ctx_reg)
		return (unsigned)(ck->prof.ctx_reg - EL2_REG_X(0));
	return ck->vhe ? 0u : 1u; /* the run call's first argument after the SMCCC id */
}

const chk_pres *chk_preserve_trip(const chk_trip *t, size_t *n)
{
	const chk_hostcall *hc = chk_trip_host_call(t);
	if (hc && hc->has_preserve) {
		*n = t->ck->n_preserve_hc[t->host_call];
		return t->ck->preserve_hc[t->host_call];
	}
	/* a host call without its own list: preserve.host_call, else preserve */
	return chk_preserve_for(t->ck, t->sc, n);
}

bool chk_trip_exit_code(const chk_trip *t, uint64_t *code, char *name, size_t len)
{
	const chk_hostcall *hc = chk_trip_host_call(t);
	const el2_check_profile *p = &t->ck->prof;
	snprintf(name, len, "%s", hc ? hc->name : chk_scenario_name(t->sc));
	if (hc) {
		*code = hc->code;
		return hc->has_code;
	}
	*code = p->exit_code[t->sc];
	return (p->exit_code_set & (1u << t->sc)) != 0;
}

el2_err chk_scen_resolve(chk_checker *ck, char *errbuf, size_t errlen)
{
	const el2_check_profile *p = &ck->prof;
	ck->n_panic = 0;
	for (size_t i = 0; i < p->n_panic; i++) {
		el2_err e = chk_profile_symbol(p, ck->world.img, p->panic[i], p->panic_line[i],
					       &ck->panic_pc[ck->n_panic], errbuf, errlen);
		if (e)
			return e;
		ck->n_panic++;
	}
	for (size_t i = 0; i < p->n_host_calls; i++) {
		uint64_t a;
		if (!p->host_call[i].is_call)
			continue;
		el2_err e = chk_profile_value(p, &p->host_call[i].sym, ck->world.img, &a, errbuf,
					      errlen);
		if (e)
			return e;
		if (!ck->vhe)
			return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
					"[world] host_call %s: 'call' is for a VHE host (at EL2); "
					"an nVHE host calls with 'hvc ID'", p->host_call[i].name);
	}
	return EL2_OK;
}

static bool is_fast_hvc(const chk_checker *ck, uint64_t x0)
{
	for (size_t i = 0; i < ck->prof.n_guest_hvc; i++)
		if ((uint32_t)ck->prof.guest_hvc[i] == (uint32_t)x0) /* SMCCC: W0 is the id */
			return true;
	return false;
}

static const char *exc_name(el2_exc_type type)
{
	switch (type) {
	case EL2_EXC_IRQ: return "IRQ";
	case EL2_EXC_FIQ: return "FIQ";
	case EL2_EXC_SERROR: return "SError";
	default: return "synchronous exception";
	}
}

static void panic_stop(chk_trip *t, const char *fmt_where)
{
	t->panicked = true;
	snprintf(t->panic_detail, sizeof(t->panic_detail), "%s", fmt_where);
	el2_engine_request_stop(t->eng);
}

/* An exception taken at EL2 from EL2: the hypervisor's own fault. Into a
 * vector the profile marks as panic it ends the trip as one finding. */
static void exception_at_el2(chk_trip *t, const el2_event *ev)
{
	uint64_t vbar = 0;
	el2_reg_read(t->pe, EL2_SYSREG(VBAR_EL2), &vbar);
	t->has_el2_exc = true;
	t->el2_exc_pc = ev->pc;
	t->el2_exc_esr = ev->esr;
	uint64_t off = ev->vector - vbar;
	t->el2_exc_vector = off;
	if (off >= 0x800 || !(t->ck->prof.panic_vectors & (1u << (off / 0x80))))
		return;
	char where[96], syn[64] = "", text[400];
	chk_where(t, ev->pc, where, sizeof(where));
	bool sync = ev->exc_type != EL2_EXC_IRQ && ev->exc_type != EL2_EXC_FIQ;
	if (sync) /* an interrupt has no syndrome */
		snprintf(syn, sizeof(syn), ", ESR_EL2 0x%" PRIx32 " (EC 0x%02" PRIx32 ")", ev->esr,
			 ev->esr >> 26);
	snprintf(text, sizeof(text),
		 "EL2 panic: %s taken at EL2 from EL2 at %s (0x%" PRIx64 ")%s, into "
		 "VBAR_EL2+0x%03" PRIx64 " ([world] panic_vectors)",
		 exc_name(ev->exc_type), where, ev->pc, syn, off);
	panic_stop(t, text);
}

/* A physical interrupt the checker raised (irq_entry, serror_entry) taken
 * at EL1 while the guest runs: the host's interrupt delivered to the guest
 * (HCR_EL2.IMO/AMO clear for it). */
static void delivered_to_guest(chk_trip *t, const el2_event *ev)
{
	bool irq = t->sc == SC_IRQ_ENTRY && ev->exc_type == EL2_EXC_IRQ;
	bool serr = (t->sc == SC_SERROR_ENTRY || t->sc == SC_SERROR_EXIT) &&
		    ev->exc_type == EL2_EXC_SERROR;
	if (!(irq || serr) || !t->line_raised || !t->entries || t->rerun)
		return;
	uint64_t hcr = 0;
	el2_reg_read(t->pe, EL2_SYSREG(HCR_EL2), &hcr);
	/* a virtual one (HCR_EL2.VI/VSE with IMO/AMO set) is the guest's own */
	if (hcr & (irq ? EL2_HCR_IMO : EL2_HCR_AMO))
		return;
	char where[96], detail[300];
	chk_where(t, ev->pc, where, sizeof(where));
	snprintf(detail, sizeof(detail),
		 "the host's pending physical %s was taken by the guest at EL1 (at %s, "
		 "HCR_EL2.%s = 0 while the guest ran)", exc_name(ev->exc_type), where,
		 irq ? "IMO" : "AMO");
	chk_props_scen_finding(t, 4, "HCR_EL2", detail, "interrupt delivery");
}

/* The guest resumed after an exit handled at EL2 (no host in between):
 * every register as at the exit, but those the call's ABI gives results
 * in (x0-x3 for an SMCCC call the profile lists). */
static void resumed(chk_trip *t)
{
	bool fast = t->exit_hvc && is_fast_hvc(t->ck, t->exit_x0);
	t->resumes++;
	if (fast)
		t->fast_hvc_resumes++;
	if (t->rerun || !t->exit.valid)
		return;
	/* where and how it left: ELR_EL2 and SPSR_EL2 at the exit */
	uint64_t elr = 0, spsr = 0, pc = el2_pe_pc(t->pe), ps = 0, hi;
	chk_state_read(&t->exit, EL2_SYSREG(ELR_EL2), &elr, &hi);
	chk_state_read(&t->exit, EL2_SYSREG(SPSR_EL2), &spsr, &hi);
	/* A trapped MSR/MRS emulated at EL2 and skipped (KVM's
	 * fixup_guest_exit: GICv3 CPU interface, CNTVCT_EL0): resumed at
	 * ELR_EL2 + 4, an MRS (ISS.Direction 1) with its Xt (ISS.Rt, 31: XZR)
	 * written; the Arm ARM's ISS of an exception from MSR, MRS or System
	 * instruction execution (EC 0x18). */
	bool skipped = t->exit_sysreg && pc == elr + 4;
	unsigned xt = skipped && (t->exit_esr & 1u) ? (t->exit_esr >> 5) & 31u : 31u;
	char detail[160];
	if (fast)
		snprintf(detail, sizeof(detail), "guest resumed after its HVC 0x%" PRIx64
			 " handled at EL2 (SMCCC: only x0-x3 may change)", t->exit_x0);
	else if (skipped)
		snprintf(detail, sizeof(detail), "guest resumed after its trapped %s emulated at "
			 "EL2", xt < 31 ? "MRS" : "MSR");
	else
		snprintf(detail, sizeof(detail), "guest resumed after an exit handled at EL2");
	/* the event hook synced the registers (and fixed the SP banks) */
	for (unsigned i = fast ? 4 : 0; i <= 30; i++) {
		uint64_t want = 0, got = 0;
		if (i == xt)
			continue;
		chk_state_read(&t->exit, EL2_REG_X(i), &want, &hi);
		el2_reg_read(t->pe, EL2_REG_X(i), &got);
		chk_props_resume(t, EL2_REG_X(i), want, got, detail);
	}
	static const el2_reg same[] = {EL2_SYSREG(SP_EL0), EL2_SYSREG(SP_EL1)};
	for (size_t i = 0; i < 2; i++) {
		uint64_t want = 0, got = 0;
		chk_state_read(&t->exit, same[i], &want, &hi);
		el2_reg_read(t->pe, same[i], &got);
		chk_props_resume(t, same[i], want, got, detail);
	}
	el2_reg_read(t->pe, EL2_REG_PSTATE, &ps);
	chk_props_resume(t, EL2_REG_PC, skipped ? elr + 4 : elr, pc, detail);
	const uint64_t m = EL2_PSR_NZCV | EL2_PSR_DAIF | EL2_PSR_PAN | EL2_PSR_UAO |
			   EL2_PSR_SSBS | EL2_PSR_DIT | EL2_PSR_TCO | EL2_PSR_M;
	chk_props_resume(t, EL2_REG_PSTATE, spsr & m, ps & m, detail);
	if (xt < 31) { /* the emulated MRS's result: no host, EL2 or poison value */
		uint64_t v = 0;
		el2_reg_read(t->pe, EL2_REG_X(xt), &v);
		chk_props_resume_leak(t, EL2_REG_X(xt), v);
	}
	if (fast)
		for (unsigned i = 0; i < 4; i++) {
			uint64_t v = 0;
			el2_reg_read(t->pe, EL2_REG_X(i), &v);
			chk_props_resume_leak(t, EL2_REG_X(i), v);
		}
}

void chk_scen_event(chk_trip *t, const el2_event *ev)
{
	if (ev->kind == EL2_EV_EXCEPTION) {
		if (ev->to_el == 2 && ev->from_el == 2)
			exception_at_el2(t, ev);
		if (ev->to_el == 1)
			delivered_to_guest(t, ev);
		if (ev->to_el == 2 && ev->from_el <= 1 && t->entries && t->sc == SC_SERROR_EXIT &&
		    ev->pc == t->final_hvc && !t->line_raised) {
			/* serror_exit: an SError becomes pending as the guest
			 * exits (masked now, PSTATE.A set by the exception) */
			el2_set_line(t->pe, EL2_LINE_SERROR, true);
			t->line_raised = true;
		}
		if (ev->to_el == 2 && ev->from_el <= 1 && t->entries) {
			/* a guest exit: the guest's registers are live */
			t->exit_open = true;
			t->exit_hvc = ev->exc_type == EL2_EXC_HVC;
			t->exit_sysreg = ev->exc_type == EL2_EXC_SYSREG_TRAP;
			t->exit_esr = ev->esr;
			el2_reg_read(t->pe, EL2_REG_X(0), &t->exit_x0);
		}
		return;
	}
	if (ev->kind != EL2_EV_ERET || ev->from_el != 2 || ev->to_el != 1)
		return;
	if (!t->vhe && el2_pe_pc(t->pe) == t->host_stub + 4)
		return; /* back to the host */
	if (t->exit_open)
		resumed(t);
	t->exit_open = false;
}

void chk_scen_insn(chk_trip *t, uint64_t pc, unsigned el, uint64_t ps)
{
	const chk_checker *ck = t->ck;
	if (el == 2 && !t->panicked) {
		for (size_t i = 0; i < ck->n_panic; i++) {
			if (pc != ck->panic_pc[i])
				continue;
			char where[96], from[96], text[400];
			chk_where(t, pc, where, sizeof(where));
			chk_where(t, t->prev_pc, from, sizeof(from));
			size_t o = (size_t)snprintf(text, sizeof(text), "EL2 panic: reached %s ([world] "
						    "panic) from %s", where,
						    t->prev_valid ? from : "the start");
			if (t->has_el2_exc && o < sizeof(text)) {
				chk_where(t, t->el2_exc_pc, from, sizeof(from));
				snprintf(text + o, sizeof(text) - o,
					 "; last exception at EL2 from EL2: at %s, ESR_EL2 0x%" PRIx64
					 " (EC 0x%02" PRIx64 "), VBAR_EL2+0x%03" PRIx64, from,
					 t->el2_exc_esr, t->el2_exc_esr >> 26, t->el2_exc_vector);
			}
			panic_stop(t, text);
			return;
		}
	}
	/* irq_entry / serror_entry: the line goes up once the world switch
	 * runs at EL2 with it masked (nVHE: after the host's HVC) */
	if (t->line_raised || el != 2 || (t->sc != SC_IRQ_ENTRY && t->sc != SC_SERROR_ENTRY) ||
	    (!t->vhe && !t->host_called))
		return;
	bool irq = t->sc == SC_IRQ_ENTRY;
	if (!(ps & (irq ? EL2_PSR_I : EL2_PSR_A)))
		return;
	el2_set_line(t->pe, irq ? EL2_LINE_IRQ : EL2_LINE_SERROR, true);
	t->line_raised = true;
}
