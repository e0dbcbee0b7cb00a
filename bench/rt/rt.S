/* SPDX-License-Identifier: MIT */
/* A bare-metal nVHE hypercall round trip for QEMU's virt board
 * (-M virt,virtualization=on: the ELF starts at EL2) and for
 * `el2sim run --el 2 --stop-at halt_here`, so one ELF measures both
 * (bench/bench_rt.sh, docs/bench.md). Per round trip: enter the guest
 * (save 19 EL1 registers, SP_EL0 and TPIDRRO_EL0 of the host, load the
 * guest's, ELR/SPSR_EL2, guest X0-X18, ERET), the guest's HVC, exit (save
 * guest X0-X30, SP_EL0 and the 19 EL1 registers, ELR/SPSR/ESR_EL2, load
 * the host's), ISB. N_ITER round trips (x19 overrides it when nonzero),
 * then halt_here: a semihosting SYS_EXIT for QEMU. */
#ifndef N_ITER
#define N_ITER 1000
#endif

	.macro el1_regs op, base
	\op SCTLR_EL1, 0
	\op TTBR0_EL1, 8
	\op TTBR1_EL1, 16
	\op TCR_EL1, 24
	\op ESR_EL1, 32
	\op AFSR0_EL1, 40
	\op AFSR1_EL1, 48
	\op FAR_EL1, 56
	\op MAIR_EL1, 64
	\op VBAR_EL1, 72
	\op CONTEXTIDR_EL1, 80
	\op AMAIR_EL1, 88
	\op CNTKCTL_EL1, 96
	\op PAR_EL1, 104
	\op TPIDR_EL1, 112
	\op SP_EL1, 120
	\op ELR_EL1, 128
	\op SPSR_EL1, 136
	\op CSSELR_EL1, 144
	\op SP_EL0, 152
	\op TPIDRRO_EL0, 160
	.endm
	.macro save reg, off
	mrs x1, \reg
	str x1, [x2, #(256 + \off)]
	.endm
	.macro load reg, off
	ldr x1, [x2, #(256 + \off)]
	msr \reg, x1
	.endm

	.section .text.boot, "ax"
	.global _start
_start:
	adr x0, stack_top
	mov sp, x0
	adr x0, vectors
	msr vbar_el2, x0
	mov x0, #(1 << 31)		/* HCR_EL2.RW */
	msr hcr_el2, x0
	msr cptr_el2, xzr
	isb
	cbnz x19, 1f
	ldr x19, n_iter
1:	mov x20, #0
	adr x27, host_ctx
	adr x28, guest_ctx
	msr tpidr_el2, x28
enter:
	mov x2, x27
	el1_regs save
	mov x2, x28
	el1_regs load
	adr x0, guest
	msr elr_el2, x0
	mov x0, #0x3c5			/* EL1h, DAIF masked */
	msr spsr_el2, x0
	ldp x0, x1, [x28, #0]
	ldp x2, x3, [x28, #16]
	ldp x4, x5, [x28, #32]
	ldp x6, x7, [x28, #48]
	ldp x8, x9, [x28, #64]
	ldp x10, x11, [x28, #80]
	ldp x12, x13, [x28, #96]
	ldp x14, x15, [x28, #112]
	ldp x16, x17, [x28, #128]
	ldr x18, [x28, #144]
	eret

guest:
	add x0, x0, #1
	hvc #0
	b guest

exit:
	mrs x0, tpidr_el2		/* the guest context */
	stp x2, x3, [x0, #16]
	stp x4, x5, [x0, #32]
	stp x6, x7, [x0, #48]
	stp x8, x9, [x0, #64]
	stp x10, x11, [x0, #80]
	stp x12, x13, [x0, #96]
	stp x14, x15, [x0, #112]
	stp x16, x17, [x0, #128]
	stp x18, x19, [x0, #144]
	stp x20, x21, [x0, #160]
	stp x22, x23, [x0, #176]
	stp x24, x25, [x0, #192]
	stp x26, x27, [x0, #208]
	stp x28, x29, [x0, #224]
	str x30, [x0, #240]
	ldp x2, x3, [sp], #16		/* the guest's x0, x1 */
	stp x2, x3, [x0, #0]
	mov x2, x0
	el1_regs save
	mrs x3, elr_el2
	mrs x4, spsr_el2
	mrs x5, esr_el2
	stp x3, x4, [x2, #432]
	str x5, [x2, #448]
	ldp x19, x20, [sp], #16		/* the host's own (the guest leaves them) */
	ldp x27, x28, [sp], #16
	mov x2, x27
	el1_regs load
	isb
	add x20, x20, #1
	subs x19, x19, #1
	b.ne enter
	.global halt_here
halt_here:
	/* semihosting SYS_EXIT (AArch64: x1 -> {reason, subcode}); the exit
	 * status is the round-trip count modulo 256, so a run that stopped
	 * early shows */
	adr x1, exit_block
	str x20, [x1, #8]
	mov x0, #0x18
	hlt #0xf000
	b .

	.balign 2048
vectors:
	.space 0x400
	/* lower EL, AArch64, synchronous: the guest's HVC */
	sub sp, sp, #48
	stp x27, x28, [sp, #32]		/* host_ctx / guest_ctx pointers live in x27/x28 */
	stp x19, x20, [sp, #16]
	stp x0, x1, [sp]
	adr x27, host_ctx
	adr x28, guest_ctx
	b exit

	.balign 8
n_iter:
	.quad N_ITER

	.data
	.balign 8
exit_block:
	.quad 0x20026			/* ADP_Stopped_ApplicationExit */
	.quad 0

	.bss
	.balign 16
host_ctx:
	.space 512
guest_ctx:
	.space 512
	.space 4096
stack_top:
