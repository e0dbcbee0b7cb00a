/* SPDX-License-Identifier: MIT */
/* What every benchmark program needs: a clock and dying with a message.
 * BENCH_NAME is the program's name, defined before including this. */
#ifndef EL2SIM_BENCH_UTIL_H
#define EL2SIM_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "el2sim/err.h"

static inline double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline void die(const char *what, const char *why)
{
	fprintf(stderr, "%s: %s: %s\n", BENCH_NAME, what, why);
	exit(1);
}

static inline void ok(el2_err e, const char *what)
{
	if (e != EL2_OK)
		die(what, el2_strerror(e));
}

#endif
