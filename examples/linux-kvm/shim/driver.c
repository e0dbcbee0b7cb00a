/* SPDX-License-Identifier: MIT */
/* The C half of the el2sim Linux KVM example: plays the parts of the
 * kernel's nVHE hyp C code around the real assembly (entry.S, hyp-entry.S,
 * nvhe/host.S, fpsimd.S, built unchanged): handle_trap (the host's HVC
 * dispatch), __kvm_vcpu_run (save the host, load the guest, run,
 * fixup_guest_exit, switch back) and the per-CPU data the assembly reaches
 * through TPIDR_EL2. Written for el2sim, not taken from Linux; it follows
 * the same order of operations as KVM's nvhe/switch.c in 6.1. Compiled for
 * EL2 with -ffreestanding -mgeneral-regs-only. */
#include <stdint.h>
#include "kvm_shim.h"

#define STR_(x) #x
#define read_sysreg(r) ({ uint64_t v_; __asm__ volatile("mrs %0, " STR_(r) : "=r"(v_)); v_; })
#define write_sysreg(v, r) __asm__ volatile("msr " STR_(r) ", %x0" : : "rZ"((uint64_t)(v)))
#define isb() __asm__ volatile("isb" : : : "memory")

#define ARM_EXCEPTION_IRQ  0
#define ARM_EXCEPTION_TRAP 2
#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define EC_HVC64 0x16
#define EC_DABT_LOW 0x24
#define ESR_S1PTW (1ull << 7)
#define FSC_TYPE(esr) ((esr) & 0x3c)
#define FSC_PERMISSION 0x0c
#define PAR_F 1ull
#define SMCCC_RET_SUCCESS 0
#define SMCCC_RET_NOT_SUPPORTED (-1)
#define ID_AA64PFR0_RAS(v) (((v) >> 28) & 0xf)

/* the kernel's assembly */
uint64_t __guest_enter(struct shim_vcpu *vcpu);
void __fpsimd_save_state(struct shim_fpsimd_state *st);
void __fpsimd_restore_state(struct shim_fpsimd_state *st);
extern char __kvm_hyp_vector[], __kvm_hyp_host_vector[];

/* Per-CPU data, as the kernel lays it out: the variables in .data..percpu
 * are a template; CPU 0's copy lies TPIDR_EL2 bytes further (shim.ld:
 * 0x10000), and code reaches its own copy by adding TPIDR_EL2 (the
 * assembly's adr_this_cpu, this_cpu() here). */
#define PERCPU __attribute__((section(".data..percpu")))
PERCPU struct shim_host_data kvm_host_data;
PERCPU struct shim_cpu_context kvm_hyp_ctxt;
PERCPU uint64_t overflow_stack[64];
uint64_t hyp_physvirt_offset;           /* hyp VA == PA in the model */
#define this_cpu(var) ((__typeof__(&(var)))((char *)&(var) + read_sysreg(tpidr_el2)))

void handle_trap(struct shim_cpu_context *host_ctxt);
uint64_t __kvm_vcpu_run(struct shim_vcpu *vcpu);
void hyp_panic(void);
void hyp_panic_bad_stack(void);
void kvm_unexpected_el2_exception(void);
void __kvm_handle_stub_hvc(void);
void nvhe_hyp_panic_handler(void);

static int has_ras(void)
{
	return ID_AA64PFR0_RAS(read_sysreg(id_aa64pfr0_el1)) != 0;
}

/* ---- EL1 state: save and restore as a pair, one register per line ---- */
static void sysreg_save_el1(struct shim_cpu_context *c)
{
	uint64_t *r = c->sys_regs;
	r[SP_EL1]         = read_sysreg(sp_el1);
	r[ELR_EL1]        = read_sysreg(elr_el1);
	r[SPSR_EL1]       = read_sysreg(spsr_el1);
	r[SCTLR_EL1]      = read_sysreg(sctlr_el1);
	r[CPACR_EL1]      = read_sysreg(cpacr_el1);
	r[TTBR0_EL1]      = read_sysreg(ttbr0_el1);
	r[TTBR1_EL1]      = read_sysreg(ttbr1_el1);
	r[TCR_EL1]        = read_sysreg(tcr_el1);
	r[ESR_EL1]        = read_sysreg(esr_el1);
	r[AFSR0_EL1]      = read_sysreg(afsr0_el1);
	r[AFSR1_EL1]      = read_sysreg(afsr1_el1);
	r[FAR_EL1]        = read_sysreg(far_el1);
	r[MAIR_EL1]       = read_sysreg(mair_el1);
	r[VBAR_EL1]       = read_sysreg(vbar_el1);
	r[CONTEXTIDR_EL1] = read_sysreg(contextidr_el1);
	r[AMAIR_EL1]      = read_sysreg(amair_el1);
	r[CNTKCTL_EL1]    = read_sysreg(cntkctl_el1);
	r[PAR_EL1]        = read_sysreg(par_el1);
	r[TPIDR_EL1]      = read_sysreg(tpidr_el1);
	r[MDSCR_EL1]      = read_sysreg(mdscr_el1);
	r[TPIDR_EL0]      = read_sysreg(tpidr_el0);
	r[TPIDRRO_EL0]    = read_sysreg(tpidrro_el0);
	r[ACTLR_EL1]      = read_sysreg(actlr_el1);
	r[CSSELR_EL1]     = read_sysreg(csselr_el1);
	r[OSDLR_EL1]      = read_sysreg(osdlr_el1);
	r[CNTV_CVAL_EL0]  = read_sysreg(cntv_cval_el0);
}

static void sysreg_restore_el1(const struct shim_cpu_context *c)
{
	const uint64_t *r = c->sys_regs;
	write_sysreg(r[SP_EL1],         sp_el1);
	write_sysreg(r[ELR_EL1],        elr_el1);
	write_sysreg(r[SPSR_EL1],       spsr_el1);
	write_sysreg(r[SCTLR_EL1],      sctlr_el1);
	write_sysreg(r[CPACR_EL1],      cpacr_el1);
	write_sysreg(r[TTBR0_EL1],      ttbr0_el1);
	write_sysreg(r[TTBR1_EL1],      ttbr1_el1);
	write_sysreg(r[TCR_EL1],        tcr_el1);
	write_sysreg(r[ESR_EL1],        esr_el1);
	write_sysreg(r[AFSR0_EL1],      afsr0_el1);
	write_sysreg(r[AFSR1_EL1],      afsr1_el1);
	write_sysreg(r[FAR_EL1],        far_el1);
	write_sysreg(r[MAIR_EL1],       mair_el1);
	write_sysreg(r[VBAR_EL1],       vbar_el1);
	write_sysreg(r[CONTEXTIDR_EL1], contextidr_el1);
	write_sysreg(r[AMAIR_EL1],      amair_el1);
	write_sysreg(r[CNTKCTL_EL1],    cntkctl_el1);
	write_sysreg(r[PAR_EL1],        par_el1);
	write_sysreg(r[TPIDR_EL1],      tpidr_el1);
	write_sysreg(r[MDSCR_EL1],      mdscr_el1);
	write_sysreg(r[TPIDR_EL0],      tpidr_el0);
	write_sysreg(r[TPIDRRO_EL0],    tpidrro_el0);
	write_sysreg(r[ACTLR_EL1],      actlr_el1);
	write_sysreg(r[CSSELR_EL1],     csselr_el1);
	write_sysreg(r[OSDLR_EL1],      osdlr_el1);
	write_sysreg(r[CNTV_CVAL_EL0],  cntv_cval_el0);
}

/* KVM keeps the guest's deferred SError syndrome in VDISR_EL2 (what the
 * guest reads as DISR_EL1) when the CPU has RAS. */
static void guest_disr_save(struct shim_cpu_context *c)
{
	if (has_ras())
		c->sys_regs[DISR_EL1] = read_sysreg(s3_4_c12_c1_1);  /* VDISR_EL2 */
}

static void guest_disr_restore(const struct shim_cpu_context *c)
{
	if (has_ras())
		write_sysreg(c->sys_regs[DISR_EL1], s3_4_c12_c1_1);  /* VDISR_EL2 */
}

/* ---- EL2 controls: host values saved, the guest's loaded (a pair) ---- */
static void activate_traps(struct shim_host_data *h, const struct shim_vcpu *vcpu)
{
	h->host_hcr   = read_sysreg(hcr_el2);
	h->host_cptr  = read_sysreg(cptr_el2);
	h->host_mdcr  = read_sysreg(mdcr_el2);
	h->host_vttbr = read_sysreg(vttbr_el2);
	h->host_vtcr  = read_sysreg(vtcr_el2);
	write_sysreg(vcpu->hcr_el2,   hcr_el2);
	write_sysreg(vcpu->mdcr_el2 | h->host_mdcr, mdcr_el2);
	write_sysreg(vcpu->vttbr_el2, vttbr_el2);
	write_sysreg(vcpu->vtcr_el2,  vtcr_el2);
	write_sysreg(__kvm_hyp_vector, vbar_el2);
	isb();
}

static void deactivate_traps(const struct shim_host_data *h)
{
	write_sysreg(h->host_hcr,   hcr_el2);
	write_sysreg(h->host_cptr,  cptr_el2);
	write_sysreg(h->host_mdcr,  mdcr_el2);
	write_sysreg(h->host_vttbr, vttbr_el2);
	write_sysreg(h->host_vtcr,  vtcr_el2);
	write_sysreg(__kvm_hyp_host_vector, vbar_el2);
	isb();
}

/* HPFAR_EL2 is UNKNOWN on a stage-2 permission fault: translate FAR_EL2
 * with the guest's stage 1 (AT S1E1R), as __translate_far_to_hpfar does.
 * 0 if stage 1 no longer maps it: the guest faults again. */
static int translate_far(uint64_t far, uint64_t *hpfar)
{
	uint64_t saved = read_sysreg(par_el1);
	__asm__ volatile("at s1e1r, %0" : : "r"(far));
	isb();
	uint64_t par = read_sysreg(par_el1);
	write_sysreg(saved, par_el1);
	if (par & PAR_F)
		return 0;
	*hpfar = (par & 0x0000fffffffff000ull) >> 8;
	return 1;
}

/* fixup_guest_exit: record the exit information; nonzero means "enter the
 * guest again" (the fault is to be taken again). */
static int fixup_guest_exit(struct shim_vcpu *vcpu, uint64_t *exit_code)
{
	vcpu->esr_el2 = vcpu->far_el2 = vcpu->hpfar_el2 = 0;
	if (*exit_code != ARM_EXCEPTION_TRAP)
		return 0;
	uint64_t esr = read_sysreg(esr_el2);
	vcpu->esr_el2 = esr;
	if (ESR_EC(esr) != EC_DABT_LOW)
		return 0;
	vcpu->far_el2 = read_sysreg(far_el2);
	if (FSC_TYPE(esr) == FSC_PERMISSION && !(esr & ESR_S1PTW))
		return !translate_far(vcpu->far_el2, &vcpu->hpfar_el2);
	vcpu->hpfar_el2 = read_sysreg(hpfar_el2);
	return 0;
}

uint64_t __kvm_vcpu_run(struct shim_vcpu *vcpu)
{
	struct shim_host_data *h = this_cpu(kvm_host_data);
	struct shim_cpu_context *host = &h->host_ctxt, *guest = &vcpu->ctxt;
	uint64_t exit_code;

	host->__hyp_running_vcpu = vcpu;
	sysreg_save_el1(host);
	host->regs.pc = read_sysreg(elr_el2);      /* the host's return state */
	host->regs.pstate = read_sysreg(spsr_el2);
	__fpsimd_save_state(&host->fp_regs);
	activate_traps(h, vcpu);
	sysreg_restore_el1(guest);
	guest_disr_restore(guest);
	write_sysreg(guest->regs.pc, elr_el2);
	write_sysreg(guest->regs.pstate, spsr_el2);
	__fpsimd_restore_state(&guest->fp_regs);

	do {
		exit_code = __guest_enter(vcpu);
	} while (fixup_guest_exit(vcpu, &exit_code));

	guest->regs.pc = read_sysreg(elr_el2);
	guest->regs.pstate = read_sysreg(spsr_el2);
	sysreg_save_el1(guest);
	guest_disr_save(guest);
	__fpsimd_save_state(&guest->fp_regs);
	__fpsimd_restore_state(&host->fp_regs);
	deactivate_traps(h);
	sysreg_restore_el1(host);
	write_sysreg(host->regs.pc, elr_el2);
	write_sysreg(host->regs.pstate, spsr_el2);
	host->__hyp_running_vcpu = 0;
	return exit_code;
}

/* The host's synchronous exception (nvhe/host.S __host_exit): an HVC with
 * the vcpu-run function ID runs the vCPU (status in x0, the exit code in
 * x1, as KVM's handle___kvm_vcpu_run); anything else is refused. */
void handle_trap(struct shim_cpu_context *host_ctxt)
{
	uint64_t esr = read_sysreg(esr_el2);

	if (ESR_EC(esr) == EC_HVC64 && (uint32_t)host_ctxt->regs.regs[0] == SHIM_FID_VCPU_RUN) {
		host_ctxt->regs.regs[1] =
			__kvm_vcpu_run((struct shim_vcpu *)host_ctxt->regs.regs[1]);
		host_ctxt->regs.regs[0] = SMCCC_RET_SUCCESS;
		return;
	}
	host_ctxt->regs.regs[0] = (uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED;
}

/* Unreachable in a correct world switch: spin where el2sim sees it. */
static void __attribute__((noreturn)) spin(void)
{
	for (;;)
		__asm__ volatile("b .");
}
void hyp_panic(void) { spin(); }
void hyp_panic_bad_stack(void) { spin(); }
void kvm_unexpected_el2_exception(void) { spin(); }
void __kvm_handle_stub_hvc(void) { spin(); }
void nvhe_hyp_panic_handler(void) { spin(); }

/* Callback alternatives name these; el2sim applies the ones it knows
 * (docs/linux-kvm.md) and never calls them. */
void kvm_get_kimage_voffset(void) { spin(); }
void kvm_patch_vector_branch(void) { spin(); }
void spectre_bhb_patch_wa3(void) { spin(); }

/* The vCPU the checker's host runs (kvm.profile: context = vcpu0) and the
 * EL2 stack (kvm.profile: sp_el2 = hyp_stack_top). */
struct shim_vcpu vcpu0 __attribute__((aligned(4096)));
uint8_t hyp_stack[0x2000] __attribute__((aligned(4096)));
