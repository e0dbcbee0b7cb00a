/* SPDX-License-Identifier: MIT */
/* The profile against the loaded object: values that name a symbol, and
 * the asm-offsets alternative to a profile file, EL2SIM_* symbols that fill
 * what the profile leaves unset (docs/layout.md). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "elf_internal.h"
#include "el2sim/suggest.h"

/* "PROFILE: line N: " as the parse errors read (el2_check_profile_load
 * prefixes the path; a profile parsed from a buffer has none); nothing for
 * a value no line gave. */
static void where(const el2_check_profile *p, unsigned line, char *buf, size_t len)
{
	const char *path = p ? p->path : "";
	buf[0] = '\0';
	if (line)
		snprintf(buf, len, "%s%sline %u: ", path, path[0] ? ": " : "", line);
}

/* Symbols a typo may have meant: not the $x/$d marks nor .L locals. */
static bool suggestible(const char *name)
{
	return name[0] && name[0] != '$' && strncmp(name, ".L", 2) != 0;
}

/* The caller's definition of name (the last one wins, as for the CLI's
 * --define), or NULL. */
static const el2_symdef *symdef(const el2_check_profile *p, const char *name)
{
	for (size_t i = p ? p->n_symdefs : 0; i-- > 0;)
		if (p->symdefs[i].name && !strcmp(p->symdefs[i].name, name))
			return &p->symdefs[i];
	return NULL;
}

el2_err chk_profile_unknown(const el2_check_profile *p, const el2_image *img, const char *name,
			    unsigned line, const char *const *extra, size_t n_extra, char *errbuf,
			    size_t errlen)
{
	char at[600];
	where(p, line, at, sizeof(at));
	const char *close = NULL;
	size_t n_defs = p ? p->n_symdefs : 0;
	const char **words = malloc((n_extra + n_defs + img->nsyms + 1) * sizeof(*words));
	if (words) {
		size_t n = 0;
		for (size_t i = 0; i < n_extra; i++)
			words[n++] = extra[i];
		for (size_t i = 0; i < n_defs; i++)
			if (p->symdefs[i].name)
				words[n++] = p->symdefs[i].name;
		for (size_t i = 0; i < img->nsyms; i++)
			if (suggestible(img->syms[i].name))
				words[n++] = img->syms[i].name;
		close = el2_suggest(name, words, n);
	}
	el2_err e = chk_fail(errbuf, errlen, EL2_ERR_UNKNOWN_SYMBOL,
			     "%sunknown symbol '%s'%s%s%s", at, name, close ? " (did you mean '" : "",
			     close ? close : "", close ? "'?)" : "");
	free(words);
	return e;
}

el2_err chk_profile_symbol(const el2_check_profile *p, const el2_image *img, const char *name,
			   unsigned line, uint64_t *out, char *errbuf, size_t errlen)
{
	if (el2_image_symbol(img, name, out, NULL, 0) == EL2_OK)
		return EL2_OK;
	const el2_symdef *d = symdef(p, name);
	if (d) {
		*out = d->addr;
		return EL2_OK;
	}
	return chk_profile_unknown(p, img, name, line, NULL, 0, errbuf, errlen);
}

el2_err chk_profile_value(const el2_check_profile *p, const chk_value *v, const el2_image *img,
			  uint64_t *out, char *errbuf, size_t errlen)
{
	if (!v->is_sym) {
		*out = v->num;
		return EL2_OK;
	}
	uint64_t a;
	el2_err e = chk_profile_symbol(p, img, v->sym, v->line, &a, errbuf, errlen);
	if (!e)
		*out = a + v->num;
	return e;
}

el2_err chk_profile_label(const el2_check_profile *p, const el2_image *img, const char *name,
			  unsigned line, uint64_t *lo, uint64_t *hi, char *errbuf, size_t errlen)
{
	uint64_t a;
	const el2_symdef *d = symdef(p, name);
	char at[600];
	where(p, line, at, sizeof(at));
	if (el2_image_symbol(img, name, &a, NULL, 0) && d)
		return chk_fail(errbuf, errlen, EL2_ERR_UNKNOWN_SYMBOL,
				"%s'%s' is only --define %s=0x%" PRIx64 ", an address: a range "
				"needs a label of the object", at, name, name, d->addr);
	if (el2_image_symbol(img, name, &a, NULL, 0))
		return chk_profile_unknown(p, img, name, line, NULL, 0, errbuf, errlen);
	char msg[200];
	el2_err e = el2_image_label_extent(img, name, lo, hi, msg, sizeof(msg));
	if (e)
		return chk_fail(errbuf, errlen, e, "%s'%s' is not a label of a loaded section (%s)",
				at, name, msg);
	return EL2_OK;
}

el2_err chk_value_resolve(const chk_value *v, const el2_image *img, uint64_t *out,
			  char *errbuf, size_t errlen)
{
	return chk_profile_value(NULL, v, img, out, errbuf, errlen);
}

static bool sym_value(const el2_image *img, const char *name, uint64_t *v)
{
	return el2_image_symbol(img, name, v, NULL, 0) == EL2_OK;
}

el2_err chk_profile_merge_symbols(el2_check_profile *p, const el2_image *img, char *errbuf,
				  size_t errlen)
{
	uint64_t v;
	if (!p->mode && sym_value(img, "EL2SIM_MODE", &v)) {
		if (v != EL2_CHECK_MODE_NVHE && v != EL2_CHECK_MODE_VHE)
			return elf_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
					"EL2SIM_MODE = %" PRIu64 ": must be 1 (nvhe) or 2 (vhe)", v);
		p->mode = (int)v;
	}
	if (!p->has_run_hvc && !p->has_run_call) {
		if (sym_value(img, "EL2SIM_RUN_HVC", &v)) {
			p->has_run_hvc = true;
			p->run_hvc = v;
		} else if (sym_value(img, "EL2SIM_RUN", &v)) {
			p->has_run_call = true;
			strcpy(p->run_call.sym, "EL2SIM_RUN");
			p->run_call.is_sym = true;
		}
	}
	if (!p->has_unknown_hvc && sym_value(img, "EL2SIM_UNKNOWN_HVC", &v)) {
		p->has_unknown_hvc = true;
		p->unknown_hvc = v;
	}
	if (!p->has_context) {
		if (sym_value(img, "EL2SIM_CONTEXT", &v)) {
			p->has_context = true;
			p->context = (chk_value){.is_sym = true, .sym = "EL2SIM_CONTEXT"};
		} else if (sym_value(img, "EL2SIM_CONTEXT_ALLOC", &v) && v &&
			   v <= (UINT64_C(1) << 24)) {
			p->has_context = p->ctx_alloc = true;
			p->context.num = v;
		}
	}
	if (!p->irq && sym_value(img, "EL2SIM_IRQ", &v))
		p->irq = v != 0;
	bool fill_guest = p->n_guest == 0, fill_asm = p->n_entry_asm == 0;
	for (size_t i = 0; i < img->nsyms; i++) {
		const img_symbol *s = &img->syms[i];
		el2_reg r;
		if (strncmp(s->name, "EL2SIM_", 7))
			continue;
		const char *rest = s->name + 7;
		if (fill_guest && !strncmp(rest, "GUEST_", 6) && el2_reg_by_name(rest + 6, &r) == EL2_OK) {
			bool dup = false;
			for (size_t j = 0; j < p->n_guest; j++)
				dup |= p->guest[j].reg == r;
			if (!dup && p->n_guest < CHK_MAX_SLOTS)
				p->guest[p->n_guest++] = (chk_slot){r, s->addr, 0};
		} else if (!strncmp(rest, "EL2_", 4) && el2_reg_by_name(rest + 4, &r) == EL2_OK &&
			   EL2_REG_IS_SYSREG(r)) {
			bool dup = false;
			for (size_t j = 0; j < p->n_el2; j++)
				dup |= p->el2[j].reg == r;
			if (!dup && p->n_el2 < CHK_MAX_EL2)
				p->el2[p->n_el2++] = (chk_setreg){r, {.num = s->addr}};
		} else if (!p->has_trapped && !strncmp(rest, "TRAPPED_", 8) &&
			   el2_reg_by_name(rest + 8, &r) == EL2_OK && EL2_REG_IS_SYSREG(r)) {
			p->has_trapped = true;
			p->trapped_sysreg = r;
		} else if (fill_asm && !strncmp(rest, "ENTRY_ASM_", 10) &&
			   strlen(s->name) < CHK_NAME_MAX) {
			if (p->n_entry_asm == CHK_MAX_ENTRY_ASM)
				return elf_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
						"%s: more than %d EL2SIM_ENTRY_ASM_* symbols",
						s->name, CHK_MAX_ENTRY_ASM);
			strcpy(p->entry_asm[p->n_entry_asm++], s->name);
		}
	}
	return EL2_OK;
}
