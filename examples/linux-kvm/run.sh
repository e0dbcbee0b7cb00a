#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The el2sim Linux KVM example (docs/linux-kvm.md): Linux 6.1's nVHE hyp
# entry code (arch/arm64/kvm/hyp/entry.S, hyp-entry.S, nvhe/host.S,
# fpsimd.S), built UNCHANGED against the kernel's own headers with the shim
# of this directory, then checked, mutated, and checked again with the
# historic SP_EL0 defect put back. No Linux code is kept in this
# repository: the source comes from Debian's linux-source-6.1 package (or
# from your tree: KERNEL_SRC=/path/to/linux).
#
#   examples/linux-kvm/run.sh [WORKDIR]
#
# Environment: EL2SIM (the el2sim binary; default build/tools/el2sim),
# KERNEL_SRC (a kernel tree to use instead of the package), CLANG, LLD,
# LINUX_KVM_CACHE (where the package and its extract are kept; default
# ~/.cache/el2sim), LINUX_KVM_MUTATE (entry: mutate entry.S, the default;
# all: every entry_asm range; 0: skip), LINUX_KVM_REQUIRED (1: what would
# skip fails instead; tools/quickstart.sh test sets it, so CI cannot count
# an unfetched kernel as a skipped test).
# Exit status: 0 all as expected, 1 a step did not give the expected
# result, 77 skipped (the package cannot be fetched, or no clang/ld.lld).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mkdir -p "${1:-$root/build/linux-kvm}" && cd "${1:-$root/build/linux-kvm}" && pwd)
EL2SIM=${EL2SIM:-$root/build/tools/el2sim}
CLANG=${CLANG:-clang}
LLD=${LLD:-ld.lld}
cache=${LINUX_KVM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/el2sim}
t0=$(date +%s.%N)

fail() { echo "linux-kvm: FAILED: $*" >&2; exit 1; }
skip() {
	[ "${LINUX_KVM_REQUIRED:-0}" = 1 ] && fail "$* (LINUX_KVM_REQUIRED=1: not skipped)"
	echo "linux-kvm: SKIPPED: $*" >&2
	exit 77
}
step() { printf '\n== %s\n' "$*"; }
elapsed() { python3 -c "import sys; print('%.1f s' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$(date +%s.%N)"; }

command -v "$CLANG" >/dev/null || skip "no clang ($CLANG)"
command -v "$LLD" >/dev/null || skip "no ld.lld ($LLD)"
[ -x "$EL2SIM" ] || fail "no el2sim at $EL2SIM (build first, or set EL2SIM)"

# ---- 1. the kernel source: KERNEL_SRC, or only the needed files of the package
if [ -n "${KERNEL_SRC:-}" ]; then
	K=$(cd "$KERNEL_SRC" && pwd)
	[ -f "$K/arch/arm64/kvm/hyp/entry.S" ] || fail "KERNEL_SRC=$K has no arch/arm64/kvm/hyp/entry.S"
	step "kernel source: $K (KERNEL_SRC)"
else
	mkdir -p "$cache"
	deb=$(ls "$cache"/linux-source-6.1_*_all.deb 2>/dev/null | tail -1 || true)
	if [ -z "$deb" ]; then
		step "fetching Debian's linux-source-6.1 (apt-get download)"
		command -v apt-get >/dev/null || skip "no apt-get to fetch linux-source-6.1 (set KERNEL_SRC)"
		# a fresh image may have empty apt lists: as root, update them and retry
		(cd "$cache" && apt-get download linux-source-6.1) >&2 ||
			{ [ "$(id -u)" = 0 ] && apt-get update -qq >&2 &&
				(cd "$cache" && apt-get download linux-source-6.1) >&2; } ||
			skip "apt-get download linux-source-6.1 failed (no network or no Debian 12 sources; set KERNEL_SRC)"
		deb=$(ls "$cache"/linux-source-6.1_*_all.deb | tail -1)
	fi
	K=$cache/$(basename "$deb" _all.deb)/linux-source-6.1
	if [ ! -f "$K/.el2sim-extracted" ]; then
		step "extracting the hyp sources and the headers they include from $(basename "$deb")"
		t1=$(date +%s.%N)
		rm -rf "$(dirname "$K")" && mkdir -p "$(dirname "$K")"
		# Only these directories; tar still reads (decompresses) the whole archive.
		dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/src/linux-source-6.1.tar.xz |
			tar -xJ -C "$(dirname "$K")" --wildcards \
				'linux-source-6.1/arch/arm64/include/*' 'linux-source-6.1/arch/arm64/tools/*' \
				'linux-source-6.1/arch/arm64/kvm/hyp/*' 'linux-source-6.1/include/linux/*' \
				'linux-source-6.1/include/asm-generic/*' 'linux-source-6.1/include/uapi/*' \
				'linux-source-6.1/include/vdso/*'
		touch "$K/.el2sim-extracted"
		echo "extracted $(du -sh "$K" | cut -f1) in $(elapsed "$t1")"
	fi
	step "kernel source: $K ($(basename "$deb"))"
fi
for f in entry.S hyp-entry.S nvhe/host.S fpsimd.S; do
	[ -f "$K/arch/arm64/kvm/hyp/$f" ] || fail "missing $K/arch/arm64/kvm/hyp/$f"
done

# ---- 2. generated headers: what the kernel's build would generate, from
# the kernel's own scripts where it has them, from the shim where not
gen=$work/gen
rm -rf "$gen" && mkdir -p "$gen/asm" "$gen/generated"
awk -f "$K/arch/arm64/tools/gen-cpucaps.awk" "$K/arch/arm64/tools/cpucaps" > "$gen/asm/cpucaps.h"
awk -f "$K/arch/arm64/tools/gen-sysreg.awk" "$K/arch/arm64/tools/sysreg" > "$gen/asm/sysreg-defs.h"
# asm-generic wrappers (the kernel's Kbuild "mandatory-y"/"generic-y")
for h in $(sed -n 's/^\(mandatory\|generic\)-y += \(.*\)\.h$/\2/p' \
		"$K/include/uapi/asm-generic/Kbuild" "$K/include/asm-generic/Kbuild" \
		"$K/arch/arm64/include/asm/Kbuild" "$K/arch/arm64/include/uapi/asm/Kbuild"); do
	[ -e "$K/arch/arm64/include/asm/$h.h" ] || [ -e "$K/arch/arm64/include/uapi/asm/$h.h" ] ||
		[ -e "$gen/asm/$h.h" ] || echo "#include <asm-generic/$h.h>" > "$gen/asm/$h.h"
done
cp "$here/shim/autoconf.h" "$gen/generated/autoconf.h"
"$CLANG" --target=aarch64-linux-gnu -ffreestanding -O2 -S "$here/shim/asm-offsets.c" -o "$work/asm-offsets.s"
sed -n 's/.*->\([A-Z_0-9]*\) #\{0,1\}\([0-9-]*\).*/#define \1 \2/p' "$work/asm-offsets.s" > "$gen/generated/asm-offsets.h"

# kvm.profile's offsets must be those of our struct layout
off() { sed -n "s/^#define $1 //p" "$gen/generated/asm-offsets.h"; }
prof() { sed -n "s/^$1 = \(0x[0-9a-f]*\).*/\1/p" "$here/kvm.profile"; }
for pair in "x0 VCPU_CONTEXT" "sp_el1 SHIM_GUEST_SYS" "v0 SHIM_GUEST_FP" "esr_el2 SHIM_GUEST_ESR"; do
	set -- $pair
	[ $(( $(prof "$1") )) -eq "$(off "$2")" ] ||
		fail "kvm.profile: $1 = $(prof "$1") but $2 = $(off "$2") (shim/kvm_shim.h changed?)"
done
[ $(( $(sed -n 's/^hcr_el2 = \(0x4[0-9a-f]*\) .*/\1/p' "$here/kvm.profile") )) -eq "$(off SHIM_GUEST_HCR)" ] ||
	fail "kvm.profile: [config] hcr_el2 offset is not SHIM_GUEST_HCR"

# ---- 3. build: the four files unchanged, the shim's driver, one ET_EXEC
step "building the hyp entry code (unchanged) and the shim"
t1=$(date +%s.%N)
kflags=(--target=aarch64-linux-gnu -c -D__ASSEMBLY__ -D__KVM_NVHE_HYPERVISOR__ -D__DISABLE_EXPORTS
	-fno-PIE -nostdinc -I"$K/arch/arm64/include" -I"$gen" -I"$K/include"
	-I"$K/arch/arm64/include/uapi" -I"$K/include/uapi" -include "$K/include/linux/kconfig.h")
build() { # build OUT.elf ENTRY_S
	local out=$1 entry=$2 o=$work/obj-$(basename "$1" .elf)
	mkdir -p "$o"
	"$CLANG" "${kflags[@]}" "$entry" -o "$o/entry.o"
	"$CLANG" "${kflags[@]}" "$K/arch/arm64/kvm/hyp/hyp-entry.S" -o "$o/hyp-entry.o"
	"$CLANG" "${kflags[@]}" "$K/arch/arm64/kvm/hyp/nvhe/host.S" -o "$o/host.o"
	"$CLANG" "${kflags[@]}" "$K/arch/arm64/kvm/hyp/fpsimd.S" -o "$o/fpsimd.o"
	"$CLANG" --target=aarch64-linux-gnu -march=armv8.5-a -ffreestanding -fno-pic -fno-pie -O2 \
		-fno-stack-protector -ffixed-x18 -fno-asynchronous-unwind-tables -fno-unwind-tables \
		-mgeneral-regs-only -Wall -Wextra -Werror -c "$here/shim/driver.c" -o "$o/driver.o"
	"$LLD" -T "$here/shim/shim.ld" -o "$out" "$o/entry.o" "$o/hyp-entry.o" "$o/host.o" \
		"$o/fpsimd.o" "$o/driver.o"
}
build "$work/kvm.elf" "$K/arch/arm64/kvm/hyp/entry.S"
# The historic defect: before the fix, __guest_enter/__guest_exit
# did not switch SP_EL0; C code ran at EL2 with the guest's. Put back by
# removing the four save/restore_sp_el0 lines from a copy.
sed '/^[[:space:]]*\(save\|restore\)_sp_el0[[:space:]]/d' "$K/arch/arm64/kvm/hyp/entry.S" > "$work/entry-no-sp_el0.S"
[ "$(diff "$K/arch/arm64/kvm/hyp/entry.S" "$work/entry-no-sp_el0.S" | grep -c '^<')" = 4 ] ||
	fail "the SP_EL0 reverse patch did not remove exactly four lines of entry.S"
build "$work/kvm-no-sp_el0.elf" "$work/entry-no-sp_el0.S"
echo "built in $(elapsed "$t1")"

# ---- 4. the capability sets: unapplied, and an N1-like CPU
# (Neoverse N1 as Linux 6.1 sees it at EL1 under nVHE KVM; no SB, MTE,
# PAuth, BTI). RAS needs DISR_EL1/VDISR_EL2 in el2sim's model: probed.
n1=HAS_PAN,HAS_LSE_ATOMICS,HAS_CRC32,HAS_DCPOP,HAS_CNP,HAS_CACHE_IDC,HAS_CACHE_DIC,SSBS
printf '\t.globl _start\n_start:\n\tmrs x0, s3_0_c12_c1_1\n\tret\n' > "$work/probe-disr.S"
"$CLANG" --target=aarch64-linux-gnu -c "$work/probe-disr.S" -o "$work/probe-disr.o"
if "$EL2SIM" run "$work/probe-disr.o" --el 2 >/dev/null 2>&1; then
	n1=$n1,HAS_RAS_EXTN
else
	echo "note: this el2sim has no DISR_EL1 (FEAT_RAS): the N1 set runs without HAS_RAS_EXTN"
fi

rc=0
expect() { # expect STATUS DESCRIPTION CMD...
	local want=$1 what=$2 got=0
	shift 2
	step "$what"
	echo "\$ ${*#$root/}"
	"$@" > "$work/last.out" 2>&1 || got=$?
	cat "$work/last.out"
	if [ "$got" != "$want" ]; then
		echo "linux-kvm: expected exit status $want, got $got: $what" >&2
		rc=1
	fi
}
profile=$here/kvm.profile
t1=$(date +%s.%N)
expect 0 "check, alternatives unapplied (the code as assembled)" \
	"$EL2SIM" check "$work/kvm.elf" --layout "$profile"
expect 0 "check, alternatives applied for an N1-like CPU ($n1)" \
	"$EL2SIM" check "$work/kvm.elf" --layout "$profile" --alternatives "$n1"
for alt in "" "$n1"; do
	expect 1 "check the historic defect: SP_EL0 not switched in entry.S${alt:+ (N1 set)}" \
		"$EL2SIM" check "$work/kvm-no-sp_el0.elf" --layout "$profile" ${alt:+--alternatives "$alt"}
	grep -q "property 7 (SP_EL0 window): SP_EL0" "$work/last.out" ||
		{ echo "linux-kvm: the SP_EL0 defect was not reported as a property 7 finding on SP_EL0" >&2; rc=1; }
done
echo "checks took $(elapsed "$t1")"
# el2sim bench cuts the real world switch by its work (docs/bench.md,
# "Phases"): entry and exit save (no MSR but exit's of the host's SP_EL0,
# which __guest_exit moves with the GPRs), to-guest and return write the
# other side's state; exit holds the guest's save (165 instructions, 3
# with the earlier rule by symbol names).
expect 0 "bench: the hvc round trip's phases" \
	"$EL2SIM" bench "$work/kvm.elf" --layout "$profile" --scenario hvc --runs 0 --csv
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	$2 == "entry" || $2 == "exit" { if ($col["msr"] > ($2 == "exit") || $col["mrs"] < 29) bad = 1 }
	$2 == "to-guest" || $2 == "return" { if ($col["msr"] < 29) bad = 1 }
	END { exit bad }' "$work/last.out" ||
	{ echo "linux-kvm: bench phases: a save phase writes state, or a restore phase lacks it" >&2; rc=1; }
# Mutation: entry.S (__guest_enter with __guest_exit, the code of the
# historic defect) by default; LINUX_KVM_MUTATE=all for every entry_asm
# range of kvm.profile (the vectors and host.S too: several times longer),
# 0 to skip.
mutate=${LINUX_KVM_MUTATE:-entry}
if [ "$mutate" != 0 ]; then
	t1=$(date +%s.%N)
	scope=(--symbol __guest_enter)
	[ "$mutate" = all ] && scope=()
	expect 0 "mutation score of the checker on the real entry code (${scope[*]:-every entry_asm range}, N1 set; target >= 95%)" \
		"$EL2SIM" mutate "$work/kvm.elf" --layout "$profile" --alternatives "$n1" \
		--min-score 95 "${scope[@]}"
	echo "mutate took $(elapsed "$t1")"
fi
step "linux-kvm: $([ $rc = 0 ] && echo "all as expected" || echo FAILED) in $(elapsed "$t0")"
exit $rc
