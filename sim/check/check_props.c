/* SPDX-License-Identifier: MIT */
/* The seven properties of issue 4, judged on one finished round trip
 * (docs/check.md states each one and what the checker compares). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "check_internal.h"
#include "el2sim/disasm.h"
#include "el2sim/pstate.h"

static const char *const prop_names[EL2_CHECK_N_PROPERTIES + 1] = {
	"?", "host integrity", "guest entry fidelity", "guest exit completeness", "isolation",
	"PSTATE on return", "EL2 state preserved", "SP_EL0 window",
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
} judge;

static void report(judge *j, unsigned prop, const char *reg, bool values, uint64_t exp,
		   uint64_t exp_hi, uint64_t found, uint64_t found_hi, bool wide, const char *detail,
		   bool watch_mem, el2_reg wreg, uint64_t waddr, unsigned wlen, enum chk_phase wph)
{
	chk_trip *t = j->t;
	el2_check_finding f;
	memset(&f, 0, sizeof(f));
	f.property = prop;
	snprintf(f.reg, sizeof(f.reg), "%s", reg);
	snprintf(f.phase, sizeof(f.phase), "%s", j->phase);
	snprintf(f.scenario, sizeof(f.scenario), "%s", chk_scenario_name(t->sc));
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
		snprintf(f.detail, sizeof(f.detail), "%s", detail);
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

/* Property 4: a value of a forbidden side in a visible register. */
static void scan_one(judge *j, el2_reg reg, uint64_t v, unsigned forbid, enum chk_phase ph)
{
	j->t->ck->res->checks[4]++;
	el2_tag_side side;
	if (!classify(j->t, v, &side) || !(forbid & (1u << side)))
		return;
	char detail[96];
	snprintf(detail, sizeof(detail), "a %s value is visible to the %s",
		 side == EL2_TAG_GUEST ? "guest" : side == EL2_TAG_HOST ? "host" :
		 side == EL2_TAG_EL2 ? "hypervisor (EL2)" : "poisoned (architecturally UNKNOWN)",
		 ph == PH_ENTRY ? "guest" : "host");
	report(j, 4, el2_reg_name(reg), true, 0, 0, v, 0, false, detail, false, reg, 0, 0, ph);
}

static bool in_abi(const chk_trip *t, el2_reg r)
{
	const el2_check_profile *p = &t->ck->prof;
	if (!p->has_exit_abi)
		return r == (p->has_exit_reg ? p->exit_reg : EL2_REG_X(0));
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
		for (unsigned i = 0; i < 32; i++) {
			chk_state_read(fp, EL2_REG_V(i), &lo, &hi);
			scan_one(j, EL2_REG_V(i), lo, forbid, ph);
			scan_one(j, EL2_REG_V(i), hi, forbid, ph);
		}
		chk_state_read(fp, EL2_SYSREG(FPCR), &lo, &hi);
		scan_one(j, EL2_SYSREG(FPCR), lo, forbid, ph);
		chk_state_read(fp, EL2_SYSREG(FPSR), &lo, &hi);
		scan_one(j, EL2_SYSREG(FPSR), lo, forbid, ph);
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
		chk_state_read(s, r, &lo, &hi);
		scan_one(j, r, lo, forbid, ph);
	}
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
	report(j, 5, reg, true, before & mask, 0, after & mask, 0, false, detail, false,
	       EL2_REG_PSTATE, 0, 0, PH_END);
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
	for (size_t i = 0; i < p->n_guest; i++) {
		el2_reg r = p->guest[i].reg;
		uint64_t exp = 0, exp_hi = 0, tmp;
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
		uint64_t addr = t->ctx + p->guest[i].off;
		uint64_t found[2] = {0, 0};
		el2_mem_read(t->mem, addr, found, chk_slot_bytes(r));
		char detail[64];
		snprintf(detail, sizeof(detail), "context offset 0x%" PRIx64, p->guest[i].off);
		compare(j, 3, r, exp, exp_hi, found[0], found[1], false, detail, true, addr, PH_END);
	}
}

static void host_return(judge *j)
{
	chk_trip *t = j->t;
	chk_checker *ck = t->ck;
	j->phase = t->sc == SC_UNKNOWN_HVC ? "unknown host HVC" : "return to host";
	if (!t->returned) {
		ck->res->checks[1]++;
		char detail[512];
		snprintf(detail, sizeof(detail), "did not return to the host (%s%s%s)",
			 el2_stop_reason_name(t->rr.reason), t->rr.message[0] ? ": " : "",
			 t->rr.message);
		report(j, 1, "pc", false, 0, 0, 0, 0, false, detail, false, 0, 0, 0, PH_END);
		return;
	}
	uint64_t b, bh, a, ah;
	for (size_t i = 0; i < ck->n_preserve; i++) {
		el2_reg r = ck->preserve[i].reg;
		chk_state_read(&t->host0, r, &b, &bh);
		chk_state_read(&t->end, r, &a, &ah);
		compare(j, 1, r, b, bh, a, ah, ck->preserve[i].lo64, NULL, false, 0, PH_END);
	}
	/* Property 5. */
	unsigned fields = ck->prof.has_pstate ? ck->prof.pstate_fields : CHK_PS_ALL;
	chk_state_read(&t->host0, EL2_REG_PSTATE, &b, &bh);
	chk_state_read(&t->end, EL2_REG_PSTATE, &a, &ah);
	if (fields & CHK_PS_DAIF)
		pstate_field(j, "DAIF", EL2_PSR_DAIF, b, a);
	if (fields & CHK_PS_PAN)
		pstate_field(j, "PAN", EL2_PSR_PAN, b, a);
	if (fields & CHK_PS_UAO)
		pstate_field(j, "UAO", EL2_PSR_UAO, b, a);
	if (fields & CHK_PS_SSBS)
		pstate_field(j, "SSBS", EL2_PSR_SSBS, b, a);
	if (fields & CHK_PS_SPSEL)
		pstate_field(j, "SPSel", EL2_PSR_SP, b, a);
	if (fields & CHK_PS_EL)
		pstate_field(j, "EL", EL2_PSR_EL, b, a);
	/* Property 6. */
	for (size_t i = 0; i < ck->n_el2_keep; i++) {
		el2_reg r = ck->el2_keep[i];
		chk_state_read(&t->host0, r, &b, &bh);
		chk_state_read(&t->end, r, &a, &ah);
		compare(j, 6, r, b, 0, a, 0, false, NULL, false, 0, PH_END);
	}
	/* Property 4, host side. */
	scan(j, &t->end, &t->end, PH_END);
}

void chk_props_evaluate(chk_trip *t, chk_watch *watch, size_t *n_watch)
{
	judge j = {.t = t, .w = watch, .nw = n_watch};
	*n_watch = 0;
	t->ck->res->checks[7]++; /* the SP_EL0 window was watched (hooks) */
	if (t->sc != SC_UNKNOWN_HVC) {
		guest_entry(&j);
		if (t->entries)
			guest_exit(&j);
	}
	host_return(&j);
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
	if (r->n_findings > before) {
		el2_check_finding *f = &r->findings[before];
		chk_watch w = {.has_writer = true, .writer_pc = call_pc};
		chk_fill_writer(t, f, &w);
	}
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
