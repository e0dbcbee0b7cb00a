/* SPDX-License-Identifier: MIT */
#include "el2sim/err.h"

static const char *const messages[EL2_ERR__COUNT] = {
	[EL2_OK] = "success",
	[EL2_ERR_INVALID_ARG] = "invalid argument (NULL pointer or value out of range)",
	[EL2_ERR_NOMEM] = "out of memory",
	[EL2_ERR_UNKNOWN_REG] = "no such register",
	[EL2_ERR_BAD_CONFIG] = "inconsistent PE configuration",
	[EL2_ERR_READ_ONLY] = "register is read-only in this configuration",
	[EL2_ERR_SNAPSHOT_MISMATCH] = "snapshot was taken from a PE with a different configuration",
	[EL2_ERR_NO_PENDING_AT] = "no address translation instruction is waiting for a result",
	[EL2_ERR_IO] = "file cannot be opened or read",
	[EL2_ERR_ELF_MALFORMED] = "not a well-formed ELF file (bad magic, truncated or inconsistent headers)",
	[EL2_ERR_ELF_MACHINE] = "not a 64-bit little-endian AArch64 ELF file",
	[EL2_ERR_ELF_RELOC_UNSUPPORTED] = "relocation type not supported by the loader",
	[EL2_ERR_ELF_RELOC_RANGE] = "relocated value does not fit its instruction field",
	[EL2_ERR_UNKNOWN_SYMBOL] = "no such symbol",
	[EL2_ERR_MEM_OVERLAP] = "memory region overlaps another region",
	[EL2_ERR_MEM_UNMAPPED] = "address is not in any mapped memory region",
	[EL2_ERR_NOT_FOUND] = "no such name",
	[EL2_ERR_UNSUPPORTED] = "not applicable to this input",
	[EL2_ERR_PROFILE_SYNTAX] = "the profile breaks the rules of its format (docs/layout.md)",
};

const char *el2_strerror(el2_err err)
{
	if ((unsigned)err < EL2_ERR__COUNT && messages[err])
		return messages[err];
	return "unknown el2sim error";
}
