#!/bin/bash
# The medium's denylist cuts one station off the air and lets it back:
# the host runs vwifi-tool medium deny between guest 1's AP and guest 2's
# station, both ways; guest 2 loses the AP (its beacons no longer come,
# nothing it sends arrives) while guest 3 carries on; once the host clears
# the denylist, guest 2's wpa_supplicant connects again by itself.
#
#   guest 1                    guest 2                    guest 3
#  +---------------------+    +---------------------+    +---------------------+
#  | ns ap               |    | ns sta              |    | ns sta              |
#  | vw0 AP  10.0.0.1    |    | vw0 STA  10.0.0.2   |    | vw0 STA  10.0.0.3   |
#  +----------+----------+    +----------+----------+    +----------+----------+
#             |                          X (denied both ways)       |
#  host       +---------------------- vwifi-medium -----------------+
#                     vwifi-tool medium deny add AP STA2 / STA2 AP
#
# Asserts: all connect and ping; under the denylist guest 2 disconnects,
# the AP cannot reach it, guest 3 still pings the AP with 0% loss and the
# medium counts denied frames; after "medium deny clear" guest 2 connects
# again and pings the AP and guest 3 with 0% loss.
#
# vm-guests: 3
# vm-air: medium
# shellcheck source-path=SCRIPTDIR source=vm-lib.sh
. "$(dirname "$0")/../scenarios-vm/vm-lib.sh"

guest1() {
	ap_of_two
	mark ready.guest1
	await cut.guest2
	ping_fails ap 10.0.0.2
	await cleared
	ping_until ap 10.0.0.2 120
}

guest2() {
	local bssid

	load_air 1
	bssid=$(fetch bssid.guest1)
	vm_sta vw_phy0 sta 10.0.0.2 "$bssid"
	publish addr.guest2 "$(mac_of sta vw0)"
	ping_until sta 10.0.0.1
	mark ready.guest2
	await denied
	# the driver gives up on an AP whose beacons stop
	wait_disconnected sta vw0 30
	ping_fails sta 10.0.0.1
	mark cut.guest2
	await cleared
	log "waiting for wpa_supplicant to connect again by itself"
	wait_connected sta vw0 120
	assert_grep "^Connected to $bssid" ip netns exec sta iw dev vw0 link
	ping_until sta 10.0.0.1
	ping_until sta 10.0.0.3
}

guest3() {
	load_air 1
	vm_sta vw_phy0 sta 10.0.0.3 "$(fetch bssid.guest1)"
	ping_until sta 10.0.0.1
	mark ready.guest3
	await cut.guest2
	# the others do not notice
	assert_grep '^Connected to ' ip netns exec sta iw dev vw0 link
	ping_all sta 10.0.0.1 10
	await cleared
	ping_until sta 10.0.0.2 120
}

host() {
	local ap sta2

	await ready.guest1
	await ready.guest2
	await ready.guest3
	ap=$(fetch bssid.guest1)
	sta2=$(fetch addr.guest2)
	mctl deny add "$ap" "$sta2"
	mctl deny add "$sta2" "$ap"
	assert_grep "$ap +$sta2" mctl_out deny list
	mark denied
	await cut.guest2
	mctl radio
	mctl_out radio | awk -v a="$sta2" '$1 == a && $12 > 0 { ok = 1 } END { exit !ok }' ||
		fail "the medium counted no frame denied to $sta2"
	mctl deny clear
	assert_no_grep "$sta2" mctl_out deny list
	mark cleared
}

vm_main
