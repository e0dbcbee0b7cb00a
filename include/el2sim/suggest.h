/* SPDX-License-Identifier: MIT */
/* "Did you mean": the closest of a list of names to a mistyped one (the
 * CLI's commands and options, the symbols a profile names). */
#ifndef EL2SIM_SUGGEST_H
#define EL2SIM_SUGGEST_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The name of names[0..n) closest to word if it is close enough to be a
 * typo of it (at most a third of word's length in edits, 1 to 3; an edit
 * is an insertion, deletion, substitution or swap of adjacent letters;
 * names of 64 characters or more never match), else NULL. On a tie the
 * earlier name wins. */
const char *el2_suggest(const char *word, const char *const *names, size_t n);

#ifdef __cplusplus
}
#endif
#endif
