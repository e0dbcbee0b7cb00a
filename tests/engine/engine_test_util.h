/* SPDX-License-Identifier: MIT */
/* Shared set-up for the engine tests: a PE (default configuration, reset
 * at EL2h), one RAM region at RAM_BASE holding the fixture object loaded
 * as ET_REL, and an engine over them. The fixture path comes from argv as
 * name=path. */
#ifndef ENGINE_TEST_UTIL_H
#define ENGINE_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "el2sim/el2sim.h"
#include "el2sim/engine.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE 0x40000ull
#define SENTINEL 0xdead0000ull

static int et_argc;
static char **et_argv;

static inline const char *et_fixture(const char *name)
{
	size_t n = strlen(name);
	for (int i = 1; i < et_argc; i++)
		if (strncmp(et_argv[i], name, n) == 0 && et_argv[i][n] == '=')
			return et_argv[i] + n + 1;
	return NULL;
}

typedef struct et_world {
	el2_pe *pe;
	el2_mem *mem;
	el2_image *img;
	el2_engine *eng;
} et_world;

/* A world's first half: the PE of configuration cfg and RAM (HOST | HYP
 * | GUEST); returns the fixture's path (NULL for none), skipping the test
 * if the fixture was not built. Regions of the test's own go in next. */
static inline const char *et_begin(et_world *w, const char *fixture, const el2_config *cfg)
{
	memset(w, 0, sizeof(*w));
	const char *path = fixture ? et_fixture(fixture) : NULL;
	if (fixture && !path)
		skip();
	assert_int_equal(el2_pe_new(cfg, &w->pe), EL2_OK);
	assert_int_equal(el2_mem_new(&w->mem), EL2_OK);
	assert_int_equal(el2_mem_add(w->mem, "ram", RAM_BASE, RAM_SIZE,
				     EL2_MEM_HOST | EL2_MEM_HYP | EL2_MEM_GUEST), EL2_OK);
	return path;
}

/* The second half: the object at path loaded into RAM (NULL: none; the
 * test writes its code into RAM), the engine, x30 = the sentinel and the
 * stacks inside RAM. */
static inline void et_finish(et_world *w, const char *path)
{
	el2_load_opts lo = {.rel_base = RAM_BASE};
	char err[256];
	if (path)
		assert_int_equal(el2_elf_load_file(w->mem, path, &lo, &w->img, err, sizeof(err)),
				 EL2_OK);
	assert_int_equal(el2_engine_new(w->pe, w->mem, w->img, &w->eng, err, sizeof(err)), EL2_OK);
	el2_reg_write(w->pe, EL2_REG_X(30), SENTINEL);
	el2_reg_write(w->pe, EL2_SYSREG(SP_EL2), RAM_BASE + RAM_SIZE - 0x100);
	el2_reg_write(w->pe, EL2_SYSREG(SP_EL1), RAM_BASE + RAM_SIZE - 0x1100);
	el2_reg_write(w->pe, EL2_SYSREG(SP_EL0), RAM_BASE + RAM_SIZE - 0x2100);
}

/* The world for a PE of configuration cfg, with the fixture object loaded
 * (fixture NULL: no object; the test writes its code into RAM). */
static inline void et_open_cfg(et_world *w, const char *fixture, const el2_config *cfg)
{
	et_finish(w, et_begin(w, fixture, cfg));
}

/* et_open_cfg with the default configuration (a Neoverse-N1-like PE). */
static inline void et_open(et_world *w, const char *fixture)
{
	el2_config cfg = el2_config_default();
	et_open_cfg(w, fixture, &cfg);
}

static inline void et_close(et_world *w)
{
	el2_engine_free(&w->eng);
	el2_image_free(&w->img);
	el2_mem_free(&w->mem);
	el2_pe_free(&w->pe);
}

static inline uint64_t et_sym(et_world *w, const char *name)
{
	uint64_t a = 0;
	assert_int_equal(el2_image_symbol(w->img, name, &a, NULL, 0), EL2_OK);
	return a;
}

static inline uint64_t et_reg(et_world *w, el2_reg r)
{
	uint64_t v = 0;
	assert_int_equal(el2_reg_read(w->pe, r, &v), EL2_OK);
	return v;
}

/* Runs from symbol `at` at the PE's current EL with a sentinel. */
static inline el2_run_result et_run_from(et_world *w, const char *at, el2_run_opts *o)
{
	el2_run_opts d = el2_run_opts_default();
	if (!o)
		o = &d;
	o->has_sentinel = true;
	o->sentinel = SENTINEL;
	if (!o->budget)
		o->budget = 100000;
	if (at)
		el2_reg_write(w->pe, EL2_REG_PC, et_sym(w, at));
	el2_run_result r;
	assert_int_equal(el2_engine_run(w->eng, o, &r), EL2_OK);
	return r;
}

#define ET_MAIN(tests)                                                        \
	int main(int argc, char **argv)                                       \
	{                                                                     \
		et_argc = argc;                                               \
		et_argv = argv;                                               \
		return cmocka_run_group_tests(tests, NULL, NULL);             \
	}

#endif
