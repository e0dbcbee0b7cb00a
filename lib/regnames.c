/* SPDX-License-Identifier: MIT */
/* Register ids <-> names. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pe_internal.h"

static const char *const xnames[31] = {
	"x0",  "x1",  "x2",  "x3",  "x4",  "x5",  "x6",  "x7",  "x8",  "x9",  "x10",
	"x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21",
	"x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29", "x30",
};
static const char *const vnames[32] = {
	"v0",  "v1",  "v2",  "v3",  "v4",  "v5",  "v6",  "v7",  "v8",  "v9",  "v10",
	"v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21",
	"v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31",
};

const char *el2_reg_name(el2_reg reg)
{
	if (reg <= EL2_REG_X30)
		return xnames[reg];
	if (reg == EL2_REG_SP)
		return "sp";
	if (reg == EL2_REG_PC)
		return "pc";
	if (reg == EL2_REG_PSTATE)
		return "pstate";
	if (reg >= EL2_REG_V0 && reg <= EL2_REG_V31)
		return vnames[reg - EL2_REG_V0];
	if (EL2_REG_IS_SYSREG(reg))
		return el2_sysreg_get((el2_sysreg)(reg - EL2_REG_SYSREG_BASE))->name;
	return "?";
}

/* Decimal number in [0, max] filling all of s. */
static bool parse_index(const char *s, unsigned max, unsigned *out)
{
	if (!isdigit((unsigned char)s[0]) || strlen(s) > 3)
		return false;
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (*end || v > max)
		return false;
	*out = (unsigned)v;
	return true;
}

/* "s<op0>_<op1>_c<n>_c<m>_<op2>", the assembler's generic spelling. */
static el2_sysreg parse_generic(const char *s)
{
	unsigned op0, op1, crn, crm, op2;
	int n = 0;
	if (sscanf(s, "%*1[sS]%u_%u_%*1[cC]%u_%*1[cC]%u_%u%n", &op0, &op1, &crn, &crm, &op2, &n) != 5 ||
	    s[n] != '\0')
		return EL2_SR_NONE;
	if (op0 > 3 || op1 > 7 || crn > 15 || crm > 15 || op2 > 7)
		return EL2_SR_NONE;
	return el2_sysreg_by_enc(EL2_SYS_ENC(op0, op1, crn, crm, op2));
}

el2_err el2_reg_by_name(const char *name, el2_reg *out)
{
	if (!name || !out)
		return EL2_ERR_INVALID_ARG;
	unsigned n;
	char c = (char)tolower((unsigned char)name[0]);
	if (c == 'x' && parse_index(name + 1, 30, &n)) {
		*out = EL2_REG_X(n);
	} else if (c == 'v' && parse_index(name + 1, 31, &n)) {
		*out = EL2_REG_V(n);
	} else if (!strcasecmp(name, "sp")) {
		*out = EL2_REG_SP;
	} else if (!strcasecmp(name, "pc")) {
		*out = EL2_REG_PC;
	} else if (!strcasecmp(name, "pstate")) {
		*out = EL2_REG_PSTATE;
	} else if (!strcasecmp(name, "lr")) {
		*out = EL2_REG_X(30);
	} else if (!strcasecmp(name, "fp")) {
		*out = EL2_REG_X(29);
	} else {
		el2_sysreg id = el2_sysreg_by_name(name);
		if (id == EL2_SR_NONE)
			id = parse_generic(name);
		if (id == EL2_SR_NONE)
			return EL2_ERR_UNKNOWN_REG;
		*out = EL2_REG_SYSREG_BASE + id;
	}
	return EL2_OK;
}
