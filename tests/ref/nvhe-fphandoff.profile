# el2sim check profile: the reference nVHE world switch built with
# REF_FP_HANDOFF (tests/ref/nvhe-fphandoff.elf): the guest's FP/SIMD state is
# left live for the host at the exit, Linux style ([fp] below).
# (derived from nvhe.profile by derive_profiles.py)
[world]
mode = nvhe
# host at EL1: x0 = function id, x1 = vCPU context, HVC #0 (SMCCC)
run = hvc 0xc6000001
unknown_hvc = 0xc600ffff
exit_code = x0
context = vcpu_ctxt
# the SP_EL0 window (guest SP_EL0 live at EL2) lies inside these
entry_asm = __guest_enter __guest_exit __hyp_vectors guest_sync
# the guest stub for the trapped-access exit writes this (HCR_EL2.TVM)
trapped_sysreg = sctlr_el1
irq = yes
# the guest's SMCCC_ARCH_WORKAROUND_1 is answered at EL2 and the guest resumed
# (guest_sync, as Linux's hyp-entry.S)
guest_hvc = 0x80008000
# an IRQ / a physical SError pending as the host calls: the guest's IMO/AMO
# take it to EL2 at the guest's first instruction
irq_entry = yes
serror_entry = yes
# a physical SError pending as the guest exits: __guest_exit takes it in a
# window (el2_serror) and reports EXIT_SERROR_BIT, as KVM does
serror_exit = yes
# a virtual SError the host asks for (HCR_EL2.VSE in the context's hcr_el2):
# kept pending across the exit (save_guest_hcr), as KVM does
vserror = yes
# the EL2 panic path: __hyp_panic, and the vectors of exceptions from EL2
# (but the SError one, 0x380: el2_serror takes the guest's SError there)
panic = __hyp_panic
panic_vectors = 0x000 0x080 0x100 0x180 0x200 0x280 0x300
# the host's other call (returns REF_VERSION)
host_call = version hvc 0xc6000000

[el2]
# what the hypervisor's init would have set up
vbar_el2 = __hyp_vectors
sp_el2 = __hyp_stack_top
tpidr_el2 = hyp_percpu
hcr_el2 = 0x80000000
cptr_el2 = 0x33ff

[memory]
# name = base size attributes
image = 0x40000000 0x200000 host,hyp
host = 0x40200000 0x10000 host
guest = 0x80000000 0x200000 guest
guest_ro = 0x80200000 0x1000 guest,ro
mmio = 0x90000000 0x1000 guest,mmio

[guest]
# struct cpu_ctxt (tests/ref/ref_abi.h): x0..x30 at 8 * n
x0 = 0x000
x1 = 0x008
x2 = 0x010
x3 = 0x018
x4 = 0x020
x5 = 0x028
x6 = 0x030
x7 = 0x038
x8 = 0x040
x9 = 0x048
x10 = 0x050
x11 = 0x058
x12 = 0x060
x13 = 0x068
x14 = 0x070
x15 = 0x078
x16 = 0x080
x17 = 0x088
x18 = 0x090
x19 = 0x098
x20 = 0x0a0
x21 = 0x0a8
x22 = 0x0b0
x23 = 0x0b8
x24 = 0x0c0
x25 = 0x0c8
x26 = 0x0d0
x27 = 0x0d8
x28 = 0x0e0
x29 = 0x0e8
x30 = 0x0f0
sp_el0 = 0x0f8
# the guest PC and PSTATE: loaded into ELR_EL2 / SPSR_EL2 by __guest_enter
pc = 0x100
pstate = 0x108
# EL1 system registers (CTXT_SYS + 8 * SYS_*)
sp_el1 = 0x110
elr_el1 = 0x118
spsr_el1 = 0x120
sctlr_el1 = 0x128
cpacr_el1 = 0x130
ttbr0_el1 = 0x138
ttbr1_el1 = 0x140
tcr_el1 = 0x148
esr_el1 = 0x150
afsr0_el1 = 0x158
afsr1_el1 = 0x160
far_el1 = 0x168
mair_el1 = 0x170
vbar_el1 = 0x178
contextidr_el1 = 0x180
amair_el1 = 0x188
cntkctl_el1 = 0x190
par_el1 = 0x198
tpidr_el1 = 0x1a0
mdscr_el1 = 0x1a8
tpidr_el0 = 0x1b0
tpidrro_el0 = 0x1b8
actlr_el1 = 0x1c0
csselr_el1 = 0x1c8
osdlr_el1 = 0x1d0
cntv_cval_el0 = 0x1d8
# exit information (0 where the architecture leaves the register UNKNOWN;
# HPFAR on a stage-2 permission fault comes from AT S1E1R + PAR_EL1)
esr_el2 = 0x200
far_el2 = 0x208
hpfar_el2 = 0x210
# FP/SIMD: switched lazily (the guest's first FP use traps to EL2)
v0 = 0x300
v1 = 0x310
v2 = 0x320
v3 = 0x330
v4 = 0x340
v5 = 0x350
v6 = 0x360
v7 = 0x370
v8 = 0x380
v9 = 0x390
v10 = 0x3a0
v11 = 0x3b0
v12 = 0x3c0
v13 = 0x3d0
v14 = 0x3e0
v15 = 0x3f0
v16 = 0x400
v17 = 0x410
v18 = 0x420
v19 = 0x430
v20 = 0x440
v21 = 0x450
v22 = 0x460
v23 = 0x470
v24 = 0x480
v25 = 0x490
v26 = 0x4a0
v27 = 0x4b0
v28 = 0x4c0
v29 = 0x4d0
v30 = 0x4e0
v31 = 0x4f0
# struct user_fpsimd_state after the V registers: 32-bit FPSR, then FPCR
fpsr = 0x500 u32
fpcr = 0x504 u32

[config]
# the guest's configuration, prepared by the host in the vCPU context
# (CTXT_VTTBR_EL2, CTXT_HCR_EL2): VMID 1, tables at 0x80400000; HCR_GUEST_*
vttbr_el2 = 0x220 0x0001000080400000
hcr_el2 = 0x228 0x8408003b
vtcr_el2 = 0x230 0x80023558
# MDCR_GUEST_TRAPS (CTXT_MDCR_EL2): debug (TDRA, TDOSA, TDA) and PMU (TPM, TPMCR)
mdcr_el2 = 0x238 0xe60

[host]
# the host call restores every host register but x0 (the status)
preserve = x1-x30 sp sp_el0 elr_el1 spsr_el1 sctlr_el1 cpacr_el1 ttbr0_el1 ttbr1_el1 tcr_el1 esr_el1 afsr0_el1 afsr1_el1 far_el1 mair_el1 vbar_el1 contextidr_el1 amair_el1 cntkctl_el1 par_el1 tpidr_el1 mdscr_el1 tpidr_el0 tpidrro_el0 actlr_el1 csselr_el1 osdlr_el1 cntv_cval_el0 tpidr_el2 v0-v31 fpcr fpsr
exit_abi = x0
el2_preserve = tpidr_el2 sp_el2 vbar_el2 hcr_el2 cptr_el2 vttbr_el2 vtcr_el2 mdcr_el2
pstate = daif pan uao ssbs dit spsel el

[exit_codes]
# what the host gets in x0 ([world] exit_code) per scenario: ref_abi.h EXIT_*;
# the rejected host call returns SMCCC_RET_NOT_SUPPORTED
hvc = 1
mmio = 2
s2perm = 3
sysreg = 4
irq = 5
unknown_hvc = -1
guest_hvc = 1
irq_entry = 5
serror_entry = 7
serror_exit = 0x80000001
vserror = 1
version = 0x10000

[fp]
# the guest's FP/SIMD stays live at the return; the host saves it later
switch = handoff
# the context's fp_state (CTXT_FP_STATE): 2 = GUEST_OWNED; the host sets
# it to 1 = HOST_OWNED before the call
owner = 0x240 8 2
owner_init = 1
# the host's own FP/SIMD state (user_fpsimd_state), saved by the FP trap
# through the context's pointer (CTXT_HOST_FPST), which the host sets
host_save = host_fpsimd_state
host_save_ptr = 0x248
