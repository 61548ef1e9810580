#!/bin/bash
# vw-timeout: 300
# WPA3 transition mode: one BSS offers SAE and WPA2-PSK (PMF optional);
# a WPA3 station and a WPA2-only one join it and reach each other.
#
#   ns0                      ns1                      ns2
#  +---------------------+  +---------------------+  +---------------------+
#  | vw0  AP  10.0.0.1   |  | vw1  STA  10.0.0.2  |  | vw2  STA  10.0.0.3  |
#  | wpa_key_mgmt=       |  | key_mgmt=SAE        |  | key_mgmt=WPA-PSK    |
#  |   WPA-PSK SAE       |  | ieee80211w=2        |  | no PMF              |
#  | ieee80211w=1        |  |                     |  |                     |
#  +----------+----------+  +----------+----------+  +----------+----------+
#             +-------------- air: 2437 MHz (channel 6) ------+
#
# Asserts: vw1 uses SAE with PMF (wpa_cli status key_mgmt=SAE, pmf=1),
# vw2 WPA2-PSK (key_mgmt=WPA2-PSK); hostapd has both authorized, PMF
# (flag MFP) with vw1 only; each pings the AP and the other station.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

radios_in_netns 3
start_ap ns0 vw0 hostapd-wpa2.conf 'wpa_key_mgmt=WPA-PSK SAE' ieee80211w=1 \
	sae_password=12345678
sae_conf=$VW_DIR/sta-sae.conf
sae_sta_conf "$sae_conf" 12345678
wpa2_conf=$VW_DIR/sta-wpa2.conf
psk_sta_conf "$wpa2_conf" WPA-PSK
start_sta ns1 vw1 "$sae_conf"
start_sta ns2 vw2 "$wpa2_conf"
wait_connected ns1 vw1
wait_connected ns2 vw2

assert_grep '^key_mgmt=SAE$' wpa_cli_ns ns1 vw1 status
# PMF in use; 1, not 2: the AP offers it without requiring it
assert_grep '^pmf=1$' wpa_cli_ns ns1 vw1 status
assert_grep '^key_mgmt=WPA2-PSK$' wpa_cli_ns ns2 vw2 status
# hostapd's view: both authorized, PMF with the WPA3 one only
assert_grep '^flags=.*\[AUTHORIZED\].*\[MFP\]' \
	hostapd_cli_ns ns0 vw0 sta "$(mac_of ns1 vw1)"
assert_grep '^flags=.*\[AUTHORIZED\]' hostapd_cli_ns ns0 vw0 sta "$(mac_of ns2 vw2)"
if hostapd_cli_ns ns0 vw0 sta "$(mac_of ns2 vw2)" | grep -q '\[MFP\]'; then
	fail "the WPA2-only station has PMF at the AP"
fi

ping_ok ns1 10.0.0.1 3
ping_ok ns2 10.0.0.1 3
ping_ok ns1 10.0.0.3 3
ping_ok ns2 10.0.0.2 3
