#!/bin/bash
# Boot one Debian kernel in QEMU and run scenarios in it.
#
#   tests/qemu/run-guest.sh [-k SERIES] [-m VWIFI_KO] [-t SECS] [-o DIR]
#                           [-s DIR] [-e NAME=VALUE]... [-x QEMU_ARG]... SCENARIO...
#
#   -k SERIES   kernel series prepared by kernels.sh: 6.1 (default) or 6.12
#   -m KO       vwifi.ko the scenarios load (not needed with VW_DRIVER=hwsim)
#   -t SECS     timeout of each scenario (default 120)
#   -o DIR      where the share, results and console log go
#               (default build/run/<kver>)
#   SCENARIO    file names under tests/scenarios/, "all" for [0-9]*.sh there,
#               or paths of scenario files kept elsewhere (they run beside
#               tests/scenarios/lib.sh)
#
# For guests that run together (tests/qemu/multi.sh):
#   -s DIR      a host folder all of them share read-write, at
#               /run/vwifi/shared in the guest (9p tag vwshared, no cache)
#   -e N=V      one more variable exported to the scenarios
#   -x ARG      one more argument for QEMU, e.g. -x -netdev -x stream,...
#
# Environment: VW_DRIVER=vwifi (default) or hwsim, VW_ACCEL=kvm|tcg (skips
# the probe), VW_SMP (virtual CPUs, default 2), VW_MEM (memory, default 1G),
# VW_DEMO=1 (verbose scenarios), VW_DEBUG_KERNEL_SERIES (the series booted
# with slub_debug and KFENCE, default 6.12; "none" for neither).
#
# Built tool/vwifi-tool and medium/vwifi-medium are copied into the share;
# the guest sees the repository itself read-only at its host path, $VW_SRC.
#
# The guest gets 1 GiB (VW_MEM), its serial console goes to DIR/console.log,
# the host root is its read-only root and DIR/share is shared read-write (see
# tests/qemu/init). Each scenario leaves DIR/share/results/NAME.{out,rc,dmesg}.
# Exits 0 when the guest ran every scenario and powered off, 1 otherwise
# (crash, hang: QEMU is killed after a hard timeout); scenario verdicts are
# for the caller (tests/qemu/verdict.sh).
set -euo pipefail

# shellcheck source=tests/qemu/common.sh
. "$(dirname "$0")/common.sh"

usage() {
	sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
	exit 2
}

series=6.1 ko='' timeout_s=120 dir='' shared='' genv=() qextra=()
while getopts 'k:m:t:o:s:e:x:h' opt; do
	case $opt in
	k) series=$OPTARG ;;
	m) ko=$OPTARG ;;
	t) timeout_s=$OPTARG ;;
	o) dir=$OPTARG ;;
	s) shared=$OPTARG ;;
	e) genv+=("$OPTARG") ;;
	x) qextra+=("$OPTARG") ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || usage

driver=${VW_DRIVER:-vwifi}
case $driver in
vwifi) [ -f "$ko" ] || die "VW_DRIVER=vwifi needs -m path/to/vwifi.ko" ;;
hwsim) ;;
*) die "VW_DRIVER must be vwifi or hwsim" ;;
esac
[ -z "$shared" ] || [ -d "$shared" ] || die "-s $shared: no such folder"
for kv in "${genv[@]}"; do
	[[ $kv =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "-e $kv: not NAME=VALUE"
done

[ -f "$VW_KERNELS/$series.env" ] || "$VW_TOP/tests/qemu/kernels.sh" "$series" >/dev/null
# shellcheck source=/dev/null
. "$VW_KERNELS/$series.env"

scenarios=() extra=()
if [ "$1" = all ]; then
	for f in "$VW_TOP"/tests/scenarios/[0-9]*.sh; do
		scenarios+=("$(basename "$f")")
	done
else
	for s in "$@"; do
		if [ -f "$VW_TOP/tests/scenarios/$(basename "$s")" ] &&
			{ [ "$s" = "$(basename "$s")" ] || [ "$s" -ef "$VW_TOP/tests/scenarios/$(basename "$s")" ]; }; then
			:
		elif [ -f "$s" ]; then
			extra+=("$s")
		else
			die "no scenario $s (in tests/scenarios/ or as a path)"
		fi
		scenarios+=("$(basename "$s")")
	done
fi

need_pkgs "${vw_host_pkgs[@]}"
initrd=$("$VW_TOP/tests/qemu/initramfs.sh" "$series")
accel=$("$VW_TOP/tests/qemu/accel.sh" "$series")

dir=${dir:-$VW_BUILD/run/$KVER}
share=$dir/share
rm -rf "$share" "$dir/console.log"
mkdir -p "$share/tests" "$share/results"
cp "$VW_TOP/tests/qemu/runner.sh" "$share/runner.sh"
cp -r "$VW_TOP/tests/scenarios" "$share/tests/scenarios"
[ -d "$VW_TOP/tests/scenarios-vm" ] && cp -r "$VW_TOP/tests/scenarios-vm" "$share/tests/scenarios-vm"
[ ${#extra[@]} -eq 0 ] || cp "${extra[@]}" "$share/tests/scenarios/"
cp -r "$VW_TOP/examples" "$share/examples"
[ -n "$ko" ] && cp "$ko" "$share/vwifi.ko"
# User-space programs already built in the tree go along, at the same place
# relative to the top ($VW_TOP in lib.sh is the share in the guest).
for prog in tool/vwifi-tool medium/vwifi-medium; do
	if [ -x "$VW_TOP/$prog" ]; then
		mkdir -p "$share/$(dirname "$prog")"
		cp "$VW_TOP/$prog" "$share/$prog"
	fi
done
cat >"$share/env" <<EOF
VW_DRIVER='$driver'
VW_TIMEOUT='$timeout_s'
VW_SCENARIOS='${scenarios[*]}'
VW_DEMO='${VW_DEMO:-0}'
VW_SRC='$VW_TOP'
export VW_DRIVER VW_DEMO VW_SRC
export VW_KO=/run/vwifi/share/vwifi.ko
EOF
[ -n "$shared" ] && echo "VW_SHARED=/run/vwifi/shared; export VW_SHARED" >>"$share/env"
for kv in "${genv[@]}"; do
	printf '%s=%q; export %s\n' "${kv%%=*}" "${kv#*=}" "${kv%%=*}" >>"$share/env"
done

case $accel in
kvm) cpu=host ;;
*) cpu=max ;;
esac
smp=${VW_SMP:-2}
mem=${VW_MEM:-1G}
shared_args=()
[ -n "$shared" ] &&
	shared_args=(-virtfs "local,path=$shared,mount_tag=vwshared,security_model=none,multidevs=remap")
# Boot, plus each scenario with its kill grace and tidy-up, plus slack; a
# scenario's own "# vw-timeout: SECS" (runner.sh) when it asks for more.
hard=60
for s in "${scenarios[@]}"; do
	want=$(sed -n '1,5s/^# vw-timeout: *\([0-9][0-9]*\) *$/\1/p' "$share/tests/scenarios/$s" 2>/dev/null)
	[ -n "$want" ] && [ "$want" -gt "$timeout_s" ] || want=$timeout_s
	hard=$((hard + want + 60))
done
# no_timer_check: on a loaded host the emulated timer may tick too slowly
# for the kernel's boot-time check, which then panics ("IO-APIC + timer
# doesn't work!"), as it did with three guests on two CPUs.
# vwifi.dyndbg=+p: the driver's pr_debug lines, among them the lifetimes of
# its radios, peers and keys that judge() counts (lib.sh hands the command
# line's vwifi.* to insmod, as modprobe would). They stay off the serial
# console (loglevel=5, then runner.sh's kernel.printk) but fill the ring
# buffer, 128 KiB in Debian's config: 8 MiB hold far more than a scenario
# logs, and a log that wrapped fails the check anyway.
append="console=ttyS0 panic=-1 loglevel=5 printk.devkmsg=on no_timer_check"
append+=" log_buf_len=8M vwifi.dyndbg=+p"
# One series also runs with the slab allocator's checks (sanity, red
# zones, poison, owner tracking) and KFENCE sampling an allocation every
# 10 ms: overruns and use-after-free become reports judge() catches. 6.12
# by default, as Debian's 6.1 has no KFENCE.
if [ "${VW_DEBUG_KERNEL_SERIES:-6.12}" = "$series" ]; then
	append+=" slub_debug=FZPU kfence.sample_interval=10"
	# It boots about three times slower (tests/qemu/README.md).
	hard=$((hard + 120))
fi

# boot: one run of the guest; rc is QEMU's exit status
boot() {
	note "guest $KVER ($accel, ${smp} cpu): ${scenarios[*]}"
	start=$(date +%s)
	rc=0
	timeout -k 5 "$hard" qemu-system-x86_64 \
		-accel "$accel" -cpu "$cpu" -m "$mem" -smp "$smp" \
		-kernel "$VMLINUZ" -initrd "$initrd" \
		-append "$append" \
		-display none -monitor none -serial "file:$dir/console.log" \
		-nic none -no-reboot \
		-device virtio-rng-pci \
		-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
		-virtfs "local,path=$share,mount_tag=vwshare,security_model=none,multidevs=remap" \
		-virtfs "local,path=$KROOT,mount_tag=vwkernel,security_model=none,readonly=on,multidevs=remap" \
		"${shared_args[@]}" "${qextra[@]}" \
		</dev/null >"$dir/qemu.log" 2>&1 || rc=$?
	note "guest $KVER ended after $(($(date +%s) - start)) s"
	if [ $rc -ne 0 ]; then
		note "qemu exited with $rc (124: killed after ${hard}s); see $dir/console.log"
	fi
}

boot
# A guest that never began its first scenario failed before vwifi was
# loaded (the scenario loads it): the emulated machine did not come up.
# That says nothing of the driver; it boots once more, and the first
# console (and QEMU's own messages) are kept in DIR/boot-failed.log,
# which check.sh shows.
if [ ! -f "$share/results/.done" ] && [ ! -f "$share/results/${scenarios[0]%.sh}.out" ]; then
	note "guest $KVER did not reach its first scenario; booting it again"
	cat "$dir/console.log" "$dir/qemu.log" >"$dir/boot-failed.log" 2>/dev/null || true
	boot
fi
[ -f "$share/results/.done" ] || {
	note "guest $KVER did not finish its scenarios; console tail:"
	tail -n 30 "$dir/console.log" >&2 || true
	exit 1
}
exit 0
