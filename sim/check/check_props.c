/* SPDX-License-Identifier: MIT */
/* The properties of docs/check.md (1 to 8), judged on one finished round trip
 * (docs/check.md states each one and what the checker compares). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "check_internal.h"
#include "el2sim/bits.h"
#include "el2sim/disasm.h"
#include "el2sim/pstate.h"

static const char *const prop_names[EL2_CHECK_N_PROPERTIES + 1] = {
	"?", "host integrity", "guest entry fidelity", "guest exit completeness", "isolation",
	"PSTATE on return", "EL2 state preserved", "SP_EL0 window", "exit code",
};

const char *el2_check_property_name(unsigned p)
{
	return p >= 1 && p <= EL2_CHECK_N_PROPERTIES ? prop_names[p] : "?";
}

long chk_add_finding(el2_check_result *r, const el2_check_finding *f)
{
	r->failures[f->property]++;
	for (size_t i = 0; i < r->n_findings; i++) {
		el2_check_finding *o = &r->findings[i];
		if (o->property == f->property && !strcmp(o->reg, f->reg) &&
		    !strcmp(o->phase, f->phase)) {
			o->count++;
			return -1;
		}
	}
	r->n_findings_of[f->property]++;
	if (r->n_findings == CHK_MAX_FINDINGS) {
		r->dropped_findings++;
		return -1;
	}
	r->findings[r->n_findings] = *f;
	r->findings[r->n_findings].count = 1;
	return (long)r->n_findings++;
}

static bool is_v(el2_reg r)
{
	return r >= EL2_REG_V0 && r <= EL2_REG_V31;
}

static bool is_fp_ctl(el2_reg r)
{
	return r == EL2_SYSREG(FPCR) || r == EL2_SYSREG(FPSR);
}

static bool is_el2_reg(el2_reg reg)
{
	if (!EL2_REG_IS_SYSREG(reg))
		return false;
	const char *n = el2_reg_name(reg);
	size_t len = strlen(n);
	return len > 4 && !strcmp(n + len - 4, "_EL2");
}

void chk_state_read(const chk_state *s, el2_reg reg, uint64_t *lo, uint64_t *hi)
{
	*lo = *hi = 0;
	if (!s->valid)
		return;
	if (is_v(reg)) {
		*lo = s->v[reg - EL2_REG_V0].lo;
		*hi = s->v[reg - EL2_REG_V0].hi;
		return;
	}
	el2_snapshot_read(s->snap, reg, lo);
}

/* What one comparison found wrong, and where its last writer is sought. */
typedef struct judge {
	chk_trip *t;
	chk_watch *w;
	size_t *nw;
	const char *phase;
	unsigned *follow_on; /* set: count findings instead of listing them */
	char phase_buf[48];  /* a phase with a name in it ("host call NAME") */
} judge;

/* Copies src into dst[n], cut at n - 1 bytes: finding fields are fixed
 * arrays, and a long name or detail is truncated, never overrun. */
static void copy_str(char *dst, size_t n, const char *src)
{
	size_t len = strnlen(src, n - 1);
	memcpy(dst, src, len);
	dst[len] = '\0';
}

static void report(judge *j, unsigned prop, const char *reg, bool values, uint64_t exp,
		   uint64_t exp_hi, uint64_t found, uint64_t found_hi, bool wide, const char *detail,
		   bool watch_mem, el2_reg wreg, uint64_t waddr, unsigned wlen, enum chk_phase wph)
{
	chk_trip *t = j->t;
	if (j->follow_on) {
		(*j->follow_on)++;
		return;
	}
	el2_check_finding f;
	memset(&f, 0, sizeof(f));
	f.property = prop;
	copy_str(f.reg, sizeof(f.reg), reg);
	copy_str(f.phase, sizeof(f.phase), j->phase);
	copy_str(f.scenario, sizeof(f.scenario), chk_scenario_name(t->sc));
	f.run = t->run;
	f.run_seed = t->run_seed;
	f.has_values = values;
	f.expected = exp;
	f.expected_hi = exp_hi;
	f.found = found;
	f.found_hi = found_hi;
	f.wide = wide;
	if (values) {
		chk_describe(&t->tags, exp, f.expected_desc, sizeof(f.expected_desc));
		chk_describe(&t->tags, found, f.found_desc, sizeof(f.found_desc));
	}
	if (detail)
		copy_str(f.detail, sizeof(f.detail), detail);
	long idx = chk_add_finding(t->ck->res, &f);
	if (idx < 0 || !values || !j->w || *j->nw == CHK_MAX_WATCH)
		return;
	chk_watch *w = &j->w[(*j->nw)++];
	memset(w, 0, sizeof(*w));
	w->finding = idx;
	w->mem = watch_mem;
	w->reg = wreg;
	w->addr = waddr;
	w->len = wlen;
	w->phase = wph;
}

/* Compares one register; 32-bit FPCR/FPSR, low half only when lo64. */
static void compare(judge *j, unsigned prop, el2_reg reg, uint64_t exp, uint64_t exp_hi,
		    uint64_t found, uint64_t found_hi, bool lo64, const char *detail,
		    bool watch_mem, uint64_t waddr, enum chk_phase wph)
{
	j->t->ck->res->checks[prop]++;
	bool wide = is_v(reg) && !lo64;
	if (is_fp_ctl(reg)) {
		exp &= 0xffffffffu;
		found &= 0xffffffffu;
	}
	if (exp == found && (!wide || exp_hi == found_hi))
		return;
	char name[32];
	if (is_v(reg))
		snprintf(name, sizeof(name), "%c%u", lo64 ? 'd' : 'v', reg - EL2_REG_V0);
	else
		snprintf(name, sizeof(name), "%s", el2_reg_name(reg));
	report(j, prop, name, true, exp, exp_hi, found, found_hi, wide, detail, watch_mem, reg,
	       waddr, watch_mem ? (wide ? 16u : 8u) : 0u, wph);
}

static bool classify(const chk_trip *t, uint64_t v, el2_tag_side *side)
{
	const chk_tagent *e = chk_tagtab_find(&t->tags, v);
	if (e) {
		*side = e->side;
		return true;
	}
	unsigned run;
	return el2_check_tag_decode(v, side, NULL, &run, NULL) && run == t->run;
}

static const char *side_text(el2_tag_side side)
{
	return side == EL2_TAG_GUEST ? "guest" : side == EL2_TAG_HOST ? "host" :
	       side == EL2_TAG_EL2 ? "hypervisor (EL2)" : "poisoned (architecturally UNKNOWN)";
}

/* Property 4: a value of a forbidden side in a visible register. */
static void scan_one(judge *j, el2_reg reg, uint64_t v, unsigned forbid, enum chk_phase ph)
{
	j->t->ck->res->checks[4]++;
	el2_tag_side side;
	if (!classify(j->t, v, &side) || !(forbid & (1u << side)))
		return;
	char detail[96];
	snprintf(detail, sizeof(detail), "a %s value is visible to the %s", side_text(side),
		 ph == PH_ENTRY ? "guest" : "host");
	report(j, 4, el2_reg_name(reg), true, 0, 0, v, 0, false, detail, false, reg, 0, 0, ph);
}

static bool in_abi(const chk_trip *t, el2_reg r)
{
	const el2_check_profile *p = &t->ck->prof;
	/* Default: the exit code register; for a VHE run (an AAPCS64 call at
	 * EL2) also the caller-saved x0-x17, which the host expects to hold
	 * anything. Guest values there are not a leak to a VHE host: it is
	 * the hypervisor and holds the whole vCPU context anyway. Poison is
	 * still refused (scan). */
	if (!p->has_exit_abi)
		return r == (p->has_exit_reg ? p->exit_reg : EL2_REG_X(0)) ||
		       (t->vhe && r <= EL2_REG_X(17) &&
			(chk_scenario_has_guest(t->sc) ||
			 (chk_trip_host_call(t) && chk_trip_host_call(t)->is_call)));
	for (size_t i = 0; i < p->n_exit_abi; i++)
		if (p->exit_abi[i] == r)
			return true;
	return false;
}

static void scan(judge *j, const chk_state *s, const chk_state *fp, enum chk_phase ph)
{
	chk_trip *t = j->t;
	const unsigned into_guest = 1u << EL2_TAG_HOST | 1u << EL2_TAG_POISON | 1u << EL2_TAG_EL2;
	const unsigned into_host = 1u << EL2_TAG_GUEST | 1u << EL2_TAG_POISON;
	unsigned forbid = ph == PH_ENTRY ? into_guest : into_host;
	uint64_t lo, hi;
	for (unsigned i = 0; i <= 30; i++) {
		chk_state_read(s, EL2_REG_X(i), &lo, &hi);
		unsigned f = forbid;
		if (ph != PH_ENTRY && in_abi(t, EL2_REG_X(i)))
			f &= ~(1u << EL2_TAG_GUEST);
		scan_one(j, EL2_REG_X(i), lo, f, ph);
	}
	if (fp && fp->valid && t->ck->layout_has_fp) {
		/* on return, the exit ABI's V registers (and FPCR/FPSR) may
		 * hold guest values: [host] exit_abi lists them */
		unsigned fguest = forbid & ~(1u << EL2_TAG_GUEST);
		for (unsigned i = 0; i < 32; i++) {
			el2_reg r = EL2_REG_V(i);
			bool abi = ph != PH_ENTRY && in_abi(t, r);
			chk_state_read(fp, r, &lo, &hi);
			scan_one(j, r, lo, abi ? fguest : forbid, ph);
			scan_one(j, r, hi, abi ? fguest : forbid, ph);
		}
		el2_reg ctl[2] = {EL2_SYSREG(FPCR), EL2_SYSREG(FPSR)};
		for (unsigned i = 0; i < 2; i++) {
			bool abi = ph != PH_ENTRY && in_abi(t, ctl[i]);
			chk_state_read(fp, ctl[i], &lo, &hi);
			scan_one(j, ctl[i], lo, abi ? fguest : forbid, ph);
		}
	}
	el2_reg sps[2] = {EL2_SYSREG(SP_EL0), ph == PH_ENTRY || !t->vhe ? EL2_SYSREG(SP_EL1)
								       : EL2_SYSREG(SP_EL2)};
	for (unsigned i = 0; i < 2; i++) {
		chk_state_read(s, sps[i], &lo, &hi);
		scan_one(j, sps[i], lo, forbid, ph);
	}
	/* System registers the side can read: EL0/EL1 rows (for a VHE host at
	 * EL2, only the EL0 rows: its EL1 names reach EL2 registers). */
	unsigned max_el = ph != PH_ENTRY && t->vhe ? 0 : 1;
	for (unsigned sr = 0; sr < EL2_SR_COUNT; sr++) {
		const el2_sysreg_info *info = el2_sysreg_get((el2_sysreg)sr);
		el2_reg r = EL2_REG_SYSREG_BASE + sr;
		if (info->kind != EL2_SRK_STORED || info->min_el > max_el || is_fp_ctl(r))
			continue;
		/* rows of features the PE lacks do not exist (PAuth keys, MTE, ZCR) */
		if (info->feature && (t->ck->cfg.features & info->feature) != info->feature)
			continue;
		/* at guest entry: only what the guest can read there (a row
		 * trapped or redirected keeps the host's value unseen, as KVM
		 * keeps the host's debug registers while MDCR_EL2.TDA traps) */
		if (ph == PH_ENTRY && t->cfg_seen && !t->seen_cfg.rd[sr])
			continue;
		chk_state_read(s, r, &lo, &hi);
		scan_one(j, r, lo, forbid, ph);
	}
}

/* Property 4 in memory: the hits check_memscan.c recorded at the trip's
 * guest entries and exits, one finding per address. The re-run watches
 * the word until the scan that saw it. */
static void memory_hits(judge *j)
{
	chk_trip *t = j->t;
	t->ck->res->checks[4] += t->mem_words;
	for (unsigned i = 0; i < t->n_memhits; i++) {
		const struct chk_memhit *h = &t->memhits[i];
		el2_tag_side side = EL2_TAG_HOST;
		el2_check_tag_decode(h->value, &side, NULL, NULL, NULL);
		char where[64], detail[160];
		chk_mem_where(t, h->addr, where, sizeof(where));
		snprintf(detail, sizeof(detail), "a %s value is in memory the guest can read, at %s",
			 side_text(side), where);
		j->phase = h->phase == PH_ENTRY  ? "guest entry"
			   : h->phase == PH_EXIT ? "guest exit"
						 : "return to host";
		size_t before = *j->nw;
		report(j, 4, where, true, 0, 0, h->value, 0, false, detail, true, 0, h->addr, 8,
		       PH_END);
		if (*j->nw > before)
			j->w[before].freeze_event = h->event;
	}
}

/* Property 8: the exit code the world switch gave the host, against the
 * profile's [exit_codes] value for the scenario (not judged without one). */
static void exit_code(judge *j)
{
	chk_trip *t = j->t;
	const el2_check_profile *p = &t->ck->prof;
	uint64_t want;
	char name[32];
	if (!chk_trip_exit_code(t, &want, name, sizeof(name)))
		return;
	t->ck->res->code_checks[t->sc]++;
	el2_reg r = p->has_exit_reg ? p->exit_reg : EL2_REG_X(0);
	uint64_t found, hi;
	chk_state_read(&t->end, r, &found, &hi);
	char phase[48], detail[96];
	snprintf(phase, sizeof(phase), "exit code of %s", name);
	snprintf(detail, sizeof(detail), "[exit_codes] %s = %" PRId64 " (0x%" PRIx64 ")", name,
		 (int64_t)want, want);
	const char *saved = j->phase;
	j->phase = phase;
	compare(j, 8, r, want, 0, found, 0, false, detail, false, 0, PH_END);
	j->phase = saved;
}

static void pstate_field(judge *j, const char *name, uint64_t mask, uint64_t before,
			 uint64_t after)
{
	j->t->ck->res->checks[5]++;
	if ((before & mask) == (after & mask))
		return;
	char reg[32], detail[96];
	snprintf(reg, sizeof(reg), "PSTATE.%s", name);
	snprintf(detail, sizeof(detail), "PSTATE 0x%" PRIx64 " before, 0x%" PRIx64 " after",
		 before, after);
	size_t nw = j->nw ? *j->nw : 0;
	report(j, 5, reg, true, before & mask, 0, after & mask, 0, false, detail, false,
	       EL2_REG_PSTATE, 0, 0, PH_END);
	/* the last writer of this field, not of any PSTATE bit (msr daif) */
	if (j->nw && *j->nw > nw)
		j->w[*j->nw - 1].field_mask = mask;
}

static void config_finding(void *ctx, el2_reg reg, uint64_t want, uint64_t got,
			   const char *detail)
{
	report(ctx, 4, el2_reg_name(reg), true, want, 0, got, 0, false, detail, false, reg, 0, 0,
	       PH_ENTRY);
}

static void guest_entry(judge *j)
{
	chk_trip *t = j->t;
	const el2_check_profile *p = &t->ck->prof;
	j->phase = "guest entry";
	if (!t->entries) {
		t->ck->res->checks[2]++;
		char detail[512];
		snprintf(detail, sizeof(detail), "the guest was never entered (run ended: %s%s%s)",
			 el2_stop_reason_name(t->rr.reason), t->rr.message[0] ? ": " : "",
			 t->rr.message);
		report(j, 2, "pc", false, 0, 0, 0, 0, false, detail, false, 0, 0, 0, PH_ENTRY);
		return;
	}
	const uint64_t ps_mask = EL2_PSR_NZCV | EL2_PSR_DAIF | EL2_PSR_PAN | EL2_PSR_UAO |
				 EL2_PSR_SSBS | EL2_PSR_DIT | EL2_PSR_TCO | EL2_PSR_IL |
				 EL2_PSR_M;
	for (size_t i = 0; i < p->n_guest; i++) {
		el2_reg r = p->guest[i].reg;
		const uint64_t *init = t->ctx_init[i];
		const chk_state *s = &t->entry;
		if (is_el2_reg(r))
			continue;
		if (is_v(r) || is_fp_ctl(r)) {
			if (!t->entry_fp.valid)
				continue; /* lazily switched and never used */
			s = &t->entry_fp;
		}
		uint64_t lo, hi;
		chk_state_read(s, r, &lo, &hi);
		uint64_t exp = init[0];
		if (r == EL2_REG_PSTATE) {
			exp &= ps_mask;
			lo &= ps_mask;
		}
		char detail[64];
		snprintf(detail, sizeof(detail), "context offset 0x%" PRIx64, p->guest[i].off);
		t->ck->slot_entry_cmp[i]++;
		compare(j, 2, r, exp, init[1], lo, hi, false, detail, false, 0, PH_ENTRY);
	}
	scan(j, &t->entry, t->entry_fp.valid ? &t->entry_fp : NULL, PH_ENTRY);
	chk_config_judge_entry(t, &t->entry, config_finding, j);
}

/* After an abort exit, the fault information the host acts on (FAR,
 * HPFAR) must not be the UNKNOWN value the exception left in a register:
 * a hypervisor that copies HPFAR_EL2 on a stage-2 permission fault, where
 * the IPA must come from AT S1E1R + PAR_EL1, hands the host a meaningless
 * fault address. (Copying an UNKNOWN FAR_EL2 on an HVC exit is harmless:
 * nobody reads it.) */
static void exit_info_not_poison(judge *j, const chk_slot *slot, uint64_t init)
{
	chk_trip *t = j->t;
	uint64_t v = 0;
	el2_tag_side side;
	if (t->exit_type != EL2_EXC_DATA_ABORT && t->exit_type != EL2_EXC_INSTR_ABORT)
		return;
	t->ck->res->checks[3]++;
	el2_mem_read(t->mem, t->ctx + slot->off, &v, 8);
	/* The register's RES0 bits may leave too few bits of the poison tag
	 * for the tag table: compare with the UNKNOWN value the register was
	 * given, if it still held it at the exit (the model may write a
	 * defined value over it), unless the slot still holds its initial
	 * stale value, which the masking can make equal. */
	unsigned sr = slot->reg - EL2_REG_SYSREG_BASE;
	uint64_t at_exit = 0, hi;
	chk_state_read(&t->exit, slot->reg, &at_exit, &hi);
	bool copied = t->poison_exit[sr] && at_exit == t->poison_val[sr] && v == at_exit && v &&
		      v != init;
	if (!copied && (!classify(t, v, &side) || side != EL2_TAG_POISON))
		return;
	char detail[160];
	snprintf(detail, sizeof(detail),
		 "context offset 0x%" PRIx64 " holds the architecturally UNKNOWN value (poison) "
		 "%s had at the exit",
		 slot->off, el2_reg_name(slot->reg));
	report(j, 3, el2_reg_name(slot->reg), true, 0, 0, v, 0, false, detail, true, slot->reg,
	       t->ctx + slot->off, 8, PH_END);
}

static void guest_exit(judge *j)
{
	chk_trip *t = j->t;
	const el2_check_profile *p = &t->ck->prof;
	j->phase = "guest exit";
	if (!t->exits) {
		t->ck->res->checks[3]++;
		report(j, 3, "pc", false, 0, 0, 0, 0, false,
		       "the guest never exited to EL2", false, 0, 0, 0, PH_END);
		return;
	}
	bool async = t->exit_type == EL2_EXC_IRQ || t->exit_type == EL2_EXC_FIQ ||
		     t->exit_type == EL2_EXC_SERROR;
	uint64_t flag;
	bool handed = chk_fp_guest_owned(t, &flag); /* the host saves the guest's FP later */
	for (size_t i = 0; i < p->n_guest; i++) {
		el2_reg r = p->guest[i].reg;
		uint64_t exp = 0, exp_hi = 0, tmp;
		if (handed && (is_v(r) || is_fp_ctl(r)))
			continue;
		/* Exit information the exit exception did not define (an UNKNOWN
		 * FAR/HPFAR, ESR/FAR/HPFAR after an interrupt): any value will do;
		 * a poison that travels on is caught where it lands. */
		if (is_el2_reg(r) && r != EL2_SYSREG(ELR_EL2) && r != EL2_SYSREG(SPSR_EL2) &&
		    (async || t->poison_exit[r - EL2_REG_SYSREG_BASE])) {
			exit_info_not_poison(j, &p->guest[i], t->ctx_init[i][0]);
			continue;
		}
		if (r == EL2_REG_PC)
			chk_state_read(&t->exit, EL2_SYSREG(ELR_EL2), &exp, &tmp);
		else if (r == EL2_REG_PSTATE)
			chk_state_read(&t->exit, EL2_SYSREG(SPSR_EL2), &exp, &tmp);
		else if ((is_v(r) || is_fp_ctl(r)) && !t->exit.fp_live) {
			exp = t->ctx_init[i][0]; /* never loaded: the context keeps it */
			exp_hi = t->ctx_init[i][1];
		} else
			chk_state_read(&t->exit, r, &exp, &exp_hi);
		if (!((is_v(r) || is_fp_ctl(r)) && !t->exit.fp_live))
			t->ck->slot_exit_cmp[i]++; /* a value the exit had to save */
		uint64_t addr = t->ctx + p->guest[i].off;
		uint64_t found[2] = {0, 0};
		el2_mem_read(t->mem, addr, found, chk_slot_size(&p->guest[i]));
		char detail[64];
		snprintf(detail, sizeof(detail), "context offset 0x%" PRIx64, p->guest[i].off);
		compare(j, 3, r, exp, exp_hi, found[0], found[1], false, detail, true, addr, PH_END);
	}
}

/* [fp] switch = handoff, at the return to the host. Flag "guest": the
 * host's FP state must be in its save area (property 1) and the live
 * registers must hold the guest's current FP state, which the host will
 * save as the guest's (property 3). Flag "host": judged as eager, plus one
 * finding if guest values are live nonetheless (property 4). */
static void fp_handoff(judge *j, bool handed, uint64_t flag)
{
	chk_trip *t = j->t;
	char where[48], detail[160];
	uint64_t lo, hi, exp, exp_hi;
	chk_fp_where(t, EL2_REG_NONE, where, sizeof(where));
	if (!handed) {
		for (unsigned i = 0; i < 32; i++) {
			el2_tag_side side;
			chk_state_read(&t->end, EL2_REG_V(i), &lo, &hi);
			if (!classify(t, lo, &side) || side != EL2_TAG_GUEST)
				continue;
			snprintf(detail, sizeof(detail), "v%u holds a guest value but the FP owner flag at "
				 "%s = 0x%" PRIx64 " says host (the guest's is lost)", i, where, flag);
			t->ck->res->checks[4]++;
			report(j, 4, "FP owner", false, 0, 0, 0, 0, false, detail, false, 0, 0, 0, PH_END);
			return;
		}
		t->ck->res->checks[4]++;
		return;
	}
	static const el2_reg ctl[2] = {EL2_SYSREG(FPSR), EL2_SYSREG(FPCR)};
	for (unsigned i = 0; i < 34; i++) {
		el2_reg r = i < 32 ? EL2_REG_V(i) : ctl[i - 32];
		uint64_t addr = chk_fp_save_addr(t, r), m[2] = {0, 0};
		el2_mem_read(t->mem, addr, m, i < 32 ? 16 : 4);
		chk_state_read(&t->host0, r, &exp, &exp_hi);
		char at[48];
		chk_fp_where(t, r, at, sizeof(at));
		snprintf(detail, sizeof(detail), "guest owns FP (flag at %s): the host's value must be "
			 "saved at %s", where, at);
		compare(j, 1, r, exp, exp_hi, m[0], m[1], false, detail, true, addr, PH_END);
		if (!chk_fp_guest_value(t, r, &exp, &exp_hi))
			continue;
		chk_state_read(&t->end, r, &lo, &hi);
		snprintf(detail, sizeof(detail), "FP owner flag at %s says guest: the live register "
			 "must hold the guest's value", where);
		compare(j, 3, r, exp, exp_hi, lo, hi, false, detail, false, 0, PH_END);
	}
}

static void host_return(judge *j)
{
	chk_trip *t = j->t;
	chk_checker *ck = t->ck;
	const chk_hostcall *hc = chk_trip_host_call(t);
	if (hc)
		snprintf(j->phase_buf, sizeof(j->phase_buf), "host call %s", hc->name);
	/* the judge's own buffer: never_returned reports with this phase later */
	j->phase = hc ? j->phase_buf
		      : t->sc == SC_UNKNOWN_HVC ? "unknown host HVC" : "return to host";
	if (!t->returned)
		return; /* chk_props_evaluate reports it */
	uint64_t b, bh, a, ah, flag;
	bool handed = chk_fp_guest_owned(t, &flag); /* not restored: saved (fp_handoff) */
	size_t n_pres;
	const chk_pres *pres = chk_preserve_trip(t, &n_pres);
	for (size_t i = 0; i < n_pres; i++) {
		el2_reg r = pres[i].reg;
		if (handed && (is_v(r) || is_fp_ctl(r)))
			continue;
		chk_state_read(&t->host0, r, &b, &bh);
		chk_state_read(&t->end, r, &a, &ah);
		compare(j, 1, r, b, bh, a, ah, pres[i].lo64, NULL, false, 0, PH_END);
	}
	/* Property 5: by default every field; a VHE run (a function call at
	 * EL2) is not asked to give SSBS back unless the profile says so. */
	unsigned fields = ck->prof.has_pstate ? ck->prof.pstate_fields
			  : t->vhe ? CHK_PS_ALL & ~CHK_PS_SSBS : CHK_PS_ALL;
	chk_state_read(&t->host0, EL2_REG_PSTATE, &b, &bh);
	chk_state_read(&t->end, EL2_REG_PSTATE, &a, &ah);
	static const struct {
		unsigned field;
		const char *name;
		uint64_t mask;
	} ps[] = {
		{CHK_PS_DAIF, "DAIF", EL2_PSR_DAIF}, {CHK_PS_PAN, "PAN", EL2_PSR_PAN},
		{CHK_PS_UAO, "UAO", EL2_PSR_UAO},    {CHK_PS_SSBS, "SSBS", EL2_PSR_SSBS},
		{CHK_PS_DIT, "DIT", EL2_PSR_DIT},    {CHK_PS_SPSEL, "SPSel", EL2_PSR_SP},
		{CHK_PS_EL, "EL", EL2_PSR_EL},
	};
	for (size_t i = 0; i < sizeof(ps) / sizeof(ps[0]); i++)
		if (fields & ps[i].field)
			pstate_field(j, ps[i].name, ps[i].mask, b, a);
	/* Property 6. */
	for (size_t i = 0; i < ck->n_el2_keep; i++) {
		el2_reg r = ck->el2_keep[i];
		chk_state_read(&t->host0, r, &b, &bh);
		chk_state_read(&t->end, r, &a, &ah);
		/* HCR_EL2 is always kept (check_run.c): a virtual SError left
		 * pending for the host is named here */
		bool vse = r == EL2_SYSREG(HCR_EL2) && (a & ~b & EL2_HCR_VSE);
		compare(j, 6, r, b, 0, a, 0, false,
			vse ? "HCR_EL2.VSE set: the guest's virtual SError is left pending for "
			      "the host" : NULL,
			false, 0, PH_END);
	}
	if (ck->prof.fp_switch == CHK_FP_HANDOFF)
		fp_handoff(j, handed, flag);
	/* Property 4, host side (guest FP values handed over are not leaks). */
	scan(j, &t->end, handed ? NULL : &t->end, PH_END);
	exit_code(j);
}

/* guest_hvc: the call the profile says the hypervisor handles in place
 * must have resumed the guest at least once before the host got control. */
static void guest_hvc_in_place(judge *j)
{
	chk_trip *t = j->t;
	const el2_check_profile *p = &t->ck->prof;
	t->ck->res->checks[2]++;
	if (t->fast_hvc_resumes || !p->n_guest_hvc)
		return;
	char detail[256];
	snprintf(detail, sizeof(detail), "the guest's HVC with x0 = 0x%" PRIx64 " ([world] "
		 "guest_hvc: handled at EL2) was not resumed: the host got control",
		 p->guest_hvc[t->guest_hvc % p->n_guest_hvc]);
	j->phase = "guest resume";
	j->follow_on = NULL;
	report(j, 2, "x0", false, 0, 0, 0, 0, false, detail, false, 0, 0, 0, PH_END);
}

/* serror_exit: the SError that became pending as the guest exited is the
 * guest's; still pending when the host gets control back, the host takes
 * it as its own (a guest's SError delivered to the host). */
static void serror_left_pending(judge *j)
{
	chk_trip *t = j->t;
	t->ck->res->checks[4]++;
	if (!t->line_raised || !(el2_lines(t->pe) & EL2_LINE_SERROR))
		return;
	j->phase = "return to host";
	j->follow_on = NULL;
	report(j, 4, "SError", false, 0, 0, 0, 0, false,
	       "the physical SError pending as the guest exited (at its HVC) is still pending "
	       "at the return to the host, which would take it as its own: the exit path must "
	       "take (or, with FEAT_RAS, defer with ESB) and report it",
	       false, 0, 0, 0, PH_END);
}

/* vserror: a virtual SError still pending as the guest exited (HCR_EL2.VSE
 * set at the exit: the guest ran with PSTATE.A masked) must stay pending
 * for the next entry: the context's HCR_EL2 keeps VSE (KVM's
 * __deactivate_traps reads HCR_EL2 back into vcpu->arch.hcr_el2 when VSE
 * was set). Property 3, the exit's completeness. */
static void vse_kept(judge *j)
{
	chk_trip *t = j->t;
	int i = chk_config_hcr(&t->ck->prof);
	uint64_t at_exit = 0, hi, slot = 0;
	if (i < 0 || !t->exits)
		return;
	chk_state_read(&t->exit, EL2_SYSREG(HCR_EL2), &at_exit, &hi);
	if (!(at_exit & EL2_HCR_VSE))
		return; /* taken or never delivered: judged at the entry */
	uint64_t addr = t->ck->config[i].addr;
	el2_mem_read(t->mem, addr, &slot, 8);
	t->ck->res->checks[3]++;
	if (slot & EL2_HCR_VSE)
		return;
	char detail[240];
	snprintf(detail, sizeof(detail),
		 "the virtual SError was still pending as the guest exited (HCR_EL2 0x%" PRIx64
		 ") but the context's HCR_EL2 slot at 0x%" PRIx64 " lost VSE: it is never delivered "
		 "(read HCR_EL2 back into the context on exit when VSE was set)",
		 at_exit, addr);
	j->phase = "guest exit";
	j->follow_on = NULL;
	report(j, 3, "HCR_EL2.VSE", true, slot | EL2_HCR_VSE, 0, slot, 0, false, detail, true,
	       EL2_SYSREG(HCR_EL2), addr, 8, PH_END);
}

static void never_returned(judge *j, unsigned follow)
{
	chk_trip *t = j->t;
	el2_check_result *r = t->ck->res;
	char detail[512];
	chk_stop_detail(t, detail, sizeof(detail));
	j->follow_on = NULL;
	r->checks[1]++;
	size_t before = r->n_findings;
	if (t->panicked)
		j->phase = "EL2 panic";
	report(j, 1, "pc", false, 0, 0, 0, 0, false, detail, false, 0, 0, 0, PH_END);
	if (r->n_findings > before)
		r->findings[before].follow_on = follow;
}

void chk_props_evaluate(chk_trip *t, chk_watch *watch, size_t *n_watch)
{
	judge j = {.t = t, .w = watch, .nw = n_watch};
	*n_watch = 0;
	for (size_t i = 0; i < t->n_run_watch && *n_watch < CHK_MAX_WATCH; i++)
		watch[(*n_watch)++] = t->run_watch[i];
	t->ck->res->checks[7]++; /* the SP_EL0 window was watched (hooks) */
	/* A trip that never gets back to the host is one finding: what is
	 * judged after the entry (exit completeness, the host's state) fails
	 * only because the trip never finished, and is counted into it. The
	 * entry, when it happened, is judged as usual. */
	unsigned follow = 0;
	unsigned *later = t->returned ? NULL : &follow;
	if (!t->returned)
		t->ck->trip_stopped = true;
	if (chk_scenario_has_guest(t->sc)) {
		j.follow_on = t->entries ? NULL : later;
		guest_entry(&j);
		j.follow_on = later;
		if (t->entries)
			guest_exit(&j);
	}
	/* a host value the guest could read was seen, whatever came after */
	j.follow_on = NULL;
	memory_hits(&j);
	j.follow_on = later;
	host_return(&j);
	if (t->returned && t->sc == SC_GUEST_HVC)
		guest_hvc_in_place(&j);
	if (t->returned && t->sc == SC_SERROR_EXIT)
		serror_left_pending(&j);
	if (t->returned && t->sc == SC_VSERROR) {
		vse_kept(&j);
	}
	if (!t->returned)
		never_returned(&j, follow);
}

/* A finding raised by a scenario while running (check_scen.c). */
void chk_props_scen_finding(chk_trip *t, unsigned prop, const char *reg, const char *detail,
			    const char *phase)
{
	judge j = {.t = t, .phase = phase};
	t->ck->res->checks[prop]++;
	report(&j, prop, reg, false, 0, 0, 0, 0, false, detail, false, 0, 0, 0, PH_END);
}

/* Property 2 at a resume: the guest re-entered after an exit handled at
 * EL2 finds reg as it left it. Judged while running: the values go into
 * the detail (no last-writer re-run for it). */
void chk_props_resume(chk_trip *t, el2_reg reg, uint64_t expected, uint64_t found,
		      const char *detail)
{
	judge j = {.t = t, .phase = "guest resume"};
	t->ck->res->checks[2]++;
	if (expected == found)
		return;
	char e[64], f[64], text[512];
	chk_describe(&t->tags, expected, e, sizeof(e));
	chk_describe(&t->tags, found, f, sizeof(f));
	snprintf(text, sizeof(text), "%s: expected 0x%016" PRIx64 " (%s), found 0x%016" PRIx64
		 " (%s)", detail, expected, e, found, f);
	report(&j, 2, el2_reg_name(reg), false, 0, 0, 0, 0, false, text, false, 0, 0, 0,
	       PH_ENTRY);
}

/* Property 4 at a resume: an ABI result register holds no host, EL2 or
 * poison value. */
void chk_props_resume_leak(chk_trip *t, el2_reg reg, uint64_t value)
{
	judge j = {.t = t, .phase = "guest resume"};
	scan_one(&j, reg, value, 1u << EL2_TAG_HOST | 1u << EL2_TAG_POISON | 1u << EL2_TAG_EL2,
		 PH_ENTRY);
}

void chk_props_call_in_window(chk_trip *t, uint64_t call_pc, uint64_t target)
{
	judge j = {.t = t, .phase = "EL2"};
	uint64_t sp0 = 0;
	el2_reg_read(t->pe, EL2_SYSREG(SP_EL0), &sp0);
	char from[96], to[96], detail[512];
	chk_where(t, call_pc, from, sizeof(from));
	chk_where(t, target, to, sizeof(to));
	snprintf(detail, sizeof(detail), "call from %s to %s (outside entry_asm) while SP_EL0 "
		 "is not the host's", from, to);
	t->ck->res->checks[7]++;
	el2_check_result *r = t->ck->res;
	size_t before = r->n_findings;
	report(&j, 7, "SP_EL0", true, t->host_sp_el0, 0, sp0, 0, false, detail, false, 0, 0, 0,
	       PH_END);
	/* The call is where the value was judged, not what wrote it: the
	 * re-run finds the writer of SP_EL0 as it stood at this call. */
	if (r->n_findings > before && t->n_run_watch < sizeof(t->run_watch) / sizeof(t->run_watch[0]))
		t->run_watch[t->n_run_watch++] = (chk_watch){
			.finding = (long)before, .reg = EL2_SYSREG(SP_EL0), .phase = PH_END,
			.at_pc = true, .freeze_pc = call_pc, .freeze_val = sp0};
}

/* AAPCS64 (procedure call standard, "General-purpose registers"): a
 * subroutine preserves x19-x29 and SP for its caller (x18, the platform
 * register, too: check_run.c says why). Checked for every
 * call from the hypervisor's other code into the entry/exit assembly (a
 * __guest_enter returning after the guest's exit, say) when it returns. */
void chk_props_abi_return(chk_trip *t, uint64_t call_pc, el2_reg reg, uint64_t expected,
			  uint64_t found)
{
	judge j = {.t = t, .phase = "EL2"};
	char from[96], detail[512];
	chk_where(t, call_pc, from, sizeof(from));
	snprintf(detail, sizeof(detail), "callee-saved across the call at %s into entry_asm "
		 "(AAPCS64)", from);
	t->ck->res->checks[6]++;
	report(&j, 6, el2_reg_name(reg), true, expected, 0, found, 0, false, detail, false, 0, 0,
	       0, PH_END);
}

/* Vacuity: a [guest] slot that no round trip of the whole check compared
 * with a value the world switch had to load (guest entry) or save (guest
 * exit) was never judged, and a PASSED would say nothing about it (a slot
 * the hypervisor does not use, or exit information every exit left
 * UNKNOWN: HPFAR_EL2 without an MMIO region, say). Each is a finding of
 * the property that could not judge it. */
void chk_props_vacuity(chk_checker *ck)
{
	const el2_check_profile *p = &ck->prof;
	/* A round trip that never returned is one finding already; what it
	 * did not compare follows from it. */
	if (!ck->res->round_trips || ck->trip_stopped)
		return;
	for (size_t i = 0; i < p->n_guest; i++) {
		el2_reg r = p->guest[i].reg;
		/* handed over live, the guest's FP/SIMD is the host's to save */
		bool handed = p->fp_switch == CHK_FP_HANDOFF && (is_v(r) || is_fp_ctl(r));
		for (unsigned prop = 2; prop <= 3; prop++) {
			unsigned n = prop == 2 ? ck->slot_entry_cmp[i] : ck->slot_exit_cmp[i];
			if (n || (prop == 2 && is_el2_reg(r)) || (prop == 3 && handed))
				continue;
			el2_check_finding f;
			memset(&f, 0, sizeof(f));
			f.property = prop;
			snprintf(f.reg, sizeof(f.reg), "%s", el2_reg_name(r));
			snprintf(f.phase, sizeof(f.phase), "every round trip");
			snprintf(f.scenario, sizeof(f.scenario), "all");
			snprintf(f.detail, sizeof(f.detail),
				 "context offset 0x%" PRIx64 ": never %s by any round trip: "
				 "vacuous (remove the slot or enable a scenario that uses it)",
				 p->guest[i].off, prop == 2 ? "loaded at guest entry" : "saved at guest exit");
			ck->res->checks[prop]++;
			chk_add_finding(ck->res, &f);
		}
	}
}
