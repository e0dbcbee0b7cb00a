/* SPDX-License-Identifier: MIT */
/* Hostile inputs through the el2sim command line (docs/robustness.md has
 * the table): each case must end with its documented exit status
 * (docs/cli.md) and a one-line message naming the problem, never with a
 * crash, a hang, a sanitizer report or output on stdout for a refused
 * input. The bad files are made here, at test time, from good ones.
 * argv: key=path pairs (see main). */
#include <elf.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli_spawn.h"
#include "hostile_files.h"

/* Inputs (main): the el2sim binary, the hostile.S and far_call.S
 * fixtures, an ET_REL object (tests/cli cli.o), the linked reference
 * world switch and its profile. */
static const char *el2sim, *hostile_o, *far_call_o, *rel_o, *exec_elf, *profile;

enum { OK = 0, FINDINGS = 1, USAGE = 2, INPUT = 3, BUDGET = 4 };

/* Runs el2sim with the NULL-terminated arguments and checks the exit
 * status and that stderr says `says`; refused inputs (2, 3) print nothing
 * on stdout. Returns the result for more checks (free it). */
static cli_result expect(int code, const char *says, const char *first, ...)
{
	char *argv[40];
	va_list ap;
	va_start(ap, first);
	int argc = cli_argv(argv, 40, el2sim, first, ap);
	va_end(ap);
	cli_result r = cli_spawn(argv, 120);
	char cmd[512] = "";
	for (int i = 1; i < argc; i++) {
		strncat(cmd, argv[i], sizeof(cmd) - strlen(cmd) - 2);
		strcat(cmd, " ");
	}
	if (strstr(r.err, "Sanitizer") || strstr(r.err, "runtime error:"))
		fail_msg("el2sim %s: sanitizer report:\n%s", cmd, r.err);
	if (r.code != code || !strstr(r.err, says))
		fail_msg("el2sim %s: exit %d, stderr:\n%s\nwanted exit %d and '%s'", cmd, r.code,
			 r.err, code, says);
	if ((code == USAGE || code == INPUT) && r.out_len)
		fail_msg("el2sim %s: stdout is not empty:\n%s", cmd, r.out);
	/* One line, naming the command (check and mutate findings go to
	 * stdout only). */
	bool one_line = !strncmp(r.err, "el2sim ", 7) &&
			strchr(r.err, '\n') == r.err + strlen(r.err) - 1;
	if (!one_line && (r.err[0] || code != FINDINGS))
		fail_msg("el2sim %s: stderr is not one 'el2sim CMD: ...' line:\n%s", cmd, r.err);
	return r;
}

#define EXPECT(...)                                     \
	do {                                            \
		cli_result r_ = expect(__VA_ARGS__, NULL); \
		cli_result_free(&r_);                   \
	} while (0)

/* ---- files that are not objects ---- */

static void test_missing_file_is_input_error_for_every_command(void **state)
{
	const char *nope = "/nonexistent/entry.o";
	EXPECT(INPUT, "cannot read '/nonexistent/entry.o'", "run", nope);
	EXPECT(INPUT, "cannot read '/nonexistent/entry.o'", "trace", nope);
	EXPECT(INPUT, "cannot read '/nonexistent/entry.o'", "check", nope);
	EXPECT(INPUT, "cannot read '/nonexistent/entry.o'", "mutate", nope, "--layout", profile);
}

static void test_directory_as_the_object_is_input_error(void **state)
{
	const char *dir = hf_scratch();
	EXPECT(INPUT, "is a directory, not a file", "run", dir);
	EXPECT(INPUT, "is a directory, not a file", "trace", dir);
	EXPECT(INPUT, "is a directory, not a file", "check", dir);
	EXPECT(INPUT, "is a directory, not a file", "mutate", dir, "--layout", profile);
}

/* Opening a FIFO for reading waits for a writer: el2sim must refuse it
 * instead of hanging (the spawn helper kills a hang and fails). */
static void test_fifo_as_the_object_or_layout_does_not_hang(void **state)
{
	char fifo[1024];
	snprintf(fifo, sizeof(fifo), "%s/fifo", hf_scratch());
	unlink(fifo);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	EXPECT(INPUT, "is a FIFO, not a file", "run", fifo);
	EXPECT(INPUT, "is a FIFO, not a file", "check", fifo);
	EXPECT(INPUT, "is a FIFO, not a file", "check", exec_elf, "--layout", fifo);
	EXPECT(INPUT, "is a FIFO, not a file", "mutate", exec_elf, "--layout", fifo);
	unlink(fifo);
}

static void test_device_as_the_object_is_input_error(void **state)
{
	EXPECT(INPUT, "not a file", "run", "/dev/null");
	EXPECT(INPUT, "not a file", "check", "/dev/zero");
}

/* ---- malformed ELF ---- */

static void test_truncated_elf_at_several_lengths_is_input_error(void **state)
{
	hf_buf b = hf_read(rel_o);
	/* Each length with the check the loader meets first (ELF header =
	 * 64 bytes; e_ident = 16). */
	const struct {
		size_t len;
		const char *says;
	} cuts[] = {
		{0, "empty file"},
		{3, "not an ELF file"},
		{10, "truncated ELF identification"},
		{40, "truncated ELF header"},
		{63, "truncated ELF header"},
		{64, "section header table"},
		{b.len / 2, "section header table"}, /* the table is at the end */
		{b.len - 1, "section header table"},
	};
	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		const char *p = hf_write("truncated.o", b.data, cuts[i].len);
		EXPECT(INPUT, cuts[i].says, "run", p);
		EXPECT(INPUT, cuts[i].says, "check", p);
	}
	hf_free(&b);
}

static void test_garbage_is_not_an_elf(void **state)
{
	uint8_t junk[4096];
	uint32_t x = 0x9e3779b9u;
	for (size_t i = 0; i < sizeof(junk); i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5; /* xorshift32 */
		junk[i] = (uint8_t)x;
	}
	junk[0] = 0; /* never the ELF magic */
	const char *p = hf_write("garbage.o", junk, sizeof(junk));
	EXPECT(INPUT, "not an ELF file (bad magic)", "run", p);
	EXPECT(INPUT, "not an ELF file (bad magic)", "trace", p);
	EXPECT(INPUT, "not an ELF file (bad magic)", "check", p);
	/* The magic, then garbage: some table check refuses it. */
	memcpy(junk, ELFMAG, SELFMAG);
	junk[EI_CLASS] = ELFCLASS64;
	junk[EI_DATA] = ELFDATA2LSB;
	junk[EI_VERSION] = EV_CURRENT;
	junk[18] = EM_AARCH64;
	junk[19] = 0;
	p = hf_write("garbage-magic.o", junk, sizeof(junk));
	EXPECT(INPUT, "cannot load", "run", p);
}

/* One header field changed: a message naming the field's meaning. */
static void header_case(const char *file, size_t off, uint64_t value, size_t size,
			const char *says)
{
	hf_buf b = hf_read(file);
	memcpy(b.data + off, &value, size); /* little-endian host */
	const char *p = hf_write("header.o", b.data, b.len);
	EXPECT(INPUT, says, "run", p);
	EXPECT(INPUT, says, "check", p);
	hf_free(&b);
}

static void test_wrong_endianness_machine_class_and_type_are_named(void **state)
{
	header_case(rel_o, EI_DATA, ELFDATA2MSB, 1, "is not ELFDATA2LSB (big-endian?)");
	header_case(rel_o, EI_CLASS, ELFCLASS32, 1, "is not ELFCLASS64 (a 32-bit ELF?)");
	header_case(rel_o, offsetof(Elf64_Ehdr, e_machine), EM_X86_64, 2,
		    "e_machine 62 is not EM_AARCH64");
	header_case(exec_elf, offsetof(Elf64_Ehdr, e_machine), EM_X86_64, 2,
		    "e_machine 62 is not EM_AARCH64");
	header_case(rel_o, offsetof(Elf64_Ehdr, e_type), ET_CORE, 2,
		    "e_type 4 is not ET_REL, ET_EXEC or ET_DYN");
}

static void test_huge_table_offsets_and_counts_are_malformed(void **state)
{
	header_case(rel_o, offsetof(Elf64_Ehdr, e_shoff), UINT64_C(0xfffffffffffff000), 8,
		    "section header table");
	header_case(rel_o, offsetof(Elf64_Ehdr, e_shnum), 0xfeff, 2, "section header table");
	header_case(exec_elf, offsetof(Elf64_Ehdr, e_phoff), UINT64_C(1) << 62, 8,
		    "program header table");
	header_case(exec_elf, offsetof(Elf64_Ehdr, e_phentsize), 32, 2, "program header table");
}

static void test_huge_section_size_or_offset_is_malformed(void **state)
{
	static const struct {
		size_t field;
		uint64_t value;
	} cases[] = {
		{offsetof(Elf64_Shdr, sh_size), UINT64_C(1) << 60},
		{offsetof(Elf64_Shdr, sh_size), UINT64_MAX},
		{offsetof(Elf64_Shdr, sh_offset), UINT64_C(0xfffffffffffffff0)},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		hf_buf b = hf_read(rel_o);
		Elf64_Shdr *text = hf_shdr(&b, hf_section_named(&b, ".text"));
		memcpy((uint8_t *)text + cases[i].field, &cases[i].value, 8);
		const char *p = hf_write("bigsection.o", b.data, b.len);
		EXPECT(INPUT, "extends beyond the end of the file", "run", p);
		EXPECT(INPUT, "extends beyond the end of the file", "check", p);
		hf_free(&b);
	}
}

static void test_huge_segment_is_refused_not_allocated(void **state)
{
	hf_buf b = hf_read(exec_elf);
	size_t load = 0;
	while (hf_phdr(&b, load)->p_type != PT_LOAD)
		load++;
	hf_buf c = hf_copy(&b);
	hf_phdr(&c, load)->p_filesz = UINT64_C(1) << 40;
	const char *p = hf_write("bigfile.elf", c.data, c.len);
	EXPECT(INPUT, "beyond the end of the file", "run", p);
	EXPECT(INPUT, "beyond the end of the file", "check", p);
	hf_free(&c);
	/* 1 TiB of memory: the default layout would need a region that big;
	 * the map refuses it before allocating anything. */
	c = hf_copy(&b);
	hf_phdr(&c, load)->p_memsz = UINT64_C(1) << 40;
	p = hf_write("bigmem.elf", c.data, c.len);
	EXPECT(INPUT, "cannot make the default RAM region", "run", p);
	EXPECT(INPUT, "is not inside mapped memory", "check", p);
	hf_free(&c);
	/* Segments reaching the top of the address space. */
	c = hf_copy(&b);
	/* (ends exactly at 2^64 whatever the segment's size: not wrapping) */
	hf_phdr(&c, load)->p_vaddr = 0 - ((hf_phdr(&c, load)->p_memsz + 0xfff) & ~UINT64_C(0xfff));
	p = hf_write("wrap.elf", c.data, c.len);
	EXPECT(INPUT, "leave no room for the default layout below 2^64", "run", p);
	EXPECT(INPUT, "is not inside mapped memory", "check", p);
	hf_free(&c);
	hf_free(&b);
}

static void test_symbol_outside_its_section_is_malformed(void **state)
{
	hf_buf b = hf_read(rel_o);
	hf_symbol(&b, "leaf")->st_value = UINT64_C(0x100000);
	const char *p = hf_write("symbol.o", b.data, b.len);
	EXPECT(INPUT, "'leaf'", "run", p);
	EXPECT(INPUT, "'leaf'", "check", p);
	hf_free(&b);
	b = hf_read(rel_o);
	hf_symbol(&b, "leaf")->st_shndx = 0xfeff; /* no such section */
	p = hf_write("symbol-index.o", b.data, b.len);
	EXPECT(INPUT, "'leaf'", "run", p);
	hf_free(&b);
}

static void test_relocations_out_of_range_or_unsupported_are_named(void **state)
{
	/* B reaches +-128 MiB: 0x40000000 -> 0x4000000000 is 255 GiB away. */
	EXPECT(INPUT, "R_AARCH64_JUMP26", "run", far_call_o, "--define",
	       "external_function=0x4000000000");
	EXPECT(INPUT, "out of range", "run", far_call_o, "--define",
	       "external_function=0x4000000000");
	EXPECT(INPUT, "give its address with --define", "run", far_call_o);

	hf_buf b = hf_read(far_call_o);
	Elf64_Shdr *rela = hf_shdr(&b, hf_section_of_type(&b, SHT_RELA));
	Elf64_Rela *r = (Elf64_Rela *)(b.data + rela->sh_offset);
	hf_buf c = hf_copy(&b);
	((Elf64_Rela *)(c.data + rela->sh_offset))->r_offset = UINT64_C(0x100000);
	const char *p = hf_write("reloc-offset.o", c.data, c.len);
	EXPECT(INPUT, "cannot load", "run", p, "--define", "external_function=0x40001000");
	hf_free(&c);
	c = hf_copy(&b);
	((Elf64_Rela *)(c.data + rela->sh_offset))->r_info =
		ELF64_R_INFO(ELF64_R_SYM(r->r_info), 1000);
	p = hf_write("reloc-type.o", c.data, c.len);
	EXPECT(INPUT, "1000", "run", p, "--define", "external_function=0x40001000");
	hf_free(&c);
	hf_free(&b);
}

/* ---- profiles ---- */

static const char *file_with(const char *path, const char *name, const char *from,
			     const char *to)
{
	hf_buf b = hf_read(path);
	char *text = calloc(1, b.len + strlen(to) + 1);
	assert_non_null(text);
	memcpy(text, b.data, b.len);
	char *at = strstr(text, from);
	if (!at)
		fail_msg("the profile has no '%s'", from);
	size_t fl = strlen(from), tl = strlen(to);
	memmove(at + tl, at + fl, strlen(at + fl) + 1);
	memcpy(at, to, tl);
	const char *p = hf_write(name, text, strlen(text));
	free(text);
	hf_free(&b);
	return p;
}

static const char *profile_with(const char *name, const char *from, const char *to)
{
	return file_with(profile, name, from, to);
}

static void test_layout_offsets_outside_memory_are_input_errors(void **state)
{
	/* The context placed 256 MiB past its symbol: no region holds it. */
	const char *p = profile_with("ctx-past.profile", "context = vcpu_ctxt\n",
				     "context = vcpu_ctxt+0x10000000\n");
	EXPECT(INPUT, "is not in memory", "check", exec_elf, "--layout", p);
	/* A slot past the 16 MiB an offset may have. */
	p = profile_with("slot-past.profile", "\nx0 = 0x000\n", "\nx0 = 0x1000000000\n");
	EXPECT(INPUT, "line ", "check", exec_elf, "--layout", p);
	EXPECT(INPUT, "is not an offset", "check", exec_elf, "--layout", p);
	/* A region of 2^44 bytes. */
	p = profile_with("huge-region.profile", "guest = 0x80000000 0x200000 guest",
			 "guest = 0x80000000 0x100000000000 guest");
	EXPECT(INPUT, "guest", "check", exec_elf, "--layout", p);
	/* The context allocated bigger than the 16 MiB allowed. */
	p = profile_with("alloc.profile", "context = vcpu_ctxt\n", "context = alloc 0x40000000\n");
	EXPECT(INPUT, "line ", "check", exec_elf, "--layout", p);
}

static void test_overlong_unterminated_and_binary_profiles_are_refused(void **state)
{
	char line[3000];
	memset(line, 'x', sizeof(line));
	memcpy(line, "[world]\nmode = ", 15);
	const char *p = hf_write("long.profile", line, sizeof(line)); /* no newline at all */
	EXPECT(INPUT, "line 2: line longer than 1024 characters", "check", exec_elf, "--layout", p);
	p = hf_write("section.profile", "[world", 6);
	EXPECT(INPUT, "line 1", "check", exec_elf, "--layout", p);
	static const char nul[] = "[world]\nmode = nv\0he\n";
	p = hf_write("nul.profile", nul, sizeof(nul) - 1);
	EXPECT(INPUT, "line 2", "check", exec_elf, "--layout", p);
	EXPECT(INPUT, "cannot open", "check", exec_elf, "--layout", "/nonexistent.profile");
	EXPECT(INPUT, "is a directory", "check", exec_elf, "--layout", hf_scratch());
}

/* ---- code that never ends, rewrites itself, or storms ---- */

static void test_endless_code_ends_by_budget_with_exit_4(void **state)
{
	/* hostile.S: an HVC loop through the guest makes progress between its
	 * exceptions; only the budget ends it. */
	cli_result r = expect(BUDGET, "the budget of 100000 instructions ran out", "run",
			      hostile_o, "--entry", "hvc_loop", "--budget", "100K", NULL);
	cli_expect_in(r.out, "stop: budget at", "stdout");
	cli_expect_not_in(r.out, "exceptions 0,", "stdout");
	cli_result_free(&r);
	r = expect(BUDGET, "budget", "trace", hostile_o, "--entry", "udf_storm", "--budget", "200",
		   "--events-only", NULL);
	cli_expect_in(r.out, "! exception UNDEFINED EL2 -> EL2", "trace");
	cli_expect_in(r.out, "-- stop: budget", "trace");
	cli_result_free(&r);
}

/* A vector that faults at once (UDF; an HVC at EL2 taken to an HVC) is
 * an exception storm: stopped long before the budget, named with the
 * vector, exit 1 like any other stop on an error. */
static void test_exception_storm_is_named_with_exit_1(void **state)
{
	static const struct {
		const char *entry, *where;
	} cases[] = {
		{"udf_storm", "exception storm at udf_vectors+0x200 (EL2): EC 0x00"},
		{"hvc_storm", "exception storm at hvc_vectors+0x200 (EL2): EC 0x16"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cli_result r = expect(FINDINGS, cases[i].where, "run", hostile_o, "--entry",
				      cases[i].entry, "--budget", "100K", NULL);
		cli_result_free(&r);
	}
}

/* The stored word (B .) must be what runs after the maintenance
 * sequence; the stale RET would end at the sentinel with exit 0. */
static void test_code_that_rewrites_its_next_instruction_runs_the_new_word(void **state)
{
	cli_result r = expect(BUDGET, "budget", "run", hostile_o, "--entry", "selfmod", "--budget",
			      "10K", NULL);
	cli_expect_in(r.out, "stop: budget at 0x40000024 (selfmod+0x20)", "stdout");
	cli_result_free(&r);
}

/* Zeroing its own text: the architecture lets the PE run the old words
 * until the code is made visible (no IC IVAU here), so either the loop
 * keeps running until it writes past RAM (exit 1 naming the unmapped
 * write) or the zeroed words (UDF #0) storm until the budget (exit 4). */
static void test_code_that_zeroes_its_own_text_ends_cleanly(void **state)
{
	char *argv[] = {(char *)el2sim, "run", (char *)hostile_o, "--entry", "zero_text",
			"--budget", "10M", NULL};
	cli_result r = cli_spawn(argv, 120);
	if (strstr(r.err, "Sanitizer") || strstr(r.err, "runtime error:"))
		fail_msg("sanitizer report:\n%s", r.err);
	if (r.code == FINDINGS)
		cli_expect_in(r.err, "unmapped write of 0x41000000", "stderr");
	else if (r.code == BUDGET)
		cli_expect_in(r.err, "budget", "stderr");
	else
		fail_msg("exit %d, stderr: %s", r.code, r.err);
	cli_result_free(&r);
}

static void test_world_switch_that_never_returns_is_a_finding(void **state)
{
	/* The hypervisor's vectors are zeroed memory (UDF): every round trip
	 * ends in an exception storm inside EL2, which the engine names (the
	 * profile without its panic_vectors, which would end it at once). */
	const char *p0 = profile_with("storm0.profile", "vbar_el2 = __hyp_vectors",
				      "vbar_el2 = 0x40100000");
	const char *p = file_with(p0, "storm.profile", "panic_vectors = ", "# panic_vectors = ");
	cli_result r = expect(FINDINGS, "", "check", exec_elf, "--layout", p, "--runs", "0",
			      "--budget", "20000", NULL);
	/* one finding per phase that says why; the guest entry that never
	 * happened follows from it and is counted, not listed */
	cli_expect_in(r.out, "did not return to the host: the run stopped (error) at 0x40100", "stdout");
	cli_expect_in(r.out, "engine: exception storm at 0x40100", "stdout");
	cli_expect_in(r.out, "and 1 follow-on finding of this round trip not listed", "stdout");
	cli_expect_not_in(r.out, "the guest was never entered", "stdout");
	cli_result_free(&r);
	/* with panic_vectors: the first exception at EL2 from EL2 is the
	 * panic, named with its PC, syndrome and vector */
	r = expect(FINDINGS, "", "check", exec_elf, "--layout", p0, "--runs", "0", "--budget",
		   "20000", NULL);
	cli_expect_in(r.out, "EL2 panic: synchronous exception taken at EL2 from EL2 at 0x40100",
		      "stdout");
	cli_expect_in(r.out, "(EC 0x00), into VBAR_EL2+0x200 ([world] panic_vectors)", "stdout");
	cli_expect_not_in(r.out, "exception storm", "stdout");
	cli_result_free(&r);
}

/* ---- mutate refuses what it cannot score ---- */

static void test_mutate_of_an_object_that_fails_the_check_is_input_error(void **state)
{
	const char *p = profile_with("storm2.profile", "vbar_el2 = __hyp_vectors",
				     "vbar_el2 = 0x40100000");
	EXPECT(INPUT, "el2sim mutate: ", "mutate", exec_elf, "--layout", p, "--runs", "0",
	       "--budget", "20000", "--max-mutants", "1");
}

static int teardown(void **state)
{
	hf_rmdir();
	return 0;
}

int main(int argc, char **argv)
{
	el2sim = cli_arg(argc, argv, "el2sim");
	hostile_o = cli_arg(argc, argv, "hostile");
	far_call_o = cli_arg(argc, argv, "far_call");
	rel_o = cli_arg(argc, argv, "rel");
	exec_elf = cli_arg(argc, argv, "exec");
	profile = cli_arg(argc, argv, "profile");
	if (!el2sim || !hostile_o || !far_call_o || !rel_o || !exec_elf || !profile) {
		fprintf(stderr, "usage: test_hostile_cli el2sim=... hostile=... far_call=... "
				"rel=... exec=... profile=...\n");
		return 77;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_file_is_input_error_for_every_command),
		cmocka_unit_test(test_directory_as_the_object_is_input_error),
		cmocka_unit_test(test_fifo_as_the_object_or_layout_does_not_hang),
		cmocka_unit_test(test_device_as_the_object_is_input_error),
		cmocka_unit_test(test_truncated_elf_at_several_lengths_is_input_error),
		cmocka_unit_test(test_garbage_is_not_an_elf),
		cmocka_unit_test(test_wrong_endianness_machine_class_and_type_are_named),
		cmocka_unit_test(test_huge_table_offsets_and_counts_are_malformed),
		cmocka_unit_test(test_huge_section_size_or_offset_is_malformed),
		cmocka_unit_test(test_huge_segment_is_refused_not_allocated),
		cmocka_unit_test(test_symbol_outside_its_section_is_malformed),
		cmocka_unit_test(test_relocations_out_of_range_or_unsupported_are_named),
		cmocka_unit_test(test_layout_offsets_outside_memory_are_input_errors),
		cmocka_unit_test(test_overlong_unterminated_and_binary_profiles_are_refused),
		cmocka_unit_test(test_endless_code_ends_by_budget_with_exit_4),
		cmocka_unit_test(test_exception_storm_is_named_with_exit_1),
		cmocka_unit_test(test_code_that_rewrites_its_next_instruction_runs_the_new_word),
		cmocka_unit_test(test_code_that_zeroes_its_own_text_ends_cleanly),
		cmocka_unit_test(test_world_switch_that_never_returns_is_a_finding),
		cmocka_unit_test(test_mutate_of_an_object_that_fails_the_check_is_input_error),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
