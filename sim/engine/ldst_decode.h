/* SPDX-License-Identifier: MIT */
/* Decoding of A64 load/store words (Arm ARM DDI 0487 J.a, C4.1 "Loads and
 * Stores" encoding group) for the memory hooks: which class the access is,
 * and the instruction syndrome a Data Abort reports for it (ISV, SAS, SSE,
 * SRT, SF, AR: "ISS encoding for an exception from a Data Abort"). */
#ifndef EL2SIM_LDST_DECODE_H
#define EL2SIM_LDST_DECODE_H

#include <stdbool.h>
#include <stdint.h>

typedef enum ldst_class {
	LDST_NONE,       /* not a load/store */
	LDST_SINGLE,     /* one general-purpose register: immediate, register offset, literal */
	LDST_UNPRIV,     /* LDTR/STTR family (single register, unprivileged) */
	LDST_ACQREL,     /* LDAR/STLR/LDLAR/STLLR/LDAPR/LDAPUR/STLUR: single, ordered */
	LDST_EXCLUSIVE,  /* LDXR/STXR/LDAXR/STLXR and the pair forms */
	LDST_PAIR,       /* LDP/STP/LDNP/STNP/LDPSW (general-purpose) */
	LDST_SIMD,       /* SIMD&FP register loads/stores, including pairs and LD1.. */
	LDST_ATOMIC,     /* LSE atomics, SWP, CAS, CASP */
	LDST_PREFETCH,   /* PRFM/PRFUM: a hint, never faults */
} ldst_class;

typedef struct ldst_info {
	ldst_class cls;
	bool load;          /* reads memory (atomics both read and write) */
	bool store;         /* writes memory */
	unsigned size_log2; /* access size per register: 0 byte .. 3 doubleword, 4 quadword */
	bool sign;          /* sign-extending load (SSE) */
	unsigned rt;        /* Rt (31 = XZR/WZR) */
	bool sf;            /* Rt is a 64-bit X register */
	bool writeback;     /* pre/post-indexed: the base register is updated */
} ldst_info;

/* Decodes insn; false (cls = LDST_NONE) if it is not a load/store. */
bool ldst_decode(uint32_t insn, ldst_info *out);

/* A Data Abort on this access may report a valid instruction syndrome
 * (ISV = 1): a single general-purpose register load/store, including
 * acquire/release ones, excluding exclusives and writeback forms. */
bool ldst_isv(const ldst_info *i);

/* The first address insn (at pc) accesses, from the registers before it
 * executes: x[0..30], sp for Rn = 31. false if insn is not a load/store. */
bool ldst_address(uint32_t insn, const uint64_t x[31], uint64_t sp, uint64_t pc, uint64_t *ea);

/* Acquire/release semantics (ISS.AR). */
bool ldst_acqrel(const ldst_info *i);

#endif
