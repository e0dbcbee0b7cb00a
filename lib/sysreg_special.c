/* STUB: owned by the sysreg helper. */
#include "sysreg_access.h"
uint64_t sysreg_raw_read(const el2_pe *pe, el2_sysreg id) { return pe->s.sr[id]; }
void sysreg_raw_write(el2_pe *pe, el2_sysreg id, uint64_t val) { pe->s.sr[id] = val; }
