#!/bin/bash
# vw-timeout: 200
# Management frames to and from user space: a station asks an
# Interworking (Hotspot 2.0) access point for its ANQP elements before it
# associates. wpa_supplicant sends the GAS request with mgmt_tx, off its
# current channel and waiting there for the answer; hostapd gets it
# through its action-frame registration (cfg80211_rx_mgmt) and answers
# with mgmt_tx; the answer reaches wpa_supplicant the same way. Then a
# remain-on-channel from iw, and a WPA2 handshake over the control port
# (EAPOL over nl80211).
#
#   ns0                                ns1
#  +-------------------------------+  +-------------------------------+
#  | vw0  AP  hostapd, open        |  | vw1  STA  wpa_supplicant      |
#  | interworking=1, venue name,   |  | interworking=1, no network    |
#  | domain name (ANQP)            |  | wpa_cli anqp_get BSSID ...    |
#  +---------------+---------------+  +---------------+---------------+
#                  +--- air: 2437 MHz (channel 6) ----+
#
# Asserts: iw lists action frames among the station's and the AP's
# frame types to send and receive; after a scan, wpa_cli anqp_get gets
# the AP's venue name and domain name into wpa_cli bss (the GAS exchange,
# both ways, through user space); iw dev vw1 offchannel succeeds; iw
# lists the control port features and hostapd's and wpa_supplicant's
# debug logs show the handshake's EAPOL sent and received over nl80211
# with tx status, and the station pings.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

radios_in_netns 2

# "Supported RX frame types" / "TX": the managed and AP lines list 0xd0
# (action) among them
frame_types_have_action() {
	ip netns exec ns1 iw phy vw_phy1 info | awk -v want="$1" '
		/Supported (TX|RX) frame types:/ { sect = ($2 == want) }
		/^\t[^\t]/ && !/frame types/ { sect = 0 }
		sect && /\* (managed|AP):/ && /0xd0/ { n++ }
		END { exit n < 2 }'
}
frame_types_have_action TX || fail "action frames are not among the TX frame types of managed and AP"
frame_types_have_action RX || fail "action frames are not among the RX frame types of managed and AP"

start_ap ns0 vw0 hostapd-open.conf interworking=1 access_network_type=0 \
	internet=1 venue_group=7 venue_type=1 \
	"venue_name=eng:vwifi test venue" domain_name=vwifi.example
ap_mac=$(mac_of ns0 vw0)

sta_conf=$VW_DIR/sta-anqp.conf
cat >"$sta_conf" <<EOF
ctrl_interface=/var/run/wpa_supplicant
interworking=1
EOF
start_sta ns1 vw1 "$sta_conf"
bss_known() {
	wpa_cli_ns ns1 vw1 scan >/dev/null
	sleep 2
	wpa_cli_ns ns1 vw1 bss "$ap_mac" | grep -q "^bssid=$ap_mac"
}
wait_for 30 bss_known || fail "the station's scan does not find $ap_mac"

# 258: Venue Name, 268: Domain Name
n ns1 wpa_cli -p "$(wpas_ctrl ns1)" -i vw1 anqp_get "$ap_mac" 258,268
anqp_done() {
	wpa_cli_ns ns1 vw1 bss "$ap_mac" | grep -q '^anqp_domain_name='
}
wait_for 20 anqp_done || {
	show "wpa_supplicant's log" tail -n 40 "$VW_DIR/wpa_supplicant-vw1.log"
	fail "no ANQP answer from $ap_mac"
}
show "wpa_cli bss $ap_mac" wpa_cli_ns ns1 vw1 bss "$ap_mac"
# the elements as hostapd sends them, hex: the domain's length and name
domain_hex=$(printf 'vwifi.example' | od -An -tx1 | tr -d ' \n')
assert_grep "^anqp_domain_name=.*$domain_hex" wpa_cli_ns ns1 vw1 bss "$ap_mac"
venue_hex=$(printf 'vwifi test venue' | od -An -tx1 | tr -d ' \n')
assert_grep "^anqp_venue_name=.*$venue_hex" wpa_cli_ns ns1 vw1 bss "$ap_mac"

# remain on another channel for half a second, then back
n ns1 iw dev vw1 offchannel 2462 500

# EAPOL over nl80211: with the driver offering the control port (and
# its tx status), hostapd and wpa_supplicant use it instead of the
# netdev for the 4-way handshake (their debug logs say so)
stop_sta ns1 vw1
stop_ap ns0 vw0
for feature in CONTROL_PORT_OVER_NL80211 CONTROL_PORT_NO_PREAUTH \
	CONTROL_PORT_OVER_NL80211_TX_STATUS; do
	assert_grep "\\[ $feature \\]" ip netns exec ns1 iw phy vw_phy1 info
done
VW_DEBUG=1 start_ap ns0 vw0 hostapd-wpa2.conf
VW_DEBUG=1 start_sta ns1 vw1 wpa_supplicant.conf
wait_connected ns1 vw1
ping_ok ns1 10.0.0.1 3
for who in wpa_supplicant-vw1 hostapd-vw0; do
	assert_file_grep 'Send over control port dest=.* proto=0x888e' "$VW_DIR/$who.log"
	assert_file_grep 'Control port TX status \(ack=1\)' "$VW_DIR/$who.log"
done
assert_file_grep 'CONTROL_PORT_FRAME\) received for vw1' "$VW_DIR/wpa_supplicant-vw1.log"
dmesg_clean || fail "kernel log"
log PASS
