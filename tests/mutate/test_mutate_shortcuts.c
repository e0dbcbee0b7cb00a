/* SPDX-License-Identifier: MIT */
/* el2sim mutate's shortcuts (a check stopped at its first finding, each
 * worker's kept world, no check of a word the unmutated runs never
 * executed) give the report of whole checks of fresh loads
 * (el2_mutate_opts.no_shortcuts), byte for byte, on words of the
 * reference world switch whose mutants are killed, survive, or are not
 * covered (docs/mutate.md). Args: nvhe=ELF vhe=ELF profiles=DIR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "el2sim/mutate.h"

#include "cli_spawn.h"
#include "mutate_test_util.h"

static const char *elf[2], *profiles;

/* The mutants of one word, with or without the shortcuts; counts each
 * verdict into seen[]. */
static char *mutate_word(unsigned ref, const char *symbol, uint64_t off, bool shortcuts,
			 unsigned seen[EL2_MUT__STATUS_COUNT])
{
	char path[4096], err[512];
	snprintf(path, sizeof(path), "%s/%s.profile", profiles, ref ? "vhe" : "nvhe");
	el2_check_profile *p = NULL;
	assert_int_equal(el2_check_profile_load(path, &p, err, sizeof(err)), EL2_OK);
	el2_mutate_opts o = el2_mutate_opts_default();
	o.symbol = symbol;
	o.one_word = true;
	o.word_offset = off;
	o.no_shortcuts = !shortcuts;
	o.jobs = shortcuts ? 2 : 1;
	el2_mutate_result *r = NULL;
	el2_err e = el2_mutate_file(elf[ref], p, &o, &r, err, sizeof(err));
	if (e)
		fail_msg("%s %s+0x%llx: %s", elf[ref], symbol, (unsigned long long)off, err);
	const el2_mutant *m;
	size_t n = el2_mutate_mutants(r, &m);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++)
		seen[m[i].status]++;
	char *js = mt_json_of(r);
	el2_mutate_result_free(&r);
	el2_check_profile_free(&p);
	return js;
}

static void test_shortcuts_give_the_whole_checks_report(void **state)
{
	(void)state;
	/* the same words in both references (docs/mutate.md's survivors) */
	static const struct {
		const char *symbol;
		uint64_t off;
	} words[] = {
		{"__guest_enter", 0x0},   /* killed by property 6 */
		{"__guest_exit", 0x68},   /* msr daifset, #4: survives */
		{"__guest_exit", 0x78},   /* str xzr, [x2, #0xc00]: killed and survivors */
		{"__hyp_vectors", 0x500}, /* the AArch32 vector: not covered */
	};
	for (unsigned ref = 0; ref < 2; ref++) {
		unsigned fast[EL2_MUT__STATUS_COUNT] = {0}, slow[EL2_MUT__STATUS_COUNT] = {0};
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
			char *a = mutate_word(ref, words[i].symbol, words[i].off, true, fast);
			char *b = mutate_word(ref, words[i].symbol, words[i].off, false, slow);
			assert_string_equal(a, b);
			free(a);
			free(b);
		}
		/* the subset holds every verdict a check decides */
		assert_true(fast[EL2_MUT_KILLED] > 0);
		assert_true(fast[EL2_MUT_SURVIVED] > 0);
		assert_true(fast[EL2_MUT_NOT_COVERED] > 0);
		assert_memory_equal(fast, slow, sizeof(fast));
	}
}

int main(int argc, char **argv)
{
	elf[0] = cli_arg(argc, argv, "nvhe");
	elf[1] = cli_arg(argc, argv, "vhe");
	profiles = cli_arg(argc, argv, "profiles");
	if (!elf[0] || !elf[1] || !profiles) {
		fprintf(stderr, "usage: test_mutate_shortcuts nvhe=ELF vhe=ELF profiles=DIR\n");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shortcuts_give_the_whole_checks_report),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
