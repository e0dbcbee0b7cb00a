/* SPDX-License-Identifier: MIT */
/* ET_REL objects: SHF_ALLOC sections placed in section-header order from
 * opts.rel_base, each at the next multiple of its sh_addralign, copied into
 * (or, for SHT_NOBITS, zeroed in) regions that must already be mapped; then
 * symbols get addresses and every SHT_RELA/SHT_REL section whose target was
 * placed is applied (elf_reloc.c). */
#include <elf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_internal.h"

#define FAIL(c, err, ...) elf_fail((c)->errbuf, (c)->errlen, (err), __VA_ARGS__)

typedef enum { SYM_DEFINED, SYM_UNDEF, SYM_NOT_LOADED, SYM_COMMON, SYM_BAD } sym_state;

typedef struct rel_state {
	uint64_t *sec_addr; /* per section index: placed address */
	long *sec_img;      /* per section index: image section, -1 if not placed */
	uint64_t *sym_addr; /* per symbol index */
	uint8_t *sym_st;    /* sym_state per symbol index */
	Elf_Data *symdata;
	size_t strtab;
} rel_state;

static el2_err place_sections(elf_ctx *c, rel_state *r)
{
	uint64_t cursor = c->opts.rel_base;

	for (size_t i = 1; i < c->shnum; i++) {
		GElf_Shdr sh;
		r->sec_img[i] = -1;
		/* gABI: an SHT_NULL header is inactive, its other members
		 * undefined (check_sections does not check its file range). */
		if (!elf_shdr(c, i, &sh) || sh.sh_type == SHT_NULL || !(sh.sh_flags & SHF_ALLOC))
			continue;
		const char *name = elf_sec_name(c, i);
		uint64_t align = sh.sh_addralign ? sh.sh_addralign : 1, addr, end;
		if (__builtin_add_overflow(cursor, align - 1, &addr) ||
		    __builtin_add_overflow(addr & ~(align - 1), sh.sh_size, &end))
			return FAIL(c, EL2_ERR_ELF_MALFORMED,
				    "section %s: size 0x%" PRIx64 " (alignment 0x%" PRIx64
				    ") does not fit below 2^64", name, sh.sh_size, align);
		addr &= ~(align - 1);
		el2_err err = sh.sh_type == SHT_NOBITS
			? el2_mem_zero(c->mem, addr, sh.sh_size)
			: el2_mem_write(c->mem, addr, c->data + sh.sh_offset, (size_t)sh.sh_size);
		if (err)
			return FAIL(c, EL2_ERR_MEM_UNMAPPED,
				    "section %s (0x%" PRIx64 " bytes at 0x%" PRIx64
				    ") is not inside mapped memory", name, sh.sh_size, addr);
		r->sec_addr[i] = addr;
		r->sec_img[i] = img_add_section(c->img, name, addr, sh.sh_size,
						(sh.sh_flags & SHF_EXECINSTR) != 0);
		if (r->sec_img[i] < 0)
			return FAIL(c, EL2_ERR_NOMEM, "out of memory");
		cursor = end;
	}
	return EL2_OK;
}

static const char *sym_name(const elf_ctx *c, const rel_state *r, const GElf_Sym *s)
{
	if (GELF_ST_TYPE(s->st_info) == STT_SECTION && s->st_shndx < c->shnum)
		return elf_sec_name(c, s->st_shndx);
	const char *n = elf_strptr(c->elf, r->strtab, s->st_name);
	return n ? n : "(bad name)";
}

/* Gives every symbol its state and address; defined, named ones go into the
 * image. A symbol whose value lies beyond the end of its section is a
 * malformed object (the end itself is allowed: "end" labels). */
static el2_err resolve_symbols(elf_ctx *c, rel_state *r)
{
	GElf_Shdr symsh;
	if (!c->symtab)
		return EL2_OK;
	elf_shdr(c, c->symtab, &symsh);
	r->strtab = symsh.sh_link;
	r->symdata = elf_getdata(elf_getscn(c->elf, c->symtab), NULL);
	if (!r->symdata || r->symdata->d_size / sizeof(Elf64_Sym) < c->nsyms)
		return FAIL(c, EL2_ERR_ELF_MALFORMED, "symbol table unreadable");
	for (size_t i = 1; i < c->nsyms; i++) {
		GElf_Sym s;
		if (!gelf_getsym(r->symdata, (int)i, &s))
			return FAIL(c, EL2_ERR_ELF_MALFORMED, "symbol %zu unreadable", i);
		if (!elf_strptr(c->elf, r->strtab, s.st_name))
			return FAIL(c, EL2_ERR_ELF_MALFORMED, "symbol %zu: name out of range", i);
		const char *name = sym_name(c, r, &s);
		unsigned char type = GELF_ST_TYPE(s.st_info);
		long sec = -1;

		if (s.st_shndx == SHN_UNDEF) {
			r->sym_st[i] = SYM_UNDEF;
			continue;
		} else if (s.st_shndx == SHN_ABS) {
			r->sym_addr[i] = s.st_value;
		} else if (s.st_shndx == SHN_COMMON) {
			r->sym_st[i] = SYM_COMMON;
			continue;
		} else if (s.st_shndx >= c->shnum) {
			r->sym_st[i] = SYM_BAD;
			return FAIL(c, EL2_ERR_ELF_MALFORMED,
				    "symbol '%s': section index %u out of range (%zu sections)",
				    name, s.st_shndx, c->shnum);
		} else if (r->sec_img[s.st_shndx] < 0) {
			r->sym_st[i] = SYM_NOT_LOADED;
			continue;
		} else {
			sec = r->sec_img[s.st_shndx];
			const img_section *is = &c->img->secs[sec];
			if (s.st_value > is->size)
				return FAIL(c, EL2_ERR_ELF_MALFORMED,
					    "symbol '%s' (value 0x%" PRIx64 ") lies outside section %s"
					    " (size 0x%" PRIx64 ")", name, s.st_value, is->name,
					    is->size);
			r->sym_addr[i] = is->addr + s.st_value;
		}
		r->sym_st[i] = SYM_DEFINED;
		if (type == STT_SECTION || type == STT_FILE || !name[0])
			continue;
		if (img_add_symbol(c->img, name, r->sym_addr[i], s.st_size, sec, type,
				   GELF_ST_BIND(s.st_info)))
			return FAIL(c, EL2_ERR_NOMEM, "out of memory");
	}
	return EL2_OK;
}

/* S for a relocation: the symbol's address, or the caller's definition of
 * an undefined symbol (el2_load_opts.symdefs). */
static el2_err symbol_value(elf_ctx *c, rel_state *r, size_t idx, const char *rname,
			    const char *where, uint64_t *S)
{
	GElf_Sym s;
	if (idx == 0) { /* STN_UNDEF: no symbol, S = 0 */
		*S = 0;
		return EL2_OK;
	}
	if (idx >= c->nsyms || !gelf_getsym(r->symdata, (int)idx, &s))
		return FAIL(c, EL2_ERR_ELF_MALFORMED,
			    "relocation %s at %s: symbol index %zu out of range (%zu symbols)",
			    rname, where, idx, c->nsyms);
	const char *name = sym_name(c, r, &s);
	switch (r->sym_st[idx]) {
	case SYM_DEFINED:
		*S = r->sym_addr[idx];
		return EL2_OK;
	case SYM_UNDEF:
		for (size_t i = 0; i < c->opts.n_symdefs; i++) {
			const el2_symdef *d = &c->opts.symdefs[i];
			if (d->name && strcmp(d->name, name) == 0) {
				*S = d->addr;
				return EL2_OK;
			}
		}
		return FAIL(c, EL2_ERR_UNKNOWN_SYMBOL,
			    "relocation %s at %s: undefined symbol '%s': define it (el2sim "
			    "--define %s=ADDR, or el2_load_opts.symdefs)", rname, where, name, name);
	case SYM_NOT_LOADED:
		return FAIL(c, EL2_ERR_UNKNOWN_SYMBOL,
			    "relocation %s at %s: symbol '%s' is in section %s, which is not"
			    " loaded (not SHF_ALLOC)", rname, where, name,
			    elf_sec_name(c, s.st_shndx));
	case SYM_COMMON:
		return FAIL(c, EL2_ERR_UNKNOWN_SYMBOL,
			    "relocation %s at %s: symbol '%s' is COMMON, which the loader does"
			    " not allocate (define it in .bss)", rname, where, name);
	default:
		return FAIL(c, EL2_ERR_ELF_MALFORMED, "relocation %s at %s: bad symbol '%s'",
			    rname, where, name);
	}
}

/* One relocation entry: checks, addend (REL: from the place), apply. */
static el2_err apply_one(elf_ctx *c, rel_state *r, size_t target, const GElf_Shdr *tsh,
			 uint64_t off, uint64_t info, int64_t addend, int is_rel)
{
	uint32_t type = (uint32_t)GELF_R_TYPE(info);
	const char *rname = elf_reloc_name(type);
	char where[96], rbuf[40];
	uint8_t place[8];

	snprintf(where, sizeof(where), "%s+0x%" PRIx64, elf_sec_name(c, target), off);
	if (!rname) {
		snprintf(rbuf, sizeof(rbuf), "R_AARCH64_<unknown>");
		rname = rbuf;
	}
	if (elf_reloc_is_none(type))
		return EL2_OK;
	unsigned size = elf_reloc_place_size(type);
	if (size == 0)
		return FAIL(c, EL2_ERR_ELF_RELOC_UNSUPPORTED,
			    "unsupported relocation %s (type %" PRIu32 ") at %s", rname, type, where);
	if (off > tsh->sh_size || tsh->sh_size - off < size)
		return FAIL(c, EL2_ERR_ELF_MALFORMED,
			    "relocation %s at %s: place outside section %s (size 0x%" PRIx64 ")",
			    rname, where, elf_sec_name(c, target), tsh->sh_size);
	if (tsh->sh_type == SHT_NOBITS)
		return FAIL(c, EL2_ERR_ELF_MALFORMED,
			    "relocation %s at %s: section has no contents (SHT_NOBITS)",
			    rname, where);
	uint64_t S = 0, P = r->sec_addr[target] + off;
	el2_err err = symbol_value(c, r, (size_t)GELF_R_SYM(info), rname, where, &S);
	if (err)
		return err;
	if (el2_mem_read(c->mem, P, place, size))
		return FAIL(c, EL2_ERR_MEM_UNMAPPED, "relocation %s at %s: place unmapped",
			    rname, where);
	if (is_rel && elf_reloc_rel_addend(type, place, &addend))
		return FAIL(c, EL2_ERR_ELF_RELOC_UNSUPPORTED,
			    "unsupported relocation %s (type %" PRIu32 ") at %s", rname, type, where);
	err = elf_reloc_apply(type, place, S, addend, P, where, c->errbuf, c->errlen);
	if (err)
		return err;
	el2_mem_write(c->mem, P, place, size);
	return EL2_OK;
}

static el2_err apply_section(elf_ctx *c, rel_state *r, size_t i, const GElf_Shdr *sh)
{
	int is_rel = sh->sh_type == SHT_REL;
	uint64_t entsize = is_rel ? sizeof(Elf64_Rel) : sizeof(Elf64_Rela);
	const char *name = elf_sec_name(c, i);
	GElf_Shdr tsh;

	if (sh->sh_info == 0 || sh->sh_info >= c->shnum || !elf_shdr(c, sh->sh_info, &tsh))
		return FAIL(c, EL2_ERR_ELF_MALFORMED,
			    "relocation section %s: target section %" PRIu32 " out of range",
			    name, sh->sh_info);
	if (r->sec_img[sh->sh_info] < 0)
		return EL2_OK; /* relocates something not loaded, e.g. debug info */
	if (sh->sh_link != c->symtab || c->symtab == 0)
		return FAIL(c, EL2_ERR_ELF_MALFORMED,
			    "relocation section %s: sh_link %" PRIu32 " is not the symbol table",
			    name, sh->sh_link);
	if (sh->sh_entsize != entsize || sh->sh_size % entsize)
		return FAIL(c, EL2_ERR_ELF_MALFORMED,
			    "relocation section %s: entry size %" PRIu64 " or size 0x%" PRIx64
			    " inconsistent", name, sh->sh_entsize, sh->sh_size);
	Elf_Data *d = elf_getdata(elf_getscn(c->elf, i), NULL);
	size_t n = (size_t)(sh->sh_size / entsize);
	if (n && (!d || d->d_size / entsize < n))
		return FAIL(c, EL2_ERR_ELF_MALFORMED, "relocation section %s unreadable", name);
	for (size_t k = 0; k < n; k++) {
		el2_err err;
		if (is_rel) {
			GElf_Rel rel;
			if (!gelf_getrel(d, (int)k, &rel))
				return FAIL(c, EL2_ERR_ELF_MALFORMED, "%s: entry %zu unreadable", name, k);
			err = apply_one(c, r, sh->sh_info, &tsh, rel.r_offset, rel.r_info, 0, 1);
		} else {
			GElf_Rela rela;
			if (!gelf_getrela(d, (int)k, &rela))
				return FAIL(c, EL2_ERR_ELF_MALFORMED, "%s: entry %zu unreadable", name, k);
			err = apply_one(c, r, sh->sh_info, &tsh, rela.r_offset, rela.r_info,
					rela.r_addend, 0);
		}
		if (err)
			return err;
	}
	return EL2_OK;
}

static void choose_entry(elf_ctx *c)
{
	uint64_t a;
	c->img->entry = c->opts.rel_base;
	if (el2_image_symbol(c->img, "_start", &a, NULL, 0) == EL2_OK) {
		c->img->entry = a;
		return;
	}
	for (size_t i = 0; i < c->img->nsecs; i++) {
		if (c->img->secs[i].exec) {
			c->img->entry = c->img->secs[i].addr;
			return;
		}
	}
}

el2_err elf_load_rel(elf_ctx *c)
{
	size_t ns = c->shnum ? c->shnum : 1, ny = c->nsyms ? c->nsyms : 1;
	rel_state r = {
		.sec_addr = calloc(ns, sizeof(uint64_t)),
		.sec_img = calloc(ns, sizeof(long)),
		.sym_addr = calloc(ny, sizeof(uint64_t)),
		.sym_st = calloc(ny, 1),
	};
	el2_err err = EL2_OK;

	if (!r.sec_addr || !r.sec_img || !r.sym_addr || !r.sym_st) {
		err = FAIL(c, EL2_ERR_NOMEM, "out of memory");
		goto out;
	}
	err = place_sections(c, &r);
	if (!err)
		err = resolve_symbols(c, &r);
	for (size_t i = 1; !err && i < c->shnum; i++) {
		GElf_Shdr sh;
		if (elf_shdr(c, i, &sh) && (sh.sh_type == SHT_RELA || sh.sh_type == SHT_REL))
			err = apply_section(c, &r, i, &sh);
	}
	if (!err)
		choose_entry(c);
out:
	free(r.sec_addr);
	free(r.sec_img);
	free(r.sym_addr);
	free(r.sym_st);
	return err;
}
