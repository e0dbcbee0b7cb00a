#!/bin/sh
# SPDX-License-Identifier: MIT
# A report that cannot be written is an error, not a silent success: every
# command that writes a report, with stdout on /dev/full (ENOSPC on every
# write), exits 3 with "cannot write ... No space left on device"; a trace
# stops at its first failed write.
# argv: EL2SIM REF_DIR_BUILD REF_DIR_SOURCE
set -u
el2sim=$1 refb=$2 refs=$3
[ -w /dev/full ] || exit 77
err=$(mktemp)
trap 'rm -f "$err"' EXIT
fails=0
expect_3() {
	# 60 s: a trace must stop at its first failed write, not run on (the
	# last case would take minutes)
	timeout 60 "$el2sim" "$@" >/dev/full 2>"$err"
	rc=$?
	if [ "$rc" -ne 3 ] || ! grep -q 'cannot write .*No space left on device' "$err"; then
		echo "FAIL: el2sim $* > /dev/full: exit $rc, stderr: $(cat "$err")"
		fails=$((fails + 1))
	fi
}
ref="$refb/nvhe.elf --layout $refs/nvhe.profile"
# shellcheck disable=SC2086
{
expect_3 check $ref --json
expect_3 check $ref
expect_3 check $ref --trace /dev/full --json
expect_3 check $ref --sarif /dev/full
expect_3 bench $ref --runs 0 --scenario hvc --json
expect_3 mutate $ref --max-mutants 1 --json
expect_3 run "$refb/nvhe.elf" --budget 1000 --json
expect_3 trace "$refb/nvhe.elf" --budget 1000 --json
expect_3 trace "$refb/nvhe.elf" --budget 1000
expect_3 trace "$refb/nvhe.elf" --budget 500000000 --max-lines 500000000 --json
}
[ "$fails" -eq 0 ]
