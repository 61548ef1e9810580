#!/bin/bash
# vw-timeout: 180
# 802.11n: the same open BSS first HT20 on channel 6 (2.4 GHz), then HT40+
# on channel 36 (5 GHz), the station following it from one to the other.
#
#   ns0                              ns1
#  +-----------------------------+  +-----------------------------+
#  | vw0  AP  10.0.0.1  open     |  | vw1  STA  10.0.0.2          |
#  | 1: hw_mode=g ch 6, HT20     |  | wpa_supplicant              |
#  | 2: hw_mode=a ch 36, HT40+   |  |                             |
#  +--------------+--------------+  +--------------+--------------+
#                 +-- air: 2437 MHz, then 5180-5200 MHz --+
#
# HT40 is left to hostapd's 20/40 MHz coexistence scan (no noscan=1): the
# radio must scan while hostapd sets the BSS up, and report no overlapping
# BSS, or hostapd falls back to 20 MHz (its log shows the HT_SCAN state).
#
# Asserts, on each band: the AP's and the station's "iw dev info" show the
# channel and width (20 MHz with HT, not "no HT"; then 40 MHz with its
# centre at 5190 MHz); the station's tx bitrate is an HT MCS; ping works.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

reg_world_at_exit
radios_in_netns 2

ht20=$'\tchannel 6 \\(2437 MHz\\), width: 20 MHz, center1: 2437 MHz'
ht40=$'\tchannel 36 \\(5180 MHz\\), width: 40 MHz, center1: 5190 MHz'

log "HT20 on channel 6"
start_ap ns0 vw0 hostapd-open.conf ieee80211n=1
start_sta ns1 vw1 wpa_supplicant-open.conf
wait_connected ns1 vw1
assert_grep "$ht20" ip netns exec ns0 iw dev vw0 info
assert_grep "$ht20" ip netns exec ns1 iw dev vw1 info
wait_rate ns1 vw1 10.0.0.1 tx ' MCS [0-9]+'
ping_ok ns1 10.0.0.1
ping_ok ns0 10.0.0.2

log "HT40+ on channel 36"
stop_ap ns0 vw0
wait_disconnected ns1 vw1
start_ap ns0 vw0 hostapd-open.conf "${vw_ap_ht40[@]}"
assert_file_grep 'HT_SCAN->ENABLED' "$VW_DIR/hostapd-vw0.log"
assert_grep "$ht40" ip netns exec ns0 iw dev vw0 info
wait_connected ns1 vw1 90
assert_grep $'^\tfreq: 5180(\\.0)?$' ip netns exec ns1 iw dev vw1 link
assert_grep "$ht40" ip netns exec ns1 iw dev vw1 info
wait_rate ns1 vw1 10.0.0.1 tx ' MCS [0-9]+'
ping_ok ns1 10.0.0.1
ping_ok ns0 10.0.0.2
show "link of vw1 (ip netns exec ns1 iw dev vw1 link)" ip netns exec ns1 iw dev vw1 link
