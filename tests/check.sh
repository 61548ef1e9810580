#!/bin/bash
# make check: the unit tests of the shared core, then every scenario of
# tests/scenarios/ in QEMU guests booting Debian's 6.1 (bookworm) and 6.12
# (bookworm-backports) kernels, with vwifi.ko built against each, then the
# fast cross-VM scenarios (tests/scenarios-vm/, vm-check: yes) on each
# kernel: several guests at once, joined through vwifi-medium or a bridge.
#
# Prints a line per result (PASS/FAIL/SKIP <kernel> <name>) and ends with
# "N passed, N failed[, N skipped]" counting unit tests and scenarios on both
# kernels; exits non-zero if anything failed.
#
# Environment:
#   VW_DRIVER=hwsim        run the scenarios on mac80211_hwsim instead
#   VW_SERIES="6.1 6.12"   kernels to test
#   VW_SCENARIOS="01-walkthrough.sh ..."   a subset of the scenarios
#   VW_TIMEOUT=150         seconds per scenario
#   VW_PARALLEL=1          boot the kernels' guests at the same time (0: one
#                          after the other)
#   VW_SMP                 virtual CPUs per guest; by default the host's CPUs
#                          shared among the guests running at once (1 to 2):
#                          TCG slows down badly when vCPUs outnumber CPUs
#   VW_ACCEL=kvm|tcg       skip the KVM probe
#   VW_VM_SCENARIOS=check  the cross-VM scenarios: check (the fast ones),
#                          all, rest, file names, or none
set -uo pipefail

# shellcheck source=tests/qemu/common.sh
. "$(dirname "$0")/qemu/common.sh"

driver=${VW_DRIVER:-vwifi}
series_list=${VW_SERIES:-6.1 6.12}
timeout_s=${VW_TIMEOUT:-150}
parallel=${VW_PARALLEL:-1}
export VW_DRIVER=$driver
if [ -z "${VW_SMP:-}" ]; then
	guests=1
	# shellcheck disable=SC2086  # a list of words
	[ "$parallel" = 1 ] && set -- $series_list && guests=$#
	VW_SMP=$(($(nproc) / guests))
	[ "$VW_SMP" -ge 1 ] || VW_SMP=1
	[ "$VW_SMP" -le 2 ] || VW_SMP=2
fi
export VW_SMP

passed=0 failed=0 skipped=0
t_start=$(date +%s)

count() {
	case $1 in
	0) passed=$((passed + 1)) ;;
	2) skipped=$((skipped + 1)) ;;
	*) failed=$((failed + 1)) ;;
	esac
}

finish() {
	local line="$passed passed, $failed failed"

	[ $skipped -gt 0 ] && line="$line, $skipped skipped"
	note "make check took $(($(date +%s) - t_start)) s"
	printf '%s\n' "$line"
	[ $failed -eq 0 ]
	exit
}

mkdir -p "$VW_BUILD"
need_pkgs "${vw_host_pkgs[@]}"

# ---- 1. user-space tests --------------------------------------------------
# user_suite NAME DIR TARGET: run `make -C DIR TARGET`, whose output ends
# with "NAME: P passed, F failed", and add its counts to ours.
user_suite() {
	local name=$1 dir=$2 target=$3 log=$VW_BUILD/$1.log rc line up uf

	if [ ! -f "$VW_TOP/$dir/Makefile" ]; then
		echo "SKIP $name ($dir/Makefile not present)"
		skipped=$((skipped + 1))
		return
	fi
	echo "== $name tests (make -C $dir $target)"
	make --no-print-directory -C "$VW_TOP/$dir" "$target" >"$log" 2>&1
	rc=$?
	# Shown indented: the summary line closing this script is the only one.
	sed 's/^/    | /' "$log" | tail -n 40
	line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed" "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL $name (no '$name: N passed, N failed' line; make exited $rc)"
		failed=$((failed + 1))
		return
	fi
	read -r up uf <<<"$(sed -E "s/^$name: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/" <<<"$line")"
	passed=$((passed + up))
	failed=$((failed + uf))
	if [ "$rc" -ne 0 ] && [ "$uf" -eq 0 ]; then
		echo "FAIL $name (make exited $rc)"
		failed=$((failed + 1))
	else
		echo "    $name tests: $up passed, $uf failed"
	fi
}

user_suite unit tests/unit run
user_suite tool tool check
user_suite medium medium check

# ---- 2. kernels, module, guests -------------------------------------------
scenarios=()
if [ -n "${VW_SCENARIOS:-}" ]; then
	read -r -a scenarios <<<"$VW_SCENARIOS"
else
	for f in "$VW_TOP"/tests/scenarios/[0-9]*.sh; do
		scenarios+=("$(basename "$f")")
	done
fi
[ ${#scenarios[@]} -gt 0 ] || {
	echo "FAIL scenarios (none found)"
	failed=$((failed + 1))
	finish
}

echo "== kernels ($series_list)"
# shellcheck disable=SC2086  # a list of words
if ! "$VW_TOP/tests/qemu/kernels.sh" $series_list >"$VW_BUILD/kernels.log" 2>&1; then
	tail -n 20 "$VW_BUILD/kernels.log" | sed 's/^/    | /'
	echo "FAIL kernels (could not prepare $series_list)"
	failed=$((failed + 1))
	finish
fi
grep -E '^6\.[0-9]+ ' "$VW_BUILD/kernels.log" | sed 's/^/    /'
VW_ACCEL=$("$VW_TOP/tests/qemu/accel.sh" "${series_list%% *}" 2>/dev/null)
export VW_ACCEL
echo "== guests use $VW_ACCEL with $VW_SMP vCPU each, driver $driver, scenarios: ${scenarios[*]}"

# run_kernel SERIES: build the module and run all scenarios in one guest.
# Writes build/run/<kver>/{status,host.log}; status is one of ok, build,
# guest.
run_kernel() {
	local series=$1 ko='' out

	# shellcheck source=/dev/null
	. "$VW_KERNELS/$series.env"
	out=$VW_BUILD/run/${KVER:?}
	rm -rf "$out"
	mkdir -p "$out"
	if [ "$driver" = vwifi ]; then
		if ! ko=$(build_module "$KVER" "${KDIR:?}"); then
			echo build >"$out/status"
			return
		fi
	fi
	if "$VW_TOP/tests/qemu/run-guest.sh" -k "$series" ${ko:+-m "$ko"} -t "$timeout_s" \
		-o "$out" "${scenarios[@]}" >"$out/host.log" 2>&1; then
		echo ok >"$out/status"
	else
		echo guest >"$out/status"
	fi
}

pids=()
for s in $series_list; do
	if [ "$parallel" = 1 ]; then
		run_kernel "$s" &
		pids+=($!)
	else
		run_kernel "$s"
	fi
done
for p in "${pids[@]}"; do
	wait "$p"
done

# ---- 3. verdicts ----------------------------------------------------------
for s in $series_list; do
	# shellcheck source=/dev/null
	. "$VW_KERNELS/$s.env"
	out=$VW_BUILD/run/$KVER
	short=$(kver_short "$KVER")
	echo "== $KVER"
	status=$(cat "$out/status" 2>/dev/null || echo missing)
	if [ "$status" = build ]; then
		echo "FAIL $short build (make -C $KDIR M=build/$KVER/driver modules)"
		tail -n 30 "$VW_BUILD/$KVER.build.log" | sed 's/^/    | /'
		failed=$((failed + 1))
		for sc in "${scenarios[@]}"; do
			echo "SKIP $short ${sc%.sh} (the module did not build)"
			skipped=$((skipped + 1))
		done
		continue
	fi
	if [ "$status" != ok ]; then
		echo "   guest did not finish (see $out/console.log):"
		tail -n 15 "$out/host.log" 2>/dev/null | sed 's/^/    | /'
	fi
	for sc in "${scenarios[@]}"; do
		judge "$KVER" "$out/share/results" "${sc%.sh}"
		count $?
	done
done

# ---- 4. across virtual machines -------------------------------------------
# One kernel at a time, after the guests above: each scenario boots several
# guests of its own (tests/qemu/multi.sh; make check-vm runs the others).
read -r -a vm_selection <<<"${VW_VM_SCENARIOS:-check}"
if [ "$driver" = vwifi ] && [ "${vm_selection[*]}" != none ]; then
	for s in $series_list; do
		# shellcheck source=/dev/null
		. "$VW_KERNELS/$s.env"
		echo "== across virtual machines, $KVER: ${vm_selection[*]}"
		if [ "$(cat "$VW_BUILD/run/$KVER/status" 2>/dev/null)" = build ]; then
			echo "SKIP $(kver_short "$KVER") vm (the module did not build)"
			skipped=$((skipped + 1))
			continue
		fi
		vm_run "$s" "$VW_BUILD/$KVER/driver/vwifi.ko" "${vm_selection[@]}"
	done
fi

finish
