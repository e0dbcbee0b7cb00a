/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for the ELF loader (sim/elf_*.c): the input is an ELF
 * image handed to el2_elf_load_buffer over a fixed memory map; a loaded
 * image is then queried through every look-up of elf.h. Checked: a
 * failure has an error message, leaves *out NULL and is the same on a
 * second try (with a tiny message buffer); every symbol and section of a
 * loaded image can be looked up by name, and an ET_REL object's sections
 * lie in mapped memory (elf.h: the loader never adds regions). */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "el2sim/elf.h"
#include "el2sim/mem.h"
#include "elf_internal.h"
#include "fuzz_input.h"

#define REL_BASE UINT64_C(0x80000)
#define DYN_BIAS UINT64_C(0x80000)

static const struct {
	const char *name;
	uint64_t base, size;
	unsigned attrs;
} regions[] = {
	{"low", 0x0, 0x10000, EL2_MEM_HYP},
	{"image", 0x80000, 0x40000, EL2_MEM_HYP},
	{"guest", 0x40000000, 0x10000, EL2_MEM_GUEST | EL2_MEM_EL0},
};

/* Definitions for undefined symbols of ET_REL inputs (the seed uses them). */
static const el2_symdef symdefs[] = {
	{"ext_func", 0x80400},
	{"ext_data", 0x40000100},
	{NULL, 0x1234}, /* a caller's NULL name must be skipped */
};

/* One map for all inputs, zeroed before each (creating it costs more than
 * most loads). */
static el2_mem *map(void)
{
	static el2_mem *mem;
	if (!mem) {
		FUZZ_ASSERT(el2_mem_new(&mem) == EL2_OK);
		for (size_t i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
			FUZZ_ASSERT(el2_mem_add(mem, regions[i].name, regions[i].base,
						regions[i].size, regions[i].attrs) == EL2_OK);
	}
	for (size_t i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
		FUZZ_ASSERT(el2_mem_zero(mem, regions[i].base, regions[i].size) == EL2_OK);
	return mem;
}

static void query(el2_mem *mem, const el2_image *img, const uint8_t *data)
{
	unsigned type = el2_image_type(img);
	FUZZ_ASSERT(type == ET_REL || type == ET_EXEC || type == ET_DYN);
	FUZZ_ASSERT(type == (unsigned)(data[16] | data[17] << 8));
	(void)el2_image_entry(img);

	uint64_t addr, size, off;
	const char *name;
	char err[128];
	for (size_t i = 0; i < img->nsyms; i++) {
		const img_symbol *s = &img->syms[i];
		FUZZ_ASSERT(s->name && s->name[0]);
		FUZZ_ASSERT(el2_image_symbol(img, s->name, &addr, err, sizeof(err)) == EL2_OK);
		if (el2_image_symbolize(img, s->addr, &name, &off) == EL2_OK)
			FUZZ_ASSERT(name && off <= s->addr);
	}
	for (size_t i = 0; i < img->nsecs; i++) {
		const img_section *s = &img->secs[i];
		FUZZ_ASSERT(s->name);
		FUZZ_ASSERT(el2_image_section(img, s->name, &addr, &size) == EL2_OK);
		uint8_t b;
		if (type == ET_REL && s->size)
			FUZZ_ASSERT(el2_mem_read(mem, s->addr, &b, 1) == EL2_OK &&
				    el2_mem_read(mem, s->addr + s->size - 1, &b, 1) == EL2_OK);
		(void)el2_image_symbolize(img, s->addr + s->size / 2, &name, &off);
	}
	err[0] = '\0';
	FUZZ_ASSERT(el2_image_symbol(img, "no symbol has this name", &addr, err, sizeof(err)) ==
		    EL2_ERR_UNKNOWN_SYMBOL);
	FUZZ_ASSERT(err[0] != '\0');
	FUZZ_ASSERT(el2_image_section(img, "no section has this name", &addr, &size) ==
		    EL2_ERR_UNKNOWN_SYMBOL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	el2_mem *mem = map();
	el2_load_opts opts = {
		.rel_base = REL_BASE,
		.dyn_bias = DYN_BIAS,
		.symdefs = symdefs,
		.n_symdefs = sizeof(symdefs) / sizeof(symdefs[0]),
	};
	el2_image *img = (el2_image *)&opts; /* must be overwritten */
	char err[256];
	el2_err e = el2_elf_load_buffer(mem, data, size, &opts, &img, err, sizeof(err));
	if (e == EL2_OK) {
		FUZZ_ASSERT(img != NULL);
		query(mem, img, data);
		el2_image_free(&img);
		FUZZ_ASSERT(img == NULL);
		return 0;
	}
	/* elf.h: on failure *out is NULL and errbuf says why. */
	FUZZ_ASSERT(img == NULL);
	FUZZ_ASSERT(memchr(err, '\0', sizeof(err)) != NULL && err[0] != '\0');
	/* The same input fails the same way; a short buffer is truncated, not
	 * overrun (ASan guards the 1..16 bytes). */
	size_t small = 1 + size % 16;
	char *tiny = malloc(small);
	FUZZ_ASSERT(tiny != NULL);
	FUZZ_ASSERT(el2_elf_load_buffer(map(), data, size, &opts, &img, tiny, small) == e);
	FUZZ_ASSERT(img == NULL && memchr(tiny, '\0', small) != NULL);
	free(tiny);
	return 0;
}
