// SPDX-License-Identifier: MIT
// The type-1 reference (docs/type1.md): EL2 owns the machine, two vCPUs.
// Xen style: an exception from a guest pushes the guest's GPRs as a frame
// on the vCPU's own EL2 stack, C handles it on that stack, and a vCPU
// switch is __context_switch, which returns on the other vCPU's stack.
// Hafnium style: TPIDR_EL2 points at the running struct vcpu and a
// handled call takes a fast path that saves only what C may clobber.
// Seeded bugs: -DBUG_<NAME> (tests/ref/meson.build, docs/reference.md).
#include "t1_abi.h"

	.arch	armv8-a

	.macro	panic_vector
	.balign	0x80
	b	.
	.endm

	.section .hyp.vectors, "ax"
	.balign	0x800
	.globl	t1_vectors
	.type	t1_vectors, %function
t1_vectors:
	panic_vector			// current EL, SP_EL0
	panic_vector
	panic_vector
	panic_vector
	panic_vector			// current EL, SP_ELx: hypervisor bugs
	panic_vector
	panic_vector
	panic_vector
	.balign	0x80			// lower EL, AArch64: sync
	b	t1_lower_sync
	.balign	0x80			//   IRQ
	b	t1_lower_irq
	panic_vector			//   FIQ
	panic_vector			//   SError
	panic_vector			// lower EL, AArch32
	panic_vector
	panic_vector
	panic_vector
	.size	t1_vectors, . - t1_vectors

	.text
// x2-x17 into / x0-x17 from the frame at sp: both saves (full and fast
// path) and both returns share them; x18 stays with each caller (the
// seeded bugs differ there).
	.macro	save_x2_x17
	stp	x2, x3, [sp, #FRAME_X(2)]
	stp	x4, x5, [sp, #FRAME_X(4)]
	stp	x6, x7, [sp, #FRAME_X(6)]
	stp	x8, x9, [sp, #FRAME_X(8)]
	stp	x10, x11, [sp, #FRAME_X(10)]
	stp	x12, x13, [sp, #FRAME_X(12)]
	stp	x14, x15, [sp, #FRAME_X(14)]
	stp	x16, x17, [sp, #FRAME_X(16)]
	.endm

	.macro	load_x0_x17
	ldp	x0, x1, [sp, #FRAME_X(0)]
	ldp	x2, x3, [sp, #FRAME_X(2)]
	ldp	x4, x5, [sp, #FRAME_X(4)]
	ldp	x6, x7, [sp, #FRAME_X(6)]
	ldp	x8, x9, [sp, #FRAME_X(8)]
	ldp	x10, x11, [sp, #FRAME_X(10)]
	ldp	x12, x13, [sp, #FRAME_X(12)]
	ldp	x14, x15, [sp, #FRAME_X(14)]
	ldp	x16, x17, [sp, #FRAME_X(16)]
	.endm

// Saves x2-x30, SP_EL0, ELR_EL2, SPSR_EL2 into the frame at sp (x0, x1
// already there).
	.macro	save_rest
	save_x2_x17
#ifndef BUG_X18_UNEVEN
	str	x18, [sp, #FRAME_X(18)]
#endif
	stp	x19, x20, [sp, #FRAME_X(19)]
	stp	x21, x22, [sp, #FRAME_X(21)]
	stp	x23, x24, [sp, #FRAME_X(23)]
	stp	x25, x26, [sp, #FRAME_X(25)]
	stp	x27, x28, [sp, #FRAME_X(27)]
	stp	x29, x30, [sp, #FRAME_X(29)]
	mrs	x2, sp_el0
	mrs	x3, elr_el2
	mrs	x4, spsr_el2
	str	x2, [sp, #FRAME_SP_EL0]
	stp	x3, x4, [sp, #FRAME_ELR]
	.endm

	.globl	t1_lower_sync
	.type	t1_lower_sync, %function
t1_lower_sync:
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #FRAME_X(0)]
	// the handled call's fast path: an HVC with x0 = T1_HVC_INFO
	mrs	x1, esr_el2
	lsr	x1, x1, #26
	cmp	x1, #0x16
	b.ne	1f
	movz	x1, #(T1_HVC_INFO & 0xffff)
	movk	x1, #(T1_HVC_INFO >> 16), lsl #16
	cmp	x0, x1
	b.eq	t1_hvc_fast
1:	ldr	x1, [sp, #FRAME_X(1)]
	save_rest
	mov	x0, sp
	bl	t1_handle_sync
	b	t1_return_to_guest
	.size	t1_lower_sync, . - t1_lower_sync

	.globl	t1_lower_irq
	.type	t1_lower_irq, %function
t1_lower_irq:
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #FRAME_X(0)]
	save_rest
	mov	x0, sp
	bl	t1_handle_irq
	b	t1_return_to_guest
	.size	t1_lower_irq, . - t1_lower_irq

// Fast path: only what AAPCS64 lets C clobber (x0-x17, x30) and x18 are
// saved; C keeps x19-x29 and never touches SP_EL0, ELR_EL2, SPSR_EL2.
	.globl	t1_hvc_fast
	.type	t1_hvc_fast, %function
t1_hvc_fast:
	save_x2_x17
	str	x18, [sp, #FRAME_X(18)]
	str	x30, [sp, #FRAME_X(30)]
	mov	x0, sp
#ifdef BUG_X18_FAST
	mrs	x18, tpidr_el2		// scratch, never reloaded
	mov	x1, x18
#else
	mrs	x1, tpidr_el2
#endif
	bl	t1_handle_hvc_fast
	load_x0_x17
#ifndef BUG_X18_FAST
	ldr	x18, [sp, #FRAME_X(18)]
#endif
	ldr	x30, [sp, #FRAME_X(30)]
	add	sp, sp, #FRAME_SIZE
	eret
	.size	t1_hvc_fast, . - t1_hvc_fast

// Restores the guest from the frame at sp and enters it. A new vCPU's
// first __context_switch "returns" here (its saved lr), on its own stack
// whose frame the vCPU's creator filled.
	.globl	t1_return_to_guest
	.type	t1_return_to_guest, %function
t1_return_to_guest:
	ldr	x2, [sp, #FRAME_SP_EL0]
	ldp	x3, x4, [sp, #FRAME_ELR]
	msr	sp_el0, x2
	msr	elr_el2, x3
	msr	spsr_el2, x4
	load_x0_x17
	ldr	x18, [sp, #FRAME_X(18)]
	ldp	x19, x20, [sp, #FRAME_X(19)]
	ldp	x21, x22, [sp, #FRAME_X(21)]
	ldp	x23, x24, [sp, #FRAME_X(23)]
	ldp	x25, x26, [sp, #FRAME_X(25)]
	ldp	x27, x28, [sp, #FRAME_X(27)]
	ldp	x29, x30, [sp, #FRAME_X(29)]
	add	sp, sp, #FRAME_SIZE
	eret
	.size	t1_return_to_guest, . - t1_return_to_guest

// __context_switch(prev = x0, next = x1): keeps prev's callee-saved
// registers, SP and LR in prev, takes next's, returns on next's stack.
	.globl	__context_switch
	.type	__context_switch, %function
__context_switch:
	add	x8, x0, #VCPU_SAVED
	mov	x9, sp
	stp	x19, x20, [x8], #16
	stp	x21, x22, [x8], #16
	stp	x23, x24, [x8], #16
	stp	x25, x26, [x8], #16
	stp	x27, x28, [x8], #16
	stp	x29, x9, [x8], #16
	str	x30, [x8]
	add	x8, x1, #VCPU_SAVED
	ldp	x19, x20, [x8], #16
	ldp	x21, x22, [x8], #16
	ldp	x23, x24, [x8], #16
	ldp	x25, x26, [x8], #16
	ldp	x27, x28, [x8], #16
	ldp	x29, x9, [x8], #16
	ldr	x30, [x8]
	mov	sp, x9
#ifdef BUG_SWITCH_CALLEE
	add	x27, x27, #1		// a callee-saved register not given back
#endif
	ret
	.size	__context_switch, . - __context_switch

// The hypervisor's run path: x0 = the first vCPU; runs on the boot stack
// (SP_EL2), sets every vCPU up, then enters the first on its own stack.
	.globl	t1_start
	.type	t1_start, %function
t1_start:
	mov	x19, x0
	bl	t1_main
	ldr	x1, [x19, #VCPU_STACK_TOP]
	sub	sp, x1, #FRAME_SIZE
	b	t1_return_to_guest
	.size	t1_start, . - t1_start
