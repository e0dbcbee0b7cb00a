/* STUB: owned by the executor helper. */
#include "pe_internal.h"
#include "sysreg_access.h"
#include "exc_internal.h"
el2_err el2_at_complete(el2_pe *pe, const el2_at_result *r) { (void)pe; (void)r; return EL2_ERR_NO_PENDING_AT; }
bool el2_check_fp_access(el2_pe *pe, el2_exc_outcome *out) { (void)pe; (void)out; return false; }
bool el2_fp_access_trapped(const el2_pe *pe) { (void)pe; return false; }
unsigned el2_dczva_bytes(const el2_pe *pe) { (void)pe; return 64; }
