#!/bin/bash
# vwifi-medium's figures for make bench: run "make -C medium bench" (its own
# loopback benchmark, on this host, no guest) REPS times and print result
# lines as the guest's (bench/guest/util.sh), driver column "medium":
#
#   RESULT medium_fanout_K   frames/s the medium takes in while copying each
#                            to the K-1 other clients (K simulated clients)
#   RESULT medium_added      round-trip latency the medium adds, us: median
#                            via the medium minus median over a socketpair
#   RESULT medium_rtt        median round trip through the medium, us
#
#   bench/medium.sh REPS LOGPREFIX      (logs: LOGPREFIX-N.log)
set -uo pipefail

reps=${1:?usage: medium.sh REPS LOGPREFIX}
logs=${2:?usage: medium.sh REPS LOGPREFIX}
top=$(cd "$(dirname "$0")/.." && pwd)

na_all() {
	local k

	for k in medium_fanout medium_added medium_rtt; do
		printf 'NA\t%s\tmedium\t%s\n' "$k" "$1"
	done
}

printf 'EXPECT\tmedium_added\tmedium\nEXPECT\tmedium_rtt\tmedium\n'
for ((r = 1; r <= reps; r++)); do
	log=$logs-$r.log
	if ! make -s -C "$top/medium" bench >"$log" 2>&1; then
		na_all "make -C medium bench failed: $(grep -m 1 -iE 'error' "$log" || tail -n 1 "$log")"
		continue
	fi
	# fan-out   10 guests:  200000 frames in, ... s:   168531 frames/s in, ...
	# latency  socketpair   round trip: mean  12.5 us, median    7 us, p99 ...
	# latency  via medium   round trip: mean  26.0 us, median   22 us, p99 ...
	awk '
		/^fan-out/ && / frames\/s in/ {
			k = $2
			for (i = 1; i < NF; i++)
				if ($(i + 1) == "frames/s" && $(i + 2) == "in,") v = $i
			printf "RESULT\tmedium_fanout_%s\tmedium\t%s\n", k, v
			n++
		}
		/^latency/ {
			for (i = 1; i < NF; i++)
				if ($i == "median") m = $(i + 1)
			if (/socketpair/) base = m
			if (/via medium/) via = m
		}
		END {
			if (via != "") printf "RESULT\tmedium_rtt\tmedium\t%s\n", via
			if (via != "" && base != "")
				printf "RESULT\tmedium_added\tmedium\t%s\n", via - base
			if (n == 0 || via == "") exit 1
		}' "$log" || na_all "make -C medium bench printed no figures the bench knows (see $log)"
done
