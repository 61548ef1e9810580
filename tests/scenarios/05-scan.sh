#!/bin/bash
# Scan results and a BSSID-pinned connection.
#
#   ns0                     ns2                      ns3
#  +-------------------+   +--------------------+   +--------------------+
#  | vw0 AP "test"     |   | vw2 AP "other"     |   | vw3 AP "test"      |
#  | WPA2, ch 6 (2437) |   | open, ch 1 (2412)  |   | WPA2, ch 11 (2462) |
#  +---------+---------+   +---------+----------+   +---------+----------+
#            |                       |                        |
#            +---------- air ---------+------------------------+
#                                    |
#                          +---------+----------+
#                          | vw1 STA  (ns1)     |
#                          | iw scan, then      |
#                          | wpa_supplicant     |
#                          | bssid=<vw3>, <vw0> |
#                          +--------------------+
#
# Asserts: "iw dev vw1 scan" lists each BSS with its SSID, frequency and a
# signal, an RSN element for the WPA2 ones and none for the open one; with
# bssid= pinned, the station connects to exactly that AP (both ways round).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

radios_in_netns 4

start_ap ns0 vw0 hostapd-wpa2.conf
start_ap ns2 vw2 hostapd-open.conf ssid=other channel=1
start_ap ns3 vw3 hostapd-wpa2.conf channel=11
ap0=$(mac_of ns0 vw0)
ap2=$(mac_of ns2 vw2)
ap3=$(mac_of ns3 vw3)
log "APs: test $ap0 (ch 6), other $ap2 (ch 1), test $ap3 (ch 11)"

scan=$VW_DIR/scan.txt
scan_sees_all() {
	scan_ns ns1 vw1 >"$scan" 2>&1 || return 1
	grep -q "^BSS $ap0" "$scan" && grep -q "^BSS $ap2" "$scan" && grep -q "^BSS $ap3" "$scan"
}
log "scanning until the three BSSs are seen"
wait_for 60 scan_sees_all || fail "scan did not find all three BSSs"
n ns1 cat "$scan"

# bss_block BSSID: the scan entry of one BSS.
bss_block() {
	awk -v b="$1" '/^BSS / { on = (substr($2, 1, 17) == b) } on' "$scan"
}
check_bss() {
	local bssid=$1 ssid=$2 freq=$3 rsn=$4 blk

	blk=$(bss_block "$bssid")
	log "BSS $bssid: SSID $ssid, freq $freq, RSN $rsn"
	grep -qE $'^\tSSID: '"$ssid"'$' <<<"$blk" || fail "$bssid: no SSID $ssid"
	grep -qE $'^\tfreq: '"$freq"'(\\.0)?$' <<<"$blk" || fail "$bssid: not on $freq MHz"
	grep -qE $'^\tsignal: -?[0-9.]+ dBm' <<<"$blk" || fail "$bssid: no signal"
	if [ "$rsn" = yes ]; then
		grep -qE $'^\tRSN:' <<<"$blk" || fail "$bssid: no RSN element"
		grep -qE 'Pairwise ciphers: CCMP' <<<"$blk" || fail "$bssid: RSN without CCMP"
		grep -qE 'Authentication suites: PSK' <<<"$blk" || fail "$bssid: RSN without PSK"
	else
		! grep -qE $'^\tRSN:' <<<"$blk" || fail "$bssid: open BSS with an RSN element"
	fi
}
check_bss "$ap0" test 2437 yes
check_bss "$ap2" other 2412 no
check_bss "$ap3" test 2462 yes

# Pinned to vw3, then re-pinned to vw0: the station ends on the BSSID asked.
awk -v b="$ap3" '/^network=\{/ { print; print "\tbssid=" b; next } { print }' \
	"$VW_EXAMPLES/wpa_supplicant.conf" >"$VW_DIR/pinned.conf"
start_sta ns1 vw1 "$VW_DIR/pinned.conf"
wait_connected ns1 vw1
assert_grep "^Connected to $ap3" ip netns exec ns1 iw dev vw1 link
assert_grep $'^\tfreq: 2462' ip netns exec ns1 iw dev vw1 link
ping_ok ns1 10.0.0.4 3

assert_grep '^OK$' wpa_cli_ns ns1 vw1 set_network 0 bssid "$ap0"
assert_grep '^OK$' wpa_cli_ns ns1 vw1 reassociate
wait_for 60 bash -c "ip netns exec ns1 iw dev vw1 link | grep -q '^Connected to $ap0'" ||
	fail "vw1 did not move to $ap0"
wait_connected ns1 vw1
assert_grep "^Connected to $ap0" ip netns exec ns1 iw dev vw1 link
assert_grep $'^\tfreq: 2437' ip netns exec ns1 iw dev vw1 link
ping_ok ns1 10.0.0.1 3
