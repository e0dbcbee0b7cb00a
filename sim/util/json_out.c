/* SPDX-License-Identifier: MIT */
/* JSON reports through Jansson (see json_out.h). */
#include "json_out.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Length of the well-formed UTF-8 sequence at p (RFC 3629 section 4:
 * no overlong forms, no surrogates, nothing above U+10FFFF), 0 if none. */
static size_t utf8_seq(const unsigned char *p)
{
	unsigned c = p[0];
	size_t n;
	uint32_t cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80) /* also stops at the terminating NUL */
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

json_t *jdoc_str(const char *s)
{
	if (!s)
		return json_null();
	json_t *j = json_string(s);
	if (j)
		return j;
	/* Not UTF-8 (or out of memory): each stray byte becomes U+FFFD. */
	size_t len = strlen(s);
	char *buf = malloc(len * 3 + 1);
	if (!buf)
		return NULL;
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = utf8_seq(p);
		if (n) {
			memcpy(buf + o, p, n);
			o += n;
			p += n;
		} else {
			memcpy(buf + o, "\xef\xbf\xbd", 3);
			o += 3;
			p++;
		}
	}
	buf[o] = '\0';
	j = json_string(buf);
	free(buf);
	return j;
}

json_t *jdoc_hex(uint64_t v, int width)
{
	char b[24];
	snprintf(b, sizeof(b), "0x%0*" PRIx64, width, v);
	return json_string(b);
}

json_t *jdoc_u64(uint64_t v)
{
	return v <= INT64_MAX ? json_integer((json_int_t)v) : jdoc_hex(v, 0);
}

json_t *jdoc_real(double v, int decimals)
{
	if (!isfinite(v)) /* JSON has no NaN or infinity */
		return json_null();
	char b[64];
	snprintf(b, sizeof(b), "%.*f", decimals, v);
	return json_real(strtod(b, NULL));
}

json_t *jdoc_obj(jdoc *d)
{
	json_t *o = json_object();
	if (!o)
		d->nomem = true;
	return o;
}

json_t *jdoc_arr(jdoc *d)
{
	json_t *a = json_array();
	if (!a)
		d->nomem = true;
	return a;
}

void jdoc_set(jdoc *d, json_t *obj, const char *key, json_t *v)
{
	/* json_object_set_new drops v on every failure, NULL obj included */
	if (!v || json_object_set_new(obj, key, v))
		d->nomem = true;
}

void jdoc_add(jdoc *d, json_t *arr, json_t *v)
{
	if (!v || json_array_append_new(arr, v))
		d->nomem = true;
}

static el2_err fail(char *errbuf, size_t errlen, el2_err e, const char *what)
{
	if (errbuf && errlen)
		snprintf(errbuf, errlen, "%s", what);
	return e;
}

/* The text of root: into buf when it fits (most trace lines do), else
 * malloc'ed (*heap, freed by the caller). NULL when out of memory. */
static const char *dump(json_t *root, size_t flags, char *buf, size_t len, size_t *n,
			char **heap)
{
	*heap = NULL;
	*n = json_dumpb(root, buf, len, flags);
	if (*n == 0)
		return NULL;
	if (*n <= len)
		return buf;
	*heap = json_dumps(root, flags);
	return *heap;
}

char *jdoc_text(jdoc *d, json_t *root, size_t flags)
{
	char *s = d->nomem || !root ? NULL : json_dumps(root, flags | JSON_REAL_PRECISION(15));
	json_decref(root);
	return s;
}

el2_err jdoc_write(jdoc *d, json_t *root, FILE *f, size_t flags, char *errbuf, size_t errlen)
{
	char buf[4096], *heap = NULL;
	size_t n = 0;
	const char *s = d->nomem || !root
		? NULL : dump(root, flags | JSON_REAL_PRECISION(15), buf, sizeof(buf), &n, &heap);
	json_decref(root);
	if (!s)
		return fail(errbuf, errlen, EL2_ERR_NOMEM, "out of memory building the JSON report");
	bool ok = fwrite(s, 1, n, f) == n && fputc('\n', f) != EOF && !ferror(f);
	free(heap);
	if (!ok)
		return fail(errbuf, errlen, EL2_ERR_IO, "cannot write the JSON report");
	return EL2_OK;
}
