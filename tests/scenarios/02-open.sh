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

bss_of_two hostapd-open.conf wpa_supplicant-open.conf

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
