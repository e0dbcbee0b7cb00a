#!/usr/bin/env python3
"""Re-measures the figures the docs quote and prints them beside the docs'.

usage: tools/doc-figures.py BUILD_DIR [options]   (or tools/doc-figures.sh)

A figure in README.md or docs/*.md is marked with an HTML comment right
after its number: 98.4%<!-- figure: mutate.nvhe.score --> (docs/bench.md,
"Re-measuring the figures in these docs"); a figure inside a code block is
found by a pattern instead (PATTERNS). COMMANDS says how each command is
run, FIGURES which number of whose output each figure is; a figure is either a
count (deterministic: instruction, mutant and check counts, scores,
estimated cycles) or a timing (machine-dependent: printed, never judged).

  --check           exit 1 when a count differs from the docs, a marker
                    names no known figure, or a known figure has no marker
  --quick           skip the slow commands (mutation runs, the Linux KVM
                    example, bench_rt.sh, the full benchmarks): the set a
                    meson test runs in seconds
  --only REGEX      only figures whose name matches
  --save DIR        write each command's output to DIR/COMMAND.txt (and its
                    wall/CPU time and peak RSS to DIR/COMMAND.json)
  --from DIR        read the outputs --save wrote instead of running again
  --root DIR        read (and --update) README.md and docs/ under DIR instead
                    of this tree's (the commands still use this tree)
  --all             also measure the figures no doc quotes (to write new ones)
  --reps N          run each timed command N times and keep the best
                    figure (default 1)
  --update          write measured counts into the docs (timings stay)
  --update-timings  write measured timings too (then say in the doc's text
                    on which machine and how loaded they were measured)

Exit: 0 all counts as in the docs (or no --check), 1 a difference, 2 usage.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARK = re.compile(r'<!-- figure: ([A-Za-z0-9_.-]+) -->')
NUM = re.compile(r'[0-9][0-9,]*(?:\.[0-9]+)?')

COUNT, TIME = 'count', 'timing'


# --- reading command output -------------------------------------------------

def num(s):
    return float(s.replace(',', ''))


def grab(d, out, pattern, *keys, flags=0):
    """The first match of pattern in out: group i+1 as a number into
    d[keys[i]] (a None key skips its group). Returns the match or None."""
    m = re.search(pattern, out, flags)
    if m:
        for i, k in enumerate(keys):
            if k is not None:
                d[k] = num(m.group(i + 1))
    return m


def parse_bench(out):
    """el2sim bench text: per scenario the trip, the phase rows, cycles."""
    d, scen, cols = {}, None, []
    for line in out.splitlines():
        m = re.match(r'scenario (\S+): (\d+) instructions in the round trip; '
                     r'simulated at (\d+) round trips/s', line)
        if m:
            scen = m.group(1)
            d[scen + '.trip_insns'] = num(m.group(2))
            d[scen + '.trips_per_s'] = num(m.group(3))
            continue
        f = line.replace('ld B', 'ld_bytes').replace('st B', 'st_bytes').split()
        if f and f[0] == 'phase':
            cols = f[1:]
        elif scen and f and f[0] in ('entry', 'to-guest', 'guest', 'exit', 'return', 'total') \
                and len(f) == len(cols) + 1:
            for c, v in zip(cols, f[1:]):
                d['%s.%s.%s' % (scen, f[0], c)] = num(v)
        m = re.match(r'\s+(\S+): total (\d+) cycles = (\d+) ns at', line)
        if scen and m:
            d['%s.cycles.%s' % (scen, m.group(1))] = num(m.group(2))
            d['%s.ns.%s' % (scen, m.group(1))] = num(m.group(3))
    return d


def parse_check(out):
    d = {}
    grab(d, out, r': (\d+) runs, (\d+) round trips', 'runs', 'round_trips')
    for m in re.finditer(r'^\s+(?:ok|FAIL)\s+(\d) .*?(\d+) checks', out, re.M):
        d['p%s.checks' % m.group(1)] = num(m.group(2))
    for m in re.finditer(r'\((\d+) instructions, (\w+)\)', out):
        d.setdefault('window.%s' % m.group(2), []).append(num(m.group(1)))
    d.update({k: v[0] for k, v in list(d.items()) if k.startswith('window.')})
    d['passed'] = 1.0 if 'PASSED' in out else 0.0
    return d


def parse_mutate(out):
    d = {}
    grab(d, out, r': (\d+) mutants', 'mutants')
    for k in ('killed', 'survived', 'equivalent', 'not covered'):
        grab(d, out, r'^\s+%s\s+(\d+)' % k, k.replace(' ', '_'), flags=re.M)
    grab(d, out, r'score: ([0-9.]+)%', 'score')
    return d


def parse_bench_check(out):
    d = {}
    grab(d, out, r'(\d+) instructions, (\d+) performed by the model', 'insns', 'model_insns')
    rows = {'raw': r'raw Unicorn', 'floor': r'Unicorn floor', 'steady': r'steady-state',
            'iso_off': r'memory isolation off', 'fresh': r'fresh trip',
            'checked': r'checked round trip'}
    for k, pat in rows.items():
        grab(d, out, pat + r'.*?(\d+) trips/s\s+([0-9.]+) us', k + '.trips_per_s', k + '.us')
    grab(d, out, r'shape: (\d+) MSR .*?, (\d+) MRS, (\d+) TLB flushes', 'msr', 'mrs', 'flushes')
    grab(d, out, r'\((\d+) blocks per trip\)', 'floor_blocks')
    return d


def parse_bench_growth(out):
    d = {}
    for m in re.finditer(r'^\s+(\d+)\s+(\d+)\s+(\d+)\s+([0-9.]+)\s+(\d+)\s+([0-9.]+) us\s+([0-9.]+)',
                         out, re.M):
        n = m.group(1)
        for k, g in (('accesses', 2), ('insns', 3), ('us', 4), ('trips_per_s', 5),
                     ('iso_off_us', 6), ('raw_us', 7)):
            d['n%s.%s' % (n, k)] = num(m.group(g))
    grab(d, out, r'adds (\d+) ns', 'ns_per_reg')
    return d


def parse_bench_engine(out):
    d = {}
    grab(d, out, r'per trapped access: engine (\d+) ns, bare Unicorn trap (\d+) ns',
         'trap_ns', 'bare_trap_ns')
    grab(d, out, r'isolation on.*?([0-9.]+) us per round trip', 'roundtrip_on_us')
    grab(d, out, r'isolation off\s+([0-9.]+) us per round trip', 'roundtrip_off_us')
    return d


def parse_bench_rt(out):
    d = {}
    for k, pat in (('trap', r'trap\s+strategy'), ('insn', r'insn\s+strategy'), ('qemu', r'QEMU \S+ TCG')):
        grab(d, out, pat + r'\s+(\d+) trips/s\s+([0-9.]+) us/trip', k + '.trips_per_s', k + '.us')
    grab(d, out, r'/ QEMU = ([0-9.]+)x', 'ratio')
    return d


def parse_rt_counts(out):
    """Instructions and MRS/MSR per trip of bench/rt/rt.S (two runs, 1 and 2 trips)."""
    runs = [json.loads(s) for s in out.strip().split('\n\x00\n')]
    tot = [r['insns'] for r in runs]
    sysi = [r['counts']['sysreg_reads'] + r['counts']['sysreg_writes'] for r in runs]
    return {'insns': float(tot[1] - tot[0]), 'sysreg': float(sysi[1] - sysi[0])}


def parse_trace(out):
    d = {}
    grab(d, out, r'traced round trip (\S+), run \d+: (\d+) lines', None, 'lines')
    grab(d, out, r'-- stop: .* after (\d+) instructions', 'insns')
    if grab(d, out, r'^bytes (\d+)$', 'kb', flags=re.M):
        d['kb'] /= 1000.0
    return d


def parse_kvm(out):
    d = parse_mutate(out)
    first = out.split('\n$ ')[1] if '\n$ ' in out else out  # the first check, without alternatives
    d.update({'check.' + k: v for k, v in parse_check(first).items()})
    w = re.findall(r'\((\d+) instructions, hvc\)', first)
    if len(w) > 1:
        d['check.window.exit'] = num(w[1])
    grab(d, out, r'SP_EL0 window\): SP_EL0 at EL2 \[scenario hvc, run 0; seen (\d+) times',
         'p7_seen')
    for k in ('mutate', 'checks'):
        grab(d, out, k + r' took ([0-9.]+) s', k + '_s')
    return d


# --- the commands -----------------------------------------------------------

def ref(name):
    return ['{build}/tests/ref/%s.elf' % name, '--layout', '{src}/tests/ref/%s.profile' % name]


TUT = ['{build}/tests/tutorial/tutorial.elf', '--layout', 'tutorial.profile']
TUT_DIR = '{src}/docs/examples/tutorial'

# name: argv (or a shell line), parser, options. slow: skipped by --quick.
COMMANDS = {
    'check.nvhe': (['{el2sim}', 'check'] + ref('nvhe'), parse_check, {}),
    'check.vhe': (['{el2sim}', 'check'] + ref('vhe'), parse_check, {}),
    'check.nvhe-s2': (['{el2sim}', 'check', '{build}/tests/ref/nvhe.elf', '--layout',
                       '{src}/tests/ref/nvhe-s2.profile'], parse_check, {}),
    'check.vhe-s2': (['{el2sim}', 'check', '{build}/tests/ref/vhe.elf', '--layout',
                      '{src}/tests/ref/vhe-s2.profile'], parse_check, {}),
    'check.tutorial': (['{el2sim}', 'check'] + TUT, parse_check, {'cwd': TUT_DIR}),
    'check.tutorial16': (['{el2sim}', 'check'] + TUT + ['--runs', '16'], parse_check,
                         {'cwd': TUT_DIR}),
    'trace.nvhe': ('"{el2sim}" check {build}/tests/ref/nvhe.elf --layout {src}/tests/ref/nvhe.profile'
                   ' --trace {tmp}/t.txt 2>&1 >/dev/null; tail -1 {tmp}/t.txt;'
                   ' echo bytes $(wc -c < {tmp}/t.txt)', parse_trace, {}),
    'bench.nvhe': (['{el2sim}', 'bench'] + ref('nvhe') + ['--scenario', 'hvc', '--scenario', 'unknown_hvc'],
                   parse_bench, {}),
    'bench.vhe': (['{el2sim}', 'bench'] + ref('vhe') + ['--scenario', 'hvc'], parse_bench, {}),
    'bench_check.counts': (['{build}/bench/bench_check', '{build}/tests/ref/nvhe.elf',
                            '{src}/tests/ref/nvhe.profile', '1', '1'], parse_bench_check, {}),
    'bench_check': (['{build}/bench/bench_check', '{build}/tests/ref/nvhe.elf',
                     '{src}/tests/ref/nvhe.profile'], parse_bench_check, {'slow': True}),
    'bench_growth.counts': (['{build}/bench/bench_growth', '10'], parse_bench_growth, {}),
    'bench_growth': (['{build}/bench/bench_growth'], parse_bench_growth, {'slow': True}),
    'bench_engine': (['{build}/bench/bench_engine'], parse_bench_engine, {'slow': True}),
    'bench_rt': (['bash', '{src}/bench/bench_rt.sh', '{build}'], parse_bench_rt, {'slow': True}),
    'rt.counts': ('for k in 1 2; do clang --target=aarch64-linux-gnu -c {src}/bench/rt/rt.S'
                  ' -DN_ITER=$k -o {tmp}/rt$k.o && ld.lld -Ttext=0x40080000 -e _start {tmp}/rt$k.o'
                  ' -o {tmp}/rt$k.elf && "{el2sim}" run {tmp}/rt$k.elf --el 2 --stop-at halt_here'
                  ' --json || exit 1; [ $k = 1 ] && printf "\\n\\0\\n"; done', parse_rt_counts,
                  {'tools': ['clang', 'ld.lld']}),
    'mutate.nvhe': (['{el2sim}', 'mutate'] + ref('nvhe') + ['-j', '2'], parse_mutate, {'slow': True}),
    'mutate.vhe': (['{el2sim}', 'mutate'] + ref('vhe') + ['-j', '2'], parse_mutate, {'slow': True}),
    'mutate.tutorial': (['{el2sim}', 'mutate'] + TUT + ['-j', '2'], parse_mutate,
                        {'slow': True, 'cwd': TUT_DIR}),
    'linux-kvm': ('EL2SIM="{el2sim}" bash {src}/examples/linux-kvm/run.sh {build}/linux-kvm 2>&1',
                  parse_kvm, {'slow': True, 'skip_rc': 77}),
}

# name: (command, key, kind, best, unicorn); best: 'min' or 'max' over --reps
# runs; 'wall', 'cpu' and 'rss_mb' are measured around any command. A timing
# is measured only on a build with the Unicorn the docs give it for: 2.1
# (the default), 2.0 for the names that start with u20; a count holds for
# both unless unicorn says which.
FIGURES = {}


def fig(name, cmd, key, kind=COUNT, best=None, unicorn=None):
    uc = unicorn if unicorn else None if kind == COUNT else '2.0' if name.startswith('u20.') else '2.1'
    FIGURES[name] = (cmd, key, kind, best or ('max' if 'per_s' in key or 'ratio' in key else 'min'), uc)


for fl in ('nvhe', 'vhe'):
    b = 'bench.' + fl
    fig(b + '.hvc.insns', b, 'hvc.total.insns')
    fig(b + '.hvc.mrs', b, 'hvc.total.mrs')
    fig(b + '.hvc.msr', b, 'hvc.total.msr')
    for m in ('cortex-a57', 'cortex-a72', 'neoverse-n1'):
        fig('%s.hvc.cycles.%s' % (b, m), b, 'hvc.cycles.' + m)
        fig('%s.hvc.ns.%s' % (b, m), b, 'hvc.ns.' + m)
    for ph in ('entry', 'to-guest', 'exit', 'return'):
        fig('%s.hvc.%s' % (b, ph), b, 'hvc.%s.insns' % ph)
    fig('check.%s.round_trips' % fl, 'check.' + fl, 'round_trips')
    fig('check.%s.cpu' % fl, 'check.' + fl, 'cpu', TIME)
    fig('check.%s-s2.cpu' % fl, 'check.%s-s2' % fl, 'cpu', TIME)
    for k in ('mutants', 'killed', 'survived', 'equivalent', 'not_covered', 'score'):
        fig('mutate.%s.%s' % (fl, k), 'mutate.' + fl, k)
    fig('mutate.%s.wall' % fl, 'mutate.' + fl, 'wall', TIME)
    fig('mutate.%s.cpu' % fl, 'mutate.' + fl, 'cpu', TIME)
    fig('mutate.%s.rss' % fl, 'mutate.' + fl, 'rss_mb', TIME)
fig('bench.nvhe.hvc.trips_per_s', 'bench.nvhe', 'hvc.trips_per_s', TIME)
fig('check.nvhe.wall', 'check.nvhe', 'wall', TIME)
fig('check.nvhe.rss', 'check.nvhe', 'rss_mb', TIME)
fig('bench.nvhe.hvc.msri', 'bench.nvhe', 'hvc.total.msri')
fig('bench.vhe.hvc.msri', 'bench.vhe', 'hvc.total.msri')
fig('bench.nvhe.hvc.trip', 'bench.nvhe', 'hvc.trip_insns')
fig('bench.vhe.hvc.trip', 'bench.vhe', 'hvc.trip_insns')
u = 'bench.nvhe.unknown_hvc'
fig(u + '.insns', 'bench.nvhe', 'unknown_hvc.total.insns')
fig(u + '.mrs', 'bench.nvhe', 'unknown_hvc.total.mrs')
fig(u + '.msr', 'bench.nvhe', 'unknown_hvc.total.msr')
for m in ('cortex-a57', 'cortex-a72', 'neoverse-n1'):
    fig('%s.cycles.%s' % (u, m), 'bench.nvhe', 'unknown_hvc.cycles.' + m)
fig(u + '.ns.neoverse-n1', 'bench.nvhe', 'unknown_hvc.ns.neoverse-n1')
fig(u + '.trips_per_s', 'bench.nvhe', 'unknown_hvc.trips_per_s', TIME)
fig('check.tutorial.wall', 'check.tutorial', 'wall', TIME)
fig('check.tutorial16.wall', 'check.tutorial16', 'wall', TIME)
fig('check.tutorial16.runs', 'check.tutorial16', 'runs')
fig('check.tutorial16.round_trips', 'check.tutorial16', 'round_trips')
for k in ('mutants', 'killed', 'survived', 'not_covered', 'score'):
    fig('mutate.tutorial.' + k, 'mutate.tutorial', k)
fig('mutate.tutorial.wall', 'mutate.tutorial', 'wall', TIME)
fig('trace.nvhe.lines', 'trace.nvhe', 'lines')
fig('trace.nvhe.insns', 'trace.nvhe', 'insns')
fig('trace.nvhe.kb', 'trace.nvhe', 'kb')
fig('bench_check.insns', 'bench_check.counts', 'insns')
fig('bench_check.model_insns', 'bench_check.counts', 'model_insns')
for k in ('msr', 'mrs'):
    fig('bench_check.' + k, 'bench_check.counts', k)
for k in ('flushes', 'floor_blocks'):  # TLB flushes and the floor: Unicorn 2.1 only
    fig('bench_check.' + k, 'bench_check.counts', k, unicorn='2.1')
for k in ('raw', 'floor', 'steady', 'iso_off', 'fresh', 'checked'):
    fig('bench_check.%s.trips_per_s' % k, 'bench_check', k + '.trips_per_s', TIME)
    fig('bench_check.%s.us' % k, 'bench_check', k + '.us', TIME)
for n in ('0', '25', '50', '100'):
    fig('bench_growth.n%s.insns' % n, 'bench_growth.counts', 'n%s.insns' % n)
    for k in ('us', 'trips_per_s', 'iso_off_us', 'raw_us'):
        fig('bench_growth.n%s.%s' % (n, k), 'bench_growth', 'n%s.%s' % (n, k), TIME)
fig('bench_growth.ns_per_reg', 'bench_growth', 'ns_per_reg', TIME)
for k in ('trap_ns', 'bare_trap_ns', 'roundtrip_on_us', 'roundtrip_off_us'):
    fig('bench_engine.' + k, 'bench_engine', k, TIME)
for k in ('trap', 'insn', 'qemu'):
    fig('bench_rt.%s.trips_per_s' % k, 'bench_rt', k + '.trips_per_s', TIME)
    fig('bench_rt.%s.us' % k, 'bench_rt', k + '.us', TIME)
fig('bench_rt.ratio', 'bench_rt', 'ratio', TIME)
fig('rt.insns', 'rt.counts', 'insns')
fig('rt.sysreg', 'rt.counts', 'sysreg')
for k in ('mutants', 'killed', 'survived', 'equivalent', 'not_covered', 'score'):
    fig('linux-kvm.mutate.' + k, 'linux-kvm', k)
fig('linux-kvm.wall', 'linux-kvm', 'wall', TIME)
fig('linux-kvm.mutate.wall', 'linux-kvm', 'mutate_s', TIME)
# engine.md: what staying on Unicorn 2.0.1 costs (measured on a 2.0.1 build)
fig('u20.check.nvhe.wall', 'check.nvhe', 'wall', TIME)
fig('u20.check.nvhe.rss', 'check.nvhe', 'rss_mb', TIME)
fig('u20.bench_rt.trap.trips_per_s', 'bench_rt', 'trap.trips_per_s', TIME)
fig('u20.bench_check.steady.trips_per_s', 'bench_check', 'steady.trips_per_s', TIME)


# Figures in code blocks, where a marker would show: (file, regex whose
# group 1 is the figure) for each place a name is quoted.
PATTERNS = {
    'linux-kvm.check.round_trips': [('docs/linux-kvm.md', r'kvm\.elf \(nvhe\): 6 runs, (\d+) round trips')],
    'linux-kvm.check.p1': [('docs/linux-kvm.md', r'ok   1 host integrity +(\d+) checks')],
    'linux-kvm.check.window.entry': [('docs/linux-kvm.md', r'__guest_enter\+0x130 \((\d+) instructions')],
    'linux-kvm.check.window.exit': [('docs/linux-kvm.md', r'__guest_exit\+0x12c \((\d+) instructions, hvc')],
    'linux-kvm.p7_seen': [('docs/linux-kvm.md', r'SP_EL0 at EL2 \[scenario hvc, run 0; seen (\d+) times')],
}
fig('linux-kvm.check.round_trips', 'linux-kvm', 'check.round_trips')
fig('linux-kvm.check.p1', 'linux-kvm', 'check.p1.checks')
fig('linux-kvm.check.window.entry', 'linux-kvm', 'check.window.hvc')
fig('linux-kvm.check.window.exit', 'linux-kvm', 'check.window.exit')
fig('linux-kvm.p7_seen', 'linux-kvm', 'p7_seen')


# --- running ------------------------------------------------------------------

def run(name, args, tmp):
    argv, parser, opt = COMMANDS[name]
    if args.load:
        path = os.path.join(args.load, name)
        if not os.path.exists(path + '.txt'):
            return None, 'not in ' + args.load
        with open(path + '.txt', encoding='utf-8') as fh:
            d = parser(fh.read())
        if os.path.exists(path + '.json'):
            with open(path + '.json', encoding='utf-8') as fh:
                d.update(json.load(fh))
        return d, 'from ' + path + '.txt'
    subst = {'el2sim': os.path.join(args.build, 'tools', 'el2sim'), 'build': args.build,
             'src': SRC, 'tmp': tmp}
    cwd = opt.get('cwd', SRC).format(**subst)
    shell = isinstance(argv, str)
    cmd = argv.format(**subst) if shell else [a.format(**subst) for a in argv]
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, shell=shell, cwd=cwd, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    out = p.stdout.read()
    p.stdout.close()
    _, status, ru = os.wait4(p.pid, 0)  # rusage: CPU and peak RSS of the command
    wall = time.monotonic() - t0
    rc = p.returncode = os.waitstatus_to_exitcode(status)
    if rc == opt.get('skip_rc'):
        return None, 'skipped (exit %d)' % rc
    if rc not in (0, 1):
        return None, 'failed (exit %d): %s' % (rc, (out.strip().splitlines() or [''])[-1])
    d = parser(out)
    meas = {'wall': wall, 'cpu': ru.ru_utime + ru.ru_stime, 'rss_mb': ru.ru_maxrss / 1024.0}
    d.update(meas)
    if args.save:
        os.makedirs(args.save, exist_ok=True)
        with open(os.path.join(args.save, name + '.txt'), 'w', encoding='utf-8') as fh:
            fh.write(out)
        with open(os.path.join(args.save, name + '.json'), 'w', encoding='utf-8') as fh:
            json.dump(meas, fh)
    return d, ' '.join(cmd) if not shell else cmd


def best(vals, how):
    return max(vals) if how == 'max' else min(vals)


def doc_marks(root):
    """(file, line number, name, doc value text, span of that text)."""
    marks = []
    docs = ['README.md'] + sorted('docs/' + f for f in os.listdir(os.path.join(root, 'docs'))
                                  if f.endswith('.md'))
    for f in docs:
        with open(os.path.join(root, f), encoding='utf-8') as fh:
            for i, line in enumerate(fh, 1):
                for name, places in PATTERNS.items():
                    for pf, rx in places:
                        m = re.search(rx, line) if pf == f else None
                        if m:
                            marks.append((f, i, name, m.group(1), m.span(1)))
                for m in MARK.finditer(line):
                    head = line[:m.start()]
                    if head.endswith('`'):
                        continue  # quoted in a doc, not a marker
                    nums = list(NUM.finditer(head[-40:]))
                    if not nums:
                        marks.append((f, i, m.group(1), None, None))
                        continue
                    n = nums[-1]
                    off = max(0, m.start() - 40)
                    marks.append((f, i, m.group(1), n.group(0), (off + n.start(), off + n.end())))
    return marks


def fmt_like(doc, value):
    """value written as doc writes its number (decimals, thousands commas)."""
    dec = len(doc.split('.')[1]) if '.' in doc else 0
    s = '%.*f' % (dec, value)
    if ',' in doc:
        whole, _, frac = s.partition('.')
        s = '{:,}'.format(int(whole)) + ('.' + frac if frac else '')
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('build')
    ap.add_argument('--check', action='store_true')
    ap.add_argument('--quick', action='store_true')
    ap.add_argument('--only')
    ap.add_argument('--all', action='store_true')
    ap.add_argument('--save')
    ap.add_argument('--from', dest='load')
    ap.add_argument('--root', default=SRC)
    ap.add_argument('--reps', type=int, default=1)
    ap.add_argument('--update', action='store_true')
    ap.add_argument('--update-timings', action='store_true')
    args = ap.parse_args()
    args.build = os.path.abspath(args.build)
    if not os.path.exists(os.path.join(args.build, 'tools', 'el2sim')):
        print('doc-figures: %s/tools/el2sim not found (build first)' % args.build, file=sys.stderr)
        return 2
    ver = subprocess.run([os.path.join(args.build, 'tools', 'el2sim'), 'version'],
                         capture_output=True, text=True).stdout
    m = re.search(r'unicorn: (\d+\.\d+)', ver)
    args.unicorn = m.group(1) if m else '?'
    bad = 0
    marks = doc_marks(args.root)
    marked = {m[2] for m in marks}
    for f, i, name, val, _ in marks:
        if name not in FIGURES:
            print('%s:%d: marker names no known figure: %s' % (f, i, name))
            bad += 1
        elif val is None:
            print('%s:%d: no number before the marker of %s' % (f, i, name))
            bad += 1
    if not args.only:
        for name in sorted(set(FIGURES) - marked):
            print('figure %s is in tools/doc-figures.py but in no doc' % name)
            bad += args.check
    want = [m for m in marks if m[2] in FIGURES and m[3] is not None
            and (not args.only or re.search(args.only, m[2]))]
    other = {m[2] for m in want if FIGURES[m[2]][4] not in (None, args.unicorn)}
    if args.all:
        want += [('-', 0, n, None, None) for n in sorted(set(FIGURES) - marked)
                 if not args.only or re.search(args.only, n)]
    cmds = sorted({FIGURES[m[2]][0] for m in want if m[2] not in other})
    results, notes = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for c in cmds:
            opt = COMMANDS[c][2]
            if args.quick and opt.get('slow'):
                notes[c] = 'not run (--quick)'
                continue
            missing = [t for t in opt.get('tools', []) if not any(
                os.access(os.path.join(p, t), os.X_OK) for p in os.environ['PATH'].split(':'))]
            argv = COMMANDS[c][0]
            missing += [a for a in (argv if isinstance(argv, list) else []) if a.startswith('{build}')
                        and not os.path.exists(a.format(build=args.build))]  # e.g. -Dbench=disabled
            if missing:
                notes[c] = 'not run (no %s)' % ', '.join(missing)
                continue
            timed = any(FIGURES[m[2]][2] == TIME for m in want
                        if FIGURES[m[2]][0] == c and m[2] not in other)
            runs = []
            for _ in range(args.reps if timed else 1):
                d, how = run(c, args, tmp)
                if d is None:
                    notes[c] = how
                    bad += how.startswith('failed')  # a skip (exit 77) is not
                    break
                runs.append(d)
                notes[c] = how
            if runs:
                results[c] = runs
            print('ran %-20s %s' % (c, notes[c]), file=sys.stderr)
    edits = {}
    print('%-28s %-34s %10s %10s  %s' % ('file:line', 'figure', 'doc', 'measured', ''))
    for f, i, name, val, span in want:
        c, key, kind, how, uc = FIGURES[name]
        if name in other:
            meas, verdict = '-', 'for Unicorn %s (this build: %s)' % (uc, args.unicorn)
        elif c not in results:
            meas, verdict = '-', notes.get(c, '')
        elif key not in results[c][0]:
            meas, verdict = '?', 'not in the output of %s' % c
            bad += kind == COUNT
        else:
            v = best([r[key] for r in results[c] if key in r], how)
            meas = fmt_like(val, v) if val else '%g' % v
            if val is None:
                verdict = 'in no doc'
            elif kind == TIME:
                verdict = 'timing'
            elif num(meas) == num(val):
                verdict = 'ok'
            else:
                verdict = 'DIFFERS'
                bad += 1
            if meas != val and (kind == COUNT and args.update or args.update_timings):
                edits.setdefault(f, []).append((i, span, meas))
        print('%-28s %-34s %10s %10s  %s' % ('%s:%d' % (f, i) if i else '-', name, val or '-', meas, verdict))
    for f, es in edits.items():
        path = os.path.join(args.root, f)
        with open(path, encoding='utf-8') as fh:
            lines = fh.readlines()
        for i, (a, b), meas in sorted(es, key=lambda e: (e[0], -e[1][0])):
            lines[i - 1] = lines[i - 1][:a] + meas + lines[i - 1][b:]
        with open(path, 'w', encoding='utf-8') as fh:
            fh.writelines(lines)
        print('updated %s (%d figures)' % (f, len(es)), file=sys.stderr)
    if args.check and bad:
        print('doc-figures: %d difference(s)' % bad)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
