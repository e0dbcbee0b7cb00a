#!/usr/bin/env python3
"""el2sim check --sarif and mutate --sarif on the reference (tests/ref):
the reports validate against tests/cli/sarif-2.1.0-subset.schema.json (the
SARIF 2.1.0 constraints on what el2sim writes), a seeded bug's findings
point at the source line of their last writer, and the surviving mutants
of the reference at theirs. A report of a passing check has no results.
usage: test_sarif.py EL2SIM SCHEMA REF_DIR=build/tests/ref SRC_DIR=tests/ref"""
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

el2sim, schema_path, build_ref, src_ref = sys.argv[1:5]
schema = json.load(open(schema_path))


def sarif(args, code):
    with tempfile.NamedTemporaryFile(suffix=".sarif") as f:
        r = subprocess.run([el2sim] + args + ["--sarif", f.name], capture_output=True,
                           text=True, timeout=600)
        assert r.returncode == code, (args, r.returncode, r.stderr)
        log = json.load(open(f.name))
    jsonschema.validate(log, schema)
    return log["runs"][0]


def line_of(uri, line):
    path = uri if os.path.isabs(uri) else os.path.join(os.getcwd(), uri)
    with open(path) as f:
        return f.read().splitlines()[line - 1]


prof = os.path.join(src_ref, "nvhe.profile")
# the host's x19 clobbered: property 1, last written in hyp_entry.S
run = sarif(["check", os.path.join(build_ref, "nvhe-bug-host-callee.elf"), "--layout", prof,
             "--runs", "0"], 1)
assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [f"P{p}" for p in range(1, 9)]
lined = [r for r in run["results"] if "region" in r["locations"][0]["physicalLocation"]]
assert run["results"] and lined, run["results"]
for r in run["results"]:
    assert r["level"] == "error" and r["ruleId"] == "P1", r
for r in lined:
    loc = r["locations"][0]["physicalLocation"]
    uri = loc["artifactLocation"]["uri"]
    text = line_of(uri, loc["region"]["startLine"])
    insn = r["message"]["text"].split("last written by ")[1].split(": ")[1].split()[0]
    # an assembly line holds its instruction (a C line, the statement)
    assert not uri.endswith(".S") or insn in text, (insn, text)
assert any(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
           .endswith("hyp_entry.S") for r in lined)

run = sarif(["check", os.path.join(build_ref, "nvhe.elf"), "--layout", prof, "--runs", "0"], 0)
assert run["results"] == []

# the reference's two survivors: str xzr, [x2, #0xc00] in __guest_exit
run = sarif(["mutate", os.path.join(build_ref, "nvhe.elf"), "--layout", prof, "--runs", "0",
             "--symbol", "__guest_exit+0x5c"], 0)
assert len(run["results"]) == 2, run["results"]
for r in run["results"]:
    assert r["level"] == "warning" and r["ruleId"] == "survivor"
    loc = r["locations"][0]["physicalLocation"]
    assert "str" in line_of(loc["artifactLocation"]["uri"], loc["region"]["startLine"])
print("SARIF reports valid; findings and survivors at their source lines")
