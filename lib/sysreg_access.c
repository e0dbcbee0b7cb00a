/* STUB: owned by the sysreg helper. */
#include "sysreg_access.h"
#include "exc_internal.h"
void sysreg_exec_mrs(el2_pe *pe, uint32_t insn, el2_exec_result *res) { (void)insn; exc_undefined(pe, res); }
void sysreg_exec_msr(el2_pe *pe, uint32_t insn, el2_exec_result *res) { (void)insn; exc_undefined(pe, res); }
void sysreg_exec_sys(el2_pe *pe, uint32_t insn, el2_exec_result *res) { (void)insn; exc_undefined(pe, res); }
void sysreg_exec_msr_imm(el2_pe *pe, uint32_t insn, el2_exec_result *res) { (void)insn; exc_undefined(pe, res); }
