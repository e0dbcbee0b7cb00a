/* STUB: owned by the sysreg helper. */
#include "sysreg_access.h"
