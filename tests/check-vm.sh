#!/bin/bash
# make check-vm: the cross-VM scenarios of tests/scenarios-vm/ that make
# check leaves out, on Debian's 6.1, 6.12 and 7 kernels with vwifi.ko built
# against each. make check runs the fast ones (header says vm-check: yes) on
# the newest kernel only, so this runs the rest there and the fast ones on
# the others (CI's 90 minutes on 2 CPUs do not hold every one on every
# kernel: VW_VM_SCENARIOS=all for that). Each scenario boots its guests at
# once, joined through
# vwifi-medium or a bridge of taps (tests/qemu/multi.sh).
#
# Prints a line per result (PASS/FAIL/SKIP <kernel> vm/<name>), the time each
# kernel took, and ends with "N passed, N failed[, N skipped]"; exits
# non-zero if anything failed.
#
# Environment:
#   VW_SERIES="6.1 6.12 7"      kernels to test (make check-vm SERIES=...)
#   VW_VM_SCENARIOS             all, check, rest, or file names, on every
#                               kernel; default: rest on the last of
#                               VW_SERIES (make check ran check there),
#                               check on the others
#   VW_VM_TIMEOUT=240           seconds per role of a scenario
#   VW_VM_MEM, VW_VM_SMP        memory and vCPUs of each guest (512M, 1)
#   VW_ACCEL=kvm|tcg            skip the KVM probe
set -uo pipefail

# shellcheck source=tests/qemu/common.sh
. "$(dirname "$0")/qemu/common.sh"

series_list=${VW_SERIES:-6.1 6.12 7}
read -r -a series_arr <<<"$series_list"
passed=0 failed=0 skipped=0
t_start=$(date +%s)

finish() {
	local line="$passed passed, $failed failed"

	[ $skipped -gt 0 ] && line="$line, $skipped skipped"
	note "make check-vm took $(($(date +%s) - t_start)) s"
	printf '%s\n' "$line"
	[ $failed -eq 0 ]
	exit
}

mkdir -p "$VW_BUILD"
need_pkgs "${vw_host_pkgs[@]}" python3

echo "== kernels ($series_list)"
# shellcheck disable=SC2086  # a list of words
if ! "$VW_TOP/tests/qemu/kernels.sh" $series_list >"$VW_BUILD/kernels.log" 2>&1; then
	tail -n 20 "$VW_BUILD/kernels.log" | sed 's/^/    | /'
	echo "FAIL kernels (could not prepare $series_list)"
	failed=$((failed + 1))
	finish
fi
VW_ACCEL=$("$VW_TOP/tests/qemu/accel.sh" "${series_list%% *}" 2>/dev/null)
export VW_ACCEL

for s in "${series_arr[@]}"; do
	if [ -n "${VW_VM_SCENARIOS:-}" ]; then
		read -r -a selection <<<"$VW_VM_SCENARIOS"
	elif [ "$s" = "${series_arr[-1]}" ]; then
		selection=(rest)
	else
		selection=(check)
	fi
	# shellcheck source=/dev/null
	. "$VW_KERNELS/$s.env"
	echo "== cross-VM scenarios on ${KVER:?} ($VW_ACCEL): ${selection[*]}"
	t_part=$(date +%s)
	if ! ko=$(build_module "$KVER" "${KDIR:?}"); then
		echo "FAIL $(kver_short "$KVER") build (make -C $KDIR M=build/$KVER/driver modules)"
		tail -n 30 "$VW_BUILD/$KVER.build.log" | sed 's/^/    | /'
		failed=$((failed + 1))
		continue
	fi
	vm_run "$s" "$ko" "${selection[@]}"
	echo "   (cross-VM scenarios on $KVER took $(($(date +%s) - t_part)) s)"
done

finish
