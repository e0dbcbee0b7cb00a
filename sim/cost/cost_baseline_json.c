/* SPDX-License-Identifier: MIT */
/* el2sim bench --baseline with an earlier `el2sim bench --json` report as
 * the baseline (docs/bench.md): the report is read with Jansson and each
 * scenarios[].rows[] {"name", "insns"} is checked like a text baseline
 * line (cost_baseline_entry). */
#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>

#include "cost_internal.h"
#include "file_read.h"

/* A bench report is a few hundred KiB at most; anything far larger is
 * not one. */
#define MAX_JSON_BASELINE (64u << 20)

bool cost_baseline_is_json(FILE *f)
{
	int c;
	while ((c = getc(f)) != EOF && isspace(c))
		;
	rewind(f);
	return c == '{';
}

static el2_err not_report(const char *path, const char *what, size_t s, size_t i,
			  char *errbuf, size_t errlen)
{
	if (errlen)
		snprintf(errbuf, errlen,
			 "%s: not an el2sim bench --json report: scenarios[%zu].rows[%zu] %s", path,
			 s, i, what);
	return EL2_ERR_INVALID_ARG;
}

/* One scenario's rows; s is its index for messages. */
static el2_err check_rows(const el2_cost_report *rep, const char *path, size_t s,
			  const char *sc, json_t *rows, FILE *out, size_t *violations,
			  char *errbuf, size_t errlen)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		const char *name = json_string_value(json_object_get(row, "name"));
		json_t *insns = json_object_get(row, "insns");
		if (!name)
			return not_report(path, "has no \"name\"", s, i, errbuf, errlen);
		if (!json_is_integer(insns) || json_integer_value(insns) < 0)
			return not_report(path, "has no \"insns\" count", s, i, errbuf, errlen);
		char where[300];
		snprintf(where, sizeof(where), "%s: scenarios[%zu].rows[%zu]", path, s, i);
		el2_err e = cost_baseline_entry(rep, sc, name, (uint64_t)json_integer_value(insns),
						where, out, violations, errbuf, errlen);
		if (e)
			return e;
	}
	return EL2_OK;
}

static el2_err check_report(const el2_cost_report *rep, const char *path, json_t *doc,
			    FILE *out, size_t *violations, char *errbuf, size_t errlen)
{
	json_t *scenarios = json_object_get(doc, "scenarios");
	if (!json_is_array(scenarios)) {
		if (errlen)
			snprintf(errbuf, errlen,
				 "%s: not an el2sim bench --json report (no \"scenarios\" array)",
				 path);
		return EL2_ERR_INVALID_ARG;
	}
	size_t s;
	json_t *sc;
	json_array_foreach(scenarios, s, sc) {
		const char *name = json_string_value(json_object_get(sc, "name"));
		json_t *rows = json_object_get(sc, "rows");
		if (!name || !json_is_array(rows)) {
			if (errlen)
				snprintf(errbuf, errlen,
					 "%s: not an el2sim bench --json report: scenarios[%zu] "
					 "has no \"name\" and \"rows\"",
					 path, s);
			return EL2_ERR_INVALID_ARG;
		}
		el2_err e = check_rows(rep, path, s, name, rows, out, violations, errbuf, errlen);
		if (e)
			return e;
	}
	return EL2_OK;
}

el2_err cost_check_baseline_json(const el2_cost_report *rep, const char *path, FILE *out,
				 size_t *violations, char *errbuf, size_t errlen)
{
	uint8_t *buf;
	size_t len;
	el2_err e = sim_file_read(path, MAX_JSON_BASELINE, &buf, &len, errbuf, errlen);
	if (e)
		return e;
	json_error_t jerr;
	json_t *doc = json_loadb((const char *)buf, len, JSON_REJECT_DUPLICATES, &jerr);
	free(buf);
	if (!doc) {
		if (errlen)
			snprintf(errbuf, errlen, "%s:%d:%d: malformed JSON: %s", path, jerr.line,
				 jerr.column, jerr.text);
		return EL2_ERR_INVALID_ARG;
	}
	e = check_report(rep, path, doc, out, violations, errbuf, errlen);
	json_decref(doc);
	return e;
}
