/* SPDX-License-Identifier: MIT */
/* Type-1 hypervisors (Xen, Hafnium style: no host kernel, EL2 owns the
 * machine): the profile's [type1] and [vcpu.NAME] sections and the
 * checker that runs vCPU resumes and switches (docs/type1.md). Included
 * by check_internal.h; the profile embeds chk_t1_profile. */
#ifndef EL2SIM_SIM_CHECK_TYPE1_H
#define EL2SIM_SIM_CHECK_TYPE1_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "el2sim/pe.h"

#define CHK_T1_MAX_VCPUS 4
#define CHK_T1_MAX_SLOTS 160
#define CHK_T1_MAX_BASES 4
#define CHK_T1_MAX_CONFIG 8
#define CHK_T1_MAX_POISON 8
#define CHK_T1_MAX_MEM 4
#define CHK_T1_NAME 64
#define CHK_T1_SYM 128

/* symbol[+offset], a declared base[+offset], or a number: the profile's
 * value (check_internal.h defines chk_value before including this) */
typedef chk_value chk_t1_loc;

typedef struct chk_t1_slot {
	el2_reg reg;
	chk_t1_loc loc;
} chk_t1_slot;

typedef struct chk_t1_cfg {
	el2_reg reg;
	chk_t1_loc loc;
	chk_t1_loc val;
} chk_t1_cfg;

typedef struct chk_t1_poison {
	chk_t1_loc loc;
	uint64_t size;
	bool el2; /* tag as EL2 data (a stack) rather than uninitialised bytes */
} chk_t1_poison;

typedef struct chk_t1_vcpu {
	char name[CHK_T1_NAME];
	uint64_t id;                 /* what a guest puts in x1 to name it */
	bool has_id, has_arg, has_sp_el2, has_tpidr_el2, has_stub;
	chk_t1_loc stub;             /* where its guest stub goes (default: see type1.md) */
	chk_t1_loc arg;              /* x0 for the run path (default: first base) */
	chk_t1_loc sp_el2;           /* SP_EL2 at every ERET into this vCPU */
	chk_t1_loc tpidr_el2;        /* TPIDR_EL2 while this vCPU runs */
	char base_name[CHK_T1_MAX_BASES][CHK_T1_NAME];
	chk_t1_loc base[CHK_T1_MAX_BASES];
	size_t n_bases;
	chk_t1_slot slot[CHK_T1_MAX_SLOTS];
	size_t n_slots;
	chk_t1_cfg cfg[CHK_T1_MAX_CONFIG];
	size_t n_cfg;
	chk_t1_poison poison[CHK_T1_MAX_POISON];
	size_t n_poison;
	char mem[CHK_T1_MAX_MEM][CHK_T1_NAME]; /* [memory] regions this vCPU owns */
	unsigned mem_line[CHK_T1_MAX_MEM];
	size_t n_mem;
} chk_t1_vcpu;

/* A guest call: its function id (x0) and the registers its ABI defines
 * when the caller is resumed (not judged by resume fidelity). */
typedef struct chk_t1_call {
	bool set;
	uint64_t id;
	uint64_t abi; /* bit n: xn */
} chk_t1_call;

typedef struct chk_t1_profile {
	bool has_run;
	chk_t1_loc run;               /* the hypervisor's run/resume-vCPU entry */
	chk_t1_call sw;               /* switch = hvc ID [regs]: x1 = target id */
	bool sw_irq;                  /* switch = irq: an interrupt makes EL2 switch */
	chk_t1_call handled;          /* handled = hvc ID [regs]: resumed in place */
	bool has_sysreg;
	el2_reg sysreg;               /* trapped, emulated in place (ELR + 4) */
	bool mmio;                    /* ldr x5 from MMIO, emulated in place */
	bool irq;                     /* a physical IRQ handled, then resumed */
	bool has_el2_sp_el0;
	chk_t1_loc el2_sp_el0;        /* EL2's own SP_EL0 (property 7); unset: never used */
	char stack_switch[8][CHK_T1_SYM]; /* routines that return on another stack */
	unsigned stack_switch_line[8];
	size_t n_stack_switch;
	chk_t1_vcpu vcpu[CHK_T1_MAX_VCPUS];
	size_t n_vcpus;
	int cur;                      /* parser: the [vcpu.*] being read, -1 [type1] */
	unsigned seen;                /* parser: [type1] keys given */
	unsigned line;                /* parser: the line being read */
} chk_t1_profile;

/* check_type1_profile.c: a [type1] or [vcpu.NAME] header (name: the text
 * between the brackets); false if it is neither. */
bool chk_t1_section(chk_t1_profile *t, const char *name, char *err, size_t errlen,
		    bool *is_err);
/* One key of the current type-1 section; false with err set on error. */
bool chk_t1_key(chk_t1_profile *t, const char *key, const char *val, char *err, size_t errlen);
/* After the whole profile: what mode = type1 needs. */
bool chk_t1_validate(const chk_t1_profile *t, char *err, size_t errlen);


/* ---- the type-1 checker (check_type1_run.c, check_type1_judge.c) ---- */
struct chk_checker;
struct el2_check_opts;
struct el2_check_result;

/* What a step of a vCPU's script ends with. */
typedef enum chk_t1_act {
	T1_HVC,     /* the handled call: resumed in place */
	T1_SYSREG,  /* a trapped MSR, emulated: resumed past it */
	T1_MMIO,    /* ldr x5 from MMIO, emulated: resumed past it */
	T1_IRQ,     /* a physical interrupt: resumed at the same instruction */
	T1_SWITCH,  /* the switch call naming another vCPU */
	T1_IRQSW,   /* an interrupt after which EL2 runs another vCPU (switch = irq) */
	T1_DONE,    /* the end of the scenario */
} chk_t1_act;

#define CHK_T1_MAX_STEPS 16

/* One resolved vCPU and what a run knows of it. */
typedef struct chk_t1_vc {
	const chk_t1_vcpu *d;
	unsigned idx;
	uint64_t base[CHK_T1_MAX_BASES];
	uint64_t slot_addr[CHK_T1_MAX_SLOTS];
	uint64_t cfg_addr[CHK_T1_MAX_CONFIG], cfg_val[CHK_T1_MAX_CONFIG];
	uint64_t arg, sp_el2, tpidr_el2;
	uint64_t mem_base[CHK_T1_MAX_MEM], mem_size[CHK_T1_MAX_MEM];
	bool mem_mmio[CHK_T1_MAX_MEM];
	size_t n_mem;
	uint64_t stub, stub_size, mmio;
	uint8_t w[EL2_SR_COUNT];    /* registers the guest can write (probed) */
	bool w_known;
	/* per run */
	chk_t1_act acts[CHK_T1_MAX_STEPS];
	unsigned target[CHK_T1_MAX_STEPS]; /* T1_SWITCH: the vCPU named */
	uint64_t step_pc[CHK_T1_MAX_STEPS]; /* the exit instruction of each step */
	unsigned n_steps;
	uint64_t done_pc;
	uint64_t init[CHK_T1_MAX_SLOTS];
	unsigned entries;
	bool exited;                /* an exit awaits its resume */
	chk_t1_act exit_act;
	bool others_ran;            /* another vCPU entered since that exit */
	void *exit_snap;            /* el2_snapshot at the exit */
} chk_t1_vc;

/* One scenario run of the type-1 checker. */
typedef struct chk_t1_trip {
	struct chk_checker *ck;
	el2_pe *pe;
	el2_mem *mem;
	el2_engine *eng;
	const el2_image *img;
	chk_t1_vc *vc;
	size_t n_vc;
	unsigned run, sc;           /* sc: 0 resume, 1 switch */
	uint64_t run_seed;
	bool learn;                 /* plain stubs: only learns each vCPU's configuration */
	int cur;                    /* the vCPU running (-1: EL2 before the first entry) */
	uint64_t irq_addr;
	/* calls into stack_switch/entry_asm awaiting their return (property 6) */
	struct chk_t1_frame {
		uint64_t sp, ret_pc, call_pc;
		uint64_t saved[11];     /* x19-x29 */
	} frames[16];
	unsigned n_frames;
	bool pending_call;
	uint64_t call_pc;
	bool prev_in;               /* the last EL2 instruction was in a tracked routine */
	uint64_t el2_sp_el0;
	uint64_t asm_lo[256 + 8], asm_hi[256 + 8]; /* CHK_MAX_ENTRY_ASM + stack_switch */
	size_t n_asm, n_entry_asm;  /* the first n_entry_asm ranges are entry_asm */
	el2_run_result rr;
	/* last writers: a re-run of the same scenario run watches the
	 * registers of its new P2/P3 findings up to the entry judged */
	bool rerun;
	unsigned judging_v, judging_entry;
	struct chk_t1_watch {
		long finding;
		el2_reg reg;
		unsigned v, entry;
		uint64_t last, writer_pc;
		bool has_writer, frozen;
	} watch[8];
	size_t n_watch;
	uint64_t prev_pc;
	bool prev_valid;
} chk_t1_trip;

/* check_type1_judge.c: the engine hooks of a type-1 run; they judge as
 * the run goes (entries, exits, calls). */
void chk_t1_on_event(void *ctx, const el2_event *ev);
void chk_t1_on_insn(void *ctx, uint64_t pc, uint32_t insn, unsigned el);
/* The salt of a guest value of vCPU v written at step (0: the initial
 * context); its vCPU is recovered by chk_t1_owner. */
uint32_t chk_t1_salt(const chk_t1_trip *t, unsigned v, unsigned step, el2_reg reg);
/* -1 if value carries no vCPU's tag, else the vCPU index. */
int chk_t1_owner(uint64_t value);
const char *chk_t1_scenario_name(unsigned sc);

/* check_type1_run.c: el2_check_file for mode = type1. */
el2_err chk_t1_check_file(const char *path, const el2_check_profile *prof,
			  const el2_check_opts *opts, el2_check_result **out, char *errbuf,
			  size_t errlen);

#endif
