/* STUB: owned by the executor helper. */
#include "pe_internal.h"
#include "sysreg_access.h"
#include "exc_internal.h"
