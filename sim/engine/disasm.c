/* SPDX-License-Identifier: MIT */
/* A64 disassembly through Capstone (4.0.2 in Debian 12), with the system-
 * register table filling in names Capstone prints only generically. */
#include <capstone/capstone.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "el2sim/disasm.h"
#include "el2sim/sysreg.h"

/* One handle per thread, opened on first use. */
static _Thread_local csh handle;
static _Thread_local bool handle_open;
static _Thread_local bool handle_failed;

static bool get_handle(void)
{
	if (handle_open)
		return true;
	if (handle_failed)
		return false;
	if (cs_open(CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN, &handle) != CS_ERR_OK) {
		handle_failed = true;
		return false;
	}
	handle_open = true;
	return true;
}

void el2_disasm_release(void)
{
	if (handle_open)
		cs_close(&handle);
	handle_open = false;
	handle_failed = false;
}

/* MRS/MSR (register) and SYS/SYSL: bits [31:22] = 1101010100, bit [20] set
 * for op0 2/3 (MRS/MSR) or bits [20:19] = 01 for op0 = 1 (SYS/SYSL). The
 * encoding key is bits [20:5] either way. */
static bool is_sysreg_form(uint32_t insn)
{
	if ((insn & 0xffc00000u) != 0xd5000000u)
		return false;
	return (insn & (1u << 20)) || (insn & (3u << 19)) == (1u << 19);
}

/* Does text contain a generic register name (s<op0>_<op1>_c<n>_c<m>_<op2>)
 * or a generic "sys"/"sysl" form, which the table can name better? */
static bool has_generic_name(const char *text)
{
	if (!strncmp(text, "sys ", 4) || !strncmp(text, "sysl ", 5))
		return true;
	for (const char *p = text; (p = strchr(p, 's')) != NULL; p++) {
		if (p != text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue;
		if (p[1] >= '0' && p[1] <= '3' && p[2] == '_' && isdigit((unsigned char)p[3]) &&
		    p[4] == '_' && p[5] == 'c')
			return true;
	}
	return false;
}

size_t el2_disasm(uint32_t insn, uint64_t pc, char *buf, size_t len)
{
	char tmp[256];
	int n = -1;
	bool decoded = false;
	if (get_handle()) {
		uint8_t bytes[4] = {(uint8_t)insn, (uint8_t)(insn >> 8), (uint8_t)(insn >> 16),
				    (uint8_t)(insn >> 24)};
		cs_insn *ci = NULL;
		if (cs_disasm(handle, bytes, 4, pc, 1, &ci) == 1) {
			if (ci->op_str[0])
				n = snprintf(tmp, sizeof(tmp), "%s %s", ci->mnemonic, ci->op_str);
			else
				n = snprintf(tmp, sizeof(tmp), "%s", ci->mnemonic);
			decoded = true;
		}
		if (ci)
			cs_free(ci, 1);
	}
	if (!decoded) {
		/* UDF #imm16 is the permanently undefined encoding with bits
		 * [31:16] zero; Capstone 4 does not know it. */
		if ((insn >> 16) == 0)
			n = snprintf(tmp, sizeof(tmp), "udf #0x%x", insn & 0xffffu);
		else
			n = snprintf(tmp, sizeof(tmp), ".inst 0x%08x", insn);
	} else if (n > 0 && (size_t)n < sizeof(tmp) && is_sysreg_form(insn) &&
		   has_generic_name(tmp)) {
		el2_sysreg id = el2_sysreg_by_enc(EL2_SYS_ENC_FROM_INSN(insn));
		const el2_sysreg_info *info = el2_sysreg_get(id);
		if (info)
			n = snprintf(tmp + n, sizeof(tmp) - (size_t)n, " // %s", info->name) + n;
	}
	if (n < 0)
		n = 0;
	if (len)
		snprintf(buf, len, "%s", tmp);
	return (size_t)n;
}
