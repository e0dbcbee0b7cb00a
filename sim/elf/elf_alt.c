/* SPDX-License-Identifier: MIT */
/* Applies a Linux arm64 object's .altinstructions for a capability set
 * (docs/alternatives.md), after the loader has placed and relocated it, so
 * that the code el2sim runs is the code a kernel runs on that CPU.
 *
 * struct alt_instr (Linux 5.x-6.x, 12 bytes, packed): s32 orig_offset and
 * s32 alt_offset, each relative to its own field; u16 cpufeature (6.1+:
 * bit 15 marks a callback entry, whose alt_offset points at the callback
 * function and whose alt_len is 0); u8 orig_len; u8 alt_len.
 *
 * Replacement code is assembled at another address than the one it is
 * copied to, so PC-relative instructions in it must be re-aimed: an
 * immediate branch (B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ) whose target lies
 * outside the replacement keeps its target; ADRP keeps its page; ADR and
 * literal loads cannot be moved and are refused, as the kernel refuses
 * them. */
#include <stdio.h>
#include <string.h>

#include "el2sim/mem.h"
#include "elf_internal.h"

#define ALT_ENTRY_SIZE 12
#define ALT_CB_BIT 0x8000u
#define A64_NOP 0xd503201fu

typedef struct alt_entry {
	uint64_t at;        /* address of the entry */
	uint64_t orig, repl;
	unsigned cap, orig_len, alt_len;
	int cb;
} alt_entry;

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Writes the instruction word w at addr (little-endian, as A64 code is). */
static el2_err put_insn(el2_mem *mem, uint64_t addr, uint32_t w)
{
	uint8_t b[4] = {(uint8_t)w, (uint8_t)(w >> 8), (uint8_t)(w >> 16), (uint8_t)(w >> 24)};
	return el2_mem_write(mem, addr, b, 4);
}

static int has_cap(const el2_alt_set *s, unsigned n)
{
	return n < EL2_ALT_MAX_CAPS && (s->caps[n / 64] >> (n % 64)) & 1;
}

/* The relocation type that re-aims a PC-relative replacement instruction
 * when it moves: immediate branches and ADRP (its page), else 0. */
static uint32_t pcrel_reloc(uint32_t insn)
{
	if ((insn & 0x7c000000u) == 0x14000000u) /* B, BL */
		return R_AARCH64_JUMP26;
	if ((insn & 0xff000010u) == 0x54000000u || /* B.cond */
	    (insn & 0x7e000000u) == 0x34000000u)   /* CBZ, CBNZ */
		return R_AARCH64_CONDBR19;
	if ((insn & 0x7e000000u) == 0x36000000u) /* TBZ, TBNZ */
		return R_AARCH64_TSTBR14;
	if ((insn & 0x9f000000u) == 0x90000000u) /* ADRP */
		return R_AARCH64_ADR_PREL_PG_HI21;
	return 0;
}

static int is_adr(uint32_t insn) { return (insn & 0x9f000000u) == 0x10000000u; }
/* LDR (literal) GPR/SIMD, LDRSW (literal), PRFM (literal) */
static int is_literal(uint32_t insn) { return (insn & 0x3b000000u) == 0x18000000u; }

/* The replacement instruction b (4 bytes, little-endian) at `from`,
 * re-aimed in place to run at `to`. */
static el2_err move_insn(uint8_t b[4], uint64_t from, uint64_t to, const alt_entry *e,
			 char *errbuf, size_t errlen)
{
	uint32_t insn = rd32(b);
	uint32_t type = pcrel_reloc(insn);
	if (type) {
		/* The field read as a REL addend is the offset from `from` (ADRP:
		 * in pages); the loader's relocation code writes it back with its
		 * AAELF64 range checks. */
		int64_t A;
		el2_err err = elf_reloc_rel_addend(type, b, &A);
		if (err)
			return err;
		int adrp = type == R_AARCH64_ADR_PREL_PG_HI21;
		uint64_t target = adrp ? (from & ~0xfffull) + (uint64_t)A * 4096 : from + (uint64_t)A;
		if (!adrp && target >= e->repl && target < e->repl + e->alt_len)
			return EL2_OK; /* inside the sequence: moves with it */
		char where[112];
		snprintf(where, sizeof where, "alternative 0x%llx: 0x%llx moved to 0x%llx",
			 (unsigned long long)e->at, (unsigned long long)from,
			 (unsigned long long)to);
		return elf_reloc_apply(type, b, target, 0, to, where, errbuf, errlen);
	}
	if (is_adr(insn) || is_literal(insn))
		return elf_fail(errbuf, errlen, EL2_ERR_UNSUPPORTED,
				"alternative at 0x%llx: replacement instruction 0x%08x at 0x%llx is "
				"a PC-relative %s that cannot be moved (the kernel refuses it too)",
				(unsigned long long)e->at, insn, (unsigned long long)from,
				is_adr(insn) ? "ADR" : "literal load");
	return EL2_OK;
}

static el2_err patch_replacement(el2_mem *mem, const alt_entry *e, char *errbuf, size_t errlen)
{
	for (unsigned i = 0; i < e->orig_len; i += 4) {
		uint8_t b[4];
		el2_err err = el2_mem_read(mem, e->repl + i, b, 4);
		if (err)
			return elf_fail(errbuf, errlen, err,
					"alternative at 0x%llx: replacement 0x%llx not loaded",
					(unsigned long long)e->at, (unsigned long long)(e->repl + i));
		if ((err = move_insn(b, e->repl + i, e->orig + i, e, errbuf, errlen)))
			return err;
		if ((err = el2_mem_write(mem, e->orig + i, b, 4)))
			return elf_fail(errbuf, errlen, err, "alternative at 0x%llx: cannot write 0x%llx",
					(unsigned long long)e->at, (unsigned long long)(e->orig + i));
	}
	return EL2_OK;
}

/* The name of the function a callback entry points at: a symbol of the
 * image there (as traces name it), or a --define (an ET_REL object leaves
 * callbacks undefined). */
static const char *callback_name(const el2_image *img, const el2_load_opts *o, uint64_t a)
{
	const char *name;
	uint64_t off;
	if (el2_image_symbolize(img, a, &name, &off) == EL2_OK && off == 0)
		return name;
	for (size_t i = 0; i < o->n_symdefs; i++)
		if (o->symdefs[i].addr == a)
			return o->symdefs[i].name;
	return NULL;
}

/* Callbacks el2sim knows. KEEP: on the modelled CPU (flat memory: kernel
 * VA == hyp VA == PA) the kernel's callback leaves the code as assembled,
 * or writes what it already holds (kvm_get_kimage_voffset: kimage_voffset
 * 0), as long as the capability `unless` is not in the set (the Spectre
 * callbacks rewrite the code only on a CPU that needs the mitigation).
 * NOPS: the result is NOPs (alt_cb_patch_nops; kvm_update_va_mask: the
 * kernel-to-hyp VA conversion is the identity). */
enum cb_action { CB_KEEP, CB_NOPS };
static const struct {
	const char *name;
	enum cb_action act;
	const char *unless;
} known_cbs[] = {
	{"kvm_get_kimage_voffset", CB_KEEP, NULL},
	{"kvm_patch_vector_branch", CB_KEEP, "SPECTRE_V3A"},
	{"spectre_bhb_patch_wa3", CB_KEEP, "SPECTRE_BHB"},
	{"spectre_bhb_patch_loop_iter", CB_KEEP, "SPECTRE_BHB"},
	{"spectre_bhb_patch_clearbhb", CB_KEEP, "SPECTRE_BHB"},
	{"alt_cb_patch_nops", CB_NOPS, NULL},
	{"kvm_update_va_mask", CB_NOPS, NULL},
};

/* Whether the set holds the capability called `name` in its table. */
static int has_named_cap(const el2_alt_set *s, const char *name)
{
	unsigned n;
	return elf_alt_cap_number(s, name, &n) && has_cap(s, n);
}

static el2_err apply_callback(el2_mem *mem, const el2_image *img, const el2_load_opts *o,
			      const alt_entry *e, char *errbuf, size_t errlen)
{
	const char *name = callback_name(img, o, e->repl);
	for (size_t i = 0; name && i < sizeof(known_cbs) / sizeof(known_cbs[0]); i++) {
		if (strcmp(name, known_cbs[i].name))
			continue;
		if (known_cbs[i].unless && has_named_cap(o->alternatives, known_cbs[i].unless))
			return elf_fail(errbuf, errlen, EL2_ERR_UNSUPPORTED,
					"alternative at 0x%llx: callback '%s' for the site 0x%llx "
					"cannot be applied with ARM64_%s in the set: el2sim does not "
					"generate that mitigation", (unsigned long long)e->at, name,
					(unsigned long long)e->orig, known_cbs[i].unless);
		for (unsigned j = 0; known_cbs[i].act == CB_NOPS && j < e->orig_len; j += 4) {
			el2_err err = put_insn(mem, e->orig + j, A64_NOP);
			if (err)
				return elf_fail(errbuf, errlen, err, "alternative at 0x%llx: cannot "
						"write 0x%llx", (unsigned long long)e->at,
						(unsigned long long)(e->orig + j));
		}
		return EL2_OK;
	}
	return elf_fail(errbuf, errlen, EL2_ERR_UNSUPPORTED,
			"alternative at 0x%llx: callback %s%s%s (at 0x%llx) for the site 0x%llx "
			"cannot be applied: el2sim does not know what it writes (known: "
			"docs/alternatives.md); leave its capability out",
			(unsigned long long)e->at, name ? "'" : "", name ? name : "<no symbol>",
			name ? "'" : "", (unsigned long long)e->repl, (unsigned long long)e->orig);
}

static el2_err read_entry(el2_mem *mem, uint64_t at, const el2_alt_set *s, alt_entry *e,
			  char *errbuf, size_t errlen)
{
	uint8_t b[ALT_ENTRY_SIZE];
	el2_err err = el2_mem_read(mem, at, b, sizeof(b));
	if (err)
		return elf_fail(errbuf, errlen, err, ".altinstructions entry at 0x%llx not loaded",
				(unsigned long long)at);
	unsigned feat = (unsigned)b[8] | (unsigned)b[9] << 8;
	*e = (alt_entry){.at = at, .orig = at + (uint64_t)(int64_t)(int32_t)rd32(b),
			 .repl = at + 4 + (uint64_t)(int64_t)(int32_t)rd32(b + 4),
			 .cap = feat & ~ALT_CB_BIT, .cb = !!(feat & ALT_CB_BIT),
			 .orig_len = b[10], .alt_len = b[11]};
	const char *why = NULL;
	if (e->cap >= s->ncaps)
		why = "capability number beyond the kernel's table";
	else if (e->orig_len % 4 || e->orig_len == 0)
		why = "orig_len not a non-zero multiple of 4";
	else if (e->cb ? e->alt_len != 0 : e->alt_len != e->orig_len)
		why = e->cb ? "callback entry with alt_len != 0" : "alt_len != orig_len";
	if (why)
		return elf_fail(errbuf, errlen, EL2_ERR_ELF_MALFORMED,
				".altinstructions entry at 0x%llx (cpufeature 0x%x, lengths %u/%u): "
				"%s: not the struct alt_instr layout of Linux %s",
				(unsigned long long)at, feat, e->orig_len, e->alt_len, why, s->kernel);
	return EL2_OK;
}

el2_err elf_alt_apply(el2_mem *mem, const el2_image *img, const el2_load_opts *o,
		      char *errbuf, size_t errlen)
{
	const el2_alt_set *s = o->alternatives;
	uint64_t base, size;
	if (el2_image_section(img, ".altinstructions", &base, &size))
		return EL2_OK; /* nothing to apply */
	if (size % ALT_ENTRY_SIZE)
		return elf_fail(errbuf, errlen, EL2_ERR_ELF_MALFORMED,
				".altinstructions is %llu bytes, not a multiple of the %u-byte "
				"struct alt_instr of Linux %s", (unsigned long long)size,
				ALT_ENTRY_SIZE, s->kernel);
	/* Validate every entry first, so a bad table changes nothing. */
	for (uint64_t at = base; at < base + size; at += ALT_ENTRY_SIZE) {
		alt_entry e;
		el2_err err = read_entry(mem, at, s, &e, errbuf, errlen);
		if (err)
			return err;
	}
	for (uint64_t at = base; at < base + size; at += ALT_ENTRY_SIZE) {
		alt_entry e;
		el2_err err = read_entry(mem, at, s, &e, errbuf, errlen);
		if (err)
			return err;
		if (!has_cap(s, e.cap))
			continue;
		err = e.cb ? apply_callback(mem, img, o, &e, errbuf, errlen)
			   : patch_replacement(mem, &e, errbuf, errlen);
		if (err)
			return err;
	}
	return EL2_OK;
}
