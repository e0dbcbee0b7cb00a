/* SPDX-License-Identifier: MIT */
/* Reading a fuzz input as a little-endian byte stream: reads past the end
 * give zero bytes, so every input, however short, is a complete program. */
#ifndef EL2SIM_FUZZ_INPUT_H
#define EL2SIM_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct fuzz_in {
	const uint8_t *p;
	size_t len, pos;
} fuzz_in;

static inline int fuzz_more(const fuzz_in *in)
{
	return in->pos < in->len;
}

static inline uint64_t fuzz_bytes(fuzz_in *in, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++) {
		uint64_t b = in->pos < in->len ? in->p[in->pos] : 0;
		in->pos++;
		v |= b << (8 * i);
	}
	return v;
}

static inline uint8_t fuzz_u8(fuzz_in *in)
{
	return (uint8_t)fuzz_bytes(in, 1);
}

static inline uint32_t fuzz_u32(fuzz_in *in)
{
	return (uint32_t)fuzz_bytes(in, 4);
}

static inline uint64_t fuzz_u64(fuzz_in *in)
{
	return fuzz_bytes(in, 8);
}

/* A violated invariant: a crash libFuzzer reports with the input. */
#define FUZZ_ASSERT(cond)                                                                  \
	do {                                                                               \
		if (!(cond)) {                                                             \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, \
				#cond);                                                    \
			__builtin_trap();                                                  \
		}                                                                          \
	} while (0)

/* The libFuzzer entry point every harness defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
