/* SPDX-License-Identifier: MIT */
/* Scenario worlds: the checker's host -> guest -> host round trips, built
 * once and run many times (the checker, el2sim bench and the benchmarks
 * share them).
 *
 * A world is the memory map of a profile, the loaded object, a PE and one
 * engine. Each trip restores the world's memory and PE to their state after
 * loading, writes the run's tagged host and guest state and the stubs
 * (docs/check.md), and runs one round trip of the scenario: the host stub
 * calls the hypervisor (HVC in nVHE, a call in VHE), the hypervisor enters
 * the guest stub, the guest exits the way the scenario says, and the run
 * ends when control is back in the host stub. Translated code is reused
 * between trips; only code the trip rewrites is retranslated. */
#ifndef EL2SIM_SCENARIO_H
#define EL2SIM_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "el2sim/check.h"
#include "el2sim/elf.h"
#include "el2sim/engine.h"
#include "el2sim/err.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct el2_scenario_world el2_scenario_world;

/* The scenarios, in the checker's order: "hvc", "mmio", "s2perm",
 * "sysreg", "irq", "unknown_hvc", ... (el2_scenario_list names them all). */
size_t el2_scenario_count(void);
const char *el2_scenario_name(size_t index); /* NULL past the end */
/* The index of the scenario called name; el2_scenario_count() if none is. */
size_t el2_scenario_index(const char *name);
/* Every scenario name, in order, joined by ", " into buf (truncated to
 * len), for messages that say which names exist. */
void el2_scenario_list(char *buf, size_t len);

/* Builds the world for one scenario of an object and its profile. opts
 * may be NULL (defaults; opts->mode and opts->budget are used).
 * EL2_ERR_UNSUPPORTED: the scenario does not apply to this profile (for
 * example mmio without an unmapped guest IPA); errbuf says why.
 * EL2_ERR_NOT_FOUND: no scenario of that name. */
el2_err el2_scenario_open(const char *path, const el2_check_profile *prof,
			  const el2_check_opts *opts, const char *scenario,
			  el2_scenario_world **out, char *errbuf, size_t errlen);
void el2_scenario_close(el2_scenario_world **w);

/* Optional hooks for one trip: every executed instruction (trace) and
 * every model event (event). NULL hooks cost nothing. */
typedef struct el2_scenario_hooks {
	el2_trace_fn trace;
	el2_event_fn event;
	void *ctx;
} el2_scenario_hooks;

/* Runs one round trip; run selects the tagged values (the checker's run
 * number: 0 and 1 are the corner runs). rr gets the engine's result
 * (reason EL2_STOP_ADDRESS or EL2_STOP_SENTINEL when control came back to
 * the host; anything else means the world switch did not return). */
el2_err el2_scenario_trip(el2_scenario_world *w, unsigned run, const el2_scenario_hooks *hooks,
			  el2_run_result *rr, char *errbuf, size_t errlen);

/* Plain trips: the guest stub does only the scenario's exit (no FP probe,
 * no new register values), as a guest that just makes the call: what a
 * benchmark of the world switch itself wants. Off by default. */
void el2_scenario_set_plain(el2_scenario_world *w, bool plain);

/* Runs the last trip again without resetting the world (for measuring a
 * steady state): the PE as that trip started, the context's slots as it
 * wrote them, the interrupt re-armed; the hypervisor's own memory (stack,
 * per-CPU data) carries over as between two real calls. */
el2_err el2_scenario_trip_again(el2_scenario_world *w, el2_run_result *rr, char *errbuf,
				size_t errlen);

/* Where things are, for tools that split or label a trip. */
typedef struct el2_scenario_info {
	bool vhe;
	uint64_t host_stub, host_stub_size;   /* host code that calls the hypervisor */
	uint64_t guest_stub, guest_stub_size; /* guest code run by the trip */
	uint64_t context;                     /* the vCPU context's address */
} el2_scenario_info;
void el2_scenario_get_info(const el2_scenario_world *w, el2_scenario_info *out);
const el2_image *el2_scenario_image(const el2_scenario_world *w);
el2_engine *el2_scenario_engine(el2_scenario_world *w);
el2_pe *el2_scenario_pe(el2_scenario_world *w);

/* The profile's entry_asm symbols (as given, before completion from the
 * object's EL2SIM_* symbols): returns how many; *name gets the index-th
 * (NULL past the end). */
size_t el2_check_profile_entry_asm(const el2_check_profile *p, size_t index, const char **name);

/* The profile's [bench] phase boundary (docs/layout.md) which = 0
 * (phase.to_guest) or 1 (phase.return): *given false when the profile (or
 * a NULL p) has none; else *addr = its SYMBOL[+OFFSET] in img. Errors:
 * EL2_ERR_INVALID_ARG or the symbol lookup's, "line N: [bench] KEY: ..."
 * in errbuf. */
el2_err el2_check_profile_phase_at(const el2_check_profile *p, unsigned which,
				   const el2_image *img, bool *given, uint64_t *addr,
				   char *errbuf, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
