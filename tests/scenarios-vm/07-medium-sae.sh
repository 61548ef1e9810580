#!/bin/bash
# WPA3-Personal across machines: a SAE access point in guest 1 and a
# station in guest 2, their air joined by vwifi-medium. SAE is user
# space's on both sides (external authentication), its frames cross the
# transport and the medium like any other.
#
#   guest 1                       guest 2
#  +------------------------+    +------------------------+
#  | ns ap                  |    | ns sta                 |
#  | vw0 AP  10.0.0.1       |    | vw0 STA  10.0.0.2      |
#  | hostapd SAE, PMF req.  |    | wpa_supplicant SAE     |
#  +-----------+------------+    +-----------+------------+
#  host        +------ vwifi-medium --pcap air.pcap ------+
#
# Asserts: the station connects to guest 1's BSSID with SAE and PMF
# (wpa_cli status key_mgmt=SAE, pmf=2); the AP lists it authorized; pings
# both ways; the medium's capture holds SAE commit and confirm from both
# (tshark on the host) and the medium counted no malformed air frame.
# vwifi only: mac80211_hwsim has no transport to another machine (60-sae
# is the same association in one guest, with both drivers).
#
# vm-guests: 2
# vm-air: medium
# vm-check: yes
# shellcheck source-path=SCRIPTDIR source=vm-lib.sh
. "$(dirname "$0")/../scenarios-vm/vm-lib.sh"

guest1() {
	load_air 1
	vm_ap vw_phy0 ap 10.0.0.1 wpa_key_mgmt=SAE ieee80211w=2 \
		sae_password=12345678
	wait_stations ap vw0 1
	ping_until ap 10.0.0.2
}

guest2() {
	local conf=$VW_DIR/sta-sae.conf

	load_air 1
	sae_sta_conf "$conf" 12345678
	vm_sta vw_phy0 sta 10.0.0.2 "$(fetch bssid.guest1)" 120 "$conf"
	assert_grep '^key_mgmt=SAE$' wpa_cli_ns sta vw0 status
	assert_grep '^pmf=2$' wpa_cli_ns sta vw0 status
	publish addr.guest2 "$(mac_of sta vw0)"
	mark connected.guest2
	ping_until sta 10.0.0.1
}

host() {
	local pcap=$VW_AIR_OUT/air.pcap who seq frames

	require tshark
	await connected.guest2
	frames=$(tshark -r "$pcap" -Y 'wlan.fixed.auth.alg == 3' -T fields \
		-E separator=, -e wlan.sa -e wlan.fixed.auth_seq 2>/dev/null || true)
	log "SAE authentication frames in air.pcap (source, transaction):"
	printf '%s\n' "$frames"
	for who in "$(fetch bssid.guest1)" "$(fetch addr.guest2)"; do
		for seq in 0x0001 0x0002; do
			grep -q "^$who,$seq$" <<<"$frames" ||
				fail "air.pcap holds no SAE authentication $seq from $who"
		done
	done
	medium_got_only_air
}

vm_main
