#!/bin/bash
# Several radios per guest on one air: guest 1 has two radios, an access
# point and a station, each in its own network namespace; guest 2 has one
# station. Guest 1's station hears its own AP on the guest's local air;
# guest 2 hears it through vwifi-medium. Station to station goes through
# the AP, from one machine to the other.
#
#   guest 1                                          guest 2
#  +-------------------------------------------+    +---------------------+
#  | ns ap                  ns sta             |    | ns sta              |
#  | vw0 AP  10.0.0.1       vw1 STA  10.0.0.11 |    | vw0 STA  10.0.0.2   |
#  | hostapd WPA2           wpa_supplicant     |    | wpa_supplicant      |
#  |        \__ local air __/                  |    |                     |
#  +---------------------+---------------------+    +----------+----------+
#                        | eth0                                | eth0
#  host                  +----------- vwifi-medium ------------+
#
# Asserts: both stations connect to guest 1's BSSID; the AP lists both;
# pings with 0% loss between every pair; the medium sees two radios on
# guest 1's node and one on guest 2's.
#
# vm-guests: 2
# vm-air: medium
# shellcheck source-path=SCRIPTDIR source=vm-lib.sh
. "$(dirname "$0")/../scenarios-vm/vm-lib.sh"

guest1() {
	local bssid

	load_air 2
	check_machine vw0
	check_machine vw1
	vm_ap vw_phy0 ap 10.0.0.1
	bssid=$(fetch bssid.guest1)
	vm_sta vw_phy1 sta 10.0.0.11 "$bssid"
	publish addrs.guest1 "$(mac_of ap vw0) $(mac_of sta vw1)"
	wait_stations ap vw0 2
	n ap iw dev vw0 station dump
	ping_until ap 10.0.0.2
	ping_until ap 10.0.0.11
	ping_until sta 10.0.0.2
	ping_size sta 10.0.0.2 1472
}

guest2() {
	load_air 1
	check_machine vw0
	vm_sta vw_phy0 sta 10.0.0.2 "$(fetch bssid.guest1)"
	publish addrs.guest2 "$(mac_of sta vw0)"
	ping_until sta 10.0.0.1
	ping_until sta 10.0.0.11
}

# radios_of_node ID: the RADIOS column of node ID in the medium's node list.
radios_of_node() {
	mctl_out node | awk -v id="$1" '$1 == id { print $2 }'
}

host() {
	local a node

	await addrs.guest1
	await addrs.guest2
	mctl node
	mctl radio
	for a in $(fetch addrs.guest1) $(fetch addrs.guest2); do
		mctl_out radio | grep -q "^$a .* connected " || fail "the medium does not list $a as connected"
	done
	# guest 1's two radios on one node
	node=$(mctl_out radio | awk -v a="$(fetch addrs.guest1 | cut -d' ' -f1)" '$1 == a { print $2 }')
	[ "$(radios_of_node "$node")" = 2 ] || fail "node $node (guest 1) does not carry 2 radios"
}

vm_main
