/* SPDX-License-Identifier: MIT */
/* A main() for the harnesses when libFuzzer is not linked (gcc builds, or
 * -Dfuzz=disabled): runs LLVMFuzzerTestOneInput once on every file named
 * on the command line, or on every regular file of a named directory, so
 * the seed corpora and saved crash inputs are replayed by `meson test`
 * under whatever sanitizers the build uses. Exit 0 when all ran (a bug
 * crashes the process); 2 for an unreadable argument. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_input.h"

#define REPLAY_MAX_BYTES (16u << 20)

static int run_file(const char *path, unsigned *count)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: cannot open %s\n", path);
		return 2;
	}
	uint8_t *buf = malloc(REPLAY_MAX_BYTES);
	if (!buf) {
		fclose(f);
		return 2;
	}
	size_t n = fread(buf, 1, REPLAY_MAX_BYTES, f);
	int bad = ferror(f) || (n == REPLAY_MAX_BYTES && fgetc(f) != EOF);
	fclose(f);
	if (bad) {
		fprintf(stderr, "replay: cannot read %s (or larger than %u bytes)\n", path,
			REPLAY_MAX_BYTES);
		free(buf);
		return 2;
	}
	/* An exactly sized copy, so ASan sees reads past the input's end. */
	uint8_t *in = malloc(n ? n : 1);
	if (!in) {
		free(buf);
		return 2;
	}
	memcpy(in, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(in, n);
	free(in);
	(*count)++;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files of a directory in name order (the replay is deterministic). */
static int run_dir(const char *dir, unsigned *count)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "replay: cannot open directory %s\n", dir);
		return 2;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			char **grown = realloc(names, cap * sizeof(*names));
			if (!grown) {
				rc = 2;
				break;
			}
			names = grown;
		}
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		names[n] = malloc(len);
		if (!names[n]) {
			rc = 2;
			break;
		}
		snprintf(names[n], len, "%s/%s", dir, e->d_name);
		n++;
	}
	closedir(d);
	if (names)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (!rc && stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
			rc = run_file(names[i], count);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned count = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s does not exist\n", argv[i]);
			return 2;
		}
		int rc = S_ISDIR(st.st_mode) ? run_dir(argv[i], &count) : run_file(argv[i], &count);
		if (rc)
			return rc;
	}
	printf("replayed %u inputs\n", count);
	return 0;
}
