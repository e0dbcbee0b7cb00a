#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_exec (tests/fuzz/corpus/exec/*.bin).

The input format is the one fuzz_exec.c documents: u8 features, u8 flags,
u64 PSTATE, u8 count + (u16 row, u64 value) writes, then steps of
u8 op, u32 word, u64 value (an AT step is followed by u8 + 4 x u64).
Run from anywhere: python3 tests/fuzz/make_exec_seeds.py"""
import os
import struct

FEAT_ALL_BUT_MTE_BTI = 0x3f  # VHE PAN PAN2 UAO SSBS DIT
HAVE_EL2, HAVE_EL3, RAZ_WI, HOOK = 1, 2, 4, 8


def sysreg(l, op0, op1, crn, crm, op2, rt):
    """MRS (l=1) / MSR (l=0) / SYS encodings (C5.1, System instruction class)."""
    return (0xd5000000 | l << 21 | op0 << 19 | op1 << 16 | crn << 12 | crm << 8
            | op2 << 5 | rt)


def msr(op0, op1, crn, crm, op2, rt=0):
    return sysreg(0, op0, op1, crn, crm, op2, rt)


def mrs(op0, op1, crn, crm, op2, rt=0):
    return sysreg(1, op0, op1, crn, crm, op2, rt)


def msr_imm(op1, op2, imm):
    return 0xd500401f | op1 << 16 | imm << 8 | op2 << 5


HCR_EL2 = (3, 4, 1, 1, 0)
SCTLR_EL1 = (3, 0, 1, 0, 0)
SCTLR_EL12 = (3, 5, 1, 0, 0)
SPSR_EL2 = (3, 4, 4, 0, 0)
ELR_EL2 = (3, 4, 4, 0, 1)
VBAR_EL2 = (3, 4, 12, 0, 0)
CPTR_EL2 = (3, 4, 1, 1, 2)
CURRENTEL = (3, 0, 4, 2, 2)
TCR_EL1 = (3, 0, 2, 0, 2)
TTBR0_EL1 = (3, 0, 2, 0, 0)
IMPDEF = (3, 7, 15, 15, 7)
ERET, HVC0, SVC0, SMC0, BRK0, HLT0 = (0xd69f03e0, 0xd4000002, 0xd4000001,
                                      0xd4000003, 0xd4200000, 0xd4400000)
ISB, DSB_SY, NOP, WFI, WFE = 0xd5033fdf, 0xd5033f9f, 0xd503201f, 0xd503207f, 0xd503205f
AT_S1E1R = sysreg(0, 1, 0, 7, 8, 0, 0)
TLBI_VMALLE1 = sysreg(0, 1, 0, 8, 7, 0, 31)
DC_ZVA = sysreg(0, 1, 3, 7, 4, 1, 0)
IC_IALLU = sysreg(0, 1, 0, 7, 5, 0, 31)
PAN_1 = msr_imm(0, 4, 1)
DAIFCLR_F = msr_imm(3, 7, 0xf)
DAIFSET_F = msr_imm(3, 6, 0xf)
SPSEL_0 = msr_imm(0, 5, 0)

EL1H, EL2H, EL0T = 0x3c5, 0x3c9, 0x3c0


def header(features, flags, pstate, writes=()):
    b = struct.pack('<BBQB', features, flags, pstate, len(writes))
    for row, value in writes:
        b += struct.pack('<HQ', row, value)
    return b


def step(op, word, value=0):
    return struct.pack('<BIQ', op, word, value)


def walk(ctl, *desc):
    d = list(desc) + [0] * (4 - len(desc))
    return struct.pack('<B4Q', ctl, *d)


def set_x(word, value):
    """op 0: X[Rt] = value, then execute the word."""
    return step(0, word, value)


def ex(word):
    return step(1, word)


seeds = {
    # nVHE: EL2 sets up a guest, ERETs to EL1, the guest traps back.
    'nvhe_round_trip': header(FEAT_ALL_BUT_MTE_BTI, HAVE_EL2, EL2H)
    + set_x(msr(*HCR_EL2), 1 << 31)
    + set_x(msr(*VBAR_EL2), 0x40000800)
    + set_x(msr(*SPSR_EL2), EL1H) + set_x(msr(*ELR_EL2), 0x80000000)
    + ex(ERET) + ex(mrs(*CURRENTEL)) + set_x(msr(*SCTLR_EL1, rt=1), 0x30d00801)
    + set_x(msr(*TTBR0_EL1, rt=2), 0x81000) + set_x(msr(*TCR_EL1, rt=3), 0x19)
    + set_x(AT_S1E1R, 0x1000) + walk(0, 0x81003, 0x82003, 0x83703, 0x84703)
    + ex(ISB) + ex(PAN_1) + ex(DAIFCLR_F) + step(7, 1, 1) + ex(HVC0)
    + ex(TLBI_VMALLE1) + set_x(DC_ZVA, 0x80001000) + ex(IC_IALLU) + ex(WFI)
    + ex(DSB_SY) + ex(NOP) + ex(WFE),
    # VHE host: E2H+TGE, an EL0 task calls SVC, which goes to EL2.
    'vhe_host': header(FEAT_ALL_BUT_MTE_BTI, HAVE_EL2 | HOOK, EL2H)
    + set_x(msr(*HCR_EL2), 1 << 34 | 1 << 27 | 1 << 31)
    + set_x(msr(*SCTLR_EL12), 0x30d00800) + set_x(msr(*SPSR_EL2), EL0T)
    + ex(ERET) + ex(SVC0) + ex(SPSEL_0) + step(4, 0x3cd, 0x1000)
    + ex(ERET) + step(0x0c, 0xd, 0x2000) + ex(BRK0) + ex(DAIFSET_F),
    # No EL2: HVC and EL2 registers are UNDEFINED; EL1 to EL0 and back.
    'no_el2': header(0, 0, EL1H)
    + ex(HVC0) + ex(SMC0) + ex(mrs(*HCR_EL2)) + step(4, EL0T, 0x400)
    + ex(SVC0) + ex(HLT0) + step(5, 0x0104, 0x123) + step(6, 0x41, 0x8000),
    # EL3 present, unknown registers RAZ/WI, exceptions and aborts by hand.
    'el3_raz_wi': header(0xff & ~0x04, HAVE_EL2 | HAVE_EL3 | RAZ_WI | HOOK, EL1H,
                         [(0, 1)])
    + ex(SMC0) + ex(mrs(*IMPDEF)) + set_x(msr(*IMPDEF), 5)
    + set_x(msr(*CPTR_EL2), 0x400) + step(0x0d, 0x0a01, 0x4000)
    + step(6, 0x42c1, 0x9000) + step(0x07, 2, 1) + step(0x0f, 0x100, 0x3c9)
    + step(0x17, 0, 0) + step(0x1f, 0, 42),
}

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus', 'exec')
os.makedirs(out, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(out, name + '.bin'), 'wb') as f:
        f.write(data)
