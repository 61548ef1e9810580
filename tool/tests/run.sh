#!/bin/sh
# Runs the tool's unit test programs given as arguments, then cli.sh (the
# built vwifi-tool's exit statuses and messages, no module needed) and
# medium.sh (the medium commands against vwifi-medium, when both built), and
# adds up the "<name>: P passed, F failed" lines they end with. A program
# that dies before its summary (a sanitizer report, a crash) counts as one
# failure. Prints "tool: P passed, F failed" last; exits 1 on any failure.

here=$(dirname "$0")
passed=0
failed=0
out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT

for t in "$@" cli medium; do
	name=$(basename "$t")
	if [ "$t" = cli ]; then
		sh "$here/cli.sh" "$here/../vwifi-tool" >"$out" 2>&1
	elif [ "$t" = medium ]; then
		sh "$here/medium.sh" "$here/../vwifi-tool" "$here/../../medium/vwifi-medium" >"$out" 2>&1
	else
		"./$t" >"$out" 2>&1
	fi
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

echo "tool: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
