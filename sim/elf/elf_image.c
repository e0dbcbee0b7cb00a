/* SPDX-License-Identifier: MIT */
/* The loaded image's description: sections, symbols, entry point; look-up
 * by name and "symbol+offset" for addresses. */
#include <elf.h>
#include <inttypes.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "elf_internal.h"

el2_err img_new(el2_image **out, size_t max_secs, size_t max_syms)
{
	el2_image *img = calloc(1, sizeof(*img));
	if (!img)
		return EL2_ERR_NOMEM;
	img->secs = calloc(max_secs ? max_secs : 1, sizeof(*img->secs));
	img->syms = calloc(max_syms ? max_syms : 1, sizeof(*img->syms));
	if (!img->secs || !img->syms) {
		el2_image_free(&img);
		return EL2_ERR_NOMEM;
	}
	*out = img;
	return EL2_OK;
}

/* The arrays are sized by the caller's bounds (section and symbol counts of
 * the file), so adding never reallocates. */
long img_add_section(el2_image *img, const char *name, uint64_t addr, uint64_t size,
		     int exec)
{
	img_section *s = &img->secs[img->nsecs];
	s->name = strdup(name);
	if (!s->name)
		return -1;
	s->addr = addr;
	s->size = size;
	s->exec = exec;
	return (long)img->nsecs++;
}

el2_err img_add_symbol(el2_image *img, const char *name, uint64_t addr, uint64_t size, long sec,
		       unsigned char type, unsigned char bind)
{
	img_symbol *s = &img->syms[img->nsyms];
	s->name = strdup(name);
	if (!s->name)
		return EL2_ERR_NOMEM;
	s->addr = addr;
	s->size = size;
	s->sec = sec;
	s->type = type;
	s->bind = bind;
	img->nsyms++;
	return EL2_OK;
}

void el2_image_free(el2_image **img)
{
	if (!img || !*img)
		return;
	if ((*img)->secs)
		for (size_t i = 0; i < (*img)->nsecs; i++)
			free((*img)->secs[i].name);
	if ((*img)->syms)
		for (size_t i = 0; i < (*img)->nsyms; i++)
			free((*img)->syms[i].name);
	free((*img)->secs);
	free((*img)->syms);
	free(*img);
	*img = NULL;
}

unsigned el2_image_type(const el2_image *img)
{
	return img ? img->type : ET_NONE;
}

uint64_t el2_image_entry(const el2_image *img)
{
	return img ? img->entry : 0;
}

/* A global or weak definition wins over a local one of the same name. */
static const img_symbol *find_symbol(const el2_image *img, const char *name)
{
	const img_symbol *best = NULL;
	for (size_t i = 0; i < img->nsyms; i++) {
		const img_symbol *s = &img->syms[i];
		if (strcmp(s->name, name) != 0)
			continue;
		if (s->bind != STB_LOCAL)
			return s;
		if (!best)
			best = s;
	}
	return best;
}

el2_err el2_image_symbol(const el2_image *img, const char *name, uint64_t *addr,
			 char *errbuf, size_t errlen)
{
	if (!img || !name || !addr)
		return elf_fail(errbuf, errlen, EL2_ERR_INVALID_ARG, "invalid argument");
	const img_symbol *s = find_symbol(img, name);
	if (!s)
		return elf_fail(errbuf, errlen, EL2_ERR_UNKNOWN_SYMBOL,
				"symbol '%s' not found", name);
	*addr = s->addr;
	return EL2_OK;
}

/* Symbols that end an unsized label's extent: not the marks of code and data
 * or of a layout, nor assembler-local labels. */
static bool ends_label(const img_symbol *s)
{
	return s->name[0] != '$' && strncmp(s->name, "EL2SIM_", 7) != 0 &&
	       !(s->name[0] == '.' && s->name[1] == 'L');
}

/* A function or object the assembler sized (.size, SYM_FUNC_END): its extent
 * is [value, value + size), whatever labels lie inside it. */
static bool is_sized(const img_symbol *s)
{
	return s->size > 0 && (s->type == STT_FUNC || s->type == STT_OBJECT);
}

/* The sized routine holding addr (strictly after its start), if any. */
static const img_symbol *sized_container(const el2_image *img, long sec, uint64_t addr)
{
	for (size_t j = 0; j < img->nsyms; j++) {
		const img_symbol *o = &img->syms[j];
		if (o->sec == sec && is_sized(o) && o->addr < addr && addr - o->addr < o->size)
			return o;
	}
	return NULL;
}

el2_err el2_image_label_extent(const el2_image *img, const char *name, uint64_t *lo,
			       uint64_t *hi, char *errbuf, size_t errlen)
{
	if (!img || !name || !lo || !hi)
		return elf_fail(errbuf, errlen, EL2_ERR_INVALID_ARG, "invalid argument");
	const img_symbol *s = find_symbol(img, name);
	if (!s || s->sec < 0)
		return elf_fail(errbuf, errlen, EL2_ERR_UNKNOWN_SYMBOL,
				"symbol '%s' not found in a loaded section", name);
	const img_section *sec = &img->secs[s->sec];
	uint64_t end = sec->addr + sec->size;
	/* An unsized alias at a sized routine's start (EL2SIM_ENTRY_ASM_x,
	 * SYM_CODE_START's label) takes that routine's extent. */
	for (size_t j = 0; !is_sized(s) && j < img->nsyms; j++)
		if (img->syms[j].sec == s->sec && img->syms[j].addr == s->addr &&
		    is_sized(&img->syms[j]))
			s = &img->syms[j];
	if (is_sized(s)) {
		/* A size running past its section is cut at the section's end. */
		if (s->size < end - s->addr)
			end = s->addr + s->size;
	} else {
		/* Next label rule; a local label inside a sized routine is part of
		 * that routine, not a new one. */
		for (size_t j = 0; j < img->nsyms; j++) {
			const img_symbol *o = &img->syms[j];
			if (o->sec != s->sec || o->addr <= s->addr || o->addr >= end || !ends_label(o))
				continue;
			if (o->bind == STB_LOCAL && !is_sized(o) &&
			    sized_container(img, s->sec, o->addr))
				continue;
			end = o->addr;
		}
	}
	*lo = s->addr;
	*hi = end;
	return EL2_OK;
}

el2_err el2_image_section(const el2_image *img, const char *name, uint64_t *addr,
			  uint64_t *size)
{
	if (!img || !name)
		return EL2_ERR_INVALID_ARG;
	for (size_t i = 0; i < img->nsecs; i++) {
		if (strcmp(img->secs[i].name, name) == 0) {
			if (addr)
				*addr = img->secs[i].addr;
			if (size)
				*size = img->secs[i].size;
			return EL2_OK;
		}
	}
	return EL2_ERR_UNKNOWN_SYMBOL;
}

/* Function and label symbols; mapping symbols ($x, $d, $x.foo) mark code and
 * data, and EL2SIM_* symbols describe a layout (docs/layout.md): neither is a
 * place a reader would name. */
static int is_label(const img_symbol *s)
{
	return (s->type == STT_FUNC || s->type == STT_NOTYPE) && s->name[0] &&
	       s->name[0] != '$' && strncmp(s->name, "EL2SIM_", 7) != 0;
}

/* Ordering among candidates at the same address: global before local,
 * function before plain label; else the first one in the table. */
static int better(const img_symbol *a, const img_symbol *b)
{
	if (a->addr != b->addr)
		return a->addr > b->addr;
	if ((a->bind != STB_LOCAL) != (b->bind != STB_LOCAL))
		return a->bind != STB_LOCAL;
	return a->type == STT_FUNC && b->type != STT_FUNC;
}

el2_err el2_image_symbolize(const el2_image *img, uint64_t addr, const char **name,
			    uint64_t *offset)
{
	if (!img || !name || !offset)
		return EL2_ERR_INVALID_ARG;
	long sec = -1;
	for (size_t i = 0; i < img->nsecs; i++) {
		const img_section *s = &img->secs[i];
		if (addr >= s->addr && addr - s->addr < s->size) {
			sec = (long)i;
			break;
		}
	}
	if (sec < 0)
		return EL2_ERR_UNKNOWN_SYMBOL;
	const img_symbol *best = NULL;
	for (size_t i = 0; i < img->nsyms; i++) {
		const img_symbol *s = &img->syms[i];
		if (s->sec != sec || !is_label(s) || s->addr > addr)
			continue;
		if (!best || better(s, best))
			best = s;
	}
	if (!best)
		return EL2_ERR_UNKNOWN_SYMBOL;
	*name = best->name;
	*offset = addr - best->addr;
	return EL2_OK;
}
