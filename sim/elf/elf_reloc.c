/* SPDX-License-Identifier: MIT */
/* AArch64 static relocations for ET_REL objects, exactly as "ELF for the Arm
 * 64-bit Architecture (AArch64)" (AAELF64, release 2023Q1) specifies in
 * section "Relocation" > "Relocation types":
 *   "Static Data relocations"          table "Data relocations"
 *   "Static AArch64 relocations"       tables "Group relocations to create a
 *       16-, 32-, 48-, or 64-bit unsigned data value or address inline",
 *       "Relocations to generate 19, 21 and 33 bit PC-relative addresses",
 *       "Relocations for control-flow instructions - all offsets are a
 *       multiple of 4"
 * Nomenclature (AAELF64 "Relocation operations"): S symbol address, A addend,
 * P place address, X the result before masking, Page(e) = e & ~0xFFF.
 * Range checks are applied to X before masking; "_NC" types never check
 * overflow. */
#include <elf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "elf_internal.h"
#include "elf_reloc_names.h"

el2_err elf_fail(char *errbuf, size_t errlen, el2_err err, const char *fmt, ...)
{
	if (errbuf && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(errbuf, errlen, fmt, ap);
		va_end(ap);
	}
	return err;
}

const char *elf_reloc_name(uint32_t type)
{
	for (size_t i = 0; i < sizeof(reloc_names) / sizeof(reloc_names[0]); i++)
		if (reloc_names[i].code == type)
			return reloc_names[i].name;
	return NULL;
}

/* AAELF64 "Relocation codes disambiguation": both (0) and (256) are NONE. */
int elf_reloc_is_none(uint32_t type)
{
	return type == R_AARCH64_NONE || type == 256;
}

unsigned elf_reloc_place_size(uint32_t type)
{
	switch (type) {
	case R_AARCH64_ABS64:
	case R_AARCH64_PREL64:
		return 8;
	case R_AARCH64_ABS32:
	case R_AARCH64_PREL32:
	case R_AARCH64_MOVW_UABS_G0:
	case R_AARCH64_MOVW_UABS_G0_NC:
	case R_AARCH64_MOVW_UABS_G1:
	case R_AARCH64_MOVW_UABS_G1_NC:
	case R_AARCH64_MOVW_UABS_G2:
	case R_AARCH64_MOVW_UABS_G2_NC:
	case R_AARCH64_MOVW_UABS_G3:
	case R_AARCH64_LD_PREL_LO19:
	case R_AARCH64_ADR_PREL_LO21:
	case R_AARCH64_ADR_PREL_PG_HI21:
	case R_AARCH64_ADR_PREL_PG_HI21_NC:
	case R_AARCH64_ADD_ABS_LO12_NC:
	case R_AARCH64_LDST8_ABS_LO12_NC:
	case R_AARCH64_LDST16_ABS_LO12_NC:
	case R_AARCH64_LDST32_ABS_LO12_NC:
	case R_AARCH64_LDST64_ABS_LO12_NC:
	case R_AARCH64_LDST128_ABS_LO12_NC:
	case R_AARCH64_TSTBR14:
	case R_AARCH64_CONDBR19:
	case R_AARCH64_JUMP26:
	case R_AARCH64_CALL26:
		return 4;
	default:
		return 0;
	}
}

/* ---- little-endian place access (independent of the host's order) ---- */
static uint64_t get_le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* Bits [msb:lsb] of v, shifted down. */
static uint64_t bits(uint64_t v, unsigned msb, unsigned lsb)
{
	unsigned w = msb - lsb + 1;
	uint64_t m = w >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << w) - 1;
	return (v >> lsb) & m;
}

/* Replaces instruction field [lsb + width - 1 : lsb] with val. */
static uint32_t set_field(uint32_t insn, unsigned lsb, unsigned width, uint64_t val)
{
	uint32_t m = (uint32_t)(((UINT64_C(1) << width) - 1) << lsb);
	return (insn & ~m) | ((uint32_t)(val << lsb) & m);
}

static int64_t sext(uint64_t v, unsigned width)
{
	uint64_t sign = UINT64_C(1) << (width - 1);
	v &= (sign << 1) - 1;
	return (int64_t)((v ^ sign) - sign);
}

/* -2^n <= x < 2^n for signed x. */
static int in_signed_range(int64_t x, unsigned n)
{
	return x >= -(INT64_C(1) << n) && x < (INT64_C(1) << n);
}

static el2_err out_of_range_pc(const char *name, const char *where, int64_t x,
			       char *errbuf, size_t errlen)
{
	uint64_t mag = x < 0 ? -(uint64_t)x : (uint64_t)x;
	return elf_fail(errbuf, errlen, EL2_ERR_ELF_RELOC_RANGE,
			"relocation %s at %s: target out of range (%c0x%" PRIx64 " bytes)",
			name, where, x < 0 ? '-' : '+', mag);
}

static el2_err out_of_range_abs(const char *name, const char *where, uint64_t x,
				const char *allowed, char *errbuf, size_t errlen)
{
	return elf_fail(errbuf, errlen, EL2_ERR_ELF_RELOC_RANGE,
			"relocation %s at %s: value 0x%" PRIx64 " out of range (%s)",
			name, where, x, allowed);
}

static el2_err misaligned(const char *name, const char *where, uint64_t x, unsigned align,
			  char *errbuf, size_t errlen)
{
	return elf_fail(errbuf, errlen, EL2_ERR_ELF_RELOC_RANGE,
			"relocation %s at %s: value 0x%" PRIx64 " is not a multiple of %u",
			name, where, x, align);
}

/* Log2 of the access size of the LDSTn_ABS_LO12_NC types. */
static unsigned ldst_shift(uint32_t type)
{
	switch (type) {
	case R_AARCH64_LDST16_ABS_LO12_NC: return 1;
	case R_AARCH64_LDST32_ABS_LO12_NC: return 2;
	case R_AARCH64_LDST64_ABS_LO12_NC: return 3;
	case R_AARCH64_LDST128_ABS_LO12_NC: return 4;
	default: return 0;
	}
}

/* MOVW_UABS_Gn: group n (bits [16n+15:16n]) and, for the checking forms,
 * the bound 2^(16(n+1)) of "check that 0 <= X < 2^..."; 0 = no check. */
static int movw_uabs(uint32_t type, unsigned *group, unsigned *check_bits)
{
	static const struct { uint32_t type; unsigned group, check_bits; } t[] = {
		{ R_AARCH64_MOVW_UABS_G0, 0, 16 }, { R_AARCH64_MOVW_UABS_G0_NC, 0, 0 },
		{ R_AARCH64_MOVW_UABS_G1, 1, 32 }, { R_AARCH64_MOVW_UABS_G1_NC, 1, 0 },
		{ R_AARCH64_MOVW_UABS_G2, 2, 48 }, { R_AARCH64_MOVW_UABS_G2_NC, 2, 0 },
		{ R_AARCH64_MOVW_UABS_G3, 3, 0 },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (t[i].type == type) {
			*group = t[i].group;
			*check_bits = t[i].check_bits;
			return 1;
		}
	}
	return 0;
}

/* Table "Data relocations". */
static el2_err apply_data(uint32_t type, const char *name, uint8_t *place, uint64_t S,
			  int64_t A, uint64_t P, const char *where, char *errbuf, size_t errlen)
{
	uint64_t x = S + (uint64_t)A;

	switch (type) {
	case R_AARCH64_ABS64: /* S + A, no overflow check */
		put_le(place, x, 8);
		return EL2_OK;
	case R_AARCH64_PREL64: /* S + A - P, no overflow check */
		put_le(place, x - P, 8);
		return EL2_OK;
	case R_AARCH64_ABS32: /* S + A, check -2^31 <= X < 2^32 */
		if ((int64_t)x < -(INT64_C(1) << 31) || (int64_t)x >= (INT64_C(1) << 32))
			return out_of_range_abs(name, where, x, "allowed -2^31 <= X < 2^32",
						errbuf, errlen);
		put_le(place, x, 4);
		return EL2_OK;
	default: /* R_AARCH64_PREL32: S + A - P, check -2^31 <= X < 2^31 */
		x -= P;
		if (!in_signed_range((int64_t)x, 31))
			return out_of_range_pc(name, where, (int64_t)x, errbuf, errlen);
		put_le(place, x, 4);
		return EL2_OK;
	}
}

/* PC-relative instruction relocations: returns X = S + A - P (or the page
 * difference) after its range and alignment checks. */
static el2_err apply_pcrel(uint32_t type, const char *name, uint32_t *insn, uint64_t S,
			   int64_t A, uint64_t P, const char *where, char *errbuf, size_t errlen)
{
	int64_t x = (int64_t)(S + (uint64_t)A - P);
	unsigned range_bits = 0, lsb = 5, width = 19, shift = 2;

	switch (type) {
	case R_AARCH64_ADR_PREL_PG_HI21:
	case R_AARCH64_ADR_PREL_PG_HI21_NC: {
		/* X = Page(S+A) - Page(P); ADRP imm = X[32:12]; check -2^32 <= X < 2^32 */
		uint64_t page_sa = (S + (uint64_t)A) & ~UINT64_C(0xfff);
		x = (int64_t)(page_sa - (P & ~UINT64_C(0xfff)));
		if (type == R_AARCH64_ADR_PREL_PG_HI21 && !in_signed_range(x, 32))
			return out_of_range_pc(name, where, x, errbuf, errlen);
		*insn = set_field(*insn, 29, 2, bits((uint64_t)x, 13, 12));
		*insn = set_field(*insn, 5, 19, bits((uint64_t)x, 32, 14));
		return EL2_OK;
	}
	case R_AARCH64_ADR_PREL_LO21: /* ADR imm = X[20:0]; check -2^20 <= X < 2^20 */
		if (!in_signed_range(x, 20))
			return out_of_range_pc(name, where, x, errbuf, errlen);
		*insn = set_field(*insn, 29, 2, bits((uint64_t)x, 1, 0));
		*insn = set_field(*insn, 5, 19, bits((uint64_t)x, 20, 2));
		return EL2_OK;
	case R_AARCH64_LD_PREL_LO19: /* imm19 = X[20:2]; -2^20 <= X < 2^20 */
	case R_AARCH64_CONDBR19:
		range_bits = 20;
		break;
	case R_AARCH64_TSTBR14: /* imm14 = X[15:2]; -2^15 <= X < 2^15 */
		range_bits = 15;
		width = 14;
		break;
	default: /* JUMP26, CALL26: imm26 = X[27:2]; -2^27 <= X < 2^27 */
		range_bits = 27;
		lsb = 0;
		width = 26;
		break;
	}
	if (!in_signed_range(x, range_bits))
		return out_of_range_pc(name, where, x, errbuf, errlen);
	/* The control-flow table's title: all offsets are a multiple of 4;
	 * the load-literal field likewise holds X[20:2]. */
	if (x & 3)
		return misaligned(name, where, (uint64_t)x, 4, errbuf, errlen);
	*insn = set_field(*insn, lsb, width, bits((uint64_t)x, range_bits, shift));
	return EL2_OK;
}

/* Absolute instruction relocations (MOVW_UABS_*, ADD/LDST _ABS_LO12_NC). */
static el2_err apply_abs_insn(uint32_t type, const char *name, uint32_t *insn, uint64_t S,
			      int64_t A, const char *where, char *errbuf, size_t errlen)
{
	uint64_t x = S + (uint64_t)A;
	unsigned group, check_bits;

	if (movw_uabs(type, &group, &check_bits)) {
		/* "Set a MOV[KZ] immediate field to bits [16n+15:16n] of X"; the
		 * assembler has already encoded hw (AAELF64 "Group relocations"). */
		if (check_bits && (x >> check_bits) != 0) {
			char allowed[32];
			snprintf(allowed, sizeof(allowed), "allowed 0 <= X < 2^%u", check_bits);
			return out_of_range_abs(name, where, x, allowed, errbuf, errlen);
		}
		*insn = set_field(*insn, 5, 16, bits(x, 16 * group + 15, 16 * group));
		return EL2_OK;
	}
	if (type == R_AARCH64_ADD_ABS_LO12_NC) { /* imm12 = X[11:0], no check */
		*insn = set_field(*insn, 10, 12, bits(x, 11, 0));
		return EL2_OK;
	}
	/* LDSTn_ABS_LO12_NC: imm12 = X[11:log2(n)], no overflow check; the note
	 * under the table: "a linker should check that the value of X is
	 * aligned to a multiple of the datum size" -- we do. */
	unsigned sh = ldst_shift(type);
	if (x & ((UINT64_C(1) << sh) - 1))
		return misaligned(name, where, x, 1u << sh, errbuf, errlen);
	*insn = set_field(*insn, 10, 12, bits(x, 11, sh));
	return EL2_OK;
}

el2_err elf_reloc_apply(uint32_t type, uint8_t *place, uint64_t S, int64_t A,
			uint64_t P, const char *where, char *errbuf, size_t errlen)
{
	const char *name = elf_reloc_name(type);
	el2_err err;

	if (!place || !where)
		return EL2_ERR_INVALID_ARG;
	if (elf_reloc_is_none(type))
		return EL2_OK;
	if (elf_reloc_place_size(type) == 0) {
		return elf_fail(errbuf, errlen, EL2_ERR_ELF_RELOC_UNSUPPORTED,
				"unsupported relocation %s (type %" PRIu32 ") at %s",
				name ? name : "R_AARCH64_<unknown>", type, where);
	}
	switch (type) {
	case R_AARCH64_ABS64:
	case R_AARCH64_PREL64:
	case R_AARCH64_ABS32:
	case R_AARCH64_PREL32:
		return apply_data(type, name, place, S, A, P, where, errbuf, errlen);
	default:
		break;
	}

	uint32_t insn = (uint32_t)get_le(place, 4);
	switch (type) {
	case R_AARCH64_LD_PREL_LO19:
	case R_AARCH64_ADR_PREL_LO21:
	case R_AARCH64_ADR_PREL_PG_HI21:
	case R_AARCH64_ADR_PREL_PG_HI21_NC:
	case R_AARCH64_TSTBR14:
	case R_AARCH64_CONDBR19:
	case R_AARCH64_JUMP26:
	case R_AARCH64_CALL26:
		err = apply_pcrel(type, name, &insn, S, A, P, where, errbuf, errlen);
		break;
	default:
		err = apply_abs_insn(type, name, &insn, S, A, where, errbuf, errlen);
		break;
	}
	if (err == EL2_OK)
		put_le(place, insn, 4);
	return err;
}

/* AAELF64 "Addends and PC-bias": the initial addend of a REL-type
 * relocation. Data: the place sign-extended to 64 bits. Instructions: the
 * immediate field extracted, scaled as its encoding says, sign-extended;
 * MOVZ/MOVK: the 16-bit literal as a signed value, never shifted; ADRP: the
 * 21-bit literal as a signed value, its 12-bit shift not applied. The
 * unsigned imm12 of ADD/LDST is taken as non-negative. */
el2_err elf_reloc_rel_addend(uint32_t type, const uint8_t *place, int64_t *A)
{
	unsigned group, check_bits;

	if (!place || !A)
		return EL2_ERR_INVALID_ARG;
	if (elf_reloc_is_none(type)) {
		*A = 0;
		return EL2_OK;
	}
	if (elf_reloc_place_size(type) == 0)
		return EL2_ERR_ELF_RELOC_UNSUPPORTED;
	if (type == R_AARCH64_ABS64 || type == R_AARCH64_PREL64) {
		*A = (int64_t)get_le(place, 8);
		return EL2_OK;
	}
	uint32_t w = (uint32_t)get_le(place, 4);
	if (type == R_AARCH64_ABS32 || type == R_AARCH64_PREL32) {
		*A = sext(w, 32);
		return EL2_OK;
	}
	if (movw_uabs(type, &group, &check_bits)) {
		*A = sext(bits(w, 20, 5), 16);
		return EL2_OK;
	}
	switch (type) {
	case R_AARCH64_ADR_PREL_PG_HI21:
	case R_AARCH64_ADR_PREL_PG_HI21_NC:
	case R_AARCH64_ADR_PREL_LO21:
		*A = sext((bits(w, 23, 5) << 2) | bits(w, 30, 29), 21);
		return EL2_OK;
	case R_AARCH64_LD_PREL_LO19:
	case R_AARCH64_CONDBR19:
		*A = sext(bits(w, 23, 5) << 2, 21);
		return EL2_OK;
	case R_AARCH64_TSTBR14:
		*A = sext(bits(w, 18, 5) << 2, 16);
		return EL2_OK;
	case R_AARCH64_JUMP26:
	case R_AARCH64_CALL26:
		*A = sext(bits(w, 25, 0) << 2, 28);
		return EL2_OK;
	case R_AARCH64_ADD_ABS_LO12_NC:
		*A = (int64_t)bits(w, 21, 10);
		return EL2_OK;
	default: /* LDSTn_ABS_LO12_NC */
		*A = (int64_t)(bits(w, 21, 10) << ldst_shift(type));
		return EL2_OK;
	}
}
