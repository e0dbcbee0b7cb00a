/* STUB: owned by the sysreg helper. */
#include "sysreg_access.h"
uint64_t sysreg_id_value(const el2_config *cfg, el2_sysreg id) { (void)cfg; (void)id; return 0; }
void sysreg_reset(el2_pe *pe)
{
	for (unsigned i = 0; i < EL2_SR_COUNT; i++)
		pe->s.sr[i] = el2_sysreg_get((el2_sysreg)i)->reset;
}
bool sysreg_implemented(const el2_pe *pe, el2_sysreg id)
{
	uint32_t f = el2_sysreg_get(id)->feature;
	return f == 0 || (pe->cfg.features & f) == f;
}
