/* SPDX-License-Identifier: MIT */
/* Replaying and tracing one round trip (docs/check.md, "Replaying a
 * finding"): the scenario/run selectors, the command that repeats a
 * finding's trip, and a re-run of one trip with the instruction trace
 * (el2_trace, the writer of el2sim trace) fed from the checker's hooks. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "check_internal.h"
#include "json_out.h"

el2_err chk_select(const chk_checker *ck, int *sc, char *errbuf, size_t errlen)
{
	*sc = -1; /* (the run was checked by chk_run_range, called first) */
	if (!ck->opts.scenario)
		return EL2_OK;
	size_t i = el2_scenario_index(ck->opts.scenario);
	if (i == SC__COUNT) {
		char names[256];
		el2_scenario_list(names, sizeof(names));
		return chk_fail(errbuf, errlen, EL2_ERR_NOT_FOUND, "no scenario '%s' (%s)",
				ck->opts.scenario, names);
	}
	*sc = (int)i;
	if (!chk_scenario_enabled(ck, (chk_scenario)*sc))
		return chk_fail(errbuf, errlen, EL2_ERR_UNSUPPORTED,
				"scenario '%s' does not apply to this profile (docs/check.md lists "
				"what each needs)", ck->opts.scenario);
	return EL2_OK;
}

void chk_replay_note(const chk_checker *ck, el2_check_result *res)
{
	snprintf(res->layout, sizeof(res->layout), "%s",
		 ck->opts.layout_path ? ck->opts.layout_path : "");
	res->corners = ck->opts.corners;
	res->opt_runs = ck->opts.runs;
	res->budget = ck->opts.budget;
	res->forced_mode = (int)ck->opts.mode;
	snprintf(res->alternatives, sizeof(res->alternatives), "%s",
		 ck->opts.alternatives ? ck->opts.alternatives->spec : "");
}

/* A path as one shell word: as is when it is plain, else single-quoted. */
static size_t shell_word(char *buf, size_t len, size_t o, const char *s)
{
	bool plain = *s != '\0';
	for (const char *p = s; *p; p++)
		plain &= strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
				"_./+-=:,@%", *p) != NULL;
	if (plain)
		return o + (size_t)snprintf(o < len ? buf + o : NULL, o < len ? len - o : 0, "%s", s);
	o += (size_t)snprintf(o < len ? buf + o : NULL, o < len ? len - o : 0, "'");
	for (const char *p = s; *p; p++)
		o += (size_t)snprintf(o < len ? buf + o : NULL, o < len ? len - o : 0, "%s",
				      *p == '\'' ? "'\\''" : (char[2]){*p, '\0'});
	return o + (size_t)snprintf(o < len ? buf + o : NULL, o < len ? len - o : 0, "'");
}

#define PUT(...) (o += (size_t)snprintf(o < len ? buf + o : NULL, o < len ? len - o : 0, \
					__VA_ARGS__))

size_t el2_check_replay_command(const el2_check_result *res, const el2_check_finding *f,
				char *buf, size_t len)
{
	size_t o = 0;
	if (len)
		buf[0] = '\0';
	if (!res || !f)
		return 0;
	PUT("el2sim check ");
	o = shell_word(buf, len, o, res->object);
	if (res->layout[0]) {
		PUT(" --layout ");
		o = shell_word(buf, len, o, res->layout);
	}
	if (res->forced_mode)
		PUT(" --%s", res->forced_mode == EL2_CHECK_MODE_VHE ? "vhe" : "nvhe");
	if (res->alternatives[0]) {
		PUT(" --alternatives ");
		o = shell_word(buf, len, o, res->alternatives);
	}
	if (!res->corners)
		PUT(" --no-corners");
	if (res->opt_runs != EL2_CHECK_DEFAULT_RUNS) /* decides the sysreg targets of a run */
		PUT(" --runs %u", res->opt_runs);
	if (res->budget != EL2_CHECK_DEFAULT_BUDGET)
		PUT(" --budget %" PRIu64, res->budget);
	PUT(" --seed 0x%" PRIx64 " --scenario %s --run %u", res->seed, f->scenario, f->run);
	return o;
}

bool el2_check_traced(const el2_check_result *res, const char **scenario, unsigned *run,
		      uint64_t *lines)
{
	if (!res || !res->traced)
		return false;
	if (scenario)
		*scenario = res->traced_scenario;
	if (run)
		*run = res->traced_run;
	if (lines)
		*lines = res->trace_lines;
	return true;
}

/* The trace's name for the checker's stubs ("-" for anything else). */
static void stub_where(void *ctx, uint64_t addr, char *buf, size_t len)
{
	const chk_world *w = ctx;
	if (addr >= w->guest_stub && addr < w->guest_stub + CHK_GUEST_STUB_SIZE)
		snprintf(buf, len, "el2sim guest stub+0x%" PRIx64, addr - w->guest_stub);
	else if (addr >= w->host_stub && addr < w->host_stub + EL2_MEM_PAGE_SIZE)
		snprintf(buf, len, "el2sim host stub+0x%" PRIx64, addr - w->host_stub);
	else
		snprintf(buf, len, "-");
}

static el2_err stop_line(const chk_trip *t, FILE *f, bool json)
{
	char where[128];
	chk_where(t, t->rr.pc, where, sizeof(where));
	const char *reason = t->spun ? "spin" : el2_stop_reason_name(t->rr.reason);
	if (json) {
		jdoc d = {0};
		json_t *o = jdoc_obj(&d);
		jdoc_set(&d, o, "type", jdoc_str("end"));
		jdoc_set(&d, o, "reason", jdoc_str(reason));
		jdoc_set(&d, o, "pc", jdoc_hex(t->rr.pc, 0));
		jdoc_set(&d, o, "insns", jdoc_u64(t->rr.insns));
		return jdoc_write(&d, o, f, JSON_COMPACT, NULL, 0);
	}
	fprintf(f, "-- stop: %s at 0x%" PRIx64 " (%s) after %" PRIu64 " instructions\n", reason,
		t->rr.pc, where, t->rr.insns);
	return EL2_OK;
}

/* Runs the trip again (as the last-writer re-run does: no findings) with
 * the trace fed from the checker's own hooks, so what is traced is the
 * checked round trip itself. Bounded by the trip's budget. */
el2_err chk_trace_trip(chk_checker *ck, unsigned run, chk_scenario sc, char *errbuf,
		       size_t errlen)
{
	chk_trip t = chk_trip_init(ck, run, sc);
	t.rerun = true;
	el2_trace_opts to = {.json = ck->opts.trace_json, .forwarded = true,
			     .where = stub_where, .where_ctx = &ck->world};
	el2_err e = el2_trace_attach(ck->world.eng, ck->world.pe, ck->world.img, ck->opts.trace,
				     &to, &t.trace);
	if (e)
		return chk_fail(errbuf, errlen, e, "cannot start the trace");
	e = chk_run_trip(&t, errbuf, errlen);
	if (!e) {
		el2_trace_flush(t.trace);
		e = el2_trace_error(t.trace);
		el2_err end = stop_line(&t, ck->opts.trace, ck->opts.trace_json);
		if (!e)
			e = end;
		if (e) /* errno: the last failed write's reason */
			chk_fail(errbuf, errlen, e, "cannot write the trace: %s",
				 e == EL2_ERR_NOMEM ? "out of memory" : strerror(errno ? errno : EIO));
		el2_check_result *res = ck->res;
		res->traced = true;
		snprintf(res->traced_scenario, sizeof(res->traced_scenario), "%s",
			 chk_scenario_name(sc));
		res->traced_run = run;
		res->trace_lines = el2_trace_lines(t.trace) + 1;
	}
	el2_trace_free(&t.trace);
	chk_trip_free(&t);
	return e;
}
