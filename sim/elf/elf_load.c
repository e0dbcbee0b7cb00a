/* SPDX-License-Identifier: MIT */
/* ELF loading: header and table validation against the file size (before
 * libelf sees the data), then ET_EXEC/ET_DYN segment loading; ET_REL goes
 * to elf_load_rel.c. Every offset and size from the file is checked with
 * overflow-safe arithmetic before it is used. */
#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_internal.h"
#include "file_read.h"

#define FAIL(c, err, ...) elf_fail((c)->errbuf, (c)->errlen, (err), __VA_ARGS__)

static uint64_t le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* [off, off + count * entsize) lies inside the file. */
static int table_fits(size_t len, uint64_t off, uint64_t count, uint64_t entsize)
{
	uint64_t bytes, end;
	if (__builtin_mul_overflow(count, entsize, &bytes) ||
	    __builtin_add_overflow(off, bytes, &end))
		return 0;
	return end <= len;
}

/* e_ident and the ELF header, read straight from the bytes. */
static el2_err check_header(elf_ctx *c)
{
	const uint8_t *d = c->data;

	if (c->len == 0)
		return FAIL(c, EL2_ERR_ELF_MALFORMED, "empty file");
	if (c->len < SELFMAG || memcmp(d, ELFMAG, SELFMAG) != 0)
		return FAIL(c, EL2_ERR_ELF_MALFORMED, "not an ELF file (bad magic)");
	if (c->len < EI_NIDENT)
		return FAIL(c, EL2_ERR_ELF_MALFORMED, "truncated ELF identification (%zu bytes)",
			    c->len);
	if (d[EI_CLASS] != ELFCLASS64)
		return FAIL(c, EL2_ERR_ELF_MACHINE,
			    "ELF class %u is not ELFCLASS64 (a 32-bit ELF?)", d[EI_CLASS]);
	if (d[EI_DATA] != ELFDATA2LSB)
		return FAIL(c, EL2_ERR_ELF_MACHINE,
			    "ELF data encoding %u is not ELFDATA2LSB (big-endian?)", d[EI_DATA]);
	if (d[EI_VERSION] != EV_CURRENT)
		return FAIL(c, EL2_ERR_ELF_MALFORMED, "ELF version %u is not EV_CURRENT",
			    d[EI_VERSION]);
	if (c->len < sizeof(Elf64_Ehdr))
		return FAIL(c, EL2_ERR_ELF_MALFORMED, "truncated ELF header (%zu of %zu bytes)",
			    c->len, sizeof(Elf64_Ehdr));

	unsigned type = (unsigned)le(d + 16, 2), machine = (unsigned)le(d + 18, 2);
	uint64_t phoff = le(d + 32, 8), shoff = le(d + 40, 8);
	unsigned ehsize = (unsigned)le(d + 52, 2), phentsize = (unsigned)le(d + 54, 2);
	unsigned phnum = (unsigned)le(d + 56, 2), shentsize = (unsigned)le(d + 58, 2);
	unsigned shnum = (unsigned)le(d + 60, 2), shstrndx = (unsigned)le(d + 62, 2);

	if (machine != EM_AARCH64)
		return FAIL(c, EL2_ERR_ELF_MACHINE, "e_machine %u is not EM_AARCH64 (%u)",
			    machine, EM_AARCH64);
	if (type != ET_REL && type != ET_EXEC && type != ET_DYN)
		return FAIL(c, EL2_ERR_ELF_MALFORMED,
			    "e_type %u is not ET_REL, ET_EXEC or ET_DYN", type);
	if (ehsize < sizeof(Elf64_Ehdr))
		return FAIL(c, EL2_ERR_ELF_MALFORMED, "e_ehsize %u too small", ehsize);
	if (phnum == PN_XNUM)
		return FAIL(c, EL2_ERR_ELF_MALFORMED,
			    "extended program header numbering is not supported");
	if (phnum && (phentsize != sizeof(Elf64_Phdr) ||
		      !table_fits(c->len, phoff, phnum, phentsize)))
		return FAIL(c, EL2_ERR_ELF_MALFORMED,
			    "program header table (%u entries at 0x%" PRIx64
			    ") does not fit in the file (%zu bytes) or has entry size %u",
			    phnum, phoff, c->len, phentsize);
	if (shnum == 0 && shoff != 0)
		return FAIL(c, EL2_ERR_ELF_MALFORMED,
			    "extended section numbering (e_shnum 0) is not supported");
	if (shnum && (shentsize != sizeof(Elf64_Shdr) ||
		      !table_fits(c->len, shoff, shnum, shentsize)))
		return FAIL(c, EL2_ERR_ELF_MALFORMED,
			    "section header table (%u entries at 0x%" PRIx64
			    ") does not fit in the file (%zu bytes) or has entry size %u",
			    shnum, shoff, c->len, shentsize);
	if (shstrndx >= SHN_LORESERVE || (shnum && shstrndx >= shnum))
		return FAIL(c, EL2_ERR_ELF_MALFORMED, "e_shstrndx %u out of range", shstrndx);
	if (type != ET_REL && phnum == 0)
		return FAIL(c, EL2_ERR_ELF_MALFORMED, "no program headers to load");

	c->type = type;
	c->entry = le(d + 24, 8);
	c->phnum = phnum;
	c->shnum = shnum;
	c->shstrndx = shstrndx;
	return EL2_OK;
}

int elf_shdr(const elf_ctx *c, size_t i, GElf_Shdr *sh)
{
	Elf_Scn *scn = elf_getscn(c->elf, i);
	return scn && gelf_getshdr(scn, sh) != NULL;
}

const char *elf_sec_name(const elf_ctx *c, size_t i)
{
	GElf_Shdr sh;
	const char *n = NULL;
	if (c->shstrndx && elf_shdr(c, i, &sh))
		n = elf_strptr(c->elf, c->shstrndx, sh.sh_name);
	return n && n[0] ? n : "(unnamed section)";
}

/* Every section's file range, alignment and the symbol table's shape. */
static el2_err check_sections(elf_ctx *c)
{
	GElf_Shdr sh;

	for (size_t i = 1; i < c->shnum; i++) {
		if (!elf_shdr(c, i, &sh))
			return FAIL(c, EL2_ERR_ELF_MALFORMED, "section [%zu]: unreadable header", i);
		if (sh.sh_type != SHT_NOBITS && sh.sh_type != SHT_NULL &&
		    !table_fits(c->len, sh.sh_offset, 1, sh.sh_size))
			return FAIL(c, EL2_ERR_ELF_MALFORMED,
				    "section [%zu]: offset 0x%" PRIx64 " size 0x%" PRIx64
				    " extends beyond the end of the file (%zu bytes)",
				    i, sh.sh_offset, sh.sh_size, c->len);
		if (sh.sh_addralign & (sh.sh_addralign - 1))
			return FAIL(c, EL2_ERR_ELF_MALFORMED,
				    "section [%zu]: sh_addralign 0x%" PRIx64 " is not a power of two",
				    i, sh.sh_addralign);
	}
	if (c->shstrndx) {
		if (!elf_shdr(c, c->shstrndx, &sh) || sh.sh_type != SHT_STRTAB)
			return FAIL(c, EL2_ERR_ELF_MALFORMED,
				    "section-name table [%zu] is not SHT_STRTAB", c->shstrndx);
	}
	for (size_t i = 1; i < c->shnum; i++) {
		if (!elf_shdr(c, i, &sh) || sh.sh_type != SHT_SYMTAB)
			continue;
		GElf_Shdr str;
		if (sh.sh_entsize != sizeof(Elf64_Sym) || sh.sh_size % sizeof(Elf64_Sym))
			return FAIL(c, EL2_ERR_ELF_MALFORMED,
				    "symbol table %s: entry size %" PRIu64 " or size 0x%" PRIx64
				    " inconsistent", elf_sec_name(c, i), sh.sh_entsize, sh.sh_size);
		if (sh.sh_link == 0 || sh.sh_link >= c->shnum || !elf_shdr(c, sh.sh_link, &str) ||
		    str.sh_type != SHT_STRTAB)
			return FAIL(c, EL2_ERR_ELF_MALFORMED,
				    "symbol table %s: sh_link %" PRIu32 " is not a string table",
				    elf_sec_name(c, i), sh.sh_link);
		c->symtab = i;
		c->nsyms = sh.sh_size / sizeof(Elf64_Sym);
		break; /* ELF allows one SHT_SYMTAB */
	}
	return EL2_OK;
}

/* ET_EXEC/ET_DYN: PT_LOAD segments at p_vaddr (+ bias), the tail up to
 * p_memsz zero-filled. */
static el2_err load_segments(elf_ctx *c, uint64_t bias)
{
	for (size_t i = 0; i < c->phnum; i++) {
		GElf_Phdr ph;
		uint64_t va, end;
		if (!gelf_getphdr(c->elf, (int)i, &ph))
			return FAIL(c, EL2_ERR_ELF_MALFORMED, "program header %zu unreadable", i);
		if (ph.p_type != PT_LOAD)
			continue;
		if (!table_fits(c->len, ph.p_offset, 1, ph.p_filesz))
			return FAIL(c, EL2_ERR_ELF_MALFORMED,
				    "segment %zu: file range 0x%" PRIx64 "+0x%" PRIx64
				    " beyond the end of the file (%zu bytes)",
				    i, ph.p_offset, ph.p_filesz, c->len);
		if (ph.p_filesz > ph.p_memsz)
			return FAIL(c, EL2_ERR_ELF_MALFORMED,
				    "segment %zu: p_filesz 0x%" PRIx64 " > p_memsz 0x%" PRIx64,
				    i, ph.p_filesz, ph.p_memsz);
		if (__builtin_add_overflow(ph.p_vaddr, bias, &va) ||
		    __builtin_add_overflow(va, ph.p_memsz, &end))
			return FAIL(c, EL2_ERR_ELF_MALFORMED,
				    "segment %zu: address range wraps past 2^64", i);
		if (el2_mem_write(c->mem, va, c->data + ph.p_offset, (size_t)ph.p_filesz) ||
		    el2_mem_zero(c->mem, va + ph.p_filesz, ph.p_memsz - ph.p_filesz))
			return FAIL(c, EL2_ERR_MEM_UNMAPPED,
				    "segment %zu (0x%" PRIx64 " bytes at 0x%" PRIx64
				    ") is not inside mapped memory", i, ph.p_memsz, va);
	}
	return EL2_OK;
}

/* ET_EXEC/ET_DYN: allocated sections and defined symbols, for look-ups. */
static el2_err describe_linked(elf_ctx *c, uint64_t bias, long *sec_img)
{
	for (size_t i = 1; i < c->shnum; i++) {
		GElf_Shdr sh;
		sec_img[i] = -1;
		if (!elf_shdr(c, i, &sh) || sh.sh_type == SHT_NULL || !(sh.sh_flags & SHF_ALLOC))
			continue; /* gABI: SHT_NULL headers are inactive */
		sec_img[i] = img_add_section(c->img, elf_sec_name(c, i), sh.sh_addr + bias,
					     sh.sh_size, (sh.sh_flags & SHF_EXECINSTR) != 0);
		if (sec_img[i] < 0)
			return FAIL(c, EL2_ERR_NOMEM, "out of memory");
	}
	if (!c->symtab)
		return EL2_OK;
	GElf_Shdr symsh;
	elf_shdr(c, c->symtab, &symsh);
	Elf_Data *data = elf_getdata(elf_getscn(c->elf, c->symtab), NULL);
	for (size_t i = 1; data && i < c->nsyms; i++) {
		GElf_Sym s;
		if (!gelf_getsym(data, (int)i, &s))
			return FAIL(c, EL2_ERR_ELF_MALFORMED, "symbol %zu unreadable", i);
		const char *name = elf_strptr(c->elf, symsh.sh_link, s.st_name);
		unsigned char type = GELF_ST_TYPE(s.st_info);
		if (!name)
			return FAIL(c, EL2_ERR_ELF_MALFORMED, "symbol %zu: name out of range", i);
		if (s.st_shndx == SHN_UNDEF || !name[0] || type == STT_SECTION || type == STT_FILE)
			continue;
		long sec = -1;
		uint64_t addr = s.st_value;
		if (s.st_shndx < SHN_LORESERVE) {
			if (s.st_shndx >= c->shnum)
				return FAIL(c, EL2_ERR_ELF_MALFORMED,
					    "symbol '%s': section index %u out of range", name,
					    s.st_shndx);
			sec = sec_img[s.st_shndx];
			addr += bias;
		} else if (s.st_shndx != SHN_ABS) {
			continue;
		}
		if (img_add_symbol(c->img, name, addr, s.st_size, sec, type,
				   GELF_ST_BIND(s.st_info)))
			return FAIL(c, EL2_ERR_NOMEM, "out of memory");
	}
	return EL2_OK;
}

static el2_err load_linked(elf_ctx *c)
{
	uint64_t bias = c->type == ET_DYN ? c->opts.dyn_bias : 0;
	el2_err err = load_segments(c, bias);
	if (err)
		return err;
	long *sec_img = calloc(c->shnum ? c->shnum : 1, sizeof(*sec_img));
	if (!sec_img)
		return FAIL(c, EL2_ERR_NOMEM, "out of memory");
	err = describe_linked(c, bias, sec_img);
	free(sec_img);
	c->img->entry = c->entry + bias;
	return err;
}

el2_err el2_elf_load_buffer(el2_mem *mem, const void *data, size_t len,
			    const el2_load_opts *opts, el2_image **out,
			    char *errbuf, size_t errlen)
{
	elf_ctx c = { .mem = mem, .errbuf = errbuf, .errlen = errlen };
	el2_err err;

	if (errbuf && errlen)
		errbuf[0] = '\0';
	if (out)
		*out = NULL;
	if (!mem || !out || (!data && len))
		return FAIL(&c, EL2_ERR_INVALID_ARG, "invalid argument");
	if (opts)
		c.opts = *opts;
	if (c.opts.n_symdefs && !c.opts.symdefs)
		return FAIL(&c, EL2_ERR_INVALID_ARG, "symdefs is NULL with n_symdefs %zu",
			    c.opts.n_symdefs);

	c.data = data;
	c.len = len;
	err = check_header(&c);
	if (err)
		return err;

	/* libelf may write to the image it is given; hand it a private copy. */
	uint8_t *copy = malloc(len);
	if (!copy)
		return FAIL(&c, EL2_ERR_NOMEM, "out of memory copying %zu bytes", len);
	memcpy(copy, data, len);
	c.data = copy;
	elf_version(EV_CURRENT);
	c.elf = elf_memory((char *)copy, len);
	if (!c.elf || elf_kind(c.elf) != ELF_K_ELF) {
		err = FAIL(&c, EL2_ERR_ELF_MALFORMED, "libelf: %s", elf_errmsg(-1));
		goto out;
	}
	err = check_sections(&c);
	if (err)
		goto out;
	err = img_new(&c.img, c.shnum, c.nsyms);
	if (err) {
		FAIL(&c, err, "out of memory");
		goto out;
	}
	c.img->type = c.type;
	err = c.type == ET_REL ? elf_load_rel(&c) : load_linked(&c);
	if (!err && c.opts.alternatives)
		err = elf_alt_apply(c.mem, c.img, &c.opts, c.errbuf, c.errlen);
out:
	if (c.elf)
		elf_end(c.elf);
	free(copy);
	if (err)
		el2_image_free(&c.img);
	else
		*out = c.img;
	return err;
}

el2_err el2_elf_load_file(el2_mem *mem, const char *path, const el2_load_opts *opts,
			  el2_image **out, char *errbuf, size_t errlen)
{
	if (out)
		*out = NULL;
	if (!path)
		return elf_fail(errbuf, errlen, EL2_ERR_INVALID_ARG, "invalid argument");
	uint8_t *buf;
	size_t got;
	el2_err ferr = sim_file_read(path, EL2_ELF_MAX_FILE, &buf, &got, errbuf, errlen);
	if (ferr)
		return ferr;
	el2_err err = el2_elf_load_buffer(mem, buf, got, opts, out, errbuf, errlen);
	free(buf);
	return err;
}
