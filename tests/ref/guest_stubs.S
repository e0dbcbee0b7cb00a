// SPDX-License-Identifier: MIT
// Guest code for the reference world-switch tests, loaded (ET_REL) at the
// start of guest RAM, IPA 0x80000000. Each stub runs at EL1 and ends in one
// kind of exit to EL2. The tests name the stubs by symbol.
	.arch	armv8.5-a
	.text

// HVC exit, nothing else: the guest's registers at the exit are its
// registers at entry.
	.globl	guest_hvc
guest_hvc:
	hvc	#0x10
	b	.

// Changes every GPR (+1), SP (SP_EL1), SP_EL0, TPIDR_EL1 and TPIDR_EL0,
// then exits with HVC #0x11.
	.globl	guest_scramble
guest_scramble:
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	add	x\n, x\n, #1
	.endr
	add	sp, sp, #16
	msr	sp_el0, x7
	msr	tpidr_el1, x5
	msr	tpidr_el0, x6
	hvc	#0x11
	b	.

// Load from IPA 0x90000010: MMIO, no stage-2 mapping (translation fault).
	.globl	guest_mmio
guest_mmio:
	movz	x3, #0x9000, lsl #16
	ldr	x2, [x3, #0x10]
	b	.

// Store to IPA 0x80200008: stage-2 read-only (permission fault).
	.globl	guest_ro_write
guest_ro_write:
	movz	x3, #0x8020, lsl #16
	str	x4, [x3, #8]
	b	.

// MSR SCTLR_EL1 with HCR_EL2.TVM set: trapped to EL2 (EC 0x18).
	.globl	guest_sysreg
guest_sysreg:
	msr	sctlr_el1, x5
	b	.

// Counts in x4 until an IRQ routed to EL2 arrives (the test raises it at
// guest_irq_wait).
	.globl	guest_irq
guest_irq:
	add	x4, x4, #1
	.globl	guest_irq_wait
guest_irq_wait:
	b	guest_irq

// First FP/SIMD use traps to EL2 (lazy switch) and is retried; then writes
// d0 and d9 from x1 and x2 and exits with HVC #0x12.
	.globl	guest_fp
guest_fp:
	fmov	d0, x1
	fmov	d9, x2
	hvc	#0x12
	b	.
