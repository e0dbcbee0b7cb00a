/* STUB: owned by the sysreg helper. */
#include "sysreg_access.h"
unsigned fp_trap_target(const el2_pe *pe) { (void)pe; return 0; }
