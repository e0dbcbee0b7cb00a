// SPDX-License-Identifier: MIT
// The tutorial's layout for el2sim check as EL2SIM_* symbols (the
// asm-offsets style of docs/layout.md): the numbers, from the same vcpu.inc
// the code uses. The addresses are in el2sim_layout.ld (an assembler cannot
// give a symbol the address of a label in another object). Link both into
// the image you check and run `el2sim check hyp.elf` without --layout: it
// describes the same world as tutorial.profile.
	.include "vcpu.inc"

	.macro	el2sim name, value
	.globl	EL2SIM_\name
	.set	EL2SIM_\name, \value
	.endm

// [world]
	el2sim	MODE, 1				// 1 = nvhe, 2 = vhe
	el2sim	RUN_HVC, HVC_VCPU_RUN
	el2sim	UNKNOWN_HVC, 0xc600ffff
	el2sim	TRAPPED_SCTLR_EL1, 1		// HCR_GUEST has TVM
	el2sim	IRQ, 1				// HCR_GUEST has IMO

// [el2]: the host's HCR_EL2; MDCR_EL2 traps debug register accesses
	el2sim	EL2_HCR_EL2, HCR_HOST
	el2sim	EL2_MDCR_EL2, 0xe00		// TDRA | TDOSA | TDA

// [guest]: struct vcpu
	el2sim	GUEST_X0, VCPU_X0
	el2sim	GUEST_X1, VCPU_X0 + 8 * 1
	el2sim	GUEST_X2, VCPU_X0 + 8 * 2
	el2sim	GUEST_X3, VCPU_X0 + 8 * 3
	el2sim	GUEST_X4, VCPU_X0 + 8 * 4
	el2sim	GUEST_X5, VCPU_X0 + 8 * 5
	el2sim	GUEST_X6, VCPU_X0 + 8 * 6
	el2sim	GUEST_X7, VCPU_X0 + 8 * 7
	el2sim	GUEST_X8, VCPU_X0 + 8 * 8
	el2sim	GUEST_X9, VCPU_X0 + 8 * 9
	el2sim	GUEST_X10, VCPU_X0 + 8 * 10
	el2sim	GUEST_X11, VCPU_X0 + 8 * 11
	el2sim	GUEST_X12, VCPU_X0 + 8 * 12
	el2sim	GUEST_X13, VCPU_X0 + 8 * 13
	el2sim	GUEST_X14, VCPU_X0 + 8 * 14
	el2sim	GUEST_X15, VCPU_X0 + 8 * 15
	el2sim	GUEST_X16, VCPU_X0 + 8 * 16
	el2sim	GUEST_X17, VCPU_X0 + 8 * 17
	el2sim	GUEST_X18, VCPU_X0 + 8 * 18
	el2sim	GUEST_X19, VCPU_X0 + 8 * 19
	el2sim	GUEST_X20, VCPU_X0 + 8 * 20
	el2sim	GUEST_X21, VCPU_X0 + 8 * 21
	el2sim	GUEST_X22, VCPU_X0 + 8 * 22
	el2sim	GUEST_X23, VCPU_X0 + 8 * 23
	el2sim	GUEST_X24, VCPU_X0 + 8 * 24
	el2sim	GUEST_X25, VCPU_X0 + 8 * 25
	el2sim	GUEST_X26, VCPU_X0 + 8 * 26
	el2sim	GUEST_X27, VCPU_X0 + 8 * 27
	el2sim	GUEST_X28, VCPU_X0 + 8 * 28
	el2sim	GUEST_X29, VCPU_X0 + 8 * 29
	el2sim	GUEST_X30, VCPU_X0 + 8 * 30
	el2sim	GUEST_SP_EL0, VCPU_SP_EL0
	el2sim	GUEST_PC, VCPU_PC
	el2sim	GUEST_PSTATE, VCPU_PSTATE
	el2sim	GUEST_SP_EL1, VCPU_SP_EL1
	el2sim	GUEST_TPIDR_EL1, VCPU_TPIDR_EL1
	el2sim	GUEST_ESR_EL2, VCPU_ESR_EL2
	el2sim	GUEST_FAR_EL2, VCPU_FAR_EL2
	el2sim	GUEST_HPFAR_EL2, VCPU_HPFAR_EL2
	el2sim	GUEST_ACTLR_EL1, VCPU_EL1 + 8 * 0
	el2sim	GUEST_SCTLR_EL1, VCPU_EL1 + 8 * 1
	el2sim	GUEST_CPACR_EL1, VCPU_EL1 + 8 * 2
	el2sim	GUEST_TTBR0_EL1, VCPU_EL1 + 8 * 3
	el2sim	GUEST_TTBR1_EL1, VCPU_EL1 + 8 * 4
	el2sim	GUEST_TCR_EL1, VCPU_EL1 + 8 * 5
	el2sim	GUEST_ELR_EL1, VCPU_EL1 + 8 * 6
	el2sim	GUEST_SPSR_EL1, VCPU_EL1 + 8 * 7
	el2sim	GUEST_AFSR0_EL1, VCPU_EL1 + 8 * 8
	el2sim	GUEST_AFSR1_EL1, VCPU_EL1 + 8 * 9
	el2sim	GUEST_ESR_EL1, VCPU_EL1 + 8 * 10
	el2sim	GUEST_FAR_EL1, VCPU_EL1 + 8 * 11
	el2sim	GUEST_PAR_EL1, VCPU_EL1 + 8 * 12
	el2sim	GUEST_MAIR_EL1, VCPU_EL1 + 8 * 13
	el2sim	GUEST_AMAIR_EL1, VCPU_EL1 + 8 * 14
	el2sim	GUEST_VBAR_EL1, VCPU_EL1 + 8 * 15
	el2sim	GUEST_CONTEXTIDR_EL1, VCPU_EL1 + 8 * 16
	el2sim	GUEST_CSSELR_EL1, VCPU_EL1 + 8 * 17
	el2sim	GUEST_TPIDR_EL0, VCPU_EL1 + 8 * 18
	el2sim	GUEST_TPIDRRO_EL0, VCPU_EL1 + 8 * 19
	el2sim	GUEST_MDSCR_EL1, VCPU_EL1 + 8 * 20
	el2sim	GUEST_OSDLR_EL1, VCPU_EL1 + 8 * 21
	el2sim	GUEST_CNTKCTL_EL1, VCPU_EL1 + 8 * 22
	el2sim	GUEST_CNTV_CVAL_EL0, VCPU_EL1 + 8 * 23
