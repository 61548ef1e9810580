#!/bin/bash
# vw-timeout: 200
# OWE transition mode: an open BSS and a hidden OWE BSS that name each
# other (the OWE Transition Mode element in both beacons). A station set
# up for OWE with the open network's SSID joins the OWE one.
#
#   ns0                      ns1                     ns2
#  +---------------------+  +--------------------+  +----------------------+
#  | vw0  AP  10.0.0.1   |  | vw1  STA 10.0.0.2  |  | vw2  AP  10.0.0.3    |
#  | "test-open", open   |  | key_mgmt=OWE       |  | "test-owe", OWE,     |
#  | -> vw2, "test-owe"  |  | ssid="test-open"   |  | hidden -> vw0        |
#  +----------+----------+  +---------+----------+  +----------+-----------+
#             +---------- air: 2437 MHz (channel 6) -----------+
#
# Needs of vwifi: the hidden BSS answering the station's directed probe
# for the SSID it learned from the open BSS, and OWE as in 63-owe.
#
# Asserts: a scan shows the open BSS's OWE Transition Mode element naming
# vw2; wpa_cli status has key_mgmt=OWE and vw2's BSSID; iw dev vw1 link
# shows vw2 and SSID test-owe; the station pings vw2 and vw2 pings it.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

radios_in_netns 3
open_mac=$(mac_of ns0 vw0)
owe_mac=$(mac_of ns2 vw2)
start_ap ns0 vw0 hostapd-open.conf ssid=test-open \
	"owe_transition_bssid=$owe_mac" 'owe_transition_ssid="test-owe"'
start_ap ns2 vw2 hostapd-wpa2.conf ssid=test-owe \
	wpa_key_mgmt=OWE ieee80211w=2 ignore_broadcast_ssid=1 \
	"owe_transition_bssid=$open_mac" 'owe_transition_ssid="test-open"'

# the open BSS names the OWE one (iw decodes the element)
open_names_owe() {
	scan_ns ns1 vw1 freq 2437 |
		awk -v open="BSS $open_mac" -v owe="BSSID: $owe_mac" '
			/^BSS / { in_open = index($0, open) == 1 }
			in_open && /OWE Transition Mode:/ { mode = 1 }
			in_open && mode && index($0, owe) { found = 1 }
			END { exit !found }'
}
wait_for 60 open_names_owe || fail "no OWE transition element from $open_mac"

conf=$VW_DIR/sta-owe-trans.conf
owe_sta_conf "$conf"
sed -i 's/ssid="test"/ssid="test-open"/' "$conf"
owe_join ns1 vw1 "$conf" 10.0.0.3
# wpa_cli shows the network's SSID as configured, iw the BSS's
assert_grep '^key_mgmt=OWE$' wpa_cli_ns ns1 vw1 status
assert_grep "^bssid=$owe_mac$" wpa_cli_ns ns1 vw1 status
assert_grep "^Connected to $owe_mac" ip netns exec ns1 iw dev vw1 link
assert_grep $'^\tSSID: test-owe$' ip netns exec ns1 iw dev vw1 link
ping_ok ns1 10.0.0.3 3
ping_ok ns2 10.0.0.2 3
dmesg_clean || fail "kernel log"
log PASS
