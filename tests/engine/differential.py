#!/usr/bin/env python3
"""Differential test of the two execution strategies (docs/engine.md).

Runs the same el2sim command with EL2SIM_STRATEGY=trap (the fidelity
reference) and with the default strategy, and requires byte-identical
stdout and the same exit status:
  - run --json and trace --json of every global code symbol of every
    fixture object (engine, cli, hostile, check fixtures) at EL2 and EL1;
  - check --json of every reference ELF that has a profile file of its
    name (the type-2 flavours and type1, with every seeded bug of each;
    a line "skipped: ..." names each ELF left out, e.g. type1-irqsw*),
    and of the tutorial's ELFs;
  - mutate --json of the nVHE and VHE references on a few mutants.
The last line prints how many commands were compared.
Skips (exit 77) when the default strategy is the trap strategy (Unicorn
older than 2.1.1: nothing to compare).

usage: differential.py BUILD_DIR SOURCE_DIR [--quick]"""
import glob
import os
import subprocess
import sys

build, src = sys.argv[1], sys.argv[2]
quick = "--quick" in sys.argv
el2sim = os.path.join(build, "tools", "el2sim")


def run(args, strategy):
    env = dict(os.environ)
    env.pop("EL2SIM_STRATEGY", None)
    if strategy:
        env["EL2SIM_STRATEGY"] = strategy
    p = subprocess.run([el2sim] + args, env=env, capture_output=True, timeout=600)
    return p.returncode, p.stdout


def strategy_in_use():
    rc, out = run(["version"], None)
    for line in out.decode(errors="replace").splitlines():
        if line.startswith("engine strategy:"):
            return line.split(":", 1)[1].strip()
    return "trap"


failures = []
cases = 0


def compare(args):
    global cases
    cases += 1
    a = run(args, "trap")
    b = run(args, None)
    if a != b:
        failures.append(" ".join(args))
        print("DIFFERS: el2sim " + " ".join(args), flush=True)
        if a[0] != b[0]:
            print(f"  exit status trap {a[0]}, insn {b[0]}")
        la, lb = a[1].splitlines(), b[1].splitlines()
        for i, (x, y) in enumerate(zip(la, lb)):
            if x != y:
                print(f"  line {i + 1}:\n    trap: {x[:300]!r}\n    insn: {y[:300]!r}")
                break
        else:
            print(f"  lengths differ: {len(la)} vs {len(lb)} lines")


def code_symbols(obj):
    p = subprocess.run(["nm", "-g", "--defined-only", obj], capture_output=True, text=True)
    syms = []
    for line in p.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "Tt":
            syms.append(parts[2])
    return syms


if strategy_in_use() == "trap":
    print("default strategy is trap (Unicorn < 2.1.1): nothing to compare")
    sys.exit(77)

# run / trace on the fixtures
objs = []
for d in ("engine", "cli", "hostile", "check"):
    objs += sorted(glob.glob(os.path.join(build, "tests", d, "*.o")))
for obj in objs:
    syms = code_symbols(obj)
    if quick:
        syms = syms[:3]
    for sym in syms:
        for el in ("2", "1"):
            compare(["run", obj, "--entry", sym, "--el", el, "--budget", "200K", "--json"])
        compare(["trace", obj, "--entry", sym, "--budget", "3000", "--json"])

# check on the references (type-2 and type-1), their seeded bugs and the
# tutorial; an ELF whose profile is no file (type1-irqsw: its profile is
# built by tests/check/test_check_type1.c) is named and left out
profiles = {os.path.basename(p)[:-len(".profile")]: p
            for p in glob.glob(os.path.join(src, "tests", "ref", "*.profile"))
            + glob.glob(os.path.join(src, "tests", "ref", "type1", "*.profile"))}
for elf in sorted(glob.glob(os.path.join(build, "tests", "ref", "*.elf"))):
    name = os.path.basename(elf)[:-4]
    flavour = name.split("-bug-")[0]
    if flavour not in profiles:
        print(f"skipped: {name}.elf (no {flavour}.profile)", flush=True)
        continue
    if quick and "-bug-" in name:
        continue
    compare(["check", elf, "--layout", profiles[flavour], "--json"])
tut = os.path.join(src, "docs", "examples", "tutorial", "tutorial.profile")
for elf in sorted(glob.glob(os.path.join(build, "tests", "tutorial", "*.elf"))):
    compare(["check", elf, "--layout", tut, "--json"])

# mutate on a few mutants
for flavour in ("nvhe", "vhe"):
    elf = os.path.join(build, "tests", "ref", flavour + ".elf")
    if os.path.exists(elf):
        compare(["mutate", elf, "--layout", profiles[flavour], "--max-mutants",
                 "3" if quick else "12", "--json"])

print(f"{cases} commands compared, {len(failures)} differ")
sys.exit(1 if failures else 0)
