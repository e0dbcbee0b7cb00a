/* SPDX-License-Identifier: MIT */
/* AArch64 relocations (AAELF64 2023Q1, "Relocation types"): each type
 * patches the right field with the right value, range checks sit exactly
 * at the bounds the tables give, and failures name the relocation. Expected
 * values are computed by hand from the placement rules and the A64
 * instruction encodings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "elf_internal.h"
#include "sim_test_util.h"

/* ---- independent A64 field decoders (Arm ARM encodings) ---- */
static int64_t sx(uint64_t v, unsigned w)
{
	uint64_t s = UINT64_C(1) << (w - 1);
	v &= (s << 1) - 1;
	return (int64_t)((v ^ s) - s);
}
static int64_t b26_off(uint32_t i) { return sx(i & 0x3ffffff, 26) * 4; }
static int64_t imm19_off(uint32_t i) { return sx((i >> 5) & 0x7ffff, 19) * 4; }
static int64_t imm14_off(uint32_t i) { return sx((i >> 5) & 0x3fff, 14) * 4; }
static int64_t adr_off(uint32_t i)
{
	return sx((((i >> 5) & 0x7ffff) << 2) | ((i >> 29) & 3), 21);
}
static unsigned imm12(uint32_t i) { return (i >> 10) & 0xfff; }
static unsigned imm16(uint32_t i) { return (i >> 5) & 0xffff; }

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t le64(const uint8_t *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* ---- direct application: bounds of every checked type ---- */
typedef struct range_case {
	uint32_t type;
	uint64_t P;
	uint64_t S;
	el2_err want;
} range_case;

#define P0 UINT64_C(0x40000000)
#define K(n) (INT64_C(1) << (n))

static const range_case range_cases[] = {
	/* CALL26/JUMP26: -2^27 <= X < 2^27 */
	{ R_AARCH64_CALL26, P0, P0 + K(27) - 4, EL2_OK },
	{ R_AARCH64_CALL26, P0, P0 + K(27), EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_CALL26, P0, P0 - K(27), EL2_OK },
	{ R_AARCH64_CALL26, P0, P0 - K(27) - 4, EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_JUMP26, P0, P0 + K(27), EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_JUMP26, P0, P0 - K(27), EL2_OK },
	/* CONDBR19, LD_PREL_LO19, ADR_PREL_LO21: -2^20 <= X < 2^20 */
	{ R_AARCH64_CONDBR19, P0, P0 + K(20) - 4, EL2_OK },
	{ R_AARCH64_CONDBR19, P0, P0 + K(20), EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_CONDBR19, P0, P0 - K(20), EL2_OK },
	{ R_AARCH64_CONDBR19, P0, P0 - K(20) - 4, EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_LD_PREL_LO19, P0, P0 + K(20) - 4, EL2_OK },
	{ R_AARCH64_LD_PREL_LO19, P0, P0 + K(20), EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_LD_PREL_LO19, P0, P0 - K(20) - 4, EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_ADR_PREL_LO21, P0, P0 + K(20) - 1, EL2_OK },
	{ R_AARCH64_ADR_PREL_LO21, P0, P0 + K(20), EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_ADR_PREL_LO21, P0, P0 - K(20), EL2_OK },
	{ R_AARCH64_ADR_PREL_LO21, P0, P0 - K(20) - 1, EL2_ERR_ELF_RELOC_RANGE },
	/* TSTBR14: -2^15 <= X < 2^15 */
	{ R_AARCH64_TSTBR14, P0, P0 + K(15) - 4, EL2_OK },
	{ R_AARCH64_TSTBR14, P0, P0 + K(15), EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_TSTBR14, P0, P0 - K(15), EL2_OK },
	{ R_AARCH64_TSTBR14, P0, P0 - K(15) - 4, EL2_ERR_ELF_RELOC_RANGE },
	/* ADR_PREL_PG_HI21: Page(S+A)-Page(P) in [-2^32, 2^32); _NC unchecked */
	{ R_AARCH64_ADR_PREL_PG_HI21, UINT64_C(0x200000000), UINT64_C(0x200000000) + K(32) - 1,
	  EL2_OK },
	{ R_AARCH64_ADR_PREL_PG_HI21, UINT64_C(0x200000000), UINT64_C(0x200000000) + K(32),
	  EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_ADR_PREL_PG_HI21, UINT64_C(0x200000fff), UINT64_C(0x200000000) - K(32), EL2_OK },
	{ R_AARCH64_ADR_PREL_PG_HI21, UINT64_C(0x200000fff), UINT64_C(0x200000000) - K(32) - 1,
	  EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_ADR_PREL_PG_HI21_NC, UINT64_C(0x200000000), UINT64_C(0x200000000) + K(40),
	  EL2_OK },
	/* PREL32: -2^31 <= X < 2^31 */
	{ R_AARCH64_PREL32, P0, P0 + K(31) - 1, EL2_OK },
	{ R_AARCH64_PREL32, P0, P0 + K(31), EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_PREL32, UINT64_C(0x100000000), UINT64_C(0x100000000) - K(31), EL2_OK },
	{ R_AARCH64_PREL32, UINT64_C(0x100000000), UINT64_C(0x100000000) - K(31) - 1,
	  EL2_ERR_ELF_RELOC_RANGE },
	/* ABS32: -2^31 <= X < 2^32 */
	{ R_AARCH64_ABS32, P0, UINT64_C(0xffffffff), EL2_OK },
	{ R_AARCH64_ABS32, P0, UINT64_C(0x100000000), EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_ABS32, P0, (uint64_t)-K(31), EL2_OK },
	{ R_AARCH64_ABS32, P0, (uint64_t)-K(31) - 1, EL2_ERR_ELF_RELOC_RANGE },
	/* MOVW_UABS_Gn: 0 <= X < 2^16 / 2^32 / 2^48; _NC and G3 unchecked */
	{ R_AARCH64_MOVW_UABS_G0, 0, 0xffff, EL2_OK },
	{ R_AARCH64_MOVW_UABS_G0, 0, 0x10000, EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_MOVW_UABS_G0, 0, UINT64_MAX, EL2_ERR_ELF_RELOC_RANGE }, /* X = -1 */
	{ R_AARCH64_MOVW_UABS_G0_NC, 0, UINT64_MAX, EL2_OK },
	{ R_AARCH64_MOVW_UABS_G1, 0, K(32) - 1, EL2_OK },
	{ R_AARCH64_MOVW_UABS_G1, 0, K(32), EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_MOVW_UABS_G1_NC, 0, K(40), EL2_OK },
	{ R_AARCH64_MOVW_UABS_G2, 0, K(48) - 1, EL2_OK },
	{ R_AARCH64_MOVW_UABS_G2, 0, K(48), EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_MOVW_UABS_G2_NC, 0, K(50), EL2_OK },
	{ R_AARCH64_MOVW_UABS_G3, 0, UINT64_MAX, EL2_OK },
	/* ABS64, PREL64, ADD_ABS_LO12_NC, LDST8: no check at all */
	{ R_AARCH64_ABS64, P0, UINT64_MAX, EL2_OK },
	{ R_AARCH64_PREL64, UINT64_MAX, 0, EL2_OK },
	{ R_AARCH64_ADD_ABS_LO12_NC, 0, UINT64_MAX, EL2_OK },
	{ R_AARCH64_LDST8_ABS_LO12_NC, 0, 0x12345, EL2_OK },
	/* LDSTn_ABS_LO12_NC: X must be a multiple of the datum size */
	{ R_AARCH64_LDST16_ABS_LO12_NC, 0, 0x1001, EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_LDST16_ABS_LO12_NC, 0, 0x1002, EL2_OK },
	{ R_AARCH64_LDST32_ABS_LO12_NC, 0, 0x1002, EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_LDST64_ABS_LO12_NC, 0, 0x1004, EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_LDST64_ABS_LO12_NC, 0, 0x1008, EL2_OK },
	{ R_AARCH64_LDST128_ABS_LO12_NC, 0, 0x1008, EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_LDST128_ABS_LO12_NC, 0, 0x1010, EL2_OK },
	/* branch offsets are multiples of 4 */
	{ R_AARCH64_CALL26, P0, P0 + 2, EL2_ERR_ELF_RELOC_RANGE },
	{ R_AARCH64_TSTBR14, P0, P0 + 6, EL2_ERR_ELF_RELOC_RANGE },
};

static void test_range_checks_sit_exactly_at_the_aaelf64_bounds(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(range_cases) / sizeof(range_cases[0]); i++) {
		const range_case *c = &range_cases[i];
		uint8_t place[8] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };
		uint8_t before[8];
		char msg[256] = "";
		memcpy(before, place, sizeof(place));
		el2_err err = elf_reloc_apply(c->type, place, c->S, 0, c->P, ".text+0x0", msg,
					      sizeof(msg));
		if (err != c->want)
			print_error("case %zu (%s): got %d want %d (%s)\n", i,
				    elf_reloc_name(c->type), err, c->want, msg);
		assert_int_equal(err, c->want);
		if (err) {
			/* the message names the relocation and the place; nothing written */
			assert_non_null(strstr(msg, elf_reloc_name(c->type)));
			assert_non_null(strstr(msg, "at .text+0x0"));
			assert_memory_equal(place, before, sizeof(place));
		}
	}
}

static void test_call26_out_of_range_message_gives_the_distance(void **state)
{
	(void)state;
	uint8_t place[4] = { 0, 0, 0, 0x94 };
	char msg[256];
	assert_int_equal(elf_reloc_apply(R_AARCH64_CALL26, place, 0x9000008, 0, 0x8, ".text+0x8",
					 msg, sizeof(msg)), EL2_ERR_ELF_RELOC_RANGE);
	assert_string_equal(msg, "relocation R_AARCH64_CALL26 at .text+0x8: target out of range "
			    "(+0x9000000 bytes)");
	assert_int_equal(elf_reloc_apply(R_AARCH64_JUMP26, place, 0, 0, 0x9000000, ".text+0x0",
					 msg, sizeof(msg)), EL2_ERR_ELF_RELOC_RANGE);
	assert_non_null(strstr(msg, "(-0x9000000 bytes)"));
}

/* The extreme in-range values encode to the extreme field values. */
static void test_extreme_offsets_encode_to_extreme_fields(void **state)
{
	(void)state;
	uint8_t p[4];
	uint32_t bl = 0x94000000;
	memcpy(p, &bl, 4);
	assert_int_equal(elf_reloc_apply(R_AARCH64_CALL26, p, P0 - K(27), 0, P0, "x", NULL, 0),
			 EL2_OK);
	assert_int_equal(le32(p), 0x94000000 | 0x2000000); /* imm26 = -2^25 */
	memcpy(p, &bl, 4);
	assert_int_equal(elf_reloc_apply(R_AARCH64_CALL26, p, P0 + K(27) - 4, 0, P0, "x", NULL, 0),
			 EL2_OK);
	assert_int_equal(le32(p), 0x94000000 | 0x1ffffff);
	uint32_t tbz = 0x36380005; /* tbz x5, #7, . */
	memcpy(p, &tbz, 4);
	assert_int_equal(elf_reloc_apply(R_AARCH64_TSTBR14, p, P0 - K(15), 0, P0, "x", NULL, 0),
			 EL2_OK);
	assert_int_equal(le32(p), 0x36380005 | (0x2000u << 5));
	uint32_t adr = 0x10000002; /* adr x2, . */
	memcpy(p, &adr, 4);
	assert_int_equal(elf_reloc_apply(R_AARCH64_ADR_PREL_LO21, p, P0 - 1, 0, P0, "x", NULL, 0),
			 EL2_OK);
	/* X = -1: immlo = 3, immhi = all ones */
	assert_int_equal(le32(p), 0x10000002 | (3u << 29) | (0x7ffffu << 5));
}

static void test_addend_is_added_before_the_check(void **state)
{
	(void)state;
	uint8_t p[8] = { 0 };
	/* PREL64: S + A - P with A negative */
	assert_int_equal(elf_reloc_apply(R_AARCH64_PREL64, p, 0x1000, -0x10, 0x800, "x", NULL, 0),
			 EL2_OK);
	assert_int_equal(le64(p), 0x7f0);
	/* CALL26 to S + A = P + 2^27 fails though S alone is in range */
	uint32_t bl = 0x94000000;
	memcpy(p, &bl, 4);
	assert_int_equal(elf_reloc_apply(R_AARCH64_CALL26, p, P0, K(27), P0, "x", NULL, 0),
			 EL2_ERR_ELF_RELOC_RANGE);
}

static void test_none_relocations_0_and_256_change_nothing(void **state)
{
	(void)state;
	uint8_t p[4] = { 1, 2, 3, 4 };
	assert_true(elf_reloc_is_none(0));
	assert_true(elf_reloc_is_none(256));
	assert_int_equal(elf_reloc_apply(0, p, 5, 6, 7, "x", NULL, 0), EL2_OK);
	assert_int_equal(elf_reloc_apply(256, p, 5, 6, 7, "x", NULL, 0), EL2_OK);
	assert_int_equal(le32(p), 0x04030201);
}

static void test_unsupported_type_is_named_with_its_code(void **state)
{
	(void)state;
	uint8_t p[4] = { 0 };
	char msg[256];
	assert_int_equal(elf_reloc_apply(549, p, 0, 0, 0, ".text+0x14", msg, sizeof(msg)),
			 EL2_ERR_ELF_RELOC_UNSUPPORTED);
	assert_string_equal(msg, "unsupported relocation R_AARCH64_TLSLE_ADD_TPREL_HI12 "
			    "(type 549) at .text+0x14");
	assert_int_equal(elf_reloc_apply(4000, p, 0, 0, 0, ".data+0x0", msg, sizeof(msg)),
			 EL2_ERR_ELF_RELOC_UNSUPPORTED);
	assert_non_null(strstr(msg, "(type 4000) at .data+0x0"));
}

/* AAELF64 "Addends and PC-bias": REL addends come from the place. */
static void test_rel_addends_are_extracted_from_the_place(void **state)
{
	(void)state;
	static const struct { uint32_t type; uint32_t word; int64_t want; } c[] = {
		{ R_AARCH64_CALL26, 0x97ffffff, -4 },             /* bl .-4 */
		{ R_AARCH64_CONDBR19, 0x54000040, 8 },            /* b.eq .+8 */
		{ R_AARCH64_TSTBR14, 0x363fffe5, -4 },            /* tbz x5,#7,.-4 */
		{ R_AARCH64_ADR_PREL_PG_HI21, 0xb0000000, 1 },    /* adrp imm 1, unshifted */
		{ R_AARCH64_ADR_PREL_LO21, 0x70ffffe2, -1 },      /* adr x2, .-1 */
		{ R_AARCH64_MOVW_UABS_G1, 0xd2bfffe8, -1 },       /* imm16 0xffff, signed */
		{ R_AARCH64_ADD_ABS_LO12_NC, 0x91020000, 0x80 },  /* add x0,x0,#0x80 */
		{ R_AARCH64_LDST64_ABS_LO12_NC, 0xf9400403, 8 },  /* ldr x3,[x0,#8] */
		{ R_AARCH64_ABS32, 0xfffffff0, -16 },
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		uint8_t p[8] = { 0 };
		int64_t a = 12345;
		memcpy(p, &c[i].word, 4);
		assert_int_equal(elf_reloc_rel_addend(c[i].type, p, &a), EL2_OK);
		if (a != c[i].want)
			print_error("case %zu: got %lld\n", i, (long long)a);
		assert_int_equal(a, c[i].want);
	}
}

/* ---- the assembled fixture: every type through the whole loader ---- */
#define B UINT64_C(0xabcdef0000)
#define EXT_FUNC (B + 0x4000)

static const el2_symdef relocs_defs[] = {
	{ "ext_func", EXT_FUNC },
	{ "ext_g0", 0xbeef },
	{ "ext_g1", 0x12345678 },
	{ "ext_g3", UINT64_C(0xdead000000000000) },
};

static el2_err load_relocs(el2_mem **m, el2_image **img, const el2_symdef *defs, size_t n,
			   char *msg, size_t msglen)
{
	size_t len = 0;
	unsigned char *buf = read_fixture("relocs", &len);
	if (!buf)
		skip();
	assert_int_equal(el2_mem_new(m), EL2_OK);
	assert_int_equal(el2_mem_add(*m, "hyp", B, 0x10000, EL2_MEM_HYP), EL2_OK);
	el2_load_opts o = { .rel_base = B, .symdefs = defs, .n_symdefs = n };
	el2_err err = el2_elf_load_buffer(*m, buf, len, &o, img, msg, msglen);
	free(buf);
	return err;
}

static uint32_t insn_at(el2_mem *m, uint64_t a)
{
	uint8_t p[4];
	assert_int_equal(el2_mem_read(m, a, p, 4), EL2_OK);
	return le32(p);
}

static uint64_t xword_at(el2_mem *m, uint64_t a)
{
	uint8_t p[8];
	assert_int_equal(el2_mem_read(m, a, p, 8), EL2_OK);
	return le64(p);
}

/* Placement by hand: .text (0x70 bytes) at B; .data (align 8) at B+0x70;
 * .rodata.targets (align 4096) at B+0x1000 with target at +0x230;
 * .text.far (align 64) at B+0x1280, far_local at +4; .bss (align 16) at
 * B+0x1290. */
static void test_sections_are_placed_in_order_at_their_alignment(void **state)
{
	(void)state;
	el2_mem *m = NULL;
	el2_image *img = NULL;
	char msg[256];
	assert_int_equal(load_relocs(&m, &img, relocs_defs, 4, msg, sizeof(msg)), EL2_OK);
	static const struct { const char *name; uint64_t addr; } want[] = {
		{ ".text", B }, { ".data", B + 0x70 }, { ".rodata.targets", B + 0x1000 },
		{ ".text.far", B + 0x1280 }, { ".bss", B + 0x1290 },
	};
	for (size_t i = 0; i < 5; i++) {
		uint64_t a = 0;
		assert_int_equal(el2_image_section(img, want[i].name, &a, NULL), EL2_OK);
		assert_int_equal(a, want[i].addr);
	}
	uint64_t t;
	assert_int_equal(el2_image_symbol(img, "target", &t, NULL, 0), EL2_OK);
	assert_int_equal(t, B + 0x1230);
	assert_int_equal(xword_at(m, B + 0x1230), UINT64_C(0x1122334455667788));
	el2_image_free(&img);
	el2_mem_free(&m);
}

static void test_each_relocation_type_patches_the_expected_target(void **state)
{
	(void)state;
	el2_mem *m = NULL;
	el2_image *img = NULL;
	char msg[256] = "";
	el2_err err = load_relocs(&m, &img, relocs_defs, 4, msg, sizeof(msg));
	if (err)
		print_error("%s\n", msg);
	assert_int_equal(err, EL2_OK);
	const uint64_t target = B + 0x1230;

	/* ADR_PREL_PG_HI21(_NC): Page(target) - Page(P) = 0x1000 */
	assert_int_equal(insn_at(m, B + 0x00), 0x90000000 | (1u << 29) | 0); /* adrp x0 */
	assert_int_equal(adr_off(insn_at(m, B + 0x08)) << 12, 0x1000);
	/* ADD_ABS_LO12_NC: target[11:0] */
	assert_int_equal(insn_at(m, B + 0x04), 0x91000000 | (0x230u << 10)); /* add x0,x0 */
	/* ADR_PREL_LO21: target - P */
	assert_int_equal(adr_off(insn_at(m, B + 0x0c)), target - (B + 0x0c));
	/* LDSTn_ABS_LO12_NC: low 12 bits scaled by the access size */
	assert_int_equal(imm12(insn_at(m, B + 0x10)), 0x238);
	assert_int_equal(imm12(insn_at(m, B + 0x14)), 0x23a >> 1);
	assert_int_equal(imm12(insn_at(m, B + 0x18)), 0x23c >> 2);
	assert_int_equal(imm12(insn_at(m, B + 0x1c)), 0x240 >> 3);
	assert_int_equal(imm12(insn_at(m, B + 0x20)), 0x250 >> 4);
	/* LD_PREL_LO19: t_x (B+0x1240) - P */
	assert_int_equal(imm19_off(insn_at(m, B + 0x24)), 0x1240 - 0x24);
	/* CALL26, JUMP26, CONDBR19 (b.eq, cbz), TSTBR14 to ext_func */
	assert_int_equal(insn_at(m, B + 0x28) & 0xfc000000, 0x94000000);
	assert_int_equal(b26_off(insn_at(m, B + 0x28)), 0x4000 - 0x28);
	assert_int_equal(insn_at(m, B + 0x2c) & 0xfc000000, 0x14000000);
	assert_int_equal(b26_off(insn_at(m, B + 0x2c)), 0x4000 - 0x2c);
	assert_int_equal(imm19_off(insn_at(m, B + 0x30)), 0x4000 - 0x30);
	assert_int_equal(insn_at(m, B + 0x30) & 0xff00001f, 0x54000000); /* b.eq */
	assert_int_equal(imm19_off(insn_at(m, B + 0x34)), 0x4000 - 0x34);
	assert_int_equal(imm14_off(insn_at(m, B + 0x38)), 0x4000 - 0x38);
	assert_int_equal(insn_at(m, B + 0x38) & 0xfff8001f, 0x36380005); /* tbz x5,#7 */
	/* MOVW_UABS: target = 0x000000ab_cdef1230 */
	assert_int_equal(imm16(insn_at(m, B + 0x3c)), 0xbeef);
	assert_int_equal(imm16(insn_at(m, B + 0x40)), 0x0000);
	assert_int_equal(imm16(insn_at(m, B + 0x44)), 0x00ab);
	assert_int_equal(imm16(insn_at(m, B + 0x48)), 0xcdef);
	assert_int_equal(imm16(insn_at(m, B + 0x4c)), 0x1230);
	assert_int_equal(imm16(insn_at(m, B + 0x50)), 0x1234);
	assert_int_equal(imm16(insn_at(m, B + 0x54)), 0x00ab);
	assert_int_equal(imm16(insn_at(m, B + 0x5c)), 0xdead);
	assert_int_equal(insn_at(m, B + 0x44) & 0xffe0001f, 0xf2c00007); /* movk x7,lsl 32 */
	/* CALL26 against the section symbol .text.far + 4 */
	assert_int_equal(b26_off(insn_at(m, B + 0x58)), 0x1284 - 0x58);
	/* data: ABS64 target+0x10, ABS32 ext_g1, PREL32 ext_func-P, PREL64 target-P */
	assert_int_equal(xword_at(m, B + 0x70), target + 0x10);
	assert_int_equal(insn_at(m, B + 0x78), 0x12345678);
	assert_int_equal(insn_at(m, B + 0x7c), 0x4000 - 0x7c);
	assert_int_equal(xword_at(m, B + 0x80), 0x1230 - 0x80);
	el2_image_free(&img);
	el2_mem_free(&m);
}

static void test_undefined_symbol_without_definition_is_named(void **state)
{
	(void)state;
	el2_mem *m = NULL;
	el2_image *img = NULL;
	char msg[256] = "";
	/* ext_func missing: its first use is the CALL26 at .text+0x28 */
	assert_int_equal(load_relocs(&m, &img, relocs_defs + 1, 3, msg, sizeof(msg)),
			 EL2_ERR_UNKNOWN_SYMBOL);
	assert_null(img);
	/* Advice for CLI users and library users alike. */
	assert_string_equal(msg, "relocation R_AARCH64_CALL26 at .text+0x28: undefined symbol "
				 "'ext_func': define it (el2sim --define ext_func=ADDR, or "
				 "el2_load_opts.symdefs)");
	el2_mem_free(&m);
}

/* ---- range fixture: one symbol out of range at a time ---- */
typedef struct far_case {
	const char *sym;
	uint64_t place;   /* offset in .text */
	int64_t ok, bad;  /* S - P in range / out of range (absolute: S) */
	int absolute;
	const char *rname;
} far_case;

static const far_case far_cases[] = {
	{ "r_call26", 0x00, K(27) - 4, K(27), 0, "R_AARCH64_CALL26" },
	{ "r_jump26", 0x04, -K(27), -K(27) - 4, 0, "R_AARCH64_JUMP26" },
	{ "r_condbr19", 0x08, K(20) - 4, K(20), 0, "R_AARCH64_CONDBR19" },
	{ "r_tstbr14", 0x0c, -K(15), -K(15) - 4, 0, "R_AARCH64_TSTBR14" },
	{ "r_ldprel19", 0x10, -K(20), -K(20) - 4, 0, "R_AARCH64_LD_PREL_LO19" },
	{ "r_adr21", 0x14, K(20) - 1, K(20), 0, "R_AARCH64_ADR_PREL_LO21" },
	{ "r_adrp", 0x18, K(32) - 0x1000, K(32), 0, "R_AARCH64_ADR_PREL_PG_HI21" },
	{ "r_g0", 0x1c, 0xffff, 0x10000, 1, "R_AARCH64_MOVW_UABS_G0" },
	{ "r_g1", 0x20, K(32) - 1, K(32), 1, "R_AARCH64_MOVW_UABS_G1" },
	{ "r_g2", 0x24, K(48) - 1, K(48), 1, "R_AARCH64_MOVW_UABS_G2" },
	{ "r_abs32", 0x28, K(32) - 1, K(32), 1, "R_AARCH64_ABS32" },
	{ "r_prel32", 0x2c, -K(31), -K(31) - 1, 0, "R_AARCH64_PREL32" },
	{ "r_ldst64", 0x30, 0x1008, 0x100c, 1, "R_AARCH64_LDST64_ABS_LO12_NC" },
};
#define NFAR (sizeof(far_cases) / sizeof(far_cases[0]))
#define RB UINT64_C(0x800000000)

static void test_relocation_out_of_range_in_an_object_is_a_named_error(void **state)
{
	(void)state;
	size_t len = 0;
	unsigned char *buf = read_fixture("range", &len);
	if (!buf)
		skip();
	el2_symdef defs[NFAR];
	for (size_t bad = 0; bad <= NFAR; bad++) {
		for (size_t i = 0; i < NFAR; i++) {
			const far_case *c = &far_cases[i];
			int64_t v = i == bad ? c->bad : c->ok;
			defs[i].name = c->sym;
			defs[i].addr = c->absolute ? (uint64_t)v : RB + c->place + (uint64_t)v;
		}
		el2_mem *m = NULL;
		el2_image *img = NULL;
		char msg[256] = "", where[64];
		assert_int_equal(el2_mem_new(&m), EL2_OK);
		assert_int_equal(el2_mem_add(m, "hyp", RB, 0x1000, EL2_MEM_HYP), EL2_OK);
		el2_load_opts o = { .rel_base = RB, .symdefs = defs, .n_symdefs = NFAR };
		el2_err err = el2_elf_load_buffer(m, buf, len, &o, &img, msg, sizeof(msg));
		if (bad == NFAR) { /* all in range */
			if (err)
				print_error("%s\n", msg);
			assert_int_equal(err, EL2_OK);
			assert_int_equal(b26_off(insn_at(m, RB)), K(27) - 4);
			assert_int_equal(imm16(insn_at(m, RB + 0x24)), 0xffff);
		} else {
			assert_int_equal(err, EL2_ERR_ELF_RELOC_RANGE);
			snprintf(where, sizeof(where), "relocation %s at .text+0x%llx",
				 far_cases[bad].rname, (unsigned long long)far_cases[bad].place);
			if (!strstr(msg, where))
				print_error("case %zu: '%s'\n", bad, msg);
			assert_non_null(strstr(msg, where));
		}
		el2_image_free(&img);
		el2_mem_free(&m);
	}
	free(buf);
}

static void test_call26_to_a_far_predefined_symbol_reports_the_distance(void **state)
{
	(void)state;
	size_t len = 0;
	unsigned char *buf = read_fixture("range", &len);
	if (!buf)
		skip();
	el2_symdef defs[NFAR];
	for (size_t i = 0; i < NFAR; i++) {
		defs[i].name = far_cases[i].sym;
		defs[i].addr = far_cases[i].absolute ? 0 : RB + far_cases[i].place;
	}
	defs[0].addr = RB + 0x9000000;
	el2_mem *m = NULL;
	el2_image *img = NULL;
	char msg[256];
	assert_int_equal(el2_mem_new(&m), EL2_OK);
	assert_int_equal(el2_mem_add(m, "hyp", RB, 0x1000, EL2_MEM_HYP), EL2_OK);
	el2_load_opts o = { .rel_base = RB, .symdefs = defs, .n_symdefs = NFAR };
	assert_int_equal(el2_elf_load_buffer(m, buf, len, &o, &img, msg, sizeof(msg)),
			 EL2_ERR_ELF_RELOC_RANGE);
	assert_string_equal(msg, "relocation R_AARCH64_CALL26 at .text+0x0: target out of range "
			    "(+0x9000000 bytes)");
	el2_mem_free(&m);
	free(buf);
}

/* A valid object with one r_info patched to a type the loader lacks. */
static void test_unsupported_relocation_in_an_object_is_named(void **state)
{
	(void)state;
	size_t len = 0;
	unsigned char *buf = read_fixture("relocs", &len);
	if (!buf)
		skip();
	Elf64_Rela *r = raw_rela(buf, ".rela.text", 0x14);
	assert_non_null(r);
	r->r_info = ELF64_R_INFO(ELF64_R_SYM(r->r_info), 549);
	el2_mem *m = NULL;
	el2_image *img = NULL;
	char msg[256];
	assert_int_equal(el2_mem_new(&m), EL2_OK);
	assert_int_equal(el2_mem_add(m, "hyp", B, 0x10000, EL2_MEM_HYP), EL2_OK);
	el2_load_opts o = { .rel_base = B, .symdefs = relocs_defs, .n_symdefs = 4 };
	assert_int_equal(el2_elf_load_buffer(m, buf, len, &o, &img, msg, sizeof(msg)),
			 EL2_ERR_ELF_RELOC_UNSUPPORTED);
	assert_string_equal(msg, "unsupported relocation R_AARCH64_TLSLE_ADD_TPREL_HI12 "
			    "(type 549) at .text+0x14");
	assert_null(img);
	el2_mem_free(&m);
	free(buf);
}

int main(int argc, char **argv)
{
	fx_argc = argc;
	fx_argv = argv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range_checks_sit_exactly_at_the_aaelf64_bounds),
		cmocka_unit_test(test_call26_out_of_range_message_gives_the_distance),
		cmocka_unit_test(test_extreme_offsets_encode_to_extreme_fields),
		cmocka_unit_test(test_addend_is_added_before_the_check),
		cmocka_unit_test(test_none_relocations_0_and_256_change_nothing),
		cmocka_unit_test(test_unsupported_type_is_named_with_its_code),
		cmocka_unit_test(test_rel_addends_are_extracted_from_the_place),
		cmocka_unit_test(test_sections_are_placed_in_order_at_their_alignment),
		cmocka_unit_test(test_each_relocation_type_patches_the_expected_target),
		cmocka_unit_test(test_undefined_symbol_without_definition_is_named),
		cmocka_unit_test(test_relocation_out_of_range_in_an_object_is_a_named_error),
		cmocka_unit_test(test_call26_to_a_far_predefined_symbol_reports_the_distance),
		cmocka_unit_test(test_unsupported_relocation_in_an_object_is_named),
	};
	return cmocka_run_group_tests_name("elf_reloc", tests, NULL, NULL);
}
