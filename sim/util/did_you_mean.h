/* SPDX-License-Identifier: MIT */
#ifndef EL2SIM_SIM_UTIL_DID_YOU_MEAN_H
#define EL2SIM_SIM_UTIL_DID_YOU_MEAN_H

#include <stddef.h>

/* The word of list[0..n) closest to word if it is close enough to be a
 * typo of it, else NULL. The CLI's option and command names and the
 * checker's profile symbols use it. */
const char *sim_did_you_mean(const char *word, const char *const *list, size_t n);

#endif
