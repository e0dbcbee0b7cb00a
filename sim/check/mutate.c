/* SPDX-License-Identifier: MIT */
/* el2sim mutate: mutation score of the checker on the entry/exit code
 * (docs/mutate.md). Every mutant changes one instruction word of the
 * object file inside the profile's entry_asm ranges; no reassembly. */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json_out.h"
#include "check_internal.h"
#include "el2sim/disasm.h"
#include "el2sim/mutate.h"
#include "elf_internal.h"
#include "file_read.h"

#define A64_NOP 0xd503201fu
/* UDF #0: executing it at EL2 sends the hypervisor to its panic vector. */
#define A64_UDF 0x00000000u

struct el2_mutate_result {
	char object[256];
	el2_mutant *m;
	size_t n, cap;
	unsigned count[EL2_MUT__STATUS_COUNT];
	unsigned runs;
	bool corners;
	uint64_t seed;
};

static el2_err fail(char *errbuf, size_t errlen, el2_err e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static el2_err fail(char *errbuf, size_t errlen, el2_err e, const char *fmt, ...)
{
	if (errbuf && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(errbuf, errlen, fmt, ap);
		va_end(ap);
	}
	return e;
}

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

/* ---- A64 decoding (the Arm ARM's "Loads and Stores" and "System"
 * encoding tables) ---- */

static bool is_ldst(uint32_t w) { return (w & 0x0a000000u) == 0x08000000u; }
static bool is_pair(uint32_t w) { return (w & 0x3a000000u) == 0x28000000u; }
static bool is_uimm(uint32_t w) { return (w & 0x3b000000u) == 0x39000000u; }
/* LDUR/STUR, post-/pre-indexed and unprivileged: imm9 at [20:12]. */
static bool is_imm9(uint32_t w) { return (w & 0x3b200000u) == 0x38000000u; }

static bool is_prefetch(uint32_t w)
{
	return (w & 0xffc00000u) == 0xf9800000u || /* PRFM (immediate) */
	       (w & 0xff000000u) == 0xd8000000u || /* PRFM (literal) */
	       (w & 0xffe00c00u) == 0xf8800000u || /* PRFUM */
	       (w & 0xffe00c00u) == 0xf8a00800u;   /* PRFM (register) */
}

static bool is_sysreg_or_sys(uint32_t w)
{
	return (w & 0xffd00000u) == 0xd5100000u || /* MSR/MRS (register) */
	       (w & 0xffd80000u) == 0xd5080000u || /* SYS/SYSL */
	       (w & 0xfff8f01fu) == 0xd500401fu;   /* MSR (immediate) */
}

static bool is_barrier(uint32_t w)
{
	if ((w & 0xfffff01fu) != 0xd503301fu)
		return false;
	unsigned op2 = (w >> 5) & 7;
	return op2 == 4 || op2 == 5 || op2 == 6; /* DSB, DMB, ISB */
}

/* Bytes of one element of an imm9 load/store. */
static unsigned imm9_scale(uint32_t w)
{
	unsigned size = w >> 30;
	bool simd = (w >> 26) & 1;
	if (simd && size == 0 && ((w >> 23) & 1))
		return 16;
	return 1u << size;
}

typedef struct cand {
	uint32_t mutated;
	el2_mut_kind kind;
	bool equivalent;
	const char *why;
} cand;

/* The mutants of one word; returns how many. */
static size_t mutants_of(uint32_t w, cand out[6])
{
	size_t n = 0;
	if (is_barrier(w)) {
		out[n++] = (cand){A64_NOP, EL2_MUT_DROP_BARRIER, true,
				  "barrier: the model completes every access and write at once"};
		return n;
	}
	if (is_sysreg_or_sys(w)) {
		out[n++] = (cand){A64_NOP, EL2_MUT_DELETE, false, NULL};
		return n;
	}
	if (!is_ldst(w))
		return 0;
	out[n++] = (cand){A64_NOP, EL2_MUT_DELETE, is_prefetch(w),
			  is_prefetch(w) ? "prefetch: no architectural effect" : NULL};
	if (is_pair(w)) {
		unsigned rt = w & 31, rt2 = (w >> 10) & 31;
		uint32_t sw = (w & ~(31u | (31u << 10))) | rt2 | (rt << 10);
		out[n++] = (cand){sw, EL2_MUT_SWAP_PAIR, rt == rt2,
				  rt == rt2 ? "Rt == Rt2" : NULL};
		int imm = (int)((w >> 15) & 0x7f);
		if (imm & 0x40)
			imm -= 0x80;
		if (imm < 63)
			out[n++] = (cand){(w & ~(0x7fu << 15)) | (((unsigned)(imm + 1) & 0x7f) << 15),
					  EL2_MUT_OFFSET_UP, false, NULL};
		if (imm > -64)
			out[n++] = (cand){(w & ~(0x7fu << 15)) | (((unsigned)(imm - 1) & 0x7f) << 15),
					  EL2_MUT_OFFSET_DOWN, false, NULL};
	} else if (is_uimm(w)) {
		unsigned imm = (w >> 10) & 0xfff;
		if (imm < 0xfff)
			out[n++] = (cand){(w & ~(0xfffu << 10)) | ((imm + 1) << 10),
					  EL2_MUT_OFFSET_UP, false, NULL};
		if (imm > 0)
			out[n++] = (cand){(w & ~(0xfffu << 10)) | ((imm - 1) << 10),
					  EL2_MUT_OFFSET_DOWN, false, NULL};
	} else if (is_imm9(w)) {
		int imm = (int)((w >> 12) & 0x1ff);
		if (imm & 0x100)
			imm -= 0x200;
		int s = (int)imm9_scale(w);
		if (imm + s <= 255)
			out[n++] = (cand){(w & ~(0x1ffu << 12)) | (((unsigned)(imm + s) & 0x1ff) << 12),
					  EL2_MUT_OFFSET_UP, false, NULL};
		if (imm - s >= -256)
			out[n++] = (cand){(w & ~(0x1ffu << 12)) | (((unsigned)(imm - s) & 0x1ff) << 12),
					  EL2_MUT_OFFSET_DOWN, false, NULL};
	}
	return n;
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
		return fail(errbuf, errlen, e, "cannot create the memory map");
	uint64_t base = 0;
	bool have = false;
	for (size_t i = 0; i < nr; i++) {
		if ((e = el2_mem_add(o->mem, rg[i].name, rg[i].base, rg[i].size, rg[i].attrs)))
			return fail(errbuf, errlen, e, "[memory] %s: %s", rg[i].name, el2_strerror(e));
		if (!have && (rg[i].attrs & EL2_MEM_HYP) && !(rg[i].attrs & EL2_MEM_MMIO)) {
			base = rg[i].base;
			have = true;
		}
	}
	el2_load_opts lo = {.rel_base = o->prof.has_load_base ? o->prof.load_base : base};
	char msg[256];
	if ((e = el2_elf_load_buffer(o->mem, o->buf, o->len, &lo, &o->img, msg, sizeof(msg))))
		return fail(errbuf, errlen, e, "%s: %s", path, msg);
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
			return fail(errbuf, errlen, e, "entry_asm: %s", msg);
		const img_section *sec = NULL;
		for (size_t j = 0; j < img->nsecs && !sec; j++)
			if (lo >= img->secs[j].addr && hi <= img->secs[j].addr + img->secs[j].size)
				sec = &img->secs[j];
		if (!sec)
			return fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				    "entry_asm '%s': no section holds it", name);
		uint64_t off;
		if (!section_file_offset(o, sec, &off))
			return fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				    "entry_asm '%s': section %s not found in the file", name, sec->name);
		range *r = &o->r[o->nr++];
		r->lo = lo;
		r->hi = hi;
		r->off = off + (lo - sec->addr);
		snprintf(r->name, sizeof(r->name), "%s", name);
	}
	if (only && !o->nr)
		return fail(errbuf, errlen, EL2_ERR_UNKNOWN_SYMBOL,
			    "'%s' is not one of the profile's entry_asm symbols", only);
	if (!o->nr)
		return fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
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
			/* A word the loader relocates would lose the mutation. */
			if (el2_mem_read(o->mem, a, &loaded, 4) || loaded != w)
				continue;
			cand c[6];
			size_t n = mutants_of(w, c);
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
		return fail(errbuf, errlen, EL2_ERR_IO, "%s: %s", path, strerror(errno));
	if (write(fd, o->buf, o->len) != (ssize_t)o->len) {
		close(fd);
		unlink(path);
		return fail(errbuf, errlen, EL2_ERR_IO, "%s: cannot write", path);
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
	object o = {0};
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
		fail(errbuf, errlen, e, "out of memory");
	if (!e)
		e = make_tmp(&rn, tmp, sizeof(tmp), &o, errbuf, errlen);
	if (!e) {
		char why[96];
		int base = check_word(&rn, why, sizeof(why));
		if (base)
			e = fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
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
				e = fail(errbuf, errlen, EL2_ERR_IO, "%s: cannot write", tmp);
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

/* ---- reports ---- */

void el2_mutate_write_text(const el2_mutate_result *res, FILE *f)
{
	fprintf(f, "el2sim mutate %s: %zu mutants (runs %u%s, seed %" PRIu64 ")\n", res->object,
		res->n, res->runs, res->corners ? " + 2 corners" : "", res->seed);
	for (unsigned s = 0; s < EL2_MUT__STATUS_COUNT; s++)
		fprintf(f, "  %-12s %u\n", el2_mut_status_name((el2_mut_status)s), res->count[s]);
	fprintf(f, "score: %.1f%% (%u killed of %u non-equivalent covered mutants)\n",
		100.0 * el2_mutate_score(res), res->count[EL2_MUT_KILLED],
		res->count[EL2_MUT_KILLED] + res->count[EL2_MUT_SURVIVED]);
	if (res->count[EL2_MUT_SURVIVED])
		fputs("survivors:\n", f);
	for (size_t i = 0; i < res->n; i++) {
		const el2_mutant *m = &res->m[i];
		if (m->status == EL2_MUT_SURVIVED)
			fprintf(f, "  0x%08" PRIx64 " %-24s %-12s %s  ->  %s\n", m->addr, m->where,
				el2_mut_kind_name(m->kind), m->orig_text, m->mutated_text);
	}
}

void el2_mutate_write_json(const el2_mutate_result *res, FILE *f)
{
	fputs("{\"object\":", f);
	json_put_str(f, res->object);
	fprintf(f, ",\"runs\":%u,\"corners\":%s,\"seed\":%" PRIu64 ",\"total\":%zu", res->runs,
		res->corners ? "true" : "false", res->seed, res->n);
	fprintf(f, ",\"killed\":%u,\"survived\":%u,\"equivalent\":%u,\"not_covered\":%u",
		res->count[EL2_MUT_KILLED], res->count[EL2_MUT_SURVIVED],
		res->count[EL2_MUT_EQUIVALENT], res->count[EL2_MUT_NOT_COVERED]);
	fprintf(f, ",\"score\":%.4f,\"mutants\":[", el2_mutate_score(res));
	for (size_t i = 0; i < res->n; i++) {
		const el2_mutant *m = &res->m[i];
		fprintf(f, "%s\n{\"addr\":\"0x%" PRIx64 "\",\"where\":", i ? "," : "", m->addr);
		json_put_str(f, m->where);
		fprintf(f, ",\"kind\":\"%s\",\"status\":\"%s\",\"orig\":\"0x%08" PRIx32
			"\",\"mutated\":\"0x%08" PRIx32 "\",\"orig_text\":",
			el2_mut_kind_name(m->kind), el2_mut_status_name(m->status), m->orig,
			m->mutated);
		json_put_str(f, m->orig_text);
		fputs(",\"mutated_text\":", f);
		json_put_str(f, m->mutated_text);
		fputs(",\"why\":", f);
		json_put_str(f, m->why);
		fputc('}', f);
	}
	fputs("]}\n", f);
}
