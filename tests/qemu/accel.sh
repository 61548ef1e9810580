#!/bin/bash
# Print the QEMU accelerator to use: "kvm" when a short probe boot under KVM
# reaches the initramfs, else "tcg". KVM hangs on some machines, so it is never
# trusted without the probe.
#
#   tests/qemu/accel.sh [SERIES]      (a prepared kernel, default 6.1)
#
# VW_ACCEL=kvm|tcg skips the probe.
set -euo pipefail

# shellcheck source=tests/qemu/common.sh
. "$(dirname "$0")/common.sh"

if [ -n "${VW_ACCEL:-}" ]; then
	printf '%s\n' "$VW_ACCEL"
	exit 0
fi

series=${1:-6.1}
# shellcheck source=/dev/null
. "$VW_KERNELS/$series.env"
initrd=$("$VW_TOP/tests/qemu/initramfs.sh" "$series")

accel=tcg
if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
	log=$(mktemp)
	start=$(date +%s)
	# A subshell, so that a QEMU abort is not reported on our stderr.
	(timeout -k 2 20 qemu-system-x86_64 -accel kvm -cpu host -m 256M -smp 1 \
		-kernel "$VMLINUZ" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 quiet vwifi.probe" \
		-display none -monitor none -serial "file:$log" -nic none \
		-no-reboot </dev/null >/dev/null 2>&1 || true) 2>/dev/null
	if grep -q 'vwifi-probe-ok' "$log"; then
		accel=kvm
	fi
	note "kvm probe: $accel ($(($(date +%s) - start)) s)"
	rm -f "$log"
fi
printf '%s\n' "$accel"
