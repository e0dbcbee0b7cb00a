/* SPDX-License-Identifier: MIT */
/* Checking one mutant: the checker on the mutated copy of the object,
 * and which words the unmutated runs executed (docs/mutate.md). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check_internal.h"
#include "mutate_internal.h"

static void first_finding(const el2_check_result *res, char *why, size_t len)
{
	const el2_check_finding *f;
	if (el2_check_findings(res, &f))
		snprintf(why, len, "P%u %s (%s, %s)", f[0].property, f[0].reg, f[0].phase,
			 f[0].scenario);
	else
		snprintf(why, len, "windows or calls");
}

/* One check of the temporary file: 1 killed, 0 passed, <0 error. */
static int check_once(const mut_runner *rn, unsigned runs, bool corners, char *why, size_t len,
		      char *errbuf, size_t errlen)
{
	el2_check_opts co = el2_check_opts_default();
	co.runs = runs;
	co.corners = corners;
	co.seed = rn->mo->seed;
	co.mode = rn->mo->mode;
	co.budget = rn->mo->budget ? rn->mo->budget : EL2_MUTATE_DEFAULT_BUDGET;
	co.last_writer = false;
	co.symdefs = rn->mo->symdefs;
	co.n_symdefs = rn->mo->n_symdefs;
	co.alternatives = rn->mo->alternatives;
	co.first_finding = !rn->mo->no_shortcuts;
	co.world_cache = rn->cache;
	co.cover = rn->cover;
	co.cover_ctx = rn->cover_ctx;
	el2_check_result *res = NULL;
	el2_err e = el2_check_file(rn->tmp, rn->prof, &co, &res, errbuf, errlen);
	if (e) {
		/* The temporary copy's name is random: keep it out of the
		 * report, which must be the same on every run. */
		const char *msg = errbuf;
		size_t tl = strlen(rn->tmp);
		if (!strncmp(msg, rn->tmp, tl))
			msg += tl;
		snprintf(why, len, "check error: mutant%s", msg);
		return -1;
	}
	int killed = !el2_check_passed(res);
	if (killed)
		first_finding(res, why, len);
	el2_check_result_free(&res);
	return killed;
}

/* Corner runs first (they kill most mutants), then the random runs. */
int mut_check_word(const mut_runner *rn, char *why, size_t len)
{
	char err[256];
	int k = 0;
	if (rn->mo->corners)
		k = check_once(rn, 0, true, why, len, err, sizeof(err));
	if (k == 0 && rn->mo->runs)
		k = check_once(rn, rn->mo->runs, false, why, len, err, sizeof(err));
	return k; /* an error of the mutated object counts as killed */
}

bool mut_put_word(const mut_runner *rn, uint64_t off, uint64_t addr, uint32_t w)
{
	uint8_t b[4] = {(uint8_t)w, (uint8_t)(w >> 8), (uint8_t)(w >> 16), (uint8_t)(w >> 24)};
	/* the file too: a check without a kept world loads it */
	return pwrite(rn->fd, b, 4, (off_t)off) == 4 &&
	       chk_world_cache_patch(rn->cache, addr, w) == EL2_OK;
}

static mut_range *range_of(const mut_ranges *rs, uint64_t addr)
{
	for (size_t i = 0; i < rs->n; i++)
		if (addr >= rs->r[i].lo && addr < rs->r[i].hi)
			return &rs->r[i];
	return NULL;
}

void mut_cover_pc(void *ctx, uint64_t pc)
{
	mut_range *r = range_of(ctx, pc);
	if (r && r->covered)
		r->covered[(pc - r->lo) / 4] = true;
}

/* The runs of a mutant are the unmutated runs until its word executes:
 * a word they never executed cannot make a difference. */
bool mut_covered(const mut_ranges *rs, uint64_t addr)
{
	const mut_range *r = range_of(rs, addr);
	return r && r->covered && r->covered[(addr - r->lo) / 4];
}
