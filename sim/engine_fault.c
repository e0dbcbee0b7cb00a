/* SPDX-License-Identifier: MIT */
/* Memory faults of the engine (docs/memory-faults.md): regions are mapped
 * with their RO/XN protections in every world; an access that Unicorn
 * cannot perform (unmapped address, MMIO region, write to RO, fetch from
 * XN) reaches one hook. From the guest it becomes a stage-2 abort to EL2
 * taken by the model (the MMIO exit); from host or hypervisor code it ends
 * the run with an error naming the PC, symbol+offset and address. AT
 * instructions are walked here with the model's el2_at_walk_s2. */
#include <inttypes.h>
#include <string.h>

#include "el2sim/at_walk.h"
#include "engine_internal.h"
#include "ldst_decode.h"
#include "pe_internal.h"

/* The guest: EL0/EL1 with stage 2 on (HCR_EL2.VM = 1) and not in host
 * (TGE = 0). Read live from the PE: HCR_EL2 and PSTATE are the model's. */
static bool in_guest(const el2_pe *pe)
{
	uint64_t h = hcr(pe);
	return pe_el(pe) <= 1 && (h & EL2_HCR_VM) && !(h & EL2_HCR_TGE);
}

static uint32_t region_prot(unsigned attrs)
{
	uint32_t p = UC_PROT_READ;
	if (!(attrs & EL2_MEM_RO))
		p |= UC_PROT_WRITE;
	if (!(attrs & EL2_MEM_XN))
		p |= UC_PROT_EXEC;
	return p;
}

static const char *access_name(bool fetch, bool write)
{
	return fetch ? "instruction fetch" : write ? "write" : "read";
}

/* The instruction syndrome of the load/store at pc (ISV = 0 when it has
 * none: pairs, SIMD&FP, exclusives, atomics, writeback forms). */
static void fill_isv(el2_engine *eng, uint64_t pc, el2_abort *ab)
{
	const uint8_t *p = el2_mem_ptr(eng->mem, pc, 4);
	uint32_t word;
	ldst_info li;
	if (!p)
		return;
	memcpy(&word, p, 4);
	if (!ldst_decode(word, &li) || !ldst_isv(&li))
		return;
	ab->isv = true;
	ab->sas = li.size_log2 & 3u;
	ab->sse = li.sign;
	ab->srt = li.rt;
	ab->sf = li.sf;
	ab->ar = ldst_acqrel(&li);
}

/* A stage-2 abort of the guest access at pc, taken to EL2 by the model:
 * translation fault at level 3 for an IPA the flat stage 2 does not map,
 * permission fault at level 3 for RO/XN. The engine then continues at
 * the vector (the run loop restarts Unicorn there: exit_pending). */
static void guest_abort(el2_engine *eng, uint64_t pc, uint64_t addr, bool fetch, bool write,
			el2_fault kind)
{
	el2_pe *pe = eng->pe;
	if (sync_to_model(eng) != EL2_OK) {
		engine_stop_error(eng, EL2_ERR_INVALID_ARG, "register transfer failed at 0x%" PRIx64,
				  pc);
		return;
	}
	pe->s.pc = pc;
	el2_abort ab = {.instruction = fetch, .fault = kind, .level = 3, .stage2 = true,
			.write = write && !fetch, .vaddress = addr, .ipaddress = addr};
	if (!fetch)
		fill_isv(eng, pc, &ab);
	el2_exc_outcome o;
	if (el2_take_abort(pe, &ab, &o) != EL2_OK) {
		engine_stop_error(eng, EL2_ERR_INVALID_ARG, "abort at 0x%" PRIx64 " not taken", pc);
		return;
	}
	if (!fetch)
		engine_uncount_from(eng, pc);
	engine_exception_taken(eng, pc, fetch ? EL2_EXC_INSTR_ABORT : EL2_EXC_DATA_ABORT, &o);
	sync_after_model(eng, NULL);
	/* A failed access cannot be resumed by writing PC: Unicorn ends
	 * uc_emu_start with an error, and the loop continues at exit_pc. */
	eng->exit_pending = true;
	eng->exit_pc = pe->s.pc;
	uc_emu_stop(eng->uc);
}

static void host_error(el2_engine *eng, uint64_t pc, uint64_t addr, bool fetch, bool write,
		       const char *why)
{
	char sym[96], asym[96];
	engine_stop_error(eng, EL2_ERR_MEM_UNMAPPED, "%s %s of 0x%" PRIx64 " (%s) at EL%u, PC %s",
			  why, access_name(fetch, write), addr,
			  engine_symbolize(eng, addr, asym, sizeof(asym)), pe_el(eng->pe),
			  engine_symbolize(eng, pc, sym, sizeof(sym)));
}

/* Bound on the instructions scanned for the faulting one (a translated
 * block is shorter). */
#define MAX_SCAN 512u

static void read_gprs(el2_engine *eng, uint64_t x[31], uint64_t *sp)
{
	int ids[32];
	void *ptrs[32];
	for (unsigned i = 0; i < 31; i++) {
		ids[i] = i < 29 ? UC_ARM64_REG_X0 + (int)i : (i == 29 ? UC_ARM64_REG_X29 : UC_ARM64_REG_X30);
		ptrs[i] = &x[i];
	}
	ids[31] = UC_ARM64_REG_SP;
	ptrs[31] = sp;
	uc_reg_read_batch(eng->uc, ids, ptrs, 32);
}

/* Unicorn's PC in a memory hook is only the start of the translated block
 * (PC is synchronised at block boundaries), but the registers are exact.
 * The faulting instruction is the first load/store from there whose
 * address range, computed from the registers, contains addr. */
static uint64_t faulting_pc(el2_engine *eng, uint64_t start, uint64_t addr)
{
	uint64_t x[31], sp = 0;
	read_gprs(eng, x, &sp);
	for (unsigned i = 0; i < MAX_SCAN; i++) {
		uint64_t pc = start + 4ull * i;
		const uint8_t *p = el2_mem_ptr(eng->mem, pc, 4);
		if (!p)
			break;
		uint32_t word;
		memcpy(&word, p, 4);
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

/* One handler for both hooks: kind says what the flat stage 2 reports. */
static bool memory_fault(el2_engine *eng, uint64_t addr, bool fetch, bool write, el2_fault kind,
			 const char *why)
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
	if (in_guest(eng->pe))
		guest_abort(eng, pc, addr, fetch, write, kind);
	else
		host_error(eng, pc, addr, fetch, write, why);
	return false;
}

static bool on_unmapped(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
			void *user)
{
	(void)uc, (void)size, (void)value;
	return memory_fault(user, addr, type == UC_MEM_FETCH_UNMAPPED, type == UC_MEM_WRITE_UNMAPPED,
			    EL2_FAULT_TRANSLATION, "unmapped");
}

static bool on_prot(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
		    void *user)
{
	(void)uc, (void)size, (void)value;
	bool fetch = type == UC_MEM_FETCH_PROT, write = type == UC_MEM_WRITE_PROT;
	return memory_fault(user, addr, fetch, write, EL2_FAULT_PERMISSION,
			    fetch ? "execute-never" : "read-only");
}

el2_err fault_install(el2_engine *eng, char *errbuf, size_t errlen)
{
	for (size_t i = 0; i < el2_mem_count(eng->mem); i++) {
		const el2_mem_region *r = el2_mem_region_at(eng->mem, i);
		if (!r->host)
			continue; /* MMIO: accesses reach on_unmapped */
		uc_err e = uc_mem_map_ptr(eng->uc, r->base, r->size, region_prot(r->attrs), r->host);
		if (e != UC_ERR_OK) {
			if (errbuf && errlen)
				snprintf(errbuf, errlen, "cannot map region '%s': %s", r->name,
					 uc_strerror(e));
			return EL2_ERR_NOMEM;
		}
	}
	if (uc_hook_add(eng->uc, &eng->hook_unmapped, UC_HOOK_MEM_UNMAPPED, (void *)on_unmapped, eng,
			1, 0) != UC_ERR_OK ||
	    uc_hook_add(eng->uc, &eng->hook_prot, UC_HOOK_MEM_PROT, (void *)on_prot, eng, 1, 0) !=
		    UC_ERR_OK) {
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "cannot add the memory hooks");
		return EL2_ERR_NOMEM;
	}
	eng->guest_view = in_guest(eng->pe);
	return EL2_OK;
}

/* The protections are the same in every world (RO and XN apply to all
 * code), so a world switch costs nothing: the hooks decide by the PE's
 * state at the time of the fault. */
void fault_world_changed(el2_engine *eng)
{
	eng->guest_view = in_guest(eng->pe);
}

/* ---- AT: the walk over simulated memory ---- */

static bool phys_read(void *ctx, uint64_t pa, uint64_t *val)
{
	const el2_engine *eng = ctx;
	return el2_mem_read(eng->mem, pa, val, sizeof(*val)) == EL2_OK;
}

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

void fault_at(el2_engine *eng, const el2_exec_result *r)
{
	el2_pe *pe = eng->pe;
	el2_at_result res;
	uint64_t ipa = 0;
	if (el2_at_walk_s2(pe, r->at_op, r->at_va, phys_read, flat_stage2, eng, &res, &ipa) !=
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
