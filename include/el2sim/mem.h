/* SPDX-License-Identifier: MIT */
/* The engine's memory map: named regions of one flat physical address space,
 * each with attributes and (unless it is MMIO) host storage owned by the map.
 *
 * Address space: ONE flat space. Host RAM, hypervisor RAM and guest RAM all
 * live in it; a guest region's base is its IPA and the engine identity-maps
 * it (IPA == PA), so no two regions may overlap whatever their attributes.
 * The read/write helpers are the loader's and debugger's view: EL2_MEM_RO and
 * EL2_MEM_XN do not stop them (they are for the engine's page permissions);
 * EL2_MEM_MMIO regions have no storage and the helpers fail on them. */
#ifndef EL2SIM_MEM_H
#define EL2SIM_MEM_H

#include <stddef.h>
#include <stdint.h>

#include "el2sim/err.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct el2_mem el2_mem;

/* Region attributes (bit set). At least one of HOST, HYP, GUEST is required:
 * it says whose memory the region is. */
enum {
	EL2_MEM_HOST = 1u << 0,  /* host kernel RAM */
	EL2_MEM_HYP = 1u << 1,   /* hypervisor (EL2) RAM */
	EL2_MEM_GUEST = 1u << 2, /* guest RAM; base is the guest IPA (== PA) */
	EL2_MEM_EL0 = 1u << 3,   /* accessible from EL0 */
	EL2_MEM_RO = 1u << 4,    /* read-only for the executing code */
	EL2_MEM_XN = 1u << 5,    /* not executable */
	EL2_MEM_MMIO = 1u << 6,  /* absent: no storage, accesses fault/exit */
	EL2_MEM_ALL_ATTRS = (1u << 7) - 1,
};

/* Regions are placed and sized in pages, as Unicorn maps pages. */
#define EL2_MEM_PAGE_SIZE 4096u
/* Default bound on the storage of all regions together. */
#define EL2_MEM_DEFAULT_LIMIT (UINT64_C(1) << 30)
/* Longest region name, without the terminating NUL. */
#define EL2_MEM_NAME_MAX 63u

/* One region, as the engine needs it to map it. */
typedef struct el2_mem_region {
	const char *name;
	uint64_t base;  /* first address */
	uint64_t size;  /* bytes, a multiple of EL2_MEM_PAGE_SIZE */
	unsigned attrs; /* EL2_MEM_* */
	uint8_t *host;  /* zero-filled storage of size bytes; NULL for MMIO */
} el2_mem_region;

/* An empty map with the default storage limit. */
el2_err el2_mem_new(el2_mem **out);
/* Frees the map and all region storage; sets *mem to NULL. NULL-safe. */
void el2_mem_free(el2_mem **mem);
/* Changes the storage limit (EL2_ERR_INVALID_ARG if regions already hold
 * more than the new limit). */
el2_err el2_mem_set_limit(el2_mem *mem, uint64_t bytes);
uint64_t el2_mem_used(const el2_mem *mem);

/* Adds a region [base, base + size).
 * EL2_ERR_INVALID_ARG: NULL/empty/too long/duplicate name, size 0, base or
 *   size not page-aligned, unknown attribute bits, no HOST/HYP/GUEST bit.
 * EL2_ERR_MEM_OVERLAP: the range wraps past 2^64 or overlaps a region.
 * EL2_ERR_NOMEM: storage would exceed the limit, or allocation failed. */
el2_err el2_mem_add(el2_mem *mem, const char *name, uint64_t base, uint64_t size,
		    unsigned attrs);

/* The region containing addr, or NULL. */
const el2_mem_region *el2_mem_find(const el2_mem *mem, uint64_t addr);
/* The region with this name, or NULL. */
const el2_mem_region *el2_mem_find_name(const el2_mem *mem, const char *name);
/* Iteration in ascending address order: index 0 .. count-1. */
size_t el2_mem_count(const el2_mem *mem);
const el2_mem_region *el2_mem_region_at(const el2_mem *mem, size_t index);

/* Host pointer to [addr, addr + len) if it lies inside ONE region with
 * storage; NULL otherwise (unmapped, MMIO, spans regions, len 0). */
uint8_t *el2_mem_ptr(const el2_mem *mem, uint64_t addr, uint64_t len);

/* Copy between the map and a buffer. The range may span adjacent regions;
 * every byte must be in a region with storage, else EL2_ERR_MEM_UNMAPPED and
 * nothing is copied. len 0 is a successful no-op. */
el2_err el2_mem_read(const el2_mem *mem, uint64_t addr, void *buf, size_t len);
el2_err el2_mem_write(el2_mem *mem, uint64_t addr, const void *buf, size_t len);
/* Sets [addr, addr + len) to zero; same rules as el2_mem_write. */
el2_err el2_mem_zero(el2_mem *mem, uint64_t addr, uint64_t len);

#ifdef __cplusplus
}
#endif
#endif
