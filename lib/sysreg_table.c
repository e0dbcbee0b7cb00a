/* SPDX-License-Identifier: MIT */
/* The system-register table built from sysreg.def, and its look-ups. */
#include <ctype.h>
#include <stddef.h>
#include <threads.h>

#include "el2sim/config.h"
#include "el2sim/sysreg.h"
#include "sysreg_index.h"

const el2_sysreg_info sysreg_rows[EL2_SR_COUNT] = {
#define EL2_SR(n, o0, o1, cn, cm, o2, k, el, acc, v, feat, tr, rst, r0, r1)                  \
	[EL2_SR_##n] = {.name = #n,                                                          \
			.enc = EL2_SYS_ENC(o0, o1, cn, cm, o2),                              \
			.kind = EL2_SRK_##k,                                                 \
			.min_el = el,                                                        \
			.access = EL2_ACC_##acc,                                             \
			.vhe = EL2_SR_##v,                                                   \
			.feature = feat,                                                     \
			.traps = tr,                                                         \
			.reset = rst,                                                        \
			.res0 = r0,                                                          \
			.res1 = r1},
#include "el2sim/sysreg.def"
#undef EL2_SR
};

/* Encoding key -> row + 1 (0 = none): 128 KiB, built once. */
uint16_t sysreg_enc_index[1u << 16];
uint32_t sysreg_effects[EL2_SR_COUNT];
static once_flag index_once = ONCE_FLAG_INIT;

static void build_index(void)
{
	for (unsigned i = 0; i < EL2_SR_COUNT; i++) {
		if (!sysreg_enc_index[sysreg_rows[i].enc])
			sysreg_enc_index[sysreg_rows[i].enc] = (uint16_t)(i + 1);
		sysreg_effects[i] = sysreg_effect_of((el2_sysreg)i);
	}
}

void sysreg_index_init(void)
{
	call_once(&index_once, build_index);
}

const el2_sysreg_info *el2_sysreg_get(el2_sysreg id)
{
	return (unsigned)id < EL2_SR_COUNT ? &sysreg_rows[id] : NULL;
}

el2_sysreg el2_sysreg_by_enc(uint32_t enc)
{
	if (enc > 0xffffu)
		return EL2_SR_NONE;
	sysreg_index_init();
	return sr_lookup(enc);
}

static int name_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}

el2_sysreg el2_sysreg_by_name(const char *name)
{
	if (!name)
		return EL2_SR_NONE;
	for (unsigned i = 0; i < EL2_SR_COUNT; i++)
		if (name_eq(name, sysreg_rows[i].name))
			return (el2_sysreg)i;
	return EL2_SR_NONE;
}

/* ESR_ELx ISS for EC 0x18 (D19.2.37, "ISS encoding for an exception from
 * MSR, MRS, or System instruction execution in AArch64 state"):
 * Op0[21:20] Op2[19:17] Op1[16:14] CRn[13:10] Rt[9:5] CRm[4:1] Dir[0]. */
uint32_t el2_sysreg_enc_from_iss(uint32_t iss)
{
	return EL2_SYS_ENC((iss >> 20) & 3, (iss >> 14) & 7, (iss >> 10) & 15, (iss >> 1) & 15,
			   (iss >> 17) & 7);
}
