#!/bin/bash
# Positions and tx power set with vwifi-tool change the signal the other
# side reports in its station dump.
#
#   ns0                              ns1
#  +-----------------------------+  +-----------------------------+
#  | vw0  AP  10.0.0.1           |  | vw1  STA  10.0.0.2          |
#  | at (0, 0, 0)                |  | at (1, 0, 0), then (30,0,0) |
#  +--------------+--------------+  +--------------+--------------+
#                 +------ air: 2437 MHz -----------+
#
# Asserts: radio set ... position takes metres with decimals and radio list
# shows them back (table in metres, JSON in metres and millimetres); moving
# the station from 1 m to 30 m lowers the signal in both station dumps by
# at least 10 dB (log-distance: 20 log10(30) = 29.5 dB at exponent 2); a
# lower tx power on the AP lowers the station's view of it by about as much;
# moving back restores the signal.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=tool-lib.sh
. "$(dirname "$0")/tool-lib.sh"

# signal_at_most NS IFACE PEER_ADDR DBM: some traffic, then the station
# dump's signal is DBM or lower.
signal_at_most() {
	local s

	ip netns exec "$1" ping -n -c 1 -W 1 "$3" >/dev/null 2>&1 || true
	s=$(station_signal "$1" "$2")
	[ -n "$s" ] && [ "$s" -le "$4" ]
}

signal_at_least() {
	local s

	ip netns exec "$1" ping -n -c 1 -W 1 "$3" >/dev/null 2>&1 || true
	s=$(station_signal "$1" "$2")
	[ -n "$s" ] && [ "$s" -ge "$4" ]
}

# Both views after a little traffic, as "AP-view STA-view".
signals() {
	ping_ok ns1 10.0.0.1 3 >/dev/null
	printf '%s %s\n' "$(station_signal ns0 vw0)" "$(station_signal ns1 vw1)"
}

radios_in_netns 2

vt radio set vw0 position 0 0 0 txpower 20
vt radio set vw1 position 0.5 -1.25 2
assert_grep '^vw1 .* 0\.5 +-1\.25 +2 ' "$VW_TOOL" radio list vw1
vt_out radio list vw1 --json >"$VW_DIR/vw1.json"
grep -A4 '"position_mm"' "$VW_DIR/vw1.json" | tr -d ' \n' |
	grep -q '"position_mm":{"x":500,"y":-1250,"z":2000}' || fail "position_mm is not 500 -1250 2000"
grep -A4 '"position"' "$VW_DIR/vw1.json" | tr -d ' \n' |
	grep -q '"position":{"x":0.5,"y":-1.25,"z":2}' || fail "position is not 0.5 -1.25 2"
vt radio set vw1 position 1 0 0

start_ap ns0 vw0 hostapd-open.conf
start_sta ns1 vw1 wpa_supplicant-open.conf
wait_connected ns1 vw1
read -r ap_near sta_near <<<"$(signals)"
log "at 1 m: the AP hears the station at $ap_near dBm, the station the AP at $sta_near dBm"
[ -n "$ap_near" ] || fail "no signal in the AP's station dump"
[ -n "$sta_near" ] || fail "no signal in the station's station dump"
pp ip netns exec ns1 iw dev vw1 station dump

vt radio set vw1 position 30 0 0
assert_grep '^vw1 .* 30 +0 +0 ' "$VW_TOOL" radio list vw1
wait_for 10 signal_at_most ns0 vw0 10.0.0.2 $((ap_near - 10)) ||
	fail "the AP's view of the station did not drop by 10 dB"
wait_for 10 signal_at_most ns1 vw1 10.0.0.1 $((sta_near - 10)) ||
	fail "the station's view of the AP did not drop by 10 dB"
read -r ap_far sta_far <<<"$(signals)"
log "at 30 m: $ap_far dBm at the AP, $sta_far dBm at the station"
pp ip netns exec ns1 iw dev vw1 station dump

# Back near, then the AP 15 dB quieter: only the station's view changes.
vt radio set vw1 position 1 0 0
wait_for 10 signal_at_least ns1 vw1 10.0.0.1 $((sta_near - 2)) ||
	fail "the signal did not come back at 1 m"
vt radio set vw0 txpower 5
assert_grep '"txpower": 5,' "$VW_TOOL" radio list vw0 --json
wait_for 10 signal_at_most ns1 vw1 10.0.0.1 $((sta_near - 10)) ||
	fail "a lower tx power on the AP did not lower the station's signal"
read -r ap_quiet sta_quiet <<<"$(signals)"
log "AP at 5 dBm: $sta_quiet dBm at the station (was $sta_near), AP hears $ap_quiet dBm"
[ "$ap_quiet" -ge $((ap_near - 3)) ] || fail "the AP's tx power changed what the AP hears"
