#!/bin/bash
# Build the busybox initramfs for one prepared kernel.
#
#   tests/qemu/initramfs.sh SERIES        (6.1 or 6.12, after kernels.sh)
#
# Prints the path of the cpio archive. It holds busybox-static, tests/qemu/init
# and, uncompressed, the kernel's modules that /init needs to mount 9p over
# virtio (with their dependencies, in load order). Everything else the guest
# loads comes from the kernel root shared over 9p.
set -euo pipefail

# shellcheck source=tests/qemu/common.sh
. "$(dirname "$0")/common.sh"

series=${1:?usage: initramfs.sh SERIES}
[ -f "$VW_KERNELS/$series.env" ] || die "kernel $series not prepared (run tests/qemu/kernels.sh $series)"
# shellcheck source=/dev/null
. "$VW_KERNELS/$series.env"

moddir=${KROOT:?}/lib/modules/${KVER:?}
out=$VW_BUILD/initramfs-$KVER.cpio.gz
busybox=/bin/busybox
need_pkgs busybox-static cpio xz-utils zstd
[ -x $busybox ] || die "$busybox missing (busybox-static)"

# Rebuild only when an input changed.
if [ -f "$out" ] && [ "$out" -nt "$VW_TOP/tests/qemu/init" ] &&
	[ "$out" -nt "$0" ] && [ "$out" -nt "$moddir/modules.dep" ]; then
	printf '%s\n' "$out"
	exit 0
fi

# modules.dep line of a module name, or nothing when it is built in.
dep_line() {
	local name=${1//-/_}

	awk -v n="$name" -F: '{
		b = $1; sub(/.*\//, "", b); sub(/\.ko(\.xz|\.zst|\.gz)?$/, "", b)
		gsub(/-/, "_", b)
		if (b == n) { print; exit }
	}' "$moddir/modules.dep"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{bin,dev,proc,sys,newroot,modules}
cp "$busybox" "$work/bin/busybox"
cp "$VW_TOP/tests/qemu/init" "$work/init"
chmod 755 "$work/init"

declare -A seen=()
order=()
add_module() {
	local path=$1 base

	[ -n "${seen[$path]:-}" ] && return 0
	seen[$path]=1
	base=$(basename "$path")
	case $base in
	*.ko.xz) xz -dc "$moddir/$path" >"$work/modules/${base%.xz}" ;;
	*.ko.zst) zstd -qdc "$moddir/$path" >"$work/modules/${base%.zst}" ;;
	*.ko.gz) gzip -dc "$moddir/$path" >"$work/modules/${base%.gz}" ;;
	*) cp "$moddir/$path" "$work/modules/$base" ;;
	esac
	order+=("${base%.ko*}.ko")
}

for m in virtio virtio_ring virtio_pci 9pnet 9pnet_virtio 9p; do
	line=$(dep_line "$m")
	if [ -z "$line" ]; then
		grep -qE "/${m//_/[_-]}\.ko" "$moddir/modules.builtin" ||
			die "module $m is neither in modules.dep nor built in ($KVER)"
		continue
	fi
	read -r -a deps <<<"${line#*:}"
	# modules.dep lists dependencies so that the last is loaded first.
	for ((i = ${#deps[@]} - 1; i >= 0; i--)); do
		add_module "${deps[i]}"
	done
	add_module "${line%%:*}"
done
printf '%s\n' "${order[@]}" >"$work/modules/order"

mkdir -p "$VW_BUILD"
(cd "$work" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
note "initramfs for $KVER: ${order[*]}"
printf '%s\n' "$out"
