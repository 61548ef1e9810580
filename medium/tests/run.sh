#!/bin/sh
# Runs each test program given as argument and adds up the
# "<prog>: P passed, F failed" lines they end with. A program that dies
# without its summary (a sanitizer report, a crash) counts as one failure.
# Prints "medium: P passed, F failed" last; exits 1 when anything failed.

passed=0
failed=0
out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT

for t in "$@"; do
	"./$t" >"$out" 2>&1
	rc=$?
	cat "$out"
	summary=$(sed -n "s/^$t: \([0-9]*\) passed, \([0-9]*\) failed\$/\1 \2/p" "$out" | tail -n 1)
	if [ -z "$summary" ]; then
		echo "$t: died with exit status $rc before its summary"
		failed=$((failed + 1))
		continue
	fi
	p=${summary% *}
	f=${summary#* }
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "$t: exit status $rc with no failed case"
		failed=$((failed + 1))
	fi
done

echo "medium: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
