#!/bin/bash
# Monitor mode: a monitor interface on a third radio, on the AP's channel,
# captures the WPA2 set-up with tcpdump; tshark reads the file as 802.11
# with radiotap and finds beacons, the 4-way handshake and protected data.
#
#   ns0                     ns1                     ns2
#  +------------------+    +------------------+    +----------------------+
#  | vw0 AP 10.0.0.1  |    | vw1 STA 10.0.0.2 |    | mon0 (on vw_phy2)    |
#  | hostapd WPA2     |    | wpa_supplicant   |    | monitor, 2437 MHz    |
#  +--------+---------+    +--------+---------+    +----------+-----------+
#           +------------- air: 2437 MHz (channel 6) ---------+
#
# Also: "iw dev vw2 set type monitor" switches the radio's own interface.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
require tcpdump tshark

two_and_monitor
n ns2 iw dev mon0 set freq 2437
assert_grep 'type monitor' ip netns exec ns2 iw dev mon0 info
pcap=$VW_DIR/air.pcap
capture_start "$pcap"

start_ap ns0 vw0 hostapd-wpa2.conf
start_sta ns1 vw1 wpa_supplicant.conf
wait_connected ns1 vw1
ping_ok ns1 10.0.0.1
capture_stop

summary() {
	tshark -r "$pcap" -Y "$1" -T fields -e frame.number 2>/dev/null | wc -l
}
[ "$(tshark -r "$pcap" -T fields -e frame.protocols -c 1)" != "" ] || fail "tshark cannot read $pcap"
tshark -r "$pcap" -c 1 -T fields -e frame.protocols | grep -q 'radiotap:wlan_radio:wlan' || fail "not radiotap + 802.11"
for f in 'wlan.fc.type_subtype == 0x08' 'wlan.fc.type_subtype == 0x0b' \
	 'wlan.fc.type_subtype == 0x00' 'eapol' \
	 'wlan.fc.type == 2 && wlan.fc.protected == 1'; do
	c=$(summary "$f")
	log "frames matching '$f': $c"
	[ "$c" -gt 0 ] || fail "no frame matching '$f' in the capture"
done
[ "$(summary eapol)" -ge 4 ] || fail "the 4-way handshake is not complete in the capture"
show "the capture (tshark -r air.pcap | head)" tshark -r "$pcap" -c 20

# the radio's own interface as a monitor
n ns2 iw dev mon0 del
n ns2 ip link set vw2 down
n ns2 iw dev vw2 set type monitor
n ns2 ip link set vw2 up
n ns2 iw dev vw2 set freq 2437
assert_grep 'type monitor' ip netns exec ns2 iw dev vw2 info
pcap2=$VW_DIR/vw2.pcap
bg ns2 tcpdump -i vw2 -U -w "$pcap2" -c 3 type mgt subtype beacon
beacons_seen() {
	[ "$(tshark -r "$pcap2" 2>/dev/null | wc -l)" -ge 3 ]
}
wait_for 20 beacons_seen || fail "no beacons seen on vw2 as a monitor"
