// SPDX-License-Identifier: MIT
/* The reference world switch, C part: the vCPU run loop, the save/restore of
 * EL1 and EL2 state (paired functions, one register per line), exit
 * handling (stage-2 permission faults resolved with AT S1E1R, lazy FP/SIMD)
 * and, for nVHE, the SMCCC host call table. Compiled for EL2 with clang
 * -ffreestanding -mgeneral-regs-only -ffixed-x18; the assembly half is
 * hyp_entry.S. */
#include <stdint.h>

#include "ref_abi.h"

#define STR_(x) #x
#define read_sysreg_(r) ({ uint64_t v_; __asm__ volatile("mrs %0, " STR_(r) : "=r"(v_)); v_; })
#define write_sysreg_(v, r) __asm__ volatile("msr " STR_(r) ", %x0" : : "rZ"((uint64_t)(v)))
/* Two levels so that EL1_REG(...) expands before it is turned into text. */
#define read_sysreg(r) read_sysreg_(r)
#define write_sysreg(v, r) write_sysreg_(v, r)
#define isb() __asm__ volatile("isb" : : : "memory")

/* EL1 registers that HCR_EL2.E2H redirects are reached through their _EL12
 * names at EL2 under VHE; the others (SP_EL1, PAR, TPIDR, MDSCR, TPIDR_EL0,
 * TPIDRRO_EL0) are never redirected. */
#ifdef REF_VHE
#define EL1_REG(name) name##_el12
#define EL0_REG(name) name##_el02
#else
#define EL1_REG(name) name##_el1
#define EL0_REG(name) name##_el0
#endif

/* Seeded bugs: one guest EL1 register is not saved on exit (the host's
 * still is): TPIDR_EL1, TTBR0_EL1 (harmless only while HCR_EL2.TVM keeps
 * the guest from writing it), TPIDRRO_EL0, CNTKCTL_EL1 (XSA-91 style: the
 * restore is there, the save is not). */
#ifdef BUG_EL1_SYSREG
#define SKIP_GUEST_TPIDR_EL1 1
#else
#define SKIP_GUEST_TPIDR_EL1 0
#endif
#ifdef BUG_TTBR0_NOT_SAVED
#define SKIP_GUEST_TTBR0_EL1 1
#else
#define SKIP_GUEST_TTBR0_EL1 0
#endif
#ifdef BUG_TPIDRRO_NOT_SAVED
#define SKIP_GUEST_TPIDRRO_EL0 1
#else
#define SKIP_GUEST_TPIDRRO_EL0 0
#endif
#ifdef BUG_CNTKCTL_NOT_SAVED
#define SKIP_GUEST_CNTKCTL_EL1 1
#else
#define SKIP_GUEST_CNTKCTL_EL1 0
#endif
/* Seeded bug (VHE): the guest's EL0 thread registers TPIDR_EL0 and
 * TPIDRRO_EL0 are never loaded, as if the guest's EL1/EL0 state stayed
 * resident between runs because the VHE host reaches its own through the
 * _EL2 registers; E2H does not redirect these two, so the guest runs on
 * the host's user thread pointers. */
#ifdef BUG_USER_NOT_LOADED
#define SKIP_GUEST_USER_LOAD 1
#else
#define SKIP_GUEST_USER_LOAD 0
#endif

#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define EC_FP 0x07
#define EC_HVC64 0x16
#define EC_SYSREG 0x18
#define EC_IABT_LOW 0x20
#define EC_DABT_LOW 0x24
#define ESR_S1PTW (1ull << 7)
#define FSC_TYPE(esr) ((esr) & 0x3c)    /* DFSC without the level */
#define FSC_ADDR_SIZE 0x00
#define FSC_TRANSLATION 0x04
#define FSC_ACCESS_FLAG 0x08
#define FSC_PERMISSION 0x0c
#define PAR_F 1ull
#define PAR_PA(par) ((par) & 0x0000fffffffff000ull) /* PA[47:12] */

uint64_t __guest_enter(struct cpu_ctxt *guest, struct cpu_ctxt *frame);
/* FP/SIMD areas: V0-V31 then FPCR/FPSR (ref_abi.h, FPST_*). */
void fpsimd_save(void *fpst);
void fpsimd_load_guest(const void *fpst);
void fpsimd_load_host(const void *fpst);
uint64_t vcpu_run(struct cpu_ctxt *g);
void handle_host_trap(struct cpu_ctxt *host);

static inline struct hyp_percpu *this_cpu(void)
{
	return (struct hyp_percpu *)read_sysreg(tpidr_el2);
}

/* ---- EL1 state: save and restore as a pair, same order ---- */
static inline void sysreg_save_el1(struct cpu_ctxt *c, int guest)
{
	c->sys[SYS_SP_EL1]        = read_sysreg(sp_el1);
	c->sys[SYS_ELR_EL1]       = read_sysreg(EL1_REG(elr));
	c->sys[SYS_SPSR_EL1]      = read_sysreg(EL1_REG(spsr));
	c->sys[SYS_SCTLR_EL1]     = read_sysreg(EL1_REG(sctlr));
	c->sys[SYS_CPACR_EL1]     = read_sysreg(EL1_REG(cpacr));
	if (!(SKIP_GUEST_TTBR0_EL1 && guest))
		c->sys[SYS_TTBR0_EL1] = read_sysreg(EL1_REG(ttbr0));
	c->sys[SYS_TTBR1_EL1]     = read_sysreg(EL1_REG(ttbr1));
	c->sys[SYS_TCR_EL1]       = read_sysreg(EL1_REG(tcr));
	c->sys[SYS_ESR_EL1]       = read_sysreg(EL1_REG(esr));
	c->sys[SYS_AFSR0_EL1]     = read_sysreg(EL1_REG(afsr0));
	c->sys[SYS_AFSR1_EL1]     = read_sysreg(EL1_REG(afsr1));
	c->sys[SYS_FAR_EL1]       = read_sysreg(EL1_REG(far));
#ifdef BUG_EL1_VS_EL12
	/* Seeded bug: the guest's MAIR read through MAIR_EL1, which E2H
	 * redirects to the host's MAIR_EL2. */
	c->sys[SYS_MAIR_EL1]      = guest ? read_sysreg(mair_el1) : read_sysreg(EL1_REG(mair));
#else
	c->sys[SYS_MAIR_EL1]      = read_sysreg(EL1_REG(mair));
#endif
	c->sys[SYS_VBAR_EL1]      = read_sysreg(EL1_REG(vbar));
	c->sys[SYS_CONTEXTIDR_EL1] = read_sysreg(EL1_REG(contextidr));
	c->sys[SYS_AMAIR_EL1]     = read_sysreg(EL1_REG(amair));
	if (!(SKIP_GUEST_CNTKCTL_EL1 && guest))
		c->sys[SYS_CNTKCTL_EL1] = read_sysreg(EL1_REG(cntkctl));
	c->sys[SYS_PAR_EL1]       = read_sysreg(par_el1);
	if (!(SKIP_GUEST_TPIDR_EL1 && guest))
		c->sys[SYS_TPIDR_EL1] = read_sysreg(tpidr_el1);
	c->sys[SYS_MDSCR_EL1]     = read_sysreg(mdscr_el1);
	c->sys[SYS_TPIDR_EL0]     = read_sysreg(tpidr_el0);
	if (!(SKIP_GUEST_TPIDRRO_EL0 && guest))
		c->sys[SYS_TPIDRRO_EL0] = read_sysreg(tpidrro_el0);
	c->sys[SYS_ACTLR_EL1]     = read_sysreg(actlr_el1);
	c->sys[SYS_CSSELR_EL1]    = read_sysreg(csselr_el1);
	c->sys[SYS_OSDLR_EL1]     = read_sysreg(osdlr_el1);
	c->sys[SYS_CNTV_CVAL_EL0] = read_sysreg(EL0_REG(cntv_cval));
}

static inline void sysreg_restore_el1(const struct cpu_ctxt *c, int guest)
{
	write_sysreg(c->sys[SYS_SP_EL1],        sp_el1);
	write_sysreg(c->sys[SYS_ELR_EL1],       EL1_REG(elr));
	write_sysreg(c->sys[SYS_SPSR_EL1],      EL1_REG(spsr));
	write_sysreg(c->sys[SYS_SCTLR_EL1],     EL1_REG(sctlr));
	write_sysreg(c->sys[SYS_CPACR_EL1],     EL1_REG(cpacr));
	write_sysreg(c->sys[SYS_TTBR0_EL1],     EL1_REG(ttbr0));
	write_sysreg(c->sys[SYS_TTBR1_EL1],     EL1_REG(ttbr1));
	write_sysreg(c->sys[SYS_TCR_EL1],       EL1_REG(tcr));
	write_sysreg(c->sys[SYS_ESR_EL1],       EL1_REG(esr));
	write_sysreg(c->sys[SYS_AFSR0_EL1],     EL1_REG(afsr0));
	write_sysreg(c->sys[SYS_AFSR1_EL1],     EL1_REG(afsr1));
	write_sysreg(c->sys[SYS_FAR_EL1],       EL1_REG(far));
#ifdef BUG_EL12_LOAD
	/* Seeded bug: MAIR written through MAIR_EL1, which E2H redirects to
	 * MAIR_EL2, for the guest's load and the host's restore alike: the
	 * host's MAIR_EL2 is overwritten, the guest runs on the host's
	 * MAIR_EL1 and the host gets the guest's back. */
	write_sysreg(c->sys[SYS_MAIR_EL1],      mair_el1);
#else
	write_sysreg(c->sys[SYS_MAIR_EL1],      EL1_REG(mair));
#endif
	write_sysreg(c->sys[SYS_VBAR_EL1],      EL1_REG(vbar));
	write_sysreg(c->sys[SYS_CONTEXTIDR_EL1], EL1_REG(contextidr));
	write_sysreg(c->sys[SYS_AMAIR_EL1],     EL1_REG(amair));
	write_sysreg(c->sys[SYS_CNTKCTL_EL1],   EL1_REG(cntkctl));
	write_sysreg(c->sys[SYS_PAR_EL1],       par_el1);
	write_sysreg(c->sys[SYS_TPIDR_EL1],     tpidr_el1);
	write_sysreg(c->sys[SYS_MDSCR_EL1],     mdscr_el1);
	if (!(SKIP_GUEST_USER_LOAD && guest)) {
		write_sysreg(c->sys[SYS_TPIDR_EL0],   tpidr_el0);
		write_sysreg(c->sys[SYS_TPIDRRO_EL0], tpidrro_el0);
	}
	write_sysreg(c->sys[SYS_ACTLR_EL1],     actlr_el1);
	write_sysreg(c->sys[SYS_CSSELR_EL1],    csselr_el1);
	write_sysreg(c->sys[SYS_OSDLR_EL1],     osdlr_el1);
	write_sysreg(c->sys[SYS_CNTV_CVAL_EL0], EL0_REG(cntv_cval));
}

/* ---- the host's EL2 state that the guest run changes: a pair too ---- */
static inline void el2_save_host(struct hyp_percpu *p)
{
	p->host_hcr   = read_sysreg(hcr_el2);
	p->host_cptr  = read_sysreg(cptr_el2);
	p->host_mdcr  = read_sysreg(mdcr_el2);
	p->host_vttbr = read_sysreg(vttbr_el2);
	p->host_vtcr  = read_sysreg(vtcr_el2);
#ifdef REF_VHE
	/* Under VHE these are the host kernel's ELR/SPSR/ESR/FAR "_EL1". */
	p->host.pc     = read_sysreg(elr_el2);
	p->host.pstate = read_sysreg(spsr_el2);
	p->host_esr   = read_sysreg(esr_el2);
	p->host_far   = read_sysreg(far_el2);
	p->host_hpfar = read_sysreg(hpfar_el2);
#endif
}

/* A virtual SError the host asked for (HCR_EL2.VSE in the context) and the
 * guest has not taken yet stays pending for its next entry: HCR_EL2 is read
 * back into the context when VSE was set, as KVM's __deactivate_traps does
 * (taking it clears VSE, so a taken one is not injected twice). */
static inline void save_guest_hcr(struct cpu_ctxt *g)
{
#ifdef BUG_VSE_LOST
	g->hcr_el2 &= ~HCR_VSE; /* seeded: the injection taken as delivered */
#else
	if (g->hcr_el2 & HCR_VSE)
		g->hcr_el2 = read_sysreg(hcr_el2);
#endif
}

static inline void el2_restore_host(const struct hyp_percpu *p)
{
#ifdef BUG_VSE_LEAK
	/* seeded: the guest's pending virtual SError carried into the host */
	write_sysreg(p->host_hcr | (read_sysreg(hcr_el2) & HCR_VSE), hcr_el2);
#else
	write_sysreg(p->host_hcr,   hcr_el2);
#endif
	/* CPTR_EL2 is restored after the FP/SIMD switch back (vcpu_run). */
	write_sysreg(p->host_vttbr, vttbr_el2);
	write_sysreg(p->host_vtcr,  vtcr_el2);
	write_sysreg(p->host_mdcr,  mdcr_el2);
#ifdef REF_VHE
	write_sysreg(p->host.pc,     elr_el2);
	write_sysreg(p->host.pstate, spsr_el2);
	write_sysreg(p->host_esr,   esr_el2);
	write_sysreg(p->host_far,   far_el2);
	write_sysreg(p->host_hpfar, hpfar_el2);
#endif
	isb();
}

/* FP/SIMD traps for the guest's first use: CPTR_EL2.TFP (nVHE layout) or
 * CPTR_EL2.FPEN = 0b00 (E2H layout, traps EL0-EL2). */
static inline uint64_t cptr_fp_trapped(uint64_t cptr)
{
#ifdef REF_VHE
	return cptr & ~CPTR_FPEN;
#else
	return cptr | CPTR_TFP;
#endif
}

static inline uint64_t cptr_fp_allowed(uint64_t cptr)
{
#ifdef REF_VHE
	return cptr | CPTR_FPEN;
#else
	return cptr & ~CPTR_TFP;
#endif
}

/* The guest's configuration comes from its context, as the host prepared
 * it (HCR_GUEST_* with or without TVM; under VHE with E2H and TGE clear;
 * its stage-2 base and controls). */
static inline void activate_traps(const struct hyp_percpu *p, const struct cpu_ctxt *g)
{
#ifdef BUG_VM_CLEAR
	write_sysreg(g->hcr_el2 & ~HCR_VM, hcr_el2);
#elif defined(BUG_AMO_CLEAR)
	write_sysreg(g->hcr_el2 & ~HCR_AMO, hcr_el2); /* SErrors go to the guest's EL1 */
#elif defined(BUG_VSE_DROPPED)
	write_sysreg(g->hcr_el2 & ~HCR_VSE, hcr_el2); /* the host's virtual SError lost */
#else
	write_sysreg(g->hcr_el2, hcr_el2);
#endif
	write_sysreg(cptr_fp_trapped(p->host_cptr), cptr_el2);
#ifdef BUG_PMU_UNTRAPPED
	/* XSA-93/351 style: the guest's PMU traps are dropped, so it reads and
	 * programs the PMU the host (and every other guest) uses */
	write_sysreg(p->host_mdcr | (g->mdcr_el2 & ~(MDCR_TPM | MDCR_TPMCR)), mdcr_el2);
#else
	write_sysreg(p->host_mdcr | g->mdcr_el2, mdcr_el2);
#endif
#ifndef BUG_VTTBR_STALE
	write_sysreg(g->vttbr_el2, vttbr_el2);
#endif
#ifndef BUG_VTCR_HOST
	write_sysreg(g->vtcr_el2, vtcr_el2);
#endif
#ifdef BUG_S2_MAP_HYP
	/* Shares memory with the guest by mistake: a 1 GiB block at IPA ==
	 * PA 0x40000000 (the hypervisor's image and the host) in the guest's
	 * level-1 table (VTCR_GUEST: 40-bit IPA from level 1, index 1). Needs
	 * the guest's tables in memory: the -s2 profiles. */
	((volatile uint64_t *)(g->vttbr_el2 & 0xfffffffffffeull))[1] =
		0x40000000ull | (0xfull << 2) | (3ull << 6) | (3ull << 8) | (1ull << 10) | 1ull;
#endif
	isb();
}

#ifdef REF_FP_HANDOFF
/* Linux's lazy FP design: on the guest's first FP use, the host's FP/SIMD
 * registers are saved in the host's own area (the host task's
 * user_fpsimd_state, which the host points the context at, as it sets
 * fp_state = HOST_OWNED, before the call); at the exit the guest's stay
 * live and fp_state = GUEST_OWNED says so: the host kernel saves them into
 * the context when it needs the FPU and reloads its own lazily. The area
 * itself lives here only because the reference has no host kernel. */
struct ref_fpsimd_state host_fpsimd_state;
#define HOST_FPST(p, g) ((void)(p), (g)->host_fpsimd_state)
#else
#define HOST_FPST(p, g) ((void)(g), (p)->host.v)
#endif

/* Lazy FP/SIMD: the guest's first FP instruction trapped (EC 0x07). Give the
 * guest the registers and let it retry the instruction. */
static uint64_t fp_trap(struct hyp_percpu *p, struct cpu_ctxt *g)
{
	if (p->fp_owner == FP_OWNER_GUEST)
		return EXIT_UNHANDLED;
	write_sysreg(cptr_fp_allowed(read_sysreg(cptr_el2)), cptr_el2);
	isb();
#ifdef REF_FP_HANDOFF
#ifndef BUG_HOST_FP_LOST
	if (g->fp_state == FP_STATE_HOST_OWNED)
		fpsimd_save(HOST_FPST(p, g));
#endif
#ifndef BUG_FP_OWNER_UNSET
	g->fp_state = FP_STATE_GUEST_OWNED;
#endif
#else
	fpsimd_save(HOST_FPST(p, g));
#endif
	fpsimd_load_guest(g->v);
	p->fp_owner = FP_OWNER_GUEST;
	return EXIT_RESUME;
}

/* Seed 4: on a stage-2 permission fault HPFAR_EL2 is not valid (unless the
 * fault was on a stage-1 walk). The IPA comes from translating FAR_EL2 with
 * the guest's stage 1 (AT S1E1R, the guest's EL1 regime is still live) and
 * reading PAR_EL1, whose guest value is kept. False if stage 1 no longer
 * maps the address: the guest then retries and faults again. */
#ifndef BUG_HPFAR
static int translate_far(uint64_t far, uint64_t *hpfar)
{
	uint64_t saved = read_sysreg(par_el1);
	__asm__ volatile("at s1e1r, %0" : : "r"(far));
	isb();
	uint64_t par = read_sysreg(par_el1);
	write_sysreg(saved, par_el1);
	if (par & PAR_F)
		return 0;
	*hpfar = PAR_PA(par) >> 8; /* HPFAR_EL2.FIPA[43:4] = IPA[51:12] */
	return 1;
}
#endif

/* IPAValid: HPFAR_EL2 holds the IPA for a fault on a stage-1 walk and for
 * stage-2 Address size, Translation and Access flag faults; otherwise
 * (stage-2 Permission, External aborts) it is UNKNOWN. */
static int hpfar_valid(uint64_t esr)
{
	uint64_t t = FSC_TYPE(esr);
	if (esr & ESR_S1PTW)
		return t <= FSC_PERMISSION;
	return t == FSC_ADDR_SIZE || t == FSC_TRANSLATION || t == FSC_ACCESS_FLAG;
}

/* The guest fetched from an IPA its stage 2 does not let it execute (or
 * whose walk failed): nothing to emulate, but the host gets the fault
 * information. */
static uint64_t instr_abort(struct cpu_ctxt *g, uint64_t esr)
{
	g->far_el2 = read_sysreg(far_el2);
	if (hpfar_valid(esr))
		g->hpfar_el2 = read_sysreg(hpfar_el2);
	return EXIT_UNHANDLED;
}

static uint64_t data_abort(struct cpu_ctxt *g, uint64_t esr)
{
	uint64_t far = read_sysreg(far_el2);
#ifndef BUG_FAR_LOST
	g->far_el2 = far; /* the faulting address, for the host's MMIO emulation */
#endif
	if (FSC_TYPE(esr) == FSC_PERMISSION && !(esr & ESR_S1PTW)) {
#ifdef BUG_HPFAR
		g->hpfar_el2 = read_sysreg(hpfar_el2);
#else
		uint64_t hpfar;
		if (!translate_far(far, &hpfar))
			return EXIT_RESUME;
		g->hpfar_el2 = hpfar;
#endif
		return EXIT_S2_PERM;
	}
	if (hpfar_valid(esr))
		g->hpfar_el2 = read_sysreg(hpfar_el2);
	switch (FSC_TYPE(esr)) {
	case FSC_TRANSLATION:
	case FSC_ACCESS_FLAG:
#ifdef BUG_EXIT_CODE
		return EXIT_HVC; /* seeded: a classification slip */
#else
		return EXIT_MMIO;
#endif
	case FSC_PERMISSION:
		return EXIT_S2_PERM;
	default:
		return EXIT_UNHANDLED;
	}
}

/* Classifies an exit and records ESR/FAR/HPFAR_EL2 in the context (0 where
 * the architecture leaves them UNKNOWN or unchanged for this exit). */
static uint64_t handle_exit(struct hyp_percpu *p, struct cpu_ctxt *g, uint64_t kind)
{
	g->esr_el2 = 0;
	g->far_el2 = 0;
	g->hpfar_el2 = 0;
	switch (kind) {
	case KIND_IRQ:
		return EXIT_IRQ;
	case KIND_FIQ:
		return EXIT_FIQ;
	case KIND_SERROR:
		return EXIT_SERROR;
	default:
		break;
	}
	uint64_t esr = read_sysreg(esr_el2);
	g->esr_el2 = esr;
	switch (ESR_EC(esr)) {
	case EC_HVC64:
		return EXIT_HVC;
	case EC_SYSREG:
		return EXIT_SYSREG;
	case EC_FP:
		return fp_trap(p, g);
	case EC_DABT_LOW:
		return data_abort(g, esr);
	case EC_IABT_LOW:
		return instr_abort(g, esr);
	default:
		return EXIT_UNHANDLED;
	}
}

/* Runs the guest until an exit the host must see; returns the exit code. */
uint64_t vcpu_run(struct cpu_ctxt *g)
{
	struct hyp_percpu *p = this_cpu();
	uint64_t code;

	el2_save_host(p);
	sysreg_save_el1(&p->host, 0);
	sysreg_restore_el1(g, 1);
	activate_traps(p, g);
	p->fp_owner = FP_OWNER_HOST;

	do {
		uint64_t kind = __guest_enter(g, &p->frame);
		code = handle_exit(p, g, kind);
		if (p->serror) { /* the guest's SError, taken in __guest_exit */
			p->serror = 0;
			code |= EXIT_SERROR_BIT;
		}
#ifdef BUG_HOST_SP_EL0_LATE
		write_sysreg(p->frame.sp_el0, sp_el0); /* after C ran with the guest's */
#endif
	} while (code == EXIT_RESUME);

	sysreg_save_el1(g, 1);
#ifdef BUG_HOST_IN_GUEST_RAM_EXIT
	/* seeded: the saved host x19 "parked" in guest RAM on the way out, for
	 * the guest to find at its next entry */
	*(volatile uint64_t *)0x80000200ull = p->host.x[19];
#endif
	save_guest_hcr(g);
	el2_restore_host(p);
#if !defined(REF_FP_HANDOFF) || defined(BUG_FP_OWNER_STALE)
	/* handoff: the guest's FP state stays live for the host (the seeded
	 * bug switches back eagerly but leaves fp_state saying "guest") */
	if (p->fp_owner == FP_OWNER_GUEST) {
		fpsimd_save(g->v);
		fpsimd_load_host(HOST_FPST(p, g));
		p->fp_owner = FP_OWNER_HOST;
	}
#endif
	write_sysreg(p->host_cptr, cptr_el2);
	sysreg_restore_el1(&p->host, 0);
	isb();
	g->exit_code = code;
	return code;
}

#ifndef REF_VHE
/* ---- nVHE host calls: SMCCC function ID in x0, arguments in x1.. ---- */
typedef int64_t (*hcall_fn)(struct cpu_ctxt *host);

static int64_t hc_version(struct cpu_ctxt *host)
{
#ifdef BUG_VERSION_CLOBBER
	host->x[1] = REF_VERSION; /* seeded: the version in x1 as well */
#else
	(void)host;
#endif
#ifdef BUG_VERSION_WRONG
	return REF_VERSION >> 16; /* seeded: the major number in the minor field */
#else
	return REF_VERSION;
#endif
}

static int64_t hc_vcpu_run(struct cpu_ctxt *host)
{
	return (int64_t)vcpu_run((struct cpu_ctxt *)host->x[1]);
}

/* Seed 5: the dispatch table, indexed by the function number. */
static const hcall_fn hcall_table[REF_NR_HCALLS] = {
	[REF_FID_VERSION & 0xffff] = hc_version,
	[REF_FID_VCPU_RUN & 0xffff] = hc_vcpu_run,
};

/* A synchronous exception from the host: an HVC with a known function ID
 * is dispatched; anything else gets NOT_SUPPORTED and changes no EL2 state
 * (seed 2). The status goes back in the host context's x0. */
void handle_host_trap(struct cpu_ctxt *host)
{
	uint64_t esr = read_sysreg(esr_el2);
	uint32_t fid = (uint32_t)host->x[0];
	uint32_t num = fid & 0xffffu;

	if (ESR_EC(esr) != EC_HVC64 || (fid & 0xffff0000u) != REF_FID_BASE ||
	    num >= REF_NR_HCALLS) {
#ifdef BUG_TPIDR_EL2
		write_sysreg(fid, tpidr_el2); /* "remember the rejected call" */
#endif
		host->x[0] = (uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED;
		return;
	}
	host->x[0] = (uint64_t)hcall_table[num](host);
}
#endif
