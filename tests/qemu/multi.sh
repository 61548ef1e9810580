#!/bin/bash
# Run cross-VM scenarios: for each, boot its guests at once, their air NICs
# joined through vwifi-medium or a bridge of taps (tests/qemu/air.sh), each
# guest running its own role of the scenario, and the host role beside them;
# then judge every role and every guest's kernel log.
#
#   tests/qemu/multi.sh [-k SERIES] [-m VWIFI_KO] [-t SECS] [-o DIR] SCENARIO...
#
#   -k SERIES   kernel series prepared by kernels.sh: 6.1 (default) or 6.12
#   -m KO       vwifi.ko (default: built against the kernel, build_module)
#   -t SECS     timeout of each role (default: VW_VM_TIMEOUT or 240)
#   -o DIR      where each scenario's run goes (default build/vm/<kver>):
#               DIR/NAME/guestI/ (share, console.log), host/, shared/,
#               medium.log, air.pcap
#   SCENARIO    file names under tests/scenarios-vm/, paths, "all", "check"
#               (those whose header says vm-check: yes) or "rest" (the
#               others); one whose header says "vm-skip: REASON" is
#               skipped for that reason unless VW_VM_NO_SKIP=1
#
# Prints a line per scenario, PASS|FAIL|SKIP <kernel> vm/<name>, with the
# details of what failed below it, and closes with
# "vm: N passed, N failed, N skipped". Exits 1 if anything failed.
#
# Environment: VW_VM_MEM (memory per guest, default 512M), VW_VM_SMP (vCPUs
# per guest, default 1), VW_ACCEL=kvm|tcg (skips the probe), VW_DEBUG=1
# (hostapd and wpa_supplicant with -d). vwifi-medium
# and vwifi-tool are taken from medium/ and tool/ of this tree; scenarios
# that need one that is not built are skipped, saying so.
set -uo pipefail

# shellcheck source=tests/qemu/common.sh
. "$(dirname "$0")/common.sh"
# shellcheck source=tests/qemu/air.sh
. "$VW_TOP/tests/qemu/air.sh"

usage() {
	sed -n '2,/^set -uo/{/^set -uo/d;s/^# \{0,1\}//;p}' "$0"
	exit 2
}

series=6.1 ko='' timeout_s=${VW_VM_TIMEOUT:-240} out=''
while getopts 'k:m:t:o:h' opt; do
	case $opt in
	k) series=$OPTARG ;;
	m) ko=$OPTARG ;;
	t) timeout_s=$OPTARG ;;
	o) out=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || usage

vmdir=$VW_TOP/tests/scenarios-vm

# header FILE KEY: the value of "# KEY: value" in FILE's header.
header() {
	sed -n "s/^# $2: *\\([^ ]*\\).*/\\1/p" "$1" | head -n 1
}

scenarios=()
for s in "$@"; do
	case $s in
	all | check | rest)
		for f in "$vmdir"/[0-9]*.sh; do
			c=$(header "$f" vm-check)
			case $s in
			check) [ "$c" = yes ] || continue ;;
			rest) [ "$c" = yes ] && continue ;;
			esac
			scenarios+=("$f")
		done
		;;
	*)
		if [ -f "$vmdir/$s" ]; then
			scenarios+=("$vmdir/$s")
		elif [ -f "$s" ]; then
			scenarios+=("$(cd "$(dirname "$s")" && pwd)/$(basename "$s")")
		else
			die "no scenario $s (in tests/scenarios-vm/ or as a path)"
		fi
		;;
	esac
done
[ ${#scenarios[@]} -gt 0 ] || die "no scenario selected by: $*"

[ -f "$VW_KERNELS/$series.env" ] || "$VW_TOP/tests/qemu/kernels.sh" "$series" >/dev/null || die "cannot prepare kernel $series"
# shellcheck source=/dev/null
. "$VW_KERNELS/$series.env"
short=$(kver_short "${KVER:?}")
out=${out:-$VW_BUILD/vm/$KVER}

need_pkgs "${vw_host_pkgs[@]}" python3
if [ -z "$ko" ]; then
	ko=$(build_module "$KVER" "${KDIR:?}") || die "vwifi.ko does not build against $KVER (see $VW_BUILD/$KVER.build.log)"
fi
[ -f "$ko" ] || die "no module $ko"
# Once, before the guests boot together: they must not race to rebuild it.
"$VW_TOP/tests/qemu/initramfs.sh" "$series" >/dev/null || die "no initramfs for $KVER"
VW_ACCEL=$("$VW_TOP/tests/qemu/accel.sh" "$series")
export VW_ACCEL VW_DRIVER=vwifi
export VW_SMP=${VW_VM_SMP:-1} VW_MEM=${VW_VM_MEM:-512M}

passed=0 failed=0 skipped=0
# what a scenario has running, for the trap
live_pids=() live_air=''

# Interrupted: stop the guests (run-guest.sh, its timeout(1), which passes
# the signal on to QEMU) and the host role, take the air down.
interrupted() {
	local p

	trap - EXIT INT TERM
	for p in "${live_pids[@]}"; do
		pkill -TERM -P "$p" 2>/dev/null
		kill "$p" 2>/dev/null
	done
	if [ -n "$live_air" ]; then
		air_down >/dev/null 2>&1
		rm -rf "$VW_AIR_DIR"
	fi
	note "multi.sh: interrupted"
	exit 130
}
trap interrupted INT TERM

# run_host_role PATH NAME RUN: the host role of a scenario, its results
# written as the runner writes a guest's.
run_host_role() {
	local path=$1 name=$2 run=$3 t0 rc res=$3/host-results

	mkdir -p "$res"
	t0=$(date +%s%N)
	VW_ROLE=host VW_GUEST=0 VW_SHARED=$run/shared VW_RESULTS=$run/host \
		timeout -k 10 $((timeout_s + 30)) bash "$path" >"$res/$name.out" 2>&1 </dev/null
	rc=$?
	[ $rc = 124 ] && echo "TIMEOUT after $((timeout_s + 30))s" >>"$res/$name.out"
	echo "$rc $((($(date +%s%N) - t0) / 1000000))" >"$res/$name.rc"
}

# role_results RUN ROLE: where ROLE's NAME.{out,rc,dmesg} are, the layout
# judge() reads.
role_results() {
	case $2 in
	host) printf '%s\n' "$1/host-results" ;;
	*) printf '%s\n' "$1/$2/share/results" ;;
	esac
}

# verdict NAME RUN ROLES...: one line for the scenario; below a failure,
# what each role that failed said.
verdict() {
	local name=$1 run=$2 secs=$3 r line rc first='' bad=() skipped_why=''
	declare -A lines=() rcs=()

	shift 3
	# the role that failed first left the oldest marker
	first=$(find "$run/shared" -name 'failed.*' -printf '%T@ %f\n' | sort -n | head -n 1)
	first=${first#* failed.}
	for r in "$@"; do
		line=$(judge "$KVER" "$(role_results "$run" "$r")" "$name")
		rc=$?
		lines[$r]=$line
		rcs[$r]=$rc
		case $rc in
		1) bad+=("$r") ;;
		2) [ -z "$skipped_why" ] && ! grep -q "skipped (" <<<"$line" && skipped_why=${line#*(} ;;
		esac
	done
	if [ ${#bad[@]} -eq 0 ] && [ -z "$skipped_why" ]; then
		for r in "$@"; do
			[ "${rcs[$r]}" = 2 ] && skipped_why=${lines[$r]#*(}
		done
	fi
	if [ ${#bad[@]} -gt 0 ]; then
		printf 'FAIL %s vm/%s (%s s): %s failed%s; logs in %s\n' "$short" "$name" "$secs" \
			"${bad[*]}" "${first:+, $first first}" "${run#"$VW_TOP"/}"
		for r in "${bad[@]}"; do
			printf '    [%s] %s\n' "$r" "$(head -n 1 <<<"${lines[$r]}")"
			# the details of those that did not just stop because of another
			if [ -z "$first" ] || [ "$r" = "$first" ] ||
				! grep -q "failed: $r stops" "$(role_results "$run" "$r")/$name.out"; then
				tail -n +2 <<<"${lines[$r]}" | sed 's/^/    /'
			fi
		done
		return 1
	fi
	if [ -n "$skipped_why" ]; then
		printf 'SKIP %s vm/%s (%s\n' "$short" "$name" "$skipped_why"
		return 2
	fi
	printf 'PASS %s vm/%s (%s s)\n' "$short" "$name" "$secs"
	return 0
}

# wait_guests NAME RUN PID...: wait for every guest (run-guest.sh PID, in
# the order of their numbers); one that ended without a result crashed or
# hung: its failed marker stops the others at once.
wait_guests() {
	local name=$1 run=$2 i left

	shift 2
	local pids=("$@")
	left=${#pids[@]}
	while [ "$left" -gt 0 ]; do
		for i in "${!pids[@]}"; do
			if [ -z "${pids[i]}" ] || kill -0 "${pids[i]}" 2>/dev/null; then
				continue
			fi
			wait "${pids[i]}"
			pids[i]=''
			left=$((left - 1))
			if [ ! -f "$run/guest$((i + 1))/share/results/$name.rc" ]; then
				printf 'guest%d ended without a result: crashed or hung\n' $((i + 1)) \
					>"$run/shared/failed.guest$((i + 1))"
			fi
		done
		sleep 0.5
	done
}

# run_scenario PATH: one cross-VM scenario, start to verdict.
run_scenario() {
	local path=$1 name guests air run hostrole=0 i a roles=() pids=() hpid='' t0 secs why
	local qa xargs wrap

	name=$(basename "$path" .sh)
	guests=$(header "$path" vm-guests)
	air=$(header "$path" vm-air)
	run=$out/$name
	if ! [[ $guests =~ ^[1-9]$ ]]; then
		echo "FAIL $short vm/$name (header: vm-guests '$guests' is not 1 to 9)"
		return 1
	fi
	grep -q '^host()' "$path" && hostrole=1
	why=$(sed -n 's/^# vm-skip: *//p' "$path" | head -n 1)
	if [ -n "$why" ] && [ "${VW_VM_NO_SKIP:-0}" != 1 ]; then
		echo "SKIP $short vm/$name ($why)"
		return 2
	fi
	note "== vm/$name on $KVER: $guests guests, air $air$([ $hostrole = 1 ] && echo ', host role')"

	rm -rf "$run"
	mkdir -p "$run/shared"
	VW_AIR_DIR=$(mktemp -d /tmp/vwvm.XXXXXX)
	export VW_AIR=$air VW_AIR_N=$guests VW_AIR_DIR VW_AIR_OUT=$run \
		VW_AIR_NS=vwvm-$$ VW_MEDIUM=$VW_TOP/medium/vwifi-medium \
		VW_MEDIUM_CTL=$VW_AIR_DIR/ctl VW_GUESTS=$guests VW_HOST_ROLE=$hostrole \
		VW_VM_TIMEOUT=$timeout_s
	case $air in
	medium | medium-connect)
		if [ ! -x "$VW_MEDIUM" ]; then
			echo "SKIP $short vm/$name (no medium/vwifi-medium: make medium, which needs libpcap-dev)"
			rm -rf "$VW_AIR_DIR"
			return 2
		fi
		;;
	esac
	if ! air_up >"$run/air.log" 2>&1; then
		echo "FAIL $short vm/$name (the air did not come up: $(tail -n 1 "$run/air.log"))"
		air_down >>"$run/air.log" 2>&1
		rm -rf "$VW_AIR_DIR"
		return 1
	fi
	live_air=1
	mapfile -t wrap < <(air_wrap)

	t0=$(date +%s)
	for ((i = 1; i <= guests; i++)); do
		mapfile -t qa < <(air_qemu_args "$i")
		xargs=()
		for a in "${qa[@]}"; do
			xargs+=(-x "$a")
		done
		# Guests that wait for each other boot without the slab and
		# KFENCE checks: three times slower to boot, they would miss
		# the host role's deadline (make check has them on one series).
		VW_DEBUG_KERNEL_SERIES=${VW_VM_DEBUG_KERNEL_SERIES:-none} \
		"${wrap[@]}" "$VW_TOP/tests/qemu/run-guest.sh" -k "$series" -m "$ko" -t "$timeout_s" \
			-o "$run/guest$i" -s "$run/shared" \
			-e "VW_ROLE=guest$i" -e "VW_GUEST=$i" -e "VW_GUESTS=$guests" \
			-e "VW_HOST_ROLE=$hostrole" -e "VW_AIR=$air" -e "VW_AIR_MAC=$(air_mac "$i")" \
			-e "VW_VM_TIMEOUT=$timeout_s" -e "VW_DEBUG=${VW_DEBUG:-0}" "${xargs[@]}" "$path" \
			>"$run/guest$i.log" 2>&1 </dev/null &
		pids+=($!)
		roles+=("guest$i")
	done
	live_pids=("${pids[@]}")
	if [ $hostrole = 1 ]; then
		run_host_role "$path" "$name" "$run" &
		hpid=$!
		live_pids+=("$hpid")
		roles+=(host)
	fi
	wait_guests "$name" "$run" "${pids[@]}"
	if [ -n "$hpid" ]; then
		# every guest is gone: the host role has nobody left to wait for
		for ((i = 0; i < 150; i++)); do
			kill -0 "$hpid" 2>/dev/null || break
			sleep 0.2
		done
		# its timeout(1), which passes the signal on
		pkill -TERM -P "$hpid" 2>/dev/null &&
			echo "stopped: every guest was gone" >>"$run/host-results/$name.out"
		wait "$hpid"
	fi
	secs=$(($(date +%s) - t0))
	air_down >>"$run/air.log" 2>&1
	rm -rf "$VW_AIR_DIR"
	live_pids=() live_air=''
	verdict "$name" "$run" "$secs" "${roles[@]}"
}

for s in "${scenarios[@]}"; do
	run_scenario "$s"
	case $? in
	0) passed=$((passed + 1)) ;;
	2) skipped=$((skipped + 1)) ;;
	*) failed=$((failed + 1)) ;;
	esac
done
echo "vm: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
