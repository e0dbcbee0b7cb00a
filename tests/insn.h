/* SPDX-License-Identifier: MIT */
/* A64 word builders for tests (encodings from Arm ARM DDI 0487 J.a, C6.2).
 * enc is EL2_SYS_ENC(op0, op1, CRn, CRm, op2), i.e. word bits [20:5]. */
#ifndef EL2SIM_TEST_INSN_H
#define EL2SIM_TEST_INSN_H

#include <stdint.h>

/* MRS Xt, <reg>: 1101010100 1 1 o0 op1 CRn CRm op2 Rt */
static inline uint32_t mrs_insn(uint32_t enc, unsigned rt) { return 0xd5200000u | (enc << 5) | (rt & 31u); }
/* MSR <reg>, Xt: L = 0 */
static inline uint32_t msr_insn(uint32_t enc, unsigned rt) { return 0xd5000000u | (enc << 5) | (rt & 31u); }
/* SYS #op1, Cn, Cm, #op2, Xt (op0 = 01 in enc) */
static inline uint32_t sys_insn(uint32_t enc, unsigned rt) { return 0xd5000000u | (enc << 5) | (rt & 31u); }
/* SYSL Xt, #op1, Cn, Cm, #op2 */
static inline uint32_t sysl_insn(uint32_t enc, unsigned rt) { return 0xd5200000u | (enc << 5) | (rt & 31u); }
/* MSR <pstatefield>, #imm: op0 = 00, CRn = 0100, CRm = imm, Rt = 11111 */
static inline uint32_t msr_imm_insn(unsigned op1, unsigned op2, unsigned crm)
{
	return 0xd500401fu | ((op1 & 7u) << 16) | ((crm & 15u) << 8) | ((op2 & 7u) << 5);
}
/* HINT #(CRm:op2) */
static inline uint32_t hint_insn(unsigned crm_op2) { return 0xd503201fu | ((crm_op2 & 0x7fu) << 5); }
/* Barriers: op0 = 00, op1 = 011, CRn = 0011, Rt = 11111 */
static inline uint32_t barrier_insn(unsigned crm, unsigned op2)
{
	return 0xd503301fu | ((crm & 15u) << 8) | ((op2 & 7u) << 5);
}
/* Exception generation: 11010100 opc imm16 op2=000 LL */
static inline uint32_t svc_insn(uint16_t imm) { return 0xd4000001u | ((uint32_t)imm << 5); }
static inline uint32_t hvc_insn(uint16_t imm) { return 0xd4000002u | ((uint32_t)imm << 5); }
static inline uint32_t smc_insn(uint16_t imm) { return 0xd4000003u | ((uint32_t)imm << 5); }
static inline uint32_t brk_insn(uint16_t imm) { return 0xd4200000u | ((uint32_t)imm << 5); }
static inline uint32_t hlt_insn(uint16_t imm) { return 0xd4400000u | ((uint32_t)imm << 5); }
#define ERET_INSN 0xd69f03e0u

#endif
