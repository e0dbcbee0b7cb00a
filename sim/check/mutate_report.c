/* SPDX-License-Identifier: MIT */
/* el2sim mutate's reports: text and JSON (docs/mutate.md). */
#include <inttypes.h>
#include <stdio.h>

#include "json_out.h"
#include "mutate_internal.h"

void el2_mutate_write_text(const el2_mutate_result *res, FILE *f)
{
	fprintf(f, "el2sim mutate %s: %zu mutants (runs %u%s, seed %" PRIu64 ")\n", res->object,
		res->n, res->runs, res->corners ? " + 2 corners" : "", res->seed);
	if (res->shard_count > 1)
		fprintf(f, "shard %u/%u of %zu mutants: the score is this shard's; join the shards' "
			"--json reports with el2sim mutate-merge\n",
			res->shard_index + 1, res->shard_count, res->total_all);
	for (unsigned s = 0; s < EL2_MUT__STATUS_COUNT; s++)
		fprintf(f, "  %-12s %u\n", el2_mut_status_name((el2_mut_status)s), res->count[s]);
	fprintf(f, "score: %.1f%% (%u killed of %u non-equivalent covered mutants)\n",
		100.0 * el2_mutate_score(res), res->count[EL2_MUT_KILLED],
		res->count[EL2_MUT_KILLED] + res->count[EL2_MUT_SURVIVED]);
	if (res->count[EL2_MUT_SURVIVED])
		fputs("survivors:\n", f);
	for (size_t i = 0; i < res->n; i++) {
		const el2_mutant *m = &res->m[i];
		if (m->status != EL2_MUT_SURVIVED)
			continue;
		fprintf(f, "  0x%08" PRIx64 " %-24s %-12s %s  ->  %s\n", m->addr, m->where,
			el2_mut_kind_name(m->kind), m->orig_text, m->mutated_text);
		if (m->file[0])
			fprintf(f, "             at %s:%d\n", m->file, m->line);
	}
}

static json_t *json_mutant(jdoc *d, const el2_mutate_result *res, size_t i)
{
	const el2_mutant *m = &res->m[i];
	json_t *o = jdoc_obj(d);
	jdoc_set(d, o, "index", jdoc_u64(res->index ? res->index[i] : i));
	jdoc_set(d, o, "addr", jdoc_hex(m->addr, 0));
	jdoc_set(d, o, "where", jdoc_str(m->where));
	jdoc_set(d, o, "kind", jdoc_str(el2_mut_kind_name(m->kind)));
	jdoc_set(d, o, "status", jdoc_str(el2_mut_status_name(m->status)));
	jdoc_set(d, o, "orig", jdoc_hex(m->orig, 8));
	jdoc_set(d, o, "mutated", jdoc_hex(m->mutated, 8));
	jdoc_set(d, o, "orig_text", jdoc_str(m->orig_text));
	jdoc_set(d, o, "mutated_text", jdoc_str(m->mutated_text));
	jdoc_set(d, o, "why", jdoc_str(m->why));
	if (m->file[0]) {
		jdoc_set(d, o, "file", jdoc_str(m->file));
		jdoc_set(d, o, "line", json_integer(m->line));
	}
	return o;
}

el2_err el2_mutate_write_json(const el2_mutate_result *res, FILE *f)
{
	jdoc d = {0};
	json_t *o = jdoc_obj(&d);
	jdoc_set(&d, o, "object", jdoc_str(res->object));
	jdoc_set(&d, o, "runs", json_integer(res->runs));
	jdoc_set(&d, o, "corners", json_boolean(res->corners));
	jdoc_set(&d, o, "seed", jdoc_u64(res->seed));
	jdoc_set(&d, o, "total", jdoc_u64(res->n));
	jdoc_set(&d, o, "killed", json_integer(res->count[EL2_MUT_KILLED]));
	jdoc_set(&d, o, "survived", json_integer(res->count[EL2_MUT_SURVIVED]));
	jdoc_set(&d, o, "equivalent", json_integer(res->count[EL2_MUT_EQUIVALENT]));
	jdoc_set(&d, o, "not_covered", json_integer(res->count[EL2_MUT_NOT_COVERED]));
	if (res->shard_count > 1) {
		json_t *sh = jdoc_obj(&d);
		jdoc_set(&d, sh, "index", json_integer(res->shard_index + 1));
		jdoc_set(&d, sh, "count", json_integer(res->shard_count));
		jdoc_set(&d, sh, "total_all", jdoc_u64(res->total_all));
		jdoc_set(&d, o, "shard", sh);
	}
	jdoc_set(&d, o, "score", jdoc_real(el2_mutate_score(res), 4));
	json_t *a = jdoc_arr(&d);
	for (size_t i = 0; i < res->n; i++)
		jdoc_add(&d, a, json_mutant(&d, res, i));
	jdoc_set(&d, o, "mutants", a);
	return jdoc_write(&d, o, f, JSON_COMPACT, NULL, 0);
}
