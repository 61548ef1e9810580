# shellcheck shell=bash
# bench/guest/net.sh: the data path. TCP throughput, UDP packet rate and
# loss, ping round-trip time, between network namespaces over Wi-Fi (vwifi
# or mac80211_hwsim, open or WPA2-CCMP) or over a veth pair.
#
# Wi-Fi (bench_net SEC, driver from $VW_DRIVER):
#
#   ns0                        ns1                        ns2
#  +---------------------+    +---------------------+    +---------------------+
#  | vw0  AP  10.0.0.1   |    | vw1  STA  10.0.0.2  |    | vw2  STA  10.0.0.3  |
#  | hostapd, iperf3 -s  |    | wpa_supplicant      |    | wpa_supplicant      |
#  |                     |    | iperf3 -c, ping     |    | iperf3 -s           |
#  +----------+----------+    +----------+----------+    +----------+----------+
#             +-------------- air: 2437 MHz (channel 6) ------------+
#
#   station -> AP        ns1 -> 10.0.0.1
#   station -> station   ns1 -> 10.0.0.3, forwarded by the AP
#
# VHT80 (bench_vht80): vw0 as AP, open, 80 MHz on channels 36-48 (primary
# 36, centre 42, country DE) and vw1 as its station, TCP ns1 -> 10.0.0.1:
# the same figure as tcp_ap_open on the 5 GHz band at 80 MHz wide.
#
# veth (bench_veth), the limit for any virtual link:
#
#   ns1 veth1 10.0.0.2  <---- one veth pair ---->  ns0 veth0 10.0.0.1
#
# Keys (suffix _open or _wpa2): tcp_ap, tcp_sta (Mbit/s), udp_pps (thousand
# 64-byte datagrams received per second, sender unlimited), udp_loss (% lost
# at BENCH_UDP_PPS offered), ping (median RTT of BENCH_PINGS pings, ms);
# tcp_ap_vht80 (Mbit/s).

# iperf_server NS: an iperf3 server in NS, stopped by the cleanup.
iperf_server() {
	local ns=$1 pid=$VW_DIR/iperf3-$1.pid

	vw_pidfiles+=("$pid")
	n "$ns" iperf3 -s -D -I "$pid" --logfile "$VW_DIR/iperf3-$ns.log"
	wait_for 10 iperf_listening "$ns" || fail "iperf3 server in $ns did not start"
}

iperf_listening() {
	[ -n "$(ip netns exec "$1" ss -Hltn 'sport = :5201')" ]
}

# iperf_run FILE NS ARGS...: iperf3 client in NS writing JSON to FILE.
# On failure prints the reason and returns 1.
iperf_run() {
	local f=$1 ns=$2 err

	shift 2
	printf '+ ip netns exec %s iperf3 %s\n' "$ns" "$*" >&2
	if timeout -k 5 "$((BENCH_TCP_SECS + BENCH_UDP_SECS + 40))" \
		ip netns exec "$ns" iperf3 -J "$@" >"$f" 2>&1; then
		return 0
	fi
	err=$(jq -r '.error // empty' "$f" 2>/dev/null || true)
	[ -n "$err" ] || err=$(tail -n 1 "$f")
	printf 'iperf3 failed: %s\n' "${err:-no output}"
	return 1
}

# measure_iperf KEY UNIT JQ NS ARGS...: BENCH_REPS iperf3 runs from NS, the
# figure of each taken from its JSON by JQ.
measure_iperf() {
	local key=$1 unit=$2 expr=$3 ns=$4 r f v why

	shift 4
	for ((r = 1; r <= BENCH_REPS; r++)); do
		f=$VW_DIR/$key-$r.json
		v='' why=''
		if why=$(iperf_run "$f" "$ns" "$@") && v=$(jq -er "$expr" "$f"); then
			printf '  %s run %d: %.2f %s\n' "$key" "$r" "$v" "$unit"
			result "$key" "$BENCH_DRIVER" "$v"
		else
			why=${why:-no figure in the JSON of iperf3}
			printf '%s\n' "$why"
			na "$key" "$BENCH_DRIVER" "$why"
		fi
	done
}

# measure_tcp KEY NS ADDR: received Mbit/s over BENCH_TCP_SECS seconds, slow
# start included (iperf3 -O would hide a stall at the start).
measure_tcp() {
	measure_iperf "$1" Mbit/s '.end.sum_received.bits_per_second / 1e6' \
		"$2" -c "$3" -t "$BENCH_TCP_SECS"
}

# measure_udp KEY_PPS KEY_LOSS NS ADDR: 64-byte datagrams, first as fast as
# the sender can (thousands received per second), then at BENCH_UDP_PPS
# (loss in %).
measure_udp() {
	# shellcheck disable=SC2016  # $s is jq's
	measure_iperf "$1" kpps \
		'.end.sum_received as $s | ($s.packets - $s.lost_packets) / $s.seconds / 1000' \
		"$3" -c "$4" -u -l 64 -b 0 -t "$BENCH_UDP_SECS"
	measure_iperf "$2" '% lost' '.end.sum_received.lost_percent' \
		"$3" -c "$4" -u -l 64 -b "$((BENCH_UDP_PPS * 64 * 8))" -t "$BENCH_UDP_SECS"
}

# measure_ping KEY NS ADDR: median RTT (ms) of BENCH_PINGS pings 50 ms
# apart, per run; a run with fewer than half the replies is a failure.
measure_ping() {
	local key=$1 ns=$2 addr=$3 r f got med

	for ((r = 1; r <= BENCH_REPS; r++)); do
		f=$VW_DIR/$key-$r.txt
		printf '+ ip netns exec %s ping -n -c %s -i 0.05 %s\n' "$ns" "$BENCH_PINGS" "$addr"
		ip netns exec "$ns" ping -n -c "$BENCH_PINGS" -i 0.05 -W 2 "$addr" >"$f" 2>&1 || true
		got=$(grep -c 'time=' "$f" || true)
		if [ "$got" -lt $((BENCH_PINGS / 2)) ]; then
			printf 'ping: %s of %s replies\n' "$got" "$BENCH_PINGS"
			tail -n 3 "$f"
			na "$key" "$BENCH_DRIVER" "ping: $got of $BENCH_PINGS replies"
			continue
		fi
		med=$(sed -n 's/.*time=\([0-9.]*\) ms.*/\1/p' "$f" | median_of)
		printf '  %s run %d: median %s ms over %s replies\n' "$key" "$r" "$med" "$got"
		result "$key" "$BENCH_DRIVER" "$med"
	done
}

# measure_all SUFFIX NS ADDR [STA_ADDR]: every data-path figure from NS to
# ADDR; TCP to STA_ADDR too when given (station to station).
measure_all() {
	local sfx=$1 ns=$2 addr=$3 sta=${4:-}

	measure_tcp "tcp_ap_$sfx" "$ns" "$addr"
	[ -z "$sta" ] || measure_tcp "tcp_sta_$sfx" "$ns" "$sta"
	measure_udp "udp_pps_$sfx" "udp_loss_$sfx" "$ns" "$addr"
	measure_ping "ping_$sfx" "$ns" "$addr"
}

# bench_net SEC: open or wpa2, on $VW_DRIVER.
bench_net() {
	local sec=$1 ap_conf sta_conf

	case $sec in
	open) ap_conf=hostapd-open.conf sta_conf=wpa_supplicant-open.conf ;;
	wpa2) ap_conf=hostapd-wpa2.conf sta_conf=wpa_supplicant.conf ;;
	*) fail "bench_net: unknown security $sec" ;;
	esac

	radios_in_netns 3
	start_ap ns0 vw0 "$ap_conf"
	start_sta ns1 vw1 "$sta_conf"
	start_sta ns2 vw2 "$sta_conf"
	wait_connected ns1 vw1 120
	wait_connected ns2 vw2 120
	# Neighbours resolved, paths warm, before anything is timed.
	ping_ok ns1 10.0.0.1 3
	ping_ok ns1 10.0.0.3 3
	iperf_server ns0
	iperf_server ns2

	measure_all "$sec" ns1 10.0.0.1 10.0.0.3
	# Evidence for whoever reads the log: where frames were dropped.
	for i in 0 1 2; do
		n "ns$i" ip -s link show "vw$i" || true
		ip netns exec "ns$i" ethtool -S "vw$i" 2>/dev/null | grep -v ': 0$' || true
	done
}

# bench_vht80: TCP station -> AP on a VHT80 BSS, on $VW_DRIVER.
bench_vht80() {
	# hostapd's country_code sets DE for the guest: back to the world
	# domain when the job ends (lib.sh).
	reg_world_at_exit
	radios_in_netns 2
	# shellcheck disable=SC2154  # set in tests/scenarios/lib.sh
	start_ap ns0 vw0 hostapd-open.conf "${vw_ap_vht80[@]}"
	start_sta ns1 vw1 wpa_supplicant-open.conf
	wait_connected ns1 vw1 120
	n ns1 iw dev vw1 info | grep -E 'channel|width' || true
	ping_ok ns1 10.0.0.1 3
	iperf_server ns0

	measure_tcp tcp_ap_vht80 ns1 10.0.0.1
	n ns1 iw dev vw1 link || true
	for i in 0 1; do
		n "ns$i" ip -s link show "vw$i" || true
	done
}

bench_veth() {
	local ns

	for ns in ns0 ns1; do
		pp ip netns add "$ns"
		vw_netns+=("$ns")
		ip -n "$ns" link set lo up
	done
	pp ip link add veth1 netns ns1 type veth peer name veth0 netns ns0
	set_ip ns0 veth0 10.0.0.1/24
	set_ip ns1 veth1 10.0.0.2/24
	ping_ok ns1 10.0.0.1 3
	iperf_server ns0

	measure_all open ns1 10.0.0.1
}
