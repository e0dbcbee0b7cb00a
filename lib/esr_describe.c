/* STUB: owned by the exceptions helper. */
#include "pe_internal.h"
#include "exc_internal.h"
#include <stdio.h>
size_t el2_esr_describe(uint32_t esr, char *buf, size_t size) { return (size_t)snprintf(buf, size, "ESR=0x%08x", esr); }
const char *el2_ec_name(unsigned ec) { (void)ec; return "UNALLOCATED"; }
