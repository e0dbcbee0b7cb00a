/* STUB: owned by the exceptions helper. */
#include "pe_internal.h"
#include "exc_internal.h"
el2_err el2_take_exception(el2_pe *pe, unsigned target_el, const el2_exception *exc,
			   uint64_t preferred_return, unsigned vect_offset, el2_exc_outcome *out)
{ (void)pe; (void)target_el; (void)exc; (void)preferred_return; (void)vect_offset; (void)out; return EL2_ERR_INVALID_ARG; }
unsigned el2_sync_target_el(const el2_pe *pe, el2_exc_type type, bool stage2) { (void)pe; (void)type; (void)stage2; return 1; }
el2_err el2_take_sync(el2_pe *pe, const el2_exception *exc, bool stage2, el2_exc_outcome *out)
{ (void)pe; (void)exc; (void)stage2; (void)out; return EL2_ERR_INVALID_ARG; }
