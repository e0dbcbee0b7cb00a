/* SPDX-License-Identifier: MIT */
/* The vCPU and CPU-context layout of the el2sim Linux KVM example. This is
 * our own layout, not the kernel's: the kernel's hyp assembly only ever
 * reaches these structures through asm-offsets (VCPU_CONTEXT,
 * CPU_USER_PT_REGS, ...), and asm-offsets.c derives those from the structs
 * below. kvm.profile gives the same offsets to el2sim check; a test in
 * run.sh compares the two. */
#ifndef KVM_SHIM_H
#define KVM_SHIM_H

#ifndef __ASSEMBLER__
#include <stdint.h>

/* sys_regs[] indices: the EL1/EL0 state the world switch saves and loads
 * (one per line, in the order the save and restore functions use). */
enum shim_sysreg {
	SP_EL1, ELR_EL1, SPSR_EL1, SCTLR_EL1, CPACR_EL1, TTBR0_EL1, TTBR1_EL1,
	TCR_EL1, ESR_EL1, AFSR0_EL1, AFSR1_EL1, FAR_EL1, MAIR_EL1, VBAR_EL1,
	CONTEXTIDR_EL1, AMAIR_EL1, CNTKCTL_EL1, PAR_EL1, TPIDR_EL1, MDSCR_EL1,
	TPIDR_EL0, TPIDRRO_EL0, ACTLR_EL1, CSSELR_EL1, OSDLR_EL1, CNTV_CVAL_EL0,
	DISR_EL1,
	/* reached by asm-offsets only (MTE and pointer-authentication keys) */
	RGSR_EL1, GCR_EL1, TFSRE0_EL1,
	APIAKEYLO_EL1, APIAKEYHI_EL1, APIBKEYLO_EL1, APIBKEYHI_EL1,
	APDAKEYLO_EL1, APDAKEYHI_EL1, APDBKEYLO_EL1, APDBKEYHI_EL1,
	APGAKEYLO_EL1, APGAKEYHI_EL1,
	NR_SYS_REGS
};

struct shim_user_pt_regs {
	uint64_t regs[31];
	uint64_t sp;       /* the guest's SP_EL0 (CPU_SP_EL0_OFFSET) */
	uint64_t pc;       /* ELR_EL2 at entry */
	uint64_t pstate;   /* SPSR_EL2 at entry */
};

/* __fpsimd_save_state's layout: q0-q31, then 32-bit FPSR and FPCR */
struct shim_fpsimd_state {
	__uint128_t vregs[32];
	uint32_t fpsr;
	uint32_t fpcr;
	uint64_t pad;
};

struct shim_cpu_context {
	struct shim_user_pt_regs regs;
	struct shim_fpsimd_state fp_regs;
	uint64_t sys_regs[NR_SYS_REGS];
	struct shim_vcpu *__hyp_running_vcpu;
};

struct shim_vcpu {
	uint64_t vcpu_id;
	uint64_t pad[7];
	struct shim_cpu_context ctxt;     /* VCPU_CONTEXT */
	/* the guest's configuration, prepared by the host */
	uint64_t hcr_el2;
	uint64_t vttbr_el2;
	uint64_t vtcr_el2;
	uint64_t mdcr_el2;
	/* exit information for the host */
	uint64_t esr_el2;
	uint64_t far_el2;
	uint64_t hpfar_el2;
	uint64_t disr_el1;                /* VCPU_FAULT_DISR */
};

struct shim_host_data {
	struct shim_cpu_context host_ctxt;
	uint64_t host_hcr, host_cptr, host_mdcr, host_vttbr, host_vtcr;
};
#endif

/* host calls: SMCCC fast call, 64-bit, vendor-specific hypervisor service,
 * as KVM_HOST_SMCCC_FUNC(__kvm_vcpu_run) builds them */
#define SHIM_FID_BASE      0xc6000000u
#define SHIM_FID_VCPU_RUN  (SHIM_FID_BASE + 1)
#endif
