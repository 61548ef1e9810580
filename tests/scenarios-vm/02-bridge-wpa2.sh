#!/bin/bash
# The classic vwifi virtio set-up, no medium server: three guests whose
# virtio-net NICs are taps on one Linux bridge (on the host, in a network
# namespace of the harness), a WPA2-PSK access point in guest 1 and a
# station in each of guests 2 and 3. Guests 1 and 2 name their transport at
# load time (transport=eth0); guest 3 loads the driver with the air kept
# local and a machine number of its own, then attaches it at run time with
# vwifi-tool transport attach.
#
#   guest 1                    guest 2                    guest 3
#  +---------------------+    +---------------------+    +---------------------+
#  | ns ap               |    | ns sta              |    | ns sta              |
#  | vw0 AP  10.0.0.1    |    | vw0 STA  10.0.0.2   |    | vw0 STA  10.0.0.3   |
#  | insmod transport=   |    | insmod transport=   |    | insmod machine=7    |
#  |   eth0              |    |   eth0              |    | transport attach    |
#  +----------+----------+    +----------+----------+    +----------+----------+
#             | vwtap1                   | vwtap2                   | vwtap3
#  host       +------------ bridge vwbr (netns vwvm-PID, mtu 2400) -+
#
# Asserts: stations connect to guest 1's BSSID; the AP lists both; pings
# with 0% loss between every pair, full-sized frames included; a TCP
# transfer (iperf3) from each station to the AP; the
# transport's counters show frames both ways and no malformed ones; frames
# the bridge floods back are not taken for others'.
#
# vm-guests: 3
# vm-air: bridge
# shellcheck source-path=SCRIPTDIR source=vm-lib.sh
. "$(dirname "$0")/../scenarios-vm/vm-lib.sh"

# transport_counters: vwifi-tool transport show, as "IFACE TX RX MALFORMED OWN".
transport_counters() {
	"$VW_TOOL" transport show | awk 'NR == 2 { print $1, $2, $3, $4, $5 }'
}

check_transport() {
	local ifname tx rx bad own

	vt transport show
	read -r ifname tx rx bad own <<<"$(transport_counters)"
	[ "$ifname" = "$VW_NIC" ] || fail "transport on '$ifname', not $VW_NIC"
	if [ "$tx" -eq 0 ] || [ "$rx" -eq 0 ]; then
		fail "transport counters: tx $tx, rx $rx"
	fi
	[ "$bad" = 0 ] || fail "transport refused $bad frames as malformed"
	log "own frames seen again: $own"
}

guest1() {
	. "$VW_LIB_DIR/tool-lib.sh"
	load_air 1
	check_machine vw0
	vm_ap vw_phy0 ap 10.0.0.1
	tcp_server ap
	wait_stations ap vw0 2
	n ap iw dev vw0 station dump
	ping_until ap 10.0.0.2
	ping_until ap 10.0.0.3
	ping_size ap 10.0.0.3 1472
	check_transport
}

station() {
	local me=10.0.0.$VW_GUEST peer=10.0.0.$((5 - VW_GUEST))

	vm_sta vw_phy0 sta "$me" "$(fetch bssid.guest1)"
	ping_until sta 10.0.0.1
	ping_until sta "$peer"
	tcp_ok sta 10.0.0.1
	check_transport
}

guest2() {
	. "$VW_LIB_DIR/tool-lib.sh"
	load_air 1
	check_machine vw0
	station
}

guest3() {
	. "$VW_LIB_DIR/tool-lib.sh"
	air_nic
	load_air 1 transport= machine=7
	check_machine vw0 7
	assert_grep '^- ' "$VW_TOOL" transport show
	vt transport attach "$VW_NIC"
	check_nic_mtu
	assert_grep "^$VW_NIC " "$VW_TOOL" transport show
	station
}

vm_main
