/* SPDX-License-Identifier: MIT */
/* Interfaces between the ELF loader's files (sim/elf_*.c). */
#ifndef EL2SIM_SIM_ELF_INTERNAL_H
#define EL2SIM_SIM_ELF_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <gelf.h>

#include "el2sim/elf.h"

/* Writes a formatted message to errbuf (if any) and returns err. */
el2_err elf_fail(char *errbuf, size_t errlen, el2_err err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* AAELF64 name of an ELF64 relocation code ("R_AARCH64_CALL26"), or NULL. */
const char *elf_reloc_name(uint32_t type);
/* Relocation codes that mean "do nothing": 0 and the withdrawn 256. */
int elf_reloc_is_none(uint32_t type);
/* Bytes of the place a supported relocation patches (8 or 4); 0 when the
 * loader does not implement the type. */
unsigned elf_reloc_place_size(uint32_t type);

/* Applies one relocation to the place bytes (little-endian, place_size
 * bytes): S symbol address, A addend, P place address. `where` names the
 * place for messages ("'.text+0x8"). EL2_ERR_ELF_RELOC_RANGE when the value
 * fails the AAELF64 check (the place is then unchanged),
 * EL2_ERR_ELF_RELOC_UNSUPPORTED for types the loader does not implement. */
el2_err elf_reloc_apply(uint32_t type, uint8_t *place, uint64_t S, int64_t A,
			uint64_t P, const char *where, char *errbuf, size_t errlen);

/* For SHT_REL: the initial addend held in the place, per AAELF64 "Addends
 * and PC-bias". EL2_ERR_ELF_RELOC_UNSUPPORTED for unimplemented types. */
el2_err elf_reloc_rel_addend(uint32_t type, const uint8_t *place, int64_t *A);

/* ---- the image description (elf_image.c) ---- */
typedef struct img_section {
	char *name;
	uint64_t addr, size;
	int exec;
} img_section;

typedef struct img_symbol {
	char *name;
	uint64_t addr;
	uint64_t size;      /* st_size: 0 when the assembler gave none */
	long sec;           /* index into img->secs, -1 for none (SHN_ABS) */
	unsigned char type; /* STT_* */
	unsigned char bind; /* STB_* */
} img_symbol;

struct el2_image {
	unsigned type;
	uint64_t entry;
	img_section *secs;
	size_t nsecs;
	img_symbol *syms;
	size_t nsyms;
};

el2_err img_new(el2_image **out, size_t max_secs, size_t max_syms);
/* Adds a section; returns its index or -1 (out of memory). */
long img_add_section(el2_image *img, const char *name, uint64_t addr, uint64_t size,
		     int exec);
el2_err img_add_symbol(el2_image *img, const char *name, uint64_t addr, uint64_t size, long sec,
		       unsigned char type, unsigned char bind);

/* ---- one load in progress (elf_load.c, elf_load_rel.c) ---- */
typedef struct elf_ctx {
	el2_mem *mem;
	el2_load_opts opts;
	const uint8_t *data; /* the file, as handed to libelf */
	size_t len;
	Elf *elf;
	unsigned type;       /* e_type */
	uint64_t entry;      /* e_entry */
	size_t shnum, phnum, shstrndx;
	size_t symtab;       /* section index of SHT_SYMTAB, 0 if none */
	size_t nsyms;        /* entries in it */
	el2_image *img;
	char *errbuf;
	size_t errlen;
} elf_ctx;

/* Section header i (already bounds-checked against the file). */
int elf_shdr(const elf_ctx *c, size_t i, GElf_Shdr *sh);
/* Section name for messages; never NULL. */
const char *elf_sec_name(const elf_ctx *c, size_t i);
/* ET_REL: place sections, collect symbols, apply relocations. */
el2_err elf_load_rel(elf_ctx *c);
/* The number of capability `name` (or a number) in set's kernel table:
 * 1 with *n set, else 0 (elf_alt_caps.c). */
int elf_alt_cap_number(const el2_alt_set *set, const char *name, unsigned *n);
/* Applies o->alternatives to the loaded image (elf_alt.c). */
el2_err elf_alt_apply(el2_mem *mem, const el2_image *img, const el2_load_opts *o,
		      char *errbuf, size_t errlen);

#endif
