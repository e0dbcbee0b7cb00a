/* SPDX-License-Identifier: MIT */
/* A tiny streaming JSON writer for the CLI's --json output: no allocation,
 * commas and nesting tracked for the caller, strings escaped (RFC 8259).
 * 64-bit register values go out as "0x..." strings (json_hex) because
 * JSON numbers lose precision above 2^53 in most readers. */
#ifndef EL2SIM_TOOLS_JSON_H
#define EL2SIM_TOOLS_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

typedef struct json_w {
	FILE *out;
	bool pretty;                  /* newlines and two-space indentation */
	int depth;
	bool first[JSON_MAX_DEPTH];   /* nothing written yet at this level */
	bool after_key;               /* a key was written: the value follows */
	bool error;                   /* nesting too deep or unbalanced */
} json_w;

void json_init(json_w *w, FILE *out, bool pretty);
void json_begin_object(json_w *w);
void json_end_object(json_w *w);
void json_begin_array(json_w *w);
void json_end_array(json_w *w);
/* Inside an object: the key of the next value. */
void json_key(json_w *w, const char *key);
void json_str(json_w *w, const char *s);   /* NULL writes null */
void json_u64(json_w *w, uint64_t v);
void json_i64(json_w *w, int64_t v);
void json_bool(json_w *w, bool v);
void json_null(json_w *w);
void json_hex(json_w *w, uint64_t v);      /* "0x1f" */
/* Ends a top-level document with a newline; false if nesting was wrong. */
bool json_finish(json_w *w);

/* Writes s as a JSON string literal (quotes included) to out. */
void json_write_string(FILE *out, const char *s);

#endif
