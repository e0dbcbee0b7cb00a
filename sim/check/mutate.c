/* SPDX-License-Identifier: MIT */
/* el2sim mutate: mutation score of the checker on the entry/exit code
 * (docs/mutate.md). Every mutant changes one instruction word of the
 * object file inside the profile's entry_asm ranges; no reassembly. */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_internal.h"
#include "el2sim/disasm.h"
#include "el2sim/mutate.h"
#include "mutate_internal.h"
#include "elf_internal.h"
#include "file_read.h"


const char *el2_mut_kind_name(el2_mut_kind k)
{
	static const char *const n[] = {"delete", "swap", "offset+1", "offset-1", "drop-barrier"};
	return (unsigned)k < EL2_MUT__COUNT ? n[k] : "?";
}

const char *el2_mut_status_name(el2_mut_status s)
{
	static const char *const n[] = {"killed", "survived", "equivalent", "not covered"};
	return (unsigned)s < EL2_MUT__STATUS_COUNT ? n[s] : "?";
}

el2_mutate_opts el2_mutate_opts_default(void)
{
	return (el2_mutate_opts){.runs = 1, .corners = true, .seed = EL2_CHECK_DEFAULT_SEED,
				 .mode = EL2_CHECK_MODE_PROFILE,
				 .budget = EL2_MUTATE_DEFAULT_BUDGET};
}

/* ---- the object: file bytes, loaded image, ranges ---- */

typedef struct object {
	uint8_t *buf;
	size_t len;
	el2_mem *mem;
	el2_image *img;
	el2_check_profile prof;
	mut_range r[CHK_MAX_ENTRY_ASM];
	size_t nr;
	const el2_symdef *symdefs; /* el2_mutate_opts.symdefs */
	size_t n_symdefs;
	const el2_alt_set *alternatives;
} object;

static void object_free(object *o)
{
	for (size_t i = 0; i < o->nr; i++)
		free(o->r[i].covered);
	free(o->buf);
	el2_image_free(&o->img);
	el2_mem_free(&o->mem);
}

static el2_err read_file(const char *path, object *o, char *errbuf, size_t errlen)
{
	return sim_file_read(path, EL2_ELF_MAX_FILE, &o->buf, &o->len, errbuf, errlen);
}

/* Loads the object as the checker does (same regions, same placement). */
static el2_err load(const char *path, object *o, char *errbuf, size_t errlen)
{
	static const chk_region defaults[] = {
		{"image", 0x40000000u, 0x200000u, EL2_MEM_HOST | EL2_MEM_HYP},
		{"guest", 0x80000000u, 0x200000u, EL2_MEM_GUEST},
		{"mmio", 0x90000000u, 0x1000u, EL2_MEM_GUEST | EL2_MEM_MMIO},
	};
	const chk_region *rg = o->prof.n_mem ? o->prof.mem : defaults;
	size_t nr = o->prof.n_mem ? o->prof.n_mem : 3;
	el2_err e = el2_mem_new(&o->mem);
	if (e)
		return chk_fail(errbuf, errlen, e, "cannot create the memory map");
	uint64_t base = 0;
	bool have = false;
	for (size_t i = 0; i < nr; i++) {
		if ((e = el2_mem_add(o->mem, rg[i].name, rg[i].base, rg[i].size, rg[i].attrs)))
			return chk_fail(errbuf, errlen, e, "[memory] %s: %s", rg[i].name, el2_strerror(e));
		if (!have && (rg[i].attrs & EL2_MEM_HYP) && !(rg[i].attrs & EL2_MEM_MMIO)) {
			base = rg[i].base;
			have = true;
		}
	}
	el2_load_opts lo = {.rel_base = o->prof.has_load_base ? o->prof.load_base : base,
			    .symdefs = o->symdefs, .n_symdefs = o->n_symdefs,
			    .alternatives = o->alternatives};
	char msg[256];
	if ((e = el2_elf_load_buffer(o->mem, o->buf, o->len, &lo, &o->img, msg, sizeof(msg))))
		return chk_fail(errbuf, errlen, e, "%s: %s", path, msg);
	return chk_profile_merge_symbols(&o->prof, o->img, errbuf, errlen);
}

/* File offset of a loaded section's start: the file section of the same
 * name and size (ET_EXEC and ET_REL alike). */
static bool section_file_offset(const object *o, const img_section *s, uint64_t *off)
{
	if (elf_version(EV_CURRENT) == EV_NONE)
		return false;
	Elf *e = elf_memory((char *)o->buf, o->len);
	size_t shstrndx;
	bool found = false;
	if (!e || elf_getshdrstrndx(e, &shstrndx))
		goto out;
	for (Elf_Scn *scn = elf_nextscn(e, NULL); scn && !found; scn = elf_nextscn(e, scn)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS || sh.sh_size != s->size)
			continue;
		const char *nm = elf_strptr(e, shstrndx, sh.sh_name);
		if (nm && !strcmp(nm, s->name) && sh.sh_offset + sh.sh_size <= o->len) {
			*off = sh.sh_offset;
			found = true;
		}
	}
out:
	if (e)
		elf_end(e);
	return found;
}

/* Each entry_asm symbol's extent (el2_image_label_extent), as the
 * checker's property 7 sees it. */
static el2_err ranges(object *o, const char *only, char *errbuf, size_t errlen)
{
	const el2_image *img = o->img;
	for (size_t i = 0; i < o->prof.n_entry_asm; i++) {
		const char *name = o->prof.entry_asm[i];
		if (only && strcmp(only, name))
			continue;
		uint64_t lo, hi;
		el2_err e = chk_profile_label(&o->prof, img, name, o->prof.entry_asm_line[i], &lo,
					      &hi, errbuf, errlen);
		if (e)
			return e;
		const img_section *sec = NULL;
		for (size_t j = 0; j < img->nsecs && !sec; j++)
			if (lo >= img->secs[j].addr && hi <= img->secs[j].addr + img->secs[j].size)
				sec = &img->secs[j];
		if (!sec)
			return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				    "entry_asm '%s': no section holds it", name);
		uint64_t off;
		if (!section_file_offset(o, sec, &off))
			return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				    "entry_asm '%s': section %s not found in the file", name, sec->name);
		mut_range *r = &o->r[o->nr++];
		r->lo = lo;
		r->hi = hi;
		r->off = off + (lo - sec->addr);
		snprintf(r->name, sizeof(r->name), "%s", name);
		if (!(r->covered = calloc((size_t)((hi - lo) / 4) + 1, sizeof(bool))))
			return chk_fail(errbuf, errlen, EL2_ERR_NOMEM, "out of memory");
	}
	if (only && !o->nr)
		return chk_fail(errbuf, errlen, EL2_ERR_NOT_FOUND,
			    "'%s' is not one of the profile's entry_asm symbols", only);
	if (!o->nr)
		return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
			    "no entry_asm ranges: set [world] entry_asm (docs/layout.md)");
	return EL2_OK;
}

static uint32_t get_word(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static el2_mutant *push(el2_mutate_result *r)
{
	if (r->n == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 64;
		el2_mutant *nm = realloc(r->m, nc * sizeof(*nm));
		if (!nm)
			return NULL;
		r->m = nm;
		r->cap = nc;
	}
	el2_mutant *m = &r->m[r->n++];
	memset(m, 0, sizeof(*m));
	return m;
}

/* Every candidate in address order (offsets of the file words); of a
 * shard, those whose index is the shard's modulo the shard count. */
static el2_err generate(const object *o, const el2_mutate_opts *mo, el2_mutate_result *r,
			uint64_t *offs, size_t offs_cap)
{
	unsigned nsh = mo->shard_count ? mo->shard_count : 1;
	for (size_t i = 0; i < o->nr; i++) {
		const mut_range *rg = &o->r[i];
		for (uint64_t a = rg->lo; a + 4 <= rg->hi; a += 4) {
			if (mo->one_word && a - rg->lo != mo->word_offset)
				continue;
			uint64_t off = rg->off + (a - rg->lo);
			if (off + 4 > o->len)
				break;
			uint32_t w = get_word(o->buf + off), loaded = 0;
			/* A word the loader relocates (or an applied alternative
			 * patches) would lose the mutation. */
			if (el2_mem_read(o->mem, a, &loaded, 4) || loaded != w)
				continue;
			mut_cand c[MUT_MAX_PER_WORD];
			size_t n = mut_candidates(w, c);
			for (size_t k = 0; k < n; k++) {
				if (mo->max_mutants && r->total_all >= mo->max_mutants)
					return EL2_OK;
				size_t g = r->total_all++;
				if (g % nsh != mo->shard_index)
					continue;
				if (r->n >= offs_cap)
					return EL2_ERR_NOMEM;
				el2_mutant *m = push(r);
				if (!m)
					return EL2_ERR_NOMEM;
				offs[r->n - 1] = off;
				r->index[r->n - 1] = g;
				m->addr = a;
				snprintf(m->where, sizeof(m->where), "%s+0x%" PRIx64, rg->name, a - rg->lo);
				m->orig = w;
				m->mutated = c[k].mutated;
				m->kind = c[k].kind;
				el2_disasm(w, a, m->orig_text, sizeof(m->orig_text));
				el2_disasm(c[k].mutated, a, m->mutated_text, sizeof(m->mutated_text));
				if (c[k].equivalent) {
					m->status = EL2_MUT_EQUIVALENT;
					snprintf(m->why, sizeof(m->why), "%s", c[k].why);
				} else {
					m->status = EL2_MUT_SURVIVED; /* until checked */
				}
			}
		}
	}
	return EL2_OK;
}

el2_err el2_mutate_file(const char *path, const el2_check_profile *prof,
			const el2_mutate_opts *opts, el2_mutate_result **out, char *errbuf,
			size_t errlen)
{
	if (!path || !out)
		return EL2_ERR_INVALID_ARG;
	*out = NULL;
	if (errlen)
		errbuf[0] = '\0';
	el2_mutate_opts mo = opts ? *opts : el2_mutate_opts_default();
	object o = {.symdefs = mo.symdefs, .n_symdefs = mo.n_symdefs,
		    .alternatives = mo.alternatives};
	if (prof)
		o.prof = *prof;
	o.prof.symdefs = mo.symdefs;
	o.prof.n_symdefs = mo.n_symdefs;
	el2_mutate_result *r = calloc(1, sizeof(*r));
	uint64_t *offs = NULL;
	mut_runner rn = {.mo = &mo, .prof = prof, .fd = -1};
	el2_err e = r ? EL2_OK : EL2_ERR_NOMEM;
	if (!e && mo.shard_count && mo.shard_index >= mo.shard_count)
		e = chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
			     "shard %u of %u: the shard index must be below the count",
			     mo.shard_index, mo.shard_count);
	if (!e)
		e = read_file(path, &o, errbuf, errlen);
	if (!e)
		e = load(path, &o, errbuf, errlen);
	if (!e)
		e = ranges(&o, mo.symbol, errbuf, errlen);
	size_t cap = 0;
	for (size_t i = 0; !e && i < o.nr; i++)
		cap += (size_t)((o.r[i].hi - o.r[i].lo) / 4) * MUT_MAX_PER_WORD;
	if (!e && (!(offs = calloc(cap + 1, sizeof(*offs))) ||
		   !(r->index = calloc(cap + 1, sizeof(*r->index)))))
		e = chk_fail(errbuf, errlen, EL2_ERR_NOMEM, "out of memory");
	if (!e && (e = generate(&o, &mo, r, offs, cap + 1)))
		chk_fail(errbuf, errlen, e, "out of memory");
	mut_ranges rs = {o.r, o.nr};
	if (!e) {
		/* The unmutated object must pass; its runs tell which words
		 * execute (mut_covered). */
		char tmp[4096], why[96];
		mut_runner base = rn;
		base.cover = mut_cover_pc;
		base.cover_ctx = &rs;
		e = mut_make_tmp(&base, tmp, sizeof(tmp), o.buf, o.len, errbuf, errlen);
		if (!e && mut_check_word(&base, why, sizeof(why)))
			e = chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				 "the unmutated object does not pass the check (%s): fix it first", why);
		if (base.fd >= 0) {
			close(base.fd);
			unlink(tmp);
		}
	}
	if (!e)
		e = mut_run_all(r, offs, &rs, &rn, o.buf, o.len, errbuf, errlen);
	if (e)
		goto out;
	snprintf(r->object, sizeof(r->object), "%s", path);
	r->runs = mo.runs;
	r->corners = mo.corners;
	r->seed = mo.seed;
	r->shard_index = mo.shard_index;
	r->shard_count = mo.shard_count ? mo.shard_count : 1;
	for (size_t i = 0; i < r->n; i++)
		r->count[r->m[i].status]++;
	el2_srclines *lines = NULL;
	el2_srclines_open(path, o.img, &lines);
	for (size_t i = 0; lines && i < r->n; i++) {
		const char *file;
		if (el2_srclines_find(lines, r->m[i].addr, &file, &r->m[i].line))
			snprintf(r->m[i].file, sizeof(r->m[i].file), "%s", file);
	}
	el2_srclines_free(&lines);
out:
	free(offs);
	object_free(&o);
	if (e) {
		el2_mutate_result_free(&r);
		return e;
	}
	*out = r;
	return EL2_OK;
}

void el2_mutate_result_free(el2_mutate_result **res)
{
	if (res && *res) {
		free((*res)->m);
		free((*res)->index);
		free(*res);
		*res = NULL;
	}
}

size_t el2_mutate_mutants(const el2_mutate_result *res, const el2_mutant **out)
{
	*out = res ? res->m : NULL;
	return res ? res->n : 0;
}

unsigned el2_mutate_count(const el2_mutate_result *res, el2_mut_status s)
{
	return res && (unsigned)s < EL2_MUT__STATUS_COUNT ? res->count[s] : 0;
}

double el2_mutate_score(const el2_mutate_result *res)
{
	unsigned counted = res->count[EL2_MUT_KILLED] + res->count[EL2_MUT_SURVIVED];
	return counted ? (double)res->count[EL2_MUT_KILLED] / counted : 1.0;
}
