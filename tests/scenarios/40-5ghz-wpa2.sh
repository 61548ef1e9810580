#!/bin/bash
# vw-timeout: 150
# WPA2-PSK (CCMP) on 5 GHz: an 802.11a access point on channel 36 in
# Germany and one station.
#
#   ns0                              ns1
#  +-----------------------------+  +-----------------------------+
#  | vw0  AP  10.0.0.1           |  | vw1  STA  10.0.0.2          |
#  | hostapd hw_mode=a ch 36     |  | wpa_supplicant              |
#  | country_code=DE, WPA2 CCMP  |  |                             |
#  +--------------+--------------+  +--------------+--------------+
#                 +------ air: 5180 MHz (channel 36) -----+
#
# The world regulatory domain forbids an AP on 5 GHz ("no IR"): hostapd's
# country_code=DE is what a user must set, and here the only place it is
# set (the domain is the guest's, so the station sees DE as well).
#
# Asserts: the world domain at the start, DE once hostapd runs and channel
# 36 then free to use; the station's scan lists the BSS at 5180 MHz; its
# link shows the AP, freq 5180; ping both ways.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

reg_world_at_exit
radios_in_netns 2
log "regulatory domain before hostapd: $(reg_country)"

start_ap ns0 vw0 hostapd-wpa2.conf "${vw_ap_5ghz[@]}"
assert_grep '^country DE:' iw reg get
assert_grep $'^\tchannel 36 \\(5180 MHz\\)' ip netns exec ns0 iw dev vw0 info
ch36=$(ip netns exec ns0 iw phy vw_phy0 info | grep -m1 ' 5180 MHz \[36\]') || true
log "vw_phy0 now lists: ${ch36:-no channel 36}"
case $ch36 in
'' | *'no IR'* | *disabled*) fail "channel 36 is not usable in DE" ;;
esac

start_sta ns1 vw1 wpa_supplicant.conf
wait_connected ns1 vw1
ap_mac=$(mac_of ns0 vw0)
assert_grep "^Connected to $ap_mac" ip netns exec ns1 iw dev vw1 link
assert_grep $'^\tSSID: test$' ip netns exec ns1 iw dev vw1 link
assert_grep $'^\tfreq: 5180(\\.0)?$' ip netns exec ns1 iw dev vw1 link

ping_ok ns1 10.0.0.1
ping_ok ns0 10.0.0.2

# A fresh scan on the station (while connected) finds the BSS on 5 GHz.
bss_on_5180() {
	scan_ns ns1 vw1 freq 5180 |
		awk -v m="$ap_mac" '/^BSS / { on = (substr($2, 1, 17) == m) }
			on && $1 == "freq:" && $2 + 0 == 5180 { found = 1 }
			END { exit !found }'
}
wait_for 45 bss_on_5180 || fail "the station's scan does not show $ap_mac on 5180"
assert_grep "^BSS $ap_mac" ip netns exec ns1 iw dev vw1 scan dump
show "link of vw1 (ip netns exec ns1 iw dev vw1 link)" ip netns exec ns1 iw dev vw1 link
