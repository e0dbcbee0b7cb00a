/* fixture: the engine reaching up into the checker (must be refused) */
#include "check_internal.h"
