#!/usr/bin/env python3
"""The reference's other profiles are its two main ones (nvhe.profile,
vhe.profile) with a few lines changed: derived here, so a change to a main
profile reaches them all. `derive_profiles.py DIR` rewrites them;
`derive_profiles.py DIR --check` (a meson test) fails when a committed one
differs from what this derives."""
import os
import sys

FP_U32 = ('fpcr = 0x500\nfpsr = 0x508\n',
          '# struct user_fpsimd_state after the V registers: 32-bit FPSR, then FPCR\n'
          'fpsr = 0x500 u32\nfpcr = 0x504 u32\n')
FP_HANDOFF = '''
[fp]
# the guest's FP/SIMD stays live at the return; the host saves it later
switch = handoff
# the context's fp_state (CTXT_FP_STATE): 2 = GUEST_OWNED; the host sets
# it to 1 = HOST_OWNED before the call
owner = 0x240 8 2
owner_init = 1
# the host's own FP/SIMD state (user_fpsimd_state), saved by the FP trap
# through the context's pointer (CTXT_HOST_FPST), which the host sets
host_save = host_fpsimd_state
host_save_ptr = 0x248
'''
NO_TRAPPED = ('# the guest stub for the trapped-access exit writes this (HCR_EL2.TVM)\n'
              'trapped_sysreg = sctlr_el1\n',
              '# no trapped_sysreg: nothing in the guest layout traps under this HCR_EL2\n')


def derive(base, header, edits, tail=''):
    lines = base.split('\n', 2)
    text = header + lines[2] if lines[0].startswith('# el2sim check profile') else base
    for old, new in edits:
        if old not in text:
            raise SystemExit('derive_profiles: "%s" not found in the main profile' % old.strip())
        text = text.replace(old, new, 1)
    return text + tail


def profiles(d):
    nvhe = open(os.path.join(d, 'nvhe.profile')).read()
    vhe = open(os.path.join(d, 'vhe.profile')).read()
    out = {}
    for fl, base, hcr, notvm in (('nvhe', nvhe, '0x8408003b', '0x8008003b'),
                                 ('vhe', vhe, '0x48408003b', '0x48008003b')):
        what = 'the reference %s world switch' % ('nVHE' if fl == 'nvhe' else 'VHE')
        out[fl + '-notvm'] = derive(base, (
            '# el2sim check profile: %s (tests/ref/%s.elf),\n'
            '# guest configured WITHOUT HCR_EL2.TVM (as KVM normally runs): the guest\n'
            '# writes its EL1 MMU registers without trapping, so the exit path must save them\n'
            '# (derived from %s.profile by derive_profiles.py)\n') % (what, fl, fl),
            [NO_TRAPPED, ('hcr_el2 = 0x228 %s' % hcr, 'hcr_el2 = 0x228 %s' % notvm)])
        out[fl + '-s2'] = derive(base, (
            '# el2sim check profile: %s (tests/ref/%s.elf)\n'
            '# with the guest\'s stage 2 from translation tables el2sim builds (stage2 =\n'
            '# tables, [config] ... auto): see docs/memory-faults.md.\n'
            '# (derived from %s.profile by derive_profiles.py)\n') % (what, fl, fl),
            [('[world]\n', '[world]\nstage2 = tables\n'),
             ('vttbr_el2 = 0x220 0x0001000080400000', 'vttbr_el2 = 0x220 auto'),
             ('vtcr_el2 = 0x230 0x80023558', 'vtcr_el2 = 0x230 auto')])
        out[fl + '-fphandoff'] = derive(base, (
            '# el2sim check profile: %s built with\n'
            '# REF_FP_HANDOFF (tests/ref/%s-fphandoff.elf): the guest\'s FP/SIMD state is\n'
            '# left live for the host at the exit, Linux style ([fp] below).\n'
            '# (derived from %s.profile by derive_profiles.py)\n') % (what, fl, fl),
            [FP_U32], FP_HANDOFF)
    out['nvhe-fpu32'] = derive(nvhe, (
        '# el2sim check profile: the reference nVHE world switch built with REF_FP_U32\n'
        '# (tests/ref/nvhe-fpu32.elf): eager FP/SIMD switching, 32-bit FPSR/FPCR fields.\n'
        '# (derived from nvhe.profile by derive_profiles.py)\n'), [FP_U32])
    return out


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    check = '--check' in sys.argv[2:]
    stale = []
    for name, text in sorted(profiles(d).items()):
        path = os.path.join(d, name + '.profile')
        old = open(path).read() if os.path.exists(path) else None
        if old == text:
            continue
        if check:
            stale.append(name)
        else:
            open(path, 'w').write(text)
    for name in stale:
        print('tests/ref/%s.profile is not what derive_profiles.py derives from the main '
              'profile: run tests/ref/derive_profiles.py' % name)
    print('%d derived profiles, %d out of step' % (len(profiles(d)), len(stale)))
    return 1 if stale else 0


sys.exit(main())
