/* SPDX-License-Identifier: MIT */
/* el2sim bench reports: text table, JSON, CSV, comparison of two builds,
 * thresholds and baseline files for CI (docs/bench.md, "Output"); the SVG
 * chart is cost_svg.c. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "el2sim/cost.h"
#include "cost_internal.h"
#include "el2sim/scenario.h"
#include "json_out.h"

/* Short column headers, in class order. */
static const char *const class_short[EL2_CC__COUNT] = {
	"alu", "br", "ld", "st", "pair", "mrs", "msr", "msri", "isb", "dsb",
	"tlbi", "at", "dcic", "eret", "exc", "fp", "oth",
};

static bool class_used(const el2_cost_result *r, unsigned c)
{
	for (size_t i = 0; i < r->n_rows; i++)
		if (r->rows[i].by_class[c])
			return true;
	return false;
}

static void write_scenario_text(const el2_cost_report *rep, const el2_cost_result *r, FILE *f)
{
	fprintf(f, "\nscenario %s: %" PRIu64 " instructions in the round trip", r->scenario,
		r->trip_insns);
	if (r->trips_per_sec > 0)
		fprintf(f, "; simulated at %.0f round trips/s (%.1f M instructions/s)",
			r->trips_per_sec, r->insns_per_sec / 1e6);
	fprintf(f, "\n%-10s %6s", "phase", "insns");
	for (unsigned c = 0; c < EL2_CC__COUNT; c++)
		if (class_used(r, c))
			fprintf(f, " %5s", class_short[c]);
	fprintf(f, " %7s %7s", "ld B", "st B");
	for (size_t mi = 0; mi < rep->n_models; mi++)
		fprintf(f, " %12.12s", rep->models[mi].name);
	fputc('\n', f);
	for (size_t i = 0; i < r->n_rows; i++) {
		const el2_cost_row *row = &r->rows[i];
		if (i == EL2_COST_ROW_TOTAL + 1)
			fprintf(f, "ranges:\n");
		fprintf(f, "%-10.10s %6" PRIu64, row->name, row->insns);
		for (unsigned c = 0; c < EL2_CC__COUNT; c++)
			if (class_used(r, c))
				fprintf(f, " %5" PRIu64, row->by_class[c]);
		fprintf(f, " %7" PRIu64 " %7" PRIu64, row->bytes_loaded, row->bytes_stored);
		for (size_t mi = 0; mi < rep->n_models; mi++)
			fprintf(f, " %12.1f", row->cycles[mi]);
		fputc('\n', f);
	}
	fprintf(f, "(cycles: estimated per model; 'total' = the hypervisor: every phase but "
		"guest)\n");
	const el2_cost_row *tot = &r->rows[EL2_COST_ROW_TOTAL];
	for (size_t mi = 0; mi < rep->n_models; mi++)
		fprintf(f, "  %s: total %.0f cycles = %.0f ns at %.0f MHz\n", rep->models[mi].name,
			tot->cycles[mi], tot->cycles[mi] * 1e3 / rep->models[mi].freq_mhz,
			rep->models[mi].freq_mhz);
	fprintf(f, "system registers (reads/writes):\n");
	for (size_t i = 0; i < r->n_rows; i++) {
		const el2_cost_row *row = &r->rows[i];
		if (i == EL2_COST_ROW_TOTAL || !row->n_sysregs)
			continue;
		fprintf(f, "  %s:", row->name);
		for (size_t k = 0; k < row->n_sysregs; k++)
			fprintf(f, " %s %u/%u", el2_reg_name(row->sysregs[k].reg),
				row->sysregs[k].reads, row->sysregs[k].writes);
		fputc('\n', f);
	}
}

void el2_cost_write_text(const el2_cost_report *rep, FILE *f)
{
	fprintf(f, "el2sim bench: %s\nmodels:", rep->object ? rep->object : "?");
	for (size_t mi = 0; mi < rep->n_models; mi++)
		fprintf(f, " %s (%.0f MHz)", rep->models[mi].name, rep->models[mi].freq_mhz);
	fputc('\n', f);
	for (size_t s = 0; s < rep->n_results; s++)
		write_scenario_text(rep, &rep->results[s], f);
}

static json_t *json_row(jdoc *d, const el2_cost_report *rep, const el2_cost_row *row)
{
	json_t *o = jdoc_obj(d);
	jdoc_set(d, o, "name", jdoc_str(row->name));
	jdoc_set(d, o, "insns", jdoc_u64(row->insns));
	jdoc_set(d, o, "bytes_loaded", jdoc_u64(row->bytes_loaded));
	jdoc_set(d, o, "bytes_stored", jdoc_u64(row->bytes_stored));
	json_t *cls = jdoc_obj(d);
	for (unsigned c = 0; c < EL2_CC__COUNT; c++)
		jdoc_set(d, cls, el2_cost_class_name(c), jdoc_u64(row->by_class[c]));
	jdoc_set(d, o, "classes", cls);
	json_t *regs = jdoc_arr(d);
	for (size_t k = 0; k < row->n_sysregs; k++) {
		json_t *r = jdoc_obj(d);
		jdoc_set(d, r, "reg", jdoc_str(el2_reg_name(row->sysregs[k].reg)));
		jdoc_set(d, r, "reads", json_integer(row->sysregs[k].reads));
		jdoc_set(d, r, "writes", json_integer(row->sysregs[k].writes));
		jdoc_add(d, regs, r);
	}
	jdoc_set(d, o, "sysregs", regs);
	json_t *cyc = jdoc_obj(d), *ccyc = jdoc_obj(d);
	for (size_t mi = 0; mi < rep->n_models; mi++) {
		jdoc_set(d, cyc, rep->models[mi].name, jdoc_real(row->cycles[mi], 2));
		json_t *m = jdoc_obj(d);
		for (unsigned c = 0; c < EL2_CC__COUNT; c++)
			jdoc_set(d, m, el2_cost_class_name(c), jdoc_real(row->class_cycles[mi][c], 2));
		jdoc_set(d, ccyc, rep->models[mi].name, m);
	}
	jdoc_set(d, o, "cycles", cyc);
	jdoc_set(d, o, "class_cycles", ccyc);
	return o;
}

el2_err el2_cost_write_json(const el2_cost_report *rep, FILE *f)
{
	jdoc d = {0};
	json_t *o = jdoc_obj(&d);
	jdoc_set(&d, o, "object", jdoc_str(rep->object ? rep->object : ""));
	json_t *models = jdoc_arr(&d);
	for (size_t mi = 0; mi < rep->n_models; mi++) {
		json_t *m = jdoc_obj(&d);
		jdoc_set(&d, m, "name", jdoc_str(rep->models[mi].name));
		jdoc_set(&d, m, "freq_mhz", jdoc_real(rep->models[mi].freq_mhz, 1));
		jdoc_add(&d, models, m);
	}
	jdoc_set(&d, o, "models", models);
	json_t *scen = jdoc_arr(&d);
	for (size_t s = 0; s < rep->n_results; s++) {
		const el2_cost_result *r = &rep->results[s];
		json_t *so = jdoc_obj(&d);
		jdoc_set(&d, so, "name", jdoc_str(r->scenario));
		jdoc_set(&d, so, "trip_insns", jdoc_u64(r->trip_insns));
		if (r->trips_per_sec > 0) { /* measured only when asked (--runs) */
			jdoc_set(&d, so, "trips_per_sec", jdoc_real(r->trips_per_sec, 1));
			jdoc_set(&d, so, "insns_per_sec", jdoc_real(r->insns_per_sec, 1));
		}
		json_t *rows = jdoc_arr(&d);
		for (size_t i = 0; i < r->n_rows; i++)
			jdoc_add(&d, rows, json_row(&d, rep, &r->rows[i]));
		jdoc_set(&d, so, "rows", rows);
		jdoc_add(&d, scen, so);
	}
	jdoc_set(&d, o, "scenarios", scen);
	return jdoc_write(&d, o, f, 0, NULL, 0);
}

void el2_cost_write_csv(const el2_cost_report *rep, FILE *f)
{
	fputs("scenario,row,insns,bytes_loaded,bytes_stored", f);
	for (unsigned c = 0; c < EL2_CC__COUNT; c++)
		fprintf(f, ",%s", el2_cost_class_name(c));
	for (size_t mi = 0; mi < rep->n_models; mi++)
		fprintf(f, ",cycles_%s", rep->models[mi].name);
	fputc('\n', f);
	for (size_t s = 0; s < rep->n_results; s++) {
		const el2_cost_result *r = &rep->results[s];
		for (size_t i = 0; i < r->n_rows; i++) {
			const el2_cost_row *row = &r->rows[i];
			fprintf(f, "%s,%s,%" PRIu64 ",%" PRIu64 ",%" PRIu64, r->scenario, row->name,
				row->insns, row->bytes_loaded, row->bytes_stored);
			for (unsigned c = 0; c < EL2_CC__COUNT; c++)
				fprintf(f, ",%" PRIu64, row->by_class[c]);
			for (size_t mi = 0; mi < rep->n_models; mi++)
				fprintf(f, ",%.2f", row->cycles[mi]);
			fputc('\n', f);
		}
	}
}

const el2_cost_result *cost_find_result(const el2_cost_report *rep, const char *scenario)
{
	for (size_t s = 0; s < rep->n_results; s++)
		if (!strcmp(rep->results[s].scenario, scenario))
			return &rep->results[s];
	return NULL;
}

const el2_cost_row *cost_find_row(const el2_cost_result *r, const char *name)
{
	for (size_t i = 0; r && i < r->n_rows; i++)
		if (!strcmp(r->rows[i].name, name))
			return &r->rows[i];
	return NULL;
}

void el2_cost_write_compare(const el2_cost_report *a, const el2_cost_report *b, FILE *f)
{
	fprintf(f, "el2sim bench: compare\n  A: %s\n  B: %s\n", a->object ? a->object : "?",
		b->object ? b->object : "?");
	for (size_t s = 0; s < b->n_results; s++) {
		const el2_cost_result *rb = &b->results[s];
		const el2_cost_result *ra = cost_find_result(a, rb->scenario);
		if (!ra) {
			fprintf(f, "\nscenario %s: only in B\n", rb->scenario);
			continue;
		}
		fprintf(f, "\nscenario %s\n%-10s %15s", rb->scenario, "phase", "insns A -> B");
		for (size_t mi = 0; mi < b->n_models; mi++)
			fprintf(f, " %22.22s", b->models[mi].name);
		fputc('\n', f);
		for (size_t i = 0; i < rb->n_rows; i++) {
			const el2_cost_row *yb = &rb->rows[i];
			const el2_cost_row *ya = cost_find_row(ra, yb->name);
			if (!ya) {
				fprintf(f, "%-10.10s only in B\n", yb->name);
				continue;
			}
			fprintf(f, "%-10.10s %5" PRIu64 " -> %-5" PRIu64 " %+5" PRId64, yb->name,
				ya->insns, yb->insns, (int64_t)(yb->insns - ya->insns));
			for (size_t mi = 0; mi < b->n_models; mi++) {
				double ca = 0;
				for (size_t mj = 0; mj < a->n_models; mj++)
					if (!strcmp(a->models[mj].name, b->models[mi].name))
						ca = ya->cycles[mj];
				fprintf(f, " %7.0f -> %-7.0f %+6.0f", ca, yb->cycles[mi],
					yb->cycles[mi] - ca);
			}
			fputc('\n', f);
		}
	}
}

/* ---- thresholds and baselines ---- */
bool el2_cost_limit_parse(const char *s, el2_cost_limit *out, char *errbuf, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	const char *eq = s ? strchr(s, '=') : NULL;
	const char *slash = s ? strchr(s, '/') : NULL;
	char *end;
	if (!eq || eq == s || !isdigit((unsigned char)eq[1]))
		goto bad;
	errno = 0;
	unsigned long long v = strtoull(eq + 1, &end, 10);
	if (errno || *end)
		goto bad;
	const char *row = s;
	if (slash && slash < eq) {
		size_t sl = (size_t)(slash - s);
		if (!sl || sl >= sizeof(out->scenario))
			goto bad;
		memcpy(out->scenario, s, sl);
		row = slash + 1;
	}
	size_t rl = (size_t)(eq - row);
	if (!rl || rl >= sizeof(out->row))
		goto bad;
	memcpy(out->row, row, rl);
	out->max_insns = v;
	return true;
bad:
	if (errlen)
		snprintf(errbuf, errlen, "'%s': expected PHASE=N or SCENARIO/PHASE=N (N a count)",
			 s ? s : "");
	return false;
}

size_t el2_cost_check_limits(const el2_cost_report *rep, const el2_cost_limit *lim,
			     size_t n_lim, FILE *f)
{
	size_t bad = 0;
	for (size_t k = 0; k < n_lim; k++) {
		bool found = false;
		for (size_t s = 0; s < rep->n_results; s++) {
			const el2_cost_result *r = &rep->results[s];
			if (lim[k].scenario[0] && strcmp(lim[k].scenario, r->scenario))
				continue;
			const el2_cost_row *row = cost_find_row(r, lim[k].row);
			if (!row)
				continue;
			found = true;
			if (row->insns > lim[k].max_insns) {
				fprintf(f, "%s: phase %s: %" PRIu64 " instructions, limit %" PRIu64 "\n",
					r->scenario, row->name, row->insns, lim[k].max_insns);
				bad++;
			}
		}
		if (!found) {
			fprintf(f, "limit %s%s%s: no scenario measured has that phase or range\n",
				lim[k].scenario, lim[k].scenario[0] ? "/" : "", lim[k].row);
			bad++;
		}
	}
	return bad;
}

el2_err el2_cost_save_baseline(const el2_cost_report *rep, const char *path, char *errbuf,
			       size_t errlen)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		if (errlen)
			snprintf(errbuf, errlen, "cannot write %s: %s", path, strerror(errno));
		return EL2_ERR_IO;
	}
	fprintf(f, "# el2sim bench baseline: scenario row instructions\n# object: %s\n",
		rep->object ? rep->object : "?");
	for (size_t s = 0; s < rep->n_results; s++)
		for (size_t i = 0; i < rep->results[s].n_rows; i++)
			fprintf(f, "%s %s %" PRIu64 "\n", rep->results[s].scenario,
				rep->results[s].rows[i].name, rep->results[s].rows[i].insns);
	if (fclose(f)) {
		if (errlen)
			snprintf(errbuf, errlen, "cannot write %s", path);
		return EL2_ERR_IO;
	}
	return EL2_OK;
}

el2_err cost_baseline_entry(const el2_cost_report *rep, const char *sc, const char *row,
			    uint64_t v, const char *where, FILE *out, size_t *violations,
			    char *errbuf, size_t errlen)
{
	const el2_cost_result *res = cost_find_result(rep, sc);
	const el2_cost_row *r = cost_find_row(res, row);
	bool known_sc = res || el2_scenario_index(sc) < el2_scenario_count();
	/* a scenario this run left out is fine; a name nothing has is a typo */
	if (!known_sc || (res && !r)) {
		if (errlen && !known_sc)
			snprintf(errbuf, errlen, "%s: no scenario '%s'", where, sc);
		else if (errlen)
			snprintf(errbuf, errlen, "%s: scenario %s has no row '%s'", where, sc, row);
		return EL2_ERR_INVALID_ARG;
	}
	if (r && r->insns > v) {
		fprintf(out, "%s: phase %s grew from %" PRIu64 " to %" PRIu64 " instructions\n", sc,
			row, v, r->insns);
		(*violations)++;
	}
	return EL2_OK;
}

el2_err el2_cost_check_baseline(const el2_cost_report *rep, const char *path, FILE *out,
				size_t *violations, char *errbuf, size_t errlen)
{
	*violations = 0;
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errlen)
			snprintf(errbuf, errlen, "cannot read %s: %s", path, strerror(errno));
		return EL2_ERR_IO;
	}
	if (cost_baseline_is_json(f)) { /* an el2sim bench --json report */
		fclose(f);
		return cost_check_baseline_json(rep, path, out, violations, errbuf, errlen);
	}
	char line[256];
	unsigned ln = 0;
	el2_err e = EL2_OK;
	while (fgets(line, sizeof(line), f)) {
		ln++;
		if (!strchr(line, '\n') && !feof(f)) {
			e = EL2_ERR_INVALID_ARG;
			if (errlen)
				snprintf(errbuf, errlen, "%s:%u: line too long", path, ln);
			break;
		}
		char *p = line;
		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			continue;
		char sc[32], row[64], extra[2];
		unsigned long long v;
		if (sscanf(p, "%31s %63s %llu %1s", sc, row, &v, extra) != 3 ||
		    strlen(sc) >= sizeof(((el2_cost_result *)0)->scenario) ||
		    strlen(row) >= sizeof(((el2_cost_row *)0)->name)) {
			e = EL2_ERR_INVALID_ARG;
			if (errlen)
				snprintf(errbuf, errlen, "%s:%u: expected 'SCENARIO ROW COUNT'", path,
					 ln);
			break;
		}
		char where[300];
		snprintf(where, sizeof(where), "%s:%u", path, ln);
		if ((e = cost_baseline_entry(rep, sc, row, v, where, out, violations, errbuf,
					     errlen)))
			break;
	}
	fclose(f);
	return e;
}
