/* SPDX-License-Identifier: MIT */
/* Whole-file reads of inputs (file_read.h). */
#include "file_read.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static el2_err fail(char *errbuf, size_t errlen, el2_err e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static el2_err fail(char *errbuf, size_t errlen, el2_err e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (errbuf && errlen)
		vsnprintf(errbuf, errlen, fmt, ap);
	va_end(ap);
	return e;
}

static const char *kind(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "a device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

el2_err sim_file_read(const char *path, uint64_t max, uint8_t **buf, size_t *len, char *errbuf,
		      size_t errlen)
{
	*buf = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
	 * writer forever; the file type is checked before anything is read. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return fail(errbuf, errlen, EL2_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int en = errno;
		close(fd);
		return fail(errbuf, errlen, EL2_ERR_IO, "%s: cannot read: %s", path, strerror(en));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return fail(errbuf, errlen, EL2_ERR_IO, "%s: is %s, not a file", path,
			    kind(st.st_mode));
	}
	if ((uint64_t)st.st_size > max) {
		close(fd);
		return fail(errbuf, errlen, EL2_ERR_IO, "%s: larger than %" PRIu64 " bytes", path,
			    max);
	}
	size_t size = (size_t)st.st_size;
	uint8_t *b = malloc(size ? size : 1);
	if (!b) {
		close(fd);
		return fail(errbuf, errlen, EL2_ERR_NOMEM, "%s: out of memory", path);
	}
	/* A regular file never returns EAGAIN; the size is re-checked in case
	 * the file changes while it is read. */
	size_t got = 0;
	int en = 0;
	while (got < size) {
		ssize_t n = read(fd, b + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			en = errno;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got != size) {
		free(b);
		return fail(errbuf, errlen, EL2_ERR_IO, "%s: cannot read: %s", path,
			    en ? strerror(en) : "the file shrank while it was read");
	}
	*buf = b;
	*len = size;
	return EL2_OK;
}
