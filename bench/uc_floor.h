/* SPDX-License-Identifier: MIT */
/* What Unicorn itself costs for a round trip's shape, with hooks that do
 * nothing: the floor under any engine built on it (bench_check). */
#ifndef EL2SIM_BENCH_UC_FLOOR_H
#define EL2SIM_BENCH_UC_FLOOR_H

#include <stdbool.h>
#include <stdint.h>

/* Seconds per trip (best of three) of a loop of insns plain instructions
 * (the floor's mix with no system instruction, Unicorn's default EL, no
 * hooks): the raw speed everything is measured against; negative when
 * insns does not fit or Unicorn fails. */
double uc_raw_seconds(uint64_t insns, uint64_t trips);

typedef struct uc_floor_shape {
	uint64_t insns;   /* instructions per trip */
	uint64_t writes;  /* MSR (register) at EL2: each ends Unicorn's block */
	uint64_t reads;   /* MRS at EL2 */
	uint64_t flushes; /* TLB flushes (world changes) */
} uc_floor_shape;

/* Seconds per trip (best of three), or a negative value where Unicorn has
 * no INSN hooks for system registers or no TLB-fill hook (before 2.1);
 * blocks (may be NULL): Unicorn's blocks per trip. */
double uc_floor_seconds(const uc_floor_shape *s, uint64_t trips, double *blocks);

#endif
