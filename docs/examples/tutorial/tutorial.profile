# el2sim check profile for the tutorial hypervisor (docs/tutorial.md).
# Offsets: vcpu.inc.

[world]
mode = nvhe                 # the host runs at EL1 and calls EL2 with HVC
run = hvc 0xc6000001        # HVC_VCPU_RUN: x0 = function ID, x1 = the vCPU
exit_code = x0              # the host finds the exit code in x0
unknown_hvc = 0xc600ffff    # a call the hypervisor must reject unharmed
context = vcpu0             # the vCPU the checker fills and runs
entry_asm = hyp_vectors host_call guest_enter guest_exit
trapped_sysreg = sctlr_el1  # HCR_EL2.TVM traps it: a trapped-access exit
irq = yes                   # HCR_EL2.IMO routes IRQs to EL2: an IRQ exit

[el2]                       # what the hypervisor's init code has set up
vbar_el2 = hyp_vectors
sp_el2 = hyp_stack_top
tpidr_el2 = hyp_percpu
hcr_el2 = 0x80080000        # HCR_HOST: RW | TSC
mdcr_el2 = 0xe00             # TDRA | TDOSA | TDA: debug register accesses from EL1/EL0 trap

[memory]                    # name = base size attributes
image = 0x40000000 0x200000 host,hyp
guest = 0x80000000 0x200000 guest
mmio = 0x90000000 0x1000 guest,mmio

[guest]                     # struct vcpu
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
pc = 0x100
pstate = 0x108
sp_el1 = 0x110
tpidr_el1 = 0x118
esr_el2 = 0x120
far_el2 = 0x128
hpfar_el2 = 0x130
actlr_el1 = 0x138
sctlr_el1 = 0x140
cpacr_el1 = 0x148
ttbr0_el1 = 0x150
ttbr1_el1 = 0x158
tcr_el1 = 0x160
elr_el1 = 0x168
spsr_el1 = 0x170
afsr0_el1 = 0x178
afsr1_el1 = 0x180
esr_el1 = 0x188
far_el1 = 0x190
par_el1 = 0x198
mair_el1 = 0x1a0
amair_el1 = 0x1a8
vbar_el1 = 0x1b0
contextidr_el1 = 0x1b8
csselr_el1 = 0x1c0
tpidr_el0 = 0x1c8
tpidrro_el0 = 0x1d0
mdscr_el1 = 0x1d8
osdlr_el1 = 0x1e0
cntkctl_el1 = 0x1e8
cntv_cval_el0 = 0x1f0

[host]
preserve = x1-x30 sp sp_el0 tpidr_el1 tpidr_el2 d8-d15 fpcr actlr_el1 sctlr_el1 cpacr_el1 ttbr0_el1 ttbr1_el1 tcr_el1 elr_el1 spsr_el1 afsr0_el1 afsr1_el1 esr_el1 far_el1 par_el1 mair_el1 amair_el1 vbar_el1 contextidr_el1 csselr_el1 tpidr_el0 tpidrro_el0 mdscr_el1 osdlr_el1 cntkctl_el1 cntv_cval_el0
exit_abi = x0

[exit_codes]                # x0 per scenario (vcpu.inc): EXIT_SYNC, EXIT_IRQ
hvc = 1
mmio = 1
sysreg = 1
irq = 2
unknown_hvc = -1            # SMCCC_NOT_SUPPORTED
