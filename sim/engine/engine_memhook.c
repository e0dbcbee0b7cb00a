/* SPDX-License-Identifier: MIT */
/* Every data load and store, with its address and value, for traces
 * (el2_engine_set_mem_hook). A load's value is read from the memory map
 * as the access starts (Unicorn gives none for reads): what the load
 * returns, device registers excepted. */
#include "engine_internal.h"

static void on_mem(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
		   void *user)
{
	(void)uc;
	el2_engine *eng = user;
	bool write = type == UC_MEM_WRITE;
	uint64_t v = (uint64_t)value;
	uint64_t va;
	if (tlb_trapped(eng, addr, &va)) {
		/* A refused access about to fault: shown as the trap strategy
		 * shows it (Unicorn reports every store before it is refused,
		 * a load only on mapped memory). */
		const el2_mem_region *r = el2_mem_find(eng->mem, va);
		if (!write && (!r || !r->host))
			return;
		addr = va;
	}
	if (size > 8)
		size = 8;
	if (!write) {
		v = 0;
		if (el2_mem_read(eng->mem, addr, &v, (size_t)size) != EL2_OK)
			v = 0;
	} else if (size < 8) {
		v &= (UINT64_C(1) << (8 * size)) - 1;
	}
	if (eng->mem_fn)
		eng->mem_fn(eng->mem_ctx, addr, (unsigned)size, write, v);
}

el2_err el2_engine_set_mem_hook(el2_engine *eng, el2_mem_access_fn fn, void *ctx)
{
	if (!eng || eng->running)
		return EL2_ERR_INVALID_ARG;
	eng->mem_fn = fn;
	eng->mem_ctx = ctx;
	if (fn && !eng->hook_mem) {
		if (uc_hook_add(eng->uc, &eng->hook_mem, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE,
				(void *)on_mem, eng, 1, 0) != UC_ERR_OK) {
			eng->hook_mem = 0;
			return EL2_ERR_NOMEM;
		}
		engine_flush_code(eng); /* blocks translated without the hook */
	} else if (!fn && eng->hook_mem) {
		uc_hook_del(eng->uc, eng->hook_mem);
		eng->hook_mem = 0;
		engine_flush_code(eng);
	}
	return EL2_OK;
}
