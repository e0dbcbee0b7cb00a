/* SPDX-License-Identifier: MIT */
/* ELF loading: hostile inputs end in a clear error (never a crash),
 * ET_EXEC/ET_DYN segments land at p_vaddr (+ bias) with .bss zeroed, ET_REL
 * symbols and symbolization. Addresses come from the fixtures' link
 * commands (exec.ld; -Ttext=0x10000 -Tdata=0x20000) and layouts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "el2sim/elf.h"
#include "sim_test_util.h"

#define RBASE UINT64_C(0x40000000)

typedef struct fx {
	el2_mem *m;
	el2_image *img;
	char msg[256];
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	if (!f || el2_mem_new(&f->m) ||
	    el2_mem_add(f->m, "hyp", RBASE, 0x10000, EL2_MEM_HYP))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	el2_image_free(&f->img);
	el2_mem_free(&f->m);
	free(f);
	return 0;
}

static el2_err load(fx *f, const void *buf, size_t len)
{
	static const el2_symdef defs[] = {
		{ "ext_func", RBASE + 0x4000 }, { "ext_g0", 1 }, { "ext_g1", 2 }, { "ext_g3", 3 },
	};
	el2_load_opts o = { .rel_base = RBASE, .symdefs = defs, .n_symdefs = 4 };
	el2_image_free(&f->img);
	f->msg[0] = '\0';
	return el2_elf_load_buffer(f->m, buf, len, &o, &f->img, f->msg, sizeof(f->msg));
}

static unsigned char *need(const char *name, size_t *len)
{
	unsigned char *b = read_fixture(name, len);
	if (!b)
		skip();
	return b;
}

static void expect(fx *f, const void *buf, size_t len, el2_err want, const char *substr)
{
	el2_err err = load(f, buf, len);
	if (err != want || !strstr(f->msg, substr))
		print_error("got %d '%s', want %d '%s'\n", err, f->msg, want, substr);
	assert_int_equal(err, want);
	assert_non_null(strstr(f->msg, substr));
	assert_null(f->img);
}

/* ---- headers ---- */
static void test_empty_and_bad_magic_are_malformed(void **state)
{
	fx *f = *state;
	static const unsigned char junk[64] = "\x7f" "ELG";
	expect(f, "", 0, EL2_ERR_ELF_MALFORMED, "empty file");
	expect(f, junk, sizeof(junk), EL2_ERR_ELF_MALFORMED, "bad magic");
	expect(f, "\x7f" "EL", 3, EL2_ERR_ELF_MALFORMED, "bad magic");
}

static void test_32bit_big_endian_and_x86_64_are_wrong_machine(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("relocs", &len);
	b[EI_CLASS] = ELFCLASS32;
	expect(f, b, len, EL2_ERR_ELF_MACHINE, "ELFCLASS64");
	b[EI_CLASS] = ELFCLASS64;
	b[EI_DATA] = ELFDATA2MSB;
	expect(f, b, len, EL2_ERR_ELF_MACHINE, "ELFDATA2LSB");
	b[EI_DATA] = ELFDATA2LSB;
	((Elf64_Ehdr *)b)->e_machine = EM_X86_64;
	expect(f, b, len, EL2_ERR_ELF_MACHINE, "e_machine 62 is not EM_AARCH64");
	((Elf64_Ehdr *)b)->e_machine = EM_AARCH64;
	((Elf64_Ehdr *)b)->e_type = ET_CORE;
	expect(f, b, len, EL2_ERR_ELF_MALFORMED, "e_type 4");
	free(b);
}

/* Prefixes of a valid file give an error (the section header table is
 * at the end), never a crash or a read past the buffer. */
static void test_every_truncation_is_an_error_not_a_crash(void **state)
{
	fx *f = *state;
	const char *names[] = { "relocs", "exec_elf" };
	assert_int_equal(el2_mem_add(f->m, "lo", 0x80000, 0x20000, EL2_MEM_HYP), EL2_OK);
	for (size_t n = 0; n < 2; n++) {
		size_t len = 0;
		unsigned char *b = read_fixture(names[n], &len);
		if (!b)
			continue;
		/* every length near the ends, a sample in between (zero padding) */
		for (size_t cut = 0; cut < len; cut += (cut < 8192 || len - cut < 8192) ? 1 : 61) {
			unsigned char *t = malloc(cut ? cut : 1); /* exact size: ASan sees overreads */
			memcpy(t, b, cut);
			el2_err err = load(f, t, cut);
			if (err == EL2_OK)
				print_error("%s cut at %zu loaded\n", names[n], cut);
			assert_int_not_equal(err, EL2_OK);
			assert_true(f->msg[0] != '\0');
			free(t);
		}
		assert_int_equal(load(f, b, len), EL2_OK);
		free(b);
	}
}

static void test_section_header_table_beyond_the_file_is_malformed(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("relocs", &len);
	((Elf64_Ehdr *)b)->e_shoff = len - 64;
	expect(f, b, len, EL2_ERR_ELF_MALFORMED, "section header table");
	((Elf64_Ehdr *)b)->e_shoff = UINT64_MAX - 8; /* offset + size wraps */
	expect(f, b, len, EL2_ERR_ELF_MALFORMED, "section header table");
	free(b);
}

/* ---- sections and symbols ---- */
static void test_section_offset_beyond_the_file_is_malformed(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("relocs", &len);
	raw_section(b, ".text")->sh_offset = 0xffffff00;
	expect(f, b, len, EL2_ERR_ELF_MALFORMED, "beyond the end of the file");
	free(b);
}

static void test_huge_section_size_is_malformed_not_allocated(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("relocs", &len);
	raw_section(b, ".text")->sh_size = UINT64_C(1) << 62;
	expect(f, b, len, EL2_ERR_ELF_MALFORMED, "beyond the end of the file");
	free(b);
	b = need("relocs", &len);
	raw_section(b, ".bss")->sh_size = UINT64_MAX - 8; /* wraps the address space */
	expect(f, b, len, EL2_ERR_ELF_MALFORMED, "section .bss: size 0xfffffffffffffff7");
	raw_section(b, ".bss")->sh_size = UINT64_C(1) << 40; /* no room in the map */
	expect(f, b, len, EL2_ERR_MEM_UNMAPPED, "section .bss (0x10000000000 bytes");
	free(b);
}

static void test_symbol_index_out_of_range_is_malformed(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("relocs", &len);
	Elf64_Rela *r = raw_rela(b, ".rela.text", 0x4);
	r->r_info = ELF64_R_INFO(0xffff, ELF64_R_TYPE(r->r_info));
	expect(f, b, len, EL2_ERR_ELF_MALFORMED,
	       "relocation R_AARCH64_ADD_ABS_LO12_NC at .text+0x4: symbol index 65535 out of range");
	free(b);
}

static void test_relocation_offset_outside_its_section_is_malformed(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("relocs", &len);
	raw_rela(b, ".rela.text", 0x4)->r_offset = 0x6e; /* .text is 0x70 bytes */
	expect(f, b, len, EL2_ERR_ELF_MALFORMED, "at .text+0x6e: place outside section .text");
	raw_rela(b, ".rela.text", 0x6e)->r_offset = UINT64_MAX - 1;
	expect(f, b, len, EL2_ERR_ELF_MALFORMED, "place outside section .text");
	free(b);
}

static void test_symbol_pointing_outside_its_section_is_malformed(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("relocs", &len);
	Elf64_Sym *s = raw_symbol(b, "target");
	s->st_value = 0x10000;
	expect(f, b, len, EL2_ERR_ELF_MALFORMED,
	       "symbol 'target' (value 0x10000) lies outside section .rodata.targets (size 0x260)");
	s->st_value = 0x230;
	s->st_shndx = 0x50;
	expect(f, b, len, EL2_ERR_ELF_MALFORMED, "symbol 'target': section index 80 out of range");
	free(b);
}

static void test_unknown_symbol_lookup_names_the_symbol(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("relocs", &len);
	assert_int_equal(load(f, b, len), EL2_OK);
	uint64_t a = 0;
	char msg[128];
	assert_int_equal(el2_image_symbol(f->img, "__guest_enter", &a, msg, sizeof(msg)), EL2_OK);
	assert_int_equal(a, RBASE + 0x64);
	assert_int_equal(el2_image_symbol(f->img, "nope", &a, msg, sizeof(msg)),
			 EL2_ERR_UNKNOWN_SYMBOL);
	assert_string_equal(msg, "symbol 'nope' not found");
	/* undefined symbols are not definitions */
	assert_int_equal(el2_image_symbol(f->img, "ext_func", &a, NULL, 0), EL2_ERR_UNKNOWN_SYMBOL);
	free(b);
}

static void test_symbolize_names_the_nearest_preceding_label(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("relocs", &len);
	assert_int_equal(load(f, b, len), EL2_OK);
	const char *name = NULL;
	uint64_t off = 99;
	assert_int_equal(el2_image_symbolize(f->img, RBASE + 0x6c, &name, &off), EL2_OK);
	assert_string_equal(name, "__guest_enter");
	assert_int_equal(off, 0x8);
	/* $x mapping symbol at the same address is not chosen */
	assert_int_equal(el2_image_symbolize(f->img, RBASE + 0x10, &name, &off), EL2_OK);
	assert_string_equal(name, "_start");
	assert_int_equal(off, 0x10);
	/* a local label in another section */
	assert_int_equal(el2_image_symbolize(f->img, RBASE + 0x1284, &name, &off), EL2_OK);
	assert_string_equal(name, "far_local");
	assert_int_equal(off, 0);
	/* .text.far + 0: before far_local, only the $x mapping symbol */
	assert_int_equal(el2_image_symbolize(f->img, RBASE + 0x1280, &name, &off),
			 EL2_ERR_UNKNOWN_SYMBOL);
	/* the gap between .text and .data is in no section */
	assert_int_equal(el2_image_symbolize(f->img, RBASE + 0x5000, &name, &off),
			 EL2_ERR_UNKNOWN_SYMBOL);
	assert_int_equal(el2_image_entry(f->img), RBASE); /* _start */
	assert_int_equal(el2_image_type(f->img), ET_REL);
	free(b);
}

/* A label's extent ends at the next symbol of its section ($x mapping
 * symbols do not count) or at the section's end (fixtures/relocs.S). */
static void test_label_extent_runs_to_the_next_label_or_section_end(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("relocs", &len);
	assert_int_equal(load(f, b, len), EL2_OK);
	uint64_t lo = 0, hi = 0;
	char msg[128];
	assert_int_equal(el2_image_label_extent(f->img, "_start", &lo, &hi, msg, sizeof(msg)),
			 EL2_OK);
	assert_int_equal(lo, RBASE);
	assert_int_equal(hi, RBASE + 0x64); /* __guest_enter */
	assert_int_equal(el2_image_label_extent(f->img, "__guest_enter", &lo, &hi, NULL, 0),
			 EL2_OK);
	assert_int_equal(lo, RBASE + 0x64);
	assert_int_equal(hi, RBASE + 0x70); /* three instructions, then .text ends */
	assert_int_equal(el2_image_label_extent(f->img, "far_local", &lo, &hi, NULL, 0), EL2_OK);
	assert_int_equal(lo, RBASE + 0x1284);
	assert_int_equal(hi, RBASE + 0x1288); /* .text.far: nop, far_local: ret */
	assert_int_equal(el2_image_label_extent(f->img, "nope", &lo, &hi, msg, sizeof(msg)),
			 EL2_ERR_UNKNOWN_SYMBOL);
	assert_string_equal(msg, "symbol 'nope' not found in a loaded section");
	assert_int_equal(el2_image_label_extent(f->img, "ext_func", &lo, &hi, NULL, 0),
			 EL2_ERR_UNKNOWN_SYMBOL); /* undefined */
	free(b);
}

/* An assembler-sized routine covers [value, value + size) whatever labels
 * lie inside it; an unsized label keeps the next-label rule, where a local
 * label inside a sized routine does not count (fixtures/extent.S). */
static void test_sized_routine_extent_spans_its_inner_labels(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("extent", &len);
	assert_int_equal(load(f, b, len), EL2_OK);
	uint64_t lo = 0, hi = 0;
	assert_int_equal(el2_image_label_extent(f->img, "sized_fn", &lo, &hi, NULL, 0), EL2_OK);
	assert_int_equal(lo, RBASE);
	assert_int_equal(hi, RBASE + 0x18); /* not cut at el1_sync or inner_exit */
	/* inner_exit is unsized: it runs to the next label that is not local to
	 * sized_fn, i.e. past wa_epilogue to bare. */
	assert_int_equal(el2_image_label_extent(f->img, "inner_exit", &lo, &hi, NULL, 0),
			 EL2_OK);
	assert_int_equal(lo, RBASE + 0x0c);
	assert_int_equal(hi, RBASE + 0x18);
	assert_int_equal(el2_image_label_extent(f->img, "bare", &lo, &hi, NULL, 0), EL2_OK);
	assert_int_equal(lo, RBASE + 0x18);
	assert_int_equal(hi, RBASE + 0x20); /* bare_local ends it */
	assert_int_equal(el2_image_label_extent(f->img, "bare_next", &lo, &hi, NULL, 0),
			 EL2_OK);
	assert_int_equal(hi, RBASE + 0x28); /* alias2 */
	assert_int_equal(el2_image_label_extent(f->img, "alias2", &lo, &hi, NULL, 0), EL2_OK);
	assert_int_equal(lo, RBASE + 0x28);
	assert_int_equal(hi, RBASE + 0x30); /* sized2's size, not cut at inner2 */
	free(b);
}

static void test_object_outside_mapped_memory_names_the_section(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("relocs", &len);
	el2_mem *small = NULL;
	assert_int_equal(el2_mem_new(&small), EL2_OK);
	assert_int_equal(el2_mem_add(small, "tiny", RBASE, 0x1000, EL2_MEM_HYP), EL2_OK);
	el2_load_opts o = { .rel_base = RBASE };
	assert_int_equal(el2_elf_load_buffer(small, b, len, &o, &f->img, f->msg, sizeof(f->msg)),
			 EL2_ERR_MEM_UNMAPPED);
	assert_non_null(strstr(f->msg, "section .rodata.targets (0x260 bytes at 0x40001000)"));
	el2_mem_free(&small);
	free(b);
}

/* gABI: an SHT_NULL section header is inactive and its other members are
 * undefined, so its SHF_ALLOC flag and file range mean nothing: the loader
 * skips it (found by fuzz_elf: it copied the range from beyond the file). */
static void test_inactive_null_section_header_is_not_loaded(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("relocs", &len);
	Elf64_Shdr *data = raw_section(b, ".data");
	data->sh_type = SHT_NULL;
	data->sh_offset = 0xffffff00; /* beyond the file: must not be read */
	assert_true(data->sh_flags & SHF_ALLOC);
	assert_int_equal(load(f, b, len), EL2_OK);
	uint64_t addr, size;
	assert_int_equal(el2_image_section(f->img, ".data", &addr, &size), EL2_ERR_UNKNOWN_SYMBOL);
	assert_int_equal(el2_image_symbol(f->img, "d_abs64", &addr, NULL, 0),
			 EL2_ERR_UNKNOWN_SYMBOL);
	assert_int_equal(el2_image_section(f->img, ".text", &addr, &size), EL2_OK);
	assert_int_equal(addr, RBASE);
	free(b);
}

/* ---- linked images ---- */
static void test_exec_segments_load_at_vaddr_and_bss_is_zeroed(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("exec_elf", &len);
	assert_int_equal(el2_mem_add(f->m, "img", 0x80000, 0x20000, EL2_MEM_HYP), EL2_OK);
	uint8_t ff[0x1010];
	memset(ff, 0xff, sizeof(ff));
	assert_int_equal(el2_mem_write(f->m, 0x90000, ff, sizeof(ff)), EL2_OK);
	assert_int_equal(load(f, b, len), EL2_OK);
	uint64_t v = 0;
	assert_int_equal(el2_mem_read(f->m, 0x90000, &v, 8), EL2_OK);
	assert_int_equal(v, UINT64_C(0x0123456789abcdef));
	uint8_t z[0x1008];
	assert_int_equal(el2_mem_read(f->m, 0x90008, z, sizeof(z)), EL2_OK);
	for (size_t i = 0; i < sizeof(z); i++)
		assert_int_equal(z[i], 0);
	uint32_t insn = 0;
	assert_int_equal(el2_mem_read(f->m, 0x80014, &insn, 4), EL2_OK);
	assert_int_equal(insn, 0xd65f03c0); /* ret at the end of handler */
	assert_int_equal(el2_image_type(f->img), ET_EXEC);
	assert_int_equal(el2_image_entry(f->img), 0x80000);
	assert_int_equal(el2_image_symbol(f->img, "handler", &v, NULL, 0), EL2_OK);
	assert_int_equal(v, 0x8000c);
	const char *name;
	assert_int_equal(el2_image_symbolize(f->img, 0x80010, &name, &v), EL2_OK);
	assert_string_equal(name, "handler");
	assert_int_equal(v, 4);
	free(b);
}

static void test_exec_segment_outside_the_map_is_unmapped(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("exec_elf", &len);
	assert_int_equal(el2_mem_add(f->m, "code", 0x80000, 0x1000, EL2_MEM_HYP), EL2_OK);
	expect(f, b, len, EL2_ERR_MEM_UNMAPPED, "segment 1 (0x1010 bytes at 0x90000)");
	free(b);
}

static void test_dyn_image_is_loaded_at_vaddr_plus_bias(void **state)
{
	fx *f = *state;
	size_t len = 0;
	unsigned char *b = need("dyn_elf", &len);
	const uint64_t bias = 0x10000000;
	assert_int_equal(el2_mem_add(f->m, "pie", bias, 0x60000, EL2_MEM_GUEST), EL2_OK);
	el2_load_opts o = { .dyn_bias = bias };
	assert_int_equal(el2_elf_load_buffer(f->m, b, len, &o, &f->img, f->msg, sizeof(f->msg)),
			 EL2_OK);
	uint64_t v = 0;
	assert_int_equal(el2_mem_read(f->m, bias + 0x20000, &v, 8), EL2_OK);
	assert_int_equal(v, UINT64_C(0x0123456789abcdef));
	assert_int_equal(el2_image_type(f->img), ET_DYN);
	assert_int_equal(el2_image_entry(f->img), bias + 0x10000);
	assert_int_equal(el2_image_symbol(f->img, "handler", &v, NULL, 0), EL2_OK);
	assert_int_equal(v, bias + 0x1000c);
	free(b);
}

static void test_load_file_reports_io_errors_with_the_path(void **state)
{
	fx *f = *state;
	assert_int_equal(el2_elf_load_file(f->m, "/nonexistent/x.o", NULL, &f->img, f->msg,
					   sizeof(f->msg)), EL2_ERR_IO);
	assert_non_null(strstr(f->msg, "/nonexistent/x.o"));
	const char *p = fixture_path("relocs");
	if (!p)
		skip();
	static const el2_symdef defs[] = {
		{ "ext_func", RBASE + 0x4000 }, { "ext_g0", 1 }, { "ext_g1", 2 }, { "ext_g3", 3 },
	};
	el2_load_opts o = { .rel_base = RBASE, .symdefs = defs, .n_symdefs = 4 };
	assert_int_equal(el2_elf_load_file(f->m, p, &o, &f->img, f->msg, sizeof(f->msg)), EL2_OK);
	assert_non_null(f->img);
}

int main(int argc, char **argv)
{
	fx_argc = argc;
	fx_argv = argv;
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_empty_and_bad_magic_are_malformed),
		T(test_32bit_big_endian_and_x86_64_are_wrong_machine),
		T(test_every_truncation_is_an_error_not_a_crash),
		T(test_section_header_table_beyond_the_file_is_malformed),
		T(test_section_offset_beyond_the_file_is_malformed),
		T(test_huge_section_size_is_malformed_not_allocated),
		T(test_symbol_index_out_of_range_is_malformed),
		T(test_relocation_offset_outside_its_section_is_malformed),
		T(test_symbol_pointing_outside_its_section_is_malformed),
		T(test_unknown_symbol_lookup_names_the_symbol),
		T(test_symbolize_names_the_nearest_preceding_label),
		T(test_label_extent_runs_to_the_next_label_or_section_end),
		T(test_sized_routine_extent_spans_its_inner_labels),
		T(test_object_outside_mapped_memory_names_the_section),
		T(test_inactive_null_section_header_is_not_loaded),
		T(test_exec_segments_load_at_vaddr_and_bss_is_zeroed),
		T(test_exec_segment_outside_the_map_is_unmapped),
		T(test_dyn_image_is_loaded_at_vaddr_plus_bias),
		T(test_load_file_reports_io_errors_with_the_path),
#undef T
	};
	return cmocka_run_group_tests_name("elf_load", tests, NULL, NULL);
}
