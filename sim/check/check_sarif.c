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
static void put_uri(FILE *f, const char *path)
{
	char cwd[PATH_MAX];
	size_t n;
	if (path[0] == '/' && getcwd(cwd, sizeof(cwd)) && (n = strlen(cwd)) &&
	    !strncmp(path, cwd, n) && path[n] == '/')
		path += n + 1;
	json_put_str(f, path);
}

static void put_location(FILE *f, const char *object, const char *file, int line,
			 const char *where)
{
	fputs("\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":", f);
	put_uri(f, file && file[0] ? file : object);
	fputc('}', f);
	if (file && file[0] && line > 0)
		fprintf(f, ",\"region\":{\"startLine\":%d}", line);
	fputc('}', f);
	if (where && where[0]) {
		fputs(",\"logicalLocations\":[{\"fullyQualifiedName\":", f);
		json_put_str(f, where);
		fputs("}]", f);
	}
	fputs("}]", f);
}

static void begin(FILE *f, const char *tool_info)
{
	fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
	      "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"el2sim\",\"version\":\"" EL2SIM_VERSION
	      "\",\"informationUri\":",
	      f);
	json_put_str(f, tool_info);
	fputs(",\"rules\":[", f);
}

void el2_check_write_sarif(const el2_check_result *res, FILE *f)
{
	begin(f, "docs/check.md");
	for (unsigned p = 1; p <= EL2_CHECK_N_PROPERTIES; p++) {
		fprintf(f, "%s{\"id\":\"P%u\",\"name\":", p > 1 ? "," : "", p);
		json_put_str(f, el2_check_property_name(p));
		fputs(",\"shortDescription\":{\"text\":", f);
		char text[96];
		snprintf(text, sizeof(text), "world-switch property %u: %s", p,
			 el2_check_property_name(p));
		json_put_str(f, text);
		fputs("}}", f);
	}
	fputs("]}},\"results\":[", f);
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
		fprintf(f, "%s{\"ruleId\":\"P%u\",\"ruleIndex\":%u,\"level\":\"error\",\"message\":"
			"{\"text\":", i ? "," : "", x->property, x->property - 1);
		json_put_str(f, msg);
		fputs("},", f);
		put_location(f, res->object, x->has_writer ? x->writer_file : NULL,
			     x->has_writer ? x->writer_line : 0, x->has_writer ? x->writer_where : NULL);
		fputc('}', f);
	}
	fputs("]}]}\n", f);
}

void el2_mutate_write_sarif(const el2_mutate_result *res, FILE *f)
{
	begin(f, "docs/mutate.md");
	fputs("{\"id\":\"survivor\",\"name\":\"surviving mutant\",\"shortDescription\":{\"text\":"
	      "\"a one-instruction change of the world switch that the checker does not catch\"}}",
	      f);
	fputs("]}},\"results\":[", f);
	bool first = true;
	for (size_t i = 0; i < res->n; i++) {
		const el2_mutant *m = &res->m[i];
		if (m->status != EL2_MUT_SURVIVED)
			continue;
		char msg[400];
		snprintf(msg, sizeof(msg), "surviving mutant (%s) at %s: %s -> %s",
			 el2_mut_kind_name(m->kind), m->where, m->orig_text, m->mutated_text);
		fprintf(f, "%s{\"ruleId\":\"survivor\",\"ruleIndex\":0,\"level\":\"warning\","
			"\"message\":{\"text\":", first ? "" : ",");
		json_put_str(f, msg);
		fputs("},", f);
		put_location(f, res->object, m->file, m->line, m->where);
		fputc('}', f);
		first = false;
	}
	fputs("]}]}\n", f);
}
