#!/usr/bin/env bash
# Short libFuzzer run of each harness (docs/fuzzing.md).
#   tests/fuzz/smoke.sh BUILD_DIR [SECONDS]
# BUILD_DIR is a clang build with the fuzz option on (CC=clang meson setup
# BUILD_DIR -Dfuzz=enabled). Each harness runs SECONDS (default 20) on a
# copy of its seed corpus and saved regressions in a temporary directory.
# Exit 1 on any crash, leak, timeout or out-of-memory (the log tail and the
# failing input, kept in BUILD_DIR/fuzz-failures/, are printed); 2 for bad
# usage or a missing harness.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 BUILD_DIR [SECONDS]" >&2
	exit 2
fi
build=$(cd "$1" && pwd)
secs=${2:-20}
case $secs in
''|*[!0-9]*) echo "smoke: SECONDS must be a whole number, got '$secs'" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
fuzz=$build/tests/fuzz

tmp=$(mktemp -d "${TMPDIR:-/tmp}/el2sim-fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The harnesses and the ELF seeds are built with the rest of BUILD_DIR.
ninja -C "$build" >/dev/null

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

rc=0
for name in elf profile exec; do
	bin=$fuzz/fuzz_$name
	if [ ! -x "$bin" ]; then
		echo "smoke: $bin is missing (configure with CC=clang meson setup $1 -Dfuzz=enabled)" >&2
		exit 2
	fi
	corpus=$tmp/$name
	mkdir -p "$corpus" "$tmp/artifacts-$name"
	for src in "$here/corpus/$name" "$here/regressions/$name"; do
		[ -d "$src" ] && find "$src" -maxdepth 1 -type f ! -name '.*' -exec cp {} "$corpus/" \;
	done
	if [ "$name" = elf ]; then
		cp "$fuzz"/seed_* "$corpus/" 2>/dev/null || true
	fi
	extra=()
	case $name in
	elf) extra=(-max_len=16384) ;;
	profile) extra=(-max_len=4096 "-dict=$here/profile.dict") ;;
	exec) extra=(-max_len=2048) ;;
	esac
	log=$tmp/$name.log
	# The outer timeout is a safety net only: libFuzzer stops itself.
	if timeout $((secs + 120)) "$bin" -max_total_time="$secs" -timeout=5 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$tmp/artifacts-$name/" "${extra[@]}" \
		"$corpus" >"$log" 2>&1; then
		execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
		cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
		echo "fuzz_$name: ok, ${execs:-?} executions in ${secs}s (${cov:-cov: ?})"
	else
		rc=1
		echo "fuzz_$name: FAILED"
		tail -n 40 "$log"
		mkdir -p "$build/fuzz-failures"
		for a in "$tmp/artifacts-$name"/*; do
			[ -e "$a" ] || continue
			keep=$build/fuzz-failures/$name-$(basename "$a")
			cp "$a" "$keep"
			echo "fuzz_$name: failing input saved as $keep (replay: $bin $keep)"
		done
	fi
done
exit $rc
