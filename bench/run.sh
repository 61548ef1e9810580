#!/bin/bash
# make bench: vwifi side by side with mac80211_hwsim and a veth pair, in one
# QEMU guest and one run, plus vwifi-medium's own benchmark on this host.
#
#   bench/run.sh            (what "make bench" runs)
#
# Steps: build vwifi.ko for the kernel (build/bench/<kver>/) and
# bench/nlradios.c (build/bench/nlradios, the guest runs it from there), run
# "make -C medium bench" here BENCH_REPS times, assemble the guest script
# from bench/guest/ (build/bench/stage/bench.sh), boot one guest with
# tests/qemu/run-guest.sh, then print the table (bench/report.sh) and write
# it to build/bench/results.md. Logs of every job: build/bench/run/share/
# results/bench/jobs/.
#
# Environment:
#   VW_SERIES=6.1        kernel (the first word when it is a list)
#   BENCH_QUICK=1        a smoke run: each figure once, small N
#   BENCH_REPS           repetitions of each figure (3; quick 1)
#   BENCH_TCP_SECS       seconds of each TCP run (5; quick 2)
#   BENCH_UDP_SECS       seconds of each UDP run (2)
#   BENCH_UDP_PPS        offered rate of the loss figure, 64-byte datagrams
#                        per second (2000)
#   BENCH_PINGS          pings per RTT figure, 50 ms apart (50; quick 20)
#   BENCH_ASSOC_N        station counts, WPA2 ("1 10 50"; quick "1 5")
#   BENCH_SAE_N          station counts, WPA3-Personal (SAE) ("10"; quick "5")
#   BENCH_ASSOC_TIMEOUT  seconds for all stations to join (240), either
#   BENCH_RADIOS         radios created at once (1000; quick 50)
#   BENCH_ONLY           only these kinds of measurement, of: net veth vht80
#                        assoc sae radios medium (default: all); assoc and
#                        sae: the time from daemon start until N stations
#                        are authorized (4-way handshake done), WPA2-PSK and
#                        SAE, both drivers
#   VW_ACCEL, VW_SMP     as for the harness (tests/qemu/run-guest.sh)
#
# Exits 0 when every figure was measured and the kernel logs are clean,
# 1 otherwise (after printing the table: "n/a (reason)" marks what is
# missing), 2 on usage errors.
set -euo pipefail

# shellcheck source=tests/qemu/common.sh
. "$(dirname "$0")/../tests/qemu/common.sh"

[ $# -eq 0 ] || {
	sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
	exit 2
}

series=${VW_SERIES:-6.1}
series=${series%% *}
quick=${BENCH_QUICK:-0}
[ "$quick" = 0 ] || [ "$quick" = 1 ] || die "BENCH_QUICK must be 0 or 1"
if [ "$quick" = 1 ]; then
	d_reps=1 d_tcp=2 d_udp=2 d_pings=20 d_assoc='1 5' d_sae=5 d_radios=50
else
	d_reps=3 d_tcp=5 d_udp=2 d_pings=50 d_assoc='1 10 50' d_sae=10 d_radios=1000
fi
BENCH_REPS=${BENCH_REPS:-$d_reps}
BENCH_TCP_SECS=${BENCH_TCP_SECS:-$d_tcp}
BENCH_UDP_SECS=${BENCH_UDP_SECS:-$d_udp}
BENCH_UDP_PPS=${BENCH_UDP_PPS:-2000}
BENCH_PINGS=${BENCH_PINGS:-$d_pings}
BENCH_ASSOC_N=${BENCH_ASSOC_N:-$d_assoc}
BENCH_SAE_N=${BENCH_SAE_N:-$d_sae}
BENCH_ASSOC_TIMEOUT=${BENCH_ASSOC_TIMEOUT:-240}
BENCH_RADIOS=${BENCH_RADIOS:-$d_radios}
BENCH_ONLY=${BENCH_ONLY:-}
for v in BENCH_REPS BENCH_TCP_SECS BENCH_UDP_SECS BENCH_UDP_PPS BENCH_PINGS \
	BENCH_ASSOC_TIMEOUT BENCH_RADIOS; do
	[[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer"
done
for v in $BENCH_ONLY; do
	case $v in
	net | veth | vht80 | assoc | sae | radios | medium) ;;
	*) die "BENCH_ONLY: unknown kind $v" ;;
	esac
done
for v in BENCH_ASSOC_N BENCH_SAE_N; do
	[[ ${!v} =~ ^[1-9][0-9]*( [1-9][0-9]*)*$ ]] || die "$v: numbers separated by spaces"
done

out=$VW_BUILD/bench
mkdir -p "$out"
t_start=$(date +%s)
load_start=$(cut -d' ' -f1 /proc/loadavg)

need_pkgs "${vw_host_pkgs[@]}" jq pkg-config libnl-genl-3-dev

# ---- kernel and module ------------------------------------------------------
[ -f "$VW_KERNELS/$series.env" ] || "$VW_TOP/tests/qemu/kernels.sh" "$series" >&2
# shellcheck source=/dev/null
. "$VW_KERNELS/$series.env"
note "bench: building vwifi.ko for ${KVER:?}"
ko=$(VW_BUILD=$out build_module "$KVER" "${KDIR:?}") || {
	ko=''
	note "bench: vwifi.ko did not build (see $out/$KVER.build.log); its figures will be n/a"
}
# One process creating radios over generic netlink, for both drivers.
BENCH_NLRADIOS=$out/nlradios
rm -f "$BENCH_NLRADIOS"
# shellcheck disable=SC2046  # pkg-config prints several words
gcc -std=gnu11 -Wall -Wextra -Werror -O2 $(pkg-config --cflags libnl-genl-3.0) \
	-o "$BENCH_NLRADIOS" "$VW_TOP/bench/nlradios.c" $(pkg-config --libs libnl-genl-3.0) \
	>"$out/nlradios.log" 2>&1 ||
	note "bench: bench/nlradios.c did not build (see $out/nlradios.log); radio figures will be n/a"

# ---- vwifi-medium, on this host ---------------------------------------------
# bench/medium.sh turns "make -C medium bench" output into result lines.
if [ -z "$BENCH_ONLY" ] || [[ " $BENCH_ONLY " == *" medium "* ]]; then
	note "bench: make -C medium bench, $BENCH_REPS time(s)"
	"$VW_TOP/bench/medium.sh" "$BENCH_REPS" "$out/medium" >"$out/medium.tsv" || true
else
	: >"$out/medium.tsv"
fi

# ---- the guest --------------------------------------------------------------
stage=$out/stage
rm -rf "$stage" "$out/run"
mkdir -p "$stage"
{
	printf '#!/bin/bash\n# Generated by bench/run.sh from bench/guest/*.sh; do not edit.\n'
	for v in BENCH_QUICK BENCH_REPS BENCH_TCP_SECS BENCH_UDP_SECS BENCH_UDP_PPS \
		BENCH_PINGS BENCH_ASSOC_N BENCH_SAE_N BENCH_ASSOC_TIMEOUT BENCH_RADIOS BENCH_ONLY \
		BENCH_NLRADIOS; do
		[ "$v" = BENCH_QUICK ] && printf "%s='%s'\n" "$v" "$quick" && continue
		printf "%s='%s'\n" "$v" "${!v}"
	done
	for f in util net assoc radios main; do
		printf '\n# ---- bench/guest/%s.sh\n' "$f"
		cat "$VW_TOP/bench/guest/$f.sh"
	done
} >"$stage/bench.sh"

VW_ACCEL=$("$VW_TOP/tests/qemu/accel.sh" "$series")
export VW_ACCEL
smp=${VW_SMP:-2}
export VW_SMP=$smp
# A ceiling only: each job has its own limit inside the guest.
guest_limit=$((3600 + BENCH_REPS * 1800))
note "bench: guest $KVER under $VW_ACCEL, $smp vCPUs, ${BENCH_REPS} run(s) of each figure"

progress_log=$out/run/share/results/bench.out
rc=0
if [ -n "$ko" ]; then
	VW_DRIVER=vwifi "$VW_TOP/tests/qemu/run-guest.sh" -k "$series" -m "$ko" \
		-t "$guest_limit" -o "$out/run" "$stage/bench.sh" >"$out/guest.log" 2>&1 &
else
	VW_DRIVER=hwsim "$VW_TOP/tests/qemu/run-guest.sh" -k "$series" \
		-t "$guest_limit" -o "$out/run" "$stage/bench.sh" >"$out/guest.log" 2>&1 &
fi
guest_pid=$!
# Show the guest's progress lines while it runs.
tail_pid=
for _ in $(seq 120); do
	[ -f "$progress_log" ] && break
	kill -0 "$guest_pid" 2>/dev/null || break
	sleep 1
done
if [ -f "$progress_log" ]; then
	# tail ends by itself once the guest's run-guest.sh has.
	tail -n +1 -F --pid="$guest_pid" "$progress_log" 2>/dev/null |
		sed -u 's/^/  guest: /' >&2 &
	tail_pid=$!
fi
wait "$guest_pid" || rc=$?
[ -z "$tail_pid" ] || wait "$tail_pid" || true
if [ $rc -ne 0 ]; then
	note "bench: the guest did not finish (exit $rc):"
	tail -n 20 "$out/guest.log" >&2 || true
fi

# ---- the table --------------------------------------------------------------
res=$out/run/share/results/bench
{
	printf 'META\tdate\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
	printf 'META\tseries\t%s\n' "$series"
	printf 'META\taccel\t%s\n' "$VW_ACCEL"
	printf 'META\tvcpus\t%s\n' "$smp"
	printf 'META\thost\t%s, %s CPUs\n' "$(. /etc/os-release && echo "$PRETTY_NAME")" "$(nproc)"
	printf 'META\treps\t%s\n' "$BENCH_REPS"
	printf 'META\tquick\t%s\n' "$quick"
	printf 'META\tonly\t%s\n' "$BENCH_ONLY"
	printf 'META\ttcp_secs\t%s\n' "$BENCH_TCP_SECS"
	printf 'META\tudp_secs\t%s\n' "$BENCH_UDP_SECS"
	printf 'META\tudp_pps\t%s\n' "$BENCH_UDP_PPS"
	printf 'META\tpings\t%s\n' "$BENCH_PINGS"
	printf 'META\tassoc_n\t%s\n' "$BENCH_ASSOC_N"
	printf 'META\tsae_n\t%s\n' "$BENCH_SAE_N"
	printf 'META\tradios\t%s\n' "$BENCH_RADIOS"
	printf 'META\tguest_ok\t%s\n' "$([ $rc -eq 0 ] && echo yes || echo no)"
	printf 'META\tminutes\t%s\n' "$((($(date +%s) - t_start + 59) / 60))"
	printf 'META\tload\t%s at the start, %s at the end\n' "$load_start" "$(cut -d' ' -f1 /proc/loadavg)"
	[ -f "$res/results.tsv" ] && cat "$res/results.tsv"
	cat "$out/medium.tsv"
	# Kernel log lines of the kind make check fails on, job by job.
	for f in "$res"/jobs/*.dmesg; do
		[ -f "$f" ] || continue
		grep -E "$vw_bad_dmesg" "$f" | grep -v 'vwifi-bench:' | head -n 5 |
			sed "s|^|KLOG\t$(basename "$f" .dmesg)\t|" || true
	done
} >"$out/results.tsv"
[ -f "$res/results.tsv" ] || note "bench: no results from the guest ($out/guest.log, $out/run/console.log)"

"$VW_TOP/bench/report.sh" "$out/results.tsv" "$out/results.md"
