/* SPDX-License-Identifier: MIT */
/* The type-1 reference's C half (docs/type1.md): vCPU set-up, the EL2
 * trap handler that emulates in place or switches vCPUs, and the system
 * register switch written one register per line. Seeded bugs are
 * -DBUG_<NAME> (docs/reference.md). Runs at EL2 on the vCPU's own stack. */
#include <stddef.h>
#include <stdint.h>

#include "t1_abi.h"

typedef uint64_t u64;

struct frame {
	u64 x[31];
	u64 sp_el0, elr, spsr;
};

struct saved {
	u64 x19_x29[11];
	u64 sp, lr;
};

#define N_SYSREGS 57

struct vcpu {
	u64 stack_top;
	struct saved saved;
	u64 id, hcr, vttbr, mailbox, actlr, tpidr_el1;
	u64 pad[(VCPU_SYSREGS - 0xa0) / 8];
	u64 sys[N_SYSREGS];
	u64 tail[(VCPU_SIZE - VCPU_SYSREGS) / 8 - N_SYSREGS];
};

_Static_assert(offsetof(struct frame, sp_el0) == FRAME_SP_EL0, "frame");
_Static_assert(offsetof(struct frame, elr) == FRAME_ELR, "frame");
_Static_assert(offsetof(struct frame, spsr) == FRAME_SPSR, "frame");
_Static_assert(sizeof(struct frame) == FRAME_SIZE, "frame");
_Static_assert(offsetof(struct vcpu, saved) == VCPU_SAVED, "vcpu");
_Static_assert(offsetof(struct vcpu, id) == VCPU_ID, "vcpu");
_Static_assert(offsetof(struct vcpu, hcr) == VCPU_HCR, "vcpu");
_Static_assert(offsetof(struct vcpu, vttbr) == VCPU_VTTBR, "vcpu");
_Static_assert(offsetof(struct vcpu, mailbox) == VCPU_MAILBOX, "vcpu");
_Static_assert(offsetof(struct vcpu, actlr) == VCPU_ACTLR, "vcpu");
_Static_assert(offsetof(struct vcpu, tpidr_el1) == VCPU_TPIDR_EL1, "vcpu");
_Static_assert(offsetof(struct vcpu, sys) == VCPU_SYSREGS, "vcpu");
_Static_assert(sizeof(struct vcpu) == VCPU_SIZE, "vcpu");

struct vcpu vcpu_a __attribute__((aligned(64)));
struct vcpu vcpu_b __attribute__((aligned(64)));
u64 stack_a[T1_STACK_SIZE / 8] __attribute__((aligned(16)));
u64 stack_b[T1_STACK_SIZE / 8] __attribute__((aligned(16)));
u64 boot_stack[0x1000 / 8] __attribute__((aligned(16)));

static struct vcpu *const vcpus[2] = {&vcpu_a, &vcpu_b};
static u64 *const stacks[2] = {stack_a, stack_b};
static const u64 guest_base[2] = {0x80000000u, 0x80100000u};
static struct vcpu *current;
static u64 info_calls;

void t1_return_to_guest(void);
void __context_switch(struct vcpu *prev, struct vcpu *next);
void t1_main(struct vcpu *first);
void t1_handle_sync(struct frame *f);
void t1_handle_irq(struct frame *f);
void t1_handle_hvc_fast(struct frame *f, struct vcpu *v);

#define READ(r)                                                    \
	({                                                         \
		u64 v_;                                            \
		__asm__ volatile("mrs %0, " #r : "=r"(v_));        \
		v_;                                                \
	})
#define WRITE(r, v) __asm__ volatile("msr " #r ", %0" : : "r"((u64)(v)))

/* The EL0/EL1 registers a guest can write without trapping, each in its
 * slot of struct vcpu.sys (type1.profile names the same slots). */
#define SYSREGS(X)                                                                         \
	X(sctlr_el1, 0) X(cpacr_el1, 1) X(ttbr0_el1, 2) X(ttbr1_el1, 3) X(tcr_el1, 4)      \
	X(esr_el1, 5) X(afsr0_el1, 6) X(afsr1_el1, 7) X(far_el1, 8) X(mair_el1, 9)         \
	X(amair_el1, 10) X(vbar_el1, 11) X(tpidr_el0, 12) X(tpidrro_el0, 13)               \
	X(par_el1, 14) X(contextidr_el1, 15) X(sp_el1, 16) X(elr_el1, 17) X(spsr_el1, 18)  \
	X(mdscr_el1, 19) X(dbgbcr0_el1, 21) X(dbgwvr0_el1, 22) X(dbgwcr0_el1, 23)          \
	X(csselr_el1, 24) X(cntv_ctl_el0, 25) X(cntv_cval_el0, 26) X(cntp_ctl_el0, 27)     \
	X(cntp_cval_el0, 28) X(mdccint_el1, 29) X(dbgbvr1_el1, 31) X(dbgbcr1_el1, 32)              \
	X(dbgwvr1_el1, 33) X(dbgwcr1_el1, 34) X(osdlr_el1, 35) X(dbgprcr_el1, 36)

/* The PMU registers a guest writes when MDCR_EL2.TPM is clear (XSA-93: a
 * PMU shared between guests), N = 6 counters as on the Neoverse N1. The
 * set/clear pairs are saved from SET and restored by clearing every bit,
 * then setting the saved ones. */
#define PMUREGS(X)                                                                         \
	X(pmselr_el0, 38) X(pmccfiltr_el0, 39) X(pmccntr_el0, 40) X(pmcr_el0, 41)           \
	X(pmevcntr0_el0, 42) X(pmevcntr1_el0, 43) X(pmevcntr2_el0, 44)                     \
	X(pmevcntr3_el0, 45) X(pmevcntr4_el0, 46) X(pmevcntr5_el0, 47)                     \
	X(pmevtyper0_el0, 48) X(pmevtyper1_el0, 49) X(pmevtyper2_el0, 50)                  \
	X(pmevtyper3_el0, 51) X(pmevtyper4_el0, 52) X(pmevtyper5_el0, 53)
#define PMUPAIRS(X) X(pmcntenset_el0, pmcntenclr_el0, 54) X(pmintenset_el1, pmintenclr_el1, 55) \
	X(pmovsset_el0, pmovsclr_el0, 56)

static void save_sysregs(struct vcpu *v)
{
#define SAVE(r, i) v->sys[i] = READ(r);
	SYSREGS(SAVE)
#ifndef BUG_CNTKCTL_SAVE
	v->sys[20] = READ(cntkctl_el1);
#endif
#ifndef BUG_DEBUG_SHARED
	v->sys[30] = READ(dbgbvr0_el1);
#endif
#ifndef BUG_PMUSERENR_SAVE
	v->sys[37] = READ(pmuserenr_el0);
#endif
	PMUREGS(SAVE)
#undef SAVE
#define SAVE_PAIR(set, clr, i) v->sys[i] = READ(set);
	PMUPAIRS(SAVE_PAIR)
#undef SAVE_PAIR
	v->tpidr_el1 = READ(tpidr_el1);
}

static void load_sysregs(const struct vcpu *v)
{
#define LOAD(r, i) WRITE(r, v->sys[i]);
	SYSREGS(LOAD)
	WRITE(cntkctl_el1, v->sys[20]);
#ifndef BUG_DEBUG_SHARED
	WRITE(dbgbvr0_el1, v->sys[30]);
#endif
	WRITE(pmuserenr_el0, v->sys[37]);
	PMUREGS(LOAD)
#undef LOAD
#define LOAD_PAIR(set, clr, i) WRITE(clr, ~0ull); WRITE(set, v->sys[i]);
	PMUPAIRS(LOAD_PAIR)
#undef LOAD_PAIR
	WRITE(tpidr_el1, v->tpidr_el1);
}

static void load_config(const struct vcpu *v)
{
	WRITE(hcr_el2, v->hcr);
	WRITE(vttbr_el2, v->vttbr);
	WRITE(tpidr_el2, v);
	__asm__ volatile("isb");
}

/* Sets every vCPU up as its creator would: its stack, a first
 * __context_switch that lands in t1_return_to_guest on its own frame,
 * and what the hypervisor keeps for it (the loader wrote the guest's
 * registers, its frame and its configuration). */
void t1_main(struct vcpu *first)
{
	for (unsigned i = 0; i < 2; i++) {
		struct vcpu *v = vcpus[i];
		v->stack_top = (u64)stacks[i] + T1_STACK_SIZE;
		for (unsigned k = 0; k < 11; k++)
			v->saved.x19_x29[k] = 0;
		v->saved.sp = v->stack_top - FRAME_SIZE;
		v->saved.lr = (u64)t1_return_to_guest;
		v->id = i;
		v->mailbox = guest_base[i] + T1_MAILBOX_OFF;
		v->actlr = 0;
#ifndef BUG_UNINIT_CTX
		v->tpidr_el1 = 0;
#endif
	}
	current = first;
	load_sysregs(first);
	load_config(first);
}

static struct vcpu *find_vcpu(u64 id)
{
	return id < 2 ? vcpus[id] : NULL;
}

static void switch_to(struct vcpu *prev, struct vcpu *next)
{
	save_sysregs(prev);
	prev->hcr = READ(hcr_el2); /* a pending virtual SError stays prev's */
	load_sysregs(next);
#ifdef BUG_VSE_CARRIED
	WRITE(hcr_el2, next->hcr | (READ(hcr_el2) & (1u << 8)));
#else
	WRITE(hcr_el2, next->hcr);
#endif
	WRITE(vttbr_el2, next->vttbr);
#ifndef BUG_TPIDR_STALE
	WRITE(tpidr_el2, next);
#endif
	__asm__ volatile("isb");
	current = next;
	__context_switch(prev, next);
}

void t1_handle_sync(struct frame *f)
{
	struct vcpu *v = current;
	u64 esr = READ(esr_el2);
	unsigned ec = (unsigned)(esr >> 26);
	if (ec == 0x16) { /* HVC */
		if (f->x[0] == T1_HVC_SWITCH) {
			struct vcpu *next = find_vcpu(f->x[1]);
			f->x[0] = next ? 0 : ~0ull;
			if (next && next != v)
				switch_to(v, next);
			return;
		}
		f->x[0] = ~0ull; /* SMCCC NOT_SUPPORTED */
	} else if (ec == 0x18) { /* trapped MSR/MRS: ACTLR_EL1 under HCR_EL2.TACR */
		unsigned rt = (unsigned)(esr >> 5) & 0x1f;
		if (esr & 1) {
			if (rt != 31)
				f->x[rt] = v->actlr;
		} else {
			v->actlr = rt == 31 ? 0 : f->x[rt];
		}
		f->elr += 4;
	} else if (ec == 0x24) { /* data abort from the guest: emulated MMIO */
		unsigned rt = (unsigned)(esr >> 16) & 0x1f;
		if ((esr & (1u << 24)) && !(esr & (1u << 6)) && rt != 31)
			f->x[rt] = 0x1234; /* the device register */
		f->elr += 4;
	}
#ifdef BUG_RESUME_X19
	f->x[19] = 0x2121;
#endif
}

/* An interrupt is acknowledged and the guest resumed; in the irq-switch
 * flavour (-DT1_IRQ_SWITCH) it is the scheduler's tick: the other vCPU
 * runs next. */
void t1_handle_irq(struct frame *f)
{
	(void)f;
#ifdef T1_IRQ_SWITCH
	struct vcpu *v = current;
	switch_to(v, vcpus[(v->id + 1) % 2]);
#endif
}

static __attribute__((noinline)) void copy_out(volatile u64 *dst, const u64 *src, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		dst[i] = src[i];
}

/* T1_HVC_INFO: x0 = 0, x1 = the vCPU's id, a reply in its mailbox. */
void t1_handle_hvc_fast(struct frame *f, struct vcpu *v)
{
	u64 reply[4];
	reply[0] = 0;
	reply[1] = v->id;
	reply[2] = ++info_calls;
#ifndef BUG_STACK_LEAK
	reply[3] = 0;
#endif
	copy_out((volatile u64 *)v->mailbox, reply, 4);
	f->x[0] = 0;
	f->x[1] = v->id;
	f->x[2] = 0;
	f->x[3] = 0;
}
