#!/bin/bash
# vw-timeout: 300
# WPA3-Personal: SAE between hostapd and wpa_supplicant, PMF required,
# with each way of deriving the password element.
#
#   ns0                     ns1                        ns2
#  +--------------------+  +-----------------------+  +----------------+
#  | vw0  AP  10.0.0.1  |  | vw1  STA  10.0.0.2    |  | mon0 (vw_phy2) |
#  | hostapd            |  | wpa_supplicant        |  | monitor,       |
#  | wpa_key_mgmt=SAE   |  | key_mgmt=SAE          |  | tcpdump        |
#  | ieee80211w=2       |  | ieee80211w=2          |  |                |
#  +---------+----------+  +-----------+-----------+  +-------+--------+
#            +------------ air: 2437 MHz (channel 6) ---------+
#
# vwifi runs SAE through cfg80211's external authentication: the station
# SME asks wpa_supplicant for it, the AP hands the SAE frames to hostapd.
#
# Asserts, for sae_pwe 0 (hunting and pecking), 1 (hash-to-element only)
# and 2 (either): the station connects (wpa_cli status key_mgmt=SAE,
# pmf=2, sae_group=19, iw dev vw1 link), pings both ways; the capture
# holds SAE commit and confirm (status 0) from each side. With a wrong
# password it does not connect, and hostapd logs the failed SAE confirm.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

require tcpdump tshark
two_watched
sae_conf=$VW_DIR/sta-sae.conf
ap=''
sta=$(mac_of ns1 vw1)

for pwe in 0 1 2; do
	log "sae_pwe=$pwe"
	start_ap ns0 vw0 hostapd-wpa2.conf wpa_key_mgmt=SAE ieee80211w=2 \
		"sae_pwe=$pwe" sae_password=12345678
	ap=$(mac_of ns0 vw0)
	sae_sta_conf "$sae_conf" 12345678 "sae_pwe=$pwe"
	start_sta ns1 vw1 "$sae_conf"
	wait_connected ns1 vw1
	assert_grep '^key_mgmt=SAE$' wpa_cli_ns ns1 vw1 status
	assert_grep '^pmf=2$' wpa_cli_ns ns1 vw1 status
	assert_grep '^sae_group=19$' wpa_cli_ns ns1 vw1 status
	assert_grep "^Connected to $ap" ip netns exec ns1 iw dev vw1 link
	ping_ok ns1 10.0.0.1 3
	ping_ok ns0 10.0.0.2 3
	stop_sta ns1 vw1
	stop_ap ns0 vw0
done
capture_stop

# On the air: SAE authentication (algorithm 3), commit (1) and confirm (2),
# each way, from the station first.
sae_frames=$VW_DIR/sae-frames.txt
tshark -r "$pcap" -Y 'wlan.fixed.auth.alg == 3' -T fields -E separator=, \
	-e wlan.sa -e wlan.fixed.auth_seq -e wlan.fixed.status_code \
	>"$sae_frames" 2>/dev/null || fail "tshark cannot read $pcap"
n ns2 head -n 8 "$sae_frames"
for who in "$sta" "$ap"; do
	for seq in 0x0001 0x0002; do
		grep -q "^$who,$seq,0x0000$" "$sae_frames" ||
			fail "no SAE authentication $seq from $who on the air"
	done
done

# A wrong password: no connection, and hostapd (debug log) finds the
# station's confirm wrong.
log "wrong password"
VW_DEBUG=1 start_ap ns0 vw0 hostapd-wpa2.conf wpa_key_mgmt=SAE ieee80211w=2 \
	sae_password=12345678
sae_sta_conf "$sae_conf" wrong-one
start_sta ns1 vw1 "$sae_conf"
hostapd_log=$VW_DIR/hostapd-vw0.log
confirm_failed() { grep -q 'SAE: Confirm mismatch' "$hostapd_log"; }
wait_for 60 confirm_failed || fail "hostapd did not log a failed SAE confirm"
sleep 2
assert_grep '^Not connected' ip netns exec ns1 iw dev vw1 link
if wpa_cli_ns ns1 vw1 status | grep -q '^wpa_state=COMPLETED'; then
	fail "vw1 completed with a wrong password"
fi
