#!/usr/bin/env bash
# One-stop set-up for a fresh Debian 12 machine (run as root) or a prepared one.
#   tools/quickstart.sh example  install, build, check the bundled reference world switch
#   tools/quickstart.sh demo     install, build, drive the model alone (no engine)
#   tools/quickstart.sh test   install, build (gcc + ASan/UBSan, and clang), run all tests
set -euo pipefail
mode=${1:-example}
cd "$(dirname "$0")/.."

packages=(build-essential meson ninja-build pkg-config clang lld
          libunicorn-dev libcapstone-dev libcmocka-dev libelf-dev libdw-dev libjansson-dev libclang-rt-14-dev
          python3-jsonschema)

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
case "$mode" in
example)
	[ -d build ] || meson setup build --buildtype=release -Db_lto=true >/dev/null
	ninja -C build >/dev/null
	for flavour in nvhe vhe; do
		echo "== el2sim check build/tests/ref/$flavour.elf --layout tests/ref/$flavour.profile"
		./build/tools/el2sim check "build/tests/ref/$flavour.elf" --layout "tests/ref/$flavour.profile"
	done
	;;
demo)
	[ -d build ] || meson setup build --buildtype=release -Db_lto=true >/dev/null
	ninja -C build >/dev/null
	./build/tools/el2sim demo
	;;
test)
	[ -d build-san ] || meson setup build-san -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
	[ -d build-clang ] || CC=clang meson setup build-clang >/dev/null
	ninja -C build-san
	ninja -C build-clang >/dev/null
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
	export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
	rc=0
	meson test -C build-san --print-errorlogs --num-processes 2 || rc=$?
	summarize build-san/meson-logs/testlog.json || rc=1
	echo "== the same tests, clang build (no sanitizers)"
	meson test -C build-clang --print-errorlogs --num-processes 2 >/dev/null || rc=$?
	summarize build-clang/meson-logs/testlog.json || rc=1
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
