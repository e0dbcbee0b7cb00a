// SPDX-License-Identifier: MIT
// The reference world switch: EL2 vectors, guest entry and exit, the nVHE
// host call path, the VHE run wrapper and the FP/SIMD save/restore. The run
// loop and the exit handling are C (switch.c). Built once per flavour
// (-DREF_NVHE / -DREF_VHE) and once per seeded bug (-DBUG_<NAME>): see
// docs/reference.md. Offsets come from ref_abi.h.
#include "ref_abi.h"

	.arch	armv8.5-a

// ---------------------------------------------------------------------------
// EL2 vectors (VBAR_EL2). Exceptions from EL2 itself are hypervisor bugs:
// they spin in __hyp_panic. From a lower EL: a guest exit when a guest is
// running (per-CPU guest pointer set), otherwise (nVHE) a host call.
// ---------------------------------------------------------------------------
	.macro	panic_vector
	.balign	0x80
	b	__hyp_panic
	.endm

	.macro	lower_vector kind, host_target, guest_target=__guest_exit
	.balign	0x80
	stp	x0, x1, [sp, #-16]!
	mrs	x1, tpidr_el2
	ldr	x0, [x1, #PCPU_GUEST]
	cbz	x0, \host_target
	mov	x1, #\kind
	b	\guest_target
	.endm

#ifdef REF_VHE
#define HOST_SYNC_TARGET __hyp_panic
#else
#define HOST_SYNC_TARGET host_sync
#endif

	.section .hyp.vectors, "ax"
	.balign	0x800
	.globl	__hyp_vectors
	.type	__hyp_vectors, %function
__hyp_vectors:
	panic_vector			// current EL, SP_EL0: sync
	panic_vector			//   IRQ
	panic_vector			//   FIQ
	panic_vector			//   SError
	panic_vector			// current EL, SP_ELx: sync
	panic_vector			//   IRQ
	panic_vector			//   FIQ
	.balign	0x80			//   SError: the guest's, in __guest_exit's window
	b	el2_serror
	lower_vector KIND_SYNC, HOST_SYNC_TARGET, guest_sync	// lower EL, AArch64
	lower_vector KIND_IRQ, __hyp_panic
	lower_vector KIND_FIQ, __hyp_panic
	lower_vector KIND_SERROR, __hyp_panic
	panic_vector			// lower EL, AArch32 (not supported)
	panic_vector
	panic_vector
	panic_vector
	.size	__hyp_vectors, . - __hyp_vectors

// ---------------------------------------------------------------------------
// guest_sync: a synchronous exit, from the lower-EL vector with x0 = guest
// context, x1 = KIND_SYNC and the guest's x0/x1 on the stack. The guest's
// SMCCC_ARCH_WORKAROUND_1 call is answered here and the guest resumed (as
// Linux's hyp-entry.S does): x0 = 0, x1 clobbered (SMCCC lets a call change
// x0-x3), nothing else touched. Every other exit goes to __guest_exit.
// ---------------------------------------------------------------------------
	.text
	.globl	guest_sync
	.type	guest_sync, %function
guest_sync:
	mrs	x1, esr_el2
	lsr	x1, x1, #26			// EC
	cmp	x1, #0x16			// HVC64
	b.ne	1f
	ldr	x1, [sp]			// the guest's x0
	eor	w1, w1, #SMCCC_ARCH_WORKAROUND_1
	cbz	w1, wa_epilogue
1:	mov	x1, #KIND_SYNC
	b	__guest_exit
wa_epilogue:
	mov	x0, xzr
#ifdef BUG_WA_CLOBBER
	mrs	x4, esr_el2			// a scratch register SMCCC does not give
#endif
	add	sp, sp, #16
	eret
	.size	guest_sync, . - guest_sync

// An SError taken at EL2 from EL2: the guest's if it was taken in
// __guest_exit's window (recorded for vcpu_run, which reports it with
// EXIT_SERROR_BIT, as KVM's el2_error does), else a hypervisor panic.
	.globl	el2_serror
	.type	el2_serror, %function
el2_serror:
	stp	x0, x1, [sp, #-16]!
	mrs	x0, elr_el2
	adr	x1, .Lguest_exit_serror_start
	cmp	x0, x1
	b.lo	1f
	adr	x1, .Lguest_exit_serror_end
	cmp	x0, x1
	b.hs	1f
	mrs	x0, tpidr_el2
	mov	x1, #1
	str	x1, [x0, #PCPU_SERROR]
	ldp	x0, x1, [sp], #16
	eret
1:	b	__hyp_panic
	.size	el2_serror, . - el2_serror

	.globl	__hyp_panic
	.type	__hyp_panic, %function
__hyp_panic:
	b	__hyp_panic
	.size	__hyp_panic, . - __hyp_panic

// ---------------------------------------------------------------------------
// uint64_t __guest_enter(struct cpu_ctxt *guest, struct cpu_ctxt *frame)
// Saves what AAPCS64 says the calling hyp code keeps across a call (x18, the
// platform register, x19-x29, x30 and SP_EL0) in frame, loads the guest's
// PC/PSTATE, SP_EL0 and x0-x30, and ERETs. Returns (through __guest_exit)
// the exception kind; x0-x17 are the caller's to lose, as for any call.
// ---------------------------------------------------------------------------
	.globl	__guest_enter
	.type	__guest_enter, %function
__guest_enter:
	stp	x18, x19, [x1, #CTXT_X(18)]
	stp	x20, x21, [x1, #CTXT_X(20)]
	stp	x22, x23, [x1, #CTXT_X(22)]
	stp	x24, x25, [x1, #CTXT_X(24)]
	stp	x26, x27, [x1, #CTXT_X(26)]
	stp	x28, x29, [x1, #CTXT_X(28)]
	str	x30, [x1, #CTXT_X(30)]
	mrs	x2, sp_el0			// the host's SP_EL0
	str	x2, [x1, #CTXT_SP_EL0]

	mrs	x2, tpidr_el2			// publish the running guest
	str	x0, [x2, #PCPU_GUEST]
#if defined(BUG_HOST_IN_GUEST_RAM) && !defined(REF_VHE)
	ldp	x3, x4, [x2, #PCPU_HOST + CTXT_X(19)]	// the saved host x19/x20 ...
	mov	x5, #0x80000000			// ... "parked" in guest RAM
	stp	x3, x4, [x5, #0x100]
#endif

	ldp	x2, x3, [x0, #CTXT_PC]		// guest PC and PSTATE
	msr	elr_el2, x2
	msr	spsr_el2, x3
#ifndef BUG_GUEST_SP_EL0
	ldr	x2, [x0, #CTXT_SP_EL0]		// seed 1: in assembly, no C after it
	msr	sp_el0, x2
#endif
	ldp	x2, x3, [x0, #CTXT_X(2)]
	ldp	x4, x5, [x0, #CTXT_X(4)]
	ldp	x6, x7, [x0, #CTXT_X(6)]
	ldp	x8, x9, [x0, #CTXT_X(8)]
	ldp	x10, x11, [x0, #CTXT_X(10)]
	ldp	x12, x13, [x0, #CTXT_X(12)]
	ldp	x14, x15, [x0, #CTXT_X(14)]
	ldp	x16, x17, [x0, #CTXT_X(16)]
#ifdef BUG_HOST_LEAK
	ldr	x19, [x0, #CTXT_X(19)]		// x18 keeps the host's value
#else
	ldp	x18, x19, [x0, #CTXT_X(18)]
#endif
	ldp	x20, x21, [x0, #CTXT_X(20)]
	ldp	x22, x23, [x0, #CTXT_X(22)]
	ldp	x24, x25, [x0, #CTXT_X(24)]
	ldp	x26, x27, [x0, #CTXT_X(26)]
	ldp	x28, x29, [x0, #CTXT_X(28)]
	ldr	x30, [x0, #CTXT_X(30)]
	ldp	x0, x1, [x0, #CTXT_X(0)]
#ifdef BUG_EL2_UNMASKED
	msr	daifclr, #0x6			// "let pending interrupts in": at EL2, with
						// the guest's IMO/AMO: taken here, not by the guest
#endif
	eret
	.size	__guest_enter, . - __guest_enter

// ---------------------------------------------------------------------------
// __guest_exit: from a lower-EL vector with x0 = guest context, x1 = kind and
// the guest's x0/x1 on the EL2 stack. Saves the guest's x0-x30, SP_EL0 and
// ELR/SPSR_EL2, restores the host's SP_EL0 (before any C runs) and the
// frame's x18-x30, and returns the kind to __guest_enter's caller.
// ---------------------------------------------------------------------------
	.globl	__guest_exit
	.type	__guest_exit, %function
__guest_exit:
	stp	x2, x3, [x0, #CTXT_X(2)]
	stp	x4, x5, [x0, #CTXT_X(4)]
#ifdef BUG_GUEST_GPR
	str	x6, [x0, #CTXT_X(6)]		// x7 is lost
#else
	stp	x6, x7, [x0, #CTXT_X(6)]
#endif
	stp	x8, x9, [x0, #CTXT_X(8)]
	stp	x10, x11, [x0, #CTXT_X(10)]
	stp	x12, x13, [x0, #CTXT_X(12)]
	stp	x14, x15, [x0, #CTXT_X(14)]
	stp	x16, x17, [x0, #CTXT_X(16)]
	stp	x18, x19, [x0, #CTXT_X(18)]
	stp	x20, x21, [x0, #CTXT_X(20)]
	stp	x22, x23, [x0, #CTXT_X(22)]
	stp	x24, x25, [x0, #CTXT_X(24)]
	stp	x26, x27, [x0, #CTXT_X(26)]
	stp	x28, x29, [x0, #CTXT_X(28)]
	str	x30, [x0, #CTXT_X(30)]
	ldp	x2, x3, [sp], #16		// the guest's x0, x1
	stp	x2, x3, [x0, #CTXT_X(0)]
	mrs	x2, sp_el0
	str	x2, [x0, #CTXT_SP_EL0]
	mrs	x2, elr_el2			// guest PC and PSTATE at the exception
#ifdef BUG_SPSR_NOT_SAVED
	str	x2, [x0, #CTXT_PC]		// the guest's PSTATE is lost
#else
	mrs	x3, spsr_el2
	stp	x2, x3, [x0, #CTXT_PC]
#endif
#ifdef BUG_EXIT_PANIC
	b	__hyp_panic			// never back to the host
#endif
	// An SError pending from the guest is the guest's: take it here, while
	// the guest's HCR_EL2.AMO still routes it to EL2 (el2_serror records it),
	// rather than leave it for the host to take as its own. Taking it
	// overwrites ESR_EL2 and FAR_EL2, which the exit handling reads: kept
	// across the window (as Linux's __guest_exit keeps ELR/ESR/SPSR_EL2).
	mrs	x2, esr_el2
	mrs	x3, far_el2
#ifndef BUG_SERROR_LEAK
	msr	daifclr, #4
#endif
.Lguest_exit_serror_start:
	isb
.Lguest_exit_serror_end:
#ifndef BUG_SERROR_LEAK
	msr	daifset, #4
#endif
	msr	esr_el2, x2
	msr	far_el2, x3

	mrs	x2, tpidr_el2
	str	xzr, [x2, #PCPU_GUEST]
	add	x2, x2, #PCPU_FRAME
#ifndef BUG_HOST_SP_EL0_LATE
	ldr	x3, [x2, #CTXT_SP_EL0]		// seed 1: host SP_EL0 before any C
	msr	sp_el0, x3
#endif
	mov	x0, x1				// return the exception kind
	ldp	x18, x19, [x2, #CTXT_X(18)]
	ldp	x20, x21, [x2, #CTXT_X(20)]
	ldp	x22, x23, [x2, #CTXT_X(22)]
	ldp	x24, x25, [x2, #CTXT_X(24)]
	ldp	x26, x27, [x2, #CTXT_X(26)]
	ldp	x28, x29, [x2, #CTXT_X(28)]
	ldr	x30, [x2, #CTXT_X(30)]
	ret
	.size	__guest_exit, . - __guest_exit

#ifndef REF_VHE
// ---------------------------------------------------------------------------
// nVHE host call (HVC from the host at EL1), from the lower-EL sync vector
// with the host's x0/x1 on the stack. All host GPRs and ELR/SPSR_EL2 go to
// the per-CPU host context; handle_host_trap (C) dispatches the SMCCC call
// and leaves the status in the context's x0; everything is restored from the
// context and the call returns with ERET.
// ---------------------------------------------------------------------------
	.type	host_sync, %function
host_sync:
	add	x0, x1, #PCPU_HOST		// x1 = per-CPU data
	stp	x2, x3, [x0, #CTXT_X(2)]
	stp	x4, x5, [x0, #CTXT_X(4)]
	stp	x6, x7, [x0, #CTXT_X(6)]
	stp	x8, x9, [x0, #CTXT_X(8)]
	stp	x10, x11, [x0, #CTXT_X(10)]
	stp	x12, x13, [x0, #CTXT_X(12)]
	stp	x14, x15, [x0, #CTXT_X(14)]
	stp	x16, x17, [x0, #CTXT_X(16)]
	stp	x18, x19, [x0, #CTXT_X(18)]
	stp	x20, x21, [x0, #CTXT_X(20)]
	stp	x22, x23, [x0, #CTXT_X(22)]
	stp	x24, x25, [x0, #CTXT_X(24)]
	stp	x26, x27, [x0, #CTXT_X(26)]
	stp	x28, x29, [x0, #CTXT_X(28)]
	str	x30, [x0, #CTXT_X(30)]
	ldp	x2, x3, [sp], #16		// the host's x0, x1
	stp	x2, x3, [x0, #CTXT_X(0)]
	mrs	x2, elr_el2			// the host's return address and PSTATE
	mrs	x3, spsr_el2
	stp	x2, x3, [x0, #CTXT_PC]

	mov	x19, x0				// callee-saved across the C call
	bl	handle_host_trap
	mov	x0, x19

	ldp	x2, x3, [x0, #CTXT_PC]
	msr	elr_el2, x2
#ifndef BUG_ELR_SPSR
	msr	spsr_el2, x3
#endif
	ldp	x2, x3, [x0, #CTXT_X(2)]
	ldp	x4, x5, [x0, #CTXT_X(4)]
	ldp	x6, x7, [x0, #CTXT_X(6)]
	ldp	x8, x9, [x0, #CTXT_X(8)]
	ldp	x10, x11, [x0, #CTXT_X(10)]
	ldp	x12, x13, [x0, #CTXT_X(12)]
	ldp	x14, x15, [x0, #CTXT_X(14)]
	ldp	x16, x17, [x0, #CTXT_X(16)]
#ifdef BUG_HOST_CALLEE
	ldr	x18, [x0, #CTXT_X(18)]		// x19 keeps the context pointer
#else
	ldp	x18, x19, [x0, #CTXT_X(18)]
#endif
	ldp	x20, x21, [x0, #CTXT_X(20)]
	ldp	x22, x23, [x0, #CTXT_X(22)]
	ldp	x24, x25, [x0, #CTXT_X(24)]
	ldp	x26, x27, [x0, #CTXT_X(26)]
	ldp	x28, x29, [x0, #CTXT_X(28)]
	ldr	x30, [x0, #CTXT_X(30)]
	ldp	x0, x1, [x0, #CTXT_X(0)]	// x0 = the status
	eret
	.size	host_sync, . - host_sync

#else
// ---------------------------------------------------------------------------
// VHE: uint64_t __vhe_vcpu_run(struct cpu_ctxt *guest), called by the host at
// EL2 (E2H = TGE = 1). Masks interrupts around vcpu_run and gives the host
// back its PSTATE: the exit from the guest cleared UAO, left the guest's PAN
// and DIT and set SSBS from SCTLR_EL2.DSSBS (seed 3). Caller-saved registers
// are cleared so no value from the run reaches the host.
// ---------------------------------------------------------------------------
	.globl	__vhe_vcpu_run
	.type	__vhe_vcpu_run, %function
__vhe_vcpu_run:
	stp	x29, x30, [sp, #-64]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
#ifdef BUG_HOST_IN_GUEST_RAM
	mov	x1, #0x80000000			// the host's x19/x20 "parked" in guest RAM
	stp	x19, x20, [x1, #0x100]
#endif
	mrs	x19, daif
	mrs	x1, pan
	mrs	x2, uao
	stp	x1, x2, [sp, #32]
	mrs	x1, ssbs
	mrs	x2, dit
	stp	x1, x2, [sp, #48]
	msr	daifset, #0xf
	bl	vcpu_run
#ifndef BUG_UAO_PAN
	ldp	x1, x2, [sp, #32]
#ifndef BUG_PAN_NOT_RESTORED
	msr	pan, x1				// the exit kept the guest's PAN
#endif
#ifndef BUG_UAO_NOT_RESTORED
	msr	uao, x2				// the exit cleared UAO
#endif
#endif
	ldp	x1, x2, [sp, #48]
	msr	ssbs, x1
	msr	dit, x2
	msr	daif, x19
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	mov	x4, xzr
	mov	x5, xzr
	mov	x6, xzr
	mov	x7, xzr
	mov	x8, xzr
	mov	x9, xzr
	mov	x10, xzr
	mov	x11, xzr
	mov	x12, xzr
	mov	x13, xzr
	mov	x14, xzr
	mov	x15, xzr
	mov	x16, xzr
	mov	x17, xzr
#ifdef BUG_HOST_CALLEE
	ldr	x20, [sp, #24]			// x19 keeps the saved DAIF
#else
	ldp	x19, x20, [sp, #16]
#endif
	ldp	x29, x30, [sp], #64
	ret
	.size	__vhe_vcpu_run, . - __vhe_vcpu_run

// uint64_t __vhe_version(void): the VHE host's other call (the nVHE host
// reaches the same through HVC REF_FID_VERSION).
	.globl	__vhe_version
	.type	__vhe_version, %function
__vhe_version:
#ifdef BUG_VERSION_CLOBBER
	mov	x19, xzr			// a callee-saved register lost
#endif
#ifdef BUG_VERSION_WRONG
	mov	x0, #1				// the major number in the minor field
#else
	mov	x0, #0x10000			// REF_VERSION
#endif
	ret
	.size	__vhe_version, . - __vhe_version
#endif

// ---------------------------------------------------------------------------
// FP/SIMD: all of V0-V31, FPCR and FPSR, to and from an FP area. Called with
// FP enabled at EL2. The host's restore is its own entry point so that it
// can differ in the seeded bug.
// ---------------------------------------------------------------------------
// FP/SIMD areas (x0 = V0's slot, FPST_* after it: ref_abi.h). FPCR/FPSR
// are 64-bit slots, or 32-bit ones in the REF_FP_U32 builds (user_fpsimd_state).
#ifdef REF_FP_U32
#define FPCTL(n) w##n
#else
#define FPCTL(n) x##n
#endif
	.macro	fpsimd_load base, skip_v9, swap_ctl=0
	ldp	q0, q1, [\base, #0]
	ldp	q2, q3, [\base, #32]
	ldp	q4, q5, [\base, #64]
	ldp	q6, q7, [\base, #96]
	.if \skip_v9
	ldr	q8, [\base, #128]
	.else
	ldp	q8, q9, [\base, #128]
	.endif
	ldp	q10, q11, [\base, #160]
	ldp	q12, q13, [\base, #192]
	ldp	q14, q15, [\base, #224]
	ldp	q16, q17, [\base, #256]
	ldp	q18, q19, [\base, #288]
	ldp	q20, q21, [\base, #320]
	ldp	q22, q23, [\base, #352]
	ldp	q24, q25, [\base, #384]
	ldp	q26, q27, [\base, #416]
	ldp	q28, q29, [\base, #448]
	ldp	q30, q31, [\base, #480]
	.if \swap_ctl				// FPCR and FPSR from each other's slot
	ldr	FPCTL(2), [\base, #FPST_FPSR]
	ldr	FPCTL(3), [\base, #FPST_FPCR]
	.else
	ldr	FPCTL(2), [\base, #FPST_FPCR]	// 32-bit loads zero-extend
	ldr	FPCTL(3), [\base, #FPST_FPSR]
	.endif
	msr	fpcr, x2
	msr	fpsr, x3
	.endm

	.globl	fpsimd_save
	.type	fpsimd_save, %function
fpsimd_save:
	stp	q0, q1, [x0, #0]
	stp	q2, q3, [x0, #32]
	stp	q4, q5, [x0, #64]
	stp	q6, q7, [x0, #96]
	stp	q8, q9, [x0, #128]
	stp	q10, q11, [x0, #160]
	stp	q12, q13, [x0, #192]
	stp	q14, q15, [x0, #224]
	stp	q16, q17, [x0, #256]
	stp	q18, q19, [x0, #288]
	stp	q20, q21, [x0, #320]
	stp	q22, q23, [x0, #352]
	stp	q24, q25, [x0, #384]
	stp	q26, q27, [x0, #416]
	stp	q28, q29, [x0, #448]
	stp	q30, q31, [x0, #480]
	mrs	x2, fpcr
	mrs	x3, fpsr
	str	FPCTL(2), [x0, #FPST_FPCR]
#ifdef BUG_FPCTL_WIDE
	str	x3, [x0, #FPST_FPSR]		// 64 bits: zeroes the 32-bit FPCR after it
#else
	str	FPCTL(3), [x0, #FPST_FPSR]
#endif
	ret
	.size	fpsimd_save, . - fpsimd_save

	.globl	fpsimd_load_guest
	.type	fpsimd_load_guest, %function
fpsimd_load_guest:
#ifdef BUG_FPCTL_SWAP
	fpsimd_load x0, 0, 1			// the 64-bit layout's order on a 32-bit one
#else
	fpsimd_load x0, 0
#endif
	ret
	.size	fpsimd_load_guest, . - fpsimd_load_guest

	.globl	fpsimd_load_host
	.type	fpsimd_load_host, %function
fpsimd_load_host:
#ifdef BUG_FP_LEAK
	fpsimd_load x0, 1			// v9 keeps the guest's value
#else
	fpsimd_load x0, 0
#endif
	ret
	.size	fpsimd_load_host, . - fpsimd_load_host

// ---------------------------------------------------------------------------
// Data: the per-CPU block (TPIDR_EL2), a default vCPU context and the EL2
// stack.
// ---------------------------------------------------------------------------
	.bss
	.balign	4096
	.globl	hyp_percpu
	.type	hyp_percpu, %object
hyp_percpu:
	.space	PCPU_SIZE
	.size	hyp_percpu, PCPU_SIZE
	.globl	vcpu_ctxt
	.type	vcpu_ctxt, %object
vcpu_ctxt:
	.space	0x1000
	.size	vcpu_ctxt, 0x1000
	.balign	16
__hyp_stack:
	.space	0x4000
	.globl	__hyp_stack_top
__hyp_stack_top:
