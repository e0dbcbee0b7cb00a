#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""el2sim bench end to end, outputs a C test cannot read easily.

  svg EL2SIM ELF_A PROFILE_A ELF_B PROFILE_B
      the SVG chart (docs/bench.md, "Output") parsed as XML: a bar per model
      and series, labelled (A/B with --compare, and the objects named), the
      total written on every bar, round y-axis ticks reaching the tallest
      bar, a legend listing exactly the classes drawn, no bars for a model
      whose numbers repeat another's (cortex-a72) and bars for one with
      numbers of its own.
  asm-only EL2SIM ELF PROFILE
      the tutorial's assembly-only world switch (docs/examples/tutorial):
      entry holds the vector, the dispatch in host_call and the host's save
      (91 instructions, every MRS of the way in and no MSR), to-guest the
      guest's restore from the HCR_EL2 write to the ERET (78).
"""
import csv
import io
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def run(*args):
    p = subprocess.run(list(args), capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        sys.exit(f"{' '.join(args)}: exit {p.returncode}\n{p.stderr}")
    return p.stdout


def fail(msg):
    sys.exit("FAIL: " + msg)


def texts(el, cls):
    return [t for t in el.iter(NS + "text") if t.get("class") == cls]


def check_ticks(panel, tallest):
    ticks = [float(t.text) for t in texts(panel, "tick")]
    if len(ticks) < 2:
        fail(f"fewer than 2 ticks: {ticks}")
    step = ticks[1] - ticks[0]
    mant = step / 10 ** (len(str(int(step))) - 1)
    if ticks[0] != 0 or mant not in (1, 2, 5) or step != int(step):
        fail(f"ticks not round (0, then steps of 1, 2 or 5 x 10^k): {ticks}")
    if any(abs(b - a - step) > 1e-9 for a, b in zip(ticks, ticks[1:])):
        fail(f"ticks not evenly spaced: {ticks}")
    if ticks[-1] < tallest or len(ticks) > 7:
        fail(f"ticks {ticks} do not end at the first round value above {tallest}")


def check_panel(panel, want_models, want_series):
    bars = [g for g in panel.iter(NS + "g") if g.get("class") == "bar"]
    if not bars:
        fail("a panel without bars")
    drawn = set()
    tallest = 0
    for g in bars:
        model, series = g.get("data-model"), g.get("data-series")
        label = texts(g, "bar-label")[0].text
        want = (series + " " if series else "") + model
        if label != want:
            fail(f"bar label {label!r}, expected {want!r}")
        total = 0.0
        for r in g.iter(NS + "rect"):
            m = re.search(r", (\w+): ([0-9.]+) cycles$", r.find(NS + "title").text)
            drawn.add(m.group(1))
            total += float(m.group(2))
        value = float(texts(g, "value")[0].text)
        if abs(value - total) > 0.51:
            fail(f"bar {label} {g.get('data-row')}: says {value}, its classes add to {total}")
        tallest = max(tallest, total)
    models = {g.get("data-model") for g in bars}
    series = {g.get("data-series") for g in bars}
    if models != want_models or series != want_series:
        fail(f"models {models} series {series}, expected {want_models} {want_series}")
    legend = {t.text for t in texts(panel, "legend-entry")}
    if legend != drawn:
        fail(f"legend {sorted(legend)} is not the classes drawn {sorted(drawn)}")
    check_ticks(panel, tallest)


def svg(el2sim, elf_a, prof_a, elf_b, prof_b):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "c.svg")
        run(el2sim, "bench", elf_a, "--layout", prof_a, "--scenario", "hvc", "--runs", "0",
            "--compare", elf_b, "--layout-b", prof_b, "--svg", out)
        root = ET.parse(out).getroot()
        panels = [g for g in root.iter(NS + "g") if g.get("class") == "panel"]
        if len(panels) != 1:
            fail(f"{len(panels)} panels for one scenario")
        check_panel(panels[0], {"cortex-a57", "neoverse-n1"}, {"A", "B"})
        head = " ".join(t.text or "" for t in panels[0].iter(NS + "text"))
        for want in (f"A = {elf_a}", f"B = {elf_b}", "cortex-a72 (1500 MHz): same cycles as cortex-a57"):
            if want not in head:
                fail(f"the panel does not say {want!r}")
        # An A72 model with a number of its own is drawn.
        src = os.path.join(os.path.dirname(__file__), "../../bench/models/cortex-a72.model")
        own = os.path.join(d, "a72-own.model")
        with open(src) as f, open(own, "w") as g:
            g.write(f.read().replace("class alu 1 2 ", "class alu 1 3 "))
        run(el2sim, "bench", elf_a, "--layout", prof_a, "--scenario", "hvc", "--runs", "0",
            "--model", "cortex-a57", "--model", own, "--svg", out)
        panel = [g for g in ET.parse(out).getroot().iter(NS + "g") if g.get("class") == "panel"][0]
        check_panel(panel, {"cortex-a57", "cortex-a72"}, {""})


def asm_only(el2sim, elf, prof):
    rows = {r[1]: r for r in csv.reader(io.StringIO(run(
        el2sim, "bench", elf, "--layout", prof, "--scenario", "hvc", "--runs", "0", "--csv")))}
    head = rows["row"]
    col = {name: head.index(name) for name in ("insns", "mrs", "msr", "eret")}
    entry, tg = rows["entry"], rows["to-guest"]
    got = (int(entry[col["insns"]]), int(entry[col["mrs"]]), int(entry[col["msr"]]),
           int(tg[col["insns"]]), int(tg[col["mrs"]]), int(tg[col["msr"]]), int(tg[col["eret"]]))
    if got != (91, 33, 0, 78, 0, 30, 1):
        fail(f"entry insns/mrs/msr, to-guest insns/mrs/msr/eret = {got}, "
             "expected (91, 33, 0, 78, 0, 30, 1)")


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "svg":
        svg(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == "asm-only":
        asm_only(*sys.argv[2:])
    else:
        sys.exit(__doc__)
    print("ok")
