#!/bin/bash
# vw-timeout: 200
# Injection: a frame written to a monitor interface, radiotap header
# first, goes on the air as it is, at the rate the header asks for, as
# scapy, aireplay-ng or mdk4 write them. Garbage is refused.
#
#   ns0                     ns1                     ns2
#  +------------------+    +------------------+    +----------------------+
#  | inj0 (vw_phy0)   |    | vw1  station     |    | mon0 (on vw_phy2)    |
#  | monitor, 2437    |    | wpa_supplicant   |    | monitor, tcpdump     |
#  | python3 AF_PACKET|    |                  |    |                      |
#  +--------+---------+    +--------+---------+    +----------+-----------+
#           +------------ air: 2437 MHz (channel 6) ----------+
#
# Asserts: beacons of an SSID "injected" written to inj0 (radiotap Rate
# 12 Mb/s) show up in the station's scan results and in mon0's capture with
# radiotap's rate 12 Mb/s; with vwifi, a radiotap header longer than the
# frame and an ACK frame (a control frame vwifi does not model) are
# counted as inj0's tx_dropped (mac80211_hwsim has its own checks); no
# kernel log line.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
require tcpdump tshark python3

two_and_monitor
n ns2 iw dev mon0 set freq 2437
# vw0 would hold the radio's channel: the injecting monitor takes it
n ns0 ip link set vw0 down
n ns0 iw phy vw_phy0 interface add inj0 type monitor
n ns0 ip link set inj0 up
n ns0 iw dev inj0 set freq 2437
pcap=$VW_DIR/air.pcap
capture_start "$pcap"

# inject.py WHAT COUNT [GAP]: frames written to inj0 by an AF_PACKET
# socket, GAP seconds apart (default 0.1): "beacon" (SSID injected, radiotap Rate 12 Mb/s),
# "long-radiotap" (it_len past the frame), "ack" (a control frame behind
# a good header)
inj_py=$VW_DIR/inject.py
cat >"$inj_py" <<'EOF'
import socket, struct, sys, time
what, count = sys.argv[1], int(sys.argv[2])
gap = float(sys.argv[3]) if len(sys.argv) > 3 else 0.1
bssid = bytes.fromhex("020000000100")
def radiotap(rate, length=None):
    # version, pad, length, present: Rate (bit 2), then the rate byte
    return struct.pack("<BBHI", 0, 0, length or 9, 1 << 2) + bytes([rate])
def ie(eid, data):
    return bytes([eid, len(data)]) + data
beacon = (struct.pack("<HH", 0x0080, 0) + b"\xff" * 6 + bssid + bssid +
          struct.pack("<H", 0) + bytes(8) + struct.pack("<HH", 100, 0x0401) +
          ie(0, b"injected") + ie(1, bytes([0x82, 0x84, 0x0c, 0x18])) +
          ie(3, bytes([6])))
frames = {
    "beacon": radiotap(24) + beacon,
    "long-radiotap": radiotap(24, 200) + beacon[:20],
    "ack": radiotap(2) + struct.pack("<HH", 0x00d4, 0) + bssid,
}
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("inj0", 0))
for _ in range(count):
    s.send(frames[what])
    time.sleep(gap)
EOF
inject() {
	n ns0 python3 -S "$inj_py" "$@"
}

dropped_before=$(ip netns exec ns0 cat /sys/class/net/inj0/statistics/tx_dropped)
# every 10 ms, so that a station's short active dwell on 2437 hears some
bg ns0 python3 -S "$inj_py" beacon 1500 0.01
injector=${vw_bg_pids[-1]}
# the station's wpa_supplicant scans, as NetworkManager would have it
sta_conf=$VW_DIR/sta-scan.conf
printf 'ctrl_interface=/var/run/wpa_supplicant\n' >"$sta_conf"
start_sta ns1 vw1 "$sta_conf"
injected_seen() {
	wpa_cli_ns ns1 vw1 scan freq=2437 >/dev/null
	sleep 1
	wpa_cli_ns ns1 vw1 scan_results | grep -q $'\tinjected$'
}
wait_for 20 injected_seen || fail "the station's scan does not show the injected beacons"
show "scan results of vw1" wpa_cli_ns ns1 vw1 scan_results
wait "$injector" || fail "injecting beacons failed"
capture_stop

rates=$(tshark -r "$pcap" -Y 'wlan.ssid == "injected"' -T fields \
	-e radiotap.datarate 2>/dev/null | sort | uniq -c)
log "injected beacons in mon0's capture, by radiotap rate: ${rates:-none}"
awk '$2 == 12 { found = 1 } END { exit !found }' <<<"$rates" ||
	fail "no injected beacon at 12 Mb/s in the capture"

if [ "$VW_DRIVER" = vwifi ]; then
	inject long-radiotap 1
	inject ack 1
	dropped=$(ip netns exec ns0 cat /sys/class/net/inj0/statistics/tx_dropped)
	log "inj0 tx_dropped: $dropped_before before, $dropped after 2 bad frames"
	[ "$((dropped - dropped_before))" -eq 2 ] ||
		fail "the two bad frames were not both refused"
fi
dmesg_clean || fail "kernel log"
log PASS
