#!/bin/bash
# vw-timeout: 300
# The modern ciphers: a WPA2 BSS with each pairwise/group cipher of the
# driver's table in turn, and with PMF's management group ciphers, while a
# monitor captures the air; tshark then decrypts the capture with nothing
# but the passphrase. That the two radios understand each other could be
# one bug on both sides; that Wireshark reads what they send is the
# standard.
#
#   ns0                     ns1                     ns2
#  +------------------+    +------------------+    +----------------------+
#  | vw0 AP 10.0.0.1  |    | vw1 STA 10.0.0.2 |    | mon0 (on vw_phy2)    |
#  | hostapd, WPA2    |    | wpa_supplicant   |    | monitor, channel 6   |
#  | rsn_pairwise=X   |    | pairwise=X       |    | tcpdump              |
#  +--------+---------+    +--------+---------+    +----------+-----------+
#           +------------ air: 2437 MHz (channel 6) ----------+
#
# Asserts, for each of CCMP-256, GCMP-128, GCMP-256 (CCMP-128 is every
# other WPA2 scenario): `iw phy` lists the cipher; the station connects
# with it (wpa_cli status: pairwise_cipher and group_cipher) and pings
# both ways; tshark, given only the passphrase, decrypts ICMP from the
# capture in both directions. With ieee80211w=2 and each BIP cipher
# (BIP-CMAC-128/256, BIP-GMAC-128/256) the IGTK is installed on both
# sides (key ID 4) and the BSS works; frames signed with it are
# 51-pmf.sh's.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
require tcpdump tshark

two_and_monitor
n ns2 iw dev mon0 set freq 2437

# iw names the suites its own way; their numbers are the standard's:
# CCMP-256 10, GCMP-128 8, GCMP-256 9, BIP-CMAC-128 6, BIP-CMAC-256 13,
# BIP-GMAC-128 11, BIP-GMAC-256 12
for suite in 10 8 9 6 13 11 12; do
	assert_grep "\\(00-0f-ac:$suite\\)" ip netns exec ns0 iw phy vw_phy0 info
done

# one_bss CIPHER [hostapd key=value...]: a BSS with CIPHER as pairwise and
# group cipher, captured; asserts the connection, pings and decryption.
one_bss() {
	local cipher=$1 sta_conf pcap c
	# hostapd's and wpa_supplicant's name: GCMP for GCMP-128
	local hcipher=${1/-128/}

	shift
	pcap=$VW_DIR/air-$cipher.pcap
	capture_start "$pcap"

	start_ap ns0 vw0 hostapd-wpa2.conf "rsn_pairwise=$hcipher" "$@"
	sta_conf=$VW_DIR/sta-$cipher.conf
	psk_sta_conf "$sta_conf" WPA-PSK "pairwise=$hcipher" "group=$hcipher"
	start_sta ns1 vw1 "$sta_conf"
	wait_connected ns1 vw1
	assert_grep "^pairwise_cipher=$hcipher\$" wpa_cli_ns ns1 vw1 status
	assert_grep "^group_cipher=$hcipher\$" wpa_cli_ns ns1 vw1 status
	ping_ok ns1 10.0.0.1 3
	ping_ok ns0 10.0.0.2 3
	capture_stop

	# tshark with the passphrase and SSID only: the 4-way handshake in
	# the capture gives it the keys
	c=$(tshark -r "$pcap" -o wlan.enable_decryption:TRUE \
		-o 'uat:80211_keys:"wpa-pwd","12345678:test"' \
		-Y 'icmp.type == 8 || icmp.type == 0' -T fields \
		-e icmp.type 2>/dev/null | sort | uniq -c | awk '{ print $2 ":" $1 }' |
		tr '\n' ' ')
	log "$cipher: ICMP decrypted by tshark (type:count): ${c:-none}"
	case $c in
	*0:* ) ;;
	*) fail "$cipher: tshark decrypts no echo reply from the capture" ;;
	esac
	case $c in
	*8:* ) ;;
	*) fail "$cipher: tshark decrypts no echo request from the capture" ;;
	esac
	stop_sta_ap
}

# stop_sta_ap: wpa_supplicant and hostapd stopped, ready for the next BSS
stop_sta_ap() {
	stop_sta ns1 vw1
	stop_ap ns0 vw0
	wait_disconnected ns1 vw1
}

for cipher in CCMP-256 GCMP-128 GCMP-256; do
	one_bss "$cipher"
done

# PMF's group management ciphers: the IGTK (key ID 4) on both sides;
# hostapd and wpa_supplicant call BIP-CMAC-128 AES-128-CMAC
for bip in AES-128-CMAC BIP-CMAC-256 BIP-GMAC-128 BIP-GMAC-256; do
	start_ap ns0 vw0 hostapd-wpa2.conf ieee80211w=2 \
		wpa_key_mgmt=WPA-PSK-SHA256 "group_mgmt_cipher=$bip"
	sta_conf=$VW_DIR/sta-$bip.conf
	psk_sta_conf "$sta_conf" WPA-PSK-SHA256 ieee80211w=2 "group_mgmt=$bip"
	start_sta ns1 vw1 "$sta_conf"
	wait_connected ns1 vw1
	assert_grep '^key_mgmt=WPA2-PSK-SHA256$' wpa_cli_ns ns1 vw1 status
	assert_grep '^pmf=2$' wpa_cli_ns ns1 vw1 status
	# wpa_cli reports AES-128-CMAC as "BIP"
	want=${bip/AES-128-CMAC/BIP}
	assert_grep "^mgmt_group_cipher=$want\$" wpa_cli_ns ns1 vw1 status
	ping_ok ns1 10.0.0.1 3
	log "$bip: PMF BSS up, station connected"
	stop_sta_ap
done
dmesg_clean || fail "kernel log"
log PASS
