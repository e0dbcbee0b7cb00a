/* SPDX-License-Identifier: MIT */
/* The profile's [bench] section (docs/layout.md): where el2sim bench's
 * to-guest and return phases begin when the default rule (docs/bench.md,
 * "Phases") does not cut the world switch where its author wants. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check_internal.h"
#include "el2sim/scenario.h"

static const char *const phase_keys[CHK_BENCH_PHASES] = {"phase.to_guest", "phase.return"};

bool chk_bench_key(chk_bench *b, unsigned line, const char *key, const char *val, char *msg,
		   size_t len)
{
	for (unsigned k = 0; k < CHK_BENCH_PHASES; k++) {
		if (strcasecmp(key, phase_keys[k]))
			continue;
		if (b->has[k]) {
			snprintf(msg, len, "[bench]: '%s' given twice (first on line %u)", key,
				 b->at[k].line);
			return false;
		}
		if (!chk_parse_value(line, val, &b->at[k])) {
			snprintf(msg, len, "[bench] %s: '%s' is not SYMBOL[+OFFSET] or an address",
				 key, val);
			return false;
		}
		b->has[k] = true;
		return true;
	}
	snprintf(msg, len, "[bench]: unknown key '%s' (phase.to_guest, phase.return)", key);
	return false;
}

el2_err el2_check_profile_phase_at(const el2_check_profile *p, unsigned which,
				   const el2_image *img, bool *given, uint64_t *addr,
				   char *errbuf, size_t errlen)
{
	if (!given || !addr || which >= CHK_BENCH_PHASES || (p && !img))
		return EL2_ERR_INVALID_ARG;
	*given = p && p->bench.has[which];
	if (!*given)
		return EL2_OK;
	char msg[256] = "";
	el2_err e = chk_value_resolve(&p->bench.at[which], img, addr, msg, sizeof(msg));
	if (e && errlen)
		snprintf(errbuf, errlen, "line %u: [bench] %s: %s", p->bench.at[which].line,
			 phase_keys[which], msg[0] ? msg : el2_strerror(e));
	return e;
}
