/* SPDX-License-Identifier: MIT */
/* ESR_ELx as text: exception class, IL and the decoded ISS (Arm ARM DDI
 * 0487 J.a, D19.2 ESR_EL1/ESR_EL2 field descriptions). */
#include <stdarg.h>
#include <stdio.h>

#include "pe_internal.h"

struct ec_info {
	const char *name;
	const char *meaning;
};

/* Every EC value allocated in DDI 0487 J.a for exceptions to AArch64. */
static const struct ec_info ecs[64] = {
	[0x00] = {"UNKNOWN", "Unknown reason"},
	[0x01] = {"WFX", "Trapped WFI or WFE instruction"},
	[0x03] = {"CP15_32", "Trapped MCR or MRC access with coproc=0b1111"},
	[0x04] = {"CP15_64", "Trapped MCRR or MRRC access with coproc=0b1111"},
	[0x05] = {"CP14_MR", "Trapped MCR or MRC access with coproc=0b1110"},
	[0x06] = {"CP14_LS", "Trapped LDC or STC access"},
	[0x07] = {"FP_ASIMD", "Access to SVE, Advanced SIMD or floating-point functionality trapped"},
	[0x08] = {"CP10_ID", "Trapped VMRS access"},
	[0x09] = {"PAC", "Trapped Pointer Authentication instruction"},
	[0x0a] = {"LS64", "Trapped LD64B, ST64B, ST64BV or ST64BV0 instruction"},
	[0x0c] = {"CP14_64", "Trapped MRRC access with coproc=0b1110"},
	[0x0d] = {"BTI", "Branch Target Exception"},
	[0x0e] = {"ILLEGAL_STATE", "Illegal Execution state"},
	[0x11] = {"SVC32", "SVC instruction execution in AArch32 state"},
	[0x12] = {"HVC32", "HVC instruction execution in AArch32 state"},
	[0x13] = {"SMC32", "SMC instruction execution in AArch32 state"},
	[0x15] = {"SVC64", "SVC instruction execution in AArch64 state"},
	[0x16] = {"HVC64", "HVC instruction execution in AArch64 state"},
	[0x17] = {"SMC64", "SMC instruction execution in AArch64 state"},
	[0x18] = {"SYS64", "Trapped MSR, MRS or System instruction execution in AArch64 state"},
	[0x19] = {"SVE", "Access to SVE functionality trapped"},
	[0x1a] = {"ERET", "Trapped ERET, ERETAA or ERETAB instruction"},
	[0x1b] = {"TSTART", "Exception from a TSTART instruction"},
	[0x1c] = {"FPAC", "Pointer Authentication instruction authentication failure"},
	[0x1d] = {"SME", "Access to SME functionality trapped"},
	[0x1e] = {"GPC", "Granule Protection Check exception"},
	[0x1f] = {"IMP_DEF", "IMPLEMENTATION DEFINED exception taken to EL3"},
	[0x20] = {"IABT_LOW", "Instruction Abort from a lower Exception level"},
	[0x21] = {"IABT_CUR", "Instruction Abort taken without a change in Exception level"},
	[0x22] = {"PC_ALIGN", "PC alignment fault"},
	[0x24] = {"DABT_LOW", "Data Abort from a lower Exception level"},
	[0x25] = {"DABT_CUR", "Data Abort taken without a change in Exception level"},
	[0x26] = {"SP_ALIGN", "SP alignment fault"},
	[0x27] = {"MOPS", "Memory Operation Exception"},
	[0x28] = {"FP_EXC32", "Trapped floating-point exception from AArch32 state"},
	[0x2c] = {"FP_EXC64", "Trapped floating-point exception from AArch64 state"},
	[0x2f] = {"SERROR", "SError interrupt"},
	[0x30] = {"BREAKPT_LOW", "Breakpoint exception from a lower Exception level"},
	[0x31] = {"BREAKPT_CUR", "Breakpoint exception taken without a change in Exception level"},
	[0x32] = {"SOFTSTP_LOW", "Software Step exception from a lower Exception level"},
	[0x33] = {"SOFTSTP_CUR", "Software Step exception taken without a change in Exception level"},
	[0x34] = {"WATCHPT_LOW", "Watchpoint exception from a lower Exception level"},
	[0x35] = {"WATCHPT_CUR", "Watchpoint exception taken without a change in Exception level"},
	[0x38] = {"BKPT32", "BKPT instruction execution in AArch32 state"},
	[0x3a] = {"VECTOR32", "Vector Catch exception from AArch32 state"},
	[0x3c] = {"BRK64", "BRK instruction execution in AArch64 state"},
};

const char *el2_ec_name(unsigned ec)
{
	if (ec < 64 && ecs[ec].name)
		return ecs[ec].name;
	return "UNALLOCATED";
}

/* snprintf-style accumulation: len counts what the full text needs. */
struct out {
	char *buf;
	size_t size, len;
};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *dst = NULL;
	size_t room = 0;
	if (o->len < o->size) {
		dst = o->buf + o->len;
		room = o->size - o->len;
	}
	int n = vsnprintf(dst, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
}

static void put_reg(struct out *o, unsigned rt)
{
	if (rt == 31)
		put(o, "xzr");
	else
		put(o, "x%u", rt);
}

/* DFSC/IFSC meanings (D19.2 ESR_ELx, ISS encoding for Data/Instruction
 * Abort). */
static void put_fsc(struct out *o, unsigned fsc)
{
	static const char *const table_kind[16] = {
		[0x0] = "Address size fault", [0x1] = "Translation fault",
		[0x2] = "Access flag fault", [0x3] = "Permission fault",
		[0x5] = "Synchronous External abort on translation table walk",
		[0x7] = "Synchronous parity or ECC error on memory access on translation table walk",
	};
	const char *s = NULL;
	switch (fsc) {
	case 0x10: s = "Synchronous External abort, not on translation table walk"; break;
	case 0x11: s = "Synchronous Tag Check Fault"; break;
	case 0x18: s = "Synchronous parity or ECC error on memory access, not on translation table walk"; break;
	case 0x21: s = "Alignment fault"; break;
	case 0x22: s = "Debug exception"; break;
	case 0x29: s = "Address size fault, level -1"; break;
	case 0x2b: s = "Translation fault, level -1"; break;
	case 0x30: s = "TLB conflict abort"; break;
	case 0x31: s = "Unsupported atomic hardware update fault"; break;
	case 0x34: s = "IMPLEMENTATION DEFINED fault (Lockdown)"; break;
	case 0x35: s = "IMPLEMENTATION DEFINED fault (Unsupported Exclusive or Atomic access)"; break;
	default: break;
	}
	if (s) {
		put(o, "0x%02x (%s)", fsc, s);
	} else if (fsc < 0x20 && table_kind[fsc >> 2]) {
		put(o, "0x%02x (%s, level %u)", fsc, table_kind[fsc >> 2], fsc & 3u);
	} else {
		put(o, "0x%02x (reserved)", fsc);
	}
}

static void describe_cv_cond(struct out *o, uint32_t iss)
{
	put(o, " CV=%u COND=0x%x", (iss >> 24) & 1u, (iss >> 20) & 0xfu);
}

static void describe_wfx(struct out *o, uint32_t iss)
{
	static const char *const ti[4] = {"WFI", "WFE", "WFIT", "WFET"};
	describe_cv_cond(o, iss);
	put(o, " TI=%u (%s)", iss & 3u, ti[iss & 3u]);
}

/* MSR (immediate) PSTATE field names by op1:op2 (C5.1.3 / C6 MSR imm). */
static const char *pstate_field(unsigned op1, unsigned op2)
{
	switch ((op1 << 3) | op2) {
	case 003: return "UAO";
	case 004: return "PAN";
	case 005: return "SPSel";
	case 031: return "SSBS";
	case 032: return "DIT";
	case 034: return "TCO";
	case 036: return "DAIFSet";
	case 037: return "DAIFClr";
	default: return NULL;
	}
}

static void describe_sys64(struct out *o, uint32_t iss)
{
	unsigned op0 = (iss >> 20) & 3u, op2 = (iss >> 17) & 7u, op1 = (iss >> 14) & 7u;
	unsigned crn = (iss >> 10) & 15u, rt = (iss >> 5) & 31u, crm = (iss >> 1) & 15u;
	bool read = iss & 1u;
	put(o, " Op0=%u Op1=%u CRn=%u CRm=%u Op2=%u Rt=%u Direction=%s: ", op0, op1, crn, crm,
	    op2, rt, read ? "read" : "write");

	if (op0 == 0) {
		const char *f = pstate_field(op1, op2);
		if (f)
			put(o, "MSR %s, #%u", f, crm);
		else
			put(o, "MSR S0_%u_C%u_C%u_%u, #%u", op1, crn, crm, op2, crm);
		return;
	}
	el2_sysreg id = el2_sysreg_by_enc(el2_sysreg_enc_from_iss(iss));
	const el2_sysreg_info *ri = id != EL2_SR_NONE ? el2_sysreg_get(id) : NULL;
	char name[40];
	if (ri)
		snprintf(name, sizeof(name), "%s", ri->name);
	else
		snprintf(name, sizeof(name), "S%u_%u_C%u_C%u_%u", op0, op1, crn, crm, op2);
	if (op0 == 1) {
		put(o, "%s %s, ", read ? "SYSL" : "SYS", name);
		put_reg(o, rt);
	} else if (read) {
		put(o, "MRS ");
		put_reg(o, rt);
		put(o, ", %s", name);
	} else {
		put(o, "MSR %s, ", name);
		put_reg(o, rt);
	}
}

static void describe_abort(struct out *o, unsigned ec, uint32_t iss)
{
	bool data = ec == EL2_EC_DABT_LOW || ec == EL2_EC_DABT_CUR;
	if (data) {
		static const char *const sas[4] = {"byte", "halfword", "word", "doubleword"};
		unsigned isv = (iss >> 24) & 1u;
		put(o, " ISV=%u", isv);
		if (isv) {
			put(o, " SAS=%s SSE=%u SRT=", sas[(iss >> 22) & 3u], (iss >> 21) & 1u);
			put_reg(o, (iss >> 16) & 31u);
			put(o, " SF=%u AR=%u", (iss >> 15) & 1u, (iss >> 14) & 1u);
		}
	}
	put(o, " FnV=%u EA=%u", (iss >> 10) & 1u, (iss >> 9) & 1u);
	if (data)
		put(o, " CM=%u", (iss >> 8) & 1u);
	put(o, " S1PTW=%u", (iss >> 7) & 1u);
	if (data)
		put(o, " WnR=%u (%s)", (iss >> 6) & 1u, ((iss >> 6) & 1u) ? "write" : "read");
	put(o, " %s=", data ? "DFSC" : "IFSC");
	put_fsc(o, iss & 0x3fu);
}

static void describe_serror(struct out *o, uint32_t iss)
{
	unsigned ids = (iss >> 24) & 1u;
	put(o, " IDS=%u", ids);
	if (ids) {
		put(o, " ISS[23:0]=0x%06x (IMPLEMENTATION DEFINED syndrome)", iss & 0xffffffu);
		return;
	}
	static const char *const aet[8] = {"UC (Uncontainable)", "UEU (Unrecoverable)",
					   "UEO (Restartable)", "UER (Recoverable)",
					   "reserved", "reserved", "CE (Corrected)", "reserved"};
	unsigned dfsc = iss & 0x3fu;
	put(o, " IESB=%u AET=%u %s EA=%u DFSC=0x%02x (%s)", (iss >> 13) & 1u, (iss >> 10) & 7u,
	    aet[(iss >> 10) & 7u], (iss >> 9) & 1u, dfsc,
	    dfsc == 0x00 ? "Uncategorized error" :
	    dfsc == 0x11 ? "Asynchronous SError interrupt" : "reserved");
}

size_t el2_esr_describe(uint32_t esr, char *buf, size_t size)
{
	struct out o = {.buf = buf, .size = buf ? size : 0, .len = 0};
	if (o.size)
		buf[0] = '\0';
	unsigned ec = EL2_ESR_EC(esr);
	uint32_t iss = esr & EL2_ESR_ISS_MASK;
	const char *meaning = ec < 64 && ecs[ec].meaning ? ecs[ec].meaning : "unallocated exception class";
	put(&o, "EC=0x%02x %s (%s) IL=%u", ec, el2_ec_name(ec), meaning, (esr & EL2_ESR_IL) ? 1u : 0u);

	switch (ec) {
	case EL2_EC_UNKNOWN:
	case EL2_EC_ILLEGAL_STATE:
	case EL2_EC_PC_ALIGN:
	case EL2_EC_SP_ALIGN:
		if (iss)
			put(&o, " ISS=0x%07x (RES0 bits set)", iss);
		break;
	case EL2_EC_WFX:
		describe_wfx(&o, iss);
		break;
	case EL2_EC_FP_ASIMD:
		describe_cv_cond(&o, iss);
		break;
	case EL2_EC_SVC64:
	case EL2_EC_HVC64:
	case EL2_EC_SMC64:
		put(&o, " imm16=0x%04x", iss & 0xffffu);
		break;
	case EL2_EC_SYS64:
		describe_sys64(&o, iss);
		break;
	case EL2_EC_IABT_LOW:
	case EL2_EC_IABT_CUR:
	case EL2_EC_DABT_LOW:
	case EL2_EC_DABT_CUR:
		describe_abort(&o, ec, iss);
		break;
	case EL2_EC_SERROR:
		describe_serror(&o, iss);
		break;
	case EL2_EC_BRK64:
		put(&o, " comment=0x%04x", iss & 0xffffu);
		break;
	default:
		put(&o, " ISS=0x%07x", iss);
		break;
	}
	return o.len;
}
