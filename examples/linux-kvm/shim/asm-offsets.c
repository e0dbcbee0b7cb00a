/* SPDX-License-Identifier: MIT */
/* Generates asm-offsets.h for the kernel's hyp assembly from our layout
 * (kvm_shim.h), the way the kernel's own asm-offsets.c does: compiled to
 * assembly, every DEFINE leaves a "->NAME VALUE" line that run.sh turns
 * into a #define. */
#include <stddef.h>
#include "kvm_shim.h"

#define DEFINE(sym, val) \
	__asm__ volatile("\n.ascii \"->" #sym " %0\"" : : "i"(val))

void asm_offsets(void);
void asm_offsets(void)
{
	DEFINE(VCPU_CONTEXT, offsetof(struct shim_vcpu, ctxt));
	DEFINE(VCPU_FAULT_DISR, offsetof(struct shim_vcpu, disr_el1));
	DEFINE(VCPU_HCR_EL2, offsetof(struct shim_vcpu, hcr_el2));
	DEFINE(CPU_USER_PT_REGS, offsetof(struct shim_cpu_context, regs));
	DEFINE(CPU_RGSR_EL1, offsetof(struct shim_cpu_context, sys_regs[RGSR_EL1]));
	DEFINE(CPU_GCR_EL1, offsetof(struct shim_cpu_context, sys_regs[GCR_EL1]));
	DEFINE(CPU_APIAKEYLO_EL1, offsetof(struct shim_cpu_context, sys_regs[APIAKEYLO_EL1]));
	DEFINE(CPU_APIBKEYLO_EL1, offsetof(struct shim_cpu_context, sys_regs[APIBKEYLO_EL1]));
	DEFINE(CPU_APDAKEYLO_EL1, offsetof(struct shim_cpu_context, sys_regs[APDAKEYLO_EL1]));
	DEFINE(CPU_APDBKEYLO_EL1, offsetof(struct shim_cpu_context, sys_regs[APDBKEYLO_EL1]));
	DEFINE(CPU_APGAKEYLO_EL1, offsetof(struct shim_cpu_context, sys_regs[APGAKEYLO_EL1]));
	DEFINE(HOST_CONTEXT_VCPU, offsetof(struct shim_cpu_context, __hyp_running_vcpu));
	DEFINE(HOST_DATA_CONTEXT, offsetof(struct shim_host_data, host_ctxt));
	/* the profile's offsets, checked against kvm.profile by run.sh */
	DEFINE(SHIM_GUEST_SYS, offsetof(struct shim_vcpu, ctxt.sys_regs));
	DEFINE(SHIM_GUEST_FP, offsetof(struct shim_vcpu, ctxt.fp_regs));
	DEFINE(SHIM_GUEST_HCR, offsetof(struct shim_vcpu, hcr_el2));
	DEFINE(SHIM_GUEST_ESR, offsetof(struct shim_vcpu, esr_el2));
}
