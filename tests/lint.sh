#!/bin/bash
# make lint: sparse (C=2) and the compiler's W=1 warnings over the driver
# and the core it compiles in, against the headers of both kernels the
# tests boot (Debian's 6.1 and 6.12), or only KDIR when it is set.
#
#   tests/lint.sh                  both kernels
#   KDIR=/usr/src/linux-headers-... tests/lint.sh     one
#
# Each kernel builds a fresh copy of driver/, core/ and include/ under
# build/lint/<kver>/ (a copy, so W=1 objects never mix with the tree's own
# build, and a clean one, so every file is compiled and its warnings seen);
# the log is build/lint/<kver>.log. A kernel fails when sparse is missing,
# when the build fails, when sparse checked nothing, or when the log holds
# any warning or error. Prints PASS/FAIL lint <kver> per kernel and ends
# with "lint: N passed, N failed"; exits non-zero if anything failed.
set -euo pipefail

# shellcheck source=tests/qemu/common.sh
. "$(dirname "$0")/qemu/common.sh"

# What gcc, sparse and modpost print for a finding ("file:l:c: warning:",
# "error:", "WARNING: modpost:"); make's own "Error 1" comes with a
# non-zero exit, checked on its own.
finding='(warning|error|WARNING|ERROR):'

passed=0 failed=0

pass() {
	echo "PASS $1${2:+ ($2)}"
	passed=$((passed + 1))
}

fail() {
	echo "FAIL $1: $2"
	failed=$((failed + 1))
}

# series_kdir SERIES: the headers the QEMU tests build against, as
# tests/qemu/kernels.sh recorded them, else the newest installed ones of
# that series; nothing when there are none.
series_kdir() {
	local series=$1 env=$VW_KERNELS/$1.env kdir='' pat

	if [ -f "$env" ]; then
		# A subshell: the file's KDIR must not become ours.
		# shellcheck source=/dev/null  # written by kernels.sh
		kdir=$(. "$env" && printf '%s\n' "${KDIR:-}")
		[ -f "$kdir/Makefile" ] && printf '%s\n' "$kdir" && return
	fi
	case $series in
	6.1) pat='/usr/src/linux-headers-6.1.0-*-amd64' ;;
	*) pat="/usr/src/linux-headers-$series*-amd64" ;;
	esac
	# shellcheck disable=SC2086  # a glob, expanded on purpose
	printf '%s\n' $pat | grep -v '[*]' | sort -V | tail -n 1 || true
}

# lint_one KDIR: build the copy against KDIR with sparse and W=1, judge it.
lint_one() {
	local kdir=$1 kver name dest log rc checked found

	kver=${kdir%/}
	kver=${kver##*/}
	kver=${kver#linux-headers-}
	name="lint $(kver_short "$kver")"
	if ! command -v sparse >/dev/null; then
		fail "$name" "sparse is not installed (apt-get install sparse)"
		return
	fi
	if [ ! -f "$kdir/Makefile" ]; then
		fail "$name" "no kernel headers at $kdir"
		return
	fi

	dest=$VW_BUILD/lint/$kver
	log=$dest.log
	rm -rf "$dest"
	mkdir -p "$dest"
	cp -r "$VW_TOP/driver" "$VW_TOP/core" "$VW_TOP/include" "$dest/"
	# The tree may hold objects of an in-place `make module`; without
	# them every file is compiled here and shows its warnings.
	make -s -C "$kdir" M="$dest/driver" clean >/dev/null 2>&1 || true

	rc=0
	make -C "$kdir" M="$dest/driver" C=2 W=1 -j"$(nproc)" modules \
		>"$log" 2>&1 || rc=$?
	found=$(grep -E "$finding" "$log" || true)
	# Named as in the tree, not as in the copy.
	found=${found//"$dest/"/}
	checked=$(grep -c '^  CHECK ' "$log" || true)
	if [ "$rc" -ne 0 ]; then
		fail "$name" "build failed (make exit $rc), see ${log#"$VW_TOP"/}"
	elif [ -n "$found" ]; then
		fail "$name" "$(wc -l <<<"$found") warnings or errors, see ${log#"$VW_TOP"/}"
	elif [ "$checked" -eq 0 ]; then
		fail "$name" "sparse checked no file, see ${log#"$VW_TOP"/}"
	else
		pass "$name" "$checked files checked"
		return
	fi
	# The findings (or the end of a failed build) under the verdict.
	if [ -n "$found" ]; then
		head -n 40 <<<"$found"
	else
		tail -n 20 "$log"
	fi | sed 's/^/    | /'
}

kdirs=()
if [ -n "${KDIR:-}" ]; then
	kdirs=("$KDIR")
else
	for series in 6.1 6.12; do
		kdir=$(series_kdir "$series")
		if [ -z "$kdir" ]; then
			fail "lint $series" \
				"no kernel headers (tests/qemu/kernels.sh $series installs them)"
			continue
		fi
		kdirs+=("$kdir")
	done
fi

for kdir in ${kdirs[@]+"${kdirs[@]}"}; do
	lint_one "$kdir"
done

echo "lint: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
