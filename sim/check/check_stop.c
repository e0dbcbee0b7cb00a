/* SPDX-License-Identifier: MIT */
/* Why a round trip never got back to the host: how the run stopped,
 * where, at which EL, and which EL2 controls were left with the guest's
 * configuration (docs/check.md, "A round trip that never returns"). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "check_internal.h"
#include "el2sim/bits.h"
#include "el2sim/pstate.h"

/* The EL2 registers a world switch sets for the guest and gives back to
 * the host on the way out. */
static const el2_reg controls[] = {
	EL2_SYSREG(HCR_EL2),   EL2_SYSREG(VTTBR_EL2),   EL2_SYSREG(VTCR_EL2),
	EL2_SYSREG(CPTR_EL2),  EL2_SYSREG(MDCR_EL2),    EL2_SYSREG(HSTR_EL2),
	EL2_SYSREG(CNTHCTL_EL2), EL2_SYSREG(CNTVOFF_EL2), EL2_SYSREG(VPIDR_EL2),
	EL2_SYSREG(VMPIDR_EL2),
};

#define PUT(...) (o += (size_t)snprintf(o < len ? buf + o : NULL, o < len ? len - o : 0, \
					__VA_ARGS__))

/* "HCR_EL2 0x... as at guest entry (host 0x...; VM 1, TGE 0)" for every
 * control that differs from the host's value at the start. */
static size_t controls_text(const chk_trip *t, char *buf, size_t len, size_t o)
{
	unsigned n = 0;
	for (size_t i = 0; i < sizeof(controls) / sizeof(controls[0]); i++) {
		uint64_t host = 0, now = 0, entry = 0, hi;
		chk_state_read(&t->host0, controls[i], &host, &hi);
		chk_state_read(&t->end, controls[i], &now, &hi);
		if (now == host)
			continue;
		chk_state_read(&t->entry, controls[i], &entry, &hi);
		bool guest = t->entry.valid && now == entry;
		PUT("%s%s 0x%" PRIx64 " %s (host 0x%" PRIx64, n++ ? ", " : "; ",
		    el2_reg_name(controls[i]), now, guest ? "as at guest entry" : "changed", host);
		if (controls[i] == EL2_SYSREG(HCR_EL2))
			PUT("; VM %u, TGE %u", (unsigned)(now & EL2_HCR_VM ? 1 : 0),
			    (unsigned)(now & EL2_HCR_TGE ? 1 : 0));
		PUT(")");
	}
	if (!n)
		PUT("; the EL2 controls hold the host's values");
	return o;
}

void chk_stop_detail(const chk_trip *t, char *buf, size_t len)
{
	size_t o = 0;
	char where[96];
	uint64_t ps = 0, hi;
	chk_where(t, t->rr.pc, where, sizeof(where));
	chk_state_read(&t->end, EL2_REG_PSTATE, &ps, &hi);
	unsigned el = (unsigned)EL2_PSR_GET_EL(ps);
	if (t->panicked) /* where the panic started (check_scen.c) */
		PUT("%s", t->panic_detail);
	else if (t->spun)
		PUT("did not return to the host: spins at %s (EL%u, `b .` with interrupts masked) "
		    "after %" PRIu64 " instructions", where, el, t->rr.insns);
	else
		PUT("did not return to the host: the run stopped (%s) at %s (EL%u) after %" PRIu64
		    " instructions", el2_stop_reason_name(t->rr.reason), where, el, t->rr.insns);
	o = controls_text(t, buf, len, o);
	if (t->rr.reason == EL2_STOP_ERROR && t->rr.message[0])
		PUT("; engine: %s", t->rr.message);
}
