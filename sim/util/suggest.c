/* SPDX-License-Identifier: MIT */
/* "Did you mean": the closest of a list of words to a mistyped one
 * (el2sim/suggest.h). */
#include "el2sim/suggest.h"

#include <string.h>

/* Optimal string alignment distance (Levenshtein plus adjacent
 * transpositions), for words of up to 63 characters. */
static unsigned distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > 63 || m > 63)
		return 64;
	unsigned d[64][64];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			unsigned v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[n][m];
}

const char *el2_suggest(const char *word, const char *const *list, size_t n)
{
	const char *best = NULL;
	unsigned best_d = 0;
	size_t len = strlen(word);
	/* close enough to be a typo: a third of the word, at least 1, at most 3 */
	unsigned limit = len >= 9 ? 3 : len >= 3 ? (unsigned)(len / 3) : 1;
	for (size_t i = 0; i < n; i++) {
		size_t m = strlen(list[i]);
		if ((m > len ? m - len : len - m) > limit)
			continue; /* the distance is at least the difference in length */
		unsigned d = distance(word, list[i]);
		if (d <= limit && (!best || d < best_d)) {
			best = list[i];
			best_d = d;
		}
	}
	return best;
}
