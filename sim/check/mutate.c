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

/* UDF #0: executing it at EL2 sends the hypervisor to its panic vector. */
#define A64_UDF 0x00000000u


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

typedef struct range {
	uint64_t lo, hi;  /* loaded addresses */
	uint64_t off;     /* file offset of lo */
	char name[CHK_NAME_MAX];
} range;

typedef struct object {
	uint8_t *buf;
	size_t len;
	el2_mem *mem;
	el2_image *img;
	el2_check_profile prof;
	range r[CHK_MAX_ENTRY_ASM];
	size_t nr;
	const el2_symdef *symdefs; /* el2_mutate_opts.symdefs */
	size_t n_symdefs;
	const el2_alt_set *alternatives;
} object;

static void object_free(object *o)
{
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
		char msg[200];
		el2_err e = el2_image_label_extent(img, name, &lo, &hi, msg, sizeof(msg));
		if (e)
			return chk_fail(errbuf, errlen, e, "entry_asm: %s", msg);
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
		range *r = &o->r[o->nr++];
		r->lo = lo;
		r->hi = hi;
		r->off = off + (lo - sec->addr);
		snprintf(r->name, sizeof(r->name), "%s", name);
	}
	if (only && !o->nr)
		return chk_fail(errbuf, errlen, EL2_ERR_UNKNOWN_SYMBOL,
			    "'%s' is not one of the profile's entry_asm symbols", only);
	if (!o->nr)
		return chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
			    "no entry_asm ranges: set [world] entry_asm (docs/layout.md)");
	return EL2_OK;
}

/* ---- checking ---- */

typedef struct runner {
	const el2_mutate_opts *mo;
	const el2_check_profile *prof;
	const char *tmp;
	int fd;
} runner;

static void first_finding(const el2_check_result *res, char *why, size_t len)
{
	const el2_check_finding *f;
	if (el2_check_findings(res, &f))
		snprintf(why, len, "P%u %s (%s, %s)", f[0].property, f[0].reg, f[0].phase,
			 f[0].scenario);
	else
		snprintf(why, len, "windows or calls");
}

/* One check of the temporary file: 1 killed, 0 passed, <0 error. */
static int check_once(const runner *rn, unsigned runs, bool corners, char *why, size_t len,
		      char *errbuf, size_t errlen)
{
	el2_check_opts co = el2_check_opts_default();
	co.runs = runs;
	co.corners = corners;
	co.seed = rn->mo->seed;
	co.mode = rn->mo->mode;
	co.budget = rn->mo->budget ? rn->mo->budget : EL2_MUTATE_DEFAULT_BUDGET;
	co.last_writer = false;
	co.symdefs = rn->mo->symdefs;
	co.n_symdefs = rn->mo->n_symdefs;
	co.alternatives = rn->mo->alternatives;
	el2_check_result *res = NULL;
	el2_err e = el2_check_file(rn->tmp, rn->prof, &co, &res, errbuf, errlen);
	if (e) {
		/* The temporary copy's name is random: keep it out of the
		 * report, which must be the same on every run. */
		const char *msg = errbuf;
		size_t tl = strlen(rn->tmp);
		if (!strncmp(msg, rn->tmp, tl))
			msg += tl;
		snprintf(why, len, "check error: mutant%s", msg);
		return -1;
	}
	int killed = !el2_check_passed(res);
	if (killed)
		first_finding(res, why, len);
	el2_check_result_free(&res);
	return killed;
}

/* Corner runs first (they kill most mutants), then the random runs. */
static int check_word(const runner *rn, char *why, size_t len)
{
	char err[256];
	int k = 0;
	if (rn->mo->corners)
		k = check_once(rn, 0, true, why, len, err, sizeof(err));
	if (k == 0 && rn->mo->runs)
		k = check_once(rn, rn->mo->runs, false, why, len, err, sizeof(err));
	return k; /* an error of the mutated object counts as killed */
}

static bool put_word(const runner *rn, uint64_t off, uint32_t w)
{
	uint8_t b[4] = {(uint8_t)w, (uint8_t)(w >> 8), (uint8_t)(w >> 16), (uint8_t)(w >> 24)};
	return pwrite(rn->fd, b, 4, (off_t)off) == 4;
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

/* Every candidate in address order (offsets of the file words). */
static el2_err generate(const object *o, const el2_mutate_opts *mo, el2_mutate_result *r,
			uint64_t *offs, size_t offs_cap)
{
	for (size_t i = 0; i < o->nr; i++) {
		const range *rg = &o->r[i];
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
				if (mo->max_mutants && r->n >= mo->max_mutants)
					return EL2_OK;
				if (r->n >= offs_cap)
					return EL2_ERR_NOMEM;
				el2_mutant *m = push(r);
				if (!m)
					return EL2_ERR_NOMEM;
				offs[r->n - 1] = off;
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

static el2_err make_tmp(runner *rn, char *path, size_t plen, const object *o, char *errbuf,
			size_t errlen)
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, plen, "%s/el2sim-mutant-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return chk_fail(errbuf, errlen, EL2_ERR_IO, "%s: %s", path, strerror(errno));
	if (write(fd, o->buf, o->len) != (ssize_t)o->len) {
		close(fd);
		unlink(path);
		return chk_fail(errbuf, errlen, EL2_ERR_IO, "%s: cannot write", path);
	}
	rn->fd = fd;
	rn->tmp = path;
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
	el2_mutate_result *r = calloc(1, sizeof(*r));
	uint64_t *offs = NULL;
	char tmp[4096] = "";
	runner rn = {.mo = &mo, .prof = prof, .fd = -1};
	el2_err e = r ? read_file(path, &o, errbuf, errlen) : EL2_ERR_NOMEM;
	if (!e)
		e = load(path, &o, errbuf, errlen);
	if (!e)
		e = ranges(&o, mo.symbol, errbuf, errlen);
	size_t cap = 0;
	for (size_t i = 0; !e && i < o.nr; i++)
		cap += (size_t)((o.r[i].hi - o.r[i].lo) / 4) * 6;
	if (!e && !(offs = calloc(cap + 1, sizeof(*offs))))
		e = EL2_ERR_NOMEM;
	if (!e && (e = generate(&o, &mo, r, offs, cap + 1)))
		chk_fail(errbuf, errlen, e, "out of memory");
	if (!e)
		e = make_tmp(&rn, tmp, sizeof(tmp), &o, errbuf, errlen);
	if (!e) {
		char why[96];
		int base = check_word(&rn, why, sizeof(why));
		if (base)
			e = chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				 "the unmutated object does not pass the check (%s): fix it first", why);
	}
	if (e)
		goto out;
	snprintf(r->object, sizeof(r->object), "%s", path);
	r->runs = mo.runs;
	r->corners = mo.corners;
	r->seed = mo.seed;
	/* Coverage of a survivor's address, found once: a UDF there must
	 * kill the object if the instruction ever runs. */
	uint64_t *probed = calloc(r->n + 1, sizeof(*probed));
	bool *probe_hit = calloc(r->n + 1, sizeof(*probe_hit));
	size_t nprobed = 0;
	if (!probed || !probe_hit) {
		free(probed);
		free(probe_hit);
		e = EL2_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < r->n; i++) {
		el2_mutant *m = &r->m[i];
		if (m->status != EL2_MUT_EQUIVALENT) {
			if (!put_word(&rn, offs[i], m->mutated)) {
				e = chk_fail(errbuf, errlen, EL2_ERR_IO, "%s: cannot write", tmp);
				break;
			}
			int k = check_word(&rn, m->why, sizeof(m->why));
			if (k)
				m->status = EL2_MUT_KILLED;
			if (!k) {
				m->why[0] = '\0';
				size_t p = 0;
				while (p < nprobed && probed[p] != m->addr)
					p++;
				if (p == nprobed) {
					char w2[96];
					put_word(&rn, offs[i], A64_UDF);
					probed[nprobed] = m->addr;
					probe_hit[nprobed++] = check_word(&rn, w2, sizeof(w2)) != 0;
				}
				m->status = probe_hit[p] ? EL2_MUT_SURVIVED : EL2_MUT_NOT_COVERED;
			}
			put_word(&rn, offs[i], m->orig);
		}
		r->count[m->status]++;
		if (mo.progress)
			mo.progress(mo.progress_ctx, (unsigned)(i + 1), (unsigned)r->n);
	}
	free(probed);
	free(probe_hit);
out:
	if (rn.fd >= 0) {
		close(rn.fd);
		unlink(tmp);
	}
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
