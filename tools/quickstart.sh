#!/usr/bin/env bash
# One-stop set-up for a fresh Debian 12 machine (run as root) or a prepared one.
#   tools/quickstart.sh example  install, build, check the bundled reference world switch
#   tools/quickstart.sh demo     install, build, drive the model alone (no engine)
#   tools/quickstart.sh test   install, build (gcc + ASan/UBSan, and clang), run all tests
set -euo pipefail
mode=${1:-example}
cd "$(dirname "$0")/.."

# Unicorn comes from tools/unicorn.sh: 2.1.1 (trixie's packages, pinned)
# for the fast strategy, 2.0.1 (Debian 12's) for the trap-strategy build.
packages=(build-essential meson ninja-build pkg-config clang lld python3
          libcapstone-dev libcmocka-dev libelf-dev libdw-dev libjansson-dev libclang-rt-14-dev
          python3-jsonschema binutils-aarch64-linux-gnu)

install_deps() {
	local missing=()
	for p in "${packages[@]}"; do
		dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" != 0 ]; then
		echo "quickstart: missing packages: ${missing[*]} (run as root to install them)" >&2
		exit 1
	fi
	echo "quickstart: installing ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# meson test writes one JSON line per test; print the plain closing line.
summarize() {
	python3 - "$1" <<'PY'
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1]):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL"): passed += 1
    elif r == "SKIP": skipped += 1
    else: failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY
}

install_deps
. tools/unicorn.sh
U21=$(unicorn_pc 2.1)
# meson setup against a Unicorn: PKG_CONFIG_PATH picks the side prefix; a
# build dir set up before is reconfigured (it may have found another one).
setup() { # PC_DIR BUILD_DIR [meson args]
	local pc=$1 dir=$2 re=()
	shift 2
	[ -d "$dir" ] && re=(--reconfigure)
	PKG_CONFIG_PATH="$pc${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" meson setup "${re[@]}" "$dir" "$@" >/dev/null
}
case "$mode" in
example)
	[ -d build ] || setup "$U21" build --buildtype=release -Db_lto=true
	ninja -C build >/dev/null
	for flavour in nvhe vhe; do
		echo "== el2sim check build/tests/ref/$flavour.elf --layout tests/ref/$flavour.profile"
		./build/tools/el2sim check "build/tests/ref/$flavour.elf" --layout "tests/ref/$flavour.profile"
	done
	;;
demo)
	[ -d build ] || setup "$U21" build --buildtype=release -Db_lto=true
	ninja -C build >/dev/null
	./build/tools/el2sim demo
	;;
test)
	U20=$(unicorn_pc 2.0)
	setup "$U21" build-san -Db_sanitize=address,undefined -Db_lundef=false
	CC=clang setup "$U21" build-clang
	setup "$U20" build-u20
	ninja -C build-san
	ninja -C build-clang >/dev/null
	ninja -C build-u20 >/dev/null
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
	export LSAN_OPTIONS=suppressions=$PWD/tests/lsan-unicorn.supp:print_suppressions=0
	export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
	# the Linux KVM example fails (not skips) when it cannot fetch the kernel
	export LINUX_KVM_REQUIRED=1
	rc=0
	meson test -C build-san --print-errorlogs --num-processes 2 || rc=$?
	summarize build-san/meson-logs/testlog.json || rc=1
	echo "== the same tests on Unicorn 2.0.1 (trap strategy, gcc build; the Linux example runs in the clang build)"
	meson test -C build-u20 --print-errorlogs --num-processes 2 --no-suite linux >/dev/null || rc=$?
	summarize build-u20/meson-logs/testlog.json || rc=1
	echo "== clang build (no sanitizers): the Linux KVM example with its mutation score"
	meson test -C build-clang --print-errorlogs --num-processes 2 --suite linux || rc=$?
	summarize build-clang/meson-logs/testlog.json || rc=1
	echo "== both strategies give the same output: every fixture, reference, seeded bug, tutorial"
	st=0
	python3 tests/engine/differential.py build-clang . || st=$?
	[ $st -eq 0 ] || [ $st -eq 77 ] || { echo "differential FAILED"; rc=1; }
	echo "== install: pkg-config harness against the installed library (clang build)"
	bash tests/install/check.sh build-clang || { echo "install check FAILED"; rc=1; }
	echo "== fuzzing smoke run: each libFuzzer harness 15 s (docs/fuzzing.md)"
	bash tests/fuzz/smoke.sh build-clang 15 || { echo "fuzz smoke FAILED"; rc=1; }
	exit $rc
	;;
*)
	echo "usage: tools/quickstart.sh [example|demo|test]" >&2
	exit 2
	;;
esac
