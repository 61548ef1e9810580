#!/bin/sh
# run-suite.sh SUITE TEST...: runs each test and adds up the
# "<name>: P passed, F failed" lines they end with, <name> being the
# basename of the test's first word without ".sh". A TEST is a command
# line (split on blanks: "tests/cli.sh ./vwifi-tool"). A test that dies
# without its summary (a sanitizer report, a crash) counts as one failure.
# Prints "SUITE: P passed, F failed" last; exits 1 when anything failed.
# Shared by the core's unit tests, vwifi-tool's and vwifi-medium's.

suite=$1
shift
passed=0
failed=0
out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT

for t in "$@"; do
	# shellcheck disable=SC2086  # a command line
	set -- $t
	name=$(basename "$1" .sh)
	case $1 in
	*.sh) sh "$@" >"$out" 2>&1 ;;
	*) "$@" >"$out" 2>&1 ;;
	esac
	rc=$?
	cat "$out"
	summary=$(sed -n "s/^$name: \([0-9]*\) passed, \([0-9]*\) failed\$/\1 \2/p" "$out" | tail -n 1)
	if [ -z "$summary" ]; then
		echo "$name: died with exit status $rc before its summary"
		failed=$((failed + 1))
		continue
	fi
	p=${summary% *}
	f=${summary#* }
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "$name: exit status $rc with no failed case"
		failed=$((failed + 1))
	fi
done

echo "$suite: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
