/* SPDX-License-Identifier: MIT */
/* Memory map: a sorted array of page-aligned regions in one flat physical
 * address space (guest IPA == PA), each with calloc'd storage bounded by a
 * total limit. */
#include <stdlib.h>
#include <string.h>

#include "el2sim/mem.h"

struct el2_mem {
	el2_mem_region *regions; /* sorted by base, non-overlapping */
	size_t count, cap;
	uint64_t used, limit;    /* bytes of storage held / allowed */
};

el2_err el2_mem_new(el2_mem **out)
{
	if (!out)
		return EL2_ERR_INVALID_ARG;
	*out = calloc(1, sizeof(**out));
	if (!*out)
		return EL2_ERR_NOMEM;
	(*out)->limit = EL2_MEM_DEFAULT_LIMIT;
	return EL2_OK;
}

void el2_mem_free(el2_mem **mem)
{
	if (!mem || !*mem)
		return;
	for (size_t i = 0; i < (*mem)->count; i++) {
		free((*mem)->regions[i].host);
		free((char *)(*mem)->regions[i].name);
	}
	free((*mem)->regions);
	free(*mem);
	*mem = NULL;
}

el2_err el2_mem_set_limit(el2_mem *mem, uint64_t bytes)
{
	if (!mem || bytes < mem->used)
		return EL2_ERR_INVALID_ARG;
	mem->limit = bytes;
	return EL2_OK;
}

uint64_t el2_mem_used(const el2_mem *mem)
{
	return mem ? mem->used : 0;
}

/* Index of the first region whose base is > addr (binary search). */
static size_t upper_bound(const el2_mem *mem, uint64_t addr)
{
	size_t lo = 0, hi = mem->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (mem->regions[mid].base <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Last byte of a region; regions never wrap, so this cannot overflow. */
static uint64_t last_byte(const el2_mem_region *r)
{
	return r->base + (r->size - 1);
}

static el2_err check_add_args(const el2_mem *mem, const char *name, uint64_t base,
			      uint64_t size, unsigned attrs)
{
	if (!mem || !name || !name[0] || strlen(name) > EL2_MEM_NAME_MAX)
		return EL2_ERR_INVALID_ARG;
	if (size == 0 || base % EL2_MEM_PAGE_SIZE || size % EL2_MEM_PAGE_SIZE)
		return EL2_ERR_INVALID_ARG;
	if (attrs & ~(unsigned)EL2_MEM_ALL_ATTRS)
		return EL2_ERR_INVALID_ARG;
	if (!(attrs & (EL2_MEM_HOST | EL2_MEM_HYP | EL2_MEM_GUEST)))
		return EL2_ERR_INVALID_ARG;
	if (el2_mem_find_name(mem, name))
		return EL2_ERR_INVALID_ARG;
	if (base + (size - 1) < base)
		return EL2_ERR_MEM_OVERLAP; /* wraps past 2^64 */
	return EL2_OK;
}

el2_err el2_mem_add(el2_mem *mem, const char *name, uint64_t base, uint64_t size,
		    unsigned attrs)
{
	el2_err err = check_add_args(mem, name, base, size, attrs);
	if (err)
		return err;

	size_t pos = upper_bound(mem, base);
	uint64_t last = base + (size - 1);
	if (pos > 0 && last_byte(&mem->regions[pos - 1]) >= base)
		return EL2_ERR_MEM_OVERLAP;
	if (pos < mem->count && mem->regions[pos].base <= last)
		return EL2_ERR_MEM_OVERLAP;

	int mmio = (attrs & EL2_MEM_MMIO) != 0;
	if (!mmio && size > mem->limit - mem->used)
		return EL2_ERR_NOMEM;
	if ((uint64_t)(size_t)size != size)
		return EL2_ERR_NOMEM;

	if (mem->count == mem->cap) {
		size_t cap = mem->cap ? mem->cap * 2 : 8;
		el2_mem_region *r = realloc(mem->regions, cap * sizeof(*r));
		if (!r)
			return EL2_ERR_NOMEM;
		mem->regions = r;
		mem->cap = cap;
	}
	el2_mem_region reg = { .base = base, .size = size, .attrs = attrs };
	reg.name = strdup(name);
	if (!reg.name)
		return EL2_ERR_NOMEM;
	if (!mmio) {
		reg.host = calloc(1, (size_t)size);
		if (!reg.host) {
			free((char *)reg.name);
			return EL2_ERR_NOMEM;
		}
		mem->used += size;
	}
	memmove(&mem->regions[pos + 1], &mem->regions[pos],
		(mem->count - pos) * sizeof(mem->regions[0]));
	mem->regions[pos] = reg;
	mem->count++;
	return EL2_OK;
}

const el2_mem_region *el2_mem_find(const el2_mem *mem, uint64_t addr)
{
	if (!mem)
		return NULL;
	size_t pos = upper_bound(mem, addr);
	if (pos == 0)
		return NULL;
	const el2_mem_region *r = &mem->regions[pos - 1];
	return addr <= last_byte(r) ? r : NULL;
}

const el2_mem_region *el2_mem_find_name(const el2_mem *mem, const char *name)
{
	if (!mem || !name)
		return NULL;
	for (size_t i = 0; i < mem->count; i++)
		if (strcmp(mem->regions[i].name, name) == 0)
			return &mem->regions[i];
	return NULL;
}

size_t el2_mem_count(const el2_mem *mem)
{
	return mem ? mem->count : 0;
}

const el2_mem_region *el2_mem_region_at(const el2_mem *mem, size_t index)
{
	if (!mem || index >= mem->count)
		return NULL;
	return &mem->regions[index];
}

uint8_t *el2_mem_ptr(const el2_mem *mem, uint64_t addr, uint64_t len)
{
	const el2_mem_region *r = el2_mem_find(mem, addr);
	if (!r || !r->host || len == 0)
		return NULL;
	uint64_t off = addr - r->base;
	if (len > r->size - off)
		return NULL;
	return r->host + off;
}

/* Checks that every byte of [addr, addr + len) has storage (regions may be
 * adjacent), so that a copy either happens entirely or not at all. */
static int range_backed(const el2_mem *mem, uint64_t addr, uint64_t len)
{
	while (len) {
		const el2_mem_region *r = el2_mem_find(mem, addr);
		if (!r || !r->host)
			return 0;
		uint64_t avail = r->size - (addr - r->base);
		if (len <= avail)
			return 1;
		len -= avail;
		addr += avail;
		if (addr == 0)
			return 0; /* ran past the top of the address space */
	}
	return 1;
}

typedef enum { COPY_IN, COPY_OUT, ZERO } copy_op;

static void apply(uint8_t *h, uint8_t *buf, uint64_t n, copy_op op)
{
	if (op == COPY_IN)
		memcpy(h, buf, (size_t)n);
	else if (op == COPY_OUT)
		memcpy(buf, h, (size_t)n);
	else
		memset(h, 0, (size_t)n);
}

static el2_err copy(const el2_mem *mem, uint64_t addr, uint8_t *buf, uint64_t len,
		    copy_op op)
{
	if (!mem || (!buf && op != ZERO && len))
		return EL2_ERR_INVALID_ARG;
	/* The common case, one region holds it all: one look-up. */
	uint8_t *h = el2_mem_ptr(mem, addr, len);
	if (h) {
		apply(h, buf, len, op);
		return EL2_OK;
	}
	if (!range_backed(mem, addr, len))
		return EL2_ERR_MEM_UNMAPPED;
	while (len) {
		const el2_mem_region *r = el2_mem_find(mem, addr);
		uint64_t off = addr - r->base;
		uint64_t n = r->size - off < len ? r->size - off : len;
		apply(r->host + off, buf, n, op);
		if (buf)
			buf += n;
		addr += n;
		len -= n;
	}
	return EL2_OK;
}

el2_err el2_mem_read(const el2_mem *mem, uint64_t addr, void *buf, size_t len)
{
	return copy(mem, addr, buf, len, COPY_OUT);
}

el2_err el2_mem_write(el2_mem *mem, uint64_t addr, const void *buf, size_t len)
{
	return copy(mem, addr, (uint8_t *)(uintptr_t)buf, len, COPY_IN);
}

el2_err el2_mem_zero(el2_mem *mem, uint64_t addr, uint64_t len)
{
	return copy(mem, addr, NULL, len, ZERO);
}
