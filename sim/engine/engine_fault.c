/* SPDX-License-Identifier: MIT */
/* Memory faults of the engine (docs/memory-faults.md): every access Unicorn
 * refuses (unmapped address, MMIO region, or a page the current protection
 * profile of engine_prot.c closes) reaches one hook, which asks
 * prot_classify what the access gets: a stage-2 abort to EL2 (the guest's
 * MMIO-style exit), a stage-1 permission fault (EL0 attribute, PAN) taken
 * by the model, an LDTR/STTR performed here, or, for host and hypervisor
 * code, an error naming the PC, symbol+offset and address. AT instructions
 * are walked here with the model's el2_at_walk_s2. */
#include <inttypes.h>
#include <string.h>

#include "el2sim/at_walk.h"
#include "engine_prot.h"
#include "model_seam.h"

static const char *access_name(bool fetch, bool write)
{
	return fetch ? "instruction fetch" : write ? "write" : "read";
}

/* The instruction syndrome of the load/store at pc (ISV = 0 when it has
 * none: pairs, SIMD&FP, exclusives, atomics, writeback forms). The model
 * reports it for stage-2 aborts only. */
static void fill_isv(el2_engine *eng, uint64_t pc, el2_abort *ab)
{
	uint32_t word;
	ldst_info li;
	if (!engine_word_at(eng, pc, &word))
		return;
	if (!ldst_decode(word, &li) || !ldst_isv(&li))
		return;
	ab->isv = true;
	ab->sas = li.size_log2 & 3u;
	ab->sse = li.sign;
	ab->srt = li.rt;
	ab->sf = li.sf;
	ab->ar = ldst_acqrel(&li);
}

static void host_error(el2_engine *eng, uint64_t pc, uint64_t addr, bool fetch, bool write,
		       const char *why)
{
	char sym[96], asym[96];
	if (fetch && eng->block_insns) {
		/* A wild jump: name the branch, the last instruction of the
		 * block that ran before the failed fetch. */
		uint64_t from = eng->block_pc + 4u * (eng->block_insns - 1u);
		engine_stop_error(eng, EL2_ERR_MEM_UNMAPPED,
				  "%s instruction fetch of 0x%" PRIx64 " at EL%u (wild jump?), "
				  "branched from %s",
				  why, addr, pe_el(eng->pe), engine_symbolize(eng, from, sym, sizeof(sym)));
	} else {
		engine_stop_error(eng, EL2_ERR_MEM_UNMAPPED, "%s %s of 0x%" PRIx64 " (%s) at EL%u, PC %s",
				  why, access_name(fetch, write), addr,
				  engine_symbolize(eng, addr, asym, sizeof(asym)), pe_el(eng->pe),
				  engine_symbolize(eng, pc, sym, sizeof(sym)));
	}
	eng->exit_pending = true;
	eng->exit_pc = pc;
}

/* The abort of the access at pc, taken by the model (AArch64.Abort routes
 * it): a stage-2 fault from the walk of the guest's tables (PV_S2_WALK), a
 * stage-2 Translation/Permission fault at level 3 (the flat stage 2 of
 * region attributes maps the guest page by page) or a stage-1 Permission fault at level 3
 * (EL0 attribute, PAN). The engine then continues at the vector: a failed
 * access cannot be resumed by writing PC (Unicorn ends uc_emu_start with
 * an error), so the loop restarts at exit_pc. */
void fault_take(el2_engine *eng, uint64_t pc, uint64_t addr, bool fetch, bool write,
		prot_verdict v, const el2_s2_result *s2)
{
	el2_pe *pe = eng->pe;
	/* The access did not happen: neither it nor the rest of its block
	 * count (the same count whatever the block's length, so both
	 * strategies agree). */
	if (!fetch)
		engine_uncount_from(eng, pc);
	switch (v) {
	case PV_S2_ALIAS:
	case PV_S2_NOMEM:
	case PV_S2_UNSUPPORTED:
		prot_s2_error(eng, addr, s2, v);
		eng->exit_pending = true;
		eng->exit_pc = pc;
		uc_emu_stop(eng->uc);
		return;
	case PV_HOST_UNMAPPED:
		host_error(eng, pc, addr, fetch, write, "unmapped");
		uc_emu_stop(eng->uc);
		return;
	case PV_HOST_RO:
		host_error(eng, pc, addr, fetch, write, "read-only");
		uc_emu_stop(eng->uc);
		return;
	case PV_HOST_XN:
		host_error(eng, pc, addr, fetch, write, "execute-never");
		uc_emu_stop(eng->uc);
		return;
	default:
		break;
	}
	if (sync_to_model(eng) != EL2_OK) {
		engine_stop_error(eng, EL2_ERR_INVALID_ARG, "register transfer failed at 0x%" PRIx64,
				  pc);
		uc_emu_stop(eng->uc);
		return;
	}
	pe->s.pc = pc;
	el2_abort ab = {.instruction = fetch,
			.fault = v == PV_S2_TRANSLATION ? EL2_FAULT_TRANSLATION : EL2_FAULT_PERMISSION,
			.level = 3, .stage2 = v == PV_S2_TRANSLATION || v == PV_S2_PERMISSION,
			.write = write && !fetch, .vaddress = addr, .ipaddress = addr};
	if (v == PV_S2_WALK) {
		/* From the walk: its fault kind and level; stage 1 is not
		 * modelled for the guest, so S1PTW = 0 and IPA == VA. */
		ab.fault = s2->fst;
		ab.level = s2->level;
		ab.stage2 = true;
	}
	if (!fetch)
		fill_isv(eng, pc, &ab);
	el2_exc_outcome o;
	if (!fetch)
		engine_uncount_from(eng, pc);
	if (el2_take_abort(pe, &ab, &o) != EL2_OK) {
		engine_stop_error(eng, EL2_ERR_INVALID_ARG, "abort at 0x%" PRIx64 " not taken", pc);
		uc_emu_stop(eng->uc);
		return;
	}
	eng->step_trapped = true;
	engine_exception_taken(eng, pc, fetch ? EL2_EXC_INSTR_ABORT : EL2_EXC_DATA_ABORT, &o);
	sync_after_model(eng, NULL);
	eng->exit_pending = true;
	eng->exit_pc = pe->s.pc;
	uc_emu_stop(eng->uc);
}

/* Bound on the instructions scanned for the faulting one (a translated
 * block is shorter). */
#define MAX_SCAN 512u

/* Unicorn's PC in a memory hook is only the start of the translated block
 * (PC is synchronised at block boundaries), but the registers are exact.
 * The faulting instruction is the first load/store from there whose
 * address range, computed from the registers, contains addr. */
static uint64_t faulting_pc(el2_engine *eng, uint64_t start, uint64_t addr)
{
	uint64_t x[31], sp = 0;
	prot_read_gprs(eng, x, &sp);
	for (unsigned i = 0; i < MAX_SCAN; i++) {
		uint64_t pc = start + 4ull * i;
		uint32_t word;
		if (!engine_word_at(eng, pc, &word))
			break;
		ldst_info li;
		uint64_t ea;
		if (!ldst_decode(word, &li) || !ldst_address(word, x, sp, pc, &ea))
			continue;
		uint64_t span = (li.cls == LDST_PAIR ? 2ull : 1ull) << li.size_log2;
		if (li.cls == LDST_SIMD)
			span = 64; /* structure loads/stores: up to four registers */
		if (addr - ea < span)
			return pc;
	}
	return start;
}

/* An LDTR/STTR-family access that the hooks' check allowed as EL0's but
 * the pages refused (PAN; a word not hooked yet): performed here, the run
 * continues after it. */
static bool unpriv_done(el2_engine *eng, uint64_t pc, uint64_t addr)
{
	uint32_t word;
	ldst_info li;
	uint64_t x[31], sp = 0, ea;
	if (!engine_word_at(eng, pc, &word))
		return false;
	if (!ldst_decode(word, &li) || li.cls != LDST_UNPRIV)
		return false;
	prot_read_gprs(eng, x, &sp);
	if (!ldst_address(word, x, sp, pc, &ea) || addr - ea >= (1ull << li.size_log2))
		return false;
	engine_uncount_from(eng, pc);
	if (!prot_emulate_unpriv(eng, &li, ea))
		return false;
	engine_count_one(eng);
	eng->step_trapped = true;
	eng->exit_pending = true;
	eng->exit_pc = pc + 4;
	uc_emu_stop(eng->uc);
	return true;
}

/* One handler for both hooks: the verdict of the current world says what
 * the access gets (prot_classify; the pages were set from the same
 * verdicts). */
bool fault_memory(el2_engine *eng, uint64_t addr, bool fetch, bool write)
{
	if (fetch && eng->opts && eng->opts->has_sentinel && addr == eng->opts->sentinel) {
		engine_stop(eng, EL2_STOP_SENTINEL);
		return false;
	}
	uint64_t pc = addr;
	if (!fetch) {
		uc_reg_read(eng->uc, UC_ARM64_REG_PC, &pc);
		pc = faulting_pc(eng, pc, addr);
	}
	prot_world w = prot_world_of(eng);
	bool unpriv = false;
	if (!fetch && w.unpriv_ldst) {
		uint32_t word;
		ldst_info li;
		unpriv = engine_word_at(eng, pc, &word) && ldst_decode(word, &li) &&
			 li.cls == LDST_UNPRIV;
	}
	el2_s2_result s2;
	prot_verdict v = prot_classify_addr(eng, &w, addr, fetch, write, unpriv, &s2);
	if (v == PV_OK && unpriv && unpriv_done(eng, pc, addr))
		return false;
	/* Tables mode: the guest's tables changed since its pages were set. */
	if (v == PV_OK && w.guest && s2_refresh(eng, pc, fetch))
		return false;
	/* TLB isolation: the page's entry was made for another access. */
	if (v == PV_OK && tlb_refresh(eng, pc, fetch))
		return false;
	if (v == PV_OK) {
		/* The pages and the verdict disagree: never expected. */
		char sym[96];
		engine_stop_error(eng, EL2_ERR_INVALID_ARG,
				  "%s of 0x%" PRIx64 " refused by Unicorn but allowed at %s",
				  access_name(fetch, write), addr,
				  engine_symbolize(eng, pc, sym, sizeof(sym)));
		eng->exit_pending = true;
		eng->exit_pc = pc;
		uc_emu_stop(eng->uc);
		return false;
	}
	fault_take(eng, pc, addr, fetch, write, v, &s2);
	return false;
}

static bool on_unmapped(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
			void *user)
{
	(void)uc, (void)size, (void)value;
	if (!tlb_untrap(user, &addr))
		return false;
	return fault_memory(user, addr, type == UC_MEM_FETCH_UNMAPPED, type == UC_MEM_WRITE_UNMAPPED);
}

static bool on_prot(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
		    void *user)
{
	(void)uc, (void)size, (void)value;
	if (!tlb_untrap(user, &addr))
		return false;
	return fault_memory(user, addr, type == UC_MEM_FETCH_PROT, type == UC_MEM_WRITE_PROT);
}

el2_err fault_install(el2_engine *eng, char *errbuf, size_t errlen)
{
	el2_err err = prot_install(eng, errbuf, errlen);
	if (err)
		return err;
	if (uc_hook_add(eng->uc, &eng->hook_unmapped, UC_HOOK_MEM_UNMAPPED, (void *)on_unmapped, eng,
			1, 0) != UC_ERR_OK ||
	    uc_hook_add(eng->uc, &eng->hook_prot, UC_HOOK_MEM_PROT, (void *)on_prot, eng, 1, 0) !=
		    UC_ERR_OK) {
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "cannot add the memory hooks");
		return EL2_ERR_NOMEM;
	}
	fault_world_changed(eng);
	return EL2_OK;
}

/* ---- AT: the walk over simulated memory ---- */

/* The flat guest stage 2: an IPA maps (IPA == PA) if it lies in a GUEST
 * region with storage; RO regions are stage-2 read-only. */
static bool flat_stage2(void *ctx, uint64_t ipa, bool write, el2_fault *fault, int *level)
{
	const el2_engine *eng = ctx;
	const el2_mem_region *r = el2_mem_find(eng->mem, ipa);
	*level = 3;
	if (!r || !(r->attrs & EL2_MEM_GUEST) || !r->host) {
		*fault = EL2_FAULT_TRANSLATION;
		return false;
	}
	if (write && (r->attrs & EL2_MEM_RO)) {
		*fault = EL2_FAULT_PERMISSION;
		return false;
	}
	return true;
}

/* Stage 2 from the guest's tables (el2_engine_set_stage2_tables). A
 * mapping with PA != IPA is reported as allowed with PA = IPA (the AT
 * callback has no output address): a simplification, see
 * docs/memory-faults.md; the guest's own accesses stop the run there. */
static bool tables_stage2(void *ctx, uint64_t ipa, bool write, el2_fault *fault, int *level)
{
	const el2_engine *eng = ctx;
	el2_s2_result s2;
	if (el2_s2_walk(SR(eng->pe, VTTBR_EL2), SR(eng->pe, VTCR_EL2), ipa,
			write ? EL2_S2_WRITE : EL2_S2_READ, prot_phys_read, (void *)eng, &s2) != EL2_OK) {
		*fault = EL2_FAULT_TRANSLATION; /* unsupported granule */
		*level = 0;
		return false;
	}
	*fault = s2.fst;
	*level = s2.level;
	return !s2.fault;
}

void fault_at(el2_engine *eng, const el2_exec_result *r)
{
	el2_pe *pe = eng->pe;
	el2_at_result res;
	uint64_t ipa = 0;
	el2_s2_check_fn s2 = eng->s2 ? tables_stage2 : flat_stage2;
	if (el2_at_walk_s2(pe, r->at_op, r->at_va, prot_phys_read, s2, eng, &res, &ipa) !=
	    EL2_OK) {
		engine_stop_error(eng, EL2_ERR_INVALID_ARG, "AT walk failed");
		return;
	}
	if (!el2_at_fault_is_exception(pe, r->at_op, &res)) {
		el2_at_complete(pe, &res);
		return;
	}
	uint64_t pc = pe->s.pc - 4u;
	el2_exc_outcome o;
	if (el2_at_take_abort(pe, r->at_va, ipa, &res, &o) != EL2_OK) {
		engine_stop_error(eng, EL2_ERR_INVALID_ARG, "AT abort at 0x%" PRIx64 " not taken", pc);
		return;
	}
	sync_after_model(eng, NULL);
	engine_exception_taken(eng, pc, EL2_EXC_DATA_ABORT, &o);
}
