#!/bin/sh
# The built vwifi-tool from the outside, without the kernel module: help
# everywhere (exit 0), bad arguments (exit 2, one line on stderr, nothing on
# stdout), and, when the module is not loaded here, the classic status line
# and exit status 1. Ends with "cli: P passed, F failed".
#
#   sh tool/tests/cli.sh path/to/vwifi-tool

tool=${1:-$(dirname "$0")/../vwifi-tool}
passed=0
failed=0
out=$(mktemp) && err=$(mktemp) || exit 2
trap 'rm -f "$out" "$err"' EXIT

ok() {
	passed=$((passed + 1))
}

bad() {
	failed=$((failed + 1))
	printf 'FAIL vwifi-tool %s: %s\n' "$args" "$*"
	sed 's/^/    stdout: /' "$out"
	sed 's/^/    stderr: /' "$err"
}

# run ARGS...: run the tool, leaving $rc, $out and $err.
run() {
	args=$*
	"$tool" "$@" >"$out" 2>"$err"
	rc=$?
}

# expect_help ARGS...: exit 0, a usage text on stdout, nothing on stderr.
expect_help() {
	run "$@"
	if [ $rc -ne 0 ]; then
		bad "exit status $rc, want 0"
	elif ! grep -q '^Usage: vwifi-tool' "$out" || [ -s "$err" ]; then
		bad "no usage text on stdout, or something on stderr"
	else
		ok
	fi
}

# expect_usage REGEX ARGS...: exit 2, nothing on stdout, one line on stderr
# matching REGEX.
expect_usage() {
	re=$1
	shift
	run "$@"
	if [ $rc -ne 2 ]; then
		bad "exit status $rc, want 2"
	elif [ -s "$out" ]; then
		bad "printed on stdout"
	elif [ "$(wc -l <"$err")" -ne 1 ]; then
		bad "want exactly one line on stderr"
	elif ! grep -qE "^vwifi-tool: .*$re" "$err"; then
		bad "stderr does not match /$re/"
	else
		ok
	fi
}

# expect RC STDOUT-REGEX STDERR-REGEX ARGS... (an empty regex: must be empty)
expect() {
	want=$1 ore=$2 ere=$3
	shift 3
	run "$@"
	if [ $rc -ne "$want" ]; then
		bad "exit status $rc, want $want"
	elif [ -n "$ore" ] && ! grep -qE "$ore" "$out"; then
		bad "stdout does not match /$ore/"
	elif [ -z "$ore" ] && [ -s "$out" ]; then
		bad "stdout not empty"
	elif [ -n "$ere" ] && ! grep -qE "$ere" "$err"; then
		bad "stderr does not match /$ere/"
	elif [ -z "$ere" ] && [ -s "$err" ]; then
		bad "stderr not empty"
	else
		ok
	fi
}

[ -x "$tool" ] || {
	echo "cli: no executable $tool"
	echo "cli: 0 passed, 1 failed"
	exit 1
}

# ---- help -------------------------------------------------------------------
expect_help --help
expect_help -h
expect_help help
for g in status radio link deny model transport; do
	expect_help "$g" --help
	expect_help help "$g"
done
for c in "status show" "radio list" "radio add" "radio del" "radio set" \
	"link list" "link set" "deny list" "deny add" "deny del" "deny clear" \
	"model show" "model set" "transport show" "transport attach" \
	"transport detach"; do
	# shellcheck disable=SC2086  # two words
	expect_help $c --help
done
# --help wins over missing arguments.
expect_help radio set --help
expect_help link set vw1 -h
expect 0 '^vwifi-tool [0-9.]+ \(netlink family vwifi, version [0-9]+\)$' '' -V

# ---- bad arguments ----------------------------------------------------------
expect_usage "unknown command 'foo'" foo
expect_usage "unknown command 'bogus'" radio bogus
expect_usage "unknown option '-x'" -x
expect_usage "unknown option '--bogus'" --bogus
expect_usage "needs an interface name" -d
expect_usage "Destination number doesn't match with Source number" -d vw2
expect_usage "Destination number doesn't match with Source number" -d vw2 -s vw1 -s vw3
expect_usage "unknown command 'extra'" -c extra
expect_usage "empty interface name" -d "" -s vw1
expect_usage "unknown command 'extra'" status extra
expect_usage "unexpected argument 'extra'" status show extra
expect_usage "no JSON output" radio del vw1 --json
expect_usage "unknown option '--bogus'" radio list --bogus
expect_usage "unexpected argument 'b'" radio list a b
expect_usage "missing arguments" radio del
expect_usage "unexpected argument 'b'" radio del a b
expect_usage "empty radio name" radio del ""
expect_usage "nothing to set" radio set vw1
expect_usage "position needs X Y Z" radio set vw1 position 1 2
expect_usage "X '1,5' is not a number of metres" radio set vw1 position 1,5 0 0
expect_usage "out of range" radio set vw1 position 0 0 3000000
expect_usage "txpower 'loud' is not a whole number" radio set vw1 txpower loud
expect_usage "unknown setting 'power'" radio set vw1 power 3
expect_usage "missing arguments" link set vw1 vw2 loss
expect_usage "unknown setting 'gain'" link set vw1 vw2 gain 5
expect_usage "loss 'x' is not a whole percentage" link set vw1 vw2 loss x
expect_usage "loss '-5' is not a whole percentage" link set vw1 vw2 loss -5
expect_usage "loss '12.5' is not a whole percentage" link set vw1 vw2 loss 12.5
expect_usage "missing arguments" deny add vw2
expect_usage "unexpected argument 'x'" deny clear x
expect_usage "no JSON output" deny add --json vw2 vw1
expect_usage "nothing to set" model set
expect_usage "exponent '3.25' is not a number with one decimal" model set exponent 3.25
expect_usage "sensitivity 'low' is not a whole number" model set sensitivity low
expect_usage "missing arguments" transport attach
expect_usage "unexpected argument 'x'" transport detach x
expect_usage "empty interface name" transport attach ""

# ---- output errors ----------------------------------------------------------
if [ -w /dev/full ]; then
	args="--help >/dev/full"
	"$tool" --help >/dev/full 2>"$err"
	rc=$?
	: >"$out"
	if [ $rc -eq 1 ] && grep -q 'writing output' "$err"; then ok; else bad "exit status $rc, want 1"; fi
fi

# ---- without the module -----------------------------------------------------
run
if grep -qx 'vwifi status : live' "$out"; then
	echo "cli: vwifi is loaded here: the not-loaded checks are skipped"
else
	expect 1 '^vwifi status : not loaded$' ''
	expect 1 '^vwifi status : not loaded$' '' status
	expect 1 '"status": "not loaded"' '' status --json
	expect 1 '^vwifi status : not loaded$' '' -d vw2 -s vw1
	expect 1 '^vwifi status : not loaded$' '' -c
	for c in "radio" "radio list" "radio add" "radio del vw1" \
		"radio set vw1 txpower 5" "link" "link set vw1 vw2 loss 5" \
		"deny" "deny add vw2 vw1" "deny clear" "model" \
		"model set exponent 3" "transport" "transport attach eth0" \
		"transport detach"; do
		# shellcheck disable=SC2086  # words
		expect 1 '' '^vwifi-tool: vwifi is not loaded' $c
	done
	if command -v python3 >/dev/null; then
		run status --json
		if python3 -m json.tool "$out" >/dev/null 2>&1; then ok; else bad "not JSON"; fi
	fi
fi

echo "cli: $passed passed, $failed failed"
[ $failed -eq 0 ]
