/* SPDX-License-Identifier: MIT */
/* Exception entry and return, syndromes, and asynchronous exceptions.
 * Names follow the Arm ARM (DDI 0487 J.a) pseudocode: the ExceptionRecord
 * of shared/exceptions/exceptions/ExceptionRecord, the exception classes of
 * ESR_ELx.EC (D19.2.37). */
#ifndef EL2SIM_EXCEPTION_H
#define EL2SIM_EXCEPTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "el2sim/pe.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ESR_ELx.EC values used by the model (D19.2.37). */
enum el2_ec {
	EL2_EC_UNKNOWN = 0x00,
	EL2_EC_WFX = 0x01,
	EL2_EC_CP15RT = 0x03,    /* MCR/MRC coproc 0b1111, from AArch32 */
	EL2_EC_CP15RRT = 0x04,   /* MCRR/MRRC coproc 0b1111, from AArch32 */
	EL2_EC_CP14RT = 0x05,    /* MCR/MRC coproc 0b1110, from AArch32 */
	EL2_EC_FP_ASIMD = 0x07,
	EL2_EC_PAC = 0x09,
	EL2_EC_CP14RRT = 0x0c,   /* MRRC coproc 0b1110, from AArch32 */
	EL2_EC_ILLEGAL_STATE = 0x0e,
	EL2_EC_SVC32 = 0x11,
	EL2_EC_HVC32 = 0x12,
	EL2_EC_SMC32 = 0x13,
	EL2_EC_SVC64 = 0x15,
	EL2_EC_HVC64 = 0x16,
	EL2_EC_SMC64 = 0x17,
	EL2_EC_SYS64 = 0x18,
	EL2_EC_SVE = 0x19,
	EL2_EC_ERET = 0x1a,
	EL2_EC_IABT_LOW = 0x20,
	EL2_EC_IABT_CUR = 0x21,
	EL2_EC_PC_ALIGN = 0x22,
	EL2_EC_DABT_LOW = 0x24,
	EL2_EC_DABT_CUR = 0x25,
	EL2_EC_SP_ALIGN = 0x26,
	EL2_EC_SERROR = 0x2f,
	EL2_EC_BREAKPT_LOW = 0x30,
	EL2_EC_BREAKPT_CUR = 0x31,
	EL2_EC_SOFTSTP_LOW = 0x32,
	EL2_EC_SOFTSTP_CUR = 0x33,
	EL2_EC_WATCHPT_LOW = 0x34,
	EL2_EC_WATCHPT_CUR = 0x35,
	EL2_EC_BKPT32 = 0x38,
	EL2_EC_BRK64 = 0x3c,
};

#define EL2_ESR_EC_SHIFT 26
#define EL2_ESR_IL (1u << 25)
#define EL2_ESR_ISS_MASK 0x1ffffffu
#define EL2_ESR_EC(esr) ((unsigned)(((esr) >> 26) & 0x3fu))

/* The Exception enumeration of the pseudocode (the kinds the model takes). */
typedef enum el2_exc_type {
	EL2_EXC_UNCATEGORIZED,   /* EC 0x00: UNDEFINED instruction */
	EL2_EXC_WFX_TRAP,        /* EC 0x01 */
	EL2_EXC_FP_TRAP,         /* EC 0x07: AdvSIMDFPAccessTrap */
	EL2_EXC_ILLEGAL_STATE,   /* EC 0x0E */
	EL2_EXC_SVC,             /* EC 0x15: SupervisorCall */
	EL2_EXC_HVC,             /* EC 0x16: HypervisorCall */
	EL2_EXC_SMC,             /* EC 0x17: MonitorCall (trapped SMC) */
	EL2_EXC_SYSREG_TRAP,     /* EC 0x18: SystemRegisterTrap */
	EL2_EXC_INSTR_ABORT,     /* EC 0x20/0x21 */
	EL2_EXC_PC_ALIGN,        /* EC 0x22 */
	EL2_EXC_DATA_ABORT,      /* EC 0x24/0x25 */
	EL2_EXC_SP_ALIGN,        /* EC 0x26 */
	EL2_EXC_SERROR,          /* EC 0x2F (physical or virtual) */
	EL2_EXC_SOFTWARE_STEP,   /* EC 0x32/0x33 */
	EL2_EXC_BRK,             /* EC 0x3C: SoftwareBreakpoint */
	EL2_EXC_ERET_TRAP,       /* EC 0x1A: ERetTrap (FEAT_FGT HFGITR_EL2.ERET) */
	EL2_EXC_IRQ,
	EL2_EXC_FIQ,
	EL2_EXC_CP15RT_TRAP,     /* EC 0x03: trapped MCR/MRC p15 (from AArch32 only) */
	EL2_EXC_CP15RRT_TRAP,    /* EC 0x04: trapped MCRR/MRRC p15 */
	EL2_EXC_CP14RT_TRAP,     /* EC 0x05: trapped MCR/MRC p14 */
	EL2_EXC_CP14RRT_TRAP,    /* EC 0x0C: trapped MRRC p14 */
	EL2_EXC_PAC_TRAP,        /* EC 0x09: PACTrap (TrapPACUse) */
	EL2_EXC_SVE_TRAP,        /* EC 0x19: SVEAccessTrap */
	EL2_EXC__COUNT
} el2_exc_type;

/* The pseudocode's ExceptionRecord: what AArch64.ReportException writes. */
typedef struct el2_exception {
	el2_exc_type type;
	uint32_t iss;           /* ESR_ELx.ISS (bits [24:0]) */
	bool far_valid;         /* FAR_ELx = vaddress (aborts, PC alignment) */
	uint64_t vaddress;
	bool ipa_valid;         /* HPFAR_EL2 = ipaddress[51:12] (EL2 targets) */
	uint64_t ipaddress;
	bool t16;               /* taken from AArch32 at a 16-bit T32 instruction:
	                           ESR.IL = 0 where IL is the instruction length */
} el2_exception;

/* What an exception entry or return did (filled by the calls below). */
typedef struct el2_exc_outcome {
	unsigned from_el, target_el;
	uint32_t esr;           /* value written to ESR_ELx (0 for IRQ/FIQ) */
	uint64_t vector;        /* new PC */
	unsigned vect_offset;   /* offset within the table (0x000..0x780) */
	bool illegal_return;    /* exception return: PSTATE.IL was set */
} el2_exc_outcome;

/* aarch64/exceptions/takeexception/AArch64.TakeException. Enters target_el
 * with the exception; preferred_return goes to ELR_ELx. From AArch32 state
 * (EL0/EL1 with PSTATE.nRW = 1) the lower-EL offset is 0x600 when the EL
 * below the target uses AArch32, SPSR_ELx takes the AArch32 layout, ELR
 * the 32-bit address, ESR the AArch32 EC (SVC 0x11, HVC 0x12 ...) and IL
 * (exc->t16), and the upper halves of X0-X30 are zeroed. vect_offset is the
 * offset of the kind (0x0 sync, 0x80 IRQ, 0x100 FIQ, 0x180 SError) to which
 * the current-EL/lower-EL offset is added. Fails with EL2_ERR_INVALID_ARG if
 * target_el is lower than the current EL or not implemented, and with
 * EL2_ERR_UNSUPPORTED (PE unchanged) for a target EL1 using AArch32
 * (AArch32.TakeException is not modelled). */
el2_err el2_take_exception(el2_pe *pe, unsigned target_el, const el2_exception *exc,
			   uint64_t preferred_return, unsigned vect_offset,
			   el2_exc_outcome *out);

/* The target EL of a synchronous exception of this type taken from the
 * current state, by the routing rules of the pseudocode that raises it
 * (AArch64.UndefinedFault, AArch64.CallSupervisor, AArch64.SoftwareBreakpoint,
 * AArch64.Abort ...). stage2 is for aborts: a stage-2 fault goes to EL2. */
unsigned el2_sync_target_el(const el2_pe *pe, el2_exc_type type, bool stage2);

/* Takes a synchronous exception at the current instruction (ELR = PC),
 * routed by el2_sync_target_el. For HVC/SVC/SMC the caller passes the
 * preferred return itself via el2_take_exception. */
el2_err el2_take_sync(el2_pe *pe, const el2_exception *exc, bool stage2,
		      el2_exc_outcome *out);

/* aarch64/functions/eret/AArch64.ExceptionReturn: PC <- new_pc, PSTATE <-
 * spsr, or an illegal exception return (PSTATE.IL = 1, EL unchanged). */
void el2_exception_return(el2_pe *pe, uint64_t new_pc, uint64_t spsr,
			  el2_exc_outcome *out);

/* shared/functions/system/IllegalExceptionReturn: would this SPSR value
 * make an exception return from the current state illegal? */
bool el2_illegal_exception_return(const el2_pe *pe, uint64_t spsr);

/* If PSTATE.IL is set, takes the Illegal Execution state exception (EC 0x0E)
 * for the instruction at PC and returns true. Call before each instruction. */
bool el2_check_illegal_state(el2_pe *pe, el2_exc_outcome *out);

/* ---- data and instruction aborts (the engine's faults) ---- */
typedef enum el2_fault {
	EL2_FAULT_ADDRESS_SIZE,
	EL2_FAULT_TRANSLATION,
	EL2_FAULT_ACCESS_FLAG,
	EL2_FAULT_PERMISSION,
	EL2_FAULT_SYNC_EXTERNAL,
	EL2_FAULT_ALIGNMENT,
	EL2_FAULT_SYNC_EXTERNAL_WALK, /* on a translation table walk (level 0-3) */
} el2_fault;

/* A FaultRecord plus the LSInstructionSyndrome of the access. */
typedef struct el2_abort {
	bool instruction;       /* instruction fetch (EC 0x20/0x21) */
	el2_fault fault;
	int level;              /* lookup level (0-3) for translation-table faults */
	bool stage2;            /* a stage-2 fault (routed to EL2) */
	bool s1ptw;             /* stage-2 fault on a stage-1 table walk */
	bool write;             /* WnR */
	bool cache_maint;       /* CM: DC/IC/AT caused it */
	uint64_t vaddress;      /* FAR */
	uint64_t ipaddress;     /* IPA, for HPFAR_EL2 when the IPA is valid */
	/* instruction syndrome (ISV), reported for stage-2 data aborts only */
	bool isv;
	unsigned sas;           /* access size: 0 byte, 1 halfword, 2 word, 3 doubleword */
	bool sse;               /* sign-extending load */
	unsigned srt;           /* Rt */
	bool sf;                /* 64-bit register */
	bool ar;                /* acquire/release */
} el2_abort;

/* aarch64/exceptions/aborts/AArch64.Abort: routes and takes the abort at the
 * current instruction (ELR = PC). EL2_ERR_INVALID_ARG for a lookup level
 * EncodeLDFSC has no encoding for (address size, translation and walk
 * faults: 0-3; access flag and permission faults: 1-3; no FEAT_LPA2). */
el2_err el2_take_abort(el2_pe *pe, const el2_abort *abort, el2_exc_outcome *out);

/* ---- syndrome builders (ISS and full ESR values) ---- */
uint32_t el2_esr(unsigned ec, bool il, uint32_t iss);
uint32_t el2_iss_sysreg(uint32_t sysreg_enc, unsigned rt, bool is_read); /* EC 0x18 */
uint32_t el2_iss_wfx(unsigned ti);                    /* EC 0x01, TI 0=WFI 1=WFE */
uint32_t el2_iss_imm16(uint16_t imm);                 /* EC 0x15/0x16/0x17/0x3C */
uint32_t el2_iss_fp(void);                            /* EC 0x07 from AArch64 */
uint32_t el2_iss_abort(const el2_abort *abort);       /* EC 0x20-0x25 */
uint32_t el2_iss_serror(bool ids, uint32_t iss);      /* EC 0x2F */
/* shared/exceptions/aborts/EncodeLDFSC. */
unsigned el2_encode_fsc(el2_fault fault, int level);

/* Renders an ESR value as text, e.g. "EC=0x24 DABT_LOW (Data Abort from a
 * lower Exception level) IL=1 ISV=1 SAS=doubleword SRT=x3 ...". Always
 * NUL-terminates; returns the length it needed (like snprintf). */
size_t el2_esr_describe(uint32_t esr, char *buf, size_t size);
/* "DABT_LOW" etc., or "UNALLOCATED". */
const char *el2_ec_name(unsigned ec);

/* ---- asynchronous exceptions ---- */
typedef enum el2_irq_line {
	EL2_LINE_IRQ = 1u << 0,   /* physical IRQ */
	EL2_LINE_FIQ = 1u << 1,   /* physical FIQ */
	EL2_LINE_SERROR = 1u << 2,/* physical SError */
} el2_irq_line;
/* Asserts or deasserts a physical interrupt line. Virtual interrupts come
 * from HCR_EL2.VI/VF/VSE. */
void el2_set_line(el2_pe *pe, el2_irq_line line, bool asserted);
uint32_t el2_lines(const el2_pe *pe);
/* At an instruction boundary: if an unmasked physical or virtual interrupt
 * is pending, takes it (ELR = PC) and returns true. SError has priority over
 * IRQ over FIQ; physical over virtual (the Arm ARM leaves the order
 * IMPLEMENTATION DEFINED; docs/semantics.md). */
bool el2_deliver_interrupt(el2_pe *pe, el2_exc_outcome *out);
/* True if some interrupt would be taken now (no state change). */
bool el2_interrupt_pending(const el2_pe *pe);

/* Makes a physical SError pending with this syndrome (ESR_ELx ISS[24:0]:
 * IDS [24], ISS [23:0]; with IDS = 0: AET [12:10], EA [9], DFSC [5:0])
 * unless one is already pending; returns true if it made one pending.
 * The SError is taken by el2_deliver_interrupt when unmasked (ESR.ISS =
 * the syndrome with FEAT_RAS), or deferred into DISR_EL1 by an ESB while
 * masked (FEAT_RAS). el2_set_line(EL2_LINE_SERROR) raises one with
 * syndrome 0. */
bool el2_serror_pend(el2_pe *pe, uint32_t syndrome);
/* Is a physical SError pending? If so and syndrome is not NULL, its
 * syndrome. */
bool el2_serror_pending(const el2_pe *pe, uint32_t *syndrome);

#ifdef __cplusplus
}
#endif
#endif
