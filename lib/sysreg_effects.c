/* SPDX-License-Identifier: MIT */
/* What performing each row does besides storing a value, worked out once
 * per row when the index is built so the access path only reads a word:
 * the flags a write reports to the engine, and the kind of SYS operation. */
#include <string.h>

#include "sysreg_index.h"

static bool starts(const char *name, const char *prefix)
{
	return strncmp(name, prefix, strlen(prefix)) == 0;
}

/* AT operations by row name (the rows say which exist). */
static const struct {
	const char *row;
	el2_at_op op;
} at_ops[] = {
	{"AT_S1E1R", EL2_AT_S1E1R},   {"AT_S1E1W", EL2_AT_S1E1W},
	{"AT_S1E0R", EL2_AT_S1E0R},   {"AT_S1E0W", EL2_AT_S1E0W},
	{"AT_S1E1RP", EL2_AT_S1E1RP}, {"AT_S1E1WP", EL2_AT_S1E1WP},
	{"AT_S1E2R", EL2_AT_S1E2R},   {"AT_S1E2W", EL2_AT_S1E2W},
	{"AT_S12E1R", EL2_AT_S12E1R}, {"AT_S12E1W", EL2_AT_S12E1W},
	{"AT_S12E0R", EL2_AT_S12E0R}, {"AT_S12E0W", EL2_AT_S12E0W},
};

static uint32_t sysop_effect(const char *name)
{
	for (size_t i = 0; i < sizeof(at_ops) / sizeof(at_ops[0]); i++)
		if (!strcmp(name, at_ops[i].row))
			return SRE_AT | ((uint32_t)at_ops[i].op << 24);
	if (starts(name, "TLBI_"))
		return SRE_TLBI;
	if (starts(name, "IC_"))
		return SRE_IC;
	if (!strcmp(name, "DC_ZVA"))
		return SRE_DC_ZVA;
	if (starts(name, "DC_"))
		return SRE_DC;
	return 0;
}

/* Flags of a write the engine has to act on. */
static uint32_t write_effect(el2_sysreg id, const char *name)
{
	switch (id) {
	case EL2_SR_SCTLR_EL1: case EL2_SR_SCTLR_EL2:
	case EL2_SR_TCR_EL1: case EL2_SR_TCR_EL2:
	case EL2_SR_TTBR0_EL1: case EL2_SR_TTBR1_EL1:
	case EL2_SR_TTBR0_EL2: case EL2_SR_TTBR1_EL2:
	case EL2_SR_MAIR_EL1: case EL2_SR_MAIR_EL2:
	case EL2_SR_VTTBR_EL2: case EL2_SR_VTCR_EL2:
		return EL2_EF_TRANSLATION;
	case EL2_SR_HCR_EL2:
		return EL2_EF_TRANSLATION | EL2_EF_INTERRUPTS | EL2_EF_FP_CONTROL;
	case EL2_SR_CPACR_EL1: case EL2_SR_CPTR_EL2:
		return EL2_EF_FP_CONTROL;
	case EL2_SR_DAIF:
		return EL2_EF_INTERRUPTS;
	case EL2_SR_SPSel:
		return EL2_EF_SP_CHANGED;
	default:
		break;
	}
	/* GICv3 hypervisor control (ICH_*_EL2) rows change virtual interrupts. */
	return starts(name, "ICH_") ? EL2_EF_INTERRUPTS : 0;
}

uint32_t sysreg_effect_of(el2_sysreg id)
{
	const el2_sysreg_info *ri = sr_row(id);
	if (ri->kind == EL2_SRK_SYSOP)
		return sysop_effect(ri->name);
	return write_effect(id, ri->name);
}
