/* STUB: owned by the exceptions helper. */
#include "pe_internal.h"
#include "exc_internal.h"
el2_err el2_take_abort(el2_pe *pe, const el2_abort *abort, el2_exc_outcome *out)
{ (void)pe; (void)abort; (void)out; return EL2_ERR_INVALID_ARG; }
