#!/bin/bash
# vw-timeout: 300
# Protected management frames (802.11w) in a WPA2 BSS that requires them:
# what the AP and the station send is protected, what an attacker sends
# in their names is not believed, and a station that lost its keys still
# gets back in.
#
#   ns0                     ns1                     ns2
#  +------------------+    +------------------+    +----------------------+
#  | vw0 AP 10.0.0.1  |    | vw1 STA 10.0.0.2 |    | mon0 (on vw_phy2)    |
#  | ieee80211w=2     |    | ieee80211w=2     |    | monitor, tcpdump     |
#  | WPA-PSK-SHA256   |    | WPA-PSK-SHA256   |    |                      |
#  +--------+---------+    +--------+---------+    +----------+-----------+
#           +------------ air: 2437 MHz (channel 6) ----------+
#   vwifi only, the attacker: init_net vwt0 (insmod transport=vwt0) --
#   veth -- ns air: vwt1 <- hostile.py (air frames, EtherType 0x88B5)
#
# Asserts, with both drivers: the station negotiates PMF (wpa_cli status
# pmf=2, mgmt_group_cipher=BIP); hostapd_cli deauthenticate sends a
# deauthentication the station obeys, and the capture shows it
# protected (Protected bit, on a frame that tshark cannot read without
# the keys).
# vwifi only (mac80211_hwsim has no transport for the attacker and no
# denylist): 20 spoofed unprotected deauthentications to the station and
# 20 broadcast ones leave it connected (ping), each counted in ethtool -S
# vw1 rx_drop_unprotected; an authentication and association in the
# station's name leave its association standing (ping) and the capture
# shows the AP's temporary rejection (status 30) and its SA Query to the
# station; a station whose deauthentication the AP never heard (denylist)
# and which comes back without keys is asked to come back (status 30),
# does not answer the SA Query, and is associated afresh (ping).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
require tcpdump tshark ethtool python3

if [ "$VW_DRIVER" = vwifi ]; then
	pp ip netns add air
	vw_netns+=(air)
	pp ip link add vwt0 type veth peer name vwt1 netns air
	pp ip link set vwt0 mtu 2304 up
	pp ip -n air link set vwt1 mtu 2304 up
	two_and_monitor transport=vwt0 machine=1
else
	two_and_monitor
fi
n ns2 iw dev mon0 set freq 2437
pcap=$VW_DIR/air.pcap
capture_start "$pcap"

pmf_conf=$VW_DIR/sta-pmf.conf
psk_sta_conf "$pmf_conf" WPA-PSK-SHA256 ieee80211w=2
start_ap ns0 vw0 hostapd-wpa2.conf ieee80211w=2 wpa_key_mgmt=WPA-PSK-SHA256
start_sta ns1 vw1 "$pmf_conf"
wait_connected ns1 vw1
assert_grep '^pmf=2$' wpa_cli_ns ns1 vw1 status
assert_grep '^mgmt_group_cipher=BIP$' wpa_cli_ns ns1 vw1 status
ping_ok ns1 10.0.0.1 3
ap=$(mac_of ns0 vw0)
sta=$(mac_of ns1 vw1)

hostile() {
	n air python3 -S "$VW_LIB_DIR/hostile.py" "$1" vwt1 "${@:2}"
}
still_connected() {
	link_connected ns1 vw1 && wpa_state_is ns1 vw1 COMPLETED
}

if [ "$VW_DRIVER" = vwifi ]; then
	before=$(nic_stat ns1 vw1 rx_drop_unprotected)
	[ -n "$before" ] || fail "ethtool -S vw1 has no rx_drop_unprotected"
	hostile deauth --bssid "$ap" --sta "$sta" --count 20 --rate 20
	hostile deauth --bssid "$ap" --count 20 --rate 20
	sleep 2
	still_connected || fail "spoofed deauthentications disconnected the station"
	ping_ok ns1 10.0.0.1 3
	after=$(nic_stat ns1 vw1 rx_drop_unprotected)
	log "rx_drop_unprotected of vw1: $before before, $after after 40 spoofed deauthentications"
	[ "$((after - before))" -ge 40 ] || fail "only $((after - before)) of 40 spoofed deauthentications dropped as unprotected"

	# in the station's name: the AP keeps the association it has
	hostile spoof-assoc --bssid "$ap" --sta "$sta"
	sleep 3
	still_connected || fail "the station lost its association after a spoofed one"
	ping_ok ns1 10.0.0.1 3
	ping_ok ns0 10.0.0.2 3
	assert_grep "^$sta" ip netns exec ns0 hostapd_cli -p "$(hostapd_ctrl ns0)" -i vw0 all_sta

	# a station that left without the AP hearing it, and comes back
	. "$VW_LIB_DIR/tool-lib.sh"
	vt -d vw0 -s vw1
	stop_sta ns1 vw1
	vt -c
	start_sta ns1 vw1 "$pmf_conf"
	wait_connected ns1 vw1 40
	ping_ok ns1 10.0.0.1 3
fi

# hostapd sends a protected deauthentication; the station obeys it
# (wpa_supplicant reports it, then connects again by itself)
wlog=$VW_DIR/wpa_supplicant-vw1.log
disconnects() {
	grep -c "CTRL-EVENT-DISCONNECTED bssid=$ap" "$wlog" || true
}
before=$(disconnects)
n ns0 hostapd_cli -p "$(hostapd_ctrl ns0)" -i vw0 deauthenticate "$sta"
left() {
	[ "$(disconnects)" -gt "$before" ]
}
wait_for 10 left || fail "the station did not leave after a protected deauthentication"
capture_stop

# type/subtype, Protected bit, status code, action category, from, to
frames=$VW_DIR/frames.csv
tshark -r "$pcap" -T fields -E separator=, -e wlan.fc.type_subtype \
	-e wlan.fc.protected -e wlan.fixed.status_code -e wlan.ta -e wlan.ra \
	>"$frames" 2>/dev/null || fail "tshark cannot read $pcap"
# count WHAT: frames of one kind in the capture
count() {
	awk -F, -v what="$1" -v ap="$ap" -v sta="$sta" '
		function yes(v) { return v == "1" || v == "True" }
		what == "deauth-protected" && $1 == "0x000c" && yes($2) && $4 == ap && $5 == sta { c++ }
		what == "deauth-clear" && $1 == "0x000c" && !yes($2) && $4 == ap && $5 == sta { c++ }
		what == "comeback" && ($1 == "0x0001" || $1 == "0x0003") && ($3 == "30" || $3 == "0x001e") && $5 == sta { c++ }
		what == "action-protected" && $1 == "0x000d" && yes($2) && $4 == ap && $5 == sta { c++ }
		END { print c + 0 }' "$frames"
}
for what in deauth-protected deauth-clear comeback action-protected; do
	log "frames $what: $(count "$what")"
done
[ "$(count deauth-protected)" -gt 0 ] ||
	fail "no protected deauthentication from the AP to the station in the capture"
if [ "$VW_DRIVER" = vwifi ]; then
	[ "$(count comeback)" -ge 2 ] ||
		fail "no association comeback (status 30) for the spoofed and the keyless association"
	[ "$(count action-protected)" -ge 2 ] ||
		fail "no protected SA Query from the AP to the station"
fi
dmesg_clean || fail "kernel log"
log PASS
