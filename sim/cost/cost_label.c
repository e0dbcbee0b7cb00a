/* SPDX-License-Identifier: MIT */
/* The phase rule (docs/bench.md, "Phases"): where a round trip's phases
 * begin, from what the code does to the PE, not from symbol names. A world
 * switch enters EL2 at a vector, dispatches, saves the side that ran
 * (stores), then writes the other side's state into the PE (MSR to EL0/EL1
 * registers and to the EL2 registers that configure EL1/EL0) and returns
 * with ERET. So to-guest, and after an exit the return, begins with the
 * first such write of the stretch, walked back over the instructions that
 * prepare it up to the last store. Calls are tracked by depth (bounded):
 * the walk takes a call it meets whole, with its caller, or not at all. */
#include <stdlib.h>
#include <string.h>

#include "cost_internal.h"
#include "el2sim/pe.h"

#define MAX_DEPTH 64 /* deeper calls share their caller's depth */

enum { F_STORE = 1, F_CTXW = 2, F_ASM = 4 };

typedef struct lab {
	const el2_cost_rec *r;
	const el2_cost_layout *lay;
	uint8_t *fl;    /* F_* per instruction */
	uint8_t *depth; /* call depth per instruction, from the stretch's start */
} lab;

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

/* A register whose write puts a world's state into the PE: EL0/EL1 state
 * and the EL2 registers that configure EL1/EL0 (traps, stage 2, virtual
 * IDs, timers, the GIC's virtual interface). SP_EL0 is left out: world
 * switches move it with the general-purpose registers (KVM's __guest_exit
 * gives the host its SP_EL0 back before the guest's EL1 state is saved).
 * ELR_EL2/SPSR_EL2 are left out: an exit handler writes them to skip the
 * guest's instruction. PSTATE fields have no _ELn name. */
static bool context_reg(el2_reg reg)
{
	static const char *const el2_cfg[] = {
		"HCR_EL2", "HCRX_EL2", "VTTBR_EL2", "VTCR_EL2", "VSTTBR_EL2", "VSTCR_EL2",
		"CPTR_EL2", "MDCR_EL2", "HSTR_EL2", "VPIDR_EL2", "VMPIDR_EL2", "CNTHCTL_EL2",
		"CNTVOFF_EL2", "VSESR_EL2", "ZCR_EL2", "FPCR", "FPSR",
	};
	if (!EL2_REG_IS_SYSREG(reg))
		return false;
	const char *n = el2_reg_name(reg);
	if (!strcmp(n, "SP_EL0"))
		return false;
	if (ends_with(n, "_EL0") || ends_with(n, "_EL1") || ends_with(n, "_EL12") ||
	    ends_with(n, "_EL02"))
		return true;
	for (size_t k = 0; k < sizeof(el2_cfg) / sizeof(el2_cfg[0]); k++)
		if (!strcmp(n, el2_cfg[k]))
			return true;
	return !strncmp(n, "ICH_", 4) || !strncmp(n, "HFG", 3) || !strncmp(n, "HDFG", 4) ||
	       !strncmp(n, "HAFG", 4);
}

/* BL, BLR and BLRAA/BLRAAZ/BLRAB/BLRABZ (DDI 0487 C6.2). */
static bool is_call(uint32_t w)
{
	return (w & 0xfc000000u) == 0x94000000u || (w & 0xfffffc1fu) == 0xd63f0000u ||
	       (w & 0xfefff800u) == 0xd63f0800u;
}

static bool in_entry_asm(const el2_cost_layout *lay, uint64_t pc)
{
	for (size_t k = 0; k < lay->n_entry_asm && k < EL2_COST_MAX_SPANS; k++)
		if (cost_in_span(&lay->entry_asm[k], pc))
			return true;
	return false;
}

/* Depth, stores, state writes and entry_asm membership per instruction. A
 * call pushes its return address; reaching an address on the stack pops to
 * it (RET, RETAA, BR X30 alike). An instruction a call from entry_asm code
 * runs counts as entry_asm (its caller's place). */
static void annotate(lab *L)
{
	uint64_t ret[MAX_DEPTH];
	bool asm_frame[MAX_DEPTH];
	size_t n = 0, last = SIZE_MAX;
	for (size_t i = 0; i < L->r->n; i++) {
		const rec_entry *e = &L->r->e[i];
		if (e->kind == K_EXC || e->kind == K_ERET) {
			n = 0;
			last = SIZE_MAX;
		} else if (e->kind == K_SR_WRITE) {
			if (last != SIZE_MAX && L->r->e[last].pc == e->pc && context_reg(e->insn))
				L->fl[last] |= F_CTXW;
		} else if (e->kind == K_INSN) {
			for (size_t k = n; k-- > 0;)
				if (ret[k] == e->pc) {
					n = k;
					break;
				}
			L->depth[i] = (uint8_t)n;
			if (in_entry_asm(L->lay, e->pc) || (n && asm_frame[n - 1]))
				L->fl[i] |= F_ASM;
			el2_insn_cost_info ci;
			el2_cost_classify(e->insn, &ci);
			if (ci.bytes_stored)
				L->fl[i] |= F_STORE;
			if (is_call(e->insn) && n < MAX_DEPTH) {
				ret[n] = e->pc + 4;
				asm_frame[n++] = L->fl[i] & F_ASM;
			}
			last = i;
		}
	}
}

/* From the first state write w back to the instruction after the last
 * store (not before start). A call met on the way is taken whole when it
 * stores nothing; when it stores, the walk ends after it. */
static size_t walk_back(const lab *L, size_t start, size_t w)
{
	unsigned lvl = L->depth[w];
	size_t b = w;
	for (size_t j = w; j-- > start;) {
		const rec_entry *e = &L->r->e[j];
		if (e->kind == K_SR_READ || e->kind == K_SR_WRITE)
			continue;
		if (e->kind != K_INSN || (L->fl[j] & F_STORE))
			break;
		if (L->depth[j] > lvl)
			continue; /* inside a call: taken only with its call */
		lvl = L->depth[j];
		b = j;
	}
	return b;
}

/* Entries [start, end) hold a state write: the first one's walked-back start. */
static size_t first_write(const lab *L, size_t start, size_t end)
{
	for (size_t j = start; j < end; j++)
		if (L->fl[j] & F_CTXW)
			return walk_back(L, start, j);
	return SIZE_MAX;
}

/* The first entry of to-guest for the ERET marker at index eret, whose
 * EL2 stretch began at start. */
static size_t to_guest_start(const lab *L, size_t start, size_t eret, unsigned *missed)
{
	const el2_cost_layout *lay = L->lay;
	if (lay->has_to_guest_at) {
		for (size_t j = eret; j-- > start;)
			if (L->r->e[j].kind == K_INSN && L->r->e[j].pc == lay->to_guest_at)
				return j;
		*missed |= EL2_COST_MISSED_TO_GUEST;
	}
	size_t b = first_write(L, start, eret);
	if (b != SIZE_MAX)
		return b;
	/* nothing written: the entry_asm stretch that ends with the ERET */
	b = eret;
	while (b > start) {
		const rec_entry *p = &L->r->e[b - 1];
		if (p->kind == K_INSN && (p->el != 2 || !(L->fl[b - 1] & F_ASM)))
			break;
		b--;
	}
	return b;
}

/* The first instruction of return in the exit stretch [start, end). */
static size_t return_start(const lab *L, size_t start, size_t end, unsigned *missed)
{
	const el2_cost_layout *lay = L->lay;
	const rec_entry *e = L->r->e;
	if (lay->has_return_at) {
		for (size_t j = start; j < end; j++)
			if (e[j].kind == K_INSN && e[j].el == 2 && e[j].pc == lay->return_at)
				return j;
		*missed |= EL2_COST_MISSED_RETURN;
	}
	size_t b = first_write(L, start, end);
	if (b != SIZE_MAX)
		return b;
	for (size_t j = start; j < end; j++)
		if (e[j].kind == K_INSN && e[j].el == 2 && !(L->fl[j] & F_ASM))
			return j;
	for (size_t j = end; j-- > start;) /* at least the ERET back */
		if (e[j].kind == K_INSN)
			return end < L->r->n && e[end].kind == K_ERET ? j : SIZE_MAX;
	return SIZE_MAX;
}

static size_t stretch_end(const el2_cost_rec *r, size_t from)
{
	while (from < r->n && r->e[from].kind != K_EXC && r->e[from].kind != K_ERET)
		from++;
	return from;
}

bool cost_label(const el2_cost_rec *r, const el2_cost_layout *lay, uint8_t *ph, unsigned *missed)
{
	lab L = {.r = r, .lay = lay};
	size_t n = r->n ? r->n : 1;
	L.fl = calloc(n, 1);
	L.depth = calloc(n, 1);
	*missed = 0;
	if (!L.fl || !L.depth) {
		free(L.fl);
		free(L.depth);
		return false;
	}
	annotate(&L);
	el2_cost_phase state = EL2_PHASE_ENTRY;
	size_t start = 0, ret_at = SIZE_MAX, ret_begin = 0;
	for (size_t i = 0; i < r->n; i++) {
		const rec_entry *e = &r->e[i];
		if (e->kind == K_INSN && state == EL2_PHASE_EXIT && i == ret_at) {
			state = EL2_PHASE_RETURN;
			ret_begin = i;
		}
		if (e->kind == K_EXC && state == EL2_PHASE_GUEST && e->el < 2)
			state = EL2_PHASE_EXIT;
		ph[i] = (uint8_t)state;
		if (e->kind == K_ERET && cost_in_span(&lay->guest, e->pc)) {
			size_t b = to_guest_start(&L, start, i, missed);
			for (size_t k = b; k <= i; k++)
				ph[k] = EL2_PHASE_TO_GUEST;
			/* A re-entry (after an exit the hypervisor handled without
			 * going back to the host, e.g. a lazy FP trap): that
			 * handling is part of the exit. */
			if (state == EL2_PHASE_RETURN)
				for (size_t k = ret_begin; k < b; k++)
					ph[k] = EL2_PHASE_EXIT;
			state = EL2_PHASE_GUEST;
		}
		if (e->kind == K_EXC || e->kind == K_ERET) {
			start = i + 1;
			if (state == EL2_PHASE_EXIT)
				ret_at = return_start(&L, start, stretch_end(r, start), missed);
		}
	}
	/* markers follow their instruction */
	for (size_t i = 1; i < r->n; i++)
		if (r->e[i].kind == K_SR_READ || r->e[i].kind == K_SR_WRITE)
			ph[i] = ph[i - 1];
	free(L.fl);
	free(L.depth);
	return true;
}
