#!/usr/bin/env bash
# Installs a build into a staging directory and builds, as a user would,
# with pkg-config against the installed headers and library:
#   every public header             -std=c11 -pedantic -Werror
#   tests/install/harness.c         the model API (an HVC taken to EL2)
#   docs/examples/check_harness.c   the world-switch check through the API
#                                   (cmocka), run on the reference world
#                                   switch and the tutorial's, each with a
#                                   seeded-bug variant that must be caught.
# usage: check.sh BUILD_DIR   (the ELFs come from BUILD_DIR/tests/{ref,tutorial})
set -euo pipefail
build=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
meson install -C "$build" --destdir "$stage" >/dev/null
pcdir=$(dirname "$(find "$stage" -name el2sim.pc | head -1)")
export PKG_CONFIG_PATH=$pcdir PKG_CONFIG_SYSROOT_DIR=$stage
libdir=$(dirname "$(find "$stage" -name 'libel2sim.so*' | head -1)")
cc "$root/tests/install/harness.c" $(pkg-config --cflags --libs el2sim) -o "$stage/harness"
LD_LIBRARY_PATH=$libdir "$stage/harness"

# Every installed header, alone and together, is clean ISO C11 and C++.
incdir=$(dirname "$(find "$stage" -name el2sim.h | head -1)")
{
	for h in "$incdir"/*.h; do echo "#include <el2sim/$(basename "$h")>"; done
	echo "int main(void) { return 0; }"
} > "$stage/all_headers.c"
cc -std=c11 -pedantic -Wall -Wextra -Werror $(pkg-config --cflags el2sim) \
	-c "$stage/all_headers.c" -o "$stage/all_headers.o"
echo "install check: every public header is clean under -std=c11 -pedantic"

cc -Wall -Wextra -Werror "$root/docs/examples/check_harness.c" \
	$(pkg-config --cflags --libs el2sim cmocka) -o "$stage/check_harness"
check() {
	echo "check_harness $*"
	LD_LIBRARY_PATH=$libdir "$stage/check_harness" "$@"
}
ref=$build/tests/ref
tut=$build/tests/tutorial
if [ ! -f "$ref/nvhe.elf" ] || [ ! -f "$tut/tutorial.elf" ]; then
	echo "install check: no aarch64 ELFs in $build (clang/ld.lld missing?)" >&2
	exit 1
fi
# Seeded bugs (docs/reference.md, docs/tutorial.md): the host's x19 not
# restored -> property 1 on x19; the host's SP_EL0 not restored -> property
# 1 on SP_EL0.
check "$ref/nvhe.elf" "$root/tests/ref/nvhe.profile" "$ref/nvhe-bug-host-callee.elf" 1 x19
check "$ref/vhe.elf" "$root/tests/ref/vhe.profile" "$ref/vhe-bug-host-callee.elf" 1 x19
check "$tut/tutorial.elf" "$root/docs/examples/tutorial/tutorial.profile" \
	"$tut/tutorial-bug-host-sp-el0.elf" 1 SP_EL0
