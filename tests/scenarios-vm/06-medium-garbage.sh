#!/bin/bash
# A client that sends garbage to vwifi-medium does not disturb the guests:
# while station 2 pings the AP without a pause, the host connects to the
# medium's guest socket again and again (garbage.py): random bytes, a
# length of 4 GiB, non-air frames, air frames with broken headers, a half
# frame then a close, a half frame then silence, a client that never reads,
# and a flood.
#
#   guest 1                    guest 2                    guest 3
#  +---------------------+    +---------------------+    +---------------------+
#  | vw0 AP  10.0.0.1    |<---| vw0 STA  10.0.0.2   |    | vw0 STA  10.0.0.3   |
#  |                     |ping|  (all along)        |    |                     |
#  +----------+----------+    +----------+----------+    +----------+----------+
#             |                          |                          |
#  host       +------------------- vwifi-medium ------------------+---- garbage.py
#
# Asserts: a ping running all through it loses nothing; both stations
# are still connected and every pair pings with 0% loss afterwards; the
# medium still runs, cut off the clients that sent impossible lengths,
# counted the non-air and malformed frames, and lists only the three
# guests again.
#
# vm-guests: 3
# vm-air: medium
# shellcheck source-path=SCRIPTDIR source=vm-lib.sh
. "$(dirname "$0")/../scenarios-vm/vm-lib.sh"

guest1() {
	ap_of_two
	await garbage-done
	wait_stations ap vw0 2 10
	ping_all ap 10.0.0.2
	ping_all ap 10.0.0.3
}

# A ping of 150 requests, 30 s, for the host's garbage (about 15 s) to
# happen in the middle of; stopped early it would count the request in
# flight as lost.
guest2() {
	local out=$VW_DIR/ping-through.txt pid

	load_air 1
	vm_sta vw_phy0 sta 10.0.0.2 "$(fetch bssid.guest1)"
	ping_until sta 10.0.0.1
	ping_until sta 10.0.0.3
	printf '+ ip netns exec sta ping -c 150 -i 0.2 -w 60 10.0.0.1 &   (through the garbage)\n'
	ip netns exec sta ping -n -c 150 -i 0.2 -w 60 10.0.0.1 >"$out" 2>&1 &
	pid=$!
	vw_bg_pids+=("$pid")
	wait_for 20 grep -q 'bytes from' "$out" || fail "the background ping gets no reply"
	mark pinging
	wait "$pid" || true
	[ -e "$VW_SHARED/garbage-done" ] || fail "the garbage outlasted the 30 s ping"
	tail -n 3 "$out"
	grep -qE ' 0% packet loss' "$out" || fail "the ping through the garbage lost packets"
	assert_grep '^Connected to ' ip netns exec sta iw dev vw0 link
	ping_all sta 10.0.0.3
}

guest3() {
	load_air 1
	vm_sta vw_phy0 sta 10.0.0.3 "$(fetch bssid.guest1)"
	ping_until sta 10.0.0.1
	await garbage-done
	assert_grep '^Connected to ' ip netns exec sta iw dev vw0 link
	ping_all sta 10.0.0.1
	ping_all sta 10.0.0.2
}

host() {
	require python3
	await pinging
	mctl stats
	pp python3 "$(dirname "$0")/garbage.py" "$VW_AIR_DIR/medium.sock" 10 ||
		fail "garbage.py could not reach the medium"
	air_medium_running || fail "vwifi-medium died"
	mctl stats
	[ "$(medium_stat cutoffs)" -ge 2 ] || fail "the medium cut off $(medium_stat cutoffs) clients, not the 2 with impossible lengths"
	[ "$(medium_stat drop_not_air)" -ge 1000 ] || fail "the medium counted $(medium_stat drop_not_air) non-air frames"
	[ "$(medium_stat drop_malformed)" -ge 1 ] || fail "the medium counted no malformed frame"
	wait_for 10 medium_nodes_are 3 || fail "the medium lists $(medium_nodes) nodes after the garbage, not 3"
	mctl node
	mark garbage-done
}

vm_main
