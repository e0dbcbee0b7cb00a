/* SPDX-License-Identifier: MIT */
/* tools/json.c: the CLI's JSON writer. Expected texts written by hand from
 * RFC 8259 (string escapes in section 7). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "json.h"

/* Captures what a writer produced. */
typedef struct capture {
	char *buf;
	size_t len;
	FILE *f;
} capture;

static void cap_open(capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
}

static const char *cap_text(capture *c)
{
	fflush(c->f);
	return c->buf;
}

static void cap_close(capture *c)
{
	fclose(c->f);
	free(c->buf);
}

static void test_compact_object_separates_members_with_commas(void **state)
{
	capture c;
	cap_open(&c);
	json_w w;
	json_init(&w, c.f, false);
	json_begin_object(&w);
	json_key(&w, "a");
	json_u64(&w, 1);
	json_key(&w, "b");
	json_begin_array(&w);
	json_bool(&w, true);
	json_null(&w);
	json_i64(&w, -5);
	json_end_array(&w);
	json_key(&w, "c");
	json_hex(&w, 0xdead0000u);
	json_key(&w, "e");
	json_begin_object(&w);
	json_end_object(&w);
	json_end_object(&w);
	assert_true(json_finish(&w));
	assert_string_equal(cap_text(&c),
			    "{\"a\":1,\"b\":[true,null,-5],\"c\":\"0xdead0000\",\"e\":{}}\n");
	cap_close(&c);
}

static void test_u64_max_is_written_exactly(void **state)
{
	capture c;
	cap_open(&c);
	json_w w;
	json_init(&w, c.f, false);
	json_begin_array(&w);
	json_u64(&w, UINT64_MAX);
	json_hex(&w, UINT64_MAX);
	json_end_array(&w);
	assert_true(json_finish(&w));
	assert_string_equal(cap_text(&c), "[18446744073709551615,\"0xffffffffffffffff\"]\n");
	cap_close(&c);
}

static void test_strings_escape_quotes_backslash_and_control_characters(void **state)
{
	capture c;
	cap_open(&c);
	json_write_string(c.f, "a\"b\\c\nd\te\x01\x1f/\xc3\xa9");
	/* '/' and UTF-8 bytes pass unchanged; U+0001 and U+001F as \u00XX. */
	assert_string_equal(cap_text(&c), "\"a\\\"b\\\\c\\nd\\te\\u0001\\u001f/\xc3\xa9\"");
	cap_close(&c);
}

static void test_pretty_output_indents_two_spaces_per_level(void **state)
{
	capture c;
	cap_open(&c);
	json_w w;
	json_init(&w, c.f, true);
	json_begin_object(&w);
	json_key(&w, "x");
	json_begin_array(&w);
	json_u64(&w, 1);
	json_u64(&w, 2);
	json_end_array(&w);
	json_key(&w, "s");
	json_str(&w, NULL);
	json_end_object(&w);
	assert_true(json_finish(&w));
	assert_string_equal(cap_text(&c), "{\n  \"x\": [\n    1,\n    2\n  ],\n  \"s\": null\n}\n");
	cap_close(&c);
}

static void test_unbalanced_document_is_reported_by_finish(void **state)
{
	capture c;
	cap_open(&c);
	json_w w;
	json_init(&w, c.f, false);
	json_begin_object(&w);
	json_key(&w, "open");
	assert_false(json_finish(&w));

	json_init(&w, c.f, false);
	json_end_array(&w);
	assert_false(json_finish(&w));
	cap_close(&c);
}

static void test_nesting_beyond_the_limit_is_an_error_not_an_overflow(void **state)
{
	capture c;
	cap_open(&c);
	json_w w;
	json_init(&w, c.f, false);
	for (int i = 0; i < JSON_MAX_DEPTH + 4; i++)
		json_begin_array(&w);
	for (int i = 0; i < JSON_MAX_DEPTH + 4; i++)
		json_end_array(&w);
	assert_false(json_finish(&w));
	cap_close(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compact_object_separates_members_with_commas),
		cmocka_unit_test(test_u64_max_is_written_exactly),
		cmocka_unit_test(test_strings_escape_quotes_backslash_and_control_characters),
		cmocka_unit_test(test_pretty_output_indents_two_spaces_per_level),
		cmocka_unit_test(test_unbalanced_document_is_reported_by_finish),
		cmocka_unit_test(test_nesting_beyond_the_limit_is_an_error_not_an_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
