/* SPDX-License-Identifier: MIT */
/* JSON string output shared by the library's report writers (check,
 * mutate). Internal to sim/. */
#ifndef EL2SIM_JSON_OUT_H
#define EL2SIM_JSON_OUT_H

#include <stdio.h>

/* Writes s as a JSON string: quotes, backslash escapes, control
 * characters as \uXXXX. */
void json_put_str(FILE *f, const char *s);

#endif
