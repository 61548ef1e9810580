#!/bin/bash
# An open network (no encryption): the AP and two stations exchange plain
# data frames.
#
#   ns0                       ns1                       ns2
#  +--------------------+    +--------------------+    +--------------------+
#  | vw0  AP  10.0.0.1  |    | vw1  STA 10.0.0.2  |    | vw2  STA 10.0.0.3  |
#  | hostapd, open, ch 6|    | wpa_supplicant     |    | wpa_supplicant     |
#  +---------+----------+    +---------+----------+    +---------+----------+
#            +------------ air: 2437 MHz (channel 6) ------------+
#
# Asserts: both stations connect to vw0 with no RSN in the AP's beacon, the
# AP lists them, ping STA->STA and STA->AP with 0% loss.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

load_vwifi 3
for i in 0 1 2; do
	put_in_netns "vw_phy$i" "ns$i"
	set_ip "ns$i" "vw$i" "10.0.0.$((i + 1))/24"
done

start_ap ns0 vw0 hostapd-open.conf
start_sta ns1 vw1 wpa_supplicant-open.conf
start_sta ns2 vw2 wpa_supplicant-open.conf
wait_connected ns1 vw1
wait_connected ns2 vw2

ap_mac=$(mac_of ns0 vw0)
assert_grep "^Connected to $ap_mac" ip netns exec ns1 iw dev vw1 link
assert_grep "^Connected to $ap_mac" ip netns exec ns2 iw dev vw2 link
# The station saw an open BSS: no pairwise cipher, key management NONE.
assert_grep '^key_mgmt=NONE$' wpa_cli_ns ns1 vw1 status
assert_no_grep '^pairwise_cipher=CCMP' wpa_cli_ns ns1 vw1 status

ping_ok ns1 10.0.0.3
ping_ok ns2 10.0.0.1
ping_ok ns0 10.0.0.2

assert_grep "^Station $(mac_of ns1 vw1) " ip netns exec ns0 iw dev vw0 station dump
assert_grep "^Station $(mac_of ns2 vw2) " ip netns exec ns0 iw dev vw0 station dump
