#!/bin/bash
# Out of range and back: a station moved 10 km away loses its AP (beacons
# below the receiver's sensitivity, the driver reports the loss), and once
# moved back wpa_supplicant finds the AP and reconnects by itself.
#
#   ns0                              ns1
#  +-----------------------------+  +-----------------------------+
#  | vw0  AP  10.0.0.1  WPA2     |  | vw1  STA  10.0.0.2          |
#  | at (0, 0, 0)                |  | at (1, 0, 0) -> (10 km) -> 1 |
#  +--------------+--------------+  +--------------+--------------+
#                 +------ air: 2437 MHz -----------+
#
# Asserts: connected and pinging at 1 m; at 10 km the link goes down within
# the deadline and wpa_supplicant logs the disconnection, pings fail; back
# at 1 m the station is connected again and the ping answers.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=tool-lib.sh
. "$(dirname "$0")/tool-lib.sh"

radios_in_netns 2
vt radio set vw1 position 1 0 0

start_ap ns0 vw0 hostapd-wpa2.conf
start_sta ns1 vw1 wpa_supplicant.conf
wait_connected ns1 vw1
ping_ok ns1 10.0.0.1

vt radio set vw1 position 10000 0 0
wait_disconnected ns1 vw1 30
assert_file_grep 'CTRL-EVENT-DISCONNECTED' "$VW_DIR/wpa_supplicant-vw1.log"
ping_fails ns1 10.0.0.1
assert_grep 'rx_drop_signal: [1-9]' ip netns exec ns1 ethtool -S vw1

vt radio set vw1 position 1 0 0
wait_connected ns1 vw1 90
ping_ok ns1 10.0.0.1
