/* SPDX-License-Identifier: MIT */
/* The checker's reports: text for people, JSON for tools, JUnit XML for CI
 * (one testcase per property). No timestamps: a seed gives the same bytes. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "json_out.h"
#include "xml_out.h"
#include "check_internal.h"

bool el2_check_passed(const el2_check_result *res)
{
	return res && res->n_findings == 0;
}

size_t el2_check_findings(const el2_check_result *res, const el2_check_finding **out)
{
	if (out)
		*out = res ? res->findings : NULL;
	return res ? res->n_findings : 0;
}

size_t el2_check_windows(const el2_check_result *res, const el2_check_window **out)
{
	if (out)
		*out = res ? res->windows : NULL;
	return res ? res->n_windows : 0;
}

unsigned el2_check_property_checks(const el2_check_result *res, unsigned p)
{
	return res && p >= 1 && p <= EL2_CHECK_N_PROPERTIES ? res->checks[p] : 0;
}

unsigned el2_check_property_failed_checks(const el2_check_result *res, unsigned p)
{
	return res && p >= 1 && p <= EL2_CHECK_N_PROPERTIES ? res->failures[p] : 0;
}

unsigned el2_check_property_failures(const el2_check_result *res, unsigned p)
{
	return res && p >= 1 && p <= EL2_CHECK_N_PROPERTIES ? res->n_findings_of[p] : 0;
}

unsigned el2_check_round_trips(const el2_check_result *res)
{
	return res ? res->round_trips : 0;
}

static const char *mode_name(int mode)
{
	return mode == EL2_CHECK_MODE_TYPE1 ? "type1" : mode == EL2_CHECK_MODE_VHE ? "vhe" : "nvhe";
}

static void value_text(FILE *f, uint64_t lo, uint64_t hi, bool wide, const char *desc)
{
	if (wide)
		fprintf(f, "0x%016" PRIx64 "%016" PRIx64, hi, lo);
	else
		fprintf(f, "0x%016" PRIx64, lo);
	if (desc[0] && strcmp(desc, "untagged"))
		fprintf(f, " (%s)", desc);
}

static void finding_text(FILE *f, const el2_check_result *res, const el2_check_finding *x,
			 const char *indent)
{
	fprintf(f, "%sproperty %u (%s): %s at %s", indent, x->property,
		el2_check_property_name(x->property), x->reg, x->phase);
	/* The run's own seed is derived from the check's (--seed): the replay
	 * line below is what reproduces the round trip. */
	fprintf(f, " [scenario %s, run %u; seen %u time%s]\n", x->scenario, x->run, x->count,
		x->count == 1 ? "" : "s");
	if (x->has_values && x->property != 4) {
		fprintf(f, "%s  expected ", indent);
		value_text(f, x->expected, x->expected_hi, x->wide, x->expected_desc);
		fprintf(f, "\n%s  found    ", indent);
		value_text(f, x->found, x->found_hi, x->wide, x->found_desc);
		fprintf(f, "\n");
	} else if (x->has_values) {
		fprintf(f, "%s  found    ", indent);
		value_text(f, x->found, x->found_hi, x->wide, x->found_desc);
		fprintf(f, "\n");
	}
	if (x->detail[0])
		fprintf(f, "%s  %s\n", indent, x->detail);
	if (x->has_writer && x->writer_file[0])
		fprintf(f, "%s  last written by 0x%" PRIx64 " %s: %s (%s:%d)\n", indent, x->writer_pc,
			x->writer_where, x->writer_text, x->writer_file, x->writer_line);
	else if (x->has_writer)
		fprintf(f, "%s  last written by 0x%" PRIx64 " %s: %s\n", indent, x->writer_pc,
			x->writer_where, x->writer_text);
	else if (x->has_values && x->property != 7 && res->mode != EL2_CHECK_MODE_TYPE1)
		fprintf(f, "%s  last written by: nothing in the run (the value it started with)\n",
			indent);
	if (x->follow_on)
		fprintf(f, "%s  and %u follow-on finding%s of this round trip not listed\n", indent,
			x->follow_on, x->follow_on == 1 ? "" : "s");
	char cmd[1024];
	el2_check_replay_command(res, x, cmd, sizeof(cmd));
	fprintf(f, "%s  replay: %s\n", indent, cmd);
}

/* Scenario names in chk_scenario order (the result lists the enabled ones
 * by name). */
static int scenario_index(const char *name)
{
	for (int sc = 0; sc < SC__COUNT; sc++)
		if (!strcmp(name, chk_scenario_name((chk_scenario)sc)))
			return sc;
	return -1;
}

/* Property 8 per scenario: a scenario without a declared code compared 0. */
static void code_checks_text(const el2_check_result *res, FILE *f)
{
	if (!res->checks[8]) {
		fprintf(f, "       exit codes: not judged (the profile has no [exit_codes])\n");
		return;
	}
	fprintf(f, "       exit codes compared:");
	for (size_t i = 0; i < res->n_scenarios; i++) {
		int sc = scenario_index(res->scenarios[i]);
		unsigned n = sc >= 0 ? res->code_checks[sc] : 0;
		fprintf(f, " %s %u%s", res->scenarios[i], n, n ? "" : " (none declared)");
	}
	fprintf(f, "\n");
}

/* "ok", "FAIL", or "--" for a property that compared nothing. */
static const char *verdict(const el2_check_result *res, unsigned p)
{
	return res->failures[p] ? "FAIL" : res->checks[p] ? "ok" : "--";
}

void el2_check_write_text(const el2_check_result *res, FILE *f)
{
	fprintf(f, "el2sim check %s (%s): %u runs, %u round trips, seed 0x%" PRIx64 "\n",
		res->object, mode_name(res->mode), res->runs, res->round_trips, res->seed);
	fprintf(f, "scenarios:");
	for (size_t i = 0; i < res->n_scenarios; i++)
		fprintf(f, " %s", res->scenarios[i]);
	fprintf(f, "\n\n");
	for (unsigned p = 1; p <= EL2_CHECK_N_PROPERTIES; p++)
		fprintf(f, "  %-4s %u %-24s %u checks, %u failed\n", verdict(res, p), p,
			el2_check_property_name(p),
			res->checks[p], res->failures[p]);
	code_checks_text(res, f);
	if (res->n_windows) {
		fprintf(f, "\nSP_EL0 windows at EL2 (SP_EL0 not the host's):\n");
		for (size_t i = 0; i < res->n_windows; i++) {
			const el2_check_window *w = &res->windows[i];
			fprintf(f, "  0x%" PRIx64 " %s .. 0x%" PRIx64 " %s (%" PRIu64 " instructions, %s)\n",
				w->first_pc, w->first_where, w->last_pc, w->last_where, w->insns,
				w->scenario);
		}
	}
	if (res->n_findings) {
		fprintf(f, "\n%zu finding%s:\n", res->n_findings, res->n_findings == 1 ? "" : "s");
		for (size_t i = 0; i < res->n_findings; i++)
			finding_text(f, res, &res->findings[i], "  ");
	}
	if (res->dropped_findings)
		fprintf(f, "(%zu more findings not listed)\n", res->dropped_findings);
	fprintf(f, "\n%s\n", res->n_findings ? "FAILED" : "PASSED: every property holds");
}

/* Register values zero-padded to 16 digits, as the text report shows them. */
static json_t *hex16(uint64_t v)
{
	return jdoc_hex(v, 16);
}

static json_t *json_finding(jdoc *d, const el2_check_result *res, const el2_check_finding *x)
{
	json_t *o = jdoc_obj(d);
	jdoc_set(d, o, "property", json_integer(x->property));
	jdoc_set(d, o, "name", jdoc_str(el2_check_property_name(x->property)));
	jdoc_set(d, o, "register", jdoc_str(x->reg));
	jdoc_set(d, o, "phase", jdoc_str(x->phase));
	jdoc_set(d, o, "scenario", jdoc_str(x->scenario));
	jdoc_set(d, o, "run", json_integer(x->run));
	jdoc_set(d, o, "run_seed", hex16(x->run_seed));
	jdoc_set(d, o, "count", json_integer(x->count));
	if (x->follow_on)
		jdoc_set(d, o, "follow_on", json_integer(x->follow_on));
	char cmd[1024];
	el2_check_replay_command(res, x, cmd, sizeof(cmd));
	jdoc_set(d, o, "replay", jdoc_str(cmd));
	/* property 4 (isolation) has no expected value: only what leaked */
	if (x->has_values && x->property != 4) {
		jdoc_set(d, o, "expected", hex16(x->expected));
		if (x->wide)
			jdoc_set(d, o, "expected_hi", hex16(x->expected_hi));
		jdoc_set(d, o, "expected_meaning", jdoc_str(x->expected_desc));
	}
	if (x->has_values) {
		jdoc_set(d, o, "found", hex16(x->found));
		if (x->wide)
			jdoc_set(d, o, "found_hi", hex16(x->found_hi));
		jdoc_set(d, o, "found_meaning", jdoc_str(x->found_desc));
	}
	jdoc_set(d, o, "detail", jdoc_str(x->detail));
	if (x->has_writer) {
		json_t *w = jdoc_obj(d);
		jdoc_set(d, w, "pc", hex16(x->writer_pc));
		jdoc_set(d, w, "where", jdoc_str(x->writer_where));
		jdoc_set(d, w, "insn", jdoc_str(x->writer_text));
		if (x->writer_file[0]) {
			jdoc_set(d, w, "file", jdoc_str(x->writer_file));
			jdoc_set(d, w, "line", json_integer(x->writer_line));
		}
		jdoc_set(d, o, "writer", w);
	}
	return o;
}

el2_err el2_check_write_json(const el2_check_result *res, FILE *f)
{
	jdoc d = {0};
	json_t *o = jdoc_obj(&d);
	jdoc_set(&d, o, "object", jdoc_str(res->object));
	jdoc_set(&d, o, "mode", jdoc_str(mode_name(res->mode)));
	jdoc_set(&d, o, "seed", hex16(res->seed));
	jdoc_set(&d, o, "runs", json_integer(res->runs));
	jdoc_set(&d, o, "round_trips", json_integer(res->round_trips));
	jdoc_set(&d, o, "passed", json_boolean(!res->n_findings));
	json_t *a = jdoc_arr(&d);
	for (size_t i = 0; i < res->n_scenarios; i++)
		jdoc_add(&d, a, jdoc_str(res->scenarios[i]));
	jdoc_set(&d, o, "scenarios", a);
	a = jdoc_arr(&d);
	for (unsigned p = 1; p <= EL2_CHECK_N_PROPERTIES; p++) {
		json_t *q = jdoc_obj(&d);
		jdoc_set(&d, q, "id", json_integer(p));
		jdoc_set(&d, q, "name", jdoc_str(el2_check_property_name(p)));
		jdoc_set(&d, q, "checks", json_integer(res->checks[p]));
		jdoc_set(&d, q, "failures", json_integer(res->failures[p]));
		jdoc_set(&d, q, "findings", json_integer(res->n_findings_of[p]));
		jdoc_set(&d, q, "passed", json_boolean(!res->failures[p]));
		jdoc_add(&d, a, q);
	}
	jdoc_set(&d, o, "properties", a);
	json_t *codes = jdoc_obj(&d);
	for (size_t i = 0; i < res->n_scenarios; i++) {
		int sc = scenario_index(res->scenarios[i]);
		jdoc_set(&d, codes, res->scenarios[i],
			 json_integer(sc >= 0 ? res->code_checks[sc] : 0));
	}
	jdoc_set(&d, o, "exit_code_checks", codes);
	a = jdoc_arr(&d);
	for (size_t i = 0; i < res->n_windows; i++) {
		const el2_check_window *w = &res->windows[i];
		json_t *q = jdoc_obj(&d);
		jdoc_set(&d, q, "first_pc", hex16(w->first_pc));
		jdoc_set(&d, q, "first", jdoc_str(w->first_where));
		jdoc_set(&d, q, "last_pc", hex16(w->last_pc));
		jdoc_set(&d, q, "last", jdoc_str(w->last_where));
		jdoc_set(&d, q, "insns", jdoc_u64(w->insns));
		jdoc_set(&d, q, "scenario", jdoc_str(w->scenario));
		jdoc_add(&d, a, q);
	}
	jdoc_set(&d, o, "windows", a);
	a = jdoc_arr(&d);
	for (size_t i = 0; i < res->n_findings; i++)
		jdoc_add(&d, a, json_finding(&d, res, &res->findings[i]));
	jdoc_set(&d, o, "findings", a);
	return jdoc_write(&d, o, f, JSON_COMPACT, NULL, 0);
}

void el2_check_write_junit(const el2_check_result *res, FILE *f)
{
	unsigned failed = 0;
	for (unsigned p = 1; p <= EL2_CHECK_N_PROPERTIES; p++)
		failed += res->failures[p] ? 1u : 0u;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	/* Properties are judged together, on every round trip: only the
	 * whole check has a time of its own. */
	fprintf(f, "<testsuites name=\"el2sim check\" tests=\"%d\" failures=\"%u\" time=\"%.3f\">\n",
		EL2_CHECK_N_PROPERTIES, failed, res->seconds);
	fprintf(f, "  <testsuite name=\"");
	xml_out_str(f, res->object);
	fprintf(f, "\" tests=\"%d\" failures=\"%u\" errors=\"0\" time=\"%.3f\">\n",
		EL2_CHECK_N_PROPERTIES, failed, res->seconds);
	for (unsigned p = 1; p <= EL2_CHECK_N_PROPERTIES; p++) {
		fprintf(f, "    <testcase classname=\"el2sim.check.%s\" name=\"property %u: %s\"",
			mode_name(res->mode), p, el2_check_property_name(p));
		if (!res->failures[p] && !res->checks[p]) {
			fprintf(f, ">\n      <skipped message=\"nothing compared\"/>\n    </testcase>\n");
			continue;
		}
		if (!res->failures[p]) {
			fprintf(f, "/>\n");
			continue;
		}
		unsigned nf = res->n_findings_of[p];
		fprintf(f, ">\n      <failure message=\"%u finding%s (%u failed check%s)\">", nf,
			nf == 1 ? "" : "s", res->failures[p], res->failures[p] == 1 ? "" : "s");
		for (size_t i = 0; i < res->n_findings; i++) {
			const el2_check_finding *x = &res->findings[i];
			if (x->property != p)
				continue;
			char buf[4096];
			FILE *m = fmemopen(buf, sizeof(buf), "w");
			if (!m)
				continue;
			finding_text(m, res, x, "");
			fclose(m);
			buf[sizeof(buf) - 1] = '\0';
			xml_out_str(f, buf);
		}
		fprintf(f, "</failure>\n    </testcase>\n");
	}
	fprintf(f, "  </testsuite>\n</testsuites>\n");
}

void el2_check_write_junit_error(const char *object, const char *message, FILE *f)
{
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites name=\"el2sim check\" tests=\"1\" failures=\"0\" errors=\"1\">\n");
	fprintf(f, "  <testsuite name=\"");
	xml_out_str(f, object ? object : "");
	fprintf(f, "\" tests=\"1\" failures=\"0\" errors=\"1\">\n");
	fprintf(f, "    <testcase classname=\"el2sim.check\" name=\"load and check\">\n"
		   "      <error message=\"");
	xml_out_str(f, message ? message : "");
	fprintf(f, "\"/>\n    </testcase>\n  </testsuite>\n</testsuites>\n");
}
