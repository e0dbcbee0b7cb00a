/* SPDX-License-Identifier: MIT */
/* Per-instruction trace and event log (trace.h).
 *
 * The engine calls the trace hook BEFORE each instruction, so what an
 * instruction changed is known only when the next one starts (or the run
 * stops): the trace keeps the instruction pending with the register state
 * seen before it, and writes its line - with the changes - at the next
 * hook call or at el2_trace_flush. Events raised by the pending
 * instruction are buffered and written after its line, so the log reads
 * in execution order. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "el2sim/disasm.h"
#include "el2sim/pstate.h"
#include "el2sim/trace.h"
#include "json_out.h"

/* What the trace compares before/after each instruction: X0-X30, SP, and
 * PSTATE (NZCV shown as flags, the other fields as one value). */
#define N_TRACKED 33
#define T_SP 31
#define T_PSTATE 32

#define MAX_ACCESSES 8 /* an instruction's loads and stores shown (LDP: 2) */

typedef struct access {
	uint64_t addr, value;
	unsigned size;
	bool write;
} access;

typedef struct pending_insn {
	bool valid;
	uint64_t index, pc;
	uint32_t insn;
	unsigned el;
	bool handler_sp;   /* PSTATE.SP: ELxh, else ELxt */
	access mem[MAX_ACCESSES];
	unsigned n_mem, more_mem;
} pending_insn;

struct el2_trace {
	el2_engine *eng;
	el2_pe *pe;
	const el2_image *img;
	FILE *out;
	el2_trace_opts opts;
	uint64_t traced;            /* instructions seen by the trace hook */
	uint64_t lines;
	bool hit_max;
	uint64_t prev[N_TRACKED];   /* state before the pending instruction */
	pending_insn pend;
	char *evbuf;                /* event lines waiting for the pending line */
	size_t evlen, evcap;
	el2_err err;                /* first JSON line that could not be built or written */
	json_t *jline;              /* the JSON instruction line, reused */
};

static const char *const exc_names[EL2_EXC__COUNT] = {
	[EL2_EXC_UNCATEGORIZED] = "UNDEFINED",
	[EL2_EXC_WFX_TRAP] = "WFX_TRAP",
	[EL2_EXC_FP_TRAP] = "FP_TRAP",
	[EL2_EXC_ILLEGAL_STATE] = "ILLEGAL_STATE",
	[EL2_EXC_SVC] = "SVC",
	[EL2_EXC_HVC] = "HVC",
	[EL2_EXC_SMC] = "SMC",
	[EL2_EXC_SYSREG_TRAP] = "SYSREG_TRAP",
	[EL2_EXC_INSTR_ABORT] = "INSTR_ABORT",
	[EL2_EXC_PC_ALIGN] = "PC_ALIGN",
	[EL2_EXC_DATA_ABORT] = "DATA_ABORT",
	[EL2_EXC_SP_ALIGN] = "SP_ALIGN",
	[EL2_EXC_SERROR] = "SERROR",
	[EL2_EXC_SOFTWARE_STEP] = "SOFTWARE_STEP",
	[EL2_EXC_BRK] = "BRK",
	[EL2_EXC_ERET_TRAP] = "ERET_TRAP",
	[EL2_EXC_PAC_TRAP] = "PAC_TRAP",
	[EL2_EXC_SVE_TRAP] = "SVE_TRAP",
	[EL2_EXC_IRQ] = "IRQ",
	[EL2_EXC_FIQ] = "FIQ",
	[EL2_EXC_CP15RT_TRAP] = "CP15RT_TRAP",
	[EL2_EXC_CP15RRT_TRAP] = "CP15RRT_TRAP",
	[EL2_EXC_CP14RT_TRAP] = "CP14RT_TRAP",
	[EL2_EXC_CP14RRT_TRAP] = "CP14RRT_TRAP",
};

const char *el2_exc_type_name(el2_exc_type t)
{
	if ((unsigned)t >= EL2_EXC__COUNT || !exc_names[t])
		return "?";
	return exc_names[t];
}

/* ---- output helpers ---- */

/* Appends formatted text to the event buffer (or writes it straight out
 * when no instruction is pending). */
static void emit(el2_trace *t, bool buffered, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void emit(el2_trace *t, bool buffered, const char *fmt, ...)
{
	va_list ap;
	if (!buffered) {
		va_start(ap, fmt);
		vfprintf(t->out, fmt, ap);
		va_end(ap);
		return;
	}
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (t->evlen + (size_t)n + 1 > t->evcap) {
		size_t cap = t->evcap ? t->evcap : 1024;
		while (cap < t->evlen + (size_t)n + 1)
			cap *= 2;
		char *p = realloc(t->evbuf, cap);
		if (!p)
			return; /* the event line is lost, the trace goes on */
		t->evbuf = p;
		t->evcap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(t->evbuf + t->evlen, t->evcap - t->evlen, fmt, ap);
	va_end(ap);
	t->evlen += (size_t)n;
}

static void symbolize(const el2_trace *t, uint64_t addr, char *buf, size_t len)
{
	const char *name;
	uint64_t off;
	if (!t->img || el2_image_symbolize(t->img, addr, &name, &off) != EL2_OK) {
		if (t->opts.where)
			t->opts.where(t->opts.where_ctx, addr, buf, len);
		else
			snprintf(buf, len, "-");
	}
	else if (off)
		snprintf(buf, len, "%s+0x%" PRIx64, name, off);
	else
		snprintf(buf, len, "%s", name);
}

/* The first line that could not be built or written: kept for
 * el2_trace_error, and a trace of its own stops the run (a full disk
 * must not cost the rest of a long run). */
static void trace_failed(el2_trace *t, el2_err e)
{
	if (t->err)
		return;
	t->err = e;
	if (!t->opts.forwarded)
		el2_engine_request_stop(t->eng);
}

static void count_line(el2_trace *t)
{
	if (ferror(t->out))
		trace_failed(t, EL2_ERR_IO);
	t->lines++;
	if (t->opts.max_lines && t->lines >= t->opts.max_lines && !t->hit_max) {
		t->hit_max = true;
		el2_engine_request_stop(t->eng);
	}
}

static bool room(const el2_trace *t)
{
	return !t->opts.max_lines || t->lines < t->opts.max_lines;
}

/* ---- register changes ---- */

static void read_tracked(const el2_trace *t, uint64_t v[N_TRACKED])
{
	for (unsigned i = 0; i < 31; i++)
		el2_reg_read(t->pe, EL2_REG_X(i), &v[i]);
	el2_reg_read(t->pe, EL2_REG_SP, &v[T_SP]);
	el2_reg_read(t->pe, EL2_REG_PSTATE, &v[T_PSTATE]);
}

static void nzcv_text(uint64_t psr, char out[5])
{
	out[0] = (psr & EL2_PSR_N) ? 'N' : 'n';
	out[1] = (psr & EL2_PSR_Z) ? 'Z' : 'z';
	out[2] = (psr & EL2_PSR_C) ? 'C' : 'c';
	out[3] = (psr & EL2_PSR_V) ? 'V' : 'v';
	out[4] = '\0';
}

static const char *tracked_name(unsigned i)
{
	return i == T_SP ? "sp" : el2_reg_name(EL2_REG_X(i));
}

/* "x0=0x5 sp=0x... nzcv=nZcv" into buf. */
static void format_changes(const uint64_t *before, const uint64_t *after, char *buf, size_t len)
{
	size_t o = 0;
	buf[0] = '\0';
	for (unsigned i = 0; i < N_TRACKED && o + 64 < len; i++) {
		if (before[i] == after[i])
			continue;
		const char *sep = o ? " " : "";
		if (i == T_PSTATE) {
			uint64_t diff = before[i] ^ after[i];
			char f[5];
			nzcv_text(after[i], f);
			if (diff & EL2_PSR_NZCV)
				o += (size_t)snprintf(buf + o, len - o, "%snzcv=%s", sep, f);
			if (diff & ~EL2_PSR_NZCV)
				o += (size_t)snprintf(buf + o, len - o, "%spstate=0x%" PRIx64,
						      o ? " " : "", after[i]);
			continue;
		}
		o += (size_t)snprintf(buf + o, len - o, "%s%s=0x%" PRIx64, sep, tracked_name(i),
				      after[i]);
	}
}

/* The same changes as a JSON object {"x0":"0x5","nzcv":"nZcv",...}. */
static json_t *json_changes(jdoc *d, const uint64_t *before, const uint64_t *after)
{
	json_t *o = jdoc_obj(d);
	for (unsigned i = 0; i < N_TRACKED; i++) {
		if (before[i] == after[i])
			continue;
		if (i == T_PSTATE) {
			uint64_t diff = before[i] ^ after[i];
			char f[5];
			nzcv_text(after[i], f);
			if (diff & EL2_PSR_NZCV)
				jdoc_set(d, o, "nzcv", json_string(f));
			if (diff & ~EL2_PSR_NZCV)
				jdoc_set(d, o, "pstate", jdoc_hex(after[i], 0));
			continue;
		}
		jdoc_set(d, o, tracked_name(i), jdoc_hex(after[i], 0));
	}
	return o;
}

static void access_op(const access *a, char op[8])
{
	snprintf(op, 8, "M%c%u", a->write ? 'W' : 'R', a->size);
}

/* The pending instruction's loads and stores, one line each (text and
 * Tarmac). */
static void write_accesses(el2_trace *t)
{
	const pending_insn *p = &t->pend;
	for (unsigned i = 0; i < p->n_mem; i++) {
		char op[8];
		access_op(&p->mem[i], op);
		int w = (int)p->mem[i].size * 2;
		if (t->opts.tarmac)
			fprintf(t->out, "%" PRIu64 " clk %s %016" PRIx64 " %0*" PRIx64 "\n", p->index, op,
				p->mem[i].addr, w, p->mem[i].value);
		else
			fprintf(t->out, "          %-4s %016" PRIx64 "  %0*" PRIx64 "\n", op,
				p->mem[i].addr, w, p->mem[i].value);
	}
	if (p->more_mem)
		fprintf(t->out, "%s(%u more accesses not shown)\n",
			t->opts.tarmac ? "; " : "          ", p->more_mem);
}

/* The same accesses as the "mem" member of the instruction's JSON line. */
static void json_accesses(jdoc *d, json_t *line, const pending_insn *p)
{
	if (!p->n_mem)
		return;
	json_t *a = jdoc_arr(d);
	for (unsigned i = 0; i < p->n_mem; i++) {
		char op[8];
		access_op(&p->mem[i], op);
		json_t *m = jdoc_obj(d);
		jdoc_set(d, m, "op", json_string(op));
		jdoc_set(d, m, "addr", jdoc_hex(p->mem[i].addr, 0));
		jdoc_set(d, m, "value", jdoc_hex(p->mem[i].value, (int)p->mem[i].size * 2));
		jdoc_add(d, a, m);
	}
	jdoc_set(d, line, "mem", a);
}

/* Writes one JSON line; the first failure is kept for el2_trace_error. */
static void write_json_line(el2_trace *t, jdoc *d, json_t *line)
{
	el2_err e = jdoc_write(d, line, t->out, JSON_COMPACT, NULL, 0);
	if (e)
		trace_failed(t, e);
}

/* The instruction line's object lives as long as the trace and its
 * values are set in place (json_string_set, json_integer_set): a long
 * trace then does not allocate every member of every line. The first
 * line creates the members, in the documented order. */
static void put_str(jdoc *d, json_t *o, const char *key, const char *s)
{
	json_t *v = json_object_get(o, key);
	const char *old = json_string_value(v);
	if (old && !strcmp(old, s))
		return;
	if (!v || json_string_set(v, s)) /* absent, or s is not UTF-8 */
		jdoc_set(d, o, key, jdoc_str(s));
}

static void put_hex(jdoc *d, json_t *o, const char *key, uint64_t v, int width)
{
	char b[24];
	snprintf(b, sizeof(b), "0x%0*" PRIx64, width, v);
	put_str(d, o, key, b);
}

static void put_u64(jdoc *d, json_t *o, const char *key, uint64_t v)
{
	json_t *x = json_object_get(o, key);
	if (!x || v > INT64_MAX || json_integer_set(x, (json_int_t)v))
		jdoc_set(d, o, key, jdoc_u64(v));
}

static void write_insn_json(el2_trace *t, const uint64_t now[N_TRACKED], const char *dis,
			    const char *sym)
{
	const pending_insn *p = &t->pend;
	jdoc d = {0};
	if (!t->jline)
		t->jline = jdoc_obj(&d);
	json_t *o = t->jline;
	put_str(&d, o, "type", "insn");
	put_u64(&d, o, "index", p->index);
	put_hex(&d, o, "pc", p->pc, 0);
	put_str(&d, o, "sym", sym);
	put_u64(&d, o, "el", p->el);
	put_hex(&d, o, "word", p->insn, 8);
	put_str(&d, o, "asm", dis);
	jdoc_set(&d, o, "changes", json_changes(&d, t->prev, now));
	json_object_del(o, "mem"); /* the previous line's */
	json_accesses(&d, o, p);
	write_json_line(t, &d, json_incref(o));
}

/* Tarmac: the instruction, then one line per register it changed. */
static void write_tarmac(el2_trace *t, const uint64_t now[N_TRACKED], const char *dis)
{
	const pending_insn *p = &t->pend;
	fprintf(t->out, "%" PRIu64 " clk IT (%" PRIu64 ") %016" PRIx64 " %08x O EL%u%c : %s\n",
		p->index, p->index, p->pc, p->insn, p->el, p->handler_sp ? 'h' : 't', dis);
	for (unsigned i = 0; i < N_TRACKED; i++) {
		if (t->prev[i] == now[i])
			continue;
		char name[8];
		if (i == T_SP)
			snprintf(name, sizeof(name), "SP");
		else if (i == T_PSTATE)
			snprintf(name, sizeof(name), "PSTATE");
		else
			snprintf(name, sizeof(name), "X%u", i);
		fprintf(t->out, "%" PRIu64 " clk R %s %016" PRIx64 "\n", p->index, name, now[i]);
	}
}

/* Writes the pending instruction's line and the events it raised. */
static void write_pending(el2_trace *t, const uint64_t now[N_TRACKED])
{
	if (!t->pend.valid)
		return;
	t->pend.valid = false;
	char dis[160], sym[128];
	el2_disasm(t->pend.insn, t->pend.pc, dis, sizeof(dis));
	symbolize(t, t->pend.pc, sym, sizeof(sym));
	if (room(t) && t->opts.json) {
		write_insn_json(t, now, dis, sym);
		count_line(t);
	} else if (room(t) && t->opts.tarmac) {
		write_tarmac(t, now, dis);
		write_accesses(t);
		count_line(t);
	} else if (room(t)) {
		char changes[1400];
		format_changes(t->prev, now, changes, sizeof(changes));
		/* Changes in their own column; no trailing blanks. */
		fprintf(t->out, "%8" PRIu64 "  %016" PRIx64 "  %-24s EL%u  %-*s%s%s\n",
			t->pend.index, t->pend.pc, sym, t->pend.el, changes[0] ? 34 : 0, dis,
			changes[0] ? " " : "", changes);
		write_accesses(t);
		count_line(t);
	}
	if (t->evlen) {
		fwrite(t->evbuf, 1, t->evlen, t->out);
		t->evlen = 0;
	}
}

static void on_insn(void *ctx, uint64_t pc, uint32_t insn, unsigned el)
{
	el2_trace *t = ctx;
	if (t->hit_max)
		return;
	uint64_t now[N_TRACKED];
	el2_engine_sync(t->eng);
	read_tracked(t, now);
	write_pending(t, now);
	memcpy(t->prev, now, sizeof(now));
	t->pend = (pending_insn){.valid = true, .index = t->traced++, .pc = pc, .insn = insn,
				 .el = el, .handler_sp = (now[T_PSTATE] & EL2_PSR_SP) != 0};
}

static void on_access(void *ctx, uint64_t addr, unsigned size, bool write, uint64_t value)
{
	el2_trace *t = ctx;
	pending_insn *p = &t->pend;
	if (!p->valid)
		return;
	if (p->n_mem == MAX_ACCESSES) {
		p->more_mem++;
		return;
	}
	p->mem[p->n_mem++] = (access){.addr = addr, .value = value, .size = size, .write = write};
}

/* ---- events ---- */

static void event_text(el2_trace *t, const el2_event *ev, bool buffered)
{
	char sym[128], esr[320];
	switch (ev->kind) {
	case EL2_EV_EXCEPTION:
		symbolize(t, ev->vector, sym, sizeof(sym));
		if (ev->exc_type == EL2_EXC_IRQ || ev->exc_type == EL2_EXC_FIQ)
			snprintf(esr, sizeof(esr), "%s", el2_exc_type_name(ev->exc_type));
		else
			el2_esr_describe(ev->esr, esr, sizeof(esr));
		emit(t, buffered,
		     "          ! exception %s EL%u -> EL%u at 0x%" PRIx64 ": ESR_EL%u=0x%08" PRIx32
		     " %s; vector 0x%" PRIx64 " (%s)\n",
		     el2_exc_type_name(ev->exc_type), ev->from_el, ev->to_el, ev->pc, ev->to_el,
		     ev->esr, esr, ev->vector, sym);
		break;
	case EL2_EV_INTERRUPT:
		emit(t, buffered, "          ! interrupt %s delivered at 0x%" PRIx64 " (EL%u -> EL%u)\n",
		     el2_exc_type_name(ev->exc_type), ev->pc, ev->from_el, ev->to_el);
		break;
	case EL2_EV_ERET:
		symbolize(t, el2_pe_pc(t->pe), sym, sizeof(sym));
		emit(t, buffered,
		     "          ! eret%s EL%u -> EL%u at 0x%" PRIx64 ": to 0x%" PRIx64 " (%s)\n",
		     ev->illegal ? " (ILLEGAL: PSTATE.IL set)" : "", ev->from_el, ev->to_el, ev->pc,
		     el2_pe_pc(t->pe), sym);
		break;
	case EL2_EV_SYSREG_READ:
		emit(t, buffered, "          ! mrs %s -> 0x%" PRIx64 "\n", el2_reg_name(ev->reg),
		     ev->value);
		break;
	case EL2_EV_SYSREG_WRITE:
		emit(t, buffered, "          ! msr %s <- 0x%" PRIx64 "\n", el2_reg_name(ev->reg),
		     ev->value);
		break;
	case EL2_EV_SYSOP:
		emit(t, buffered, "          ! sys %s, 0x%" PRIx64 "\n", el2_reg_name(ev->reg),
		     ev->value);
		break;
	}
}

static void event_json(el2_trace *t, const el2_event *ev, bool buffered)
{
	char sym[128], esr[320];
	static const char *const kinds[] = {
		[EL2_EV_EXCEPTION] = "exception", [EL2_EV_ERET] = "eret",
		[EL2_EV_SYSREG_READ] = "sysreg_read", [EL2_EV_SYSREG_WRITE] = "sysreg_write",
		[EL2_EV_SYSOP] = "sysop", [EL2_EV_INTERRUPT] = "interrupt",
	};
	const char *kind = (unsigned)ev->kind < sizeof(kinds) / sizeof(kinds[0]) ? kinds[ev->kind]
										 : "?";
	jdoc d = {0};
	json_t *o = jdoc_obj(&d);
	jdoc_set(&d, o, "type", json_string(kind));
	jdoc_set(&d, o, "index", jdoc_u64(ev->index));
	jdoc_set(&d, o, "pc", jdoc_hex(ev->pc, 0));
	switch (ev->kind) {
	case EL2_EV_EXCEPTION:
	case EL2_EV_INTERRUPT:
		symbolize(t, ev->vector, sym, sizeof(sym));
		el2_esr_describe(ev->esr, esr, sizeof(esr));
		jdoc_set(&d, o, "exc", jdoc_str(el2_exc_type_name(ev->exc_type)));
		jdoc_set(&d, o, "from_el", json_integer(ev->from_el));
		jdoc_set(&d, o, "to_el", json_integer(ev->to_el));
		jdoc_set(&d, o, "esr", jdoc_hex(ev->esr, 8));
		jdoc_set(&d, o, "ec", jdoc_str(el2_ec_name(EL2_ESR_EC(ev->esr))));
		jdoc_set(&d, o, "esr_text", jdoc_str(esr));
		jdoc_set(&d, o, "vector", jdoc_hex(ev->vector, 0));
		jdoc_set(&d, o, "vector_sym", jdoc_str(sym));
		break;
	case EL2_EV_ERET:
		symbolize(t, el2_pe_pc(t->pe), sym, sizeof(sym));
		jdoc_set(&d, o, "from_el", json_integer(ev->from_el));
		jdoc_set(&d, o, "to_el", json_integer(ev->to_el));
		jdoc_set(&d, o, "target", jdoc_hex(el2_pe_pc(t->pe), 0));
		jdoc_set(&d, o, "target_sym", jdoc_str(sym));
		jdoc_set(&d, o, "illegal", json_boolean(ev->illegal));
		break;
	case EL2_EV_SYSREG_READ:
	case EL2_EV_SYSREG_WRITE:
	case EL2_EV_SYSOP:
		jdoc_set(&d, o, "reg", jdoc_str(el2_reg_name(ev->reg)));
		jdoc_set(&d, o, "value", jdoc_hex(ev->value, 0));
		break;
	}
	if (!buffered) {
		write_json_line(t, &d, o);
		return;
	}
	char *line = jdoc_text(&d, o, JSON_COMPACT);
	if (!line) {
		trace_failed(t, EL2_ERR_NOMEM);
		return;
	}
	emit(t, true, "%s\n", line);
	free(line);
}

static void on_event(void *ctx, const el2_event *ev)
{
	el2_trace *t = ctx;
	if (!room(t))
		return;
	/* Buffered behind the pending instruction's line in a full trace;
	 * written at once when only events are traced. */
	bool buffered = t->pend.valid;
	if (t->opts.json)
		event_json(t, ev, buffered);
	else
		event_text(t, ev, buffered);
	count_line(t);
}

/* ---- life cycle ---- */

el2_err el2_trace_attach(el2_engine *eng, el2_pe *pe, const el2_image *img, FILE *out,
			 const el2_trace_opts *opts, el2_trace **out_trace)
{
	if (!out_trace)
		return EL2_ERR_INVALID_ARG;
	*out_trace = NULL;
	if (!eng || !pe || !out)
		return EL2_ERR_INVALID_ARG;
	el2_trace *t = calloc(1, sizeof(*t));
	if (!t)
		return EL2_ERR_NOMEM;
	t->eng = eng;
	t->pe = pe;
	t->img = img;
	t->out = out;
	if (opts)
		t->opts = *opts;
	if (!t->opts.forwarded) {
		el2_engine_set_event_hook(eng, on_event, t);
		if (!t->opts.events_only)
			el2_engine_set_trace_hook(eng, on_insn, t);
		if (!t->opts.events_only && t->opts.memory &&
		    el2_engine_set_mem_hook(eng, on_access, t) != EL2_OK) {
			el2_engine_set_event_hook(eng, NULL, NULL);
			el2_engine_set_trace_hook(eng, NULL, NULL);
			free(t);
			return EL2_ERR_INVALID_ARG;
		}
	}
	*out_trace = t;
	return EL2_OK;
}

void el2_trace_insn(el2_trace *t, uint64_t pc, uint32_t insn, unsigned el)
{
	if (t && !t->opts.events_only)
		on_insn(t, pc, insn, el);
}

void el2_trace_event(el2_trace *t, const el2_event *ev)
{
	if (t)
		on_event(t, ev);
}

void el2_trace_flush(el2_trace *t)
{
	if (!t || !t->pend.valid)
		return;
	uint64_t now[N_TRACKED];
	read_tracked(t, now);
	write_pending(t, now);
	memcpy(t->prev, now, sizeof(now));
}

void el2_trace_free(el2_trace **tp)
{
	if (!tp || !*tp)
		return;
	el2_trace *t = *tp;
	if (!t->opts.forwarded) {
		el2_engine_set_event_hook(t->eng, NULL, NULL);
		el2_engine_set_trace_hook(t->eng, NULL, NULL);
		if (t->opts.memory)
			el2_engine_set_mem_hook(t->eng, NULL, NULL);
	}
	free(t->evbuf);
	json_decref(t->jline);
	free(t);
	*tp = NULL;
}

uint64_t el2_trace_lines(const el2_trace *t)
{
	return t ? t->lines : 0;
}

bool el2_trace_hit_max(const el2_trace *t)
{
	return t && t->hit_max;
}

el2_err el2_trace_error(const el2_trace *t)
{
	return t ? t->err : EL2_OK;
}
