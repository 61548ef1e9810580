#!/bin/bash
# vw-timeout: 150
# 802.11ac: a WPA2 BSS 80 MHz wide on channels 36-48 (primary 36, centre
# channel 42), a station, and TCP across it.
#
#   ns0                              ns1
#  +-----------------------------+  +-----------------------------+
#  | vw0  AP  10.0.0.1  WPA2     |  | vw1  STA  10.0.0.2          |
#  | hw_mode=a ch 36, VHT80      |  | wpa_supplicant              |
#  | iperf3 -s                   |  | iperf3 -c 10.0.0.1          |
#  +--------------+--------------+  +--------------+--------------+
#                 +---- air: 5170-5250 MHz (centre 5210) ----+
#
# Asserts: both sides' "iw dev info" show channel 36, width 80 MHz, centre
# 5210 MHz; the station's link has VHT-MCS rates at 80 MHz both ways (the
# width not on hwsim, see below), and so has the AP's station dump for the
# station; an iperf3 TCP run of a few seconds completes and the AP
# receives what it reports (no speed asserted: the guest's depends on the
# host).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
require iperf3 python3

reg_world_at_exit
radios_in_netns 2

start_ap ns0 vw0 hostapd-wpa2.conf "${vw_ap_vht80[@]}"
start_sta ns1 vw1 wpa_supplicant.conf
wait_connected ns1 vw1

vht80=$'\tchannel 36 \\(5180 MHz\\), width: 80 MHz, center1: 5210 MHz'
assert_grep "$vht80" ip netns exec ns0 iw dev vw0 info
assert_grep "$vht80" ip netns exec ns1 iw dev vw1 info
ping_ok ns1 10.0.0.1
ping_ok ns0 10.0.0.2

bg ns0 iperf3 -s -1
wait_for 10 bash -c "ip netns exec ns0 ss -ltn | grep -q ':5201 '" ||
	fail "iperf3 server did not start"
before=$(ip netns exec ns0 cat /sys/class/net/vw0/statistics/rx_bytes)
out=$VW_DIR/iperf3.json
printf '+ ip netns exec ns1 iperf3 -c 10.0.0.1 -t 3 -J > %s\n' "$(basename "$out")"
ip netns exec ns1 timeout 60 iperf3 -c 10.0.0.1 -t 3 -J >"$out" ||
	fail "iperf3 did not complete (see $(basename "$out"))"
after=$(ip netns exec ns0 cat /sys/class/net/vw0/statistics/rx_bytes)
got=$(python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["end"]["sum_received"]["bytes"])' "$out")
log "iperf3: $got bytes received; vw0 counted $((after - before)) bytes in"
[ "$got" -gt 0 ] || fail "iperf3 moved no data"
[ $((after - before)) -ge "$got" ] || fail "vw0 received fewer bytes than iperf3 reports"

# vwifi picks the rate from the signal, at the BSS's full width. On
# mac80211_hwsim the rate is minstrel_ht's: on this traffic it stays on
# 20 MHz VHT rates ("13.0 MBit/s VHT-MCS 1 VHT-NSS 1", expected throughput
# 9.7 Mb/s, with no frame lost), so there the width is not asserted.
vht='VHT-MCS [0-9]+ 80MHz'
[ "$VW_DRIVER" = hwsim ] && vht='VHT-MCS [0-9]+'
wait_rate ns1 vw1 10.0.0.1 tx "$vht"
wait_rate ns1 vw1 10.0.0.1 rx "$vht"
# dump_shows NS PEER REGEX IW_ARGS...: after a burst of pings from NS to
# PEER, "iw IW_ARGS" in NS matches REGEX (polled: hwsim's rate control
# samples other rates now and then).
dump_shows() {
	local ns=$1 peer=$2 re=$3

	shift 3
	ip netns exec "$ns" ping -n -q -c 20 -i 0.01 -w 2 "$peer" >/dev/null 2>&1 || true
	ip netns exec "$ns" iw "$@" | grep -qE -- "$re"
}
sta_mac=$(mac_of ns1 vw1)
for check in "ns1 10.0.0.1 tx dev vw1 station dump" \
	"ns0 10.0.0.2 tx dev vw0 station get $sta_mac" \
	"ns0 10.0.0.2 rx dev vw0 station get $sta_mac"; do
	read -r ns peer dir args <<<"$check"
	# shellcheck disable=SC2086  # iw's arguments as words
	wait_for 20 dump_shows "$ns" "$peer" $'^\t'"$dir bitrate:.*$vht" $args ||
		fail "iw $args in $ns has no $dir bitrate /$vht/"
	# shellcheck disable=SC2086
	log "iw $args: $(ip netns exec "$ns" iw $args | grep -E $'^\t'"$dir bitrate:")"
done
show "link of vw1 (ip netns exec ns1 iw dev vw1 link)" ip netns exec ns1 iw dev vw1 link
