/* SPDX-License-Identifier: MIT */
/* Shared by the checker tests: fixtures from argv (name=path) and one
 * checker run over a fixture variant with the fixture's profile. */
#ifndef CHECK_TEST_UTIL_H
#define CHECK_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "el2sim/check.h"

static int ct_argc;
static char **ct_argv;

static inline const char *ct_arg(const char *name)
{
	size_t n = strlen(name);
	for (int i = 1; i < ct_argc; i++)
		if (strncmp(ct_argv[i], name, n) == 0 && ct_argv[i][n] == '=')
			return ct_argv[i] + n + 1;
	return NULL;
}

/* Runs the checker on a variant (skips the test when it was not built). */
static inline el2_check_result *ct_check(const char *variant, unsigned runs, uint64_t seed)
{
	const char *obj = ct_arg(variant), *prof_path = ct_arg("profile");
	if (!obj || !prof_path)
		skip();
	char err[512];
	el2_check_profile *prof = NULL;
	el2_err e = el2_check_profile_load(prof_path, &prof, err, sizeof(err));
	if (e)
		fail_msg("profile: %s", err);
	el2_check_opts o = el2_check_opts_default();
	o.runs = runs;
	o.seed = seed;
	el2_check_result *res = NULL;
	e = el2_check_file(obj, prof, &o, &res, err, sizeof(err));
	el2_check_profile_free(&prof);
	if (e)
		fail_msg("check: %s", err);
	return res;
}

/* The finding of property p on register reg, or NULL. */
static inline const el2_check_finding *ct_find(const el2_check_result *res, unsigned p,
					       const char *reg)
{
	const el2_check_finding *f;
	size_t n = el2_check_findings(res, &f);
	for (size_t i = 0; i < n; i++)
		if (f[i].property == p && (!reg || !strcmp(f[i].reg, reg)))
			return &f[i];
	return NULL;
}

static inline void ct_dump(const el2_check_result *res)
{
	el2_check_write_text(res, stdout);
}

#endif
