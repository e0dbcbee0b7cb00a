/* SPDX-License-Identifier: MIT */
/* Helpers shared by the sim tests: fixture paths from argv (name=path),
 * whole-file reads, and raw ELF64 access for patching fixtures in memory
 * (tests run on little-endian hosts). */
#ifndef SIM_TEST_UTIL_H
#define SIM_TEST_UTIL_H

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fx_argc;
static char **fx_argv;

static inline const char *fixture_path(const char *name)
{
	size_t n = strlen(name);
	for (int i = 1; i < fx_argc; i++)
		if (strncmp(fx_argv[i], name, n) == 0 && fx_argv[i][n] == '=')
			return fx_argv[i] + n + 1;
	return NULL;
}

/* The fixture's bytes (malloc'd), or NULL when it was not built. */
static inline unsigned char *read_fixture(const char *name, size_t *len)
{
	const char *path = fixture_path(name);
	*len = 0;
	if (!path)
		return NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *buf = malloc(n > 0 ? (size_t)n : 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static inline Elf64_Shdr *raw_shdr(unsigned char *buf, size_t i)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
	return (Elf64_Shdr *)(buf + eh->e_shoff) + i;
}

static inline Elf64_Shdr *raw_section(unsigned char *buf, const char *name)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
	Elf64_Shdr *strs = raw_shdr(buf, eh->e_shstrndx);
	for (size_t i = 0; i < eh->e_shnum; i++) {
		Elf64_Shdr *sh = raw_shdr(buf, i);
		if (strcmp((char *)buf + strs->sh_offset + sh->sh_name, name) == 0)
			return sh;
	}
	return NULL;
}

static inline Elf64_Sym *raw_symbol(unsigned char *buf, const char *name)
{
	Elf64_Shdr *st = raw_section(buf, ".symtab");
	Elf64_Shdr *str = raw_shdr(buf, st->sh_link);
	Elf64_Sym *syms = (Elf64_Sym *)(buf + st->sh_offset);
	for (size_t i = 0; i < st->sh_size / sizeof(Elf64_Sym); i++)
		if (strcmp((char *)buf + str->sh_offset + syms[i].st_name, name) == 0)
			return &syms[i];
	return NULL;
}

/* The RELA entry of section `relsec` whose r_offset is `off`. */
static inline Elf64_Rela *raw_rela(unsigned char *buf, const char *relsec, uint64_t off)
{
	Elf64_Shdr *sh = raw_section(buf, relsec);
	Elf64_Rela *r = (Elf64_Rela *)(buf + sh->sh_offset);
	for (size_t i = 0; i < sh->sh_size / sizeof(Elf64_Rela); i++)
		if (r[i].r_offset == off)
			return &r[i];
	return NULL;
}

#endif
