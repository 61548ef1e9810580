#!/bin/bash
# vw-timeout: 300
# Bulk TCP: station to station through the AP on an open network, first
# with nobody capturing (the stack's TSO bursts cross the local air whole),
# then with a monitor up (the same traffic as separate MPDUs a capture can
# check).
#
#   ns0                       ns1                       ns2
#  +--------------------+    +--------------------+    +--------------------+
#  | vw0  AP  10.0.0.1  |    | vw1  STA 10.0.0.2  |    | vw2  STA 10.0.0.3  |
#  | hostapd, open      |    | iperf3 -c 10.0.0.3 |    | iperf3 -s          |
#  | mon0 (phase 2)     |    |                    |    |                    |
#  +---------+----------+    +---------+----------+    +---------+----------+
#            +------------ air: 2437 MHz (channel 6) ------------+
#
# Asserts: vw1 offers TSO and has no qdisc; 20 MiB arrive (iperf3 completes,
# vw2's byte counter); the AP's station dump counts frames, not bursts;
# with mon0 capturing, 2 MiB arrive and every captured data frame is a
# complete MPDU: no longer than the MTU allows, TCP and IP checksums good.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
require iperf3 ethtool tc tcpdump tshark

bss_of_two hostapd-open.conf wpa_supplicant-open.conf
ping_ok ns1 10.0.0.3

if [ "$VW_DRIVER" = vwifi ]; then	# our interfaces' design, not mac80211's
	assert_grep '^tcp-segmentation-offload: on' ip netns exec ns1 ethtool -k vw1
	assert_grep 'qdisc noqueue' ip netns exec ns1 tc qdisc show dev vw1
fi

# sta_field FIELD: FIELD ("rx packets") of vw1 in the AP's station dump
sta_field() {
	ip netns exec ns0 iw dev vw0 station get "$(mac_of ns1 vw1)" |
		awk -v f="$1:" '{ line = $0; sub(/^[ \t]+/, "", line) }
			index(line, f) == 1 { print $NF; exit }'
}

# transfer BYTES: iperf3 from vw1 to vw2, which must finish
transfer() {
	bg ns2 iperf3 -s -1
	wait_for 10 bash -c "ip netns exec ns2 ss -ltn | grep -q ':5201 '" ||
		fail "iperf3 server did not start"
	n ns1 timeout 120 iperf3 -c 10.0.0.3 -n "$1" || fail "iperf3 of $1 did not complete"
}

mib=$((1024 * 1024))
before=$(ip netns exec ns2 cat /sys/class/net/vw2/statistics/rx_bytes)
pkts_before=$(sta_field 'rx packets')
transfer 20M
after=$(ip netns exec ns2 cat /sys/class/net/vw2/statistics/rx_bytes)
pkts_after=$(sta_field 'rx packets')
log "vw2 received $((after - before)) bytes; the AP counted $((pkts_after - pkts_before)) frames from vw1"
[ $((after - before)) -ge $((20 * mib)) ] || fail "vw2 received $((after - before)) bytes, less than 20 MiB"
# 20 MiB in segments of at most 1448 bytes: at least 14481 frames
[ $((pkts_after - pkts_before)) -ge 14481 ] ||
	fail "the AP counted $((pkts_after - pkts_before)) frames from vw1 for 20 MiB"

# phase 2: a capture on the AP's radio sees complete MPDUs
n ns0 iw phy vw_phy0 interface add mon0 type monitor
n ns0 ip link set mon0 up
pcap=$VW_DIR/bulk.pcap
# A 32 MiB buffer: on a slow guest (6.12's slab checks) tcpdump falls
# behind the burst and the kernel drops what does not fit.
bg ns0 tcpdump -i mon0 -B 32768 -U -w "$pcap" type data
capture_pid=${vw_bg_pids[-1]}
wait_for 10 test -s "$pcap"
transfer 2M
# tcpdump stops at once when killed: first let it write what it has
# buffered, until the file stops growing
size=-1
for _ in $(seq 60); do
	[ "$(stat -c %s "$pcap")" = "$size" ] && break
	size=$(stat -c %s "$pcap")
	sleep 0.5
done
pp kill "$capture_pid" || true
wait "$capture_pid" 2>/dev/null || true

count() {
	tshark -r "$pcap" -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE \
		-Y "$1" -T fields -e frame.number 2>/dev/null | wc -l
}
good=$(count 'tcp.checksum.status == 1 && tcp.len > 1000')
log "captured TCP segments with a good checksum: $good"
[ "$good" -ge 1000 ] || fail "only $good full-size TCP segments with a good checksum in the capture"
for f in 'tcp.checksum.status == 0' 'ip.checksum.status == 0' 'frame.len > 1600'; do
	c=$(count "$f")
	[ "$c" = 0 ] || fail "$c captured frames match '$f'"
done
show "the capture (tshark -r bulk.pcap | head)" tshark -r "$pcap" -c 10
log "PASS"
