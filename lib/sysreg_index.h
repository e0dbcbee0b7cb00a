/* SPDX-License-Identifier: MIT */
/* Fast internal views of the system-register table: the rows, the
 * encoding index and per-row effects, all built once by
 * sysreg_index_init() (el2_pe_new calls it). Internal to lib/. */
#ifndef EL2SIM_SYSREG_INDEX_H
#define EL2SIM_SYSREG_INDEX_H

#include "el2sim/exec.h"
#include "el2sim/sysreg.h"

extern const el2_sysreg_info sysreg_rows[EL2_SR_COUNT];
extern uint16_t sysreg_enc_index[1u << 16]; /* key -> row + 1, 0 = none */
extern uint32_t sysreg_effects[EL2_SR_COUNT];

/* What performing a row does beyond storing a value (sysreg_effects). */
enum sysreg_effect {
	SRE_WRITE_FLAGS = 0xffffu,  /* EL2_EF_* reported on a write */
	SRE_AT = 1u << 16,          /* AT: the el2_at_op is in bits [31:24] */
	SRE_TLBI = 1u << 17,
	SRE_IC = 1u << 18,
	SRE_DC = 1u << 19,
	SRE_DC_ZVA = 1u << 20,
};
#define SRE_AT_OP(e) ((el2_at_op)((e) >> 24))

/* Builds the index and the effects once (thread-safe). */
void sysreg_index_init(void);

/* The effects of one row, from its name and kind (sysreg_effects.c). */
uint32_t sysreg_effect_of(el2_sysreg id);

static inline const el2_sysreg_info *sr_row(el2_sysreg id)
{
	return &sysreg_rows[id];
}

/* Row for an encoding key; the index must be built. */
static inline el2_sysreg sr_lookup(uint32_t enc)
{
	uint16_t v = sysreg_enc_index[enc & 0xffffu];
	return v ? (el2_sysreg)(v - 1) : EL2_SR_NONE;
}

#endif
