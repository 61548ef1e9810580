#!/bin/bash
# Three guests on one air through vwifi-medium: a WPA2-PSK access point in
# guest 1 (802.11ac, VHT80 on channel 36), a station in each of guests 2
# and 3, each guest's air carried by the driver's Ethernet transport over
# its virtio-net NIC.
#
#   guest 1                    guest 2                    guest 3
#  +---------------------+    +---------------------+    +---------------------+
#  | ns ap               |    | ns sta              |    | ns sta              |
#  | vw0 AP  10.0.0.1    |    | vw0 STA  10.0.0.2   |    | vw0 STA  10.0.0.3   |
#  | hostapd WPA2, 36/80 |    | wpa_supplicant      |    | wpa_supplicant      |
#  | eth0 52:54:00:..:01 |    | eth0 52:54:00:..:02 |    | eth0 52:54:00:..:03 |
#  +----------+----------+    +----------+----------+    +----------+----------+
#             | -netdev stream (unix)    |                          |
#  host       +--------------- vwifi-medium --pcap air.pcap --------+
#
# Asserts: each radio's address carries its guest's number; the NICs' MTU
# fits 802.11 frames; both stations connect to guest 1's BSSID with a
# signal, on 5180 MHz at 80 MHz, sending at a VHT MCS; the AP lists both,
# authorized; pings with 0% loss between every
# pair (station to station goes through the AP), full-sized frames
# included; a TCP transfer (iperf3) from each station to the AP; the
# medium knows three nodes and three radios and got nothing but
# well-formed air frames; its capture holds the 4-way handshake of each
# station and QoS data with radiotap VHT fields on 5180 MHz (tshark on the
# host): 5 GHz and VHT frames cross the transport and the medium as they
# are.
#
# vm-guests: 3
# vm-air: medium
# vm-check: yes
# shellcheck source-path=SCRIPTDIR source=vm-lib.sh
. "$(dirname "$0")/../scenarios-vm/vm-lib.sh"

# the AP: 802.11ac on channel 36, 80 MHz wide (5170-5250 MHz is no-IR
# in the world domain: the AP sets its country)
vht80=(hw_mode=a channel=36 country_code=DE ieee80211n=1 ieee80211ac=1
	'ht_capab=[HT40+][SHORT-GI-20][SHORT-GI-40]' 'vht_capab=[SHORT-GI-80]'
	vht_oper_chwidth=1 vht_oper_centr_freq_seg0_idx=42)

guest1() {
	load_air 1
	check_machine vw0
	vm_ap vw_phy0 ap 10.0.0.1 "${vht80[@]}"
	assert_grep 'channel 36 \(5180 MHz\), width: 80 MHz, center1: 5210 MHz' \
		ip netns exec ap iw dev vw0 info
	tcp_server ap
	wait_stations ap vw0 2
	n ap iw dev vw0 station dump
	ping_until ap 10.0.0.2
	ping_until ap 10.0.0.3
	# a full 1500-byte IP packet in one 802.11 frame, across machines
	ping_size ap 10.0.0.2 1472
}

station() {
	local me=10.0.0.$VW_GUEST peer=10.0.0.$((5 - VW_GUEST))

	load_air 1
	check_machine vw0
	vm_sta vw_phy0 sta "$me" "$(fetch bssid.guest1)"
	publish "addr.$VW_ROLE" "$(mac_of sta vw0)"
	mark "connected.$VW_ROLE"
	ping_until sta 10.0.0.1
	ping_until sta "$peer"
	tcp_ok sta 10.0.0.1
	assert_grep 'freq: 5180' ip netns exec sta iw dev vw0 link
	assert_grep 'tx bitrate: .* VHT-MCS [0-9] 80MHz' ip netns exec sta iw dev vw0 link
}

guest2() { station; }
guest3() { station; }

# eapol_count PCAP ADDR: EAPOL frames to or from ADDR in the capture.
eapol_count() {
	tshark -r "$1" -Y "eapol && wlan.addr == $2" 2>/dev/null | grep -c . || true
}

host() {
	local sta pcap=$VW_AIR_OUT/air.pcap c

	require tshark
	await connected.guest2
	await connected.guest3
	for sta in guest2 guest3; do
		c=$(eapol_count "$pcap" "$(fetch "addr.$sta")")
		log "air.pcap: $c EAPOL frames of $sta"
		[ "$c" -ge 4 ] || fail "air.pcap holds $c EAPOL frames of $sta, not the 4-way handshake"
	done
	pp tshark -r "$pcap" -Y eapol 2>/dev/null | tail -n 8
	# QoS data at a VHT MCS, 80 MHz (radiotap bandwidth 4), on 5180 MHz
	c=$(tshark -r "$pcap" -Y 'wlan.fc.type_subtype == 0x0028 &&
		radiotap.channel.freq == 5180 && radiotap.vht.bw == 4 &&
		radiotap.vht.mcs.0 >= 0' 2>/dev/null | grep -c . || true)
	log "air.pcap: $c QoS data frames with VHT radiotap fields on 5180 MHz"
	[ "$c" -gt 0 ] || fail "air.pcap holds no VHT QoS data on 5180 MHz"
	mctl node
	medium_nodes_are 3 || fail "the medium lists $(medium_nodes) nodes, not 3"
	mctl radio
	for sta in guest2 guest3; do
		mctl_out radio | grep -q "^$(fetch "addr.$sta") " || fail "the medium does not know $sta's radio"
	done
	medium_got_only_air
}

vm_main
