#!/bin/bash
# make check: the unit tests of the shared core, then every scenario of
# tests/scenarios/ in QEMU guests booting Debian's 6.1 (bookworm), 6.12
# (bookworm-backports) and 7 (sid's linux-image-amd64, the newest Debian
# ships; built in a sid chroot, see tests/qemu/kernels.sh) kernels, with
# vwifi.ko built against each, then the fast cross-VM scenarios
# (tests/scenarios-vm/, vm-check: yes) on the newest of those kernels:
# several guests at once, joined through vwifi-medium or a bridge. make
# check-vm runs them on the others.
#
# The single-guest runs form a queue of independent guests, each with a
# shard of the scenario list of one kernel, run at most one per host CPU:
# with 3 kernels on 2 CPUs each list is cut in 2, 6 guests in 3 rounds.
#
# Prints a line per result (PASS/FAIL/SKIP <kernel> <name>), the time each
# part took, and ends with "N passed, N failed[, N skipped]" counting unit
# tests and scenarios on every kernel; exits non-zero if anything failed.
#
# Environment:
#   VW_DRIVER=hwsim        run the scenarios on mac80211_hwsim instead
#   VW_SERIES="6.1 6.12 7" kernels to test (make check SERIES=7 sets it)
#   VW_SCENARIOS="01-walkthrough.sh ..."   a subset of the scenarios
#   VW_TIMEOUT=150         seconds per scenario
#   VW_JOBS                guests at once; default the host's CPUs
#   VW_PARALLEL=1          0: one guest at a time (VW_JOBS=1)
#   VW_SHARDS              guests per kernel, each with a share of the
#                          scenarios; default the fewest that keep every
#                          slot busy to the end (VW_JOBS / gcd(kernels, VW_JOBS))
#   VW_SMP                 virtual CPUs per guest; by default the host's CPUs
#                          shared among the guests running at once (1 to 2):
#                          TCG slows down badly when vCPUs outnumber CPUs
#   VW_ACCEL=kvm|tcg       skip the KVM probe
#   VW_VM_SCENARIOS=check  the cross-VM scenarios: check (the fast ones),
#                          all, rest, file names, or none
#   VW_VM_SERIES           the kernel they run on (default: the last of
#                          VW_SERIES, the newest)
set -uo pipefail

# shellcheck source=tests/qemu/common.sh
. "$(dirname "$0")/qemu/common.sh"

driver=${VW_DRIVER:-vwifi}
series_list=${VW_SERIES:-6.1 6.12 7}
read -r -a series_arr <<<"$series_list"
timeout_s=${VW_TIMEOUT:-150}
jobs=${VW_JOBS:-$(nproc)}
[ "${VW_PARALLEL:-1}" = 1 ] || jobs=1
[ "$jobs" -ge 1 ] || jobs=1
gcd() {
	local a=$1 b=$2 t

	while [ "$b" -gt 0 ]; do
		t=$((a % b)) a=$b b=$t
	done
	echo "$a"
}
shards=${VW_SHARDS:-$((jobs / $(gcd ${#series_arr[@]} "$jobs")))}
[ "$shards" -ge 1 ] || shards=1
export VW_DRIVER=$driver
if [ -z "${VW_SMP:-}" ]; then
	guests=$((${#series_arr[@]} * shards))
	[ "$guests" -le "$jobs" ] || guests=$jobs
	VW_SMP=$(($(nproc) / guests))
	[ "$VW_SMP" -ge 1 ] || VW_SMP=1
	[ "$VW_SMP" -le 2 ] || VW_SMP=2
fi
export VW_SMP

passed=0 failed=0 skipped=0
t_start=$(date +%s)

# took NAME SINCE: the time a part of the run took, on a line of its own.
took() {
	echo "   ($1 took $(($(date +%s) - $2)) s)"
}

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

t_part=$(date +%s)
user_suite unit tests/unit run
user_suite tool tool check
user_suite medium medium check
took "user-space tests" "$t_part"

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
t_part=$(date +%s)
# shellcheck disable=SC2086  # a list of words
if ! "$VW_TOP/tests/qemu/kernels.sh" $series_list >"$VW_BUILD/kernels.log" 2>&1; then
	tail -n 20 "$VW_BUILD/kernels.log" | sed 's/^/    | /'
	echo "FAIL kernels (could not prepare $series_list)"
	failed=$((failed + 1))
	finish
fi
grep -E '^[0-9]+(\.[0-9]+)? ' "$VW_BUILD/kernels.log" | sed 's/^/    /'
VW_ACCEL=$("$VW_TOP/tests/qemu/accel.sh" "${series_arr[0]}" 2>/dev/null)
export VW_ACCEL
took kernels "$t_part"

# Modules first, all at once: a guest queue entry needs its kernel's.
# build/run/<kver>/status says build (failed) or built.
if [ "$driver" = vwifi ]; then
	echo "== vwifi.ko for each kernel"
	t_part=$(date +%s)
fi
for s in "${series_arr[@]}"; do
	(
		# shellcheck source=/dev/null
		. "$VW_KERNELS/$s.env"
		out=$VW_BUILD/run/${KVER:?}
		rm -rf "$out"
		mkdir -p "$out"
		if [ "$driver" = vwifi ] && ! build_module "$KVER" "${KDIR:?}" >/dev/null; then
			echo build >"$out/status"
		else
			echo built >"$out/status"
		fi
	) &
done
wait
[ "$driver" = vwifi ] && took "module builds" "$t_part"

# With three kernels or more, the middle ones run a subset (CI has 90
# minutes on 2 CPUs): every scenario runs on the oldest and the newest
# kernel; between them those whose code differs most between kernels or
# that the slab and KFENCE checks of 6.12 (run-guest.sh) are for: the data
# path, keys, teardown, monitor, IBSS, the netlink family, hostile
# input, the ciphers, PMF and SAE. VW_MIDDLE_SCENARIOS=all runs everything
# everywhere; a list given with VW_SCENARIOS runs on every kernel.
middle_scenarios=${VW_MIDDLE_SCENARIOS:-01-walkthrough.sh 03-wrong-passphrase.sh \
06-ap-deauth.sh 07-rmmod-traffic.sh 08-bulk.sh 11-ibss-wpa.sh 12-monitor.sh \
22-tool-radio.sh 30-hostile-air.sh 31-transport-guard.sh 32-pn-order.sh \
50-ciphers.sh 52-pmf.sh 60-sae.sh}

# runs_on SERIES SCENARIO: does SCENARIO run on SERIES?
runs_on() {
	local last=$((${#series_arr[@]} - 1))

	[ -z "${VW_SCENARIOS:-}" ] && [ "$middle_scenarios" != all ] &&
		[ "$last" -ge 2 ] && [ "$1" != "${series_arr[0]}" ] &&
		[ "$1" != "${series_arr[last]}" ] || return 0
	[[ " $middle_scenarios " == *" $2 "* ]]
}

# series_runs SERIES N: does guest N (or smp) of SERIES have a scenario?
series_runs() {
	local sc i

	if [ "$2" = smp ]; then
		for sc in "${smp_scenarios[@]}"; do
			runs_on "$1" "$sc" && return 0
		done
		return 1
	fi
	for ((i = $2 - 1; i < ${#shard_scenarios[@]}; i += shards)); do
		runs_on "$1" "${shard_scenarios[i]}" && return 0
	done
	return 1
}

# A scenario whose header says "# vw-smp: 2" needs two CPUs in its guest
# (a race between them is what it tests): such scenarios leave the shards
# and run in a guest of their own per kernel, "smp", with 2 vCPUs.
smp_scenarios=() shard_scenarios=()
for sc in "${scenarios[@]}"; do
	if sed -n '1,5p' "$VW_TOP/tests/scenarios/$sc" 2>/dev/null | grep -q '^# vw-smp: 2$'; then
		smp_scenarios+=("$sc")
	else
		shard_scenarios+=("$sc")
	fi
done

# shard_dir KVER N: where guest N (of $shards, or "smp") of a kernel keeps
# its share, results and console log.
shard_dir() {
	if [ "$shards" -eq 1 ] && [ "$2" != smp ]; then
		echo "$VW_BUILD/run/$1"
	else
		echo "$VW_BUILD/run/$1/shard$2"
	fi
}

# scenario_dir KVER SCENARIO: the guest directory that ran SCENARIO.
scenario_dir() {
	local i

	for i in "${!shard_scenarios[@]}"; do
		if [ "${shard_scenarios[i]}" = "$2" ]; then
			shard_dir "$1" $((i % shards + 1))
			return
		fi
	done
	shard_dir "$1" smp
}

# run_shard SERIES N START: one guest running every $shards-th scenario from
# the Nth on; START is when it was queued. Writes DIR/{status,host.log};
# status is ok or guest.
run_shard() {
	local series=$1 n=$2 ko='' dir i sc list=()

	# shellcheck source=/dev/null
	. "$VW_KERNELS/$series.env"
	dir=$(shard_dir "${KVER:?}" "$n")
	mkdir -p "$dir"
	if [ "$n" = smp ]; then
		for sc in "${smp_scenarios[@]}"; do
			! runs_on "$series" "$sc" || list+=("$sc")
		done
	else
		for ((i = n - 1; i < ${#shard_scenarios[@]}; i += shards)); do
			! runs_on "$series" "${shard_scenarios[i]}" || list+=("${shard_scenarios[i]}")
		done
	fi
	[ "$driver" = vwifi ] && ko=$VW_BUILD/$KVER/driver/vwifi.ko
	if VW_SMP=$([ "$n" = smp ] && echo 2 || echo "$VW_SMP") \
		"$VW_TOP/tests/qemu/run-guest.sh" -k "$series" ${ko:+-m "$ko"} -t "$timeout_s" \
		-o "$dir" "${list[@]}" >"$dir/host.log" 2>&1; then
		echo ok >"$dir/status"
	else
		echo guest >"$dir/status"
	fi
	note "   guest $(kver_short "$KVER") $n/$shards ended after $(($(date +%s) - $3)) s"
}

# The queue: every shard of every kernel whose module built, at most $jobs
# guests at a time; a guest that ends makes room for the next.
[ "$shards" -le ${#shard_scenarios[@]} ] || shards=${#shard_scenarios[@]}
[ "$shards" -ge 1 ] || shards=1
echo "== guests: $jobs at a time, $VW_SMP vCPU each ($VW_ACCEL), $shards per kernel, driver $driver"
[ ${#smp_scenarios[@]} -eq 0 ] ||
	echo "   and one with 2 vCPUs per kernel for: ${smp_scenarios[*]}"
[ ${#series_arr[@]} -lt 3 ] || [ -n "${VW_SCENARIOS:-}" ] || [ "$middle_scenarios" = all ] ||
	echo "   between the oldest and the newest kernel only: $middle_scenarios"
echo "   scenarios: ${scenarios[*]}"
t_part=$(date +%s)
queue=()
for ((n = 1; n <= shards && ${#shard_scenarios[@]} > 0; n++)); do
	for s in "${series_arr[@]}"; do
		# shellcheck source=/dev/null
		kver=$(. "$VW_KERNELS/$s.env" && echo "$KVER")
		[ "$(cat "$VW_BUILD/run/$kver/status")" = build ] || ! series_runs "$s" "$n" ||
			queue+=("$s $n")
	done
done
if [ ${#smp_scenarios[@]} -gt 0 ]; then
	for s in "${series_arr[@]}"; do
		# shellcheck source=/dev/null
		kver=$(. "$VW_KERNELS/$s.env" && echo "$KVER")
		[ "$(cat "$VW_BUILD/run/$kver/status")" = build ] || ! series_runs "$s" smp ||
			queue+=("$s smp")
	done
fi
# A slot frees when a guest's job stops running (jobs -r; `wait -n` can
# return at once for a job already waited for, which let a third guest in).
for q in "${queue[@]}"; do
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
		sleep 1
	done
	# shellcheck disable=SC2086  # "series n"
	run_shard $q "$(date +%s)" 2>&1 &
done
wait
took "single-guest scenarios" "$t_part"

# ---- 3. verdicts ----------------------------------------------------------
for s in "${series_arr[@]}"; do
	# shellcheck source=/dev/null
	. "$VW_KERNELS/$s.env"
	out=$VW_BUILD/run/$KVER
	short=$(kver_short "$KVER")
	echo "== $KVER"
	if [ "$(cat "$out/status" 2>/dev/null)" = build ]; then
		echo "FAIL $short build (make -C $KDIR M=build/$KVER/driver modules)"
		tail -n 30 "$VW_BUILD/$KVER.build.log" | sed 's/^/    | /'
		failed=$((failed + 1))
		for sc in "${scenarios[@]}"; do
			echo "SKIP $short ${sc%.sh} (the module did not build)"
			skipped=$((skipped + 1))
		done
		continue
	fi
	guests=()
	for n in $(seq "$shards") smp; do
		[ "$n" != smp ] || [ ${#smp_scenarios[@]} -gt 0 ] || continue
		[ "$n" = smp ] || [ ${#shard_scenarios[@]} -gt 0 ] || continue
		! series_runs "$s" "$n" || guests+=("$n")
	done
	for n in "${guests[@]}"; do
		dir=$(shard_dir "$KVER" "$n")
		if [ -f "$dir/boot-failed.log" ]; then
			echo "   guest $n/$shards did not come up the first time and was booted again; that console ended:"
			tail -n 15 "$dir/boot-failed.log" | sed 's/^/    | /'
		fi
		if [ "$(cat "$dir/status" 2>/dev/null)" != ok ]; then
			echo "   guest $n/$shards did not finish (see $dir/console.log):"
			tail -n 15 "$dir/host.log" 2>/dev/null | sed 's/^/    | /'
		fi
	done
	for sc in "${scenarios[@]}"; do
		runs_on "$s" "$sc" || continue
		dir=$(scenario_dir "$KVER" "$sc")
		judge "$KVER" "$dir/share/results" "${sc%.sh}"
		count $?
	done
done

# ---- 4. across virtual machines -------------------------------------------
# On one kernel, after the guests above: each scenario boots several guests
# of its own (tests/qemu/multi.sh). make check-vm runs the others, and these
# on the other kernels.
read -r -a vm_selection <<<"${VW_VM_SCENARIOS:-check}"
vm_series=${VW_VM_SERIES:-${series_arr[-1]}}
if [ "$driver" = vwifi ] && [ "${vm_selection[*]}" != none ]; then
	# shellcheck source=/dev/null
	. "$VW_KERNELS/$vm_series.env"
	echo "== across virtual machines, $KVER: ${vm_selection[*]}"
	t_part=$(date +%s)
	if [ "$(cat "$VW_BUILD/run/$KVER/status" 2>/dev/null)" = build ]; then
		echo "SKIP $(kver_short "$KVER") vm (the module did not build)"
		skipped=$((skipped + 1))
	elif [ ! -f "$VW_BUILD/run/$KVER/status" ]; then
		# VW_VM_SERIES outside VW_SERIES: nothing built it yet
		if ko=$(build_module "$KVER" "${KDIR:?}"); then
			vm_run "$vm_series" "$ko" "${vm_selection[@]}"
		else
			echo "FAIL $(kver_short "$KVER") build (make -C $KDIR M=build/$KVER/driver modules)"
			failed=$((failed + 1))
		fi
	else
		vm_run "$vm_series" "$VW_BUILD/$KVER/driver/vwifi.ko" "${vm_selection[@]}"
	fi
	took "cross-VM scenarios" "$t_part"
fi

finish
