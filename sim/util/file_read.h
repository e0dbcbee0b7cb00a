/* SPDX-License-Identifier: MIT */
/* Reading an input file (object, profile) whole, safely: only a regular
 * file is read, so a directory, FIFO or device is an error instead of a
 * wrong message, a read of a pseudo-size or a blocked open. */
#ifndef EL2SIM_SIM_FILE_READ_H
#define EL2SIM_SIM_FILE_READ_H

#include <stddef.h>
#include <stdint.h>

#include "el2sim/err.h"

/* Reads path into a malloc'ed buffer (*buf, *len; *buf is never NULL on
 * success, even for an empty file). EL2_ERR_IO when the file cannot be
 * opened, is not a regular file, is larger than max bytes or cannot be
 * read; EL2_ERR_NOMEM. errbuf gets "PATH: what is wrong". */
el2_err sim_file_read(const char *path, uint64_t max, uint8_t **buf, size_t *len, char *errbuf,
		      size_t errlen);

#endif
