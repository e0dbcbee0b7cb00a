/* SPDX-License-Identifier: MIT */
/* Linux alternatives (el2_load_opts.alternatives, docs/alternatives.md):
 * fixtures/alt.S holds .altinstructions entries in the kernel's layout;
 * each test loads it with or without a capability set and reads back the
 * instructions at the sites. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "el2sim/elf.h"
#include "sim_test_util.h"

#define RBASE UINT64_C(0x40000000)
#define NOP 0xd503201fu

typedef struct fx {
	el2_mem *m;
	el2_image *img;
	char msg[256];
	unsigned char *buf;
	size_t len;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	if (!f || el2_mem_new(&f->m) || el2_mem_add(f->m, "hyp", RBASE, 0x10000, EL2_MEM_HYP))
		return -1;
	f->buf = read_fixture("alt", &f->len);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	el2_image_free(&f->img);
	el2_mem_free(&f->m);
	free(f->buf);
	free(f);
	return 0;
}

/* Loads the fixture with the capability list spec (NULL: unapplied). */
static el2_err load(fx *f, const char *spec)
{
	if (!f->buf)
		skip();
	el2_alt_set set;
	if (spec)
		assert_int_equal(el2_alt_parse(spec, &set, f->msg, sizeof(f->msg)), EL2_OK);
	el2_load_opts o = {.rel_base = RBASE, .alternatives = spec ? &set : NULL};
	el2_image_free(&f->img);
	f->msg[0] = '\0';
	return el2_elf_load_buffer(f->m, f->buf, f->len, &o, &f->img, f->msg, sizeof(f->msg));
}

static uint64_t sym(fx *f, const char *name)
{
	uint64_t a = 0;
	assert_int_equal(el2_image_symbol(f->img, name, &a, NULL, 0), EL2_OK);
	return a;
}

static uint32_t insn_at(fx *f, uint64_t addr)
{
	uint8_t b[4];
	assert_int_equal(el2_mem_read(f->m, addr, b, 4), EL2_OK);
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* Target of the B at addr. */
static uint64_t b_target(fx *f, uint64_t addr)
{
	uint32_t i = insn_at(f, addr);
	assert_int_equal(i & 0xfc000000u, 0x14000000u);
	int64_t off = (int64_t)((uint64_t)(i & 0x3ffffffu) << 38) >> 36;
	return addr + (uint64_t)off;
}

static void test_unapplied_sites_run_as_assembled(void **state)
{
	fx *f = *state;
	assert_int_equal(load(f, NULL), EL2_OK);
	assert_int_equal(insn_at(f, sym(f, "site_pan")), NOP);
	assert_int_equal(insn_at(f, sym(f, "site_branch")), NOP);
	assert_int_equal(insn_at(f, sym(f, "site_cb_nops") + 4), 0xd2800020u); /* mov x0, #1 */
}

static void test_capability_in_the_set_replaces_its_site_only(void **state)
{
	fx *f = *state;
	assert_int_equal(load(f, "HAS_PAN"), EL2_OK);
	assert_int_equal(insn_at(f, sym(f, "site_pan")), 0xd500419fu); /* msr pan, #1 */
	assert_int_equal(insn_at(f, sym(f, "site_branch")), NOP);      /* HAS_RAS_EXTN: not set */
	assert_int_equal(insn_at(f, sym(f, "site_sb")), NOP);
}

static void test_names_with_prefix_any_case_and_numbers_are_the_same_capability(void **state)
{
	fx *f = *state;
	assert_int_equal(load(f, "linux-6.1:arm64_has_pan"), EL2_OK);
	assert_int_equal(insn_at(f, sym(f, "site_pan")), 0xd500419fu);
	assert_int_equal(load(f, "29"), EL2_OK);
	assert_int_equal(insn_at(f, sym(f, "site_pan")), 0xd500419fu);
}

static void test_branch_out_of_a_replacement_keeps_its_target(void **state)
{
	fx *f = *state;
	assert_int_equal(load(f, "HAS_RAS_EXTN"), EL2_OK);
	assert_int_equal(b_target(f, sym(f, "site_branch")), sym(f, "far_target"));
}

static void test_branch_inside_a_replacement_moves_with_it(void **state)
{
	fx *f = *state;
	assert_int_equal(load(f, "HAS_RAS_EXTN"), EL2_OK);
	uint64_t s = sym(f, "site_inner");
	/* cbz x0, +8: still the third instruction of the sequence */
	assert_int_equal(insn_at(f, s), 0xb4000040u);
	assert_int_equal(insn_at(f, s + 8), NOP);
}

static void test_adrp_in_a_replacement_keeps_its_page(void **state)
{
	fx *f = *state;
	assert_int_equal(load(f, "HAS_RAS_EXTN"), EL2_OK);
	uint64_t s = sym(f, "site_adrp");
	uint32_t i = insn_at(f, s);
	assert_int_equal(i & 0x9f00001fu, 0x90000000u); /* adrp x0 */
	int64_t pages = ((int64_t)(((i >> 5) & 0x7ffff) << 2 | ((i >> 29) & 3)) << 43) >> 43;
	assert_int_equal((s & ~0xfffull) + (uint64_t)(pages * 4096), sym(f, "data_page"));
	/* ... which is not the page the replacement was assembled for */
	assert_int_not_equal(s & ~0xfffull, sym(f, "data_page"));
}

static void test_known_callbacks_write_nops_or_keep_the_site(void **state)
{
	fx *f = *state;
	assert_int_equal(load(f, "none"), EL2_OK); /* ALWAYS_SYSTEM is always on */
	assert_int_equal(insn_at(f, sym(f, "site_cb_nops")), NOP);
	assert_int_equal(insn_at(f, sym(f, "site_cb_nops") + 4), NOP);
	assert_int_equal(insn_at(f, sym(f, "site_cb_keep")), 0x52900000u); /* mov w0, #0x8000 */
}

static void test_unknown_callback_is_an_error_naming_it(void **state)
{
	fx *f = *state;
	assert_int_equal(load(f, "MTE"), EL2_ERR_UNSUPPORTED);
	assert_non_null(strstr(f->msg, "callback 'my_callback'"));
	assert_non_null(strstr(f->msg, "cannot be applied"));
}

static void test_callback_for_a_mitigation_in_the_set_is_an_error(void **state)
{
	fx *f = *state;
	assert_int_equal(load(f, "SPECTRE_BHB"), EL2_ERR_UNSUPPORTED);
	assert_non_null(strstr(f->msg, "'spectre_bhb_patch_wa3'"));
	assert_non_null(strstr(f->msg, "ARM64_SPECTRE_BHB"));
}

static void test_adr_in_a_replacement_is_refused(void **state)
{
	fx *f = *state;
	assert_int_equal(load(f, "SSBS"), EL2_ERR_UNSUPPORTED);
	assert_non_null(strstr(f->msg, "ADR"));
}

static void test_entry_with_an_unknown_capability_is_a_layout_error(void **state)
{
	fx *f = *state;
	if (!f->buf)
		skip();
	Elf64_Shdr *sh = raw_section(f->buf, ".altinstructions");
	assert_non_null(sh);
	f->buf[sh->sh_offset + 8] = 0xff; /* cpufeature 0x00ff of the first entry */
	assert_int_equal(load(f, "HAS_PAN"), EL2_ERR_ELF_MALFORMED);
	assert_non_null(strstr(f->msg, "beyond the kernel's table"));
	assert_non_null(strstr(f->msg, "Linux 6.1"));
	/* unapplied, the table is not read */
	assert_int_equal(load(f, NULL), EL2_OK);
}

static void test_section_size_not_a_multiple_of_the_entry_is_a_layout_error(void **state)
{
	fx *f = *state;
	if (!f->buf)
		skip();
	Elf64_Shdr *sh = raw_section(f->buf, ".altinstructions");
	assert_non_null(sh);
	sh->sh_size -= 2; /* an older or newer struct alt_instr */
	el2_err e = load(f, "HAS_PAN");
	assert_int_equal(e, EL2_ERR_ELF_MALFORMED);
	assert_non_null(strstr(f->msg, "12-byte struct alt_instr"));
}

static void test_parse_refuses_unknown_names_and_kernels(void **state)
{
	(void)state;
	el2_alt_set s;
	char msg[256];
	assert_int_equal(el2_alt_parse("HAS_PAN,NO_SUCH_CAP", &s, msg, sizeof(msg)),
			 EL2_ERR_INVALID_ARG);
	assert_non_null(strstr(msg, "'NO_SUCH_CAP'"));
	assert_int_equal(el2_alt_parse("linux-4.19:HAS_PAN", &s, msg, sizeof(msg)),
			 EL2_ERR_INVALID_ARG);
	assert_non_null(strstr(msg, "'4.19'"));
	assert_int_equal(el2_alt_parse("85", &s, msg, sizeof(msg)), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_alt_parse("HAS_PAN,,SSBS", &s, msg, sizeof(msg)), EL2_ERR_INVALID_ARG);
	assert_int_equal(el2_alt_parse("raw:HAS_PAN", &s, msg, sizeof(msg)), EL2_ERR_INVALID_ARG);
	assert_non_null(strstr(msg, "raw: a number"));
	assert_int_equal(el2_alt_parse("raw:29,200", &s, msg, sizeof(msg)), EL2_OK);
	assert_int_equal(s.caps[3], 1ull << (200 - 192));
	assert_null(el2_alt_cap_name(&s, 29));
	assert_int_equal(el2_alt_parse("HAS_RAS_EXTN", &s, msg, sizeof(msg)), EL2_OK);
	assert_string_equal(el2_alt_cap_name(&s, 30), "HAS_RAS_EXTN");
	assert_int_equal(s.caps[0], (1ull << 30) | 3ull); /* plus ALWAYS_BOOT, ALWAYS_SYSTEM */
}

int main(int argc, char **argv)
{
	fx_argc = argc;
	fx_argv = argv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unapplied_sites_run_as_assembled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_capability_in_the_set_replaces_its_site_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names_with_prefix_any_case_and_numbers_are_the_same_capability, setup, teardown),
		cmocka_unit_test_setup_teardown(test_branch_out_of_a_replacement_keeps_its_target, setup, teardown),
		cmocka_unit_test_setup_teardown(test_branch_inside_a_replacement_moves_with_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_adrp_in_a_replacement_keeps_its_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_known_callbacks_write_nops_or_keep_the_site, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_callback_is_an_error_naming_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_callback_for_a_mitigation_in_the_set_is_an_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_adr_in_a_replacement_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_entry_with_an_unknown_capability_is_a_layout_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_section_size_not_a_multiple_of_the_entry_is_a_layout_error, setup, teardown),
		cmocka_unit_test(test_parse_refuses_unknown_names_and_kernels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
