/* SPDX-License-Identifier: MIT */
/* el2sim mutate on the tiny nVHE world switch of tests/check/fixtures:
 * a mutant that loses the host's x19 is killed, mutants of code no
 * scenario runs are "not covered", counts add up, JSON is deterministic.
 * Args: profile=PATH ok=PATH (tests/check/meson.build). */
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

static const char *profile_path, *ok_path, *bad_path, *alt_path;

/* The fixture's profile without the exit-information slots FAR_EL2 and
 * HPFAR_EL2 (the fixture copies them on every exit, also where they are
 * UNKNOWN, which the checker reports: not what these tests are about),
 * without the IRQ scenario if !irq, and with entry_asm (if non-NULL). */
static el2_check_profile *fixture_profile(bool irq, const char *entry_asm)
{
	char *text = cli_slurp_path(profile_path), *out = calloc(1, 1 << 16);
	assert_non_null(out);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (!strncmp(line, "far_el2", 7) || !strncmp(line, "hpfar_el2", 9) ||
		    (!irq && !strncmp(line, "irq", 3)))
			continue;
		if (entry_asm && !strncmp(line, "entry_asm", 9)) {
			strcat(strcat(strcat(out, "entry_asm = "), entry_asm), "\n");
			continue;
		}
		strcat(strcat(out, line), "\n");
	}
	char err[256];
	el2_check_profile *p = NULL;
	assert_int_equal(el2_check_profile_parse(out, strlen(out), &p, err, sizeof(err)), EL2_OK);
	free(text);
	free(out);
	return p;
}

/* Corner runs only: the fixture is small and every mutant needs a check. */
static el2_mutate_opts quick(const char *symbol)
{
	el2_mutate_opts o = el2_mutate_opts_default();
	o.runs = 0;
	o.symbol = symbol;
	return o;
}

static void assert_counts_add_up(const el2_mutate_result *r)
{
	const el2_mutant *m;
	size_t n = el2_mutate_mutants(r, &m);
	unsigned sum = 0, by[EL2_MUT__STATUS_COUNT] = {0};
	for (unsigned s = 0; s < EL2_MUT__STATUS_COUNT; s++)
		sum += el2_mutate_count(r, (el2_mut_status)s);
	for (size_t i = 0; i < n; i++)
		by[m[i].status]++;
	assert_int_equal(sum, n);
	for (unsigned s = 0; s < EL2_MUT__STATUS_COUNT; s++)
		assert_int_equal(by[s], el2_mutate_count(r, (el2_mut_status)s));
}

/* __guest_enter+0x28 is "stp x18, x19, [x0, #144]": the save of the host's
 * x18/x19. Deleting it, swapping them or moving the slot loses the host's
 * x19 (property 1), so all four mutants are killed. */
static void test_deleting_the_host_x19_save_is_killed(void **state)
{
	(void)state;
	el2_check_profile *p = fixture_profile(true, NULL);
	el2_mutate_opts o = quick("__guest_enter");
	o.one_word = true;
	o.word_offset = 0x28;
	el2_mutate_result *r = NULL;
	char err[512];
	assert_int_equal(el2_mutate_file(ok_path, p, &o, &r, err, sizeof(err)), EL2_OK);
	const el2_mutant *m;
	size_t n = el2_mutate_mutants(r, &m);
	assert_int_equal(n, 4); /* delete, swap, offset+1, offset-1 */
	/* STP (signed offset, 64-bit): imm7 = 144 / 8 = 18, Rt2 = 19, Rn = 0, Rt = 18 */
	uint32_t stp = 0xa9000000u | 18u << 15 | 19u << 10 | 0u << 5 | 18u;
	assert_int_equal(m[0].orig, stp);
	assert_int_equal(m[0].kind, EL2_MUT_DELETE);
	assert_int_equal(m[0].mutated, 0xd503201fu);
	assert_int_equal(m[0].status, EL2_MUT_KILLED);
	assert_int_equal(m[1].kind, EL2_MUT_SWAP_PAIR);
	assert_int_equal(m[1].mutated, 0xa9000000u | 18u << 15 | 18u << 10 | 19u);
	assert_int_equal(m[2].mutated, 0xa9000000u | 19u << 15 | 19u << 10 | 18u);
	assert_int_equal(m[3].mutated, 0xa9000000u | 17u << 15 | 19u << 10 | 18u);
	assert_string_equal(m[0].where, "__guest_enter+0x28");
	assert_int_equal(el2_mutate_count(r, EL2_MUT_KILLED), 4);
	assert_true(el2_mutate_score(r) == 1.0);
	assert_counts_add_up(r);
	el2_mutate_result_free(&r);
	el2_check_profile_free(&p);
}

/* Without "irq = yes" no round trip takes an IRQ, so the IRQ vector's
 * code (el1_irq: "stp x0, x1, [sp, #-16]!") never runs. */
static void test_mutant_in_code_no_scenario_runs_is_not_covered(void **state)
{
	(void)state;
	el2_check_profile *q =
		fixture_profile(false, "__hyp_vectors __guest_enter __guest_exit el1_irq");
	el2_mutate_opts o = quick("el1_irq");
	el2_mutate_result *r = NULL;
	char err[512];
	assert_int_equal(el2_mutate_file(ok_path, q, &o, &r, err, sizeof(err)), EL2_OK);
	const el2_mutant *m;
	size_t n = el2_mutate_mutants(r, &m);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(m[i].status, EL2_MUT_NOT_COVERED);
	assert_int_equal(el2_mutate_count(r, EL2_MUT_NOT_COVERED), 4);
	assert_true(el2_mutate_score(r) == 1.0); /* nothing counts */
	assert_counts_add_up(r);
	el2_mutate_result_free(&r);
	el2_check_profile_free(&q);
}

/* How many mutants r has at where ("symbol+0xOFFSET"). */
static size_t mutants_at(const el2_mutate_result *r, const char *where)
{
	const el2_mutant *m;
	size_t n = el2_mutate_mutants(r, &m), k = 0;
	for (size_t i = 0; i < n; i++)
		k += !strcmp(m[i].where, where);
	return k;
}

/* A word an applied alternative patches is not mutated (the loaded word
 * is the replacement: a mutation of the file's word would be lost, and a
 * survivor there would be no finding); its neighbour is. Without the
 * alternatives both are. */
static void test_words_an_applied_alternative_patches_are_not_mutated(void **state)
{
	(void)state;
	if (!alt_path)
		skip();
	el2_check_profile *p =
		fixture_profile(true, "__hyp_vectors __guest_enter __guest_exit alt_site");
	el2_alt_set pan;
	char err[512];
	assert_int_equal(el2_alt_parse("HAS_PAN", &pan, err, sizeof(err)), EL2_OK);
	for (int applied = 0; applied < 2; applied++) {
		el2_mutate_opts o = quick("alt_site");
		o.alternatives = applied ? &pan : NULL;
		el2_mutate_result *r = NULL;
		if (el2_mutate_file(alt_path, p, &o, &r, err, sizeof(err)))
			fail_msg("mutate: %s", err);
		if (applied)
			assert_int_equal(mutants_at(r, "alt_site+0x0"), 0);
		else
			assert_true(mutants_at(r, "alt_site+0x0") > 0);
		assert_true(mutants_at(r, "alt_site+0x4") > 0);
		/* nothing else: alt_site never runs */
		assert_int_equal(el2_mutate_count(r, EL2_MUT_NOT_COVERED),
				 mutants_at(r, "alt_site+0x0") + mutants_at(r, "alt_site+0x4"));
		assert_counts_add_up(r);
		el2_mutate_result_free(&r);
	}
	el2_check_profile_free(&p);
}

/* __guest_exit+0x4 "str x0, [x1, #H_EXIT]": the same mutants, the same
 * verdicts, the same bytes. */
static void test_json_report_is_deterministic(void **state)
{
	(void)state;
	el2_check_profile *p = fixture_profile(true, NULL);
	el2_mutate_opts o = quick("__guest_exit");
	o.one_word = true;
	o.word_offset = 0x4;
	o.max_mutants = 2;
	char *js[2];
	for (int k = 0; k < 2; k++) {
		el2_mutate_result *r = NULL;
		char err[512];
		assert_int_equal(el2_mutate_file(ok_path, p, &o, &r, err, sizeof(err)), EL2_OK);
		assert_int_equal(el2_mutate_mutants(r, &(const el2_mutant *){NULL}), 2);
		assert_counts_add_up(r);
		js[k] = mt_json_of(r);
		el2_mutate_result_free(&r);
	}
	assert_string_equal(js[0], js[1]);
	assert_non_null(strstr(js[0], "\"total\":2"));
	assert_non_null(strstr(js[0], "\"where\":\"__guest_exit+0x4\""));
	free(js[0]);
	free(js[1]);
	el2_check_profile_free(&p);
}

/* The first 8 mutants of __guest_enter, checked with o's jobs and shard. */
static char *json_run(el2_mutate_opts o)
{
	el2_check_profile *p = fixture_profile(true, NULL);
	o.max_mutants = 8;
	el2_mutate_result *r = NULL;
	char err[512];
	assert_int_equal(el2_mutate_file(ok_path, p, &o, &r, err, sizeof(err)), EL2_OK);
	assert_counts_add_up(r);
	char *js = mt_json_of(r);
	el2_mutate_result_free(&r);
	el2_check_profile_free(&p);
	return js;
}

/* Two worker processes write the report one process writes. */
static void test_jobs_give_the_same_report(void **state)
{
	(void)state;
	el2_mutate_opts o = quick("__guest_enter");
	o.jobs = 1;
	char *one = json_run(o);
	o.jobs = 2;
	char *two = json_run(o);
	assert_string_equal(one, two);
	assert_non_null(strstr(one, "\"total\":8"));
	assert_non_null(strstr(one, "\"killed\""));
	free(one);
	free(two);
}

static el2_err merge(char **js, size_t n, el2_mutate_result **out, char *err, size_t errlen)
{
	FILE *f[3];
	const char *names[3] = {"a.json", "b.json", "c.json"};
	for (size_t i = 0; i < n; i++)
		assert_non_null(f[i] = fmemopen(js[i], strlen(js[i]), "r"));
	el2_err e = el2_mutate_merge_json(f, names, n, out, err, errlen);
	for (size_t i = 0; i < n; i++)
		fclose(f[i]);
	return e;
}

/* js with its "seed":N replaced by "seed":"0x8000000000000001" (malloc'ed):
 * a seed above INT64_MAX, as the writer puts it (a JSON integer cannot
 * hold it exactly in a signed 64-bit reader). */
static char *with_big_seed(const char *js)
{
	const char *p = strstr(js, "\"seed\":");
	assert_non_null(p);
	p += strlen("\"seed\":");
	size_t digits = strspn(p, "0123456789");
	assert_true(digits > 0);
	const char *big = "\"0x8000000000000001\"";
	char *out = malloc(strlen(js) + strlen(big) + 1);
	assert_non_null(out);
	size_t head = (size_t)(p - js);
	memcpy(out, js, head);
	strcpy(out + head, big);
	strcat(out, p + digits);
	return out;
}

/* Shards 1/2 and 2/2 hold every other mutant; merged, in either order,
 * they are byte for byte the unsharded report. A missing shard, a shard
 * given twice and a shard of another run are errors that say so. */
static void test_shards_merge_into_the_whole_report(void **state)
{
	(void)state;
	el2_mutate_opts o = quick("__guest_enter");
	char *whole = json_run(o);
	o.shard_count = 2;
	o.shard_index = 0;
	char *s1 = json_run(o);
	o.shard_index = 1;
	char *s2 = json_run(o);
	assert_non_null(strstr(s1, "\"shard\":{\"index\":1,\"count\":2,\"total_all\":8}"));
	assert_non_null(strstr(s2, "\"total\":4"));
	o.seed = 7;
	char *other = json_run(o);

	char err[512];
	el2_mutate_result *r = NULL;
	char *order[2][2] = {{s1, s2}, {s2, s1}};
	for (int k = 0; k < 2; k++) {
		assert_int_equal(merge(order[k], 2, &r, err, sizeof(err)), EL2_OK);
		char *merged = mt_json_of(r);
		assert_string_equal(merged, whole);
		free(merged);
		el2_mutate_result_free(&r);
	}
	char *missing[1] = {s1};
	assert_int_equal(merge(missing, 1, &r, err, sizeof(err)), EL2_ERR_INVALID_ARG);
	assert_non_null(strstr(err, "shard 2/2 is missing"));
	char *twice[3] = {s1, s2, s2};
	assert_int_equal(merge(twice, 3, &r, err, sizeof(err)), EL2_ERR_INVALID_ARG);
	assert_non_null(strstr(err, "the same shard given twice"));
	char *mixed[2] = {s1, other};
	assert_int_equal(merge(mixed, 2, &r, err, sizeof(err)), EL2_ERR_INVALID_ARG);
	assert_non_null(strstr(err, "b.json: a shard of another run"));
	/* a seed above INT64_MAX merges and is written back exactly */
	char *big[2] = {with_big_seed(s1), with_big_seed(s2)};
	assert_int_equal(merge(big, 2, &r, err, sizeof(err)), EL2_OK);
	char *merged = mt_json_of(r);
	assert_non_null(strstr(merged, "\"seed\":\"0x8000000000000001\","));
	free(merged);
	el2_mutate_result_free(&r);
	free(big[0]);
	free(big[1]);
	char *whole_only[1] = {whole};
	assert_int_equal(merge(whole_only, 1, &r, err, sizeof(err)), EL2_ERR_INVALID_ARG);
	assert_non_null(strstr(err, "not the --json report of an el2sim mutate --shard run"));
	assert_null(r);
	free(whole);
	free(s1);
	free(s2);
	free(other);
}

/* An object that fails the check unmutated has no meaningful score;
 * an unreadable one is an I/O error. */
static void test_unmutated_object_must_pass(void **state)
{
	(void)state;
	el2_check_profile *p = fixture_profile(true, NULL);
	el2_mutate_opts o = quick("__guest_enter");
	o.max_mutants = 1;
	el2_mutate_result *r = NULL;
	char err[512];
	assert_int_equal(el2_mutate_file(bad_path, p, &o, &r, err, sizeof(err)),
			 EL2_ERR_INVALID_ARG);
	assert_null(r);
	assert_non_null(strstr(err, "does not pass"));
	assert_int_equal(el2_mutate_file("/nonexistent/x.o", p, &o, &r, err, sizeof(err)),
			 EL2_ERR_IO);
	assert_null(r);
	el2_check_profile_free(&p);
}

int main(int argc, char **argv)
{
	profile_path = cli_arg(argc, argv, "profile");
	ok_path = cli_arg(argc, argv, "ok");
	bad_path = cli_arg(argc, argv, "host_callee");
	alt_path = cli_arg(argc, argv, "alt");
	if (!profile_path || !ok_path || !bad_path) {
		fprintf(stderr, "usage: test_mutate profile=PATH ok=PATH\n");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deleting_the_host_x19_save_is_killed),
		cmocka_unit_test(test_mutant_in_code_no_scenario_runs_is_not_covered),
		cmocka_unit_test(test_words_an_applied_alternative_patches_are_not_mutated),
		cmocka_unit_test(test_json_report_is_deterministic),
		cmocka_unit_test(test_unmutated_object_must_pass),
		cmocka_unit_test(test_jobs_give_the_same_report),
		cmocka_unit_test(test_shards_merge_into_the_whole_report),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
