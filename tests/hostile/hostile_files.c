/* SPDX-License-Identifier: MIT */
/* Hostile input files made at test time (hostile_files.h). */
#include "hostile_files.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

static char scratch[512];

const char *hf_scratch(void)
{
	if (!scratch[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(scratch, sizeof(scratch), "%s/el2sim-hostile-XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(scratch))
			fail_msg("cannot make a scratch directory %s", scratch);
	}
	return scratch;
}

void hf_rmdir(void)
{
	if (!scratch[0])
		return;
	DIR *d = opendir(scratch);
	struct dirent *e;
	char path[1024];
	while (d && (e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", scratch, e->d_name);
		if (rmdir(path) != 0)
			unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(scratch);
	scratch[0] = '\0';
}

hf_buf hf_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot read the input %s", path);
	hf_buf b = {0};
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	assert_true(n > 0);
	b.len = (size_t)n;
	b.data = malloc(b.len);
	assert_non_null(b.data);
	assert_int_equal(fread(b.data, 1, b.len, f), b.len);
	fclose(f);
	return b;
}

hf_buf hf_copy(const hf_buf *b)
{
	hf_buf c = {malloc(b->len), b->len};
	assert_non_null(c.data);
	memcpy(c.data, b->data, b->len);
	return c;
}

void hf_free(hf_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
}

const char *hf_write(const char *name, const void *data, size_t len)
{
	static char paths[8][1024];
	static unsigned next;
	char *path = paths[next++ % 8];
	snprintf(path, sizeof(paths[0]), "%s/%s", hf_scratch(), name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	if (len)
		assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

Elf64_Ehdr *hf_ehdr(hf_buf *b)
{
	assert_true(b->len >= sizeof(Elf64_Ehdr));
	return (Elf64_Ehdr *)b->data;
}

Elf64_Shdr *hf_shdr(hf_buf *b, size_t i)
{
	Elf64_Ehdr *eh = hf_ehdr(b);
	assert_true(i < eh->e_shnum);
	assert_true(eh->e_shoff + (i + 1) * sizeof(Elf64_Shdr) <= b->len);
	return (Elf64_Shdr *)(b->data + eh->e_shoff) + i;
}

Elf64_Phdr *hf_phdr(hf_buf *b, size_t i)
{
	Elf64_Ehdr *eh = hf_ehdr(b);
	assert_true(i < eh->e_phnum);
	assert_true(eh->e_phoff + (i + 1) * sizeof(Elf64_Phdr) <= b->len);
	return (Elf64_Phdr *)(b->data + eh->e_phoff) + i;
}

size_t hf_section_of_type(hf_buf *b, uint32_t type)
{
	for (size_t i = 1; i < hf_ehdr(b)->e_shnum; i++)
		if (hf_shdr(b, i)->sh_type == type)
			return i;
	fail_msg("no section of type %u", type);
	return 0;
}

size_t hf_section_named(hf_buf *b, const char *name)
{
	Elf64_Shdr *names = hf_shdr(b, hf_ehdr(b)->e_shstrndx);
	for (size_t i = 1; i < hf_ehdr(b)->e_shnum; i++) {
		const char *n = (const char *)b->data + names->sh_offset + hf_shdr(b, i)->sh_name;
		if (!strcmp(n, name))
			return i;
	}
	fail_msg("no section %s", name);
	return 0;
}

Elf64_Sym *hf_symbol(hf_buf *b, const char *name)
{
	Elf64_Shdr *st = hf_shdr(b, hf_section_of_type(b, SHT_SYMTAB));
	Elf64_Shdr *str = hf_shdr(b, st->sh_link);
	Elf64_Sym *syms = (Elf64_Sym *)(b->data + st->sh_offset);
	for (size_t i = 1; i < st->sh_size / sizeof(Elf64_Sym); i++)
		if (!strcmp((const char *)b->data + str->sh_offset + syms[i].st_name, name))
			return &syms[i];
	fail_msg("no symbol %s", name);
	return NULL;
}
