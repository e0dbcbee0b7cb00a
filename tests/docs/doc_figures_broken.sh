#!/bin/sh
# tools/doc-figures.py --check on a copy of the docs with one count made
# wrong and one marker naming no figure: it must fail naming both; --update
# must then write the measured count back, after which --check passes.
# usage: doc_figures_broken.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/docs"
cp "$src/README.md" "$tmp/"
cp "$src"/docs/*.md "$tmp/docs/"
fig() { python3 "$src/tools/doc-figures.py" "$build" --root "$tmp" --quick \
	--only '^bench\.nvhe\.hvc\.insns$' "$@"; }
fail() { echo "doc_figures_broken: $*"; exit 1; }

sed -i 's/[0-9][0-9]*<!-- figure: bench\.nvhe\.hvc\.insns -->/1<!-- figure: bench.nvhe.hvc.insns -->/' \
	"$tmp/docs/bench.md"
echo 'x 7<!-- figure: no.such.figure -->' >> "$tmp/docs/mutate.md"

if out=$(fig --check 2>/dev/null); then fail "--check passed a wrong count: $out"; fi
echo "$out"
echo "$out" | grep -Eq '^docs/bench\.md:[0-9]+ +bench\.nvhe\.hvc\.insns +1 +[0-9]+ +DIFFERS$' ||
	fail "the wrong count is not named"
echo "$out" | grep -q 'docs/mutate.md:[0-9]*: marker names no known figure: no.such.figure' ||
	fail "the unknown marker is not named"

sed -i '/no\.such\.figure/d' "$tmp/docs/mutate.md"
fig --update >/dev/null 2>&1
out=$(fig --check 2>/dev/null) || fail "--check fails after --update: $out"
if grep -q '^| nVHE | 1<!-- figure' "$tmp/docs/bench.md"; then fail "--update left the wrong count"; fi
echo "doc_figures_broken: ok"
