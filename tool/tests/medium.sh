#!/bin/sh
# vwifi-tool medium ... against a real vwifi-medium on private sockets (no
# guests: settings for radios not heard yet wait for them, and show). Ends
# with "medium: P passed, F failed"; when the tool was built without the
# medium commands or the daemon is not built, says so and counts nothing.
#
#   sh tool/tests/medium.sh path/to/vwifi-tool path/to/vwifi-medium

tool=${1:-$(dirname "$0")/../vwifi-tool}
daemon=${2:-$(dirname "$0")/../../medium/vwifi-medium}
passed=0
failed=0

if ! "$tool" medium --help >/dev/null 2>&1 || [ ! -x "$daemon" ]; then
	echo "medium: skipped (no medium commands in $tool, or no $daemon)"
	echo "medium: 0 passed, 0 failed"
	exit 0
fi

dir=$(mktemp -d) || exit 2
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT

"$daemon" -s "$dir/guests.sock" -c "$dir/ctl" -d -p "$dir/pid" -l "$dir/log" || {
	echo "medium: vwifi-medium did not start"
	echo "medium: 0 passed, 1 failed"
	exit 1
}
pid=$(cat "$dir/pid")
export VWIFI_MEDIUM_CTL="$dir/ctl"

A=02:00:00:00:01:00
B=02:00:00:00:02:00

# check RC REGEX ARGS...: exit status RC and stdout+stderr matching REGEX;
# with FLAT=1, matched with spaces and new lines taken out (for JSON).
check() {
	want=$1 re=$2
	shift 2
	out=$("$tool" "$@" 2>&1)
	rc=$?
	[ "${FLAT:-0}" = 1 ] && out=$(printf '%s' "$out" | tr -d ' \n')
	if [ $rc -eq "$want" ] && printf '%s\n' "$out" | grep -qE -- "$re"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		printf 'FAIL vwifi-tool %s: exit %s (want %s), output:\n%s\n' "$*" $rc "$want" "$out"
	fi
}

check 0 '^ADDR +NODE +STATE' medium radio list
check 0 '^\[\]$' medium radio list --json
check 0 '' medium radio set $A position 1.5 -2 0.001 txpower 10
check 0 '' medium radio set $B position 30 0 0
check 0 "^$A +- +waiting +1\.5 +-2 +0\.001 +- +10 " medium radio
check 0 "^$B +- +waiting +30 +0 +0 +- +- " medium radio
FLAT=1 check 0 '"position_mm":\{"x":1500,"y":-2000,"z":1\}' medium radio list --json
FLAT=1 check 0 '"txpower_override":10' medium radio list --json
check 0 '' medium radio set $A txpower off
FLAT=1 check 0 '"txpower_override":null,"freq":null' medium radio list --json
check 1 '^vwifi-tool: vwifi-medium reports: .*-10\.\.40' medium radio set $A txpower 100
check 2 'out of range' medium radio set $A txpower 1000
check 2 "'vw1' is not a MAC address" medium radio set vw1 txpower 5

check 0 '' medium link set $A $B loss 50%
check 0 "^$A +$B +50%$" medium link list
FLAT=1 check 0 "\[\{\"transmitter\":\"$A\",\"receiver\":\"$B\",\"loss\":50\}\]" medium link --json
check 1 '^vwifi-tool: vwifi-medium reports: ' medium link set $A $B loss 150
check 2 'not a whole percentage' medium link set $A $B loss 300
check 0 '' medium link clear
check 0 '^TRANSMITTER +RECEIVER +LOSS$' medium link

check 0 '' medium deny add $B $A
check 0 "^$B +$A$" medium deny
FLAT=1 check 0 "\[\{\"receiver\":\"$B\",\"transmitter\":\"$A\"\}\]" medium deny list --json
check 1 '^vwifi-tool: vwifi-medium reports: ' medium deny del $A $B
check 0 '' medium deny del $B $A
check 0 '' medium deny add $B $A
check 0 '' medium deny clear
check 0 '^RECEIVER +TRANSMITTER$' medium deny

check 0 '' medium model set exponent 3.0 sensitivity -80
check 0 '^ +3\.0 +-80$' medium model
FLAT=1 check 0 '\{"path_loss_exponent":3\.0,"sensitivity":-80\}' medium model show --json
check 1 '^vwifi-tool: vwifi-medium reports: ' medium model set exponent 9.9

check 0 '^ID +RADIOS' medium node list
check 0 '^\[\]$' medium node list --json
check 0 '^radios +2$' medium stats
FLAT=1 check 0 '"radios":2,' medium stats --json

check 1 '^vwifi-tool: cannot reach vwifi-medium at .*/nope' medium -S "$dir/nope" radio
check 0 '^ADDR' medium --socket "$dir/ctl" radio list
check 0 '^ADDR' medium --socket="$dir/ctl" radio list
check 2 "unknown command 'bogus'" medium bogus
check 2 "unknown command 'bogus'" medium radio bogus
check 2 'needs a path' medium -S

echo "medium: $passed passed, $failed failed"
[ $failed -eq 0 ]
