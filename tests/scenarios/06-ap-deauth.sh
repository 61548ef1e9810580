#!/bin/bash
# hostapd kicks a station out; the station notices and comes back by itself.
#
#   ns0                          ns1
#  +-----------------------+    +------------------------+
#  | vw0  AP  10.0.0.1     |    | vw1  STA  10.0.0.2     |
#  | hostapd_cli           |    | wpa_supplicant         |
#  |   deauthenticate vw1  |    |  (reconnects itself)   |
#  +-----------+-----------+    +-----------+------------+
#              +------- air: 2437 MHz ------+
#
# Asserts: after "hostapd_cli deauthenticate <vw1>" wpa_supplicant logs
# CTRL-EVENT-DISCONNECTED from the AP, then a new CTRL-EVENT-CONNECTED, and
# ping works again.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

radios_in_netns 2

start_ap ns0 vw0 hostapd-wpa2.conf
start_sta ns1 vw1 wpa_supplicant.conf
wait_connected ns1 vw1
ping_ok ns1 10.0.0.1 3

ap_mac=$(mac_of ns0 vw0)
sta_mac=$(mac_of ns1 vw1)
slog=$VW_DIR/wpa_supplicant-vw1.log
connected=$(count_in "$slog" 'CTRL-EVENT-CONNECTED')
disconnected=$(count_in "$slog" "CTRL-EVENT-DISCONNECTED bssid=$ap_mac")

# more_in FILE REGEX N: FILE has more than N lines matching REGEX.
more_in() {
	[ "$(count_in "$1" "$2")" -gt "$3" ]
}

assert_grep '^OK$' hostapd_cli_ns ns0 vw0 deauthenticate "$sta_mac"
log "waiting for the station to see the deauthentication"
wait_for 30 more_in "$slog" "CTRL-EVENT-DISCONNECTED bssid=$ap_mac" "$disconnected" ||
	fail "wpa_supplicant saw no disconnection"
assert_file_grep "CTRL-EVENT-DISCONNECTED bssid=$ap_mac" "$slog"

log "waiting for the station to reconnect by itself"
wait_for 60 more_in "$slog" 'CTRL-EVENT-CONNECTED' "$connected" ||
	fail "wpa_supplicant did not reconnect"
wait_connected ns1 vw1
assert_grep "^Connected to $ap_mac" ip netns exec ns1 iw dev vw1 link
assert_grep "^Station $sta_mac " ip netns exec ns0 iw dev vw0 station dump
ping_ok ns1 10.0.0.1 3
