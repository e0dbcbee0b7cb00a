/* SPDX-License-Identifier: MIT */
/* Interfaces between the checker's files (sim/check_*.c). */
#ifndef EL2SIM_SIM_CHECK_INTERNAL_H
#define EL2SIM_SIM_CHECK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "el2sim/check.h"
#include "el2sim/elf.h"
#include "el2sim/engine.h"
#include "el2sim/exception.h"
#include "el2sim/mem.h"
#include "el2sim/pe.h"
#include "el2sim/scenario.h"
#include "el2sim/trace.h"

#define CHK_NAME_MAX 128
#define CHK_MAX_REGIONS 16
#define CHK_MAX_SLOTS 256
#define CHK_MAX_EL2 64
#define CHK_MAX_PRESERVE 128
#define CHK_MAX_ENTRY_ASM 256 /* docs/layout.md: real vector/exit code has 30+ labels */
#define CHK_MAX_ABI 65 /* x0-x30, v0-v31, FPCR, FPSR */
#define CHK_MAX_FINDINGS 256
#define CHK_MAX_WINDOWS 32
#define CHK_MAX_SCENARIOS 16 /* room for chk_scenario's values */
#define CHK_N_SCENARIOS 12 /* SC__COUNT (check_run.c asserts it) */
#define CHK_MAX_HOST_CALLS 16
#define CHK_MAX_GUEST_HVC 8
#define CHK_MAX_PANIC 16

/* A number or "symbol[+offset]" resolved once the image is loaded. */
typedef struct chk_value {
	bool is_sym;
	char sym[CHK_NAME_MAX];
	uint64_t num; /* the number, or the offset added to the symbol */
	unsigned line; /* the profile line that gave it (0: none), for errors */
} chk_value;

#include "check_type1.h" /* its locations are chk_values */

typedef struct chk_region {
	char name[EL2_MEM_NAME_MAX + 1];
	uint64_t base, size;
	unsigned attrs;
} chk_region;

typedef struct chk_slot {
	el2_reg reg;
	uint64_t off;
	unsigned width; /* bytes in the context; 0: chk_slot_bytes(reg) */
} chk_slot;

typedef struct chk_setreg {
	el2_reg reg;
	chk_value v;
} chk_setreg;

/* A [config] line: configuration the host prepares for the guest (HCR_EL2,
 * VTTBR_EL2, ...), written to the context (or an absolute place) before
 * every round trip and judged at guest entry. */
typedef struct chk_cfgreg {
	el2_reg reg;
	bool at_symbol;  /* loc is symbol[+offset]; else an offset in the context */
	chk_value loc;
	bool is_auto;    /* "auto": el2sim computes the value (stage-2 tables) */
	chk_value val;
} chk_cfgreg;
#define CHK_MAX_CONFIG 32

/* The [cpu] section (check_cpu.c, docs/layout.md): the PE configuration
 * the checker builds, as changes to el2_config_default(). */
typedef struct chk_cpu_id {
	unsigned reg;    /* el2_sysreg */
	uint64_t value;
	unsigned line;   /* for the error that rejects it */
} chk_cpu_id;

typedef struct chk_cpu {
	bool has_features, has_pmu_counters;
	bool from_none;              /* 'features = none ...': start from no feature */
	uint32_t feat_on, feat_off;  /* EL2_FEAT_* added / removed */
	unsigned features_line;
	unsigned pmu_counters;
	chk_cpu_id id[EL2_MAX_ID_OVERRIDES];
	size_t n_id;
} chk_cpu;

/* One 'key = value' line of [cpu]: EL2_OK, or an error with the message
 * (without the line number) in msg: EL2_ERR_PROFILE_SYNTAX, or
 * EL2_ERR_UNSUPPORTED for a feature this build's model lacks. */
el2_err chk_cpu_key(chk_cpu *c, unsigned line, const char *key, const char *val, char *msg,
		    size_t msglen);
/* The configuration [cpu] describes: el2_config_default() changed by c,
 * checked by el2_config_check; an error (EL2_ERR_BAD_CONFIG: the model
 * refuses the combination) names the line that caused it. */
el2_err chk_cpu_config(const chk_cpu *c, el2_config *out, char *errbuf, size_t errlen);

/* A preserved register; lo64 for d8..d15 (the low halves AAPCS64 keeps). */
typedef struct chk_pres {
	el2_reg reg;
	bool lo64;
} chk_pres;

/* [world] host_call = NAME hvc ID | call SYMBOL [xN=V ...]: a host call
 * the host_call scenario makes (no guest), with its own preserve list
 * ([host] preserve.NAME) and exit code ([exit_codes] NAME). */
typedef struct chk_hostcall {
	char name[32];
	bool is_call;            /* call SYMBOL (an AAPCS64 call at EL2); else hvc ID */
	uint64_t id;             /* hvc: the function id in x0 */
	chk_value sym;
	unsigned arg_set;        /* bit n: xN given */
	uint64_t arg[8];         /* x0..x7 */
	bool has_preserve;
	chk_pres preserve[CHK_MAX_PRESERVE];
	size_t n_preserve;
	bool has_code;
	uint64_t code;
} chk_hostcall;

/* PSTATE fields property 5 compares. */
enum {
	CHK_PS_DAIF = 1u << 0,
	CHK_PS_PAN = 1u << 1,
	CHK_PS_UAO = 1u << 2,
	CHK_PS_SSBS = 1u << 3,
	CHK_PS_SPSEL = 1u << 4,
	CHK_PS_EL = 1u << 5,
	CHK_PS_ALL = (1u << 6) - 1, /* the default: every field but DIT */
	CHK_PS_DIT = 1u << 6,
};

/* [bench] phase boundaries: 0 phase.to_guest, 1 phase.return. */
#define CHK_BENCH_PHASES 2
typedef struct chk_bench {
	bool has[CHK_BENCH_PHASES];
	chk_value at[CHK_BENCH_PHASES]; /* .line: the profile line that gave it */
} chk_bench;
/* One [bench] key; false with the message in msg. */
bool chk_bench_key(chk_bench *b, unsigned line, const char *key, const char *val, char *msg,
		   size_t len);

struct el2_check_profile {
	int mode; /* 0 unset, EL2_CHECK_MODE_NVHE, EL2_CHECK_MODE_VHE */
	bool has_run_hvc;
	uint64_t run_hvc;             /* nVHE: function id in x0 */
	bool has_run_call;
	chk_value run_call;           /* VHE: the run function */
	bool has_exit_reg;
	el2_reg exit_reg;
	bool has_unknown_hvc;
	uint64_t unknown_hvc;
	bool has_context, ctx_alloc;
	chk_value context;            /* symbol, or the size to allocate */
	char entry_asm[CHK_MAX_ENTRY_ASM][CHK_NAME_MAX];
	unsigned entry_asm_line[CHK_MAX_ENTRY_ASM]; /* 0: an EL2SIM_ENTRY_ASM_* symbol */
	size_t n_entry_asm;
	bool has_load_base;
	uint64_t load_base;
	bool has_trapped;
	el2_reg trapped_sysreg;
	bool irq;
	bool stage2_tables;           /* [world] stage2 = tables */
	chk_setreg el2[CHK_MAX_EL2];
	size_t n_el2;
	chk_region mem[CHK_MAX_REGIONS];
	size_t n_mem;
	chk_slot guest[CHK_MAX_SLOTS];
	size_t n_guest;
	chk_cfgreg config[CHK_MAX_CONFIG];
	size_t n_config;
	bool has_preserve;
	chk_pres preserve[CHK_MAX_PRESERVE];
	size_t n_preserve;
	bool has_exit_abi;
	el2_reg exit_abi[CHK_MAX_ABI];
	size_t n_exit_abi;
	el2_reg el2_preserve[CHK_MAX_EL2];
	size_t n_el2_preserve;
	bool has_pstate;
	unsigned pstate_fields;
	/* [exit_codes]: bit sc set when scenario sc declares its code */
	unsigned exit_code_set;
	uint64_t exit_code[CHK_MAX_SCENARIOS];
	/* [fp] (docs/layout.md): how the guest's FP/SIMD goes back to the host */
	int fp_switch;                /* CHK_FP_EAGER or CHK_FP_HANDOFF */
	bool has_fp_owner, has_fp_host_save;
	chk_value fp_owner;           /* symbol[+off], or (no symbol) a context offset */
	unsigned fp_owner_size;       /* 1, 2, 4 or 8 bytes */
	uint64_t fp_owner_guest, fp_owner_mask; /* guest owns: (flag & mask) == guest */
	chk_value fp_host_save;       /* user_fpsimd_state: V0-V31, u32 FPSR, u32 FPCR */
	bool has_fp_owner_init, has_fp_host_save_ptr;
	uint64_t fp_owner_init;       /* written to the flag before each trip */
	chk_value fp_host_save_ptr;   /* gets host_save's address before each trip */
	/* [host] preserve.<scenario>: a scenario's own preserve list (index:
	 * chk_scenario); the plain 'preserve' covers the others. */
	bool has_preserve_sc[CHK_N_SCENARIOS];
	chk_pres preserve_sc[CHK_N_SCENARIOS][CHK_MAX_PRESERVE];
	size_t n_preserve_sc[CHK_N_SCENARIOS];
	/* [host] pstate_at_call: PSTATE bits the host fixes at the call
	 * (mask) and their values; the other flags stay random. */
	bool has_pstate_at_call;
	uint64_t ps_call_mask, ps_call_val;
	chk_cpu cpu;                  /* [cpu] */
	/* scenarios (docs/layout.md [world]): the register carrying the
	 * context pointer; the guest's x0-x3 at its exits (bit n: xN set); the
	 * guest HVC function ids the hypervisor handles in place; the EL2
	 * panic symbols and vectors (offsets from VBAR_EL2, bit per 0x80
	 * slot); interrupts pending when the host calls; the host calls. */
	bool has_ctx_reg;
	el2_reg ctx_reg;
	unsigned guest_arg_set;
	uint64_t guest_arg[4];
	uint64_t guest_hvc[CHK_MAX_GUEST_HVC];
	size_t n_guest_hvc;
	char panic[CHK_MAX_PANIC][CHK_NAME_MAX];
	unsigned panic_line[CHK_MAX_PANIC];
	size_t n_panic;
	uint32_t panic_vectors;
	bool irq_entry, serror_entry, serror_exit;
	bool vserror; /* [world] vserror: needs [config] hcr_el2 */
	chk_hostcall host_call[CHK_MAX_HOST_CALLS];
	size_t n_host_calls;
	/* [type1], [vcpu.NAME]: mode = type1 (check_type1.h) */
	chk_t1_profile t1;
	chk_bench bench; /* [bench]: check_bench_profile.c */
	char path[512];               /* el2_check_profile_load's file, for errors */
	/* the checker's copy: the caller's definitions of symbols
	 * (el2_check_opts.symdefs, --define), which a profile symbol the
	 * object does not define may name */
	const el2_symdef *symdefs;
	size_t n_symdefs;
};

enum { CHK_FP_EAGER = 0, CHK_FP_HANDOFF = 1 };
/* struct user_fpsimd_state: 32 V registers, then 32-bit FPSR and FPCR. */
#define CHK_FP_SAVE_FPSR 0x200u
#define CHK_FP_SAVE_FPCR 0x204u

/* check_profile.c: fills what the profile leaves unset from the image's
 * EL2SIM_* symbols (docs/layout.md, "asm-offsets style"). */
el2_err chk_profile_merge_symbols(el2_check_profile *p, const el2_image *img, char *errbuf,
				  size_t errlen);
/* Resolves a value against the image: chk_profile_value without the
 * profile's path. */
el2_err chk_value_resolve(const chk_value *v, const el2_image *img, uint64_t *out,
			  char *errbuf, size_t errlen);
/* check_profile_symbols.c: symbols the profile names, looked up in the
 * image. A name the image lacks is EL2_ERR_UNKNOWN_SYMBOL with "PROFILE:
 * line N: unknown symbol 'S' (did you mean 'T'?)", as parse errors read
 * (line 0: no location; p NULL: no path); T is the closest of extra[],
 * p->symdefs and the image's symbols. A name the image lacks but
 * p->symdefs defines (--define) has that address. chk_profile_value: a
 * chk_value (at its line); chk_profile_label: an entry_asm-style label's
 * extent (el2_image_label_extent; a --define'd address has none). */
el2_err chk_profile_unknown(const el2_check_profile *p, const el2_image *img, const char *name,
			    unsigned line, const char *const *extra, size_t n_extra, char *errbuf,
			    size_t errlen);
el2_err chk_profile_symbol(const el2_check_profile *p, const el2_image *img, const char *name,
			   unsigned line, uint64_t *out, char *errbuf, size_t errlen);
el2_err chk_profile_value(const el2_check_profile *p, const chk_value *v, const el2_image *img,
			  uint64_t *out, char *errbuf, size_t errlen);
el2_err chk_profile_label(const el2_check_profile *p, const el2_image *img, const char *name,
			  unsigned line, uint64_t *lo, uint64_t *hi, char *errbuf, size_t errlen);
/* Bytes of a context slot: 16 for V registers, else 8. */
unsigned chk_slot_bytes(el2_reg reg);
/* Bytes of this slot: its width (`fpsr = OFF u32`), else chk_slot_bytes. */
unsigned chk_slot_size(const chk_slot *s);

/* ---- the result (check_report.c reads it; check_props.c fills it) ---- */
struct el2_check_result {
	char object[256];
	int mode;
	uint64_t seed;
	unsigned runs;               /* runs made, corners included */
	unsigned round_trips;
	char scenarios[CHK_MAX_SCENARIOS][16];
	size_t n_scenarios;
	unsigned checks[EL2_CHECK_N_PROPERTIES + 1];
	unsigned failures[EL2_CHECK_N_PROPERTIES + 1];     /* failed checks */
	unsigned n_findings_of[EL2_CHECK_N_PROPERTIES + 1]; /* distinct findings */
	double seconds; /* wall time of the check (JUnit's time) */
	el2_check_finding findings[CHK_MAX_FINDINGS];
	size_t n_findings;
	size_t dropped_findings;
	el2_check_window windows[CHK_MAX_WINDOWS];
	size_t n_windows;
	/* what a replay command repeats (check_replay.c) */
	char layout[256];
	bool corners;
	unsigned opt_runs; /* --runs */
	uint64_t budget;
	int forced_mode; /* opts.mode: 0 when the profile decided */
	char alternatives[240]; /* --alternatives as given ("" none) */
	/* the traced round trip (opts.trace) */
	bool traced;
	char traced_scenario[16];
	unsigned traced_run;
	uint64_t trace_lines;
	/* property 8: exit codes compared per scenario (chk_scenario order) */
	unsigned code_checks[CHK_MAX_SCENARIOS];
};

/* Adds a finding or counts it into an equal one (property, register,
 * phase). Returns the finding's index if it is new, else -1. */
long chk_add_finding(el2_check_result *r, const el2_check_finding *f);

/* check_tags.c: the tag table of one run (values after register masking
 * map back to their meaning). */
/* Bits a value needs to be entered in the table. */
#define CHK_TAG_MIN_BITS 12

typedef struct chk_tagent {
	uint64_t value;
	el2_tag_side side;
	el2_reg reg;
	unsigned run;
	uint32_t salt;
	bool ambiguous;
} chk_tagent;

typedef struct chk_tagtab {
	chk_tagent *e;
	size_t n, cap;
	/* value -> entry: open addressing, entry number + 1 (0 empty); every
	 * exception adds poison tags, so a linear search cost each trip */
	uint32_t *index;
	size_t index_cap; /* a power of two, at least twice n */
} chk_tagtab;

void chk_tagtab_add(chk_tagtab *t, uint64_t value, el2_tag_side side, el2_reg reg,
		    unsigned run, uint32_t salt);
const chk_tagent *chk_tagtab_find(const chk_tagtab *t, uint64_t value);
void chk_tagtab_free(chk_tagtab *t);
/* Drops the entries added after the first n (keeps the storage); the
 * index relies on nothing else ever leaving the table. */
void chk_tagtab_truncate(chk_tagtab *t, size_t n);
/* Describes a value: the table first, then the tag encoding. */
void chk_describe(const chk_tagtab *t, uint64_t value, char *buf, size_t len);
/* splitmix64: the checker's only source of randomness. */
uint64_t chk_mix(uint64_t x);


/* ---- one round trip (check_run.c runs it, check_props.c judges it) ---- */
typedef enum chk_scenario {
	SC_HVC,
	SC_MMIO,
	SC_S2PERM,
	SC_SYSREG,
	SC_IRQ,
	SC_UNKNOWN_HVC,
	SC_GUEST_HVC,   /* a guest HVC the hypervisor handles in place */
	SC_IRQ_ENTRY,   /* an IRQ pending as the host calls */
	SC_SERROR_ENTRY, /* a physical SError pending as the host calls */
	SC_SERROR_EXIT, /* a physical SError pending as the guest exits */
	SC_HOST_CALL,   /* one of [world] host_call (no guest) */
	SC_VSERROR,     /* a virtual SError (HCR_EL2.VSE) the host asks for the guest */
	SC__COUNT
} chk_scenario;

const char *chk_scenario_name(chk_scenario sc);

/* Architectural state captured at one moment (V registers in full). */
typedef struct chk_state {
	bool valid;
	el2_snapshot *snap;
	el2_u128 v[32];
	bool fp_live; /* guest entry: FP/SIMD not trapped for the guest */
} chk_state;

enum chk_phase { PH_ENTRY, PH_EXIT, PH_END, PH__COUNT };

/* A value whose last writer a re-run looks for. */
typedef struct chk_watch {
	long finding;
	bool mem;
	el2_reg reg;
	uint64_t addr;
	unsigned len;
	enum chk_phase phase;
	uint64_t field_mask; /* register watch: only these bits (PSTATE fields); 0 = all */
	/* filled by the re-run */
	uint8_t last[16];
	bool has_writer, frozen;
	uint64_t writer_pc;
	bool writer_event;
	/* frozen at the first instruction at freeze_pc while the value is
	 * freeze_val (a value judged in the middle of the run: P7's call) */
	bool at_pc;
	uint64_t freeze_pc, freeze_val;
	unsigned freeze_event; /* memory scans: 1 + the scan at which to freeze, 0 none */
} chk_watch;

#define CHK_MAX_WATCH 64
#define CHK_MAX_MEMHITS 16

typedef struct chk_checker chk_checker;

/* What the guest can change without trapping to EL2 under one
 * configuration (check_guestcfg.c): per system-register row (PSTATE fields,
 * SP_EL0 and the stored EL0/EL1 registers), as the model answered. */
typedef struct chk_guestcfg {
	bool known;
	uint8_t w[EL2_SR_COUNT];
	/* the guest's MRS of the row returns what the row holds (no trap,
	 * no redirection such as DISR_EL1 -> VDISR_EL2 under HCR_EL2.AMO) */
	uint8_t rd[EL2_SR_COUNT];
} chk_guestcfg;

/* check_profile.c: a whole decimal or 0x number of the profile syntax. */
bool chk_parse_num(const char *s, uint64_t *out);
/* A number, or SYMBOL[+OFFSET], given on line. */
bool chk_parse_value(unsigned line, const char *s, chk_value *v);
/* The next token of *s (separated by blanks or commas), cut to len - 1. */
bool chk_next_token(const char **s, char *tok, size_t len);
/* yes/true/1 or no/false/0. */
bool chk_parse_bool(const char *val, bool *out);

/* Formats errbuf (if errlen) and returns e. */
el2_err chk_fail(char *errbuf, size_t errlen, el2_err e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* check_world.c: memory, object, PE and engine, built once per check and
 * reset before each round trip (memory as loaded, PE as created). */
#define CHK_GUEST_STUB_SIZE 0x2000u
typedef struct chk_world {
	el2_pe *pe;
	el2_mem *mem;
	el2_image *img;
	el2_engine *eng;
	el2_snapshot *pe0;   /* the PE as created */
	uint8_t **pristine;  /* each region's contents after loading */
	uint8_t **zero_page; /* per region, per page: 1 if its pristine page is all zero */
	uint64_t ctx;        /* allocated context ([world] context = alloc) */
	uint64_t host_stub, guest_stub, sentinel;
	bool has_s2;         /* el2sim built stage-2 tables ([config] ... auto) */
	uint64_t s2_vttbr, s2_vtcr; /* their VTTBR_EL2 and VTCR_EL2 values */
} chk_world;

/* check_s2tables.c: for [config] vttbr_el2/vtcr_el2 = LOCATION auto, adds
 * a hypervisor-only region at base and builds stage-2 tables in it for the
 * GUEST regions of the map (IPA == PA; RO read-only, XN no-execute, MMIO
 * unmapped); fills w->s2_vttbr / s2_vtcr. */
el2_err chk_s2_tables_build(chk_world *w, uint64_t base, char *errbuf, size_t errlen);

/* Memory and image only (no PE, no engine): enough to read symbols. */
el2_err chk_world_load(const chk_checker *ck, chk_world *w, char *errbuf, size_t errlen);
el2_err chk_world_open(const chk_checker *ck, chk_world *w, char *errbuf, size_t errlen);
void chk_world_reset(chk_world *w);
void chk_world_close(chk_world *w);

/* check_world_cache.c: one world kept between checks of the same object
 * with the same profile and options (el2_check_opts.world_cache). A
 * check takes it (reset to its pristine contents) instead of loading,
 * and gives it back when it ends without an error. */
typedef struct chk_world_cache chk_world_cache;
el2_err chk_world_cache_new(chk_world_cache **out);
void chk_world_cache_free(chk_world_cache **c);
/* Changes a word of the kept world's loaded image, as if the object file
 * had held it (no-op while no world is kept). */
el2_err chk_world_cache_patch(chk_world_cache *c, uint64_t addr, uint32_t word);
bool chk_world_cache_take(chk_world_cache *c, chk_world *w);
void chk_world_cache_give(chk_world_cache *c, chk_world *w);

typedef struct chk_trip {
	chk_checker *ck;
	el2_pe *pe;
	el2_mem *mem;
	el2_image *img;
	el2_engine *eng;
	unsigned run;
	uint64_t run_seed;
	chk_scenario sc;
	bool vhe;
	chk_tagtab tags;
	size_t tags_setup; /* entries after the state set-up: chk_run_again keeps only these */
	uint64_t ctx, host_stub, guest_stub, sentinel;
	uint64_t ctx_init[CHK_MAX_SLOTS][2];
	uint8_t *ctx_host; /* host storage of the slots' span, if one region holds it */
	uint64_t ctx_lo;   /* the span's lowest slot offset */
	uint64_t host_sp_el0;
	chk_state host0, entry, entry_fp, exit, end;
	unsigned entries, exits;
	/* system registers made UNKNOWN (poisoned) by the latest exception,
	 * and by the guest's exit exception; its type */
	uint8_t poison_pending[EL2_SR_COUNT], poison_exit[EL2_SR_COUNT];
	uint64_t poison_val[EL2_SR_COUNT]; /* latest UNKNOWN value, as held */
	el2_exc_type exit_type;
	bool host_called, returned;
	el2_run_result rr;
	uint32_t poison_seq;
	/* property 7 */
	uint64_t prev_pc;
	bool prev_valid;
	bool pending_call, call_in_window;
	uint64_t call_pc;
	bool win_open;
	el2_check_window win;
	/* calls into entry_asm awaiting their return (AAPCS64 check) */
	struct chk_frame {
		uint64_t call_pc, ret_pc;
		uint64_t saved[13]; /* x18-x29, SP */
	} frames[8];
	unsigned n_frames;
	/* last-writer re-run */
	chk_watch *watch;
	size_t n_watch;
	bool rerun;
	/* watches for findings raised while running (P7), handed to the
	 * last-writer re-run with the judged ones */
	chk_watch run_watch[4];
	size_t n_run_watch;
	/* scenario trips (el2_scenario_trip) */
	const el2_scenario_hooks *user;
	uint64_t irq_addr;
	bool plain; /* guest stub: only the scenario's exit */
	el2_trace *trace; /* el2sim check --trace: the hooks forward to it */
	/* `b .` at EL2 with interrupts masked, seen CHK_SPIN_STOP times in a
	 * row: nothing can end it, the run is stopped (check_hooks.c) */
	unsigned spin;
	bool spun;
	/* property 4 in guest-readable memory (check_memscan.c) */
	struct chk_memhit {
		uint64_t addr, value;
		enum chk_phase phase;
		unsigned event;
	} memhits[CHK_MAX_MEMHITS];
	unsigned n_memhits;
	unsigned mem_events; /* scans so far: guest entries and exits */
	unsigned mem_words;  /* words compared */
	/* the configuration the guest stub was built for, the one the guest
	 * was last entered with, and whether any entry differed from it */
	chk_guestcfg stub_cfg, seen_cfg;
	bool cfg_seen, cfg_differs;
	bool has_sysreg_target; /* sysreg scenario: the register it writes */
	el2_reg sysreg_target;
	/* scenarios (check_scen.c) */
	unsigned host_call;     /* host_call: index in prof.host_call */
	unsigned guest_hvc;     /* guest_hvc: index in prof.guest_hvc */
	bool line_raised;       /* irq_entry / serror_entry / serror_exit: the line went up */
	uint64_t final_hvc;     /* the guest stub's exit HVC (serror_exit raises it there) */
	bool host_returned;     /* nVHE: the host stub's ERET seen */
	/* the last guest exit not yet followed by an entry: resumed (no host
	 * in between) the guest must find its registers as it left them */
	bool exit_open;
	uint64_t exit_x0;       /* the guest's x0 at that exit (an HVC's function id) */
	bool exit_hvc;          /* that exit was an HVC (EC 0x16) */
	bool exit_sysreg;       /* that exit was a trapped MSR/MRS (EC 0x18) */
	uint32_t exit_esr;      /* ESR_EL2 of that exit */
	unsigned resumes, fast_hvc_resumes;
	/* the EL2 panic: where it started */
	bool panicked;
	char panic_detail[400];
	/* the last exception taken to EL2 from EL2 */
	bool has_el2_exc;
	uint64_t el2_exc_pc, el2_exc_esr, el2_exc_vector;
} chk_trip;

/* A [config] line resolved against the loaded image (check_config.c). */
typedef struct chk_cfgval {
	uint64_t addr, value;
} chk_cfgval;

#define CHK_SPIN_STOP 64u

struct chk_checker {
	el2_check_opts opts;
	el2_srclines *srclines; /* the object's DWARF lines, opened at the first writer */
	bool srclines_tried;
	el2_check_profile prof;
	const char *path;
	el2_config cfg;
	el2_pe *scratch;      /* for register masks */
	bool vhe;
	bool layout_has_fp;   /* the context switches V registers */
	uint64_t asm_lo[CHK_MAX_ENTRY_ASM], asm_hi[CHK_MAX_ENTRY_ASM];
	size_t n_asm;
	chk_pres preserve[CHK_MAX_PRESERVE];
	size_t n_preserve;
	/* per scenario (preserve.<scenario>, else preserve), 'sp' resolved and
	 * EL1 names redirected under VHE (chk_preserve_for) */
	chk_pres preserve_sc[CHK_N_SCENARIOS][CHK_MAX_PRESERVE];
	size_t n_preserve_sc[CHK_N_SCENARIOS];
	/* per [guest] slot: values compared at guest entry / exit over the
	 * whole check (a slot never compared is a finding: vacuity) */
	unsigned slot_entry_cmp[CHK_MAX_SLOTS], slot_exit_cmp[CHK_MAX_SLOTS];
	bool trip_stopped; /* a round trip never got back to the host */
	el2_reg el2_keep[CHK_MAX_EL2 + 4];
	size_t n_el2_keep;
	el2_check_result *res;
	chk_cfgval config[CHK_MAX_CONFIG]; /* [config], resolved */
	chk_world world;      /* every trip runs in it */
	bool world_open;
	uint64_t fp_owner_addr, fp_save_addr, fp_save_ptr_addr; /* [fp] handoff, resolved */
	el2_pe *probe;        /* asked what the guest can write (check_guestcfg.c) */
	chk_guestcfg gcfg;    /* the configuration the guest was last entered with */
	/* sysreg scenario: guest-layout registers that trap under gcfg */
	el2_reg trapped[CHK_MAX_SLOTS];
	size_t n_trapped;
	/* [world] panic, resolved; host calls' preserve lists resolved */
	uint64_t panic_pc[CHK_MAX_PANIC];
	size_t n_panic;
	chk_pres preserve_hc[CHK_MAX_HOST_CALLS][CHK_MAX_PRESERVE];
	size_t n_preserve_hc[CHK_MAX_HOST_CALLS];
};

/* check_state.c: the tagged state a trip starts from. */
/* The tag salt of reg on side; half selects the value's role (docs/check.md). */
uint32_t chk_salt(const chk_trip *t, el2_tag_side side, el2_reg reg, unsigned half);
/* A value for a control register that changes only harmless fields. */
bool chk_mild(el2_reg reg, uint64_t tag, bool guest, uint64_t *out);
bool chk_is_el2_reg(el2_reg reg);
bool chk_is_fp_ctl(el2_reg reg);
/* A tagged value for reg on side, as the register would hold it. */
uint64_t chk_tagged(chk_trip *t, el2_tag_side side, el2_reg reg, unsigned half);
bool chk_in_guest_layout(const el2_check_profile *p, el2_reg reg);
void chk_state_free(chk_state *s);
void chk_capture(chk_trip *t, chk_state *s);
/* EL2 state, the vCPU context filled with guest tags, and the host. */
el2_err chk_setup_state(chk_trip *t, char *errbuf, size_t errlen);

/* check_config.c: the [config] section. */
el2_err chk_config_resolve(const chk_checker *ck, const el2_image *img, uint64_t ctx,
			   chk_cfgval out[CHK_MAX_CONFIG], char *errbuf, size_t errlen);
/* Writes every prepared value where the profile says (before a trip). */
el2_err chk_config_write(chk_trip *t, char *errbuf, size_t errlen);
typedef void (*chk_config_report_fn)(void *ctx, el2_reg reg, uint64_t want, uint64_t got,
				     const char *detail);
/* The index of the [config] hcr_el2 line, or -1. */
int chk_config_hcr(const el2_check_profile *p);
/* The value the host prepares in [config] line i for this trip: the
 * vserror scenario adds HCR_EL2.VSE to the guest's HCR_EL2. */
uint64_t chk_config_value(const chk_trip *t, size_t i);
/* Compares the configuration the guest was entered with (property 4). */
void chk_config_judge_entry(chk_trip *t, const chk_state *entry, chk_config_report_fn report,
			    void *ctx);

/* SCTLR_ELx fields (the EL1 and the E2H EL2 layout) a value may vary
 * without changing how the stubs run: cacheability and EL0 access to
 * caches, DC ZVA, CTR_EL0, WFI and WFE (check_state.c, check_type1_run.c). */
#define CHK_SCTLR_HARMLESS \
	(EL2_SCTLR_C | EL2_SCTLR_I | EL2_SCTLR_DZE | EL2_SCTLR_UCT | EL2_SCTLR_NTWI | \
	 EL2_SCTLR_NTWE | EL2_SCTLR_UCI)
/* MSR <sysreg>, X<rt>, the register given by its encoding key (sysreg.h). */
#define CHK_A64_MSR(enc, rt) (0xd5000000u | ((uint32_t)(enc) << 5) | (rt))
#define CHK_A64_MRS_BIT (1u << 21) /* L: MSR -> MRS */
/* Words of the checker's stubs (check_stubs.c, check_type1_run.c) and
 * of el2sim mutate's deletions (mutate_ops.c). */
#define A64_HVC0 0xd4000002u
#define A64_B_SELF 0x14000000u
#define A64_NOP 0xd503201fu
#define A64_MOVZ(rd, imm, hw) (0xd2800000u | ((hw) << 21) | ((uint32_t)(imm) << 5) | (rd))
#define A64_MOVK(rd, imm, hw) (0xf2800000u | ((hw) << 21) | ((uint32_t)(imm) << 5) | (rd))
#define A64_LDR_X5_X6 0xf94000c5u
/* MOVN X<rd>, #0: all ones */
#define CHK_A64_MOVN_ALL(rd) (0x92800000u | (rd))

/* check_guestcfg.c: what the guest can change under the configuration
 * of a guest entry (a snapshot of the PE just after the ERET to EL1). */
void chk_guestcfg_probe(chk_checker *ck, const el2_snapshot *entry, chk_guestcfg *out);
/* The same without the reads (rd stays clear): what the guest may write. */
void chk_guestcfg_probe_writes(chk_checker *ck, const el2_snapshot *entry, chk_guestcfg *out);
/* Records the configuration of a guest entry in the trip (hooks). */
void chk_guestcfg_on_entry(chk_trip *t, const el2_snapshot *entry);
/* PSTATE-field rows the guest stub flips (NZCV, DAIF, PAN, ...; SPSel). */
/* A row the guest stub may change (PSTATE fields, SP_EL0, the PMU rows
 * the guest may reach, every stored EL0/EL1 read/write register but
 * FPCR/FPSR and ICC_*) that exists in the configuration. */
bool chk_guestcfg_candidate(const chk_checker *ck, unsigned sr);
bool chk_guestcfg_is_pstate(unsigned sr);
/* Guest-layout registers that trap under ck->gcfg (ck->trapped). */
void chk_guestcfg_trapped(chk_checker *ck);
/* A value the guest stub writes to reg: a guest tag (mild for control
 * registers) that differs from init, the value the guest was entered with. */
uint64_t chk_stub_value(chk_trip *t, el2_reg reg, uint64_t init);
/* v as register reg holds it (written to and read back from the scratch
 * PE; the PMU set/clear pairs shaped by chk_pmu_shape). */
uint64_t chk_masked(const chk_checker *ck, el2_reg reg, uint64_t v);
/* MOVZ + 3 MOVK of v into X<rd> at g[n]: the next index. */
size_t chk_emit_mov64(uint32_t *g, size_t n, unsigned rd, uint64_t v);

/* check_pmu.c: the PMU registers a guest stub may write (when the model
 * says the MSR does not trap), their exact values, and the CLR row of a
 * set/clear pair (the stub clears every bit before it sets its value). */
bool chk_pmu_candidate(const chk_checker *ck, unsigned sr);
bool chk_pmu_shape(const chk_checker *ck, el2_reg reg, uint64_t v, uint64_t *out);
el2_sysreg chk_pmu_clear_row(unsigned sr);
void chk_pmu_probe_fixup(const chk_checker *ck, el2_pe *pe, chk_guestcfg *g);

/* check_stubs.c: the host and guest stubs of a trip. */
const el2_mem_region *chk_ro_guest_region(const el2_mem *mem);
el2_err chk_write_stubs(chk_trip *t, uint64_t *irq_addr);

/* check_hooks.c: the engine hooks of checked trips and scenario trips. */
void chk_watch_read(const chk_trip *t, const chk_watch *w, uint8_t out[16]);
void chk_watch_check(chk_trip *t, uint64_t writer, bool event);
void chk_window_close(chk_trip *t);
/* Inside an exception/ERET event hook: the SP banks, PC and PSTATE as
 * the model set them (the engine's sync would overwrite them). */
void chk_event_sync(el2_pe *pe, el2_engine *eng, const el2_event *ev);
void chk_on_event(void *ctx, const el2_event *ev);
void chk_on_insn(void *ctx, uint64_t pc, uint32_t insn, unsigned el);
void chk_on_event_light(void *ctx, const el2_event *ev);
void chk_on_insn_light(void *ctx, uint64_t pc, uint32_t insn, unsigned el);

/* check_memscan.c: property 4 in memory. The guest-readable ranges (RAM
 * regions with the guest attribute, what the guest's stage 2 maps); each
 * names its region (index in the memory map). */
typedef struct chk_range {
	uint64_t base, size;
	size_t region;
} chk_range;
size_t chk_guest_ranges(const chk_trip *t, chk_range *out, size_t max);
/* Scans the guest-readable words that differ from the loaded image for
 * host, EL2 and poison values (at a guest entry or exit, and after the
 * round trip: PH_END), recording hits in
 * t->memhits; in a re-run it only counts the scan and freezes its watches. */
void chk_memscan(chk_trip *t, enum chk_phase ph);
/* A page (EL2_MEM_PAGE_SIZE bytes) of zeros: reads the page once. */
bool chk_page_is_zero(const uint8_t *page);
/* "guest+0x100 (0x80000100)" */
void chk_mem_where(const chk_trip *t, uint64_t addr, char *buf, size_t len);

/* check_run.c: a checker ready to run trips (profile completed from the
 * object's symbols, world open), and one trip for other tools. */
el2_err chk_checker_new(const char *path, const el2_check_profile *prof,
			const el2_check_opts *opts, chk_checker **out, char *errbuf, size_t errlen);
void chk_checker_free(chk_checker *ck);
bool chk_scenario_enabled(const chk_checker *ck, chk_scenario sc);
/* The registers the host expects preserved in scenario sc. */
const chk_pres *chk_preserve_for(const chk_checker *ck, chk_scenario sc, size_t *n);
el2_err chk_run_light(chk_trip *t, char *errbuf, size_t errlen);
/* A checked round trip (hooks capturing, watches if any), not judged. */
el2_err chk_run_trip(chk_trip *t, char *errbuf, size_t errlen);
/* A trip's fresh start: run number, its seed, scenario. */
chk_trip chk_trip_init(chk_checker *ck, unsigned run, chk_scenario sc);
/* The runs a check makes, [*first, *end) (one with --run, refused past
 * the tags' run field), and *all (if not NULL) those it makes without
 * --run; both checkers (KVM-style and type-1) count runs so. */
el2_err chk_run_range(const chk_checker *ck, unsigned *first, unsigned *end, unsigned *all,
		      char *errbuf, size_t errlen);
/* Run run's seed: from the check's seed and the run number only. */
uint64_t chk_run_seed(const chk_checker *ck, unsigned run);
el2_err chk_run_again(chk_trip *t, char *errbuf, size_t errlen);
void chk_trip_free(chk_trip *t);

/* check_replay.c: one round trip selected (opts.scenario, opts.run), the
 * replay command's parts, and the traced re-run of one trip. */
el2_err chk_select(const chk_checker *ck, int *sc, char *errbuf, size_t errlen);
void chk_replay_note(const chk_checker *ck, el2_check_result *res);
el2_err chk_trace_trip(chk_checker *ck, unsigned run, chk_scenario sc, char *errbuf,
		       size_t errlen);

/* check_scen.c: the scenarios' own work in the hooks and the judge. */
/* Panic addresses resolved (ck->panic_pc). */
el2_err chk_scen_resolve(chk_checker *ck, char *errbuf, size_t errlen);
/* Exception/ERET events (after the banks are right). */
void chk_scen_event(chk_trip *t, const el2_event *ev);
/* Every instruction: the panic symbols, the pending line. */
void chk_scen_insn(chk_trip *t, uint64_t pc, unsigned el, uint64_t ps);
/* The register carrying the context pointer. */
unsigned chk_ctx_reg(const chk_checker *ck);
/* Whether the scenario runs the guest at all. */
bool chk_scenario_has_guest(chk_scenario sc);
/* The host call of a host_call trip (NULL otherwise). */
const chk_hostcall *chk_trip_host_call(const chk_trip *t);
/* The registers the host expects preserved in this trip. */
const chk_pres *chk_preserve_trip(const chk_trip *t, size_t *n);
/* The scenario's exit code, if the profile declares it. */
bool chk_trip_exit_code(const chk_trip *t, uint64_t *code, char *name, size_t len);

/* check_stop.c: why the trip never returned to the host, for its finding. */
void chk_stop_detail(const chk_trip *t, char *buf, size_t len);
/* check_fp.c: [fp] switch = handoff (FP/SIMD left live for the host). */
/* Resolves owner and host_save once the world is open (no-op if eager). */
el2_err chk_fp_resolve(chk_checker *ck, char *errbuf, size_t errlen);
/* What the host sets up before the call: owner_init, host_save_ptr. */
void chk_fp_prepare(chk_trip *t);
/* Handoff mode and the owner flag (read now, into *flag) says "guest". */
bool chk_fp_guest_owned(const chk_trip *t, uint64_t *flag);
/* The guest's current value of a V register, FPSR or FPCR: as it ran
 * (FP live at its last entry), else the context's initial one. False if
 * neither is known. */
bool chk_fp_guest_value(const chk_trip *t, el2_reg reg, uint64_t *lo, uint64_t *hi);
/* Where the host's save area keeps reg (user_fpsimd_state layout). */
uint64_t chk_fp_save_addr(const chk_trip *t, el2_reg reg);
/* Names, as the profile does, the owner flag (reg EL2_REG_NONE) or reg's
 * place in the host's save area: "host_fpsimd_state+0x10", "context+0x228". */
void chk_fp_where(const chk_trip *t, el2_reg reg, char *buf, size_t len);

/* check_props.c: judges a finished round trip; appends watch requests for
 * new findings to t->watch (capacity CHK_MAX_WATCH). */
void chk_props_evaluate(chk_trip *t, chk_watch *watch, size_t *n_watch);
/* Reads a register (128 bits for V) from a captured state. */
void chk_state_read(const chk_state *s, el2_reg reg, uint64_t *lo, uint64_t *hi);
/* A P7 finding raised while running. */
void chk_props_call_in_window(chk_trip *t, uint64_t call_pc, uint64_t target);
/* A callee-saved register not preserved by a call into entry_asm (P6). */
void chk_props_abi_return(chk_trip *t, uint64_t call_pc, el2_reg reg, uint64_t expected,
			  uint64_t found);
/* Scenario findings raised while running (check_scen.c): one of property
 * prop naming reg; a resumed guest's register vs its value at the exit
 * (property 2); a host, EL2 or poison value in an ABI result register of
 * a resumed guest (property 4). */
void chk_props_scen_finding(chk_trip *t, unsigned prop, const char *reg, const char *detail,
			    const char *phase);
void chk_props_resume(chk_trip *t, el2_reg reg, uint64_t expected, uint64_t found,
		      const char *detail);
void chk_props_resume_leak(chk_trip *t, el2_reg reg, uint64_t value);
/* "sym+0x10", "el2sim guest stub+0x8" or "0x..." for an address. */
void chk_where(const chk_trip *t, uint64_t addr, char *buf, size_t len);
/* "sym+0x10" from img's symbols, else "0x..." (false): no checker stubs. */
bool chk_where_img(const el2_image *img, uint64_t addr, char *buf, size_t len);
/* BL or BLR: an AAPCS64 call. */
bool chk_is_call(uint32_t insn);
/* pc lies in one of the n ranges [lo[i], hi[i]). */
bool chk_in_ranges(const uint64_t *lo, const uint64_t *hi, size_t n, uint64_t pc);
/* After the last round trip: a [guest] slot never compared (vacuity). */
void chk_props_vacuity(chk_checker *ck);
/* Fills a finding's writer from a watch. */
void chk_fill_writer(const chk_trip *t, el2_check_finding *f, const chk_watch *w);

#endif
