#!/bin/bash
# Disconnect and reconnect a station through wpa_supplicant's control
# interface.
#
#   ns0                          ns1
#  +-----------------------+    +------------------------+
#  | vw0  AP  10.0.0.1     |    | vw1  STA  10.0.0.2     |
#  | WPA2-PSK CCMP, ch 6   |    | wpa_cli disconnect /   |
#  |                       |    |         reconnect      |
#  +-----------+-----------+    +-----------+------------+
#              +------- air: 2437 MHz ------+
#
# Asserts: connected and pinging; after "wpa_cli disconnect" the link is
# "Not connected", the AP drops the station and ping fails; after
# "wpa_cli reconnect" it is connected again and ping has 0% loss.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

radios_in_netns 2

start_ap ns0 vw0 hostapd-wpa2.conf
start_sta ns1 vw1 wpa_supplicant.conf
wait_connected ns1 vw1
ping_ok ns1 10.0.0.1 3
sta_mac=$(mac_of ns1 vw1)

for round in 1 2; do
	log "round $round: disconnect"
	assert_grep '^OK$' wpa_cli_ns ns1 vw1 disconnect
	wait_disconnected ns1 vw1
	assert_grep '^Not connected' ip netns exec ns1 iw dev vw1 link
	wait_for 20 bash -c "! ip netns exec ns0 iw dev vw0 station dump | grep -q '$sta_mac'" ||
		fail "the AP still lists $sta_mac"
	ping_fails ns1 10.0.0.1

	log "round $round: reconnect"
	assert_grep '^OK$' wpa_cli_ns ns1 vw1 reconnect
	wait_connected ns1 vw1
	assert_grep "^Connected to $(mac_of ns0 vw0)" ip netns exec ns1 iw dev vw1 link
	ping_ok ns1 10.0.0.1 3
done
