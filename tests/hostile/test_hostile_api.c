/* SPDX-License-Identifier: MIT */
/* Hostile inputs through the library API (docs/robustness.md): files
 * that are not files (a FIFO must not block, a directory must not be read
 * as a huge file), and exception storms that the engine stops and names.
 * argv: hostile=PATH of the hostile.S object. */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "el2sim/check.h"
#include "el2sim/engine.h"
#include "el2sim/mutate.h"
#include "hostile_files.h"

static const char *hostile_o;

#define RAM 0x40000000u

static void expect_msg(const char *msg, const char *what)
{
	if (!strstr(msg, what))
		fail_msg("message '%s' lacks '%s'", msg, what);
}

static const char *make_fifo(void)
{
	static char path[1024];
	snprintf(path, sizeof(path), "%s/fifo", hf_scratch());
	unlink(path);
	assert_int_equal(mkfifo(path, 0600), 0);
	return path;
}

/* Regression: el2_elf_load_file, el2_check_profile_load and
 * el2_mutate_file blocked forever in open() on a FIFO, and read a
 * directory as a file of LONG_MAX bytes ("larger than 268435456 bytes")
 * or as an empty one. */
static void test_loaders_refuse_fifos_directories_and_devices(void **state)
{
	const char *fifo = make_fifo();
	const char *dir = hf_scratch();
	char msg[512];
	el2_mem *mem;
	assert_int_equal(el2_mem_new(&mem), EL2_OK);
	el2_image *img = NULL;

	assert_int_equal(el2_elf_load_file(mem, fifo, NULL, &img, msg, sizeof(msg)), EL2_ERR_IO);
	expect_msg(msg, "is a FIFO, not a file");
	assert_null(img);
	assert_int_equal(el2_elf_load_file(mem, dir, NULL, &img, msg, sizeof(msg)), EL2_ERR_IO);
	expect_msg(msg, "is a directory, not a file");
	assert_int_equal(el2_elf_load_file(mem, "/dev/zero", NULL, &img, msg, sizeof(msg)),
			 EL2_ERR_IO);
	expect_msg(msg, "is a device, not a file");
	el2_mem_free(&mem);

	el2_check_profile *prof = NULL;
	assert_int_equal(el2_check_profile_load(fifo, &prof, msg, sizeof(msg)), EL2_ERR_IO);
	expect_msg(msg, "is a FIFO, not a file");
	assert_int_equal(el2_check_profile_load(dir, &prof, msg, sizeof(msg)), EL2_ERR_IO);
	expect_msg(msg, "is a directory, not a file");
	assert_null(prof);

	el2_check_opts co = el2_check_opts_default();
	el2_check_result *cres = NULL;
	assert_int_not_equal(el2_check_file(fifo, NULL, &co, &cres, msg, sizeof(msg)), EL2_OK);
	expect_msg(msg, "is a FIFO, not a file");
	assert_null(cres);

	el2_mutate_opts mo = el2_mutate_opts_default();
	el2_mutate_result *mres = NULL;
	assert_int_not_equal(el2_mutate_file(dir, NULL, &mo, &mres, msg, sizeof(msg)), EL2_OK);
	expect_msg(msg, "is a directory, not a file");
	assert_null(mres);
	unlink(fifo);
}

/* A file of the maximum size plus one is refused by its size alone. */
static void test_profile_over_one_mib_is_refused(void **state)
{
	size_t n = (1u << 20) + 1;
	char *big = malloc(n);
	assert_non_null(big);
	memset(big, '#', n);
	const char *p = hf_write("big.profile", big, n);
	free(big);
	el2_check_profile *prof = NULL;
	char msg[512];
	assert_int_equal(el2_check_profile_load(p, &prof, msg, sizeof(msg)), EL2_ERR_IO);
	expect_msg(msg, "larger than 1048576 bytes");
}

/* ---- storms through the engine ---- */

typedef struct world {
	el2_pe *pe;
	el2_mem *mem;
	el2_image *img;
	el2_engine *eng;
} world;

static void open_world(world *w, const char *entry)
{
	memset(w, 0, sizeof(*w));
	el2_config cfg = el2_config_default();
	char err[256];
	assert_int_equal(el2_pe_new(&cfg, &w->pe), EL2_OK);
	assert_int_equal(el2_mem_new(&w->mem), EL2_OK);
	assert_int_equal(el2_mem_add(w->mem, "ram", RAM, 0x10000, EL2_MEM_HOST | EL2_MEM_HYP),
			 EL2_OK);
	el2_load_opts lo = {.rel_base = RAM};
	assert_int_equal(el2_elf_load_file(w->mem, hostile_o, &lo, &w->img, err, sizeof(err)),
			 EL2_OK);
	assert_int_equal(el2_engine_new(w->pe, w->mem, w->img, &w->eng, err, sizeof(err)), EL2_OK);
	uint64_t pc;
	assert_int_equal(el2_image_symbol(w->img, entry, &pc, NULL, 0), EL2_OK);
	assert_int_equal(el2_reg_write(w->pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL2h | EL2_PSR_DAIF),
			 EL2_OK);
	assert_int_equal(el2_reg_write(w->pe, EL2_REG_PC, pc), EL2_OK);
}

static void close_world(world *w)
{
	el2_engine_free(&w->eng);
	el2_image_free(&w->img);
	el2_mem_free(&w->mem);
	el2_pe_free(&w->pe);
}

/* A UDF at the vector that handles it: the same exception from the same
 * PC, forever. The engine names the storm and stops long before the
 * budget (256 exceptions in a row without progress). */
static void test_undefined_vector_storm_is_stopped_and_named(void **state)
{
	world w;
	open_world(&w, "udf_storm");
	el2_run_opts o = el2_run_opts_default();
	o.budget = 100000;
	el2_run_result r;
	assert_int_equal(el2_engine_run(w.eng, &o, &r), EL2_OK);
	assert_int_equal(r.reason, EL2_STOP_ERROR);
	assert_non_null(strstr(r.message, "exception storm at udf_vectors+0x200 (EL2): EC 0x00"));
	/* 3 set-up instructions, the first UDF, then one UDF per exception. */
	assert_true(r.insns >= 256 && r.insns < 300);
	uint64_t esr = 0, pc = 0;
	el2_reg_read(w.pe, EL2_SYSREG(ESR_EL2), &esr);
	el2_reg_read(w.pe, EL2_REG_PC, &pc);
	/* EC 0x00: Unknown reason (Arm ARM, ESR_EL2.EC encodings). */
	assert_int_equal(esr >> 26, 0);
	uint64_t vec;
	assert_int_equal(el2_image_symbol(w.img, "udf_vectors", &vec, NULL, 0), EL2_OK);
	assert_int_equal(pc, vec + 0x200);
	close_world(&w);
}

/* HVC at EL2 taken to EL2 whose vector is another HVC: the same, with
 * the HVC's syndrome (EC 0x16, imm16 1). */
static void test_hvc_storm_at_el2_is_stopped_and_named(void **state)
{
	world w;
	open_world(&w, "hvc_storm");
	el2_run_opts o = el2_run_opts_default();
	o.budget = 100000;
	el2_run_result r;
	assert_int_equal(el2_engine_run(w.eng, &o, &r), EL2_OK);
	assert_int_equal(r.reason, EL2_STOP_ERROR);
	assert_non_null(strstr(r.message, "exception storm at hvc_vectors+0x200 (EL2): EC 0x16"));
	uint64_t esr = 0;
	el2_reg_read(w.pe, EL2_SYSREG(ESR_EL2), &esr);
	assert_int_equal(esr, (UINT64_C(0x16) << 26) | (UINT64_C(1) << 25) | 1);
	/* A second run starts counting afresh and stops the same way. */
	assert_int_equal(el2_engine_run(w.eng, &o, &r), EL2_OK);
	assert_int_equal(r.reason, EL2_STOP_ERROR);
	assert_true(r.insns >= 255 && r.insns < 300);
	close_world(&w);
}

/* Exceptions in a loop that makes progress between them are no storm: a
 * budget smaller than the storm bound still ends the UDF storm by budget,
 * so the budget keeps its meaning. */
static void test_budget_below_the_storm_bound_still_ends_the_run(void **state)
{
	world w;
	open_world(&w, "udf_storm");
	el2_run_opts o = el2_run_opts_default();
	o.budget = 100;
	el2_run_result r;
	assert_int_equal(el2_engine_run(w.eng, &o, &r), EL2_OK);
	assert_int_equal(r.reason, EL2_STOP_BUDGET);
	assert_int_equal(r.insns, 100);
	close_world(&w);
}

static int teardown(void **state)
{
	hf_rmdir();
	return 0;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strncmp(argv[i], "hostile=", 8))
			hostile_o = argv[i] + 8;
	if (!hostile_o) {
		fprintf(stderr, "usage: test_hostile_api hostile=PATH\n");
		return 77;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loaders_refuse_fifos_directories_and_devices),
		cmocka_unit_test(test_profile_over_one_mib_is_refused),
		cmocka_unit_test(test_undefined_vector_storm_is_stopped_and_named),
		cmocka_unit_test(test_hvc_storm_at_el2_is_stopped_and_named),
		cmocka_unit_test(test_budget_below_the_storm_bound_still_ends_the_run),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
