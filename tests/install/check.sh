#!/usr/bin/env bash
# Installs a build into a staging directory and builds tests/install/harness.c
# against it with pkg-config, as a user would.  usage: check.sh BUILD_DIR
set -euo pipefail
build=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
meson install -C "$build" --destdir "$stage" >/dev/null
pcdir=$(dirname "$(find "$stage" -name el2sim.pc | head -1)")
export PKG_CONFIG_PATH=$pcdir PKG_CONFIG_SYSROOT_DIR=$stage
libdir=$(dirname "$(find "$stage" -name 'libel2sim.so*' | head -1)")
cc "$root/tests/install/harness.c" $(pkg-config --cflags --libs el2sim) -o "$stage/harness"
LD_LIBRARY_PATH=$libdir "$stage/harness"
