/* SPDX-License-Identifier: MIT */
/* The [cpu] section of a profile (docs/layout.md): which features the
 * modelled PE has and which ID register values it reports, as changes to
 * el2_config_default() (Neoverse-N1-like):
 *
 *   [cpu]
 *   features = -vhe +pmu            # +name / name adds, -name removes;
 *                                   # 'none' first: start from no feature
 *   pmu_counters = 4                # PMCR_EL0.N
 *   id.ID_AA64MMFR1_EL1 = 0x00200020
 *
 * The checker, and through it check, bench and mutate, run on that PE;
 * `el2sim run/trace --cpu PROFILE` too. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check_internal.h"
#include "el2sim/sysreg.h"

/* Profile names of the EL2_FEAT_* bits. To add a feature, add its line. A
 * name whose bit this build's model does not implement (not in
 * EL2_FEAT_ALL) is an error that says so. */
static const struct {
	const char *name;
	uint32_t bit;
} feature_names[] = {
	{"vhe", EL2_FEAT_VHE},         {"pan", EL2_FEAT_PAN},         {"pan2", EL2_FEAT_PAN2},
	{"uao", EL2_FEAT_UAO},         {"ssbs", EL2_FEAT_SSBS},       {"dit", EL2_FEAT_DIT},
	{"mte", EL2_FEAT_MTE},         {"bti", EL2_FEAT_BTI},         {"idst", EL2_FEAT_IDST},
	{"ras", EL2_FEAT_RAS},         {"fgt", EL2_FEAT_FGT},         {"hcrx", EL2_FEAT_HCRX},
	{"pauth", EL2_FEAT_PAUTH},     {"sve", EL2_FEAT_SVE},         {"aa32el1", EL2_FEAT_AA32EL1},
	{"aa32el0", EL2_FEAT_AA32EL0}, {"pmu", EL2_FEAT_PMU},
};
#define N_FEATURE_NAMES (sizeof(feature_names) / sizeof(feature_names[0]))

/* A syntax error of [cpu] (check_profile.c adds the line). */
#define say(msg, len, ...) chk_fail((msg), (len), EL2_ERR_PROFILE_SYNTAX, __VA_ARGS__)

static const char *known_names(void)
{
	static char buf[256];
	if (!buf[0]) {
		size_t n = 0;
		for (size_t i = 0; i < N_FEATURE_NAMES && n < sizeof(buf); i++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", i ? " " : "",
					      feature_names[i].name);
	}
	return buf;
}

static el2_err feature_token(chk_cpu *c, const char *tok, bool first, char *msg, size_t len)
{
	if (first && !strcasecmp(tok, "none")) {
		c->from_none = true;
		return EL2_OK;
	}
	bool off = tok[0] == '-';
	const char *name = (tok[0] == '-' || tok[0] == '+') ? tok + 1 : tok;
	for (size_t i = 0; i < N_FEATURE_NAMES; i++) {
		if (strcasecmp(name, feature_names[i].name))
			continue;
		uint32_t bit = feature_names[i].bit;
		if (!(bit & EL2_FEAT_ALL))
			return chk_fail(msg, len, EL2_ERR_UNSUPPORTED, "[cpu] features: '%s' is "
					"not implemented by this build of the model", name);
		if ((off ? c->feat_on : c->feat_off) & bit)
			return say(msg, len, "[cpu] features: '%s' both added and removed", name);
		*(off ? &c->feat_off : &c->feat_on) |= bit;
		return EL2_OK;
	}
	return say(msg, len, "[cpu] features: unknown feature '%s' (known: none %s)", name,
		   known_names());
}

static el2_err features_key(chk_cpu *c, const char *val, char *msg, size_t len)
{
	if (c->has_features)
		return say(msg, len, "[cpu]: 'features' given twice");
	c->has_features = true;
	char buf[512];
	snprintf(buf, sizeof(buf), "%s", val);
	bool first = true;
	for (char *save = NULL, *tok = strtok_r(buf, " \t,", &save); tok;
	     tok = strtok_r(NULL, " \t,", &save), first = false) {
		el2_err e = feature_token(c, tok, first, msg, len);
		if (e)
			return e;
	}
	return EL2_OK;
}

static el2_err id_key(chk_cpu *c, unsigned line, const char *name, const char *val, char *msg,
		      size_t len)
{
	el2_sysreg reg = el2_sysreg_by_name(name);
	uint64_t v;
	if (reg == EL2_SR_NONE)
		return say(msg, len, "[cpu]: '%s' is not a system register", name);
	if (!chk_parse_num(val, &v))
		return say(msg, len, "[cpu]: id.%s: '%s' is not a number", name, val);
	el2_config probe = el2_config_default();
	if (el2_config_override_id(&probe, reg, v))
		return say(msg, len, "[cpu]: %s cannot be overridden (MIDR_EL1, REVIDR_EL1, "
				     "AIDR_EL1 and the ID_* feature registers can)",
			   el2_sysreg_get(reg)->name);
	for (size_t i = 0; i < c->n_id; i++)
		if (c->id[i].reg == (unsigned)reg)
			return say(msg, len, "[cpu]: id.%s given twice", el2_sysreg_get(reg)->name);
	if (c->n_id == EL2_MAX_ID_OVERRIDES)
		return say(msg, len, "[cpu]: more than %d id.* overrides", EL2_MAX_ID_OVERRIDES);
	c->id[c->n_id++] = (chk_cpu_id){(unsigned)reg, v, line};
	return EL2_OK;
}

el2_err chk_cpu_key(chk_cpu *c, unsigned line, const char *key, const char *val, char *msg,
		    size_t msglen)
{
	if (!strcasecmp(key, "features")) {
		c->features_line = line;
		return features_key(c, val, msg, msglen);
	}
	if (!strcasecmp(key, "pmu_counters")) {
		uint64_t n;
		if (c->has_pmu_counters)
			return say(msg, msglen, "[cpu]: 'pmu_counters' given twice");
		if (!chk_parse_num(val, &n) || n > 31)
			return say(msg, msglen, "[cpu]: pmu_counters '%s' is not 0..31", val);
		c->has_pmu_counters = true;
		c->pmu_counters = (unsigned)n;
		return EL2_OK;
	}
	if (!strncasecmp(key, "id.", 3))
		return id_key(c, line, key + 3, val, msg, msglen);
	return say(msg, msglen, "[cpu]: unknown key '%s' (features, pmu_counters, id.REGISTER)",
		   key);
}

el2_err chk_cpu_config(const chk_cpu *c, el2_config *out, char *errbuf, size_t errlen)
{
	el2_config cfg = el2_config_default();
	if (c->from_none)
		cfg.features = 0;
	cfg.features = (cfg.features | c->feat_on) & ~c->feat_off;
	if (c->has_pmu_counters)
		cfg.pmu_counters = c->pmu_counters;
	char msg[200];
	if (el2_config_check(&cfg, msg, sizeof(msg)))
		return chk_fail(errbuf, errlen, EL2_ERR_BAD_CONFIG, "line %u: [cpu] features: %s",
				c->features_line, msg);
	/* One at a time, so that the error names the override's line. */
	for (size_t i = 0; i < c->n_id; i++) {
		el2_err e = el2_config_override_id(&cfg, c->id[i].reg, c->id[i].value);
		if (!e)
			e = el2_config_check(&cfg, msg, sizeof(msg));
		if (e)
			return chk_fail(errbuf, errlen, EL2_ERR_BAD_CONFIG, "line %u: [cpu]: %s",
					c->id[i].line, msg);
	}
	*out = cfg;
	return EL2_OK;
}

el2_err el2_check_profile_cpu(const el2_check_profile *prof, el2_config *cfg, char *errbuf,
			      size_t errlen)
{
	if (!cfg)
		return EL2_ERR_INVALID_ARG;
	static const chk_cpu none;
	return chk_cpu_config(prof ? &prof->cpu : &none, cfg, errbuf, errlen);
}
