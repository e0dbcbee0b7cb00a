# el2sim check profile for tests/check/fixtures/ws_nvhe.S
[world]
mode = nvhe
run = hvc 0xc6000001
exit_code = x0
unknown_hvc = 0xc600ffff
context = vcpu_ctxt
entry_asm = __hyp_vectors __guest_enter __guest_exit
trapped_sysreg = sctlr_el1
irq = yes

[el2]
vbar_el2 = __hyp_vectors
sp_el2 = hyp_stack_top
tpidr_el2 = 0x40100000
hcr_el2 = 0x80000000

[memory]
image = 0x40000000 0x200000 host,hyp
guest = 0x80000000 0x200000 guest
mmio = 0x90000000 0x1000 guest,mmio

[guest]
x0 = 0x0
x1 = 0x8
x2 = 0x10
x3 = 0x18
x4 = 0x20
x5 = 0x28
x6 = 0x30
x7 = 0x38
x8 = 0x40
x9 = 0x48
x10 = 0x50
x11 = 0x58
x12 = 0x60
x13 = 0x68
x14 = 0x70
x15 = 0x78
x16 = 0x80
x17 = 0x88
x18 = 0x90
x19 = 0x98
x20 = 0xa0
x21 = 0xa8
x22 = 0xb0
x23 = 0xb8
x24 = 0xc0
x25 = 0xc8
x26 = 0xd0
x27 = 0xd8
x28 = 0xe0
x29 = 0xe8
x30 = 0xf0
sp_el0 = 0xf8
pc = 0x100
pstate = 0x108
sp_el1 = 0x110
tpidr_el1 = 0x118
elr_el1 = 0x120
esr_el2 = 0x128
far_el2 = 0x130
hpfar_el2 = 0x138

[host]
preserve = x19-x29 sp sp_el0 tpidr_el1 tpidr_el2 d8-d15 fpcr
exit_abi = x0
