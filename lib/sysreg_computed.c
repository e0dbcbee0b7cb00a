/* STUB: owned by the table helper. */
#include "sysreg_computed.h"
bool computed_read(const el2_pe *pe, el2_sysreg id, uint64_t *val) { (void)pe; (void)id; (void)val; return false; }
bool computed_write(el2_pe *pe, el2_sysreg id, uint64_t val) { (void)pe; (void)id; (void)val; return false; }
