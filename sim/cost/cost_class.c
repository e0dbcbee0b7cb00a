/* SPDX-License-Identifier: MIT */
/* Classifying executed A64 words for el2sim bench: the class (from
 * Capstone's instruction id, groups and operands), the bytes a load/store
 * moves (from the encoding's size field, ldst_decode.c, times the number
 * of registers transferred) and the registers read and written (Capstone's
 * cs_regs_access, corrected for MRS/MSR whose Capstone 4 entries are not
 * reliable). Results are cached per word. */
#include <capstone/capstone.h>
#include <stdbool.h>
#include <string.h>

#include "el2sim/cost.h"
#include "el2sim/sysreg.h"
#include "ldst_decode.h"

static const char *const class_names[EL2_CC__COUNT] = {
	[EL2_CC_ALU] = "alu",         [EL2_CC_BRANCH] = "branch",
	[EL2_CC_LOAD] = "load",       [EL2_CC_STORE] = "store",
	[EL2_CC_LDST_PAIR] = "ldst_pair", [EL2_CC_MRS] = "mrs",
	[EL2_CC_MSR] = "msr",         [EL2_CC_MSR_IMM] = "msr_imm",
	[EL2_CC_ISB] = "isb",         [EL2_CC_DSB_DMB] = "dsb_dmb",
	[EL2_CC_TLBI] = "tlbi",       [EL2_CC_AT] = "at",
	[EL2_CC_DC_IC] = "dc_ic",     [EL2_CC_ERET] = "eret",
	[EL2_CC_EXCEPTION] = "exception", [EL2_CC_FP] = "fp",
	[EL2_CC_OTHER] = "other",
};

const char *el2_cost_class_name(el2_cost_class c)
{
	return (unsigned)c < EL2_CC__COUNT ? class_names[c] : "?";
}

bool el2_cost_class_by_name(const char *name, el2_cost_class *out)
{
	for (unsigned c = 0; c < EL2_CC__COUNT; c++)
		if (name && !strcmp(name, class_names[c])) {
			*out = (el2_cost_class)c;
			return true;
		}
	return false;
}

/* One Capstone handle per thread, detail on. */
static _Thread_local csh handle;
static _Thread_local int handle_state; /* 0 unopened, 1 open, -1 failed */

static bool get_handle(void)
{
	if (handle_state == 0) {
		handle_state = -1;
		if (cs_open(CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN, &handle) == CS_ERR_OK) {
			if (cs_option(handle, CS_OPT_DETAIL, CS_OPT_ON) == CS_ERR_OK)
				handle_state = 1;
			else
				cs_close(&handle);
		}
	}
	return handle_state == 1;
}

/* Capstone register -> dependency id; -1 for XZR/WZR, NZCV and others. */
static int reg_id(unsigned r)
{
	if (r >= ARM64_REG_X0 && r <= ARM64_REG_X28)
		return (int)(r - ARM64_REG_X0);
	if (r >= ARM64_REG_W0 && r <= ARM64_REG_W30)
		return (int)(r - ARM64_REG_W0);
	if (r == ARM64_REG_X29)
		return 29;
	if (r == ARM64_REG_X30)
		return 30;
	if (r == ARM64_REG_SP || r == ARM64_REG_WSP)
		return (int)EL2_COST_REG_SP;
	static const unsigned fp_banks[] = {ARM64_REG_B0, ARM64_REG_H0, ARM64_REG_S0,
					    ARM64_REG_D0, ARM64_REG_Q0, ARM64_REG_V0};
	for (size_t b = 0; b < sizeof(fp_banks) / sizeof(fp_banks[0]); b++)
		if (r >= fp_banks[b] && r < fp_banks[b] + 32)
			return (int)(EL2_COST_REG_V0 + (r - fp_banks[b]));
	return -1;
}

static void add_reg(uint8_t *list, uint8_t *n, int id)
{
	if (id < 0 || *n >= EL2_COST_MAX_REGS)
		return;
	for (unsigned i = 0; i < *n; i++)
		if (list[i] == id)
			return;
	list[(*n)++] = (uint8_t)id;
}

static bool is_pair_id(unsigned id)
{
	switch (id) {
	case ARM64_INS_LDP: case ARM64_INS_LDNP: case ARM64_INS_LDPSW:
	case ARM64_INS_STP: case ARM64_INS_STNP:
	case ARM64_INS_LDXP: case ARM64_INS_LDAXP: case ARM64_INS_STXP: case ARM64_INS_STLXP:
		return true;
	default:
		return false;
	}
}

static bool is_branch_id(unsigned id)
{
	switch (id) {
	case ARM64_INS_B: case ARM64_INS_BL: case ARM64_INS_BR: case ARM64_INS_BLR:
	case ARM64_INS_RET: case ARM64_INS_CBZ: case ARM64_INS_CBNZ:
	case ARM64_INS_TBZ: case ARM64_INS_TBNZ:
		return true;
	default:
		return false;
	}
}

static bool has_group(const cs_insn *ci, unsigned g)
{
	for (unsigned i = 0; i < ci->detail->groups_count; i++)
		if (ci->detail->groups[i] == g)
			return true;
	return false;
}

/* Registers transferred by a load/store: the data-register operands
 * (REG operands; the address is a MEM operand, a post-index immediate an
 * IMM). Exclusive stores also name their status register, which is not
 * transferred. */
static unsigned transfer_regs(const cs_insn *ci, const ldst_info *li)
{
	const cs_arm64 *a = &ci->detail->arm64;
	unsigned n = 0;
	for (unsigned k = 0; k < a->op_count; k++)
		if (a->operands[k].type == ARM64_OP_REG)
			n++;
	if (li->cls == LDST_EXCLUSIVE && li->store && n > 0)
		n--;
	if (li->cls == LDST_ATOMIC && n > 1)
		n = 1; /* CAS/SWP/LDADD: one memory operand of the register's size */
	return n ? n : 1;
}

/* LD1-LD4/ST1-ST4 (multiple structures), DDI 0487 C4.1 "Advanced SIMD
 * load/store multiple structures": bits [15:12] give the number of
 * registers, Q (bit 30) 8 or 16 bytes each. 0 for other encodings. */
static unsigned multi_struct_bytes(uint32_t insn)
{
	if ((insn & 0xbf800000u) != 0x0c000000u && (insn & 0xbf800000u) != 0x0c800000u)
		return 0;
	static const uint8_t regs[16] = {[0x0] = 4, [0x2] = 4, [0x4] = 3, [0x6] = 3,
					 [0x7] = 1, [0x8] = 2, [0xa] = 2};
	return regs[(insn >> 12) & 0xfu] * ((insn >> 30) & 1u ? 16u : 8u);
}

static void classify_ldst(const cs_insn *ci, uint32_t insn, const ldst_info *li,
			  el2_insn_cost_info *o)
{
	unsigned bytes = (1u << li->size_log2) * transfer_regs(ci, li);
	if (li->cls == LDST_SIMD && multi_struct_bytes(insn))
		bytes = multi_struct_bytes(insn);
	if (li->cls == LDST_PREFETCH) {
		o->cls = EL2_CC_OTHER;
		return;
	}
	if (li->load)
		o->bytes_loaded = (uint16_t)bytes;
	if (li->store)
		o->bytes_stored = (uint16_t)bytes;
	if (is_pair_id(ci->id))
		o->cls = EL2_CC_LDST_PAIR;
	else
		o->cls = li->load ? EL2_CC_LOAD : EL2_CC_STORE;
}

static void classify_decoded(const cs_insn *ci, uint32_t insn, el2_insn_cost_info *o)
{
	ldst_info li;
	const cs_arm64 *a = &ci->detail->arm64;
	if (ldst_decode(insn, &li)) {
		classify_ldst(ci, insn, &li, o);
		return;
	}
	switch (ci->id) {
	case ARM64_INS_MRS:
		o->cls = EL2_CC_MRS;
		o->sysreg_enc = EL2_SYS_ENC_FROM_INSN(insn);
		return;
	case ARM64_INS_MSR:
		o->cls = EL2_CC_MSR;
		for (unsigned k = 0; k < a->op_count; k++)
			if (a->operands[k].type == ARM64_OP_PSTATE)
				o->cls = EL2_CC_MSR_IMM;
		if (o->cls == EL2_CC_MSR)
			o->sysreg_enc = EL2_SYS_ENC_FROM_INSN(insn);
		return;
	case ARM64_INS_ISB: o->cls = EL2_CC_ISB; return;
	case ARM64_INS_DSB: o->cls = EL2_CC_DSB_DMB; o->is_dsb = true; return;
	case ARM64_INS_DMB: o->cls = EL2_CC_DSB_DMB; return;
	case ARM64_INS_TLBI: o->cls = EL2_CC_TLBI; return;
	case ARM64_INS_AT: o->cls = EL2_CC_AT; return;
	case ARM64_INS_DC: case ARM64_INS_IC: o->cls = EL2_CC_DC_IC; return;
	case ARM64_INS_ERET: o->cls = EL2_CC_ERET; return;
	default: break;
	}
	if (is_branch_id(ci->id) || has_group(ci, ARM64_GRP_JUMP) || has_group(ci, ARM64_GRP_CALL) ||
	    has_group(ci, ARM64_GRP_RET))
		o->cls = EL2_CC_BRANCH;
	else if (has_group(ci, ARM64_GRP_INT) || has_group(ci, ARM64_GRP_PRIVILEGE))
		o->cls = EL2_CC_OTHER;   /* HVC/SVC/SMC/BRK, other system instructions */
	else if (has_group(ci, ARM64_GRP_FPARMV8) || has_group(ci, ARM64_GRP_NEON) ||
		 has_group(ci, ARM64_GRP_CRYPTO))
		o->cls = EL2_CC_FP;
	else if (ci->id == ARM64_INS_NOP || ci->id == ARM64_INS_HINT || ci->id == ARM64_INS_WFI ||
		 ci->id == ARM64_INS_WFE || ci->id == ARM64_INS_YIELD || ci->id == ARM64_INS_SEV ||
		 ci->id == ARM64_INS_SEVL || ci->id == ARM64_INS_CLREX || ci->id == ARM64_INS_HVC ||
		 ci->id == ARM64_INS_SVC || ci->id == ARM64_INS_SMC || ci->id == ARM64_INS_BRK ||
		 ci->id == ARM64_INS_HLT || ci->id == ARM64_INS_SYS || ci->id == ARM64_INS_SYSL)
		o->cls = EL2_CC_OTHER;
	else
		o->cls = EL2_CC_ALU;
}

static void collect_regs(const cs_insn *ci, uint32_t insn, el2_insn_cost_info *o)
{
	unsigned rt = insn & 31u;
	if (o->cls == EL2_CC_MRS) {
		/* MRS <Xt>, reg: writes Xt (31 = XZR: nothing). */
		if (rt != 31)
			add_reg(o->dst, &o->n_dst, (int)rt);
		return;
	}
	if (o->cls == EL2_CC_MSR || o->cls == EL2_CC_AT || o->cls == EL2_CC_TLBI ||
	    o->cls == EL2_CC_DC_IC) {
		if (rt != 31)
			add_reg(o->src, &o->n_src, (int)rt);
		return;
	}
	if (o->cls == EL2_CC_MSR_IMM)
		return;
	cs_regs rd, wr;
	uint8_t nr = 0, nw = 0;
	if (cs_regs_access(handle, ci, rd, &nr, wr, &nw) != CS_ERR_OK)
		return;
	for (unsigned k = 0; k < nr; k++)
		add_reg(o->src, &o->n_src, reg_id(rd[k]));
	for (unsigned k = 0; k < nw; k++)
		add_reg(o->dst, &o->n_dst, reg_id(wr[k]));
}

static void classify_uncached(uint32_t insn, el2_insn_cost_info *o)
{
	memset(o, 0, sizeof(*o));
	o->cls = EL2_CC_OTHER;
	if (!get_handle())
		return;
	uint8_t bytes[4] = {(uint8_t)insn, (uint8_t)(insn >> 8), (uint8_t)(insn >> 16),
			    (uint8_t)(insn >> 24)};
	cs_insn *ci = NULL;
	if (cs_disasm(handle, bytes, 4, 0x1000, 1, &ci) == 1) {
		classify_decoded(ci, insn, o);
		collect_regs(ci, insn, o);
	}
	if (ci)
		cs_free(ci, 1);
}

/* Direct-mapped cache: a world switch runs a few hundred distinct words. */
#define CACHE_SIZE 1024u
static _Thread_local struct {
	uint32_t word;
	bool valid;
	el2_insn_cost_info info;
} cache[CACHE_SIZE];

void el2_cost_classify(uint32_t insn, el2_insn_cost_info *out)
{
	unsigned slot = (insn * 2654435761u) >> 22; /* 10 bits: Fibonacci hash */
	if (cache[slot].valid && cache[slot].word == insn) {
		*out = cache[slot].info;
		return;
	}
	classify_uncached(insn, out);
	cache[slot].word = insn;
	cache[slot].valid = true;
	cache[slot].info = *out;
}
