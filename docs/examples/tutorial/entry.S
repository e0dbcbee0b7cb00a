// SPDX-License-Identifier: MIT
// A minimal nVHE world switch, written for docs/tutorial.md: EL2 vectors,
// the host's HVC call path, guest entry and guest exit, all in assembly.
// The host runs at EL1 and calls HVC #0 with x0 = HVC_VCPU_RUN and
// x1 = the vCPU; the guest runs at EL1 until an exception takes it to EL2,
// and the host gets an exit code in x0 with every other register as it
// was. Assembles with clang --target=aarch64-linux-gnu or GNU as.
//
// Seeded bug for the tutorial (assemble with --defsym BUG_HOST_SP_EL0=1):
// the exit path forgets to give the host its SP_EL0 back.
	.include "vcpu.inc"

// Every other EL0/EL1 register the guest can change: each side has its own
// (struct vcpu's VCPU_EL1 area), or one world would see the other's.
	.macro	save_el1 base
	add	x3, \base, #VCPU_EL1
	.irp	r, actlr_el1, sctlr_el1, cpacr_el1, ttbr0_el1, ttbr1_el1, tcr_el1, elr_el1, spsr_el1, afsr0_el1, afsr1_el1, esr_el1, far_el1, par_el1, mair_el1, amair_el1, vbar_el1, contextidr_el1, csselr_el1, tpidr_el0, tpidrro_el0, mdscr_el1, osdlr_el1, cntkctl_el1, cntv_cval_el0
	mrs	x2, \r
	str	x2, [x3], #8
	.endr
	.endm

	.macro	load_el1 base
	add	x3, \base, #VCPU_EL1
	.irp	r, actlr_el1, sctlr_el1, cpacr_el1, ttbr0_el1, ttbr1_el1, tcr_el1, elr_el1, spsr_el1, afsr0_el1, afsr1_el1, esr_el1, far_el1, par_el1, mair_el1, amair_el1, vbar_el1, contextidr_el1, csselr_el1, tpidr_el0, tpidrro_el0, mdscr_el1, osdlr_el1, cntkctl_el1, cntv_cval_el0
	ldr	x2, [x3], #8
	msr	\r, x2
	.endr
	.endm

// Store / load x2..x30 at \base (a struct vcpu); x0, x1 are the caller's.
	.macro	save_x2_x30 base
	stp	x2, x3, [\base, #VCPU_X0 + 8 * 2]
	stp	x4, x5, [\base, #VCPU_X0 + 8 * 4]
	stp	x6, x7, [\base, #VCPU_X0 + 8 * 6]
	stp	x8, x9, [\base, #VCPU_X0 + 8 * 8]
	stp	x10, x11, [\base, #VCPU_X0 + 8 * 10]
	stp	x12, x13, [\base, #VCPU_X0 + 8 * 12]
	stp	x14, x15, [\base, #VCPU_X0 + 8 * 14]
	stp	x16, x17, [\base, #VCPU_X0 + 8 * 16]
	stp	x18, x19, [\base, #VCPU_X0 + 8 * 18]
	stp	x20, x21, [\base, #VCPU_X0 + 8 * 20]
	stp	x22, x23, [\base, #VCPU_X0 + 8 * 22]
	stp	x24, x25, [\base, #VCPU_X0 + 8 * 24]
	stp	x26, x27, [\base, #VCPU_X0 + 8 * 26]
	stp	x28, x29, [\base, #VCPU_X0 + 8 * 28]
	str	x30, [\base, #VCPU_X0 + 8 * 30]
	.endm

	.macro	load_x2_x30 base
	ldp	x2, x3, [\base, #VCPU_X0 + 8 * 2]
	ldp	x4, x5, [\base, #VCPU_X0 + 8 * 4]
	ldp	x6, x7, [\base, #VCPU_X0 + 8 * 6]
	ldp	x8, x9, [\base, #VCPU_X0 + 8 * 8]
	ldp	x10, x11, [\base, #VCPU_X0 + 8 * 10]
	ldp	x12, x13, [\base, #VCPU_X0 + 8 * 12]
	ldp	x14, x15, [\base, #VCPU_X0 + 8 * 14]
	ldp	x16, x17, [\base, #VCPU_X0 + 8 * 16]
	ldp	x18, x19, [\base, #VCPU_X0 + 8 * 18]
	ldp	x20, x21, [\base, #VCPU_X0 + 8 * 20]
	ldp	x22, x23, [\base, #VCPU_X0 + 8 * 22]
	ldp	x24, x25, [\base, #VCPU_X0 + 8 * 24]
	ldp	x26, x27, [\base, #VCPU_X0 + 8 * 26]
	ldp	x28, x29, [\base, #VCPU_X0 + 8 * 28]
	ldr	x30, [\base, #VCPU_X0 + 8 * 30]
	.endm

// ---------------------------------------------------------------------------
// EL2 vectors. An exception from EL2 itself is a hypervisor bug: spin. From
// EL1: a guest exit while a vCPU runs, otherwise (sync only) a host call.
// ---------------------------------------------------------------------------
	.macro	vector_panic
	.balign	0x80
	b	hyp_panic
	.endm

	.macro	vector_lower exit_code, no_guest
	.balign	0x80
	stp	x0, x1, [sp, #-16]!		// free two registers
	mrs	x0, tpidr_el2
	ldr	x0, [x0, #PCPU_GUEST]
	cbz	x0, \no_guest
	mov	x1, #\exit_code
	b	guest_exit
	.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.globl	hyp_vectors
hyp_vectors:
	vector_panic				// current EL with SP_EL0: sync
	vector_panic				//   IRQ
	vector_panic				//   FIQ
	vector_panic				//   SError
	vector_panic				// current EL with SP_ELx: sync
	vector_panic				//   IRQ
	vector_panic				//   FIQ
	vector_panic				//   SError
	vector_lower EXIT_SYNC, host_call	// lower EL, AArch64: sync
	vector_lower EXIT_IRQ, hyp_panic	//   IRQ
	vector_lower EXIT_FIQ, hyp_panic	//   FIQ
	vector_panic				//   SError
	vector_panic				// lower EL, AArch32 (not supported)
	vector_panic
	vector_panic
	vector_panic

	.text
hyp_panic:
	b	hyp_panic

// ---------------------------------------------------------------------------
// host_call: HVC from the host, with the host's x0/x1 on the EL2 stack. The
// host's registers go to the per-CPU host context first, so every path can
// return through host_return.
// ---------------------------------------------------------------------------
	.globl	host_call
host_call:
	mrs	x1, tpidr_el2
	add	x1, x1, #PCPU_HOST
	save_x2_x30 x1
	ldp	x2, x3, [sp], #16		// the host's x0 (function ID), x1
	stp	x2, x3, [x1, #VCPU_X0]
	mrs	x3, elr_el2			// where and how the host continues
	mrs	x4, spsr_el2
	stp	x3, x4, [x1, #VCPU_PC]

	movz	x3, #(HVC_VCPU_RUN & 0xffff)
	movk	x3, #(HVC_VCPU_RUN >> 16), lsl #16
	cmp	x2, x3
	b.eq	guest_enter
	mov	x2, #SMCCC_NOT_SUPPORTED	// unknown call: status only
	str	x2, [x1, #VCPU_X0]
	mov	x0, x1
	b	host_return

// ---------------------------------------------------------------------------
// guest_enter: x1 = the host context. Saves the host's EL1 state that the
// guest will overwrite, switches HCR_EL2, loads the guest and ERETs to it.
// ---------------------------------------------------------------------------
	.globl	guest_enter
guest_enter:
	mrs	x2, sp_el0
	str	x2, [x1, #VCPU_SP_EL0]
	mrs	x2, sp_el1
	str	x2, [x1, #VCPU_SP_EL1]
	mrs	x2, tpidr_el1
	str	x2, [x1, #VCPU_TPIDR_EL1]
	save_el1 x1

	ldr	x0, [x1, #VCPU_X1]		// the host's x1: the vCPU to run
	mrs	x2, tpidr_el2
	str	x0, [x2, #PCPU_GUEST]		// from now on, exits are the guest's
	mrs	x3, hcr_el2
	str	x3, [x2, #PCPU_HOST_HCR]
	movz	x3, #(HCR_GUEST & 0xffff)
	movk	x3, #(HCR_GUEST >> 16), lsl #16
	msr	hcr_el2, x3

	load_el1 x0				// the guest's own, never the host's
	ldp	x2, x3, [x0, #VCPU_PC]
	msr	elr_el2, x2
	msr	spsr_el2, x3
	ldr	x2, [x0, #VCPU_SP_EL1]
	msr	sp_el1, x2
	ldr	x2, [x0, #VCPU_TPIDR_EL1]
	msr	tpidr_el1, x2
	ldr	x2, [x0, #VCPU_SP_EL0]		// SP_EL0 last: no code runs on
	msr	sp_el0, x2			// the guest's value but this
	load_x2_x30 x0
	ldp	x0, x1, [x0, #VCPU_X0]
	eret

// ---------------------------------------------------------------------------
// guest_exit: from a lower-EL vector with x0 = the vCPU, x1 = the exit code
// and the guest's x0/x1 on the EL2 stack. Saves the whole guest, restores
// the host (SP_EL0 first) and returns the exit code in the host's x0.
// ---------------------------------------------------------------------------
	.globl	guest_exit
guest_exit:
	save_x2_x30 x0
	ldp	x2, x3, [sp], #16		// the guest's x0, x1
	stp	x2, x3, [x0, #VCPU_X0]
	mrs	x2, sp_el0
	str	x2, [x0, #VCPU_SP_EL0]
	mrs	x2, elr_el2			// the guest's PC and PSTATE
	mrs	x3, spsr_el2
	stp	x2, x3, [x0, #VCPU_PC]
	mrs	x2, sp_el1
	str	x2, [x0, #VCPU_SP_EL1]
	mrs	x2, tpidr_el1
	str	x2, [x0, #VCPU_TPIDR_EL1]
	mrs	x2, esr_el2			// why it exited
	mrs	x3, far_el2
	stp	x2, x3, [x0, #VCPU_ESR_EL2]
	mrs	x2, hpfar_el2
	str	x2, [x0, #VCPU_HPFAR_EL2]
	save_el1 x0

	mrs	x2, tpidr_el2
	str	xzr, [x2, #PCPU_GUEST]
	ldr	x3, [x2, #PCPU_HOST_HCR]
	msr	hcr_el2, x3
	add	x0, x2, #PCPU_HOST
.ifndef BUG_HOST_SP_EL0
	ldr	x2, [x0, #VCPU_SP_EL0]
	msr	sp_el0, x2
.endif
	ldr	x2, [x0, #VCPU_SP_EL1]
	msr	sp_el1, x2
	ldr	x2, [x0, #VCPU_TPIDR_EL1]
	msr	tpidr_el1, x2
	load_el1 x0
	ldp	x2, x3, [x0, #VCPU_PC]		// the host's return address, PSTATE
	msr	elr_el2, x2
	msr	spsr_el2, x3
	str	x1, [x0, #VCPU_X0]		// the host's x0 = the exit code
	b	host_return

// host_return: x0 = the host context; loads every host GPR and ERETs.
host_return:
	load_x2_x30 x0
	ldp	x0, x1, [x0, #VCPU_X0]
	eret

// ---------------------------------------------------------------------------
// Data: the per-CPU block, one vCPU and the EL2 stack.
// ---------------------------------------------------------------------------
	.bss
	.balign	16
	.globl	hyp_percpu
hyp_percpu:
	.space	PCPU_SIZE
	.balign	16
	.globl	vcpu0
vcpu0:
	.space	VCPU_SIZE
	.balign	16
	.space	4096
	.globl	hyp_stack_top
hyp_stack_top:
