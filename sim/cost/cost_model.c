/* SPDX-License-Identifier: MIT */
/* Cost model files (docs/bench.md, "Model files"): a strict line-based
 * parser, and finding a bundled model by name. Every line that carries a
 * number must say where the number comes from (# source: ... or
 * # estimate: ...), so a model cannot hold an unexplained figure. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cost_model_dirs.h"
#include "el2sim/cost.h"
#include "el2sim/sysreg.h"

#define MAX_LINE 1024
#define MAX_FILE (1u << 20)

static const char *const bundled[] = {"cortex-a57", "cortex-a72", "neoverse-n1"};

bool el2_cost_model_same_cycles(const el2_cost_model *a, const el2_cost_model *b)
{
	return a->issue_width == b->issue_width &&
	       !memcmp(a->latency, b->latency, sizeof(a->latency)) &&
	       !memcmp(a->throughput, b->throughput, sizeof(a->throughput)) &&
	       a->exception_entry == b->exception_entry && a->eret == b->eret &&
	       a->isb == b->isb && a->dsb == b->dsb && a->msr_sync == b->msr_sync &&
	       a->n_sync_regs == b->n_sync_regs &&
	       !memcmp(a->sync_regs, b->sync_regs, a->n_sync_regs * sizeof(a->sync_regs[0]));
}

const char *el2_cost_model_bundled(size_t index)
{
	return index < sizeof(bundled) / sizeof(bundled[0]) ? bundled[index] : NULL;
}

static el2_err fail(char *errbuf, size_t errlen, unsigned line, const char *fmt, ...)
{
	if (errlen) {
		int n = snprintf(errbuf, errlen, "line %u: ", line);
		va_list ap;
		va_start(ap, fmt);
		if (n >= 0 && (size_t)n < errlen)
			vsnprintf(errbuf + n, errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return EL2_ERR_INVALID_ARG;
}

/* A non-negative decimal number ("4", "0.5", "1e3"), finite. */
static bool parse_num(const char *s, double *out)
{
	if (!isdigit((unsigned char)s[0]))
		return false;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || *end || !(v >= 0) || v > 1e9)
		return false;
	*out = v;
	return true;
}

/* Keys other than "class": which field they set. */
typedef struct key_def {
	const char *name;
	size_t offset;
	bool positive; /* must be > 0 */
} key_def;

static const key_def scalar_keys[] = {
	{"freq_mhz", offsetof(el2_cost_model, freq_mhz), true},
	{"issue_width", offsetof(el2_cost_model, issue_width), true},
	{"exception_entry", offsetof(el2_cost_model, exception_entry), false},
	{"eret", offsetof(el2_cost_model, eret), false},
	{"isb", offsetof(el2_cost_model, isb), false},
	{"dsb", offsetof(el2_cost_model, dsb), false},
	{"msr_sync", offsetof(el2_cost_model, msr_sync), false},
};
#define N_SCALARS (sizeof(scalar_keys) / sizeof(scalar_keys[0]))

/* Classes whose cost is a serialising key instead of a class line. */
static bool class_is_serialising(el2_cost_class c)
{
	return c == EL2_CC_ISB || c == EL2_CC_ERET || c == EL2_CC_EXCEPTION;
}

typedef struct parse_state {
	bool seen_name;
	bool seen_scalar[N_SCALARS];
	bool seen_class[EL2_CC__COUNT];
	bool seen_sync;
} parse_state;

/* The comment of a line with numbers must start with "source:" or
 * "estimate:" and say something after it. */
static bool cited(const char *comment)
{
	if (!comment)
		return false;
	while (isspace((unsigned char)*comment))
		comment++;
	const char *rest = NULL;
	if (!strncmp(comment, "source:", 7))
		rest = comment + 7;
	else if (!strncmp(comment, "estimate:", 9))
		rest = comment + 9;
	if (!rest)
		return false;
	while (isspace((unsigned char)*rest))
		rest++;
	return *rest != '\0';
}

static el2_err parse_line(char *text, const char *comment, unsigned ln, el2_cost_model *m,
			  parse_state *st, char *errbuf, size_t errlen)
{
	char *tok[EL2_COST_MAX_SYNC_REGS + 2];
	size_t n = 0;
	for (char *save = NULL, *t = strtok_r(text, " \t\r", &save); t;
	     t = strtok_r(NULL, " \t\r", &save)) {
		if (n == sizeof(tok) / sizeof(tok[0]))
			return fail(errbuf, errlen, ln, "too many words");
		tok[n++] = t;
	}
	if (n == 0)
		return EL2_OK;
	const char *key = tok[0];
	if (!strcmp(key, "name")) {
		if (st->seen_name)
			return fail(errbuf, errlen, ln, "'name' given twice");
		if (n != 2 || strlen(tok[1]) >= sizeof(m->name))
			return fail(errbuf, errlen, ln, "expected 'name NAME' (up to 63 characters)");
		snprintf(m->name, sizeof(m->name), "%s", tok[1]);
		st->seen_name = true;
		return EL2_OK;
	}
	if (!strcmp(key, "sync_regs")) {
		if (st->seen_sync)
			return fail(errbuf, errlen, ln, "'sync_regs' given twice");
		st->seen_sync = true;
		for (size_t i = 1; i < n; i++) {
			el2_sysreg id = el2_sysreg_by_name(tok[i]);
			const el2_sysreg_info *info = el2_sysreg_get(id);
			if (id == EL2_SR_NONE || !info)
				return fail(errbuf, errlen, ln, "unknown system register '%s'", tok[i]);
			if (m->n_sync_regs == EL2_COST_MAX_SYNC_REGS)
				return fail(errbuf, errlen, ln, "more than %d registers",
					    EL2_COST_MAX_SYNC_REGS);
			m->sync_regs[m->n_sync_regs++] = info->enc;
		}
		return EL2_OK;
	}
	if (!cited(comment))
		return fail(errbuf, errlen, ln,
			    "'%s' needs its source: end the line with '# source: ...' or "
			    "'# estimate: <reasoning>'", key);
	if (!strcmp(key, "class")) {
		el2_cost_class c;
		if (n != 4)
			return fail(errbuf, errlen, ln,
				    "expected 'class NAME LATENCY THROUGHPUT'");
		if (!el2_cost_class_by_name(tok[1], &c))
			return fail(errbuf, errlen, ln, "unknown class '%s'", tok[1]);
		if (class_is_serialising(c))
			return fail(errbuf, errlen, ln,
				    "class '%s' is serialising: its cost is the key '%s'", tok[1],
				    c == EL2_CC_EXCEPTION ? "exception_entry" : tok[1]);
		if (st->seen_class[c])
			return fail(errbuf, errlen, ln, "class '%s' given twice", tok[1]);
		double lat, tp;
		if (!parse_num(tok[2], &lat))
			return fail(errbuf, errlen, ln, "latency '%s' is not a number >= 0", tok[2]);
		if (!parse_num(tok[3], &tp) || tp <= 0)
			return fail(errbuf, errlen, ln, "throughput '%s' is not a number > 0",
				    tok[3]);
		m->latency[c] = lat;
		m->throughput[c] = tp;
		st->seen_class[c] = true;
		return EL2_OK;
	}
	for (size_t k = 0; k < N_SCALARS; k++) {
		if (strcmp(key, scalar_keys[k].name))
			continue;
		if (st->seen_scalar[k])
			return fail(errbuf, errlen, ln, "'%s' given twice", key);
		double v;
		if (n != 2 || !parse_num(tok[1], &v) || (scalar_keys[k].positive && v <= 0))
			return fail(errbuf, errlen, ln, "expected '%s NUMBER' (a number %s 0)", key,
				    scalar_keys[k].positive ? ">" : ">=");
		*(double *)((char *)m + scalar_keys[k].offset) = v;
		st->seen_scalar[k] = true;
		return EL2_OK;
	}
	return fail(errbuf, errlen, ln, "unknown key '%s'", key);
}

el2_err el2_cost_model_parse(const char *buf, size_t len, el2_cost_model *out, char *errbuf,
			     size_t errlen)
{
	if (!out || (!buf && len))
		return EL2_ERR_INVALID_ARG;
	memset(out, 0, sizeof(*out));
	parse_state st = {0};
	char line[MAX_LINE + 1];
	unsigned ln = 0;
	size_t pos = 0;
	while (pos < len) {
		ln++;
		size_t end = pos;
		while (end < len && buf[end] != '\n')
			end++;
		if (end - pos > MAX_LINE)
			return fail(errbuf, errlen, ln, "longer than %d characters", MAX_LINE);
		memcpy(line, buf + pos, end - pos);
		line[end - pos] = '\0';
		bool has_nul = memchr(line, '\0', end - pos) != NULL;
		pos = end + 1;
		if (has_nul)
			return fail(errbuf, errlen, ln, "contains a NUL byte");
		char *hash = strchr(line, '#');
		const char *comment = NULL;
		if (hash) {
			*hash = '\0';
			comment = hash + 1;
		}
		el2_err e = parse_line(line, comment, ln, out, &st, errbuf, errlen);
		if (e)
			return e;
	}
	if (!st.seen_name)
		return fail(errbuf, errlen, ln, "missing 'name'");
	for (size_t k = 0; k < N_SCALARS; k++)
		if (!st.seen_scalar[k])
			return fail(errbuf, errlen, ln, "missing '%s'", scalar_keys[k].name);
	for (unsigned c = 0; c < EL2_CC__COUNT; c++)
		if (!class_is_serialising((el2_cost_class)c) && !st.seen_class[c])
			return fail(errbuf, errlen, ln, "missing 'class %s'",
				    el2_cost_class_name((el2_cost_class)c));
	return EL2_OK;
}

static el2_err load_file(const char *path, el2_cost_model *out, char *errbuf, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errlen)
			snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		return EL2_ERR_IO;
	}
	char *buf = malloc(MAX_FILE + 1);
	if (!buf) {
		fclose(f);
		return EL2_ERR_NOMEM;
	}
	size_t n = fread(buf, 1, MAX_FILE + 1, f);
	bool bad = ferror(f);
	fclose(f);
	if (bad || n > MAX_FILE) {
		free(buf);
		if (errlen)
			snprintf(errbuf, errlen, "%s: %s", path,
				 bad ? "read error" : "larger than 1 MiB");
		return EL2_ERR_IO;
	}
	char msg[400];
	el2_err e = el2_cost_model_parse(buf, n, out, msg, sizeof(msg));
	free(buf);
	if (e && errlen)
		snprintf(errbuf, errlen, "%s: %s", path, msg);
	return e;
}

el2_err el2_cost_model_load(const char *name_or_path, el2_cost_model *out, char *errbuf,
			    size_t errlen)
{
	if (!name_or_path || !out)
		return EL2_ERR_INVALID_ARG;
	size_t len = strlen(name_or_path);
	if (strchr(name_or_path, '/') || (len > 6 && !strcmp(name_or_path + len - 6, ".model")))
		return load_file(name_or_path, out, errbuf, errlen);
	for (const char *p = name_or_path; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.') {
			if (errlen)
				snprintf(errbuf, errlen, "model name '%s': use letters, digits, '-' "
					 "or a path", name_or_path);
			return EL2_ERR_INVALID_ARG;
		}
	const char *dirs[] = {EL2SIM_SOURCE_MODEL_DIR, EL2SIM_INSTALL_MODEL_DIR};
	for (size_t d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		char path[4096];
		if (snprintf(path, sizeof(path), "%s/%s.model", dirs[d], name_or_path) >=
		    (int)sizeof(path))
			continue;
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		fclose(f);
		return load_file(path, out, errbuf, errlen);
	}
	if (errlen)
		snprintf(errbuf, errlen, "no model '%s' (bundled: cortex-a57, cortex-a72, "
			 "neoverse-n1; looked in %s and %s)", name_or_path,
			 EL2SIM_SOURCE_MODEL_DIR, EL2SIM_INSTALL_MODEL_DIR);
	return EL2_ERR_NOT_FOUND;
}
