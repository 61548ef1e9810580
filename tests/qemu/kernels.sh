#!/bin/bash
# Fetch and prepare the Debian kernels the guests boot.
#
#   tests/qemu/kernels.sh [6.1|6.12|7|all]...
#
# For each series: resolve the current kernel package from apt (bookworm or
# bookworm-security for 6.1, bookworm-backports for 6.12), install its
# headers with apt (KDIR to build against), download the image package and
# extract it under build/kernels/<kver>/ (never into the host's /boot), then
# depmod it there.
#
# Series 7 is the newest kernel Debian ships: sid's linux-image-amd64 (7.2
# when this was written). Its headers and kbuild tools are built for sid's
# userland, so they live in a minimal chroot of sid, build/chroot/sid/
# (debootstrap from the mirror the host's apt sources name, with gcc, make
# and linux-headers-amd64), made here when missing and kept; the module is
# built in it (kbuild in common.sh). The guest still runs the host's own
# user space, as with the other series.
#
# Prints one line per series:
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

# download DIR PKG...: apt-get download PKG... into DIR, on the host or, with
# $chroot set, in that chroot (DIR is then a path inside it).
download() {
	local dir=$1

	shift
	if [ -n "$chroot" ]; then
		# shellcheck disable=SC2016  # expanded by the chroot's shell
		chroot "$chroot" /bin/sh -c 'cd "$1" && shift && apt-get download -q "$@"' \
			download "$dir" "$@" >&2
	else
		(cd "$dir" && apt-get download -q "$@" >&2)
	fi
}

# extract_image PKG KVER DEST: the image package and the packages of the same
# kernel it depends on (sid splits it into linux-binary-*, linux-modules-*,
# linux-base-*), extracted into DEST and depmod-ed. Downloads in $chroot
# when set.
extract_image() {
	local pkg=$1 kver=$2 dest=$3 tmp dir deb parts=()

	if [ -n "$chroot" ]; then
		dir=/tmp/vwifi-fetch
		tmp=$chroot$dir
		rm -rf "$tmp"
		mkdir -p "$tmp"
	else
		tmp=$(mktemp -d "$VW_KERNELS/.fetch.XXXXXX")
		dir=$tmp
	fi
	# apt-get download fetches as user _apt when that user can write here.
	chmod 755 "$tmp"
	chown _apt "$tmp" 2>/dev/null || true
	if ! download "$dir" "$pkg"; then
		# Stale lists point at a version the mirror dropped.
		if [ -n "$chroot" ]; then
			chroot "$chroot" apt-get update -qq >&2 || true
		else
			vw_apt_updated=
			apt_update_once
		fi
		download "$dir" "$pkg" || {
			rm -rf "$tmp"
			die "cannot download $pkg"
		}
	fi
	# shellcheck disable=SC2207  # package names are words
	parts=($(dpkg-deb -f "$tmp/${pkg}_"*.deb Depends | tr ',|' '\n' |
		awk -v k="-$kver" '{ sub(/\(.*/, ""); gsub(/ /, "") }
			length($0) > length(k) && substr($0, length($0) - length(k) + 1) == k'))
	if [ ${#parts[@]} -gt 0 ]; then
		download "$dir" "${parts[@]}" || {
			rm -rf "$tmp"
			die "cannot download ${parts[*]}"
		}
	fi
	mkdir "$tmp/root"
	for deb in "$tmp"/*.deb; do
		note "extracting $(basename "$deb")"
		dpkg-deb -x "$deb" "$tmp/root"
	done
	# Debian keeps modules in /lib (bookworm) or /usr/lib (merged /usr);
	# modprobe -d wants <root>/lib/modules.
	if [ ! -d "$tmp/root/lib/modules/$kver" ] && [ -d "$tmp/root/usr/lib/modules/$kver" ]; then
		ln -s usr/lib "$tmp/root/lib"
	fi
	[ -d "$tmp/root/lib/modules/$kver/kernel" ] || die "$pkg has no modules for $kver"
	[ -n "$(vmlinuz_of "$tmp/root" "$kver")" ] || die "$pkg has no vmlinuz for $kver"
	depmod -b "$tmp/root" "$kver"
	rm -rf "$dest"
	mv "$tmp/root" "$dest"
	rm -rf "$tmp"
	touch "$dest/.vwifi-ready"
}

# vmlinuz_of ROOT KVER: the kernel image of an extracted package: in /boot
# (bookworm) or beside its modules (sid).
vmlinuz_of() {
	local f

	for f in "$1/boot/vmlinuz-$2" "$1/lib/modules/$2/vmlinuz"; do
		if [ -f "$f" ]; then
			printf '%s\n' "$f"
			return
		fi
	done
}

# chroot_suite SUITE: the minimal chroot build/chroot/SUITE with a compiler
# and the suite's linux-headers-amd64, made or brought up to date. Prints its
# path. The mirror is the one the host's apt sources use for bookworm.
chroot_suite() {
	local suite=$1 root=$VW_BUILD/chroot/$1 uri tmp

	[ "$(id -u)" = 0 ] || die "the $suite chroot needs root (debootstrap, chroot)"
	if [ ! -f "$root/.vwifi-ready" ]; then
		need_pkgs debootstrap
		uri=$(debian_archive_uri bookworm)
		[ -n "$uri" ] || die "no apt source for bookworm main: which mirror has $suite?"
		note "debootstrap $suite from $uri into $root (a few minutes, once)"
		tmp=$root.tmp
		rm -rf "$tmp"
		mkdir -p "$VW_BUILD/chroot"
		debootstrap --variant=minbase \
			--keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
			"$suite" "$tmp" "$uri" >"$VW_BUILD/chroot/$suite.log" 2>&1 || {
			tail -n 20 "$VW_BUILD/chroot/$suite.log" >&2
			die "debootstrap $suite failed (log: build/chroot/$suite.log)"
		}
		# A mirror that is a snapshot serves sid with an expired
		# Valid-Until: apt would refuse its lists.
		printf '%s\n' 'Acquire::Check-Valid-Until "false";' \
			'APT::Install-Recommends "false";' >"$tmp/etc/apt/apt.conf.d/90vwifi"
		rm -rf "$root"
		mv "$tmp" "$root"
	fi
	# The kernel moves: lists no older than half a day, as on the host.
	if [ ! -f "$root/.vwifi-ready" ] ||
		[ -n "$(find "$root/.vwifi-ready" -mmin +720 -print 2>/dev/null)" ]; then
		note "apt-get update in the $suite chroot"
		chroot "$root" apt-get update -qq >&2 || true
		note "apt-get install gcc make libc6-dev linux-headers-amd64 in the $suite chroot"
		chroot "$root" env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -q gcc make libc6-dev linux-headers-amd64 \
			>"$VW_BUILD/chroot/$suite.install.log" 2>&1 || {
			tail -n 20 "$VW_BUILD/chroot/$suite.install.log" >&2
			die "cannot install the build tools in the $suite chroot"
		}
		touch "$root/.vwifi-ready"
	fi
	printf '%s\n' "$root"
}

# The suite of the chroot of each series that needs one.
declare -A chroot_of=([7]=sid)

prepare_series() {
	local series=$1 ver img hdr kver kroot kdir modext vmlinuz chroot=''

	if [ -n "${chroot_of[$series]:-}" ]; then
		chroot=$(chroot_suite "${chroot_of[$series]}")
		ver=$(chroot "$chroot" apt-cache policy linux-image-amd64 |
			awk '$1 == "Candidate:" { print $2 }')
		[[ $ver == "$series".* ]] ||
			die "${chroot_of[$series]}'s linux-image-amd64 is '$ver', not $series.x: time for a new series"
		img=$(chroot "$chroot" apt-cache depends "linux-image-amd64=$ver" |
			awk '$1 ~ /Depends:/ && index($2, "linux-image-") == 1 { print $2; exit }')
		[ -n "$img" ] || die "cannot resolve the image package of linux-image-amd64=$ver"
		kver=${img#linux-image-}
		note "kernel $series: ${chroot_of[$series]} linux-image-amd64 $ver -> $img"
		kdir=$chroot/usr/src/linux-headers-$kver
		[ -f "$kdir/Makefile" ] ||
			die "no $kdir/Makefile: the chroot's linux-headers-amd64 is not $kver"
	else
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
	fi

	kroot=$VW_KERNELS/$kver
	[ -f "$kroot/.vwifi-ready" ] || extract_image "$img" "$kver" "$kroot"
	vmlinuz=$(vmlinuz_of "$kroot" "$kver")

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
VMLINUZ='$vmlinuz'
MODEXT='$modext'
CHROOT='$chroot'
EOF
	printf '%s %s %s %s\n' "$series" "$kver" "$kdir" "$kroot"
}

main() {
	local s list=("$@")

	[ ${#list[@]} -gt 0 ] || list=(all)
	[ "${list[0]}" = all ] && list=(6.1 6.12 7)
	for s in "${list[@]}"; do
		case $s in
		6.1 | 6.12 | 7) ;;
		*) die "unknown kernel series '$s' (6.1, 6.12, 7 or all)" ;;
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
