#!/bin/bash
# The classic vwifi walkthrough: one WPA2-PSK (CCMP) access point and two
# stations, each radio in its own network namespace.
#
#   ns0                        ns1                        ns2
#  +---------------------+    +---------------------+    +---------------------+
#  | vw0  AP  10.0.0.1   |    | vw1  STA  10.0.0.2  |    | vw2  STA  10.0.0.3  |
#  | hostapd, ssid test  |    | wpa_supplicant      |    | wpa_supplicant      |
#  | WPA2-PSK CCMP, ch 6 |    |                     |    |                     |
#  +----------+----------+    +----------+----------+    +----------+----------+
#             |                          |                          |
#             +------------- air: 2437 MHz (channel 6) -------------+
#
# Asserts: vw1's link shows vw0's MAC, SSID test, freq 2437 and a signal; the
# AP's station dump lists both stations with byte counters; ping STA->STA
# (through the AP) and STA->AP with 0% loss; IPv6 link-local STA->STA.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

bss_of_two hostapd-wpa2.conf wpa_supplicant.conf

ap_mac=$(mac_of ns0 vw0)
sta1_mac=$(mac_of ns1 vw1)
sta2_mac=$(mac_of ns2 vw2)
log "AP $ap_mac, stations $sta1_mac $sta2_mac"

iw_dev_all() {
	local ns

	for ns in ns0 ns1 ns2; do
		echo "[$ns] ip netns exec $ns iw dev"
		ip netns exec "$ns" iw dev
	done
}
show "interfaces (iw dev, in each namespace)" iw_dev_all

assert_grep "^Connected to $ap_mac" ip netns exec ns1 iw dev vw1 link
assert_grep $'^\tSSID: test$' ip netns exec ns1 iw dev vw1 link
assert_grep $'^\tfreq: 2437(\\.0)?$' ip netns exec ns1 iw dev vw1 link
assert_grep $'^\tsignal: -?[0-9]+ dBm' ip netns exec ns1 iw dev vw1 link
assert_grep "^Connected to $ap_mac" ip netns exec ns2 iw dev vw2 link

ping_ok ns1 10.0.0.3
ping_ok ns2 10.0.0.1
ping_ok ns1 10.0.0.1
ll2=$(ipv6_ll ns2 vw2)
ping_ok ns1 "$ll2%vw1"

dump=$VW_DIR/station-dump.txt
n ns0 iw dev vw0 station dump | tee "$dump"
for mac in "$sta1_mac" "$sta2_mac"; do
	grep -q "^Station $mac (on vw0)" "$dump" || fail "station dump misses $mac"
	# The block of this station: its own byte counters, not zero.
	awk -v m="$mac" '/^Station / { on = ($2 == m) } on' "$dump" >"$VW_DIR/sta-$mac.txt"
	for f in 'rx bytes' 'tx bytes' 'rx packets' 'tx packets'; do
		v=$(awk -F: -v f="$f" '$1 ~ "^\t" f "$" { gsub(/[ \t]/, "", $2); print $2 }' "$VW_DIR/sta-$mac.txt")
		[ "${v:-0}" -gt 0 ] || fail "station $mac: '$f' is '${v:-missing}'"
	done
	grep -qE $'^\tauthorized:\tyes' "$VW_DIR/sta-$mac.txt" || fail "station $mac not authorized"
done

show "link of vw1 (ip netns exec ns1 iw dev vw1 link)" ip netns exec ns1 iw dev vw1 link
show "stations of the AP (ip netns exec ns0 iw dev vw0 station dump)" ip netns exec ns0 iw dev vw0 station dump
show "STA to STA (ip netns exec ns1 ping -c 3 10.0.0.3)" ip netns exec ns1 ping -c 3 10.0.0.3
show "STA to AP (ip netns exec ns2 ping -c 3 10.0.0.1)" ip netns exec ns2 ping -c 3 10.0.0.1
