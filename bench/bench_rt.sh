#!/usr/bin/env bash
# Round trips per second of one bare-metal nVHE hypercall loop
# (bench/rt/rt.S) under `el2sim run` with each engine strategy and, when
# qemu-system-aarch64 is installed, under QEMU TCG on the virt board: the
# same ELF, side by side. Each figure is (t(N) - t(1)) / (N - 1), wall
# time of the whole process, best of REPS. Printed, never asserted.
# Target (issue 13): el2sim >= 1.5x QEMU.
# usage: bench/bench_rt.sh BUILD_DIR [N [REPS]]
set -euo pipefail
build=$1
n=${2:-20000}
reps=${3:-3}
src=$(cd "$(dirname "$0")" && pwd)
el2sim=$build/tools/el2sim
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for k in 1 "$n"; do
	clang --target=aarch64-linux-gnu -c "$src/rt/rt.S" -DN_ITER="$k" -o "$tmp/rt$k.o"
	ld.lld -Ttext=0x40080000 -e _start "$tmp/rt$k.o" -o "$tmp/rt$k.elf"
done

best() { # command... : best wall seconds of REPS runs
	local b=""
	for _ in $(seq "$reps"); do
		local t0 t1
		t0=$(date +%s.%N)
		"$@" >/dev/null 2>&1 || true
		t1=$(date +%s.%N)
		b=$(python3 -c "t=$t1-$t0; b='$b'; print(t if not b or t < float(b) else b)")
	done
	echo "$b"
}

rate() { # t1 tn
	python3 -c "d=($2-$1)/($n-1); print(f'{1/d:10.0f} trips/s {d*1e6:8.2f} us/trip')"
}

echo "bare-metal nVHE hypercall loop (bench/rt/rt.S), $n round trips; el2sim: $("$el2sim" version | tr '\n' ' ')"
declare -A res
for s in trap insn; do
	t1=$(best env EL2SIM_STRATEGY=$s "$el2sim" run "$tmp/rt1.elf" --el 2 --stop-at halt_here)
	tn=$(best env EL2SIM_STRATEGY=$s "$el2sim" run "$tmp/rt$n.elf" --el 2 --stop-at halt_here)
	res[$s]=$(rate "$t1" "$tn")
	printf '  el2sim run, %-5s strategy   %s\n' "$s" "${res[$s]}"
done
if command -v qemu-system-aarch64 >/dev/null; then
	q="qemu-system-aarch64 -M virt,virtualization=on -cpu cortex-a57 -m 128 -nographic -nodefaults -semihosting -monitor none -serial none -kernel"
	# shellcheck disable=SC2086
	t1=$(best $q "$tmp/rt1.elf")
	# shellcheck disable=SC2086
	tn=$(best $q "$tmp/rt$n.elf")
	st=0
	# shellcheck disable=SC2086
	$q "$tmp/rt$n.elf" || st=$?
	res[qemu]=$(rate "$t1" "$tn")
	printf '  QEMU %s TCG           %s  (exit status %s = trips mod 256: %s)\n' \
		"$(qemu-system-aarch64 --version | head -1 | awk '{print $4}')" "${res[qemu]}" "$st" $((n % 256))
	python3 - "${res[insn]%% trips*}" "${res[qemu]%% trips*}" <<'PY'
import sys
e, q = float(sys.argv[1]), float(sys.argv[2])
print(f"  el2sim (default strategy) / QEMU = {e / q:.2f}x   target >= 1.5x: {'met' if e / q >= 1.5 else 'MISSED'}")
PY
else
	echo "  QEMU: qemu-system-aarch64 not installed (apt-get install qemu-system-arm)"
fi
