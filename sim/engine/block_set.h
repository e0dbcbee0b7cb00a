/* SPDX-License-Identifier: MIT */
/* A set of scanned translated blocks (start address, the scan's kind and
 * the block's size): the block
 * hook's scanners (engine_insn.c, engine_prot.c, engine_native.c) look at a
 * block once, not at every run of it (engine.c on_block). Open addressing with linear probing;
 * a set three-quarters full is emptied (scanning again is always safe, a
 * scanner only adds what it has not seen). */
#ifndef EL2SIM_BLOCK_SET_H
#define EL2SIM_BLOCK_SET_H

#include <stdbool.h>
#include <stdint.h>

/* A trip's code is tens to hundreds of blocks; a direct-mapped table of
 * 1024 collided a few times per trip (birthday bound), each collision a
 * rescan. */
#define BLOCK_SET_SLOTS 4096u

typedef struct block_set {
	struct {
		uint64_t addr;
		uint32_t kind; /* what the caller scanned for (its own flags) */
		uint32_t size; /* 0: empty */
	} slot[BLOCK_SET_SLOTS];
	unsigned used;
} block_set;

bool block_set_has(const block_set *s, uint64_t addr, uint32_t kind, uint32_t size);
/* Records (addr, kind) as scanned with this size (size > 0), replacing
 * its previous size. */
void block_set_add(block_set *s, uint64_t addr, uint32_t kind, uint32_t size);
void block_set_clear(block_set *s);

#endif
