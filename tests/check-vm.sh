#!/bin/bash
# make check-vm: the cross-VM scenarios of tests/scenarios-vm/ that make
# check leaves out (the slower ones; make check runs those whose header says
# vm-check: yes), on Debian's 6.1 and 6.12 kernels with vwifi.ko built
# against each. Each scenario boots its guests at once, joined through
# vwifi-medium or a bridge of taps (tests/qemu/multi.sh).
#
# Prints a line per result (PASS/FAIL/SKIP <kernel> vm/<name>) and ends with
# "N passed, N failed[, N skipped]"; exits non-zero if anything failed.
#
# Environment:
#   VW_SERIES="6.1 6.12"        kernels to test
#   VW_VM_SCENARIOS=rest        all, check, rest, or file names
#   VW_VM_TIMEOUT=240           seconds per role of a scenario
#   VW_VM_MEM, VW_VM_SMP        memory and vCPUs of each guest (512M, 1)
#   VW_ACCEL=kvm|tcg            skip the KVM probe
set -uo pipefail

# shellcheck source=tests/qemu/common.sh
. "$(dirname "$0")/qemu/common.sh"

series_list=${VW_SERIES:-6.1 6.12}
read -r -a selection <<<"${VW_VM_SCENARIOS:-rest}"
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

for s in $series_list; do
	# shellcheck source=/dev/null
	. "$VW_KERNELS/$s.env"
	echo "== cross-VM scenarios on ${KVER:?} ($VW_ACCEL): ${selection[*]}"
	if ! ko=$(build_module "$KVER" "${KDIR:?}"); then
		echo "FAIL $(kver_short "$KVER") build (make -C $KDIR M=build/$KVER/driver modules)"
		tail -n 30 "$VW_BUILD/$KVER.build.log" | sed 's/^/    | /'
		failed=$((failed + 1))
		continue
	fi
	vm_run "$s" "$ko" "${selection[@]}"
done

finish
