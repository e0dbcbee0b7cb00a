/* SPDX-License-Identifier: MIT */
/* AArch32 guests. Unicorn's arm64 build has no A32/T32 decoder, so code in
 * AArch32 state is never handed to it: the run loop calls the caller's
 * AArch32 guest performer (which runs the guest in the model, e.g.
 * el2_a32_script_run) and resumes Unicorn at the AArch64 vector the guest
 * trapped to. */
#include <inttypes.h>

#include "engine_internal.h"
#include "model_seam.h"

void el2_engine_set_a32_guest(el2_engine *eng, el2_a32_guest_fn fn, void *ctx)
{
	if (!eng)
		return;
	eng->a32_fn = fn;
	eng->a32_ctx = ctx;
}

static const char *mode_name(unsigned m)
{
	switch (m) {
	case EL2_M32_USR: return "usr";
	case EL2_M32_FIQ: return "fiq";
	case EL2_M32_IRQ: return "irq";
	case EL2_M32_SVC: return "svc";
	case EL2_M32_ABT: return "abt";
	case EL2_M32_UND: return "und";
	case EL2_M32_SYS: return "sys";
	default: return "?";
	}
}

void engine_aarch32(el2_engine *eng)
{
	el2_pe *pe = eng->pe;
	unsigned m = (unsigned)(pe->s.pstate & EL2_PSR_M);
	uint64_t pc = pe->s.pc;
	const char *iset = (pe->s.pstate & EL2_PSR32_T) ? "T32" : "A32";
	if (!eng->a32_fn) {
		engine_stop_error(eng, EL2_ERR_UNSUPPORTED,
				  "the PE is in AArch32 %s mode (%s) at 0x%08" PRIx64
				  ": Unicorn cannot execute A32/T32 code and no AArch32 guest "
				  "performer is set (el2_engine_set_a32_guest)",
				  mode_name(m), iset, pc);
		return;
	}
	/* The performer sees and changes the whole register file. */
	if (sync_to_model(eng) != EL2_OK) {
		engine_stop_error(eng, EL2_ERR_INVALID_ARG, "register transfer failed at 0x%08" PRIx64, pc);
		return;
	}
	size_t insns = 0;
	el2_a32_result r = {0};
	el2_err err = eng->a32_fn(eng->a32_ctx, pe, &insns, &r);
	engine_count_n(eng, insns);
	if (err || !r.taken || (pe->s.pstate & EL2_PSR_NRW)) {
		engine_stop_error(eng, err ? err : EL2_ERR_UNSUPPORTED,
				  "AArch32 guest in %s mode at 0x%08" PRIx64 " did not return to AArch64: %s",
				  mode_name((unsigned)(pe->s.pstate & EL2_PSR_M)), pe->s.pc,
				  err ? el2_strerror(err) : "its operations ended without an exception");
		return;
	}
	if (sync_to_unicorn(eng) != EL2_OK) {
		engine_stop_error(eng, EL2_ERR_INVALID_ARG, "register transfer failed at 0x%08" PRIx64, pc);
		return;
	}
	engine_exception_taken(eng, r.pc, r.type, &r.exc);
}
