/* SPDX-License-Identifier: MIT */
/* Source lines of loaded addresses from the object's DWARF line table
 * (elfutils' libdwfl, which also lays out and relocates the sections of a
 * relocatable object, as el2sim's loader does with its own addresses: an
 * address is mapped through its section's name and offset). */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <limits.h>
#include <stdio.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>

#include "el2sim/elf.h"
#include "elf_internal.h"

struct el2_srclines {
	Dwfl *dwfl;
	Dwfl_Module *mod;
	const el2_image *img;
	char file[PATH_MAX]; /* the last answer, normalized */
};

static const Dwfl_Callbacks offline = {
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

el2_err el2_srclines_open(const char *path, const el2_image *img, el2_srclines **out)
{
	if (!path || !img || !out)
		return EL2_ERR_INVALID_ARG;
	*out = NULL;
	el2_srclines *l = calloc(1, sizeof(*l));
	if (!l)
		return EL2_ERR_NOMEM;
	l->img = img;
	l->dwfl = dwfl_begin(&offline);
	if (l->dwfl)
		l->mod = dwfl_report_offline(l->dwfl, "object", path, -1);
	if (!l->mod || dwfl_report_end(l->dwfl, NULL, NULL) != 0) {
		el2_srclines_free(&l);
		return EL2_ERR_NOT_FOUND; /* unreadable by libdwfl: no lines */
	}
	*out = l;
	return EL2_OK;
}

/* libdwfl's address of the loaded address addr: the same offset into the
 * section of the same name (for a linked image both are link addresses). */
static bool dwfl_address(const el2_srclines *l, uint64_t addr, Dwarf_Addr *out)
{
	const img_section *sec = NULL;
	for (size_t i = 0; i < l->img->nsecs && !sec; i++)
		if (addr >= l->img->secs[i].addr && addr - l->img->secs[i].addr < l->img->secs[i].size)
			sec = &l->img->secs[i];
	Dwarf_Addr bias = 0;
	Elf *elf = sec ? dwfl_module_getelf(l->mod, &bias) : NULL;
	size_t shstrndx;
	if (!elf || elf_getshdrstrndx(elf, &shstrndx))
		return false;
	for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
		GElf_Shdr sh;
		const char *name;
		if (gelf_getshdr(scn, &sh) && (sh.sh_flags & SHF_ALLOC) &&
		    (name = elf_strptr(elf, shstrndx, sh.sh_name)) && !strcmp(name, sec->name)) {
			*out = sh.sh_addr + bias + (addr - sec->addr);
			return true;
		}
	}
	return false;
}

/* The line of a (an address in libdw's terms) from the compilation unit
 * whose ranges hold it. Every CU is asked: compilers do not always emit
 * .debug_aranges (clang does not for C), which libdwfl's own lookup needs. */
static const char *cu_line(Dwarf *dw, Dwarf_Addr a, int *line, const char **comp_dir)
{
	Dwarf_Off off = 0, next;
	size_t hsize;
	while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu;
		if (dwarf_offdie(dw, off + hsize, &cu) && dwarf_haspc(&cu, a) > 0) {
			Dwarf_Line *dl = dwarf_getsrc_die(&cu, a);
			const char *src = dl ? dwarf_linesrc(dl, NULL, NULL) : NULL;
			Dwarf_Attribute at;
			*comp_dir = dwarf_formstring(dwarf_attr(&cu, DW_AT_comp_dir, &at));
			if (src && dwarf_lineno(dl, line) == 0 && *line > 0)
				return src;
		}
		off = next;
	}
	return NULL;
}

bool el2_srclines_find(el2_srclines *l, uint64_t addr, const char **file, int *line)
{
	Dwarf_Addr a, bias = 0;
	if (!l || !dwfl_address(l, addr, &a))
		return false;
	Dwarf *dw = dwfl_module_getdwarf(l->mod, &bias);
	int ln = 0;
	const char *dir = NULL;
	const char *src = dw ? cu_line(dw, a - bias, &ln, &dir) : NULL;
	if (!src)
		return false;
	/* A name relative to the compilation directory, and "build/../x.S",
	 * as the file on disk. */
	char joined[PATH_MAX];
	if (src[0] != '/' && dir && dir[0])
		snprintf(joined, sizeof(joined), "%s/%s", dir, src);
	else
		snprintf(joined, sizeof(joined), "%s", src);
	if (!realpath(joined, l->file))
		snprintf(l->file, sizeof(l->file), "%s", joined);
	*file = l->file;
	*line = ln;
	return true;
}

void el2_srclines_free(el2_srclines **lp)
{
	if (!lp || !*lp)
		return;
	if ((*lp)->dwfl)
		dwfl_end((*lp)->dwfl);
	free(*lp);
	*lp = NULL;
}
