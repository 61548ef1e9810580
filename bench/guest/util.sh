# shellcheck shell=bash
# bench/guest/util.sh: result lines and small helpers shared by the guest
# side of the benchmarks. bench/run.sh joins bench/guest/*.sh into one
# script (see main.sh); nothing here runs on its own.
#
# A worker reports on stdout, one line per value, tab-separated:
#
#   RESULT  KEY  DRIVER  VALUE          one repetition's value
#   NA      KEY  DRIVER  REASON         why KEY could not be measured
#
# The host keeps every RESULT and makes median, min and max of them.

result() {
	printf 'RESULT\t%s\t%s\t%s\n' "$1" "$2" "$3"
}

na() {
	printf 'NA\t%s\t%s\t%s\n' "$1" "$2" "$3"
}

now_ns() {
	date +%s%N
}

# secs_between T0_NS T1_NS: seconds, three decimals.
secs_between() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }'
}

# median_of: median of the numbers on stdin (one a line), empty if none.
median_of() {
	sort -g | awk '{ v[NR] = $1 }
		END {
			if (NR == 0) exit
			if (NR % 2) print v[(NR + 1) / 2]
			else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2
		}'
}

# meminfo FIELD: a /proc/meminfo value in KiB.
meminfo() {
	awk -v f="$1:" '$1 == f { print $2 }' /proc/meminfo
}

# settle: let deferred frees run and drop clean caches, so that two
# readings of /proc/meminfo differ by what was really allocated.
settle() {
	sync
	sleep 2
	echo 3 >/proc/sys/vm/drop_caches
	sleep 1
}
