# el2sim check profile: Linux 6.1 KVM nVHE hyp entry code (entry.S,
# hyp-entry.S, nvhe/host.S, fpsimd.S, built unchanged) with the shim of
# this directory (shim/kvm_shim.h: struct shim_vcpu, context at vcpu0).
# run.sh checks these offsets against the generated asm-offsets.h.
[world]
mode = nvhe
# the host: x0 = KVM_HOST_SMCCC_FUNC(__kvm_vcpu_run), x1 = the vcpu; HVC #0
run = hvc 0xc6000001
unknown_hvc = 0xc600ffff
# handle___kvm_vcpu_run: x0 = SMCCC status, x1 = the exit code
exit_code = x1
context = vcpu0
# the assembly the SP_EL0 window must stay inside
entry_asm = __guest_enter __kvm_hyp_vector __kvm_hyp_host_vector __host_exit __host_hvc __host_enter __fpsimd_save_state __fpsimd_restore_state
trapped_sysreg = sctlr_el1
irq = yes
# hyp-entry.S answers these SMCCC calls of the guest itself (el1_sync's
# fast path to wa_epilogue) and resumes it: judged at every resume
guest_hvc = 0x80008000 0x80007fff 0x80003fff
panic = hyp_panic hyp_panic_bad_stack

[el2]
# what KVM's init (hyp-init.S, cpu_init) leaves; TPIDR_EL2 = this CPU's
# per-CPU offset (shim.ld: CPU 0's copy lies 0x10000 above the template)
vbar_el2 = __kvm_hyp_host_vector
sp_el2 = hyp_stack_top
tpidr_el2 = 0x10000
# HCR_EL2 for the host: RW | API | APK (HCR_HOST_NVHE_FLAGS)
hcr_el2 = 0x30080000000
cptr_el2 = 0x33ff

[memory]
image = 0x40000000 0x200000 host,hyp
host = 0x40200000 0x10000 host
guest = 0x80000000 0x200000 guest
guest_ro = 0x80200000 0x1000 guest,ro
mmio = 0x90000000 0x1000 guest,mmio

[guest]
# struct shim_vcpu: ctxt at VCPU_CONTEXT 0x40; regs.regs[n] at 8 * n
x0 = 0x040
x1 = 0x048
x2 = 0x050
x3 = 0x058
x4 = 0x060
x5 = 0x068
x6 = 0x070
x7 = 0x078
x8 = 0x080
x9 = 0x088
x10 = 0x090
x11 = 0x098
x12 = 0x0a0
x13 = 0x0a8
x14 = 0x0b0
x15 = 0x0b8
x16 = 0x0c0
x17 = 0x0c8
x18 = 0x0d0
x19 = 0x0d8
x20 = 0x0e0
x21 = 0x0e8
x22 = 0x0f0
x23 = 0x0f8
x24 = 0x100
x25 = 0x108
x26 = 0x110
x27 = 0x118
x28 = 0x120
x29 = 0x128
x30 = 0x130
# regs.sp: the guest's SP_EL0 (CPU_SP_EL0_OFFSET)
sp_el0 = 0x138
pc = 0x140
pstate = 0x148
# ctxt.sys_regs[] (enum shim_sysreg)
sp_el1 = 0x360
elr_el1 = 0x368
spsr_el1 = 0x370
sctlr_el1 = 0x378
cpacr_el1 = 0x380
ttbr0_el1 = 0x388
ttbr1_el1 = 0x390
tcr_el1 = 0x398
esr_el1 = 0x3a0
afsr0_el1 = 0x3a8
afsr1_el1 = 0x3b0
far_el1 = 0x3b8
mair_el1 = 0x3c0
vbar_el1 = 0x3c8
contextidr_el1 = 0x3d0
amair_el1 = 0x3d8
cntkctl_el1 = 0x3e0
par_el1 = 0x3e8
tpidr_el1 = 0x3f0
mdscr_el1 = 0x3f8
tpidr_el0 = 0x400
tpidrro_el0 = 0x408
actlr_el1 = 0x410
csselr_el1 = 0x418
osdlr_el1 = 0x420
cntv_cval_el0 = 0x428
# exit information (fixup_guest_exit)
esr_el2 = 0x4d0
far_el2 = 0x4d8
hpfar_el2 = 0x4e0
# ctxt.fp_regs: q0-q31, then u32 fpsr, fpcr (__fpsimd_save_state)
v0 = 0x150
v1 = 0x160
v2 = 0x170
v3 = 0x180
v4 = 0x190
v5 = 0x1a0
v6 = 0x1b0
v7 = 0x1c0
v8 = 0x1d0
v9 = 0x1e0
v10 = 0x1f0
v11 = 0x200
v12 = 0x210
v13 = 0x220
v14 = 0x230
v15 = 0x240
v16 = 0x250
v17 = 0x260
v18 = 0x270
v19 = 0x280
v20 = 0x290
v21 = 0x2a0
v22 = 0x2b0
v23 = 0x2c0
v24 = 0x2d0
v25 = 0x2e0
v26 = 0x2f0
v27 = 0x300
v28 = 0x310
v29 = 0x320
v30 = 0x330
v31 = 0x340
fpsr = 0x350 u32
fpcr = 0x354 u32

[config]
# the guest's configuration in struct shim_vcpu (hcr_el2, vttbr_el2,
# vtcr_el2): HCR_GUEST_FLAGS-like (VM SWIO FMO IMO AMO TSC TWE TWI TVM TSW
# TACR TIDCP BSU_IS FB RW), VMID 1
hcr_el2 = 0x4b0 0x8408003b
vttbr_el2 = 0x4b8 0x0001000080400000
vtcr_el2 = 0x4c0 0x80023558
# MDCR_EL2 for the guest (kvm_arm_setup_mdcr_el2): TDA | TDOSA | TDRA
mdcr_el2 = 0x4c8 0xe00

[host]
preserve = x2-x30 sp sp_el0 elr_el1 spsr_el1 sctlr_el1 cpacr_el1 ttbr0_el1 ttbr1_el1 tcr_el1 esr_el1 afsr0_el1 afsr1_el1 far_el1 mair_el1 vbar_el1 contextidr_el1 amair_el1 cntkctl_el1 par_el1 tpidr_el1 mdscr_el1 tpidr_el0 tpidrro_el0 actlr_el1 csselr_el1 osdlr_el1 cntv_cval_el0 tpidr_el2 v0-v31 fpcr fpsr
preserve.unknown_hvc = x1-x30 sp sp_el0 tpidr_el1 tpidr_el2 v0-v31 fpcr fpsr
exit_abi = x0 x1
el2_preserve = tpidr_el2 sp_el2 vbar_el2 hcr_el2 cptr_el2 vttbr_el2 vtcr_el2 mdcr_el2
pstate = daif pan uao ssbs dit spsel el

[exit_codes]
# ARM_EXCEPTION_TRAP (2) for the synchronous exits, ARM_EXCEPTION_IRQ (0)
hvc = 2
mmio = 2
s2perm = 2
sysreg = 2
irq = 0
guest_hvc = 2
