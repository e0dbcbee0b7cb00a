/* SPDX-License-Identifier: MIT */
/* Streaming JSON writer (see json.h). */
#include "json.h"

#include <inttypes.h>

void json_write_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		case '\b': fputs("\\b", out); break;
		case '\f': fputs("\\f", out); break;
		default:
			if (*p < 0x20)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

void json_init(json_w *w, FILE *out, bool pretty)
{
	*w = (json_w){.out = out, .pretty = pretty};
	w->first[0] = true;
}

static void indent(json_w *w)
{
	if (!w->pretty)
		return;
	fputc('\n', w->out);
	for (int i = 0; i < w->depth; i++)
		fputs("  ", w->out);
}

/* Separator before a value or a key at the current level. */
static void before_item(json_w *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (!w->first[w->depth])
		fputc(',', w->out);
	w->first[w->depth] = false;
	if (w->depth > 0)
		indent(w);
}

static void open_level(json_w *w, char c)
{
	before_item(w);
	fputc(c, w->out);
	if (w->depth + 1 >= JSON_MAX_DEPTH) {
		w->error = true;
		return;
	}
	w->depth++;
	w->first[w->depth] = true;
}

static void close_level(json_w *w, char c)
{
	if (w->depth == 0 || w->after_key) {
		w->error = true;
		return;
	}
	bool empty = w->first[w->depth];
	w->depth--;
	if (!empty)
		indent(w);
	fputc(c, w->out);
}

void json_begin_object(json_w *w) { open_level(w, '{'); }
void json_end_object(json_w *w) { close_level(w, '}'); }
void json_begin_array(json_w *w) { open_level(w, '['); }
void json_end_array(json_w *w) { close_level(w, ']'); }

void json_key(json_w *w, const char *key)
{
	if (w->after_key || w->depth == 0)
		w->error = true;
	before_item(w);
	json_write_string(w->out, key);
	fputs(w->pretty ? ": " : ":", w->out);
	w->after_key = true;
}

void json_str(json_w *w, const char *s)
{
	if (!s) {
		json_null(w);
		return;
	}
	before_item(w);
	json_write_string(w->out, s);
}

void json_u64(json_w *w, uint64_t v)
{
	before_item(w);
	fprintf(w->out, "%" PRIu64, v);
}

void json_i64(json_w *w, int64_t v)
{
	before_item(w);
	fprintf(w->out, "%" PRId64, v);
}

void json_bool(json_w *w, bool v)
{
	before_item(w);
	fputs(v ? "true" : "false", w->out);
}

void json_null(json_w *w)
{
	before_item(w);
	fputs("null", w->out);
}

void json_hex(json_w *w, uint64_t v)
{
	before_item(w);
	fprintf(w->out, "\"0x%" PRIx64 "\"", v);
}

bool json_finish(json_w *w)
{
	fputc('\n', w->out);
	return !w->error && w->depth == 0 && !w->after_key;
}
