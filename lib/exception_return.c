/* STUB: owned by the exceptions helper. */
#include "pe_internal.h"
#include "exc_internal.h"
void el2_exception_return(el2_pe *pe, uint64_t new_pc, uint64_t spsr, el2_exc_outcome *out)
{ (void)pe; (void)new_pc; (void)spsr; (void)out; }
bool el2_illegal_exception_return(const el2_pe *pe, uint64_t spsr) { (void)pe; (void)spsr; return true; }
bool el2_check_illegal_state(el2_pe *pe, el2_exc_outcome *out) { (void)pe; (void)out; return false; }
