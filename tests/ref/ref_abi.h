/* SPDX-License-Identifier: MIT */
/* The reference world switch's ABI: vCPU context layout, per-CPU data,
 * host call function IDs and exit codes. Shared by the assembly (offsets
 * as plain numbers), the C part (a struct checked against the offsets with
 * _Static_assert) and the tests. The profiles tests/ref/{nvhe,vhe}.profile
 * repeat these offsets for `el2sim check`; docs/reference.md explains them. */
#ifndef REF_ABI_H
#define REF_ABI_H

/* ---- struct cpu_ctxt: a guest vCPU context, or a host/hyp save area ---- */
#define CTXT_X(n)        ((n) * 8)   /* x0..x30: 0x000..0x0f0 */
#define CTXT_SP_EL0      0x0f8
#define CTXT_PC          0x100       /* guest PC, loaded into ELR_EL2 */
#define CTXT_PSTATE      0x108       /* guest PSTATE, loaded into SPSR_EL2 */
#define CTXT_SYS         0x110       /* EL1 system registers, SYS_* order */
#define CTXT_SYSREG(i)   (CTXT_SYS + (i) * 8)
/* exit information, written on every exit (0 where the architecture leaves
 * the register UNKNOWN for that exit) */
#define CTXT_ESR_EL2     0x200
#define CTXT_FAR_EL2     0x208
#define CTXT_HPFAR_EL2   0x210       /* on a stage-2 permission fault: from AT S1E1R */
#define CTXT_EXIT_CODE   0x218
#define CTXT_VTTBR_EL2   0x220       /* input: the guest's stage-2 base and VMID */
#define CTXT_HCR_EL2     0x228       /* input: the guest's HCR_EL2 (HCR_GUEST_*) */
#define CTXT_VTCR_EL2    0x230       /* input: the guest's VTCR_EL2 (VTCR_GUEST) */
#define CTXT_MDCR_EL2    0x238       /* input: the guest's MDCR_EL2 traps (MDCR_GUEST_TRAPS) */
#define CTXT_FP_STATE    0x240       /* handoff build: who owns the FP registers */
#define CTXT_HOST_FPST   0x248       /* handoff build: the host's FP save area */
#define CTXT_V(n)        (0x300 + (n) * 16) /* v0..v31 */
/* The FP/SIMD area from CTXT_V(0): V0-V31, then FPCR and FPSR as 64-bit
 * slots; the REF_FP_U32 builds (and the handoff build, REF_FP_HANDOFF) keep
 * Linux's struct user_fpsimd_state instead: 32-bit FPSR, then 32-bit FPCR. */
#if defined(REF_FP_HANDOFF) && !defined(REF_FP_U32)
#define REF_FP_U32 1
#endif
#ifdef REF_FP_U32
#define FPST_FPSR        0x200
#define FPST_FPCR        0x204
#else
#define FPST_FPCR        0x200
#define FPST_FPSR        0x208
#endif
#define FPST_SIZE        0x210
#define CTXT_FPCR        (CTXT_V(0) + FPST_FPCR)
#define CTXT_FPSR        (CTXT_V(0) + FPST_FPSR)
#define CTXT_SIZE        0x600

/* EL1 system registers in the context, one slot each */
#define SYS_SP_EL1        0
#define SYS_ELR_EL1       1
#define SYS_SPSR_EL1      2
#define SYS_SCTLR_EL1     3
#define SYS_CPACR_EL1     4
#define SYS_TTBR0_EL1     5
#define SYS_TTBR1_EL1     6
#define SYS_TCR_EL1       7
#define SYS_ESR_EL1       8
#define SYS_AFSR0_EL1     9
#define SYS_AFSR1_EL1    10
#define SYS_FAR_EL1      11
#define SYS_MAIR_EL1     12
#define SYS_VBAR_EL1     13
#define SYS_CONTEXTIDR_EL1 14
#define SYS_AMAIR_EL1    15
#define SYS_CNTKCTL_EL1  16
#define SYS_PAR_EL1      17
#define SYS_TPIDR_EL1    18
#define SYS_MDSCR_EL1    19
#define SYS_TPIDR_EL0    20
#define SYS_TPIDRRO_EL0  21
#define SYS_ACTLR_EL1    22
#define SYS_CSSELR_EL1   23
#define SYS_OSDLR_EL1    24
#define SYS_CNTV_CVAL_EL0 25
#define NR_SYS           26

/* ---- struct hyp_percpu: what TPIDR_EL2 points at ---- */
#define PCPU_HOST        0x0000  /* host save area (struct cpu_ctxt) */
#define PCPU_FRAME       0x0600  /* hyp C frame saved by __guest_enter */
#define PCPU_GUEST       0x0c00  /* context of the running guest, 0 if none */
#define PCPU_FP_OWNER    0x0c08  /* FP_OWNER_HOST or FP_OWNER_GUEST */
#define PCPU_HOST_HCR    0x0c10  /* host EL2 state switched for the guest */
#define PCPU_HOST_CPTR   0x0c18
#define PCPU_HOST_VTTBR  0x0c20
#define PCPU_HOST_VTCR   0x0c28
#define PCPU_HOST_ESR    0x0c30  /* VHE: the host's ESR/FAR/HPFAR_EL2 */
#define PCPU_HOST_FAR    0x0c38
#define PCPU_HOST_HPFAR  0x0c40
#define PCPU_HOST_MDCR   0x0c48  /* the host's MDCR_EL2 while the guest runs */
#define PCPU_SERROR      0x0c50  /* 1: an SError taken in __guest_exit's window */
#define PCPU_SIZE        0x1000

#define FP_OWNER_HOST    0
#define FP_OWNER_GUEST   1

/* the context's fp_state (handoff build), as Linux 6.x's vcpu->arch.fp_state:
 * the host sets it (HOST_OWNED) and the host save area pointer before the
 * call; the FP trap makes it GUEST_OWNED */
#define FP_STATE_FREE         0
#define FP_STATE_HOST_OWNED   1
#define FP_STATE_GUEST_OWNED  2

/* ---- exception kinds the vectors hand to __guest_exit (x1) ---- */
#define KIND_SYNC        0
#define KIND_IRQ         1
#define KIND_FIQ         2
#define KIND_SERROR      3

/* ---- exit codes: vcpu_run's result (x0 to the host) ---- */
#define EXIT_HVC         1  /* guest HVC (EC 0x16) */
#define EXIT_MMIO        2  /* data abort, stage-2 translation fault: unmapped IPA */
#define EXIT_S2_PERM     3  /* data abort, stage-2 permission fault: IPA via AT S1E1R */
#define EXIT_SYSREG      4  /* trapped MSR/MRS (EC 0x18), e.g. HCR_EL2.TVM */
#define EXIT_IRQ         5  /* physical IRQ routed to EL2 (HCR_EL2.IMO) */
#define EXIT_FIQ         6
#define EXIT_SERROR      7
#define EXIT_UNHANDLED   8  /* any other synchronous exception */
#define EXIT_RESUME      0  /* internal: handled at EL2, re-enter the guest */
/* or-ed into the exit code: an SError pending as the guest exited was taken
 * at EL2 in __guest_exit (KVM's ARM_EXIT_WITH_SERROR_BIT) */
#define EXIT_SERROR_BIT  0x80000000u

/* ---- host calls (nVHE): SMCCC fast call, SMC64, owner 6 (vendor hyp) ---- */
#define REF_FID_BASE       0xc6000000u
#define REF_FID_VERSION    0xc6000000u  /* -> REF_VERSION */
#define REF_FID_VCPU_RUN   0xc6000001u  /* x1 = context -> exit code */
#define REF_FID_UNKNOWN    0xc600ffffu  /* not implemented: rejected */
#define REF_NR_HCALLS      2
#define REF_VERSION        0x10000u     /* 1.0 */
/* SMCCC_ARCH_WORKAROUND_1: a guest's call answered at EL2 (guest_sync) */
#define SMCCC_ARCH_WORKAROUND_1 0x80008000 /* no suffix: used in assembly */
#define SMCCC_RET_SUCCESS        0
#define SMCCC_RET_NOT_SUPPORTED  (-1)

/* ---- EL2 configuration ---- */
#define HCR_RW    (1ull << 31)
#define HCR_E2H   (1ull << 34)
#define HCR_TGE   (1ull << 27)
#define HCR_VM    (1ull << 0)
#define HCR_AMO   (1ull << 5)
#define HCR_VSE   (1ull << 8)
/* guest: VM, SWIO, FMO, IMO, AMO, TSC, TVM, RW (+E2H under VHE) */
#define HCR_GUEST_NVHE 0x8408003bull
#define HCR_GUEST_VHE  (HCR_GUEST_NVHE | HCR_E2H)
/* the guest's debug register accesses trap (MDCR_EL2.TDRA, TDOSA, TDA),
 * as KVM does while the guest is not being debugged, and so do its PMU
 * accesses (TPM, TPMCR: KVM emulates the guest's PMU); the host prepares
 * them in the context (CTXT_MDCR_EL2), the switch adds them to the host's */
#define MDCR_TPMCR       (1ull << 5)
#define MDCR_TPM         (1ull << 6)
#define MDCR_GUEST_TRAPS ((1ull << 11) | (1ull << 10) | (1ull << 9) | MDCR_TPM | MDCR_TPMCR)
#define CPTR_TFP       (1ull << 10)       /* nVHE layout */
#define CPTR_FPEN      (3ull << 20)       /* E2H layout (CPACR_EL1 format) */
/* 40-bit IPA, start level 1, 4 KiB granule, inner shareable WB */
#define VTCR_GUEST     0x80023558ull

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct cpu_ctxt {
	uint64_t x[31];
	uint64_t sp_el0;
	uint64_t pc;
	uint64_t pstate;
	uint64_t sys[NR_SYS];
	uint64_t pad0[(CTXT_ESR_EL2 - CTXT_SYSREG(NR_SYS)) / 8];
	uint64_t esr_el2;
	uint64_t far_el2;
	uint64_t hpfar_el2;
	uint64_t exit_code;
	uint64_t vttbr_el2;
	uint64_t hcr_el2;
	uint64_t vtcr_el2;
	uint64_t mdcr_el2;
	uint64_t fp_state;
	void *host_fpsimd_state;
	uint64_t pad1[(CTXT_V(0) - CTXT_HOST_FPST - 8) / 8];
	uint64_t v[32][2];
#ifdef REF_FP_U32
	uint32_t fpsr, fpcr;
	uint64_t fpctl_pad;
#else
	uint64_t fpcr;
	uint64_t fpsr;
#endif
	uint64_t pad2[(CTXT_SIZE - CTXT_V(0) - FPST_SIZE) / 8];
};

/* The host's FP/SIMD save area of the handoff build (the host task's
 * struct user_fpsimd_state in Linux). */
struct ref_fpsimd_state {
	uint64_t v[32][2];
	uint32_t fpsr, fpcr;
	uint64_t pad;
};

struct hyp_percpu {
	struct cpu_ctxt host;
	struct cpu_ctxt frame;
	struct cpu_ctxt *guest;
	uint64_t fp_owner;
	uint64_t host_hcr, host_cptr, host_vttbr, host_vtcr;
	uint64_t host_esr, host_far, host_hpfar;
	uint64_t host_mdcr;
	uint64_t serror;
	uint64_t pad[(PCPU_SIZE - PCPU_SERROR - 8) / 8];
};

_Static_assert(offsetof(struct cpu_ctxt, sp_el0) == CTXT_SP_EL0, "sp_el0");
_Static_assert(offsetof(struct cpu_ctxt, pc) == CTXT_PC, "pc");
_Static_assert(offsetof(struct cpu_ctxt, pstate) == CTXT_PSTATE, "pstate");
_Static_assert(offsetof(struct cpu_ctxt, sys) == CTXT_SYS, "sys");
_Static_assert(offsetof(struct cpu_ctxt, esr_el2) == CTXT_ESR_EL2, "esr_el2");
_Static_assert(offsetof(struct cpu_ctxt, far_el2) == CTXT_FAR_EL2, "far_el2");
_Static_assert(offsetof(struct cpu_ctxt, hpfar_el2) == CTXT_HPFAR_EL2, "hpfar_el2");
_Static_assert(offsetof(struct cpu_ctxt, exit_code) == CTXT_EXIT_CODE, "exit_code");
_Static_assert(offsetof(struct cpu_ctxt, vttbr_el2) == CTXT_VTTBR_EL2, "vttbr_el2");
_Static_assert(offsetof(struct cpu_ctxt, hcr_el2) == CTXT_HCR_EL2, "hcr_el2");
_Static_assert(offsetof(struct cpu_ctxt, vtcr_el2) == CTXT_VTCR_EL2, "vtcr_el2");
_Static_assert(offsetof(struct cpu_ctxt, fp_state) == CTXT_FP_STATE, "fp_state");
_Static_assert(offsetof(struct cpu_ctxt, host_fpsimd_state) == CTXT_HOST_FPST, "host_fpst");
_Static_assert(offsetof(struct cpu_ctxt, v) == CTXT_V(0), "v");
_Static_assert(offsetof(struct ref_fpsimd_state, fpsr) == 0x200, "user_fpsimd_state fpsr");
_Static_assert(offsetof(struct ref_fpsimd_state, fpcr) == 0x204, "user_fpsimd_state fpcr");
_Static_assert(offsetof(struct cpu_ctxt, fpcr) == CTXT_FPCR, "fpcr");
_Static_assert(offsetof(struct cpu_ctxt, fpsr) == CTXT_FPSR, "fpsr");
_Static_assert(sizeof(struct cpu_ctxt) == CTXT_SIZE, "cpu_ctxt size");
_Static_assert(offsetof(struct cpu_ctxt, mdcr_el2) == CTXT_MDCR_EL2, "mdcr_el2");
_Static_assert(offsetof(struct cpu_ctxt, fp_state) == CTXT_FP_STATE, "fp_state");
_Static_assert(offsetof(struct hyp_percpu, frame) == PCPU_FRAME, "frame");
_Static_assert(offsetof(struct hyp_percpu, guest) == PCPU_GUEST, "guest");
_Static_assert(offsetof(struct hyp_percpu, fp_owner) == PCPU_FP_OWNER, "fp_owner");
_Static_assert(offsetof(struct hyp_percpu, host_hcr) == PCPU_HOST_HCR, "host_hcr");
_Static_assert(offsetof(struct hyp_percpu, host_vtcr) == PCPU_HOST_VTCR, "host_vtcr");
_Static_assert(offsetof(struct hyp_percpu, host_hpfar) == PCPU_HOST_HPFAR, "host_hpfar");
_Static_assert(offsetof(struct hyp_percpu, host_mdcr) == PCPU_HOST_MDCR, "host_mdcr");
_Static_assert(offsetof(struct hyp_percpu, serror) == PCPU_SERROR, "serror");
_Static_assert(sizeof(struct hyp_percpu) == PCPU_SIZE, "hyp_percpu size");
#endif

#endif
