/* SPDX-License-Identifier: MIT */
/* Building and writing JSON reports with Jansson (libjansson): every
 * report of the library and the CLI (check, mutate, SARIF, bench, run,
 * trace lines) is built as a json_t and written by json_dumpf, so
 * escaping and syntax are the library's. Members keep insertion order
 * (Jansson >= 2.8). An allocation failure while building is remembered
 * in the jdoc and reported by jdoc_write, never a crash. */
#ifndef EL2SIM_JSON_OUT_H
#define EL2SIM_JSON_OUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "el2sim/err.h"

typedef struct jdoc {
	bool nomem; /* some value could not be allocated or added */
} jdoc;

/* A string; NULL gives null. Bytes that are not UTF-8 become U+FFFD (a
 * symbol or path from a foreign object need not be UTF-8; JSON must). */
json_t *jdoc_str(const char *s);
/* "0x1f" (width 0) or zero-padded to width hex digits: register values
 * and addresses are strings since JSON numbers lose precision above 2^53
 * in most readers. */
json_t *jdoc_hex(uint64_t v, int width);
/* A count as an integer; one above INT64_MAX (json_int_t is signed) as a
 * "0x..." string, exact rather than wrapped. */
json_t *jdoc_u64(uint64_t v);
/* A real rounded to `decimals` places (jdoc_write prints 15 significant
 * digits, so 12.345 stays "12.35", not 12.3499999...). */
json_t *jdoc_real(double v, int decimals);

/* New containers; NULL (marked in d) when out of memory. */
json_t *jdoc_obj(jdoc *d);
json_t *jdoc_arr(jdoc *d);
/* obj[key] = v and arr += v, taking v's reference; a NULL obj, arr or v
 * marks d as failed. */
void jdoc_set(jdoc *d, json_t *obj, const char *key, json_t *v);
void jdoc_add(jdoc *d, json_t *arr, json_t *v);

/* Writes root (then a newline) to f with Jansson's flags and drops root.
 * EL2_ERR_NOMEM when building failed, EL2_ERR_IO when writing did (also
 * an error already pending on f; buffered data is not flushed here, so
 * the caller's fflush/fclose must be checked too); errbuf (may be NULL)
 * says which. */
el2_err jdoc_write(jdoc *d, json_t *root, FILE *f, size_t flags, char *errbuf, size_t errlen);
/* root's text (malloc'ed, no newline; root dropped), NULL when building
 * or dumping ran out of memory. */
char *jdoc_text(jdoc *d, json_t *root, size_t flags);

#endif
