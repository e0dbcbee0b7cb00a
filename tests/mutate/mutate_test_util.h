/* SPDX-License-Identifier: MIT */
/* Shared by the mutate tests: a mutate report as its JSON text. */
#ifndef MUTATE_TEST_UTIL_H
#define MUTATE_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "el2sim/mutate.h"

/* el2_mutate_write_json of r into a malloc'd string (free it). */
static inline char *mt_json_of(const el2_mutate_result *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	el2_mutate_write_json(r, f);
	fclose(f);
	return buf;
}

#endif
