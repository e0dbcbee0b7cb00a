#!/usr/bin/env python3
"""The folders of el2sim are layers (docs/architecture.md); an include may
only point at a part below the one that writes it. The build enforces this
with scoped include directories; this test says the same thing in one
table, so a new include path added to a meson.build cannot quietly open a
way back up. Quoted includes only: <...> are system or public headers."""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..')

# part -> the parts whose internal headers it may include (itself implied)
ALLOWED = {
    'lib': {'lib/seam'},                # the model: libc, include/el2sim and its seam
    'lib/seam': set(),
    'sim/util': set(),
    'sim/elf': {'sim/util'},
    'sim/engine': {'lib/seam', 'sim/util'},
    'sim/check': {'sim/elf', 'sim/util'},
    'sim/cost': {'sim/engine', 'sim/util'},
    'tools': {'sim/util'},              # the CLI: the public API, and util's JSON helpers
}
PUBLIC = 'include'

def part_of(path):
    rel = os.path.relpath(path, ROOT)
    for part in sorted(ALLOWED, key=len, reverse=True):
        if rel == part or rel.startswith(part + '/'):
            return part
    return None

def headers():
    """Every internal header name -> the part that owns it."""
    owner = {}
    for part in ALLOWED:
        d = os.path.join(ROOT, part)
        for name in os.listdir(d) if os.path.isdir(d) else []:
            if name.endswith('.h'):
                owner.setdefault(name, set()).add(part)
    return owner

def main():
    owner = headers()
    bad = []
    checked = 0
    for part in ALLOWED:
        d = os.path.join(ROOT, part)
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if not name.endswith(('.c', '.h')):
                continue
            path = os.path.join(d, name)
            for n, line in enumerate(open(path, encoding='utf-8'), 1):
                m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
                if not m:
                    continue
                inc = m.group(1)
                checked += 1
                where = '%s:%d' % (os.path.relpath(path, ROOT), n)
                if inc.startswith('el2sim/'):
                    continue  # public headers: every layer may use them
                if '..' in inc.split('/'):
                    bad.append('%s: "%s" climbs out of its folder' % (where, inc))
                    continue
                base = os.path.basename(inc)
                sub = os.path.dirname(inc)
                if sub:
                    target = os.path.normpath(os.path.join(part, sub))
                    owners = {target} if target in ALLOWED else set()
                else:
                    owners = owner.get(base, set())
                if part in owners or not owners and base.endswith('_dirs.h'):
                    continue  # its own header, or one generated in its build folder
                if not owners:
                    bad.append('%s: "%s" is no header of any part' % (where, inc))
                elif not owners & ALLOWED[part]:
                    bad.append('%s: %s may not include "%s" (a header of %s)'
                               % (where, part, inc, ', '.join(sorted(owners))))
    for b in bad:
        print(b)
    print('%d includes checked, %d outside the layers' % (checked, len(bad)))
    return 1 if bad or checked == 0 else 0

sys.exit(main())
