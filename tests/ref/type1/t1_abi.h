/* SPDX-License-Identifier: MIT */
/* The type-1 reference's layout, shared by t1_entry.S and t1_hyp.c
 * (docs/type1.md): a Xen-style GPR frame on each vCPU's own EL2 stack, a
 * Hafnium-style struct vcpu for everything else. type1.profile names the
 * same offsets; t1_hyp.c checks them with static_assert. */
#ifndef T1_ABI_H
#define T1_ABI_H

/* guest calls (x0 = function id) */
#define T1_HVC_SWITCH 0xc6000100 /* x1 = id of the vCPU to run next */
#define T1_HVC_INFO 0xc6000200   /* handled in place: x0-x3 out, a reply in the mailbox */

/* the GPR frame an exception pushes on the vCPU's EL2 stack */
#define FRAME_X(n) ((n) * 8)
#define FRAME_SP_EL0 0xf8
#define FRAME_ELR 0x100
#define FRAME_SPSR 0x108
#define FRAME_SIZE 0x110

/* struct vcpu */
#define VCPU_STACK_TOP 0x000
#define VCPU_SAVED 0x008 /* __context_switch: x19-x29, sp, lr */
#define VCPU_ID 0x070
#define VCPU_HCR 0x078
#define VCPU_VTTBR 0x080
#define VCPU_MAILBOX 0x088
#define VCPU_ACTLR 0x090 /* ACTLR_EL1 as the guest wrote it (trapped, emulated) */
#define VCPU_TPIDR_EL1 0x098 /* reset to 0 by the hypervisor, not described to el2sim */
#define VCPU_SYSREGS 0x100
#define VCPU_SIZE 0x400

#define T1_STACK_SIZE 0x4000
#define T1_MAILBOX_OFF 0xf000 /* in each vCPU's RAM */

#endif
