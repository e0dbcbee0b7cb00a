#!/usr/bin/env bash
# Unicorn for el2sim on Debian 12 (sourced by tools/quickstart.sh; docs/engine.md):
#   2.1.1 - the fast INSN strategy - from Debian trixie's own binary packages
#           (libunicorn2t64, libunicorn-dev), pinned so that nothing else
#           comes from trixie;
#   2.0.1 - Debian 12's own - kept for the trap-strategy build, unpacked
#           into a side prefix with a pkg-config file when the system has 2.1.1.
# unicorn_pc 2.1 / unicorn_pc 2.0 print the PKG_CONFIG_PATH entry that
# selects that version ("" = the system's), installing it first as root.
UNICORN_SIDE=${UNICORN_SIDE:-/opt/el2sim}
UNICORN_21=2.1.1-2+b2
UNICORN_20=2.0.1.post1-1+b1

# A side prefix from .deb files: unpacked, with a .pc file whose rpath
# points at its library (so binaries built against it find it at run time).
unicorn_side_prefix() { # DIR VERSION DEB...
	local dir=$1 ver=$2
	shift 2
	mkdir -p "$dir/pkgconfig"
	for deb in "$@"; do dpkg-deb -x "$deb" "$dir"; done
	cat >"$dir/pkgconfig/unicorn.pc" <<EOF
prefix=$dir/usr
libdir=\${prefix}/lib/x86_64-linux-gnu
includedir=\${prefix}/include

Name: unicorn
Description: Unicorn emulator engine (Debian package unpacked for el2sim)
Version: $ver
Libs: -L\${libdir} -Wl,-rpath,\${libdir} -lunicorn
Libs.private: -lpthread -lm
Cflags: -I\${includedir}
EOF
}

need_root() {
	if [ "$(id -u)" != 0 ]; then
		echo "quickstart: Unicorn $1 is missing (run as root to install it; docs/engine.md)" >&2
		exit 1
	fi
}

# Unicorn 2.1.1 system-wide from trixie, pinned: only these two packages may
# come from trixie, at exactly this version.
unicorn_install_21() {
	need_root 2.1.1
	echo "quickstart: installing Unicorn 2.1.1 from Debian trixie (pinned)" >&2
	echo "deb http://deb.debian.org/debian trixie main" >/etc/apt/sources.list.d/el2sim-trixie.list
	cat >/etc/apt/preferences.d/el2sim-unicorn <<EOF
Package: *
Pin: release n=trixie
Pin-Priority: -10

Package: libunicorn2t64 libunicorn-dev
Pin: version $UNICORN_21
Pin-Priority: 990
EOF
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"libunicorn2t64=$UNICORN_21" "libunicorn-dev=$UNICORN_21" >/dev/null
}

# Unicorn 2.0.1 (bookworm's) unpacked into a side prefix.
unicorn_side_20() {
	need_root 2.0.1
	local tmp
	tmp=$(mktemp -d)
	chmod 755 "$tmp"
	# apt-get download needs the package lists, which a fresh image lacks
	# (install_deps updates them only when a package is missing)
	apt-get update -qq
	(cd "$tmp" && apt-get download -qq "libunicorn2=$UNICORN_20" "libunicorn-dev=$UNICORN_20") >/dev/null
	unicorn_side_prefix "$UNICORN_SIDE/unicorn-2.0.1" 2.0.1 "$tmp"/*.deb
	rm -rf "$tmp"
}

unicorn_pc() { # 2.1 | 2.0
	case $1 in
	2.1)
		if pkg-config --atleast-version=2.1.1 unicorn 2>/dev/null; then
			echo ""
		elif [ -f "$UNICORN_SIDE/unicorn-2.1.1/pkgconfig/unicorn.pc" ]; then
			echo "$UNICORN_SIDE/unicorn-2.1.1/pkgconfig"
		else
			unicorn_install_21
			echo ""
		fi
		;;
	2.0)
		if pkg-config --exists unicorn 2>/dev/null &&
			! pkg-config --atleast-version=2.1.0 unicorn; then
			echo ""
		else
			[ -f "$UNICORN_SIDE/unicorn-2.0.1/pkgconfig/unicorn.pc" ] || unicorn_side_20
			echo "$UNICORN_SIDE/unicorn-2.0.1/pkgconfig"
		fi
		;;
	esac
}
