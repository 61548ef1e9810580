#!/bin/bash
# vwifi-medium dies and comes back; the guests carry on by themselves.
# Each guest's QEMU listens for its air (-netdev stream,server=on) and the
# medium dials every guest (-C unix:...). QEMU 7.2 does not reconnect as a
# stream client, but as a server it takes a new connection whenever the old
# one closes: a restarted medium finds every guest again, and the
# stations, which lost the AP's beacons meanwhile, connect again.
#
#   guest 1                    guest 2                    guest 3
#  +---------------------+    +---------------------+    +---------------------+
#  | vw0 AP  10.0.0.1    |    | vw0 STA  10.0.0.2   |    | vw0 STA  10.0.0.3   |
#  | QEMU: server=on     |    | QEMU: server=on     |    | QEMU: server=on     |
#  +----------+----------+    +----------+----------+    +----------+----------+
#             ^ guest1.sock              ^ guest2.sock              ^ guest3.sock
#  host       +-- vwifi-medium -C unix:guest1.sock -C ... (kill -9, start) --+
#
# Asserts: all connect and ping; after kill -9 of the medium the stations
# disconnect; the medium started again (same sockets, a capture of its own)
# lists the three guests again without any help; the stations connect again
# by themselves and every pair pings with 0% loss.
#
# vm-guests: 3
# vm-air: medium-connect
# shellcheck source-path=SCRIPTDIR source=vm-lib.sh
. "$(dirname "$0")/../scenarios-vm/vm-lib.sh"

guest1() {
	ap_of_two
	mark ready.guest1
	await medium-back
	ping_until ap 10.0.0.2 150
	ping_until ap 10.0.0.3 150
}

station() {
	local me=10.0.0.$VW_GUEST peer=10.0.0.$((5 - VW_GUEST)) bssid

	load_air 1
	bssid=$(fetch bssid.guest1)
	vm_sta vw_phy0 sta "$me" "$bssid"
	ping_until sta 10.0.0.1
	mark "ready.$VW_ROLE"
	await medium-killed
	wait_disconnected sta vw0 30
	mark "lost.$VW_ROLE"
	await medium-back
	log "waiting for wpa_supplicant to connect again by itself"
	wait_connected sta vw0 150
	assert_grep "^Connected to $bssid" ip netns exec sta iw dev vw0 link
	ping_until sta 10.0.0.1
	ping_until sta "$peer"
}

guest2() { station; }
guest3() { station; }

host() {
	local r

	for r in guest1 guest2 guest3; do
		await "ready.$r"
	done
	mctl node
	medium_nodes_are 3 || fail "the medium lists $(medium_nodes) nodes, not 3"
	air_medium_stop KILL || fail "vwifi-medium did not die"
	mark medium-killed
	await lost.guest2
	await lost.guest3
	# the sockets of the dead medium are still there: the new one replaces them
	ls -l "$VW_AIR_DIR"
	air_medium_start air-restarted.pcap || fail "vwifi-medium did not start again"
	wait_for 30 medium_nodes_are 3 || fail "the restarted medium lists $(medium_nodes) nodes, not 3"
	mctl node
	mark medium-back
}

vm_main
