/* SPDX-License-Identifier: MIT */
/* sim/util/json_out.c: the reports' JSON through Jansson. Expected texts
 * written by hand from RFC 8259 (string escapes in section 7) and Jansson's
 * documented output (JSON_COMPACT, JSON_INDENT). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "json_out.h"

/* What jdoc_write wrote, NUL-terminated (caller frees); *e its result. */
static char *written(jdoc *d, json_t *root, size_t flags, el2_err *e)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	*e = jdoc_write(d, root, f, flags, NULL, 0);
	fclose(f);
	return buf;
}

static void expect_json(jdoc *d, json_t *root, size_t flags, const char *want)
{
	el2_err e;
	char *got = written(d, root, flags, &e);
	assert_int_equal(e, EL2_OK);
	assert_string_equal(got, want);
	free(got);
}

static void test_members_keep_their_order(void **state)
{
	(void)state;
	jdoc d = {0};
	json_t *o = jdoc_obj(&d);
	jdoc_set(&d, o, "z", json_integer(1));
	json_t *a = jdoc_arr(&d);
	jdoc_add(&d, a, json_true());
	jdoc_add(&d, a, jdoc_str(NULL));
	jdoc_add(&d, a, json_integer(-5));
	jdoc_set(&d, o, "b", a);
	jdoc_set(&d, o, "a", jdoc_hex(0xdead0000u, 0));
	jdoc_set(&d, o, "e", jdoc_obj(&d));
	expect_json(&d, o, JSON_COMPACT, "{\"z\":1,\"b\":[true,null,-5],\"a\":\"0xdead0000\",\"e\":{}}\n");
}

static void test_pretty_and_spaced_layouts(void **state)
{
	(void)state;
	jdoc d = {0};
	json_t *o = jdoc_obj(&d), *in = jdoc_obj(&d);
	jdoc_set(&d, in, "before", jdoc_hex(0, 0));
	jdoc_set(&d, o, "ELR_EL2", in);
	jdoc_set(&d, o, "n", jdoc_arr(&d));
	expect_json(&d, o, JSON_INDENT(2),
		    "{\n  \"ELR_EL2\": {\n    \"before\": \"0x0\"\n  },\n  \"n\": []\n}\n");
	o = jdoc_obj(&d);
	jdoc_set(&d, o, "a", json_integer(1));
	jdoc_set(&d, o, "b", jdoc_real(14.0, 2));
	expect_json(&d, o, 0, "{\"a\": 1, \"b\": 14.0}\n");
}

/* 64-bit values stay exact: registers as hex strings, counts as integers
 * up to INT64_MAX (beyond 2^53, where doubles stop), above it as hex. */
static void test_64_bit_values_stay_exact(void **state)
{
	(void)state;
	jdoc d = {0};
	json_t *a = jdoc_arr(&d);
	jdoc_add(&d, a, jdoc_hex(UINT64_MAX, 0));
	jdoc_add(&d, a, jdoc_hex(5, 16));
	jdoc_add(&d, a, jdoc_hex(0xd503201f, 8));
	jdoc_add(&d, a, jdoc_u64((1ull << 53) + 1));
	jdoc_add(&d, a, jdoc_u64(INT64_MAX));
	jdoc_add(&d, a, jdoc_u64((uint64_t)INT64_MAX + 1));
	expect_json(&d, a, JSON_COMPACT,
		    "[\"0xffffffffffffffff\",\"0x0000000000000005\",\"0xd503201f\","
		    "9007199254740993,9223372036854775807,\"0x8000000000000000\"]\n");
}

static void test_reals_are_rounded_and_finite(void **state)
{
	(void)state;
	jdoc d = {0};
	json_t *a = jdoc_arr(&d);
	jdoc_add(&d, a, jdoc_real(0.99103, 4));
	jdoc_add(&d, a, jdoc_real(1.0, 4));
	jdoc_add(&d, a, jdoc_real(2600.0, 1));
	jdoc_add(&d, a, jdoc_real(12.333333, 2));
	jdoc_add(&d, a, jdoc_real(0.0 / 0.0, 2));
	expect_json(&d, a, JSON_COMPACT, "[0.991,1.0,2600.0,12.33,null]\n");
}

static void test_strings_are_escaped_and_made_utf8(void **state)
{
	(void)state;
	jdoc d = {0};
	json_t *a = jdoc_arr(&d);
	jdoc_add(&d, a, jdoc_str("q\"b\\n\nt\tc\x01"));
	jdoc_add(&d, a, jdoc_str("caf\xc3\xa9"));
	/* a stray byte, an overlong '/' and a surrogate: each U+FFFD */
	jdoc_add(&d, a, jdoc_str("a\xff" "b\xc0\xaf" "c\xed\xa0\x80"));
	expect_json(&d, a, JSON_COMPACT,
		    "[\"q\\\"b\\\\n\\nt\\tc\\u0001\",\"caf\xc3\xa9\","
		    "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"]\n");
}

/* A value that could not be made (NULL: out of memory) fails the whole
 * document with EL2_ERR_NOMEM and nothing is written. */
static void test_a_missing_value_is_nomem_not_a_crash(void **state)
{
	(void)state;
	jdoc d = {0};
	json_t *o = jdoc_obj(&d);
	jdoc_set(&d, o, "a", json_integer(1));
	jdoc_set(&d, o, "b", NULL);
	jdoc_set(&d, NULL, "c", json_integer(2));
	jdoc_add(&d, NULL, json_integer(3));
	assert_true(d.nomem);
	el2_err e;
	char errbuf[80] = "";
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	e = jdoc_write(&d, o, f, JSON_COMPACT, errbuf, sizeof(errbuf));
	fclose(f);
	assert_int_equal(e, EL2_ERR_NOMEM);
	assert_string_equal(buf, "");
	assert_non_null(strstr(errbuf, "out of memory"));
	free(buf);
	jdoc d2 = {0};
	assert_null(jdoc_text(&d, jdoc_obj(&d2), JSON_COMPACT));
}

static void test_a_failed_write_is_an_io_error(void **state)
{
	(void)state;
	FILE *f = fopen("/dev/full", "w");
	if (!f)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	jdoc d = {0};
	json_t *o = jdoc_obj(&d);
	jdoc_set(&d, o, "a", jdoc_str("x"));
	char errbuf[80] = "";
	assert_int_equal(jdoc_write(&d, o, f, JSON_COMPACT, errbuf, sizeof(errbuf)), EL2_ERR_IO);
	assert_non_null(strstr(errbuf, "cannot write"));
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_members_keep_their_order),
		cmocka_unit_test(test_pretty_and_spaced_layouts),
		cmocka_unit_test(test_64_bit_values_stay_exact),
		cmocka_unit_test(test_reals_are_rounded_and_finite),
		cmocka_unit_test(test_strings_are_escaped_and_made_utf8),
		cmocka_unit_test(test_a_missing_value_is_nomem_not_a_crash),
		cmocka_unit_test(test_a_failed_write_is_an_io_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
