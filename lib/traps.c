/* STUB: owned by the exceptions helper. */
#include "exc_internal.h"
void exc_undefined(el2_pe *pe, el2_exec_result *res) { (void)pe; res->outcome = EL2_OUT_EXCEPTION; }
void exc_sysreg_trap(el2_pe *pe, unsigned target_el, uint32_t insn, el2_exec_result *res) { (void)pe; (void)target_el; (void)insn; res->outcome = EL2_OUT_EXCEPTION; }
void exc_fp_trap(el2_pe *pe, unsigned target_el, el2_exec_result *res) { (void)pe; (void)target_el; res->outcome = EL2_OUT_EXCEPTION; }
void exc_wfx_trap(el2_pe *pe, unsigned target_el, unsigned ti, el2_exec_result *res) { (void)pe; (void)target_el; (void)ti; res->outcome = EL2_OUT_EXCEPTION; }
void exc_take(el2_pe *pe, unsigned target_el, const el2_exception *e, uint64_t preferred_return, unsigned vect_offset, el2_exec_result *res)
{ (void)pe; (void)target_el; (void)e; (void)preferred_return; (void)vect_offset; res->outcome = EL2_OUT_EXCEPTION; }
