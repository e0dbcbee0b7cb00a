/* SPDX-License-Identifier: MIT */
/* el2sim error values. No library function prints or aborts: every failure
 * is one of these, and el2_strerror() gives a sentence for it. */
#ifndef EL2SIM_ERR_H
#define EL2SIM_ERR_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum el2_err {
	EL2_OK = 0,
	/* Any function: a NULL pointer or an out-of-range argument. */
	EL2_ERR_INVALID_ARG,
	/* el2_pe_new, el2_snapshot_take: allocation failed. */
	EL2_ERR_NOMEM,
	/* el2_reg_read/write, el2_reg_by_name: no register with that id or name. */
	EL2_ERR_UNKNOWN_REG,
	/* el2_pe_new: the configuration names an impossible combination
	 * (e.g. FEAT_VHE without EL2, FEAT_PAN2 without FEAT_PAN). */
	EL2_ERR_BAD_CONFIG,
	/* el2_reg_write: register is read-only in this configuration. */
	EL2_ERR_READ_ONLY,
	/* el2_snapshot_restore/diff: snapshot belongs to a different configuration. */
	EL2_ERR_SNAPSHOT_MISMATCH,
	/* el2_at_complete: no address translation is pending. */
	EL2_ERR_NO_PENDING_AT,
	/* ---- engine (sim/) ---- */
	/* el2_elf_load*: file cannot be opened or read. */
	EL2_ERR_IO,
	/* el2_elf_load*: not an ELF file, truncated, or inconsistent headers. */
	EL2_ERR_ELF_MALFORMED,
	/* el2_elf_load*: not a 64-bit little-endian AArch64 ELF. */
	EL2_ERR_ELF_MACHINE,
	/* el2_elf_load*: relocation type the loader does not implement. */
	EL2_ERR_ELF_RELOC_UNSUPPORTED,
	/* el2_elf_load*: relocated value does not fit its field. */
	EL2_ERR_ELF_RELOC_RANGE,
	/* symbol look-ups: no symbol of that name (or an undefined one). */
	EL2_ERR_UNKNOWN_SYMBOL,
	/* el2_mem_add: region overlaps another or wraps around. */
	EL2_ERR_MEM_OVERLAP,
	/* memory access or load outside every mapped region. */
	EL2_ERR_MEM_UNMAPPED,
	/* a named thing (scenario, cost model, phase...) does not exist. */
	EL2_ERR_NOT_FOUND,
	/* the request does not apply to this input (e.g. a scenario the
	 * profile has no memory for). */
	EL2_ERR_UNSUPPORTED,
	/* a profile (docs/layout.md) breaks the rules of its format: found by
	 * reading the profile alone (bad syntax, unknown key, section or
	 * register name, a value out of its range, a key given twice, keys
	 * that contradict each other). The message names the line. */
	EL2_ERR_PROFILE_SYNTAX,
	EL2_ERR__COUNT
} el2_err;

/* A sentence describing the error; never NULL, also for unknown values. */
const char *el2_strerror(el2_err err);

#ifdef __cplusplus
}
#endif
#endif
