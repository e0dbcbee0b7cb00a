/* STUB: owned by the exceptions helper. */
#include "pe_internal.h"
#include "exc_internal.h"
uint32_t el2_esr(unsigned ec, bool il, uint32_t iss) { return (ec << 26) | (il ? EL2_ESR_IL : 0) | (iss & EL2_ESR_ISS_MASK); }
uint32_t el2_iss_sysreg(uint32_t e, unsigned rt, bool r) { (void)e; (void)rt; (void)r; return 0; }
uint32_t el2_iss_wfx(unsigned ti) { (void)ti; return 0; }
uint32_t el2_iss_imm16(uint16_t imm) { return imm; }
uint32_t el2_iss_fp(void) { return 0; }
uint32_t el2_iss_abort(const el2_abort *a) { (void)a; return 0; }
uint32_t el2_iss_serror(bool ids, uint32_t iss) { (void)ids; return iss; }
unsigned el2_encode_fsc(el2_fault f, int level) { (void)f; (void)level; return 0; }
