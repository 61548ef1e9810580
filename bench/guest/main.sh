# shellcheck shell=bash
# bench/guest/main.sh: the guest side of "make bench". bench/run.sh puts
# its settings (BENCH_*) in front of bench/guest/{util,net,assoc,radios}.sh
# and this file, and hands the result to tests/qemu/run-guest.sh as one
# scenario, bench.sh, which runs beside tests/scenarios/lib.sh:
#
#   bench.sh                 every job in turn (what the guest's runner runs)
#   bench.sh one JOB ARG...  one job, a worker: sources lib.sh, so it loads
#                            the driver named by $VW_DRIVER, traces what it
#                            does and cleans up on exit like a scenario
#
# Each job runs in its own process under its own time limit, with the
# kernel log cleared before it and saved after it, so that one job failing
# or hanging costs only its own figures. Everything goes to $VW_RESULTS
# (results/bench/ in the share): results.tsv (META, EXPECT, RESULT, NA and
# JOB lines, tab-separated), jobs/NAME.log, jobs/NAME.dmesg, jobs/NAME/.

# shellcheck disable=SC2034  # the column the workers above report under
BENCH_DRIVER=${VW_DRIVER:-vwifi}

if [ "${1:-}" = one ]; then
	shift
	# shellcheck source=tests/scenarios/lib.sh
	. "$(dirname "$0")/lib.sh"
	case $1 in
	net) bench_net "$2" ;;
	veth) bench_veth ;;
	vht80) bench_vht80 ;;
	assoc | sae) bench_assoc "$@" ;;
	radios) bench_radios ;;
	*) fail "unknown job $1" ;;
	esac
	exit 0
fi

set -uo pipefail

out=${VW_RESULTS:-/tmp/vwifi-bench}
tsv=$out/results.tsv
stuck=

progress() {
	printf '%s %s\n' "$(date +%T)" "$*"
}

# tidy_job DIR: whatever a job left: daemons, namespaces, drivers.
tidy_job() {
	local f ns m

	for f in "$1"/*.pid; do
		[ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null && echo "tidy: stopped $(basename "$f" .pid)"
	done
	sleep 1
	for f in "$1"/*.pid; do
		[ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
	done
	for ns in $(ip netns list 2>/dev/null | awk '{ print $1 }'); do
		ip netns delete "$ns" && echo "tidy: deleted netns $ns"
	done
	for m in vwifi mac80211_hwsim; do
		[ -d "/sys/module/$m" ] || continue
		echo "tidy: rmmod $m"
		timeout 300 rmmod "$m" || stuck="$m (it stayed loaded after job $(basename "$1"))"
	done
}

# fail_reason LOG RC LIMIT: one line on why a job ended early.
fail_reason() {
	local log=$1 rc=$2 limit=$3 line

	case $rc in
	124 | 137) printf 'timed out after %s s\n' "$limit" ;;
	77) tail -n 1 "$log" ;;
	*)
		line=$(grep -m 1 -E '^(FAIL|timed out)' "$log")
		printf '%s\n' "${line:-exit status $rc}"
		;;
	esac
}

# job DRIVER LIMIT "KEYS" JOB ARG...: run one worker and keep its figures.
# A key of KEYS left with fewer than BENCH_REPS values gets NA lines with
# the reason, so nothing is missing without a word.
job() {
	local drv=$1 limit=$2 keys=$3 name dir log rc t0 why k have
	local skip=''

	shift 3
	wanted "$1" || return 0
	name=$1-$drv
	[ "$1" = net ] && name=net-$2-$drv
	[ "$1" = veth ] && name=veth
	dir=$out/jobs/$name
	log=$out/jobs/$name.log
	for k in $keys; do
		printf 'EXPECT\t%s\t%s\n' "$k" "$drv" >>"$tsv"
	done
	if [ -n "$stuck" ] && [ "$drv" != veth ]; then
		skip="not run: $stuck"
	elif [ "$drv" = vwifi ] && [ ! -f "${VW_KO:-}" ]; then
		skip="vwifi.ko did not build"
	fi
	if [ -n "$skip" ]; then
		progress "skip $name: $skip"
		for k in $keys; do
			printf 'NA\t%s\t%s\t%s\n' "$k" "$drv" "$skip" >>"$tsv"
		done
		return
	fi

	progress "start $name"
	dmesg -C
	echo "vwifi-bench: start $name" >/dev/kmsg
	t0=$(date +%s)
	VW_DRIVER=$drv VW_RESULTS=$dir timeout -k 15 "$limit" \
		bash "$0" one "$@" >"$log" 2>&1 </dev/null
	rc=$?
	tidy_job "$dir" >>"$log" 2>&1
	sleep 1
	dmesg >"$out/jobs/$name.dmesg"
	grep -E $'^(RESULT|NA)\t' "$log" >>"$tsv"
	if [ $rc -ne 0 ]; then
		why="$(fail_reason "$log" "$rc" "$limit") (job $name)"
		for k in $keys; do
			have=$(grep -cE $'^(RESULT|NA)\t'"$k"$'\t' "$log")
			for ((; have < BENCH_REPS; have++)); do
				printf 'NA\t%s\t%s\t%s\n' "$k" "$drv" "$why" >>"$tsv"
			done
		done
	fi
	printf 'JOB\t%s\t%s\t%s\n' "$name" "$rc" "$(($(date +%s) - t0))" >>"$tsv"
	progress "done $name: exit $rc after $(($(date +%s) - t0)) s"
}

# wanted KIND: KIND is in BENCH_ONLY (all kinds when it is empty).
wanted() {
	[ -z "$BENCH_ONLY" ] || [[ " $BENCH_ONLY " == *" $1 "* ]]
}

net_keys() {
	local k

	for k in tcp_ap ${2:+tcp_sta} udp_pps udp_loss ping; do
		printf '%s_%s ' "$k" "$1"
	done
}

main() {
	local sec drv n kind counts keys net_limit assoc_limit radios_limit
	local radios_keys='radios_time radios_avail radios_slab radios_unload'

	rm -rf "$out"
	mkdir -p "$out/jobs"
	{
		printf 'META\tkernel\t%s\n' "$(uname -r)"
		printf 'META\tcpus\t%s\n' "$(nproc)"
		printf 'META\tmemory\t%s MiB\n' "$(($(meminfo MemTotal) / 1024))"
	} >"$tsv"
	progress "kernel $(uname -r), $(nproc) vCPUs, reps $BENCH_REPS"
	# A Debian system's udev loads the CPU's AES-NI driver at boot; this
	# guest has no udev, and WPA2 would be measured on generic C AES.
	if grep -qw aes /proc/cpuinfo && modprobe aesni_intel; then
		progress "AES-NI driver loaded (aesni_intel), as udev would"
	fi

	net_limit=$((300 + BENCH_REPS * (4 * BENCH_TCP_SECS + 4 * BENCH_UDP_SECS + 200)))
	assoc_limit=$((600 + BENCH_REPS * (BENCH_ASSOC_TIMEOUT + 60)))
	radios_limit=$((120 + BENCH_REPS * 1300))

	for sec in open wpa2; do
		for drv in vwifi hwsim; do
			job "$drv" "$net_limit" "$(net_keys "$sec" sta)" net "$sec"
		done
		[ "$sec" = open ] && job veth "$net_limit" "$(net_keys open)" veth
	done
	for drv in vwifi hwsim; do
		job "$drv" "$net_limit" tcp_ap_vht80 vht80
	done
	for kind in assoc sae; do
		counts=$BENCH_ASSOC_N
		[ "$kind" = sae ] && counts=$BENCH_SAE_N
		keys=''
		for n in $counts; do
			keys+="${kind}_$n "
		done
		for drv in vwifi hwsim; do
			# shellcheck disable=SC2086  # the counts as words
			job "$drv" "$assoc_limit" "$keys" "$kind" $counts
		done
	done
	for drv in vwifi hwsim; do
		job "$drv" "$radios_limit" "$radios_keys" radios
	done
	progress "all jobs done"
}

main
