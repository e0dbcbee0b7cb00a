/* SPDX-License-Identifier: MIT */
/* The world-switch checker: runs host -> guest -> host round trips of a
 * hypervisor object under the engine and checks eight properties on each
 * (docs/check.md): host integrity, guest entry fidelity, guest exit
 * completeness, isolation (registers and guest-readable memory), PSTATE on
 * return, EL2 state across host calls, the SP_EL0 window, and the exit
 * code the host gets (when the profile declares it). The object is described by a profile
 * (docs/layout.md) or by EL2SIM_* symbols in the object itself. */
#ifndef EL2SIM_CHECK_H
#define EL2SIM_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "el2sim/elf.h"
#include "el2sim/err.h"
#include "el2sim/pe.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- profile (docs/layout.md) ---- */
typedef struct el2_check_profile el2_check_profile;

/* Parses a profile held in buf (len bytes; need not be NUL-terminated).
 * On failure *out is NULL and errbuf holds "line N: what is wrong"; the
 * result is EL2_ERR_PROFILE_SYNTAX when the text breaks the format's rules,
 * EL2_ERR_BAD_CONFIG when the model refuses the [cpu] it describes,
 * EL2_ERR_UNSUPPORTED for a [cpu] feature this build lacks, EL2_ERR_NOMEM,
 * or EL2_ERR_INVALID_ARG for NULL arguments (docs/layout.md, "Errors").
 * Symbols are looked up later, by el2_check_file: a name the object lacks
 * is EL2_ERR_UNKNOWN_SYMBOL there, naming the profile's line. An empty
 * buffer is a valid profile: everything then comes from EL2SIM_* symbols
 * and the defaults. */
el2_err el2_check_profile_parse(const char *buf, size_t len, el2_check_profile **out,
				char *errbuf, size_t errlen);
/* Reads and parses a file (EL2_ERR_IO if it cannot be read; messages are
 * prefixed with the path, which the profile keeps for el2_check_file's
 * symbol errors). */
el2_err el2_check_profile_load(const char *path, el2_check_profile **out, char *errbuf,
			       size_t errlen);
void el2_check_profile_free(el2_check_profile **prof);
/* The PE configuration the profile's [cpu] section describes:
 * el2_config_default() with its features, pmu_counters and id.* overrides
 * (docs/layout.md); the default when there is no [cpu] section or prof is
 * NULL. EL2_ERR_BAD_CONFIG if the model refuses it. */
el2_err el2_check_profile_cpu(const el2_check_profile *prof, el2_config *cfg, char *errbuf,
			      size_t errlen);

/* ---- tags: 64-bit values that name their origin ---- */
typedef enum el2_tag_side {
	EL2_TAG_HOST = 0,   /* a host register's value */
	EL2_TAG_GUEST = 1,  /* a guest register's value (vCPU context) */
	EL2_TAG_POISON = 2, /* an architecturally UNKNOWN value */
	EL2_TAG_EL2 = 3,    /* a stale value the checker put in an EL2-owned place */
} el2_tag_side;

/* Bits [63:48] of every tag. */
#define EL2_TAG_MARKER UINT64_C(0xE25A)
#define EL2_TAG_MAX_RUN 0xfffu
#define EL2_TAG_MAX_SALT 0x3fffffu

/* Encoding: [63:48] marker, [47:46] side, [45:34] register id (el2_reg),
 * [33:22] run, [21:0] salt (random bits of the run, or the event number of
 * a poison value). */
uint64_t el2_check_tag(el2_tag_side side, el2_reg reg, unsigned run, uint32_t salt);
/* Splits a value carrying the marker; false for any other value. */
bool el2_check_tag_decode(uint64_t value, el2_tag_side *side, el2_reg *reg, unsigned *run,
			  uint32_t *salt);
/* "host x19, run 3", "guest SCTLR_EL1, run 0", "poison FAR_EL2 (event 2),
 * run 1", or "untagged" for a value without the marker. Returns the length
 * needed (like snprintf); always NUL-terminates when len > 0. */
size_t el2_check_tag_describe(uint64_t value, char *buf, size_t len);

/* ---- running the checker ---- */
typedef enum el2_check_mode {
	EL2_CHECK_MODE_PROFILE = 0, /* as the profile (or EL2SIM_MODE) says */
	EL2_CHECK_MODE_NVHE = 1,
	EL2_CHECK_MODE_VHE = 2,
	EL2_CHECK_MODE_TYPE1 = 3, /* no host: EL2 runs vCPUs (docs/type1.md) */
} el2_check_mode;

typedef void (*el2_check_progress_fn)(void *ctx, unsigned done, unsigned total);
/* Called with the address of every instruction executed in the check's
 * round trips (el2_check_opts.cover): what el2sim mutate calls covered. */
typedef void (*el2_check_cover_fn)(void *ctx, uint64_t pc);

typedef struct el2_check_opts {
	unsigned runs;          /* randomized runs (plus the corner runs) */
	bool corners;           /* add the two corner-value runs (default true) */
	uint64_t seed;          /* a seed reproduces every run exactly */
	el2_check_mode mode;
	uint64_t budget;        /* instructions per round trip */
	bool last_writer;       /* re-run to find each finding's last writer */
	el2_check_progress_fn progress;
	void *progress_ctx;
	/* Replaying one round trip: only the scenario of this name (NULL:
	 * all) and, when has_run, only run `run` (0 and 1 are the corner runs
	 * when corners is set). A run's values depend only on seed, run and
	 * corners, so a finding's scenario and run reproduce its round trip
	 * (el2_check_replay_command). */
	const char *scenario;
	bool has_run;
	unsigned run;
	/* Named in replay commands (the --layout the caller used; NULL: none). */
	const char *layout_path;
	/* When set, the instruction trace (el2_trace, text or JSON lines) of
	 * one round trip is written here: the selected one (scenario and run),
	 * else the first that raised a finding, else the first made. */
	FILE *trace;
	bool trace_json;
	/* Addresses of symbols the object uses but does not define (passed to
	 * the loader as el2_load_opts.symdefs; the CLI's --define/--symbols). */
	const el2_symdef *symdefs;
	size_t n_symdefs;
	/* Coverage: called for every instruction executed (NULL: none). */
	el2_check_cover_fn cover;
	void *cover_ctx;
	/* Non-NULL: Linux alternatives applied at load (el2_load_opts). */
	const el2_alt_set *alternatives;
	/* Stop after the first round trip that raised a finding (el2sim
	 * mutate: a killed mutant needs one). The first finding is the one
	 * the whole check reports first (findings are kept in trip order);
	 * the counts and other findings are those of the trips made, and
	 * vacuity is not judged. */
	bool first_finding;
	/* el2sim mutate's (sim/check internal, NULL: none): the world of the
	 * last check (loaded object, PE, engine and its translated code),
	 * taken instead of loading the object anew. The caller keeps path,
	 * profile and options the same across the checks that share it. */
	struct chk_world_cache *world_cache;
} el2_check_opts;

#define EL2_CHECK_DEFAULT_RUNS 4u
#define EL2_CHECK_DEFAULT_SEED UINT64_C(1)
#define EL2_CHECK_DEFAULT_BUDGET UINT64_C(2000000)

/* runs 4, corners, seed 1, mode from the profile, budget 2M, last writer. */
el2_check_opts el2_check_opts_default(void);

typedef struct el2_check_result el2_check_result;

/* Checks the ELF object at path. prof may be NULL (EL2SIM_* symbols and
 * defaults). Returns EL2_OK when the check ran (whatever it found; see
 * el2_check_passed); otherwise an error for bad input (unreadable object,
 * profile naming unknown symbols, impossible memory map ...) with errbuf
 * saying why. */
el2_err el2_check_file(const char *path, const el2_check_profile *prof,
		       const el2_check_opts *opts, el2_check_result **out, char *errbuf,
		       size_t errlen);
void el2_check_result_free(el2_check_result **res);

#define EL2_CHECK_N_PROPERTIES 8

/* One finding (deduplicated: the same property, register and phase seen
 * in several round trips is one finding with a count). */
typedef struct el2_check_finding {
	unsigned property;          /* 1..8 */
	char reg[32];               /* "x19", "SP_EL0", "PSTATE.PAN", "v8", "call" */
	char phase[32];             /* "guest entry", "guest exit", "return to host", ... */
	char scenario[16];          /* first round trip that showed it */
	unsigned run;
	uint64_t run_seed;
	bool has_values;
	uint64_t expected, found;   /* V registers: the low halves ... */
	uint64_t expected_hi, found_hi; /* ... and the high halves (wide == true) */
	bool wide;
	char expected_desc[64], found_desc[64]; /* tag meanings */
	char detail[512];           /* extra words (context offset, call target,
	                               why a round trip never returned) */
	/* findings of the same round trip left out because they follow from
	 * it never returning to the host (property 1, register "pc") */
	unsigned follow_on;
	unsigned count;             /* round trips that showed it */
	/* the instruction that last wrote the wrong value */
	bool has_writer;
	uint64_t writer_pc;
	char writer_where[96];      /* symbol+offset */
	char writer_text[96];       /* disassembly, or the model event */
	/* its source line, when the object has DWARF lines (-g) */
	char writer_file[160];      /* "" when unknown */
	int writer_line;
} el2_check_finding;

/* A stretch of EL2 instructions during which SP_EL0 did not hold the
 * host's value (property 7). */
typedef struct el2_check_window {
	uint64_t first_pc, last_pc;
	uint64_t insns;
	char first_where[96], last_where[96];
	char scenario[16];
} el2_check_window;

bool el2_check_passed(const el2_check_result *res);
size_t el2_check_findings(const el2_check_result *res, const el2_check_finding **out);
size_t el2_check_windows(const el2_check_result *res, const el2_check_window **out);
/* Checks made for property p (1..8), how many of them failed, and the
 * findings they make: one finding is one register (or address) at one
 * phase, however many round trips saw it (el2_check_finding.count). */
unsigned el2_check_property_checks(const el2_check_result *res, unsigned p);
unsigned el2_check_property_failed_checks(const el2_check_result *res, unsigned p);
unsigned el2_check_property_failures(const el2_check_result *res, unsigned p);
/* "host integrity", ... ("?" out of range). */
const char *el2_check_property_name(unsigned p);
/* Round trips made (runs x scenarios). */
unsigned el2_check_round_trips(const el2_check_result *res);

/* The command that replays exactly f's round trip: "el2sim check OBJ
 * [--layout P] --seed S --scenario NAME --run N" (plus --no-corners,
 * --budget, --vhe/--nvhe when the check used them). Returns the length
 * needed, like snprintf. */
size_t el2_check_replay_command(const el2_check_result *res, const el2_check_finding *f,
				char *buf, size_t len);

/* The round trip whose trace was written (opts.trace): false if none. */
bool el2_check_traced(const el2_check_result *res, const char **scenario, unsigned *run,
		      uint64_t *lines);

/* Reports: text for people, JSON for tools, JUnit XML for CI (one
 * testcase per property). Deterministic for a given seed. */
void el2_check_write_text(const el2_check_result *res, FILE *f);
/* JSON: EL2_ERR_NOMEM or EL2_ERR_IO when it could not be built or written. */
el2_err el2_check_write_json(const el2_check_result *res, FILE *f);
/* SARIF 2.1.0 (for code scanning): one rule per property, one error
 * result per finding, at the last writer's source line when the object
 * has DWARF lines, else at the object. */
el2_err el2_check_write_sarif(const el2_check_result *res, FILE *f);
void el2_check_write_junit(const el2_check_result *res, FILE *f);
/* The JUnit report of a check that could not run (bad object, profile or
 * options): one testcase with an <error> carrying the message. */
void el2_check_write_junit_error(const char *object, const char *message, FILE *f);

#ifdef __cplusplus
}
#endif
#endif
