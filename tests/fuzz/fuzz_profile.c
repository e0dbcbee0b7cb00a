/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for the checker's profile parser (sim/check_profile.c,
 * docs/layout.md): the input is a profile text. A parsed profile must obey
 * the rules the parser promises (regions page-aligned, inside 2^64, not
 * overlapping, each host/hyp/guest; context slots not overlapping; lists
 * within their bounds), its regions must build an el2_mem (the checker
 * does exactly that), and merging EL2SIM_* symbols of an image and
 * resolving every symbol[+offset] value must work. A refused profile must
 * say "line N: ..." and fail the same way with a tiny message buffer. */
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "elf_internal.h"
#include "el2sim/pstate.h"
#include "fuzz_input.h"

/* An image with the EL2SIM_* symbols docs/layout.md lists and names the
 * seed profiles use, built once. */
static const el2_image *image(void)
{
	static el2_image *img;
	static const struct {
		const char *name;
		uint64_t addr;
	} syms[] = {
		{"EL2SIM_MODE", 1}, {"EL2SIM_RUN_HVC", 0xc6000001}, {"EL2SIM_UNKNOWN_HVC", 0xc600ffff},
		{"EL2SIM_CONTEXT", 0x40001000}, {"EL2SIM_IRQ", 1}, {"EL2SIM_GUEST_x0", 0},
		{"EL2SIM_GUEST_sp_el1", 0x110}, {"EL2SIM_GUEST_nonsense", 8},
		{"EL2SIM_EL2_HCR_EL2", 0x80000000}, {"EL2SIM_EL2_x3", 1},
		{"EL2SIM_TRAPPED_SCTLR_EL1", 0}, {"EL2SIM_ENTRY_ASM_enter", 0x40000100},
		{"vcpu_ctxt", 0x40002000}, {"__hyp_vectors", 0x40000800},
		{"__hyp_stack_top", 0x40010000}, {"hyp_percpu", 0x40011000},
		{"__guest_enter", 0x40000100}, {"__guest_exit", 0x40000200},
		{"__vhe_vcpu_run", 0x40000300},
	};
	if (!img) {
		size_t n = sizeof(syms) / sizeof(syms[0]);
		FUZZ_ASSERT(img_new(&img, 1, n) == EL2_OK);
		img->type = 1; /* ET_REL */
		for (size_t i = 0; i < n; i++)
			FUZZ_ASSERT(img_add_symbol(img, syms[i].name, syms[i].addr, 0, -1, 0, 1) ==
				    EL2_OK);
	}
	return img;
}

static bool nul_terminated(const char *s, size_t cap)
{
	return memchr(s, '\0', cap) != NULL;
}

/* What the parser promises about a profile it accepted (parsed: straight
 * from the parser; the mode/run pairing is checked again by the checker
 * once EL2SIM_* symbols have been merged). */
static void check_parsed(const el2_check_profile *p, bool parsed)
{
	FUZZ_ASSERT(p->n_mem <= CHK_MAX_REGIONS && p->n_guest <= CHK_MAX_SLOTS &&
		    p->n_el2 <= CHK_MAX_EL2 && p->n_preserve <= CHK_MAX_PRESERVE &&
		    p->n_entry_asm <= CHK_MAX_ENTRY_ASM && p->n_exit_abi <= CHK_MAX_ABI &&
		    p->n_el2_preserve <= CHK_MAX_EL2);
	FUZZ_ASSERT(!parsed || !(p->mode == EL2_CHECK_MODE_NVHE && p->has_run_call));
	FUZZ_ASSERT(!parsed || !(p->mode == EL2_CHECK_MODE_VHE && p->has_run_hvc));
	for (size_t i = 0; i < p->n_mem; i++) {
		const chk_region *m = &p->mem[i];
		FUZZ_ASSERT(nul_terminated(m->name, sizeof(m->name)) && m->name[0]);
		FUZZ_ASSERT(m->size && (m->base | m->size) % EL2_MEM_PAGE_SIZE == 0);
		FUZZ_ASSERT(m->base + m->size > m->base || m->base + m->size == 0);
		FUZZ_ASSERT(m->attrs & (EL2_MEM_HOST | EL2_MEM_HYP | EL2_MEM_GUEST));
		FUZZ_ASSERT((m->attrs & ~(unsigned)EL2_MEM_ALL_ATTRS) == 0);
		for (size_t j = 0; j < i; j++)
			FUZZ_ASSERT(strcmp(m->name, p->mem[j].name) != 0);
	}
	for (size_t i = 0; i < p->n_guest; i++) {
		const chk_slot *s = &p->guest[i];
		FUZZ_ASSERT(strcmp(el2_reg_name(s->reg), "?") != 0);
		for (size_t j = 0; j < i; j++) {
			const chk_slot *o = &p->guest[j];
			FUZZ_ASSERT(s->reg != o->reg);
			FUZZ_ASSERT(s->off >= o->off + chk_slot_bytes(o->reg) ||
				    o->off >= s->off + chk_slot_bytes(s->reg));
		}
	}
	for (size_t i = 0; i < p->n_el2; i++)
		FUZZ_ASSERT(EL2_REG_IS_SYSREG(p->el2[i].reg));
	for (size_t i = 0; i < p->n_el2_preserve; i++)
		FUZZ_ASSERT(EL2_REG_IS_SYSREG(p->el2_preserve[i]));
	FUZZ_ASSERT(p->n_exit_abi <= CHK_MAX_ABI);
	for (size_t i = 0; i < p->n_exit_abi; i++)
		FUZZ_ASSERT(p->exit_abi[i] <= EL2_REG_X30 ||
			    (p->exit_abi[i] >= EL2_REG_V0 && p->exit_abi[i] <= EL2_REG_V31) ||
			    p->exit_abi[i] == EL2_SYSREG(FPCR) || p->exit_abi[i] == EL2_SYSREG(FPSR));
	for (size_t i = 0; i < p->n_entry_asm; i++)
		FUZZ_ASSERT(nul_terminated(p->entry_asm[i], CHK_NAME_MAX) && p->entry_asm[i][0]);
	FUZZ_ASSERT((p->pstate_fields & ~(unsigned)(CHK_PS_ALL | CHK_PS_DIT)) == 0);
	/* the host's calling contract: fixed PSTATE bits inside the mask,
	 * only PAN, UAO, SSBS, DIT and DAIF */
	FUZZ_ASSERT((p->ps_call_val & ~p->ps_call_mask) == 0);
	FUZZ_ASSERT((p->ps_call_mask & ~(uint64_t)(EL2_PSR_PAN | EL2_PSR_UAO | EL2_PSR_SSBS |
						  EL2_PSR_DIT | EL2_PSR_DAIF)) == 0);
	for (size_t sc = 0; sc < CHK_N_SCENARIOS; sc++)
		FUZZ_ASSERT(p->has_preserve_sc[sc] ? p->n_preserve_sc[sc] > 0 &&
							 p->n_preserve_sc[sc] <= CHK_MAX_PRESERVE
						   : p->n_preserve_sc[sc] == 0);
}

/* The regions build a memory map (overlaps, names and alignment were the
 * parser's to refuse; only the storage limit may say no). */
static void build_map(const el2_check_profile *p)
{
	el2_mem *mem;
	FUZZ_ASSERT(el2_mem_new(&mem) == EL2_OK);
	FUZZ_ASSERT(el2_mem_set_limit(mem, UINT64_C(1) << 24) == EL2_OK);
	for (size_t i = 0; i < p->n_mem; i++) {
		const chk_region *m = &p->mem[i];
		el2_err e = el2_mem_add(mem, m->name, m->base, m->size, m->attrs);
		FUZZ_ASSERT(e == EL2_OK || e == EL2_ERR_NOMEM);
		if (e == EL2_OK)
			FUZZ_ASSERT(el2_mem_find(mem, m->base + m->size - 1) ==
				    el2_mem_find_name(mem, m->name));
	}
	el2_mem_free(&mem);
}

/* The EL2SIM_* completion and symbol resolution the checker performs. */
static void merge_and_resolve(const el2_check_profile *parsed)
{
	el2_check_profile *p = malloc(sizeof(*p));
	FUZZ_ASSERT(p != NULL);
	memcpy(p, parsed, sizeof(*p));
	char err[256];
	FUZZ_ASSERT(chk_profile_merge_symbols(p, image(), err, sizeof(err)) == EL2_OK);
	check_parsed(p, false);
	uint64_t v;
	for (size_t i = 0; i < p->n_el2; i++) {
		el2_err e = chk_value_resolve(&p->el2[i].v, image(), &v, err, sizeof(err));
		FUZZ_ASSERT(e == EL2_OK || (e == EL2_ERR_UNKNOWN_SYMBOL && err[0]));
	}
	if (p->has_context && !p->ctx_alloc)
		(void)chk_value_resolve(&p->context, image(), &v, err, sizeof(err));
	if (p->has_run_call)
		(void)chk_value_resolve(&p->run_call, image(), &v, err, sizeof(err));
	free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exactly sized copy: the parser must not read past len. */
	char *buf = malloc(size ? size : 1);
	FUZZ_ASSERT(buf != NULL);
	if (size)
		memcpy(buf, data, size);
	el2_check_profile *p = (el2_check_profile *)buf; /* must be overwritten */
	char err[256];
	el2_err e = el2_check_profile_parse(buf, size, &p, err, sizeof(err));
	if (e == EL2_OK) {
		FUZZ_ASSERT(p != NULL);
		check_parsed(p, true);
		build_map(p);
		merge_and_resolve(p);
		el2_check_profile_free(&p);
		FUZZ_ASSERT(p == NULL);
	} else {
		FUZZ_ASSERT(p == NULL);
		/* the text breaks the format, or the model refuses its [cpu] */
		FUZZ_ASSERT(e == EL2_ERR_PROFILE_SYNTAX || e == EL2_ERR_BAD_CONFIG ||
			    e == EL2_ERR_UNSUPPORTED || e == EL2_ERR_NOMEM);
		FUZZ_ASSERT(nul_terminated(err, sizeof(err)) && strncmp(err, "line ", 5) == 0);
		size_t small = 1 + size % 12;
		char *tiny = malloc(small);
		FUZZ_ASSERT(tiny != NULL);
		FUZZ_ASSERT(el2_check_profile_parse(buf, size, &p, tiny, small) == e && p == NULL);
		FUZZ_ASSERT(nul_terminated(tiny, small));
		free(tiny);
	}
	free(buf);
	return 0;
}
