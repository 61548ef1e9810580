#!/bin/bash
# vw-timeout: 240
# Monitor on 5 GHz: a third radio listens to a VHT80 BSS with WMM on
# channel 36 while the station pings; tshark reads the capture.
#
#   ns0                     ns1                     ns2
#  +------------------+    +------------------+    +----------------------+
#  | vw0 AP 10.0.0.1  |    | vw1 STA 10.0.0.2 |    | mon0 (on vw_phy2)    |
#  | open, VHT80, WMM |    | wpa_supplicant   |    | monitor 5180, 80 MHz |
#  +--------+---------+    +--------+---------+    +----------+-----------+
#           +------ air: 5170-5250 MHz (primary 5180) --------+
#
# A monitor interface is set by hand, so the regulatory domain is set by
# hand first: "iw reg set DE" (hostapd's country_code alone comes too late
# for the monitor, which is tuned before hostapd starts).
#
# Asserts: beacons carry HT and VHT capabilities; unicast data between
# station and AP is QoS data (subtype 0x28; none as plain data from the
# station); QoS data frames carry a radiotap VHT field with an MCS, at
# 80 MHz on vwifi (mac80211_hwsim's rate control stays on 20 MHz rates
# there, see 42-vht80.sh).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
require tcpdump tshark

reg_set DE
two_and_monitor
n ns2 iw dev mon0 set freq 5180 80 5210
assert_grep $'\tchannel 36 \\(5180 MHz\\), width: 80 MHz, center1: 5210 MHz' \
	ip netns exec ns2 iw dev mon0 info
pcap=$VW_DIR/air.pcap
capture_start "$pcap"

start_ap ns0 vw0 hostapd-open.conf "${vw_ap_vht80[@]}" wmm_enabled=1
start_sta ns1 vw1 wpa_supplicant-open.conf
wait_connected ns1 vw1
ping_ok ns1 10.0.0.1 10
ping_ok ns0 10.0.0.2 10
capture_stop

# One pass of tshark (slow to start under TCG), counted by awk: subtype,
# ToDS, FromDS (0/1, or False/True in newer tshark), HT and VHT
# capabilities, radiotap's VHT MCS and bandwidth (4: 80 MHz), protocols.
frames=$VW_DIR/frames.csv
tshark -r "$pcap" -T fields -E separator=, -E aggregator=/ -e wlan.fc.type_subtype \
	-e wlan.fc.tods -e wlan.fc.fromds -e wlan.ht.capabilities \
	-e wlan.vht.capabilities -e radiotap.vht.mcs.0 -e radiotap.vht.bw \
	-e frame.protocols >"$frames" 2>/dev/null || fail "tshark cannot read $pcap"
log "frames captured: $(wc -l <"$frames")"
awk -F, 'NR == 1 { exit $8 !~ /^radiotap:wlan_radio:wlan/ }' "$frames" ||
	fail "the capture is not radiotap + 802.11"
# count WHAT: frames of one kind (see the awk below)
count() {
	awk -F, -v what="$1" '
		function yes(v) { return v == "1" || v == "True" }
		what == "beacon-ht-vht" && $1 == "0x0008" && $4 != "" && $5 != "" { c++ }
		what == "qos-to-ap" && $1 == "0x0028" && yes($2) { c++ }
		what == "qos-from-ap" && $1 == "0x0028" && yes($3) { c++ }
		what == "plain-to-ap" && $1 == "0x0020" && yes($2) { c++ }
		what == "qos-vht" && $1 == "0x0028" && $6 != "" { c++ }
		what == "qos-vht80" && $1 == "0x0028" && $6 != "" && $7 == "4" { c++ }
		END { print c + 0 }' "$frames"
}
checks=(beacon-ht-vht qos-to-ap qos-from-ap qos-vht)
[ "$VW_DRIVER" = vwifi ] && checks+=(qos-vht80)
for what in "${checks[@]}"; do
	c=$(count "$what")
	log "frames $what: $c"
	[ "$c" -gt 0 ] || fail "no frame $what in the capture"
done
c=$(count plain-to-ap)
[ "$c" = 0 ] || fail "$c plain (non-QoS) data frames from the station"
log "QoS data with radiotap VHT (subtype,tods,fromds,,,mcs,bw):"
awk -F, '$1 == "0x0028" && $6 != "" { NF = 7; print }' OFS=, "$frames" | sort | uniq -c | sed -n 1,5p
show "the capture (tshark -r air.pcap | head)" tshark -r "$pcap" -c 20
