/* SPDX-License-Identifier: MIT */
/* Joining the JSON reports of a sharded mutation run (el2_mutate_opts
 * shard_*) into the report the whole run would have written: every
 * shard once, from the same object and options, mutants in index order. */
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "mutate_internal.h"

typedef struct merge {
	el2_mutate_result *r;
	unsigned count;  /* shards */
	bool *seen;      /* per shard */
	bool *filled;    /* per mutant index */
	char *errbuf;
	size_t errlen;
} merge;

static el2_err bad(merge *m, const char *name, const char *what)
{
	return chk_fail(m->errbuf, m->errlen, EL2_ERR_INVALID_ARG, "%s: %s", name, what);
}

static bool hex_u64(json_t *v, uint64_t *out)
{
	const char *s = json_string_value(v);
	char *end;
	if (!s || strncmp(s, "0x", 2))
		return false;
	*out = strtoull(s + 2, &end, 16);
	return end != s + 2 && !*end;
}

static bool copy_str(json_t *v, char *dst, size_t len)
{
	const char *s = json_string_value(v);
	if (!s || strlen(s) >= len)
		return false;
	memcpy(dst, s, strlen(s) + 1);
	return true;
}

static int name_index(const char *s, const char *(*name)(unsigned), unsigned n)
{
	for (unsigned i = 0; s && i < n; i++)
		if (!strcmp(s, name(i)))
			return (int)i;
	return -1;
}

static const char *kind_name(unsigned k) { return el2_mut_kind_name((el2_mut_kind)k); }
static const char *status_name(unsigned s) { return el2_mut_status_name((el2_mut_status)s); }

static el2_err take_mutant(merge *m, const char *name, json_t *j)
{
	json_int_t idx = json_integer_value(json_object_get(j, "index"));
	if (!json_is_integer(json_object_get(j, "index")) || idx < 0 ||
	    (size_t)idx >= m->r->total_all)
		return bad(m, name, "a mutant without a valid \"index\"");
	if ((unsigned)(idx % m->count) + 1 != m->r->shard_index)
		return bad(m, name, "a mutant that is not in the report's shard");
	if (m->filled[idx])
		return bad(m, name, "a mutant given twice");
	el2_mutant *mu = &m->r->m[idx];
	uint64_t w0, w1;
	int kind = name_index(json_string_value(json_object_get(j, "kind")), kind_name,
			      EL2_MUT__COUNT);
	int st = name_index(json_string_value(json_object_get(j, "status")), status_name,
			    EL2_MUT__STATUS_COUNT);
	if (!hex_u64(json_object_get(j, "addr"), &mu->addr) ||
	    !hex_u64(json_object_get(j, "orig"), &w0) || w0 > UINT32_MAX ||
	    !hex_u64(json_object_get(j, "mutated"), &w1) || w1 > UINT32_MAX || kind < 0 ||
	    st < 0 || !copy_str(json_object_get(j, "where"), mu->where, sizeof(mu->where)) ||
	    !copy_str(json_object_get(j, "orig_text"), mu->orig_text, sizeof(mu->orig_text)) ||
	    !copy_str(json_object_get(j, "mutated_text"), mu->mutated_text,
		      sizeof(mu->mutated_text)) ||
	    !copy_str(json_object_get(j, "why"), mu->why, sizeof(mu->why)))
		return bad(m, name, "a mutant with a missing or malformed field");
	json_t *file = json_object_get(j, "file");
	if (file && (!copy_str(file, mu->file, sizeof(mu->file)) ||
		     !json_is_integer(json_object_get(j, "line"))))
		return bad(m, name, "a mutant with a malformed \"file\" or \"line\"");
	if (file)
		mu->line = (int)json_integer_value(json_object_get(j, "line"));
	mu->orig = (uint32_t)w0;
	mu->mutated = (uint32_t)w1;
	mu->kind = (el2_mut_kind)kind;
	mu->status = (el2_mut_status)st;
	m->filled[idx] = true;
	m->r->count[st]++;
	return EL2_OK;
}

/* The fields every shard must share with the first. */
static el2_err same_run(merge *m, const char *name, json_t *j, bool first)
{
	json_t *sh = json_object_get(j, "shard");
	json_int_t k = json_integer_value(json_object_get(sh, "index"));
	json_int_t n = json_integer_value(json_object_get(sh, "count"));
	json_int_t tot = json_integer_value(json_object_get(sh, "total_all"));
	const char *obj = json_string_value(json_object_get(j, "object"));
	json_int_t runs = json_integer_value(json_object_get(j, "runs"));
	json_t *corners = json_object_get(j, "corners");
	/* the writer's jdoc_u64: an integer, or "0x..." above INT64_MAX */
	json_t *js = json_object_get(j, "seed");
	uint64_t seed = (uint64_t)json_integer_value(js);
	if ((!json_is_integer(js) && !hex_u64(js, &seed)) || !json_is_object(sh) || n < 2 || n > 100000 || k < 1 || k > n || tot < 0 || !obj ||
	    !json_is_boolean(corners) || runs < 0)
		return bad(m, name, "not the --json report of an el2sim mutate --shard run");
	el2_mutate_result *r = m->r;
	if (first) {
		snprintf(r->object, sizeof(r->object), "%s", obj);
		r->runs = (unsigned)runs;
		r->corners = json_is_true(corners);
		r->seed = seed;
		r->total_all = (size_t)tot;
		m->count = (unsigned)n;
		if (!(m->seen = calloc(n, sizeof(bool))) ||
		    !(m->filled = calloc((size_t)tot + 1, sizeof(bool))) ||
		    !(r->m = calloc((size_t)tot + 1, sizeof(*r->m))) ||
		    !(r->index = calloc((size_t)tot + 1, sizeof(*r->index))))
			return chk_fail(m->errbuf, m->errlen, EL2_ERR_NOMEM, "out of memory");
	} else if (strcmp(obj, r->object) || (unsigned)runs != r->runs ||
		   json_is_true(corners) != r->corners || seed != r->seed ||
		   (unsigned)n != m->count || (size_t)tot != r->total_all) {
		return bad(m, name, "a shard of another run (object, runs, corners, seed or "
				    "shard count differ from the first report)");
	}
	if (m->seen[k - 1])
		return bad(m, name, "the same shard given twice");
	m->seen[k - 1] = true;
	r->shard_index = (unsigned)k; /* while its mutants are taken */
	return EL2_OK;
}

static el2_err take_report(merge *m, const char *name, json_t *j, bool first)
{
	el2_err e = same_run(m, name, j, first);
	json_t *mut = json_object_get(j, "mutants");
	if (!e && !json_is_array(mut))
		e = bad(m, name, "no \"mutants\" array");
	size_t i;
	json_t *v;
	json_array_foreach(mut, i, v) {
		if (e)
			break;
		e = take_mutant(m, name, v);
	}
	return e;
}

el2_err el2_mutate_merge_json(FILE *const *files, const char *const *names, size_t n,
			      el2_mutate_result **out, char *errbuf, size_t errlen)
{
	if (!files || !names || !out || !n)
		return EL2_ERR_INVALID_ARG;
	*out = NULL;
	merge m = {.r = calloc(1, sizeof(*m.r)), .errbuf = errbuf, .errlen = errlen};
	el2_err e = m.r ? EL2_OK : EL2_ERR_NOMEM;
	for (size_t i = 0; !e && i < n; i++) {
		json_error_t je;
		json_t *j = json_loadf(files[i], 0, &je);
		if (!j)
			e = chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG, "%s:%d: %s", names[i],
				     je.line, je.text);
		else
			e = take_report(&m, names[i], j, i == 0);
		json_decref(j);
	}
	for (unsigned k = 0; !e && k < m.count; k++)
		if (!m.seen[k])
			e = chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				     "shard %u/%u is missing: every shard's report is needed", k + 1,
				     m.count);
	for (size_t i = 0; !e && i < m.r->total_all; i++) {
		if (!m.filled[i])
			e = chk_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				     "mutant %zu is in no shard's report", i);
		m.r->index[i] = i;
	}
	free(m.seen);
	free(m.filled);
	if (e) {
		el2_mutate_result_free(&m.r);
		return e;
	}
	m.r->n = m.r->cap = m.r->total_all;
	m.r->shard_index = 0;
	m.r->shard_count = 1;
	*out = m.r;
	return EL2_OK;
}
