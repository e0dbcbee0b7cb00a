/* SPDX-License-Identifier: MIT */
/* Hostile input files made at test time from good ones (tests/hostile):
 * a scratch directory, whole-file reads and writes, and the ELF64 fields
 * the tests corrupt, located through <elf.h> structures. */
#ifndef EL2SIM_TESTS_HOSTILE_FILES_H
#define EL2SIM_TESTS_HOSTILE_FILES_H

#include <elf.h>
#include <stddef.h>
#include <stdint.h>

typedef struct hf_buf {
	uint8_t *data;
	size_t len;
} hf_buf;

/* A fresh directory under $TMPDIR (or /tmp); removed with hf_rmdir. */
const char *hf_scratch(void);
void hf_rmdir(void);

hf_buf hf_read(const char *path);              /* fails the test if unreadable */
hf_buf hf_copy(const hf_buf *b);
void hf_free(hf_buf *b);
/* Writes len bytes to SCRATCH/name; returns the path (static storage:
 * valid for the next seven calls). */
const char *hf_write(const char *name, const void *data, size_t len);

/* ELF64 views (the host is little-endian, like the AArch64 objects). */
Elf64_Ehdr *hf_ehdr(hf_buf *b);
Elf64_Shdr *hf_shdr(hf_buf *b, size_t i);
Elf64_Phdr *hf_phdr(hf_buf *b, size_t i);
/* The first section of that type / that name; fails the test if none. */
size_t hf_section_of_type(hf_buf *b, uint32_t type);
size_t hf_section_named(hf_buf *b, const char *name);
/* The symbol-table entry of that name; fails the test if none. */
Elf64_Sym *hf_symbol(hf_buf *b, const char *name);

#endif
