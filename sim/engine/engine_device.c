/* SPDX-License-Identifier: MIT */
/* Memory-mapped devices of the caller's (el2_engine_map_device): pages
 * Unicorn sends to callbacks (uc_mmio_map), so that code can talk to a
 * console or the like with ordinary loads and stores. They lie outside
 * the memory map (el2_mem): no protection, stage 2 or isolation applies. */
#include <stdlib.h>

#include "engine_internal.h"

struct engine_device {
	struct engine_device *next;
	uint64_t base, size;
	el2_device_read_fn read;
	el2_device_write_fn write;
	void *ctx;
};

static uint64_t on_read(uc_engine *uc, uint64_t offset, unsigned size, void *user)
{
	(void)uc;
	struct engine_device *d = user;
	return d->read ? d->read(d->ctx, offset, size) : 0;
}

static void on_write(uc_engine *uc, uint64_t offset, unsigned size, uint64_t value, void *user)
{
	(void)uc;
	struct engine_device *d = user;
	if (d->write)
		d->write(d->ctx, offset, size, value);
}

el2_err el2_engine_map_device(el2_engine *eng, uint64_t base, uint64_t size,
			      el2_device_read_fn read, el2_device_write_fn write, void *ctx)
{
	if (!eng || eng->running || !size || (base | size) & (EL2_MEM_PAGE_SIZE - 1) ||
	    base + size < base)
		return EL2_ERR_INVALID_ARG;
	for (uint64_t a = base; a < base + size; a += EL2_MEM_PAGE_SIZE)
		if (el2_mem_find(eng->mem, a))
			return EL2_ERR_MEM_OVERLAP;
	struct engine_device *d = calloc(1, sizeof(*d));
	if (!d)
		return EL2_ERR_NOMEM;
	*d = (struct engine_device){.next = eng->devices, .base = base, .size = size, .read = read, .write = write, .ctx = ctx};
	if (uc_mmio_map(eng->uc, base, size, on_read, d, on_write, d) != UC_ERR_OK) {
		free(d);
		return EL2_ERR_MEM_OVERLAP;
	}
	eng->devices = d;
	return EL2_OK;
}

bool engine_device_at(const el2_engine *eng, uint64_t addr)
{
	for (const struct engine_device *d = eng->devices; d; d = d->next)
		if (addr - d->base < d->size)
			return true;
	return false;
}

void engine_free_devices(el2_engine *eng)
{
	while (eng->devices) {
		struct engine_device *d = eng->devices;
		eng->devices = d->next;
		free(d);
	}
}
