/* SPDX-License-Identifier: MIT */
/* SARIF 2.1.0 reports (OASIS Static Analysis Results Interchange Format,
 * version 2.1.0, sections 3.13 sarifLog, 3.14 run, 3.19 toolComponent,
 * 3.27 result, 3.28 location, 3.30 region, 3.49 reportingDescriptor) of
 * checks and mutation runs, so that code review tools annotate the
 * source line a finding or a surviving mutant points at. A result is
 * placed at its source line when the object has DWARF lines, else at the
 * object file itself. */
#include <inttypes.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "check_internal.h"
#include "el2sim/mutate.h"
#include "json_out.h"
#include "mutate_internal.h"

#ifndef EL2SIM_VERSION
#define EL2SIM_VERSION "0"
#endif

/* A path as a URI reference relative to the working directory when it is
 * inside it (what code scanning expects: the repository root), else as
 * given. */
static json_t *uri(const char *path)
{
	char cwd[PATH_MAX];
	size_t n;
	if (path[0] == '/' && getcwd(cwd, sizeof(cwd)) && (n = strlen(cwd)) &&
	    !strncmp(path, cwd, n) && path[n] == '/')
		path += n + 1;
	return jdoc_str(path);
}

static json_t *text_obj(jdoc *d, const char *text)
{
	json_t *o = jdoc_obj(d);
	jdoc_set(d, o, "text", jdoc_str(text));
	return o;
}

static void set_locations(jdoc *d, json_t *result, const char *object, const char *file,
			  int line, const char *where)
{
	json_t *art = jdoc_obj(d);
	jdoc_set(d, art, "uri", uri(file && file[0] ? file : object));
	json_t *phys = jdoc_obj(d);
	jdoc_set(d, phys, "artifactLocation", art);
	if (file && file[0] && line > 0) {
		json_t *region = jdoc_obj(d);
		jdoc_set(d, region, "startLine", json_integer(line));
		jdoc_set(d, phys, "region", region);
	}
	json_t *loc = jdoc_obj(d);
	jdoc_set(d, loc, "physicalLocation", phys);
	if (where && where[0]) {
		json_t *logical = jdoc_obj(d);
		jdoc_set(d, logical, "fullyQualifiedName", jdoc_str(where));
		json_t *ls = jdoc_arr(d);
		jdoc_add(d, ls, logical);
		jdoc_set(d, loc, "logicalLocations", ls);
	}
	json_t *locs = jdoc_arr(d);
	jdoc_add(d, locs, loc);
	jdoc_set(d, result, "locations", locs);
}

static json_t *rule(jdoc *d, const char *id, const char *name, const char *text)
{
	json_t *r = jdoc_obj(d);
	jdoc_set(d, r, "id", jdoc_str(id));
	jdoc_set(d, r, "name", jdoc_str(name));
	jdoc_set(d, r, "shortDescription", text_obj(d, text));
	return r;
}

static json_t *result(jdoc *d, const char *rule_id, unsigned rule_index, const char *level,
		      const char *msg)
{
	json_t *r = jdoc_obj(d);
	jdoc_set(d, r, "ruleId", jdoc_str(rule_id));
	jdoc_set(d, r, "ruleIndex", json_integer(rule_index));
	jdoc_set(d, r, "level", jdoc_str(level));
	jdoc_set(d, r, "message", text_obj(d, msg));
	return r;
}

/* The sarifLog with one run of el2sim; fills *rules and *results. */
static json_t *begin(jdoc *d, const char *tool_info, json_t **rules, json_t **results)
{
	json_t *driver = jdoc_obj(d);
	jdoc_set(d, driver, "name", jdoc_str("el2sim"));
	jdoc_set(d, driver, "version", jdoc_str(EL2SIM_VERSION));
	jdoc_set(d, driver, "informationUri", jdoc_str(tool_info));
	*rules = jdoc_arr(d);
	jdoc_set(d, driver, "rules", *rules);
	json_t *tool = jdoc_obj(d);
	jdoc_set(d, tool, "driver", driver);
	json_t *run = jdoc_obj(d);
	jdoc_set(d, run, "tool", tool);
	*results = jdoc_arr(d);
	jdoc_set(d, run, "results", *results);
	json_t *runs = jdoc_arr(d);
	jdoc_add(d, runs, run);
	json_t *log = jdoc_obj(d);
	jdoc_set(d, log, "$schema", jdoc_str("https://json.schemastore.org/sarif-2.1.0.json"));
	jdoc_set(d, log, "version", jdoc_str("2.1.0"));
	jdoc_set(d, log, "runs", runs);
	return log;
}

el2_err el2_check_write_sarif(const el2_check_result *res, FILE *f)
{
	jdoc d = {0};
	json_t *rules, *results;
	json_t *log = begin(&d, "docs/check.md", &rules, &results);
	for (unsigned p = 1; p <= EL2_CHECK_N_PROPERTIES; p++) {
		char id[16], text[96];
		snprintf(id, sizeof(id), "P%u", p);
		snprintf(text, sizeof(text), "world-switch property %u: %s", p,
			 el2_check_property_name(p));
		jdoc_add(&d, rules, rule(&d, id, el2_check_property_name(p), text));
	}
	for (size_t i = 0; i < res->n_findings; i++) {
		const el2_check_finding *x = &res->findings[i];
		char msg[1024];
		int n = snprintf(msg, sizeof(msg), "property %u (%s): %s at %s [scenario %s, run %u]",
				 x->property, el2_check_property_name(x->property), x->reg, x->phase,
				 x->scenario, x->run);
		if (x->has_values && n > 0 && (size_t)n < sizeof(msg)) {
			if (x->property != 4)
				n += snprintf(msg + n, sizeof(msg) - (size_t)n,
					      "; expected 0x%" PRIx64 " (%s)", x->expected,
					      x->expected_desc);
			if (n > 0 && (size_t)n < sizeof(msg))
				n += snprintf(msg + n, sizeof(msg) - (size_t)n,
					      "; found 0x%" PRIx64 " (%s)", x->found, x->found_desc);
		}
		if (x->has_writer && n > 0 && (size_t)n < sizeof(msg))
			snprintf(msg + n, sizeof(msg) - (size_t)n, "; last written by %s: %s",
				 x->writer_where, x->writer_text);
		char id[16];
		snprintf(id, sizeof(id), "P%u", x->property);
		json_t *r = result(&d, id, x->property - 1, "error", msg);
		set_locations(&d, r, res->object, x->has_writer ? x->writer_file : NULL,
			      x->has_writer ? x->writer_line : 0,
			      x->has_writer ? x->writer_where : NULL);
		jdoc_add(&d, results, r);
	}
	return jdoc_write(&d, log, f, JSON_COMPACT, NULL, 0);
}

el2_err el2_mutate_write_sarif(const el2_mutate_result *res, FILE *f)
{
	jdoc d = {0};
	json_t *rules, *results;
	json_t *log = begin(&d, "docs/mutate.md", &rules, &results);
	jdoc_add(&d, rules,
		 rule(&d, "survivor", "surviving mutant",
		      "a one-instruction change of the world switch that the checker does not "
		      "catch"));
	for (size_t i = 0; i < res->n; i++) {
		const el2_mutant *m = &res->m[i];
		if (m->status != EL2_MUT_SURVIVED)
			continue;
		char msg[400];
		snprintf(msg, sizeof(msg), "surviving mutant (%s) at %s: %s -> %s",
			 el2_mut_kind_name(m->kind), m->where, m->orig_text, m->mutated_text);
		json_t *r = result(&d, "survivor", 0, "warning", msg);
		set_locations(&d, r, res->object, m->file, m->line, m->where);
		jdoc_add(&d, results, r);
	}
	return jdoc_write(&d, log, f, JSON_COMPACT, NULL, 0);
}
