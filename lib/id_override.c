/* SPDX-License-Identifier: MIT */
/* ID register overrides (el2_config.id_override) and the configuration
 * check el2_pe_new applies. An override may report less than the
 * configured features implement (as a hypervisor does for its guests),
 * never more: the model's behaviour follows el2_config.features, so an ID
 * value that claimed a feature the model does not perform would mislead
 * the code under test. Feature fields of the ID space are 4-bit fields
 * that grow with the feature (Arm ARM DDI 0487 J.a, D17.1.3 "Principles
 * of the ID scheme for fields in ID registers"); a few are signed, where
 * 0xf means "not implemented" (FP, AdvSIMD, TGran4, TGran64, DoubleLock). */
#include <stdarg.h>
#include <stdio.h>

#include "sysreg_access.h"

typedef struct id_field {
	el2_sysreg reg;
	unsigned lsb;
	const char *name;
	bool is_signed;
	const char *feature; /* the el2_config feature that raises it, if any */
} id_field;

/* Field names of the ID registers the model derives, for the message;
 * other fields are named by their bits. */
static const id_field fields[] = {
	{EL2_SR_ID_AA64PFR0_EL1, 0, "EL0", false, NULL},
	{EL2_SR_ID_AA64PFR0_EL1, 4, "EL1", false, NULL},
	{EL2_SR_ID_AA64PFR0_EL1, 8, "EL2", false, "have_el2"},
	{EL2_SR_ID_AA64PFR0_EL1, 12, "EL3", false, "have_el3"},
	{EL2_SR_ID_AA64PFR0_EL1, 16, "FP", true, NULL},
	{EL2_SR_ID_AA64PFR0_EL1, 20, "AdvSIMD", true, NULL},
	{EL2_SR_ID_AA64PFR0_EL1, 24, "GIC", false, NULL},
	{EL2_SR_ID_AA64PFR0_EL1, 28, "RAS", false, "FEAT_RAS"},
	{EL2_SR_ID_AA64PFR0_EL1, 32, "SVE", false, "FEAT_SVE"},
	{EL2_SR_ID_AA64PFR0_EL1, 48, "DIT", false, "FEAT_DIT"},
	{EL2_SR_ID_AA64PFR1_EL1, 0, "BT", false, "FEAT_BTI"},
	{EL2_SR_ID_AA64PFR1_EL1, 4, "SSBS", false, "FEAT_SSBS"},
	{EL2_SR_ID_AA64PFR1_EL1, 8, "MTE", false, "FEAT_MTE"},
	{EL2_SR_ID_AA64MMFR0_EL1, 0, "PARange", false, NULL},
	{EL2_SR_ID_AA64MMFR0_EL1, 4, "ASIDBits", false, NULL},
	{EL2_SR_ID_AA64MMFR0_EL1, 20, "TGran16", false, NULL},
	{EL2_SR_ID_AA64MMFR0_EL1, 24, "TGran64", true, NULL},
	{EL2_SR_ID_AA64MMFR0_EL1, 28, "TGran4", true, NULL},
	{EL2_SR_ID_AA64MMFR1_EL1, 4, "VMIDBits", false, NULL},
	{EL2_SR_ID_AA64MMFR1_EL1, 8, "VH", false, "FEAT_VHE"},
	{EL2_SR_ID_AA64MMFR1_EL1, 16, "LO", false, NULL},
	{EL2_SR_ID_AA64MMFR1_EL1, 20, "PAN", false, "FEAT_PAN / FEAT_PAN2"},
	{EL2_SR_ID_AA64MMFR1_EL1, 40, "HCX", false, "FEAT_HCX ([cpu] hcrx)"},
	{EL2_SR_ID_AA64MMFR2_EL1, 4, "UAO", false, "FEAT_UAO"},
	{EL2_SR_ID_AA64MMFR2_EL1, 16, "VARange", false, NULL},
	{EL2_SR_ID_AA64MMFR2_EL1, 36, "IDS", false, "FEAT_IDST"},
	{EL2_SR_ID_AA64DFR0_EL1, 0, "DebugVer", false, NULL},
	{EL2_SR_ID_AA64DFR0_EL1, 8, "PMUVer", false, "FEAT_PMU"},
	{EL2_SR_ID_AA64DFR0_EL1, 12, "BRPs", false, NULL},
	{EL2_SR_ID_AA64DFR0_EL1, 20, "WRPs", false, NULL},
	{EL2_SR_ID_AA64DFR0_EL1, 36, "DoubleLock", true, NULL},
	{EL2_SR_ID_AA64ISAR0_EL1, 4, "AES", false, NULL},
	{EL2_SR_ID_AA64ISAR0_EL1, 20, "Atomic", false, NULL},
	{EL2_SR_ID_AA64ISAR1_EL1, 0, "DPB", false, NULL},
	{EL2_SR_ID_AA64ISAR1_EL1, 4, "APA", false, "FEAT_PAUTH"},
	{EL2_SR_ID_AA64ISAR1_EL1, 8, "API", false, "FEAT_PAUTH"},
	{EL2_SR_ID_AA64ISAR1_EL1, 24, "GPA", false, "FEAT_PAUTH"},
	{EL2_SR_ID_AA64ISAR1_EL1, 28, "GPI", false, "FEAT_PAUTH"},
};

static const id_field *field_of(el2_sysreg reg, unsigned lsb)
{
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i].reg == reg && fields[i].lsb == lsb)
			return &fields[i];
	return NULL;
}

/* Identification only, no feature: any value. */
static bool free_id(el2_sysreg reg)
{
	return reg == EL2_SR_MIDR_EL1 || reg == EL2_SR_REVIDR_EL1 || reg == EL2_SR_AIDR_EL1 ||
	       reg == EL2_SR_ID_AFR0_EL1 || reg == EL2_SR_ID_AA64AFR0_EL1 ||
	       reg == EL2_SR_ID_AA64AFR1_EL1;
}

/* The feature ID space: op0 3, op1 0, CRn 0, CRm 1..7. */
static bool feature_id(el2_sysreg reg)
{
	const el2_sysreg_info *ri = el2_sysreg_get(reg);
	if (!ri || ri->kind != EL2_SRK_ID)
		return false;
	uint32_t e = ri->enc;
	return EL2_SYS_OP0(e) == 3 && EL2_SYS_OP1(e) == 0 && EL2_SYS_CRN(e) == 0 &&
	       EL2_SYS_CRM(e) >= 1 && EL2_SYS_CRM(e) <= 7;
}

static bool overridable(unsigned reg)
{
	return reg < EL2_SR_COUNT && (free_id((el2_sysreg)reg) || feature_id((el2_sysreg)reg));
}

el2_err el2_config_override_id(el2_config *cfg, unsigned reg, uint64_t value)
{
	if (!cfg || !overridable(reg) || cfg->n_id_override > EL2_MAX_ID_OVERRIDES)
		return EL2_ERR_INVALID_ARG;
	for (unsigned i = 0; i < cfg->n_id_override; i++) {
		if (cfg->id_override[i].reg == reg) {
			cfg->id_override[i].value = value;
			return EL2_OK;
		}
	}
	if (cfg->n_id_override == EL2_MAX_ID_OVERRIDES)
		return EL2_ERR_INVALID_ARG;
	cfg->id_override[cfg->n_id_override++] = (el2_id_override){(uint16_t)reg, value};
	return EL2_OK;
}

bool el2_config_id_override(const el2_config *cfg, unsigned reg, uint64_t *value)
{
	if (!cfg || cfg->n_id_override > EL2_MAX_ID_OVERRIDES)
		return false;
	for (unsigned i = 0; i < cfg->n_id_override; i++) {
		if (cfg->id_override[i].reg == reg) {
			*value = cfg->id_override[i].value;
			return true;
		}
	}
	return false;
}

static el2_err bad(char *errbuf, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static el2_err bad(char *errbuf, size_t errlen, const char *fmt, ...)
{
	if (errbuf && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(errbuf, errlen, fmt, ap);
		va_end(ap);
	}
	return EL2_ERR_BAD_CONFIG;
}

static int field_rank(uint64_t v, bool is_signed)
{
	return is_signed && v >= 8 ? (int)v - 16 : (int)v;
}

/* Every 4-bit field of the override at most the derived one. */
static el2_err check_override(const el2_config *cfg, const el2_id_override *o, char *errbuf,
			      size_t errlen)
{
	el2_sysreg reg = (el2_sysreg)o->reg;
	if (!overridable(o->reg))
		return bad(errbuf, errlen,
			   "%s cannot be overridden (only MIDR_EL1, REVIDR_EL1, AIDR_EL1 and the "
			   "ID_* feature registers can)",
			   o->reg < EL2_SR_COUNT ? el2_sysreg_get(reg)->name : "register id");
	if (free_id(reg))
		return EL2_OK;
	const char *name = el2_sysreg_get(reg)->name;
	uint64_t derived = sysreg_id_derived(cfg, reg);
	for (unsigned lsb = 0; lsb < 64; lsb += 4) {
		const id_field *f = field_of(reg, lsb);
		bool sgn = f && f->is_signed;
		uint64_t want = (o->value >> lsb) & 0xf, have = (derived >> lsb) & 0xf;
		if (field_rank(want, sgn) <= field_rank(have, sgn))
			continue;
		char fname[32];
		if (f)
			snprintf(fname, sizeof(fname), "%s", f->name);
		else
			snprintf(fname, sizeof(fname), "[%u:%u]", lsb + 3, lsb);
		return bad(errbuf, errlen,
			   "%s.%s = %u claims more than the configuration implements (%u)%s%s",
			   name, fname, (unsigned)want, (unsigned)have,
			   f && f->feature ? ": enable " : "", f && f->feature ? f->feature : "");
	}
	return EL2_OK;
}

el2_err el2_config_check(const el2_config *cfg, char *errbuf, size_t errlen)
{
	if (errbuf && errlen)
		errbuf[0] = '\0';
	if (!cfg)
		return EL2_ERR_INVALID_ARG;
	if (cfg->features & ~EL2_FEAT_ALL)
		return bad(errbuf, errlen, "unknown feature bits 0x%x",
			   (unsigned)(cfg->features & ~EL2_FEAT_ALL));
	if ((cfg->features & EL2_FEAT_VHE) && !cfg->have_el2)
		return bad(errbuf, errlen, "FEAT_VHE needs EL2");
	if ((cfg->features & EL2_FEAT_PAN2) && !(cfg->features & EL2_FEAT_PAN))
		return bad(errbuf, errlen, "FEAT_PAN2 needs FEAT_PAN");
	if (cfg->pmu_counters > 31)
		return bad(errbuf, errlen, "%u PMU counters: PMCR_EL0.N is at most 31",
			   cfg->pmu_counters);
	if (cfg->n_id_override > EL2_MAX_ID_OVERRIDES)
		return bad(errbuf, errlen, "%u ID register overrides (at most %d)",
			   cfg->n_id_override, EL2_MAX_ID_OVERRIDES);
	for (unsigned i = 0; i < cfg->n_id_override; i++) {
		el2_err e = check_override(cfg, &cfg->id_override[i], errbuf, errlen);
		if (e)
			return e;
	}
	return EL2_OK;
}
