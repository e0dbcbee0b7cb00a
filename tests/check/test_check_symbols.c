/* SPDX-License-Identifier: MIT */
/* A symbol the profile names but the object lacks: el2_check_file fails
 * with EL2_ERR_UNKNOWN_SYMBOL and "PROFILE: line N: unknown symbol 'S'
 * (did you mean 'T'?)", whichever key named it ([world], [el2], [config],
 * [fp]); a name only --define (el2_check_opts.symdefs) gives has that
 * address. argv: name=path of the reference objects and profiles
 * (tests/ref). */
#include "check_test_util.h"

#include <unistd.h>

#include "el2sim/suggest.h"

/* The suggestion: the closest name within a third of the word's length
 * (1 to 3 edits, a swap of neighbours is one), the earlier on a tie. */
static void test_suggest_picks_the_closest_typo(void **state)
{
	(void)state;
	const char *const names[] = {"vcpu_ctxt", "__guest_exit", "__guest_enter", "vcpu_a",
				     "vcpu_b"};
	assert_string_equal(el2_suggest("vcpu_ctx", names, 5), "vcpu_ctxt");
	assert_string_equal(el2_suggest("__guest_exti", names, 5), "__guest_exit");
	assert_string_equal(el2_suggest("__guset_entre", names, 5), "__guest_enter");
	assert_string_equal(el2_suggest("vcpu_c", names, 5), "vcpu_a");
	assert_null(el2_suggest("nosuch", names, 5));
	assert_string_equal(el2_suggest("vcpu_ctxt_lo", names, 5), "vcpu_ctxt"); /* 3 edits */
	assert_null(el2_suggest("vcpu_ctxt_low", names, 5));                    /* 4 */
	assert_null(el2_suggest("x", names, 0));
}

/* The profile at path with its first line starting with `from` replaced
 * by `to`, written to a temporary file (tmp, which the caller unlinks);
 * returns the replaced line's number. */
static unsigned write_edited(const char *path, const char *from, const char *to, char *tmp)
{
	FILE *in = fopen(path, "r");
	assert_non_null(in);
	strcpy(tmp, "/tmp/el2sim-symbols-XXXXXX");
	int fd = mkstemp(tmp);
	assert_true(fd >= 0);
	FILE *out = fdopen(fd, "w");
	assert_non_null(out);
	char line[1100];
	unsigned n = 0, at = 0;
	while (fgets(line, sizeof(line), in)) {
		n++;
		if (!at && !strncmp(line, from, strlen(from))) {
			at = n;
			fprintf(out, "%s\n", to);
		} else {
			fputs(line, out);
		}
	}
	fclose(in);
	fclose(out);
	if (!at)
		fail_msg("%s: no line starts with '%s'", path, from);
	return at;
}

/* Checks obj with the profile edited so and the definitions defs (as
 * --define gives them); the error must be want, after "PROFILE: line N: "
 * (the edited line). want NULL: the check must pass. */
static void expect_with(const char *obj_key, const char *prof_key, const char *from,
			const char *to, const el2_symdef *defs, size_t n_defs, const char *want)
{
	const char *obj = ct_arg(obj_key), *path = ct_arg(prof_key);
	if (!obj || !path)
		skip();
	char tmp[64], err[512], full[600];
	unsigned line = write_edited(path, from, to, tmp);
	el2_check_profile *prof = NULL;
	el2_err e = el2_check_profile_load(tmp, &prof, err, sizeof(err));
	if (e)
		fail_msg("%s: %s", to, err);
	el2_check_opts o = el2_check_opts_default();
	o.runs = 1;
	o.symdefs = defs;
	o.n_symdefs = n_defs;
	el2_check_result *res = NULL;
	e = el2_check_file(obj, prof, &o, &res, err, sizeof(err));
	el2_check_profile_free(&prof);
	unlink(tmp);
	if (!want) {
		if (e || !el2_check_passed(res))
			fail_msg("%s: %s", to, e ? err : "findings");
		el2_check_result_free(&res);
		return;
	}
	assert_null(res);
	snprintf(full, sizeof(full), "%s: line %u: %s", tmp, line, want);
	if (e != EL2_ERR_UNKNOWN_SYMBOL || strcmp(err, full))
		fail_msg("%s: got %d '%s'\nwant '%s'", to, e, err, full);
}

static void expect_unknown(const char *obj_key, const char *prof_key, const char *from,
			   const char *to, const char *want)
{
	expect_with(obj_key, prof_key, from, to, NULL, 0, want);
}

static void test_world_symbols_name_file_and_line(void **state)
{
	(void)state;
	expect_unknown("nvhe", "nvhe.profile", "context =", "context = vcpu_ctx",
		       "unknown symbol 'vcpu_ctx' (did you mean 'vcpu_ctxt'?)");
	expect_unknown("nvhe", "nvhe.profile", "entry_asm =",
		       "entry_asm = __guest_enter __guest_exti __hyp_vectors guest_sync",
		       "unknown symbol '__guest_exti' (did you mean '__guest_exit'?)");
	expect_unknown("nvhe", "nvhe.profile", "panic =", "panic = __hyp_pnaic",
		       "unknown symbol '__hyp_pnaic' (did you mean '__hyp_panic'?)");
	expect_unknown("vhe", "vhe.profile", "run =", "run = call __vhe_vcpu_rnu",
		       "unknown symbol '__vhe_vcpu_rnu' (did you mean '__vhe_vcpu_run'?)");
	expect_unknown("vhe", "vhe.profile", "host_call =",
		       "host_call = version call __vhe_verison",
		       "unknown symbol '__vhe_verison' (did you mean '__vhe_version'?)");
}

/* [el2], [config] (value and symbol+offset location) and [fp]; a name
 * nothing resembles gets no suggestion. */
static void test_other_sections_name_file_and_line(void **state)
{
	(void)state;
	expect_unknown("nvhe", "nvhe.profile", "vbar_el2 =", "vbar_el2 = __hyp_vector",
		       "unknown symbol '__hyp_vector' (did you mean '__hyp_vectors'?)");
	expect_unknown("nvhe", "nvhe.profile", "sp_el2 =", "sp_el2 = nosuch+8",
		       "unknown symbol 'nosuch'");
	expect_unknown("nvhe", "nvhe.profile", "vttbr_el2 =", "vttbr_el2 = 0x220 nosuch",
		       "unknown symbol 'nosuch'");
	expect_unknown("nvhe", "nvhe.profile", "hcr_el2 = 0x228",
		       "hcr_el2 = vcpu_ctxtt+0x228 0x8408003b",
		       "unknown symbol 'vcpu_ctxtt' (did you mean 'vcpu_ctxt'?)");
	expect_unknown("nvhe-fphandoff", "nvhe-fphandoff.profile", "host_save =",
		       "host_save = host_fpsimd_stat",
		       "unknown symbol 'host_fpsimd_stat' (did you mean 'host_fpsimd_state'?)");
}

/* A symbol the object lacks but the caller defines (--define) has that
 * address; it is no label, so an entry_asm range cannot start there. */
static void test_defined_symbols_resolve_but_are_no_range(void **state)
{
	(void)state;
	const el2_symdef defs[] = {{"ext_panic", 0x40000000}, {"ext_label", 0x40000000}};
	expect_unknown("nvhe", "nvhe.profile", "panic =", "panic = __hyp_panic ext_panic",
		       "unknown symbol 'ext_panic'");
	expect_with("nvhe", "nvhe.profile", "panic =", "panic = __hyp_panic ext_panic", defs, 2,
		    NULL);
	expect_with("nvhe", "nvhe.profile", "panic =", "panic = __hyp_panic ext_pnaic", defs, 2,
		    "unknown symbol 'ext_pnaic' (did you mean 'ext_panic'?)");
	expect_with("nvhe", "nvhe.profile", "entry_asm =",
		    "entry_asm = __guest_enter __guest_exit __hyp_vectors guest_sync ext_label",
		    defs, 2,
		    "'ext_label' is only --define ext_label=0x40000000, an address: a range needs "
		    "a label of the object");
}

/* A profile parsed from a buffer has no file: the message starts with
 * its line, as the parse errors do. */
static void test_a_buffer_profile_names_the_line(void **state)
{
	(void)state;
	const char *obj = ct_arg("nvhe"), *path = ct_arg("nvhe.profile");
	if (!obj || !path)
		skip();
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	static char text[1 << 16];
	size_t len = fread(text, 1, sizeof(text) - 64, f);
	fclose(f);
	unsigned line = 1;
	for (size_t i = 0; i < len; i++)
		line += text[i] == '\n';
	len += (size_t)snprintf(text + len, sizeof(text) - len, "[el2]\nelr_el2 = hyp_percpuu\n");
	char err[512], want[128];
	el2_check_profile *prof = NULL;
	assert_int_equal(el2_check_profile_parse(text, len, &prof, err, sizeof(err)), EL2_OK);
	el2_check_opts o = el2_check_opts_default();
	o.runs = 1;
	el2_check_result *res = NULL;
	el2_err e = el2_check_file(obj, prof, &o, &res, err, sizeof(err));
	el2_check_profile_free(&prof);
	snprintf(want, sizeof(want), "line %u: unknown symbol 'hyp_percpuu' (did you mean "
		 "'hyp_percpu'?)", line + 1);
	assert_int_equal(e, EL2_ERR_UNKNOWN_SYMBOL);
	assert_string_equal(err, want);
}

int main(int argc, char **argv)
{
	ct_argc = argc;
	ct_argv = argv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suggest_picks_the_closest_typo),
		cmocka_unit_test(test_world_symbols_name_file_and_line),
		cmocka_unit_test(test_other_sections_name_file_and_line),
		cmocka_unit_test(test_defined_symbols_resolve_but_are_no_range),
		cmocka_unit_test(test_a_buffer_profile_names_the_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
