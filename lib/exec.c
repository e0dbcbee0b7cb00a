/* STUB: owned by the executor helper. */
#include "pe_internal.h"
#include "sysreg_access.h"
#include "exc_internal.h"
el2_err el2_exec(el2_pe *pe, uint32_t insn, el2_exec_result *res) { (void)pe; (void)insn; if (res) res->outcome = EL2_OUT_NOT_SYSTEM; return EL2_OK; }
bool el2_is_system_insn(uint32_t insn) { (void)insn; return false; }
