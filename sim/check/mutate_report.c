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

void el2_mutate_write_json(const el2_mutate_result *res, FILE *f)
{
	fputs("{\"object\":", f);
	json_put_str(f, res->object);
	fprintf(f, ",\"runs\":%u,\"corners\":%s,\"seed\":%" PRIu64 ",\"total\":%zu", res->runs,
		res->corners ? "true" : "false", res->seed, res->n);
	fprintf(f, ",\"killed\":%u,\"survived\":%u,\"equivalent\":%u,\"not_covered\":%u",
		res->count[EL2_MUT_KILLED], res->count[EL2_MUT_SURVIVED],
		res->count[EL2_MUT_EQUIVALENT], res->count[EL2_MUT_NOT_COVERED]);
	if (res->shard_count > 1)
		fprintf(f, ",\"shard\":{\"index\":%u,\"count\":%u,\"total_all\":%zu}",
			res->shard_index + 1, res->shard_count, res->total_all);
	fprintf(f, ",\"score\":%.4f,\"mutants\":[", el2_mutate_score(res));
	for (size_t i = 0; i < res->n; i++) {
		const el2_mutant *m = &res->m[i];
		fprintf(f, "%s\n{\"index\":%zu,\"addr\":\"0x%" PRIx64 "\",\"where\":", i ? "," : "",
			res->index ? res->index[i] : i, m->addr);
		json_put_str(f, m->where);
		fprintf(f, ",\"kind\":\"%s\",\"status\":\"%s\",\"orig\":\"0x%08" PRIx32
			"\",\"mutated\":\"0x%08" PRIx32 "\",\"orig_text\":",
			el2_mut_kind_name(m->kind), el2_mut_status_name(m->status), m->orig,
			m->mutated);
		json_put_str(f, m->orig_text);
		fputs(",\"mutated_text\":", f);
		json_put_str(f, m->mutated_text);
		fputs(",\"why\":", f);
		json_put_str(f, m->why);
		if (m->file[0]) {
			fputs(",\"file\":", f);
			json_put_str(f, m->file);
			fprintf(f, ",\"line\":%d", m->line);
		}
		fputc('}', f);
	}
	fputs("]}\n", f);
}
