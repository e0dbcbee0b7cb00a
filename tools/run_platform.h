/* SPDX-License-Identifier: MIT */
/* The devices and firmware `el2sim run`/`trace` give a bare-metal
 * program: --console (PL011) and --psci (run_platform.c). */
#ifndef EL2SIM_TOOLS_RUN_PLATFORM_H
#define EL2SIM_TOOLS_RUN_PLATFORM_H

#include <stdio.h>

#include "run_setup.h"

typedef struct run_platform {
	int psci;            /* RUN_PSCI_* */
	FILE *out;           /* where console bytes go */
	uint64_t console_bytes;
	uint64_t psci_calls;
	const char *ended;   /* "SYSTEM_OFF" / "SYSTEM_RESET" when PSCI ended the run */
} run_platform;

/* Maps the console (if --console); -1 with a message in err on failure. */
int run_platform_open(run_platform *p, const run_args *a, el2_engine *eng, char *err,
		      size_t errlen);
/* run_engine, answering PSCI calls and resuming until another stop. */
el2_err run_platform_run(run_platform *p, el2_engine *eng, el2_pe *pe,
			 const el2_run_opts *opts, bool progress, el2_run_result *res);

#endif
