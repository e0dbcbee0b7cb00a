/* SPDX-License-Identifier: MIT */
/* ELF loading into an el2_mem map: executables (ET_EXEC), position-
 * independent images (ET_DYN) and relocatable objects (ET_REL, the usual
 * output of assembling a hypervisor's entry.S), with AArch64 static
 * relocations applied as "ELF for the Arm 64-bit Architecture" (AAELF64)
 * specifies. See docs/elf-loading.md for the rules and simplifications.
 *
 * Every function that takes (errbuf, errlen) writes a NUL-terminated message
 * naming the offending item on failure (errbuf may be NULL, errlen 0). */
#ifndef EL2SIM_ELF_H
#define EL2SIM_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "el2sim/err.h"
#include "el2sim/mem.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct el2_image el2_image;

/* A symbol the caller defines for an ET_REL object (an external C function
 * or variable the object refers to). */
typedef struct el2_symdef {
	const char *name;
	uint64_t addr;
} el2_symdef;

typedef struct el2_load_opts {
	/* ET_REL: address of the first placed section. The sections must fit
	 * in regions that already exist in the map (the loader never adds
	 * regions). */
	uint64_t rel_base;
	/* ET_DYN: added to every p_vaddr and to the entry point and symbols. */
	uint64_t dyn_bias;
	/* ET_REL: definitions for undefined symbols; searched before the
	 * object's own undefined entries are reported. */
	const el2_symdef *symdefs;
	size_t n_symdefs;
} el2_load_opts;

/* Bound on the files el2_elf_load_file reads. */
#define EL2_ELF_MAX_FILE (UINT64_C(256) << 20)

/* Loads an ELF image into mem (opts may be NULL: all zero). On success
 * *out is the image description (free with el2_image_free); on failure
 * *out is NULL, an error value is returned and errbuf says why. Memory
 * written before a failure keeps what was written. */
el2_err el2_elf_load_file(el2_mem *mem, const char *path, const el2_load_opts *opts,
			  el2_image **out, char *errbuf, size_t errlen);
el2_err el2_elf_load_buffer(el2_mem *mem, const void *data, size_t len,
			    const el2_load_opts *opts, el2_image **out,
			    char *errbuf, size_t errlen);
/* Frees the image and sets *img to NULL; NULL-safe. */
void el2_image_free(el2_image **img);

/* ET_EXEC, ET_DYN or ET_REL (the ELF e_type). */
unsigned el2_image_type(const el2_image *img);
/* ET_EXEC: e_entry; ET_DYN: e_entry + bias; ET_REL: the address of the
 * symbol "_start" if it is defined, else of the first executable section. */
uint64_t el2_image_entry(const el2_image *img);

/* Address of a defined symbol. EL2_ERR_UNKNOWN_SYMBOL (message
 * "symbol 'NAME' not found") if there is none. */
el2_err el2_image_symbol(const el2_image *img, const char *name, uint64_t *addr,
			 char *errbuf, size_t errlen);
/* Address and size of a loaded section (ET_REL: where it was placed;
 * ET_EXEC/ET_DYN: sh_addr (+ bias)). EL2_ERR_UNKNOWN_SYMBOL if none. */
el2_err el2_image_section(const el2_image *img, const char *name, uint64_t *addr,
			  uint64_t *size);
/* The extent of a code label: [its address, the next symbol of its section)
 * or to the section's end; mapping symbols ($x, $d), EL2SIM_* layout
 * symbols and .L locals do not end it. EL2_ERR_UNKNOWN_SYMBOL (message
 * "symbol 'NAME' not found in a loaded section") if there is none. */
el2_err el2_image_label_extent(const el2_image *img, const char *name, uint64_t *lo,
			       uint64_t *hi, char *errbuf, size_t errlen);
/* "symbol+offset" for an address: the nearest function or label symbol at
 * or before addr in the section that contains addr (mapping symbols such as
 * $x/$d and section/file symbols are not candidates). *name stays valid
 * until the image is freed. EL2_ERR_UNKNOWN_SYMBOL if there is none. */
el2_err el2_image_symbolize(const el2_image *img, uint64_t addr, const char **name,
			    uint64_t *offset);

/* ---- source lines (DWARF, objects assembled with -g) ---- */
typedef struct el2_srclines el2_srclines;
/* Opens the line table of the object at path, as img loaded it.
 * EL2_ERR_NOT_FOUND when libdwfl cannot read the object. */
el2_err el2_srclines_open(const char *path, const el2_image *img, el2_srclines **out);
/* The source file (as a real path when it exists) and line of a loaded
 * address; false when the object has no line for it (no -g, or not
 * code). *file is valid until the next call. */
bool el2_srclines_find(el2_srclines *l, uint64_t addr, const char **file, int *line);
void el2_srclines_free(el2_srclines **l);

#ifdef __cplusplus
}
#endif
#endif
