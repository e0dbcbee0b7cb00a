/* SPDX-License-Identifier: MIT */
/* el2_scenario_*: the checker's round trips for other tools (el2sim bench,
 * benchmarks). A scenario world is a checker (profile completed, world
 * open) and the trip last prepared in it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"

struct el2_scenario_world {
	chk_checker *ck;
	chk_scenario sc;
	chk_trip trip;
	bool have_trip, plain;
	el2_scenario_hooks hooks;
};

size_t el2_scenario_count(void)
{
	return SC__COUNT;
}

const char *el2_scenario_name(size_t index)
{
	return index < SC__COUNT ? chk_scenario_name((chk_scenario)index) : NULL;
}

size_t el2_scenario_index(const char *name)
{
	size_t i = 0;
	while (i < SC__COUNT && strcmp(chk_scenario_name((chk_scenario)i), name))
		i++;
	return i;
}

void el2_scenario_list(char *buf, size_t len)
{
	size_t n = 0;
	if (len)
		buf[0] = '\0';
	for (size_t i = 0; i < SC__COUNT && n < len; i++) {
		int k = snprintf(buf + n, len - n, "%s%s", i ? ", " : "",
				 chk_scenario_name((chk_scenario)i));
		if (k < 0)
			break;
		n += (size_t)k;
	}
}

el2_err el2_scenario_open(const char *path, const el2_check_profile *prof,
			  const el2_check_opts *opts, const char *scenario,
			  el2_scenario_world **out, char *errbuf, size_t errlen)
{
	if (!out)
		return EL2_ERR_INVALID_ARG;
	*out = NULL;
	if (!path || !scenario)
		return EL2_ERR_INVALID_ARG;
	size_t sc = el2_scenario_index(scenario);
	if (sc == SC__COUNT) {
		char names[256];
		el2_scenario_list(names, sizeof(names));
		if (errlen)
			snprintf(errbuf, errlen, "no scenario '%s' (%s)", scenario, names);
		return EL2_ERR_NOT_FOUND;
	}
	el2_scenario_world *w = calloc(1, sizeof(*w));
	if (!w)
		return EL2_ERR_NOMEM;
	el2_err e = chk_checker_new(path, prof, opts, &w->ck, errbuf, errlen);
	if (e) {
		free(w);
		return e;
	}
	w->sc = (chk_scenario)sc;
	if (w->sc == SC_IRQ_ENTRY || w->sc == SC_SERROR_ENTRY || w->sc == SC_SERROR_EXIT) {
		/* the line goes up from the checker's own hooks, which a
		 * scenario trip does not run */
		if (errlen)
			snprintf(errbuf, errlen, "scenario '%s' is for el2sim check only (its "
				 "interrupt is raised by the checker's hooks)", scenario);
		el2_scenario_close(&w);
		return EL2_ERR_UNSUPPORTED;
	}
	if (!chk_scenario_enabled(w->ck, w->sc)) {
		if (errlen)
			snprintf(errbuf, errlen,
				 "scenario '%s' does not apply to this profile (docs/check.md "
				 "lists what each needs)",
				 scenario);
		el2_scenario_close(&w);
		return EL2_ERR_UNSUPPORTED;
	}
	*out = w;
	return EL2_OK;
}

void el2_scenario_close(el2_scenario_world **wp)
{
	if (!wp || !*wp)
		return;
	el2_scenario_world *w = *wp;
	if (w->have_trip)
		chk_trip_free(&w->trip);
	chk_checker_free(w->ck);
	free(w);
	*wp = NULL;
}

el2_err el2_scenario_trip(el2_scenario_world *w, unsigned run, const el2_scenario_hooks *hooks,
			  el2_run_result *rr, char *errbuf, size_t errlen)
{
	if (!w || run > EL2_TAG_MAX_RUN)
		return EL2_ERR_INVALID_ARG;
	if (w->have_trip)
		chk_trip_free(&w->trip);
	w->hooks = hooks ? *hooks : (el2_scenario_hooks){0};
	chk_checker *ck = w->ck;
	w->trip = chk_trip_init(ck, run, w->sc);
	w->trip.user = &w->hooks;
	w->trip.plain = w->plain;
	w->have_trip = true;
	el2_err e = chk_run_light(&w->trip, errbuf, errlen);
	if (rr)
		*rr = w->trip.rr;
	return e;
}

el2_err el2_scenario_trip_again(el2_scenario_world *w, el2_run_result *rr, char *errbuf,
				size_t errlen)
{
	if (!w || !w->have_trip || !w->trip.host0.valid)
		return EL2_ERR_INVALID_ARG;
	el2_err e = chk_run_again(&w->trip, errbuf, errlen);
	if (rr)
		*rr = w->trip.rr;
	return e;
}

void el2_scenario_set_plain(el2_scenario_world *w, bool plain)
{
	if (w)
		w->plain = plain;
}

void el2_scenario_get_info(const el2_scenario_world *w, el2_scenario_info *out)
{
	if (!out)
		return;
	memset(out, 0, sizeof(*out));
	if (!w)
		return;
	const chk_world *cw = &w->ck->world;
	out->vhe = w->ck->vhe;
	out->host_stub = cw->host_stub;
	out->host_stub_size = EL2_MEM_PAGE_SIZE;
	out->guest_stub = cw->guest_stub;
	out->guest_stub_size = CHK_GUEST_STUB_SIZE;
	out->context = cw->ctx;
}

const el2_image *el2_scenario_image(const el2_scenario_world *w)
{
	return w ? w->ck->world.img : NULL;
}

el2_engine *el2_scenario_engine(el2_scenario_world *w)
{
	return w ? w->ck->world.eng : NULL;
}

el2_pe *el2_scenario_pe(el2_scenario_world *w)
{
	return w ? w->ck->world.pe : NULL;
}

size_t el2_check_profile_entry_asm(const el2_check_profile *p, size_t index, const char **name)
{
	if (!p)
		return 0;
	if (name)
		*name = index < p->n_entry_asm ? p->entry_asm[index] : NULL;
	return p->n_entry_asm;
}
