#!/bin/bash
# Fetch and prepare the Debian kernels the guests boot.
#
#   tests/qemu/kernels.sh [6.1|6.12|all]...
#
# For each series: resolve the current kernel package from apt (bookworm or
# bookworm-security for 6.1, bookworm-backports for 6.12), install its
# headers with apt (KDIR to build against), download the image package and
# extract it under build/kernels/<kver>/ (never into the host's /boot), then
# depmod it there. Prints one line per series:
#
#   <series> <kver> <kdir> <kernel root>
#
# and records the same as shell variables in build/kernels/<series>.env.
set -euo pipefail

# shellcheck source=tests/qemu/common.sh
. "$(dirname "$0")/common.sh"

# Highest linux-image-amd64 version of a series, from apt's lists.
# bookworm and bookworm-security give 6.1, bookworm-backports gives 6.12.
meta_version() {
	local series=$1 ver src best=

	while IFS='|' read -r _ ver src; do
		ver=${ver// /}
		case $series in
		6.1) [[ $src == *backports* ]] && continue ;;
		*) [[ $src == *bookworm-backports* ]] || continue ;;
		esac
		[[ $ver == "$series".* ]] || continue
		if [ -z "$best" ] || dpkg --compare-versions "$ver" gt "$best"; then
			best=$ver
		fi
	done < <(apt-cache madison linux-image-amd64 2>/dev/null)
	printf '%s\n' "$best"
}

# Package that a meta package version depends on, e.g.
# linux-image-amd64=6.1.192-2 -> linux-image-6.1.0-56-amd64.
meta_dep() {
	local meta=$1 ver=$2 prefix=$3

	apt-cache depends "$meta=$ver" 2>/dev/null |
		awk -v p="$prefix" '$1 ~ /Depends:/ && index($2, p) == 1 && $2 !~ /-dbg$/ { print $2; exit }'
}

extract_image() {
	local pkg=$1 kver=$2 dest=$3 tmp deb

	tmp=$(mktemp -d "$VW_KERNELS/.fetch.XXXXXX")
	# apt-get download fetches as user _apt when that user can write here.
	chmod 755 "$tmp"
	chown _apt "$tmp" 2>/dev/null || true
	if ! (cd "$tmp" && apt-get download -q "$pkg" >&2); then
		# Stale lists point at a version the mirror dropped.
		vw_apt_updated=
		apt_update_once
		(cd "$tmp" && apt-get download -q "$pkg" >&2) || {
			rm -rf "$tmp"
			die "cannot download $pkg"
		}
	fi
	deb=$(ls "$tmp"/*.deb)
	note "extracting $(basename "$deb")"
	mkdir "$tmp/root"
	dpkg-deb -x "$deb" "$tmp/root"
	# Debian keeps modules in /lib (bookworm) or /usr/lib (merged /usr);
	# modprobe -d wants <root>/lib/modules.
	if [ ! -d "$tmp/root/lib/modules/$kver" ] && [ -d "$tmp/root/usr/lib/modules/$kver" ]; then
		ln -s usr/lib "$tmp/root/lib"
	fi
	[ -d "$tmp/root/lib/modules/$kver" ] || die "$pkg has no modules for $kver"
	[ -f "$tmp/root/boot/vmlinuz-$kver" ] || die "$pkg has no /boot/vmlinuz-$kver"
	depmod -b "$tmp/root" "$kver"
	rm -rf "$dest"
	mv "$tmp/root" "$dest"
	rm -rf "$tmp"
	touch "$dest/.vwifi-ready"
}

prepare_series() {
	local series=$1 ver img hdr kver kroot kdir modext

	ver=$(meta_version "$series")
	if [ -z "$ver" ]; then
		apt_update_once
		ver=$(meta_version "$series")
	fi
	[ -n "$ver" ] || die "no linux-image-amd64 $series.* in apt (bookworm-backports missing?)"
	img=$(meta_dep linux-image-amd64 "$ver" linux-image-)
	hdr=$(meta_dep linux-headers-amd64 "$ver" linux-headers-)
	[ -n "$img" ] || die "cannot resolve the image package of linux-image-amd64=$ver"
	kver=${img#linux-image-}
	[ -n "$hdr" ] || hdr=linux-headers-$kver
	note "kernel $series: linux-image-amd64 $ver -> $img, $hdr"

	need_pkgs "$hdr"
	kdir=/usr/src/linux-headers-$kver
	[ -f "$kdir/Makefile" ] || die "$hdr installed but $kdir/Makefile is missing"

	kroot=$VW_KERNELS/$kver
	[ -f "$kroot/.vwifi-ready" ] || extract_image "$img" "$kver" "$kroot"

	modext=ko
	if [ -n "$(find "$kroot/lib/modules/$kver/kernel/fs/9p" -name '*.ko.xz' -print -quit 2>/dev/null)" ]; then
		modext=ko.xz
	elif [ -n "$(find "$kroot/lib/modules/$kver/kernel/fs/9p" -name '*.ko.zst' -print -quit 2>/dev/null)" ]; then
		modext=ko.zst
	fi

	cat >"$VW_KERNELS/$series.env" <<EOF
SERIES='$series'
KVER='$kver'
KDIR='$kdir'
KROOT='$kroot'
VMLINUZ='$kroot/boot/vmlinuz-$kver'
MODEXT='$modext'
EOF
	printf '%s %s %s %s\n' "$series" "$kver" "$kdir" "$kroot"
}

main() {
	local s list=("$@")

	[ ${#list[@]} -gt 0 ] || list=(all)
	[ "${list[0]}" = all ] && list=(6.1 6.12)
	for s in "${list[@]}"; do
		case $s in
		6.1 | 6.12) ;;
		*) die "unknown kernel series '$s' (6.1, 6.12 or all)" ;;
		esac
	done

	mkdir -p "$VW_KERNELS"
	ensure_backports
	# Kernel versions move with security updates: resolve them from lists
	# no older than half a day (a fresh machine has none at all).
	if [ "$(id -u)" = 0 ] &&
		[ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -720 -print -quit 2>/dev/null)" ]; then
		apt_update_once
	fi
	need_pkgs kmod xz-utils dpkg-dev
	for s in "${list[@]}"; do
		prepare_series "$s"
	done
}

main "$@"
